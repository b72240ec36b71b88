/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: arbitrary bytes as a driver's reply to each kind of
 * request, through the device layer's pure reply validation.
 * Build (by the top-level fuzz rule): clang -fsanitize=fuzzer,address
 * -Iinclude/uapi -Ilib/protocol -Ilib/libteec with lib/libteec/teedev_reply.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/tee.h>

#include "softee_dev.h"
#include "teedev_reply.h"

static const uint32_t fuzz_ops[] = {
	TEE_IOC_VERSION, TEE_IOC_SHM_ALLOC, TEE_IOC_OPEN_SESSION,
	TEE_IOC_INVOKE, TEE_IOC_CANCEL, TEE_IOC_CLOSE_SESSION,
	TEE_IOC_SUPPL_RECV, TEE_IOC_SUPPL_SEND, TEE_IOC_SHM_REGISTER,
	SOFTEE_DEV_OP_SHM_RELEASE, SOFTEE_DEV_OP_INFO,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct softee_dev_rep hdr;
	int nfds;

	/* First byte: how many fds "came" with the message. */
	if (size < 1)
		return 0;
	nfds = data[0] % 10;
	data++;
	size--;
	if (teedev_reply_parse(data, size, nfds, &hdr))
		return 0;
	/* A parsed reply must be self-consistent whatever the input. */
	if (hdr.len != size - sizeof(hdr) || hdr.ret > 0)
		__builtin_trap();
	for (size_t i = 0; i < sizeof(fuzz_ops) / sizeof(fuzz_ops[0]); i++) {
		uint32_t req_len = (uint32_t)(size * 7 % (TEE_MAX_ARG_SIZE + 1));

		if (!teedev_reply_check_op(fuzz_ops[i], req_len, &hdr, nfds) &&
		    hdr.ret == 0 &&
		    hdr.len > teedev_reply_expected_len(fuzz_ops[i], req_len))
			__builtin_trap();
	}
	return 0;
}
