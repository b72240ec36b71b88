/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Minimal test harness shared by unit and integration tests. Each test
 * prints exactly one line "PASS: <name>", "FAIL: <name>: <why>" or
 * "SKIP: <name>: <why>"; tests/run_all.sh counts those lines. A test
 * binary that dies adds a FAIL for itself.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_EQ_U(a, b); }
 *   int main(void) { RUN(name); return testlib_summary(); }
 */
#ifndef SOFTEE_TESTLIB_H
#define SOFTEE_TESTLIB_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct testlib_state {
	int failed_now;		/* current test failed */
	int skipped_now;
	char why[512];
	int passed, failed, skipped;
};
extern struct testlib_state testlib;

#define TESTLIB_DEFINE_STATE struct testlib_state testlib

#define TEST(name) static void test_##name(void)

#define TEST_FAILF(...) do { \
	if (!testlib.failed_now) { \
		int n_ = snprintf(testlib.why, sizeof(testlib.why), "%s:%d: ", __FILE__, __LINE__); \
		if (n_ > 0 && (size_t)n_ < sizeof(testlib.why)) \
			snprintf(testlib.why + n_, sizeof(testlib.why) - n_, __VA_ARGS__); \
	} \
	testlib.failed_now = 1; \
} while (0)

#define CHECK(cond) do { if (!(cond)) { TEST_FAILF("check failed: %s", #cond); return; } } while (0)
/* Like CHECK but keeps going (for cleanup that must run). */
#define EXPECT(cond) do { if (!(cond)) TEST_FAILF("expectation failed: %s", #cond); } while (0)
#define CHECK_EQ_U(a, b) do { uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b); \
	if (a_ != b_) { TEST_FAILF("%s == %s: 0x%" PRIx64 " != 0x%" PRIx64, #a, #b, a_, b_); return; } } while (0)
#define EXPECT_EQ_U(a, b) do { uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b); \
	if (a_ != b_) TEST_FAILF("%s == %s: 0x%" PRIx64 " != 0x%" PRIx64, #a, #b, a_, b_); } while (0)
#define SKIP_TEST(...) do { testlib.skipped_now = 1; \
	snprintf(testlib.why, sizeof(testlib.why), __VA_ARGS__); return; } while (0)

static inline void testlib_report(const char *name)
{
	if (testlib.failed_now) {
		printf("FAIL: %s: %s\n", name, testlib.why);
		testlib.failed++;
	} else if (testlib.skipped_now) {
		printf("SKIP: %s: %s\n", name, testlib.why);
		testlib.skipped++;
	} else {
		printf("PASS: %s\n", name);
		testlib.passed++;
	}
	fflush(stdout);
	testlib.failed_now = testlib.skipped_now = 0;
	testlib.why[0] = '\0';
}

#define RUN(name) do { test_##name(); testlib_report(#name); } while (0)

/* Exit status: 0 if nothing failed. */
static inline int testlib_summary(void)
{
	return testlib.failed ? 1 : 0;
}

#endif /* SOFTEE_TESTLIB_H */
