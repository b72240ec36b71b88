/* SPDX-License-Identifier: BSD-2-Clause */
/* Header properties of the self-test TA. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <softee_selftest_ta.h>

#define TA_UUID			SOFTEE_SELFTEST_UUID
#define TA_FLAGS		(TA_FLAG_MULTI_SESSION | TA_FLAG_SINGLE_INSTANCE)
#define TA_STACK_SIZE		(4 * 1024)
#define TA_DATA_SIZE		(48 * 1024)
#define TA_VERSION		"1.0"
#define TA_DESCRIPTION		"softee TA host self test"
#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "softee.selftest.answer", USER_TA_PROP_TYPE_U32, \
	  &(const uint32_t){ 42 } }, \
	{ "softee.selftest.flag", USER_TA_PROP_TYPE_STRING, "true" },

#endif /* USER_TA_HEADER_DEFINES_H */
