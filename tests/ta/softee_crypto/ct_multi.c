// SPDX-License-Identifier: BSD-2-Clause
/*
 * Multi-part behaviour: every algorithm fed in odd piece sizes gives the
 * one-shot result, an operation copied mid-stream finishes like the
 * original, and ciphers work in place (destination = source).
 */
#include <string.h>
#include <tee_internal_api.h>

#include "ct.h"
#include "softee_crypto_ta.h"

#define DATA_LEN 1001
static uint8_t data[DATA_LEN + 16], ref[DATA_LEN + 64], got[DATA_LEN + 64];
static const size_t pieces[] = { 1, 2, 3, 7, 15, 16, 17, 31, 33, 100 };
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

static const uint8_t k32[32] = { 0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc,
				 0xfe, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
				 0xcd, 0xef, 0x11, 0x22, 0x33, 0x44, 0x55,
				 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc,
				 0xdd, 0xee, 0xff, 0x00 };
static const uint8_t k32b[32] = { 0xa5, 0x5a, 0x0f, 0xf0, 0x3c, 0xc3, 0x96,
				  0x69, 0x12, 0x21, 0x34, 0x43, 0x56, 0x65,
				  0x78, 0x87, 0x9a, 0xa9, 0xbc, 0xcb, 0xde,
				  0xed, 0xf0, 0x0f, 0x13, 0x31, 0x24, 0x42,
				  0x57, 0x75, 0x68, 0x86 };
static const uint8_t iv16[16] = { 0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96,
				  0x87, 0x78, 0x69, 0x5a, 0x4b, 0x3c, 0x2d,
				  0x1e, 0x0f };

struct cipher_case {
	uint32_t alg, type;
	size_t key_len, len;	/* len: a whole number of blocks for NOPAD */
	bool two_keys;
};

static const struct cipher_case cipher_cases[] = {
	{ TEE_ALG_AES_ECB_NOPAD, TEE_TYPE_AES, 16, 992, false },
	{ TEE_ALG_AES_CBC_NOPAD, TEE_TYPE_AES, 24, 992, false },
	{ TEE_ALG_AES_CTR, TEE_TYPE_AES, 32, DATA_LEN, false },
	{ TEE_ALG_AES_CTS, TEE_TYPE_AES, 16, DATA_LEN, false },
	{ TEE_ALG_AES_CTS, TEE_TYPE_AES, 32, 992, false },
	{ TEE_ALG_AES_XTS, TEE_TYPE_AES, 32, DATA_LEN, true },
	{ TEE_ALG_AES_XTS, TEE_TYPE_AES, 16, 992, true },
	{ TEE_ALG_DES_ECB_NOPAD, TEE_TYPE_DES, 8, 1000, false },
	{ TEE_ALG_DES_CBC_NOPAD, TEE_TYPE_DES, 8, 1000, false },
	{ TEE_ALG_DES3_ECB_NOPAD, TEE_TYPE_DES3, 16, 1000, false },
	{ TEE_ALG_DES3_CBC_NOPAD, TEE_TYPE_DES3, 24, 1000, false },
};

static TEE_Result cipher_pieces(const struct cipher_case *c)
{
	struct ct_cipher_run r = { c->alg, TEE_MODE_ENCRYPT, c->type, k32,
				   c->two_keys ? k32b : NULL, c->key_len, iv16,
				   c->type == TEE_TYPE_AES ? 16 : 8, 0 };
	size_t rn = sizeof(ref), n, i;

	if (c->alg == TEE_ALG_AES_ECB_NOPAD || c->alg == TEE_ALG_DES_ECB_NOPAD ||
	    c->alg == TEE_ALG_DES3_ECB_NOPAD)
		r.iv_len = 0;
	CT_TRY(ct_cipher(&r, data, c->len, ref, &rn));
	CT_CHECK(rn == c->len, "alg 0x%08x: %zu bytes out", c->alg, rn);
	for (i = 0; i < NPIECES; i++) {
		r.chunk = pieces[i];
		r.mode = TEE_MODE_ENCRYPT;
		n = sizeof(got);
		CT_TRY(ct_cipher(&r, data, c->len, got, &n));
		CT_SAME("pieces vs one shot", got, n, ref, rn);
		r.mode = TEE_MODE_DECRYPT;
		n = sizeof(got);
		CT_TRY(ct_cipher(&r, ref, rn, got, &n));
		CT_SAME("decrypted pieces", got, n, data, c->len);
	}
	return TEE_SUCCESS;
}

static TEE_Result digest_pieces(uint32_t alg, size_t out_len)
{
	size_t rn = out_len, n, i;

	CT_TRY(ct_digest(alg, data, DATA_LEN, 0, ref, &rn));
	for (i = 0; i < NPIECES; i++) {
		n = out_len;
		CT_TRY(ct_digest(alg, data, DATA_LEN, pieces[i], got, &n));
		CT_SAME("digest pieces", got, n, ref, rn);
	}
	return TEE_SUCCESS;
}

static TEE_Result mac_pieces(uint32_t alg, uint32_t type, size_t key_len,
			     size_t len)
{
	TEE_ObjectHandle k;
	size_t rn = sizeof(ref), n, i;

	CT_TRY(ct_key(type, k32, key_len, &k));
	CT_TRY(ct_mac(alg, (uint32_t)key_len * 8, k, NULL, 0, data, len, 0,
		      ref, &rn));
	for (i = 0; i < NPIECES; i++) {
		n = sizeof(got);
		CT_TRY(ct_mac(alg, (uint32_t)key_len * 8, k, NULL, 0, data, len,
			      pieces[i], got, &n));
		CT_SAME("MAC pieces", got, n, ref, rn);
	}
	TEE_FreeTransientObject(k);
	return TEE_SUCCESS;
}

static TEE_Result ae_pieces(uint32_t alg, size_t nonce_len, size_t tag_bits)
{
	struct ct_ae_run r = { alg, TEE_MODE_ENCRYPT, k32, 16, iv16, nonce_len,
			       data + 500, 77, tag_bits, 0 };
	uint8_t tag[16], t[16];
	TEE_Result v;
	size_t rn = sizeof(ref), n, i;

	CT_TRY(ct_ae(&r, data, 300, ref, &rn, tag, &v));
	for (i = 0; i < NPIECES; i++) {
		r.chunk = pieces[i];
		r.mode = TEE_MODE_ENCRYPT;
		n = sizeof(got);
		CT_TRY(ct_ae(&r, data, 300, got, &n, t, &v));
		CT_SAME("AE pieces", got, n, ref, rn);
		CT_SAME("AE tag pieces", t, tag_bits / 8, tag, tag_bits / 8);
		r.mode = TEE_MODE_DECRYPT;
		n = sizeof(got);
		CT_TRY(ct_ae(&r, ref, rn, got, &n, tag, &v));
		CT_RES(v, TEE_SUCCESS, "AE open pieces");
		CT_SAME("AE opened pieces", got, n, data, 300);
	}
	return TEE_SUCCESS;
}

/* TEE_CopyOperation half way: both copies finish with the same digest. */
static TEE_Result copy_midstream(void)
{
	TEE_OperationHandle a, b, m1, m2;
	TEE_ObjectHandle k;
	uint8_t d1[32], d2[32];
	size_t l1 = sizeof(d1), l2 = sizeof(d2);

	CT_RES(TEE_AllocateOperation(&a, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS, "allocate");
	CT_RES(TEE_AllocateOperation(&b, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS, "allocate");
	TEE_DigestUpdate(a, data, 333);
	TEE_CopyOperation(b, a);
	CT_RES(TEE_DigestDoFinal(a, data + 333, 400, d1, &l1), TEE_SUCCESS,
	       "final a");
	CT_RES(TEE_DigestDoFinal(b, data + 333, 400, d2, &l2), TEE_SUCCESS,
	       "final b");
	CT_SAME("copied digest", d2, l2, d1, l1);
	l1 = sizeof(d1);
	CT_TRY(ct_digest(TEE_ALG_SHA256, data, 733, 0, d1, &l1));
	CT_SAME("copied digest vs one shot", d2, l2, d1, l1);
	TEE_FreeOperation(a);
	TEE_FreeOperation(b);

	/* The same for a keyed MAC: the copy carries key and state. */
	CT_TRY(ct_key(TEE_TYPE_AES, k32, 16, &k));
	CT_RES(TEE_AllocateOperation(&m1, TEE_ALG_AES_CMAC, TEE_MODE_MAC, 256),
	       TEE_SUCCESS, "allocate");
	CT_RES(TEE_AllocateOperation(&m2, TEE_ALG_AES_CMAC, TEE_MODE_MAC, 256),
	       TEE_SUCCESS, "allocate");
	CT_RES(TEE_SetOperationKey(m1, k), TEE_SUCCESS, "set key");
	TEE_MACInit(m1, NULL, 0);
	TEE_MACUpdate(m1, data, 21);
	TEE_CopyOperation(m2, m1);
	TEE_FreeOperation(m1);	/* the copy must not depend on it */
	TEE_MACUpdate(m2, data + 21, 100);
	l2 = 16;
	CT_RES(TEE_MACComputeFinal(m2, NULL, 0, d2, &l2), TEE_SUCCESS,
	       "final copy");
	l1 = 16;
	CT_TRY(ct_mac(TEE_ALG_AES_CMAC, 128, k, NULL, 0, data, 121, 0, d1, &l1));
	CT_SAME("copied MAC", d2, l2, d1, l1);
	TEE_FreeOperation(m2);
	TEE_FreeTransientObject(k);
	return TEE_SUCCESS;
}

static TEE_Result multipart(void)
{
	size_t i;

	ct_fill(data, sizeof(data), 7);
	for (i = 0; i < sizeof(cipher_cases) / sizeof(cipher_cases[0]); i++)
		CT_TRY(cipher_pieces(&cipher_cases[i]));
	CT_TRY(digest_pieces(TEE_ALG_SHA256, 32));
	CT_TRY(digest_pieces(TEE_ALG_SHA512, 64));
	CT_TRY(digest_pieces(TEE_ALG_SHA3_256, 32));
	CT_TRY(digest_pieces(TEE_ALG_MD5, 16));
	CT_TRY(digest_pieces(TEE_ALG_SHAKE256, 100));
	CT_TRY(mac_pieces(TEE_ALG_HMAC_SHA256, TEE_TYPE_HMAC_SHA256, 32,
			  DATA_LEN));
	CT_TRY(mac_pieces(TEE_ALG_HMAC_SHA3_512, TEE_TYPE_HMAC_SHA3_512, 32,
			  DATA_LEN));
	CT_TRY(mac_pieces(TEE_ALG_AES_CMAC, TEE_TYPE_AES, 32, DATA_LEN));
	CT_TRY(mac_pieces(TEE_ALG_AES_CBC_MAC_PKCS5, TEE_TYPE_AES, 16,
			  DATA_LEN));
	CT_TRY(mac_pieces(TEE_ALG_AES_CBC_MAC_NOPAD, TEE_TYPE_AES, 16, 992));
	CT_TRY(mac_pieces(TEE_ALG_DES3_CBC_MAC_PKCS5, TEE_TYPE_DES3, 24,
			  DATA_LEN));
	CT_TRY(ae_pieces(TEE_ALG_AES_GCM, 12, 128));
	CT_TRY(ae_pieces(TEE_ALG_AES_GCM, 7, 96));
	CT_TRY(ae_pieces(TEE_ALG_AES_CCM, 13, 128));
	CT_TRY(ae_pieces(TEE_ALG_AES_CCM, 7, 32));
	return copy_midstream();
}

/* Cipher updates with the output over the input, in pieces. */
static TEE_Result cipher_in_place(const struct cipher_case *c, size_t step)
{
	TEE_OperationHandle op;
	TEE_ObjectHandle k1, k2 = TEE_HANDLE_NULL;
	size_t in = 0, outp = 0, n, dl, rn = sizeof(ref);
	struct ct_cipher_run r = { c->alg, TEE_MODE_ENCRYPT, c->type, k32,
				   c->two_keys ? k32b : NULL, c->key_len, iv16,
				   c->type == TEE_TYPE_AES ? 16 : 8, 0 };

	if (c->alg == TEE_ALG_AES_ECB_NOPAD || c->alg == TEE_ALG_DES_ECB_NOPAD ||
	    c->alg == TEE_ALG_DES3_ECB_NOPAD)
		r.iv_len = 0;
	CT_TRY(ct_cipher(&r, data, c->len, ref, &rn));
	memcpy(got, data, c->len);
	CT_RES(TEE_AllocateOperation(&op, c->alg, TEE_MODE_ENCRYPT,
				     (uint32_t)c->key_len * 8), TEE_SUCCESS,
	       "allocate");
	CT_TRY(ct_key(c->type, k32, c->key_len, &k1));
	if (c->two_keys) {
		CT_TRY(ct_key(c->type, k32b, c->key_len, &k2));
		CT_RES(TEE_SetOperationKey2(op, k1, k2), TEE_SUCCESS, "keys");
	} else {
		CT_RES(TEE_SetOperationKey(op, k1), TEE_SUCCESS, "key");
	}
	TEE_CipherInit(op, iv16, r.iv_len);
	/* Each update reads got + in and writes got + outp, outp <= in. */
	while (c->len - in > step) {
		n = step;
		dl = sizeof(got) - outp;
		CT_RES(TEE_CipherUpdate(op, got + in, n, got + outp, &dl),
		       TEE_SUCCESS, "update in place");
		in += n;
		outp += dl;
	}
	dl = sizeof(got) - outp;
	CT_RES(TEE_CipherDoFinal(op, got + in, c->len - in, got + outp, &dl),
	       TEE_SUCCESS, "final in place");
	CT_SAME("in place vs separate buffers", got, outp + dl, ref, rn);
	TEE_FreeOperation(op);
	TEE_FreeTransientObject(k1);
	TEE_FreeTransientObject(k2);
	return TEE_SUCCESS;
}

static TEE_Result in_place(void)
{
	static const size_t steps[] = { 5, 16, 21, 40 };
	TEE_Result v;
	size_t i, s, n, rn = sizeof(ref);
	uint8_t tag[16];
	struct ct_ae_run r = { TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT, k32, 32, iv16,
			       12, NULL, 0, 128, 0 };

	ct_fill(data, sizeof(data), 11);
	for (i = 0; i < sizeof(cipher_cases) / sizeof(cipher_cases[0]); i++)
		for (s = 0; s < sizeof(steps) / sizeof(steps[0]); s++)
			CT_TRY(cipher_in_place(&cipher_cases[i], steps[s]));
	/* AE in place: one buffer for both directions. */
	CT_TRY(ct_ae(&r, data, 500, ref, &rn, tag, &v));
	memcpy(got, data, 500);
	n = sizeof(got);
	r.chunk = 13;
	CT_TRY(ct_ae(&r, got, 500, got, &n, tag, &v));
	CT_SAME("AE in place", got, n, ref, rn);
	r.mode = TEE_MODE_DECRYPT;
	n = sizeof(got);
	CT_TRY(ct_ae(&r, got, 500, got, &n, tag, &v));
	CT_RES(v, TEE_SUCCESS, "AE open in place");
	CT_SAME("AE opened in place", got, n, data, 500);
	return TEE_SUCCESS;
}

TEE_Result ct_check_multipart(uint32_t id)
{
	if (id == SC_CHECK_MULTIPART)
		return multipart();
	if (id == SC_CHECK_INPLACE)
		return in_place();
	return TEE_ERROR_NOT_SUPPORTED;
}
