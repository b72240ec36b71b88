/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared helpers of the libteec integration suite (client_suite*.c). */
#ifndef SOFTEE_CLIENT_SUITE_H
#define SOFTEE_CLIENT_SUITE_H

#include <stddef.h>
#include <stdint.h>
#include <tee_client_api.h>

#include "testlib.h"
#include "softee_test_ta.h"

struct cs_test {
	const char *name;
	void (*fn)(void);
};
#define CS_T(n) { #n, test_##n }

extern const struct cs_test cs_mem_tests[];
extern const size_t cs_mem_ntests;
extern const struct cs_test cs_stack_tests[];
extern const size_t cs_stack_ntests;
extern const struct cs_test cs_robust_tests[];
extern const size_t cs_robust_ntests;

extern const TEEC_UUID cs_uuid_main, cs_uuid_multi, cs_uuid_single;

/* A context with one session open, closed by cs_fix_close. */
struct cs_fix {
	TEEC_Context ctx;
	TEEC_Session sess;
	int have_ctx, have_sess;
};

/* 0, or -1 after recording the failure in the current test. */
int cs_fix_open(struct cs_fix *f, const TEEC_UUID *uuid);
void cs_fix_close(struct cs_fix *f);

/* TEEC_InvokeCommand with the origin as a return value companion. */
TEEC_Result cs_invoke(TEEC_Session *s, uint32_t cmd, TEEC_Operation *op,
		      uint32_t *origin);
/* SOFTEE_TEST_CMD_WAIT for ms milliseconds with op as the operation. */
TEEC_Result cs_wait_cmd(TEEC_Session *s, uint32_t ms, TEEC_Operation *op,
			uint32_t *origin);
/* Invokes entered by the TA instance behind s (this query included). */
int cs_calls(TEEC_Session *s, uint32_t *calls);

/* Counters of the driver's control socket ("status"). */
struct cs_counts {
	long sessions, shm, contexts;
};
/* 0, -ENOENT without a run directory, or -errno. */
int cs_driver_counts(struct cs_counts *c);
/* Poll until the driver's counts equal want; 0 or -ETIMEDOUT (got set). */
int cs_wait_counts(const struct cs_counts *want, int timeout_ms,
		   struct cs_counts *got);
extern struct cs_counts cs_baseline;
extern int cs_have_baseline;

uint32_t cs_fnv(const void *buf, size_t n);
uint8_t cs_pattern(uint32_t seed, size_t i);
uint64_t cs_now_ms(void);
/* Path of a program in the build's bin directory (static buffer). */
const char *cs_bin_path(const char *prog);

#endif /* SOFTEE_CLIENT_SUITE_H */
