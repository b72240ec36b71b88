/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-guest limits, so that no guest can starve the others: calls in the
 * secure world at once (beyond it: ETHREAD_LIMIT, and the guest's driver
 * waits as for a busy secure world), registered buffers, and guest
 * memory mapped into the host (pinned frames).
 */
#include <errno.h>
#include <stdlib.h>

#include "hyp.h"

struct hyp_reg {
	struct hyp_reg *next;
	uint64_t cookie;
};

unsigned int quota_max_calls(void)
{
	unsigned int n;

	if (hyp_cfg.max_calls)
		return hyp_cfg.max_calls;
	/* A fair share of the secure threads, at least one. */
	n = hyp_cfg.slots ? hyp_cfg.sec_threads / hyp_cfg.slots : 1;
	return n ? n : 1;
}

bool quota_call_get(struct hyp_vm *vm)
{
	bool ok;

	pthread_mutex_lock(&vm->lock);
	ok = vm->n_calls < quota_max_calls();
	if (ok) {
		vm->n_calls++;
		if (vm->n_calls > vm->st.calls_max_seen)
			vm->st.calls_max_seen = vm->n_calls;
	}
	pthread_mutex_unlock(&vm->lock);
	return ok;
}

void quota_call_put(struct hyp_vm *vm)
{
	pthread_mutex_lock(&vm->lock);
	if (vm->n_calls)
		vm->n_calls--;
	pthread_mutex_unlock(&vm->lock);
}

bool quota_reg_reserve(struct hyp_vm *vm)
{
	bool ok;

	pthread_mutex_lock(&vm->lock);
	ok = vm->n_regs + vm->n_regs_pending < hyp_cfg.max_regs;
	if (ok)
		vm->n_regs_pending++;
	pthread_mutex_unlock(&vm->lock);
	return ok;
}

void quota_reg_done(struct hyp_vm *vm, uint64_t cookie, bool ok)
{
	struct hyp_reg *r = ok ? calloc(1, sizeof(*r)) : NULL;

	pthread_mutex_lock(&vm->lock);
	vm->n_regs_pending--;
	/*
	 * Without memory for the record the registration still counts
	 * (conservatively) until the VM goes; it is just not findable.
	 */
	if (ok) {
		vm->n_regs++;
		if (r) {
			r->cookie = cookie;
			r->next = vm->regs;
			vm->regs = r;
		}
	}
	pthread_mutex_unlock(&vm->lock);
}

void quota_reg_drop(struct hyp_vm *vm, uint64_t cookie)
{
	struct hyp_reg **pp, *r = NULL;

	pthread_mutex_lock(&vm->lock);
	for (pp = &vm->regs; *pp; pp = &(*pp)->next) {
		if ((*pp)->cookie == cookie) {
			r = *pp;
			*pp = r->next;
			vm->n_regs--;
			break;
		}
	}
	pthread_mutex_unlock(&vm->lock);
	free(r);
}

void quota_regs_free(struct hyp_vm *vm)
{
	while (vm->regs) {
		struct hyp_reg *r = vm->regs;

		vm->regs = r->next;
		free(r);
	}
	vm->n_regs = vm->n_regs_pending = 0;
}

uint64_t quota_pinned_frames(void)
{
	return hyp_cfg.quota_pinned / SOFTEE_FRAME_SIZE;
}
