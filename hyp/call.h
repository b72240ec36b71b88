/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hypervisor's call state shared by call.c (the SMC flow), shadow.c
 * (a call's arg in hypervisor memory) and rpc.c (RPCs both ways).
 */
#ifndef SOFTEE_HYP_CALL_H
#define SOFTEE_HYP_CALL_H

#include <stdbool.h>
#include <stdint.h>

#include "hyp.h"
#include "translate.h"

#define TEE_ERROR_GENERIC		0xFFFF0000U
#define TEE_ERROR_BAD_PARAMETERS	0xFFFF0006U
#define TEE_ERROR_OUT_OF_MEMORY		0xFFFF000CU
#define TEE_ERROR_COMMUNICATION		0xFFFF000EU
#define TEE_ORIGIN_TEE			3U

struct hyp_call {
	struct hyp_call *next;
	bool at_guest;			/* waiting for RETURN_FROM_RPC */
	bool have_thread;
	uint32_t thread_id;
	uint64_t guest_arg;		/* IPA of the guest's arg */
	size_t arg_len;
	struct optee_msg_arg *orig;	/* the guest's arg as checked */
	struct sframe shadow;		/* what the secure world sees */
	struct sframe *frames;		/* host page lists of this call */
	size_t n_frames, cap_frames;
	uint32_t rpc_func;		/* the RPC the guest is serving */
	struct hyp_rpc_arg *rpc;	/* CMD: its RPC arg */
	union {
		struct optee_msg_arg a;
		uint8_t b[HYP_RPC_ARG_SIZE];
	} rpc_sent;			/* CMD: the secure world's arg */
	bool reg_reserved;
};

/* An RPC arg buffer of the guest and the shadow the secure world uses. */
struct hyp_rpc_arg {
	struct hyp_rpc_arg *next;
	uint64_t cookie;
	uint64_t ipa;
	struct sframe shadow;
};

union hyp_rpc_buf {
	struct optee_msg_arg a;
	uint8_t b[HYP_RPC_ARG_SIZE];
};

/* Translation callbacks over one VM; frames are kept by the call. */
struct call_tr {
	struct hyp_vm *vm;
	struct hyp_call *c;
};
extern const struct tr_ops call_tr_ops;

/* Longest buffer a guest may describe by one page list. */
uint64_t hyp_max_list_bytes(void);
/* Bump one of the VM's counters. */
void vm_count(struct hyp_vm *vm, uint64_t *ctr);

/* shadow.c */
/*
 * Copy the guest's arg at ipa out once and build the shadow the secure
 * world sees. -EFAULT: not a usable address (EBADADDR); else refused.
 */
int call_open(struct hyp_vm *vm, struct hyp_call *c, uint64_t ipa);
/* Refuse a call without the secure world: ret in the guest's arg. */
void call_refuse(struct hyp_vm *vm, struct hyp_call *c, uint32_t ret);
/* The call returned (res): results to the guest, bookkeeping, free. */
void call_end(struct hyp_vm *vm, struct hyp_call *c, const uint32_t res[8]);
void call_free(struct hyp_vm *vm, struct hyp_call *c);

/* rpc.c */
/*
 * An RPC exit of the secure world: out for the guest (true), or the
 * registers to resume with at once (regs, false) when answered here.
 */
bool rpc_exit(struct hyp_vm *vm, struct hyp_call *c, const uint32_t res[8],
	      uint32_t regs[8], uint32_t out[8]);
/* The guest's RPC_ALLOC answer: shadow its buffer; the PA for the secure world. */
int rpc_arg_new(struct hyp_vm *vm, uint64_t ipa, uint64_t cookie, paddr_t *pa);
/* RETURN_FROM_RPC after CMD: the guest's answer into the shadow. */
void rpc_cmd_from_guest(struct hyp_vm *vm, struct hyp_call *c);
void rpc_arg_free(struct hyp_vm *vm, struct hyp_rpc_arg *r);

#endif
