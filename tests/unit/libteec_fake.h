/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small fake driver for libteec's unit tests: a thread per connection
 * speaking the softee device protocol and playing a TA (and, when asked,
 * a driver with REG_MEM that keeps registrations' segments).
 */
#ifndef SOFTEE_LIBTEEC_FAKE_H
#define SOFTEE_LIBTEEC_FAKE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <tee_client_api.h>
#include <linux/tee.h>

#include "softee_dev.h"
#include "wire.h"

/* Commands of the fake TA. */
#define CMD_VALUE_INC	1	/* p0 value inout: a += 1, b = a * 2 */
#define CMD_FILL	2	/* every output memref: bytes ^= 0xff, b kept */
#define CMD_SHORT	3	/* p0 memref: SHORT_BUFFER, b = size + 10 */
#define CMD_WAIT_CANCEL	4	/* blocks until a cancel arrives */
#define CMD_IOCTL_ENOMEM 5	/* the ioctl itself fails with ENOMEM */
#define CMD_NULL_CHECK	6	/* p0.a := 1 if p1 is a NULL memref */

#define FAKE_MAX_SHM 64

/* A registration as the fake driver keeps it. */
struct fake_reg {
	uint64_t addr;
	uint64_t len;
	uint32_t n_segs;
	struct softee_dev_reg_seg segs[SOFTEE_DEV_MAX_REG_SEGS];
	int fds[WIRE_MAX_FDS];
	int nfds;
	int bounce_segs;
};

struct libteec_fake {
	pthread_mutex_t lock;
	bool memref_null;
	bool reg_mem;
	uint32_t page_size;
	struct fake_reg reg[FAKE_MAX_SHM];	/* index = id */
	int regs_total;
	int bounce_total;
	int shm_fd[FAKE_MAX_SHM];	/* index = id; -1 free */
	size_t shm_size[FAKE_MAX_SHM];
	uint32_t last_login;
	uint8_t last_clnt_uuid[16];
	uint8_t last_uuid[16];
};
extern struct libteec_fake fake;

extern const TEEC_UUID test_uuid;

/* Listen in a fresh directory and point SOFTEE_DEV_DIR at it. 0 or -1. */
int libteec_fake_start(const char *name);
void libteec_fake_stop(void);
/* shm ids the fake holds. */
int fake_live_shms(void);
/* Open a context and a session on the fake TA (0 or -1), and close them. */
int open_both(TEEC_Context *ctx, TEEC_Session *sess);
void close_both(TEEC_Context *ctx, TEEC_Session *sess);

#endif /* SOFTEE_LIBTEEC_FAKE_H */
