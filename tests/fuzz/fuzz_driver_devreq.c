// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target: device-request argument buffers through the driver's pure validators. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "softee_dev.h"
#include "tee_drv.h"


static const uint32_t fuzz_ops[] = {
	TEE_IOC_OPEN_SESSION, TEE_IOC_INVOKE, TEE_IOC_SUPPL_RECV,
	TEE_IOC_SUPPL_SEND, TEE_IOC_VERSION, TEE_IOC_SHM_ALLOC,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[SOFTEE_DEV_MAX_PAYLOAD];
	uint32_t op, n;
	size_t off;

	if (size < 1 || size - 1 > sizeof(buf))
		return 0;
	op = fuzz_ops[data[0] % (sizeof(fuzz_ops) / sizeof(fuzz_ops[0]))];
	memcpy(buf, data + 1, size - 1);
	if (tee_validate_arg_buf(op, buf, size - 1, &n, &off))
		return 0;
	/* Accepted: the params must lie exactly inside the buffer. */
	if (off + (size_t)n * sizeof(struct tee_ioctl_param) != size - 1)
		__builtin_trap();
	tee_validate_uparams((const struct tee_ioctl_param *)(buf + off), n,
			     data[0] & 0x80);
	return 0;
}
