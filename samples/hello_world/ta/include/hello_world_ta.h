/* SPDX-License-Identifier: BSD-2-Clause */
/* The hello world TA's UUID and commands, shared by the TA and its host. */
#ifndef HELLO_WORLD_TA_H
#define HELLO_WORLD_TA_H

/* Same UUID as OP-TEE's example, so either host program can drive it. */
#define TA_HELLO_WORLD_UUID \
	{ 0x8aaaf200, 0x2450, 0x11e4, \
	  { 0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b } }

/* p0 value inout: a is incremented / decremented by one. */
#define TA_HELLO_WORLD_CMD_INC_VALUE	0
#define TA_HELLO_WORLD_CMD_DEC_VALUE	1

#endif /* HELLO_WORLD_TA_H */
