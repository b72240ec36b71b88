/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: arbitrary bytes as a TEE_IOC_SUPPL_RECV result, fed
 * to the supplicant's request decoder and answer encoder.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "supp_req.h"
#include "supp_ta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t out[SUPP_BUF_SIZE / 8];
	struct supp_req req;
	char path[128];
	uint8_t uuid[16];
	uint32_t i;
	int rc;

	for (int async = 0; async < 2; async++) {
		rc = supp_req_decode(data, size, async, &req);
		/* The loop drops what it cannot answer; only the rest goes on. */
		if (rc == -EBADMSG)
			continue;
		for (i = 0; i < req.num_params; i++) {
			(void)supp_req_is_value(&req, i);
			if (supp_req_is_memref(&req, i))
				(void)supp_req_check_range(req.params[i].a,
							   req.params[i].b,
							   1ULL << 20);
		}
		if (req.num_params >= 1) {
			supp_ta_uuid_from_value(req.params[0].a, req.params[0].b, uuid);
			(void)supp_ta_path("/ta", uuid, path, sizeof(path));
		}
		(void)supp_req_encode_reply(&req, 0xffff0006, out);
	}
	return 0;
}
