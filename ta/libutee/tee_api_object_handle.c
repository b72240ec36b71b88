// SPDX-License-Identifier: BSD-2-Clause
/*
 * The set of live object and operation handles. Handles are pointers the
 * TA gets back; checking membership here before touching one lets a
 * forged, freed or foreign handle panic the TA cleanly (GP: panic)
 * instead of crashing it on a wild pointer. Open addressing with linear
 * probing; a TA is single threaded, so no locking.
 */
#include <stdint.h>
#include <stdlib.h>

#include "tee_api_crypto_int.h"

#define HSET_TOMB ((const void *)1)

static const void **hset;
static size_t hset_cap;		/* power of two, 0 before the first add */
static size_t hset_used;	/* live + tombstones */

static size_t hset_slot(const void *h, size_t cap)
{
	uintptr_t v = (uintptr_t)h;

	/* Heap pointers share low zero bits: mix before masking. */
	v ^= v >> 17;
	v *= (uintptr_t)0x9E3779B97F4A7C15ULL;
	v ^= v >> 29;
	return (size_t)v & (cap - 1);
}

static int hset_grow(void)
{
	size_t ncap = hset_cap ? hset_cap * 2 : 64, i, j;
	const void **n = calloc(ncap, sizeof(*n));

	if (!n)
		return -1;
	hset_used = 0;
	for (i = 0; i < hset_cap; i++) {
		if (!hset[i] || hset[i] == HSET_TOMB)
			continue;
		for (j = hset_slot(hset[i], ncap); n[j]; j = (j + 1) & (ncap - 1))
			;
		n[j] = hset[i];
		hset_used++;
	}
	free(hset);
	hset = n;
	hset_cap = ncap;
	return 0;
}

int utee_handle_add(const void *h)
{
	size_t i;

	if (!h || h == HSET_TOMB)
		return -1;
	/* Keep at most half full so probes stay short and always end. */
	if ((hset_used + 1) * 2 > hset_cap && hset_grow())
		return -1;
	for (i = hset_slot(h, hset_cap); hset[i] && hset[i] != HSET_TOMB;
	     i = (i + 1) & (hset_cap - 1))
		;
	if (!hset[i])
		hset_used++;
	hset[i] = h;
	return 0;
}

static size_t hset_find(const void *h)
{
	size_t i;

	if (!hset_cap || !h || h == HSET_TOMB)
		return SIZE_MAX;
	for (i = hset_slot(h, hset_cap); hset[i]; i = (i + 1) & (hset_cap - 1))
		if (hset[i] == h)
			return i;
	return SIZE_MAX;
}

void utee_handle_del(const void *h)
{
	size_t i = hset_find(h);

	if (i != SIZE_MAX)
		hset[i] = HSET_TOMB;
}

bool utee_handle_live(const void *h)
{
	return hset_find(h) != SIZE_MAX;
}
