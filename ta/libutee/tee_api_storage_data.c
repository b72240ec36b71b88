// SPDX-License-Identifier: BSD-2-Clause
/*
 * Data streams of persistent objects (GP TEE Internal Core API 1.3.1,
 * section 5.10): read, write, truncate, seek. The data position lives
 * here; each write is one request, atomic in the secure world (data too
 * long to go inline travels in a memfd).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_int.h"
#include "tee_api_storage_int.h"

TEE_Result TEE_ReadObjectData(TEE_ObjectHandle object, void *buffer,
			      size_t size, size_t *count)
{
	struct __TEE_ObjectHandle *o;
	struct softee_stor_rw q = { 0 };
	struct softee_stor_read_ret r;
	size_t cap, rep_len = 0;
	uint8_t *rep;
	int fd = -1;
	TEE_Result res;

	o = utee_pobj_check(object, TEE_DATA_FLAG_ACCESS_READ);
	if (!count || (!buffer && size))
		UTEE_PANIC_PARAM();
	*count = 0;
	q.handle = o->pobj->handle;
	q.offset = o->pobj->pos;
	q.len = size;
	cap = sizeof(r) + (size < SOFTEE_STOR_INLINE_MAX ? size :
			   SOFTEE_STOR_INLINE_MAX);
	rep = malloc(cap);
	if (!rep)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = utee_stor_call(SOFTEE_STOR_READ, &q, sizeof(q), -1, rep, cap,
			     &rep_len, &fd);
	utee_stor_check(res, 0);
	if (res == TEE_SUCCESS) {
		if (rep_len < sizeof(r))
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		memcpy(&r, rep, sizeof(r));
		if (r.len > size ||
		    (r.data_inline ? rep_len != sizeof(r) + r.len || fd >= 0 :
				     rep_len != sizeof(r) || fd < 0))
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		if (r.data_inline && r.len)
			memcpy(buffer, rep + sizeof(r), (size_t)r.len);
		else if (!r.data_inline &&
			 utee_stor_read_fd(fd, buffer, (size_t)r.len))
			TEE_Panic(TEE_ERROR_COMMUNICATION);
		*count = (size_t)r.len;
		o->pobj->pos += r.len;
	}
	if (fd >= 0)
		close(fd);
	TEE_MemFill(rep, 0, rep_len);
	free(rep);
	return utee_pobj_after(o, res);
}

TEE_Result TEE_WriteObjectData(TEE_ObjectHandle object, const void *buffer,
			       size_t size)
{
	struct __TEE_ObjectHandle *o;
	struct softee_stor_rw q = { 0 };
	uint8_t *req = NULL;
	size_t req_len = sizeof(q);
	int fd = -1;
	TEE_Result res;

	o = utee_pobj_check(object, TEE_DATA_FLAG_ACCESS_WRITE);
	if (!buffer && size)
		UTEE_PANIC_PARAM();
	/* GP: no byte may go past TEE_DATA_MAX_POSITION. */
	if (size > TEE_DATA_MAX_POSITION ||
	    o->pobj->pos > TEE_DATA_MAX_POSITION - size)
		return TEE_ERROR_OVERFLOW;
	q.handle = o->pobj->handle;
	q.offset = o->pobj->pos;
	q.len = size;
	q.data_inline = size <= SOFTEE_STOR_INLINE_MAX;
	if (q.data_inline) {
		req_len += size;
		req = malloc(req_len);
		if (!req)
			return TEE_ERROR_OUT_OF_MEMORY;
		memcpy(req, &q, sizeof(q));
		if (size)
			memcpy(req + sizeof(q), buffer, size);
	} else {
		fd = utee_stor_memfd(buffer, size);
		if (fd < 0)
			return TEE_ERROR_OUT_OF_MEMORY;
	}
	res = utee_stor_call(SOFTEE_STOR_WRITE, req ? (void *)req : (void *)&q,
			     req_len, fd, NULL, 0, NULL, NULL);
	utee_stor_check(res, UTEE_STOR_OK_SPACE | UTEE_STOR_OK_OVERFLOW);
	if (fd >= 0)
		close(fd);
	if (req) {
		TEE_MemFill(req, 0, req_len);
		free(req);
	}
	if (res == TEE_SUCCESS)
		o->pobj->pos += size;
	return utee_pobj_after(o, res);
}

TEE_Result TEE_TruncateObjectData(TEE_ObjectHandle object, size_t size)
{
	struct __TEE_ObjectHandle *o;
	struct softee_stor_trunc q;
	TEE_Result res;

	o = utee_pobj_check(object, TEE_DATA_FLAG_ACCESS_WRITE);
	if (size > TEE_DATA_MAX_POSITION)
		return TEE_ERROR_STORAGE_NO_SPACE;
	q.handle = o->pobj->handle;
	q.size = size;
	res = utee_stor_call(SOFTEE_STOR_TRUNCATE, &q, sizeof(q), -1, NULL, 0,
			     NULL, NULL);
	utee_stor_check(res, UTEE_STOR_OK_SPACE);
	return utee_pobj_after(o, res);
}

TEE_Result TEE_SeekObjectData(TEE_ObjectHandle object, intmax_t offset,
			      TEE_Whence whence)
{
	struct __TEE_ObjectHandle *o = utee_pobj_check(object, 0);
	intmax_t base;
	size_t size, pos;
	TEE_Result res;

	switch (whence) {
	case TEE_DATA_SEEK_SET:
		base = 0;
		break;
	case TEE_DATA_SEEK_CUR:
		base = (intmax_t)o->pobj->pos;
		break;
	case TEE_DATA_SEEK_END:
		res = utee_pobj_info(o, &size, &pos);
		if (res != TEE_SUCCESS)
			return res;	/* the handle may be gone: do not touch o */
		base = (intmax_t)size;
		break;
	default:
		UTEE_PANIC_PARAM();
		return TEE_ERROR_BAD_PARAMETERS;
	}
	/* base is at most TEE_DATA_MAX_POSITION: bound offset, then add. */
	if (offset > (intmax_t)TEE_DATA_MAX_POSITION)
		return TEE_ERROR_OVERFLOW;
	if (offset < -(intmax_t)TEE_DATA_MAX_POSITION)
		offset = -(intmax_t)TEE_DATA_MAX_POSITION;
	base += offset;
	if (base > (intmax_t)TEE_DATA_MAX_POSITION)
		return TEE_ERROR_OVERFLOW;
	/* As OP-TEE: a position before the start is the start. */
	o->pobj->pos = base < 0 ? 0 : (uint64_t)base;
	return TEE_SUCCESS;
}

/* GP 1.1 forms: uint32_t sizes and counts, int32_t offset. */
TEE_Result __GP11_TEE_ReadObjectData(TEE_ObjectHandle object, void *buffer,
				     uint32_t size, uint32_t *count)
{
	size_t c = 0;
	TEE_Result res;

	if (!count)
		UTEE_PANIC_PARAM();
	res = TEE_ReadObjectData(object, buffer, size, &c);
	*count = (uint32_t)c;	/* at most size: always fits */
	return res;
}

TEE_Result __GP11_TEE_WriteObjectData(TEE_ObjectHandle object,
				      const void *buffer, uint32_t size)
{
	return TEE_WriteObjectData(object, buffer, size);
}

TEE_Result __GP11_TEE_TruncateObjectData(TEE_ObjectHandle object,
					 uint32_t size)
{
	return TEE_TruncateObjectData(object, size);
}

TEE_Result __GP11_TEE_SeekObjectData(TEE_ObjectHandle object, int32_t offset,
				     TEE_Whence whence)
{
	return TEE_SeekObjectData(object, offset, whence);
}
