// SPDX-License-Identifier: BSD-2-Clause
/*
 * Cancellation and TEE_Wait: the secure world sets the flag word in the
 * shared page and wakes us with a (shared, non-private) futex wake.
 */
#include <errno.h>
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <tee_internal_api.h>

#include "utee_runtime.h"

static bool utee_cancel_requested(void)
{
	if (!utee_rt.shared)
		return false;
	return __atomic_load_n(&utee_rt.shared->cancel_requested,
			       __ATOMIC_ACQUIRE) != 0;
}

static bool utee_cancel_masked(void)
{
	/* Outside a session (create/destroy) cancellation cannot apply. */
	return !utee_rt.cur_sess || utee_rt.cur_sess->cancel_masked;
}

bool TEE_GetCancellationFlag(void)
{
	return !utee_cancel_masked() && utee_cancel_requested();
}

bool TEE_UnmaskCancellation(void)
{
	bool was = utee_cancel_masked();

	if (utee_rt.cur_sess)
		utee_rt.cur_sess->cancel_masked = false;
	return was;
}

bool TEE_MaskCancellation(void)
{
	bool was = utee_cancel_masked();

	if (utee_rt.cur_sess)
		utee_rt.cur_sess->cancel_masked = true;
	return was;
}

static uint64_t utee_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Sleep up to ms (or forever if infinite) unless the flag word changes. */
static void utee_sleep_on_flag(uint64_t ms, bool infinite)
{
	struct timespec ts = {
		.tv_sec = (time_t)(ms / 1000),
		.tv_nsec = (long)(ms % 1000) * 1000000,
	};

	if (utee_rt.shared && !utee_cancel_masked()) {
		syscall(SYS_futex, &utee_rt.shared->cancel_requested, FUTEX_WAIT,
			0, infinite ? NULL : &ts, NULL, 0);
		return;
	}
	/* Masked: a cancellation cannot end the wait, so just sleep. */
	if (infinite)
		pause();
	else
		nanosleep(&ts, NULL);
}

TEE_Result TEE_Wait(uint32_t timeout)
{
	bool infinite = timeout == TEE_TIMEOUT_INFINITE;
	uint64_t deadline = utee_mono_ms() + timeout;
	uint64_t now;

	for (;;) {
		if (TEE_GetCancellationFlag())
			return TEE_ERROR_CANCEL;
		now = utee_mono_ms();
		if (!infinite && now >= deadline)
			return TEE_SUCCESS;
		utee_sleep_on_flag(infinite ? 0 : deadline - now, infinite);
	}
}
