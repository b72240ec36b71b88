/* SPDX-License-Identifier: BSD-2-Clause */
/* SOCK_SEQPACKET datagrams with SCM_RIGHTS: the one transport in softee. */
#define _GNU_SOURCE
#include "wire.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int wire_send(int sock, const struct iovec *iov, int iovcnt,
	      const int *fds, int nfds)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * WIRE_MAX_FDS)];
		struct cmsghdr align;
	} ctl;
	struct msghdr mh = {
		.msg_iov = (struct iovec *)iov,
		.msg_iovlen = (size_t)iovcnt,
	};
	ssize_t n;

	if (nfds < 0 || nfds > WIRE_MAX_FDS)
		return -EINVAL;
	if (nfds) {
		struct cmsghdr *c;

		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
	}
	do {
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : 0;
}

int wire_send_buf(int sock, const void *buf, size_t len, const int *fds,
		  int nfds)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

	return wire_send(sock, &iov, 1, fds, nfds);
}

void wire_close_fds(int *fds, int n)
{
	for (int i = 0; i < n; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
}

ssize_t wire_recv(int sock, void *buf, size_t cap, int *fds, int *nfds,
		  int max_fds)
{
	union {
		/* room for more than we accept, so excess fds can be closed */
		char buf[CMSG_SPACE(sizeof(int) * 64)];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr mh = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = ctl.buf,
		.msg_controllen = sizeof(ctl.buf),
	};
	int got = 0, excess = 0;
	ssize_t n;

	if (nfds)
		*nfds = 0;
	do {
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;

	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		int cnt = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		int *p = (int *)CMSG_DATA(c);

		for (int i = 0; i < cnt; i++) {
			int fd;

			memcpy(&fd, p + i, sizeof(fd));
			if (fds && got < max_fds) {
				fds[got++] = fd;
			} else {
				close(fd);
				excess = 1;
			}
		}
	}
	if (nfds)
		*nfds = got;
	if (excess || (mh.msg_flags & MSG_CTRUNC)) {
		wire_close_fds(fds, got);
		if (nfds)
			*nfds = 0;
		return -EPROTO;
	}
	if (mh.msg_flags & MSG_TRUNC) {
		wire_close_fds(fds, got);
		if (nfds)
			*nfds = 0;
		return -EMSGSIZE;
	}
	return n;
}

static int fill_addr(struct sockaddr_un *sa, const char *path)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa->sun_path))
		return -ENAMETOOLONG;
	strcpy(sa->sun_path, path);
	return 0;
}

int wire_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd, r;

	r = fill_addr(&sa, path);
	if (r)
		return r;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	return fd;
}

int wire_listen(const char *path, int backlog)
{
	struct sockaddr_un sa;
	int fd, r;

	r = fill_addr(&sa, path);
	if (r)
		return r;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		r = -errno;
		if (r == -EADDRINUSE) {
			/* Stale socket file, or a live server? Ask it. */
			int probe = wire_connect(path);

			if (probe >= 0) {
				close(probe);
				close(fd);
				return -EADDRINUSE;
			}
			unlink(path);
			if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
				goto bound;
			r = -errno;
		}
		close(fd);
		return r;
	}
bound:
	if (listen(fd, backlog) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	return fd;
}
