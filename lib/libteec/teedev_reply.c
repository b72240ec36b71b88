/* SPDX-License-Identifier: BSD-2-Clause */
/* Pure validation of softee device-protocol replies (see teedev_reply.h). */
#include "teedev_reply.h"

#include <errno.h>
#include <string.h>
#include <linux/tee.h>

#include "wire.h"

/* Largest errno a reply may carry, as the kernel's MAX_ERRNO. */
#define TEEDEV_MAX_ERRNO 4095

int teedev_reply_parse(const void *msg, size_t msg_len, int nfds,
		       struct softee_dev_rep *hdr)
{
	struct softee_dev_rep h;

	if (!msg || msg_len < sizeof(h) || nfds < 0 || nfds > WIRE_MAX_FDS)
		return -EPROTO;
	memcpy(&h, msg, sizeof(h));
	if (h.magic != SOFTEE_DEV_MAGIC)
		return -EPROTO;
	if (h.len > SOFTEE_DEV_MAX_PAYLOAD || h.len != msg_len - sizeof(h))
		return -EPROTO;
	if (h.ret > 0 || h.ret < -TEEDEV_MAX_ERRNO)
		return -EPROTO;
	*hdr = h;
	return 0;
}

uint32_t teedev_reply_expected_len(uint32_t op, uint32_t req_len)
{
	switch (op) {
	case TEE_IOC_VERSION:
		return sizeof(struct tee_ioctl_version_data);
	case TEE_IOC_SHM_REGISTER:
		return sizeof(struct tee_ioctl_shm_register_data);
	case SOFTEE_DEV_OP_INFO:
		return sizeof(struct softee_dev_info);
	default:
		return req_len;
	}
}

/* Ops whose success reply carries exactly one fd. */
static int teedev_reply_fds_for(uint32_t op)
{
	return op == TEE_IOC_SHM_ALLOC || op == TEE_IOC_SHM_REGISTER;
}

int teedev_reply_check_op(uint32_t op, uint32_t req_len,
			  const struct softee_dev_rep *hdr, int nfds)
{
	uint32_t want = teedev_reply_expected_len(op, req_len);

	if (hdr->ret != 0) {
		/*
		 * A failed request carries no fd; its bytes are ignored, and
		 * may be none, the result struct or the request echoed.
		 */
		if (nfds != 0)
			return -EPROTO;
		return (hdr->len == 0 || hdr->len == want ||
			hdr->len == req_len) ? 0 : -EPROTO;
	}
	if (nfds != teedev_reply_fds_for(op))
		return -EPROTO;
	if (hdr->len == want)
		return 0;
	/* Requests without results may be answered with an empty payload. */
	if (hdr->len == 0 && (op == TEE_IOC_CANCEL ||
			      op == TEE_IOC_CLOSE_SESSION ||
			      op == SOFTEE_DEV_OP_SHM_RELEASE))
		return 0;
	return -EPROTO;
}
