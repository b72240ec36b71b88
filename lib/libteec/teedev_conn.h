/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One connection to a softee driver socket: tagged requests with any number
 * in flight, replies demultiplexed to the threads that wait for them.
 */
#ifndef SOFTEE_TEEDEV_CONN_H
#define SOFTEE_TEEDEV_CONN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

struct teedev_conn;

/* Wrap a connected socket (ownership passes on success). NULL: ENOMEM. */
struct teedev_conn *teedev_conn_new(int sock);
void teedev_conn_get(struct teedev_conn *c);
/* Drop a reference; the last one closes the socket. */
void teedev_conn_put(struct teedev_conn *c);

/*
 * Send request op with the payload in iov[0..iovcnt) and fds, and wait for
 * its reply. On success (return 0) the reply payload is copied to out
 * (out_cap must hold the expected length) and *out_fd, if the op returns
 * an fd, gets it (else -1). Returns the driver's 0 or -errno, or -EIO if
 * the connection is dead or the driver broke the protocol (after which
 * every request on this connection fails with -EIO).
 */
int teedev_conn_call(struct teedev_conn *c, uint32_t op,
		     const struct iovec *iov, int iovcnt,
		     const int *fds, int nfds,
		     void *out, size_t out_cap, int *out_fd);

#endif /* SOFTEE_TEEDEV_CONN_H */
