/* SPDX-License-Identifier: BSD-2-Clause */
/* Memory objects of the static carve-out, resolved through the frame table. */
#include "mobj.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sw_config.h"
#include "util.h"

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
	m->size = size;
	*out = m;
	return 0;
}

void mobj_put(struct mobj *m)
{
	if (!m)
		return;
	ft_runs_put(m->runs, m->n_runs);
	free(m);
}

int mobj_read(const struct mobj *m, uint64_t off, void *buf, size_t len)
{
	uint64_t end, pos;
	uint8_t *b = buf;

	if (ADD_OVERFLOW(off, (uint64_t)len, &end) || end > m->size)
		return -EINVAL;
	/* Position inside the concatenated runs. */
	pos = (m->pa & SOFTEE_FRAME_MASK) + off;
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
