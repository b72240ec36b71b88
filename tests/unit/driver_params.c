// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests for uapi argument validation: buffer lengths, num_params, attrs, memref ranges, logins. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "softee_dev.h"
#include "tee_drv.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static int backend_calls;

static int fake_open(struct tee_context *ctx) { ctx->cap_memref_null = true; return 0; }
static void fake_release(struct tee_context *ctx) { (void)ctx; }
static int fake_invoke(struct tee_context *ctx, struct tee_ioctl_invoke_arg *arg,
		       struct tee_param *p)
{
	(void)ctx;
	backend_calls++;
	arg->ret = 0x1234;
	if (arg->num_params >= 1 && p[0].attr == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT)
		p[0].u.value.a = 42;
	if (arg->num_params >= 2 && tee_param_is_memref(p[1].attr))
		p[1].u.memref.size = 7;
	return 0;
}
static const struct tee_driver_ops fake_ops = {
	.open = fake_open, .release = fake_release, .invoke = fake_invoke,
};
static const struct tee_desc fake_desc = { .name = "fake", .ops = &fake_ops };
static struct tee_device fake_dev = { .desc = &fake_desc };

struct inv_buf {
	struct tee_ioctl_invoke_arg a;
	struct tee_ioctl_param p[4];
};

TEST(arg_buf_length_must_match_num_params)
{
	uint8_t buf[TEE_MAX_ARG_SIZE + 64] = { 0 };
	struct tee_ioctl_invoke_arg *a = (void *)buf;
	uint32_t n;
	size_t off;

	a->num_params = 2;
	EXPECT(!tee_validate_arg_buf(TEE_IOC_INVOKE, buf, 24 + 64, &n, &off));
	EXPECT_EQ_U(n, 2);
	EXPECT_EQ_U(off, 24);
	EXPECT(tee_validate_arg_buf(TEE_IOC_INVOKE, buf, 24 + 63, &n, &off) == -EINVAL);
	EXPECT(tee_validate_arg_buf(TEE_IOC_INVOKE, buf, 23, &n, &off) == -EINVAL);
	a->num_params = 0xffffffff;
	EXPECT(tee_validate_arg_buf(TEE_IOC_INVOKE, buf, 24, &n, &off) == -EINVAL);
	a->num_params = (TEE_MAX_ARG_SIZE - 24) / 32 + 1;
	EXPECT(tee_validate_arg_buf(TEE_IOC_INVOKE, buf, sizeof(buf), &n, &off) == -EINVAL);
	EXPECT(tee_validate_arg_buf(TEE_IOC_VERSION, buf, 24, &n, &off) == -EINVAL);
}

TEST(params_refuse_bad_attrs_and_overflow)
{
	struct tee_ioctl_param p = { 0 };

	p.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	EXPECT(!tee_validate_uparams(&p, 1, false));
	p.attr = 4;
	EXPECT(tee_validate_uparams(&p, 1, false) == -EINVAL);
	p.attr = TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT;
	EXPECT(tee_validate_uparams(&p, 1, false) == -EINVAL);
	p.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT | TEE_IOCTL_PARAM_ATTR_META;
	EXPECT(tee_validate_uparams(&p, 1, false) == -EINVAL);
	p.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT | (1ULL << 40);
	EXPECT(tee_validate_uparams(&p, 1, false) == -EINVAL);
	p.attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	p.a = UINT64_MAX;
	p.b = 2;
	p.c = 1;
	EXPECT(tee_validate_uparams(&p, 1, false) == -EINVAL);
	p.a = 0;
	p.c = 0;
	EXPECT(tee_validate_uparams(&p, 1, false) == -EINVAL);
	p.c = TEE_MEMREF_NULL;
	EXPECT(tee_validate_uparams(&p, 1, false) == -EINVAL);
	EXPECT(!tee_validate_uparams(&p, 1, true));
}

static int do_invoke(struct tee_context *ctx, struct inv_buf *b, uint32_t n)
{
	size_t rep_len;
	int fd;

	b->a.num_params = n;
	return tee_ioctl(ctx, TEE_IOC_INVOKE, b, 24 + 32 * n, sizeof(*b),
			 &rep_len, &fd, NULL, 0);
}

TEST(memref_past_shm_end_never_reaches_backend)
{
	struct tee_context *ctx;
	struct tee_ioctl_shm_alloc_data ad = { .size = 100 };
	struct inv_buf b;
	size_t rep_len;
	int err, fd = -1, calls;

	ctx = tee_ctx_open(&fake_dev, getuid(), getgid(), getpid(), &err);
	CHECK(ctx);
	CHECK(!tee_ioctl(ctx, TEE_IOC_SHM_ALLOC, &ad, sizeof(ad), sizeof(ad),
			 &rep_len, &fd, NULL, 0));
	EXPECT(fd >= 0);
	close(fd);
	EXPECT_EQ_U(ad.size, 4096);
	calls = backend_calls;
	memset(&b, 0, sizeof(b));
	b.p[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
	b.p[0].a = 4000;
	b.p[0].b = 97;
	b.p[0].c = (uint64_t)ad.id;
	EXPECT(do_invoke(ctx, &b, 1) == -EINVAL);
	b.p[0].b = 96;
	EXPECT(!do_invoke(ctx, &b, 1));
	b.p[0].c = (uint64_t)ad.id + 1;
	EXPECT(do_invoke(ctx, &b, 1) == -EINVAL);
	EXPECT_EQ_U(backend_calls, calls + 1);
	/* Outputs come back: value a and memref size. */
	memset(&b, 0, sizeof(b));
	b.p[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
	b.p[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	b.p[1].c = (uint64_t)ad.id;
	b.p[1].b = 10;
	EXPECT(!do_invoke(ctx, &b, 2));
	EXPECT_EQ_U(b.a.ret, 0x1234);
	EXPECT_EQ_U(b.p[0].a, 42);
	EXPECT_EQ_U(b.p[1].b, 7);
	EXPECT(tee_ioctl(ctx, 0xdeadbeef, &b, 0, sizeof(b), &rep_len, &fd, NULL, 0) == -ENOTTY);
	ad.flags = 1;
	EXPECT(tee_ioctl(ctx, TEE_IOC_SHM_ALLOC, &ad, sizeof(ad), sizeof(ad),
			 &rep_len, &fd, NULL, 0) == -EINVAL);
	tee_shm_release_ctx(ctx);
	tee_ctx_put(ctx);
	EXPECT_EQ_U(atomic_load(&tee_stats.shm), 0);
}

TEST(supplicant_ioctls_refused_on_client_device)
{
	struct tee_context *ctx;
	uint8_t buf[8 + 32] = { 0 };
	size_t rep_len;
	int err, fd;

	ctx = tee_ctx_open(&fake_dev, 0, 0, getpid(), &err);
	CHECK(ctx);
	buf[4] = 1;
	EXPECT(tee_ioctl(ctx, TEE_IOC_SUPPL_RECV, buf, sizeof(buf), sizeof(buf),
			 &rep_len, &fd, NULL, 0) == -EINVAL);
	tee_ctx_put(ctx);
}

TEST(client_uuid_logins)
{
	uint8_t u[16], u2[16], conn[16] = { 0 }, zero[16] = { 0 };
	uint32_t g = (uint32_t)getgid();

	memset(u, 0xff, sizeof(u));
	EXPECT(!tee_calc_client_uuid(u, TEE_IOCTL_LOGIN_PUBLIC, conn, 1, 1, getpid()));
	EXPECT(!memcmp(u, zero, 16));
	EXPECT(!tee_calc_client_uuid(u, TEE_IOCTL_LOGIN_USER, conn, 1000, 1, getpid()));
	EXPECT_EQ_U(u[6] >> 4, 5);
	EXPECT_EQ_U(u[8] & 0xc0, 0x80);
	EXPECT(!tee_calc_client_uuid(u2, TEE_IOCTL_LOGIN_USER, conn, 1001, 1, getpid()));
	EXPECT(memcmp(u, u2, 16));
	EXPECT(tee_calc_client_uuid(u, TEE_IOCTL_LOGIN_REE_KERNEL, conn, 0, 0, getpid()) == -EPERM);
	EXPECT(tee_calc_client_uuid(u, 3, conn, 0, 0, getpid()) == -EINVAL);
	memcpy(conn, &g, sizeof(g));
	EXPECT(!tee_calc_client_uuid(u, TEE_IOCTL_LOGIN_GROUP, conn, 0, getgid(), getpid()));
	g = 0x7ffffff0;
	memcpy(conn, &g, sizeof(g));
	EXPECT(tee_calc_client_uuid(u, TEE_IOCTL_LOGIN_GROUP, conn, 0, getgid(), getpid()) == -EPERM);
	EXPECT(!tee_calc_client_uuid(u, TEE_IOCTL_LOGIN_APPLICATION, conn, 0, 0, getpid()));
}

int main(void)
{
	if (tee_shm_pool_static_user(0x42000000, 64 * 4096, 4096, NULL, NULL,
				     &fake_dev.pool))
		return 1;
	RUN(arg_buf_length_must_match_num_params);
	RUN(params_refuse_bad_attrs_and_overflow);
	RUN(memref_past_shm_end_never_reaches_backend);
	RUN(supplicant_ioctls_refused_on_client_device);
	RUN(client_uuid_logins);
	tee_shm_pool_destroy(fake_dev.pool);
	tee_shm_table_fini();
	return testlib_summary();
}
