/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SYSCALL class STORAGE (softee_ta_syscall.h): the GP persistent-object
 * API as a TA host asks the secure world for it. The secure world holds
 * the objects (keys, encryption, files, sharing rules); the TA host keeps
 * only handles, data positions and the attributes it was given.
 *
 * Every request and reply starts with the fixed struct named below,
 * followed by the variable parts in the order given. All integers are
 * little endian (both ends run on the same host). Object ids are at most
 * SOFTEE_STOR_ID_MAX bytes. Data longer than what fits inline travels in
 * a memfd (the syscall's one fd): the sender writes len bytes at offset 0.
 */
#ifndef SOFTEE_TA_SYS_STORAGE_H
#define SOFTEE_TA_SYS_STORAGE_H

#include <assert.h>
#include <stdint.h>

#include "softee_ta_syscall.h"

#define SOFTEE_STOR_NR(fn)	SOFTEE_SYS_NR(SOFTEE_SYS_CLASS_STORAGE, fn)

enum softee_stor_fn {
	SOFTEE_STOR_OPEN = 1,		/* stor_open -> stor_opened + attrs */
	SOFTEE_STOR_CREATE = 2,		/* stor_create + id + attrs [+ data] */
	SOFTEE_STOR_CLOSE = 3,		/* stor_handle -> nothing */
	SOFTEE_STOR_READ = 4,		/* stor_rw -> stor_read_ret [+ data] */
	SOFTEE_STOR_WRITE = 5,		/* stor_rw [+ data] -> nothing */
	SOFTEE_STOR_TRUNCATE = 6,	/* stor_trunc -> nothing */
	SOFTEE_STOR_RENAME = 7,		/* stor_rename + id -> nothing */
	SOFTEE_STOR_CLOSE_DELETE = 8,	/* stor_handle -> nothing */
	SOFTEE_STOR_INFO = 9,		/* stor_handle -> stor_obj_info */
	SOFTEE_STOR_ENUM = 10,		/* stor_enum -> stor_enum_ret + entries */
	SOFTEE_STOR_SET_USAGE = 11,	/* stor_usage -> nothing */
};

#define SOFTEE_STOR_ID_MAX	64U	/* TEE_OBJECT_ID_MAX_LEN */
/* GP TEE_DATA_MAX_POSITION: no data byte lies beyond it. */
#define SOFTEE_STOR_MAX_POS	0xFFFFFFFFULL
/* Serialized attributes of one object (keys are far smaller). */
#define SOFTEE_STOR_ATTRS_MAX	(32U * 1024U)

/* What GP shows of a persistent object (TEE_ObjectInfo without handle state). */
struct softee_stor_obj_info {
	uint32_t type;		/* TEE_TYPE_* */
	uint32_t obj_size;	/* key size in bits */
	uint32_t max_obj_size;
	uint32_t usage;		/* TEE_USAGE_* */
	uint64_t data_size;
};
static_assert(sizeof(struct softee_stor_obj_info) == 24, "obj info");

/*
 * One attribute, as stored and as exchanged: a value attribute has
 * len 0 and a/b; a buffer attribute has a = b = 0 and len bytes follow,
 * padded with zeros to a multiple of 8.
 */
struct softee_stor_attr {
	uint32_t id;		/* TEE_ATTR_*; bit 29 set = value attribute */
	uint32_t a;
	uint32_t b;
	uint32_t len;
};
static_assert(sizeof(struct softee_stor_attr) == 16, "stor attr");
#define SOFTEE_STOR_ATTR_VALUE	(1U << 29)	/* TEE_ATTR_FLAG_VALUE */
#define SOFTEE_STOR_PAD8(n)	(((n) + 7U) & ~7U)

/* OPEN: + id_len bytes of id. */
struct softee_stor_open {
	uint32_t storage_id;
	uint32_t flags;		/* TEE_DATA_FLAG_* */
	uint32_t id_len;
	uint32_t reserved;
};

/* OPEN reply: + attrs_len bytes of softee_stor_attr records. */
struct softee_stor_opened {
	uint64_t handle;
	struct softee_stor_obj_info info;
	uint32_t attrs_len;
	uint32_t reserved;
};
static_assert(sizeof(struct softee_stor_opened) == 40, "opened");

/*
 * CREATE: + id, + attrs_len bytes of attributes, + info.data_size bytes
 * of initial data when data_inline (else they are in the fd). The reply
 * is a stor_handle (handle 0 when want_handle was 0).
 */
struct softee_stor_create {
	uint32_t storage_id;
	uint32_t flags;
	uint32_t id_len;
	uint32_t attrs_len;
	struct softee_stor_obj_info info;
	uint32_t want_handle;
	uint32_t data_inline;
};
static_assert(sizeof(struct softee_stor_create) == 48, "create");

struct softee_stor_handle {
	uint64_t handle;
};

/*
 * READ: len bytes wanted at offset. WRITE: len bytes at offset, inline
 * after the struct when data_inline, else in the fd.
 */
struct softee_stor_rw {
	uint64_t handle;
	uint64_t offset;
	uint64_t len;
	uint32_t data_inline;
	uint32_t reserved;
};
static_assert(sizeof(struct softee_stor_rw) == 32, "rw");

/* READ reply: len bytes read, inline after it, or (data_inline 0) in the fd. */
struct softee_stor_read_ret {
	uint64_t len;
	uint32_t data_inline;
	uint32_t reserved;
};

struct softee_stor_trunc {
	uint64_t handle;
	uint64_t size;
};

/* SET_USAGE: the object's usage becomes usage AND what it was. */
struct softee_stor_usage {
	uint64_t handle;
	uint32_t usage;
	uint32_t reserved;
};

/* RENAME: + id_len bytes of the new id. */
struct softee_stor_rename {
	uint64_t handle;
	uint32_t id_len;
	uint32_t reserved;
};

/* ENUM: the objects of storage_id from index start on (a snapshot page). */
struct softee_stor_enum {
	uint32_t storage_id;
	uint32_t start;
};

/* ENUM reply: count entries follow; total = objects in the storage. */
struct softee_stor_enum_ret {
	uint32_t total;
	uint32_t count;
};

/* One ENUM entry: + id_len bytes of id, padded to a multiple of 8. */
struct softee_stor_enum_ent {
	struct softee_stor_obj_info info;
	uint32_t id_len;
	uint32_t reserved;
};
static_assert(sizeof(struct softee_stor_enum_ent) == 32, "enum ent");

/* Inline data limit of READ replies and WRITE/CREATE requests. */
#define SOFTEE_STOR_INLINE_MAX	(SOFTEE_TA_SYSCALL_MAX_DATA - 256U)

#endif /* SOFTEE_TA_SYS_STORAGE_H */
