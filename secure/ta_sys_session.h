/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TA syscall service "session" (softee_ta_sys_session.h): the decoder is
 * exposed for unit tests, which feed it hostile requests.
 */
#ifndef SOFTEE_SECURE_TA_SYS_SESSION_H
#define SOFTEE_SECURE_TA_SYS_SESSION_H

#include <stdint.h>

#include "softee_ta_sys_session.h"
#include "ta_syscall.h"

/*
 * Check a SESSION request (class already checked) and copy it into *out.
 * 0; -EINVAL for anything malformed (length, reserved bits, param types,
 * NULL flags on non-memrefs, offsets that overflow, values wider than 32
 * bits, an fd missing or one too many); -ENOMEM when the memrefs carry
 * more than SOFTEE_SYS_SESS_MAX_MEMREF_BYTES.
 */
int ta_sys_sess_decode(const struct ta_sys_req *req,
		       struct softee_sys_sess_req *out);

/* Does memref i of a decoded request carry bytes (not NULL, not empty)? */
static inline int ta_sys_sess_has_bytes(const struct softee_sys_sess_req *r,
					unsigned int i)
{
	uint32_t t = (r->param_types >> (4 * i)) & 0xF;

	return t >= 5 && t <= 7 && !(r->null_refs & (1U << i)) &&
	       r->params[i].b;
}

#endif
