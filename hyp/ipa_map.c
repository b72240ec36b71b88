/* SPDX-License-Identifier: BSD-2-Clause */
/* Guest regions: validation, host frames, IPA <-> host lookups, access. */
#define _GNU_SOURCE
#include "ipa_map.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "host_frames.h"
#include "util.h"

int ipa_init(struct ipa_space *s)
{
	memset(s, 0, sizeof(*s));
	return -pthread_rwlock_init(&s->lock, NULL);
}

void ipa_region_free(struct ipa_region *r)
{
	if (!r)
		return;
	if (r->host)
		hf_free(r->host, r->nframes);
	if (r->map)
		munmap(r->map, r->nframes * SOFTEE_FRAME_SIZE);
	free(r->ipa);
	free(r->host);
	free(r);
}

void ipa_fini(struct ipa_space *s)
{
	struct ipa_region *r = s->regions;

	while (r) {
		struct ipa_region *n = r->next;

		ipa_region_free(r);
		r = n;
	}
	s->regions = NULL;
	pfn_hash_free(&s->by_ipa);
	pfn_hash_free(&s->by_host);
	pthread_rwlock_destroy(&s->lock);
}

/* The memfd must stay as large as announced (else we could SIGBUS). */
static int ipa_check_fd(int fd, uint64_t file_offset, uint64_t nframes)
{
	struct stat st;
	uint64_t len, end;
	int seals = fcntl(fd, F_GET_SEALS);

	if (seals < 0 || !(seals & F_SEAL_SHRINK))
		return -EPERM;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return -EINVAL;
	if (file_offset & SOFTEE_FRAME_MASK ||
	    MUL_OVERFLOW(nframes, SOFTEE_FRAME_SIZE, &len) ||
	    ADD_OVERFLOW(file_offset, len, &end) || end > (uint64_t)st.st_size)
		return -EINVAL;
	return 0;
}

/* Expand the extents into one guest PA per frame, checking each. */
static int ipa_expand(struct ipa_region *r, const struct softee_pa_extent *ext,
		      uint32_t n_ext)
{
	uint64_t k = 0;

	for (uint32_t e = 0; e < n_ext; e++) {
		uint64_t end;

		if (!ext[e].nframes || ext[e].nframes > r->nframes - k ||
		    !ext[e].pa || !softee_pa_is_frame_aligned(ext[e].pa))
			return -EINVAL;
		/* A guest's IPA space is the DDR window; no carve-out. */
		if (ext[e].pa < SOFTEE_DDR_BASE ||
		    ADD_OVERFLOW(ext[e].pa, ext[e].nframes * SOFTEE_FRAME_SIZE,
				 &end) ||
		    end > SOFTEE_DDR_BASE + SOFTEE_DDR_SIZE)
			return -EFAULT;
		for (uint64_t i = 0; i < ext[e].nframes; i++)
			r->ipa[k++] = ext[e].pa + i * SOFTEE_FRAME_SIZE;
	}
	return k == r->nframes ? 0 : -EINVAL;
}

/* Insert r into both maps; no frame may be known already. Locked. */
static int ipa_insert(struct ipa_space *s, struct ipa_region *r)
{
	uint64_t k;
	int rc;

	rc = pfn_hash_reserve(&s->by_ipa, r->nframes);
	if (!rc)
		rc = pfn_hash_reserve(&s->by_host, r->nframes);
	if (rc)
		return rc;
	for (k = 0; k < r->nframes; k++) {
		uint64_t pfn = r->ipa[k] >> SOFTEE_FRAME_SHIFT;

		if (pfn_hash_get(&s->by_ipa, pfn))
			break;
		pfn_hash_put(&s->by_ipa, pfn, r, k);
	}
	if (k < r->nframes) {
		/* Overlap (also within the region itself): undo. */
		while (k--)
			pfn_hash_del(&s->by_ipa, r->ipa[k] >> SOFTEE_FRAME_SHIFT);
		return -EBUSY;
	}
	for (k = 0; k < r->nframes; k++)
		pfn_hash_put(&s->by_host, r->host[k] >> SOFTEE_FRAME_SHIFT, r, k);
	r->next = s->regions;
	s->regions = r;
	s->n_regions++;
	s->n_frames += r->nframes;
	return 0;
}

int ipa_region_add(struct ipa_space *s, uint64_t guest_id, uint64_t host_id,
		   int fd, uint64_t file_offset, uint64_t nframes,
		   const struct softee_pa_extent *ext, uint32_t n_ext,
		   uint64_t quota_frames, struct ipa_region **out)
{
	struct ipa_region *r;
	int rc;

	if (!nframes || nframes > (1ULL << 22) || !n_ext || n_ext > nframes)
		return -EINVAL;
	rc = ipa_check_fd(fd, file_offset, nframes);
	if (rc)
		return rc;
	/* Cheap early refusal; checked again under the lock below. */
	pthread_rwlock_rdlock(&s->lock);
	if (s->n_frames + nframes > quota_frames)
		rc = -ENOSPC;
	pthread_rwlock_unlock(&s->lock);
	if (rc)
		return rc;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->guest_id = guest_id;
	r->host_id = host_id;
	r->nframes = nframes;
	r->ipa = malloc(nframes * sizeof(*r->ipa));
	if (!r->ipa) {
		free(r);
		return -ENOMEM;
	}
	rc = ipa_expand(r, ext, n_ext);
	if (rc)
		goto err;
	r->host = malloc(nframes * sizeof(*r->host));
	if (!r->host) {
		rc = -ENOMEM;
		goto err;
	}
	rc = hf_alloc(nframes, r->host);
	if (rc) {
		free(r->host);
		r->host = NULL;
		goto err;
	}
	r->map = mmap(NULL, nframes * SOFTEE_FRAME_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED, fd, (off_t)file_offset);
	if (r->map == MAP_FAILED) {
		r->map = NULL;
		rc = -EINVAL;
		goto err;
	}
	pthread_rwlock_wrlock(&s->lock);
	rc = 0;
	for (struct ipa_region *x = s->regions; x; x = x->next)
		if (x->guest_id == guest_id)
			rc = -EEXIST;
	if (!rc && (s->n_frames + nframes > quota_frames ||
		    s->n_frames + nframes < s->n_frames))
		rc = -ENOSPC;
	if (!rc)
		rc = ipa_insert(s, r);
	pthread_rwlock_unlock(&s->lock);
	if (rc)
		goto err;
	*out = r;
	return 0;
err:
	ipa_region_free(r);
	return rc;
}

struct ipa_region *ipa_region_take(struct ipa_space *s, uint64_t guest_id)
{
	struct ipa_region **pp, *r = NULL;

	pthread_rwlock_wrlock(&s->lock);
	for (pp = &s->regions; *pp; pp = &(*pp)->next) {
		if ((*pp)->guest_id == guest_id) {
			r = *pp;
			*pp = r->next;
			break;
		}
	}
	if (r) {
		for (uint64_t k = 0; k < r->nframes; k++) {
			pfn_hash_del(&s->by_ipa, r->ipa[k] >> SOFTEE_FRAME_SHIFT);
			pfn_hash_del(&s->by_host, r->host[k] >> SOFTEE_FRAME_SHIFT);
		}
		s->n_regions--;
		s->n_frames -= r->nframes;
	}
	pthread_rwlock_unlock(&s->lock);
	return r;
}

void ipa_rdlock(struct ipa_space *s)
{
	pthread_rwlock_rdlock(&s->lock);
}

void ipa_unlock(struct ipa_space *s)
{
	pthread_rwlock_unlock(&s->lock);
}

/* Copy frame by frame through our mapping. Read-locked by the caller. */
static int ipa_copy(struct ipa_space *s, uint64_t ipa, void *buf, size_t len,
		    bool to_guest)
{
	uint8_t *b = buf;
	uint64_t end;

	if (ADD_OVERFLOW(ipa, (uint64_t)len, &end))
		return -EFAULT;
	while (len) {
		const struct pfn_slot *e = pfn_hash_get(&s->by_ipa,
						ipa >> SOFTEE_FRAME_SHIFT);
		uint64_t off = ipa & SOFTEE_FRAME_MASK;
		size_t chunk = MIN(len, (size_t)(SOFTEE_FRAME_SIZE - off));
		const struct ipa_region *r;
		uint8_t *p;

		if (!e)
			return -EFAULT;
		r = e->ptr;
		p = r->map + e->idx * SOFTEE_FRAME_SIZE + off;
		if (to_guest)
			memcpy(p, b, chunk);
		else
			memcpy(b, p, chunk);
		b += chunk;
		ipa += chunk;
		len -= chunk;
	}
	return 0;
}

int ipa_read(struct ipa_space *s, uint64_t ipa, void *buf, size_t len)
{
	return ipa_copy(s, ipa, buf, len, false);
}

int ipa_write(struct ipa_space *s, uint64_t ipa, const void *buf, size_t len)
{
	return ipa_copy(s, ipa, (void *)buf, len, true);
}

int ipa_to_host(struct ipa_space *s, uint64_t ipa, paddr_t *host)
{
	const struct pfn_slot *e;

	if (!softee_pa_is_frame_aligned(ipa))
		return -EFAULT;
	e = pfn_hash_get(&s->by_ipa, ipa >> SOFTEE_FRAME_SHIFT);
	if (!e)
		return -EFAULT;
	*host = ((const struct ipa_region *)e->ptr)->host[e->idx];
	return 0;
}

int ipa_from_host(struct ipa_space *s, paddr_t host, uint64_t *ipa)
{
	const struct pfn_slot *e;

	if (!softee_pa_is_frame_aligned(host))
		return -EFAULT;
	e = pfn_hash_get(&s->by_host, host >> SOFTEE_FRAME_SHIFT);
	if (!e)
		return -EFAULT;
	*ipa = ((const struct ipa_region *)e->ptr)->ipa[e->idx];
	return 0;
}

void ipa_stats(struct ipa_space *s, uint64_t *regions, uint64_t *frames)
{
	pthread_rwlock_rdlock(&s->lock);
	*regions = s->n_regions;
	*frames = s->n_frames;
	pthread_rwlock_unlock(&s->lock);
}
