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

/*
 * --- Object helpers (tee_api_object*.c) for every producer of objects ---
 * `initialized` is the source of TEE_HANDLE_FLAG_INITIALIZED;
 * handle_flags holds the other bits (TEE_HANDLE_FLAG_PERSISTENT and the
 * TEE_DATA_FLAG_* of a persistent object). A producer of key material
 * (TEE_GenerateKey, TEE_DeriveKey, TEE_OpenPersistentObject) stores the
 * attributes with utee_obj_set_*, then sets obj_size and initialized.
 *
 * utee_obj_alloc: a new registered object (handles are checked against
 * the registry, so a stale or forged handle panics instead of crashing),
 * with type and max_obj_size as given, usage all ones, no attributes,
 * pobj NULL; NULL when out of memory. No validation of type or size.
 * utee_obj_free: wipe the attributes, unregister and free o (o->pobj must
 * already be released).
 */
struct __TEE_ObjectHandle *utee_obj_alloc(uint32_t type, uint32_t max_size);
void utee_obj_free(struct __TEE_ObjectHandle *o);
/*
 * TEE_SUCCESS if an object of type may have size bits (the GP table of
 * TEE_AllocateTransientObject), else TEE_ERROR_NOT_SUPPORTED.
 */
TEE_Result utee_obj_type_size_ok(uint32_t type, uint32_t size);
/*
 * Replace dst's attributes with copies of src's (only the public ones
 * if public_only, for a keypair copied into a public key object) and
 * take src's obj_size. TEE_ERROR_OUT_OF_MEMORY leaves dst without
 * attributes.
 */
TEE_Result utee_obj_copy_attrs(struct __TEE_ObjectHandle *dst,
			       const struct __TEE_ObjectHandle *src,
			       bool public_only);
/*
 * The checks and the copy of TEE_PopulateTransientObject without the
 * handle checks: attributes required/allowed for o->type, sizes within
 * o->max_obj_size (GP panics are TEE_Panic here too), then o holds the
 * attributes, obj_size and initialized. TEE_ERROR_BAD_PARAMETERS for an
 * inconsistent value (o left without attributes).
 */
TEE_Result utee_obj_populate(struct __TEE_ObjectHandle *o,
			     const TEE_Attribute *attrs, uint32_t n);

/*
 * --- Persistent objects (tee_api_storage*.c implements these) ---
 * utee_pobj_close: TEE_CloseObject on an object with pobj != NULL calls
 * it to release the persistent part (and set o->pobj = NULL); the
 * caller then wipes and frees o itself.
 * utee_pobj_info: dataSize and dataPosition for TEE_GetObjectInfo1 (the
 * rest comes from o). TEE_SUCCESS, or TEE_ERROR_CORRUPT_OBJECT /
 * TEE_ERROR_STORAGE_NOT_AVAILABLE, which TEE_GetObjectInfo1 returns.
 * utee_pobj_set_usage: TEE_RestrictObjectUsage1 has set o->usage to the
 * new (restricted) value; make it persistent. Same results.
 */
void utee_pobj_close(struct __TEE_ObjectHandle *o);
TEE_Result utee_pobj_info(struct __TEE_ObjectHandle *o, size_t *data_size,
			  size_t *data_pos);
TEE_Result utee_pobj_set_usage(struct __TEE_ObjectHandle *o);

/*
 * --- Asymmetric operations (tee_api_asym*.c implements these) ---
 * tee_api_operation.c allocates, keys, copies, resets and frees
 * operations of the classes ASYMMETRIC_CIPHER, ASYMMETRIC_SIGNATURE and
 * KEY_DERIVATION like any other:
 *  - TEE_AllocateOperation checks mode against class, maxKeySize against
 *    the key type's sizes, then asks utee_asym_alg_supported(alg,
 *    TEE_CRYPTO_ELEMENT_NONE) (NONE: "with some key"); false gives
 *    TEE_ERROR_NOT_SUPPORTED. TEE_IsAlgorithmSupported asks it with the
 *    caller's element (a TEE_ECC_CURVE_* or NONE).
 *  - info.requiredKeyUsage is SIGN/VERIFY/ENCRYPT/DECRYPT/DERIVE by mode.
 *  - TEE_SetOperationKey(2) checks handle, type (keypair for sign,
 *    decrypt and derive; public or keypair otherwise), usage and size,
 *    releases any previous impl (impl_free, then impl and the three
 *    hooks are NULL), stores private copies in op->key1 (op->key2), sets
 *    TEE_HANDLE_FLAG_KEY_SET and info.keySize, then calls
 *    utee_asym_op_init(op): set op->impl and its hooks as the algorithm
 *    needs (an EVP_PKEY...). A result other than TEE_SUCCESS panics
 *    with that code (GP: the key does not fit the algorithm).
 *  - Clearing the key (TEE_HANDLE_NULL) frees impl and key copies.
 *  - TEE_ResetOperation calls impl_reset if set. TEE_FreeOperation
 *    calls impl_free if set.
 *  - TEE_CopyOperation releases dst's impl, copies the keys, info and
 *    state; then, if src->impl and src->impl_copy are set, dst takes
 *    src's three hooks and impl_copy(dst, src) builds dst->impl (dst->impl
 *    is NULL on entry; on failure it must leave dst->impl NULL or
 *    something impl_free can release; the copy then panics). If src has
 *    a key but no impl/impl_copy, utee_asym_op_init(dst) is called.
 * op->key1 is NULL until a key is set; keys are plain objects of this
 * header (utee_obj_attr() reads their attributes).
 */
bool utee_asym_alg_supported(uint32_t alg, uint32_t element);
TEE_Result utee_asym_op_init(struct __TEE_OperationHandle *op);

/*
 * OpenSSL set-up for the TA host (tee_api_crypto_init.c): loads the
 * configuration and the default provider, fetches every algorithm the
 * runtime uses and seeds the DRBG, so that nothing reads files later.
 * Call it once before the sandbox is installed; later calls do nothing.
 */
void utee_crypto_init(void);

#endif /* UTEE_OBJECT_H */
