// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP error behaviour: results GP defines for bad attributes and sizes,
 * TEE_IsAlgorithmSupported, the __GP11_ entry points, and the misuses GP
 * says panic (each ASYM_PANIC_* case, run by the client in a session of
 * its own).
 */
#include <string.h>
#include <tee_internal_api.h>

#include "asym_ta_bigint.h"
#include "asym_ta_checks.h"
#include "asym_ta_util.h"
#include "asym_ta_vectors.h"

#define ASYM_FILE ASYM_FILE_ERR

static TEE_Result algorithm_support(void)
{
	ARES(TEE_IsAlgorithmSupported(TEE_ALG_ECDSA_SHA256,
				      TEE_ECC_CURVE_NIST_P521), TEE_SUCCESS);
	ARES(TEE_IsAlgorithmSupported(TEE_ALG_ECDSA_SHA256,
				      TEE_ECC_CURVE_25519),
	     TEE_ERROR_NOT_SUPPORTED);
	ARES(TEE_IsAlgorithmSupported(__OPTEE_ALG_ECDH_P384,
				      TEE_ECC_CURVE_NIST_P384), TEE_SUCCESS);
	ARES(TEE_IsAlgorithmSupported(__OPTEE_ALG_ECDH_P384,
				      TEE_ECC_CURVE_NIST_P256),
	     TEE_ERROR_NOT_SUPPORTED);
	ARES(TEE_IsAlgorithmSupported(TEE_ALG_ED25519, TEE_ECC_CURVE_25519),
	     TEE_SUCCESS);
	ARES(TEE_IsAlgorithmSupported(TEE_ALG_X25519, TEE_CRYPTO_ELEMENT_NONE),
	     TEE_SUCCESS);
	ARES(TEE_IsAlgorithmSupported(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA512,
				      TEE_CRYPTO_ELEMENT_NONE), TEE_SUCCESS);
	ARES(TEE_IsAlgorithmSupported(TEE_ALG_RSA_NOPAD,
				      TEE_ECC_CURVE_NIST_P256),
	     TEE_ERROR_NOT_SUPPORTED);
	return TEE_SUCCESS;
}

/* TEE_GenerateKey: parameters that do not fit give BAD_PARAMETERS. */
static TEE_Result generate_errors(void)
{
	TEE_ObjectHandle ec = obj_new(TEE_TYPE_ECDSA_KEYPAIR, 521);
	TEE_ObjectHandle rsa = obj_new(TEE_TYPE_RSA_KEYPAIR, 1024);
	TEE_ObjectHandle dh = obj_new(TEE_TYPE_DH_KEYPAIR, 2048);
	TEE_Attribute a[4];

	ACHECK(ec && rsa && dh);
	aval(&a[0], TEE_ATTR_ECC_CURVE, TEE_ECC_CURVE_NIST_P256);
	ARES(TEE_GenerateKey(ec, 384, a, 1), TEE_ERROR_BAD_PARAMETERS);
	ARES(TEE_GenerateKey(ec, 256, NULL, 0), TEE_ERROR_BAD_PARAMETERS);
	aval(&a[0], TEE_ATTR_ECC_CURVE, TEE_ECC_CURVE_25519);
	ARES(TEE_GenerateKey(ec, 256, a, 1), TEE_ERROR_BAD_PARAMETERS);
	aval(&a[0], TEE_ATTR_ECC_CURVE, TEE_ECC_CURVE_NIST_P521);
	ARES(TEE_GenerateKey(ec, 521, a, 1), TEE_SUCCESS);

	/* an even exponent, then 1 */
	aref(&a[0], TEE_ATTR_RSA_PUBLIC_EXPONENT, hx("010000"));
	ARES(TEE_GenerateKey(rsa, 512, a, 1), TEE_ERROR_BAD_PARAMETERS);
	aref(&a[0], TEE_ATTR_RSA_PUBLIC_EXPONENT, hx("01"));
	ARES(TEE_GenerateKey(rsa, 512, a, 1), TEE_ERROR_BAD_PARAMETERS);

	/* A 1024-bit prime for a 2048-bit key; no base; x bits too big. */
	aref(&a[0], TEE_ATTR_DH_PRIME, hx(v_dh_p));
	aref(&a[1], TEE_ATTR_DH_BASE, hx(v_dh_g));
	ARES(TEE_GenerateKey(dh, 2048, a, 2), TEE_ERROR_BAD_PARAMETERS);
	ARES(TEE_GenerateKey(dh, 1024, a, 1), TEE_ERROR_BAD_PARAMETERS);
	aval(&a[2], TEE_ATTR_DH_X_BITS, 1024);
	ARES(TEE_GenerateKey(dh, 1024, a, 3), TEE_ERROR_BAD_PARAMETERS);
	ARES(TEE_GenerateKey(dh, 1024, a, 2), TEE_SUCCESS);
	return TEE_SUCCESS;
}

/* TEE_PopulateTransientObject refuses a wrong curve (BAD_PARAMETERS). */
static TEE_Result populate_errors(void)
{
	TEE_ObjectHandle o = obj_new(TEE_TYPE_ECDSA_PUBLIC_KEY, 256);
	TEE_Attribute a[3];

	ACHECK(o);
	aval(&a[0], TEE_ATTR_ECC_CURVE, 0x99);
	aref(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_X, hx(v_p256_ok_qx));
	aref(&a[2], TEE_ATTR_ECC_PUBLIC_VALUE_Y, hx(v_p256_ok_qy));
	ARES(TEE_PopulateTransientObject(o, a, 3), TEE_ERROR_BAD_PARAMETERS);
	/* A P-384 point is too big for a P-256 key. */
	aval(&a[0], TEE_ATTR_ECC_CURVE, TEE_ECC_CURVE_NIST_P256);
	aref(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_X, hx(v_p384_ok_qx));
	aref(&a[2], TEE_ATTR_ECC_PUBLIC_VALUE_Y, hx(v_p384_ok_qy));
	ARES(TEE_PopulateTransientObject(o, a, 3), TEE_ERROR_BAD_PARAMETERS);
	aref(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_X, hx(v_p256_ok_qx));
	aref(&a[2], TEE_ATTR_ECC_PUBLIC_VALUE_Y, hx(v_p256_ok_qy));
	ARES(TEE_PopulateTransientObject(o, a, 3), TEE_SUCCESS);
	return TEE_SUCCESS;
}

TEE_Result asym_check_errors(void)
{
	ASUB(algorithm_support());
	ASUB(generate_errors());
	ASUB(populate_errors());
	return TEE_SUCCESS;
}

/* The 1.1 attribute layout: uint32_t lengths. */
static void gp11_ref(__GP11_TEE_Attribute *a, uint32_t id, struct buf b)
{
	a->attributeID = id;
	a->content.ref.buffer = b.p;
	a->content.ref.length = (uint32_t)b.n;
}

TEE_Result asym_check_gp11(void)
{
	TEE_ObjectHandle pair = asym_pkcs1_keypair(true);
	TEE_ObjectHandle x_a, x_b, secret;
	TEE_OperationHandle s, v, e, d, op;
	struct buf dg = hx(v_pkcs1_digest), want = hx(v_pkcs1_sig);
	struct buf sig = buf_new(128), ct = buf_new(128), pt = buf_new(128);
	struct buf msg = hx("48656c6c6f");
	__GP11_TEE_Attribute p;
	TEE_Attribute a[2];
	uint32_t len = 1;
	uint32_t big[TEE_BigIntSizeInU32(64)];
	uint8_t oct[8];

	ACHECK(pair);
	s = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, TEE_MODE_SIGN, 1024, pair);
	v = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, TEE_MODE_VERIFY, 1024,
		    pair);
	e = op_with(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, TEE_MODE_ENCRYPT, 1024,
		    pair);
	d = op_with(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, TEE_MODE_DECRYPT, 1024,
		    pair);
	ACHECK(s && v && e && d);
	ARES(__GP11_TEE_AsymmetricSignDigest(s, NULL, 0, dg.p, 20, sig.p, &len),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 128);
	ARES(__GP11_TEE_AsymmetricSignDigest(s, NULL, 0, dg.p, 20, sig.p, &len),
	     TEE_SUCCESS);
	ACHECK(buf_eq(want, sig.p, len));
	ARES(__GP11_TEE_AsymmetricVerifyDigest(v, NULL, 0, dg.p, 20, sig.p,
					       len), TEE_SUCCESS);
	sig.p[0] ^= 1;
	ARES(__GP11_TEE_AsymmetricVerifyDigest(v, NULL, 0, dg.p, 20, sig.p,
					       len),
	     TEE_ERROR_SIGNATURE_INVALID);

	/* A label passed in the 1.1 attribute layout. */
	gp11_ref(&p, TEE_ATTR_RSA_OAEP_LABEL, hx("6c6162656c"));
	len = 128;
	ARES(__GP11_TEE_AsymmetricEncrypt(e, &p, 1, msg.p, 5, ct.p, &len),
	     TEE_SUCCESS);
	ACHECK(len == 128);
	len = 2;
	ARES(__GP11_TEE_AsymmetricDecrypt(d, &p, 1, ct.p, 128, pt.p, &len),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 5);
	ARES(__GP11_TEE_AsymmetricDecrypt(d, &p, 1, ct.p, 128, pt.p, &len),
	     TEE_SUCCESS);
	ACHECK(buf_eq(msg, pt.p, len));
	len = 128;
	ARES(__GP11_TEE_AsymmetricDecrypt(d, NULL, 0, ct.p, 128, pt.p, &len),
	     TEE_ERROR_CIPHERTEXT_INVALID);

	/* X25519 derivation with the peer's value in the 1.1 layout. */
	aref(&a[0], TEE_ATTR_X25519_PUBLIC_VALUE, hx(v_x25519_a_pub));
	aref(&a[1], TEE_ATTR_X25519_PRIVATE_VALUE, hx(v_x25519_a_priv));
	x_a = obj_with(TEE_TYPE_X25519_KEYPAIR, 256, a, 2);
	x_b = obj_new(TEE_TYPE_X25519_KEYPAIR, 256);
	secret = obj_new(TEE_TYPE_GENERIC_SECRET, 256);
	ACHECK(x_a && x_b && secret);
	op = op_with(TEE_ALG_X25519, TEE_MODE_DERIVE, 256, x_a);
	ACHECK(op);
	gp11_ref(&p, TEE_ATTR_X25519_PUBLIC_VALUE, hx(v_x25519_b_pub));
	__GP11_TEE_DeriveKey(op, &p, 1, secret);
	sig = secret_of(secret);
	ACHECK(buf_eq(hx(v_x25519_k), sig.p, sig.n));

	/* Big integers with 32-bit lengths. */
	__GP11_TEE_BigIntInit(big, TEE_BigIntSizeInU32(64));
	ARES(__GP11_TEE_BigIntConvertFromOctetString(big, dg.p, 8, -1),
	     TEE_SUCCESS);
	len = 4;
	ARES(__GP11_TEE_BigIntConvertToOctetString(oct, &len, big),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 8);
	ARES(__GP11_TEE_BigIntConvertToOctetString(oct, &len, big),
	     TEE_SUCCESS);
	ACHECK(len == 8 && !memcmp(oct, dg.p, 8) &&
	       TEE_BigIntCmpS32(big, 0) < 0);
	ACHECK(__GP11_TEE_BigIntFMMSizeInU32(256) ==
	       TEE_BigIntFMMSizeInU32(256));
	ACHECK(__GP11_TEE_BigIntFMMContextSizeInU32(256) ==
	       TEE_BigIntFMMContextSizeInU32(256));
	return TEE_SUCCESS;
}

/* --- misuse GP answers with a panic ------------------------------------- */

static void bigint_panic(uint32_t which)
{
	uint32_t small[TEE_BigIntSizeInU32(64)];
	struct bi a, b;

	bi_init(&a);
	bi_init(&b);
	TEE_BigIntInit(small, TEE_BigIntSizeInU32(64));
	switch (which) {
	case ASYM_PANIC_BIGINT_OVERFLOW:
		(void)bi_set(&a, "ffffffffffffffff");
		TEE_BigIntMul(small, a.w, a.w);
		break;
	case ASYM_PANIC_BIGINT_NO_INVERSE:
		TEE_BigIntConvertFromS32(a.w, 6);
		TEE_BigIntConvertFromS32(b.w, 9);
		TEE_BigIntInvMod(small, a.w, b.w);
		break;
	case ASYM_PANIC_BIGINT_DIV_ZERO:
		TEE_BigIntConvertFromS32(a.w, 6);
		TEE_BigIntDiv(small, NULL, a.w, b.w);
		break;
	default:
		break;
	}
}

static TEE_ObjectHandle p256_key(uint32_t type, const char *x, const char *y,
				 const char *d)
{
	TEE_Attribute a[4];

	aval(&a[0], TEE_ATTR_ECC_CURVE, TEE_ECC_CURVE_NIST_P256);
	aref(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_X, hx(x));
	aref(&a[2], TEE_ATTR_ECC_PUBLIC_VALUE_Y, hx(y));
	if (d)
		aref(&a[3], TEE_ATTR_ECC_PRIVATE_VALUE, hx(d));
	return obj_with(type, 256, a, d ? 4 : 3);
}

TEE_Result asym_do_panic(uint32_t which)
{
	TEE_ObjectHandle rsa = asym_pkcs1_keypair(true);
	TEE_ObjectHandle ecdh = p256_key(TEE_TYPE_ECDH_KEYPAIR, v_cdh_qiut_x,
					 v_cdh_qiut_y, v_cdh_d);
	TEE_ObjectHandle secret = obj_new(TEE_TYPE_GENERIC_SECRET, 256);
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle key;
	struct buf d = buf_new(64), out = buf_new(256);
	TEE_Attribute a[3];

	ACHECK(rsa && ecdh && secret);
	switch (which) {
	case ASYM_PANIC_NONE:
		return TEE_SUCCESS;
	case ASYM_PANIC_SIGN_DIGEST_LEN:
		op = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA256, TEE_MODE_SIGN,
			     1024, rsa);
		ACHECK(op);
		(void)TEE_AsymmetricSignDigest(op, NULL, 0, d.p, 20, out.p,
					       &out.n);
		break;
	case ASYM_PANIC_VERIFY_DIGEST_LEN:
		op = op_with(TEE_ALG_ECDSA_SHA384, TEE_MODE_VERIFY, 256,
			     p256_key(TEE_TYPE_ECDSA_PUBLIC_KEY, v_p256_ok_qx,
				      v_p256_ok_qy, NULL));
		ACHECK(op);
		(void)TEE_AsymmetricVerifyDigest(op, NULL, 0, d.p, 32, out.p,
						 64);
		break;
	case ASYM_PANIC_KEY_TYPE:
		op = op_with(TEE_ALG_ECDSA_SHA256, TEE_MODE_SIGN, 256,
			     TEE_HANDLE_NULL);
		ACHECK(op);
		(void)TEE_SetOperationKey(op, rsa);
		break;
	case ASYM_PANIC_KEY_CURVE:
		op = op_with(__OPTEE_ALG_ECDSA_P256, TEE_MODE_VERIFY, 256,
			     TEE_HANDLE_NULL);
		ACHECK(op);
		aval(&a[0], TEE_ATTR_ECC_CURVE, TEE_ECC_CURVE_NIST_P384);
		aref(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_X, hx(v_p384_ok_qx));
		aref(&a[2], TEE_ATTR_ECC_PUBLIC_VALUE_Y, hx(v_p384_ok_qy));
		key = obj_with(TEE_TYPE_ECDSA_PUBLIC_KEY, 384, a, 3);
		ACHECK(key);
		(void)TEE_SetOperationKey(op, key);
		break;
	case ASYM_PANIC_WRONG_MODE:
		op = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA256, TEE_MODE_SIGN,
			     1024, rsa);
		ACHECK(op);
		(void)TEE_AsymmetricEncrypt(op, NULL, 0, d.p, 16, out.p,
					    &out.n);
		break;
	case ASYM_PANIC_NO_KEY:
		op = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA256, TEE_MODE_SIGN,
			     1024, TEE_HANDLE_NULL);
		ACHECK(op);
		(void)TEE_AsymmetricSignDigest(op, NULL, 0, d.p, 32, out.p,
					       &out.n);
		break;
	case ASYM_PANIC_DERIVE_NO_PEER:
		op = op_with(TEE_ALG_ECDH_DERIVE_SHARED_SECRET, TEE_MODE_DERIVE,
			     256, ecdh);
		ACHECK(op);
		TEE_DeriveKey(op, NULL, 0, secret);
		break;
	case ASYM_PANIC_DERIVE_BAD_POINT:
		op = op_with(TEE_ALG_ECDH_DERIVE_SHARED_SECRET, TEE_MODE_DERIVE,
			     256, ecdh);
		ACHECK(op);
		aref(&a[0], TEE_ATTR_ECC_PUBLIC_VALUE_X, hx("01"));
		aref(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_Y, hx("01"));
		TEE_DeriveKey(op, a, 2, secret);
		break;
	case ASYM_PANIC_MISSING_MODULUS:
		aref(&a[0], TEE_ATTR_RSA_PUBLIC_EXPONENT, hx("010001"));
		aref(&a[1], TEE_ATTR_RSA_PRIVATE_EXPONENT, hx(v_pkcs1_d));
		(void)obj_with(TEE_TYPE_RSA_KEYPAIR, 1024, a, 2);
		break;
	case ASYM_PANIC_POINT_OFF_CURVE:
		op = op_with(TEE_ALG_ECDSA_SHA256, TEE_MODE_VERIFY, 256,
			     TEE_HANDLE_NULL);
		ACHECK(op);
		key = p256_key(TEE_TYPE_ECDSA_PUBLIC_KEY, "01", "02", NULL);
		ACHECK(key);
		(void)TEE_SetOperationKey(op, key);
		break;
	default:
		bigint_panic(which);
		break;
	}
	/* Still here: the call that had to panic did not. */
	asym_fail.where = ASYM_WHERE;
	return TEE_ERROR_GENERIC;
}
