// SPDX-License-Identifier: BSD-2-Clause
/*
 * The TA-to-TA test TA: opens sessions to the softee test TAs (and to
 * itself or its peer) and checks, from inside, what GP promises about
 * values, memrefs, errors and origins, persistent time and memory
 * access rights. The peer (peer/) is this file built as a second,
 * multi-instance TA.
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include "softee_ta2ta_ta.h"
#include "softee_test_ta.h"

#define INF	TEE_TIMEOUT_INFINITE
#define ANY	TEE_MEMORY_ACCESS_ANY_OWNER
#define RD	TEE_MEMORY_ACCESS_READ
#define WR	TEE_MEMORY_ACCESS_WRITE
#define PT	TEE_PARAM_TYPES
#define NONE	TEE_PARAM_TYPE_NONE
#define V_IN	TEE_PARAM_TYPE_VALUE_INPUT
#define V_OUT	TEE_PARAM_TYPE_VALUE_OUTPUT
#define V_IO	TEE_PARAM_TYPE_VALUE_INOUT
#define M_IN	TEE_PARAM_TYPE_MEMREF_INPUT
#define M_OUT	TEE_PARAM_TYPE_MEMREF_OUTPUT
#define M_IO	TEE_PARAM_TYPE_MEMREF_INOUT

static const TEE_UUID uuid_test = TA_SOFTEE_TEST_UUID;
static const TEE_UUID uuid_multi = TA_SOFTEE_TEST_MULTI_UUID;
static const TEE_UUID uuid_a = TA_SOFTEE_TA2TA_UUID;
static const TEE_UUID uuid_peer = TA_SOFTEE_TA2TA_PEER_UUID;
static const TEE_UUID uuid_none = { 0x5eed7e57, 0x7a2f, 0x4c1e,
	{ 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x7a, 0x2f } };

/* Read-only data and writable globals for the access rights checks. */
static const uint8_t ro_data[4096] = { 1, 2, 3 };
static uint8_t rw_data[4096];
/* A session kept across calls (KEEP_SESSION). */
static TEE_TASessionHandle kept;

/* Where the first failed check was. */
static uint32_t fail_line, fail_res;

#define T(cond, res) do { \
	if (!(cond)) { \
		fail_line = __LINE__; \
		fail_res = (uint32_t)(res); \
		return SOFTEE_TA2TA_FAILED; \
	} \
} while (0)
/* Run a sub-check that uses T itself. */
#define SUB(call) do { \
	TEE_Result sub_ = (call); \
	if (sub_) \
		return sub_; \
} while (0)

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t pt, TEE_Param p[4], void **ctx)
{
	(void)pt;
	(void)p;
	*ctx = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *ctx)
{
	(void)ctx;
}

static uint32_t fnv(const uint8_t *b, size_t n)
{
	uint32_t h = 2166136261U;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 16777619U;
	}
	return h;
}

static void pattern(uint8_t *b, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(seed + 7 * i);
}

static bool is_pattern(const uint8_t *b, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != (uint8_t)(seed + 7 * i))
			return false;
	return true;
}

static bool all(const uint8_t *b, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != v)
			return false;
	return true;
}

static TEE_Result open_ta(const TEE_UUID *u, TEE_TASessionHandle *s)
{
	uint32_t o = 0;
	TEE_Result r = TEE_OpenTASession(u, INF, 0, NULL, s, &o);

	T(r == TEE_SUCCESS, r);
	T(o == TEE_ORIGIN_TRUSTED_APP, o);
	T(*s != TEE_HANDLE_NULL, 0);
	return TEE_SUCCESS;
}

static TEE_Result cmd_values(void)
{
	TEE_TASessionHandle s;
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	/* The open's own params travel too (softee_test bumps an INOUT). */
	memset(q, 0, sizeof(q));
	q[0].value.a = 41;
	q[0].value.b = 99;
	r = TEE_OpenTASession(&uuid_test, INF, PT(V_IO, NONE, NONE, NONE), q,
			      &s, &o);
	T(r == TEE_SUCCESS && o == TEE_ORIGIN_TRUSTED_APP, r);
	T(q[0].value.a == 42 && q[0].value.b == 100, q[0].value.a);

	memset(q, 0, sizeof(q));
	q[0].value.a = 1;
	q[0].value.b = 2;
	q[1].value.a = 10;
	q[1].value.b = 20;
	q[2].value.a = 0xdead;
	q[2].value.b = 0xbeef;
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TEST_CMD_ECHO,
				PT(V_IN, V_IO, V_OUT, NONE), q, &o);
	T(r == TEE_SUCCESS && o == TEE_ORIGIN_TRUSTED_APP, r);
	T(q[0].value.a == 1 && q[0].value.b == 2, q[0].value.a);
	T(q[1].value.a == 11 && q[1].value.b == 21, q[1].value.a);
	T(q[2].value.a == 0xa2 && q[2].value.b == 0xb2, q[2].value.a);
	/* The target's own error: its code, origin TRUSTED_APP. */
	memset(q, 0, sizeof(q));
	q[0].value.a = 0x7a2a0001;
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TEST_CMD_RETURN,
				PT(V_IN, NONE, NONE, NONE), q, &o);
	T(r == 0x7a2a0001 && o == TEE_ORIGIN_TRUSTED_APP, r);
	TEE_CloseTASession(s);
	return TEE_SUCCESS;
}

/* CHECKSUM of n bytes at buf (NULL allowed) by softee_test. */
static TEE_Result checksum_via(TEE_TASessionHandle s, void *buf, size_t n,
			       uint32_t *sum, uint32_t *was_null)
{
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	memset(q, 0, sizeof(q));
	q[0].memref.buffer = buf;
	q[0].memref.size = n;
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TEST_CMD_CHECKSUM,
				PT(M_IN, V_OUT, V_OUT, NONE), q, &o);
	T(r == TEE_SUCCESS && o == TEE_ORIGIN_TRUSTED_APP, r);
	T(q[1].value.b == n, q[1].value.b);
	T(q[0].memref.size == n, q[0].memref.size);
	*sum = q[1].value.a;
	*was_null = q[2].value.a;
	return TEE_SUCCESS;
}

static TEE_Result cmd_memref_in(void)
{
	uint8_t stack_buf[300], *heap = TEE_Malloc(1000, 0);
	TEE_TASessionHandle s;
	uint32_t sum, was_null;

	T(heap, 0);
	SUB(open_ta(&uuid_test, &s));
	pattern(heap, 1000, 3);
	SUB(checksum_via(s, heap, 1000, &sum, &was_null));
	T(sum == fnv(heap, 1000) && !was_null, sum);
	T(is_pattern(heap, 1000, 3), 0);	/* input stays as it was */
	pattern(stack_buf, sizeof(stack_buf), 9);
	SUB(checksum_via(s, stack_buf, sizeof(stack_buf), &sum, &was_null));
	T(sum == fnv(stack_buf, sizeof(stack_buf)), sum);
	/* Read-only data can be an input. */
	SUB(checksum_via(s, (void *)ro_data, 100, &sum, &was_null));
	T(sum == fnv(ro_data, 100), sum);
	/* A NULL memref is NULL on the other side. */
	SUB(checksum_via(s, NULL, 0, &sum, &was_null));
	T(was_null == 1 && sum == fnv(NULL, 0), was_null);
	TEE_CloseTASession(s);
	TEE_Free(heap);
	return TEE_SUCCESS;
}

/* FILL bytes of seed into buf (size *n, want bytes; 0: all). */
static TEE_Result fill_via(TEE_TASessionHandle s, void *buf, size_t *n,
			   uint32_t seed, uint32_t want, TEE_Result *res)
{
	TEE_Param q[4];
	uint32_t o = 0;

	memset(q, 0, sizeof(q));
	q[0].memref.buffer = buf;
	q[0].memref.size = *n;
	q[1].value.a = seed;
	q[1].value.b = want;
	*res = TEE_InvokeTACommand(s, INF, SOFTEE_TEST_CMD_FILL,
				   PT(M_OUT, V_IN, NONE, NONE), q, &o);
	T(o == TEE_ORIGIN_TRUSTED_APP, o);
	*n = q[0].memref.size;
	return TEE_SUCCESS;
}

static TEE_Result cmd_memref_out(void)
{
	uint8_t *buf = TEE_Malloc(3000, 0);
	TEE_TASessionHandle s;
	TEE_Result r;
	size_t n = 3000;

	T(buf, 0);
	SUB(open_ta(&uuid_test, &s));
	TEE_MemFill(buf, 0xee, 3000);
	SUB(fill_via(s, buf, &n, 5, 2000, &r));
	T(r == TEE_SUCCESS, r);
	T(n == 2000, n);
	T(is_pattern(buf, 2000, 5), 0);
	T(all(buf + 2000, 1000, 0xee), 0);	/* past the output: untouched */
	TEE_CloseTASession(s);
	TEE_Free(buf);
	return TEE_SUCCESS;
}

static TEE_Result cmd_memref_inout(void)
{
	uint8_t *buf = TEE_Malloc(5000, 0);
	TEE_TASessionHandle s;
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	T(buf, 0);
	SUB(open_ta(&uuid_test, &s));
	pattern(buf, 5000, 11);
	memset(q, 0, sizeof(q));
	q[0].memref.buffer = buf;
	q[0].memref.size = 5000;
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TEST_CMD_XOR,
				PT(M_IO, NONE, NONE, NONE), q, &o);
	T(r == TEE_SUCCESS && o == TEE_ORIGIN_TRUSTED_APP, r);
	T(q[0].memref.size == 5000, q[0].memref.size);
	for (size_t i = 0; i < 5000; i++)
		T(buf[i] == (uint8_t)~(uint8_t)(11 + 7 * i), i);
	TEE_CloseTASession(s);
	TEE_Free(buf);
	return TEE_SUCCESS;
}

static TEE_Result cmd_short_buffer(void)
{
	uint8_t *buf = TEE_Malloc(300, 0);
	TEE_TASessionHandle s;
	TEE_Result r;
	size_t n;

	T(buf, 0);
	SUB(open_ta(&uuid_test, &s));
	TEE_MemFill(buf, 0xee, 300);
	n = 100;
	SUB(fill_via(s, buf, &n, 1, 300, &r));
	T(r == TEE_ERROR_SHORT_BUFFER, r);
	T(n == 300, n);
	T(all(buf, 300, 0xee), 0);	/* nothing copied back */
	/* A size query with a NULL buffer. */
	n = 0;
	SUB(fill_via(s, NULL, &n, 1, 64, &r));
	T(r == TEE_ERROR_SHORT_BUFFER && n == 64, n);
	/* Again with what it asked for. */
	n = 300;
	SUB(fill_via(s, buf, &n, 1, 300, &r));
	T(r == TEE_SUCCESS && n == 300, r);
	T(is_pattern(buf, 300, 1), 0);
	TEE_CloseTASession(s);
	TEE_Free(buf);
	return TEE_SUCCESS;
}

static TEE_Result cmd_forward(uint32_t pt, TEE_Param p[4])
{
	TEE_TASessionHandle s;
	uint32_t sum, was_null;
	TEE_Result r;
	size_t n;

	T(pt == PT(M_IN, M_OUT, V_IO, V_OUT), pt);
	SUB(open_ta(&uuid_test, &s));
	SUB(checksum_via(s, p[0].memref.buffer, p[0].memref.size, &sum,
			 &was_null));
	n = p[1].memref.size;
	SUB(fill_via(s, p[1].memref.buffer, &n, p[2].value.a, 0, &r));
	T(r == TEE_SUCCESS && n == p[1].memref.size, r);
	p[2].value.a = sum;
	p[2].value.b = was_null;
	TEE_CloseTASession(s);
	return TEE_SUCCESS;
}

static TEE_Result cmd_identity(void)
{
	TEE_TASessionHandle s;
	TEE_UUID seen, me;
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	r = TEE_GetPropertyAsUUID(TEE_PROPSET_CURRENT_TA, "gpd.ta.appID", &me);
	T(r == TEE_SUCCESS, r);
	SUB(open_ta(&uuid_test, &s));
	memset(q, 0, sizeof(q));
	q[1].memref.buffer = &seen;
	q[1].memref.size = sizeof(seen);
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TEST_CMD_IDENTITY,
				PT(V_OUT, M_OUT, NONE, NONE), q, &o);
	T(r == TEE_SUCCESS && o == TEE_ORIGIN_TRUSTED_APP, r);
	T(q[0].value.a == TEE_LOGIN_TRUSTED_APP, q[0].value.a);
	T(q[1].memref.size == sizeof(seen), q[1].memref.size);
	T(!memcmp(&seen, &me, sizeof(me)), seen.timeLow);
	TEE_CloseTASession(s);
	return TEE_SUCCESS;
}

static TEE_Result echo_ok(TEE_TASessionHandle s)
{
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	memset(q, 0, sizeof(q));
	q[0].value.a = 7;
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TEST_CMD_ECHO,
				PT(V_IO, NONE, NONE, NONE), q, &o);
	T(r == TEE_SUCCESS && o == TEE_ORIGIN_TRUSTED_APP, r);
	T(q[0].value.a == 8, q[0].value.a);
	return TEE_SUCCESS;
}

static TEE_Result cmd_target_panic(void)
{
	TEE_TASessionHandle s1, s2;
	uint32_t o = 0;
	TEE_Result r;

	SUB(open_ta(&uuid_multi, &s1));
	SUB(open_ta(&uuid_multi, &s2));
	r = TEE_InvokeTACommand(s1, INF, SOFTEE_TEST_CMD_PANIC, 0, NULL, &o);
	T(r == TEE_ERROR_TARGET_DEAD, r);
	T(o == TEE_ORIGIN_TEE, o);
	/* Dead for good... */
	r = TEE_InvokeTACommand(s1, INF, SOFTEE_TEST_CMD_ECHO, 0, NULL, &o);
	T(r == TEE_ERROR_TARGET_DEAD && o == TEE_ORIGIN_TEE, r);
	/* ...but only that session's instance. */
	SUB(echo_ok(s2));
	TEE_CloseTASession(s1);
	SUB(echo_ok(s2));
	TEE_CloseTASession(s2);
	return TEE_SUCCESS;
}

static TEE_Result cmd_cycle_self(void)
{
	TEE_TASessionHandle s = (TEE_TASessionHandle)&s;
	uint32_t o = 0;
	TEE_Result r;

	/* This instance is busy running this very call. */
	r = TEE_OpenTASession(&uuid_a, INF, 0, NULL, &s, &o);
	T(r == TEE_ERROR_BUSY, r);
	T(o == TEE_ORIGIN_TEE, o);
	T(s == TEE_HANDLE_NULL, 0);
	return TEE_SUCCESS;
}

static TEE_Result cmd_cycle_peer(void)
{
	TEE_TASessionHandle s;
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	SUB(open_ta(&uuid_peer, &s));
	memset(q, 0, sizeof(q));
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TA2TA_CMD_PEER_OPEN_BACK,
				PT(V_OUT, NONE, NONE, NONE), q, &o);
	T(r == TEE_SUCCESS && o == TEE_ORIGIN_TRUSTED_APP, r);
	T(q[0].value.a == TEE_ERROR_BUSY, q[0].value.a);
	T(q[0].value.b == TEE_ORIGIN_TEE, q[0].value.b);
	TEE_CloseTASession(s);
	/* Still usable afterwards: nothing stayed busy or half open. */
	SUB(open_ta(&uuid_peer, &s));
	TEE_CloseTASession(s);
	return TEE_SUCCESS;
}

static TEE_Result cmd_open_errors(void)
{
	TEE_TASessionHandle s;
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	r = TEE_OpenTASession(&uuid_none, INF, 0, NULL, &s, &o);
	T(r == TEE_ERROR_ITEM_NOT_FOUND, r);
	T(o == TEE_ORIGIN_TEE, o);
	T(s == TEE_HANDLE_NULL, 0);
	memset(q, 0, sizeof(q));
	q[0].value.a = SOFTEE_TEST_OPEN_FAIL_MAGIC;
	q[0].value.b = 0x7a2a0002;
	r = TEE_OpenTASession(&uuid_test, INF, PT(V_IN, NONE, NONE, NONE), q,
			      &s, &o);
	T(r == 0x7a2a0002, r);
	T(o == TEE_ORIGIN_TRUSTED_APP, o);
	T(s == TEE_HANDLE_NULL, 0);
	return TEE_SUCCESS;
}

static uint64_t ms_of(const TEE_Time *t)
{
	return (uint64_t)t->seconds * 1000 + t->millis;
}

static TEE_Result cmd_ptime(void)
{
	TEE_Time t = { 1, 1 }, set = { 1000, 500 }, t2;
	TEE_TASessionHandle s;
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	r = TEE_GetTAPersistentTime(&t);
	T(r == TEE_ERROR_TIME_NOT_SET, r);
	T(t.seconds == 0 && t.millis == 0, t.seconds);
	r = TEE_SetTAPersistentTime(&set);
	T(r == TEE_SUCCESS, r);
	r = TEE_GetTAPersistentTime(&t);
	T(r == TEE_SUCCESS, r);
	T(ms_of(&t) >= ms_of(&set) && t.seconds < set.seconds + 3600,
	  t.seconds);
	T(TEE_Wait(20) == TEE_SUCCESS, 0);
	r = TEE_GetTAPersistentTime(&t2);
	T(r == TEE_SUCCESS, r);
	T(ms_of(&t2) >= ms_of(&t) + 20, t2.millis);	/* it runs on */
	/* Another TA has a time of its own. */
	SUB(open_ta(&uuid_peer, &s));
	memset(q, 0, sizeof(q));
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TA2TA_CMD_PEER_PTIME_GET,
				PT(V_OUT, NONE, NONE, NONE), q, &o);
	T(r == TEE_SUCCESS, r);
	T(q[0].value.a == TEE_ERROR_TIME_NOT_SET, q[0].value.a);
	TEE_CloseTASession(s);
	/* Past 2^32 seconds: OVERFLOW, seconds modulo 2^32. */
	set.seconds = UINT32_MAX;
	set.millis = 990;
	r = TEE_SetTAPersistentTime(&set);
	T(r == TEE_SUCCESS, r);
	T(TEE_Wait(20) == TEE_SUCCESS, 0);
	r = TEE_GetTAPersistentTime(&t);
	T(r == TEE_ERROR_OVERFLOW, r);
	T(t.seconds < 3600, t.seconds);
	return TEE_SUCCESS;
}

/* Rights on memory that is the TA's own. */
static TEE_Result own_memory_rights(void)
{
	uint8_t stack_buf[256], *heap = TEE_Malloc(64, 0);
	uint8_t *big = TEE_Malloc(2 << 20, 0);	/* mmap'd by malloc */
	uint8_t *gone;

	T(heap && big, 0);
	T(!TEE_CheckMemoryAccessRights(RD | WR, heap, 64), 0);
	T(!TEE_CheckMemoryAccessRights(RD | WR, big, 2 << 20), 0);
	T(!TEE_CheckMemoryAccessRights(RD | WR | ANY, big, 2 << 20), 0);
	T(!TEE_CheckMemoryAccessRights(RD | WR, stack_buf, sizeof(stack_buf)),
	  0);
	T(!TEE_CheckMemoryAccessRights(RD | WR, rw_data, sizeof(rw_data)), 0);
	T(!TEE_CheckMemoryAccessRights(RD, (void *)ro_data, sizeof(ro_data)),
	  0);
	T(TEE_CheckMemoryAccessRights(WR, (void *)ro_data, sizeof(ro_data)) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	/* Private memory is secure memory. */
	T(!TEE_CheckMemoryAccessRights(RD | TEE_MEMORY_ACCESS_SECURE, heap, 64),
	  0);
	T(TEE_CheckMemoryAccessRights(RD | TEE_MEMORY_ACCESS_NONSECURE, heap,
				      64) == TEE_ERROR_ACCESS_DENIED, 0);
	/* Unmapped, NULL, wrapping. */
	gone = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	T(gone != MAP_FAILED, 0);
	T(!TEE_CheckMemoryAccessRights(RD | WR, gone, 8192), 0);
	munmap(gone + 4096, 4096);
	T(TEE_CheckMemoryAccessRights(RD, gone + 4096, 16) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	T(TEE_CheckMemoryAccessRights(RD, gone, 8192) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	munmap(gone, 4096);
	T(TEE_CheckMemoryAccessRights(RD, NULL, 16) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	T(TEE_CheckMemoryAccessRights(RD, (void *)(UINTPTR_MAX - 15), 32) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	T(TEE_CheckMemoryAccessRights(RD, heap, SIZE_MAX) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	TEE_Free(big);
	TEE_Free(heap);
	return TEE_SUCCESS;
}

/*
 * Rights on this call's memrefs p0 IN, p1 OUT, p2 INOUT: shared with the
 * client, so only with ANY_OWNER; from_ta says who the client is.
 */
static TEE_Result memref_rights(uint32_t pt, TEE_Param p[4], bool from_ta)
{
	uint32_t mine = from_ta ? TEE_MEMORY_ACCESS_SECURE :
				  TEE_MEMORY_ACCESS_NONSECURE;
	uint32_t other = from_ta ? TEE_MEMORY_ACCESS_NONSECURE :
				   TEE_MEMORY_ACCESS_SECURE;
	void *in = p[0].memref.buffer, *out = p[1].memref.buffer;
	void *io = p[2].memref.buffer;
	size_t nin = p[0].memref.size, nout = p[1].memref.size;
	size_t nio = p[2].memref.size;

	T((pt & 0xFFF) == PT(M_IN, M_OUT, M_IO, NONE), pt);
	T(in && out && io && nin && nout && nio, 0);
	T(!TEE_CheckMemoryAccessRights(RD | ANY, in, nin), 0);
	T(!TEE_CheckMemoryAccessRights(RD | ANY | mine, in, nin), 0);
	T(TEE_CheckMemoryAccessRights(RD | ANY | other, in, nin) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	T(TEE_CheckMemoryAccessRights(RD, in, nin) == TEE_ERROR_ACCESS_DENIED,
	  0);
	T(TEE_CheckMemoryAccessRights(WR | ANY, in, nin) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	T(!TEE_CheckMemoryAccessRights(WR | ANY, out, nout), 0);
	T(!TEE_CheckMemoryAccessRights(RD | WR | ANY, out, nout), 0);
	T(TEE_CheckMemoryAccessRights(WR, out, nout) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	T(!TEE_CheckMemoryAccessRights(RD | WR | ANY, io, nio), 0);
	T(!TEE_CheckMemoryAccessRights(RD | WR | ANY, (uint8_t *)io + 1,
				       nio - 1), 0);
	/* One byte past the memref is not part of it. */
	T(TEE_CheckMemoryAccessRights(RD | ANY, io, nio + 1) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	T(TEE_CheckMemoryAccessRights(RD | ANY, (uint8_t *)in + nin, 1) ==
	  TEE_ERROR_ACCESS_DENIED, 0);
	return TEE_SUCCESS;
}

static TEE_Result cmd_memrights(uint32_t pt, TEE_Param p[4])
{
	SUB(memref_rights(pt, p, false));
	return own_memory_rights();
}

static TEE_Result cmd_memrights_ta(void)
{
	uint8_t *in = TEE_Malloc(100, 0), *out = TEE_Malloc(5000, 0);
	uint8_t *io = TEE_Malloc(4096, 0);
	TEE_TASessionHandle s;
	TEE_Param q[4];
	uint32_t o = 0;
	TEE_Result r;

	T(in && out && io, 0);
	SUB(open_ta(&uuid_peer, &s));
	memset(q, 0, sizeof(q));
	q[0].memref.buffer = in;
	q[0].memref.size = 100;
	q[1].memref.buffer = out;
	q[1].memref.size = 5000;
	q[2].memref.buffer = io;
	q[2].memref.size = 4096;
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TA2TA_CMD_PEER_MEMRIGHTS,
				PT(M_IN, M_OUT, M_IO, V_OUT), q, &o);
	/* The peer's failing line, moved up so it reads as the peer's. */
	T(r == TEE_SUCCESS && o == TEE_ORIGIN_TRUSTED_APP,
	  100000 + q[3].value.a);
	TEE_CloseTASession(s);
	TEE_Free(in);
	TEE_Free(out);
	TEE_Free(io);
	return TEE_SUCCESS;
}

static TEE_Result wait_via(TEE_TASessionHandle s, uint32_t ms,
			   uint32_t timeout, TEE_Result *res, uint32_t *origin)
{
	TEE_Param q[4];

	memset(q, 0, sizeof(q));
	q[0].value.a = ms;
	*res = TEE_InvokeTACommand(s, timeout, SOFTEE_TEST_CMD_WAIT,
				   PT(V_IN, NONE, NONE, NONE), q, origin);
	return TEE_SUCCESS;
}

static TEE_Result cmd_cancel_timeout(void)
{
	TEE_TASessionHandle s;
	uint32_t o = 0;
	TEE_Result r;

	SUB(open_ta(&uuid_test, &s));
	/* If the timeout did nothing, this would wait a minute and pass. */
	SUB(wait_via(s, 60000, 50, &r, &o));
	T(r == TEE_ERROR_CANCEL, r);
	T(o == TEE_ORIGIN_TRUSTED_APP, o);
	SUB(echo_ok(s));
	TEE_CloseTASession(s);
	return TEE_SUCCESS;
}

static TEE_Result cmd_nested_wait(uint32_t pt, TEE_Param p[4])
{
	TEE_TASessionHandle s;
	uint32_t o = 0;
	TEE_Result r;

	T((pt & 0xFF) == PT(V_IN, V_OUT, NONE, NONE), pt);
	SUB(open_ta(&uuid_test, &s));
	SUB(wait_via(s, p[0].value.a, INF, &r, &o));
	p[1].value.a = r;
	p[1].value.b = o;
	TEE_CloseTASession(s);
	return TEE_SUCCESS;
}

static TEE_Result cmd_keep_session(void)
{
	T(kept == TEE_HANDLE_NULL, 0);
	SUB(open_ta(&uuid_multi, &kept));
	return TEE_SUCCESS;
}

static TEE_Result cmd_big_memref(void)
{
	const size_t n = 1 << 20;
	uint8_t *buf = TEE_Malloc(n, 0);
	TEE_TASessionHandle s;
	uint32_t sum, was_null, o = 0;
	TEE_Param q[4];
	TEE_Result r;
	size_t got = n;

	T(buf, 0);
	SUB(open_ta(&uuid_test, &s));
	pattern(buf, n, 77);
	SUB(checksum_via(s, buf, n, &sum, &was_null));
	T(sum == fnv(buf, n), sum);
	TEE_MemFill(buf, 0, n);
	SUB(fill_via(s, buf, &got, 13, 0, &r));
	T(r == TEE_SUCCESS && got == n, r);
	T(is_pattern(buf, n, 13), 0);
	memset(q, 0, sizeof(q));
	q[0].memref.buffer = buf;
	q[0].memref.size = n;
	r = TEE_InvokeTACommand(s, INF, SOFTEE_TEST_CMD_XOR,
				PT(M_IO, NONE, NONE, NONE), q, &o);
	T(r == TEE_SUCCESS, r);
	for (size_t i = 0; i < n; i++)
		T(buf[i] == (uint8_t)~(uint8_t)(13 + 7 * i), i);
	TEE_CloseTASession(s);
	TEE_Free(buf);
	return TEE_SUCCESS;
}

static TEE_Result cmd_peer_open_back(uint32_t pt, TEE_Param p[4])
{
	TEE_TASessionHandle s = TEE_HANDLE_NULL;
	uint32_t o = 0;
	TEE_Result r;

	T((pt & 0xF) == V_OUT, pt);
	r = TEE_OpenTASession(&uuid_a, INF, 0, NULL, &s, &o);
	p[0].value.a = r;
	p[0].value.b = o;
	TEE_CloseTASession(s);
	return TEE_SUCCESS;
}

static TEE_Result cmd_peer_ptime_get(uint32_t pt, TEE_Param p[4])
{
	TEE_Time t;

	T((pt & 0xF) == V_OUT, pt);
	p[0].value.a = TEE_GetTAPersistentTime(&t);
	return TEE_SUCCESS;
}

static TEE_Result ta2ta_dispatch(uint32_t cmd, uint32_t pt, TEE_Param p[4])
{
	switch (cmd) {
	case SOFTEE_TA2TA_CMD_VALUES:
		return cmd_values();
	case SOFTEE_TA2TA_CMD_MEMREF_IN:
		return cmd_memref_in();
	case SOFTEE_TA2TA_CMD_MEMREF_OUT:
		return cmd_memref_out();
	case SOFTEE_TA2TA_CMD_MEMREF_INOUT:
		return cmd_memref_inout();
	case SOFTEE_TA2TA_CMD_SHORT_BUFFER:
		return cmd_short_buffer();
	case SOFTEE_TA2TA_CMD_FORWARD:
		return cmd_forward(pt, p);
	case SOFTEE_TA2TA_CMD_IDENTITY:
		return cmd_identity();
	case SOFTEE_TA2TA_CMD_TARGET_PANIC:
		return cmd_target_panic();
	case SOFTEE_TA2TA_CMD_CYCLE_SELF:
		return cmd_cycle_self();
	case SOFTEE_TA2TA_CMD_CYCLE_PEER:
		return cmd_cycle_peer();
	case SOFTEE_TA2TA_CMD_OPEN_ERRORS:
		return cmd_open_errors();
	case SOFTEE_TA2TA_CMD_PTIME:
		return cmd_ptime();
	case SOFTEE_TA2TA_CMD_MEMRIGHTS:
		return cmd_memrights(pt, p);
	case SOFTEE_TA2TA_CMD_MEMRIGHTS_TA:
		return cmd_memrights_ta();
	case SOFTEE_TA2TA_CMD_CANCEL_TIMEOUT:
		return cmd_cancel_timeout();
	case SOFTEE_TA2TA_CMD_NESTED_WAIT:
		return cmd_nested_wait(pt, p);
	case SOFTEE_TA2TA_CMD_KEEP_SESSION:
		return cmd_keep_session();
	case SOFTEE_TA2TA_CMD_BIG_MEMREF:
		return cmd_big_memref();
	case SOFTEE_TA2TA_CMD_PANIC:
		TEE_Panic(0x7a2a);
	case SOFTEE_TA2TA_CMD_PEER_OPEN_BACK:
		return cmd_peer_open_back(pt, p);
	case SOFTEE_TA2TA_CMD_PEER_MEMRIGHTS:
		return memref_rights(pt, p, true);
	case SOFTEE_TA2TA_CMD_PEER_PTIME_GET:
		return cmd_peer_ptime_get(pt, p);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

TEE_Result TA_InvokeCommandEntryPoint(void *ctx, uint32_t cmd, uint32_t pt,
				      TEE_Param p[4])
{
	TEE_Result r;

	(void)ctx;
	fail_line = 0;
	fail_res = 0;
	r = ta2ta_dispatch(cmd, pt, p);
	if (r == SOFTEE_TA2TA_FAILED &&
	    TEE_PARAM_TYPE_GET(pt, 3) == TEE_PARAM_TYPE_VALUE_OUTPUT) {
		p[3].value.a = fail_line;
		p[3].value.b = fail_res;
	}
	return r;
}
