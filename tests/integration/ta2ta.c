// SPDX-License-Identifier: BSD-2-Clause
/*
 * TA-to-TA sessions, TA persistent time and memory access rights,
 * checked inside the softee_ta2ta test TA (which reports the source line
 * of a failed check) and, for session ownership and cancellation, from
 * here. Runs in a softee stack ($SOFTEE_DEV_DIR).
 * usage: ta2ta [--label L] [TEST...]   (all by default)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tee_client_api.h>

#include "softee_ta2ta_ta.h"
#include "softee_test_ta.h"
#include "ta2ta.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static const TEEC_UUID uuid_a = TA_SOFTEE_TA2TA_UUID;

#define T_CANCEL		0xFFFF0002U
#define T_ORIGIN_TRUSTED_APP	4U
#define T_ORIGIN_TEE		3U
#define T_TARGET_DEAD		0xFFFF3024U

struct t2_fix {
	TEEC_Context ctx;
	TEEC_Session sess;
	bool have_ctx, have_sess;
};

static int t2_open(struct t2_fix *f)
{
	uint32_t origin = 0;
	TEEC_Result res;

	memset(f, 0, sizeof(*f));
	res = TEEC_InitializeContext(NULL, &f->ctx);
	if (res) {
		TEST_FAILF("TEEC_InitializeContext: 0x%08x", res);
		return -1;
	}
	f->have_ctx = true;
	res = TEEC_OpenSession(&f->ctx, &f->sess, &uuid_a, TEEC_LOGIN_PUBLIC,
			       NULL, NULL, &origin);
	if (res) {
		TEST_FAILF("open softee_ta2ta: 0x%08x origin %u", res, origin);
		return -1;
	}
	f->have_sess = true;
	return 0;
}

static void t2_close(struct t2_fix *f)
{
	if (f->have_sess)
		TEEC_CloseSession(&f->sess);
	if (f->have_ctx)
		TEEC_FinalizeContext(&f->ctx);
	f->have_sess = f->have_ctx = false;
}

/*
 * Invoke cmd with op (p3 is set to VALUE_OUTPUT for the TA's report) and
 * record a failure with the TA's failing line. 0 if it succeeded.
 */
static int t2_invoke(struct t2_fix *f, uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin = 0;
	TEEC_Result res;

	op->paramTypes = (op->paramTypes & 0xFFF) |
			 (uint32_t)TEEC_VALUE_OUTPUT << 12;
	res = TEEC_InvokeCommand(&f->sess, cmd, op, &origin);
	if (res == SOFTEE_TA2TA_FAILED) {
		TEST_FAILF("check at softee_ta2ta_ta.c:%u failed (value 0x%x)",
			   op->params[3].value.a, op->params[3].value.b);
		return -1;
	}
	if (res || origin != T_ORIGIN_TRUSTED_APP) {
		TEST_FAILF("command %u: 0x%08x origin %u", cmd, res, origin);
		return -1;
	}
	return 0;
}

/* The whole test is one command run by the TA. */
static void t2_simple(uint32_t cmd)
{
	TEEC_Operation op;
	struct t2_fix f;

	if (!t2_open(&f)) {
		memset(&op, 0, sizeof(op));
		t2_invoke(&f, cmd, &op);
	}
	t2_close(&f);
}

#define SIMPLE(name, cmd) TEST(name) { t2_simple(cmd); }

SIMPLE(values_both_ways_between_tas, SOFTEE_TA2TA_CMD_VALUES)
SIMPLE(input_memrefs_from_heap_stack_rodata_and_null,
       SOFTEE_TA2TA_CMD_MEMREF_IN)
SIMPLE(output_memref_written_back_only_up_to_returned_size,
       SOFTEE_TA2TA_CMD_MEMREF_OUT)
SIMPLE(inout_memref_changed_in_place, SOFTEE_TA2TA_CMD_MEMREF_INOUT)
SIMPLE(short_buffer_reports_needed_size_and_copies_nothing,
       SOFTEE_TA2TA_CMD_SHORT_BUFFER)
SIMPLE(target_sees_trusted_app_login_and_caller_uuid,
       SOFTEE_TA2TA_CMD_IDENTITY)
SIMPLE(target_panic_kills_only_that_session, SOFTEE_TA2TA_CMD_TARGET_PANIC)
SIMPLE(session_to_itself_is_busy_not_a_deadlock, SOFTEE_TA2TA_CMD_CYCLE_SELF)
SIMPLE(cycle_through_a_peer_is_busy_not_a_deadlock,
       SOFTEE_TA2TA_CMD_CYCLE_PEER)
SIMPLE(open_errors_have_tee_or_trusted_app_origin,
       SOFTEE_TA2TA_CMD_OPEN_ERRORS)
SIMPLE(persistent_time_unset_set_running_overflow_per_ta,
       SOFTEE_TA2TA_CMD_PTIME)
SIMPLE(access_rights_of_memrefs_from_a_ta, SOFTEE_TA2TA_CMD_MEMRIGHTS_TA)
SIMPLE(cancellation_timeout_cancels_the_nested_call,
       SOFTEE_TA2TA_CMD_CANCEL_TIMEOUT)
SIMPLE(one_mib_memrefs_in_out_and_inout, SOFTEE_TA2TA_CMD_BIG_MEMREF)

static uint32_t t2_fnv(const uint8_t *b, size_t n)
{
	uint32_t h = 2166136261U;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 16777619U;
	}
	return h;
}

TEST(client_memrefs_forwarded_to_another_ta)
{
	uint8_t in[777], out[1234];
	TEEC_Operation op;
	struct t2_fix f;

	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 31 + 5);
	memset(out, 0, sizeof(out));
	if (t2_open(&f)) {
		t2_close(&f);
		return;
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_VALUE_INOUT, TEEC_NONE);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = sizeof(in);
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = sizeof(out);
	op.params[2].value.a = 40;
	if (t2_invoke(&f, SOFTEE_TA2TA_CMD_FORWARD, &op)) {
		t2_close(&f);
		return;
	}
	t2_close(&f);
	CHECK_EQ_U(op.params[2].value.a, t2_fnv(in, sizeof(in)));
	CHECK_EQ_U(op.params[2].value.b, 0);
	CHECK_EQ_U(op.params[1].tmpref.size, sizeof(out));
	for (size_t i = 0; i < sizeof(out); i++)
		CHECK_EQ_U(out[i], (uint8_t)(40 + 7 * i));
}

TEST(access_rights_of_client_memrefs_and_own_memory)
{
	uint8_t in[100], out[200], io[300];
	TEEC_Operation op;
	struct t2_fix f;

	memset(in, 1, sizeof(in));
	if (!t2_open(&f)) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
						 TEEC_MEMREF_TEMP_OUTPUT,
						 TEEC_MEMREF_TEMP_INOUT,
						 TEEC_NONE);
		op.params[0].tmpref.buffer = in;
		op.params[0].tmpref.size = sizeof(in);
		op.params[1].tmpref.buffer = out;
		op.params[1].tmpref.size = sizeof(out);
		op.params[2].tmpref.buffer = io;
		op.params[2].tmpref.size = sizeof(io);
		t2_invoke(&f, SOFTEE_TA2TA_CMD_MEMRIGHTS, &op);
	}
	t2_close(&f);
}

struct t2_cancel {
	TEEC_Operation *op;
	volatile int done;
};

/* Keep asking until the call is over: the first ask may come too early. */
static void *t2_canceller(void *p)
{
	struct t2_cancel *c = p;

	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		usleep(200 * 1000);
		TEEC_RequestCancellation(c->op);
	}
	return NULL;
}

TEST(client_cancellation_reaches_the_nested_call)
{
	struct t2_cancel c;
	TEEC_Operation op;
	struct t2_fix f;
	pthread_t th;
	int rc;

	if (t2_open(&f)) {
		t2_close(&f);
		return;
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	/* Long enough that only a cancel ends it within the test's time. */
	op.params[0].value.a = 60000;
	c.op = &op;
	c.done = 0;
	if (pthread_create(&th, NULL, t2_canceller, &c)) {
		t2_close(&f);
		CHECK(!"pthread_create");
	}
	rc = t2_invoke(&f, SOFTEE_TA2TA_CMD_NESTED_WAIT, &op);
	__atomic_store_n(&c.done, 1, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	t2_close(&f);
	if (rc)
		return;
	/* softee_test's TEE_Wait saw the cancellation of our call. */
	CHECK_EQ_U(op.params[1].value.a, T_CANCEL);
	CHECK_EQ_U(op.params[1].value.b, T_ORIGIN_TRUSTED_APP);
}

TEST(sessions_a_ta_keeps_close_when_it_is_destroyed)
{
	struct t2_counts base, now;
	TEEC_Operation op;
	struct t2_fix f;

	CHECK(!t2_counts(&base));
	if (t2_open(&f)) {
		t2_close(&f);
		return;
	}
	memset(&op, 0, sizeof(op));
	if (t2_invoke(&f, SOFTEE_TA2TA_CMD_KEEP_SESSION, &op)) {
		t2_close(&f);
		return;
	}
	if (t2_counts(&now)) {
		t2_close(&f);
		CHECK(!"counts");
	}
	/* Our session and the TA's, its instance and the multi TA's. */
	EXPECT_EQ_U(now.sw_sessions, base.sw_sessions + 2);
	EXPECT_EQ_U(now.sw_instances, base.sw_instances + 2);
	EXPECT_EQ_U(now.drv_sessions, base.drv_sessions + 1);
	/* Last session: the instance goes, and the session it held. */
	t2_close(&f);
	if (t2_wait_counts(&base, &now))
		TEST_FAILF("counts stay at sessions %ld instances %ld (base %ld %ld)",
			   now.sw_sessions, now.sw_instances, base.sw_sessions,
			   base.sw_instances);
}

TEST(sessions_a_ta_keeps_close_when_it_dies)
{
	struct t2_counts base, now, dead;
	uint32_t origin = 0;
	TEEC_Operation op;
	TEEC_Result res;
	struct t2_fix f;

	CHECK(!t2_counts(&base));
	if (t2_open(&f)) {
		t2_close(&f);
		return;
	}
	memset(&op, 0, sizeof(op));
	if (t2_invoke(&f, SOFTEE_TA2TA_CMD_KEEP_SESSION, &op)) {
		t2_close(&f);
		return;
	}
	memset(&op, 0, sizeof(op));
	res = TEEC_InvokeCommand(&f.sess, SOFTEE_TA2TA_CMD_PANIC, &op, &origin);
	EXPECT_EQ_U(res, T_TARGET_DEAD);
	EXPECT_EQ_U(origin, T_ORIGIN_TEE);
	/*
	 * Dead, with our session still open: only that session and the
	 * dead instance remain; the session it kept is gone already.
	 */
	dead = base;
	dead.sw_sessions++;
	dead.sw_instances++;
	dead.drv_sessions++;
	if (t2_wait_counts(&dead, &now))
		TEST_FAILF("after the panic: sessions %ld instances %ld (want %ld %ld)",
			   now.sw_sessions, now.sw_instances, dead.sw_sessions,
			   dead.sw_instances);
	t2_close(&f);
	if (t2_wait_counts(&base, &now))
		TEST_FAILF("counts stay at sessions %ld instances %ld (base %ld %ld)",
			   now.sw_sessions, now.sw_instances, base.sw_sessions,
			   base.sw_instances);
}

struct t2_test {
	const char *name;
	void (*fn)(void);
};
#define T2(n) { #n, test_##n }

static const struct t2_test t2_tests[] = {
	T2(values_both_ways_between_tas),
	T2(input_memrefs_from_heap_stack_rodata_and_null),
	T2(output_memref_written_back_only_up_to_returned_size),
	T2(inout_memref_changed_in_place),
	T2(short_buffer_reports_needed_size_and_copies_nothing),
	T2(client_memrefs_forwarded_to_another_ta),
	T2(target_sees_trusted_app_login_and_caller_uuid),
	T2(target_panic_kills_only_that_session),
	T2(session_to_itself_is_busy_not_a_deadlock),
	T2(cycle_through_a_peer_is_busy_not_a_deadlock),
	T2(open_errors_have_tee_or_trusted_app_origin),
	/* First in its stack: it checks the time starts unset. */
	T2(persistent_time_unset_set_running_overflow_per_ta),
	T2(access_rights_of_client_memrefs_and_own_memory),
	T2(access_rights_of_memrefs_from_a_ta),
	T2(cancellation_timeout_cancels_the_nested_call),
	T2(client_cancellation_reaches_the_nested_call),
	T2(one_mib_memrefs_in_out_and_inout),
	T2(sessions_a_ta_keeps_close_when_it_is_destroyed),
	T2(sessions_a_ta_keeps_close_when_it_dies),
};

/*
 * softee_test is kept alive once loaded: load it before the baseline so
 * that only what the tests leave behind shows.
 */
static int t2_baseline(struct t2_counts *base)
{
	static const TEEC_UUID uuid_test = TA_SOFTEE_TEST_UUID;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;

	if (TEEC_InitializeContext(NULL, &ctx))
		return -1;
	if (TEEC_OpenSession(&ctx, &s, &uuid_test, TEEC_LOGIN_PUBLIC, NULL,
			     NULL, &origin)) {
		TEEC_FinalizeContext(&ctx);
		return -1;
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return t2_counts(base);
}

int main(int argc, char **argv)
{
	struct t2_counts base, now;
	size_t n = sizeof(t2_tests) / sizeof(t2_tests[0]);
	bool ok_base = !t2_baseline(&base);
	const char *label = NULL;
	char name[160];
	int first = 1;

	if (argc > 2 && !strcmp(argv[1], "--label")) {
		label = argv[2];
		first = 3;
	}
	for (size_t i = 0; i < n; i++) {
		bool want = argc <= first;

		for (int k = first; k < argc; k++)
			want |= !strcmp(argv[k], t2_tests[i].name);
		if (!want)
			continue;
		t2_tests[i].fn();
		snprintf(name, sizeof(name), "%s%s%s", label ? label : "",
			 label ? "/" : "", t2_tests[i].name);
		testlib_report(name);
	}
	/* Everything the tests opened is closed again, in every daemon. */
	if (!ok_base)
		TEST_FAILF("no counters from the stack");
	else if (t2_wait_counts(&base, &now))
		TEST_FAILF("sessions %ld/%ld instances %ld, were %ld/%ld %ld",
			   now.drv_sessions, now.sw_sessions, now.sw_instances,
			   base.drv_sessions, base.sw_sessions,
			   base.sw_instances);
	snprintf(name, sizeof(name), "%s%sta2ta_counts_back_to_baseline",
		 label ? label : "", label ? "/" : "");
	testlib_report(name);
	return testlib_summary();
}
