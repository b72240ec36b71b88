/* SPDX-License-Identifier: BSD-2-Clause */
/* The softee command line: subcommand dispatch and help. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

volatile sig_atomic_t cli_interrupted;

static void cli_usage(FILE *f)
{
	fprintf(f,
		"usage: softee COMMAND [options]\n"
		"\n"
		"commands:\n"
		"  run [options] -- CMD ARGS...   start a private stack, run CMD with\n"
		"                                 SOFTEE_DEV_DIR set, stop the stack and\n"
		"                                 exit with CMD's status (125: the stack\n"
		"                                 failed to start)\n"
		"  start [options] [--run-dir DIR]  start a stack that keeps running\n"
		"  stop [--run-dir DIR]           stop it\n"
		"  status|stat [--run-dir DIR]    ask each daemon for its status/counters\n"
		"  restart-supplicant [--run-dir DIR]  kill and restart the supplicant\n"
		"                                 (with --vms: --run-dir DIR/vm<k>)\n"
		"  exec [--run-dir DIR] (--vm K | --each-vm) -- CMD ARGS...\n"
		"                                 run CMD in VM K of a --vms stack\n"
		"  sign --key PEM --uuid UUID --in ELF --out FILE.ta\n"
		"                                 sign a TA image\n"
		"  perf SUBCOMMAND [options]      benchmarks: null, session, scale, shm,\n"
		"                                 crypto, hyp, soak, all (softee-perf;\n"
		"                                 softee perf --help)\n"
		"  help, --help, --version\n"
		"\n");
	cli_opts_usage(f);
}

/* `softee perf ...` is softee-perf, installed beside this program. */
static int cli_cmd_perf(int argc, char **argv)
{
	char dir[PATH_MAX], prog[PATH_MAX + 16];

	if (cli_bin_dir(dir, sizeof(dir)) ||
	    snprintf(prog, sizeof(prog), "%s/softee-perf", dir) >= (int)sizeof(prog)) {
		fprintf(stderr, CLI_PROG ": cannot find my own directory\n");
		return 1;
	}
	argv[0] = prog;
	execv(prog, argv);
	fprintf(stderr, CLI_PROG ": cannot run %s: %s\n", prog, strerror(errno));
	(void)argc;
	return 1;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "run", cli_cmd_run },
		{ "start", cli_cmd_start },
		{ "stop", cli_cmd_stop },
		{ "status", cli_cmd_status },
		{ "stat", cli_cmd_status },
		{ "restart-supplicant", cli_cmd_restart_supplicant },
		{ "sign", cli_cmd_sign },
		{ "exec", cli_cmd_exec },
		{ "perf", cli_cmd_perf },
	};
	size_t i;

	if (argc < 2) {
		cli_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		cli_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("softee " SOFTEE_VERSION "\n");
		return 0;
	}
	/* The daemons' sockets may vanish under us; report, do not die. */
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, CLI_PROG ": unknown command '%s' (see softee --help)\n",
		argv[1]);
	return 2;
}
