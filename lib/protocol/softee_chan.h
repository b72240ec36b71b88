/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMC channel: how a driver (or the hypervisor) reaches the secure
 * world (shared/DESIGN.md interface 2). One channel is one "CPU": it
 * carries one SMC at a time. Secure threads are not tied to channels:
 * RETURN_FROM_RPC with a thread id in a3 may come on any channel.
 *
 * Every message is a softee_chan_hdr followed by an op-specific payload.
 * Requests go normal world -> secure world and each gets exactly one
 * reply with the same op and seq:
 *   HELLO       first message on every channel
 *   SMC         eight registers in, eight registers out (the result of
 *               the call: a return code or an RPC request)
 *   REGION_ADD  announce a region (the memory bus model), fd attached
 *   REGION_DEL  withdraw a region
 * A region must be announced on a channel before the SMC that uses it
 * is sent on that channel; the reply to REGION_ADD means it is in the
 * secure world's frame table.
 */
#ifndef SOFTEE_CHAN_H
#define SOFTEE_CHAN_H

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#define SOFTEE_CHAN_MAGIC	0x63534d53U /* "SMSc" */
#define SOFTEE_CHAN_VERSION	1

enum softee_chan_op {
	SOFTEE_CHAN_HELLO = 1,
	SOFTEE_CHAN_SMC = 2,
	SOFTEE_CHAN_REGION_ADD = 3,
	SOFTEE_CHAN_REGION_DEL = 4,
};

struct softee_chan_hdr {
	uint32_t magic;
	uint16_t op;		/* enum softee_chan_op */
	uint16_t flags;		/* 0 */
	uint32_t len;		/* payload bytes after the header */
	uint32_t seq;		/* echoed in the reply */
};
static_assert(sizeof(struct softee_chan_hdr) == 16, "chan hdr");

#define SOFTEE_CHAN_ROLE_DRIVER	1
#define SOFTEE_CHAN_ROLE_HYP	2

/*
 * HELLO. boot_id identifies one driver (or hypervisor) lifetime: when a
 * new boot_id appears for the same VM, the secure world forgets every
 * session, registration and region of the previous one (a normal world
 * that rebooted). Reply: struct softee_chan_hello_rep.
 */
struct softee_chan_hello {
	uint32_t version;	/* SOFTEE_CHAN_VERSION */
	uint32_t role;		/* SOFTEE_CHAN_ROLE_* */
	uint64_t boot_id;
};

struct softee_chan_hello_rep {
	int32_t status;		/* 0 or -errno (-EPROTO: version mismatch) */
	uint32_t version;
};

/* SMC: request and reply payload alike. */
struct softee_smc_regs {
	uint32_t a[8];
};
static_assert(sizeof(struct softee_smc_regs) == 32, "smc regs");

/*
 * REGION_ADD: fds[0] is a memfd; frame i of the region is the 4 KiB at
 * file_offset + i * 4096. Its PAs are given by extents, in frame order,
 * whose nframes sum to the region's nframes. Up to
 * SOFTEE_CHAN_MAX_INLINE_EXTENTS follow inline; beyond that the flag
 * EXTENTS_IN_FD is set, n_extents counts them and fds[1] is a memfd
 * holding the array of struct softee_pa_extent.
 * Every PA must be frame aligned, unused, and inside the sender's PA
 * space. region_id is the sender's name for it (unique per boot_id).
 * Reply: struct softee_chan_status.
 */
#define SOFTEE_REGION_F_EXTENTS_IN_FD	(1U << 0)
#define SOFTEE_CHAN_MAX_INLINE_EXTENTS	1024

struct softee_pa_extent {
	uint64_t pa;
	uint64_t nframes;
};

struct softee_chan_region_add {
	uint64_t region_id;
	uint64_t nframes;
	uint64_t file_offset;	/* frame aligned */
	uint32_t n_extents;
	uint32_t flags;		/* SOFTEE_REGION_F_* */
	uint32_t vm_id;		/* 0 without a hypervisor */
	uint32_t reserved;
	/* struct softee_pa_extent extents[] (unless EXTENTS_IN_FD) */
};
static_assert(sizeof(struct softee_chan_region_add) == 40, "region add");

struct softee_chan_region_del {
	uint64_t region_id;
	uint32_t vm_id;
	uint32_t reserved;
};

struct softee_chan_status {
	int32_t status;		/* 0 or -errno */
	uint32_t reserved;
};

#define SOFTEE_CHAN_MAX_PAYLOAD \
	(sizeof(struct softee_chan_region_add) + \
	 SOFTEE_CHAN_MAX_INLINE_EXTENTS * sizeof(struct softee_pa_extent))

/*
 * Dynamic shared memory (SEC_CAP_DYNAMIC_SHM): a driver's DDR frames are
 * in [SOFTEE_DDR_BASE, SOFTEE_DDR_BASE + SOFTEE_DDR_SIZE). Outside the
 * carve-out a message arg must be 4 KiB aligned and fit in one frame;
 * page lists (optee_msg.h) must be in announced frames of the same VM.
 */

/* Socket name of the secure world inside a run directory. */
#define SOFTEE_SECURE_SOCK	"secure.smc"

/*
 * Framing rules every receiver of a channel message applies (the sender
 * is hostile): a whole header with our magic and no flags, exactly len
 * payload bytes, HELLO before anything else, fds only with REGION_ADD.
 * Fills *hdr; 0 or -EPROTO.
 */
static inline int softee_chan_msg_check(const void *buf, ssize_t n, int nfds,
					bool hello_done,
					struct softee_chan_hdr *hdr)
{
	if (n < (ssize_t)sizeof(*hdr))
		return -EPROTO;
	memcpy(hdr, buf, sizeof(*hdr));
	if (hdr->magic != SOFTEE_CHAN_MAGIC || hdr->flags ||
	    (size_t)n != sizeof(*hdr) + hdr->len)
		return -EPROTO;
	if (!hello_done && hdr->op != SOFTEE_CHAN_HELLO)
		return -EPROTO;
	if (nfds && hdr->op != SOFTEE_CHAN_REGION_ADD)
		return -EPROTO;
	return 0;
}

#endif /* SOFTEE_CHAN_H */
