/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RPC FS placeholder: secure storage is not served yet, so every FS
 * sub-command reports NOT_SUPPORTED (OP-TEE then reports the storage as
 * unavailable instead of failing obscurely).
 */
#include <tee_client_api.h>

#include "log.h"
#include "supp_fs.h"

uint32_t supp_fs_cmd(struct supp_req *req)
{
	if (req->num_params < 1 || !supp_req_is_value(req, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	DMSG_LOG("fs sub-command %llu not supported",
		 (unsigned long long)req->params[0].a);
	return TEEC_ERROR_NOT_SUPPORTED;
}
