/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the secure world's frame table and carve-out memory objects. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "frame_table.h"
#include "mobj.h"
#include "sw_config.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

#define CB SOFTEE_CARVEOUT_DEFAULT_BASE
#define FR SOFTEE_FRAME_SIZE

static int mkfd(uint64_t frames, bool seal)
{
	int fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return -1;
	if (ftruncate(fd, (off_t)(frames * FR)) < 0)
		return -1;
	if (seal && fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) < 0)
		return -1;
	return fd;
}

static int add(uint64_t id, uint64_t frames, const struct softee_pa_extent *e,
	       uint32_t n, int *fdp)
{
	int fd = mkfd(frames, true);
	int rc = ft_region_add(0, id, fd, 0, frames, e, n);

	if (rc)
		close(fd);
	if (fdp)
		*fdp = fd;
	return rc;
}

TEST(region_add_and_resolve_scattered_frames_into_runs)
{
	/* 3 frames: PA CB+2F, CB+0F, CB+1F in that order */
	struct softee_pa_extent e[] = { { CB + 2 * FR, 1 }, { CB, 2 } };
	struct ft_run *runs;
	size_t n;

	ft_fini();
	CHECK_EQ_U(add(1, 3, e, 2, NULL), 0);
	/* [CB + 100, CB + 3F - 1): frames 1,2 of the region then frame 0 */
	CHECK_EQ_U(ft_resolve(CB + 100, 3 * FR - 200, &runs, &n), 0);
	CHECK_EQ_U(n, 2);
	CHECK_EQ_U(runs[0].first_frame, 1);
	CHECK_EQ_U(runs[0].nframes, 2);
	CHECK_EQ_U(runs[1].first_frame, 0);
	CHECK_EQ_U(runs[1].nframes, 1);
	ft_runs_put(runs, n);
	ft_fini();
}

TEST(overlapping_region_is_refused)
{
	struct softee_pa_extent a[] = { { CB, 4 } }, b[] = { { CB + 3 * FR, 2 } };
	struct softee_pa_extent self[] = { { CB + 8 * FR, 2 }, { CB + 9 * FR, 1 } };

	ft_fini();
	CHECK_EQ_U(add(1, 4, a, 1, NULL), 0);
	CHECK_EQ_U(add(2, 2, b, 1, NULL), (uint64_t)-EBUSY);
	CHECK_EQ_U(add(3, 3, self, 2, NULL), (uint64_t)-EBUSY);
	/* A refused region leaves none of its frames behind. */
	CHECK_EQ_U(add(4, 2, (struct softee_pa_extent[]){ { CB + 5 * FR, 1 },
							  { CB + 2 * FR, 1 } },
		       2, NULL), (uint64_t)-EBUSY);
	CHECK(!ft_range_ok(CB + 5 * FR, 1));
	CHECK(!ft_range_ok(CB + 8 * FR, 1));
	CHECK(!ft_range_ok(CB + 9 * FR, 1));
	CHECK(ft_range_ok(CB + 3 * FR, 1));
	CHECK_EQ_U(add(3, 3, (struct softee_pa_extent[]){ { CB + 8 * FR, 3 } },
		       1, NULL), 0);
	CHECK_EQ_U(add(1, 2, (struct softee_pa_extent[]){ { CB + 20 * FR, 2 } },
		       1, NULL), (uint64_t)-EEXIST);
	ft_fini();
}

TEST(unannounced_pa_is_invalid)
{
	struct softee_pa_extent a[] = { { CB, 2 } };
	struct ft_run *runs;
	size_t n;
	uint8_t b[16];

	ft_fini();
	CHECK_EQ_U(add(1, 2, a, 1, NULL), 0);
	CHECK_EQ_U(ft_resolve(CB + FR, FR + 1, &runs, &n), (uint64_t)-EFAULT);
	CHECK_EQ_U(ft_copy_from(CB + 2 * FR - 8, b, 16), (uint64_t)-EFAULT);
	CHECK(!ft_range_ok(CB + 2 * FR, 1));
	CHECK(ft_range_ok(CB, 2 * FR));
	ft_fini();
}

TEST(region_checks_seals_size_alignment_window_and_sum)
{
	struct softee_pa_extent ok[] = { { CB, 2 } };
	int fd;

	ft_fini();
	fd = mkfd(2, false);
	CHECK_EQ_U(ft_region_add(0, 1, fd, 0, 2, ok, 1), (uint64_t)-EPERM);
	close(fd);
	fd = mkfd(1, true);
	CHECK_EQ_U(ft_region_add(0, 1, fd, 0, 2, ok, 1), (uint64_t)-EINVAL);
	close(fd);
	CHECK_EQ_U(add(1, 2, (struct softee_pa_extent[]){ { CB + 1, 2 } }, 1, NULL),
		   (uint64_t)-EINVAL);
	CHECK_EQ_U(add(1, 2, (struct softee_pa_extent[]){ { 0x1000, 2 } }, 1, NULL),
		   (uint64_t)-EFAULT);
	CHECK_EQ_U(add(1, 2, (struct softee_pa_extent[]){ { CB, 3 } }, 1, NULL),
		   (uint64_t)-EINVAL);
	CHECK_EQ_U(add(1, 2, (struct softee_pa_extent[]){ { UINT64_MAX & ~0xfffULL, 2 } },
		       1, NULL), (uint64_t)-EFAULT);
	/* DDR is the sender's space too */
	CHECK_EQ_U(add(1, 2, (struct softee_pa_extent[]){ { SOFTEE_DDR_BASE, 2 } },
		       1, NULL), 0);
	ft_fini();
}

TEST(copy_crosses_region_boundaries)
{
	struct softee_pa_extent a[] = { { CB, 1 } }, b[] = { { CB + FR, 1 } };
	uint8_t in[64], out[64];

	ft_fini();
	CHECK_EQ_U(add(1, 1, a, 1, NULL), 0);
	CHECK_EQ_U(add(2, 1, b, 1, NULL), 0);
	for (int i = 0; i < 64; i++)
		in[i] = (uint8_t)i;
	CHECK_EQ_U(ft_copy_to(CB + FR - 32, in, 64), 0);
	CHECK_EQ_U(ft_copy_from(CB + FR - 32, out, 64), 0);
	CHECK(!memcmp(in, out, 64));
	ft_fini();
}

TEST(deleted_region_stays_mapped_while_referenced)
{
	struct softee_pa_extent a[] = { { CB, 1 } };
	struct mobj *m;
	uint8_t v = 0x5a, r = 0;
	uint64_t regions, frames;

	ft_fini();
	CHECK_EQ_U(add(1, 1, a, 1, NULL), 0);
	CHECK_EQ_U(ft_copy_to(CB + 10, &v, 1), 0);
	CHECK_EQ_U(mobj_tmem_get(CB + 10, 1, &m), 0);
	CHECK_EQ_U(ft_region_del(0, 1), 0);
	CHECK_EQ_U(ft_region_del(0, 1), (uint64_t)-ENOENT);
	ft_stats(&regions, &frames);
	CHECK_EQ_U(regions, 0);
	CHECK(ft_region_gone(m->runs[0].r));
	CHECK_EQ_U(mobj_read(m, 0, &r, 1), 0);
	CHECK_EQ_U(r, 0x5a);
	CHECK(!ft_range_ok(CB, 1));
	mobj_put(m);
	ft_fini();
}

TEST(tmem_outside_carveout_is_refused)
{
	struct softee_pa_extent a[] = { { SOFTEE_DDR_BASE, 1 } };
	struct mobj *m;

	ft_fini();
	CHECK_EQ_U(add(1, 1, a, 1, NULL), 0);
	CHECK_EQ_U(mobj_tmem_get(SOFTEE_DDR_BASE, 16, &m), (uint64_t)-EFAULT);
	CHECK_EQ_U(mobj_tmem_get(CB + SOFTEE_CARVEOUT_DEFAULT_SIZE - 8, 16, &m),
		   (uint64_t)-EFAULT);
	ft_fini();
}

TEST(drop_vm_removes_all_its_regions)
{
	uint64_t regions, frames;

	ft_fini();
	CHECK_EQ_U(add(1, 1, (struct softee_pa_extent[]){ { CB, 1 } }, 1, NULL), 0);
	CHECK_EQ_U(add(2, 3, (struct softee_pa_extent[]){ { CB + FR, 3 } }, 1, NULL), 0);
	ft_stats(&regions, &frames);
	CHECK_EQ_U(regions, 2);
	CHECK_EQ_U(frames, 4);
	ft_drop_vm(0);
	ft_stats(&regions, &frames);
	CHECK_EQ_U(regions, 0);
	CHECK_EQ_U(frames, 0);
}

TEST(interleaved_scattered_regions_resolve_frame_by_frame)
{
	static struct softee_pa_extent even[256], odd[256];
	struct ft_run *runs;
	size_t n;

	ft_fini();
	for (int i = 0; i < 256; i++) {
		even[i] = (struct softee_pa_extent){ CB + (uint64_t)(2 * i) * FR, 1 };
		/* odd frames announced in reverse order */
		odd[i] = (struct softee_pa_extent){ CB + (uint64_t)(511 - 2 * i) * FR, 1 };
	}
	CHECK_EQ_U(add(1, 256, even, 256, NULL), 0);
	CHECK_EQ_U(add(2, 256, odd, 256, NULL), 0);
	CHECK(ft_range_ok(CB, 512 * FR));
	CHECK_EQ_U(ft_resolve(CB, 512 * FR, &runs, &n), 0);
	CHECK_EQ_U(n, 512);
	for (size_t i = 0; i < n; i++) {
		uint64_t want = i % 2 ? 255 - i / 2 : i / 2;

		if (runs[i].first_frame != want || runs[i].nframes != 1) {
			TEST_FAILF("run %zu: frame %llu", i,
				   (unsigned long long)runs[i].first_frame);
			break;
		}
	}
	ft_runs_put(runs, n);
	ft_fini();
}

/* Frame lookups (the per-frame hash) agree with the extents, across deletes. */
TEST(frame_lookup_survives_many_scattered_regions_and_deletes)
{
	enum { NR = 6, PER = 700 };
	static struct softee_pa_extent e[NR][PER];
	struct ft_region *r;
	uint64_t frame;

	ft_fini();
	/* Region k owns frames k, k + NR, k + 2 NR... of DDR, in reverse. */
	for (int k = 0; k < NR; k++) {
		for (int i = 0; i < PER; i++)
			e[k][i] = (struct softee_pa_extent){
				SOFTEE_DDR_BASE + ((uint64_t)(PER - 1 - i) * NR + k) * FR, 1 };
		CHECK_EQ_U(add(10 + k, PER, e[k], PER, NULL), 0);
	}
	for (int k = 1; k < NR; k += 2)
		CHECK_EQ_U(ft_region_del(0, 10 + k), 0);
	ft_lock();
	for (int k = 0; k < NR; k++) {
		for (int i = 0; i < PER; i += 7) {
			int rc = ft_lookup_locked(0, e[k][i].pa, &r, &frame);

			if (k & 1) {
				EXPECT_EQ_U(rc, (uint64_t)-EFAULT);
				continue;
			}
			EXPECT_EQ_U(rc, 0);
			if (!rc) {
				EXPECT_EQ_U(r->region_id, 10 + k);
				EXPECT_EQ_U(frame, i);
			}
		}
	}
	/* other VM, misaligned, unannounced */
	EXPECT_EQ_U(ft_lookup_locked(1, e[0][0].pa, &r, &frame), (uint64_t)-EFAULT);
	EXPECT_EQ_U(ft_lookup_locked(0, e[0][0].pa + 8, &r, &frame),
		    (uint64_t)-EFAULT);
	EXPECT_EQ_U(ft_lookup_locked(0, SOFTEE_DDR_BASE + NR * PER * FR, &r,
				     &frame), (uint64_t)-EFAULT);
	ft_unlock();
	/* the freed PAs can be announced again */
	CHECK_EQ_U(add(11, PER, e[1], PER, NULL), 0);
	ft_lock();
	EXPECT_EQ_U(ft_lookup_locked(0, e[1][5].pa, &r, &frame), 0);
	EXPECT_EQ_U(frame, 5);
	ft_unlock();
	ft_fini();
}

int main(void)
{
	ft_init();
	RUN(region_add_and_resolve_scattered_frames_into_runs);
	RUN(overlapping_region_is_refused);
	RUN(unannounced_pa_is_invalid);
	RUN(region_checks_seals_size_alignment_window_and_sum);
	RUN(copy_crosses_region_boundaries);
	RUN(deleted_region_stays_mapped_while_referenced);
	RUN(tmem_outside_carveout_is_refused);
	RUN(drop_vm_removes_all_its_regions);
	RUN(interleaved_scattered_regions_resolve_frame_by_frame);
	RUN(frame_lookup_survives_many_scattered_regions_and_deletes);
	return testlib_summary();
}
