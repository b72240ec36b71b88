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
