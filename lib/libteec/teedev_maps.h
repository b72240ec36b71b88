/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reading /proc/self/maps, the truth about what backs an address range
 * (the application may have unmapped or replaced anything we pinned).
 */
#ifndef SOFTEE_TEEDEV_MAPS_H
#define SOFTEE_TEEDEV_MAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEEDEV_MAPS_R		(1U << 0)
#define TEEDEV_MAPS_W		(1U << 1)
#define TEEDEV_MAPS_X		(1U << 2)
#define TEEDEV_MAPS_SHARED	(1U << 3)
/* Anonymous private memory: no file, or [heap], [stack], [anon:...]. */
#define TEEDEV_MAPS_ANON	(1U << 4)
/* A memfd ("/memfd:..."). */
#define TEEDEV_MAPS_MEMFD	(1U << 5)

struct teedev_maps_line {
	uintptr_t start;
	uintptr_t end;
	uint64_t off;		/* file offset of start */
	uint64_t ino;
	unsigned int flags;	/* TEEDEV_MAPS_* */
};

/*
 * Parse one maps line (without its newline). 0 or -EINVAL. Pure, for the
 * unit tests and for use in a fork child (no allocation).
 */
int teedev_maps_parse_line(const char *s, size_t len,
			   struct teedev_maps_line *out);

/*
 * Call fn for every mapping overlapping [start, end), in address order;
 * fn returns 0 to go on, anything else stops the scan and is returned.
 * Stops reading at the first mapping past end. No allocation, so that a
 * fork child may use it. 0, fn's value, or -errno.
 */
typedef int (*teedev_maps_fn)(const struct teedev_maps_line *l, void *arg);
int teedev_maps_scan(uintptr_t start, uintptr_t end, teedev_maps_fn fn,
		     void *arg);

#endif /* SOFTEE_TEEDEV_MAPS_H */
