/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared declarations of softee-perf: configuration, result rows, statistics, report. */
#ifndef SOFTEE_PERF_H
#define SOFTEE_PERF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PERF_PROG		"softee-perf"
#define PERF_MAX_SIZES		16
#define PERF_MIB		(1024.0 * 1024.0)
/* The secure world's carve-out cannot exceed 256 MiB (softee_mem.h). */
#define PERF_STATIC_CARVEOUT	"256M"
/* Largest memref the carve-out stack gets: room for shadow + args. */
#define PERF_STATIC_MAX_SIZE	(64ULL << 20)

/* One result: a median with its spread, or "n/a" when n == 0. */
struct perf_row {
	char stack[16];		/* "dynamic" or "static" */
	char mode[24];		/* "registered", "allocated", "temp", ... */
	char measure[24];	/* "ta-touch", "ta-idle", "native", ... */
	uint64_t size;		/* bytes */
	double med_us, p10_us, p90_us;
	unsigned int n;
	char note[64];		/* why n/a, or a warning; no commas */
};

struct perf_results {
	struct perf_row *rows;
	size_t n, cap;
};

/* perf_stats.c: timing samples and their percentiles. */
struct perf_samples {
	double *v;		/* seconds */
	size_t n, cap;
};
double perf_now(void);
int perf_samples_add(struct perf_samples *s, double secs);
/* Sorts the samples; percentile p in [0, 100], nearest rank. */
double perf_samples_pct(struct perf_samples *s, double p);
void perf_samples_free(struct perf_samples *s);
/* Fill row's statistics from s (n = 0 if empty). */
void perf_row_stats(struct perf_row *row, struct perf_samples *s);

/* Sizes: "4K", "16M", "1G" or bytes; lists are comma-separated. */
int perf_parse_size(const char *s, uint64_t *out);
int perf_parse_sizes(const char *list, uint64_t *out, size_t cap, size_t *n);
void perf_fmt_size(uint64_t size, char *buf, size_t cap);

/* perf_rows.c: the CSV form of rows (the worker's output, --out's file). */
void perf_row_init(struct perf_row *row, const char *stack, const char *mode,
		   const char *measure, uint64_t size, const char *note);
void perf_csv_header(FILE *f);
void perf_csv_row(FILE *f, const struct perf_row *row);
int perf_results_add(struct perf_results *r, const struct perf_row *row);
/* Append the rows of a CSV file written by perf_csv_row. */
int perf_results_load(struct perf_results *r, const char *path);
const struct perf_row *perf_results_find(const struct perf_results *r,
					 const char *stack, const char *mode,
					 const char *measure, uint64_t size);
void perf_results_free(struct perf_results *r);

/* perf_report.c: tables, ratios against the targets, the markdown doc. */
struct perf_report_cfg {
	const uint64_t *sizes;
	size_t n_sizes;
	const char *machine;	/* one-line description */
	const char *date;	/* UTC */
	const char *cmdline;
	const char *notes;	/* stack start problems etc., may be "" */
	const char *counters;	/* `softee stat` context tables, may be "" */
};
void perf_report_text(FILE *f, const struct perf_results *r,
		      const struct perf_report_cfg *c);
int perf_report_doc(const char *path, const struct perf_results *r,
		    const struct perf_report_cfg *c);

/* perf_worker.c: runs inside a stack (`softee run -- softee-perf shm-worker`). */
int perf_worker_main(int argc, char **argv);

#endif /* SOFTEE_PERF_H */
