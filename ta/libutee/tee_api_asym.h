/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Asymmetric crypto inside libutee: the algorithm, hash and curve tables
 * (tee_api_asym_alg.c), GP key objects <-> OpenSSL EVP_PKEY
 * (tee_api_asym_key.c), key generation (tee_api_asym_gen.c), the
 * per-operation state (tee_api_asym_op.c) and the entry points for
 * encryption (tee_api_asym_cipher.c), signatures (tee_api_asym_sign.c)
 * and key derivation (tee_api_derive.c).
 */
#ifndef TEE_API_ASYM_H
#define TEE_API_ASYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <tee_internal_api.h>

#include "utee_object.h"

enum asym_scheme {
	ASYM_RSASSA_PKCS1,	/* RSASSA-PKCS1-v1_5 over a digest */
	ASYM_RSASSA_PSS,
	ASYM_RSAES_PKCS1,	/* RSAES-PKCS1-v1_5 */
	ASYM_RSAES_OAEP,
	ASYM_RSA_NOPAD,
	ASYM_DSA,
	ASYM_ECDSA,
	ASYM_ED25519,
	ASYM_DH,
	ASYM_ECDH,
	ASYM_X25519,
};

struct asym_hash {
	uint32_t alg;		/* TEE_ALG_SHA256... */
	const char *name;	/* OpenSSL's name */
	size_t len;		/* digest bytes */
};

struct asym_curve {
	uint32_t id;		/* TEE_ECC_CURVE_* */
	const char *name;	/* OpenSSL group name */
	uint32_t bits;		/* GP key size */
	size_t bytes;		/* field (and order) width */
};

struct asym_alg {
	uint32_t alg;
	enum asym_scheme scheme;
	uint32_t hash;		/* TEE_ALG_* of the digest, 0 if none */
	uint32_t curve;		/* OP-TEE's legacy ids fix a curve, else 0 */
};

const struct asym_alg *asym_alg_find(uint32_t alg);
const struct asym_hash *asym_hash_find(uint32_t hash_alg);
const struct asym_curve *asym_curve_find(uint32_t curve);
/* Whether obj_type is a key type scheme works with (keypair or public). */
bool asym_key_type_ok(enum asym_scheme scheme, uint32_t obj_type);

/*
 * The state of an asymmetric operation once a key is set: the key as an
 * EVP_PKEY (built once by utee_asym_op_init) and the output width.
 */
#define ASYM_IMPL_MAGIC 0x41534d49U	/* "ASMI" */
struct asym_impl {
	uint32_t magic;
	const struct asym_alg *alg;
	EVP_PKEY *pkey;
	size_t width;		/* RSA modulus bytes; DSA/ECDSA r and s width */
	const struct asym_curve *curve;	/* ECDSA/ECDH */
};

/*
 * The impl of op after checking what GP says panics: op is an operation
 * of class cls in mode, with a key set.
 */
struct asym_impl *asym_op_impl(TEE_OperationHandle op, uint32_t cls,
			       uint32_t mode);
/* The TEE_Attribute id in params (ref or value), NULL if absent; panics
 * on a NULL array or a NULL buffer with a length. */
const TEE_Attribute *asym_param(const TEE_Attribute *params, uint32_t n,
				uint32_t id);

/* --- keys (tee_api_asym_key.c) --- */
/* o's key as an EVP_PKEY (private if o is a keypair). BAD_PARAMETERS
 * for attributes OpenSSL does not accept, OUT_OF_MEMORY. */
TEE_Result asym_pkey_from_obj(const struct __TEE_ObjectHandle *o,
			      EVP_PKEY **out);
/* A public EVP_PKEY of the same kind (and domain) as own, from a peer's
 * public value given as DeriveKey parameters. */
TEE_Result asym_peer_pkey(const struct asym_impl *own,
			  const struct __TEE_ObjectHandle *key,
			  const TEE_Attribute *params, uint32_t n,
			  EVP_PKEY **out);
/* The curve of an EC key object (TEE_ATTR_ECC_CURVE), NULL if none. */
const struct asym_curve *asym_obj_curve(const struct __TEE_ObjectHandle *o);
/* Attribute id of o, as a new BIGNUM (secure if secret) or NULL. */
BIGNUM *asym_attr_bn(const struct __TEE_ObjectHandle *o, uint32_t id);
/* Store bn as attribute id: minimal big-endian bytes, or left-padded to
 * width bytes when width is not 0. */
TEE_Result asym_set_bn_attr(struct __TEE_ObjectHandle *o, uint32_t id,
			    const BIGNUM *bn, size_t width);
/* Copy the BIGNUM parameter name of pkey into attribute id of o. */
TEE_Result asym_set_pkey_attr(struct __TEE_ObjectHandle *o, uint32_t id,
			      const EVP_PKEY *pkey, const char *name,
			      size_t width);

/* Length in bytes of an attribute buffer without its leading zeros. */
size_t asym_strip_len(const uint8_t *buf, size_t len, const uint8_t **start);

/*
 * TEE_Panic after naming the function and line on stderr (OP-TEE prints
 * the same), so that a TA developer can tell which GP rule was broken.
 */
#define ASYM_PANIC(code) asym_panic((code), __func__, __LINE__)
void asym_panic(TEE_Result code, const char *func, int line)
	__attribute__((noreturn));

/* OpenSSL's error queue is per thread and grows: empty it after a failure
 * we turn into a GP result, so later calls are not confused by it. */
void asym_clear_errors(void);

#endif /* TEE_API_ASYM_H */
