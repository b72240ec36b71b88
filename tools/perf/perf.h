/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared declarations of softee-perf: subcommands, options, result rows, statistics, reports. */
#ifndef SOFTEE_PERF_H
#define SOFTEE_PERF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
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
/* The markdown body of the shm section of docs/performance.md. */
void perf_report_md(FILE *f, const struct perf_results *r,
		    const struct perf_report_cfg *c);

/* perf_worker.c: runs inside a stack (`softee run -- softee-perf shm-worker`). */
int perf_worker_main(int argc, char **argv);

/* ---- every subcommand --------------------------------------------------- */

/*
 * Options every measuring subcommand accepts (`softee perf all` passes
 * them on): --quick, --out DIR, --write-doc, --doc PATH, --help.
 */
struct perf_opts {
	bool quick;
	bool write_doc;
	const char *doc_path;		/* default docs/performance.md */
	char out[PATH_MAX];		/* absolute; created */
	char bin_dir[PATH_MAX];		/* where softee and softee-perf live */
	char cmdline[512];		/* "softee perf NAME ARGS" */
};

enum {
	PERF_OPT_QUICK = 1000, PERF_OPT_OUT, PERF_OPT_WRITE_DOC, PERF_OPT_DOC,
	PERF_OPT_FIRST_OWN,		/* subcommands number their own from here */
};
#define PERF_COMMON_LONGOPTS \
	{ "quick", no_argument, NULL, PERF_OPT_QUICK }, \
	{ "out", required_argument, NULL, PERF_OPT_OUT }, \
	{ "write-doc", no_argument, NULL, PERF_OPT_WRITE_DOC }, \
	{ "doc", required_argument, NULL, PERF_OPT_DOC }, \
	{ "help", no_argument, NULL, 'h' }
#define PERF_COMMON_USAGE \
	"  --quick        a short run (smoke test)\n" \
	"  --out DIR      where CSV and PNG files go (default build/perf)\n" \
	"  --write-doc    also rewrite this subcommand's section of the report\n" \
	"                 (--doc PATH, default docs/performance.md) and copy\n" \
	"                 its plots to docs/perf/ beside it\n"

/* perf_env.c: options, directories, the machine, running stacks. */
void perf_opts_init(struct perf_opts *o);
/*
 * A common option (getopt_long's result c): 0 if taken, -1 if not one of
 * ours, -2 for a bad value (message printed).
 */
int perf_opts_take(struct perf_opts *o, int c, const char *arg);
/* After parsing: bin dir, out dir (created, absolute), cmdline. 0 or -1. */
int perf_opts_finish(struct perf_opts *o, const char *name, int argc,
		     char **argv);
int perf_mkdir_p(const char *dir);
int perf_bin_dir(char *buf, size_t cap);
void perf_machine(char *buf, size_t cap);
void perf_date(char *buf, size_t cap);
/*
 * `softee run STACK_OPTS -- softee-perf WORKER_ARGS` (both NULL-terminated);
 * the exit status of the worker (125: the stack did not start).
 */
int perf_run_stack(const char *bin_dir, const char *const *stack_opts,
		   const char *const *worker_args);
/* Describe a perf_run_stack status for a report note. */
const char *perf_run_status(int status);
/* Parse an unsigned number in [min, max]; 0 or -1. */
int perf_parse_uint(const char *s, unsigned long min, unsigned long max,
		    unsigned long *out);
/* "30m", "20s", "2h", "90" (seconds) into seconds; 0 or -1. */
int perf_parse_duration(const char *s, double *secs);

/* perf_rec.c: the result rows of null, session, scale, crypto. */
struct perf_rec {
	char config[32];	/* stack or setting: "dynamic", "sthreads=4" */
	char measure[40];	/* what was timed: "invoke-null", "native-call" */
	uint64_t x;		/* a size in bytes or a thread count; 0: none */
	double med_us, p10_us, p90_us, p99_us;
	unsigned int n;		/* samples; 0: not measured (see note) */
	double rate;		/* a throughput in unit, 0 if none */
	char unit[12];		/* "ops/s", "MB/s" or "" */
	char note[64];		/* why not measured, or a warning; no commas */
};
struct perf_recs {
	struct perf_rec *v;
	size_t n, cap;
};
void perf_rec_init(struct perf_rec *r, const char *config,
		   const char *measure, uint64_t x, const char *note);
/* Median, p10, p90 and p99 of s into r (n = 0 if s is empty). */
void perf_rec_stats(struct perf_rec *r, struct perf_samples *s);
void perf_rec_csv_header(FILE *f);
void perf_rec_csv(FILE *f, const struct perf_rec *r);
int perf_recs_add(struct perf_recs *rs, const struct perf_rec *r);
int perf_recs_load(struct perf_recs *rs, const char *path);
/*
 * perf_run_stack(bin_dir, NULL, wargs), then load the records the worker
 * wrote to raw (removed after). 0 with *rs filled; -1 (said on stderr,
 * nothing to free) when there are none. The worker's status in *status.
 */
int perf_run_recs(const char *bin_dir, const char *name,
		  const char *const *wargs, const char *raw,
		  struct perf_recs *rs, int *status);
const struct perf_rec *perf_recs_find(const struct perf_recs *rs,
				      const char *config, const char *measure,
				      uint64_t x);
/* Write all rows with a header; 0 or -errno. */
int perf_recs_save(const struct perf_recs *rs, const char *path);
void perf_recs_free(struct perf_recs *rs);
/* Open the worker's raw output for appending (one row per line). */
FILE *perf_raw_open(const char *path);
void perf_raw_emit(FILE *f, const struct perf_rec *r);

/* perf_table.c: a table printed as aligned text or as markdown. */
#define PERF_TCOLS	16
#define PERF_CELL	32
struct perf_table {
	char title[160];
	char head[PERF_TCOLS][PERF_CELL];
	size_t ncols, nrows, cap;
	char (*cell)[PERF_TCOLS][PERF_CELL];
};
/* Columns given as a NULL-terminated list of headings. 0 or -ENOMEM. */
int perf_table_init(struct perf_table *t, const char *title,
		    const char *const *heads);
/* A new row (cells empty); NULL when out of memory. */
char (*perf_table_row(struct perf_table *t))[PERF_CELL];
void perf_table_print(FILE *f, bool md, const struct perf_table *t);
void perf_table_free(struct perf_table *t);
/* Cell formatting: microseconds, a rate, a ratio, "n/a". */
void perf_fmt_us(char *cell, double us);
void perf_fmt_num(char *cell, double v);
void perf_fmt_ratio(char *cell, double num, double den);

/* perf_doc.c: docs/performance.md, one section per subcommand. */
/*
 * Replace (or add, in the canonical order) section `name` of the report
 * at path with body, which starts with its "## " heading. 0 or -errno.
 */
int perf_doc_update(const char *path, const char *name, const char *body);
/* The first lines of every section: machine, date, command, comparison. */
void perf_doc_head(FILE *f, const char *title, const struct perf_opts *o,
		   const char *compared);
/*
 * Copy out/FILE to docs/perf/FILE beside the report and write the
 * markdown image line to f; nothing if the plot does not exist.
 */
void perf_doc_plot(FILE *f, const struct perf_opts *o, const char *file,
		   const char *alt);

/* What a subcommand hands to perf_doc_publish once its rows are in. */
#define PERF_PUB_WORKERS	4
struct perf_pub {
	const char *name;		/* "null": the doc section, out/NAME.csv */
	const char *title;		/* the section's heading */
	const char *compared;		/* what the figures are set against */
	/* The tables from arg: aligned text (md false) or markdown. */
	void (*report)(FILE *f, bool md, const void *arg);
	const void *arg;
	/* Saved as out/NAME.csv; NULL: the worker wrote that file itself. */
	const struct perf_recs *rs;
	/* Plots already rendered into out: file, alt, file, alt, ..., NULL. */
	const char *const *plots;
	/* Problem lines: after the tables, and in the doc as a code block. */
	const char *notes;
	/* Exit statuses of workers; each nonzero one gets a line in the doc. */
	int status[PERF_PUB_WORKERS];
	const char *who[PERF_PUB_WORKERS];	/* NULL: "the worker" */
};
/*
 * The end of every measuring subcommand: the tables on stdout, the CSV,
 * and with --write-doc its section of the report. Failures are printed
 * but do not fail the run: the figures are on stdout anyway.
 */
void perf_doc_publish(const struct perf_opts *o, const struct perf_pub *p);

/* perf_plot.c: PNG plots through gnuplot. */
#define PERF_PLOT_MAX_SERIES	16
struct perf_series {
	char name[48];
	size_t n;
	double *x, *y;		/* n points; y < 0 or NaN: missing */
};
struct perf_plot {
	const char *file;		/* PNG name inside out dir */
	const char *title, *xlabel, *ylabel;
	bool logx, logy;
	bool bars;			/* a bar chart: one bar per series point */
	const char *const *xtics;	/* bars: labels of the n points */
	size_t nseries;
	struct perf_series s[PERF_PLOT_MAX_SERIES];
};
/* Add a series; its points are added with perf_plot_point. -1: full. */
int perf_plot_series(struct perf_plot *p, const char *name);
int perf_plot_point(struct perf_plot *p, size_t series, double x, double y);
/* Render out/file; 0, or -1 with a reason in why (gnuplot missing...). */
int perf_plot_render(const struct perf_plot *p, const char *out_dir,
		     char *why, size_t why_cap);
void perf_plot_free(struct perf_plot *p);

/* perf_client.c: what every worker does with libteec. */
struct perf_client;
/* The bench TA (multi: the multi-instance one) in a new context. */
struct perf_client *perf_client_open(bool multi, char *why, size_t cap);
void perf_client_close(struct perf_client *c);
/* One null invoke; 0 or -EIO (TEEC result in *res). */
int perf_client_null(struct perf_client *c, uint32_t *res);
/* One value invoke, checking the TA's answer; 0, -EIO or -EBADMSG. */
int perf_client_value(struct perf_client *c, uint32_t a, uint32_t *res);
/* A second session on the client's context (the TA of the client). */
int perf_client_open_session(struct perf_client *c, void *sess, uint32_t *res);
void perf_client_close_session(void *sess);
/* The TEEC context, for workers that need more. */
void *perf_client_ctx(struct perf_client *c);
void *perf_client_sess(struct perf_client *c);

/* ---- the subcommands ------------------------------------------------------ */

/* A subcommand: `softee perf NAME` runs main; `NAME-worker` runs inside a stack. */
struct perf_cmd {
	const char *name;
	int (*main)(int argc, char **argv);
	int (*worker)(int argc, char **argv);	/* NULL if none */
	bool in_all;				/* run by `softee perf all` */
	const char *summary;
};

int perf_shm_main(int argc, char **argv);
int perf_null_main(int argc, char **argv);
int perf_null_worker(int argc, char **argv);
int perf_session_main(int argc, char **argv);
int perf_session_worker(int argc, char **argv);
int perf_scale_main(int argc, char **argv);
int perf_scale_worker(int argc, char **argv);
int perf_crypto_main(int argc, char **argv);
int perf_crypto_worker(int argc, char **argv);
int perf_soak_main(int argc, char **argv);
int perf_soak_worker(int argc, char **argv);
int perf_all_main(int argc, char **argv);

/* perf_soak.c: whether one process's RSS stayed flat over a soak. */
#define PERF_SOAK_PROCS		5
#define PERF_SOAK_TOL_PCT	5.0	/* allowed growth: this much ... */
#define PERF_SOAK_TOL_KB	512.0	/* ... plus this */
struct perf_soak_verdict {
	bool judged, flat;
	double first_kb, last_kb;	/* medians of the first/last quarter */
	double slope_kb_min;		/* least-squares trend */
};
/*
 * Samples (t seconds, kb; kb < 0: missing) of one process. The first
 * tenth of the run is warm-up. 0, or -1 with too few samples to judge.
 */
int perf_soak_verdict(const double *t, const double *kb, size_t n,
		      struct perf_soak_verdict *v);
/* The table of subcommands (perf_main.c), for `all` and the help. */
extern const struct perf_cmd perf_cmds[];
extern const size_t perf_n_cmds;

#endif /* SOFTEE_PERF_H */
