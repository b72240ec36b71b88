/* SPDX-License-Identifier: BSD-2-Clause */
/* One softee-ta process: spawning it and the call protocol (softee_ta_proto.h). */
#ifndef SOFTEE_SECURE_TA_HOST_H
#define SOFTEE_SECURE_TA_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "mobj.h"
#include "msg_param.h"
#include "softee_ta_proto.h"

struct ta_host;
struct ta_sys_ctx;

/* What a call sends: client params plus the mobj of each memref. */
struct ta_host_call {
	uint32_t op;		/* SOFTEE_TA_OPEN_SESSION/INVOKE/CLOSE_SESSION */
	uint32_t session_id;
	uint32_t cmd;
	uint32_t login;
	uint8_t clnt_uuid[16];
	uint32_t n_params;
	struct msg_param *params;
	struct mobj **mobjs;	/* NULL entry for values and NULL memrefs */
	const struct ta_sys_ctx *sys;	/* serves the TA's syscalls; NULL: none */
};

/*
 * Start softee-ta with the ELF (a sealed memfd, not consumed) and wait
 * for LOADED. *flags = TA flags. -ECHILD/-EPIPE if the host failed.
 */
int ta_host_spawn(const uint8_t uuid[16], int elf_fd, struct ta_host **out,
		  uint32_t *flags);
/*
 * Run one call. On 0, *res holds the validated result; -EPIPE when the
 * host died (it is then marked dead for good).
 */
int ta_host_call(struct ta_host *h, const struct ta_host_call *c,
		 struct softee_ta_result *res);
/* Cancellation flag in the shared page: set (and wake) or preset/reset. */
void ta_host_cancel(struct ta_host *h);
void ta_host_set_cancel(struct ta_host *h, bool on);
bool ta_host_dead(struct ta_host *h);
/* For an idle host: false (and marked dead) if it went away. */
bool ta_host_check_alive(struct ta_host *h);
/* DESTROY, close, free (the child is reaped by the reaper thread). */
void ta_host_destroy(struct ta_host *h);

/* Start the thread that reaps exited TA hosts. */
int ta_host_reaper_start(void);

#endif
