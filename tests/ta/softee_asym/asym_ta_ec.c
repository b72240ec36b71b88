// SPDX-License-Identifier: BSD-2-Clause
/*
 * ECDSA and ECDH checks: NIST CAVP SigVer vectors for P-256 and P-384
 * (accepted and rejected ones), RFC 6979 A.2.5, CAVS ECC CDH P-256, and
 * sign/verify and agreement round trips with generated keys on every
 * NIST curve.
 */
#include <string.h>
#include <tee_internal_api.h>

#include "asym_ta_checks.h"
#include "asym_ta_util.h"
#include "asym_ta_vectors.h"

#define ASYM_FILE ASYM_FILE_EC

static const struct {
	uint32_t curve;
	uint32_t bits;
	size_t bytes;
	uint32_t legacy_ecdsa;	/* OP-TEE's per-curve id */
	uint32_t legacy_ecdh;
} curves[] = {
	{ TEE_ECC_CURVE_NIST_P192, 192, 24, __OPTEE_ALG_ECDSA_P192,
	  __OPTEE_ALG_ECDH_P192 },
	{ TEE_ECC_CURVE_NIST_P224, 224, 28, __OPTEE_ALG_ECDSA_P224,
	  __OPTEE_ALG_ECDH_P224 },
	{ TEE_ECC_CURVE_NIST_P256, 256, 32, __OPTEE_ALG_ECDSA_P256,
	  __OPTEE_ALG_ECDH_P256 },
	{ TEE_ECC_CURVE_NIST_P384, 384, 48, __OPTEE_ALG_ECDSA_P384,
	  __OPTEE_ALG_ECDH_P384 },
	{ TEE_ECC_CURVE_NIST_P521, 521, 66, __OPTEE_ALG_ECDSA_P521,
	  __OPTEE_ALG_ECDH_P521 },
};
#define N_CURVES (sizeof(curves) / sizeof(curves[0]))

static TEE_ObjectHandle ec_key(uint32_t type, uint32_t curve, uint32_t bits,
			       const char *x, const char *y, const char *d)
{
	TEE_Attribute a[4];

	aval(&a[0], TEE_ATTR_ECC_CURVE, curve);
	aref(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_X, hx(x));
	aref(&a[2], TEE_ATTR_ECC_PUBLIC_VALUE_Y, hx(y));
	if (d)
		aref(&a[3], TEE_ATTR_ECC_PRIVATE_VALUE, hx(d));
	return obj_with(type, bits, a, d ? 4 : 3);
}

/* r||s from the vector's hex values (already at full width). */
static struct buf rs(const char *r, const char *s)
{
	struct buf br = hx(r), bs = hx(s), sig = buf_new(br.n + bs.n);

	memcpy(sig.p, br.p, br.n);
	memcpy(sig.p + br.n, bs.p, bs.n);
	return sig;
}

static TEE_Result sigver(uint32_t alg, uint32_t curve, uint32_t bits,
			 const char *qx, const char *qy, const char *digest,
			 const char *r, const char *s, TEE_Result want)
{
	TEE_ObjectHandle k = ec_key(TEE_TYPE_ECDSA_PUBLIC_KEY, curve, bits, qx,
				    qy, NULL);
	TEE_OperationHandle op;
	struct buf d = hx(digest), sig = rs(r, s);

	ACHECK(k);
	op = op_with(alg, TEE_MODE_VERIFY, bits, k);
	ACHECK(op);
	ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, d.p, d.n, sig.p, sig.n),
	     want);
	if (want == TEE_SUCCESS) {
		/* a signature of the wrong length is just invalid */
		ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, d.p, d.n, sig.p,
						sig.n - 1),
		     TEE_ERROR_SIGNATURE_INVALID);
		sig.p[sig.n - 1] ^= 0x01;
		ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, d.p, d.n, sig.p,
						sig.n),
		     TEE_ERROR_SIGNATURE_INVALID);
	}
	return TEE_SUCCESS;
}

TEE_Result asym_check_ecdsa_kat(void)
{
	TEE_ObjectHandle pair;
	TEE_OperationHandle s, v;
	struct buf d = hx(v_rfc6979_digest), sig = buf_new(64);
	size_t len = 10;

	ASUB(sigver(TEE_ALG_ECDSA_SHA256, TEE_ECC_CURVE_NIST_P256, 256,
		    v_p256_ok_qx, v_p256_ok_qy, v_p256_ok_digest, v_p256_ok_r,
		    v_p256_ok_s, TEE_SUCCESS));
	ASUB(sigver(__OPTEE_ALG_ECDSA_P256, TEE_ECC_CURVE_NIST_P256, 256,
		    v_p256_ok_qx, v_p256_ok_qy, v_p256_ok_digest, v_p256_ok_r,
		    v_p256_ok_s, TEE_SUCCESS));
	ASUB(sigver(TEE_ALG_ECDSA_SHA256, TEE_ECC_CURVE_NIST_P256, 256,
		    v_p256_bad_qx, v_p256_bad_qy, v_p256_bad_digest,
		    v_p256_bad_r, v_p256_bad_s, TEE_ERROR_SIGNATURE_INVALID));
	ASUB(sigver(TEE_ALG_ECDSA_SHA384, TEE_ECC_CURVE_NIST_P384, 384,
		    v_p384_ok_qx, v_p384_ok_qy, v_p384_ok_digest, v_p384_ok_r,
		    v_p384_ok_s, TEE_SUCCESS));
	ASUB(sigver(TEE_ALG_ECDSA_SHA1, TEE_ECC_CURVE_NIST_P384, 384,
		    v_p384_bad_qx, v_p384_bad_qy, v_p384_bad_digest,
		    v_p384_bad_r, v_p384_bad_s, TEE_ERROR_SIGNATURE_INVALID));
	ASUB(sigver(TEE_ALG_ECDSA_SHA256, TEE_ECC_CURVE_NIST_P256, 256,
		    v_rfc6979_ux, v_rfc6979_uy, v_rfc6979_digest, v_rfc6979_r,
		    v_rfc6979_s, TEE_SUCCESS));

	/* The RFC 6979 key signs (randomised k) what it verifies. */
	pair = ec_key(TEE_TYPE_ECDSA_KEYPAIR, TEE_ECC_CURVE_NIST_P256, 256,
		      v_rfc6979_ux, v_rfc6979_uy, v_rfc6979_x);
	ACHECK(pair);
	s = op_with(TEE_ALG_ECDSA_SHA256, TEE_MODE_SIGN, 256, pair);
	v = op_with(TEE_ALG_ECDSA_SHA256, TEE_MODE_VERIFY, 256, pair);
	ACHECK(s && v);
	ARES(TEE_AsymmetricSignDigest(s, NULL, 0, d.p, d.n, sig.p, &len),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 64);
	ARES(TEE_AsymmetricSignDigest(s, NULL, 0, d.p, d.n, sig.p, &len),
	     TEE_SUCCESS);
	ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, d.p, d.n, sig.p, len),
	     TEE_SUCCESS);
	return TEE_SUCCESS;
}

static TEE_ObjectHandle gen_ec(uint32_t type, uint32_t curve, uint32_t bits)
{
	TEE_ObjectHandle k = obj_new(type, bits);
	TEE_Attribute a;

	if (!k)
		return k;
	aval(&a, TEE_ATTR_ECC_CURVE, curve);
	asym_fail.res = TEE_GenerateKey(k, bits, &a, 1);
	return asym_fail.res ? TEE_HANDLE_NULL : k;
}

static TEE_Result ecdsa_roundtrip(size_t i, uint32_t alg, size_t dlen)
{
	uint32_t bits = curves[i].bits;
	TEE_ObjectHandle pair = gen_ec(TEE_TYPE_ECDSA_KEYPAIR, curves[i].curve,
				       bits);
	TEE_ObjectHandle pub = obj_new(TEE_TYPE_ECDSA_PUBLIC_KEY, bits);
	TEE_OperationHandle s, v;
	struct buf d = buf_new(dlen), sig = buf_new(2 * 66);
	TEE_ObjectInfo info;
	size_t len = 1;

	ACHECK(pair && pub);
	ARES(TEE_GetObjectInfo1(pair, &info), TEE_SUCCESS);
	ACHECK(info.objectSize == bits);
	ACHECK(obj_attr(pair, TEE_ATTR_ECC_PUBLIC_VALUE_X).n ==
	       curves[i].bytes);
	ACHECK(obj_attr(pair, TEE_ATTR_ECC_PRIVATE_VALUE).n ==
	       curves[i].bytes);
	ARES(TEE_CopyObjectAttributes1(pub, pair), TEE_SUCCESS);
	s = op_with(alg, TEE_MODE_SIGN, bits, pair);
	v = op_with(alg, TEE_MODE_VERIFY, bits, pub);
	ACHECK(s && v);
	memset(d.p, 0xa5, d.n);
	ARES(TEE_AsymmetricSignDigest(s, NULL, 0, d.p, d.n, sig.p, &len),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 2 * curves[i].bytes);
	len = sig.n;
	ARES(TEE_AsymmetricSignDigest(s, NULL, 0, d.p, d.n, sig.p, &len),
	     TEE_SUCCESS);
	ACHECK(len == 2 * curves[i].bytes);
	ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, d.p, d.n, sig.p, len),
	     TEE_SUCCESS);
	sig.p[len / 4] ^= 0x40;
	ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, d.p, d.n, sig.p, len),
	     TEE_ERROR_SIGNATURE_INVALID);
	return TEE_SUCCESS;
}

TEE_Result asym_check_ecdsa_roundtrip(void)
{
	for (size_t i = 0; i < N_CURVES; i++) {
		ASUB(ecdsa_roundtrip(i, TEE_ALG_ECDSA_SHA256, 32));
		ASUB(ecdsa_roundtrip(i, TEE_ALG_ECDSA_SHA512, 64));
		ASUB(ecdsa_roundtrip(i, curves[i].legacy_ecdsa, 20));
	}
	return TEE_SUCCESS;
}

/* Derive with key and the peer point (x, y): the secret. */
static struct buf ecdh(uint32_t alg, uint32_t bits, TEE_ObjectHandle key,
		       struct buf x, struct buf y)
{
	TEE_OperationHandle op = op_with(alg, TEE_MODE_DERIVE, bits, key);
	TEE_ObjectHandle s = obj_new(TEE_TYPE_GENERIC_SECRET, 1024);
	TEE_Attribute p[2];
	struct buf none = { NULL, 0 };

	if (!op || !s)
		return none;
	aref(&p[0], TEE_ATTR_ECC_PUBLIC_VALUE_X, x);
	aref(&p[1], TEE_ATTR_ECC_PUBLIC_VALUE_Y, y);
	TEE_DeriveKey(op, p, 2, s);
	return secret_of(s);
}

TEE_Result asym_check_ecdh(void)
{
	TEE_ObjectHandle k = ec_key(TEE_TYPE_ECDH_KEYPAIR,
				    TEE_ECC_CURVE_NIST_P256, 256, v_cdh_qiut_x,
				    v_cdh_qiut_y, v_cdh_d);
	struct buf z = hx(v_cdh_z), s;
	TEE_ObjectHandle a, b;

	ACHECK(k);
	s = ecdh(TEE_ALG_ECDH_DERIVE_SHARED_SECRET, 256, k, hx(v_cdh_qcavs_x),
		 hx(v_cdh_qcavs_y));
	ACHECK(buf_eq(z, s.p, s.n));
	s = ecdh(__OPTEE_ALG_ECDH_P256, 256, k, hx(v_cdh_qcavs_x),
		 hx(v_cdh_qcavs_y));
	ACHECK(buf_eq(z, s.p, s.n));

	for (size_t i = 0; i < N_CURVES; i++) {
		uint32_t bits = curves[i].bits;
		struct buf s2;

		a = gen_ec(TEE_TYPE_ECDH_KEYPAIR, curves[i].curve, bits);
		b = gen_ec(TEE_TYPE_ECDH_KEYPAIR, curves[i].curve, bits);
		ACHECK(a && b);
		s = ecdh(TEE_ALG_ECDH_DERIVE_SHARED_SECRET, bits, a,
			 obj_attr(b, TEE_ATTR_ECC_PUBLIC_VALUE_X),
			 obj_attr(b, TEE_ATTR_ECC_PUBLIC_VALUE_Y));
		s2 = ecdh(curves[i].legacy_ecdh, bits, b,
			  obj_attr(a, TEE_ATTR_ECC_PUBLIC_VALUE_X),
			  obj_attr(a, TEE_ATTR_ECC_PUBLIC_VALUE_Y));
		ACHECK(s.n == curves[i].bytes && buf_eq(s, s2.p, s2.n));
	}
	return TEE_SUCCESS;
}
