// SPDX-License-Identifier: BSD-2-Clause
/* GP memory management functions: heap allocation and byte helpers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <tee_internal_api.h>

#include "utee_runtime.h"

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

int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size)
{
	int r = memcmp(buffer1, buffer2, size);

	return r < 0 ? -1 : r > 0 ? 1 : 0;
}

void TEE_MemFill(void *buff, uint32_t x, size_t size)
{
	memset(buff, (int)(uint8_t)x, size);
}

/*
 * Access rights: the buffer must lie in mapped memory of this process.
 * mincore() fails with ENOMEM on unmapped pages, which is all we need;
 * ANY_OWNER is always satisfied because every mapping here is the TA's
 * own or a memref the client shared on purpose.
 */
TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer,
				       size_t size)
{
	uintptr_t start, end, last;
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char vec;

	if (!size)
		return TEE_SUCCESS;
	if (!buffer || pg <= 0)
		return TEE_ERROR_ACCESS_DENIED;
	if (__builtin_add_overflow((uintptr_t)buffer, size - 1, &last))
		return TEE_ERROR_ACCESS_DENIED;
	start = (uintptr_t)buffer & ~((uintptr_t)pg - 1);
	end = last & ~((uintptr_t)pg - 1);
	for (;;) {
		if (mincore((void *)start, (size_t)pg, &vec))
			return TEE_ERROR_ACCESS_DENIED;
		if (start == end)
			break;
		start += (uintptr_t)pg;
	}
	(void)accessFlags;
	return TEE_SUCCESS;
}
