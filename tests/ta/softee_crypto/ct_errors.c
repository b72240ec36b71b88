// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP error behaviour that is a result, not a panic: SHORT_BUFFER with the
 * size needed (and nothing consumed), bad input lengths, unsupported
 * sizes and algorithms, inconsistent attributes, wrong tags and MACs.
 */
#include <string.h>
#include <tee_internal_api.h>

#include "ct.h"
#include "softee_crypto_ta.h"

static uint8_t buf[256], out[256];
static const uint8_t key16[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
				   14, 15, 16 };
static const uint8_t iv16[16] = { 0x0f, 0x0e, 0x0d, 0x0c };

/* An operation of alg with a 128-bit AES key (or the digest alone). */
static TEE_Result op_with_key(uint32_t alg, uint32_t mode,
			      TEE_OperationHandle *op)
{
	TEE_ObjectHandle k;

	CT_RES(TEE_AllocateOperation(op, alg, mode, 128), TEE_SUCCESS,
	       "allocate");
	CT_TRY(ct_key(TEE_TYPE_AES, key16, 16, &k));
	CT_RES(TEE_SetOperationKey(*op, k), TEE_SUCCESS, "set key");
	TEE_FreeTransientObject(k);
	return TEE_SUCCESS;
}

static TEE_Result short_digest_and_mac(void)
{
	TEE_OperationHandle op;
	uint8_t ref[32];
	size_t n = 10, rn = sizeof(ref);

	ct_fill(buf, sizeof(buf), 3);
	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS, "allocate");
	/* The chunk of a call that fails for size is not consumed. */
	CT_RES(TEE_DigestDoFinal(op, buf, 100, out, &n), TEE_ERROR_SHORT_BUFFER,
	       "digest final short");
	CT_CHECK(n == 32, "needed %zu, want 32", n);
	CT_RES(TEE_DigestDoFinal(op, buf, 100, out, &n), TEE_SUCCESS,
	       "digest final");
	CT_TRY(ct_digest(TEE_ALG_SHA256, buf, 100, 0, ref, &rn));
	CT_SAME("digest after SHORT_BUFFER", out, n, ref, rn);
	TEE_FreeOperation(op);

	CT_TRY(op_with_key(TEE_ALG_AES_CMAC, TEE_MODE_MAC, &op));
	TEE_MACInit(op, NULL, 0);
	n = 15;
	CT_RES(TEE_MACComputeFinal(op, buf, 40, out, &n), TEE_ERROR_SHORT_BUFFER,
	       "MAC final short");
	CT_CHECK(n == 16, "MAC needed %zu", n);
	CT_RES(TEE_MACComputeFinal(op, buf, 40, out, &n), TEE_SUCCESS,
	       "MAC final");
	TEE_FreeOperation(op);
	return TEE_SUCCESS;
}

static TEE_Result short_cipher(void)
{
	TEE_OperationHandle op;
	size_t n;

	CT_TRY(op_with_key(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT, &op));
	TEE_CipherInit(op, iv16, 16);
	n = 0;
	CT_RES(TEE_CipherUpdate(op, buf, 20, out, &n), TEE_ERROR_SHORT_BUFFER,
	       "CBC update short");
	CT_CHECK(n == 16, "CBC update needed %zu", n);
	CT_RES(TEE_CipherUpdate(op, buf, 20, out, &n), TEE_SUCCESS, "update");
	CT_CHECK(n == 16, "CBC update gave %zu", n);
	/* 4 bytes are buffered: 12 more complete a block. */
	n = 15;
	CT_RES(TEE_CipherUpdate(op, buf + 20, 12, out, &n),
	       TEE_ERROR_SHORT_BUFFER, "CBC second update short");
	CT_CHECK(n == 16, "CBC second update needed %zu", n);
	n = 31;
	CT_RES(TEE_CipherDoFinal(op, buf + 20, 28, out, &n),
	       TEE_ERROR_SHORT_BUFFER, "CBC final short");
	CT_CHECK(n == 32, "CBC final needed %zu", n);
	CT_RES(TEE_CipherDoFinal(op, buf + 20, 28, out, &n), TEE_SUCCESS,
	       "CBC final");
	CT_CHECK(n == 32, "CBC final gave %zu", n);
	TEE_FreeOperation(op);

	/* CTS keeps the last two blocks back until the final. */
	CT_TRY(op_with_key(TEE_ALG_AES_CTS, TEE_MODE_ENCRYPT, &op));
	TEE_CipherInit(op, iv16, 16);
	n = 0;
	CT_RES(TEE_CipherUpdate(op, buf, 32, out, &n), TEE_SUCCESS,
	       "CTS update of two blocks");
	CT_CHECK(n == 0, "CTS released %zu of two blocks", n);
	n = 0;
	CT_RES(TEE_CipherUpdate(op, buf, 8, out, &n), TEE_ERROR_SHORT_BUFFER,
	       "CTS update short");
	CT_CHECK(n == 16, "CTS update needed %zu", n);
	n = 16;
	CT_RES(TEE_CipherUpdate(op, buf, 8, out, &n), TEE_SUCCESS, "CTS update");
	n = 10;
	CT_RES(TEE_CipherDoFinal(op, buf, 3, out, &n), TEE_ERROR_SHORT_BUFFER,
	       "CTS final short");
	CT_CHECK(n == 27, "CTS final needed %zu", n);
	TEE_FreeOperation(op);
	return TEE_SUCCESS;
}

static TEE_Result short_ae(void)
{
	TEE_OperationHandle op;
	uint8_t tag[16];
	size_t n, tl;

	CT_TRY(op_with_key(TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT, &op));
	CT_RES(TEE_AEInit(op, iv16, 12, 128, 0, 0), TEE_SUCCESS, "AE init");
	n = 3;
	CT_RES(TEE_AEUpdate(op, buf, 10, out, &n), TEE_ERROR_SHORT_BUFFER,
	       "AE update short");
	CT_CHECK(n == 10, "AE update needed %zu", n);
	/* Both lengths come back when both are short. */
	n = 1;
	tl = 4;
	CT_RES(TEE_AEEncryptFinal(op, buf, 5, out, &n, tag, &tl),
	       TEE_ERROR_SHORT_BUFFER, "AE final short");
	CT_CHECK(n == 5 && tl == 16, "AE final needed %zu and %zu", n, tl);
	n = 5;
	tl = 12;
	CT_RES(TEE_AEEncryptFinal(op, buf, 5, out, &n, tag, &tl),
	       TEE_ERROR_SHORT_BUFFER, "AE final tag short");
	CT_CHECK(tl == 16, "AE tag needed %zu", tl);
	tl = 16;
	CT_RES(TEE_AEEncryptFinal(op, buf, 5, out, &n, tag, &tl), TEE_SUCCESS,
	       "AE final");
	TEE_FreeOperation(op);
	return TEE_SUCCESS;
}

static TEE_Result short_info(void)
{
	TEE_OperationHandle op;
	TEE_ObjectHandle k;
	uint8_t m[sizeof(TEE_OperationInfoMultiple) +
		  2 * sizeof(TEE_OperationInfoKey)];
	size_t n;

	CT_TRY(ct_key(TEE_TYPE_AES, key16, 16, &k));
	n = 3;
	CT_RES(TEE_GetObjectBufferAttribute(k, TEE_ATTR_SECRET_VALUE, out, &n),
	       TEE_ERROR_SHORT_BUFFER, "secret short");
	CT_CHECK(n == 16, "secret needed %zu", n);
	TEE_FreeTransientObject(k);

	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_AES_XTS, TEE_MODE_ENCRYPT,
				     256), TEE_SUCCESS, "allocate XTS");
	n = sizeof(TEE_OperationInfoMultiple);
	CT_RES(TEE_GetOperationInfoMultiple(op, (void *)m, &n),
	       TEE_ERROR_SHORT_BUFFER, "info multiple short");
	CT_CHECK(n == sizeof(m), "info multiple needed %zu", n);
	CT_RES(TEE_GetOperationInfoMultiple(op, (void *)m, &n), TEE_SUCCESS,
	       "info multiple");
	TEE_FreeOperation(op);
	return TEE_SUCCESS;
}

static TEE_Result bad_lengths(void)
{
	TEE_OperationHandle op;
	size_t n;

	/* NOPAD needs whole blocks: an error the TA can recover from. */
	CT_TRY(op_with_key(TEE_ALG_AES_ECB_NOPAD, TEE_MODE_ENCRYPT, &op));
	TEE_CipherInit(op, NULL, 0);
	n = sizeof(out);
	CT_RES(TEE_CipherDoFinal(op, buf, 20, out, &n),
	       TEE_ERROR_BAD_PARAMETERS, "ECB final of 20 bytes");
	n = sizeof(out);
	CT_RES(TEE_CipherDoFinal(op, buf, 32, out, &n), TEE_SUCCESS,
	       "ECB final of 32 bytes after the error");
	CT_CHECK(n == 32, "ECB final gave %zu", n);
	TEE_FreeOperation(op);

	/* CTS needs at least one block. */
	CT_TRY(op_with_key(TEE_ALG_AES_CTS, TEE_MODE_DECRYPT, &op));
	TEE_CipherInit(op, iv16, 16);
	n = sizeof(out);
	CT_RES(TEE_CipherDoFinal(op, buf, 10, out, &n),
	       TEE_ERROR_BAD_PARAMETERS, "CTS final of 10 bytes");
	TEE_FreeOperation(op);

	/* MACs compare over the whole length. */
	CT_TRY(op_with_key(TEE_ALG_AES_CMAC, TEE_MODE_MAC, &op));
	TEE_MACInit(op, NULL, 0);
	n = 16;
	CT_RES(TEE_MACComputeFinal(op, buf, 10, out, &n), TEE_SUCCESS, "CMAC");
	TEE_MACInit(op, NULL, 0);
	CT_RES(TEE_MACCompareFinal(op, buf, 10, out, 15), TEE_ERROR_MAC_INVALID,
	       "compare of a truncated MAC");
	TEE_MACInit(op, NULL, 0);
	CT_RES(TEE_MACCompareFinal(op, buf, 10, out, 16), TEE_SUCCESS,
	       "compare of the MAC");
	TEE_FreeOperation(op);
	return TEE_SUCCESS;
}

static TEE_Result bad_ae(void)
{
	TEE_OperationHandle op;
	uint8_t tag[16];
	size_t n, tl = 16;

	CT_TRY(op_with_key(TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT, &op));
	CT_RES(TEE_AEInit(op, iv16, 12, 64, 0, 0), TEE_ERROR_NOT_SUPPORTED,
	       "GCM 64-bit tag");
	CT_RES(TEE_AEInit(op, iv16, 12, 100, 0, 0), TEE_ERROR_NOT_SUPPORTED,
	       "GCM 100-bit tag");
	CT_RES(TEE_AEInit(op, iv16, 12, 96, 0, 0), TEE_SUCCESS, "GCM 96");
	n = sizeof(out);
	CT_RES(TEE_AEEncryptFinal(op, buf, 33, out, &n, tag, &tl), TEE_SUCCESS,
	       "GCM seal");
	CT_CHECK(tl == 12, "GCM tag of %zu bytes", tl);
	TEE_FreeOperation(op);

	/* A tag of another length than the one announced is invalid. */
	CT_TRY(op_with_key(TEE_ALG_AES_GCM, TEE_MODE_DECRYPT, &op));
	CT_RES(TEE_AEInit(op, iv16, 12, 96, 0, 0), TEE_SUCCESS, "GCM init");
	n = sizeof(buf);
	CT_RES(TEE_AEDecryptFinal(op, out, 33, buf, &n, tag, 11),
	       TEE_ERROR_MAC_INVALID, "GCM open with a short tag");
	CT_RES(TEE_AEInit(op, iv16, 12, 96, 0, 0), TEE_SUCCESS, "GCM init");
	n = sizeof(buf);
	CT_RES(TEE_AEDecryptFinal(op, out, 33, buf, &n, tag, 12), TEE_SUCCESS,
	       "GCM open");
	TEE_FreeOperation(op);

	CT_TRY(op_with_key(TEE_ALG_AES_CCM, TEE_MODE_ENCRYPT, &op));
	CT_RES(TEE_AEInit(op, iv16, 13, 24, 0, 10), TEE_ERROR_NOT_SUPPORTED,
	       "CCM 24-bit tag");
	CT_RES(TEE_AEInit(op, iv16, 13, 36, 0, 10), TEE_ERROR_NOT_SUPPORTED,
	       "CCM 36-bit tag");
	CT_RES(TEE_AEInit(op, iv16, 13, 40, 0, 10), TEE_ERROR_NOT_SUPPORTED,
	       "CCM 40-bit tag");
	CT_RES(TEE_AEInit(op, iv16, 13, 48, 0, 10), TEE_SUCCESS, "CCM 48");
	TEE_FreeOperation(op);
	return TEE_SUCCESS;
}

static TEE_Result bad_algorithms(void)
{
	TEE_OperationHandle op, op2;
	TEE_ObjectHandle k;

	CT_RES(TEE_AllocateOperation(&op, 0x10000099, TEE_MODE_ENCRYPT, 128),
	       TEE_ERROR_NOT_SUPPORTED, "unknown algorithm");
	CT_CHECK(op == TEE_HANDLE_NULL, "handle left on failure");
	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_AES_CBC_NOPAD, TEE_MODE_SIGN,
				     128), TEE_ERROR_NOT_SUPPORTED,
	       "cipher in sign mode");
	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_ENCRYPT, 0),
	       TEE_ERROR_NOT_SUPPORTED, "digest in encrypt mode");
	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_HMAC_SHA1, TEE_MODE_DIGEST,
				     160), TEE_ERROR_NOT_SUPPORTED,
	       "HMAC in digest mode");
	CT_RES(TEE_IsAlgorithmSupported(TEE_ALG_AES_GCM,
					TEE_CRYPTO_ELEMENT_NONE), TEE_SUCCESS,
	       "GCM supported");
	CT_RES(TEE_IsAlgorithmSupported(TEE_ALG_SHAKE256,
					TEE_CRYPTO_ELEMENT_NONE), TEE_SUCCESS,
	       "SHAKE256 supported");
	CT_RES(TEE_IsAlgorithmSupported(TEE_ALG_AES_GCM,
					TEE_ECC_CURVE_NIST_P256),
	       TEE_ERROR_NOT_SUPPORTED, "GCM with a curve");
	CT_RES(TEE_IsAlgorithmSupported(0x12345678, TEE_CRYPTO_ELEMENT_NONE),
	       TEE_ERROR_NOT_SUPPORTED, "unknown algorithm supported");

	/* XTS with one key object twice: GP 1.3.1 says SECURITY. */
	CT_RES(TEE_AllocateOperation(&op2, TEE_ALG_AES_XTS, TEE_MODE_ENCRYPT,
				     256), TEE_SUCCESS, "allocate XTS");
	CT_TRY(ct_key(TEE_TYPE_AES, key16, 16, &k));
	CT_RES(TEE_SetOperationKey2(op2, k, k), TEE_ERROR_SECURITY,
	       "XTS with the same key twice");
	TEE_FreeOperation(op2);

	/* Attributes an object lacks. */
	CT_RES(TEE_GetObjectBufferAttribute(k, TEE_ATTR_RSA_MODULUS, out,
					    &(size_t){ sizeof(out) }),
	       TEE_ERROR_ITEM_NOT_FOUND, "RSA modulus of an AES key");
	CT_RES(TEE_GetObjectValueAttribute(k, TEE_ATTR_ECC_CURVE, NULL, NULL),
	       TEE_ERROR_ITEM_NOT_FOUND, "curve of an AES key");
	TEE_FreeTransientObject(k);
	return TEE_SUCCESS;
}

struct size_case {
	uint32_t type, bits;
	TEE_Result want;
};

static const struct size_case obj_sizes[] = {
	{ TEE_TYPE_AES, 100, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_AES, 512, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_AES, 192, TEE_SUCCESS },
	{ TEE_TYPE_DES, 56, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_DES, 64, TEE_SUCCESS },
	{ TEE_TYPE_DES3, 64, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_DES3, 128, TEE_SUCCESS },
	{ TEE_TYPE_HMAC_SHA256, 184, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_HMAC_SHA256, 196, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_HMAC_SHA256, 1032, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_HMAC_SHA256, 1024, TEE_SUCCESS },
	{ TEE_TYPE_HMAC_MD5, 72, TEE_SUCCESS },
	{ TEE_TYPE_GENERIC_SECRET, 4104, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_GENERIC_SECRET, 4096, TEE_SUCCESS },
	{ TEE_TYPE_RSA_KEYPAIR, 128, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_RSA_KEYPAIR, 8192, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_RSA_KEYPAIR, 2048, TEE_SUCCESS },
	{ TEE_TYPE_ECDSA_KEYPAIR, 255, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_ECDSA_KEYPAIR, 521, TEE_SUCCESS },
	{ TEE_TYPE_ED25519_KEYPAIR, 255, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_X25519_PUBLIC_KEY, 256, TEE_SUCCESS },
	{ TEE_TYPE_DSA_KEYPAIR, 1000, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_DH_KEYPAIR, 4096, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_TYPE_DATA, 0, TEE_ERROR_NOT_SUPPORTED },
	{ 0xA0000099, 128, TEE_ERROR_NOT_SUPPORTED },
};

static const struct size_case op_sizes[] = {
	{ TEE_ALG_AES_CBC_NOPAD, 100, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_ALG_AES_CBC_NOPAD, 192, TEE_SUCCESS },
	{ TEE_ALG_HMAC_SHA256, 128, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_ALG_HMAC_SHA256, 256, TEE_SUCCESS },
	{ TEE_ALG_DES_ECB_NOPAD, 128, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_ALG_DES3_CBC_NOPAD, 192, TEE_SUCCESS },
	{ TEE_ALG_AES_XTS, 100, TEE_ERROR_NOT_SUPPORTED },
	{ TEE_ALG_AES_XTS, 512, TEE_SUCCESS },
	{ TEE_ALG_AES_GCM, 64, TEE_ERROR_NOT_SUPPORTED },
};

static TEE_Result key_sizes(void)
{
	TEE_ObjectHandle o;
	TEE_OperationHandle op;
	TEE_Attribute a;
	size_t i;

	for (i = 0; i < sizeof(obj_sizes) / sizeof(obj_sizes[0]); i++) {
		CT_CHECK(TEE_AllocateTransientObject(obj_sizes[i].type,
						     obj_sizes[i].bits, &o) ==
			 obj_sizes[i].want, "type 0x%08x of %u bits: not 0x%08x",
			 obj_sizes[i].type, obj_sizes[i].bits,
			 obj_sizes[i].want);
		CT_CHECK((o != TEE_HANDLE_NULL) == !obj_sizes[i].want,
			 "handle after 0x%08x", obj_sizes[i].want);
		TEE_FreeTransientObject(o);
	}
	for (i = 0; i < sizeof(op_sizes) / sizeof(op_sizes[0]); i++) {
		uint32_t mode = op_sizes[i].type >> 28 == 3 ? TEE_MODE_MAC :
							    TEE_MODE_ENCRYPT;

		CT_CHECK(TEE_AllocateOperation(&op, op_sizes[i].type, mode,
					       op_sizes[i].bits) ==
			 op_sizes[i].want, "alg 0x%08x, %u bits: not 0x%08x",
			 op_sizes[i].type, op_sizes[i].bits, op_sizes[i].want);
		TEE_FreeOperation(op);
	}
	/* A key of a length the type cannot have is inconsistent. */
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &o), TEE_SUCCESS,
	       "allocate");
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, buf, 20);
	CT_RES(TEE_PopulateTransientObject(o, &a, 1), TEE_ERROR_BAD_PARAMETERS,
	       "AES key of 20 bytes");
	TEE_FreeTransientObject(o);
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_DES3, 192, &o), TEE_SUCCESS,
	       "allocate");
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, buf, 8);
	CT_RES(TEE_PopulateTransientObject(o, &a, 1), TEE_ERROR_BAD_PARAMETERS,
	       "3DES key of 8 bytes");
	TEE_FreeTransientObject(o);
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_HMAC_SHA256, 512, &o),
	       TEE_SUCCESS, "allocate");
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, buf, 16);
	CT_RES(TEE_PopulateTransientObject(o, &a, 1), TEE_ERROR_BAD_PARAMETERS,
	       "HMAC-SHA256 key under its minimum");
	/* Too large for the object: an error as OP-TEE has it. */
	CT_RES(TEE_GenerateKey(o, 1024, NULL, 0), TEE_ERROR_BAD_PARAMETERS,
	       "generate beyond maxObjectSize");
	CT_RES(TEE_GenerateKey(o, 512, NULL, 0), TEE_SUCCESS, "generate");
	TEE_FreeTransientObject(o);
	return TEE_SUCCESS;
}

TEE_Result ct_check_errors(uint32_t id)
{
	switch (id) {
	case SC_CHECK_ERR_SHORT_BUFFER:
		CT_TRY(short_digest_and_mac());
		CT_TRY(short_cipher());
		CT_TRY(short_ae());
		return short_info();
	case SC_CHECK_ERR_BAD_INPUT:
		CT_TRY(bad_lengths());
		CT_TRY(bad_ae());
		return bad_algorithms();
	case SC_CHECK_ERR_KEY_SIZES:
		return key_sizes();
	case SC_CHECK_ERR_ATTRS:
		return ct_check_objects(id);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
