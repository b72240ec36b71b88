// SPDX-License-Identifier: BSD-2-Clause
/*
 * OpenSSL for the Internal API: one initialisation before the sandbox
 * (configuration, default provider, DRBG) and the algorithm objects the
 * runtime uses, fetched once and kept for the life of the TA host.
 */
#include <stdio.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <tee_internal_api.h>

#include "tee_api_crypto_int.h"

static const char *const md_names[] = {
	"MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SM3",
	"SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512", "MD5-SHA1",
	"SHAKE128", "SHAKE256",
};
static const char *const cipher_names[] = {
	"AES-128-ECB", "AES-192-ECB", "AES-256-ECB",
	"AES-128-CBC", "AES-192-CBC", "AES-256-CBC",
	"AES-128-CTR", "AES-192-CTR", "AES-256-CTR",
	"AES-128-GCM", "AES-192-GCM", "AES-256-GCM",
	"DES-EDE3-ECB", "DES-EDE3-CBC",
};
static const char *const mac_names[] = { "HMAC", "CMAC" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static EVP_MD *mds[N(md_names)];
static EVP_CIPHER *ciphers[N(cipher_names)];
static EVP_MAC *macs[N(mac_names)];
static bool crypto_ready;

static size_t name_index(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return SIZE_MAX;
}

void utee_crypto_init(void)
{
	unsigned char seed[16];
	size_t i;

	if (crypto_ready)
		return;
	crypto_ready = true;
	/* Reads openssl.cnf now: nothing may open files once sandboxed. */
	OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG |
			    OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL);
	if (!OSSL_PROVIDER_try_load(NULL, "default", 1))
		fprintf(stderr, "softee-ta: OpenSSL default provider unavailable\n");
	for (i = 0; i < N(md_names); i++)
		mds[i] = EVP_MD_fetch(NULL, md_names[i], NULL);
	for (i = 0; i < N(cipher_names); i++)
		ciphers[i] = EVP_CIPHER_fetch(NULL, cipher_names[i], NULL);
	for (i = 0; i < N(mac_names); i++)
		macs[i] = EVP_MAC_fetch(NULL, mac_names[i], NULL);
	/* Instantiate and seed the public and private DRBGs now. */
	if (RAND_bytes(seed, sizeof(seed)) != 1 ||
	    RAND_priv_bytes(seed, sizeof(seed)) != 1)
		fprintf(stderr, "softee-ta: OpenSSL DRBG not seeded\n");
	OPENSSL_cleanse(seed, sizeof(seed));
}

const EVP_MD *utee_crypto_md(const char *name)
{
	size_t i = name_index(md_names, N(md_names), name);

	utee_crypto_init();
	return i == SIZE_MAX ? NULL : mds[i];
}

const EVP_CIPHER *utee_crypto_cipher(const char *name)
{
	size_t i = name_index(cipher_names, N(cipher_names), name);

	utee_crypto_init();
	return i == SIZE_MAX ? NULL : ciphers[i];
}

EVP_MAC *utee_crypto_mac(const char *name)
{
	size_t i = name_index(mac_names, N(mac_names), name);

	utee_crypto_init();
	return i == SIZE_MAX ? NULL : macs[i];
}

const EVP_CIPHER *utee_crypto_aes(size_t key_len, const char *mode)
{
	char name[24];

	if (key_len != 16 && key_len != 24 && key_len != 32)
		return NULL;
	snprintf(name, sizeof(name), "AES-%zu-%s", key_len * 8, mode);
	return utee_crypto_cipher(name);
}

void utee_crypto_des3_key(uint8_t out[24], const uint8_t *key, size_t len)
{
	/* EDE with K1 = K2 is single DES, so one cipher serves all three. */
	if (len == 8) {
		memcpy(out, key, 8);
		memcpy(out + 8, key, 8);
		memcpy(out + 16, key, 8);
	} else if (len == 16) {
		memcpy(out, key, 16);
		memcpy(out + 16, key, 8);
	} else {
		memcpy(out, key, 24);
	}
}

EVP_CIPHER_CTX *utee_evp_ctx_dup(const EVP_CIPHER_CTX *src)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

	/* EVP refuses to copy a context that has no cipher yet. */
	if (c && src && EVP_CIPHER_CTX_get0_cipher(src) &&
	    !EVP_CIPHER_CTX_copy(c, src)) {
		EVP_CIPHER_CTX_free(c);
		return NULL;
	}
	return c;
}

const struct utee_attr *utee_op_secret(const struct __TEE_ObjectHandle *key)
{
	return key ? utee_obj_attr(key, TEE_ATTR_SECRET_VALUE) : NULL;
}

int utee_ct_memcmp(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n);
}
