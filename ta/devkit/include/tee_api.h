/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GP TEE Internal Core API v1.3.1 functions provided by the softee-ta
 * runtime. This header declares the system functions (properties, panic,
 * TA-to-TA, cancellation, memory, time, random) and includes the other
 * areas: tee_api_storage.h (objects, storage, data streams),
 * tee_api_crypto.h (operations) and tee_arith_internal.h (big integers).
 *
 * GP 1.1 compatibility. Every function whose GP 1.1 prototype differs
 * from the 1.3.1 one (uint32_t instead of size_t sizes, uint32_t *
 * instead of size_t * output lengths, int32_t seek offset, the 1.1
 * layouts of TEE_Param, TEE_Attribute and TEE_ObjectInfo) also has a
 * __GP11_ prototype, declared right beside the 1.3.1 one. The runtime
 * implements each __GP11_ function next to its 1.3.1 function (those of
 * properties, memory and random in tee_api_gp11_base.c). A TA
 * built with __OPTEE_CORE_API_COMPAT_1_1=1 (dev kit:
 * CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y) calls them under the plain names
 * (tee_api_compat.h). The complete list:
 *
 *   Properties:  __GP11_TEE_GetPropertyAsString
 *                __GP11_TEE_GetPropertyAsBinaryBlock
 *                __GP11_TEE_GetPropertyName
 *   TA-to-TA:    __GP11_TEE_OpenTASession
 *                __GP11_TEE_InvokeTACommand
 *   Memory:      __GP11_TEE_CheckMemoryAccessRights
 *                __GP11_TEE_Malloc  __GP11_TEE_Realloc
 *                __GP11_TEE_MemMove  __GP11_TEE_MemCompare
 *                __GP11_TEE_MemFill
 *   Objects:     __GP11_TEE_GetObjectInfo  __GP11_TEE_GetObjectInfo1
 *                __GP11_TEE_GetObjectBufferAttribute
 *                __GP11_TEE_InitRefAttribute  __GP11_TEE_InitValueAttribute
 *                __GP11_TEE_PopulateTransientObject
 *                __GP11_TEE_GenerateKey
 *   Storage:     __GP11_TEE_OpenPersistentObject
 *                __GP11_TEE_CreatePersistentObject
 *                __GP11_TEE_RenamePersistentObject
 *                __GP11_TEE_GetNextPersistentObject
 *                __GP11_TEE_ReadObjectData  __GP11_TEE_WriteObjectData
 *                __GP11_TEE_TruncateObjectData  __GP11_TEE_SeekObjectData
 *   Operations:  __GP11_TEE_GetOperationInfoMultiple
 *                __GP11_TEE_DigestUpdate  __GP11_TEE_DigestDoFinal
 *                __GP11_TEE_CipherInit  __GP11_TEE_CipherUpdate
 *                __GP11_TEE_CipherDoFinal
 *                __GP11_TEE_MACInit  __GP11_TEE_MACUpdate
 *                __GP11_TEE_MACComputeFinal  __GP11_TEE_MACCompareFinal
 *                __GP11_TEE_AEInit  __GP11_TEE_AEUpdateAAD
 *                __GP11_TEE_AEUpdate  __GP11_TEE_AEEncryptFinal
 *                __GP11_TEE_AEDecryptFinal
 *                __GP11_TEE_AsymmetricEncrypt  __GP11_TEE_AsymmetricDecrypt
 *                __GP11_TEE_AsymmetricSignDigest
 *                __GP11_TEE_AsymmetricVerifyDigest
 *                __GP11_TEE_DeriveKey
 *                __GP11_TEE_GenerateRandom
 *   Big ints:    __GP11_TEE_BigIntFMMSizeInU32
 *                __GP11_TEE_BigIntFMMContextSizeInU32
 *                __GP11_TEE_BigIntInit  __GP11_TEE_BigIntInitFMMContext
 *                __GP11_TEE_BigIntInitFMM
 *                __GP11_TEE_BigIntConvertFromOctetString
 *                __GP11_TEE_BigIntConvertToOctetString
 *   Entry points (implemented by a 1.1 TA, tee_ta_api.h):
 *                __GP11_TA_OpenSessionEntryPoint
 *                __GP11_TA_InvokeCommandEntryPoint
 *
 * A __GP11_ function converts its arguments and calls the 1.3.1 one. An
 * output length that does not fit the 1.1 uint32_t must never be
 * truncated silently: such a call fails with TEE_ERROR_BAD_PARAMETERS.
 */
#ifndef TEE_API_H
#define TEE_API_H

#include <compiler.h>
#include <stddef.h>
#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <trace.h>

/* Properties */
TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator,
				   const char *name, char *valueBuffer,
				   size_t *valueBufferLen);
TEE_Result __GP11_TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator,
					  const char *name, char *valueBuffer,
					  uint32_t *valueBufferLen);
TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle propsetOrEnumerator,
				 const char *name, bool *value);
TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint32_t *value);
TEE_Result TEE_GetPropertyAsU64(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint64_t *value);
TEE_Result TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle propsetOrEnumerator,
					const char *name, void *valueBuffer,
					size_t *valueBufferLen);
TEE_Result
__GP11_TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle propsetOrEnumerator,
				    const char *name, void *valueBuffer,
				    uint32_t *valueBufferLen);
TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle propsetOrEnumerator,
				 const char *name, TEE_UUID *value);
TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle propsetOrEnumerator,
				     const char *name, TEE_Identity *value);
TEE_Result TEE_AllocatePropertyEnumerator(TEE_PropSetHandle *enumerator);
void TEE_FreePropertyEnumerator(TEE_PropSetHandle enumerator);
void TEE_StartPropertyEnumerator(TEE_PropSetHandle enumerator,
				 TEE_PropSetHandle propSet);
void TEE_ResetPropertyEnumerator(TEE_PropSetHandle enumerator);
TEE_Result TEE_GetPropertyName(TEE_PropSetHandle enumerator,
			       void *nameBuffer, size_t *nameBufferLen);
TEE_Result __GP11_TEE_GetPropertyName(TEE_PropSetHandle enumerator,
				      void *nameBuffer,
				      uint32_t *nameBufferLen);
TEE_Result TEE_GetNextProperty(TEE_PropSetHandle enumerator);

/* Panics */
void TEE_Panic(TEE_Result panicCode) __noreturn;

/* TA-to-TA sessions */
TEE_Result TEE_OpenTASession(const TEE_UUID *destination,
			     uint32_t cancellationRequestTimeout,
			     uint32_t paramTypes,
			     TEE_Param params[TEE_NUM_PARAMS],
			     TEE_TASessionHandle *session,
			     uint32_t *returnOrigin);
TEE_Result __GP11_TEE_OpenTASession(const TEE_UUID *destination,
				    uint32_t cancellationRequestTimeout,
				    uint32_t paramTypes,
				    __GP11_TEE_Param params[TEE_NUM_PARAMS],
				    TEE_TASessionHandle *session,
				    uint32_t *returnOrigin);
void TEE_CloseTASession(TEE_TASessionHandle session);
TEE_Result TEE_InvokeTACommand(TEE_TASessionHandle session,
			       uint32_t cancellationRequestTimeout,
			       uint32_t commandID, uint32_t paramTypes,
			       TEE_Param params[TEE_NUM_PARAMS],
			       uint32_t *returnOrigin);
TEE_Result __GP11_TEE_InvokeTACommand(TEE_TASessionHandle session,
				      uint32_t cancellationRequestTimeout,
				      uint32_t commandID, uint32_t paramTypes,
				      __GP11_TEE_Param params[TEE_NUM_PARAMS],
				      uint32_t *returnOrigin);

/* Cancellation */
bool TEE_GetCancellationFlag(void);
bool TEE_UnmaskCancellation(void);
bool TEE_MaskCancellation(void);

/* Memory */
TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer,
				       size_t size);
TEE_Result __GP11_TEE_CheckMemoryAccessRights(uint32_t accessFlags,
					      void *buffer, uint32_t size);
void TEE_SetInstanceData(const void *instanceData);
const void *TEE_GetInstanceData(void);
void *TEE_Malloc(size_t size, uint32_t hint);
void *__GP11_TEE_Malloc(uint32_t size, uint32_t hint);
void *TEE_Realloc(void *buffer, size_t newSize);
void *__GP11_TEE_Realloc(void *buffer, uint32_t newSize);
void TEE_Free(void *buffer);
void *TEE_MemMove(void *dest, const void *src, size_t size);
void *__GP11_TEE_MemMove(void *dest, const void *src, uint32_t size);
/* Constant time in the contents: safe for comparing MACs and secrets. */
int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size);
int32_t __GP11_TEE_MemCompare(const void *buffer1, const void *buffer2,
			      uint32_t size);
void TEE_MemFill(void *buff, uint32_t x, size_t size);
void __GP11_TEE_MemFill(void *buff, uint32_t x, uint32_t size);

/* Time */
void TEE_GetSystemTime(TEE_Time *time);
TEE_Result TEE_Wait(uint32_t timeout);
TEE_Result TEE_GetTAPersistentTime(TEE_Time *time);
TEE_Result TEE_SetTAPersistentTime(const TEE_Time *time);
void TEE_GetREETime(TEE_Time *time);

/* Objects, storage, operations, big integers */
#include <tee_api_storage.h>
#include <tee_api_crypto.h>
#include <tee_arith_internal.h>

/* Last: maps the plain names to __GP11_ ones for a 1.1 TA. */
#include <tee_api_compat.h>

#endif /* TEE_API_H */
