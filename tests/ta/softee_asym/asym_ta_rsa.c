// SPDX-License-Identifier: BSD-2-Clause
/*
 * RSA checks: PKCS#1 v1.5 signatures (RSA Laboratories Example 1.1, which
 * is deterministic, so signing is checked byte for byte), PSS (pss-int
 * vector) and OAEP (Example 1.1) known answers, round trips with every
 * digest, raw RSA against the big-integer API, and key generation.
 */
#include <string.h>
#include <tee_internal_api.h>

#include "asym_ta_bigint.h"
#include "asym_ta_checks.h"
#include "asym_ta_util.h"
#include "asym_ta_vectors.h"

#define ASYM_FILE ASYM_FILE_RSA

static const char e_65537[] = "010001";

TEE_ObjectHandle asym_pkcs1_keypair(bool crt)
{
	TEE_Attribute a[8];

	aref(&a[0], TEE_ATTR_RSA_MODULUS, hx(v_pkcs1_n));
	aref(&a[1], TEE_ATTR_RSA_PUBLIC_EXPONENT, hx(e_65537));
	aref(&a[2], TEE_ATTR_RSA_PRIVATE_EXPONENT, hx(v_pkcs1_d));
	aref(&a[3], TEE_ATTR_RSA_PRIME1, hx(v_pkcs1_p));
	aref(&a[4], TEE_ATTR_RSA_PRIME2, hx(v_pkcs1_q));
	aref(&a[5], TEE_ATTR_RSA_EXPONENT1, hx(v_pkcs1_dp));
	aref(&a[6], TEE_ATTR_RSA_EXPONENT2, hx(v_pkcs1_dq));
	aref(&a[7], TEE_ATTR_RSA_COEFFICIENT, hx(v_pkcs1_qinv));
	return obj_with(TEE_TYPE_RSA_KEYPAIR, 1024, a, crt ? 8 : 3);
}

TEE_ObjectHandle asym_rsa_public(const char *n_hex)
{
	TEE_Attribute a[2];

	aref(&a[0], TEE_ATTR_RSA_MODULUS, hx(n_hex));
	aref(&a[1], TEE_ATTR_RSA_PUBLIC_EXPONENT, hx(e_65537));
	return obj_with(TEE_TYPE_RSA_PUBLIC_KEY, 1024, a, 2);
}

/* A digest-sized pattern (the value does not matter for round trips). */
static struct buf pattern(size_t n, uint8_t seed)
{
	struct buf b = buf_new(n);

	for (size_t i = 0; i < n; i++)
		b.p[i] = (uint8_t)(seed + 13 * i);
	return b;
}

/* Sign a digest of digest_len bytes with key and verify it with pub. */
static TEE_Result sign_verify(uint32_t alg, TEE_ObjectHandle key,
			      TEE_ObjectHandle pub, size_t digest_len,
			      const TEE_Attribute *params, uint32_t n,
			      struct buf *sig_out)
{
	TEE_OperationHandle s = op_with(alg, TEE_MODE_SIGN, 4096, key);
	TEE_OperationHandle v = op_with(alg, TEE_MODE_VERIFY, 4096, pub);
	struct buf d = pattern(digest_len, (uint8_t)alg);
	struct buf sig = buf_new(512);

	ACHECK(s && v);
	ARES(TEE_AsymmetricSignDigest(s, params, n, d.p, d.n, sig.p, &sig.n),
	     TEE_SUCCESS);
	ARES(TEE_AsymmetricVerifyDigest(v, params, n, d.p, d.n, sig.p, sig.n),
	     TEE_SUCCESS);
	sig.p[sig.n / 2] ^= 0x10;
	ARES(TEE_AsymmetricVerifyDigest(v, params, n, d.p, d.n, sig.p, sig.n),
	     TEE_ERROR_SIGNATURE_INVALID);
	sig.p[sig.n / 2] ^= 0x10;
	d.p[0] ^= 1;
	ARES(TEE_AsymmetricVerifyDigest(v, params, n, d.p, d.n, sig.p, sig.n),
	     TEE_ERROR_SIGNATURE_INVALID);
	if (sig_out)
		*sig_out = sig;
	return TEE_SUCCESS;
}

TEE_Result asym_check_rsa_pkcs1_sign(void)
{
	static const struct {
		uint32_t alg;
		size_t len;
	} algs[] = {
		{ TEE_ALG_RSASSA_PKCS1_V1_5_MD5, 16 },
		{ TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, 20 },
		{ TEE_ALG_RSASSA_PKCS1_V1_5_SHA224, 28 },
		{ TEE_ALG_RSASSA_PKCS1_V1_5_SHA256, 32 },
		{ TEE_ALG_RSASSA_PKCS1_V1_5_SHA384, 48 },
		{ TEE_ALG_RSASSA_PKCS1_V1_5_SHA512, 64 },
		{ TEE_ALG_RSASSA_PKCS1_V1_5_MD5SHA1, 36 },
		{ TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_256, 32 },
	};
	TEE_ObjectHandle crt = asym_pkcs1_keypair(true);
	TEE_ObjectHandle plain = asym_pkcs1_keypair(false);
	TEE_ObjectHandle pub = asym_rsa_public(v_pkcs1_n);
	struct buf d = hx(v_pkcs1_digest), want = hx(v_pkcs1_sig);
	struct buf sig = buf_new(256);
	TEE_OperationHandle op;
	size_t len = 10;

	ACHECK(crt && plain && pub);
	/* Known answer, with and without the CRT values. */
	op = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, TEE_MODE_SIGN, 1024, crt);
	ACHECK(op);
	ARES(TEE_AsymmetricSignDigest(op, NULL, 0, d.p, d.n, sig.p, &len),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 128);
	len = sig.n;
	ARES(TEE_AsymmetricSignDigest(op, NULL, 0, d.p, d.n, sig.p, &len),
	     TEE_SUCCESS);
	ACHECK(buf_eq(want, sig.p, len));
	op = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, TEE_MODE_SIGN, 1024,
		     plain);
	ACHECK(op);
	len = sig.n;
	ARES(TEE_AsymmetricSignDigest(op, NULL, 0, d.p, d.n, sig.p, &len),
	     TEE_SUCCESS);
	ACHECK(buf_eq(want, sig.p, len));

	/* The known signature verifies with the public key and the pair. */
	op = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, TEE_MODE_VERIFY, 1024,
		     pub);
	ACHECK(op);
	ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, d.p, d.n, want.p, want.n),
	     TEE_SUCCESS);
	want.p[77] ^= 0x04;
	ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, d.p, d.n, want.p, want.n),
	     TEE_ERROR_SIGNATURE_INVALID);
	want.p[77] ^= 0x04;
	ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, d.p, d.n, want.p,
					want.n - 1),
	     TEE_ERROR_SIGNATURE_INVALID);
	op = op_with(TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, TEE_MODE_VERIFY, 1024,
		     crt);
	ACHECK(op);
	ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, d.p, d.n, want.p, want.n),
	     TEE_SUCCESS);

	for (size_t i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		ASUB(sign_verify(algs[i].alg, crt, pub, algs[i].len, NULL, 0,
				 NULL));
	return TEE_SUCCESS;
}

TEE_Result asym_check_rsa_pss(void)
{
	TEE_ObjectHandle pub = asym_rsa_public(v_pss_n);
	TEE_ObjectHandle pair = asym_pkcs1_keypair(true);
	TEE_ObjectHandle pair_pub = asym_rsa_public(v_pkcs1_n);
	struct buf h = hx(v_pss_mhash), sig = hx(v_pss_sig), s1, s2;
	TEE_OperationHandle op;
	TEE_Attribute salt;

	ACHECK(pub && pair && pair_pub);
	/* Known answer: SHA-1, 20-byte salt, given or by default. */
	op = op_with(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA1, TEE_MODE_VERIFY, 1024,
		     pub);
	ACHECK(op);
	aval(&salt, TEE_ATTR_RSA_PSS_SALT_LENGTH, 20);
	ARES(TEE_AsymmetricVerifyDigest(op, &salt, 1, h.p, h.n, sig.p, sig.n),
	     TEE_SUCCESS);
	ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, h.p, h.n, sig.p, sig.n),
	     TEE_SUCCESS);
	aval(&salt, TEE_ATTR_RSA_PSS_SALT_LENGTH, 16);
	ARES(TEE_AsymmetricVerifyDigest(op, &salt, 1, h.p, h.n, sig.p, sig.n),
	     TEE_ERROR_SIGNATURE_INVALID);
	sig.p[3] ^= 0x80;
	ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, h.p, h.n, sig.p, sig.n),
	     TEE_ERROR_SIGNATURE_INVALID);

	/* Random salt: two signatures differ, both verify. */
	ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, pair, pair_pub,
			 32, NULL, 0, &s1));
	ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, pair, pair_pub,
			 32, NULL, 0, &s2));
	ACHECK(s1.n == 128 && s2.n == 128 && !buf_eq(s1, s2.p, s2.n));
	/* No salt: deterministic; a verifier expecting one refuses it. */
	aval(&salt, TEE_ATTR_RSA_PSS_SALT_LENGTH, 0);
	ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, pair, pair_pub,
			 32, &salt, 1, &s1));
	ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, pair, pair_pub,
			 32, &salt, 1, &s2));
	ACHECK(buf_eq(s1, s2.p, s2.n));
	op = op_with(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, TEE_MODE_VERIFY,
		     1024, pair_pub);
	ACHECK(op);
	h = pattern(32, (uint8_t)TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256);
	ARES(TEE_AsymmetricVerifyDigest(op, &salt, 1, h.p, h.n, s1.p, s1.n),
	     TEE_SUCCESS);
	ARES(TEE_AsymmetricVerifyDigest(op, NULL, 0, h.p, h.n, s1.p, s1.n),
	     TEE_ERROR_SIGNATURE_INVALID);

	ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA1, pair, pair_pub,
			 20, NULL, 0, NULL));
	ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA384, pair, pair_pub,
			 48, NULL, 0, NULL));
	/* SHA-512 with a 64-byte salt does not fit 1024 bits; 32 does. */
	aval(&salt, TEE_ATTR_RSA_PSS_SALT_LENGTH, 32);
	ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA512, pair, pair_pub,
			 64, &salt, 1, NULL));
	ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_256, pair, pair_pub,
			 32, NULL, 0, NULL));
	return TEE_SUCCESS;
}

static TEE_ObjectHandle oaep_keypair(void)
{
	TEE_Attribute a[3];

	aref(&a[0], TEE_ATTR_RSA_MODULUS, hx(v_oaep_n));
	aref(&a[1], TEE_ATTR_RSA_PUBLIC_EXPONENT, hx(e_65537));
	aref(&a[2], TEE_ATTR_RSA_PRIVATE_EXPONENT, hx(v_oaep_d));
	return obj_with(TEE_TYPE_RSA_KEYPAIR, 1024, a, 3);
}

/* Encrypt msg with pub, decrypt with pair (params on both sides). */
static TEE_Result crypt_roundtrip(uint32_t alg, TEE_ObjectHandle pair,
				  TEE_ObjectHandle pub, struct buf msg,
				  const TEE_Attribute *params, uint32_t n,
				  struct buf *ct_out)
{
	TEE_OperationHandle e = op_with(alg, TEE_MODE_ENCRYPT, 1024, pub);
	TEE_OperationHandle d = op_with(alg, TEE_MODE_DECRYPT, 1024, pair);
	struct buf ct = buf_new(128), pt = buf_new(128);

	ACHECK(e && d);
	ARES(TEE_AsymmetricEncrypt(e, params, n, msg.p, msg.n, ct.p, &ct.n),
	     TEE_SUCCESS);
	ACHECK(ct.n == 128);
	ARES(TEE_AsymmetricDecrypt(d, params, n, ct.p, ct.n, pt.p, &pt.n),
	     TEE_SUCCESS);
	ACHECK(buf_eq(msg, pt.p, pt.n));
	if (ct_out)
		*ct_out = ct;
	return TEE_SUCCESS;
}

TEE_Result asym_check_rsa_oaep(void)
{
	TEE_ObjectHandle pair = oaep_keypair();
	TEE_ObjectHandle pub = asym_rsa_public(v_oaep_n);
	struct buf ct = hx(v_oaep_ct), msg = hx(v_oaep_msg), pt = buf_new(200);
	struct buf label = hx("736f66746565"), mgf = buf_new(4);
	TEE_OperationHandle d, e;
	TEE_Attribute p[2];
	uint32_t sha1 = TEE_ALG_SHA1;
	size_t len = 3;

	ACHECK(pair && pub);
	d = op_with(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, TEE_MODE_DECRYPT,
		    1024, pair);
	ACHECK(d);
	ARES(TEE_AsymmetricDecrypt(d, NULL, 0, ct.p, ct.n, pt.p, &len),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == msg.n);
	ARES(TEE_AsymmetricDecrypt(d, NULL, 0, ct.p, ct.n, pt.p, &len),
	     TEE_SUCCESS);
	ACHECK(buf_eq(msg, pt.p, len));
	ct.p[100] ^= 0x01;
	len = pt.n;
	ARES(TEE_AsymmetricDecrypt(d, NULL, 0, ct.p, ct.n, pt.p, &len),
	     TEE_ERROR_CIPHERTEXT_INVALID);
	ct.p[100] ^= 0x01;
	len = pt.n;
	ARES(TEE_AsymmetricDecrypt(d, NULL, 0, pt.p, 129, pt.p, &len),
	     TEE_ERROR_BAD_PARAMETERS);

	/* Round trips; a label must match on both sides. */
	ASUB(crypt_roundtrip(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, pair, pub, msg,
			     NULL, 0, NULL));
	aref(&p[0], TEE_ATTR_RSA_OAEP_LABEL, label);
	ASUB(crypt_roundtrip(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, pair, pub, msg,
			     p, 1, &ct));
	len = pt.n;
	ARES(TEE_AsymmetricDecrypt(d, NULL, 0, ct.p, ct.n, pt.p, &len),
	     TEE_ERROR_CIPHERTEXT_INVALID);

	/* SHA-256 OAEP with an MGF1-SHA-1 mask (OP-TEE's parameter). */
	memcpy(mgf.p, &sha1, sizeof(sha1));
	aref(&p[1], TEE_ATTR_RSA_OAEP_MGF_HASH, mgf);
	ASUB(crypt_roundtrip(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA256, pair, pub,
			     msg, &p[1], 1, &ct));
	d = op_with(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA256, TEE_MODE_DECRYPT,
		    1024, pair);
	ACHECK(d);
	len = pt.n;
	ARES(TEE_AsymmetricDecrypt(d, NULL, 0, ct.p, ct.n, pt.p, &len),
	     TEE_ERROR_CIPHERTEXT_INVALID);
	ASUB(crypt_roundtrip(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA384, pair, pub,
			     msg, NULL, 0, NULL));

	/* k - 2 hLen - 2 = 86 bytes fit SHA-1 OAEP with 1024 bits, 87 not. */
	ASUB(crypt_roundtrip(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, pair, pub,
			     pattern(86, 1), NULL, 0, NULL));
	e = op_with(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, TEE_MODE_ENCRYPT, 1024,
		    pub);
	ACHECK(e);
	msg = pattern(87, 1);
	len = pt.n;
	ARES(TEE_AsymmetricEncrypt(e, NULL, 0, msg.p, msg.n, pt.p, &len),
	     TEE_ERROR_BAD_PARAMETERS);
	len = 10;
	ARES(TEE_AsymmetricEncrypt(e, NULL, 0, msg.p, 10, pt.p, &len),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 128);
	return TEE_SUCCESS;
}

TEE_Result asym_check_rsa_enc(void)
{
	TEE_ObjectHandle pair = asym_pkcs1_keypair(true);
	TEE_ObjectHandle pub = asym_rsa_public(v_pkcs1_n);
	struct buf msg = pattern(117, 9), ct, pt = buf_new(128);
	TEE_OperationHandle e, d;
	struct bi m, n, x, ex;
	size_t len;

	ACHECK(pair && pub);
	/* PKCS#1 v1.5: up to k - 11 = 117 bytes. */
	ASUB(crypt_roundtrip(TEE_ALG_RSAES_PKCS1_V1_5, pair, pub, msg, NULL, 0,
			     &ct));
	d = op_with(TEE_ALG_RSAES_PKCS1_V1_5, TEE_MODE_DECRYPT, 1024, pair);
	e = op_with(TEE_ALG_RSAES_PKCS1_V1_5, TEE_MODE_ENCRYPT, 1024, pub);
	ACHECK(d && e);
	ct.p[0] ^= 0x20;
	len = pt.n;
	ARES(TEE_AsymmetricDecrypt(d, NULL, 0, ct.p, ct.n, pt.p, &len),
	     TEE_ERROR_CIPHERTEXT_INVALID);
	msg = pattern(118, 9);
	len = pt.n;
	ARES(TEE_AsymmetricEncrypt(e, NULL, 0, msg.p, msg.n, pt.p, &len),
	     TEE_ERROR_BAD_PARAMETERS);

	/* Raw RSA equals m^e mod n computed with the big-integer API. */
	msg = pattern(100, 0x31);
	e = op_with(TEE_ALG_RSA_NOPAD, TEE_MODE_ENCRYPT, 1024, pub);
	d = op_with(TEE_ALG_RSA_NOPAD, TEE_MODE_DECRYPT, 1024, pair);
	ACHECK(e && d);
	ct = buf_new(128);
	ARES(TEE_AsymmetricEncrypt(e, NULL, 0, msg.p, msg.n, ct.p, &ct.n),
	     TEE_SUCCESS);
	bi_init(&m);
	bi_init(&n);
	bi_init(&x);
	bi_init(&ex);
	ARES(TEE_BigIntConvertFromOctetString(m.w, msg.p, msg.n, 1),
	     TEE_SUCCESS);
	ARES(bi_set(&n, v_pkcs1_n), TEE_SUCCESS);
	TEE_BigIntConvertFromS32(ex.w, 65537);
	ARES(TEE_BigIntExpMod(x.w, m.w, ex.w, n.w, NULL), TEE_SUCCESS);
	TEE_BigIntConvertFromS32(m.w, 0);
	ARES(TEE_BigIntConvertFromOctetString(m.w, ct.p, ct.n, 1), TEE_SUCCESS);
	ACHECK(TEE_BigIntCmp(m.w, x.w) == 0);
	len = pt.n;
	ARES(TEE_AsymmetricDecrypt(d, NULL, 0, ct.p, ct.n, pt.p, &len),
	     TEE_SUCCESS);
	ACHECK(buf_eq(msg, pt.p, len));
	/* A block >= n is refused. */
	msg = buf_new(128);
	memset(msg.p, 0xff, msg.n);
	len = pt.n;
	ARES(TEE_AsymmetricEncrypt(e, NULL, 0, msg.p, msg.n, pt.p, &len),
	     TEE_ERROR_BAD_PARAMETERS);
	return TEE_SUCCESS;
}

/* A generated key of bits bits, used for what its size allows. */
TEE_Result asym_check_rsa_keygen(uint32_t bits)
{
	TEE_ObjectHandle key = obj_new(TEE_TYPE_RSA_KEYPAIR, bits);
	TEE_ObjectHandle pub = obj_new(TEE_TYPE_RSA_PUBLIC_KEY, bits);
	TEE_ObjectInfo info;
	struct buf mod, e, msg;
	TEE_Attribute exp3;

	ACHECK(key && pub);
	if (bits == 512) {
		/* A public exponent of our choice. */
		aref(&exp3, TEE_ATTR_RSA_PUBLIC_EXPONENT, hx("03"));
		ARES(TEE_GenerateKey(key, bits, &exp3, 1), TEE_SUCCESS);
	} else {
		ARES(TEE_GenerateKey(key, bits, NULL, 0), TEE_SUCCESS);
	}
	ARES(TEE_GetObjectInfo1(key, &info), TEE_SUCCESS);
	ACHECK(info.objectSize == bits);
	mod = obj_attr(key, TEE_ATTR_RSA_MODULUS);
	e = obj_attr(key, TEE_ATTR_RSA_PUBLIC_EXPONENT);
	ACHECK(mod.n == (bits + 7) / 8 && mod.p[0] >> ((bits + 7) % 8) == 1);
	ACHECK(buf_eq(e, bits == 512 ? "\x03" : "\x01\x00\x01",
		      bits == 512 ? 1 : 3));
	ACHECK(obj_attr(key, TEE_ATTR_RSA_PRIME1).n &&
	       obj_attr(key, TEE_ATTR_RSA_COEFFICIENT).n);
	ARES(TEE_CopyObjectAttributes1(pub, key), TEE_SUCCESS);

	if (bits >= 1024) {
		ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_V1_5_SHA256, key, pub, 32,
				 NULL, 0, NULL));
		ASUB(sign_verify(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, key, pub,
				 32, NULL, 0, NULL));
	}
	msg = pattern(bits / 8 > 11 + 16 ? 16 : 4, 0x5a);
	if (bits == 1024)
		ASUB(crypt_roundtrip(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, key,
				     pub, msg, NULL, 0, NULL));
	if (bits <= 1024) {
		/* crypt_roundtrip expects 1024-bit ciphertexts: do it here. */
		TEE_OperationHandle oe = op_with(TEE_ALG_RSAES_PKCS1_V1_5,
						 TEE_MODE_ENCRYPT, bits, pub);
		TEE_OperationHandle od = op_with(TEE_ALG_RSAES_PKCS1_V1_5,
						 TEE_MODE_DECRYPT, bits, key);
		struct buf ct = buf_new(512), pt = buf_new(512);

		ACHECK(oe && od);
		ARES(TEE_AsymmetricEncrypt(oe, NULL, 0, msg.p, msg.n, ct.p,
					   &ct.n), TEE_SUCCESS);
		ACHECK(ct.n == mod.n);
		ARES(TEE_AsymmetricDecrypt(od, NULL, 0, ct.p, ct.n, pt.p,
					   &pt.n), TEE_SUCCESS);
		ACHECK(buf_eq(msg, pt.p, pt.n));
	}
	return TEE_SUCCESS;
}
