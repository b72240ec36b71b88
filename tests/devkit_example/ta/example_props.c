// SPDX-License-Identifier: BSD-2-Clause
/* Reads the TA's own properties, as declared in user_ta_header_defines.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <tee_internal_api.h>

#include "example.h"

#ifdef EXAMPLE_ALL_FILES
#define PROPS_SEES_ALL 1
#else
#define PROPS_SEES_ALL 0
#endif
#ifdef EXAMPLE_ONLY_MAIN
#define PROPS_SEES_MAIN_ONLY 1
#else
#define PROPS_SEES_MAIN_ONLY 0
#endif
#ifdef EXAMPLE_REMOVED_LATER
#define PROPS_SEES_REMOVED 1
#else
#define PROPS_SEES_REMOVED 0
#endif

int example_props_info(char *buf, size_t len)
{
	return snprintf(buf, len, "props_all=%d props_only_main=%d "
			"props_removed=%d", PROPS_SEES_ALL,
			PROPS_SEES_MAIN_ONLY, PROPS_SEES_REMOVED);
}

/* Appends "name=value\n"; false once buf is full. */
static bool put(char *buf, size_t cap, size_t *used, const char *name,
		const char *value)
{
	int n = snprintf(buf + *used, cap - *used, "%s=%s\n", name, value);

	if (n < 0 || (size_t)n >= cap - *used)
		return false;
	*used += (size_t)n;
	return true;
}

TEE_Result example_properties(char *buf, size_t *len)
{
	static const char *const strings[] = {
		"gpd.ta.description", "gpd.ta.version", "gp.ta.description",
	};
	static const char *const u32s[] = {
		"gpd.ta.stackSize", "gpd.ta.dataSize", "gp.ta.version",
	};
	static const char *const bools[] = {
		"gpd.ta.singleInstance", "gpd.ta.multiSession",
		"gpd.ta.instanceKeepAlive", "org.softee.example.bool",
	};
	char v[96];
	size_t used = 0, vlen, i;
	uint32_t u32;
	uint64_t u64;
	TEE_UUID uuid;
	bool b;
	TEE_Result res;

	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		vlen = sizeof(v);
		res = TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA,
					      strings[i], v, &vlen);
		if (res)
			return res;
		if (!put(buf, *len, &used, strings[i], v))
			return TEE_ERROR_SHORT_BUFFER;
	}
	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++) {
		res = TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, u32s[i],
					   &u32);
		if (res)
			return res;
		snprintf(v, sizeof(v), "%" PRIu32, u32);
		if (!put(buf, *len, &used, u32s[i], v))
			return TEE_ERROR_SHORT_BUFFER;
	}
	for (i = 0; i < sizeof(bools) / sizeof(bools[0]); i++) {
		res = TEE_GetPropertyAsBool(TEE_PROPSET_CURRENT_TA, bools[i],
					    &b);
		if (res)
			return res;
		if (!put(buf, *len, &used, bools[i], b ? "true" : "false"))
			return TEE_ERROR_SHORT_BUFFER;
	}
	res = TEE_GetPropertyAsU64(TEE_PROPSET_CURRENT_TA,
				   "org.softee.example.u64", &u64);
	if (res)
		return res;
	snprintf(v, sizeof(v), "0x%" PRIx64, u64);
	if (!put(buf, *len, &used, "org.softee.example.u64", v))
		return TEE_ERROR_SHORT_BUFFER;
	res = TEE_GetPropertyAsUUID(TEE_PROPSET_CURRENT_TA,
				    "org.softee.example.uuid", &uuid);
	if (res)
		return res;
	snprintf(v, sizeof(v), "%08" PRIx32 "-%04x-%04x-%02x%02x",
		 uuid.timeLow, uuid.timeMid, uuid.timeHiAndVersion,
		 uuid.clockSeqAndNode[0], uuid.clockSeqAndNode[1]);
	if (!put(buf, *len, &used, "org.softee.example.uuid", v))
		return TEE_ERROR_SHORT_BUFFER;
	vlen = sizeof(v) - 1;
	res = TEE_GetPropertyAsBinaryBlock(TEE_PROPSET_CURRENT_TA,
					   "org.softee.example.blob", v, &vlen);
	if (res)
		return res;
	v[vlen] = '\0';
	if (!put(buf, *len, &used, "org.softee.example.blob", v))
		return TEE_ERROR_SHORT_BUFFER;
	*len = used + 1;
	return TEE_SUCCESS;
}
