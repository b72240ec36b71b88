// SPDX-License-Identifier: BSD-2-Clause
/* OP-TEE NONCONTIG page lists: 4 KiB blocks of 511 frame addresses plus a next pointer, sized from the 4 KiB entry count. */
#include <errno.h>
#include <string.h>

#include "optee_msg.h"
#include "tee_drv.h"

/* Entries the secure world reads for size bytes at page_off & 0xfff. */
uint64_t tee_pagelist_entries(uint64_t page_off, uint64_t size)
{
	uint64_t in_frame = page_off & SOFTEE_FRAME_MASK;

	if (!size || size > UINT64_MAX - in_frame - SOFTEE_FRAME_MASK)
		return 0;
	return (in_frame + size + SOFTEE_FRAME_MASK) >> SOFTEE_FRAME_SHIFT;
}

/* Blocks for entries 4 KiB entries (never from the normal-world page count). */
uint64_t tee_pagelist_blocks(uint64_t entries)
{
	return (entries + OPTEE_MSG_PAGELIST_ENTRIES_PER_BLOCK - 1) /
	       OPTEE_MSG_PAGELIST_ENTRIES_PER_BLOCK;
}

int tee_pagelist_fill(uint64_t *const *blocks, const paddr_t *block_pas,
		      uint64_t nblocks, const paddr_t *frames,
		      uint64_t entries)
{
	uint64_t b, i = 0;

	if (!entries || tee_pagelist_blocks(entries) != nblocks)
		return -EINVAL;
	for (b = 0; b < nblocks; b++) {
		uint64_t *blk = blocks[b];
		unsigned int slot;

		if (block_pas[b] & SOFTEE_FRAME_MASK)
			return -EINVAL;
		memset(blk, 0, OPTEE_MSG_NONCONTIG_PAGE_SIZE);
		for (slot = 0; slot < OPTEE_MSG_PAGELIST_ENTRIES_PER_BLOCK &&
		     i < entries; slot++, i++) {
			if (frames[i] & SOFTEE_FRAME_MASK)
				return -EINVAL;
			blk[slot] = frames[i];
		}
		if (b + 1 < nblocks)
			blk[OPTEE_MSG_PAGELIST_NEXT_SLOT] = block_pas[b + 1];
	}
	return 0;
}
