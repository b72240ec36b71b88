/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Regions the secure world gave this TA (handle -> memfd) and memref
 * windows: the runs of one memref mapped back to back into a reserved
 * range of address space.
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

struct ta_regions {
	struct ta_region *v;
	size_t n, cap;
};

#define TA_MAX_REGIONS	65536

/* Take ownership of fd under handle (replacing an older one). 0/-errno. */
int ta_regions_give(struct ta_regions *r, uint64_t handle, int fd);
/* Close the region's fd; -ENOENT if unknown. */
int ta_regions_drop(struct ta_regions *r, uint64_t handle);
const struct ta_region *ta_regions_find(const struct ta_regions *r,
					uint64_t handle);
void ta_regions_free(struct ta_regions *r);

struct ta_window {
	void *base;
	size_t len;
};

/*
 * Map memref p of the parsed call m into a fresh window; *buf receives
 * window + offset. Returns 0 or -errno (-ENOENT unknown handle, -ERANGE
 * run beyond the memfd's end). w is empty (base NULL) on failure.
 */
int ta_window_map(const struct ta_regions *r, const struct ta_msg *m,
		  unsigned int p, bool writable, struct ta_window *w,
		  void **buf);
void ta_window_unmap(struct ta_window *w);

#endif /* TA_MEM_H */
