// SPDX-License-Identifier: BSD-2-Clause
/*
 * Misuse that GP 1.3.1 answers with a panic. Each case sets up what it
 * needs and then commits one error; the runtime must kill the TA there
 * (the client sees TEE_ERROR_TARGET_DEAD). Returning means no panic.
 */
#include <string.h>
#include <tee_internal_api.h>

#include "ct.h"
#include "softee_crypto_ta.h"

static const uint8_t key32[32] = { 9, 8, 7, 6, 5, 4, 3, 2, 1 };
static uint8_t buf[64];

static TEE_ObjectHandle key(uint32_t type, size_t len)
{
	TEE_ObjectHandle k = TEE_HANDLE_NULL;

	/* A setup failure must not look like a panic: stop loudly. */
	if (ct_key(type, key32, len, &k) != TEE_SUCCESS)
		return TEE_HANDLE_NULL;
	return k;
}

static TEE_OperationHandle op(uint32_t alg, uint32_t mode, uint32_t bits)
{
	TEE_OperationHandle o = TEE_HANDLE_NULL;

	if (TEE_AllocateOperation(&o, alg, mode, bits) != TEE_SUCCESS)
		return TEE_HANDLE_NULL;
	return o;
}

/* An AES-128 operation with its key set. */
static TEE_OperationHandle keyed(uint32_t alg, uint32_t mode)
{
	TEE_OperationHandle o = op(alg, mode, 128);
	TEE_ObjectHandle k = key(TEE_TYPE_AES, 16);

	if (!o || !k || TEE_SetOperationKey(o, k) != TEE_SUCCESS)
		return TEE_HANDLE_NULL;
	TEE_FreeTransientObject(k);
	return o;
}

static void populate_case(uint32_t id)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_Attribute a[2];

	if (id == SC_PANIC_POPULATE_MISSING) {
		/* An RSA public key without its exponent. */
		if (TEE_AllocateTransientObject(TEE_TYPE_RSA_PUBLIC_KEY, 1024,
						&o))
			return;
		memset(buf, 0xc3, sizeof(buf));
		TEE_InitRefAttribute(&a[0], TEE_ATTR_RSA_MODULUS, buf, 64);
		TEE_PopulateTransientObject(o, a, 1);
		return;
	}
	if (TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &o))
		return;
	TEE_InitRefAttribute(&a[0], TEE_ATTR_SECRET_VALUE, key32, 16);
	if (id == SC_PANIC_POPULATE_FOREIGN) {
		/* An attribute AES keys do not have. */
		TEE_InitRefAttribute(&a[1], TEE_ATTR_RSA_MODULUS, buf, 16);
		TEE_PopulateTransientObject(o, a, 2);
	} else if (id == SC_PANIC_POPULATE_TOO_BIG) {
		/* A 256-bit key in an object of at most 128 bits. */
		TEE_InitRefAttribute(&a[0], TEE_ATTR_SECRET_VALUE, key32, 32);
		TEE_PopulateTransientObject(o, a, 1);
	} else {
		/* Populating twice: the object is no longer uninitialised. */
		if (TEE_PopulateTransientObject(o, a, 1) == TEE_SUCCESS)
			TEE_PopulateTransientObject(o, a, 1);
	}
}

static void key_case(uint32_t id)
{
	TEE_OperationHandle o = op(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT, 128);
	TEE_ObjectHandle k = TEE_HANDLE_NULL;

	if (!o)
		return;
	switch (id) {
	case SC_PANIC_KEY_WRONG_TYPE:
		k = key(TEE_TYPE_DES, 8);
		break;
	case SC_PANIC_KEY_TOO_BIG:
		k = key(TEE_TYPE_AES, 32);
		break;
	case SC_PANIC_KEY_NO_USAGE:
		k = key(TEE_TYPE_AES, 16);
		if (k)
			TEE_RestrictObjectUsage(k, TEE_USAGE_DECRYPT);
		break;
	case SC_PANIC_KEY_UNINITIALIZED:
		if (TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &k))
			return;
		break;
	case SC_PANIC_KEY_ON_INITIALIZED_OP:
		TEE_FreeOperation(o);
		o = keyed(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT);
		k = key(TEE_TYPE_AES, 16);
		if (!o)
			return;
		TEE_CipherInit(o, buf, 16);
		break;
	case SC_PANIC_KEY_ON_DIGEST:
		TEE_FreeOperation(o);
		o = op(TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
		k = key(TEE_TYPE_AES, 16);
		break;
	}
	if (o && k)
		TEE_SetOperationKey(o, k);
}

void ct_panic_case(uint32_t id)
{
	TEE_OperationHandle o;
	TEE_ObjectHandle k;
	TEE_Attribute a;
	uint8_t tag[16];
	size_t n = sizeof(buf), tl = sizeof(tag);

	switch (id) {
	case SC_PANIC_CIPHER_UPDATE_NOT_INIT:
		o = keyed(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT);
		if (o)
			TEE_CipherUpdate(o, buf, 16, buf, &n);
		break;
	case SC_PANIC_MAC_FINAL_NOT_INIT:
		o = keyed(TEE_ALG_AES_CMAC, TEE_MODE_MAC);
		if (o)
			TEE_MACComputeFinal(o, buf, 16, buf, &n);
		break;
	case SC_PANIC_AE_AAD_AFTER_PAYLOAD:
		o = keyed(TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT);
		if (!o || TEE_AEInit(o, buf, 12, 128, 0, 0) ||
		    TEE_AEUpdate(o, buf, 16, buf, &n))
			break;
		TEE_AEUpdateAAD(o, buf, 4);
		break;
	case SC_PANIC_CCM_PAYLOAD_TOO_LONG:
		o = keyed(TEE_ALG_AES_CCM, TEE_MODE_ENCRYPT);
		/* 10 bytes announced, 11 given. */
		if (!o || TEE_AEInit(o, buf, 13, 64, 0, 10))
			break;
		TEE_AEEncryptFinal(o, buf, 11, buf + 16, &n, tag, &tl);
		break;
	case SC_PANIC_WRONG_CLASS:
		o = keyed(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT);
		if (!o)
			break;
		TEE_CipherInit(o, buf, 16);
		TEE_MACUpdate(o, buf, 16);
		break;
	case SC_PANIC_KEY_WRONG_TYPE:
	case SC_PANIC_KEY_TOO_BIG:
	case SC_PANIC_KEY_NO_USAGE:
	case SC_PANIC_KEY_UNINITIALIZED:
	case SC_PANIC_KEY_ON_INITIALIZED_OP:
	case SC_PANIC_KEY_ON_DIGEST:
		key_case(id);
		break;
	case SC_PANIC_POPULATE_MISSING:
	case SC_PANIC_POPULATE_FOREIGN:
	case SC_PANIC_POPULATE_TOO_BIG:
	case SC_PANIC_POPULATE_TWICE:
		populate_case(id);
		break;
	case SC_PANIC_FORGED_OBJECT:
		/* A pointer that is no object of the runtime. */
		TEE_GetObjectInfo1((TEE_ObjectHandle)(void *)buf,
				   &(TEE_ObjectInfo){ 0 });
		break;
	case SC_PANIC_FREED_OPERATION:
		o = op(TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
		if (!o)
			break;
		TEE_FreeOperation(o);
		TEE_DigestUpdate(o, buf, 4);
		break;
	case SC_PANIC_SECRET_NOT_EXTRACTABLE:
		k = key(TEE_TYPE_AES, 16);
		if (!k)
			break;
		TEE_RestrictObjectUsage(k, TEE_USAGE_ENCRYPT);
		TEE_GetObjectBufferAttribute(k, TEE_ATTR_SECRET_VALUE, buf, &n);
		break;
	case SC_PANIC_VALUE_AS_BUFFER:
		k = key(TEE_TYPE_AES, 16);
		if (k)
			TEE_GetObjectBufferAttribute(k, TEE_ATTR_ECC_CURVE, buf,
						     &n);
		break;
	case SC_PANIC_INIT_REF_VALUE_ID:
		TEE_InitRefAttribute(&a, TEE_ATTR_ECC_CURVE, buf, 4);
		break;
	case SC_PANIC_CBC_BAD_IV:
		o = keyed(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT);
		if (o)
			TEE_CipherInit(o, buf, 8);
		break;
	case SC_PANIC_GENKEY_BAD_SIZE:
		if (TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &k))
			break;
		TEE_GenerateKey(k, 100, NULL, 0);
		break;
	case SC_PANIC_RESET_WITHOUT_KEY:
		o = op(TEE_ALG_AES_ECB_NOPAD, TEE_MODE_ENCRYPT, 128);
		if (o)
			TEE_ResetOperation(o);
		break;
	}
}
