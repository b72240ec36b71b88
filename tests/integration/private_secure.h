/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A private softee-secure for raw SMC-channel tests (a new boot_id there
 * must not reset a real driver's normal world), and a bounded receive.
 */
#ifndef SOFTEE_TEST_PRIVATE_SECURE_H
#define SOFTEE_TEST_PRIVATE_SECURE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Receive one message within timeout_ms. Returns its length, 0 if the peer
 * closed, -ETIMEDOUT, or -errno. With fds NULL, received fds are closed.
 */
ssize_t ps_recv(int sock, void *buf, size_t cap, int *fds, int *nfds,
		int timeout_ms);

/*
 * Start bin (softee-secure) in a fresh /tmp/softee-<tag>-XXXXXX directory,
 * written to dir, and wait for it to be ready. Returns its pid or -1.
 */
pid_t ps_start_secure(const char *bin, const char *tag, char *dir,
		      size_t dir_len);

/*
 * Stop it and remove its directory. Returns 1 if it was still alive when
 * asked to stop (it had not crashed), else 0.
 */
int ps_stop_secure(pid_t pid, const char *dir);

/*
 * One SMC-channel request (softee_chan.h) and its reply within timeout_ms:
 * the reply payload's length (up to cap bytes copied to rep), 0 if the
 * secure world closed the channel, or -errno (-EPROTO: a malformed reply).
 */
ssize_t ps_chan_req(int s, uint16_t op, const void *pl, uint32_t len,
		    const int *fds, int nfds, void *rep, size_t cap,
		    int timeout_ms);

#endif
