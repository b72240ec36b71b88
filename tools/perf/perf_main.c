// SPDX-License-Identifier: BSD-2-Clause
/* softee-perf: the table of subcommands, the help, and dispatch (`softee perf NAME`). */
#include <string.h>

#include "perf.h"
#include "perf_hyp.h"

/*
 * One line per subcommand: name, main, worker (`NAME-worker`, run inside a
 * stack by main; NULL if none), run by `all`, summary.
 */
const struct perf_cmd perf_cmds[] = {
	{ "null", perf_null_main, perf_null_worker, true,
	  "null-invoke latency (median, p99) beside a native call and a socketpair round trip" },
	{ "session", perf_session_main, perf_session_worker, true,
	  "open/close session rate, warm instance and new TA instance" },
	{ "scale", perf_scale_main, perf_scale_worker, true,
	  "throughput and latency, 1-64 client threads x 1-8 secure threads" },
	{ "shm", perf_shm_main, perf_worker_main, true,
	  "shared-memory sweep 4K-256M: registered, allocated, temp, legacy" },
	{ "crypto", perf_crypto_main, perf_crypto_worker, true,
	  "SHA-256 and AES-GCM in a TA over memrefs beside native OpenSSL" },
	{ "hyp", perf_hyp_main, perf_hyp_worker, true,
	  "the hypervisor's cost: invokes and registrations with and without softee-hyp" },
	{ "soak", perf_soak_main, perf_soak_worker, true,
	  "mixed load for a duration: throughput and RSS over time" },
	{ "all", perf_all_main, NULL, false,
	  "every subcommand above, quick or full" },
};
const size_t perf_n_cmds = sizeof(perf_cmds) / sizeof(perf_cmds[0]);

static void perf_usage(FILE *f)
{
	fprintf(f, "usage: softee perf COMMAND [options]   (softee perf COMMAND --help)\n\n"
		"commands:\n");
	for (size_t i = 0; i < perf_n_cmds; i++)
		fprintf(f, "  %-9s %s\n", perf_cmds[i].name, perf_cmds[i].summary);
	fprintf(f, "\nEach command starts its own stacks with `softee run`, prints a\n"
		"table, writes CSV and PNG plots (default build/perf/) and, with\n"
		"--write-doc, rewrites its section of docs/performance.md.\n");
}

int main(int argc, char **argv)
{
	size_t wlen = strlen("-worker");

	if (argc < 2) {
		perf_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help") ||
	    !strcmp(argv[1], "-h")) {
		perf_usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < perf_n_cmds; i++) {
		const struct perf_cmd *c = &perf_cmds[i];
		size_t n = strlen(c->name);

		if (!strcmp(argv[1], c->name))
			return c->main(argc - 1, argv + 1);
		if (c->worker && !strncmp(argv[1], c->name, n) &&
		    !strcmp(argv[1] + n, "-worker") && strlen(argv[1]) == n + wlen)
			return c->worker(argc - 1, argv + 1);
	}
	fprintf(stderr, PERF_PROG ": unknown command '%s'\n", argv[1]);
	perf_usage(stderr);
	return 2;
}
