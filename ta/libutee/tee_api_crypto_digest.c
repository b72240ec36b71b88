// SPDX-License-Identifier: BSD-2-Clause
/*
 * Message digests (GP 1.3.1, 6.3): TEE_DigestUpdate, TEE_DigestDoFinal
 * and TEE_DigestExtract over EVP_MD. OpenSSL 3.0 can finalise an XOF
 * only once, so extraction in pieces keeps the absorbed state and
 * squeezes a longer output from a copy of it when more is asked for.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_int.h"

struct digest_impl {
	EVP_MD_CTX *ctx;
	const EVP_MD *md;
	bool xof;
	EVP_MD_CTX *absorbed;	/* XOF being extracted: state before output */
	uint8_t *out;		/* output produced so far while extracting */
	size_t out_len, out_pos;	/* produced, handed out */
};

static void digest_drop_output(struct digest_impl *d)
{
	if (d->out) {
		OPENSSL_cleanse(d->out, d->out_len);
		free(d->out);
	}
	d->out = NULL;
	d->out_len = d->out_pos = 0;
	EVP_MD_CTX_free(d->absorbed);
	d->absorbed = NULL;
}

static void digest_free(struct __TEE_OperationHandle *op)
{
	struct digest_impl *d = op->impl;

	digest_drop_output(d);
	EVP_MD_CTX_free(d->ctx);
	free(d);
}

static void digest_reset(struct __TEE_OperationHandle *op)
{
	struct digest_impl *d = op->impl;

	digest_drop_output(d);
	if (!EVP_DigestInit_ex(d->ctx, d->md, NULL))
		TEE_Panic(TEE_ERROR_GENERIC);
}

static struct digest_impl *digest_new(const EVP_MD *md, bool xof)
{
	struct digest_impl *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->md = md;
	d->xof = xof;
	d->ctx = EVP_MD_CTX_new();
	if (!d->ctx) {
		free(d);
		return NULL;
	}
	return d;
}

static TEE_Result digest_copy(struct __TEE_OperationHandle *dst,
			      const struct __TEE_OperationHandle *src)
{
	const struct digest_impl *s = src->impl;
	struct digest_impl *d = digest_new(s->md, s->xof);

	if (!d)
		return TEE_ERROR_OUT_OF_MEMORY;
	dst->impl = d;
	if (!EVP_MD_CTX_copy_ex(d->ctx, s->ctx))
		return TEE_ERROR_OUT_OF_MEMORY;
	if (s->absorbed) {
		d->absorbed = EVP_MD_CTX_new();
		if (!d->absorbed || !EVP_MD_CTX_copy_ex(d->absorbed, s->absorbed))
			return TEE_ERROR_OUT_OF_MEMORY;
	}
	if (s->out) {
		d->out = malloc(s->out_len ? s->out_len : 1);
		if (!d->out)
			return TEE_ERROR_OUT_OF_MEMORY;
		memcpy(d->out, s->out, s->out_len);
		d->out_len = s->out_len;
		d->out_pos = s->out_pos;
	}
	return TEE_SUCCESS;
}

TEE_Result utee_digest_alloc(struct __TEE_OperationHandle *op)
{
	const struct utee_alg *alg = utee_alg_find(op->info.algorithm);
	const EVP_MD *md = alg ? utee_crypto_md(alg->name) : NULL;
	struct digest_impl *d;

	if (!md)
		return TEE_ERROR_NOT_SUPPORTED;
	d = digest_new(md, alg->flags & UTEE_ALG_XOF);
	if (!d)
		return TEE_ERROR_OUT_OF_MEMORY;
	op->impl = d;
	op->impl_free = digest_free;
	op->impl_reset = digest_reset;
	op->impl_copy = digest_copy;
	if (!EVP_DigestInit_ex(d->ctx, md, NULL))
		return TEE_ERROR_GENERIC;	/* caller frees op and impl */
	return TEE_SUCCESS;
}

void TEE_DigestUpdate(TEE_OperationHandle operation, const void *chunk,
		      size_t chunkSize)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(operation, TEE_OPERATION_DIGEST);
	struct digest_impl *d = op->impl;

	if (!chunk && chunkSize)
		UTEE_PANIC_PARAM();
	if (op->state == TEE_OPERATION_STATE_EXTRACTING)
		UTEE_PANIC_STATE();
	if (chunkSize && !EVP_DigestUpdate(d->ctx, chunk, chunkSize))
		TEE_Panic(TEE_ERROR_GENERIC);
	op->state = TEE_OPERATION_STATE_ACTIVE;
}

/* XOF: make at least want bytes of output available in d->out. */
static void xof_produce(struct digest_impl *d, size_t want)
{
	EVP_MD_CTX *tmp;
	size_t len = d->out_len * 2;
	uint8_t *out;

	if (want <= d->out_len)
		return;
	/* Grow geometrically so extraction in small pieces stays linear. */
	if (len < want)
		len = want;
	if (len < 64)
		len = 64;
	tmp = EVP_MD_CTX_new();
	out = malloc(len);
	if (!tmp || !out || !EVP_MD_CTX_copy_ex(tmp, d->absorbed) ||
	    !EVP_DigestFinalXOF(tmp, out, len))
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	EVP_MD_CTX_free(tmp);
	if (d->out) {
		OPENSSL_cleanse(d->out, d->out_len);
		free(d->out);
	}
	d->out = out;
	d->out_len = len;
}

/* Enter the extracting state: the digest or the XOF state is kept. */
static void digest_start_extract(struct __TEE_OperationHandle *op)
{
	struct digest_impl *d = op->impl;
	unsigned int len = 0;

	if (d->xof) {
		d->absorbed = EVP_MD_CTX_new();
		if (!d->absorbed || !EVP_MD_CTX_copy_ex(d->absorbed, d->ctx))
			TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	} else {
		d->out = malloc(EVP_MAX_MD_SIZE);
		if (!d->out || !EVP_DigestFinal_ex(d->ctx, d->out, &len))
			TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
		d->out_len = len;
	}
	d->out_pos = 0;
	op->state = TEE_OPERATION_STATE_EXTRACTING;
	op->info.handleState |= TEE_HANDLE_FLAG_EXTRACTING;
}

/* Hand out up to n bytes of extracted output; returns how many. */
static size_t digest_take(struct digest_impl *d, void *out, size_t n)
{
	size_t end;

	if (d->xof) {
		if (__builtin_add_overflow(d->out_pos, n, &end))
			UTEE_PANIC_PARAM();
		xof_produce(d, end);
	} else if (n > d->out_len - d->out_pos) {
		n = d->out_len - d->out_pos;
	}
	if (n)
		memcpy(out, d->out + d->out_pos, n);
	d->out_pos += n;
	return n;
}

TEE_Result TEE_DigestDoFinal(TEE_OperationHandle operation, const void *chunk,
			     size_t chunkLen, void *hash, size_t *hashLen)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(operation, TEE_OPERATION_DIGEST);
	struct digest_impl *d = op->impl;
	unsigned int len = 0;
	size_t need;

	if ((!chunk && chunkLen) || !hashLen || (!hash && *hashLen))
		UTEE_PANIC_PARAM();
	if (op->state == TEE_OPERATION_STATE_EXTRACTING) {
		/* Finishing an extraction: the rest of the output. */
		if (chunkLen)
			UTEE_PANIC_STATE();
		need = d->xof ? *hashLen : d->out_len - d->out_pos;
		if (*hashLen < need) {
			*hashLen = need;
			return TEE_ERROR_SHORT_BUFFER;
		}
		*hashLen = digest_take(d, hash, need);
		utee_op_reset_state(op);
		return TEE_SUCCESS;
	}
	/* An XOF gives as many bytes as asked; a hash its fixed size. */
	need = d->xof ? *hashLen : (size_t)EVP_MD_get_size(d->md);
	if (*hashLen < need) {
		*hashLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (chunkLen && !EVP_DigestUpdate(d->ctx, chunk, chunkLen))
		TEE_Panic(TEE_ERROR_GENERIC);
	if (d->xof) {
		if (need && !EVP_DigestFinalXOF(d->ctx, hash, need))
			TEE_Panic(TEE_ERROR_GENERIC);
	} else {
		if (!EVP_DigestFinal_ex(d->ctx, hash, &len))
			TEE_Panic(TEE_ERROR_GENERIC);
		need = len;
	}
	*hashLen = need;
	utee_op_reset_state(op);
	return TEE_SUCCESS;
}

TEE_Result TEE_DigestExtract(TEE_OperationHandle operation, void *hash,
			     size_t *hashLen)
{
	struct __TEE_OperationHandle *op =
		utee_op_check_class(operation, TEE_OPERATION_DIGEST);

	if (!hashLen || (!hash && *hashLen))
		UTEE_PANIC_PARAM();
	if (op->state != TEE_OPERATION_STATE_EXTRACTING)
		digest_start_extract(op);
	*hashLen = digest_take(op->impl, hash, *hashLen);
	return TEE_SUCCESS;
}
