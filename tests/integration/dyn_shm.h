/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared pieces of the dynamic shared memory tests (dyn_shm*.c). */
#ifndef SOFTEE_DYN_SHM_H
#define SOFTEE_DYN_SHM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_client_api.h>

#include "testlib.h"

#define MIB (1024ULL * 1024ULL)

struct dyn_test {
	const char *name;
	void (*fn)(void);
	int explicit_only;	/* needs a stack with small quotas */
};
#define DYN_T(n) { #n, test_##n, 0 }
#define DYN_QUOTA_T(n) { #n, test_##n, 1 }

extern const struct dyn_test dyn_big_tests[], dyn_shared_tests[],
	dyn_limit_tests[];
extern const size_t dyn_big_ntests, dyn_shared_ntests, dyn_limit_ntests;

extern const TEEC_UUID dyn_uuid;	/* single instance, multi session */
extern const TEEC_UUID dyn_multi_uuid;	/* one instance per session */
extern const char *dyn_dir;		/* the stack's run directory */
extern char dyn_text[64 * 1024];	/* scratch for control answers */

/* Context and one session to uuid; false after recording a failure. */
bool dyn_open(TEEC_Context *ctx, TEEC_Session *s, const TEEC_UUID *uuid);
void dyn_close(TEEC_Context *ctx, TEEC_Session *s);
/* Registered in place (not through a shadow copy) as REG_MEM promises. */
bool dyn_in_place(const TEEC_Context *ctx, const TEEC_SharedMemory *m);
/* TA checksum (FNV-1a) of [off, off+size) of m. */
TEEC_Result dyn_ta_checksum(TEEC_Session *s, TEEC_SharedMemory *m,
			    size_t off, size_t size, uint32_t *sum);
/* TA fills [off, off+size) of m with seed + 7 * i. */
TEEC_Result dyn_ta_fill(TEEC_Session *s, TEEC_SharedMemory *m, size_t off,
			size_t size, uint32_t seed);
/* Index of the first byte that is not seed + 7 * i, or n. */
size_t dyn_check_fill(const uint8_t *b, size_t n, uint32_t seed);
/* A position-dependent pattern the client writes. */
void dyn_pattern(uint8_t *b, size_t n, uint32_t seed);

#endif /* SOFTEE_DYN_SHM_H */
