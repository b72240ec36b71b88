/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Objects and operations as the Internal API implementation sees them.
 * One representation is shared by transient objects (tee_api_object*.c),
 * persistent objects (tee_api_storage*.c), symmetric crypto
 * (tee_api_crypto_*.c) and asymmetric crypto (tee_api_asym*.c). Handles
 * given to TAs are pointers to these; every entry point checks the magic
 * and panics on a handle that is not one of ours (GP: panic).
 */
#ifndef UTEE_OBJECT_H
#define UTEE_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_internal_api.h>

#define UTEE_OBJ_MAGIC	0x4f424a53U	/* "OBJS" */
#define UTEE_OP_MAGIC	0x4f505253U	/* "OPRS" */

/* One attribute held by an object; ref values are owned copies. */
struct utee_attr {
	uint32_t id;		/* TEE_ATTR_*; bit 29 (VALUE) tells the kind */
	union {
		struct {
			uint8_t *buf;	/* malloc'd, len bytes (may be 0) */
			size_t len;
		} ref;
		struct {
			uint32_t a, b;
		} value;
	};
};

struct utee_pobj;	/* persistent part, owned by tee_api_storage*.c */

struct __TEE_ObjectHandle {
	uint32_t magic;
	uint32_t type;		/* TEE_TYPE_* */
	uint32_t obj_size;	/* key size in bits (GP objectSize) */
	uint32_t max_obj_size;	/* transient: maxObjectSize */
	uint32_t usage;		/* TEE_USAGE_* */
	uint32_t handle_flags;	/* TEE_HANDLE_FLAG_* (+ TEE_DATA_FLAG_*) */
	bool initialized;	/* attributes populated or key generated */
	struct utee_attr *attrs;
	size_t n_attrs;
	struct utee_pobj *pobj;	/* NULL for a transient object */
};

/* Valid handle or panic (TEE_ERROR_BAD_PARAMETERS). */
struct __TEE_ObjectHandle *utee_obj_check(TEE_ObjectHandle h);
/* The attribute id of the object, or NULL. */
const struct utee_attr *utee_obj_attr(const struct __TEE_ObjectHandle *o,
				      uint32_t id);
/* Replace (or add) attribute id with a copy of buf/len or of a/b. */
TEE_Result utee_obj_set_ref(struct __TEE_ObjectHandle *o, uint32_t id,
			    const void *buf, size_t len);
TEE_Result utee_obj_set_value(struct __TEE_ObjectHandle *o, uint32_t id,
			      uint32_t a, uint32_t b);
/* Wipe and free every attribute (secrets are cleansed). */
void utee_obj_clear_attrs(struct __TEE_ObjectHandle *o);

/*
 * Asymmetric key generation for TEE_GenerateKey (tee_api_asym*.c): fill
 * o's attributes for a key of key_size bits of o->type from params.
 * TEE_ERROR_NOT_SUPPORTED for a type it does not know.
 */
TEE_Result utee_asym_generate(struct __TEE_ObjectHandle *o, uint32_t key_size,
			      const TEE_Attribute *params, uint32_t n_params);
/* Whether o->type is one of the asymmetric types (keypair or public). */
bool utee_asym_type(uint32_t type);

/* Operation state; the crypto files own what hangs off impl. */
struct __TEE_OperationHandle {
	uint32_t magic;
	TEE_OperationInfo info;		/* algorithm, class, mode, sizes... */
	uint32_t state;			/* TEE_OPERATION_STATE_* */
	struct __TEE_ObjectHandle *key1;	/* private copies of the keys */
	struct __TEE_ObjectHandle *key2;	/* XTS and SM2 key exchange */
	void *impl;			/* algorithm-specific (EVP contexts...) */
	void (*impl_free)(struct __TEE_OperationHandle *op);
	void (*impl_reset)(struct __TEE_OperationHandle *op);
	TEE_Result (*impl_copy)(struct __TEE_OperationHandle *dst,
				const struct __TEE_OperationHandle *src);
};

/* Valid handle or panic. */
struct __TEE_OperationHandle *utee_op_check(TEE_OperationHandle h);

#endif /* UTEE_OBJECT_H */
