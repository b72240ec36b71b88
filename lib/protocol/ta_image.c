/* SPDX-License-Identifier: BSD-2-Clause */
/* Signing and verification of <uuid>.ta images (Ed25519 over the header). */
#include "softee_ta_image.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

/* Header plus signature: where the ELF starts in a version 1 image. */
#define TA_IMG_ELF_OFF	(sizeof(struct softee_ta_img_hdr) + SOFTEE_TA_IMG_SIG_LEN)

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

	if (!pem || !len || len > INT32_MAX)
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
	/* A bad key leaves errors queued in this thread: not the caller's. */
	if (!key)
		ERR_clear_error();
	return key;
}

static int sha256(const void *data, size_t len, uint8_t out[32])
{
	unsigned int olen = 0;

	if (!EVP_Digest(data, len, out, &olen, EVP_sha256(), NULL) || olen != 32) {
		ERR_clear_error();
		return -EIO;
	}
	return 0;
}

int ta_image_check_pubkey(const char *pem, size_t pem_len)
{
	EVP_PKEY *key = load_key(pem, pem_len, 0);

	if (!key)
		return -EKEYREJECTED;
	EVP_PKEY_free(key);
	return 0;
}

/* Structure only (no key): magic, version, algorithms, sizes. */
static int check_header(const struct softee_ta_img_hdr *h, const uint8_t *p,
			size_t img_len, char *msg, size_t msg_len)
{
	size_t body = img_len - sizeof(*h);

	if (h->magic != SOFTEE_TA_IMG_MAGIC) {
		/* The common mistake: a TA's .so copied as <uuid>.ta. */
		if (!memcmp(p, "\x7f" "ELF", 4))
			set_msg(msg, msg_len, "unsigned ELF, not a signed TA image");
		else
			set_msg(msg, msg_len, "not a softee TA image (bad magic)");
		return -EBADMSG;
	}
	if (h->version != SOFTEE_TA_IMG_VERSION || h->hdr_size != sizeof(*h)) {
		set_msg(msg, msg_len, "unsupported TA image version %u "
			"(header size %u)", h->version, h->hdr_size);
		return -EBADMSG;
	}
	if (h->hash_algo != SOFTEE_TA_IMG_HASH_SHA256 ||
	    h->sig_algo != SOFTEE_TA_IMG_SIG_ED25519 ||
	    h->sig_len != SOFTEE_TA_IMG_SIG_LEN) {
		set_msg(msg, msg_len, "unsupported algorithms in the TA image "
			"(hash %u, signature %u, length %u)", h->hash_algo,
			h->sig_algo, h->sig_len);
		return -EBADMSG;
	}
	if (h->reserved) {
		set_msg(msg, msg_len, "reserved TA image header field set");
		return -EBADMSG;
	}
	/* sig_len is 64 here, so neither side of the comparison can wrap. */
	if (body < h->sig_len || h->elf_size != body - h->sig_len ||
	    h->elf_size == 0) {
		set_msg(msg, msg_len, "TA image size %zu does not match its "
			"header (ELF size %llu)", img_len,
			(unsigned long long)h->elf_size);
		return -EBADMSG;
	}
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
	EVP_MD_CTX *ctx;
	EVP_PKEY *key;
	int ok, rc;

	if (!img || img_len < sizeof(h)) {
		set_msg(msg, msg_len, "TA image too short (%zu bytes)", img_len);
		return -EBADMSG;
	}
	if (img_len > SOFTEE_TA_IMG_MAX_SIZE) {
		set_msg(msg, msg_len, "TA image too large (%zu bytes, max %u)",
			img_len, SOFTEE_TA_IMG_MAX_SIZE);
		return -EBADMSG;
	}
	memcpy(&h, p, sizeof(h));
	rc = check_header(&h, p, img_len, msg, msg_len);
	if (rc)
		return rc;
	key = load_key(pubkey_pem, pubkey_len, 0);
	if (!key) {
		set_msg(msg, msg_len, "cannot load the TA verification key "
			"(an Ed25519 public key in PEM)");
		return -EKEYREJECTED;
	}
	ctx = EVP_MD_CTX_new();
	if (!ctx) {
		EVP_PKEY_free(key);
		set_msg(msg, msg_len, "out of memory");
		return -ENOMEM;
	}
	ok = EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1 &&
	     EVP_DigestVerify(ctx, p + sizeof(h), h.sig_len, p, sizeof(h)) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	if (!ok) {
		ERR_clear_error();
		set_msg(msg, msg_len, "TA signature verification failed "
			"(tampered header or another signing key)");
		return -EKEYREJECTED;
	}
	/* After the signature: a renamed image, not a tampered header. */
	if (expect_uuid && memcmp(h.uuid, expect_uuid, 16)) {
		set_msg(msg, msg_len, "TA image is signed for another UUID "
			"(renamed file)");
		return -ENOENT;
	}
	if (sha256(p + TA_IMG_ELF_OFF, h.elf_size, digest) ||
	    memcmp(digest, h.hash, 32)) {
		set_msg(msg, msg_len, "TA image hash mismatch (tampered ELF)");
		return -EILSEQ;
	}
	if (elf)
		*elf = p + TA_IMG_ELF_OFF;
	if (elf_len)
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
	EVP_MD_CTX *ctx;
	EVP_PKEY *key;
	uint8_t *buf;
	int ok;

	/* The whole image must stay within what the loader accepts. */
	if (!elf || elf_len == 0 ||
	    elf_len > SOFTEE_TA_IMG_MAX_SIZE - TA_IMG_ELF_OFF) {
		set_msg(msg, msg_len, "ELF size %zu out of range (1..%zu)",
			elf_len, SOFTEE_TA_IMG_MAX_SIZE - TA_IMG_ELF_OFF);
		return -EINVAL;
	}
	memcpy(h.uuid, uuid, 16);
	if (sha256(elf, elf_len, h.hash)) {
		set_msg(msg, msg_len, "SHA-256 failed");
		return -EIO;
	}
	key = load_key(privkey_pem, privkey_len, 1);
	if (!key) {
		set_msg(msg, msg_len, "cannot load an Ed25519 private key (PEM)");
		return -EKEYREJECTED;
	}
	total = TA_IMG_ELF_OFF + elf_len;
	buf = malloc(total);
	ctx = buf ? EVP_MD_CTX_new() : NULL;
	if (!ctx) {
		free(buf);
		EVP_PKEY_free(key);
		set_msg(msg, msg_len, "out of memory");
		return -ENOMEM;
	}
	memcpy(buf, &h, sizeof(h));
	ok = EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) == 1 &&
	     EVP_DigestSign(ctx, buf + sizeof(h), &siglen, buf, sizeof(h)) == 1 &&
	     siglen == SOFTEE_TA_IMG_SIG_LEN;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	if (!ok) {
		ERR_clear_error();
		free(buf);
		set_msg(msg, msg_len, "signing failed");
		return -EIO;
	}
	memcpy(buf + TA_IMG_ELF_OFF, elf, elf_len);
	*out = buf;
	*out_len = total;
	return 0;
}
