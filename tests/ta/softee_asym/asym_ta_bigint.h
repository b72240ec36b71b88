/* SPDX-License-Identifier: BSD-2-Clause */
/* Big-integer helpers shared by the test TA's files. */
#ifndef ASYM_TA_BIGINT_H
#define ASYM_TA_BIGINT_H

#include <tee_internal_api.h>

/* Room for every value the tests use (up to 1024-bit RSA numbers). */
#define BI_BITS 2048
#define BI_WORDS TEE_BigIntSizeInU32(BI_BITS)

struct bi {
	TEE_BigInt w[BI_WORDS];
};

void bi_init(struct bi *x);
/* x = the value written in hex (a leading '-' makes it negative). */
TEE_Result bi_set(struct bi *x, const char *hex);
/* x == the hex value? */
bool bi_is(const struct bi *x, const char *hex);

TEE_Result asym_check_bigint_arith(void);
TEE_Result asym_check_bigint_mod(void);

#endif /* ASYM_TA_BIGINT_H */
