/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: the secure storage file format. The first byte picks
 * what the rest is:
 *   0: a whole object file (from the REE FS) to authenticate and decrypt;
 *   1: a whole directory file, likewise;
 *   2: a directory file's plaintext, sealed here so it authenticates, then
 *      decoded (what a key holder could make us parse);
 *   3: an object's plaintext, likewise; and attribute records alone.
 * Decoded plaintext must re-encode to exactly the same bytes (one
 * encoding per directory and object), else the target aborts.
 */
#include <stdlib.h>
#include <string.h>

#include "storage/storage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct stor_ta_keys keys;
static const uint8_t fuzz_uuid[16] = { 0x5e, 0xed, 0x7e, 0x57 };
static const uint8_t fuzz_fid[STOR_FILE_ID_LEN] = { 1, 2, 3 };

static void fuzz_init(void)
{
	uint8_t k[STOR_KEY_LEN];

	if (stor_key_ready())
		return;
	memset(k, 0x5a, sizeof(k));
	stor_key_set(k);
	if (stor_key_derive(1, fuzz_uuid, &keys))
		abort();
}

static struct stor_bind fuzz_bind(uint32_t kind)
{
	struct stor_bind b = { .vm_id = 1, .kind = kind, .file_id = fuzz_fid,
			       .obj_id = (const uint8_t *)"fuzz",
			       .obj_id_len = 4 };

	memcpy(b.uuid, fuzz_uuid, 16);
	return b;
}

static void check_dirf(const uint8_t *pt, size_t len)
{
	struct stor_dirf d;
	uint8_t *back;
	size_t blen;

	if (stor_dirf_decode(pt, len, &d))
		return;
	for (uint32_t i = 0; i < d.n; i++)
		if (stor_dirf_find(&d, d.ents[i].id, d.ents[i].id_len) !=
		    &d.ents[i])
			abort();	/* ids are unique */
	if (stor_dirf_encode(&d, &back, &blen))
		abort();
	if (blen != len || memcmp(back, pt, len))
		abort();
	free(back);
	stor_dirf_free(&d);
}

static void check_obj(const uint8_t *pt, size_t len)
{
	struct stor_objdata o;
	uint8_t *back;
	size_t blen;

	if (stor_obj_decode(pt, len, &o))
		return;
	if (stor_obj_encode(&o, &back, &blen))
		abort();
	if (blen != len || memcmp(back, pt, len))
		abort();
	free(back);
	stor_objdata_free(&o);
}

/* Seal pt as kind, then unseal and parse it as the storage would. */
static void sealed(uint32_t kind, const uint8_t *pt, size_t len)
{
	struct stor_bind b = fuzz_bind(kind);
	uint8_t *img, *back, tag[STOR_TAG_LEN], tag2[STOR_TAG_LEN];
	size_t img_len, back_len;

	if (stor_seal(&keys, &b, pt, len, &img, &img_len, tag))
		abort();
	if (stor_unseal(&keys, &b, img, img_len, &back, &back_len, tag2) ||
	    back_len != len || (len && memcmp(back, pt, len)) ||
	    memcmp(tag, tag2, sizeof(tag)))
		abort();
	if (kind == STOR_KIND_DIRF)
		check_dirf(back, back_len);
	else
		check_obj(back, back_len);
	free(back);
	free(img);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stor_bind b;
	uint8_t *pt, tag[STOR_TAG_LEN];
	size_t len;

	fuzz_init();
	if (size < 1)
		return 0;
	switch (data[0] & 3) {
	case 0:
	case 1:
		b = fuzz_bind(data[0] & 1 ? STOR_KIND_DIRF : STOR_KIND_OBJECT);
		if (!stor_unseal(&keys, &b, data + 1, size - 1, &pt, &len,
				 tag)) {
			/* Authentic: only what we sealed can get here. */
			if (b.kind == STOR_KIND_DIRF)
				check_dirf(pt, len);
			else
				check_obj(pt, len);
			free(pt);
		}
		break;
	case 2:
		sealed(STOR_KIND_DIRF, data + 1, size - 1);
		break;
	default:
		(void)stor_attrs_check(data + 1, size - 1);
		sealed(STOR_KIND_OBJECT, data + 1, size - 1);
		break;
	}
	return 0;
}
