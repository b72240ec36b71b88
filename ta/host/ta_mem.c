// SPDX-License-Identifier: BSD-2-Clause
/* Region bookkeeping and zero-copy, cached mapping of memrefs into the TA. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ta_mem.h"

static void ta_wcache_purge(struct ta_regions *r, uint64_t handle, bool all);

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
		ta_wcache_purge(r, handle, false);
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
	ta_wcache_purge(r, handle, false);
	close(reg->fd);
	*reg = r->v[--r->n];
	return 0;
}

void ta_regions_free(struct ta_regions *r)
{
	size_t i;

	ta_wcache_purge(r, 0, true);
	for (i = 0; i < r->n; i++)
		close(r->v[i].fd);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Unmap and free a cache entry already unlinked (or being freed). */
static void ta_wentry_free(struct ta_regions *r, struct ta_wentry *e)
{
	munmap(e->base, e->len);
	r->cache_bytes -= e->len;
	r->cache_n--;
	free(e->runs);
	free(e);
}

static bool ta_wentry_uses(const struct ta_wentry *e, uint64_t handle)
{
	for (uint32_t i = 0; i < e->n_runs; i++)
		if (e->runs[i].handle == handle)
			return true;
	return false;
}

/* Forget cached windows over handle (all when all is set). */
static void ta_wcache_purge(struct ta_regions *r, uint64_t handle, bool all)
{
	struct ta_wentry **pp = &r->cache;

	while (*pp) {
		struct ta_wentry *e = *pp;

		if (!all && !ta_wentry_uses(e, handle)) {
			pp = &e->next;
			continue;
		}
		*pp = e->next;
		if (e->busy) {
			/* Still in a running call's params: unmap at release. */
			e->dead = true;
			e->next = NULL;
			continue;
		}
		ta_wentry_free(r, e);
	}
}

/* Drop least recently used idle entries until len more bytes fit. */
static bool ta_wcache_make_room(struct ta_regions *r, size_t len)
{
	while (r->cache_n >= TA_WCACHE_MAX_ENTRIES ||
	       r->cache_bytes + len > TA_WCACHE_MAX_BYTES) {
		struct ta_wentry **pp, **victim = NULL;

		for (pp = &r->cache; *pp; pp = &(*pp)->next)
			if (!(*pp)->busy &&
			    (!victim || (*pp)->last_use < (*victim)->last_use))
				victim = pp;
		if (!victim)
			return false;
		{
			struct ta_wentry *e = *victim;

			*victim = e->next;
			ta_wentry_free(r, e);
		}
	}
	return true;
}

/*
 * A cached window holding the memref's runs: the same run list, or for a
 * single run any single-run entry of the same region containing it.
 * *delta = where the runs start inside the entry.
 */
static struct ta_wentry *ta_wcache_find(struct ta_regions *r,
					const struct ta_msg *m,
					const struct softee_ta_memref *mr,
					bool writable, size_t *delta)
{
	struct softee_ta_run run, want;

	if (mr->n_runs == 1)
		ta_msg_run(m, mr->first_run, &want);
	for (struct ta_wentry *e = r->cache; e; e = e->next) {
		uint32_t i;

		if (e->dead || (writable && !e->writable))
			continue;
		if (mr->n_runs == 1 && e->n_runs == 1) {
			const struct softee_ta_run *h = &e->runs[0];

			if (h->handle == want.handle &&
			    want.file_offset >= h->file_offset &&
			    want.file_offset + want.length <=
			    h->file_offset + h->length) {
				*delta = (size_t)(want.file_offset - h->file_offset);
				return e;
			}
			continue;
		}
		if (e->n_runs != mr->n_runs)
			continue;
		for (i = 0; i < mr->n_runs; i++) {
			ta_msg_run(m, mr->first_run + i, &run);
			if (memcmp(&run, &e->runs[i], sizeof(run)))
				break;
		}
		if (i == mr->n_runs) {
			*delta = 0;
			return e;
		}
	}
	return NULL;
}

/* Keep a freshly mapped window in the cache (it then owns the mapping). */
static void ta_wcache_add(struct ta_regions *r, const struct ta_msg *m,
			  const struct softee_ta_memref *mr, bool writable,
			  struct ta_window *w)
{
	struct ta_wentry *e;

	if (mr->n_runs > TA_WCACHE_MAX_RUNS || w->len > TA_WCACHE_MAX_BYTES ||
	    !ta_wcache_make_room(r, w->len))
		return;
	e = calloc(1, sizeof(*e));
	if (!e)
		return;
	e->runs = calloc(mr->n_runs, sizeof(*e->runs));
	if (!e->runs) {
		free(e);
		return;
	}
	for (uint32_t i = 0; i < mr->n_runs; i++)
		ta_msg_run(m, mr->first_run + i, &e->runs[i]);
	e->n_runs = mr->n_runs;
	e->writable = writable;
	e->base = w->base;
	e->len = w->len;
	e->busy = 1;
	e->last_use = ++r->tick;
	e->next = r->cache;
	r->cache = e;
	r->cache_n++;
	r->cache_bytes += e->len;
	w->owner = r;
	w->ent = e;
}

void ta_window_unmap(struct ta_window *w)
{
	struct ta_wentry *e = w->ent;

	if (e) {
		if (--e->busy == 0 && e->dead) {
			/* Purged while in use: it is no longer in the list. */
			ta_wentry_free(w->owner, e);
		}
	} else if (w->base) {
		munmap(w->base, w->len);
	}
	memset(w, 0, sizeof(*w));
}

/* Map every run back to back into a fresh reservation. */
static int ta_window_map_fresh(const struct ta_regions *r,
			       const struct ta_msg *m,
			       const struct softee_ta_memref *mr, uint64_t total,
			       int prot, struct ta_window *w)
{
	const struct ta_region *reg;
	struct softee_ta_run run;
	struct stat st;
	size_t off = 0;
	void *at;
	int rc;

	/* Reserve the whole window first so the runs land back to back. */
	at = mmap(NULL, (size_t)total, PROT_NONE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (at == MAP_FAILED)
		return -ENOMEM;
	w->base = at;
	w->len = (size_t)total;
	for (uint32_t i = 0; i < mr->n_runs; i++) {
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
	return 0;
err:
	ta_window_unmap(w);
	return rc;
}

int ta_window_map(struct ta_regions *r, const struct ta_msg *m,
		  unsigned int p, bool writable, struct ta_window *w,
		  void **buf)
{
	const struct softee_ta_memref *mr = &m->u.call.params[p].memref;
	int prot = PROT_READ | (writable ? PROT_WRITE : 0);
	uint64_t total = ta_msg_memref_len(m, p);
	struct ta_wentry *e;
	size_t delta;
	int rc;

	memset(w, 0, sizeof(*w));
	*buf = NULL;
	if (!mr->n_runs || !total || total > TA_MAX_WINDOW)
		return -EINVAL;
	e = ta_wcache_find(r, m, mr, writable, &delta);
	if (e) {
		r->hits++;
		e->busy++;
		e->last_use = ++r->tick;
		w->base = (char *)e->base + delta;
		w->len = (size_t)total;
		w->owner = r;
		w->ent = e;
		*buf = (char *)w->base + mr->offset;
		return 0;
	}
	r->misses++;
	rc = ta_window_map_fresh(r, m, mr, total, prot, w);
	if (rc)
		return rc;
	ta_wcache_add(r, m, mr, writable, w);
	*buf = (char *)w->base + mr->offset;
	return 0;
}
