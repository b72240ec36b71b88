// SPDX-License-Identifier: BSD-2-Clause
/*
 * The storage test TA: commands the client uses to build, read, damage
 * and check persistent objects from outside (persistence, isolation,
 * tampering, crashes), panics GP asks for, and the GP behaviour tests of
 * softee_storage_tests.c. softee_storage2 compiles this same code under
 * another UUID.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include "softee_storage_ta.h"
#include "softee_storage_tests.h"

/* The handle STOR_CMD_HOLD keeps (one per instance: one per session). */
static TEE_ObjectHandle held = TEE_HANDLE_NULL;

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
	(void)param_types;
	(void)params;
	*sess_ctx = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
	TEE_CloseObject(held);
	held = TEE_HANDLE_NULL;
}

static bool pt_is(uint32_t pt, uint32_t t0, uint32_t t1, uint32_t t2)
{
	return pt == TEE_PARAM_TYPES(t0, t1, t2, TEE_PARAM_TYPE_NONE);
}

static uint32_t storage_of(uint32_t v)
{
	return v ? v : TEE_STORAGE_PRIVATE;
}

static TEE_Result cmd_create(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectHandle h = TEE_HANDLE_NULL;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_INPUT,
		   TEE_PARAM_TYPE_VALUE_INPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_CreatePersistentObject(storage_of(p[2].value.b),
					 p[0].memref.buffer, p[0].memref.size,
					 p[2].value.a, TEE_HANDLE_NULL,
					 p[1].memref.buffer, p[1].memref.size,
					 &h);
	TEE_CloseObject(h);
	return res;
}

static TEE_Result cmd_read(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectHandle h;
	TEE_ObjectInfo info;
	size_t n = 0;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT,
		   TEE_PARAM_TYPE_VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				       p[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_READ |
				       TEE_DATA_FLAG_SHARE_READ |
				       TEE_DATA_FLAG_SHARE_WRITE, &h);
	if (res)
		return res;
	res = TEE_GetObjectInfo1(h, &info);
	if (res)
		return res;	/* corrupt: the handle is gone already */
	p[2].value.a = info.dataSize;
	if (info.dataSize > p[1].memref.size) {
		p[1].memref.size = info.dataSize;
		TEE_CloseObject(h);
		return TEE_ERROR_SHORT_BUFFER;
	}
	res = TEE_ReadObjectData(h, p[1].memref.buffer, p[1].memref.size, &n);
	if (res)
		return res;
	p[1].memref.size = n;
	TEE_CloseObject(h);
	return n == info.dataSize ? TEE_SUCCESS : TEE_ERROR_GENERIC;
}

static TEE_Result cmd_write(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectHandle h;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_INPUT,
		   TEE_PARAM_TYPE_VALUE_INPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				       p[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_WRITE |
				       TEE_DATA_FLAG_SHARE_READ |
				       TEE_DATA_FLAG_SHARE_WRITE, &h);
	if (res)
		return res;
	res = TEE_SeekObjectData(h, p[2].value.a, TEE_DATA_SEEK_SET);
	if (!res)
		res = TEE_WriteObjectData(h, p[1].memref.buffer,
					  p[1].memref.size);
	if (res != TEE_ERROR_CORRUPT_OBJECT)
		TEE_CloseObject(h);
	return res;
}

static TEE_Result cmd_delete(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectHandle h;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_NONE,
		   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				       p[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_WRITE_META, &h);
	if (res)
		return res;
	return TEE_CloseAndDeletePersistentObject1(h);
}

static TEE_Result cmd_open(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectHandle h;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_VALUE_INPUT,
		   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(storage_of(p[1].value.b),
				       p[0].memref.buffer, p[0].memref.size,
				       p[1].value.a, &h);
	if (!res)
		TEE_CloseObject(h);
	return res;
}

static TEE_Result cmd_list(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectEnumHandle e;
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	uint8_t *out = p[0].memref.buffer;
	size_t len, off = 0;
	uint32_t count = 0;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_OUTPUT, TEE_PARAM_TYPE_VALUE_OUTPUT,
		   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_AllocatePersistentObjectEnumerator(&e);
	if (res)
		return res;
	res = TEE_StartPersistentObjectEnumerator(e, TEE_STORAGE_PRIVATE);
	while (!res) {
		len = sizeof(id);
		res = TEE_GetNextPersistentObject(e, NULL, id, &len);
		if (res)
			break;
		if (off + 1 + len > p[0].memref.size) {
			res = TEE_ERROR_SHORT_BUFFER;
			break;
		}
		out[off] = (uint8_t)len;
		memcpy(out + off + 1, id, len);
		off += 1 + len;
		count++;
	}
	TEE_FreePersistentObjectEnumerator(e);
	if (res == TEE_ERROR_ITEM_NOT_FOUND && count)
		res = TEE_SUCCESS;
	p[0].memref.size = off;
	p[1].value.a = count;
	return res;
}

static TEE_Result cmd_hold(uint32_t pt, TEE_Param p[4])
{
	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_VALUE_INPUT,
		   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (held)
		return TEE_ERROR_BAD_STATE;
	return TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
					p[0].memref.size, p[1].value.a, &held);
}

static TEE_Result cmd_read_held(uint32_t pt, TEE_Param p[4])
{
	size_t n = 0;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_OUTPUT, TEE_PARAM_TYPE_VALUE_OUTPUT,
		   TEE_PARAM_TYPE_NONE) || !held)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_SeekObjectData(held, 0, TEE_DATA_SEEK_SET);
	if (!res)
		res = TEE_ReadObjectData(held, p[0].memref.buffer,
					 p[0].memref.size, &n);
	p[0].memref.size = n;
	p[1].value.a = n;
	return res;
}

static TEE_Result cmd_rename(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectHandle h;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_INPUT,
		   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				       p[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_WRITE_META, &h);
	if (res)
		return res;
	res = TEE_RenamePersistentObject(h, p[1].memref.buffer,
					 p[1].memref.size);
	if (res != TEE_ERROR_CORRUPT_OBJECT)
		TEE_CloseObject(h);
	return res;
}

/* FNV-1a over the body of a version object. */
static uint32_t fnv(const uint8_t *b, size_t n)
{
	uint32_t h = 2166136261U;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619U;
	return h;
}

/* Version k: header {magic, k, len, fnv}, then bytes that depend on k. */
static void version_fill(uint8_t *buf, size_t len, uint32_t k)
{
	uint32_t hdr[4] = { STOR_VERSION_MAGIC, k, (uint32_t)len, 0 };

	for (size_t i = 16; i < len; i++)
		buf[i] = (uint8_t)(k * 131 + i * 7 + (i >> 8));
	hdr[3] = fnv(buf + 16, len - 16);
	memcpy(buf, hdr, sizeof(hdr));
}

static TEE_Result cmd_version_write(uint32_t pt, TEE_Param p[4])
{
	size_t len = p[1].value.b ? STOR_VERSION_LARGE : STOR_VERSION_SMALL;
	uint32_t flags = TEE_DATA_FLAG_ACCESS_WRITE | TEE_DATA_FLAG_ACCESS_READ;
	TEE_ObjectHandle h;
	TEE_Result res;
	uint8_t *buf;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_VALUE_INPUT,
		   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	buf = TEE_Malloc(len, TEE_MALLOC_FILL_ZERO);
	if (!buf)
		return TEE_ERROR_OUT_OF_MEMORY;
	version_fill(buf, len, p[1].value.a);
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				       p[0].memref.size, flags, &h);
	if (res == TEE_ERROR_ITEM_NOT_FOUND) {
		res = TEE_CreatePersistentObject(TEE_STORAGE_PRIVATE,
						 p[0].memref.buffer,
						 p[0].memref.size, flags,
						 TEE_HANDLE_NULL, buf, len, NULL);
		TEE_Free(buf);
		return res;
	}
	if (!res) {
		/* Same length every time: one write replaces everything. */
		res = TEE_WriteObjectData(h, buf, len);
		if (res != TEE_ERROR_CORRUPT_OBJECT)
			TEE_CloseObject(h);
	}
	TEE_Free(buf);
	return res;
}

static TEE_Result cmd_version_check(uint32_t pt, TEE_Param p[4])
{
	uint8_t *buf = NULL, *want = NULL;
	uint32_t hdr[4];
	TEE_ObjectInfo info;
	TEE_ObjectHandle h;
	size_t n = 0;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_VALUE_OUTPUT,
		   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				       p[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_READ, &h);
	if (res)
		return res;
	res = TEE_GetObjectInfo1(h, &info);
	if (res)
		return res;
	if (info.dataSize < 16 || info.dataSize > STOR_VERSION_LARGE) {
		res = TEE_ERROR_CORRUPT_OBJECT;
		goto out;
	}
	buf = TEE_Malloc(info.dataSize, 0);
	want = TEE_Malloc(info.dataSize, 0);
	if (!buf || !want) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	res = TEE_ReadObjectData(h, buf, info.dataSize, &n);
	if (res)
		goto gone;
	memcpy(hdr, buf, sizeof(hdr));
	version_fill(want, info.dataSize, hdr[1]);
	/* Exactly one version, byte for byte: never a mix of two. */
	if (n != info.dataSize || hdr[0] != STOR_VERSION_MAGIC ||
	    hdr[2] != n || memcmp(buf, want, n))
		res = TEE_ERROR_CORRUPT_OBJECT;
	else
		p[1].value.a = hdr[1];
out:
	TEE_CloseObject(h);
gone:
	TEE_Free(buf);
	TEE_Free(want);
	return res;
}

static TEE_Result cmd_restrict(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectHandle h;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_VALUE_INPUT,
		   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				       p[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_READ, &h);
	if (res)
		return res;
	res = TEE_RestrictObjectUsage1(h, p[1].value.a);
	if (res != TEE_ERROR_CORRUPT_OBJECT)
		TEE_CloseObject(h);
	return res;
}

static TEE_Result cmd_info(uint32_t pt, TEE_Param p[4])
{
	TEE_ObjectInfo info;
	TEE_ObjectHandle h;
	TEE_Result res;

	if (!pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_VALUE_OUTPUT,
		   TEE_PARAM_TYPE_VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, p[0].memref.buffer,
				       p[0].memref.size,
				       TEE_DATA_FLAG_ACCESS_READ, &h);
	if (res)
		return res;
	res = TEE_GetObjectInfo1(h, &info);
	if (res)
		return res;
	p[1].value.a = info.objectType;
	p[1].value.b = info.objectUsage;
	p[2].value.a = info.objectSize;
	p[2].value.b = info.dataSize;
	TEE_CloseObject(h);
	return TEE_SUCCESS;
}

static TEE_Result cmd_key(uint32_t pt, TEE_Param p[4])
{
	bool check = pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT,
			   TEE_PARAM_TYPE_VALUE_INPUT, TEE_PARAM_TYPE_NONE) &&
		     p[1].value.a == 1;

	if (!check && !pt_is(pt, TEE_PARAM_TYPE_MEMREF_INPUT,
			     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	return check ? stor_key_check(p[0].memref.buffer, p[0].memref.size) :
		       stor_key_store(p[0].memref.buffer, p[0].memref.size);
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd,
				      uint32_t pt, TEE_Param p[4])
{
	(void)sess_ctx;
	switch (cmd) {
	case STOR_CMD_CREATE:
		return cmd_create(pt, p);
	case STOR_CMD_READ:
		return cmd_read(pt, p);
	case STOR_CMD_WRITE:
		return cmd_write(pt, p);
	case STOR_CMD_DELETE:
		return cmd_delete(pt, p);
	case STOR_CMD_OPEN:
		return cmd_open(pt, p);
	case STOR_CMD_LIST:
		return cmd_list(pt, p);
	case STOR_CMD_TEST:
		if (!pt_is(pt, TEE_PARAM_TYPE_VALUE_INPUT,
			   TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		return stor_run_test(p[0].value.a, &p[1].value.a,
				     &p[1].value.b);
	case STOR_CMD_HOLD:
		return cmd_hold(pt, p);
	case STOR_CMD_RELEASE:
		TEE_CloseObject(held);
		held = TEE_HANDLE_NULL;
		return TEE_SUCCESS;
	case STOR_CMD_PANIC:
		if (!pt_is(pt, TEE_PARAM_TYPE_VALUE_INPUT, TEE_PARAM_TYPE_NONE,
			   TEE_PARAM_TYPE_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		return stor_run_panic(p[0].value.a);
	case STOR_CMD_RENAME:
		return cmd_rename(pt, p);
	case STOR_CMD_READ_HELD:
		return cmd_read_held(pt, p);
	case STOR_CMD_VERSION_WRITE:
		return cmd_version_write(pt, p);
	case STOR_CMD_VERSION_CHECK:
		return cmd_version_check(pt, p);
	case STOR_CMD_RESTRICT:
		return cmd_restrict(pt, p);
	case STOR_CMD_INFO:
		return cmd_info(pt, p);
	case STOR_CMD_KEY:
		return cmd_key(pt, p);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
