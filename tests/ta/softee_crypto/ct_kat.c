// SPDX-License-Identifier: BSD-2-Clause
/*
 * Running the known-answer vectors of ct_*_vec.c: every cipher vector
 * both ways, one shot and in odd pieces; every MAC through ComputeFinal
 * and CompareFinal; every AE vector sealed and opened, and opened again
 * with a flipped tag bit.
 */
#include <string.h>
#include <tee_internal_api.h>

#include "ct.h"
#include "ct_vec.h"
#include "softee_crypto_ta.h"

static const size_t chunks[] = { 0, 1, 5, 16, 17 };
#define NCHUNKS (sizeof(chunks) / sizeof(chunks[0]))

static struct ct_buf key, key2, iv, pt, ct, aad, tag;
static uint8_t out[CT_MAX_VEC];

/* The vector's ciphertext, or the three-key (K1 K2 K1) form's output. */
static TEE_Result expected_ct(const struct cipher_vec *v)
{
	struct ct_cipher_run r = { v->alg, TEE_MODE_ENCRYPT, v->type,
				   key.b, NULL, 24, iv.b, iv.n, 0 };
	uint8_t k3[24];
	size_t n = sizeof(ct.b);

	if (v->ct) {
		ct_hex(&ct, v->ct);
		return TEE_SUCCESS;
	}
	memcpy(k3, key.b, 16);
	memcpy(k3 + 16, key.b, 8);
	r.key1 = k3;
	CT_TRY(ct_cipher(&r, pt.b, pt.n, ct.b, &n));
	ct.n = n;
	return TEE_SUCCESS;
}

static TEE_Result cipher_vectors(const struct cipher_vec *v)
{
	struct ct_cipher_run r;
	size_t i, c, n;

	for (i = 0; v[i].alg; i++) {
		ct_hex(&key, v[i].key);
		ct_hex(&key2, v[i].key2 ? v[i].key2 : "");
		ct_hex(&iv, v[i].iv);
		ct_hex(&pt, v[i].pt);
		CT_TRY(expected_ct(&v[i]));
		r = (struct ct_cipher_run){ v[i].alg, TEE_MODE_ENCRYPT,
					    v[i].type, key.b,
					    v[i].key2 ? key2.b : NULL, key.n,
					    iv.b, iv.n, 0 };
		for (c = 0; c < NCHUNKS; c++) {
			r.chunk = chunks[c];
			r.mode = TEE_MODE_ENCRYPT;
			n = sizeof(out);
			CT_TRY(ct_cipher(&r, pt.b, pt.n, out, &n));
			CT_SAME(c ? "ciphertext (pieces)" : "ciphertext", out, n,
				ct.b, ct.n);
			r.mode = TEE_MODE_DECRYPT;
			n = sizeof(out);
			CT_TRY(ct_cipher(&r, ct.b, ct.n, out, &n));
			CT_SAME(c ? "plaintext (pieces)" : "plaintext", out, n,
				pt.b, pt.n);
		}
	}
	return TEE_SUCCESS;
}

TEE_Result ct_check_cipher(uint32_t id)
{
	switch (id) {
	case SC_CHECK_AES_ECB:
		return cipher_vectors(ct_aes_ecb_vecs);
	case SC_CHECK_AES_CBC:
		return cipher_vectors(ct_aes_cbc_vecs);
	case SC_CHECK_AES_CTR:
		return cipher_vectors(ct_aes_ctr_vecs);
	case SC_CHECK_AES_CTS:
		return cipher_vectors(ct_aes_cts_vecs);
	case SC_CHECK_AES_XTS:
		return cipher_vectors(ct_aes_xts_vecs);
	case SC_CHECK_DES:
		return cipher_vectors(ct_des_vecs);
	case SC_CHECK_DES3:
		return cipher_vectors(ct_des3_vecs);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

/* The key type and operation size for a MAC key of n bytes. */
static void mac_key_type(uint32_t alg, size_t n, uint32_t *type,
			 uint32_t *max_bits)
{
	static const struct { uint32_t alg, type, lo, hi; } hmac[] = {
		{ TEE_ALG_HMAC_MD5, TEE_TYPE_HMAC_MD5, 64, 512 },
		{ TEE_ALG_HMAC_SHA1, TEE_TYPE_HMAC_SHA1, 80, 512 },
		{ TEE_ALG_HMAC_SHA224, TEE_TYPE_HMAC_SHA224, 112, 512 },
		{ TEE_ALG_HMAC_SHA256, TEE_TYPE_HMAC_SHA256, 192, 1024 },
		{ TEE_ALG_HMAC_SHA384, TEE_TYPE_HMAC_SHA384, 256, 1024 },
		{ TEE_ALG_HMAC_SHA512, TEE_TYPE_HMAC_SHA512, 256, 1024 },
		{ TEE_ALG_HMAC_SHA3_224, TEE_TYPE_HMAC_SHA3_224, 192, 1024 },
		{ TEE_ALG_HMAC_SHA3_256, TEE_TYPE_HMAC_SHA3_256, 256, 1024 },
		{ TEE_ALG_HMAC_SHA3_384, TEE_TYPE_HMAC_SHA3_384, 256, 1024 },
		{ TEE_ALG_HMAC_SHA3_512, TEE_TYPE_HMAC_SHA3_512, 256, 1024 },
	};
	uint32_t bits = (uint32_t)n * 8;
	size_t i;

	*max_bits = bits;
	for (i = 0; i < sizeof(hmac) / sizeof(hmac[0]); i++) {
		if (hmac[i].alg != alg)
			continue;
		/*
		 * A key of the HMAC type when GP's size range allows it; a
		 * shorter one as a generic secret under a larger operation.
		 */
		if (bits >= hmac[i].lo && bits <= hmac[i].hi) {
			*type = hmac[i].type;
		} else {
			*type = TEE_TYPE_GENERIC_SECRET;
			*max_bits = hmac[i].lo;
		}
		return;
	}
	*type = n == 8 ? TEE_TYPE_DES : (n == 16 || n == 24) &&
		(alg == TEE_ALG_DES3_CBC_MAC_NOPAD ||
		 alg == TEE_ALG_DES3_CBC_MAC_PKCS5) ? TEE_TYPE_DES3 :
		TEE_TYPE_AES;
}

static TEE_Result mac_compare(uint32_t alg, TEE_ObjectHandle k,
			      uint32_t max_bits, const struct ct_buf *want,
			      bool flip)
{
	TEE_OperationHandle op;
	uint8_t m[64];
	TEE_Result res;

	memcpy(m, want->b, want->n);
	if (flip)
		m[want->n - 1] ^= 0x01;
	CT_RES(TEE_AllocateOperation(&op, alg, TEE_MODE_MAC, max_bits),
	       TEE_SUCCESS, "allocate");
	CT_RES(TEE_SetOperationKey(op, k), TEE_SUCCESS, "set key");
	TEE_MACInit(op, iv.n ? iv.b : NULL, iv.n);
	res = TEE_MACCompareFinal(op, pt.b, pt.n, m, want->n);
	TEE_FreeOperation(op);
	CT_CHECK(res == (flip ? TEE_ERROR_MAC_INVALID : TEE_SUCCESS),
		 "compare (%s MAC): 0x%08x", flip ? "wrong" : "right", res);
	return TEE_SUCCESS;
}

static TEE_Result mac_vectors(const struct mac_vec *v)
{
	TEE_ObjectHandle k;
	uint32_t type, max_bits;
	size_t i, c, n = 0;

	for (i = 0; v[i].alg; i++) {
		ct_hex(&key, v[i].key);
		ct_hex(&iv, v[i].iv ? v[i].iv : "");
		ct_hex(&pt, v[i].msg);
		ct_hex(&tag, v[i].mac);
		mac_key_type(v[i].alg, key.n, &type, &max_bits);
		CT_TRY(ct_key(type, key.b, key.n, &k));
		/* One shot and in pieces. */
		for (c = 0; c < NCHUNKS; c++) {
			n = sizeof(out);
			CT_TRY(ct_mac(v[i].alg, max_bits, k, iv.n ? iv.b : NULL,
				      iv.n, pt.b, pt.n, chunks[c], out, &n));
			/* Truncated vectors are compared over their length. */
			CT_CHECK(n >= tag.n, "MAC of %zu bytes", n);
			CT_SAME("MAC", out, tag.n, tag.b, tag.n);
		}
		/* CompareFinal with the full MAC: right, then one bit off. */
		memcpy(tag.b, out, n);
		tag.n = n;
		CT_TRY(mac_compare(v[i].alg, k, max_bits, &tag, false));
		CT_TRY(mac_compare(v[i].alg, k, max_bits, &tag, true));
		TEE_FreeTransientObject(k);
	}
	return TEE_SUCCESS;
}

TEE_Result ct_check_mac(uint32_t id)
{
	switch (id) {
	case SC_CHECK_HMAC_SHA2:
		return mac_vectors(ct_hmac_sha2_vecs);
	case SC_CHECK_HMAC_MD5_SHA1:
		return mac_vectors(ct_hmac_md5_sha1_vecs);
	case SC_CHECK_HMAC_SHA3:
		return mac_vectors(ct_hmac_sha3_vecs);
	case SC_CHECK_AES_CMAC:
		return mac_vectors(ct_cmac_vecs);
	case SC_CHECK_CBC_MAC:
		return mac_vectors(ct_cbc_mac_vecs);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

static TEE_Result ae_vectors(const struct ae_vec *v)
{
	struct ct_ae_run r;
	TEE_Result verdict;
	uint8_t t[16];
	size_t i, c, n;

	for (i = 0; v[i].alg; i++) {
		ct_hex(&key, v[i].key);
		ct_hex(&iv, v[i].nonce);
		ct_hex(&aad, v[i].aad);
		ct_hex(&pt, v[i].pt);
		ct_hex(&ct, v[i].ct);
		ct_hex(&tag, v[i].tag);
		r = (struct ct_ae_run){ v[i].alg, TEE_MODE_ENCRYPT, key.b,
					key.n, iv.b, iv.n, aad.b, aad.n,
					tag.n * 8, 0 };
		for (c = 0; c < NCHUNKS; c++) {
			r.chunk = chunks[c];
			r.mode = TEE_MODE_ENCRYPT;
			n = sizeof(out);
			CT_TRY(ct_ae(&r, pt.b, pt.n, out, &n, t, &verdict));
			CT_SAME("AE ciphertext", out, n, ct.b, ct.n);
			CT_SAME("AE tag", t, tag.n, tag.b, tag.n);
			r.mode = TEE_MODE_DECRYPT;
			n = sizeof(out);
			CT_TRY(ct_ae(&r, ct.b, ct.n, out, &n, tag.b, &verdict));
			CT_RES(verdict, TEE_SUCCESS, "AE decrypt verdict");
			CT_SAME("AE plaintext", out, n, pt.b, pt.n);
		}
		/* A flipped tag bit: MAC_INVALID and no plaintext left. */
		tag.b[0] ^= 0x80;
		r.chunk = 0;
		n = sizeof(out);
		CT_TRY(ct_ae(&r, ct.b, ct.n, out, &n, tag.b, &verdict));
		CT_RES(verdict, TEE_ERROR_MAC_INVALID, "forged tag");
		for (c = 0; c < n; c++)
			CT_CHECK(out[c] == 0, "plaintext of a forgery kept");
	}
	return TEE_SUCCESS;
}

TEE_Result ct_check_ae(uint32_t id)
{
	switch (id) {
	case SC_CHECK_AES_GCM:
		return ae_vectors(ct_gcm_vecs);
	case SC_CHECK_AES_CCM:
		return ae_vectors(ct_ccm_vecs);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
