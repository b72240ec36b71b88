/* SPDX-License-Identifier: BSD-2-Clause */
/* Routes a TA's SYSCALL request to the service that owns its class. */
#include "ta_syscall.h"

#include "log.h"
#include "tee_err.h"

void ta_syscall_dispatch(const struct ta_sys_ctx *ctx,
			 const struct ta_sys_req *req, struct ta_sys_rep *rep)
{
	rep->ret = TEE_ERROR_NOT_SUPPORTED;
	rep->out_len = 0;
	rep->out_fd = -1;
	switch (SOFTEE_SYS_CLASS(req->nr)) {
	case SOFTEE_SYS_CLASS_TIME:
		ta_sys_time(ctx, req, rep);
		break;
	case SOFTEE_SYS_CLASS_SESSION:
		ta_sys_session(ctx, req, rep);
		break;
	case SOFTEE_SYS_CLASS_STORAGE:
		ta_sys_storage(ctx, req, rep);
		break;
	default:
		DMSG_LOG("TA syscall 0x%x of no known class", req->nr);
		break;
	}
}
