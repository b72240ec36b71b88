/* SPDX-License-Identifier: BSD-2-Clause */
/* libFuzzer target: arbitrary bytes as an optee_msg_arg through msg_arg_parse. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg_param.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct optee_msg_arg *arg;
	struct msg_call c;

	/* The real caller hands over an 8-byte aligned private copy. */
	arg = malloc(size ? size : 1);
	if (!arg)
		return 0;
	memcpy(arg, data, size);
	if (!msg_arg_parse(arg, size, &c)) {
		/* What survived must be coherent for the layers below. */
		if (c.n_params > MSG_NUM_CLIENT_PARAMS ||
		    OPTEE_MSG_GET_ARG_SIZE(c.first_client + c.n_params) > size)
			abort();
		for (uint32_t i = 0; i < c.n_params; i++) {
			const struct msg_param *p = &c.params[i];

			if (p->gp_type > 7 || p->gp_type == 4)
				abort();
			if (msg_type_is_tmem(p->msg_type) && !p->null_ref &&
			    p->pa + p->size < p->pa)
				abort();
		}
		(void)msg_call_param_types(&c);
	}
	free(arg);
	return 0;
}
