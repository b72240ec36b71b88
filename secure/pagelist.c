// SPDX-License-Identifier: BSD-2-Clause
/* Walks and validates a NONCONTIG page list, coalescing frames into runs. */
#include "pagelist.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define PL_ENTRIES	511	/* per block; slot 511 is the next pointer */

static int pl_cmp_pa(const void *a, const void *b)
{
	paddr_t x = *(const paddr_t *)a, y = *(const paddr_t *)b;

	return x < y ? -1 : x > y;
}

/* A loop shows up as the same block twice in the chain. */
static bool pl_blocks_unique(paddr_t *blocks, size_t n)
{
	qsort(blocks, n, sizeof(*blocks), pl_cmp_pa);
	for (size_t i = 1; i < n; i++)
		if (blocks[i] == blocks[i - 1])
			return false;
	return true;
}

/* Append a frame, merging it into the last run when it follows it. */
static int pl_add_frame(struct pl_result *res, size_t *cap,
			struct ft_region *r, uint64_t frame)
{
	struct ft_run *last = res->n_runs ? &res->runs[res->n_runs - 1] : NULL;

	if (last && last->r == r && last->first_frame + last->nframes == frame) {
		last->nframes++;
		return 0;
	}
	if (res->n_runs == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct ft_run *t = realloc(res->runs, nc * sizeof(*t));

		if (!t)
			return -ENOMEM;
		res->runs = t;
		*cap = nc;
	}
	res->runs[res->n_runs++] = (struct ft_run){ .r = r,
		.first_frame = frame, .nframes = 1 };
	return 0;
}

#define PL_PREFETCH_AHEAD 8

int pagelist_read(const struct pl_ops *ops, void *ctx, uint64_t buf_ptr,
		  uint64_t size, uint64_t max_bytes, struct pl_result *res)
{
	uint64_t *slots = NULL;
	paddr_t *blocks = NULL;
	uint64_t total, n_entries, n_blocks, done = 0;
	paddr_t block = buf_ptr & ~SOFTEE_FRAME_MASK;
	size_t cap = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	res->offset = buf_ptr & SOFTEE_FRAME_MASK;
	if (!size || !block)
		return -EINVAL;
	if (size > max_bytes)
		return -ENOSPC;
	if (ADD_OVERFLOW(size, res->offset, &total) ||
	    !round_up_u64(total, SOFTEE_FRAME_SIZE, &total))
		return -EINVAL;
	/* No normal world has more memory than its DDR window. */
	if (total > SOFTEE_DDR_SIZE)
		return -EINVAL;
	n_entries = total / SOFTEE_FRAME_SIZE;
	n_blocks = (n_entries + PL_ENTRIES - 1) / PL_ENTRIES;
	slots = malloc(PL_SLOTS_PER_BLOCK * sizeof(*slots));
	blocks = malloc(n_blocks * sizeof(*blocks));
	if (!slots || !blocks) {
		rc = -ENOMEM;
		goto err;
	}
	for (uint64_t b = 0; b < n_blocks; b++) {
		uint64_t take = MIN(n_entries - done, (uint64_t)PL_ENTRIES);

		/* The first block was masked; every next pointer must be clean. */
		if (!block || !softee_pa_is_frame_aligned(block)) {
			rc = -EINVAL;
			goto err;
		}
		blocks[b] = block;
		rc = ops->read_block(ctx, block, slots);
		if (rc)
			goto err;
		for (uint64_t i = 0; i < take; i++) {
			struct ft_region *r;
			uint64_t frame;

			if (!slots[i] || !softee_pa_is_frame_aligned(slots[i])) {
				rc = -EINVAL;
				goto err;
			}
			/* Scattered frames: each lookup misses the cache. */
			if (ops->prefetch && i + PL_PREFETCH_AHEAD < take)
				ops->prefetch(ctx, slots[i + PL_PREFETCH_AHEAD]);
			rc = ops->lookup(ctx, slots[i], &r, &frame);
			if (rc)
				goto err;
			rc = pl_add_frame(res, &cap, r, frame);
			if (rc)
				goto err;
		}
		done += take;
		block = slots[PL_ENTRIES];
	}
	if (!pl_blocks_unique(blocks, n_blocks)) {
		rc = -EINVAL;
		goto err;
	}
	free(slots);
	free(blocks);
	res->n_entries = n_entries;
	res->n_blocks = n_blocks;
	return 0;
err:
	free(slots);
	free(blocks);
	free(res->runs);
	memset(res, 0, sizeof(*res));
	return rc;
}
