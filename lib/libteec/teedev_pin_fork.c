/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * After fork, a child gets its own copies of pinned pages (as Linux does
 * for pinned pages): snapshots taken just before fork, put in place in
 * the child.
 */
#define _GNU_SOURCE
#include "teedev_pin_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "teedev_maps.h"
#include "teedev_sys.h"
#include "util.h"

/* Ranges of one entry shared through its memfd, as maps confirms. */
struct teedev_fork_scan {
	const struct teedev_pin_ent *ent;
	struct { uintptr_t s, e; int prot; } r[32];
	size_t n;
};

static int teedev_fork_scan_fn(const struct teedev_maps_line *l, void *arg)
{
	struct teedev_fork_scan *fs = arg;
	const struct teedev_pin_ent *t = fs->ent;
	uintptr_t s = MAX(l->start, t->start), e = MIN(l->end, t->end);

	if (!(l->flags & TEEDEV_MAPS_SHARED) || l->ino != t->ino ||
	    t->off + (s - t->start) != l->off + (s - l->start))
		return 0;
	if (fs->n == ARRAY_SIZE(fs->r))
		return 1;
	fs->r[fs->n].s = s;
	fs->r[fs->n].e = e;
	fs->r[fs->n].prot = ((l->flags & TEEDEV_MAPS_R) ? PROT_READ : 0) |
			    ((l->flags & TEEDEV_MAPS_W) ? PROT_WRITE : 0) |
			    ((l->flags & TEEDEV_MAPS_X) ? PROT_EXEC : 0);
	fs->n++;
	return 0;
}

/* Copies of shared ranges taken just before fork, for the child. */
struct teedev_fork_snap {
	uintptr_t s;
	size_t len;
	int prot;
	void *copy;
};

static struct teedev_fork_snap *teedev_fork_snaps;
static size_t teedev_fork_nsnaps;

static void teedev_fork_snap_range(const struct teedev_pin_ent *t,
				   uintptr_t s, uintptr_t e, int prot)
{
	struct teedev_fork_snap *sn;
	void *copy, *p;

	p = realloc(teedev_fork_snaps,
		    (teedev_fork_nsnaps + 1) * sizeof(*teedev_fork_snaps));
	if (!p)
		return;
	teedev_fork_snaps = p;
	copy = teedev_sys_mmap(NULL, e - s, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (copy == MAP_FAILED)
		return;
	/*
	 * Read the memfd rather than the mapping: parts of the range may be
	 * memory the application freed (and a sanitizer poisoned).
	 */
	if (teedev_pin_fd_io(t->memfd, copy, e - s, t->off + (s - t->start),
			     false)) {
		teedev_sys_munmap(copy, e - s);
		return;
	}
	sn = &teedev_fork_snaps[teedev_fork_nsnaps++];
	sn->s = s;
	sn->len = e - s;
	sn->prot = prot;
	sn->copy = copy;
}

/*
 * Linux gives a forked child its own copies of pinned pages, taken at
 * fork time. We take them in the parent just before fork (a private
 * anonymous copy of every shared range, which the child inherits) and
 * the child moves them over the shared pages; the parent drops them.
 */
void teedev_pin_atfork_prepare(void)
{
	pthread_mutex_lock(&teedev_pin_lock);
	teedev_fork_nsnaps = 0;
	for (size_t i = 0; i < teedev_pin_n; i++) {
		struct teedev_pin_ent *t = &teedev_pin_ents[i];
		struct teedev_fork_scan fs = { .ent = t };

		if (t->memfd < 0 || t->kind == TEEDEV_PIN_MAPPED)
			continue;
		teedev_maps_scan(t->start, t->end, teedev_fork_scan_fn, &fs);
		for (size_t k = 0; k < fs.n; k++)
			teedev_fork_snap_range(t, fs.r[k].s, fs.r[k].e,
					       fs.r[k].prot);
	}
}

void teedev_pin_atfork_parent(void)
{
	for (size_t i = 0; i < teedev_fork_nsnaps; i++)
		teedev_sys_munmap(teedev_fork_snaps[i].copy,
				  teedev_fork_snaps[i].len);
	teedev_fork_nsnaps = 0;
	pthread_mutex_unlock(&teedev_pin_lock);
}

/*
 * In the child: the copies replace the shared pages (atomically, by
 * mremap), so neither process sees the other's writes; the memfds are
 * closed and the moved ranges forgotten.
 */
void teedev_pin_atfork_child(void)
{
	size_t i = 0;

	for (i = 0; i < teedev_fork_nsnaps; i++) {
		struct teedev_fork_snap *sn = &teedev_fork_snaps[i];

		if (sn->prot != (PROT_READ | PROT_WRITE))
			syscall(SYS_mprotect, sn->copy, sn->len, sn->prot);
		if ((void *)syscall(SYS_mremap, sn->copy, sn->len, sn->len,
				    MREMAP_MAYMOVE | MREMAP_FIXED,
				    (void *)sn->s) == MAP_FAILED)
			teedev_sys_munmap(sn->copy, sn->len);
	}
	teedev_fork_nsnaps = 0;
	teedev_pool_drop_all(true);
	i = 0;
	while (i < teedev_pin_n) {
		struct teedev_pin_ent *t = &teedev_pin_ents[i];

		if (t->memfd < 0 || t->kind == TEEDEV_PIN_MAPPED) {
			i++;
			continue;
		}
		teedev_sys_close(t->memfd);
		t->memfd = -1;
		if (t->kind == TEEDEV_PIN_MOVED)
			teedev_pin_ents[i] = teedev_pin_ents[--teedev_pin_n];
		else
			i++;
	}
	pthread_mutex_unlock(&teedev_pin_lock);
}
