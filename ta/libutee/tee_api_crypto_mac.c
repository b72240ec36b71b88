// SPDX-License-Identifier: BSD-2-Clause
/*
 * MACs (GP 1.3.1, 6.5): HMAC (MD5, SHA-1, SHA-2, SHA-3, SM3) and AES-CMAC
 * through EVP_MAC; CBC-MAC (AES, DES, 3DES; no padding or PKCS#5) as the
 * last block of a CBC encryption, which EVP has no MAC for.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_cipher.h"
#include "tee_api_crypto_int.h"

enum mac_kind { MK_HMAC, MK_CMAC, MK_CBC };

struct mac_impl {
	enum mac_kind kind;
	bool pkcs5;
	size_t bs;		/* CBC-MAC block size */
	EVP_MAC_CTX *mctx;	/* HMAC, CMAC */
	EVP_CIPHER_CTX *cctx;	/* CBC-MAC: CBC encryption */
	uint8_t buf[16];	/* CBC-MAC: partial block */
	size_t buf_len;
	uint8_t last[16];	/* CBC-MAC: last ciphertext block */
};

static void mac_free(struct __TEE_OperationHandle *op)
{
	struct mac_impl *m = op->impl;

	EVP_MAC_CTX_free(m->mctx);
	EVP_CIPHER_CTX_free(m->cctx);
	OPENSSL_clear_free(m, sizeof(*m));
}

static void mac_reset(struct __TEE_OperationHandle *op)
{
	struct mac_impl *m = op->impl;

	OPENSSL_cleanse(m->buf, sizeof(m->buf));
	OPENSSL_cleanse(m->last, sizeof(m->last));
	m->buf_len = 0;
}

static TEE_Result mac_copy(struct __TEE_OperationHandle *dst,
			   const struct __TEE_OperationHandle *src)
{
	const struct mac_impl *s = src->impl;
	struct mac_impl *m = calloc(1, sizeof(*m));

	if (!m)
		return TEE_ERROR_OUT_OF_MEMORY;
	*m = *s;
	m->mctx = NULL;
	m->cctx = NULL;
	dst->impl = m;
	if (s->mctx && !(m->mctx = EVP_MAC_CTX_dup(s->mctx)))
		return TEE_ERROR_OUT_OF_MEMORY;
	if (s->cctx && !(m->cctx = utee_evp_ctx_dup(s->cctx)))
		return TEE_ERROR_OUT_OF_MEMORY;
	return TEE_SUCCESS;
}

static struct mac_impl *mac_impl_new(struct __TEE_OperationHandle *op)
{
	struct mac_impl *m = calloc(1, sizeof(*m));

	if (!m)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	op->impl = m;
	op->impl_free = mac_free;
	op->impl_reset = mac_reset;
	op->impl_copy = mac_copy;
	switch (op->info.algorithm) {
	case TEE_ALG_AES_CMAC:
		m->kind = MK_CMAC;
		break;
	case TEE_ALG_AES_CBC_MAC_NOPAD:
	case TEE_ALG_AES_CBC_MAC_PKCS5:
	case TEE_ALG_DES_CBC_MAC_NOPAD:
	case TEE_ALG_DES_CBC_MAC_PKCS5:
	case TEE_ALG_DES3_CBC_MAC_NOPAD:
	case TEE_ALG_DES3_CBC_MAC_PKCS5:
		m->kind = MK_CBC;
		break;
	default:
		m->kind = MK_HMAC;
		break;
	}
	m->pkcs5 = op->info.algorithm == TEE_ALG_AES_CBC_MAC_PKCS5 ||
		   op->info.algorithm == TEE_ALG_DES_CBC_MAC_PKCS5 ||
		   op->info.algorithm == TEE_ALG_DES3_CBC_MAC_PKCS5;
	if (m->kind == MK_CBC)
		m->cctx = EVP_CIPHER_CTX_new();
	else
		m->mctx = EVP_MAC_CTX_new(utee_crypto_mac(m->kind == MK_HMAC ?
							  "HMAC" : "CMAC"));
	if (!m->cctx && !m->mctx)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	return m;
}

static void mac_key(struct __TEE_OperationHandle *op, struct mac_impl *m,
		    const uint8_t *iv, size_t iv_len)
{
	const struct utee_alg *alg = utee_alg_find(op->info.algorithm);
	const struct utee_attr *k = utee_op_secret(op->key1);
	static const uint8_t zero[16];
	OSSL_PARAM params[2];
	const EVP_CIPHER *ciph;
	uint8_t des[24];

	if (!k || !alg)
		UTEE_PANIC_STATE();
	if (m->kind == MK_CBC) {
		m->bs = op->key1->type == TEE_TYPE_AES ? 16 : 8;
		/* The IV is optional (zero); if given it is one block. */
		if (iv_len && iv_len != m->bs)
			UTEE_PANIC_PARAM();
		if (m->bs == 8) {
			utee_crypto_des3_key(des, k->ref.buf, k->ref.len);
			ciph = utee_crypto_cipher("DES-EDE3-CBC");
		} else {
			ciph = utee_crypto_aes(k->ref.len, "CBC");
		}
		if (!ciph || !EVP_CipherInit_ex2(m->cctx, ciph,
						 m->bs == 8 ? des : k->ref.buf,
						 iv_len ? iv : zero, 1, NULL) ||
		    !EVP_CIPHER_CTX_set_padding(m->cctx, 0))
			TEE_Panic(TEE_ERROR_GENERIC);
		OPENSSL_cleanse(des, sizeof(des));
		return;
	}
	if (m->kind == MK_HMAC)
		params[0] = OSSL_PARAM_construct_utf8_string(
			OSSL_MAC_PARAM_DIGEST, (char *)alg->name, 0);
	else
		params[0] = OSSL_PARAM_construct_utf8_string(
			OSSL_MAC_PARAM_CIPHER,
			k->ref.len == 16 ? "AES-128-CBC" :
			k->ref.len == 24 ? "AES-192-CBC" : "AES-256-CBC", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_init(m->mctx, k->ref.buf, k->ref.len, params))
		TEE_Panic(TEE_ERROR_GENERIC);
}

void TEE_MACInit(TEE_OperationHandle operation, const void *IV, size_t IVLen)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(operation, TEE_OPERATION_MAC);
	struct mac_impl *m;

	if (!(op->info.handleState & TEE_HANDLE_FLAG_KEY_SET))
		UTEE_PANIC_STATE();
	if (!IV && IVLen)
		UTEE_PANIC_PARAM();
	if (op->info.handleState & TEE_HANDLE_FLAG_INITIALIZED)
		utee_op_reset_state(op);
	m = op->impl ? op->impl : mac_impl_new(op);
	m->buf_len = 0;
	/* HMAC and CMAC have no IV: GP says it is ignored then. */
	mac_key(op, m, IV, m->kind == MK_CBC ? IVLen : 0);
	op->info.handleState |= TEE_HANDLE_FLAG_INITIALIZED;
	op->state = TEE_OPERATION_STATE_ACTIVE;
}

static struct __TEE_OperationHandle *mac_active(TEE_OperationHandle h)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(h, TEE_OPERATION_MAC);

	if (!(op->info.handleState & TEE_HANDLE_FLAG_INITIALIZED) ||
	    op->state != TEE_OPERATION_STATE_ACTIVE)
		UTEE_PANIC_STATE();
	return op;
}

/* CBC-MAC: n whole blocks, keeping only the last ciphertext block. */
static void cbcmac_blocks(struct mac_impl *m, const uint8_t *in, size_t n)
{
	uint8_t out[512];
	size_t len = n * m->bs, step;

	while (len) {
		step = len < sizeof(out) ? len : sizeof(out);
		cipher_evp_run(m->cctx, out, in, step);
		memcpy(m->last, out + step - m->bs, m->bs);
		in += step;
		len -= step;
	}
	OPENSSL_cleanse(out, sizeof(out));
}

static void mac_absorb(struct mac_impl *m, const uint8_t *in, size_t len)
{
	size_t t, n;

	if (!len)
		return;
	if (m->kind != MK_CBC) {
		if (!EVP_MAC_update(m->mctx, in, len))
			TEE_Panic(TEE_ERROR_GENERIC);
		return;
	}
	if (m->buf_len) {
		t = m->bs - m->buf_len;
		if (t > len)
			t = len;
		memcpy(m->buf + m->buf_len, in, t);
		m->buf_len += t;
		in += t;
		len -= t;
		if (m->buf_len < m->bs)
			return;
		cbcmac_blocks(m, m->buf, 1);
		m->buf_len = 0;
	}
	n = len / m->bs;
	cbcmac_blocks(m, in, n);
	memcpy(m->buf, in + n * m->bs, len - n * m->bs);
	m->buf_len = len - n * m->bs;
}

void TEE_MACUpdate(TEE_OperationHandle operation, const void *chunk,
		   size_t chunkSize)
{
	struct __TEE_OperationHandle *op = mac_active(operation);

	if (!chunk && chunkSize)
		UTEE_PANIC_PARAM();
	mac_absorb(op->impl, chunk, chunkSize);
}

/* The final MAC (op->info.digestLength bytes) into out; resets op. */
static void mac_finish(struct __TEE_OperationHandle *op, const void *msg,
		       size_t len, uint8_t *out)
{
	struct mac_impl *m = op->impl;
	size_t outl = 0;
	uint8_t pad;

	mac_absorb(m, msg, len);
	if (m->kind != MK_CBC) {
		if (!EVP_MAC_final(m->mctx, out, &outl,
				   op->info.digestLength) ||
		    outl != op->info.digestLength)
			TEE_Panic(TEE_ERROR_GENERIC);
	} else {
		if (m->pkcs5) {
			/* PKCS#5: 1..bs bytes, each the count. */
			pad = (uint8_t)(m->bs - m->buf_len);
			memset(m->buf + m->buf_len, pad, pad);
			cbcmac_blocks(m, m->buf, 1);
		} else if (m->buf_len) {
			/* NOPAD over a partial block: GP says panic. */
			UTEE_PANIC_PARAM();
		}
		memcpy(out, m->last, m->bs);
	}
	utee_op_reset_state(op);
}

TEE_Result TEE_MACComputeFinal(TEE_OperationHandle operation,
			       const void *message, size_t messageLen,
			       void *mac, size_t *macLen)
{
	struct __TEE_OperationHandle *op = mac_active(operation);
	size_t need = op->info.digestLength;

	if ((!message && messageLen) || !macLen)
		UTEE_PANIC_PARAM();
	if (*macLen < need) {
		*macLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (!mac)
		UTEE_PANIC_PARAM();
	mac_finish(op, message, messageLen, mac);
	*macLen = need;
	return TEE_SUCCESS;
}

TEE_Result TEE_MACCompareFinal(TEE_OperationHandle operation,
			       const void *message, size_t messageLen,
			       const void *mac, size_t macLen)
{
	struct __TEE_OperationHandle *op = mac_active(operation);
	uint8_t computed[EVP_MAX_MD_SIZE];
	size_t n = op->info.digestLength;
	int diff;

	if ((!message && messageLen) || (!mac && macLen))
		UTEE_PANIC_PARAM();
	mac_finish(op, message, messageLen, computed);
	diff = macLen != n || utee_ct_memcmp(computed, mac, n);
	OPENSSL_cleanse(computed, sizeof(computed));
	return diff ? TEE_ERROR_MAC_INVALID : TEE_SUCCESS;
}
