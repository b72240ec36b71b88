/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to tee_api_storage*.c: the persistent part of an object handle
 * and the calls into the secure world's storage service.
 */
#ifndef TEE_API_STORAGE_INT_H
#define TEE_API_STORAGE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <tee_internal_api.h>

#include "softee_ta_sys_storage.h"
#include "utee_object.h"

struct utee_pobj {
	uint64_t handle;	/* the secure world's handle */
	uint32_t flags;		/* TEE_DATA_FLAG_* it was opened with */
	uint64_t pos;		/* data position */
};

/* The persistent object behind h with the access right need, or panic. */
struct __TEE_ObjectHandle *utee_pobj_check(TEE_ObjectHandle h, uint32_t need);

/*
 * After a call on o returned res: for TEE_ERROR_CORRUPT_OBJECT the secure
 * world has deleted the object, and GP closes the handle (unless the TA
 * asked otherwise, TA_FLAG_DONT_CLOSE_HANDLE_ON_CORRUPT_OBJECT). Returns res.
 */
TEE_Result utee_pobj_after(struct __TEE_ObjectHandle *o, TEE_Result res);

/* A storage syscall; GP results other than those in ok... panic. */
TEE_Result utee_stor_call(uint32_t fn, const void *in, size_t in_len,
			  int in_fd, void *out, size_t out_cap,
			  size_t *out_len, int *out_fd);

/* Results GP lets a storage function return; anything else panics. */
#define UTEE_STOR_OK_OPEN	0x01	/* ITEM_NOT_FOUND, ACCESS_CONFLICT */
#define UTEE_STOR_OK_SPACE	0x02	/* STORAGE_NO_SPACE */
#define UTEE_STOR_OK_OVERFLOW	0x04	/* OVERFLOW */
void utee_stor_check(TEE_Result res, unsigned int ok);

/* A memfd holding len bytes of buf (for data too long to go inline). */
int utee_stor_memfd(const void *buf, size_t len);
/* Read len bytes of an fd the secure world passed; 0 or -1. */
int utee_stor_read_fd(int fd, void *buf, size_t len);

#endif /* TEE_API_STORAGE_INT_H */
