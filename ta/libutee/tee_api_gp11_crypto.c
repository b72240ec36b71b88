// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP 1.1 forms (__GP11_*) of the object and symmetric crypto functions,
 * for TAs built with CFG_TA_OPTEE_CORE_API_COMPAT_1_1: uint32_t lengths,
 * __GP11_TEE_Attribute and __GP11_TEE_ObjectInfo. Each converts and
 * calls the 1.3.1 function.
 */
#include <stdint.h>
#include <stdlib.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_int.h"

/* A size the 1.3.1 function wrote back, for a uint32_t length. */
static uint32_t len32(size_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static void info_to_gp11(__GP11_TEE_ObjectInfo *o, const TEE_ObjectInfo *i)
{
	o->objectType = i->objectType;
	o->keySize = i->objectSize;
	o->maxKeySize = i->maxObjectSize;
	o->objectUsage = i->objectUsage;
	o->dataSize = len32(i->dataSize);
	o->dataPosition = len32(i->dataPosition);
	o->handleFlags = i->handleFlags;
}

void __GP11_TEE_GetObjectInfo(TEE_ObjectHandle object,
			      __GP11_TEE_ObjectInfo *objectInfo)
{
	TEE_ObjectInfo i;

	if (!objectInfo)
		UTEE_PANIC_PARAM();
	TEE_GetObjectInfo(object, &i);
	info_to_gp11(objectInfo, &i);
}

TEE_Result __GP11_TEE_GetObjectInfo1(TEE_ObjectHandle object,
				     __GP11_TEE_ObjectInfo *objectInfo)
{
	TEE_ObjectInfo i;
	TEE_Result res;

	if (!objectInfo)
		UTEE_PANIC_PARAM();
	res = TEE_GetObjectInfo1(object, &i);
	if (res == TEE_SUCCESS)
		info_to_gp11(objectInfo, &i);
	return res;
}

TEE_Result __GP11_TEE_GetObjectBufferAttribute(TEE_ObjectHandle object,
					       uint32_t attributeID,
					       void *buffer, uint32_t *size)
{
	TEE_Result res;
	size_t s;

	if (!size)
		UTEE_PANIC_PARAM();
	s = *size;
	res = TEE_GetObjectBufferAttribute(object, attributeID, buffer, &s);
	*size = len32(s);
	return res;
}

void __GP11_TEE_InitRefAttribute(__GP11_TEE_Attribute *attr,
				 uint32_t attributeID, const void *buffer,
				 uint32_t length)
{
	if (!attr || (attributeID & TEE_ATTR_FLAG_VALUE))
		UTEE_PANIC_PARAM();
	attr->attributeID = attributeID;
	attr->content.ref.buffer = (void *)buffer;
	attr->content.ref.length = length;
}

void __GP11_TEE_InitValueAttribute(__GP11_TEE_Attribute *attr,
				   uint32_t attributeID, uint32_t a,
				   uint32_t b)
{
	if (!attr || !(attributeID & TEE_ATTR_FLAG_VALUE))
		UTEE_PANIC_PARAM();
	attr->attributeID = attributeID;
	attr->content.value.a = a;
	attr->content.value.b = b;
}

/* 1.3.1 copies of 1.1 attributes (malloc'd; NULL for none). */
static TEE_Attribute *attrs_from_gp11(const __GP11_TEE_Attribute *in,
				      uint32_t n)
{
	TEE_Attribute *out;
	uint32_t i;

	if (!n)
		return NULL;
	if (!in)
		UTEE_PANIC_PARAM();
	out = calloc(n, sizeof(*out));
	if (!out)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	for (i = 0; i < n; i++) {
		out[i].attributeID = in[i].attributeID;
		if (in[i].attributeID & TEE_ATTR_FLAG_VALUE) {
			out[i].content.value.a = in[i].content.value.a;
			out[i].content.value.b = in[i].content.value.b;
		} else {
			out[i].content.ref.buffer = in[i].content.ref.buffer;
			out[i].content.ref.length = in[i].content.ref.length;
		}
	}
	return out;
}

TEE_Result __GP11_TEE_PopulateTransientObject(TEE_ObjectHandle object,
					      const __GP11_TEE_Attribute *attrs,
					      uint32_t attrCount)
{
	TEE_Attribute *a = attrs_from_gp11(attrs, attrCount);
	TEE_Result res = TEE_PopulateTransientObject(object, a, attrCount);

	free(a);
	return res;
}

TEE_Result __GP11_TEE_GenerateKey(TEE_ObjectHandle object, uint32_t keySize,
				  const __GP11_TEE_Attribute *params,
				  uint32_t paramCount)
{
	TEE_Attribute *a = attrs_from_gp11(params, paramCount);
	TEE_Result res = TEE_GenerateKey(object, keySize, a, paramCount);

	free(a);
	return res;
}

TEE_Result __GP11_TEE_GetOperationInfoMultiple(TEE_OperationHandle operation,
			TEE_OperationInfoMultiple *operationInfoMultiple,
			uint32_t *operationSize)
{
	TEE_Result res;
	size_t s;

	if (!operationSize)
		UTEE_PANIC_PARAM();
	s = *operationSize;
	res = TEE_GetOperationInfoMultiple(operation, operationInfoMultiple,
					   &s);
	*operationSize = len32(s);
	return res;
}

void __GP11_TEE_DigestUpdate(TEE_OperationHandle operation, const void *chunk,
			     uint32_t chunkSize)
{
	TEE_DigestUpdate(operation, chunk, chunkSize);
}

/* Calls f with a size_t copy of *len32p and writes the result back. */
#define GP11_INOUT(len32p, call) ({ \
	size_t l_; \
	TEE_Result r_; \
	if (!(len32p)) \
		UTEE_PANIC_PARAM(); \
	l_ = *(len32p); \
	r_ = (call); \
	*(len32p) = len32(l_); \
	r_; })

TEE_Result __GP11_TEE_DigestDoFinal(TEE_OperationHandle operation,
				    const void *chunk, uint32_t chunkLen,
				    void *hash, uint32_t *hashLen)
{
	return GP11_INOUT(hashLen, TEE_DigestDoFinal(operation, chunk,
						     chunkLen, hash, &l_));
}

void __GP11_TEE_CipherInit(TEE_OperationHandle operation, const void *IV,
			   uint32_t IVLen)
{
	TEE_CipherInit(operation, IV, IVLen);
}

TEE_Result __GP11_TEE_CipherUpdate(TEE_OperationHandle operation,
				   const void *srcData, uint32_t srcLen,
				   void *destData, uint32_t *destLen)
{
	return GP11_INOUT(destLen, TEE_CipherUpdate(operation, srcData, srcLen,
						    destData, &l_));
}

TEE_Result __GP11_TEE_CipherDoFinal(TEE_OperationHandle operation,
				    const void *srcData, uint32_t srcLen,
				    void *destData, uint32_t *destLen)
{
	size_t l;
	TEE_Result res;

	/* destLen may be NULL when no output is expected. */
	if (!destLen)
		return TEE_CipherDoFinal(operation, srcData, srcLen, destData,
					 NULL);
	l = *destLen;
	res = TEE_CipherDoFinal(operation, srcData, srcLen, destData, &l);
	*destLen = len32(l);
	return res;
}

void __GP11_TEE_MACInit(TEE_OperationHandle operation, const void *IV,
			uint32_t IVLen)
{
	TEE_MACInit(operation, IV, IVLen);
}

void __GP11_TEE_MACUpdate(TEE_OperationHandle operation, const void *chunk,
			  uint32_t chunkSize)
{
	TEE_MACUpdate(operation, chunk, chunkSize);
}

TEE_Result __GP11_TEE_MACComputeFinal(TEE_OperationHandle operation,
				      const void *message, uint32_t messageLen,
				      void *mac, uint32_t *macLen)
{
	return GP11_INOUT(macLen, TEE_MACComputeFinal(operation, message,
						      messageLen, mac, &l_));
}

TEE_Result __GP11_TEE_MACCompareFinal(TEE_OperationHandle operation,
				      const void *message, uint32_t messageLen,
				      const void *mac, uint32_t macLen)
{
	return TEE_MACCompareFinal(operation, message, messageLen, mac, macLen);
}

TEE_Result __GP11_TEE_AEInit(TEE_OperationHandle operation, const void *nonce,
			     uint32_t nonceLen, uint32_t tagLen,
			     uint32_t AADLen, uint32_t payloadLen)
{
	return TEE_AEInit(operation, nonce, nonceLen, tagLen, AADLen,
			  payloadLen);
}

void __GP11_TEE_AEUpdateAAD(TEE_OperationHandle operation,
			    const void *AADdata, uint32_t AADdataLen)
{
	TEE_AEUpdateAAD(operation, AADdata, AADdataLen);
}

TEE_Result __GP11_TEE_AEUpdate(TEE_OperationHandle operation,
			       const void *srcData, uint32_t srcLen,
			       void *destData, uint32_t *destLen)
{
	return GP11_INOUT(destLen, TEE_AEUpdate(operation, srcData, srcLen,
						destData, &l_));
}

TEE_Result __GP11_TEE_AEEncryptFinal(TEE_OperationHandle operation,
				     const void *srcData, uint32_t srcLen,
				     void *destData, uint32_t *destLen,
				     void *tag, uint32_t *tagLen)
{
	size_t dl, tl;
	TEE_Result res;

	if (!destLen || !tagLen)
		UTEE_PANIC_PARAM();
	dl = *destLen;
	tl = *tagLen;
	res = TEE_AEEncryptFinal(operation, srcData, srcLen, destData, &dl,
				 tag, &tl);
	*destLen = len32(dl);
	*tagLen = len32(tl);
	return res;
}

TEE_Result __GP11_TEE_AEDecryptFinal(TEE_OperationHandle operation,
				     const void *srcData, uint32_t srcLen,
				     void *destData, uint32_t *destLen,
				     void *tag, uint32_t tagLen)
{
	return GP11_INOUT(destLen, TEE_AEDecryptFinal(operation, srcData,
						      srcLen, destData, &l_,
						      tag, tagLen));
}
