/* SPDX-License-Identifier: BSD-2-Clause */
/* An open-addressing map from a frame number to (pointer, index). */
#ifndef SOFTEE_HYP_PFN_HASH_H
#define SOFTEE_HYP_PFN_HASH_H

#include <stddef.h>
#include <stdint.h>

struct pfn_slot {
	uint64_t key;		/* pfn + 1; 0 = empty */
	void *ptr;
	uint64_t idx;
};

struct pfn_hash {
	struct pfn_slot *s;
	size_t cap;		/* power of two, or 0 */
	size_t n;
};

/* Make room for n more keys. 0 or -ENOMEM. */
int pfn_hash_reserve(struct pfn_hash *h, size_t n);
/* Insert (room reserved first). The key must not be present. */
void pfn_hash_put(struct pfn_hash *h, uint64_t pfn, void *ptr, uint64_t idx);
const struct pfn_slot *pfn_hash_get(const struct pfn_hash *h, uint64_t pfn);
void pfn_hash_del(struct pfn_hash *h, uint64_t pfn);
void pfn_hash_free(struct pfn_hash *h);

#endif
