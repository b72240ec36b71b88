// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP time functions: system time (monotonic), REE time (wall clock) and
 * the TA persistent time, which the secure world keeps for each TA
 * (SYSCALL class TIME, softee_ta_sys_time.h).
 */
#include <string.h>
#include <time.h>
#include <tee_internal_api.h>

#include "softee_ta_sys_time.h"
#include "utee_runtime.h"

static void utee_clock_to_tee_time(clockid_t clk, TEE_Time *t)
{
	struct timespec ts;

	if (clock_gettime(clk, &ts))
		TEE_Panic(TEE_ERROR_GENERIC);
	t->seconds = (uint32_t)ts.tv_sec;
	t->millis = (uint32_t)(ts.tv_nsec / 1000000);
}

void TEE_GetSystemTime(TEE_Time *time)
{
	utee_clock_to_tee_time(CLOCK_MONOTONIC, time);
}

void TEE_GetREETime(TEE_Time *time)
{
	utee_clock_to_tee_time(CLOCK_REALTIME, time);
}

TEE_Result TEE_GetTAPersistentTime(TEE_Time *time)
{
	struct softee_sys_time t;
	TEE_Result res;
	size_t len;

	if (!time)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = utee_syscall(SOFTEE_SYS_TIME(SOFTEE_SYS_TIME_GET_TA), NULL, 0, -1,
			   &t, sizeof(t), &len, NULL);
	switch (res) {
	case TEE_SUCCESS:
	case TEE_ERROR_OVERFLOW:	/* seconds modulo 2^32 */
		if (len != sizeof(t) || t.millis >= 1000)
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		time->seconds = t.seconds;
		time->millis = t.millis;
		return res;
	case TEE_ERROR_TIME_NOT_SET:
	case TEE_ERROR_TIME_NEEDS_RESET:
		memset(time, 0, sizeof(*time));
		return res;
	default:
		/* GP: any other failure is a panic. */
		TEE_Panic(res);
	}
}

TEE_Result TEE_SetTAPersistentTime(const TEE_Time *time)
{
	struct softee_sys_time t;
	TEE_Result res;

	if (!time || time->millis >= 1000)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	t.seconds = time->seconds;
	t.millis = time->millis;
	res = utee_syscall(SOFTEE_SYS_TIME(SOFTEE_SYS_TIME_SET_TA), &t,
			   sizeof(t), -1, NULL, 0, NULL, NULL);
	if (res != TEE_SUCCESS && res != TEE_ERROR_OUT_OF_MEMORY &&
	    res != TEE_ERROR_STORAGE_NO_SPACE)
		TEE_Panic(res);
	return res;
}
