/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Registered shared memory (REGISTER_SHM / UNREGISTER_SHM): page lists
 * read once into cached runs, keyed by (VM, cookie); RMEM params slice
 * them in time independent of the buffer's size.
 */
#ifndef SOFTEE_SECURE_SHM_REG_H
#define SOFTEE_SECURE_SHM_REG_H

#include <stdint.h>

#include "mobj.h"

/*
 * Register the page list at buf_ptr (size bytes) as cookie. 0, -EEXIST
 * (cookie in use), -EINVAL/-EFAULT (bad list), -ENOSPC (quota), -ENOMEM.
 */
int shm_reg_register(uint32_t vm_id, uint64_t cookie, uint64_t buf_ptr,
		     uint64_t size);
/* 0, -ENOENT (unknown cookie), -EBUSY (a running call uses it). */
int shm_reg_unregister(uint32_t vm_id, uint64_t cookie);
/*
 * The bytes [offs, offs + size) of registration cookie as a mobj that
 * keeps the registration busy until mobj_put. -ENOENT, -EINVAL (out of
 * bounds), -ENOMEM.
 */
int shm_reg_slice(uint32_t vm_id, uint64_t cookie, uint64_t offs,
		  uint64_t size, struct mobj **out);
/* Called by mobj_put for a slice. */
void shm_reg_release(struct shm_reg *reg);
/* Forget every registration of a VM (normal world rebooted). */
void shm_reg_drop_vm(uint32_t vm_id);

struct shm_reg_stats {
	uint64_t count;		/* registrations */
	uint64_t bytes;		/* their sizes summed */
	uint64_t registered;	/* REGISTER_SHM that succeeded, ever */
	uint64_t unregistered;
	uint64_t refused;	/* REGISTER_SHM refused */
};
void shm_reg_stats(struct shm_reg_stats *s);
/* count and bytes of one VM's registrations (the rest left 0). */
void shm_reg_vm_stats(uint32_t vm_id, struct shm_reg_stats *s);

#endif
