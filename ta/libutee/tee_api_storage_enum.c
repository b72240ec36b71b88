// SPDX-License-Identifier: BSD-2-Clause
/*
 * Persistent object enumerators (GP TEE Internal Core API 1.3.1, section
 * 5.9). Start takes a snapshot of the TA's objects (ids and information)
 * from the secure world, page by page; GetNext walks it.
 */
#include <stdlib.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include "tee_api_crypto_int.h"
#include "tee_api_storage_int.h"

#define UTEE_ENUM_MAGIC	0x454e554dU	/* "ENUM" */

struct utee_enum_ent {
	struct softee_stor_obj_info info;
	uint32_t id_len;
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
};

struct __TEE_ObjectEnumHandle {
	uint32_t magic;
	bool started;
	struct utee_enum_ent *ents;
	uint32_t n, next;
};

static struct __TEE_ObjectEnumHandle *enum_check(TEE_ObjectEnumHandle h)
{
	if (!h || !utee_handle_live(h) || h->magic != UTEE_ENUM_MAGIC)
		UTEE_PANIC_PARAM();
	return h;
}

static void enum_clear(struct __TEE_ObjectEnumHandle *e)
{
	free(e->ents);
	e->ents = NULL;
	e->n = 0;
	e->next = 0;
	e->started = false;
}

TEE_Result TEE_AllocatePersistentObjectEnumerator(TEE_ObjectEnumHandle *
						  objectEnumerator)
{
	struct __TEE_ObjectEnumHandle *e;

	if (!objectEnumerator)
		UTEE_PANIC_PARAM();
	*objectEnumerator = TEE_HANDLE_NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (utee_handle_add(e)) {
		free(e);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	e->magic = UTEE_ENUM_MAGIC;
	*objectEnumerator = e;
	return TEE_SUCCESS;
}

void TEE_FreePersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator)
{
	struct __TEE_ObjectEnumHandle *e;

	if (objectEnumerator == TEE_HANDLE_NULL)
		return;
	e = enum_check(objectEnumerator);
	enum_clear(e);
	utee_handle_del(e);
	e->magic = 0;
	free(e);
}

void TEE_ResetPersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator)
{
	if (objectEnumerator == TEE_HANDLE_NULL)
		return;
	enum_clear(enum_check(objectEnumerator));
}

/* Append the entries of one ENUM reply; false if it is malformed. */
static bool enum_take_page(struct __TEE_ObjectEnumHandle *e,
			   const uint8_t *rep, size_t len, uint32_t count)
{
	size_t off = sizeof(struct softee_stor_enum_ret);

	for (uint32_t i = 0; i < count; i++) {
		struct softee_stor_enum_ent x;
		struct utee_enum_ent *d = &e->ents[e->n];

		if (len - off < sizeof(x))
			return false;
		memcpy(&x, rep + off, sizeof(x));
		off += sizeof(x);
		if (x.id_len > TEE_OBJECT_ID_MAX_LEN ||
		    SOFTEE_STOR_PAD8(x.id_len) > len - off)
			return false;
		memset(d, 0, sizeof(*d));
		d->info = x.info;
		d->id_len = x.id_len;
		memcpy(d->id, rep + off, x.id_len);
		off += SOFTEE_STOR_PAD8(x.id_len);
		e->n++;
	}
	return off == len;
}

TEE_Result TEE_StartPersistentObjectEnumerator(TEE_ObjectEnumHandle
					       objectEnumerator,
					       uint32_t storageID)
{
	struct __TEE_ObjectEnumHandle *e = enum_check(objectEnumerator);
	struct softee_stor_enum q = { .storage_id = storageID };
	struct softee_stor_enum_ret r;
	uint32_t total = 0;
	uint8_t *rep;
	TEE_Result res = TEE_SUCCESS;

	enum_clear(e);
	if (storageID != TEE_STORAGE_PRIVATE &&
	    storageID != TEE_STORAGE_PRIVATE_REE)
		return TEE_ERROR_ITEM_NOT_FOUND;
	rep = malloc(SOFTEE_TA_SYSCALL_MAX_DATA);
	if (!rep)
		return TEE_ERROR_OUT_OF_MEMORY;
	for (;;) {
		size_t len = 0;

		q.start = e->n;
		res = utee_stor_call(SOFTEE_STOR_ENUM, &q, sizeof(q), -1, rep,
				     SOFTEE_TA_SYSCALL_MAX_DATA, &len, NULL);
		utee_stor_check(res, UTEE_STOR_OK_OPEN);
		if (res != TEE_SUCCESS)
			break;
		if (len < sizeof(r))
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		memcpy(&r, rep, sizeof(r));
		if (!e->n)
			total = r.total;
		/* Objects may come and go between pages: stop at the first total. */
		if (r.count > total - e->n)
			r.count = total - e->n;
		if (!e->ents && total) {
			e->ents = calloc(total, sizeof(*e->ents));
			if (!e->ents) {
				res = TEE_ERROR_OUT_OF_MEMORY;
				break;
			}
		}
		if (r.count && !enum_take_page(e, rep, len, r.count))
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		if (!r.count || e->n >= total)
			break;
	}
	free(rep);
	if (res != TEE_SUCCESS) {
		enum_clear(e);
		return res;
	}
	if (!e->n)
		return TEE_ERROR_ITEM_NOT_FOUND;	/* GP: no object there */
	e->started = true;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetNextPersistentObject(TEE_ObjectEnumHandle objectEnumerator,
				       TEE_ObjectInfo *objectInfo,
				       void *objectID, size_t *objectIDLen)
{
	struct __TEE_ObjectEnumHandle *e = enum_check(objectEnumerator);
	const struct utee_enum_ent *x;

	if (!objectID || !objectIDLen)
		UTEE_PANIC_PARAM();
	if (!e->started || e->next >= e->n)
		return TEE_ERROR_ITEM_NOT_FOUND;
	x = &e->ents[e->next++];
	if (objectInfo) {
		memset(objectInfo, 0, sizeof(*objectInfo));
		objectInfo->objectType = x->info.type;
		objectInfo->objectSize = x->info.obj_size;
		objectInfo->maxObjectSize = x->info.obj_size;
		objectInfo->objectUsage = x->info.usage;
		objectInfo->dataSize = (size_t)x->info.data_size;
		objectInfo->dataPosition = 0;
		objectInfo->handleFlags = TEE_HANDLE_FLAG_PERSISTENT |
					  TEE_HANDLE_FLAG_INITIALIZED;
	}
	/* GP: objectID holds at least TEE_OBJECT_ID_MAX_LEN bytes. */
	memcpy(objectID, x->id, x->id_len);
	*objectIDLen = x->id_len;
	return TEE_SUCCESS;
}

TEE_Result
__GP11_TEE_GetNextPersistentObject(TEE_ObjectEnumHandle objectEnumerator,
				   __GP11_TEE_ObjectInfo *objectInfo,
				   void *objectID, uint32_t *objectIDLen)
{
	TEE_ObjectInfo i;
	size_t len = 0;
	TEE_Result res;

	if (!objectIDLen)
		UTEE_PANIC_PARAM();
	res = TEE_GetNextPersistentObject(objectEnumerator,
					  objectInfo ? &i : NULL, objectID,
					  &len);
	if (res != TEE_SUCCESS)
		return res;
	*objectIDLen = (uint32_t)len;
	if (objectInfo) {
		objectInfo->objectType = i.objectType;
		objectInfo->keySize = i.objectSize;
		objectInfo->maxKeySize = i.maxObjectSize;
		objectInfo->objectUsage = i.objectUsage;
		/* Larger than 4 GiB cannot be stored (TEE_DATA_MAX_POSITION). */
		objectInfo->dataSize = (uint32_t)i.dataSize;
		objectInfo->dataPosition = 0;
		objectInfo->handleFlags = i.handleFlags;
	}
	return TEE_SUCCESS;
}
