// SPDX-License-Identifier: BSD-2-Clause
/* The runtime state that ties the Internal API to the host, and TEE_Panic. */
#include <string.h>
#include <unistd.h>
#include <tee_internal_api.h>

#include "utee_runtime.h"
#include "wire.h"

struct utee_runtime utee_rt = { .chan_fd = -1 };

void utee_panic_exit(uint32_t code)
{
	struct {
		struct softee_ta_hdr hdr;
		struct softee_ta_panic p;
	} msg;

	memset(&msg, 0, sizeof(msg));
	msg.hdr.magic = SOFTEE_TA_MAGIC;
	msg.hdr.op = SOFTEE_TA_PANIC;
	msg.hdr.len = sizeof(msg.p);
	msg.hdr.seq = utee_rt.cur_seq;
	msg.p.code = code;
	if (utee_rt.chan_fd >= 0)
		(void)wire_send_buf(utee_rt.chan_fd, &msg, sizeof(msg), NULL, 0);
	_exit(SOFTEE_TA_EXIT_PANIC);
}

void TEE_Panic(TEE_Result panicCode)
{
	static const char prefix[] = "softee-ta: TA panicked with code 0x";
	static const char hex[] = "0123456789abcdef";
	char line[sizeof(prefix) + 9];
	int i;

	/* Async-signal-safe formatting: a panicking TA may have a broken heap. */
	memcpy(line, prefix, sizeof(prefix) - 1);
	for (i = 0; i < 8; i++)
		line[sizeof(prefix) - 1 + i] = hex[(panicCode >> (28 - 4 * i)) & 0xF];
	line[sizeof(prefix) - 1 + 8] = '\n';
	(void)!write(STDERR_FILENO, line, sizeof(prefix) + 8);
	utee_panic_exit(panicCode);
}

void utee_uuid_from_octets(TEE_UUID *u, const uint8_t oct[16])
{
	u->timeLow = (uint32_t)oct[0] << 24 | (uint32_t)oct[1] << 16 |
		     (uint32_t)oct[2] << 8 | oct[3];
	u->timeMid = (uint16_t)(oct[4] << 8 | oct[5]);
	u->timeHiAndVersion = (uint16_t)(oct[6] << 8 | oct[7]);
	memcpy(u->clockSeqAndNode, oct + 8, 8);
}

void utee_uuid_to_octets(uint8_t oct[16], const TEE_UUID *u)
{
	oct[0] = u->timeLow >> 24;
	oct[1] = u->timeLow >> 16;
	oct[2] = u->timeLow >> 8;
	oct[3] = u->timeLow;
	oct[4] = u->timeMid >> 8;
	oct[5] = u->timeMid;
	oct[6] = u->timeHiAndVersion >> 8;
	oct[7] = u->timeHiAndVersion;
	memcpy(oct + 8, u->clockSeqAndNode, 8);
}

void TEE_SetInstanceData(const void *instanceData)
{
	utee_rt.instance_data = instanceData;
}

const void *TEE_GetInstanceData(void)
{
	return utee_rt.instance_data;
}
