// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP 1.1 forms (__GP11_, see tee_api.h) of the properties, memory and
 * random functions: widen the uint32_t sizes, call the 1.3.1 function,
 * and hand back in/out lengths as uint32_t. The other areas keep their
 * __GP11_ functions next to the 1.3.1 ones.
 */
#include <stdint.h>
#include <tee_internal_api.h>

/* Hand a 1.3.1 output length back as uint32_t, never truncated. */
static TEE_Result gp11_len_out(TEE_Result res, size_t len, uint32_t *len32)
{
	if (len > UINT32_MAX)
		return TEE_ERROR_BAD_PARAMETERS;
	*len32 = (uint32_t)len;
	return res;
}

/* A NULL length goes to the 1.3.1 function, which panics as GP says. */
TEE_Result __GP11_TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator,
					  const char *name, char *valueBuffer,
					  uint32_t *valueBufferLen)
{
	size_t len;
	TEE_Result res;

	if (!valueBufferLen)
		return TEE_GetPropertyAsString(propsetOrEnumerator, name,
					       valueBuffer, NULL);
	len = *valueBufferLen;
	res = TEE_GetPropertyAsString(propsetOrEnumerator, name, valueBuffer,
				      &len);
	return gp11_len_out(res, len, valueBufferLen);
}

TEE_Result
__GP11_TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle propsetOrEnumerator,
				    const char *name, void *valueBuffer,
				    uint32_t *valueBufferLen)
{
	size_t len;
	TEE_Result res;

	if (!valueBufferLen)
		return TEE_GetPropertyAsBinaryBlock(propsetOrEnumerator, name,
						    valueBuffer, NULL);
	len = *valueBufferLen;
	res = TEE_GetPropertyAsBinaryBlock(propsetOrEnumerator, name,
					   valueBuffer, &len);
	return gp11_len_out(res, len, valueBufferLen);
}

TEE_Result __GP11_TEE_GetPropertyName(TEE_PropSetHandle enumerator,
				      void *nameBuffer,
				      uint32_t *nameBufferLen)
{
	size_t len;
	TEE_Result res;

	if (!nameBufferLen)
		return TEE_GetPropertyName(enumerator, nameBuffer, NULL);
	len = *nameBufferLen;
	res = TEE_GetPropertyName(enumerator, nameBuffer, &len);
	return gp11_len_out(res, len, nameBufferLen);
}

TEE_Result __GP11_TEE_CheckMemoryAccessRights(uint32_t accessFlags,
					      void *buffer, uint32_t size)
{
	return TEE_CheckMemoryAccessRights(accessFlags, buffer, size);
}

void *__GP11_TEE_Malloc(uint32_t size, uint32_t hint)
{
	return TEE_Malloc(size, hint);
}

void *__GP11_TEE_Realloc(void *buffer, uint32_t newSize)
{
	return TEE_Realloc(buffer, newSize);
}

void *__GP11_TEE_MemMove(void *dest, const void *src, uint32_t size)
{
	return TEE_MemMove(dest, src, size);
}

int32_t __GP11_TEE_MemCompare(const void *buffer1, const void *buffer2,
			      uint32_t size)
{
	return TEE_MemCompare(buffer1, buffer2, size);
}

void __GP11_TEE_MemFill(void *buff, uint32_t x, uint32_t size)
{
	TEE_MemFill(buff, x, size);
}

void __GP11_TEE_GenerateRandom(void *randomBuffer, uint32_t randomBufferLen)
{
	TEE_GenerateRandom(randomBuffer, randomBufferLen);
}
