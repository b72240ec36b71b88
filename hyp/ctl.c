/* SPDX-License-Identifier: BSD-2-Clause */
/* hyp.ctl: status (per-VM usage against quotas), stat, stop. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "host_frames.h"
#include "hyp.h"

void hyp_ctl_handler(const char *cmd, FILE *out, void *arg)
{
	bool stat = !strcmp(cmd, "stat");
	uint64_t smcs, chans;

	(void)arg;
	if (!strcmp(cmd, "stop")) {
		fprintf(out, "stopping\n");
		kill(getpid(), SIGTERM);
		return;
	}
	if (!stat && strcmp(cmd, "status")) {
		fprintf(out, "error: unknown command\n");
		return;
	}
	up_stats(&smcs, &chans);
	fprintf(out, "state: running\nsecure: %s\nsecure_channels: %llu\n"
		"secure_threads: %u\nhost_frames_used: %llu\n"
		"quota_calls: %u\nquota_registrations: %llu\n"
		"quota_pinned_bytes: %llu\nmax_channels: %u\n",
		hyp_cfg.secure_sock, (unsigned long long)chans,
		hyp_cfg.sec_threads, (unsigned long long)hf_used(),
		quota_max_calls(), (unsigned long long)hyp_cfg.max_regs,
		(unsigned long long)hyp_cfg.quota_pinned, hyp_cfg.max_chans);
	if (stat)
		fprintf(out, "secure_smcs: %llu\n", (unsigned long long)smcs);
	guest_status(out, stat);
}
