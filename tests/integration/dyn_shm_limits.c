// SPDX-License-Identifier: BSD-2-Clause
/*
 * What the user can see of dynamic shared memory: `softee stat` counts
 * registrations, pages and zero-copy bytes per context; `softee status`
 * shows the quotas; going above them is TEEC_ERROR_OUT_OF_MEMORY.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dyn_shm.h"
#include "dyn_util.h"
#include "softee_test_ta.h"
#include "util.h"

TEST(dyn_stat_shows_registrations_pages_and_zero_copy)
{
	/* columns of the driver's per-context table, in this process's row */
	static const char *const cols[] = { "regs_made", "pages",
					    "zero_copy_drv" };
	TEEC_SharedMemory m;
	TEEC_Context ctx;
	TEEC_Session s;
	uint64_t v;
	uint32_t sum;
	uint8_t *b;
	size_t i;

	b = malloc(MIB);
	CHECK(b);
	if (!dyn_open(&ctx, &s, &dyn_uuid)) {
		free(b);
		return;
	}
	memset(b, 3, MIB);
	memset(&m, 0, sizeof(m));
	m.buffer = b;
	m.size = MIB;
	m.flags = TEEC_MEM_INPUT;
	if (TEEC_RegisterSharedMemory(&ctx, &m) != TEEC_SUCCESS) {
		TEST_FAILF("register");
		goto out;
	}
	if (dyn_ta_checksum(&s, &m, 0, MIB, &sum) != TEEC_SUCCESS)
		TEST_FAILF("invoke");
	/* while the context is open: its own row counts too */
	if (dyn_ctl(dyn_dir, "driver", "stat", dyn_text, sizeof(dyn_text)))
		TEST_FAILF("driver stat did not answer");
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		v = 0;
		if (dyn_table_value(dyn_text, (long)getpid(), cols[i], &v) ||
		    v == 0) {
			fprintf(stderr, "driver stat:\n%s\n", dyn_text);
			TEST_FAILF("driver stat: no %s > 0 in the row of pid %ld (stat on stderr)",
				   cols[i], (long)getpid());
			break;
		}
	}
	TEEC_ReleaseSharedMemory(&m);
out:
	dyn_close(&ctx, &s);
	free(b);
}

TEST(dyn_status_shows_quotas)
{
	/* what bounds a registration, as `softee status` prints it */
	static const char *const drv[] = { "quota_pinned_bytes",
		"quota_total_pinned_bytes", "quota_registrations",
		"max_reg_bytes" };
	uint64_t v;
	size_t i;

	CHECK(!dyn_ctl(dyn_dir, "driver", "status", dyn_text, sizeof(dyn_text)));
	for (i = 0; i < sizeof(drv) / sizeof(drv[0]); i++) {
		v = 0;
		if (dyn_kv(dyn_text, drv[i], &v) || v == 0) {
			fprintf(stderr, "driver status:\n%s\n", dyn_text);
			TEST_FAILF("driver status: no %s > 0 (on stderr)", drv[i]);
			return;
		}
	}
	CHECK(!dyn_ctl(dyn_dir, "secure", "status", dyn_text, sizeof(dyn_text)));
	v = 0;
	if (dyn_kv(dyn_text, "max_reg_bytes", &v) || v == 0)
		TEST_FAILF("secure status: no max_reg_bytes > 0");
}

/* A registration larger than what the driver accepts: OUT_OF_MEMORY,
 * and the context, the session and the stack keep working. */
TEST(dyn_registration_above_quota_is_out_of_memory)
{
	struct softee_dev_info info;
	TEEC_SharedMemory m;
	TEEC_Context ctx;
	TEEC_Session s;
	uint64_t limit, len;
	uint32_t sum;
	void *big;
	TEEC_Result r;
	int e;

	e = dyn_dev_info(dyn_dir, &info);
	if (e)
		SKIP_TEST("driver does not answer OP_INFO (%d)", e);
	limit = MIN(info.max_reg_bytes, info.quota_pinned_bytes);
	if (!limit)
		SKIP_TEST("driver reports no limit");
	if (limit > 1024 * MIB)
		SKIP_TEST("limit %llu MiB too large to exceed cheaply (run in a stack with --quota-pinned)",
			  (unsigned long long)(limit / MIB));
	len = limit + MIB;
	/* untouched anonymous memory: costs nothing until someone copies */
	big = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(big != MAP_FAILED);
	if (!dyn_open(&ctx, &s, &dyn_uuid)) {
		munmap(big, len);
		return;
	}
	memset(&m, 0, sizeof(m));
	m.buffer = big;
	m.size = len;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	r = TEEC_RegisterSharedMemory(&ctx, &m);
	if (r == TEEC_SUCCESS) {
		TEST_FAILF("registration of %llu bytes above the limit %llu accepted",
			   (unsigned long long)len, (unsigned long long)limit);
		TEEC_ReleaseSharedMemory(&m);
	} else if (r != TEEC_ERROR_OUT_OF_MEMORY) {
		TEST_FAILF("over quota: 0x%x, not OUT_OF_MEMORY", r);
	}
	memset(&m, 0, sizeof(m));
	m.size = 4096;
	m.flags = TEEC_MEM_INPUT;
	if (TEEC_AllocateSharedMemory(&ctx, &m) == TEEC_SUCCESS) {
		EXPECT(dyn_ta_checksum(&s, &m, 0, 4096, &sum) == TEEC_SUCCESS);
		TEEC_ReleaseSharedMemory(&m);
	} else {
		TEST_FAILF("a small allocation fails after the refusal");
	}
	dyn_close(&ctx, &s);
	munmap(big, len);
}

/* More registrations than the per-context quota: OUT_OF_MEMORY for the
 * one too many, and releasing one makes room again. */
TEST(dyn_registration_count_above_quota_is_out_of_memory)
{
	enum { DYN_MAXQ = 64 };
	TEEC_SharedMemory m[DYN_MAXQ + 1];
	static uint8_t bufs[DYN_MAXQ + 1][64];
	TEEC_Context ctx;
	TEEC_Result r = TEEC_SUCCESS;
	uint64_t q = 0;
	size_t i, n = 0;

	CHECK(!dyn_ctl(dyn_dir, "driver", "status", dyn_text, sizeof(dyn_text)));
	if (dyn_kv(dyn_text, "quota_registrations", &q) || !q)
		SKIP_TEST("driver status has no quota_registrations");
	if (q > DYN_MAXQ)
		SKIP_TEST("quota of %llu registrations too large here (run with --max-reg)",
			  (unsigned long long)q);
	CHECK(TEEC_InitializeContext(NULL, &ctx) == TEEC_SUCCESS);
	memset(m, 0, sizeof(m));
	for (i = 0; i <= q; i++) {
		m[i].buffer = bufs[i];
		m[i].size = sizeof(bufs[i]);
		m[i].flags = TEEC_MEM_INPUT;
		r = TEEC_RegisterSharedMemory(&ctx, &m[i]);
		if (r != TEEC_SUCCESS)
			break;
		n++;
	}
	/* quota refusals are not papered over with a shadow copy */
	if (n > q)
		TEST_FAILF("%zu registrations accepted with a quota of %llu%s", n,
			   (unsigned long long)q, m[q].imp.shadow_buffer ?
			   " (the last as a shadow copy)" : "");
	else if (n < q)
		TEST_FAILF("registration %zu of %llu failed: 0x%x", n + 1,
			   (unsigned long long)q, r);
	else if (r != TEEC_ERROR_OUT_OF_MEMORY)
		TEST_FAILF("registration %zu failed with 0x%x, not OUT_OF_MEMORY",
			   n + 1, r);
	if (n) {
		TEEC_ReleaseSharedMemory(&m[n - 1]);
		n--;
		memset(&m[n], 0, sizeof(m[n]));
		m[n].buffer = bufs[n];
		m[n].size = sizeof(bufs[n]);
		m[n].flags = TEEC_MEM_INPUT;
		if (TEEC_RegisterSharedMemory(&ctx, &m[n]) == TEEC_SUCCESS)
			n++;
		else
			TEST_FAILF("no room again after a release");
	}
	for (i = 0; i < n; i++)
		TEEC_ReleaseSharedMemory(&m[i]);
	TEEC_FinalizeContext(&ctx);
}
const struct dyn_test dyn_limit_tests[] = {
	DYN_T(dyn_stat_shows_registrations_pages_and_zero_copy),
	DYN_T(dyn_status_shows_quotas),
	DYN_QUOTA_T(dyn_registration_above_quota_is_out_of_memory),
	DYN_QUOTA_T(dyn_registration_count_above_quota_is_out_of_memory),
};
const size_t dyn_limit_ntests =
	sizeof(dyn_limit_tests) / sizeof(dyn_limit_tests[0]);
