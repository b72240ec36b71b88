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
#define CLI_MAX_VMS		16
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
	const char *storage_dir;	/* --storage: key and REE FS root, or NULL */
	const char *ta_pubkey;		/* --ta-pubkey: TA signing key (PEM), or NULL */
	char **cmd;			/* `run`: the command, NULL-terminated */
	/* Several normal worlds (vms.c, docs/virtualization.md). */
	unsigned int vms;		/* 0: one normal world, no hypervisor */
	unsigned int in_vm;		/* run: CMD's VM (default 1) */
	bool each_vm;			/* run: CMD in every VM at once */
	const char *hyp_args[CLI_MAX_LIST];
	size_t n_hyp_args;
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
	char storage_key[4096];		/* secure storage: device key file */
	char fs_dir[4096];		/* secure storage: REE FS root */
	char ta_pubkey[4096];		/* absolute --ta-pubkey, or "" */
	struct stack_proc procs[3];
	/* --vms: the hypervisor and each VM's driver and supplicant. */
	pid_t hyp_pid;
	pid_t vm_pids[CLI_MAX_VMS][2];
	unsigned int vms;
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
/* One of the three daemons of st with o's options and extra args. */
pid_t stack_start_one(const struct stack *st, int idx,
		      const struct cli_opts *o, const char *const *extra);
/* Any other daemon from a full argv; pid or -1 after saying why. */
pid_t stack_launch_argv(const char *run_dir, const char *name,
			const char *const *argv, unsigned int timeout_ms);

/*
 * vms.c: several normal worlds. DIR holds the secure world and
 * softee-hyp; DIR/vm<k> each VM's driver and supplicant (and the hyp's
 * guest socket where the driver looks for the secure world).
 */
int vms_start(struct stack *st, const struct cli_opts *o);
/* Stop the VMs' daemons and the hypervisor of run_dir, if any. */
void vms_stop(const char *run_dir, struct stack *st, unsigned int timeout_ms);
/* How many vm<k> directories run_dir has (0: a single normal world). */
unsigned int vms_count(const char *run_dir);
/* In a child about to run a command in VM k: its environment. */
void vms_child_env(const char *run_dir, unsigned int k);
/* run: CMD in every VM at once (their stdout relayed by whole lines). */
int vms_run(char **cmd, const char *run_dir, const struct cli_opts *o);
/* status/stat: the hypervisor and every VM's daemons; answers counted. */
int vms_status(const char *run_dir, const char *cmd, FILE *out);

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
int cli_cmd_exec(int argc, char **argv);	/* vms.c */

#endif /* SOFTEE_CLI_H */
