// SPDX-License-Identifier: BSD-2-Clause
/* LOAD: dlopen the TA's shared object, check its head, map the shared page. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <tee_api_types.h>
#include <trace_levels.h>

#include "log.h"
#include "ta_host.h"

/* dlsym returns void *; going through memcpy keeps -Wpedantic quiet. */
#define TA_LOADER_SET(field, sym) memcpy(&(field), &(sym), sizeof(sym))

/*
 * The TA's entry points. A TA built with CFG_TA_OPTEE_CORE_API_COMPAT_1_1
 * exports the session entry points as __GP11_TA_OpenSessionEntryPoint /
 * __GP11_TA_InvokeCommandEntryPoint (tee_api_compat.h renames them); both
 * must then be of that kind, a mix is refused.
 */
static int ta_loader_find_entries(struct ta_host *h)
{
	static const char *const names[] = {
		"TA_CreateEntryPoint", "TA_DestroyEntryPoint",
		"TA_CloseSessionEntryPoint",
	};
	void *sym[3], *open, *invoke, *gp11_open, *gp11_invoke;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		sym[i] = dlsym(h->dl, names[i]);
		if (!sym[i]) {
			EMSG("TA lacks %s", names[i]);
			return -ENOENT;
		}
	}
	open = dlsym(h->dl, "TA_OpenSessionEntryPoint");
	invoke = dlsym(h->dl, "TA_InvokeCommandEntryPoint");
	gp11_open = dlsym(h->dl, "__GP11_TA_OpenSessionEntryPoint");
	gp11_invoke = dlsym(h->dl, "__GP11_TA_InvokeCommandEntryPoint");
	memset(&h->entry, 0, sizeof(h->entry));
	TA_LOADER_SET(h->entry.create, sym[0]);
	TA_LOADER_SET(h->entry.destroy, sym[1]);
	TA_LOADER_SET(h->entry.close, sym[2]);
	if (open && invoke && !gp11_open && !gp11_invoke) {
		TA_LOADER_SET(h->entry.open, open);
		TA_LOADER_SET(h->entry.invoke, invoke);
		return 0;
	}
	if (gp11_open && gp11_invoke && !open && !invoke) {
		TA_LOADER_SET(h->entry.gp11_open, gp11_open);
		TA_LOADER_SET(h->entry.gp11_invoke, gp11_invoke);
		DMSG_LOG("TA uses the GP 1.1 Internal API");
		return 0;
	}
	if (!open && !gp11_open)
		EMSG("TA lacks TA_OpenSessionEntryPoint");
	else if (!invoke && !gp11_invoke)
		EMSG("TA lacks TA_InvokeCommandEntryPoint");
	else
		EMSG("TA mixes GP 1.1 and GP 1.3 session entry points");
	return -ENOENT;
}
#undef TA_LOADER_SET

static int ta_loader_map_shared(int shm_fd)
{
	struct stat st;
	void *p;

	if (fstat(shm_fd, &st) || st.st_size < (off_t)sizeof(struct softee_ta_shared))
		return -EINVAL;
	p = mmap(NULL, sizeof(struct softee_ta_shared), PROT_READ | PROT_WRITE,
		 MAP_SHARED, shm_fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	utee_rt.shared = p;
	return 0;
}

int ta_loader_load(struct ta_host *h, int elf_fd, int shm_fd,
		   const struct softee_ta_load *req,
		   struct softee_ta_loaded *out)
{
	const struct softee_ta_head *head;
	uint8_t oct[16];
	char path[64];
	int rc;

	memset(out, 0, sizeof(*out));
	out->ret = TEE_ERROR_BAD_FORMAT;
	/*
	 * log_level is the secure world's own level (log.h: 0 err .. 3
	 * debug). The host follows it; TA traces get one step more, so the
	 * default (warn) still shows a TA's IMSG, as OP-TEE's default does.
	 */
	if (req->log_level <= LOG_LVL_DEBUG) {
		softee_log_level = (int)req->log_level;
		trace_set_level((int)req->log_level + TRACE_ERROR);
	}

	snprintf(path, sizeof(path), "/proc/self/fd/%d", elf_fd);
	h->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h->dl) {
		EMSG("cannot load TA: %s", dlerror());
		return -ENOEXEC;
	}
	head = dlsym(h->dl, SOFTEE_TA_HEAD_SYMBOL);
	if (!head || head->magic != SOFTEE_TA_HEAD_MAGIC || head->version != 1) {
		EMSG("TA has no valid %s (not built with the softee dev kit?)",
		     SOFTEE_TA_HEAD_SYMBOL);
		return -ENOEXEC;
	}
	utee_uuid_to_octets(oct, &head->uuid);
	if (memcmp(oct, req->uuid, sizeof(oct))) {
		EMSG("TA declares a different UUID than requested");
		out->ret = TEE_ERROR_SECURITY;
		return -EPERM;
	}
	rc = ta_loader_find_entries(h);
	if (rc)
		return rc;
	rc = ta_loader_map_shared(shm_fd);
	if (rc) {
		EMSG("cannot map the shared page: %s", strerror(-rc));
		out->ret = TEE_ERROR_OUT_OF_MEMORY;
		return rc;
	}
	utee_rt.head = head;
	out->flags = head->flags;
	out->stack_size = head->stack_size;
	out->data_size = head->data_size;
	memcpy(out->uuid, oct, sizeof(oct));
	/* TA_CreateEntryPoint runs later, inside the sandbox (ta_main.c). */
	out->ret = TEE_SUCCESS;
	return 0;
}
