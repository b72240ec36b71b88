/* SPDX-License-Identifier: BSD-2-Clause */
/* Header properties of the secure_hash_aes TA. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <secure_hash_aes_ta.h>

#define TA_UUID			TA_SECURE_HASH_AES_UUID
#define TA_FLAGS		TA_FLAG_EXEC_DDR
#define TA_STACK_SIZE		(4 * 1024)
#define TA_DATA_SIZE		(64 * 1024)
#define TA_VERSION		"1.0"
#define TA_DESCRIPTION		"softee SHA-256 and AES-GCM sample"

#endif /* USER_TA_HEADER_DEFINES_H */
