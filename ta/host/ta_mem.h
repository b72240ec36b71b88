/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Regions the secure world gave this TA (handle -> memfd) and memref
 * windows: the runs of one memref mapped back to back into a reserved
 * range of address space, kept in a small LRU cache across calls so a
 * buffer used again does not pay its page faults again.
 */
#ifndef TA_MEM_H
#define TA_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ta_msg.h"

struct ta_region {
	uint64_t handle;
	int fd;
	uint64_t size;		/* memfd size when given */
};

/* A cached window: the runs it maps, in order, and where. */
struct ta_wentry {
	struct softee_ta_run *runs;
	uint32_t n_runs;
	bool writable;
	bool dead;		/* dropped while in use: unmap at release */
	unsigned int busy;	/* windows of the running call using it */
	void *base;
	size_t len;
	uint64_t last_use;
	struct ta_wentry *next;
};

struct ta_regions {
	struct ta_region *v;
	size_t n, cap;
	/* Window cache. */
	struct ta_wentry *cache;
	size_t cache_n;
	uint64_t cache_bytes;
	uint64_t tick;
	uint64_t hits, misses;
};

#define TA_MAX_REGIONS	65536
/* Bounds of the window cache: entries, address space, runs per entry. */
#define TA_WCACHE_MAX_ENTRIES	64
#define TA_WCACHE_MAX_BYTES	(4ULL << 30)
#define TA_WCACHE_MAX_RUNS	64

/* Take ownership of fd under handle (replacing an older one). 0/-errno. */
int ta_regions_give(struct ta_regions *r, uint64_t handle, int fd);
/* Close the region's fd and unmap its cached windows; -ENOENT if unknown. */
int ta_regions_drop(struct ta_regions *r, uint64_t handle);
const struct ta_region *ta_regions_find(const struct ta_regions *r,
					uint64_t handle);
void ta_regions_free(struct ta_regions *r);

struct ta_window {
	void *base;
	size_t len;
	struct ta_regions *owner;	/* with ent: a cached window */
	struct ta_wentry *ent;
};

/*
 * Map memref p of the parsed call m into a window (a cached one when the
 * same runs, or a single run containing them, were mapped before); *buf
 * receives window + offset. Returns 0 or -errno (-ENOENT unknown handle,
 * -ERANGE run beyond the memfd's end). w is empty (base NULL) on failure.
 */
int ta_window_map(struct ta_regions *r, const struct ta_msg *m,
		  unsigned int p, bool writable, struct ta_window *w,
		  void **buf);
/* End of the call: unmap, or hand a cached window back to the cache. */
void ta_window_unmap(struct ta_window *w);

#endif /* TA_MEM_H */
