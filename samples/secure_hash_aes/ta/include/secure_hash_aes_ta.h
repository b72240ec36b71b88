/* SPDX-License-Identifier: BSD-2-Clause */
/* The secure_hash_aes TA's UUID and commands, shared by the TA and its host. */
#ifndef SECURE_HASH_AES_TA_H
#define SECURE_HASH_AES_TA_H

#define TA_SECURE_HASH_AES_UUID \
	{ 0x9a9f0973, 0x189a, 0x41f4, \
	  { 0xa5, 0x63, 0xf7, 0xb3, 0x45, 0x18, 0xc3, 0x2b } }

/* Bytes the TA adds around a sealed message: nonce before, tag after. */
#define TA_SECURE_HASH_AES_NONCE_LEN	12
#define TA_SECURE_HASH_AES_TAG_LEN	16

/*
 * p0 MEMREF_INPUT: data; p1 MEMREF_OUTPUT: its SHA-256 (32 bytes; a
 * shorter buffer gets TEE_ERROR_SHORT_BUFFER and the size needed).
 */
#define TA_SECURE_HASH_AES_CMD_SHA256	0
/*
 * Seal with AES-256-GCM under the session's key (made in the TA, never
 * leaving it): p0 MEMREF_INPUT plaintext, p1 MEMREF_OUTPUT nonce ||
 * ciphertext || tag, p2 MEMREF_INPUT associated data (or NONE).
 */
#define TA_SECURE_HASH_AES_CMD_SEAL	1
/*
 * Open what SEAL made: p0 MEMREF_INPUT nonce || ciphertext || tag,
 * p1 MEMREF_OUTPUT plaintext, p2 as for SEAL. A changed byte gives
 * TEE_ERROR_MAC_INVALID and no plaintext.
 */
#define TA_SECURE_HASH_AES_CMD_OPEN	2

#endif /* SECURE_HASH_AES_TA_H */
