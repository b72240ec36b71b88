/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `softee start|stop|restart-supplicant`: a stack that outlives the
 * command, in a named run directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void start_on_signal(int sig)
{
	cli_interrupted = 1;
}

/* Parse options and resolve the run dir; 0, 1 (help shown) or -1. */
static int start_common(const char *sub, int argc, char **argv,
			struct cli_opts *o, char *dir, size_t cap)
{
	int rc = cli_parse_opts(sub, argc, argv, o);

	if (rc > 0) {
		printf("usage: softee %s [options]\n", sub);
		cli_opts_usage(stdout);
		return 1;
	}
	if (rc)
		return -1;
	if (o->run_dir)
		snprintf(dir, cap, "%s", o->run_dir);
	else
		cli_default_run_dir(dir, cap);
	return 0;
}

int cli_cmd_start(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = start_on_signal };
	char dir[PATH_MAX];
	struct cli_opts o;
	struct stack st;
	int rc;

	rc = start_common("start", argc, argv, &o, dir, sizeof(dir));
	if (rc)
		return rc > 0 ? 0 : 1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rc = cli_mkdir_p(dir);
	if (rc) {
		fprintf(stderr, CLI_PROG " start: cannot create %s: %s\n", dir,
			strerror(-rc));
		return 1;
	}
	if (stack_check_free(dir))
		return 1;
	if (stack_start(&st, dir, &o)) {
		fprintf(stderr, CLI_PROG " start: the softee stack failed to start (logs in %s)\n",
			dir);
		return 1;
	}
	printf("softee stack running in %s\n", dir);
	if (o.vms)
		printf("%u VMs: softee exec --run-dir %s --vm K -- CMD, or\n"
		       "export SOFTEE_DEV_DIR=%s/vm1\n", o.vms, dir, dir);
	else
		printf("export SOFTEE_DEV_DIR=%s\n", dir);
	return 0;
}

int cli_cmd_stop(int argc, char **argv)
{
	char dir[PATH_MAX];
	struct cli_opts o;
	int rc;

	rc = start_common("stop", argc, argv, &o, dir, sizeof(dir));
	if (rc)
		return rc > 0 ? 0 : 1;
	stack_stop(dir, NULL, o.timeout_ms);
	return 0;
}

int cli_cmd_restart_supplicant(int argc, char **argv)
{
	char dir[PATH_MAX];
	struct cli_opts o;
	int rc;

	rc = start_common("restart-supplicant", argc, argv, &o, dir, sizeof(dir));
	if (rc)
		return rc > 0 ? 0 : 1;
	if (stack_relaunch(dir, "supplicant", o.timeout_ms))
		return 1;
	return 0;
}
