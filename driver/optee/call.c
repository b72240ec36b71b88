// SPDX-License-Identifier: BSD-2-Clause
/* Calls into the secure world: message args, parameter conversion, sessions and the ETHREAD_LIMIT call queue. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "optee_private.h"
#include "util.h"

void optee_cq_init(struct optee_call_queue *cq)
{
	pthread_condattr_t ca;

	pthread_mutex_init(&cq->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&cq->cond, &ca);
	pthread_condattr_destroy(&ca);
	cq->returns = 0;
}

void optee_cq_fini(struct optee_call_queue *cq)
{
	pthread_cond_destroy(&cq->cond);
	pthread_mutex_destroy(&cq->lock);
}

static uint64_t cq_snapshot(struct optee_call_queue *cq)
{
	uint64_t v;

	pthread_mutex_lock(&cq->lock);
	v = cq->returns;
	pthread_mutex_unlock(&cq->lock);
	return v;
}

/* Sleep until some call left the secure world since snap (or a while passed). */
static void cq_wait(struct optee_call_queue *cq, uint64_t snap)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_nsec += 50 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&cq->lock);
	while (cq->returns == snap &&
	       pthread_cond_timedwait(&cq->cond, &cq->lock, &ts) != ETIMEDOUT)
		;
	pthread_mutex_unlock(&cq->lock);
}

static void cq_signal(struct optee_call_queue *cq)
{
	pthread_mutex_lock(&cq->lock);
	cq->returns++;
	pthread_cond_broadcast(&cq->cond);
	pthread_mutex_unlock(&cq->lock);
}

int optee_do_call_with_arg(struct optee *optee, struct tee_shm *arg_shm)
{
	uint32_t regs[8] = { 0 }, out[8];
	int rc;

	regs[0] = OPTEE_SMC_CALL_WITH_ARG;
	regs[1] = optee_smc_hi32(arg_shm->pa);
	regs[2] = optee_smc_lo32(arg_shm->pa);
	for (;;) {
		uint64_t snap = cq_snapshot(&optee->cq);

		rc = optee_smc(optee->chans, regs, out);
		if (rc)
			break;
		if (out[0] == OPTEE_SMC_RETURN_ETHREAD_LIMIT) {
			/* Never fail: wait for a secure thread to free up. */
			cq_wait(&optee->cq, snap);
			continue;
		}
		if (OPTEE_SMC_RETURN_IS_RPC(out[0])) {
			memcpy(regs, out, sizeof(regs));
			optee_handle_rpc(optee, regs);
			continue;
		}
		if (out[0] != OPTEE_SMC_RETURN_OK) {
			WMSG("CALL_WITH_ARG returned 0x%x", out[0]);
			rc = -EIO;
		}
		break;
	}
	cq_signal(&optee->cq);
	return rc;
}

/*
 * uapi params -> msg params: registered shm as RMEM (offset, size,
 * cookie), contiguous (static) shm as TMEM with a PA.
 */
static int params_to_msg(struct tee_context *ctx, struct optee_msg_param *mp,
			 const struct tee_param *p, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint64_t t = p[i].attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK;

		memset(&mp[i], 0, sizeof(mp[i]));
		switch (t) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_NONE:
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT:
			mp[i].attr = t;	/* same numbers in both ABIs */
			mp[i].u.value.a = p[i].u.value.a;
			mp[i].u.value.b = p[i].u.value.b;
			mp[i].u.value.c = p[i].u.value.c;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT: {
			const struct tee_shm *shm = p[i].u.memref.shm;

			if (shm && (shm->flags & TEE_SHM_REGISTERED)) {
				mp[i].attr = t - TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT +
					     OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
				mp[i].u.rmem.offs = p[i].u.memref.offs;
				mp[i].u.rmem.size = p[i].u.memref.size;
				mp[i].u.rmem.shm_ref = shm->cookie;
				atomic_fetch_add(&ctx->usage.zero_copy,
						 p[i].u.memref.size);
				atomic_fetch_add(&tee_usage_total.zero_copy,
						 p[i].u.memref.size);
				break;
			}
			if (shm && (shm->flags & TEE_SHM_DYNAMIC))
				return -EINVAL;	/* no PA range to name it */
			mp[i].attr = (t - TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT +
				      OPTEE_MSG_ATTR_TYPE_TMEM_INPUT) |
				     ((uint64_t)OPTEE_MSG_ATTR_CACHE_PREDEFINED
				      << OPTEE_MSG_ATTR_CACHE_SHIFT);
			mp[i].u.tmem.size = p[i].u.memref.size;
			if (shm) {
				mp[i].u.tmem.buf_ptr = shm->pa + p[i].u.memref.offs;
				mp[i].u.tmem.shm_ref = shm->cookie;
			}
			break;
		}
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/* Results back: values and memref sizes of output params. */
static void params_from_msg(struct tee_param *p, const struct optee_msg_param *mp,
			    uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		switch (p[i].attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT:
			p[i].u.value.a = mp[i].u.value.a;
			p[i].u.value.b = mp[i].u.value.b;
			p[i].u.value.c = mp[i].u.value.c;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
			p[i].u.memref.size = mp[i].u.tmem.size;
			break;
		default:
			break;
		}
	}
}

static int msg_arg_alloc(struct optee *optee, uint32_t num_params,
			 struct tee_shm **shm, struct optee_msg_arg **ma)
{
	int rc;

	/* Outside the carve-out an arg must fit in one 4 KiB frame. */
	if (optee->dynamic &&
	    OPTEE_MSG_GET_ARG_SIZE(num_params) > SOFTEE_FRAME_SIZE)
		return -EINVAL;
	rc = tee_shm_alloc_priv(optee->priv_pool,
				OPTEE_MSG_GET_ARG_SIZE(num_params), 8, shm);
	if (rc)
		return rc;
	*ma = (*shm)->kaddr;
	(*ma)->num_params = num_params;
	return 0;
}

static bool ctx_has_session(struct optee_ctx_data *cd, uint32_t session,
			    bool remove)
{
	size_t i;

	for (i = 0; i < cd->nsess; i++) {
		if (cd->sessions[i] == session) {
			if (remove)
				cd->sessions[i] = cd->sessions[--cd->nsess];
			return true;
		}
	}
	return false;
}

static int ctx_add_session(struct optee_ctx_data *cd, uint32_t session)
{
	if (cd->nsess == cd->cap) {
		size_t ncap = cd->cap ? cd->cap * 2 : 8;
		uint32_t *ns = realloc(cd->sessions, ncap * sizeof(*ns));

		if (!ns)
			return -ENOMEM;
		cd->sessions = ns;
		cd->cap = ncap;
	}
	cd->sessions[cd->nsess++] = session;
	return 0;
}

static void call_rec_add(struct optee_ctx_data *cd, struct optee_call_rec *rec)
{
	pthread_mutex_lock(&cd->lock);
	rec->next = cd->calls;
	cd->calls = rec;
	pthread_mutex_unlock(&cd->lock);
}

static void call_rec_del(struct optee_ctx_data *cd, struct optee_call_rec *rec)
{
	struct optee_call_rec **pp;

	pthread_mutex_lock(&cd->lock);
	for (pp = &cd->calls; *pp; pp = &(*pp)->next) {
		if (*pp == rec) {
			*pp = rec->next;
			break;
		}
	}
	pthread_mutex_unlock(&cd->lock);
}

/* Send a message that has no client params (CLOSE, CANCEL). */
static int simple_msg(struct optee *optee, uint32_t cmd, uint32_t session,
		      uint32_t cancel_id)
{
	struct optee_msg_arg *ma;
	struct tee_shm *shm;
	int rc = msg_arg_alloc(optee, 0, &shm, &ma);

	if (rc)
		return rc;
	ma->cmd = cmd;
	ma->session = session;
	ma->cancel_id = cancel_id;
	rc = optee_do_call_with_arg(optee, shm);
	tee_shm_free_priv(shm);
	return rc;
}

int optee_pagelist_make(struct optee *optee, const struct tee_shm *shm,
			uint64_t page_off, uint64_t size,
			struct tee_shm **list, uint64_t *buf_ptr)
{
	uint64_t entries = tee_pagelist_entries(page_off, size);
	uint64_t first = page_off >> SOFTEE_FRAME_SHIFT, nblocks, i, bytes;
	uint64_t **blocks;
	struct tee_shm *l;
	int rc;

	if (!entries || !shm->frames || first > shm->nframes ||
	    entries > shm->nframes - first)
		return -EINVAL;
	nblocks = tee_pagelist_blocks(entries);
	if (MUL_OVERFLOW(nblocks, SOFTEE_FRAME_SIZE, &bytes))
		return -ENOMEM;
	blocks = calloc(nblocks, sizeof(*blocks));
	if (!blocks)
		return -ENOMEM;
	rc = tee_shm_alloc_priv(optee->priv_pool, bytes, SOFTEE_FRAME_SIZE, &l);
	if (rc) {
		free(blocks);
		return rc;
	}
	for (i = 0; i < nblocks; i++)
		blocks[i] = (uint64_t *)((uint8_t *)l->kaddr +
					 i * SOFTEE_FRAME_SIZE);
	rc = tee_pagelist_fill(blocks, l->frames, nblocks, shm->frames + first,
			       entries);
	free(blocks);
	if (rc) {
		tee_shm_free_priv(l);
		return rc;
	}
	*list = l;
	*buf_ptr = l->frames[0] | (page_off & SOFTEE_FRAME_MASK);
	atomic_fetch_add(&tee_usage_total.pl_entries, entries);
	if (shm->ctx)
		atomic_fetch_add(&shm->ctx->usage.pl_entries, entries);
	return 0;
}

int optee_shm_register(struct tee_context *ctx, struct tee_shm *shm)
{
	struct optee *optee = optee_of(ctx);
	struct optee_msg_arg *ma;
	struct tee_shm *arg, *list;
	uint64_t buf_ptr;
	uint32_t ret;
	int rc;

	if (!optee->dynamic || !(shm->flags & TEE_SHM_DYNAMIC))
		return 0;	/* contiguous memory travels by PA */
	rc = optee_pagelist_make(optee, shm, shm->page_off, shm->size, &list,
				 &buf_ptr);
	if (rc)
		return rc;
	rc = msg_arg_alloc(optee, 1, &arg, &ma);
	if (rc) {
		tee_shm_free_priv(list);
		return rc;
	}
	ma->cmd = OPTEE_MSG_CMD_REGISTER_SHM;
	ma->params[0].attr = OPTEE_MSG_REGISTER_SHM_ATTR;
	ma->params[0].u.tmem.buf_ptr = buf_ptr;
	ma->params[0].u.tmem.size = shm->size;
	ma->params[0].u.tmem.shm_ref = shm->cookie;
	rc = optee_do_call_with_arg(optee, arg);
	ret = ma->ret;
	tee_shm_free_priv(arg);
	/* The secure world copied what it needs: the list can go. */
	tee_shm_free_priv(list);
	if (rc)
		return rc;
	if (ret != OPTEE_TEEC_SUCCESS) {
		DMSG_LOG("REGISTER_SHM of %llu bytes refused: 0x%x",
			 (unsigned long long)shm->size, ret);
		return ret == OPTEE_TEEC_ERROR_OUT_OF_MEMORY ? -ENOMEM : -EINVAL;
	}
	shm->flags |= TEE_SHM_REGISTERED;
	return 0;
}

int optee_shm_unregister(struct tee_context *ctx, struct tee_shm *shm)
{
	struct optee *optee = optee_of(ctx);
	struct optee_msg_arg *ma;
	struct tee_shm *arg;
	uint32_t ret;
	int rc;

	if (!(shm->flags & TEE_SHM_REGISTERED))
		return 0;
	rc = msg_arg_alloc(optee, 1, &arg, &ma);
	if (rc)
		return rc;
	ma->cmd = OPTEE_MSG_CMD_UNREGISTER_SHM;
	ma->params[0].attr = OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
	ma->params[0].u.rmem.shm_ref = shm->cookie;
	rc = optee_do_call_with_arg(optee, arg);
	ret = ma->ret;
	tee_shm_free_priv(arg);
	shm->flags &= ~TEE_SHM_REGISTERED;
	if (!rc && ret != OPTEE_TEEC_SUCCESS)
		WMSG("UNREGISTER_SHM of cookie 0x%llx: 0x%x",
		     (unsigned long long)shm->cookie, ret);
	return rc ? rc : (ret ? -EIO : 0);
}

int optee_open_session(struct tee_context *ctx,
		       struct tee_ioctl_open_session_arg *arg,
		       struct tee_param *params)
{
	struct optee *optee = optee_of(ctx);
	struct optee_ctx_data *cd = ctx->data;
	struct optee_call_rec rec = { .session = 0,
				      .cancel_id = arg->cancel_id };
	struct optee_msg_arg *ma;
	struct tee_shm *shm;
	uint32_t ret, session;
	int rc;

	rc = msg_arg_alloc(optee, arg->num_params + 2, &shm, &ma);
	if (rc)
		return rc;
	ma->cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	ma->cancel_id = arg->cancel_id;
	ma->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	ma->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	memcpy(&ma->params[0].u.value, arg->uuid, sizeof(arg->uuid));
	memcpy(&ma->params[1].u.value, arg->clnt_uuid, sizeof(arg->clnt_uuid));
	ma->params[1].u.value.c = arg->clnt_login;
	rc = params_to_msg(ctx, ma->params + 2, params, arg->num_params);
	if (rc)
		goto out;
	call_rec_add(cd, &rec);
	rc = optee_do_call_with_arg(optee, shm);
	call_rec_del(cd, &rec);
	if (rc) {
		arg->ret = OPTEE_TEEC_ERROR_COMMUNICATION;
		arg->ret_origin = OPTEE_TEEC_ORIGIN_COMMS;
		rc = 0;
		goto out;
	}
	/* One read of each field the secure world wrote. */
	ret = ma->ret;
	session = ma->session;
	arg->ret = ret;
	arg->ret_origin = ma->ret_origin;
	arg->session = session;
	params_from_msg(params, ma->params + 2, arg->num_params);
	if (ret == OPTEE_TEEC_SUCCESS) {
		pthread_mutex_lock(&cd->lock);
		rc = ctx_add_session(cd, session);
		pthread_mutex_unlock(&cd->lock);
		if (rc) {
			simple_msg(optee, OPTEE_MSG_CMD_CLOSE_SESSION, session, 0);
			goto out;
		}
		atomic_fetch_add(&tee_stats.sessions, 1);
	}
out:
	tee_shm_free_priv(shm);
	return rc;
}

int optee_close_session(struct tee_context *ctx, uint32_t session)
{
	struct optee_ctx_data *cd = ctx->data;
	bool found;

	pthread_mutex_lock(&cd->lock);
	found = ctx_has_session(cd, session, true);
	pthread_mutex_unlock(&cd->lock);
	if (!found)
		return -EINVAL;
	atomic_fetch_sub(&tee_stats.sessions, 1);
	simple_msg(optee_of(ctx), OPTEE_MSG_CMD_CLOSE_SESSION, session, 0);
	return 0;
}

int optee_invoke(struct tee_context *ctx, struct tee_ioctl_invoke_arg *arg,
		 struct tee_param *params)
{
	struct optee *optee = optee_of(ctx);
	struct optee_ctx_data *cd = ctx->data;
	struct optee_call_rec rec = { .session = arg->session,
				      .cancel_id = arg->cancel_id };
	struct optee_msg_arg *ma;
	struct tee_shm *shm;
	bool found;
	int rc;

	pthread_mutex_lock(&cd->lock);
	found = ctx_has_session(cd, arg->session, false);
	pthread_mutex_unlock(&cd->lock);
	if (!found)
		return -EINVAL;
	rc = msg_arg_alloc(optee, arg->num_params, &shm, &ma);
	if (rc)
		return rc;
	ma->cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	ma->func = arg->func;
	ma->session = arg->session;
	ma->cancel_id = arg->cancel_id;
	rc = params_to_msg(ctx, ma->params, params, arg->num_params);
	if (rc)
		goto out;
	call_rec_add(cd, &rec);
	rc = optee_do_call_with_arg(optee, shm);
	call_rec_del(cd, &rec);
	if (rc) {
		arg->ret = OPTEE_TEEC_ERROR_COMMUNICATION;
		arg->ret_origin = OPTEE_TEEC_ORIGIN_COMMS;
		rc = 0;
		goto out;
	}
	arg->ret = ma->ret;
	arg->ret_origin = ma->ret_origin;
	params_from_msg(params, ma->params, arg->num_params);
out:
	tee_shm_free_priv(shm);
	return rc;
}

int optee_cancel(struct tee_context *ctx, uint32_t cancel_id,
		 uint32_t session)
{
	struct optee_ctx_data *cd = ctx->data;
	bool found;

	pthread_mutex_lock(&cd->lock);
	/* Session 0 cancels an open session in progress. */
	found = !session || ctx_has_session(cd, session, false);
	pthread_mutex_unlock(&cd->lock);
	if (!found)
		return -EINVAL;
	return simple_msg(optee_of(ctx), OPTEE_MSG_CMD_CANCEL, session,
			  cancel_id);
}

int optee_ctx_open(struct tee_context *ctx)
{
	struct optee *optee = optee_of(ctx);
	struct optee_ctx_data *cd = calloc(1, sizeof(*cd));
	int rc;

	if (!cd)
		return -ENOMEM;
	pthread_mutex_init(&cd->lock, NULL);
	if (ctx->teedev == optee->supp_teedev) {
		rc = optee_supp_open(&optee->supp, ctx);
		if (rc) {
			pthread_mutex_destroy(&cd->lock);
			free(cd);
			return rc;
		}
	}
	ctx->cap_memref_null =
		!!(optee->sec_caps & OPTEE_SMC_SEC_CAP_MEMREF_NULL);
	ctx->data = cd;
	return 0;
}

void optee_ctx_kill(struct tee_context *ctx)
{
	struct optee *optee = optee_of(ctx);
	struct optee_ctx_data *cd = ctx->data;
	struct optee_call_rec *r;
	uint32_t sess[64], cid[64];
	size_t n = 0, i;

	optee_supp_release(&optee->supp, ctx);
	/* Ask the secure world to hurry calls still running for ctx. */
	pthread_mutex_lock(&cd->lock);
	for (r = cd->calls; r && n < ARRAY_SIZE(sess); r = r->next) {
		sess[n] = r->session;
		cid[n++] = r->cancel_id;
	}
	pthread_mutex_unlock(&cd->lock);
	for (i = 0; i < n; i++)
		simple_msg(optee, OPTEE_MSG_CMD_CANCEL, sess[i], cid[i]);
}

void optee_ctx_release(struct tee_context *ctx)
{
	struct optee *optee = optee_of(ctx);
	struct optee_ctx_data *cd = ctx->data;
	size_t i;

	if (!cd)
		return;
	optee_supp_release(&optee->supp, ctx);
	for (i = 0; i < cd->nsess; i++) {
		simple_msg(optee, OPTEE_MSG_CMD_CLOSE_SESSION, cd->sessions[i], 0);
		atomic_fetch_sub(&tee_stats.sessions, 1);
	}
	free(cd->sessions);
	pthread_mutex_destroy(&cd->lock);
	free(cd);
	ctx->data = NULL;
}
