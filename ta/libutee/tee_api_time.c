// SPDX-License-Identifier: BSD-2-Clause
/* GP time functions: system time (monotonic) and REE time (wall clock). */
#include <time.h>
#include <tee_internal_api.h>

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
