/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the multi-instance benchmark TA: a softee-ta process per session. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <softee_bench_ta.h>

#define TA_UUID		TA_SOFTEE_BENCH_MULTI_UUID
#define TA_FLAGS	(TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(32 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gp.ta.description", USER_TA_PROP_TYPE_STRING, \
	  "softee benchmark TA, multi-instance" }

#endif /* USER_TA_HEADER_DEFINES_H */
