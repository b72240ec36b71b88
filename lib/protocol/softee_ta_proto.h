/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Protocol between the secure world and one TA host (softee-ta), over a
 * SOCK_SEQPACKET socketpair created by the secure world. The TA host is
 * S-EL0: it trusts the secure world, and the secure world treats every
 * byte from it as hostile.
 *
 * secure -> TA:  LOAD, OPEN_SESSION, INVOKE, CLOSE_SESSION, DESTROY
 *                (each answered by RESULT), REGION_GIVE / REGION_DROP
 *                (no answer; ordered before the call that needs them).
 * TA -> secure:  RESULT, PANIC (then the host exits), and SYSCALL
 *                requests during a call (answered by SYSCALL_RET).
 */
#ifndef SOFTEE_TA_PROTO_H
#define SOFTEE_TA_PROTO_H

#include <assert.h>
#include <stdint.h>

#define SOFTEE_TA_MAGIC	0x41544553U /* "SETA" */

enum softee_ta_op {
	SOFTEE_TA_LOAD = 1,
	SOFTEE_TA_OPEN_SESSION = 2,
	SOFTEE_TA_INVOKE = 3,
	SOFTEE_TA_CLOSE_SESSION = 4,
	SOFTEE_TA_DESTROY = 5,
	SOFTEE_TA_REGION_GIVE = 6,
	SOFTEE_TA_REGION_DROP = 7,
	SOFTEE_TA_RESULT = 0x100,
	SOFTEE_TA_PANIC = 0x101,
	SOFTEE_TA_SYSCALL = 0x102,
	SOFTEE_TA_SYSCALL_RET = 0x103,
};

struct softee_ta_hdr {
	uint32_t magic;
	uint32_t op;
	uint32_t len;		/* payload bytes after the header */
	uint32_t seq;		/* a RESULT echoes the seq of its request */
};
static_assert(sizeof(struct softee_ta_hdr) == 16, "ta hdr");

/*
 * LOAD: fds[0] = sealed memfd holding the TA ELF (already verified),
 * fds[1] = memfd of one page holding struct softee_ta_shared.
 * RESULT payload: struct softee_ta_loaded.
 */
struct softee_ta_load {
	uint8_t uuid[16];	/* the UUID the TA must declare */
	uint32_t log_level;
	uint32_t reserved;
};

/* TA properties read from the TA's own header (user_ta_header_defines.h). */
struct softee_ta_loaded {
	uint32_t ret;		/* TEE_Result of loading + TA_CreateEntryPoint */
	uint32_t flags;		/* TA_FLAG_* (single instance, multi session, ...) */
	uint32_t stack_size;
	uint32_t data_size;
	uint8_t uuid[16];
};

/* Page shared by secure world and TA host for the running call. */
struct softee_ta_shared {
	uint32_t cancel_requested; /* set by secure (futex word), reset per call */
	uint32_t reserved[1023];
};
static_assert(sizeof(struct softee_ta_shared) == 4096, "one page");

/* REGION_GIVE: fds[0] is the region memfd; REGION_DROP: no fd. */
struct softee_ta_region {
	uint64_t handle;	/* secure world's region handle */
};

/* One contiguous piece of a memref: length bytes of a region's memfd. */
struct softee_ta_run {
	uint64_t handle;
	uint64_t file_offset;	/* 4 KiB aligned */
	uint64_t length;	/* multiple of 4 KiB */
};

/*
 * A memref: the TA maps runs[first_run .. first_run + n_runs) back to
 * back into one window; the buffer is window + offset, size bytes.
 * n_runs == 0 means a NULL buffer (size then tells the size GP shows).
 */
struct softee_ta_memref {
	uint64_t size;
	uint64_t offset;	/* < 4096 + total run length */
	uint32_t first_run;
	uint32_t n_runs;
};

struct softee_ta_value {
	uint32_t a;
	uint32_t b;
	uint64_t reserved[2];
};

union softee_ta_param {
	struct softee_ta_memref memref;
	struct softee_ta_value value;
};
static_assert(sizeof(union softee_ta_param) == 24, "ta param");

/* GP login + identity as the TA sees it (TEE_Identity). */
struct softee_ta_identity {
	uint32_t login;
	uint8_t uuid[16];
};

/*
 * OPEN_SESSION, INVOKE, CLOSE_SESSION payload; n_runs runs follow.
 * param_types is the GP TEE_PARAM_TYPES value (4 bits per param).
 */
struct softee_ta_call {
	uint32_t session_id;	/* secure world's id for the session */
	uint32_t cmd;		/* INVOKE: command id */
	uint32_t param_types;
	uint32_t n_runs;
	struct softee_ta_identity client; /* OPEN_SESSION */
	uint32_t reserved;
	union softee_ta_param params[4];
	/* struct softee_ta_run runs[n_runs] */
};
static_assert(sizeof(struct softee_ta_call) == 136, "ta call");

#define SOFTEE_TA_MAX_RUNS	4096

/*
 * RESULT payload for calls. Output values and memref sizes in params.
 * The RESULT answering DESTROY has no payload (len 0): the TA has run
 * TA_DestroyEntryPoint and exits right after sending it.
 */
struct softee_ta_result {
	uint32_t ret;		/* TEE_Result */
	uint32_t ret_origin;	/* TEE_ORIGIN_* */
	uint32_t reserved[2];
	struct {
		uint32_t a;	/* value output */
		uint32_t b;
		uint64_t size;	/* memref output size */
	} params[4];
};

/* PANIC payload. */
struct softee_ta_panic {
	uint32_t code;
	uint32_t reserved;
};

/* SYSCALL: generic request from the TA during a call (issue 4). */
struct softee_ta_syscall {
	uint32_t nr;
	uint32_t len;		/* bytes of argument data that follow */
};

struct softee_ta_syscall_ret {
	uint32_t ret;		/* TEE_Result */
	uint32_t len;		/* bytes of result data that follow */
};

#define SOFTEE_TA_MAX_MSG	(sizeof(struct softee_ta_hdr) + \
				 sizeof(struct softee_ta_call) + \
				 SOFTEE_TA_MAX_RUNS * sizeof(struct softee_ta_run))

/* Exit codes of the TA host, seen by the secure world's waitpid. */
#define SOFTEE_TA_EXIT_OK	0
#define SOFTEE_TA_EXIT_PANIC	3
#define SOFTEE_TA_EXIT_BADLOAD	4

#endif /* SOFTEE_TA_PROTO_H */
