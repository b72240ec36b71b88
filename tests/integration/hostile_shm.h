/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared pieces of the hostile shared-memory suite (hostile_shm*.c). */
#ifndef SOFTEE_HOSTILE_SHM_H
#define SOFTEE_HOSTILE_SHM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "testlib.h"

struct hs_test {
	const char *name;
	void (*fn)(void);
};
#define HS_T(n) { #n, test_##n }

extern const struct hs_test hs_smc_tests[];
extern const size_t hs_smc_ntests;
extern const struct hs_test hs_dev_tests[];
extern const size_t hs_dev_ntests;

/* Run directory of the secure world (--smc) or of the stack (--dev). */
extern char hs_dir[];

/* A request that is neither answered nor closed in time is a bug. */
#define HS_TIMEOUT_MS 10000

/* Wait for one message; >0 its length, 0 peer closed, -ETIMEDOUT, -errno.
 * Received fds are closed unless fds is given. */
ssize_t hs_recv(int sock, void *buf, size_t cap, int *fds, int *nfds);

#endif /* SOFTEE_HOSTILE_SHM_H */
