/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Properties of the symmetric crypto test TA: one instance per session,
 * so a command that panics on purpose takes only its own session down.
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include "include/softee_crypto_ta.h"

#define TA_UUID		TA_SOFTEE_CRYPTO_UUID
#define TA_FLAGS	0
#define TA_STACK_SIZE	(64 * 1024)
#define TA_DATA_SIZE	(1024 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gp.ta.description", USER_TA_PROP_TYPE_STRING, \
	  "softee symmetric crypto and object test TA" }

#endif /* USER_TA_HEADER_DEFINES_H */
