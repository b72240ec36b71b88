// SPDX-License-Identifier: BSD-2-Clause
/*
 * SMC-channel bad input, against a secure world of our own: malformed
 * HELLOs, unknown function ids, bad argument PAs, stray RPC returns and
 * bogus region announcements must all be refused with an error status
 * (or a closed channel for framing errors), and the secure world must
 * keep serving afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bad_input.h"
#include "optee_msg.h"
#include "optee_smc.h"
#include "softee_chan.h"
#include "softee_mem.h"
#include "util.h"
#include "private_secure.h"
#include "wire.h"

static const uint64_t bi_boot_id = 0x5eedbad100000001ULL;
static uint8_t bi_cbuf[sizeof(struct softee_chan_hdr) + SOFTEE_CHAN_MAX_PAYLOAD + 64];

/* Outcome of one channel request: reply payload length, 0 closed, <0 err. */
static ssize_t bi_chan_req(int s, uint16_t op, const void *pl, uint32_t len,
			   const int *fds, int nfds, void *rep, size_t cap)
{
	return ps_chan_req(s, op, pl, len, fds, nfds, rep, cap, BI_TIMEOUT_MS);
}

static int bi_chan_open(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", bi_smc_dir, SOFTEE_SECURE_SOCK);
	return wire_connect(path);
}

/* A channel that said a valid HELLO; -1 after recording a failure. */
static int bi_chan_ready(void)
{
	struct softee_chan_hello h = { SOFTEE_CHAN_VERSION,
				       SOFTEE_CHAN_ROLE_DRIVER, bi_boot_id };
	struct softee_chan_hello_rep r = { -1, 0 };
	int s = bi_chan_open();
	ssize_t n;

	if (s < 0) {
		TEST_FAILF("connect: %d", s);
		return -1;
	}
	n = bi_chan_req(s, SOFTEE_CHAN_HELLO, &h, sizeof(h), NULL, 0, &r,
			sizeof(r));
	if (n < (ssize_t)sizeof(r) || r.status != 0) {
		TEST_FAILF("HELLO: reply %zd status %d", n, r.status);
		close(s);
		return -1;
	}
	return s;
}

static int bi_smc(int s, const uint32_t in[8], uint32_t out[8])
{
	struct softee_smc_regs rin, rout;
	ssize_t n;

	memcpy(rin.a, in, sizeof(rin.a));
	memset(&rout, 0, sizeof(rout));
	n = bi_chan_req(s, SOFTEE_CHAN_SMC, &rin, sizeof(rin), NULL, 0, &rout,
			sizeof(rout));
	if (n != (ssize_t)sizeof(rout))
		return n < 0 ? (int)n : -EPROTO;
	memcpy(out, rout.a, sizeof(rout.a));
	return 0;
}

/* a0 of a call with a0..a3 set (a4..a7 zero), or 0xdeadxxxx on failure. */
static uint32_t bi_call_a0(int s, uint32_t a0, uint32_t a1, uint32_t a2,
			   uint32_t a3)
{
	uint32_t in[8] = { a0, a1, a2, a3, 0, 0, 0, 0 }, out[8];

	if (bi_smc(s, in, out))
		return 0xdead0000;
	return out[0];
}

/* Either a closed channel or a reply whose leading status is negative. */
static void bi_expect_refused(ssize_t n, const void *rep)
{
	int32_t st;

	if (n == 0)
		return;
	if (n < (ssize_t)sizeof(st)) {
		TEST_FAILF("neither a reply nor a close (%zd)", n);
		return;
	}
	memcpy(&st, rep, sizeof(st));
	if (st >= 0)
		TEST_FAILF("accepted (status %d)", st);
}

TEST(smc_hello_with_bad_magic_refused)
{
	struct softee_chan_hdr h = { 0x12345678, SOFTEE_CHAN_HELLO, 0,
				     sizeof(struct softee_chan_hello), 1 };
	struct softee_chan_hello hello = { SOFTEE_CHAN_VERSION,
					   SOFTEE_CHAN_ROLE_DRIVER, bi_boot_id };
	uint8_t buf[sizeof(h) + sizeof(hello)];
	int s = bi_chan_open();
	ssize_t n;

	CHECK(s >= 0);
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), &hello, sizeof(hello));
	CHECK(!wire_send_buf(s, buf, sizeof(buf), NULL, 0));
	n = bi_recv(s, bi_cbuf, sizeof(bi_cbuf), NULL, NULL);
	close(s);
	if (n > 0) {
		int32_t st;

		if (n < (ssize_t)(sizeof(h) + sizeof(st)))
			TEST_FAILF("short reply %zd", n);
		memcpy(&st, bi_cbuf + sizeof(h), sizeof(st));
		CHECK(st < 0);
	}
	CHECK(n >= 0);
}

TEST(smc_hello_with_wrong_version_refused)
{
	struct softee_chan_hello h = { 99, SOFTEE_CHAN_ROLE_DRIVER, bi_boot_id };
	struct softee_chan_hello_rep r = { 0, 0 };
	int s = bi_chan_open();
	ssize_t n;

	CHECK(s >= 0);
	n = bi_chan_req(s, SOFTEE_CHAN_HELLO, &h, sizeof(h), NULL, 0, &r,
			sizeof(r));
	close(s);
	CHECK(n >= 0);
	if (n > 0)
		CHECK_EQ_U((uint32_t)r.status, (uint32_t)-EPROTO);
}

TEST(smc_hello_with_bad_role_or_size_refused)
{
	struct softee_chan_hello h = { SOFTEE_CHAN_VERSION, 77, bi_boot_id };
	struct softee_chan_hello_rep r = { 0, 0 };
	int s = bi_chan_open();
	ssize_t n;

	CHECK(s >= 0);
	n = bi_chan_req(s, SOFTEE_CHAN_HELLO, &h, sizeof(h), NULL, 0, &r,
			sizeof(r));
	close(s);
	CHECK(n >= 0);
	bi_expect_refused(n, &r);
	s = bi_chan_open();
	CHECK(s >= 0);
	h.role = SOFTEE_CHAN_ROLE_DRIVER;
	r.status = 0;
	n = bi_chan_req(s, SOFTEE_CHAN_HELLO, &h, 6, NULL, 0, &r, sizeof(r));
	close(s);
	CHECK(n >= 0);
	bi_expect_refused(n, &r);
}

TEST(smc_before_hello_refused)
{
	struct softee_smc_regs in = { { OPTEE_SMC_CALLS_REVISION } }, out;
	int s = bi_chan_open();
	ssize_t n;

	CHECK(s >= 0);
	memset(&out, 0, sizeof(out));
	n = bi_chan_req(s, SOFTEE_CHAN_SMC, &in, sizeof(in), NULL, 0, &out,
			sizeof(out));
	close(s);
	CHECK(n >= 0);
	/* an answer to an SMC without HELLO must not be a real result */
	if (n == (ssize_t)sizeof(out))
		CHECK(out.a[0] != 2);
}

TEST(smc_unknown_function_ids_answer_unknown_function)
{
	static const uint32_t fids[] = { 0xB20000FFU, 0xBF00FF7FU, 0x320000FFU,
		0xB3000000U, 0x12345678U, OPTEE_SMC_CALL_WITH_ARG | 0x40000000U };
	size_t i;
	int s = bi_chan_ready();

	if (s < 0)
		return;
	EXPECT_EQ_U(bi_call_a0(s, OPTEE_SMC_CALLS_REVISION, 0, 0, 0), 2);
	for (i = 0; i < sizeof(fids) / sizeof(fids[0]); i++)
		EXPECT_EQ_U(bi_call_a0(s, fids[i], 0, 0, 0),
			    OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
	/* unknown NSEC capability bits are refused too */
	EXPECT_EQ_U(bi_call_a0(s, OPTEE_SMC_EXCHANGE_CAPABILITIES, 0x80000000U,
			       0, 0), OPTEE_SMC_RETURN_ENOTAVAIL);
	close(s);
}

TEST(smc_call_with_arg_at_bad_pa_returns_ebadaddr)
{
	uint32_t base = 0, a0;
	int s = bi_chan_ready();
	uint32_t out[8], in[8] = { OPTEE_SMC_GET_SHM_CONFIG };

	if (s < 0)
		return;
	if (!bi_smc(s, in, out) && out[0] == OPTEE_SMC_RETURN_OK)
		base = out[1];
	/* outside anything announced */
	EXPECT_EQ_U(bi_call_a0(s, OPTEE_SMC_CALL_WITH_ARG, 0, 0x70000000U, 0),
		    OPTEE_SMC_RETURN_EBADADDR);
	EXPECT_EQ_U(bi_call_a0(s, OPTEE_SMC_CALL_WITH_ARG, 0xffffffffU,
			       0xfffff000U, 0), OPTEE_SMC_RETURN_EBADADDR);
	EXPECT_EQ_U(bi_call_a0(s, OPTEE_SMC_CALL_WITH_ARG,
			       optee_smc_hi32(SOFTEE_DDR_BASE),
			       optee_smc_lo32(SOFTEE_DDR_BASE), 0),
		    OPTEE_SMC_RETURN_EBADADDR);
	if (base) {
		/* carve-out frames nobody announced, and unaligned */
		a0 = bi_call_a0(s, OPTEE_SMC_CALL_WITH_ARG, 0, base + 4096, 0);
		EXPECT_EQ_U(a0, OPTEE_SMC_RETURN_EBADADDR);
		a0 = bi_call_a0(s, OPTEE_SMC_CALL_WITH_ARG, 0, base + 3, 0);
		EXPECT_EQ_U(a0, OPTEE_SMC_RETURN_EBADADDR);
	}
	close(s);
}

TEST(smc_return_from_rpc_on_idle_thread_returns_eresume)
{
	static const uint32_t tids[] = { 0, 1, 3, 1000, 0xffffffffU };
	size_t i;
	int s = bi_chan_ready();

	if (s < 0)
		return;
	for (i = 0; i < sizeof(tids) / sizeof(tids[0]); i++)
		EXPECT_EQ_U(bi_call_a0(s, OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0,
				       tids[i]), OPTEE_SMC_RETURN_ERESUME);
	close(s);
}

/* REGION_ADD with inline extents; returns the reply's status or a
 * positive value if the channel closed / failed. */
static int bi_region_add(int s, uint64_t id, uint64_t nframes,
			 uint64_t file_off, const struct softee_pa_extent *ex,
			 uint32_t n_ex, uint32_t n_sent, uint32_t flags,
			 uint32_t vm_id, const int *fds, int nfds)
{
	uint8_t buf[sizeof(struct softee_chan_region_add) +
		    8 * sizeof(struct softee_pa_extent)];
	struct softee_chan_region_add ra = { id, nframes, file_off, n_ex,
					     flags, vm_id, 0 };
	struct softee_chan_status st = { 1, 0 };
	ssize_t n;

	memcpy(buf, &ra, sizeof(ra));
	memcpy(buf + sizeof(ra), ex, n_sent * sizeof(*ex));
	n = bi_chan_req(s, SOFTEE_CHAN_REGION_ADD, buf,
			(uint32_t)(sizeof(ra) + n_sent * sizeof(*ex)), fds,
			nfds, &st, sizeof(st));
	if (n < (ssize_t)sizeof(st))
		return 1000 + (int)n;
	return st.status;
}

static int bi_region_del(int s, uint64_t id, uint32_t vm_id)
{
	struct softee_chan_region_del rd = { id, vm_id, 0 };
	struct softee_chan_status st = { 1, 0 };
	ssize_t n;

	n = bi_chan_req(s, SOFTEE_CHAN_REGION_DEL, &rd, sizeof(rd), NULL, 0,
			&st, sizeof(st));
	if (n < (ssize_t)sizeof(st))
		return 1000 + (int)n;
	return st.status;
}

#define BI_PA(off) (SOFTEE_DDR_BASE + 0x40000000ULL + (off))

TEST(smc_region_add_of_unsealed_memfd_refused)
{
	struct softee_pa_extent ex = { BI_PA(0), 2 };
	int s, mfd, r;

	s = bi_chan_ready();
	if (s < 0)
		return;
	mfd = memfd_create("bi-unsealed", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0 || ftruncate(mfd, 8192)) {
		close(s);
		CHECK(!"memfd");
	}
	r = bi_region_add(s, 100, 2, 0, &ex, 1, 1, 0, 0, &mfd, 1);
	close(mfd);
	close(s);
	CHECK(r < 0);
}

TEST(smc_region_add_malformed_announcements_refused)
{
	struct softee_pa_extent ex[3];
	int s, mfd, fds[2], r, bad = 0;

	s = bi_chan_ready();
	if (s < 0)
		return;
	mfd = softee_memfd("bi-region", 4 * 4096);
	if (mfd < 0) {
		close(s);
		CHECK(!"softee_memfd");
	}
	fds[0] = mfd;
	fds[1] = mfd;
#define BI_REFUSE(what, call) do { r = (call); if (r >= 0) { \
		TEST_FAILF("%s accepted (%d)", what, r); bad++; } } while (0)
	ex[0] = (struct softee_pa_extent){ BI_PA(0x10000), 3 };
	BI_REFUSE("extents summing to more",
		  bi_region_add(s, 1, 2, 0, ex, 1, 1, 0, 0, fds, 1));
	ex[0].nframes = 1;
	ex[1] = (struct softee_pa_extent){ BI_PA(0x20000), 1 };
	BI_REFUSE("extents summing to less",
		  bi_region_add(s, 1, 3, 0, ex, 2, 2, 0, 0, fds, 1));
	BI_REFUSE("no extents", bi_region_add(s, 1, 2, 0, ex, 0, 0, 0, 0, fds, 1));
	BI_REFUSE("zero frames", bi_region_add(s, 1, 0, 0, ex, 0, 0, 0, 0, fds, 1));
	BI_REFUSE("more extents claimed than sent",
		  bi_region_add(s, 1, 2, 0, ex, 5, 2, 0, 0, fds, 1));
	ex[0] = (struct softee_pa_extent){ BI_PA(0x10000) + 8, 2 };
	BI_REFUSE("unaligned PA", bi_region_add(s, 1, 2, 0, ex, 1, 1, 0, 0, fds, 1));
	ex[0] = (struct softee_pa_extent){ 0x1000, 2 };
	BI_REFUSE("PA outside the window",
		  bi_region_add(s, 1, 2, 0, ex, 1, 1, 0, 0, fds, 1));
	ex[0] = (struct softee_pa_extent){ SOFTEE_DDR_BASE + SOFTEE_DDR_SIZE, 2 };
	BI_REFUSE("PA past the DDR", bi_region_add(s, 1, 2, 0, ex, 1, 1, 0, 0, fds, 1));
	ex[0] = (struct softee_pa_extent){ 0xfffffffffffff000ULL, 2 };
	BI_REFUSE("PA range wrapping", bi_region_add(s, 1, 2, 0, ex, 1, 1, 0, 0, fds, 1));
	ex[0] = (struct softee_pa_extent){ BI_PA(0x10000), 2 };
	BI_REFUSE("unaligned file offset",
		  bi_region_add(s, 1, 2, 100, ex, 1, 1, 0, 0, fds, 1));
	BI_REFUSE("frames past the memfd",
		  bi_region_add(s, 1, 2, 3 * 4096, ex, 1, 1, 0, 0, fds, 1));
	BI_REFUSE("no fd", bi_region_add(s, 1, 2, 0, ex, 1, 1, 0, 0, NULL, 0));
	BI_REFUSE("unknown flag",
		  bi_region_add(s, 1, 2, 0, ex, 1, 1, 0x80, 0, fds, 1));
	BI_REFUSE("extents in fd without the fd",
		  bi_region_add(s, 1, 2, 0, ex, 1, 0,
				SOFTEE_REGION_F_EXTENTS_IN_FD, 0, fds, 1));
	BI_REFUSE("vm id without a hypervisor",
		  bi_region_add(s, 1, 2, 0, ex, 1, 1, 0, 5, fds, 1));
	/* a good one, then overlaps and duplicates of it */
	r = bi_region_add(s, 1, 2, 0, ex, 1, 1, 0, 0, fds, 1);
	if (r != 0) {
		TEST_FAILF("valid REGION_ADD refused (%d)", r);
	} else {
		ex[0] = (struct softee_pa_extent){ BI_PA(0x11000), 2 };
		BI_REFUSE("overlapping PAs", bi_region_add(s, 2, 2, 2 * 4096,
			  ex, 1, 1, 0, 0, fds, 1));
		ex[0] = (struct softee_pa_extent){ BI_PA(0x80000), 1 };
		ex[1] = (struct softee_pa_extent){ BI_PA(0x80000), 1 };
		BI_REFUSE("PA twice in one region", bi_region_add(s, 2, 2,
			  2 * 4096, ex, 2, 2, 0, 0, fds, 1));
		ex[0] = (struct softee_pa_extent){ BI_PA(0x90000), 1 };
		BI_REFUSE("duplicate region id", bi_region_add(s, 1, 1,
			  3 * 4096, ex, 1, 1, 0, 0, fds, 1));
		EXPECT_EQ_U(bi_region_del(s, 1, 0), 0);
		BI_REFUSE("deleting it twice", bi_region_del(s, 1, 0));
	}
	BI_REFUSE("deleting an unknown region", bi_region_del(s, 424242, 0));
#undef BI_REFUSE
	close(mfd);
	close(s);
	(void)bad;
}

/* Announce one frame holding an optee_msg_arg and call with it. */
static void bi_arg_case(int s, uint64_t rid, uint64_t pa, uint32_t pa_off,
			const struct optee_msg_arg *hdr,
			const struct optee_msg_param *params, size_t np,
			const char *what, int want_ebadaddr)
{
	struct softee_pa_extent ex = { pa, 1 };
	struct optee_msg_arg back;
	uint8_t *map;
	uint32_t a0;
	int mfd, r;

	mfd = softee_memfd("bi-arg", 4096);
	if (mfd < 0) {
		TEST_FAILF("%s: memfd", what);
		return;
	}
	map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
	if (map == MAP_FAILED) {
		close(mfd);
		TEST_FAILF("%s: mmap", what);
		return;
	}
	memset(map, 0, 4096);
	if (pa_off + sizeof(*hdr) + np * sizeof(*params) <= 4096) {
		memcpy(map + pa_off, hdr, sizeof(*hdr));
		if (np)
			memcpy(map + pa_off + sizeof(*hdr), params,
			       np * sizeof(*params));
	}
	r = bi_region_add(s, rid, 1, 0, &ex, 1, 1, 0, 0, &mfd, 1);
	if (r != 0) {
		TEST_FAILF("%s: REGION_ADD %d", what, r);
		goto out;
	}
	a0 = bi_call_a0(s, OPTEE_SMC_CALL_WITH_ARG, optee_smc_hi32(pa + pa_off),
			optee_smc_lo32(pa + pa_off), 0);
	memcpy(&back, map + (pa_off < 4096 - sizeof(back) ? pa_off : 0),
	       sizeof(back));
	if (want_ebadaddr && a0 != OPTEE_SMC_RETURN_EBADADDR)
		TEST_FAILF("%s: a0 0x%08x, not EBADADDR", what, a0);
	else if (OPTEE_SMC_RETURN_IS_RPC(a0))
		TEST_FAILF("%s: unexpected RPC 0x%08x", what, a0);
	else if (a0 == OPTEE_SMC_RETURN_OK && back.ret == 0)
		TEST_FAILF("%s: accepted", what);
	else if (a0 != OPTEE_SMC_RETURN_OK && a0 != OPTEE_SMC_RETURN_EBADADDR &&
		 a0 != OPTEE_SMC_RETURN_EBADCMD)
		TEST_FAILF("%s: a0 0x%08x", what, a0);
	r = bi_region_del(s, rid, 0);
	if (r != 0)
		TEST_FAILF("%s: REGION_DEL %d", what, r);
out:
	munmap(map, 4096);
	close(mfd);
}

TEST(smc_malformed_msg_args_refused_without_harm)
{
	struct optee_msg_param p[2];
	struct optee_msg_arg a;
	int s = bi_chan_ready();

	if (s < 0)
		return;
	memset(&a, 0, sizeof(a));
	memset(p, 0, sizeof(p));
	a.cmd = 0x7777;
	bi_arg_case(s, 11, BI_PA(0x100000), 0, &a, NULL, 0, "unknown cmd", 0);
	a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	a.num_params = 1000;
	bi_arg_case(s, 12, BI_PA(0x101000), 0,
		    &a, NULL, 0, "num_params past the page", 0);
	a.num_params = 0;
	a.session = 0x4242;
	bi_arg_case(s, 13, BI_PA(0x102000), 0, &a, NULL, 0, "invoke on no session", 0);
	a.cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	bi_arg_case(s, 14, BI_PA(0x103000), 0,
		    &a, NULL, 0, "open without meta params", 0);
	a.num_params = 2;
	p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	p[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_META;
	p[1].u.tmem.buf_ptr = 0x70000000;
	p[1].u.tmem.size = 16;
	bi_arg_case(s, 15, BI_PA(0x104000), 0,
		    &a, p, 2, "open with a bogus meta tmem", 0);
	a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	a.num_params = 1;
	p[0].attr = OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
	p[0].u.rmem.shm_ref = 0xdeadbeef;
	p[0].u.rmem.size = 16;
	bi_arg_case(s, 16, BI_PA(0x105000), 0, &a, p, 1, "rmem of an unknown cookie", 0);
	a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	a.num_params = 0;
	bi_arg_case(s, 17, BI_PA(0x106000), 100, &a, NULL, 0, "arg not page aligned", 1);
	close(s);
}

TEST(smc_secure_world_still_serves_after_bad_input)
{
	int s = bi_chan_ready();

	if (s < 0)
		return;
	EXPECT_EQ_U(bi_call_a0(s, OPTEE_SMC_CALLS_REVISION, 0, 0, 0), 2);
	EXPECT_EQ_U(bi_call_a0(s, OPTEE_SMC_CALLS_UID, 0, 0, 0),
		    OPTEE_MSG_UID_0);
	close(s);
}

const struct bi_test bi_smc_tests[] = {
	BI_T(smc_hello_with_bad_magic_refused),
	BI_T(smc_hello_with_wrong_version_refused),
	BI_T(smc_hello_with_bad_role_or_size_refused),
	BI_T(smc_before_hello_refused),
	BI_T(smc_unknown_function_ids_answer_unknown_function),
	BI_T(smc_call_with_arg_at_bad_pa_returns_ebadaddr),
	BI_T(smc_return_from_rpc_on_idle_thread_returns_eresume),
	BI_T(smc_region_add_of_unsealed_memfd_refused),
	BI_T(smc_region_add_malformed_announcements_refused),
	BI_T(smc_malformed_msg_args_refused_without_harm),
	BI_T(smc_secure_world_still_serves_after_bad_input),
};
const size_t bi_smc_ntests = sizeof(bi_smc_tests) / sizeof(bi_smc_tests[0]);
