/* SPDX-License-Identifier: BSD-2-Clause */
/* Header properties of the GP 1.1 test TA. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <softee_gp11_ta.h>

#define TA_UUID		TA_SOFTEE_GP11_UUID
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(64 * 1024)
#define TA_VERSION	"1.1"
#define TA_DESCRIPTION	SOFTEE_GP11_DESCRIPTION

/* "AAECAw==" is base64 for the bytes 00 01 02 03. */
#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ SOFTEE_GP11_PROP_BLOB, USER_TA_PROP_TYPE_BINARY_BLOCK, "AAECAw==" }, \
	{ SOFTEE_GP11_PROP_STR, USER_TA_PROP_TYPE_STRING, "gp11-string" },

#endif /* USER_TA_HEADER_DEFINES_H */
