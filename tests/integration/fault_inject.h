/* SPDX-License-Identifier: BSD-2-Clause */
/* The fault injector's parts: its view of the stack (counts, fds, daemons) and its kills. */
#ifndef SOFTEE_FAULT_INJECT_H
#define SOFTEE_FAULT_INJECT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "perf_load.h"

#define FI_MAX_KEYS	192
#define FI_MAX_VMS	8

/* One snapshot of everything that must come back to its baseline. */
struct fi_counts {
	size_t n;
	char key[FI_MAX_KEYS][48];	/* "secure.sessions", "vm2 driver.shm" */
	long long val[FI_MAX_KEYS];
	unsigned char vm[FI_MAX_KEYS];	/* the VM a key belongs to, 0: none */
	int channels;			/* SMC channels open (a pool; reported) */
};

/*
 * The stack: one normal world in the run directory, or (softee run --vms
 * N) a secure world and softee-hyp in root and normal world k in root/vmk.
 */
struct fi_stack {
	const char *softee;		/* the softee CLI */
	char root[4096];		/* where softee-secure runs */
	unsigned int n_vms;		/* 0: a single normal world */
	unsigned int worlds;		/* normal worlds: max(1, n_vms) */
	char dev[FI_MAX_VMS + 1][4096];	/* SOFTEE_DEV_DIR of world 1..worlds */
	pid_t secure, hyp;		/* must survive everything */
	pid_t driver[FI_MAX_VMS + 1];	/* drivers that must survive */
	unsigned int dead;		/* bit k: world k's driver was killed */
};
/* fault_inject_stack.c */
uint64_t fi_now_ms(void);
/* The layout and daemons of the stack whose device dir is dev; 0 or -1. */
int fi_stack_init(struct fi_stack *st, const char *dev);
/*
 * `softee status` numbers that must return to their baseline, the fds of
 * each daemon (without the SMC channel pools), the TA hosts and unreaped
 * zombies under softee-secure. 0, or -1 if the daemons did not answer.
 */
int fi_counts_take(const struct fi_stack *st, struct fi_counts *c);
/*
 * Print every difference to f (may be NULL); the number of differences.
 * Keys of worlds whose driver was killed are left out, and the secure
 * world's totals are expected to lose what those worlds had.
 */
size_t fi_counts_diff(const struct fi_stack *st, const struct fi_counts *base,
		      const struct fi_counts *now, FILE *f);
/*
 * Wait up to ms for the counts to equal base (polling); the last snapshot
 * in now. 0 if they match.
 */
int fi_counts_settle(const struct fi_stack *st, const struct fi_counts *base,
		     struct fi_counts *now, unsigned int ms);
/* Wait up to ms for two equal snapshots a second apart (a quiet stack). */
int fi_counts_stable(const struct fi_stack *st, struct fi_counts *c,
		     unsigned int ms);
/* `softee restart-supplicant` for world w; 0 if it reported success. */
int fi_restart_supplicant(const struct fi_stack *st, unsigned int w);
/* SIGKILL a random live softee-ta under softee-secure; its pid, or 0. */
pid_t fi_kill_ta(const struct fi_stack *st, uint64_t rnd);
/* SIGKILL the daemon NAME of world w; its pid, or 0. */
pid_t fi_kill_daemon(const struct fi_stack *st, unsigned int w, const char *name);
/* Whether softee-secure, softee-hyp and the live drivers still run. */
bool fi_daemons_alive(const struct fi_stack *st);

/*
 * fault_inject_storage.c: persistent objects (two per client) written
 * through the kills, in memory shared by the injector and its clients.
 */
#define FI_MAX_OBJS	4096
struct fi_obj {
	atomic_uint acked;		/* last version whose write succeeded */
	atomic_uint started;		/* last version a write was begun for */
	atomic_uint world;		/* the normal world it was written from */
};
struct fi_store {
	atomic_size_t n;		/* objects handed out */
	struct fi_obj obj[FI_MAX_OBJS];
};
/*
 * Write the next version of one of objects first/first+1 and check the
 * other. 0, or -1 with r set (r->corrupt: an object lost or wrong).
 */
int fi_storage_step(struct fi_store *st, size_t first, uint64_t rnd,
		    struct perf_load_result *r);
/*
 * Check every object written from world w (printing each bad one), then
 * delete them. Runs with SOFTEE_DEV_DIR of that world.
 */
size_t fi_storage_final(struct fi_store *st, unsigned int w, size_t *checked);

#endif /* SOFTEE_FAULT_INJECT_H */
