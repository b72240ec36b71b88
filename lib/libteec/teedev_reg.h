/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TEE_IOC_SHM_REGISTER in the softee backend: the registration message
 * (pinned and bounce segments over the granule-rounded range) and the
 * bounce frames synchronised around OPEN_SESSION and INVOKE.
 */
#ifndef SOFTEE_TEEDEV_REG_H
#define SOFTEE_TEEDEV_REG_H

#include <stddef.h>
#include <stdint.h>
#include <linux/tee.h>

#include "teedev_conn.h"

/*
 * Frames of [addr & ~(g-1), round_up(addr+len, g)): the 4 KiB frames
 * wholly inside [addr, addr+len) are pinned, the others bounce. Pure.
 */
struct teedev_reg_layout {
	uint64_t start;		/* granule-rounded range */
	uint64_t end;
	uint64_t pin_start;	/* pinned frames; pin_start == pin_end: none */
	uint64_t pin_end;
};
int teedev_reg_layout(uint64_t addr, uint64_t len, uint64_t g,
		      struct teedev_reg_layout *lo);

/*
 * Pin, build and send a registration of d->addr, d->length on conn.
 * Returns the registration fd (d updated) or -errno. The bounce frames,
 * if any, are published under (conn, d->id) until teedev_reg_unpublish.
 */
int teedev_reg_register(struct teedev_conn *conn,
			struct tee_ioctl_shm_register_data *d);
/* The shm id is released: forget its bounce frames. */
void teedev_reg_unpublish(struct teedev_conn *conn, int id);

/*
 * Around one OPEN_SESSION or INVOKE whose argument (arg, len) names
 * memrefs: copy buffer bytes into bounce frames before (prepare) and back
 * after a successful reply (finish); count zero-copy and bounce bytes.
 * prepare returns an opaque state (NULL if nothing to do or on ENOMEM:
 * then the memrefs just are not synced) that finish frees.
 */
struct teedev_sync;
struct teedev_sync *teedev_reg_sync_prepare(struct teedev_conn *conn,
					    uint32_t op, const void *arg,
					    size_t len);
void teedev_reg_sync_finish(struct teedev_conn *conn, struct teedev_sync *s,
			    bool ok);

#endif /* SOFTEE_TEEDEV_REG_H */
