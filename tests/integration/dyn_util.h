/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers shared by the dynamic shared memory tests (dyn_*.c, hostile_*.c). */
#ifndef SOFTEE_DYN_UTIL_H
#define SOFTEE_DYN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "softee_dev.h"

/* Answer of "<dir>/<daemon>.ctl" to cmd, NUL-terminated in buf. 0/-errno. */
int dyn_ctl(const char *dir, const char *daemon, const char *cmd, char *buf,
	    size_t cap);

/* Value of the first line "key: N" (key matched exactly, leading blanks
 * allowed). 0 or -ENOENT. */
int dyn_kv(const char *text, const char *key, uint64_t *val);

/* Every "key: N" line of text whose value differs from base's (keys in
 * skip, a NULL-terminated list, ignored): names written to diff. */
bool dyn_kv_same(const char *base, const char *now, const char *const *skip,
		 char *diff, size_t cap);

/* In a table whose header line starts with "context" (the driver's
 * per-context stat), the value in column col of the row whose "pid"
 * column is pid. 0, or -ENOENT. */
int dyn_table_value(const char *text, long pid, const char *col,
		    uint64_t *val);

/* FNV-1a 32, as the test TA computes it. */
uint32_t dyn_fnv(const uint8_t *b, size_t n);

/* SOFTEE_DEV_OP_INFO on a fresh raw connection to dir/tee0. 0/-errno. */
int dyn_dev_info(const char *dir, struct softee_dev_info *info);

#endif /* SOFTEE_DYN_UTIL_H */
