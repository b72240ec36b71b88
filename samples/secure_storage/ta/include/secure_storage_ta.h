/* SPDX-License-Identifier: BSD-2-Clause */
/* Secure storage sample: the TA's UUID and commands, shared with the client. */
#ifndef SECURE_STORAGE_TA_H
#define SECURE_STORAGE_TA_H

#define TA_SECURE_STORAGE_UUID \
	{ 0x0f1552d0, 0x5d93, 0x4407, \
	  { 0x8a, 0x70, 0x2a, 0x2d, 0x45, 0xf4, 0x63, 0xda } }

/* p0 MEMREF_INPUT: object id; p1 MEMREF_INPUT: the secret to keep. */
#define TA_SECURE_STORAGE_CMD_STORE	0
/* p0 MEMREF_INPUT: object id; p1 MEMREF_OUTPUT: the secret (SHORT_BUFFER
 * with the needed size if it does not fit). */
#define TA_SECURE_STORAGE_CMD_LOAD	1
/* p0 MEMREF_INPUT: object id. */
#define TA_SECURE_STORAGE_CMD_DELETE	2

#endif /* SECURE_STORAGE_TA_H */
