// SPDX-License-Identifier: BSD-2-Clause
/* The report of `softee perf shm`: tables, target ratios, and its section of the doc. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "perf.h"

/* A row's median (per MiB if asked), or "n/a". */
static void perf_cell(char *buf, const struct perf_row *row, bool per_mib)
{
	if (!row || !row->n) {
		snprintf(buf, PERF_CELL, "n/a");
		return;
	}
	perf_fmt_us(buf, per_mib ? row->med_us / ((double)row->size / PERF_MIB) :
		    row->med_us);
}

/* GB/s of one pass over size bytes taking us microseconds. */
static void perf_cell_rate(char *buf, const struct perf_row *row)
{
	if (!row || !row->n || row->med_us <= 0)
		snprintf(buf, PERF_CELL, "n/a");
	else
		snprintf(buf, PERF_CELL, "%.2f",
			 (double)row->size / (row->med_us * 1e3));
}

static void perf_cell_ratio(char *buf, const struct perf_row *num,
			    const struct perf_row *den)
{
	if (!num || !den || !num->n || !den->n || den->med_us <= 0)
		snprintf(buf, PERF_CELL, "n/a");
	else
		snprintf(buf, PERF_CELL, "%.2fx", num->med_us / den->med_us);
}

/*
 * The TA's pass alone: the touching invoke less the idle one (measured
 * in turn with it), against the native pass; native over TA time.
 */
static double perf_pass_ratio(const struct perf_row *nat,
			      const struct perf_row *touch,
			      const struct perf_row *idle)
{
	double pass;

	if (!nat || !touch || !idle || !nat->n || !touch->n || !idle->n)
		return -1;
	pass = touch->med_us - idle->med_us;
	return pass > 0 ? nat->med_us / pass : -1;
}

static void perf_cell_pass(char *buf, const struct perf_row *nat,
			   const struct perf_row *touch,
			   const struct perf_row *idle)
{
	double v = perf_pass_ratio(nat, touch, idle);

	if (v < 0)
		snprintf(buf, PERF_CELL, "n/a");
	else
		snprintf(buf, PERF_CELL, "%.2fx", v);
}

static const char *const perf_stacks[] = { "dynamic", "static" };
static const char *const perf_modes[] = { "registered", "allocated", "temp" };

static void perf_invoke_table(FILE *f, bool md, const struct perf_results *r,
			      const struct perf_report_cfg *c,
			      const char *stack, const char *mode)
{
	static const char *const heads[] = { "size", "TA idle", "TA touch",
		"native", "TA GB/s", "native GB/s", "TA/native speed",
		"TA pass/native", "idle/4K idle", "n (touch)", NULL };
	struct perf_table t;
	char title[128];
	bool any = false;

	/* A stack that was not run (--no-static) has no rows: no table. */
	for (size_t i = 0; i < c->n_sizes && !any; i++)
		any = perf_results_find(r, stack, mode, "ta-idle", c->sizes[i]);
	if (!any)
		return;
	snprintf(title, sizeof(title), "%s stack, %s memref: median us per "
		 "invoke / per native pass", stack, mode);
	perf_table_init(&t, title, heads);
	for (size_t i = 0; i < c->n_sizes; i++) {
		const struct perf_row *idle, *touch, *nat, *ref;
		char (*row)[PERF_CELL] = perf_table_row(&t);

		if (!row)
			break;

		idle = perf_results_find(r, stack, mode, "ta-idle", c->sizes[i]);
		touch = perf_results_find(r, stack, mode, "ta-touch", c->sizes[i]);
		nat = perf_results_find(r, stack, mode, "native", c->sizes[i]);
		ref = perf_results_find(r, stack, mode, "ta-idle-ref", c->sizes[i]);
		perf_fmt_size(c->sizes[i], row[0], PERF_CELL);
		perf_cell(row[1], idle, false);
		perf_cell(row[2], touch, false);
		perf_cell(row[3], nat, false);
		perf_cell_rate(row[4], touch);
		perf_cell_rate(row[5], nat);
		/* Speed relative to native: native time over TA time. */
		perf_cell_ratio(row[6], nat, touch);
		perf_cell_pass(row[7], nat, touch, idle);
		perf_cell_ratio(row[8], idle, ref);
		snprintf(row[9], PERF_CELL, "%u", touch ? touch->n : 0);
	}
	perf_table_print(f, md, &t);
	perf_table_free(&t);
}

static void perf_reg_table(FILE *f, bool md, const struct perf_results *r,
			   const struct perf_report_cfg *c)
{
	static const char *const cols[][2] = {
		{ "malloc", "register-first" }, { "malloc", "unregister-first" },
		{ "malloc", "register-cold" }, { "malloc", "register-again" },
		{ "softee-alloc", "allocate" }, { "softee-alloc", "free" },
		{ "softee-alloc", "register" }, { "softee-alloc", "unregister" },
		{ "baseline", "memcpy" }, { "baseline", "memcpy-hot" },
	};
	static const char *const heads[] = { "size", "reg malloc (1st)",
		"unreg", "reg cold", "reg again", "TEEC_Allocate", "release",
		"reg softee mem", "unreg", "memcpy", "memcpy hot", "1st/memcpy",
		"cold/memcpy", "softee/memcpy", NULL };
	struct perf_table t;

	perf_table_init(&t, "dynamic stack, registration: median us per MiB",
			heads);
	for (size_t i = 0; i < c->n_sizes; i++) {
		char (*row)[PERF_CELL] = perf_table_row(&t);
		const struct perf_row *cpy;

		if (!row)
			break;

		perf_fmt_size(c->sizes[i], row[0], PERF_CELL);
		for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
			perf_cell(row[k + 1], perf_results_find(r, "dynamic",
				  cols[k][0], cols[k][1], c->sizes[i]), true);
		cpy = perf_results_find(r, "dynamic", "baseline", "memcpy",
					c->sizes[i]);
		perf_cell_ratio(row[11], perf_results_find(r, "dynamic", "malloc",
				"register-first", c->sizes[i]), cpy);
		perf_cell_ratio(row[12], perf_results_find(r, "dynamic", "malloc",
				"register-cold", c->sizes[i]), cpy);
		perf_cell_ratio(row[13], perf_results_find(r, "dynamic",
				"softee-alloc", "register", c->sizes[i]), cpy);
	}
	perf_table_print(f, md, &t);
	perf_table_free(&t);
}

/* One target: the worst ratio over the sizes it applies to. */
struct perf_ratio {
	const char *name;
	const char *what;
	const char *target;
	bool higher_is_better;
	double limit;
	double value;		/* < 0: not measured */
	uint64_t size;
};

static bool perf_ok(const struct perf_row *w)
{
	return w && w->n && w->med_us > 0;
}

static void perf_ratio_take(struct perf_ratio *q, double v, uint64_t size)
{
	bool worse = q->value < 0 ||
		     (q->higher_is_better ? v < q->value : v > q->value);

	if (worse) {
		q->value = v;
		q->size = size;
	}
}

static void perf_ratios(const struct perf_results *r,
			const struct perf_report_cfg *c, struct perf_ratio q[4])
{
	q[0] = (struct perf_ratio){ "(a)", "TA pass over a registered buffer "
		">= 16M (touching invoke less idle invoke), speed vs the native "
		"loop (worst size)", ">= 0.90x", true, 0.9, -1, 0 };
	q[1] = (struct perf_ratio){ "(b)", "untouched registered buffer: "
		"invoke time vs a 4K registered buffer's, measured in turn, "
		"sizes >= 16M (worst)", "<= 1.50x", false, 1.5, -1, 0 };
	q[2] = (struct perf_ratio){ "(c)", "registration of malloc'd memory "
		"(first, pinning) vs memcpy into faulted memory, >= 16M (worst)",
		"<= 1.50x", false, 1.5, -1, 0 };
	/* The target: softee-allocated memory registers within the
	 * same 1.5x of memcpy, and without copying any byte (stat shows it). */
	q[3] = (struct perf_ratio){ "(d)", "registration of softee-allocated "
		"memory (no copy) vs the same memcpy, >= 16M (worst)",
		"<= 1.50x", false, 1.5, -1, 0 };
	for (size_t i = 0; i < c->n_sizes; i++) {
		uint64_t s = c->sizes[i];
		const struct perf_row *nat, *touch, *idle, *ref, *reg, *sreg, *cpy;
		double pass;

		if (s < (16ULL << 20))
			continue;
		idle = perf_results_find(r, "dynamic", "registered", "ta-idle", s);
		ref = perf_results_find(r, "dynamic", "registered", "ta-idle-ref", s);
		if (perf_ok(idle) && perf_ok(ref))
			perf_ratio_take(&q[1], idle->med_us / ref->med_us, s);
		nat = perf_results_find(r, "dynamic", "registered", "native", s);
		touch = perf_results_find(r, "dynamic", "registered", "ta-touch", s);
		pass = perf_pass_ratio(nat, touch, idle);
		if (pass >= 0)
			perf_ratio_take(&q[0], pass, s);
		cpy = perf_results_find(r, "dynamic", "baseline", "memcpy", s);
		reg = perf_results_find(r, "dynamic", "malloc", "register-first", s);
		sreg = perf_results_find(r, "dynamic", "softee-alloc", "register", s);
		if (perf_ok(cpy) && perf_ok(reg))
			perf_ratio_take(&q[2], reg->med_us / cpy->med_us, s);
		if (perf_ok(cpy) && perf_ok(sreg))
			perf_ratio_take(&q[3], sreg->med_us / cpy->med_us, s);
	}
}

/* Not a target: the first registration of a process, nothing prepared. */
static void perf_cold_print(FILE *f, bool md, const struct perf_results *r,
			    const struct perf_report_cfg *c)
{
	double worst = -1;
	uint64_t at = 0;
	char sz[16];

	for (size_t i = 0; i < c->n_sizes; i++) {
		uint64_t s = c->sizes[i];
		const struct perf_row *cold, *cpy;

		if (s < (16ULL << 20))
			continue;
		cold = perf_results_find(r, "dynamic", "malloc", "register-cold", s);
		cpy = perf_results_find(r, "dynamic", "baseline", "memcpy", s);
		if (perf_ok(cold) && perf_ok(cpy) &&
		    cold->med_us / cpy->med_us > worst) {
			worst = cold->med_us / cpy->med_us;
			at = s;
		}
	}
	if (worst < 0)
		return;
	perf_fmt_size(at, sz, sizeof(sz));
	fprintf(f, md ? "\nNot a target: a first registration with nothing "
		"prepared (no recycled memfd, no warm spare; pages allocated "
		"on the way) costs %.2fx the same memcpy (worst, at %s).\n" :
		"  (info) first registration with nothing prepared vs the same "
		"memcpy: %.2fx (worst, at %s)\n", worst, sz);
}

static void perf_ratio_print(FILE *f, bool md, const struct perf_results *r,
			     const struct perf_report_cfg *c)
{
	struct perf_ratio q[4];

	perf_ratios(r, c, q);
	if (md)
		fprintf(f, "\n#### Targets (ratios within this run)\n\n"
			"| | measure | value | target | result |\n"
			"|---|---|---:|---:|---|\n");
	else
		fprintf(f, "\nTargets (ratios within this run; a benchmark, "
			"never a failure):\n");
	for (size_t i = 0; i < 4; i++) {
		char val[48], sz[16];
		const char *verdict = "n/a";

		if (q[i].value >= 0) {
			bool pass = q[i].higher_is_better ?
				    q[i].value >= q[i].limit :
				    q[i].value <= q[i].limit;

			verdict = pass ? "PASS" : "MISS";
			perf_fmt_size(q[i].size, sz, sizeof(sz));
			snprintf(val, sizeof(val), "%.2fx (at %s)", q[i].value, sz);
		} else {
			snprintf(val, sizeof(val), "not measured");
		}
		if (md)
			fprintf(f, "| %s | %s | %s | %s | %s |\n", q[i].name,
				q[i].what, val, q[i].target, verdict);
		else
			fprintf(f, "  %s %-4s %s\n      %s, target %s\n",
				q[i].name, verdict, q[i].what, val, q[i].target);
	}
	perf_cold_print(f, md, r, c);
}

static void perf_report_body(FILE *f, bool md, const struct perf_results *r,
			     const struct perf_report_cfg *c)
{
	for (size_t s = 0; s < 2; s++)
		for (size_t m = 0; m < 3; m++)
			perf_invoke_table(f, md, r, c, perf_stacks[s], perf_modes[m]);
	perf_reg_table(f, md, r, c);
	perf_ratio_print(f, md, r, c);
	/* Rows that carry a note the tables cannot show (errors, caps). */
	for (size_t i = 0, shown = 0; i < r->n; i++) {
		const struct perf_row *w = &r->rows[i];

		if (!w->note[0] || !strncmp(w->note, "n/a", 3))
			continue;
		if (!shown++)
			fprintf(f, md ? "\n#### Problems\n\n" : "\nProblems:\n");
		fprintf(f, "%s%s %s %s %" PRIu64 ": %s\n", md ? "- " : "  ",
			w->stack, w->mode, w->measure, w->size, w->note);
	}
}

void perf_report_text(FILE *f, const struct perf_results *r,
		      const struct perf_report_cfg *c)
{
	fprintf(f, "softee perf shm  (%s; %s)\n", c->machine, c->date);
	if (c->notes && *c->notes)
		fprintf(f, "%s", c->notes);
	perf_report_body(f, false, r, c);
	if (c->counters && *c->counters)
		fprintf(f, "\nCopy counters at the end of each run (softee stat):\n%s",
			c->counters);
}

void perf_report_md(FILE *f, const struct perf_results *r,
		    const struct perf_report_cfg *c)
{
	fprintf(f,
		"### What is measured\n\n"
		"- Two stacks started by the tool with `softee run`: **dynamic** "
		"(default options: dynamic shared memory) and **static**, a legacy "
		"secure world (`--no-dynamic-shm --carveout-size %s`, the largest "
		"carve-out softee allows; memrefs there are capped at 64M).\n"
		"- Modes: **registered** (`TEEC_RegisterSharedMemory` of a malloc'd "
		"buffer once, then invokes with `TEEC_MEMREF_WHOLE`), **allocated** "
		"(`TEEC_AllocateSharedMemory`), **temp** (the same malloc'd buffer "
		"as a `TEEC_MEMREF_TEMP_INOUT` on every invoke). On the static "
		"stack, registered and temp memrefs go through carve-out copies, "
		"as with an old OP-TEE.\n"
		"- Per invoke: **TA idle** (the TA ignores the memref), **TA touch** "
		"(the TA adds 1 to every 8-byte word: reads and writes every byte), "
		"and **native**: the client process running the very same loop "
		"(shared header) over the same buffer. The client checks that every "
		"pass reached its memory. The three run in turn in every "
		"repetition (with, for registered buffers, an idle invoke on a 4K "
		"registered buffer: **4K idle**), so noise and cache state hit "
		"them alike. **TA pass** is TA touch less TA idle: the pass "
		"without the invoke itself.\n"
		"- Registration (per MiB): first registration of fresh, faulted-in "
		"anonymous memory (as a large malloc; pinning moves it into a "
		"memfd) in steady state (**1st**: recycled memfds and a warm spare "
		"prepared by libteec's worker thread), the same with nothing "
		"prepared (**cold**: `SOFTEE_PIN_POOL=0`, as the first "
		"registration of a process), registering it again once pinned, "
		"`TEEC_AllocateSharedMemory`, registering memory softee "
		"allocated, and the baseline: a **memcpy** of the same size from "
		"a buffer just written into memory already faulted in but not in "
		"cache (as a registration's copy sees its memory; **memcpy hot** "
		"copies the same two buffers over and over).\n"
		"- Medians; warm-up runs excluded; repetitions adaptive (up to "
		"`--reps` for small sizes, at least 11 for the largest, within a "
		"time budget per measure). Times in microseconds. Raw figures "
		"(median, p10, p90, n) in `shm.csv`.\n",
		PERF_STATIC_CARVEOUT);
	if (c->notes && *c->notes)
		fprintf(f, "\n### Notes of this run\n\n```\n%s```\n", c->notes);
	fprintf(f, "\n### Results\n");
	perf_report_body(f, true, r, c);
	if (c->counters && *c->counters)
		fprintf(f, "\n#### Copy counters (`softee stat` at the end of each "
			"run)\n\nBytes that went zero-copy against bytes copied "
			"through bounce frames or shadow buffers, per context; the "
			"worker is the tee0 context.\n\n```\n%s```\n",
			c->counters);
}
