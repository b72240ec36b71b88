// SPDX-License-Identifier: BSD-2-Clause
/*
 * Persistent objects (GP TEE Internal Core API 1.3.1, section 5.7): open,
 * create, close, delete and rename, and the persistent part of the
 * generic object functions. The secure world holds the objects; a handle
 * here carries the secure world's handle, the data position and the
 * attributes (so persistent keys work in operations like any other).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <user_ta_header.h>

#include "tee_api_crypto_int.h"
#include "tee_api_storage_int.h"
#include "utee_runtime.h"

#define STOR_OPEN_FLAGS	(TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_ACCESS_WRITE | \
			 TEE_DATA_FLAG_ACCESS_WRITE_META | \
			 TEE_DATA_FLAG_SHARE_READ | TEE_DATA_FLAG_SHARE_WRITE)

TEE_Result utee_stor_call(uint32_t fn, const void *in, size_t in_len,
			  int in_fd, void *out, size_t out_cap,
			  size_t *out_len, int *out_fd)
{
	return utee_syscall(SOFTEE_STOR_NR(fn), in, in_len, in_fd, out,
			    out_cap, out_len, out_fd);
}

void utee_stor_check(TEE_Result res, unsigned int ok)
{
	switch (res) {
	case TEE_SUCCESS:
	case TEE_ERROR_CORRUPT_OBJECT:
	case TEE_ERROR_STORAGE_NOT_AVAILABLE:
	case TEE_ERROR_OUT_OF_MEMORY:
		return;
	case TEE_ERROR_ITEM_NOT_FOUND:
	case TEE_ERROR_ACCESS_CONFLICT:
		if (ok & UTEE_STOR_OK_OPEN)
			return;
		break;
	case TEE_ERROR_STORAGE_NO_SPACE:
		if (ok & UTEE_STOR_OK_SPACE)
			return;
		break;
	case TEE_ERROR_OVERFLOW:
		if (ok & UTEE_STOR_OK_OVERFLOW)
			return;
		break;
	default:
		break;
	}
	/* GP: any error without a defined return code panics. */
	TEE_Panic(res);
}

/*
 * Through a mapping, not write()/pread(): the sandbox lets the TA host
 * write only to its channel, but map memfds of its own.
 */
int utee_stor_memfd(const void *buf, size_t len)
{
	int fd = memfd_create("softee-stor", MFD_CLOEXEC);
	void *p;

	if (fd < 0)
		return -1;
	if (ftruncate(fd, (off_t)len) < 0)
		goto err;
	if (len) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			goto err;
		memcpy(p, buf, len);
		munmap(p, len);
	}
	return fd;
err:
	close(fd);
	return -1;
}

int utee_stor_read_fd(int fd, void *buf, size_t len)
{
	struct stat st;
	void *p;

	/* The secure world's memfds are sealed against shrinking. */
	if (fstat(fd, &st) < 0 || (uint64_t)st.st_size < len)
		return -1;
	if (!len)
		return 0;
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return -1;
	memcpy(buf, p, len);
	munmap(p, len);
	return 0;
}

struct __TEE_ObjectHandle *utee_pobj_check(TEE_ObjectHandle h, uint32_t need)
{
	struct __TEE_ObjectHandle *o = utee_obj_check(h);

	if (!o->pobj || (o->pobj->flags & need) != need)
		UTEE_PANIC_PARAM();
	return o;
}

/* Release the secure world's handle and the persistent part. */
void utee_pobj_close(struct __TEE_ObjectHandle *o)
{
	struct softee_stor_handle q;

	if (!o->pobj)
		return;
	q.handle = o->pobj->handle;
	(void)utee_stor_call(SOFTEE_STOR_CLOSE, &q, sizeof(q), -1, NULL, 0,
			     NULL, NULL);
	free(o->pobj);
	o->pobj = NULL;
}

TEE_Result utee_pobj_after(struct __TEE_ObjectHandle *o, TEE_Result res)
{
	const struct softee_ta_head *head = utee_rt.head;

	if (res != TEE_ERROR_CORRUPT_OBJECT)
		return res;
	if (head && (head->flags & TA_FLAG_DONT_CLOSE_HANDLE_ON_CORRUPT_OBJECT))
		return res;
	/* GP: the handle is closed; using it again panics. */
	utee_pobj_close(o);
	utee_obj_free(o);
	return res;
}

TEE_Result utee_pobj_info(struct __TEE_ObjectHandle *o, size_t *data_size,
			  size_t *data_pos)
{
	struct softee_stor_handle q = { .handle = o->pobj->handle };
	struct softee_stor_obj_info info;
	size_t len = 0;
	TEE_Result res;

	res = utee_stor_call(SOFTEE_STOR_INFO, &q, sizeof(q), -1, &info,
			     sizeof(info), &len, NULL);
	utee_stor_check(res, 0);
	if (res == TEE_SUCCESS && len != sizeof(info))
		TEE_Panic(TEE_ERROR_COMMUNICATION);
	if (res != TEE_SUCCESS)
		return utee_pobj_after(o, res);
	*data_size = (size_t)info.data_size;
	*data_pos = (size_t)o->pobj->pos;
	return TEE_SUCCESS;
}

TEE_Result utee_pobj_set_usage(struct __TEE_ObjectHandle *o)
{
	struct softee_stor_usage q = { .handle = o->pobj->handle,
				       .usage = o->usage };
	TEE_Result res;

	res = utee_stor_call(SOFTEE_STOR_SET_USAGE, &q, sizeof(q), -1, NULL, 0,
			     NULL, NULL);
	utee_stor_check(res, 0);
	return res;
}

static bool stor_id_ok(uint32_t storage)
{
	return storage == TEE_STORAGE_PRIVATE ||
	       storage == TEE_STORAGE_PRIVATE_REE;
}

/* Attributes as records (softee_stor_attr); *len bytes in *out. */
static TEE_Result stor_attrs_encode(const struct __TEE_ObjectHandle *o,
				    uint8_t **out, size_t *len)
{
	size_t total = 0, off = 0;
	uint8_t *b;

	*out = NULL;
	*len = 0;
	for (size_t i = 0; o && i < o->n_attrs; i++) {
		const struct utee_attr *a = &o->attrs[i];

		total += sizeof(struct softee_stor_attr);
		if (!(a->id & TEE_ATTR_FLAG_VALUE))
			total += SOFTEE_STOR_PAD8(a->ref.len);
		if (total > SOFTEE_STOR_ATTRS_MAX)
			return TEE_ERROR_STORAGE_NO_SPACE;
	}
	if (!total)
		return TEE_SUCCESS;
	b = calloc(1, total);
	if (!b)
		return TEE_ERROR_OUT_OF_MEMORY;
	for (size_t i = 0; i < o->n_attrs; i++) {
		const struct utee_attr *a = &o->attrs[i];
		struct softee_stor_attr r = { .id = a->id };

		if (a->id & TEE_ATTR_FLAG_VALUE) {
			r.a = a->value.a;
			r.b = a->value.b;
		} else {
			r.len = (uint32_t)a->ref.len;
		}
		memcpy(b + off, &r, sizeof(r));
		off += sizeof(r);
		if (r.len)
			memcpy(b + off, a->ref.buf, r.len);
		off += SOFTEE_STOR_PAD8(r.len);
	}
	*out = b;
	*len = total;
	return TEE_SUCCESS;
}

/* Records back into o's attributes; false if malformed. */
static TEE_Result stor_attrs_decode(struct __TEE_ObjectHandle *o,
				    const uint8_t *b, size_t len)
{
	size_t off = 0;
	TEE_Result res = TEE_SUCCESS;

	while (off < len && res == TEE_SUCCESS) {
		struct softee_stor_attr r;

		if (len - off < sizeof(r))
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		memcpy(&r, b + off, sizeof(r));
		off += sizeof(r);
		if (r.id & TEE_ATTR_FLAG_VALUE) {
			res = utee_obj_set_value(o, r.id, r.a, r.b);
			continue;
		}
		if (r.len > len - off || SOFTEE_STOR_PAD8((size_t)r.len) > len - off)
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		res = utee_obj_set_ref(o, r.id, b + off, r.len);
		off += SOFTEE_STOR_PAD8((size_t)r.len);
	}
	return res;
}

/* A new handle for secure world handle h with info and attributes. */
static TEE_Result stor_new_handle(uint64_t h, uint32_t flags,
				  const struct softee_stor_obj_info *info,
				  const uint8_t *attrs, size_t attrs_len,
				  TEE_ObjectHandle *object)
{
	struct __TEE_ObjectHandle *o;
	TEE_Result res = TEE_ERROR_OUT_OF_MEMORY;

	o = utee_obj_alloc(info->type, info->max_obj_size);
	if (!o)
		goto err;
	o->pobj = calloc(1, sizeof(*o->pobj));
	if (!o->pobj)
		goto err;
	o->pobj->handle = h;
	o->pobj->flags = flags & STOR_OPEN_FLAGS;
	res = stor_attrs_decode(o, attrs, attrs_len);
	if (res != TEE_SUCCESS)
		goto err;
	o->obj_size = info->obj_size;
	o->usage = info->usage;
	/* GP: a persistent object is always initialized. */
	o->initialized = true;
	o->handle_flags = TEE_HANDLE_FLAG_PERSISTENT | (flags & STOR_OPEN_FLAGS);
	*object = o;
	return TEE_SUCCESS;
err:
	if (o) {
		utee_pobj_close(o);	/* also closes the secure world's handle */
		utee_obj_free(o);
	} else {
		struct softee_stor_handle q = { .handle = h };

		(void)utee_stor_call(SOFTEE_STOR_CLOSE, &q, sizeof(q), -1, NULL,
				     0, NULL, NULL);
	}
	return res == TEE_ERROR_OUT_OF_MEMORY ? res : TEE_ERROR_CORRUPT_OBJECT;
}

TEE_Result TEE_OpenPersistentObject(uint32_t storageID, const void *objectID,
				    size_t objectIDLen, uint32_t flags,
				    TEE_ObjectHandle *object)
{
	struct {
		struct softee_stor_open q;
		uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	} req;
	struct softee_stor_opened r;
	size_t rep_len = 0;
	uint8_t *rep;
	TEE_Result res;

	if (!object || objectIDLen > TEE_OBJECT_ID_MAX_LEN ||
	    (!objectID && objectIDLen) || (flags & ~STOR_OPEN_FLAGS))
		UTEE_PANIC_PARAM();
	*object = TEE_HANDLE_NULL;
	if (!stor_id_ok(storageID))
		return TEE_ERROR_ITEM_NOT_FOUND;
	memset(&req, 0, sizeof(req));
	req.q.storage_id = storageID;
	req.q.flags = flags;
	req.q.id_len = (uint32_t)objectIDLen;
	if (objectIDLen)
		memcpy(req.id, objectID, objectIDLen);
	rep = malloc(sizeof(r) + SOFTEE_STOR_ATTRS_MAX);
	if (!rep)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = utee_stor_call(SOFTEE_STOR_OPEN, &req, sizeof(req.q) + objectIDLen,
			     -1, rep, sizeof(r) + SOFTEE_STOR_ATTRS_MAX,
			     &rep_len, NULL);
	utee_stor_check(res, UTEE_STOR_OK_OPEN);
	if (res == TEE_SUCCESS) {
		if (rep_len < sizeof(r))
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		memcpy(&r, rep, sizeof(r));
		if (rep_len != sizeof(r) + r.attrs_len)
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		res = stor_new_handle(r.handle, flags, &r.info, rep + sizeof(r),
				      r.attrs_len, object);
	}
	/* The attributes may be key material. */
	TEE_MemFill(rep, 0, rep_len);
	free(rep);
	return res;
}

TEE_Result TEE_CreatePersistentObject(uint32_t storageID, const void *objectID,
				      size_t objectIDLen, uint32_t flags,
				      TEE_ObjectHandle attributes,
				      const void *initialData,
				      size_t initialDataLen,
				      TEE_ObjectHandle *object)
{
	struct softee_stor_create q;
	struct softee_stor_handle r = { 0 };
	struct __TEE_ObjectHandle *src = NULL;
	uint8_t *attrs = NULL, *req = NULL;
	size_t attrs_len = 0, req_len, rep_len = 0;
	int fd = -1;
	TEE_Result res;

	if (objectIDLen > TEE_OBJECT_ID_MAX_LEN || (!objectID && objectIDLen) ||
	    (flags & ~(STOR_OPEN_FLAGS | TEE_DATA_FLAG_OVERWRITE)) ||
	    (!initialData && initialDataLen))
		UTEE_PANIC_PARAM();
	if (object)
		*object = TEE_HANDLE_NULL;
	if (attributes != TEE_HANDLE_NULL) {
		src = utee_obj_check(attributes);
		if (!src->initialized)
			UTEE_PANIC_PARAM();
	}
	if (!stor_id_ok(storageID))
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (initialDataLen > TEE_DATA_MAX_POSITION)
		return TEE_ERROR_STORAGE_NO_SPACE;
	res = stor_attrs_encode(src, &attrs, &attrs_len);
	if (res != TEE_SUCCESS)
		return res;

	memset(&q, 0, sizeof(q));
	q.storage_id = storageID;
	q.flags = flags;
	q.id_len = (uint32_t)objectIDLen;
	q.attrs_len = (uint32_t)attrs_len;
	q.info.type = src ? src->type : TEE_TYPE_DATA;
	q.info.obj_size = src ? src->obj_size : 0;
	/* GP: a persistent object's maximum size is its size. */
	q.info.max_obj_size = q.info.obj_size;
	q.info.usage = src ? src->usage : 0xFFFFFFFFU;
	q.info.data_size = initialDataLen;
	q.want_handle = object != NULL;
	req_len = sizeof(q) + objectIDLen + attrs_len;
	q.data_inline = req_len + initialDataLen <= SOFTEE_STOR_INLINE_MAX;
	if (q.data_inline)
		req_len += initialDataLen;
	else if ((fd = utee_stor_memfd(initialData, initialDataLen)) < 0)
		res = TEE_ERROR_OUT_OF_MEMORY;
	req = res == TEE_SUCCESS ? malloc(req_len) : NULL;
	if (res == TEE_SUCCESS && !req)
		res = TEE_ERROR_OUT_OF_MEMORY;
	if (res == TEE_SUCCESS) {
		memcpy(req, &q, sizeof(q));
		if (objectIDLen)
			memcpy(req + sizeof(q), objectID, objectIDLen);
		if (attrs_len)
			memcpy(req + sizeof(q) + objectIDLen, attrs, attrs_len);
		if (q.data_inline && initialDataLen)
			memcpy(req + sizeof(q) + objectIDLen + attrs_len,
			       initialData, initialDataLen);
		res = utee_stor_call(SOFTEE_STOR_CREATE, req, req_len, fd, &r,
				     sizeof(r), &rep_len, NULL);
		utee_stor_check(res, UTEE_STOR_OK_OPEN | UTEE_STOR_OK_SPACE);
		if (res == TEE_SUCCESS && rep_len != sizeof(r))
			TEE_Panic(TEE_ERROR_COMMUNICATION);
	}
	if (fd >= 0)
		close(fd);
	if (req) {
		TEE_MemFill(req, 0, req_len);
		free(req);
	}
	if (res == TEE_SUCCESS && object)
		res = stor_new_handle(r.handle, flags, &q.info, attrs, attrs_len,
				      object);
	if (attrs) {
		TEE_MemFill(attrs, 0, attrs_len);
		free(attrs);
	}
	return res;
}

TEE_Result TEE_CloseAndDeletePersistentObject1(TEE_ObjectHandle object)
{
	struct __TEE_ObjectHandle *o;
	struct softee_stor_handle q;
	TEE_Result res;

	if (object == TEE_HANDLE_NULL)
		return TEE_SUCCESS;
	o = utee_pobj_check(object, TEE_DATA_FLAG_ACCESS_WRITE_META);
	q.handle = o->pobj->handle;
	res = utee_stor_call(SOFTEE_STOR_CLOSE_DELETE, &q, sizeof(q), -1, NULL,
			     0, NULL, NULL);
	utee_stor_check(res, 0);
	if (res == TEE_ERROR_STORAGE_NOT_AVAILABLE ||
	    res == TEE_ERROR_OUT_OF_MEMORY)
		return res;	/* the handle stays open: the TA may retry */
	/* Closed by the secure world (a corrupt object is deleted anyway). */
	free(o->pobj);
	o->pobj = NULL;
	utee_obj_free(o);
	return TEE_SUCCESS;
}

void TEE_CloseAndDeletePersistentObject(TEE_ObjectHandle object)
{
	TEE_Result res = TEE_CloseAndDeletePersistentObject1(object);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

TEE_Result TEE_RenamePersistentObject(TEE_ObjectHandle object,
				      const void *newObjectID,
				      size_t newObjectIDLen)
{
	struct {
		struct softee_stor_rename q;
		uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	} req;
	struct __TEE_ObjectHandle *o;
	TEE_Result res;

	o = utee_pobj_check(object, TEE_DATA_FLAG_ACCESS_WRITE_META);
	if (newObjectIDLen > TEE_OBJECT_ID_MAX_LEN ||
	    (!newObjectID && newObjectIDLen))
		UTEE_PANIC_PARAM();
	memset(&req, 0, sizeof(req));
	req.q.handle = o->pobj->handle;
	req.q.id_len = (uint32_t)newObjectIDLen;
	if (newObjectIDLen)
		memcpy(req.id, newObjectID, newObjectIDLen);
	res = utee_stor_call(SOFTEE_STOR_RENAME, &req,
			     sizeof(req.q) + newObjectIDLen, -1, NULL, 0, NULL,
			     NULL);
	utee_stor_check(res, UTEE_STOR_OK_OPEN);
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		TEE_Panic(res);
	return utee_pobj_after(o, res);
}

/* GP 1.1 forms: uint32_t lengths. */
TEE_Result __GP11_TEE_OpenPersistentObject(uint32_t storageID,
					   const void *objectID,
					   uint32_t objectIDLen,
					   uint32_t flags,
					   TEE_ObjectHandle *object)
{
	return TEE_OpenPersistentObject(storageID, objectID, objectIDLen, flags,
					object);
}

TEE_Result __GP11_TEE_CreatePersistentObject(uint32_t storageID,
					     const void *objectID,
					     uint32_t objectIDLen,
					     uint32_t flags,
					     TEE_ObjectHandle attributes,
					     const void *initialData,
					     uint32_t initialDataLen,
					     TEE_ObjectHandle *object)
{
	return TEE_CreatePersistentObject(storageID, objectID, objectIDLen,
					  flags, attributes, initialData,
					  initialDataLen, object);
}

TEE_Result __GP11_TEE_RenamePersistentObject(TEE_ObjectHandle object,
					     const void *newObjectID,
					     uint32_t newObjectIDLen)
{
	return TEE_RenamePersistentObject(object, newObjectID, newObjectIDLen);
}
