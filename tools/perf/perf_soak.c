// SPDX-License-Identifier: BSD-2-Clause
/*
 * `softee perf soak`: a mixed load for a chosen duration; throughput and
 * RSS of every softee process over time, and whether memory stayed flat.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "perf.h"

#define PERF_SOAK_COLS	15
/* RSS columns judged, and TA hosts as the average per instance. */
static const char *const perf_soak_procs[PERF_SOAK_PROCS] = {
	"softee-secure", "softee-driver", "softee-supplicant",
	"client (load threads)", "softee-ta (per instance)",
};

/* Median of v[0..n) (copied: v is left alone). */
static double perf_soak_median(const double *v, size_t n)
{
	struct perf_samples s = { 0 };
	double m;

	for (size_t i = 0; i < n; i++)
		if (perf_samples_add(&s, v[i]))
			break;
	m = perf_samples_pct(&s, 50);
	perf_samples_free(&s);
	return m;
}

int perf_soak_verdict(const double *t, const double *kb, size_t n,
		      struct perf_soak_verdict *v)
{
	double tmax = n ? t[n - 1] : 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
	size_t first = 0, m, q, k = 0;
	double *y;

	memset(v, 0, sizeof(*v));
	/* Warm-up: the first tenth of the run (caches, pools, TA loads). */
	while (first < n && (t[first] <= 0 || t[first] < tmax / 10 || kb[first] < 0))
		first++;
	m = n - first;
	if (m < 8)
		return -1;
	y = malloc(m * sizeof(*y));
	if (!y)
		return -ENOMEM;
	for (size_t i = first; i < n; i++) {
		if (kb[i] < 0)
			continue;
		y[k++] = kb[i];
		sx += t[i];
		sy += kb[i];
		sxx += t[i] * t[i];
		sxy += t[i] * kb[i];
	}
	if (k < 8) {
		free(y);
		return -1;
	}
	q = k / 4;
	v->first_kb = perf_soak_median(y, q);
	v->last_kb = perf_soak_median(y + k - q, q);
	/* Least-squares slope, per minute: a trend the quarters may hide. */
	if (k * sxx - sx * sx > 0)
		v->slope_kb_min = ((double)k * sxy - sx * sy) /
				  ((double)k * sxx - sx * sx) * 60;
	v->flat = v->last_kb <= v->first_kb * (1 + PERF_SOAK_TOL_PCT / 100) +
			       PERF_SOAK_TOL_KB;
	v->judged = true;
	free(y);
	return 0;
}

struct perf_soak_data {
	size_t n, cap;
	double *t, *ops_s, *rss[PERF_SOAK_PROCS];
	double cycles, errors;
};

static void perf_soak_data_free(struct perf_soak_data *d)
{
	free(d->t);
	free(d->ops_s);
	for (size_t p = 0; p < PERF_SOAK_PROCS; p++)
		free(d->rss[p]);
	memset(d, 0, sizeof(*d));
}

static int perf_soak_grow(struct perf_soak_data *d)
{
	size_t cap = d->cap ? d->cap * 2 : 256;
	double **arrs[2 + PERF_SOAK_PROCS] = { &d->t, &d->ops_s };

	for (size_t p = 0; p < PERF_SOAK_PROCS; p++)
		arrs[2 + p] = &d->rss[p];
	for (size_t i = 0; i < 2 + PERF_SOAK_PROCS; i++) {
		double *v = realloc(*arrs[i], cap * sizeof(double));

		if (!v)
			return -ENOMEM;
		*arrs[i] = v;
	}
	d->cap = cap;
	return 0;
}

/* The worker's CSV (see perf_soak_load.c for its columns). */
static int perf_soak_load(const char *path, struct perf_soak_data *d)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		double v[PERF_SOAK_COLS];
		char *p = line, *end;
		size_t k;

		if (!strncmp(line, "t_s,", 4))
			continue;
		for (k = 0; k < PERF_SOAK_COLS; k++) {
			v[k] = strtod(p, &end);
			if (end == p)
				break;
			p = end + (*end == ',');
		}
		if (k != PERF_SOAK_COLS || (d->n == d->cap && perf_soak_grow(d)))
			continue;
		d->t[d->n] = v[0];
		d->ops_s[d->n] = v[2];
		d->cycles = v[3];
		d->errors = v[4];
		for (size_t i = 0; i < 4; i++)
			d->rss[i][d->n] = v[5 + i];
		d->rss[4][d->n] = v[10] > 0 ? v[9] / v[10] : -1;
		d->n++;
	}
	fclose(f);
	return d->n ? 0 : -ENODATA;
}

static void perf_soak_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf soak [--duration D] [--interval S] [--clients N]\n"
		"                        [--seed N] [common options]\n"
		"  Soak: a default stack under a mixed load (N client threads, default\n"
		"  4, each opening contexts and sessions on single- and multi-instance\n"
		"  TAs and invoking with registered, allocated and temp memrefs, the\n"
		"  TA's writes checked) for D (default 3m; --quick 15s; e.g. 30m, 2h),\n"
		"  sampling throughput, RSS and fds of every softee process every S\n"
		"  seconds (default D/120, 1 to 30). Verdict: the median RSS of the last\n"
		"  quarter against the first quarter after a warm-up of D/10, within\n"
		"  %.0f%% + %.0f KiB (a report, never a failure). Writes DIR/soak.csv,\n"
		"  DIR/soak-rss.png and DIR/soak-throughput.png. Exit status 3 if a\n"
		"  load cycle failed.\n"
		PERF_COMMON_USAGE, PERF_SOAK_TOL_PCT, PERF_SOAK_TOL_KB);
}

static void perf_soak_report(FILE *f, bool md, const struct perf_soak_data *d,
			     double dur, unsigned long clients, int status)
{
	static const char *const heads[] = { "process", "RSS MiB, 1st quarter",
		"RSS MiB, last quarter", "change", "slope KiB/min", "verdict", NULL };
	struct perf_table t;
	size_t q = d->n / 4;
	bool all_flat = true, any = false;

	perf_table_init(&t, "memory over the run (median RSS after warm-up)", heads);
	for (size_t p = 0; p < PERF_SOAK_PROCS; p++) {
		struct perf_soak_verdict v;
		char (*row)[PERF_CELL] = perf_table_row(&t);

		if (!row)
			break;
		snprintf(row[0], PERF_CELL, "%s", perf_soak_procs[p]);
		if (perf_soak_verdict(d->t, d->rss[p], d->n, &v)) {
			for (size_t k = 1; k < 6; k++)
				snprintf(row[k], PERF_CELL, "n/a");
			snprintf(row[5], PERF_CELL, "too few samples");
			continue;
		}
		any = true;
		all_flat &= v.flat;
		snprintf(row[1], PERF_CELL, "%.2f", v.first_kb / 1024);
		snprintf(row[2], PERF_CELL, "%.2f", v.last_kb / 1024);
		snprintf(row[3], PERF_CELL, "%+.1f%%", v.first_kb > 0 ?
			 (v.last_kb / v.first_kb - 1) * 100 : 0);
		snprintf(row[4], PERF_CELL, "%+.1f", v.slope_kb_min);
		snprintf(row[5], PERF_CELL, "%s", v.flat ? "flat" : "GROWING");
	}
	perf_table_print(f, md, &t);
	perf_table_free(&t);
	fprintf(f, "\n%s%.0f s, %lu client threads, %zu samples; %.0f load cycles, "
		"%.0f failed%s\n", md ? "Run: " : "run: ", dur, clients, d->n,
		d->cycles, d->errors, status == 3 ? " (see the tool's output)" : "");
	if (q >= 1)
		fprintf(f, "%shroughput, median calls per second: first quarter "
			"%.0f, last quarter %.0f (%.2fx)\n", md ? "\nT" : "t",
			perf_soak_median(d->ops_s + 1, q),
			perf_soak_median(d->ops_s + d->n - q, q),
			perf_soak_median(d->ops_s + d->n - q, q) /
			fmax(perf_soak_median(d->ops_s + 1, q), 1e-9));
	fprintf(f, "%s%s%s\n", md ? "\n**Verdict: " : "verdict: ",
		!any ? "not judged (run too short)" : all_flat ?
		"memory stayed flat" : "memory GREW in at least one process",
		md ? "**" : "");
}

/* RSS in MiB and throughput against minutes. */
static void perf_soak_plots(const struct perf_opts *o,
			    const struct perf_soak_data *d)
{
	struct perf_plot rss = {
		.file = "soak-rss.png", .title = "softee perf soak: resident memory",
		.xlabel = "minutes", .ylabel = "RSS MiB",
	};
	struct perf_plot thr = {
		.file = "soak-throughput.png",
		.title = "softee perf soak: calls per second (opens, invokes, closes)",
		.xlabel = "minutes", .ylabel = "calls per second",
	};
	char why[256];
	int k = perf_plot_series(&thr, "all clients");

	for (size_t p = 0; p < PERF_SOAK_PROCS; p++) {
		int s = perf_plot_series(&rss, perf_soak_procs[p]);

		for (size_t i = 0; s >= 0 && i < d->n; i++)
			if (d->rss[p][i] >= 0)
				perf_plot_point(&rss, (size_t)s, d->t[i] / 60,
						d->rss[p][i] / 1024);
	}
	for (size_t i = 1; i < d->n; i++)
		perf_plot_point(&thr, (size_t)k, d->t[i] / 60, d->ops_s[i]);
	if (perf_plot_render(&rss, o->out, why, sizeof(why)) ||
	    perf_plot_render(&thr, o->out, why, sizeof(why)))
		fprintf(stderr, PERF_PROG ": soak: no plot: %s\n", why);
	perf_plot_free(&rss);
	perf_plot_free(&thr);
}

int perf_soak_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "duration", required_argument, NULL, PERF_OPT_FIRST_OWN },
		{ "interval", required_argument, NULL, PERF_OPT_FIRST_OWN + 1 },
		{ "clients", required_argument, NULL, PERF_OPT_FIRST_OWN + 2 },
		{ "seed", required_argument, NULL, PERF_OPT_FIRST_OWN + 3 },
		PERF_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct perf_soak_data d = { 0 };
	struct perf_opts o;
	double dur = 0, ivl = 0;
	unsigned long clients = 4, seed = 1;
	char csv[PATH_MAX + 16], dms[24], ims[24], cs[24], ss[24];
	int c, t, status, ret;

	perf_opts_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		int bad = 0;

		t = perf_opts_take(&o, c, optarg);
		if (t == 0)
			continue;
		if (t == -2)
			return 2;
		switch (c) {
		case 'h':
			perf_soak_usage(stdout);
			return 0;
		case PERF_OPT_FIRST_OWN: bad = perf_parse_duration(optarg, &dur); break;
		case PERF_OPT_FIRST_OWN + 1:
			bad = perf_parse_duration(optarg, &ivl) || ivl < 0.1;
			break;
		case PERF_OPT_FIRST_OWN + 2:
			bad = perf_parse_uint(optarg, 1, 64, &clients);
			break;
		case PERF_OPT_FIRST_OWN + 3:
			bad = perf_parse_uint(optarg, 0, ULONG_MAX, &seed);
			break;
		default: bad = 1; break;
		}
		if (bad) {
			perf_soak_usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		perf_soak_usage(stderr);
		return 2;
	}
	if (perf_opts_finish(&o, "soak", argc, argv))
		return 1;
	if (!dur)
		dur = o.quick ? 15 : 180;
	if (!ivl)
		ivl = fmin(30, fmax(1, dur / 120));
	snprintf(dms, sizeof(dms), "%.0f", dur * 1000);
	snprintf(ims, sizeof(ims), "%.0f", ivl * 1000);
	snprintf(cs, sizeof(cs), "%lu", clients);
	snprintf(ss, sizeof(ss), "%lu", seed);
	snprintf(csv, sizeof(csv), "%s/soak.csv", o.out);
	{
		const char *wargs[] = { "soak-worker", "--csv", csv, "--duration-ms",
					dms, "--interval-ms", ims, "--clients", cs,
					"--seed", ss, NULL };

		fprintf(stderr, PERF_PROG ": soak: %.0f s, a sample every %.1f s, "
			"%lu clients, seed %lu\n", dur, ivl, clients, seed);
		status = perf_run_stack(o.bin_dir, NULL, wargs);
	}
	ret = perf_soak_load(csv, &d);
	if (ret) {
		fprintf(stderr, PERF_PROG ": soak: no samples in %s (%s, status %d)\n",
			csv, perf_run_status(status), status);
		return 1;
	}
	printf("softee perf soak (%s)\n", o.cmdline);
	perf_soak_report(stdout, false, &d, dur, clients, status);
	printf("CSV: %s\n", csv);
	perf_soak_plots(&o, &d);
	if (o.write_doc) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);

		if (f) {
			perf_doc_head(f, "soak: memory and throughput over time", &o,
				      "each process against itself: the median RSS of "
				      "the last quarter of the run against the first "
				      "quarter after warm-up");
			perf_doc_plot(f, &o, "soak-rss.png", "RSS over time");
			perf_doc_plot(f, &o, "soak-throughput.png", "throughput over time");
			perf_soak_report(f, true, &d, dur, clients, status);
			fclose(f);
			ret = perf_doc_update(o.doc_path, "soak", text);
			free(text);
			if (ret)
				fprintf(stderr, PERF_PROG ": %s: %s\n", o.doc_path,
					strerror(-ret));
			else
				printf("Report: %s (section soak)\n", o.doc_path);
		}
	}
	perf_soak_data_free(&d);
	/* A report: only a failed load (3) or no stack is an error. */
	return status;
}
