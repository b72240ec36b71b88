// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory access rights for ranges in shared memory: a memref of the
 * running call (GP: READ on input, READ/WRITE on output and inout, and
 * only with ANY_OWNER, since a client shares it), or any other part of a
 * memref window or the page shared with the secure world (refused).
 */
#include <stdbool.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include "softee_ta_sys_session.h"
#include "ta_access.h"
#include "utee_mem.h"
#include "utee_runtime.h"

struct ta_access_ref {
	bool valid;
	uint32_t type;
	uintptr_t buf, end;		/* the memref */
	uintptr_t win, win_end;		/* the window mapped around it */
	bool secure;			/* from a TA, not a normal world */
};

static struct {
	const struct ta_regions *regions;
	const struct ta_msg *msg;
	struct ta_access_ref ref[4];
} ta_acc;

static bool ta_access_overlaps(uintptr_t s, uintptr_t e, uintptr_t a,
			       uintptr_t b)
{
	return s < b && a < e;
}

static TEE_Result ta_access_memref(uint32_t flags,
				   const struct ta_access_ref *r)
{
	if (!(flags & TEE_MEMORY_ACCESS_ANY_OWNER))
		return TEE_ERROR_ACCESS_DENIED;
	if ((flags & TEE_MEMORY_ACCESS_WRITE) &&
	    r->type == TEE_PARAM_TYPE_MEMREF_INPUT)
		return TEE_ERROR_ACCESS_DENIED;
	if (((flags & TEE_MEMORY_ACCESS_SECURE) && !r->secure) ||
	    ((flags & TEE_MEMORY_ACCESS_NONSECURE) && r->secure))
		return TEE_ERROR_ACCESS_DENIED;
	return TEE_SUCCESS;
}

static bool ta_access_shared(uint32_t flags, uintptr_t start, size_t size,
			     TEE_Result *res)
{
	uintptr_t end = start + size;	/* no wrap: checked by the caller */
	uintptr_t sh = (uintptr_t)utee_rt.shared;

	for (unsigned int i = 0; i < 4; i++) {
		const struct ta_access_ref *r = &ta_acc.ref[i];

		if (r->valid && start >= r->buf && end <= r->end) {
			*res = ta_access_memref(flags, r);
			return true;
		}
	}
	*res = TEE_ERROR_ACCESS_DENIED;
	/* Beside a memref lies the client's other data, or nothing of ours. */
	for (unsigned int i = 0; i < 4; i++)
		if (ta_acc.ref[i].valid &&
		    ta_access_overlaps(start, end, ta_acc.ref[i].win,
				       ta_acc.ref[i].win_end))
			return true;
	/* Windows kept from earlier calls belong to no memref now. */
	for (const struct ta_wentry *e = ta_acc.regions ? ta_acc.regions->cache :
					 NULL; e; e = e->next)
		if (ta_access_overlaps(start, end, (uintptr_t)e->base,
				       (uintptr_t)e->base + e->len))
			return true;
	if (sh && ta_access_overlaps(start, end, sh,
				     sh + sizeof(*utee_rt.shared)))
		return true;
	return false;
}

void ta_access_init(const struct ta_regions *r)
{
	ta_acc.regions = r;
	utee_mem_set_shared_checker(ta_access_shared);
}

void ta_access_msg(const struct ta_msg *m)
{
	ta_acc.msg = m;
}

void ta_access_enter(uint32_t types, void *const bufs[4],
		     const uint64_t sizes[4])
{
	const struct ta_msg *m = ta_acc.msg;

	memset(ta_acc.ref, 0, sizeof(ta_acc.ref));
	for (unsigned int i = 0; m && i < 4; i++) {
		const struct softee_ta_memref *mr = &m->u.call.params[i].memref;
		struct ta_access_ref *r = &ta_acc.ref[i];
		uint32_t t = TEE_PARAM_TYPE_GET(types, i);
		struct softee_ta_run run;

		if (!ta_msg_type_is_memref(t) || !bufs[i] || !mr->n_runs ||
		    t != TEE_PARAM_TYPE_GET(m->u.call.param_types, i))
			continue;
		r->type = t;
		r->buf = (uintptr_t)bufs[i];
		r->end = r->buf + sizes[i];
		/* The host put the buffer at window + offset (ta_mem.c). */
		r->win = r->buf - mr->offset;
		r->win_end = r->win + ta_msg_memref_len(m, i);
		for (uint32_t k = 0; k < mr->n_runs; k++) {
			ta_msg_run(m, mr->first_run + k, &run);
			r->secure |= !!(run.handle & SOFTEE_TA_SECURE_REGION_BIT);
		}
		r->valid = true;
	}
}

void ta_access_leave(void)
{
	memset(ta_acc.ref, 0, sizeof(ta_acc.ref));
}
