/* SPDX-License-Identifier: BSD-2-Clause */
/* Parsing the stack options shared by `softee run|start|stop|status...`. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

int cli_parse_size(const char *s, uint64_t *out)
{
	return softee_parse_size(s, out);
}

int cli_parse_uint(const char *s, unsigned int min, unsigned int max,
		   unsigned int *out)
{
	unsigned long v;
	char *end;

	if (!s || !isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

void cli_opts_usage(FILE *f)
{
	fprintf(f,
		"stack options:\n"
		"  --run-dir DIR          run directory (start/stop/status; default\n"
		"                         $XDG_RUNTIME_DIR/softee or /tmp/softee-$UID)\n"
		"  --threads N            secure world threads\n"
		"  --carveout-size S      reserved shm size (suffixes K, M, G)\n"
		"  --page-size P          driver page size: 4096, 16384 or 65536\n"
		"  --no-reserved-shm      secure world without a reserved shm pool\n"
		"  --no-dynamic-shm       secure world without dynamic shm\n"
		"  --ta-dir D             TA directory (repeatable)\n"
		"  --log-level L          err, warn, info or debug for every daemon\n"
		"  --supplicant PATH      run PATH as the supplicant (optee_client-style,\n"
		"                         with SOFTEE_DEV_DIR and the uapi shim preloaded)\n"
		"  --no-supplicant        do not start a supplicant\n"
		"  --driver-arg ARG       extra option for softee-driver (repeatable)\n"
		"  --secure-arg ARG       extra option for softee-secure (repeatable)\n"
		"  --supplicant-arg ARG   extra option for the supplicant (repeatable)\n"
		"  --timeout SECONDS      how long to wait for each daemon (default %u)\n"
		"  --keep-run-dir         run: keep the private run directory\n"
		"  --vms N                N normal worlds (VMs) under softee-hyp, each with\n"
		"                         its own driver, supplicant and tee0 in RUN_DIR/vm<k>\n"
		"  --in-vm K              run: CMD in VM K (default 1)\n"
		"  --each-vm              run: CMD in every VM at once (SOFTEE_VM=k set)\n"
		"  --hyp-arg ARG          extra option for softee-hyp (repeatable), e.g.\n"
		"                         --hyp-arg=--max-calls=2 (see docs/virtualization.md)\n"
		"  --storage DIR          secure storage directory: the device key (DIR/key)\n"
		"                         and the REE FS files (DIR/fs); keep it to keep\n"
		"                         persistent objects across runs (default: DIR =\n"
		"                         RUN_DIR/storage, gone with a `run` directory)\n"
		"  --ta-pubkey PEM        Ed25519 public key the secure world verifies TA\n"
		"                         images with (default: the development key)\n",
		CLI_DEFAULT_TIMEOUT_MS / 1000);
}

static int cli_push(const char **list, size_t *n, const char *v,
		    const char *what)
{
	if (*n >= CLI_MAX_LIST) {
		fprintf(stderr, CLI_PROG ": too many %s (max %d)\n", what,
			CLI_MAX_LIST);
		return -1;
	}
	list[(*n)++] = v;
	return 0;
}

enum {
	OPT_RUN_DIR = 256, OPT_THREADS, OPT_CARVEOUT, OPT_PAGE_SIZE,
	OPT_NO_RESERVED, OPT_NO_DYNAMIC, OPT_TA_DIR, OPT_LOG_LEVEL,
	OPT_SUPPLICANT, OPT_NO_SUPPLICANT, OPT_DRIVER_ARG, OPT_SECURE_ARG, OPT_SUPPLICANT_ARG,
	OPT_TIMEOUT, OPT_KEEP, OPT_STORAGE,
	OPT_VMS, OPT_IN_VM, OPT_EACH_VM, OPT_HYP_ARG, OPT_TA_PUBKEY,
};

static int cli_bad(const char *opt, const char *val)
{
	fprintf(stderr, CLI_PROG ": invalid value '%s' for --%s\n", val, opt);
	return -1;
}

int cli_parse_opts(const char *sub, int argc, char **argv,
		   struct cli_opts *o)
{
	static const struct option opts[] = {
		{ "run-dir", required_argument, NULL, OPT_RUN_DIR },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "carveout-size", required_argument, NULL, OPT_CARVEOUT },
		{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
		{ "no-reserved-shm", no_argument, NULL, OPT_NO_RESERVED },
		{ "no-dynamic-shm", no_argument, NULL, OPT_NO_DYNAMIC },
		{ "ta-dir", required_argument, NULL, OPT_TA_DIR },
		{ "log-level", required_argument, NULL, OPT_LOG_LEVEL },
		{ "supplicant", required_argument, NULL, OPT_SUPPLICANT },
		{ "no-supplicant", no_argument, NULL, OPT_NO_SUPPLICANT },
		{ "driver-arg", required_argument, NULL, OPT_DRIVER_ARG },
		{ "secure-arg", required_argument, NULL, OPT_SECURE_ARG },
		{ "supplicant-arg", required_argument, NULL, OPT_SUPPLICANT_ARG },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "keep-run-dir", no_argument, NULL, OPT_KEEP },
		{ "storage", required_argument, NULL, OPT_STORAGE },
		{ "vms", required_argument, NULL, OPT_VMS },
		{ "in-vm", required_argument, NULL, OPT_IN_VM },
		{ "each-vm", no_argument, NULL, OPT_EACH_VM },
		{ "hyp-arg", required_argument, NULL, OPT_HYP_ARG },
		{ "ta-pubkey", required_argument, NULL, OPT_TA_PUBKEY },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	bool is_run = !strcmp(sub, "run");
	unsigned int v;
	int c;

	memset(o, 0, sizeof(*o));
	o->timeout_ms = CLI_DEFAULT_TIMEOUT_MS;
	optind = 1;
	opterr = 1;
	/* "+": stop at the first non-option, which starts run's command. */
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_RUN_DIR:
			o->run_dir = optarg;
			break;
		case OPT_THREADS:
			if (cli_parse_uint(optarg, 1, 1024, &o->threads))
				return cli_bad("threads", optarg);
			break;
		case OPT_CARVEOUT:
			if (cli_parse_size(optarg, &o->carveout_size) ||
			    !o->carveout_size)
				return cli_bad("carveout-size", optarg);
			break;
		case OPT_PAGE_SIZE:
			if (cli_parse_uint(optarg, 4096, 65536, &v) ||
			    (v != 4096 && v != 16384 && v != 65536))
				return cli_bad("page-size", optarg);
			o->page_size = v;
			break;
		case OPT_NO_RESERVED:
			o->no_reserved_shm = true;
			break;
		case OPT_NO_DYNAMIC:
			o->no_dynamic_shm = true;
			break;
		case OPT_TA_DIR:
			if (cli_push(o->ta_dirs, &o->n_ta_dirs, optarg, "--ta-dir"))
				return -1;
			break;
		case OPT_LOG_LEVEL:
			if (strcmp(optarg, "err") && strcmp(optarg, "warn") &&
			    strcmp(optarg, "info") && strcmp(optarg, "debug"))
				return cli_bad("log-level", optarg);
			o->log_level = optarg;
			break;
		case OPT_SUPPLICANT:
			o->supplicant = optarg;
			break;
		case OPT_NO_SUPPLICANT:
			o->no_supplicant = true;
			break;
		case OPT_DRIVER_ARG:
			if (cli_push(o->driver_args, &o->n_driver_args, optarg,
				     "--driver-arg"))
				return -1;
			break;
		case OPT_SECURE_ARG:
			if (cli_push(o->secure_args, &o->n_secure_args, optarg,
				     "--secure-arg"))
				return -1;
			break;
		case OPT_SUPPLICANT_ARG:
			if (cli_push(o->supplicant_args, &o->n_supplicant_args,
				     optarg, "--supplicant-arg"))
				return -1;
			break;
		case OPT_TIMEOUT:
			if (cli_parse_uint(optarg, 1, 3600, &v))
				return cli_bad("timeout", optarg);
			o->timeout_ms = v * 1000;
			break;
		case OPT_KEEP:
			o->keep_run_dir = true;
			break;
		case OPT_STORAGE:
			if (!*optarg)
				return cli_bad("storage", optarg);
			o->storage_dir = optarg;
			break;
		case OPT_VMS:
			if (cli_parse_uint(optarg, 1, CLI_MAX_VMS, &o->vms))
				return cli_bad("vms", optarg);
			break;
		case OPT_IN_VM:
			if (cli_parse_uint(optarg, 1, CLI_MAX_VMS, &o->in_vm))
				return cli_bad("in-vm", optarg);
			break;
		case OPT_EACH_VM:
			o->each_vm = true;
			break;
		case OPT_HYP_ARG:
			if (cli_push(o->hyp_args, &o->n_hyp_args, optarg,
				     "--hyp-arg"))
				return -1;
			break;
		case OPT_TA_PUBKEY:
			if (!*optarg)
				return cli_bad("ta-pubkey", optarg);
			o->ta_pubkey = optarg;
			break;
		case 'h':
			return 1;
		default:
			return -1;
		}
	}
	if ((o->in_vm || o->each_vm || o->n_hyp_args) && !o->vms) {
		fprintf(stderr, CLI_PROG ": --in-vm, --each-vm and --hyp-arg need --vms N\n");
		return -1;
	}
	if (o->in_vm > o->vms || (o->in_vm && o->each_vm)) {
		fprintf(stderr, CLI_PROG ": --in-vm K needs 1 <= K <= --vms and no --each-vm\n");
		return -1;
	}
	if (o->vms && o->no_dynamic_shm) {
		fprintf(stderr, CLI_PROG ": --vms needs dynamic shared memory (guests get no carve-out)\n");
		return -1;
	}
	if (is_run) {
		if (o->run_dir) {
			fprintf(stderr, CLI_PROG " run: --run-dir is not allowed (run makes a private one; see `softee start`)\n");
			return -1;
		}
		if (optind >= argc) {
			fprintf(stderr, CLI_PROG " run: missing command (softee run [options] -- CMD ARGS...)\n");
			return -1;
		}
		o->cmd = argv + optind;
	} else if (optind < argc) {
		fprintf(stderr, CLI_PROG " %s: unexpected argument '%s'\n", sub,
			argv[optind]);
		return -1;
	}
	if (o->supplicant && o->no_supplicant) {
		fprintf(stderr, CLI_PROG ": --supplicant and --no-supplicant conflict\n");
		return -1;
	}
	return 0;
}
