// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP 1.1 forms (__GP11_, see tee_api.h) of the asymmetric operations, key
 * derivation and big-integer calls: widen the 1.1 attribute layout and
 * uint32_t sizes, call the 1.3.1 function, hand lengths back as uint32_t.
 */
#include <stdint.h>
#include <stdlib.h>
#include <tee_internal_api.h>

/* Hand a 1.3.1 output length back as uint32_t, never truncated. */
static TEE_Result len_out(TEE_Result res, size_t len, uint32_t *len32)
{
	if (len > UINT32_MAX)
		return TEE_ERROR_BAD_PARAMETERS;
	*len32 = (uint32_t)len;
	return res;
}

/*
 * The 1.3.1 copy of a 1.1 attribute array (freed by the caller), NULL for
 * none. Running out of memory here leaves no GP result to give: panic.
 */
static TEE_Attribute *widen(const __GP11_TEE_Attribute *p, uint32_t n)
{
	TEE_Attribute *a;

	if (!n)
		return NULL;
	if (!p)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	a = calloc(n, sizeof(*a));
	if (!a)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	for (uint32_t i = 0; i < n; i++) {
		a[i].attributeID = p[i].attributeID;
		if (p[i].attributeID & TEE_ATTR_FLAG_VALUE) {
			a[i].content.value.a = p[i].content.value.a;
			a[i].content.value.b = p[i].content.value.b;
		} else {
			a[i].content.ref.buffer = p[i].content.ref.buffer;
			a[i].content.ref.length = p[i].content.ref.length;
		}
	}
	return a;
}

TEE_Result __GP11_TEE_AsymmetricEncrypt(TEE_OperationHandle operation,
					const __GP11_TEE_Attribute *params,
					uint32_t paramCount,
					const void *srcData, uint32_t srcLen,
					void *destData, uint32_t *destLen)
{
	TEE_Attribute *a = widen(params, paramCount);
	size_t len = destLen ? *destLen : 0;
	TEE_Result res;

	res = TEE_AsymmetricEncrypt(operation, a, paramCount, srcData, srcLen,
				    destData, destLen ? &len : NULL);
	free(a);
	return len_out(res, len, destLen);
}

TEE_Result __GP11_TEE_AsymmetricDecrypt(TEE_OperationHandle operation,
					const __GP11_TEE_Attribute *params,
					uint32_t paramCount,
					const void *srcData, uint32_t srcLen,
					void *destData, uint32_t *destLen)
{
	TEE_Attribute *a = widen(params, paramCount);
	size_t len = destLen ? *destLen : 0;
	TEE_Result res;

	res = TEE_AsymmetricDecrypt(operation, a, paramCount, srcData, srcLen,
				    destData, destLen ? &len : NULL);
	free(a);
	return len_out(res, len, destLen);
}

TEE_Result __GP11_TEE_AsymmetricSignDigest(TEE_OperationHandle operation,
					   const __GP11_TEE_Attribute *params,
					   uint32_t paramCount,
					   const void *digest,
					   uint32_t digestLen, void *signature,
					   uint32_t *signatureLen)
{
	TEE_Attribute *a = widen(params, paramCount);
	size_t len = signatureLen ? *signatureLen : 0;
	TEE_Result res;

	res = TEE_AsymmetricSignDigest(operation, a, paramCount, digest,
				       digestLen, signature,
				       signatureLen ? &len : NULL);
	free(a);
	return len_out(res, len, signatureLen);
}

TEE_Result __GP11_TEE_AsymmetricVerifyDigest(TEE_OperationHandle operation,
					     const __GP11_TEE_Attribute *params,
					     uint32_t paramCount,
					     const void *digest,
					     uint32_t digestLen,
					     const void *signature,
					     uint32_t signatureLen)
{
	TEE_Attribute *a = widen(params, paramCount);
	TEE_Result res;

	res = TEE_AsymmetricVerifyDigest(operation, a, paramCount, digest,
					 digestLen, signature, signatureLen);
	free(a);
	return res;
}

void __GP11_TEE_DeriveKey(TEE_OperationHandle operation,
			  const __GP11_TEE_Attribute *params,
			  uint32_t paramCount, TEE_ObjectHandle derivedKey)
{
	TEE_Attribute *a = widen(params, paramCount);

	TEE_DeriveKey(operation, a, paramCount, derivedKey);
	free(a);
}

/* --- big integers ------------------------------------------------------ */

uint32_t __GP11_TEE_BigIntFMMSizeInU32(uint32_t modulusSizeInBits)
{
	return (uint32_t)TEE_BigIntFMMSizeInU32(modulusSizeInBits);
}

uint32_t __GP11_TEE_BigIntFMMContextSizeInU32(uint32_t modulusSizeInBits)
{
	return (uint32_t)TEE_BigIntFMMContextSizeInU32(modulusSizeInBits);
}

void __GP11_TEE_BigIntInit(TEE_BigInt *bigInt, uint32_t len)
{
	TEE_BigIntInit(bigInt, len);
}

void __GP11_TEE_BigIntInitFMMContext(TEE_BigIntFMMContext *context,
				     uint32_t len, const TEE_BigInt *modulus)
{
	TEE_BigIntInitFMMContext(context, len, modulus);
}

void __GP11_TEE_BigIntInitFMM(TEE_BigIntFMM *bigIntFMM, uint32_t len)
{
	TEE_BigIntInitFMM(bigIntFMM, len);
}

TEE_Result __GP11_TEE_BigIntConvertFromOctetString(TEE_BigInt *dest,
						   const uint8_t *buffer,
						   uint32_t bufferLen,
						   int32_t sign)
{
	return TEE_BigIntConvertFromOctetString(dest, buffer, bufferLen, sign);
}

TEE_Result __GP11_TEE_BigIntConvertToOctetString(uint8_t *buffer,
						 uint32_t *bufferLen,
						 const TEE_BigInt *bigInt)
{
	size_t len;
	TEE_Result res;

	if (!bufferLen)
		return TEE_BigIntConvertToOctetString(buffer, NULL, bigInt);
	len = *bufferLen;
	res = TEE_BigIntConvertToOctetString(buffer, &len, bigInt);
	return len_out(res, len, bufferLen);
}
