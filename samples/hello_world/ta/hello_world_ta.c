// SPDX-License-Identifier: BSD-2-Clause
/* The hello world TA: adds or subtracts one from a value the client sends. */
#include <hello_world_ta.h>
#include <tee_internal_api.h>
#include <trace.h>

TEE_Result TA_CreateEntryPoint(void)
{
	DMSG("hello world TA created");
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	DMSG("hello world TA destroyed");
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[4], void **sess_ctx)
{
	const uint32_t none = TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);

	(void)params;
	(void)sess_ctx;
	if (param_types != none)
		return TEE_ERROR_BAD_PARAMETERS;
	IMSG("Hello from softee!");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
	IMSG("Goodbye!");
}

static TEE_Result hello_step(uint32_t param_types, TEE_Param params[4],
			     int step)
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);

	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	IMSG("Got value: %u from the normal world", params[0].value.a);
	params[0].value.a += (uint32_t)step;
	IMSG("Changed value to: %u", params[0].value.a);
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	(void)sess_ctx;
	switch (cmd_id) {
	case TA_HELLO_WORLD_CMD_INC_VALUE:
		return hello_step(param_types, params, 1);
	case TA_HELLO_WORLD_CMD_DEC_VALUE:
		return hello_step(param_types, params, -1);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
