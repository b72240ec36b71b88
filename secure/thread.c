/* SPDX-License-Identifier: BSD-2-Clause */
/* The secure thread pool: real pthreads handed calls by channel threads. */
#include "thread.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "optee_smc.h"
#include "vm.h"

static struct {
	pthread_mutex_t lock;
	struct sw_thread *t;
	unsigned int n;
	thread_entry_fn fn;
	uint64_t ethread_limit;
} thr = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* The calling channel thread's sink, and whether a call took it. */
static __thread const struct thread_sink *thr_tls_sink;
static __thread bool thr_tls_taken;

void thread_set_sink(const struct thread_sink *sink)
{
	thr_tls_sink = sink;
	if (sink)
		thr_tls_taken = false;
}

bool thread_sink_taken(void)
{
	bool taken = thr_tls_taken;

	thr_tls_taken = false;
	return taken;
}

/*
 * t has left with t->out. With a sink the new state is set first (so the
 * normal world's next SMC finds it) and the exit is sent unlocked; else
 * it is posted for the waiting caller. Locked on entry and on return.
 */
static void thread_post_exit(struct sw_thread *t,
			     enum sw_thread_state after)
{
	struct thread_sink sink = t->sink;
	uint32_t out[8];

	if (!sink.fn) {
		t->state = THR_EXITING;
		t->after_exit = after;
		t->exit_posted = true;
		pthread_cond_broadcast(&t->cv_exit);
		return;
	}
	t->sink.fn = NULL;
	t->state = after;
	memcpy(out, t->out, sizeof(out));
	pthread_mutex_unlock(&thr.lock);
	sink.fn(sink.ctx, sink.tag, out);
	pthread_mutex_lock(&thr.lock);
}

/* Wait for t's next exit (return or RPC) and copy its registers. Locked. */
static void thread_wait_exit(struct sw_thread *t, uint32_t out[8])
{
	while (!t->exit_posted)
		pthread_cond_wait(&t->cv_exit, &thr.lock);
	t->exit_posted = false;
	/* Only now may another call or resume take the thread. */
	t->state = t->after_exit;
	pthread_cond_broadcast(&t->cv_exit);
	if (out)
		memcpy(out, t->out, sizeof(t->out));
}

static void *thread_main(void *arg)
{
	struct sw_thread *t = arg;
	uint32_t in[8], out[8], vm_id;
	bool aborted;

	pthread_mutex_lock(&thr.lock);
	for (;;) {
		while (!t->run_posted)
			pthread_cond_wait(&t->cv_run, &thr.lock);
		t->run_posted = false;
		memcpy(in, t->in, sizeof(in));
		pthread_mutex_unlock(&thr.lock);

		memset(out, 0, sizeof(out));
		thr.fn(t, in, out);

		pthread_mutex_lock(&thr.lock);
		memcpy(t->out, out, sizeof(out));
		aborted = t->aborted;
		vm_id = t->vm_id;
		thread_post_exit(t, THR_FREE);
		if (aborted) {
			/* Its VM is gone: let it sweep what this call left. */
			pthread_mutex_unlock(&thr.lock);
			vm_thread_done(vm_id);
			pthread_mutex_lock(&thr.lock);
		}
	}
	return NULL;
}

int thread_init(unsigned int n, thread_entry_fn fn)
{
	pthread_attr_t attr;

	thr.t = calloc(n, sizeof(*thr.t));
	if (!thr.t)
		return -ENOMEM;
	thr.n = n;
	thr.fn = fn;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (unsigned int i = 0; i < n; i++) {
		struct sw_thread *t = &thr.t[i];

		t->id = i;
		pthread_cond_init(&t->cv_run, NULL);
		pthread_cond_init(&t->cv_exit, NULL);
		if (pthread_create(&t->pt, &attr, thread_main, t)) {
			pthread_attr_destroy(&attr);
			return -EAGAIN;
		}
	}
	pthread_attr_destroy(&attr);
	return 0;
}

/* Run t (locked, now RUNNING) on in; its exit goes to the sink or out. */
static void thread_enter(struct sw_thread *t, const uint32_t in[8],
			 uint32_t out[8])
{
	memcpy(t->in, in, sizeof(t->in));
	if (thr_tls_sink) {
		t->sink = *thr_tls_sink;
		thr_tls_taken = true;
	} else {
		t->sink.fn = NULL;
	}
	t->run_posted = true;
	pthread_cond_signal(&t->cv_run);
	if (!t->sink.fn)
		thread_wait_exit(t, out);
}

static void thread_answer(uint32_t out[8], uint32_t a0)
{
	memset(out, 0, 8 * sizeof(uint32_t));
	out[0] = a0;
}

void thread_std_call(const uint32_t in[8], uint32_t out[8], uint32_t vm_id)
{
	struct sw_thread *t = NULL;

	pthread_mutex_lock(&thr.lock);
	for (unsigned int i = 0; i < thr.n; i++) {
		if (thr.t[i].state == THR_FREE) {
			t = &thr.t[i];
			break;
		}
	}
	if (!t) {
		thr.ethread_limit++;
		pthread_mutex_unlock(&thr.lock);
		thread_answer(out, OPTEE_SMC_RETURN_ETHREAD_LIMIT);
		return;
	}
	t->state = THR_RUNNING;
	t->vm_id = vm_id;
	t->aborted = false;
	thread_enter(t, in, out);
	pthread_mutex_unlock(&thr.lock);
}

void thread_resume(const uint32_t in[8], uint32_t out[8], uint32_t vm_id)
{
	uint32_t id = in[3];
	struct sw_thread *t;

	pthread_mutex_lock(&thr.lock);
	if (id >= thr.n || thr.t[id].state != THR_SUSPENDED ||
	    thr.t[id].vm_id != vm_id) {
		pthread_mutex_unlock(&thr.lock);
		thread_answer(out, OPTEE_SMC_RETURN_ERESUME);
		return;
	}
	t = &thr.t[id];
	t->state = THR_RUNNING;
	thread_enter(t, in, out);
	pthread_mutex_unlock(&thr.lock);
}

int thread_rpc(struct sw_thread *t, uint32_t regs[8])
{
	int ret = 0;

	pthread_mutex_lock(&thr.lock);
	if (t->aborted) {
		pthread_mutex_unlock(&thr.lock);
		return -ECONNRESET;
	}
	regs[3] = t->id;
	memcpy(t->out, regs, sizeof(t->out));
	thread_post_exit(t, THR_SUSPENDED);
	while (!t->run_posted)
		pthread_cond_wait(&t->cv_run, &thr.lock);
	t->run_posted = false;
	memcpy(regs, t->in, sizeof(t->in));
	if (t->aborted)
		ret = -ECONNRESET;
	pthread_mutex_unlock(&thr.lock);
	return ret;
}

void thread_abort_vm(uint32_t vm_id)
{
	pthread_mutex_lock(&thr.lock);
	for (unsigned int i = 0; i < thr.n; i++) {
		struct sw_thread *t = &thr.t[i];

		if (t->state == THR_FREE || t->vm_id != vm_id)
			continue;
		t->aborted = true;
		/* Resume suspended ones ourselves until they finish. */
		for (;;) {
			if (t->state == THR_EXITING) {
				/* Its caller has yet to take the exit. */
				pthread_cond_wait(&t->cv_exit, &thr.lock);
				continue;
			}
			if (t->state != THR_SUSPENDED)
				break;
			t->state = THR_RUNNING;
			memset(t->in, 0, sizeof(t->in));
			t->sink.fn = NULL;	/* we take its exits ourselves */
			t->run_posted = true;
			pthread_cond_signal(&t->cv_run);
			thread_wait_exit(t, NULL);
		}
	}
	pthread_mutex_unlock(&thr.lock);
}

unsigned int thread_vm_busy(uint32_t vm_id)
{
	unsigned int b = 0;

	pthread_mutex_lock(&thr.lock);
	for (unsigned int i = 0; i < thr.n; i++)
		b += thr.t[i].state != THR_FREE && thr.t[i].vm_id == vm_id;
	pthread_mutex_unlock(&thr.lock);
	return b;
}

void thread_stats(unsigned int *total, unsigned int *busy,
		  uint64_t *ethread_limit)
{
	unsigned int b = 0;

	pthread_mutex_lock(&thr.lock);
	for (unsigned int i = 0; i < thr.n; i++)
		b += thr.t[i].state != THR_FREE;
	*total = thr.n;
	*busy = b;
	*ethread_limit = thr.ethread_limit;
	pthread_mutex_unlock(&thr.lock);
}
