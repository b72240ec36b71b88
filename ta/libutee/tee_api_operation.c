// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic operation functions (GP TEE Internal Core API 1.3.1, 6.2):
 * allocation with the algorithm/mode/key size checks, keys, information,
 * reset, copy and algorithm support. The per-class work hangs off
 * op->impl (tee_api_crypto_*.c, tee_api_asym*.c).
 */
#include <stdlib.h>
#include <string.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_int.h"

struct __TEE_OperationHandle *utee_op_check(TEE_OperationHandle h)
{
	if (!h || !utee_handle_live(h) || h->magic != UTEE_OP_MAGIC)
		UTEE_PANIC_PARAM();
	return h;
}

struct __TEE_OperationHandle *utee_op_check_class(TEE_OperationHandle h,
						  uint32_t cls)
{
	struct __TEE_OperationHandle *op = utee_op_check(h);

	if (op->info.operationClass != cls)
		UTEE_PANIC_PARAM();
	return op;
}

void utee_op_free_impl(struct __TEE_OperationHandle *op)
{
	if (op->impl && op->impl_free)
		op->impl_free(op);
	op->impl = NULL;
	op->impl_free = NULL;
	op->impl_reset = NULL;
	op->impl_copy = NULL;
}

void utee_op_reset_state(struct __TEE_OperationHandle *op)
{
	op->state = TEE_OPERATION_STATE_INITIAL;
	op->info.handleState &= ~(TEE_HANDLE_FLAG_INITIALIZED |
				  TEE_HANDLE_FLAG_EXTRACTING);
	if (op->impl && op->impl_reset)
		op->impl_reset(op);
	/* A digest is always ready for data (GP 1.1 behaviour kept in 1.3). */
	if (op->info.operationClass == TEE_OPERATION_DIGEST)
		op->info.handleState |= TEE_HANDLE_FLAG_INITIALIZED;
}

static uint32_t required_usage(uint32_t mode)
{
	switch (mode) {
	case TEE_MODE_ENCRYPT:
		return TEE_USAGE_ENCRYPT;
	case TEE_MODE_DECRYPT:
		return TEE_USAGE_DECRYPT;
	case TEE_MODE_SIGN:
		return TEE_USAGE_SIGN;
	case TEE_MODE_VERIFY:
		return TEE_USAGE_VERIFY;
	case TEE_MODE_MAC:
		return TEE_USAGE_MAC;
	case TEE_MODE_DERIVE:
		return TEE_USAGE_DERIVE;
	default:
		return 0;
	}
}

/* Whether maxKeySize suits alg (GP: NOT_SUPPORTED otherwise). */
static bool max_key_size_ok(const struct utee_alg *alg, uint32_t bits)
{
	if (alg->cls == TEE_OPERATION_DIGEST)
		return true;
	if (alg->key_bits)
		return bits == alg->key_bits;
	/*
	 * XTS: GP counts one key, OP-TEE both; either reading is accepted
	 * and each key is then checked against maxKeySize.
	 */
	if (alg->flags & UTEE_ALG_TWO_KEYS)
		return bits == 128 || bits == 192 || bits == 256 ||
		       bits == 384 || bits == 512;
	return utee_obj_type_size_ok(alg->key_type, bits) == TEE_SUCCESS;
}

static bool asym_supported(uint32_t alg, uint32_t element)
{
	return utee_asym_alg_supported(alg, element);
}

TEE_Result TEE_AllocateOperation(TEE_OperationHandle *operation,
				 uint32_t algorithm, uint32_t mode,
				 uint32_t maxKeySize)
{
	const struct utee_alg *alg = utee_alg_find(algorithm);
	struct __TEE_OperationHandle *op;
	TEE_Result res;

	if (!operation)
		UTEE_PANIC_PARAM();
	*operation = TEE_HANDLE_NULL;
	if (!alg || !utee_alg_mode_ok(alg->cls, mode) ||
	    !max_key_size_ok(alg, maxKeySize))
		return TEE_ERROR_NOT_SUPPORTED;
	if ((alg->flags & UTEE_ALG_ASYM) &&
	    !asym_supported(algorithm, TEE_CRYPTO_ELEMENT_NONE))
		return TEE_ERROR_NOT_SUPPORTED;

	op = calloc(1, sizeof(*op));
	if (!op)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (utee_handle_add(op)) {
		free(op);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	op->magic = UTEE_OP_MAGIC;
	op->info.algorithm = algorithm;
	op->info.operationClass = alg->cls;
	op->info.mode = mode;
	op->info.digestLength = alg->out_len;
	op->info.maxKeySize = maxKeySize;
	op->info.requiredKeyUsage = required_usage(mode);
	if (alg->flags & UTEE_ALG_TWO_KEYS)
		op->info.handleState |= TEE_HANDLE_FLAG_EXPECT_TWO_KEYS;
	op->state = TEE_OPERATION_STATE_INITIAL;
	if (alg->cls == TEE_OPERATION_DIGEST) {
		/* Digests need no key and no init: ready at once. */
		op->info.handleState |= TEE_HANDLE_FLAG_KEY_SET |
					TEE_HANDLE_FLAG_INITIALIZED;
		res = utee_digest_alloc(op);
		if (res != TEE_SUCCESS) {
			TEE_FreeOperation(op);
			return res;
		}
	}
	*operation = op;
	return TEE_SUCCESS;
}

static void op_drop_keys(struct __TEE_OperationHandle *op)
{
	utee_op_free_impl(op);
	utee_obj_free(op->key1);
	utee_obj_free(op->key2);
	op->key1 = op->key2 = NULL;
	op->info.handleState &= ~TEE_HANDLE_FLAG_KEY_SET;
	op->info.keySize = 0;
}

void TEE_FreeOperation(TEE_OperationHandle operation)
{
	struct __TEE_OperationHandle *op;

	if (operation == TEE_HANDLE_NULL)
		return;
	op = utee_op_check(operation);
	op_drop_keys(op);
	utee_handle_del(op);
	memset(op, 0, sizeof(*op));
	free(op);
}

void TEE_GetOperationInfo(TEE_OperationHandle operation,
			  TEE_OperationInfo *operationInfo)
{
	struct __TEE_OperationHandle *op = utee_op_check(operation);

	if (!operationInfo)
		UTEE_PANIC_PARAM();
	*operationInfo = op->info;
	/* GP: with two keys these describe neither, so they read 0. */
	if (op->info.handleState & TEE_HANDLE_FLAG_EXPECT_TWO_KEYS) {
		operationInfo->keySize = 0;
		operationInfo->requiredKeyUsage = 0;
	}
}

TEE_Result TEE_GetOperationInfoMultiple(TEE_OperationHandle operation,
			TEE_OperationInfoMultiple *operationInfoMultiple,
			size_t *operationSize)
{
	struct __TEE_OperationHandle *op = utee_op_check(operation);
	TEE_OperationInfoMultiple *m = operationInfoMultiple;
	struct __TEE_ObjectHandle *keys[2] = { op->key1, op->key2 };
	uint32_t nkeys = 1, i;
	size_t need;

	if (!operationSize)
		UTEE_PANIC_PARAM();
	if (op->info.operationClass == TEE_OPERATION_DIGEST)
		nkeys = 0;
	else if (op->info.handleState & TEE_HANDLE_FLAG_EXPECT_TWO_KEYS)
		nkeys = 2;
	need = sizeof(*m) + nkeys * sizeof(m->keyInformation[0]);
	if (*operationSize < need) {
		*operationSize = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (!m)
		UTEE_PANIC_PARAM();
	memset(m, 0, need);
	m->algorithm = op->info.algorithm;
	m->operationClass = op->info.operationClass;
	m->mode = op->info.mode;
	m->digestLength = op->info.digestLength;
	m->maxKeySize = op->info.maxKeySize;
	m->handleState = op->info.handleState;
	m->operationState = op->state;
	m->numberOfKeys = nkeys;
	for (i = 0; i < nkeys; i++) {
		m->keyInformation[i].keySize = keys[i] ? keys[i]->obj_size : 0;
		m->keyInformation[i].requiredKeyUsage =
			op->info.requiredKeyUsage;
	}
	*operationSize = need;
	return TEE_SUCCESS;
}

void TEE_ResetOperation(TEE_OperationHandle operation)
{
	struct __TEE_OperationHandle *op = utee_op_check(operation);

	if (!(op->info.handleState & TEE_HANDLE_FLAG_KEY_SET))
		UTEE_PANIC_STATE();
	utee_op_reset_state(op);
}

/* A private copy of key k (attributes, size, usage). Panics without memory. */
static struct __TEE_ObjectHandle *key_dup(const struct __TEE_ObjectHandle *k)
{
	struct __TEE_ObjectHandle *c = utee_obj_alloc(k->type, k->obj_size);

	if (!c || utee_obj_copy_attrs(c, k, false) != TEE_SUCCESS)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	c->usage = k->usage;
	c->initialized = true;
	return c;
}

/* GP's checks of a key for op: any failure is a panic. */
static void key_check(const struct __TEE_OperationHandle *op,
		      const struct utee_alg *alg,
		      const struct __TEE_ObjectHandle *k)
{
	uint32_t req = op->info.requiredKeyUsage;
	bool type_ok = k->type == alg->key_type;

	if (!k->initialized)
		UTEE_PANIC_STATE();
	if (!type_ok && alg->alt_type && k->type == alg->alt_type) {
		/* A public key cannot sign, decrypt or derive. */
		type_ok = !(alg->flags & UTEE_ALG_ASYM) ||
			  op->info.mode == TEE_MODE_VERIFY ||
			  op->info.mode == TEE_MODE_ENCRYPT;
	}
	if (!type_ok || (k->usage & req) != req ||
	    k->obj_size > op->info.maxKeySize ||
	    (alg->key_bits && k->obj_size != alg->key_bits))
		UTEE_PANIC_PARAM();
}

static void op_set_keys(struct __TEE_OperationHandle *op,
			struct __TEE_ObjectHandle *k1,
			struct __TEE_ObjectHandle *k2)
{
	const struct utee_alg *alg = utee_alg_find(op->info.algorithm);
	TEE_Result res;

	if (!alg)
		UTEE_PANIC_PARAM();
	key_check(op, alg, k1);
	if (k2) {
		key_check(op, alg, k2);
		if (k1->obj_size != k2->obj_size)
			UTEE_PANIC_PARAM();
	}
	op_drop_keys(op);
	op->key1 = key_dup(k1);
	op->key2 = k2 ? key_dup(k2) : NULL;
	op->info.handleState |= TEE_HANDLE_FLAG_KEY_SET;
	op->info.keySize = k1->obj_size;
	utee_op_reset_state(op);
	if (alg->flags & UTEE_ALG_ASYM) {
		res = utee_asym_op_init(op);
		if (res != TEE_SUCCESS)
			TEE_Panic(res);
	}
}

/* Key changes are allowed only before the operation is initialised. */
static struct __TEE_OperationHandle *op_for_key(TEE_OperationHandle h,
						bool two)
{
	struct __TEE_OperationHandle *op = utee_op_check(h);

	if (op->info.operationClass == TEE_OPERATION_DIGEST)
		UTEE_PANIC_PARAM();
	if (op->info.handleState & TEE_HANDLE_FLAG_INITIALIZED)
		UTEE_PANIC_STATE();
	if (!(op->info.handleState & TEE_HANDLE_FLAG_EXPECT_TWO_KEYS) != !two)
		UTEE_PANIC_PARAM();
	return op;
}

TEE_Result TEE_SetOperationKey(TEE_OperationHandle operation,
			       TEE_ObjectHandle key)
{
	struct __TEE_OperationHandle *op = op_for_key(operation, false);

	if (key == TEE_HANDLE_NULL) {
		op_drop_keys(op);
		utee_op_reset_state(op);
		return TEE_SUCCESS;
	}
	op_set_keys(op, utee_obj_check(key), NULL);
	return TEE_SUCCESS;
}

TEE_Result TEE_SetOperationKey2(TEE_OperationHandle operation,
				TEE_ObjectHandle key1, TEE_ObjectHandle key2)
{
	struct __TEE_OperationHandle *op = op_for_key(operation, true);

	if (key1 == TEE_HANDLE_NULL && key2 == TEE_HANDLE_NULL) {
		op_drop_keys(op);
		utee_op_reset_state(op);
		return TEE_SUCCESS;
	}
	if (key1 == TEE_HANDLE_NULL || key2 == TEE_HANDLE_NULL)
		UTEE_PANIC_PARAM();
	/* XTS with one key twice has no security (GP 1.3.1: SECURITY). */
	if (key1 == key2)
		return TEE_ERROR_SECURITY;
	op_set_keys(op, utee_obj_check(key1), utee_obj_check(key2));
	return TEE_SUCCESS;
}

void TEE_CopyOperation(TEE_OperationHandle dstOperation,
		       TEE_OperationHandle srcOperation)
{
	struct __TEE_OperationHandle *dst = utee_op_check(dstOperation);
	struct __TEE_OperationHandle *src = utee_op_check(srcOperation);
	TEE_Result res = TEE_SUCCESS;

	if (dst == src)
		return;
	if (dst->info.algorithm != src->info.algorithm ||
	    dst->info.mode != src->info.mode)
		UTEE_PANIC_PARAM();
	if (src->key1 && src->info.keySize > dst->info.maxKeySize)
		UTEE_PANIC_PARAM();
	op_drop_keys(dst);
	if (src->key1)
		dst->key1 = key_dup(src->key1);
	if (src->key2)
		dst->key2 = key_dup(src->key2);
	dst->info.handleState = src->info.handleState;
	dst->info.keySize = src->info.keySize;
	dst->info.digestLength = src->info.digestLength;
	dst->state = src->state;
	if (src->impl && src->impl_copy) {
		dst->impl_free = src->impl_free;
		dst->impl_reset = src->impl_reset;
		dst->impl_copy = src->impl_copy;
		res = src->impl_copy(dst, src);
		if (res != TEE_SUCCESS)
			utee_op_free_impl(dst);
	} else if (src->key1 &&
		   (utee_alg_find(src->info.algorithm)->flags & UTEE_ALG_ASYM)) {
		res = utee_asym_op_init(dst);
	}
	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

TEE_Result TEE_IsAlgorithmSupported(uint32_t algId, uint32_t element)
{
	const struct utee_alg *alg = utee_alg_find(algId);

	if (!alg)
		return TEE_ERROR_NOT_SUPPORTED;
	if (alg->flags & UTEE_ALG_ASYM)
		return asym_supported(algId, element) ? TEE_SUCCESS :
							 TEE_ERROR_NOT_SUPPORTED;
	return element == TEE_CRYPTO_ELEMENT_NONE ? TEE_SUCCESS :
						    TEE_ERROR_NOT_SUPPORTED;
}
