/* SPDX-License-Identifier: BSD-2-Clause */
/* The OP-TEE backend's internal interface: instance state, channels, calls, RPC and the supplicant queue. */
#ifndef SOFTEE_OPTEE_PRIVATE_H
#define SOFTEE_OPTEE_PRIVATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "optee_msg.h"
#include "optee_rpc_cmd.h"
#include "optee_smc.h"
#include "tee_drv.h"

/* GP results produced by the driver itself (GP boundary values). */
#define OPTEE_TEEC_SUCCESS		0x00000000U
#define OPTEE_TEEC_ERROR_GENERIC	0xFFFF0000U
#define OPTEE_TEEC_ERROR_BAD_PARAMETERS	0xFFFF0006U
#define OPTEE_TEEC_ERROR_ITEM_NOT_FOUND	0xFFFF0008U
#define OPTEE_TEEC_ERROR_NOT_IMPLEMENTED 0xFFFF0009U
#define OPTEE_TEEC_ERROR_OUT_OF_MEMORY	0xFFFF000CU
#define OPTEE_TEEC_ERROR_COMMUNICATION	0xFFFF000EU
#define OPTEE_TEEC_ERROR_TIMEOUT	0xFFFF3001U
#define OPTEE_TEEC_ORIGIN_COMMS		0x00000002U

/* smc_chan.c: the pool of SMC channels ("CPUs"). */
struct optee_chan_pool;

int optee_chan_pool_open(const char *sock_path, uint64_t boot_id,
			 unsigned int max_chans, struct optee_chan_pool **out);
void optee_chan_pool_close(struct optee_chan_pool *cp);
/* One SMC round trip on any free channel. 0 or -errno (transport). */
int optee_smc(struct optee_chan_pool *cp, const uint32_t in[8],
	      uint32_t out[8]);
/* tee_region_ops over the channel pool (arg = the pool). */
extern const struct tee_region_ops optee_region_ops;
int optee_region_add_extents(struct optee_chan_pool *cp, int fd,
			     uint64_t nframes, paddr_t pa,
			     uint64_t *region_id);

/* call.c: the call queue for ETHREAD_LIMIT. */
struct optee_call_queue {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	uint64_t returns;	/* bumped whenever a call leaves secure world */
};

/* rpc.c: wait queue keys (WAIT_QUEUE / NOTIFICATION). */
struct optee_wq_entry {
	uint64_t key;
	uint32_t pending;	/* wakeups not yet consumed */
	uint32_t waiters;
	struct optee_wq_entry *next;
};

struct optee_wait_queue {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct optee_wq_entry *head;
	unsigned int n;
};

/* supp.c: requests waiting for (or being served by) the supplicant. */
struct optee_supp_req {
	uint32_t id;
	uint32_t func;
	uint32_t ret;
	uint32_t num_params;
	struct tee_param *params;	/* the requester's array, updated on send */
	bool taken;		/* handed to the supplicant */
	bool done;
	struct optee_supp_req *next;
};

struct optee_supp {
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* any state change */
	struct tee_context *ctx;	/* the one supplicant, or NULL */
	struct optee_supp_req *head;	/* every live request */
	uint32_t next_id;
	bool stopping;
};

struct optee {
	struct tee_device *teedev;	/* tee0 */
	struct tee_device *supp_teedev;	/* teepriv0 */
	struct optee_chan_pool *chans;
	struct tee_shm_pool *priv_pool;
	struct tee_shm_pool *user_pool;
	void *priv_map;
	uint64_t priv_size;
	uint64_t priv_region;
	paddr_t carve_base;
	uint64_t carve_size;
	uint32_t sec_caps;
	uint64_t page_size;
	bool dynamic;			/* DYNAMIC_SHM pools in use */
	struct tee_frames *frames;	/* DDR frame allocator (dynamic) */
	struct tee_limits limits;
	struct optee_call_queue cq;
	struct optee_wait_queue wq;
	struct optee_supp supp;
	/* Cookies the secure world holds (RPC ALLOC and SHM_ALLOC). */
	pthread_mutex_t rpc_lock;
	struct optee_rpc_shm *rpc_shms;
};

struct optee_rpc_shm {
	uint64_t cookie;
	struct tee_shm *shm;	/* one reference held for the secure world */
	struct tee_shm *plist;	/* NONCONTIG page list sent for it, or NULL */
	bool appl;		/* allocated through the supplicant */
	struct optee_rpc_shm *next;
};

/* Per-context state: sessions and calls in flight (for teardown). */
struct optee_call_rec {
	uint32_t session;
	uint32_t cancel_id;
	struct optee_call_rec *next;
};

struct optee_ctx_data {
	pthread_mutex_t lock;
	uint32_t *sessions;
	size_t nsess, cap;
	struct optee_call_rec *calls;
};

/* core.c */
struct optee_config {
	const char *run_dir;
	uint64_t page_size;
	uint64_t priv_size;	/* 0: default */
	bool contiguous_pa;
	uint64_t quota_pinned;	/* per context; 0: default */
	uint64_t quota_total;	/* 0: default */
	uint64_t max_regs;	/* per context; 0: default */
	uint64_t max_reg_bytes;	/* 0: default */
};
int optee_probe(const struct optee_config *cfg, struct optee **out,
		char *why, size_t why_len);
void optee_remove(struct optee *optee);
void optee_status(struct optee *optee, FILE *out);
extern const struct tee_driver_ops optee_ops;
extern const struct tee_driver_ops optee_supp_ops;

/* call.c */
int optee_do_call_with_arg(struct optee *optee, struct tee_shm *arg_shm);
/* REGISTER_SHM / UNREGISTER_SHM (tee0 only; teepriv0 never registers). */
int optee_shm_register(struct tee_context *ctx, struct tee_shm *shm);
int optee_shm_unregister(struct tee_context *ctx, struct tee_shm *shm);
/*
 * A page list for [page_off, page_off + size) of shm's frames, in a new
 * private shm; *buf_ptr = its PA | (page_off & 0xfff).
 */
int optee_pagelist_make(struct optee *optee, const struct tee_shm *shm,
			uint64_t page_off, uint64_t size,
			struct tee_shm **list, uint64_t *buf_ptr);
int optee_open_session(struct tee_context *ctx,
		       struct tee_ioctl_open_session_arg *arg,
		       struct tee_param *params);
int optee_close_session(struct tee_context *ctx, uint32_t session);
int optee_invoke(struct tee_context *ctx, struct tee_ioctl_invoke_arg *arg,
		 struct tee_param *params);
int optee_cancel(struct tee_context *ctx, uint32_t cancel_id,
		 uint32_t session);
int optee_ctx_open(struct tee_context *ctx);
void optee_ctx_release(struct tee_context *ctx);
void optee_ctx_kill(struct tee_context *ctx);
void optee_cq_init(struct optee_call_queue *cq);
void optee_cq_fini(struct optee_call_queue *cq);

/* rpc.c */
/* Serve one RPC in regs (from secure world); fill regs for RETURN_FROM_RPC. */
void optee_handle_rpc(struct optee *optee, uint32_t regs[8]);
/* Pure validator for an RPC arg copied out of shm (fuzzed). */
int optee_rpc_arg_check(const void *buf, uint64_t buf_size,
			struct optee_msg_arg *hdr);
void optee_wq_init(struct optee_wait_queue *wq);
void optee_wq_fini(struct optee_wait_queue *wq);
void optee_rpc_shms_free(struct optee *optee);

/* supp.c */
void optee_supp_init(struct optee_supp *supp);
void optee_supp_fini(struct optee_supp *supp);
/* A request from secure world: blocks until served; returns a TEEC result. */
uint32_t optee_supp_thrd_req(struct optee *optee, uint32_t func,
			     uint32_t num_params, struct tee_param *params);
int optee_supp_recv(struct tee_context *ctx, uint32_t *func,
		    uint32_t *num_params, struct tee_param *params);
int optee_supp_send(struct tee_context *ctx, uint32_t ret,
		    uint32_t num_params, struct tee_param *params);
int optee_supp_open(struct optee_supp *supp, struct tee_context *ctx);
void optee_supp_release(struct optee_supp *supp, struct tee_context *ctx);
bool optee_supp_connected(struct optee_supp *supp);
/* The current supplicant context with a reference, or NULL. */
struct tee_context *optee_supp_get_ctx(struct optee_supp *supp);

static inline struct optee *optee_of(struct tee_context *ctx)
{
	return ctx->teedev->drvdata;
}

#endif /* SOFTEE_OPTEE_PRIVATE_H */
