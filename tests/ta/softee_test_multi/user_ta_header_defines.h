/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the multi-instance test TA (one instance per session). */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include "../softee_test/include/softee_test_ta.h"

#define TA_UUID		TA_SOFTEE_TEST_MULTI_UUID
#define TA_FLAGS	(TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(64 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ SOFTEE_TEST_PROP_STR_NAME, USER_TA_PROP_TYPE_STRING, \
	  SOFTEE_TEST_PROP_STR_VALUE }, \
	{ SOFTEE_TEST_PROP_U32_NAME, USER_TA_PROP_TYPE_U32, \
	  &(const uint32_t){ SOFTEE_TEST_PROP_U32_VALUE } }

#endif /* USER_TA_HEADER_DEFINES_H */
