/* SPDX-License-Identifier: BSD-2-Clause */
/* Dispatch of one decoded supplicant request to its command handler. */
#ifndef SOFTEE_SUPP_CMD_H
#define SOFTEE_SUPP_CMD_H

#include <stdint.h>

#include "supp_req.h"

/* Run the handler for req->func (params updated in place); GP result. */
uint32_t supp_cmd_handle(struct supp_req *req);

#endif /* SOFTEE_SUPP_CMD_H */
