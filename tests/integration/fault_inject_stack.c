// SPDX-License-Identifier: BSD-2-Clause
/* The fault injector's view of the stack: counts that must come back, restarts, kills. */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fault_inject.h"
#include "perf_proc.h"

#define FI_MAX_TA	1024

/*
 * `softee status` keys that are gauges and must return to their idle
 * value (counters, configuration and the supplicant's pid are left out).
 * "vmN" stands for any VM number.
 */
static const char *const fi_status_keys[] = {
	"secure.threads", "secure.threads_busy", "secure.sessions",
	"secure.ta_instances", "secure.regions", "secure.frames",
	"secure.registered_shm", "secure.registered_bytes",
	"secure.vmN.sessions", "secure.vmN.ta_instances", "secure.vmN.regions",
	"secure.vmN.frames", "secure.vmN.registered_shm",
	"secure.vmN.registered_bytes", "secure.vmN.threads_busy",
	"hyp.vms_dying", "hyp.vmN.calls", "hyp.vmN.registrations",
	"hyp.vmN.regions", "hyp.vmN.pinned_bytes", "hyp.vmN.hyp_frames_used",
	"driver.contexts", "driver.sessions", "driver.shm", "driver.regions",
	"driver.pinned_bytes", "driver.registrations", "driver.dyn_frames_used",
	"driver.pool_user_free", "driver.pool_priv_free",
	"supplicant.shm held", "supplicant.shm bytes",
};

uint64_t fi_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static bool fi_is_dir(const char *p)
{
	struct stat sb;

	return !stat(p, &sb) && S_ISDIR(sb.st_mode);
}

int fi_stack_init(struct fi_stack *st, const char *dev)
{
	const char *base = strrchr(dev, '/');
	char hyp_pid[4096 + 16];
	size_t rl;

	st->n_vms = 0;
	st->dead = 0;
	snprintf(st->root, sizeof(st->root), "%s", dev);
	/* SOFTEE_DEV_DIR=ROOT/vmK beside ROOT/hyp.pid: several VMs. */
	if (base && !strncmp(base + 1, "vm", 2) && isdigit((unsigned char)base[3])) {
		rl = (size_t)(base - dev);
		snprintf(hyp_pid, sizeof(hyp_pid), "%.*s/hyp.pid", (int)rl, dev);
		if (!access(hyp_pid, R_OK)) {
			snprintf(st->root, sizeof(st->root), "%.*s", (int)rl, dev);
			while (st->n_vms < FI_MAX_VMS) {
				char d[4096 + 16];

				snprintf(d, sizeof(d), "%s/vm%u", st->root, st->n_vms + 1);
				if (!fi_is_dir(d))
					break;
				st->n_vms++;
			}
		}
	}
	st->worlds = st->n_vms ? st->n_vms : 1;
	for (unsigned int w = 1; w <= st->worlds; w++) {
		if (st->n_vms)
			snprintf(st->dev[w], sizeof(st->dev[w]), "%.4090s/vm%u",
				 st->root, w);
		else
			snprintf(st->dev[w], sizeof(st->dev[w]), "%s", st->root);
		st->driver[w] = perf_proc_pidfile(st->dev[w], "driver");
		if (!st->driver[w])
			return -1;
	}
	st->secure = perf_proc_pidfile(st->root, "secure");
	st->hyp = st->n_vms ? perf_proc_pidfile(st->root, "hyp") : 0;
	return st->secure && (!st->n_vms || st->hyp) ? 0 : -1;
}

/* "vm12 driver.x" -> "vmN driver.x", *vm = 12 (the first VM named). */
static void fi_key_norm(const char *key, char *out, size_t cap, unsigned int *vm)
{
	size_t o = 0;

	*vm = 0;
	for (const char *p = key; *p && o + 1 < cap;) {
		if (!strncmp(p, "vm", 2) && isdigit((unsigned char)p[2])) {
			char *end;
			unsigned long v = strtoul(p + 2, &end, 10);

			if (!*vm && v <= FI_MAX_VMS)
				*vm = (unsigned int)v;
			if (o + 3 >= cap)
				break;
			memcpy(out + o, "vmN", 3);
			o += 3;
			p = end;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = 0;
}

static bool fi_status_wanted(const char *norm)
{
	const char *k = norm;

	/* "vmN driver.x" is wanted as "driver.x" is. */
	if (!strncmp(k, "vmN ", 4))
		k += 4;
	for (size_t i = 0; i < sizeof(fi_status_keys) / sizeof(fi_status_keys[0]); i++)
		if (!strcmp(k, fi_status_keys[i]))
			return true;
	return false;
}

static void fi_counts_put(struct fi_counts *c, const char *key, unsigned int vm,
			  long long v)
{
	if (c->n >= FI_MAX_KEYS)
		return;
	snprintf(c->key[c->n], sizeof(c->key[0]), "%.47s", key);
	c->vm[c->n] = (unsigned char)vm;
	c->val[c->n++] = v;
}

/* Run `softee status --run-dir ROOT`; its stdout in a malloc'd string. */
static char *fi_status_text(const struct fi_stack *st)
{
	size_t len = 0, cap = 65536;
	char *buf = malloc(cap);
	int pfd[2], status;
	pid_t pid;
	ssize_t n;

	if (!buf || pipe(pfd)) {
		free(buf);
		return NULL;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		free(buf);
		return NULL;
	}
	if (!pid) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execl(st->softee, st->softee, "status", "--run-dir", st->root,
		      (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	while ((n = read(pfd[0], buf + len, cap - 1 - len)) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0 && (len += (size_t)n) == cap - 1)
			break;
	close(pfd[0]);
	buf[len] = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* A VM whose driver was killed does not answer: that is not fatal. */
	if (!WIFEXITED(status) || (WEXITSTATUS(status) && !st->dead)) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Busy supplicant threads (threads - idle) per status section. */
struct fi_supp {
	char section[32];
	long long threads, idle;
};

static void fi_parse_status(char *text, struct fi_counts *c)
{
	struct fi_supp supp[FI_MAX_VMS + 1];
	char section[32] = "", key[96], norm[96], *line, *save = NULL;
	size_t n_supp = 0;

	memset(supp, 0, sizeof(supp));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *colon, *end;
		unsigned int vm;
		long long v;

		if (line[0] == '[') {
			snprintf(section, sizeof(section), "%.*s",
				 (int)strcspn(line + 1, "]"), line + 1);
			if (strstr(section, "supplicant") && n_supp <= FI_MAX_VMS) {
				snprintf(supp[n_supp].section, sizeof(supp[0].section),
					 "%s", section);
				supp[n_supp].threads = supp[n_supp].idle = -1;
				n_supp++;
			}
			continue;
		}
		colon = strchr(line, ':');
		if (!colon || !section[0])
			continue;
		snprintf(key, sizeof(key), "%s.%.*s", section, (int)(colon - line), line);
		errno = 0;
		v = strtoll(colon + 1, &end, 0);
		if (errno || end == colon + 1)
			continue;
		/* A pool of threads that grows with demand: count the busy ones. */
		if (n_supp && !strcmp(section, supp[n_supp - 1].section)) {
			if (!strncmp(line, "threads:", 8))
				supp[n_supp - 1].threads = v;
			else if (!strncmp(line, "idle:", 5))
				supp[n_supp - 1].idle = v;
		}
		fi_key_norm(key, norm, sizeof(norm), &vm);
		if (fi_status_wanted(norm))
			fi_counts_put(c, key, vm, v);
	}
	for (size_t i = 0; i < n_supp; i++) {
		unsigned int vm;

		snprintf(key, sizeof(key), "%.31s.busy_threads", supp[i].section);
		fi_key_norm(key, norm, sizeof(norm), &vm);
		fi_counts_put(c, key, vm, supp[i].threads - supp[i].idle);
	}
}

/* Accepted connections pid holds on the socket at DIR/secure.smc. */
static int fi_chans(pid_t pid, const char *dir)
{
	char path[4096 + 16];

	snprintf(path, sizeof(path), "%s/secure.smc", dir);
	return pid ? perf_proc_unix_accepted(pid, path) : 0;
}

static void fi_fds(struct fi_counts *c, const char *key, unsigned int vm,
		   pid_t pid, int chans)
{
	int fds = pid ? perf_proc_fds(pid) : -1;

	fi_counts_put(c, key, vm, fds >= 0 && chans >= 0 ? fds - chans : -1);
}

int fi_counts_take(const struct fi_stack *st, struct fi_counts *c)
{
	pid_t ta[FI_MAX_TA];
	char key[64];
	char *text;
	int up;

	memset(c, 0, sizeof(*c));
	text = fi_status_text(st);
	if (!text)
		return -1;
	fi_parse_status(text, c);
	free(text);
	/*
	 * The driver (or the hypervisor) opens SMC channels ("CPUs") on
	 * demand and keeps them: a socket on each side, a pool rather than a
	 * leak, so fds are compared without them.
	 */
	up = fi_chans(st->secure, st->root);
	c->channels = up;
	fi_fds(c, "secure.fds_besides_channels", 0, st->secure, up);
	if (st->n_vms) {
		int guests = 0;

		for (unsigned int w = 1; w <= st->worlds; w++) {
			int g = st->dead & (1u << w) ? 0 : fi_chans(st->hyp, st->dev[w]);

			guests += g > 0 ? g : 0;
			snprintf(key, sizeof(key), "vm%u driver.fds_besides_channels", w);
			if (!(st->dead & (1u << w)))
				fi_fds(c, key, w, perf_proc_pidfile(st->dev[w], "driver"), g);
		}
		fi_fds(c, "hyp.fds_besides_channels", 0, st->hyp,
		       up >= 0 ? up + guests : -1);
	} else {
		fi_fds(c, "driver.fds_besides_channels", 0,
		       perf_proc_pidfile(st->root, "driver"), up);
	}
	for (unsigned int w = 1; w <= st->worlds; w++) {
		if (st->dead & (1u << w))
			continue;
		if (st->n_vms)
			snprintf(key, sizeof(key), "vm%u supplicant.fds", w);
		else
			snprintf(key, sizeof(key), "supplicant.fds");
		fi_fds(c, key, st->n_vms ? w : 0,
		       perf_proc_pidfile(st->dev[w], "supplicant"), 0);
	}
	fi_counts_put(c, "secure.ta_processes", 0,
		      (long long)perf_proc_children(st->secure, ta, FI_MAX_TA));
	fi_counts_put(c, "secure.zombie_children", 0,
		      (long long)perf_proc_zombies(st->secure));
	return 0;
}

static const long long *fi_counts_find(const struct fi_counts *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->key[i], key))
			return &c->val[i];
	return NULL;
}

/* What a secure-world total should be once the killed worlds are gone. */
static long long fi_expected(const struct fi_stack *st,
			     const struct fi_counts *base, size_t i)
{
	long long want = base->val[i];
	const char *dot = strchr(base->key[i], '.');
	char key[64];

	if (!st->dead || strncmp(base->key[i], "secure.", 7) || base->vm[i])
		return want;
	for (unsigned int w = 1; w <= st->worlds; w++) {
		const long long *share;

		if (!(st->dead & (1u << w)))
			continue;
		snprintf(key, sizeof(key), "secure.vm%u.%.40s", w, dot + 1);
		share = fi_counts_find(base, key);
		if (share)
			want -= *share;
	}
	return want;
}

size_t fi_counts_diff(const struct fi_stack *st, const struct fi_counts *base,
		      const struct fi_counts *now, FILE *f)
{
	size_t diffs = 0;

	for (size_t i = 0; i < base->n; i++) {
		const long long *v;
		long long want;

		if (base->vm[i] && (st->dead & (1u << base->vm[i])))
			continue;
		want = fi_expected(st, base, i);
		v = fi_counts_find(now, base->key[i]);
		if (v && *v == want)
			continue;
		/*
		 * The secure world and the hypervisor also held fds for the
		 * worlds that went away (their regions): fewer is consistent,
		 * more is a leak.
		 */
		if (v && st->dead && *v <= want && !base->vm[i] &&
		    strstr(base->key[i], ".fds_besides_channels"))
			continue;
		diffs++;
		if (!f)
			continue;
		if (v)
			fprintf(f, "  %s: baseline %lld, now %lld\n", base->key[i],
				want, *v);
		else
			fprintf(f, "  %s: baseline %lld, now missing\n", base->key[i],
				want);
	}
	return diffs;
}

int fi_counts_settle(const struct fi_stack *st, const struct fi_counts *base,
		     struct fi_counts *now, unsigned int ms)
{
	uint64_t end = fi_now_ms() + ms;

	for (;;) {
		if (!fi_counts_take(st, now) && !fi_counts_diff(st, base, now, NULL))
			return 0;
		if (fi_now_ms() >= end)
			return -1;
		usleep(250000);
	}
}

int fi_counts_stable(const struct fi_stack *st, struct fi_counts *c,
		     unsigned int ms)
{
	uint64_t end = fi_now_ms() + ms;
	struct fi_counts prev;

	if (fi_counts_take(st, &prev))
		return -1;
	for (;;) {
		usleep(1000000);
		if (fi_counts_take(st, c))
			return -1;
		if (!fi_counts_diff(st, &prev, c, NULL))
			return 0;
		if (fi_now_ms() >= end)
			return -1;
		prev = *c;
	}
}

int fi_restart_supplicant(const struct fi_stack *st, unsigned int w)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		execl(st->softee, st->softee, "restart-supplicant", "--run-dir",
		      st->dev[w], (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

pid_t fi_kill_ta(const struct fi_stack *st, uint64_t rnd)
{
	pid_t ta[FI_MAX_TA];
	size_t n = perf_proc_children(st->secure, ta, FI_MAX_TA);
	pid_t victim;

	if (!n)
		return 0;
	victim = ta[rnd % n];
	return kill(victim, SIGKILL) ? 0 : victim;
}

pid_t fi_kill_daemon(const struct fi_stack *st, unsigned int w, const char *name)
{
	pid_t pid = perf_proc_pidfile(st->dev[w], name);

	return pid > 0 && !kill(pid, SIGKILL) ? pid : 0;
}

bool fi_daemons_alive(const struct fi_stack *st)
{
	if (!perf_proc_alive(st->secure) || (st->n_vms && !perf_proc_alive(st->hyp)))
		return false;
	for (unsigned int w = 1; w <= st->worlds; w++)
		if (!(st->dead & (1u << w)) && !perf_proc_alive(st->driver[w]))
			return false;
	return true;
}
