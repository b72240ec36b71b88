/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef TA_DEVKIT_EXAMPLE_H
#define TA_DEVKIT_EXAMPLE_H

/* 5eed7e57-00e0-4c1e-9a7b-50f7ee0000e0 */
#define TA_DEVKIT_EXAMPLE_UUID \
	{ 0x5eed7e57, 0x00e0, 0x4c1e, \
		{ 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0xe0 } }

/* The function IDs implemented in this TA */
#define TA_DEVKIT_EXAMPLE_CMD_INC_VALUE		0 /* p0 VALUE_INOUT: a += 1 */
#define TA_DEVKIT_EXAMPLE_CMD_BUILD_INFO	1 /* p0 MEMREF_OUTPUT: text */
#define TA_DEVKIT_EXAMPLE_CMD_PROPERTIES	2 /* p0 MEMREF_OUTPUT: text */
#define TA_DEVKIT_EXAMPLE_CMD_TRACE		3 /* {E,I,D,F}MSG markers */

#endif /* TA_DEVKIT_EXAMPLE_H */
