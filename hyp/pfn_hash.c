/* SPDX-License-Identifier: BSD-2-Clause */
/* Linear probing with backward-shift deletion (no tombstones). */
#include "pfn_hash.h"

#include <errno.h>
#include <stdlib.h>

static size_t ph_home(const struct pfn_hash *h, uint64_t key)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 17) & (h->cap - 1);
}

static void ph_insert(struct pfn_slot *s, size_t cap, const struct pfn_slot *e)
{
	struct pfn_hash tmp = { .s = s, .cap = cap };
	size_t i = ph_home(&tmp, e->key);

	while (s[i].key)
		i = (i + 1) & (cap - 1);
	s[i] = *e;
}

int pfn_hash_reserve(struct pfn_hash *h, size_t n)
{
	size_t need = h->n + n, cap = h->cap ? h->cap : 64;
	struct pfn_slot *ns;

	if (need < h->n)
		return -ENOMEM;
	/* Keep the load under one half. */
	while (cap / 2 < need) {
		if (cap > SIZE_MAX / 4 / sizeof(*ns))
			return -ENOMEM;
		cap *= 2;
	}
	if (cap == h->cap)
		return 0;
	ns = calloc(cap, sizeof(*ns));
	if (!ns)
		return -ENOMEM;
	for (size_t i = 0; i < h->cap; i++)
		if (h->s[i].key)
			ph_insert(ns, cap, &h->s[i]);
	free(h->s);
	h->s = ns;
	h->cap = cap;
	return 0;
}

void pfn_hash_put(struct pfn_hash *h, uint64_t pfn, void *ptr, uint64_t idx)
{
	struct pfn_slot e = { .key = pfn + 1, .ptr = ptr, .idx = idx };

	ph_insert(h->s, h->cap, &e);
	h->n++;
}

const struct pfn_slot *pfn_hash_get(const struct pfn_hash *h, uint64_t pfn)
{
	uint64_t key = pfn + 1;
	size_t i;

	if (!h->cap || !key)
		return NULL;
	for (i = ph_home(h, key); h->s[i].key; i = (i + 1) & (h->cap - 1))
		if (h->s[i].key == key)
			return &h->s[i];
	return NULL;
}

void pfn_hash_del(struct pfn_hash *h, uint64_t pfn)
{
	struct pfn_slot *hole = (struct pfn_slot *)pfn_hash_get(h, pfn);
	size_t i, j;

	if (!hole)
		return;
	i = (size_t)(hole - h->s);
	h->s[i].key = 0;
	h->n--;
	/* Pull later members of the run back over the hole. */
	for (j = (i + 1) & (h->cap - 1); h->s[j].key; j = (j + 1) & (h->cap - 1)) {
		size_t home = ph_home(h, h->s[j].key);

		/* Movable if its home is not in the cyclic range (i, j]. */
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && home <= i && home > j)) {
			h->s[i] = h->s[j];
			h->s[j].key = 0;
			i = j;
		}
	}
}

void pfn_hash_free(struct pfn_hash *h)
{
	free(h->s);
	h->s = NULL;
	h->cap = h->n = 0;
}
