/* SPDX-License-Identifier: BSD-2-Clause */
/* Interface of the benchmark TA, and the memory pass shared by the TA and the native loop. */
#ifndef SOFTEE_BENCH_TA_H
#define SOFTEE_BENCH_TA_H

#include <stddef.h>
#include <stdint.h>

/* 5eed7e57-00be-4c1e-9a7b-50f7ee0000be */
#define TA_SOFTEE_BENCH_UUID \
	{ 0x5eed7e57, 0x00be, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0xbe } }

/* param 0: MEMREF_INOUT; the TA returns without looking at it. */
#define SOFTEE_BENCH_CMD_IDLE	0
/* param 0: MEMREF_INOUT; the TA adds 1 to every 8-byte word of it. */
#define SOFTEE_BENCH_CMD_TOUCH	1
/* No parameters: the TA returns at once (null-invoke latency). */
#define SOFTEE_BENCH_CMD_NULL	2
/* param 0: VALUE_INOUT; the TA returns a + 1 in a and b ^ a in b. */
#define SOFTEE_BENCH_CMD_VALUE	3

/*
 * The same TA built as a multi-instance TA (one softee-ta process per
 * session): concurrency scaling and new-instance session cost.
 * 5eed7e57-00bf-4c1e-9a7b-50f7ee0000bf
 */
#define TA_SOFTEE_BENCH_MULTI_UUID \
	{ 0x5eed7e57, 0x00bf, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0xbf } }

/*
 * The crypto benchmark TA (its own TA, so that the others do not depend on
 * the crypto API): SHA-256 and AES-256-GCM over memrefs.
 * 5eed7e57-00b1-4c1e-9a7b-50f7ee0000b1
 */
#define TA_SOFTEE_BENCH_CRYPTO_UUID \
	{ 0x5eed7e57, 0x00b1, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0xb1 } }
/* param 0: MEMREF_INPUT data; param 1: MEMREF_OUTPUT, 32 bytes: its SHA-256. */
#define SOFTEE_BENCH_CMD_SHA256		16
/*
 * param 0: MEMREF_INPUT plaintext; param 1: MEMREF_OUTPUT ciphertext of the
 * same size; param 2: MEMREF_OUTPUT, 16 bytes: the tag; param 3:
 * VALUE_INPUT, a: the nonce's first 4 bytes (little endian; the other 8 are
 * zero). AES-256-GCM under SOFTEE_BENCH_AES_KEY, no AAD.
 */
#define SOFTEE_BENCH_CMD_AES_GCM	17
#define SOFTEE_BENCH_AES_KEY_BITS	256
#define SOFTEE_BENCH_AES_KEY \
	{ 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, \
	  0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, \
	  0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, \
	  0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f }
#define SOFTEE_BENCH_GCM_NONCE_LEN	12
#define SOFTEE_BENCH_GCM_TAG_LEN	16

/*
 * One read+write pass: add 1 to each whole 8-byte word of buf. The TA and
 * the client's native loop both use this very code, so the comparison
 * measures the memory path, not two different compilations of a loop.
 * Words are accessed through memcpy so any alignment is defined behaviour
 * (it compiles to plain loads and stores on x86).
 */
static inline void softee_bench_pass(void *buf, size_t len)
{
	unsigned char *p = buf;
	size_t n = len / 8;

	for (size_t i = 0; i < n; i++) {
		uint64_t w;

		__builtin_memcpy(&w, p + i * 8, 8);
		w += 1;
		__builtin_memcpy(p + i * 8, &w, 8);
	}
}

#endif /* SOFTEE_BENCH_TA_H */
