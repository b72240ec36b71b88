/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Datagram transport used by every softee socket (SOCK_SEQPACKET): one
 * message per call, with file descriptors carried by SCM_RIGHTS.
 * This is the only place that touches sendmsg/recvmsg, so a faster
 * transport can replace it without the layers above noticing.
 */
#ifndef SOFTEE_WIRE_H
#define SOFTEE_WIRE_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

#define WIRE_MAX_FDS 8

/* Send one message; returns 0 or -errno. Retries on EINTR. */
int wire_send(int sock, const struct iovec *iov, int iovcnt,
	      const int *fds, int nfds);
/* Convenience: one buffer. */
int wire_send_buf(int sock, const void *buf, size_t len,
		  const int *fds, int nfds);

/*
 * Receive one message into buf. Returns its length, 0 when the peer
 * closed, or -errno: -EMSGSIZE if it did not fit (message dropped),
 * -EPROTO if more than max_fds fds came (all of them closed).
 * Received fds are close-on-exec; *nfds is set to how many arrived.
 */
ssize_t wire_recv(int sock, void *buf, size_t cap, int *fds, int *nfds,
		  int max_fds);

/* Close every fd in fds[0..n). */
void wire_close_fds(int *fds, int n);

/* Create a SOCK_SEQPACKET listener at path (unlinks a stale socket only
 * if nothing answers on it). Returns fd or -errno (-EADDRINUSE if a live
 * server owns it). */
int wire_listen(const char *path, int backlog);
/* Connect to a SOCK_SEQPACKET listener. Returns fd or -errno. */
int wire_connect(const char *path);

#endif /* SOFTEE_WIRE_H */
