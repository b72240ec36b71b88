// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP key objects (attributes as big-endian unsigned byte strings) to
 * OpenSSL EVP_PKEYs through OSSL_PARAM_BLD / EVP_PKEY_fromdata, and
 * BIGNUMs back to attributes for key generation.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <tee_internal_api.h>

#include "tee_api_asym.h"
#include "utee_object.h"

#define X25519_KEY_BYTES	32

void asym_clear_errors(void)
{
	ERR_clear_error();
}

size_t asym_strip_len(const uint8_t *buf, size_t len, const uint8_t **start)
{
	while (len && !*buf) {
		buf++;
		len--;
	}
	if (start)
		*start = buf;
	return len;
}

static bool attr_is_secret(uint32_t id)
{
	return !(id & TEE_ATTR_FLAG_PUBLIC);
}

BIGNUM *asym_attr_bn(const struct __TEE_ObjectHandle *o, uint32_t id)
{
	const struct utee_attr *a = utee_obj_attr(o, id);
	BIGNUM *bn;

	if (!a || (id & TEE_ATTR_FLAG_VALUE) || a->ref.len > INT32_MAX)
		return NULL;
	/* Secure BIGNUMs are wiped when freed, and so are the OSSL_PARAMs
	 * OSSL_PARAM_BLD makes of them. */
	bn = attr_is_secret(id) ? BN_secure_new() : BN_new();
	if (!bn)
		return NULL;
	if (!BN_bin2bn(a->ref.buf, (int)a->ref.len, bn)) {
		BN_clear_free(bn);
		return NULL;
	}
	return bn;
}

TEE_Result asym_set_bn_attr(struct __TEE_ObjectHandle *o, uint32_t id,
			    const BIGNUM *bn, size_t width)
{
	size_t len = (size_t)BN_num_bytes(bn);
	TEE_Result res;
	uint8_t *buf;

	if (width) {
		if (len > width)
			return TEE_ERROR_BAD_PARAMETERS;
		len = width;
	}
	if (!len)
		len = 1;	/* zero is one 0x00 byte, not an empty value */
	buf = malloc(len);
	if (!buf)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (BN_bn2binpad(bn, buf, (int)len) < 0) {
		free(buf);
		return TEE_ERROR_GENERIC;
	}
	res = utee_obj_set_ref(o, id, buf, len);
	OPENSSL_cleanse(buf, len);
	free(buf);
	return res;
}

TEE_Result asym_set_pkey_attr(struct __TEE_ObjectHandle *o, uint32_t id,
			      const EVP_PKEY *pkey, const char *name,
			      size_t width)
{
	BIGNUM *bn = NULL;
	TEE_Result res;

	if (!EVP_PKEY_get_bn_param(pkey, name, &bn)) {
		asym_clear_errors();
		return TEE_ERROR_GENERIC;
	}
	res = asym_set_bn_attr(o, id, bn, width);
	BN_clear_free(bn);
	return res;
}

/* --- building EVP_PKEYs ------------------------------------------------ */

/*
 * OSSL_PARAM_BLD keeps pointers to what is pushed and copies it only in
 * OSSL_PARAM_BLD_to_param, so the BIGNUMs and the encoded point live here
 * until the parameters are built.
 */
#define MAX_KEY_BNS 10
#define MAX_POINT_BYTES (1 + 2 * 66)	/* uncompressed P-521 point */
struct key_bld {
	OSSL_PARAM_BLD *bld;
	BIGNUM *bn[MAX_KEY_BNS];
	size_t n_bn;
	uint8_t point[MAX_POINT_BYTES];
};

static bool bld_init(struct key_bld *b)
{
	memset(b, 0, sizeof(*b));
	b->bld = OSSL_PARAM_BLD_new();
	return b->bld != NULL;
}

static void bld_free(struct key_bld *b)
{
	OSSL_PARAM_BLD_free(b->bld);
	while (b->n_bn)
		BN_clear_free(b->bn[--b->n_bn]);
}

/* Push bn (which b now owns) as parameter name; false on failure. */
static bool push_bn(struct key_bld *b, const char *name, BIGNUM *bn)
{
	if (!bn)
		return false;
	if (b->n_bn == MAX_KEY_BNS) {
		BN_clear_free(bn);
		return false;
	}
	b->bn[b->n_bn++] = bn;
	return OSSL_PARAM_BLD_push_BN(b->bld, name, bn);
}

/* Push attribute id of o as BIGNUM parameter name; false if absent. */
static bool push_attr(struct key_bld *b, const struct __TEE_ObjectHandle *o,
		      uint32_t id, const char *name)
{
	return push_bn(b, name, asym_attr_bn(o, id));
}

static TEE_Result fromdata(const char *type, int selection,
			   struct key_bld *b, EVP_PKEY **out)
{
	TEE_Result res = TEE_ERROR_OUT_OF_MEMORY;
	OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(b->bld);
	EVP_PKEY_CTX *ctx = NULL;

	if (!params)
		goto out;
	ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
	if (!ctx)
		goto out;
	res = TEE_ERROR_BAD_PARAMETERS;
	if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, out, selection, params) <= 0)
		goto out;
	res = TEE_SUCCESS;
out:
	if (res)
		asym_clear_errors();
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	return res;
}

static TEE_Result rsa_pkey(const struct __TEE_ObjectHandle *o, bool pair,
			   struct key_bld *bld, EVP_PKEY **out)
{
	static const struct {
		uint32_t id;
		const char *name;
	} crt[] = {
		{ TEE_ATTR_RSA_PRIME1, OSSL_PKEY_PARAM_RSA_FACTOR1 },
		{ TEE_ATTR_RSA_PRIME2, OSSL_PKEY_PARAM_RSA_FACTOR2 },
		{ TEE_ATTR_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT1 },
		{ TEE_ATTR_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_EXPONENT2 },
		{ TEE_ATTR_RSA_COEFFICIENT, OSSL_PKEY_PARAM_RSA_COEFFICIENT1 },
	};
	bool all_crt = true;

	if (!push_attr(bld, o, TEE_ATTR_RSA_MODULUS, OSSL_PKEY_PARAM_RSA_N) ||
	    !push_attr(bld, o, TEE_ATTR_RSA_PUBLIC_EXPONENT,
		       OSSL_PKEY_PARAM_RSA_E))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!pair)
		return fromdata("RSA", EVP_PKEY_PUBLIC_KEY, bld, out);
	if (!push_attr(bld, o, TEE_ATTR_RSA_PRIVATE_EXPONENT,
		       OSSL_PKEY_PARAM_RSA_D))
		return TEE_ERROR_BAD_PARAMETERS;
	/* The CRT values speed things up, but only as a complete set. */
	for (size_t i = 0; i < sizeof(crt) / sizeof(crt[0]); i++)
		all_crt = all_crt && utee_obj_attr(o, crt[i].id);
	for (size_t i = 0; all_crt && i < sizeof(crt) / sizeof(crt[0]); i++)
		if (!push_attr(bld, o, crt[i].id, crt[i].name))
			return TEE_ERROR_OUT_OF_MEMORY;
	return fromdata("RSA", EVP_PKEY_KEYPAIR, bld, out);
}

static TEE_Result ffc_pkey(const struct __TEE_ObjectHandle *o, bool dh,
			   bool pair, struct key_bld *bld, EVP_PKEY **out)
{
	uint32_t p = dh ? TEE_ATTR_DH_PRIME : TEE_ATTR_DSA_PRIME;
	uint32_t q = dh ? TEE_ATTR_DH_SUBPRIME : TEE_ATTR_DSA_SUBPRIME;
	uint32_t g = dh ? TEE_ATTR_DH_BASE : TEE_ATTR_DSA_BASE;
	uint32_t y = dh ? TEE_ATTR_DH_PUBLIC_VALUE : TEE_ATTR_DSA_PUBLIC_VALUE;
	uint32_t x = dh ? TEE_ATTR_DH_PRIVATE_VALUE :
			  TEE_ATTR_DSA_PRIVATE_VALUE;

	if (!push_attr(bld, o, p, OSSL_PKEY_PARAM_FFC_P) ||
	    !push_attr(bld, o, g, OSSL_PKEY_PARAM_FFC_G) ||
	    !push_attr(bld, o, y, OSSL_PKEY_PARAM_PUB_KEY))
		return TEE_ERROR_BAD_PARAMETERS;
	/* DSA needs q; for DH it is optional. */
	if ((!dh || utee_obj_attr(o, q)) &&
	    !push_attr(bld, o, q, OSSL_PKEY_PARAM_FFC_Q))
		return TEE_ERROR_BAD_PARAMETERS;
	if (pair && !push_attr(bld, o, x, OSSL_PKEY_PARAM_PRIV_KEY))
		return TEE_ERROR_BAD_PARAMETERS;
	return fromdata(dh ? "DH" : "DSA", pair ? EVP_PKEY_KEYPAIR :
			EVP_PKEY_PUBLIC_KEY, bld, out);
}

/* Append a coordinate to an uncompressed point, left-padded to width. */
static bool put_coord(uint8_t *dst, size_t width, const uint8_t *src,
		      size_t len)
{
	len = asym_strip_len(src, len, &src);
	if (len > width)
		return false;
	memset(dst, 0, width - len);
	if (len)
		memcpy(dst + width - len, src, len);
	return true;
}

/* The point X||Y as OpenSSL's uncompressed encoding 04||X||Y. */
static TEE_Result push_point(struct key_bld *bld, const struct asym_curve *c,
			     const void *x, size_t x_len,
			     const void *y, size_t y_len)
{
	uint8_t *pt = bld->point;

	if (1 + 2 * c->bytes > sizeof(bld->point))
		return TEE_ERROR_BAD_PARAMETERS;
	pt[0] = 0x04;
	if (!put_coord(pt + 1, c->bytes, x, x_len) ||
	    !put_coord(pt + 1 + c->bytes, c->bytes, y, y_len))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!OSSL_PARAM_BLD_push_utf8_string(bld->bld,
					     OSSL_PKEY_PARAM_GROUP_NAME,
					     c->name, 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld->bld, OSSL_PKEY_PARAM_PUB_KEY,
					      pt, 1 + 2 * c->bytes))
		return TEE_ERROR_OUT_OF_MEMORY;
	return TEE_SUCCESS;
}

/* The curve of an EC key object (TEE_ATTR_ECC_CURVE), NULL if unknown. */
static const struct asym_curve *obj_curve(const struct __TEE_ObjectHandle *o)
{
	const struct utee_attr *a = utee_obj_attr(o, TEE_ATTR_ECC_CURVE);

	return a ? asym_curve_find(a->value.a) : NULL;
}

static TEE_Result ec_pkey(const struct __TEE_ObjectHandle *o, bool pair,
			  struct key_bld *bld, EVP_PKEY **out)
{
	const struct utee_attr *x, *y;
	const struct asym_curve *c = obj_curve(o);
	TEE_Result res;

	x = utee_obj_attr(o, TEE_ATTR_ECC_PUBLIC_VALUE_X);
	y = utee_obj_attr(o, TEE_ATTR_ECC_PUBLIC_VALUE_Y);
	if (!c || !x || !y)
		return TEE_ERROR_BAD_PARAMETERS;
	res = push_point(bld, c, x->ref.buf, x->ref.len, y->ref.buf,
			 y->ref.len);
	if (res)
		return res;
	if (pair && !push_attr(bld, o, TEE_ATTR_ECC_PRIVATE_VALUE,
			       OSSL_PKEY_PARAM_PRIV_KEY))
		return TEE_ERROR_BAD_PARAMETERS;
	return fromdata("EC", pair ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
			bld, out);
}

/* Ed25519 and X25519 keys are fixed-size strings, not numbers. */
static TEE_Result raw_pkey(const struct __TEE_ObjectHandle *o, int nid,
			   uint32_t pub_id, uint32_t priv_id, bool pair,
			   EVP_PKEY **out)
{
	const struct utee_attr *a = utee_obj_attr(o, pair ? priv_id : pub_id);

	if (!a || a->ref.len != 32)
		return TEE_ERROR_BAD_PARAMETERS;
	if (pair)
		*out = EVP_PKEY_new_raw_private_key(nid, NULL, a->ref.buf, 32);
	else
		*out = EVP_PKEY_new_raw_public_key(nid, NULL, a->ref.buf, 32);
	if (!*out) {
		asym_clear_errors();
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_SUCCESS;
}

TEE_Result asym_pkey_from_obj(const struct __TEE_ObjectHandle *o,
			      EVP_PKEY **out)
{
	struct key_bld bld;
	TEE_Result res;

	*out = NULL;
	switch (o->type) {
	case TEE_TYPE_ED25519_PUBLIC_KEY:
	case TEE_TYPE_ED25519_KEYPAIR:
		return raw_pkey(o, EVP_PKEY_ED25519,
				TEE_ATTR_ED25519_PUBLIC_VALUE,
				TEE_ATTR_ED25519_PRIVATE_VALUE,
				o->type == TEE_TYPE_ED25519_KEYPAIR, out);
	case TEE_TYPE_X25519_PUBLIC_KEY:
	case TEE_TYPE_X25519_KEYPAIR:
		return raw_pkey(o, EVP_PKEY_X25519,
				TEE_ATTR_X25519_PUBLIC_VALUE,
				TEE_ATTR_X25519_PRIVATE_VALUE,
				o->type == TEE_TYPE_X25519_KEYPAIR, out);
	default:
		break;
	}
	if (!bld_init(&bld))
		return TEE_ERROR_OUT_OF_MEMORY;
	switch (o->type) {
	case TEE_TYPE_RSA_PUBLIC_KEY:
	case TEE_TYPE_RSA_KEYPAIR:
		res = rsa_pkey(o, o->type == TEE_TYPE_RSA_KEYPAIR, &bld, out);
		break;
	case TEE_TYPE_DSA_PUBLIC_KEY:
	case TEE_TYPE_DSA_KEYPAIR:
		res = ffc_pkey(o, false, o->type == TEE_TYPE_DSA_KEYPAIR, &bld,
			       out);
		break;
	case TEE_TYPE_DH_KEYPAIR:
		res = ffc_pkey(o, true, true, &bld, out);
		break;
	case TEE_TYPE_ECDSA_PUBLIC_KEY:
	case TEE_TYPE_ECDH_PUBLIC_KEY:
		res = ec_pkey(o, false, &bld, out);
		break;
	case TEE_TYPE_ECDSA_KEYPAIR:
	case TEE_TYPE_ECDH_KEYPAIR:
		res = ec_pkey(o, true, &bld, out);
		break;
	default:
		res = TEE_ERROR_NOT_SUPPORTED;
		break;
	}
	bld_free(&bld);
	return res;
}

/* --- the other party's public key for key derivation -------------------- */

static const TEE_Attribute *peer_ref(const TEE_Attribute *params, uint32_t n,
				     uint32_t id)
{
	const TEE_Attribute *a = asym_param(params, n, id);

	return a && !(id & TEE_ATTR_FLAG_VALUE) ? a : NULL;
}

static TEE_Result dh_peer(const struct __TEE_ObjectHandle *key,
			  const TEE_Attribute *params, uint32_t n,
			  EVP_PKEY **out)
{
	const TEE_Attribute *pub = peer_ref(params, n,
					    TEE_ATTR_DH_PUBLIC_VALUE);
	struct key_bld bld;
	TEE_Result res = TEE_ERROR_BAD_PARAMETERS;

	if (!pub || pub->content.ref.length > INT32_MAX)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!bld_init(&bld))
		return TEE_ERROR_OUT_OF_MEMORY;
	/* The peer shares our domain parameters. */
	if (!push_attr(&bld, key, TEE_ATTR_DH_PRIME, OSSL_PKEY_PARAM_FFC_P) ||
	    !push_attr(&bld, key, TEE_ATTR_DH_BASE, OSSL_PKEY_PARAM_FFC_G) ||
	    !push_bn(&bld, OSSL_PKEY_PARAM_PUB_KEY,
		     BN_bin2bn(pub->content.ref.buffer,
			       (int)pub->content.ref.length, NULL)))
		goto out;
	if (utee_obj_attr(key, TEE_ATTR_DH_SUBPRIME) &&
	    !push_attr(&bld, key, TEE_ATTR_DH_SUBPRIME, OSSL_PKEY_PARAM_FFC_Q))
		goto out;
	res = fromdata("DH", EVP_PKEY_PUBLIC_KEY, &bld, out);
out:
	bld_free(&bld);
	return res;
}

static TEE_Result ecdh_peer(const struct asym_curve *c,
			    const TEE_Attribute *params, uint32_t n,
			    EVP_PKEY **out)
{
	const TEE_Attribute *x = peer_ref(params, n,
					  TEE_ATTR_ECC_PUBLIC_VALUE_X);
	const TEE_Attribute *y = peer_ref(params, n,
					  TEE_ATTR_ECC_PUBLIC_VALUE_Y);
	struct key_bld bld;
	TEE_Result res;

	if (!x || !y)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!bld_init(&bld))
		return TEE_ERROR_OUT_OF_MEMORY;
	res = push_point(&bld, c, x->content.ref.buffer, x->content.ref.length,
			 y->content.ref.buffer, y->content.ref.length);
	/* fromdata refuses a point that is not on the curve. */
	if (!res)
		res = fromdata("EC", EVP_PKEY_PUBLIC_KEY, &bld, out);
	bld_free(&bld);
	return res;
}

TEE_Result asym_peer_pkey(const struct asym_impl *own,
			  const struct __TEE_ObjectHandle *key,
			  const TEE_Attribute *params, uint32_t n,
			  EVP_PKEY **out)
{
	const TEE_Attribute *a;

	*out = NULL;
	switch (own->alg->scheme) {
	case ASYM_DH:
		return dh_peer(key, params, n, out);
	case ASYM_ECDH:
		return ecdh_peer(own->curve, params, n, out);
	case ASYM_X25519:
		a = peer_ref(params, n, TEE_ATTR_X25519_PUBLIC_VALUE);
		if (!a || a->content.ref.length != X25519_KEY_BYTES)
			return TEE_ERROR_BAD_PARAMETERS;
		*out = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL,
						   a->content.ref.buffer,
						   X25519_KEY_BYTES);
		if (!*out) {
			asym_clear_errors();
			return TEE_ERROR_BAD_PARAMETERS;
		}
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

const struct asym_curve *asym_obj_curve(const struct __TEE_ObjectHandle *o)
{
	return obj_curve(o);
}
