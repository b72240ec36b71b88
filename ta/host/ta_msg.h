/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Validation of messages from the secure world, as a pure function so it
 * can be unit tested and fuzzed. After ta_msg_parse() succeeds every
 * count, run and memref in the message is known to be consistent.
 */
#ifndef TA_MSG_H
#define TA_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "softee_ta_proto.h"

#define TA_PAGE_SIZE		4096U
/* Largest memref window we agree to reserve address space for. */
#define TA_MAX_WINDOW		(1ULL << 36)

struct ta_msg {
	uint32_t op;		/* 0 if even the header was bad */
	uint32_t seq;
	union {
		struct softee_ta_load load;
		struct softee_ta_region region;
		struct softee_ta_call call;
	} u;
	const unsigned char *runs;	/* call.n_runs packed runs, unaligned */
};

/* Does this op get a RESULT back? */
int ta_msg_wants_reply(uint32_t op);

/*
 * Parse and validate one message of len bytes that came with nfds fds.
 * Returns 0 or -EBADMSG; m->op and m->seq are set whenever the header
 * itself was sound, so the caller can still answer the request.
 */
int ta_msg_parse(const void *buf, size_t len, int nfds, struct ta_msg *m);

/* Run i of a parsed call (i < call.n_runs). */
void ta_msg_run(const struct ta_msg *m, uint32_t i, struct softee_ta_run *run);

/* Total bytes of the runs of memref p (already validated). */
uint64_t ta_msg_memref_len(const struct ta_msg *m, unsigned int p);

/* Is param type nibble t a memref / a value / known at all? */
int ta_msg_type_is_memref(uint32_t t);
int ta_msg_type_is_value(uint32_t t);

#endif /* TA_MSG_H */
