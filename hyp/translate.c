/* SPDX-License-Identifier: BSD-2-Clause */
/* Guest <-> host translation of page lists, call args and RPC args. */
#include "translate.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "optee_rpc_cmd.h"
#include "util.h"

#define TR_ENTRIES	OPTEE_MSG_PAGELIST_ENTRIES_PER_BLOCK	/* 511 */
#define TR_NEXT		OPTEE_MSG_PAGELIST_NEXT_SLOT
#define TR_MAX_RPC_FRAMES	(1ULL << 22)

/* Entries of a buffer of size bytes starting off bytes into a frame. */
static int tr_entries(uint64_t off, uint64_t size, uint64_t max_bytes,
		      uint64_t *n)
{
	uint64_t total;

	if (!size)
		return -EINVAL;
	if (size > max_bytes)
		return -ENOSPC;
	if (ADD_OVERFLOW(size, off, &total) ||
	    !round_up_u64(total, SOFTEE_FRAME_SIZE, &total))
		return -EINVAL;
	*n = total / SOFTEE_FRAME_SIZE;
	return 0;
}

/*
 * Build a host list of n entries; entry(i) gives guest frame i. The
 * blocks are chained through their last slot, as on the wire.
 */
struct tr_src {
	/* guest list: the block being read */
	uint64_t slots[TR_ENTRIES + 1];
	uint64_t block;		/* IPA of the next guest block; 0 for a range */
	uint64_t ipa;		/* range: first frame */
};

static int tr_build(const struct tr_ops *ops, void *ctx, struct tr_src *src,
		    uint64_t n, uint64_t off, uint64_t *host_ptr)
{
	uint64_t *prev = NULL, done = 0;
	paddr_t first = 0;
	bool list = !src->ipa;
	int rc;

	while (done < n) {
		uint64_t take = MIN(n - done, (uint64_t)TR_ENTRIES), *hs;
		paddr_t hpa;

		if (list) {
			/* Every block pointer must be a clean frame address. */
			if (!src->block || !softee_pa_is_frame_aligned(src->block))
				return -EINVAL;
			rc = ops->read(ctx, src->block, src->slots,
				       sizeof(src->slots));
			if (rc)
				return -EFAULT;
		}
		rc = ops->new_frame(ctx, &hpa, &hs);
		if (rc)
			return rc;
		if (prev)
			prev[TR_NEXT] = hpa;
		else
			first = hpa;
		for (uint64_t i = 0; i < take; i++) {
			uint64_t g = list ? src->slots[i] :
				     src->ipa + (done + i) * SOFTEE_FRAME_SIZE;

			if (!g || !softee_pa_is_frame_aligned(g))
				return -EINVAL;
			if (ops->to_host(ctx, g, &hs[i]))
				return -EFAULT;
		}
		done += take;
		if (list)
			src->block = src->slots[TR_NEXT];
		prev = hs;
	}
	*host_ptr = first | off;
	return 0;
}

int tr_pagelist(const struct tr_ops *ops, void *ctx, uint64_t buf_ptr,
		uint64_t size, uint64_t max_bytes, uint64_t *host_ptr)
{
	struct tr_src src = { .block = buf_ptr & ~SOFTEE_FRAME_MASK };
	uint64_t off = buf_ptr & SOFTEE_FRAME_MASK, n;
	int rc;

	if (!src.block)
		return -EINVAL;
	rc = tr_entries(off, size, max_bytes, &n);
	if (rc)
		return rc;
	return tr_build(ops, ctx, &src, n, off, host_ptr);
}

int tr_range(const struct tr_ops *ops, void *ctx, uint64_t ipa, uint64_t size,
	     uint64_t max_bytes, uint64_t *host_ptr)
{
	struct tr_src src = { .ipa = ipa & ~SOFTEE_FRAME_MASK };
	uint64_t off = ipa & SOFTEE_FRAME_MASK, n, end;
	int rc;

	if (!src.ipa)
		return -EINVAL;
	rc = tr_entries(off, size, max_bytes, &n);
	if (rc)
		return rc;
	if (ADD_OVERFLOW(src.ipa, n * SOFTEE_FRAME_SIZE, &end))
		return -EINVAL;
	return tr_build(ops, ctx, &src, n, off, host_ptr);
}

static uint32_t tr_type(const struct optee_msg_param *p)
{
	return (uint32_t)(p->attr & OPTEE_MSG_ATTR_TYPE_MASK);
}

static bool tr_is_tmem(uint32_t t)
{
	return t >= OPTEE_MSG_ATTR_TYPE_TMEM_INPUT &&
	       t <= OPTEE_MSG_ATTR_TYPE_TMEM_INOUT;
}

static bool tr_is_rmem(uint32_t t)
{
	return t >= OPTEE_MSG_ATTR_TYPE_RMEM_INPUT &&
	       t <= OPTEE_MSG_ATTR_TYPE_RMEM_INOUT;
}

static bool tr_is_value(uint32_t t)
{
	return t >= OPTEE_MSG_ATTR_TYPE_VALUE_INPUT &&
	       t <= OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
}

/* OUTPUT or INOUT of any kind (each kind numbers IN, OUT, INOUT). */
static bool tr_is_out(uint32_t t)
{
	return t == OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT ||
	       t == OPTEE_MSG_ATTR_TYPE_VALUE_INOUT ||
	       t == OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT ||
	       t == OPTEE_MSG_ATTR_TYPE_RMEM_INOUT ||
	       t == OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT ||
	       t == OPTEE_MSG_ATTR_TYPE_TMEM_INOUT;
}

int tr_call_in(const struct tr_ops *ops, void *ctx, struct optee_msg_arg *a,
	       uint64_t max_bytes)
{
	for (uint32_t i = 0; i < a->num_params; i++) {
		struct optee_msg_param *p = &a->params[i];
		uint32_t t = tr_type(p);
		uint64_t host;
		int rc;

		if (t == OPTEE_MSG_ATTR_TYPE_NONE || tr_is_value(t) ||
		    tr_is_rmem(t))
			continue;
		if (!tr_is_tmem(t))
			return -EINVAL;
		if (!p->u.tmem.buf_ptr) {
			/* A NULL memref; a list at 0 is no list. */
			if (p->attr & OPTEE_MSG_ATTR_NONCONTIG)
				return -EINVAL;
			continue;
		}
		if (!(p->attr & OPTEE_MSG_ATTR_NONCONTIG))
			return -EINVAL;
		rc = tr_pagelist(ops, ctx, p->u.tmem.buf_ptr, p->u.tmem.size,
				 max_bytes, &host);
		if (rc)
			return rc;
		p->u.tmem.buf_ptr = host;
	}
	return 0;
}

void tr_call_out(const struct optee_msg_arg *guest,
		 const struct optee_msg_arg *shadow, struct optee_msg_arg *res)
{
	memcpy(res, guest, OPTEE_MSG_GET_ARG_SIZE(guest->num_params));
	res->ret = shadow->ret;
	res->ret_origin = shadow->ret_origin;
	res->session = shadow->session;
	for (uint32_t i = 0; i < guest->num_params && i < shadow->num_params;
	     i++) {
		uint32_t t = tr_type(&guest->params[i]);

		if (!tr_is_out(t))
			continue;
		if (tr_is_value(t))
			res->params[i].u.value = shadow->params[i].u.value;
		else
			/* tmem and rmem keep size at the same place */
			res->params[i].u.tmem.size = shadow->params[i].u.tmem.size;
	}
}

/* The guest address of host range [pa, pa + size): contiguous there too. */
static int tr_host_range(const struct tr_ops *ops, void *ctx, paddr_t pa,
			 uint64_t size, uint64_t *ipa)
{
	uint64_t off = pa & SOFTEE_FRAME_MASK, n, first = 0;
	int rc = tr_entries(off, size ? size : 1, UINT64_MAX, &n);

	/* No RPC buffer is near this large; refuse rather than walk it. */
	if (rc || n > TR_MAX_RPC_FRAMES)
		return -EINVAL;
	for (uint64_t k = 0; k < n; k++) {
		uint64_t g;
		paddr_t h;

		if (ADD_OVERFLOW(pa & ~SOFTEE_FRAME_MASK, k * SOFTEE_FRAME_SIZE,
				 &h) ||
		    ops->to_guest(ctx, h, &g))
			return -EFAULT;
		if (!k)
			first = g;
		else if (g != first + k * SOFTEE_FRAME_SIZE)
			return -EFAULT;
	}
	*ipa = first | off;
	return 0;
}

int tr_rpc_to_guest(const struct tr_ops *ops, void *ctx,
		    const struct optee_msg_arg *host, struct optee_msg_arg *out)
{
	memcpy(out, host, OPTEE_MSG_GET_ARG_SIZE(host->num_params));
	for (uint32_t i = 0; i < host->num_params; i++) {
		struct optee_msg_param *p = &out->params[i];
		uint32_t t = tr_type(p);
		uint64_t ipa;
		int rc;

		if (t == OPTEE_MSG_ATTR_TYPE_NONE || tr_is_value(t) ||
		    tr_is_rmem(t))
			continue;
		if (!tr_is_tmem(t) || (p->attr & OPTEE_MSG_ATTR_NONCONTIG))
			return -EINVAL;
		if (!p->u.tmem.buf_ptr)
			continue;
		rc = tr_host_range(ops, ctx, p->u.tmem.buf_ptr, p->u.tmem.size,
				   &ipa);
		if (rc)
			return rc;
		p->u.tmem.buf_ptr = ipa;
	}
	return 0;
}

/* The buffer of an SHM_ALLOC reply in host terms; p is the guest's. */
static int tr_shm_alloc_buf(const struct tr_ops *ops, void *ctx,
			    const struct optee_msg_param *p, uint64_t max_bytes,
			    struct optee_msg_param *out)
{
	uint64_t buf = p->u.tmem.buf_ptr, size = p->u.tmem.size, host;
	int rc;

	if (!buf || !size)
		return -EINVAL;
	if (p->attr == (OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT |
			OPTEE_MSG_ATTR_NONCONTIG)) {
		rc = tr_pagelist(ops, ctx, buf, size, max_bytes, &host);
	} else if (p->attr == OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT) {
		/* One whole frame keeps its form; anything else becomes a list. */
		if (softee_pa_is_frame_aligned(buf) && size <= SOFTEE_FRAME_SIZE) {
			rc = ops->to_host(ctx, buf, &host) ? -EFAULT : 0;
			if (!rc)
				*out = *p;
			if (!rc)
				out->u.tmem.buf_ptr = host;
			return rc;
		}
		rc = tr_range(ops, ctx, buf, size, max_bytes, &host);
	} else {
		return -EINVAL;
	}
	if (rc)
		return rc;
	*out = *p;
	out->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	out->u.tmem.buf_ptr = host;
	return 0;
}

int tr_rpc_from_guest(const struct tr_ops *ops, void *ctx,
		      const struct optee_msg_arg *sent,
		      const struct optee_msg_arg *reply, uint64_t max_bytes,
		      struct optee_msg_arg *out)
{
	uint32_t first = 0;
	int refused = 0;

	memcpy(out, sent, OPTEE_MSG_GET_ARG_SIZE(sent->num_params));
	out->ret = reply->ret;
	out->ret_origin = reply->ret_origin;
	if (sent->cmd == OPTEE_RPC_CMD_SHM_ALLOC && sent->num_params) {
		struct optee_msg_param *p = &out->params[0];

		first = 1;
		if (!reply->ret &&
		    tr_shm_alloc_buf(ops, ctx, &reply->params[0], max_bytes, p)) {
			/* Keep the cookie so the secure world frees it. */
			memset(p, 0, sizeof(*p));
			p->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
			p->u.tmem.shm_ref = reply->params[0].u.tmem.shm_ref;
			refused = 1;
		}
	}
	for (uint32_t i = first; i < sent->num_params; i++) {
		uint32_t t = tr_type(&sent->params[i]);

		if (!tr_is_out(t))
			continue;
		if (tr_is_value(t))
			out->params[i].u.value = reply->params[i].u.value;
		else
			out->params[i].u.tmem.size = reply->params[i].u.tmem.size;
	}
	return refused;
}
