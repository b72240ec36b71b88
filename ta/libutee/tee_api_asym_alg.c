// SPDX-License-Identifier: BSD-2-Clause
/*
 * Which asymmetric algorithms, digests, curves and key types the runtime
 * supports, and how they relate; everything else in the asymmetric code
 * looks them up here.
 */
#include <stddef.h>
#include <tee_internal_api.h>

#include "tee_api_asym.h"
#include "utee_object.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const struct asym_hash hashes[] = {
	{ TEE_ALG_MD5, "MD5", 16 },
	{ TEE_ALG_SHA1, "SHA1", 20 },
	{ TEE_ALG_SHA224, "SHA224", 28 },
	{ TEE_ALG_SHA256, "SHA256", 32 },
	{ TEE_ALG_SHA384, "SHA384", 48 },
	{ TEE_ALG_SHA512, "SHA512", 64 },
	{ TEE_ALG_SHA3_224, "SHA3-224", 28 },
	{ TEE_ALG_SHA3_256, "SHA3-256", 32 },
	{ TEE_ALG_SHA3_384, "SHA3-384", 48 },
	{ TEE_ALG_SHA3_512, "SHA3-512", 64 },
	/* TLS 1.0 style: the two digests concatenated, no DigestInfo */
	{ TEE_ALG_MD5SHA1, "MD5-SHA1", 36 },
};

static const struct asym_curve curves[] = {
	{ TEE_ECC_CURVE_NIST_P192, "P-192", 192, 24 },
	{ TEE_ECC_CURVE_NIST_P224, "P-224", 224, 28 },
	{ TEE_ECC_CURVE_NIST_P256, "P-256", 256, 32 },
	{ TEE_ECC_CURVE_NIST_P384, "P-384", 384, 48 },
	{ TEE_ECC_CURVE_NIST_P521, "P-521", 521, 66 },
};

/* The digest is part of the id: TEE_ALG_<scheme>_<digest>. */
#define PKCS1(h) { TEE_ALG_RSASSA_PKCS1_V1_5_##h, ASYM_RSASSA_PKCS1, \
		   TEE_ALG_##h, 0 }
#define PSS(h) { TEE_ALG_RSASSA_PKCS1_PSS_MGF1_##h, ASYM_RSASSA_PSS, \
		 TEE_ALG_##h, 0 }
#define OAEP(h) { TEE_ALG_RSAES_PKCS1_OAEP_MGF1_##h, ASYM_RSAES_OAEP, \
		  TEE_ALG_##h, 0 }
#define DSA(h) { TEE_ALG_DSA_##h, ASYM_DSA, TEE_ALG_##h, 0 }
#define ECDSA(h) { TEE_ALG_ECDSA_##h, ASYM_ECDSA, TEE_ALG_##h, 0 }
/* OP-TEE's pre-1.3.1 ids: the curve is fixed, the digest is any. */
#define ECDSA_P(n) { __OPTEE_ALG_ECDSA_P##n, ASYM_ECDSA, 0, \
		     TEE_ECC_CURVE_NIST_P##n }
#define ECDH_P(n) { __OPTEE_ALG_ECDH_P##n, ASYM_ECDH, 0, \
		    TEE_ECC_CURVE_NIST_P##n }

static const struct asym_alg algs[] = {
	PKCS1(MD5), PKCS1(SHA1), PKCS1(SHA224), PKCS1(SHA256), PKCS1(SHA384),
	PKCS1(SHA512), PKCS1(MD5SHA1), PKCS1(SHA3_224), PKCS1(SHA3_256),
	PKCS1(SHA3_384), PKCS1(SHA3_512),
	PSS(SHA1), PSS(SHA224), PSS(SHA256), PSS(SHA384), PSS(SHA512),
	PSS(SHA3_224), PSS(SHA3_256), PSS(SHA3_384), PSS(SHA3_512),
	{ TEE_ALG_RSAES_PKCS1_V1_5, ASYM_RSAES_PKCS1, 0, 0 },
	OAEP(SHA1), OAEP(SHA224), OAEP(SHA256), OAEP(SHA384), OAEP(SHA512),
	OAEP(SHA3_224), OAEP(SHA3_256), OAEP(SHA3_384), OAEP(SHA3_512),
	{ TEE_ALG_RSA_NOPAD, ASYM_RSA_NOPAD, 0, 0 },
	DSA(SHA1), DSA(SHA224), DSA(SHA256), DSA(SHA3_224), DSA(SHA3_256),
	DSA(SHA3_384), DSA(SHA3_512),
	ECDSA(SHA1), ECDSA(SHA224), ECDSA(SHA256), ECDSA(SHA384),
	ECDSA(SHA512), ECDSA(SHA3_224), ECDSA(SHA3_256), ECDSA(SHA3_384),
	ECDSA(SHA3_512),
	ECDSA_P(192), ECDSA_P(224), ECDSA_P(256), ECDSA_P(384), ECDSA_P(521),
	{ TEE_ALG_ED25519, ASYM_ED25519, 0, 0 },
	{ TEE_ALG_DH_DERIVE_SHARED_SECRET, ASYM_DH, 0, 0 },
	{ TEE_ALG_ECDH_DERIVE_SHARED_SECRET, ASYM_ECDH, 0, 0 },
	ECDH_P(192), ECDH_P(224), ECDH_P(256), ECDH_P(384), ECDH_P(521),
	{ TEE_ALG_X25519, ASYM_X25519, 0, 0 },
};

const struct asym_alg *asym_alg_find(uint32_t alg)
{
	for (size_t i = 0; i < N_ELEMS(algs); i++)
		if (algs[i].alg == alg)
			return &algs[i];
	return NULL;
}

const struct asym_hash *asym_hash_find(uint32_t hash_alg)
{
	for (size_t i = 0; i < N_ELEMS(hashes); i++)
		if (hashes[i].alg == hash_alg)
			return &hashes[i];
	return NULL;
}

const struct asym_curve *asym_curve_find(uint32_t curve)
{
	for (size_t i = 0; i < N_ELEMS(curves); i++)
		if (curves[i].id == curve)
			return &curves[i];
	return NULL;
}

bool asym_key_type_ok(enum asym_scheme scheme, uint32_t obj_type)
{
	switch (scheme) {
	case ASYM_RSASSA_PKCS1:
	case ASYM_RSASSA_PSS:
	case ASYM_RSAES_PKCS1:
	case ASYM_RSAES_OAEP:
	case ASYM_RSA_NOPAD:
		return obj_type == TEE_TYPE_RSA_KEYPAIR ||
		       obj_type == TEE_TYPE_RSA_PUBLIC_KEY;
	case ASYM_DSA:
		return obj_type == TEE_TYPE_DSA_KEYPAIR ||
		       obj_type == TEE_TYPE_DSA_PUBLIC_KEY;
	case ASYM_ECDSA:
		return obj_type == TEE_TYPE_ECDSA_KEYPAIR ||
		       obj_type == TEE_TYPE_ECDSA_PUBLIC_KEY;
	case ASYM_ED25519:
		return obj_type == TEE_TYPE_ED25519_KEYPAIR ||
		       obj_type == TEE_TYPE_ED25519_PUBLIC_KEY;
	case ASYM_DH:
		return obj_type == TEE_TYPE_DH_KEYPAIR;
	case ASYM_ECDH:
		return obj_type == TEE_TYPE_ECDH_KEYPAIR;
	case ASYM_X25519:
		return obj_type == TEE_TYPE_X25519_KEYPAIR;
	}
	return false;
}

bool utee_asym_type(uint32_t type)
{
	switch (type) {
	case TEE_TYPE_RSA_PUBLIC_KEY:
	case TEE_TYPE_RSA_KEYPAIR:
	case TEE_TYPE_DSA_PUBLIC_KEY:
	case TEE_TYPE_DSA_KEYPAIR:
	case TEE_TYPE_DH_KEYPAIR:
	case TEE_TYPE_ECDSA_PUBLIC_KEY:
	case TEE_TYPE_ECDSA_KEYPAIR:
	case TEE_TYPE_ECDH_PUBLIC_KEY:
	case TEE_TYPE_ECDH_KEYPAIR:
	case TEE_TYPE_ED25519_PUBLIC_KEY:
	case TEE_TYPE_ED25519_KEYPAIR:
	case TEE_TYPE_X25519_PUBLIC_KEY:
	case TEE_TYPE_X25519_KEYPAIR:
		return true;
	default:
		return false;
	}
}

/*
 * GP TEE_IsAlgorithmSupported: element is NONE ("with some key") or the
 * curve the caller means to use. Curves only make sense for the EC
 * algorithms, and a legacy id supports only its own curve.
 */
bool utee_asym_alg_supported(uint32_t alg, uint32_t element)
{
	const struct asym_alg *a = asym_alg_find(alg);

	if (!a)
		return false;
	if (element == TEE_CRYPTO_ELEMENT_NONE)
		return true;
	switch (a->scheme) {
	case ASYM_ECDSA:
	case ASYM_ECDH:
		if (a->curve)
			return element == a->curve;
		return asym_curve_find(element) != NULL;
	case ASYM_ED25519:
	case ASYM_X25519:
		return element == TEE_ECC_CURVE_25519;
	default:
		return false;
	}
}
