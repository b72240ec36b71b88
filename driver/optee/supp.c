// SPDX-License-Identifier: BSD-2-Clause
/* The supplicant queue: requests from the secure world that tee-supplicant serves, with request ids. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "optee_private.h"

/* How long a request waits for a supplicant to show up. */
#define OPTEE_SUPP_ABSENT_TIMEOUT_S	10

void optee_supp_init(struct optee_supp *supp)
{
	pthread_condattr_t ca;

	memset(supp, 0, sizeof(*supp));
	pthread_mutex_init(&supp->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&supp->cond, &ca);
	pthread_condattr_destroy(&ca);
	supp->next_id = 1;
}

void optee_supp_fini(struct optee_supp *supp)
{
	pthread_mutex_lock(&supp->lock);
	supp->stopping = true;
	pthread_cond_broadcast(&supp->cond);
	pthread_mutex_unlock(&supp->lock);
}

bool optee_supp_connected(struct optee_supp *supp)
{
	bool r;

	pthread_mutex_lock(&supp->lock);
	r = supp->ctx != NULL;
	pthread_mutex_unlock(&supp->lock);
	return r;
}

struct tee_context *optee_supp_get_ctx(struct optee_supp *supp)
{
	struct tee_context *ctx;

	pthread_mutex_lock(&supp->lock);
	ctx = supp->ctx;
	if (ctx)
		tee_ctx_get(ctx);
	pthread_mutex_unlock(&supp->lock);
	return ctx;
}

int optee_supp_open(struct optee_supp *supp, struct tee_context *ctx)
{
	int rc = 0;

	struct timespec dl;

	/*
	 * Closing /dev/teepriv0 is synchronous in Linux; here the old
	 * supplicant's connection is torn down by another thread, so a
	 * restarted supplicant gets a moment for that to finish.
	 */
	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_sec += 2;
	pthread_mutex_lock(&supp->lock);
	while (supp->ctx && !supp->stopping &&
	       pthread_cond_timedwait(&supp->cond, &supp->lock, &dl) != ETIMEDOUT)
		;
	if (supp->ctx)
		rc = -EBUSY;
	else
		supp->ctx = ctx;
	pthread_cond_broadcast(&supp->cond);
	pthread_mutex_unlock(&supp->lock);
	if (!rc)
		IMSG_LOG("supplicant connected (pid %d)", (int)ctx->pid);
	return rc;
}

void optee_supp_release(struct optee_supp *supp, struct tee_context *ctx)
{
	struct optee_supp_req *r;

	pthread_mutex_lock(&supp->lock);
	if (supp->ctx != ctx) {
		pthread_mutex_unlock(&supp->lock);
		return;
	}
	supp->ctx = NULL;
	/* What it had taken will never be answered; the rest waits. */
	for (r = supp->head; r; r = r->next) {
		if (r->taken && !r->done) {
			r->ret = OPTEE_TEEC_ERROR_COMMUNICATION;
			r->done = true;
		}
	}
	pthread_cond_broadcast(&supp->cond);
	pthread_mutex_unlock(&supp->lock);
	IMSG_LOG("supplicant disconnected");
}

static void supp_unlink(struct optee_supp *supp, struct optee_supp_req *req)
{
	struct optee_supp_req **pp;

	for (pp = &supp->head; *pp; pp = &(*pp)->next) {
		if (*pp == req) {
			*pp = req->next;
			return;
		}
	}
}

static void deadline_in(struct timespec *ts, unsigned int s)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += s;
}

#ifdef SOFTEE_FUZZING
/*
 * Fuzzing only: a harness that plays the supplicant in this thread,
 * called with each new request queued, so no request ever waits.
 */
void (*optee_supp_fuzz_serve)(struct optee *optee);
#endif

uint32_t optee_supp_thrd_req(struct optee *optee, uint32_t func,
			     uint32_t num_params, struct tee_param *params)
{
	struct optee_supp *supp = &optee->supp;
	struct optee_supp_req *req;
	struct timespec dl;
	bool absent = false;
	uint32_t ret;

	if (num_params > OPTEE_RPC_NUM_PARAMS)
		return OPTEE_TEEC_ERROR_BAD_PARAMETERS;
	req = calloc(1, sizeof(*req));
	if (!req)
		return OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
	req->func = func;
	req->num_params = num_params;
	req->params = params;
	atomic_fetch_add(&tee_stats.supp_reqs, 1);

	pthread_mutex_lock(&supp->lock);
	if (++supp->next_id == 0)
		supp->next_id = 1;
	req->id = supp->next_id;
	req->next = supp->head;
	supp->head = req;
	pthread_cond_broadcast(&supp->cond);
#ifdef SOFTEE_FUZZING
	if (optee_supp_fuzz_serve) {
		pthread_mutex_unlock(&supp->lock);
		optee_supp_fuzz_serve(optee);
		pthread_mutex_lock(&supp->lock);
	}
#endif
	while (!req->done) {
		if (supp->stopping) {
			req->ret = OPTEE_TEEC_ERROR_COMMUNICATION;
			break;
		}
		if (!req->taken && !supp->ctx) {
			/* Bounded wait for a (re)starting supplicant. */
			if (!absent) {
				absent = true;
				deadline_in(&dl, OPTEE_SUPP_ABSENT_TIMEOUT_S);
			}
			if (pthread_cond_timedwait(&supp->cond, &supp->lock,
						   &dl) == ETIMEDOUT &&
			    !supp->ctx && !req->taken) {
				WMSG("no supplicant for request func %u", func);
				req->ret = OPTEE_TEEC_ERROR_COMMUNICATION;
				break;
			}
			continue;
		}
		absent = false;
		pthread_cond_wait(&supp->cond, &supp->lock);
	}
	supp_unlink(supp, req);
	ret = req->ret;
	pthread_mutex_unlock(&supp->lock);
	free(req);
	return ret;
}

int optee_supp_recv(struct tee_context *ctx, uint32_t *func,
		    uint32_t *num_params, struct tee_param *params)
{
	struct optee_supp *supp = &optee_of(ctx)->supp;
	struct optee_supp_req *req = NULL, *r;
	uint32_t cap = *num_params, meta, i;

	/* A leading META param announces the request-id protocol. */
	meta = (cap >= 1 && (params[0].attr & TEE_IOCTL_PARAM_ATTR_META)) ? 1 : 0;
	pthread_mutex_lock(&supp->lock);
	for (;;) {
		if (supp->ctx != ctx || atomic_load(&ctx->dead) ||
		    supp->stopping) {
			pthread_mutex_unlock(&supp->lock);
			return -EINTR;
		}
		if (!meta) {
			/* Without ids only one request may be outstanding. */
			for (r = supp->head; r; r = r->next)
				if (r->taken && !r->done)
					break;
			if (r)
				goto wait;
		}
		/* Oldest untaken request: the list is newest first. */
		for (r = supp->head; r; r = r->next)
			if (!r->taken && !r->done)
				req = r;
		if (req)
			break;
wait:
		pthread_cond_wait(&supp->cond, &supp->lock);
	}
	if (cap < req->num_params + meta) {
		pthread_mutex_unlock(&supp->lock);
		return -EINVAL;
	}
	*func = req->func;
	if (meta) {
		memset(&params[0], 0, sizeof(params[0]));
		params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT |
				 TEE_IOCTL_PARAM_ATTR_META;
		params[0].u.value.a = req->id;
	}
	for (i = 0; i < req->num_params; i++)
		params[i + meta] = req->params[i];
	*num_params = req->num_params + meta;
	req->taken = true;
	pthread_mutex_unlock(&supp->lock);
	return 0;
}

int optee_supp_send(struct tee_context *ctx, uint32_t ret,
		    uint32_t num_params, struct tee_param *params)
{
	struct optee_supp *supp = &optee_of(ctx)->supp;
	struct optee_supp_req *req = NULL, *r;
	uint32_t meta = 0, i;

	pthread_mutex_lock(&supp->lock);
	if (supp->ctx != ctx) {
		pthread_mutex_unlock(&supp->lock);
		return -EINVAL;
	}
	if (num_params >= 1 && (params[0].attr & TEE_IOCTL_PARAM_ATTR_META)) {
		meta = 1;
		for (r = supp->head; r; r = r->next)
			if (r->taken && !r->done &&
			    r->id == params[0].u.value.a)
				req = r;
	} else {
		for (r = supp->head; r; r = r->next) {
			if (r->taken && !r->done) {
				if (req) {	/* ambiguous without an id */
					req = NULL;
					break;
				}
				req = r;
			}
		}
	}
	if (!req || num_params != req->num_params + meta) {
		pthread_mutex_unlock(&supp->lock);
		return -EINVAL;
	}
	for (i = 0; i < req->num_params; i++) {
		struct tee_param *p = &req->params[i];
		const struct tee_param_value *v = &params[i + meta].u.value;

		switch (p->attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT:
			p->u.value = *v;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
			p->u.memref.size = v->b;
			break;
		default:
			break;
		}
	}
	req->ret = ret;
	req->done = true;
	pthread_cond_broadcast(&supp->cond);
	pthread_mutex_unlock(&supp->lock);
	return 0;
}
