// SPDX-License-Identifier: BSD-2-Clause
/*
 * The bad-input suite: malformed requests on the device protocol (against
 * the stack in $SOFTEE_DEV_DIR) and on the SMC channel (against a secure
 * world this program starts itself, since a new boot_id would reset a
 * real driver's normal world).
 * usage: bad_input --dev | --smc SOFTEE_SECURE_BIN  [TEST...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bad_input.h"
#include "wire.h"

TESTLIB_DEFINE_STATE;

char bi_smc_dir[256];

ssize_t bi_recv(int sock, void *buf, size_t cap, int *fds, int *nfds)
{
	struct pollfd p = { .fd = sock, .events = POLLIN };
	int lfds[WIRE_MAX_FDS], ln = 0;
	ssize_t n;
	int r;

	do
		r = poll(&p, 1, BI_TIMEOUT_MS);
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

/* Start softee-secure in a fresh directory; returns its pid or -1. */
static pid_t bi_start_secure(const char *bin)
{
	char fdarg[16], buf[16];
	int pfd[2];
	pid_t pid;
	ssize_t n;

	snprintf(bi_smc_dir, 256, "/tmp/softee-bad-input-XXXXXX");
	if (!mkdtemp(bi_smc_dir))
		return -1;
	if (pipe(pfd))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		snprintf(fdarg, sizeof(fdarg), "%d", pfd[1]);
		execl(bin, bin, "--run-dir", bi_smc_dir, "--ready-fd", fdarg,
		      "--threads", "4", "--log-level", "err", (char *)NULL);
		fprintf(stderr, "bad_input: exec %s: %s\n", bin, strerror(errno));
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

static void bi_stop_secure(pid_t pid)
{
	char cmd[512];
	int st = 0;

	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", bi_smc_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bad_input: could not remove %s\n", bi_smc_dir);
}

static int bi_run(const struct bi_test *t, size_t n, int argc, char **argv,
		  int first)
{
	size_t k;
	int i, ran = 0;

	for (k = 0; k < n; k++) {
		int want = first >= argc;

		for (i = first; i < argc; i++)
			if (!strcmp(argv[i], t[k].name))
				want = 1;
		if (!want)
			continue;
		t[k].fn();
		testlib_report(t[k].name);
		ran++;
	}
	return ran;
}

int main(int argc, char **argv)
{
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && !strcmp(argv[1], "--dev")) {
		if (!getenv("SOFTEE_DEV_DIR")) {
			printf("FAIL: bad_input_dev: SOFTEE_DEV_DIR not set\n");
			return 1;
		}
		bi_run(bi_dev_tests, bi_dev_ntests, argc, argv, 2);
		return testlib_summary();
	}
	if (argc >= 3 && !strcmp(argv[1], "--smc")) {
		pid = bi_start_secure(argv[2]);
		if (pid < 0) {
			printf("FAIL: bad_input_smc_start: %s did not become ready\n",
			       argv[2]);
			return 1;
		}
		bi_run(bi_smc_tests, bi_smc_ntests, argc, argv, 3);
		bi_stop_secure(pid);
		return testlib_summary();
	}
	fprintf(stderr, "usage: %s --dev [TEST...] | --smc SECURE_BIN [TEST...]\n",
		argv[0]);
	return 2;
}
