// SPDX-License-Identifier: BSD-2-Clause
/*
 * Asymmetric key generation for TEE_GenerateKey: RSA, DSA and DH key
 * pairs, EC key pairs on the NIST curves, Ed25519 and X25519. The new
 * key lands in the object as GP attributes (big-endian byte strings).
 */
#include <limits.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <tee_internal_api.h>

#include "tee_api_asym.h"
#include "utee_object.h"

#define RSA_DEFAULT_E		65537
#define OPENSSL_RSA_MIN_BITS	512	/* OpenSSL's keygen refuses less */
#define RAW_KEY_BYTES		32	/* Ed25519 and X25519 */

/* A ref parameter as a new BIGNUM; NULL if absent (or out of memory,
 * *bad set only when the parameter is present but unusable). */
static BIGNUM *param_bn(const TEE_Attribute *params, uint32_t n, uint32_t id,
			bool *bad)
{
	const TEE_Attribute *a = asym_param(params, n, id);
	BIGNUM *bn;

	if (!a)
		return NULL;
	if (a->content.ref.length > INT32_MAX) {
		*bad = true;
		return NULL;
	}
	bn = BN_bin2bn(a->content.ref.buffer, (int)a->content.ref.length,
		       NULL);
	if (!bn)
		*bad = true;
	return bn;
}

/* --- RSA ---------------------------------------------------------------- */

static const struct {
	uint32_t id;
	const char *name;
} rsa_attrs[] = {
	{ TEE_ATTR_RSA_MODULUS, OSSL_PKEY_PARAM_RSA_N },
	{ TEE_ATTR_RSA_PUBLIC_EXPONENT, OSSL_PKEY_PARAM_RSA_E },
	{ TEE_ATTR_RSA_PRIVATE_EXPONENT, OSSL_PKEY_PARAM_RSA_D },
	{ TEE_ATTR_RSA_PRIME1, OSSL_PKEY_PARAM_RSA_FACTOR1 },
	{ TEE_ATTR_RSA_PRIME2, OSSL_PKEY_PARAM_RSA_FACTOR2 },
	{ TEE_ATTR_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT1 },
	{ TEE_ATTR_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_EXPONENT2 },
	{ TEE_ATTR_RSA_COEFFICIENT, OSSL_PKEY_PARAM_RSA_COEFFICIENT1 },
};
#define N_RSA_ATTRS (sizeof(rsa_attrs) / sizeof(rsa_attrs[0]))

static TEE_Result rsa_gen_openssl(struct __TEE_ObjectHandle *o, uint32_t bits,
				  BIGNUM *e)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	EVP_PKEY *pkey = NULL;
	TEE_Result res = TEE_ERROR_OUT_OF_MEMORY;

	if (!ctx)
		goto out;
	res = TEE_ERROR_GENERIC;
	if (EVP_PKEY_keygen_init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int)bits) <= 0 ||
	    EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx, e) <= 0 ||
	    EVP_PKEY_keygen(ctx, &pkey) <= 0)
		goto out;
	for (size_t i = 0; i < N_RSA_ATTRS; i++) {
		res = asym_set_pkey_attr(o, rsa_attrs[i].id, pkey,
					 rsa_attrs[i].name, 0);
		if (res)
			goto out;
	}
out:
	if (res)
		asym_clear_errors();
	EVP_PKEY_free(pkey);
	EVP_PKEY_CTX_free(ctx);
	return res;
}

/*
 * Below OpenSSL's minimum (GP goes down to 256 bits): two primes of half
 * the size each (BN_generate_prime_ex2 sets their top two bits, so the
 * product has exactly bits bits), d = e^-1 mod lcm(p-1, q-1) and the CRT
 * values. Such keys are for tests and interoperability only.
 */
static TEE_Result rsa_gen_small(struct __TEE_ObjectHandle *o, uint32_t bits,
				const BIGNUM *e)
{
	BN_CTX *ctx = BN_CTX_secure_new();
	BIGNUM *v[8], *p1, *q1, *g, *lcm;
	TEE_Result res = TEE_ERROR_OUT_OF_MEMORY;
	/* v: n, e, d, p, q, dp, dq, qinv in rsa_attrs order */

	if (!ctx)
		return res;
	BN_CTX_start(ctx);
	for (size_t i = 0; i < N_RSA_ATTRS; i++)
		v[i] = BN_CTX_get(ctx);
	p1 = BN_CTX_get(ctx);
	q1 = BN_CTX_get(ctx);
	g = BN_CTX_get(ctx);
	lcm = BN_CTX_get(ctx);
	if (!lcm || !BN_copy(v[1], e))
		goto out;
	for (;;) {
		if (!BN_generate_prime_ex2(v[3], (int)(bits + 1) / 2, 0, NULL,
					   NULL, NULL, ctx) ||
		    !BN_generate_prime_ex2(v[4], (int)bits / 2, 0, NULL, NULL,
					   NULL, ctx))
			goto out;
		if (BN_cmp(v[3], v[4]) < 0)
			BN_swap(v[3], v[4]);	/* p > q, qinv = q^-1 mod p */
		if (!BN_mul(v[0], v[3], v[4], ctx) ||
		    !BN_sub(p1, v[3], BN_value_one()) ||
		    !BN_sub(q1, v[4], BN_value_one()) ||
		    !BN_gcd(g, p1, q1, ctx) || !BN_mul(lcm, p1, q1, ctx) ||
		    !BN_div(lcm, NULL, lcm, g, ctx))
			goto out;
		if (BN_num_bits(v[0]) != (int)bits || !BN_cmp(v[3], v[4]))
			continue;
		/* e must be invertible modulo lcm(p-1, q-1) */
		if (!BN_gcd(g, e, lcm, ctx))
			goto out;
		if (BN_is_one(g))
			break;
	}
	if (!BN_mod_inverse(v[2], e, lcm, ctx) ||
	    !BN_mod(v[5], v[2], p1, ctx) || !BN_mod(v[6], v[2], q1, ctx) ||
	    !BN_mod_inverse(v[7], v[4], v[3], ctx))
		goto out;
	for (size_t i = 0; i < N_RSA_ATTRS; i++) {
		res = asym_set_bn_attr(o, rsa_attrs[i].id, v[i], 0);
		if (res)
			goto out;
	}
	res = TEE_SUCCESS;
out:
	if (res)
		asym_clear_errors();
	BN_CTX_end(ctx);
	BN_CTX_free(ctx);
	return res;
}

static TEE_Result rsa_generate(struct __TEE_ObjectHandle *o, uint32_t bits,
			       const TEE_Attribute *params, uint32_t n)
{
	bool bad = false;
	BIGNUM *e = param_bn(params, n, TEE_ATTR_RSA_PUBLIC_EXPONENT, &bad);
	TEE_Result res = TEE_ERROR_BAD_PARAMETERS;

	if (bad)
		goto out;
	if (!e) {
		e = BN_new();
		if (!e || !BN_set_word(e, RSA_DEFAULT_E)) {
			res = TEE_ERROR_OUT_OF_MEMORY;
			goto out;
		}
	}
	/* An RSA exponent is odd, at least 3 and well below n. */
	if (!BN_is_odd(e) || BN_is_one(e) || BN_num_bits(e) >= (int)bits / 2)
		goto out;
	if (bits >= OPENSSL_RSA_MIN_BITS)
		res = rsa_gen_openssl(o, bits, e);
	else
		res = rsa_gen_small(o, bits, e);
out:
	BN_free(e);
	return res;
}

/* --- DSA and DH: y = g^x mod p for a fresh x ------------------------------ */

struct ffc_ids {
	uint32_t p, q, g, y, x;
};

static const struct ffc_ids dsa_ids = {
	TEE_ATTR_DSA_PRIME, TEE_ATTR_DSA_SUBPRIME, TEE_ATTR_DSA_BASE,
	TEE_ATTR_DSA_PUBLIC_VALUE, TEE_ATTR_DSA_PRIVATE_VALUE,
};
static const struct ffc_ids dh_ids = {
	TEE_ATTR_DH_PRIME, TEE_ATTR_DH_SUBPRIME, TEE_ATTR_DH_BASE,
	TEE_ATTR_DH_PUBLIC_VALUE, TEE_ATTR_DH_PRIVATE_VALUE,
};

/* x in [1, lim - 1] */
static bool rand_below(BIGNUM *x, const BIGNUM *lim, BN_CTX *ctx)
{
	do {
		if (!BN_priv_rand_range_ex(x, lim, 0, ctx))
			return false;
	} while (BN_is_zero(x));
	return true;
}

/*
 * x: xbits bits exactly if X_BITS is given (DH), else below q when the
 * subgroup order is known, else below p - 1.
 */
static TEE_Result ffc_private(BIGNUM *x, const BIGNUM *p, const BIGNUM *q,
			      const TEE_Attribute *xb, BN_CTX *ctx)
{
	BIGNUM *lim;

	if (xb) {
		if (!xb->content.value.a ||
		    xb->content.value.a >= (uint32_t)BN_num_bits(p))
			return TEE_ERROR_BAD_PARAMETERS;
		if (!BN_priv_rand_ex(x, (int)xb->content.value.a,
				     BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY, 0,
				     ctx))
			return TEE_ERROR_GENERIC;
		return TEE_SUCCESS;
	}
	if (q)
		return rand_below(x, q, ctx) ? TEE_SUCCESS : TEE_ERROR_GENERIC;
	lim = BN_CTX_get(ctx);
	if (!lim || !BN_sub(lim, p, BN_value_one()) || !rand_below(x, lim, ctx))
		return TEE_ERROR_GENERIC;
	return TEE_SUCCESS;
}

static TEE_Result ffc_generate(struct __TEE_ObjectHandle *o, uint32_t bits,
			       const TEE_Attribute *params, uint32_t n,
			       bool dh)
{
	const struct ffc_ids *id = dh ? &dh_ids : &dsa_ids;
	const TEE_Attribute *xb = dh ? asym_param(params, n,
						  TEE_ATTR_DH_X_BITS) : NULL;
	bool bad = false;
	BIGNUM *p = param_bn(params, n, id->p, &bad);
	BIGNUM *q = param_bn(params, n, id->q, &bad);
	BIGNUM *g = param_bn(params, n, id->g, &bad);
	BN_CTX *ctx = BN_CTX_secure_new();
	TEE_Result res = TEE_ERROR_BAD_PARAMETERS;
	BIGNUM *x, *y, *pm1;

	if (!ctx) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto free;
	}
	BN_CTX_start(ctx);
	x = BN_CTX_get(ctx);
	y = BN_CTX_get(ctx);
	pm1 = BN_CTX_get(ctx);
	/* Domain sanity: p of the object's size and odd, 1 < g < p - 1,
	 * 1 < q < p; DSA needs q. Primality is the caller's business. */
	if (bad || !p || !g || (!dh && !q) || !pm1 ||
	    BN_num_bits(p) != (int)bits || !BN_is_odd(p) ||
	    !BN_sub(pm1, p, BN_value_one()) || BN_cmp(g, BN_value_one()) <= 0 ||
	    BN_cmp(g, pm1) >= 0 ||
	    (q && (BN_cmp(q, BN_value_one()) <= 0 || BN_cmp(q, p) >= 0)))
		goto out;
	res = ffc_private(x, p, q, xb, ctx);
	if (res)
		goto out;
	res = TEE_ERROR_GENERIC;
	BN_set_flags(x, BN_FLG_CONSTTIME);
	if (!BN_mod_exp_mont_consttime(y, g, x, p, ctx, NULL))
		goto out;
	res = asym_set_bn_attr(o, id->p, p, 0);
	if (!res)
		res = asym_set_bn_attr(o, id->g, g, 0);
	if (!res && q)
		res = asym_set_bn_attr(o, id->q, q, 0);
	if (!res)
		res = asym_set_bn_attr(o, id->y, y, 0);
	if (!res)
		res = asym_set_bn_attr(o, id->x, x, 0);
	if (!res && xb)
		res = utee_obj_set_value(o, TEE_ATTR_DH_X_BITS,
					 xb->content.value.a, 0);
out:
	if (res)
		asym_clear_errors();
	BN_CTX_end(ctx);
	BN_CTX_free(ctx);
free:
	BN_free(p);
	BN_free(q);
	BN_free(g);
	return res;
}

/* --- EC, Ed25519, X25519 ------------------------------------------------ */

static TEE_Result ec_generate(struct __TEE_ObjectHandle *o, uint32_t bits,
			      const TEE_Attribute *params, uint32_t n)
{
	const TEE_Attribute *a = asym_param(params, n, TEE_ATTR_ECC_CURVE);
	const struct asym_curve *c = a ? asym_curve_find(a->content.value.a) :
					 NULL;
	EVP_PKEY *pkey;
	TEE_Result res;

	/* GP: the curve parameter is mandatory and fixes the key size. */
	if (!c || c->bits != bits)
		return TEE_ERROR_BAD_PARAMETERS;
	pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", c->name);
	if (!pkey) {
		asym_clear_errors();
		return TEE_ERROR_GENERIC;
	}
	res = asym_set_pkey_attr(o, TEE_ATTR_ECC_PUBLIC_VALUE_X, pkey,
				 OSSL_PKEY_PARAM_EC_PUB_X, c->bytes);
	if (!res)
		res = asym_set_pkey_attr(o, TEE_ATTR_ECC_PUBLIC_VALUE_Y, pkey,
					 OSSL_PKEY_PARAM_EC_PUB_Y, c->bytes);
	if (!res)
		res = asym_set_pkey_attr(o, TEE_ATTR_ECC_PRIVATE_VALUE, pkey,
					 OSSL_PKEY_PARAM_PRIV_KEY, c->bytes);
	if (!res)
		res = utee_obj_set_value(o, TEE_ATTR_ECC_CURVE, c->id, 0);
	EVP_PKEY_free(pkey);
	return res;
}

static TEE_Result raw_generate(struct __TEE_ObjectHandle *o, const char *alg,
			       uint32_t pub_id, uint32_t priv_id)
{
	uint8_t pub[RAW_KEY_BYTES], priv[RAW_KEY_BYTES];
	size_t pub_len = sizeof(pub), priv_len = sizeof(priv);
	EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, alg);
	TEE_Result res = TEE_ERROR_GENERIC;

	if (!pkey)
		goto out;
	if (EVP_PKEY_get_raw_public_key(pkey, pub, &pub_len) <= 0 ||
	    EVP_PKEY_get_raw_private_key(pkey, priv, &priv_len) <= 0 ||
	    pub_len != RAW_KEY_BYTES || priv_len != RAW_KEY_BYTES)
		goto out;
	res = utee_obj_set_ref(o, pub_id, pub, pub_len);
	if (!res)
		res = utee_obj_set_ref(o, priv_id, priv, priv_len);
out:
	if (res)
		asym_clear_errors();
	OPENSSL_cleanse(priv, sizeof(priv));
	EVP_PKEY_free(pkey);
	return res;
}

TEE_Result utee_asym_generate(struct __TEE_ObjectHandle *o, uint32_t key_size,
			      const TEE_Attribute *params, uint32_t n_params)
{
	if (n_params && !params)
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	switch (o->type) {
	case TEE_TYPE_RSA_KEYPAIR:
		return rsa_generate(o, key_size, params, n_params);
	case TEE_TYPE_DSA_KEYPAIR:
		return ffc_generate(o, key_size, params, n_params, false);
	case TEE_TYPE_DH_KEYPAIR:
		return ffc_generate(o, key_size, params, n_params, true);
	case TEE_TYPE_ECDSA_KEYPAIR:
	case TEE_TYPE_ECDH_KEYPAIR:
		return ec_generate(o, key_size, params, n_params);
	case TEE_TYPE_ED25519_KEYPAIR:
		if (key_size != 8 * RAW_KEY_BYTES)
			return TEE_ERROR_BAD_PARAMETERS;
		return raw_generate(o, "ED25519", TEE_ATTR_ED25519_PUBLIC_VALUE,
				    TEE_ATTR_ED25519_PRIVATE_VALUE);
	case TEE_TYPE_X25519_KEYPAIR:
		if (key_size != 8 * RAW_KEY_BYTES)
			return TEE_ERROR_BAD_PARAMETERS;
		return raw_generate(o, "X25519", TEE_ATTR_X25519_PUBLIC_VALUE,
				    TEE_ATTR_X25519_PRIVATE_VALUE);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
