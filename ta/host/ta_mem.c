// SPDX-License-Identifier: BSD-2-Clause
/* Region bookkeeping and zero-copy mapping of memrefs into the TA. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ta_mem.h"

static struct ta_region *ta_regions_lookup(const struct ta_regions *r,
					   uint64_t handle)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].handle == handle)
			return &r->v[i];
	return NULL;
}

const struct ta_region *ta_regions_find(const struct ta_regions *r,
					uint64_t handle)
{
	return ta_regions_lookup(r, handle);
}

int ta_regions_give(struct ta_regions *r, uint64_t handle, int fd)
{
	struct ta_region *reg;
	struct stat st;
	size_t ncap;
	void *nv;

	if (fstat(fd, &st) || st.st_size < 0)
		return -EBADF;
	reg = ta_regions_lookup(r, handle);
	if (reg) {
		/* A handle reused without DROP: the newer fd wins. */
		close(reg->fd);
		reg->fd = fd;
		reg->size = (uint64_t)st.st_size;
		return 0;
	}
	if (r->n >= TA_MAX_REGIONS)
		return -ENOSPC;
	if (r->n == r->cap) {
		ncap = r->cap ? r->cap * 2 : 16;
		nv = realloc(r->v, ncap * sizeof(*r->v));
		if (!nv)
			return -ENOMEM;
		r->v = nv;
		r->cap = ncap;
	}
	r->v[r->n].handle = handle;
	r->v[r->n].fd = fd;
	r->v[r->n].size = (uint64_t)st.st_size;
	r->n++;
	return 0;
}

int ta_regions_drop(struct ta_regions *r, uint64_t handle)
{
	struct ta_region *reg = ta_regions_lookup(r, handle);

	if (!reg)
		return -ENOENT;
	close(reg->fd);
	*reg = r->v[--r->n];
	return 0;
}

void ta_regions_free(struct ta_regions *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		close(r->v[i].fd);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

void ta_window_unmap(struct ta_window *w)
{
	if (w->base)
		munmap(w->base, w->len);
	w->base = NULL;
	w->len = 0;
}

int ta_window_map(const struct ta_regions *r, const struct ta_msg *m,
		  unsigned int p, bool writable, struct ta_window *w,
		  void **buf)
{
	const struct softee_ta_memref *mr = &m->u.call.params[p].memref;
	int prot = PROT_READ | (writable ? PROT_WRITE : 0);
	const struct ta_region *reg;
	struct softee_ta_run run;
	struct stat st;
	uint64_t total = ta_msg_memref_len(m, p);
	size_t off = 0;
	uint32_t i;
	void *at;
	int rc;

	w->base = NULL;
	w->len = 0;
	*buf = NULL;
	if (!mr->n_runs || !total || total > TA_MAX_WINDOW)
		return -EINVAL;
	/* Reserve the whole window first so the runs land back to back. */
	at = mmap(NULL, (size_t)total, PROT_NONE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (at == MAP_FAILED)
		return -ENOMEM;
	w->base = at;
	w->len = (size_t)total;
	for (i = 0; i < mr->n_runs; i++) {
		ta_msg_run(m, mr->first_run + i, &run);
		reg = ta_regions_find(r, run.handle);
		if (!reg) {
			rc = -ENOENT;
			goto err;
		}
		/* Past the memfd's end an access would SIGBUS: refuse now. */
		if (fstat(reg->fd, &st) || st.st_size < 0 ||
		    run.file_offset + run.length > (uint64_t)st.st_size) {
			rc = -ERANGE;
			goto err;
		}
		if (mmap((char *)w->base + off, (size_t)run.length, prot,
			 MAP_SHARED | MAP_FIXED, reg->fd,
			 (off_t)run.file_offset) == MAP_FAILED) {
			rc = -errno;
			goto err;
		}
		off += (size_t)run.length;
	}
	*buf = (char *)w->base + mr->offset;
	return 0;
err:
	ta_window_unmap(w);
	return rc;
}
