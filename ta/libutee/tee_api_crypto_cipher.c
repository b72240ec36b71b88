// SPDX-License-Identifier: BSD-2-Clause
/*
 * Symmetric ciphers (GP 1.3.1, 6.4): TEE_CipherInit, TEE_CipherUpdate and
 * TEE_CipherDoFinal for AES ECB/CBC/CTR/CTS/XTS and DES/3DES ECB/CBC.
 * Partial blocks are buffered here, not in EVP, so that the output of
 * every call is known before anything is consumed (SHORT_BUFFER leaves
 * the operation untouched) and in-place use stays safe.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_cipher.h"
#include "tee_api_crypto_int.h"

static void cipher_free(struct __TEE_OperationHandle *op)
{
	struct cipher_impl *c = op->impl;

	EVP_CIPHER_CTX_free(c->ctx);
	EVP_CIPHER_CTX_free(c->aux);
	OPENSSL_clear_free(c, sizeof(*c));
}

static void cipher_reset(struct __TEE_OperationHandle *op)
{
	struct cipher_impl *c = op->impl;

	OPENSSL_cleanse(c->buf, sizeof(c->buf));
	c->buf_len = 0;
}

static TEE_Result cipher_copy(struct __TEE_OperationHandle *dst,
			      const struct __TEE_OperationHandle *src)
{
	const struct cipher_impl *s = src->impl;
	struct cipher_impl *c = calloc(1, sizeof(*c));

	if (!c)
		return TEE_ERROR_OUT_OF_MEMORY;
	*c = *s;
	c->ctx = c->aux = NULL;
	dst->impl = c;
	if (!(c->ctx = utee_evp_ctx_dup(s->ctx)) ||
	    !(c->aux = utee_evp_ctx_dup(s->aux)))
		return TEE_ERROR_OUT_OF_MEMORY;
	return TEE_SUCCESS;
}

static enum cipher_kind kind_of(uint32_t algo)
{
	switch (algo) {
	case TEE_ALG_AES_CBC_NOPAD:
	case TEE_ALG_DES_CBC_NOPAD:
	case TEE_ALG_DES3_CBC_NOPAD:
		return CK_CBC;
	case TEE_ALG_AES_CTR:
		return CK_CTR;
	case TEE_ALG_AES_CTS:
		return CK_CTS;
	case TEE_ALG_AES_XTS:
		return CK_XTS;
	default:
		return CK_ECB;
	}
}

static void evp_init(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *ciph,
		     const uint8_t *key, const uint8_t *iv, bool enc)
{
	if (!ciph || !EVP_CipherInit_ex2(ctx, ciph, key, iv, enc, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0))
		TEE_Panic(TEE_ERROR_GENERIC);
}

static struct cipher_impl *cipher_impl_get(struct __TEE_OperationHandle *op)
{
	struct cipher_impl *c = op->impl;

	if (c)
		return c;
	c = calloc(1, sizeof(*c));
	if (!c || !(c->ctx = EVP_CIPHER_CTX_new()) ||
	    !(c->aux = EVP_CIPHER_CTX_new()))
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	op->impl = c;
	op->impl_free = cipher_free;
	op->impl_reset = cipher_reset;
	op->impl_copy = cipher_copy;
	return c;
}

/* Key the contexts of c for op's algorithm with IV iv (checked length). */
static void cipher_setup(struct __TEE_OperationHandle *op,
			 struct cipher_impl *c, const uint8_t *iv)
{
	const struct utee_attr *k1 = utee_op_secret(op->key1);
	const struct utee_attr *k2 = utee_op_secret(op->key2);
	const char *mode = c->kind == CK_CBC ? "CBC" :
			   c->kind == CK_CTR ? "CTR" : "ECB";
	uint8_t des[24];

	if (!k1)
		UTEE_PANIC_STATE();
	if (c->bs == 8) {
		utee_crypto_des3_key(des, k1->ref.buf, k1->ref.len);
		evp_init(c->ctx, utee_crypto_cipher(c->kind == CK_CBC ?
			 "DES-EDE3-CBC" : "DES-EDE3-ECB"), des, iv, c->enc);
		OPENSSL_cleanse(des, sizeof(des));
		return;
	}
	switch (c->kind) {
	case CK_CTS:
		evp_init(c->ctx, utee_crypto_aes(k1->ref.len, "CBC"),
			 k1->ref.buf, iv, c->enc);
		if (!c->enc)
			evp_init(c->aux, utee_crypto_aes(k1->ref.len, "ECB"),
				 k1->ref.buf, NULL, false);
		break;
	case CK_XTS:
		if (!k2)
			UTEE_PANIC_STATE();
		evp_init(c->ctx, utee_crypto_aes(k1->ref.len, "ECB"),
			 k1->ref.buf, NULL, c->enc);
		evp_init(c->aux, utee_crypto_aes(k2->ref.len, "ECB"),
			 k2->ref.buf, NULL, true);
		/* The tweak of the first block is E(key2, IV). */
		cipher_evp_run(c->aux, c->tweak, iv, 16);
		break;
	default:
		evp_init(c->ctx, utee_crypto_aes(k1->ref.len, mode),
			 k1->ref.buf, iv, c->enc);
		break;
	}
}

void TEE_CipherInit(TEE_OperationHandle operation, const void *IV,
		    size_t IVLen)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(operation, TEE_OPERATION_CIPHER);
	struct cipher_impl *c;
	enum cipher_kind kind;

	if (!(op->info.handleState & TEE_HANDLE_FLAG_KEY_SET))
		UTEE_PANIC_STATE();
	if (!IV && IVLen)
		UTEE_PANIC_PARAM();
	/* GP: initialising an active operation resets it first. */
	if (op->info.handleState & TEE_HANDLE_FLAG_INITIALIZED)
		utee_op_reset_state(op);
	kind = kind_of(op->info.algorithm);
	c = cipher_impl_get(op);
	c->kind = kind;
	c->enc = op->info.mode == TEE_MODE_ENCRYPT;
	c->bs = op->key1->type == TEE_TYPE_AES ? 16 : 8;
	c->buf_len = 0;
	/* Every mode but ECB needs exactly one block of IV. */
	if (kind != CK_ECB && IVLen != c->bs)
		UTEE_PANIC_PARAM();
	cipher_setup(op, c, kind == CK_ECB ? NULL : IV);
	op->info.handleState |= TEE_HANDLE_FLAG_INITIALIZED;
	op->state = TEE_OPERATION_STATE_ACTIVE;
}

static struct __TEE_OperationHandle *cipher_active(TEE_OperationHandle h)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(h, TEE_OPERATION_CIPHER);

	if (!(op->info.handleState & TEE_HANDLE_FLAG_INITIALIZED) ||
	    op->state != TEE_OPERATION_STATE_ACTIVE)
		UTEE_PANIC_STATE();
	return op;
}

/* Whole blocks of c's mode: n blocks from in to out. */
static void cipher_blocks(struct cipher_impl *c, uint8_t *out,
			  const uint8_t *in, size_t n)
{
	if (c->kind == CK_XTS)
		cipher_xts_blocks(c, out, in, n);
	else
		cipher_evp_run(c->ctx, out, in, n * c->bs);
}

/* Blocks an update of len more bytes releases now (CTS/XTS keep 2). */
static size_t cipher_ready_blocks(const struct cipher_impl *c, size_t len)
{
	size_t p = c->buf_len + len;

	if (c->kind == CK_CTS || c->kind == CK_XTS)
		return p > 2 * c->bs ? (p - c->bs - 1) / c->bs : 0;
	return p / c->bs;
}

/*
 * Feed len bytes: output the blocks cipher_ready_blocks() promised and
 * keep the rest in c->buf. Returns the bytes written to out.
 */
static size_t cipher_feed(struct cipher_impl *c, uint8_t *out,
			  const uint8_t *in, size_t len)
{
	size_t k = cipher_ready_blocks(c, len), done = 0, t;
	uint8_t *copy = NULL;

	if (c->kind == CK_CTR) {
		cipher_evp_run(c->ctx, out, in, len);
		return len;
	}
	/*
	 * With buffered bytes the output runs ahead of the input; if the
	 * two overlap, read from a copy so no input is overwritten unread.
	 */
	if (k && c->buf_len && len && out < in + len && in < out + k * c->bs) {
		copy = malloc(len);
		if (!copy)
			TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
		memcpy(copy, in, len);
		in = copy;
	}
	while (k && c->buf_len) {
		if (c->buf_len < c->bs) {
			t = c->bs - c->buf_len;
			memcpy(c->buf + c->buf_len, in, t);
			c->buf_len += t;
			in += t;
			len -= t;
		}
		cipher_blocks(c, out + done, c->buf, 1);
		memmove(c->buf, c->buf + c->bs, c->buf_len - c->bs);
		c->buf_len -= c->bs;
		done += c->bs;
		k--;
	}
	if (k) {
		cipher_blocks(c, out + done, in, k);
		in += k * c->bs;
		len -= k * c->bs;
		done += k * c->bs;
	}
	memcpy(c->buf + c->buf_len, in, len);
	c->buf_len += len;
	if (copy) {
		OPENSSL_cleanse(copy, len);
		free(copy);
	}
	return done;
}

TEE_Result TEE_CipherUpdate(TEE_OperationHandle operation, const void *srcData,
			    size_t srcLen, void *destData, size_t *destLen)
{
	struct __TEE_OperationHandle *op = cipher_active(operation);
	struct cipher_impl *c = op->impl;
	size_t need;

	if ((!srcData && srcLen) || !destLen)
		UTEE_PANIC_PARAM();
	need = c->kind == CK_CTR ? srcLen :
				   cipher_ready_blocks(c, srcLen) * c->bs;
	if (*destLen < need) {
		*destLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (need && !destData)
		UTEE_PANIC_PARAM();
	*destLen = srcLen ? cipher_feed(c, destData, srcData, srcLen) : 0;
	return TEE_SUCCESS;
}

TEE_Result TEE_CipherDoFinal(TEE_OperationHandle operation,
			     const void *srcData, size_t srcLen,
			     void *destData, size_t *destLen)
{
	struct __TEE_OperationHandle *op = cipher_active(operation);
	struct cipher_impl *c = op->impl;
	size_t need, done = 0, have = 0;
	uint8_t *out = destData;

	if (!srcData && srcLen)
		UTEE_PANIC_PARAM();
	if (__builtin_add_overflow(c->buf_len, srcLen, &need))
		UTEE_PANIC_PARAM();
	/*
	 * NOPAD modes need whole blocks and CTS/XTS at least one; that is
	 * a bad input the TA can react to, so it is returned.
	 */
	if (((c->kind == CK_ECB || c->kind == CK_CBC) && need % c->bs) ||
	    ((c->kind == CK_CTS || c->kind == CK_XTS) && need < c->bs))
		return TEE_ERROR_BAD_PARAMETERS;
	if (c->kind == CK_CTR)
		need = srcLen;
	if (destLen)
		have = *destLen;
	else if (need)
		UTEE_PANIC_PARAM();
	if (have < need) {
		*destLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (need && !out)
		UTEE_PANIC_PARAM();
	if (srcLen)
		done = cipher_feed(c, out, srcData, srcLen);
	if (c->kind == CK_CTS && c->buf_len)
		cipher_cts_finish(c, out + done, c->buf, c->buf_len);
	else if (c->kind == CK_XTS && c->buf_len)
		cipher_xts_finish(c, out + done, c->buf, c->buf_len);
	done += c->kind == CK_CTS || c->kind == CK_XTS ? c->buf_len : 0;
	if (destLen)
		*destLen = done;
	utee_op_reset_state(op);
	return TEE_SUCCESS;
}
