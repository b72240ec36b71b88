// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEE_AsymmetricEncrypt / TEE_AsymmetricDecrypt: RSAES-PKCS1-v1_5,
 * RSAES-OAEP (label and MGF1 digest as parameters) and raw RSA.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <tee_internal_api.h>

#include "tee_api_asym.h"

#define PKCS1_V15_OVERHEAD 11	/* 00 02, at least 8 padding bytes, 00 */

/* OAEP digest, MGF1 digest and label, all from GP parameters. */
static TEE_Result set_oaep(EVP_PKEY_CTX *ctx, const struct asym_alg *a,
			   const TEE_Attribute *params, uint32_t n)
{
	const struct asym_hash *h = asym_hash_find(a->hash);
	const struct asym_hash *mgf = h;
	const TEE_Attribute *p;
	uint32_t mgf_alg;
	void *label;

	p = asym_param(params, n, TEE_ATTR_RSA_OAEP_MGF_HASH);
	if (p) {
		/* OP-TEE's form: a buffer holding the uint32_t TEE_ALG_* id */
		if (p->content.ref.length != sizeof(mgf_alg))
			return TEE_ERROR_BAD_PARAMETERS;
		memcpy(&mgf_alg, p->content.ref.buffer, sizeof(mgf_alg));
		mgf = asym_hash_find(mgf_alg);
		if (!mgf || mgf_alg == TEE_ALG_MD5SHA1)
			return TEE_ERROR_BAD_PARAMETERS;
	}
	if (EVP_PKEY_CTX_set_rsa_oaep_md_name(ctx, h->name, NULL) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_mgf1_md_name(ctx, mgf->name, NULL) <= 0)
		return TEE_ERROR_GENERIC;
	p = asym_param(params, n, TEE_ATTR_RSA_OAEP_LABEL);
	if (p && p->content.ref.length) {
		if (p->content.ref.length > INT32_MAX)
			return TEE_ERROR_BAD_PARAMETERS;
		label = OPENSSL_memdup(p->content.ref.buffer,
				       p->content.ref.length);
		if (!label)
			return TEE_ERROR_OUT_OF_MEMORY;
		/* On success the context owns the copy. */
		if (EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, label,
				(int)p->content.ref.length) <= 0) {
			OPENSSL_free(label);
			return TEE_ERROR_GENERIC;
		}
	}
	return TEE_SUCCESS;
}

/* Longest message the scheme can encrypt with a k-byte modulus. */
static size_t max_plain(const struct asym_alg *a, size_t k)
{
	size_t over;

	switch (a->scheme) {
	case ASYM_RSAES_PKCS1:
		over = PKCS1_V15_OVERHEAD;
		break;
	case ASYM_RSAES_OAEP:
		over = 2 * asym_hash_find(a->hash)->len + 2;
		break;
	default:
		over = 0;
		break;
	}
	return k > over ? k - over : 0;
}

static TEE_Result rsa_crypt(struct asym_impl *im, bool enc,
			    const TEE_Attribute *params, uint32_t n,
			    const uint8_t *src, size_t src_len,
			    uint8_t *dst, size_t *dst_len)
{
	const struct asym_alg *a = im->alg;
	size_t k = im->width, out_len = k, in_len = src_len;
	/* OpenSSL gets a real pointer even for an empty message. */
	const uint8_t *in = src ? src : (const uint8_t *)"", *res_start;
	uint8_t *padded = NULL, *out = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	TEE_Result res;
	int pad;

	if (!dst_len || (!src && src_len))
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	if (src_len > (enc ? max_plain(a, k) : k) ||
	    (a->scheme == ASYM_RSAES_OAEP && enc && !max_plain(a, k)))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_ERROR_OUT_OF_MEMORY;
	out = malloc(k);
	if (!out)
		goto out;
	if (a->scheme == ASYM_RSA_NOPAD) {
		/* Raw RSA works on k-byte blocks: add the leading zeros. */
		padded = calloc(1, k);
		if (!padded)
			goto out;
		if (src_len)
			memcpy(padded + k - src_len, src, src_len);
		in = padded;
		in_len = k;
	}
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, im->pkey, NULL);
	if (!ctx)
		goto out;
	res = TEE_ERROR_GENERIC;
	if (enc ? EVP_PKEY_encrypt_init(ctx) <= 0 :
		  EVP_PKEY_decrypt_init(ctx) <= 0)
		goto out;
	pad = a->scheme == ASYM_RSAES_PKCS1 ? RSA_PKCS1_PADDING :
	      a->scheme == ASYM_RSAES_OAEP ? RSA_PKCS1_OAEP_PADDING :
	      RSA_NO_PADDING;
	if (EVP_PKEY_CTX_set_rsa_padding(ctx, pad) <= 0)
		goto out;
	if (a->scheme == ASYM_RSAES_OAEP) {
		res = set_oaep(ctx, a, params, n);
		if (res)
			goto out;
	}
	if ((enc ? EVP_PKEY_encrypt(ctx, out, &out_len, in, in_len) :
		   EVP_PKEY_decrypt(ctx, out, &out_len, in, in_len)) <= 0) {
		/* Raw RSA fails only on a block >= n; the padded schemes on
		 * decryption because the padding is wrong. */
		res = enc || a->scheme == ASYM_RSA_NOPAD ?
		      TEE_ERROR_BAD_PARAMETERS : TEE_ERROR_CIPHERTEXT_INVALID;
		goto out;
	}
	res_start = out;
	if (a->scheme == ASYM_RSA_NOPAD) {
		/* As OP-TEE: the number without its leading zeros (one zero
		 * byte stays for a zero result). */
		out_len = asym_strip_len(out, out_len, &res_start);
		if (!out_len) {
			res_start = out + k - 1;
			out_len = 1;
		}
	}
	if (*dst_len < out_len) {
		*dst_len = out_len;
		res = TEE_ERROR_SHORT_BUFFER;
		goto out;
	}
	if (out_len) {
		if (!dst)
			ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
		memcpy(dst, res_start, out_len);
	}
	*dst_len = out_len;
	res = TEE_SUCCESS;
out:
	if (res && res != TEE_ERROR_SHORT_BUFFER)
		asym_clear_errors();
	EVP_PKEY_CTX_free(ctx);
	if (out)
		OPENSSL_cleanse(out, k);
	if (padded)
		OPENSSL_cleanse(padded, k);
	free(out);
	free(padded);
	return res;
}

/* GP defines no other results for these two calls: the rest panics. */
static TEE_Result check_result(TEE_Result res, bool dec)
{
	if (res == TEE_SUCCESS || res == TEE_ERROR_SHORT_BUFFER ||
	    res == TEE_ERROR_BAD_PARAMETERS ||
	    (dec && res == TEE_ERROR_CIPHERTEXT_INVALID))
		return res;
	ASYM_PANIC(res);
}

TEE_Result TEE_AsymmetricEncrypt(TEE_OperationHandle operation,
				 const TEE_Attribute *params,
				 uint32_t paramCount, const void *srcData,
				 size_t srcLen, void *destData,
				 size_t *destLen)
{
	struct asym_impl *im = asym_op_impl(operation,
					    TEE_OPERATION_ASYMMETRIC_CIPHER,
					    TEE_MODE_ENCRYPT);

	return check_result(rsa_crypt(im, true, params, paramCount, srcData,
				      srcLen, destData, destLen), false);
}

TEE_Result TEE_AsymmetricDecrypt(TEE_OperationHandle operation,
				 const TEE_Attribute *params,
				 uint32_t paramCount, const void *srcData,
				 size_t srcLen, void *destData,
				 size_t *destLen)
{
	struct asym_impl *im = asym_op_impl(operation,
					    TEE_OPERATION_ASYMMETRIC_CIPHER,
					    TEE_MODE_DECRYPT);

	return check_result(rsa_crypt(im, false, params, paramCount, srcData,
				      srcLen, destData, destLen), true);
}
