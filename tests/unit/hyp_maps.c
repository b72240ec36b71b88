/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the hypervisor's memory maps: the pfn hash, the host
 * frame allocator and a guest's IPA space over real memfds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host_frames.h"
#include "ipa_map.h"
#include "pfn_hash.h"
#include "testlib.h"
#include "util.h"

TESTLIB_DEFINE_STATE;

#define FR	4096ULL
#define G0	(SOFTEE_DDR_BASE + 0x40000000ULL)

TEST(pfn_hash_matches_a_reference_under_random_updates)
{
	enum { N = 5000 };
	static uint64_t ref[N];		/* 0: absent, else idx + 1 */
	struct pfn_hash h = { 0 };
	uint64_t seed = 12345;

	for (int step = 0; step < 60000; step++) {
		uint64_t k, pfn;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		k = (seed >> 33) % N;
		pfn = k * 977 + 3;	/* spread keys, some colliding homes */
		if (ref[k]) {
			pfn_hash_del(&h, pfn);
			ref[k] = 0;
		} else {
			CHECK_EQ_U(pfn_hash_reserve(&h, 1), 0);
			pfn_hash_put(&h, pfn, &ref[k], (uint64_t)step);
			ref[k] = (uint64_t)step + 1;
		}
	}
	for (uint64_t k = 0; k < N; k++) {
		const struct pfn_slot *s = pfn_hash_get(&h, k * 977 + 3);

		if (!ref[k]) {
			CHECK(!s);
			continue;
		}
		CHECK(s);
		CHECK(s->ptr == &ref[k]);
		CHECK_EQ_U(s->idx + 1, ref[k]);
	}
	CHECK(!pfn_hash_get(&h, 1));
	pfn_hash_free(&h);
}

static int cmp_pa(const void *x, const void *y)
{
	paddr_t a = *(const paddr_t *)x, b = *(const paddr_t *)y;

	return a < b ? -1 : a > b;
}

TEST(host_frames_are_unique_scattered_and_reusable)
{
	enum { N = 4096 };
	static paddr_t a[N], b[N];
	uint64_t consecutive = 0, before = hf_used();

	CHECK_EQ_U(hf_alloc(N, a), 0);
	CHECK_EQ_U(hf_used(), before + N);
	for (int i = 0; i < N; i++) {
		CHECK(a[i] >= SOFTEE_DDR_BASE &&
		      a[i] < SOFTEE_DDR_BASE + SOFTEE_DDR_SIZE);
		CHECK(softee_pa_is_frame_aligned(a[i]) && a[i] != SOFTEE_DDR_BASE);
		if (i && a[i] == a[i - 1] + FR)
			consecutive++;
	}
	/* Scattered: hardly any neighbour follows its predecessor. */
	CHECK(consecutive < N / 100);
	memcpy(b, a, sizeof(a));
	qsort(b, N, sizeof(b[0]), cmp_pa);
	for (int i = 1; i < N; i++)
		CHECK(b[i] != b[i - 1]);
	hf_free(a, N);
	CHECK_EQ_U(hf_used(), before);
	hf_free(a, 1);		/* twice: ignored */
	CHECK_EQ_U(hf_used(), before);
	CHECK_EQ_U(hf_alloc(SOFTEE_DDR_SIZE, a), -EINVAL);
}

static int sealed_memfd(uint64_t frames)
{
	int fd = softee_memfd("hyp-maps-test", frames * FR);

	return fd;
}

TEST(ipa_space_maps_guest_frames_to_own_host_frames)
{
	struct softee_pa_extent ext[2] = { { G0, 3 }, { G0 + 16 * FR, 2 } };
	struct ipa_space s;
	struct ipa_region *r;
	int fd = sealed_memfd(5);
	uint8_t *m, buf[64];
	paddr_t h, h2;
	uint64_t ipa, regions, frames;

	CHECK(fd >= 0);
	m = mmap(NULL, 5 * FR, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK_EQ_U(ipa_init(&s), 0);
	CHECK_EQ_U(ipa_region_add(&s, 7, 100, fd, 0, 5, ext, 2, 1000, &r), 0);
	ipa_stats(&s, &regions, &frames);
	CHECK_EQ_U(regions, 1);
	CHECK_EQ_U(frames, 5);
	ipa_rdlock(&s);
	/* frame 3 of the memfd is guest G0 + 16 frames */
	CHECK_EQ_U(ipa_to_host(&s, G0 + 16 * FR, &h), 0);
	CHECK_EQ_U(h, r->host[3]);
	CHECK_EQ_U(ipa_from_host(&s, h, &ipa), 0);
	CHECK_EQ_U(ipa, G0 + 16 * FR);
	CHECK_EQ_U(ipa_to_host(&s, G0 + 3 * FR, &h2), -EFAULT);
	CHECK_EQ_U(ipa_to_host(&s, G0 + 8, &h2), -EFAULT);
	CHECK_EQ_U(ipa_from_host(&s, h + 8, &ipa), -EFAULT);
	/* reads and writes go to the memfd, across frame boundaries */
	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ_U(ipa_write(&s, G0 + 3 * FR - 32, buf, 32), 0);
	CHECK_EQ_U(m[3 * FR - 1], 0x5a);
	CHECK_EQ_U(ipa_write(&s, G0 + 3 * FR - 32, buf, 64), -EFAULT);
	m[3 * FR + 5] = 0x77;	/* memfd frame 3 = G0 + 16 frames */
	CHECK_EQ_U(ipa_read(&s, G0 + 16 * FR + 5, buf, 1), 0);
	CHECK_EQ_U(buf[0], 0x77);
	CHECK_EQ_U(ipa_read(&s, UINT64_MAX - 4, buf, 8), -EFAULT);
	ipa_unlock(&s);
	CHECK(ipa_region_take(&s, 8) == NULL);
	r = ipa_region_take(&s, 7);
	CHECK(r != NULL);
	ipa_rdlock(&s);
	CHECK_EQ_U(ipa_to_host(&s, G0, &h2), -EFAULT);
	CHECK_EQ_U(ipa_from_host(&s, h, &ipa), -EFAULT);
	ipa_unlock(&s);
	ipa_region_free(r);
	ipa_fini(&s);
	munmap(m, 5 * FR);
	close(fd);
}

TEST(ipa_space_refuses_bad_announcements)
{
	struct softee_pa_extent e = { G0, 2 };
	struct ipa_space s;
	struct ipa_region *r;
	int fd = sealed_memfd(4), plain;

	CHECK(fd >= 0);
	CHECK_EQ_U(ipa_init(&s), 0);
	CHECK_EQ_U(ipa_region_add(&s, 1, 1, fd, 0, 2, &e, 1, 100, &r), 0);
	/* overlap, duplicate id, the carve-out, outside DDR, unaligned */
	e.pa = G0 + FR;
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, fd, 0, 2, &e, 1, 100, &r), -EBUSY);
	e.pa = G0 + 8 * FR;
	CHECK_EQ_U(ipa_region_add(&s, 1, 2, fd, 0, 2, &e, 1, 100, &r), -EEXIST);
	e.pa = 0x42000000;
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, fd, 0, 2, &e, 1, 100, &r), -EFAULT);
	e.pa = SOFTEE_DDR_BASE + SOFTEE_DDR_SIZE - FR;
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, fd, 0, 2, &e, 1, 100, &r), -EFAULT);
	e.pa = G0 + 8 * FR + 4;
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, fd, 0, 2, &e, 1, 100, &r), -EINVAL);
	/* extents not summing up, frames past the memfd, over quota */
	e.pa = G0 + 8 * FR;
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, fd, 0, 3, &e, 1, 100, &r), -EINVAL);
	e.nframes = 3;
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, fd, 2 * FR, 3, &e, 1, 100, &r),
		   -EINVAL);
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, fd, 0, 3, &e, 1, 4, &r), -ENOSPC);
	/* a memfd that can shrink would let a guest crash us */
	plain = memfd_create("unsealed", MFD_CLOEXEC);
	CHECK(plain >= 0);
	CHECK(!ftruncate(plain, 4 * FR));
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, plain, 0, 3, &e, 1, 100, &r), -EPERM);
	close(plain);
	CHECK_EQ_U(ipa_region_add(&s, 2, 2, fd, 0, 3, &e, 1, 100, &r), 0);
	ipa_fini(&s);
	close(fd);
}

int main(void)
{
	if (hf_init(42)) {
		printf("FAIL: hf_init\n");
		return 1;
	}
	RUN(pfn_hash_matches_a_reference_under_random_updates);
	RUN(host_frames_are_unique_scattered_and_reusable);
	RUN(ipa_space_maps_guest_frames_to_own_host_frames);
	RUN(ipa_space_refuses_bad_announcements);
	hf_fini();
	return testlib_summary();
}
