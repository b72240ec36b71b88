/* SPDX-License-Identifier: BSD-2-Clause */
/* Signing and verification of <uuid>.ta images (Ed25519 over the header). */
#include "softee_ta_image.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

static void set_msg(char *msg, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set_msg(char *msg, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!msg || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, len, fmt, ap);
	va_end(ap);
}

static EVP_PKEY *load_key(const char *pem, size_t len, int priv)
{
	BIO *bio;
	EVP_PKEY *key;

	if (len > INT32_MAX)
		return NULL;
	bio = BIO_new_mem_buf(pem, (int)len);
	if (!bio)
		return NULL;
	key = priv ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL)
		   : PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (key && EVP_PKEY_get_base_id(key) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	return key;
}

static int sha256(const void *data, size_t len, uint8_t out[32])
{
	unsigned int olen = 0;

	if (!EVP_Digest(data, len, out, &olen, EVP_sha256(), NULL) || olen != 32)
		return -EIO;
	return 0;
}

int ta_image_verify(const void *img, size_t img_len,
		    const uint8_t expect_uuid[16],
		    const char *pubkey_pem, size_t pubkey_len,
		    const void **elf, size_t *elf_len, char *msg, size_t msg_len)
{
	struct softee_ta_img_hdr h;
	const uint8_t *p = img;
	uint8_t digest[32];
	EVP_MD_CTX *ctx = NULL;
	EVP_PKEY *key = NULL;
	size_t body;
	int ok;

	if (img_len < sizeof(h)) {
		set_msg(msg, msg_len, "image too short (%zu bytes)", img_len);
		return -EBADMSG;
	}
	memcpy(&h, p, sizeof(h));
	if (h.magic != SOFTEE_TA_IMG_MAGIC || h.version != SOFTEE_TA_IMG_VERSION ||
	    h.hdr_size != sizeof(h)) {
		set_msg(msg, msg_len, "not a softee TA image (bad magic/version)");
		return -EBADMSG;
	}
	if (h.hash_algo != SOFTEE_TA_IMG_HASH_SHA256 ||
	    h.sig_algo != SOFTEE_TA_IMG_SIG_ED25519 ||
	    h.sig_len != SOFTEE_TA_IMG_SIG_LEN) {
		set_msg(msg, msg_len, "unsigned image or unsupported algorithms");
		return -EBADMSG;
	}
	body = img_len - sizeof(h);
	if (body < h.sig_len || body - h.sig_len != h.elf_size || h.elf_size == 0) {
		set_msg(msg, msg_len, "image size does not match its header");
		return -EBADMSG;
	}
	if (expect_uuid && memcmp(h.uuid, expect_uuid, 16)) {
		set_msg(msg, msg_len, "image UUID differs from the requested TA");
		return -ENOENT;
	}
	key = load_key(pubkey_pem, pubkey_len, 0);
	if (!key) {
		set_msg(msg, msg_len, "cannot load the TA verification key");
		return -EKEYREJECTED;
	}
	ctx = EVP_MD_CTX_new();
	ok = ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1 &&
	     EVP_DigestVerify(ctx, p + sizeof(h), h.sig_len, p, sizeof(h)) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	if (!ok) {
		set_msg(msg, msg_len, "TA signature verification failed");
		return -EKEYREJECTED;
	}
	if (sha256(p + sizeof(h) + h.sig_len, h.elf_size, digest) ||
	    memcmp(digest, h.hash, 32)) {
		set_msg(msg, msg_len, "TA image hash mismatch (tampered)");
		return -EILSEQ;
	}
	*elf = p + sizeof(h) + h.sig_len;
	*elf_len = h.elf_size;
	return 0;
}

int ta_image_sign(const void *elf, size_t elf_len, const uint8_t uuid[16],
		  const char *privkey_pem, size_t privkey_len,
		  void **out, size_t *out_len, char *msg, size_t msg_len)
{
	struct softee_ta_img_hdr h = {
		.magic = SOFTEE_TA_IMG_MAGIC,
		.version = SOFTEE_TA_IMG_VERSION,
		.hdr_size = sizeof(h),
		.elf_size = elf_len,
		.hash_algo = SOFTEE_TA_IMG_HASH_SHA256,
		.sig_algo = SOFTEE_TA_IMG_SIG_ED25519,
		.sig_len = SOFTEE_TA_IMG_SIG_LEN,
	};
	size_t siglen = SOFTEE_TA_IMG_SIG_LEN, total;
	EVP_MD_CTX *ctx = NULL;
	EVP_PKEY *key;
	uint8_t *buf;
	int ok;

	if (elf_len == 0 || elf_len > SOFTEE_TA_IMG_MAX_SIZE) {
		set_msg(msg, msg_len, "ELF size %zu out of range", elf_len);
		return -EINVAL;
	}
	memcpy(h.uuid, uuid, 16);
	if (sha256(elf, elf_len, h.hash))
		return -EIO;
	key = load_key(privkey_pem, privkey_len, 1);
	if (!key) {
		set_msg(msg, msg_len, "cannot load an Ed25519 private key");
		return -EKEYREJECTED;
	}
	total = sizeof(h) + SOFTEE_TA_IMG_SIG_LEN + elf_len;
	buf = malloc(total);
	if (!buf) {
		EVP_PKEY_free(key);
		return -ENOMEM;
	}
	memcpy(buf, &h, sizeof(h));
	ctx = EVP_MD_CTX_new();
	ok = ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) == 1 &&
	     EVP_DigestSign(ctx, buf + sizeof(h), &siglen, buf, sizeof(h)) == 1 &&
	     siglen == SOFTEE_TA_IMG_SIG_LEN;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	if (!ok) {
		free(buf);
		set_msg(msg, msg_len, "signing failed");
		return -EIO;
	}
	memcpy(buf + sizeof(h) + SOFTEE_TA_IMG_SIG_LEN, elf, elf_len);
	*out = buf;
	*out_len = total;
	return 0;
}
