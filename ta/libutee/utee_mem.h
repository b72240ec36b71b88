/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TEE_CheckMemoryAccessRights needs to know what memory is: the TA's own
 * (heap, stack, globals, read-only data), a memref of the running call,
 * or memory shared with someone else. libutee judges the TA's own memory
 * by the process's mappings as they are now (/proc/self/maps); only the
 * TA host knows its memref windows, so it judges those through a hook
 * (ta/host/ta_access.c).
 */
#ifndef UTEE_MEM_H
#define UTEE_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_api_types.h>

/*
 * For the non-empty range [start, start + size) (no wrap) and GP
 * accessFlags: true with *res (SUCCESS or ACCESS_DENIED) if the range
 * touches memory the host shares with someone (memrefs, windows), false
 * if it is none of that.
 */
typedef bool (*utee_mem_shared_fn)(uint32_t flags, uintptr_t start,
				   size_t size, TEE_Result *res);

void utee_mem_set_shared_checker(utee_mem_shared_fn fn);

/*
 * Open /proc/self/maps for good, before a sandbox closes /proc: later
 * checks reread it with pread() on this fd (the sandbox allows that one
 * fd). The fd, or -errno. Without it, each check opens the file.
 */
int utee_mem_prepare(void);

/*
 * The TA's own memory: is all of [start, end) mapped now, with the
 * rights flags ask for? SUCCESS or ACCESS_DENIED.
 */
TEE_Result utee_mem_own(uint32_t flags, uintptr_t start, uintptr_t end);

#endif /* UTEE_MEM_H */
