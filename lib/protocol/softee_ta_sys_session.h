/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SYSCALL class SESSION (softee_ta_syscall.h): a TA opens sessions to
 * other TAs, invokes them and closes them (GP TEE_OpenTASession,
 * TEE_InvokeTACommand, TEE_CloseTASession).
 *
 * Request payload: struct softee_sys_sess_req. The memrefs' bytes travel
 * in the request's one fd (a memfd of the calling TA): memref i is
 * params[i].b bytes at file offset params[i].a. The secure world copies
 * input bytes out of it into memory of its own, which the target TA
 * maps; when the call ends it writes output bytes back into the same fd
 * at the same offsets (only when the returned size fits the given one).
 * A request with no memref (or only NULL ones) carries no fd.
 *
 * Reply payload (OPEN, INVOKE): struct softee_sys_sess_rep; the
 * SYSCALL_RET's ret is the GP result and ret_origin its origin. CLOSE
 * answers with no payload.
 */
#ifndef SOFTEE_TA_SYS_SESSION_H
#define SOFTEE_TA_SYS_SESSION_H

#include <assert.h>
#include <stdint.h>

#include "softee_ta_syscall.h"

enum softee_sys_sess_fn {
	SOFTEE_SYS_SESS_OPEN = 1,
	SOFTEE_SYS_SESS_INVOKE = 2,
	SOFTEE_SYS_SESS_CLOSE = 3,
};

#define SOFTEE_SYS_SESS(fn)	SOFTEE_SYS_NR(SOFTEE_SYS_CLASS_SESSION, (fn))

/* One GP parameter. Values: a, b. Memrefs: a = offset in the fd, b = size. */
struct softee_sys_sess_param {
	uint64_t a;
	uint64_t b;
};

struct softee_sys_sess_req {
	uint32_t session;		/* INVOKE, CLOSE: the secure world's handle */
	uint32_t cmd;			/* INVOKE: command id */
	uint32_t cancel_timeout;	/* ms, or 0xFFFFFFFF for none */
	uint32_t param_types;		/* GP TEE_PARAM_TYPES (CLOSE: 0) */
	uint32_t null_refs;		/* bit i: memref i is a NULL buffer */
	uint32_t reserved;		/* 0 */
	uint8_t uuid[16];		/* OPEN: destination, GP wire octets */
	struct softee_sys_sess_param params[4];
};
static_assert(sizeof(struct softee_sys_sess_req) == 104, "sess req");

struct softee_sys_sess_rep {
	uint32_t ret_origin;		/* TEE_ORIGIN_* of the SYSCALL_RET's ret */
	uint32_t session;		/* OPEN: the new session's handle */
	/* Output values (a, b) and memref output sizes (b). */
	struct softee_sys_sess_param params[4];
};
static_assert(sizeof(struct softee_sys_sess_rep) == 72, "sess rep");

/*
 * Region handles (softee_ta_proto.h) of memory the secure world owns
 * itself, as TA-to-TA memrefs are, have this bit; a normal world's never.
 */
#define SOFTEE_TA_SECURE_REGION_BIT	(1ULL << 63)

/* The login a target TA sees for a TA client (GP TEE_LOGIN_TRUSTED_APP). */
#define SOFTEE_SYS_SESS_LOGIN_TA	0xF0000000U

/*
 * Bytes of memrefs one call may carry through the secure world (sum of
 * the non-NULL memrefs' sizes); larger requests get OUT_OF_MEMORY.
 */
#define SOFTEE_SYS_SESS_MAX_MEMREF_BYTES	(64ULL << 20)

#endif /* SOFTEE_TA_SYS_SESSION_H */
