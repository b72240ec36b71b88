// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target: an RPC arg from a hostile secure world through the driver's RPC arg validator. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "optee/optee_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t buf[OPTEE_MSG_GET_ARG_SIZE(OPTEE_RPC_NUM_PARAMS) / 8];
	struct optee_msg_arg *out = (struct optee_msg_arg *)buf;

	if (optee_rpc_arg_check(data, size, out))
		return 0;
	if (out->num_params > OPTEE_RPC_NUM_PARAMS ||
	    OPTEE_MSG_GET_ARG_SIZE(out->num_params) > size)
		__builtin_trap();
	return 0;
}
