// SPDX-License-Identifier: BSD-2-Clause
/* The mixed client load: one cycle of context, session, memref invokes, close. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <softee_bench_ta.h>
#include <tee_client_api.h>

#include "perf_load.h"

struct perf_load {
	TEEC_Context ctx;
	TEEC_Session sess;
	bool have_ctx, have_sess;
	struct perf_load_result *r;
	uint64_t *ops;
};

static int perf_load_fail(struct perf_load *l, TEEC_Result res, uint32_t origin,
			  const char *what)
{
	l->r->res = res;
	l->r->origin = origin;
	snprintf(l->r->what, sizeof(l->r->what), "%s", what);
	return -1;
}

/* Every whole word of buf must hold want (the TA's passes so far). */
static bool perf_load_check(const void *buf, size_t size, uint64_t want)
{
	const unsigned char *p = buf;

	for (size_t i = 0; i + 8 <= size; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		if (w != want)
			return false;
	}
	return true;
}

/* TOUCH passes over one memref; kind 0 registered, 1 allocated, 2 temp. */
static int perf_load_memref(struct perf_load *l, int kind, size_t size,
			    size_t offset, unsigned int passes)
{
	static const char *const names[] = { "registered", "allocated", "temp" };
	TEEC_SharedMemory shm;
	TEEC_Operation op;
	TEEC_Result res = TEEC_SUCCESS;
	unsigned char *mem = NULL, *buf;
	uint32_t origin = 0;
	char what[96];
	int ret = 0;

	memset(&shm, 0, sizeof(shm));
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (kind == 1) {
		shm.size = size;
		res = TEEC_AllocateSharedMemory(&l->ctx, &shm);
		if (res != TEEC_SUCCESS) {
			snprintf(what, sizeof(what), "AllocateSharedMemory %zu", size);
			return perf_load_fail(l, res, TEEC_ORIGIN_API, what);
		}
		buf = shm.buffer;
	} else {
		/* A buffer at an odd offset: edges that are not whole pages. */
		mem = malloc(size + offset);
		if (!mem)
			return perf_load_fail(l, TEEC_ERROR_OUT_OF_MEMORY,
					      TEEC_ORIGIN_API, "malloc");
		buf = mem + offset;
		if (kind == 0) {
			shm.buffer = buf;
			shm.size = size;
			res = TEEC_RegisterSharedMemory(&l->ctx, &shm);
			if (res != TEEC_SUCCESS) {
				free(mem);
				snprintf(what, sizeof(what),
					 "RegisterSharedMemory %zu", size);
				return perf_load_fail(l, res, TEEC_ORIGIN_API, what);
			}
		}
	}
	memset(buf, 0, size);
	for (unsigned int i = 0; i < passes && !ret; i++) {
		memset(&op, 0, sizeof(op));
		if (kind == 2) {
			op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT,
				TEEC_NONE, TEEC_NONE, TEEC_NONE);
			op.params[0].tmpref.buffer = buf;
			op.params[0].tmpref.size = size;
		} else {
			op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE,
				TEEC_NONE, TEEC_NONE, TEEC_NONE);
			op.params[0].memref.parent = &shm;
		}
		res = TEEC_InvokeCommand(&l->sess, SOFTEE_BENCH_CMD_TOUCH, &op,
					 &origin);
		if (res != TEEC_SUCCESS) {
			snprintf(what, sizeof(what), "invoke TOUCH %s %zu", names[kind],
				 size);
			ret = perf_load_fail(l, res, origin, what);
			break;
		}
		(*l->ops)++;
		if (!perf_load_check(buf, size, i + 1)) {
			snprintf(what, sizeof(what), "%s %zu: TA writes not seen "
				 "after pass %u", names[kind], size, i + 1);
			l->r->corrupt = true;
			ret = perf_load_fail(l, TEEC_ERROR_GENERIC, TEEC_ORIGIN_API,
					     what);
		}
	}
	if (kind != 2)
		TEEC_ReleaseSharedMemory(&shm);
	free(mem);
	return ret;
}

static int perf_load_small(struct perf_load *l, unsigned int n, uint64_t rnd)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin = 0;

	for (unsigned int i = 0; i < n; i++) {
		bool value = (rnd >> i) & 1;
		uint32_t a = (uint32_t)(rnd >> 16) + i;

		memset(&op, 0, sizeof(op));
		op.paramTypes = value ? TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
							 TEEC_NONE, TEEC_NONE) : 0;
		op.params[0].value.a = a;
		op.params[0].value.b = 7;
		res = TEEC_InvokeCommand(&l->sess, value ? SOFTEE_BENCH_CMD_VALUE :
					 SOFTEE_BENCH_CMD_NULL, &op, &origin);
		if (res != TEEC_SUCCESS)
			return perf_load_fail(l, res, origin, value ? "invoke VALUE" :
					      "invoke NULL");
		(*l->ops)++;
		if (value && (op.params[0].value.a != a + 1 ||
			      op.params[0].value.b != (7u ^ a))) {
			l->r->corrupt = true;
			return perf_load_fail(l, TEEC_ERROR_GENERIC, TEEC_ORIGIN_API,
					      "VALUE answer wrong");
		}
	}
	return 0;
}

int perf_load_cycle(uint64_t rnd, uint64_t *ops, struct perf_load_result *r)
{
	const TEEC_UUID single = TA_SOFTEE_BENCH_UUID;
	const TEEC_UUID multi = TA_SOFTEE_BENCH_MULTI_UUID;
	/* Sizes from one page to 256 KiB; offsets 0 or odd. */
	static const size_t sizes[] = { 4096, 8192, 65536, 262144, 24576 };
	struct perf_load l = { .r = r, .ops = ops };
	bool use_multi = rnd & 1;
	TEEC_Result res;
	uint32_t origin = 0;
	int ret = 0;

	memset(r, 0, sizeof(*r));
	res = TEEC_InitializeContext(NULL, &l.ctx);
	if (res != TEEC_SUCCESS)
		return perf_load_fail(&l, res, TEEC_ORIGIN_API, "InitializeContext");
	res = TEEC_OpenSession(&l.ctx, &l.sess, use_multi ? &multi : &single,
			       TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (res != TEEC_SUCCESS) {
		ret = perf_load_fail(&l, res, origin, use_multi ?
				     "OpenSession multi-instance TA" :
				     "OpenSession single-instance TA");
		goto out_ctx;
	}
	(*ops)++;
	for (int kind = 0; kind < 3 && !ret; kind++) {
		size_t size = sizes[(rnd >> (4 + kind * 3)) % 5];
		size_t offset = (rnd >> (20 + kind)) & 1 ? 8 * ((rnd >> 24) % 64) + 8 : 0;
		unsigned int passes = 1 + (unsigned int)((rnd >> (28 + kind * 2)) & 3);

		ret = perf_load_memref(&l, kind, size, offset, passes);
	}
	if (!ret)
		ret = perf_load_small(&l, 2 + (unsigned int)((rnd >> 40) & 7), rnd >> 44);
	TEEC_CloseSession(&l.sess);
	if (!ret)
		(*ops)++;
out_ctx:
	TEEC_FinalizeContext(&l.ctx);
	return ret;
}
