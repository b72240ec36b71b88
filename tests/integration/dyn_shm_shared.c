// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shared, not copied: writes made during a call by one side (another
 * session's TA, the TA, the client) are seen by the other side before the
 * call returns; a registered buffer the application unmapped lives on.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "dyn_shm.h"
#include "dyn_util.h"
#include "softee_test_ta.h"
#include "util.h"

struct dyn_poke {
	TEEC_Session *s;
	TEEC_SharedMemory *m;	/* NULL: temp memref on buf */
	uint8_t *buf;
	size_t size;
	uint32_t v[3][2];	/* (offset, byte) for p1..p3 */
	TEEC_Result r;
	volatile int done;
};

static void *dyn_poke_thread(void *arg)
{
	struct dyn_poke *p = arg;
	TEEC_Operation op;
	int i;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(p->m ? TEEC_MEMREF_WHOLE :
					 TEEC_MEMREF_TEMP_INOUT,
					 TEEC_VALUE_INPUT, TEEC_VALUE_INPUT,
					 TEEC_VALUE_INPUT);
	if (p->m) {
		op.params[0].memref.parent = p->m;
	} else {
		op.params[0].tmpref.buffer = p->buf;
		op.params[0].tmpref.size = p->size;
	}
	for (i = 0; i < 3; i++) {
		op.params[i + 1].value.a = p->v[i][0];
		op.params[i + 1].value.b = p->v[i][1];
	}
	p->r = TEEC_InvokeCommand(p->s, SOFTEE_TEST_CMD_POKE_WAIT, &op, NULL);
	__atomic_store_n(&p->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

#define DYN_SKIP SOFTEE_TEST_POKE_SKIP

TEST(dyn_two_sessions_see_each_others_writes_during_a_call)
{
	const size_t sz = 1 * MIB;
	struct dyn_poke a, b;
	TEEC_Session sa, sb;
	TEEC_SharedMemory m;
	TEEC_Context ctx;
	pthread_t ta, tb;
	uint8_t *buf;
	uint32_t origin;

	buf = malloc(sz + 100);
	CHECK(buf);
	memset(buf, 0, sz + 100);
	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS) {
		free(buf);
		CHECK(!"InitializeContext");
	}
	/* multi-instance TA: two processes, calls really run in parallel */
	if (TEEC_OpenSession(&ctx, &sa, &dyn_multi_uuid, TEEC_LOGIN_PUBLIC,
			     NULL, NULL, &origin) != TEEC_SUCCESS) {
		TEST_FAILF("open A");
		goto out_ctx;
	}
	if (TEEC_OpenSession(&ctx, &sb, &dyn_multi_uuid, TEEC_LOGIN_PUBLIC,
			     NULL, NULL, &origin) != TEEC_SUCCESS) {
		TEST_FAILF("open B");
		goto out_a;
	}
	memset(&m, 0, sizeof(m));
	m.buffer = buf + 100;	/* unaligned start: flags in pinned frames */
	m.size = sz;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_RegisterSharedMemory(&ctx, &m) != TEEC_SUCCESS) {
		TEST_FAILF("register");
		goto out_b;
	}
	if (!dyn_in_place(&ctx, &m))
		TEST_FAILF("the buffer went through a shadow copy");
	/* A waits for B's flag then answers; B waits for A's answer */
	a = (struct dyn_poke){ &sa, &m, NULL, 0,
		{ { 0, DYN_SKIP }, { 300000, 0x5a }, { 700000, 0xa5 } }, 0, 0 };
	b = (struct dyn_poke){ &sb, &m, NULL, 0,
		{ { 300000, 0x5a }, { 700000, 0xa5 }, { 500000, 0x11 } }, 0, 0 };
	if (pthread_create(&ta, NULL, dyn_poke_thread, &a)) {
		TEST_FAILF("thread");
		goto out_m;
	}
	if (pthread_create(&tb, NULL, dyn_poke_thread, &b)) {
		TEST_FAILF("thread");
		buf[100 + 300000] = 0x5a;	/* release A */
		pthread_join(ta, NULL);
		goto out_m;
	}
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	EXPECT_EQ_U(a.r, TEEC_SUCCESS);
	EXPECT_EQ_U(b.r, TEEC_SUCCESS);
	EXPECT_EQ_U(buf[100 + 700000], 0xa5);
	EXPECT_EQ_U(buf[100 + 500000], 0x11);
out_m:
	TEEC_ReleaseSharedMemory(&m);
out_b:
	TEEC_CloseSession(&sb);
out_a:
	TEEC_CloseSession(&sa);
out_ctx:
	TEEC_FinalizeContext(&ctx);
	free(buf);
}

/* Wait up to ms for *p == v (written by the TA during a call). */
static bool dyn_wait_byte(volatile uint8_t *p, uint8_t v, unsigned int ms)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ULL;
	struct timespec ts = { 0, 200000 };

	while (*p != v) {
		if (now_ns() > end)
			return false;
		nanosleep(&ts, NULL);
	}
	return true;
}

/* kind: 0 registered malloc'd, 1 allocated, 2 temp memref */
static void dyn_visible_before_return(int kind)
{
	const size_t sz = 256 * 1024;
	TEEC_SharedMemory m;
	TEEC_Context ctx;
	TEEC_Session s;
	struct dyn_poke p;
	pthread_t t;
	uint8_t *raw = NULL;
	volatile uint8_t *b;
	bool have_m = false;

	if (!dyn_open(&ctx, &s, &dyn_uuid))
		return;
	memset(&m, 0, sizeof(m));
	m.size = sz;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (kind == 1) {
		if (TEEC_AllocateSharedMemory(&ctx, &m) != TEEC_SUCCESS) {
			TEST_FAILF("allocate");
			goto out;
		}
		have_m = true;
		b = m.buffer;
	} else {
		raw = malloc(sz + 8);
		if (!raw) {
			TEST_FAILF("malloc");
			goto out;
		}
		b = raw + 8;
		m.buffer = raw + 8;
		if (kind == 0) {
			if (TEEC_RegisterSharedMemory(&ctx, &m) != TEEC_SUCCESS) {
				TEST_FAILF("register");
				goto out;
			}
			have_m = true;
		}
	}
	memset((void *)b, 0, sz);
	p = (struct dyn_poke){ &s, have_m ? &m : NULL, (uint8_t *)b, sz,
		{ { 40000, 0x77 }, { 90000, 0x01 }, { 150000, 0x99 } }, 0, 0 };
	if (pthread_create(&t, NULL, dyn_poke_thread, &p)) {
		TEST_FAILF("thread");
		goto out;
	}
	if (!dyn_wait_byte(b + 40000, 0x77, 8000))
		TEST_FAILF("the TA's write was not visible during the call");
	else if (__atomic_load_n(&p.done, __ATOMIC_SEQ_CST))
		TEST_FAILF("the invoke returned before the client acked");
	else if (b[150000] == 0x99)
		TEST_FAILF("the TA went on without the ack");
	b[90000] = 0x01;	/* the ack the TA waits for */
	pthread_join(t, NULL);
	EXPECT_EQ_U(p.r, TEEC_SUCCESS);
	EXPECT_EQ_U(b[150000], 0x99);
out:
	if (have_m)
		TEEC_ReleaseSharedMemory(&m);
	free(raw);
	dyn_close(&ctx, &s);
}

TEST(dyn_ta_write_visible_before_return_registered)
{
	dyn_visible_before_return(0);
}

TEST(dyn_ta_write_visible_before_return_allocated)
{
	dyn_visible_before_return(1);
}

TEST(dyn_ta_write_visible_before_return_temp_memref)
{
	dyn_visible_before_return(2);
}

/* The application unmaps a registered (granule-aligned, so bounce-free)
 * buffer and goes on using the shm: nothing crashes and the TA still
 * works on the pages, which live on as long as the registration. */
TEST(dyn_unmapped_registered_buffer_still_works)
{
	const size_t sz = 256 * 1024, gran = 65536;
	TEEC_SharedMemory m;
	TEEC_Context ctx;
	TEEC_Session s;
	uint8_t *area, *b, *want;
	uint32_t sum = 0;
	uintptr_t al;
	TEEC_Result r;

	want = malloc(sz);
	CHECK(want);
	area = mmap(NULL, sz + gran, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		free(want);
		CHECK(!"mmap");
	}
	al = ((uintptr_t)area + gran - 1) & ~(uintptr_t)(gran - 1);
	b = (uint8_t *)al;
	dyn_pattern(b, sz, 0x5c);
	memcpy(want, b, sz);
	if (!dyn_open(&ctx, &s, &dyn_uuid))
		goto out_map;
	memset(&m, 0, sizeof(m));
	m.buffer = b;
	m.size = sz;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_RegisterSharedMemory(&ctx, &m) != TEEC_SUCCESS) {
		TEST_FAILF("register");
		goto out_ctx;
	}
	if (!dyn_in_place(&ctx, &m)) {
		TEST_FAILF("registered through a shadow copy");
		TEEC_ReleaseSharedMemory(&m);
		goto out_ctx;
	}
	munmap(area, sz + gran);
	area = NULL;
	r = dyn_ta_checksum(&s, &m, 0, sz, &sum);
	if (r != TEEC_SUCCESS || sum != dyn_fnv(want, sz))
		TEST_FAILF("TA read after munmap: 0x%x", r);
	r = dyn_ta_fill(&s, &m, 0, sz, 0x21);
	EXPECT_EQ_U(r, TEEC_SUCCESS);
	for (size_t i = 0; i < sz; i++)
		want[i] = (uint8_t)(0x21 + 7 * i);
	r = dyn_ta_checksum(&s, &m, 0, sz, &sum);
	if (r != TEEC_SUCCESS || sum != dyn_fnv(want, sz))
		TEST_FAILF("TA write then read after munmap: 0x%x", r);
	TEEC_ReleaseSharedMemory(&m);
out_ctx:
	dyn_close(&ctx, &s);
out_map:
	if (area)
		munmap(area, sz + gran);
	free(want);
}
const struct dyn_test dyn_shared_tests[] = {
	DYN_T(dyn_two_sessions_see_each_others_writes_during_a_call),
	DYN_T(dyn_ta_write_visible_before_return_registered),
	DYN_T(dyn_ta_write_visible_before_return_allocated),
	DYN_T(dyn_ta_write_visible_before_return_temp_memref),
	DYN_T(dyn_unmapped_registered_buffer_still_works),
};
const size_t dyn_shared_ntests =
	sizeof(dyn_shared_tests) / sizeof(dyn_shared_tests[0]);
