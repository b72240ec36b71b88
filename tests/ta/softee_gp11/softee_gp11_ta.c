// SPDX-License-Identifier: BSD-2-Clause
/*
 * A TA written for the GP 1.1 Internal API: uint32_t sizes everywhere,
 * TEE_ObjectInfo.keySize. The dev kit builds it with
 * CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y, so the plain names below are the
 * __GP11_ types and functions; the static assertions prove it.
 */
#include <stdio.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <softee_gp11_ta.h>

_Static_assert(sizeof(((TEE_Param *)0)->memref.size) == sizeof(uint32_t),
	       "GP 1.1 TEE_Param expected");
_Static_assert(sizeof(((TEE_Attribute *)0)->content.ref.length) ==
	       sizeof(uint32_t), "GP 1.1 TEE_Attribute expected");
_Static_assert(sizeof(TEE_ObjectInfo) == 7 * sizeof(uint32_t),
	       "GP 1.1 TEE_ObjectInfo expected");

#define CHECK(n, cond) do { \
		if (!(cond)) { \
			EMSG("check %d failed: %s", (n), #cond); \
			return SOFTEE_GP11_CHECK_FAILED(n); \
		} \
	} while (0)

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types, TEE_Param params[4],
				    void **sess_ctx)
{
	(void)params;
	(void)sess_ctx;
	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
}

static TEE_Result cmd_params(uint32_t pt, TEE_Param params[4])
{
	uint8_t *p = params[1].memref.buffer, t;
	uint32_t n = params[1].memref.size, i;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT,
				  TEE_PARAM_TYPE_MEMREF_INOUT,
				  TEE_PARAM_TYPE_VALUE_OUTPUT,
				  TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	params[0].value.a += 1;
	params[0].value.b += 2;
	for (i = 0; p && i < n / 2; i++) {
		t = p[i];
		p[i] = p[n - 1 - i];
		p[n - 1 - i] = t;
	}
	params[1].memref.size = n / 2;
	params[2].value.a = sizeof(params[1].memref.size);
	params[2].value.b = n;
	return TEE_SUCCESS;
}

static TEE_Result cmd_short(uint32_t pt, TEE_Param params[4])
{
	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				  TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (params[0].memref.size < SOFTEE_GP11_SHORT_NEED) {
		params[0].memref.size = SOFTEE_GP11_SHORT_NEED;
		return TEE_ERROR_SHORT_BUFFER;
	}
	TEE_MemFill(params[0].memref.buffer, 'x', SOFTEE_GP11_SHORT_NEED);
	params[0].memref.size = SOFTEE_GP11_SHORT_NEED;
	return TEE_SUCCESS;
}

/* Count the TA's properties by name; note which extension ones exist. */
static TEE_Result count_props(uint32_t *count, char *ext, size_t ext_len)
{
	TEE_PropSetHandle e;
	char name[64];
	uint32_t len;
	TEE_Result res;

	*count = 0;
	ext[0] = '\0';
	res = TEE_AllocatePropertyEnumerator(&e);
	if (res)
		return res;
	TEE_StartPropertyEnumerator(e, TEE_PROPSET_CURRENT_TA);
	for (;;) {
		len = 1;
		/* The 1.1 length comes back as the size needed. */
		res = TEE_GetPropertyName(e, name, &len);
		if (res == TEE_ERROR_ITEM_NOT_FOUND) {
			res = TEE_SUCCESS;
			break;
		}
		if (res != TEE_ERROR_SHORT_BUFFER || len < 2 ||
		    len > sizeof(name)) {
			res = SOFTEE_GP11_CHECK_FAILED(20);
			break;
		}
		res = TEE_GetPropertyName(e, name, &len);
		if (res || len != strlen(name) + 1) {
			res = SOFTEE_GP11_CHECK_FAILED(21);
			break;
		}
		(*count)++;
		if (!strncmp(name, "softee.gp11.", 12) &&
		    strlen(ext) + strlen(name) + 2 < ext_len) {
			if (ext[0])
				strcat(ext, ",");
			strcat(ext, name);
		}
		if (TEE_GetNextProperty(e))
			break;
	}
	TEE_FreePropertyEnumerator(e);
	return res;
}

static TEE_Result cmd_props(uint32_t pt, TEE_Param params[4])
{
	char desc[64], ext[96];
	uint8_t blob[8];
	uint32_t len, need, blob_need, names;
	TEE_Result res;
	int n;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				  TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	len = 1;
	res = TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA,
				      "gpd.ta.description", desc, &len);
	CHECK(1, res == TEE_ERROR_SHORT_BUFFER);
	need = len;
	len = sizeof(desc);
	res = TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA,
				      "gpd.ta.description", desc, &len);
	CHECK(2, res == TEE_SUCCESS && len == strlen(desc) + 1);

	len = 0;
	res = TEE_GetPropertyAsBinaryBlock(TEE_PROPSET_CURRENT_TA,
					   SOFTEE_GP11_PROP_BLOB, NULL, &len);
	CHECK(3, res == TEE_ERROR_SHORT_BUFFER);
	blob_need = len;
	len = sizeof(blob);
	res = TEE_GetPropertyAsBinaryBlock(TEE_PROPSET_CURRENT_TA,
					   SOFTEE_GP11_PROP_BLOB, blob, &len);
	CHECK(4, res == TEE_SUCCESS && len == 4);

	res = count_props(&names, ext, sizeof(ext));
	if (res)
		return res;
	n = snprintf(params[0].memref.buffer, params[0].memref.size,
		     "desc=%s;need=%" PRIu32 ";blob=%02x%02x%02x%02x;"
		     "blobneed=%" PRIu32 ";names=%" PRIu32 ";ext=%s",
		     desc, need, blob[0], blob[1], blob[2], blob[3], blob_need,
		     names, ext);
	CHECK(5, n > 0);
	if ((uint32_t)n >= params[0].memref.size) {
		params[0].memref.size = (uint32_t)n + 1;
		return TEE_ERROR_SHORT_BUFFER;
	}
	params[0].memref.size = (uint32_t)n + 1;
	return TEE_SUCCESS;
}

/* 0 or the number of the first failed check; *bp stays the caller's. */
static uint32_t mem_checks(uint8_t **bp, const uint8_t *in, uint32_t n)
{
	uint8_t *b = *bp;
	uint32_t i;

	for (i = 0; i < n; i++)
		if (b[i])
			return 3;
	TEE_MemMove(b, in, n);
	if (TEE_MemCompare(b, in, n))
		return 4;
	b = TEE_Realloc(b, 2 * n);
	if (!b)
		return 5;
	*bp = b;
	TEE_MemFill(b + n, 0xa5, n);
	for (i = 0; i < n; i++)
		if (b[n + i] != 0xa5)
			return 6;
	if (TEE_MemCompare(b, in, n))
		return 7;
	return 0;
}

static TEE_Result cmd_mem(uint32_t pt, TEE_Param params[4])
{
	uint32_t n = params[0].memref.size, i, failed;
	uint8_t *b, rnd[32] = { 0 };
	int nonzero = 0;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				  TEE_PARAM_TYPE_NONE) || !n)
		return TEE_ERROR_BAD_PARAMETERS;
	CHECK(1, TEE_CheckMemoryAccessRights(TEE_MEMORY_ACCESS_READ |
					     TEE_MEMORY_ACCESS_ANY_OWNER,
					     params[0].memref.buffer, n) ==
		 TEE_SUCCESS);
	b = TEE_Malloc(n, TEE_MALLOC_FILL_ZERO);
	CHECK(2, b != NULL);
	failed = mem_checks(&b, params[0].memref.buffer, n);
	TEE_Free(b);
	CHECK((int)failed, !failed);
	TEE_GenerateRandom(rnd, sizeof(rnd));
	for (i = 0; i < sizeof(rnd); i++)
		nonzero |= rnd[i];
	CHECK(8, nonzero);
	return TEE_SUCCESS;
}

static TEE_Result cmd_object(uint32_t pt, TEE_Param params[4])
{
	static const uint8_t key[32] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
		0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
		0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
		0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	};
	uint32_t bits = params[1].value.a, max = params[1].value.b, len;
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_ObjectInfo info;
	TEE_Attribute attr;
	uint8_t out[32];
	TEE_Result res;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT,
				  TEE_PARAM_TYPE_VALUE_INPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    bits > 8 * sizeof(key) || bits % 8)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_AllocateTransientObject(TEE_TYPE_AES, max, &o);
	if (res)
		return res;
	TEE_InitRefAttribute(&attr, TEE_ATTR_SECRET_VALUE, key, bits / 8);
	res = TEE_PopulateTransientObject(o, &attr, 1);
	if (res)
		goto out;
	res = TEE_GetObjectInfo1(o, &info);
	if (res)
		goto out;
	res = SOFTEE_GP11_CHECK_FAILED(1);
	if (info.objectType != TEE_TYPE_AES)
		goto out;
	params[0].value.a = info.keySize;
	params[0].value.b = info.maxKeySize;
	/* 1.1 output length: SHORT_BUFFER tells the size in a uint32_t. */
	len = 1;
	res = TEE_GetObjectBufferAttribute(o, TEE_ATTR_SECRET_VALUE, out, &len);
	if (res != TEE_ERROR_SHORT_BUFFER || len != bits / 8) {
		res = SOFTEE_GP11_CHECK_FAILED(2);
		goto out;
	}
	len = sizeof(out);
	res = TEE_GetObjectBufferAttribute(o, TEE_ATTR_SECRET_VALUE, out, &len);
	if (res == TEE_SUCCESS &&
	    (len != bits / 8 || TEE_MemCompare(out, key, len)))
		res = SOFTEE_GP11_CHECK_FAILED(3);
out:
	TEE_FreeTransientObject(o);
	return res;
}

static TEE_Result cmd_trace(uint32_t pt)
{
	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	EMSG("softee-gp11-trace-E");
	IMSG("softee-gp11-trace-I");
	DMSG("softee-gp11-trace-D");
	FMSG("softee-gp11-trace-F");
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	(void)sess_ctx;
	switch (cmd_id) {
	case SOFTEE_GP11_CMD_PARAMS:
		return cmd_params(param_types, params);
	case SOFTEE_GP11_CMD_SHORT:
		return cmd_short(param_types, params);
	case SOFTEE_GP11_CMD_PROPS:
		return cmd_props(param_types, params);
	case SOFTEE_GP11_CMD_MEM:
		return cmd_mem(param_types, params);
	case SOFTEE_GP11_CMD_OBJECT:
		return cmd_object(param_types, params);
	case SOFTEE_GP11_CMD_TRACE:
		return cmd_trace(param_types);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
