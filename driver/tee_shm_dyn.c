// SPDX-License-Identifier: BSD-2-Clause
/* Dynamic shared-memory pools: scattered DDR frames from the frame allocator, for driver-private memory, allocations and registrations. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tee_drv.h"
#include "util.h"

struct dyn_pool {
	struct tee_frames *fa;
	uint64_t granule;
	const struct tee_region_ops *rops;
	void *rops_arg;
	/* private pool only: one mapped memfd, its frames and a range allocator */
	pthread_mutex_t lock;
	struct tee_range_alloc ra;
	void *map;
	uint64_t size;
	paddr_t *pas;
	uint64_t region_id;
	bool priv;
};

static int dyn_priv_alloc(struct tee_shm_pool *pool, struct tee_shm *shm,
			  uint64_t size, uint64_t align)
{
	struct dyn_pool *dp = pool->priv;
	uint64_t off, rsize;
	int rc;

	/* Whole 4 KiB frames: a message arg or list block is one frame. */
	if (!round_up_u64(size ? size : 1, SOFTEE_FRAME_SIZE, &rsize))
		return -ENOMEM;
	if (align < SOFTEE_FRAME_SIZE)
		align = SOFTEE_FRAME_SIZE;
	pthread_mutex_lock(&dp->lock);
	rc = tee_range_get(&dp->ra, rsize, align, &off);
	pthread_mutex_unlock(&dp->lock);
	if (rc)
		return rc;
	shm->pool_off = off;
	shm->size = rsize;
	shm->frames = dp->pas + (off >> SOFTEE_FRAME_SHIFT);
	shm->nframes = rsize >> SOFTEE_FRAME_SHIFT;
	shm->frames_owned = false;
	shm->page_off = 0;
	shm->pa = shm->frames[0];
	shm->kaddr = (uint8_t *)dp->map + off;
	shm->fd = -1;
	shm->flags |= TEE_SHM_DYNAMIC;
	/* Reused memory must not leak what the last user left there. */
	memset(shm->kaddr, 0, rsize);
	return 0;
}

static void dyn_priv_free(struct tee_shm_pool *pool, struct tee_shm *shm)
{
	struct dyn_pool *dp = pool->priv;

	pthread_mutex_lock(&dp->lock);
	tee_range_put(&dp->ra, shm->pool_off, shm->size);
	pthread_mutex_unlock(&dp->lock);
	shm->frames = NULL;
}

static uint64_t dyn_priv_free_bytes(struct tee_shm_pool *pool)
{
	struct dyn_pool *dp = pool->priv;
	uint64_t n;

	pthread_mutex_lock(&dp->lock);
	n = dp->ra.free_bytes;
	pthread_mutex_unlock(&dp->lock);
	return n;
}

static void dyn_destroy(struct tee_shm_pool *pool)
{
	struct dyn_pool *dp = pool->priv;

	if (dp->priv) {
		if (dp->region_id && dp->rops)
			dp->rops->del(dp->rops_arg, dp->region_id);
		if (dp->map)
			munmap(dp->map, dp->size);
		if (dp->pas)
			tee_frames_free(dp->fa, dp->pas,
					dp->size >> SOFTEE_FRAME_SHIFT);
		free(dp->pas);
		tee_range_fini(&dp->ra);
	}
	pthread_mutex_destroy(&dp->lock);
	free(dp);
	free(pool);
}

/* User pool: every allocation and registration owns its frames and regions. */
static void dyn_release_frames(struct dyn_pool *dp, struct tee_shm *shm)
{
	uint32_t i;

	for (i = 0; i < shm->nregions; i++)
		if (dp->rops)
			dp->rops->del(dp->rops_arg, shm->regions[i]);
	free(shm->regions);
	shm->regions = NULL;
	shm->nregions = 0;
	if (shm->frames_owned && shm->frames) {
		tee_frames_free(dp->fa, shm->frames, shm->nframes);
		free(shm->frames);
	}
	shm->frames = NULL;
}

/* Frames for nframes and an array to hold them. */
static int dyn_get_frames(struct dyn_pool *dp, struct tee_shm *shm,
			  uint64_t nframes, uint32_t nregions)
{
	int rc;

	if (nframes > SIZE_MAX / sizeof(paddr_t))
		return -ENOMEM;
	shm->frames = malloc(nframes * sizeof(paddr_t));
	shm->regions = calloc(nregions, sizeof(uint64_t));
	if (!shm->frames || !shm->regions) {
		rc = -ENOMEM;
		goto err;
	}
	rc = tee_frames_alloc(dp->fa, nframes, shm->frames);
	if (rc)
		goto err;
	shm->nframes = nframes;
	shm->frames_owned = true;
	shm->flags |= TEE_SHM_DYNAMIC;
	return 0;
err:
	free(shm->frames);
	free(shm->regions);
	shm->frames = NULL;
	shm->regions = NULL;
	return rc;
}

static int dyn_user_alloc(struct tee_shm_pool *pool, struct tee_shm *shm,
			  uint64_t size, uint64_t align)
{
	struct dyn_pool *dp = pool->priv;
	uint64_t rsize;
	int fd, rc;

	(void)align;
	if (!round_up_u64(size ? size : 1, dp->granule, &rsize))
		return -ENOMEM;
	rc = dyn_get_frames(dp, shm, rsize >> SOFTEE_FRAME_SHIFT, 1);
	if (rc)
		return rc;
	/* A fresh memfd is zeroed, and only this allocation lives in it. */
	fd = softee_memfd("softee-shm", rsize);
	if (fd < 0) {
		rc = fd;
		goto err;
	}
	shm->fd = fd;
	shm->size = rsize;
	shm->page_off = 0;
	shm->pa = shm->frames[0];
	shm->kaddr = NULL;
	if (dp->rops) {
		rc = dp->rops->add_frames(dp->rops_arg, fd, 0, shm->nframes,
					  shm->frames, &shm->regions[0]);
		if (rc)
			goto err;
		shm->nregions = 1;
		shm->region_id = shm->regions[0];
	}
	return 0;
err:
	if (shm->fd >= 0)
		close(shm->fd);
	shm->fd = -1;
	dyn_release_frames(dp, shm);
	return rc;
}

static void dyn_user_free(struct tee_shm_pool *pool, struct tee_shm *shm)
{
	dyn_release_frames(pool->priv, shm);
	if (shm->fd >= 0)
		close(shm->fd);
	shm->fd = -1;
}

static uint64_t dyn_user_free_bytes(struct tee_shm_pool *pool)
{
	struct dyn_pool *dp = pool->priv;

	return (tee_frames_total(dp->fa) - tee_frames_used(dp->fa))
	       << SOFTEE_FRAME_SHIFT;
}

static const struct tee_shm_pool_ops dyn_priv_ops = {
	.alloc = dyn_priv_alloc, .free = dyn_priv_free, .destroy = dyn_destroy,
	.free_bytes = dyn_priv_free_bytes,
};

static const struct tee_shm_pool_ops dyn_user_ops = {
	.alloc = dyn_user_alloc, .free = dyn_user_free, .destroy = dyn_destroy,
	.free_bytes = dyn_user_free_bytes,
};

bool tee_shm_pool_is_dynamic(const struct tee_shm_pool *pool)
{
	return pool && (pool->ops == &dyn_user_ops || pool->ops == &dyn_priv_ops);
}

static int dyn_new(const struct tee_shm_pool_ops *ops, struct tee_frames *fa,
		   uint64_t granule, const struct tee_region_ops *rops,
		   void *rops_arg, struct tee_shm_pool **out)
{
	struct tee_shm_pool *pool = calloc(1, sizeof(*pool));
	struct dyn_pool *dp = calloc(1, sizeof(*dp));

	if (!pool || !dp) {
		free(pool);
		free(dp);
		return -ENOMEM;
	}
	pthread_mutex_init(&dp->lock, NULL);
	dp->fa = fa;
	dp->granule = granule;
	dp->rops = rops;
	dp->rops_arg = rops_arg;
	pool->ops = ops;
	pool->priv = dp;
	*out = pool;
	return 0;
}

int tee_shm_pool_dyn_user(struct tee_frames *fa, uint64_t granule,
			  const struct tee_region_ops *rops, void *rops_arg,
			  struct tee_shm_pool **out)
{
	if (granule < SOFTEE_FRAME_SIZE || (granule & (granule - 1)))
		return -EINVAL;
	return dyn_new(&dyn_user_ops, fa, granule, rops, rops_arg, out);
}

int tee_shm_pool_dyn_priv(struct tee_frames *fa, uint64_t size,
			  const struct tee_region_ops *rops, void *rops_arg,
			  struct tee_shm_pool **out)
{
	struct tee_shm_pool *pool;
	struct dyn_pool *dp;
	int fd = -1, rc;

	if (!size || (size & SOFTEE_FRAME_MASK))
		return -EINVAL;
	rc = dyn_new(&dyn_priv_ops, fa, 0, rops, rops_arg, &pool);
	if (rc)
		return rc;
	dp = pool->priv;
	dp->priv = true;
	dp->size = size;
	if (tee_range_init(&dp->ra, size)) {
		dp->size = 0;
		rc = -ENOMEM;
		goto err;
	}
	dp->pas = malloc((size >> SOFTEE_FRAME_SHIFT) * sizeof(paddr_t));
	if (!dp->pas) {
		rc = -ENOMEM;
		goto err;
	}
	rc = tee_frames_alloc(fa, size >> SOFTEE_FRAME_SHIFT, dp->pas);
	if (rc) {
		free(dp->pas);
		dp->pas = NULL;
		goto err;
	}
	fd = softee_memfd("softee-priv", size);
	if (fd < 0) {
		rc = fd;
		goto err;
	}
	dp->map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (dp->map == MAP_FAILED) {
		dp->map = NULL;
		rc = -errno;
		goto err;
	}
	if (rops) {
		rc = rops->add_frames(rops_arg, fd, 0, size >> SOFTEE_FRAME_SHIFT,
				      dp->pas, &dp->region_id);
		if (rc)
			goto err;
	}
	close(fd);
	*out = pool;
	return 0;
err:
	if (fd >= 0)
		close(fd);
	dyn_destroy(pool);
	return rc;
}

/* Frames and regions for a client registration (tee_shm.c). */
int tee_shm_dyn_register(struct tee_shm_pool *pool, struct tee_shm *shm,
			 const struct tee_reg_plan *plan, const int *fds)
{
	struct dyn_pool *dp = pool->priv;
	uint32_t i;
	int rc;

	if (pool->ops != &dyn_user_ops)
		return -EINVAL;
	rc = dyn_get_frames(dp, shm, plan->nframes, plan->nruns);
	if (rc)
		return rc;
	for (i = 0; i < plan->nruns && dp->rops; i++) {
		const struct tee_reg_run *r = &plan->runs[i];

		rc = dp->rops->add_frames(dp->rops_arg, fds[r->fd_index],
					  r->fd_offset, r->nframes,
					  shm->frames + r->first_frame,
					  &shm->regions[i]);
		if (rc) {
			dyn_release_frames(dp, shm);
			return rc;
		}
		shm->nregions = i + 1;
	}
	shm->fd = -1;
	shm->page_off = plan->page_off;
	shm->pa = shm->frames[plan->page_off >> SOFTEE_FRAME_SHIFT];
	shm->kaddr = NULL;
	return 0;
}
