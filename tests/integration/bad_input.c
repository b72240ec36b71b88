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
#include "private_secure.h"
#include "wire.h"

TESTLIB_DEFINE_STATE;

char bi_smc_dir[256];

ssize_t bi_recv(int sock, void *buf, size_t cap, int *fds, int *nfds)
{
	return ps_recv(sock, buf, cap, fds, nfds, BI_TIMEOUT_MS);
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
		pid = ps_start_secure(argv[2], "bad-input", bi_smc_dir, sizeof(bi_smc_dir));
		if (pid < 0) {
			printf("FAIL: bad_input_smc_start: %s did not become ready\n",
			       argv[2]);
			return 1;
		}
		bi_run(bi_smc_tests, bi_smc_ntests, argc, argv, 3);
		ps_stop_secure(pid, bi_smc_dir);
		return testlib_summary();
	}
	fprintf(stderr, "usage: %s --dev [TEST...] | --smc SECURE_BIN [TEST...]\n",
		argv[0]);
	return 2;
}
