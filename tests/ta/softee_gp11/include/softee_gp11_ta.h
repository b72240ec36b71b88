/* SPDX-License-Identifier: BSD-2-Clause */
/* Commands of the GP 1.1 test TA, shared with its client (host/). */
#ifndef SOFTEE_GP11_TA_H
#define SOFTEE_GP11_TA_H

#define TA_SOFTEE_GP11_UUID \
	{ 0x5eed7e57, 0x0011, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0x11 } }

#define SOFTEE_GP11_DESCRIPTION	"softee GP 1.1 test TA"
#define SOFTEE_GP11_PROP_BLOB	"softee.gp11.blob"
#define SOFTEE_GP11_PROP_STR	"softee.gp11.string"

/* Bytes CMD_SHORT produces. */
#define SOFTEE_GP11_SHORT_NEED	300

enum softee_gp11_cmd {
	/*
	 * p0 VALUE_INOUT: a += 1, b += 2. p1 MEMREF_INOUT: bytes reversed,
	 * size halved. p2 VALUE_OUTPUT: a = sizeof(memref.size) the TA was
	 * compiled with, b = the p1 size it was given.
	 */
	SOFTEE_GP11_CMD_PARAMS = 0,
	/* p0 MEMREF_OUTPUT: SHORT_NEED bytes 'x', or SHORT_BUFFER + size. */
	SOFTEE_GP11_CMD_SHORT = 1,
	/*
	 * Properties through the 1.1 prototypes (uint32_t lengths). p0
	 * MEMREF_OUTPUT: "desc=<gpd.ta.description>;need=<n>;blob=<hex>;
	 * blobneed=<n>;names=<count>;ext=<extension names found>".
	 */
	SOFTEE_GP11_CMD_PROPS = 2,
	/*
	 * Memory functions with uint32_t sizes on p0 MEMREF_INPUT (>= 1
	 * byte). Returns TEE_SUCCESS or 0xE0000000 | number of the failed
	 * check.
	 */
	SOFTEE_GP11_CMD_MEM = 3,
	/*
	 * An AES key of p1.a bits (max p1.b) populated through the 1.1
	 * TEE_Attribute; p0 VALUE_OUTPUT: a = keySize, b = maxKeySize from
	 * TEE_GetObjectInfo1's 1.1 TEE_ObjectInfo. Failed checks as in MEM.
	 */
	SOFTEE_GP11_CMD_OBJECT = 4,
	/* EMSG, IMSG, DMSG and FMSG of "softee-gp11-trace-<E|I|D|F>". */
	SOFTEE_GP11_CMD_TRACE = 5,
};

/* A failed check inside the TA. */
#define SOFTEE_GP11_CHECK_FAILED(n)	(0xE0000000U | (n))

#endif /* SOFTEE_GP11_TA_H */
