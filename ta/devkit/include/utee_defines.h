/* SPDX-License-Identifier: BSD-2-Clause */
/* Small helper definitions OP-TEE TAs commonly include. */
#ifndef UTEE_DEFINES_H
#define UTEE_DEFINES_H

#include <compiler.h>
#include <stdint.h>

#define TEE_MAIN_ALGO_MD5	0x01
#define TEE_MAIN_ALGO_SHA1	0x02
#define TEE_MAIN_ALGO_SHA224	0x03
#define TEE_MAIN_ALGO_SHA256	0x04
#define TEE_MAIN_ALGO_SHA384	0x05
#define TEE_MAIN_ALGO_SHA512	0x06

#define TEE_MD5_HASH_SIZE	16
#define TEE_SHA1_HASH_SIZE	20
#define TEE_SHA224_HASH_SIZE	28
#define TEE_SHA256_HASH_SIZE	32
#define TEE_SHA384_HASH_SIZE	48
#define TEE_SHA512_HASH_SIZE	64
#define TEE_AES_BLOCK_SIZE	16UL

#ifndef BIT32
#define BIT32(n) (UINT32_C(1) << (n))
#endif
#ifndef BIT
#define BIT(n) BIT32(n)
#endif
#ifndef ROUNDUP
#define ROUNDUP(v, size) (((v) + ((size) - 1)) & ~((__typeof__(v))(size) - 1))
#endif
#ifndef ROUNDDOWN
#define ROUNDDOWN(v, size) ((v) & ~((__typeof__(v))(size) - 1))
#endif

#endif /* UTEE_DEFINES_H */
