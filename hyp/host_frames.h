/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host's physical frames: the PA space the secure world sees, in
 * which every guest frame (and every hypervisor frame) gets a PA of its
 * own. Handed out scattered, so a buffer contiguous in a guest is not
 * contiguous on the host.
 */
#ifndef SOFTEE_HYP_HOST_FRAMES_H
#define SOFTEE_HYP_HOST_FRAMES_H

#include <stdint.h>

#include "softee_mem.h"

/* The window [SOFTEE_DDR_BASE, + SOFTEE_DDR_SIZE); seed picks the order. */
int hf_init(uint64_t seed);
void hf_fini(void);
/* n frames, each anywhere: pa[0..n). 0, -ENOSPC or -EINVAL. */
int hf_alloc(uint64_t n, paddr_t *pa);
void hf_free(const paddr_t *pa, uint64_t n);
uint64_t hf_used(void);

#endif
