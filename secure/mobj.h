/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory objects: where a buffer the normal world names lives. This issue
 * has the static carve-out (physically contiguous PA ranges); registered
 * shm (page lists) is the next implementation behind the same struct.
 */
#ifndef SOFTEE_SECURE_MOBJ_H
#define SOFTEE_SECURE_MOBJ_H

#include <stddef.h>
#include <stdint.h>

#include "frame_table.h"

struct mobj {
	paddr_t pa;		/* first byte */
	uint64_t size;
	struct ft_run *runs;	/* frames covering it, references held */
	size_t n_runs;
};

/* A buffer in the static carve-out; every frame must be announced. */
int mobj_tmem_get(paddr_t pa, uint64_t size, struct mobj **out);
void mobj_put(struct mobj *m);

/* Copy len bytes at byte offset off of the buffer. 0 or -EINVAL. */
int mobj_read(const struct mobj *m, uint64_t off, void *buf, size_t len);

#endif
