// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEE_DeriveKey: the key agreements GP defines (DH, ECDH, X25519). The
 * shared secret becomes the TEE_ATTR_SECRET_VALUE of a generic secret.
 * Key derivation functions (HKDF, PBKDF2, Concat KDF) go to tee_api_kdf.c.
 */
#include <stdlib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <tee_internal_api.h>

#include "tee_api_asym.h"
#include "tee_api_kdf.h"
#include "utee_object.h"

/*
 * The raw shared secret: for DH without its leading zeros (as OP-TEE
 * gives it), for ECDH the x coordinate at field width, for X25519 the
 * 32-byte string.
 */
static TEE_Result agree(const struct asym_impl *im, EVP_PKEY *peer,
			uint8_t **secret, size_t *len)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, im->pkey, NULL);
	TEE_Result res = TEE_ERROR_OUT_OF_MEMORY;
	uint8_t *buf = NULL;
	size_t n = 0;

	*secret = NULL;
	if (!ctx)
		return res;
	res = TEE_ERROR_BAD_PARAMETERS;
	/* set_peer also validates the peer's public key. */
	if (EVP_PKEY_derive_init(ctx) <= 0 ||
	    EVP_PKEY_derive_set_peer(ctx, peer) <= 0 ||
	    EVP_PKEY_derive(ctx, NULL, &n) <= 0 || !n)
		goto out;
	res = TEE_ERROR_OUT_OF_MEMORY;
	buf = malloc(n);
	if (!buf)
		goto out;
	res = TEE_ERROR_BAD_PARAMETERS;
	if (EVP_PKEY_derive(ctx, buf, &n) <= 0)
		goto out;
	*secret = buf;
	*len = n;
	buf = NULL;
	res = TEE_SUCCESS;
out:
	if (res)
		asym_clear_errors();
	if (buf) {
		OPENSSL_cleanse(buf, n);
		free(buf);
	}
	EVP_PKEY_CTX_free(ctx);
	return res;
}

/*
 * GP gives TEE_DeriveKey no result: a wrong handle, a derived key object
 * that is not an uninitialised transient generic secret large enough,
 * and a missing or invalid public value all panic.
 */
static void derive_agreement(TEE_OperationHandle operation,
			     const TEE_Attribute *params, uint32_t paramCount,
			     TEE_ObjectHandle derivedKey)
{
	struct asym_impl *im = asym_op_impl(operation,
					    TEE_OPERATION_KEY_DERIVATION,
					    TEE_MODE_DERIVE);
	struct __TEE_OperationHandle *op = utee_op_check(operation);
	struct __TEE_ObjectHandle *dk = utee_obj_check(derivedKey);
	EVP_PKEY *peer = NULL;
	uint8_t *secret = NULL;
	size_t len = 0;
	TEE_Result res;

	if (dk->pobj || dk->initialized ||
	    dk->type != TEE_TYPE_GENERIC_SECRET)
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	res = asym_peer_pkey(im, op->key1, params, paramCount, &peer);
	if (!res)
		res = agree(im, peer, &secret, &len);
	EVP_PKEY_free(peer);
	if (res)
		ASYM_PANIC(res);
	if (len > dk->max_obj_size / 8) {
		OPENSSL_cleanse(secret, len);
		free(secret);
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	}
	res = utee_obj_set_ref(dk, TEE_ATTR_SECRET_VALUE, secret, len);
	OPENSSL_cleanse(secret, len);
	free(secret);
	if (res)
		ASYM_PANIC(res);
	dk->obj_size = (uint32_t)(len * 8);
	dk->initialized = true;
}

void TEE_DeriveKey(TEE_OperationHandle operation, const TEE_Attribute *params,
		   uint32_t paramCount, TEE_ObjectHandle derivedKey)
{
	if (utee_kdf_op(operation))
		utee_kdf_derive(operation, params, paramCount, derivedKey);
	else
		derive_agreement(operation, params, paramCount, derivedKey);
}
