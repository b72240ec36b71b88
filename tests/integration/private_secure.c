/* SPDX-License-Identifier: BSD-2-Clause */
/* A private secure world for the raw SMC-channel tests. */
#define _GNU_SOURCE
#include "private_secure.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "softee_chan.h"
#include "wire.h"

ssize_t ps_recv(int sock, void *buf, size_t cap, int *fds, int *nfds,
		int timeout_ms)
{
	struct pollfd p = { .fd = sock, .events = POLLIN };
	int lfds[WIRE_MAX_FDS], ln = 0;
	ssize_t n;
	int r;

	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (r == 0)
		return -ETIMEDOUT;
	n = wire_recv(sock, buf, cap, fds ? fds : lfds, fds ? nfds : &ln,
		      WIRE_MAX_FDS);
	if (!fds)
		wire_close_fds(lfds, ln);
	if (n == -ECONNRESET)
		return 0;
	return n;
}

pid_t ps_start_secure(const char *bin, const char *tag, char *dir,
		      size_t dir_len)
{
	char fdarg[16], buf[16];
	int pfd[2];
	pid_t pid;
	ssize_t n;

	snprintf(dir, dir_len, "/tmp/softee-%s-XXXXXX", tag);
	if (!mkdtemp(dir))
		return -1;
	if (pipe(pfd))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		snprintf(fdarg, sizeof(fdarg), "%d", pfd[1]);
		execl(bin, bin, "--run-dir", dir, "--ready-fd", fdarg,
		      "--threads", "4", "--log-level", "err", (char *)NULL);
		fprintf(stderr, "%s: exec %s: %s\n", tag, bin, strerror(errno));
		_exit(127);
	}
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		return -1;
	}
	n = read(pfd[0], buf, sizeof(buf));
	close(pfd[0]);
	if (n < 5 || strncmp(buf, "ready", 5)) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

int ps_stop_secure(pid_t pid, const char *dir)
{
	char cmd[512];
	int st = 0, alive;

	alive = waitpid(pid, &st, WNOHANG) == 0;
	if (alive) {
		kill(pid, SIGTERM);
		waitpid(pid, &st, 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return alive;
}

ssize_t ps_chan_req(int s, uint16_t op, const void *pl, uint32_t len,
		    const int *fds, int nfds, void *rep, size_t cap,
		    int timeout_ms)
{
	static uint8_t buf[sizeof(struct softee_chan_hdr) +
			   SOFTEE_CHAN_MAX_PAYLOAD + 64];
	static uint32_t seq = 1;
	struct softee_chan_hdr h = { SOFTEE_CHAN_MAGIC, op, 0, len, seq++ };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };
	struct softee_chan_hdr rh;
	ssize_t n;
	int r;

	r = wire_send(s, iov, len ? 2 : 1, fds, nfds);
	if (r == -EPIPE || r == -ECONNRESET)
		return 0;
	if (r)
		return r;
	n = ps_recv(s, buf, sizeof(buf), NULL, NULL, timeout_ms);
	if (n <= 0)
		return n;
	if (n < (ssize_t)sizeof(rh))
		return -EPROTO;
	memcpy(&rh, buf, sizeof(rh));
	if (rh.magic != SOFTEE_CHAN_MAGIC || rh.seq != h.seq ||
	    rh.len != (size_t)n - sizeof(rh))
		return -EPROTO;
	n -= (ssize_t)sizeof(rh);
	memcpy(rep, buf + sizeof(rh), (size_t)n < cap ? (size_t)n : cap);
	return n;
}
