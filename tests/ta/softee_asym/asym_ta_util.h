/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers of the asymmetric test TA: failure reporting, hex vectors and
 * an arena of the objects, operations and buffers one command makes (all
 * released when the command ends, whichever check fails).
 */
#ifndef ASYM_TA_UTIL_H
#define ASYM_TA_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <tee_internal_api.h>

#include "softee_asym_ta.h"

struct asym_fail {
	uint32_t where;		/* file id << 16 | line */
	uint32_t res;		/* the result that was not the one wanted */
};
extern struct asym_fail asym_fail;

/* In each file: #define ASYM_FILE ASYM_FILE_xxx before the checks. */
#define ASYM_WHERE ((uint32_t)ASYM_FILE << 16 | (uint32_t)__LINE__)

/* Fail the command (return TEE_ERROR_GENERIC) unless cond holds. */
#define ACHECK(cond) do { \
	if (!(cond)) { \
		asym_fail.where = ASYM_WHERE; \
		asym_fail.res = 0; \
		return TEE_ERROR_GENERIC; \
	} \
} while (0)

/* Fail unless expr gives the result want. */
#define ARES(expr, want) do { \
	TEE_Result ares_ = (expr); \
	if (ares_ != (TEE_Result)(want)) { \
		asym_fail.where = ASYM_WHERE; \
		asym_fail.res = ares_; \
		return TEE_ERROR_GENERIC; \
	} \
} while (0)

/* Run a sub-check (returning TEE_Result) and pass its failure on. */
#define ASUB(expr) do { \
	if ((expr) != TEE_SUCCESS) \
		return TEE_ERROR_GENERIC; \
} while (0)

/* A byte string owned by the arena. */
struct buf {
	uint8_t *p;
	size_t n;
};

/* Hex (spaces allowed; an odd digit count reads as a number) decoded into
 * arena memory; a bad string panics. */
struct buf hx(const char *hex);
/* n bytes of arena memory, zeroed. */
struct buf buf_new(size_t n);
/* Same bytes? */
bool buf_eq(struct buf a, const void *p, size_t n);

/* Attribute helpers. */
void aref(TEE_Attribute *a, uint32_t id, struct buf b);
void aval(TEE_Attribute *a, uint32_t id, uint32_t v);

/* A transient object registered in the arena (TEE_HANDLE_NULL on
 * failure, with asym_fail.res set). */
TEE_ObjectHandle obj_new(uint32_t type, uint32_t max_bits);
/* An object populated with attrs; TEE_HANDLE_NULL if that fails. */
TEE_ObjectHandle obj_with(uint32_t type, uint32_t max_bits,
			  const TEE_Attribute *attrs, uint32_t n);
/* An operation with key set, registered in the arena; NULL on failure. */
TEE_OperationHandle op_with(uint32_t alg, uint32_t mode, uint32_t max_bits,
			    TEE_ObjectHandle key);
/* The buffer attribute id of o in arena memory (n = 0 if absent). */
struct buf obj_attr(TEE_ObjectHandle o, uint32_t id);
/* The secret value of a derived generic secret. */
struct buf secret_of(TEE_ObjectHandle o);

/* Release everything the arena holds (after each command). */
void arena_release(void);

#endif /* ASYM_TA_UTIL_H */
