// SPDX-License-Identifier: BSD-2-Clause
/*
 * Client of the GP 1.1 test TA: every command once, printing one
 * PASS:/FAIL: line per case (names prefixed with gp11/).
 * usage: softee_gp11_client [CASE...]   (default: every case)
 * CASE: params short props mem object trace big
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tee_client_api.h>

#include <softee_gp11_ta.h>

static TEEC_Session sess;
static int failures;

static void report(const char *name, int ok, const char *why)
{
	if (ok) {
		printf("PASS: gp11/%s\n", name);
	} else {
		printf("FAIL: gp11/%s: %s\n", name, why);
		failures++;
	}
}

static TEEC_Result invoke(uint32_t cmd, TEEC_Operation *op, uint32_t *origin)
{
	return TEEC_InvokeCommand(&sess, cmd, op, origin);
}

static void case_params(void)
{
	uint8_t buf[64];
	TEEC_Operation op = { 0 };
	uint32_t origin, i;
	TEEC_Result r;
	char why[128];
	int ok = 1;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)i;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT,
					 TEEC_MEMREF_TEMP_INOUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].value.a = 10;
	op.params[0].value.b = 20;
	op.params[1].tmpref.buffer = buf;
	op.params[1].tmpref.size = sizeof(buf);
	r = invoke(SOFTEE_GP11_CMD_PARAMS, &op, &origin);
	snprintf(why, sizeof(why), "res 0x%x origin %u a %u b %u size %zu "
		 "seen %u/%u", r, origin, op.params[0].value.a,
		 op.params[0].value.b, op.params[1].tmpref.size,
		 op.params[2].value.a, op.params[2].value.b);
	if (r != TEEC_SUCCESS || op.params[0].value.a != 11 ||
	    op.params[0].value.b != 22 ||
	    op.params[1].tmpref.size != sizeof(buf) / 2 ||
	    op.params[2].value.a != 4 || op.params[2].value.b != sizeof(buf))
		ok = 0;
	for (i = 0; i < sizeof(buf); i++)
		if (buf[i] != (uint8_t)(sizeof(buf) - 1 - i))
			ok = 0;
	report("params_converted", ok, why);
}

static void case_short(void)
{
	char buf[SOFTEE_GP11_SHORT_NEED];
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;
	char why[96];

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = 10;
	r = invoke(SOFTEE_GP11_CMD_SHORT, &op, &origin);
	snprintf(why, sizeof(why), "res 0x%x size %zu", r,
		 op.params[0].tmpref.size);
	report("short_buffer_size", r == TEEC_ERROR_SHORT_BUFFER &&
	       op.params[0].tmpref.size == SOFTEE_GP11_SHORT_NEED, why);
	op.params[0].tmpref.size = sizeof(buf);
	r = invoke(SOFTEE_GP11_CMD_SHORT, &op, &origin);
	snprintf(why, sizeof(why), "res 0x%x size %zu", r,
		 op.params[0].tmpref.size);
	report("short_buffer_retry", r == TEEC_SUCCESS &&
	       op.params[0].tmpref.size == SOFTEE_GP11_SHORT_NEED &&
	       buf[0] == 'x' && buf[sizeof(buf) - 1] == 'x', why);
}

static void case_props(void)
{
	char buf[512], expect[256];
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf) - 1;
	r = invoke(SOFTEE_GP11_CMD_PROPS, &op, &origin);
	if (r != TEEC_SUCCESS) {
		snprintf(expect, sizeof(expect), "res 0x%x origin %u", r,
			 origin);
		report("properties", 0, expect);
		return;
	}
	buf[sizeof(buf) - 1] = '\0';
	/* gpd.ta.appID, the 7 gpd.ta.* of the dev kit and the 2 of the TA. */
	snprintf(expect, sizeof(expect), "desc=%s;need=%zu;blob=00010203;"
		 "blobneed=4;names=10;ext=%s,%s", SOFTEE_GP11_DESCRIPTION,
		 sizeof(SOFTEE_GP11_DESCRIPTION), SOFTEE_GP11_PROP_BLOB,
		 SOFTEE_GP11_PROP_STR);
	report("properties", !strcmp(buf, expect), buf);
}

static void case_mem(void)
{
	uint8_t data[1000];
	TEEC_Operation op = { 0 };
	uint32_t origin, i;
	TEEC_Result r;
	char why[64];

	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7 + 1);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = data;
	op.params[0].tmpref.size = sizeof(data);
	r = invoke(SOFTEE_GP11_CMD_MEM, &op, &origin);
	snprintf(why, sizeof(why), "res 0x%x origin %u", r, origin);
	report("memory_functions", r == TEEC_SUCCESS, why);
}

static void case_object(void)
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;
	char why[96];

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_VALUE_INPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[1].value.a = 128;
	op.params[1].value.b = 256;
	r = invoke(SOFTEE_GP11_CMD_OBJECT, &op, &origin);
	snprintf(why, sizeof(why), "res 0x%x origin %u keySize %u maxKeySize %u",
		 r, origin, op.params[0].value.a, op.params[0].value.b);
	report("object_info_keysize", r == TEEC_SUCCESS &&
	       op.params[0].value.a == 128 && op.params[0].value.b == 256,
	       why);
}

static void case_trace(void)
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;
	char why[64];

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE,
					 TEEC_NONE);
	r = invoke(SOFTEE_GP11_CMD_TRACE, &op, &origin);
	snprintf(why, sizeof(why), "res 0x%x origin %u", r, origin);
	report("trace_command", r == TEEC_SUCCESS, why);
}

/*
 * A GP 1.1 TA cannot be given a memref of 4 GiB or more (its sizes are
 * 32 bits): softee refuses the call before entering the TA. Needs 4 GiB
 * of (untouched) shared memory; without it the case is skipped.
 */
static void case_big(TEEC_Context *ctx)
{
	TEEC_SharedMemory shm = { 0 };
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Result r;
	char why[64];

	shm.size = ((size_t)1 << 32) + 4096;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	r = TEEC_AllocateSharedMemory(ctx, &shm);
	if (r != TEEC_SUCCESS) {
		printf("SKIP: gp11/memref_4gib_refused: no 4 GiB of shared "
		       "memory here (0x%x)\n", r);
		return;
	}
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT,
					 TEEC_MEMREF_WHOLE,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[1].memref.parent = &shm;
	r = invoke(SOFTEE_GP11_CMD_PARAMS, &op, &origin);
	snprintf(why, sizeof(why), "res 0x%x origin %u", r, origin);
	report("memref_4gib_refused", r == TEEC_ERROR_BAD_PARAMETERS &&
	       origin == TEEC_ORIGIN_TEE && op.params[0].value.a == 0, why);
	TEEC_ReleaseSharedMemory(&shm);
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "params", case_params }, { "short", case_short },
	{ "props", case_props }, { "mem", case_mem },
	{ "object", case_object }, { "trace", case_trace },
};

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_UUID uuid = TA_SOFTEE_GP11_UUID;
	uint32_t origin;
	TEEC_Result r;
	size_t i;
	int a;

	r = TEEC_InitializeContext(NULL, &ctx);
	if (r != TEEC_SUCCESS) {
		printf("FAIL: gp11/context: 0x%x\n", r);
		return 1;
	}
	r = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			     NULL, &origin);
	if (r != TEEC_SUCCESS) {
		printf("FAIL: gp11/open_session: 0x%x origin %u\n", r, origin);
		TEEC_FinalizeContext(&ctx);
		return 1;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (a = 1; a < argc && strcmp(argv[a], cases[i].name); a++)
			;
		if (argc == 1 || a < argc)
			cases[i].fn();
	}
	for (a = 1; a < argc && strcmp(argv[a], "big"); a++)
		;
	if (argc == 1 || a < argc)
		case_big(&ctx);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return failures ? 1 : 0;
}
