/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Translation of guest messages: page lists and arg PAs from guest (IPA)
 * to host addresses, RPC args both ways. Pure functions over callbacks,
 * so they can be unit-tested and fuzzed without a VM. Every input that
 * comes from a guest is hostile; what comes from the secure world (the
 * shadow args) is checked as well, so a confused secure world cannot make
 * the hypervisor leak another VM's addresses to a guest.
 */
#ifndef SOFTEE_HYP_TRANSLATE_H
#define SOFTEE_HYP_TRANSLATE_H

#include <stddef.h>
#include <stdint.h>

#include "optee_msg.h"
#include "softee_mem.h"

struct tr_ops {
	/* Guest memory at [ipa, ipa + len): 0 or -EFAULT. */
	int (*read)(void *ctx, uint64_t ipa, void *buf, size_t len);
	/* Host frame of the guest frame at ipa (frame aligned): 0 or -EFAULT. */
	int (*to_host)(void *ctx, uint64_t ipa, paddr_t *pa);
	/* Guest frame of the host frame pa (frame aligned): 0 or -EFAULT. */
	int (*to_guest)(void *ctx, paddr_t pa, uint64_t *ipa);
	/*
	 * A zeroed hypervisor frame for a host page-list block, kept by ctx
	 * until the call ends: its host PA and 512 writable slots.
	 */
	int (*new_frame)(void *ctx, paddr_t *pa, uint64_t **slots);
};

/*
 * The guest page list at buf_ptr (block IPA | offset) for size bytes, at
 * most max_bytes, rewritten as a host page list in new frames:
 * *host_ptr = first host block | offset. 0, -EINVAL (malformed), -EFAULT
 * (a block or entry that is not the guest's memory), -ENOSPC (too big).
 */
int tr_pagelist(const struct tr_ops *ops, void *ctx, uint64_t buf_ptr,
		uint64_t size, uint64_t max_bytes, uint64_t *host_ptr);
/* A guest-contiguous range [ipa, ipa + size) as a host page list. */
int tr_range(const struct tr_ops *ops, void *ctx, uint64_t ipa, uint64_t size,
	     uint64_t max_bytes, uint64_t *host_ptr);

/*
 * A call's arg (copied out of the guest, num_params already checked to
 * fit): rewrite its memrefs in place for the secure world. A NONCONTIG
 * TMEM gets a host page list; RMEM (a cookie) and values are kept; a
 * contiguous TMEM is refused (a guest has no memory contiguous on the
 * host). 0 or -EINVAL, -EFAULT, -ENOSPC, -ENOMEM.
 */
int tr_call_in(const struct tr_ops *ops, void *ctx, struct optee_msg_arg *a,
	       uint64_t max_bytes);
/*
 * The guest's view of the finished call: res = guest (its original arg)
 * with ret, ret_origin, session and the outputs (values, memref sizes)
 * of shadow. Addresses the guest gave are never replaced by host ones.
 */
void tr_call_out(const struct optee_msg_arg *guest,
		 const struct optee_msg_arg *shadow, struct optee_msg_arg *res);

/*
 * An RPC arg from the secure world (num_params checked) for the guest:
 * TMEM host PAs become the guest's own addresses. 0 or -EINVAL/-EFAULT
 * (an address that is not this guest's memory).
 */
int tr_rpc_to_guest(const struct tr_ops *ops, void *ctx,
		    const struct optee_msg_arg *host, struct optee_msg_arg *out);
/*
 * The guest's answer to the RPC sent: out = sent with ret, ret_origin
 * and the outputs the guest may set; an SHM_ALLOC reply's buffer (page
 * list or PA) is translated to host addresses, or, if it is not the
 * guest's memory, replaced by a NULL buffer (the secure world then frees
 * it). Returns 0, or 1 when the SHM_ALLOC buffer was refused.
 */
int tr_rpc_from_guest(const struct tr_ops *ops, void *ctx,
		      const struct optee_msg_arg *sent,
		      const struct optee_msg_arg *reply, uint64_t max_bytes,
		      struct optee_msg_arg *out);

#endif
