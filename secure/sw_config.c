/* SPDX-License-Identifier: BSD-2-Clause */
/* The one instance of the secure world's configuration, with defaults. */
#include "sw_config.h"

#include "log.h"

struct sw_config sw_cfg = {
	.num_threads = 8,
	.carveout_base = SOFTEE_CARVEOUT_DEFAULT_BASE,
	.carveout_size = SOFTEE_CARVEOUT_DEFAULT_SIZE,
	.reserved_shm = true,
	.dynamic_shm = true,
	.max_reg_bytes = SW_DEFAULT_MAX_REG_BYTES,
	.log_level = LOG_LVL_WARN,
};
