// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests for the DDR frame allocator: scatter, contiguous mode, granule alignment, exhaustion and speed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tee_drv.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static int cmp_pa(const void *a, const void *b)
{
	paddr_t x = *(const paddr_t *)a, y = *(const paddr_t *)b;

	return x < y ? -1 : x > y;
}

/* Every frame in range, frame aligned, no PA handed out twice. */
static int frames_sane(const paddr_t *f, uint64_t n, paddr_t base, uint64_t size)
{
	paddr_t *c = malloc(n * sizeof(*c));
	uint64_t i;
	int ok = 1;

	if (!c)
		return 0;
	memcpy(c, f, n * sizeof(*c));
	qsort(c, n, sizeof(*c), cmp_pa);
	for (i = 0; i < n; i++) {
		if (c[i] < base || c[i] >= base + size || (c[i] & 0xfff) ||
		    (i && c[i] == c[i - 1]))
			ok = 0;
	}
	free(c);
	return ok;
}

TEST(scattered_frames_are_unique_in_range_and_not_contiguous)
{
	struct tee_frames *fa;
	paddr_t f[256];
	uint64_t i, breaks = 0;

	CHECK(!tee_frames_init(SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE, 4096, false, 1,
			       &fa));
	CHECK(!tee_frames_alloc(fa, 256, f));
	EXPECT(frames_sane(f, 256, SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE));
	for (i = 1; i < 256; i++)
		if (f[i] != f[i - 1] + 4096)
			breaks++;
	/* A real kernel rarely hands out neighbours: nearly all runs break. */
	EXPECT(breaks > 200);
	EXPECT_EQ_U(tee_frames_used(fa), 256);
	tee_frames_free(fa, f, 256);
	EXPECT_EQ_U(tee_frames_used(fa), 0);
	tee_frames_fini(fa);
}

TEST(contiguous_mode_gives_one_run)
{
	struct tee_frames *fa;
	paddr_t f[64], g[64];
	uint64_t i;

	CHECK(!tee_frames_init(SOFTEE_DDR_BASE, 1ULL << 30, 16384, true, 1, &fa));
	CHECK(!tee_frames_alloc(fa, 64, f));
	for (i = 1; i < 64; i++)
		EXPECT_EQ_U(f[i], f[i - 1] + 4096);
	EXPECT_EQ_U(f[0] % 16384, 0);
	CHECK(!tee_frames_alloc(fa, 64, g));
	EXPECT(g[0] >= f[63] + 4096 || g[63] < f[0]);
	tee_frames_free(fa, f, 64);
	tee_frames_free(fa, g, 64);
	EXPECT_EQ_U(tee_frames_used(fa), 0);
	tee_frames_fini(fa);
}

TEST(granule_pages_are_aligned_runs_of_4k_frames)
{
	static const uint64_t gs[] = { 16384, 65536 };
	size_t k;

	for (k = 0; k < 2; k++) {
		uint64_t g = gs[k], fpp = g / 4096, i;
		struct tee_frames *fa;
		paddr_t f[32 * 16];

		CHECK(!tee_frames_init(SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE, g, false,
				       7, &fa));
		/* Not a whole number of pages: refused. */
		EXPECT(tee_frames_alloc(fa, fpp + 1, f) == -EINVAL);
		CHECK(!tee_frames_alloc(fa, 32 * fpp, f));
		for (i = 0; i < 32 * fpp; i++) {
			if (i % fpp == 0)
				EXPECT_EQ_U(f[i] % g, 0);
			else
				EXPECT_EQ_U(f[i], f[i - 1] + 4096);
		}
		EXPECT(frames_sane(f, 32 * fpp, SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE));
		tee_frames_free(fa, f, 32 * fpp);
		tee_frames_fini(fa);
	}
}

TEST(exhaustion_refuses_then_reuse_after_free)
{
	struct tee_frames *fa;
	paddr_t f[16], g[16];

	/* 16 pages of 64 KiB = 256 frames in all. */
	CHECK(!tee_frames_init(SOFTEE_DDR_BASE, 16 * 65536, 65536, false, 3, &fa));
	CHECK_EQ_U(tee_frames_total(fa), 256);
	{
		paddr_t *all = malloc(256 * sizeof(*all));

		CHECK(all);
		CHECK(!tee_frames_alloc(fa, 256, all));
		EXPECT(frames_sane(all, 256, SOFTEE_DDR_BASE, 16 * 65536));
		EXPECT(tee_frames_alloc(fa, 16, f) == -ENOMEM);
		tee_frames_free(fa, all, 16);	/* one page back */
		CHECK(!tee_frames_alloc(fa, 16, g));
		EXPECT_EQ_U(g[0], all[0]);
		tee_frames_free(fa, g, 16);
		tee_frames_free(fa, all, 256);
		free(all);
	}
	EXPECT_EQ_U(tee_frames_used(fa), 0);
	/* Frames never handed out are ignored, not double freed. */
	f[0] = SOFTEE_DDR_BASE;
	tee_frames_free(fa, f, 16);
	EXPECT_EQ_U(tee_frames_used(fa), 0);
	tee_frames_fini(fa);
}

TEST(bad_geometry_refused)
{
	struct tee_frames *fa;

	EXPECT(tee_frames_init(SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE, 2048, false, 1, &fa) == -EINVAL);
	EXPECT(tee_frames_init(SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE, 12288, false, 1, &fa) == -EINVAL);
	EXPECT(tee_frames_init(SOFTEE_DDR_BASE + 4096, SOFTEE_DDR_SIZE, 65536, false, 1, &fa) == -EINVAL);
	EXPECT(tee_frames_init(SOFTEE_DDR_BASE, 3 * 4096, 4096, false, 1, &fa) == -EINVAL);
}

TEST(one_gib_allocation_is_fast)
{
	uint64_t n = (1ULL << 30) / 4096;
	paddr_t *f = malloc(n * sizeof(*f));
	struct tee_frames *fa;
	struct timespec a, b;
	double s;

	CHECK(f);
	CHECK(!tee_frames_init(SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE, 4096, false, 9, &fa));
	clock_gettime(CLOCK_MONOTONIC, &a);
	EXPECT(!tee_frames_alloc(fa, n, f));
	tee_frames_free(fa, f, n);
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	EXPECT(s < 2.0);
	EXPECT_EQ_U(tee_frames_used(fa), 0);
	tee_frames_fini(fa);
	free(f);
}

int main(void)
{
	RUN(scattered_frames_are_unique_in_range_and_not_contiguous);
	RUN(contiguous_mode_gives_one_run);
	RUN(granule_pages_are_aligned_runs_of_4k_frames);
	RUN(exhaustion_refuses_then_reuse_after_free);
	RUN(bad_geometry_refused);
	RUN(one_gib_allocation_is_fast);
	return testlib_summary();
}
