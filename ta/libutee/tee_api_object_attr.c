// SPDX-License-Identifier: BSD-2-Clause
/*
 * Object attributes: the owned copies an object holds, the GP attribute
 * initialisers and TEE_PopulateTransientObject with the per-type checks
 * of tee_api_object_type.c.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_int.h"
#include "tee_api_object_int.h"

static bool attr_is_value(uint32_t id)
{
	return id & TEE_ATTR_FLAG_VALUE;
}

static void attr_wipe(struct utee_attr *a)
{
	if (!attr_is_value(a->id) && a->ref.buf) {
		OPENSSL_cleanse(a->ref.buf, a->ref.len);
		free(a->ref.buf);
	}
	memset(a, 0, sizeof(*a));
}

const struct utee_attr *utee_obj_attr(const struct __TEE_ObjectHandle *o,
				      uint32_t id)
{
	size_t i;

	for (i = 0; i < o->n_attrs; i++)
		if (o->attrs[i].id == id)
			return &o->attrs[i];
	return NULL;
}

/* The slot for id in o: the existing one (wiped) or a new one. */
static struct utee_attr *attr_slot(struct __TEE_ObjectHandle *o, uint32_t id)
{
	struct utee_attr *a = (struct utee_attr *)utee_obj_attr(o, id);

	if (a) {
		attr_wipe(a);
		a->id = id;
		return a;
	}
	a = realloc(o->attrs, (o->n_attrs + 1) * sizeof(*a));
	if (!a)
		return NULL;
	o->attrs = a;
	a = &o->attrs[o->n_attrs++];
	memset(a, 0, sizeof(*a));
	a->id = id;
	return a;
}

TEE_Result utee_obj_set_ref(struct __TEE_ObjectHandle *o, uint32_t id,
			    const void *buf, size_t len)
{
	struct utee_attr *a;
	uint8_t *copy;

	if (attr_is_value(id) || (len && !buf))
		return TEE_ERROR_BAD_PARAMETERS;
	/* Allocate first so that a failure leaves the old value in place. */
	copy = malloc(len ? len : 1);
	if (!copy)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (len)
		memcpy(copy, buf, len);
	a = attr_slot(o, id);
	if (!a) {
		free(copy);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	a->ref.buf = copy;
	a->ref.len = len;
	return TEE_SUCCESS;
}

TEE_Result utee_obj_set_value(struct __TEE_ObjectHandle *o, uint32_t id,
			      uint32_t va, uint32_t vb)
{
	struct utee_attr *a;

	if (!attr_is_value(id))
		return TEE_ERROR_BAD_PARAMETERS;
	a = attr_slot(o, id);
	if (!a)
		return TEE_ERROR_OUT_OF_MEMORY;
	a->value.a = va;
	a->value.b = vb;
	return TEE_SUCCESS;
}

void utee_obj_clear_attrs(struct __TEE_ObjectHandle *o)
{
	size_t i;

	for (i = 0; i < o->n_attrs; i++)
		attr_wipe(&o->attrs[i]);
	free(o->attrs);
	o->attrs = NULL;
	o->n_attrs = 0;
}

TEE_Result utee_obj_copy_attrs(struct __TEE_ObjectHandle *dst,
			       const struct __TEE_ObjectHandle *src,
			       bool public_only)
{
	const struct utee_type_info *dt = utee_type_find(dst->type);
	const struct utee_attr *a;
	TEE_Result res = TEE_SUCCESS;
	size_t i;

	if (dst == src)
		return TEE_SUCCESS;
	utee_obj_clear_attrs(dst);
	for (i = 0; i < src->n_attrs && res == TEE_SUCCESS; i++) {
		a = &src->attrs[i];
		if (public_only && (!(a->id & TEE_ATTR_FLAG_PUBLIC) ||
				    !dt || !utee_type_rule(dt, a->id)))
			continue;
		if (attr_is_value(a->id))
			res = utee_obj_set_value(dst, a->id, a->value.a,
						 a->value.b);
		else
			res = utee_obj_set_ref(dst, a->id, a->ref.buf,
					       a->ref.len);
	}
	if (res != TEE_SUCCESS) {
		utee_obj_clear_attrs(dst);
		return res;
	}
	dst->obj_size = src->obj_size;
	return TEE_SUCCESS;
}

void TEE_InitRefAttribute(TEE_Attribute *attr, uint32_t attributeID,
			  const void *buffer, size_t length)
{
	if (!attr || attr_is_value(attributeID))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	attr->attributeID = attributeID;
	attr->content.ref.buffer = (void *)buffer;
	attr->content.ref.length = length;
}

void TEE_InitValueAttribute(TEE_Attribute *attr, uint32_t attributeID,
			    uint32_t a, uint32_t b)
{
	if (!attr || !attr_is_value(attributeID))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	attr->attributeID = attributeID;
	attr->content.value.a = a;
	attr->content.value.b = b;
}

/* Bits of a big-endian unsigned number (leading zero bytes allowed). */
static uint32_t be_bits(const uint8_t *p, size_t len)
{
	uint32_t bits;
	uint8_t top;

	while (len && !*p) {
		p++;
		len--;
	}
	if (!len)
		return 0;
	if (len > UINT32_MAX / 8)
		return UINT32_MAX;
	bits = (uint32_t)(len - 1) * 8;
	for (top = *p; top; top >>= 1)
		bits++;
	return bits;
}

static const TEE_Attribute *find_in(const TEE_Attribute *attrs, uint32_t n,
				    uint32_t id)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (attrs[i].attributeID == id)
			return &attrs[i];
	return NULL;
}

static bool ref_nonempty(const TEE_Attribute *a)
{
	return a && a->content.ref.length &&
	       be_bits(a->content.ref.buffer, a->content.ref.length);
}

/* An ECC coordinate or scalar must fit the curve. */
static bool ecc_value_fits(const TEE_Attribute *a, uint32_t bits)
{
	return !a || be_bits(a->content.ref.buffer, a->content.ref.length) <=
		     bits;
}

/*
 * The object size the attributes give, or 0 after a panic-free
 * BAD_PARAMETERS verdict. Panics where GP says "too big to fit".
 */
static uint32_t populate_size(const struct __TEE_ObjectHandle *o,
			      const struct utee_type_info *t,
			      const TEE_Attribute *attrs, uint32_t n)
{
	const TEE_Attribute *a = NULL;
	uint32_t bits = 0;
	size_t i;

	for (i = 0; i < t->n_attrs; i++)
		if (t->attrs[i].flags & UTEE_ATTR_SIZE)
			a = find_in(attrs, n, t->attrs[i].id);
	if (!a)
		UTEE_PANIC_PARAM();
	switch (t->kind) {
	case UTEE_KIND_SECRET:
		if (a->content.ref.length > UINT32_MAX / 8)
			UTEE_PANIC_PARAM();
		bits = (uint32_t)a->content.ref.length * 8;
		break;
	case UTEE_KIND_RSA:
	case UTEE_KIND_BIGNUM:
		bits = be_bits(a->content.ref.buffer, a->content.ref.length);
		break;
	case UTEE_KIND_ECC:
		bits = utee_ecc_curve_bits(a->content.value.a);
		if (!bits)
			return 0;
		break;
	case UTEE_KIND_25519:
		bits = 256;
		break;
	}
	if (bits > o->max_obj_size)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	if (!utee_type_size_valid(t, bits))
		return 0;
	return bits;
}

/* Value checks beyond presence and size: GP "inconsistent attribute". */
static bool populate_consistent(const struct utee_type_info *t,
				const TEE_Attribute *attrs, uint32_t n,
				uint32_t bits)
{
	size_t i;

	switch (t->kind) {
	case UTEE_KIND_SECRET:
		return true;
	case UTEE_KIND_RSA:
	case UTEE_KIND_BIGNUM:
		/* Every big number present must be non-zero. */
		for (i = 0; i < n; i++)
			if (!attr_is_value(attrs[i].attributeID) &&
			    !ref_nonempty(&attrs[i]))
				return false;
		return true;
	case UTEE_KIND_ECC:
		return ecc_value_fits(find_in(attrs, n,
					      TEE_ATTR_ECC_PUBLIC_VALUE_X), bits) &&
		       ecc_value_fits(find_in(attrs, n,
					      TEE_ATTR_ECC_PUBLIC_VALUE_Y), bits) &&
		       ecc_value_fits(find_in(attrs, n,
					      TEE_ATTR_ECC_PRIVATE_VALUE), bits);
	case UTEE_KIND_25519:
		for (i = 0; i < n; i++)
			if (attrs[i].content.ref.length != 32)
				return false;
		return true;
	}
	return false;
}

TEE_Result utee_obj_populate(struct __TEE_ObjectHandle *o,
			     const TEE_Attribute *attrs, uint32_t n)
{
	const struct utee_type_info *t = utee_type_find(o->type);
	const struct utee_attr_rule *r;
	uint32_t seen = 0, i, crt_seen = 0, crt_all = 0, bits;
	TEE_Result res = TEE_SUCCESS;
	bool dup = false;

	if (!t || (n && !attrs))
		UTEE_PANIC_PARAM();
	for (i = 0; i < n; i++) {
		r = utee_type_rule(t, attrs[i].attributeID);
		if (!r)		/* GP: attribute not defined for the type */
			UTEE_PANIC_PARAM();
		if (!attr_is_value(r->id) && !attrs[i].content.ref.buffer &&
		    attrs[i].content.ref.length)
			UTEE_PANIC_PARAM();
		if (seen & (1U << (r - t->attrs)))
			dup = true;
		seen |= 1U << (r - t->attrs);
	}
	for (i = 0; i < t->n_attrs; i++) {
		if ((t->attrs[i].flags & UTEE_ATTR_REQUIRED) &&
		    !(seen & (1U << i)))	/* GP: mandatory attribute missing */
			UTEE_PANIC_PARAM();
		if (t->attrs[i].flags & UTEE_ATTR_CRT) {
			crt_all++;
			crt_seen += !!(seen & (1U << i));
		}
	}
	if (dup || (crt_seen && crt_seen != crt_all))
		return TEE_ERROR_BAD_PARAMETERS;
	bits = populate_size(o, t, attrs, n);
	if (!bits && t->kind != UTEE_KIND_SECRET)
		return TEE_ERROR_BAD_PARAMETERS;
	if (t->kind == UTEE_KIND_SECRET &&
	    !utee_type_size_valid(t, bits))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!populate_consistent(t, attrs, n, bits))
		return TEE_ERROR_BAD_PARAMETERS;

	utee_obj_clear_attrs(o);
	for (i = 0; i < n && res == TEE_SUCCESS; i++) {
		if (attr_is_value(attrs[i].attributeID))
			res = utee_obj_set_value(o, attrs[i].attributeID,
						 attrs[i].content.value.a,
						 attrs[i].content.value.b);
		else
			res = utee_obj_set_ref(o, attrs[i].attributeID,
					       attrs[i].content.ref.buffer,
					       attrs[i].content.ref.length);
	}
	if (res != TEE_SUCCESS) {
		utee_obj_clear_attrs(o);
		return res;
	}
	o->obj_size = bits;
	o->initialized = true;
	return TEE_SUCCESS;
}

TEE_Result TEE_PopulateTransientObject(TEE_ObjectHandle object,
				       const TEE_Attribute *attrs,
				       uint32_t attrCount)
{
	struct __TEE_ObjectHandle *o = utee_obj_check_transient(object);
	TEE_Result res;

	if (o->initialized)
		UTEE_PANIC_STATE();
	res = utee_obj_populate(o, attrs, attrCount);
	/* GP allows only BAD_PARAMETERS as an error: anything else panics. */
	if (res != TEE_SUCCESS && res != TEE_ERROR_BAD_PARAMETERS)
		TEE_Panic(res);
	return res;
}
