/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the main test TA: single instance, multi session, kept alive. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include "include/softee_test_ta.h"

#define TA_UUID		TA_SOFTEE_TEST_UUID
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION | \
			 TA_FLAG_INSTANCE_KEEP_ALIVE)
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(64 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gp.ta.description", USER_TA_PROP_TYPE_STRING, "softee test TA" }, \
	{ SOFTEE_TEST_PROP_STR_NAME, USER_TA_PROP_TYPE_STRING, \
	  SOFTEE_TEST_PROP_STR_VALUE }, \
	{ SOFTEE_TEST_PROP_U32_NAME, USER_TA_PROP_TYPE_U32, \
	  &(const uint32_t){ SOFTEE_TEST_PROP_U32_VALUE } }

#endif /* USER_TA_HEADER_DEFINES_H */
