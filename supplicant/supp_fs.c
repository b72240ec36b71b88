/* SPDX-License-Identifier: BSD-2-Clause */
/* RPC FS over the supplicant's shared memory (the checks are in supp_fs_ops.c). */
#include <tee_client_api.h>

#include "supp_fs.h"
#include "supp_shm.h"

static int supp_fs_get(void *ctx, const struct tee_ioctl_param *p, void **ptr,
		       size_t *size, void **ref)
{
	struct supp_shm *shm = NULL;

	(void)ctx;
	if (supp_shm_get_memref(p, ptr, size, &shm))
		return -1;
	*ref = shm;
	return 0;
}

static void supp_fs_put(void *ctx, void *ref)
{
	(void)ctx;
	supp_shm_put(ref);
}

uint32_t supp_fs_cmd(struct supp_req *req)
{
	return supp_fs_handle(req, supp_fs_get, supp_fs_put, NULL);
}
