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

/* A normal world went away: drop its sessions and idle instances. */
void tm_drop_vm(uint32_t vm_id);
/* Shutdown: destroy every instance. */
void tm_fini(void);

void tm_stats(uint64_t *sessions, uint64_t *instances);

#endif
