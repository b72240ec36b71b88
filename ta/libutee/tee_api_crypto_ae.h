/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Authenticated encryption state, shared by the GP front end
 * (tee_api_crypto_ae.c, which also runs GCM through EVP) and the CCM
 * engine (tee_api_crypto_ccm.c). OpenSSL's CCM takes AAD and payload
 * in one call each, GP's in any number of pieces, so CCM is built from
 * CBC-MAC and CTR here (NIST SP 800-38C).
 */
#ifndef TEE_API_CRYPTO_AE_H
#define TEE_API_CRYPTO_AE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>
#include <tee_api_types.h>

struct ae_impl {
	bool ccm, enc;
	bool payload;		/* payload started: no more AAD */
	size_t tag_len;		/* bytes */
	EVP_CIPHER_CTX *ctx;	/* GCM; CCM: the CTR keystream */
	EVP_CIPHER_CTX *mac;	/* CCM: CBC-MAC (CBC encryption) */
	/* CCM only */
	uint64_t aad_len, aad_done, pl_len, pl_done;
	uint8_t mbuf[16];	/* CBC-MAC input not yet a whole block */
	size_t mbuf_len;
	uint8_t y[16];		/* CBC-MAC value so far */
	uint8_t s0[16];		/* keystream block 0, masks the tag */
};

/*
 * CCM: start with nonce, tag length and the announced lengths.
 * TEE_ERROR_NOT_SUPPORTED for a tag length CCM does not have; panics
 * for an impossible nonce or length.
 */
TEE_Result ccm_init(struct ae_impl *a, const uint8_t *key, size_t key_len,
		    const uint8_t *nonce, size_t nonce_len, size_t aad_len,
		    size_t pl_len);
void ccm_aad(struct ae_impl *a, const uint8_t *in, size_t len);
/* len payload bytes in, len bytes out (in may equal out). */
void ccm_payload(struct ae_impl *a, uint8_t *out, const uint8_t *in,
		 size_t len);
/* The tag (a->tag_len bytes); panics if the announced lengths differ. */
void ccm_tag(struct ae_impl *a, uint8_t *tag);

#endif /* TEE_API_CRYPTO_AE_H */
