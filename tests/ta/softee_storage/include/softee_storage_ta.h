/* SPDX-License-Identifier: BSD-2-Clause */
/* Command ids and UUIDs shared by the storage test TAs and their client. */
#ifndef SOFTEE_STORAGE_TA_H
#define SOFTEE_STORAGE_TA_H

/* Multi instance: one TA process per session. */
#define TA_SOFTEE_STORAGE_UUID \
	{ 0x5eed7e57, 0x5705, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x57, 0x05 } }
/* The same code under another UUID: another TA's storage. */
#define TA_SOFTEE_STORAGE2_UUID \
	{ 0x5eed7e57, 0x5706, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x57, 0x06 } }

enum softee_storage_cmd {
	/* p0 MEMREF_IN id; p1 MEMREF_IN data (NULL: none); p2 VALUE_IN
	 * a = TEE_DATA_FLAG_*, b = storage id (0: TEE_STORAGE_PRIVATE).
	 * Returns the GP result of TEE_CreatePersistentObject. */
	STOR_CMD_CREATE = 0,
	/* p0 MEMREF_IN id; p1 MEMREF_OUT data; p2 VALUE_OUT a = data size.
	 * Reads the whole object; SHORT_BUFFER (size set) if it does not fit. */
	STOR_CMD_READ = 1,
	/* p0 MEMREF_IN id; p1 MEMREF_IN data; p2 VALUE_IN a = offset. */
	STOR_CMD_WRITE = 2,
	/* p0 MEMREF_IN id: open with WRITE_META and close-and-delete. */
	STOR_CMD_DELETE = 3,
	/* p0 MEMREF_IN id; p1 VALUE_IN a = flags, b = storage id (0:
	 * private). The result of TEE_OpenPersistentObject (then closed). */
	STOR_CMD_OPEN = 4,
	/* p0 MEMREF_OUT: per object one length byte then the id;
	 * p1 VALUE_OUT a = objects. ITEM_NOT_FOUND when there are none. */
	STOR_CMD_LIST = 5,
	/* p0 VALUE_IN a = STOR_TEST_*; p1 VALUE_OUT a = line that failed,
	 * b = the result seen there. */
	STOR_CMD_TEST = 6,
	/* p0 MEMREF_IN id; p1 VALUE_IN a = flags: open and keep the handle
	 * in the instance (one at a time). */
	STOR_CMD_HOLD = 7,
	/* Close the held handle. */
	STOR_CMD_RELEASE = 8,
	/* p0 VALUE_IN a = STOR_PANIC_*: misuse GP answers with a panic. */
	STOR_CMD_PANIC = 9,
	/* p0 MEMREF_IN id; p1 MEMREF_IN new id. */
	STOR_CMD_RENAME = 10,
	/* p0 MEMREF_OUT: the held handle's data from position 0;
	 * p1 VALUE_OUT a = bytes read. */
	STOR_CMD_READ_HELD = 11,
	/* p0 MEMREF_IN id; p1 VALUE_IN a = version k, b = size class
	 * (0 small, 1 large): overwrite the object's whole content with
	 * version k in one TEE_WriteObjectData (creating it if missing). */
	STOR_CMD_VERSION_WRITE = 12,
	/* p0 MEMREF_IN id; p1 VALUE_OUT a = version k found. Result is
	 * TEE_ERROR_CORRUPT_OBJECT also for content that is not exactly one
	 * version (a torn write). */
	STOR_CMD_VERSION_CHECK = 13,
	/* p0 MEMREF_IN id; p1 VALUE_IN a = TEE_USAGE_* to keep. */
	STOR_CMD_RESTRICT = 14,
	/* p0 MEMREF_IN id; p1 VALUE_OUT a = type, b = usage;
	 * p2 VALUE_OUT a = object size, b = data size. */
	STOR_CMD_INFO = 15,
	/* p0 MEMREF_IN id: store the NIST AES-128 test key under id.
	 * p0 MEMREF_IN id with p1 VALUE_IN a = 1: open it and check that it
	 * encrypts the NIST block correctly. */
	STOR_CMD_KEY = 16,
};

enum softee_storage_test {
	STOR_TEST_BASIC = 1,		/* create/open/read/write/seek/... */
	STOR_TEST_CONFLICT = 2,		/* ACCESS_CONFLICT, OVERWRITE */
	STOR_TEST_NOT_FOUND = 3,	/* ITEM_NOT_FOUND, storage ids */
	STOR_TEST_ENUM = 4,		/* enumerators */
	STOR_TEST_KEY = 5,		/* a key stored, reloaded and used */
	STOR_TEST_LARGE = 6,		/* several MiB in one write and read */
	STOR_TEST_SEEK = 7,		/* positions, gaps, MAX_POSITION */
	STOR_TEST_SHARE = 8,		/* two handles see each other's writes */
	STOR_TEST_GP11 = 9,		/* the __GP11_ forms */
	STOR_TEST_IDS = 10,		/* empty, binary and 64-byte ids */
	STOR_TEST_USAGE = 11,		/* TEE_RestrictObjectUsage1 persists */
	STOR_TEST_FLAGS = 12,		/* handle flags, info of data objects */
	STOR_TEST_TRUNCATE = 13,	/* grow with zeros, shrink, position */
	STOR_TEST_MAX = 13,
};

enum softee_storage_panic {
	STOR_PANIC_READ_NO_ACCESS = 1,	/* read without ACCESS_READ */
	STOR_PANIC_WRITE_NO_ACCESS = 2,	/* write without ACCESS_WRITE */
	STOR_PANIC_RENAME_NO_META = 3,	/* rename without WRITE_META */
	STOR_PANIC_DELETE_NO_META = 4,	/* close-and-delete without it */
	STOR_PANIC_ID_TOO_LONG = 5,	/* open with a 65-byte id */
	STOR_PANIC_BAD_FLAGS = 6,	/* open with an unknown flag */
	STOR_PANIC_TRANSIENT_DATA = 7,	/* data stream of a transient object */
	STOR_PANIC_BAD_ENUM = 8,	/* GetNext on a forged enumerator */
	STOR_PANIC_MAX = 8,
};

/* Content of a version object: this header, then len - 16 bytes. */
#define STOR_VERSION_MAGIC	0x5e7a5e7aU
#define STOR_VERSION_SMALL	2048U
#define STOR_VERSION_LARGE	(200U * 1024U)

#endif /* SOFTEE_STORAGE_TA_H */
