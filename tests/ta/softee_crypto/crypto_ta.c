// SPDX-License-Identifier: BSD-2-Clause
/*
 * The symmetric crypto and object test TA: runs the known-answer
 * families and GP behaviour checks in the TA (CMD_CHECK) and misuses
 * the API on purpose (CMD_PANIC) for the client to see the panic.
 */
#include <string.h>
#include <tee_internal_api.h>

#include "ct.h"
#include "softee_crypto_ta.h"

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

static TEE_Result run_check(uint32_t id)
{
	switch (id) {
	case SC_CHECK_DIGEST_SHA:
	case SC_CHECK_DIGEST_SHA3:
	case SC_CHECK_DIGEST_MD5:
	case SC_CHECK_DIGEST_SM3:
		return ct_check_digest(id);
	case SC_CHECK_AES_ECB:
	case SC_CHECK_AES_CBC:
	case SC_CHECK_AES_CTR:
	case SC_CHECK_AES_CTS:
	case SC_CHECK_AES_XTS:
	case SC_CHECK_DES:
	case SC_CHECK_DES3:
		return ct_check_cipher(id);
	case SC_CHECK_HMAC_SHA2:
	case SC_CHECK_HMAC_MD5_SHA1:
	case SC_CHECK_HMAC_SHA3:
	case SC_CHECK_AES_CMAC:
	case SC_CHECK_CBC_MAC:
		return ct_check_mac(id);
	case SC_CHECK_AES_GCM:
	case SC_CHECK_AES_CCM:
		return ct_check_ae(id);
	case SC_CHECK_MULTIPART:
	case SC_CHECK_INPLACE:
		return ct_check_multipart(id);
	case SC_CHECK_ERR_SHORT_BUFFER:
	case SC_CHECK_ERR_BAD_INPUT:
	case SC_CHECK_ERR_KEY_SIZES:
	case SC_CHECK_ERR_ATTRS:
		return ct_check_errors(id);
	case SC_CHECK_OBJECTS:
	case SC_CHECK_OPERATIONS:
	case SC_CHECK_GP11:
		return ct_check_objects(id);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

static TEE_Result cmd_check(uint32_t pt, TEE_Param p[4])
{
	const uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
					      TEE_PARAM_TYPE_MEMREF_OUTPUT,
					      TEE_PARAM_TYPE_NONE,
					      TEE_PARAM_TYPE_NONE);
	TEE_Result res;
	size_t n;

	if (pt != want)
		return TEE_ERROR_BAD_PARAMETERS;
	ct_msg[0] = '\0';
	res = run_check(p[0].value.a);
	if (res != TEE_SUCCESS && !ct_msg[0])
		ct_fail(__FILE__, __LINE__, "check gave 0x%08x", res);
	n = strlen(ct_msg) + 1;
	if (n > p[1].memref.size)
		n = p[1].memref.size;
	if (n) {
		memcpy(p[1].memref.buffer, ct_msg, n);
		((char *)p[1].memref.buffer)[n - 1] = '\0';
	}
	p[1].memref.size = n;
	return res;
}

static TEE_Result cmd_panic(uint32_t pt, TEE_Param p[4])
{
	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				  TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[0].value.a >= SC_PANIC_COUNT)
		return TEE_ERROR_BAD_PARAMETERS;
	ct_panic_case(p[0].value.a);
	return SOFTEE_CRYPTO_NO_PANIC;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd,
				      uint32_t param_types, TEE_Param params[4])
{
	(void)sess_ctx;
	switch (cmd) {
	case SOFTEE_CRYPTO_CMD_CHECK:
		return cmd_check(param_types, params);
	case SOFTEE_CRYPTO_CMD_PANIC:
		return cmd_panic(param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
