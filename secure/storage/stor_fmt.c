/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The storage file format: an authenticated container (AES-256-GCM, a
 * fresh nonce per file, header and owner bound as AAD) holding either a
 * TA's directory of objects or one object. Pure code: every byte parsed
 * here came from the normal world.
 */
#include "storage.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "util.h"

static const uint8_t stor_magic[8] = { 'S', 'O', 'F', 'T', 'E', 'E', 's', 't' };
#define STOR_FMT_VERSION	1U
/* AAD: header, vm id, uuid, then for objects file id, id length, id. */
#define STOR_AAD_MAX	(sizeof(struct stor_file_hdr) + 4 + 16 + \
			 STOR_FILE_ID_LEN + 4 + SOFTEE_STOR_ID_MAX)

static_assert(sizeof(struct stor_file_hdr) == 48, "file header");

/* On-disk directory: a header then n fixed-size entries. */
struct stor_dirf_hdr {
	uint64_t gen;
	uint32_t n;
	uint32_t reserved;
};
struct stor_dirf_disk {
	struct softee_stor_obj_info info;
	uint8_t file_id[STOR_FILE_ID_LEN];
	uint8_t tag[STOR_TAG_LEN];
	uint32_t id_len;
	uint32_t reserved;
	uint8_t id[SOFTEE_STOR_ID_MAX];
};
static_assert(sizeof(struct stor_dirf_hdr) == 16, "dirf hdr");
static_assert(sizeof(struct stor_dirf_disk) == 128, "dirf entry");

/* Object plaintext: this, then attrs_len bytes of attributes, then data. */
struct stor_obj_hdr {
	struct softee_stor_obj_info info;
	uint32_t attrs_len;
	uint32_t reserved;
};
static_assert(sizeof(struct stor_obj_hdr) == 32, "obj hdr");

static void put_u32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static size_t stor_aad(const struct stor_file_hdr *h, const struct stor_bind *b,
		       uint8_t aad[STOR_AAD_MAX])
{
	size_t n = 0;

	memcpy(aad, h, sizeof(*h));
	n += sizeof(*h);
	put_u32(aad + n, b->vm_id);
	n += 4;
	memcpy(aad + n, b->uuid, 16);
	n += 16;
	if (b->kind == STOR_KIND_OBJECT) {
		memcpy(aad + n, b->file_id, STOR_FILE_ID_LEN);
		n += STOR_FILE_ID_LEN;
		put_u32(aad + n, b->obj_id_len);
		n += 4;
		if (b->obj_id_len)
			memcpy(aad + n, b->obj_id, b->obj_id_len);
		n += b->obj_id_len;
	}
	return n;
}

static bool stor_bind_ok(const struct stor_bind *b)
{
	if (b->kind == STOR_KIND_DIRF)
		return true;
	return b->kind == STOR_KIND_OBJECT && b->file_id &&
	       b->obj_id_len <= SOFTEE_STOR_ID_MAX &&
	       (b->obj_id || !b->obj_id_len);
}

/* One AES-256-GCM pass; enc selects the direction. 0 or -EIO/-EBADMSG. */
static int stor_gcm(bool enc, const uint8_t key[STOR_KEY_LEN],
		    const uint8_t nonce[STOR_NONCE_LEN], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
		    uint8_t tag[STOR_TAG_LEN])
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int outl, rc = -EIO;
	size_t done = 0;

	if (!ctx)
		return -ENOMEM;
	if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL,
			      enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, STOR_NONCE_LEN,
				NULL) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, enc) != 1 ||
	    EVP_CipherUpdate(ctx, NULL, &outl, aad, (int)aad_len) != 1)
		goto out;
	/* EVP takes int lengths: feed big objects in pieces. */
	while (done < len) {
		size_t chunk = MIN(len - done, (size_t)1 << 30);

		if (EVP_CipherUpdate(ctx, out + done, &outl, in + done,
				     (int)chunk) != 1 || (size_t)outl != chunk)
			goto out;
		done += chunk;
	}
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
					STOR_TAG_LEN, tag) != 1)
		goto out;
	if (EVP_CipherFinal_ex(ctx, out + done, &outl) != 1) {
		rc = enc ? -EIO : -EBADMSG;
		goto out;
	}
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, STOR_TAG_LEN,
				       tag) != 1)
		goto out;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

int stor_seal(const struct stor_ta_keys *k, const struct stor_bind *b,
	      const uint8_t *pt, size_t pt_len, uint8_t **out, size_t *out_len,
	      uint8_t tag[STOR_TAG_LEN])
{
	struct stor_file_hdr h;
	uint8_t aad[STOR_AAD_MAX];
	size_t total, aad_len;
	uint8_t *f;
	int rc;

	if (!stor_bind_ok(b) || ADD_OVERFLOW(pt_len, STOR_FILE_OVERHEAD, &total))
		return -EINVAL;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, stor_magic, sizeof(h.magic));
	h.version = STOR_FMT_VERSION;
	h.kind = b->kind;
	memcpy(h.key_id, k->key_id, sizeof(h.key_id));
	h.ct_len = pt_len;
	if (RAND_bytes(h.nonce, sizeof(h.nonce)) != 1)
		return -EIO;
	f = malloc(total);
	if (!f)
		return -ENOMEM;
	memcpy(f, &h, sizeof(h));
	aad_len = stor_aad(&h, b, aad);
	rc = stor_gcm(true, k->enc, h.nonce, aad, aad_len, pt, pt_len,
		      f + sizeof(h), tag);
	if (rc) {
		free(f);
		return rc;
	}
	memcpy(f + sizeof(h) + pt_len, tag, STOR_TAG_LEN);
	*out = f;
	*out_len = total;
	return 0;
}

int stor_unseal(const struct stor_ta_keys *k, const struct stor_bind *b,
		const uint8_t *file, size_t len, uint8_t **pt, size_t *pt_len,
		uint8_t tag[STOR_TAG_LEN])
{
	struct stor_file_hdr h;
	uint8_t aad[STOR_AAD_MAX];
	size_t aad_len;
	uint8_t *p;
	int rc;

	*pt = NULL;
	*pt_len = 0;
	if (!stor_bind_ok(b))
		return -EINVAL;
	if (len < STOR_FILE_OVERHEAD)
		return -EBADMSG;
	memcpy(&h, file, sizeof(h));
	if (memcmp(h.magic, stor_magic, sizeof(h.magic)) ||
	    h.version != STOR_FMT_VERSION || h.kind != b->kind ||
	    h.reserved)
		return -EBADMSG;
	/* Checked before the length so a wrong key never looks like tampering. */
	if (memcmp(h.key_id, k->key_id, sizeof(h.key_id)))
		return -EKEYREJECTED;
	/* Truncated or extended files fail here. */
	if (h.ct_len != len - STOR_FILE_OVERHEAD)
		return -EBADMSG;
	p = malloc(h.ct_len ? h.ct_len : 1);
	if (!p)
		return -ENOMEM;
	memcpy(tag, file + sizeof(h) + h.ct_len, STOR_TAG_LEN);
	aad_len = stor_aad(&h, b, aad);
	rc = stor_gcm(false, k->enc, h.nonce, aad, aad_len, file + sizeof(h),
		      h.ct_len, p, tag);
	if (rc) {
		/* Never hand out plaintext that failed authentication. */
		free(p);
		return rc == -ENOMEM ? rc : -EBADMSG;
	}
	*pt = p;
	*pt_len = h.ct_len;
	return 0;
}

/* --- directory file ---------------------------------------------------- */

void stor_dirf_free(struct stor_dirf *d)
{
	free(d->ents);
	memset(d, 0, sizeof(*d));
}

static int stor_dirf_reserve(struct stor_dirf *d, uint32_t n)
{
	struct stor_dirent *e;
	uint32_t cap;

	if (n <= d->cap)
		return 0;
	if (n > STOR_MAX_OBJECTS + 1)
		return -ENOSPC;
	cap = d->cap ? d->cap : 8;
	while (cap < n)
		cap *= 2;
	e = realloc(d->ents, (size_t)cap * sizeof(*e));
	if (!e)
		return -ENOMEM;
	d->ents = e;
	d->cap = cap;
	return 0;
}

int stor_dirf_copy(const struct stor_dirf *src, struct stor_dirf *dst)
{
	int rc;

	memset(dst, 0, sizeof(*dst));
	dst->gen = src->gen;
	rc = stor_dirf_reserve(dst, src->n ? src->n : 1);
	if (rc)
		return rc;
	if (src->n)
		memcpy(dst->ents, src->ents, (size_t)src->n * sizeof(*src->ents));
	dst->n = src->n;
	return 0;
}

struct stor_dirent *stor_dirf_find(const struct stor_dirf *d,
				   const uint8_t *id, uint32_t id_len)
{
	for (uint32_t i = 0; i < d->n; i++) {
		struct stor_dirent *e = &d->ents[i];

		if (e->id_len == id_len && !memcmp(e->id, id, id_len))
			return e;
	}
	return NULL;
}

int stor_dirf_add(struct stor_dirf *d, const struct stor_dirent *e)
{
	int rc;

	if (d->n >= STOR_MAX_OBJECTS)
		return -ENOSPC;
	rc = stor_dirf_reserve(d, d->n + 1);
	if (rc)
		return rc;
	d->ents[d->n++] = *e;
	return 0;
}

void stor_dirf_del(struct stor_dirf *d, struct stor_dirent *e)
{
	size_t i = (size_t)(e - d->ents);

	if (i >= d->n)
		return;
	memmove(&d->ents[i], &d->ents[i + 1],
		(d->n - i - 1) * sizeof(*d->ents));
	d->n--;
}

int stor_dirf_encode(const struct stor_dirf *d, uint8_t **out, size_t *len)
{
	struct stor_dirf_hdr h = { .gen = d->gen, .n = d->n };
	size_t total = sizeof(h) + (size_t)d->n * sizeof(struct stor_dirf_disk);
	uint8_t *b = calloc(1, total);

	if (!b)
		return -ENOMEM;
	memcpy(b, &h, sizeof(h));
	for (uint32_t i = 0; i < d->n; i++) {
		const struct stor_dirent *e = &d->ents[i];
		struct stor_dirf_disk x;

		memset(&x, 0, sizeof(x));
		x.info = e->info;
		memcpy(x.file_id, e->file_id, sizeof(x.file_id));
		memcpy(x.tag, e->tag, sizeof(x.tag));
		x.id_len = MIN(e->id_len, SOFTEE_STOR_ID_MAX);
		memcpy(x.id, e->id, x.id_len);
		memcpy(b + sizeof(h) + (size_t)i * sizeof(x), &x, sizeof(x));
	}
	*out = b;
	*len = total;
	return 0;
}

static bool stor_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int stor_dirf_decode(const uint8_t *buf, size_t len, struct stor_dirf *d)
{
	struct stor_dirf_hdr h;
	int rc;

	memset(d, 0, sizeof(*d));
	if (len < sizeof(h))
		return -EBADMSG;
	memcpy(&h, buf, sizeof(h));
	if (h.reserved || h.n > STOR_MAX_OBJECTS ||
	    len != sizeof(h) + (size_t)h.n * sizeof(struct stor_dirf_disk))
		return -EBADMSG;
	rc = stor_dirf_reserve(d, h.n ? h.n : 1);
	if (rc)
		return rc == -ENOSPC ? -EBADMSG : rc;
	d->gen = h.gen;
	for (uint32_t i = 0; i < h.n; i++) {
		struct stor_dirf_disk x;
		struct stor_dirent *e = &d->ents[i];

		memcpy(&x, buf + sizeof(h) + (size_t)i * sizeof(x), sizeof(x));
		/* Canonical only: one encoding per directory. */
		if (x.id_len > SOFTEE_STOR_ID_MAX || x.reserved ||
		    !stor_zero(x.id + x.id_len, sizeof(x.id) - x.id_len) ||
		    x.info.data_size > STOR_DATA_MAX)
			goto bad;
		memset(e, 0, sizeof(*e));
		e->info = x.info;
		memcpy(e->file_id, x.file_id, sizeof(e->file_id));
		memcpy(e->tag, x.tag, sizeof(e->tag));
		e->id_len = x.id_len;
		memcpy(e->id, x.id, x.id_len);
		for (uint32_t j = 0; j < i; j++) {
			const struct stor_dirent *o = &d->ents[j];

			if ((o->id_len == e->id_len &&
			     !memcmp(o->id, e->id, e->id_len)) ||
			    !memcmp(o->file_id, e->file_id, sizeof(e->file_id)))
				goto bad;
		}
		d->n = i + 1;
	}
	return 0;
bad:
	stor_dirf_free(d);
	return -EBADMSG;
}

/* --- object contents --------------------------------------------------- */

int stor_attrs_check(const uint8_t *attrs, size_t len)
{
	size_t off = 0;

	if (len > SOFTEE_STOR_ATTRS_MAX || (len && !attrs))
		return -EINVAL;
	while (off < len) {
		struct softee_stor_attr a;
		size_t body;

		if (len - off < sizeof(a))
			return -EINVAL;
		memcpy(&a, attrs + off, sizeof(a));
		off += sizeof(a);
		if (a.id & SOFTEE_STOR_ATTR_VALUE) {
			if (a.len)
				return -EINVAL;
			continue;
		}
		if (a.a || a.b || a.len > len)
			return -EINVAL;
		body = SOFTEE_STOR_PAD8((size_t)a.len);
		if (body > len - off ||
		    !stor_zero(attrs + off + a.len, body - a.len))
			return -EINVAL;
		off += body;
	}
	return 0;
}

void stor_objdata_free(struct stor_objdata *o)
{
	if (o->attrs)
		stor_key_wipe(o->attrs, o->attrs_len);
	free(o->attrs);
	free(o->data);
	memset(o, 0, sizeof(*o));
}

int stor_obj_encode(const struct stor_objdata *o, uint8_t **out, size_t *len)
{
	struct stor_obj_hdr h = { .info = o->info, .attrs_len = o->attrs_len };
	size_t total;
	uint8_t *b;

	if (o->info.data_size > STOR_DATA_MAX ||
	    o->attrs_len > SOFTEE_STOR_ATTRS_MAX)
		return -EINVAL;
	total = sizeof(h) + o->attrs_len + (size_t)o->info.data_size;
	b = malloc(total);
	if (!b)
		return -ENOMEM;
	memcpy(b, &h, sizeof(h));
	if (o->attrs_len)
		memcpy(b + sizeof(h), o->attrs, o->attrs_len);
	if (o->info.data_size)
		memcpy(b + sizeof(h) + o->attrs_len, o->data,
		       (size_t)o->info.data_size);
	*out = b;
	*len = total;
	return 0;
}

int stor_obj_decode(const uint8_t *buf, size_t len, struct stor_objdata *o)
{
	struct stor_obj_hdr h;
	size_t rest;

	memset(o, 0, sizeof(*o));
	if (len < sizeof(h))
		return -EBADMSG;
	memcpy(&h, buf, sizeof(h));
	rest = len - sizeof(h);
	if (h.reserved || h.attrs_len > SOFTEE_STOR_ATTRS_MAX ||
	    h.attrs_len > rest || h.info.data_size > STOR_DATA_MAX ||
	    h.info.data_size != rest - h.attrs_len ||
	    stor_attrs_check(buf + sizeof(h), h.attrs_len))
		return -EBADMSG;
	o->info = h.info;
	o->attrs_len = h.attrs_len;
	if (h.attrs_len) {
		o->attrs = malloc(h.attrs_len);
		if (!o->attrs)
			return -ENOMEM;
		memcpy(o->attrs, buf + sizeof(h), h.attrs_len);
	}
	if (h.info.data_size) {
		o->data = malloc((size_t)h.info.data_size);
		if (!o->data) {
			stor_objdata_free(o);
			return -ENOMEM;
		}
		memcpy(o->data, buf + sizeof(h) + h.attrs_len,
		       (size_t)h.info.data_size);
		o->data_cap = (size_t)h.info.data_size;
	}
	return 0;
}

void stor_file_name(const uint8_t file_id[STOR_FILE_ID_LEN],
		    char name[2 * STOR_FILE_ID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < STOR_FILE_ID_LEN; i++) {
		name[2 * i] = hex[file_id[i] >> 4];
		name[2 * i + 1] = hex[file_id[i] & 15];
	}
	name[2 * STOR_FILE_ID_LEN] = '\0';
}
