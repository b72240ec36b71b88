/* SPDX-License-Identifier: BSD-2-Clause */
/* Yielding calls: CALL_WITH_ARG on a secure thread, message dispatch. */
#include "entry.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mobj.h"
#include "msg_param.h"
#include "optee_smc.h"
#include "rpc.h"
#include "shm_reg.h"
#include "sw_config.h"
#include "ta_manager.h"
#include "tee_err.h"

static atomic_uint_fast64_t n_open, n_invoke, n_close, n_cancel, n_badaddr,
	n_badargs;

void entry_std_stats(struct entry_std_stats *s)
{
	s->open = atomic_load(&n_open);
	s->invoke = atomic_load(&n_invoke);
	s->close = atomic_load(&n_close);
	s->cancel = atomic_load(&n_cancel);
	s->bad_addr = atomic_load(&n_badaddr);
	s->bad_args = atomic_load(&n_badargs);
}

unsigned int tee_err_from_errno(int err)
{
	switch (err) {
	case 0:
		return TEE_SUCCESS;
	case -ENOENT:
		return TEE_ERROR_ITEM_NOT_FOUND;
	case -EACCES:
	case -EKEYREJECTED:
	case -EILSEQ:
	case -EBADMSG:
		return TEE_ERROR_SECURITY;
	case -EBUSY:
		return TEE_ERROR_BUSY;
	case -ENOMEM:
		return TEE_ERROR_OUT_OF_MEMORY;
	case -EINVAL:
	case -EFAULT:
		return TEE_ERROR_BAD_PARAMETERS;
	case -EOPNOTSUPP:
		return TEE_ERROR_NOT_SUPPORTED;
	case -EPIPE:
		return TEE_ERROR_TARGET_DEAD;
	case -ECANCELED:
		return TEE_ERROR_CANCEL;
	case -ECONNRESET:
		return TEE_ERROR_COMMUNICATION;
	default:
		return TEE_ERROR_GENERIC;
	}
}

/*
 * The VM of the call this secure thread runs: results go only to that
 * VM's memory, even if the arg's frame changed hands meanwhile.
 */
static __thread uint32_t entry_vm;

/* Write a u32/u64 field of the arg in normal-world memory. */
static void entry_put(paddr_t arg_pa, size_t off, const void *v, size_t len)
{
	if (ft_copy_to_vm(entry_vm, arg_pa + off, v, len))
		WMSG("arg at 0x%llx vanished before its results were written",
		     (unsigned long long)arg_pa);
}

static void entry_write_result(paddr_t pa, uint32_t ret, uint32_t origin)
{
	entry_put(pa, offsetof(struct optee_msg_arg, ret), &ret, sizeof(ret));
	entry_put(pa, offsetof(struct optee_msg_arg, ret_origin), &origin,
		  sizeof(origin));
}

static void entry_write_params(paddr_t pa, const struct msg_call *c,
			       const struct tm_result *res)
{
	for (uint32_t i = 0; i < c->n_params; i++) {
		const struct msg_param *p = &c->params[i];
		size_t off = msg_param_offset(c->first_client + i) +
			     offsetof(struct optee_msg_param, u);

		if (!msg_type_is_output(p->msg_type))
			continue;
		if (msg_type_is_memref(p->msg_type)) {
			uint64_t size = res->ta.params[i].size;

			entry_put(pa, off + offsetof(struct optee_msg_param_tmem,
						     size), &size, sizeof(size));
		} else {
			struct optee_msg_param_value v = {
				.a = res->ta.params[i].a,
				.b = res->ta.params[i].b,
			};

			entry_put(pa, off, &v, sizeof(v));
		}
	}
}

/* Resolve one memref param to a mobj (NULL for a NULL memref). */
static int entry_get_mobj(uint32_t vm_id, const struct msg_param *p,
			  struct mobj **m)
{
	*m = NULL;
	if (msg_type_is_rmem(p->msg_type)) {
		if (!sw_cfg.dynamic_shm)
			return -EINVAL;
		return shm_reg_slice(vm_id, p->shm_ref, p->offs, p->size, m);
	}
	if (!msg_type_is_tmem(p->msg_type) || p->null_ref)
		return 0;
	if (p->noncontig) {
		if (!sw_cfg.dynamic_shm)
			return -EINVAL;
		return mobj_noncontig_get(vm_id, p->pa, p->size, m);
	}
	return mobj_tmem_get(p->pa, p->size, m);
}

/* Resolve every non-NULL memref to a mobj; -errno if not valid memory. */
static int entry_get_mobjs(uint32_t vm_id, const struct msg_call *c,
			   struct mobj **mobjs)
{
	for (uint32_t i = 0; i < MSG_NUM_CLIENT_PARAMS; i++)
		mobjs[i] = NULL;
	for (uint32_t i = 0; i < c->n_params; i++) {
		int rc = entry_get_mobj(vm_id, &c->params[i], &mobjs[i]);

		if (rc)
			return rc;
	}
	return 0;
}

static void entry_put_mobjs(struct mobj **mobjs)
{
	for (uint32_t i = 0; i < MSG_NUM_CLIENT_PARAMS; i++)
		mobj_put(mobjs[i]);
}

/* REGISTER_SHM / UNREGISTER_SHM: the GP result for arg->ret. */
static uint32_t entry_shm_cmd(uint32_t vm_id, const struct msg_call *c)
{
	int rc;

	/* An OS without dynamic shm does not know these commands. */
	if (!sw_cfg.dynamic_shm)
		return TEE_ERROR_NOT_SUPPORTED;
	if (c->cmd == OPTEE_MSG_CMD_UNREGISTER_SHM) {
		rc = shm_reg_unregister(vm_id, c->shm_cookie);
		if (rc)
			DMSG_LOG("UNREGISTER_SHM 0x%llx: %d",
				 (unsigned long long)c->shm_cookie, rc);
		return rc == -ENOENT ? TEE_ERROR_ITEM_NOT_FOUND :
		       rc == -EBUSY ? TEE_ERROR_BUSY :
		       rc ? TEE_ERROR_GENERIC : TEE_SUCCESS;
	}
	rc = shm_reg_register(vm_id, c->shm_cookie, c->shm_buf_ptr,
			      c->shm_size);
	if (rc)
		DMSG_LOG("REGISTER_SHM 0x%llx (list 0x%llx, %llu bytes): %d",
			 (unsigned long long)c->shm_cookie,
			 (unsigned long long)c->shm_buf_ptr,
			 (unsigned long long)c->shm_size, rc);
	switch (rc) {
	case 0:
		return TEE_SUCCESS;
	case -ENOMEM:
	case -ENOSPC:
		return TEE_ERROR_OUT_OF_MEMORY;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

static void entry_dispatch(struct sw_thread *t, paddr_t pa,
			   const struct optee_msg_arg *arg, size_t len)
{
	struct mobj *mobjs[MSG_NUM_CLIENT_PARAMS] = { NULL };
	struct tm_result res;
	struct msg_call c;
	uint32_t session = 0;
	int rc;

	rc = msg_arg_parse(arg, len, &c);
	if (rc) {
		atomic_fetch_add(&n_badargs, 1);
		entry_write_result(pa, TEE_ERROR_BAD_PARAMETERS, TEE_ORIGIN_TEE);
		return;
	}
	switch (c.cmd) {
	case OPTEE_MSG_CMD_OPEN_SESSION:
	case OPTEE_MSG_CMD_INVOKE_COMMAND:
		rc = entry_get_mobjs(t->vm_id, &c, mobjs);
		if (rc) {
			atomic_fetch_add(&n_badargs, 1);
			entry_put_mobjs(mobjs);
			entry_write_result(pa, rc == -ENOMEM || rc == -ENOSPC ?
					   TEE_ERROR_OUT_OF_MEMORY :
					   TEE_ERROR_BAD_PARAMETERS,
					   TEE_ORIGIN_TEE);
			return;
		}
		if (c.cmd == OPTEE_MSG_CMD_OPEN_SESSION) {
			atomic_fetch_add(&n_open, 1);
			tm_open_session(t, &c, mobjs, &session, &res);
			if (res.ret == TEE_SUCCESS)
				entry_put(pa, offsetof(struct optee_msg_arg,
						       session),
					  &session, sizeof(session));
		} else {
			atomic_fetch_add(&n_invoke, 1);
			tm_invoke(t, &c, mobjs, &res);
		}
		entry_put_mobjs(mobjs);
		DMSG_LOG("cmd %u session %u func 0x%x: ret 0x%x origin %u",
			 c.cmd, c.cmd == OPTEE_MSG_CMD_OPEN_SESSION ? session :
			 c.session, c.func, res.ret, res.origin);
		if (res.have_out)
			entry_write_params(pa, &c, &res);
		entry_write_result(pa, res.ret, res.origin);
		return;
	case OPTEE_MSG_CMD_CLOSE_SESSION:
		atomic_fetch_add(&n_close, 1);
		tm_close_session(t, &c, &res);
		entry_write_result(pa, res.ret, res.origin);
		return;
	case OPTEE_MSG_CMD_REGISTER_SHM:
	case OPTEE_MSG_CMD_UNREGISTER_SHM:
		entry_write_result(pa, entry_shm_cmd(t->vm_id, &c),
				   TEE_ORIGIN_TEE);
		return;
	case OPTEE_MSG_CMD_CANCEL:
		atomic_fetch_add(&n_cancel, 1);
		tm_cancel(t->vm_id, c.session, c.cancel_id);
		entry_write_result(pa, TEE_SUCCESS, TEE_ORIGIN_TEE);
		return;
	default:
		entry_write_result(pa, TEE_ERROR_BAD_PARAMETERS, TEE_ORIGIN_TEE);
		return;
	}
}

/*
 * Where an arg may live: anywhere in the carve-out (8-byte aligned), or,
 * with dynamic shm, a 4 KiB aligned frame announced by the caller that
 * holds the whole arg.
 */
static bool entry_arg_where_ok(uint32_t vm_id, paddr_t pa, size_t len)
{
	if (pa & 7)
		return false;
	if (sw_cfg.reserved_shm &&
	    sw_pa_in_carveout(pa, sizeof(struct optee_msg_arg)))
		return sw_pa_in_carveout(pa, len);
	if (!sw_cfg.dynamic_shm || !softee_pa_is_frame_aligned(pa) ||
	    len > SOFTEE_FRAME_SIZE)
		return false;
	return ft_range_ok_vm(vm_id, pa, SOFTEE_FRAME_SIZE);
}

/* Copy the arg out of normal-world memory; false means EBADADDR. */
static bool entry_fetch_arg(uint32_t vm_id, paddr_t pa,
			    struct optee_msg_arg **arg, size_t *len)
{
	struct optee_msg_arg hdr;
	struct optee_msg_arg *a;
	size_t n;

	if (!entry_arg_where_ok(vm_id, pa, sizeof(hdr)) ||
	    ft_copy_from_vm(vm_id, pa, &hdr, sizeof(hdr)))
		return false;
	if (hdr.num_params > OPTEE_MSG_MAX_NUM_PARAMS)
		return false;
	n = OPTEE_MSG_GET_ARG_SIZE(hdr.num_params);
	if (!entry_arg_where_ok(vm_id, pa, n))
		return false;
	a = malloc(n);
	if (!a)
		return false;
	if (ft_copy_from_vm(vm_id, pa, a, n)) {
		free(a);
		return false;
	}
	/* The header was checked once; a racing writer cannot change it. */
	a->num_params = hdr.num_params;
	*arg = a;
	*len = n;
	return true;
}

void entry_std_thread(struct sw_thread *t, const uint32_t in[8],
		      uint32_t out[8])
{
	paddr_t pa = optee_smc_join(in[1], in[2]);
	struct optee_msg_arg *arg;
	size_t len;

	memset(out, 0, 8 * sizeof(uint32_t));
	entry_vm = t->vm_id;
	if (in[0] != OPTEE_SMC_CALL_WITH_ARG) {
		out[0] = OPTEE_SMC_RETURN_EBADCMD;
		return;
	}
	if (!entry_fetch_arg(t->vm_id, pa, &arg, &len)) {
		atomic_fetch_add(&n_badaddr, 1);
		out[0] = OPTEE_SMC_RETURN_EBADADDR;
		return;
	}
	entry_dispatch(t, pa, arg, len);
	free(arg);
	rpc_release(t);
	out[0] = OPTEE_SMC_RETURN_OK;
}
