// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: arbitrary bytes into softee-ta's validator for
 * messages from the secure world. Build with clang -fsanitize=fuzzer
 * -Ilib/protocol -Ita/host tests/fuzz/fuzz_ta_msg.c ta/host/ta_msg.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ta_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ta_msg m;
	unsigned int p;
	uint64_t sum = 0;
	int nfds;

	if (!size)
		return 0;
	/* First byte picks how many fds "arrived" with the message. */
	nfds = data[0] % 4;
	if (ta_msg_parse(data + 1, size - 1, nfds, &m))
		return 0;
	if (m.op != SOFTEE_TA_OPEN_SESSION && m.op != SOFTEE_TA_INVOKE &&
	    m.op != SOFTEE_TA_CLOSE_SESSION)
		return 0;
	/* Whatever passed must be safe for the mapper to walk. */
	for (p = 0; p < 4; p++) {
		uint32_t t = (m.u.call.param_types >> (4 * p)) & 0xF;
		const struct softee_ta_memref *mr = &m.u.call.params[p].memref;

		if (!ta_msg_type_is_memref(t) || !mr->n_runs)
			continue;
		sum = ta_msg_memref_len(&m, p);
		if (sum > TA_MAX_WINDOW || mr->offset + mr->size > sum)
			__builtin_trap();
	}
	return 0;
}
