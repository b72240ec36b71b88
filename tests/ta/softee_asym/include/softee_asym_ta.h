/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Commands of the asymmetric crypto test TA (tests/ta/softee_asym), shared
 * with its client tests/integration/asym_kat.c. Every check command runs
 * a family of known-answer and behaviour checks inside the TA and answers
 * TEE_SUCCESS, or TEE_ERROR_GENERIC with p0 (VALUE_OUTPUT) telling which
 * check failed: a = file id << 16 | line, b = the result that was wrong.
 */
#ifndef SOFTEE_ASYM_TA_H
#define SOFTEE_ASYM_TA_H

#define TA_SOFTEE_ASYM_UUID \
	{ 0x5eed7e57, 0x00a5, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0xa5 } }

/* File ids in p0.a of a failed check. */
#define ASYM_FILE_BIGINT	1
#define ASYM_FILE_RSA		2
#define ASYM_FILE_EC		3
#define ASYM_FILE_25519		4
#define ASYM_FILE_FFC		5
#define ASYM_FILE_ERR		6
#define ASYM_FILE_UTIL		7
#define ASYM_FILE_KDF		8

enum softee_asym_cmd {
	/* p0 VALUE_OUTPUT (failure location); no other parameter */
	ASYM_CMD_BIGINT_ARITH = 1,	/* conversions, +, -, *, /, bits */
	ASYM_CMD_BIGINT_MOD,		/* modular, gcd, primes, FMM */
	ASYM_CMD_RSA_PKCS1_SIGN,	/* PKCS#1 v1.5 signature KAT */
	ASYM_CMD_RSA_PSS,		/* PSS KAT and round trips */
	ASYM_CMD_RSA_OAEP,		/* OAEP KAT and round trips */
	ASYM_CMD_RSA_ENC,		/* PKCS#1 v1.5 encryption, raw RSA */
	ASYM_CMD_ECDSA_KAT,		/* CAVP P-256, P-384, RFC 6979 */
	ASYM_CMD_ECDSA_ROUNDTRIP,	/* all NIST curves, generated keys */
	ASYM_CMD_ECDH,			/* CAVS ECC CDH P-256, round trips */
	ASYM_CMD_X25519,		/* RFC 7748 */
	ASYM_CMD_ED25519,		/* RFC 8032 tests 1-3 */
	ASYM_CMD_DH,			/* RFC 5114 A.1, generated keys */
	ASYM_CMD_DSA,			/* DSA round trips */
	ASYM_CMD_ERRORS,		/* GP error results (no panics) */
	ASYM_CMD_GP11,			/* the __GP11_ entry points */
	/* p1 VALUE_INPUT a = key bits: generate an RSA key and use it */
	ASYM_CMD_RSA_KEYGEN,
	/* p1 VALUE_INPUT a = ASYM_PANIC_*: must panic (TARGET_DEAD) */
	ASYM_CMD_PANIC,
	/* Key derivation functions (p0 as above) */
	ASYM_CMD_HKDF,			/* RFC 5869 tests 1-7, TEE_ALG_HKDF */
	ASYM_CMD_PBKDF2,		/* RFC 6070 (1, 2, 4096 iterations) */
	ASYM_CMD_CONCAT_KDF,		/* SP 800-56A 5.8.1 vectors */
	ASYM_CMD_KDF_ERRORS,		/* GP results without panics */
	/* p1 VALUE_INPUT a = ASYM_KDF_PANIC_*: must panic (TARGET_DEAD) */
	ASYM_CMD_KDF_PANIC,
};

enum softee_asym_panic {
	ASYM_PANIC_NONE = 0,		/* control: returns TEE_SUCCESS */
	ASYM_PANIC_SIGN_DIGEST_LEN,	/* SHA-256 RSA with a 20-byte digest */
	ASYM_PANIC_VERIFY_DIGEST_LEN,	/* ECDSA SHA-384 with 32 bytes */
	ASYM_PANIC_KEY_TYPE,		/* RSA key on an ECDSA operation */
	ASYM_PANIC_KEY_CURVE,		/* P-384 key, legacy P-256 ECDSA id */
	ASYM_PANIC_WRONG_MODE,		/* encrypt with a sign operation */
	ASYM_PANIC_NO_KEY,		/* sign before a key is set */
	ASYM_PANIC_DERIVE_NO_PEER,	/* ECDH without the peer's point */
	ASYM_PANIC_DERIVE_BAD_POINT,	/* ECDH with a point off the curve */
	ASYM_PANIC_MISSING_MODULUS,	/* populate an RSA key without n */
	ASYM_PANIC_POINT_OFF_CURVE,	/* key whose public point is bogus */
	ASYM_PANIC_BIGINT_OVERFLOW,	/* TEE_BigIntMul result too big */
	ASYM_PANIC_BIGINT_NO_INVERSE,	/* TEE_BigIntInvMod(6, 9) */
	ASYM_PANIC_BIGINT_DIV_ZERO,	/* TEE_BigIntDiv by zero */
	ASYM_PANIC_COUNT
};

/* Misuses of the key derivation functions that GP answers with a panic. */
enum softee_asym_kdf_panic {
	ASYM_KDF_PANIC_NONE = 0,	/* control: returns TEE_SUCCESS */
	ASYM_KDF_PANIC_HKDF_NO_LENGTH,	/* OP-TEE HKDF without OKM length */
	ASYM_KDF_PANIC_HKDF_ZERO_LENGTH,	/* OKM length 0 */
	ASYM_KDF_PANIC_OUT_TOO_SMALL,	/* 64 bytes into a 256-bit object */
	ASYM_KDF_PANIC_UNKNOWN_ATTR,	/* a PBKDF2 salt given to HKDF */
	ASYM_KDF_PANIC_HASH_ON_OPTEE_ID, /* GP's hash attribute, OP-TEE id */
	ASYM_KDF_PANIC_GP_BAD_HASH,	/* TEE_ALG_HKDF over SHAKE128 */
	ASYM_KDF_PANIC_GP_SIZE_BITS,	/* KDF_KEY_SIZE of 12 bits */
	ASYM_KDF_PANIC_GP_SIZES_DIFFER,	/* KDF_KEY_SIZE and OKM length */
	ASYM_KDF_PANIC_WRONG_KEY_TYPE,	/* generic secret on OP-TEE's HKDF */
	ASYM_KDF_PANIC_NO_KEY,		/* derive before a key is set */
	ASYM_KDF_PANIC_DERIVED_INITIALIZED, /* derived object already set */
	ASYM_KDF_PANIC_DERIVED_NOT_SECRET, /* an RSA object as the output */
	ASYM_KDF_PANIC_DERIVED_BAD_SIZE, /* 20 bytes into an AES object */
	ASYM_KDF_PANIC_NULL_PARAMS,	/* 2 parameters at NULL */
	ASYM_KDF_PANIC_NULL_BUFFER,	/* salt at NULL with a length */
	ASYM_KDF_PANIC_PBKDF2_NO_ITER,	/* no iteration count */
	ASYM_KDF_PANIC_PBKDF2_ZERO_ITER, /* 0 iterations */
	ASYM_KDF_PANIC_PBKDF2_NO_LENGTH, /* no derived key length */
	ASYM_KDF_PANIC_CONCAT_NO_LENGTH, /* no derived key length */
	ASYM_KDF_PANIC_CONCAT_EMPTY_Z,	/* shared secret Z of 0 bytes */
	ASYM_KDF_PANIC_POPULATE_ATTR,	/* HKDF IKM object given SECRET_VALUE */
	ASYM_KDF_PANIC_NO_DERIVE_USAGE,	/* key without TEE_USAGE_DERIVE */
	ASYM_KDF_PANIC_COUNT
};

#endif /* SOFTEE_ASYM_TA_H */
