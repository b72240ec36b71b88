/* SPDX-License-Identifier: BSD-2-Clause */
/* Checks an optee_msg_arg and turns it into struct msg_call. */
#include "msg_param.h"

#include <errno.h>
#include <string.h>

#include "tee_err.h"
#include "util.h"

/* Attribute bits a client param may carry. */
#define MSG_CACHE_BITS \
	((uint64_t)OPTEE_MSG_ATTR_CACHE_MASK << OPTEE_MSG_ATTR_CACHE_SHIFT)

static void msg_uuid_from_value(uint8_t out[16], uint64_t a, uint64_t b)
{
	/* The normal world copies the 16 octets raw into a and b. */
	memcpy(out, &a, 8);
	memcpy(out + 8, &b, 8);
}

static int msg_client_param(const struct optee_msg_param *p,
			    struct msg_param *out)
{
	uint64_t attr = p->attr;
	uint32_t type = (uint32_t)(attr & OPTEE_MSG_ATTR_TYPE_MASK);
	uint64_t end;

	memset(out, 0, sizeof(*out));
	out->msg_type = type;
	if (attr & OPTEE_MSG_ATTR_META)
		return -EINVAL;
	switch (type) {
	case OPTEE_MSG_ATTR_TYPE_NONE:
		if (attr != 0)
			return -EINVAL;
		out->gp_type = TEE_PARAM_TYPE_NONE;
		return 0;
	case OPTEE_MSG_ATTR_TYPE_VALUE_INPUT:
	case OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT:
	case OPTEE_MSG_ATTR_TYPE_VALUE_INOUT:
		if (attr != type)
			return -EINVAL;
		out->gp_type = type;
		out->a = p->u.value.a;
		out->b = p->u.value.b;
		return 0;
	case OPTEE_MSG_ATTR_TYPE_TMEM_INPUT:
	case OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT:
	case OPTEE_MSG_ATTR_TYPE_TMEM_INOUT:
		if (attr & ~((uint64_t)OPTEE_MSG_ATTR_TYPE_MASK | MSG_CACHE_BITS |
			     OPTEE_MSG_ATTR_NONCONTIG))
			return -EINVAL;
		out->gp_type = type - OPTEE_MSG_ATTR_TYPE_TMEM_INPUT +
			       TEE_PARAM_TYPE_MEMREF_INPUT;
		out->pa = p->u.tmem.buf_ptr;
		out->size = p->u.tmem.size;
		out->noncontig = attr & OPTEE_MSG_ATTR_NONCONTIG;
		if (!out->pa) {
			/* A page list at PA 0 is no list: refuse, not NULL. */
			if (out->noncontig)
				return -EINVAL;
			out->null_ref = true;
			return 0;
		}
		if (out->noncontig && !out->size)
			return -EINVAL;
		if (ADD_OVERFLOW(out->pa, out->size, &end))
			return -EINVAL;
		return 0;
	case OPTEE_MSG_ATTR_TYPE_RMEM_INPUT:
	case OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT:
	case OPTEE_MSG_ATTR_TYPE_RMEM_INOUT:
		if (attr & ~((uint64_t)OPTEE_MSG_ATTR_TYPE_MASK | MSG_CACHE_BITS))
			return -EINVAL;
		/* msg RMEM_* and GP MEMREF_* share their numbers. */
		out->gp_type = type - OPTEE_MSG_ATTR_TYPE_RMEM_INPUT +
			       TEE_PARAM_TYPE_MEMREF_INPUT;
		out->offs = p->u.rmem.offs;
		out->size = p->u.rmem.size;
		out->shm_ref = p->u.rmem.shm_ref;
		if (ADD_OVERFLOW(out->offs, out->size, &end))
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

static int msg_open_meta(const struct optee_msg_arg *arg, struct msg_call *c)
{
	const uint64_t meta_in = OPTEE_MSG_ATTR_META |
				 OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;

	if (arg->num_params < 2 || arg->params[0].attr != meta_in ||
	    arg->params[1].attr != meta_in)
		return -EINVAL;
	msg_uuid_from_value(c->ta_uuid, arg->params[0].u.value.a,
			    arg->params[0].u.value.b);
	msg_uuid_from_value(c->clnt_uuid, arg->params[1].u.value.a,
			    arg->params[1].u.value.b);
	if (arg->params[1].u.value.c > UINT32_MAX)
		return -EINVAL;
	c->login = (uint32_t)arg->params[1].u.value.c;
	switch (c->login) {
	case OPTEE_MSG_LOGIN_PUBLIC:
	case OPTEE_MSG_LOGIN_USER:
	case OPTEE_MSG_LOGIN_GROUP:
	case OPTEE_MSG_LOGIN_APPLICATION:
	case OPTEE_MSG_LOGIN_APPLICATION_USER:
	case OPTEE_MSG_LOGIN_APPLICATION_GROUP:
		break;
	default:
		return -EINVAL;
	}
	c->first_client = 2;
	return 0;
}

static int msg_client_params(const struct optee_msg_arg *arg,
			     struct msg_call *c)
{
	uint32_t n = arg->num_params - c->first_client;

	if (n > MSG_NUM_CLIENT_PARAMS)
		return -EINVAL;
	c->n_params = n;
	for (uint32_t i = 0; i < n; i++) {
		int ret = msg_client_param(&arg->params[c->first_client + i],
					   &c->params[i]);
		if (ret)
			return ret;
	}
	return 0;
}

int msg_arg_parse(const struct optee_msg_arg *arg, size_t len,
		  struct msg_call *c)
{
	memset(c, 0, sizeof(*c));
	if (len < sizeof(*arg) || arg->num_params > OPTEE_MSG_MAX_NUM_PARAMS ||
	    len < OPTEE_MSG_GET_ARG_SIZE(arg->num_params))
		return -EINVAL;
	c->cmd = arg->cmd;
	c->func = arg->func;
	c->session = arg->session;
	c->cancel_id = arg->cancel_id;
	c->num_params = arg->num_params;

	switch (arg->cmd) {
	case OPTEE_MSG_CMD_OPEN_SESSION:
		if (msg_open_meta(arg, c))
			return -EINVAL;
		return msg_client_params(arg, c);
	case OPTEE_MSG_CMD_INVOKE_COMMAND:
		return msg_client_params(arg, c);
	case OPTEE_MSG_CMD_CLOSE_SESSION:
	case OPTEE_MSG_CMD_CANCEL:
		return arg->num_params ? -EINVAL : 0;
	case OPTEE_MSG_CMD_REGISTER_SHM:
		/* Linux sends exactly TMEM_OUTPUT|NONCONTIG; check it anyway. */
		if (arg->num_params != 1 ||
		    arg->params[0].attr != OPTEE_MSG_REGISTER_SHM_ATTR)
			return -EINVAL;
		c->shm_buf_ptr = arg->params[0].u.tmem.buf_ptr;
		c->shm_size = arg->params[0].u.tmem.size;
		c->shm_cookie = arg->params[0].u.tmem.shm_ref;
		return 0;
	case OPTEE_MSG_CMD_UNREGISTER_SHM:
		if (arg->num_params != 1 ||
		    arg->params[0].attr != OPTEE_MSG_ATTR_TYPE_RMEM_INPUT)
			return -EINVAL;
		c->shm_cookie = arg->params[0].u.rmem.shm_ref;
		return 0;
	default:
		return -EINVAL;
	}
}

uint32_t msg_call_param_types(const struct msg_call *c)
{
	uint32_t pt = 0;

	for (uint32_t i = 0; i < c->n_params; i++)
		pt |= (c->params[i].gp_type & 0xF) << (4 * i);
	return pt;
}
