// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests for TEE_IOC_SHM_REGISTER: segment validation, the ioctl path over a dynamic pool, reference counts and quota refusal. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "softee_dev.h"
#include "tee_drv.h"
#include "testlib.h"
#include "util.h"

TESTLIB_DEFINE_STATE;

struct reg_req {
	struct tee_ioctl_shm_register_data d;
	struct softee_dev_reg_hdr h;
	struct softee_dev_reg_seg s[8];
};

static size_t req_len(const struct reg_req *r)
{
	return sizeof(r->d) + sizeof(r->h) + r->h.n_segs * sizeof(r->s[0]);
}

static void seg(struct reg_req *r, uint64_t va, uint64_t len, uint32_t fdi,
		uint64_t off, uint32_t kind)
{
	struct softee_dev_reg_seg *s = &r->s[r->h.n_segs++];

	s->va = va;
	s->len = len;
	s->fd_index = fdi;
	s->fd_offset = off;
	s->kind = kind;
}

/* 0x10100 + 0x3000 bytes: frames 0x10000..0x14000 at G = 4K. */
static void good_req(struct reg_req *r)
{
	memset(r, 0, sizeof(*r));
	r->d.addr = 0x10100;
	r->d.length = 0x3000;
	seg(r, 0x10000, 0x1000, 1, 0, SOFTEE_DEV_REG_SEG_BOUNCE);
	seg(r, 0x11000, 0x2000, 0, 0x5000, SOFTEE_DEV_REG_SEG_PINNED);
	seg(r, 0x13000, 0x1000, 1, 0x1000, SOFTEE_DEV_REG_SEG_BOUNCE);
}

static const struct tee_reg_fdinfo good_fdi[2] = {
	{ .size = 0x10000, .ok = true }, { .size = 0x2000, .ok = true },
};

static int check(const struct reg_req *r, uint64_t g, const struct tee_reg_fdinfo *fdi,
		 int nfds, struct tee_reg_plan *p)
{
	return tee_shm_reg_check(r, req_len(r), g, 1ULL << 30, fdi, nfds, p);
}

TEST(valid_segments_make_a_plan)
{
	struct reg_req r;
	struct tee_reg_plan p;

	good_req(&r);
	CHECK(!check(&r, 4096, good_fdi, 2, &p));
	EXPECT_EQ_U(p.start, 0x10000);
	EXPECT_EQ_U(p.page_off, 0x100);
	EXPECT_EQ_U(p.nframes, 4);
	EXPECT_EQ_U(p.nruns, 3);
	EXPECT_EQ_U(p.runs[1].first_frame, 1);
	EXPECT_EQ_U(p.runs[1].nframes, 2);
	EXPECT_EQ_U(p.runs[2].fd_offset, 0x1000);
}

TEST(adjacent_segments_of_one_file_merge_into_one_run)
{
	struct reg_req r;
	struct tee_reg_plan p;

	memset(&r, 0, sizeof(r));
	r.d.addr = 0x20000;
	r.d.length = 0x3000;
	seg(&r, 0x20000, 0x1000, 0, 0, SOFTEE_DEV_REG_SEG_PINNED);
	seg(&r, 0x21000, 0x2000, 0, 0x1000, SOFTEE_DEV_REG_SEG_PINNED);
	CHECK(!check(&r, 4096, good_fdi, 2, &p));
	EXPECT_EQ_U(p.nruns, 1);
	EXPECT_EQ_U(p.runs[0].nframes, 3);
}

TEST(granule_16k_needs_whole_granule_cover)
{
	struct reg_req r;
	struct tee_reg_plan p;

	good_req(&r);
	/* 4K cover is short of [0x10000, 0x14000) at 16K?  It is exact. */
	EXPECT(!check(&r, 16384, good_fdi, 2, &p));
	r.d.length = 0x3f01;	/* ends at 0x14001: needs up to 0x18000 */
	EXPECT(check(&r, 16384, good_fdi, 2, &p) == -EINVAL);
	seg(&r, 0x14000, 0x4000, 0, 0x8000, SOFTEE_DEV_REG_SEG_BOUNCE);
	EXPECT(!check(&r, 16384, good_fdi, 2, &p));
	EXPECT_EQ_U(p.nframes, 8);
}

TEST(gap_overlap_and_wrong_order_refused)
{
	struct reg_req r;
	struct tee_reg_plan p;

	good_req(&r);
	r.s[1].va += 0x1000;	/* gap */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.s[1].va -= 0x1000;	/* overlap */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	{
		struct softee_dev_reg_seg t = r.s[0];

		r.s[0] = r.s[2];	/* wrong order */
		r.s[2] = t;
	}
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.h.n_segs = 2;		/* does not reach the end */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.s[2].len = 0x2000;	/* runs past the end */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.s[1].len = 0x1800;	/* not whole frames */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
}

TEST(bad_fd_kind_and_header_refused)
{
	struct reg_req r;
	struct tee_reg_plan p;
	struct tee_reg_fdinfo fdi[2] = { good_fdi[0], good_fdi[1] };

	good_req(&r);
	r.s[0].fd_index = 2;	/* bad fd index */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	EXPECT(check(&r, 4096, good_fdi, 1, &p) == -EINVAL);
	good_req(&r);
	fdi[1].ok = false;	/* unsealed */
	EXPECT(check(&r, 4096, fdi, 2, &p) == -EINVAL);
	fdi[1] = good_fdi[1];
	fdi[1].size = 0x1fff;	/* short file */
	EXPECT(check(&r, 4096, fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.s[1].fd_offset = UINT64_MAX - 0xfff;	/* offset + len overflows */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.s[1].fd_offset = 0x800;	/* not frame aligned */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.s[0].kind = 3;
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.d.flags = 1;
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.h.reserved = 1;
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	EXPECT(tee_shm_reg_check(&r, req_len(&r) - 1, 4096, 1ULL << 30,
				 good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.d.length = 0;
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	r.d.addr = UINT64_MAX - 0x100;	/* addr + length overflows */
	EXPECT(check(&r, 4096, good_fdi, 2, &p) == -EINVAL);
	good_req(&r);
	EXPECT(tee_shm_reg_check(&r, req_len(&r), 4096, 0x1000, good_fdi, 2,
				 &p) == -ENOMEM);
}

TEST(fdinfo_sees_seals_and_sizes)
{
	int fds[3];
	struct tee_reg_fdinfo fdi[3];

	fds[0] = softee_memfd("t", 0x4000);
	fds[1] = memfd_create("u", MFD_CLOEXEC);
	fds[2] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[2] >= 0);
	EXPECT(!ftruncate(fds[1], 0x4000));
	tee_shm_reg_fdinfo(fds, 3, fdi);
	EXPECT(fdi[0].ok && fdi[0].size == 0x4000);
	EXPECT(!fdi[1].ok);	/* not sealed against shrinking */
	EXPECT(!fdi[2].ok);	/* not a regular file */
	close(fds[0]);
	close(fds[1]);
	close(fds[2]);
}

/* The ioctl path over a dynamic pool with no secure world behind it. */
static int fake_open(struct tee_context *ctx) { (void)ctx; return 0; }
static void fake_release(struct tee_context *ctx) { (void)ctx; }
static int n_register, n_unregister;
static bool kill_during_register;
static int fake_register(struct tee_context *ctx, struct tee_shm *shm)
{
	n_register++;
	/* The client dies while the secure world registers. */
	if (kill_during_register)
		tee_ctx_kill(ctx);
	shm->flags |= TEE_SHM_REGISTERED;
	return 0;
}
static int fake_unregister(struct tee_context *ctx, struct tee_shm *shm)
{
	(void)ctx;
	(void)shm;
	n_unregister++;
	return 0;
}
static const struct tee_driver_ops fake_ops = {
	.open = fake_open, .release = fake_release,
	.shm_register = fake_register, .shm_unregister = fake_unregister,
};
static const struct tee_desc fake_desc = { .name = "fake", .ops = &fake_ops };
static struct tee_limits fake_limits = {
	.page_size = 4096, .max_reg_bytes = 1 << 20, .quota_pinned = 64 << 10,
	.quota_total = 1 << 20, .max_regs = 3, .dynamic = true,
};
static struct tee_device fake_dev = { .desc = &fake_desc, .limits = &fake_limits };

static int do_register(struct tee_context *ctx, uint64_t len, int fd,
		       int *id, int *rfd)
{
	struct reg_req r;
	size_t rl;
	int rc;

	memset(&r, 0, sizeof(r));
	r.d.addr = 0x40000;
	r.d.length = len;
	seg(&r, 0x40000, (len + 0xfff) & ~0xfffULL, 0, 0,
	    SOFTEE_DEV_REG_SEG_PINNED);
	rc = tee_ioctl(ctx, TEE_IOC_SHM_REGISTER, &r, req_len(&r), sizeof(r),
		       &rl, rfd, &fd, 1);
	if (!rc) {
		EXPECT_EQ_U(rl, sizeof(r.d));
		EXPECT_EQ_U(r.d.length, len);
		*id = r.d.id;
	}
	return rc;
}

TEST(register_ioctl_quota_and_release)
{
	struct tee_frames *fa;
	struct tee_context *ctx;
	int fd = softee_memfd("t", 1 << 20), id[4], rfd[4], err, i;
	struct tee_shm *shm;

	CHECK(fd >= 0);
	CHECK(!tee_frames_init(SOFTEE_DDR_BASE, 1ULL << 30, 4096, false, 1, &fa));
	CHECK(!tee_shm_pool_dyn_user(fa, 4096, NULL, NULL, &fake_dev.pool));
	ctx = tee_ctx_open(&fake_dev, 1, 1, 1, &err);
	CHECK(ctx);
	n_register = n_unregister = 0;
	CHECK(!do_register(ctx, 0x3000, fd, &id[0], &rfd[0]));
	EXPECT(rfd[0] >= 0);
	EXPECT_EQ_U(n_register, 1);
	EXPECT_EQ_U(atomic_load(&ctx->usage.pinned), 0x3000);
	EXPECT_EQ_U(tee_frames_used(fa), 3);
	/* Pinned-bytes quota (64 KiB): 0x10000 more does not fit. */
	EXPECT(do_register(ctx, 0x10000, fd, &id[1], &rfd[1]) == -ENOMEM);
	EXPECT_EQ_U(tee_frames_used(fa), 3);
	CHECK(!do_register(ctx, 0x1000, fd, &id[1], &rfd[1]));
	CHECK(!do_register(ctx, 0x1000, fd, &id[2], &rfd[2]));
	/* Registration-count quota (3). */
	EXPECT(do_register(ctx, 0x1000, fd, &id[3], &rfd[3]) == -ENOMEM);
	/* A reference outlives the handle; the last put unregisters. */
	shm = tee_shm_get_from_id(ctx, id[0]);
	CHECK(shm);
	EXPECT(!tee_shm_release_id(ctx, id[0]));
	EXPECT_EQ_U(n_unregister, 0);
	tee_shm_put(shm);
	EXPECT_EQ_U(n_unregister, 1);
	EXPECT_EQ_U(tee_frames_used(fa), 2);
	/* The context outlives its client; its shm go with the client. */
	tee_ctx_kill(ctx);
	EXPECT_EQ_U(n_unregister, 3);
	EXPECT_EQ_U(tee_frames_used(fa), 0);
	EXPECT_EQ_U(atomic_load(&ctx->usage.pinned), 0);
	EXPECT_EQ_U(atomic_load(&tee_usage_total.pinned), 0);
	tee_ctx_put(ctx);
	for (i = 0; i < 3; i++)
		close(rfd[i]);
	tee_shm_pool_destroy(fake_dev.pool);
	fake_dev.pool = NULL;
	tee_frames_fini(fa);
	close(fd);
}

/*
 * A client killed while its registration is in the secure world: the
 * kill drops the handle, the registration still completes; it must be
 * unregistered once, and nothing touched after free (ASan run).
 */
TEST(client_killed_during_registration_unregisters_it)
{
	struct tee_frames *fa;
	struct tee_context *ctx;
	int fd = softee_memfd("t", 1 << 20), id = -1, rfd = -1, err;

	CHECK(fd >= 0);
	CHECK(!tee_frames_init(SOFTEE_DDR_BASE, 1ULL << 30, 4096, false, 1, &fa));
	CHECK(!tee_shm_pool_dyn_user(fa, 4096, NULL, NULL, &fake_dev.pool));
	ctx = tee_ctx_open(&fake_dev, 1, 1, 1, &err);
	CHECK(ctx);
	n_register = n_unregister = 0;
	kill_during_register = true;
	EXPECT(do_register(ctx, 0x2000, fd, &id, &rfd) == -ECANCELED);
	kill_during_register = false;
	EXPECT_EQ_U(n_register, 1);
	EXPECT_EQ_U(n_unregister, 1);
	EXPECT_EQ_U(tee_frames_used(fa), 0);
	EXPECT_EQ_U(atomic_load(&ctx->usage.pinned), 0);
	EXPECT_EQ_U(atomic_load(&tee_usage_total.pinned), 0);
	tee_ctx_put(ctx);
	tee_shm_pool_destroy(fake_dev.pool);
	fake_dev.pool = NULL;
	tee_frames_fini(fa);
	close(fd);
}

TEST(register_refused_without_dynamic_shm)
{
	struct tee_limits l = fake_limits;
	struct tee_device dev = { .desc = &fake_desc, .limits = &l };
	struct tee_context *ctx;
	int fd = softee_memfd("t", 1 << 20), id, rfd = -1, err;

	l.dynamic = false;
	ctx = tee_ctx_open(&dev, 1, 1, 1, &err);
	CHECK(ctx && fd >= 0);
	EXPECT(do_register(ctx, 0x1000, fd, &id, &rfd) == -EINVAL);
	tee_ctx_put(ctx);
	close(fd);
}

TEST(op_info_reports_page_size_and_limits)
{
	struct tee_context *ctx;
	struct softee_dev_info info;
	size_t rl;
	int rfd, err;

	ctx = tee_ctx_open(&fake_dev, 1, 1, 1, &err);
	CHECK(ctx);
	CHECK(!tee_ioctl(ctx, SOFTEE_DEV_OP_INFO, &info, 0, sizeof(info), &rl,
			 &rfd, NULL, 0));
	EXPECT_EQ_U(rl, sizeof(info));
	EXPECT_EQ_U(info.version, 1);
	EXPECT_EQ_U(info.page_size, 4096);
	EXPECT_EQ_U(info.quota_pinned_bytes, 64 << 10);
	EXPECT(!tee_ioctl_wants_reply(SOFTEE_DEV_OP_STATS, 0));
	EXPECT(tee_ioctl_wants_reply(SOFTEE_DEV_OP_STATS, 5));
	tee_ctx_put(ctx);
}

int main(void)
{
	RUN(valid_segments_make_a_plan);
	RUN(adjacent_segments_of_one_file_merge_into_one_run);
	RUN(granule_16k_needs_whole_granule_cover);
	RUN(gap_overlap_and_wrong_order_refused);
	RUN(bad_fd_kind_and_header_refused);
	RUN(fdinfo_sees_seals_and_sizes);
	RUN(register_ioctl_quota_and_release);
	RUN(client_killed_during_registration_unregisters_it);
	RUN(register_refused_without_dynamic_shm);
	RUN(op_info_reports_page_size_and_limits);
	return testlib_summary();
}
