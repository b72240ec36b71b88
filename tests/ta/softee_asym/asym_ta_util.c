// SPDX-License-Identifier: BSD-2-Clause
/* Helpers of the asymmetric test TA (asym_ta_util.h). */
#include <string.h>
#include <tee_internal_api.h>

#include "asym_ta_util.h"

#define ARENA_BUFS	256
#define ARENA_OBJS	64
#define ARENA_OPS	64

struct asym_fail asym_fail;

static void *bufs[ARENA_BUFS];
static size_t n_bufs;
static TEE_ObjectHandle objs[ARENA_OBJS];
static size_t n_objs;
static TEE_OperationHandle ops[ARENA_OPS];
static size_t n_ops;

/* A test that needs more than the arena holds is a bug in the test. */
static void *arena_alloc(size_t n)
{
	void *p;

	if (n_bufs == ARENA_BUFS)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	p = TEE_Malloc(n ? n : 1, TEE_MALLOC_FILL_ZERO);
	if (!p)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	bufs[n_bufs++] = p;
	return p;
}

void arena_release(void)
{
	while (n_ops)
		TEE_FreeOperation(ops[--n_ops]);
	while (n_objs)
		TEE_FreeTransientObject(objs[--n_objs]);
	while (n_bufs)
		TEE_Free(bufs[--n_bufs]);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

struct buf hx(const char *hex)
{
	struct buf b = { NULL, 0 };
	size_t digits = 0;
	int hi = -1, d;

	for (const char *s = hex; *s; s++)
		digits += hex_digit(*s) >= 0;
	/* An odd count is a number written without its leading zero. */
	if (digits % 2)
		hi = 0;
	b.p = arena_alloc((digits + 1) / 2);
	for (const char *s = hex; *s; s++) {
		if (*s == ' ' || *s == '\n')
			continue;
		d = hex_digit(*s);
		if (d < 0)
			TEE_Panic(TEE_ERROR_BAD_FORMAT);
		if (hi < 0) {
			hi = d;
		} else {
			b.p[b.n++] = (uint8_t)(hi << 4 | d);
			hi = -1;
		}
	}
	return b;
}

struct buf buf_new(size_t n)
{
	struct buf b = { arena_alloc(n), n };

	return b;
}

bool buf_eq(struct buf a, const void *p, size_t n)
{
	return a.n == n && (!n || !memcmp(a.p, p, n));
}

void aref(TEE_Attribute *a, uint32_t id, struct buf b)
{
	TEE_InitRefAttribute(a, id, b.p, b.n);
}

void aval(TEE_Attribute *a, uint32_t id, uint32_t v)
{
	TEE_InitValueAttribute(a, id, v, 0);
}

TEE_ObjectHandle obj_new(uint32_t type, uint32_t max_bits)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_Result res;

	if (n_objs == ARENA_OBJS)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	res = TEE_AllocateTransientObject(type, max_bits, &o);
	if (res) {
		asym_fail.res = res;
		return TEE_HANDLE_NULL;
	}
	objs[n_objs++] = o;
	return o;
}

TEE_ObjectHandle obj_with(uint32_t type, uint32_t max_bits,
			  const TEE_Attribute *attrs, uint32_t n)
{
	TEE_ObjectHandle o = obj_new(type, max_bits);
	TEE_Result res;

	if (o == TEE_HANDLE_NULL)
		return o;
	res = TEE_PopulateTransientObject(o, attrs, n);
	if (res) {
		asym_fail.res = res;
		return TEE_HANDLE_NULL;
	}
	return o;
}

TEE_OperationHandle op_with(uint32_t alg, uint32_t mode, uint32_t max_bits,
			    TEE_ObjectHandle key)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_Result res;

	if (n_ops == ARENA_OPS)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	res = TEE_AllocateOperation(&op, alg, mode, max_bits);
	if (res) {
		asym_fail.res = res;
		return TEE_HANDLE_NULL;
	}
	ops[n_ops++] = op;
	if (key != TEE_HANDLE_NULL) {
		res = TEE_SetOperationKey(op, key);
		if (res) {
			asym_fail.res = res;
			return TEE_HANDLE_NULL;
		}
	}
	return op;
}

struct buf obj_attr(TEE_ObjectHandle o, uint32_t id)
{
	struct buf b = { NULL, 0 };
	size_t len = 0;

	if (TEE_GetObjectBufferAttribute(o, id, NULL, &len) !=
	    TEE_ERROR_SHORT_BUFFER)
		return b;
	b = buf_new(len);
	if (TEE_GetObjectBufferAttribute(o, id, b.p, &b.n))
		b.n = 0;
	return b;
}

struct buf secret_of(TEE_ObjectHandle o)
{
	return obj_attr(o, TEE_ATTR_SECRET_VALUE);
}
