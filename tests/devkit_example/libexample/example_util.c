// SPDX-License-Identifier: BSD-2-Clause
#include <example_util.h>

uint32_t example_util_hash(const char *s)
{
	uint32_t h = 2166136261U;

	while (*s) {
		h ^= (uint8_t)*s++;
		h *= 16777619U;
	}
	return h;
}
