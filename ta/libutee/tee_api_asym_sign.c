// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEE_AsymmetricSignDigest / TEE_AsymmetricVerifyDigest: RSASSA-PKCS1-v1_5,
 * RSASSA-PSS, DSA, ECDSA (GP's r||s signature format) and pure Ed25519.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <tee_internal_api.h>

#include "tee_api_asym.h"

#define MAX_DIGEST_BYTES 64	/* SHA-512: longest digest ECDSA is fed */

static bool is_rsa(const struct asym_alg *a)
{
	return a->scheme == ASYM_RSASSA_PKCS1 || a->scheme == ASYM_RSASSA_PSS;
}

/* Bytes of a signature: r||s for (EC)DSA, as GP fixes it. */
static size_t sig_len(const struct asym_impl *im)
{
	if (im->alg->scheme == ASYM_DSA || im->alg->scheme == ASYM_ECDSA)
		return 2 * im->width;
	return im->width;
}

/*
 * The digest must be the algorithm's. OP-TEE's legacy ECDSA ids name no
 * digest: any up to SHA-512 size (ECDSA uses its leftmost bits). Ed25519
 * signs the message itself.
 */
static bool digest_len_ok(const struct asym_alg *a, size_t len)
{
	if (a->scheme == ASYM_ED25519)
		return true;
	if (!a->hash)
		return len && len <= MAX_DIGEST_BYTES;
	return len == asym_hash_find(a->hash)->len;
}

static TEE_Result pss_salt(const struct asym_impl *im,
			   const TEE_Attribute *params, uint32_t n, int *salt)
{
	const TEE_Attribute *p = asym_param(params, n,
					    TEE_ATTR_RSA_PSS_SALT_LENGTH);
	size_t h = asym_hash_find(im->alg->hash)->len;
	size_t em = ((size_t)EVP_PKEY_get_bits(im->pkey) + 6) / 8;
	uint32_t s = p ? p->content.value.a : (uint32_t)h;

	/* EMSA-PSS needs emLen >= hLen + sLen + 2. */
	if (s <= INT_MAX && em >= h + 2 && s <= em - h - 2) {
		*salt = (int)s;
		return TEE_SUCCESS;
	}
	return TEE_ERROR_BAD_PARAMETERS;
}

/* An EVP_PKEY_CTX set up for signing or verifying with im's scheme. */
static TEE_Result sig_ctx(const struct asym_impl *im, bool sign,
			  const TEE_Attribute *params, uint32_t n,
			  EVP_PKEY_CTX **out)
{
	const struct asym_alg *a = im->alg;
	EVP_PKEY_CTX *ctx;
	EVP_MD *md = NULL;
	TEE_Result res = TEE_ERROR_GENERIC;
	int salt = 0;

	if (a->scheme == ASYM_RSASSA_PSS) {
		res = pss_salt(im, params, n, &salt);
		if (res)
			return res;
		res = TEE_ERROR_GENERIC;
	}
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, im->pkey, NULL);
	if (!ctx)
		return TEE_ERROR_OUT_OF_MEMORY;
	if ((sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx)) <= 0)
		goto out;
	if (is_rsa(a)) {
		int pad = a->scheme == ASYM_RSASSA_PSS ? RSA_PKCS1_PSS_PADDING :
			  RSA_PKCS1_PADDING;

		md = EVP_MD_fetch(NULL, asym_hash_find(a->hash)->name, NULL);
		if (!md || EVP_PKEY_CTX_set_rsa_padding(ctx, pad) <= 0 ||
		    EVP_PKEY_CTX_set_signature_md(ctx, md) <= 0)
			goto out;
		if (a->scheme == ASYM_RSASSA_PSS &&
		    (EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) <= 0 ||
		     EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, salt) <= 0))
			goto out;
	}
	/* (EC)DSA without a digest set signs the bytes given as they are. */
	res = TEE_SUCCESS;
out:
	EVP_MD_free(md);
	if (res) {
		asym_clear_errors();
		EVP_PKEY_CTX_free(ctx);
		ctx = NULL;
	}
	*out = ctx;
	return res;
}

/*
 * (EC)DSA: OpenSSL speaks DER SEQUENCE { r, s }, GP the fixed-width r||s.
 * DSA and ECDSA signatures share that DER form, so ECDSA_SIG serves both.
 */
static TEE_Result der_to_rs(const uint8_t *der, size_t der_len, size_t w,
			    uint8_t *out)
{
	const unsigned char *p = der;
	const BIGNUM *r, *s;
	ECDSA_SIG *sig;
	TEE_Result res = TEE_ERROR_GENERIC;

	if (der_len > LONG_MAX)
		return res;
	sig = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
	if (!sig)
		return res;
	ECDSA_SIG_get0(sig, &r, &s);
	if (BN_bn2binpad(r, out, (int)w) > 0 &&
	    BN_bn2binpad(s, out + w, (int)w) > 0)
		res = TEE_SUCCESS;
	ECDSA_SIG_free(sig);
	return res;
}

/* r||s to DER; *der is OPENSSL_malloc'd. */
static TEE_Result rs_to_der(const uint8_t *rs, size_t w, uint8_t **der,
			    size_t *der_len)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(rs, (int)w, NULL);
	BIGNUM *s = BN_bin2bn(rs + w, (int)w, NULL);
	TEE_Result res = TEE_ERROR_OUT_OF_MEMORY;
	int len;

	*der = NULL;
	if (!sig || !r || !s || !ECDSA_SIG_set0(sig, r, s)) {
		BN_free(r);
		BN_free(s);
		goto out;
	}
	len = i2d_ECDSA_SIG(sig, der);
	if (len > 0) {
		*der_len = (size_t)len;
		res = TEE_SUCCESS;
	}
out:
	ECDSA_SIG_free(sig);
	return res;
}

/* Ed25519ctx and Ed25519ph need OpenSSL 3.2; OpenSSL 3.0 has pure only. */
static TEE_Result eddsa_params(const TEE_Attribute *params, uint32_t n)
{
	const TEE_Attribute *ph = asym_param(params, n, TEE_ATTR_EDDSA_PREHASH);
	const TEE_Attribute *ctx = asym_param(params, n, TEE_ATTR_EDDSA_CTX);

	if (ctx && ctx->content.ref.length > 255)
		return TEE_ERROR_BAD_PARAMETERS;
	if ((ph && ph->content.value.a) || (ctx && ctx->content.ref.length))
		return TEE_ERROR_NOT_SUPPORTED;
	return TEE_SUCCESS;
}

static TEE_Result ed25519_sign(const struct asym_impl *im, const uint8_t *msg,
			       size_t len, uint8_t *sig)
{
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	size_t out_len = im->width;
	TEE_Result res = TEE_ERROR_GENERIC;

	if (!mctx)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (EVP_DigestSignInit_ex(mctx, NULL, NULL, NULL, NULL, im->pkey,
				  NULL) > 0 &&
	    EVP_DigestSign(mctx, sig, &out_len, msg, len) > 0 &&
	    out_len == im->width)
		res = TEE_SUCCESS;
	EVP_MD_CTX_free(mctx);
	return res;
}

static TEE_Result ed25519_verify(const struct asym_impl *im,
				 const uint8_t *msg, size_t len,
				 const uint8_t *sig, size_t sig_bytes)
{
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	TEE_Result res = TEE_ERROR_GENERIC;

	if (!mctx)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (EVP_DigestVerifyInit_ex(mctx, NULL, NULL, NULL, NULL, im->pkey,
				    NULL) > 0)
		res = EVP_DigestVerify(mctx, sig, sig_bytes, msg, len) == 1 ?
		      TEE_SUCCESS : TEE_ERROR_SIGNATURE_INVALID;
	EVP_MD_CTX_free(mctx);
	return res;
}

static TEE_Result do_sign(const struct asym_impl *im,
			  const TEE_Attribute *params, uint32_t n,
			  const uint8_t *digest, size_t digest_len,
			  uint8_t *sig)
{
	const struct asym_alg *a = im->alg;
	size_t len = (size_t)EVP_PKEY_get_size(im->pkey);
	EVP_PKEY_CTX *ctx = NULL;
	uint8_t *buf = NULL;
	TEE_Result res;

	if (a->scheme == ASYM_ED25519) {
		res = eddsa_params(params, n);
		if (!res)
			res = ed25519_sign(im, digest, digest_len, sig);
		asym_clear_errors();
		return res;
	}
	res = sig_ctx(im, true, params, n, &ctx);
	if (res)
		return res;
	res = TEE_ERROR_OUT_OF_MEMORY;
	buf = malloc(len);
	if (!buf)
		goto out;
	res = TEE_ERROR_GENERIC;
	if (EVP_PKEY_sign(ctx, buf, &len, digest, digest_len) <= 0) {
		/* e.g. a digest too long for the RSA key (GP: a panic) */
		res = TEE_ERROR_BAD_PARAMETERS;
		goto out;
	}
	if (is_rsa(a)) {
		if (len == im->width) {
			memcpy(sig, buf, len);
			res = TEE_SUCCESS;
		}
	} else {
		res = der_to_rs(buf, len, im->width, sig);
	}
out:
	asym_clear_errors();
	EVP_PKEY_CTX_free(ctx);
	free(buf);
	return res;
}

static TEE_Result do_verify(const struct asym_impl *im,
			    const TEE_Attribute *params, uint32_t n,
			    const uint8_t *digest, size_t digest_len,
			    const uint8_t *sig, size_t sig_bytes)
{
	const struct asym_alg *a = im->alg;
	EVP_PKEY_CTX *ctx = NULL;
	uint8_t *der = NULL;
	size_t der_len = 0;
	TEE_Result res;

	if (a->scheme == ASYM_ED25519) {
		res = eddsa_params(params, n);
		if (res)
			return res;
		if (sig_bytes != im->width)
			return TEE_ERROR_SIGNATURE_INVALID;
		res = ed25519_verify(im, digest, digest_len, sig, sig_bytes);
		asym_clear_errors();
		return res;
	}
	if (sig_bytes != sig_len(im))
		return TEE_ERROR_SIGNATURE_INVALID;
	res = sig_ctx(im, false, params, n, &ctx);
	if (res)
		return res;
	if (!is_rsa(a)) {
		res = rs_to_der(sig, im->width, &der, &der_len);
		if (res)
			goto out;
		sig = der;
		sig_bytes = der_len;
	}
	/* 0 is a bad signature; < 0 one OpenSSL cannot even parse. */
	res = EVP_PKEY_verify(ctx, sig, sig_bytes, digest, digest_len) == 1 ?
	      TEE_SUCCESS : TEE_ERROR_SIGNATURE_INVALID;
out:
	asym_clear_errors();
	EVP_PKEY_CTX_free(ctx);
	OPENSSL_free(der);
	return res;
}

/*
 * GP gives these calls no result but SUCCESS, SHORT_BUFFER (sign) and
 * SIGNATURE_INVALID (verify): every other failure panics, as it does in
 * OP-TEE (wrong digest length, bad parameters, key too small).
 */
TEE_Result TEE_AsymmetricSignDigest(TEE_OperationHandle operation,
				    const TEE_Attribute *params,
				    uint32_t paramCount, const void *digest,
				    size_t digestLen, void *signature,
				    size_t *signatureLen)
{
	struct asym_impl *im = asym_op_impl(operation,
					    TEE_OPERATION_ASYMMETRIC_SIGNATURE,
					    TEE_MODE_SIGN);
	size_t need = sig_len(im);
	TEE_Result res;

	if (!signatureLen || (!digest && digestLen))
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	if (!digest)	/* an empty Ed25519 message */
		digest = "";
	if (!digest_len_ok(im->alg, digestLen))
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	if (*signatureLen < need) {
		*signatureLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (!signature)
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	res = do_sign(im, params, paramCount, digest, digestLen, signature);
	if (res)
		ASYM_PANIC(res);
	*signatureLen = need;
	return TEE_SUCCESS;
}

TEE_Result TEE_AsymmetricVerifyDigest(TEE_OperationHandle operation,
				      const TEE_Attribute *params,
				      uint32_t paramCount, const void *digest,
				      size_t digestLen, const void *signature,
				      size_t signatureLen)
{
	struct asym_impl *im = asym_op_impl(operation,
					    TEE_OPERATION_ASYMMETRIC_SIGNATURE,
					    TEE_MODE_VERIFY);
	TEE_Result res;

	if ((!digest && digestLen) || (!signature && signatureLen))
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	if (!digest)	/* an empty Ed25519 message */
		digest = "";
	if (!signature)
		signature = "";
	if (!digest_len_ok(im->alg, digestLen))
		ASYM_PANIC(TEE_ERROR_BAD_PARAMETERS);
	res = do_verify(im, params, paramCount, digest, digestLen, signature,
			signatureLen);
	if (res && res != TEE_ERROR_SIGNATURE_INVALID)
		ASYM_PANIC(res);
	return res;
}
