// SPDX-License-Identifier: BSD-2-Clause
/*
 * The fault injector's secure storage part: clients keep writing versions
 * of their own persistent objects (tests/ta/softee_storage) through the
 * kills; an object must always hold a version between the last one whose
 * write was acknowledged and the last one started, never anything else.
 */
#include <stdio.h>
#include <string.h>

#include <softee_storage_ta.h>
#include <tee_client_api.h>

#include "fault_inject.h"

/* TEE_ERROR_CORRUPT_OBJECT as the client sees it (GP TEE Internal API). */
#define FI_ERROR_CORRUPT_OBJECT	0xF0100001u

static void fi_obj_id(size_t i, char *id, size_t cap)
{
	snprintf(id, cap, "fault-inject-object-%zu", i);
}

static TEEC_Result fi_stor_call(TEEC_Session *sess, uint32_t cmd, size_t obj,
				uint32_t a, uint32_t b, uint32_t *out,
				uint32_t *origin)
{
	TEEC_Operation op;
	TEEC_Result res;
	char id[48];

	fi_obj_id(obj, id, sizeof(id));
	memset(&op, 0, sizeof(op));
	op.params[0].tmpref.buffer = id;
	op.params[0].tmpref.size = strlen(id);
	switch (cmd) {
	case STOR_CMD_VERSION_WRITE:
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
						 TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
		op.params[1].value.a = a;
		op.params[1].value.b = b;
		break;
	case STOR_CMD_VERSION_CHECK:
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
						 TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
		break;
	default:
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		break;
	}
	res = TEEC_InvokeCommand(sess, cmd, &op, origin);
	if (out)
		*out = op.params[1].value.a;
	return res;
}

/* Whether what CHECK found is allowed for obj; sets what for a bad one. */
static bool fi_obj_ok(const struct fi_obj *o, TEEC_Result res, uint32_t found,
		      size_t i, char *what, size_t cap)
{
	uint32_t acked = atomic_load(&o->acked), started = atomic_load(&o->started);

	if (res == TEEC_ERROR_ITEM_NOT_FOUND && !acked)
		return true;
	if (res == TEEC_SUCCESS && found >= acked && found <= started && found)
		return true;
	if (res == TEEC_SUCCESS)
		snprintf(what, cap, "object %zu holds version %u, expected %u..%u",
			 i, found, acked, started);
	else
		snprintf(what, cap, "object %zu (acknowledged version %u) %s: "
			 "TEEC 0x%08x", i, acked, res == TEEC_ERROR_ITEM_NOT_FOUND ?
			 "lost" : "unreadable", res);
	return false;
}

static int fi_stor_open(TEEC_Context *ctx, TEEC_Session *sess,
			struct perf_load_result *r)
{
	const TEEC_UUID uuid = TA_SOFTEE_STORAGE_UUID;
	TEEC_Result res = TEEC_InitializeContext(NULL, ctx);

	if (res == TEEC_SUCCESS) {
		res = TEEC_OpenSession(ctx, sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
				       NULL, &r->origin);
		if (res != TEEC_SUCCESS)
			TEEC_FinalizeContext(ctx);
	}
	if (res != TEEC_SUCCESS) {
		r->res = res;
		snprintf(r->what, sizeof(r->what), "storage TA: open");
		return -1;
	}
	return 0;
}

int fi_storage_step(struct fi_store *st, size_t first, uint64_t rnd,
		    struct perf_load_result *r)
{
	size_t w = first + (rnd & 1), c = first + ((rnd >> 1) & 1);
	struct fi_obj *ow = &st->obj[w], *oc = &st->obj[c];
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Result res;
	uint32_t v, found = 0;
	int ret = 0;

	memset(r, 0, sizeof(*r));
	if (fi_stor_open(&ctx, &sess, r))
		return -1;
	/*
	 * An object keeps one size (the TA overwrites in place): most are
	 * small, one in four is large (many frames, several FS blocks).
	 */
	v = atomic_load(&ow->started) + 1;
	atomic_store(&ow->started, v);
	res = fi_stor_call(&sess, STOR_CMD_VERSION_WRITE, w, v, w % 4 == 3, NULL,
			   &r->origin);
	if (res == TEEC_SUCCESS) {
		atomic_store(&ow->acked, v);
	} else {
		r->res = res;
		snprintf(r->what, sizeof(r->what), "storage: write object %zu "
			 "version %u", w, v);
		ret = -1;
	}
	if (!ret && atomic_load(&oc->started)) {
		res = fi_stor_call(&sess, STOR_CMD_VERSION_CHECK, c, 0, 0, &found,
				   &r->origin);
		if (!fi_obj_ok(oc, res, found, c, r->what, sizeof(r->what))) {
			r->res = res;
			/* Wrong content or a lost object is never excused. */
			r->corrupt = res == TEEC_SUCCESS ||
				     res == TEEC_ERROR_ITEM_NOT_FOUND ||
				     res == FI_ERROR_CORRUPT_OBJECT;
			ret = -1;
		}
	}
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return ret;
}

size_t fi_storage_final(struct fi_store *st, unsigned int w, size_t *checked)
{
	struct perf_load_result r;
	size_t n = atomic_load(&st->n), bad = 0;
	TEEC_Context ctx;
	TEEC_Session sess;

	*checked = 0;
	if (n > FI_MAX_OBJS)
		n = FI_MAX_OBJS;
	memset(&r, 0, sizeof(r));
	if (fi_stor_open(&ctx, &sess, &r)) {
		printf("  storage TA: TEEC 0x%08x\n", r.res);
		return n ? n : 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct fi_obj *o = &st->obj[i];
		uint32_t found = 0, origin = 0;
		TEEC_Result res;
		char what[128];

		if (!atomic_load(&o->started) || atomic_load(&o->world) != w)
			continue;
		(*checked)++;
		res = fi_stor_call(&sess, STOR_CMD_VERSION_CHECK, i, 0, 0, &found,
				   &origin);
		if (!fi_obj_ok(o, res, found, i, what, sizeof(what))) {
			printf("  %s\n", what);
			bad++;
		}
		/* Leave the storage as it was found. */
		if (res == TEEC_SUCCESS || res == FI_ERROR_CORRUPT_OBJECT)
			fi_stor_call(&sess, STOR_CMD_DELETE, i, 0, 0, NULL, &origin);
	}
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return bad;
}
