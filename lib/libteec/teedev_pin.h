/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pinning user memory (DESIGN.md "Pinning user memory"): making 4 KiB
 * aligned ranges of the process memfd-backed at the same address so that
 * the driver, the secure world and TAs can map the very same pages, and
 * the table of such ranges (for reuse without a copy, and for fork).
 */
#ifndef SOFTEE_TEEDEV_PIN_H
#define SOFTEE_TEEDEV_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One run of a pinned range: [va, va+len) is memfd fd at offset off. */
struct teedev_pin_seg {
	uintptr_t va;
	uint64_t len;
	uint64_t off;
	int fd;			/* index into the fds of teedev_pin_range */
};

/* One deferred move (teedev_pin_move.c). */
struct teedev_pin_job {
	uintptr_t s, e;
	int prot;
	int memfd;		/* the table's */
	void *warm;		/* a filled mapping of memfd, or NULL */
	uint64_t warm_size;	/* memfd size (>= e - s) */
	bool fresh;		/* memfd pages not allocated yet */
};

/* Moves that teedev_pin_range left to teedev_pin_finish. */
struct teedev_pin_defer {
	struct teedev_pin_job *jobs;
	size_t n, cap;
};

/*
 * Make [start, end) (4 KiB aligned, non-empty) memfd-backed. Pages that
 * /proc/self/maps shows as one of our memfds at the offset we recorded are
 * used in place; private anonymous read-write pages are moved, once, into
 * a new sealed memfd. Anything else (file-backed, read-only, shared
 * non-softee, unmapped) is refused with -EFAULT.
 * Fills segs[] (address order, at most max_segs) and fds[] (dups the
 * caller closes, at most max_fds); adds the bytes copied to *pinned.
 * Returns 0 or -errno (-ENOMEM when the limits cannot be met).
 *
 * With defer (zeroed by the caller), the copies are not made yet: on
 * success the caller sends the memfds on, then calls teedev_pin_finish
 * exactly once, which makes them; until then the pin table stays locked
 * (other pins and fork wait). Without defer, everything happens here.
 */
int teedev_pin_range(uintptr_t start, uintptr_t end,
		     struct teedev_pin_seg *segs, size_t max_segs,
		     size_t *nsegs, int *fds, size_t max_fds, size_t *nfds,
		     uint64_t *pinned, struct teedev_pin_defer *defer);
/*
 * Make the deferred moves and unlock the table. 0, or -errno with the
 * ranges not moved as they were (the memfds sent on are then stale and
 * the caller drops what it made of them).
 */
int teedev_pin_finish(struct teedev_pin_defer *defer);
/*
 * The registration whose moves were deferred has its reply (or failed):
 * the background work held back meanwhile may resume. Once per
 * teedev_pin_range call that left jobs.
 */
void teedev_pin_settled(void);

/*
 * A registration naming the memfds with these inodes was made (delta +1)
 * or released (-1): a memfd still registered is never recycled.
 */
void teedev_pin_hold(const uint64_t *inos, size_t n, int delta);

/*
 * Check, without moving anything, that [start, end) (4 KiB aligned) is
 * memory teedev_pin_range would accept: for bounce frames, whose bytes
 * are read and written at invoke boundaries. 0 or -EFAULT.
 */
int teedev_pin_check(uintptr_t start, uintptr_t end);

/*
 * Remember that [start, end) is a shared mapping of memfd at offset off
 * (an SHM_ALLOC mapping); the table keeps its own dup of memfd.
 */
int teedev_pin_track(uintptr_t start, uintptr_t end, int memfd, uint64_t off);
/* Forget whatever the table knows in [start, end) (it was unmapped). */
void teedev_pin_forget(uintptr_t start, uintptr_t end);

/*
 * size bytes (already rounded by the caller to its granule, a multiple of
 * 4 KiB) of fresh memfd-backed memory aligned to align (power of two,
 * >= 4 KiB). NULL with errno on failure. Free with teedev_pin_free.
 */
void *teedev_pin_alloc(size_t size, size_t align);
/* 0 if p was from teedev_pin_alloc (now unmapped), else -ENOENT. */
int teedev_pin_free(void *p, size_t size);

#endif /* SOFTEE_TEEDEV_PIN_H */
