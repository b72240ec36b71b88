/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared declarations of the softee command line tool's parts. */
#ifndef SOFTEE_CLI_H
#define SOFTEE_CLI_H

#include <signal.h>
#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define CLI_PROG		"softee"
#define CLI_MAX_LIST		32
#define CLI_DEFAULT_TIMEOUT_MS	20000
/* Exit status of `softee run` when the stack itself failed. */
#define CLI_EXIT_STACK_FAILED	125

/* Options shared by `run`, `start` and friends (see docs/processes.md). */
struct cli_opts {
	const char *run_dir;
	const char *log_level;
	unsigned int threads;		/* 0: the secure world's default */
	uint64_t carveout_size;		/* 0: default */
	unsigned int page_size;		/* 0: default */
	bool no_reserved_shm;
	bool no_dynamic_shm;
	bool keep_run_dir;
	bool no_supplicant;
	const char *supplicant;		/* other supplicant program, or NULL */
	unsigned int timeout_ms;
	const char *ta_dirs[CLI_MAX_LIST];
	size_t n_ta_dirs;
	const char *driver_args[CLI_MAX_LIST];
	size_t n_driver_args;
	const char *secure_args[CLI_MAX_LIST];
	size_t n_secure_args;
	const char *supplicant_args[CLI_MAX_LIST];
	size_t n_supplicant_args;
	char **cmd;			/* `run`: the command, NULL-terminated */
};

/* opts.c: parsing. */
int cli_parse_size(const char *s, uint64_t *out);
int cli_parse_uint(const char *s, unsigned int min, unsigned int max,
		   unsigned int *out);
/*
 * Parse the options of subcommand `sub` (argv[0] is the subcommand).
 * Returns 0, 1 after printing help, or -1 after printing an error.
 */
int cli_parse_opts(const char *sub, int argc, char **argv,
		   struct cli_opts *o);
void cli_opts_usage(FILE *f);

/* util.c: small file helpers. */
int cli_read_file(const char *path, size_t max, char **buf, size_t *len);
int cli_write_file(const char *path, const void *buf, size_t len, int mode);
int cli_rm_rf(const char *dir);
int cli_bin_dir(char *buf, size_t cap);
void cli_default_run_dir(char *buf, size_t cap);
int cli_mkdir_p(const char *dir);
void cli_print_log_tail(const char *path, int lines);

/* stack.c: the daemons of one run directory. */
struct stack_proc {
	const char *name;	/* "secure", "driver", "supplicant" */
	pid_t pid;		/* 0 if not started by us */
};
struct stack {
	char run_dir[4096];
	char bin_dir[4096];
	struct stack_proc procs[3];
};
/* The daemons in start order. */
extern const char *const stack_names[3];

/* Starts secure world, driver, supplicant; prints why on failure. */
int stack_start(struct stack *st, const char *run_dir,
		const struct cli_opts *o);
/* Stops the daemons of run_dir (children of st if given). */
void stack_stop(const char *run_dir, struct stack *st, unsigned int timeout_ms);
/* Stop one daemon by its pid file; 0 if stopped or not running. */
int stack_stop_one(const char *run_dir, const char *name, pid_t child,
		   unsigned int timeout_ms);
/* 0 if no stack answers in run_dir; else prints why and returns -EBUSY. */
int stack_check_free(const char *run_dir);
/* Relaunch a daemon from its saved command line (restart-supplicant). */
int stack_relaunch(const char *run_dir, const char *name,
		   unsigned int timeout_ms);

/* Set by SIGINT/SIGTERM while the CLI waits; stack_start gives up. */
extern volatile sig_atomic_t cli_interrupted;

/* Subcommands. */
int cli_cmd_run(int argc, char **argv);
int cli_cmd_start(int argc, char **argv);
int cli_cmd_stop(int argc, char **argv);
int cli_cmd_restart_supplicant(int argc, char **argv);
int cli_cmd_status(int argc, char **argv);	/* status and stat */
int cli_cmd_sign(int argc, char **argv);

#endif /* SOFTEE_CLI_H */
