// SPDX-License-Identifier: BSD-2-Clause
/*
 * `softee perf null`: the latency of an invoke that does nothing, beside
 * what it is made of natively: a function call and a socketpair round trip.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "perf.h"

#define PERF_NULL_BATCH	1000	/* native calls timed together */

static const struct {
	const char *measure, *what;
} perf_null_measures[] = {
	{ "invoke-null", "TEEC_InvokeCommand, no parameters, TA returns at once" },
	{ "invoke-value", "the same with one VALUE_INOUT the TA changes (checked)" },
	{ "native-call", "an out-of-line function call in the client (batch of 1000)" },
	{ "socketpair-rtt", "1-byte round trip to a child process over a socketpair" },
};
#define PERF_NULL_N (sizeof(perf_null_measures) / sizeof(perf_null_measures[0]))

/* ---- worker (inside the stack) ---------------------------------------- */

/* The native baseline: what the TA does for VALUE, as a real call. */
static __attribute__((noinline)) uint32_t perf_null_fn(uint32_t a, uint32_t *b)
{
	*b ^= a;
	__asm__ volatile("" : : "r"(b) : "memory");
	return a + 1;
}

static uint32_t (*volatile perf_null_fnp)(uint32_t, uint32_t *) = perf_null_fn;

static void perf_null_native(unsigned int reps, struct perf_samples *s)
{
	uint32_t a = 0, b = 0;

	for (unsigned int i = 0; i < reps; i++) {
		double t0 = perf_now();

		for (unsigned int k = 0; k < PERF_NULL_BATCH; k++)
			a = perf_null_fnp(a, &b);
		if (perf_samples_add(s, (perf_now() - t0) / PERF_NULL_BATCH))
			return;
	}
}

/* Round trips to an echoing child process; 0 or -errno. */
static int perf_null_socketpair(unsigned int reps, struct perf_samples *s)
{
	int sv[2], st, ret = 0;
	char c = 'x';
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	pid = fork();
	if (pid < 0) {
		ret = -errno;
		close(sv[0]);
		close(sv[1]);
		return ret;
	}
	if (!pid) {
		close(sv[0]);
		while (read(sv[1], &c, 1) == 1)
			if (write(sv[1], &c, 1) != 1)
				break;
		_exit(0);
	}
	close(sv[1]);
	for (unsigned int i = 0; i < reps + 100 && !ret; i++) {
		double t0 = perf_now();

		if (write(sv[0], &c, 1) != 1 || read(sv[0], &c, 1) != 1)
			ret = -EIO;
		else if (i >= 100 && perf_samples_add(s, perf_now() - t0))
			ret = -ENOMEM;
	}
	close(sv[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return ret;
}

static int perf_null_invokes(struct perf_client *cl, bool value,
			     unsigned int reps, struct perf_samples *s,
			     char *note, size_t cap)
{
	uint32_t res = 0;
	int ret = 0;

	for (unsigned int i = 0; i < reps + 100; i++) {
		double t0 = perf_now();

		ret = value ? perf_client_value(cl, i, &res) :
			      perf_client_null(cl, &res);
		if (ret) {
			if (ret == -EBADMSG)
				snprintf(note, cap, "CHECK FAILED: wrong value from the TA");
			else
				snprintf(note, cap, "invoke failed: TEEC 0x%08x", res);
			return ret;
		}
		/* The first 100 warm up caches and the TA's pages. */
		if (i >= 100 && perf_samples_add(s, perf_now() - t0))
			return -ENOMEM;
	}
	return 0;
}

int perf_null_worker(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "raw", required_argument, NULL, 'o' },
		{ "reps", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *raw = NULL;
	unsigned long reps = 1000;
	struct perf_client *cl;
	char why[128] = "";
	FILE *out;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c == 'o')
			raw = optarg;
		else if (c != 'r' || perf_parse_uint(optarg, 1, 10000000, &reps))
			return 2;
	}
	if (!raw || optind != argc)
		return 2;
	out = perf_raw_open(raw);
	if (!out)
		return 1;
	cl = perf_client_open(false, why, sizeof(why));
	for (size_t m = 0; m < PERF_NULL_N; m++) {
		struct perf_samples s = { 0 };
		struct perf_rec r;
		char note[64] = "";
		int ret = 0;

		if (m < 2 && !cl)
			snprintf(note, sizeof(note), "%s", why);
		else if (m < 2)
			ret = perf_null_invokes(cl, m == 1, (unsigned int)reps, &s,
						note, sizeof(note));
		else if (m == 2)
			perf_null_native((unsigned int)reps, &s);
		else
			ret = perf_null_socketpair((unsigned int)reps, &s);
		if (ret && !note[0])
			snprintf(note, sizeof(note), "failed: %s", strerror(-ret));
		perf_rec_init(&r, "dynamic", perf_null_measures[m].measure, 0, note);
		if (!note[0])
			perf_rec_stats(&r, &s);
		if (r.n && r.med_us > 0) {
			r.rate = 1e6 / r.med_us;
			snprintf(r.unit, sizeof(r.unit), "ops/s");
		}
		perf_raw_emit(out, &r);
		perf_samples_free(&s);
	}
	perf_client_close(cl);
	fclose(out);
	return cl ? 0 : 1;
}

/* ---- controller --------------------------------------------------------- */

static void perf_null_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf null [--reps N] [common options]\n"
		"  Null-invoke latency: starts a default stack and times N invokes of\n"
		"  the bench TA that do nothing (median, p10, p90, p99), beside a\n"
		"  native function call and a socketpair round trip to another\n"
		"  process, in the same run. Writes DIR/null.csv and DIR/null.png.\n"
		"  --reps N       samples per measure (default 20000; --quick 2000)\n"
		PERF_COMMON_USAGE);
}

static void perf_null_report(FILE *f, bool md, const void *arg)
{
	const struct perf_recs *rs = arg;
	static const char *const heads[] = { "measure", "median us", "p10 us",
		"p90 us", "p99 us", "n", "median vs socketpair RTT",
		"per second", NULL };
	const struct perf_rec *rtt = perf_recs_find(rs, "dynamic",
						    "socketpair-rtt", 0);
	struct perf_table t;

	perf_table_init(&t, "null invoke against native baselines (one run)", heads);
	for (size_t m = 0; m < PERF_NULL_N; m++) {
		const struct perf_rec *r = perf_recs_find(rs, "dynamic",
			perf_null_measures[m].measure, 0);
		char (*row)[PERF_CELL] = perf_table_row(&t);

		if (!row)
			break;
		snprintf(row[0], PERF_CELL, "%s", perf_null_measures[m].measure);
		if (!r || !r->n) {
			for (size_t k = 1; k < 8; k++)
				snprintf(row[k], PERF_CELL, "n/a");
			continue;
		}
		perf_fmt_us(row[1], r->med_us);
		perf_fmt_us(row[2], r->p10_us);
		perf_fmt_us(row[3], r->p90_us);
		perf_fmt_us(row[4], r->p99_us);
		snprintf(row[5], PERF_CELL, "%u", r->n);
		perf_fmt_ratio(row[6], r->med_us, rtt && rtt->n ? rtt->med_us : 0);
		perf_fmt_num(row[7], r->rate);
	}
	perf_table_print(f, md, &t);
	perf_table_free(&t);
	fprintf(f, "\n%s", md ? "" : "What each measure is:\n");
	for (size_t m = 0; m < PERF_NULL_N; m++)
		fprintf(f, "%s%s: %s\n", md ? "- " : "  ",
			perf_null_measures[m].measure, perf_null_measures[m].what);
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].note[0])
			fprintf(f, "%s%s: %s\n", md ? "- problem: " : "  problem: ",
				rs->v[i].measure, rs->v[i].note);
}

static void perf_null_plot(const struct perf_opts *o, const struct perf_recs *rs)
{
	char why[256];
	const char *tics[PERF_NULL_N];
	struct perf_plot p = {
		.file = "null.png",
		.title = "softee perf null: latency of one call (log scale)",
		.xlabel = "", .ylabel = "microseconds", .logy = true, .bars = true,
		.xtics = tics,
	};
	int med = perf_plot_series(&p, "median"), p99 = perf_plot_series(&p, "p99");

	for (size_t m = 0; m < PERF_NULL_N; m++) {
		const struct perf_rec *r = perf_recs_find(rs, "dynamic",
			perf_null_measures[m].measure, 0);

		tics[m] = perf_null_measures[m].measure;
		perf_plot_point(&p, (size_t)med, (double)m, r && r->n ? r->med_us : -1);
		perf_plot_point(&p, (size_t)p99, (double)m, r && r->n ? r->p99_us : -1);
	}
	if (perf_plot_render(&p, o->out, why, sizeof(why)))
		fprintf(stderr, PERF_PROG ": null: no plot: %s\n", why);
	perf_plot_free(&p);
}

int perf_null_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "reps", required_argument, NULL, PERF_OPT_FIRST_OWN },
		PERF_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct perf_opts o;
	struct perf_recs rs = { 0 };
	char raw[PATH_MAX + 32], reps_s[24];
	unsigned long reps = 0;
	const char *wargs[8];
	int c, t, status;

	perf_opts_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		t = perf_opts_take(&o, c, optarg);
		if (t == 0)
			continue;
		if (t == -2)
			return 2;
		if (c == 'h') {
			perf_null_usage(stdout);
			return 0;
		}
		if (c != PERF_OPT_FIRST_OWN || perf_parse_uint(optarg, 10, 10000000, &reps)) {
			perf_null_usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		perf_null_usage(stderr);
		return 2;
	}
	if (perf_opts_finish(&o, "null", argc, argv))
		return 1;
	if (!reps)
		reps = o.quick ? 2000 : 20000;
	snprintf(reps_s, sizeof(reps_s), "%lu", reps);
	snprintf(raw, sizeof(raw), "%s/null-raw.csv", o.out);
	unlink(raw);
	wargs[0] = "null-worker";
	wargs[1] = "--raw";
	wargs[2] = raw;
	wargs[3] = "--reps";
	wargs[4] = reps_s;
	wargs[5] = NULL;
	fprintf(stderr, PERF_PROG ": null: %lu samples per measure\n", reps);
	if (perf_run_recs(o.bin_dir, "null", wargs, raw, &rs, &status))
		return 1;
	perf_null_plot(&o, &rs);
	perf_doc_publish(&o, &(struct perf_pub){
		.name = "null", .title = "null: null-invoke latency",
		.compared = "a native out-of-line function call in the client "
			    "process and a 1-byte round trip to another process "
			    "over a socketpair, measured in the same run (the last "
			    "column divides by that round trip)",
		.report = perf_null_report, .arg = &rs, .rs = &rs,
		.plots = (const char *const[]){ "null.png", "null-invoke latency",
						NULL },
		.status = { status },
	});
	perf_recs_free(&rs);
	return status ? 1 : 0;
}
