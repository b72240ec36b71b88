/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fixed pool of secure threads. A yielding call takes a free thread;
 * an RPC suspends it and hands the registers back to the calling channel;
 * RETURN_FROM_RPC (from any channel) resumes it.
 */
#ifndef SOFTEE_SECURE_THREAD_H
#define SOFTEE_SECURE_THREAD_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "softee_mem.h"

/* EXITING: left (return or RPC) but the caller has not taken the exit. */
enum sw_thread_state { THR_FREE, THR_RUNNING, THR_EXITING, THR_SUSPENDED };

/*
 * Where a thread delivers its next exit (return or RPC request) itself,
 * so the channel that entered it need not wait and be woken. fn is called
 * exactly once per exit, without locks held, after the thread's state is
 * FREE or SUSPENDED.
 */
struct thread_sink {
	void (*fn)(void *ctx, uint32_t tag, const uint32_t out[8]);
	void *ctx;
	uint32_t tag;
};

struct sw_thread {
	uint32_t id;
	pthread_t pt;
	enum sw_thread_state state;
	enum sw_thread_state after_exit;	/* FREE or SUSPENDED */
	pthread_cond_t cv_run;
	pthread_cond_t cv_exit;
	bool run_posted, exit_posted;
	bool aborted;		/* its normal world went away */
	struct thread_sink sink;	/* fn NULL: a waiter takes the exit */
	uint32_t in[8], out[8];
	uint32_t vm_id;
	/* RPC argument buffer held for the rest of the call (rpc.c). */
	bool rpc_have;
	paddr_t rpc_pa;
	uint64_t rpc_cookie;
};

/* Runs a yielding call on a secure thread: in -> out registers. */
typedef void (*thread_entry_fn)(struct sw_thread *t, const uint32_t in[8],
				uint32_t out[8]);

int thread_init(unsigned int n, thread_entry_fn fn);
/* CALL_WITH_ARG: out = result or RPC request; ETHREAD_LIMIT if none free. */
void thread_std_call(const uint32_t in[8], uint32_t out[8], uint32_t vm_id);
/* RETURN_FROM_RPC: thread id in in[3]; ERESUME if not suspended. */
void thread_resume(const uint32_t in[8], uint32_t out[8], uint32_t vm_id);
/*
 * From a secure thread: leave to the normal world with regs (a3 is set to
 * the thread id) and come back with the reply in regs. -ECONNRESET if the
 * normal world went away.
 */
int thread_rpc(struct sw_thread *t, uint32_t regs[8]);
/*
 * For the calling (channel) thread: while set, a std call or resume that
 * reaches a secure thread returns at once and the exit goes to sink;
 * thread_sink_taken() then says so (and clears it). NULL: wait as usual.
 */
void thread_set_sink(const struct thread_sink *sink);
bool thread_sink_taken(void);
/* Unwind every thread of a VM suspended in an RPC. */
void thread_abort_vm(uint32_t vm_id);

/* Threads not FREE that run (or are suspended in) a call of vm_id. */
unsigned int thread_vm_busy(uint32_t vm_id);

void thread_stats(unsigned int *total, unsigned int *busy,
		  uint64_t *ethread_limit);

#endif
