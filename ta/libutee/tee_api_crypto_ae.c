// SPDX-License-Identifier: BSD-2-Clause
/*
 * Authenticated encryption (GP 1.3.1, 6.6): TEE_AEInit, TEE_AEUpdateAAD,
 * TEE_AEUpdate, TEE_AEEncryptFinal and TEE_AEDecryptFinal for AES-GCM
 * (EVP) and AES-CCM (tee_api_crypto_ccm.c). Both are stream modes here:
 * every update outputs exactly its input length.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_ae.h"
#include "tee_api_crypto_cipher.h"
#include "tee_api_crypto_int.h"

static void ae_free(struct __TEE_OperationHandle *op)
{
	struct ae_impl *a = op->impl;

	EVP_CIPHER_CTX_free(a->ctx);
	EVP_CIPHER_CTX_free(a->mac);
	OPENSSL_clear_free(a, sizeof(*a));
}

static void ae_reset(struct __TEE_OperationHandle *op)
{
	struct ae_impl *a = op->impl;

	a->payload = false;
	a->mbuf_len = 0;
	OPENSSL_cleanse(a->y, sizeof(a->y));
	OPENSSL_cleanse(a->s0, sizeof(a->s0));
}

static TEE_Result ae_copy(struct __TEE_OperationHandle *dst,
			  const struct __TEE_OperationHandle *src)
{
	const struct ae_impl *s = src->impl;
	struct ae_impl *a = calloc(1, sizeof(*a));

	if (!a)
		return TEE_ERROR_OUT_OF_MEMORY;
	*a = *s;
	a->ctx = a->mac = NULL;
	dst->impl = a;
	if (!(a->ctx = utee_evp_ctx_dup(s->ctx)) ||
	    !(a->mac = utee_evp_ctx_dup(s->mac)))
		return TEE_ERROR_OUT_OF_MEMORY;
	return TEE_SUCCESS;
}

static struct ae_impl *ae_impl_get(struct __TEE_OperationHandle *op)
{
	struct ae_impl *a = op->impl;

	if (a)
		return a;
	a = calloc(1, sizeof(*a));
	if (!a || !(a->ctx = EVP_CIPHER_CTX_new()) ||
	    !(a->mac = EVP_CIPHER_CTX_new()))
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	op->impl = a;
	op->impl_free = ae_free;
	op->impl_reset = ae_reset;
	op->impl_copy = ae_copy;
	return a;
}

static TEE_Result gcm_init(struct ae_impl *a, const uint8_t *key,
			   size_t key_len, const uint8_t *nonce,
			   size_t nonce_len)
{
	const EVP_CIPHER *gcm = utee_crypto_aes(key_len, "GCM");

	/* GP: AES-GCM tags are 96, 104, 112, 120 or 128 bits. */
	if (a->tag_len < 12 || a->tag_len > 16)
		return TEE_ERROR_NOT_SUPPORTED;
	if (!nonce_len)
		UTEE_PANIC_PARAM();
	if (!gcm || !EVP_CipherInit_ex2(a->ctx, gcm, NULL, NULL, a->enc, NULL))
		TEE_Panic(TEE_ERROR_GENERIC);
	/* OpenSSL caps GCM nonces (128 bytes); longer ones are not supported. */
	if (nonce_len > INT_MAX ||
	    EVP_CIPHER_CTX_ctrl(a->ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)nonce_len,
				NULL) <= 0)
		return TEE_ERROR_NOT_SUPPORTED;
	if (!EVP_CipherInit_ex2(a->ctx, NULL, key, nonce, a->enc, NULL))
		TEE_Panic(TEE_ERROR_GENERIC);
	return TEE_SUCCESS;
}

TEE_Result TEE_AEInit(TEE_OperationHandle operation, const void *nonce,
		      size_t nonceLen, uint32_t tagLen, size_t AADLen,
		      size_t payloadLen)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(operation, TEE_OPERATION_AE);
	const struct utee_attr *k;
	struct ae_impl *a;
	TEE_Result res;

	if (!(op->info.handleState & TEE_HANDLE_FLAG_KEY_SET))
		UTEE_PANIC_STATE();
	if (!nonce && nonceLen)
		UTEE_PANIC_PARAM();
	if (op->info.handleState & TEE_HANDLE_FLAG_INITIALIZED)
		utee_op_reset_state(op);
	k = utee_op_secret(op->key1);
	if (!k)
		UTEE_PANIC_STATE();
	a = ae_impl_get(op);
	ae_reset(op);
	a->ccm = op->info.algorithm == TEE_ALG_AES_CCM;
	a->enc = op->info.mode == TEE_MODE_ENCRYPT;
	if (tagLen % 8)
		return TEE_ERROR_NOT_SUPPORTED;
	a->tag_len = tagLen / 8;
	if (a->ccm)
		res = ccm_init(a, k->ref.buf, k->ref.len, nonce, nonceLen,
			       AADLen, payloadLen);
	else
		res = gcm_init(a, k->ref.buf, k->ref.len, nonce, nonceLen);
	if (res != TEE_SUCCESS)
		return res;
	op->info.digestLength = (uint32_t)a->tag_len;
	op->info.handleState |= TEE_HANDLE_FLAG_INITIALIZED;
	op->state = TEE_OPERATION_STATE_INITIAL;
	return TEE_SUCCESS;
}

static struct __TEE_OperationHandle *ae_ready(TEE_OperationHandle h)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(h, TEE_OPERATION_AE);

	if (!(op->info.handleState & TEE_HANDLE_FLAG_INITIALIZED))
		UTEE_PANIC_STATE();
	return op;
}

void TEE_AEUpdateAAD(TEE_OperationHandle operation, const void *AADdata,
		     size_t AADdataLen)
{
	struct __TEE_OperationHandle *op = ae_ready(operation);
	struct ae_impl *a = op->impl;
	int outl;

	if (!AADdata && AADdataLen)
		UTEE_PANIC_PARAM();
	/* GP: all AAD comes before the payload. */
	if (a->payload)
		UTEE_PANIC_STATE();
	if (a->ccm) {
		ccm_aad(a, AADdata, AADdataLen);
	} else {
		while (AADdataLen) {
			size_t n = AADdataLen < (1U << 28) ? AADdataLen :
							      (1U << 28);

			if (!EVP_CipherUpdate(a->ctx, NULL, &outl, AADdata,
					      (int)n))
				TEE_Panic(TEE_ERROR_GENERIC);
			AADdata = (const uint8_t *)AADdata + n;
			AADdataLen -= n;
		}
	}
	op->state = TEE_OPERATION_STATE_ACTIVE;
}

/* Payload bytes through the mode: len in, len out. */
static void ae_payload(struct ae_impl *a, uint8_t *out, const uint8_t *in,
		       size_t len)
{
	if (a->ccm)
		ccm_payload(a, out, in, len);
	else if (len)
		cipher_evp_run(a->ctx, out, in, len);
	a->payload = true;
}

TEE_Result TEE_AEUpdate(TEE_OperationHandle operation, const void *srcData,
			size_t srcLen, void *destData, size_t *destLen)
{
	struct __TEE_OperationHandle *op = ae_ready(operation);

	if ((!srcData && srcLen) || !destLen)
		UTEE_PANIC_PARAM();
	if (*destLen < srcLen) {
		*destLen = srcLen;
		return TEE_ERROR_SHORT_BUFFER;
	}
	/* Nothing to do: in particular the payload has not started. */
	if (!srcLen) {
		*destLen = 0;
		return TEE_SUCCESS;
	}
	if (!destData)
		UTEE_PANIC_PARAM();
	ae_payload(op->impl, destData, srcData, srcLen);
	*destLen = srcLen;
	op->state = TEE_OPERATION_STATE_ACTIVE;
	return TEE_SUCCESS;
}

TEE_Result TEE_AEEncryptFinal(TEE_OperationHandle operation,
			      const void *srcData, size_t srcLen,
			      void *destData, size_t *destLen, void *tag,
			      size_t *tagLen)
{
	struct __TEE_OperationHandle *op = ae_ready(operation);
	struct ae_impl *a = op->impl;
	TEE_Result res = TEE_SUCCESS;
	uint8_t t[16];
	int outl;

	if ((!srcData && srcLen) || !destLen || !tagLen)
		UTEE_PANIC_PARAM();
	if (op->info.mode != TEE_MODE_ENCRYPT)
		UTEE_PANIC_PARAM();
	/* Both sizes are reported at once when either is short. */
	if (*destLen < srcLen) {
		*destLen = srcLen;
		res = TEE_ERROR_SHORT_BUFFER;
	}
	if (*tagLen < a->tag_len) {
		*tagLen = a->tag_len;
		res = TEE_ERROR_SHORT_BUFFER;
	}
	if (res != TEE_SUCCESS)
		return res;
	if ((srcLen && !destData) || !tag)
		UTEE_PANIC_PARAM();
	ae_payload(a, destData, srcData, srcLen);
	if (a->ccm) {
		ccm_tag(a, t);
	} else if (!EVP_CipherFinal_ex(a->ctx, t, &outl) || outl ||
		   EVP_CIPHER_CTX_ctrl(a->ctx, EVP_CTRL_AEAD_GET_TAG,
				       (int)a->tag_len, t) <= 0) {
		TEE_Panic(TEE_ERROR_GENERIC);
	}
	memcpy(tag, t, a->tag_len);
	*tagLen = a->tag_len;
	*destLen = srcLen;
	utee_op_reset_state(op);
	return TEE_SUCCESS;
}

TEE_Result TEE_AEDecryptFinal(TEE_OperationHandle operation,
			      const void *srcData, size_t srcLen,
			      void *destData, size_t *destLen, void *tag,
			      size_t tagLen)
{
	struct __TEE_OperationHandle *op = ae_ready(operation);
	struct ae_impl *a = op->impl;
	bool ok = tagLen == a->tag_len;
	uint8_t t[16], scratch[16];
	int outl;

	if ((!srcData && srcLen) || !destLen || (!tag && tagLen))
		UTEE_PANIC_PARAM();
	if (op->info.mode != TEE_MODE_DECRYPT)
		UTEE_PANIC_PARAM();
	if (*destLen < srcLen) {
		*destLen = srcLen;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (srcLen && !destData)
		UTEE_PANIC_PARAM();
	ae_payload(a, destData, srcData, srcLen);
	if (a->ccm) {
		ccm_tag(a, t);
		ok = ok && !utee_ct_memcmp(t, tag, a->tag_len);
	} else {
		/* A tag of the wrong length still finishes the GCM state. */
		memcpy(t, ok ? tag : (const void *)a->s0, a->tag_len);
		if (EVP_CIPHER_CTX_ctrl(a->ctx, EVP_CTRL_AEAD_SET_TAG,
					(int)a->tag_len, t) <= 0)
			TEE_Panic(TEE_ERROR_GENERIC);
		ok = EVP_CipherFinal_ex(a->ctx, scratch, &outl) == 1 && ok;
	}
	OPENSSL_cleanse(t, sizeof(t));
	*destLen = srcLen;
	utee_op_reset_state(op);
	if (!ok) {
		/* Released plaintext of a forged message must not be used. */
		if (srcLen)
			OPENSSL_cleanse(destData, srcLen);
		return TEE_ERROR_MAC_INVALID;
	}
	return TEE_SUCCESS;
}
