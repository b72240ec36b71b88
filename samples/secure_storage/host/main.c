// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure storage client: has the TA keep a secret in GP secure storage
 * and give it back. Without arguments it stores, loads, compares and
 * deletes one secret; "store ID TEXT", "load ID" and "delete ID" do one
 * step each (run them in separate stacks sharing `softee run --storage`
 * to see the secret outlive the stack).
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <tee_client_api.h>

#include <secure_storage_ta.h>

static TEEC_Context ctx;
static TEEC_Session sess;

static void open_session(void)
{
	TEEC_UUID uuid = TA_SECURE_STORAGE_UUID;
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
}

static TEEC_Result call(uint32_t cmd, const char *id, void *data,
			size_t *len, uint32_t data_type)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, data_type,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)id;
	op.params[0].tmpref.size = strlen(id);
	if (data_type != TEEC_NONE) {
		op.params[1].tmpref.buffer = data;
		op.params[1].tmpref.size = *len;
	}
	res = TEEC_InvokeCommand(&sess, cmd, &op, &origin);
	if (data_type != TEEC_NONE)
		*len = op.params[1].tmpref.size;
	return res;
}

static TEEC_Result store(const char *id, const char *secret)
{
	size_t len = strlen(secret);

	return call(TA_SECURE_STORAGE_CMD_STORE, id, (void *)secret, &len,
		    TEEC_MEMREF_TEMP_INPUT);
}

static TEEC_Result load(const char *id, char *buf, size_t *len)
{
	return call(TA_SECURE_STORAGE_CMD_LOAD, id, buf, len,
		    TEEC_MEMREF_TEMP_OUTPUT);
}

static TEEC_Result delete(const char *id)
{
	return call(TA_SECURE_STORAGE_CMD_DELETE, id, NULL, NULL, TEEC_NONE);
}

static int demo(void)
{
	const char *id = "sample-secret";
	const char *secret = "the launch code is 0000";
	char buf[256];
	size_t len = sizeof(buf) - 1;
	TEEC_Result res;

	printf("Storing a secret under \"%s\"\n", id);
	res = store(id, secret);
	if (res != TEEC_SUCCESS)
		errx(1, "store failed with code 0x%x", res);
	res = load(id, buf, &len);
	if (res != TEEC_SUCCESS)
		errx(1, "load failed with code 0x%x", res);
	buf[len] = '\0';
	printf("Read back: \"%s\"\n", buf);
	if (len != strlen(secret) || memcmp(buf, secret, len))
		errx(1, "the secret read back differs");
	res = delete(id);
	if (res != TEEC_SUCCESS)
		errx(1, "delete failed with code 0x%x", res);
	len = sizeof(buf);
	res = load(id, buf, &len);
	if (res != TEEC_ERROR_ITEM_NOT_FOUND)
		errx(1, "a deleted secret answered 0x%x", res);
	printf("Deleted; loading it again gives ITEM_NOT_FOUND\n");
	return 0;
}

int main(int argc, char **argv)
{
	char buf[4096];
	size_t len = sizeof(buf) - 1;
	TEEC_Result res;
	int rc = 0;

	open_session();
	if (argc == 1) {
		rc = demo();
	} else if (argc == 4 && !strcmp(argv[1], "store")) {
		res = store(argv[2], argv[3]);
		if (res != TEEC_SUCCESS)
			errx(1, "store failed with code 0x%x", res);
	} else if (argc == 3 && !strcmp(argv[1], "load")) {
		res = load(argv[2], buf, &len);
		if (res != TEEC_SUCCESS)
			errx(1, "load failed with code 0x%x", res);
		buf[len] = '\0';
		printf("%s\n", buf);
	} else if (argc == 3 && !strcmp(argv[1], "delete")) {
		res = delete(argv[2]);
		if (res != TEEC_SUCCESS)
			errx(1, "delete failed with code 0x%x", res);
	} else {
		fprintf(stderr, "usage: %s [store ID TEXT | load ID | delete ID]\n",
			argv[0]);
		rc = 2;
	}
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return rc;
}
