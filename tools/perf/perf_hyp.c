// SPDX-License-Identifier: BSD-2-Clause
/*
 * `softee perf hyp`: what the hypervisor's mediation costs. The same
 * worker runs in a stack without softee-hyp (the driver on the secure
 * world) and in one with it (`softee run --vms 1`): null and value
 * invokes, and registering / allocating shared memory of a few sizes
 * (per MiB). The report gives both and their ratio, from one run.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <tee_client_api.h>
#include <unistd.h>

#include "perf.h"
#include "perf_hyp.h"

#define PERF_HYP_MAX_SIZES	8
/*
 * Rounds, each running both stacks one after the other; per measure the
 * round with the lower median counts, so that a burst of load from
 * elsewhere on the machine does not land on one side only.
 */
#define PERF_HYP_ROUNDS		2

static const char *const perf_hyp_cfgs[2] = { "no-hyp", "hyp" };

/* ---- worker (inside the stack) ------------------------------------------ */

static int perf_hyp_invokes(struct perf_client *cl, bool value,
			    unsigned int reps, struct perf_samples *s,
			    char *note, size_t cap)
{
	uint32_t res = 0;

	for (unsigned int i = 0; i < reps + 50; i++) {
		double t0 = perf_now();
		int ret = value ? perf_client_value(cl, i, &res) :
				  perf_client_null(cl, &res);

		if (ret) {
			snprintf(note, cap, "invoke failed: TEEC 0x%08x", res);
			return ret;
		}
		if (i >= 50 && perf_samples_add(s, perf_now() - t0))
			return -ENOMEM;
	}
	return 0;
}

/*
 * Register (or allocate) size bytes and release them, reps times after
 * two warm-ups. The malloc'd buffer is the same each time: after the
 * first pin it is registered without a copy, so what is timed is the
 * announcement and the page list, which is what the hypervisor handles.
 */
static int perf_hyp_shm(TEEC_Context *ctx, bool alloc, uint64_t size,
			unsigned int reps, struct perf_samples *s, char *note,
			size_t cap)
{
	uint8_t *buf = NULL;
	int ret = 0;

	if (!alloc) {
		buf = malloc(size);
		if (!buf) {
			snprintf(note, cap, "cannot malloc the buffer");
			return -ENOMEM;
		}
		memset(buf, 0x5a, size);
	}
	for (unsigned int i = 0; i < reps + 2 && !ret; i++) {
		TEEC_SharedMemory m;
		TEEC_Result r;
		double t0;

		memset(&m, 0, sizeof(m));
		m.buffer = buf;
		m.size = size;
		m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		t0 = perf_now();
		r = alloc ? TEEC_AllocateSharedMemory(ctx, &m) :
			    TEEC_RegisterSharedMemory(ctx, &m);
		if (r) {
			snprintf(note, cap, "%s failed: TEEC 0x%08x",
				 alloc ? "allocate" : "register", r);
			ret = -EIO;
			break;
		}
		TEEC_ReleaseSharedMemory(&m);
		if (i >= 2 && perf_samples_add(s, perf_now() - t0))
			ret = -ENOMEM;
	}
	free(buf);
	return ret;
}

static void perf_hyp_emit(FILE *out, const char *cfg, const char *measure,
			  uint64_t x, struct perf_samples *s, const char *note)
{
	struct perf_rec r;

	perf_rec_init(&r, cfg, measure, x, note);
	if (!note[0])
		perf_rec_stats(&r, s);
	if (r.n && r.med_us > 0) {
		/* invokes per second; MB/s for memory */
		r.rate = x ? (double)x / PERF_MIB / (r.med_us / 1e6) :
			     1e6 / r.med_us;
		snprintf(r.unit, sizeof(r.unit), "%s", x ? "MB/s" : "ops/s");
	}
	perf_raw_emit(out, &r);
}

int perf_hyp_worker(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "raw", required_argument, NULL, 'o' },
		{ "config", required_argument, NULL, 'c' },
		{ "reps", required_argument, NULL, 'r' },
		{ "shm-reps", required_argument, NULL, 's' },
		{ "sizes", required_argument, NULL, 'z' },
		{ NULL, 0, NULL, 0 },
	};
	const char *raw = NULL, *cfg = NULL;
	unsigned long reps = 1000, shm_reps = 10;
	uint64_t sizes[PERF_HYP_MAX_SIZES];
	size_t n_sizes = 0;
	struct perf_client *cl;
	char why[128] = "";
	FILE *out;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'o': raw = optarg; break;
		case 'c': cfg = optarg; break;
		case 'r':
			if (perf_parse_uint(optarg, 1, 10000000, &reps))
				return 2;
			break;
		case 's':
			if (perf_parse_uint(optarg, 1, 100000, &shm_reps))
				return 2;
			break;
		case 'z':
			if (perf_parse_sizes(optarg, sizes, PERF_HYP_MAX_SIZES,
					     &n_sizes))
				return 2;
			break;
		default:
			return 2;
		}
	}
	if (!raw || !cfg || optind != argc)
		return 2;
	out = perf_raw_open(raw);
	if (!out)
		return 1;
	cl = perf_client_open(false, why, sizeof(why));
	for (int m = 0; m < 2; m++) {
		struct perf_samples s = { 0 };
		char note[64] = "";

		if (!cl)
			snprintf(note, sizeof(note), "%s", why);
		else
			perf_hyp_invokes(cl, m == 1, (unsigned int)reps, &s,
					 note, sizeof(note));
		perf_hyp_emit(out, cfg, m ? "invoke-value" : "invoke-null", 0,
			      &s, note);
		perf_samples_free(&s);
	}
	for (int alloc = 0; alloc < 2; alloc++) {
		for (size_t i = 0; i < n_sizes; i++) {
			struct perf_samples s = { 0 };
			char note[64] = "";

			if (!cl)
				snprintf(note, sizeof(note), "%s", why);
			else
				perf_hyp_shm(perf_client_ctx(cl), alloc, sizes[i],
					     (unsigned int)shm_reps, &s, note,
					     sizeof(note));
			perf_hyp_emit(out, cfg, alloc ? "allocate" : "register",
				      sizes[i], &s, note);
			perf_samples_free(&s);
		}
	}
	perf_client_close(cl);
	fclose(out);
	return cl ? 0 : 1;
}

/* ---- controller ------------------------------------------------------------ */

/* Keep, per measure, the row with the lower median (or the measured one). */
static int perf_hyp_merge(struct perf_recs *best, const struct perf_recs *round)
{
	for (size_t i = 0; i < round->n; i++) {
		const struct perf_rec *r = &round->v[i];
		struct perf_rec *b = (struct perf_rec *)perf_recs_find(best,
			r->config, r->measure, r->x);

		if (!b) {
			if (perf_recs_add(best, r))
				return -ENOMEM;
		} else if (r->n && (!b->n || r->med_us < b->med_us)) {
			*b = *r;
		}
	}
	return 0;
}

static void perf_hyp_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf hyp [--reps N] [--sizes LIST] [common options]\n"
		"  The cost of softee-hyp: the same client runs in a stack without\n"
		"  the hypervisor and in one with it (softee run --vms 1), in one\n"
		"  run. Times null and value invokes, and registering (malloc'd,\n"
		"  already pinned) and allocating shared memory of each size, then\n"
		"  releasing it; prints both, the ratio with/without, and the cost\n"
		"  per MiB. Both stacks run twice, alternating (once with --quick);\n"
		"  each measure keeps its best round. Writes DIR/hyp.csv.\n"
		"  --reps N       invokes timed per measure (default 5000; --quick 500)\n"
		"  --sizes LIST   registration sizes (default 1M,16M,64M; --quick 1M,16M)\n"
		PERF_COMMON_USAGE);
}

static const struct {
	const char *measure, *what;
} perf_hyp_measures[] = {
	{ "invoke-null", "TEEC_InvokeCommand without parameters" },
	{ "invoke-value", "the same with one VALUE_INOUT the TA changes (checked)" },
	{ "register", "TEEC_RegisterSharedMemory of an already pinned malloc'd "
		      "buffer, then TEEC_ReleaseSharedMemory" },
	{ "allocate", "TEEC_AllocateSharedMemory, then TEEC_ReleaseSharedMemory" },
};

static void perf_hyp_report(FILE *f, bool md, const void *arg)
{
	const struct perf_recs *rs = arg;
	static const char *const heads[] = { "measure", "size",
		"without hyp us", "with hyp us", "with / without",
		"without us/MiB", "with us/MiB", "n", NULL };
	struct perf_table t;
	char size[24];

	perf_table_init(&t, "the mediator's cost: the same calls without and "
			"with softee-hyp (medians, best of the rounds of one run)", heads);
	for (size_t m = 0; m < sizeof(perf_hyp_measures) /
	     sizeof(perf_hyp_measures[0]); m++) {
		for (size_t i = 0; i < rs->n; i++) {
			const struct perf_rec *a = &rs->v[i], *b;
			char (*row)[PERF_CELL];

			if (strcmp(a->config, perf_hyp_cfgs[0]) ||
			    strcmp(a->measure, perf_hyp_measures[m].measure))
				continue;
			b = perf_recs_find(rs, perf_hyp_cfgs[1], a->measure, a->x);
			row = perf_table_row(&t);
			if (!row)
				break;
			snprintf(row[0], PERF_CELL, "%.31s", a->measure);
			if (a->x)
				perf_fmt_size(a->x, size, sizeof(size));
			snprintf(row[1], PERF_CELL, "%s", a->x ? size : "-");
			if (a->n)
				perf_fmt_us(row[2], a->med_us);
			else
				snprintf(row[2], PERF_CELL, "n/a");
			if (b && b->n)
				perf_fmt_us(row[3], b->med_us);
			else
				snprintf(row[3], PERF_CELL, "n/a");
			perf_fmt_ratio(row[4], b && b->n ? b->med_us : 0,
				       a->n ? a->med_us : 0);
			if (a->x && a->n)
				perf_fmt_us(row[5], a->med_us * PERF_MIB / (double)a->x);
			else
				snprintf(row[5], PERF_CELL, "-");
			if (a->x && b && b->n)
				perf_fmt_us(row[6], b->med_us * PERF_MIB / (double)b->x);
			else
				snprintf(row[6], PERF_CELL, "-");
			snprintf(row[7], PERF_CELL, "%u/%u", a->n, b ? b->n : 0);
		}
	}
	perf_table_print(f, md, &t);
	perf_table_free(&t);
	fprintf(f, "\n%s", md ? "" : "What each measure is:\n");
	for (size_t m = 0; m < sizeof(perf_hyp_measures) /
	     sizeof(perf_hyp_measures[0]); m++)
		fprintf(f, "%s%s: %s\n", md ? "- " : "  ",
			perf_hyp_measures[m].measure, perf_hyp_measures[m].what);
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].note[0])
			fprintf(f, "%s%s %s: %s\n", md ? "- problem: " : "  problem: ",
				rs->v[i].config, rs->v[i].measure, rs->v[i].note);
}

int perf_hyp_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "reps", required_argument, NULL, PERF_OPT_FIRST_OWN },
		{ "sizes", required_argument, NULL, PERF_OPT_FIRST_OWN + 1 },
		PERF_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	static const char *const no_hyp[] = { NULL };
	static const char *const with_hyp[] = { "--vms", "1", NULL };
	const char *const *stacks[2] = { no_hyp, with_hyp };
	struct perf_opts o;
	struct perf_recs rs = { 0 };
	char raw[PATH_MAX + 32], reps_s[24], shm_s[24];
	int rounds;
	const char *sizes = NULL, *wargs[16];
	unsigned long reps = 0;
	uint64_t tmp[PERF_HYP_MAX_SIZES];
	size_t ntmp;
	int c, t, status[2];

	perf_opts_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		t = perf_opts_take(&o, c, optarg);
		if (t == 0)
			continue;
		if (t == -2)
			return 2;
		if (c == 'h') {
			perf_hyp_usage(stdout);
			return 0;
		}
		if (c == PERF_OPT_FIRST_OWN &&
		    !perf_parse_uint(optarg, 10, 10000000, &reps))
			continue;
		if (c == PERF_OPT_FIRST_OWN + 1 &&
		    !perf_parse_sizes(optarg, tmp, PERF_HYP_MAX_SIZES, &ntmp)) {
			sizes = optarg;
			continue;
		}
		perf_hyp_usage(stderr);
		return 2;
	}
	if (optind != argc) {
		perf_hyp_usage(stderr);
		return 2;
	}
	if (perf_opts_finish(&o, "hyp", argc, argv))
		return 1;
	if (!reps)
		reps = o.quick ? 500 : 5000;
	if (!sizes)
		sizes = o.quick ? "1M,16M" : "1M,16M,64M";
	snprintf(reps_s, sizeof(reps_s), "%lu", reps);
	snprintf(shm_s, sizeof(shm_s), "%u", o.quick ? 5 : 20);
	snprintf(raw, sizeof(raw), "%s/hyp-raw.csv", o.out);
	rounds = o.quick ? 1 : PERF_HYP_ROUNDS;
	status[0] = status[1] = 0;
	for (int k = 0; k < 2 * rounds; k++) {
		struct perf_recs round = { 0 };
		size_t n = 0;
		int st;

		wargs[n++] = "hyp-worker";
		wargs[n++] = "--raw";
		wargs[n++] = raw;
		wargs[n++] = "--config";
		wargs[n++] = perf_hyp_cfgs[k % 2];
		wargs[n++] = "--reps";
		wargs[n++] = reps_s;
		wargs[n++] = "--shm-reps";
		wargs[n++] = shm_s;
		wargs[n++] = "--sizes";
		wargs[n++] = sizes;
		wargs[n] = NULL;
		fprintf(stderr, PERF_PROG ": hyp: round %d, %s stack, %lu invokes, "
			"sizes %s\n", k / 2 + 1, perf_hyp_cfgs[k % 2], reps, sizes);
		unlink(raw);
		st = perf_run_stack(o.bin_dir, stacks[k % 2], wargs);
		if (st)
			status[k % 2] = st;
		if (!perf_recs_load(&round, raw) && perf_hyp_merge(&rs, &round))
			status[k % 2] = 1;
		perf_recs_free(&round);
	}
	if (!rs.n) {
		fprintf(stderr, PERF_PROG ": hyp: no results (%s / %s)\n",
			perf_run_status(status[0]), perf_run_status(status[1]));
		perf_recs_free(&rs);
		return 1;
	}
	unlink(raw);
	perf_doc_publish(&o, &(struct perf_pub){
		.name = "hyp", .title = "hyp: the cost of the hypervisor's mediation",
		.compared = "the same client in a stack without softee-hyp (its "
			    "driver on the secure world) and in one with it "
			    "(`softee run --vms 1`: shadowed args, translated page "
			    "lists, host frames), in the same run; the ratio "
			    "divides with by without",
		.report = perf_hyp_report, .arg = &rs, .rs = &rs,
		.status = { status[0], status[1] },
		.who = { perf_hyp_cfgs[0], perf_hyp_cfgs[1] },
	});
	perf_recs_free(&rs);
	return status[0] || status[1] ? 1 : 0;
}
