// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP behaviour of persistent objects, checked inside the TA: each test
 * returns TEE_SUCCESS or the line (and result) of the first check that
 * failed. Objects are named per test and removed first, so a test can be
 * run again on the same storage.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include "softee_storage_ta.h"
#include "softee_storage_tests.h"

#define RW	(TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_ACCESS_WRITE)
#define SHARE	(TEE_DATA_FLAG_SHARE_READ | TEE_DATA_FLAG_SHARE_WRITE)
#define META	TEE_DATA_FLAG_ACCESS_WRITE_META
#define PRIV	TEE_STORAGE_PRIVATE

/* Where a check failed: set by the macros, read by stor_run_test. */
struct t_ctx {
	uint32_t line;
	uint32_t got;
};

#define T_CHECK(c) do { \
	if (!(c)) { t->line = __LINE__; t->got = 0; return TEE_ERROR_GENERIC; } \
} while (0)
#define T_RES(expr, want) do { \
	TEE_Result r_ = (expr); \
	if (r_ != (want)) { t->line = __LINE__; t->got = r_; \
		return TEE_ERROR_GENERIC; } \
} while (0)
#define T_OK(expr) T_RES(expr, TEE_SUCCESS)

/* NIST SP 800-38A F.1.1, ECB-AES128 encryption, block 1. */
static const uint8_t nist_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
static const uint8_t nist_pt[16] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a };
static const uint8_t nist_ct[16] = {
	0x3a, 0xd7, 0x7b, 0xb4, 0x0d, 0x7a, 0x36, 0x60,
	0xa8, 0x9e, 0xca, 0xf3, 0x24, 0x66, 0xef, 0x97 };

/* Remove id if it exists (leftovers of an earlier run). */
static void t_remove(const char *id)
{
	TEE_ObjectHandle h;

	if (TEE_OpenPersistentObject(PRIV, id, strlen(id), META, &h) ==
	    TEE_SUCCESS)
		(void)TEE_CloseAndDeletePersistentObject1(h);
}

static TEE_Result t_create(const char *id, const void *data, size_t len,
			   uint32_t flags, TEE_ObjectHandle *h)
{
	t_remove(id);
	return TEE_CreatePersistentObject(PRIV, id, strlen(id), flags,
					  TEE_HANDLE_NULL, data, len, h);
}

static TEE_Result t_open(const char *id, uint32_t flags, TEE_ObjectHandle *h)
{
	return TEE_OpenPersistentObject(PRIV, id, strlen(id), flags, h);
}

static bool t_read_is(TEE_ObjectHandle h, const void *want, size_t len)
{
	uint8_t buf[256];
	size_t n = 0;

	if (len > sizeof(buf) || TEE_SeekObjectData(h, 0, TEE_DATA_SEEK_SET) ||
	    TEE_ReadObjectData(h, buf, sizeof(buf), &n))
		return false;
	return n == len && !memcmp(buf, want, len);
}

static size_t t_data_size(TEE_ObjectHandle h)
{
	TEE_ObjectInfo i;

	if (TEE_GetObjectInfo1(h, &i))
		return (size_t)-1;
	return i.dataSize;
}

static TEE_Result t_basic(struct t_ctx *t)
{
	TEE_ObjectHandle h = TEE_HANDLE_NULL, h2;
	TEE_ObjectInfo info;
	uint8_t buf[64];
	size_t n;

	t_remove("basic-renamed");
	T_OK(t_create("basic", "hello", 5, RW | META, &h));
	T_CHECK(h != TEE_HANDLE_NULL);
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.objectType == TEE_TYPE_DATA && info.dataSize == 5 &&
		info.dataPosition == 0);
	/* Read from the start, then past the end (0 bytes, no error). */
	T_OK(TEE_ReadObjectData(h, buf, sizeof(buf), &n));
	T_CHECK(n == 5 && !memcmp(buf, "hello", 5));
	T_OK(TEE_ReadObjectData(h, buf, sizeof(buf), &n));
	T_CHECK(n == 0);
	/* Write at the end, then in the middle. */
	T_OK(TEE_WriteObjectData(h, " world", 6));
	T_OK(TEE_SeekObjectData(h, 1, TEE_DATA_SEEK_SET));
	T_OK(TEE_WriteObjectData(h, "E", 1));
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.dataSize == 11 && info.dataPosition == 2);
	T_CHECK(t_read_is(h, "hEllo world", 11));
	/* Truncate; the position stays where it was. */
	T_OK(TEE_SeekObjectData(h, 3, TEE_DATA_SEEK_SET));
	T_OK(TEE_TruncateObjectData(h, 4));
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.dataSize == 4 && info.dataPosition == 3);
	T_CHECK(t_read_is(h, "hEll", 4));
	/* Rename: the old id is gone, the new one has the data. */
	T_OK(TEE_RenamePersistentObject(h, "basic-renamed", 13));
	TEE_CloseObject(h);
	T_RES(t_open("basic", TEE_DATA_FLAG_ACCESS_READ, &h2),
	      TEE_ERROR_ITEM_NOT_FOUND);
	T_CHECK(h2 == TEE_HANDLE_NULL);
	T_OK(t_open("basic-renamed", TEE_DATA_FLAG_ACCESS_READ | META, &h2));
	T_CHECK(t_read_is(h2, "hEll", 4));
	/* Delete: gone for good. */
	T_OK(TEE_CloseAndDeletePersistentObject1(h2));
	T_RES(t_open("basic-renamed", TEE_DATA_FLAG_ACCESS_READ, &h2),
	      TEE_ERROR_ITEM_NOT_FOUND);
	/* Created without a handle: still created. */
	T_OK(t_create("basic", "x", 1, 0, NULL));
	T_OK(t_open("basic", META, &h2));
	T_OK(TEE_CloseAndDeletePersistentObject1(h2));
	/* A NULL handle is nothing to delete. */
	T_OK(TEE_CloseAndDeletePersistentObject1(TEE_HANDLE_NULL));
	return TEE_SUCCESS;
}

static TEE_Result t_conflict(struct t_ctx *t)
{
	TEE_ObjectHandle a, b, c;
	const uint32_t R = TEE_DATA_FLAG_ACCESS_READ;
	const uint32_t W = TEE_DATA_FLAG_ACCESS_WRITE;
	const uint32_t SR = TEE_DATA_FLAG_SHARE_READ;
	const uint32_t SW = TEE_DATA_FLAG_SHARE_WRITE;

	T_OK(t_create("conflict", "one", 3, 0, NULL));
	t_remove("conflict-2");
	T_OK(t_create("conflict-2", "two", 3, 0, NULL));
	/* Exclusive read: a second reader conflicts. */
	T_OK(t_open("conflict", R, &a));
	T_RES(t_open("conflict", R | SR, &b), TEE_ERROR_ACCESS_CONFLICT);
	T_CHECK(b == TEE_HANDLE_NULL);
	TEE_CloseObject(a);
	/* Shared readers; a writer needs everyone to share writing. */
	T_OK(t_open("conflict", R | SR, &a));
	T_OK(t_open("conflict", R | SR, &b));
	T_RES(t_open("conflict", W | SR | SW, &c), TEE_ERROR_ACCESS_CONFLICT);
	TEE_CloseObject(b);
	TEE_CloseObject(a);
	T_OK(t_open("conflict", R | SR | SW, &a));
	T_OK(t_open("conflict", W | SR | SW, &b));
	/* A handle without SHARE_READ cannot join readers. */
	T_RES(t_open("conflict", W | SW, &c), TEE_ERROR_ACCESS_CONFLICT);
	/* WRITE_META is exclusive. */
	T_RES(t_open("conflict", META | SR | SW, &c), TEE_ERROR_ACCESS_CONFLICT);
	/* Creating over an open object conflicts, even with OVERWRITE. */
	T_RES(TEE_CreatePersistentObject(PRIV, "conflict", 8,
					 TEE_DATA_FLAG_OVERWRITE, TEE_HANDLE_NULL,
					 "new", 3, NULL),
	      TEE_ERROR_ACCESS_CONFLICT);
	TEE_CloseObject(b);
	TEE_CloseObject(a);
	/* Without OVERWRITE an existing id conflicts; with it, it is replaced. */
	T_RES(TEE_CreatePersistentObject(PRIV, "conflict", 8, 0,
					 TEE_HANDLE_NULL, "new", 3, NULL),
	      TEE_ERROR_ACCESS_CONFLICT);
	T_OK(TEE_CreatePersistentObject(PRIV, "conflict", 8,
					TEE_DATA_FLAG_OVERWRITE | R | META,
					TEE_HANDLE_NULL, "newer", 5, &a));
	T_CHECK(t_read_is(a, "newer", 5));
	/* Renaming onto an existing id conflicts and changes nothing. */
	T_RES(TEE_RenamePersistentObject(a, "conflict-2", 10),
	      TEE_ERROR_ACCESS_CONFLICT);
	T_RES(TEE_RenamePersistentObject(a, "conflict", 8),
	      TEE_ERROR_ACCESS_CONFLICT);
	T_OK(TEE_CloseAndDeletePersistentObject1(a));
	T_OK(t_open("conflict-2", R | META, &a));
	T_CHECK(t_read_is(a, "two", 3));
	T_OK(TEE_CloseAndDeletePersistentObject1(a));
	return TEE_SUCCESS;
}

static TEE_Result t_not_found(struct t_ctx *t)
{
	TEE_ObjectEnumHandle e;
	TEE_ObjectHandle h = (TEE_ObjectHandle)1;
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	size_t len = sizeof(id);

	t_remove("nf-missing");
	T_RES(t_open("nf-missing", TEE_DATA_FLAG_ACCESS_READ, &h),
	      TEE_ERROR_ITEM_NOT_FOUND);
	T_CHECK(h == TEE_HANDLE_NULL);
	/* Storages other than the private one do not exist here. */
	T_RES(TEE_OpenPersistentObject(0x12345678, "x", 1,
				       TEE_DATA_FLAG_ACCESS_READ, &h),
	      TEE_ERROR_ITEM_NOT_FOUND);
	T_RES(TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE_RPMB, "x", 1,
				       TEE_DATA_FLAG_ACCESS_READ, &h),
	      TEE_ERROR_ITEM_NOT_FOUND);
	T_RES(TEE_CreatePersistentObject(0x12345678, "x", 1, 0,
					 TEE_HANDLE_NULL, NULL, 0, NULL),
	      TEE_ERROR_ITEM_NOT_FOUND);
	/* The REE FS alias is the same storage as the private one. */
	T_OK(t_create("nf-alias", "alias", 5, 0, NULL));
	T_OK(TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE_REE, "nf-alias", 8,
				      TEE_DATA_FLAG_ACCESS_READ | META, &h));
	T_CHECK(t_read_is(h, "alias", 5));
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	/* Enumerators: other storages, and nothing started yet. */
	T_OK(TEE_AllocatePersistentObjectEnumerator(&e));
	T_RES(TEE_StartPersistentObjectEnumerator(e, 0x12345678),
	      TEE_ERROR_ITEM_NOT_FOUND);
	T_RES(TEE_GetNextPersistentObject(e, NULL, id, &len),
	      TEE_ERROR_ITEM_NOT_FOUND);
	TEE_FreePersistentObjectEnumerator(e);
	TEE_FreePersistentObjectEnumerator(TEE_HANDLE_NULL);
	return TEE_SUCCESS;
}

/* Is (id, data size) among the enumerated objects? */
static bool t_enum_has(TEE_ObjectEnumHandle e, const void *want,
		       size_t want_len, size_t data_size)
{
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	TEE_ObjectInfo info;
	size_t len = sizeof(id);
	bool found = false;

	TEE_ResetPersistentObjectEnumerator(e);
	if (TEE_StartPersistentObjectEnumerator(e, PRIV))
		return false;
	while (!TEE_GetNextPersistentObject(e, &info, id, &len)) {
		if (len == want_len && !memcmp(id, want, len) &&
		    info.dataSize == data_size &&
		    info.objectType == TEE_TYPE_DATA &&
		    (info.handleFlags & TEE_HANDLE_FLAG_PERSISTENT) &&
		    info.dataPosition == 0)
			found = true;
		len = sizeof(id);
	}
	return found;
}

static TEE_Result t_enum(struct t_ctx *t)
{
	static const uint8_t bin_id[5] = { 'e', 0, 0xff, 0, 'n' };
	TEE_ObjectEnumHandle e;
	TEE_ObjectHandle h;

	T_OK(t_create("enum-a", "aaaa", 4, 0, NULL));
	T_OK(t_create("enum-b", "", 0, 0, NULL));
	if (TEE_OpenPersistentObject(PRIV, bin_id, sizeof(bin_id), META,
				     &h) == TEE_SUCCESS)
		(void)TEE_CloseAndDeletePersistentObject1(h);
	T_OK(TEE_CreatePersistentObject(PRIV, bin_id, sizeof(bin_id), 0,
					TEE_HANDLE_NULL, "bin", 3, NULL));
	T_OK(TEE_AllocatePersistentObjectEnumerator(&e));
	T_CHECK(t_enum_has(e, "enum-a", 6, 4));
	T_CHECK(t_enum_has(e, "enum-b", 6, 0));
	T_CHECK(t_enum_has(e, bin_id, sizeof(bin_id), 3));
	/* A deleted object is no longer listed. */
	t_remove("enum-a");
	T_CHECK(!t_enum_has(e, "enum-a", 6, 4));
	T_CHECK(t_enum_has(e, "enum-b", 6, 0));
	TEE_FreePersistentObjectEnumerator(e);
	t_remove("enum-b");
	T_OK(TEE_OpenPersistentObject(PRIV, bin_id, sizeof(bin_id), META, &h));
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	return TEE_SUCCESS;
}

TEE_Result stor_key_store(const void *id, size_t id_len)
{
	TEE_ObjectHandle key, h;
	TEE_Attribute attr;
	TEE_Result res;

	if (TEE_OpenPersistentObject(PRIV, id, id_len, META, &h) == TEE_SUCCESS)
		(void)TEE_CloseAndDeletePersistentObject1(h);
	res = TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &key);
	if (res)
		return res;
	TEE_InitRefAttribute(&attr, TEE_ATTR_SECRET_VALUE, nist_key,
			     sizeof(nist_key));
	res = TEE_PopulateTransientObject(key, &attr, 1);
	if (!res)
		res = TEE_CreatePersistentObject(PRIV, id, id_len, 0, key,
						 "key data", 8, NULL);
	TEE_FreeTransientObject(key);
	return res;
}

TEE_Result stor_key_check(const void *id, size_t id_len)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle h;
	TEE_ObjectInfo info;
	uint8_t ct[16], secret[32];
	size_t ct_len = sizeof(ct), slen = sizeof(secret);
	TEE_Result res;

	res = TEE_OpenPersistentObject(PRIV, id, id_len,
				       TEE_DATA_FLAG_ACCESS_READ, &h);
	if (res)
		return res;
	res = TEE_GetObjectInfo1(h, &info);
	if (res)
		return res;
	if (info.objectType != TEE_TYPE_AES || info.objectSize != 128 ||
	    info.maxObjectSize != 128 || info.dataSize != 8 ||
	    !(info.handleFlags & TEE_HANDLE_FLAG_INITIALIZED)) {
		res = TEE_ERROR_BAD_STATE;
		goto out;
	}
	/* The attribute came back, and the key works in an operation. */
	res = TEE_GetObjectBufferAttribute(h, TEE_ATTR_SECRET_VALUE, secret,
					   &slen);
	if (!res && (slen != sizeof(nist_key) ||
		     memcmp(secret, nist_key, slen)))
		res = TEE_ERROR_BAD_STATE;
	if (!res)
		res = TEE_AllocateOperation(&op, TEE_ALG_AES_ECB_NOPAD,
					    TEE_MODE_ENCRYPT, 128);
	if (!res)
		res = TEE_SetOperationKey(op, h);
	if (!res) {
		TEE_CipherInit(op, NULL, 0);
		res = TEE_CipherDoFinal(op, nist_pt, sizeof(nist_pt), ct,
					&ct_len);
	}
	if (!res && (ct_len != sizeof(nist_ct) ||
		     memcmp(ct, nist_ct, sizeof(ct))))
		res = TEE_ERROR_MAC_INVALID;
	if (op)
		TEE_FreeOperation(op);
out:
	TEE_CloseObject(h);
	return res;
}

static TEE_Result t_key(struct t_ctx *t)
{
	TEE_ObjectHandle key, h;
	TEE_ObjectInfo info;
	TEE_Attribute attr;
	uint8_t secret[32];
	size_t slen = sizeof(secret);

	T_OK(stor_key_store("key-aes", 7));
	T_OK(stor_key_check("key-aes", 7));
	t_remove("key-aes");
	/* The persistent copy does not depend on the transient object. */
	T_OK(TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &key));
	TEE_InitRefAttribute(&attr, TEE_ATTR_SECRET_VALUE, nist_key, 16);
	T_OK(TEE_PopulateTransientObject(key, &attr, 1));
	T_OK(TEE_CreatePersistentObject(PRIV, "key-aes", 7,
					TEE_DATA_FLAG_ACCESS_READ, key, NULL, 0,
					&h));
	TEE_FreeTransientObject(key);
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.objectType == TEE_TYPE_AES && info.objectSize == 128 &&
		info.dataSize == 0);
	T_OK(TEE_GetObjectBufferAttribute(h, TEE_ATTR_SECRET_VALUE, secret,
					  &slen));
	T_CHECK(slen == 16 && !memcmp(secret, nist_key, 16));
	TEE_CloseObject(h);
	t_remove("key-aes");
	return TEE_SUCCESS;
}

/* A pattern byte that tells apart position and pass. */
static uint8_t t_pat(size_t i, uint32_t seed)
{
	return (uint8_t)(i * 31 + (i >> 11) + seed);
}

static TEE_Result t_large(struct t_ctx *t)
{
	const size_t len = 3 * 1024 * 1024 + 123;
	TEE_ObjectHandle h;
	uint8_t *buf, *back;
	size_t n, off;

	buf = TEE_Malloc(len, 0);
	back = TEE_Malloc(len, 0);
	T_CHECK(buf && back);
	for (size_t i = 0; i < len; i++)
		buf[i] = t_pat(i, 5);
	/* One write and one read of several MiB: they go in memfds. */
	T_OK(t_create("large", NULL, 0, RW | META, &h));
	T_OK(TEE_WriteObjectData(h, buf, len));
	T_CHECK(t_data_size(h) == len);
	TEE_CloseObject(h);
	T_OK(t_open("large", RW | META, &h));
	memset(back, 0, len);
	T_OK(TEE_ReadObjectData(h, back, len, &n));
	T_CHECK(n == len && !memcmp(buf, back, len));
	/* Reads in odd chunks, and a big write in the middle. */
	T_OK(TEE_SeekObjectData(h, 0, TEE_DATA_SEEK_SET));
	for (off = 0; off < len; off += n) {
		T_OK(TEE_ReadObjectData(h, back + off, 100003, &n));
		T_CHECK(n == (len - off < 100003 ? len - off : 100003));
	}
	T_CHECK(!memcmp(buf, back, len));
	for (size_t i = 0; i < 1024 * 1024; i++)
		buf[1000 + i] = t_pat(i, 9);
	T_OK(TEE_SeekObjectData(h, 1000, TEE_DATA_SEEK_SET));
	T_OK(TEE_WriteObjectData(h, buf + 1000, 1024 * 1024));
	TEE_CloseObject(h);
	/* Created with large initial data. */
	T_OK(t_create("large-2", buf, len, 0, NULL));
	T_OK(t_open("large-2", TEE_DATA_FLAG_ACCESS_READ | META, &h));
	T_OK(TEE_ReadObjectData(h, back, len, &n));
	T_CHECK(n == len && !memcmp(buf, back, len));
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	T_OK(t_open("large", TEE_DATA_FLAG_ACCESS_READ | META, &h));
	T_OK(TEE_ReadObjectData(h, back, len, &n));
	T_CHECK(n == len && !memcmp(buf, back, len));
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	TEE_Free(buf);
	TEE_Free(back);
	return TEE_SUCCESS;
}

static TEE_Result t_seek(struct t_ctx *t)
{
	static const uint8_t zeros[6];
	TEE_ObjectHandle h;
	TEE_ObjectInfo info;
	uint8_t buf[16];
	size_t n;

	T_OK(t_create("seek", "abc", 3, RW | META, &h));
	/* Writing past the end fills the gap with zeros. */
	T_OK(TEE_SeekObjectData(h, 9, TEE_DATA_SEEK_SET));
	T_OK(TEE_WriteObjectData(h, "Z", 1));
	T_OK(TEE_SeekObjectData(h, 3, TEE_DATA_SEEK_SET));
	T_OK(TEE_ReadObjectData(h, buf, sizeof(buf), &n));
	T_CHECK(n == 7 && !memcmp(buf, zeros, 6) && buf[6] == 'Z');
	/* From the end and from the current position. */
	T_OK(TEE_SeekObjectData(h, -1, TEE_DATA_SEEK_END));
	T_OK(TEE_ReadObjectData(h, buf, 1, &n));
	T_CHECK(n == 1 && buf[0] == 'Z');
	T_OK(TEE_SeekObjectData(h, -8, TEE_DATA_SEEK_CUR));
	T_OK(TEE_ReadObjectData(h, buf, 2, &n));
	T_CHECK(n == 2 && !memcmp(buf, "c", 1) && buf[1] == 0);
	/* Before the start is the start. */
	T_OK(TEE_SeekObjectData(h, -100, TEE_DATA_SEEK_CUR));
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.dataPosition == 0);
	/* Past the end reads nothing. */
	T_OK(TEE_SeekObjectData(h, 100, TEE_DATA_SEEK_END));
	T_OK(TEE_ReadObjectData(h, buf, sizeof(buf), &n));
	T_CHECK(n == 0);
	/* TEE_DATA_MAX_POSITION: reachable, but no byte may lie beyond. */
	T_OK(TEE_SeekObjectData(h, TEE_DATA_MAX_POSITION, TEE_DATA_SEEK_SET));
	T_RES(TEE_WriteObjectData(h, "x", 1), TEE_ERROR_OVERFLOW);
	T_RES(TEE_SeekObjectData(h, 1, TEE_DATA_SEEK_CUR), TEE_ERROR_OVERFLOW);
	T_RES(TEE_SeekObjectData(h, (intmax_t)TEE_DATA_MAX_POSITION + 1,
				 TEE_DATA_SEEK_SET), TEE_ERROR_OVERFLOW);
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.dataPosition == TEE_DATA_MAX_POSITION &&
		info.dataSize == 10);
	/* A write far out exceeds what the storage holds. */
	T_OK(TEE_SeekObjectData(h, 0x7fffffff, TEE_DATA_SEEK_SET));
	T_RES(TEE_WriteObjectData(h, "x", 1), TEE_ERROR_STORAGE_NO_SPACE);
	T_CHECK(t_data_size(h) == 10);
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	return TEE_SUCCESS;
}

static TEE_Result t_share(struct t_ctx *t)
{
	TEE_ObjectHandle a, b;

	T_OK(t_create("share", "0123456789", 10, 0, NULL));
	T_OK(t_open("share", RW | SHARE, &a));
	T_OK(t_open("share", RW | SHARE, &b));
	/* Each handle has its own position; both see one content. */
	T_OK(TEE_SeekObjectData(a, 2, TEE_DATA_SEEK_SET));
	T_OK(TEE_WriteObjectData(a, "ab", 2));
	T_CHECK(t_read_is(b, "01ab456789", 10));
	T_OK(TEE_TruncateObjectData(b, 3));
	T_CHECK(t_data_size(a) == 3);
	T_CHECK(t_read_is(a, "01a", 3));
	TEE_CloseObject(a);
	TEE_CloseObject(b);
	t_remove("share");
	return TEE_SUCCESS;
}

static TEE_Result t_gp11(struct t_ctx *t)
{
	TEE_ObjectEnumHandle e;
	TEE_ObjectHandle h;
	__GP11_TEE_ObjectInfo info;
	uint8_t buf[16], id[TEE_OBJECT_ID_MAX_LEN];
	uint32_t n = 0, id_len = sizeof(id);
	bool seen = false;

	t_remove("gp11");
	t_remove("gp11-b");
	T_OK(__GP11_TEE_CreatePersistentObject(PRIV, "gp11", 4, RW | META,
					       TEE_HANDLE_NULL, "12345", 5,
					       &h));
	T_OK(__GP11_TEE_SeekObjectData(h, -2, TEE_DATA_SEEK_END));
	T_OK(__GP11_TEE_WriteObjectData(h, "xyz", 3));
	T_OK(__GP11_TEE_SeekObjectData(h, 0, TEE_DATA_SEEK_SET));
	T_OK(__GP11_TEE_ReadObjectData(h, buf, sizeof(buf), &n));
	T_CHECK(n == 6 && !memcmp(buf, "123xyz", 6));
	T_OK(__GP11_TEE_TruncateObjectData(h, 2));
	T_OK(__GP11_TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.dataSize == 2 && info.dataPosition == 6);
	T_OK(__GP11_TEE_RenamePersistentObject(h, "gp11-b", 6));
	TEE_CloseObject(h);
	T_OK(__GP11_TEE_OpenPersistentObject(PRIV, "gp11-b", 6, META, &h));
	T_OK(TEE_AllocatePersistentObjectEnumerator(&e));
	T_OK(TEE_StartPersistentObjectEnumerator(e, PRIV));
	while (!__GP11_TEE_GetNextPersistentObject(e, &info, id, &id_len)) {
		if (id_len == 6 && !memcmp(id, "gp11-b", 6) &&
		    info.dataSize == 2)
			seen = true;
		id_len = sizeof(id);
	}
	TEE_FreePersistentObjectEnumerator(e);
	T_CHECK(seen);
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	return TEE_SUCCESS;
}

static TEE_Result t_ids(struct t_ctx *t)
{
	uint8_t id64[TEE_OBJECT_ID_MAX_LEN];
	TEE_ObjectHandle h;

	/* The empty id is an id. */
	if (!TEE_OpenPersistentObject(PRIV, NULL, 0, META, &h))
		(void)TEE_CloseAndDeletePersistentObject1(h);
	T_OK(TEE_CreatePersistentObject(PRIV, NULL, 0, 0, TEE_HANDLE_NULL,
					"empty", 5, NULL));
	T_OK(TEE_OpenPersistentObject(PRIV, "", 0,
				      TEE_DATA_FLAG_ACCESS_READ | META, &h));
	T_CHECK(t_read_is(h, "empty", 5));
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	/* The longest id, with every byte value around. */
	for (size_t i = 0; i < sizeof(id64); i++)
		id64[i] = (uint8_t)(i * 4 + 1);
	if (!TEE_OpenPersistentObject(PRIV, id64, sizeof(id64), META, &h))
		(void)TEE_CloseAndDeletePersistentObject1(h);
	T_OK(TEE_CreatePersistentObject(PRIV, id64, sizeof(id64), 0,
					TEE_HANDLE_NULL, "long", 4, NULL));
	/* A prefix of it is another id. */
	T_RES(TEE_OpenPersistentObject(PRIV, id64, sizeof(id64) - 1,
				       TEE_DATA_FLAG_ACCESS_READ, &h),
	      TEE_ERROR_ITEM_NOT_FOUND);
	T_OK(TEE_OpenPersistentObject(PRIV, id64, sizeof(id64),
				      TEE_DATA_FLAG_ACCESS_READ | META, &h));
	T_CHECK(t_read_is(h, "long", 4));
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	return TEE_SUCCESS;
}

static TEE_Result t_usage(struct t_ctx *t)
{
	TEE_ObjectHandle h;
	TEE_ObjectInfo info;

	T_OK(t_create("usage", "u", 1, TEE_DATA_FLAG_ACCESS_READ, &h));
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.objectUsage == 0xFFFFFFFF);
	T_OK(TEE_RestrictObjectUsage1(h, ~TEE_USAGE_EXTRACTABLE));
	T_OK(TEE_RestrictObjectUsage1(h, ~TEE_USAGE_DECRYPT));
	TEE_CloseObject(h);
	T_OK(t_open("usage", TEE_DATA_FLAG_ACCESS_READ | META, &h));
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.objectUsage ==
		(0xFFFFFFFF & ~TEE_USAGE_EXTRACTABLE & ~TEE_USAGE_DECRYPT));
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	return TEE_SUCCESS;
}

static TEE_Result t_flags(struct t_ctx *t)
{
	const uint32_t f = TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_SHARE_READ;
	TEE_ObjectHandle h;
	TEE_ObjectInfo info;

	T_OK(t_create("flags", "f", 1, f | TEE_DATA_FLAG_OVERWRITE, &h));
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.handleFlags == (TEE_HANDLE_FLAG_PERSISTENT |
				     TEE_HANDLE_FLAG_INITIALIZED | f));
	T_CHECK(info.objectType == TEE_TYPE_DATA && info.objectSize == 0 &&
		info.maxObjectSize == 0 && info.dataSize == 1);
	TEE_CloseObject(h);
	T_OK(t_open("flags", META, &h));
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.handleFlags == (TEE_HANDLE_FLAG_PERSISTENT |
				     TEE_HANDLE_FLAG_INITIALIZED | META));
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	return TEE_SUCCESS;
}

static TEE_Result t_truncate(struct t_ctx *t)
{
	static const uint8_t want[8] = { 'a', 'b', 0, 0, 0, 0, 0, 0 };
	TEE_ObjectHandle h;
	TEE_ObjectInfo info;

	T_OK(t_create("trunc", "abcdef", 6, RW | META, &h));
	T_OK(TEE_TruncateObjectData(h, 2));
	/* Growing again shows zeros, not the old bytes. */
	T_OK(TEE_TruncateObjectData(h, 8));
	T_CHECK(t_read_is(h, want, 8));
	T_OK(TEE_TruncateObjectData(h, 0));
	T_OK(TEE_GetObjectInfo1(h, &info));
	T_CHECK(info.dataSize == 0 && info.dataPosition == 8);
	T_RES(TEE_TruncateObjectData(h, (size_t)TEE_DATA_MAX_POSITION + 1),
	      TEE_ERROR_STORAGE_NO_SPACE);
	TEE_CloseObject(h);
	T_OK(t_open("trunc", TEE_DATA_FLAG_ACCESS_READ | META, &h));
	T_CHECK(t_data_size(h) == 0);
	T_OK(TEE_CloseAndDeletePersistentObject1(h));
	return TEE_SUCCESS;
}

TEE_Result stor_run_test(uint32_t test, uint32_t *line, uint32_t *got)
{
	static TEE_Result (*const tests[])(struct t_ctx *) = {
		[STOR_TEST_BASIC] = t_basic,
		[STOR_TEST_CONFLICT] = t_conflict,
		[STOR_TEST_NOT_FOUND] = t_not_found,
		[STOR_TEST_ENUM] = t_enum,
		[STOR_TEST_KEY] = t_key,
		[STOR_TEST_LARGE] = t_large,
		[STOR_TEST_SEEK] = t_seek,
		[STOR_TEST_SHARE] = t_share,
		[STOR_TEST_GP11] = t_gp11,
		[STOR_TEST_IDS] = t_ids,
		[STOR_TEST_USAGE] = t_usage,
		[STOR_TEST_FLAGS] = t_flags,
		[STOR_TEST_TRUNCATE] = t_truncate,
	};
	struct t_ctx t = { 0 };
	TEE_Result res;

	if (!test || test > STOR_TEST_MAX)
		return TEE_ERROR_NOT_SUPPORTED;
	res = tests[test](&t);
	*line = t.line;
	*got = t.got;
	return res;
}

TEE_Result stor_run_panic(uint32_t which)
{
	TEE_ObjectEnumHandle e;
	TEE_ObjectHandle h = TEE_HANDLE_NULL;
	uint8_t buf[8], id[TEE_OBJECT_ID_MAX_LEN + 1] = { 0 };
	size_t n = sizeof(id);
	TEE_Result res;

	switch (which) {
	case STOR_PANIC_READ_NO_ACCESS:
	case STOR_PANIC_WRITE_NO_ACCESS:
	case STOR_PANIC_RENAME_NO_META:
	case STOR_PANIC_DELETE_NO_META:
		t_remove("panic");
		res = TEE_CreatePersistentObject(PRIV, "panic", 5, 0,
						 TEE_HANDLE_NULL, "p", 1, NULL);
		if (!res)
			res = TEE_OpenPersistentObject(
				PRIV, "panic", 5,
				which == STOR_PANIC_READ_NO_ACCESS ?
				TEE_DATA_FLAG_ACCESS_WRITE :
				TEE_DATA_FLAG_ACCESS_READ, &h);
		if (res)
			return res;
		if (which == STOR_PANIC_READ_NO_ACCESS)
			(void)TEE_ReadObjectData(h, buf, sizeof(buf), &n);
		else if (which == STOR_PANIC_WRITE_NO_ACCESS)
			(void)TEE_WriteObjectData(h, "x", 1);
		else if (which == STOR_PANIC_RENAME_NO_META)
			(void)TEE_RenamePersistentObject(h, "panic2", 6);
		else
			(void)TEE_CloseAndDeletePersistentObject1(h);
		break;
	case STOR_PANIC_ID_TOO_LONG:
		(void)TEE_OpenPersistentObject(PRIV, id, sizeof(id),
					       TEE_DATA_FLAG_ACCESS_READ, &h);
		break;
	case STOR_PANIC_BAD_FLAGS:
		(void)TEE_OpenPersistentObject(PRIV, "x", 1, 0x80000000U, &h);
		break;
	case STOR_PANIC_TRANSIENT_DATA:
		res = TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &h);
		if (res)
			return res;
		(void)TEE_WriteObjectData(h, "x", 1);
		break;
	case STOR_PANIC_BAD_ENUM:
		e = (TEE_ObjectEnumHandle)(void *)buf;
		(void)TEE_GetNextPersistentObject(e, NULL, id, &n);
		break;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
	/* Still alive: GP's panic did not happen. */
	return TEE_ERROR_GENERIC;
}
