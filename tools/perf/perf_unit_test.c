// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of softee-perf: statistics, CSV rows, the shared pass, target
 * verdicts, the report's sections, tables, durations and the soak verdict.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <softee_bench_ta.h>

#include "perf.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

TEST(sizes)
{
	uint64_t v[PERF_MAX_SIZES];
	size_t n;
	char buf[16];

	CHECK(!perf_parse_size("4K", &v[0]) && v[0] == 4096);
	CHECK(!perf_parse_size("256M", &v[0]) && v[0] == 256ULL << 20);
	CHECK(!perf_parse_size("1GiB", &v[0]) && v[0] == 1ULL << 30);
	CHECK(perf_parse_size("0", &v[0]));
	CHECK(perf_parse_size("-4K", &v[0]));
	CHECK(perf_parse_size("4X", &v[0]));
	CHECK(perf_parse_size("99999999999999999999K", &v[0]));
	CHECK(perf_parse_size("17179869184G", &v[0]));
	CHECK(!perf_parse_sizes("4K,16K,1M", v, PERF_MAX_SIZES, &n) && n == 3);
	CHECK(v[2] == 1ULL << 20);
	CHECK(perf_parse_sizes("4K,,1M", v, PERF_MAX_SIZES, &n));
	CHECK(perf_parse_sizes("12", v, PERF_MAX_SIZES, &n));	/* not words */
	CHECK(perf_parse_sizes("", v, PERF_MAX_SIZES, &n));
	CHECK(perf_parse_sizes("8,8,8", v, 2, &n));		/* too many */
	perf_fmt_size(16ULL << 20, buf, sizeof(buf));
	CHECK(!strcmp(buf, "16M"));
	perf_fmt_size(4096 + 8, buf, sizeof(buf));
	CHECK(!strcmp(buf, "4104"));
}

TEST(percentiles)
{
	struct perf_samples s = { 0 };
	struct perf_row row;

	for (int i = 10; i >= 1; i--)
		CHECK(!perf_samples_add(&s, i * 1e-6));
	perf_row_init(&row, "dynamic", "registered", "ta-idle", 4096, "");
	perf_row_stats(&row, &s);
	EXPECT(row.n == 10);
	EXPECT(row.med_us > 5.49 && row.med_us < 5.51);
	EXPECT(row.p10_us > 1.99 && row.p10_us < 2.01);
	EXPECT(row.p90_us > 8.99 && row.p90_us < 9.01);
	perf_samples_free(&s);
	perf_row_stats(&row, &s);
	EXPECT(row.n == 0);
}

TEST(csv_round_trip)
{
	char path[] = "/tmp/softee-perf-test-XXXXXX";
	struct perf_results r = { 0 };
	struct perf_row a, b;
	FILE *f;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	f = fdopen(fd, "w");
	CHECK(f);
	perf_row_init(&a, "static", "temp", "ta-touch", 1 << 20, "a,b\nc");
	a.med_us = 12.5;
	a.p10_us = 10;
	a.p90_us = 20;
	a.n = 7;
	perf_row_init(&b, "dynamic", "malloc", "register-first", 4096,
		      "n/a: driver lacks REG_MEM");
	perf_csv_header(f);
	perf_csv_row(f, &a);
	perf_csv_row(f, &b);
	fputs("garbage line\n", f);
	fclose(f);
	EXPECT(!perf_results_load(&r, path));
	unlink(path);
	CHECK(r.n == 2);
	EXPECT(!strcmp(r.rows[0].note, "a;b;c"));
	EXPECT(r.rows[0].n == 7 && r.rows[0].med_us == 12.5);
	EXPECT(r.rows[1].n == 0 && r.rows[1].size == 4096);
	EXPECT(perf_results_find(&r, "dynamic", "malloc", "register-first", 4096) ==
	       &r.rows[1]);
	EXPECT(!perf_results_find(&r, "dynamic", "malloc", "register-first", 8192));
	perf_results_free(&r);
}

TEST(pass_unaligned)
{
	unsigned char *buf = calloc(1, 3 + 68 + 4);
	uint64_t w;

	CHECK(buf);
	softee_bench_pass(buf + 3, 64 + 4);	/* 8 whole words, 4 bytes left */
	softee_bench_pass(buf + 3, 64 + 4);
	memcpy(&w, buf + 3, 8);
	EXPECT(w == 2);
	memcpy(&w, buf + 3 + 56, 8);
	EXPECT(w == 2);
	/* The tail shorter than a word and the bytes around stay untouched. */
	EXPECT(buf[0] == 0 && buf[2] == 0 && buf[3 + 64] == 0 && buf[3 + 67] == 0);
	EXPECT(buf[3 + 68] == 0);
	free(buf);
}

static void add_row(struct perf_results *r, const char *mode,
		    const char *measure, uint64_t size, double us)
{
	struct perf_row row;

	perf_row_init(&row, "dynamic", mode, measure, size, "");
	row.med_us = row.p10_us = row.p90_us = us;
	row.n = 5;
	perf_results_add(r, &row);
}

/* Synthetic results: (a) PASS, (b) MISS, (c) PASS, (d) not measured. */
TEST(verdicts)
{
	const uint64_t sizes[] = { 4096, 16ULL << 20 };
	struct perf_report_cfg c = { sizes, 2, "m", "d", "softee perf shm", "", "" };
	struct perf_results r = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	add_row(&r, "registered", "ta-idle", 4096, 10);
	add_row(&r, "registered", "ta-idle", 16ULL << 20, 100);
	add_row(&r, "registered", "ta-idle-ref", 16ULL << 20, 10);
	add_row(&r, "registered", "ta-touch", 16ULL << 20, 1000);
	add_row(&r, "registered", "native", 16ULL << 20, 850);
	add_row(&r, "malloc", "register-first", 16ULL << 20, 1400);
	add_row(&r, "malloc", "register-cold", 16ULL << 20, 5000);
	add_row(&r, "baseline", "memcpy", 16ULL << 20, 1000);
	f = open_memstream(&text, &len);
	CHECK(f);
	perf_report_text(f, &r, &c);
	fclose(f);
	/* (a): the pass alone, 850 / (1000 - 100); the raw invoke is 0.85x. */
	EXPECT(strstr(text, "(a) PASS"));
	EXPECT(strstr(text, "0.94x (at 16M)"));
	/* (b): paired with the 4K reference measured in turn. */
	EXPECT(strstr(text, "(b) MISS"));
	EXPECT(strstr(text, "10.00x (at 16M)"));
	EXPECT(strstr(text, "(c) PASS"));
	EXPECT(strstr(text, "(d) n/a"));
	EXPECT(strstr(text, "nothing prepared vs the same memcpy: 5.00x"));
	free(text);
	perf_results_free(&r);
}


TEST(rec_csv_round_trip)
{
	char path[] = "/tmp/softee-perf-rec-XXXXXX";
	struct perf_recs rs = { 0 };
	struct perf_samples s = { 0 };
	struct perf_rec a, b;
	FILE *f;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	f = fdopen(fd, "w");
	CHECK(f);
	for (int i = 1; i <= 100; i++)
		CHECK(!perf_samples_add(&s, i * 1e-6));
	perf_rec_init(&a, "sthreads=4", "null-invoke", 16, "x,y");
	perf_rec_stats(&a, &s);
	a.rate = 1234.5;
	snprintf(a.unit, sizeof(a.unit), "ops/s");
	perf_rec_init(&b, "dynamic", "open-new", 0, "OpenSession failed");
	perf_rec_csv_header(f);
	perf_rec_csv(f, &a);
	perf_rec_csv(f, &b);
	fputs("dynamic,null,notanumber,,,,,0,,,\n", f);	/* bad x: skipped */
	fputs("a,b,1,2,3\n", f);				/* too few fields */
	fclose(f);
	EXPECT(!perf_recs_load(&rs, path));
	unlink(path);
	perf_samples_free(&s);
	CHECK(rs.n == 2);
	EXPECT(rs.v[0].n == 100 && rs.v[0].x == 16);
	EXPECT(fabs(rs.v[0].med_us - 50.5) < 0.01);
	EXPECT(fabs(rs.v[0].p99_us - 99) < 0.01);
	EXPECT(fabs(rs.v[0].rate - 1234.5) < 0.01 && !strcmp(rs.v[0].unit, "ops/s"));
	EXPECT(!strcmp(rs.v[0].note, "x;y"));
	EXPECT(rs.v[1].n == 0 && rs.v[1].rate == 0);
	EXPECT(perf_recs_find(&rs, "dynamic", "open-new", 0) == &rs.v[1]);
	EXPECT(!perf_recs_find(&rs, "dynamic", "open-new", 1));
	perf_recs_free(&rs);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 65536);

	if (f && buf)
		buf[fread(buf, 1, 65535, f)] = 0;
	if (f)
		fclose(f);
	return buf;
}

/* Sections are replaced in place, added in their order, others kept. */
TEST(doc_sections)
{
	char dir[] = "/tmp/softee-perf-doc-XXXXXX", path[64];
	char *text = NULL;
	const char *a, *b, *c;

	CHECK(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/performance.md", dir);
	EXPECT(!perf_doc_update(path, "soak", "## soak\nfirst soak\n"));
	EXPECT(!perf_doc_update(path, "null", "## null\nnull body\n"));
	EXPECT(!perf_doc_update(path, "zzz", "## zzz\nan unknown one\n"));
	EXPECT(!perf_doc_update(path, "soak", "## soak\nsecond soak"));
	text = read_all(path);
	CHECK(text);
	a = strstr(text, "null body");
	b = strstr(text, "second soak");
	c = strstr(text, "an unknown one");
	EXPECT(strstr(text, "# softee performance"));
	EXPECT(a && b && c && a < b && b < c);
	EXPECT(!strstr(text, "first soak"));
	free(text);
	/* A damaged section (no end marker) and what follows it are dropped. */
	{
		FILE *f = fopen(path, "a");

		CHECK(f);
		fputs("<!-- softee-perf section shm -->\n## shm\nbroken\n", f);
		fclose(f);
	}
	EXPECT(!perf_doc_update(path, "scale", "## scale\nscale body\n"));
	text = read_all(path);
	CHECK(text);
	EXPECT(strstr(text, "scale body") && strstr(text, "null body"));
	EXPECT(!strstr(text, "broken"));
	free(text);
	unlink(path);
	rmdir(dir);
}

TEST(durations_and_tables)
{
	struct perf_table t;
	static const char *const heads[] = { "a", "bb", NULL };
	char cell[PERF_CELL], *text = NULL;
	size_t len = 0;
	double d;
	FILE *f;

	EXPECT(!perf_parse_duration("30m", &d) && d == 1800);
	EXPECT(!perf_parse_duration("20s", &d) && d == 20);
	EXPECT(!perf_parse_duration("2h", &d) && d == 7200);
	EXPECT(!perf_parse_duration("90", &d) && d == 90);
	EXPECT(perf_parse_duration("0", &d));
	EXPECT(perf_parse_duration("-5m", &d));
	EXPECT(perf_parse_duration("5x", &d));
	EXPECT(perf_parse_duration("9999h", &d));
	perf_fmt_ratio(cell, 3, 2);
	EXPECT(!strcmp(cell, "1.50x"));
	perf_fmt_ratio(cell, 1, 0);
	EXPECT(!strcmp(cell, "n/a"));
	CHECK(!perf_table_init(&t, "title", heads));
	for (int i = 0; i < 40; i++) {
		char (*row)[PERF_CELL] = perf_table_row(&t);

		CHECK(row);
		snprintf(row[0], PERF_CELL, "r%d", i);
		snprintf(row[1], PERF_CELL, "%d", i * i);
	}
	f = open_memstream(&text, &len);
	CHECK(f);
	perf_table_print(f, true, &t);
	fclose(f);
	EXPECT(strstr(text, "| a | bb |"));
	EXPECT(strstr(text, "| r39 | 1521 |"));
	free(text);
	perf_table_free(&t);
}

/* The soak verdict: flat, growing, and too short to judge. */
TEST(soak_verdict)
{
	double t[100], flat[100], grow[100];
	struct perf_soak_verdict v;

	for (int i = 0; i < 100; i++) {
		t[i] = i * 10;
		/* Warm-up growth, then flat with noise. */
		flat[i] = i < 5 ? 1000 + i * 500 : 20000 + (i % 3) * 100;
		grow[i] = 20000 + i * 100;	/* +10 MiB over the run */
	}
	CHECK(!perf_soak_verdict(t, flat, 100, &v));
	EXPECT(v.judged && v.flat);
	EXPECT(fabs(v.slope_kb_min) < 50);
	CHECK(!perf_soak_verdict(t, grow, 100, &v));
	EXPECT(v.judged && !v.flat);
	EXPECT(v.last_kb > v.first_kb + 5000);
	EXPECT(fabs(v.slope_kb_min - 600) < 1);
	EXPECT(perf_soak_verdict(t, flat, 6, &v));
}

int main(void)
{
	RUN(sizes);
	RUN(percentiles);
	RUN(csv_round_trip);
	RUN(pass_unaligned);
	RUN(verdicts);
	RUN(rec_csv_round_trip);
	RUN(doc_sections);
	RUN(durations_and_tables);
	RUN(soak_verdict);
	return testlib_summary();
}
