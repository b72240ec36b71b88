/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers of the symmetric crypto test TA: failure reporting, hex
 * vectors, keys, and one-shot or chunked runs of each operation class.
 */
#ifndef CT_H
#define CT_H

#include <stddef.h>
#include <stdint.h>
#include <tee_internal_api.h>

/* The text CMD_CHECK returns; set by ct_fail. */
extern char ct_msg[256];

void ct_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record the failure and leave the check with TEE_ERROR_GENERIC. */
#define CT_CHECK(cond, ...) do { \
	if (!(cond)) { \
		ct_fail(__FILE__, __LINE__, __VA_ARGS__); \
		return TEE_ERROR_GENERIC; \
	} \
} while (0)
/* A GP call that must give want. */
#define CT_RES(call, want, what) do { \
	TEE_Result r_ = (call); \
	if (r_ != (TEE_Result)(want)) { \
		ct_fail(__FILE__, __LINE__, "%s: 0x%08x, want 0x%08x", \
			(what), r_, (TEE_Result)(want)); \
		return TEE_ERROR_GENERIC; \
	} \
} while (0)
/* Propagate a failed sub-check. */
#define CT_TRY(call) do { \
	TEE_Result t_ = (call); \
	if (t_ != TEE_SUCCESS) \
		return t_; \
} while (0)

/* A hex string (spaces ignored) as bytes; up to CT_MAX_VEC bytes. */
#define CT_MAX_VEC 1024
struct ct_buf {
	uint8_t b[CT_MAX_VEC];
	size_t n;
};
void ct_hex(struct ct_buf *out, const char *hex);
/* Compare got with want; the failure names what. */
TEE_Result ct_same(const char *file, int line, const char *what,
		   const void *got, size_t got_len, const void *want,
		   size_t want_len);
#define CT_SAME(what, got, got_len, want, want_len) \
	CT_TRY(ct_same(__FILE__, __LINE__, what, got, got_len, want, want_len))

/* A transient key object holding secret (type, len * 8 bits). */
TEE_Result ct_key(uint32_t type, const void *secret, size_t len,
		  TEE_ObjectHandle *key);

/* Deterministic test data: byte i is a mix of seed and i. */
void ct_fill(void *buf, size_t len, uint32_t seed);

/*
 * Run a whole cipher: key1 (and key2 for XTS) of type, IV, input in
 * chunks of chunk bytes (0: one DoFinal call), output to out (*out_len
 * is its capacity and then what was produced).
 */
struct ct_cipher_run {
	uint32_t alg, mode, type;
	const void *key1, *key2;
	size_t key_len;
	const void *iv;
	size_t iv_len;
	size_t chunk;
};
TEE_Result ct_cipher(const struct ct_cipher_run *r, const void *in,
		     size_t len, void *out, size_t *out_len);

/* Digest of in (chunked as above); *out_len capacity, then length. */
TEE_Result ct_digest(uint32_t alg, const void *in, size_t len, size_t chunk,
		     void *out, size_t *out_len);

/* MAC of in under key with an operation of max_bits; iv may be NULL. */
TEE_Result ct_mac(uint32_t alg, uint32_t max_bits, TEE_ObjectHandle key,
		  const void *iv, size_t iv_len, const void *in, size_t len,
		  size_t chunk, void *out, size_t *out_len);

/* Authenticated encryption or decryption, AAD and payload chunked. */
struct ct_ae_run {
	uint32_t alg, mode;
	const void *key;
	size_t key_len;
	const void *nonce;
	size_t nonce_len;
	const void *aad;
	size_t aad_len;
	size_t tag_bits;
	size_t chunk;
};
/* Encrypt: tag out (tag_bits / 8 bytes). Decrypt: tag in; result kept. */
TEE_Result ct_ae(const struct ct_ae_run *r, const void *in, size_t len,
		 void *out, size_t *out_len, void *tag, TEE_Result *verdict);

/* The check functions, by family (SC_CHECK_*). */
TEE_Result ct_check_digest(uint32_t id);
TEE_Result ct_check_cipher(uint32_t id);
TEE_Result ct_check_mac(uint32_t id);
TEE_Result ct_check_ae(uint32_t id);
TEE_Result ct_check_multipart(uint32_t id);
TEE_Result ct_check_errors(uint32_t id);
TEE_Result ct_check_objects(uint32_t id);
/* Performs misuse id; returns only if the runtime did not panic. */
void ct_panic_case(uint32_t id);

#endif /* CT_H */
