// SPDX-License-Identifier: BSD-2-Clause
/*
 * The secure_hash_aes TA: SHA-256 of client memory, and AES-256-GCM
 * sealing and opening under a key generated in the TA for each session.
 */
#include <secure_hash_aes_ta.h>
#include <tee_internal_api.h>
#include <trace.h>

#define KEY_BITS 256

struct session {
	TEE_ObjectHandle key;
};

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[4], void **sess_ctx)
{
	struct session *s;
	TEE_Result res;

	(void)params;
	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	s = TEE_Malloc(sizeof(*s), TEE_MALLOC_FILL_ZERO);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	/* The session key exists only inside the TA. */
	res = TEE_AllocateTransientObject(TEE_TYPE_AES, KEY_BITS, &s->key);
	if (res == TEE_SUCCESS)
		res = TEE_GenerateKey(s->key, KEY_BITS, NULL, 0);
	if (res != TEE_SUCCESS) {
		TEE_FreeTransientObject(s->key);
		TEE_Free(s);
		return res;
	}
	TEE_RestrictObjectUsage1(s->key, TEE_USAGE_ENCRYPT | TEE_USAGE_DECRYPT);
	*sess_ctx = s;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	struct session *s = sess_ctx;

	TEE_FreeTransientObject(s->key);
	TEE_Free(s);
}

static TEE_Result cmd_sha256(uint32_t pt, TEE_Param p[4])
{
	TEE_OperationHandle op;
	TEE_Result res;
	size_t len;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				  TEE_PARAM_TYPE_MEMREF_OUTPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
	if (res != TEE_SUCCESS)
		return res;
	len = p[1].memref.size;
	res = TEE_DigestDoFinal(op, p[0].memref.buffer, p[0].memref.size,
				p[1].memref.buffer, &len);
	/* On SHORT_BUFFER len is what the client must provide. */
	p[1].memref.size = len;
	TEE_FreeOperation(op);
	return res;
}

/* Associated data from p[2], if the client sent any. */
static TEE_Result aad_of(uint32_t pt, TEE_Param p[4], void **aad,
			 size_t *len)
{
	uint32_t t = TEE_PARAM_TYPE_GET(pt, 2);

	*aad = NULL;
	*len = 0;
	if (t == TEE_PARAM_TYPE_MEMREF_INPUT) {
		*aad = p[2].memref.buffer;
		*len = p[2].memref.size;
	} else if (t != TEE_PARAM_TYPE_NONE) {
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_MEMREF_INPUT ||
	    TEE_PARAM_TYPE_GET(pt, 1) != TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	    TEE_PARAM_TYPE_GET(pt, 3) != TEE_PARAM_TYPE_NONE)
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

static TEE_Result gcm_op(struct session *s, uint32_t mode,
			 TEE_OperationHandle *op)
{
	TEE_Result res;

	res = TEE_AllocateOperation(op, TEE_ALG_AES_GCM, mode, KEY_BITS);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_SetOperationKey(*op, s->key);
	if (res != TEE_SUCCESS)
		TEE_FreeOperation(*op);
	return res;
}

static TEE_Result cmd_seal(struct session *s, uint32_t pt, TEE_Param p[4])
{
	const size_t extra = TA_SECURE_HASH_AES_NONCE_LEN +
			     TA_SECURE_HASH_AES_TAG_LEN;
	TEE_OperationHandle op;
	uint8_t *out;
	size_t n, tag_len = TA_SECURE_HASH_AES_TAG_LEN, aad_len, need;
	void *aad;
	TEE_Result res = aad_of(pt, p, &aad, &aad_len);

	if (res != TEE_SUCCESS)
		return res;
	n = p[0].memref.size;
	if (n > SIZE_MAX - extra)
		return TEE_ERROR_BAD_PARAMETERS;
	need = n + extra;
	if (p[1].memref.size < need) {
		p[1].memref.size = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	out = p[1].memref.buffer;
	/* A fresh random nonce for every message under the session key. */
	TEE_GenerateRandom(out, TA_SECURE_HASH_AES_NONCE_LEN);
	res = gcm_op(s, TEE_MODE_ENCRYPT, &op);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_AEInit(op, out, TA_SECURE_HASH_AES_NONCE_LEN,
			 TA_SECURE_HASH_AES_TAG_LEN * 8, aad_len, n);
	if (res == TEE_SUCCESS) {
		TEE_AEUpdateAAD(op, aad, aad_len);
		res = TEE_AEEncryptFinal(op, p[0].memref.buffer, n,
					 out + TA_SECURE_HASH_AES_NONCE_LEN, &n,
					 out + TA_SECURE_HASH_AES_NONCE_LEN + n,
					 &tag_len);
	}
	TEE_FreeOperation(op);
	if (res == TEE_SUCCESS)
		p[1].memref.size = need;
	return res;
}

static TEE_Result cmd_open(struct session *s, uint32_t pt, TEE_Param p[4])
{
	const size_t extra = TA_SECURE_HASH_AES_NONCE_LEN +
			     TA_SECURE_HASH_AES_TAG_LEN;
	const uint8_t *in = p[0].memref.buffer;
	TEE_OperationHandle op;
	size_t n, aad_len;
	void *aad;
	TEE_Result res = aad_of(pt, p, &aad, &aad_len);

	if (res != TEE_SUCCESS)
		return res;
	if (p[0].memref.size < extra)
		return TEE_ERROR_BAD_PARAMETERS;
	n = p[0].memref.size - extra;
	if (p[1].memref.size < n) {
		p[1].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	res = gcm_op(s, TEE_MODE_DECRYPT, &op);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_AEInit(op, in, TA_SECURE_HASH_AES_NONCE_LEN,
			 TA_SECURE_HASH_AES_TAG_LEN * 8, aad_len, n);
	if (res == TEE_SUCCESS) {
		TEE_AEUpdateAAD(op, aad, aad_len);
		res = TEE_AEDecryptFinal(op, in + TA_SECURE_HASH_AES_NONCE_LEN, n,
					 p[1].memref.buffer, &n,
					 (void *)(in + TA_SECURE_HASH_AES_NONCE_LEN +
						  n),
					 TA_SECURE_HASH_AES_TAG_LEN);
	}
	TEE_FreeOperation(op);
	p[1].memref.size = res == TEE_SUCCESS ? n : 0;
	if (res == TEE_ERROR_MAC_INVALID)
		EMSG("sealed message does not authenticate");
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd,
				      uint32_t param_types, TEE_Param params[4])
{
	switch (cmd) {
	case TA_SECURE_HASH_AES_CMD_SHA256:
		return cmd_sha256(param_types, params);
	case TA_SECURE_HASH_AES_CMD_SEAL:
		return cmd_seal(sess_ctx, param_types, params);
	case TA_SECURE_HASH_AES_CMD_OPEN:
		return cmd_open(sess_ctx, param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
