// SPDX-License-Identifier: BSD-2-Clause
/*
 * The softee test TA: one command per behaviour the integration suite
 * checks (parameters, errors, waits, panics, properties, instance state).
 * The multi-instance and single-session variants compile this same file
 * with different user_ta_header_defines.h.
 */
#include <tee_internal_api.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "include/softee_test_ta.h"

/* Instance memory: survives between sessions of a keep-alive instance. */
static uint32_t test_counter;
static uint32_t test_calls;
static uint32_t test_sessions;

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[4], void **sess_ctx)
{
	*sess_ctx = NULL;
	if (TEE_PARAM_TYPE_GET(param_types, 0) == TEE_PARAM_TYPE_VALUE_INPUT &&
	    params[0].value.a == SOFTEE_TEST_OPEN_FAIL_MAGIC)
		return params[0].value.b;
	if (TEE_PARAM_TYPE_GET(param_types, 0) == TEE_PARAM_TYPE_VALUE_INOUT) {
		params[0].value.a++;
		params[0].value.b++;
	}
	test_sessions++;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
	test_sessions--;
}

static TEE_Result test_echo(uint32_t pt, TEE_Param p[4])
{
	size_t i;

	for (i = 0; i < 4; i++) {
		switch (TEE_PARAM_TYPE_GET(pt, i)) {
		case TEE_PARAM_TYPE_NONE:
		case TEE_PARAM_TYPE_VALUE_INPUT:
			break;
		case TEE_PARAM_TYPE_VALUE_INOUT:
			p[i].value.a++;
			p[i].value.b++;
			break;
		case TEE_PARAM_TYPE_VALUE_OUTPUT:
			p[i].value.a = 0xa0 + i;
			p[i].value.b = 0xb0 + i;
			break;
		default:
			return TEE_ERROR_BAD_PARAMETERS;
		}
	}
	return TEE_SUCCESS;
}

/* FNV-1a, 32 bits: cheap and sensitive to every byte and its position. */
static uint32_t test_fnv(const uint8_t *b, size_t n)
{
	uint32_t h = 2166136261U;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 16777619U;
	}
	return h;
}

static TEE_Result test_checksum(uint32_t pt, TEE_Param p[4])
{
	uint32_t t2 = TEE_PARAM_TYPE_GET(pt, 2);

	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_MEMREF_INPUT ||
	    TEE_PARAM_TYPE_GET(pt, 1) != TEE_PARAM_TYPE_VALUE_OUTPUT ||
	    (t2 != TEE_PARAM_TYPE_NONE && t2 != TEE_PARAM_TYPE_VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!p[0].memref.buffer && p[0].memref.size)
		return TEE_ERROR_BAD_PARAMETERS;
	p[1].value.a = test_fnv(p[0].memref.buffer, p[0].memref.size);
	p[1].value.b = p[0].memref.size;
	if (t2 == TEE_PARAM_TYPE_VALUE_OUTPUT) {
		p[2].value.a = p[0].memref.buffer == NULL;
		p[2].value.b = 0;
	}
	return TEE_SUCCESS;
}

static TEE_Result test_fill(uint32_t pt, TEE_Param p[4])
{
	uint32_t t0 = TEE_PARAM_TYPE_GET(pt, 0);
	uint8_t *buf = p[0].memref.buffer;
	size_t n, i;

	if ((t0 != TEE_PARAM_TYPE_MEMREF_OUTPUT &&
	     t0 != TEE_PARAM_TYPE_MEMREF_INOUT) ||
	    TEE_PARAM_TYPE_GET(pt, 1) != TEE_PARAM_TYPE_VALUE_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	n = p[1].value.b ? p[1].value.b : p[0].memref.size;
	if (p[0].memref.size < n) {
		p[0].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (n && !buf)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < n; i++)
		buf[i] = (uint8_t)(p[1].value.a + 7 * i);
	p[0].memref.size = n;
	return TEE_SUCCESS;
}

static TEE_Result test_xor(uint32_t pt, TEE_Param p[4])
{
	uint8_t *buf = p[0].memref.buffer;
	size_t i;

	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_MEMREF_INOUT)
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[0].memref.size && !buf)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < p[0].memref.size; i++)
		buf[i] ^= 0xff;
	return TEE_SUCCESS;
}

static TEE_Result test_param_types(uint32_t pt, TEE_Param p[4])
{
	size_t i;

	for (i = 0; i < 4; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(pt, i);

		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT ||
		    t == TEE_PARAM_TYPE_VALUE_INOUT) {
			p[i].value.a = pt;
			p[i].value.b = 0;
		}
	}
	return TEE_SUCCESS;
}

static TEE_Result test_wait(uint32_t pt, TEE_Param p[4])
{
	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_VALUE_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	/* GP leaves the default mask to the implementation: be explicit. */
	TEE_UnmaskCancellation();
	return TEE_Wait(p[0].value.a);
}

static TEE_Result test_crash(void)
{
	/* volatile so the compiler cannot drop or trap the store itself */
	volatile uint32_t *volatile ptr = NULL;

	*ptr = 0xdead;
	return TEE_ERROR_GENERIC;
}

static TEE_Result test_identity(uint32_t pt, TEE_Param p[4])
{
	TEE_Identity id;
	TEE_Result res;

	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_VALUE_OUTPUT ||
	    TEE_PARAM_TYPE_GET(pt, 1) != TEE_PARAM_TYPE_MEMREF_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].memref.size < sizeof(id.uuid)) {
		p[1].memref.size = sizeof(id.uuid);
		return TEE_ERROR_SHORT_BUFFER;
	}
	res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					"gpd.client.identity", &id);
	if (res != TEE_SUCCESS)
		return res;
	p[0].value.a = id.login;
	p[0].value.b = 0;
	memcpy(p[1].memref.buffer, &id.uuid, sizeof(id.uuid));
	p[1].memref.size = sizeof(id.uuid);
	return TEE_SUCCESS;
}

static TEE_Result test_props(uint32_t pt, TEE_Param p[4])
{
	static const char *const flags[] = {
		"gpd.ta.singleInstance", "gpd.ta.multiSession",
		"gpd.ta.instanceKeepAlive",
	};
	TEE_Result res;
	uint32_t bits = 0, u = 0;
	size_t i;
	bool b;
	TEE_UUID uuid;
	size_t slen;

	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_VALUE_OUTPUT ||
	    TEE_PARAM_TYPE_GET(pt, 1) != TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	    TEE_PARAM_TYPE_GET(pt, 2) != TEE_PARAM_TYPE_MEMREF_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		res = TEE_GetPropertyAsBool(TEE_PROPSET_CURRENT_TA, flags[i],
					    &b);
		if (res != TEE_SUCCESS)
			return res;
		if (b)
			bits |= 1U << i;
	}
	res = TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA,
				   SOFTEE_TEST_PROP_U32_NAME, &u);
	if (res != TEE_SUCCESS)
		return res;
	if (p[1].memref.size < sizeof(uuid))
		return TEE_ERROR_SHORT_BUFFER;
	res = TEE_GetPropertyAsUUID(TEE_PROPSET_CURRENT_TA, "gpd.ta.appID",
				    &uuid);
	if (res != TEE_SUCCESS)
		return res;
	memcpy(p[1].memref.buffer, &uuid, sizeof(uuid));
	p[1].memref.size = sizeof(uuid);
	slen = p[2].memref.size;
	res = TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA,
				      SOFTEE_TEST_PROP_STR_NAME,
				      p[2].memref.buffer, &slen);
	p[2].memref.size = slen;
	if (res != TEE_SUCCESS)
		return res;
	p[0].value.a = bits;
	p[0].value.b = u;
	return TEE_SUCCESS;
}

static TEE_Result test_time(uint32_t pt, TEE_Param p[4])
{
	TEE_Time t;

	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_VALUE_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_GetSystemTime(&t);
	p[0].value.a = t.seconds;
	p[0].value.b = t.millis;
	return TEE_SUCCESS;
}

static TEE_Result test_random(uint32_t pt, TEE_Param p[4])
{
	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_MEMREF_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[0].memref.size && !p[0].memref.buffer)
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_GenerateRandom(p[0].memref.buffer, p[0].memref.size);
	return TEE_SUCCESS;
}

static TEE_Result test_value_out(uint32_t pt, TEE_Param p[4], uint32_t a,
				 uint32_t b)
{
	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_VALUE_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a = a;
	p[0].value.b = b;
	return TEE_SUCCESS;
}

static uint32_t test_ms_now(void)
{
	TEE_Time t;

	TEE_GetSystemTime(&t);
	return t.seconds * 1000U + t.millis;
}

/* Another party (client, other session) writes the awaited byte while
 * this call runs: only memory shared in place can show it. */
static TEE_Result test_poke_wait(uint32_t pt, TEE_Param p[4])
{
	volatile uint8_t *buf = p[0].memref.buffer;
	size_t size = p[0].memref.size;
	uint32_t start;
	size_t i;

	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_MEMREF_INOUT || !buf)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 1; i < 4; i++)
		if (TEE_PARAM_TYPE_GET(pt, i) != TEE_PARAM_TYPE_VALUE_INPUT ||
		    (p[i].value.b < SOFTEE_TEST_POKE_SKIP &&
		     p[i].value.a >= size))
			return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].value.b < SOFTEE_TEST_POKE_SKIP)
		buf[p[1].value.a] = (uint8_t)p[1].value.b;
	if (p[2].value.b < SOFTEE_TEST_POKE_SKIP) {
		start = test_ms_now();
		while (buf[p[2].value.a] != (uint8_t)p[2].value.b) {
			if (test_ms_now() - start > SOFTEE_TEST_POKE_TIMEOUT_MS)
				return SOFTEE_TEST_POKE_TIMEOUT;
			TEE_Wait(1);
		}
	}
	if (p[3].value.b < SOFTEE_TEST_POKE_SKIP)
		buf[p[3].value.a] = (uint8_t)p[3].value.b;
	return TEE_SUCCESS;
}

static TEE_Result test_xor_all(uint32_t pt, TEE_Param p[4])
{
	size_t i, j;

	for (i = 0; i < 4; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(pt, i);
		uint8_t *b = p[i].memref.buffer;

		if (t == TEE_PARAM_TYPE_NONE)
			continue;
		if (t != TEE_PARAM_TYPE_MEMREF_INOUT ||
		    (p[i].memref.size && !b))
			return TEE_ERROR_BAD_PARAMETERS;
		for (j = 0; j < p[i].memref.size; j++)
			b[j] ^= 0xff;
	}
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t pt, TEE_Param params[4])
{
	(void)sess_ctx;
	test_calls++;
	switch (cmd_id) {
	case SOFTEE_TEST_CMD_ECHO:
		return test_echo(pt, params);
	case SOFTEE_TEST_CMD_CHECKSUM:
		return test_checksum(pt, params);
	case SOFTEE_TEST_CMD_FILL:
		return test_fill(pt, params);
	case SOFTEE_TEST_CMD_XOR:
		return test_xor(pt, params);
	case SOFTEE_TEST_CMD_PARAM_TYPES:
		return test_param_types(pt, params);
	case SOFTEE_TEST_CMD_WAIT:
		return test_wait(pt, params);
	case SOFTEE_TEST_CMD_PANIC:
		TEE_Panic(0x5eed);
		return TEE_ERROR_GENERIC;
	case SOFTEE_TEST_CMD_CRASH:
		return test_crash();
	case SOFTEE_TEST_CMD_RETURN:
		if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_VALUE_INPUT)
			return TEE_ERROR_BAD_PARAMETERS;
		return params[0].value.a;
	case SOFTEE_TEST_CMD_IDENTITY:
		return test_identity(pt, params);
	case SOFTEE_TEST_CMD_PROPS:
		return test_props(pt, params);
	case SOFTEE_TEST_CMD_TIME:
		return test_time(pt, params);
	case SOFTEE_TEST_CMD_RANDOM:
		return test_random(pt, params);
	case SOFTEE_TEST_CMD_COUNTER:
		test_counter++;
		return test_value_out(pt, params, test_counter, test_sessions);
	case SOFTEE_TEST_CMD_CALLS:
		return test_value_out(pt, params, test_calls, 0);
	case SOFTEE_TEST_CMD_POKE_WAIT:
		return test_poke_wait(pt, params);
	case SOFTEE_TEST_CMD_XOR_ALL:
		return test_xor_all(pt, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
