/* SPDX-License-Identifier: BSD-2-Clause */
/* RPCs from a secure thread to the normal world (ABI.md 3.4 and 4). */
#ifndef SOFTEE_SECURE_RPC_H
#define SOFTEE_SECURE_RPC_H

#include <stdint.h>

#include "mobj.h"
#include "optee_msg.h"
#include "thread.h"

/*
 * Run RPC command cmd with up to OPTEE_RPC_NUM_PARAMS params (updated in
 * place from the reply); *ret = the normal world's result. 0 or -errno.
 */
int rpc_cmd(struct sw_thread *t, uint32_t cmd, struct optee_msg_param *params,
	    uint32_t nparams, uint32_t *ret);

/* SHM_ALLOC of type/size; the reply is validated into a mobj. */
int rpc_shm_alloc(struct sw_thread *t, uint32_t type, uint64_t size,
		  struct mobj **mobj, uint64_t *cookie);
/*
 * Fill an RPC memref param for size bytes of an SHM_ALLOC buffer: TMEM
 * (tmem_type) with its PA when contiguous, the matching RMEM type with
 * offs 0 and the cookie when it came as a page list.
 */
void rpc_memref_param(struct optee_msg_param *p, uint32_t tmem_type,
		      const struct mobj *m, uint64_t size, uint64_t cookie);
void rpc_shm_free(struct sw_thread *t, uint32_t type, uint64_t cookie);

/* Free the RPC arg buffer if the thread holds one (end of each call). */
void rpc_release(struct sw_thread *t);

/* Counter of RPCs issued (stat). */
uint64_t rpc_count(void);

#endif
