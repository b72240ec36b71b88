// SPDX-License-Identifier: BSD-2-Clause
/* Helpers of the symmetric crypto test TA (see ct.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <tee_internal_api.h>

#include "ct.h"

char ct_msg[256];

void ct_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Keep the first failure: it is the cause, later ones follow. */
	if (ct_msg[0])
		return;
	n = snprintf(ct_msg, sizeof(ct_msg), "%s:%d: ", file, line);
	if (n < 0 || (size_t)n >= sizeof(ct_msg))
		return;
	va_start(ap, fmt);
	vsnprintf(ct_msg + n, sizeof(ct_msg) - (size_t)n, fmt, ap);
	va_end(ap);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void ct_hex(struct ct_buf *out, const char *hex)
{
	int hi = -1, v;

	out->n = 0;
	for (; *hex; hex++) {
		v = hexval(*hex);
		if (v < 0)
			continue;
		if (hi < 0) {
			hi = v;
			continue;
		}
		/* A vector too long for the buffer is a bug of the test. */
		if (out->n == sizeof(out->b))
			TEE_Panic(TEE_ERROR_EXCESS_DATA);
		out->b[out->n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
}

TEE_Result ct_same(const char *file, int line, const char *what,
		   const void *got, size_t got_len, const void *want,
		   size_t want_len)
{
	const uint8_t *g = got, *w = want;
	size_t i;

	if (got_len != want_len) {
		ct_fail(file, line, "%s: length %zu, want %zu", what, got_len,
			want_len);
		return TEE_ERROR_GENERIC;
	}
	for (i = 0; i < got_len; i++) {
		if (g[i] != w[i]) {
			ct_fail(file, line, "%s: byte %zu is %02x, want %02x",
				what, i, g[i], w[i]);
			return TEE_ERROR_GENERIC;
		}
	}
	return TEE_SUCCESS;
}

TEE_Result ct_key(uint32_t type, const void *secret, size_t len,
		  TEE_ObjectHandle *key)
{
	TEE_Attribute a;
	TEE_Result res;

	*key = TEE_HANDLE_NULL;
	res = TEE_AllocateTransientObject(type, (uint32_t)len * 8, key);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "allocate key type 0x%08x %zu bits: "
			"0x%08x", type, len * 8, res);
		return res;
	}
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, secret, len);
	res = TEE_PopulateTransientObject(*key, &a, 1);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "populate key: 0x%08x", res);
		TEE_FreeTransientObject(*key);
		*key = TEE_HANDLE_NULL;
	}
	return res;
}

void ct_fill(void *buf, size_t len, uint32_t seed)
{
	uint8_t *p = buf;
	uint32_t x = seed * 2654435761U + 1;
	size_t i;

	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)x;
	}
}

/* Odd, varying piece sizes around chunk so boundaries fall everywhere. */
static size_t piece(size_t chunk, size_t i, size_t left)
{
	size_t n = chunk + (i * 7) % (chunk + 3);

	return n < left ? n : left;
}

TEE_Result ct_cipher(const struct ct_cipher_run *r, const void *in,
		     size_t len, void *out, size_t *out_len)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle k1 = TEE_HANDLE_NULL, k2 = TEE_HANDLE_NULL;
	const uint8_t *src = in;
	uint8_t *dst = out;
	size_t cap = *out_len, done = 0, n, dl, i = 0;
	TEE_Result res;

	res = TEE_AllocateOperation(&op, r->alg, r->mode,
				    (uint32_t)r->key_len * 8);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "allocate 0x%08x: 0x%08x", r->alg,
			res);
		return res;
	}
	res = ct_key(r->type, r->key1, r->key_len, &k1);
	if (res == TEE_SUCCESS && r->key2)
		res = ct_key(r->type, r->key2, r->key_len, &k2);
	if (res != TEE_SUCCESS)
		goto out;
	if (r->key2)
		res = TEE_SetOperationKey2(op, k1, k2);
	else
		res = TEE_SetOperationKey(op, k1);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "set key: 0x%08x", res);
		goto out;
	}
	TEE_CipherInit(op, r->iv, r->iv_len);
	/* Updates in pieces; the last piece goes to DoFinal. */
	while (r->chunk) {
		n = piece(r->chunk, i++, len - (size_t)(src - (const uint8_t *)in));
		if (n == len - (size_t)(src - (const uint8_t *)in))
			break;
		dl = cap - done;
		res = TEE_CipherUpdate(op, src, n, dst + done, &dl);
		if (res != TEE_SUCCESS) {
			ct_fail(__FILE__, __LINE__, "update: 0x%08x", res);
			goto out;
		}
		src += n;
		done += dl;
	}
	n = len - (size_t)(src - (const uint8_t *)in);
	dl = cap - done;
	res = TEE_CipherDoFinal(op, n ? src : NULL, n, dst + done, &dl);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "final: 0x%08x", res);
		goto out;
	}
	*out_len = done + dl;
out:
	TEE_FreeOperation(op);
	TEE_FreeTransientObject(k1);
	TEE_FreeTransientObject(k2);
	return res;
}

TEE_Result ct_digest(uint32_t alg, const void *in, size_t len, size_t chunk,
		     void *out, size_t *out_len)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	const uint8_t *src = in;
	size_t n, i = 0;
	TEE_Result res;

	res = TEE_AllocateOperation(&op, alg, TEE_MODE_DIGEST, 0);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "allocate 0x%08x: 0x%08x", alg, res);
		return res;
	}
	while (chunk) {
		n = piece(chunk, i++, len);
		if (n == len)
			break;
		TEE_DigestUpdate(op, src, n);
		src += n;
		len -= n;
	}
	res = TEE_DigestDoFinal(op, len ? src : NULL, len, out, out_len);
	if (res != TEE_SUCCESS)
		ct_fail(__FILE__, __LINE__, "digest final: 0x%08x", res);
	TEE_FreeOperation(op);
	return res;
}

TEE_Result ct_mac(uint32_t alg, uint32_t max_bits, TEE_ObjectHandle key,
		  const void *iv, size_t iv_len, const void *in, size_t len,
		  size_t chunk, void *out, size_t *out_len)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	const uint8_t *src = in;
	size_t n, i = 0;
	TEE_Result res;

	res = TEE_AllocateOperation(&op, alg, TEE_MODE_MAC, max_bits);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "allocate 0x%08x: 0x%08x", alg, res);
		return res;
	}
	res = TEE_SetOperationKey(op, key);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "set key: 0x%08x", res);
		goto out;
	}
	TEE_MACInit(op, iv, iv_len);
	while (chunk) {
		n = piece(chunk, i++, len);
		if (n == len)
			break;
		TEE_MACUpdate(op, src, n);
		src += n;
		len -= n;
	}
	res = TEE_MACComputeFinal(op, len ? src : NULL, len, out, out_len);
	if (res != TEE_SUCCESS)
		ct_fail(__FILE__, __LINE__, "mac final: 0x%08x", res);
out:
	TEE_FreeOperation(op);
	return res;
}

TEE_Result ct_ae(const struct ct_ae_run *r, const void *in, size_t len,
		 void *out, size_t *out_len, void *tag, TEE_Result *verdict)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle k = TEE_HANDLE_NULL;
	const uint8_t *src = in, *aad = r->aad;
	uint8_t *dst = out;
	size_t cap = *out_len, done = 0, n, dl, tl, i = 0, alen = r->aad_len;
	TEE_Result res;

	res = TEE_AllocateOperation(&op, r->alg, r->mode,
				    (uint32_t)r->key_len * 8);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "allocate: 0x%08x", res);
		return res;
	}
	res = ct_key(TEE_TYPE_AES, r->key, r->key_len, &k);
	if (res == TEE_SUCCESS)
		res = TEE_SetOperationKey(op, k);
	if (res != TEE_SUCCESS)
		goto out;
	res = TEE_AEInit(op, r->nonce, r->nonce_len, (uint32_t)r->tag_bits,
			 r->aad_len, len);
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "AE init: 0x%08x", res);
		goto out;
	}
	do {
		n = r->chunk ? piece(r->chunk, i++, alen) : alen;
		TEE_AEUpdateAAD(op, n ? aad : NULL, n);
		aad += n;
		alen -= n;
	} while (alen);
	while (r->chunk) {
		n = piece(r->chunk, i++, len);
		if (n == len)
			break;
		dl = cap - done;
		res = TEE_AEUpdate(op, src, n, dst + done, &dl);
		if (res != TEE_SUCCESS) {
			ct_fail(__FILE__, __LINE__, "AE update: 0x%08x", res);
			goto out;
		}
		src += n;
		len -= n;
		done += dl;
	}
	dl = cap - done;
	if (r->mode == TEE_MODE_ENCRYPT) {
		tl = r->tag_bits / 8;
		res = TEE_AEEncryptFinal(op, len ? src : NULL, len, dst + done,
					 &dl, tag, &tl);
		*verdict = res;
		if (res == TEE_SUCCESS && tl != r->tag_bits / 8) {
			ct_fail(__FILE__, __LINE__, "tag length %zu", tl);
			res = TEE_ERROR_GENERIC;
		}
	} else {
		res = TEE_AEDecryptFinal(op, len ? src : NULL, len, dst + done,
					 &dl, tag, r->tag_bits / 8);
		*verdict = res;
		/* A bad tag is a verdict for the caller to judge. */
		if (res == TEE_ERROR_MAC_INVALID)
			res = TEE_SUCCESS;
	}
	if (res != TEE_SUCCESS) {
		ct_fail(__FILE__, __LINE__, "AE final: 0x%08x", res);
		goto out;
	}
	*out_len = done + dl;
out:
	TEE_FreeOperation(op);
	TEE_FreeTransientObject(k);
	return res;
}
