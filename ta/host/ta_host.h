/* SPDX-License-Identifier: BSD-2-Clause */
/* The softee-ta host: the loaded TA, its sessions and the call handlers. */
#ifndef TA_HOST_H
#define TA_HOST_H

#include <stdint.h>

#include "ta_mem.h"
#include "ta_msg.h"
#include "utee_runtime.h"

/* The TA's entry points, found by name in its shared object. */
struct ta_entry {
	TEE_Result (*create)(void);
	void (*destroy)(void);
	TEE_Result (*open)(uint32_t types, TEE_Param params[4], void **ctx);
	void (*close)(void *ctx);
	TEE_Result (*invoke)(void *ctx, uint32_t cmd, uint32_t types,
			     TEE_Param params[4]);
	/*
	 * A TA built for GP 1.1 exports these instead of open/invoke (which
	 * are then NULL); ta_call.c converts the parameters.
	 */
	TEE_Result (*gp11_open)(uint32_t types, __GP11_TEE_Param params[4],
				void **ctx);
	TEE_Result (*gp11_invoke)(void *ctx, uint32_t cmd, uint32_t types,
				  __GP11_TEE_Param params[4]);
};

struct ta_sess_node {
	struct utee_session s;
	struct ta_sess_node *next;
};

struct ta_host {
	int chan;
	void *dl;				/* dlopen handle */
	struct ta_entry entry;
	struct ta_regions regions;
	struct ta_sess_node *sessions;
};

/*
 * Load the TA ELF from elf_fd and map the shared page from shm_fd
 * (both stay owned by the caller). Fills *out for the LOADED reply.
 */
int ta_loader_load(struct ta_host *h, int elf_fd, int shm_fd,
		   const struct softee_ta_load *req,
		   struct softee_ta_loaded *out);

/* Handle OPEN_SESSION / INVOKE / CLOSE_SESSION; fills *res. */
void ta_call_handle(struct ta_host *h, const struct ta_msg *m,
		    struct softee_ta_result *res);

/* Close every session still open (before DESTROY). */
void ta_call_close_all(struct ta_host *h);
/* Drop session bookkeeping without entering the TA (the world is gone). */
void ta_call_forget_all(struct ta_host *h);

#endif /* TA_HOST_H */
