// SPDX-License-Identifier: BSD-2-Clause
/* The benchmark TA: null and value invokes, and memrefs it ignores or passes over. */
#include <softee_bench_ta.h>
#include <tee_internal_api.h>

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[4], void **sess_ctx)
{
	(void)param_types;
	(void)params;
	(void)sess_ctx;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
}

/* The memref commands: IDLE and TOUCH. */
static TEE_Result bench_memref_cmd(uint32_t cmd_id, uint32_t param_types,
				   TEE_Param params[4])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	/* A NULL buffer comes only with size 0: nothing to pass over. */
	if (cmd_id == SOFTEE_BENCH_CMD_TOUCH && params[0].memref.buffer)
		softee_bench_pass(params[0].memref.buffer, params[0].memref.size);
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	const uint32_t none = TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);
	const uint32_t value = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT,
					       TEE_PARAM_TYPE_NONE,
					       TEE_PARAM_TYPE_NONE,
					       TEE_PARAM_TYPE_NONE);

	(void)sess_ctx;
	switch (cmd_id) {
	case SOFTEE_BENCH_CMD_IDLE:
	case SOFTEE_BENCH_CMD_TOUCH:
		return bench_memref_cmd(cmd_id, param_types, params);
	case SOFTEE_BENCH_CMD_NULL:
		return param_types == none ? TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
	case SOFTEE_BENCH_CMD_VALUE:
		if (param_types != value)
			return TEE_ERROR_BAD_PARAMETERS;
		/* The client checks both: the values really made the round trip. */
		params[0].value.b ^= params[0].value.a;
		params[0].value.a += 1;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
