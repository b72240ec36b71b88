/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypervisor-owned frames of one VM: shadow arg structs, translated page
 * lists, shadow RPC args. They live in memfds only we and the secure
 * world map, announced as the VM's memory (so the secure world accepts
 * them for that VM and no other), in chunks added as needed.
 */
#ifndef SOFTEE_HYP_SCRATCH_H
#define SOFTEE_HYP_SCRATCH_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "softee_mem.h"

#define SCRATCH_CHUNK_FRAMES	64

struct sframe {
	paddr_t pa;		/* host PA; 0 = none */
	uint8_t *va;		/* our mapping of the 4 KiB */
	uint32_t chunk, idx;
};

struct scratch_chunk;

struct scratch {
	pthread_mutex_t lock;
	uint32_t vm_id;
	struct scratch_chunk **chunks;
	uint32_t n_chunks;
	uint64_t *free_list;	/* chunk << 32 | idx */
	uint64_t n_free, cap_free;
	uint64_t used, limit;	/* frames */
};

void scratch_init(struct scratch *s, uint32_t vm_id, uint64_t limit_frames);
/* One frame, zeroed. 0, -ENOSPC (over the VM's limit) or -errno. */
int scratch_alloc(struct scratch *s, struct sframe *f);
void scratch_free(struct scratch *s, struct sframe *f);
/*
 * Release all memory. With announced, the secure world is told to drop
 * the chunks first (else it already dropped them with the VM).
 */
void scratch_fini(struct scratch *s, bool announced);
void scratch_stats(struct scratch *s, uint64_t *used, uint64_t *total);

#endif
