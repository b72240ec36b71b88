/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The GP big-integer API keeps its numbers in memory the TA owns (arrays
 * of uint32_t sized by TEE_BigIntSizeInU32 and friends); the arithmetic
 * itself runs on OpenSSL BIGNUMs. Every call loads its operands into
 * BIGNUMs, computes, and writes the result back into the TA's memory.
 *
 * Memory format (ours; GP leaves it to the implementation), in uint32_t
 * words:
 *   word 0   bits 31..24: kind (INT, FMM or FMM context), catches use of
 *            memory that was never initialised or was initialised as
 *            another kind; bits 23..0: capacity in limbs (len - 2)
 *   word 1   bit 31: sign (1 = negative; zero is never negative);
 *            bits 23..0: limbs in use (no leading zero limb)
 *   word 2.. limbs, least significant first, each a host-order uint32_t
 * The FMM representation is the plain residue in [0, n-1]: GP leaves it
 * implementation defined, and OpenSSL's own reductions are fast enough
 * that a Montgomery form of our own would buy nothing.
 */
#ifndef TEE_API_ARITH_H
#define TEE_API_ARITH_H

#include <stdint.h>
#include <openssl/bn.h>
#include <tee_internal_api.h>

#define UTEE_BI_HDR_WORDS	2U
#define UTEE_BI_MAX_LIMBS	0x00FFFFFFU
#define UTEE_BI_SIGN		0x80000000U

enum utee_bi_kind {
	UTEE_BI_INT = 0xB1,
	UTEE_BI_FMM = 0xB2,
	UTEE_BI_CTX = 0xB3,
};

/* Panic codes: one per reason, so a TA developer can tell them apart. */
#define UTEE_BI_PANIC_MEM	TEE_ERROR_OUT_OF_MEMORY
#define UTEE_BI_PANIC_ARG	TEE_ERROR_BAD_PARAMETERS
#define UTEE_BI_PANIC_OVERFLOW	TEE_ERROR_OVERFLOW

/* TEE_Panic after naming the function and line on stderr. */
#define UTEE_BI_PANIC(code) utee_bi_panic((code), __func__, __LINE__)
void utee_bi_panic(TEE_Result code, const char *func, int line)
	__attribute__((noreturn));

/* The BIGNUMs of one API call; freed (and wiped) together at its end. */
struct utee_bi_scope {
	BN_CTX *ctx;
};

void utee_bi_begin(struct utee_bi_scope *s);
void utee_bi_end(struct utee_bi_scope *s);
/* A fresh zero BIGNUM living until utee_bi_end; panics on failure. */
BIGNUM *utee_bi_tmp(struct utee_bi_scope *s);
/* The value held in TA memory of the given kind; panics on bad memory. */
BIGNUM *utee_bi_load(struct utee_bi_scope *s, const uint32_t *mem,
		     enum utee_bi_kind kind);
/* Capacity in limbs of initialised memory of the given kind (or panic). */
uint32_t utee_bi_capacity(const uint32_t *mem, enum utee_bi_kind kind);
/* Write bn into TA memory; TEE_ERROR_OVERFLOW (memory untouched) if it
 * does not fit. */
TEE_Result utee_bi_store(uint32_t *mem, enum utee_bi_kind kind,
			 const BIGNUM *bn);
/* Same, but a result that does not fit is a panic (GP for void calls). */
void utee_bi_store_or_panic(uint32_t *mem, enum utee_bi_kind kind,
			    const BIGNUM *bn);
/* Format memory of len words as kind, holding zero (panics if len bad). */
void utee_bi_init(uint32_t *mem, size_t len, enum utee_bi_kind kind);
/* Panic unless an OpenSSL call succeeded (only allocation can fail). */
void utee_bi_ok(int openssl_ret);

#endif /* TEE_API_ARITH_H */
