/* SPDX-License-Identifier: BSD-2-Clause */
/* Maps RPC command numbers to the handlers that implement them. */
#include <tee_client_api.h>

#include "log.h"
#include "optee_rpc_cmd.h"
#include "supp_cmd.h"
#include "supp_fs.h"
#include "supp_shm.h"
#include "supp_ta.h"

uint32_t supp_cmd_handle(struct supp_req *req)
{
	switch (req->func) {
	case OPTEE_RPC_CMD_LOAD_TA:
		return supp_ta_cmd_load(req);
	case OPTEE_RPC_CMD_SHM_ALLOC:
		return supp_shm_cmd_alloc(req);
	case OPTEE_RPC_CMD_SHM_FREE:
		return supp_shm_cmd_free(req);
	case OPTEE_RPC_CMD_FS:
		return supp_fs_cmd(req);
	default:
		DMSG_LOG("unsupported request %u", req->func);
		return TEEC_ERROR_NOT_SUPPORTED;
	}
}
