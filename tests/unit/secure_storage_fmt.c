// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of secure storage's keys and file format: what is bound to
 * a file, that every damaged byte is caught, canonical directory files,
 * object contents and attribute records, the device key file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/storage.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static const uint8_t uuid_a[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				    13, 14, 15, 16 };
static const uint8_t uuid_b[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				    13, 14, 15, 17 };
static const uint8_t fid[STOR_FILE_ID_LEN] = { 0xf1, 0xf2 };

static void set_key(uint8_t v)
{
	uint8_t k[STOR_KEY_LEN];

	memset(k, v, sizeof(k));
	stor_key_set(k);
}

static struct stor_bind obj_bind(uint32_t vm, const uint8_t *uuid,
				 const char *id)
{
	struct stor_bind b = { .vm_id = vm, .kind = STOR_KIND_OBJECT,
			       .file_id = fid, .obj_id = (const uint8_t *)id,
			       .obj_id_len = (uint32_t)strlen(id) };

	memcpy(b.uuid, uuid, 16);
	return b;
}

TEST(keys_differ_per_vm_and_ta_and_device_key)
{
	struct stor_ta_keys a, b, c, d;

	set_key(7);
	CHECK(!stor_key_derive(1, uuid_a, &a));
	CHECK(!stor_key_derive(1, uuid_a, &b));
	CHECK(!memcmp(&a, &b, sizeof(a)));
	CHECK(!stor_key_derive(2, uuid_a, &b));
	CHECK(!stor_key_derive(1, uuid_b, &c));
	CHECK(memcmp(a.enc, b.enc, sizeof(a.enc)) && strcmp(a.dir, b.dir));
	CHECK(memcmp(a.enc, c.enc, sizeof(a.enc)) && strcmp(a.dir, c.dir));
	/* The key id names the device key only. */
	CHECK(!memcmp(a.key_id, b.key_id, sizeof(a.key_id)));
	set_key(8);
	CHECK(!stor_key_derive(1, uuid_a, &d));
	CHECK(memcmp(a.enc, d.enc, sizeof(a.enc)) &&
	      memcmp(a.key_id, d.key_id, sizeof(a.key_id)));
	CHECK(strlen(a.dir) == STOR_DIRNAME_LEN &&
	      strspn(a.dir, "0123456789abcdef") == STOR_DIRNAME_LEN);
}

TEST(seal_roundtrip_and_fresh_nonce)
{
	struct stor_bind b = obj_bind(1, uuid_a, "object");
	struct stor_ta_keys k;
	uint8_t *f1, *f2, *pt, tag1[16], tag2[16], tag3[16];
	size_t l1, l2, pl;
	const char msg[] = "secret content";

	set_key(7);
	CHECK(!stor_key_derive(1, uuid_a, &k));
	CHECK(!stor_seal(&k, &b, (const uint8_t *)msg, sizeof(msg), &f1, &l1,
			 tag1));
	CHECK(!stor_seal(&k, &b, (const uint8_t *)msg, sizeof(msg), &f2, &l2,
			 tag2));
	CHECK(l1 == sizeof(msg) + STOR_FILE_OVERHEAD && l1 == l2);
	/* Fresh nonce per write: the same plaintext never looks the same. */
	CHECK(memcmp(f1, f2, l1) && memcmp(tag1, tag2, 16));
	CHECK(!memmem(f1, l1, "secret", 6));
	CHECK(!stor_unseal(&k, &b, f1, l1, &pt, &pl, tag3));
	CHECK(pl == sizeof(msg) && !memcmp(pt, msg, pl) &&
	      !memcmp(tag1, tag3, 16));
	free(pt);
	free(f1);
	free(f2);
}

TEST(unseal_refuses_other_binding)
{
	struct stor_bind b = obj_bind(1, uuid_a, "object"), x;
	struct stor_ta_keys k, k2;
	uint8_t *f, *pt, tag[16], other_fid[STOR_FILE_ID_LEN] = { 9 };
	size_t l, pl;

	set_key(7);
	CHECK(!stor_key_derive(1, uuid_a, &k));
	CHECK(!stor_seal(&k, &b, (const uint8_t *)"x", 1, &f, &l, tag));
	x = obj_bind(1, uuid_a, "objecT");
	EXPECT(stor_unseal(&k, &x, f, l, &pt, &pl, tag) == -EBADMSG);
	x = obj_bind(1, uuid_a, "object");
	x.file_id = other_fid;
	EXPECT(stor_unseal(&k, &x, f, l, &pt, &pl, tag) == -EBADMSG);
	x = obj_bind(2, uuid_a, "object");
	EXPECT(stor_unseal(&k, &x, f, l, &pt, &pl, tag) == -EBADMSG);
	x = obj_bind(1, uuid_b, "object");
	EXPECT(stor_unseal(&k, &x, f, l, &pt, &pl, tag) == -EBADMSG);
	/* Another TA's key, right binding: still refused. */
	CHECK(!stor_key_derive(1, uuid_b, &k2));
	EXPECT(stor_unseal(&k2, &b, f, l, &pt, &pl, tag) == -EBADMSG);
	x = b;
	x.kind = STOR_KIND_DIRF;
	EXPECT(stor_unseal(&k, &x, f, l, &pt, &pl, tag) == -EBADMSG);
	free(f);
}

TEST(every_flipped_bit_truncation_and_extension_is_caught)
{
	struct stor_bind b = obj_bind(3, uuid_a, "o");
	struct stor_ta_keys k;
	uint8_t *f, *pt, tag[16], *big;
	size_t l, pl;
	int rc;

	set_key(7);
	CHECK(!stor_key_derive(3, uuid_a, &k));
	CHECK(!stor_seal(&k, &b, (const uint8_t *)"0123456789", 10, &f, &l,
			 tag));
	for (size_t i = 0; i < l; i++) {
		for (int bit = 0; bit < 8; bit++) {
			f[i] ^= (uint8_t)(1 << bit);
			rc = stor_unseal(&k, &b, f, l, &pt, &pl, tag);
			f[i] ^= (uint8_t)(1 << bit);
			/* Bytes 16..23 name the device key: "not ours", not corrupt. */
			if (i >= 16 && i < 24)
				EXPECT(rc == -EKEYREJECTED);
			else if (rc != -EBADMSG)
				TEST_FAILF("byte %zu bit %d: %d", i, bit, rc);
			EXPECT(pt == NULL);
		}
	}
	for (size_t n = 0; n < l; n++)
		EXPECT(stor_unseal(&k, &b, f, n, &pt, &pl, tag) == -EBADMSG);
	big = malloc(l + 1);
	CHECK(big);
	memcpy(big, f, l);
	big[l] = 0;
	EXPECT(stor_unseal(&k, &b, big, l + 1, &pt, &pl, tag) == -EBADMSG);
	free(big);
	free(f);
}

static void add_ent(struct stor_dirf *d, const char *id, uint8_t fid0)
{
	struct stor_dirent e;

	memset(&e, 0, sizeof(e));
	e.id_len = (uint32_t)strlen(id);
	memcpy(e.id, id, e.id_len);
	e.file_id[0] = fid0;
	e.info.data_size = fid0;
	e.info.type = 0xA00000BF;
	stor_dirf_add(d, &e);
}

TEST(dirf_roundtrip_and_canonical_form)
{
	struct stor_dirf d = { 0 }, back;
	uint8_t *buf;
	size_t len;

	d.gen = 42;
	add_ent(&d, "alpha", 1);
	add_ent(&d, "beta", 2);
	CHECK(!stor_dirf_encode(&d, &buf, &len));
	CHECK(!stor_dirf_decode(buf, len, &back));
	CHECK(back.gen == 42 && back.n == 2 &&
	      stor_dirf_find(&back, (const uint8_t *)"beta", 4) &&
	      stor_dirf_find(&back, (const uint8_t *)"beta", 4)->info.data_size == 2);
	stor_dirf_free(&back);
	/* Garbage after an id, an id too long, a bad length. */
	buf[16 + 64 + 5] = 1;
	EXPECT(stor_dirf_decode(buf, len, &back) == -EBADMSG);
	buf[16 + 64 + 5] = 0;
	buf[16 + 56] = 65;
	EXPECT(stor_dirf_decode(buf, len, &back) == -EBADMSG);
	buf[16 + 56] = 5;
	EXPECT(stor_dirf_decode(buf, len - 1, &back) == -EBADMSG);
	EXPECT(stor_dirf_decode(buf, 3, &back) == -EBADMSG);
	free(buf);
	/* Two entries with one id, or one file. */
	add_ent(&d, "alpha", 3);
	CHECK(!stor_dirf_encode(&d, &buf, &len));
	EXPECT(stor_dirf_decode(buf, len, &back) == -EBADMSG);
	free(buf);
	stor_dirf_del(&d, &d.ents[2]);
	add_ent(&d, "gamma", 1);
	CHECK(!stor_dirf_encode(&d, &buf, &len));
	EXPECT(stor_dirf_decode(buf, len, &back) == -EBADMSG);
	free(buf);
	stor_dirf_free(&d);
}

TEST(object_contents_and_attribute_records)
{
	uint8_t attrs[16 + 8 + 16];
	struct softee_stor_attr a = { .id = 0xC0000000, .len = 5 };
	struct softee_stor_attr v = { .id = 0xF0000001 | SOFTEE_STOR_ATTR_VALUE,
				      .a = 7, .b = 9 };
	struct stor_objdata o = { 0 }, back;
	uint8_t *buf;
	size_t len;

	memset(attrs, 0, sizeof(attrs));
	memcpy(attrs, &a, sizeof(a));
	memcpy(attrs + 16, "hello", 5);
	memcpy(attrs + 24, &v, sizeof(v));
	CHECK(!stor_attrs_check(attrs, sizeof(attrs)));
	o.info.type = 0xA0000010;
	o.info.obj_size = 128;
	o.info.data_size = 3;
	o.attrs = attrs;
	o.attrs_len = sizeof(attrs);
	o.data = (uint8_t *)"abc";
	CHECK(!stor_obj_encode(&o, &buf, &len));
	CHECK(!stor_obj_decode(buf, len, &back));
	CHECK(back.info.obj_size == 128 && back.attrs_len == sizeof(attrs) &&
	      !memcmp(back.attrs, attrs, sizeof(attrs)) &&
	      back.info.data_size == 3 && !memcmp(back.data, "abc", 3));
	stor_objdata_free(&back);
	EXPECT(stor_obj_decode(buf, len - 1, &back) == -EBADMSG);
	free(buf);
	/* Padding must be zero, lengths must fit, values carry no bytes. */
	attrs[21] = 1;
	EXPECT(stor_attrs_check(attrs, sizeof(attrs)) == -EINVAL);
	attrs[21] = 0;
	EXPECT(stor_attrs_check(attrs, sizeof(attrs) - 1) == -EINVAL);
	v.len = 4;
	memcpy(attrs + 24, &v, sizeof(v));
	EXPECT(stor_attrs_check(attrs, sizeof(attrs)) == -EINVAL);
	a.len = 0xFFFFFFF0;
	memcpy(attrs, &a, sizeof(a));
	EXPECT(stor_attrs_check(attrs, sizeof(attrs)) == -EINVAL);
}

TEST(device_key_file_created_private_and_reloaded)
{
	char dir[] = "/tmp/stor-key-XXXXXX", path[64];
	struct stor_ta_keys a, b;
	struct stat st;
	int fd;

	CHECK(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/key", dir);
	CHECK(!stor_key_init(path));
	CHECK(!stat(path, &st));
	EXPECT((st.st_mode & 0777) == 0600 && st.st_size == STOR_KEY_LEN);
	CHECK(!stor_key_derive(1, uuid_a, &a));
	set_key(1);
	CHECK(!stor_key_init(path));
	CHECK(!stor_key_derive(1, uuid_a, &b));
	EXPECT(!memcmp(&a, &b, sizeof(a)));
	/* A key file of the wrong size is refused, not replaced. */
	fd = open(path, O_WRONLY | O_APPEND);
	CHECK(fd >= 0);
	EXPECT(write(fd, "x", 1) == 1);
	close(fd);
	EXPECT(stor_key_init(path) == -EINVAL);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	RUN(keys_differ_per_vm_and_ta_and_device_key);
	RUN(seal_roundtrip_and_fresh_nonce);
	RUN(unseal_refuses_other_binding);
	RUN(every_flipped_bit_truncation_and_extension_is_caught);
	RUN(dirf_roundtrip_and_canonical_form);
	RUN(object_contents_and_attribute_records);
	RUN(device_key_file_created_private_and_reloaded);
	return testlib_summary();
}
