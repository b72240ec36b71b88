// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure storage sample TA: keeps secrets given by its client as GP
 * persistent objects (encrypted and authenticated by the TEE, private to
 * this TA) and gives them back.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <secure_storage_ta.h>

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param __maybe_unused params[4],
				    void __maybe_unused **sess_ctx)
{
	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void __maybe_unused *sess_ctx)
{
}

/*
 * The object id comes from shared memory, which the client can change
 * at any time: GP wants ids from TA memory, so copy it first.
 */
static TEE_Result copy_id(const TEE_Param *p, char *id, size_t *len)
{
	if (p->memref.size > TEE_OBJECT_ID_MAX_LEN)
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_MemMove(id, p->memref.buffer, p->memref.size);
	*len = p->memref.size;
	return TEE_SUCCESS;
}

static TEE_Result store_secret(uint32_t pt, TEE_Param params[4])
{
	const uint32_t flags = TEE_DATA_FLAG_ACCESS_READ |
			       TEE_DATA_FLAG_ACCESS_WRITE |
			       TEE_DATA_FLAG_ACCESS_WRITE_META |
			       TEE_DATA_FLAG_OVERWRITE;
	char id[TEE_OBJECT_ID_MAX_LEN];
	TEE_ObjectHandle obj;
	size_t id_len;
	void *data;
	TEE_Result res;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				  TEE_PARAM_TYPE_MEMREF_INPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = copy_id(&params[0], id, &id_len);
	if (res != TEE_SUCCESS)
		return res;
	data = TEE_Malloc(params[1].memref.size, 0);
	if (!data)
		return TEE_ERROR_OUT_OF_MEMORY;
	TEE_MemMove(data, params[1].memref.buffer, params[1].memref.size);

	/* A data object: no attributes, the secret is its data stream. */
	res = TEE_CreatePersistentObject(TEE_STORAGE_PRIVATE, id, id_len,
					 flags, TEE_HANDLE_NULL, data,
					 params[1].memref.size, &obj);
	TEE_Free(data);
	if (res != TEE_SUCCESS) {
		EMSG("TEE_CreatePersistentObject failed 0x%08x", res);
		return res;
	}
	TEE_CloseObject(obj);
	return TEE_SUCCESS;
}

static TEE_Result load_secret(uint32_t pt, TEE_Param params[4])
{
	char id[TEE_OBJECT_ID_MAX_LEN];
	TEE_ObjectHandle obj;
	TEE_ObjectInfo info;
	size_t id_len, count = 0;
	void *data;
	TEE_Result res;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				  TEE_PARAM_TYPE_MEMREF_OUTPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = copy_id(&params[0], id, &id_len);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, id, id_len,
				       TEE_DATA_FLAG_ACCESS_READ |
				       TEE_DATA_FLAG_SHARE_READ, &obj);
	if (res != TEE_SUCCESS) {
		IMSG("no secret under that id: 0x%08x", res);
		return res;
	}
	res = TEE_GetObjectInfo1(obj, &info);
	if (res != TEE_SUCCESS)
		return res;	/* corrupt: the handle is closed already */
	if (info.dataSize > params[1].memref.size) {
		params[1].memref.size = info.dataSize;
		TEE_CloseObject(obj);
		return TEE_ERROR_SHORT_BUFFER;
	}
	data = TEE_Malloc(info.dataSize ? info.dataSize : 1, 0);
	if (!data) {
		TEE_CloseObject(obj);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	res = TEE_ReadObjectData(obj, data, info.dataSize, &count);
	if (res == TEE_SUCCESS) {
		TEE_MemMove(params[1].memref.buffer, data, count);
		params[1].memref.size = count;
		TEE_CloseObject(obj);
	}
	TEE_Free(data);
	return res;
}

static TEE_Result delete_secret(uint32_t pt, TEE_Param params[4])
{
	char id[TEE_OBJECT_ID_MAX_LEN];
	TEE_ObjectHandle obj;
	size_t id_len;
	TEE_Result res;

	if (pt != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				  TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = copy_id(&params[0], id, &id_len);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, id, id_len,
				       TEE_DATA_FLAG_ACCESS_WRITE_META, &obj);
	if (res != TEE_SUCCESS)
		return res;
	return TEE_CloseAndDeletePersistentObject1(obj);
}

TEE_Result TA_InvokeCommandEntryPoint(void __maybe_unused *sess_ctx,
				      uint32_t cmd_id, uint32_t param_types,
				      TEE_Param params[4])
{
	switch (cmd_id) {
	case TA_SECURE_STORAGE_CMD_STORE:
		return store_secret(param_types, params);
	case TA_SECURE_STORAGE_CMD_LOAD:
		return load_secret(param_types, params);
	case TA_SECURE_STORAGE_CMD_DELETE:
		return delete_secret(param_types, params);
	default:
		EMSG("unknown command %u", cmd_id);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
