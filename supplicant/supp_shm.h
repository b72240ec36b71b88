/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The supplicant's shared memory: buffers the secure world asks for with
 * RPC SHM_ALLOC (type APPL), allocated on our own device fd and found
 * again by shm id when a memref names them.
 */
#ifndef SOFTEE_SUPP_SHM_H
#define SOFTEE_SUPP_SHM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/tee.h>

#include "supp_req.h"

/* Largest single buffer we allocate for the secure world. */
#define SUPP_SHM_MAX_SIZE	(256U << 20)
/* Most buffers held at once (a hostile peer must not exhaust fds). */
#define SUPP_SHM_MAX_COUNT	1024U

struct supp_shm;

/*
 * Allow registering our own memory for APPL buffers when the driver has
 * TEE_GEN_CAP_REG_MEM (default on; --no-register turns it off). Call
 * before supp_shm_init.
 */
void supp_shm_set_register(bool on);
/*
 * Use devfd (the teepriv fd) for the buffers: TEE_IOC_SHM_REGISTER of
 * local memory if allowed and the driver has REG_MEM, else SHM_ALLOC.
 */
void supp_shm_init(int devfd);
/* True if APPL buffers are registered local memory. */
bool supp_shm_registers(void);
/* Unmap and close everything (shutdown). */
void supp_shm_release_all(void);

/*
 * Resolve a memref param (a = offset, b = size, c = shm id). A NULL memref
 * (c = TEE_MEMREF_NULL) gives *ptr = NULL, *ref = NULL. Otherwise the shm
 * must be one of ours and the range must fit; a reference is taken that
 * the caller drops with supp_shm_put(). 0 or -EINVAL.
 */
int supp_shm_get_memref(const struct tee_ioctl_param *p, void **ptr,
			size_t *size, struct supp_shm **ref);
void supp_shm_put(struct supp_shm *shm);

/* RPC SHM_ALLOC / SHM_FREE handlers; return a GP result. */
uint32_t supp_shm_cmd_alloc(struct supp_req *req);
uint32_t supp_shm_cmd_free(struct supp_req *req);

/* Buffers currently held and their total size. */
void supp_shm_stats(uint64_t *count, uint64_t *bytes);

#endif /* SOFTEE_SUPP_SHM_H */
