/* SPDX-License-Identifier: BSD-2-Clause */
/* Memory objects resolved through the frame table (carve-out, phys, page lists). */
#include "mobj.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "pagelist.h"
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
	ret = ft_resolve(pa, SOFTEE_FRAME_SIZE, &m->runs, &m->n_runs);
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

static const struct pl_ops mobj_pl_ops = {
	.read_block = mobj_pl_read_block,
	.lookup = mobj_pl_lookup,
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
