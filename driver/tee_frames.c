// SPDX-License-Identifier: BSD-2-Clause
/* The DDR frame allocator: normal-world pages of granule G handed out scattered (or contiguous) in the driver's PA space. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tee_drv.h"
#include "util.h"

/*
 * Scattered mode walks a fixed pseudo-random permutation of the page
 * indexes (an odd multiply, an xor and another odd multiply modulo a
 * power of two are each bijective), so consecutive allocations land far
 * apart, like the pages a real kernel hands out; a bitmap says which
 * pages are taken. Contiguous mode is a first-fit range allocator.
 */
struct tee_frames {
	pthread_mutex_t lock;
	paddr_t base;
	uint64_t granule;		/* bytes */
	uint64_t fpp;			/* 4 KiB frames per page */
	uint64_t npages;		/* power of two */
	uint64_t used;			/* pages */
	bool contiguous;
	/* scattered */
	uint64_t *bitmap;
	uint64_t cursor;
	uint64_t mul1, mul2, key;
	/* contiguous */
	struct tee_range_alloc ra;
};

static uint64_t frames_perm(const struct tee_frames *fa, uint64_t k)
{
	uint64_t m = fa->npages - 1;

	k = (k * fa->mul1) & m;
	k ^= fa->key & m;
	return (k * fa->mul2) & m;
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int tee_frames_init(paddr_t base, uint64_t size, uint64_t granule,
		    bool contiguous, uint64_t seed, struct tee_frames **out)
{
	struct tee_frames *fa;
	uint64_t end;

	if (granule < SOFTEE_FRAME_SIZE || (granule & (granule - 1)) ||
	    (base & (granule - 1)) || size < granule ||
	    (size & (size - 1)) || ADD_OVERFLOW(base, size, &end))
		return -EINVAL;
	fa = calloc(1, sizeof(*fa));
	if (!fa)
		return -ENOMEM;
	fa->base = base;
	fa->granule = granule;
	fa->fpp = granule / SOFTEE_FRAME_SIZE;
	fa->npages = size / granule;
	fa->contiguous = contiguous;
	if (contiguous) {
		if (tee_range_init(&fa->ra, fa->npages)) {
			free(fa);
			return -ENOMEM;
		}
	} else {
		fa->bitmap = calloc((fa->npages + 63) / 64, sizeof(uint64_t));
		if (!fa->bitmap) {
			free(fa);
			return -ENOMEM;
		}
		fa->mul1 = splitmix(&seed) | 1;
		fa->mul2 = splitmix(&seed) | 1;
		fa->key = splitmix(&seed);
		fa->cursor = splitmix(&seed) & (fa->npages - 1);
	}
	pthread_mutex_init(&fa->lock, NULL);
	*out = fa;
	return 0;
}

void tee_frames_fini(struct tee_frames *fa)
{
	if (!fa)
		return;
	if (fa->contiguous)
		tee_range_fini(&fa->ra);
	free(fa->bitmap);
	pthread_mutex_destroy(&fa->lock);
	free(fa);
}

static void put_page(struct tee_frames *fa, uint64_t pg, paddr_t *frames)
{
	paddr_t pa = fa->base + pg * fa->granule;
	uint64_t i;

	for (i = 0; i < fa->fpp; i++)
		frames[i] = pa + i * SOFTEE_FRAME_SIZE;
}

int tee_frames_alloc(struct tee_frames *fa, uint64_t nframes, paddr_t *frames)
{
	uint64_t npg, got = 0, off;
	int rc = 0;

	if (!nframes || nframes % fa->fpp)
		return -EINVAL;
	npg = nframes / fa->fpp;
	pthread_mutex_lock(&fa->lock);
	if (npg > fa->npages - fa->used) {
		rc = -ENOMEM;
	} else if (fa->contiguous) {
		rc = tee_range_get(&fa->ra, npg, 1, &off);
		for (got = 0; !rc && got < npg; got++)
			put_page(fa, off + got, frames + got * fa->fpp);
	} else {
		/* Enough pages are free, so the walk ends within npages. */
		while (got < npg) {
			uint64_t pg = frames_perm(fa, fa->cursor);
			uint64_t ahead = frames_perm(fa, (fa->cursor + 8) &
							 (fa->npages - 1));

			/* Scattered: each bitmap word is a cache miss. */
			__builtin_prefetch(&fa->bitmap[ahead / 64], 1);
			fa->cursor = (fa->cursor + 1) & (fa->npages - 1);
			if (fa->bitmap[pg / 64] & (1ULL << (pg % 64)))
				continue;
			fa->bitmap[pg / 64] |= 1ULL << (pg % 64);
			put_page(fa, pg, frames + got * fa->fpp);
			got++;
		}
	}
	if (!rc)
		fa->used += npg;
	pthread_mutex_unlock(&fa->lock);
	return rc;
}

void tee_frames_free(struct tee_frames *fa, const paddr_t *frames,
		     uint64_t nframes)
{
	uint64_t i, npg;

	if (!fa || !frames || !nframes || nframes % fa->fpp)
		return;
	npg = nframes / fa->fpp;
	pthread_mutex_lock(&fa->lock);
	if (fa->contiguous) {
		uint64_t pg = (frames[0] - fa->base) / fa->granule;

		if (!tee_range_put(&fa->ra, pg, npg))
			fa->used -= npg;
	} else {
		for (i = 0; i < npg; i++) {
			paddr_t pa = frames[i * fa->fpp];
			uint64_t pg;

			if (i + 8 < npg) {
				paddr_t n = frames[(i + 8) * fa->fpp];
				uint64_t npg8 = (n - fa->base) / fa->granule;

				if (n >= fa->base && npg8 < fa->npages)
					__builtin_prefetch(&fa->bitmap[npg8 / 64], 1);
			}
			if (pa < fa->base || (pa - fa->base) % fa->granule)
				continue;
			pg = (pa - fa->base) / fa->granule;
			if (pg >= fa->npages ||
			    !(fa->bitmap[pg / 64] & (1ULL << (pg % 64))))
				continue;	/* never ours: leave it */
			fa->bitmap[pg / 64] &= ~(1ULL << (pg % 64));
			fa->used--;
		}
	}
	pthread_mutex_unlock(&fa->lock);
}

uint64_t tee_frames_used(struct tee_frames *fa)
{
	uint64_t n;

	pthread_mutex_lock(&fa->lock);
	n = fa->used * fa->fpp;
	pthread_mutex_unlock(&fa->lock);
	return n;
}

uint64_t tee_frames_total(struct tee_frames *fa)
{
	return fa->npages * fa->fpp;
}
