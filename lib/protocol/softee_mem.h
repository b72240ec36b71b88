/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The modelled physical memory shared by every softee process: 4 KiB
 * frames, physical addresses, and the default layout of a normal world's
 * PA space. See shared/DESIGN.md "Physical memory".
 */
#ifndef SOFTEE_MEM_H
#define SOFTEE_MEM_H

#include <stdint.h>

typedef uint64_t paddr_t;

#define SOFTEE_FRAME_SHIFT	12
#define SOFTEE_FRAME_SIZE	4096ULL
#define SOFTEE_FRAME_MASK	(SOFTEE_FRAME_SIZE - 1)

/* The static carve-out, owned by the secure world's configuration. */
#define SOFTEE_CARVEOUT_DEFAULT_BASE	0x42000000ULL
#define SOFTEE_CARVEOUT_DEFAULT_SIZE	(2ULL << 20)
#define SOFTEE_CARVEOUT_MAX_SIZE	(256ULL << 20)

/*
 * Normal-world DDR from which a driver's frame allocator hands out
 * dynamic frames (issue 3). Chosen far above the carve-out so a PA tells
 * at a glance which kind of memory it is.
 */
#define SOFTEE_DDR_BASE		0x100000000ULL
#define SOFTEE_DDR_SIZE		(64ULL << 30)

static inline int softee_pa_is_frame_aligned(paddr_t pa)
{
	return (pa & SOFTEE_FRAME_MASK) == 0;
}

#endif /* SOFTEE_MEM_H */
