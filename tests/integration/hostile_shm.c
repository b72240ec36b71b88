// SPDX-License-Identifier: BSD-2-Clause
/*
 * The hostile shared-memory suite: malformed registrations and page lists
 * on the SMC channel (against a secure world this program starts itself)
 * and on the device protocol (against a stack started by softee run);
 * every one refused cleanly, nothing crashes, counts back to baseline.
 * usage: hostile_shm --smc SOFTEE_SECURE_BIN [TEST...] | --dev [TEST...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hostile_shm.h"
#include "wire.h"

TESTLIB_DEFINE_STATE;

char hs_dir[256];

ssize_t hs_recv(int sock, void *buf, size_t cap, int *fds, int *nfds)
{
	struct pollfd p = { .fd = sock, .events = POLLIN };
	int lfds[WIRE_MAX_FDS], ln = 0;
	ssize_t n;
	int r;

	do
		r = poll(&p, 1, HS_TIMEOUT_MS);
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

/* Start softee-secure in a fresh directory; its pid or -1. */
static pid_t hs_start_secure(const char *bin)
{
	char fdarg[16], buf[16];
	int pfd[2];
	pid_t pid;
	ssize_t n;

	snprintf(hs_dir, 256, "/tmp/softee-hostile-shm-XXXXXX");
	if (!mkdtemp(hs_dir))
		return -1;
	if (pipe(pfd))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		snprintf(fdarg, sizeof(fdarg), "%d", pfd[1]);
		execl(bin, bin, "--run-dir", hs_dir, "--ready-fd", fdarg,
		      "--threads", "4", "--log-level", "err", (char *)NULL);
		fprintf(stderr, "hostile_shm: exec %s: %s\n", bin,
			strerror(errno));
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

/* Stop it; 0 if it was still alive (not crashed) when asked to stop. */
static int hs_stop_secure(pid_t pid)
{
	char cmd[512];
	int st = 0, alive;

	alive = waitpid(pid, &st, WNOHANG) == 0;
	if (alive) {
		kill(pid, SIGTERM);
		waitpid(pid, &st, 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", hs_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "hostile_shm: could not remove %s\n", hs_dir);
	return alive ? 0 : -1;
}

static void hs_run(const struct hs_test *t, size_t n, int argc, char **argv,
		   int first)
{
	size_t k;
	int i;

	for (k = 0; k < n; k++) {
		int want = first >= argc;

		for (i = first; i < argc; i++)
			if (!strcmp(argv[i], t[k].name))
				want = 1;
		if (!want)
			continue;
		t[k].fn();
		testlib_report(t[k].name);
	}
}

int main(int argc, char **argv)
{
	const char *d;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && !strcmp(argv[1], "--dev")) {
		d = getenv("SOFTEE_DEV_DIR");
		if (!d || strlen(d) >= sizeof(hs_dir)) {
			printf("FAIL: hostile_shm_dev: SOFTEE_DEV_DIR not set\n");
			return 1;
		}
		snprintf(hs_dir, sizeof(hs_dir), "%s", d);
		hs_run(hs_dev_tests, hs_dev_ntests, argc, argv, 2);
		return testlib_summary();
	}
	if (argc >= 3 && !strcmp(argv[1], "--smc")) {
		pid = hs_start_secure(argv[2]);
		if (pid < 0) {
			printf("FAIL: hostile_shm_smc_start: %s did not become ready\n",
			       argv[2]);
			return 1;
		}
		hs_run(hs_smc_tests, hs_smc_ntests, argc, argv, 3);
		if (hs_stop_secure(pid)) {
			printf("FAIL: hostile_shm_smc_secure_world_survived: it died during the tests\n");
			return 1;
		}
		printf("PASS: hostile_shm_smc_secure_world_survived\n");
		return testlib_summary();
	}
	fprintf(stderr, "usage: %s --smc SECURE_BIN [TEST...] | --dev [TEST...]\n",
		argv[0]);
	return 2;
}
