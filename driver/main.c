// SPDX-License-Identifier: BSD-2-Clause
/* softee-driver: probe the secure world, serve tee0/teepriv0 and the control socket until told to stop. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "device_server.h"
#include "log.h"
#include "optee/optee_private.h"
#include "softee_dev.h"
#include "util.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: softee-driver --run-dir DIR [--log-level err|warn|info|debug]\n"
		"       [--ready-fd N] [--foreground] [--page-size 4096|16384|65536]\n"
		"       [--contiguous-pa] [--private-pool BYTES]\n"
		"       [--quota-pinned BYTES] [--quota-total BYTES] [--max-reg N]\n"
		"       [--max-reg-bytes BYTES]\n");
}

struct driver_state {
	struct optee *optee;
	struct dev_server *srv, *psrv;
};

static void ctl_handler(const char *cmd, FILE *out, void *arg)
{
	struct driver_state *st = arg;
	struct optee *optee = st->optee;

	if (!strcmp(cmd, "status") || !strcmp(cmd, "stat")) {
		dev_server_settle(st->srv, 2000);
		dev_server_settle(st->psrv, 2000);
		fprintf(out, "state: running\n");
		fprintf(out, "contexts: %ld\n", atomic_load(&tee_stats.contexts));
		fprintf(out, "sessions: %ld\n", atomic_load(&tee_stats.sessions));
		fprintf(out, "shm: %ld\n", atomic_load(&tee_stats.shm));
		fprintf(out, "regions: %ld\n", atomic_load(&tee_stats.regions));
		optee_status(optee, out);
		if (!strcmp(cmd, "stat")) {
			fprintf(out, "ioctls: %ld\n", atomic_load(&tee_stats.ioctls));
			fprintf(out, "smcs: %ld\n", atomic_load(&tee_stats.smcs));
			fprintf(out, "rpcs: %ld\n", atomic_load(&tee_stats.rpcs));
			fprintf(out, "supp_requests: %ld\n",
				atomic_load(&tee_stats.supp_reqs));
			fprintf(out, "\n");
			tee_print_usage(out);
		}
	} else if (!strcmp(cmd, "stop")) {
		fprintf(out, "stopping\n");
		kill(getpid(), SIGTERM);
	} else {
		fprintf(out, "error: unknown command\n");
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "run-dir", required_argument, NULL, 'r' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "ready-fd", required_argument, NULL, 'R' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "page-size", required_argument, NULL, 'p' },
		{ "contiguous-pa", no_argument, NULL, 'c' },
		{ "private-pool", required_argument, NULL, 'P' },
		{ "quota-pinned", required_argument, NULL, 'Q' },
		{ "quota-total", required_argument, NULL, 'T' },
		{ "max-reg", required_argument, NULL, 'M' },
		{ "max-reg-bytes", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct optee_config cfg = { .page_size = 4096 };
	struct dev_server *srv = NULL, *psrv = NULL;
	struct optee *optee = NULL;
	static struct driver_state st;
	char why[512] = "", path[4096];
	int ready_fd = -1, level = LOG_LVL_WARN, c, rc, sig;
	sigset_t ss;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': cfg.run_dir = optarg; break;
		case 'l':
			level = log_parse_level(optarg);
			if (level < 0) {
				fprintf(stderr, "softee-driver: bad log level '%s'\n", optarg);
				return 1;
			}
			break;
		case 'R': ready_fd = atoi(optarg); break;
		case 'f': break;
		case 'p':
			cfg.page_size = strtoull(optarg, NULL, 0);
			if (cfg.page_size != 4096 && cfg.page_size != 16384 &&
			    cfg.page_size != 65536) {
				fprintf(stderr, "softee-driver: page size must be 4096, 16384 or 65536\n");
				return 1;
			}
			break;
		case 'c': cfg.contiguous_pa = true; break;
		case 'P': case 'Q': case 'T': case 'M': case 'B': {
			uint64_t *dst = c == 'P' ? &cfg.priv_size :
					c == 'Q' ? &cfg.quota_pinned :
					c == 'T' ? &cfg.quota_total :
					c == 'M' ? &cfg.max_regs :
						   &cfg.max_reg_bytes;

			if (softee_parse_size(optarg, dst) || !*dst) {
				fprintf(stderr, "softee-driver: bad value '%s'\n", optarg);
				return 1;
			}
			break;
		}
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 1;
		}
	}
	if (!cfg.run_dir) {
		usage(stderr);
		return 1;
	}
	log_init("softee-driver", level);
	raise_fd_limit();
	/* Signals are taken by sigwait in main only; peers may vanish. */
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&ss);
	sigaddset(&ss, SIGTERM);
	sigaddset(&ss, SIGINT);
	pthread_sigmask(SIG_BLOCK, &ss, NULL);

	rc = optee_probe(&cfg, &optee, why, sizeof(why));
	if (rc) {
		fprintf(stderr, "softee-driver: %s\n", why[0] ? why : strerror(-rc));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s", cfg.run_dir, SOFTEE_DEV_CLIENT_SOCK);
	rc = dev_server_start(path, optee->teedev, &srv);
	if (!rc) {
		snprintf(path, sizeof(path), "%s/%s", cfg.run_dir, SOFTEE_DEV_SUPP_SOCK);
		rc = dev_server_start(path, optee->supp_teedev, &psrv);
	}
	if (!rc) {
		snprintf(path, sizeof(path), "%s/driver.ctl", cfg.run_dir);
		st.optee = optee;
		st.srv = srv;
		st.psrv = psrv;
		rc = ctl_server_start(path, ctl_handler, &st);
	}
	if (rc) {
		fprintf(stderr, "softee-driver: cannot listen at %s: %s\n", path,
			strerror(-rc));
		dev_server_stop(psrv);
		dev_server_stop(srv);
		optee_remove(optee);
		return 1;
	}
	IMSG_LOG("serving %s", cfg.run_dir);
	if (ready_fd >= 0) {
		if (write_full(ready_fd, "ready\n", 6))
			WMSG("cannot write to the ready fd");
		close(ready_fd);
	}
	while (sigwait(&ss, &sig) == 0 && sig != SIGTERM && sig != SIGINT)
		;
	IMSG_LOG("stopping");
	ctl_server_stop();
	dev_server_stop(psrv);
	dev_server_stop(srv);
	/* Live connections end with the process; the secure world sees
	 * our boot id go away on the next driver's HELLO. */
	return 0;
}
