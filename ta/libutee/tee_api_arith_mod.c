// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP big integers: modular arithmetic, inverses, gcd, primality and the
 * "fast modular multiplication" (FMM) calls. The FMM form is the plain
 * residue (tee_api_arith.h), so the context just records the modulus.
 */
#include <openssl/bn.h>
#include <tee_internal_api.h>

#include "tee_api_arith.h"

/* A modulus GP accepts for the modular calls: n > 1 (or panic). */
static BIGNUM *load_modulus(struct utee_bi_scope *s, const TEE_BigInt *n)
{
	BIGNUM *m = utee_bi_load(s, n, UTEE_BI_INT);

	if (BN_is_negative(m) || BN_is_zero(m) || BN_is_one(m))
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	return m;
}

void TEE_BigIntMod(TEE_BigInt *dest, const TEE_BigInt *op,
		   const TEE_BigInt *n)
{
	struct utee_bi_scope s;
	BIGNUM *v, *m, *r;

	utee_bi_begin(&s);
	v = utee_bi_load(&s, op, UTEE_BI_INT);
	m = load_modulus(&s, n);
	r = utee_bi_tmp(&s);
	/* Non-negative remainder, whatever the sign of op. */
	utee_bi_ok(BN_nnmod(r, v, m, s.ctx));
	utee_bi_store_or_panic(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
}

enum mod_op { MOD_ADD, MOD_SUB, MOD_MUL };

static void mod_binary(TEE_BigInt *dest, const TEE_BigInt *op1,
		       const TEE_BigInt *op2, const TEE_BigInt *n,
		       enum mod_op what)
{
	struct utee_bi_scope s;
	BIGNUM *a, *b, *m, *r;

	utee_bi_begin(&s);
	a = utee_bi_load(&s, op1, UTEE_BI_INT);
	b = utee_bi_load(&s, op2, UTEE_BI_INT);
	m = load_modulus(&s, n);
	r = utee_bi_tmp(&s);
	/* The BN_mod_* calls reduce operands of any size or sign. */
	switch (what) {
	case MOD_ADD:
		utee_bi_ok(BN_mod_add(r, a, b, m, s.ctx));
		break;
	case MOD_SUB:
		utee_bi_ok(BN_mod_sub(r, a, b, m, s.ctx));
		break;
	case MOD_MUL:
		utee_bi_ok(BN_mod_mul(r, a, b, m, s.ctx));
		break;
	}
	utee_bi_store_or_panic(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
}

void TEE_BigIntAddMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	mod_binary(dest, op1, op2, n, MOD_ADD);
}

void TEE_BigIntSubMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	mod_binary(dest, op1, op2, n, MOD_SUB);
}

void TEE_BigIntMulMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	mod_binary(dest, op1, op2, n, MOD_MUL);
}

void TEE_BigIntSquareMod(TEE_BigInt *dest, const TEE_BigInt *op,
			 const TEE_BigInt *n)
{
	mod_binary(dest, op, op, n, MOD_MUL);
}

void TEE_BigIntInvMod(TEE_BigInt *dest, const TEE_BigInt *op,
		      const TEE_BigInt *n)
{
	struct utee_bi_scope s;
	BIGNUM *v, *m, *r;

	utee_bi_begin(&s);
	v = utee_bi_load(&s, op, UTEE_BI_INT);
	m = load_modulus(&s, n);
	r = utee_bi_tmp(&s);
	/* GP: op must be invertible; zero or a common factor is a panic. */
	if (BN_is_zero(v) || !BN_mod_inverse(r, v, m, s.ctx))
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	utee_bi_store_or_panic(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
}

bool TEE_BigIntRelativePrime(const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	struct utee_bi_scope s;
	BIGNUM *g;
	bool r;

	utee_bi_begin(&s);
	g = utee_bi_tmp(&s);
	utee_bi_ok(BN_gcd(g, utee_bi_load(&s, op1, UTEE_BI_INT),
			  utee_bi_load(&s, op2, UTEE_BI_INT), s.ctx));
	r = BN_is_one(g);
	utee_bi_end(&s);
	return r;
}

/*
 * gcd = u * op1 + v * op2. OpenSSL has no extended gcd, so this is the
 * textbook extended Euclid on the magnitudes, with the signs of op1 and
 * op2 folded into u and v at the end. u and v may be NULL.
 */
void TEE_BigIntComputeExtendedGcd(TEE_BigInt *gcd, TEE_BigInt *u,
				  TEE_BigInt *v, const TEE_BigInt *op1,
				  const TEE_BigInt *op2)
{
	struct utee_bi_scope s;
	BIGNUM *a, *b, *r0, *r1, *s0, *s1, *t0, *t1, *q, *tmp;
	bool neg_a, neg_b;

	utee_bi_begin(&s);
	a = utee_bi_load(&s, op1, UTEE_BI_INT);
	b = utee_bi_load(&s, op2, UTEE_BI_INT);
	neg_a = BN_is_negative(a);
	neg_b = BN_is_negative(b);
	r0 = utee_bi_tmp(&s);
	r1 = utee_bi_tmp(&s);
	s0 = utee_bi_tmp(&s);
	s1 = utee_bi_tmp(&s);
	t0 = utee_bi_tmp(&s);
	t1 = utee_bi_tmp(&s);
	q = utee_bi_tmp(&s);
	tmp = utee_bi_tmp(&s);
	utee_bi_ok(BN_copy(r0, a) != NULL);
	utee_bi_ok(BN_copy(r1, b) != NULL);
	BN_set_negative(r0, 0);
	BN_set_negative(r1, 0);
	utee_bi_ok(BN_one(s0));
	BN_zero(s1);
	BN_zero(t0);
	utee_bi_ok(BN_one(t1));
	while (!BN_is_zero(r1)) {
		/* (r0, r1) = (r1, r0 - q r1), and the same step for s and t */
		utee_bi_ok(BN_div(q, tmp, r0, r1, s.ctx));
		BN_swap(r0, r1);
		BN_swap(r1, tmp);
		utee_bi_ok(BN_mul(tmp, q, s1, s.ctx));
		utee_bi_ok(BN_sub(tmp, s0, tmp));
		BN_swap(s0, s1);
		BN_swap(s1, tmp);
		utee_bi_ok(BN_mul(tmp, q, t1, s.ctx));
		utee_bi_ok(BN_sub(tmp, t0, tmp));
		BN_swap(t0, t1);
		BN_swap(t1, tmp);
	}
	if (neg_a)
		BN_set_negative(s0, !BN_is_negative(s0));
	if (neg_b)
		BN_set_negative(t0, !BN_is_negative(t0));
	/* All three must fit before any is written. */
	if ((u && ((uint32_t)BN_num_bytes(s0) + 3) / 4 >
		  utee_bi_capacity(u, UTEE_BI_INT)) ||
	    (v && ((uint32_t)BN_num_bytes(t0) + 3) / 4 >
		  utee_bi_capacity(v, UTEE_BI_INT)))
		UTEE_BI_PANIC(UTEE_BI_PANIC_OVERFLOW);
	utee_bi_store_or_panic(gcd, UTEE_BI_INT, r0);
	if (u)
		utee_bi_store_or_panic(u, UTEE_BI_INT, s0);
	if (v)
		utee_bi_store_or_panic(v, UTEE_BI_INT, t0);
	utee_bi_end(&s);
}

/* Exact answer for numbers of up to 32 bits, by trial division. */
static int32_t small_is_prime(uint32_t n)
{
	if (n < 2)
		return 0;
	if (n < 4)
		return 1;
	if (!(n % 2))
		return 0;
	for (uint32_t d = 3; d <= n / d; d += 2)
		if (!(n % d))
			return 0;
	return 1;
}

/*
 * GP: 0 composite, 1 prime for certain, -1 probably prime with an error
 * below 2^-confidenceLevel (at least 2^-80). BN_check_prime's error is at
 * most 2^-128 per call with fresh random bases, so more calls give more.
 */
int32_t TEE_BigIntIsProbablePrime(const TEE_BigInt *op,
				  uint32_t confidenceLevel)
{
	struct utee_bi_scope s;
	uint32_t rounds;
	int32_t res = -1;
	BIGNUM *v;

	utee_bi_begin(&s);
	v = utee_bi_load(&s, op, UTEE_BI_INT);
	if (BN_is_negative(v)) {
		res = 0;
	} else if (BN_num_bits(v) <= 32) {
		res = small_is_prime((uint32_t)BN_get_word(v));
	} else {
		rounds = confidenceLevel <= 128 ? 1 :
			 (confidenceLevel + 127) / 128;
		while (rounds--) {
			int r = BN_check_prime(v, s.ctx, NULL);

			if (r < 0)
				UTEE_BI_PANIC(UTEE_BI_PANIC_MEM);
			if (!r) {
				res = 0;
				break;
			}
		}
	}
	utee_bi_end(&s);
	return res;
}

/* --- fast modular multiplication ------------------------------------- */

size_t TEE_BigIntFMMSizeInU32(size_t modulusSizeInBits)
{
	return TEE_BigIntSizeInU32(modulusSizeInBits);
}

size_t TEE_BigIntFMMContextSizeInU32(size_t modulusSizeInBits)
{
	return TEE_BigIntSizeInU32(modulusSizeInBits);
}

void TEE_BigIntInitFMM(TEE_BigIntFMM *bigIntFMM, size_t len)
{
	utee_bi_init(bigIntFMM, len, UTEE_BI_FMM);
}

TEE_Result TEE_BigIntInitFMMContext1(TEE_BigIntFMMContext *context,
				     size_t len, const TEE_BigInt *modulus)
{
	struct utee_bi_scope s;
	TEE_Result res = TEE_SUCCESS;
	BIGNUM *m;

	utee_bi_init(context, len, UTEE_BI_CTX);
	utee_bi_begin(&s);
	m = utee_bi_load(&s, modulus, UTEE_BI_INT);
	if (BN_is_negative(m) || BN_is_zero(m) || BN_is_one(m))
		res = TEE_ERROR_NOT_SUPPORTED;
	else
		utee_bi_store_or_panic(context, UTEE_BI_CTX, m);
	utee_bi_end(&s);
	return res;
}

void TEE_BigIntInitFMMContext(TEE_BigIntFMMContext *context, size_t len,
			      const TEE_BigInt *modulus)
{
	if (TEE_BigIntInitFMMContext1(context, len, modulus))
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
}

/* n, after checking context (if any) was set up for that modulus. */
static BIGNUM *fmm_modulus(struct utee_bi_scope *s, const TEE_BigInt *n,
			   const TEE_BigIntFMMContext *context)
{
	BIGNUM *m = load_modulus(s, n);

	if (context && BN_cmp(m, utee_bi_load(s, context, UTEE_BI_CTX)))
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	return m;
}

void TEE_BigIntConvertToFMM(TEE_BigIntFMM *dest, const TEE_BigInt *src,
			    const TEE_BigInt *n,
			    const TEE_BigIntFMMContext *context)
{
	struct utee_bi_scope s;
	BIGNUM *m, *r;

	utee_bi_begin(&s);
	m = fmm_modulus(&s, n, context);
	r = utee_bi_tmp(&s);
	utee_bi_ok(BN_nnmod(r, utee_bi_load(&s, src, UTEE_BI_INT), m, s.ctx));
	utee_bi_store_or_panic(dest, UTEE_BI_FMM, r);
	utee_bi_end(&s);
}

void TEE_BigIntConvertFromFMM(TEE_BigInt *dest, const TEE_BigIntFMM *src,
			      const TEE_BigInt *n,
			      const TEE_BigIntFMMContext *context)
{
	struct utee_bi_scope s;
	BIGNUM *m, *r;

	utee_bi_begin(&s);
	m = fmm_modulus(&s, n, context);
	r = utee_bi_tmp(&s);
	/* Reduce anyway: an FMM value must never come back out of range. */
	utee_bi_ok(BN_nnmod(r, utee_bi_load(&s, src, UTEE_BI_FMM), m, s.ctx));
	utee_bi_store_or_panic(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
}

void TEE_BigIntComputeFMM(TEE_BigIntFMM *dest, const TEE_BigIntFMM *op1,
			  const TEE_BigIntFMM *op2, const TEE_BigInt *n,
			  const TEE_BigIntFMMContext *context)
{
	struct utee_bi_scope s;
	BIGNUM *m, *r;

	utee_bi_begin(&s);
	m = fmm_modulus(&s, n, context);
	r = utee_bi_tmp(&s);
	utee_bi_ok(BN_mod_mul(r, utee_bi_load(&s, op1, UTEE_BI_FMM),
			      utee_bi_load(&s, op2, UTEE_BI_FMM), m, s.ctx));
	utee_bi_store_or_panic(dest, UTEE_BI_FMM, r);
	utee_bi_end(&s);
}

/*
 * dest = op1^op2 mod n. Any n > 1 works (OpenSSL handles even moduli),
 * so NOT_SUPPORTED is never returned; an odd modulus takes the
 * constant-time path because the exponent is often a secret.
 */
TEE_Result TEE_BigIntExpMod(TEE_BigInt *dest, const TEE_BigInt *op1,
			    const TEE_BigInt *op2, const TEE_BigInt *n,
			    const TEE_BigIntFMMContext *context)
{
	struct utee_bi_scope s;
	BIGNUM *base, *e, *m, *r;

	utee_bi_begin(&s);
	m = fmm_modulus(&s, n, context);
	base = utee_bi_tmp(&s);
	utee_bi_ok(BN_nnmod(base, utee_bi_load(&s, op1, UTEE_BI_INT), m,
			    s.ctx));
	e = utee_bi_load(&s, op2, UTEE_BI_INT);
	if (BN_is_negative(e))
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	r = utee_bi_tmp(&s);
	if (BN_is_odd(m)) {
		BN_set_flags(e, BN_FLG_CONSTTIME);
		utee_bi_ok(BN_mod_exp_mont_consttime(r, base, e, m, s.ctx,
						     NULL));
	} else {
		utee_bi_ok(BN_mod_exp(r, base, e, m, s.ctx));
	}
	utee_bi_store_or_panic(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
	return TEE_SUCCESS;
}
