// SPDX-License-Identifier: BSD-2-Clause
/* `softee perf shm`: the shared-memory sweep on a dynamic and a legacy stack. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "perf.h"

struct perf_shm_cfg {
	struct perf_opts o;
	uint64_t sizes[PERF_MAX_SIZES];
	size_t n_sizes;
	unsigned int reps, min_reps, budget_ms;
	const char *page_size;		/* driver page size, or NULL */
	bool no_static;
};

static void perf_shm_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf shm [--sizes 4K,16K,...,256M] [--reps N] "
		"[--no-static]\n"
		"                       [--page-size 4096|16384|65536] [common options]\n"
		"  Shared-memory benchmark: starts its own stacks (dynamic shm, and a\n"
		"  legacy carve-out secure world), measures per-invoke and\n"
		"  registration costs against a native loop and memcpy, prints tables\n"
		"  and target ratios, writes DIR/shm.csv and DIR/shm.png.\n"
		"  --reps N     repetitions for the smallest sizes (default 200; larger\n"
		"               sizes get fewer within a time budget, at least 11)\n"
		"  --page-size  normal-world page size of the dynamic stack's driver\n"
		"  --no-static  skip the legacy carve-out stack\n"
		PERF_COMMON_USAGE
		"  --quick      sizes up to 16M and few repetitions (well under a minute)\n");
}

enum { OPT_SIZES = PERF_OPT_FIRST_OWN, OPT_REPS, OPT_NO_STATIC, OPT_PAGE_SIZE };

static int perf_shm_args(struct perf_shm_cfg *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "sizes", required_argument, NULL, OPT_SIZES },
		{ "reps", required_argument, NULL, OPT_REPS },
		{ "no-static", no_argument, NULL, OPT_NO_STATIC },
		{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
		PERF_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	bool have_sizes = false, have_reps = false;
	unsigned long v;
	int opt, t;

	perf_opts_init(&c->o);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		t = perf_opts_take(&c->o, opt, optarg);
		if (t == 0)
			continue;
		if (t == -2)
			return -1;
		switch (opt) {
		case OPT_SIZES:
			if (perf_parse_sizes(optarg, c->sizes, PERF_MAX_SIZES,
					     &c->n_sizes)) {
				fprintf(stderr, PERF_PROG ": bad --sizes %s (sizes "
					"like 4K,1M; multiples of 8; at most %d)\n",
					optarg, PERF_MAX_SIZES);
				return -1;
			}
			have_sizes = true;
			break;
		case OPT_REPS:
			if (perf_parse_uint(optarg, 1, 100000, &v)) {
				fprintf(stderr, PERF_PROG ": bad --reps %s\n", optarg);
				return -1;
			}
			c->reps = (unsigned int)v;
			have_reps = true;
			break;
		case OPT_NO_STATIC:
			c->no_static = true;
			break;
		case OPT_PAGE_SIZE:
			if (strcmp(optarg, "4096") && strcmp(optarg, "16384") &&
			    strcmp(optarg, "65536")) {
				fprintf(stderr, PERF_PROG ": bad --page-size %s\n",
					optarg);
				return -1;
			}
			c->page_size = optarg;
			break;
		case 'h':
			perf_shm_usage(stdout);
			return 1;
		default:
			perf_shm_usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		perf_shm_usage(stderr);
		return -1;
	}
	/* Powers of 4 from 4K; --quick stops at 16M and samples briefly. */
	if (!have_sizes)
		for (uint64_t s = 4096; s <= (c->o.quick ? 16ULL << 20 : 256ULL << 20);
		     s *= 4)
			c->sizes[c->n_sizes++] = s;
	if (!have_reps)
		c->reps = c->o.quick ? 15 : 200;
	/* Large sizes are the noisiest on a shared machine: more samples. */
	c->min_reps = c->o.quick ? 3 : 11;
	c->budget_ms = c->o.quick ? 40 : 500;
	if (c->min_reps > c->reps)
		c->min_reps = c->reps;
	return 0;
}

/* `softee run [stack opts] -- softee-perf shm-worker ...`; its exit status. */
static int perf_shm_stack(const struct perf_shm_cfg *c, const char *stack,
			  const char *raw, const char *stat)
{
	char sizes[PERF_MAX_SIZES * 24] = "", reps[16], min_reps[16], budget[16];
	char max_size[24];
	const char *sopts[8], *wargs[24];
	size_t ns = 0, nw = 0, len = 0;

	for (size_t i = 0; i < c->n_sizes; i++)
		len += (size_t)snprintf(sizes + len, sizeof(sizes) - len, "%s%" PRIu64,
					i ? "," : "", c->sizes[i]);
	snprintf(reps, sizeof(reps), "%u", c->reps);
	snprintf(min_reps, sizeof(min_reps), "%u", c->min_reps);
	snprintf(budget, sizeof(budget), "%u", c->budget_ms);
	snprintf(max_size, sizeof(max_size), "%llu",
		 (unsigned long long)PERF_STATIC_MAX_SIZE);
	if (c->page_size && !strcmp(stack, "dynamic")) {
		sopts[ns++] = "--page-size";
		sopts[ns++] = c->page_size;
	}
	if (!strcmp(stack, "static")) {
		sopts[ns++] = "--no-dynamic-shm";
		sopts[ns++] = "--carveout-size";
		sopts[ns++] = PERF_STATIC_CARVEOUT;
	}
	sopts[ns] = NULL;
	wargs[nw++] = "shm-worker";
	wargs[nw++] = "--stack";
	wargs[nw++] = stack;
	wargs[nw++] = "--sizes";
	wargs[nw++] = sizes;
	wargs[nw++] = "--reps";
	wargs[nw++] = reps;
	wargs[nw++] = "--min-reps";
	wargs[nw++] = min_reps;
	wargs[nw++] = "--budget-ms";
	wargs[nw++] = budget;
	wargs[nw++] = "--raw";
	wargs[nw++] = raw;
	wargs[nw++] = "--stat";
	wargs[nw++] = stat;
	if (!strcmp(stack, "static")) {
		wargs[nw++] = "--max-size";
		wargs[nw++] = max_size;
	}
	wargs[nw] = NULL;
	return perf_run_stack(c->o.bin_dir, sopts, wargs);
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

/* Per-invoke time of the touching TA against size, per stack and mode. */
static void perf_shm_plot(const struct perf_shm_cfg *c,
			  const struct perf_results *res, char *notes,
			  size_t cap)
{
	static const char *const stacks[] = { "dynamic", "static" };
	static const char *const modes[] = { "registered", "allocated", "temp" };
	struct perf_plot p = {
		.file = "shm.png",
		.title = "softee perf shm: one invoke with the TA passing over "
			 "the memref, against the native loop (lower is better)",
		.xlabel = "memref size (KiB)", .ylabel = "median us per invoke",
		.logx = true, .logy = true,
	};
	char name[48], why[256];
	size_t len = strlen(notes);

	for (size_t s = 0; s < 2; s++) {
		for (size_t m = 0; m < 3; m++) {
			int k;

			snprintf(name, sizeof(name), "%s %s", stacks[s], modes[m]);
			k = perf_plot_series(&p, name);
			for (size_t i = 0; k >= 0 && i < c->n_sizes; i++) {
				const struct perf_row *r = perf_results_find(res,
					stacks[s], modes[m], "ta-touch", c->sizes[i]);

				if (r && r->n)
					perf_plot_point(&p, (size_t)k,
							(double)c->sizes[i] / 1024,
							r->med_us);
			}
		}
	}
	{
		int k = perf_plot_series(&p, "native loop (client)");

		for (size_t i = 0; k >= 0 && i < c->n_sizes; i++) {
			const struct perf_row *r = perf_results_find(res, "dynamic",
				"registered", "native", c->sizes[i]);

			if (r && r->n)
				perf_plot_point(&p, (size_t)k,
						(double)c->sizes[i] / 1024, r->med_us);
		}
	}
	if (perf_plot_render(&p, c->o.out, why, sizeof(why)) && len < cap)
		snprintf(notes + len, cap - len, "plot: %s\n", why);
	perf_plot_free(&p);
}

static int perf_shm_doc(const struct perf_shm_cfg *c,
			const struct perf_results *res,
			const struct perf_report_cfg *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int ret;

	if (!f)
		return -ENOMEM;
	perf_doc_head(f, "shm: shared memory, 4 KiB to 256 MiB memrefs", &c->o,
		      "per invoke: the same pass over the same buffer run natively "
		      "in the client (TA/native speed); registration: a memcpy of "
		      "the same size into memory already faulted in; the static "
		      "stack: the same invokes through a legacy carve-out secure "
		      "world");
	perf_doc_plot(f, &c->o, "shm.png", "per-invoke time against memref size");
	fprintf(f, "\n");
	perf_report_md(f, res, rc);
	if (fclose(f)) {
		free(text);
		return -ENOMEM;
	}
	ret = perf_doc_update(c->o.doc_path, "shm", text);
	free(text);
	return ret;
}

int perf_shm_main(int argc, char **argv)
{
	static const char *const stacks[] = { "dynamic", "static" };
	struct perf_shm_cfg c;
	struct perf_results res = { 0 };
	struct perf_report_cfg rc;
	char raw[PATH_MAX + 48], csv[PATH_MAX + 48], stat[PATH_MAX + 48];
	char machine[512], date[64], notes[1024] = "", counters[4096] = "";
	size_t nl = 0;
	int ret, ran = 0;
	FILE *f;

	memset(&c, 0, sizeof(c));
	ret = perf_shm_args(&c, argc, argv);
	if (ret)
		return ret > 0 ? 0 : 2;
	if (perf_opts_finish(&c.o, "shm", argc, argv))
		return 1;
	snprintf(raw, sizeof(raw), "%s/shm-raw.csv", c.o.out);
	snprintf(csv, sizeof(csv), "%s/shm.csv", c.o.out);
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
		snprintf(stat, sizeof(stat), "%s/shm-stat-%s.txt", c.o.out, stacks[s]);
		ret = perf_shm_stack(&c, stacks[s], raw, stat);
		perf_counters(stat, stacks[s], counters, sizeof(counters));
		if (ret == 0) {
			ran++;
			continue;
		}
		if (nl < sizeof(notes))
			nl += (size_t)snprintf(notes + nl, sizeof(notes) - nl,
				"%s stack: %s (status %d); its rows are missing\n",
				stacks[s], perf_run_status(ret), ret);
	}
	if (perf_results_load(&res, raw) && !ran) {
		fprintf(stderr, PERF_PROG ": no results\n");
		return 1;
	}
	perf_shm_plot(&c, &res, notes, sizeof(notes));
	perf_machine(machine, sizeof(machine));
	perf_date(date, sizeof(date));
	rc = (struct perf_report_cfg){ c.sizes, c.n_sizes, machine, date,
				       c.o.cmdline, notes, counters };
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
	if (c.o.write_doc) {
		ret = perf_shm_doc(&c, &res, &rc);
		if (ret)
			fprintf(stderr, PERF_PROG ": cannot write %s: %s\n",
				c.o.doc_path, strerror(-ret));
		else
			printf("Report: %s (section shm)\n", c.o.doc_path);
	}
	perf_results_free(&res);
	/* A benchmark: missed targets never fail; no stack at all does. */
	return ran ? 0 : 1;
}
