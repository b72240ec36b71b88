/* SPDX-License-Identifier: BSD-2-Clause */
/* The frame table: announced regions and the PA -> (region, frame) map. */
#ifndef SOFTEE_SECURE_FRAME_TABLE_H
#define SOFTEE_SECURE_FRAME_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "softee_chan.h"
#include "softee_mem.h"

/* One announced memfd. Lives until REGION_DEL and the last reference. */
struct ft_region {
	uint64_t handle;	/* our own name, given to TA hosts */
	uint64_t region_id;	/* the sender's name */
	uint32_t vm_id;
	int fd;
	uint8_t *map;
	uint64_t nframes;
	uint64_t file_offset;
	unsigned int refs;	/* under the table lock */
	unsigned int host_refs;	/* of refs: held by TA hosts given the fd */
	bool gone;		/* withdrawn by the normal world */
	struct softee_pa_extent *ext;
	uint32_t n_ext;
	struct ft_region *next;	/* list of live regions */
};

/* Contiguous frames of one region, with a reference on the region. */
struct ft_run {
	struct ft_region *r;
	uint64_t first_frame;	/* frame index inside the region */
	uint64_t nframes;
};

/* Largest region accepted (frames); protects us from silly mmaps. */
#define FT_MAX_REGION_FRAMES	(1ULL << 22)

void ft_init(void);
void ft_fini(void);

/*
 * Validate and insert a region. On success the table owns fd; on failure
 * the caller still does. -EINVAL, -EEXIST, -EPERM (seals), -EFAULT (PA
 * outside the sender's space), -EBUSY (PA in use), -ENOMEM.
 */
int ft_region_add(uint32_t vm_id, uint64_t region_id, int fd,
		  uint64_t file_offset, uint64_t nframes,
		  const struct softee_pa_extent *ext, uint32_t n_ext);
/* Withdraw: its PAs become invalid now, the mapping lives on while used. */
int ft_region_del(uint32_t vm_id, uint64_t region_id);
/* Withdraw every region of a VM (normal world rebooted). */
void ft_drop_vm(uint32_t vm_id);

/*
 * Resolve the frames covering [pa, pa + len) (at least one frame) into
 * runs, taking a reference per run. -EFAULT if any frame is unannounced.
 * *runs is malloc'd; free with ft_runs_put.
 */
int ft_resolve(paddr_t pa, uint64_t len, struct ft_run **runs, size_t *n);
/* The same, but every frame must be announced by vm_id. */
int ft_resolve_vm(uint32_t vm_id, paddr_t pa, uint64_t len,
		  struct ft_run **runs, size_t *n);
void ft_runs_put(struct ft_run *runs, size_t n);
void ft_get(struct ft_region *r);
void ft_put(struct ft_region *r);
bool ft_region_gone(struct ft_region *r);

/* Copy bytes at a PA range (must be announced). 0 or -EFAULT. */
int ft_copy_from(paddr_t pa, void *buf, size_t len);
int ft_copy_to(paddr_t pa, const void *buf, size_t len);
/*
 * The same for one VM's memory: a frame another VM announced is as
 * invalid as an unannounced one, even if the PA changed hands between a
 * check and the copy.
 */
int ft_copy_from_vm(uint32_t vm_id, paddr_t pa, void *buf, size_t len);
int ft_copy_to_vm(uint32_t vm_id, paddr_t pa, const void *buf, size_t len);

/* Is every frame of [pa, pa + len) announced? */
bool ft_range_ok(paddr_t pa, uint64_t len);

void ft_stats(uint64_t *regions, uint64_t *frames);
/* Regions and frames announced for one VM. */
void ft_vm_stats(uint32_t vm_id, uint64_t *regions, uint64_t *frames);

/*
 * Batch access for the page-list reader: with the table locked, resolve
 * frames of one VM without a lock round trip per frame.
 */
void ft_lock(void);
void ft_unlock(void);
/* Start loading what ft_lookup_locked(pa) will read (a hint). */
void ft_prefetch_locked(paddr_t pa);
/* The frame at pa (frame aligned) if announced by vm_id. 0 or -EFAULT. */
int ft_lookup_locked(uint32_t vm_id, paddr_t pa, struct ft_region **r,
		     uint64_t *frame);
/* Take a reference with the table already locked. */
void ft_get_locked(struct ft_region *r);
/* Is every frame of [pa, pa + len) announced by vm_id? */
bool ft_range_ok_vm(uint32_t vm_id, paddr_t pa, uint64_t len);

/*
 * References held by TA hosts: a region the normal world withdrew is
 * only dropped from the hosts once nothing else (registered shm, a
 * running call) uses it any more.
 */
void ft_host_get(struct ft_region *r);
void ft_host_put(struct ft_region *r);
bool ft_region_dropped(struct ft_region *r);

#endif
