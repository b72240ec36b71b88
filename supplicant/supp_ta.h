/* SPDX-License-Identifier: BSD-2-Clause */
/* RPC LOAD_TA: find <uuid>.ta in the TA directories and hand it over. */
#ifndef SOFTEE_SUPP_TA_H
#define SOFTEE_SUPP_TA_H

#include <stddef.h>
#include <stdint.h>

#include "supp_req.h"

#define SUPP_MAX_TA_DIRS	16

/* Add a directory to search (in order). 0, or -E2BIG when full. */
int supp_ta_add_dir(const char *dir);
size_t supp_ta_num_dirs(void);
const char *supp_ta_dir(size_t idx);

/*
 * Build "<dir>/<uuid>.ta" from the UUID octets. The name is only hex
 * digits and dashes, so the secure world cannot steer the path. 0 or
 * -ENAMETOOLONG.
 */
int supp_ta_path(const char *dir, const uint8_t uuid[16], char *buf,
		 size_t cap);

/* UUID octets as the driver sends them: value a then b, in memory order. */
void supp_ta_uuid_from_value(uint64_t a, uint64_t b, uint8_t uuid[16]);

/* The LOAD_TA handler; returns a GP result. */
uint32_t supp_ta_cmd_load(struct supp_req *req);

#endif /* SOFTEE_SUPP_TA_H */
