/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SYSCALL class TIME (softee_ta_syscall.h): the TA persistent time, kept
 * by the secure world per (normal world, TA UUID) for its lifetime.
 *
 * GET: no payload; reply struct softee_sys_time (ret SUCCESS, OVERFLOW
 *      with the seconds truncated to 32 bits, or TIME_NOT_SET).
 * SET: payload struct softee_sys_time; no reply payload.
 */
#ifndef SOFTEE_TA_SYS_TIME_H
#define SOFTEE_TA_SYS_TIME_H

#include <assert.h>
#include <stdint.h>

#include "softee_ta_syscall.h"

enum softee_sys_time_fn {
	SOFTEE_SYS_TIME_GET_TA = 1,
	SOFTEE_SYS_TIME_SET_TA = 2,
};

#define SOFTEE_SYS_TIME(fn)	SOFTEE_SYS_NR(SOFTEE_SYS_CLASS_TIME, (fn))

/* GP TEE_Time on the wire. */
struct softee_sys_time {
	uint32_t seconds;
	uint32_t millis;	/* < 1000 */
};
static_assert(sizeof(struct softee_sys_time) == 8, "sys time");

#endif /* SOFTEE_TA_SYS_TIME_H */
