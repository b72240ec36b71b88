/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: arbitrary 8 registers through the SMC dispatcher, with
 * no channel. Bytes after the registers become the content of an announced
 * carve-out page, so CALL_WITH_ARG at its PA reaches message validation.
 * Every RPC is answered with zeros so no secure thread stays suspended.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "entry.h"
#include "frame_table.h"
#include "optee_smc.h"
#include "sw_config.h"
#include "thread.h"

#define FZ_PAGES 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fz_init(void)
{
	struct softee_pa_extent e = { SOFTEE_CARVEOUT_DEFAULT_BASE, FZ_PAGES };
	int fd;

	sw_cfg.num_threads = 2;
	ft_init();
	if (thread_init(2, entry_std_thread))
		abort();
	fd = memfd_create("fuzz", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0 || ftruncate(fd, FZ_PAGES * 4096) ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) ||
	    ft_region_add(0, 1, fd, 0, FZ_PAGES, &e, 1))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	uint32_t in[8] = { 0 }, out[8];
	size_t rest;

	if (!inited)
		inited = !fz_init();
	memcpy(in, data, size < sizeof(in) ? size : sizeof(in));
	rest = size > sizeof(in) ? size - sizeof(in) : 0;
	if (rest > FZ_PAGES * 4096)
		rest = FZ_PAGES * 4096;
	if (rest)
		ft_copy_to(SOFTEE_CARVEOUT_DEFAULT_BASE, data + sizeof(in), rest);
	entry_smc(in, out, 0);
	/* Unwind RPCs: ALLOC gets PA 0 (refused), the rest plain returns. */
	for (int i = 0; i < 64 && OPTEE_SMC_RETURN_IS_RPC(out[0]); i++) {
		uint32_t r[8] = { OPTEE_SMC_CALL_RETURN_FROM_RPC };

		r[3] = out[3];
		entry_smc(r, out, 0);
	}
	return 0;
}
