/* SPDX-License-Identifier: BSD-2-Clause */
/* TA syscall service "time" (in progress: nothing served yet). */
#include "ta_syscall.h"
#include "tee_err.h"

void ta_sys_time(const struct ta_sys_ctx *ctx, const struct ta_sys_req *req,
	       struct ta_sys_rep *rep)
{
	(void)ctx;
	(void)req;
	rep->ret = TEE_ERROR_NOT_SUPPORTED;
}
