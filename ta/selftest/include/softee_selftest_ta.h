/* SPDX-License-Identifier: BSD-2-Clause */
/* Commands of the softee self-test TA used by the TA host's unit tests. */
#ifndef SOFTEE_SELFTEST_TA_H
#define SOFTEE_SELFTEST_TA_H

/* 5e1f7e57-50f7-4ee0-9d1e-7e5775e1f7e5 */
#define SOFTEE_SELFTEST_UUID \
	{ 0x5e1f7e57, 0x50f7, 0x4ee0, \
	  { 0x9d, 0x1e, 0x7e, 0x57, 0x75, 0xe1, 0xf7, 0xe5 } }

#define SELFTEST_CMD_PANIC	0 /* p0 value in: a = panic code */
#define SELFTEST_CMD_WAIT	1 /* p0 value in: a = ms, b = 1 to unmask */
#define SELFTEST_CMD_REVERSE	2 /* p0 memref in, p1 memref out: reversed */
#define SELFTEST_CMD_PROPS	3 /* p0 value out: a = dataSize, b = login */
#define SELFTEST_CMD_CRASH	4 /* writes through NULL */
#define SELFTEST_CMD_COUNT	5 /* p0 value inout: a += 1 (per session) */

#endif /* SOFTEE_SELFTEST_TA_H */
