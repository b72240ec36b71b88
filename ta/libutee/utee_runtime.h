/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * State shared by the Internal API (libutee) and the softee-ta host:
 * the channel to the secure world, the shared page, the loaded TA's head
 * and the session whose call is running. The host fills it in.
 */
#ifndef UTEE_RUNTIME_H
#define UTEE_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
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

/*
 * Make a SYSCALL to the secure world for the running call and wait for
 * its answer (softee_ta_syscall.h). in_fd (or -1) is passed, not closed.
 * The reply's data goes to out (at most out_cap bytes: a longer reply is
 * a protocol error and the TA host exits); *out_len gets its length.
 * out_fd, if not NULL, receives the reply's fd or -1 (the caller closes
 * it); without out_fd a passed fd is closed. Returns the service's
 * TEE_Result.
 */
TEE_Result utee_syscall(uint32_t nr, const void *in, size_t in_len, int in_fd,
			void *out, size_t out_cap, size_t *out_len,
			int *out_fd);

/* From trace.h, which the host cannot include (its EMSG is log.h's). */
void trace_set_level(int level);

/* Convert GP-wire UUID octets (big endian) to TEE_UUID and back. */
void utee_uuid_from_octets(TEE_UUID *u, const uint8_t oct[16]);
void utee_uuid_to_octets(uint8_t oct[16], const TEE_UUID *u);

#endif /* UTEE_RUNTIME_H */
