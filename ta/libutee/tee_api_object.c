// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic object functions and transient objects (GP TEE Internal Core
 * API 1.3.1, sections 5.5 to 5.7 but key generation): allocation, reset,
 * free/close, information, usage, attribute extraction and copy.
 */
#include <stdlib.h>
#include <string.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_int.h"
#include "tee_api_object_int.h"

#define USAGE_ALL 0xFFFFFFFFU

struct __TEE_ObjectHandle *utee_obj_alloc(uint32_t type, uint32_t max_size)
{
	struct __TEE_ObjectHandle *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	if (utee_handle_add(o)) {
		free(o);
		return NULL;
	}
	o->magic = UTEE_OBJ_MAGIC;
	o->type = type;
	o->max_obj_size = max_size;
	o->usage = USAGE_ALL;
	return o;
}

void utee_obj_free(struct __TEE_ObjectHandle *o)
{
	if (!o)
		return;
	utee_obj_clear_attrs(o);
	utee_handle_del(o);
	o->magic = 0;
	free(o);
}

struct __TEE_ObjectHandle *utee_obj_check(TEE_ObjectHandle h)
{
	if (!h || !utee_handle_live(h) || h->magic != UTEE_OBJ_MAGIC)
		UTEE_PANIC_PARAM();
	return h;
}

struct __TEE_ObjectHandle *utee_obj_check_transient(TEE_ObjectHandle h)
{
	struct __TEE_ObjectHandle *o = utee_obj_check(h);

	if (o->pobj || (o->handle_flags & TEE_HANDLE_FLAG_PERSISTENT))
		UTEE_PANIC_PARAM();
	return o;
}

TEE_Result TEE_AllocateTransientObject(TEE_ObjectType objectType,
				       uint32_t maxObjectSize,
				       TEE_ObjectHandle *object)
{
	struct __TEE_ObjectHandle *o;

	if (!object)
		UTEE_PANIC_PARAM();
	*object = TEE_HANDLE_NULL;
	if (utee_obj_type_size_ok(objectType, maxObjectSize) != TEE_SUCCESS)
		return TEE_ERROR_NOT_SUPPORTED;
	o = utee_obj_alloc(objectType, maxObjectSize);
	if (!o)
		return TEE_ERROR_OUT_OF_MEMORY;
	*object = o;
	return TEE_SUCCESS;
}

void TEE_FreeTransientObject(TEE_ObjectHandle object)
{
	if (object == TEE_HANDLE_NULL)
		return;
	utee_obj_free(utee_obj_check_transient(object));
}

void TEE_ResetTransientObject(TEE_ObjectHandle object)
{
	struct __TEE_ObjectHandle *o;

	if (object == TEE_HANDLE_NULL)
		return;
	o = utee_obj_check_transient(object);
	utee_obj_clear_attrs(o);
	o->initialized = false;
	o->obj_size = 0;
	o->usage = USAGE_ALL;
}

void TEE_CloseObject(TEE_ObjectHandle object)
{
	struct __TEE_ObjectHandle *o;

	if (object == TEE_HANDLE_NULL)
		return;
	o = utee_obj_check(object);
	/* The storage side releases the persistent part first. */
	if (o->pobj)
		utee_pobj_close(o);
	utee_obj_free(o);
}

static uint32_t obj_handle_flags(const struct __TEE_ObjectHandle *o)
{
	uint32_t f = o->handle_flags;

	if (o->initialized)
		f |= TEE_HANDLE_FLAG_INITIALIZED;
	return f;
}

TEE_Result TEE_GetObjectInfo1(TEE_ObjectHandle object,
			      TEE_ObjectInfo *objectInfo)
{
	struct __TEE_ObjectHandle *o = utee_obj_check(object);
	size_t size = 0, pos = 0;
	TEE_Result res;

	if (!objectInfo)
		UTEE_PANIC_PARAM();
	if (o->pobj) {
		res = utee_pobj_info(o, &size, &pos);
		if (res != TEE_SUCCESS)
			return res;
	}
	memset(objectInfo, 0, sizeof(*objectInfo));
	objectInfo->objectType = o->type;
	objectInfo->objectSize = o->initialized ? o->obj_size : 0;
	/* GP: a persistent object's maximum size is its size. */
	objectInfo->maxObjectSize = o->pobj ? o->obj_size : o->max_obj_size;
	objectInfo->objectUsage = o->usage;
	objectInfo->dataSize = size;
	objectInfo->dataPosition = pos;
	objectInfo->handleFlags = obj_handle_flags(o);
	return TEE_SUCCESS;
}

void TEE_GetObjectInfo(TEE_ObjectHandle object, TEE_ObjectInfo *objectInfo)
{
	TEE_Result res = TEE_GetObjectInfo1(object, objectInfo);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

TEE_Result TEE_RestrictObjectUsage1(TEE_ObjectHandle object,
				    uint32_t objectUsage)
{
	struct __TEE_ObjectHandle *o = utee_obj_check(object);
	uint32_t old = o->usage;
	TEE_Result res;

	o->usage &= objectUsage;
	if (!o->pobj || o->usage == old)
		return TEE_SUCCESS;
	res = utee_pobj_set_usage(o);
	if (res != TEE_SUCCESS)
		o->usage = old;
	return res;
}

void TEE_RestrictObjectUsage(TEE_ObjectHandle object, uint32_t objectUsage)
{
	TEE_Result res = TEE_RestrictObjectUsage1(object, objectUsage);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

/* The attribute GP lets the TA read, or NULL (ITEM_NOT_FOUND). */
static const struct utee_attr *readable_attr(TEE_ObjectHandle object,
					     uint32_t id, bool value)
{
	struct __TEE_ObjectHandle *o = utee_obj_check(object);

	if (!o->initialized)
		UTEE_PANIC_STATE();
	if (!!(id & TEE_ATTR_FLAG_VALUE) != value)
		UTEE_PANIC_PARAM();
	/* Secret parts leave only an extractable object (GP: panic). */
	if (!(id & TEE_ATTR_FLAG_PUBLIC) &&
	    !(o->usage & TEE_USAGE_EXTRACTABLE))
		UTEE_PANIC_PARAM();
	return utee_obj_attr(o, id);
}

TEE_Result TEE_GetObjectBufferAttribute(TEE_ObjectHandle object,
					uint32_t attributeID, void *buffer,
					size_t *size)
{
	const struct utee_attr *a;

	if (!size)
		UTEE_PANIC_PARAM();
	a = readable_attr(object, attributeID, false);
	if (!a)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (*size < a->ref.len || (a->ref.len && !buffer)) {
		*size = a->ref.len;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (a->ref.len)
		memcpy(buffer, a->ref.buf, a->ref.len);
	*size = a->ref.len;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetObjectValueAttribute(TEE_ObjectHandle object,
				       uint32_t attributeID, uint32_t *a,
				       uint32_t *b)
{
	const struct utee_attr *at = readable_attr(object, attributeID, true);

	if (!at)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (a)
		*a = at->value.a;
	if (b)
		*b = at->value.b;
	return TEE_SUCCESS;
}

/* The public key type whose keypair is kp, or 0. */
static uint32_t public_of(uint32_t kp)
{
	switch (kp) {
	case TEE_TYPE_RSA_KEYPAIR:
		return TEE_TYPE_RSA_PUBLIC_KEY;
	case TEE_TYPE_DSA_KEYPAIR:
		return TEE_TYPE_DSA_PUBLIC_KEY;
	case TEE_TYPE_ECDSA_KEYPAIR:
		return TEE_TYPE_ECDSA_PUBLIC_KEY;
	case TEE_TYPE_ECDH_KEYPAIR:
		return TEE_TYPE_ECDH_PUBLIC_KEY;
	case TEE_TYPE_ED25519_KEYPAIR:
		return TEE_TYPE_ED25519_PUBLIC_KEY;
	case TEE_TYPE_X25519_KEYPAIR:
		return TEE_TYPE_X25519_PUBLIC_KEY;
	default:
		return 0;
	}
}

TEE_Result TEE_CopyObjectAttributes1(TEE_ObjectHandle destObject,
				     TEE_ObjectHandle srcObject)
{
	struct __TEE_ObjectHandle *dst = utee_obj_check_transient(destObject);
	struct __TEE_ObjectHandle *src = utee_obj_check(srcObject);
	bool public_only = false;
	TEE_Result res;

	if (dst->initialized || !src->initialized)
		UTEE_PANIC_STATE();
	if (dst->type != src->type) {
		if (public_of(src->type) != dst->type)
			UTEE_PANIC_PARAM();
		public_only = true;
	}
	if (src->obj_size > dst->max_obj_size)
		UTEE_PANIC_PARAM();
	res = utee_obj_copy_attrs(dst, src, public_only);
	if (res != TEE_SUCCESS)
		TEE_Panic(res);
	dst->usage &= src->usage;
	dst->initialized = true;
	return TEE_SUCCESS;
}

void TEE_CopyObjectAttributes(TEE_ObjectHandle destObject,
			      TEE_ObjectHandle srcObject)
{
	TEE_Result res = TEE_CopyObjectAttributes1(destObject, srcObject);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}
