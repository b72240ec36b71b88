/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The softee device protocol: how a client or supplicant talks to a
 * driver's tee0 / teepriv0 socket (shared/DESIGN.md interface 1).
 *
 * One SOCK_SEQPACKET connection is one open file, i.e. one tee_context.
 * A request carries the real Linux ioctl request number and the real uapi
 * argument bytes; for the buf_data ioctls (OPEN_SESSION, INVOKE,
 * SUPPL_RECV, SUPPL_SEND) the payload is the pointed-to buffer itself
 * (buf_len bytes) rather than the tee_ioctl_buf_data. The reply carries
 * 0 or -errno, the updated argument bytes (same length as the request's
 * payload, or the output struct for VERSION) and fds.
 *
 * Requests are tagged: a context may have several in flight (INVOKE in
 * one thread, CANCEL from another) and replies come back in any order.
 */
#ifndef SOFTEE_DEV_H
#define SOFTEE_DEV_H

#include <assert.h>
#include <stdint.h>
#include <linux/tee.h>

#define SOFTEE_DEV_MAGIC	0x76645453U /* "STdv" */

struct softee_dev_req {
	uint32_t magic;
	uint32_t tag;		/* chosen by the client, echoed in the reply */
	uint32_t op;		/* Linux ioctl request number or SOFTEE_DEV_OP_* */
	uint32_t len;		/* payload bytes that follow */
};

struct softee_dev_rep {
	uint32_t magic;
	uint32_t tag;
	int32_t ret;		/* 0 or -errno, as the ioctl would return */
	uint32_t len;		/* payload bytes that follow */
};

static_assert(sizeof(struct softee_dev_req) == 16, "dev req header");
static_assert(sizeof(struct softee_dev_rep) == 16, "dev rep header");

/*
 * Releasing an shm (closing its last fd and mapping in Linux) is an
 * explicit message. Payload: struct softee_dev_shm_release. Reply ret 0
 * or -EINVAL for an id this context does not hold.
 */
#define SOFTEE_DEV_OP_SHM_RELEASE	0x53450001U

struct softee_dev_shm_release {
	int32_t id;
	uint32_t reserved;	/* must be 0 */
};

/*
 * TEE_IOC_SHM_ALLOC: payload struct tee_ioctl_shm_alloc_data; the reply
 * carries one fd, a memfd of the (page-rounded) size that the client
 * mmaps. Its size is in the returned data.size.
 *
 * TEE_IOC_SHM_REGISTER: payload struct tee_ioctl_shm_register_data then
 * struct softee_dev_reg_hdr and n_segs struct softee_dev_reg_seg; fds
 * as referenced by the segments. The client's device layer has pinned
 * the range (DESIGN.md "Pinning user memory"): every 4 KiB frame of
 * [addr & ~0xfff, round_up(addr + length)) is covered, in order, by the
 * segments. The reply is the updated shm_register_data and one fd that
 * stands for the registration (closing it = SOFTEE_DEV_OP_SHM_RELEASE).
 */
#define SOFTEE_DEV_REG_SEG_PINNED	1 /* shared pages, zero copy */
#define SOFTEE_DEV_REG_SEG_BOUNCE	2 /* edge frame synced at invoke boundaries */

struct softee_dev_reg_hdr {
	uint32_t n_segs;
	uint32_t reserved;
};

struct softee_dev_reg_seg {
	uint64_t va;		/* client virtual address of the segment */
	uint64_t len;		/* bytes, multiple of 4096 */
	uint64_t fd_offset;	/* offset of the segment in its memfd */
	uint32_t fd_index;	/* index into the message's fds */
	uint32_t kind;		/* SOFTEE_DEV_REG_SEG_* */
};

static_assert(sizeof(struct softee_dev_reg_seg) == 32, "reg seg");

#define SOFTEE_DEV_MAX_REG_SEGS	64

/*
 * Registration granule (dynamic shared memory). With a normal-world page
 * size G (SOFTEE_DEV_OP_INFO), the segments of a TEE_IOC_SHM_REGISTER
 * cover exactly the frames of [addr & ~(G-1), round_up(addr + length, G)),
 * in address order, back to back. A 4 KiB frame wholly inside
 * [addr, addr + length) is PINNED (the client's own pages, moved once
 * into a memfd); every other frame (the partial first/last 4 KiB pages,
 * and with G > 4 KiB the frames of the granule outside the buffer) is a
 * BOUNCE frame: the client's device layer copies the buffer's bytes in it
 * to the frame before each call and back after it, never other bytes.
 * memfds must be sealed against shrinking (F_SEAL_SHRINK) or are refused.
 */

/*
 * SOFTEE_DEV_OP_INFO: no payload; reply struct softee_dev_info. Lets the
 * client's device layer learn what a real kernel would imply (its page
 * size) and the driver's limits.
 */
#define SOFTEE_DEV_OP_INFO		0x53450002U

struct softee_dev_info {
	uint32_t version;		/* 1 */
	uint32_t page_size;		/* normal-world page size: 4096/16384/65536 */
	uint64_t max_reg_bytes;		/* largest single registration accepted */
	uint64_t quota_pinned_bytes;	/* per-context pinned-memory quota */
	uint64_t reserved[4];
};
static_assert(sizeof(struct softee_dev_info) == 56, "dev info");

/*
 * SOFTEE_DEV_OP_STATS: the client reports what only it can see, the bytes
 * it copied (bounce frames, shadow buffers) against the bytes that went
 * zero copy. Cumulative values for this context; sent now and then (not
 * per invoke) and before close. Payload struct softee_dev_client_stats;
 * tag 0 = no reply wanted (the driver sends none).
 */
#define SOFTEE_DEV_OP_STATS		0x53450003U

struct softee_dev_client_stats {
	uint64_t zero_copy_bytes;	/* memref bytes passed in place */
	uint64_t bounce_bytes;		/* bytes copied through bounce frames */
	uint64_t shadow_bytes;		/* bytes copied through shadow buffers */
	uint64_t pinned_bytes;		/* bytes moved into memfds by pinning */
	uint64_t reserved[4];
};
static_assert(sizeof(struct softee_dev_client_stats) == 64, "client stats");

/* Largest payload either way: an arg buffer or a register request. */
#define SOFTEE_DEV_MAX_PAYLOAD \
	(TEE_MAX_ARG_SIZE + 64 + \
	 SOFTEE_DEV_MAX_REG_SEGS * sizeof(struct softee_dev_reg_seg))

/* Socket names inside a run directory. */
#define SOFTEE_DEV_CLIENT_SOCK	"tee0"
#define SOFTEE_DEV_SUPP_SOCK	"teepriv0"

/* Environment: where libteec and the shim find a softee driver. */
#define SOFTEE_ENV_DEV_DIR	"SOFTEE_DEV_DIR"

#endif /* SOFTEE_DEV_H */
