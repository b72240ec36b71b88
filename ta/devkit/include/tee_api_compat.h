/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GP 1.1 source compatibility. When __OPTEE_CORE_API_COMPAT_1_1 is set
 * (dev kit: CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y), the plain names of the
 * types and functions whose GP 1.1 form differs are mapped to the __GP11_
 * declarations, so a TA written for GP 1.1 compiles unchanged. The list
 * of __GP11_ functions is in tee_api.h.
 *
 * The macros must only take effect once every prototype has been
 * declared (a later prototype written with plain names would otherwise
 * be turned into a wrong __GP11_ declaration). So this header pulls in
 * the declaring headers first, and they include it last.
 */
#ifndef TEE_API_COMPAT_H
#define TEE_API_COMPAT_H

#include <tee_api_defines.h>
#include <tee_api.h>
#include <tee_ta_api.h>

#if __OPTEE_CORE_API_COMPAT_1_1
/* Types */
#define TEE_Attribute	__GP11_TEE_Attribute
#define TEE_ObjectInfo	__GP11_TEE_ObjectInfo
#define TEE_Param	__GP11_TEE_Param

/* Entry points the TA implements */
#define TA_OpenSessionEntryPoint	__GP11_TA_OpenSessionEntryPoint
#define TA_InvokeCommandEntryPoint	__GP11_TA_InvokeCommandEntryPoint

/* Properties */
#define TEE_GetPropertyAsString		__GP11_TEE_GetPropertyAsString
#define TEE_GetPropertyAsBinaryBlock	__GP11_TEE_GetPropertyAsBinaryBlock
#define TEE_GetPropertyName		__GP11_TEE_GetPropertyName

/* TA-to-TA */
#define TEE_OpenTASession		__GP11_TEE_OpenTASession
#define TEE_InvokeTACommand		__GP11_TEE_InvokeTACommand

/* Memory */
#define TEE_CheckMemoryAccessRights	__GP11_TEE_CheckMemoryAccessRights
#define TEE_Malloc			__GP11_TEE_Malloc
#define TEE_Realloc			__GP11_TEE_Realloc
#define TEE_MemMove			__GP11_TEE_MemMove
#define TEE_MemCompare			__GP11_TEE_MemCompare
#define TEE_MemFill			__GP11_TEE_MemFill

/* Objects */
#define TEE_GetObjectInfo		__GP11_TEE_GetObjectInfo
#define TEE_GetObjectInfo1		__GP11_TEE_GetObjectInfo1
#define TEE_GetObjectBufferAttribute	__GP11_TEE_GetObjectBufferAttribute
#define TEE_InitRefAttribute		__GP11_TEE_InitRefAttribute
#define TEE_InitValueAttribute		__GP11_TEE_InitValueAttribute
#define TEE_PopulateTransientObject	__GP11_TEE_PopulateTransientObject
#define TEE_GenerateKey			__GP11_TEE_GenerateKey

/* Storage */
#define TEE_OpenPersistentObject	__GP11_TEE_OpenPersistentObject
#define TEE_CreatePersistentObject	__GP11_TEE_CreatePersistentObject
#define TEE_RenamePersistentObject	__GP11_TEE_RenamePersistentObject
#define TEE_GetNextPersistentObject	__GP11_TEE_GetNextPersistentObject
#define TEE_ReadObjectData		__GP11_TEE_ReadObjectData
#define TEE_WriteObjectData		__GP11_TEE_WriteObjectData
#define TEE_TruncateObjectData		__GP11_TEE_TruncateObjectData
#define TEE_SeekObjectData		__GP11_TEE_SeekObjectData

/* Operations */
#define TEE_GetOperationInfoMultiple	__GP11_TEE_GetOperationInfoMultiple
#define TEE_DigestUpdate		__GP11_TEE_DigestUpdate
#define TEE_DigestDoFinal		__GP11_TEE_DigestDoFinal
#define TEE_CipherInit			__GP11_TEE_CipherInit
#define TEE_CipherUpdate		__GP11_TEE_CipherUpdate
#define TEE_CipherDoFinal		__GP11_TEE_CipherDoFinal
#define TEE_MACInit			__GP11_TEE_MACInit
#define TEE_MACUpdate			__GP11_TEE_MACUpdate
#define TEE_MACComputeFinal		__GP11_TEE_MACComputeFinal
#define TEE_MACCompareFinal		__GP11_TEE_MACCompareFinal
#define TEE_AEInit			__GP11_TEE_AEInit
#define TEE_AEUpdateAAD			__GP11_TEE_AEUpdateAAD
#define TEE_AEUpdate			__GP11_TEE_AEUpdate
#define TEE_AEEncryptFinal		__GP11_TEE_AEEncryptFinal
#define TEE_AEDecryptFinal		__GP11_TEE_AEDecryptFinal
#define TEE_AsymmetricEncrypt		__GP11_TEE_AsymmetricEncrypt
#define TEE_AsymmetricDecrypt		__GP11_TEE_AsymmetricDecrypt
#define TEE_AsymmetricSignDigest	__GP11_TEE_AsymmetricSignDigest
#define TEE_AsymmetricVerifyDigest	__GP11_TEE_AsymmetricVerifyDigest
#define TEE_DeriveKey			__GP11_TEE_DeriveKey
#define TEE_GenerateRandom		__GP11_TEE_GenerateRandom

/* Big integers */
#define TEE_BigIntFMMSizeInU32		__GP11_TEE_BigIntFMMSizeInU32
#define TEE_BigIntFMMContextSizeInU32	__GP11_TEE_BigIntFMMContextSizeInU32
#define TEE_BigIntInit			__GP11_TEE_BigIntInit
#define TEE_BigIntInitFMMContext	__GP11_TEE_BigIntInitFMMContext
#define TEE_BigIntInitFMM		__GP11_TEE_BigIntInitFMM
#define TEE_BigIntConvertFromOctetString __GP11_TEE_BigIntConvertFromOctetString
#define TEE_BigIntConvertToOctetString	__GP11_TEE_BigIntConvertToOctetString
#endif /* __OPTEE_CORE_API_COMPAT_1_1 */

#endif /* TEE_API_COMPAT_H */
