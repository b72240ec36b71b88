/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: <uuid>.ta images, which the secure world gets from
 * the (untrusted) supplicant and verifies before anything runs. The first
 * byte picks what the rest is:
 *   bit 0 clear: a whole image, verified with the fixed test key below;
 *      bit 1 set: without an expected UUID. A verified image must hand
 *      back exactly the ELF after its header and signature.
 *   bit 0 set: off (4 bytes LE), xor (1), cut (2 LE), uuid (1), then an
 *      ELF that is signed here with the test key, changed by flipping
 *      the byte at off (if xor) and dropping cut bytes at the end, then
 *      verified, for the requested UUID or (uuid odd) another one. It
 *      must verify if and only if nothing was changed: every byte of a
 *      signed image is authenticated.
 * The test key is an Ed25519 key made from a fixed seed (bytes 0..31).
 * Its PEM for `softee sign`, to make seeds of the first kind (the seed
 * file is then a 0 byte followed by the image):
 *   (printf 302e020100300506032b657004220420; printf %02x $(seq 0 31)) |
 *   xxd -r -p | openssl pkey -inform DER -out fuzz_key.pem
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "softee_ta_image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ELF_OFF	(sizeof(struct softee_ta_img_hdr) + SOFTEE_TA_IMG_SIG_LEN)
#define PATCH_LEN	8	/* off, xor, cut, uuid */

static const uint8_t fuzz_uuid[16] = { 0x5e, 0xed, 0x7e, 0x57, 0xf0, 0x22,
	0x4c, 0x1e, 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0xf2 };
static const uint8_t other_uuid[16] = { 0x5e, 0xed, 0x7e, 0x57, 0xf0, 0x22,
	0x4c, 0x1e, 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0xf3 };

static char *priv_pem, *pub_pem;
static size_t priv_len, pub_len;

static char *to_pem(EVP_PKEY *k, int priv, size_t *len)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL, *out = NULL;
	long n;

	if (!b)
		abort();
	if ((priv ? PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL)
		  : PEM_write_bio_PUBKEY(b, k)) != 1)
		abort();
	n = BIO_get_mem_data(b, &data);
	if (n <= 0 || !(out = malloc((size_t)n)))
		abort();
	memcpy(out, data, (size_t)n);
	*len = (size_t)n;
	BIO_free(b);
	return out;
}

static void fuzz_init(void)
{
	uint8_t seed[32];
	EVP_PKEY *k;

	if (priv_pem)
		return;
	for (size_t i = 0; i < sizeof(seed); i++)
		seed[i] = (uint8_t)i;
	k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed,
					 sizeof(seed));
	if (!k)
		abort();
	priv_pem = to_pem(k, 1, &priv_len);
	pub_pem = to_pem(k, 0, &pub_len);
	EVP_PKEY_free(k);
}

static void check_msg(int rc, const char *msg, size_t cap)
{
	/* Every refusal says why, in a NUL-terminated message. */
	if (rc && (!msg[0] || strnlen(msg, cap) == cap))
		abort();
}

static void fuzz_whole_image(const uint8_t *img, size_t len, int any_uuid)
{
	const void *elf = NULL;
	size_t elf_len = 0;
	char msg[256] = "";
	int rc;

	rc = ta_image_verify(img, len, any_uuid ? NULL : fuzz_uuid, pub_pem,
			     pub_len, &elf, &elf_len, msg, sizeof(msg));
	check_msg(rc, msg, sizeof(msg));
	if (rc)
		return;
	if (len < ELF_OFF || elf != img + ELF_OFF || elf_len != len - ELF_OFF ||
	    !elf_len)
		abort();
}

static uint32_t le(const uint8_t *p, size_t n)
{
	uint32_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void fuzz_signed_then_patched(const uint8_t *in, size_t size)
{
	const uint8_t *elf_in = in + PATCH_LEN;
	size_t elf_in_len = size - PATCH_LEN, img_len = 0, out_len = 0, cut;
	uint32_t off = le(in, 4);
	uint8_t x = in[4];
	int other = in[7] & 1, changed = 0, rc;
	const void *out = NULL;
	char msg[256] = "";
	uint8_t *img = NULL;
	void *buf = NULL;

	rc = ta_image_sign(elf_in, elf_in_len, fuzz_uuid, priv_pem, priv_len,
			   &buf, &img_len, msg, sizeof(msg));
	if (!elf_in_len) {
		if (rc != -EINVAL || buf)	/* nothing to sign */
			abort();
		return;
	}
	if (rc || img_len != ELF_OFF + elf_in_len)
		abort();
	img = buf;
	if (x) {
		img[off % img_len] ^= x;
		changed = 1;
	}
	cut = le(in + 5, 2) % img_len;
	if (cut)
		changed = 1;
	msg[0] = '\0';
	rc = ta_image_verify(img, img_len - cut, other ? other_uuid : fuzz_uuid,
			     pub_pem, pub_len, &out, &out_len, msg, sizeof(msg));
	check_msg(rc, msg, sizeof(msg));
	if (!rc != (!changed && !other))
		abort();
	if (!rc && (out_len != elf_in_len || memcmp(out, elf_in, out_len)))
		abort();
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	if (size < 1)
		return 0;
	if (!(data[0] & 1))
		fuzz_whole_image(data + 1, size - 1, data[0] & 2);
	else if (size >= 1 + PATCH_LEN)
		fuzz_signed_then_patched(data + 1, size - 1);
	return 0;
}
