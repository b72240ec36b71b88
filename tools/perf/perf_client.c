// SPDX-License-Identifier: BSD-2-Clause
/* The libteec side of the workers: a context with a session on a bench TA. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <softee_bench_ta.h>
#include <tee_client_api.h>

#include "perf.h"

struct perf_client {
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_UUID uuid;
};

struct perf_client *perf_client_open(bool multi, char *why, size_t cap)
{
	const TEEC_UUID single_uuid = TA_SOFTEE_BENCH_UUID;
	const TEEC_UUID multi_uuid = TA_SOFTEE_BENCH_MULTI_UUID;
	struct perf_client *c = calloc(1, sizeof(*c));
	uint32_t origin = 0;
	TEEC_Result res;

	if (!c) {
		snprintf(why, cap, "out of memory");
		return NULL;
	}
	c->uuid = multi ? multi_uuid : single_uuid;
	res = TEEC_InitializeContext(NULL, &c->ctx);
	if (res != TEEC_SUCCESS) {
		snprintf(why, cap, "InitializeContext: 0x%08x", res);
		free(c);
		return NULL;
	}
	res = TEEC_OpenSession(&c->ctx, &c->sess, &c->uuid, TEEC_LOGIN_PUBLIC,
			       NULL, NULL, &origin);
	if (res != TEEC_SUCCESS) {
		snprintf(why, cap, "OpenSession (%s bench TA): 0x%08x origin %u",
			 multi ? "multi-instance" : "single-instance", res, origin);
		TEEC_FinalizeContext(&c->ctx);
		free(c);
		return NULL;
	}
	return c;
}

void perf_client_close(struct perf_client *c)
{
	if (!c)
		return;
	TEEC_CloseSession(&c->sess);
	TEEC_FinalizeContext(&c->ctx);
	free(c);
}

int perf_client_null(struct perf_client *c, uint32_t *res)
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	*res = TEEC_InvokeCommand(&c->sess, SOFTEE_BENCH_CMD_NULL, &op, NULL);
	return *res == TEEC_SUCCESS ? 0 : -EIO;
}

int perf_client_value(struct perf_client *c, uint32_t a, uint32_t *res)
{
	const uint32_t b = 0x5a5a0000u;
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].value.a = a;
	op.params[0].value.b = b;
	*res = TEEC_InvokeCommand(&c->sess, SOFTEE_BENCH_CMD_VALUE, &op, NULL);
	if (*res != TEEC_SUCCESS)
		return -EIO;
	if (op.params[0].value.a != a + 1 || op.params[0].value.b != (b ^ a))
		return -EBADMSG;
	return 0;
}

int perf_client_open_session(struct perf_client *c, void *sess, uint32_t *res)
{
	uint32_t origin = 0;

	*res = TEEC_OpenSession(&c->ctx, sess, &c->uuid, TEEC_LOGIN_PUBLIC,
				NULL, NULL, &origin);
	return *res == TEEC_SUCCESS ? 0 : -EIO;
}

void perf_client_close_session(void *sess)
{
	TEEC_CloseSession(sess);
}

void *perf_client_ctx(struct perf_client *c)
{
	return &c->ctx;
}

void *perf_client_sess(struct perf_client *c)
{
	return &c->sess;
}
