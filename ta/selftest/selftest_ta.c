// SPDX-License-Identifier: BSD-2-Clause
/* A TA that exercises the host: panic, crash, wait/cancel, memrefs, props. */
#include <softee_selftest_ta.h>
#include <tee_internal_api.h>
#include <trace.h>

struct selftest_sess {
	uint32_t count;
};

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t types, TEE_Param params[4],
				    void **ctx)
{
	struct selftest_sess *s = TEE_Malloc(sizeof(*s), TEE_MALLOC_FILL_ZERO);

	(void)types;
	(void)params;
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	*ctx = s;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *ctx)
{
	TEE_Free(ctx);
}

static TEE_Result selftest_reverse(uint32_t types, TEE_Param p[4])
{
	const uint8_t *in = p[0].memref.buffer;
	uint8_t *out = p[1].memref.buffer;
	size_t n = p[0].memref.size, i;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].memref.size < n) {
		p[1].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	for (i = 0; i < n; i++)
		out[i] = in[n - 1 - i];
	p[1].memref.size = n;
	return TEE_SUCCESS;
}

static TEE_Result selftest_props(uint32_t types, TEE_Param p[4])
{
	TEE_Identity id;
	uint32_t v, answer;
	bool flag;
	TEE_Result res;

	if (TEE_PARAM_TYPE_GET(types, 0) != TEE_PARAM_TYPE_VALUE_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, "gpd.ta.dataSize", &v);
	if (res)
		return res;
	res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					"gpd.client.identity", &id);
	if (res)
		return res;
	res = TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA,
				   "softee.selftest.answer", &answer);
	if (res || answer != 42)
		return TEE_ERROR_GENERIC;
	res = TEE_GetPropertyAsBool(TEE_PROPSET_CURRENT_TA,
				    "softee.selftest.flag", &flag);
	if (res || !flag)
		return TEE_ERROR_GENERIC;
	p[0].value.a = v;
	p[0].value.b = id.login;
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *ctx, uint32_t cmd, uint32_t types,
				      TEE_Param params[4])
{
	struct selftest_sess *s = ctx;
	volatile int *volatile nowhere = NULL;

	switch (cmd) {
	case SELFTEST_CMD_PANIC:
		TEE_Panic(params[0].value.a);
	case SELFTEST_CMD_WAIT:
		if (params[0].value.b)
			TEE_UnmaskCancellation();
		return TEE_Wait(params[0].value.a);
	case SELFTEST_CMD_REVERSE:
		return selftest_reverse(types, params);
	case SELFTEST_CMD_PROPS:
		return selftest_props(types, params);
	case SELFTEST_CMD_CRASH:
		*nowhere = 1;
		return TEE_ERROR_GENERIC;
	case SELFTEST_CMD_COUNT:
		s->count++;
		params[0].value.a += s->count;
		return TEE_SUCCESS;
	default:
		DMSG("unknown command %u", cmd);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
