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

/* One PA extent in the index, sorted by pa. */
struct ft_ext {
	paddr_t pa;
	uint64_t nframes;
	struct ft_region *r;
	uint64_t first_frame;
};

static struct {
	pthread_mutex_t lock;
	struct ft_ext *idx;
	size_t n_idx, cap_idx;
	/*
	 * Per-frame index for the page-list reader, which resolves one
	 * frame at a time: with scattered PAs the extent index has as many
	 * entries as frames, so a hash beats the binary search there.
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

/* First index entry whose end is above pa (binary search). */
static size_t ft_lower(paddr_t pa)
{
	size_t lo = 0, hi = ft.n_idx;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ft_ext *e = &ft.idx[mid];

		if (e->pa + e->nframes * SOFTEE_FRAME_SIZE <= pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The extent holding pa, or NULL. Table locked. */
static const struct ft_ext *ft_find(paddr_t pa)
{
	size_t i = ft_lower(pa);

	if (i < ft.n_idx && ft.idx[i].pa <= pa)
		return &ft.idx[i];
	return NULL;
}

/* Add every frame of r (its extents already validated). Table locked. */
static int ft_hash_add_region(struct ft_region *r)
{
	uint64_t frame = 0;
	int rc = frame_hash_reserve(&ft.hash, r->nframes);

	if (rc)
		return rc;
	for (uint32_t e = 0; e < r->n_ext; e++) {
		uint64_t pfn = r->ext[e].pa >> SOFTEE_FRAME_SHIFT;

		for (uint64_t k = 0; k < r->ext[e].nframes; k++)
			frame_hash_put(&ft.hash, pfn + k, r, frame++);
	}
	return 0;
}

static void ft_hash_remove_region(struct ft_region *r)
{
	for (uint32_t e = 0; e < r->n_ext; e++) {
		uint64_t pfn = r->ext[e].pa >> SOFTEE_FRAME_SHIFT;

		for (uint64_t k = 0; k < r->ext[e].nframes; k++)
			frame_hash_del(&ft.hash, pfn + k);
	}
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

static int ft_cmp_idx(const void *a, const void *b)
{
	const struct ft_ext *x = a, *y = b;

	return x->pa < y->pa ? -1 : x->pa > y->pa;
}

/*
 * Check the extents (alignment, window, sum) and build r's index entries
 * sorted by PA, refusing extents that overlap each other. *out is
 * malloc'd. The sort is skipped when the sender already sorted them.
 */
static int ft_build_extents(struct ft_region *r, uint64_t nframes,
			    struct ft_ext **out)
{
	struct ft_ext *add;
	uint64_t sum = 0;
	bool sorted = true;

	if (!r->n_ext)
		return -EINVAL;
	add = malloc(r->n_ext * sizeof(*add));
	if (!add)
		return -ENOMEM;
	for (uint32_t i = 0; i < r->n_ext; i++) {
		const struct softee_pa_extent *e = &r->ext[i];

		if (!e->nframes || e->nframes > FT_MAX_REGION_FRAMES ||
		    !softee_pa_is_frame_aligned(e->pa) || !e->pa) {
			free(add);
			return -EINVAL;
		}
		if (!ft_pa_allowed(e->pa, e->nframes * SOFTEE_FRAME_SIZE)) {
			free(add);
			return -EFAULT;
		}
		add[i] = (struct ft_ext){ .pa = e->pa, .nframes = e->nframes,
					  .r = r, .first_frame = sum };
		sum += e->nframes;	/* each <= 2^22: cannot overflow */
		if (i && add[i - 1].pa > add[i].pa)
			sorted = false;
	}
	if (sum != nframes) {
		free(add);
		return -EINVAL;
	}
	if (!sorted)
		qsort(add, r->n_ext, sizeof(*add), ft_cmp_idx);
	for (uint32_t i = 1; i < r->n_ext; i++) {
		if (add[i - 1].pa + add[i - 1].nframes * SOFTEE_FRAME_SIZE >
		    add[i].pa) {
			free(add);
			return -EBUSY;
		}
	}
	*out = add;
	return 0;
}

/* Does any frame of r already belong to a region? Table locked. */
static bool ft_region_overlaps(const struct ft_region *r)
{
	for (uint32_t e = 0; e < r->n_ext; e++) {
		uint64_t pfn = r->ext[e].pa >> SOFTEE_FRAME_SHIFT;

		for (uint64_t k = 0; k < r->ext[e].nframes; k++)
			if (frame_hash_get(&ft.hash, pfn + k))
				return true;
	}
	return false;
}

/* Merge r's sorted entries into the index in one pass. Table locked. */
static int ft_index_insert(const struct ft_ext *add, size_t n_add)
{
	size_t need = ft.n_idx + n_add, i, j, k;

	if (need > ft.cap_idx) {
		size_t cap = MAX(need, ft.cap_idx * 2 + 64);
		struct ft_ext *n = realloc(ft.idx, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		ft.idx = n;
		ft.cap_idx = cap;
	}
	/* Merge from the back so nothing is overwritten before it moves. */
	i = ft.n_idx;
	j = n_add;
	k = need;
	while (j > 0) {
		if (i > 0 && ft.idx[i - 1].pa > add[j - 1].pa)
			ft.idx[--k] = ft.idx[--i];
		else
			ft.idx[--k] = add[--j];
	}
	ft.n_idx = need;
	return 0;
}

static void ft_index_remove(struct ft_region *r)
{
	size_t o = 0;

	for (size_t i = 0; i < ft.n_idx; i++)
		if (ft.idx[i].r != r)
			ft.idx[o++] = ft.idx[i];
	ft.n_idx = o;
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
	struct ft_ext *add = NULL;
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
	ret = ft_build_extents(r, nframes, &add);
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
	if (ft_region_overlaps(r)) {
		ret = -EBUSY;
		goto err_unlock;
	}
	ret = ft_hash_add_region(r);
	if (ret)
		goto err_unlock;
	ret = ft_index_insert(add, n_ext);
	if (ret) {
		ft_hash_remove_region(r);
		goto err_unlock;
	}
	r->handle = ft.next_handle++;
	r->next = ft.regions;
	ft.regions = r;
	ft.n_regions++;
	ft.n_frames += nframes;
	pthread_mutex_unlock(&ft.lock);
	free(add);
	return 0;

err_unlock:
	pthread_mutex_unlock(&ft.lock);
	munmap(r->map, nframes * SOFTEE_FRAME_SIZE);
err_free:
	free(add);
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
			ft_index_remove(r);
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
	free(ft.idx);
	ft.idx = NULL;
	ft.n_idx = ft.cap_idx = 0;
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
	while (left) {
		const struct ft_ext *e = ft_find(cur);
		uint64_t in_ext, frame, take;

		if (!e || (vm_id != FT_ANY_VM && e->r->vm_id != vm_id)) {
			ret = -EFAULT;
			break;
		}
		in_ext = (cur - e->pa) / SOFTEE_FRAME_SIZE;
		frame = e->first_frame + in_ext;
		take = MIN(left, e->nframes - in_ext);
		if (n && runs[n - 1].r == e->r &&
		    runs[n - 1].first_frame + runs[n - 1].nframes == frame) {
			runs[n - 1].nframes += take;
		} else {
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
			runs[n++] = (struct ft_run){ .r = e->r,
				.first_frame = frame, .nframes = take };
			e->r->refs++;
		}
		cur += take * SOFTEE_FRAME_SIZE;
		left -= take;
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
	while (left) {
		const struct ft_ext *e = ft_find(cur);
		uint64_t take;

		if (!e) {
			ok = false;
			break;
		}
		take = MIN(left, e->nframes - (cur - e->pa) / SOFTEE_FRAME_SIZE);
		cur += take * SOFTEE_FRAME_SIZE;
		left -= take;
	}
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
		const struct ft_ext *e = ft_find(pa);
		uint64_t off, frame, chunk;
		uint8_t *p;

		if (!e || (vm_id != FT_ANY_VM && e->r->vm_id != vm_id)) {
			ret = -EFAULT;
			break;
		}
		off = pa - e->pa;
		frame = e->first_frame + off / SOFTEE_FRAME_SIZE;
		chunk = MIN((uint64_t)len, SOFTEE_FRAME_SIZE - (pa & SOFTEE_FRAME_MASK));
		p = e->r->map + frame * SOFTEE_FRAME_SIZE + (pa & SOFTEE_FRAME_MASK);
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
	while (left) {
		const struct ft_ext *e = ft_find(cur);
		uint64_t take;

		if (!e || e->r->vm_id != vm_id) {
			ok = false;
			break;
		}
		take = MIN(left, e->nframes - (cur - e->pa) / SOFTEE_FRAME_SIZE);
		cur += take * SOFTEE_FRAME_SIZE;
		left -= take;
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
