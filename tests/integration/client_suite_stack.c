// SPDX-License-Identifier: BSD-2-Clause
/*
 * Session and instance tests of the libteec suite: error origins,
 * instances, identity and properties, time, random, waits, cancellation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client_suite.h"

static const TEEC_UUID cs_uuid_unknown = {
	0x5eed7e57, 0xdead, 0x4c1e, { 0x9a, 0x7b, 0, 0, 0, 0, 0xde, 0xad }
};

static TEEC_Result cs_value_cmd(TEEC_Session *s, uint32_t cmd, uint32_t *a,
				uint32_t *b)
{
	TEEC_Operation op;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	res = cs_invoke(s, cmd, &op, NULL);
	if (a)
		*a = op.params[0].value.a;
	if (b)
		*b = op.params[0].value.b;
	return res;
}

TEST(open_session_unknown_uuid_item_not_found_origin_tee)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin = 0;
	TEEC_Result res;

	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	res = TEEC_OpenSession(&ctx, &sess, &cs_uuid_unknown, TEEC_LOGIN_PUBLIC,
			       NULL, NULL, &origin);
	if (res == TEEC_SUCCESS)
		TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	CHECK_EQ_U(res, TEEC_ERROR_ITEM_NOT_FOUND);
	CHECK_EQ_U(origin, TEEC_ORIGIN_TEE);
}

TEST(open_session_error_from_ta_has_origin_trusted_app)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	uint32_t origin = 0;
	TEEC_Result res, res2;

	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = SOFTEE_TEST_OPEN_FAIL_MAGIC;
	op.params[0].value.b = TEEC_ERROR_ACCESS_DENIED;
	res = TEEC_OpenSession(&ctx, &sess, &cs_uuid_multi, TEEC_LOGIN_PUBLIC,
			       NULL, &op, &origin);
	if (res == TEEC_SUCCESS)
		TEEC_CloseSession(&sess);
	/* open-session params are passed in and back like invoke params */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 41;
	op.params[0].value.b = 99;
	res2 = TEEC_OpenSession(&ctx, &sess, &cs_uuid_main, TEEC_LOGIN_PUBLIC,
				NULL, &op, NULL);
	if (res2 == TEEC_SUCCESS)
		TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	CHECK_EQ_U(res, TEEC_ERROR_ACCESS_DENIED);
	CHECK_EQ_U(origin, TEEC_ORIGIN_TRUSTED_APP);
	CHECK_EQ_U(res2, TEEC_SUCCESS);
	CHECK_EQ_U(op.params[0].value.a, 42);
	CHECK_EQ_U(op.params[0].value.b, 100);
}

TEST(ta_result_codes_returned_with_origin_trusted_app)
{
	static const uint32_t codes[] = { TEEC_ERROR_NOT_IMPLEMENTED,
					  TEEC_ERROR_GENERIC, 0x00000042,
					  0xF0100003 };
	struct cs_fix f;
	size_t i;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		TEEC_Operation op;
		uint32_t origin = 0;
		TEEC_Result res;

		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].value.a = codes[i];
		res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_RETURN, &op, &origin);
		EXPECT_EQ_U(res, codes[i]);
		EXPECT_EQ_U(origin, TEEC_ORIGIN_TRUSTED_APP);
	}
	cs_fix_close(&f);
}

TEST(unknown_command_not_supported_by_ta)
{
	struct cs_fix f;
	TEEC_Operation op;
	uint32_t origin = 0;
	TEEC_Result res;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&op, 0, sizeof(op));
	res = cs_invoke(&f.sess, 0x7777, &op, &origin);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_ERROR_NOT_SUPPORTED);
	CHECK_EQ_U(origin, TEEC_ORIGIN_TRUSTED_APP);
}

TEST(several_contexts_and_sessions_work_interleaved)
{
	TEEC_Context ctx[2];
	TEEC_Session sess[6];
	int open[6] = { 0 }, have_ctx[2] = { 0 };
	size_t i, round;

	for (i = 0; i < 2; i++) {
		if (TEEC_InitializeContext(NULL, &ctx[i]) != TEEC_SUCCESS) {
			TEST_FAILF("context %zu", i);
			goto out;
		}
		have_ctx[i] = 1;
	}
	for (i = 0; i < 6; i++) {
		const TEEC_UUID *u = (i % 3 == 2) ? &cs_uuid_multi : &cs_uuid_main;

		if (TEEC_OpenSession(&ctx[i % 2], &sess[i], u, TEEC_LOGIN_PUBLIC,
				     NULL, NULL, NULL) != TEEC_SUCCESS) {
			TEST_FAILF("session %zu", i);
			goto out;
		}
		open[i] = 1;
	}
	for (round = 0; round < 5; round++) {
		for (i = 0; i < 6; i++) {
			TEEC_Operation op;
			size_t k = (i * 5 + round) % 6;

			memset(&op, 0, sizeof(op));
			op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT,
							 TEEC_NONE, TEEC_NONE,
							 TEEC_NONE);
			op.params[0].value.a = (uint32_t)(k * 1000 + round);
			if (cs_invoke(&sess[k], SOFTEE_TEST_CMD_ECHO, &op,
				      NULL) != TEEC_SUCCESS ||
			    op.params[0].value.a != k * 1000 + round + 1) {
				TEST_FAILF("session %zu round %zu", k, round);
				goto out;
			}
		}
		if (round == 2) {	/* close one in the middle */
			TEEC_CloseSession(&sess[3]);
			open[3] = 0;
			if (TEEC_OpenSession(&ctx[1], &sess[3], &cs_uuid_main,
					     TEEC_LOGIN_PUBLIC, NULL, NULL,
					     NULL) != TEEC_SUCCESS) {
				TEST_FAILF("reopen");
				goto out;
			}
			open[3] = 1;
		}
	}
out:
	for (i = 0; i < 6; i++)
		if (open[i])
			TEEC_CloseSession(&sess[i]);
	for (i = 0; i < 2; i++)
		if (have_ctx[i])
			TEEC_FinalizeContext(&ctx[i]);
}

TEST(single_instance_ta_shares_counter_between_sessions)
{
	struct cs_fix f1, f2;
	uint32_t a1 = 0, a2 = 0, n2 = 0;
	TEEC_Result r1, r2;

	if (cs_fix_open(&f1, &cs_uuid_main))
		return;
	if (cs_fix_open(&f2, &cs_uuid_main)) {
		cs_fix_close(&f1);
		return;
	}
	r1 = cs_value_cmd(&f1.sess, SOFTEE_TEST_CMD_COUNTER, &a1, NULL);
	r2 = cs_value_cmd(&f2.sess, SOFTEE_TEST_CMD_COUNTER, &a2, &n2);
	cs_fix_close(&f2);
	cs_fix_close(&f1);
	CHECK_EQ_U(r1, TEEC_SUCCESS);
	CHECK_EQ_U(r2, TEEC_SUCCESS);
	CHECK_EQ_U(a2, a1 + 1);
	CHECK(n2 >= 2);
}

TEST(keep_alive_instance_keeps_state_after_last_session_closes)
{
	struct cs_fix f;
	uint32_t a1 = 0, a2 = 0;
	TEEC_Result r1, r2;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	r1 = cs_value_cmd(&f.sess, SOFTEE_TEST_CMD_COUNTER, &a1, NULL);
	cs_fix_close(&f);
	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	r2 = cs_value_cmd(&f.sess, SOFTEE_TEST_CMD_COUNTER, &a2, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(r1, TEEC_SUCCESS);
	CHECK_EQ_U(r2, TEEC_SUCCESS);
	CHECK_EQ_U(a2, a1 + 1);
}

TEST(multi_instance_ta_sessions_have_separate_state)
{
	struct cs_fix f1, f2;
	uint32_t a1 = 0, a2 = 0, b = 0;
	TEEC_Result r1, r2, r3;

	if (cs_fix_open(&f1, &cs_uuid_multi))
		return;
	if (cs_fix_open(&f2, &cs_uuid_multi)) {
		cs_fix_close(&f1);
		return;
	}
	r1 = cs_value_cmd(&f1.sess, SOFTEE_TEST_CMD_COUNTER, &a1, NULL);
	r2 = cs_value_cmd(&f1.sess, SOFTEE_TEST_CMD_COUNTER, &a1, NULL);
	r3 = cs_value_cmd(&f2.sess, SOFTEE_TEST_CMD_COUNTER, &a2, &b);
	cs_fix_close(&f2);
	cs_fix_close(&f1);
	CHECK_EQ_U(r1, TEEC_SUCCESS);
	CHECK_EQ_U(r2, TEEC_SUCCESS);
	CHECK_EQ_U(r3, TEEC_SUCCESS);
	CHECK_EQ_U(a1, 2);
	CHECK_EQ_U(a2, 1);
	CHECK_EQ_U(b, 1);
}

TEST(single_session_ta_refuses_second_session_with_busy)
{
	TEEC_Session s2;
	struct cs_fix f;
	uint32_t origin = 0;
	TEEC_Result res, res2;

	if (cs_fix_open(&f, &cs_uuid_single))
		return;
	res = TEEC_OpenSession(&f.ctx, &s2, &cs_uuid_single, TEEC_LOGIN_PUBLIC,
			       NULL, NULL, &origin);
	if (res == TEEC_SUCCESS)
		TEEC_CloseSession(&s2);
	TEEC_CloseSession(&f.sess);
	f.have_sess = 0;
	res2 = TEEC_OpenSession(&f.ctx, &f.sess, &cs_uuid_single,
				TEEC_LOGIN_PUBLIC, NULL, NULL, NULL);
	f.have_sess = res2 == TEEC_SUCCESS;
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_ERROR_BUSY);
	CHECK_EQ_U(origin, TEEC_ORIGIN_TEE);
	CHECK_EQ_U(res2, TEEC_SUCCESS);
}

static void cs_check_identity(uint32_t login, uint32_t want_login,
			      int want_nil)
{
	static const uint8_t nil[16];
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	uint8_t uuid[16];
	TEEC_Result res, ores;
	uint32_t origin = 0;

	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	ores = TEEC_OpenSession(&ctx, &sess, &cs_uuid_main, login, NULL, NULL,
				&origin);
	if (ores != TEEC_SUCCESS) {
		TEEC_FinalizeContext(&ctx);
		TEST_FAILF("open with login %u: 0x%08x origin %u", login, ores,
			   origin);
		return;
	}
	memset(&op, 0, sizeof(op));
	memset(uuid, 0xcc, sizeof(uuid));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[1].tmpref.buffer = uuid;
	op.params[1].tmpref.size = sizeof(uuid);
	res = cs_invoke(&sess, SOFTEE_TEST_CMD_IDENTITY, &op, NULL);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK_EQ_U(op.params[0].value.a, want_login);
	if (want_nil)
		CHECK(!memcmp(uuid, nil, sizeof(nil)));
	else
		CHECK(memcmp(uuid, nil, sizeof(nil)) != 0);
}

TEST(client_identity_public_login_has_nil_uuid)
{
	cs_check_identity(TEEC_LOGIN_PUBLIC, 0, 1);
}

TEST(client_identity_user_login_seen_by_ta)
{
	cs_check_identity(TEEC_LOGIN_USER, 1, 0);
}

TEST(client_identity_application_login_seen_by_ta)
{
	cs_check_identity(TEEC_LOGIN_APPLICATION, 4, 0);
}

static void cs_check_props(const TEEC_UUID *uuid, uint32_t want_bits)
{
	struct cs_fix f;
	TEEC_Operation op;
	TEEC_UUID got;
	char str[64];
	TEEC_Result res;

	if (cs_fix_open(&f, uuid))
		return;
	memset(&op, 0, sizeof(op));
	memset(str, 0, sizeof(str));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE);
	op.params[1].tmpref.buffer = &got;
	op.params[1].tmpref.size = sizeof(got);
	op.params[2].tmpref.buffer = str;
	op.params[2].tmpref.size = sizeof(str) - 1;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_PROPS, &op, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK_EQ_U(op.params[0].value.a, want_bits);
	CHECK_EQ_U(op.params[0].value.b, SOFTEE_TEST_PROP_U32_VALUE);
	CHECK(!memcmp(&got, uuid, sizeof(got)));
	CHECK(!strcmp(str, SOFTEE_TEST_PROP_STR_VALUE));
}

TEST(ta_properties_readable_by_the_ta)
{
	cs_check_props(&cs_uuid_main, SOFTEE_TEST_PROP_SINGLE |
		       SOFTEE_TEST_PROP_MULTI | SOFTEE_TEST_PROP_KEEP_ALIVE);
	if (!testlib.failed_now)
		cs_check_props(&cs_uuid_multi, SOFTEE_TEST_PROP_MULTI);
}

TEST(system_time_advances_across_a_wait)
{
	struct cs_fix f;
	TEEC_Operation op;
	uint32_t s1 = 0, m1 = 0, s2 = 0, m2 = 0;
	TEEC_Result r1, r2, r3;
	uint64_t t1, t2;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	r1 = cs_value_cmd(&f.sess, SOFTEE_TEST_CMD_TIME, &s1, &m1);
	r2 = cs_wait_cmd(&f.sess, 150, &op, NULL);
	r3 = cs_value_cmd(&f.sess, SOFTEE_TEST_CMD_TIME, &s2, &m2);
	cs_fix_close(&f);
	CHECK_EQ_U(r1, TEEC_SUCCESS);
	CHECK_EQ_U(r2, TEEC_SUCCESS);
	CHECK_EQ_U(r3, TEEC_SUCCESS);
	CHECK(m1 < 1000 && m2 < 1000);
	t1 = (uint64_t)s1 * 1000 + m1;
	t2 = (uint64_t)s2 * 1000 + m2;
	if (t2 < t1 + 140 || t2 > t1 + 10000)
		TEST_FAILF("TA time moved by %lld ms across a 150 ms wait",
			   (long long)(t2 - t1));
}

TEST(random_bytes_differ_between_calls)
{
	struct cs_fix f;
	TEEC_Operation op;
	uint8_t r1[64], r2[64], zero[64] = { 0 };
	TEEC_Result res1, res2;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = r1;
	op.params[0].tmpref.size = sizeof(r1);
	res1 = cs_invoke(&f.sess, SOFTEE_TEST_CMD_RANDOM, &op, NULL);
	op.params[0].tmpref.buffer = r2;
	op.params[0].tmpref.size = sizeof(r2);
	res2 = cs_invoke(&f.sess, SOFTEE_TEST_CMD_RANDOM, &op, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(res1, TEEC_SUCCESS);
	CHECK_EQ_U(res2, TEEC_SUCCESS);
	CHECK(memcmp(r1, r2, sizeof(r1)) != 0);
	CHECK(memcmp(r1, zero, sizeof(r1)) != 0);
}

TEST(wait_returns_success_after_requested_time)
{
	struct cs_fix f;
	TEEC_Operation op;
	TEEC_Result res;
	uint64_t t0, dt;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	t0 = cs_now_ms();
	res = cs_wait_cmd(&f.sess, 200, &op, NULL);
	dt = cs_now_ms() - t0;
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK(dt >= 190);
}

struct cs_cancel_arg {
	TEEC_Operation *op;
	int delay_ms;
};

static void *cs_cancel_thread(void *p)
{
	struct cs_cancel_arg *a = p;

	usleep((useconds_t)a->delay_ms * 1000);
	TEEC_RequestCancellation(a->op);
	return NULL;
}

TEST(cancellation_from_another_thread_ends_ta_wait_with_cancel)
{
	struct cs_cancel_arg arg;
	struct cs_fix f;
	TEEC_Operation op;
	pthread_t th;
	uint32_t origin = 0;
	TEEC_Result res;
	uint64_t t0, dt;

	if (cs_fix_open(&f, &cs_uuid_multi))
		return;
	memset(&op, 0, sizeof(op));
	op.started = 0;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 8000;
	arg.op = &op;
	arg.delay_ms = 400;
	if (pthread_create(&th, NULL, cs_cancel_thread, &arg)) {
		cs_fix_close(&f);
		CHECK(!"pthread_create");
	}
	t0 = cs_now_ms();
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_WAIT, &op, &origin);
	dt = cs_now_ms() - t0;
	pthread_join(th, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_ERROR_CANCEL);
	CHECK_EQ_U(origin, TEEC_ORIGIN_TRUSTED_APP);
	if (dt > 5000)
		TEST_FAILF("the wait took %llu ms despite the cancel",
			   (unsigned long long)dt);
}

TEST(context_without_a_device_cannot_be_initialized)
{
	const char *dir = getenv("SOFTEE_DEV_DIR");
	char *saved = dir ? strdup(dir) : NULL;
	TEEC_Context ctx;
	TEEC_Result res;

	setenv("SOFTEE_DEV_DIR", "/nonexistent/softee-no-such-dir", 1);
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res == TEEC_SUCCESS)
		TEEC_FinalizeContext(&ctx);
	if (saved)
		setenv("SOFTEE_DEV_DIR", saved, 1);
	else
		unsetenv("SOFTEE_DEV_DIR");
	free(saved);
	CHECK(res != TEEC_SUCCESS);
}

const struct cs_test cs_stack_tests[] = {
	CS_T(ta_result_codes_returned_with_origin_trusted_app),
	CS_T(unknown_command_not_supported_by_ta),
	CS_T(several_contexts_and_sessions_work_interleaved),
	CS_T(single_instance_ta_shares_counter_between_sessions),
	CS_T(keep_alive_instance_keeps_state_after_last_session_closes),
	CS_T(multi_instance_ta_sessions_have_separate_state),
	CS_T(single_session_ta_refuses_second_session_with_busy),
	CS_T(client_identity_public_login_has_nil_uuid),
	CS_T(client_identity_user_login_seen_by_ta),
	CS_T(client_identity_application_login_seen_by_ta),
	CS_T(ta_properties_readable_by_the_ta),
	CS_T(system_time_advances_across_a_wait),
	CS_T(random_bytes_differ_between_calls),
	CS_T(wait_returns_success_after_requested_time),
	CS_T(cancellation_from_another_thread_ends_ta_wait_with_cancel),
	/* last: a failed open must not break later opens (it did once) */
	CS_T(open_session_unknown_uuid_item_not_found_origin_tee),
	CS_T(open_session_error_from_ta_has_origin_trusted_app),
	CS_T(context_without_a_device_cannot_be_initialized),
};
const size_t cs_stack_ntests = sizeof(cs_stack_tests) / sizeof(cs_stack_tests[0]);
