/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Validation of an optee_msg_arg copied out of normal-world memory: the
 * one layer where untrusted message input is checked. Below it, code
 * trusts struct msg_call.
 */
#ifndef SOFTEE_SECURE_MSG_PARAM_H
#define SOFTEE_SECURE_MSG_PARAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "optee_msg.h"
#include "softee_mem.h"

#define MSG_NUM_CLIENT_PARAMS	4

/* One client parameter, as the TA will see it. */
struct msg_param {
	uint32_t gp_type;	/* TEE_PARAM_TYPE_* */
	uint32_t msg_type;	/* OPTEE_MSG_ATTR_TYPE_* it came as */
	uint64_t a, b;		/* values */
	paddr_t pa;		/* tmem: PA, or page list PA | offset */
	uint64_t size;
	uint64_t offs;		/* rmem: offset inside the registration */
	uint64_t shm_ref;	/* rmem: cookie of the registration */
	bool noncontig;		/* tmem: pa names a page list */
	bool null_ref;		/* tmem with buf_ptr 0 */
};

struct msg_call {
	uint32_t cmd, func, session, cancel_id;
	uint32_t num_params;	/* as in the header */
	uint8_t ta_uuid[16];
	uint8_t clnt_uuid[16];
	uint32_t login;
	uint32_t first_client;	/* msg index of client param 0 */
	uint32_t n_params;	/* client params */
	struct msg_param params[MSG_NUM_CLIENT_PARAMS];
	/* REGISTER_SHM: the list; UNREGISTER_SHM: shm_cookie only. */
	uint64_t shm_buf_ptr, shm_size, shm_cookie;
};

/*
 * Validate arg (len bytes, already copied into private memory). The
 * header num_params must be covered by len. Returns 0 or -EINVAL (bad
 * parameters/command).
 */
int msg_arg_parse(const struct optee_msg_arg *arg, size_t len,
		  struct msg_call *c);

/* GP param_types word of the client params. */
uint32_t msg_call_param_types(const struct msg_call *c);

/* Byte offset, inside the arg, of msg param idx. */
static inline size_t msg_param_offset(uint32_t idx)
{
	return sizeof(struct optee_msg_arg) +
	       (size_t)idx * sizeof(struct optee_msg_param);
}

static inline bool msg_type_is_tmem(uint32_t t)
{
	return t >= OPTEE_MSG_ATTR_TYPE_TMEM_INPUT &&
	       t <= OPTEE_MSG_ATTR_TYPE_TMEM_INOUT;
}

static inline bool msg_type_is_rmem(uint32_t t)
{
	return t >= OPTEE_MSG_ATTR_TYPE_RMEM_INPUT &&
	       t <= OPTEE_MSG_ATTR_TYPE_RMEM_INOUT;
}

static inline bool msg_type_is_memref(uint32_t t)
{
	return msg_type_is_tmem(t) || msg_type_is_rmem(t);
}

static inline bool msg_type_is_output(uint32_t t)
{
	return t == OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT ||
	       t == OPTEE_MSG_ATTR_TYPE_VALUE_INOUT ||
	       t == OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT ||
	       t == OPTEE_MSG_ATTR_TYPE_TMEM_INOUT ||
	       t == OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT ||
	       t == OPTEE_MSG_ATTR_TYPE_RMEM_INOUT;
}

#endif
