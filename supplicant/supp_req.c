/* SPDX-License-Identifier: BSD-2-Clause */
/* Validation of supplicant requests as they come out of the driver. */
#include <errno.h>
#include <string.h>

#include "supp_req.h"

static uint32_t supp_param_type(const struct tee_ioctl_param *p)
{
	return (uint32_t)(p->attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK);
}

size_t supp_req_prepare_recv(void *buf, bool async)
{
	struct tee_iocl_supp_recv_arg *arg = buf;

	memset(buf, 0, SUPP_BUF_SIZE);
	arg->num_params = SUPP_MAX_PARAMS;
	if (async)
		arg->params[0].attr = TEE_IOCTL_PARAM_ATTR_META;
	return SUPP_BUF_SIZE;
}

/* Only the types tee-supplicant commands use may reach a handler. */
static bool supp_param_attr_ok(uint64_t attr)
{
	if (attr & ~(uint64_t)TEE_IOCTL_PARAM_ATTR_TYPE_MASK)
		return false;
	switch (attr) {
	case TEE_IOCTL_PARAM_ATTR_TYPE_NONE:
	case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
		return true;
	default:
		return false;
	}
}

int supp_req_decode(const void *buf, size_t len, bool async,
		    struct supp_req *req)
{
	struct tee_iocl_supp_recv_arg hdr;
	const unsigned char *pbuf;
	size_t need;
	uint32_t first = 0;
	bool bad = false;
	uint32_t n;

	memset(req, 0, sizeof(*req));
	if (!buf || len < sizeof(hdr))
		return -EBADMSG;
	memcpy(&hdr, buf, sizeof(hdr));
	if (hdr.num_params > SUPP_MAX_PARAMS)
		return -EBADMSG;
	need = sizeof(hdr) + (size_t)hdr.num_params * sizeof(struct tee_ioctl_param);
	if (len < need)
		return -EBADMSG;
	req->func = hdr.func;
	pbuf = (const unsigned char *)buf + sizeof(hdr);

	if (async) {
		struct tee_ioctl_param meta;

		/* Without the id we cannot address an answer at all. */
		if (hdr.num_params < 1)
			return -EBADMSG;
		memcpy(&meta, pbuf, sizeof(meta));
		if (meta.attr != (TEE_IOCTL_PARAM_ATTR_META |
				  TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT))
			return -EBADMSG;
		req->has_id = true;
		req->id = meta.a;
		first = 1;
	}

	/* The answer must carry as many params as the request did. */
	req->num_params = hdr.num_params - first;
	for (n = 0; n < req->num_params; n++) {
		struct tee_ioctl_param *p = &req->params[n];

		memcpy(p, pbuf + (size_t)(n + first) * sizeof(*p), sizeof(*p));
		if (!supp_param_attr_ok(p->attr))
			bad = true;
	}
	return bad ? -EPROTO : 0;
}

bool supp_req_is_value(const struct supp_req *req, uint32_t idx)
{
	uint32_t t;

	if (idx >= req->num_params)
		return false;
	t = supp_param_type(&req->params[idx]);
	return t >= TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT &&
	       t <= TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
}

bool supp_req_is_memref(const struct supp_req *req, uint32_t idx)
{
	uint32_t t;

	if (idx >= req->num_params)
		return false;
	t = supp_param_type(&req->params[idx]);
	return t >= TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT &&
	       t <= TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
}

int supp_req_check_range(uint64_t offs, uint64_t size, uint64_t shm_size)
{
	uint64_t end;

	if (__builtin_add_overflow(offs, size, &end) || end > shm_size)
		return -EINVAL;
	return 0;
}

size_t supp_req_encode_reply(const struct supp_req *req, uint32_t ret,
			     void *buf)
{
	struct tee_iocl_supp_send_arg *arg = buf;
	uint32_t first = 0;
	uint32_t n = req->num_params;

	memset(buf, 0, SUPP_BUF_SIZE);
	if (n > SUPP_MAX_PARAMS)
		n = 0;
	if (req->has_id) {
		if (n > SUPP_MAX_PARAMS - 1)
			n = SUPP_MAX_PARAMS - 1;
		arg->params[0].attr = TEE_IOCTL_PARAM_ATTR_META |
				      TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
		arg->params[0].a = req->id;
		first = 1;
	}
	arg->ret = ret;
	arg->num_params = n + first;
	memcpy(&arg->params[first], req->params, n * sizeof(req->params[0]));
	return sizeof(*arg) + (size_t)arg->num_params * sizeof(arg->params[0]);
}
