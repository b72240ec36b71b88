// SPDX-License-Identifier: BSD-2-Clause
/*
 * Modes OpenSSL cannot run in GP's multi-part style, built on its block
 * primitive: AES-XTS (IEEE 1619: OpenSSL restarts the tweak on every
 * update call and refuses key1 == key2) and AES-CTS in the CBC-CS3
 * variant GP and OP-TEE use (RFC 3962 ordering: the last two blocks are
 * always swapped).
 */
#include <limits.h>
#include <string.h>
#include <openssl/crypto.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_cipher.h"

void cipher_evp_run(EVP_CIPHER_CTX *c, uint8_t *out, const uint8_t *in,
		    size_t len)
{
	const size_t step = (size_t)1 << 28;	/* EVP counts in int */
	size_t n;
	int outl;

	while (len) {
		n = len < step ? len : step;
		if (!EVP_CipherUpdate(c, out, &outl, in, (int)n) ||
		    (size_t)outl != n)
			TEE_Panic(TEE_ERROR_GENERIC);
		out += n;
		in += n;
		len -= n;
	}
}

/* Multiply the tweak by x in GF(2^128), little-endian as IEEE 1619 says. */
static void xts_next(uint8_t t[16])
{
	uint8_t carry = t[15] >> 7;
	int i;

	for (i = 15; i > 0; i--)
		t[i] = (uint8_t)(t[i] << 1 | t[i - 1] >> 7);
	t[0] = (uint8_t)(t[0] << 1) ^ (carry ? 0x87 : 0);
}

static void xor16(uint8_t *d, const uint8_t *a, const uint8_t *b)
{
	int i;

	for (i = 0; i < 16; i++)
		d[i] = a[i] ^ b[i];
}

void cipher_xts_blocks(struct cipher_impl *c, uint8_t *out, const uint8_t *in,
		       size_t n)
{
	enum { CHUNK = 32 };
	uint8_t x[CHUNK * 16], t[CHUNK * 16];
	size_t m, i;

	while (n) {
		m = n < CHUNK ? n : CHUNK;
		/* Read all input of the chunk before writing: in may be out. */
		for (i = 0; i < m; i++) {
			memcpy(t + 16 * i, c->tweak, 16);
			xor16(x + 16 * i, in + 16 * i, c->tweak);
			xts_next(c->tweak);
		}
		cipher_evp_run(c->ctx, x, x, 16 * m);
		for (i = 0; i < m; i++)
			xor16(out + 16 * i, x + 16 * i, t + 16 * i);
		in += 16 * m;
		out += 16 * m;
		n -= m;
	}
	OPENSSL_cleanse(x, sizeof(x));
}

/* One block with tweak t (encryption or decryption as c->ctx does). */
static void xts_one(struct cipher_impl *c, uint8_t out[16],
		    const uint8_t in[16], const uint8_t t[16])
{
	uint8_t x[16];

	xor16(x, in, t);
	cipher_evp_run(c->ctx, x, x, 16);
	xor16(out, x, t);
}

void cipher_xts_finish(struct cipher_impl *c, uint8_t *out, const uint8_t *in,
		       size_t len)
{
	size_t d = len - 16;	/* bytes of the partial last block */
	uint8_t t1[16], t2[16], cc[16], pp[16];

	if (len % 16 == 0) {
		cipher_xts_blocks(c, out, in, len / 16);
		return;
	}
	/* Ciphertext stealing over the last full block and the tail. */
	memcpy(t1, c->tweak, 16);
	memcpy(t2, t1, 16);
	xts_next(t2);
	/* Decryption undoes the last block first, so it takes t2 first. */
	xts_one(c, cc, in, c->enc ? t1 : t2);
	memcpy(pp, in + 16, d);
	memcpy(pp + d, cc + d, 16 - d);
	memcpy(out + 16, cc, d);
	xts_one(c, out, pp, c->enc ? t2 : t1);
	memcpy(c->tweak, t2, 16);
	xts_next(c->tweak);
	OPENSSL_cleanse(cc, sizeof(cc));
	OPENSSL_cleanse(pp, sizeof(pp));
}

void cipher_cts_finish(struct cipher_impl *c, uint8_t *out, const uint8_t *in,
		       size_t len)
{
	size_t d = len - 16;	/* 1..16 bytes in the last block */
	uint8_t e[16], f[16], x[16];
	size_t i;

	if (len == 16) {	/* a single block is plain CBC */
		cipher_evp_run(c->ctx, out, in, 16);
		return;
	}
	if (c->enc) {
		/* E = CBC(P[n-1]); F = CBC(P[n] || 0); out = F || E[0..d]. */
		cipher_evp_run(c->ctx, e, in, 16);
		memset(x, 0, sizeof(x));
		memcpy(x, in + 16, d);
		cipher_evp_run(c->ctx, f, x, 16);
		memcpy(out, f, 16);
		memcpy(out + 16, e, d);
	} else {
		/*
		 * in = F || E[0..d]. D = raw decrypt of F is P[n] ^ E with P[n]
		 * zero padded, so E's tail is D's tail; P[n-1] is the CBC
		 * decryption of E, chained on the previous ciphertext block.
		 */
		cipher_evp_run(c->aux, x, in, 16);
		memcpy(e, in + 16, d);
		memcpy(e + d, x + d, 16 - d);
		for (i = 0; i < d; i++)
			f[i] = x[i] ^ in[16 + i];
		cipher_evp_run(c->ctx, out, e, 16);
		memcpy(out + 16, f, d);
	}
	OPENSSL_cleanse(x, sizeof(x));
	OPENSSL_cleanse(e, sizeof(e));
	OPENSSL_cleanse(f, sizeof(f));
}
