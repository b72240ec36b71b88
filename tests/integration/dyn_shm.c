// SPDX-License-Identifier: BSD-2-Clause
/*
 * Dynamic shared memory through libteec, inside a default `softee run`
 * stack: buffers beyond the 2 MiB carve-out, 1 GiB of malloc'd memory,
 * large allocations (this file); memory shared in place
 * (dyn_shm_shared.c); statistics and quotas (dyn_shm_limits.c).
 * usage: dyn_shm [--label L] [TEST...]   (SOFTEE_DEV_DIR set by softee run); the
 * quota tests run only when named, in a stack with small quotas.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyn_shm.h"
#include "dyn_util.h"
#include "softee_test_ta.h"

TESTLIB_DEFINE_STATE;

const TEEC_UUID dyn_uuid = TA_SOFTEE_TEST_UUID;
const TEEC_UUID dyn_multi_uuid = TA_SOFTEE_TEST_MULTI_UUID;
const char *dyn_dir;
char dyn_text[64 * 1024];

bool dyn_open(TEEC_Context *ctx, TEEC_Session *s, const TEEC_UUID *uuid)
{
	uint32_t origin = 0;
	TEEC_Result r;

	r = TEEC_InitializeContext(NULL, ctx);
	if (r != TEEC_SUCCESS) {
		TEST_FAILF("InitializeContext 0x%x", r);
		return false;
	}
	r = TEEC_OpenSession(ctx, s, uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			     &origin);
	if (r != TEEC_SUCCESS) {
		TEST_FAILF("OpenSession 0x%x origin %u", r, origin);
		TEEC_FinalizeContext(ctx);
		return false;
	}
	return true;
}

void dyn_close(TEEC_Context *ctx, TEEC_Session *s)
{
	TEEC_CloseSession(s);
	TEEC_FinalizeContext(ctx);
}

/* Registered in place (not through a shadow copy) as REG_MEM promises. */
bool dyn_in_place(const TEEC_Context *ctx, const TEEC_SharedMemory *m)
{
	return ctx->imp.reg_mem && m->imp.shadow_buffer == NULL;
}

/* TA checksum of a whole registered shm; TEEC result. */
TEEC_Result dyn_ta_checksum(TEEC_Session *s, TEEC_SharedMemory *m,
			    size_t off, size_t size, uint32_t *sum)
{
	TEEC_Operation op;
	TEEC_Result r;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].memref.parent = m;
	op.params[0].memref.offset = off;
	op.params[0].memref.size = size;
	r = TEEC_InvokeCommand(s, SOFTEE_TEST_CMD_CHECKSUM, &op, NULL);
	*sum = op.params[1].value.a;
	return r;
}

/* TA fills [off, off+size) of m with seed + 7 * i. */
TEEC_Result dyn_ta_fill(TEEC_Session *s, TEEC_SharedMemory *m,
			 size_t off, size_t size, uint32_t seed)
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT,
					 TEEC_VALUE_INPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].memref.parent = m;
	op.params[0].memref.offset = off;
	op.params[0].memref.size = size;
	op.params[1].value.a = seed;
	op.params[1].value.b = 0;
	return TEEC_InvokeCommand(s, SOFTEE_TEST_CMD_FILL, &op, NULL);
}

/* Index of the first byte that is not seed + 7 * i, or n. */
size_t dyn_check_fill(const uint8_t *b, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != (uint8_t)(seed + 7 * i))
			return i;
	return n;
}

void dyn_pattern(uint8_t *b, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)((i * 131) ^ (i >> 12) ^ seed);
}
TEST(dyn_stack_has_2mib_carveout_and_dynamic_shm)
{
	TEEC_Context ctx;
	uint64_t v = 0;

	CHECK(!dyn_ctl(dyn_dir, "secure", "status", dyn_text, sizeof(dyn_text)));
	CHECK(!dyn_kv(dyn_text, "carveout_size", &v));
	CHECK_EQ_U(v, 2 * MIB);
	CHECK(strstr(dyn_text, "reserved_shm: yes"));
	CHECK(!dyn_kv(dyn_text, "caps", &v));
	CHECK(v & (1U << 2));	/* OPTEE_SMC_SEC_CAP_DYNAMIC_SHM */
	CHECK(TEEC_InitializeContext(NULL, &ctx) == TEEC_SUCCESS);
	EXPECT(ctx.imp.reg_mem);
	TEEC_FinalizeContext(&ctx);
}

TEST(dyn_three_2mib_buffers_registered_and_used_at_once)
{
	TEEC_SharedMemory m[3];
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	uint8_t *buf[3] = { NULL, NULL, NULL };
	uint32_t sum;
	size_t i, j, bad;
	int nreg = 0;

	if (!dyn_open(&ctx, &s, &dyn_uuid))
		return;
	for (i = 0; i < 3; i++) {
		/* odd offsets: unaligned edges go through bounce frames */
		buf[i] = malloc(2 * MIB + 64);
		if (!buf[i]) {
			TEST_FAILF("malloc");
			goto out;
		}
		dyn_pattern(buf[i] + i, 2 * MIB, (uint32_t)i);
		memset(&m[i], 0, sizeof(m[i]));
		m[i].buffer = buf[i] + i;
		m[i].size = 2 * MIB;
		m[i].flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		if (TEEC_RegisterSharedMemory(&ctx, &m[i]) != TEEC_SUCCESS) {
			TEST_FAILF("register %zu", i);
			goto out;
		}
		nreg++;
		if (!dyn_in_place(&ctx, &m[i]))
			TEST_FAILF("buffer %zu went through a shadow copy", i);
	}
	/* all three in one call: 6 MiB at once through a 2 MiB carve-out */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_MEMREF_WHOLE,
					 TEEC_MEMREF_WHOLE, TEEC_NONE);
	for (i = 0; i < 3; i++)
		op.params[i].memref.parent = &m[i];
	if (TEEC_InvokeCommand(&s, SOFTEE_TEST_CMD_XOR_ALL, &op, NULL) !=
	    TEEC_SUCCESS) {
		TEST_FAILF("XOR_ALL over three 2 MiB buffers failed");
		goto out;
	}
	for (i = 0; i < 3; i++) {
		uint8_t *want = malloc(2 * MIB);

		if (!want) {
			TEST_FAILF("malloc");
			goto out;
		}
		dyn_pattern(want, 2 * MIB, (uint32_t)i);
		for (j = 0; j < 2 * MIB; j++) {
			unsigned int got = buf[i][i + j], exp = want[j];

			if ((got ^ exp) != 0xffU)
				break;
		}
		free(want);
		if (j != 2 * MIB) {
			TEST_FAILF("buffer %zu byte %zu not inverted", i, j);
			goto out;
		}
	}
	/* and each one again while the others stay registered */
	for (i = 0; i < 3; i++) {
		if (dyn_ta_fill(&s, &m[i], 0, 2 * MIB, 40 + (uint32_t)i) !=
		    TEEC_SUCCESS) {
			TEST_FAILF("fill %zu", i);
			goto out;
		}
		bad = dyn_check_fill(buf[i] + i, 2 * MIB, 40 + (uint32_t)i);
		if (bad != 2 * MIB) {
			TEST_FAILF("buffer %zu: byte %zu not written", i, bad);
			goto out;
		}
		if (dyn_ta_checksum(&s, &m[i], 0, 2 * MIB, &sum) != TEEC_SUCCESS ||
		    sum != dyn_fnv(buf[i] + i, 2 * MIB)) {
			TEST_FAILF("checksum %zu", i);
			goto out;
		}
	}
out:
	for (i = 0; i < (size_t)nreg; i++)
		TEEC_ReleaseSharedMemory(&m[i]);
	for (i = 0; i < 3; i++)
		free(buf[i]);
	dyn_close(&ctx, &s);
}

TEST(dyn_one_gib_malloc_registered_read_and_written_by_ta)
{
	const size_t sz = 1024 * MIB;
	TEEC_SharedMemory m;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t sum = 0, want;
	uint8_t *b;
	size_t bad;
	TEEC_Result r;

	b = malloc(sz);
	if (!b)
		SKIP_TEST("cannot malloc 1 GiB here");
	if (!dyn_open(&ctx, &s, &dyn_uuid)) {
		free(b);
		return;
	}
	dyn_pattern(b, sz, 0x31);
	want = dyn_fnv(b, sz);
	memset(&m, 0, sizeof(m));
	m.buffer = b;
	m.size = sz;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	r = TEEC_RegisterSharedMemory(&ctx, &m);
	if (r != TEEC_SUCCESS) {
		TEST_FAILF("register 1 GiB: 0x%x", r);
		goto out;
	}
	EXPECT(dyn_in_place(&ctx, &m));
	r = dyn_ta_checksum(&s, &m, 0, sz, &sum);
	if (r != TEEC_SUCCESS || sum != want)
		TEST_FAILF("TA read: 0x%x, sum 0x%x want 0x%x", r, sum, want);
	r = dyn_ta_fill(&s, &m, 0, sz, 0x77);
	if (r != TEEC_SUCCESS) {
		TEST_FAILF("TA write: 0x%x", r);
	} else {
		bad = dyn_check_fill(b, sz, 0x77);
		if (bad != sz)
			TEST_FAILF("byte %zu of 1 GiB not written by the TA", bad);
	}
	TEEC_ReleaseSharedMemory(&m);
	/* the memory stays the application's after release */
	bad = dyn_check_fill(b, sz, 0x77);
	EXPECT(bad == sz);
	b[0] ^= 1;
	b[sz - 1] ^= 1;
out:
	free(b);
	dyn_close(&ctx, &s);
}

/* Allocated shm of size sz: client pattern -> TA sum; TA fill -> client. */
static void dyn_allocated(size_t sz)
{
	TEEC_SharedMemory m;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t sum = 0;
	size_t bad;
	TEEC_Result r;

	if (!dyn_open(&ctx, &s, &dyn_uuid))
		return;
	memset(&m, 0, sizeof(m));
	m.size = sz;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	r = TEEC_AllocateSharedMemory(&ctx, &m);
	if (r != TEEC_SUCCESS) {
		TEST_FAILF("allocate %zu MiB: 0x%x", sz / (size_t)MIB, r);
		dyn_close(&ctx, &s);
		return;
	}
	EXPECT(dyn_in_place(&ctx, &m));
	dyn_pattern(m.buffer, sz, 5);
	r = dyn_ta_checksum(&s, &m, 0, sz, &sum);
	if (r != TEEC_SUCCESS || sum != dyn_fnv(m.buffer, sz))
		TEST_FAILF("TA read: 0x%x", r);
	r = dyn_ta_fill(&s, &m, 0, sz, 9);
	bad = dyn_check_fill(m.buffer, sz, 9);
	if (r != TEEC_SUCCESS || bad != sz)
		TEST_FAILF("TA write: 0x%x, first wrong byte %zu", r, bad);
	TEEC_ReleaseSharedMemory(&m);
	dyn_close(&ctx, &s);
}

TEST(dyn_allocated_64mib)
{
	dyn_allocated(64 * MIB);
}

TEST(dyn_allocated_256mib)
{
	dyn_allocated(256 * MIB);
}
const struct dyn_test dyn_big_tests[] = {
	DYN_T(dyn_stack_has_2mib_carveout_and_dynamic_shm),
	DYN_T(dyn_three_2mib_buffers_registered_and_used_at_once),
	DYN_T(dyn_one_gib_malloc_registered_read_and_written_by_ta),
	DYN_T(dyn_allocated_64mib),
	DYN_T(dyn_allocated_256mib),
};
const size_t dyn_big_ntests = sizeof(dyn_big_tests) / sizeof(dyn_big_tests[0]);

static void dyn_run(const struct dyn_test *t, size_t n, int argc, char **argv,
		    int first, const char *label)
{
	char name[256];
	size_t k;
	int i;

	for (k = 0; k < n; k++) {
		int want = first >= argc && !t[k].explicit_only;

		for (i = first; i < argc; i++)
			if (!strcmp(argv[i], t[k].name))
				want = 1;
		if (!want)
			continue;
		t[k].fn();
		snprintf(name, sizeof(name), "%s%s%s", label ? label : "",
			 label ? "/" : "", t[k].name);
		testlib_report(name);
	}
}

int main(int argc, char **argv)
{
	const char *label = NULL;
	int first = 1;

	setvbuf(stdout, NULL, _IOLBF, 0);
	dyn_dir = getenv(SOFTEE_ENV_DEV_DIR);
	if (!dyn_dir) {
		printf("FAIL: dyn_shm: %s not set (run under softee run)\n",
		       SOFTEE_ENV_DEV_DIR);
		return 1;
	}
	if (argc >= 3 && !strcmp(argv[1], "--label")) {
		label = argv[2];
		first = 3;
	}
	dyn_run(dyn_big_tests, dyn_big_ntests, argc, argv, first, label);
	dyn_run(dyn_shared_tests, dyn_shared_ntests, argc, argv, first, label);
	dyn_run(dyn_limit_tests, dyn_limit_ntests, argc, argv, first, label);
	return testlib_summary();
}
