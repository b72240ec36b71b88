/* SPDX-License-Identifier: BSD-2-Clause */
/* The sandbox test TA: multi instance, so every session is a fresh process. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include "include/softee_sandbox_ta.h"

#define TA_UUID		TA_SOFTEE_SANDBOX_UUID
#define TA_FLAGS	0
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(64 * 1024)

#endif /* USER_TA_HEADER_DEFINES_H */
