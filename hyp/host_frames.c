/* SPDX-License-Identifier: BSD-2-Clause */
/* Host PA allocator: a bitmap walked in a fixed pseudo-random order. */
#include "host_frames.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#define HF_NFRAMES	(SOFTEE_DDR_SIZE >> SOFTEE_FRAME_SHIFT)	/* 2^24 */

/*
 * Walking k = 0, 1, 2... through perm(k) = ((k * m1) ^ key) * m2 mod N
 * (odd multipliers and an xor are bijections mod a power of two) visits
 * every frame once per round, far apart from one step to the next.
 */
static struct {
	pthread_mutex_t lock;
	uint64_t *bitmap;
	uint64_t cursor, used;
	uint64_t m1, m2, key;
} hf = { .lock = PTHREAD_MUTEX_INITIALIZER };

static uint64_t hf_perm(uint64_t k)
{
	uint64_t m = HF_NFRAMES - 1;

	k = (k * hf.m1) & m;
	k ^= hf.key & m;
	return (k * hf.m2) & m;
}

int hf_init(uint64_t seed)
{
	hf.bitmap = calloc(HF_NFRAMES / 64, sizeof(uint64_t));
	if (!hf.bitmap)
		return -ENOMEM;
	hf.m1 = (seed * 0x9e3779b97f4a7c15ULL) | 1;
	hf.m2 = ((seed >> 17) * 0xbf58476d1ce4e5b9ULL) | 1;
	hf.key = seed ^ (seed >> 31);
	/* Frame 0 of the window stays unused: a PA of 0 means "none". */
	hf.bitmap[0] = 1;
	hf.used = 0;
	return 0;
}

void hf_fini(void)
{
	free(hf.bitmap);
	hf.bitmap = NULL;
}

static bool hf_test_set(uint64_t i)
{
	uint64_t bit = 1ULL << (i % 64);

	if (hf.bitmap[i / 64] & bit)
		return false;
	hf.bitmap[i / 64] |= bit;
	return true;
}

int hf_alloc(uint64_t n, paddr_t *pa)
{
	uint64_t got = 0, tried = 0;

	if (!hf.bitmap || n > HF_NFRAMES)
		return -EINVAL;
	pthread_mutex_lock(&hf.lock);
	if (hf.used + n > HF_NFRAMES - 1) {
		pthread_mutex_unlock(&hf.lock);
		return -ENOSPC;
	}
	/* used + n fit, so one round of the walk finds them. */
	while (got < n && tried++ < HF_NFRAMES) {
		uint64_t i = hf_perm(hf.cursor++ & (HF_NFRAMES - 1));

		if (hf_test_set(i))
			pa[got++] = SOFTEE_DDR_BASE + (i << SOFTEE_FRAME_SHIFT);
	}
	hf.used += got;
	pthread_mutex_unlock(&hf.lock);
	if (got < n) {
		hf_free(pa, got);
		return -ENOSPC;
	}
	return 0;
}

void hf_free(const paddr_t *pa, uint64_t n)
{
	pthread_mutex_lock(&hf.lock);
	for (uint64_t k = 0; k < n; k++) {
		uint64_t i;

		if (pa[k] < SOFTEE_DDR_BASE ||
		    pa[k] >= SOFTEE_DDR_BASE + SOFTEE_DDR_SIZE)
			continue;
		i = (pa[k] - SOFTEE_DDR_BASE) >> SOFTEE_FRAME_SHIFT;
		if (!i || !(hf.bitmap[i / 64] & (1ULL << (i % 64))))
			continue;
		hf.bitmap[i / 64] &= ~(1ULL << (i % 64));
		hf.used--;
	}
	pthread_mutex_unlock(&hf.lock);
}

uint64_t hf_used(void)
{
	uint64_t u;

	pthread_mutex_lock(&hf.lock);
	u = hf.used;
	pthread_mutex_unlock(&hf.lock);
	return u;
}
