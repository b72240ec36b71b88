/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Virtualization tests: hostile raw guests next to a real VM, and the
 * clean-up of a guest whose driver dies mid-call.
 * usage: vms_test [--label L] [TEST...]   (in VM 1 of `softee run --vms`);
 * the large-buffer test runs only when named, in every VM (--each-vm).
 */
#define _GNU_SOURCE
#include "vms_test.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dyn_util.h"
#include "softee_chan.h"
#include "softee_test_ta.h"

TESTLIB_DEFINE_STATE;

const char *vt_run_dir;
const TEEC_UUID vt_uuid = TA_SOFTEE_TEST_UUID;
const TEEC_UUID vt_multi_uuid = TA_SOFTEE_TEST_MULTI_UUID;
static char vt_text[128 * 1024];

const char *vt_slot(unsigned int k)
{
	static char path[8][PATH_MAX];

	snprintf(path[k % 8], sizeof(path[0]), "%s/vm%u/%s", vt_run_dir, k,
		 SOFTEE_SECURE_SOCK);
	return path[k % 8];
}

const char *vt_status(const char *daemon, const char *cmd)
{
	if (dyn_ctl(vt_run_dir, daemon, cmd, vt_text, sizeof(vt_text)))
		vt_text[0] = '\0';
	return vt_text;
}

uint64_t vt_kv(const char *text, const char *fmt, ...)
{
	char key[128];
	uint64_t v;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(key, sizeof(key), fmt, ap);
	va_end(ap);
	return dyn_kv(text, key, &v) ? VT_NO_VALUE : v;
}

uint32_t vt_slot_vm(unsigned int k)
{
	uint64_t v = vt_kv(vt_status("hyp", "status"), "slot%u.vm", k);

	return v == VT_NO_VALUE ? 0 : (uint32_t)v;
}

bool vt_wait_slot_free(unsigned int k, int timeout_ms)
{
	for (int t = 0; t < timeout_ms; t += 20) {
		const char *s = vt_status("hyp", "status");

		if (vt_kv(s, "slot%u.vm", k) == 0 && vt_kv(s, "vms_dying") == 0)
			return true;
		usleep(20000);
	}
	return false;
}

TEEC_Result vt_vm1_echo(int n)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	TEEC_Result r;
	uint32_t origin;

	r = TEEC_InitializeContext(NULL, &ctx);
	if (r)
		return r;
	r = TEEC_OpenSession(&ctx, &s, &vt_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			     &origin);
	if (r) {
		TEEC_FinalizeContext(&ctx);
		return r;
	}
	for (int i = 0; i < n && !r; i++) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].value.a = (uint32_t)i;
		r = TEEC_InvokeCommand(&s, SOFTEE_TEST_CMD_ECHO, &op, &origin);
		if (!r && op.params[0].value.a != (uint32_t)i + 1)
			r = TEEC_ERROR_GENERIC;
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return r;
}

uint64_t vt_boot_id(unsigned int tag)
{
	return 0x5eedb00700000000ULL ^ ((uint64_t)getpid() << 16) ^ tag ^
	       (uint64_t)time(NULL) << 40;
}

static int vt_run(const struct vt_test *t, size_t n, int argc, char **argv,
		  int first, const char *label)
{
	int ran = 0;

	for (size_t k = 0; k < n; k++) {
		char name[256];
		bool want = first >= argc;

		for (int i = first; i < argc; i++)
			want |= !strcmp(argv[i], t[k].name);
		if (!want)
			continue;
		t[k].fn();
		snprintf(name, sizeof(name), "%s%s%s", label, *label ? "/" : "",
			 t[k].name);
		testlib_report(name);
		ran++;
	}
	return ran;
}

int main(int argc, char **argv)
{
	const char *label = "";
	int first = 1;

	if (argc > 2 && !strcmp(argv[1], "--label")) {
		label = argv[2];
		first = 3;
	}
	vt_run_dir = getenv("SOFTEE_RUN_DIR");
	if (!vt_run_dir || !getenv("SOFTEE_DEV_DIR")) {
		printf("FAIL: vms_environment: run me with softee run --vms\n");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Run in every VM at once (--each-vm): only when named. */
	if (first < argc)
		vt_run(vt_big_tests, vt_big_ntests, argc, argv, first, label);
	vt_run(vt_hostile_tests, vt_hostile_ntests, argc, argv, first, label);
	/* Last: it kills VM 2's driver. */
	vt_run(vt_cleanup_tests, vt_cleanup_ntests, argc, argv, first, label);
	return testlib_summary();
}
