/* SPDX-License-Identifier: BSD-2-Clause */
/* RPC mechanics: the RPC arg buffer, commands, and shm allocation. */
#include "rpc.h"

#include <errno.h>
#include <stdatomic.h>
#include <string.h>

#include "log.h"
#include "optee_rpc_cmd.h"
#include "optee_smc.h"
#include "sw_config.h"
#include "tee_err.h"

#define RPC_ARG_SIZE	OPTEE_MSG_GET_ARG_SIZE(OPTEE_RPC_NUM_PARAMS)

static atomic_uint_fast64_t rpc_counter;

uint64_t rpc_count(void)
{
	return atomic_load(&rpc_counter);
}

static int rpc_exit(struct sw_thread *t, uint32_t regs[8])
{
	atomic_fetch_add(&rpc_counter, 1);
	return thread_rpc(t, regs);
}

static void rpc_free_cookie(struct sw_thread *t, uint64_t cookie)
{
	uint32_t regs[8] = { OPTEE_SMC_RETURN_RPC_FREE,
			     optee_smc_hi32(cookie), optee_smc_lo32(cookie) };

	rpc_exit(t, regs);
}

/*
 * The RPC arg: in the carve-out (8-byte aligned), or with dynamic shm a
 * 4 KiB aligned frame of the caller's that holds it all.
 */
static bool rpc_arg_pa_ok(uint32_t vm_id, paddr_t pa)
{
	if (pa & 7)
		return false;
	if (sw_cfg.reserved_shm && sw_pa_in_carveout(pa, RPC_ARG_SIZE))
		return ft_range_ok(pa, RPC_ARG_SIZE);
	return sw_cfg.dynamic_shm && softee_pa_is_frame_aligned(pa) &&
	       RPC_ARG_SIZE <= SOFTEE_FRAME_SIZE &&
	       ft_range_ok_vm(vm_id, pa, SOFTEE_FRAME_SIZE);
}

static int rpc_arg_get(struct sw_thread *t)
{
	uint32_t regs[8] = { OPTEE_SMC_RETURN_RPC_ALLOC, RPC_ARG_SIZE };
	paddr_t pa;
	uint64_t cookie;
	int ret;

	if (t->rpc_have)
		return 0;
	ret = rpc_exit(t, regs);
	if (ret)
		return ret;
	pa = optee_smc_join(regs[1], regs[2]);
	cookie = optee_smc_join(regs[4], regs[5]);
	if (!pa)
		return -ENOMEM;
	if (!rpc_arg_pa_ok(t->vm_id, pa)) {
		EMSG("RPC arg at bad PA 0x%llx refused", (unsigned long long)pa);
		rpc_free_cookie(t, cookie);
		return -EFAULT;
	}
	t->rpc_have = true;
	t->rpc_pa = pa;
	t->rpc_cookie = cookie;
	return 0;
}

void rpc_release(struct sw_thread *t)
{
	if (!t->rpc_have)
		return;
	t->rpc_have = false;
	rpc_free_cookie(t, t->rpc_cookie);
}

int rpc_cmd(struct sw_thread *t, uint32_t cmd, struct optee_msg_param *params,
	    uint32_t nparams, uint32_t *ret)
{
	union {
		struct optee_msg_arg a;
		uint8_t b[RPC_ARG_SIZE];
	} u;
	uint32_t regs[8] = { OPTEE_SMC_RETURN_RPC_CMD };
	size_t len = OPTEE_MSG_GET_ARG_SIZE(nparams);
	int rc;

	if (nparams > OPTEE_RPC_NUM_PARAMS)
		return -EINVAL;
	rc = rpc_arg_get(t);
	if (rc)
		return rc;
	memset(&u, 0, sizeof(u));
	u.a.cmd = cmd;
	u.a.num_params = nparams;
	memcpy(u.a.params, params, nparams * sizeof(*params));
	rc = ft_copy_to_vm(t->vm_id, t->rpc_pa, &u, len);
	if (rc)
		return rc;
	regs[1] = optee_smc_hi32(t->rpc_cookie);
	regs[2] = optee_smc_lo32(t->rpc_cookie);
	rc = rpc_exit(t, regs);
	if (rc)
		return rc;
	/* Read back; only the params we sent are looked at. */
	rc = ft_copy_from_vm(t->vm_id, t->rpc_pa, &u, len);
	if (rc)
		return rc;
	memcpy(params, u.a.params, nparams * sizeof(*params));
	*ret = u.a.ret;
	return 0;
}

/*
 * The buffer an SHM_ALLOC reply names: a page list (dynamic shm), a
 * carve-out range, or with dynamic shm one page-aligned frame.
 */
static int rpc_shm_reply_mobj(uint32_t vm_id, const struct optee_msg_param *p,
			      uint64_t size, struct mobj **mobj)
{
	paddr_t pa = p->u.tmem.buf_ptr;
	int rc;

	if (p->u.tmem.size < size || !pa)
		return -EINVAL;
	if (p->attr == (OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT |
			OPTEE_MSG_ATTR_NONCONTIG)) {
		if (!sw_cfg.dynamic_shm)
			return -EINVAL;
		rc = mobj_noncontig_get(vm_id, pa, p->u.tmem.size, mobj);
		if (!rc)
			(*mobj)->size = size;
		return rc;
	}
	if (p->attr != OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT)
		return -EINVAL;
	if (sw_cfg.reserved_shm && sw_pa_in_carveout(pa, size))
		return mobj_tmem_get(pa, size, mobj);
	if (!sw_cfg.dynamic_shm)
		return -EFAULT;
	return mobj_phys_get(vm_id, pa, size, mobj);
}

void rpc_memref_param(struct optee_msg_param *p, uint32_t tmem_type,
		      const struct mobj *m, uint64_t size, uint64_t cookie)
{
	memset(p, 0, sizeof(*p));
	if (m->noncontig) {
		/* The normal world registered it: name it as it does. */
		p->attr = tmem_type - OPTEE_MSG_ATTR_TYPE_TMEM_INPUT +
			  OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
		p->u.rmem.offs = 0;
		p->u.rmem.size = size;
		p->u.rmem.shm_ref = cookie;
		return;
	}
	p->attr = tmem_type;
	p->u.tmem.buf_ptr = m->pa;
	p->u.tmem.size = size;
	p->u.tmem.shm_ref = cookie;
}

int rpc_shm_alloc(struct sw_thread *t, uint32_t type, uint64_t size,
		  struct mobj **mobj, uint64_t *cookie)
{
	struct optee_msg_param p[1];
	uint32_t res;
	int rc;

	memset(p, 0, sizeof(p));
	p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	p[0].u.value.a = type;
	p[0].u.value.b = size;
	p[0].u.value.c = 8;
	rc = rpc_cmd(t, OPTEE_RPC_CMD_SHM_ALLOC, p, 1, &res);
	if (rc)
		return rc;
	if (res != TEE_SUCCESS)
		return -ENOMEM;
	*cookie = p[0].u.tmem.shm_ref;
	rc = rpc_shm_reply_mobj(t->vm_id, &p[0], size, mobj);
	if (rc) {
		EMSG("SHM_ALLOC reply refused (attr 0x%llx size %llu): %d",
		     (unsigned long long)p[0].attr,
		     (unsigned long long)p[0].u.tmem.size, rc);
		goto err_free;
	}
	return 0;
err_free:
	rpc_shm_free(t, type, *cookie);
	return rc;
}

void rpc_shm_free(struct sw_thread *t, uint32_t type, uint64_t cookie)
{
	struct optee_msg_param p[1];
	uint32_t res;

	memset(p, 0, sizeof(p));
	p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	p[0].u.value.a = type;
	p[0].u.value.b = cookie;
	if (rpc_cmd(t, OPTEE_RPC_CMD_SHM_FREE, p, 1, &res) || res)
		WMSG("SHM_FREE of cookie 0x%llx failed",
		     (unsigned long long)cookie);
}
