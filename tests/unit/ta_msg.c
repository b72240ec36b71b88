// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests of the softee-ta message validator (ta/host/ta_msg.c). */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ta_msg.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static unsigned char buf[sizeof(struct softee_ta_hdr) +
			 sizeof(struct softee_ta_call) +
			 8 * sizeof(struct softee_ta_run)];

/* Build a call message with n runs; returns its length. */
static size_t mk_call(uint32_t op, const struct softee_ta_call *c,
		      const struct softee_ta_run *runs, uint32_t n)
{
	struct softee_ta_hdr h = { SOFTEE_TA_MAGIC, op, 0, 42 };
	struct softee_ta_call cc = *c;

	cc.n_runs = n;
	h.len = (uint32_t)(sizeof(cc) + n * sizeof(*runs));
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), &cc, sizeof(cc));
	if (n)
		memcpy(buf + sizeof(h) + sizeof(cc), runs, n * sizeof(*runs));
	return sizeof(h) + h.len;
}

TEST(valid_invoke_with_two_memrefs_parses)
{
	struct softee_ta_call c = { .session_id = 1, .param_types = 0x65 };
	struct softee_ta_run runs[3] = { { 1, 0, 4096 }, { 1, 8192, 8192 },
					 { 2, 4096, 4096 } };
	struct ta_msg m;
	size_t len;

	c.params[0].memref = (struct softee_ta_memref){ 100, 5, 0, 1 };
	c.params[1].memref = (struct softee_ta_memref){ 12288, 0, 1, 2 };
	len = mk_call(SOFTEE_TA_INVOKE, &c, runs, 3);
	CHECK(ta_msg_parse(buf, len, 0, &m) == 0);
	CHECK_EQ_U(m.op, SOFTEE_TA_INVOKE);
	CHECK_EQ_U(m.seq, 42);
	CHECK_EQ_U(ta_msg_memref_len(&m, 1), 12288);
}

TEST(memref_beyond_its_window_is_rejected)
{
	struct softee_ta_call c = { .param_types = 5 };
	struct softee_ta_run run = { 1, 0, 4096 };
	struct ta_msg m;

	c.params[0].memref = (struct softee_ta_memref){ 4000, 97, 0, 1 };
	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, &run, 1), 0, &m) ==
	      -EBADMSG);
	CHECK_EQ_U(m.op, SOFTEE_TA_INVOKE);	/* still answerable */
	c.params[0].memref = (struct softee_ta_memref){ UINT64_MAX, 1, 0, 1 };
	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, &run, 1), 0, &m));
	c.params[0].memref = (struct softee_ta_memref){ 1, 0, UINT32_MAX, 2 };
	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, &run, 1), 0, &m));
}

TEST(null_memref_needs_no_runs)
{
	struct softee_ta_call c = { .param_types = 6 };
	struct ta_msg m;

	c.params[0].memref = (struct softee_ta_memref){ 1 << 20, 0, 0, 0 };
	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, NULL, 0), 0, &m) == 0);
}

TEST(unaligned_or_empty_runs_are_rejected)
{
	struct softee_ta_call c = { 0 };
	struct softee_ta_run run = { 1, 100, 4096 };
	struct ta_msg m;

	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, &run, 1), 0, &m));
	run = (struct softee_ta_run){ 1, 0, 0 };
	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, &run, 1), 0, &m));
	run = (struct softee_ta_run){ 1, UINT64_MAX - 4095, 4096 };
	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, &run, 1), 0, &m));
}

TEST(bad_param_types_and_run_counts_are_rejected)
{
	const size_t nr_off = sizeof(struct softee_ta_hdr) +
			      offsetof(struct softee_ta_call, n_runs);
	struct softee_ta_call c = { .param_types = 4 };
	struct ta_msg m;
	uint32_t n;
	size_t len;

	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, NULL, 0), 0, &m));
	c.param_types = 0x10000;
	CHECK(ta_msg_parse(buf, mk_call(SOFTEE_TA_INVOKE, &c, NULL, 0), 0, &m));
	c.param_types = 0;
	len = mk_call(SOFTEE_TA_INVOKE, &c, NULL, 0);
	/* n_runs claims more runs than the message carries */
	n = 2;
	memcpy(buf + nr_off, &n, sizeof(n));
	CHECK(ta_msg_parse(buf, len, 0, &m));
	n = SOFTEE_TA_MAX_RUNS + 1;
	memcpy(buf + nr_off, &n, sizeof(n));
	CHECK(ta_msg_parse(buf, len, 0, &m));
}

TEST(header_and_fd_counts_are_checked)
{
	struct softee_ta_hdr h = { SOFTEE_TA_MAGIC, SOFTEE_TA_REGION_GIVE, 8, 1 };
	struct softee_ta_region r = { 5 };
	struct ta_msg m;

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), &r, sizeof(r));
	CHECK(ta_msg_parse(buf, sizeof(h) + 8, 1, &m) == 0);
	CHECK_EQ_U(m.u.region.handle, 5);
	CHECK(ta_msg_parse(buf, sizeof(h) + 8, 0, &m) == -EBADMSG);
	CHECK(ta_msg_parse(buf, sizeof(h) + 7, 1, &m) == -EBADMSG);
	h.magic ^= 1;
	memcpy(buf, &h, sizeof(h));
	CHECK(ta_msg_parse(buf, sizeof(h) + 8, 1, &m) == -EBADMSG);
	CHECK_EQ_U(m.op, 0);
	h.magic ^= 1;
	h.op = SOFTEE_TA_RESULT;	/* not something the secure world sends */
	memcpy(buf, &h, sizeof(h));
	CHECK(ta_msg_parse(buf, sizeof(h) + 8, 1, &m) == -EBADMSG);
	CHECK(ta_msg_parse(buf, 3, 0, &m) == -EBADMSG);
}

TEST(load_needs_two_fds_and_exact_size)
{
	struct softee_ta_hdr h = { SOFTEE_TA_MAGIC, SOFTEE_TA_LOAD,
				   sizeof(struct softee_ta_load), 1 };
	struct softee_ta_load l = { .log_level = 2 };
	struct ta_msg m;

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), &l, sizeof(l));
	CHECK(ta_msg_parse(buf, sizeof(h) + sizeof(l), 2, &m) == 0);
	CHECK_EQ_U(m.u.load.log_level, 2);
	CHECK(ta_msg_parse(buf, sizeof(h) + sizeof(l), 1, &m) == -EBADMSG);
}

int main(void)
{
	RUN(valid_invoke_with_two_memrefs_parses);
	RUN(memref_beyond_its_window_is_rejected);
	RUN(null_memref_needs_no_runs);
	RUN(unaligned_or_empty_runs_are_rejected);
	RUN(bad_param_types_and_run_counts_are_rejected);
	RUN(header_and_fd_counts_are_checked);
	RUN(load_needs_two_fds_and_exact_size);
	return testlib_summary();
}
