// SPDX-License-Identifier: BSD-2-Clause
/*
 * Curve25519 checks: X25519 with the RFC 7748 section 6.1 key pairs and
 * Ed25519 with RFC 8032 section 7.1 tests 1 to 3 (deterministic, so the
 * signatures are checked byte for byte), plus generated-key round trips.
 */
#include <tee_internal_api.h>

#include "asym_ta_checks.h"
#include "asym_ta_util.h"
#include "asym_ta_vectors.h"

#define ASYM_FILE ASYM_FILE_25519

static TEE_ObjectHandle pair_of(uint32_t type, uint32_t pub_id,
				uint32_t priv_id, const char *pub,
				const char *priv)
{
	TEE_Attribute a[2];

	aref(&a[0], pub_id, hx(pub));
	aref(&a[1], priv_id, hx(priv));
	return obj_with(type, 256, a, 2);
}

static struct buf x25519(TEE_ObjectHandle key, struct buf peer)
{
	TEE_OperationHandle op = op_with(TEE_ALG_X25519, TEE_MODE_DERIVE, 256,
					 key);
	TEE_ObjectHandle s = obj_new(TEE_TYPE_GENERIC_SECRET, 256);
	struct buf none = { NULL, 0 };
	TEE_Attribute p;

	if (!op || !s)
		return none;
	aref(&p, TEE_ATTR_X25519_PUBLIC_VALUE, peer);
	TEE_DeriveKey(op, &p, 1, s);
	return secret_of(s);
}

TEE_Result asym_check_x25519(void)
{
	TEE_ObjectHandle a = pair_of(TEE_TYPE_X25519_KEYPAIR,
				     TEE_ATTR_X25519_PUBLIC_VALUE,
				     TEE_ATTR_X25519_PRIVATE_VALUE,
				     v_x25519_a_pub, v_x25519_a_priv);
	TEE_ObjectHandle b = pair_of(TEE_TYPE_X25519_KEYPAIR,
				     TEE_ATTR_X25519_PUBLIC_VALUE,
				     TEE_ATTR_X25519_PRIVATE_VALUE,
				     v_x25519_b_pub, v_x25519_b_priv);
	struct buf k = hx(v_x25519_k), s, s2;
	TEE_ObjectHandle g1 = obj_new(TEE_TYPE_X25519_KEYPAIR, 256);
	TEE_ObjectHandle g2 = obj_new(TEE_TYPE_X25519_KEYPAIR, 256);

	ACHECK(a && b && g1 && g2);
	s = x25519(a, hx(v_x25519_b_pub));
	ACHECK(buf_eq(k, s.p, s.n));
	s = x25519(b, hx(v_x25519_a_pub));
	ACHECK(buf_eq(k, s.p, s.n));

	ARES(TEE_GenerateKey(g1, 256, NULL, 0), TEE_SUCCESS);
	ARES(TEE_GenerateKey(g2, 256, NULL, 0), TEE_SUCCESS);
	s = x25519(g1, obj_attr(g2, TEE_ATTR_X25519_PUBLIC_VALUE));
	s2 = x25519(g2, obj_attr(g1, TEE_ATTR_X25519_PUBLIC_VALUE));
	ACHECK(s.n == 32 && buf_eq(s, s2.p, s2.n) && !buf_eq(s, k.p, k.n));
	return TEE_SUCCESS;
}

static TEE_Result ed25519_kat(const char *sk, const char *pk,
			      const char *msg, const char *want)
{
	TEE_ObjectHandle pair = pair_of(TEE_TYPE_ED25519_KEYPAIR,
					TEE_ATTR_ED25519_PUBLIC_VALUE,
					TEE_ATTR_ED25519_PRIVATE_VALUE, pk, sk);
	TEE_ObjectHandle pub;
	TEE_OperationHandle s, v;
	struct buf m = hx(msg), w = hx(want), sig = buf_new(64);
	TEE_Attribute a;
	size_t len = 63;

	aref(&a, TEE_ATTR_ED25519_PUBLIC_VALUE, hx(pk));
	pub = obj_with(TEE_TYPE_ED25519_PUBLIC_KEY, 256, &a, 1);
	ACHECK(pair && pub);
	s = op_with(TEE_ALG_ED25519, TEE_MODE_SIGN, 256, pair);
	v = op_with(TEE_ALG_ED25519, TEE_MODE_VERIFY, 256, pub);
	ACHECK(s && v);
	ARES(TEE_AsymmetricSignDigest(s, NULL, 0, m.p, m.n, sig.p, &len),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 64);
	ARES(TEE_AsymmetricSignDigest(s, NULL, 0, m.p, m.n, sig.p, &len),
	     TEE_SUCCESS);
	ACHECK(buf_eq(w, sig.p, len));
	ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, m.p, m.n, w.p, w.n),
	     TEE_SUCCESS);
	w.p[5] ^= 0x02;
	ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, m.p, m.n, w.p, w.n),
	     TEE_ERROR_SIGNATURE_INVALID);
	w.p[5] ^= 0x02;
	ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, m.p, m.n, w.p, 63),
	     TEE_ERROR_SIGNATURE_INVALID);
	/* The message is signed, not a digest: one more byte breaks it. */
	m = buf_new(m.n + 1);
	ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, m.p, m.n, w.p, w.n),
	     TEE_ERROR_SIGNATURE_INVALID);
	return TEE_SUCCESS;
}

TEE_Result asym_check_ed25519(void)
{
	TEE_ObjectHandle g = obj_new(TEE_TYPE_ED25519_KEYPAIR, 256);
	TEE_OperationHandle s, v;
	struct buf m = hx("0123456789abcdef"), sig = buf_new(64);

	ASUB(ed25519_kat(v_ed1_sk, v_ed1_pk, v_ed1_msg, v_ed1_sig));
	ASUB(ed25519_kat(v_ed2_sk, v_ed2_pk, v_ed2_msg, v_ed2_sig));
	ASUB(ed25519_kat(v_ed3_sk, v_ed3_pk, v_ed3_msg, v_ed3_sig));

	ACHECK(g);
	ARES(TEE_GenerateKey(g, 256, NULL, 0), TEE_SUCCESS);
	ACHECK(obj_attr(g, TEE_ATTR_ED25519_PUBLIC_VALUE).n == 32);
	s = op_with(TEE_ALG_ED25519, TEE_MODE_SIGN, 256, g);
	v = op_with(TEE_ALG_ED25519, TEE_MODE_VERIFY, 256, g);
	ACHECK(s && v);
	ARES(TEE_AsymmetricSignDigest(s, NULL, 0, m.p, m.n, sig.p, &sig.n),
	     TEE_SUCCESS);
	ARES(TEE_AsymmetricVerifyDigest(v, NULL, 0, m.p, m.n, sig.p, sig.n),
	     TEE_SUCCESS);
	return TEE_SUCCESS;
}
