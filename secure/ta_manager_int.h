/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inside the TA manager: instances, sessions and calls in flight, shared
 * by ta_manager.c (the core, normal-world sessions) and
 * ta_manager_ta2ta.c (sessions TAs open to other TAs). Nobody else
 * includes this.
 */
#ifndef SOFTEE_SECURE_TA_MANAGER_INT_H
#define SOFTEE_SECURE_TA_MANAGER_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "ta_host.h"
#include "ta_manager.h"
#include "ta_syscall.h"

#define TM_TIMEOUT_INFINITE	0xFFFFFFFFU
#define TM_LOGIN_TRUSTED_APP	0xF0000000U
/* Bounds on what one TA can make the secure world do for it. */
#define TM_MAX_NESTING		16	/* TA-to-TA calls inside each other */
#define TM_MAX_OWNED		64	/* TA-to-TA sessions per instance */

struct tm_inst {
	uint8_t uuid[16];
	struct ta_host *host;
	uint32_t flags;
	unsigned int refs;	/* sessions + calls holding it */
	unsigned int n_sessions;
	bool dead;
	uint32_t last_vm;
	/* One call at a time: busy, by the thread owner, others wait on cv. */
	bool busy;
	pthread_t owner;
	pthread_cond_t idle_cv;
	struct tm_inst *next;
};

struct tm_sess {
	uint32_t id;
	uint32_t vm_id;
	struct tm_inst *inst;
	struct tm_inst *owner;	/* TA-to-TA: the calling instance */
	struct tm_sess *next;
};

/* A call in progress, findable by CANCEL. */
struct tm_inflight {
	uint32_t vm_id, session, cancel_id;
	struct ta_host *host;	/* while the TA runs it */
	bool cancelled;
	bool nested;		/* made by a TA: only its parent cancels it */
	unsigned int depth;	/* TA-to-TA nesting level */
	struct tm_inflight *parent;	/* the call that made it */
	struct tm_inflight *next;
};

void tm_set_err(struct tm_result *res, uint32_t ret);
void tm_inst_put(struct tm_inst *i);

/*
 * Register f; a nested call (caller not NULL) gets the caller's running
 * call as parent and starts cancelled if that one is. -ENOMEM when the
 * nesting is too deep.
 */
int tm_inflight_add(struct tm_inflight *f, const struct ta_sys_ctx *caller);
void tm_inflight_del(struct tm_inflight *f);
/* Cancel f and every call made under it. */
void tm_inflight_cancel(struct tm_inflight *f);

/*
 * One call into the instance, serialized; -EPIPE marks it dead, -EBUSY
 * if waiting for it would wait for ourselves. t is the secure thread
 * running it (NULL when the normal world is gone), which serves the TA's
 * syscalls for normal world vm_id.
 */
int tm_call(struct sw_thread *t, uint32_t vm_id, struct tm_inst *i,
	    struct tm_inflight *f, const struct ta_host_call *hc_in,
	    struct softee_ta_result *r);
void tm_result_from(struct tm_result *res, int rc,
		    const struct softee_ta_result *r);

/*
 * Open a session on uuid for normal world t->vm_id (owner NULL) or for
 * TA instance owner; f is registered already. *session on success.
 */
void tm_open_common(struct sw_thread *t, const uint8_t uuid[16],
		    struct ta_host_call *hc, struct tm_inflight *f,
		    struct tm_inst *owner, uint32_t *session,
		    struct tm_result *res);
/* The instance of a session (with a ref), or NULL. */
struct tm_inst *tm_sess_inst(uint32_t vm_id, const struct tm_inst *owner,
			     uint32_t id);
/* Unlink session id of vm_id owned by owner (NULL: a normal world's). */
struct tm_sess *tm_sess_take(uint32_t vm_id, const struct tm_inst *owner,
			     uint32_t id);
/* Close an unlinked session on its host and free it. */
void tm_sess_end(struct sw_thread *t, struct tm_sess *s);
/* TA-to-TA sessions owner holds now. */
unsigned int tm_owned_count(const struct tm_inst *owner);

#endif
