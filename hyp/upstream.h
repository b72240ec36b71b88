/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hypervisor's channels to the secure world (role HYP): one SMC or
 * announcement at a time per channel, channels opened as needed.
 */
#ifndef SOFTEE_HYP_UPSTREAM_H
#define SOFTEE_HYP_UPSTREAM_H

#include <stdint.h>

#include "softee_mem.h"

int up_open(const char *path, uint64_t boot_id, unsigned int max_chans);
void up_close(void);

/* Called (once) when watch_fd hangs up during an up_smc. */
typedef void (*up_gone_fn)(void *arg);

/*
 * One SMC (a7 as given). While waiting, a hang-up of watch_fd (-1: none)
 * is reported through gone(arg); the reply is still awaited so the
 * channel stays in step. 0 or -errno (transport failure).
 */
int up_smc(const uint32_t in[8], uint32_t out[8], int watch_fd,
	   up_gone_fn gone, void *arg);
/* A fast call as the hypervisor itself (a7 = 0). */
int up_fast(uint32_t a0, uint32_t a1, uint32_t out[8]);

/* A fresh id for a region we announce (unique for this hypervisor). */
uint64_t up_region_id(void);
/*
 * Announce nframes frames of fd (from file_offset) at host PAs host[] for
 * vm_id. 0, the secure world's -errno, or a transport -errno.
 */
int up_region_add(uint32_t vm_id, uint64_t region_id, int fd,
		  uint64_t file_offset, uint64_t nframes, const paddr_t *host);
int up_region_del(uint32_t vm_id, uint64_t region_id);

void up_stats(uint64_t *smcs, uint64_t *chans);

#endif
