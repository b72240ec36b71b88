/* SPDX-License-Identifier: BSD-2-Clause */
/* The frame table: regions announced by normal worlds, indexed by PA. */
#define _GNU_SOURCE
#include "frame_table.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frame_hash.h"
#include "sw_config.h"
#include "util.h"

static struct {
	pthread_mutex_t lock;
	/*
	 * Every announced frame by PFN. Normal worlds hand out scattered
	 * pages, so regions have about as many extents as frames: a hash
	 * of frames is the index, with no sorting on announcement.
	 */
	struct frame_hash hash;
	struct ft_region *regions;
	uint64_t next_handle;
	uint64_t n_regions, n_frames;
} ft = { .lock = PTHREAD_MUTEX_INITIALIZER, .next_handle = 1 };

void ft_init(void)
{
	ft.next_handle = 1;
}

/* The frame at pa (frame aligned or not), or NULL. Table locked. */
static const struct frame_hash_slot *ft_frame(paddr_t pa)
{
	return frame_hash_get(&ft.hash, pa >> SOFTEE_FRAME_SHIFT);
}

/* The frames of a region in extent order, with a look-ahead for prefetch. */
struct ft_walk {
	const struct ft_region *r;
	uint32_t e;
	uint64_t k;
};

static bool ft_walk_next(struct ft_walk *w, uint64_t *pfn)
{
	while (w->e < w->r->n_ext) {
		const struct softee_pa_extent *x = &w->r->ext[w->e];

		if (w->k < x->nframes) {
			*pfn = (x->pa >> SOFTEE_FRAME_SHIFT) + w->k++;
			return true;
		}
		w->e++;
		w->k = 0;
	}
	return false;
}

#define FT_PREFETCH_AHEAD 8

/* Start a walk, with its look-ahead that many frames further on. */
static void ft_walk_start(const struct ft_region *r, struct ft_walk *w,
			  struct ft_walk *ahead)
{
	uint64_t pfn;

	*w = (struct ft_walk){ .r = r };
	*ahead = *w;
	for (int i = 0; i < FT_PREFETCH_AHEAD && ft_walk_next(ahead, &pfn); i++)
		frame_hash_prefetch(&ft.hash, pfn);
}

/* Remove the first n frames of r (in extent order). Table locked. */
static void ft_hash_remove_frames(struct ft_region *r, uint64_t n)
{
	struct ft_walk w, ahead;
	uint64_t pfn;

	ft_walk_start(r, &w, &ahead);
	for (; n && ft_walk_next(&w, &pfn); n--) {
		uint64_t next;

		if (ft_walk_next(&ahead, &next))
			frame_hash_prefetch(&ft.hash, next);
		frame_hash_del(&ft.hash, pfn);
	}
}

/*
 * Add every frame of r (extents already validated); a frame that is
 * already there (in another region, or twice in r) undoes the lot with
 * -EBUSY. Table locked.
 */
static int ft_hash_add_region(struct ft_region *r)
{
	struct ft_walk w, ahead;
	uint64_t frame = 0, pfn;
	int rc = frame_hash_reserve(&ft.hash, r->nframes);

	if (rc)
		return rc;
	ft_walk_start(r, &w, &ahead);
	while (ft_walk_next(&w, &pfn)) {
		uint64_t next;

		if (ft_walk_next(&ahead, &next))
			frame_hash_prefetch(&ft.hash, next);
		if (frame_hash_add(&ft.hash, pfn, r, frame)) {
			ft_hash_remove_frames(r, frame);
			return -EBUSY;
		}
		frame++;
	}
	return 0;
}

static void ft_hash_remove_region(struct ft_region *r)
{
	ft_hash_remove_frames(r, r->nframes);
}

/* The sender's PA space: the carve-out window or normal-world DDR. */
static bool ft_pa_allowed(paddr_t pa, uint64_t len)
{
	uint64_t end;

	if (ADD_OVERFLOW(pa, len, &end))
		return false;
	if (sw_cfg.reserved_shm && sw_pa_in_carveout(pa, len))
		return true;
	return pa >= SOFTEE_DDR_BASE && end <= SOFTEE_DDR_BASE + SOFTEE_DDR_SIZE;
}

static int ft_check_fd(int fd, uint64_t file_offset, uint64_t nframes)
{
	struct stat st;
	uint64_t len, end;
	int seals;

	seals = fcntl(fd, F_GET_SEALS);
	if (seals < 0 || !(seals & F_SEAL_SHRINK))
		return -EPERM;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return -EINVAL;
	if (!softee_pa_is_frame_aligned(file_offset))
		return -EINVAL;
	if (MUL_OVERFLOW(nframes, SOFTEE_FRAME_SIZE, &len) ||
	    ADD_OVERFLOW(file_offset, len, &end) || end > (uint64_t)st.st_size)
		return -EINVAL;
	return 0;
}

/* Check the extents: alignment, the sender's window, the frame sum. */
static int ft_check_extents(const struct ft_region *r, uint64_t nframes)
{
	uint64_t sum = 0;

	if (!r->n_ext)
		return -EINVAL;
	for (uint32_t i = 0; i < r->n_ext; i++) {
		const struct softee_pa_extent *e = &r->ext[i];

		if (!e->nframes || e->nframes > FT_MAX_REGION_FRAMES ||
		    !softee_pa_is_frame_aligned(e->pa) || !e->pa)
			return -EINVAL;
		if (!ft_pa_allowed(e->pa, e->nframes * SOFTEE_FRAME_SIZE))
			return -EFAULT;
		sum += e->nframes;	/* each <= 2^22: cannot overflow */
	}
	return sum == nframes ? 0 : -EINVAL;
}

static struct ft_region *ft_lookup_id(uint32_t vm_id, uint64_t region_id)
{
	for (struct ft_region *r = ft.regions; r; r = r->next)
		if (r->vm_id == vm_id && r->region_id == region_id)
			return r;
	return NULL;
}

int ft_region_add(uint32_t vm_id, uint64_t region_id, int fd,
		  uint64_t file_offset, uint64_t nframes,
		  const struct softee_pa_extent *ext, uint32_t n_ext)
{
	struct ft_region *r;
	int ret;

	if (!nframes || nframes > FT_MAX_REGION_FRAMES || !n_ext ||
	    n_ext > FT_MAX_REGION_FRAMES)
		return -EINVAL;
	ret = ft_check_fd(fd, file_offset, nframes);
	if (ret)
		return ret;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->ext = malloc(n_ext * sizeof(*ext));
	if (!r->ext) {
		ret = -ENOMEM;
		goto err_free;
	}
	memcpy(r->ext, ext, n_ext * sizeof(*ext));
	r->n_ext = n_ext;
	ret = ft_check_extents(r, nframes);
	if (ret)
		goto err_free;
	r->map = mmap(NULL, nframes * SOFTEE_FRAME_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED, fd, (off_t)file_offset);
	if (r->map == MAP_FAILED) {
		ret = -errno;
		goto err_free;
	}
	r->fd = fd;
	r->vm_id = vm_id;
	r->region_id = region_id;
	r->nframes = nframes;
	r->file_offset = file_offset;
	r->refs = 1;	/* the table's */

	pthread_mutex_lock(&ft.lock);
	if (ft_lookup_id(vm_id, region_id)) {
		ret = -EEXIST;
		goto err_unlock;
	}
	ret = ft_hash_add_region(r);
	if (ret)
		goto err_unlock;
	r->handle = ft.next_handle++;
	r->next = ft.regions;
	ft.regions = r;
	ft.n_regions++;
	ft.n_frames += nframes;
	pthread_mutex_unlock(&ft.lock);
	return 0;

err_unlock:
	pthread_mutex_unlock(&ft.lock);
	munmap(r->map, nframes * SOFTEE_FRAME_SIZE);
err_free:
	free(r->ext);
	free(r);
	return ret;
}

static void ft_destroy(struct ft_region *r)
{
	munmap(r->map, r->nframes * SOFTEE_FRAME_SIZE);
	close(r->fd);
	free(r->ext);
	free(r);
}

/* Unlink a live region from table and index. Table locked. */
static bool ft_unlink(struct ft_region *r)
{
	struct ft_region **pp;

	for (pp = &ft.regions; *pp; pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			ft_hash_remove_region(r);
			r->gone = true;
			ft.n_regions--;
			ft.n_frames -= r->nframes;
			return --r->refs == 0;
		}
	}
	return false;
}

int ft_region_del(uint32_t vm_id, uint64_t region_id)
{
	struct ft_region *r;
	bool last;

	pthread_mutex_lock(&ft.lock);
	r = ft_lookup_id(vm_id, region_id);
	if (!r) {
		pthread_mutex_unlock(&ft.lock);
		return -ENOENT;
	}
	last = ft_unlink(r);
	pthread_mutex_unlock(&ft.lock);
	if (last)
		ft_destroy(r);
	return 0;
}

void ft_drop_vm(uint32_t vm_id)
{
	struct ft_region *r;

	for (;;) {
		bool last = false;

		pthread_mutex_lock(&ft.lock);
		for (r = ft.regions; r; r = r->next)
			if (r->vm_id == vm_id)
				break;
		if (r)
			last = ft_unlink(r);
		pthread_mutex_unlock(&ft.lock);
		if (!r)
			return;
		if (last)
			ft_destroy(r);
	}
}

void ft_fini(void)
{
	struct ft_region *r;

	pthread_mutex_lock(&ft.lock);
	while ((r = ft.regions)) {
		bool last = ft_unlink(r);

		if (last)
			ft_destroy(r);
	}
	frame_hash_free(&ft.hash);
	pthread_mutex_unlock(&ft.lock);
}

void ft_get(struct ft_region *r)
{
	pthread_mutex_lock(&ft.lock);
	r->refs++;
	pthread_mutex_unlock(&ft.lock);
}

void ft_put(struct ft_region *r)
{
	bool last;

	if (!r)
		return;
	pthread_mutex_lock(&ft.lock);
	last = --r->refs == 0;
	pthread_mutex_unlock(&ft.lock);
	if (last)
		ft_destroy(r);
}

bool ft_region_gone(struct ft_region *r)
{
	bool g;

	pthread_mutex_lock(&ft.lock);
	g = r->gone;
	pthread_mutex_unlock(&ft.lock);
	return g;
}

/* Frame range [first, first + n) of pa..len; false on overflow or len huge. */
static bool ft_span(paddr_t pa, uint64_t len, paddr_t *first, uint64_t *n)
{
	uint64_t end;

	if (!len)
		len = 1;
	if (ADD_OVERFLOW(pa, len, &end) ||
	    !round_up_u64(end, SOFTEE_FRAME_SIZE, &end))
		return false;
	*first = pa & ~SOFTEE_FRAME_MASK;
	*n = (end - *first) / SOFTEE_FRAME_SIZE;
	return true;
}

void ft_runs_put(struct ft_run *runs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ft_put(runs[i].r);
	free(runs);
}

/* vm_id FT_ANY_VM: any region; else only regions announced for vm_id. */
#define FT_ANY_VM	UINT64_MAX

static int ft_resolve_in(uint64_t vm_id, paddr_t pa, uint64_t len,
			 struct ft_run **runs_out, size_t *n_out)
{
	struct ft_run *runs = NULL;
	size_t n = 0, cap = 0;
	paddr_t cur;
	uint64_t left;
	int ret = 0;

	if (!ft_span(pa, len, &cur, &left))
		return -EFAULT;
	pthread_mutex_lock(&ft.lock);
	for (; left; left--, cur += SOFTEE_FRAME_SIZE) {
		const struct frame_hash_slot *f = ft_frame(cur);

		if (!f || (vm_id != FT_ANY_VM && f->r->vm_id != vm_id)) {
			ret = -EFAULT;
			break;
		}
		if (n && runs[n - 1].r == f->r &&
		    runs[n - 1].first_frame + runs[n - 1].nframes == f->frame) {
			runs[n - 1].nframes++;
			continue;
		}
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 4;
			struct ft_run *t = realloc(runs, nc * sizeof(*t));

			if (!t) {
				ret = -ENOMEM;
				break;
			}
			runs = t;
			cap = nc;
		}
		runs[n++] = (struct ft_run){ .r = f->r, .first_frame = f->frame,
					     .nframes = 1 };
		f->r->refs++;
	}
	pthread_mutex_unlock(&ft.lock);
	if (ret) {
		ft_runs_put(runs, n);
		return ret;
	}
	*runs_out = runs;
	*n_out = n;
	return 0;
}

int ft_resolve(paddr_t pa, uint64_t len, struct ft_run **runs, size_t *n)
{
	return ft_resolve_in(FT_ANY_VM, pa, len, runs, n);
}

int ft_resolve_vm(uint32_t vm_id, paddr_t pa, uint64_t len,
		  struct ft_run **runs, size_t *n)
{
	return ft_resolve_in(vm_id, pa, len, runs, n);
}

bool ft_range_ok(paddr_t pa, uint64_t len)
{
	paddr_t cur;
	uint64_t left;
	bool ok = true;

	if (!ft_span(pa, len, &cur, &left))
		return false;
	pthread_mutex_lock(&ft.lock);
	for (; left && ok; left--, cur += SOFTEE_FRAME_SIZE)
		ok = ft_frame(cur) != NULL;
	pthread_mutex_unlock(&ft.lock);
	return ok;
}

/* Copy through our mappings, frame by frame, under the table lock. */
static int ft_copy(uint64_t vm_id, paddr_t pa, void *buf, size_t len,
		   bool to_mem)
{
	uint8_t *b = buf;
	int ret = 0;
	uint64_t end;

	if (ADD_OVERFLOW(pa, (uint64_t)len, &end))
		return -EFAULT;
	pthread_mutex_lock(&ft.lock);
	while (len) {
		const struct frame_hash_slot *f = ft_frame(pa);
		uint64_t chunk;
		uint8_t *p;

		if (!f || (vm_id != FT_ANY_VM && f->r->vm_id != vm_id)) {
			ret = -EFAULT;
			break;
		}
		chunk = MIN((uint64_t)len, SOFTEE_FRAME_SIZE - (pa & SOFTEE_FRAME_MASK));
		p = f->r->map + f->frame * SOFTEE_FRAME_SIZE + (pa & SOFTEE_FRAME_MASK);
		if (to_mem)
			memcpy(p, b, chunk);
		else
			memcpy(b, p, chunk);
		b += chunk;
		pa += chunk;
		len -= chunk;
	}
	pthread_mutex_unlock(&ft.lock);
	return ret;
}

int ft_copy_from(paddr_t pa, void *buf, size_t len)
{
	return ft_copy(FT_ANY_VM, pa, buf, len, false);
}

int ft_copy_to(paddr_t pa, const void *buf, size_t len)
{
	return ft_copy(FT_ANY_VM, pa, (void *)buf, len, true);
}

int ft_copy_from_vm(uint32_t vm_id, paddr_t pa, void *buf, size_t len)
{
	return ft_copy(vm_id, pa, buf, len, false);
}

int ft_copy_to_vm(uint32_t vm_id, paddr_t pa, const void *buf, size_t len)
{
	return ft_copy(vm_id, pa, (void *)buf, len, true);
}

void ft_vm_stats(uint32_t vm_id, uint64_t *regions, uint64_t *frames)
{
	uint64_t n = 0, f = 0;

	pthread_mutex_lock(&ft.lock);
	for (const struct ft_region *r = ft.regions; r; r = r->next) {
		if (r->vm_id != vm_id)
			continue;
		n++;
		f += r->nframes;
	}
	pthread_mutex_unlock(&ft.lock);
	*regions = n;
	*frames = f;
}

void ft_stats(uint64_t *regions, uint64_t *frames)
{
	pthread_mutex_lock(&ft.lock);
	*regions = ft.n_regions;
	*frames = ft.n_frames;
	pthread_mutex_unlock(&ft.lock);
}

void ft_lock(void)
{
	pthread_mutex_lock(&ft.lock);
}

void ft_unlock(void)
{
	pthread_mutex_unlock(&ft.lock);
}

void ft_prefetch_locked(paddr_t pa)
{
	frame_hash_prefetch(&ft.hash, pa >> SOFTEE_FRAME_SHIFT);
}

int ft_lookup_locked(uint32_t vm_id, paddr_t pa, struct ft_region **r,
		     uint64_t *frame)
{
	const struct frame_hash_slot *h = frame_hash_get(&ft.hash,
						pa >> SOFTEE_FRAME_SHIFT);

	if (!h || h->r->vm_id != vm_id || !softee_pa_is_frame_aligned(pa))
		return -EFAULT;
	*r = h->r;
	*frame = h->frame;
	return 0;
}

void ft_get_locked(struct ft_region *r)
{
	r->refs++;
}

bool ft_range_ok_vm(uint32_t vm_id, paddr_t pa, uint64_t len)
{
	paddr_t cur;
	uint64_t left;
	bool ok = true;

	if (!ft_span(pa, len, &cur, &left))
		return false;
	pthread_mutex_lock(&ft.lock);
	for (; left && ok; left--, cur += SOFTEE_FRAME_SIZE) {
		const struct frame_hash_slot *f = ft_frame(cur);

		ok = f && f->r->vm_id == vm_id;
	}
	pthread_mutex_unlock(&ft.lock);
	return ok;
}

void ft_host_get(struct ft_region *r)
{
	pthread_mutex_lock(&ft.lock);
	r->refs++;
	r->host_refs++;
	pthread_mutex_unlock(&ft.lock);
}

void ft_host_put(struct ft_region *r)
{
	pthread_mutex_lock(&ft.lock);
	r->host_refs--;
	pthread_mutex_unlock(&ft.lock);
	ft_put(r);
}

bool ft_region_dropped(struct ft_region *r)
{
	bool d;

	pthread_mutex_lock(&ft.lock);
	d = r->gone && r->refs == r->host_refs;
	pthread_mutex_unlock(&ft.lock);
	return d;
}
