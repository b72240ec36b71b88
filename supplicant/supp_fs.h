/* SPDX-License-Identifier: BSD-2-Clause */
/* RPC FS: the REE file system behind OP-TEE secure storage. */
#ifndef SOFTEE_SUPP_FS_H
#define SOFTEE_SUPP_FS_H

#include <stdint.h>

#include "supp_req.h"

/* The FS handler; returns a GP result. */
uint32_t supp_fs_cmd(struct supp_req *req);

#endif /* SOFTEE_SUPP_FS_H */
