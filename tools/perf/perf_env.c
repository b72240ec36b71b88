// SPDX-License-Identifier: BSD-2-Clause
/* What every softee-perf subcommand needs: options, directories, the machine, stacks. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "perf.h"

void perf_opts_init(struct perf_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->doc_path = "docs/performance.md";
}

int perf_opts_take(struct perf_opts *o, int c, const char *arg)
{
	switch (c) {
	case PERF_OPT_QUICK:
		o->quick = true;
		return 0;
	case PERF_OPT_OUT:
		if (strlen(arg) >= sizeof(o->out)) {
			fprintf(stderr, PERF_PROG ": --out too long\n");
			return -2;
		}
		snprintf(o->out, sizeof(o->out), "%s", arg);
		return 0;
	case PERF_OPT_WRITE_DOC:
		o->write_doc = true;
		return 0;
	case PERF_OPT_DOC:
		o->doc_path = arg;
		return 0;
	default:
		return -1;
	}
}

int perf_bin_dir(char *buf, size_t cap)
{
	ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
	char *slash;

	if (n <= 0)
		return -errno;
	buf[n] = 0;
	slash = strrchr(buf, '/');
	if (!slash)
		return -EINVAL;
	*slash = 0;
	return 0;
}

int perf_mkdir_p(const char *dir)
{
	char tmp[PATH_MAX];
	size_t len = strlen(dir);

	if (!len || len >= sizeof(tmp))
		return -ENAMETOOLONG;
	memcpy(tmp, dir, len + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(tmp, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(tmp, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

int perf_opts_finish(struct perf_opts *o, const char *name, int argc,
		     char **argv)
{
	char abs_out[PATH_MAX];
	size_t cl;
	int ret;

	cl = (size_t)snprintf(o->cmdline, sizeof(o->cmdline), "softee perf %s", name);
	for (int i = 1; i < argc && cl < sizeof(o->cmdline) - 1; i++)
		cl += (size_t)snprintf(o->cmdline + cl, sizeof(o->cmdline) - cl,
				       " %s", argv[i]);
	if (perf_bin_dir(o->bin_dir, sizeof(o->bin_dir))) {
		fprintf(stderr, PERF_PROG ": cannot find my own directory\n");
		return -1;
	}
	/* Default: build/perf, next to build/out and build/san. */
	if (!o->out[0] &&
	    snprintf(o->out, sizeof(o->out), "%s/../../perf", o->bin_dir) >=
	    (int)sizeof(o->out)) {
		fprintf(stderr, PERF_PROG ": output path too long\n");
		return -1;
	}
	ret = perf_mkdir_p(o->out);
	if (ret) {
		fprintf(stderr, PERF_PROG ": cannot create %s: %s\n", o->out,
			strerror(-ret));
		return -1;
	}
	/* A clean absolute path: workers run in other directories. */
	if (realpath(o->out, abs_out))
		snprintf(o->out, sizeof(o->out), "%s", abs_out);
	return 0;
}

/* "model name" from /proc/cpuinfo, nproc, memory and the kernel, one line. */
void perf_machine(char *buf, size_t cap)
{
	char line[256], model[128] = "unknown CPU";
	unsigned long long mem_kb = 0;
	struct utsname u;
	FILE *f;

	f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) || !colon)
			continue;
		colon += 1 + strspn(colon + 1, " \t");
		colon[strcspn(colon, "\n")] = 0;
		snprintf(model, sizeof(model), "%s", colon);
		break;
	}
	if (f)
		fclose(f);
	f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %llu kB", &mem_kb) == 1)
			break;
	if (f)
		fclose(f);
	if (uname(&u))
		memset(&u, 0, sizeof(u));
	snprintf(buf, cap, "%s, %ld cores (nproc), %.1f GiB RAM, Linux %s %s",
		 model, sysconf(_SC_NPROCESSORS_ONLN),
		 (double)mem_kb / (1024.0 * 1024.0), u.release, u.machine);
}

void perf_date(char *buf, size_t cap)
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, cap, "%Y-%m-%d %H:%M UTC", &tm))
		snprintf(buf, cap, "unknown date");
}

int perf_run_stack(const char *bin_dir, const char *const *stack_opts,
		   const char *const *worker_args)
{
	char softee[PATH_MAX], self[PATH_MAX];
	const char *argv[96];
	size_t n = 0;
	pid_t pid;
	int st;

	if (snprintf(softee, sizeof(softee), "%s/softee", bin_dir) >= (int)sizeof(softee) ||
	    snprintf(self, sizeof(self), "%s/" PERF_PROG, bin_dir) >= (int)sizeof(self))
		return -ENAMETOOLONG;
	argv[n++] = softee;
	argv[n++] = "run";
	for (size_t i = 0; stack_opts && stack_opts[i]; i++) {
		if (n >= 40)
			return -E2BIG;
		argv[n++] = stack_opts[i];
	}
	argv[n++] = "--";
	argv[n++] = self;
	for (size_t i = 0; worker_args[i]; i++) {
		if (n >= sizeof(argv) / sizeof(argv[0]) - 1)
			return -E2BIG;
		argv[n++] = worker_args[i];
	}
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		execv(softee, (char *const *)argv);
		fprintf(stderr, PERF_PROG ": cannot run %s: %s\n", softee,
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

const char *perf_run_status(int status)
{
	if (status == 0)
		return "ok";
	if (status == 125)
		return "the stack failed to start";
	if (status < 0)
		return "softee run could not be started";
	return "the worker failed";
}

int perf_parse_uint(const char *s, unsigned long min, unsigned long max,
		    unsigned long *out)
{
	unsigned long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int perf_parse_duration(const char *s, double *secs)
{
	double mult = 1, v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s)
		return -1;
	if (!strcmp(end, "h"))
		mult = 3600;
	else if (!strcmp(end, "m") || !strcmp(end, "min"))
		mult = 60;
	else if (strcmp(end, "s") && *end)
		return -1;
	v *= mult;
	/* At most a week: a soak, not a service. */
	if (!(v > 0) || v > 7 * 86400.0)
		return -1;
	*secs = v;
	return 0;
}
