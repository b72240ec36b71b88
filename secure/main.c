/* SPDX-License-Identifier: BSD-2-Clause */
/* softee-secure: the secure world (OP-TEE OS) as a process; start-up and control. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "channel.h"
#include "ctl.h"
#include "entry.h"
#include "frame_table.h"
#include "log.h"
#include "mobj.h"
#include "rpc.h"
#include "shm_reg.h"
#include "softee_chan.h"
#include "sw_config.h"
#include "ta_host.h"
#include "ta_loader.h"
#include "ta_manager.h"
#include "thread.h"
#include "storage/storage.h"
#include "util.h"
#include "vm.h"

#define PROG "softee-secure"
#define SW_MAX_THREADS 256

static void usage(FILE *f)
{
	fprintf(f, "usage: " PROG " --run-dir DIR [--threads N] "
		"[--carveout-size BYTES] [--carveout-base PA]\n"
		"       [--no-reserved-shm] [--no-dynamic-shm] "
		"[--max-reg-bytes BYTES]\n       "
		"[--ta-pubkey PEM] [--ta-host PATH]\n"
		"       [--storage-key FILE]\n"
		"       [--virtualization [--max-vms N]]\n"
		"       [--log-level err|warn|info|debug] [--ready-fd N] "
		"[--foreground]\n");
}

/* Directory holding this binary (for softee-ta and the default key). */
static int exe_dir(char *buf, size_t len)
{
	char tmp[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", tmp, sizeof(tmp) - 1);

	if (n <= 0)
		return -errno;
	tmp[n] = '\0';
	if ((size_t)snprintf(buf, len, "%s", dirname(tmp)) >= len)
		return -ENAMETOOLONG;
	return 0;
}

static void load_default_pubkey(const char *dir)
{
	const char *rel[] = { "../../../keys/dev_ta_key.pub.pem",
			      "../share/softee/keys/dev_ta_key.pub.pem" };
	char path[PATH_MAX + 64];

	for (size_t i = 0; i < ARRAY_SIZE(rel); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, rel[i]);
		if (!ta_loader_read_pubkey(path)) {
			IMSG_LOG("TA public key: %s", path);
			return;
		}
	}
	WMSG("no TA public key found: every TA will be refused");
}

static void ctl_handler(const char *cmd, FILE *out, void *arg)
{
	if (!strcmp(cmd, "status")) {
		unsigned int total, busy;
		uint64_t el, sess, insts, regions, frames;
		struct shm_reg_stats rs;

		thread_stats(&total, &busy, &el);
		tm_stats(&sess, &insts);
		ft_stats(&regions, &frames);
		shm_reg_stats(&rs);
		fprintf(out, "threads: %u\nthreads_busy: %u\nsessions: %llu\n"
			"ta_instances: %llu\nregions: %llu\nframes: %llu\n"
			"carveout_base: 0x%llx\ncarveout_size: %llu\n"
			"reserved_shm: %s\ncaps: 0x%x\n",
			total, busy, (unsigned long long)sess,
			(unsigned long long)insts, (unsigned long long)regions,
			(unsigned long long)frames,
			(unsigned long long)sw_cfg.carveout_base,
			(unsigned long long)sw_cfg.carveout_size,
			sw_cfg.reserved_shm ? "yes" : "no", entry_sec_caps());
		vm_status(out);
		fprintf(out, "dynamic_shm: %s\nregistered_shm: %llu\n"
			"registered_bytes: %llu\nmax_reg_bytes: %llu\n",
			sw_cfg.dynamic_shm ? "yes" : "no",
			(unsigned long long)rs.count,
			(unsigned long long)rs.bytes,
			(unsigned long long)sw_cfg.max_reg_bytes);
	} else if (!strcmp(cmd, "stat")) {
		unsigned int total, busy;
		uint64_t el, smcs, fast, std, resumes;
		struct entry_std_stats s;
		struct shm_reg_stats rs;

		thread_stats(&total, &busy, &el);
		entry_fast_stats(&smcs, &fast, &std, &resumes);
		entry_std_stats(&s);
		fprintf(out, "smcs: %llu\nfast_calls: %llu\ncalls: %llu\n"
			"resumes: %llu\nrpcs: %llu\nethread_limit: %llu\n"
			"open_session: %llu\ninvoke: %llu\nclose_session: %llu\n"
			"cancel: %llu\nbad_addr: %llu\nbad_args: %llu\n",
			(unsigned long long)smcs, (unsigned long long)fast,
			(unsigned long long)std, (unsigned long long)resumes,
			(unsigned long long)rpc_count(), (unsigned long long)el,
			(unsigned long long)s.open, (unsigned long long)s.invoke,
			(unsigned long long)s.close, (unsigned long long)s.cancel,
			(unsigned long long)s.bad_addr,
			(unsigned long long)s.bad_args);
		shm_reg_stats(&rs);
		fprintf(out, "registered_shm: %llu\nregistered_bytes: %llu\n"
			"register_shm: %llu\nunregister_shm: %llu\n"
			"register_refused: %llu\npagelist_entries: %llu\n"
			"max_reg_bytes: %llu\n",
			(unsigned long long)rs.count,
			(unsigned long long)rs.bytes,
			(unsigned long long)rs.registered,
			(unsigned long long)rs.unregistered,
			(unsigned long long)rs.refused,
			(unsigned long long)mobj_pagelist_entries(),
			(unsigned long long)sw_cfg.max_reg_bytes);
	} else if (!strcmp(cmd, "stop")) {
		fprintf(out, "stopping\n");
		kill(getpid(), SIGTERM);
	} else {
		fprintf(out, "error: unknown command\n");
	}
}

static int check_carveout(void)
{
	uint64_t end;

	if (!sw_cfg.carveout_size || (sw_cfg.carveout_size & SOFTEE_FRAME_MASK) ||
	    sw_cfg.carveout_size > SOFTEE_CARVEOUT_MAX_SIZE ||
	    (sw_cfg.carveout_base & SOFTEE_FRAME_MASK) || !sw_cfg.carveout_base)
		return -EINVAL;
	/* GET_SHM_CONFIG has 32-bit registers; stay below the DDR window. */
	if (ADD_OVERFLOW(sw_cfg.carveout_base, sw_cfg.carveout_size, &end) ||
	    end > (1ULL << 32) || end > SOFTEE_DDR_BASE)
		return -EINVAL;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "run-dir", required_argument, NULL, 'r' },
		{ "threads", required_argument, NULL, 't' },
		{ "carveout-size", required_argument, NULL, 's' },
		{ "carveout-base", required_argument, NULL, 'b' },
		{ "no-reserved-shm", no_argument, NULL, 'R' },
		{ "no-dynamic-shm", no_argument, NULL, 'D' },
		{ "max-reg-bytes", required_argument, NULL, 'm' },
		{ "ta-pubkey", required_argument, NULL, 'k' },
		{ "ta-host", required_argument, NULL, 'H' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "ready-fd", required_argument, NULL, 'f' },
		{ "foreground", no_argument, NULL, 'F' },
		{ "storage-key", required_argument, NULL, 'K' },
		{ "virtualization", no_argument, NULL, 'V' },
		{ "max-vms", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *run_dir = NULL, *pubkey = NULL, *stor_key = NULL;
	char dir[PATH_MAX], path[PATH_MAX + 32], ctlpath[PATH_MAX + 32];
	int ready_fd = -1, c, rc, sig;
	unsigned int max_vms = VM_DEFAULT_MAX;
	bool virt = false;
	uint64_t v;
	sigset_t set;

	log_init(PROG, LOG_LVL_WARN);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': run_dir = optarg; break;
		case 't':
			if (softee_parse_size(optarg, &v) || !v || v > SW_MAX_THREADS) {
				fprintf(stderr, PROG ": bad --threads %s\n", optarg);
				return 1;
			}
			sw_cfg.num_threads = (unsigned int)v;
			break;
		case 's':
			if (softee_parse_size(optarg, &sw_cfg.carveout_size)) {
				fprintf(stderr, PROG ": bad --carveout-size %s\n", optarg);
				return 1;
			}
			break;
		case 'b':
			if (softee_parse_size(optarg, &sw_cfg.carveout_base)) {
				fprintf(stderr, PROG ": bad --carveout-base %s\n", optarg);
				return 1;
			}
			break;
		case 'R': sw_cfg.reserved_shm = false; break;
		case 'D': sw_cfg.dynamic_shm = false; break;
		case 'm':
			if (softee_parse_size(optarg, &sw_cfg.max_reg_bytes) ||
			    !sw_cfg.max_reg_bytes) {
				fprintf(stderr, PROG ": bad --max-reg-bytes %s\n",
					optarg);
				return 1;
			}
			break;
		case 'k': pubkey = optarg; break;
		case 'H':
			snprintf(sw_cfg.ta_host, sizeof(sw_cfg.ta_host), "%s", optarg);
			break;
		case 'l':
			sw_cfg.log_level = log_parse_level(optarg);
			if (sw_cfg.log_level < 0) {
				fprintf(stderr, PROG ": bad --log-level %s\n", optarg);
				return 1;
			}
			log_init(PROG, sw_cfg.log_level);
			break;
		case 'f':
			if (softee_parse_size(optarg, &v) || v > INT_MAX) {
				fprintf(stderr, PROG ": bad --ready-fd %s\n", optarg);
				return 1;
			}
			ready_fd = (int)v;
			break;
		case 'F': break;
		case 'K': stor_key = optarg; break;
		case 'V': virt = true; break;
		case 'n':
			if (softee_parse_size(optarg, &v) || !v || v > 256) {
				fprintf(stderr, PROG ": bad --max-vms %s\n", optarg);
				return 1;
			}
			max_vms = (unsigned int)v;
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 1;
		}
	}
	if (!run_dir) {
		usage(stderr);
		return 1;
	}
	if (check_carveout()) {
		fprintf(stderr, PROG ": invalid carve-out 0x%llx + %llu\n",
			(unsigned long long)sw_cfg.carveout_base,
			(unsigned long long)sw_cfg.carveout_size);
		return 1;
	}
	if (virt) {
		/* One carve-out cannot be split between VMs: dynamic shm only. */
		if (!sw_cfg.dynamic_shm) {
			fprintf(stderr, PROG ": --virtualization needs dynamic "
				"shared memory\n");
			return 1;
		}
		sw_cfg.reserved_shm = false;
	}
	vm_set_mode(virt, max_vms);
	if (!sw_cfg.reserved_shm && !sw_cfg.dynamic_shm)
		WMSG("neither reserved nor dynamic shm: no driver can talk to us");
	if (exe_dir(dir, sizeof(dir))) {
		fprintf(stderr, PROG ": cannot find my own binary\n");
		return 1;
	}
	if (!sw_cfg.ta_host[0] &&
	    (size_t)snprintf(sw_cfg.ta_host, sizeof(sw_cfg.ta_host),
			     "%.4000s/softee-ta", dir) >= sizeof(sw_cfg.ta_host)) {
		fprintf(stderr, PROG ": path of softee-ta too long\n");
		return 1;
	}
	if (pubkey) {
		rc = ta_loader_read_pubkey(pubkey);
		if (rc) {
			fprintf(stderr, PROG ": cannot read TA public key %s: %s\n",
				pubkey, strerror(-rc));
			return 1;
		}
	} else {
		load_default_pubkey(dir);
	}
	/* Secure storage: the device key (default: one per run directory). */
	if (!stor_key) {
		snprintf(path, sizeof(path), "%s/storage.key", run_dir);
		stor_key = path;
	}
	rc = stor_key_init(stor_key);
	if (rc) {
		fprintf(stderr, PROG ": cannot load or create the storage key %s: %s\n",
			stor_key, strerror(-rc));
		return 1;
	}
	raise_fd_limit();
	signal(SIGPIPE, SIG_IGN);
	/* Every thread inherits this mask; main takes signals with sigwait. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	ft_init();
	rc = thread_init(sw_cfg.num_threads, entry_std_thread);
	if (!rc)
		rc = ta_host_reaper_start();
	if (rc) {
		fprintf(stderr, PROG ": cannot start threads: %s\n", strerror(-rc));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s", run_dir, SOFTEE_SECURE_SOCK);
	rc = channel_listen_start(path);
	if (rc) {
		fprintf(stderr, PROG ": cannot listen at %s: %s\n", path,
			strerror(-rc));
		return 1;
	}
	snprintf(ctlpath, sizeof(ctlpath), "%s/secure.ctl", run_dir);
	rc = ctl_server_start(ctlpath, ctl_handler, NULL);
	if (rc) {
		fprintf(stderr, PROG ": cannot serve control socket %s: %s\n",
			ctlpath, strerror(-rc));
		unlink(path);
		return 1;
	}
	IMSG_LOG("serving at %s (%u threads, carve-out 0x%llx+%llu)", path,
		 sw_cfg.num_threads, (unsigned long long)sw_cfg.carveout_base,
		 (unsigned long long)sw_cfg.carveout_size);
	if (ready_fd >= 0) {
		if (write_full(ready_fd, "ready\n", 6))
			WMSG("cannot write to --ready-fd %d", ready_fd);
		close(ready_fd);
	}
	do {
		rc = sigwait(&set, &sig);
	} while (rc == EINTR);
	IMSG_LOG("shutting down");
	channel_listen_stop();
	ctl_server_stop();
	unlink(path);
	tm_fini();
	return 0;
}
