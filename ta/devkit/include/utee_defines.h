/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers OP-TEE TAs (and the softee runtime) use to take GP algorithm
 * identifiers apart, plus sizes, byte order and time helpers. Names and
 * values follow OP-TEE's utee_defines.h.
 *
 * A GP algorithm id is laid out as: bits 31:28 operation class, 23:20
 * internal hash (MGF1/OAEP), 15:12 digest hash, 11:8 chaining mode, 7:0
 * main algorithm. Later GP versions broke that pattern for a few ids;
 * the functions below special-case those.
 */
#ifndef UTEE_DEFINES_H
#define UTEE_DEFINES_H

#include <compiler.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_api_defines.h>
#include <tee_api_defines_extensions.h>

#define TEE_MAIN_ALGO_MD5	0x01
#define TEE_MAIN_ALGO_SHA1	0x02
#define TEE_MAIN_ALGO_SHA224	0x03
#define TEE_MAIN_ALGO_SHA256	0x04
#define TEE_MAIN_ALGO_SHA384	0x05
#define TEE_MAIN_ALGO_SHA512	0x06
#define TEE_MAIN_ALGO_SM3	0x07
#define TEE_MAIN_ALGO_SHA3_224	0x08
#define TEE_MAIN_ALGO_SHA3_256	0x09
#define TEE_MAIN_ALGO_SHA3_384	0x0A
#define TEE_MAIN_ALGO_SHA3_512	0x0B
#define TEE_MAIN_ALGO_AES	0x10
#define TEE_MAIN_ALGO_DES	0x11
#define TEE_MAIN_ALGO_DES2	0x12
#define TEE_MAIN_ALGO_DES3	0x13
#define TEE_MAIN_ALGO_SM4	0x14
#define TEE_MAIN_ALGO_RSA	0x30
#define TEE_MAIN_ALGO_DSA	0x31
#define TEE_MAIN_ALGO_DH	0x32
#define TEE_MAIN_ALGO_ECDSA	0x41
#define TEE_MAIN_ALGO_ECDH	0x42
#define TEE_MAIN_ALGO_ED25519	0x43
#define TEE_MAIN_ALGO_X25519	0x44
#define TEE_MAIN_ALGO_SM2_DSA_SM3 0x45
#define TEE_MAIN_ALGO_SM2_KEP	0x46
#define TEE_MAIN_ALGO_SM2_PKE	0x47
#define TEE_MAIN_ALGO_ED448	0x48
#define TEE_MAIN_ALGO_X448	0x49
#define TEE_MAIN_ALGO_HKDF	0xC0	/* OP-TEE extension */
#define TEE_MAIN_ALGO_CONCAT_KDF 0xC1	/* OP-TEE extension */
#define TEE_MAIN_ALGO_PBKDF2	0xC2	/* OP-TEE extension */
#define TEE_MAIN_ALGO_SHAKE128	0xC3	/* OP-TEE extension */
#define TEE_MAIN_ALGO_SHAKE256	0xC4	/* OP-TEE extension */

#define TEE_CHAIN_MODE_ECB_NOPAD	0x0
#define TEE_CHAIN_MODE_CBC_NOPAD	0x1
#define TEE_CHAIN_MODE_CTR		0x2
#define TEE_CHAIN_MODE_CTS		0x3
#define TEE_CHAIN_MODE_XTS		0x4
#define TEE_CHAIN_MODE_CBC_MAC_PKCS5	0x5
#define TEE_CHAIN_MODE_CMAC		0x6
#define TEE_CHAIN_MODE_CCM		0x7
#define TEE_CHAIN_MODE_GCM		0x8
#define TEE_CHAIN_MODE_PKCS1_PSS_MGF1	0x9

/* Operation class (TEE_OPERATION_*) of an algorithm. */
static inline uint32_t __tee_alg_get_class(uint32_t algo)
{
	switch (algo) {
	case TEE_ALG_SM2_PKE:
		return TEE_OPERATION_ASYMMETRIC_CIPHER;
	case TEE_ALG_SM2_KEP:
		return TEE_OPERATION_KEY_DERIVATION;
	case TEE_ALG_RSASSA_PKCS1_V1_5:
		return TEE_OPERATION_ASYMMETRIC_SIGNATURE;
	case TEE_ALG_DES3_CMAC:
		return TEE_OPERATION_MAC;
	default:
		return (algo >> 28) & 0xF;
	}
}
#define TEE_ALG_GET_CLASS(algo) __tee_alg_get_class(algo)

/* Main algorithm (TEE_MAIN_ALGO_*) of an algorithm. */
static inline uint32_t __tee_alg_get_main_alg(uint32_t algo)
{
	switch (algo) {
	case TEE_ALG_SM2_PKE:
		return TEE_MAIN_ALGO_SM2_PKE;
	case TEE_ALG_SM2_KEP:
		return TEE_MAIN_ALGO_SM2_KEP;
	case TEE_ALG_ECDSA_SHA1:
	case TEE_ALG_ECDSA_SHA224:
	case TEE_ALG_ECDSA_SHA256:
	case TEE_ALG_ECDSA_SHA384:
	case TEE_ALG_ECDSA_SHA512:
	case TEE_ALG_ECDSA_SHA3_224:
	case TEE_ALG_ECDSA_SHA3_256:
	case TEE_ALG_ECDSA_SHA3_384:
	case TEE_ALG_ECDSA_SHA3_512:
		return TEE_MAIN_ALGO_ECDSA;
	case TEE_ALG_ED448:
		return TEE_MAIN_ALGO_ED448;
	case TEE_ALG_X448:
		return TEE_MAIN_ALGO_X448;
	case TEE_ALG_HKDF:
		return TEE_MAIN_ALGO_HKDF;
	case TEE_ALG_SHAKE128:
		return TEE_MAIN_ALGO_SHAKE128;
	case TEE_ALG_SHAKE256:
		return TEE_MAIN_ALGO_SHAKE256;
	default:
		return algo & 0xFF;
	}
}
#define TEE_ALG_GET_MAIN_ALG(algo) __tee_alg_get_main_alg(algo)

#define TEE_ALG_GET_CHAIN_MODE(algo)	(((algo) >> 8) & 0xF)

/* Not a GP value: what TEE_ALG_GET_DIGEST_HASH gives for SM2 with SM3. */
#define __TEE_MAIN_HASH_SM3	0x7

/* Hash (TEE_MAIN_ALGO_* of a digest) a signature algorithm applies. */
static inline uint32_t __tee_alg_get_digest_hash(uint32_t algo)
{
	switch (algo) {
	case TEE_ALG_SM2_DSA_SM3:
		return __TEE_MAIN_HASH_SM3;
	case TEE_ALG_ECDSA_SHA3_224:
		return TEE_MAIN_ALGO_SHA3_224;
	case TEE_ALG_ECDSA_SHA3_256:
		return TEE_MAIN_ALGO_SHA3_256;
	case TEE_ALG_ECDSA_SHA3_384:
		return TEE_MAIN_ALGO_SHA3_384;
	case TEE_ALG_ECDSA_SHA3_512:
		return TEE_MAIN_ALGO_SHA3_512;
	default:
		return (algo >> 12) & 0xF;
	}
}
#define TEE_ALG_GET_DIGEST_HASH(algo) __tee_alg_get_digest_hash(algo)

/* MGF1 / OAEP hash; 4 bits so that the SHA-3 variants come out right. */
#define TEE_ALG_GET_INTERNAL_HASH(algo)	(((algo) >> 20) & 0xF)

/* Object type holding a key for algo (keypair if with_priv). */
static inline uint32_t __tee_alg_get_key_type(uint32_t algo, bool with_priv)
{
	uint32_t type = 0xA0000000U | TEE_ALG_GET_MAIN_ALG(algo);

	if (with_priv)
		type |= 0x01000000U;
	return type;
}
#define TEE_ALG_GET_KEY_TYPE(algo, with_private_key) \
	__tee_alg_get_key_type(algo, with_private_key)

/* Digest algorithm id from a main hash value. */
static inline uint32_t __tee_alg_hash_algo(uint32_t main_hash)
{
	if (main_hash == __TEE_MAIN_HASH_SM3)
		return TEE_ALG_SM3;
	return ((uint32_t)TEE_OPERATION_DIGEST << 28) | main_hash;
}
#define TEE_ALG_HASH_ALGO(main_hash) __tee_alg_hash_algo(main_hash)
#define TEE_INTERNAL_HASH_TO_ALGO(algo) \
	TEE_ALG_HASH_ALGO(TEE_ALG_GET_INTERNAL_HASH(algo))
#define TEE_DIGEST_HASH_TO_ALGO(algo) \
	TEE_ALG_HASH_ALGO(TEE_ALG_GET_DIGEST_HASH(algo))
/* HMAC algorithm id from a main hash value. */
#define TEE_ALG_HMAC_ALGO(main_hash) \
	(((uint32_t)TEE_OPERATION_MAC << 28) | (main_hash))

#define TEE_AES_BLOCK_SIZE	16UL
#define TEE_DES_BLOCK_SIZE	8UL
#define TEE_SM4_BLOCK_SIZE	16UL
#define TEE_AES_MAX_KEY_SIZE	32UL

#define TEE_MD5_HASH_SIZE	16
#define TEE_SHA1_HASH_SIZE	20
#define TEE_SHA224_HASH_SIZE	28
#define TEE_SHA256_HASH_SIZE	32
#define TEE_SM3_HASH_SIZE	32
#define TEE_SHA384_HASH_SIZE	48
#define TEE_SHA512_HASH_SIZE	64
#define TEE_MD5SHA1_HASH_SIZE	(TEE_MD5_HASH_SIZE + TEE_SHA1_HASH_SIZE)
#define TEE_MAX_HASH_SIZE	64

/* Output size of a digest, HMAC, CBC-MAC/CMAC or DSA/ECDSA hash; else 0. */
static inline size_t __tee_alg_get_digest_size(uint32_t algo)
{
	switch (algo) {
	case TEE_ALG_MD5:
	case TEE_ALG_HMAC_MD5:
		return TEE_MD5_HASH_SIZE;
	case TEE_ALG_SHA1:
	case TEE_ALG_HMAC_SHA1:
	case TEE_ALG_DSA_SHA1:
	case TEE_ALG_ECDSA_SHA1:
		return TEE_SHA1_HASH_SIZE;
	case TEE_ALG_SHA224:
	case TEE_ALG_SHA3_224:
	case TEE_ALG_HMAC_SHA224:
	case TEE_ALG_HMAC_SHA3_224:
	case TEE_ALG_DSA_SHA224:
	case TEE_ALG_DSA_SHA3_224:
	case TEE_ALG_ECDSA_SHA224:
	case TEE_ALG_ECDSA_SHA3_224:
		return TEE_SHA224_HASH_SIZE;
	case TEE_ALG_SHA256:
	case TEE_ALG_SHA3_256:
	case TEE_ALG_HMAC_SHA256:
	case TEE_ALG_HMAC_SHA3_256:
	case TEE_ALG_DSA_SHA256:
	case TEE_ALG_DSA_SHA3_256:
	case TEE_ALG_ECDSA_SHA256:
	case TEE_ALG_ECDSA_SHA3_256:
		return TEE_SHA256_HASH_SIZE;
	case TEE_ALG_SHA384:
	case TEE_ALG_SHA3_384:
	case TEE_ALG_HMAC_SHA384:
	case TEE_ALG_HMAC_SHA3_384:
	case TEE_ALG_DSA_SHA3_384:
	case TEE_ALG_ECDSA_SHA384:
	case TEE_ALG_ECDSA_SHA3_384:
		return TEE_SHA384_HASH_SIZE;
	case TEE_ALG_SHA512:
	case TEE_ALG_SHA3_512:
	case TEE_ALG_HMAC_SHA512:
	case TEE_ALG_HMAC_SHA3_512:
	case TEE_ALG_DSA_SHA3_512:
	case TEE_ALG_ECDSA_SHA512:
	case TEE_ALG_ECDSA_SHA3_512:
		return TEE_SHA512_HASH_SIZE;
	case TEE_ALG_SM3:
	case TEE_ALG_HMAC_SM3:
		return TEE_SM3_HASH_SIZE;
	case TEE_ALG_MD5SHA1:
		return TEE_MD5SHA1_HASH_SIZE;
	case TEE_ALG_AES_CBC_MAC_NOPAD:
	case TEE_ALG_AES_CBC_MAC_PKCS5:
	case TEE_ALG_AES_CMAC:
		return TEE_AES_BLOCK_SIZE;
	case TEE_ALG_DES_CBC_MAC_NOPAD:
	case TEE_ALG_DES_CBC_MAC_PKCS5:
	case TEE_ALG_DES3_CBC_MAC_NOPAD:
	case TEE_ALG_DES3_CBC_MAC_PKCS5:
	case TEE_ALG_DES3_CMAC:
		return TEE_DES_BLOCK_SIZE;
	default:
		return 0;
	}
}
#define TEE_ALG_GET_DIGEST_SIZE(algo) __tee_alg_get_digest_size(algo)

/* Byte order (the TEE runs little endian, as OP-TEE assumes). */
#define TEE_U64_BSWAP(x)	((uint64_t)__builtin_bswap64((uint64_t)(x)))
#define TEE_U32_BSWAP(x)	((uint32_t)__builtin_bswap32((uint32_t)(x)))
#define TEE_U16_BSWAP(x)	((uint16_t)__builtin_bswap16((uint16_t)(x)))
#define TEE_U64_FROM_LITTLE_ENDIAN(x)	((uint64_t)(x))
#define TEE_U32_FROM_LITTLE_ENDIAN(x)	((uint32_t)(x))
#define TEE_U16_FROM_LITTLE_ENDIAN(x)	((uint16_t)(x))
#define TEE_U64_TO_LITTLE_ENDIAN(x)	((uint64_t)(x))
#define TEE_U32_TO_LITTLE_ENDIAN(x)	((uint32_t)(x))
#define TEE_U16_TO_LITTLE_ENDIAN(x)	((uint16_t)(x))
#define TEE_U64_FROM_BIG_ENDIAN(x)	TEE_U64_BSWAP(x)
#define TEE_U32_FROM_BIG_ENDIAN(x)	TEE_U32_BSWAP(x)
#define TEE_U16_FROM_BIG_ENDIAN(x)	TEE_U16_BSWAP(x)
#define TEE_U64_TO_BIG_ENDIAN(x)	TEE_U64_BSWAP(x)
#define TEE_U32_TO_BIG_ENDIAN(x)	TEE_U32_BSWAP(x)
#define TEE_U16_TO_BIG_ENDIAN(x)	TEE_U16_BSWAP(x)

/* TEE_Time arithmetic (millis stays below TEE_TIME_MILLIS_BASE). */
#define TEE_TIME_MILLIS_BASE	1000
#define TEE_TIME_LT(t1, t2) \
	((t1).seconds == (t2).seconds ? (t1).millis < (t2).millis : \
					(t1).seconds < (t2).seconds)
#define TEE_TIME_LE(t1, t2) \
	((t1).seconds == (t2).seconds ? (t1).millis <= (t2).millis : \
					(t1).seconds <= (t2).seconds)
#define TEE_TIME_ADD(t1, t2, dst) do { \
		(dst).seconds = (t1).seconds + (t2).seconds; \
		(dst).millis = (t1).millis + (t2).millis; \
		if ((dst).millis >= TEE_TIME_MILLIS_BASE) { \
			(dst).seconds++; \
			(dst).millis -= TEE_TIME_MILLIS_BASE; \
		} \
	} while (0)
#define TEE_TIME_SUB(t1, t2, dst) do { \
		(dst).seconds = (t1).seconds - (t2).seconds; \
		if ((t1).millis < (t2).millis) { \
			(dst).seconds--; \
			(dst).millis = (t1).millis + TEE_TIME_MILLIS_BASE - \
				       (t2).millis; \
		} else { \
			(dst).millis = (t1).millis - (t2).millis; \
		} \
	} while (0)

#ifndef BIT32
#define BIT32(n) (UINT32_C(1) << (n))
#endif
#ifndef BIT64
#define BIT64(n) (UINT64_C(1) << (n))
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
