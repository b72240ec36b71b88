/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Secure storage inside the secure world: the device key and per-TA keys
 * (stor_key.c), the authenticated file format (stor_fmt.c), file access
 * over the normal world's FS RPC (stor_fs.c), each TA's directory of
 * objects with its commit protocol (stor_store.c) and open objects with
 * GP's sharing rules (stor_obj.c). ta_sys_storage.c serves the TA syscalls.
 *
 * Internal functions return 0 or a negative errno with these meanings:
 *   -ENOENT no such object      -EEXIST/-EBUSY access conflict
 *   -EBADMSG corrupt/tampered   -ENOSPC no space (or over our limits)
 *   -EOVERFLOW past GP's max    -EIO/-ECONNRESET storage not available
 *   -EKEYREJECTED files of another device key (storage not available)
 *   -ENOMEM, -EINVAL, -EPERM (handle lacks the access right)
 * stor_tee_result() turns them into GP results in one place.
 */
#ifndef SOFTEE_SECURE_STORAGE_H
#define SOFTEE_SECURE_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "softee_ta_sys_storage.h"

struct sw_thread;
struct tm_inst;

/* GP results of storage (TEE Internal Core API 1.3.1, table 3-x). */
#define STOR_TEE_ERROR_ACCESS_CONFLICT		0xFFFF0003U
#define STOR_TEE_ERROR_OVERFLOW			0xFFFF300FU
#define STOR_TEE_ERROR_STORAGE_NO_SPACE		0xFFFF3041U
#define STOR_TEE_ERROR_CORRUPT_OBJECT		0xF0100001U
#define STOR_TEE_ERROR_STORAGE_NOT_AVAILABLE	0xF0100003U

/* Storage ids: GP's private storage, and OP-TEE's REE FS alias of it. */
#define STOR_ID_PRIVATE		0x00000001U
#define STOR_ID_PRIVATE_REE	0x80000000U

/* GP data flags (TEE_DATA_FLAG_*). */
#define STOR_FLAG_ACCESS_READ		0x00000001U
#define STOR_FLAG_ACCESS_WRITE		0x00000002U
#define STOR_FLAG_ACCESS_WRITE_META	0x00000004U
#define STOR_FLAG_SHARE_READ		0x00000010U
#define STOR_FLAG_SHARE_WRITE		0x00000020U
#define STOR_FLAG_OVERWRITE		0x00000400U
#define STOR_OPEN_FLAGS	(STOR_FLAG_ACCESS_READ | STOR_FLAG_ACCESS_WRITE | \
			 STOR_FLAG_ACCESS_WRITE_META | STOR_FLAG_SHARE_READ | \
			 STOR_FLAG_SHARE_WRITE)
#define STOR_CREATE_FLAGS	(STOR_OPEN_FLAGS | STOR_FLAG_OVERWRITE)

/* Limits that keep a hostile TA from exhausting the secure world. */
#define STOR_DATA_MAX		(64ULL << 20)	/* data bytes of one object */
#define STOR_MAX_OBJECTS	8192U		/* objects of one TA */
#define STOR_MAX_HANDLES	1024U		/* open handles of one TA instance */

uint32_t stor_tee_result(int err);

/* --- keys (stor_key.c) ------------------------------------------------ */
#define STOR_KEY_LEN		32U
#define STOR_KEY_ID_LEN		8U
#define STOR_DIRNAME_LEN	32U	/* hex characters */

struct stor_ta_keys {
	uint8_t enc[STOR_KEY_LEN];		/* AES-256-GCM key of the TA */
	uint8_t key_id[STOR_KEY_ID_LEN];	/* names the device key */
	char dir[STOR_DIRNAME_LEN + 1];		/* the TA's directory name */
};

/*
 * Load the device key from path, or create it (mode 0600, from
 * getrandom) when the file does not exist. 0 or -errno.
 */
int stor_key_init(const char *path);
/* Use key directly (tests, fuzzing). */
void stor_key_set(const uint8_t key[STOR_KEY_LEN]);
bool stor_key_ready(void);
/* HKDF-SHA256 of the device key with vm_id and uuid in the info. */
int stor_key_derive(uint32_t vm_id, const uint8_t uuid[16],
		    struct stor_ta_keys *out);
void stor_key_wipe(void *p, size_t len);

/* --- file format (stor_fmt.c): pure, no I/O --------------------------- */
#define STOR_KIND_DIRF		1U
#define STOR_KIND_OBJECT	2U
#define STOR_FILE_ID_LEN	16U
#define STOR_TAG_LEN		16U
#define STOR_NONCE_LEN		12U

/* Fixed header of every file; the whole header is authenticated. */
struct stor_file_hdr {
	uint8_t magic[8];		/* "SOFTEEst" */
	uint32_t version;		/* 1 */
	uint32_t kind;			/* STOR_KIND_* */
	uint8_t key_id[STOR_KEY_ID_LEN];
	uint8_t nonce[STOR_NONCE_LEN];
	uint32_t reserved;
	uint64_t ct_len;		/* ciphertext bytes; the tag follows */
};
#define STOR_FILE_OVERHEAD	(sizeof(struct stor_file_hdr) + STOR_TAG_LEN)

/* What a file is bound to (AAD besides the header): who owns it, which. */
struct stor_bind {
	uint32_t vm_id;
	uint8_t uuid[16];
	uint32_t kind;
	const uint8_t *file_id;		/* objects: the file's random name */
	const uint8_t *obj_id;		/* objects: the object id */
	uint32_t obj_id_len;
};

/*
 * Encrypt pt into a new file image *out (malloc'd, *out_len bytes) and
 * give its tag. 0, -ENOMEM or -EIO (crypto failure).
 */
int stor_seal(const struct stor_ta_keys *k, const struct stor_bind *b,
	      const uint8_t *pt, size_t pt_len, uint8_t **out, size_t *out_len,
	      uint8_t tag[STOR_TAG_LEN]);
/*
 * Check and decrypt a file image: *pt (malloc'd, may be NULL for 0
 * bytes) and its tag. -EKEYREJECTED if it names another device key,
 * -EBADMSG for anything malformed or not authentic.
 */
int stor_unseal(const struct stor_ta_keys *k, const struct stor_bind *b,
		const uint8_t *file, size_t len, uint8_t **pt, size_t *pt_len,
		uint8_t tag[STOR_TAG_LEN]);

/* One object of a TA, as its directory file records it. */
struct stor_dirent {
	struct softee_stor_obj_info info;
	uint8_t file_id[STOR_FILE_ID_LEN];
	uint8_t tag[STOR_TAG_LEN];		/* tag of the current file */
	uint32_t id_len;
	uint8_t id[SOFTEE_STOR_ID_MAX];
};

struct stor_dirf {
	uint64_t gen;			/* bumped by every commit */
	struct stor_dirent *ents;
	uint32_t n, cap;
};

int stor_dirf_encode(const struct stor_dirf *d, uint8_t **out, size_t *len);
/* -EBADMSG unless well formed (canonical, unique ids and file ids). */
int stor_dirf_decode(const uint8_t *buf, size_t len, struct stor_dirf *d);
void stor_dirf_free(struct stor_dirf *d);
int stor_dirf_copy(const struct stor_dirf *src, struct stor_dirf *dst);
struct stor_dirent *stor_dirf_find(const struct stor_dirf *d,
				   const uint8_t *id, uint32_t id_len);
int stor_dirf_add(struct stor_dirf *d, const struct stor_dirent *e);
void stor_dirf_del(struct stor_dirf *d, struct stor_dirent *e);

/* An object's plaintext: metadata, attribute records, data. */
struct stor_objdata {
	struct softee_stor_obj_info info;	/* data_size = data length */
	uint8_t *attrs;
	uint32_t attrs_len;
	uint8_t *data;
	size_t data_cap;
};

int stor_obj_encode(const struct stor_objdata *o, uint8_t **out,
		    size_t *len);
int stor_obj_decode(const uint8_t *buf, size_t len, struct stor_objdata *o);
void stor_objdata_free(struct stor_objdata *o);
/* -EINVAL unless len bytes are well-formed softee_stor_attr records. */
int stor_attrs_check(const uint8_t *attrs, size_t len);

void stor_file_name(const uint8_t file_id[STOR_FILE_ID_LEN],
		    char name[2 * STOR_FILE_ID_LEN + 1]);

/* --- files over RPC (stor_fs.c) --------------------------------------- */
/* One storage operation's channel to the normal world. */
struct stor_fs {
	struct sw_thread *t;
	struct mobj *m;		/* bounce buffer (SHM_ALLOC), NULL until needed */
	uint64_t cookie;
	uint64_t cap;
};

void stor_fs_init(struct stor_fs *fs, struct sw_thread *t);
void stor_fs_fini(struct stor_fs *fs);
/* Whole file into *buf (malloc'd); -ENOENT if absent, -ENOSPC over max. */
int stor_fs_read_file(struct stor_fs *fs, const char *path, size_t max,
		      uint8_t **buf, size_t *len);
/* Create (or replace) path with exactly len bytes. */
int stor_fs_write_file(struct stor_fs *fs, const char *path,
		       const uint8_t *buf, size_t len);
int stor_fs_rename(struct stor_fs *fs, const char *from, const char *to,
		   bool overwrite);
int stor_fs_remove(struct stor_fs *fs, const char *path);
/* Call fn for each entry name of dir (none if dir is absent or empty). */
int stor_fs_list(struct stor_fs *fs, const char *dir,
		 int (*fn)(void *ctx, const char *name), void *ctx);

/* --- each TA's storage (stor_store.c) --------------------------------- */
struct stor_store;

/* The storage of (vm_id, uuid), created on first use; never freed. */
int stor_store_get(uint32_t vm_id, const uint8_t uuid[16],
		   struct stor_store **out);
void stor_store_lock(struct stor_store *st);
void stor_store_unlock(struct stor_store *st);
/* Read (or reuse) the directory file; locked. */
int stor_store_load(struct stor_store *st, struct stor_fs *fs);
/* The directory as loaded (valid until the lock is dropped). */
const struct stor_dirf *stor_store_dirf(struct stor_store *st);
/* Read and authenticate the object of entry id; -EBADMSG if tampered. */
int stor_store_read_obj(struct stor_store *st, struct stor_fs *fs,
			const uint8_t *id, uint32_t id_len,
			struct stor_objdata *o);
/*
 * Commit o as the new content of id (creating it if new_id is true,
 * replacing what is there when overwrite): one atomic directory update.
 */
int stor_store_write_obj(struct stor_store *st, struct stor_fs *fs,
			 const uint8_t *id, uint32_t id_len,
			 const struct stor_objdata *o, bool create,
			 bool overwrite);
int stor_store_delete_obj(struct stor_store *st, struct stor_fs *fs,
			  const uint8_t *id, uint32_t id_len);
/* Rename id to new_id with content o (re-encrypted: the id is bound). */
int stor_store_rename_obj(struct stor_store *st, struct stor_fs *fs,
			  const uint8_t *id, uint32_t id_len,
			  const uint8_t *new_id, uint32_t new_id_len,
			  const struct stor_objdata *o);
/* The object is corrupt: GP says delete it (best effort). */
void stor_store_drop_corrupt(struct stor_store *st, struct stor_fs *fs,
			     const uint8_t *id, uint32_t id_len);

/* --- open objects and handles (stor_obj.c) ---------------------------- */
struct stor_caller {
	struct sw_thread *thread;	/* NULL: no normal world to ask */
	uint32_t vm_id;
	uint8_t uuid[16];
	struct tm_inst *inst;		/* owner of the handles */
};

int stor_open(const struct stor_caller *c, uint32_t flags, const uint8_t *id,
	      uint32_t id_len, uint64_t *handle,
	      struct softee_stor_obj_info *info, uint8_t **attrs,
	      uint32_t *attrs_len);
int stor_create(const struct stor_caller *c, uint32_t flags,
		const uint8_t *id, uint32_t id_len,
		const struct softee_stor_obj_info *info, const uint8_t *attrs,
		uint32_t attrs_len, const uint8_t *data, bool want_handle,
		uint64_t *handle);
int stor_close(const struct stor_caller *c, uint64_t handle);
/* Read up to len bytes at off into a malloc'd *buf; *got = bytes read. */
int stor_read(const struct stor_caller *c, uint64_t handle, uint64_t off,
	      uint64_t len, uint8_t **buf, uint64_t *got);
int stor_write(const struct stor_caller *c, uint64_t handle, uint64_t off,
	       const uint8_t *data, uint64_t len);
int stor_truncate(const struct stor_caller *c, uint64_t handle,
		  uint64_t size);
int stor_rename(const struct stor_caller *c, uint64_t handle,
		const uint8_t *id, uint32_t id_len);
int stor_close_delete(const struct stor_caller *c, uint64_t handle);
int stor_info(const struct stor_caller *c, uint64_t handle,
	      struct softee_stor_obj_info *info);
/* Restrict the object's usage to usage (persistently). */
int stor_set_usage(const struct stor_caller *c, uint64_t handle,
		   uint32_t usage);
/* A page of the objects (info + id) from index start on. */
int stor_enum(const struct stor_caller *c, uint32_t start,
	      struct stor_dirent **ents, uint32_t *n, uint32_t *total);
/* A TA instance is gone: close every handle it held. */
void stor_inst_gone(struct tm_inst *inst);
/* Handles open now (stat). */
uint64_t stor_open_handles(void);

#endif /* SOFTEE_SECURE_STORAGE_H */
