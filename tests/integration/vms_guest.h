/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A raw guest for the virtualization tests: it speaks the SMC channel
 * protocol to softee-hyp on a VM slot's socket as a driver would, with
 * memory it announces itself, so it can send whatever a hostile normal
 * world could.
 */
#ifndef SOFTEE_TEST_VMS_GUEST_H
#define SOFTEE_TEST_VMS_GUEST_H

#include <stddef.h>
#include <stdint.h>

#include "softee_chan.h"

#define VG_TIMEOUT_MS	20000
#define VG_FAILED	0xdead0000U	/* a0 when the channel failed */

struct vg {
	char path[4096];
	uint64_t boot_id;
	int s;			/* the first channel */
	int mfd;		/* its memory */
	uint8_t *mem;
	uint64_t ipa;		/* guest PA of mem[0] */
	uint64_t nframes;
	uint64_t next_region;
};

/* Connect to path and HELLO: an fd, or the refusal (-errno). */
int vg_connect(const char *path, uint64_t boot_id, uint32_t role);
/* A guest on slot socket path with nframes of memory at guest PA ipa. */
int vg_open(struct vg *g, const char *path, uint64_t boot_id, uint64_t ipa,
	    uint64_t nframes);
void vg_close(struct vg *g);
/* Another channel of the same guest (same boot id). */
int vg_chan(struct vg *g);

/* REGION_ADD / REGION_DEL on channel s: the status (0 or -errno). */
int vg_region_add(int s, uint64_t id, int fd, uint64_t file_offset,
		  uint64_t nframes, const struct softee_pa_extent *ext,
		  uint32_t n_ext, uint32_t vm_id);
int vg_region_del(int s, uint64_t id, uint32_t vm_id);

/* Pointer to the guest's own memory at guest PA ipa. */
void *vg_ptr(struct vg *g, uint64_t ipa);
/* Guest PA of frame i of its memory. */
uint64_t vg_pa(const struct vg *g, uint64_t i);

/* One SMC: a0 (VG_FAILED if the channel failed), all registers in out. */
uint32_t vg_smc(int s, const uint32_t in[8], uint32_t out[8]);
uint32_t vg_fast(int s, uint32_t a0, uint32_t a1, uint32_t *a1_out);
/* CALL_WITH_ARG of the arg at guest PA arg. */
uint32_t vg_call(int s, uint64_t arg, uint32_t out[8]);

/* A one-block page list at list (guest PA) naming entries; buf_ptr. */
uint64_t vg_list(struct vg *g, uint64_t list, const uint64_t *entries,
		 size_t n);
/*
 * REGISTER_SHM / UNREGISTER_SHM through an arg at guest PA arg: the
 * arg's ret (VG_FAILED if the SMC did not return OK).
 */
uint32_t vg_register(struct vg *g, int s, uint64_t arg, uint64_t buf_ptr,
		     uint64_t size, uint64_t cookie);
uint32_t vg_unregister(struct vg *g, int s, uint64_t arg, uint64_t cookie);

#endif
