/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TA-to-TA test TA: single instance, multi session, not kept alive,
 * so closing its last session destroys it (and the sessions it holds).
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include "include/softee_ta2ta_ta.h"

#define TA_UUID		TA_SOFTEE_TA2TA_UUID
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(16 * 1024)
#define TA_DATA_SIZE	(4 * 1024 * 1024)

#endif /* USER_TA_HEADER_DEFINES_H */
