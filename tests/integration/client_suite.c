// SPDX-License-Identifier: BSD-2-Clause
/*
 * The libteec integration suite: drives a running softee stack
 * ($SOFTEE_DEV_DIR) through the GP Client API as client programs do.
 * usage: client_suite [--label L] [--list] [TEST...]   (all by default)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client_suite.h"
#include "ctl.h"

TESTLIB_DEFINE_STATE;

const TEEC_UUID cs_uuid_main = TA_SOFTEE_TEST_UUID;
const TEEC_UUID cs_uuid_multi = TA_SOFTEE_TEST_MULTI_UUID;
const TEEC_UUID cs_uuid_single = TA_SOFTEE_TEST_SINGLE_UUID;

struct cs_counts cs_baseline;
int cs_have_baseline;

int cs_fix_open(struct cs_fix *f, const TEEC_UUID *uuid)
{
	TEEC_Result res;
	uint32_t origin = 0;

	memset(f, 0, sizeof(*f));
	res = TEEC_InitializeContext(NULL, &f->ctx);
	if (res != TEEC_SUCCESS) {
		TEST_FAILF("TEEC_InitializeContext: 0x%08x", res);
		return -1;
	}
	f->have_ctx = 1;
	res = TEEC_OpenSession(&f->ctx, &f->sess, uuid, TEEC_LOGIN_PUBLIC,
			       NULL, NULL, &origin);
	if (res != TEEC_SUCCESS) {
		TEST_FAILF("TEEC_OpenSession: 0x%08x origin %u", res, origin);
		cs_fix_close(f);
		return -1;
	}
	f->have_sess = 1;
	return 0;
}

void cs_fix_close(struct cs_fix *f)
{
	if (f->have_sess)
		TEEC_CloseSession(&f->sess);
	if (f->have_ctx)
		TEEC_FinalizeContext(&f->ctx);
	f->have_sess = f->have_ctx = 0;
}

TEEC_Result cs_invoke(TEEC_Session *s, uint32_t cmd, TEEC_Operation *op,
		      uint32_t *origin)
{
	uint32_t o = 0;
	TEEC_Result res = TEEC_InvokeCommand(s, cmd, op, &o);

	if (origin)
		*origin = o;
	return res;
}

TEEC_Result cs_wait_cmd(TEEC_Session *s, uint32_t ms,
			       TEEC_Operation *op, uint32_t *origin)
{
	memset(op, 0, sizeof(*op));
	op->paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
					  TEEC_NONE, TEEC_NONE);
	op->params[0].value.a = ms;
	return cs_invoke(s, SOFTEE_TEST_CMD_WAIT, op, origin);
}

int cs_calls(TEEC_Session *s, uint32_t *calls)
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	if (cs_invoke(s, SOFTEE_TEST_CMD_CALLS, &op, NULL) != TEEC_SUCCESS)
		return -EIO;
	*calls = op.params[0].value.a;
	return 0;
}

static long cs_parse_key(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ':')
			return strtol(p + klen + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

int cs_driver_counts(struct cs_counts *c)
{
	const char *dir = getenv("SOFTEE_DEV_DIR");
	char path[PATH_MAX];
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	int rc;

	if (!dir)
		return -ENOENT;
	if (snprintf(path, sizeof(path), "%s/driver.ctl", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	out = open_memstream(&text, &len);
	if (!out)
		return -ENOMEM;
	rc = ctl_query(path, "status", out);
	fclose(out);
	if (!rc) {
		c->sessions = cs_parse_key(text, "sessions");
		c->shm = cs_parse_key(text, "shm");
		c->contexts = cs_parse_key(text, "contexts");
		if (c->sessions < 0 || c->shm < 0 || c->contexts < 0)
			rc = -EPROTO;
	}
	free(text);
	return rc;
}

int cs_wait_counts(const struct cs_counts *want, int timeout_ms,
		   struct cs_counts *got)
{
	uint64_t end = cs_now_ms() + (uint64_t)timeout_ms;

	for (;;) {
		int rc = cs_driver_counts(got);

		if (rc)
			return rc;
		if (got->sessions == want->sessions && got->shm == want->shm &&
		    got->contexts == want->contexts)
			return 0;
		if (cs_now_ms() > end)
			return -ETIMEDOUT;
		usleep(50 * 1000);
	}
}

uint32_t cs_fnv(const void *buf, size_t n)
{
	const uint8_t *b = buf;
	uint32_t h = 2166136261U;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 16777619U;
	}
	return h;
}

uint8_t cs_pattern(uint32_t seed, size_t i)
{
	return (uint8_t)(seed + 7 * i);
}

uint64_t cs_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

const char *cs_bin_path(const char *prog)
{
	static char path[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	/* this program lives in BUILD/tests/integration; programs in BUILD/bin */
	if (n <= 0)
		return prog;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return prog;
	*slash = '\0';
	if (snprintf(path, sizeof(path), "%s/../../bin/%s", exe, prog) >=
	    (int)sizeof(path))
		return prog;
	return path;
}

TEST(driver_counts_back_to_baseline_after_suite)
{
	struct cs_counts got;
	int rc;

	if (!cs_have_baseline)
		SKIP_TEST("driver.ctl status not available");
	rc = cs_wait_counts(&cs_baseline, 5000, &got);
	if (rc)
		TEST_FAILF("driver counts sessions/shm/contexts %ld/%ld/%ld, "
			   "baseline %ld/%ld/%ld (%d)", got.sessions, got.shm,
			   got.contexts, cs_baseline.sessions, cs_baseline.shm,
			   cs_baseline.contexts, rc);
}

static const struct cs_test cs_final_tests[] = {
	CS_T(driver_counts_back_to_baseline_after_suite),
};

static void cs_run(const struct cs_test *t, const char *label)
{
	char name[256];

	snprintf(name, sizeof(name), "%s%s%s", label ? label : "",
		 label ? "/" : "", t->name);
	t->fn();
	testlib_report(name);
}

static const struct {
	const struct cs_test *tests;
	const size_t *n;
} cs_groups[] = {
	{ cs_mem_tests, &cs_mem_ntests },
	{ cs_robust_tests, &cs_robust_ntests },
	{ cs_stack_tests, &cs_stack_ntests },
};

int main(int argc, char **argv)
{
	static const size_t n_final = sizeof(cs_final_tests) / sizeof(cs_final_tests[0]);
	const char *label = NULL;
	int list = 0, first = 1, i, found;
	size_t g, k;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while (first < argc && argv[first][0] == '-') {
		if (!strcmp(argv[first], "--label") && first + 1 < argc) {
			label = argv[first + 1];
			first += 2;
		} else if (!strcmp(argv[first], "--list")) {
			list = 1;
			first++;
		} else {
			fprintf(stderr, "usage: %s [--label L] [--list] [TEST...]\n",
				argv[0]);
			return 2;
		}
	}
	if (list) {
		for (g = 0; g < sizeof(cs_groups) / sizeof(cs_groups[0]); g++)
			for (k = 0; k < *cs_groups[g].n; k++)
				printf("%s\n", cs_groups[g].tests[k].name);
		for (k = 0; k < n_final; k++)
			printf("%s\n", cs_final_tests[k].name);
		return 0;
	}
	if (!cs_driver_counts(&cs_baseline))
		cs_have_baseline = 1;
	if (first == argc) {
		for (g = 0; g < sizeof(cs_groups) / sizeof(cs_groups[0]); g++)
			for (k = 0; k < *cs_groups[g].n; k++)
				cs_run(&cs_groups[g].tests[k], label);
		for (k = 0; k < n_final; k++)
			cs_run(&cs_final_tests[k], label);
		return testlib_summary();
	}
	for (i = first; i < argc; i++) {
		found = 0;
		for (g = 0; g < sizeof(cs_groups) / sizeof(cs_groups[0]); g++)
			for (k = 0; k < *cs_groups[g].n; k++)
				if (!strcmp(argv[i], cs_groups[g].tests[k].name)) {
					cs_run(&cs_groups[g].tests[k], label);
					found = 1;
				}
		for (k = 0; k < n_final; k++)
			if (!strcmp(argv[i], cs_final_tests[k].name)) {
				cs_run(&cs_final_tests[k], label);
				found = 1;
			}
		if (!found) {
			printf("FAIL: %s: no such test\n", argv[i]);
			testlib.failed++;
		}
	}
	return testlib_summary();
}
