/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the secure storage sample TA. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <secure_storage_ta.h>

#define TA_UUID		TA_SECURE_STORAGE_UUID
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(4 * 1024)
#define TA_DATA_SIZE	(64 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gp.ta.description", USER_TA_PROP_TYPE_STRING, \
	  "Secure storage sample TA" }

#endif /* USER_TA_HEADER_DEFINES_H */
