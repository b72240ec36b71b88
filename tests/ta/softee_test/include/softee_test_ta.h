/* SPDX-License-Identifier: BSD-2-Clause */
/* Command ids and UUIDs shared by the softee test TAs and the client suite. */
#ifndef SOFTEE_TEST_TA_H
#define SOFTEE_TEST_TA_H

/* Single instance, multi session, keep alive: the main test TA. */
#define TA_SOFTEE_TEST_UUID \
	{ 0x5eed7e57, 0x0001, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0x01 } }
/* Multi instance: one instance (process) per session. */
#define TA_SOFTEE_TEST_MULTI_UUID \
	{ 0x5eed7e57, 0x0002, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0x02 } }
/* Single instance without MULTI_SESSION: a second session gets BUSY. */
#define TA_SOFTEE_TEST_SINGLE_UUID \
	{ 0x5eed7e57, 0x0003, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0x03 } }

/* Value returned by SOFTEE_TEST_CMD_PROPS in p0.a for each flag it read. */
#define SOFTEE_TEST_PROP_SINGLE		(1U << 0)
#define SOFTEE_TEST_PROP_MULTI		(1U << 1)
#define SOFTEE_TEST_PROP_KEEP_ALIVE	(1U << 2)
/* Extension properties set in user_ta_header_defines.h */
#define SOFTEE_TEST_PROP_STR_NAME	"softee.test.string"
#define SOFTEE_TEST_PROP_STR_VALUE	"softee-test-prop"
#define SOFTEE_TEST_PROP_U32_NAME	"softee.test.u32"
#define SOFTEE_TEST_PROP_U32_VALUE	0x5eed1234U

/* OpenSession: p0 VALUE_INPUT with a == this makes the open fail with b. */
#define SOFTEE_TEST_OPEN_FAIL_MAGIC	0x0e11U

enum softee_test_cmd {
	/* each VALUE_INOUT: a+1, b+1; VALUE_OUTPUT slot i: a=0xa0+i, b=0xb0+i */
	SOFTEE_TEST_CMD_ECHO = 0,
	/* p0 MEMREF_INPUT; p1 VALUE_OUTPUT a = FNV-1a 32, b = size;
	 * optional p2 VALUE_OUTPUT a = 1 if the buffer was NULL */
	SOFTEE_TEST_CMD_CHECKSUM = 1,
	/* p0 MEMREF_OUTPUT/INOUT; p1 VALUE_INPUT a = seed, b = bytes to
	 * produce (0: the whole buffer). Byte i = seed + 7 * i. If the
	 * buffer is smaller than b: size = b, TEE_ERROR_SHORT_BUFFER. */
	SOFTEE_TEST_CMD_FILL = 2,
	/* p0 MEMREF_INOUT: every byte ^= 0xff */
	SOFTEE_TEST_CMD_XOR = 3,
	/* every VALUE_OUTPUT/INOUT slot gets a = param types seen */
	SOFTEE_TEST_CMD_PARAM_TYPES = 4,
	/* p0 VALUE_INPUT a = ms: TEE_Wait with cancellation unmasked;
	 * returns what TEE_Wait returned (TEE_ERROR_CANCEL if cancelled) */
	SOFTEE_TEST_CMD_WAIT = 5,
	SOFTEE_TEST_CMD_PANIC = 6,	/* TEE_Panic */
	SOFTEE_TEST_CMD_CRASH = 7,	/* write through a NULL pointer */
	/* p0 VALUE_INPUT a = the result to return */
	SOFTEE_TEST_CMD_RETURN = 8,
	/* p0 VALUE_OUTPUT a = login; p1 MEMREF_OUTPUT >= 16: TEE_UUID */
	SOFTEE_TEST_CMD_IDENTITY = 9,
	/* p0 VALUE_OUTPUT a = SOFTEE_TEST_PROP_* bits, b = the u32 ext prop;
	 * p1 MEMREF_OUTPUT >= 16: gpd.ta.appID; p2 MEMREF_OUTPUT: ext string */
	SOFTEE_TEST_CMD_PROPS = 10,
	/* p0 VALUE_OUTPUT a = seconds, b = millis of TEE_GetSystemTime */
	SOFTEE_TEST_CMD_TIME = 11,
	/* p0 MEMREF_OUTPUT filled by TEE_GenerateRandom */
	SOFTEE_TEST_CMD_RANDOM = 12,
	/* p0 VALUE_OUTPUT a = ++instance counter, b = sessions open now */
	SOFTEE_TEST_CMD_COUNTER = 13,
	/* p0 VALUE_OUTPUT a = invokes entered by this instance (incl. this) */
	SOFTEE_TEST_CMD_CALLS = 14,
	/*
	 * Shared-memory handshakes (dynamic shm tests). p0 MEMREF_INOUT;
	 * p1, p2, p3 VALUE_INPUT (a = offset in p0, b = byte value, b > 0xff:
	 * step skipped): write p1's byte, then wait (TEE_Wait polling, up to
	 * SOFTEE_TEST_POKE_TIMEOUT_MS) until p0[p2.a] == p2.b, then write
	 * p3's byte. A wait that times out returns SOFTEE_TEST_POKE_TIMEOUT.
	 */
	SOFTEE_TEST_CMD_POKE_WAIT = 15,
	/* every MEMREF_INOUT param: each byte ^= 0xff; other params NONE */
	SOFTEE_TEST_CMD_XOR_ALL = 16,
};

#define SOFTEE_TEST_POKE_TIMEOUT_MS	10000U
#define SOFTEE_TEST_POKE_SKIP		0x100U
/* TEE_ERROR_BUSY: the awaited byte never appeared */
#define SOFTEE_TEST_POKE_TIMEOUT	0xFFFF000DU

#endif /* SOFTEE_TEST_TA_H */
