// SPDX-License-Identifier: BSD-2-Clause
/* GP property access functions and property enumerators. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <tee_internal_api.h>

#include "utee_props.h"
#include "utee_runtime.h"

#define UTEE_PROP_ENUM_MAGIC 0x50454e55U

struct utee_prop_enum {
	uint32_t magic;
	bool started;
	enum utee_propset set;
	size_t idx;
	struct utee_prop_enum *next;
};

/* Every live enumerator, so a bogus handle is caught (GP: panic). */
static struct utee_prop_enum *utee_enums;

static struct utee_prop_enum *utee_enum_check(TEE_PropSetHandle h)
{
	struct utee_prop_enum *e;

	for (e = utee_enums; e; e = e->next)
		if ((void *)e == (void *)h)
			return e;
	TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

/* The property a getter refers to: by name in a set, or an enumerator's. */
static TEE_Result utee_prop_resolve(TEE_PropSetHandle h, const char *name,
				    struct user_ta_property *prop)
{
	enum utee_propset set;
	struct utee_prop_enum *e;

	if (!utee_propset_from_handle(h, &set)) {
		if (!name)
			TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
		if (utee_prop_find(set, name, prop))
			return TEE_ERROR_ITEM_NOT_FOUND;
		return TEE_SUCCESS;
	}
	e = utee_enum_check(h);
	if (!e->started || utee_prop_at(e->set, e->idx, prop))
		return TEE_ERROR_ITEM_NOT_FOUND;
	return TEE_SUCCESS;
}

static void utee_uuid_fmt(char *buf, size_t len, const TEE_UUID *u)
{
	snprintf(buf, len,
		 "%08" PRIx32 "-%04" PRIx16 "-%04" PRIx16
		 "-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 u->timeLow, u->timeMid, u->timeHiAndVersion,
		 u->clockSeqAndNode[0], u->clockSeqAndNode[1],
		 u->clockSeqAndNode[2], u->clockSeqAndNode[3],
		 u->clockSeqAndNode[4], u->clockSeqAndNode[5],
		 u->clockSeqAndNode[6], u->clockSeqAndNode[7]);
}

static int utee_hexbyte(const char *s)
{
	int hi, lo;

	hi = (s[0] >= '0' && s[0] <= '9') ? s[0] - '0' :
	     (s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'f' ? (s[0] | 0x20) - 'a' + 10 : -1;
	lo = (s[1] >= '0' && s[1] <= '9') ? s[1] - '0' :
	     (s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'f' ? (s[1] | 0x20) - 'a' + 10 : -1;
	return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
}

static int utee_uuid_parse(const char *s, TEE_UUID *u)
{
	uint8_t oct[16];
	size_t i = 0;
	int b;

	while (i < 16) {
		if (*s == '-') {
			s++;
			continue;
		}
		if (!s[0] || !s[1])
			return -EINVAL;
		b = utee_hexbyte(s);
		if (b < 0)
			return -EINVAL;
		oct[i++] = (uint8_t)b;
		s += 2;
	}
	if (*s)
		return -EINVAL;
	utee_uuid_from_octets(u, oct);
	return 0;
}

static int utee_parse_u64(const char *s, uint64_t max, uint64_t *v)
{
	char *end;
	unsigned long long r;

	if (!*s || *s == '-')
		return -EINVAL;
	errno = 0;
	r = strtoull(s, &end, 0);
	if (errno || *end || r > max)
		return -EINVAL;
	*v = r;
	return 0;
}

TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator,
				   const char *name, char *valueBuffer,
				   size_t *valueBufferLen)
{
	struct user_ta_property p;
	char tmp[80];
	const char *s = tmp;
	const TEE_Identity *id;
	size_t need;
	TEE_Result res;

	if (!valueBufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = utee_prop_resolve(propsetOrEnumerator, name, &p);
	if (res)
		return res;
	switch (p.type) {
	case USER_TA_PROP_TYPE_BOOL:
		s = *(const bool *)p.value ? "true" : "false";
		break;
	case USER_TA_PROP_TYPE_U32:
		snprintf(tmp, sizeof(tmp), "%" PRIu32, *(const uint32_t *)p.value);
		break;
	case USER_TA_PROP_TYPE_U64:
		snprintf(tmp, sizeof(tmp), "%" PRIu64, *(const uint64_t *)p.value);
		break;
	case USER_TA_PROP_TYPE_UUID:
		utee_uuid_fmt(tmp, sizeof(tmp), p.value);
		break;
	case USER_TA_PROP_TYPE_IDENTITY:
		id = p.value;
		need = (size_t)snprintf(tmp, sizeof(tmp), "%" PRIx32 ":", id->login);
		utee_uuid_fmt(tmp + need, sizeof(tmp) - need, &id->uuid);
		break;
	case USER_TA_PROP_TYPE_STRING:
	case USER_TA_PROP_TYPE_BINARY_BLOCK:
		s = p.value;
		break;
	default:
		return TEE_ERROR_BAD_FORMAT;
	}
	need = strlen(s) + 1;
	if (!valueBuffer || *valueBufferLen < need) {
		*valueBufferLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(valueBuffer, s, need);
	*valueBufferLen = need;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle propsetOrEnumerator,
				 const char *name, bool *value)
{
	struct user_ta_property p;
	TEE_Result res;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = utee_prop_resolve(propsetOrEnumerator, name, &p);
	if (res)
		return res;
	if (p.type == USER_TA_PROP_TYPE_BOOL) {
		*value = *(const bool *)p.value;
	} else if (p.type == USER_TA_PROP_TYPE_STRING &&
		   (!strcasecmp(p.value, "true") || !strcasecmp(p.value, "false"))) {
		*value = !strcasecmp(p.value, "true");
	} else {
		return TEE_ERROR_BAD_FORMAT;
	}
	return TEE_SUCCESS;
}

static TEE_Result utee_get_uint(TEE_PropSetHandle h, const char *name,
				uint64_t max, uint64_t *v)
{
	struct user_ta_property p;
	TEE_Result res;

	res = utee_prop_resolve(h, name, &p);
	if (res)
		return res;
	switch (p.type) {
	case USER_TA_PROP_TYPE_U32:
		*v = *(const uint32_t *)p.value;
		return TEE_SUCCESS;
	case USER_TA_PROP_TYPE_U64:
		*v = *(const uint64_t *)p.value;
		return *v > max ? TEE_ERROR_BAD_FORMAT : TEE_SUCCESS;
	case USER_TA_PROP_TYPE_STRING:
		return utee_parse_u64(p.value, max, v) ? TEE_ERROR_BAD_FORMAT :
							   TEE_SUCCESS;
	default:
		return TEE_ERROR_BAD_FORMAT;
	}
}

TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint32_t *value)
{
	uint64_t v;
	TEE_Result res;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = utee_get_uint(propsetOrEnumerator, name, UINT32_MAX, &v);
	if (!res)
		*value = (uint32_t)v;
	return res;
}

TEE_Result TEE_GetPropertyAsU64(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint64_t *value)
{
	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return utee_get_uint(propsetOrEnumerator, name, UINT64_MAX, value);
}

TEE_Result TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle propsetOrEnumerator,
					const char *name, void *valueBuffer,
					size_t *valueBufferLen)
{
	struct user_ta_property p;
	TEE_Result res;
	long n;

	if (!valueBufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = utee_prop_resolve(propsetOrEnumerator, name, &p);
	if (res)
		return res;
	if (p.type != USER_TA_PROP_TYPE_BINARY_BLOCK &&
	    p.type != USER_TA_PROP_TYPE_STRING)
		return TEE_ERROR_BAD_FORMAT;
	n = utee_base64_decode(p.value, valueBuffer,
			       valueBuffer ? *valueBufferLen : 0);
	if (n < 0)
		return TEE_ERROR_BAD_FORMAT;
	if (!valueBuffer || (size_t)n > *valueBufferLen) {
		*valueBufferLen = (size_t)n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	*valueBufferLen = (size_t)n;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle propsetOrEnumerator,
				 const char *name, TEE_UUID *value)
{
	struct user_ta_property p;
	TEE_Result res;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = utee_prop_resolve(propsetOrEnumerator, name, &p);
	if (res)
		return res;
	if (p.type == USER_TA_PROP_TYPE_UUID) {
		*value = *(const TEE_UUID *)p.value;
		return TEE_SUCCESS;
	}
	if (p.type == USER_TA_PROP_TYPE_STRING &&
	    !utee_uuid_parse(p.value, value))
		return TEE_SUCCESS;
	return TEE_ERROR_BAD_FORMAT;
}

TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle propsetOrEnumerator,
				     const char *name, TEE_Identity *value)
{
	struct user_ta_property p;
	TEE_Result res;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = utee_prop_resolve(propsetOrEnumerator, name, &p);
	if (res)
		return res;
	if (p.type != USER_TA_PROP_TYPE_IDENTITY)
		return TEE_ERROR_BAD_FORMAT;
	*value = *(const TEE_Identity *)p.value;
	return TEE_SUCCESS;
}

TEE_Result TEE_AllocatePropertyEnumerator(TEE_PropSetHandle *enumerator)
{
	struct utee_prop_enum *e;

	if (!enumerator)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	e = calloc(1, sizeof(*e));
	if (!e)
		return TEE_ERROR_OUT_OF_MEMORY;
	e->magic = UTEE_PROP_ENUM_MAGIC;
	e->next = utee_enums;
	utee_enums = e;
	*enumerator = (TEE_PropSetHandle)e;
	return TEE_SUCCESS;
}

void TEE_FreePropertyEnumerator(TEE_PropSetHandle enumerator)
{
	struct utee_prop_enum **pp;

	if (!enumerator)
		return;
	for (pp = &utee_enums; *pp; pp = &(*pp)->next) {
		if ((void *)*pp == (void *)enumerator) {
			struct utee_prop_enum *e = *pp;

			*pp = e->next;
			e->magic = 0;
			free(e);
			return;
		}
	}
	TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

void TEE_StartPropertyEnumerator(TEE_PropSetHandle enumerator,
				 TEE_PropSetHandle propSet)
{
	struct utee_prop_enum *e = utee_enum_check(enumerator);
	enum utee_propset set;

	if (utee_propset_from_handle(propSet, &set))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	e->set = set;
	e->idx = 0;
	e->started = true;
}

void TEE_ResetPropertyEnumerator(TEE_PropSetHandle enumerator)
{
	struct utee_prop_enum *e = utee_enum_check(enumerator);

	e->started = false;
	e->idx = 0;
}

TEE_Result TEE_GetPropertyName(TEE_PropSetHandle enumerator,
			       void *nameBuffer, size_t *nameBufferLen)
{
	struct utee_prop_enum *e = utee_enum_check(enumerator);
	struct user_ta_property p;
	size_t need;

	if (!nameBufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	if (!e->started || utee_prop_at(e->set, e->idx, &p))
		return TEE_ERROR_ITEM_NOT_FOUND;
	need = strlen(p.name) + 1;
	if (!nameBuffer || *nameBufferLen < need) {
		*nameBufferLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(nameBuffer, p.name, need);
	*nameBufferLen = need;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetNextProperty(TEE_PropSetHandle enumerator)
{
	struct utee_prop_enum *e = utee_enum_check(enumerator);
	struct user_ta_property p;

	if (!e->started)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (utee_prop_at(e->set, e->idx + 1, &p)) {
		e->idx++;
		return TEE_ERROR_ITEM_NOT_FOUND;
	}
	e->idx++;
	return TEE_SUCCESS;
}
