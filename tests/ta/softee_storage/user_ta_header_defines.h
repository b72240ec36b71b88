/* SPDX-License-Identifier: BSD-2-Clause */
/* Properties of the storage test TA: multi instance (a process per session). */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include "include/softee_storage_ta.h"

#define TA_UUID		TA_SOFTEE_STORAGE_UUID
#define TA_FLAGS	0
#define TA_STACK_SIZE	(16 * 1024)
#define TA_DATA_SIZE	(16 * 1024 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gp.ta.description", USER_TA_PROP_TYPE_STRING, \
	  "softee secure storage test TA" }

#endif /* USER_TA_HEADER_DEFINES_H */
