/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * softee-supplicant: the normal-world helper of the secure world (the
 * tee-supplicant role): command line, device opening, control socket and
 * clean shutdown. Requests are served by supp_loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/tee.h>

#include "ctl.h"
#include "log.h"
#include "supp_fs.h"
#include "supp_loop.h"
#include "supp_shm.h"
#include "supp_ta.h"
#include "teedev.h"
#include "util.h"

#ifndef SOFTEE_PREFIX
#define SOFTEE_PREFIX "/usr/local"
#endif

#define SUPP_PROG "softee-supplicant"
#define SUPP_MAX_DEVICES 10

static struct {
	const char *run_dir;
	int ready_fd;
	int dev_fd;
	int fatal_pipe[2];
	char build_ta_dir[PATH_MAX];
	char ctl_path[PATH_MAX];
	const char *fs_dir;
	char fs_default[PATH_MAX];
} supp = { .ready_fd = -1, .dev_fd = -1, .fatal_pipe = { -1, -1 } };

static void supp_usage(FILE *f)
{
	fprintf(f,
		"usage: " SUPP_PROG " [--run-dir DIR] [--ta-dir PATH]...\n"
		"         [--log-level err|warn|info|debug] [--ready-fd N] [--foreground]\n"
		"         [--no-register] [--fs-dir DIR]\n"
		"Serves the secure world's requests (TA loading, shared memory).\n"
		"--no-register: allocate shared memory from the driver even when\n"
		"it can register ours (as tee-supplicant before 3.13).\n"
		"With --run-dir it opens DIR/teepriv0 (a softee stack); without it\n"
		"it opens the first of /dev/teepriv0..9.\n"
		"Default TA directories: the build's ta/ beside bin/, then\n"
		SOFTEE_PREFIX "/lib/optee_armtz.\n"
		"--fs-dir: root of the secure storage files (REE FS); default\n"
		"DIR/tee with --run-dir, else " SUPP_FS_DEFAULT_ROOT ".\n");
}

static void supp_add_default_ta_dirs(void)
{
	char exe[PATH_MAX];
	struct stat st;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		snprintf(supp.build_ta_dir, sizeof(supp.build_ta_dir), "%s/../ta",
			 dirname(exe));
		if (!stat(supp.build_ta_dir, &st) && S_ISDIR(st.st_mode))
			supp_ta_add_dir(supp.build_ta_dir);
	}
	supp_ta_add_dir(SOFTEE_PREFIX "/lib/optee_armtz");
}

/* A missing TA dir is not fatal (it may appear later), but say so. */
static void supp_check_ta_dirs(void)
{
	struct stat st;
	size_t i;

	for (i = 0; i < supp_ta_num_dirs(); i++)
		if (stat(supp_ta_dir(i), &st) || !S_ISDIR(st.st_mode))
			WMSG("TA directory %s does not exist", supp_ta_dir(i));
}

/* Open the first privileged TEE device. Returns an fd or -errno. */
static int supp_open_device(void)
{
	int last = -ENOENT;
	unsigned int i;

	for (i = 0; i < SUPP_MAX_DEVICES; i++) {
		struct tee_ioctl_version_data v = { 0 };
		char path[32];
		int fd;

		snprintf(path, sizeof(path), "/dev/teepriv%u", i);
		fd = teedev_open_path(path);
		if (fd < 0) {
			if (errno != ENOENT || last == -ENOENT)
				last = -errno;
			continue;
		}
		if (teedev_ioctl(fd, TEE_IOC_VERSION, &v) == 0 &&
		    (v.gen_caps & TEE_GEN_CAP_PRIVILEGED))
			return fd;
		last = -EACCES;
		teedev_close(fd);
	}
	return last;
}

static void supp_ctl(const char *cmd, FILE *out, void *unused)
{
	struct supp_loop_stats st;
	uint64_t shm_count, shm_bytes;
	size_t i;

	supp_loop_get_stats(&st);
	supp_shm_stats(&shm_count, &shm_bytes);
	if (!strcmp(cmd, "status")) {
		fprintf(out, "component: supplicant\npid: %d\n", (int)getpid());
		fprintf(out, "mode: %s\n", st.async ? "async" : "sync");
		fprintf(out, "threads: %u\nidle: %u\n", st.threads, st.idle);
		fprintf(out, "requests served: %llu\n",
			(unsigned long long)st.served);
		fprintf(out, "shm held: %llu\nshm bytes: %llu\n",
			(unsigned long long)shm_count,
			(unsigned long long)shm_bytes);
		fprintf(out, "shm mode: %s\n",
			supp_shm_registers() ? "register" : "allocate");
		fprintf(out, "fs dir: %s\n", supp_fs_root());
		for (i = 0; i < supp_ta_num_dirs(); i++)
			fprintf(out, "ta dir: %s\n", supp_ta_dir(i));
	} else if (!strcmp(cmd, "stat")) {
		fprintf(out, "requests: %llu\nrequests_failed: %llu\n"
			"requests_dropped: %llu\nshm_held: %llu\nshm_bytes: %llu\n"
			"threads: %u\n",
			(unsigned long long)st.served,
			(unsigned long long)st.failed,
			(unsigned long long)st.dropped,
			(unsigned long long)shm_count,
			(unsigned long long)shm_bytes, st.threads);
	} else if (!strcmp(cmd, "stop")) {
		fprintf(out, "stopping\n");
		kill(getpid(), SIGTERM);
	} else {
		fprintf(out, "error: unknown command '%s' (status, stat, stop)\n",
			cmd);
	}
}

static int supp_parse_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "run-dir", required_argument, NULL, 'r' },
		{ "ta-dir", required_argument, NULL, 't' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "ready-fd", required_argument, NULL, 'R' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "no-register", no_argument, NULL, 'N' },
		{ "fs-dir", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	long v;
	int c;

	while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			supp.run_dir = optarg;
			break;
		case 't':
			if (supp_ta_add_dir(optarg)) {
				fprintf(stderr, SUPP_PROG ": too many --ta-dir (max %d)\n",
					SUPP_MAX_TA_DIRS);
				return -1;
			}
			break;
		case 'l':
			v = log_parse_level(optarg);
			if (v < 0) {
				fprintf(stderr, SUPP_PROG ": bad --log-level '%s'\n", optarg);
				return -1;
			}
			softee_log_level = (int)v;
			break;
		case 'R':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 0 || v > INT_MAX) {
				fprintf(stderr, SUPP_PROG ": bad --ready-fd '%s'\n", optarg);
				return -1;
			}
			supp.ready_fd = (int)v;
			break;
		case 'f':
			break;
		case 'D':
			supp.fs_dir = optarg;
			break;
		case 'N':
			/* Behave as an older tee-supplicant that only allocates. */
			supp_shm_set_register(false);
			break;
		case 'h':
			supp_usage(stdout);
			exit(0);
		case 'V':
			printf(SUPP_PROG " " SOFTEE_VERSION "\n");
			exit(0);
		default:
			supp_usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, SUPP_PROG ": unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return 0;
}

/* Block until SIGTERM/SIGINT or a dead device; returns the exit status. */
static int supp_wait_for_end(int sfd)
{
	struct pollfd p[2] = {
		{ .fd = sfd, .events = POLLIN },
		{ .fd = supp.fatal_pipe[0], .events = POLLIN },
	};

	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (p[1].revents)
			return 1;
		if (p[0].revents) {
			struct signalfd_siginfo si;

			if (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
				IMSG_LOG("signal %u: shutting down", si.ssi_signo);
			return 0;
		}
	}
}

int main(int argc, char **argv)
{
	sigset_t sigs;
	int status;
	int sfd;
	int rc;

	log_init(SUPP_PROG, LOG_LVL_WARN);
	if (supp_parse_args(argc, argv))
		return 1;
	log_init(SUPP_PROG, softee_log_level);
	if (supp_ta_num_dirs() == 0)
		supp_add_default_ta_dirs();
	else
		supp_check_ta_dirs();

	/* Signals go to the signalfd; worker threads inherit the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	if (sfd < 0 || pipe2(supp.fatal_pipe, O_CLOEXEC) < 0) {
		fprintf(stderr, SUPP_PROG ": %s\n", strerror(errno));
		return 1;
	}

	if (supp.run_dir && setenv("SOFTEE_DEV_DIR", supp.run_dir, 1)) {
		fprintf(stderr, SUPP_PROG ": %s\n", strerror(errno));
		return 1;
	}
	supp.dev_fd = supp_open_device();
	if (supp.dev_fd < 0) {
		if (supp.run_dir)
			fprintf(stderr, SUPP_PROG ": cannot open the supplicant device %s/teepriv0: %s\n",
				supp.run_dir, strerror(-supp.dev_fd));
		else
			fprintf(stderr, SUPP_PROG ": cannot open /dev/teepriv0..9: %s\n",
				strerror(-supp.dev_fd));
		return 1;
	}
	supp_shm_init(supp.dev_fd);
	if (!supp.fs_dir) {
		if (supp.run_dir)
			snprintf(supp.fs_default, sizeof(supp.fs_default),
				 "%s/tee", supp.run_dir);
		else
			snprintf(supp.fs_default, sizeof(supp.fs_default), "%s",
				 SUPP_FS_DEFAULT_ROOT);
		supp.fs_dir = supp.fs_default;
	}
	rc = supp_fs_init(supp.fs_dir);
	if (rc)
		WMSG("secure storage root %s not usable yet: %s", supp.fs_dir,
		     strerror(-rc));

	if (supp.run_dir) {
		if (snprintf(supp.ctl_path, sizeof(supp.ctl_path), "%s/supplicant.ctl",
			     supp.run_dir) >= (int)sizeof(supp.ctl_path)) {
			fprintf(stderr, SUPP_PROG ": run dir path too long\n");
			return 1;
		}
		rc = ctl_server_start(supp.ctl_path, supp_ctl, NULL);
		if (rc) {
			fprintf(stderr, SUPP_PROG ": cannot serve %s: %s\n",
				supp.ctl_path, strerror(-rc));
			return 1;
		}
	}

	rc = supp_loop_start(supp.dev_fd, supp.fatal_pipe[1]);
	if (rc) {
		fprintf(stderr, SUPP_PROG ": cannot start worker threads: %s\n",
			strerror(-rc));
		return 1;
	}
	IMSG_LOG("serving %s", supp.run_dir ? supp.run_dir : "/dev/teepriv*");
	if (supp.ready_fd >= 0) {
		if (write_full(supp.ready_fd, "ready\n", 6))
			WMSG("cannot report readiness on fd %d", supp.ready_fd);
		close(supp.ready_fd);
	}

	status = supp_wait_for_end(sfd);
	if (supp.run_dir) {
		ctl_server_stop();
		unlink(supp.ctl_path);
	}
	/* Workers may still sit in RECV; the process exit ends them. */
	supp_shm_release_all();
	supp_fs_reset();
	close(sfd);
	return status;
}
