/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One TA's storage: a directory (named by a key derivation, so it says
 * nothing) holding the directory file "dirf" and one file per object
 * version, named by 16 random bytes. The dirf lists every object with
 * the name and GCM tag of its current file and is the only commit point:
 * a change writes a new object file, then a new dirf next to the old and
 * renames it over it, and only then removes what the old dirf named. A
 * crash anywhere leaves the old or the new dirf, each naming complete
 * files; files no dirf names are leftovers and are removed on next load.
 *
 * Rollback: an object file is accepted only with the tag its dirf names,
 * so older versions of one object are refused; the dirf's generation may
 * never go back while the secure world runs. Rolling back the whole
 * directory between two runs is not detected (no secure counter).
 */
#include "storage.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "log.h"
#include "util.h"

#define STOR_DIRF		"dirf"
#define STOR_DIRF_NEW		"dirf.new"
#define STOR_PATH_MAX		(STOR_DIRNAME_LEN + 2 * STOR_FILE_ID_LEN + 16)
/* Largest sane files (anything longer is tampering). */
#define STOR_DIRF_FILE_MAX	(STOR_FILE_OVERHEAD + 16 + \
				 (size_t)STOR_MAX_OBJECTS * 128)
#define STOR_OBJ_FILE_MAX	(STOR_FILE_OVERHEAD + 32 + \
				 SOFTEE_STOR_ATTRS_MAX + STOR_DATA_MAX)

struct stor_store {
	struct stor_store *next;
	uint32_t vm_id;
	uint8_t uuid[16];
	pthread_mutex_t lock;
	struct stor_ta_keys keys;
	bool loaded;		/* dirf below is what the disk holds */
	bool cleaned;		/* leftovers removed since the last load */
	struct stor_dirf dirf;
	uint64_t min_gen;	/* newest generation seen in this run */
};

static struct {
	pthread_mutex_t lock;
	struct stor_store *list;
} stores = { .lock = PTHREAD_MUTEX_INITIALIZER };

int stor_store_get(uint32_t vm_id, const uint8_t uuid[16],
		   struct stor_store **out)
{
	struct stor_store *st;
	int rc;

	pthread_mutex_lock(&stores.lock);
	for (st = stores.list; st; st = st->next)
		if (st->vm_id == vm_id && !memcmp(st->uuid, uuid, 16))
			break;
	if (!st) {
		st = calloc(1, sizeof(*st));
		if (!st) {
			pthread_mutex_unlock(&stores.lock);
			return -ENOMEM;
		}
		rc = stor_key_derive(vm_id, uuid, &st->keys);
		if (rc) {
			pthread_mutex_unlock(&stores.lock);
			free(st);
			return rc;
		}
		st->vm_id = vm_id;
		memcpy(st->uuid, uuid, 16);
		pthread_mutex_init(&st->lock, NULL);
		st->next = stores.list;
		stores.list = st;
	}
	pthread_mutex_unlock(&stores.lock);
	*out = st;
	return 0;
}

void stor_store_lock(struct stor_store *st)
{
	pthread_mutex_lock(&st->lock);
}

void stor_store_unlock(struct stor_store *st)
{
	pthread_mutex_unlock(&st->lock);
}

const struct stor_dirf *stor_store_dirf(struct stor_store *st)
{
	return &st->dirf;
}

static void stor_path(const struct stor_store *st, const char *name,
		      char path[STOR_PATH_MAX])
{
	snprintf(path, STOR_PATH_MAX, "%s/%s", st->keys.dir, name);
}

static void stor_obj_path(const struct stor_store *st,
			  const uint8_t file_id[STOR_FILE_ID_LEN],
			  char path[STOR_PATH_MAX])
{
	char name[2 * STOR_FILE_ID_LEN + 1];

	stor_file_name(file_id, name);
	stor_path(st, name, path);
}

static bool stor_is_referenced(const struct stor_dirf *d, const char *name)
{
	char n[2 * STOR_FILE_ID_LEN + 1];

	for (uint32_t i = 0; i < d->n; i++) {
		stor_file_name(d->ents[i].file_id, n);
		if (!strcmp(n, name))
			return true;
	}
	return false;
}

/* Names found by a listing, to remove once the listing is closed. */
struct stor_names {
	char (*v)[64];
	size_t n, cap;
	const struct stor_dirf *keep;	/* NULL: collect every name */
};

/* A name we make: an object file's, or the new directory file. */
static bool stor_our_name(const char *name, bool dirf_too)
{
	if (!strcmp(name, STOR_DIRF_NEW) || (dirf_too && !strcmp(name, STOR_DIRF)))
		return true;
	return strlen(name) == 2 * STOR_FILE_ID_LEN &&
	       strspn(name, "0123456789abcdef") == 2 * STOR_FILE_ID_LEN;
}

static int stor_collect(void *ctx, const char *name)
{
	struct stor_names *s = ctx;

	/* Files we never made are left alone (and never break a sweep). */
	if (!stor_our_name(name, !s->keep))
		return 0;
	if (s->keep && stor_is_referenced(s->keep, name))
		return 0;
	if (s->n == s->cap) {
		size_t nc = s->cap ? 2 * s->cap : 16;
		char (*v)[64];

		if (nc > STOR_MAX_OBJECTS * 4)
			return -ENOSPC;
		v = realloc(s->v, nc * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = nc;
	}
	snprintf(s->v[s->n++], sizeof(s->v[0]), "%s", name);
	return 0;
}

/* Remove the files of the directory that keep (or, if NULL, none) names. */
static int stor_sweep(struct stor_store *st, struct stor_fs *fs,
		      const struct stor_dirf *keep)
{
	struct stor_names s = { .keep = keep };
	char path[STOR_PATH_MAX];
	int rc, first = 0;

	rc = stor_fs_list(fs, st->keys.dir, stor_collect, &s);
	for (size_t i = 0; !rc && i < s.n; i++) {
		int r;

		DMSG_LOG("storage: removing leftover %s/%s", st->keys.dir,
			 s.v[i]);
		stor_path(st, s.v[i], path);
		r = stor_fs_remove(fs, path);
		if (r == -ENOENT)
			continue;	/* gone already */
		if (r && !first)
			first = r;
		if (r == -ECONNRESET)
			break;		/* no normal world to ask */
	}
	free(s.v);
	return rc ? rc : first;
}

/* Write d (generation bumped) as the new dirf; st->dirf becomes d. */
static int stor_commit(struct stor_store *st, struct stor_fs *fs,
		       struct stor_dirf *d)
{
	char tmp[STOR_PATH_MAX], path[STOR_PATH_MAX];
	struct stor_bind b = { .vm_id = st->vm_id, .kind = STOR_KIND_DIRF };
	uint8_t *pt = NULL, *img = NULL, tag[STOR_TAG_LEN];
	size_t pt_len, img_len;
	int rc;

	memcpy(b.uuid, st->uuid, 16);
	d->gen = MAX(st->dirf.gen, st->min_gen) + 1;
	rc = stor_dirf_encode(d, &pt, &pt_len);
	if (!rc)
		rc = stor_seal(&st->keys, &b, pt, pt_len, &img, &img_len, tag);
	free(pt);
	if (rc)
		return rc;
	stor_path(st, STOR_DIRF_NEW, tmp);
	stor_path(st, STOR_DIRF, path);
	rc = stor_fs_write_file(fs, tmp, img, img_len);
	free(img);
	if (!rc)
		rc = stor_fs_rename(fs, tmp, path, true);
	if (rc) {
		/* The rename may or may not have happened: read the disk again. */
		st->loaded = false;
		st->cleaned = false;
		return rc;
	}
	stor_dirf_free(&st->dirf);
	st->dirf = *d;
	memset(d, 0, sizeof(*d));
	st->min_gen = st->dirf.gen;
	return 0;
}

/*
 * The dirf is not authentic or went back in time: GP says a corrupt
 * object is deleted, and here it is the whole directory. Start again
 * empty (with a newer generation), so the TA can go on.
 */
static int stor_wipe(struct stor_store *st, struct stor_fs *fs)
{
	struct stor_dirf empty = { 0 };
	int rc;

	EMSG("storage: the object directory of a TA (%s) is corrupt or rolled back: deleting it",
	     st->keys.dir);
	stor_dirf_free(&st->dirf);
	st->loaded = false;
	rc = stor_sweep(st, fs, NULL);
	if (!rc)
		rc = stor_commit(st, fs, &empty);
	stor_dirf_free(&empty);
	if (rc)
		return rc;
	st->loaded = true;
	st->cleaned = true;
	return -EBADMSG;
}

int stor_store_load(struct stor_store *st, struct stor_fs *fs)
{
	struct stor_bind b = { .vm_id = st->vm_id, .kind = STOR_KIND_DIRF };
	char path[STOR_PATH_MAX];
	uint8_t *img = NULL, *pt = NULL, tag[STOR_TAG_LEN];
	size_t img_len, pt_len;
	struct stor_dirf d;
	int rc;

	if (st->loaded && st->cleaned)
		return 0;
	if (!st->loaded) {
		memcpy(b.uuid, st->uuid, 16);
		stor_path(st, STOR_DIRF, path);
		rc = stor_fs_read_file(fs, path, STOR_DIRF_FILE_MAX, &img,
				       &img_len);
		if (rc == -ENOENT) {
			/* No directory yet; one we saw this run cannot vanish. */
			if (st->min_gen)
				return stor_wipe(st, fs);
			memset(&d, 0, sizeof(d));
		} else if (rc == -ENOSPC) {
			return stor_wipe(st, fs);
		} else if (rc) {
			return rc;
		} else {
			rc = stor_unseal(&st->keys, &b, img, img_len, &pt,
					 &pt_len, tag);
			free(img);
			if (!rc) {
				rc = stor_dirf_decode(pt, pt_len, &d);
				free(pt);
			}
			if (rc == -EKEYREJECTED) {
				EMSG("storage: %s was written with another device key (wrong --storage-key?)",
				     st->keys.dir);
				return rc;
			}
			if (rc == -EBADMSG)
				return stor_wipe(st, fs);
			if (rc)
				return rc;
			if (d.gen < st->min_gen) {
				stor_dirf_free(&d);
				return stor_wipe(st, fs);
			}
		}
		stor_dirf_free(&st->dirf);
		st->dirf = d;
		st->min_gen = MAX(st->min_gen, d.gen);
		st->loaded = true;
		st->cleaned = false;
	}
	/* Leftovers of interrupted commits; failing to remove them is harmless. */
	if (!stor_sweep(st, fs, &st->dirf))
		st->cleaned = true;
	return 0;
}

int stor_store_read_obj(struct stor_store *st, struct stor_fs *fs,
			const uint8_t *id, uint32_t id_len,
			struct stor_objdata *o)
{
	struct stor_bind b = { .vm_id = st->vm_id, .kind = STOR_KIND_OBJECT,
			       .obj_id = id, .obj_id_len = id_len };
	const struct stor_dirent *e;
	char path[STOR_PATH_MAX];
	uint8_t *img = NULL, *pt = NULL, tag[STOR_TAG_LEN];
	size_t img_len, pt_len;
	int rc;

	rc = stor_store_load(st, fs);
	if (rc)
		return rc;
	e = stor_dirf_find(&st->dirf, id, id_len);
	if (!e)
		return -ENOENT;
	memcpy(b.uuid, st->uuid, 16);
	b.file_id = e->file_id;
	stor_obj_path(st, e->file_id, path);
	rc = stor_fs_read_file(fs, path, STOR_OBJ_FILE_MAX, &img, &img_len);
	/* Listed but missing or oversized: someone removed or grew it. */
	if (rc == -ENOENT || rc == -ENOSPC)
		return -EBADMSG;
	if (rc)
		return rc;
	rc = stor_unseal(&st->keys, &b, img, img_len, &pt, &pt_len, tag);
	free(img);
	if (rc)
		return rc == -EKEYREJECTED ? -EBADMSG : rc;
	/* Any other authentic version of this object is an older one. */
	if (memcmp(tag, e->tag, STOR_TAG_LEN)) {
		free(pt);
		return -EBADMSG;
	}
	rc = stor_obj_decode(pt, pt_len, o);
	stor_key_wipe(pt, pt_len);
	free(pt);
	if (rc)
		return rc;
	if (memcmp(&o->info, &e->info, sizeof(o->info))) {
		stor_objdata_free(o);
		return -EBADMSG;
	}
	return 0;
}

static bool stor_fid_used(const struct stor_dirf *d,
			  const uint8_t fid[STOR_FILE_ID_LEN])
{
	for (uint32_t i = 0; i < d->n; i++)
		if (!memcmp(d->ents[i].file_id, fid, STOR_FILE_ID_LEN))
			return true;
	return false;
}

/* Write o as a new file bound to id; its file id and tag go to e. */
static int stor_write_file(struct stor_store *st, struct stor_fs *fs,
			   const uint8_t *id, uint32_t id_len,
			   const struct stor_objdata *o, struct stor_dirent *e)
{
	struct stor_bind b = { .vm_id = st->vm_id, .kind = STOR_KIND_OBJECT,
			       .obj_id = id, .obj_id_len = id_len };
	char path[STOR_PATH_MAX];
	uint8_t *pt = NULL, *img = NULL;
	size_t pt_len, img_len;
	int rc;

	memcpy(b.uuid, st->uuid, 16);
	/* A fresh name per version: an older file can never pass for it. */
	do {
		if (RAND_bytes(e->file_id, STOR_FILE_ID_LEN) != 1)
			return -EIO;
	} while (stor_fid_used(&st->dirf, e->file_id));
	b.file_id = e->file_id;
	rc = stor_obj_encode(o, &pt, &pt_len);
	if (rc)
		return rc;
	rc = stor_seal(&st->keys, &b, pt, pt_len, &img, &img_len, e->tag);
	stor_key_wipe(pt, pt_len);
	free(pt);
	if (rc)
		return rc;
	stor_obj_path(st, e->file_id, path);
	rc = stor_fs_write_file(fs, path, img, img_len);
	free(img);
	if (rc && rc != -ECONNRESET)
		(void)stor_fs_remove(fs, path);	/* never named by a dirf */
	return rc;
}

/* After a commit: the file the old dirf named is garbage now. */
static void stor_remove_old(struct stor_store *st, struct stor_fs *fs,
			    const uint8_t file_id[STOR_FILE_ID_LEN])
{
	char path[STOR_PATH_MAX];

	stor_obj_path(st, file_id, path);
	if (stor_fs_remove(fs, path))
		st->cleaned = false;
}

int stor_store_write_obj(struct stor_store *st, struct stor_fs *fs,
			 const uint8_t *id, uint32_t id_len,
			 const struct stor_objdata *o, bool create,
			 bool overwrite)
{
	struct stor_dirent ne, *e;
	uint8_t old_fid[STOR_FILE_ID_LEN];
	struct stor_dirf nd;
	bool had;
	int rc;

	rc = stor_store_load(st, fs);
	if (rc)
		return rc;
	e = stor_dirf_find(&st->dirf, id, id_len);
	if (create && e && !overwrite)
		return -EEXIST;
	if (!create && !e)
		return -ENOENT;
	if (!e && st->dirf.n >= STOR_MAX_OBJECTS)
		return -ENOSPC;
	had = e != NULL;
	if (had)
		memcpy(old_fid, e->file_id, sizeof(old_fid));
	memset(&ne, 0, sizeof(ne));
	ne.info = o->info;
	ne.id_len = id_len;
	memcpy(ne.id, id, id_len);
	rc = stor_write_file(st, fs, id, id_len, o, &ne);
	if (rc)
		return rc;
	rc = stor_dirf_copy(&st->dirf, &nd);
	if (!rc) {
		e = stor_dirf_find(&nd, id, id_len);
		if (e)
			*e = ne;
		else
			rc = stor_dirf_add(&nd, &ne);
	}
	if (rc) {
		stor_dirf_free(&nd);
		stor_remove_old(st, fs, ne.file_id);
		return rc;
	}
	rc = stor_commit(st, fs, &nd);
	stor_dirf_free(&nd);
	/* On failure the outcome is unknown: the next load's sweep decides. */
	if (rc)
		return rc;
	if (had)
		stor_remove_old(st, fs, old_fid);
	return 0;
}

int stor_store_delete_obj(struct stor_store *st, struct stor_fs *fs,
			  const uint8_t *id, uint32_t id_len)
{
	uint8_t old_fid[STOR_FILE_ID_LEN];
	struct stor_dirent *e;
	struct stor_dirf nd;
	int rc;

	rc = stor_store_load(st, fs);
	if (rc)
		return rc;
	e = stor_dirf_find(&st->dirf, id, id_len);
	if (!e)
		return -ENOENT;
	memcpy(old_fid, e->file_id, sizeof(old_fid));
	rc = stor_dirf_copy(&st->dirf, &nd);
	if (rc)
		return rc;
	stor_dirf_del(&nd, stor_dirf_find(&nd, id, id_len));
	rc = stor_commit(st, fs, &nd);
	stor_dirf_free(&nd);
	if (rc)
		return rc;
	stor_remove_old(st, fs, old_fid);
	return 0;
}

int stor_store_rename_obj(struct stor_store *st, struct stor_fs *fs,
			  const uint8_t *id, uint32_t id_len,
			  const uint8_t *new_id, uint32_t new_id_len,
			  const struct stor_objdata *o)
{
	uint8_t old_fid[STOR_FILE_ID_LEN];
	struct stor_dirent ne, *e;
	struct stor_dirf nd;
	int rc;

	rc = stor_store_load(st, fs);
	if (rc)
		return rc;
	e = stor_dirf_find(&st->dirf, id, id_len);
	if (!e)
		return -ENOENT;
	if (stor_dirf_find(&st->dirf, new_id, new_id_len))
		return -EEXIST;
	memcpy(old_fid, e->file_id, sizeof(old_fid));
	memset(&ne, 0, sizeof(ne));
	ne.info = o->info;
	ne.id_len = new_id_len;
	memcpy(ne.id, new_id, new_id_len);
	/* The id is bound into the file: the new name needs a new file. */
	rc = stor_write_file(st, fs, new_id, new_id_len, o, &ne);
	if (rc)
		return rc;
	rc = stor_dirf_copy(&st->dirf, &nd);
	if (rc) {
		stor_remove_old(st, fs, ne.file_id);
		return rc;
	}
	*stor_dirf_find(&nd, id, id_len) = ne;
	rc = stor_commit(st, fs, &nd);
	stor_dirf_free(&nd);
	if (rc)
		return rc;
	stor_remove_old(st, fs, old_fid);
	return 0;
}

void stor_store_drop_corrupt(struct stor_store *st, struct stor_fs *fs,
			     const uint8_t *id, uint32_t id_len)
{
	int rc = stor_store_delete_obj(st, fs, id, id_len);

	if (rc && rc != -ENOENT)
		WMSG("storage: could not delete a corrupt object: %d", rc);
}
