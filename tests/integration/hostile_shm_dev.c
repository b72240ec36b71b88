// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hostile TEE_IOC_SHM_REGISTER input on the device protocol, from a raw
 * client of the stack's tee0: segments that do not cover the range,
 * unsealed or short memfds, bad fd indexes, huge lengths, use after
 * release, and a client that unmaps (or tries to shrink) what it
 * registered. Each refused cleanly; driver counts back to baseline.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/tee.h>

#include "dyn_util.h"
#include "hostile_shm.h"
#include "softee_dev.h"
#include "softee_test_ta.h"
#include "util.h"
#include "wire.h"

/* Registrations here use 64 KiB-aligned ranges: whole granules for every
 * supported page size, so every frame is PINNED. */
#define HD_GRAN		65536ULL

struct hd_rep {
	int32_t ret;
	uint32_t len;
	uint8_t data[SOFTEE_DEV_MAX_PAYLOAD];
	int fds[WIRE_MAX_FDS];
	int nfds;
};

static uint8_t hd_msg[sizeof(struct softee_dev_rep) + SOFTEE_DEV_MAX_PAYLOAD + 256];
static struct hd_rep hd_r;
static uint32_t hd_tag = 1;
static char hd_base[8192];

static int hd_open(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", hs_dir, SOFTEE_DEV_CLIENT_SOCK);
	return wire_connect(path);
}

/* One request; the reply's ret (0 or -errno), or 1 if there was no
 * well-formed reply (closed, timeout, garbage). Reply fds kept in hd_r. */
static int hd_call(int s, uint32_t op, const void *pl, size_t len,
		   const int *fds, int nfds)
{
	struct softee_dev_req h = { SOFTEE_DEV_MAGIC, hd_tag++, op,
				    (uint32_t)len };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };
	struct softee_dev_rep rh;
	ssize_t n;

	wire_close_fds(hd_r.fds, hd_r.nfds);
	hd_r.nfds = 0;
	if (wire_send(s, iov, len ? 2 : 1, fds, nfds))
		return 1;
	n = hs_recv(s, hd_msg, sizeof(hd_msg), hd_r.fds, &hd_r.nfds);
	if (n < (ssize_t)sizeof(rh))
		return 1;
	memcpy(&rh, hd_msg, sizeof(rh));
	if (rh.magic != SOFTEE_DEV_MAGIC || rh.tag != h.tag ||
	    rh.len != (size_t)n - sizeof(rh) || rh.ret > 0)
		return 1;
	hd_r.ret = rh.ret;
	hd_r.len = rh.len;
	memcpy(hd_r.data, hd_msg + sizeof(rh), rh.len);
	return rh.ret;
}

static void hd_drop_fds(void)
{
	wire_close_fds(hd_r.fds, hd_r.nfds);
	hd_r.nfds = 0;
}

/* Register request bytes in buf; its length. */
static size_t hd_reg_req(uint8_t *buf, uint64_t addr, uint64_t length,
			 uint32_t n_segs_claimed,
			 const struct softee_dev_reg_seg *segs, uint32_t n)
{
	struct tee_ioctl_shm_register_data d = { addr, length, 0, 0 };
	struct softee_dev_reg_hdr h = { n_segs_claimed, 0 };
	size_t off = 0;

	memcpy(buf, &d, sizeof(d));
	off += sizeof(d);
	memcpy(buf + off, &h, sizeof(h));
	off += sizeof(h);
	memcpy(buf + off, segs, n * sizeof(*segs));
	return off + n * sizeof(*segs);
}

/* A sealed softee memfd of size bytes mapped at a 64 KiB-aligned address. */
struct hd_buf {
	int mfd;
	uint8_t *va;
	uint64_t size;
};

static bool hd_buf_new(struct hd_buf *b, uint64_t size, bool sealed)
{
	uint8_t *area;
	uintptr_t al;

	b->size = size;
	b->va = NULL;
	if (sealed) {
		b->mfd = softee_memfd("hostile-dev", size);
	} else {
		b->mfd = memfd_create("hostile-dev-unsealed",
				      MFD_CLOEXEC | MFD_ALLOW_SEALING);
		if (b->mfd >= 0 && ftruncate(b->mfd, (off_t)size)) {
			close(b->mfd);
			b->mfd = -1;
		}
	}
	if (b->mfd < 0)
		return false;
	area = mmap(NULL, size + HD_GRAN, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		close(b->mfd);
		return false;
	}
	al = ((uintptr_t)area + HD_GRAN - 1) & ~(uintptr_t)(HD_GRAN - 1);
	/* keep only the aligned window */
	if (al > (uintptr_t)area)
		munmap(area, al - (uintptr_t)area);
	if ((uintptr_t)area + HD_GRAN > al)
		munmap((uint8_t *)al + size,
		       (uintptr_t)area + HD_GRAN - al);
	b->va = mmap((void *)al, size, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_FIXED, b->mfd, 0);
	if (b->va == MAP_FAILED) {
		munmap((void *)al, size);
		close(b->mfd);
		b->va = NULL;
		return false;
	}
	return true;
}

static void hd_buf_free(struct hd_buf *b)
{
	if (b->va)
		munmap(b->va, b->size);
	if (b->mfd >= 0)
		close(b->mfd);
	b->va = NULL;
	b->mfd = -1;
}

/* Register b whole as one PINNED segment; the shm id or -errno. */
static int hd_register(int s, const struct hd_buf *b)
{
	static uint8_t buf[SOFTEE_DEV_MAX_PAYLOAD];
	struct softee_dev_reg_seg seg = { (uintptr_t)b->va, b->size, 0, 0,
					  SOFTEE_DEV_REG_SEG_PINNED };
	struct tee_ioctl_shm_register_data d;
	size_t len = hd_reg_req(buf, (uintptr_t)b->va, b->size, 1, &seg, 1);
	int r = hd_call(s, TEE_IOC_SHM_REGISTER, buf, len, &b->mfd, 1);

	hd_drop_fds();
	if (r)
		return r > 0 ? -EPROTO : r;
	if (hd_r.len < sizeof(d))
		return -EPROTO;
	memcpy(&d, hd_r.data, sizeof(d));
	return d.id;
}

static int hd_release(int s, int32_t id)
{
	struct softee_dev_shm_release r = { id, 0 };

	return hd_call(s, SOFTEE_DEV_OP_SHM_RELEASE, &r, sizeof(r), NULL, 0);
}

/* A session to the main test TA over the raw protocol; 0 on failure. */
static uint32_t hd_session(int s)
{
	static const uint8_t uuid[16] = { 0x5e, 0xed, 0x7e, 0x57, 0x00, 0x01,
		0x4c, 0x1e, 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0x01 };
	uint8_t buf[sizeof(struct tee_ioctl_open_session_arg) +
		    4 * sizeof(struct tee_ioctl_param)];
	struct tee_ioctl_open_session_arg a;

	memset(buf, 0, sizeof(buf));
	memset(&a, 0, sizeof(a));
	memcpy(a.uuid, uuid, sizeof(uuid));
	a.num_params = 4;
	memcpy(buf, &a, sizeof(a));
	if (hd_call(s, TEE_IOC_OPEN_SESSION, buf, sizeof(buf), NULL, 0) ||
	    hd_r.len < sizeof(a))
		return 0;
	memcpy(&a, hd_r.data, sizeof(a));
	return a.ret == 0 ? a.session : 0;
}

static void hd_close_session(int s, uint32_t sess)
{
	struct tee_ioctl_close_session_arg c = { sess };

	hd_call(s, TEE_IOC_CLOSE_SESSION, &c, sizeof(c), NULL, 0);
}

/* INVOKE func with p0 = memref (attr, shm id, offs, size), p1 = value.
 * 0 with *ret set, or the reply's -errno / 1. out: p1 after the call. */
static int hd_invoke(int s, uint32_t sess, uint32_t func, uint64_t attr,
		     int32_t id, uint64_t offs, uint64_t size,
		     struct tee_ioctl_param *p1, uint32_t *ret)
{
	uint8_t buf[sizeof(struct tee_ioctl_invoke_arg) +
		    2 * sizeof(struct tee_ioctl_param)];
	struct tee_ioctl_invoke_arg ia;
	struct tee_ioctl_param p[2] = {
		{ attr, offs, size, (uint64_t)(int64_t)id }, *p1 };
	int r;

	memset(&ia, 0, sizeof(ia));
	ia.func = func;
	ia.session = sess;
	ia.num_params = 2;
	memcpy(buf, &ia, sizeof(ia));
	memcpy(buf + sizeof(ia), p, sizeof(p));
	r = hd_call(s, TEE_IOC_INVOKE, buf, sizeof(buf), NULL, 0);
	if (r)
		return r;
	if (hd_r.len < sizeof(buf))
		return 1;
	memcpy(&ia, hd_r.data, sizeof(ia));
	memcpy(p1, hd_r.data + sizeof(ia) + sizeof(p[0]), sizeof(*p1));
	*ret = ia.ret;
	return 0;
}

/* TA checksum of [0, size) of shm id; 0 and the sum, or nonzero. */
static int hd_checksum(int s, uint32_t sess, int32_t id, uint64_t size,
		       uint32_t *sum)
{
	struct tee_ioctl_param p1 = { TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT,
				      0, 0, 0 };
	uint32_t ret = 1;
	int r = hd_invoke(s, sess, SOFTEE_TEST_CMD_CHECKSUM,
			  TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, id, 0, size,
			  &p1, &ret);

	if (r)
		return r;
	if (ret)
		return (int)ret;
	*sum = (uint32_t)p1.a;
	return 0;
}

/* Driver status back to the baseline (allowing it a moment to notice
 * closed connections); false after recording what differs. */
static bool hd_back_to_baseline(void)
{
	static const char *const skip[] = { "pool_user_free", "pool_priv_free",
					    NULL };
	char now[8192], diff[512] = "";
	int i;

	if (!hd_base[0])
		return true;
	for (i = 0; i < 60; i++) {
		if (!dyn_ctl(hs_dir, "driver", "status", now, sizeof(now)) &&
		    dyn_kv_same(hd_base, now, skip, diff, sizeof(diff)))
			return true;
		usleep(50 * 1000);
	}
	TEST_FAILF("driver status not back to baseline: %.300s", diff);
	return false;
}

TEST(hdev_baseline_taken)
{
	if (dyn_ctl(hs_dir, "driver", "status", hd_base, sizeof(hd_base)))
		TEST_FAILF("driver.ctl status does not answer");
}

TEST(hdev_register_segments_not_covering_the_range_refused)
{
	static uint8_t buf[SOFTEE_DEV_MAX_PAYLOAD];
	struct softee_dev_reg_seg seg[3];
	struct hd_buf b;
	uint64_t va;
	size_t len;
	int s, r;

	s = hd_open();
	CHECK(s >= 0);
	if (!hd_buf_new(&b, 4 * HD_GRAN, true)) {
		close(s);
		CHECK(!"memfd");
	}
	va = (uintptr_t)b.va;
#define HD_SEG(i, v, l, o, k) seg[i] = (struct softee_dev_reg_seg){ v, l, o, 0, k }
#define HD_REFUSE(what, n) do { \
	len = hd_reg_req(buf, va, 4 * HD_GRAN, n, seg, n); \
	r = hd_call(s, TEE_IOC_SHM_REGISTER, buf, len, &b.mfd, 1); \
	hd_drop_fds(); \
	if (r >= 0) TEST_FAILF("%s: %s", what, r ? "no clean reply" : "accepted"); \
} while (0)
	/* a gap in the middle */
	HD_SEG(0, va, HD_GRAN, 0, SOFTEE_DEV_REG_SEG_PINNED);
	HD_SEG(1, va + 2 * HD_GRAN, 2 * HD_GRAN, 2 * HD_GRAN,
	       SOFTEE_DEV_REG_SEG_PINNED);
	HD_REFUSE("gap between segments", 2);
	/* overlapping segments */
	HD_SEG(1, va + HD_GRAN - 4096, 3 * HD_GRAN + 4096, HD_GRAN - 4096,
	       SOFTEE_DEV_REG_SEG_PINNED);
	HD_REFUSE("overlapping segments", 2);
	/* out of order */
	HD_SEG(0, va + HD_GRAN, 3 * HD_GRAN, HD_GRAN, SOFTEE_DEV_REG_SEG_PINNED);
	HD_SEG(1, va, HD_GRAN, 0, SOFTEE_DEV_REG_SEG_PINNED);
	HD_REFUSE("segments out of order", 2);
	/* too long, too short, starting elsewhere */
	HD_SEG(0, va, 5 * HD_GRAN, 0, SOFTEE_DEV_REG_SEG_PINNED);
	HD_REFUSE("segment past the range", 1);
	HD_SEG(0, va, 4 * HD_GRAN - 4096, 0, SOFTEE_DEV_REG_SEG_PINNED);
	HD_REFUSE("last frame missing", 1);
	HD_SEG(0, va + 4096, 4 * HD_GRAN, 0, SOFTEE_DEV_REG_SEG_PINNED);
	HD_REFUSE("segment starting after the range", 1);
	/* lengths not in frames, unaligned file offsets, unknown kinds */
	HD_SEG(0, va, 4 * HD_GRAN - 100, 0, SOFTEE_DEV_REG_SEG_PINNED);
	HD_SEG(1, va + 4 * HD_GRAN - 100, 100, 4 * HD_GRAN - 100,
	       SOFTEE_DEV_REG_SEG_PINNED);
	HD_REFUSE("segment length not in frames", 2);
	HD_SEG(0, va, 4 * HD_GRAN, 12, SOFTEE_DEV_REG_SEG_PINNED);
	HD_REFUSE("unaligned fd offset", 1);
	HD_SEG(0, va, 4 * HD_GRAN, 0, 7);
	HD_REFUSE("unknown segment kind", 1);
	HD_SEG(0, va, 4 * HD_GRAN, 0, SOFTEE_DEV_REG_SEG_PINNED);
	seg[0].fd_index = 1;
	HD_REFUSE("fd index 1 with one fd", 1);
	seg[0].fd_index = UINT32_MAX;
	HD_REFUSE("fd index 0xffffffff", 1);
	seg[0].fd_index = 0;
	/* huge lengths */
	HD_SEG(0, va, 1ULL << 62, 0, SOFTEE_DEV_REG_SEG_PINNED);
	len = hd_reg_req(buf, va, 1ULL << 62, 1, seg, 1);
	r = hd_call(s, TEE_IOC_SHM_REGISTER, buf, len, &b.mfd, 1);
	hd_drop_fds();
	if (r >= 0)
		TEST_FAILF("2^62 bytes: %s", r ? "no clean reply" : "accepted");
	HD_SEG(0, va, UINT64_MAX & ~4095ULL, 0, SOFTEE_DEV_REG_SEG_PINNED);
	len = hd_reg_req(buf, va, UINT64_MAX - va, 1, seg, 1);
	r = hd_call(s, TEE_IOC_SHM_REGISTER, buf, len, &b.mfd, 1);
	hd_drop_fds();
	if (r >= 0)
		TEST_FAILF("length to the top of the address space: %s",
			   r ? "no clean reply" : "accepted");
#undef HD_REFUSE
#undef HD_SEG
	/* and the connection still registers a good one */
	r = hd_register(s, &b);
	if (r < 0)
		TEST_FAILF("valid registration refused afterwards: %d", r);
	else
		EXPECT_EQ_U(hd_release(s, r), 0);
	hd_buf_free(&b);
	close(s);
	hd_back_to_baseline();
}

TEST(hdev_register_unsealed_or_short_memfd_refused)
{
	static uint8_t buf[SOFTEE_DEV_MAX_PAYLOAD];
	struct softee_dev_reg_seg seg;
	struct hd_buf b, shortb;
	size_t len;
	int s, r;

	s = hd_open();
	CHECK(s >= 0);
	if (!hd_buf_new(&b, 2 * HD_GRAN, false)) {
		close(s);
		CHECK(!"memfd");
	}
	r = hd_register(s, &b);
	if (r >= 0) {
		TEST_FAILF("unsealed memfd accepted");
		hd_release(s, r);
	}
	hd_buf_free(&b);
	/* a sealed memfd of one granule, claimed as two */
	if (!hd_buf_new(&shortb, HD_GRAN, true)) {
		close(s);
		CHECK(!"memfd");
	}
	seg = (struct softee_dev_reg_seg){ (uintptr_t)shortb.va, 2 * HD_GRAN,
					   0, 0, SOFTEE_DEV_REG_SEG_PINNED };
	len = hd_reg_req(buf, (uintptr_t)shortb.va, 2 * HD_GRAN, 1, &seg, 1);
	r = hd_call(s, TEE_IOC_SHM_REGISTER, buf, len, &shortb.mfd, 1);
	hd_drop_fds();
	if (r >= 0)
		TEST_FAILF("memfd shorter than claimed: %s",
			   r ? "no clean reply" : "accepted");
	seg.len = HD_GRAN;
	seg.fd_offset = HD_GRAN;
	len = hd_reg_req(buf, (uintptr_t)shortb.va, HD_GRAN, 1, &seg, 1);
	r = hd_call(s, TEE_IOC_SHM_REGISTER, buf, len, &shortb.mfd, 1);
	hd_drop_fds();
	if (r >= 0)
		TEST_FAILF("segment at the memfd's end: %s",
			   r ? "no clean reply" : "accepted");
	hd_buf_free(&shortb);
	close(s);
	hd_back_to_baseline();
}

TEST(hdev_use_after_release_refused)
{
	struct tee_ioctl_param p1 = { TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT,
				      0, 0, 0 };
	struct hd_buf b;
	uint32_t sess, sum = 0, ret = 0;
	int s, id, r;

	s = hd_open();
	CHECK(s >= 0);
	if (!hd_buf_new(&b, HD_GRAN, true)) {
		close(s);
		CHECK(!"memfd");
	}
	sess = hd_session(s);
	id = hd_register(s, &b);
	if (!sess || id < 0) {
		TEST_FAILF("setup: session %u id %d", sess, id);
		goto out;
	}
	memset(b.va, 0x42, HD_GRAN);
	r = hd_checksum(s, sess, id, HD_GRAN, &sum);
	if (r || sum != dyn_fnv(b.va, HD_GRAN))
		TEST_FAILF("checksum before release: %d", r);
	EXPECT_EQ_U(hd_release(s, id), 0);
	r = hd_invoke(s, sess, SOFTEE_TEST_CMD_CHECKSUM,
		      TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, id, 0, HD_GRAN,
		      &p1, &ret);
	if (r == 0 && ret == 0)
		TEST_FAILF("invoke on a released shm accepted");
	r = hd_release(s, id);
	if (r >= 0)
		TEST_FAILF("double release: %s", r ? "no clean reply" : "accepted");
	/* an id that never existed, and one far out */
	r = hd_invoke(s, sess, SOFTEE_TEST_CMD_CHECKSUM,
		      TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, 0x7fff0000, 0, 16,
		      &p1, &ret);
	if (r == 0 && ret == 0)
		TEST_FAILF("invoke on an unknown shm id accepted");
	hd_close_session(s, sess);
out:
	hd_buf_free(&b);
	close(s);
	hd_back_to_baseline();
}

TEST(hdev_unmapped_registration_still_works_and_cannot_shrink)
{
	struct tee_ioctl_param p1 = { TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT,
				      0x33, 0, 0 };
	const uint64_t size = 8 * HD_GRAN;
	uint8_t *want = NULL;
	struct hd_buf b;
	uint32_t sess, sum = 0, ret = 1;
	int s, id, r;
	size_t i;

	s = hd_open();
	CHECK(s >= 0);
	if (!hd_buf_new(&b, size, true)) {
		close(s);
		CHECK(!"memfd");
	}
	sess = hd_session(s);
	id = hd_register(s, &b);
	if (!sess || id < 0) {
		TEST_FAILF("setup: session %u id %d", sess, id);
		goto out;
	}
	/* the seals hold: the registered memory cannot be shrunk */
	if (ftruncate(b.mfd, 4096) == 0)
		TEST_FAILF("a registered memfd could be shrunk");
	/* the client forgets its mapping and its fd */
	munmap(b.va, size);
	b.va = NULL;
	close(b.mfd);
	b.mfd = -1;
	r = hd_invoke(s, sess, SOFTEE_TEST_CMD_FILL,
		      TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT, id, 0, size, &p1,
		      &ret);
	if (r || ret)
		TEST_FAILF("TA fill after munmap: %d ret 0x%x", r, ret);
	want = malloc(size);
	if (!want) {
		TEST_FAILF("malloc");
	} else {
		for (i = 0; i < size; i++)
			want[i] = (uint8_t)(0x33 + 7 * i);
		r = hd_checksum(s, sess, id, size, &sum);
		if (r || sum != dyn_fnv(want, size))
			TEST_FAILF("TA read after munmap: %d sum 0x%x", r, sum);
	}
	EXPECT_EQ_U(hd_release(s, id), 0);
	hd_close_session(s, sess);
out:
	free(want);
	hd_buf_free(&b);
	close(s);
	hd_back_to_baseline();
}

TEST(hdev_connection_closed_with_registrations_outstanding)
{
	struct hd_buf b;
	int s, i, id;

	s = hd_open();
	CHECK(s >= 0);
	if (!hd_buf_new(&b, 2 * HD_GRAN, true)) {
		close(s);
		CHECK(!"memfd");
	}
	for (i = 0; i < 3; i++) {
		id = hd_register(s, &b);
		if (id < 0) {
			TEST_FAILF("registration %d: %d", i, id);
			break;
		}
	}
	/* no release: closing the connection must free them all */
	close(s);
	hd_buf_free(&b);
	hd_back_to_baseline();
}

TEST(hdev_driver_still_serves_and_counts_at_baseline)
{
	int s = hd_open();

	CHECK(s >= 0);
	EXPECT(hd_call(s, TEE_IOC_VERSION, NULL, 0, NULL, 0) == 0);
	hd_drop_fds();
	close(s);
	hd_back_to_baseline();
}

const struct hs_test hs_dev_tests[] = {
	HS_T(hdev_baseline_taken),
	HS_T(hdev_register_segments_not_covering_the_range_refused),
	HS_T(hdev_register_unsealed_or_short_memfd_refused),
	HS_T(hdev_use_after_release_refused),
	HS_T(hdev_unmapped_registration_still_works_and_cannot_shrink),
	HS_T(hdev_connection_closed_with_registrations_outstanding),
	HS_T(hdev_driver_still_serves_and_counts_at_baseline),
};
const size_t hs_dev_ntests = sizeof(hs_dev_tests) / sizeof(hs_dev_tests[0]);
