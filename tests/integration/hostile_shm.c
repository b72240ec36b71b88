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
#include "private_secure.h"
#include "wire.h"

TESTLIB_DEFINE_STATE;

char hs_dir[256];

ssize_t hs_recv(int sock, void *buf, size_t cap, int *fds, int *nfds)
{
	return ps_recv(sock, buf, cap, fds, nfds, HS_TIMEOUT_MS);
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
		pid = ps_start_secure(argv[2], "hostile-shm", hs_dir, sizeof(hs_dir));
		if (pid < 0) {
			printf("FAIL: hostile_shm_smc_start: %s did not become ready\n",
			       argv[2]);
			return 1;
		}
		hs_run(hs_smc_tests, hs_smc_ntests, argc, argv, 3);
		if (!ps_stop_secure(pid, hs_dir)) {
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
