/* SPDX-License-Identifier: BSD-2-Clause */
/* Private to tee_api_object*.c: the per-type table and its queries. */
#ifndef TEE_API_OBJECT_INT_H
#define TEE_API_OBJECT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_internal_api.h>

#include "utee_object.h"

#define UTEE_ATTR_REQUIRED	0x01
#define UTEE_ATTR_CRT		0x02	/* RSA CRT values: all or none */
#define UTEE_ATTR_SIZE		0x04	/* gives the object size */

struct utee_attr_rule {
	uint32_t id;
	uint32_t flags;		/* UTEE_ATTR_* */
};

/* How the object size follows from the attributes. */
enum utee_type_kind {
	UTEE_KIND_SECRET,	/* bits of the secret value */
	UTEE_KIND_RSA,		/* bits of the modulus */
	UTEE_KIND_BIGNUM,	/* bits of the prime (DSA, DH) */
	UTEE_KIND_ECC,		/* bits of the curve */
	UTEE_KIND_25519,	/* 32-byte values, 256 bits */
};

struct utee_type_info {
	uint32_t type;
	uint16_t min_bits, max_bits, quantum;	/* when sizes is NULL */
	const uint16_t *sizes;			/* 0-terminated list */
	const struct utee_attr_rule *attrs;
	size_t n_attrs;
	enum utee_type_kind kind;
};

const struct utee_type_info *utee_type_find(uint32_t type);
bool utee_type_size_valid(const struct utee_type_info *t, uint32_t size);
uint32_t utee_type_max_size(const struct utee_type_info *t);
const struct utee_attr_rule *utee_type_rule(const struct utee_type_info *t,
					    uint32_t id);
/*
 * The attribute holding the key of a secret type (TEE_ATTR_SECRET_VALUE,
 * or the KDF input of OP-TEE's KDF types); 0 for other kinds.
 */
uint32_t utee_type_secret_id(const struct utee_type_info *t);
/* Bits of a TEE_ECC_CURVE_NIST_*, 0 for any other curve. */
uint32_t utee_ecc_curve_bits(uint32_t curve);

/* Transient, live object or panic. */
struct __TEE_ObjectHandle *utee_obj_check_transient(TEE_ObjectHandle h);

#endif /* TEE_API_OBJECT_INT_H */
