/* SPDX-License-Identifier: BSD-2-Clause */
/* A tiny line-oriented control server and client over a Unix stream socket. */
#define _GNU_SOURCE
#include "ctl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "util.h"

static struct {
	int lfd;
	int stop_pipe[2];
	pthread_t thread;
	ctl_handler_fn fn;
	void *arg;
	char path[108];
	int running;
} ctl = { .lfd = -1, .stop_pipe = { -1, -1 } };

static void ctl_serve_one(int cfd)
{
	char line[256];
	size_t n = 0;
	char *buf = NULL;
	size_t blen = 0;
	FILE *out;

	/* Read one line (bounded); a slow or silent client gets 2 s. */
	while (n < sizeof(line) - 1) {
		struct pollfd p = { .fd = cfd, .events = POLLIN };
		ssize_t r;

		if (poll(&p, 1, 2000) <= 0)
			return;
		r = read(cfd, line + n, 1);
		if (r <= 0)
			return;
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	out = open_memstream(&buf, &blen);
	if (!out)
		return;
	ctl.fn(line, out, ctl.arg);
	fclose(out);
	write_full(cfd, buf, blen);
	free(buf);
}

static void *ctl_thread(void *unused)
{
	(void)unused;
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = ctl.lfd, .events = POLLIN },
			{ .fd = ctl.stop_pipe[0], .events = POLLIN },
		};

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents)
			break;
		if (p[0].revents & POLLIN) {
			int cfd = accept4(ctl.lfd, NULL, NULL, SOCK_CLOEXEC);

			if (cfd >= 0) {
				ctl_serve_one(cfd);
				close(cfd);
			}
		}
	}
	return NULL;
}

int ctl_server_start(const char *path, ctl_handler_fn fn, void *arg)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int r;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	ctl.lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ctl.lfd < 0)
		return -errno;
	unlink(path);
	if (bind(ctl.lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(ctl.lfd, 8) < 0 || pipe2(ctl.stop_pipe, O_CLOEXEC) < 0) {
		r = -errno;
		close(ctl.lfd);
		ctl.lfd = -1;
		return r;
	}
	ctl.fn = fn;
	ctl.arg = arg;
	snprintf(ctl.path, sizeof(ctl.path), "%s", path);
	r = pthread_create(&ctl.thread, NULL, ctl_thread, NULL);
	if (r) {
		close(ctl.lfd);
		close(ctl.stop_pipe[0]);
		close(ctl.stop_pipe[1]);
		ctl.lfd = -1;
		return -r;
	}
	ctl.running = 1;
	return 0;
}

void ctl_server_stop(void)
{
	if (!ctl.running)
		return;
	write_full(ctl.stop_pipe[1], "x", 1);
	pthread_join(ctl.thread, NULL);
	close(ctl.lfd);
	close(ctl.stop_pipe[0]);
	close(ctl.stop_pipe[1]);
	unlink(ctl.path);
	ctl.running = 0;
	ctl.lfd = -1;
}

int ctl_query(const char *path, const char *cmd, FILE *out)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char buf[4096];
	int fd, r;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	r = write_full(fd, cmd, strlen(cmd));
	if (!r)
		r = write_full(fd, "\n", 1);
	while (!r) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		fwrite(buf, 1, (size_t)n, out);
	}
	close(fd);
	return r;
}
