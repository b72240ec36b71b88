/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Decoding a TEE_IOC_SUPPL_RECV result into a validated request, and
 * encoding the TEE_IOC_SUPPL_SEND answer. Pure functions: no I/O, so the
 * fuzzer and the unit tests can drive them directly.
 */
#ifndef SOFTEE_SUPP_REQ_H
#define SOFTEE_SUPP_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/tee.h>
#include "optee_rpc_cmd.h"

/* Params in one exchange, the leading meta (request id) one included. */
#define SUPP_MAX_PARAMS		OPTEE_SUPP_NUM_PARAMS
#define SUPP_BUF_SIZE \
	(sizeof(struct tee_iocl_supp_recv_arg) + \
	 SUPP_MAX_PARAMS * sizeof(struct tee_ioctl_param))

struct supp_req {
	uint32_t func;
	bool has_id;		/* the driver sent a meta param (async mode) */
	uint64_t id;		/* request id to echo in the answer */
	uint32_t num_params;	/* real params (meta one excluded) */
	struct tee_ioctl_param params[SUPP_MAX_PARAMS];
};

/*
 * Fill buf (SUPP_BUF_SIZE bytes) for a SUPPL_RECV call. With async, the
 * first param is a bare META attr announcing that we handle requests out
 * of order. Returns the number of bytes to pass as buf_len.
 */
size_t supp_req_prepare_recv(void *buf, bool async);

/*
 * Decode len bytes of a SUPPL_RECV result. Returns 0 for a well-formed
 * request; -EPROTO if the request is malformed but answerable (req->func,
 * req->has_id/id are valid; answer with BAD_PARAMETERS); -EBADMSG if it
 * cannot even be answered.
 */
int supp_req_decode(const void *buf, size_t len, bool async,
		    struct supp_req *req);

/* Param type helpers on a decoded request (idx counts real params). */
bool supp_req_is_value(const struct supp_req *req, uint32_t idx);
bool supp_req_is_memref(const struct supp_req *req, uint32_t idx);

/*
 * Check that [offs, offs + size) fits in a buffer of shm_size bytes,
 * without overflow. 0 or -EINVAL.
 */
int supp_req_check_range(uint64_t offs, uint64_t size, uint64_t shm_size);

/*
 * Build the SUPPL_SEND buffer answering req with GP result ret into buf
 * (SUPP_BUF_SIZE bytes). Returns the number of bytes to send.
 */
size_t supp_req_encode_reply(const struct supp_req *req, uint32_t ret,
			     void *buf);

#endif /* SOFTEE_SUPP_REQ_H */
