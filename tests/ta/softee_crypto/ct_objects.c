// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic object and operation functions: what GetObjectInfo1 and
 * GetOperationInfo(Multiple) report through an object's or operation's
 * life, usage restriction, reset, copy, key generation, attributes of
 * asymmetric types (checked without asymmetric crypto), and the GP 1.1
 * wrappers.
 */
#include <string.h>
#include <tee_internal_api.h>

#include "ct.h"
#include "softee_crypto_ta.h"

static const uint8_t key16[16] = { 0xaa, 0xbb, 0xcc, 0xdd, 1, 2, 3, 4, 5,
				   6, 7, 8, 9, 10, 11, 12 };
static uint8_t big[600], out[600];

static TEE_Result info_is(TEE_ObjectHandle o, uint32_t type, uint32_t size,
			  uint32_t max, uint32_t usage, uint32_t flags)
{
	TEE_ObjectInfo i;

	CT_RES(TEE_GetObjectInfo1(o, &i), TEE_SUCCESS, "object info");
	CT_CHECK(i.objectType == type && i.objectSize == size &&
		 i.maxObjectSize == max && i.objectUsage == usage &&
		 i.handleFlags == flags && !i.dataSize && !i.dataPosition,
		 "info %08x %u %u %08x %08x, want %08x %u %u %08x %08x",
		 i.objectType, i.objectSize, i.maxObjectSize, i.objectUsage,
		 i.handleFlags, type, size, max, usage, flags);
	return TEE_SUCCESS;
}

static TEE_Result object_life(void)
{
	TEE_ObjectHandle o, c, g1, g2;
	TEE_Attribute a;
	uint8_t s1[32], s2[32];
	size_t n = sizeof(out), n2 = sizeof(s2);

	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &o), TEE_SUCCESS,
	       "allocate");
	CT_TRY(info_is(o, TEE_TYPE_AES, 0, 256, 0xffffffff, 0));
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, key16, 16);
	CT_RES(TEE_PopulateTransientObject(o, &a, 1), TEE_SUCCESS, "populate");
	CT_TRY(info_is(o, TEE_TYPE_AES, 128, 256, 0xffffffff,
		       TEE_HANDLE_FLAG_INITIALIZED));
	CT_RES(TEE_GetObjectBufferAttribute(o, TEE_ATTR_SECRET_VALUE, out, &n),
	       TEE_SUCCESS, "read secret");
	CT_SAME("secret value", out, n, key16, 16);

	/* Copy: the destination's usage is the intersection. */
	CT_RES(TEE_RestrictObjectUsage1(o, TEE_USAGE_ENCRYPT |
					TEE_USAGE_EXTRACTABLE | TEE_USAGE_MAC),
	       TEE_SUCCESS, "restrict");
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &c), TEE_SUCCESS,
	       "allocate copy");
	TEE_RestrictObjectUsage(c, TEE_USAGE_ENCRYPT | TEE_USAGE_DECRYPT |
				TEE_USAGE_EXTRACTABLE);
	CT_RES(TEE_CopyObjectAttributes1(c, o), TEE_SUCCESS, "copy");
	CT_TRY(info_is(c, TEE_TYPE_AES, 128, 128,
		       TEE_USAGE_ENCRYPT | TEE_USAGE_EXTRACTABLE,
		       TEE_HANDLE_FLAG_INITIALIZED));
	n = sizeof(out);
	CT_RES(TEE_GetObjectBufferAttribute(c, TEE_ATTR_SECRET_VALUE, out, &n),
	       TEE_SUCCESS, "read copied secret");
	CT_SAME("copied secret", out, n, key16, 16);

	/* Reset: empty again, all usage back, can be filled again. */
	TEE_ResetTransientObject(o);
	CT_TRY(info_is(o, TEE_TYPE_AES, 0, 256, 0xffffffff, 0));
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, big, 32);
	CT_RES(TEE_PopulateTransientObject(o, &a, 1), TEE_SUCCESS,
	       "populate after reset");
	TEE_CloseObject(o);
	TEE_CloseObject(c);
	TEE_CloseObject(TEE_HANDLE_NULL);
	TEE_FreeTransientObject(TEE_HANDLE_NULL);
	TEE_ResetTransientObject(TEE_HANDLE_NULL);

	/* Generated keys: the right size, and not twice the same. */
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &g1), TEE_SUCCESS,
	       "allocate");
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &g2), TEE_SUCCESS,
	       "allocate");
	CT_RES(TEE_GenerateKey(g1, 192, NULL, 0), TEE_SUCCESS, "generate");
	CT_RES(TEE_GenerateKey(g2, 192, NULL, 0), TEE_SUCCESS, "generate");
	CT_TRY(info_is(g1, TEE_TYPE_AES, 192, 256, 0xffffffff,
		       TEE_HANDLE_FLAG_INITIALIZED));
	n = sizeof(s1);
	CT_RES(TEE_GetObjectBufferAttribute(g1, TEE_ATTR_SECRET_VALUE, s1, &n),
	       TEE_SUCCESS, "read generated");
	CT_RES(TEE_GetObjectBufferAttribute(g2, TEE_ATTR_SECRET_VALUE, s2, &n2),
	       TEE_SUCCESS, "read generated");
	CT_CHECK(n == 24 && n2 == 24, "generated %zu and %zu bytes", n, n2);
	CT_CHECK(memcmp(s1, s2, n), "two generated keys are equal");
	TEE_FreeTransientObject(g1);
	TEE_FreeTransientObject(g2);
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_GENERIC_SECRET, 4096, &g1),
	       TEE_SUCCESS, "allocate");
	CT_RES(TEE_GenerateKey(g1, 4096, NULL, 0), TEE_SUCCESS, "generate");
	n = sizeof(out);
	CT_RES(TEE_GetObjectBufferAttribute(g1, TEE_ATTR_SECRET_VALUE, out, &n),
	       TEE_SUCCESS, "read");
	CT_CHECK(n == 512, "generic secret of %zu bytes", n);
	TEE_GetObjectInfo(g1, &(TEE_ObjectInfo){ 0 });
	TEE_FreeTransientObject(g1);
	return TEE_SUCCESS;
}

/* A big number of bits bits (top bit set) in big. */
static void bignum(size_t bits, uint8_t fill)
{
	size_t n = (bits + 7) / 8;

	memset(big, fill, n);
	big[0] = (uint8_t)(0xff >> ((8 - bits % 8) % 8));
	big[0] |= (uint8_t)(0x80 >> ((8 - bits % 8) % 8));
}

static TEE_Result populate_is(TEE_ObjectHandle o, const TEE_Attribute *a,
			      uint32_t n, TEE_Result want, const char *what)
{
	TEE_ObjectInfo i;

	CT_RES(TEE_PopulateTransientObject(o, a, n), want, what);
	CT_RES(TEE_GetObjectInfo1(o, &i), TEE_SUCCESS, "info");
	CT_CHECK(!!(i.handleFlags & TEE_HANDLE_FLAG_INITIALIZED) == !want,
		 "%s: initialized flag %08x", what, i.handleFlags);
	return TEE_SUCCESS;
}

static TEE_Result attrs_rsa(void)
{
	static uint8_t e[3] = { 1, 0, 1 }, zero[1];
	TEE_ObjectHandle kp, pub;
	TEE_Attribute a[8];
	size_t n;

	bignum(2048, 0x5a);
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_RSA_KEYPAIR, 2048, &kp),
	       TEE_SUCCESS, "allocate");
	TEE_InitRefAttribute(&a[0], TEE_ATTR_RSA_MODULUS, big, 256);
	TEE_InitRefAttribute(&a[1], TEE_ATTR_RSA_PUBLIC_EXPONENT, e, 3);
	TEE_InitRefAttribute(&a[2], TEE_ATTR_RSA_PRIVATE_EXPONENT, big + 1, 255);
	TEE_InitRefAttribute(&a[3], TEE_ATTR_RSA_PRIME1, big + 128, 128);
	TEE_InitRefAttribute(&a[4], TEE_ATTR_RSA_PRIME2, big + 128, 128);
	/* Some CRT values without the others. */
	CT_TRY(populate_is(kp, a, 5, TEE_ERROR_BAD_PARAMETERS,
			   "RSA with partial CRT"));
	/* A zero public exponent. */
	TEE_InitRefAttribute(&a[1], TEE_ATTR_RSA_PUBLIC_EXPONENT, zero, 1);
	CT_TRY(populate_is(kp, a, 3, TEE_ERROR_BAD_PARAMETERS,
			   "RSA with e = 0"));
	/* The same attribute twice. */
	TEE_InitRefAttribute(&a[1], TEE_ATTR_RSA_PUBLIC_EXPONENT, e, 3);
	a[3] = a[1];
	CT_TRY(populate_is(kp, a, 4, TEE_ERROR_BAD_PARAMETERS,
			   "RSA with e twice"));
	CT_TRY(populate_is(kp, a, 3, TEE_SUCCESS, "RSA keypair"));
	CT_TRY(info_is(kp, TEE_TYPE_RSA_KEYPAIR, 2048, 2048, 0xffffffff,
		       TEE_HANDLE_FLAG_INITIALIZED));

	/* A keypair copied into a public key object keeps public parts. */
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_RSA_PUBLIC_KEY, 4096, &pub),
	       TEE_SUCCESS, "allocate public");
	CT_RES(TEE_CopyObjectAttributes1(pub, kp), TEE_SUCCESS, "copy");
	CT_TRY(info_is(pub, TEE_TYPE_RSA_PUBLIC_KEY, 2048, 4096, 0xffffffff,
		       TEE_HANDLE_FLAG_INITIALIZED));
	n = sizeof(out);
	CT_RES(TEE_GetObjectBufferAttribute(pub, TEE_ATTR_RSA_MODULUS, out, &n),
	       TEE_SUCCESS, "public modulus");
	CT_SAME("modulus", out, n, big, 256);
	n = sizeof(out);
	CT_RES(TEE_GetObjectBufferAttribute(pub, TEE_ATTR_RSA_PRIVATE_EXPONENT,
					    out, &n), TEE_ERROR_ITEM_NOT_FOUND,
	       "private exponent of a public key");
	TEE_FreeTransientObject(pub);
	TEE_FreeTransientObject(kp);
	return TEE_SUCCESS;
}

static TEE_Result attrs_ecc(void)
{
	TEE_ObjectHandle o;
	TEE_Attribute a[4];
	uint32_t va = 0, vb = 0;

	bignum(256, 0x11);
	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_ECDSA_KEYPAIR, 384, &o),
	       TEE_SUCCESS, "allocate");
	TEE_InitRefAttribute(&a[0], TEE_ATTR_ECC_PUBLIC_VALUE_X, big, 32);
	TEE_InitRefAttribute(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_Y, big, 32);
	TEE_InitRefAttribute(&a[2], TEE_ATTR_ECC_PRIVATE_VALUE, big, 32);
	TEE_InitValueAttribute(&a[3], TEE_ATTR_ECC_CURVE, 0x99, 0);
	CT_TRY(populate_is(o, a, 4, TEE_ERROR_BAD_PARAMETERS, "unknown curve"));
	TEE_InitValueAttribute(&a[3], TEE_ATTR_ECC_CURVE,
			       TEE_ECC_CURVE_NIST_P224, 0);
	CT_TRY(populate_is(o, a, 4, TEE_ERROR_BAD_PARAMETERS,
			   "256-bit point on P-224"));
	TEE_InitValueAttribute(&a[3], TEE_ATTR_ECC_CURVE,
			       TEE_ECC_CURVE_NIST_P256, 0);
	CT_TRY(populate_is(o, a, 4, TEE_SUCCESS, "P-256 keypair"));
	CT_TRY(info_is(o, TEE_TYPE_ECDSA_KEYPAIR, 256, 384, 0xffffffff,
		       TEE_HANDLE_FLAG_INITIALIZED));
	CT_RES(TEE_GetObjectValueAttribute(o, TEE_ATTR_ECC_CURVE, &va, &vb),
	       TEE_SUCCESS, "curve");
	CT_CHECK(va == TEE_ECC_CURVE_NIST_P256 && !vb, "curve %u %u", va, vb);
	TEE_FreeTransientObject(o);

	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_ED25519_PUBLIC_KEY, 256, &o),
	       TEE_SUCCESS, "allocate");
	TEE_InitRefAttribute(&a[0], TEE_ATTR_ED25519_PUBLIC_VALUE, big, 31);
	CT_TRY(populate_is(o, a, 1, TEE_ERROR_BAD_PARAMETERS,
			   "Ed25519 key of 31 bytes"));
	TEE_InitRefAttribute(&a[0], TEE_ATTR_ED25519_PUBLIC_VALUE, big, 32);
	CT_TRY(populate_is(o, a, 1, TEE_SUCCESS, "Ed25519 public key"));
	TEE_FreeTransientObject(o);
	return TEE_SUCCESS;
}

static TEE_Result op_info_is(TEE_OperationHandle op, uint32_t key_size,
			     uint32_t usage, uint32_t state, uint32_t dlen)
{
	TEE_OperationInfo i;

	TEE_GetOperationInfo(op, &i);
	CT_CHECK(i.keySize == key_size && i.requiredKeyUsage == usage &&
		 i.handleState == state && i.digestLength == dlen,
		 "op info key %u usage %08x state %08x digest %u, "
		 "want %u %08x %08x %u", i.keySize, i.requiredKeyUsage,
		 i.handleState, i.digestLength, key_size, usage, state, dlen);
	return TEE_SUCCESS;
}

static TEE_Result operation_life(void)
{
	const uint32_t ks = TEE_HANDLE_FLAG_KEY_SET;
	const uint32_t ini = TEE_HANDLE_FLAG_INITIALIZED;
	TEE_OperationHandle op, cp;
	TEE_ObjectHandle k;
	uint8_t ref[64];
	size_t n, rn = sizeof(ref);

	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_AES_CBC_NOPAD,
				     TEE_MODE_DECRYPT, 256), TEE_SUCCESS,
	       "allocate");
	CT_TRY(op_info_is(op, 0, TEE_USAGE_DECRYPT, 0, 0));
	CT_TRY(ct_key(TEE_TYPE_AES, key16, 16, &k));
	CT_RES(TEE_SetOperationKey(op, k), TEE_SUCCESS, "set key");
	/* The operation keeps its own copy of the key. */
	TEE_FreeTransientObject(k);
	CT_TRY(op_info_is(op, 128, TEE_USAGE_DECRYPT, ks, 0));
	TEE_CipherInit(op, key16, 16);
	CT_TRY(op_info_is(op, 128, TEE_USAGE_DECRYPT, ks | ini, 0));
	n = sizeof(out);
	CT_RES(TEE_CipherUpdate(op, big, 40, out, &n), TEE_SUCCESS, "update");
	/* A copy mid-stream finishes as the original would. */
	CT_RES(TEE_AllocateOperation(&cp, TEE_ALG_AES_CBC_NOPAD,
				     TEE_MODE_DECRYPT, 128), TEE_SUCCESS,
	       "allocate copy");
	TEE_CopyOperation(cp, op);
	n = sizeof(out);
	CT_RES(TEE_CipherDoFinal(op, big + 40, 24, out, &n), TEE_SUCCESS,
	       "final");
	memcpy(ref, out, n);
	rn = n;
	n = sizeof(out);
	CT_RES(TEE_CipherDoFinal(cp, big + 40, 24, out, &n), TEE_SUCCESS,
	       "final of the copy");
	CT_SAME("copied cipher", out, n, ref, rn);
	CT_TRY(op_info_is(op, 128, TEE_USAGE_DECRYPT, ks, 0));
	/* Init twice: the second one restarts the stream. */
	TEE_CipherInit(op, key16, 16);
	n = sizeof(out);
	CT_RES(TEE_CipherUpdate(op, big, 8, out, &n), TEE_SUCCESS, "update");
	TEE_CipherInit(op, key16, 16);
	n = sizeof(out);
	CT_RES(TEE_CipherUpdate(op, big, 40, out, &n), TEE_SUCCESS, "update");
	TEE_ResetOperation(op);
	CT_TRY(op_info_is(op, 128, TEE_USAGE_DECRYPT, ks, 0));
	/* Clearing the key. */
	CT_RES(TEE_SetOperationKey(op, TEE_HANDLE_NULL), TEE_SUCCESS, "clear");
	CT_TRY(op_info_is(op, 0, TEE_USAGE_DECRYPT, 0, 0));
	TEE_FreeOperation(op);
	TEE_FreeOperation(cp);
	TEE_FreeOperation(TEE_HANDLE_NULL);
	return TEE_SUCCESS;
}

static TEE_Result operation_kinds(void)
{
	uint8_t m[sizeof(TEE_OperationInfoMultiple) +
		  2 * sizeof(TEE_OperationInfoKey)];
	TEE_OperationInfoMultiple *mi = (void *)m;
	TEE_OperationHandle op;
	TEE_ObjectHandle k1, k2;
	size_t n = sizeof(m);

	/* A digest is ready without key or init, and can be extracted. */
	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS, "allocate");
	CT_TRY(op_info_is(op, 0, 0, TEE_HANDLE_FLAG_KEY_SET |
			  TEE_HANDLE_FLAG_INITIALIZED, 32));
	TEE_DigestUpdate(op, big, 10);
	n = 4;
	CT_RES(TEE_DigestExtract(op, out, &n), TEE_SUCCESS, "extract");
	n = sizeof(m);
	CT_RES(TEE_GetOperationInfoMultiple(op, mi, &n), TEE_SUCCESS, "info");
	CT_CHECK(mi->operationState == TEE_OPERATION_STATE_EXTRACTING &&
		 mi->numberOfKeys == 0 &&
		 (mi->handleState & TEE_HANDLE_FLAG_EXTRACTING),
		 "digest state %u keys %u flags %08x", mi->operationState,
		 mi->numberOfKeys, mi->handleState);
	TEE_ResetOperation(op);
	CT_TRY(op_info_is(op, 0, 0, TEE_HANDLE_FLAG_KEY_SET |
			  TEE_HANDLE_FLAG_INITIALIZED, 32));
	TEE_FreeOperation(op);

	/* XTS: two keys, reported in TEE_GetOperationInfoMultiple. */
	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_AES_XTS, TEE_MODE_ENCRYPT,
				     256), TEE_SUCCESS, "allocate");
	CT_TRY(ct_key(TEE_TYPE_AES, key16, 16, &k1));
	CT_TRY(ct_key(TEE_TYPE_AES, big, 16, &k2));
	CT_RES(TEE_SetOperationKey2(op, k1, k2), TEE_SUCCESS, "set keys");
	CT_TRY(op_info_is(op, 0, 0, TEE_HANDLE_FLAG_KEY_SET |
			  TEE_HANDLE_FLAG_EXPECT_TWO_KEYS, 0));
	n = sizeof(m);
	CT_RES(TEE_GetOperationInfoMultiple(op, mi, &n), TEE_SUCCESS, "info");
	CT_CHECK(mi->numberOfKeys == 2 && mi->keyInformation[0].keySize == 128 &&
		 mi->keyInformation[1].keySize == 128 &&
		 mi->keyInformation[1].requiredKeyUsage == TEE_USAGE_ENCRYPT &&
		 mi->maxKeySize == 256 &&
		 mi->operationState == TEE_OPERATION_STATE_INITIAL,
		 "XTS info: %u keys", mi->numberOfKeys);
	TEE_FreeOperation(op);
	TEE_FreeTransientObject(k2);

	/* MAC: active once initialised; AE: the tag length after init. */
	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_AES_CMAC, TEE_MODE_MAC, 128),
	       TEE_SUCCESS, "allocate");
	CT_RES(TEE_SetOperationKey(op, k1), TEE_SUCCESS, "set key");
	TEE_MACInit(op, NULL, 0);
	n = sizeof(m);
	CT_RES(TEE_GetOperationInfoMultiple(op, mi, &n), TEE_SUCCESS, "info");
	CT_CHECK(mi->operationState == TEE_OPERATION_STATE_ACTIVE &&
		 mi->numberOfKeys == 1 && mi->digestLength == 16,
		 "MAC info state %u", mi->operationState);
	TEE_FreeOperation(op);
	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_AES_CCM, TEE_MODE_ENCRYPT,
				     128), TEE_SUCCESS, "allocate");
	CT_RES(TEE_SetOperationKey(op, k1), TEE_SUCCESS, "set key");
	CT_RES(TEE_AEInit(op, big, 11, 80, 0, 0), TEE_SUCCESS, "AE init");
	CT_TRY(op_info_is(op, 128, TEE_USAGE_ENCRYPT, TEE_HANDLE_FLAG_KEY_SET |
			  TEE_HANDLE_FLAG_INITIALIZED, 10));
	TEE_FreeOperation(op);
	TEE_FreeTransientObject(k1);
	return TEE_SUCCESS;
}

/* The GP 1.1 forms: uint32_t lengths and the 1.1 structures. */
static TEE_Result gp11(void)
{
	__GP11_TEE_Attribute a;
	__GP11_TEE_ObjectInfo info;
	TEE_OperationHandle op;
	TEE_ObjectHandle o;
	uint8_t md[32], ref[32];
	uint32_t n = 3, dl, tl;
	size_t rn = sizeof(ref);

	CT_RES(TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &o), TEE_SUCCESS,
	       "allocate");
	__GP11_TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, key16, 16);
	CT_RES(__GP11_TEE_PopulateTransientObject(o, &a, 1), TEE_SUCCESS,
	       "1.1 populate");
	CT_RES(__GP11_TEE_GetObjectInfo1(o, &info), TEE_SUCCESS, "1.1 info");
	CT_CHECK(info.keySize == 128 && info.maxKeySize == 256,
		 "1.1 info %u %u", info.keySize, info.maxKeySize);
	CT_RES(__GP11_TEE_GetObjectBufferAttribute(o, TEE_ATTR_SECRET_VALUE,
						   out, &n),
	       TEE_ERROR_SHORT_BUFFER, "1.1 attribute short");
	CT_CHECK(n == 16, "1.1 attribute needed %u", n);

	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS, "allocate");
	__GP11_TEE_DigestUpdate(op, big, 7);
	n = 31;
	CT_RES(__GP11_TEE_DigestDoFinal(op, big + 7, 9, md, &n),
	       TEE_ERROR_SHORT_BUFFER, "1.1 digest short");
	CT_CHECK(n == 32, "1.1 digest needed %u", n);
	CT_RES(__GP11_TEE_DigestDoFinal(op, big + 7, 9, md, &n), TEE_SUCCESS,
	       "1.1 digest");
	CT_TRY(ct_digest(TEE_ALG_SHA256, big, 16, 0, ref, &rn));
	CT_SAME("1.1 digest", md, n, ref, rn);
	TEE_FreeOperation(op);

	CT_RES(TEE_AllocateOperation(&op, TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT,
				     128), TEE_SUCCESS, "allocate");
	CT_RES(TEE_SetOperationKey(op, o), TEE_SUCCESS, "set key");
	CT_RES(__GP11_TEE_AEInit(op, big, 12, 128, 3, 0), TEE_SUCCESS,
	       "1.1 AE init");
	__GP11_TEE_AEUpdateAAD(op, big, 3);
	dl = 0;
	CT_RES(__GP11_TEE_AEUpdate(op, big, 20, out, &dl),
	       TEE_ERROR_SHORT_BUFFER, "1.1 AE update short");
	CT_CHECK(dl == 20, "1.1 AE update needed %u", dl);
	dl = sizeof(out);
	tl = 1;
	CT_RES(__GP11_TEE_AEEncryptFinal(op, big, 20, out, &dl, md, &tl),
	       TEE_ERROR_SHORT_BUFFER, "1.1 AE final short");
	CT_CHECK(tl == 16, "1.1 AE tag needed %u", tl);
	TEE_FreeOperation(op);
	TEE_FreeTransientObject(o);
	return TEE_SUCCESS;
}

TEE_Result ct_check_objects(uint32_t id)
{
	switch (id) {
	case SC_CHECK_OBJECTS:
		return object_life();
	case SC_CHECK_ERR_ATTRS:
		CT_TRY(attrs_rsa());
		return attrs_ecc();
	case SC_CHECK_OPERATIONS:
		CT_TRY(operation_life());
		return operation_kinds();
	case SC_CHECK_GP11:
		return gp11();
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
