// SPDX-License-Identifier: BSD-2-Clause
/* Shared-memory pools: a first-fit range allocator and the static carve-out pools built on it. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tee_drv.h"
#include "util.h"

int tee_range_init(struct tee_range_alloc *ra, uint64_t size)
{
	memset(ra, 0, sizeof(*ra));
	ra->cap = 16;
	ra->free = calloc(ra->cap, sizeof(*ra->free));
	if (!ra->free)
		return -ENOMEM;
	ra->size = size;
	if (size) {
		ra->free[0].start = 0;
		ra->free[0].len = size;
		ra->n = 1;
	}
	ra->free_bytes = size;
	return 0;
}

void tee_range_fini(struct tee_range_alloc *ra)
{
	free(ra->free);
	memset(ra, 0, sizeof(*ra));
}

static void range_remove(struct tee_range_alloc *ra, size_t i)
{
	memmove(ra->free + i, ra->free + i + 1, (ra->n - i - 1) * sizeof(*ra->free));
	ra->n--;
}

static int range_insert(struct tee_range_alloc *ra, size_t i, uint64_t start,
			uint64_t len)
{
	if (ra->n == ra->cap) {
		size_t ncap = ra->cap * 2;
		struct tee_range *nf = realloc(ra->free, ncap * sizeof(*nf));

		if (!nf)
			return -ENOMEM;
		ra->free = nf;
		ra->cap = ncap;
	}
	memmove(ra->free + i + 1, ra->free + i, (ra->n - i) * sizeof(*ra->free));
	ra->free[i].start = start;
	ra->free[i].len = len;
	ra->n++;
	return 0;
}

int tee_range_get(struct tee_range_alloc *ra, uint64_t size, uint64_t align,
		  uint64_t *off)
{
	size_t i;

	if (!size || !align || (align & (align - 1)))
		return -EINVAL;
	for (i = 0; i < ra->n; i++) {
		struct tee_range *r = &ra->free[i];
		uint64_t s, pad, end;

		if (!round_up_u64(r->start, align, &s))
			continue;
		pad = s - r->start;
		if (ADD_OVERFLOW(s, size, &end) || end > r->start + r->len)
			continue;
		/* Split into [start, s) and [end, r_end). */
		if (end < r->start + r->len) {
			uint64_t tail = r->start + r->len - end;

			if (pad) {
				if (range_insert(ra, i + 1, end, tail))
					return -ENOMEM;
				ra->free[i].len = pad;
			} else {
				r->start = end;
				r->len = tail;
			}
		} else if (pad) {
			r->len = pad;
		} else {
			range_remove(ra, i);
		}
		ra->free_bytes -= size;
		*off = s;
		return 0;
	}
	return -ENOMEM;
}

int tee_range_put(struct tee_range_alloc *ra, uint64_t off, uint64_t size)
{
	uint64_t end;
	size_t i;

	if (!size || ADD_OVERFLOW(off, size, &end) || end > ra->size)
		return -EINVAL;
	for (i = 0; i < ra->n && ra->free[i].start < off; i++)
		;
	/* Refuse a double free or an overlap with a free extent. */
	if (i > 0 && ra->free[i - 1].start + ra->free[i - 1].len > off)
		return -EINVAL;
	if (i < ra->n && end > ra->free[i].start)
		return -EINVAL;
	if (i > 0 && ra->free[i - 1].start + ra->free[i - 1].len == off) {
		ra->free[i - 1].len += size;
		if (i < ra->n && ra->free[i].start == end) {
			ra->free[i - 1].len += ra->free[i].len;
			range_remove(ra, i);
		}
	} else if (i < ra->n && ra->free[i].start == end) {
		ra->free[i].start = off;
		ra->free[i].len += size;
	} else if (range_insert(ra, i, off, size)) {
		return -ENOMEM;
	}
	ra->free_bytes += size;
	return 0;
}

/* The static carve-out pools. */
struct static_pool {
	pthread_mutex_t lock;
	struct tee_range_alloc ra;
	paddr_t base;
	uint64_t granule;
	void *map;			/* private part only */
	const struct tee_region_ops *rops;
	void *rops_arg;
};

static int static_alloc_range(struct static_pool *sp, uint64_t size,
			      uint64_t align, uint64_t *off, uint64_t *rsize)
{
	int rc;

	if (!round_up_u64(size ? size : 1, sp->granule, rsize))
		return -ENOMEM;
	if (align < sp->granule)
		align = sp->granule;
	pthread_mutex_lock(&sp->lock);
	rc = tee_range_get(&sp->ra, *rsize, align, off);
	pthread_mutex_unlock(&sp->lock);
	return rc;
}

static void static_free_range(struct static_pool *sp, uint64_t off,
			      uint64_t size)
{
	pthread_mutex_lock(&sp->lock);
	tee_range_put(&sp->ra, off, size);
	pthread_mutex_unlock(&sp->lock);
}

static int priv_alloc(struct tee_shm_pool *pool, struct tee_shm *shm,
		      uint64_t size, uint64_t align)
{
	struct static_pool *sp = pool->priv;
	uint64_t off, rsize;
	int rc = static_alloc_range(sp, size, align, &off, &rsize);

	if (rc)
		return rc;
	shm->pool_off = off;
	shm->size = rsize;
	shm->pa = sp->base + off;
	shm->kaddr = (uint8_t *)sp->map + off;
	shm->fd = -1;
	/* Reused memory must not leak what the last user left there. */
	memset(shm->kaddr, 0, rsize);
	return 0;
}

static void priv_free(struct tee_shm_pool *pool, struct tee_shm *shm)
{
	static_free_range(pool->priv, shm->pool_off, shm->size);
}

static int user_alloc(struct tee_shm_pool *pool, struct tee_shm *shm,
		      uint64_t size, uint64_t align)
{
	struct static_pool *sp = pool->priv;
	uint64_t off, rsize;
	int fd, rc = static_alloc_range(sp, size, align, &off, &rsize);

	if (rc)
		return rc;
	/* A fresh memfd is zeroed, and only this allocation lives in it. */
	fd = softee_memfd("softee-shm", rsize);
	if (fd < 0) {
		rc = fd;
		goto err_range;
	}
	shm->pool_off = off;
	shm->size = rsize;
	shm->pa = sp->base + off;
	shm->kaddr = NULL;
	shm->fd = fd;
	shm->region_id = 0;
	if (sp->rops) {
		rc = sp->rops->add(sp->rops_arg, fd,
				   rsize >> SOFTEE_FRAME_SHIFT, shm->pa,
				   &shm->region_id);
		if (rc)
			goto err_fd;
	}
	return 0;
err_fd:
	close(fd);
	shm->fd = -1;
err_range:
	static_free_range(sp, off, rsize);
	return rc;
}

static void user_free(struct tee_shm_pool *pool, struct tee_shm *shm)
{
	struct static_pool *sp = pool->priv;

	if (sp->rops && shm->region_id)
		sp->rops->del(sp->rops_arg, shm->region_id);
	if (shm->fd >= 0)
		close(shm->fd);
	shm->fd = -1;
	static_free_range(sp, shm->pool_off, shm->size);
}

static uint64_t static_free_bytes(struct tee_shm_pool *pool)
{
	struct static_pool *sp = pool->priv;
	uint64_t n;

	pthread_mutex_lock(&sp->lock);
	n = sp->ra.free_bytes;
	pthread_mutex_unlock(&sp->lock);
	return n;
}

static void static_destroy(struct tee_shm_pool *pool)
{
	struct static_pool *sp = pool->priv;

	tee_range_fini(&sp->ra);
	pthread_mutex_destroy(&sp->lock);
	free(sp);
	free(pool);
}

static const struct tee_shm_pool_ops priv_ops = {
	.alloc = priv_alloc, .free = priv_free, .destroy = static_destroy,
	.free_bytes = static_free_bytes,
};

static const struct tee_shm_pool_ops user_ops = {
	.alloc = user_alloc, .free = user_free, .destroy = static_destroy,
	.free_bytes = static_free_bytes,
};

static int static_pool_new(const struct tee_shm_pool_ops *ops, paddr_t base,
			   uint64_t size, uint64_t granule,
			   struct tee_shm_pool **out)
{
	struct tee_shm_pool *pool = calloc(1, sizeof(*pool));
	struct static_pool *sp = calloc(1, sizeof(*sp));

	if (!pool || !sp || !granule || (granule & (granule - 1)) ||
	    tee_range_init(&sp->ra, size)) {
		free(pool);
		free(sp);
		return -ENOMEM;
	}
	pthread_mutex_init(&sp->lock, NULL);
	sp->base = base;
	sp->granule = granule;
	pool->ops = ops;
	pool->priv = sp;
	*out = pool;
	return 0;
}

int tee_shm_pool_static_priv(paddr_t base, uint64_t size, void *map,
			     struct tee_shm_pool **out)
{
	int rc = static_pool_new(&priv_ops, base, size, 8, out);

	if (!rc)
		((struct static_pool *)(*out)->priv)->map = map;
	return rc;
}

int tee_shm_pool_static_user(paddr_t base, uint64_t size, uint64_t granule,
			     const struct tee_region_ops *rops, void *rops_arg,
			     struct tee_shm_pool **out)
{
	int rc;

	if (granule < SOFTEE_FRAME_SIZE)
		return -EINVAL;
	rc = static_pool_new(&user_ops, base, size, granule, out);
	if (!rc) {
		struct static_pool *sp = (*out)->priv;

		sp->rops = rops;
		sp->rops_arg = rops_arg;
	}
	return rc;
}

void tee_shm_pool_destroy(struct tee_shm_pool *pool)
{
	if (pool)
		pool->ops->destroy(pool);
}
