/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals shared by teedev_pin*.c: the pin table, the pool, fork. */
#ifndef SOFTEE_TEEDEV_PIN_PRIV_H
#define SOFTEE_TEEDEV_PIN_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "teedev_pin.h"

#define TEEDEV_PIN_PAGE 4096UL

enum teedev_pin_kind {
	TEEDEV_PIN_MOVED,	/* user pages we moved into a memfd */
	TEEDEV_PIN_ALLOC,	/* teedev_pin_alloc memory */
	TEEDEV_PIN_MAPPED,	/* an SHM_ALLOC mapping */
};

struct teedev_pin_ent {
	uintptr_t start;
	uintptr_t end;
	uint64_t off;		/* memfd offset of start */
	uint64_t ino;
	int memfd;		/* ours; -1 once a fork child made it private */
	enum teedev_pin_kind kind;
	bool alive;		/* scratch for the prune pass */
	uint64_t fsize;		/* MOVED, never split: memfd size, else 0 */
	unsigned int regs;	/* live registrations naming this memfd */
};

/* The table, under teedev_pin_lock (teedev_pin.c). */
extern pthread_mutex_t teedev_pin_lock;
extern struct teedev_pin_ent *teedev_pin_ents;
extern size_t teedev_pin_n;

/*
 * The pool (teedev_pin_pool.c): memfds of moved ranges the application
 * has since unmapped (and no registration names), whose pages exist, and
 * a worker thread that keeps some of them mapped with page tables filled
 * ("warm") and frees replaced pages in the background. Table lock held
 * for all of these.
 */
/* Give an unused memfd of size bytes to the pool (or close it). */
void teedev_pool_put(int memfd, uint64_t size);
/*
 * A pooled memfd of at least len (and at most 2 len) bytes, or -1; *warm
 * is its whole mapping (size bytes, MADV_DONTFORK) or NULL.
 */
int teedev_pool_take(uint64_t len, uint64_t *size, void **warm);
/*
 * Map memfd (MADV_DONTFORK), with the page tables of its existing pages
 * filled if populate; NULL on failure.
 */
void *teedev_pool_warm_now(int memfd, uint64_t size, bool populate);
/* Unmap [addr, addr+len) in the background (or now, without a worker). */
void teedev_pool_discard(void *addr, size_t len);
/* Close fd in the background (a last close frees a memfd's pages). */
void teedev_pool_close_later(int fd);
/* A range of len bytes was just moved: the size of the next spare. */
void teedev_pool_note_pin(uint64_t len);
/* A registration goes in flight (on) or has its reply: the worker waits. */
void teedev_pool_busy(bool on);
/* Close everything pooled; a fork child also forgets the worker. */
void teedev_pool_drop_all(bool fork_child);

/* The table's helpers (teedev_pin.c), table lock held. */
int teedev_pin_add(const struct teedev_pin_ent *e);
void teedev_pin_del(size_t i);
void teedev_pin_trim(uintptr_t s, uintptr_t e);
/* Bytes moved since the last prune of the table. */
extern uint64_t teedev_pin_moved_since;

/*
 * Move [s, e) (private, prot) into a memfd at the same address, now, or
 * (defer non-NULL) as a job for teedev_pin_finish; the table has the
 * entry either way. The memfd (the table's) or -errno (teedev_pin_move.c).
 */
int teedev_pin_move(uintptr_t s, uintptr_t e, int prot,
		    struct teedev_pin_defer *defer);
/* pread/pwrite all of [buf, buf+len) at fd offset off: 0 or -errno. */
int teedev_pin_fd_io(int fd, void *buf, size_t len, uint64_t off,
		     bool to_fd);
/* Drop deferred jobs that will not run (lock held, and kept). */
void teedev_pin_cancel(struct teedev_pin_defer *d);

/* pthread_atfork handlers (teedev_pin_fork.c). */
void teedev_pin_atfork_prepare(void);
void teedev_pin_atfork_parent(void);
void teedev_pin_atfork_child(void);

#endif /* SOFTEE_TEEDEV_PIN_PRIV_H */
