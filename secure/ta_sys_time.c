/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TA syscall service "time": the GP TA persistent time, one per
 * (normal world, TA UUID), kept as an offset from the secure world's
 * monotonic clock so it runs on with real time and never goes back
 * while the secure world lives (it is not kept across restarts).
 */
#include "ta_syscall.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "softee_ta_sys_time.h"
#include "tee_err.h"

#define TA_TIME_ERROR_OVERFLOW		0xFFFF300FU
#define TA_TIME_ERROR_TIME_NOT_SET	0xFFFF5000U

struct ta_time {
	uint32_t vm_id;
	uint8_t uuid[16];
	int64_t offset_ms;	/* persistent time = monotonic ms + offset */
	struct ta_time *next;
};

static struct {
	pthread_mutex_t lock;
	struct ta_time *list;
} ta_times = { .lock = PTHREAD_MUTEX_INITIALIZER };

static int64_t ta_time_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The entry of the calling TA; lock held. */
static struct ta_time *ta_time_find(const struct ta_sys_ctx *ctx)
{
	for (struct ta_time *t = ta_times.list; t; t = t->next)
		if (t->vm_id == ctx->vm_id && !memcmp(t->uuid, ctx->ta_uuid, 16))
			return t;
	return NULL;
}

static void ta_time_get(const struct ta_sys_ctx *ctx, struct ta_sys_rep *rep)
{
	struct softee_sys_time out;
	struct ta_time *t;
	int64_t now;

	pthread_mutex_lock(&ta_times.lock);
	t = ta_time_find(ctx);
	now = t ? ta_time_mono_ms() + t->offset_ms : 0;
	pthread_mutex_unlock(&ta_times.lock);
	if (!t) {
		rep->ret = TA_TIME_ERROR_TIME_NOT_SET;
		return;
	}
	/* Set times are >= 0 and the monotonic clock only moves forward. */
	out.seconds = (uint32_t)(now / 1000);
	out.millis = (uint32_t)(now % 1000);
	/* GP: past 2^32 s the TA still gets the seconds modulo 2^32. */
	rep->ret = now / 1000 > UINT32_MAX ? TA_TIME_ERROR_OVERFLOW : TEE_SUCCESS;
	memcpy(rep->out, &out, sizeof(out));
	rep->out_len = sizeof(out);
}

static void ta_time_set(const struct ta_sys_ctx *ctx,
			const struct ta_sys_req *req, struct ta_sys_rep *rep)
{
	struct softee_sys_time in;
	struct ta_time *t;

	if (req->in_len != sizeof(in) || req->in_fd >= 0) {
		rep->ret = TEE_ERROR_BAD_PARAMETERS;
		return;
	}
	memcpy(&in, req->in, sizeof(in));
	if (in.millis >= 1000) {
		rep->ret = TEE_ERROR_BAD_PARAMETERS;
		return;
	}
	pthread_mutex_lock(&ta_times.lock);
	t = ta_time_find(ctx);
	if (!t) {
		t = calloc(1, sizeof(*t));
		if (!t) {
			pthread_mutex_unlock(&ta_times.lock);
			rep->ret = TEE_ERROR_OUT_OF_MEMORY;
			return;
		}
		t->vm_id = ctx->vm_id;
		memcpy(t->uuid, ctx->ta_uuid, 16);
		t->next = ta_times.list;
		ta_times.list = t;
	}
	t->offset_ms = (int64_t)in.seconds * 1000 + in.millis - ta_time_mono_ms();
	pthread_mutex_unlock(&ta_times.lock);
	rep->ret = TEE_SUCCESS;
}

void ta_sys_time(const struct ta_sys_ctx *ctx, const struct ta_sys_req *req,
		 struct ta_sys_rep *rep)
{
	switch (req->nr) {
	case SOFTEE_SYS_TIME(SOFTEE_SYS_TIME_GET_TA):
		if (req->in_len || req->in_fd >= 0) {
			rep->ret = TEE_ERROR_BAD_PARAMETERS;
			return;
		}
		ta_time_get(ctx, rep);
		return;
	case SOFTEE_SYS_TIME(SOFTEE_SYS_TIME_SET_TA):
		ta_time_set(ctx, req, rep);
		return;
	default:
		DMSG_LOG("unknown time syscall 0x%x", req->nr);
		rep->ret = TEE_ERROR_NOT_SUPPORTED;
		return;
	}
}
