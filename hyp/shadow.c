/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A call's arg in hypervisor memory: copied out of the guest once,
 * memrefs rewritten for the host, and at the end only the results copied
 * back into the guest's arg.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "log.h"
#include "optee_smc.h"
#include "util.h"

uint64_t hyp_max_list_bytes(void)
{
	return MIN(hyp_cfg.quota_pinned, SOFTEE_DDR_SIZE);
}

/* Translation callbacks over one VM (struct call_tr). */
static int ct_read(void *ctx, uint64_t ipa, void *buf, size_t len)
{
	return ipa_read(&((struct call_tr *)ctx)->vm->ipa, ipa, buf, len);
}

static int ct_to_host(void *ctx, uint64_t ipa, paddr_t *pa)
{
	return ipa_to_host(&((struct call_tr *)ctx)->vm->ipa, ipa, pa);
}

static int ct_to_guest(void *ctx, paddr_t pa, uint64_t *ipa)
{
	return ipa_from_host(&((struct call_tr *)ctx)->vm->ipa, pa, ipa);
}

static int ct_new_frame(void *ctx, paddr_t *pa, uint64_t **slots)
{
	struct call_tr *t = ctx;
	struct hyp_call *c = t->c;
	int rc;

	if (c->n_frames == c->cap_frames) {
		size_t nc = c->cap_frames ? c->cap_frames * 2 : 4;
		struct sframe *nf = realloc(c->frames, nc * sizeof(*nf));

		if (!nf)
			return -ENOMEM;
		c->frames = nf;
		c->cap_frames = nc;
	}
	rc = scratch_alloc(&t->vm->scratch, &c->frames[c->n_frames]);
	if (rc)
		return rc;
	*pa = c->frames[c->n_frames].pa;
	*slots = (uint64_t *)c->frames[c->n_frames].va;
	c->n_frames++;
	return 0;
}

const struct tr_ops call_tr_ops = {
	.read = ct_read, .to_host = ct_to_host, .to_guest = ct_to_guest,
	.new_frame = ct_new_frame,
};

void vm_count(struct hyp_vm *vm, uint64_t *ctr)
{
	pthread_mutex_lock(&vm->lock);
	(*ctr)++;
	pthread_mutex_unlock(&vm->lock);
}

void call_free(struct hyp_vm *vm, struct hyp_call *c)
{
	for (size_t i = 0; i < c->n_frames; i++)
		scratch_free(&vm->scratch, &c->frames[i]);
	scratch_free(&vm->scratch, &c->shadow);
	free(c->frames);
	free(c->orig);
	free(c);
}

static void call_unlink(struct hyp_vm *vm, struct hyp_call *c)
{
	pthread_mutex_lock(&vm->lock);
	for (struct hyp_call **pp = &vm->calls; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	pthread_mutex_unlock(&vm->lock);
}

/*
 * Copy the guest's arg at ipa out (once: the guest cannot change it
 * under us afterwards) and build the shadow the secure world will see.
 * -EFAULT: not a usable address (EBADADDR); other -errno: refused.
 */
int call_open(struct hyp_vm *vm, struct hyp_call *c, uint64_t ipa)
{
	struct call_tr t = { .vm = vm, .c = c };
	struct optee_msg_arg hdr, *sh;
	int rc;

	if (ipa & 7)
		return -EFAULT;
	ipa_rdlock(&vm->ipa);
	rc = ipa_read(&vm->ipa, ipa, &hdr, sizeof(hdr));
	if (rc || hdr.num_params > OPTEE_MSG_MAX_NUM_PARAMS) {
		rc = -EFAULT;
		goto out;
	}
	c->arg_len = OPTEE_MSG_GET_ARG_SIZE(hdr.num_params);
	c->orig = malloc(c->arg_len);
	if (!c->orig) {
		rc = -ENOMEM;
		goto out;
	}
	if (ipa_read(&vm->ipa, ipa, c->orig, c->arg_len)) {
		rc = -EFAULT;
		goto out;
	}
	/* The count we checked, whatever a racing writer put there. */
	c->orig->num_params = hdr.num_params;
	c->guest_arg = ipa;
	rc = scratch_alloc(&vm->scratch, &c->shadow);
	if (rc)
		goto out;
	sh = (struct optee_msg_arg *)c->shadow.va;
	memcpy(sh, c->orig, c->arg_len);
	rc = tr_call_in(&call_tr_ops, &t, sh, hyp_max_list_bytes());
	/* A memref naming memory that is not the guest's: bad parameters. */
	if (rc == -EFAULT)
		rc = -EINVAL;
out:
	ipa_unlock(&vm->ipa);
	if (rc)
		return rc;
	/* The (un)registration's cookie is read at the end: it must exist. */
	if ((c->orig->cmd == OPTEE_MSG_CMD_REGISTER_SHM ||
	     c->orig->cmd == OPTEE_MSG_CMD_UNREGISTER_SHM) &&
	    c->orig->num_params != 1)
		return -EINVAL;
	if (c->orig->cmd == OPTEE_MSG_CMD_REGISTER_SHM) {
		if (!quota_reg_reserve(vm))
			return -EDQUOT;
		c->reg_reserved = true;
	}
	return 0;
}

/* Refuse a call without the secure world: ret in the guest's arg. */
void call_refuse(struct hyp_vm *vm, struct hyp_call *c, uint32_t ret)
{
	struct optee_msg_arg *a = c->orig;

	if (!a)
		return;
	a->ret = ret;
	a->ret_origin = TEE_ORIGIN_TEE;
	ipa_rdlock(&vm->ipa);
	if (ipa_write(&vm->ipa, c->guest_arg, a, sizeof(*a)))
		DMSG_LOG("VM %u: arg vanished before its refusal", vm->id);
	ipa_unlock(&vm->ipa);
}

/* The call returned: results to the guest, bookkeeping, free. */
void call_end(struct hyp_vm *vm, struct hyp_call *c,
		     const uint32_t res[8])
{
	const struct optee_msg_arg *g = c->orig;
	struct optee_msg_arg *out = NULL;
	bool ok = false;

	if (res[0] == OPTEE_SMC_RETURN_OK) {
		out = malloc(c->arg_len);
		if (out) {
			tr_call_out(g, (const struct optee_msg_arg *)c->shadow.va,
				    out);
			ok = out->ret == 0;
			ipa_rdlock(&vm->ipa);
			if (ipa_write(&vm->ipa, c->guest_arg, out, c->arg_len))
				DMSG_LOG("VM %u: arg vanished before its results",
					 vm->id);
			ipa_unlock(&vm->ipa);
		}
	}
	if (c->reg_reserved)
		quota_reg_done(vm, g->params[0].u.tmem.shm_ref, ok);
	else if (g->cmd == OPTEE_MSG_CMD_UNREGISTER_SHM && ok)
		quota_reg_drop(vm, g->params[0].u.rmem.shm_ref);
	free(out);
	call_unlink(vm, c);
	call_free(vm, c);
	quota_call_put(vm);
}
