/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TA-to-TA sessions: a TA, inside one of its calls, opens, invokes and
 * closes sessions on other TAs (ta_sys_session.c decodes its requests).
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "ta_manager_int.h"
#include "tee_err.h"

/* Cancels a nested call when its cancellation timeout expires. */
struct tm_timer {
	pthread_t th;
	pthread_mutex_t lock;
	pthread_cond_t cv;
	struct timespec deadline;	/* CLOCK_MONOTONIC */
	struct tm_inflight *f;
	bool done, started;
};

static void *tm_timer_main(void *arg)
{
	struct tm_timer *tt = arg;
	bool fire = false;

	pthread_mutex_lock(&tt->lock);
	while (!tt->done && !fire)
		fire = pthread_cond_timedwait(&tt->cv, &tt->lock,
					      &tt->deadline) == ETIMEDOUT &&
		       !tt->done;
	pthread_mutex_unlock(&tt->lock);
	/* f lives until tm_timer_stop has joined us. */
	if (fire)
		tm_inflight_cancel(tt->f);
	return NULL;
}

/* Start the timer unless the timeout is infinite (or it cannot start). */
static void tm_timer_start(struct tm_timer *tt, struct tm_inflight *f,
			   uint32_t timeout_ms)
{
	pthread_condattr_t ca;

	memset(tt, 0, sizeof(*tt));
	if (timeout_ms == TM_TIMEOUT_INFINITE)
		return;
	tt->f = f;
	clock_gettime(CLOCK_MONOTONIC, &tt->deadline);
	tt->deadline.tv_sec += timeout_ms / 1000;
	tt->deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (tt->deadline.tv_nsec >= 1000000000) {
		tt->deadline.tv_sec++;
		tt->deadline.tv_nsec -= 1000000000;
	}
	pthread_mutex_init(&tt->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&tt->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&tt->th, NULL, tm_timer_main, tt)) {
		/* Without a timer the call only ends by itself or a cancel. */
		WMSG("no timer thread for a TA-to-TA cancellation timeout");
		pthread_cond_destroy(&tt->cv);
		pthread_mutex_destroy(&tt->lock);
		return;
	}
	tt->started = true;
}

static void tm_timer_stop(struct tm_timer *tt)
{
	if (!tt->started)
		return;
	pthread_mutex_lock(&tt->lock);
	tt->done = true;
	pthread_cond_signal(&tt->cv);
	pthread_mutex_unlock(&tt->lock);
	pthread_join(tt->th, NULL);
	pthread_cond_destroy(&tt->cv);
	pthread_mutex_destroy(&tt->lock);
}

void tm_ta_open_session(const struct ta_sys_ctx *caller, const uint8_t uuid[16],
			uint32_t cancel_timeout_ms, struct msg_param *params,
			struct mobj **mobjs, uint32_t *session,
			struct tm_result *res)
{
	struct tm_inflight f = { .vm_id = caller->vm_id };
	struct ta_host_call hc = { .op = SOFTEE_TA_OPEN_SESSION,
		.login = TM_LOGIN_TRUSTED_APP, .n_params = TM_TA_PARAMS,
		.params = params, .mobjs = mobjs };
	struct tm_timer tt;
	int rc;

	/* Loading a TA takes RPCs: no normal world, no new session. */
	if (!caller->thread || !caller->inst) {
		tm_set_err(res, TEE_ERROR_COMMUNICATION);
		return;
	}
	if (tm_owned_count(caller->inst) >= TM_MAX_OWNED) {
		tm_set_err(res, TEE_ERROR_OUT_OF_MEMORY);
		return;
	}
	memcpy(hc.clnt_uuid, caller->ta_uuid, 16);
	rc = tm_inflight_add(&f, caller);
	if (rc) {
		tm_set_err(res, tee_err_from_errno(rc));
		return;
	}
	tm_timer_start(&tt, &f, cancel_timeout_ms);
	tm_open_common(caller->thread, uuid, &hc, &f, caller->inst, session,
		       res);
	tm_timer_stop(&tt);
	tm_inflight_del(&f);
}

void tm_ta_invoke(const struct ta_sys_ctx *caller, uint32_t session,
		  uint32_t cmd, uint32_t cancel_timeout_ms,
		  struct msg_param *params, struct mobj **mobjs,
		  struct tm_result *res)
{
	struct tm_inflight f = { .vm_id = caller->vm_id, .session = session };
	struct ta_host_call hc = { .op = SOFTEE_TA_INVOKE,
		.session_id = session, .cmd = cmd, .n_params = TM_TA_PARAMS,
		.params = params, .mobjs = mobjs };
	struct softee_ta_result r;
	struct tm_timer tt;
	struct tm_inst *i;
	int rc;

	i = caller->inst ? tm_sess_inst(caller->vm_id, caller->inst, session) :
			   NULL;
	if (!i) {
		tm_set_err(res, TEE_ERROR_ITEM_NOT_FOUND);
		return;
	}
	rc = tm_inflight_add(&f, caller);
	if (rc) {
		tm_inst_put(i);
		tm_set_err(res, tee_err_from_errno(rc));
		return;
	}
	tm_timer_start(&tt, &f, cancel_timeout_ms);
	rc = tm_call(caller->thread, caller->vm_id, i, &f, &hc, &r);
	tm_timer_stop(&tt);
	tm_inflight_del(&f);
	tm_result_from(res, rc, &r);
	tm_inst_put(i);
}

int tm_ta_close_session(const struct ta_sys_ctx *caller, uint32_t session)
{
	struct tm_sess *s = NULL;

	if (caller->inst)
		s = tm_sess_take(caller->vm_id, caller->inst, session);
	if (!s)
		return -ENOENT;
	tm_sess_end(caller->thread, s);
	return 0;
}
