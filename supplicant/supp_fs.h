/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RPC FS: the REE file system behind OP-TEE secure storage (ABI.md 4.3).
 * Requests name files relative to one storage root; each is checked as
 * hostile (exact parameter types, names that cannot leave the root, our
 * own handle table instead of raw fds, bounded sizes). supp_fs_ops.c does
 * the checking and the file work without touching the TEE device, so the
 * fuzzer and the unit tests drive it directly; supp_fs.c ties it to the
 * supplicant's shared memory.
 */
#ifndef SOFTEE_SUPP_FS_H
#define SOFTEE_SUPP_FS_H

#include <stddef.h>
#include <stdint.h>

#include "supp_req.h"

/* Default root (as tee-supplicant's) when there is no run directory. */
#define SUPP_FS_DEFAULT_ROOT	"/data/tee"
/* Bounds a hostile secure world cannot push us past. */
#define SUPP_FS_MAX_FILES	256U		/* open file handles */
#define SUPP_FS_MAX_DIRS	16U		/* open directory handles */
#define SUPP_FS_MAX_FILE_SIZE	(1ULL << 30)	/* bytes of one file */
#define SUPP_FS_MAX_NAME	1024U		/* bytes of a name, NUL included */
#define SUPP_FS_MAX_DEPTH	8U		/* components of a name */

/* The FS handler; returns a GP result. */
uint32_t supp_fs_cmd(struct supp_req *req);

/*
 * Use root (created with mode 0700 if missing) for every file. Call once
 * before serving; a root that cannot be made is retried at first use.
 * 0 or -errno.
 */
int supp_fs_init(const char *root);
const char *supp_fs_root(void);

/*
 * Resolves a memref param to bytes we may read or write (*ref is handed
 * back to put once done); 0 or -EINVAL.
 */
typedef int (*supp_fs_memref_fn)(void *ctx, const struct tee_ioctl_param *p,
				 void **ptr, size_t *size, void **ref);
typedef void (*supp_fs_put_fn)(void *ctx, void *ref);

/*
 * Serve one FS request (req->func == OPTEE_RPC_CMD_FS) with memrefs
 * resolved by get/put; params are updated in place. GP result.
 */
uint32_t supp_fs_handle(struct supp_req *req, supp_fs_memref_fn get,
			supp_fs_put_fn put, void *ctx);

/*
 * Check a file name as the secure world sent it (size bytes of memref):
 * NUL-terminated within size, relative to the root (one leading '/'
 * allowed), at most SUPP_FS_MAX_DEPTH components of [A-Za-z0-9._-],
 * none empty, "." or "..". Writes the name without the leading '/' to
 * out (SUPP_FS_MAX_NAME bytes). 0 or -EINVAL.
 */
int supp_fs_check_name(const void *buf, size_t size, char *out);

/* Close every handle (tests, fuzzing, shutdown). */
void supp_fs_reset(void);

#endif /* SOFTEE_SUPP_FS_H */
