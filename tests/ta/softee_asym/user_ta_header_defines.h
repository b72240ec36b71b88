/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Properties of the asymmetric crypto test TA: one instance per session,
 * so a command that panics on purpose takes only its own session down.
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include "include/softee_asym_ta.h"

#define TA_UUID		TA_SOFTEE_ASYM_UUID
#define TA_FLAGS	0
#define TA_STACK_SIZE	(64 * 1024)
#define TA_DATA_SIZE	(512 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gp.ta.description", USER_TA_PROP_TYPE_STRING, \
	  "softee asymmetric crypto test TA" }

#endif /* USER_TA_HEADER_DEFINES_H */
