// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bad TA images, seen from a client (driven by ta_images.sh, which lays
 * out the TA directory): opening a session to each fails with the
 * expected GP code and origin TEE, the secure world's log names the
 * reason, and a session to a good TA opened before keeps working, as do
 * new ones.
 * usage: ta_images GOOD_UUID CASE...
 *   CASE = name|uuid|code|reason  (code in hex, 0: the open must work;
 *   reason: text the secure world's "TA <uuid> refused: " line must
 *   contain, empty for none; "*text": any line of the log, for what the
 *   TA host finds). The log is $SOFTEE_DEV_DIR/secure.log.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tee_client_api.h>

#include "softee_test_ta.h"
#include "testlib.h"
#include "util.h"

TESTLIB_DEFINE_STATE;

struct img_case {
	char name[64];
	char uuid_str[37];
	TEEC_UUID uuid;
	uint32_t code;
	char reason[128];
};

static TEEC_Context ctx;
static TEEC_Session good;	/* opened first, must survive every case */
static TEEC_UUID good_uuid;
static uint32_t echo_seq;

static int parse_uuid(const char *s, TEEC_UUID *u)
{
	uint8_t o[16];

	if (strlen(s) != 36 || uuid_str_to_octets(s, o))
		return -1;
	u->timeLow = (uint32_t)o[0] << 24 | o[1] << 16 | o[2] << 8 | o[3];
	u->timeMid = (uint16_t)(o[4] << 8 | o[5]);
	u->timeHiAndVersion = (uint16_t)(o[6] << 8 | o[7]);
	memcpy(u->clockSeqAndNode, o + 8, 8);
	return 0;
}

/* name|uuid|code|reason; returns 0 or -1. */
static int parse_case(const char *arg, struct img_case *c)
{
	char buf[512], *f[4], *save = NULL, *end;
	unsigned long code;
	size_t n = 0;

	if (snprintf(buf, sizeof(buf), "%s", arg) >= (int)sizeof(buf))
		return -1;
	/* strsep keeps the empty reason field; strtok would drop it. */
	for (char *p = buf; n < 4 && (f[n] = strsep(&p, "|")); n++)
		save = p;
	if (n != 4 || save)
		return -1;
	errno = 0;
	code = strtoul(f[2], &end, 16);
	if (errno || *end || code > UINT32_MAX ||
	    snprintf(c->name, sizeof(c->name), "%s", f[0]) >= (int)sizeof(c->name) ||
	    snprintf(c->uuid_str, sizeof(c->uuid_str), "%s", f[1]) !=
	    (int)sizeof(c->uuid_str) - 1 ||
	    snprintf(c->reason, sizeof(c->reason), "%s", f[3]) >= (int)sizeof(c->reason) ||
	    parse_uuid(c->uuid_str, &c->uuid))
		return -1;
	c->code = (uint32_t)code;
	return 0;
}

static TEEC_Result echo(TEEC_Session *s)
{
	TEEC_Operation op;
	uint32_t origin = 0;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = ++echo_seq;
	res = TEEC_InvokeCommand(s, SOFTEE_TEST_CMD_ECHO, &op, &origin);
	if (!res && op.params[0].value.a != echo_seq + 1)
		return TEEC_ERROR_GENERIC;
	return res;
}

/*
 * Is there a "TA <uuid> refused: ...<reason>..." line in the log (or, for
 * "*reason", a line with reason anywhere)?
 */
static int log_has_reason(const char *uuid, const char *reason)
{
	const char *dir = getenv("SOFTEE_DEV_DIR");
	char path[4096], needle[64], *line = NULL;
	size_t cap = 0;
	int found = 0;
	FILE *f;

	if (!dir || snprintf(path, sizeof(path), "%s/secure.log", dir) >=
	    (int)sizeof(path))
		return -1;
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (reason[0] == '*') {
		needle[0] = '\0';
		reason++;
	} else {
		snprintf(needle, sizeof(needle), "TA %s refused: ", uuid);
	}
	while (!found && getline(&line, &cap, f) > 0) {
		const char *p = strstr(line, needle);

		found = p && strstr(p + strlen(needle), reason);
	}
	free(line);
	fclose(f);
	return found;
}

/* The good TA still serves: its old session and a new one. */
static int good_still_serves(void)
{
	TEEC_Session s;
	uint32_t origin = 0;
	TEEC_Result res;

	res = echo(&good);
	if (res) {
		TEST_FAILF("the session opened before no longer works: 0x%08x",
			   res);
		return -1;
	}
	res = TEEC_OpenSession(&ctx, &s, &good_uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res) {
		TEST_FAILF("a new session to the good TA fails: 0x%08x origin %u",
			   res, origin);
		return -1;
	}
	res = echo(&s);
	TEEC_CloseSession(&s);
	if (res) {
		TEST_FAILF("a new session to the good TA cannot invoke: 0x%08x",
			   res);
		return -1;
	}
	return 0;
}

static void run_case(const struct img_case *c)
{
	TEEC_Session s;
	uint32_t origin = 0;
	TEEC_Result res;
	int found;

	res = TEEC_OpenSession(&ctx, &s, &c->uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (c->code == TEEC_SUCCESS) {
		if (res) {
			TEST_FAILF("open failed: 0x%08x origin %u", res, origin);
			return;
		}
		res = echo(&s);
		TEEC_CloseSession(&s);
		if (res) {
			TEST_FAILF("invoke failed: 0x%08x", res);
			return;
		}
	} else {
		if (!res) {
			TEEC_CloseSession(&s);
			TEST_FAILF("the image was accepted (want 0x%08x)", c->code);
			return;
		}
		if (res != c->code || origin != TEEC_ORIGIN_TEE) {
			TEST_FAILF("open gave 0x%08x origin %u, want 0x%08x origin %u",
				   res, origin, c->code, TEEC_ORIGIN_TEE);
			return;
		}
	}
	if (c->reason[0]) {
		found = log_has_reason(c->uuid_str, c->reason);
		if (found != 1) {
			TEST_FAILF("%s: no \"TA %s refused: ...%s\" line",
				   found < 0 ? "cannot read the secure log" :
				   "secure log", c->uuid_str, c->reason);
			return;
		}
	}
	good_still_serves();
}

int main(int argc, char **argv)
{
	uint32_t origin = 0;
	TEEC_Result res;
	struct img_case c;
	char name[96];

	if (argc < 2 || parse_uuid(argv[1], &good_uuid)) {
		fprintf(stderr, "usage: ta_images GOOD_UUID name|uuid|code|reason...\n");
		return 2;
	}
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res) {
		printf("FAIL: ta_images/context: 0x%08x\n", res);
		return 1;
	}
	res = TEEC_OpenSession(&ctx, &good, &good_uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res || echo(&good)) {
		printf("FAIL: ta_images/good_ta_works: 0x%08x origin %u\n", res,
		       origin);
		if (!res)
			TEEC_CloseSession(&good);
		TEEC_FinalizeContext(&ctx);
		return 1;
	}
	for (int i = 2; i < argc; i++) {
		if (parse_case(argv[i], &c)) {
			printf("FAIL: ta_images/bad_case_argument: %s\n", argv[i]);
			testlib.failed++;
			continue;
		}
		run_case(&c);
		snprintf(name, sizeof(name), "ta_images/%s", c.name);
		testlib_report(name);
	}
	TEEC_CloseSession(&good);
	TEEC_FinalizeContext(&ctx);
	return testlib_summary();
}
