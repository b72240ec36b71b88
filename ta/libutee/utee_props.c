// SPDX-License-Identifier: BSD-2-Clause
/* Contents of the TA, client and TEE implementation property sets. */
#include <errno.h>
#include <string.h>
#include <tee_internal_api.h>

#include "utee_props.h"
#include "utee_runtime.h"

/* Storage for properties computed from runtime state. */
static TEE_UUID utee_app_id;

static const uint32_t utee_tee_u32_100 = 100;
static const uint32_t utee_tee_u32_0;
static const uint32_t utee_tee_bigint_max = 2048;
static const bool utee_tee_false;
static const TEE_UUID utee_tee_device_id = {
	0x736f6674, 0x6565, 0x4000,
	{ 0x80, 0x00, 0x73, 0x6f, 0x66, 0x74, 0x65, 0x65 }
};
static const uint32_t utee_endian_little;

static const struct user_ta_property utee_tee_props[] = {
	{ "gpd.tee.apiversion", USER_TA_PROP_TYPE_STRING, "1.3.1" },
	{ "gpd.tee.internalCore.version", USER_TA_PROP_TYPE_U32,
	  &(const uint32_t){ TEE_CORE_API_VERSION } },
	{ "gpd.tee.description", USER_TA_PROP_TYPE_STRING,
	  "softee: OP-TEE compatible TEE as Linux processes" },
	{ "gpd.tee.deviceID", USER_TA_PROP_TYPE_UUID, &utee_tee_device_id },
	{ "gpd.tee.systemTime.protectionLevel", USER_TA_PROP_TYPE_U32,
	  &utee_tee_u32_100 },
	{ "gpd.tee.TAPersistentTime.protectionLevel", USER_TA_PROP_TYPE_U32,
	  &utee_tee_u32_100 },
	{ "gpd.tee.arith.maxBigIntSize", USER_TA_PROP_TYPE_U32,
	  &utee_tee_bigint_max },
	{ "gpd.tee.cryptography.ecc", USER_TA_PROP_TYPE_BOOL, &utee_tee_false },
	{ "gpd.tee.trustedStorage.antiRollback.protectionLevel",
	  USER_TA_PROP_TYPE_U32, &utee_tee_u32_0 },
	{ "gpd.tee.trustedStorage.rollbackDetection.protectionLevel",
	  USER_TA_PROP_TYPE_U32, &utee_tee_u32_0 },
	{ "gpd.tee.trustedos.implementation.version", USER_TA_PROP_TYPE_STRING,
	  "softee " SOFTEE_VERSION },
	{ "gpd.tee.trustedos.implementation.binaryversion",
	  USER_TA_PROP_TYPE_U32, &utee_tee_u32_0 },
	{ "gpd.tee.trustedos.manufacturer", USER_TA_PROP_TYPE_STRING, "softee" },
	{ "gpd.tee.firmware.implementation.version", USER_TA_PROP_TYPE_STRING,
	  "softee " SOFTEE_VERSION },
	{ "gpd.tee.firmware.implementation.binaryversion",
	  USER_TA_PROP_TYPE_U32, &utee_tee_u32_0 },
	{ "gpd.tee.firmware.manufacturer", USER_TA_PROP_TYPE_STRING, "softee" },
};

int utee_propset_from_handle(TEE_PropSetHandle h, enum utee_propset *set)
{
	if (h == TEE_PROPSET_CURRENT_TA)
		*set = UTEE_PROPSET_TA;
	else if (h == TEE_PROPSET_CURRENT_CLIENT)
		*set = UTEE_PROPSET_CLIENT;
	else if (h == TEE_PROPSET_TEE_IMPLEMENTATION)
		*set = UTEE_PROPSET_TEE;
	else
		return -EINVAL;
	return 0;
}

static int utee_prop_ta_at(size_t idx, struct user_ta_property *prop)
{
	const struct softee_ta_head *head = utee_rt.head;

	if (!head)
		return -ENOENT;
	/* gpd.ta.appID comes from the head, the rest from the TA's table. */
	if (idx == 0) {
		utee_app_id = head->uuid;
		prop->name = "gpd.ta.appID";
		prop->type = USER_TA_PROP_TYPE_UUID;
		prop->value = &utee_app_id;
		return 0;
	}
	if (idx - 1 >= head->num_props || !head->props)
		return -ENOENT;
	*prop = head->props[idx - 1];
	if (!prop->name || !prop->value)
		return -ENOENT;
	return 0;
}

static int utee_prop_client_at(size_t idx, struct user_ta_property *prop)
{
	if (!utee_rt.cur_sess)
		return -ENOENT;
	switch (idx) {
	case 0:
		prop->name = "gpd.client.identity";
		prop->type = USER_TA_PROP_TYPE_IDENTITY;
		prop->value = &utee_rt.cur_sess->client;
		return 0;
	case 1:
		prop->name = "gpd.client.endian";
		prop->type = USER_TA_PROP_TYPE_U32;
		prop->value = &utee_endian_little;
		return 0;
	default:
		return -ENOENT;
	}
}

int utee_prop_at(enum utee_propset set, size_t idx,
		 struct user_ta_property *prop)
{
	switch (set) {
	case UTEE_PROPSET_TA:
		return utee_prop_ta_at(idx, prop);
	case UTEE_PROPSET_CLIENT:
		return utee_prop_client_at(idx, prop);
	case UTEE_PROPSET_TEE:
		if (idx >= sizeof(utee_tee_props) / sizeof(utee_tee_props[0]))
			return -ENOENT;
		*prop = utee_tee_props[idx];
		return 0;
	}
	return -ENOENT;
}

int utee_prop_find(enum utee_propset set, const char *name,
		   struct user_ta_property *prop)
{
	size_t i;

	if (!name)
		return -ENOENT;
	for (i = 0; utee_prop_at(set, i, prop) == 0; i++)
		if (!strcmp(prop->name, name))
			return 0;
	return -ENOENT;
}

static int utee_b64_val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

long utee_base64_decode(const char *in, void *out, size_t cap)
{
	unsigned char *o = out;
	uint32_t acc = 0;
	size_t n = 0;
	int bits = 0, v;

	for (; *in && *in != '='; in++) {
		v = utee_b64_val(*in);
		if (v < 0)
			return -EINVAL;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			/* Count even past cap so the caller learns the size. */
			if (n < cap)
				o[n] = (unsigned char)(acc >> bits);
			n++;
		}
	}
	if (n > (size_t)(((unsigned long)-1) >> 1))
		return -EOVERFLOW;
	return (long)n;
}
