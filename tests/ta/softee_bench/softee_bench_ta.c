// SPDX-License-Identifier: BSD-2-Clause
/* The benchmark TA: either ignores its memref or passes over every byte of it. */
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

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);

	(void)sess_ctx;
	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd_id) {
	case SOFTEE_BENCH_CMD_IDLE:
		return TEE_SUCCESS;
	case SOFTEE_BENCH_CMD_TOUCH:
		/* A NULL buffer comes only with size 0: nothing to pass over. */
		if (params[0].memref.buffer)
			softee_bench_pass(params[0].memref.buffer,
					  params[0].memref.size);
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
