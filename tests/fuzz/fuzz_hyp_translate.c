/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: the hypervisor's translation of guest messages
 * (hyp/translate.c) over a fake guest built from the input: a header
 * (operation, addresses, which of 16 guest frames are announced) then up
 * to 16 frames of guest memory, from which the args are also taken.
 * Whatever is accepted must name only host frames of announced guest
 * frames or hypervisor frames, and what goes back to the guest only the
 * guest's own addresses.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "optee_rpc_cmd.h"
#include "translate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_BASE		0x100000000ULL	/* guest frames */
#define FZ_HOST		0x900000000ULL	/* their host frames, reversed */
#define FZ_POOL		0x700000000ULL	/* hypervisor frames */
#define FZ_FRAMES	16
#define FZ_POOL_N	64
#define FZ_FR		4096ULL

struct fz_hdr {
	uint8_t op;
	uint8_t pad;
	uint16_t announced;	/* bit i: guest frame i is the guest's */
	uint32_t arg_off;	/* where in memory the arg(s) are */
	uint64_t ptr;
	uint64_t size;
	uint64_t max;
};

struct fz {
	const uint8_t *mem;
	size_t mem_len;
	uint16_t announced;
	uint64_t pool[FZ_POOL_N][512];
	unsigned int used;
};

static struct fz F;

static int fz_frame(uint64_t ipa, unsigned int *i)
{
	if (ipa < FZ_BASE || ipa >= FZ_BASE + FZ_FRAMES * FZ_FR)
		return -1;
	*i = (unsigned int)((ipa - FZ_BASE) / FZ_FR);
	return (F.announced >> *i) & 1 ? 0 : -1;
}

static int fz_read(void *ctx, uint64_t ipa, void *buf, size_t len)
{
	uint8_t *b = buf;

	(void)ctx;
	for (size_t k = 0; k < len; k++) {
		unsigned int i;
		uint64_t off;

		if (ipa + k < ipa || fz_frame(ipa + k, &i))
			return -14;
		off = ipa + k - FZ_BASE;
		b[k] = off < F.mem_len ? F.mem[off] : 0;
	}
	return 0;
}

static int fz_to_host(void *ctx, uint64_t ipa, paddr_t *pa)
{
	unsigned int i;

	(void)ctx;
	if ((ipa & (FZ_FR - 1)) || fz_frame(ipa, &i))
		return -14;
	*pa = FZ_HOST + (FZ_FRAMES - 1 - i) * FZ_FR;
	return 0;
}

static int fz_to_guest(void *ctx, paddr_t pa, uint64_t *ipa)
{
	unsigned int i;

	(void)ctx;
	if (pa < FZ_HOST || pa >= FZ_HOST + FZ_FRAMES * FZ_FR ||
	    (pa & (FZ_FR - 1)))
		return -14;
	i = FZ_FRAMES - 1 - (unsigned int)((pa - FZ_HOST) / FZ_FR);
	if (!((F.announced >> i) & 1))
		return -14;
	*ipa = FZ_BASE + i * FZ_FR;
	return 0;
}

static int fz_new(void *ctx, paddr_t *pa, uint64_t **slots)
{
	(void)ctx;
	if (F.used == FZ_POOL_N)
		return -28;
	memset(F.pool[F.used], 0, FZ_FR);
	*pa = FZ_POOL + F.used * FZ_FR;
	*slots = F.pool[F.used++];
	return 0;
}

static const struct tr_ops fz_ops = { fz_read, fz_to_host, fz_to_guest,
				      fz_new };

static bool fz_host_of_guest(uint64_t pa)
{
	uint64_t ipa;

	return !fz_to_guest(NULL, pa & ~(FZ_FR - 1), &ipa);
}

static bool fz_is_pool(uint64_t pa)
{
	return pa >= FZ_POOL && pa < FZ_POOL + F.used * FZ_FR;
}

/* A host list at ptr for size bytes: every entry a guest's host frame. */
static void fz_check_list(uint64_t ptr, uint64_t size)
{
	uint64_t n = ((ptr & 0xfff) + size + 0xfff) / FZ_FR, blk = ptr & ~0xfffULL;

	for (uint64_t k = 0; k < n; k++) {
		uint64_t *s;

		if (k && k % 511 == 0)
			blk = F.pool[(blk - FZ_POOL) / FZ_FR][511];
		if (!fz_is_pool(blk))
			abort();
		s = F.pool[(blk - FZ_POOL) / FZ_FR];
		if (!fz_host_of_guest(s[k % 511]) || (s[k % 511] & 0xfff))
			abort();
	}
}

static union {
	struct optee_msg_arg a;
	uint8_t b[OPTEE_MSG_GET_ARG_SIZE(OPTEE_MSG_MAX_NUM_PARAMS)];
} A, B, C;

/* An arg of at most maxp params from the input at off. */
static void fz_arg(const uint8_t *d, size_t n, size_t off, uint32_t maxp,
		   struct optee_msg_arg *a)
{
	size_t len = OPTEE_MSG_GET_ARG_SIZE(maxp);

	memset(a, 0, len);
	if (off < n)
		memcpy(a, d + off, n - off < len ? n - off : len);
	if (a->num_params > maxp)
		a->num_params = maxp;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_hdr h;
	uint64_t out = 0;
	int rc;

	if (size < sizeof(h))
		return 0;
	memcpy(&h, data, sizeof(h));
	F.mem = data + sizeof(h);
	F.mem_len = size - sizeof(h);
	F.announced = h.announced;
	F.used = 0;
	switch (h.op % 6) {
	case 0:
		if (!tr_pagelist(&fz_ops, NULL, h.ptr, h.size, h.max, &out)) {
			if ((out & 0xfff) != (h.ptr & 0xfff) || !h.size ||
			    h.size > h.max)
				abort();
			fz_check_list(out, h.size);
		}
		break;
	case 1:
		if (!tr_range(&fz_ops, NULL, h.ptr, h.size, h.max, &out))
			fz_check_list(out, h.size);
		break;
	case 2:
		fz_arg(F.mem, F.mem_len, h.arg_off, 8, &A.a);
		B = A;
		if (tr_call_in(&fz_ops, NULL, &B.a, h.max ? h.max : 1))
			break;
		for (uint32_t i = 0; i < B.a.num_params; i++) {
			uint64_t t = B.a.params[i].attr & 0xff;

			if (t < OPTEE_MSG_ATTR_TYPE_TMEM_INPUT ||
			    t > OPTEE_MSG_ATTR_TYPE_TMEM_INOUT ||
			    !B.a.params[i].u.tmem.buf_ptr)
				continue;
			/* no guest address reaches the secure world */
			if (!(B.a.params[i].attr & OPTEE_MSG_ATTR_NONCONTIG))
				abort();
			fz_check_list(B.a.params[i].u.tmem.buf_ptr, B.a.params[i].u.tmem.size);
		}
		tr_call_out(&A.a, &B.a, &C.a);
		for (uint32_t i = 0; i < A.a.num_params; i++)
			if (C.a.params[i].attr != A.a.params[i].attr ||
			    C.a.params[i].u.tmem.buf_ptr != A.a.params[i].u.tmem.buf_ptr)
				abort();
		break;
	case 3:
		fz_arg(F.mem, F.mem_len, h.arg_off, OPTEE_RPC_NUM_PARAMS, &A.a);
		if (tr_rpc_to_guest(&fz_ops, NULL, &A.a, &C.a))
			break;
		for (uint32_t i = 0; i < C.a.num_params; i++) {
			uint64_t t = C.a.params[i].attr & 0xff, ipa;
			unsigned int f;

			if (t < OPTEE_MSG_ATTR_TYPE_TMEM_INPUT ||
			    t > OPTEE_MSG_ATTR_TYPE_TMEM_INOUT ||
			    !C.a.params[i].u.tmem.buf_ptr)
				continue;
			ipa = C.a.params[i].u.tmem.buf_ptr;
			if (fz_frame(ipa & ~0xfffULL, &f))
				abort();
		}
		break;
	default:
		fz_arg(F.mem, F.mem_len, h.arg_off, OPTEE_RPC_NUM_PARAMS, &A.a);
		fz_arg(F.mem, F.mem_len, h.arg_off + 512, OPTEE_RPC_NUM_PARAMS,
		       &B.a);
		if (h.op & 0x80)
			A.a.cmd = OPTEE_RPC_CMD_SHM_ALLOC;
		rc = tr_rpc_from_guest(&fz_ops, NULL, &A.a, &B.a,
				       h.max ? h.max : 1, &C.a);
		if (rc < 0 || rc > 1 || C.a.num_params != A.a.num_params)
			abort();
		for (uint32_t i = 0; i < C.a.num_params; i++) {
			uint64_t p = C.a.params[i].u.tmem.buf_ptr, t;

			if (A.a.cmd == OPTEE_RPC_CMD_SHM_ALLOC && i == 0 &&
			    !B.a.ret) {
				if (!p)
					continue;
				if (C.a.params[0].attr & OPTEE_MSG_ATTR_NONCONTIG)
					fz_check_list(p, C.a.params[0].u.tmem.size);
				else if (!fz_host_of_guest(p))
					abort();
				continue;
			}
			/*
			 * The guest cannot change what the secure world sent:
			 * attributes, and the address or offset of memrefs.
			 */
			t = A.a.params[i].attr & 0xff;
			if (C.a.params[i].attr != A.a.params[i].attr ||
			    (((t >= OPTEE_MSG_ATTR_TYPE_TMEM_INPUT &&
			       t <= OPTEE_MSG_ATTR_TYPE_TMEM_INOUT) ||
			      (t >= OPTEE_MSG_ATTR_TYPE_RMEM_INPUT &&
			       t <= OPTEE_MSG_ATTR_TYPE_RMEM_INOUT)) &&
			     p != A.a.params[i].u.tmem.buf_ptr))
				abort();
		}
		break;
	}
	return 0;
}
