/* SPDX-License-Identifier: BSD-2-Clause */
/* The table of registered shared memory and slicing it for RMEM params. */
#include "shm_reg.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sw_config.h"
#include "util.h"
#include "vm.h"

#define SHM_REG_BUCKETS	1024

struct shm_reg {
	uint32_t vm_id;
	uint64_t cookie;
	uint64_t offset;	/* first byte inside runs[0] */
	uint64_t size;
	struct ft_run *runs;	/* references held */
	size_t n_runs;
	uint64_t *run_end;	/* frames up to the end of run i: binary search */
	unsigned int refs;	/* the table's (while listed) + one per slice */
	struct shm_reg *next;	/* hash chain */
};

static struct {
	pthread_mutex_t lock;
	struct shm_reg *bucket[SHM_REG_BUCKETS];
	struct shm_reg_stats st;
} sr = { .lock = PTHREAD_MUTEX_INITIALIZER };

static size_t shm_reg_hash(uint32_t vm_id, uint64_t cookie)
{
	uint64_t h = (cookie ^ ((uint64_t)vm_id << 32)) * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> 54) % SHM_REG_BUCKETS;
}

/* The link pointing at the registration, or at the chain's NULL. Locked. */
static struct shm_reg **shm_reg_slot(uint32_t vm_id, uint64_t cookie)
{
	struct shm_reg **pp = &sr.bucket[shm_reg_hash(vm_id, cookie)];

	while (*pp && ((*pp)->vm_id != vm_id || (*pp)->cookie != cookie))
		pp = &(*pp)->next;
	return pp;
}

static void shm_reg_free(struct shm_reg *reg)
{
	ft_runs_put(reg->runs, reg->n_runs);
	free(reg->run_end);
	free(reg);
}

int shm_reg_register(uint32_t vm_id, uint64_t cookie, uint64_t buf_ptr,
		     uint64_t size)
{
	struct shm_reg *reg, **pp;
	uint64_t sum = 0, bytes;
	int rc;

	reg = calloc(1, sizeof(*reg));
	if (!reg)
		return -ENOMEM;
	rc = mobj_pagelist_runs(vm_id, buf_ptr, size, sw_cfg.max_reg_bytes,
				&reg->runs, &reg->n_runs, &reg->offset);
	if (rc) {
		free(reg);
		goto out_refused;
	}
	reg->run_end = malloc(reg->n_runs * sizeof(*reg->run_end));
	if (!reg->run_end) {
		shm_reg_free(reg);
		rc = -ENOMEM;
		goto out_refused;
	}
	for (size_t i = 0; i < reg->n_runs; i++) {
		sum += reg->runs[i].nframes;
		reg->run_end[i] = sum;
	}
	reg->vm_id = vm_id;
	reg->cookie = cookie;
	reg->size = size;
	reg->refs = 1;

	pthread_mutex_lock(&sr.lock);
	pp = shm_reg_slot(vm_id, cookie);
	/* A VM being destroyed must not gain a registration it would leak. */
	if (!vm_alive(vm_id))
		rc = -ENOENT;
	else if (*pp)
		rc = -EEXIST;
	else if (ADD_OVERFLOW(sr.st.bytes, size, &bytes) ||
		 bytes > sw_cfg.max_reg_bytes)
		rc = -ENOSPC;
	if (!rc) {
		*pp = reg;
		sr.st.count++;
		sr.st.bytes = bytes;
		sr.st.registered++;
	}
	pthread_mutex_unlock(&sr.lock);
	if (rc) {
		shm_reg_free(reg);
		goto out_refused;
	}
	return 0;

out_refused:
	pthread_mutex_lock(&sr.lock);
	sr.st.refused++;
	pthread_mutex_unlock(&sr.lock);
	return rc;
}

/* Unlink from the table; the caller drops the table's reference. Locked. */
static void shm_reg_unlink(struct shm_reg **pp)
{
	struct shm_reg *reg = *pp;

	*pp = reg->next;
	reg->next = NULL;
	sr.st.count--;
	sr.st.bytes -= reg->size;
}

int shm_reg_unregister(uint32_t vm_id, uint64_t cookie)
{
	struct shm_reg *reg, **pp;

	pthread_mutex_lock(&sr.lock);
	pp = shm_reg_slot(vm_id, cookie);
	reg = *pp;
	if (!reg) {
		pthread_mutex_unlock(&sr.lock);
		return -ENOENT;
	}
	/* Only the table's reference left means no call uses it. */
	if (reg->refs > 1) {
		pthread_mutex_unlock(&sr.lock);
		return -EBUSY;
	}
	shm_reg_unlink(pp);
	sr.st.unregistered++;
	pthread_mutex_unlock(&sr.lock);
	shm_reg_free(reg);
	return 0;
}

void shm_reg_release(struct shm_reg *reg)
{
	bool last;

	pthread_mutex_lock(&sr.lock);
	last = --reg->refs == 0;
	pthread_mutex_unlock(&sr.lock);
	if (last)
		shm_reg_free(reg);
}

void shm_reg_drop_vm(uint32_t vm_id)
{
	for (size_t b = 0; b < SHM_REG_BUCKETS; b++) {
		struct shm_reg *dead = NULL;

		pthread_mutex_lock(&sr.lock);
		for (struct shm_reg **pp = &sr.bucket[b]; *pp;) {
			struct shm_reg *reg = *pp;

			if (reg->vm_id != vm_id) {
				pp = &reg->next;
				continue;
			}
			shm_reg_unlink(pp);
			if (--reg->refs == 0) {
				reg->next = dead;
				dead = reg;
			}
		}
		pthread_mutex_unlock(&sr.lock);
		while (dead) {
			struct shm_reg *n = dead->next;

			shm_reg_free(dead);
			dead = n;
		}
	}
}

/* First run whose end is beyond frame (run_end is increasing). */
static size_t shm_reg_find_run(const struct shm_reg *reg, uint64_t frame)
{
	size_t lo = 0, hi = reg->n_runs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (reg->run_end[mid] <= frame)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Build the runs of frames [first, end) of reg, taking references. */
static int shm_reg_cut(const struct shm_reg *reg, uint64_t first, uint64_t end,
		       struct mobj *m)
{
	size_t k = shm_reg_find_run(reg, first), n = 0, cap;
	uint64_t at = first;

	cap = MIN(reg->n_runs - k, (size_t)(end - first));
	m->runs = calloc(cap ? cap : 1, sizeof(*m->runs));
	if (!m->runs)
		return -ENOMEM;
	ft_lock();
	for (; k < reg->n_runs && at < end; k++) {
		const struct ft_run *r = &reg->runs[k];
		uint64_t run_first = reg->run_end[k] - r->nframes;
		uint64_t skip = at - run_first;
		uint64_t take = MIN(r->nframes - skip, end - at);

		m->runs[n++] = (struct ft_run){ .r = r->r,
			.first_frame = r->first_frame + skip, .nframes = take };
		ft_get_locked(r->r);
		at += take;
	}
	ft_unlock();
	m->n_runs = n;
	return 0;
}

int shm_reg_slice(uint32_t vm_id, uint64_t cookie, uint64_t offs,
		  uint64_t size, struct mobj **out)
{
	struct shm_reg *reg;
	struct mobj *m;
	uint64_t end, pos, first, last, total;
	int rc;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	pthread_mutex_lock(&sr.lock);
	reg = *shm_reg_slot(vm_id, cookie);
	if (reg)
		reg->refs++;
	pthread_mutex_unlock(&sr.lock);
	if (!reg) {
		free(m);
		return -ENOENT;
	}
	m->reg = reg;
	if (ADD_OVERFLOW(offs, size, &end) || end > reg->size) {
		rc = -EINVAL;
		goto err;
	}
	/* Frames of the registration the slice touches; at least one. */
	total = reg->run_end[reg->n_runs - 1];
	pos = reg->offset + offs;
	first = pos / SOFTEE_FRAME_SIZE;
	last = (pos + size + SOFTEE_FRAME_SIZE - 1) / SOFTEE_FRAME_SIZE;
	if (first >= total)
		first = total - 1;
	if (last <= first)
		last = first + 1;
	rc = shm_reg_cut(reg, first, last, m);
	if (rc)
		goto err;
	m->offset = pos - first * SOFTEE_FRAME_SIZE;
	m->size = size;
	*out = m;
	return 0;
err:
	mobj_put(m);
	return rc;
}

void shm_reg_vm_stats(uint32_t vm_id, struct shm_reg_stats *s)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_lock(&sr.lock);
	for (size_t b = 0; b < SHM_REG_BUCKETS; b++) {
		for (const struct shm_reg *reg = sr.bucket[b]; reg;
		     reg = reg->next) {
			if (reg->vm_id != vm_id)
				continue;
			s->count++;
			s->bytes += reg->size;
		}
	}
	pthread_mutex_unlock(&sr.lock);
}

void shm_reg_stats(struct shm_reg_stats *s)
{
	pthread_mutex_lock(&sr.lock);
	*s = sr.st;
	pthread_mutex_unlock(&sr.lock);
}
