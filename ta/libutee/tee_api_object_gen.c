// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEE_GenerateKey: random secret values here, asymmetric key pairs by
 * utee_asym_generate() in tee_api_asym*.c.
 */
#include <stdlib.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_int.h"
#include "tee_api_object_int.h"

static TEE_Result gen_secret(struct __TEE_ObjectHandle *o, uint32_t bits,
			     uint32_t id)
{
	size_t len = bits / 8;
	uint8_t *key = malloc(len ? len : 1);
	TEE_Result res;

	if (!key)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (len && RAND_bytes(key, (int)len) != 1) {
		free(key);
		return TEE_ERROR_GENERIC;
	}
	res = utee_obj_set_ref(o, id, key, len);
	OPENSSL_cleanse(key, len);
	free(key);
	return res;
}

TEE_Result TEE_GenerateKey(TEE_ObjectHandle object, uint32_t keySize,
			   const TEE_Attribute *params, uint32_t paramCount)
{
	struct __TEE_ObjectHandle *o = utee_obj_check_transient(object);
	const struct utee_type_info *t = utee_type_find(o->type);
	TEE_Result res;

	if (o->initialized)
		UTEE_PANIC_STATE();
	if (paramCount && !params)
		UTEE_PANIC_PARAM();
	if (!t)
		UTEE_PANIC_PARAM();
	/* As OP-TEE: too large for the object is an error, not a panic. */
	if (keySize > o->max_obj_size)
		return TEE_ERROR_BAD_PARAMETERS;
	/* A size the type cannot have: GP's "not supported" panic. */
	if (!utee_type_size_valid(t, keySize))
		TEE_Panic(TEE_ERROR_NOT_SUPPORTED);

	if (t->kind == UTEE_KIND_SECRET) {
		/*
		 * Symmetric keys take no parameters; extra ones are ignored.
		 * OP-TEE's KDF inputs keep their secret in their own attribute.
		 */
		res = gen_secret(o, keySize, utee_type_secret_id(t));
	} else {
		res = utee_asym_generate(o, keySize, params, paramCount);
	}
	if (res != TEE_SUCCESS) {
		utee_obj_clear_attrs(o);
		if (res != TEE_ERROR_BAD_PARAMETERS)
			TEE_Panic(res);
		return res;
	}
	if (!o->obj_size)
		o->obj_size = keySize;
	o->initialized = true;
	return TEE_SUCCESS;
}
