// SPDX-License-Identifier: BSD-2-Clause
/* The runtime state that ties the Internal API to the host, and TEE_Panic. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tee_internal_api.h>

#include "softee_ta_syscall.h"
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

/* The secure world broke the protocol: nothing sane is left to do. */
static void utee_syscall_broken(const char *why)
{
	static const char msg[] = "softee-ta: bad SYSCALL reply: ";

	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)!write(STDERR_FILENO, why, strlen(why));
	(void)!write(STDERR_FILENO, "\n", 1);
	_exit(SOFTEE_TA_EXIT_PANIC);
}

TEE_Result utee_syscall(uint32_t nr, const void *in, size_t in_len, int in_fd,
			void *out, size_t out_cap, size_t *out_len,
			int *out_fd)
{
	static uint8_t *rx;
	struct softee_ta_hdr hdr = { .magic = SOFTEE_TA_MAGIC,
				     .op = SOFTEE_TA_SYSCALL,
				     .seq = utee_rt.cur_seq };
	struct softee_ta_syscall sc = { .nr = nr };
	struct softee_ta_syscall_ret r;
	struct iovec iov[3];
	int fds[1], nfds = 0;
	ssize_t n;

	if (out_len)
		*out_len = 0;
	if (out_fd)
		*out_fd = -1;
	if (utee_rt.chan_fd < 0 || in_len > SOFTEE_TA_SYSCALL_MAX_DATA ||
	    (in_len && !in))
		return TEE_ERROR_BAD_PARAMETERS;
	/* One buffer for the process: calls in a TA are never concurrent. */
	if (!rx && !(rx = malloc(SOFTEE_TA_SYSCALL_MAX_MSG)))
		return TEE_ERROR_OUT_OF_MEMORY;
	sc.len = (uint32_t)in_len;
	hdr.len = (uint32_t)(sizeof(sc) + in_len);
	iov[0] = (struct iovec){ &hdr, sizeof(hdr) };
	iov[1] = (struct iovec){ &sc, sizeof(sc) };
	iov[2] = (struct iovec){ (void *)in, in_len };
	if (wire_send(utee_rt.chan_fd, iov, in_len ? 3 : 2,
		      in_fd >= 0 ? &in_fd : NULL, in_fd >= 0 ? 1 : 0))
		utee_syscall_broken("cannot send");

	n = wire_recv(utee_rt.chan_fd, rx, SOFTEE_TA_SYSCALL_MAX_MSG, fds,
		      &nfds, 1);
	if (n < (ssize_t)(sizeof(hdr) + sizeof(r)))
		utee_syscall_broken("short or no answer");
	memcpy(&hdr, rx, sizeof(hdr));
	memcpy(&r, rx + sizeof(hdr), sizeof(r));
	if (hdr.magic != SOFTEE_TA_MAGIC || hdr.op != SOFTEE_TA_SYSCALL_RET ||
	    hdr.seq != utee_rt.cur_seq ||
	    (size_t)n != sizeof(hdr) + hdr.len ||
	    hdr.len != sizeof(r) + (size_t)r.len)
		utee_syscall_broken("malformed");
	if (r.len > out_cap || (r.len && !out))
		utee_syscall_broken("longer than asked for");
	if (r.len)
		memcpy(out, rx + sizeof(hdr) + sizeof(r), r.len);
	if (out_len)
		*out_len = r.len;
	if (nfds) {
		if (out_fd)
			*out_fd = fds[0];
		else
			close(fds[0]);
	}
	return r.ret;
}
