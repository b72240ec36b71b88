/* SPDX-License-Identifier: BSD-2-Clause */
/* OP-TEE's extensions to the GP constants that softee supports so far. */
#ifndef TEE_API_DEFINES_EXTENSIONS_H
#define TEE_API_DEFINES_EXTENSIONS_H

/* Deprecated OP-TEE spelling kept for TAs that still use it. */
#define TEE_MALLOC_FILL_ZERO_DEPRECATED	TEE_MALLOC_FILL_ZERO

#endif /* TEE_API_DEFINES_EXTENSIONS_H */
