// SPDX-License-Identifier: BSD-2-Clause
/*
 * Big-integer API checks. The expected values were computed independently
 * (Python's arbitrary-precision integers) from the operands below: a has
 * 256 bits, b is a negative 192-bit number, n is the NIST P-192 prime.
 */
#include <stdint.h>
#include <string.h>
#include <tee_internal_api.h>

#include "asym_ta_bigint.h"
#include "asym_ta_util.h"

#define ASYM_FILE ASYM_FILE_BIGINT

#define HEX_A "c5f3a1e2b4d6978869aabbccddeeff00112233445566778899aabbccddeeff0f"
#define HEX_B "-9e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251"
#define HEX_N "fffffffffffffffffffffffffffffffeffffffffffffffff"

void bi_init(struct bi *x)
{
	TEE_BigIntInit(x->w, BI_WORDS);
}

TEE_Result bi_set(struct bi *x, const char *hex)
{
	int32_t sign = 1;
	struct buf b;

	if (*hex == '-') {
		sign = -1;
		hex++;
	}
	b = hx(hex);
	return TEE_BigIntConvertFromOctetString(x->w, b.p, b.n, sign);
}

bool bi_is(const struct bi *x, const char *hex)
{
	struct bi y;

	bi_init(&y);
	if (bi_set(&y, hex))
		return false;
	return TEE_BigIntCmp(x->w, y.w) == 0;
}

static TEE_Result octets_and_s32(void)
{
	uint32_t small[TEE_BigIntSizeInU32(64)];
	struct bi x;
	struct buf out = buf_new(64), in = hx("0000ab01");
	size_t len = 1;
	int32_t v = 0;

	bi_init(&x);
	/* Leading zeros in, minimal magnitude out; the sign is dropped. */
	ARES(TEE_BigIntConvertFromOctetString(x.w, in.p, in.n, -1),
	     TEE_SUCCESS);
	ACHECK(TEE_BigIntCmpS32(x.w, -0xab01) == 0);
	ARES(TEE_BigIntConvertToOctetString(out.p, &len, x.w),
	     TEE_ERROR_SHORT_BUFFER);
	ACHECK(len == 2);
	ARES(TEE_BigIntConvertToOctetString(out.p, &len, x.w), TEE_SUCCESS);
	ACHECK(len == 2 && out.p[0] == 0xab && out.p[1] == 0x01);
	ARES(bi_set(&x, HEX_A), TEE_SUCCESS);
	len = out.n;
	ARES(TEE_BigIntConvertToOctetString(out.p, &len, x.w), TEE_SUCCESS);
	ACHECK(buf_eq(hx(HEX_A), out.p, len));

	/* 64 bits of room: 8 bytes fit, 9 significant bytes overflow. */
	TEE_BigIntInit(small, TEE_BigIntSizeInU32(64));
	in = hx("00ffffffffffffffff");
	ARES(TEE_BigIntConvertFromOctetString(small, in.p, in.n, 1),
	     TEE_SUCCESS);
	in = hx("010000000000000000");
	ARES(TEE_BigIntConvertFromOctetString(small, in.p, in.n, 1),
	     TEE_ERROR_OVERFLOW);
	ARES(TEE_BigIntAssign(small, x.w), TEE_ERROR_OVERFLOW);

	/* int32_t limits both ways */
	TEE_BigIntConvertFromS32(x.w, INT32_MIN);
	ARES(TEE_BigIntConvertToS32(&v, x.w), TEE_SUCCESS);
	ACHECK(v == INT32_MIN);
	ACHECK(bi_is(&x, "-80000000"));
	TEE_BigIntConvertFromS32(x.w, INT32_MAX);
	ARES(TEE_BigIntConvertToS32(&v, x.w), TEE_SUCCESS);
	ACHECK(v == INT32_MAX);
	ARES(bi_set(&x, "80000000"), TEE_SUCCESS);
	ARES(TEE_BigIntConvertToS32(&v, x.w), TEE_ERROR_OVERFLOW);
	ARES(bi_set(&x, "-80000001"), TEE_SUCCESS);
	ARES(TEE_BigIntConvertToS32(&v, x.w), TEE_ERROR_OVERFLOW);
	TEE_BigIntConvertFromS32(x.w, 0);
	ACHECK(TEE_BigIntCmpS32(x.w, 0) == 0);
	ACHECK(TEE_BigIntGetBitCount(x.w) == 0);
	return TEE_SUCCESS;
}

static TEE_Result compare_and_bits(void)
{
	struct bi a, b, x;

	bi_init(&a);
	bi_init(&b);
	bi_init(&x);
	ARES(bi_set(&a, HEX_A), TEE_SUCCESS);
	ARES(bi_set(&b, HEX_B), TEE_SUCCESS);
	ACHECK(TEE_BigIntCmp(a.w, b.w) > 0 && TEE_BigIntCmp(b.w, a.w) < 0);
	ACHECK(TEE_BigIntCmp(a.w, a.w) == 0);
	ACHECK(TEE_BigIntCmpS32(b.w, 0) < 0 && TEE_BigIntCmpS32(a.w, -1) > 0);
	TEE_BigIntConvertFromS32(x.w, -5);
	ACHECK(TEE_BigIntCmpS32(x.w, -5) == 0 && TEE_BigIntCmpS32(x.w, -4) < 0);

	ACHECK(TEE_BigIntGetBitCount(a.w) == 256);
	ACHECK(TEE_BigIntGetBitCount(b.w) == 192);	/* of the magnitude */
	ACHECK(TEE_BigIntGetBit(a.w, 0) && TEE_BigIntGetBit(a.w, 255));
	ACHECK(!TEE_BigIntGetBit(a.w, 4) && !TEE_BigIntGetBit(a.w, 256));

	TEE_BigIntConvertFromS32(x.w, 0);
	ARES(TEE_BigIntSetBit(x.w, 100, true), TEE_SUCCESS);
	ACHECK(TEE_BigIntGetBitCount(x.w) == 101);
	ACHECK(bi_is(&x, "10000000000000000000000000"));
	ARES(TEE_BigIntSetBit(x.w, 100, false), TEE_SUCCESS);
	ACHECK(TEE_BigIntCmpS32(x.w, 0) == 0);
	ARES(TEE_BigIntSetBit(x.w, BI_BITS + 64, true), TEE_ERROR_OVERFLOW);

	TEE_BigIntShiftRight(x.w, a.w, 77);
	ACHECK(bi_is(&x, "62f9d0f15a6b4bc434d55de66ef77f80089119a22ab33"));
	/* The magnitude shifts, the sign stays. */
	TEE_BigIntShiftRight(x.w, b.w, 77);
	ACHECK(bi_is(&x, "-4f1bbcdcbfa53e0af9ce60302e76e"));
	TEE_BigIntShiftRight(x.w, a.w, 1000);
	ACHECK(TEE_BigIntCmpS32(x.w, 0) == 0);

	ARES(TEE_BigIntAbs(x.w, b.w), TEE_SUCCESS);
	ACHECK(bi_is(&x, HEX_B + 1));
	ARES(TEE_BigIntAssign(x.w, b.w), TEE_SUCCESS);
	ACHECK(TEE_BigIntCmp(x.w, b.w) == 0);
	TEE_BigIntNeg(x.w, x.w);	/* in place */
	ACHECK(bi_is(&x, HEX_B + 1));
	return TEE_SUCCESS;
}

static TEE_Result arithmetic(void)
{
	struct bi a, b, c, x, q, r;

	bi_init(&a);
	bi_init(&b);
	bi_init(&c);
	bi_init(&x);
	bi_init(&q);
	bi_init(&r);
	ARES(bi_set(&a, HEX_A), TEE_SUCCESS);
	ARES(bi_set(&b, HEX_B), TEE_SUCCESS);
	TEE_BigIntAdd(x.w, a.w, b.w);
	ACHECK(bi_is(&x, "c5f3a1e2b4d69787cb7342135ea482ea1d8572e3f878af54"
			 "89289460ea4c8cbe"));
	TEE_BigIntSub(x.w, a.w, b.w);
	ACHECK(bi_is(&x, "c5f3a1e2b4d6978907e235865d397b1604bef3a4b2543fbc"
			 "aa2ce338d1917160"));
	TEE_BigIntMul(x.w, a.w, b.w);
	ACHECK(bi_is(&x, "-7a5743614a52e59e1b3d59642e6d8859fb437182afe6d4eb"
			 "9a700b8d12009232a8b6d01ca05f9ca2b8d7e171ae87d3bf"
			 "9652d8444ab161bf"));
	TEE_BigIntSquare(x.w, b.w);
	ACHECK(bi_is(&x, "61c8864680b583ea0c633f9fa31237cbef7dd8940c5d8dac"
			 "d482182c1de58c6a268e51543cc0d1ef4ac209d0a7903da1"));
	/* Same memory as operand and result. */
	ARES(TEE_BigIntAssign(x.w, a.w), TEE_SUCCESS);
	TEE_BigIntAdd(x.w, x.w, x.w);
	TEE_BigIntSub(x.w, x.w, a.w);
	ACHECK(TEE_BigIntCmp(x.w, a.w) == 0);

	/* Division truncates: the remainder has the dividend's sign. */
	TEE_BigIntDiv(q.w, r.w, a.w, b.w);
	ACHECK(bi_is(&q, "-1404ae543ff297d26"));
	ACHECK(bi_is(&r, "52240a22d2fc10b997ed6bca6d7dab9661eff6ba64077a09"));
	ARES(bi_set(&c, "123456789"), TEE_SUCCESS);
	TEE_BigIntDiv(q.w, r.w, b.w, c.w);
	ACHECK(bi_is(&q, "-8b0ec1fc5ae62b7b24ba88ba5457039baa41b7c6"));
	ACHECK(bi_is(&r, "-cb286f5b"));
	TEE_BigIntConvertFromS32(a.w, -7);
	TEE_BigIntConvertFromS32(c.w, 2);
	TEE_BigIntDiv(q.w, r.w, a.w, c.w);
	ACHECK(TEE_BigIntCmpS32(q.w, -3) == 0);
	ACHECK(TEE_BigIntCmpS32(r.w, -1) == 0);
	TEE_BigIntConvertFromS32(a.w, 7);
	TEE_BigIntConvertFromS32(c.w, -2);
	TEE_BigIntDiv(q.w, r.w, a.w, c.w);
	ACHECK(TEE_BigIntCmpS32(q.w, -3) == 0);
	ACHECK(TEE_BigIntCmpS32(r.w, 1) == 0);
	return TEE_SUCCESS;
}

TEE_Result asym_check_bigint_arith(void)
{
	ASUB(octets_and_s32());
	ASUB(compare_and_bits());
	ASUB(arithmetic());
	return TEE_SUCCESS;
}

static TEE_Result modular(void)
{
	struct bi a, b, n, x, m;

	bi_init(&a);
	bi_init(&b);
	bi_init(&n);
	bi_init(&x);
	bi_init(&m);
	ARES(bi_set(&a, HEX_A), TEE_SUCCESS);
	ARES(bi_set(&b, HEX_B), TEE_SUCCESS);
	ARES(bi_set(&n, HEX_N), TEE_SUCCESS);
	TEE_BigIntMod(a.w, a.w, n.w);
	ACHECK(bi_is(&a, "69aabbccddeeff00d715d5270a3d0f115f9e5daf92c59697"));
	TEE_BigIntMod(b.w, b.w, n.w);	/* negative in, [0, n-1] out */
	ACHECK(bi_is(&b, "61c8864680b583ea0c633f9fa31237caef7dd8940c5d8dae"));
	TEE_BigIntAddMod(x.w, a.w, b.w, n.w);
	ACHECK(bi_is(&x, "cb7342135ea482eae37914c6ad4f46dc4f1c36439f232445"));
	TEE_BigIntSubMod(x.w, b.w, a.w, n.w);
	ACHECK(bi_is(&x, "f81dca79a2c684e9354d6a7898d528b88fdf7ae47997f716"));
	TEE_BigIntMulMod(x.w, a.w, b.w, n.w);
	ACHECK(bi_is(&x, "c671219b36f92078a188c157cc7d718a39a87f692a8d9e15"));
	TEE_BigIntSquareMod(x.w, a.w, n.w);
	ACHECK(bi_is(&x, "d085acad3e2ef2c97de5e916ce6be88266294709763bef10"));
	TEE_BigIntInvMod(x.w, a.w, n.w);
	ACHECK(bi_is(&x, "c028ee76d7aad9f282886a5b8fa33227ee2f606a9f7577d"));
	TEE_BigIntMulMod(x.w, x.w, a.w, n.w);
	ACHECK(TEE_BigIntCmpS32(x.w, 1) == 0);
	TEE_BigIntConvertFromS32(x.w, 3);
	TEE_BigIntConvertFromS32(m.w, 7);
	TEE_BigIntInvMod(x.w, x.w, m.w);
	ACHECK(TEE_BigIntCmpS32(x.w, 5) == 0);

	/* a^65537 mod n, and mod the even 2^136 */
	TEE_BigIntConvertFromS32(b.w, 65537);
	ARES(TEE_BigIntExpMod(x.w, a.w, b.w, n.w, NULL), TEE_SUCCESS);
	ACHECK(bi_is(&x, "3201a74dff13234ef4baa670458a461a8e36db4c94b5dca7"));
	ARES(bi_set(&m, "10000000000000000000000000000000000"), TEE_SUCCESS);
	ARES(bi_set(&a, HEX_A), TEE_SUCCESS);
	TEE_BigIntMod(a.w, a.w, m.w);
	ARES(TEE_BigIntExpMod(x.w, a.w, b.w, m.w, NULL), TEE_SUCCESS);
	ACHECK(bi_is(&x, "1557b32d9913ed066f9e3c46ffd47eff0f"));
	return TEE_SUCCESS;
}

static TEE_Result gcd_and_primes(void)
{
	struct bi a, b, g, u, v, x, y;

	bi_init(&a);
	bi_init(&b);
	bi_init(&g);
	bi_init(&u);
	bi_init(&v);
	bi_init(&x);
	bi_init(&y);
	/* 240 * -9 + 46 * 47 = 2 */
	TEE_BigIntConvertFromS32(a.w, 240);
	TEE_BigIntConvertFromS32(b.w, 46);
	TEE_BigIntComputeExtendedGcd(g.w, u.w, v.w, a.w, b.w);
	ACHECK(TEE_BigIntCmpS32(g.w, 2) == 0);
	ACHECK(TEE_BigIntCmpS32(u.w, -9) == 0);
	ACHECK(TEE_BigIntCmpS32(v.w, 47) == 0);
	ACHECK(!TEE_BigIntRelativePrime(a.w, b.w));
	TEE_BigIntConvertFromS32(a.w, -240);	/* -240 * 9 + 46 * 47 = 2 */
	TEE_BigIntComputeExtendedGcd(g.w, u.w, v.w, a.w, b.w);
	ACHECK(TEE_BigIntCmpS32(g.w, 2) == 0);
	ACHECK(TEE_BigIntCmpS32(u.w, 9) == 0 && TEE_BigIntCmpS32(v.w, 47) == 0);
	TEE_BigIntComputeExtendedGcd(g.w, NULL, NULL, a.w, b.w);
	ACHECK(TEE_BigIntCmpS32(g.w, 2) == 0);
	/* Big operands: check u * a + v * b == gcd == 1. */
	ARES(bi_set(&a, HEX_A), TEE_SUCCESS);
	ARES(bi_set(&b, HEX_N), TEE_SUCCESS);
	TEE_BigIntComputeExtendedGcd(g.w, u.w, v.w, a.w, b.w);
	ACHECK(TEE_BigIntCmpS32(g.w, 1) == 0);
	ACHECK(TEE_BigIntRelativePrime(a.w, b.w));
	TEE_BigIntMul(x.w, u.w, a.w);
	TEE_BigIntMul(y.w, v.w, b.w);
	TEE_BigIntAdd(x.w, x.w, y.w);
	ACHECK(TEE_BigIntCmp(x.w, g.w) == 0);

	/* 1: certainly prime, -1: probably prime, 0: composite */
	ARES(bi_set(&x, "7fffffffffffffffffffffffffffffff"), TEE_SUCCESS);
	ACHECK(TEE_BigIntIsProbablePrime(x.w, 80) != 0);	/* 2^127 - 1 */
	ACHECK(TEE_BigIntIsProbablePrime(b.w, 200) != 0);	/* P-192 p */
	ARES(bi_set(&x, "0100000000000000000000000000000001"), TEE_SUCCESS);
	ACHECK(TEE_BigIntIsProbablePrime(x.w, 80) == 0);	/* 2^128 + 1 */
	TEE_BigIntConvertFromS32(x.w, 97);
	ACHECK(TEE_BigIntIsProbablePrime(x.w, 80) == 1);
	TEE_BigIntConvertFromS32(x.w, 91);
	ACHECK(TEE_BigIntIsProbablePrime(x.w, 80) == 0);
	TEE_BigIntConvertFromS32(x.w, 2);
	ACHECK(TEE_BigIntIsProbablePrime(x.w, 80) == 1);
	TEE_BigIntConvertFromS32(x.w, 1);
	ACHECK(TEE_BigIntIsProbablePrime(x.w, 80) == 0);
	return TEE_SUCCESS;
}

static TEE_Result fmm(void)
{
	/* Sized by the calls a TA uses for FMM memory. */
	size_t ctx_words = TEE_BigIntFMMContextSizeInU32(192);
	size_t fmm_words = TEE_BigIntFMMSizeInU32(192);
	TEE_BigIntFMMContext *ctx = (void *)buf_new(ctx_words * 4).p;
	TEE_BigIntFMM *fa = (void *)buf_new(fmm_words * 4).p;
	TEE_BigIntFMM *fb = (void *)buf_new(fmm_words * 4).p;
	TEE_BigIntFMM *fr = (void *)buf_new(fmm_words * 4).p;
	struct bi a, b, n, x;

	bi_init(&a);
	bi_init(&b);
	bi_init(&n);
	bi_init(&x);
	ARES(bi_set(&a, "69aabbccddeeff00d715d5270a3d0f115f9e5daf92c59697"),
	     TEE_SUCCESS);
	ARES(bi_set(&b, "61c8864680b583ea0c633f9fa31237caef7dd8940c5d8dae"),
	     TEE_SUCCESS);
	ARES(bi_set(&n, HEX_N), TEE_SUCCESS);
	ARES(TEE_BigIntInitFMMContext1(ctx, ctx_words, n.w), TEE_SUCCESS);
	TEE_BigIntInitFMM(fa, fmm_words);
	TEE_BigIntInitFMM(fb, fmm_words);
	TEE_BigIntInitFMM(fr, fmm_words);
	TEE_BigIntConvertToFMM(fa, a.w, n.w, ctx);
	TEE_BigIntConvertToFMM(fb, b.w, n.w, ctx);
	TEE_BigIntComputeFMM(fr, fa, fb, n.w, ctx);
	TEE_BigIntConvertFromFMM(x.w, fr, n.w, ctx);
	ACHECK(bi_is(&x, "c671219b36f92078a188c157cc7d718a39a87f692a8d9e15"));
	/* ExpMod with the context gives what it gives without. */
	TEE_BigIntConvertFromS32(b.w, 65537);
	ARES(TEE_BigIntExpMod(x.w, a.w, b.w, n.w, ctx), TEE_SUCCESS);
	ACHECK(bi_is(&x, "3201a74dff13234ef4baa670458a461a8e36db4c94b5dca7"));
	/* A modulus of 1 is refused. */
	TEE_BigIntConvertFromS32(x.w, 1);
	ARES(TEE_BigIntInitFMMContext1(ctx, ctx_words, x.w),
	     TEE_ERROR_NOT_SUPPORTED);
	return TEE_SUCCESS;
}

TEE_Result asym_check_bigint_mod(void)
{
	ASUB(modular());
	ASUB(gcd_and_primes());
	ASUB(fmm());
	return TEE_SUCCESS;
}
