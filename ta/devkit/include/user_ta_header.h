/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every TA carries about itself: flags (same numbers as OP-TEE),
 * property types, and the softee TA head that softee-ta looks up by
 * name after loading the TA's shared object.
 */
#ifndef USER_TA_HEADER_H
#define USER_TA_HEADER_H

#include <stdint.h>
#include <tee_api_types.h>
#include <utee_defines.h>

#define TA_FLAG_USER_MODE		0	/* deprecated in OP-TEE */
#define TA_FLAG_EXEC_DDR		0	/* deprecated in OP-TEE */
#define TA_FLAG_SINGLE_INSTANCE		BIT32(2)
#define TA_FLAG_MULTI_SESSION		BIT32(3)
#define TA_FLAG_INSTANCE_KEEP_ALIVE	BIT32(4)
#define TA_FLAG_SECURE_DATA_PATH	BIT32(5)
#define TA_FLAG_REMAP_SUPPORT		0	/* deprecated in OP-TEE */
#define TA_FLAG_CACHE_MAINTENANCE	BIT32(7)
#define TA_FLAG_CONCURRENT		BIT32(8)
#define TA_FLAG_DEVICE_ENUM		BIT32(9)
#define TA_FLAG_DEVICE_ENUM_SUPP	BIT32(10)
#define TA_FLAG_DONT_CLOSE_HANDLE_ON_CORRUPT_OBJECT BIT32(11)
#define TA_FLAG_DEVICE_ENUM_TEE_STORAGE_PRIVATE BIT32(12)
#define TA_FLAG_INSTANCE_KEEP_CRASHED	BIT32(13)

#define TA_PROP_STR_SINGLE_INSTANCE	"gpd.ta.singleInstance"
#define TA_PROP_STR_MULTI_SESSION	"gpd.ta.multiSession"
#define TA_PROP_STR_KEEP_ALIVE		"gpd.ta.instanceKeepAlive"
#define TA_PROP_STR_DATA_SIZE		"gpd.ta.dataSize"
#define TA_PROP_STR_STACK_SIZE		"gpd.ta.stackSize"
#define TA_PROP_STR_VERSION		"gpd.ta.version"
#define TA_PROP_STR_DESCRIPTION		"gpd.ta.description"
#define TA_PROP_STR_ENDIAN		"gpd.ta.endian"
#define TA_PROP_STR_DOES_NOT_CLOSE_HANDLE_ON_CORRUPT_OBJECT \
	"gpd.ta.doesNotCloseHandleOnCorruptObject"

enum user_ta_prop_type {
	USER_TA_PROP_TYPE_BOOL,		/* bool */
	USER_TA_PROP_TYPE_U32,		/* uint32_t */
	USER_TA_PROP_TYPE_UUID,		/* TEE_UUID */
	USER_TA_PROP_TYPE_IDENTITY,	/* TEE_Identity */
	USER_TA_PROP_TYPE_STRING,	/* zero terminated string of char */
	USER_TA_PROP_TYPE_BINARY_BLOCK,	/* base64 text, zero terminated */
	USER_TA_PROP_TYPE_U64,		/* uint64_t */
	USER_TA_PROP_TYPE_INVALID,	/* invalid value */
};

struct user_ta_property {
	const char *name;
	enum user_ta_prop_type type;
	const void *value;
};

#define SOFTEE_TA_HEAD_MAGIC	0x44484154U /* "TAHD" */
#define SOFTEE_TA_HEAD_SYMBOL	"softee_ta_head"

/* The head every TA defines (src/user_ta_header.c of the dev kit). */
struct softee_ta_head {
	uint32_t magic;
	uint32_t version;	/* 1 */
	TEE_UUID uuid;
	uint32_t flags;
	uint32_t stack_size;
	uint32_t data_size;
	uint32_t num_props;
	const struct user_ta_property *props;
};

extern const struct softee_ta_head softee_ta_head;

#endif /* USER_TA_HEADER_H */
