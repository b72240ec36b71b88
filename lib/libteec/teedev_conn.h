/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One connection to a softee driver socket: tagged requests with any number
 * in flight, replies demultiplexed to the threads that wait for them.
 */
#ifndef SOFTEE_TEEDEV_CONN_H
#define SOFTEE_TEEDEV_CONN_H

#include <stdbool.h>
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
/*
 * The same, calling during(arg) right after sending (whether or not the
 * send worked), before waiting: work that can overlap the driver's. It
 * is not called when the call fails before sending.
 */
int teedev_conn_call_during(struct teedev_conn *c, uint32_t op,
			    const struct iovec *iov, int iovcnt,
			    const int *fds, int nfds,
			    void *out, size_t out_cap, int *out_fd,
			    void (*during)(void *), void *arg);

/*
 * Send a request that wants no reply (tag 0, SOFTEE_DEV_OP_STATS).
 * 0 or -errno.
 */
int teedev_conn_send_noreply(struct teedev_conn *c, uint32_t op,
			     const void *payload, size_t len);

/*
 * The driver's page size G and limits (SOFTEE_DEV_OP_INFO), asked once
 * per connection. A driver that does not know the op (older than dynamic
 * shared memory) gives 4096 and no limits. 0 or -errno.
 */
struct softee_dev_info;
int teedev_conn_info(struct teedev_conn *c, struct softee_dev_info *info);

/* What the client copied or shared (SOFTEE_DEV_OP_STATS counters). */
enum teedev_stat {
	TEEDEV_STAT_ZERO_COPY,
	TEEDEV_STAT_BOUNCE,
	TEEDEV_STAT_SHADOW,
	TEEDEV_STAT_PINNED,
};
void teedev_conn_count(struct teedev_conn *c, enum teedev_stat which,
		       uint64_t bytes);
/*
 * Report the counters if they changed: force, or every
 * TEEDEV_STATS_EVERY calls of this function.
 */
#define TEEDEV_STATS_EVERY 64
void teedev_conn_report(struct teedev_conn *c, bool force);

#endif /* SOFTEE_TEEDEV_CONN_H */
