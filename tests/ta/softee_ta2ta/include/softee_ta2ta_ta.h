/* SPDX-License-Identifier: BSD-2-Clause */
/* Commands of the TA-to-TA test TAs, shared with tests/integration/ta2ta.c. */
#ifndef SOFTEE_TA2TA_TA_H
#define SOFTEE_TA2TA_TA_H

/* Single instance, multi session ("A"). */
#define TA_SOFTEE_TA2TA_UUID \
	{ 0x5eed7e57, 0x7a2a, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x7a, 0x2a } }
/* The same code as a multi-instance TA ("peer"). */
#define TA_SOFTEE_TA2TA_PEER_UUID \
	{ 0x5eed7e57, 0x7a2b, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x7a, 0x2b } }

/*
 * The TA checks what it sees itself. A failed check answers
 * SOFTEE_TA2TA_FAILED with p3 (VALUE_OUTPUT, every command accepts it)
 * a = the source line of the check, b = the result it got.
 */
#define SOFTEE_TA2TA_FAILED	0x7a2a0bad

enum softee_ta2ta_cmd {
	/* Values both ways through softee_test ECHO. */
	SOFTEE_TA2TA_CMD_VALUES = 0,
	/* Memrefs from the TA's heap: input (CHECKSUM, and a NULL one),
	 * output (FILL), inout (XOR), each checked byte for byte. */
	SOFTEE_TA2TA_CMD_MEMREF_IN = 1,
	SOFTEE_TA2TA_CMD_MEMREF_OUT = 2,
	SOFTEE_TA2TA_CMD_MEMREF_INOUT = 3,
	/* FILL into a too small buffer: SHORT_BUFFER with the size needed,
	 * the buffer untouched; then again with the size it asked for. */
	SOFTEE_TA2TA_CMD_SHORT_BUFFER = 4,
	/* The client's p0 MEMREF_INPUT goes to CHECKSUM and its p1
	 * MEMREF_OUTPUT to FILL (p2 VALUE_INPUT a = seed); p2 VALUE_INOUT
	 * comes back with a = the checksum softee_test saw. */
	SOFTEE_TA2TA_CMD_FORWARD = 5,
	/* softee_test sees login TRUSTED_APP and this TA's UUID. */
	SOFTEE_TA2TA_CMD_IDENTITY = 6,
	/* One of two sessions to the multi test TA panics: TARGET_DEAD
	 * (origin TEE) for that one, the other still works. */
	SOFTEE_TA2TA_CMD_TARGET_PANIC = 7,
	/* Opening a session to itself, and a peer that opens one back:
	 * BUSY with origin TEE, no deadlock. */
	SOFTEE_TA2TA_CMD_CYCLE_SELF = 8,
	SOFTEE_TA2TA_CMD_CYCLE_PEER = 9,
	/* A TA that does not exist (ITEM_NOT_FOUND, TEE), an open the
	 * target refuses (its code, TRUSTED_APP). */
	SOFTEE_TA2TA_CMD_OPEN_ERRORS = 10,
	/* TA persistent time: not set, set, runs on, overflow, per TA. */
	SOFTEE_TA2TA_CMD_PTIME = 11,
	/* TEE_CheckMemoryAccessRights on the client's p0 MEMREF_INPUT,
	 * p1 MEMREF_OUTPUT, p2 MEMREF_INOUT and on the TA's own memory. */
	SOFTEE_TA2TA_CMD_MEMRIGHTS = 12,
	/* The same on memrefs the peer receives from this TA. */
	SOFTEE_TA2TA_CMD_MEMRIGHTS_TA = 13,
	/* softee_test WAIT (60 s) with a cancellation timeout of 50 ms. */
	SOFTEE_TA2TA_CMD_CANCEL_TIMEOUT = 14,
	/* p0 VALUE_INPUT a = ms: softee_test WAIT(ms), no timeout; p1
	 * VALUE_OUTPUT a = its result, b = its origin. */
	SOFTEE_TA2TA_CMD_NESTED_WAIT = 15,
	/* Open a session to the multi test TA and keep it. */
	SOFTEE_TA2TA_CMD_KEEP_SESSION = 16,
	/* 1 MiB through the secure world, in, out and inout. */
	SOFTEE_TA2TA_CMD_BIG_MEMREF = 17,
	/* TEE_Panic. */
	SOFTEE_TA2TA_CMD_PANIC = 18,

	/* Peer side. */
	SOFTEE_TA2TA_CMD_PEER_OPEN_BACK = 32,	/* open A: p0 a = res, b = origin */
	SOFTEE_TA2TA_CMD_PEER_MEMRIGHTS = 33,	/* p0 IN, p1 OUT, p2 INOUT */
	SOFTEE_TA2TA_CMD_PEER_PTIME_GET = 34,	/* p0 a = TEE_GetTAPersistentTime */
};

#endif /* SOFTEE_TA2TA_TA_H */
