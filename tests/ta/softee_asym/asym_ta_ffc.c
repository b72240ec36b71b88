// SPDX-License-Identifier: BSD-2-Clause
/*
 * Finite-field checks: Diffie-Hellman with the RFC 5114 A.1 values
 * (both parties reach Z), generated DH keys agreeing, and DSA round trips
 * over the same RFC 5114 group (a valid DSA domain: g has order q).
 */
#include <tee_internal_api.h>

#include "asym_ta_checks.h"
#include "asym_ta_util.h"
#include "asym_ta_vectors.h"

#define ASYM_FILE ASYM_FILE_FFC

static TEE_ObjectHandle dh_pair(const char *y, const char *x)
{
	TEE_Attribute a[5];

	aref(&a[0], TEE_ATTR_DH_PRIME, hx(v_dh_p));
	aref(&a[1], TEE_ATTR_DH_BASE, hx(v_dh_g));
	aref(&a[2], TEE_ATTR_DH_SUBPRIME, hx(v_dh_q));
	aref(&a[3], TEE_ATTR_DH_PUBLIC_VALUE, hx(y));
	aref(&a[4], TEE_ATTR_DH_PRIVATE_VALUE, hx(x));
	return obj_with(TEE_TYPE_DH_KEYPAIR, 1024, a, 5);
}

static struct buf dh(TEE_ObjectHandle key, struct buf peer)
{
	TEE_OperationHandle op = op_with(TEE_ALG_DH_DERIVE_SHARED_SECRET,
					 TEE_MODE_DERIVE, 1024, key);
	TEE_ObjectHandle s = obj_new(TEE_TYPE_GENERIC_SECRET, 1024);
	struct buf none = { NULL, 0 };
	TEE_Attribute p;

	if (!op || !s)
		return none;
	aref(&p, TEE_ATTR_DH_PUBLIC_VALUE, peer);
	TEE_DeriveKey(op, &p, 1, s);
	return secret_of(s);
}

/* Domain parameters of the RFC 5114 group, with x bits if not 0. */
static uint32_t domain(TEE_Attribute *a, bool dsa, uint32_t xbits)
{
	aref(&a[0], dsa ? TEE_ATTR_DSA_PRIME : TEE_ATTR_DH_PRIME, hx(v_dh_p));
	aref(&a[1], dsa ? TEE_ATTR_DSA_BASE : TEE_ATTR_DH_BASE, hx(v_dh_g));
	aref(&a[2], dsa ? TEE_ATTR_DSA_SUBPRIME : TEE_ATTR_DH_SUBPRIME,
	     hx(v_dh_q));
	if (!xbits)
		return 3;
	aval(&a[3], TEE_ATTR_DH_X_BITS, xbits);
	return 4;
}

TEE_Result asym_check_dh(void)
{
	TEE_ObjectHandle a = dh_pair(v_dh_ya, v_dh_xa);
	TEE_ObjectHandle b = dh_pair(v_dh_yb, v_dh_xb);
	TEE_ObjectHandle g1 = obj_new(TEE_TYPE_DH_KEYPAIR, 1024);
	TEE_ObjectHandle g2 = obj_new(TEE_TYPE_DH_KEYPAIR, 1024);
	struct buf z = hx(v_dh_z), s, s2;
	TEE_Attribute p[4];
	uint32_t n;

	ACHECK(a && b && g1 && g2);
	s = dh(a, hx(v_dh_yb));
	ACHECK(buf_eq(z, s.p, s.n));
	s = dh(b, hx(v_dh_ya));
	ACHECK(buf_eq(z, s.p, s.n));

	/* Generated: x below q, and x of exactly 256 bits. */
	n = domain(p, false, 0);
	ARES(TEE_GenerateKey(g1, 1024, p, n), TEE_SUCCESS);
	n = domain(p, false, 256);
	ARES(TEE_GenerateKey(g2, 1024, p, n), TEE_SUCCESS);
	ACHECK(obj_attr(g1, TEE_ATTR_DH_PRIVATE_VALUE).n <= 20);
	s = obj_attr(g2, TEE_ATTR_DH_PRIVATE_VALUE);
	ACHECK(s.n == 32 && (s.p[0] & 0x80));
	s = dh(g1, obj_attr(g2, TEE_ATTR_DH_PUBLIC_VALUE));
	s2 = dh(g2, obj_attr(g1, TEE_ATTR_DH_PUBLIC_VALUE));
	ACHECK(s.n && buf_eq(s, s2.p, s2.n));
	return TEE_SUCCESS;
}

TEE_Result asym_check_dsa(void)
{
	static const struct {
		uint32_t alg;
		size_t len;
	} algs[] = {
		{ TEE_ALG_DSA_SHA1, 20 },
		{ TEE_ALG_DSA_SHA224, 28 },
		{ TEE_ALG_DSA_SHA256, 32 },
	};
	TEE_ObjectHandle pair = obj_new(TEE_TYPE_DSA_KEYPAIR, 1024);
	TEE_ObjectHandle pub = obj_new(TEE_TYPE_DSA_PUBLIC_KEY, 1024);
	TEE_Attribute p[3];
	uint32_t n = domain(p, true, 0);

	ACHECK(pair && pub);
	ARES(TEE_GenerateKey(pair, 1024, p, n), TEE_SUCCESS);
	ARES(TEE_CopyObjectAttributes1(pub, pair), TEE_SUCCESS);
	for (size_t i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
		TEE_OperationHandle s = op_with(algs[i].alg, TEE_MODE_SIGN,
						1024, pair);
		TEE_OperationHandle v = op_with(algs[i].alg, TEE_MODE_VERIFY,
						1024, pub);
		struct buf d = buf_new(algs[i].len), sig = buf_new(40);
		size_t len = 8;

		ACHECK(s && v);
		ARES(TEE_AsymmetricSignDigest(s, NULL, 0, d.p, d.n, sig.p,
					      &len), TEE_ERROR_SHORT_BUFFER);
		ACHECK(len == 40);	/* r||s, 20 bytes each for q of 160 */
		ARES(TEE_AsymmetricSignDigest(s, NULL, 0, d.p, d.n, sig.p,
					      &len), TEE_SUCCESS);
		ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, d.p, d.n, sig.p,
						len), TEE_SUCCESS);
		sig.p[30] ^= 0x08;
		ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, d.p, d.n, sig.p,
						len),
		     TEE_ERROR_SIGNATURE_INVALID);
	}
	return TEE_SUCCESS;
}
