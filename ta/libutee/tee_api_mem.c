// SPDX-License-Identifier: BSD-2-Clause
/* GP memory management functions: heap allocation and byte helpers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tee_internal_api.h>

#include "utee_mem.h"

/* Hints GP defines; bits from 0x80000000 up are implementation defined. */
#define UTEE_MALLOC_KNOWN_HINTS (TEE_MALLOC_NO_FILL | TEE_MALLOC_NO_SHARE)

void *TEE_Malloc(size_t size, uint32_t hint)
{
	void *p;

	if ((hint & ~UTEE_MALLOC_KNOWN_HINTS) & 0x7FFFFFFFU)
		return NULL;
	/* GP: size 0 still yields a unique pointer that must not be used. */
	if (!size)
		size = 1;
	if (hint & TEE_MALLOC_NO_FILL)
		p = malloc(size);
	else
		p = calloc(1, size);
	return p;
}

void *TEE_Realloc(void *buffer, size_t newSize)
{
	return realloc(buffer, newSize ? newSize : 1);
}

void TEE_Free(void *buffer)
{
	free(buffer);
}

void *TEE_MemMove(void *dest, const void *src, size_t size)
{
	return memmove(dest, src, size);
}

/* Constant time in the contents: the first difference decides. */
int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size)
{
	const volatile uint8_t *x = buffer1, *y = buffer2;
	int32_t res = 0;

	for (size_t i = 0; i < size; i++) {
		int d = (int)x[i] - (int)y[i];
		int32_t sign = (d > 0) - (d < 0);
		/* All ones while no difference was seen yet. */
		int32_t none = (int32_t)((((uint32_t)res | -(uint32_t)res) >> 31) ^ 1);

		res += sign & -none;
	}
	return res;
}

void TEE_MemFill(void *buff, uint32_t x, size_t size)
{
	memset(buff, (int)(uint8_t)x, size);
}

/* Set by the TA host (utee_mem.h); NULL outside one. */
static utee_mem_shared_fn utee_mem_shared;

void utee_mem_set_shared_checker(utee_mem_shared_fn fn)
{
	utee_mem_shared = fn;
}

/*
 * GP access rights. Memrefs and other shared windows are for the host to
 * judge (only it knows them); the rest must be the TA's own memory.
 */
TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer,
				       size_t size)
{
	uintptr_t start = (uintptr_t)buffer, last;
	TEE_Result res;

	if (!size)
		return TEE_SUCCESS;
	if (!buffer || __builtin_add_overflow(start, size - 1, &last) ||
	    last == UINTPTR_MAX)
		return TEE_ERROR_ACCESS_DENIED;
	if (utee_mem_shared && utee_mem_shared(accessFlags, start, size, &res))
		return res;
	return utee_mem_own(accessFlags, start, last + 1);
}
