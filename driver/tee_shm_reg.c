// SPDX-License-Identifier: BSD-2-Clause
/* TEE_IOC_SHM_REGISTER requests: validate the client's segments against the registration granule and its memfds. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "softee_dev.h"
#include "tee_drv.h"
#include "util.h"

void tee_shm_reg_fdinfo(const int *fds, int nfds, struct tee_reg_fdinfo *fdi)
{
	int i;

	for (i = 0; i < nfds; i++) {
		struct stat st;
		int seals;

		memset(&fdi[i], 0, sizeof(fdi[i]));
		if (fstat(fds[i], &st) || !S_ISREG(st.st_mode) || st.st_size < 0)
			continue;
		/* Without F_SEAL_SHRINK the client could cut pages away. */
		seals = fcntl(fds[i], F_GET_SEALS);
		if (seals < 0 || !(seals & F_SEAL_SHRINK))
			continue;
		fdi[i].size = (uint64_t)st.st_size;
		fdi[i].ok = true;
	}
}

int tee_shm_reg_check(const void *buf, size_t len, uint64_t granule,
		      uint64_t max_bytes, const struct tee_reg_fdinfo *fdi,
		      int nfds, struct tee_reg_plan *plan)
{
	const uint8_t *p = buf;
	struct tee_ioctl_shm_register_data d;
	struct softee_dev_reg_hdr h;
	uint64_t end, rend, cur;
	uint32_t i;

	if (!buf || len < sizeof(d) + sizeof(h) || !granule ||
	    (granule & (granule - 1)) || granule < SOFTEE_FRAME_SIZE)
		return -EINVAL;
	memcpy(&d, p, sizeof(d));
	memcpy(&h, p + sizeof(d), sizeof(h));
	if (d.flags || !d.length || h.reserved || !h.n_segs ||
	    h.n_segs > SOFTEE_DEV_MAX_REG_SEGS ||
	    len != sizeof(d) + sizeof(h) +
		   (size_t)h.n_segs * sizeof(struct softee_dev_reg_seg))
		return -EINVAL;
	if (ADD_OVERFLOW(d.addr, d.length, &end) ||
	    !round_up_u64(end, granule, &rend))
		return -EINVAL;
	if (d.length > max_bytes)
		return -ENOMEM;
	memset(plan, 0, sizeof(*plan));
	plan->start = d.addr & ~(granule - 1);
	plan->page_off = d.addr - plan->start;
	plan->nframes = (rend - plan->start) >> SOFTEE_FRAME_SHIFT;
	cur = plan->start;
	for (i = 0; i < h.n_segs; i++) {
		struct softee_dev_reg_seg s;
		struct tee_reg_run *prev;
		uint64_t fend, send;

		memcpy(&s, p + sizeof(d) + sizeof(h) + i * sizeof(s), sizeof(s));
		/* Back to back, in order, whole frames, no gaps or overlaps. */
		if (s.va != cur || !s.len || (s.len & SOFTEE_FRAME_MASK) ||
		    ADD_OVERFLOW(s.va, s.len, &send) || send > rend)
			return -EINVAL;
		if (s.kind != SOFTEE_DEV_REG_SEG_PINNED &&
		    s.kind != SOFTEE_DEV_REG_SEG_BOUNCE)
			return -EINVAL;
		if (s.fd_index >= (uint32_t)nfds || !fdi[s.fd_index].ok ||
		    (s.fd_offset & SOFTEE_FRAME_MASK) ||
		    ADD_OVERFLOW(s.fd_offset, s.len, &fend) ||
		    fend > fdi[s.fd_index].size)
			return -EINVAL;
		/* Runs of one file at consecutive offsets become one region. */
		prev = plan->nruns ? &plan->runs[plan->nruns - 1] : NULL;
		if (prev && prev->fd_index == s.fd_index &&
		    prev->fd_offset + (prev->nframes << SOFTEE_FRAME_SHIFT) ==
		    s.fd_offset) {
			prev->nframes += s.len >> SOFTEE_FRAME_SHIFT;
		} else {
			struct tee_reg_run *r = &plan->runs[plan->nruns++];

			r->fd_index = s.fd_index;
			r->fd_offset = s.fd_offset;
			r->first_frame = (s.va - plan->start) >> SOFTEE_FRAME_SHIFT;
			r->nframes = s.len >> SOFTEE_FRAME_SHIFT;
		}
		cur = send;
	}
	return cur == rend ? 0 : -EINVAL;
}
