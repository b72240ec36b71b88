// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP big integers: the memory format (tee_api_arith.h), conversions,
 * comparisons, bit access and the plain arithmetic (add, multiply,
 * divide). Modular arithmetic is in tee_api_arith_mod.c.
 */
#include <limits.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <tee_internal_api.h>
#include <trace.h>

#include "tee_api_arith.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__ && \
	__BYTE_ORDER__ != __ORDER_BIG_ENDIAN__
#error "unknown byte order"
#endif

/* --- the memory format ---------------------------------------------- */

void utee_bi_panic(TEE_Result code, const char *func, int line)
{
	trace_printf(func, line, TRACE_ERROR, false,
		     "big integer: panic 0x%08x", code);
	TEE_Panic(code);
}

void utee_bi_ok(int openssl_ret)
{
	if (openssl_ret <= 0)
		UTEE_BI_PANIC(UTEE_BI_PANIC_MEM);
}

void utee_bi_begin(struct utee_bi_scope *s)
{
	/* secure_new: every BIGNUM of the call is wiped when freed. */
	s->ctx = BN_CTX_secure_new();
	if (!s->ctx)
		UTEE_BI_PANIC(UTEE_BI_PANIC_MEM);
	BN_CTX_start(s->ctx);
}

void utee_bi_end(struct utee_bi_scope *s)
{
	BN_CTX_end(s->ctx);
	BN_CTX_free(s->ctx);
	s->ctx = NULL;
}

BIGNUM *utee_bi_tmp(struct utee_bi_scope *s)
{
	BIGNUM *r = BN_CTX_get(s->ctx);

	if (!r)
		UTEE_BI_PANIC(UTEE_BI_PANIC_MEM);
	return r;
}

uint32_t utee_bi_capacity(const uint32_t *mem, enum utee_bi_kind kind)
{
	if (!mem || mem[0] >> 24 != (uint32_t)kind)
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	return mem[0] & UTEE_BI_MAX_LIMBS;
}

/* Limbs in use, after checking the header is consistent. */
static uint32_t bi_used(const uint32_t *mem, enum utee_bi_kind kind)
{
	uint32_t cap = utee_bi_capacity(mem, kind);
	uint32_t used = mem[1] & UTEE_BI_MAX_LIMBS;

	if (used > cap || (mem[1] & ~(UTEE_BI_SIGN | UTEE_BI_MAX_LIMBS)))
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	return used;
}

BIGNUM *utee_bi_load(struct utee_bi_scope *s, const uint32_t *mem,
		     enum utee_bi_kind kind)
{
	uint32_t used = bi_used(mem, kind);
	const uint32_t *limb = mem + UTEE_BI_HDR_WORDS;
	BIGNUM *r = utee_bi_tmp(s);

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Host-order limbs, least significant first: one LE byte string. */
	if (!BN_lebin2bn((const unsigned char *)limb, (int)(used * 4), r))
		UTEE_BI_PANIC(UTEE_BI_PANIC_MEM);
#else
	for (uint32_t i = used; i-- > 0;) {
		utee_bi_ok(BN_lshift(r, r, 32));
		utee_bi_ok(BN_add_word(r, limb[i]));
	}
#endif
	BN_set_negative(r, !!(mem[1] & UTEE_BI_SIGN));
	return r;
}

TEE_Result utee_bi_store(uint32_t *mem, enum utee_bi_kind kind,
			 const BIGNUM *bn)
{
	uint32_t cap = utee_bi_capacity(mem, kind);
	uint32_t *limb = mem + UTEE_BI_HDR_WORDS;
	uint32_t old = bi_used(mem, kind);
	uint32_t used = ((uint32_t)BN_num_bytes(bn) + 3) / 4;

	if (used > cap)
		return TEE_ERROR_OVERFLOW;
	if (BN_bn2lebinpad(bn, (unsigned char *)limb, (int)(used * 4)) < 0)
		UTEE_BI_PANIC(UTEE_BI_PANIC_MEM);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	for (uint32_t i = 0; i < used; i++)
		limb[i] = __builtin_bswap32(limb[i]);
#endif
	/* Old limbs above the new length may hold secrets: wipe them. */
	if (old > used)
		OPENSSL_cleanse(limb + used, (old - used) * sizeof(*limb));
	mem[1] = used;
	if (BN_is_negative(bn) && !BN_is_zero(bn))
		mem[1] |= UTEE_BI_SIGN;
	return TEE_SUCCESS;
}

void utee_bi_store_or_panic(uint32_t *mem, enum utee_bi_kind kind,
			    const BIGNUM *bn)
{
	if (utee_bi_store(mem, kind, bn))
		UTEE_BI_PANIC(UTEE_BI_PANIC_OVERFLOW);
}

void utee_bi_init(uint32_t *mem, size_t len, enum utee_bi_kind kind)
{
	if (!mem || len < UTEE_BI_HDR_WORDS ||
	    len - UTEE_BI_HDR_WORDS > UTEE_BI_MAX_LIMBS)
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	memset(mem, 0, len * sizeof(*mem));
	mem[0] = (uint32_t)kind << 24 | (uint32_t)(len - UTEE_BI_HDR_WORDS);
}

/* --- initialisation and conversions ---------------------------------- */

void TEE_BigIntInit(TEE_BigInt *bigInt, size_t len)
{
	utee_bi_init(bigInt, len, UTEE_BI_INT);
}

TEE_Result TEE_BigIntConvertFromOctetString(TEE_BigInt *dest,
					    const uint8_t *buffer,
					    size_t bufferLen, int32_t sign)
{
	struct utee_bi_scope s;
	TEE_Result res;
	BIGNUM *r;

	if ((!buffer && bufferLen) || bufferLen > INT_MAX)
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	utee_bi_begin(&s);
	r = utee_bi_tmp(&s);
	if (bufferLen && !BN_bin2bn(buffer, (int)bufferLen, r))
		UTEE_BI_PANIC(UTEE_BI_PANIC_MEM);
	BN_set_negative(r, sign < 0);
	res = utee_bi_store(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
	return res;
}

TEE_Result TEE_BigIntConvertToOctetString(uint8_t *buffer, size_t *bufferLen,
					  const TEE_BigInt *bigInt)
{
	struct utee_bi_scope s;
	TEE_Result res = TEE_SUCCESS;
	size_t need;
	BIGNUM *v;

	if (!bufferLen)
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	utee_bi_begin(&s);
	v = utee_bi_load(&s, bigInt, UTEE_BI_INT);
	/* GP: the magnitude, big endian, in as few bytes as it takes. */
	need = (size_t)BN_num_bytes(v);
	if (*bufferLen < need) {
		res = TEE_ERROR_SHORT_BUFFER;
	} else if (need) {
		if (!buffer)
			UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
		BN_bn2bin(v, buffer);
	}
	*bufferLen = need;
	utee_bi_end(&s);
	return res;
}

void TEE_BigIntConvertFromS32(TEE_BigInt *dest, int32_t shortVal)
{
	struct utee_bi_scope s;
	BIGNUM *r;

	utee_bi_begin(&s);
	r = utee_bi_tmp(&s);
	/* The magnitude of INT32_MIN fits in the uint32_t word. */
	utee_bi_ok(BN_set_word(r, shortVal < 0 ? 0U - (uint32_t)shortVal :
			       (uint32_t)shortVal));
	BN_set_negative(r, shortVal < 0);
	utee_bi_store_or_panic(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
}

TEE_Result TEE_BigIntConvertToS32(int32_t *dest, const TEE_BigInt *src)
{
	uint32_t used = bi_used(src, UTEE_BI_INT);
	bool neg = src[1] & UTEE_BI_SIGN;
	uint32_t mag = used ? src[UTEE_BI_HDR_WORDS] : 0;

	if (!dest)
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	if (used > 1 || mag > (neg ? 0x80000000U : 0x7FFFFFFFU))
		return TEE_ERROR_OVERFLOW;
	*dest = neg ? (int32_t)(0U - mag) : (int32_t)mag;
	return TEE_SUCCESS;
}

/* --- comparisons and bits --------------------------------------------- */

int32_t TEE_BigIntCmp(const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	struct utee_bi_scope s;
	int r;

	utee_bi_begin(&s);
	r = BN_cmp(utee_bi_load(&s, op1, UTEE_BI_INT),
		   utee_bi_load(&s, op2, UTEE_BI_INT));
	utee_bi_end(&s);
	return r < 0 ? -1 : r > 0;
}

int32_t TEE_BigIntCmpS32(const TEE_BigInt *op, int32_t shortVal)
{
	uint32_t used = bi_used(op, UTEE_BI_INT);
	int64_t v;

	/* Anything of more than one limb is beyond the int32_t range. */
	if (used > 1)
		return op[1] & UTEE_BI_SIGN ? -1 : 1;
	v = used ? op[UTEE_BI_HDR_WORDS] : 0;
	if (op[1] & UTEE_BI_SIGN)
		v = -v;
	return v < shortVal ? -1 : v > shortVal;
}

void TEE_BigIntShiftRight(TEE_BigInt *dest, const TEE_BigInt *op, size_t bits)
{
	struct utee_bi_scope s;
	BIGNUM *v, *r;

	utee_bi_begin(&s);
	v = utee_bi_load(&s, op, UTEE_BI_INT);
	r = utee_bi_tmp(&s);
	/* The magnitude shifts, the sign stays (GP); past the end it is 0. */
	if (bits < (size_t)BN_num_bits(v))
		utee_bi_ok(BN_rshift(r, v, (int)bits));
	utee_bi_store_or_panic(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
}

bool TEE_BigIntGetBit(const TEE_BigInt *src, uint32_t bitIndex)
{
	uint32_t used = bi_used(src, UTEE_BI_INT);

	if (bitIndex / 32 >= used)
		return false;
	return (src[UTEE_BI_HDR_WORDS + bitIndex / 32] >> (bitIndex % 32)) & 1;
}

uint32_t TEE_BigIntGetBitCount(const TEE_BigInt *src)
{
	uint32_t used = bi_used(src, UTEE_BI_INT);
	uint32_t top;

	if (!used)
		return 0;
	top = src[UTEE_BI_HDR_WORDS + used - 1];
	if (!top)	/* a leading zero limb breaks the format */
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	return (used - 1) * 32 + (32 - (uint32_t)__builtin_clz(top));
}

TEE_Result TEE_BigIntSetBit(TEE_BigInt *op, uint32_t bitIndex, bool value)
{
	struct utee_bi_scope s;
	BIGNUM *v;
	bool neg;

	if (bitIndex / 32 >= utee_bi_capacity(op, UTEE_BI_INT))
		return TEE_ERROR_OVERFLOW;
	utee_bi_begin(&s);
	v = utee_bi_load(&s, op, UTEE_BI_INT);
	neg = BN_is_negative(v);
	/* BN bit operations act on the magnitude; keep the sign apart. */
	BN_set_negative(v, 0);
	if (value)
		utee_bi_ok(BN_set_bit(v, (int)bitIndex));
	else if ((int)bitIndex < BN_num_bits(v))
		utee_bi_ok(BN_clear_bit(v, (int)bitIndex));
	BN_set_negative(v, neg);
	utee_bi_store_or_panic(op, UTEE_BI_INT, v);
	utee_bi_end(&s);
	return TEE_SUCCESS;
}

TEE_Result TEE_BigIntAssign(TEE_BigInt *dest, const TEE_BigInt *src)
{
	struct utee_bi_scope s;
	TEE_Result res;

	if (dest == src) {
		(void)bi_used(src, UTEE_BI_INT);
		return TEE_SUCCESS;
	}
	utee_bi_begin(&s);
	res = utee_bi_store(dest, UTEE_BI_INT,
			    utee_bi_load(&s, src, UTEE_BI_INT));
	utee_bi_end(&s);
	return res;
}

TEE_Result TEE_BigIntAbs(TEE_BigInt *dest, const TEE_BigInt *src)
{
	struct utee_bi_scope s;
	TEE_Result res;
	BIGNUM *v;

	utee_bi_begin(&s);
	v = utee_bi_load(&s, src, UTEE_BI_INT);
	BN_set_negative(v, 0);
	res = utee_bi_store(dest, UTEE_BI_INT, v);
	utee_bi_end(&s);
	return res;
}

/* --- plain arithmetic --------------------------------------------------- */

enum bi_op2 { BI_ADD, BI_SUB, BI_MUL };

static void bi_binary(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, enum bi_op2 what)
{
	struct utee_bi_scope s;
	BIGNUM *a, *b, *r;

	utee_bi_begin(&s);
	a = utee_bi_load(&s, op1, UTEE_BI_INT);
	b = utee_bi_load(&s, op2, UTEE_BI_INT);
	r = utee_bi_tmp(&s);
	switch (what) {
	case BI_ADD:
		utee_bi_ok(BN_add(r, a, b));
		break;
	case BI_SUB:
		utee_bi_ok(BN_sub(r, a, b));
		break;
	case BI_MUL:
		utee_bi_ok(BN_mul(r, a, b, s.ctx));
		break;
	}
	utee_bi_store_or_panic(dest, UTEE_BI_INT, r);
	utee_bi_end(&s);
}

void TEE_BigIntAdd(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bi_binary(dest, op1, op2, BI_ADD);
}

void TEE_BigIntSub(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bi_binary(dest, op1, op2, BI_SUB);
}

void TEE_BigIntMul(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bi_binary(dest, op1, op2, BI_MUL);
}

void TEE_BigIntSquare(TEE_BigInt *dest, const TEE_BigInt *op)
{
	bi_binary(dest, op, op, BI_MUL);
}

void TEE_BigIntNeg(TEE_BigInt *dest, const TEE_BigInt *op)
{
	struct utee_bi_scope s;
	BIGNUM *v;

	utee_bi_begin(&s);
	v = utee_bi_load(&s, op, UTEE_BI_INT);
	BN_set_negative(v, !BN_is_negative(v));
	utee_bi_store_or_panic(dest, UTEE_BI_INT, v);
	utee_bi_end(&s);
}

/*
 * Truncating division, as GP asks: op1 = q * op2 + r with |r| < |op2|
 * and r of the sign of op1 (which is what BN_div computes). Either
 * destination may be NULL when the caller wants only the other.
 */
void TEE_BigIntDiv(TEE_BigInt *dest_q, TEE_BigInt *dest_r,
		   const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	struct utee_bi_scope s;
	BIGNUM *a, *b, *q, *r;

	if (dest_q && dest_q == dest_r)
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	utee_bi_begin(&s);
	a = utee_bi_load(&s, op1, UTEE_BI_INT);
	b = utee_bi_load(&s, op2, UTEE_BI_INT);
	if (BN_is_zero(b))
		UTEE_BI_PANIC(UTEE_BI_PANIC_ARG);
	q = utee_bi_tmp(&s);
	r = utee_bi_tmp(&s);
	utee_bi_ok(BN_div(q, r, a, b, s.ctx));
	/* Both must fit before either is written. */
	if (dest_q && ((uint32_t)BN_num_bytes(q) + 3) / 4 >
		      utee_bi_capacity(dest_q, UTEE_BI_INT))
		UTEE_BI_PANIC(UTEE_BI_PANIC_OVERFLOW);
	if (dest_r)
		utee_bi_store_or_panic(dest_r, UTEE_BI_INT, r);
	if (dest_q)
		utee_bi_store_or_panic(dest_q, UTEE_BI_INT, q);
	utee_bi_end(&s);
}
