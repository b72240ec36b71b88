/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * softee-hyp: a hypervisor's OP-TEE mediator. Drivers connect to it as
 * guests exactly as they would to the secure world (softee_chan.h); it
 * speaks to the secure world as the hypervisor (role HYP), naming each
 * guest by its VM id in a7. See docs/virtualization.md.
 */
#ifndef SOFTEE_HYP_H
#define SOFTEE_HYP_H

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ipa_map.h"
#include "optee_msg.h"
#include "optee_rpc_cmd.h"
#include "scratch.h"
#include "softee_mem.h"
#include "upstream.h"

#define HYP_MAX_SLOTS		64
#define HYP_RPC_ARG_SIZE	OPTEE_MSG_GET_ARG_SIZE(OPTEE_RPC_NUM_PARAMS)

struct hyp_cfg {
	const char *run_dir;
	char secure_sock[PATH_MAX];
	unsigned int slots;		/* guest sockets vm1..vmN */
	unsigned int max_calls;		/* per VM; 0: threads / slots */
	uint64_t max_regs;		/* registered buffers per VM */
	uint64_t quota_pinned;		/* bytes of guest memory per VM */
	unsigned int max_chans;		/* channels per VM */
	unsigned int sec_threads;	/* the secure world's thread count */
};
extern struct hyp_cfg hyp_cfg;

/* Per-VM counters (under the VM's lock). */
struct hyp_vm_stats {
	uint64_t smcs, calls, rpcs, throttled, refused, bad_addr;
	uint64_t calls_max_seen;
};

struct hyp_call;
struct hyp_rpc_arg;
struct hyp_reg;

/* One guest (VM). Lives while a channel or the reaper holds it. */
struct hyp_vm {
	uint32_t id;
	unsigned int slot;		/* 1-based: the vm<slot> socket */
	uint64_t boot_id;
	pthread_mutex_t lock;		/* everything below but ipa/scratch */
	pthread_cond_t idle;		/* refs dropped */
	unsigned int refs;		/* channel threads + reaper */
	unsigned int n_chans;		/* channels still connected */
	bool dying;			/* no new work; the reaper runs */
	struct ipa_space ipa;		/* guest memory (own lock) */
	struct scratch scratch;		/* hyp frames of this VM (own lock) */
	struct hyp_call *calls;		/* in flight */
	unsigned int n_calls;
	struct hyp_rpc_arg *rpc_args;	/* shadowed RPC arg buffers */
	struct hyp_reg *regs;		/* registered cookies */
	uint64_t n_regs, n_regs_pending;
	struct hyp_vm_stats st;
};

/* guest.c: listeners, channels, VM lifetime. */
int guest_start(void);
void guest_stop(void);
/* Print every slot and VM for `status` (stat adds counters). */
void guest_status(FILE *out, bool stat);

/*
 * call.c: an SMC of a guest -> out registers. While the secure world
 * works on it, a hang-up of guest_fd is reported through gone(arg).
 * -errno (the secure world is unreachable) ends the channel.
 */
int hyp_guest_smc(struct hyp_vm *vm, int guest_fd, up_gone_fn gone,
		  void *arg, const uint32_t in[8], uint32_t out[8]);
/* VM dying: ask the secure world to cancel what its calls still run. */
void hyp_cancel_calls(struct hyp_vm *vm);
/* Free every call, RPC arg and registration record of a dead VM. */
void hyp_calls_free(struct hyp_vm *vm);

/* quota.c */
unsigned int quota_max_calls(void);
bool quota_call_get(struct hyp_vm *vm);
void quota_call_put(struct hyp_vm *vm);
/* REGISTER_SHM: reserve a registration slot; false: over quota. */
bool quota_reg_reserve(struct hyp_vm *vm);
/* End of a REGISTER_SHM: record cookie if ok, release the reservation. */
void quota_reg_done(struct hyp_vm *vm, uint64_t cookie, bool ok);
/* UNREGISTER_SHM succeeded. */
void quota_reg_drop(struct hyp_vm *vm, uint64_t cookie);
void quota_regs_free(struct hyp_vm *vm);
uint64_t quota_pinned_frames(void);

/* ctl.c */
void hyp_ctl_handler(const char *cmd, FILE *out, void *arg);

#endif
