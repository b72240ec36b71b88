/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests: `softee` option parsing (size suffixes, numbers, run's command). */
#include <errno.h>

#include "cli.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

volatile sig_atomic_t cli_interrupted;

TEST(size_suffixes_scale_by_powers_of_1024)
{
	uint64_t v = 0;

	CHECK_EQ_U(cli_parse_size("4096", &v), 0);
	CHECK_EQ_U(v, 4096);
	CHECK_EQ_U(cli_parse_size("2M", &v), 0);
	CHECK_EQ_U(v, 2 << 20);
	CHECK_EQ_U(cli_parse_size("64k", &v), 0);
	CHECK_EQ_U(v, 64 << 10);
	CHECK_EQ_U(cli_parse_size("1G", &v), 0);
	CHECK_EQ_U(v, 1ULL << 30);
	CHECK_EQ_U(cli_parse_size("3MiB", &v), 0);
	CHECK_EQ_U(v, 3 << 20);
	CHECK_EQ_U(cli_parse_size("5KB", &v), 0);
	CHECK_EQ_U(v, 5 << 10);
	CHECK_EQ_U(cli_parse_size("0x1000", &v), 0);
	CHECK_EQ_U(v, 4096);
}

TEST(bad_sizes_are_refused)
{
	uint64_t v;

	CHECK(cli_parse_size("", &v) != 0);
	CHECK(cli_parse_size("M", &v) != 0);
	CHECK(cli_parse_size("-1", &v) != 0);
	CHECK(cli_parse_size(" 1", &v) != 0);
	CHECK(cli_parse_size("2X", &v) != 0);
	CHECK(cli_parse_size("2MM", &v) != 0);
	CHECK(cli_parse_size("99999999999999999999", &v) != 0);
	CHECK_EQ_U(cli_parse_size("17179869184G", &v), (uint64_t)-ERANGE);
}

TEST(uints_respect_bounds)
{
	unsigned int v;

	CHECK_EQ_U(cli_parse_uint("8", 1, 16, &v), 0);
	CHECK_EQ_U(v, 8);
	CHECK(cli_parse_uint("0", 1, 16, &v) != 0);
	CHECK(cli_parse_uint("17", 1, 16, &v) != 0);
	CHECK(cli_parse_uint("8x", 1, 16, &v) != 0);
	CHECK(cli_parse_uint("+8", 1, 16, &v) != 0);
}

TEST(run_options_and_command_are_split_at_dashdash)
{
	char *argv[] = { "run", "--threads", "4", "--carveout-size", "4M",
			 "--ta-dir", "/a", "--ta-dir", "/b", "--page-size", "16384",
			 "--driver-arg", "--contiguous-pa", "--keep-run-dir",
			 "--", "prog", "--threads", "x", NULL };
	struct cli_opts o;

	CHECK_EQ_U(cli_parse_opts("run", 18, argv, &o), 0);
	CHECK_EQ_U(o.threads, 4);
	CHECK_EQ_U(o.carveout_size, 4 << 20);
	CHECK_EQ_U(o.n_ta_dirs, 2);
	CHECK(!strcmp(o.ta_dirs[1], "/b"));
	CHECK_EQ_U(o.page_size, 16384);
	CHECK_EQ_U(o.n_driver_args, 1);
	CHECK(!strcmp(o.driver_args[0], "--contiguous-pa"));
	CHECK(o.keep_run_dir);
	CHECK(o.cmd && !strcmp(o.cmd[0], "prog") && !strcmp(o.cmd[1], "--threads"));
}

TEST(run_without_command_or_with_bad_values_fails)
{
	char *a1[] = { "run", "--threads", "4", NULL };
	char *a2[] = { "run", "--page-size", "8192", "--", "true", NULL };
	char *a3[] = { "run", "--log-level", "loud", "--", "true", NULL };
	char *a4[] = { "start", "--supplicant", "x", "--no-supplicant", NULL };
	char *a5[] = { "stop", "extra", NULL };
	struct cli_opts o;

	CHECK_EQ_U(cli_parse_opts("run", 3, a1, &o), (uint64_t)-1);
	CHECK_EQ_U(cli_parse_opts("run", 5, a2, &o), (uint64_t)-1);
	CHECK_EQ_U(cli_parse_opts("run", 5, a3, &o), (uint64_t)-1);
	CHECK_EQ_U(cli_parse_opts("start", 4, a4, &o), (uint64_t)-1);
	CHECK_EQ_U(cli_parse_opts("stop", 2, a5, &o), (uint64_t)-1);
}

int main(void)
{
	/* Errors go to stderr; keep the PASS/FAIL lines readable. */
	if (!freopen("/dev/null", "w", stderr))
		return 1;
	RUN(size_suffixes_scale_by_powers_of_1024);
	RUN(bad_sizes_are_refused);
	RUN(uints_respect_bounds);
	RUN(run_options_and_command_are_split_at_dashdash);
	RUN(run_without_command_or_with_bad_values_fails);
	return testlib_summary();
}
