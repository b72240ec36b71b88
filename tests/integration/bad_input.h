/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared pieces of the bad-input suite (bad_input*.c). */
#ifndef SOFTEE_BAD_INPUT_H
#define SOFTEE_BAD_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "testlib.h"

struct bi_test {
	const char *name;
	void (*fn)(void);
};
#define BI_T(n) { #n, test_##n }

extern const struct bi_test bi_dev_tests[];
extern const size_t bi_dev_ntests;
extern const struct bi_test bi_smc_tests[];
extern const size_t bi_smc_ntests;

/* Run directory of the secure world the SMC tests started themselves. */
extern char bi_smc_dir[];

/* Reply timeout: a request that is neither answered nor closed is a bug. */
#define BI_TIMEOUT_MS 5000

/* Wait for one message; >0 its length, 0 peer closed, -ETIMEDOUT, -errno.
 * Received fds are closed unless fds is given. */
ssize_t bi_recv(int sock, void *buf, size_t cap, int *fds, int *nfds);

#endif /* SOFTEE_BAD_INPUT_H */
