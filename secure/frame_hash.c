/* SPDX-License-Identifier: BSD-2-Clause */
/* PFN hash of the frame table: O(1) frame lookups for page-list reading. */
#include "frame_hash.h"

#include <errno.h>
#include <stdlib.h>

static void frame_hash_place(struct frame_hash_slot *tab, size_t cap,
			     const struct frame_hash_slot *v)
{
	size_t i = frame_hash_home(v->pfn, cap);

	while (tab[i].pfn)
		i = (i + 1) & (cap - 1);
	tab[i] = *v;
}

int frame_hash_reserve(struct frame_hash *h, uint64_t n)
{
	size_t cap = h->cap ? h->cap : 1024;
	struct frame_hash_slot *tab;

	while ((h->n + n) * 2 > cap) {
		if (cap > SIZE_MAX / 4 / sizeof(*tab))
			return -ENOMEM;
		cap *= 2;
	}
	if (cap == h->cap)
		return 0;
	tab = calloc(cap, sizeof(*tab));
	if (!tab)
		return -ENOMEM;
	for (size_t i = 0; i < h->cap; i++)
		if (h->tab[i].pfn)
			frame_hash_place(tab, cap, &h->tab[i]);
	free(h->tab);
	h->tab = tab;
	h->cap = cap;
	return 0;
}

int frame_hash_add(struct frame_hash *h, uint64_t pfn, struct ft_region *r,
		   uint64_t frame)
{
	size_t i = frame_hash_home(pfn, h->cap);

	/* One probe run both checks for pfn and finds the free slot. */
	for (; h->tab[i].pfn; i = (i + 1) & (h->cap - 1))
		if (h->tab[i].pfn == pfn)
			return -EEXIST;
	h->tab[i] = (struct frame_hash_slot){ pfn, r, frame };
	h->n++;
	return 0;
}

const struct frame_hash_slot *frame_hash_get(const struct frame_hash *h,
					     uint64_t pfn)
{
	if (!h->cap || !pfn)
		return NULL;
	for (size_t i = frame_hash_home(pfn, h->cap); h->tab[i].pfn;
	     i = (i + 1) & (h->cap - 1))
		if (h->tab[i].pfn == pfn)
			return &h->tab[i];
	return NULL;
}

void frame_hash_del(struct frame_hash *h, uint64_t pfn)
{
	size_t mask = h->cap - 1, i, j;

	if (!h->cap || !pfn)
		return;
	for (i = frame_hash_home(pfn, h->cap); h->tab[i].pfn != pfn;
	     i = (i + 1) & mask)
		if (!h->tab[i].pfn)
			return;
	/* Pull later members of the probe run back over the hole. */
	for (j = (i + 1) & mask; h->tab[j].pfn; j = (j + 1) & mask) {
		size_t home = frame_hash_home(h->tab[j].pfn, h->cap);

		if (((j - home) & mask) >= ((j - i) & mask)) {
			h->tab[i] = h->tab[j];
			i = j;
		}
	}
	h->tab[i].pfn = 0;
	h->n--;
}

void frame_hash_free(struct frame_hash *h)
{
	free(h->tab);
	h->tab = NULL;
	h->cap = h->n = 0;
}
