// SPDX-License-Identifier: BSD-2-Clause
/* Reports how this directory's sub.mk compiled it. */
#include <stdio.h>
#include <devkit_example_ta.h>
#include <util_priv.h>

#include "example.h"

#ifndef EXAMPLE_UTIL_FLAG
#define EXAMPLE_UTIL_FLAG -1
#endif
#ifdef EXAMPLE_ALL_FILES
#define UTIL_SEES_ALL 1
#else
#define UTIL_SEES_ALL 0
#endif
#ifdef __OPTIMIZE__
#define UTIL_OPTIMIZED 1
#else
#define UTIL_OPTIMIZED 0
#endif

int example_util_info(char *buf, size_t len)
{
	return snprintf(buf, len, "util_flag=%d util_all=%d util_optimized=%d "
			"util_priv=%d", EXAMPLE_UTIL_FLAG, UTIL_SEES_ALL,
			UTIL_OPTIMIZED, EXAMPLE_PRIV_MAGIC);
}
