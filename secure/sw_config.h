/* SPDX-License-Identifier: BSD-2-Clause */
/* The secure world's configuration, fixed at start-up from the command line. */
#ifndef SOFTEE_SECURE_SW_CONFIG_H
#define SOFTEE_SECURE_SW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "softee_mem.h"

struct sw_config {
	unsigned int num_threads;
	paddr_t carveout_base;
	uint64_t carveout_size;
	bool reserved_shm;	/* advertise/allow the static carve-out */
	bool dynamic_shm;	/* advertise/allow registered shm, page lists */
	uint64_t max_reg_bytes;	/* quota: registered bytes, and one page list */
	char ta_host[4096];	/* path of softee-ta */
	char *ta_pubkey;	/* PEM contents */
	size_t ta_pubkey_len;
	int log_level;
};

#define SW_DEFAULT_MAX_REG_BYTES	(8ULL << 30)

extern struct sw_config sw_cfg;

static inline bool sw_pa_in_carveout(paddr_t pa, uint64_t len)
{
	uint64_t end;

	if (__builtin_add_overflow(pa, len, &end))
		return false;
	return pa >= sw_cfg.carveout_base &&
	       end <= sw_cfg.carveout_base + sw_cfg.carveout_size;
}

#endif
