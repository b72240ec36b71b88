// SPDX-License-Identifier: BSD-2-Clause
/*
 * What GP allows per object type: the object sizes of
 * TEE_AllocateTransientObject and the attributes each type requires or
 * accepts in TEE_PopulateTransientObject (GP TEE Internal Core API
 * 1.3.1, section 5.6). Transient and persistent objects and key
 * generation all check against this one table.
 */
#include <stddef.h>
#include <tee_api_defines_extensions.h>
#include <tee_internal_api.h>

#include "tee_api_object_int.h"

#define A_REQ	UTEE_ATTR_REQUIRED
#define A_OPT	0
#define A_CRT	UTEE_ATTR_CRT
#define A_SIZE	UTEE_ATTR_SIZE

static const struct utee_attr_rule secret_attrs[] = {
	{ TEE_ATTR_SECRET_VALUE, A_REQ | A_SIZE },
};
static const struct utee_attr_rule rsa_pub_attrs[] = {
	{ TEE_ATTR_RSA_MODULUS, A_REQ | A_SIZE },
	{ TEE_ATTR_RSA_PUBLIC_EXPONENT, A_REQ },
};
static const struct utee_attr_rule rsa_pair_attrs[] = {
	{ TEE_ATTR_RSA_MODULUS, A_REQ | A_SIZE },
	{ TEE_ATTR_RSA_PUBLIC_EXPONENT, A_REQ },
	{ TEE_ATTR_RSA_PRIVATE_EXPONENT, A_REQ },
	{ TEE_ATTR_RSA_PRIME1, A_CRT },
	{ TEE_ATTR_RSA_PRIME2, A_CRT },
	{ TEE_ATTR_RSA_EXPONENT1, A_CRT },
	{ TEE_ATTR_RSA_EXPONENT2, A_CRT },
	{ TEE_ATTR_RSA_COEFFICIENT, A_CRT },
};
static const struct utee_attr_rule dsa_pub_attrs[] = {
	{ TEE_ATTR_DSA_PRIME, A_REQ | A_SIZE },
	{ TEE_ATTR_DSA_SUBPRIME, A_REQ },
	{ TEE_ATTR_DSA_BASE, A_REQ },
	{ TEE_ATTR_DSA_PUBLIC_VALUE, A_REQ },
};
static const struct utee_attr_rule dsa_pair_attrs[] = {
	{ TEE_ATTR_DSA_PRIME, A_REQ | A_SIZE },
	{ TEE_ATTR_DSA_SUBPRIME, A_REQ },
	{ TEE_ATTR_DSA_BASE, A_REQ },
	{ TEE_ATTR_DSA_PUBLIC_VALUE, A_REQ },
	{ TEE_ATTR_DSA_PRIVATE_VALUE, A_REQ },
};
static const struct utee_attr_rule dh_pair_attrs[] = {
	{ TEE_ATTR_DH_PRIME, A_REQ | A_SIZE },
	{ TEE_ATTR_DH_BASE, A_REQ },
	{ TEE_ATTR_DH_PUBLIC_VALUE, A_REQ },
	{ TEE_ATTR_DH_PRIVATE_VALUE, A_REQ },
	{ TEE_ATTR_DH_SUBPRIME, A_OPT },
	{ TEE_ATTR_DH_X_BITS, A_OPT },
};
static const struct utee_attr_rule ecc_pub_attrs[] = {
	{ TEE_ATTR_ECC_PUBLIC_VALUE_X, A_REQ },
	{ TEE_ATTR_ECC_PUBLIC_VALUE_Y, A_REQ },
	{ TEE_ATTR_ECC_CURVE, A_REQ | A_SIZE },
};
static const struct utee_attr_rule ecc_pair_attrs[] = {
	{ TEE_ATTR_ECC_PUBLIC_VALUE_X, A_REQ },
	{ TEE_ATTR_ECC_PUBLIC_VALUE_Y, A_REQ },
	{ TEE_ATTR_ECC_PRIVATE_VALUE, A_REQ },
	{ TEE_ATTR_ECC_CURVE, A_REQ | A_SIZE },
};
static const struct utee_attr_rule ed25519_pub_attrs[] = {
	{ TEE_ATTR_ED25519_PUBLIC_VALUE, A_REQ | A_SIZE },
};
static const struct utee_attr_rule ed25519_pair_attrs[] = {
	{ TEE_ATTR_ED25519_PUBLIC_VALUE, A_REQ | A_SIZE },
	{ TEE_ATTR_ED25519_PRIVATE_VALUE, A_REQ },
};
static const struct utee_attr_rule x25519_pub_attrs[] = {
	{ TEE_ATTR_X25519_PUBLIC_VALUE, A_REQ | A_SIZE },
};
static const struct utee_attr_rule x25519_pair_attrs[] = {
	{ TEE_ATTR_X25519_PUBLIC_VALUE, A_REQ | A_SIZE },
	{ TEE_ATTR_X25519_PRIVATE_VALUE, A_REQ },
};

/* The inputs of OP-TEE's key derivations: one secret each. */
static const struct utee_attr_rule hkdf_ikm_attrs[] = {
	{ TEE_ATTR_HKDF_IKM, A_REQ | A_SIZE },
};
static const struct utee_attr_rule concat_kdf_z_attrs[] = {
	{ TEE_ATTR_CONCAT_KDF_Z, A_REQ | A_SIZE },
};
static const struct utee_attr_rule pbkdf2_password_attrs[] = {
	{ TEE_ATTR_PBKDF2_PASSWORD, A_REQ | A_SIZE },
};

static const uint16_t aes_sizes[] = { 128, 192, 256, 0 };
static const uint16_t des_sizes[] = { 64, 0 };
static const uint16_t des3_sizes[] = { 128, 192, 0 };
static const uint16_t ecc_sizes[] = { 192, 224, 256, 384, 521, 0 };
static const uint16_t x25519_sizes[] = { 256, 0 };
/* DSA: FIPS 186 (L = 512..1024 in steps of 64, 2048, 3072). */
static const uint16_t dsa_sizes[] = { 512, 576, 640, 704, 768, 832, 896,
				      960, 1024, 2048, 3072, 0 };

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define SECRET(t, lo, hi, q, kind) \
	{ t, lo, hi, q, NULL, secret_attrs, N(secret_attrs), kind }
#define LISTED(t, sz, at, kind) \
	{ t, 0, 0, 0, sz, at, N(at), kind }
#define RANGE(t, lo, hi, at, kind) \
	{ t, lo, hi, 1, NULL, at, N(at), kind }
/* OP-TEE's KDF inputs: whole bytes, 0 to 4096 bits, like a generic secret. */
#define KDF_INPUT(t, at) \
	{ t, 0, 4096, 8, NULL, at, N(at), UTEE_KIND_SECRET }

static const struct utee_type_info type_table[] = {
	LISTED(TEE_TYPE_AES, aes_sizes, secret_attrs, UTEE_KIND_SECRET),
	LISTED(TEE_TYPE_DES, des_sizes, secret_attrs, UTEE_KIND_SECRET),
	LISTED(TEE_TYPE_DES3, des3_sizes, secret_attrs, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_MD5, 64, 512, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA1, 80, 512, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA224, 112, 512, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA256, 192, 1024, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA384, 256, 1024, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA512, 256, 1024, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SM3, 80, 1024, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA3_224, 192, 1024, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA3_256, 256, 1024, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA3_384, 256, 1024, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_HMAC_SHA3_512, 256, 1024, 8, UTEE_KIND_SECRET),
	SECRET(TEE_TYPE_GENERIC_SECRET, 0, 4096, 8, UTEE_KIND_SECRET),
	/* GP 1.3.1's HKDF input keying material (TEE_ALG_HKDF). */
	SECRET(TEE_TYPE_HKDF, 8, 4096, 8, UTEE_KIND_SECRET),
	KDF_INPUT(TEE_TYPE_HKDF_IKM, hkdf_ikm_attrs),
	KDF_INPUT(TEE_TYPE_CONCAT_KDF_Z, concat_kdf_z_attrs),
	KDF_INPUT(TEE_TYPE_PBKDF2_PASSWORD, pbkdf2_password_attrs),
	RANGE(TEE_TYPE_RSA_PUBLIC_KEY, 256, 4096, rsa_pub_attrs,
	      UTEE_KIND_RSA),
	RANGE(TEE_TYPE_RSA_KEYPAIR, 256, 4096, rsa_pair_attrs, UTEE_KIND_RSA),
	LISTED(TEE_TYPE_DSA_PUBLIC_KEY, dsa_sizes, dsa_pub_attrs,
	       UTEE_KIND_BIGNUM),
	LISTED(TEE_TYPE_DSA_KEYPAIR, dsa_sizes, dsa_pair_attrs,
	       UTEE_KIND_BIGNUM),
	RANGE(TEE_TYPE_DH_KEYPAIR, 256, 2048, dh_pair_attrs, UTEE_KIND_BIGNUM),
	LISTED(TEE_TYPE_ECDSA_PUBLIC_KEY, ecc_sizes, ecc_pub_attrs,
	       UTEE_KIND_ECC),
	LISTED(TEE_TYPE_ECDSA_KEYPAIR, ecc_sizes, ecc_pair_attrs,
	       UTEE_KIND_ECC),
	LISTED(TEE_TYPE_ECDH_PUBLIC_KEY, ecc_sizes, ecc_pub_attrs,
	       UTEE_KIND_ECC),
	LISTED(TEE_TYPE_ECDH_KEYPAIR, ecc_sizes, ecc_pair_attrs,
	       UTEE_KIND_ECC),
	LISTED(TEE_TYPE_ED25519_PUBLIC_KEY, x25519_sizes, ed25519_pub_attrs,
	       UTEE_KIND_25519),
	LISTED(TEE_TYPE_ED25519_KEYPAIR, x25519_sizes, ed25519_pair_attrs,
	       UTEE_KIND_25519),
	LISTED(TEE_TYPE_X25519_PUBLIC_KEY, x25519_sizes, x25519_pub_attrs,
	       UTEE_KIND_25519),
	LISTED(TEE_TYPE_X25519_KEYPAIR, x25519_sizes, x25519_pair_attrs,
	       UTEE_KIND_25519),
};

const struct utee_type_info *utee_type_find(uint32_t type)
{
	size_t i;

	for (i = 0; i < N(type_table); i++)
		if (type_table[i].type == type)
			return &type_table[i];
	return NULL;
}

bool utee_type_size_valid(const struct utee_type_info *t, uint32_t size)
{
	const uint16_t *s;

	if (t->sizes) {
		for (s = t->sizes; *s; s++)
			if (*s == size)
				return true;
		return false;
	}
	return size >= t->min_bits && size <= t->max_bits &&
	       size % t->quantum == 0;
}

uint32_t utee_type_max_size(const struct utee_type_info *t)
{
	const uint16_t *s;
	uint32_t m = 0;

	if (!t->sizes)
		return t->max_bits;
	for (s = t->sizes; *s; s++)
		if (*s > m)
			m = *s;
	return m;
}

TEE_Result utee_obj_type_size_ok(uint32_t type, uint32_t size)
{
	const struct utee_type_info *t = utee_type_find(type);

	if (!t || !utee_type_size_valid(t, size))
		return TEE_ERROR_NOT_SUPPORTED;
	return TEE_SUCCESS;
}

uint32_t utee_type_secret_id(const struct utee_type_info *t)
{
	size_t i;

	if (t->kind != UTEE_KIND_SECRET)
		return 0;
	for (i = 0; i < t->n_attrs; i++)
		if (t->attrs[i].flags & UTEE_ATTR_SIZE)
			return t->attrs[i].id;
	return 0;
}

const struct utee_attr_rule *utee_type_rule(const struct utee_type_info *t,
					    uint32_t id)
{
	size_t i;

	for (i = 0; i < t->n_attrs; i++)
		if (t->attrs[i].id == id)
			return &t->attrs[i];
	return NULL;
}

uint32_t utee_ecc_curve_bits(uint32_t curve)
{
	switch (curve) {
	case TEE_ECC_CURVE_NIST_P192:
		return 192;
	case TEE_ECC_CURVE_NIST_P224:
		return 224;
	case TEE_ECC_CURVE_NIST_P256:
		return 256;
	case TEE_ECC_CURVE_NIST_P384:
		return 384;
	case TEE_ECC_CURVE_NIST_P521:
		return 521;
	default:
		return 0;
	}
}
