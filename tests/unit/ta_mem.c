// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests of region bookkeeping and memref windows (ta/host/ta_mem.c). */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ta_mem.h"
#include "testlib.h"
#include "util.h"

TESTLIB_DEFINE_STATE;

static unsigned char msgbuf[sizeof(struct softee_ta_hdr) +
			    sizeof(struct softee_ta_call) +
			    4 * sizeof(struct softee_ta_run)];

static int parse_call(struct softee_ta_call *c, const struct softee_ta_run *runs,
		      uint32_t n, struct ta_msg *m)
{
	struct softee_ta_hdr h = { SOFTEE_TA_MAGIC, SOFTEE_TA_INVOKE, 0, 1 };

	c->n_runs = n;
	h.len = (uint32_t)(sizeof(*c) + n * sizeof(*runs));
	memcpy(msgbuf, &h, sizeof(h));
	memcpy(msgbuf + sizeof(h), c, sizeof(*c));
	memcpy(msgbuf + sizeof(h) + sizeof(*c), runs, n * sizeof(*runs));
	return ta_msg_parse(msgbuf, sizeof(h) + h.len, 0, m);
}

/* A memfd of n pages whose page i is filled with byte 'A' + i. */
static int pattern_memfd(unsigned int n)
{
	unsigned char page[4096];
	unsigned int i;
	int fd = softee_memfd("t", (uint64_t)n * 4096);

	for (i = 0; fd >= 0 && i < n; i++) {
		memset(page, 'A' + i, sizeof(page));
		if (pwrite(fd, page, sizeof(page), (off_t)i * 4096) != 4096)
			return -1;
	}
	return fd;
}

TEST(runs_from_two_regions_land_back_to_back)
{
	struct ta_regions r = { 0 };
	struct softee_ta_call c = { .param_types = 7 };
	struct softee_ta_run runs[3] = { { 10, 8192, 4096 }, { 20, 0, 8192 },
					 { 10, 0, 4096 } };
	struct ta_window w;
	struct ta_msg m;
	unsigned char *b;
	void *buf;

	CHECK(ta_regions_give(&r, 10, pattern_memfd(3)) == 0);	/* A B C */
	CHECK(ta_regions_give(&r, 20, pattern_memfd(2)) == 0);	/* A B */
	c.params[0].memref = (struct softee_ta_memref){ 4 * 4096 - 10, 10, 0, 3 };
	CHECK(parse_call(&c, runs, 3, &m) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
	b = buf;
	EXPECT_EQ_U(b[0], 'C');
	EXPECT_EQ_U(b[4096 - 10], 'A');
	EXPECT_EQ_U(b[2 * 4096 - 10], 'B');
	EXPECT_EQ_U(b[3 * 4096 - 10], 'A');
	/* Writes reach the region: the mapping is shared, not a copy. */
	b[3 * 4096 - 10] = 'z';
	ta_window_unmap(&w);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
	EXPECT_EQ_U(((unsigned char *)buf)[3 * 4096 - 10], 'z');
	ta_window_unmap(&w);
	ta_regions_free(&r);
}

TEST(unknown_handle_and_run_past_end_fail_cleanly)
{
	struct ta_regions r = { 0 };
	struct softee_ta_call c = { .param_types = 5 };
	struct softee_ta_run run = { 10, 4096, 8192 };
	struct ta_window w;
	struct ta_msg m;
	void *buf;

	CHECK(ta_regions_give(&r, 10, pattern_memfd(2)) == 0);
	c.params[0].memref = (struct softee_ta_memref){ 1, 0, 0, 1 };
	CHECK(parse_call(&c, &run, 1, &m) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == -ERANGE);
	CHECK(w.base == NULL && buf == NULL);
	run.handle = 11;
	CHECK(parse_call(&c, &run, 1, &m) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == -ENOENT);
	ta_regions_free(&r);
}

TEST(region_drop_and_replace)
{
	struct ta_regions r = { 0 };

	CHECK(ta_regions_give(&r, 1, pattern_memfd(1)) == 0);
	CHECK(ta_regions_give(&r, 2, pattern_memfd(1)) == 0);
	CHECK(ta_regions_give(&r, 1, pattern_memfd(2)) == 0);
	CHECK_EQ_U(r.n, 2);
	CHECK(ta_regions_drop(&r, 1) == 0);
	CHECK(ta_regions_drop(&r, 1) == -ENOENT);
	CHECK(ta_regions_find(&r, 2) != NULL);
	CHECK(ta_regions_give(&r, 3, -1) == -EBADF);
	ta_regions_free(&r);
}

/* One single-run memref of handle h: len bytes at file offset off. */
static int one_run(struct softee_ta_call *c, struct ta_msg *m, uint64_t h,
		   uint64_t off, uint64_t len)
{
	struct softee_ta_run run = { h, off, len };

	c->param_types = 7;
	c->params[0].memref = (struct softee_ta_memref){ len, 0, 0, 1 };
	return parse_call(c, &run, 1, m);
}

TEST(windows_are_cached_across_calls_and_slices_reuse_them)
{
	struct ta_regions r = { 0 };
	struct softee_ta_call c = { 0 };
	struct ta_window w, w2;
	struct ta_msg m;
	void *buf, *buf2, *first;

	CHECK(ta_regions_give(&r, 10, pattern_memfd(4)) == 0);
	CHECK(one_run(&c, &m, 10, 0, 4 * 4096) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
	first = buf;
	ta_window_unmap(&w);
	EXPECT_EQ_U(r.misses, 1);
	EXPECT_EQ_U(r.cache_n, 1);
	/* The same buffer again: same address, no new mapping. */
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
	EXPECT(buf == first);
	EXPECT_EQ_U(r.hits, 1);
	/* A slice inside it, while the first is still in use. */
	CHECK(one_run(&c, &m, 10, 8192, 4096) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w2, &buf2) == 0);
	EXPECT(buf2 == (char *)first + 8192);
	EXPECT_EQ_U(*(unsigned char *)buf2, 'C');
	EXPECT_EQ_U(r.hits, 2);
	ta_window_unmap(&w2);
	ta_window_unmap(&w);
	EXPECT_EQ_U(r.cache_n, 1);
	ta_regions_free(&r);
}

TEST(region_drop_unmaps_cached_windows_even_in_use)
{
	struct ta_regions r = { 0 };
	struct softee_ta_call c = { 0 };
	struct ta_window w;
	struct ta_msg m;
	void *buf;

	CHECK(ta_regions_give(&r, 10, pattern_memfd(2)) == 0);
	CHECK(ta_regions_give(&r, 11, pattern_memfd(2)) == 0);
	CHECK(one_run(&c, &m, 10, 0, 8192) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
	ta_window_unmap(&w);
	CHECK(one_run(&c, &m, 11, 0, 4096) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
	EXPECT_EQ_U(r.cache_n, 2);
	CHECK(ta_regions_drop(&r, 10) == 0);
	EXPECT_EQ_U(r.cache_n, 1);
	EXPECT_EQ_U(r.cache_bytes, 4096);
	/* 11 dropped during its call: the window lives until released. */
	CHECK(ta_regions_drop(&r, 11) == 0);
	EXPECT(r.cache == NULL);
	EXPECT_EQ_U(*(unsigned char *)buf, 'A');
	ta_window_unmap(&w);
	EXPECT_EQ_U(r.cache_n, 0);
	EXPECT_EQ_U(r.cache_bytes, 0);
	/* a dropped handle is not found, even through the cache */
	CHECK(one_run(&c, &m, 10, 0, 8192) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == -ENOENT);
	ta_regions_free(&r);
}

TEST(cache_is_bounded_and_evicts_least_recently_used)
{
	struct ta_regions r = { 0 };
	struct softee_ta_call c = { 0 };
	struct ta_window w;
	struct ta_msg m;
	void *buf;

	CHECK(ta_regions_give(&r, 1, pattern_memfd(TA_WCACHE_MAX_ENTRIES + 8)) == 0);
	for (uint64_t i = 0; i < TA_WCACHE_MAX_ENTRIES + 8; i++) {
		CHECK(one_run(&c, &m, 1, i * 4096, 4096) == 0);
		CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
		EXPECT_EQ_U(*(unsigned char *)buf, 'A' + (i & 0xff));
		ta_window_unmap(&w);
	}
	EXPECT_EQ_U(r.cache_n, TA_WCACHE_MAX_ENTRIES);
	/* the newest is still there, the oldest is not */
	r.hits = r.misses = 0;
	CHECK(one_run(&c, &m, 1, (TA_WCACHE_MAX_ENTRIES + 7) * 4096, 4096) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
	ta_window_unmap(&w);
	CHECK(one_run(&c, &m, 1, 0, 4096) == 0);
	CHECK(ta_window_map(&r, &m, 0, true, &w, &buf) == 0);
	ta_window_unmap(&w);
	EXPECT_EQ_U(r.hits, 1);
	EXPECT_EQ_U(r.misses, 1);
	ta_regions_free(&r);
}

int main(void)
{
	RUN(runs_from_two_regions_land_back_to_back);
	RUN(unknown_handle_and_run_past_end_fail_cleanly);
	RUN(region_drop_and_replace);
	RUN(windows_are_cached_across_calls_and_slices_reuse_them);
	RUN(region_drop_unmaps_cached_windows_even_in_use);
	RUN(cache_is_bounded_and_evicts_least_recently_used);
	return testlib_summary();
}
