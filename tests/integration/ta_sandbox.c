// SPDX-License-Identifier: BSD-2-Clause
/*
 * The TA host's seccomp sandbox, seen from a client: each forbidden
 * system call kills the TA that makes it (TARGET_DEAD, origin TEE; the
 * secure world saw its host die of SIGSYS), a session on another TA
 * keeps working, and every counter returns to where it was. Needs the
 * stack's secure world at log level info ($SOFTEE_DEV_DIR/secure.log).
 * usage: ta_sandbox [TEST...]   (all by default)
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tee_client_api.h>

#include "softee_sandbox_ta.h"
#include "softee_test_ta.h"
#include "ta2ta.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static const TEEC_UUID uuid_sandbox = TA_SOFTEE_SANDBOX_UUID;
static const TEEC_UUID uuid_test = TA_SOFTEE_TEST_UUID;
static const TEEC_UUID uuid_ctor = TA_SOFTEE_SANDBOX_CTOR_UUID;

#define T_ORIGIN_TEE		3U
#define T_ORIGIN_TRUSTED_APP	4U
#define T_TARGET_DEAD		0xFFFF3024U

/* What the secure world's reaper logs for a host seccomp killed. */
static char sigsys_line[64];

static int sb_open(TEEC_Context *ctx, TEEC_Session *s, const TEEC_UUID *u)
{
	uint32_t origin = 0;
	TEEC_Result res = TEEC_OpenSession(ctx, s, u, TEEC_LOGIN_PUBLIC, NULL,
					   NULL, &origin);

	if (res)
		TEST_FAILF("open session: 0x%08x origin %u", res, origin);
	return res ? -1 : 0;
}

static TEEC_Result sb_invoke(TEEC_Session *s, uint32_t cmd, uint32_t *a,
			     uint32_t *origin)
{
	TEEC_Operation op;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	res = TEEC_InvokeCommand(s, cmd, &op, origin);
	if (a)
		*a = op.params[0].value.a;
	return res;
}

static TEEC_Result sb_echo(TEEC_Session *s)
{
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 1;
	res = TEEC_InvokeCommand(s, SOFTEE_TEST_CMD_ECHO, &op, &origin);
	if (!res && op.params[0].value.a != 2)
		return TEEC_ERROR_GENERIC;
	return res;
}

TEST(allowed_actions_leave_the_ta_running)
{
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t a = 0, origin = 0;
	TEEC_Result r1, r2;

	CHECK(!TEEC_InitializeContext(NULL, &ctx));
	if (sb_open(&ctx, &s, &uuid_sandbox)) {
		TEEC_FinalizeContext(&ctx);
		return;
	}
	r1 = sb_invoke(&s, SOFTEE_SANDBOX_CMD_ALLOWED, &a, &origin);
	/* And once more: the first did not kill it. */
	r2 = sb_invoke(&s, SOFTEE_SANDBOX_CMD_ALLOWED, NULL, &origin);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	CHECK_EQ_U(r1, TEEC_SUCCESS);
	CHECK_EQ_U(a, 0x5a + 7);
	CHECK_EQ_U(r2, TEEC_SUCCESS);
	CHECK_EQ_U(origin, T_ORIGIN_TRUSTED_APP);
}

/* One forbidden call: the TA dies of it, nothing else does. */
static void sb_forbidden(uint32_t cmd)
{
	struct t2_counts base, now;
	TEEC_Session s, other;
	TEEC_Context ctx;
	uint32_t a = 0, origin = 0, origin2 = 0;
	TEEC_Result res, again;
	long kills;
	uint64_t end;

	CHECK(!TEEC_InitializeContext(NULL, &ctx));
	if (sb_open(&ctx, &other, &uuid_test)) {
		TEEC_FinalizeContext(&ctx);
		return;
	}
	if (t2_counts(&base))
		TEST_FAILF("no counters from the stack");
	if (testlib.failed_now || sb_open(&ctx, &s, &uuid_sandbox)) {
		TEEC_CloseSession(&other);
		TEEC_FinalizeContext(&ctx);
		return;
	}
	kills = t2_log_count(sigsys_line);
	res = sb_invoke(&s, cmd, &a, &origin);
	again = sb_invoke(&s, SOFTEE_SANDBOX_CMD_ALLOWED, NULL, &origin2);
	EXPECT(sb_echo(&other) == TEEC_SUCCESS);
	TEEC_CloseSession(&s);
	EXPECT(sb_echo(&other) == TEEC_SUCCESS);
	if (res == SOFTEE_SANDBOX_SURVIVED)
		TEST_FAILF("the forbidden call returned %d", (int)a);
	EXPECT_EQ_U(res, T_TARGET_DEAD);
	EXPECT_EQ_U(origin, T_ORIGIN_TEE);
	EXPECT_EQ_U(again, T_TARGET_DEAD);
	EXPECT_EQ_U(origin2, T_ORIGIN_TEE);
	/* It died of the filter (SIGSYS), not of anything else. */
	end = t2_now_ms() + 20000;
	while (kills >= 0 && t2_log_count(sigsys_line) <= kills &&
	       t2_now_ms() < end)
		usleep(50 * 1000);
	if (kills < 0 || t2_log_count(sigsys_line) <= kills)
		TEST_FAILF("no \"%s\" in the secure world's log", sigsys_line);
	/* The dead instance and its session are gone. */
	if (t2_wait_counts(&base, &now))
		TEST_FAILF("sessions %ld/%ld instances %ld, were %ld/%ld %ld",
			   now.drv_sessions, now.sw_sessions, now.sw_instances,
			   base.drv_sessions, base.sw_sessions,
			   base.sw_instances);
	TEEC_CloseSession(&other);
	TEEC_FinalizeContext(&ctx);
}

#define FORBIDDEN(name, cmd) TEST(name) { sb_forbidden(cmd); }

FORBIDDEN(open_kills_the_ta, SOFTEE_SANDBOX_CMD_FORBID_OPEN)
FORBIDDEN(socket_kills_the_ta, SOFTEE_SANDBOX_CMD_FORBID_SOCKET)
FORBIDDEN(execve_kills_the_ta, SOFTEE_SANDBOX_CMD_FORBID_EXECVE)
FORBIDDEN(fork_kills_the_ta, SOFTEE_SANDBOX_CMD_FORBID_FORK)
FORBIDDEN(kill_kills_the_ta, SOFTEE_SANDBOX_CMD_FORBID_KILL)
FORBIDDEN(executable_mmap_kills_the_ta, SOFTEE_SANDBOX_CMD_FORBID_MMAP_EXEC)
FORBIDDEN(mprotect_to_exec_kills_the_ta,
	  SOFTEE_SANDBOX_CMD_FORBID_MPROTECT_EXEC)
FORBIDDEN(ptrace_kills_the_ta, SOFTEE_SANDBOX_CMD_FORBID_PTRACE)
FORBIDDEN(write_to_another_fd_kills_the_ta,
	  SOFTEE_SANDBOX_CMD_FORBID_WRITE_FD)

/*
 * A constructor runs inside dlopen, before the full sandbox: the loader
 * filter kills it there, so the session never opens, nothing of the TA
 * stays behind and other sessions are untouched.
 */
TEST(constructor_escape_kills_the_ta_at_load)
{
	struct t2_counts base, now;
	TEEC_Session s, other;
	TEEC_Context ctx;
	uint32_t origin = 0;
	TEEC_Result res;
	long kills;
	uint64_t end;

	CHECK(!TEEC_InitializeContext(NULL, &ctx));
	if (sb_open(&ctx, &other, &uuid_test)) {
		TEEC_FinalizeContext(&ctx);
		return;
	}
	if (t2_counts(&base))
		TEST_FAILF("no counters from the stack");
	kills = t2_log_count(sigsys_line);
	res = TEEC_OpenSession(&ctx, &s, &uuid_ctor, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res == TEEC_SUCCESS) {
		TEEC_CloseSession(&s);
		TEST_FAILF("a TA whose constructor opens a socket was loaded");
	}
	EXPECT_EQ_U(origin, T_ORIGIN_TEE);
	EXPECT(sb_echo(&other) == TEEC_SUCCESS);
	end = t2_now_ms() + 20000;
	while (kills >= 0 && t2_log_count(sigsys_line) <= kills &&
	       t2_now_ms() < end)
		usleep(50 * 1000);
	if (kills < 0 || t2_log_count(sigsys_line) <= kills)
		TEST_FAILF("no \"%s\" in the secure world's log", sigsys_line);
	if (t2_wait_counts(&base, &now))
		TEST_FAILF("sessions %ld/%ld instances %ld, were %ld/%ld %ld",
			   now.drv_sessions, now.sw_sessions, now.sw_instances,
			   base.drv_sessions, base.sw_sessions,
			   base.sw_instances);
	TEEC_CloseSession(&other);
	TEEC_FinalizeContext(&ctx);
}

struct sb_test {
	const char *name;
	void (*fn)(void);
};
#define SB(n) { #n, test_##n }

static const struct sb_test sb_tests[] = {
	SB(allowed_actions_leave_the_ta_running),
	SB(open_kills_the_ta),
	SB(socket_kills_the_ta),
	SB(execve_kills_the_ta),
	SB(fork_kills_the_ta),
	SB(kill_kills_the_ta),
	SB(executable_mmap_kills_the_ta),
	SB(mprotect_to_exec_kills_the_ta),
	SB(ptrace_kills_the_ta),
	SB(write_to_another_fd_kills_the_ta),
	SB(constructor_escape_kills_the_ta_at_load),
};

int main(int argc, char **argv)
{
	size_t n = sizeof(sb_tests) / sizeof(sb_tests[0]);

	snprintf(sigsys_line, sizeof(sigsys_line), "killed by signal %d",
		 SIGSYS);
	for (size_t i = 0; i < n; i++) {
		bool want = argc < 2;

		for (int k = 1; k < argc; k++)
			want |= !strcmp(argv[k], sb_tests[i].name);
		if (!want)
			continue;
		sb_tests[i].fn();
		testlib_report(sb_tests[i].name);
	}
	return testlib_summary();
}
