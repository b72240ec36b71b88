/* SPDX-License-Identifier: BSD-2-Clause */
/* OP-TEE extensions to the Internal API that softee provides. */
#ifndef TEE_INTERNAL_API_EXTENSIONS_H
#define TEE_INTERNAL_API_EXTENSIONS_H

#include <tee_api.h>
#include <tee_api_defines_extensions.h>
#include <tee_api_types.h>

/* A fresh buffer of size random bytes is what TAs most often want. */
static inline void tee_user_mem_fill_random(void *buf, size_t size)
{
	TEE_GenerateRandom(buf, size);
}

#endif /* TEE_INTERNAL_API_EXTENSIONS_H */
