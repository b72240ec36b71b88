// SPDX-License-Identifier: BSD-2-Clause
/*
 * Client of the dev kit example TA: increments a value, then prints what
 * the TA reports about its build and its properties, and asks it to
 * trace. Exits non-zero if any call fails.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

/* OP-TEE TEE client API (built by optee_client) */
#include <tee_client_api.h>

/* For the UUID (found in the TA's h-file(s)) */
#include <devkit_example_ta.h>

static void text_command(TEEC_Session *sess, uint32_t cmd, const char *what)
{
	char buf[1024];
	TEEC_Operation op;
	uint32_t err_origin;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf) - 1;
	res = TEEC_InvokeCommand(sess, cmd, &op, &err_origin);
	if (res != TEEC_SUCCESS)
		errx(1, "%s: TEEC_InvokeCommand failed with code 0x%x origin 0x%x",
		     what, res, err_origin);
	buf[op.params[0].tmpref.size < sizeof(buf) ?
	    op.params[0].tmpref.size : sizeof(buf) - 1] = '\0';
	printf("%s: %s\n", what, buf);
}

int main(void)
{
	TEEC_Result res;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_UUID uuid = TA_DEVKIT_EXAMPLE_UUID;
	uint32_t err_origin;

	/* Initialize a context connecting us to the TEE */
	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext failed with code 0x%x", res);

	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &err_origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_Opensession failed with code 0x%x origin 0x%x",
		     res, err_origin);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 42;
	printf("Invoking TA to increment %d\n", op.params[0].value.a);
	res = TEEC_InvokeCommand(&sess, TA_DEVKIT_EXAMPLE_CMD_INC_VALUE, &op,
				 &err_origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InvokeCommand failed with code 0x%x origin 0x%x",
		     res, err_origin);
	printf("TA incremented value to %d\n", op.params[0].value.a);

	text_command(&sess, TA_DEVKIT_EXAMPLE_CMD_BUILD_INFO, "build");
	text_command(&sess, TA_DEVKIT_EXAMPLE_CMD_PROPERTIES, "properties");

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE,
					 TEEC_NONE);
	res = TEEC_InvokeCommand(&sess, TA_DEVKIT_EXAMPLE_CMD_TRACE, &op,
				 &err_origin);
	if (res != TEEC_SUCCESS)
		errx(1, "trace: TEEC_InvokeCommand failed with code 0x%x", res);

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
