// SPDX-License-Identifier: BSD-2-Clause
/*
 * The state of an asymmetric operation: tee_api_operation.c keys the
 * operation and calls utee_asym_op_init, which turns the key object into
 * an EVP_PKEY once, so that each encryption, signature or derivation only
 * sets up an EVP_PKEY_CTX. Also the GP checks shared by the entry points.
 */
#include <stdlib.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <tee_internal_api.h>
#include <trace.h>

#include "tee_api_asym.h"
#include "utee_object.h"

#define KEYPAIR_BIT	0x01000000U	/* TEE_TYPE_*_KEYPAIR vs _PUBLIC_KEY */
#define ED25519_SIG_BYTES 64
#define X25519_SECRET_BYTES 32

void asym_panic(TEE_Result code, const char *func, int line)
{
	trace_printf(func, line, TRACE_ERROR, false,
		     "asymmetric crypto: panic 0x%08x", code);
	TEE_Panic(code);
}

static void asym_impl_free(struct __TEE_OperationHandle *op)
{
	struct asym_impl *im = op->impl;

	if (!im)
		return;
	EVP_PKEY_free(im->pkey);
	free(im);
	op->impl = NULL;
}

/* Bytes of the FFC subgroup order q of a DSA key (r and s width). */
static size_t dsa_q_bytes(const EVP_PKEY *pkey)
{
	BIGNUM *q = NULL;
	size_t n = 0;

	if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_FFC_Q, &q))
		n = (size_t)BN_num_bytes(q);
	else
		asym_clear_errors();
	BN_free(q);
	return n;
}

/* Does the key fit the algorithm? Fill in what the entry points need. */
static TEE_Result impl_setup(struct asym_impl *im,
			     const struct __TEE_OperationHandle *op)
{
	const struct __TEE_ObjectHandle *key = op->key1;
	const struct asym_alg *a = im->alg;
	bool pair = key->type & KEYPAIR_BIT;

	if (!asym_key_type_ok(a->scheme, key->type))
		return TEE_ERROR_BAD_PARAMETERS;
	/* The private key is needed to sign, decrypt and derive. */
	if (!pair && (op->info.mode == TEE_MODE_SIGN ||
		      op->info.mode == TEE_MODE_DECRYPT ||
		      op->info.mode == TEE_MODE_DERIVE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (a->scheme) {
	case ASYM_ECDSA:
	case ASYM_ECDH:
		im->curve = asym_obj_curve(key);
		if (!im->curve || (a->curve && a->curve != im->curve->id))
			return TEE_ERROR_BAD_PARAMETERS;
		im->width = im->curve->bytes;
		break;
	case ASYM_DSA:
		im->width = dsa_q_bytes(im->pkey);
		break;
	case ASYM_ED25519:
		im->width = ED25519_SIG_BYTES;
		break;
	case ASYM_X25519:
		im->width = X25519_SECRET_BYTES;
		break;
	default:	/* RSA (modulus bytes) and DH (prime bytes) */
		im->width = (size_t)EVP_PKEY_get_size(im->pkey);
		break;
	}
	return im->width ? TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
}

TEE_Result utee_asym_op_init(struct __TEE_OperationHandle *op)
{
	const struct asym_alg *a = asym_alg_find(op->info.algorithm);
	struct asym_impl *im;
	TEE_Result res;

	if (!a)
		return TEE_ERROR_NOT_SUPPORTED;
	if (!op->key1)
		return TEE_ERROR_BAD_STATE;
	if (op->impl && op->impl_free)
		op->impl_free(op);
	op->impl = NULL;
	im = calloc(1, sizeof(*im));
	if (!im)
		return TEE_ERROR_OUT_OF_MEMORY;
	im->magic = ASYM_IMPL_MAGIC;
	im->alg = a;
	/* Refuse a wrong key type before handing its attributes to OpenSSL. */
	if (!asym_key_type_ok(a->scheme, op->key1->type)) {
		res = TEE_ERROR_BAD_PARAMETERS;
		goto err;
	}
	res = asym_pkey_from_obj(op->key1, &im->pkey);
	if (res)
		goto err;
	res = impl_setup(im, op);
	if (res)
		goto err;
	op->impl = im;
	op->impl_free = asym_impl_free;
	/* Nothing to reset or copy: the EVP_PKEY follows the key. */
	op->impl_reset = NULL;
	op->impl_copy = NULL;
	return TEE_SUCCESS;
err:
	EVP_PKEY_free(im->pkey);
	free(im);
	return res;
}

struct asym_impl *asym_op_impl(TEE_OperationHandle h, uint32_t cls,
			       uint32_t mode)
{
	struct __TEE_OperationHandle *op = utee_op_check(h);
	struct asym_impl *im = op->impl;

	if (op->info.operationClass != cls || op->info.mode != mode)
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	if (!op->key1 || !im ||
	    !(op->info.handleState & TEE_HANDLE_FLAG_KEY_SET))
		ASYM_PANIC(TEE_ERROR_BAD_STATE);
	if (im->magic != ASYM_IMPL_MAGIC)
		ASYM_PANIC(TEE_ERROR_BAD_STATE);
	return im;
}

const TEE_Attribute *asym_param(const TEE_Attribute *params, uint32_t n,
				uint32_t id)
{
	const TEE_Attribute *found = NULL;

	if (n && !params)
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	for (uint32_t i = 0; i < n; i++) {
		const TEE_Attribute *a = &params[i];

		if (!(a->attributeID & TEE_ATTR_FLAG_VALUE) &&
		    !a->content.ref.buffer && a->content.ref.length)
			ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
		if (a->attributeID == id && !found)
			found = a;
	}
	return found;
}
