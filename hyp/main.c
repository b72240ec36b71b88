/* SPDX-License-Identifier: BSD-2-Clause */
/* softee-hyp: start-up, options and the signal loop. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "ctl.h"
#include "host_frames.h"
#include "hyp.h"
#include "log.h"
#include "optee_msg.h"
#include "optee_smc.h"
#include "softee_chan.h"
#include "util.h"

#define PROG "softee-hyp"
#define HYP_UPSTREAM_CHANS	512
#define HYP_DEFAULT_MAX_REGS	4096
#define HYP_DEFAULT_PINNED	(4ULL << 30)
#define HYP_DEFAULT_CHANS	64

struct hyp_cfg hyp_cfg = {
	.slots = 1,
	.max_regs = HYP_DEFAULT_MAX_REGS,
	.quota_pinned = HYP_DEFAULT_PINNED,
	.max_chans = HYP_DEFAULT_CHANS,
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " --run-dir DIR [--slots N] [--secure PATH]\n"
		"       [--max-calls N] [--max-regs N] [--quota-pinned BYTES]\n"
		"       [--max-chans N] [--log-level err|warn|info|debug]\n"
		"       [--ready-fd N] [--foreground]\n"
		"  Serves guests at DIR/vm1/" SOFTEE_SECURE_SOCK " .. DIR/vmN/"
		SOFTEE_SECURE_SOCK ",\n"
		"  talks to the secure world at DIR/" SOFTEE_SECURE_SOCK
		" (or PATH), control at DIR/hyp.ctl.\n");
}

/* The secure world must be OP-TEE in virtualization mode with dyn shm. */
static int probe_secure(char *why, size_t len)
{
	uint32_t r[8];
	int rc;

	rc = up_fast(OPTEE_SMC_CALLS_UID, 0, r);
	if (rc || r[0] != OPTEE_MSG_UID_0 || r[3] != OPTEE_MSG_UID_3) {
		snprintf(why, len, "the secure world is not OP-TEE");
		return -EINVAL;
	}
	rc = up_fast(OPTEE_SMC_EXCHANGE_CAPABILITIES, 0, r);
	if (rc || r[0] != OPTEE_SMC_RETURN_OK) {
		snprintf(why, len, "EXCHANGE_CAPABILITIES failed");
		return -EINVAL;
	}
	if (!(r[1] & OPTEE_SMC_SEC_CAP_VIRTUALIZATION)) {
		snprintf(why, len, "the secure world is not in virtualization "
			 "mode (start softee-secure with --virtualization)");
		return -EINVAL;
	}
	if (!(r[1] & OPTEE_SMC_SEC_CAP_DYNAMIC_SHM)) {
		snprintf(why, len, "the secure world offers no dynamic shared "
			 "memory, which guests need");
		return -EINVAL;
	}
	rc = up_fast(OPTEE_SMC_GET_THREAD_COUNT, 0, r);
	hyp_cfg.sec_threads = !rc && r[0] == OPTEE_SMC_RETURN_OK && r[1] ?
			      r[1] : 1;
	return 0;
}

static int parse_u32(const char *s, unsigned int min, unsigned int max,
		     unsigned int *out)
{
	uint64_t v;

	if (softee_parse_size(s, &v) || v < min || v > max)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "run-dir", required_argument, NULL, 'r' },
		{ "slots", required_argument, NULL, 'n' },
		{ "secure", required_argument, NULL, 's' },
		{ "max-calls", required_argument, NULL, 'c' },
		{ "max-regs", required_argument, NULL, 'g' },
		{ "quota-pinned", required_argument, NULL, 'p' },
		{ "max-chans", required_argument, NULL, 'C' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "ready-fd", required_argument, NULL, 'R' },
		{ "foreground", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char why[256] = "", ctlpath[PATH_MAX + 16];
	const char *secure = NULL;
	unsigned int ready_fd = 0;
	bool have_ready = false;
	uint64_t boot_id = 0, seed = 0;
	int c, rc, sig, level = LOG_LVL_WARN;
	sigset_t set;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': hyp_cfg.run_dir = optarg; break;
		case 's': secure = optarg; break;
		case 'n':
			if (parse_u32(optarg, 1, HYP_MAX_SLOTS, &hyp_cfg.slots))
				goto bad;
			break;
		case 'c':
			if (parse_u32(optarg, 1, 1024, &hyp_cfg.max_calls))
				goto bad;
			break;
		case 'g':
			if (softee_parse_size(optarg, &hyp_cfg.max_regs) ||
			    !hyp_cfg.max_regs)
				goto bad;
			break;
		case 'p':
			if (softee_parse_size(optarg, &hyp_cfg.quota_pinned) ||
			    hyp_cfg.quota_pinned < SOFTEE_FRAME_SIZE ||
			    hyp_cfg.quota_pinned > SOFTEE_DDR_SIZE)
				goto bad;
			break;
		case 'C':
			if (parse_u32(optarg, 1, 1024, &hyp_cfg.max_chans))
				goto bad;
			break;
		case 'l':
			level = log_parse_level(optarg);
			if (level < 0)
				goto bad;
			break;
		case 'R':
			if (parse_u32(optarg, 0, 1 << 20, &ready_fd))
				goto bad;
			have_ready = true;
			break;
		case 'F': break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 1;
		}
	}
	if (!hyp_cfg.run_dir || optind < argc) {
		usage(stderr);
		return 1;
	}
	log_init(PROG, level);
	if ((size_t)snprintf(hyp_cfg.secure_sock, sizeof(hyp_cfg.secure_sock),
			     "%s", secure ? secure : "") >=
	    sizeof(hyp_cfg.secure_sock) ||
	    (!secure && (size_t)snprintf(hyp_cfg.secure_sock,
					 sizeof(hyp_cfg.secure_sock), "%s/%s",
					 hyp_cfg.run_dir, SOFTEE_SECURE_SOCK) >=
	     sizeof(hyp_cfg.secure_sock))) {
		fprintf(stderr, PROG ": path too long\n");
		return 1;
	}
	raise_fd_limit();
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	if (getrandom(&boot_id, sizeof(boot_id), 0) != sizeof(boot_id))
		boot_id = now_ns() ^ ((uint64_t)getpid() << 32);
	if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = now_ns();
	if (hf_init(seed)) {
		fprintf(stderr, PROG ": out of memory\n");
		return 1;
	}
	rc = up_open(hyp_cfg.secure_sock, boot_id, HYP_UPSTREAM_CHANS);
	if (rc) {
		fprintf(stderr, PROG ": cannot reach the secure world at %s: %s\n",
			hyp_cfg.secure_sock, strerror(-rc));
		return 1;
	}
	rc = probe_secure(why, sizeof(why));
	if (rc) {
		fprintf(stderr, PROG ": %s\n", why);
		return 1;
	}
	rc = guest_start();
	if (rc) {
		fprintf(stderr, PROG ": cannot serve guests in %s: %s\n",
			hyp_cfg.run_dir, strerror(-rc));
		guest_stop();
		return 1;
	}
	snprintf(ctlpath, sizeof(ctlpath), "%s/hyp.ctl", hyp_cfg.run_dir);
	rc = ctl_server_start(ctlpath, hyp_ctl_handler, NULL);
	if (rc) {
		fprintf(stderr, PROG ": cannot serve %s: %s\n", ctlpath,
			strerror(-rc));
		guest_stop();
		return 1;
	}
	IMSG_LOG("serving %u guest slot(s) in %s; %u calls per VM", hyp_cfg.slots,
		 hyp_cfg.run_dir, quota_max_calls());
	if (have_ready) {
		if (write_full((int)ready_fd, "ready\n", 6))
			WMSG("cannot write to --ready-fd %u", ready_fd);
		close((int)ready_fd);
	}
	do {
		rc = sigwait(&set, &sig);
	} while (rc == EINTR);
	IMSG_LOG("stopping");
	ctl_server_stop();
	guest_stop();
	/*
	 * Our channels close with the process; the secure world then drops
	 * every VM (the hypervisor is gone).
	 */
	return 0;
bad:
	fprintf(stderr, PROG ": bad value '%s'\n", optarg);
	return 1;
}
