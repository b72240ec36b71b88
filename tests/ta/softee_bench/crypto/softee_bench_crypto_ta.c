// SPDX-License-Identifier: BSD-2-Clause
/* The crypto benchmark TA: SHA-256 and AES-256-GCM over the memrefs it is given. */
#include <softee_bench_ta.h>
#include <tee_internal_api.h>

/* Per session: the operations, set up once so an invoke measures the work. */
struct bench_sess {
	TEE_OperationHandle digest;
	TEE_OperationHandle gcm;
	TEE_ObjectHandle key;
};

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

static void bench_sess_free(struct bench_sess *s)
{
	if (s->digest)
		TEE_FreeOperation(s->digest);
	if (s->gcm)
		TEE_FreeOperation(s->gcm);
	if (s->key)
		TEE_FreeTransientObject(s->key);
	TEE_Free(s);
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param params[4], void **sess_ctx)
{
	static const uint8_t key[] = SOFTEE_BENCH_AES_KEY;
	struct bench_sess *s;
	TEE_Attribute attr;
	TEE_Result res;

	(void)param_types;
	(void)params;
	s = TEE_Malloc(sizeof(*s), TEE_MALLOC_FILL_ZERO);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = TEE_AllocateOperation(&s->digest, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
	if (res == TEE_SUCCESS)
		res = TEE_AllocateTransientObject(TEE_TYPE_AES,
						  SOFTEE_BENCH_AES_KEY_BITS, &s->key);
	if (res == TEE_SUCCESS) {
		TEE_InitRefAttribute(&attr, TEE_ATTR_SECRET_VALUE, key, sizeof(key));
		res = TEE_PopulateTransientObject(s->key, &attr, 1);
	}
	if (res == TEE_SUCCESS)
		res = TEE_AllocateOperation(&s->gcm, TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT,
					    SOFTEE_BENCH_AES_KEY_BITS);
	if (res == TEE_SUCCESS)
		res = TEE_SetOperationKey(s->gcm, s->key);
	if (res != TEE_SUCCESS) {
		bench_sess_free(s);
		return res;
	}
	*sess_ctx = s;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	bench_sess_free(sess_ctx);
}

static TEE_Result bench_sha256(struct bench_sess *s, uint32_t pt,
			       TEE_Param p[4])
{
	size_t out_len;
	TEE_Result res;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				  TEE_PARAM_TYPE_MEMREF_OUTPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	out_len = p[1].memref.size;
	res = TEE_DigestDoFinal(s->digest, p[0].memref.buffer, p[0].memref.size,
				p[1].memref.buffer, &out_len);
	p[1].memref.size = out_len;
	return res;
}

static TEE_Result bench_gcm(struct bench_sess *s, uint32_t pt, TEE_Param p[4])
{
	uint8_t nonce[SOFTEE_BENCH_GCM_NONCE_LEN] = { 0 };
	size_t out_len, tag_len;
	TEE_Result res;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				  TEE_PARAM_TYPE_MEMREF_OUTPUT,
				  TEE_PARAM_TYPE_MEMREF_OUTPUT,
				  TEE_PARAM_TYPE_VALUE_INPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	for (int i = 0; i < 4; i++)
		nonce[i] = (uint8_t)(p[3].value.a >> (8 * i));
	res = TEE_AEInit(s->gcm, nonce, sizeof(nonce),
			 SOFTEE_BENCH_GCM_TAG_LEN * 8, 0, 0);
	if (res != TEE_SUCCESS)
		return res;
	out_len = p[1].memref.size;
	tag_len = p[2].memref.size;
	res = TEE_AEEncryptFinal(s->gcm, p[0].memref.buffer, p[0].memref.size,
				 p[1].memref.buffer, &out_len,
				 p[2].memref.buffer, &tag_len);
	p[1].memref.size = out_len;
	p[2].memref.size = tag_len;
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd_id,
				      uint32_t param_types, TEE_Param params[4])
{
	switch (cmd_id) {
	case SOFTEE_BENCH_CMD_SHA256:
		return bench_sha256(sess_ctx, param_types, params);
	case SOFTEE_BENCH_CMD_AES_GCM:
		return bench_gcm(sess_ctx, param_types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
