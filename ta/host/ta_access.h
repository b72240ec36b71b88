/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host's part of TEE_CheckMemoryAccessRights (utee_mem.h): it knows
 * the memrefs of the running call and every memref window it mapped, so
 * it judges ranges in shared memory; libutee judges the TA's own.
 */
#ifndef TA_ACCESS_H
#define TA_ACCESS_H

#include <stdint.h>

#include "ta_mem.h"
#include "ta_msg.h"

/* Start answering; r is the host's regions (its window cache). */
void ta_access_init(const struct ta_regions *r);
/* The call message being served (NULL between calls). */
void ta_access_msg(const struct ta_msg *m);
/*
 * Around a TA entry point: the memrefs as the TA receives them (buffer
 * and size of each param; types says which are memrefs), as they were
 * when the call began, whatever the TA later writes into its params.
 */
void ta_access_enter(uint32_t types, void *const bufs[4],
		     const uint64_t sizes[4]);
void ta_access_leave(void);

#endif /* TA_ACCESS_H */
