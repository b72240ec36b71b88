// SPDX-License-Identifier: BSD-2-Clause
/* Shared-memory objects: the id/cookie table and its reference-count rules. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tee_drv.h"
#include "util.h"

/* Slot i holds the shm with table id i + 1. */
static pthread_mutex_t shm_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tee_shm **shm_slots;
static size_t shm_nslots;
static uint32_t shm_gen;

#define TEE_SHM_MAX_IDS	(1U << 20)

static int shm_table_insert(struct tee_shm *shm)
{
	size_t i;

	for (i = 0; i < shm_nslots && shm_slots[i]; i++)
		;
	if (i == shm_nslots) {
		size_t n = shm_nslots ? shm_nslots * 2 : 64;
		struct tee_shm **ns;

		if (n > TEE_SHM_MAX_IDS)
			return -ENOMEM;
		ns = realloc(shm_slots, n * sizeof(*ns));
		if (!ns)
			return -ENOMEM;
		memset(ns + shm_nslots, 0, (n - shm_nslots) * sizeof(*ns));
		shm_slots = ns;
		shm_nslots = n;
	}
	shm_slots[i] = shm;
	shm->id = (int)(i + 1);
	/* A generation keeps a stale cookie from naming a reused slot. */
	if (++shm_gen == 0)
		shm_gen = 1;
	shm->cookie = ((uint64_t)shm_gen << 32) | (uint32_t)shm->id;
	return 0;
}

static struct tee_shm *shm_new(void)
{
	struct tee_shm *shm = calloc(1, sizeof(*shm));

	if (!shm)
		return NULL;
	atomic_init(&shm->refcount, 1);
	shm->fd = -1;
	return shm;
}

struct tee_usage tee_usage_total;
static pthread_mutex_t quota_lock = PTHREAD_MUTEX_INITIALIZER;

int tee_quota_charge(struct tee_context *ctx, uint64_t bytes)
{
	const struct tee_limits *l = ctx->teedev->limits;
	uint64_t mine, all;
	int rc = 0;

	if (!l)
		return -ENOMEM;
	pthread_mutex_lock(&quota_lock);
	mine = atomic_load(&ctx->usage.pinned);
	all = atomic_load(&tee_usage_total.pinned);
	if (bytes > l->quota_pinned || mine > l->quota_pinned - bytes ||
	    bytes > l->quota_total || all > l->quota_total - bytes ||
	    atomic_load(&ctx->usage.regs) >= l->max_regs) {
		rc = -ENOMEM;
	} else {
		atomic_fetch_add(&ctx->usage.pinned, bytes);
		atomic_fetch_add(&ctx->usage.regs, 1);
		atomic_fetch_add(&ctx->usage.regs_total, 1);
		atomic_fetch_add(&tee_usage_total.pinned, bytes);
		atomic_fetch_add(&tee_usage_total.regs, 1);
		atomic_fetch_add(&tee_usage_total.regs_total, 1);
	}
	pthread_mutex_unlock(&quota_lock);
	return rc;
}

void tee_quota_uncharge(struct tee_context *ctx, uint64_t bytes)
{
	pthread_mutex_lock(&quota_lock);
	atomic_fetch_sub(&ctx->usage.pinned, bytes);
	atomic_fetch_sub(&ctx->usage.regs, 1);
	atomic_fetch_sub(&tee_usage_total.pinned, bytes);
	atomic_fetch_sub(&tee_usage_total.regs, 1);
	pthread_mutex_unlock(&quota_lock);
}

static void shm_destroy(struct tee_shm *shm)
{
	/* The secure world lets go first, then the regions and frames. */
	if ((shm->flags & TEE_SHM_REGISTERED) && shm->ctx &&
	    shm->ctx->teedev->desc->ops->shm_unregister)
		shm->ctx->teedev->desc->ops->shm_unregister(shm->ctx, shm);
	shm->pool->ops->free(shm->pool, shm);
	atomic_fetch_sub(&tee_stats.shm, 1);
	if (shm->ctx) {
		if (shm->charged)
			tee_quota_uncharge(shm->ctx, shm->charged);
		tee_ctx_put(shm->ctx);
	}
	free(shm);
}

static int shm_alloc(struct tee_shm_pool *pool, struct tee_context *ctx,
		     uint32_t flags, uint64_t size, uint64_t align,
		     struct tee_shm **out)
{
	struct tee_shm *shm = shm_new();
	int rc;

	if (!shm)
		return -ENOMEM;
	shm->pool = pool;
	shm->flags = flags;
	rc = pool->ops->alloc(pool, shm, size, align);
	if (rc) {
		free(shm);
		return rc;
	}
	pthread_mutex_lock(&shm_lock);
	rc = shm_table_insert(shm);
	pthread_mutex_unlock(&shm_lock);
	if (rc) {
		pool->ops->free(pool, shm);
		free(shm);
		return rc;
	}
	if (ctx) {
		tee_ctx_get(ctx);
		shm->ctx = ctx;
		shm->handle_held = true;
	}
	atomic_fetch_add(&tee_stats.shm, 1);
	*out = shm;
	return 0;
}

/* Undo a half-made user shm: its handle goes, the last put frees it. */
/*
 * The backend's registration of a new shm whose handle ctx holds.
 * tee_ctx_kill may drop held handles meanwhile (a client dying while
 * its registration is in the secure world): a reference of our own
 * keeps shm alive through the call, so the call never writes into freed
 * memory and the last put sees the REGISTERED flag and unregisters.
 * Whoever finds the handle still held drops it. 0 with the handle held;
 * -ECANCELED if the ctx was killed meanwhile, or the backend's error:
 * shm then gone.
 */
static int shm_backend_register(struct tee_context *ctx, struct tee_shm *shm)
{
	bool held;
	int rc;

	tee_shm_get(shm);
	rc = ctx->teedev->desc->ops->shm_register(ctx, shm);
	pthread_mutex_lock(&shm_lock);
	held = shm->handle_held;
	if (rc && held)
		shm->handle_held = false;
	pthread_mutex_unlock(&shm_lock);
	if (rc && held)
		tee_shm_put(shm);	/* the handle's reference */
	tee_shm_put(shm);		/* ours; the last one unregisters */
	return rc ? rc : held ? 0 : -ECANCELED;
}

int tee_shm_alloc_user(struct tee_context *ctx, uint64_t size,
		       struct tee_shm **out)
{
	struct tee_shm_pool *pool = ctx->teedev->pool;
	const struct tee_driver_ops *ops = ctx->teedev->desc->ops;
	uint64_t charge = 0;
	int rc;

	if (!pool)
		return -ENOMEM;
	if (tee_shm_pool_is_dynamic(pool)) {
		/* Dynamic memory is pinned memory: it counts against quotas. */
		if (!ctx->teedev->limits ||
		    !round_up_u64(size, ctx->teedev->limits->page_size, &charge))
			return -ENOMEM;
		rc = tee_quota_charge(ctx, charge);
		if (rc)
			return rc;
	}
	rc = shm_alloc(pool, ctx, TEE_SHM_USER, size, 0, out);
	if (rc) {
		if (charge)
			tee_quota_uncharge(ctx, charge);
		return rc;
	}
	(*out)->charged = charge;
	if (charge && ops->shm_register) {
		rc = shm_backend_register(ctx, *out);
		if (rc) {
			*out = NULL;
			return rc;
		}
	}
	return 0;
}

int tee_shm_register_user(struct tee_context *ctx,
			  const struct tee_reg_plan *plan, uint64_t len,
			  const int *fds, struct tee_shm **out)
{
	struct tee_shm_pool *pool = ctx->teedev->pool;
	const struct tee_driver_ops *ops = ctx->teedev->desc->ops;
	uint64_t charge = plan->nframes << SOFTEE_FRAME_SHIFT;
	struct tee_shm *shm;
	int rc;

	if (!ctx->teedev->limits || !ctx->teedev->limits->dynamic ||
	    !tee_shm_pool_is_dynamic(pool))
		return -EINVAL;
	rc = tee_quota_charge(ctx, charge);
	if (rc)
		return rc;
	shm = shm_new();
	if (!shm) {
		tee_quota_uncharge(ctx, charge);
		return -ENOMEM;
	}
	shm->pool = pool;
	shm->flags = TEE_SHM_USER | TEE_SHM_USER_MAPPED;
	rc = tee_shm_dyn_register(pool, shm, plan, fds);
	if (rc) {
		tee_quota_uncharge(ctx, charge);
		free(shm);
		return rc;
	}
	shm->size = len;
	pthread_mutex_lock(&shm_lock);
	rc = shm_table_insert(shm);
	pthread_mutex_unlock(&shm_lock);
	if (rc) {
		pool->ops->free(pool, shm);
		tee_quota_uncharge(ctx, charge);
		free(shm);
		return rc;
	}
	tee_ctx_get(ctx);
	shm->ctx = ctx;
	shm->handle_held = true;
	shm->charged = charge;
	atomic_fetch_add(&tee_stats.shm, 1);
	if (ops->shm_register) {
		rc = shm_backend_register(ctx, shm);
		if (rc)
			return rc;
	}
	*out = shm;
	return 0;
}

int tee_shm_alloc_priv(struct tee_shm_pool *pool, uint64_t size,
		       uint64_t align, struct tee_shm **out)
{
	return shm_alloc(pool, NULL, TEE_SHM_PRIV, size, align ? align : 8,
			 out);
}

void tee_shm_free_priv(struct tee_shm *shm)
{
	if (shm)
		tee_shm_put(shm);
}

void tee_shm_get(struct tee_shm *shm)
{
	atomic_fetch_add(&shm->refcount, 1);
}

void tee_shm_put(struct tee_shm *shm)
{
	bool last = false;

	if (!shm)
		return;
	/* The table lock orders the last put against lookups. */
	pthread_mutex_lock(&shm_lock);
	if (atomic_fetch_sub(&shm->refcount, 1) == 1) {
		shm_slots[shm->id - 1] = NULL;
		last = true;
	}
	pthread_mutex_unlock(&shm_lock);
	if (last)
		shm_destroy(shm);
}

/* Caller holds shm_lock. A lookup never revives an shm being freed. */
static struct tee_shm *shm_ref_locked(struct tee_shm *shm)
{
	if (!shm || atomic_load(&shm->refcount) <= 0)
		return NULL;
	atomic_fetch_add(&shm->refcount, 1);
	return shm;
}

static struct tee_shm *shm_slot(int64_t id)
{
	if (id < 1 || (uint64_t)id > shm_nslots)
		return NULL;
	return shm_slots[id - 1];
}

struct tee_shm *tee_shm_get_from_id(struct tee_context *ctx, int id)
{
	struct tee_shm *shm, *r = NULL;

	pthread_mutex_lock(&shm_lock);
	shm = shm_slot(id);
	if (shm && shm->ctx == ctx && shm->handle_held &&
	    (shm->flags & TEE_SHM_USER))
		r = shm_ref_locked(shm);
	pthread_mutex_unlock(&shm_lock);
	return r;
}

struct tee_shm *tee_shm_get_from_cookie(uint64_t cookie)
{
	struct tee_shm *shm, *r = NULL;

	pthread_mutex_lock(&shm_lock);
	shm = shm_slot((uint32_t)cookie);
	if (shm && shm->cookie == cookie)
		r = shm_ref_locked(shm);
	pthread_mutex_unlock(&shm_lock);
	return r;
}

struct tee_shm *tee_shm_get_from_pa(struct tee_context *ctx, paddr_t pa,
				    uint64_t size, uint64_t *offs)
{
	struct tee_shm *r = NULL;
	uint64_t end;
	size_t i;

	if (ADD_OVERFLOW(pa, size, &end))
		return NULL;
	pthread_mutex_lock(&shm_lock);
	for (i = 0; i < shm_nslots; i++) {
		struct tee_shm *shm = shm_slots[i];

		/*
		 * Only physically contiguous memory has a PA range: pool
		 * shm, and dynamic shm of one whole frame, which RPC
		 * SHM_ALLOC hands out by PA (rpc_reply_shm).
		 */
		if (!shm || shm->ctx != ctx || !(shm->flags & TEE_SHM_USER) ||
		    ((shm->flags & TEE_SHM_DYNAMIC) &&
		     (shm->nframes != 1 || shm->page_off)))
			continue;
		if (pa >= shm->pa && end <= shm->pa + shm->size) {
			r = shm_ref_locked(shm);
			if (r)
				*offs = pa - shm->pa;
			break;
		}
	}
	pthread_mutex_unlock(&shm_lock);
	return r;
}

int tee_shm_release_id(struct tee_context *ctx, int id)
{
	struct tee_shm *shm;
	bool ok = false;

	pthread_mutex_lock(&shm_lock);
	shm = shm_slot(id);
	if (shm && shm->ctx == ctx && shm->handle_held) {
		shm->handle_held = false;
		ok = true;
	}
	pthread_mutex_unlock(&shm_lock);
	if (!ok)
		return -EINVAL;
	tee_shm_put(shm);
	return 0;
}

void tee_shm_release_ctx(struct tee_context *ctx)
{
	for (;;) {
		struct tee_shm *shm = NULL;
		size_t i;

		pthread_mutex_lock(&shm_lock);
		for (i = 0; i < shm_nslots; i++) {
			if (shm_slots[i] && shm_slots[i]->ctx == ctx &&
			    shm_slots[i]->handle_held) {
				shm = shm_slots[i];
				shm->handle_held = false;
				break;
			}
		}
		pthread_mutex_unlock(&shm_lock);
		if (!shm)
			return;
		tee_shm_put(shm);
	}
}

void tee_shm_table_fini(void)
{
	pthread_mutex_lock(&shm_lock);
	free(shm_slots);
	shm_slots = NULL;
	shm_nslots = 0;
	pthread_mutex_unlock(&shm_lock);
}
