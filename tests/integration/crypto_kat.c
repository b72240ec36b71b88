// SPDX-License-Identifier: BSD-2-Clause
/*
 * Client of the symmetric crypto test TA (tests/ta/softee_crypto): runs
 * each known-answer family and GP behaviour check inside the TA and
 * reports one line per check; then commits each GP misuse in a session
 * of its own and expects the TA to have panicked (TARGET_DEAD).
 * usage: crypto_kat [--list] [NAME...]   (all checks by default)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tee_client_api.h>

#include "softee_crypto_ta.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static const TEEC_UUID crypto_uuid = TA_SOFTEE_CRYPTO_UUID;

#define SC_NAME(id, name) #name,
static const char *const check_names[] = { SC_CHECKS(SC_NAME) };
static const char *const panic_names[] = { SC_PANICS(SC_NAME) };

static TEEC_Context ctx;

static int selected(int argc, char **argv, const char *name)
{
	int i;

	if (argc <= 1)
		return 1;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

static TEEC_Result open_session(TEEC_Session *s)
{
	uint32_t origin = 0;

	return TEEC_OpenSession(&ctx, s, &crypto_uuid, TEEC_LOGIN_PUBLIC, NULL,
				NULL, &origin);
}

/* One check in session s; reopens s if the TA died under it. */
static void run_check(TEEC_Session *s, int *have, uint32_t id)
{
	char msg[256] = "";
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin = 0;

	if (!*have) {
		res = open_session(s);
		if (res != TEEC_SUCCESS) {
			TEST_FAILF("cannot open a session: 0x%08x", res);
			return;
		}
		*have = 1;
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = id;
	op.params[1].tmpref.buffer = msg;
	op.params[1].tmpref.size = sizeof(msg) - 1;
	res = TEEC_InvokeCommand(s, SOFTEE_CRYPTO_CMD_CHECK, &op, &origin);
	if (res == TEEC_SUCCESS)
		return;
	msg[sizeof(msg) - 1] = '\0';
	TEST_FAILF("0x%08x (origin %u): %s", res, origin,
		   msg[0] ? msg : "no detail");
	if (res == TEEC_ERROR_TARGET_DEAD) {
		TEEC_CloseSession(s);
		*have = 0;
	}
}

/* The misuse id in a session of its own: the TA must die of it. */
static void run_panic(uint32_t id)
{
	TEEC_Session s;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin = 0;

	res = open_session(&s);
	if (res != TEEC_SUCCESS) {
		TEST_FAILF("cannot open a session: 0x%08x", res);
		return;
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = id;
	res = TEEC_InvokeCommand(&s, SOFTEE_CRYPTO_CMD_PANIC, &op, &origin);
	if (res == (TEEC_Result)SOFTEE_CRYPTO_NO_PANIC)
		TEST_FAILF("the misuse returned instead of panicking");
	else if (res != TEEC_ERROR_TARGET_DEAD)
		TEST_FAILF("0x%08x (origin %u), want TARGET_DEAD", res, origin);
	else if (origin != TEEC_ORIGIN_TEE)
		TEST_FAILF("TARGET_DEAD from origin %u, want the TEE", origin);
	TEEC_CloseSession(&s);
}

int main(int argc, char **argv)
{
	char name[96];
	TEEC_Session s;
	TEEC_Result res;
	int have = 0;
	uint32_t i;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (i = 0; i < SC_CHECK_COUNT; i++)
			printf("crypto_%s\n", check_names[i]);
		for (i = 0; i < SC_PANIC_COUNT; i++)
			printf("crypto_panic_%s\n", panic_names[i]);
		return 0;
	}
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS) {
		printf("FAIL: crypto_context: TEEC_InitializeContext 0x%08x\n",
		       res);
		return 1;
	}
	for (i = 0; i < SC_CHECK_COUNT; i++) {
		snprintf(name, sizeof(name), "crypto_%s", check_names[i]);
		if (!selected(argc, argv, name))
			continue;
		run_check(&s, &have, i);
		testlib_report(name);
	}
	if (have)
		TEEC_CloseSession(&s);
	for (i = 0; i < SC_PANIC_COUNT; i++) {
		snprintf(name, sizeof(name), "crypto_panic_%s", panic_names[i]);
		if (!selected(argc, argv, name))
			continue;
		run_panic(i);
		testlib_report(name);
	}
	/* Panics took down only their own instances. */
	if (selected(argc, argv, "crypto_usable_after_panics")) {
		have = 0;
		run_check(&s, &have, SC_CHECK_DIGEST_MD5);
		if (have)
			TEEC_CloseSession(&s);
		testlib_report("crypto_usable_after_panics");
	}
	TEEC_FinalizeContext(&ctx);
	return testlib_summary();
}
