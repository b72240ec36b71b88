// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target: device-request argument buffers and SHM_REGISTER segments through the driver's pure validators. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "softee_dev.h"
#include "tee_drv.h"


static const uint32_t fuzz_ops[] = {
	TEE_IOC_OPEN_SESSION, TEE_IOC_INVOKE, TEE_IOC_SUPPL_RECV,
	TEE_IOC_SUPPL_SEND, TEE_IOC_VERSION, TEE_IOC_SHM_ALLOC,
};

/*
 * SHM_REGISTER: byte 1 picks the granule and the fd table (sizes and
 * seals), the rest is the request. An accepted plan must describe
 * exactly the granule-rounded range, in runs that stay inside the files.
 */
static void fuzz_register(const uint8_t *data, size_t size)
{
	static const uint64_t gs[] = { 4096, 16384, 65536 };
	struct tee_reg_fdinfo fdi[4];
	struct tee_reg_plan plan;
	struct tee_ioctl_shm_register_data d;
	uint64_t g, frames = 0, start, end;
	uint32_t i;
	int nfds;

	if (size < 2)
		return;
	g = gs[data[1] % 3];
	nfds = (data[1] >> 2) % 5;
	for (i = 0; i < 4; i++) {
		fdi[i].ok = !(data[1] & (0x10 << i)) || i >= 2;
		fdi[i].size = (uint64_t)(i + 1) << 20;
	}
	if (tee_shm_reg_check(data + 2, size - 2, g, 1ULL << 32, fdi, nfds,
			      &plan))
		return;
	memcpy(&d, data + 2, sizeof(d));
	start = d.addr & ~(g - 1);
	end = (d.addr + d.length + g - 1) & ~(g - 1);
	if (plan.start != start || plan.page_off != d.addr - start ||
	    plan.nframes != (end - start) / 4096 || !plan.nruns ||
	    plan.nruns > SOFTEE_TEE_MAX_RUNS)
		__builtin_trap();
	for (i = 0; i < plan.nruns; i++) {
		const struct tee_reg_run *r = &plan.runs[i];

		if (r->first_frame != frames || !r->nframes ||
		    r->fd_index >= (uint32_t)nfds || !fdi[r->fd_index].ok ||
		    r->fd_offset + r->nframes * 4096 > fdi[r->fd_index].size)
			__builtin_trap();
		frames += r->nframes;
	}
	if (frames != plan.nframes)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[SOFTEE_DEV_MAX_PAYLOAD];
	uint32_t op, n;
	size_t off;

	if (size < 1 || size - 1 > sizeof(buf))
		return 0;
	if ((data[0] & 0x7f) == 0x7f) {
		fuzz_register(data, size);
		return 0;
	}
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
