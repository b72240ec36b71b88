/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef EXAMPLE_UTIL_H
#define EXAMPLE_UTIL_H

#include <stdint.h>

/* FNV-1a over a string, so that the TA has something to call. */
uint32_t example_util_hash(const char *s);

#endif /* EXAMPLE_UTIL_H */
