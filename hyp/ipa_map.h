/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A guest's physical address space (IPA): the regions it announced, each
 * frame mapped to a host frame of its own, both ways. The hypervisor
 * reads and writes guest memory through its own mapping of the memfds.
 */
#ifndef SOFTEE_HYP_IPA_MAP_H
#define SOFTEE_HYP_IPA_MAP_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pfn_hash.h"
#include "softee_chan.h"
#include "softee_mem.h"

struct ipa_region {
	uint64_t guest_id;	/* the guest's name for it */
	uint64_t host_id;	/* ours, announced to the secure world */
	uint8_t *map;
	uint64_t nframes;
	paddr_t *ipa;		/* guest PA of each frame */
	paddr_t *host;		/* host PA of each frame */
	struct ipa_region *next;
};

struct ipa_space {
	pthread_rwlock_t lock;	/* write: add/remove; read: access */
	struct ipa_region *regions;
	struct pfn_hash by_ipa;		/* ipa pfn -> (region, frame) */
	struct pfn_hash by_host;	/* host pfn -> (region, frame) */
	uint64_t n_regions, n_frames;
};

int ipa_init(struct ipa_space *s);
/* Unmap everything and give the host frames back. */
void ipa_fini(struct ipa_space *s);

/*
 * Validate a guest's REGION_ADD (fd sealed and large enough, extents
 * frame aligned, inside the guest DDR window, not overlapping each other
 * or anything already announced, quota) and map it with fresh host
 * frames. The caller keeps fd. 0, -EINVAL, -EPERM, -EFAULT, -EBUSY,
 * -EEXIST, -ENOSPC (quota or host PAs), -ENOMEM.
 */
int ipa_region_add(struct ipa_space *s, uint64_t guest_id, uint64_t host_id,
		   int fd, uint64_t file_offset, uint64_t nframes,
		   const struct softee_pa_extent *ext, uint32_t n_ext,
		   uint64_t quota_frames, struct ipa_region **out);
/* Unlink the region guest_id (NULL if unknown); free with ipa_region_free. */
struct ipa_region *ipa_region_take(struct ipa_space *s, uint64_t guest_id);
/* Undo a region that was never announced upstream, or one taken. */
void ipa_region_free(struct ipa_region *r);

/* Readers hold the lock around any use of the functions below. */
void ipa_rdlock(struct ipa_space *s);
void ipa_unlock(struct ipa_space *s);
/* Guest memory at [ipa, ipa + len): 0 or -EFAULT if not all announced. */
int ipa_read(struct ipa_space *s, uint64_t ipa, void *buf, size_t len);
int ipa_write(struct ipa_space *s, uint64_t ipa, const void *buf, size_t len);
/* Host frame of a frame-aligned ipa, and back. 0 or -EFAULT. */
int ipa_to_host(struct ipa_space *s, uint64_t ipa, paddr_t *host);
int ipa_from_host(struct ipa_space *s, paddr_t host, uint64_t *ipa);

void ipa_stats(struct ipa_space *s, uint64_t *regions, uint64_t *frames);

#endif
