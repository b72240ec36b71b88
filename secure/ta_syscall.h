/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Serving a TA's SYSCALL requests (softee_ta_syscall.h). The TA host that
 * sends them is hostile: every service validates lengths and contents.
 */
#ifndef SOFTEE_SECURE_TA_SYSCALL_H
#define SOFTEE_SECURE_TA_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

#include "softee_ta_syscall.h"
#include "thread.h"

struct tm_inst;

/* Who is asking: the call that the request belongs to. */
struct ta_sys_ctx {
	struct sw_thread *thread;	/* runs the call; may issue RPCs */
	uint32_t vm_id;			/* normal world the call came from */
	uint8_t ta_uuid[16];		/* the calling TA */
	struct tm_inst *inst;		/* the calling TA instance */
	uint32_t session_id;		/* the calling session (0: none) */
};

struct ta_sys_req {
	uint32_t nr;
	const uint8_t *in;
	size_t in_len;		/* <= SOFTEE_TA_SYSCALL_MAX_DATA */
	int in_fd;		/* -1 if none; closed by the dispatcher after */
};

struct ta_sys_rep {
	uint32_t ret;		/* TEE_Result for the TA */
	uint8_t *out;		/* SOFTEE_TA_SYSCALL_MAX_DATA bytes to fill */
	size_t out_len;
	int out_fd;		/* -1, or an fd to pass; the dispatcher closes it */
};

/* Route a request to its service; rep->ret is set in every case. */
void ta_syscall_dispatch(const struct ta_sys_ctx *ctx,
			 const struct ta_sys_req *req, struct ta_sys_rep *rep);

/* The services, one per class (each in its own file). */
void ta_sys_time(const struct ta_sys_ctx *ctx, const struct ta_sys_req *req,
		 struct ta_sys_rep *rep);
void ta_sys_session(const struct ta_sys_ctx *ctx, const struct ta_sys_req *req,
		    struct ta_sys_rep *rep);
void ta_sys_storage(const struct ta_sys_ctx *ctx, const struct ta_sys_req *req,
		    struct ta_sys_rep *rep);

#endif
