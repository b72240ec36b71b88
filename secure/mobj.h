/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory objects: where a buffer the normal world names lives, as runs of
 * region frames. Kinds: the static carve-out (contiguous PAs), a small
 * contiguous dynamic buffer (RPC replies), a page list read for one use
 * (NONCONTIG), and a slice of registered shm (RMEM, see shm_reg.h).
 */
#ifndef SOFTEE_SECURE_MOBJ_H
#define SOFTEE_SECURE_MOBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame_table.h"

struct shm_reg;

struct mobj {
	paddr_t pa;		/* first byte when physically contiguous, else 0 */
	uint64_t offset;	/* first byte's offset inside runs[0] */
	uint64_t size;
	struct ft_run *runs;	/* frames covering it, references held */
	size_t n_runs;
	bool noncontig;		/* from a page list: RPCs name it by cookie */
	struct shm_reg *reg;	/* registration this slices (kept busy) */
};

/* A buffer in the static carve-out; every frame must be announced. */
int mobj_tmem_get(paddr_t pa, uint64_t size, struct mobj **out);
/*
 * A contiguous buffer outside the carve-out (RPC replies): page aligned,
 * at most one frame, announced by vm_id.
 */
int mobj_phys_get(uint32_t vm_id, paddr_t pa, uint64_t size, struct mobj **out);
/* Read the page list at buf_ptr (NONCONTIG) for one use. */
int mobj_noncontig_get(uint32_t vm_id, uint64_t buf_ptr, uint64_t size,
		       struct mobj **out);
void mobj_put(struct mobj *m);

/*
 * Read a page list against the frame table (frames of vm_id only, at most
 * max_bytes) into runs holding references, plus the first byte's offset.
 * Errors as pagelist_read().
 */
int mobj_pagelist_runs(uint32_t vm_id, uint64_t buf_ptr, uint64_t size,
		       uint64_t max_bytes, struct ft_run **runs, size_t *n_runs,
		       uint64_t *offset);
/* Page-list entries read so far (stat). */
uint64_t mobj_pagelist_entries(void);

/* Copy len bytes at byte offset off of the buffer. 0 or -EINVAL. */
int mobj_read(const struct mobj *m, uint64_t off, void *buf, size_t len);

/*
 * Memory the secure world owns itself (TA-to-TA memrefs): a sealed memfd
 * of nframes frames, mapped here, with a region handle of its own (never
 * a normal world's) so TA hosts can be given it like announced memory.
 * It is in no frame table index and counts as withdrawn from the start,
 * so hosts drop it once the last mobj over it is put. *out holds one
 * reference (ft_put).
 */
int mobj_secmem_region_new(uint64_t nframes, struct ft_region **out);
/* A buffer of size bytes at frame first_frame of such a region. */
int mobj_secmem_get(struct ft_region *r, uint64_t first_frame, uint64_t size,
		    struct mobj **out);

#endif
