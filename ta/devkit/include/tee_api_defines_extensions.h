/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE's extensions to the GP constants (same names and values as
 * OP-TEE's libutee, so TAs using them build unchanged).
 */
#ifndef TEE_API_DEFINES_EXTENSIONS_H
#define TEE_API_DEFINES_EXTENSIONS_H

/* HKDF (RFC 5869) as an OP-TEE key derivation, one algorithm per hash */
#define TEE_ALG_HKDF_MD5_DERIVE_KEY	0x800010C0
#define TEE_ALG_HKDF_SHA1_DERIVE_KEY	0x800020C0
#define TEE_ALG_HKDF_SHA224_DERIVE_KEY	0x800030C0
#define TEE_ALG_HKDF_SHA256_DERIVE_KEY	0x800040C0
#define TEE_ALG_HKDF_SHA384_DERIVE_KEY	0x800050C0
#define TEE_ALG_HKDF_SHA512_DERIVE_KEY	0x800060C0
#define TEE_TYPE_HKDF_IKM		0xA10000C0
#define TEE_ATTR_HKDF_IKM		0xC00001C0
/*
 * OP-TEE's salt and info ids for the algorithms above. GP 1.3.1 later
 * took the names TEE_ATTR_HKDF_SALT/INFO for its own TEE_ALG_HKDF (other
 * values, tee_api_defines.h), so OP-TEE's ids carry these names; an
 * implementation of TEE_ALG_HKDF_*_DERIVE_KEY accepts both.
 */
#define __OPTEE_TEE_ATTR_HKDF_SALT	0xD00002C0
#define __OPTEE_TEE_ATTR_HKDF_INFO	0xD00003C0
/* OP-TEE's header spells the info id this way (no second TEE_). */
#define __OPTEE_ATTR_HKDF_INFO		__OPTEE_TEE_ATTR_HKDF_INFO
#define TEE_ATTR_HKDF_OKM_LENGTH	0xF00004C0

/* Concat KDF (NIST SP 800-56A, 5.8.1) */
#define TEE_ALG_CONCAT_KDF_SHA1_DERIVE_KEY	0x800020C1
#define TEE_ALG_CONCAT_KDF_SHA224_DERIVE_KEY	0x800030C1
#define TEE_ALG_CONCAT_KDF_SHA256_DERIVE_KEY	0x800040C1
#define TEE_ALG_CONCAT_KDF_SHA384_DERIVE_KEY	0x800050C1
#define TEE_ALG_CONCAT_KDF_SHA512_DERIVE_KEY	0x800060C1
#define TEE_TYPE_CONCAT_KDF_Z			0xA10000C1
#define TEE_ATTR_CONCAT_KDF_Z			0xC00001C1
#define TEE_ATTR_CONCAT_KDF_OTHER_INFO		0xD00002C1
#define TEE_ATTR_CONCAT_KDF_DKM_LENGTH		0xF00003C1

/* PBKDF2 (PKCS #5 v2.0, RFC 2898 5.2) */
#define TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY	0x800020C2
#define TEE_TYPE_PBKDF2_PASSWORD		0xA10000C2
#define TEE_ATTR_PBKDF2_PASSWORD		0xC00001C2
#define TEE_ATTR_PBKDF2_SALT			0xD00002C2
#define TEE_ATTR_PBKDF2_ITERATION_COUNT		0xF00003C2
#define TEE_ATTR_PBKDF2_DKM_LENGTH		0xF00004C2

/* RSASSA PKCS#1 v1.5 over a digest the caller already encoded */
#define TEE_ALG_RSASSA_PKCS1_V1_5	0xF0000830

/* Triple-DES CMAC (NIST SP 800-38B) */
#define TEE_ALG_DES3_CMAC		0xF0000613

/* Another spelling of the OAEP MGF1 hash attribute (the GP 1.3.1 id). */
#define TEE_ATTR_RSA_OAEP_MGF1_HASH	TEE_ATTR_RSA_OAEP_MGF_HASH

/* Storage ids: REE file system (what softee has) and RPMB */
#define TEE_STORAGE_PRIVATE_REE		0x80000000
#define TEE_STORAGE_PRIVATE_RPMB	0x80000100
#define TEE_STORAGE_PRIVATE_SQL_RESERVED 0x80000200

/* TEE_CheckMemoryAccessRights: require non-secure (shared) or secure. */
#define TEE_MEMORY_ACCESS_NONSECURE	0x10000000
#define TEE_MEMORY_ACCESS_SECURE	0x20000000

/* Login of a REE kernel client */
#define TEE_LOGIN_REE_KERNEL		0x80000000

/* Deprecated OP-TEE spelling kept for TAs that still use it. */
#define TEE_MALLOC_FILL_ZERO_DEPRECATED	TEE_MALLOC_FILL_ZERO

#endif /* TEE_API_DEFINES_EXTENSIONS_H */
