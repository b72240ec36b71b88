/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private interface between the object and operation front ends
 * (tee_api_object*.c, tee_api_operation*.c) and the symmetric crypto
 * files (tee_api_crypto_*.c). Not part of the shared contract in
 * utee_object.h.
 */
#ifndef TEE_API_CRYPTO_INT_H
#define TEE_API_CRYPTO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>
#include <tee_internal_api.h>

#include "utee_object.h"

/* --- handle registry (tee_api_object_handle.c) ------------------------ */
/* 0, or -1 without memory. */
int utee_handle_add(const void *h);
void utee_handle_del(const void *h);
bool utee_handle_live(const void *h);

/* --- algorithms (tee_api_operation_alg.c) ----------------------------- */
#define UTEE_ALG_TWO_KEYS	0x01	/* XTS: key1 and key2 */
#define UTEE_ALG_XOF		0x02	/* SHAKE: any output length */
#define UTEE_ALG_ASYM		0x04	/* implemented by tee_api_asym*.c */
#define UTEE_ALG_KDF		0x08	/* key derivation, tee_api_kdf.c */

struct utee_alg {
	uint32_t id;
	uint8_t cls;		/* TEE_OPERATION_* */
	uint8_t flags;		/* UTEE_ALG_* */
	uint16_t out_len;	/* digest or MAC bytes (0: none or later) */
	uint32_t key_type;	/* key type; the keypair for asymmetric */
	uint32_t alt_type;	/* also accepted (public key, generic secret) */
	uint16_t key_bits;	/* legacy per-curve ids: the only key size */
	const char *name;	/* OpenSSL digest name (digests, HMAC, KDFs) */
};

/* The algorithm, or NULL if softee does not know it. */
const struct utee_alg *utee_alg_find(uint32_t id);
/* Whether mode is valid for an algorithm of class cls. */
bool utee_alg_mode_ok(uint8_t cls, uint32_t mode);

/* --- OpenSSL objects fetched once (tee_api_crypto_init.c) ------------- */
/* NULL if OpenSSL lacks the algorithm (or the name is not one of ours). */
const EVP_MD *utee_crypto_md(const char *name);
const EVP_CIPHER *utee_crypto_cipher(const char *name);
EVP_MAC *utee_crypto_mac(const char *name);
/* The AES cipher of a key length for a mode ("ECB", "CBC", "CTR", "GCM"). */
const EVP_CIPHER *utee_crypto_aes(size_t key_len, const char *mode);
/* DES and 2/3-key DES keys as a 24-byte DES-EDE3 key (single DES = K1=K2=K3). */
void utee_crypto_des3_key(uint8_t out[24], const uint8_t *key, size_t len);

/*
 * A new cipher context in the state of src (just allocated if src was
 * never initialised); NULL without memory.
 */
EVP_CIPHER_CTX *utee_evp_ctx_dup(const EVP_CIPHER_CTX *src);

/* The secret value of a symmetric key object, or NULL. */
const struct utee_attr *utee_op_secret(const struct __TEE_ObjectHandle *key);

/* Constant-time comparison: 0 when equal. */
int utee_ct_memcmp(const void *a, const void *b, size_t n);

/* --- per-class crypto (tee_api_crypto_*.c) ---------------------------- */
/* Create the digest state of a new digest operation (at allocation). */
TEE_Result utee_digest_alloc(struct __TEE_OperationHandle *op);

/* Wrong use of an operation: GP says panic. */
#define UTEE_PANIC_STATE()	TEE_Panic(TEE_ERROR_BAD_STATE)
#define UTEE_PANIC_PARAM()	TEE_Panic(TEE_ERROR_BAD_PARAMETERS)

/* op of class cls with a key set (or a digest), else panic. */
struct __TEE_OperationHandle *utee_op_check_class(TEE_OperationHandle h,
						  uint32_t cls);
/* Reset op to its initial state (INITIALIZED cleared but for digests). */
void utee_op_reset_state(struct __TEE_OperationHandle *op);
/* Release op->impl and clear the hooks. */
void utee_op_free_impl(struct __TEE_OperationHandle *op);

#endif /* TEE_API_CRYPTO_INT_H */
