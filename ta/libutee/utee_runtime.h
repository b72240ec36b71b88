/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * State shared by the Internal API (libutee) and the softee-ta host:
 * the channel to the secure world, the shared page, the loaded TA's head
 * and the session whose call is running. The host fills it in.
 */
#ifndef UTEE_RUNTIME_H
#define UTEE_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>
#include <tee_api_types.h>
#include <user_ta_header.h>

#include "softee_ta_proto.h"

/* Per-session state the Internal API needs while that session runs. */
struct utee_session {
	uint32_t id;			/* secure world's session id */
	void *ctx;			/* TA's sessionContext */
	bool cancel_masked;		/* GP: masked when a session opens */
	TEE_Identity client;		/* gpd.client.identity */
};

struct utee_runtime {
	int chan_fd;				/* -1 when not connected */
	uint32_t cur_seq;			/* seq of the request being served */
	struct softee_ta_shared *shared;	/* NULL until LOAD */
	const struct softee_ta_head *head;	/* NULL until LOAD */
	struct utee_session *cur_sess;		/* NULL outside a session call */
	const void *instance_data;
};

extern struct utee_runtime utee_rt;

/* Send PANIC for the running request and exit; never returns. */
void utee_panic_exit(uint32_t code) __attribute__((noreturn));

/* From trace.h, which the host cannot include (its EMSG is log.h's). */
void trace_set_level(int level);

/* Convert GP-wire UUID octets (big endian) to TEE_UUID and back. */
void utee_uuid_from_octets(TEE_UUID *u, const uint8_t oct[16]);
void utee_uuid_to_octets(uint8_t oct[16], const TEE_UUID *u);

#endif /* UTEE_RUNTIME_H */
