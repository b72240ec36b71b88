/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake softee driver in a thread, for the pinning unit tests: it
 * records registrations (segments and memfds), answers INFO, INVOKE,
 * SHM_RELEASE and STATS.
 */
#ifndef SOFTEE_TESTS_LIBTEEC_PIN_FAKE_H
#define SOFTEE_TESTS_LIBTEEC_PIN_FAKE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/tee.h>

#include "softee_dev.h"
#include "wire.h"

#define PG 4096UL

/* What the fake driver saw of the last registration. */
struct fake_reg {
	struct tee_ioctl_shm_register_data d;
	uint32_t n_segs;
	struct softee_dev_reg_seg segs[SOFTEE_DEV_MAX_REG_SEGS];
	int fds[WIRE_MAX_FDS];
	int nfds;
};

struct fake {
	pthread_t th;
	int dfd;
	int cfd;
	uint32_t page_size;
	pthread_mutex_t lock;
	struct fake_reg last;
	int infos;
	int regs;
	int releases;
	int stats_msgs;
	struct softee_dev_client_stats stats;
	/* Run in the driver thread for each INVOKE. */
	void (*on_invoke)(struct fake *f, struct tee_ioctl_invoke_arg *a);
	void *priv;
};

/* A listening socket in a private directory named by SOFTEE_DEV_DIR. */
int fake_setup(void);
void fake_teardown(void);
/* Connect a device fd to a new fake driver thread (page size G). */
int fake_open(struct fake *f, uint32_t page_size);
void fake_close(struct fake *f);
void fake_reg_clear(struct fake_reg *r);
/* Register [addr, addr+len); the registration fd or -1 (errno). */
int reg(struct fake *f, void *addr, size_t len, int *id);
uint64_t fd_ino(int fd);
/* Anonymous private memory at an aligned address (+ slack pages). */
uint8_t *anon_aligned(size_t len, size_t align);
/* The inode of the memfd the last registration pinned va in, or 0. */
uint64_t pinned_ino_at(const struct fake *f, uintptr_t va);

#endif
