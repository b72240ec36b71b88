/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SYSCALL requests from a TA host to the secure world, made while a call
 * is running (softee_ta_proto.h). They are how a TA reaches what lives
 * outside its sandbox: other TAs, secure storage, TA persistent time.
 *
 * Request:  softee_ta_hdr{op SYSCALL, seq of the running call}
 *           + softee_ta_syscall{nr, len} + len bytes, and at most one fd.
 * Reply:    softee_ta_hdr{op SYSCALL_RET, same seq}
 *           + softee_ta_syscall_ret{ret, len} + len bytes, at most one fd.
 *
 * nr = class << 8 | function. Each class is one service of the secure
 * world, with its own header for the payload layouts. Bulk data that
 * does not fit inline travels in a memfd (the one fd).
 */
#ifndef SOFTEE_TA_SYSCALL_H
#define SOFTEE_TA_SYSCALL_H

#include <stdint.h>

#include "softee_ta_proto.h"

#define SOFTEE_SYS_CLASS(nr)	((nr) >> 8)
#define SOFTEE_SYS_NR(cls, fn)	((uint32_t)(cls) << 8 | (uint32_t)(fn))

enum softee_sys_class {
	SOFTEE_SYS_CLASS_TIME = 1,	/* softee_ta_sys_time.h */
	SOFTEE_SYS_CLASS_SESSION = 2,	/* softee_ta_sys_session.h (TA to TA) */
	SOFTEE_SYS_CLASS_STORAGE = 3,	/* softee_ta_sys_storage.h */
};

/*
 * Largest inline payload either way. Both ends bound their buffers by
 * it; the secure world refuses anything longer (the TA host is hostile).
 */
#define SOFTEE_TA_SYSCALL_MAX_DATA	(60 * 1024)
#define SOFTEE_TA_SYSCALL_MAX_MSG	(sizeof(struct softee_ta_hdr) + \
					 sizeof(struct softee_ta_syscall_ret) + \
					 SOFTEE_TA_SYSCALL_MAX_DATA)

#endif /* SOFTEE_TA_SYSCALL_H */
