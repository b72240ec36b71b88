// SPDX-License-Identifier: BSD-2-Clause
/*
 * `softee perf scale`: throughput and latency of null invokes from 1 to 64
 * client threads against secure worlds with 1 to 8 secure threads.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "perf.h"

#define PERF_SCALE_MAX	16	/* entries in a list of counts */

struct perf_scale_cfg {
	unsigned long clients[PERF_SCALE_MAX], sthreads[PERF_SCALE_MAX];
	size_t n_clients, n_sthreads;
	double secs, warm;
};

/* "1,2,4" into v; 0 or -1. */
static int perf_scale_list(const char *s, unsigned long max, unsigned long *v,
			   size_t *n)
{
	char tok[16];

	*n = 0;
	while (*s) {
		size_t len = strcspn(s, ",");

		if (!len || len >= sizeof(tok) || *n >= PERF_SCALE_MAX)
			return -1;
		memcpy(tok, s, len);
		tok[len] = 0;
		if (perf_parse_uint(tok, 1, max, &v[*n]))
			return -1;
		(*n)++;
		s += len;
		if (*s == ',')
			s++;
	}
	return *n ? 0 : -1;
}

/* ---- worker ------------------------------------------------------------ */

struct perf_scale_thread {
	pthread_t tid;
	struct perf_client *cl;
	struct perf_samples s;
	unsigned long ops;		/* invokes completed inside the window */
	uint32_t err;			/* first failure's TEEC result */
	bool failed;
};

static struct {
	atomic_bool stop;
	double t_start, t_end;		/* the measuring window */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool go;			/* all threads started: begin */
} perf_scale = {
	.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER,
};

static void *perf_scale_loop(void *arg)
{
	struct perf_scale_thread *th = arg;

	pthread_mutex_lock(&perf_scale.lock);
	while (!perf_scale.go)
		pthread_cond_wait(&perf_scale.cond, &perf_scale.lock);
	pthread_mutex_unlock(&perf_scale.lock);
	while (!atomic_load(&perf_scale.stop)) {
		double t0 = perf_now(), t1;
		uint32_t res;

		if (perf_client_null(th->cl, &res)) {
			th->failed = true;
			th->err = res;
			break;
		}
		t1 = perf_now();
		/* Only calls wholly inside the window count. */
		if (t0 >= perf_scale.t_start && t1 <= perf_scale.t_end) {
			th->ops++;
			if (perf_samples_add(&th->s, t1 - t0)) {
				th->failed = true;
				break;
			}
		}
	}
	return NULL;
}

static void perf_scale_sleep(double secs)
{
	struct timespec ts = { (time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9) };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* One point: n threads for the window; the row it gives. */
static void perf_scale_point(struct perf_scale_thread *th, size_t n,
			     const struct perf_scale_cfg *c, struct perf_rec *r)
{
	struct perf_samples all = { 0 };
	unsigned long ops = 0;
	size_t started = 0;
	char note[64] = "";

	atomic_store(&perf_scale.stop, false);
	perf_scale.go = false;
	for (size_t i = 0; i < n; i++) {
		memset(&th[i].s, 0, sizeof(th[i].s));
		th[i].ops = 0;
		th[i].failed = false;
		if (pthread_create(&th[i].tid, NULL, perf_scale_loop, &th[i]))
			break;
		started++;
	}
	if (started < n) {
		snprintf(note, sizeof(note), "cannot start %zu threads", n);
		atomic_store(&perf_scale.stop, true);
	}
	pthread_mutex_lock(&perf_scale.lock);
	perf_scale.t_start = perf_now() + c->warm;
	perf_scale.t_end = perf_scale.t_start + c->secs;
	perf_scale.go = true;
	pthread_cond_broadcast(&perf_scale.cond);
	pthread_mutex_unlock(&perf_scale.lock);
	if (started == n)
		perf_scale_sleep(c->warm + c->secs);
	atomic_store(&perf_scale.stop, true);
	for (size_t i = 0; i < started; i++) {
		pthread_join(th[i].tid, NULL);
		ops += th[i].ops;
		for (size_t k = 0; k < th[i].s.n; k++)
			perf_samples_add(&all, th[i].s.v[k]);
		if (th[i].failed && !note[0])
			snprintf(note, sizeof(note), "an invoke failed: TEEC 0x%08x",
				 th[i].err);
		perf_samples_free(&th[i].s);
	}
	perf_rec_stats(r, &all);
	if (note[0]) {
		snprintf(r->note, sizeof(r->note), "%s", note);
		r->n = 0;
	} else {
		r->rate = (double)ops / c->secs;
		snprintf(r->unit, sizeof(r->unit), "ops/s");
	}
	perf_samples_free(&all);
}

int perf_scale_worker(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "raw", required_argument, NULL, 'o' },
		{ "sthreads", required_argument, NULL, 't' },
		{ "clients", required_argument, NULL, 'c' },
		{ "ms", required_argument, NULL, 'm' },
		{ "warm-ms", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	struct perf_scale_cfg c = { .secs = 1, .warm = 0.2 };
	struct perf_scale_thread *th = NULL;
	unsigned long st = 0, v, max = 0;
	const char *raw = NULL;
	char config[32], why[128] = "";
	size_t opened = 0;
	FILE *out;
	int o, ret = 1;

	optind = 1;
	while ((o = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (o) {
		case 'o': raw = optarg; break;
		case 't':
			if (perf_parse_uint(optarg, 1, 1024, &st))
				return 2;
			break;
		case 'c':
			if (perf_scale_list(optarg, 256, c.clients, &c.n_clients))
				return 2;
			break;
		case 'm': case 'w':
			if (perf_parse_uint(optarg, 1, 3600000, &v))
				return 2;
			*(o == 'm' ? &c.secs : &c.warm) = (double)v / 1000;
			break;
		default:
			return 2;
		}
	}
	if (!raw || !st || !c.n_clients || optind != argc)
		return 2;
	out = perf_raw_open(raw);
	if (!out)
		return 1;
	snprintf(config, sizeof(config), "sthreads=%lu", st);
	for (size_t i = 0; i < c.n_clients; i++)
		if (c.clients[i] > max)
			max = c.clients[i];
	th = calloc(max, sizeof(*th));
	/* One context and one multi-instance TA session (its own process) each. */
	for (; th && opened < max; opened++) {
		th[opened].cl = perf_client_open(true, why, sizeof(why));
		if (!th[opened].cl)
			break;
	}
	for (size_t i = 0; i < c.n_clients; i++) {
		struct perf_rec r;

		perf_rec_init(&r, config, "null-invoke", c.clients[i], "");
		if (c.clients[i] > opened) {
			snprintf(r.note, sizeof(r.note), "only %u clients: %.28s",
				 (unsigned int)opened, th ? why : "out of memory");
		} else {
			fprintf(stderr, PERF_PROG ": scale: %s, %lu client threads\n",
				config, c.clients[i]);
			perf_scale_point(th, c.clients[i], &c, &r);
		}
		perf_raw_emit(out, &r);
	}
	ret = opened == max ? 0 : 1;
	for (size_t i = 0; i < opened; i++)
		perf_client_close(th[i].cl);
	free(th);
	fclose(out);
	return ret;
}

/* ---- controller --------------------------------------------------------- */

static void perf_scale_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf scale [--clients 1,2,...,64] [--sthreads 1,2,4,8]\n"
		"                         [--ms MS] [common options]\n"
		"  Concurrency scaling: for each secure thread count a stack\n"
		"  (`softee run --threads N`); in it, for each client thread count,\n"
		"  that many threads (each its own context and multi-instance TA\n"
		"  session) invoke a null command for MS milliseconds (default 1500;\n"
		"  --quick 300, clients 1,4,16, secure threads 1,4). Throughput and\n"
		"  median latency against 1 client thread on the same stack. Writes\n"
		"  DIR/scale.csv, DIR/scale-throughput.png and DIR/scale-latency.png.\n"
		PERF_COMMON_USAGE);
}

/* perf_doc_publish hands the report one pointer: rows and counts. */
struct perf_scale_view {
	const struct perf_recs *rs;
	const struct perf_scale_cfg *c;
};

static void perf_scale_report(FILE *f, bool md, const void *arg)
{
	const struct perf_scale_view *v = arg;
	const struct perf_recs *rs = v->rs;
	const struct perf_scale_cfg *c = v->c;
	const char *heads[PERF_TCOLS + 1];
	char hbuf[PERF_TCOLS][PERF_CELL];
	struct perf_table tt, tl;
	size_t nh = 0;

	heads[nh++] = "client threads";
	for (size_t s = 0; s < c->n_sthreads && nh < PERF_TCOLS - 1; s++) {
		snprintf(hbuf[nh], PERF_CELL, "%lu secure: ops/s (x)", c->sthreads[s]);
		heads[nh] = hbuf[nh];
		nh++;
	}
	heads[nh] = NULL;
	perf_table_init(&tt, "throughput, null invokes per second (x: against 1 "
			"client thread on the same stack)", heads);
	for (size_t s = 1; s < nh; s++)
		snprintf(hbuf[s], PERF_CELL, "%lu secure: med us (p99)",
			 c->sthreads[s - 1]);
	perf_table_init(&tl, "latency, median us per invoke (p99)", heads);
	for (size_t i = 0; i < c->n_clients; i++) {
		char (*rt)[PERF_CELL] = perf_table_row(&tt);
		char (*rl)[PERF_CELL] = perf_table_row(&tl);

		if (!rt || !rl)
			break;
		snprintf(rt[0], PERF_CELL, "%lu", c->clients[i]);
		snprintf(rl[0], PERF_CELL, "%lu", c->clients[i]);
		for (size_t s = 1; s < nh; s++) {
			char config[32], a[PERF_CELL], b[PERF_CELL];
			const struct perf_rec *r, *one;

			snprintf(config, sizeof(config), "sthreads=%lu",
				 c->sthreads[s - 1]);
			r = perf_recs_find(rs, config, "null-invoke", c->clients[i]);
			one = perf_recs_find(rs, config, "null-invoke", 1);
			if (!r || !r->n) {
				snprintf(rt[s], PERF_CELL, "n/a");
				snprintf(rl[s], PERF_CELL, "n/a");
				continue;
			}
			perf_fmt_num(a, r->rate);
			perf_fmt_ratio(b, r->rate, one && one->n ? one->rate : 0);
			snprintf(rt[s], PERF_CELL, "%.14s (%.12s)", a, b);
			perf_fmt_us(a, r->med_us);
			perf_fmt_us(b, r->p99_us);
			snprintf(rl[s], PERF_CELL, "%.14s (%.12s)", a, b);
		}
	}
	perf_table_print(f, md, &tt);
	perf_table_print(f, md, &tl);
	perf_table_free(&tt);
	perf_table_free(&tl);
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].note[0])
			fprintf(f, "%s%s, %" PRIu64 " clients: %s\n",
				md ? "- problem: " : "  problem: ", rs->v[i].config,
				rs->v[i].x, rs->v[i].note);
}

static void perf_scale_plot(const struct perf_opts *o, const struct perf_recs *rs,
			    const struct perf_scale_cfg *c, bool latency)
{
	struct perf_plot p = {
		.file = latency ? "scale-latency.png" : "scale-throughput.png",
		.title = latency ? "softee perf scale: median latency of a null invoke" :
			 "softee perf scale: null invokes per second, all clients",
		.xlabel = "client threads",
		.ylabel = latency ? "median us per invoke" : "invokes per second",
		.logx = true, .logy = latency,
	};
	char name[48], why[256];

	for (size_t s = 0; s < c->n_sthreads; s++) {
		char config[32];
		int k;

		snprintf(name, sizeof(name), "%lu secure thread%s", c->sthreads[s],
			 c->sthreads[s] == 1 ? "" : "s");
		snprintf(config, sizeof(config), "sthreads=%lu", c->sthreads[s]);
		k = perf_plot_series(&p, name);
		for (size_t i = 0; k >= 0 && i < c->n_clients; i++) {
			const struct perf_rec *r = perf_recs_find(rs, config,
				"null-invoke", c->clients[i]);

			if (r && r->n)
				perf_plot_point(&p, (size_t)k, (double)c->clients[i],
						latency ? r->med_us : r->rate);
		}
	}
	if (perf_plot_render(&p, o->out, why, sizeof(why)))
		fprintf(stderr, PERF_PROG ": scale: no plot: %s\n", why);
	perf_plot_free(&p);
}

static int perf_scale_args(struct perf_opts *o, struct perf_scale_cfg *c,
			   int argc, char **argv)
{
	static const struct option lo[] = {
		{ "clients", required_argument, NULL, PERF_OPT_FIRST_OWN },
		{ "sthreads", required_argument, NULL, PERF_OPT_FIRST_OWN + 1 },
		{ "ms", required_argument, NULL, PERF_OPT_FIRST_OWN + 2 },
		PERF_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	unsigned long ms = 0;
	int opt, t;

	perf_opts_init(o);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		t = perf_opts_take(o, opt, optarg);
		if (t == 0)
			continue;
		if (t == -2)
			return -1;
		if (opt == 'h') {
			perf_scale_usage(stdout);
			return 1;
		}
		if (opt == PERF_OPT_FIRST_OWN &&
		    !perf_scale_list(optarg, 256, c->clients, &c->n_clients))
			continue;
		if (opt == PERF_OPT_FIRST_OWN + 1 &&
		    !perf_scale_list(optarg, 64, c->sthreads, &c->n_sthreads))
			continue;
		if (opt == PERF_OPT_FIRST_OWN + 2 &&
		    !perf_parse_uint(optarg, 50, 600000, &ms))
			continue;
		perf_scale_usage(stderr);
		return -1;
	}
	if (optind != argc) {
		perf_scale_usage(stderr);
		return -1;
	}
	if (!c->n_clients) {
		static const unsigned long full[] = { 1, 2, 4, 8, 16, 32, 64 };
		static const unsigned long quick[] = { 1, 4, 16 };

		c->n_clients = o->quick ? 3 : 7;
		memcpy(c->clients, o->quick ? quick : full,
		       c->n_clients * sizeof(c->clients[0]));
	}
	if (!c->n_sthreads) {
		static const unsigned long full[] = { 1, 2, 4, 8 };
		static const unsigned long quick[] = { 1, 4 };

		c->n_sthreads = o->quick ? 2 : 4;
		memcpy(c->sthreads, o->quick ? quick : full,
		       c->n_sthreads * sizeof(c->sthreads[0]));
	}
	c->secs = (double)(ms ? ms : o->quick ? 300 : 1500) / 1000;
	c->warm = o->quick ? 0.1 : 0.3;
	return 0;
}

int perf_scale_main(int argc, char **argv)
{
	struct perf_scale_cfg c;
	struct perf_opts o;
	struct perf_recs rs = { 0 };
	char raw[PATH_MAX + 32], clients[PERF_SCALE_MAX * 8] = "";
	char st[24], ms[24], warm[24], notes[512] = "";
	size_t len = 0, nl = 0;
	int ret, failed = 0;

	memset(&c, 0, sizeof(c));
	ret = perf_scale_args(&o, &c, argc, argv);
	if (ret)
		return ret > 0 ? 0 : 2;
	if (perf_opts_finish(&o, "scale", argc, argv))
		return 1;
	for (size_t i = 0; i < c.n_clients; i++)
		len += (size_t)snprintf(clients + len, sizeof(clients) - len, "%s%lu",
					i ? "," : "", c.clients[i]);
	snprintf(ms, sizeof(ms), "%.0f", c.secs * 1000);
	snprintf(warm, sizeof(warm), "%.0f", c.warm * 1000);
	snprintf(raw, sizeof(raw), "%s/scale-raw.csv", o.out);
	unlink(raw);
	for (size_t s = 0; s < c.n_sthreads; s++) {
		const char *sopts[] = { "--threads", st, NULL };
		const char *wargs[] = { "scale-worker", "--raw", raw, "--sthreads", st,
					"--clients", clients, "--ms", ms,
					"--warm-ms", warm, NULL };

		snprintf(st, sizeof(st), "%lu", c.sthreads[s]);
		fprintf(stderr, PERF_PROG ": scale: stack with %s secure threads\n", st);
		ret = perf_run_stack(o.bin_dir, sopts, wargs);
		if (ret) {
			failed++;
			if (nl < sizeof(notes))
				nl += (size_t)snprintf(notes + nl, sizeof(notes) - nl,
					"%s secure threads: %s (status %d)\n", st,
					perf_run_status(ret), ret);
		}
	}
	if (perf_recs_load(&rs, raw) || !rs.n) {
		fprintf(stderr, PERF_PROG ": scale: no results\n%s", notes);
		perf_recs_free(&rs);
		return 1;
	}
	unlink(raw);
	perf_scale_plot(&o, &rs, &c, false);
	perf_scale_plot(&o, &rs, &c, true);
	perf_doc_publish(&o, &(struct perf_pub){
		.name = "scale", .title = "scale: concurrency scaling",
		.compared = "one client thread on the same stack (the x factor); "
			    "every client thread has its own context and its own "
			    "multi-instance TA session (a TA process each) and "
			    "calls a null command in a loop",
		.report = perf_scale_report,
		.arg = &(struct perf_scale_view){ &rs, &c }, .rs = &rs,
		.plots = (const char *const[]){
			"scale-throughput.png", "throughput",
			"scale-latency.png", "latency", NULL },
		.notes = notes,
	});
	perf_recs_free(&rs);
	return failed ? 1 : 0;
}
