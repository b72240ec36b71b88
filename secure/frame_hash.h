/* SPDX-License-Identifier: BSD-2-Clause */
/* A hash from page frame number to (region, frame index), for the frame table. */
#ifndef SOFTEE_SECURE_FRAME_HASH_H
#define SOFTEE_SECURE_FRAME_HASH_H

#include <stddef.h>
#include <stdint.h>

struct ft_region;

struct frame_hash_slot {
	uint64_t pfn;		/* 0: empty (PA 0 is never announced) */
	struct ft_region *r;
	uint64_t frame;
};

/* Open addressing, linear probing, deletion by backward shift. */
struct frame_hash {
	struct frame_hash_slot *tab;
	size_t cap;		/* power of two, or 0 */
	size_t n;
};

static inline size_t frame_hash_home(uint64_t pfn, size_t cap)
{
	/* Fibonacci hashing: neighbouring PFNs land far apart. */
	return (size_t)((pfn * 0x9e3779b97f4a7c15ULL) >> 20) & (cap - 1);
}

/*
 * Start loading pfn's home slot: with scattered frames every slot is a
 * cache miss, so loops touch the slot of a frame some steps ahead.
 */
static inline void frame_hash_prefetch(const struct frame_hash *h,
				       uint64_t pfn)
{
	if (h->cap)
		__builtin_prefetch(&h->tab[frame_hash_home(pfn, h->cap)], 1);
}

/* Make room for n more entries (load kept at most 1/2). 0 or -ENOMEM. */
int frame_hash_reserve(struct frame_hash *h, uint64_t n);
/* Insert unless pfn is there already (room reserved): 0 or -EEXIST. */
int frame_hash_add(struct frame_hash *h, uint64_t pfn, struct ft_region *r,
		   uint64_t frame);
const struct frame_hash_slot *frame_hash_get(const struct frame_hash *h,
					     uint64_t pfn);
void frame_hash_del(struct frame_hash *h, uint64_t pfn);
void frame_hash_free(struct frame_hash *h);

#endif
