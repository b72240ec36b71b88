/* SPDX-License-Identifier: BSD-2-Clause */
/* SMC entry: the dispatcher from eight registers to fast or yielding calls. */
#ifndef SOFTEE_SECURE_ENTRY_H
#define SOFTEE_SECURE_ENTRY_H

#include <stdint.h>

#include "thread.h"

/* Any SMC: in -> out. vm_id is the caller's normal world. */
void entry_smc(const uint32_t in[8], uint32_t out[8], uint32_t vm_id);
/* Fast calls (entry_fast.c); no thread, no blocking. */
void entry_fast(const uint32_t in[8], uint32_t out[8], uint32_t vm_id);
/* Body of a yielding call on a secure thread (entry_std.c). */
void entry_std_thread(struct sw_thread *t, const uint32_t in[8],
		      uint32_t out[8]);
/* SEC capabilities this configuration reports. */
uint32_t entry_sec_caps(void);

/* Counters for `stat`. */
void entry_fast_stats(uint64_t *smcs, uint64_t *fast, uint64_t *std,
		      uint64_t *resumes);
struct entry_std_stats {
	uint64_t open, invoke, close, cancel, bad_addr, bad_args;
};
void entry_std_stats(struct entry_std_stats *s);

#endif
