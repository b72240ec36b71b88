/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TEE core's internal interface: devices, contexts, shm objects, pools
 * and the operations table a backend (OP-TEE) implements for the core.
 */
#ifndef SOFTEE_TEE_DRV_H
#define SOFTEE_TEE_DRV_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/tee.h>

#include "softee_mem.h"

struct tee_device;
struct tee_context;
struct tee_shm;
struct tee_shm_pool;

/* A parameter as the core hands it to a backend. */
struct tee_param_memref {
	struct tee_shm *shm;	/* NULL for a NULL memref */
	uint64_t offs;
	uint64_t size;
};

struct tee_param_value {
	uint64_t a, b, c;
};

struct tee_param {
	uint64_t attr;		/* TEE_IOCTL_PARAM_ATTR_* */
	union {
		struct tee_param_memref memref;
		struct tee_param_value value;
	} u;
};

static inline bool tee_param_is_memref(uint64_t attr)
{
	uint64_t t = attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK;

	return t >= TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT &&
	       t <= TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
}

/* Operations the core calls; a backend fills one table per device. */
struct tee_driver_ops {
	void (*get_version)(struct tee_device *teedev,
			    struct tee_ioctl_version_data *vers);
	int (*open)(struct tee_context *ctx);
	void (*release)(struct tee_context *ctx);
	int (*open_session)(struct tee_context *ctx,
			    struct tee_ioctl_open_session_arg *arg,
			    struct tee_param *params);
	int (*close_session)(struct tee_context *ctx, uint32_t session);
	int (*invoke)(struct tee_context *ctx, struct tee_ioctl_invoke_arg *arg,
		      struct tee_param *params);
	int (*cancel)(struct tee_context *ctx, uint32_t cancel_id,
		      uint32_t session);
	int (*supp_recv)(struct tee_context *ctx, uint32_t *func,
			 uint32_t *num_params, struct tee_param *params);
	int (*supp_send)(struct tee_context *ctx, uint32_t ret,
			 uint32_t num_params, struct tee_param *params);
	int (*shm_register)(struct tee_context *ctx, struct tee_shm *shm);
	int (*shm_unregister)(struct tee_context *ctx, struct tee_shm *shm);
	/* softee: the client is gone; cancel what it still runs (optional). */
	void (*kill)(struct tee_context *ctx);
};

#define TEE_DESC_PRIVILEGED	(1U << 0)

struct tee_desc {
	const char *name;
	const struct tee_driver_ops *ops;
	uint32_t flags;
};

/*
 * Limits on pinned (dynamic) memory, shared by a backend's devices. Every
 * registration and every dynamic allocation is charged to its context
 * and to the total; going over gives -ENOMEM.
 */
struct tee_limits {
	uint64_t page_size;		/* normal-world page size G */
	uint64_t max_reg_bytes;		/* largest single registration */
	uint64_t quota_pinned;		/* per context, bytes */
	uint64_t quota_total;		/* all contexts, bytes */
	uint64_t max_regs;		/* per context, registrations */
	bool dynamic;			/* REGISTER accepted (DYNAMIC_SHM) */
};

struct tee_device {
	const struct tee_desc *desc;
	void *drvdata;			/* the backend's instance */
	struct tee_shm_pool *pool;	/* user allocations (SHM_ALLOC) */
	struct tee_limits *limits;	/* NULL: static memory only */
};

/* Usage counters: per context and (cumulative) in total. */
struct tee_usage {
	atomic_ullong regs;		/* live registrations/dynamic allocs */
	atomic_ullong regs_total;	/* cumulative */
	atomic_ullong pinned;		/* live pinned bytes (4 KiB frames) */
	atomic_ullong pl_entries;	/* page-list entries written */
	atomic_ullong zero_copy;	/* RMEM memref bytes sent */
	/* Reported by the client (SOFTEE_DEV_OP_STATS), latest values. */
	atomic_ullong c_zero_copy, c_bounce, c_shadow, c_pinned;
};

struct tee_context {
	struct tee_device *teedev;
	void *data;			/* backend per-context data */
	atomic_int refcount;
	atomic_bool dead;		/* the client went away */
	bool cap_memref_null;
	uid_t uid;			/* SO_PEERCRED of the connection */
	gid_t gid;
	pid_t pid;
	uint64_t serial;		/* for logs */
	struct tee_usage usage;
	struct tee_context *next_live;	/* tee_core.c context list */
};

/* Kinds of shm objects. */
#define TEE_SHM_USER	(1U << 0)	/* SHM_ALLOC by a client: own region */
#define TEE_SHM_PRIV	(1U << 1)	/* driver-private (args, RPC, KERNEL) */
#define TEE_SHM_DYNAMIC	(1U << 2)	/* scattered frames: frames[] valid */
#define TEE_SHM_REGISTERED (1U << 3)	/* registered in the secure world */
#define TEE_SHM_USER_MAPPED (1U << 4)	/* TEE_IOC_SHM_REGISTER of client pages */

struct tee_shm {
	int id;				/* >= 1; 0 for private shm */
	atomic_int refcount;
	bool handle_held;		/* the context still holds its handle */
	struct tee_context *ctx;	/* owner (reference held), NULL if private */
	struct tee_shm_pool *pool;
	uint32_t flags;
	uint64_t size;			/* bytes usable (rounded allocation) */
	paddr_t pa;			/* contiguous in the carve-out */
	void *kaddr;			/* driver mapping (private shm only) */
	int fd;				/* memfd (user shm), else -1 */
	uint64_t region_id;		/* announced region (user shm), else 0 */
	uint64_t pool_off;		/* offset of the allocation in its pool */
	uint64_t cookie;		/* opaque handle given to the secure world */
	/*
	 * Dynamic shm: the 4 KiB frames of [start, start + nframes * 4K),
	 * start G-aligned; the buffer is [start + page_off, + size).
	 */
	paddr_t *frames;
	uint64_t nframes;
	uint64_t page_off;
	bool frames_owned;		/* frames[] is ours to free */
	uint64_t *regions;		/* announced regions (registrations) */
	uint32_t nregions;
	uint64_t charged;		/* bytes charged to ctx's quota */
};

/* Announcing regions to whoever reaches memory by PA (the secure world). */
struct tee_region_ops {
	int (*add)(void *arg, int fd, uint64_t nframes, paddr_t pa,
		   uint64_t *region_id);
	void (*del)(void *arg, uint64_t region_id);
	/* Frame i of the region = file_offset + i * 4K at frames[i]. */
	int (*add_frames)(void *arg, int fd, uint64_t file_offset,
			  uint64_t nframes, const paddr_t *frames,
			  uint64_t *region_id);
};

#define SOFTEE_TEE_MAX_RUNS	64	/* = SOFTEE_DEV_MAX_REG_SEGS */

/* Pools: one interface, chosen at probe time. */
struct tee_shm_pool_ops {
	int (*alloc)(struct tee_shm_pool *pool, struct tee_shm *shm,
		     uint64_t size, uint64_t align);
	void (*free)(struct tee_shm_pool *pool, struct tee_shm *shm);
	void (*destroy)(struct tee_shm_pool *pool);
	uint64_t (*free_bytes)(struct tee_shm_pool *pool);
};

struct tee_shm_pool {
	const struct tee_shm_pool_ops *ops;
	void *priv;
};

/* tee_shm_pool.c: first-fit range allocator (pure; unit tested). */
struct tee_range {
	uint64_t start, len;
};

struct tee_range_alloc {
	struct tee_range *free;		/* sorted, coalesced free extents */
	size_t n, cap;
	uint64_t size;
	uint64_t free_bytes;
};

int tee_range_init(struct tee_range_alloc *ra, uint64_t size);
void tee_range_fini(struct tee_range_alloc *ra);
int tee_range_get(struct tee_range_alloc *ra, uint64_t size, uint64_t align,
		  uint64_t *off);
int tee_range_put(struct tee_range_alloc *ra, uint64_t off, uint64_t size);

/* Private part: one mapping the driver reads and writes; 8-byte granule. */
int tee_shm_pool_static_priv(paddr_t base, uint64_t size, void *map,
			     struct tee_shm_pool **out);
/* User part: each allocation its own memfd region, page granular. */
int tee_shm_pool_static_user(paddr_t base, uint64_t size, uint64_t granule,
			     const struct tee_region_ops *rops, void *rops_arg,
			     struct tee_shm_pool **out);
void tee_shm_pool_destroy(struct tee_shm_pool *pool);

/* tee_frames.c: the DDR frame allocator (pure; unit tested). */
struct tee_frames;

int tee_frames_init(paddr_t base, uint64_t size, uint64_t granule,
		    bool contiguous, uint64_t seed, struct tee_frames **out);
void tee_frames_fini(struct tee_frames *fa);
/* nframes 4 KiB frames (a multiple of granule / 4K) into frames[]. */
int tee_frames_alloc(struct tee_frames *fa, uint64_t nframes,
		     paddr_t *frames);
void tee_frames_free(struct tee_frames *fa, const paddr_t *frames,
		     uint64_t nframes);
uint64_t tee_frames_used(struct tee_frames *fa);	/* 4 KiB frames */
uint64_t tee_frames_total(struct tee_frames *fa);

/* tee_pagelist.c: OP-TEE NONCONTIG page lists (pure; unit tested). */
uint64_t tee_pagelist_entries(uint64_t page_off, uint64_t size);
uint64_t tee_pagelist_blocks(uint64_t entries);
/*
 * Write entries frames[0..entries) into nblocks 4 KiB blocks (kaddr of
 * block i = blocks[i], its PA block_pas[i]), chaining them.
 */
int tee_pagelist_fill(uint64_t *const *blocks, const paddr_t *block_pas,
		      uint64_t nblocks, const paddr_t *frames,
		      uint64_t entries);

/* tee_shm_reg.c: TEE_IOC_SHM_REGISTER segments (pure; fuzzed). */
struct tee_reg_fdinfo {
	uint64_t size;		/* file size */
	bool ok;		/* a regular file sealed with F_SEAL_SHRINK */
};

/* One run of frames in one file: becomes one region. */
struct tee_reg_run {
	uint32_t fd_index;
	uint64_t fd_offset;
	uint64_t first_frame;	/* index in the registration's frames */
	uint64_t nframes;
};

struct tee_reg_plan {
	uint64_t start;		/* addr & ~(G-1) */
	uint64_t page_off;	/* addr - start */
	uint64_t nframes;	/* 4 KiB frames of [start, end) */
	struct tee_reg_run runs[SOFTEE_TEE_MAX_RUNS];
	uint32_t nruns;
};

/*
 * Validate a register request payload (shm_register_data, reg_hdr,
 * segs) against G and the fds; fill plan. 0 or -errno.
 */
int tee_shm_reg_check(const void *buf, size_t len, uint64_t granule,
		      uint64_t max_bytes, const struct tee_reg_fdinfo *fdi,
		      int nfds, struct tee_reg_plan *plan);
/* Fill fdi[] from real fds (fstat, F_GET_SEALS). */
void tee_shm_reg_fdinfo(const int *fds, int nfds, struct tee_reg_fdinfo *fdi);

/* tee_shm_dyn.c: dynamic pools over the frame allocator. */
/* Private: one mapped memfd, scattered frames, 4 KiB granule. */
int tee_shm_pool_dyn_priv(struct tee_frames *fa, uint64_t size,
			  const struct tee_region_ops *rops, void *rops_arg,
			  struct tee_shm_pool **out);
/* User: each allocation its own memfd and region, granule G. */
int tee_shm_pool_dyn_user(struct tee_frames *fa, uint64_t granule,
			  const struct tee_region_ops *rops, void *rops_arg,
			  struct tee_shm_pool **out);
bool tee_shm_pool_is_dynamic(const struct tee_shm_pool *pool);
/* Frames and regions (one per run) for a registration of plan. */
int tee_shm_dyn_register(struct tee_shm_pool *pool, struct tee_shm *shm,
			 const struct tee_reg_plan *plan, const int *fds);

/* tee_shm.c */
int tee_shm_alloc_user(struct tee_context *ctx, uint64_t size,
		       struct tee_shm **out);
int tee_shm_alloc_priv(struct tee_shm_pool *pool, uint64_t size,
		       uint64_t align, struct tee_shm **out);
/* Free a private shm (refcount 1 held by its creator). */
void tee_shm_free_priv(struct tee_shm *shm);
/* Reference by id, only for ctx and only while ctx holds its handle. */
struct tee_shm *tee_shm_get_from_id(struct tee_context *ctx, int id);
/* Reference by cookie (any live shm). */
struct tee_shm *tee_shm_get_from_cookie(uint64_t cookie);
/* The shm of ctx that holds [pa, pa + size); *offs = offset in it. */
struct tee_shm *tee_shm_get_from_pa(struct tee_context *ctx, paddr_t pa,
				    uint64_t size, uint64_t *offs);
/*
 * TEE_IOC_SHM_REGISTER: a registration of the planned frames of fds,
 * charged to ctx, announced, and registered through the backend.
 */
int tee_shm_register_user(struct tee_context *ctx, const struct tee_reg_plan *plan,
			  uint64_t len, const int *fds, struct tee_shm **out);
/* Quota accounting (tee_shm.c). */
int tee_quota_charge(struct tee_context *ctx, uint64_t bytes);
void tee_quota_uncharge(struct tee_context *ctx, uint64_t bytes);
extern struct tee_usage tee_usage_total;
void tee_shm_get(struct tee_shm *shm);
void tee_shm_put(struct tee_shm *shm);
/* SOFTEE_DEV_OP_SHM_RELEASE: drop ctx's handle on id. 0 or -EINVAL. */
int tee_shm_release_id(struct tee_context *ctx, int id);
/* Drop every handle ctx holds (context teardown). */
void tee_shm_release_ctx(struct tee_context *ctx);
void tee_shm_table_fini(void);

/* tee_core.c: contexts and the ioctl dispatcher. */
struct tee_context *tee_ctx_open(struct tee_device *teedev, uid_t uid,
				 gid_t gid, pid_t pid, int *err);
void tee_ctx_get(struct tee_context *ctx);
void tee_ctx_put(struct tee_context *ctx);
/* The client went away: mark dead and let the backend hurry up. */
void tee_ctx_kill(struct tee_context *ctx);

/*
 * One device request. buf (len bytes, capacity cap) is updated in place
 * with the reply payload; *rep_len is its length. A new fd for the reply
 * (SHM_ALLOC) goes to *rep_fd (caller closes it after sending).
 */
int tee_ioctl(struct tee_context *ctx, uint32_t op, void *buf, size_t len,
	      size_t cap, size_t *rep_len, int *rep_fd, const int *fds,
	      int nfds);
/* Whether an op wants a reply (SOFTEE_DEV_OP_STATS with tag 0: none). */
bool tee_ioctl_wants_reply(uint32_t op, uint32_t tag);
/* tee_usage.c: live contexts, OP_INFO, OP_STATS, the `stat` table. */
void tee_print_usage(FILE *out);
void tee_ctx_list_add(struct tee_context *ctx);
void tee_ctx_list_del(struct tee_context *ctx);
int tee_op_info(struct tee_context *ctx, void *buf, size_t len, size_t cap,
		size_t *rep_len);
int tee_op_stats(struct tee_context *ctx, const void *buf, size_t len,
		 size_t *rep_len);
/* Whether an op may block (runs on a worker thread). */
bool tee_ioctl_blocks(uint32_t op);

/* Pure validators (fuzzed): 0 or -errno. */
int tee_validate_arg_buf(uint32_t op, const void *buf, size_t len,
			 uint32_t *num_params, size_t *params_off);
int tee_validate_uparams(const struct tee_ioctl_param *up, uint32_t n,
			 bool memref_null_ok);
int tee_calc_client_uuid(uint8_t out[16], uint32_t login,
			 const uint8_t conn_data[16], uid_t uid, gid_t gid,
			 pid_t pid);

/* Counters for `status`/`stat` (tee_core.c). */
struct tee_stats {
	atomic_long contexts, sessions, shm, regions;
	atomic_long ioctls, smcs, rpcs, supp_reqs;
};
extern struct tee_stats tee_stats;

#endif /* SOFTEE_TEE_DRV_H */
