/* SPDX-License-Identifier: BSD-2-Clause */
/* Per-VM hypervisor frames: chunks announced upstream, a free list. */
#define _GNU_SOURCE
#include "scratch.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host_frames.h"
#include "log.h"
#include "upstream.h"
#include "util.h"

struct scratch_chunk {
	uint64_t region_id;
	uint8_t *map;
	paddr_t pa[SCRATCH_CHUNK_FRAMES];
};

void scratch_init(struct scratch *s, uint32_t vm_id, uint64_t limit_frames)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->vm_id = vm_id;
	s->limit = limit_frames;
}

static void scratch_chunk_free(struct scratch_chunk *c)
{
	if (c->map)
		munmap(c->map, SCRATCH_CHUNK_FRAMES * SOFTEE_FRAME_SIZE);
	if (c->pa[0])
		hf_free(c->pa, SCRATCH_CHUNK_FRAMES);
	free(c);
}

/* A new chunk announced for the VM, its frames on the free list. Locked. */
static int scratch_grow(struct scratch *s)
{
	size_t len = SCRATCH_CHUNK_FRAMES * SOFTEE_FRAME_SIZE;
	struct scratch_chunk *c, **nc;
	/* Room for every frame of every chunk: all may come back at once. */
	uint64_t need = ((uint64_t)s->n_chunks + 1) * SCRATCH_CHUNK_FRAMES;
	int fd, rc;

	if ((uint64_t)(s->n_chunks + 1) * SCRATCH_CHUNK_FRAMES > s->limit ||
	    s->n_chunks == UINT32_MAX)
		return -ENOSPC;
	if (need > s->cap_free) {
		uint64_t *nf = realloc(s->free_list, need * sizeof(*nf));

		if (!nf)
			return -ENOMEM;
		s->free_list = nf;
		s->cap_free = need;
	}
	nc = realloc(s->chunks, (s->n_chunks + 1) * sizeof(*nc));
	if (!nc)
		return -ENOMEM;
	s->chunks = nc;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	rc = hf_alloc(SCRATCH_CHUNK_FRAMES, c->pa);
	if (rc) {
		free(c);
		return rc;
	}
	fd = softee_memfd("softee-hyp-scratch", len);
	if (fd < 0) {
		scratch_chunk_free(c);
		return fd;
	}
	c->map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (c->map == MAP_FAILED) {
		c->map = NULL;
		close(fd);
		scratch_chunk_free(c);
		return -ENOMEM;
	}
	c->region_id = up_region_id();
	rc = up_region_add(s->vm_id, c->region_id, fd, 0, SCRATCH_CHUNK_FRAMES,
			   c->pa);
	close(fd);
	if (rc) {
		WMSG("secure world refused hyp frames of VM %u: %d", s->vm_id, rc);
		scratch_chunk_free(c);
		return rc;
	}
	s->chunks[s->n_chunks] = c;
	for (uint32_t i = SCRATCH_CHUNK_FRAMES; i-- > 0;)
		s->free_list[s->n_free++] = (uint64_t)s->n_chunks << 32 | i;
	s->n_chunks++;
	return 0;
}

int scratch_alloc(struct scratch *s, struct sframe *f)
{
	uint64_t e;
	int rc = 0;

	pthread_mutex_lock(&s->lock);
	if (!s->n_free)
		rc = scratch_grow(s);
	if (rc) {
		pthread_mutex_unlock(&s->lock);
		return rc;
	}
	e = s->free_list[--s->n_free];
	s->used++;
	f->chunk = (uint32_t)(e >> 32);
	f->idx = (uint32_t)e;
	f->pa = s->chunks[f->chunk]->pa[f->idx];
	f->va = s->chunks[f->chunk]->map + (size_t)f->idx * SOFTEE_FRAME_SIZE;
	pthread_mutex_unlock(&s->lock);
	memset(f->va, 0, SOFTEE_FRAME_SIZE);
	return 0;
}

void scratch_free(struct scratch *s, struct sframe *f)
{
	if (!f->pa)
		return;
	pthread_mutex_lock(&s->lock);
	/* free_list has room for every frame of every chunk. */
	s->free_list[s->n_free++] = (uint64_t)f->chunk << 32 | f->idx;
	s->used--;
	pthread_mutex_unlock(&s->lock);
	f->pa = 0;
	f->va = NULL;
}

void scratch_fini(struct scratch *s, bool announced)
{
	for (uint32_t i = 0; i < s->n_chunks; i++) {
		if (announced)
			up_region_del(s->vm_id, s->chunks[i]->region_id);
		scratch_chunk_free(s->chunks[i]);
	}
	free(s->chunks);
	free(s->free_list);
	s->chunks = NULL;
	s->free_list = NULL;
	s->n_chunks = 0;
	s->n_free = s->cap_free = s->used = 0;
	pthread_mutex_destroy(&s->lock);
}

void scratch_stats(struct scratch *s, uint64_t *used, uint64_t *total)
{
	pthread_mutex_lock(&s->lock);
	*used = s->used;
	*total = (uint64_t)s->n_chunks * SCRATCH_CHUNK_FRAMES;
	pthread_mutex_unlock(&s->lock);
}
