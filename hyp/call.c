/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A guest's SMCs: fast calls filtered, CALL_WITH_ARG run with its arg
 * shadowed (shadow.c) and its RPCs translated (rpc.c) until it returns,
 * RETURN_FROM_RPC only for a call of the VM waiting for that thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "call.h"
#include "log.h"
#include "optee_smc.h"
#include "util.h"

/* What a guest may see of the secure world's capabilities. */
#define HYP_GUEST_CAPS	(OPTEE_SMC_SEC_CAP_DYNAMIC_SHM | \
			 OPTEE_SMC_SEC_CAP_MEMREF_NULL)

static int hyp_fast(struct hyp_vm *vm, const uint32_t in[8], uint32_t out[8])
{
	uint32_t regs[8] = { in[0] };
	int rc;

	regs[7] = vm->id;
	switch (in[0]) {
	case OPTEE_SMC_CALLS_COUNT:
	case OPTEE_SMC_CALLS_UID:
	case OPTEE_SMC_CALLS_REVISION:
	case OPTEE_SMC_CALL_GET_OS_UUID:
	case OPTEE_SMC_CALL_GET_OS_REVISION:
		return up_smc(regs, out, -1, NULL, NULL);
	case OPTEE_SMC_EXCHANGE_CAPABILITIES:
		if (in[1] & ~OPTEE_SMC_NSEC_CAP_UNIPROCESSOR) {
			out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
			return 0;
		}
		regs[1] = in[1];
		rc = up_smc(regs, out, -1, NULL, NULL);
		if (rc)
			return rc;
		/* No carve-out, no features we do not mediate. */
		if (out[0] == OPTEE_SMC_RETURN_OK)
			out[1] &= HYP_GUEST_CAPS;
		memset(out + 2, 0, 6 * sizeof(uint32_t));
		return 0;
	case OPTEE_SMC_GET_SHM_CONFIG:
		/* One carve-out cannot be split between guests. */
		vm_count(vm, &vm->st.refused);
		out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		return 0;
	case OPTEE_SMC_DISABLE_SHM_CACHE:
		out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		return 0;
	case OPTEE_SMC_ENABLE_SHM_CACHE:
		out[0] = OPTEE_SMC_RETURN_OK;
		return 0;
	case OPTEE_SMC_GET_THREAD_COUNT:
		/* The guest's share: its concurrent-call quota. */
		out[0] = OPTEE_SMC_RETURN_OK;
		out[1] = quota_max_calls();
		return 0;
	case OPTEE_SMC_VM_CREATED:
	case OPTEE_SMC_VM_DESTROYED:
		vm_count(vm, &vm->st.refused);
		out[0] = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		return 0;
	default:
		out[0] = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		return 0;
	}
}

/* Run the call in the secure world until it needs the guest or ends. */
static int call_run(struct hyp_vm *vm, struct hyp_call *c, int fd,
		    up_gone_fn gone, void *arg, uint32_t regs[8],
		    uint32_t out[8])
{
	uint32_t res[8];
	int rc;

	for (;;) {
		rc = up_smc(regs, res, fd, gone, arg);
		if (rc) {
			/*
			 * The secure world may still use the call's frames:
			 * the call stays listed (not resumable) until its VM
			 * goes; only its quota slot is given back.
			 */
			quota_call_put(vm);
			return rc;
		}
		if (!OPTEE_SMC_RETURN_IS_RPC(res[0])) {
			call_end(vm, c, res);
			memcpy(out, res, sizeof(res));
			return 0;
		}
		pthread_mutex_lock(&vm->lock);
		c->have_thread = true;
		c->thread_id = res[3];
		vm->st.rpcs++;
		pthread_mutex_unlock(&vm->lock);
		if (rpc_exit(vm, c, res, regs, out)) {
			pthread_mutex_lock(&vm->lock);
			c->at_guest = true;
			pthread_mutex_unlock(&vm->lock);
			return 0;
		}
	}
}

static int hyp_std_call(struct hyp_vm *vm, int fd, up_gone_fn gone,
			void *arg, const uint32_t in[8], uint32_t out[8])
{
	uint64_t ipa = optee_smc_join(in[1], in[2]);
	uint32_t regs[8] = { OPTEE_SMC_CALL_WITH_ARG };
	struct hyp_call *c;
	int rc;

	if (!quota_call_get(vm)) {
		vm_count(vm, &vm->st.throttled);
		out[0] = OPTEE_SMC_RETURN_ETHREAD_LIMIT;
		return 0;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		quota_call_put(vm);
		out[0] = OPTEE_SMC_RETURN_ENOMEM;
		return 0;
	}
	rc = call_open(vm, c, ipa);
	if (rc == -EFAULT) {
		vm_count(vm, &vm->st.bad_addr);
		out[0] = OPTEE_SMC_RETURN_EBADADDR;
	} else if (rc) {
		vm_count(vm, &vm->st.refused);
		call_refuse(vm, c, rc == -EDQUOT || rc == -ENOSPC ||
			    rc == -ENOMEM ? TEE_ERROR_OUT_OF_MEMORY :
			    TEE_ERROR_BAD_PARAMETERS);
		out[0] = OPTEE_SMC_RETURN_OK;
	}
	if (rc) {
		call_free(vm, c);
		quota_call_put(vm);
		return 0;
	}
	pthread_mutex_lock(&vm->lock);
	c->next = vm->calls;
	vm->calls = c;
	vm->st.calls++;
	pthread_mutex_unlock(&vm->lock);
	regs[1] = optee_smc_hi32(c->shadow.pa);
	regs[2] = optee_smc_lo32(c->shadow.pa);
	regs[3] = in[3];
	regs[7] = vm->id;
	return call_run(vm, c, fd, gone, arg, regs, out);
}

static int hyp_resume(struct hyp_vm *vm, int fd, up_gone_fn gone, void *arg,
		      const uint32_t in[8], uint32_t out[8])
{
	uint32_t regs[8] = { OPTEE_SMC_CALL_RETURN_FROM_RPC };
	struct hyp_call *c;
	uint64_t ipa, cookie;
	paddr_t pa;

	/* Only a call of this VM waiting for exactly this thread. */
	pthread_mutex_lock(&vm->lock);
	for (c = vm->calls; c; c = c->next)
		if (c->at_guest && c->have_thread && c->thread_id == in[3])
			break;
	if (c)
		c->at_guest = false;
	pthread_mutex_unlock(&vm->lock);
	if (!c) {
		out[0] = OPTEE_SMC_RETURN_ERESUME;
		return 0;
	}
	regs[3] = c->thread_id;
	regs[7] = vm->id;
	switch (c->rpc_func) {
	case OPTEE_SMC_RPC_FUNC_ALLOC:
		ipa = optee_smc_join(in[1], in[2]);
		cookie = optee_smc_join(in[4], in[5]);
		if (ipa && !rpc_arg_new(vm, ipa, cookie, &pa)) {
			regs[1] = optee_smc_hi32(pa);
			regs[2] = optee_smc_lo32(pa);
			regs[4] = in[4];
			regs[5] = in[5];
		} else if (ipa) {
			/* Not its memory, or a cookie in use: no buffer. */
			vm_count(vm, &vm->st.refused);
		}
		break;
	case OPTEE_SMC_RPC_FUNC_CMD:
		if (c->rpc)
			rpc_cmd_from_guest(vm, c);
		break;
	default:
		break;
	}
	return call_run(vm, c, fd, gone, arg, regs, out);
}

int hyp_guest_smc(struct hyp_vm *vm, int guest_fd, up_gone_fn gone,
		  void *arg, const uint32_t in[8], uint32_t out[8])
{
	memset(out, 0, 8 * sizeof(uint32_t));
	vm_count(vm, &vm->st.smcs);
	if (OPTEE_SMC_IS_FAST_CALL(in[0]))
		return hyp_fast(vm, in, out);
	switch (in[0]) {
	case OPTEE_SMC_CALL_WITH_ARG:
		return hyp_std_call(vm, guest_fd, gone, arg, in, out);
	case OPTEE_SMC_CALL_RETURN_FROM_RPC:
		return hyp_resume(vm, guest_fd, gone, arg, in, out);
	default:
		/* CALL_WITH_RPC_ARG and friends are not offered to guests. */
		out[0] = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		return 0;
	}
}

/* One CANCEL as the VM, retried while the secure world has no thread. */
static void hyp_cancel_one(struct hyp_vm *vm, uint32_t session,
			   uint32_t cancel_id)
{
	uint32_t regs[8] = { OPTEE_SMC_CALL_WITH_ARG }, res[8];
	struct optee_msg_arg *a;
	struct sframe f;

	if (scratch_alloc(&vm->scratch, &f))
		return;
	a = (struct optee_msg_arg *)f.va;
	a->cmd = OPTEE_MSG_CMD_CANCEL;
	a->session = session;
	a->cancel_id = cancel_id;
	regs[1] = optee_smc_hi32(f.pa);
	regs[2] = optee_smc_lo32(f.pa);
	regs[7] = vm->id;
	for (int tries = 0; tries < 100; tries++) {
		if (up_smc(regs, res, -1, NULL, NULL) ||
		    res[0] != OPTEE_SMC_RETURN_ETHREAD_LIMIT)
			break;
		usleep(10000);
	}
	scratch_free(&vm->scratch, &f);
}

void hyp_cancel_calls(struct hyp_vm *vm)
{
	uint32_t sess[64], cid[64];
	size_t n = 0;

	pthread_mutex_lock(&vm->lock);
	for (struct hyp_call *c = vm->calls; c && n < ARRAY_SIZE(sess);
	     c = c->next) {
		if (c->orig->cmd != OPTEE_MSG_CMD_OPEN_SESSION &&
		    c->orig->cmd != OPTEE_MSG_CMD_INVOKE_COMMAND)
			continue;
		sess[n] = c->orig->session;
		cid[n++] = c->orig->cancel_id;
	}
	pthread_mutex_unlock(&vm->lock);
	for (size_t i = 0; i < n; i++)
		hyp_cancel_one(vm, sess[i], cid[i]);
}

void hyp_calls_free(struct hyp_vm *vm)
{
	while (vm->calls) {
		struct hyp_call *c = vm->calls;

		vm->calls = c->next;
		call_free(vm, c);
	}
	while (vm->rpc_args) {
		struct hyp_rpc_arg *r = vm->rpc_args;

		vm->rpc_args = r->next;
		rpc_arg_free(vm, r);
	}
	vm->n_calls = 0;
	quota_regs_free(vm);
}
