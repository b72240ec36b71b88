// SPDX-License-Identifier: BSD-2-Clause
/*
 * `softee perf session`: how fast sessions open and close, on a TA
 * instance that is already running and on a new instance each time.
 */
#include <errno.h>
#include <getopt.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "perf.h"

extern char **environ;

static const struct {
	const char *measure, *what;
} perf_sess_measures[] = {
	{ "open-warm", "TEEC_OpenSession on a running single-instance TA" },
	{ "close-warm", "TEEC_CloseSession of that session" },
	{ "cycle-warm", "open + close on the running instance (per second: cycles)" },
	{ "open-new", "TEEC_OpenSession that starts a new TA instance: "
		      "a softee-ta process, the TA loaded by the supplicant, "
		      "its signature checked" },
	{ "close-new", "TEEC_CloseSession that ends that instance" },
	{ "cycle-new", "open + close with a new instance (per second: cycles)" },
	{ "context", "TEEC_InitializeContext + TEEC_FinalizeContext" },
	{ "invoke-null", "baseline: a null invoke on an open session" },
	{ "native-spawn", "baseline: posix_spawn of /bin/true and waitpid" },
};
#define PERF_SESS_N (sizeof(perf_sess_measures) / sizeof(perf_sess_measures[0]))

/* ---- worker ------------------------------------------------------------ */

struct perf_sess_run {
	struct perf_samples s[PERF_SESS_N];
	char note[PERF_SESS_N][64];
	double wall[PERF_SESS_N];	/* seconds over all cycles */
};

/* reps open/close cycles on cl's TA; fills measures first..first+2. */
static void perf_sess_cycles(struct perf_client *cl, unsigned int reps,
			     struct perf_sess_run *run, size_t first)
{
	double start = perf_now();

	for (unsigned int i = 0; i < reps; i++) {
		TEEC_Session sess;
		uint32_t res;
		double t0, t1, t2;

		t0 = perf_now();
		if (perf_client_open_session(cl, &sess, &res)) {
			for (size_t k = 0; k < 3; k++)
				snprintf(run->note[first + k], 64,
					 "OpenSession failed: TEEC 0x%08x", res);
			return;
		}
		t1 = perf_now();
		perf_client_close_session(&sess);
		t2 = perf_now();
		if (perf_samples_add(&run->s[first], t1 - t0) ||
		    perf_samples_add(&run->s[first + 1], t2 - t1) ||
		    perf_samples_add(&run->s[first + 2], t2 - t0))
			return;
	}
	run->wall[first + 2] = perf_now() - start;
}

static void perf_sess_contexts(unsigned int reps, struct perf_sess_run *run,
			       size_t m)
{
	double start = perf_now();

	for (unsigned int i = 0; i < reps; i++) {
		TEEC_Context ctx;
		double t0 = perf_now();
		TEEC_Result res = TEEC_InitializeContext(NULL, &ctx);

		if (res != TEEC_SUCCESS) {
			snprintf(run->note[m], 64, "InitializeContext: 0x%08x", res);
			return;
		}
		TEEC_FinalizeContext(&ctx);
		if (perf_samples_add(&run->s[m], perf_now() - t0))
			return;
	}
	run->wall[m] = perf_now() - start;
}

static void perf_sess_spawn(unsigned int reps, struct perf_sess_run *run,
			    size_t m)
{
	char *const argv[] = { (char *)"true", NULL };

	for (unsigned int i = 0; i < reps; i++) {
		double t0 = perf_now();
		pid_t pid;
		int st, ret = posix_spawn(&pid, "/bin/true", NULL, NULL, argv,
					  environ);

		if (ret) {
			snprintf(run->note[m], 64, "posix_spawn: %s", strerror(ret));
			return;
		}
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (perf_samples_add(&run->s[m], perf_now() - t0))
			return;
	}
}

static void perf_sess_invokes(struct perf_client *cl, unsigned int reps,
			      struct perf_sess_run *run, size_t m)
{
	for (unsigned int i = 0; i < reps; i++) {
		double t0 = perf_now();
		uint32_t res;

		if (perf_client_null(cl, &res)) {
			snprintf(run->note[m], 64, "invoke failed: TEEC 0x%08x", res);
			return;
		}
		if (perf_samples_add(&run->s[m], perf_now() - t0))
			return;
	}
}

int perf_session_worker(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "raw", required_argument, NULL, 'o' },
		{ "reps", required_argument, NULL, 'r' },
		{ "reps-new", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct perf_sess_run *run = calloc(1, sizeof(*run));
	struct perf_client *warm = NULL, *multi = NULL;
	unsigned long reps = 200, reps_new = 20;
	const char *raw = NULL;
	char why[128];
	FILE *out = NULL;
	int c, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c == 'o')
			raw = optarg;
		else if ((c != 'r' || perf_parse_uint(optarg, 1, 1000000, &reps)) &&
			 (c != 'n' || perf_parse_uint(optarg, 1, 1000000, &reps_new)))
			goto out;
	}
	if (!run || !raw || optind != argc || !(out = perf_raw_open(raw)))
		goto out;
	/* The anchor session keeps the single-instance TA alive throughout. */
	warm = perf_client_open(false, why, sizeof(why));
	if (warm) {
		perf_sess_cycles(warm, (unsigned int)reps, run, 0);
		perf_sess_invokes(warm, (unsigned int)reps, run, 7);
	} else {
		for (size_t k = 0; k < 3; k++)
			snprintf(run->note[k], 64, "%.63s", why);
		snprintf(run->note[7], 64, "%.63s", why);
	}
	multi = perf_client_open(true, why, sizeof(why));
	if (multi)
		perf_sess_cycles(multi, (unsigned int)reps_new, run, 3);
	else
		for (size_t k = 3; k < 6; k++)
			snprintf(run->note[k], 64, "%.63s", why);
	perf_sess_contexts((unsigned int)reps, run, 6);
	perf_sess_spawn((unsigned int)reps_new, run, 8);
	for (size_t m = 0; m < PERF_SESS_N; m++) {
		struct perf_rec r;

		perf_rec_init(&r, "dynamic", perf_sess_measures[m].measure, 0,
			      run->note[m]);
		if (!run->note[m][0])
			perf_rec_stats(&r, &run->s[m]);
		/* Cycles per second over the wall clock, gaps included. */
		if (r.n && run->wall[m] > 0)
			r.rate = r.n / run->wall[m];
		else if (r.n && r.med_us > 0)
			r.rate = 1e6 / r.med_us;
		if (r.rate > 0)
			snprintf(r.unit, sizeof(r.unit), "ops/s");
		perf_raw_emit(out, &r);
	}
	ret = warm && multi ? 0 : 1;
out:
	perf_client_close(multi);
	perf_client_close(warm);
	if (out)
		fclose(out);
	for (size_t m = 0; run && m < PERF_SESS_N; m++)
		perf_samples_free(&run->s[m]);
	free(run);
	return ret;
}

/* ---- controller ---------------------------------------------------------- */

static void perf_session_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf session [--reps N] [--reps-new N] [common options]\n"
		"  Session open/close rate: on a running single-instance TA (N cycles,\n"
		"  default 1000; --quick 100) and with a new multi-instance TA process\n"
		"  per session (--reps-new, default 200; --quick 20), beside a null\n"
		"  invoke and a native process spawn in the same run. Writes\n"
		"  DIR/session.csv and DIR/session.png.\n"
		PERF_COMMON_USAGE);
}

static void perf_session_report(FILE *f, bool md, const void *arg)
{
	const struct perf_recs *rs = arg;
	static const char *const heads[] = { "measure", "median us", "p10 us",
		"p90 us", "p99 us", "n", "per second", "vs null invoke",
		"vs process spawn", NULL };
	const struct perf_rec *inv = perf_recs_find(rs, "dynamic", "invoke-null", 0);
	const struct perf_rec *sp = perf_recs_find(rs, "dynamic", "native-spawn", 0);
	struct perf_table t;

	perf_table_init(&t, "sessions and contexts against baselines (one run)",
			heads);
	for (size_t m = 0; m < PERF_SESS_N; m++) {
		const struct perf_rec *r = perf_recs_find(rs, "dynamic",
			perf_sess_measures[m].measure, 0);
		char (*row)[PERF_CELL] = perf_table_row(&t);

		if (!row)
			break;
		snprintf(row[0], PERF_CELL, "%s", perf_sess_measures[m].measure);
		if (!r || !r->n) {
			for (size_t k = 1; k < 9; k++)
				snprintf(row[k], PERF_CELL, "n/a");
			continue;
		}
		perf_fmt_us(row[1], r->med_us);
		perf_fmt_us(row[2], r->p10_us);
		perf_fmt_us(row[3], r->p90_us);
		perf_fmt_us(row[4], r->p99_us);
		snprintf(row[5], PERF_CELL, "%u", r->n);
		perf_fmt_num(row[6], r->rate);
		perf_fmt_ratio(row[7], r->med_us, inv && inv->n ? inv->med_us : 0);
		perf_fmt_ratio(row[8], r->med_us, sp && sp->n ? sp->med_us : 0);
	}
	perf_table_print(f, md, &t);
	perf_table_free(&t);
	fprintf(f, "\n%s", md ? "" : "What each measure is:\n");
	for (size_t m = 0; m < PERF_SESS_N; m++)
		fprintf(f, "%s%s: %s\n", md ? "- " : "  ",
			perf_sess_measures[m].measure, perf_sess_measures[m].what);
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].note[0])
			fprintf(f, "%s%s: %s\n", md ? "- problem: " : "  problem: ",
				rs->v[i].measure, rs->v[i].note);
}

static void perf_session_plot(const struct perf_opts *o,
			      const struct perf_recs *rs)
{
	static const char *const shown[] = { "cycle-warm", "cycle-new", "context",
		"invoke-null", "native-spawn" };
	struct perf_plot p = {
		.file = "session.png",
		.title = "softee perf session: operations per second (log scale)",
		.xlabel = "", .ylabel = "per second", .logy = true, .bars = true,
		.xtics = shown,
	};
	int k = perf_plot_series(&p, "per second (median-based for baselines)");
	char why[256];

	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		const struct perf_rec *r = perf_recs_find(rs, "dynamic", shown[i], 0);

		perf_plot_point(&p, (size_t)k, (double)i, r && r->n ? r->rate : -1);
	}
	if (perf_plot_render(&p, o->out, why, sizeof(why)))
		fprintf(stderr, PERF_PROG ": session: no plot: %s\n", why);
	perf_plot_free(&p);
}

int perf_session_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "reps", required_argument, NULL, PERF_OPT_FIRST_OWN },
		{ "reps-new", required_argument, NULL, PERF_OPT_FIRST_OWN + 1 },
		PERF_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct perf_opts o;
	struct perf_recs rs = { 0 };
	char raw[PATH_MAX + 32], r1[24], r2[24];
	unsigned long reps = 0, reps_new = 0;
	const char *wargs[10];
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
			perf_session_usage(stdout);
			return 0;
		}
		if ((c != PERF_OPT_FIRST_OWN ||
		     perf_parse_uint(optarg, 5, 1000000, &reps)) &&
		    (c != PERF_OPT_FIRST_OWN + 1 ||
		     perf_parse_uint(optarg, 5, 100000, &reps_new))) {
			perf_session_usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		perf_session_usage(stderr);
		return 2;
	}
	if (perf_opts_finish(&o, "session", argc, argv))
		return 1;
	if (!reps)
		reps = o.quick ? 100 : 1000;
	if (!reps_new)
		reps_new = o.quick ? 20 : 200;
	snprintf(r1, sizeof(r1), "%lu", reps);
	snprintf(r2, sizeof(r2), "%lu", reps_new);
	snprintf(raw, sizeof(raw), "%s/session-raw.csv", o.out);
	unlink(raw);
	wargs[0] = "session-worker";
	wargs[1] = "--raw";
	wargs[2] = raw;
	wargs[3] = "--reps";
	wargs[4] = r1;
	wargs[5] = "--reps-new";
	wargs[6] = r2;
	wargs[7] = NULL;
	fprintf(stderr, PERF_PROG ": session: %lu warm cycles, %lu new instances\n",
		reps, reps_new);
	if (perf_run_recs(o.bin_dir, "session", wargs, raw, &rs, &status))
		return 1;
	perf_session_plot(&o, &rs);
	perf_doc_publish(&o, &(struct perf_pub){
		.name = "session", .title = "session: open/close session rate",
		.compared = "a null invoke on an open session and a native process "
			    "spawn (posix_spawn of /bin/true and waitpid), measured "
			    "in the same run",
		.report = perf_session_report, .arg = &rs, .rs = &rs,
		.plots = (const char *const[]){ "session.png", "session rates",
						NULL },
		.status = { status },
	});
	perf_recs_free(&rs);
	return status ? 1 : 0;
}
