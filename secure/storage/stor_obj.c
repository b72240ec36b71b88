/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Open persistent objects and the handles TA instances hold on them. An
 * object open through several handles (of one instance or of several
 * instances of the same TA) exists once here, so every handle sees every
 * write; GP's sharing rules are checked against all its handles.
 *
 * Locking: the store lock of the object's TA serializes everything that
 * touches an object's contents or its files; stor_g.lock (taken inside
 * a store lock, never around one) guards the lists and handle sets.
 */
#include "storage.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "log.h"
#include "util.h"

/* Plaintext cached for open objects, all TAs together. */
#define STOR_CACHE_MAX	(1ULL << 30)

struct stor_oobj {
	struct stor_oobj *next;
	struct stor_store *st;
	uint8_t id[SOFTEE_STOR_ID_MAX];
	uint32_t id_len;
	struct stor_objdata d;	/* contents (store lock) */
	unsigned int n_handles;
	bool corrupt;		/* found corrupt and deleted */
};

struct stor_handle {
	struct stor_handle *next;
	uint64_t id;
	struct tm_inst *inst;
	struct stor_oobj *obj;
	uint32_t flags;
};

static struct {
	pthread_mutex_t lock;
	struct stor_oobj *objs;
	struct stor_handle *handles;
	uint64_t next_id;
	uint64_t n_handles;
	uint64_t cached;	/* bytes of object data held */
} stor_g = { .lock = PTHREAD_MUTEX_INITIALIZER };

uint32_t stor_tee_result(int err)
{
	switch (err) {
	case 0:
		return 0;
	case -ENOENT:
		return 0xFFFF0008U;	/* ITEM_NOT_FOUND */
	case -EEXIST:
	case -EBUSY:
		return STOR_TEE_ERROR_ACCESS_CONFLICT;
	case -EBADMSG:
		return STOR_TEE_ERROR_CORRUPT_OBJECT;
	case -ENOSPC:
		return STOR_TEE_ERROR_STORAGE_NO_SPACE;
	case -EOVERFLOW:
		return STOR_TEE_ERROR_OVERFLOW;
	case -ENOMEM:
		return 0xFFFF000CU;	/* OUT_OF_MEMORY */
	case -EINVAL:
		return 0xFFFF0006U;	/* BAD_PARAMETERS */
	case -EPERM:
		return 0xFFFF0001U;	/* ACCESS_DENIED */
	default:
		/* I/O, a dead normal world, another device key. */
		return STOR_TEE_ERROR_STORAGE_NOT_AVAILABLE;
	}
}

uint64_t stor_open_handles(void)
{
	uint64_t n;

	pthread_mutex_lock(&stor_g.lock);
	n = stor_g.n_handles;
	pthread_mutex_unlock(&stor_g.lock);
	return n;
}

/* Account for a change of cached bytes; -ENOMEM over the limit. g locked. */
static int stor_cache_charge(uint64_t old_cap, uint64_t new_cap)
{
	if (new_cap > old_cap &&
	    stor_g.cached + (new_cap - old_cap) > STOR_CACHE_MAX)
		return -ENOMEM;
	stor_g.cached = stor_g.cached - old_cap + new_cap;
	return 0;
}

static int stor_charge(uint64_t old_cap, uint64_t new_cap)
{
	int rc;

	pthread_mutex_lock(&stor_g.lock);
	rc = stor_cache_charge(old_cap, new_cap);
	pthread_mutex_unlock(&stor_g.lock);
	return rc;
}

/* g locked. */
static struct stor_oobj *stor_oobj_find(struct stor_store *st,
					const uint8_t *id, uint32_t id_len)
{
	for (struct stor_oobj *o = stor_g.objs; o; o = o->next)
		if (o->st == st && !o->corrupt && o->id_len == id_len &&
		    !memcmp(o->id, id, id_len))
			return o;
	return NULL;
}

/* GP 5.7.3: READ/WRITE shared only if all say so; WRITE_META is exclusive. */
static bool stor_flags_conflict(uint32_t a, uint32_t b)
{
	if ((a | b) & STOR_FLAG_ACCESS_WRITE_META)
		return true;
	if (((a | b) & STOR_FLAG_ACCESS_READ) &&
	    !(a & b & STOR_FLAG_SHARE_READ))
		return true;
	return ((a | b) & STOR_FLAG_ACCESS_WRITE) &&
	       !(a & b & STOR_FLAG_SHARE_WRITE);
}

/* g locked. */
static bool stor_conflicts(const struct stor_oobj *o, uint32_t flags)
{
	for (struct stor_handle *h = stor_g.handles; h; h = h->next)
		if (h->obj == o && stor_flags_conflict(h->flags, flags))
			return true;
	return false;
}

/* g locked. */
static unsigned int stor_inst_handles(const struct tm_inst *inst)
{
	unsigned int n = 0;

	for (struct stor_handle *h = stor_g.handles; h; h = h->next)
		n += h->inst == inst;
	return n;
}

/* A new handle on o (g locked; o linked or about to be). */
static struct stor_handle *stor_handle_new(const struct stor_caller *c,
					   struct stor_oobj *o, uint32_t flags)
{
	struct stor_handle *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	if (!stor_g.next_id &&
	    RAND_bytes((uint8_t *)&stor_g.next_id, sizeof(stor_g.next_id)) != 1)
		stor_g.next_id = 0x5354;
	do {
		h->id = stor_g.next_id++;
	} while (!h->id);
	h->inst = c->inst;
	h->obj = o;
	h->flags = flags;
	h->next = stor_g.handles;
	stor_g.handles = h;
	stor_g.n_handles++;
	o->n_handles++;
	return h;
}

/* Unlink h; returns its object if that lost its last handle (unlinked). g locked. */
static struct stor_oobj *stor_handle_unlink(struct stor_handle *h)
{
	struct stor_oobj *o = h->obj;

	for (struct stor_handle **pp = &stor_g.handles; *pp; pp = &(*pp)->next) {
		if (*pp == h) {
			*pp = h->next;
			break;
		}
	}
	stor_g.n_handles--;
	if (--o->n_handles)
		return NULL;
	for (struct stor_oobj **pp = &stor_g.objs; *pp; pp = &(*pp)->next) {
		if (*pp == o) {
			*pp = o->next;
			break;
		}
	}
	(void)stor_cache_charge(o->d.data_cap, 0);
	return o;
}

static void stor_oobj_free(struct stor_oobj *o)
{
	if (!o)
		return;
	if (o->d.data)
		stor_key_wipe(o->d.data, o->d.data_cap);
	stor_objdata_free(&o->d);
	free(o);
}

/* The caller's handle with the access right need (0: any). */
static int stor_handle_get(const struct stor_caller *c, uint64_t hid,
			   uint32_t need, struct stor_handle **out)
{
	struct stor_handle *h;

	pthread_mutex_lock(&stor_g.lock);
	for (h = stor_g.handles; h; h = h->next)
		if (h->id == hid && h->inst == c->inst)
			break;
	pthread_mutex_unlock(&stor_g.lock);
	/* Only the owning instance uses or closes it, one call at a time. */
	if (!h)
		return -EINVAL;
	if ((h->flags & need) != need)
		return -EPERM;
	*out = h;
	return 0;
}

static int stor_store_of(const struct stor_caller *c, struct stor_store **st)
{
	return stor_store_get(c->vm_id, c->uuid, st);
}

/* The object turned out corrupt: GP deletes it; its handles see that. */
static void stor_mark_corrupt(struct stor_oobj *o, struct stor_fs *fs)
{
	if (o->corrupt)
		return;
	EMSG("storage: a persistent object is corrupt: deleting it");
	stor_store_drop_corrupt(o->st, fs, o->id, o->id_len);
	pthread_mutex_lock(&stor_g.lock);
	o->corrupt = true;
	pthread_mutex_unlock(&stor_g.lock);
}

int stor_open(const struct stor_caller *c, uint32_t flags, const uint8_t *id,
	      uint32_t id_len, uint64_t *handle,
	      struct softee_stor_obj_info *info, uint8_t **attrs,
	      uint32_t *attrs_len)
{
	struct stor_oobj *o, *fresh = NULL;
	struct stor_handle *h = NULL;
	struct stor_store *st;
	struct stor_fs fs;
	uint8_t *a = NULL;
	int rc;

	if (flags & ~STOR_OPEN_FLAGS || id_len > SOFTEE_STOR_ID_MAX)
		return -EINVAL;
	rc = stor_store_of(c, &st);
	if (rc)
		return rc;
	stor_store_lock(st);
	stor_fs_init(&fs, c->thread);
	pthread_mutex_lock(&stor_g.lock);
	o = stor_oobj_find(st, id, id_len);
	if (o && stor_conflicts(o, flags))
		rc = -EEXIST;
	else if (stor_inst_handles(c->inst) >= STOR_MAX_HANDLES)
		rc = -ENOMEM;
	pthread_mutex_unlock(&stor_g.lock);
	if (rc)
		goto out;
	if (!o) {
		fresh = calloc(1, sizeof(*fresh));
		if (!fresh) {
			rc = -ENOMEM;
			goto out;
		}
		fresh->st = st;
		fresh->id_len = id_len;
		memcpy(fresh->id, id, id_len);
		rc = stor_store_read_obj(st, &fs, id, id_len, &fresh->d);
		if (rc == -EBADMSG)
			stor_store_drop_corrupt(st, &fs, id, id_len);
		if (rc)
			goto out;
		o = fresh;
	}
	if (o->d.attrs_len) {
		a = malloc(o->d.attrs_len);
		if (!a) {
			rc = -ENOMEM;
			goto out;
		}
		memcpy(a, o->d.attrs, o->d.attrs_len);
	}
	pthread_mutex_lock(&stor_g.lock);
	if (fresh && stor_cache_charge(0, fresh->d.data_cap)) {
		rc = -ENOMEM;
	} else {
		h = stor_handle_new(c, o, flags);
		if (!h) {
			rc = -ENOMEM;
			if (fresh)
				(void)stor_cache_charge(fresh->d.data_cap, 0);
		} else if (fresh) {
			fresh->next = stor_g.objs;
			stor_g.objs = fresh;
			fresh = NULL;
		}
	}
	pthread_mutex_unlock(&stor_g.lock);
	if (rc)
		goto out;
	*handle = h->id;
	*info = o->d.info;
	*attrs = a;
	*attrs_len = o->d.attrs_len;
	a = NULL;
out:
	stor_fs_fini(&fs);
	stor_store_unlock(st);
	free(a);
	stor_oobj_free(fresh);
	return rc;
}

int stor_create(const struct stor_caller *c, uint32_t flags,
		const uint8_t *id, uint32_t id_len,
		const struct softee_stor_obj_info *info, const uint8_t *attrs,
		uint32_t attrs_len, const uint8_t *data, bool want_handle,
		uint64_t *handle)
{
	struct stor_objdata d = { .info = *info, .attrs_len = attrs_len };
	struct stor_oobj *fresh = NULL;
	struct stor_handle *h;
	struct stor_store *st;
	struct stor_fs fs;
	bool charged = false;
	int rc;

	if (flags & ~STOR_CREATE_FLAGS || id_len > SOFTEE_STOR_ID_MAX ||
	    stor_attrs_check(attrs, attrs_len))
		return -EINVAL;
	if (info->data_size > STOR_DATA_MAX)
		return -ENOSPC;
	rc = stor_store_of(c, &st);
	if (rc)
		return rc;
	if (want_handle) {
		fresh = calloc(1, sizeof(*fresh));
		if (!fresh)
			return -ENOMEM;
		fresh->st = st;
		fresh->id_len = id_len;
		memcpy(fresh->id, id, id_len);
		fresh->d.info = *info;
		fresh->d.attrs_len = attrs_len;
		fresh->d.attrs = attrs_len ? malloc(attrs_len) : NULL;
		fresh->d.data_cap = (size_t)info->data_size;
		fresh->d.data = info->data_size ? malloc(fresh->d.data_cap) : NULL;
		if ((attrs_len && !fresh->d.attrs) ||
		    (info->data_size && !fresh->d.data)) {
			stor_oobj_free(fresh);
			return -ENOMEM;
		}
		if (attrs_len)
			memcpy(fresh->d.attrs, attrs, attrs_len);
		if (info->data_size)
			memcpy(fresh->d.data, data, fresh->d.data_cap);
	}
	stor_store_lock(st);
	stor_fs_init(&fs, c->thread);
	pthread_mutex_lock(&stor_g.lock);
	/* Replacing an object that is open would pull it from under its handles. */
	if (stor_oobj_find(st, id, id_len))
		rc = -EEXIST;
	else if (fresh && stor_inst_handles(c->inst) >= STOR_MAX_HANDLES)
		rc = -ENOMEM;
	else if (fresh && !(rc = stor_cache_charge(0, fresh->d.data_cap)))
		charged = true;
	pthread_mutex_unlock(&stor_g.lock);
	if (rc)
		goto out;
	/* Written straight from the caller's buffers. */
	d.attrs = (uint8_t *)attrs;
	d.data = (uint8_t *)data;
	d.data_cap = (size_t)info->data_size;
	rc = stor_store_write_obj(st, &fs, id, id_len, &d, true,
				  flags & STOR_FLAG_OVERWRITE);
	if (rc)
		goto out;
	*handle = 0;
	if (fresh) {
		pthread_mutex_lock(&stor_g.lock);
		h = stor_handle_new(c, fresh, flags & STOR_OPEN_FLAGS);
		if (h) {
			fresh->next = stor_g.objs;
			stor_g.objs = fresh;
			fresh = NULL;
			charged = false;
			*handle = h->id;
		}
		pthread_mutex_unlock(&stor_g.lock);
		/* GP: no object is left behind when creation fails. */
		if (!h) {
			(void)stor_store_delete_obj(st, &fs, id, id_len);
			rc = -ENOMEM;
		}
	}
out:
	if (charged)
		(void)stor_charge(fresh->d.data_cap, 0);
	stor_fs_fini(&fs);
	stor_store_unlock(st);
	stor_oobj_free(fresh);
	return rc;
}

int stor_close(const struct stor_caller *c, uint64_t hid)
{
	struct stor_handle *h;
	struct stor_oobj *gone;
	struct stor_store *st;
	int rc = stor_handle_get(c, hid, 0, &h);

	if (rc)
		return rc;
	st = h->obj->st;
	/* Store lock: an open of the same object may be looking at it. */
	stor_store_lock(st);
	pthread_mutex_lock(&stor_g.lock);
	gone = stor_handle_unlink(h);
	pthread_mutex_unlock(&stor_g.lock);
	stor_store_unlock(st);
	free(h);
	stor_oobj_free(gone);
	return 0;
}

void stor_inst_gone(struct tm_inst *inst)
{
	for (;;) {
		struct stor_handle *h;
		struct stor_oobj *gone;
		struct stor_store *st;

		pthread_mutex_lock(&stor_g.lock);
		for (h = stor_g.handles; h; h = h->next)
			if (h->inst == inst)
				break;
		st = h ? h->obj->st : NULL;
		pthread_mutex_unlock(&stor_g.lock);
		if (!h)
			return;
		/* No call of inst runs any more: h stays ours meanwhile. */
		stor_store_lock(st);
		pthread_mutex_lock(&stor_g.lock);
		gone = stor_handle_unlink(h);
		pthread_mutex_unlock(&stor_g.lock);
		stor_store_unlock(st);
		free(h);
		stor_oobj_free(gone);
	}
}

int stor_read(const struct stor_caller *c, uint64_t hid, uint64_t off,
	      uint64_t len, uint8_t **buf, uint64_t *got)
{
	struct stor_handle *h;
	struct stor_oobj *o;
	uint64_t size, n = 0;
	uint8_t *b = NULL;
	int rc = stor_handle_get(c, hid, STOR_FLAG_ACCESS_READ, &h);

	if (rc)
		return rc;
	o = h->obj;
	stor_store_lock(o->st);
	size = o->d.info.data_size;
	if (o->corrupt) {
		rc = -EBADMSG;
	} else if (off < size && len) {
		n = MIN(len, size - off);
		b = malloc((size_t)n);
		if (b)
			memcpy(b, o->d.data + off, (size_t)n);
		else
			rc = -ENOMEM;
	}
	stor_store_unlock(o->st);
	if (rc)
		return rc;
	*buf = b;
	*got = n;
	return 0;
}

/* Make room for size data bytes in o (store locked). */
static int stor_reserve(struct stor_oobj *o, uint64_t size)
{
	size_t cap = o->d.data_cap;
	uint8_t *nb;
	int rc;

	if (size <= cap)
		return 0;
	cap = cap ? cap : 256;
	while (cap < size)
		cap = cap > STOR_DATA_MAX / 2 ? (size_t)STOR_DATA_MAX : cap * 2;
	rc = stor_charge(o->d.data_cap, cap);
	if (rc)
		return rc;
	nb = realloc(o->d.data, cap);
	if (!nb) {
		(void)stor_charge(cap, o->d.data_cap);
		return -ENOMEM;
	}
	o->d.data = nb;
	o->d.data_cap = cap;
	return 0;
}

/* Commit o's contents; a vanished or damaged object is corrupt. */
static int stor_commit_obj(struct stor_oobj *o, struct stor_fs *fs)
{
	int rc = stor_store_write_obj(o->st, fs, o->id, o->id_len, &o->d,
				      false, false);

	if (rc == -ENOENT)
		rc = -EBADMSG;
	if (rc == -EBADMSG)
		stor_mark_corrupt(o, fs);
	return rc;
}

int stor_write(const struct stor_caller *c, uint64_t hid, uint64_t off,
	       const uint8_t *data, uint64_t len)
{
	uint64_t end, old_size, keep = 0;
	struct stor_handle *h;
	struct stor_oobj *o;
	uint8_t *undo = NULL;
	struct stor_fs fs;
	int rc = stor_handle_get(c, hid, STOR_FLAG_ACCESS_WRITE, &h);

	if (rc)
		return rc;
	if (ADD_OVERFLOW(off, len, &end) || end > SOFTEE_STOR_MAX_POS)
		return -EOVERFLOW;
	if (end > STOR_DATA_MAX)
		return -ENOSPC;
	if (!len)
		return 0;
	o = h->obj;
	stor_store_lock(o->st);
	stor_fs_init(&fs, c->thread);
	if (o->corrupt) {
		rc = -EBADMSG;
		goto out;
	}
	old_size = o->d.info.data_size;
	rc = stor_reserve(o, end);
	if (rc)
		goto out;
	/* Bytes overwritten are kept until the change is committed. */
	if (off < old_size) {
		keep = MIN(end, old_size) - off;
		undo = malloc((size_t)keep);
		if (!undo) {
			rc = -ENOMEM;
			goto out;
		}
		memcpy(undo, o->d.data + off, (size_t)keep);
	} else if (off > old_size) {
		memset(o->d.data + old_size, 0, (size_t)(off - old_size));
	}
	memcpy(o->d.data + off, data, (size_t)len);
	o->d.info.data_size = MAX(old_size, end);
	rc = stor_commit_obj(o, &fs);
	if (rc) {
		if (keep)
			memcpy(o->d.data + off, undo, (size_t)keep);
		o->d.info.data_size = old_size;
	}
out:
	stor_fs_fini(&fs);
	stor_store_unlock(o->st);
	if (undo)
		stor_key_wipe(undo, (size_t)keep);
	free(undo);
	return rc;
}

int stor_truncate(const struct stor_caller *c, uint64_t hid, uint64_t size)
{
	struct stor_handle *h;
	struct stor_oobj *o;
	struct stor_fs fs;
	uint64_t old_size;
	int rc = stor_handle_get(c, hid, STOR_FLAG_ACCESS_WRITE, &h);

	if (rc)
		return rc;
	if (size > STOR_DATA_MAX)
		return -ENOSPC;
	o = h->obj;
	stor_store_lock(o->st);
	stor_fs_init(&fs, c->thread);
	old_size = o->d.info.data_size;
	if (o->corrupt) {
		rc = -EBADMSG;
	} else if (size != old_size) {
		rc = stor_reserve(o, size);
		if (!rc && size > old_size)
			memset(o->d.data + old_size, 0, (size_t)(size - old_size));
		if (!rc) {
			/* Shrinking leaves the bytes: undo is restoring the size. */
			o->d.info.data_size = size;
			rc = stor_commit_obj(o, &fs);
			if (rc)
				o->d.info.data_size = old_size;
		}
	}
	stor_fs_fini(&fs);
	stor_store_unlock(o->st);
	return rc;
}

int stor_rename(const struct stor_caller *c, uint64_t hid, const uint8_t *id,
		uint32_t id_len)
{
	struct stor_handle *h;
	struct stor_oobj *o;
	struct stor_fs fs;
	int rc = stor_handle_get(c, hid, STOR_FLAG_ACCESS_WRITE_META, &h);

	if (rc)
		return rc;
	if (id_len > SOFTEE_STOR_ID_MAX)
		return -EINVAL;
	o = h->obj;
	stor_store_lock(o->st);
	stor_fs_init(&fs, c->thread);
	pthread_mutex_lock(&stor_g.lock);
	if (o->corrupt)
		rc = -EBADMSG;
	else if ((o->id_len == id_len && !memcmp(o->id, id, id_len)) ||
		 stor_oobj_find(o->st, id, id_len))
		rc = -EEXIST;
	pthread_mutex_unlock(&stor_g.lock);
	if (!rc) {
		rc = stor_store_rename_obj(o->st, &fs, o->id, o->id_len, id,
					   id_len, &o->d);
		if (rc == -ENOENT) {
			rc = -EBADMSG;
			stor_mark_corrupt(o, &fs);
		}
	}
	if (!rc) {
		pthread_mutex_lock(&stor_g.lock);
		memset(o->id, 0, sizeof(o->id));
		memcpy(o->id, id, id_len);
		o->id_len = id_len;
		pthread_mutex_unlock(&stor_g.lock);
	}
	stor_fs_fini(&fs);
	stor_store_unlock(o->st);
	return rc;
}

int stor_close_delete(const struct stor_caller *c, uint64_t hid)
{
	struct stor_handle *h;
	struct stor_oobj *o, *gone = NULL;
	struct stor_store *st;
	struct stor_fs fs;
	int rc = stor_handle_get(c, hid, STOR_FLAG_ACCESS_WRITE_META, &h);

	if (rc)
		return rc;
	o = h->obj;
	st = o->st;
	stor_store_lock(st);
	stor_fs_init(&fs, c->thread);
	if (!o->corrupt) {
		rc = stor_store_delete_obj(st, &fs, o->id, o->id_len);
		if (rc == -ENOENT)
			rc = 0;	/* already gone: deleting it is done */
	}
	if (!rc) {
		pthread_mutex_lock(&stor_g.lock);
		gone = stor_handle_unlink(h);
		pthread_mutex_unlock(&stor_g.lock);
	}
	stor_fs_fini(&fs);
	stor_store_unlock(st);
	if (!rc) {
		free(h);
		stor_oobj_free(gone);
	}
	return rc;
}

int stor_info(const struct stor_caller *c, uint64_t hid,
	      struct softee_stor_obj_info *info)
{
	struct stor_handle *h;
	int rc = stor_handle_get(c, hid, 0, &h);

	if (rc)
		return rc;
	stor_store_lock(h->obj->st);
	if (h->obj->corrupt)
		rc = -EBADMSG;
	else
		*info = h->obj->d.info;
	stor_store_unlock(h->obj->st);
	return rc;
}

int stor_set_usage(const struct stor_caller *c, uint64_t hid, uint32_t usage)
{
	struct stor_handle *h;
	struct stor_oobj *o;
	struct stor_fs fs;
	uint32_t old;
	int rc = stor_handle_get(c, hid, 0, &h);

	if (rc)
		return rc;
	o = h->obj;
	stor_store_lock(o->st);
	stor_fs_init(&fs, c->thread);
	old = o->d.info.usage;
	if (o->corrupt) {
		rc = -EBADMSG;
	} else if ((old & usage) != old) {
		/* Usage can only ever shrink. */
		o->d.info.usage = old & usage;
		rc = stor_commit_obj(o, &fs);
		if (rc)
			o->d.info.usage = old;
	}
	stor_fs_fini(&fs);
	stor_store_unlock(o->st);
	return rc;
}

int stor_enum(const struct stor_caller *c, uint32_t start,
	      struct stor_dirent **ents, uint32_t *n, uint32_t *total)
{
	const struct stor_dirf *d;
	struct stor_store *st;
	struct stor_fs fs;
	int rc = stor_store_of(c, &st);

	*ents = NULL;
	*n = 0;
	*total = 0;
	if (rc)
		return rc;
	stor_store_lock(st);
	stor_fs_init(&fs, c->thread);
	rc = stor_store_load(st, &fs);
	if (!rc) {
		d = stor_store_dirf(st);
		*total = d->n;
		if (start < d->n) {
			*ents = malloc((size_t)(d->n - start) * sizeof(**ents));
			if (*ents) {
				memcpy(*ents, d->ents + start,
				       (size_t)(d->n - start) * sizeof(**ents));
				*n = d->n - start;
			} else {
				rc = -ENOMEM;
			}
		}
	}
	stor_fs_fini(&fs);
	stor_store_unlock(st);
	return rc;
}
