// SPDX-License-Identifier: BSD-2-Clause
/* Hello world client: opens a session to the TA and has it increment 42. */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <tee_client_api.h>

#include <hello_world_ta.h>

int main(void)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid = TA_HELLO_WORLD_UUID;
	TEEC_Result res;
	uint32_t origin;

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext failed with code 0x%x", res);

	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS) {
		TEEC_FinalizeContext(&ctx);
		errx(1, "TEEC_OpenSession failed with code 0x%x origin 0x%x",
		     res, origin);
	}

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 42;

	printf("Invoking TA to increment %u\n", op.params[0].value.a);
	res = TEEC_InvokeCommand(&sess, TA_HELLO_WORLD_CMD_INC_VALUE, &op,
				 &origin);
	if (res != TEEC_SUCCESS) {
		TEEC_CloseSession(&sess);
		TEEC_FinalizeContext(&ctx);
		errx(1, "TEEC_InvokeCommand failed with code 0x%x origin 0x%x",
		     res, origin);
	}
	printf("TA incremented value to %u\n", op.params[0].value.a);

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
