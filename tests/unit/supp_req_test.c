/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests: decoding SUPPL_RECV results and encoding SUPPL_SEND answers. */
#include <errno.h>
#include <tee_client_api.h>

#include "supp_req.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static uint64_t buf[SUPP_BUF_SIZE / 8];

static struct tee_iocl_supp_recv_arg *mk(uint32_t func, uint32_t n)
{
	struct tee_iocl_supp_recv_arg *a = (void *)buf;

	memset(buf, 0, sizeof(buf));
	a->func = func;
	a->num_params = n;
	a->params[0].attr = TEE_IOCTL_PARAM_ATTR_META |
			    TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
	a->params[0].a = 0x1234;
	return a;
}

TEST(recv_buffer_announces_async_with_meta)
{
	struct tee_iocl_supp_recv_arg *a = (void *)buf;

	CHECK_EQ_U(supp_req_prepare_recv(buf, true), 8 + 5 * 32);
	CHECK_EQ_U(a->num_params, 5);
	CHECK_EQ_U(a->params[0].attr, TEE_IOCTL_PARAM_ATTR_META);
	supp_req_prepare_recv(buf, false);
	CHECK_EQ_U(a->params[0].attr, 0);
}

TEST(decode_async_request_strips_meta_param)
{
	struct tee_iocl_supp_recv_arg *a = mk(6, 2);
	struct supp_req r;

	a->params[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
	a->params[1].b = 4096;
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), 0);
	CHECK(r.has_id);
	CHECK_EQ_U(r.id, 0x1234);
	CHECK_EQ_U(r.func, 6);
	CHECK_EQ_U(r.num_params, 1);
	CHECK_EQ_U(r.params[0].b, 4096);
	CHECK(supp_req_is_value(&r, 0));
	CHECK(!supp_req_is_memref(&r, 0));
	CHECK(!supp_req_is_value(&r, 1));
}

TEST(decode_rejects_truncated_and_oversized)
{
	struct supp_req r;

	mk(0, 3);
	CHECK_EQ_U(supp_req_decode(buf, 7, true, &r), (uint64_t)-EBADMSG);
	CHECK_EQ_U(supp_req_decode(buf, 8 + 2 * 32, true, &r), (uint64_t)-EBADMSG);
	CHECK_EQ_U(supp_req_decode(NULL, 100, true, &r), (uint64_t)-EBADMSG);
	mk(0, 6);
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), (uint64_t)-EBADMSG);
	mk(0, 0xffffffff);
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), (uint64_t)-EBADMSG);
}

TEST(decode_async_needs_meta_first)
{
	struct tee_iocl_supp_recv_arg *a = mk(0, 2);
	struct supp_req r;

	a->params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), (uint64_t)-EBADMSG);
	mk(0, 0);
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), (uint64_t)-EBADMSG);
}

TEST(decode_bad_attr_still_answerable)
{
	struct tee_iocl_supp_recv_arg *a = mk(0, 3);
	struct supp_req r;

	a->params[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	a->params[2].attr = TEE_IOCTL_PARAM_ATTR_META | TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), (uint64_t)-EPROTO);
	CHECK(r.has_id);
	CHECK_EQ_U(r.num_params, 2);
	a->params[2].attr = 4;	/* the unused type */
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), (uint64_t)-EPROTO);
	a->params[2].attr = TEE_IOCTL_PARAM_ATTR_TYPE_UBUF_INPUT;
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), (uint64_t)-EPROTO);
	a->params[2].attr = 1ULL << 40 | TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), true, &r), (uint64_t)-EPROTO);
}

TEST(decode_sync_mode_takes_all_params)
{
	struct tee_iocl_supp_recv_arg *a = mk(0, 2);
	struct supp_req r;

	a->params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	a->params[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	CHECK_EQ_U(supp_req_decode(buf, sizeof(buf), false, &r), 0);
	CHECK(!r.has_id);
	CHECK_EQ_U(r.num_params, 2);
	CHECK(supp_req_is_memref(&r, 1));
}

TEST(reply_echoes_id_and_params)
{
	struct tee_iocl_supp_send_arg *s = (void *)buf;
	struct supp_req r = { .has_id = true, .id = 99, .num_params = 2 };

	r.params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
	r.params[0].c = 5;
	r.params[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	CHECK_EQ_U(supp_req_encode_reply(&r, TEEC_ERROR_SHORT_BUFFER, buf), 8 + 3 * 32);
	CHECK_EQ_U(s->ret, TEEC_ERROR_SHORT_BUFFER);
	CHECK_EQ_U(s->num_params, 3);
	CHECK_EQ_U(s->params[0].attr, TEE_IOCTL_PARAM_ATTR_META | TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT);
	CHECK_EQ_U(s->params[0].a, 99);
	CHECK_EQ_U(s->params[1].c, 5);
	r.has_id = false;
	CHECK_EQ_U(supp_req_encode_reply(&r, 0, buf), 8 + 2 * 32);
	CHECK_EQ_U(s->params[0].c, 5);
}

TEST(range_check_catches_overflow)
{
	CHECK_EQ_U(supp_req_check_range(0, 4096, 4096), 0);
	CHECK_EQ_U(supp_req_check_range(4096, 0, 4096), 0);
	CHECK(supp_req_check_range(1, 4096, 4096) != 0);
	CHECK(supp_req_check_range(UINT64_MAX, 2, 4096) != 0);
	CHECK(supp_req_check_range(8, UINT64_MAX - 4, UINT64_MAX) != 0);
}

int main(void)
{
	RUN(recv_buffer_announces_async_with_meta);
	RUN(decode_async_request_strips_meta_param);
	RUN(decode_rejects_truncated_and_oversized);
	RUN(decode_async_needs_meta_first);
	RUN(decode_bad_attr_still_answerable);
	RUN(decode_sync_mode_takes_all_params);
	RUN(reply_echoes_id_and_params);
	RUN(range_check_catches_overflow);
	return testlib_summary();
}
