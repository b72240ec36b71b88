/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One cycle of the mixed client load that `softee perf soak` and the fault
 * injector run: a context, a session, memref invokes of every kind, close.
 */
#ifndef SOFTEE_PERF_LOAD_H
#define SOFTEE_PERF_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct perf_load_result {
	uint32_t res;		/* TEEC result of the failure, 0 if none */
	uint32_t origin;
	bool corrupt;		/* the TA's writes did not arrive as expected */
	char what[96];		/* which step failed */
};

/*
 * A cycle's choices come from rnd (any value): single- or multi-instance
 * TA, buffer sizes and alignment, how many invokes of each kind
 * (registered, allocated and temp memrefs, value, null). ops is increased
 * by each call that succeeded. 0 if everything worked, else -1 with r set;
 * every resource taken is released either way.
 */
int perf_load_cycle(uint64_t rnd, uint64_t *ops, struct perf_load_result *r);

/* A small, fast, seedable generator (splitmix64). */
static inline uint64_t perf_load_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

#endif /* SOFTEE_PERF_LOAD_H */
