/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the signed TA image format (lib/protocol/ta_image.c):
 * every byte of a signed image matters, every truncation and size lie is
 * refused with the documented error, and only Ed25519 keys are accepted.
 * Keys are generated here, so the test does not depend on keys/.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "softee_ta_image.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

#define HDR_SIZE	sizeof(struct softee_ta_img_hdr)
#define ELF_OFF		(HDR_SIZE + SOFTEE_TA_IMG_SIG_LEN)

static const uint8_t uuid_a[16] = { 0x5e, 0xed, 0x7e, 0x57, 0x1a, 0x6e,
	0x4c, 0x1e, 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0x0a };
static const uint8_t uuid_b[16] = { 0x5e, 0xed, 0x7e, 0x57, 0x1a, 0x6e,
	0x4c, 0x1e, 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0x0b };

struct pem {
	char *buf;
	size_t len;
};

/* Test keys: two Ed25519 pairs, and RSA / EC keys that must be refused. */
static struct pem ed_priv, ed_pub, ed2_priv, ed2_pub;
static struct pem rsa_priv, rsa_pub, ec_pub;
static EVP_PKEY *ed_key;

static int pem_of(EVP_PKEY *k, int priv, struct pem *out)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL;
	long n;
	int ok;

	if (!b)
		return -1;
	ok = priv ? PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL)
		  : PEM_write_bio_PUBKEY(b, k);
	n = BIO_get_mem_data(b, &data);
	if (ok == 1 && n > 0) {
		out->buf = malloc((size_t)n + 1);
		if (out->buf) {
			memcpy(out->buf, data, (size_t)n);
			out->buf[n] = '\0';
			out->len = (size_t)n;
		}
	}
	BIO_free(b);
	return out->buf ? 0 : -1;
}

static int make_keys(void)
{
	EVP_PKEY *ed2 = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	EVP_PKEY *rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
	EVP_PKEY *ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	int rc = -1;

	ed_key = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	if (ed_key && ed2 && rsa && ec && !pem_of(ed_key, 1, &ed_priv) &&
	    !pem_of(ed_key, 0, &ed_pub) && !pem_of(ed2, 1, &ed2_priv) &&
	    !pem_of(ed2, 0, &ed2_pub) && !pem_of(rsa, 1, &rsa_priv) &&
	    !pem_of(rsa, 0, &rsa_pub) && !pem_of(ec, 0, &ec_pub))
		rc = 0;
	EVP_PKEY_free(ed2);
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(ec);
	return rc;
}

static void free_keys(void)
{
	struct pem *all[] = { &ed_priv, &ed_pub, &ed2_priv, &ed2_pub,
			      &rsa_priv, &rsa_pub, &ec_pub };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		free(all[i]->buf);
	EVP_PKEY_free(ed_key);
}

/* A small fake ELF: the format does not parse it, only hashes it. */
static uint8_t elf[300];

static void fill_elf(void)
{
	memcpy(elf, "\x7f" "ELF", 4);
	for (size_t i = 4; i < sizeof(elf); i++)
		elf[i] = (uint8_t)(i * 7 + 3);
}

static int sign_a(void **img, size_t *len)
{
	return ta_image_sign(elf, sizeof(elf), uuid_a, ed_priv.buf, ed_priv.len,
			     img, len, NULL, 0);
}

static int verify(const void *img, size_t len, const uint8_t *uuid,
		  const struct pem *key, char *msg, size_t msg_len)
{
	const void *e = NULL;
	size_t elen = 0;

	return ta_image_verify(img, len, uuid, key->buf, key->len, &e, &elen,
			       msg, msg_len);
}

/* Re-sign a (possibly lying) header with ed_key, as a rogue signer could. */
static int resign(uint8_t *img)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t siglen = SOFTEE_TA_IMG_SIG_LEN;
	int ok;

	ok = ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, ed_key) == 1 &&
	     EVP_DigestSign(ctx, img + HDR_SIZE, &siglen, img, HDR_SIZE) == 1 &&
	     siglen == SOFTEE_TA_IMG_SIG_LEN;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

TEST(sign_then_verify_gives_back_the_elf)
{
	struct softee_ta_img_hdr h;
	uint8_t digest[32];
	unsigned int dlen = 0;
	const void *e = NULL;
	size_t len = 0, elen = 0;
	void *img = NULL;
	char msg[128] = "x";

	CHECK(sign_a(&img, &len) == 0);
	EXPECT_EQ_U(len, ELF_OFF + sizeof(elf));
	memcpy(&h, img, sizeof(h));
	EXPECT_EQ_U(h.magic, SOFTEE_TA_IMG_MAGIC);
	EXPECT_EQ_U(h.version, SOFTEE_TA_IMG_VERSION);
	EXPECT_EQ_U(h.hdr_size, HDR_SIZE);
	EXPECT_EQ_U(h.elf_size, sizeof(elf));
	EXPECT_EQ_U(h.hash_algo, SOFTEE_TA_IMG_HASH_SHA256);
	EXPECT_EQ_U(h.sig_algo, SOFTEE_TA_IMG_SIG_ED25519);
	EXPECT_EQ_U(h.sig_len, SOFTEE_TA_IMG_SIG_LEN);
	EXPECT_EQ_U(h.reserved, 0);
	EXPECT(!memcmp(h.uuid, uuid_a, 16));
	EXPECT(EVP_Digest(elf, sizeof(elf), digest, &dlen, EVP_sha256(), NULL));
	EXPECT(!memcmp(h.hash, digest, 32));
	EXPECT(ta_image_verify(img, len, uuid_a, ed_pub.buf, ed_pub.len, &e,
			       &elen, msg, sizeof(msg)) == 0);
	EXPECT(e == (const uint8_t *)img + ELF_OFF);
	EXPECT_EQ_U(elen, sizeof(elf));
	EXPECT(e && !memcmp(e, elf, sizeof(elf)));
	/* Output pointers are optional; no uuid means any uuid. */
	EXPECT(ta_image_verify(img, len, NULL, ed_pub.buf, ed_pub.len, NULL,
			       NULL, NULL, 0) == 0);
	free(img);
}

TEST(signing_is_deterministic)
{
	void *a = NULL, *b = NULL;
	size_t la = 0, lb = 0;

	CHECK(sign_a(&a, &la) == 0);
	EXPECT(sign_a(&b, &lb) == 0);
	EXPECT(la == lb && b && !memcmp(a, b, la));
	free(a);
	free(b);
}

/* Which error a change of the byte at off must give (checks' order). */
static int expected_flip_error(size_t off)
{
	if (off >= ELF_OFF)
		return -EILSEQ;		/* ELF: hash mismatch */
	if (off >= offsetof(struct softee_ta_img_hdr, hash))
		return -EKEYREJECTED;	/* hash, signature */
	if (off >= offsetof(struct softee_ta_img_hdr, uuid) &&
	    off < offsetof(struct softee_ta_img_hdr, elf_size))
		return -EKEYREJECTED;	/* uuid: signature first */
	return -EBADMSG;		/* magic, version, sizes, algorithms */
}

TEST(every_flipped_byte_is_refused_with_its_error)
{
	static const uint8_t masks[] = { 0x01, 0x80, 0xff };
	void *img = NULL;
	size_t len = 0;
	uint8_t *p;

	CHECK(sign_a(&img, &len) == 0);
	p = img;
	for (size_t off = 0; off < len; off++) {
		for (size_t m = 0; m < sizeof(masks); m++) {
			char msg[160] = "";
			int rc;

			p[off] ^= masks[m];
			rc = verify(p, len, uuid_a, &ed_pub, msg, sizeof(msg));
			p[off] ^= masks[m];
			if (rc != expected_flip_error(off) || !msg[0]) {
				TEST_FAILF("byte %zu ^ 0x%02x: rc %d, want %d (%s)",
					   off, masks[m], rc,
					   expected_flip_error(off), msg);
				free(img);
				return;
			}
		}
	}
	EXPECT(verify(p, len, uuid_a, &ed_pub, NULL, 0) == 0);
	free(img);
}

TEST(every_truncation_and_extension_is_refused)
{
	void *img = NULL, *big;
	size_t len = 0;
	char msg[160];

	CHECK(sign_a(&img, &len) == 0);
	for (size_t n = 0; n < len; n++) {
		msg[0] = '\0';
		if (verify(img, n, uuid_a, &ed_pub, msg, sizeof(msg)) != -EBADMSG ||
		    !msg[0]) {
			TEST_FAILF("truncated to %zu: not -EBADMSG (%s)", n, msg);
			break;
		}
	}
	big = realloc(img, len + 1);
	if (!big) {
		free(img);
		CHECK(big);
	}
	((uint8_t *)big)[len] = 0;
	EXPECT(verify(big, len + 1, uuid_a, &ed_pub, NULL, 0) == -EBADMSG);
	EXPECT(ta_image_verify(NULL, 0, uuid_a, ed_pub.buf, ed_pub.len, NULL,
			       NULL, NULL, 0) == -EBADMSG);
	free(big);
}

TEST(another_signing_key_is_refused)
{
	void *img = NULL;
	size_t len = 0;
	char msg[160] = "";

	CHECK(sign_a(&img, &len) == 0);
	EXPECT(verify(img, len, uuid_a, &ed2_pub, msg, sizeof(msg)) ==
	       -EKEYREJECTED);
	EXPECT(strstr(msg, "signature") != NULL);
	free(img);
	CHECK(ta_image_sign(elf, sizeof(elf), uuid_a, ed2_priv.buf, ed2_priv.len,
			    &img, &len, NULL, 0) == 0);
	EXPECT(verify(img, len, uuid_a, &ed2_pub, NULL, 0) == 0);
	EXPECT(verify(img, len, uuid_a, &ed_pub, NULL, 0) == -EKEYREJECTED);
	free(img);
}

TEST(an_image_renamed_to_another_uuid_is_refused)
{
	void *img = NULL;
	size_t len = 0;
	char msg[160] = "";

	CHECK(sign_a(&img, &len) == 0);
	EXPECT(verify(img, len, uuid_b, &ed_pub, msg, sizeof(msg)) == -ENOENT);
	EXPECT(strstr(msg, "another UUID") != NULL);
	free(img);
}

TEST(an_unsigned_elf_is_named_as_such)
{
	uint8_t raw[sizeof(elf)];
	char msg[160] = "";

	memcpy(raw, elf, sizeof(raw));
	EXPECT(verify(raw, sizeof(raw), uuid_a, &ed_pub, msg, sizeof(msg)) ==
	       -EBADMSG);
	EXPECT(strstr(msg, "unsigned ELF") != NULL);
	memset(raw, 0, sizeof(raw));
	msg[0] = '\0';
	EXPECT(verify(raw, sizeof(raw), uuid_a, &ed_pub, msg, sizeof(msg)) ==
	       -EBADMSG);
	EXPECT(strstr(msg, "bad magic") != NULL);
}

/*
 * Size and algorithm lies in a header that carries a valid signature
 * (a rogue or buggy signer): the structure checks still refuse them.
 */
TEST(signed_headers_that_lie_are_refused)
{
	static const uint64_t sizes[] = { 0, sizeof(elf) - 1, sizeof(elf) + 1,
		UINT64_MAX, UINT64_MAX - ELF_OFF + 1, UINT64_MAX - HDR_SIZE + 1,
		1ULL << 63, 1ULL << 32 | sizeof(elf), SOFTEE_TA_IMG_MAX_SIZE };
	static const uint32_t sig_lens[] = { 0, 63, 65, 0x7fffffff, UINT32_MAX };
	struct softee_ta_img_hdr *h;
	void *img = NULL;
	size_t len = 0;
	uint8_t *p, save[ELF_OFF];	/* header and signature */

	CHECK(sign_a(&img, &len) == 0);
	p = img;
	h = img;
	memcpy(save, p, ELF_OFF);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		h->elf_size = sizes[i];
		CHECK(resign(p) == 0);
		if (verify(p, len, uuid_a, &ed_pub, NULL, 0) != -EBADMSG)
			TEST_FAILF("elf_size %llu accepted",
				   (unsigned long long)sizes[i]);
		memcpy(p, save, ELF_OFF);
	}
	for (size_t i = 0; i < sizeof(sig_lens) / sizeof(sig_lens[0]); i++) {
		h->sig_len = sig_lens[i];
		CHECK(resign(p) == 0);
		if (verify(p, len, uuid_a, &ed_pub, NULL, 0) != -EBADMSG)
			TEST_FAILF("sig_len %u accepted", sig_lens[i]);
		memcpy(p, save, ELF_OFF);
	}
	h->version = SOFTEE_TA_IMG_VERSION + 1;
	CHECK(resign(p) == 0);
	EXPECT(verify(p, len, uuid_a, &ed_pub, NULL, 0) == -EBADMSG);
	memcpy(p, save, ELF_OFF);
	h->hdr_size = HDR_SIZE + 8;
	CHECK(resign(p) == 0);
	EXPECT(verify(p, len, uuid_a, &ed_pub, NULL, 0) == -EBADMSG);
	memcpy(p, save, ELF_OFF);
	h->hash_algo = 2;
	CHECK(resign(p) == 0);
	EXPECT(verify(p, len, uuid_a, &ed_pub, NULL, 0) == -EBADMSG);
	memcpy(p, save, ELF_OFF);
	h->sig_algo = 2;
	CHECK(resign(p) == 0);
	EXPECT(verify(p, len, uuid_a, &ed_pub, NULL, 0) == -EBADMSG);
	memcpy(p, save, ELF_OFF);
	h->reserved = 1;
	CHECK(resign(p) == 0);
	EXPECT(verify(p, len, uuid_a, &ed_pub, NULL, 0) == -EBADMSG);
	memcpy(p, save, ELF_OFF);
	h->hash[0] ^= 1;	/* signed, but not the ELF's hash */
	CHECK(resign(p) == 0);
	EXPECT(verify(p, len, uuid_a, &ed_pub, NULL, 0) == -EILSEQ);
	memcpy(p, save, ELF_OFF);
	EXPECT(verify(p, len, uuid_a, &ed_pub, NULL, 0) == 0);
	free(img);
}

TEST(only_ed25519_public_keys_verify)
{
	static const char garbage[] = "-----BEGIN PUBLIC KEY-----\nAAAA\n"
				      "-----END PUBLIC KEY-----\n";
	struct pem bad[] = {
		{ NULL, 0 }, { (char *)"", 0 }, { (char *)garbage, sizeof(garbage) - 1 },
		ed_priv, rsa_pub, rsa_priv, ec_pub,
		{ ed_pub.buf, ed_pub.len / 2 },	/* truncated PEM */
	};
	void *img = NULL;
	size_t len = 0;

	CHECK(sign_a(&img, &len) == 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char msg[160] = "";

		if (verify(img, len, uuid_a, &bad[i], msg, sizeof(msg)) !=
		    -EKEYREJECTED || !strstr(msg, "key"))
			TEST_FAILF("key %zu accepted or wrong error (%s)", i, msg);
		if (ta_image_check_pubkey(bad[i].buf, bad[i].len) != -EKEYREJECTED)
			TEST_FAILF("check_pubkey accepted key %zu", i);
		/* A refused key must not leave OpenSSL errors behind. */
		if (ERR_peek_error())
			TEST_FAILF("key %zu left an OpenSSL error queued", i);
	}
	EXPECT(ta_image_check_pubkey(ed_pub.buf, ed_pub.len) == 0);
	EXPECT(ta_image_check_pubkey(ed2_pub.buf, ed2_pub.len) == 0);
	free(img);
}

TEST(only_ed25519_private_keys_sign)
{
	struct pem bad[] = { { NULL, 0 }, { (char *)"x", 1 }, ed_pub, rsa_priv,
			     { ed_priv.buf, ed_priv.len / 2 } };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		void *img = NULL;
		size_t len = 0;
		char msg[160] = "";

		if (ta_image_sign(elf, sizeof(elf), uuid_a, bad[i].buf, bad[i].len,
				  &img, &len, msg, sizeof(msg)) != -EKEYREJECTED ||
		    img || !msg[0])
			TEST_FAILF("private key %zu: not refused (%s)", i, msg);
		free(img);
		if (ERR_peek_error())
			TEST_FAILF("key %zu left an OpenSSL error queued", i);
	}
}

TEST(sign_refuses_empty_and_oversized_elf)
{
	size_t max_elf = SOFTEE_TA_IMG_MAX_SIZE - ELF_OFF;
	void *img = NULL;
	size_t len = 0;
	char msg[160] = "";
	uint8_t *big;

	EXPECT(ta_image_sign(elf, 0, uuid_a, ed_priv.buf, ed_priv.len, &img,
			     &len, msg, sizeof(msg)) == -EINVAL && !img);
	EXPECT(strstr(msg, "out of range") != NULL);
	EXPECT(ta_image_sign(NULL, 10, uuid_a, ed_priv.buf, ed_priv.len, &img,
			     &len, NULL, 0) == -EINVAL && !img);
	/* Untouched zero pages: the largest ELF costs no real memory. */
	big = mmap(NULL, max_elf + 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	CHECK(big != MAP_FAILED);
	EXPECT(ta_image_sign(big, max_elf + 1, uuid_a, ed_priv.buf, ed_priv.len,
			     &img, &len, NULL, 0) == -EINVAL && !img);
	/* The largest ELF gives an image of exactly the maximum size. */
	EXPECT(ta_image_sign(big, max_elf, uuid_a, ed_priv.buf, ed_priv.len,
			     &img, &len, NULL, 0) == 0);
	EXPECT_EQ_U(len, SOFTEE_TA_IMG_MAX_SIZE);
	if (img)
		EXPECT(verify(img, len, uuid_a, &ed_pub, NULL, 0) == 0);
	free(img);
	munmap(big, max_elf + 1);
}

TEST(verify_refuses_an_image_over_the_maximum_size)
{
	size_t n = (size_t)SOFTEE_TA_IMG_MAX_SIZE + 1;
	struct softee_ta_img_hdr *h;
	char msg[160] = "";
	void *img = NULL, *big;
	size_t len = 0;

	CHECK(sign_a(&img, &len) == 0);
	big = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	if (big == MAP_FAILED) {
		free(img);
		CHECK(big != MAP_FAILED);
	}
	/* A header that claims exactly the rest of the buffer. */
	memcpy(big, img, ELF_OFF);
	h = big;
	h->elf_size = n - ELF_OFF;
	EXPECT(resign(big) == 0);
	EXPECT(verify(big, n, uuid_a, &ed_pub, msg, sizeof(msg)) == -EBADMSG);
	EXPECT(strstr(msg, "too large") != NULL);
	munmap(big, n);
	free(img);
}

TEST(messages_fit_any_buffer)
{
	uint8_t raw[8] = { 0 };
	char msg[4] = "xyz";

	EXPECT(verify(raw, sizeof(raw), uuid_a, &ed_pub, msg, 1) == -EBADMSG);
	EXPECT(msg[0] == '\0');
	EXPECT(verify(raw, sizeof(raw), uuid_a, &ed_pub, msg, sizeof(msg)) ==
	       -EBADMSG);
	EXPECT(strlen(msg) == sizeof(msg) - 1);
	EXPECT(verify(raw, sizeof(raw), uuid_a, &ed_pub, NULL, 100) == -EBADMSG);
	EXPECT(verify(raw, sizeof(raw), uuid_a, &ed_pub, msg, 0) == -EBADMSG);
}

int main(void)
{
	fill_elf();
	if (make_keys()) {
		printf("FAIL: ta_image_keys: cannot generate test keys\n");
		free_keys();
		return 1;
	}
	RUN(sign_then_verify_gives_back_the_elf);
	RUN(signing_is_deterministic);
	RUN(every_flipped_byte_is_refused_with_its_error);
	RUN(every_truncation_and_extension_is_refused);
	RUN(another_signing_key_is_refused);
	RUN(an_image_renamed_to_another_uuid_is_refused);
	RUN(an_unsigned_elf_is_named_as_such);
	RUN(signed_headers_that_lie_are_refused);
	RUN(only_ed25519_public_keys_verify);
	RUN(only_ed25519_private_keys_sign);
	RUN(sign_refuses_empty_and_oversized_elf);
	RUN(verify_refuses_an_image_over_the_maximum_size);
	RUN(messages_fit_any_buffer);
	free_keys();
	return testlib_summary();
}
