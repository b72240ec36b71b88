// SPDX-License-Identifier: BSD-2-Clause
/*
 * The secure world's TA syscall services "session" and "time", fed what
 * a hostile TA host could send: malformed requests are refused (never a
 * crash), well-formed ones about sessions it does not own find nothing,
 * and the TA persistent time follows GP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "softee_ta_sys_time.h"
#include "ta_sys_session.h"
#include "ta_syscall.h"
#include "tee_err.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

#define T_TIME_NOT_SET	0xFFFF5000U
#define T_OVERFLOW	0xFFFF300FU
#define M_IN		TEE_PARAM_TYPE_MEMREF_INPUT
#define M_OUT		TEE_PARAM_TYPE_MEMREF_OUTPUT
#define V_IN		TEE_PARAM_TYPE_VALUE_INPUT
#define PTYPES(a, b, c, d) ((a) | (b) << 4 | (c) << 8 | (d) << 12)

/* Stands for the calling instance: only its address matters. */
static int fake_inst;
static struct ta_sys_ctx ctx = {
	.vm_id = 1,
	.ta_uuid = { 0x5e, 0xed, 0x7e, 0x57, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 },
	.inst = (struct tm_inst *)&fake_inst,
	.session_id = 1,
};

static uint8_t rep_buf[SOFTEE_TA_SYSCALL_MAX_DATA];

static int decode(uint32_t fn, const struct softee_sys_sess_req *q,
		  size_t len, int fd)
{
	struct softee_sys_sess_req out;
	struct ta_sys_req r = { .nr = SOFTEE_SYS_SESS(fn), .in = (void *)q,
				.in_len = len, .in_fd = fd };

	return ta_sys_sess_decode(&r, &out);
}

/* Run the service; the reply's ret, and its origin (or ~0 if none). */
static uint32_t serve(uint32_t nr, const void *in, size_t len, int fd,
		      uint32_t *origin)
{
	struct ta_sys_req r = { .nr = nr, .in = in, .in_len = len,
				.in_fd = fd };
	struct ta_sys_rep rep = { .out = rep_buf, .out_fd = -1 };
	struct softee_sys_sess_rep sr;

	ta_syscall_dispatch(&ctx, &r, &rep);
	*origin = ~0U;
	if (rep.out_len == sizeof(sr)) {
		memcpy(&sr, rep_buf, sizeof(sr));
		*origin = sr.ret_origin;
	}
	return rep.ret;
}

static void req_values(struct softee_sys_sess_req *q)
{
	memset(q, 0, sizeof(*q));
	q->session = 77;
	q->cancel_timeout = 0xFFFFFFFFU;
	q->param_types = PTYPES(V_IN, 0, 0, 0);
	q->params[0].a = 1;
	q->params[0].b = 2;
}

TEST(decode_accepts_well_formed_requests)
{
	struct softee_sys_sess_req q;

	req_values(&q);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), 0);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_OPEN, &q, sizeof(q), -1), 0);
	memset(&q, 0, sizeof(q));
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_CLOSE, &q, sizeof(q), -1), 0);
	/* A memref of 0 bytes carries nothing: no fd. */
	q.param_types = PTYPES(M_IN, 0, 0, 0);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), 0);
	q.params[0].b = 10;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), 0), 0);
}

TEST(decode_refuses_wrong_lengths_and_functions)
{
	struct softee_sys_sess_req q[2];

	req_values(&q[0]);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, q, sizeof(q[0]) - 1, -1),
		   -EINVAL);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, q, sizeof(q[0]) + 1, -1),
		   -EINVAL);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, q, 0, -1), -EINVAL);
	CHECK_EQ_U(decode(0, q, sizeof(q[0]), -1), -EINVAL);
	CHECK_EQ_U(decode(4, q, sizeof(q[0]), -1), -EINVAL);
	CHECK_EQ_U(decode(0xFF, q, sizeof(q[0]), -1), -EINVAL);
}

TEST(decode_refuses_reserved_bits_and_bad_types)
{
	static const uint32_t bad_types[] = { 4, 8, 9, 0xF };
	struct softee_sys_sess_req q;

	req_values(&q);
	q.reserved = 1;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), -EINVAL);
	req_values(&q);
	q.param_types |= 1U << 16;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), -EINVAL);
	req_values(&q);
	q.null_refs = 1U << 4;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), -EINVAL);
	for (size_t i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		req_values(&q);
		q.param_types = PTYPES(V_IN, bad_types[i], 0, 0);
		CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1),
			   -EINVAL);
	}
	/* NULL flags only on memrefs. */
	req_values(&q);
	q.null_refs = 1;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), -EINVAL);
	req_values(&q);
	q.null_refs = 2;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), -EINVAL);
	/* CLOSE carries nothing. */
	memset(&q, 0, sizeof(q));
	q.param_types = PTYPES(V_IN, 0, 0, 0);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_CLOSE, &q, sizeof(q), -1), -EINVAL);
	memset(&q, 0, sizeof(q));
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_CLOSE, &q, sizeof(q), 0), -EINVAL);
}

TEST(decode_refuses_wide_values_and_overflowing_memrefs)
{
	struct softee_sys_sess_req q;

	req_values(&q);
	q.params[0].a = 1ULL << 32;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), -EINVAL);
	req_values(&q);
	q.params[0].b = UINT64_MAX;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), -EINVAL);
	memset(&q, 0, sizeof(q));
	q.param_types = PTYPES(M_IN, 0, 0, 0);
	q.params[0].a = UINT64_MAX - 5;
	q.params[0].b = 10;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), 0), -EINVAL);
	/* Past what off_t can name. */
	q.params[0].a = (uint64_t)INT64_MAX;
	q.params[0].b = 1;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), 0), -EINVAL);
	/* Two memrefs, together over the limit. */
	q.param_types = PTYPES(M_IN, M_OUT, 0, 0);
	q.params[0].a = 0;
	q.params[0].b = SOFTEE_SYS_SESS_MAX_MEMREF_BYTES / 2 + 1;
	q.params[1].a = 0;
	q.params[1].b = SOFTEE_SYS_SESS_MAX_MEMREF_BYTES / 2 + 1;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), 0), -ENOMEM);
	q.params[1].b = SOFTEE_SYS_SESS_MAX_MEMREF_BYTES / 2 - 1;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), 0), 0);
}

TEST(decode_wants_an_fd_exactly_when_memrefs_carry_bytes)
{
	struct softee_sys_sess_req q;

	memset(&q, 0, sizeof(q));
	q.param_types = PTYPES(M_OUT, 0, 0, 0);
	q.params[0].b = 100;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), -EINVAL);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), 0), 0);
	/* A NULL memref shows a size but has no bytes. */
	q.null_refs = 1;
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), 0), -EINVAL);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), -1), 0);
	req_values(&q);
	CHECK_EQ_U(decode(SOFTEE_SYS_SESS_INVOKE, &q, sizeof(q), 0), -EINVAL);
}

TEST(malformed_requests_are_refused_with_origin_tee)
{
	struct softee_sys_sess_req q;
	uint32_t origin;

	req_values(&q);
	q.reserved = 5;
	CHECK_EQ_U(serve(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_INVOKE), &q,
			 sizeof(q), -1, &origin), TEE_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(origin, TEE_ORIGIN_TEE);
	CHECK_EQ_U(serve(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_OPEN), &q, 3, -1,
			 &origin), TEE_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(origin, TEE_ORIGIN_TEE);
	CHECK_EQ_U(serve(SOFTEE_SYS_SESS(0x42), &q, sizeof(q), -1, &origin),
		   TEE_ERROR_BAD_PARAMETERS);
	/* No such class at all. */
	CHECK_EQ_U(serve(SOFTEE_SYS_NR(0x77, 1), &q, sizeof(q), -1, &origin),
		   TEE_ERROR_NOT_SUPPORTED);
}

TEST(sessions_the_caller_does_not_own_are_not_found)
{
	struct softee_sys_sess_req q;
	uint32_t origin;

	req_values(&q);
	CHECK_EQ_U(serve(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_INVOKE), &q,
			 sizeof(q), -1, &origin), TEE_ERROR_ITEM_NOT_FOUND);
	CHECK_EQ_U(origin, TEE_ORIGIN_TEE);
	memset(&q, 0, sizeof(q));
	q.session = 1;
	CHECK_EQ_U(serve(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_CLOSE), &q, sizeof(q),
			 -1, &origin), TEE_ERROR_ITEM_NOT_FOUND);
}

TEST(open_without_a_normal_world_thread_is_a_communication_error)
{
	struct softee_sys_sess_req q;
	uint32_t origin;

	req_values(&q);
	CHECK(ctx.thread == NULL);
	CHECK_EQ_U(serve(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_OPEN), &q, sizeof(q),
			 -1, &origin), TEE_ERROR_COMMUNICATION);
	CHECK_EQ_U(origin, TEE_ORIGIN_TEE);
}

TEST(memref_bytes_from_a_pipe_or_a_short_file_are_refused)
{
	struct softee_sys_sess_req q;
	uint32_t origin, ret;
	int p[2], fd;

	memset(&q, 0, sizeof(q));
	q.session = 9;
	q.param_types = PTYPES(M_IN, 0, 0, 0);
	q.params[0].b = 100;
	CHECK(!pipe2(p, O_CLOEXEC));
	ret = serve(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_INVOKE), &q, sizeof(q),
		    p[0], &origin);
	close(p[0]);
	close(p[1]);
	CHECK_EQ_U(ret, TEE_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(origin, TEE_ORIGIN_TEE);
	fd = memfd_create("short", MFD_CLOEXEC);
	CHECK(fd >= 0);
	CHECK(!ftruncate(fd, 10));
	ret = serve(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_INVOKE), &q, sizeof(q), fd,
		    &origin);
	CHECK_EQ_U(ret, TEE_ERROR_BAD_PARAMETERS);
	/* Long enough: copied into secure memory, then no such session. */
	CHECK(!ftruncate(fd, 4096));
	q.param_types = PTYPES(M_IN, M_OUT, 0, 0);
	q.params[1].a = 50;
	q.params[1].b = 5000;
	ret = serve(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_INVOKE), &q, sizeof(q), fd,
		    &origin);
	close(fd);
	CHECK_EQ_U(ret, TEE_ERROR_ITEM_NOT_FOUND);
	CHECK_EQ_U(origin, TEE_ORIGIN_TEE);
}

static uint32_t time_call(uint32_t fn, const struct softee_sys_time *in,
			  size_t in_len, struct softee_sys_time *out)
{
	struct ta_sys_req r = { .nr = SOFTEE_SYS_TIME(fn), .in = (void *)in,
				.in_len = in_len, .in_fd = -1 };
	struct ta_sys_rep rep = { .out = rep_buf, .out_fd = -1 };

	ta_syscall_dispatch(&ctx, &r, &rep);
	if (out) {
		memset(out, 0xff, sizeof(*out));
		if (rep.out_len == sizeof(*out))
			memcpy(out, rep_buf, sizeof(*out));
	}
	return rep.ret;
}

static uint64_t ms_of(const struct softee_sys_time *t)
{
	return (uint64_t)t->seconds * 1000 + t->millis;
}

TEST(persistent_time_follows_gp)
{
	struct softee_sys_time set = { 5000, 250 }, t, t2;
	struct timespec ts = { 0, 20 * 1000000 };

	ctx.vm_id = 7;
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_GET_TA, NULL, 0, NULL),
		   T_TIME_NOT_SET);
	/* Bad requests change nothing. */
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_SET_TA, &set, sizeof(set) - 1,
			     NULL), TEE_ERROR_BAD_PARAMETERS);
	set.millis = 1000;
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_SET_TA, &set, sizeof(set), NULL),
		   TEE_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_GET_TA, &set, sizeof(set), NULL),
		   TEE_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(time_call(0x33, NULL, 0, NULL), TEE_ERROR_NOT_SUPPORTED);
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_GET_TA, NULL, 0, NULL),
		   T_TIME_NOT_SET);
	set.millis = 250;
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_SET_TA, &set, sizeof(set), NULL),
		   TEE_SUCCESS);
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_GET_TA, NULL, 0, &t), TEE_SUCCESS);
	CHECK(ms_of(&t) >= ms_of(&set) && t.millis < 1000);
	nanosleep(&ts, NULL);
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_GET_TA, NULL, 0, &t2), TEE_SUCCESS);
	CHECK(ms_of(&t2) >= ms_of(&t) + 20);
	/* Other normal worlds and other TAs keep their own. */
	ctx.vm_id = 8;
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_GET_TA, NULL, 0, NULL),
		   T_TIME_NOT_SET);
	ctx.vm_id = 7;
	ctx.ta_uuid[15] ^= 1;
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_GET_TA, NULL, 0, NULL),
		   T_TIME_NOT_SET);
	ctx.ta_uuid[15] ^= 1;
	/* Beyond 2^32 s: OVERFLOW with the seconds modulo 2^32. */
	set.seconds = UINT32_MAX;
	set.millis = 999;
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_SET_TA, &set, sizeof(set), NULL),
		   TEE_SUCCESS);
	nanosleep(&ts, NULL);
	CHECK_EQ_U(time_call(SOFTEE_SYS_TIME_GET_TA, NULL, 0, &t), T_OVERFLOW);
	CHECK(t.seconds < 60 && t.millis < 1000);
	ctx.vm_id = 1;
}

int main(void)
{
	RUN(decode_accepts_well_formed_requests);
	RUN(decode_refuses_wrong_lengths_and_functions);
	RUN(decode_refuses_reserved_bits_and_bad_types);
	RUN(decode_refuses_wide_values_and_overflowing_memrefs);
	RUN(decode_wants_an_fd_exactly_when_memrefs_carry_bytes);
	RUN(malformed_requests_are_refused_with_origin_tee);
	RUN(sessions_the_caller_does_not_own_are_not_found);
	RUN(open_without_a_normal_world_thread_is_a_communication_error);
	RUN(memref_bytes_from_a_pipe_or_a_short_file_are_refused);
	RUN(persistent_time_follows_gp);
	return testlib_summary();
}
