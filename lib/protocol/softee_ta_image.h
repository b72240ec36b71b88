/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The <uuid>.ta image: a signed header, the Ed25519 signature, then the
 * TA's ELF shared object. The signature covers the header bytes (which
 * include the SHA-256 of the ELF), so verifying it and the hash proves
 * the whole image. The secure world verifies before anything runs.
 */
#ifndef SOFTEE_TA_IMAGE_H
#define SOFTEE_TA_IMAGE_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#define SOFTEE_TA_IMG_MAGIC	0x31415453U /* "STA1" */
#define SOFTEE_TA_IMG_VERSION	1
#define SOFTEE_TA_IMG_HASH_SHA256	1
#define SOFTEE_TA_IMG_SIG_ED25519	1
#define SOFTEE_TA_IMG_SIG_LEN	64

struct softee_ta_img_hdr {
	uint32_t magic;
	uint16_t version;
	uint16_t hdr_size;	/* sizeof(struct softee_ta_img_hdr) */
	uint8_t uuid[16];	/* must match the file name and the TA */
	uint64_t elf_size;
	uint32_t hash_algo;	/* SOFTEE_TA_IMG_HASH_SHA256 */
	uint32_t sig_algo;	/* SOFTEE_TA_IMG_SIG_ED25519 */
	uint32_t sig_len;	/* SOFTEE_TA_IMG_SIG_LEN */
	uint32_t reserved;
	uint8_t hash[32];	/* SHA-256 of the ELF */
	/* then sig_len bytes of signature over this header, then the ELF */
};
static_assert(sizeof(struct softee_ta_img_hdr) == 80, "ta image header");

/* Largest TA image accepted (header + signature + ELF). */
#define SOFTEE_TA_IMG_MAX_SIZE	(64U << 20)

/*
 * Verify an image in memory against an Ed25519 public key (PEM file
 * contents). Checks, in this order: structure (size, magic, version,
 * algorithms, ELF size), the signature, the UUID (if expect_uuid is not
 * NULL), the ELF's hash. On success returns 0 and points *elf and
 * *elf_len (each may be NULL) at the ELF inside img. Errors: -EBADMSG
 * malformed, -EKEYREJECTED bad signature or unusable key, -ENOENT signed
 * for another UUID, -EILSEQ hash mismatch, -ENOMEM. msg (may be NULL)
 * receives a human-readable reason.
 */
int ta_image_verify(const void *img, size_t img_len,
		    const uint8_t expect_uuid[16],
		    const char *pubkey_pem, size_t pubkey_len,
		    const void **elf, size_t *elf_len,
		    char *msg, size_t msg_len);

/*
 * 0 if pem (pem_len bytes) holds an Ed25519 public key, else
 * -EKEYREJECTED: lets a daemon refuse a bad --ta-pubkey at start-up.
 */
int ta_image_check_pubkey(const char *pem, size_t pem_len);

/*
 * Build a signed image of elf with the Ed25519 private key (PEM). Returns
 * a malloc'd buffer in *out (caller frees) or -errno: -EINVAL empty ELF or
 * an image over SOFTEE_TA_IMG_MAX_SIZE, -EKEYREJECTED not an Ed25519
 * private key, -ENOMEM, -EIO.
 */
int ta_image_sign(const void *elf, size_t elf_len, const uint8_t uuid[16],
		  const char *privkey_pem, size_t privkey_len,
		  void **out, size_t *out_len, char *msg, size_t msg_len);

#endif /* SOFTEE_TA_IMAGE_H */
