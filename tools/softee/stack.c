/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Starting and stopping the daemons of one run directory: ready-fd pipes,
 * pid files, logs, saved command lines (for restarts) and clear messages
 * when something goes wrong.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "ctl.h"
#include "util.h"

#ifndef SOFTEE_PREFIX
#define SOFTEE_PREFIX "/usr/local"
#endif

/* The ready fd number every daemon gets (after stdin/out/err). */
#define STACK_READY_FD		3
#define STACK_MAX_ARGS		128
#define STACK_LOG_TAIL		15
/* A supplicant without --ready-fd must survive this long to count. */
#define STACK_CUSTOM_GRACE_MS	300

const char *const stack_names[3] = { "secure", "driver", "supplicant" };

struct stack_argv {
	const char *v[STACK_MAX_ARGS + 1];
	size_t n;
	char nums[8][32];
	size_t nnums;
	bool overflow;
};

static void sa_add(struct stack_argv *a, const char *s)
{
	if (a->n >= STACK_MAX_ARGS) {
		a->overflow = true;
		return;
	}
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

static void sa_add_u64(struct stack_argv *a, uint64_t v)
{
	if (a->nnums >= 8) {
		a->overflow = true;
		return;
	}
	snprintf(a->nums[a->nnums], sizeof(a->nums[0]), "%llu",
		 (unsigned long long)v);
	sa_add(a, a->nums[a->nnums++]);
}

static int stack_path(char *buf, size_t cap, const char *dir,
		      const char *name, const char *ext)
{
	if (snprintf(buf, cap, "%s/%s%s", dir, name, ext) >= (int)cap)
		return -ENAMETOOLONG;
	return 0;
}

static pid_t stack_read_pid(const char *run_dir, const char *name)
{
	char path[PATH_MAX];
	char *buf = NULL;
	size_t len;
	long v;

	if (stack_path(path, sizeof(path), run_dir, name, ".pid") ||
	    cli_read_file(path, 64, &buf, &len))
		return 0;
	v = strtol(buf, NULL, 10);
	free(buf);
	return v > 1 && v < INT_MAX ? (pid_t)v : 0;
}

static void stack_write_pid(const char *run_dir, const char *name, pid_t pid)
{
	char path[PATH_MAX];
	char txt[32];
	int n = snprintf(txt, sizeof(txt), "%d\n", (int)pid);

	if (stack_path(path, sizeof(path), run_dir, name, ".pid") ||
	    cli_write_file(path, txt, (size_t)n, 0644))
		fprintf(stderr, CLI_PROG ": warning: cannot write %s\n", path);
}

/* Does /proc/pid/<file> hold a NUL-separated entry equal to want? */
static bool stack_proc_has(pid_t pid, const char *file, const char *want)
{
	char path[64];
	char buf[65536];
	size_t wl = strlen(want);
	ssize_t n;
	size_t i = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	while (i < (size_t)n) {
		size_t l = strlen(buf + i);

		if (l == wl && !memcmp(buf + i, want, wl))
			return true;
		i += l + 1;
	}
	return false;
}

/* A pid file may be stale and its pid reused: check it is really ours. */
static bool stack_pid_is_ours(pid_t pid, const char *run_dir)
{
	char env[PATH_MAX + 32];

	if (kill(pid, 0) < 0 && errno == ESRCH)
		return false;
	if (stack_proc_has(pid, "cmdline", run_dir))
		return true;
	snprintf(env, sizeof(env), "SOFTEE_DEV_DIR=%s", run_dir);
	return stack_proc_has(pid, "environ", env);
}

/*
 * SIGKILL a daemon and whatever it started: each daemon leads its own
 * session (setsid at launch), so its process group is its pid.
 */
static void stack_kill_group(pid_t pid)
{
	if (getpgid(pid) == pid)
		kill(-pid, SIGKILL);
	else
		kill(pid, SIGKILL);
}

/* Gone (or a zombie, which is as good as gone for us)? */
static bool stack_pid_gone(pid_t pid, pid_t child)
{
	char path[64];
	char buf[512];
	char *p;
	ssize_t n;
	int status;
	int fd;

	if (child) {
		pid_t r = waitpid(child, &status, WNOHANG);

		if (r == child || (r < 0 && errno == ECHILD))
			return true;
		return false;
	}
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return true;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return true;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X');
}

static bool stack_wait_gone(pid_t pid, pid_t child, unsigned int ms)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ULL;

	while (!stack_pid_gone(pid, child)) {
		if (now_ns() >= end)
			return false;
		usleep(20000);
	}
	return true;
}

static int stack_kill_wait(const char *name, pid_t pid, pid_t child,
			   unsigned int timeout_ms)
{
	kill(pid, SIGTERM);
	if (stack_wait_gone(pid, child, timeout_ms))
		return 0;
	fprintf(stderr, CLI_PROG ": softee-%s (pid %d) ignored SIGTERM for %u s, killing it\n",
		name, (int)pid, timeout_ms / 1000);
	stack_kill_group(pid);
	return stack_wait_gone(pid, child, 2000) ? 0 : -ETIMEDOUT;
}

int stack_stop_one(const char *run_dir, const char *name, pid_t child,
		   unsigned int timeout_ms)
{
	char path[PATH_MAX];
	pid_t pid;
	int rc = 0;

	if (child)
		rc = stack_kill_wait(name, child, child, timeout_ms);
	/* The pid file differs from our child after a restart-supplicant. */
	pid = stack_read_pid(run_dir, name);
	if (pid && pid != child && stack_pid_is_ours(pid, run_dir))
		rc = stack_kill_wait(name, pid, 0, timeout_ms) ? -ETIMEDOUT : rc;
	if (!stack_path(path, sizeof(path), run_dir, name, ".pid"))
		unlink(path);
	return rc;
}

void stack_stop(const char *run_dir, struct stack *st, unsigned int timeout_ms)
{
	int i;

	/* Several normal worlds (--vms): their daemons and the hypervisor. */
	vms_stop(run_dir, st, timeout_ms);

	/* Reverse start order: clients of a daemon go before it. */
	for (i = 2; i >= 0; i--)
		stack_stop_one(run_dir, stack_names[i],
			       st ? st->procs[i].pid : 0, timeout_ms);
	if (st)
		for (i = 0; i < 3; i++)
			st->procs[i].pid = 0;
}

int stack_check_free(const char *run_dir)
{
	char path[PATH_MAX];
	FILE *null;
	int i;

	null = fopen("/dev/null", "w");
	for (i = 0; i < 3; i++) {
		const char *name = stack_names[i];
		pid_t pid = stack_read_pid(run_dir, name);
		bool busy = pid && stack_pid_is_ours(pid, run_dir);

		if (!stack_path(path, sizeof(path), run_dir, name, ".ctl") &&
		    null && ctl_query(path, "status", null) == 0)
			busy = true;
		if (busy) {
			fprintf(stderr,
				CLI_PROG ": another softee stack is running in %s (softee-%s is alive there)\n"
				"  stop it with: softee stop --run-dir %s\n",
				run_dir, name, run_dir);
			if (null)
				fclose(null);
			return -EBUSY;
		}
	}
	if (null)
		fclose(null);
	return 0;
}

/* Saved as "<mode>\0argv0\0argv1\0..." so a restart uses the same argv. */
static void stack_save_cmdline(const char *run_dir, const char *name,
			       bool custom, const struct stack_argv *a)
{
	char path[PATH_MAX];
	char *buf;
	size_t len = 7;
	size_t off;
	size_t i;

	for (i = 0; i < a->n; i++)
		len += strlen(a->v[i]) + 1;
	buf = malloc(len);
	if (!buf)
		return;
	memcpy(buf, custom ? "custom" : "softee", 7);
	off = 7;
	for (i = 0; i < a->n; i++) {
		size_t l = strlen(a->v[i]) + 1;

		memcpy(buf + off, a->v[i], l);
		off += l;
	}
	if (stack_path(path, sizeof(path), run_dir, name, ".cmdline") ||
	    cli_write_file(path, buf, len, 0600))
		fprintf(stderr, CLI_PROG ": warning: cannot save %s\n", path);
	free(buf);
}

static void stack_child(const char *run_dir, const char *const *argv,
			bool custom, int logfd, int ready_w)
{
	char bin_dir[PATH_MAX];
	char shim[PATH_MAX + 64];
	sigset_t none;
	int nullfd;
	int l;
	int r = -1;

	setsid();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	/* Move the fds above 3 first so the dup2s below cannot clobber them. */
	l = fcntl(logfd, F_DUPFD_CLOEXEC, 10);
	if (ready_w >= 0)
		r = fcntl(ready_w, F_DUPFD_CLOEXEC, 10);
	if (nullfd < 0 || l < 0 || (ready_w >= 0 && r < 0))
		_exit(127);
	dup2(nullfd, STDIN_FILENO);
	dup2(l, STDOUT_FILENO);
	dup2(l, STDERR_FILENO);
	if (r >= 0)
		dup2(r, STACK_READY_FD);
	if (custom) {
		setenv("SOFTEE_DEV_DIR", run_dir, 1);
		if (!cli_bin_dir(bin_dir, sizeof(bin_dir))) {
			snprintf(shim, sizeof(shim), "%s/../lib/libsoftee_uapi_shim.so",
				 bin_dir);
			if (!access(shim, R_OK))
				setenv("LD_PRELOAD", shim, 1);
		}
	}
	execv(argv[0], (char *const *)argv);
	dprintf(STDERR_FILENO, CLI_PROG ": cannot execute %s: %s\n", argv[0],
		strerror(errno));
	_exit(127);
}

static void stack_report_exit(const char *name, int status)
{
	if (WIFEXITED(status))
		fprintf(stderr, CLI_PROG ": softee-%s exited early with status %d\n",
			name, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		fprintf(stderr, CLI_PROG ": softee-%s died early of signal %d (%s)\n",
			name, WTERMSIG(status), strsignal(WTERMSIG(status)));
}

/* Wait for "ready" on rfd; 0, or -1 after saying why (pid reaped). */
static int stack_wait_ready(const char *name, pid_t pid, int rfd,
			    unsigned int timeout_ms)
{
	uint64_t end = now_ns() + (uint64_t)timeout_ms * 1000000ULL;
	char got[16];
	size_t have = 0;
	bool eof = rfd < 0;
	int status;

	for (;;) {
		struct pollfd p = { .fd = rfd, .events = POLLIN };

		if (cli_interrupted) {
			fprintf(stderr, CLI_PROG ": interrupted while starting softee-%s\n",
				name);
			goto kill;
		}
		if (!eof && poll(&p, 1, 50) > 0) {
			ssize_t n = read(rfd, got + have, sizeof(got) - 1 - have);

			if (n > 0) {
				have += (size_t)n;
				got[have] = '\0';
				if (strstr(got, "ready"))
					return 0;
				if (have == sizeof(got) - 1)
					have = 0;
			} else if (n == 0) {
				eof = true;
			}
		} else if (eof) {
			usleep(50000);
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			stack_report_exit(name, status);
			return -1;
		}
		if (rfd < 0 && now_ns() >= end)
			return 0;	/* no ready fd: alive long enough */
		if (now_ns() >= end) {
			if (eof)
				fprintf(stderr, CLI_PROG ": softee-%s closed its ready fd without reporting ready\n",
					name);
			else
				fprintf(stderr, CLI_PROG ": softee-%s did not report ready within %u s\n",
					name, timeout_ms / 1000);
			goto kill;
		}
	}
kill:
	stack_kill_group(pid);
	waitpid(pid, &status, 0);
	return -1;
}

/* Start one daemon; returns its pid or -1 after printing why. */
static pid_t stack_launch(const char *run_dir, const char *name,
			  const struct stack_argv *a, bool custom,
			  unsigned int timeout_ms)
{
	char log_path[PATH_MAX];
	struct stack_argv full = *a;
	int pfd[2] = { -1, -1 };
	int logfd;
	pid_t pid;
	int rc;

	if (access(a->v[0], X_OK) < 0) {
		fprintf(stderr, CLI_PROG ": cannot run %s: %s\n", a->v[0],
			strerror(errno));
		return -1;
	}
	if (stack_path(log_path, sizeof(log_path), run_dir, name, ".log"))
		return -1;
	logfd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (logfd < 0) {
		fprintf(stderr, CLI_PROG ": cannot open %s: %s\n", log_path,
			strerror(errno));
		return -1;
	}
	if (!custom) {
		if (pipe2(pfd, O_CLOEXEC) < 0) {
			fprintf(stderr, CLI_PROG ": pipe: %s\n", strerror(errno));
			close(logfd);
			return -1;
		}
		sa_add(&full, "--ready-fd");
		sa_add_u64(&full, STACK_READY_FD);
	}
	pid = fork();
	if (pid == 0)
		stack_child(run_dir, full.v, custom, logfd, pfd[1]);
	close(logfd);
	if (pfd[1] >= 0)
		close(pfd[1]);
	if (pid < 0) {
		fprintf(stderr, CLI_PROG ": fork: %s\n", strerror(errno));
		if (pfd[0] >= 0)
			close(pfd[0]);
		return -1;
	}
	rc = stack_wait_ready(name, pid, pfd[0],
			      custom ? STACK_CUSTOM_GRACE_MS : timeout_ms);
	if (pfd[0] >= 0)
		close(pfd[0]);
	if (rc) {
		cli_print_log_tail(log_path, STACK_LOG_TAIL);
		return -1;
	}
	stack_write_pid(run_dir, name, pid);
	return pid;
}

static bool stack_is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* TA dirs for the supplicant: the user's (must exist) or the defaults. */
static int stack_ta_dirs(const struct stack *st, const struct cli_opts *o,
			 struct stack_argv *a, char (*store)[PATH_MAX])
{
	size_t i;
	int n = 0;

	for (i = 0; i < o->n_ta_dirs; i++) {
		if (!stack_is_dir(o->ta_dirs[i]) || !realpath(o->ta_dirs[i], store[i])) {
			fprintf(stderr, CLI_PROG ": TA directory not found: %s\n",
				o->ta_dirs[i]);
			return -1;
		}
		sa_add(a, "--ta-dir");
		sa_add(a, store[i]);
	}
	if (o->n_ta_dirs)
		return 0;
	if (snprintf(store[0], PATH_MAX, "%s/../ta", st->bin_dir) < PATH_MAX &&
	    stack_is_dir(store[0]) && realpath(store[0], store[1])) {
		sa_add(a, "--ta-dir");
		sa_add(a, store[1]);
		n++;
	}
	if (stack_is_dir(SOFTEE_PREFIX "/lib/optee_armtz")) {
		sa_add(a, "--ta-dir");
		sa_add(a, SOFTEE_PREFIX "/lib/optee_armtz");
		n++;
	}
	if (!n)
		fprintf(stderr, CLI_PROG ": warning: no TA directory found (%s/../ta, "
			SOFTEE_PREFIX "/lib/optee_armtz); use --ta-dir\n",
			st->bin_dir);
	return 0;
}

static int stack_build_argv(const struct stack *st, int idx,
			    const struct cli_opts *o, struct stack_argv *a,
			    char (*store)[PATH_MAX], char *bin, size_t bin_cap)
{
	size_t i;

	memset(a, 0, sizeof(*a));
	snprintf(bin, bin_cap, "%s/softee-%s", st->bin_dir, stack_names[idx]);
	sa_add(a, bin);
	sa_add(a, "--run-dir");
	sa_add(a, st->run_dir);
	if (o->log_level) {
		sa_add(a, "--log-level");
		sa_add(a, o->log_level);
	}
	switch (idx) {
	case 0:
		if (o->threads) {
			sa_add(a, "--threads");
			sa_add_u64(a, o->threads);
		}
		if (o->carveout_size) {
			sa_add(a, "--carveout-size");
			sa_add_u64(a, o->carveout_size);
		}
		if (o->no_reserved_shm)
			sa_add(a, "--no-reserved-shm");
		if (o->no_dynamic_shm)
			sa_add(a, "--no-dynamic-shm");
		sa_add(a, "--storage-key");
		sa_add(a, st->storage_key);
		if (st->ta_pubkey[0]) {
			sa_add(a, "--ta-pubkey");
			sa_add(a, st->ta_pubkey);
		}
		for (i = 0; i < o->n_secure_args; i++)
			sa_add(a, o->secure_args[i]);
		break;
	case 1:
		if (o->page_size) {
			sa_add(a, "--page-size");
			sa_add_u64(a, o->page_size);
		}
		for (i = 0; i < o->n_driver_args; i++)
			sa_add(a, o->driver_args[i]);
		break;
	default:
		if (stack_ta_dirs(st, o, a, store))
			return -1;
		sa_add(a, "--fs-dir");
		sa_add(a, st->fs_dir);
		for (i = 0; i < o->n_supplicant_args; i++)
			sa_add(a, o->supplicant_args[i]);
		break;
	}
	if (a->overflow) {
		fprintf(stderr, CLI_PROG ": too many daemon arguments\n");
		return -1;
	}
	return 0;
}

/*
 * Secure storage: DIR/key (the secure world's device key, created by it)
 * and DIR/fs (the supplicant's REE FS root); DIR is --storage or
 * RUN_DIR/storage. Absolute paths, so a restarted daemon finds them.
 */
static int stack_storage(struct stack *st, const struct cli_opts *o)
{
	char dir[PATH_MAX], abs[PATH_MAX];
	int rc;

	if (snprintf(dir, sizeof(dir), "%s", o->storage_dir ? o->storage_dir :
		     st->run_dir) >= (int)sizeof(dir) ||
	    (!o->storage_dir &&
	     strlen(dir) + sizeof("/storage") > sizeof(dir))) {
		fprintf(stderr, CLI_PROG ": storage path too long\n");
		return -1;
	}
	if (!o->storage_dir)
		strcat(dir, "/storage");
	rc = cli_mkdir_p(dir);
	if (rc || !realpath(dir, abs)) {
		fprintf(stderr, CLI_PROG ": cannot use storage directory %s: %s\n",
			dir, strerror(rc ? -rc : errno));
		return -1;
	}
	if (snprintf(st->storage_key, sizeof(st->storage_key), "%s/key", abs) >=
	    (int)sizeof(st->storage_key) ||
	    snprintf(st->fs_dir, sizeof(st->fs_dir), "%s/fs", abs) >=
	    (int)sizeof(st->fs_dir)) {
		fprintf(stderr, CLI_PROG ": storage path too long\n");
		return -1;
	}
	return 0;
}

int stack_start(struct stack *st, const char *run_dir,
		const struct cli_opts *o)
{
	static char store[CLI_MAX_LIST][PATH_MAX];
	char bin[PATH_MAX + 32];
	struct stack_argv a;
	int i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < 3; i++)
		st->procs[i].name = stack_names[i];
	if (snprintf(st->run_dir, sizeof(st->run_dir), "%s", run_dir) >=
	    (int)sizeof(st->run_dir) || cli_bin_dir(st->bin_dir, sizeof(st->bin_dir))) {
		fprintf(stderr, CLI_PROG ": run dir path too long\n");
		return -1;
	}
	/* Sockets live in the run dir: their paths must fit sun_path. */
	if (strlen(run_dir) + sizeof("/supplicant.ctl") >
	    sizeof(((struct sockaddr_un *)0)->sun_path)) {
		fprintf(stderr, CLI_PROG ": run dir %s is too long for Unix socket paths (max %zu characters)\n",
			run_dir, sizeof(((struct sockaddr_un *)0)->sun_path) -
			sizeof("/supplicant.ctl"));
		return -1;
	}
	/* Fail on a missing TA dir before any daemon runs. */
	for (size_t t = 0; t < o->n_ta_dirs; t++) {
		if (!stack_is_dir(o->ta_dirs[t])) {
			fprintf(stderr, CLI_PROG ": TA directory not found: %s\n",
				o->ta_dirs[t]);
			return -1;
		}
	}
	if (stack_storage(st, o))
		return -1;
	/* Absolute, so a restarted secure world finds it too. */
	if (o->ta_pubkey && (access(o->ta_pubkey, R_OK) < 0 ||
			     !realpath(o->ta_pubkey, st->ta_pubkey))) {
		fprintf(stderr, CLI_PROG ": cannot read TA public key %s: %s\n",
			o->ta_pubkey, strerror(errno));
		return -1;
	}
	if (o->supplicant && access(o->supplicant, X_OK) < 0) {
		fprintf(stderr, CLI_PROG ": cannot run supplicant %s: %s\n",
			o->supplicant, strerror(errno));
		return -1;
	}
	if (o->vms) {
		if (vms_start(st, o))
			goto fail;
		return 0;
	}
	for (i = 0; i < 3; i++) {
		bool custom = false;
		pid_t pid;

		if (i == 2 && o->no_supplicant)
			break;
		if (stack_build_argv(st, i, o, &a, store, bin, sizeof(bin)))
			goto fail;
		if (i == 2 && o->supplicant) {
			/* An optee_client-style supplicant knows no softee options. */
			memset(&a, 0, sizeof(a));
			sa_add(&a, o->supplicant);
			custom = true;
		}
		pid = stack_launch(st->run_dir, stack_names[i], &a, custom,
				   o->timeout_ms);
		if (pid < 0)
			goto fail;
		st->procs[i].pid = pid;
		stack_save_cmdline(st->run_dir, stack_names[i], custom, &a);
	}
	return 0;
fail:
	stack_stop(st->run_dir, st, o->timeout_ms);
	return -1;
}

int stack_relaunch(const char *run_dir, const char *name,
		   unsigned int timeout_ms)
{
	char path[PATH_MAX];
	struct stack_argv a;
	char *buf = NULL;
	size_t len = 0;
	size_t off;
	bool custom;
	pid_t pid;
	int rc = -1;

	if (stack_path(path, sizeof(path), run_dir, name, ".cmdline") ||
	    cli_read_file(path, 1U << 20, &buf, &len)) {
		fprintf(stderr, CLI_PROG ": no saved command line for softee-%s in %s (was the stack started by `softee start`?)\n",
			name, run_dir);
		return -1;
	}
	/* The file is ours but may be damaged: parse it defensively. */
	memset(&a, 0, sizeof(a));
	if (len < 8 || buf[len - 1] != '\0') {
		fprintf(stderr, CLI_PROG ": %s is damaged\n", path);
		goto out;
	}
	custom = !strcmp(buf, "custom");
	for (off = strlen(buf) + 1; off < len; off += strlen(buf + off) + 1)
		sa_add(&a, buf + off);
	if (!a.n || a.overflow) {
		fprintf(stderr, CLI_PROG ": %s is damaged\n", path);
		goto out;
	}
	if (stack_stop_one(run_dir, name, 0, timeout_ms)) {
		fprintf(stderr, CLI_PROG ": cannot stop softee-%s\n", name);
		goto out;
	}
	pid = stack_launch(run_dir, name, &a, custom, timeout_ms);
	if (pid > 0)
		rc = 0;
out:
	free(buf);
	return rc;
}

/*
 * One daemon of st (0 secure, 1 driver, 2 supplicant) with the options of
 * o plus extra (NULL-terminated, may be NULL), in st->run_dir. Used by
 * vms.c to start the same daemons per VM. Returns its pid or -1.
 */
pid_t stack_start_one(const struct stack *st, int idx,
		      const struct cli_opts *o, const char *const *extra)
{
	static char store[CLI_MAX_LIST][PATH_MAX];
	char bin[PATH_MAX + 32];
	struct stack_argv a;
	bool custom = false;
	pid_t pid;

	if (stack_build_argv(st, idx, o, &a, store, bin, sizeof(bin)))
		return -1;
	if (idx == 2 && o->supplicant) {
		memset(&a, 0, sizeof(a));
		sa_add(&a, o->supplicant);
		custom = true;
	}
	for (; !custom && extra && *extra; extra++)
		sa_add(&a, *extra);
	if (a.overflow) {
		fprintf(stderr, CLI_PROG ": too many daemon arguments\n");
		return -1;
	}
	pid = stack_launch(st->run_dir, stack_names[idx], &a, custom,
			   o->timeout_ms);
	if (pid > 0)
		stack_save_cmdline(st->run_dir, stack_names[idx], custom, &a);
	return pid;
}

/* Any other softee daemon (name: its pid, log and ctl base name). */
pid_t stack_launch_argv(const char *run_dir, const char *name,
			const char *const *argv, unsigned int timeout_ms)
{
	struct stack_argv a;
	pid_t pid;

	memset(&a, 0, sizeof(a));
	for (; *argv; argv++)
		sa_add(&a, *argv);
	if (a.overflow) {
		fprintf(stderr, CLI_PROG ": too many daemon arguments\n");
		return -1;
	}
	pid = stack_launch(run_dir, name, &a, false, timeout_ms);
	if (pid > 0)
		stack_save_cmdline(run_dir, name, false, &a);
	return pid;
}
