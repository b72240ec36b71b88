/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the hypervisor's guest <-> host translation
 * (hyp/translate.c) over a fake guest: 64 frames at GB whose host frames
 * are scattered (reversed, with gaps), and a pool of hypervisor frames.
 */
#include <errno.h>
#include <string.h>

#include "optee_rpc_cmd.h"
#include "testlib.h"
#include "translate.h"

TESTLIB_DEFINE_STATE;

#define FR	4096ULL
#define GB	0x100000000ULL		/* guest frame 0 */
#define GN	64
#define HB	0x200000000ULL		/* host frames of the guest */
#define PB	0x300000000ULL		/* hypervisor frames */
#define PN	16
#define MAXB	(1ULL << 30)

struct fake {
	uint8_t mem[GN][FR];
	uint64_t pool[PN][512];
	unsigned int used;
	int fail_new;
};
static struct fake F;

static paddr_t host_of(unsigned int i)
{
	/* Reversed and spread: guest-contiguous is host-scattered. */
	return HB + (uint64_t)(GN - 1 - i) * 3 * FR;
}

static int f_read(void *ctx, uint64_t ipa, void *buf, size_t len)
{
	struct fake *f = ctx;

	if (ipa < GB || ipa + len > GB + GN * FR || ipa + len < ipa)
		return -EFAULT;
	memcpy(buf, &f->mem[0][0] + (ipa - GB), len);
	return 0;
}

static int f_to_host(void *ctx, uint64_t ipa, paddr_t *pa)
{
	(void)ctx;
	if (ipa < GB || ipa >= GB + GN * FR || (ipa & (FR - 1)))
		return -EFAULT;
	*pa = host_of((unsigned int)((ipa - GB) / FR));
	return 0;
}

static int f_to_guest(void *ctx, paddr_t pa, uint64_t *ipa)
{
	(void)ctx;
	for (unsigned int i = 0; i < GN; i++) {
		if (host_of(i) == pa) {
			*ipa = GB + i * FR;
			return 0;
		}
	}
	return -EFAULT;
}

static int f_new(void *ctx, paddr_t *pa, uint64_t **slots)
{
	struct fake *f = ctx;

	if (f->fail_new || f->used == PN)
		return -ENOSPC;
	memset(f->pool[f->used], 0, FR);
	*pa = PB + f->used * FR;
	*slots = f->pool[f->used++];
	return 0;
}

static const struct tr_ops ops = { f_read, f_to_host, f_to_guest, f_new };

static void reset(void)
{
	memset(&F, 0, sizeof(F));
}

static uint64_t *pool_at(paddr_t pa)
{
	return F.pool[(pa - PB) / FR];
}

/* A guest list at frame lf (blocks in consecutive frames) of entries. */
static uint64_t glist(unsigned int lf, const unsigned int *frames, size_t n)
{
	uint64_t *s = (uint64_t *)F.mem[lf];
	size_t b = 0;

	for (size_t i = 0; i < n; i++) {
		if (i && i % 511 == 0) {
			s[511] = GB + (lf + b + 1) * FR;
			b++;
			s = (uint64_t *)F.mem[lf + b];
		}
		s[i % 511] = GB + frames[i] * FR;
	}
	return GB + lf * FR;
}

TEST(pagelist_gets_host_entries_and_chained_host_blocks)
{
	unsigned int fr[600];
	uint64_t host = 0;

	reset();
	for (unsigned int i = 0; i < 600; i++)
		fr[i] = 10 + (i * 7) % 50;
	glist(0, fr, 600);
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB + 0x10, 600 * FR - 0x10, MAXB,
			       &host), 0);
	CHECK_EQ_U(host & 0xfff, 0x10);
	CHECK_EQ_U(F.used, 2);
	CHECK_EQ_U(host & ~0xfffULL, PB);
	for (unsigned int i = 0; i < 600; i++) {
		uint64_t *blk = pool_at(i < 511 ? PB : pool_at(PB)[511]);

		CHECK_EQ_U(blk[i % 511], host_of(fr[i]));
	}
	CHECK_EQ_U(pool_at(PB)[511], PB + FR);
}

TEST(pagelist_refuses_what_is_not_the_guests)
{
	unsigned int fr[3] = { 20, 21, 22 };
	uint64_t host, *s;

	reset();
	glist(0, fr, 3);
	s = (uint64_t *)F.mem[0];
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 3 * FR, MAXB, &host), 0);
	s[1] = GB + GN * FR;		/* past the guest's memory */
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 3 * FR, MAXB, &host), -EFAULT);
	s[1] = 0x42000000;		/* the carve-out */
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 3 * FR, MAXB, &host), -EFAULT);
	s[1] = GB + 21 * FR + 8;	/* unaligned */
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 3 * FR, MAXB, &host), -EINVAL);
	s[1] = 0;
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 3 * FR, MAXB, &host), -EINVAL);
	s[1] = GB + 21 * FR;
	/* the list itself outside, at 0, empty, too big, next pointer bad */
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB + GN * FR, FR, MAXB, &host), -EFAULT);
	CHECK_EQ_U(tr_pagelist(&ops, &F, 0x10, FR, MAXB, &host), -EINVAL);
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 0, MAXB, &host), -EINVAL);
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 3 * FR, 2 * FR, &host), -ENOSPC);
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, UINT64_MAX, UINT64_MAX, &host),
		   -EINVAL);
	for (unsigned int i = 3; i < 511; i++)
		s[i] = GB + 20 * FR;
	for (unsigned int i = 0; i < 600 - 511; i++)
		((uint64_t *)F.mem[5])[i] = GB + 21 * FR;
	s[511] = GB + 5 * FR;
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 600 * FR, MAXB, &host), 0);
	s[511] = GB + 5 * FR + 1;	/* a next pointer must be clean */
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 600 * FR, MAXB, &host), -EINVAL);
	s[511] = GB + GN * FR;		/* and the guest's */
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 600 * FR, MAXB, &host), -EFAULT);
	F.fail_new = 1;
	CHECK_EQ_U(tr_pagelist(&ops, &F, GB, 3 * FR, MAXB, &host), -ENOSPC);
}

TEST(range_becomes_a_host_list)
{
	uint64_t host;

	reset();
	CHECK_EQ_U(tr_range(&ops, &F, GB + 4 * FR + 100, 2 * FR, MAXB, &host), 0);
	CHECK_EQ_U(host, PB | 100);
	CHECK_EQ_U(pool_at(PB)[0], host_of(4));
	CHECK_EQ_U(pool_at(PB)[1], host_of(5));
	CHECK_EQ_U(pool_at(PB)[2], host_of(6));
	CHECK_EQ_U(pool_at(PB)[3], 0);
	CHECK_EQ_U(tr_range(&ops, &F, GB + 62 * FR, 3 * FR, MAXB, &host),
		   -EFAULT);
}

static struct {
	struct optee_msg_arg a;
	struct optee_msg_param p[6];
} A, B, C;

TEST(call_in_rewrites_lists_keeps_cookies_and_values)
{
	unsigned int fr[2] = { 30, 31 };

	reset();
	memset(&A, 0, sizeof(A));
	A.a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	A.a.num_params = 5;
	A.p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	A.p[0].u.value.a = 7;
	A.p[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INOUT | OPTEE_MSG_ATTR_NONCONTIG;
	A.p[1].u.tmem.buf_ptr = glist(0, fr, 2) | 8;
	A.p[1].u.tmem.size = FR;
	A.p[1].u.tmem.shm_ref = 99;
	A.p[2].attr = OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
	A.p[2].u.rmem.shm_ref = 0x1234;
	A.p[2].u.rmem.size = 5;
	A.p[3].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;	/* NULL memref */
	A.p[3].u.tmem.size = 16;
	A.p[4].attr = OPTEE_MSG_ATTR_TYPE_NONE;
	B = A;
	CHECK_EQ_U(tr_call_in(&ops, &F, &B.a, MAXB), 0);
	CHECK_EQ_U(B.p[1].u.tmem.buf_ptr, PB | 8);
	CHECK_EQ_U(pool_at(PB)[0], host_of(30));
	CHECK_EQ_U(pool_at(PB)[1], host_of(31));
	CHECK_EQ_U(B.p[1].u.tmem.size, FR);
	CHECK_EQ_U(B.p[0].u.value.a, 7);
	CHECK(!memcmp(&B.p[2], &A.p[2], sizeof(A.p[2])));
	CHECK(!memcmp(&B.p[3], &A.p[3], sizeof(A.p[3])));
}

TEST(call_in_refuses_contiguous_and_unknown_memory)
{
	reset();
	memset(&A, 0, sizeof(A));
	A.a.num_params = 1;
	A.p[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	A.p[0].u.tmem.buf_ptr = GB;
	A.p[0].u.tmem.size = 8;
	B = A;
	CHECK_EQ_U(tr_call_in(&ops, &F, &B.a, MAXB), -EINVAL);
	A.p[0].attr |= OPTEE_MSG_ATTR_NONCONTIG;
	A.p[0].u.tmem.buf_ptr = 0;
	B = A;
	CHECK_EQ_U(tr_call_in(&ops, &F, &B.a, MAXB), -EINVAL);
	A.p[0].attr = 0x4;	/* no such type */
	B = A;
	CHECK_EQ_U(tr_call_in(&ops, &F, &B.a, MAXB), -EINVAL);
	/* a META memref is translated too (the secure world refuses it) */
	A.p[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_META;
	A.p[0].u.tmem.buf_ptr = GB;
	B = A;
	CHECK_EQ_U(tr_call_in(&ops, &F, &B.a, MAXB), -EINVAL);
}

TEST(call_out_copies_results_never_host_addresses)
{
	memset(&A, 0, sizeof(A));
	A.a.cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	A.a.num_params = 4;
	A.p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	A.p[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INOUT | OPTEE_MSG_ATTR_NONCONTIG;
	A.p[1].u.tmem.buf_ptr = GB | 4;
	A.p[1].u.tmem.size = 100;
	A.p[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	A.p[2].u.value.a = 1;
	A.p[3].attr = OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT;
	A.p[3].u.rmem.offs = 12;
	A.p[3].u.rmem.size = 50;
	B = A;
	B.a.ret = 0xffff0010;
	B.a.ret_origin = 4;
	B.a.session = 77;
	B.p[0].u.value.a = 5;
	B.p[0].u.value.b = 6;
	B.p[1].u.tmem.buf_ptr = PB | 4;
	B.p[1].u.tmem.size = 60;
	B.p[2].u.value.a = 999;	/* an input: not copied back */
	B.p[3].u.rmem.size = 20;
	B.p[3].u.rmem.offs = 0;
	tr_call_out(&A.a, &B.a, &C.a);
	CHECK_EQ_U(C.a.ret, 0xffff0010);
	CHECK_EQ_U(C.a.ret_origin, 4);
	CHECK_EQ_U(C.a.session, 77);
	CHECK_EQ_U(C.p[0].u.value.a, 5);
	CHECK_EQ_U(C.p[0].u.value.b, 6);
	CHECK_EQ_U(C.p[1].u.tmem.buf_ptr, GB | 4);
	CHECK_EQ_U(C.p[1].u.tmem.size, 60);
	CHECK_EQ_U(C.p[2].u.value.a, 1);
	CHECK_EQ_U(C.p[3].u.rmem.size, 20);
	CHECK_EQ_U(C.p[3].u.rmem.offs, 12);
}

TEST(rpc_to_guest_gives_guest_addresses_only)
{
	memset(&A, 0, sizeof(A));
	A.a.cmd = OPTEE_RPC_CMD_LOAD_TA;
	A.a.num_params = 3;
	A.p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	A.p[0].u.value.a = 3;
	A.p[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	A.p[1].u.tmem.buf_ptr = host_of(9) + 16;
	A.p[1].u.tmem.size = 100;
	A.p[2].attr = OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT;
	A.p[2].u.rmem.shm_ref = 5;
	CHECK_EQ_U(tr_rpc_to_guest(&ops, &F, &A.a, &C.a), 0);
	CHECK_EQ_U(C.p[1].u.tmem.buf_ptr, GB + 9 * FR + 16);
	CHECK_EQ_U(C.p[0].u.value.a, 3);
	CHECK_EQ_U(C.p[2].u.rmem.shm_ref, 5);
	/* guest frames 9, 10 are host-scattered: no contiguous guest view */
	A.p[1].u.tmem.size = FR;
	CHECK_EQ_U(tr_rpc_to_guest(&ops, &F, &A.a, &C.a), -EFAULT);
	A.p[1].u.tmem.size = 100;
	A.p[1].u.tmem.buf_ptr = 0x500000000ULL;	/* not this guest's */
	CHECK_EQ_U(tr_rpc_to_guest(&ops, &F, &A.a, &C.a), -EFAULT);
	A.p[1].attr |= OPTEE_MSG_ATTR_NONCONTIG;
	CHECK_EQ_U(tr_rpc_to_guest(&ops, &F, &A.a, &C.a), -EINVAL);
}

TEST(rpc_shm_alloc_reply_translated_or_refused)
{
	unsigned int fr[3] = { 40, 41, 42 };

	reset();
	memset(&A, 0, sizeof(A));
	A.a.cmd = OPTEE_RPC_CMD_SHM_ALLOC;
	A.a.num_params = 1;
	A.p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	A.p[0].u.value.b = 3 * FR;
	/* a page list */
	B = A;
	B.a.ret = 0;
	B.p[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	B.p[0].u.tmem.buf_ptr = glist(0, fr, 3);
	B.p[0].u.tmem.size = 3 * FR;
	B.p[0].u.tmem.shm_ref = 0xc0c0;
	CHECK_EQ_U(tr_rpc_from_guest(&ops, &F, &A.a, &B.a, MAXB, &C.a), 0);
	CHECK_EQ_U(C.p[0].attr, B.p[0].attr);
	CHECK_EQ_U(C.p[0].u.tmem.buf_ptr, PB);
	CHECK_EQ_U(pool_at(PB)[2], host_of(42));
	CHECK_EQ_U(C.p[0].u.tmem.shm_ref, 0xc0c0);
	/* one whole frame keeps its form */
	B.p[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	B.p[0].u.tmem.buf_ptr = GB + 3 * FR;
	B.p[0].u.tmem.size = FR;
	CHECK_EQ_U(tr_rpc_from_guest(&ops, &F, &A.a, &B.a, MAXB, &C.a), 0);
	CHECK_EQ_U(C.p[0].attr, OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT);
	CHECK_EQ_U(C.p[0].u.tmem.buf_ptr, host_of(3));
	/* contiguous in the guest, more than a frame: becomes a list */
	B.p[0].u.tmem.size = 2 * FR;
	CHECK_EQ_U(tr_rpc_from_guest(&ops, &F, &A.a, &B.a, MAXB, &C.a), 0);
	CHECK(C.p[0].attr & OPTEE_MSG_ATTR_NONCONTIG);
	/* not the guest's: a NULL buffer, the cookie kept for SHM_FREE */
	B.p[0].u.tmem.buf_ptr = 0x42000000;
	CHECK_EQ_U(tr_rpc_from_guest(&ops, &F, &A.a, &B.a, MAXB, &C.a), 1);
	CHECK_EQ_U(C.p[0].u.tmem.buf_ptr, 0);
	CHECK_EQ_U(C.p[0].u.tmem.shm_ref, 0xc0c0);
	B.p[0].attr = OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT;
	CHECK_EQ_U(tr_rpc_from_guest(&ops, &F, &A.a, &B.a, MAXB, &C.a), 1);
}

TEST(rpc_reply_only_outputs_come_back)
{
	memset(&A, 0, sizeof(A));
	A.a.cmd = OPTEE_RPC_CMD_FS;
	A.a.num_params = 3;
	A.p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	A.p[0].u.value.a = 1;
	A.p[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INOUT;
	A.p[1].u.tmem.buf_ptr = host_of(2);
	A.p[1].u.tmem.size = 64;
	A.p[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	B = A;
	B.a.ret = 0xffff0008;
	B.p[0].u.value.a = 55;			/* input: ignored */
	B.p[1].attr = OPTEE_MSG_ATTR_TYPE_RMEM_INOUT;	/* ignored */
	B.p[1].u.tmem.buf_ptr = GB;		/* ignored */
	B.p[1].u.tmem.size = 32;
	B.p[2].u.value.c = 9;
	CHECK_EQ_U(tr_rpc_from_guest(&ops, &F, &A.a, &B.a, MAXB, &C.a), 0);
	CHECK_EQ_U(C.a.ret, 0xffff0008);
	CHECK_EQ_U(C.p[0].u.value.a, 1);
	CHECK_EQ_U(C.p[1].attr, OPTEE_MSG_ATTR_TYPE_TMEM_INOUT);
	CHECK_EQ_U(C.p[1].u.tmem.buf_ptr, host_of(2));
	CHECK_EQ_U(C.p[1].u.tmem.size, 32);
	CHECK_EQ_U(C.p[2].u.value.c, 9);
}

int main(void)
{
	RUN(pagelist_gets_host_entries_and_chained_host_blocks);
	RUN(pagelist_refuses_what_is_not_the_guests);
	RUN(range_becomes_a_host_list);
	RUN(call_in_rewrites_lists_keeps_cookies_and_values);
	RUN(call_in_refuses_contiguous_and_unknown_memory);
	RUN(call_out_copies_results_never_host_addresses);
	RUN(rpc_to_guest_gives_guest_addresses_only);
	RUN(rpc_shm_alloc_reply_translated_or_refused);
	RUN(rpc_reply_only_outputs_come_back);
	return testlib_summary();
}
