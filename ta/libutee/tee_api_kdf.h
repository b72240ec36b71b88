/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TEE_DeriveKey for the key derivation functions (tee_api_kdf.c), as
 * opposed to the key agreements of tee_api_derive.c, which hands these
 * operations over.
 */
#ifndef TEE_API_KDF_H
#define TEE_API_KDF_H

#include <stdbool.h>
#include <stdint.h>
#include <tee_internal_api.h>

/* Whether op (a valid handle, or panic) is an HKDF, PBKDF2 or Concat KDF. */
bool utee_kdf_op(TEE_OperationHandle op);

/*
 * TEE_DeriveKey of such an operation: the derived bytes become the
 * secret of derivedKey. Every misuse panics, as for any TEE_DeriveKey.
 */
void utee_kdf_derive(TEE_OperationHandle op, const TEE_Attribute *params,
		     uint32_t paramCount, TEE_ObjectHandle derivedKey);

#endif /* TEE_API_KDF_H */
