// SPDX-License-Identifier: BSD-2-Clause
/* Requests from the secure world (RPC): memory, time, wait queues, and forwarding to the supplicant. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "optee_private.h"
#include "util.h"

#define OPTEE_WQ_MAX_ENTRIES	1024
#define OPTEE_SUSPEND_MAX_MS	60000

/* An RPC arg as the driver handles it: a private copy. */
struct optee_rpc_arg {
	uint64_t buf[OPTEE_MSG_GET_ARG_SIZE(OPTEE_RPC_NUM_PARAMS) / 8];
	struct optee_msg_arg *m;	/* = buf */
};

int optee_rpc_arg_check(const void *buf, uint64_t buf_size,
			struct optee_msg_arg *hdr)
{
	struct optee_msg_arg h;

	if (!buf || buf_size < sizeof(h))
		return -EINVAL;
	memcpy(&h, buf, sizeof(h));
	if (h.num_params > OPTEE_RPC_NUM_PARAMS ||
	    OPTEE_MSG_GET_ARG_SIZE(h.num_params) > buf_size)
		return -EINVAL;
	memcpy(hdr, &h, sizeof(h));
	memcpy(hdr->params, (const uint8_t *)buf + sizeof(h),
	       sizeof(struct optee_msg_param) * h.num_params);
	return 0;
}

/* Cookies handed to the secure world. */
static int rpc_shm_add(struct optee *optee, struct tee_shm *shm,
		       struct tee_shm *plist, bool appl)
{
	struct optee_rpc_shm *e = calloc(1, sizeof(*e));

	if (!e)
		return -ENOMEM;
	e->shm = shm;
	e->plist = plist;
	e->cookie = shm->cookie;
	e->appl = appl;
	pthread_mutex_lock(&optee->rpc_lock);
	e->next = optee->rpc_shms;
	optee->rpc_shms = e;
	pthread_mutex_unlock(&optee->rpc_lock);
	return 0;
}

/* Take the entry for cookie out of the table; NULL if unknown. */
static struct optee_rpc_shm *rpc_shm_take(struct optee *optee, uint64_t cookie)
{
	struct optee_rpc_shm **pp, *e = NULL;

	pthread_mutex_lock(&optee->rpc_lock);
	for (pp = &optee->rpc_shms; *pp; pp = &(*pp)->next) {
		if ((*pp)->cookie == cookie) {
			e = *pp;
			*pp = e->next;
			break;
		}
	}
	pthread_mutex_unlock(&optee->rpc_lock);
	return e;
}

/* Drop what an entry holds: the shm reference and its page list. */
static void rpc_shm_entry_free(struct optee_rpc_shm *e)
{
	tee_shm_free_priv(e->plist);
	tee_shm_put(e->shm);
	free(e);
}

/* A reference to the private shm behind cookie, for an RPC CMD. */
static struct tee_shm *rpc_shm_lookup(struct optee *optee, uint64_t cookie)
{
	struct optee_rpc_shm *e;
	struct tee_shm *shm = NULL;

	pthread_mutex_lock(&optee->rpc_lock);
	for (e = optee->rpc_shms; e; e = e->next) {
		if (e->cookie == cookie && !e->appl) {
			shm = e->shm;
			tee_shm_get(shm);
			break;
		}
	}
	pthread_mutex_unlock(&optee->rpc_lock);
	return shm;
}

void optee_rpc_shms_free(struct optee *optee)
{
	struct optee_rpc_shm *e;

	pthread_mutex_lock(&optee->rpc_lock);
	e = optee->rpc_shms;
	optee->rpc_shms = NULL;
	pthread_mutex_unlock(&optee->rpc_lock);
	while (e) {
		struct optee_rpc_shm *n = e->next;

		rpc_shm_entry_free(e);
		e = n;
	}
}

/* Wait queue keys: a wakeup before the sleep is remembered. */
void optee_wq_init(struct optee_wait_queue *wq)
{
	pthread_condattr_t ca;

	memset(wq, 0, sizeof(*wq));
	pthread_mutex_init(&wq->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&wq->cond, &ca);
	pthread_condattr_destroy(&ca);
}

void optee_wq_fini(struct optee_wait_queue *wq)
{
	struct optee_wq_entry *e = wq->head;

	while (e) {
		struct optee_wq_entry *n = e->next;

		free(e);
		e = n;
	}
	wq->head = NULL;
}

static struct optee_wq_entry *wq_entry(struct optee_wait_queue *wq,
				       uint64_t key)
{
	struct optee_wq_entry *e;

	for (e = wq->head; e; e = e->next)
		if (e->key == key)
			return e;
	if (wq->n >= OPTEE_WQ_MAX_ENTRIES)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->key = key;
	e->next = wq->head;
	wq->head = e;
	wq->n++;
	return e;
}

static void wq_entry_maybe_free(struct optee_wait_queue *wq,
				struct optee_wq_entry *e)
{
	struct optee_wq_entry **pp;

	if (e->pending || e->waiters)
		return;
	for (pp = &wq->head; *pp; pp = &(*pp)->next) {
		if (*pp == e) {
			*pp = e->next;
			wq->n--;
			free(e);
			return;
		}
	}
}

static uint32_t wq_sleep(struct optee_wait_queue *wq, uint64_t key,
			 uint64_t timeout_ms)
{
	struct optee_wq_entry *e;
	struct timespec dl;
	uint32_t ret = OPTEE_TEEC_SUCCESS;

	if (timeout_ms) {
		clock_gettime(CLOCK_MONOTONIC, &dl);
		if (timeout_ms > 3600ULL * 1000)
			timeout_ms = 3600ULL * 1000;
		dl.tv_sec += (time_t)(timeout_ms / 1000);
		dl.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (dl.tv_nsec >= 1000000000L) {
			dl.tv_sec++;
			dl.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&wq->lock);
	e = wq_entry(wq, key);
	if (!e) {
		pthread_mutex_unlock(&wq->lock);
		return OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
	}
	e->waiters++;
	while (!e->pending) {
		if (!timeout_ms) {
			pthread_cond_wait(&wq->cond, &wq->lock);
		} else if (pthread_cond_timedwait(&wq->cond, &wq->lock, &dl) ==
			   ETIMEDOUT && !e->pending) {
			ret = OPTEE_TEEC_ERROR_TIMEOUT;
			break;
		}
	}
	if (e->pending)
		e->pending--;
	e->waiters--;
	wq_entry_maybe_free(wq, e);
	pthread_mutex_unlock(&wq->lock);
	return ret;
}

static uint32_t wq_wakeup(struct optee_wait_queue *wq, uint64_t key)
{
	struct optee_wq_entry *e;

	pthread_mutex_lock(&wq->lock);
	e = wq_entry(wq, key);
	if (!e) {
		pthread_mutex_unlock(&wq->lock);
		return OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
	}
	/* Like a completion: one pending wakeup is enough. */
	e->pending = 1;
	pthread_cond_broadcast(&wq->cond);
	pthread_mutex_unlock(&wq->lock);
	return OPTEE_TEEC_SUCCESS;
}

static bool one_param(const struct optee_rpc_arg *a, uint64_t attr)
{
	return a->m->num_params == 1 && a->m->params[0].attr == attr;
}

static void rpc_get_time(struct optee_rpc_arg *a)
{
	struct timespec ts;

	if (!one_param(a, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT)) {
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	a->m->params[0].u.value.a = (uint64_t)ts.tv_sec;
	a->m->params[0].u.value.b = (uint64_t)ts.tv_nsec;
	a->m->ret = OPTEE_TEEC_SUCCESS;
}

static void rpc_wait_queue(struct optee *optee, struct optee_rpc_arg *a)
{
	const struct optee_msg_param_value *v = &a->m->params[0].u.value;

	if (!one_param(a, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT)) {
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
		return;
	}
	switch (v->a) {
	case OPTEE_RPC_WAIT_QUEUE_SLEEP:
		a->m->ret = wq_sleep(&optee->wq, v->b, v->c);
		break;
	case OPTEE_RPC_WAIT_QUEUE_WAKEUP:
		a->m->ret = wq_wakeup(&optee->wq, v->b);
		break;
	default:
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
	}
}

static void rpc_suspend(struct optee_rpc_arg *a)
{
	uint64_t ms;
	struct timespec ts;

	if (!one_param(a, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT)) {
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
		return;
	}
	ms = MIN(a->m->params[0].u.value.a, (uint64_t)OPTEE_SUSPEND_MAX_MS);
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
	a->m->ret = OPTEE_TEEC_SUCCESS;
}

static void set_tmem_out(struct optee_msg_param *p, const struct tee_shm *shm,
			 uint64_t size)
{
	memset(p, 0, sizeof(*p));
	p->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	p->u.tmem.buf_ptr = shm->pa;
	p->u.tmem.size = size;
	p->u.tmem.shm_ref = shm->cookie;
}

/*
 * Hand shm (size bytes from its data start) to the secure world: a
 * NONCONTIG page list when its frames are scattered, else a PA. The
 * list stays until SHM_FREE; *plist is NULL for a PA reply.
 */
static int rpc_reply_shm(struct optee *optee, struct optee_msg_param *p,
			 const struct tee_shm *shm, uint64_t size,
			 struct tee_shm **plist)
{
	uint64_t buf_ptr;
	int rc;

	*plist = NULL;
	if (!(shm->flags & TEE_SHM_DYNAMIC) ||
	    (shm->nframes == 1 && shm->page_off == 0)) {
		set_tmem_out(p, shm, size);
		return 0;
	}
	rc = optee_pagelist_make(optee, shm, shm->page_off, size, plist,
				 &buf_ptr);
	if (rc)
		return rc;
	memset(p, 0, sizeof(*p));
	p->attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	p->u.tmem.buf_ptr = buf_ptr;
	p->u.tmem.size = size;
	p->u.tmem.shm_ref = shm->cookie;
	return 0;
}

static void rpc_shm_alloc_appl(struct optee *optee, struct optee_rpc_arg *a,
			       uint64_t size)
{
	struct tee_param p = { .attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT };
	struct tee_context *sctx;
	struct tee_shm *shm = NULL, *plist;
	uint32_t ret;

	p.u.value.a = OPTEE_RPC_SHM_TYPE_APPL;
	p.u.value.b = size;
	ret = optee_supp_thrd_req(optee, OPTEE_RPC_CMD_SHM_ALLOC, 1, &p);
	if (ret != OPTEE_TEEC_SUCCESS) {
		a->m->ret = ret;
		return;
	}
	sctx = optee_supp_get_ctx(&optee->supp);
	if (sctx) {
		if (p.u.value.c <= INT32_MAX)
			shm = tee_shm_get_from_id(sctx, (int)p.u.value.c);
		tee_ctx_put(sctx);
	}
	if (!shm || shm->size < size) {
		WMSG("supplicant returned an unusable shm id %llu",
		     (unsigned long long)p.u.value.c);
		tee_shm_put(shm);
		a->m->ret = OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
		return;
	}
	if (rpc_reply_shm(optee, &a->m->params[0], shm, size, &plist)) {
		tee_shm_put(shm);
		a->m->ret = OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
		return;
	}
	if (rpc_shm_add(optee, shm, plist, true)) {
		tee_shm_free_priv(plist);
		tee_shm_put(shm);
		memset(&a->m->params[0], 0, sizeof(a->m->params[0]));
		a->m->ret = OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
		return;
	}
	a->m->ret = OPTEE_TEEC_SUCCESS;
}

static void rpc_shm_alloc(struct optee *optee, struct optee_rpc_arg *a)
{
	const struct optee_msg_param_value v = a->m->params[0].u.value;
	struct tee_shm *shm, *plist;
	uint64_t align;

	if (!one_param(a, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT) || !v.b) {
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
		return;
	}
	switch (v.a) {
	case OPTEE_RPC_SHM_TYPE_APPL:
		rpc_shm_alloc_appl(optee, a, v.b);
		return;
	case OPTEE_RPC_SHM_TYPE_KERNEL:
		align = v.c;
		if (!align || (align & (align - 1)) || align > SOFTEE_FRAME_SIZE)
			align = 8;
		if (tee_shm_alloc_priv(optee->priv_pool, v.b, align, &shm)) {
			a->m->ret = OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
			return;
		}
		/* Dynamic: more than one frame goes as a page list. */
		if (rpc_reply_shm(optee, &a->m->params[0], shm, v.b, &plist)) {
			tee_shm_free_priv(shm);
			a->m->ret = OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
			return;
		}
		if (rpc_shm_add(optee, shm, plist, false)) {
			tee_shm_free_priv(plist);
			tee_shm_free_priv(shm);
			memset(&a->m->params[0], 0, sizeof(a->m->params[0]));
			a->m->ret = OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
			return;
		}
		a->m->ret = OPTEE_TEEC_SUCCESS;
		return;
	default:
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
	}
}

static void rpc_shm_free(struct optee *optee, struct optee_rpc_arg *a)
{
	const struct optee_msg_param_value v = a->m->params[0].u.value;
	struct optee_rpc_shm *e;

	if (!one_param(a, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT) ||
	    (v.a != OPTEE_RPC_SHM_TYPE_APPL && v.a != OPTEE_RPC_SHM_TYPE_KERNEL)) {
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
		return;
	}
	e = rpc_shm_take(optee, v.b);
	if (!e) {
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
		return;
	}
	if (e->appl != (v.a == OPTEE_RPC_SHM_TYPE_APPL)) {
		/* Wrong type for this cookie: put it back untouched. */
		pthread_mutex_lock(&optee->rpc_lock);
		e->next = optee->rpc_shms;
		optee->rpc_shms = e;
		pthread_mutex_unlock(&optee->rpc_lock);
		a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
		return;
	}
	if (e->appl) {
		struct tee_param p = {
			.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT,
			.u.value = { .a = OPTEE_RPC_SHM_TYPE_APPL,
				     .b = (uint64_t)e->shm->id },
		};

		optee_supp_thrd_req(optee, OPTEE_RPC_CMD_SHM_FREE, 1, &p);
	}
	rpc_shm_entry_free(e);
	a->m->ret = OPTEE_TEEC_SUCCESS;
}

/*
 * An RMEM param of an RPC: the cookie must name a live shm of the
 * supplicant (the only ids it can use) and offs + size lie inside it.
 */
static struct tee_shm *rpc_rmem_shm(struct tee_context *sctx,
				    const struct optee_msg_param_rmem *rm)
{
	struct tee_shm *shm = tee_shm_get_from_cookie(rm->shm_ref);
	uint64_t end;

	if (!shm)
		return NULL;
	if (shm->ctx != sctx || !(shm->flags & TEE_SHM_USER) ||
	    ADD_OVERFLOW(rm->offs, rm->size, &end) || end > shm->size) {
		tee_shm_put(shm);
		return NULL;
	}
	return shm;
}

/* Any other command: the supplicant serves it, with memrefs as shm ids. */
static void rpc_forward(struct optee *optee, struct optee_rpc_arg *a)
{
	struct tee_param tp[OPTEE_RPC_NUM_PARAMS];
	struct tee_context *sctx = optee_supp_get_ctx(&optee->supp);
	uint32_t i, n = a->m->num_params;

	memset(tp, 0, sizeof(tp));
	a->m->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
	for (i = 0; i < n; i++) {
		const struct optee_msg_param *mp = &a->m->params[i];
		uint64_t t = mp->attr;

		switch (t) {
		case OPTEE_MSG_ATTR_TYPE_NONE:
			break;
		case OPTEE_MSG_ATTR_TYPE_VALUE_INPUT:
		case OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_VALUE_INOUT:
			tp[i].attr = t;
			tp[i].u.value.a = mp->u.value.a;
			tp[i].u.value.b = mp->u.value.b;
			tp[i].u.value.c = mp->u.value.c;
			break;
		case OPTEE_MSG_ATTR_TYPE_TMEM_INPUT:
		case OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_TMEM_INOUT:
			tp[i].attr = t - OPTEE_MSG_ATTR_TYPE_TMEM_INPUT +
				     TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
			tp[i].u.memref.size = mp->u.tmem.size;
			if (!mp->u.tmem.buf_ptr)
				break;	/* NULL memref: a size query */
			if (!sctx)
				goto out;
			tp[i].u.memref.shm = tee_shm_get_from_pa(sctx,
				mp->u.tmem.buf_ptr, mp->u.tmem.size,
				&tp[i].u.memref.offs);
			if (!tp[i].u.memref.shm)
				goto out;
			break;
		case OPTEE_MSG_ATTR_TYPE_RMEM_INPUT:
		case OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_RMEM_INOUT:
			tp[i].attr = t - OPTEE_MSG_ATTR_TYPE_RMEM_INPUT +
				     TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
			if (!sctx)
				goto out;
			tp[i].u.memref.shm = rpc_rmem_shm(sctx, &mp->u.rmem);
			if (!tp[i].u.memref.shm)
				goto out;
			tp[i].u.memref.offs = mp->u.rmem.offs;
			tp[i].u.memref.size = mp->u.rmem.size;
			break;
		default:
			goto out;
		}
	}
	a->m->ret = optee_supp_thrd_req(optee, a->m->cmd, n, tp);
	for (i = 0; i < n; i++) {
		struct optee_msg_param *mp = &a->m->params[i];

		switch (mp->attr) {
		case OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_VALUE_INOUT:
			mp->u.value.a = tp[i].u.value.a;
			mp->u.value.b = tp[i].u.value.b;
			mp->u.value.c = tp[i].u.value.c;
			break;
		case OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_TMEM_INOUT:
			mp->u.tmem.size = tp[i].u.memref.size;
			break;
		case OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_RMEM_INOUT:
			mp->u.rmem.size = tp[i].u.memref.size;
			break;
		default:
			break;
		}
	}
out:
	for (i = 0; i < n; i++)
		if (tee_param_is_memref(tp[i].attr))
			tee_shm_put(tp[i].u.memref.shm);
	if (sctx)
		tee_ctx_put(sctx);
}

static void rpc_cmd(struct optee *optee, uint64_t cookie)
{
	struct tee_shm *shm = rpc_shm_lookup(optee, cookie);
	struct optee_rpc_arg a;

	if (!shm) {
		WMSG("RPC CMD with unknown cookie 0x%llx",
		     (unsigned long long)cookie);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.m = (struct optee_msg_arg *)a.buf;
	if (optee_rpc_arg_check(shm->kaddr, shm->size, a.m)) {
		if (shm->size >= sizeof(struct optee_msg_arg)) {
			struct optee_msg_arg *ma = shm->kaddr;

			ma->ret = OPTEE_TEEC_ERROR_BAD_PARAMETERS;
		}
		tee_shm_put(shm);
		return;
	}
	a.m->ret_origin = OPTEE_TEEC_ORIGIN_COMMS;
	atomic_fetch_add(&tee_stats.rpcs, 1);
	switch (a.m->cmd) {
	case OPTEE_RPC_CMD_GET_TIME:
		rpc_get_time(&a);
		break;
	case OPTEE_RPC_CMD_WAIT_QUEUE:
		rpc_wait_queue(optee, &a);
		break;
	case OPTEE_RPC_CMD_SUSPEND:
		rpc_suspend(&a);
		break;
	case OPTEE_RPC_CMD_SHM_ALLOC:
		rpc_shm_alloc(optee, &a);
		break;
	case OPTEE_RPC_CMD_SHM_FREE:
		rpc_shm_free(optee, &a);
		break;
	default:
		rpc_forward(optee, &a);
		break;
	}
	/* Write back only what the secure world may read: ret and params. */
	{
		struct optee_msg_arg *ma = shm->kaddr;

		ma->ret = a.m->ret;
		ma->ret_origin = a.m->ret_origin;
		memcpy(ma->params, a.m->params,
		       sizeof(struct optee_msg_param) * a.m->num_params);
	}
	tee_shm_put(shm);
}

void optee_handle_rpc(struct optee *optee, uint32_t regs[8])
{
	uint32_t func = OPTEE_SMC_RETURN_GET_RPC_FUNC(regs[0]);
	struct optee_rpc_shm *e;
	struct tee_shm *shm;

	switch (func) {
	case OPTEE_SMC_RPC_FUNC_ALLOC:
		/* Dynamic: the reply names one frame, so one frame at most. */
		if ((!optee->dynamic || regs[1] <= SOFTEE_FRAME_SIZE) &&
		    !tee_shm_alloc_priv(optee->priv_pool, regs[1] ? regs[1] : 1,
					8, &shm)) {
			if (rpc_shm_add(optee, shm, NULL, false)) {
				tee_shm_free_priv(shm);
				shm = NULL;
			}
		} else {
			shm = NULL;
		}
		regs[1] = shm ? optee_smc_hi32(shm->pa) : 0;
		regs[2] = shm ? optee_smc_lo32(shm->pa) : 0;
		regs[4] = shm ? optee_smc_hi32(shm->cookie) : 0;
		regs[5] = shm ? optee_smc_lo32(shm->cookie) : 0;
		break;
	case OPTEE_SMC_RPC_FUNC_FREE:
		e = rpc_shm_take(optee, optee_smc_join(regs[1], regs[2]));
		if (e && !e->appl) {
			rpc_shm_entry_free(e);
		} else if (e) {
			pthread_mutex_lock(&optee->rpc_lock);
			e->next = optee->rpc_shms;
			optee->rpc_shms = e;
			pthread_mutex_unlock(&optee->rpc_lock);
		}
		break;
	case OPTEE_SMC_RPC_FUNC_FOREIGN_INTR:
		break;
	case OPTEE_SMC_RPC_FUNC_CMD:
		rpc_cmd(optee, optee_smc_join(regs[1], regs[2]));
		break;
	default:
		WMSG("unknown RPC function 0x%x", func);
		break;
	}
	/* a3 (thread id) and the other resume registers go back unchanged. */
	regs[0] = OPTEE_SMC_CALL_RETURN_FROM_RPC;
}
