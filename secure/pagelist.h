/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reader of NONCONTIG page lists (ABI.md 2.4): a pure function over two
 * callbacks (read a list block, resolve an entry), so that it can be
 * unit-tested and fuzzed without a frame table.
 */
#ifndef SOFTEE_SECURE_PAGELIST_H
#define SOFTEE_SECURE_PAGELIST_H

#include <stddef.h>
#include <stdint.h>

#include "frame_table.h"
#include "softee_mem.h"

#define PL_SLOTS_PER_BLOCK	512

struct pl_ops {
	/*
	 * Copy the 4 KiB list block at pa (frame aligned) into slots.
	 * 0, or -EFAULT when pa is not announced memory of the caller's VM.
	 */
	int (*read_block)(void *ctx, paddr_t pa,
			  uint64_t slots[PL_SLOTS_PER_BLOCK]);
	/*
	 * Resolve the data frame at pa (frame aligned) to its region and
	 * frame index; no reference is taken. 0 or -EFAULT.
	 */
	int (*lookup)(void *ctx, paddr_t pa, struct ft_region **r,
		      uint64_t *frame);
	/* Optional: a hint that lookup(pa) comes soon (pa unchecked). */
	void (*prefetch)(void *ctx, paddr_t pa);
};

struct pl_result {
	struct ft_run *runs;	/* malloc'd; no references held */
	size_t n_runs;
	uint64_t offset;	/* of the first byte inside the first frame */
	uint64_t n_entries;	/* 4 KiB entries consumed */
	uint64_t n_blocks;	/* list blocks read */
};

/*
 * Read the list named by buf_ptr (block PA | offset) for a buffer of size
 * bytes, at most max_bytes. 0, -EINVAL (malformed: alignment, size, loop,
 * truncated chain), -EFAULT (memory not announced for the caller),
 * -ENOSPC (over max_bytes) or -ENOMEM. Nothing is allocated on failure.
 */
int pagelist_read(const struct pl_ops *ops, void *ctx, uint64_t buf_ptr,
		  uint64_t size, uint64_t max_bytes, struct pl_result *res);

#endif
