/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * State of a symmetric cipher operation, shared by the GP front end
 * (tee_api_crypto_cipher.c) and the modes built on a block primitive
 * (tee_api_crypto_cipher_modes.c: CTS and XTS).
 */
#ifndef TEE_API_CRYPTO_CIPHER_H
#define TEE_API_CRYPTO_CIPHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

enum cipher_kind { CK_ECB, CK_CBC, CK_CTR, CK_CTS, CK_XTS };

struct cipher_impl {
	enum cipher_kind kind;
	bool enc;
	size_t bs;		/* block size: 16 (AES) or 8 (DES) */
	/*
	 * ctx: the EVP mode (ECB/CBC/CTR; CBC for CTS; ECB with key1 for
	 * XTS). aux: CTS decryption's raw block decrypt (ECB), XTS's tweak
	 * encryption with key2 (ECB).
	 */
	EVP_CIPHER_CTX *ctx, *aux;
	/* Input not processed yet: under a block, or up to two (CTS, XTS). */
	uint8_t buf[32];
	size_t buf_len;
	uint8_t tweak[16];	/* XTS: tweak of the next block */
};

/* EVP_CipherUpdate over len bytes that it must output at once. */
void cipher_evp_run(EVP_CIPHER_CTX *c, uint8_t *out, const uint8_t *in,
		    size_t len);
/* XTS: n whole blocks with consecutive tweaks. */
void cipher_xts_blocks(struct cipher_impl *c, uint8_t *out, const uint8_t *in,
		       size_t n);
/* The last 16..32 bytes of a CTS or XTS message (len bytes at in). */
void cipher_cts_finish(struct cipher_impl *c, uint8_t *out, const uint8_t *in,
		       size_t len);
void cipher_xts_finish(struct cipher_impl *c, uint8_t *out, const uint8_t *in,
		       size_t len);

#endif /* TEE_API_CRYPTO_CIPHER_H */
