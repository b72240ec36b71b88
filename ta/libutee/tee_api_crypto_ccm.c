// SPDX-License-Identifier: BSD-2-Clause
/*
 * AES-CCM (NIST SP 800-38C, RFC 3610) for any split of AAD and payload:
 * the CBC-MAC over B0, the encoded AAD and the payload runs on an AES-CBC
 * context; the counter blocks on an AES-CTR context that starts at
 * counter 0 (whose keystream S0 masks the tag).
 */
#include <string.h>
#include <openssl/crypto.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_ae.h"
#include "tee_api_crypto_cipher.h"
#include "tee_api_crypto_int.h"

/* Absorb CBC-MAC input; whole blocks go through the CBC context. */
static void ccm_mac(struct ae_impl *a, const uint8_t *in, size_t len)
{
	uint8_t out[256];
	size_t t, n;

	if (!len)
		return;
	if (a->mbuf_len) {
		t = 16 - a->mbuf_len;
		if (t > len)
			t = len;
		memcpy(a->mbuf + a->mbuf_len, in, t);
		a->mbuf_len += t;
		in += t;
		len -= t;
		if (a->mbuf_len < 16)
			return;
		cipher_evp_run(a->mac, a->y, a->mbuf, 16);
		a->mbuf_len = 0;
	}
	while (len >= 16) {
		n = len - len % 16;
		if (n > sizeof(out))
			n = sizeof(out);
		cipher_evp_run(a->mac, out, in, n);
		memcpy(a->y, out + n - 16, 16);
		in += n;
		len -= n;
	}
	memcpy(a->mbuf, in, len);
	a->mbuf_len = len;
	OPENSSL_cleanse(out, sizeof(out));
}

/* Zero-pad the CBC-MAC input to a block boundary. */
static void ccm_mac_pad(struct ae_impl *a)
{
	static const uint8_t zero[16];

	if (a->mbuf_len)
		ccm_mac(a, zero, 16 - a->mbuf_len);
}

TEE_Result ccm_init(struct ae_impl *a, const uint8_t *key, size_t key_len,
		    const uint8_t *nonce, size_t nonce_len, size_t aad_len,
		    size_t pl_len)
{
	const EVP_CIPHER *cbc = utee_crypto_aes(key_len, "CBC");
	const EVP_CIPHER *ctr = utee_crypto_aes(key_len, "CTR");
	static const uint8_t zero[16];
	size_t q = 15 - nonce_len, i;
	uint8_t b[16], enc[10];
	size_t enc_len;

	/* Tags of 4..16 even bytes (RFC 3610 M), nonces of 7..13 bytes. */
	if (a->tag_len < 4 || a->tag_len > 16 || a->tag_len % 2)
		return TEE_ERROR_NOT_SUPPORTED;
	if (nonce_len < 7 || nonce_len > 13)
		UTEE_PANIC_PARAM();
	/* The payload length must fit in q bytes. */
	if (q < sizeof(size_t) && (uint64_t)pl_len >> (8 * q))
		UTEE_PANIC_PARAM();
	if (!cbc || !ctr)
		UTEE_PANIC_STATE();
	a->aad_len = aad_len;
	a->pl_len = pl_len;
	a->aad_done = a->pl_done = 0;
	a->mbuf_len = 0;

	/* B0: flags, nonce, payload length; CBC-MAC starts at zero. */
	b[0] = (uint8_t)((aad_len ? 0x40 : 0) |
			 (((a->tag_len - 2) / 2) << 3) | (q - 1));
	memcpy(b + 1, nonce, nonce_len);
	for (i = 0; i < q; i++)
		b[15 - i] = i < sizeof(uint64_t) ?
			    (uint8_t)((uint64_t)pl_len >> (8 * i)) : 0;
	if (!EVP_CipherInit_ex2(a->mac, cbc, key, zero, 1, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(a->mac, 0))
		TEE_Panic(TEE_ERROR_GENERIC);
	ccm_mac(a, b, 16);

	/* The AAD length prefix: 2, 6 or 10 bytes (SP 800-38C A.2.2). */
	if (aad_len) {
		uint64_t l = aad_len;

		if (l < 0xFF00) {
			enc_len = 2;
		} else if (l <= 0xFFFFFFFFULL) {
			enc[0] = 0xFF;
			enc[1] = 0xFE;
			enc_len = 6;
		} else {
			enc[0] = 0xFF;
			enc[1] = 0xFF;
			enc_len = 10;
		}
		for (i = 0; i < enc_len - (enc_len > 2 ? 2 : 0); i++)
			enc[enc_len - 1 - i] = (uint8_t)(l >> (8 * i));
		ccm_mac(a, enc, enc_len);
	}

	/* Counter block 0: flags q-1, nonce, counter 0. */
	memset(b, 0, sizeof(b));
	b[0] = (uint8_t)(q - 1);
	memcpy(b + 1, nonce, nonce_len);
	if (!EVP_CipherInit_ex2(a->ctx, ctr, key, b, 1, NULL))
		TEE_Panic(TEE_ERROR_GENERIC);
	cipher_evp_run(a->ctx, a->s0, zero, 16);
	return TEE_SUCCESS;
}

void ccm_aad(struct ae_impl *a, const uint8_t *in, size_t len)
{
	if (len > a->aad_len - a->aad_done)	/* more than announced */
		UTEE_PANIC_PARAM();
	ccm_mac(a, in, len);
	a->aad_done += len;
}

/* Before the first payload byte: the AAD must be complete. */
static void ccm_start_payload(struct ae_impl *a)
{
	if (a->payload)
		return;
	if (a->aad_done != a->aad_len)
		UTEE_PANIC_PARAM();
	ccm_mac_pad(a);
	a->payload = true;
}

void ccm_payload(struct ae_impl *a, uint8_t *out, const uint8_t *in,
		 size_t len)
{
	ccm_start_payload(a);
	if (len > a->pl_len - a->pl_done)
		UTEE_PANIC_PARAM();
	if (!len)
		return;
	/* The MAC covers the plaintext: before encrypting, after decrypting. */
	if (a->enc)
		ccm_mac(a, in, len);
	cipher_evp_run(a->ctx, out, in, len);
	if (!a->enc)
		ccm_mac(a, out, len);
	a->pl_done += len;
}

void ccm_tag(struct ae_impl *a, uint8_t *tag)
{
	size_t i;

	ccm_start_payload(a);
	if (a->pl_done != a->pl_len)
		UTEE_PANIC_PARAM();
	ccm_mac_pad(a);
	for (i = 0; i < a->tag_len; i++)
		tag[i] = a->y[i] ^ a->s0[i];
}
