/* SPDX-License-Identifier: BSD-2-Clause */
/* The TA-to-TA peer: multi instance (one process per session). */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include "../include/softee_ta2ta_ta.h"

#define TA_UUID		TA_SOFTEE_TA2TA_PEER_UUID
#define TA_FLAGS	(TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(16 * 1024)
#define TA_DATA_SIZE	(4 * 1024 * 1024)

#endif /* USER_TA_HEADER_DEFINES_H */
