/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Validation of softee device-protocol replies, as pure functions: a
 * driver is treated as hostile, and a fuzzer can drive these directly.
 */
#ifndef SOFTEE_TEEDEV_REPLY_H
#define SOFTEE_TEEDEV_REPLY_H

#include <stddef.h>
#include <stdint.h>
#include "softee_dev.h"

/*
 * Check the framing of one received reply message of msg_len bytes that
 * came with nfds fds: magic, length field, ret range, payload bound.
 * On success copies the header to *hdr. Returns 0 or -EPROTO.
 */
int teedev_reply_parse(const void *msg, size_t msg_len, int nfds,
		       struct softee_dev_rep *hdr);

/*
 * Check a framed reply against the request it answers: op and the request
 * payload length decide the allowed reply length and fd count.
 * Returns 0 or -EPROTO.
 */
int teedev_reply_check_op(uint32_t op, uint32_t req_len,
			  const struct softee_dev_rep *hdr, int nfds);

/* Reply payload bytes expected on success for op with req_len payload. */
uint32_t teedev_reply_expected_len(uint32_t op, uint32_t req_len);

#endif /* SOFTEE_TEEDEV_REPLY_H */
