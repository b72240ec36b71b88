/* SPDX-License-Identifier: BSD-2-Clause */
/* OP-TEE extensions to the GP TEE Client API (as in optee_client). */
#ifndef TEE_CLIENT_API_EXTENSIONS_H
#define TEE_CLIENT_API_EXTENSIONS_H

#include <tee_client_api.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Register the buffer behind file descriptor fd (e.g. a dma-buf) as shared
 * memory. On success sharedMem->buffer is NULL and ->size is set.
 */
TEEC_Result TEEC_RegisterSharedMemoryFileDescriptor(TEEC_Context *context,
						    TEEC_SharedMemory *sharedMem,
						    int fd);

#ifdef __cplusplus
}
#endif

#endif /* TEE_CLIENT_API_EXTENSIONS_H */
