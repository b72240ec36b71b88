/* SPDX-License-Identifier: BSD-2-Clause */
/* Memory objects resolved through the frame table (carve-out, phys, page lists). */
#include "mobj.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pagelist.h"
#include "softee_ta_sys_session.h"
#include "shm_reg.h"
#include "sw_config.h"
#include "util.h"

static atomic_uint_fast64_t pl_entries;

uint64_t mobj_pagelist_entries(void)
{
	return atomic_load(&pl_entries);
}

int mobj_tmem_get(paddr_t pa, uint64_t size, struct mobj **out)
{
	struct mobj *m;
	int ret;

	if (!sw_cfg.reserved_shm || !sw_pa_in_carveout(pa, size ? size : 1))
		return -EFAULT;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	ret = ft_resolve(pa, size, &m->runs, &m->n_runs);
	if (ret) {
		free(m);
		return ret;
	}
	m->pa = pa;
	m->offset = pa & SOFTEE_FRAME_MASK;
	m->size = size;
	*out = m;
	return 0;
}

int mobj_phys_get(uint32_t vm_id, paddr_t pa, uint64_t size, struct mobj **out)
{
	struct mobj *m;
	int ret;

	if (!softee_pa_is_frame_aligned(pa) || !pa || size > SOFTEE_FRAME_SIZE ||
	    !ft_range_ok_vm(vm_id, pa, SOFTEE_FRAME_SIZE))
		return -EFAULT;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	ret = ft_resolve_vm(vm_id, pa, SOFTEE_FRAME_SIZE, &m->runs, &m->n_runs);
	if (ret) {
		free(m);
		return ret;
	}
	m->pa = pa;
	m->size = size;
	*out = m;
	return 0;
}

struct mobj_pl_ctx {
	uint32_t vm_id;
};

/* Both callbacks run with the frame table locked. */
static int mobj_pl_read_block(void *ctx, paddr_t pa,
			      uint64_t slots[PL_SLOTS_PER_BLOCK])
{
	const struct mobj_pl_ctx *c = ctx;
	struct ft_region *r;
	uint64_t frame;

	if (ft_lookup_locked(c->vm_id, pa, &r, &frame))
		return -EFAULT;
	memcpy(slots, r->map + frame * SOFTEE_FRAME_SIZE, SOFTEE_FRAME_SIZE);
	return 0;
}

static int mobj_pl_lookup(void *ctx, paddr_t pa, struct ft_region **r,
			  uint64_t *frame)
{
	const struct mobj_pl_ctx *c = ctx;

	return ft_lookup_locked(c->vm_id, pa, r, frame);
}

static void mobj_pl_prefetch(void *ctx, paddr_t pa)
{
	(void)ctx;
	ft_prefetch_locked(pa);
}

static const struct pl_ops mobj_pl_ops = {
	.read_block = mobj_pl_read_block,
	.lookup = mobj_pl_lookup,
	.prefetch = mobj_pl_prefetch,
};

int mobj_pagelist_runs(uint32_t vm_id, uint64_t buf_ptr, uint64_t size,
		       uint64_t max_bytes, struct ft_run **runs, size_t *n_runs,
		       uint64_t *offset)
{
	struct mobj_pl_ctx ctx = { .vm_id = vm_id };
	struct pl_result res;
	int rc;

	/* Locked throughout so no region can go between lookup and ref. */
	ft_lock();
	rc = pagelist_read(&mobj_pl_ops, &ctx, buf_ptr, size, max_bytes, &res);
	if (!rc)
		for (size_t i = 0; i < res.n_runs; i++)
			ft_get_locked(res.runs[i].r);
	ft_unlock();
	if (rc)
		return rc;
	atomic_fetch_add(&pl_entries, res.n_entries);
	*runs = res.runs;
	*n_runs = res.n_runs;
	*offset = res.offset;
	return 0;
}

int mobj_noncontig_get(uint32_t vm_id, uint64_t buf_ptr, uint64_t size,
		       struct mobj **out)
{
	struct mobj *m;
	int rc;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	rc = mobj_pagelist_runs(vm_id, buf_ptr, size, sw_cfg.max_reg_bytes,
				&m->runs, &m->n_runs, &m->offset);
	if (rc) {
		free(m);
		return rc;
	}
	m->size = size;
	m->noncontig = true;
	*out = m;
	return 0;
}

void mobj_put(struct mobj *m)
{
	if (!m)
		return;
	ft_runs_put(m->runs, m->n_runs);
	if (m->reg)
		shm_reg_release(m->reg);
	free(m);
}

int mobj_read(const struct mobj *m, uint64_t off, void *buf, size_t len)
{
	uint64_t end, pos;
	uint8_t *b = buf;

	if (ADD_OVERFLOW(off, (uint64_t)len, &end) || end > m->size)
		return -EINVAL;
	/* Position inside the concatenated runs. */
	pos = m->offset + off;
	for (size_t i = 0; i < m->n_runs && len; i++) {
		const struct ft_run *r = &m->runs[i];
		uint64_t rlen = r->nframes * SOFTEE_FRAME_SIZE;
		uint64_t chunk;

		if (pos >= rlen) {
			pos -= rlen;
			continue;
		}
		chunk = MIN((uint64_t)len, rlen - pos);
		memcpy(b, r->r->map + r->first_frame * SOFTEE_FRAME_SIZE + pos,
		       chunk);
		b += chunk;
		len -= chunk;
		pos = 0;
	}
	return len ? -EINVAL : 0;
}

/*
 * Handles of secure-owned regions have bit 63 set, apart from the frame
 * table's own counter, so a host never sees one name twice.
 */
#define MOBJ_SECMEM_HANDLE_BIT	SOFTEE_TA_SECURE_REGION_BIT
static atomic_uint_fast64_t secmem_next = 1;

int mobj_secmem_region_new(uint64_t nframes, struct ft_region **out)
{
	struct ft_region *r;
	uint64_t len;
	int fd;

	if (!nframes || nframes > FT_MAX_REGION_FRAMES ||
	    MUL_OVERFLOW(nframes, SOFTEE_FRAME_SIZE, &len))
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	/* Sealed against shrinking: a host holding the fd cannot SIGBUS us. */
	fd = softee_memfd("softee-ta2ta", len);
	if (fd < 0) {
		free(r);
		return fd;
	}
	r->map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r->map == MAP_FAILED) {
		int rc = -errno;

		close(fd);
		free(r);
		return rc;
	}
	r->fd = fd;
	r->nframes = nframes;
	r->handle = MOBJ_SECMEM_HANDLE_BIT | atomic_fetch_add(&secmem_next, 1);
	r->refs = 1;
	r->gone = true;
	*out = r;
	return 0;
}

int mobj_secmem_get(struct ft_region *r, uint64_t first_frame, uint64_t size,
		    struct mobj **out)
{
	uint64_t nframes, end;
	struct mobj *m;

	if (!size || !round_up_u64(size, SOFTEE_FRAME_SIZE, &nframes))
		return -EINVAL;
	nframes /= SOFTEE_FRAME_SIZE;
	if (ADD_OVERFLOW(first_frame, nframes, &end) || end > r->nframes)
		return -EINVAL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->runs = calloc(1, sizeof(*m->runs));
	if (!m->runs) {
		free(m);
		return -ENOMEM;
	}
	ft_get(r);
	m->runs[0] = (struct ft_run){ .r = r, .first_frame = first_frame,
				      .nframes = nframes };
	m->n_runs = 1;
	m->size = size;
	*out = m;
	return 0;
}
