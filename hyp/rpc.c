/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RPCs of a guest's call: the RPC arg buffers shadowed in hypervisor
 * memory, requests translated for the guest, answers for the secure world.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "log.h"
#include "optee_smc.h"

static struct hyp_rpc_arg *rpc_arg_find(struct hyp_vm *vm, uint64_t cookie,
					bool take)
{
	struct hyp_rpc_arg **pp, *r = NULL;

	pthread_mutex_lock(&vm->lock);
	for (pp = &vm->rpc_args; *pp; pp = &(*pp)->next) {
		if ((*pp)->cookie == cookie) {
			r = *pp;
			if (take)
				*pp = r->next;
			break;
		}
	}
	pthread_mutex_unlock(&vm->lock);
	return r;
}

/* The guest's answer to RPC ALLOC: shadow its buffer. 0 or -errno. */
int rpc_arg_new(struct hyp_vm *vm, uint64_t ipa, uint64_t cookie,
		       paddr_t *pa)
{
	struct hyp_rpc_arg *r;
	uint8_t probe[HYP_RPC_ARG_SIZE];
	int rc;

	if (ipa & 7)
		return -EFAULT;
	ipa_rdlock(&vm->ipa);
	rc = ipa_read(&vm->ipa, ipa, probe, sizeof(probe));
	ipa_unlock(&vm->ipa);
	if (rc)
		return -EFAULT;
	if (rpc_arg_find(vm, cookie, false))
		return -EEXIST;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	rc = scratch_alloc(&vm->scratch, &r->shadow);
	if (rc) {
		free(r);
		return rc;
	}
	r->cookie = cookie;
	r->ipa = ipa;
	pthread_mutex_lock(&vm->lock);
	r->next = vm->rpc_args;
	vm->rpc_args = r;
	pthread_mutex_unlock(&vm->lock);
	*pa = r->shadow.pa;
	return 0;
}

void rpc_arg_free(struct hyp_vm *vm, struct hyp_rpc_arg *r)
{
	scratch_free(&vm->scratch, &r->shadow);
	free(r);
}

/* Put ret into the shadow RPC arg (an RPC we answer ourselves). */
static void rpc_set_ret(struct hyp_rpc_arg *r, uint32_t ret)
{
	struct optee_msg_arg *a = (struct optee_msg_arg *)r->shadow.va;

	a->ret = ret;
	a->ret_origin = TEE_ORIGIN_TEE;
}

/*
 * RPC CMD: give the guest the secure world's request in its own buffer,
 * with its own addresses. false: answered here (ret set in the shadow).
 */
static bool rpc_cmd_to_guest(struct hyp_vm *vm, struct hyp_call *c,
			     struct hyp_rpc_arg *r)
{
	struct call_tr t = { .vm = vm, .c = c };
	const struct optee_msg_arg *h = (const struct optee_msg_arg *)r->shadow.va;
	union hyp_rpc_buf g;
	uint32_t n = h->num_params;
	int rc;

	if (n > OPTEE_RPC_NUM_PARAMS) {
		rpc_set_ret(r, TEE_ERROR_BAD_PARAMETERS);
		return false;
	}
	memcpy(c->rpc_sent.b, h, OPTEE_MSG_GET_ARG_SIZE(n));
	c->rpc_sent.a.num_params = n;
	ipa_rdlock(&vm->ipa);
	rc = tr_rpc_to_guest(&call_tr_ops, &t, &c->rpc_sent.a, &g.a);
	if (!rc)
		rc = ipa_write(&vm->ipa, r->ipa, g.b, OPTEE_MSG_GET_ARG_SIZE(n));
	ipa_unlock(&vm->ipa);
	if (rc) {
		WMSG("VM %u: RPC %u not passed to the guest: %d", vm->id,
		     h->cmd, rc);
		rpc_set_ret(r, rc == -EFAULT ? TEE_ERROR_COMMUNICATION :
			    TEE_ERROR_BAD_PARAMETERS);
		return false;
	}
	c->rpc = r;
	return true;
}

/* RETURN_FROM_RPC after CMD: the guest's answer into the shadow. */
void rpc_cmd_from_guest(struct hyp_vm *vm, struct hyp_call *c)
{
	struct call_tr t = { .vm = vm, .c = c };
	struct hyp_rpc_arg *r = c->rpc;
	size_t len = OPTEE_MSG_GET_ARG_SIZE(c->rpc_sent.a.num_params);
	union hyp_rpc_buf reply, out;
	int rc;

	c->rpc = NULL;
	ipa_rdlock(&vm->ipa);
	rc = ipa_read(&vm->ipa, r->ipa, reply.b, len);
	if (!rc) {
		if (tr_rpc_from_guest(&call_tr_ops, &t, &c->rpc_sent.a, &reply.a,
				      hyp_max_list_bytes(), &out.a))
			vm_count(vm, &vm->st.refused);
		memcpy(r->shadow.va, out.b, len);
	}
	ipa_unlock(&vm->ipa);
	if (rc) {
		memcpy(r->shadow.va, c->rpc_sent.b, len);
		rpc_set_ret(r, TEE_ERROR_COMMUNICATION);
	}
}

/*
 * An RPC exit of the secure world for the guest (out), or, when we can
 * answer it ourselves, the registers to resume with (regs). true: out
 * goes to the guest.
 */
bool rpc_exit(struct hyp_vm *vm, struct hyp_call *c,
		     const uint32_t res[8], uint32_t regs[8], uint32_t out[8])
{
	uint32_t func = OPTEE_SMC_RETURN_GET_RPC_FUNC(res[0]);
	uint64_t cookie = optee_smc_join(res[1], res[2]);
	struct hyp_rpc_arg *r;

	memcpy(out, res, 8 * sizeof(uint32_t));
	c->rpc_func = func;
	switch (func) {
	case OPTEE_SMC_RPC_FUNC_FREE:
		r = rpc_arg_find(vm, cookie, true);
		if (r)
			rpc_arg_free(vm, r);
		return true;
	case OPTEE_SMC_RPC_FUNC_CMD:
		r = rpc_arg_find(vm, cookie, false);
		if (r && rpc_cmd_to_guest(vm, c, r))
			return true;
		if (!r)
			EMSG("VM %u: RPC CMD with a cookie we never shadowed",
			     vm->id);
		memset(regs, 0, 8 * sizeof(uint32_t));
		regs[0] = OPTEE_SMC_CALL_RETURN_FROM_RPC;
		regs[3] = res[3];
		regs[7] = vm->id;
		return false;
	default:
		/* ALLOC (a1 = size), FOREIGN_INTR, or unknown: as they are. */
		return true;
	}
}
