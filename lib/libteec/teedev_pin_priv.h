/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals shared by teedev_pin*.c: the pin table, the pool, fork. */
#ifndef SOFTEE_TEEDEV_PIN_PRIV_H
#define SOFTEE_TEEDEV_PIN_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
 * Memfds of moved ranges the application has since unmapped (and no
 * registration names): their pages are allocated already, so moving the
 * next range into one costs a copy at memory speed instead of a page
 * allocation per page. Bounded, oldest dropped first. Table lock held.
 */
/* Give an unused memfd of size bytes to the pool (or close it). */
void teedev_pool_put(int memfd, uint64_t size);
/* A pooled memfd of at least len (and at most 2 len) bytes, or -1. */
int teedev_pool_take(uint64_t len, uint64_t *size);
/* Close everything pooled (a fork child). */
void teedev_pool_drop_all(void);

/* pthread_atfork handlers (teedev_pin_fork.c). */
void teedev_pin_atfork_prepare(void);
void teedev_pin_atfork_parent(void);
void teedev_pin_atfork_child(void);

#endif /* SOFTEE_TEEDEV_PIN_PRIV_H */
