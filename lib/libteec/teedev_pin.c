/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pinning user memory into memfds at the same address, and the table of
 * memfd-backed ranges we know of (teedev_pin_fork.c: fork, teedev_pin_
 * pool.c: recycled memfds).
 */
#define _GNU_SOURCE
#include "teedev_pin.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "teedev_maps.h"
#include "teedev_pin_priv.h"
#include "teedev_sys.h"
#include "util.h"

pthread_mutex_t teedev_pin_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t teedev_pin_once = PTHREAD_ONCE_INIT;
struct teedev_pin_ent *teedev_pin_ents;
size_t teedev_pin_n;
static size_t teedev_pin_cap;
static size_t teedev_pin_prune_at = 64;
/* Bytes moved since the last prune: big ones are worth pruning soon. */
uint64_t teedev_pin_moved_since;
#define TEEDEV_PIN_PRUNE_BYTES (1ULL << 20)

static void teedev_pin_init(void)
{
	pthread_atfork(teedev_pin_atfork_prepare, teedev_pin_atfork_parent,
		       teedev_pin_atfork_child);
}

static void teedev_pin_lock_table(void)
{
	pthread_once(&teedev_pin_once, teedev_pin_init);
	pthread_mutex_lock(&teedev_pin_lock);
}

int teedev_pin_add(const struct teedev_pin_ent *e)
{
	if (teedev_pin_n == teedev_pin_cap) {
		size_t ncap = teedev_pin_cap ? teedev_pin_cap * 2 : 32;
		void *p = realloc(teedev_pin_ents, ncap * sizeof(*e));

		if (!p)
			return -ENOMEM;
		teedev_pin_ents = p;
		teedev_pin_cap = ncap;
	}
	teedev_pin_ents[teedev_pin_n++] = *e;
	return 0;
}

void teedev_pin_del(size_t i)
{
	teedev_pool_close_later(teedev_pin_ents[i].memfd);
	teedev_pin_ents[i] = teedev_pin_ents[--teedev_pin_n];
}

/* Drop what the table says about [s, e): those pages are something else. */
void teedev_pin_trim(uintptr_t s, uintptr_t e)
{
	size_t i = 0;

	while (i < teedev_pin_n) {
		struct teedev_pin_ent *t = &teedev_pin_ents[i];

		if (t->end <= s || e <= t->start || t->kind == TEEDEV_PIN_ALLOC) {
			i++;
			continue;
		}
		if (s <= t->start && e >= t->end) {
			teedev_pin_del(i);
			continue;
		}
		t->fsize = 0;	/* partly reused: never back to the pool */
		if (s <= t->start) {
			t->off += e - t->start;
			t->start = e;
		} else if (e >= t->end) {
			t->end = s;
		} else {
			struct teedev_pin_ent tail = *t;

			tail.off += e - t->start;
			tail.start = e;
			t->end = s;
			tail.memfd = tail.memfd >= 0 ?
				     teedev_sys_dup_cloexec(tail.memfd) : -1;
			/* Without a dup the tail is merely not reused. */
			if (tail.memfd >= 0 && teedev_pin_add(&tail))
				teedev_sys_close(tail.memfd);
		}
		i++;
	}
}

/* Pieces of the range being pinned, as maps shows them. */
enum teedev_piece_kind { TEEDEV_PIECE_OURS, TEEDEV_PIECE_MOVE };

struct teedev_piece {
	uintptr_t start;
	uintptr_t end;
	enum teedev_piece_kind kind;
	int prot;
	int memfd;		/* OURS: the table's fd (borrowed) */
	uint64_t off;		/* OURS: memfd offset of start */
};

struct teedev_scan {
	uintptr_t start;
	uintptr_t end;
	uintptr_t next;		/* next address we expect a mapping at */
	struct teedev_piece *pieces;
	size_t n, cap;
};

static int teedev_scan_push(struct teedev_scan *sc,
			    const struct teedev_piece *pc)
{
	if (sc->n == sc->cap) {
		size_t ncap = sc->cap ? sc->cap * 2 : 16;
		void *p = realloc(sc->pieces, ncap * sizeof(*pc));

		if (!p)
			return -ENOMEM;
		sc->pieces = p;
		sc->cap = ncap;
	}
	sc->pieces[sc->n++] = *pc;
	return 0;
}

/* The entry that says [va, ...) is memfd-backed as line l shows. */
static struct teedev_pin_ent *teedev_pin_match(const struct teedev_maps_line *l,
					       uintptr_t va)
{
	for (size_t i = 0; i < teedev_pin_n; i++) {
		struct teedev_pin_ent *t = &teedev_pin_ents[i];

		if (t->memfd < 0 || t->ino != l->ino || va < t->start ||
		    va >= t->end)
			continue;
		if (t->off + (va - t->start) == l->off + (va - l->start))
			return t;
	}
	return NULL;
}

/* maps callback: classify the part of one mapping inside the range. */
static int teedev_pin_scan_fn(const struct teedev_maps_line *l, void *arg)
{
	struct teedev_scan *sc = arg;
	uintptr_t s = MAX(l->start, sc->start), e = MIN(l->end, sc->end);
	unsigned int rw = TEEDEV_MAPS_R | TEEDEV_MAPS_W;
	struct teedev_piece pc = { 0 };

	if (s != sc->next)
		return -EFAULT;		/* a hole: unmapped memory */
	sc->next = e;
	if ((l->flags & rw) != rw)
		return -EFAULT;
	pc.prot = PROT_READ | PROT_WRITE |
		  ((l->flags & TEEDEV_MAPS_X) ? PROT_EXEC : 0);
	if (l->flags & TEEDEV_MAPS_ANON) {
		pc.start = s;
		pc.end = e;
		pc.kind = TEEDEV_PIECE_MOVE;
		return teedev_scan_push(sc, &pc);
	}
	if (!(l->flags & TEEDEV_MAPS_SHARED) || !(l->flags & TEEDEV_MAPS_MEMFD))
		return -EFAULT;
	/* A memfd mapping may be several of our entries back to back. */
	while (s < e) {
		struct teedev_pin_ent *t = teedev_pin_match(l, s);
		int r;

		if (!t)
			return -EFAULT;	/* shared, but not ours */
		pc.start = s;
		pc.end = MIN(e, t->end);
		pc.kind = TEEDEV_PIECE_OURS;
		pc.memfd = t->memfd;
		pc.off = t->off + (s - t->start);
		r = teedev_scan_push(sc, &pc);
		if (r)
			return r;
		s = pc.end;
	}
	return 0;
}

/* Index of memfd in fds[] (adding a dup of it if new); -errno. */
static int teedev_pin_fd_index(int memfd, const int *src, int *fds,
			       size_t max_fds, size_t *nfds)
{
	for (size_t i = 0; i < *nfds; i++)
		if (src[i] == memfd)
			return (int)i;
	if (*nfds >= max_fds)
		return -ENOMEM;
	fds[*nfds] = teedev_sys_dup_cloexec(memfd);
	if (fds[*nfds] < 0)
		return -errno;
	return (int)(*nfds)++;
}

static int teedev_pin_prune_fn(const struct teedev_maps_line *l, void *arg)
{
	(void)arg;
	if (!(l->flags & TEEDEV_MAPS_MEMFD))
		return 0;
	for (size_t i = 0; i < teedev_pin_n; i++) {
		struct teedev_pin_ent *t = &teedev_pin_ents[i];

		if (t->ino == l->ino && t->start < l->end && l->start < t->end)
			t->alive = true;
	}
	return 0;
}

/*
 * Entries whose pages the application unmapped would keep their memfd
 * (and its memory) alive forever: drop them now and then.
 */
static void teedev_pin_prune(void)
{
	size_t i;

	if (!teedev_pin_n || (teedev_pin_n < teedev_pin_prune_at &&
			      teedev_pin_moved_since < TEEDEV_PIN_PRUNE_BYTES))
		return;
	teedev_pin_moved_since = 0;
	for (i = 0; i < teedev_pin_n; i++)
		teedev_pin_ents[i].alive = teedev_pin_ents[i].kind ==
					   TEEDEV_PIN_ALLOC;
	if (teedev_maps_scan(0, UINTPTR_MAX, teedev_pin_prune_fn, NULL))
		return;
	i = 0;
	while (i < teedev_pin_n) {
		struct teedev_pin_ent *t = &teedev_pin_ents[i];

		if (t->alive) {
			i++;
			continue;
		}
		/* Unmapped everywhere: whole and unregistered -> the pool. */
		if (t->kind == TEEDEV_PIN_MOVED && t->fsize && !t->regs &&
		    t->memfd >= 0) {
			teedev_pool_put(t->memfd, t->fsize);
			t->memfd = -1;
		}
		teedev_pin_del(i);
	}
	teedev_pin_prune_at = MAX((size_t)64, teedev_pin_n * 2);
}

/* Turn the pieces into segments and fds; -ENOMEM over the limits. */
static int teedev_pin_emit(struct teedev_scan *sc, struct teedev_pin_seg *segs,
			   size_t max_segs, size_t *nsegs, int *fds,
			   size_t max_fds, size_t *nfds, uint64_t *pinned,
			   struct teedev_pin_defer *defer)
{
	int src[64];
	size_t i = 0;

	if (max_fds > ARRAY_SIZE(src))
		max_fds = ARRAY_SIZE(src);
	while (i < sc->n) {
		struct teedev_piece *pc = &sc->pieces[i];
		struct teedev_pin_seg *last = *nsegs ? &segs[*nsegs - 1] : NULL;
		int memfd, idx;

		if (pc->kind == TEEDEV_PIECE_MOVE) {
			uintptr_t e = pc->end;
			size_t j = i + 1;

			/* Neighbouring private pieces with one prot: one memfd. */
			while (j < sc->n && sc->pieces[j].kind == TEEDEV_PIECE_MOVE &&
			       sc->pieces[j].prot == pc->prot)
				e = sc->pieces[j++].end;
			if (*nfds >= max_fds || *nsegs >= max_segs)
				return -ENOMEM;
			memfd = teedev_pin_move(pc->start, e, pc->prot, defer);
			if (memfd < 0)
				return memfd;
			*pinned += e - pc->start;
			src[*nfds] = memfd;
			fds[*nfds] = teedev_sys_dup_cloexec(memfd);
			if (fds[*nfds] < 0)
				return -errno;
			segs[*nsegs] = (struct teedev_pin_seg){
				.va = pc->start, .len = e - pc->start,
				.off = 0, .fd = (int)(*nfds)++,
			};
			(*nsegs)++;
			i = j;
			continue;
		}
		idx = teedev_pin_fd_index(pc->memfd, src, fds, max_fds, nfds);
		if (idx < 0)
			return idx;
		src[idx] = pc->memfd;
		if (last && last->fd == idx && last->va + last->len == pc->start &&
		    last->off + last->len == pc->off) {
			last->len += pc->end - pc->start;
		} else {
			if (*nsegs >= max_segs)
				return -ENOMEM;
			segs[(*nsegs)++] = (struct teedev_pin_seg){
				.va = pc->start, .len = pc->end - pc->start,
				.off = pc->off, .fd = idx,
			};
		}
		i++;
	}
	return 0;
}

/* Count the segments and fds emit would need (fds: an upper bound). */
static void teedev_pin_count(const struct teedev_scan *sc, size_t *segs,
			     size_t *fds)
{
	*segs = 0;
	*fds = 0;
	for (size_t i = 0; i < sc->n; i++) {
		const struct teedev_piece *pc = &sc->pieces[i];
		const struct teedev_piece *pv = i ? &sc->pieces[i - 1] : NULL;

		if (pc->kind == TEEDEV_PIECE_MOVE &&
		    pv && pv->kind == TEEDEV_PIECE_MOVE && pv->prot == pc->prot)
			continue;
		(*segs)++;
		(*fds)++;
	}
}

int teedev_pin_range(uintptr_t start, uintptr_t end,
		     struct teedev_pin_seg *segs, size_t max_segs,
		     size_t *nsegs, int *fds, size_t max_fds, size_t *nfds,
		     uint64_t *pinned, struct teedev_pin_defer *defer)
{
	struct teedev_scan sc = { .start = start, .end = end, .next = start };
	size_t need_segs, need_fds;
	int r;

	*nsegs = 0;
	*nfds = 0;
	if (start >= end || (start | end) & (TEEDEV_PIN_PAGE - 1))
		return -EINVAL;
	teedev_pin_lock_table();
	teedev_pin_prune();
	r = teedev_maps_scan(start, end, teedev_pin_scan_fn, &sc);
	if (!r && sc.next != end)
		r = -EFAULT;
	if (r)
		goto out;
	teedev_pin_count(&sc, &need_segs, &need_fds);
	if (need_segs > max_segs || need_fds > max_fds) {
		/*
		 * Too fragmented for one message: copy the whole range into
		 * one new memfd (the pages already ours are copied as well).
		 */
		for (size_t i = 0; i < sc.n; i++) {
			if (sc.pieces[i].prot != (PROT_READ | PROT_WRITE)) {
				r = -ENOMEM;
				goto out;
			}
		}
		sc.pieces[0].end = end;
		sc.pieces[0].kind = TEEDEV_PIECE_MOVE;
		sc.n = 1;
	}
	r = teedev_pin_emit(&sc, segs, max_segs, nsegs, fds, max_fds, nfds,
			    pinned, defer);
out:
	if (defer && r)
		teedev_pin_cancel(defer);
	/* Jobs to run: the table stays locked for teedev_pin_finish. */
	if (!defer || !defer->n)
		pthread_mutex_unlock(&teedev_pin_lock);
	else
		teedev_pool_busy(true);
	if (r) {
		for (size_t i = 0; i < *nfds; i++)
			teedev_sys_close(fds[i]);
		*nfds = 0;
		*nsegs = 0;
	}
	free(sc.pieces);
	return r;
}

int teedev_pin_check(uintptr_t start, uintptr_t end)
{
	struct teedev_scan sc = { .start = start, .end = end, .next = start };
	int r;

	if (start >= end || (start | end) & (TEEDEV_PIN_PAGE - 1))
		return -EINVAL;
	teedev_pin_lock_table();
	r = teedev_maps_scan(start, end, teedev_pin_scan_fn, &sc);
	pthread_mutex_unlock(&teedev_pin_lock);
	if (!r && sc.next != end)
		r = -EFAULT;
	free(sc.pieces);
	return r;
}

void teedev_pin_hold(const uint64_t *inos, size_t n, int delta)
{
	teedev_pin_lock_table();
	for (size_t i = 0; i < teedev_pin_n; i++) {
		struct teedev_pin_ent *t = &teedev_pin_ents[i];

		for (size_t k = 0; k < n; k++) {
			if (t->ino != inos[k] || t->kind != TEEDEV_PIN_MOVED)
				continue;
			if (delta > 0)
				t->regs++;
			else if (t->regs)
				t->regs--;
			break;
		}
	}
	pthread_mutex_unlock(&teedev_pin_lock);
}

int teedev_pin_track(uintptr_t start, uintptr_t end, int memfd, uint64_t off)
{
	struct teedev_pin_ent ent = { .start = start, .end = end, .off = off,
				      .kind = TEEDEV_PIN_MAPPED };
	struct stat st;
	int r;

	if (fstat(memfd, &st))
		return -errno;
	ent.ino = (uint64_t)st.st_ino;
	ent.memfd = teedev_sys_dup_cloexec(memfd);
	if (ent.memfd < 0)
		return -errno;
	teedev_pin_lock_table();
	teedev_pin_trim(start, end);
	r = teedev_pin_add(&ent);
	pthread_mutex_unlock(&teedev_pin_lock);
	if (r)
		teedev_sys_close(ent.memfd);
	return r;
}

void teedev_pin_forget(uintptr_t start, uintptr_t end)
{
	if (!__atomic_load_n(&teedev_pin_n, __ATOMIC_RELAXED))
		return;
	start &= ~(TEEDEV_PIN_PAGE - 1);
	if (end < start || end > UINTPTR_MAX - TEEDEV_PIN_PAGE)
		end = UINTPTR_MAX & ~(TEEDEV_PIN_PAGE - 1);
	else
		end = (end + TEEDEV_PIN_PAGE - 1) & ~(TEEDEV_PIN_PAGE - 1);
	teedev_pin_lock_table();
	teedev_pin_trim(start, end);
	pthread_mutex_unlock(&teedev_pin_lock);
}

void *teedev_pin_alloc(size_t size, size_t align)
{
	struct teedev_pin_ent ent = { .kind = TEEDEV_PIN_ALLOC };
	size_t span;
	uintptr_t a;
	struct stat st;
	void *res, *p;
	int memfd, r;

	if (!size || size & (TEEDEV_PIN_PAGE - 1) || align < TEEDEV_PIN_PAGE ||
	    (align & (align - 1)) || ADD_OVERFLOW(size, align, &span)) {
		errno = EINVAL;
		return NULL;
	}
	memfd = softee_memfd("softee-alloc", size);
	if (memfd < 0) {
		errno = -memfd;
		return NULL;
	}
	if (fstat(memfd, &st))
		goto err;
	/* Reserve enough to align, then map the memfd at the aligned spot. */
	res = teedev_sys_mmap(NULL, span, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (res == MAP_FAILED)
		goto err;
	a = ((uintptr_t)res + align - 1) & ~(uintptr_t)(align - 1);
	p = teedev_sys_mmap((void *)a, size, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_FIXED, memfd, 0);
	if (p == MAP_FAILED) {
		teedev_sys_munmap(res, span);
		goto err;
	}
	if (a > (uintptr_t)res)
		teedev_sys_munmap(res, a - (uintptr_t)res);
	if ((uintptr_t)res + span > a + size)
		teedev_sys_munmap((void *)(a + size),
				  (uintptr_t)res + span - (a + size));
	ent.start = a;
	ent.end = a + size;
	ent.ino = (uint64_t)st.st_ino;
	ent.memfd = memfd;
	teedev_pin_lock_table();
	r = teedev_pin_add(&ent);
	pthread_mutex_unlock(&teedev_pin_lock);
	if (r) {
		teedev_sys_munmap(p, size);
		teedev_sys_close(memfd);
		errno = ENOMEM;
		return NULL;
	}
	return p;
err:
	r = errno;
	teedev_sys_close(memfd);
	errno = r;
	return NULL;
}

int teedev_pin_free(void *p, size_t size)
{
	int r = -ENOENT;

	teedev_pin_lock_table();
	for (size_t i = 0; i < teedev_pin_n; i++) {
		struct teedev_pin_ent *t = &teedev_pin_ents[i];

		if (t->kind == TEEDEV_PIN_ALLOC && t->start == (uintptr_t)p) {
			size = t->end - t->start;
			teedev_pin_del(i);
			r = 0;
			break;
		}
	}
	pthread_mutex_unlock(&teedev_pin_lock);
	if (!r)
		teedev_sys_munmap(p, size);
	return r;
}

