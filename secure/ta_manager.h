/* SPDX-License-Identifier: BSD-2-Clause */
/* The TA manager: sessions, TA instances, their flags, cancellation. */
#ifndef SOFTEE_SECURE_TA_MANAGER_H
#define SOFTEE_SECURE_TA_MANAGER_H

#include <stdint.h>

#include "mobj.h"
#include "msg_param.h"
#include "softee_ta_proto.h"
#include "thread.h"

/* Outcome of a call: GP result, origin, and the TA's output params. */
struct tm_result {
	uint32_t ret;
	uint32_t origin;
	struct softee_ta_result ta;	/* valid when origin is the TA */
	bool have_out;
};

/* The msg_call has been validated; mobjs[i] backs each non-NULL memref. */
void tm_open_session(struct sw_thread *t, const struct msg_call *c,
		     struct mobj **mobjs, uint32_t *session,
		     struct tm_result *res);
void tm_invoke(struct sw_thread *t, const struct msg_call *c,
	       struct mobj **mobjs, struct tm_result *res);
void tm_close_session(struct sw_thread *t, const struct msg_call *c,
		      struct tm_result *res);
void tm_cancel(uint32_t vm_id, uint32_t session, uint32_t cancel_id);

/*
 * TA-to-TA sessions (GP TEE_OpenTASession and friends), asked for by the
 * TA running the call that caller describes. The target sees login
 * TEE_LOGIN_TRUSTED_APP and the caller's UUID. Sessions belong to the
 * calling instance and its normal world: only it can use them, and they
 * are closed when it closes them, dies or is destroyed (or the normal
 * world goes). A call into an instance already busy in the caller's own
 * chain of calls (A -> B -> A) gets TEE_ERROR_BUSY instead of waiting
 * for itself. Cancelling the caller's call cancels the nested one too;
 * cancel_timeout_ms (TEE_TIMEOUT_INFINITE: none) cancels it after that
 * long. params/mobjs: TM_TA_PARAMS entries, n_params of them used.
 */
struct ta_sys_ctx;
#define TM_TA_PARAMS	4
void tm_ta_open_session(const struct ta_sys_ctx *caller, const uint8_t uuid[16],
			uint32_t cancel_timeout_ms, struct msg_param *params,
			struct mobj **mobjs, uint32_t *session,
			struct tm_result *res);
void tm_ta_invoke(const struct ta_sys_ctx *caller, uint32_t session,
		  uint32_t cmd, uint32_t cancel_timeout_ms,
		  struct msg_param *params, struct mobj **mobjs,
		  struct tm_result *res);
/* 0, or -ENOENT when the caller owns no such session. */
int tm_ta_close_session(const struct ta_sys_ctx *caller, uint32_t session);

/* A normal world went away: drop its sessions and idle instances. */
void tm_drop_vm(uint32_t vm_id);
/* Shutdown: destroy every instance. */
void tm_fini(void);

void tm_stats(uint64_t *sessions, uint64_t *instances);
/* Normal-world sessions and TA instances of one VM (virtualization). */
void tm_vm_stats(uint32_t vm_id, uint64_t *sessions, uint64_t *instances);

#endif
