// SPDX-License-Identifier: BSD-2-Clause
/*
 * The soak worker, inside a stack: client threads run the mixed load while
 * the main thread samples throughput, RSS and fds of every softee process.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "perf.h"
#include "perf_load.h"
#include "perf_proc.h"

#define PERF_SOAK_MAX_CLIENTS	64
#define PERF_SOAK_MAX_TA	512
#define PERF_SOAK_ERRS		5	/* error messages kept */

static struct {
	atomic_bool stop;
	atomic_uint_fast64_t ops, cycles, errors;
	pthread_mutex_t lock;
	char errs[PERF_SOAK_ERRS][160];
	unsigned int n_errs;
} perf_soak = { .lock = PTHREAD_MUTEX_INITIALIZER };

struct perf_soak_client {
	pthread_t tid;
	uint64_t seed;
};

static void *perf_soak_client(void *arg)
{
	struct perf_soak_client *c = arg;
	uint64_t rnd = c->seed;

	while (!atomic_load(&perf_soak.stop)) {
		struct perf_load_result r;
		uint64_t ops = 0;
		int ret = perf_load_cycle(perf_load_rand(&rnd), &ops, &r);

		atomic_fetch_add(&perf_soak.ops, ops);
		if (!ret) {
			atomic_fetch_add(&perf_soak.cycles, 1);
			continue;
		}
		atomic_fetch_add(&perf_soak.errors, 1);
		pthread_mutex_lock(&perf_soak.lock);
		if (perf_soak.n_errs < PERF_SOAK_ERRS)
			snprintf(perf_soak.errs[perf_soak.n_errs++],
				 sizeof(perf_soak.errs[0]), "%s: TEEC 0x%08x origin %u%s",
				 r.what, r.res, r.origin, r.corrupt ? " (CORRUPT)" : "");
		pthread_mutex_unlock(&perf_soak.lock);
		/* Do not spin on a broken stack. */
		usleep(10000);
	}
	return NULL;
}

/* Sleep until the absolute monotonic time t (seconds, perf_now's clock). */
static void perf_soak_sleep_until(double t)
{
	for (;;) {
		double left = t - perf_now();
		struct timespec ts;

		if (left <= 0)
			return;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);	/* woken early: the loop sleeps again */
	}
}

static void perf_soak_sample(FILE *csv, const char *run_dir, double t,
			     uint64_t ops, double ops_per_s)
{
	static const char *const names[] = { "secure", "driver", "supplicant" };
	pid_t pids[3], ta[PERF_SOAK_MAX_TA];
	long rss[4], ta_sum = 0;
	int fds[4];
	size_t n_ta;

	for (int i = 0; i < 3; i++) {
		pids[i] = perf_proc_pidfile(run_dir, names[i]);
		rss[i] = pids[i] ? perf_proc_rss_kb(pids[i]) : -1;
		fds[i] = pids[i] ? perf_proc_fds(pids[i]) : -1;
	}
	rss[3] = perf_proc_rss_kb(getpid());
	fds[3] = perf_proc_fds(getpid());
	n_ta = pids[0] ? perf_proc_children(pids[0], ta, PERF_SOAK_MAX_TA) : 0;
	for (size_t i = 0; i < n_ta; i++) {
		long kb = perf_proc_rss_kb(ta[i]);

		if (kb > 0)
			ta_sum += kb;
	}
	fprintf(csv, "%.1f,%llu,%.1f,%llu,%llu,%ld,%ld,%ld,%ld,%ld,%zu,%d,%d,%d,%d\n",
		t, (unsigned long long)ops, ops_per_s,
		(unsigned long long)atomic_load(&perf_soak.cycles),
		(unsigned long long)atomic_load(&perf_soak.errors),
		rss[0], rss[1], rss[2], rss[3], ta_sum, n_ta,
		fds[0], fds[1], fds[2], fds[3]);
	fflush(csv);
}

int perf_soak_worker(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "csv", required_argument, NULL, 'o' },
		{ "duration-ms", required_argument, NULL, 'd' },
		{ "interval-ms", required_argument, NULL, 'i' },
		{ "clients", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct perf_soak_client cl[PERF_SOAK_MAX_CLIENTS];
	unsigned long dur = 0, ivl = 1000, n = 4, seed = 1;
	const char *path = NULL, *run_dir = getenv("SOFTEE_DEV_DIR");
	double start, next, last_t;
	uint64_t last_ops = 0;
	size_t started = 0;
	FILE *csv;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		int bad = 0;

		switch (c) {
		case 'o': path = optarg; break;
		case 'd': bad = perf_parse_uint(optarg, 100, 604800000UL, &dur); break;
		case 'i': bad = perf_parse_uint(optarg, 50, 3600000, &ivl); break;
		case 'c': bad = perf_parse_uint(optarg, 1, PERF_SOAK_MAX_CLIENTS, &n); break;
		case 's': bad = perf_parse_uint(optarg, 0, ULONG_MAX, &seed); break;
		default: bad = 1; break;
		}
		if (bad)
			return 2;
	}
	if (!path || !dur || !run_dir || optind != argc)
		return 2;
	csv = fopen(path, "w");
	if (!csv) {
		perror(path);
		return 1;
	}
	fprintf(csv, "t_s,ops,ops_per_s,cycles,errors,secure_rss_kb,driver_rss_kb,"
		"supplicant_rss_kb,client_rss_kb,ta_rss_kb_sum,ta_count,secure_fds,"
		"driver_fds,supplicant_fds,client_fds\n");
	for (; started < n; started++) {
		cl[started].seed = seed * 1000003ULL + started;
		if (pthread_create(&cl[started].tid, NULL, perf_soak_client,
				   &cl[started]))
			break;
	}
	start = last_t = perf_now();
	perf_soak_sample(csv, run_dir, 0, 0, 0);
	for (next = start + (double)ivl / 1000; started == n;
	     next += (double)ivl / 1000) {
		uint64_t ops;
		double now;

		if (next > start + (double)dur / 1000)
			break;
		perf_soak_sleep_until(next);
		now = perf_now();
		ops = atomic_load(&perf_soak.ops);
		perf_soak_sample(csv, run_dir, now - start, ops,
				 (double)(ops - last_ops) / (now - last_t));
		last_ops = ops;
		last_t = now;
	}
	atomic_store(&perf_soak.stop, true);
	for (size_t i = 0; i < started; i++)
		pthread_join(cl[i].tid, NULL);
	fclose(csv);
	fprintf(stderr, PERF_PROG ": soak: %zu clients, %llu cycles, %llu calls, "
		"%llu failed cycles\n", started,
		(unsigned long long)atomic_load(&perf_soak.cycles),
		(unsigned long long)atomic_load(&perf_soak.ops),
		(unsigned long long)atomic_load(&perf_soak.errors));
	for (unsigned int i = 0; i < perf_soak.n_errs; i++)
		fprintf(stderr, PERF_PROG ": soak: failure: %s\n", perf_soak.errs[i]);
	if (started < n)
		return 1;
	return atomic_load(&perf_soak.errors) ? 3 : 0;
}
