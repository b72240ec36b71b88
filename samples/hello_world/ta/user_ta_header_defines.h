/* SPDX-License-Identifier: BSD-2-Clause */
/* Header properties of the hello world TA. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <hello_world_ta.h>

#define TA_UUID			TA_HELLO_WORLD_UUID
#define TA_FLAGS		TA_FLAG_EXEC_DDR
#define TA_STACK_SIZE		(2 * 1024)
#define TA_DATA_SIZE		(32 * 1024)
#define TA_VERSION		"1.0"
#define TA_DESCRIPTION		"softee hello world sample"

#endif /* USER_TA_HEADER_DEFINES_H */
