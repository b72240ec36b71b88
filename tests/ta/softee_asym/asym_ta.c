// SPDX-License-Identifier: BSD-2-Clause
/*
 * The asymmetric crypto test TA: each command runs one family of checks
 * (asym_ta_*.c) and reports the first failing check in p0.
 */
#include <tee_internal_api.h>

#include "asym_ta_bigint.h"
#include "asym_ta_checks.h"
#include "asym_ta_util.h"

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
	*sess_ctx = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
}

static TEE_Result run(uint32_t cmd, uint32_t arg)
{
	switch (cmd) {
	case ASYM_CMD_BIGINT_ARITH:
		return asym_check_bigint_arith();
	case ASYM_CMD_BIGINT_MOD:
		return asym_check_bigint_mod();
	case ASYM_CMD_RSA_PKCS1_SIGN:
		return asym_check_rsa_pkcs1_sign();
	case ASYM_CMD_RSA_PSS:
		return asym_check_rsa_pss();
	case ASYM_CMD_RSA_OAEP:
		return asym_check_rsa_oaep();
	case ASYM_CMD_RSA_ENC:
		return asym_check_rsa_enc();
	case ASYM_CMD_ECDSA_KAT:
		return asym_check_ecdsa_kat();
	case ASYM_CMD_ECDSA_ROUNDTRIP:
		return asym_check_ecdsa_roundtrip();
	case ASYM_CMD_ECDH:
		return asym_check_ecdh();
	case ASYM_CMD_X25519:
		return asym_check_x25519();
	case ASYM_CMD_ED25519:
		return asym_check_ed25519();
	case ASYM_CMD_DH:
		return asym_check_dh();
	case ASYM_CMD_DSA:
		return asym_check_dsa();
	case ASYM_CMD_ERRORS:
		return asym_check_errors();
	case ASYM_CMD_GP11:
		return asym_check_gp11();
	case ASYM_CMD_RSA_KEYGEN:
		return asym_check_rsa_keygen(arg);
	case ASYM_CMD_PANIC:
		return asym_do_panic(arg);
	case ASYM_CMD_HKDF:
		return asym_check_hkdf();
	case ASYM_CMD_PBKDF2:
		return asym_check_pbkdf2();
	case ASYM_CMD_CONCAT_KDF:
		return asym_check_concat_kdf();
	case ASYM_CMD_KDF_ERRORS:
		return asym_check_kdf_errors();
	case ASYM_CMD_KDF_PANIC:
		return asym_do_kdf_panic(arg);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd,
				      uint32_t param_types, TEE_Param params[4])
{
	uint32_t want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT,
					TEE_PARAM_TYPE_VALUE_INPUT,
					TEE_PARAM_TYPE_NONE,
					TEE_PARAM_TYPE_NONE);
	TEE_Result res;

	(void)sess_ctx;
	if (param_types != want)
		return TEE_ERROR_BAD_PARAMETERS;
	asym_fail.where = 0;
	asym_fail.res = 0;
	res = run(cmd, params[1].value.a);
	arena_release();
	params[0].value.a = asym_fail.where;
	params[0].value.b = asym_fail.res;
	return res;
}
