// SPDX-License-Identifier: BSD-2-Clause
/*
 * Key derivation functions on OpenSSL's EVP_KDF: HKDF (RFC 5869) as GP
 * 1.3.1's TEE_ALG_HKDF and as OP-TEE's TEE_ALG_HKDF_*_DERIVE_KEY, PBKDF2
 * with HMAC-SHA1 (RFC 8018 5.2) and the Concat KDF of NIST SP 800-56A
 * 5.8.1 (OpenSSL's SSKDF with a digest). The key set on the operation
 * holds the secret input; the parameters of TEE_DeriveKey give the rest.
 */
#include <stdlib.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <tee_api_defines_extensions.h>
#include <tee_internal_api.h>
#include <trace.h>
#include <utee_defines.h>

#include "tee_api_crypto_int.h"
#include "tee_api_kdf.h"
#include "tee_api_object_int.h"
#include "utee_object.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* RFC 5869: at most 255 blocks of output. */
#define HKDF_MAX_BLOCKS 255

/* What a TEE_DeriveKey parameter is to a KDF. */
enum kdf_role {
	ROLE_SALT,
	ROLE_INFO,		/* HKDF info, Concat KDF OtherInfo */
	ROLE_LEN_BYTES,		/* output length in bytes (OP-TEE's ids) */
	ROLE_LEN_BITS,		/* output length in bits (GP's KDF_KEY_SIZE) */
	ROLE_HASH,		/* GP's HKDF: the digest, a TEE_ALG_* */
	ROLE_ITER,		/* PBKDF2 iteration count */
	ROLE_COUNT
};

struct kdf_attr {
	uint32_t id;
	enum kdf_role role;
};

/*
 * OP-TEE's HKDF takes its own salt and info ids and also GP's, which
 * carry the old names in OP-TEE's newer headers.
 */
#define HKDF_COMMON_ATTRS \
	{ __OPTEE_TEE_ATTR_HKDF_SALT, ROLE_SALT }, \
	{ TEE_ATTR_HKDF_SALT, ROLE_SALT }, \
	{ __OPTEE_TEE_ATTR_HKDF_INFO, ROLE_INFO }, \
	{ TEE_ATTR_HKDF_INFO, ROLE_INFO }, \
	{ TEE_ATTR_HKDF_OKM_LENGTH, ROLE_LEN_BYTES }

static const struct kdf_attr hkdf_attrs[] = { HKDF_COMMON_ATTRS };
static const struct kdf_attr hkdf_gp_attrs[] = {
	HKDF_COMMON_ATTRS,
	{ TEE_ATTR_HKDF_HASH_ALGORITHM, ROLE_HASH },
	{ TEE_ATTR_KDF_KEY_SIZE, ROLE_LEN_BITS },
};
static const struct kdf_attr concat_attrs[] = {
	{ TEE_ATTR_CONCAT_KDF_OTHER_INFO, ROLE_INFO },
	{ TEE_ATTR_CONCAT_KDF_DKM_LENGTH, ROLE_LEN_BYTES },
};
static const struct kdf_attr pbkdf2_attrs[] = {
	{ TEE_ATTR_PBKDF2_SALT, ROLE_SALT },
	{ TEE_ATTR_PBKDF2_ITERATION_COUNT, ROLE_ITER },
	{ TEE_ATTR_PBKDF2_DKM_LENGTH, ROLE_LEN_BYTES },
};

enum kdf_kind { KDF_HKDF, KDF_CONCAT, KDF_PBKDF2 };

struct kdf_spec {
	enum kdf_kind kind;
	const char *evp_name;		/* OpenSSL's EVP_KDF */
	const struct kdf_attr *attrs;
	size_t n_attrs;
	bool len_optional;		/* else a length is required */
};

static const struct kdf_spec spec_hkdf = {
	KDF_HKDF, OSSL_KDF_NAME_HKDF, hkdf_attrs, N_ELEMS(hkdf_attrs), false
};
/* GP's HKDF derives the derived object's maximum size by default. */
static const struct kdf_spec spec_hkdf_gp = {
	KDF_HKDF, OSSL_KDF_NAME_HKDF, hkdf_gp_attrs, N_ELEMS(hkdf_gp_attrs),
	true
};
static const struct kdf_spec spec_concat = {
	KDF_CONCAT, OSSL_KDF_NAME_SSKDF, concat_attrs, N_ELEMS(concat_attrs),
	false
};
static const struct kdf_spec spec_pbkdf2 = {
	KDF_PBKDF2, OSSL_KDF_NAME_PBKDF2, pbkdf2_attrs, N_ELEMS(pbkdf2_attrs),
	false
};

/* The parameters of one derivation, checked. */
struct kdf_input {
	const TEE_Attribute *by_role[ROLE_COUNT];	/* first of each */
	const char *md;			/* OpenSSL digest name */
	const struct utee_attr *secret;	/* the key's secret */
	size_t out_len;
};

/* Every misuse panics; say which check on stderr, as OP-TEE does. */
static void kdf_panic(TEE_Result code, const char *func, int line)
	__attribute__((noreturn));
static void kdf_panic(TEE_Result code, const char *func, int line)
{
	trace_printf(func, line, TRACE_ERROR, false,
		     "key derivation: panic 0x%08x", code);
	TEE_Panic(code);
}
#define KDF_PANIC(code) kdf_panic((code), __func__, __LINE__)

static const struct kdf_spec *spec_of(uint32_t alg)
{
	if (alg == TEE_ALG_HKDF)
		return &spec_hkdf_gp;
	switch (TEE_ALG_GET_MAIN_ALG(alg)) {
	case TEE_MAIN_ALGO_HKDF:
		return &spec_hkdf;
	case TEE_MAIN_ALGO_CONCAT_KDF:
		return &spec_concat;
	case TEE_MAIN_ALGO_PBKDF2:
		return &spec_pbkdf2;
	default:
		return NULL;
	}
}

bool utee_kdf_op(TEE_OperationHandle h)
{
	const struct __TEE_OperationHandle *op = utee_op_check(h);
	const struct utee_alg *a = utee_alg_find(op->info.algorithm);

	return a && (a->flags & UTEE_ALG_KDF) && spec_of(a->id);
}

/* Sort the parameters by role: unknown ones and bad buffers panic. */
static void sort_params(const struct kdf_spec *s, const TEE_Attribute *params,
			uint32_t n, struct kdf_input *in)
{
	if (n && !params)
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
	for (uint32_t i = 0; i < n; i++) {
		const TEE_Attribute *a = &params[i];
		const struct kdf_attr *k = NULL;

		for (size_t j = 0; j < s->n_attrs && !k; j++)
			if (s->attrs[j].id == a->attributeID)
				k = &s->attrs[j];
		if (!k)		/* not a parameter of this KDF */
			KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
		if (!(a->attributeID & TEE_ATTR_FLAG_VALUE) &&
		    !a->content.ref.buffer && a->content.ref.length)
			KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
		/* A repeated attribute: the first counts, as in OP-TEE. */
		if (!in->by_role[k->role])
			in->by_role[k->role] = a;
	}
}

/* OpenSSL's name of a GP digest usable with HMAC, or NULL. */
static const char *hash_name(uint32_t hash_alg)
{
	const struct utee_alg *a = utee_alg_find(hash_alg);

	/* Any fixed-length digest but TLS's MD5+SHA-1 concatenation. */
	if (!a || a->cls != TEE_OPERATION_DIGEST || (a->flags & UTEE_ALG_XOF) ||
	    hash_alg == TEE_ALG_MD5SHA1)
		return NULL;
	return a->name;
}

/* The output length in bytes: the parameters', or the object's size. */
static size_t out_length(const struct kdf_spec *s, const struct kdf_input *in,
			 const struct __TEE_ObjectHandle *dk)
{
	const TEE_Attribute *bytes = in->by_role[ROLE_LEN_BYTES];
	const TEE_Attribute *bits = in->by_role[ROLE_LEN_BITS];
	size_t len = dk->max_obj_size / 8;

	if (bits) {
		if (bits->content.value.a % 8)
			KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
		len = bits->content.value.a / 8;
	}
	if (bytes) {
		/* Both given: they must agree. */
		if (bits && len != bytes->content.value.a)
			KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
		len = bytes->content.value.a;
	}
	if (!bits && !bytes && !s->len_optional)
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
	/* Nothing to derive, or more than the derived object holds. */
	if (!len || len > dk->max_obj_size / 8)
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
	return len;
}

/* Check the parameters against the KDF's rules and the key's digest. */
static void check_input(const struct kdf_spec *s, const struct utee_alg *alg,
			const struct __TEE_ObjectHandle *dk,
			struct kdf_input *in)
{
	const TEE_Attribute *hash = in->by_role[ROLE_HASH];
	const EVP_MD *md;

	in->md = alg->name;
	if (!in->md)	/* GP's HKDF: SHA-256 unless told otherwise */
		in->md = hash ? hash_name(hash->content.value.a) : "SHA256";
	md = in->md ? utee_crypto_md(in->md) : NULL;
	if (!md)
		KDF_PANIC(TEE_ERROR_NOT_SUPPORTED);
	in->out_len = out_length(s, in, dk);
	if (s->kind == KDF_HKDF &&
	    in->out_len > HKDF_MAX_BLOCKS * (size_t)EVP_MD_get_size(md))
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
	if (s->kind == KDF_PBKDF2 && (!in->by_role[ROLE_ITER] ||
				      !in->by_role[ROLE_ITER]->content.value.a))
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
	/* SP 800-56A has no empty shared secret (and OpenSSL wants one). */
	if (s->kind == KDF_CONCAT && !in->secret->ref.len)
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
}

/* EVP_KDF only reads its octet strings; the API wants them non-const. */
static const uint8_t no_bytes[1];

static OSSL_PARAM octets(const char *key, const void *buf, size_t len)
{
	return OSSL_PARAM_construct_octet_string(key,
						 (void *)(buf ? buf : no_bytes),
						 len);
}

static OSSL_PARAM ref_param(const char *key, const TEE_Attribute *a)
{
	return octets(key, a->content.ref.buffer, a->content.ref.length);
}

static TEE_Result kdf_run(const struct kdf_spec *s, const struct kdf_input *in,
			  uint8_t *out)
{
	const TEE_Attribute *salt = in->by_role[ROLE_SALT];
	const TEE_Attribute *info = in->by_role[ROLE_INFO];
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, s->evp_name, NULL);
	TEE_Result res = TEE_ERROR_NOT_SUPPORTED;
	EVP_KDF_CTX *ctx = NULL;
	OSSL_PARAM p[6], *q = p;
	uint64_t iter = 0;
	int pkcs5 = 1;

	if (!kdf)
		goto out;
	res = TEE_ERROR_OUT_OF_MEMORY;
	ctx = EVP_KDF_CTX_new(kdf);
	if (!ctx)
		goto out;
	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)in->md, 0);
	if (s->kind == KDF_PBKDF2) {
		*q++ = octets(OSSL_KDF_PARAM_PASSWORD, in->secret->ref.buf,
			      in->secret->ref.len);
		/* OP-TEE makes the salt optional; OpenSSL wants one. */
		*q++ = salt ? ref_param(OSSL_KDF_PARAM_SALT, salt) :
			      octets(OSSL_KDF_PARAM_SALT, NULL, 0);
		iter = in->by_role[ROLE_ITER]->content.value.a;
		*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iter);
		/* RFC 8018 as written, without SP 800-132's minimums. */
		*q++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5);
	} else {
		*q++ = octets(OSSL_KDF_PARAM_KEY, in->secret->ref.buf,
			      in->secret->ref.len);
		if (salt)	/* absent: HashLen zero bytes (RFC 5869) */
			*q++ = ref_param(OSSL_KDF_PARAM_SALT, salt);
		if (info)
			*q++ = ref_param(OSSL_KDF_PARAM_INFO, info);
	}
	*q = OSSL_PARAM_construct_end();
	/* OpenSSL also has limits of its own (HKDF info up to 32 KiB). */
	res = EVP_KDF_derive(ctx, out, in->out_len, p) > 0 ?
		TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
out:
	if (res)
		ERR_clear_error();
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return res;
}

/*
 * As for any TEE_DeriveKey (GP 1.3.1 6.8.1), misuse panics: no key set, a
 * derived key that is not an uninitialised transient secret object big
 * enough, a parameter the KDF does not take, a missing or bad length.
 * The derived object may be any secret type the output length suits
 * (a generic secret, an AES key...): the bytes become its secret.
 */
void utee_kdf_derive(TEE_OperationHandle operation, const TEE_Attribute *params,
		     uint32_t paramCount, TEE_ObjectHandle derivedKey)
{
	struct __TEE_OperationHandle *op = utee_op_check(operation);
	const struct utee_alg *alg = utee_alg_find(op->info.algorithm);
	const struct kdf_spec *s = alg ? spec_of(alg->id) : NULL;
	struct __TEE_ObjectHandle *dk = utee_obj_check(derivedKey);
	const struct utee_type_info *dt = utee_type_find(dk->type);
	uint32_t out_id = dt ? utee_type_secret_id(dt) : 0;
	struct kdf_input in = { 0 };
	const struct utee_type_info *kt;
	uint8_t *out;
	TEE_Result res;

	if (!s)
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
	if (!op->key1 || !(op->info.handleState & TEE_HANDLE_FLAG_KEY_SET))
		KDF_PANIC(TEE_ERROR_BAD_STATE);
	kt = utee_type_find(op->key1->type);
	in.secret = kt ? utee_obj_attr(op->key1, utee_type_secret_id(kt)) :
			 NULL;
	if (!in.secret)
		KDF_PANIC(TEE_ERROR_BAD_STATE);
	if (dk->pobj || dk->initialized || !out_id)
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);
	sort_params(s, params, paramCount, &in);
	check_input(s, alg, dk, &in);
	if (!utee_type_size_valid(dt, (uint32_t)(in.out_len * 8)))
		KDF_PANIC(TEE_ERROR_BAD_PARAMETERS);

	out = malloc(in.out_len);
	if (!out)
		KDF_PANIC(TEE_ERROR_OUT_OF_MEMORY);
	res = kdf_run(s, &in, out);
	if (res == TEE_SUCCESS)
		res = utee_obj_set_ref(dk, out_id, out, in.out_len);
	OPENSSL_cleanse(out, in.out_len);
	free(out);
	if (res != TEE_SUCCESS)
		KDF_PANIC(res);
	dk->obj_size = (uint32_t)(in.out_len * 8);
	dk->initialized = true;
}
