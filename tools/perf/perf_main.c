// SPDX-License-Identifier: BSD-2-Clause
/* softee-perf: `shm` starts stacks with `softee run`, runs the worker in each and reports. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "perf.h"

struct perf_cfg {
	uint64_t sizes[PERF_MAX_SIZES];
	size_t n_sizes;
	unsigned int reps, min_reps, budget_ms;
	const char *out_dir;
	const char *doc_path;
	const char *page_size;		/* driver page size, or NULL */
	bool write_doc;
	bool no_static;
};

static void perf_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf shm [--sizes 4K,16K,...,256M] [--reps N] "
		"[--out DIR] [--quick]\n"
		"                       [--write-doc [--doc PATH]] [--no-static]\n"
		"                       [--page-size 4096|16384|65536]\n"
		"  Shared-memory benchmark: starts its own stacks (dynamic shm, and a\n"
		"  legacy carve-out secure world), measures per-invoke and\n"
		"  registration costs, prints tables and target ratios, writes CSV to\n"
		"  DIR/shm.csv (default build/perf beside the build).\n"
		"  --reps N     repetitions for the smallest sizes (default 200; larger\n"
		"               sizes get fewer within a time budget, at least 5)\n"
		"  --quick      sizes up to 16M and few repetitions (well under a minute)\n"
		"  --page-size  normal-world page size of the dynamic stack's driver\n"
		"  --write-doc  also (re)write the markdown report (default\n"
		"               docs/performance.md, relative to the current directory)\n");
}

static int perf_bin_dir(char *buf, size_t cap)
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

static int perf_mkdir_p(const char *dir)
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

/* "model name" from /proc/cpuinfo, nproc, kernel and memory, one line. */
static void perf_machine(char *buf, size_t cap)
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
	snprintf(buf, cap, "%s, nproc %ld, %.1f GiB RAM, Linux %s %s", model,
		 sysconf(_SC_NPROCESSORS_ONLN), (double)mem_kb / (1024.0 * 1024.0),
		 u.release, u.machine);
}

/* Run `softee run [stack opts] -- softee-perf shm-worker ...`; its exit status. */
static int perf_run_stack(const char *bin_dir, const struct perf_cfg *c,
			  const char *stack, const char *raw, const char *stat)
{
	char softee[PATH_MAX], self[PATH_MAX], sizes[PERF_MAX_SIZES * 24] = "";
	char reps[16], min_reps[16], budget[16], max_size[24];
	const char *argv[40];
	size_t n = 0, len = 0;
	pid_t pid;
	int st;

	if (snprintf(softee, sizeof(softee), "%s/softee", bin_dir) >= (int)sizeof(softee) ||
	    snprintf(self, sizeof(self), "%s/" PERF_PROG, bin_dir) >= (int)sizeof(self))
		return -ENAMETOOLONG;
	for (size_t i = 0; i < c->n_sizes; i++)
		len += (size_t)snprintf(sizes + len, sizeof(sizes) - len, "%s%" PRIu64,
					i ? "," : "", c->sizes[i]);
	snprintf(reps, sizeof(reps), "%u", c->reps);
	snprintf(min_reps, sizeof(min_reps), "%u", c->min_reps);
	snprintf(budget, sizeof(budget), "%u", c->budget_ms);
	snprintf(max_size, sizeof(max_size), "%llu",
		 (unsigned long long)PERF_STATIC_MAX_SIZE);
	argv[n++] = softee;
	argv[n++] = "run";
	if (c->page_size && !strcmp(stack, "dynamic")) {
		argv[n++] = "--page-size";
		argv[n++] = c->page_size;
	}
	if (!strcmp(stack, "static")) {
		argv[n++] = "--no-dynamic-shm";
		argv[n++] = "--carveout-size";
		argv[n++] = PERF_STATIC_CARVEOUT;
	}
	argv[n++] = "--";
	argv[n++] = self;
	argv[n++] = "shm-worker";
	argv[n++] = "--stack";
	argv[n++] = stack;
	argv[n++] = "--sizes";
	argv[n++] = sizes;
	argv[n++] = "--reps";
	argv[n++] = reps;
	argv[n++] = "--min-reps";
	argv[n++] = min_reps;
	argv[n++] = "--budget-ms";
	argv[n++] = budget;
	argv[n++] = "--raw";
	argv[n++] = raw;
	argv[n++] = "--stat";
	argv[n++] = stat;
	if (!strcmp(stack, "static")) {
		argv[n++] = "--max-size";
		argv[n++] = max_size;
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

static int perf_shm_args(struct perf_cfg *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "sizes", required_argument, NULL, 's' },
		{ "reps", required_argument, NULL, 'r' },
		{ "out", required_argument, NULL, 'o' },
		{ "quick", no_argument, NULL, 'q' },
		{ "write-doc", no_argument, NULL, 'w' },
		{ "doc", required_argument, NULL, 'd' },
		{ "no-static", no_argument, NULL, 'n' },
		{ "page-size", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool quick = false, have_sizes = false, have_reps = false;
	unsigned long v;
	char *end;
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (opt) {
		case 's':
			if (perf_parse_sizes(optarg, c->sizes, PERF_MAX_SIZES,
					     &c->n_sizes)) {
				fprintf(stderr, PERF_PROG ": bad --sizes %s (sizes "
					"like 4K,1M; multiples of 8; at most %d)\n",
					optarg, PERF_MAX_SIZES);
				return -1;
			}
			have_sizes = true;
			break;
		case 'r':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || *end || !v || v > 100000) {
				fprintf(stderr, PERF_PROG ": bad --reps %s\n", optarg);
				return -1;
			}
			c->reps = (unsigned int)v;
			have_reps = true;
			break;
		case 'o': c->out_dir = optarg; break;
		case 'q': quick = true; break;
		case 'w': c->write_doc = true; break;
		case 'd': c->doc_path = optarg; break;
		case 'n': c->no_static = true; break;
		case 'p':
			if (strcmp(optarg, "4096") && strcmp(optarg, "16384") &&
			    strcmp(optarg, "65536")) {
				fprintf(stderr, PERF_PROG ": bad --page-size %s\n",
					optarg);
				return -1;
			}
			c->page_size = optarg;
			break;
		case 'h': perf_usage(stdout); return 1;
		default: perf_usage(stderr); return -1;
		}
	}
	if (optind != argc) {
		perf_usage(stderr);
		return -1;
	}
	/* Powers of 4 from 4K; --quick stops at 16M and samples briefly. */
	if (!have_sizes)
		for (uint64_t s = 4096; s <= (quick ? 16ULL << 20 : 256ULL << 20); s *= 4)
			c->sizes[c->n_sizes++] = s;
	if (!have_reps)
		c->reps = quick ? 15 : 200;
	c->min_reps = quick ? 3 : 5;
	c->budget_ms = quick ? 40 : 300;
	if (c->min_reps > c->reps)
		c->min_reps = c->reps;
	return 0;
}

/*
 * The per-context counter table of a `softee stat` capture (from the
 * "context" header to the "total" line), appended to buf.
 */
static void perf_counters(const char *path, const char *stack, char *buf,
			  size_t cap)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t len = strlen(buf);
	bool in = false;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && len < cap) {
		if (!in && !strncmp(line, "context ", 8)) {
			in = true;
			len += (size_t)snprintf(buf + len, cap - len,
						"%s stack:\n", stack);
		}
		if (!in || len >= cap)
			continue;
		len += (size_t)snprintf(buf + len, cap - len, "%s", line);
		if (!strncmp(line, "total", 5))
			break;
	}
	fclose(f);
	unlink(path);
}

static void perf_date(char *buf, size_t cap)
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, cap, "%Y-%m-%d %H:%M UTC", &tm))
		snprintf(buf, cap, "unknown date");
}

static int perf_shm(int argc, char **argv)
{
	static const char *const stacks[] = { "dynamic", "static" };
	struct perf_cfg c = { .doc_path = "docs/performance.md" };
	struct perf_results res = { 0 };
	struct perf_report_cfg rc;
	char bin_dir[PATH_MAX], out[PATH_MAX + 16], raw[PATH_MAX + 48];
	char abs_out[PATH_MAX];
	char csv[PATH_MAX + 48], machine[512], date[64], cmdline[512] = "softee perf shm";
	char notes[1024] = "", stat[PATH_MAX + 48], counters[4096] = "";
	size_t nl = 0, cl = strlen(cmdline);
	int ret, ran = 0;
	FILE *f;

	ret = perf_shm_args(&c, argc, argv);
	if (ret)
		return ret > 0 ? 0 : 2;
	for (int i = 1; i < argc && cl < sizeof(cmdline) - 1; i++)
		cl += (size_t)snprintf(cmdline + cl, sizeof(cmdline) - cl, " %s", argv[i]);
	if (perf_bin_dir(bin_dir, sizeof(bin_dir))) {
		fprintf(stderr, PERF_PROG ": cannot find my own directory\n");
		return 1;
	}
	if (c.out_dir && strlen(c.out_dir) >= PATH_MAX) {
		fprintf(stderr, PERF_PROG ": --out too long\n");
		return 2;
	}
	/* Default: build/perf, next to build/out and build/san. */
	if (c.out_dir)
		snprintf(out, sizeof(out), "%s", c.out_dir);
	else
		snprintf(out, sizeof(out), "%s/../../perf", bin_dir);
	if (perf_mkdir_p(out)) {
		fprintf(stderr, PERF_PROG ": cannot create %s: %s\n", out,
			strerror(errno));
		return 1;
	}
	/* Print and pass a clean absolute path (the worker runs elsewhere). */
	if (realpath(out, abs_out))
		snprintf(out, sizeof(out), "%s", abs_out);
	snprintf(raw, sizeof(raw), "%s/shm-raw.csv", out);
	snprintf(csv, sizeof(csv), "%s/shm.csv", out);
	if (truncate(raw, 0) && errno != ENOENT) {
		perror(raw);
		return 1;
	}
	if (c.page_size)
		nl += (size_t)snprintf(notes + nl, sizeof(notes) - nl,
				       "dynamic stack: driver page size %s\n",
				       c.page_size);
	/* Measure what libteec really does, not its legacy emulation. */
	unsetenv("SOFTEE_TEEC_LEGACY");
	for (size_t s = 0; s < 2; s++) {
		if (c.no_static && !strcmp(stacks[s], "static"))
			continue;
		fprintf(stderr, PERF_PROG ": measuring on the %s stack\n", stacks[s]);
		snprintf(stat, sizeof(stat), "%s/shm-stat-%s.txt", out, stacks[s]);
		ret = perf_run_stack(bin_dir, &c, stacks[s], raw, stat);
		perf_counters(stat, stacks[s], counters, sizeof(counters));
		if (ret == 0) {
			ran++;
			continue;
		}
		if (nl < sizeof(notes))
			nl += (size_t)snprintf(notes + nl, sizeof(notes) - nl,
				"%s stack: %s (status %d); its rows are missing\n",
				stacks[s], ret == 125 ? "the stack failed to start" :
				"the worker failed", ret);
	}
	if (perf_results_load(&res, raw) && !ran) {
		fprintf(stderr, PERF_PROG ": no results\n");
		return 1;
	}
	perf_machine(machine, sizeof(machine));
	perf_date(date, sizeof(date));
	rc = (struct perf_report_cfg){ c.sizes, c.n_sizes, machine, date,
				       cmdline, notes, counters };
	perf_report_text(stdout, &res, &rc);
	f = fopen(csv, "w");
	if (f) {
		perf_csv_header(f);
		for (size_t i = 0; i < res.n; i++)
			perf_csv_row(f, &res.rows[i]);
		if (fclose(f))
			perror(csv);
		else
			printf("\nCSV: %s\n", csv);
		unlink(raw);
	} else {
		perror(csv);
	}
	if (c.write_doc) {
		ret = perf_report_doc(c.doc_path, &res, &rc);
		if (ret)
			fprintf(stderr, PERF_PROG ": cannot write %s: %s\n",
				c.doc_path, strerror(-ret));
		else
			printf("Report: %s\n", c.doc_path);
	}
	perf_results_free(&res);
	/* A benchmark: missed targets never fail; no stack at all does. */
	return ran ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "shm"))
		return perf_shm(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "shm-worker"))
		return perf_worker_main(argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help") ||
			  !strcmp(argv[1], "-h"))) {
		perf_usage(stdout);
		return 0;
	}
	perf_usage(stderr);
	return 2;
}
