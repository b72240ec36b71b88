/* SPDX-License-Identifier: BSD-2-Clause */
/* The pool of recycled pinning memfds (see teedev_pin_priv.h). */
#include "teedev_pin_priv.h"

#include <string.h>

#include "teedev_sys.h"

#define TEEDEV_POOL_MAX		16
#define TEEDEV_POOL_BYTES	(512ULL << 20)

struct teedev_pool_ent {
	int memfd;
	uint64_t size;
};

static struct teedev_pool_ent teedev_pool[TEEDEV_POOL_MAX];
static size_t teedev_pool_n;
static uint64_t teedev_pool_bytes;

/* Give an unused memfd of size bytes to the pool (or close it). */
void teedev_pool_put(int memfd, uint64_t size)
{
	if (size > TEEDEV_POOL_BYTES) {
		teedev_sys_close(memfd);
		return;
	}
	while (teedev_pool_n &&
	       (teedev_pool_n == TEEDEV_POOL_MAX ||
		teedev_pool_bytes + size > TEEDEV_POOL_BYTES)) {
		teedev_sys_close(teedev_pool[0].memfd);
		teedev_pool_bytes -= teedev_pool[0].size;
		memmove(&teedev_pool[0], &teedev_pool[1],
			--teedev_pool_n * sizeof(teedev_pool[0]));
	}
	teedev_pool[teedev_pool_n].memfd = memfd;
	teedev_pool[teedev_pool_n].size = size;
	teedev_pool_n++;
	teedev_pool_bytes += size;
}

/* A pooled memfd of at least len (and at most 2 len) bytes, or -1. */
int teedev_pool_take(uint64_t len, uint64_t *size)
{
	size_t best = teedev_pool_n;

	for (size_t i = 0; i < teedev_pool_n; i++) {
		if (teedev_pool[i].size < len || teedev_pool[i].size / 2 > len)
			continue;
		if (best == teedev_pool_n ||
		    teedev_pool[i].size < teedev_pool[best].size)
			best = i;
	}
	if (best == teedev_pool_n)
		return -1;
	*size = teedev_pool[best].size;
	teedev_pool_bytes -= *size;
	{
		int memfd = teedev_pool[best].memfd;

		teedev_pool[best] = teedev_pool[--teedev_pool_n];
		return memfd;
	}
}

void teedev_pool_drop_all(void)
{
	for (size_t i = 0; i < teedev_pool_n; i++)
		teedev_sys_close(teedev_pool[i].memfd);
	teedev_pool_n = 0;
	teedev_pool_bytes = 0;
}
