/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `softee run`: a whole stack in a private run directory for the length
 * of one command, whose exit status becomes ours.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static volatile pid_t run_child;

/* Forward to the command; the daemons are stopped after it ends. */
static void run_forward(int sig)
{
	cli_interrupted = 1;
	if (run_child > 0)
		kill(run_child, sig);
}

static int run_make_dir(char *buf, size_t cap)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	const char *base = "/tmp";

	if (xdg && *xdg == '/' && !stat(xdg, &st) && S_ISDIR(st.st_mode) &&
	    strlen(xdg) < 64 && !access(xdg, W_OK))
		base = xdg;
	if (snprintf(buf, cap, "%s/softee-run.XXXXXX", base) >= (int)cap)
		return -ENAMETOOLONG;
	if (!mkdtemp(buf))
		return -errno;
	return 0;
}

static int run_exec(char **cmd, const char *run_dir, const struct cli_opts *o)
{
	sigset_t none;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		fprintf(stderr, CLI_PROG " run: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		setenv("SOFTEE_DEV_DIR", run_dir, 1);
		if (o->vms)
			vms_child_env(run_dir, o->in_vm ? o->in_vm : 1);
		execvp(cmd[0], cmd);
		fprintf(stderr, CLI_PROG " run: cannot execute %s: %s\n", cmd[0],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	run_child = pid;
	return 0;
}

static int run_wait(void)
{
	int status;

	for (;;) {
		if (waitpid(run_child, &status, 0) == run_child)
			break;
		if (errno != EINTR)
			return CLI_EXIT_STACK_FAILED;
	}
	run_child = 0;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

int cli_cmd_run(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = run_forward };
	char run_dir[PATH_MAX];
	struct cli_opts o;
	struct stack st;
	int status;
	int rc;

	rc = cli_parse_opts("run", argc, argv, &o);
	if (rc) {
		if (rc > 0) {
			printf("usage: softee run [options] [--] CMD ARGS...\n");
			cli_opts_usage(stdout);
			return 0;
		}
		return CLI_EXIT_STACK_FAILED;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	rc = run_make_dir(run_dir, sizeof(run_dir));
	if (rc) {
		fprintf(stderr, CLI_PROG " run: cannot create a run directory: %s\n",
			strerror(-rc));
		return CLI_EXIT_STACK_FAILED;
	}
	if (stack_start(&st, run_dir, &o)) {
		fprintf(stderr, CLI_PROG " run: the softee stack failed to start%s%s\n",
			o.keep_run_dir ? "; logs kept in " : "",
			o.keep_run_dir ? run_dir : "");
		if (!o.keep_run_dir)
			cli_rm_rf(run_dir);
		return CLI_EXIT_STACK_FAILED;
	}

	if (cli_interrupted)
		status = 130;	/* interrupted before the command could start */
	else if (o.each_vm)
		status = vms_run(o.cmd, run_dir, &o);
	else if (run_exec(o.cmd, run_dir, &o))
		status = CLI_EXIT_STACK_FAILED;
	else
		status = run_wait();

	stack_stop(run_dir, &st, o.timeout_ms);
	if (o.keep_run_dir)
		fprintf(stderr, CLI_PROG " run: run directory kept: %s\n", run_dir);
	else
		cli_rm_rf(run_dir);
	return status;
}
