/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Several normal worlds in one run directory (`--vms N`): the secure world
 * in virtualization mode and softee-hyp in DIR, and per VM k a driver and
 * a supplicant in DIR/vm<k> (the driver finds the hypervisor's guest
 * socket there as DIR/vm<k>/secure.smc). Commands run in a VM with
 * SOFTEE_DEV_DIR=DIR/vm<k>; `--each-vm` runs one per VM at once and
 * relays their output whole lines at a time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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

#define VMS_LINE_MAX	65536

static int vms_dir(char *buf, size_t cap, const char *run_dir, unsigned int k)
{
	if (snprintf(buf, cap, "%s/vm%u", run_dir, k) >= (int)cap)
		return -ENAMETOOLONG;
	return 0;
}

unsigned int vms_count(const char *run_dir)
{
	char dir[PATH_MAX];
	struct stat st;
	unsigned int k;

	for (k = 1; k <= CLI_MAX_VMS; k++)
		if (vms_dir(dir, sizeof(dir), run_dir, k) || stat(dir, &st) ||
		    !S_ISDIR(st.st_mode))
			break;
	return k - 1;
}

int vms_start(struct stack *st, const struct cli_opts *o)
{
	static const char *const virt[] = { "--virtualization", NULL };
	static struct stack vst;
	const char *argv[CLI_MAX_LIST + 16];
	char bin[PATH_MAX + 16], slots[16];
	size_t n = 0;
	pid_t pid;

	st->vms = o->vms;
	/* vm<k>/supplicant.ctl must fit a socket path. */
	if (strlen(st->run_dir) + sizeof("/vm16/supplicant.ctl") >
	    sizeof(((struct sockaddr_un *)0)->sun_path)) {
		fprintf(stderr, CLI_PROG ": run dir %s is too long for the VMs' sockets\n",
			st->run_dir);
		return -1;
	}
	pid = stack_start_one(st, 0, o, virt);
	if (pid < 0)
		return -1;
	st->procs[0].pid = pid;

	snprintf(bin, sizeof(bin), "%s/softee-hyp", st->bin_dir);
	snprintf(slots, sizeof(slots), "%u", o->vms);
	argv[n++] = bin;
	argv[n++] = "--run-dir";
	argv[n++] = st->run_dir;
	argv[n++] = "--slots";
	argv[n++] = slots;
	if (o->log_level) {
		argv[n++] = "--log-level";
		argv[n++] = o->log_level;
	}
	for (size_t i = 0; i < o->n_hyp_args; i++)
		argv[n++] = o->hyp_args[i];
	argv[n] = NULL;
	pid = stack_launch_argv(st->run_dir, "hyp", argv, o->timeout_ms);
	if (pid < 0)
		return -1;
	st->hyp_pid = pid;

	for (unsigned int k = 1; k <= o->vms; k++) {
		vst = *st;
		if (vms_dir(vst.run_dir, sizeof(vst.run_dir), st->run_dir, k))
			return -1;
		/* softee-hyp made it; the driver expects it to exist. */
		if (mkdir(vst.run_dir, 0700) && errno != EEXIST) {
			fprintf(stderr, CLI_PROG ": cannot create %s: %s\n",
				vst.run_dir, strerror(errno));
			return -1;
		}
		pid = stack_start_one(&vst, 1, o, NULL);
		if (pid < 0)
			return -1;
		st->vm_pids[k - 1][0] = pid;
		if (o->no_supplicant)
			continue;
		pid = stack_start_one(&vst, 2, o, NULL);
		if (pid < 0)
			return -1;
		st->vm_pids[k - 1][1] = pid;
	}
	return 0;
}

void vms_stop(const char *run_dir, struct stack *st, unsigned int timeout_ms)
{
	unsigned int n = vms_count(run_dir);
	char dir[PATH_MAX];

	if (st && st->vms > n)
		n = st->vms;
	/* Clients first: supplicants, drivers, then the hypervisor. */
	for (unsigned int k = n; k >= 1; k--) {
		if (vms_dir(dir, sizeof(dir), run_dir, k))
			continue;
		stack_stop_one(dir, "supplicant", st ? st->vm_pids[k - 1][1] : 0,
			       timeout_ms);
		stack_stop_one(dir, "driver", st ? st->vm_pids[k - 1][0] : 0,
			       timeout_ms);
	}
	if (n || (st && st->hyp_pid))
		stack_stop_one(run_dir, "hyp", st ? st->hyp_pid : 0, timeout_ms);
	if (st) {
		memset(st->vm_pids, 0, sizeof(st->vm_pids));
		st->hyp_pid = 0;
	}
}

void vms_child_env(const char *run_dir, unsigned int k)
{
	char dir[PATH_MAX], num[16];

	if (vms_dir(dir, sizeof(dir), run_dir, k))
		return;
	snprintf(num, sizeof(num), "%u", k);
	setenv("SOFTEE_DEV_DIR", dir, 1);
	setenv("SOFTEE_RUN_DIR", run_dir, 1);
	setenv("SOFTEE_VM", num, 1);
}

static int vms_status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 1;
}

struct vms_child {
	pid_t pid;
	int fd;			/* its stdout, -1 at EOF */
	char *buf;
	size_t len;
	int status;
};

/* Write out the complete lines of c's buffer (all of it at EOF). */
static void vms_relay(struct vms_child *c, bool eof)
{
	size_t done = 0;

	for (;;) {
		char *nl = memchr(c->buf + done, '\n', c->len - done);
		size_t l;

		if (!nl) {
			/* A line longer than the buffer goes out in pieces. */
			if (!eof && c->len < VMS_LINE_MAX)
				break;
			l = c->len - done;
		} else {
			l = (size_t)(nl - (c->buf + done)) + 1;
		}
		if (!l)
			break;
		if (write_full(STDOUT_FILENO, c->buf + done, l))
			break;
		done += l;
	}
	memmove(c->buf, c->buf + done, c->len - done);
	c->len -= done;
}

static pid_t vms_spawn(char **cmd, const char *run_dir, unsigned int k, int out)
{
	sigset_t none;
	pid_t pid = fork();

	if (pid)
		return pid;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	if (out >= 0 && dup2(out, STDOUT_FILENO) < 0)
		_exit(126);
	vms_child_env(run_dir, k);
	execvp(cmd[0], cmd);
	fprintf(stderr, CLI_PROG ": cannot execute %s: %s\n", cmd[0],
		strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

int vms_run(char **cmd, const char *run_dir, const struct cli_opts *o)
{
	struct vms_child ch[CLI_MAX_VMS];
	struct pollfd pf[CLI_MAX_VMS];
	unsigned int n = o->vms, open = 0;
	bool forwarded = false;
	int result = 0;

	memset(ch, 0, sizeof(ch));
	fflush(stdout);
	for (unsigned int k = 0; k < n; k++) {
		int p[2];

		ch[k].fd = -1;
		ch[k].buf = malloc(VMS_LINE_MAX);
		if (!ch[k].buf || pipe2(p, O_CLOEXEC)) {
			fprintf(stderr, CLI_PROG " run: out of resources\n");
			result = CLI_EXIT_STACK_FAILED;
			break;
		}
		ch[k].pid = vms_spawn(cmd, run_dir, k + 1, p[1]);
		close(p[1]);
		if (ch[k].pid < 0) {
			close(p[0]);
			result = CLI_EXIT_STACK_FAILED;
			break;
		}
		ch[k].fd = p[0];
		open++;
	}
	while (open) {
		unsigned int m = 0;

		if (cli_interrupted && !forwarded) {
			for (unsigned int k = 0; k < n; k++)
				if (ch[k].pid > 0)
					kill(ch[k].pid, SIGTERM);
			forwarded = true;
		}
		for (unsigned int k = 0; k < n; k++)
			pf[k] = (struct pollfd){ .fd = ch[k].fd, .events = POLLIN };
		if (poll(pf, n, 100) < 0 && errno != EINTR)
			break;
		for (unsigned int k = 0; k < n; k++) {
			ssize_t r;

			if (ch[k].fd < 0 || !pf[k].revents)
				continue;
			r = read(ch[k].fd, ch[k].buf + ch[k].len,
				 VMS_LINE_MAX - ch[k].len);
			if (r > 0) {
				ch[k].len += (size_t)r;
				vms_relay(&ch[k], false);
				continue;
			}
			if (r < 0 && errno == EINTR)
				continue;
			vms_relay(&ch[k], true);
			close(ch[k].fd);
			ch[k].fd = -1;
			m++;
		}
		open -= m;
	}
	for (unsigned int k = 0; k < n; k++) {
		int st;

		if (ch[k].fd >= 0)
			close(ch[k].fd);
		free(ch[k].buf);
		if (ch[k].pid <= 0)
			continue;
		while (waitpid(ch[k].pid, &st, 0) < 0 && errno == EINTR)
			;
		ch[k].status = vms_status_of(st);
		if (!result && ch[k].status)
			result = ch[k].status;
	}
	return result;
}

int vms_status(const char *run_dir, const char *cmd, FILE *out)
{
	static const char *const names[] = { "driver", "supplicant" };
	unsigned int n = vms_count(run_dir);
	char path[PATH_MAX + 64];
	int answered = 0;

	if (!n)
		return 0;
	snprintf(path, sizeof(path), "%s/hyp.ctl", run_dir);
	fprintf(out, "[hyp]\n");
	fflush(out);
	if (ctl_query(path, cmd, out))
		fprintf(out, "not running (%s)\n", path);
	else
		answered++;
	for (unsigned int k = 1; k <= n; k++) {
		for (size_t i = 0; i < 2; i++) {
			snprintf(path, sizeof(path), "%s/vm%u/%s.ctl", run_dir, k,
				 names[i]);
			fprintf(out, "[vm%u %s]\n", k, names[i]);
			fflush(out);
			if (ctl_query(path, cmd, out))
				fprintf(out, "not running (%s)\n", path);
			else
				answered++;
		}
	}
	fflush(out);
	return answered;
}

/* `softee exec [--run-dir DIR] (--vm K | --each-vm) [--] CMD ARGS...` */
int cli_cmd_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "run-dir", required_argument, NULL, 'r' },
		{ "vm", required_argument, NULL, 'v' },
		{ "each-vm", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char dir[PATH_MAX];
	struct cli_opts o;
	unsigned int k = 0, n;
	bool each = false;
	int c;

	memset(&o, 0, sizeof(o));
	dir[0] = '\0';
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			snprintf(dir, sizeof(dir), "%s", optarg);
			break;
		case 'v':
			if (cli_parse_uint(optarg, 1, CLI_MAX_VMS, &k)) {
				fprintf(stderr, CLI_PROG " exec: bad --vm %s\n", optarg);
				return 2;
			}
			break;
		case 'e':
			each = true;
			break;
		case 'h':
			printf("usage: softee exec [--run-dir DIR] (--vm K | --each-vm) -- CMD ARGS...\n"
			       "  runs CMD in VM K of a stack started with `softee start --vms N`\n");
			return 0;
		default:
			return 2;
		}
	}
	if (optind >= argc || (!k && !each) || (k && each)) {
		fprintf(stderr, CLI_PROG " exec: need --vm K or --each-vm, and a command\n");
		return 2;
	}
	if (!dir[0])
		cli_default_run_dir(dir, sizeof(dir));
	n = vms_count(dir);
	if (!n || k > n) {
		fprintf(stderr, CLI_PROG " exec: %s has %u VM(s)%s\n", dir, n,
			n ? "" : " (start one with softee start --vms N)");
		return CLI_EXIT_STACK_FAILED;
	}
	if (each) {
		o.vms = n;
		o.each_vm = true;
		return vms_run(argv + optind, dir, &o);
	}
	vms_child_env(dir, k);
	execvp(argv[optind], argv + optind);
	fprintf(stderr, CLI_PROG " exec: cannot execute %s: %s\n", argv[optind],
		strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
