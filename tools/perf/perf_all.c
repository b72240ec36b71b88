// SPDX-License-Identifier: BSD-2-Clause
/* `softee perf all`: every measuring subcommand in turn, with the same options. */
#include <getopt.h>
#include <string.h>

#include "perf.h"

static void perf_all_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf all [--skip NAME,...] [common options]\n"
		"  Runs every measuring subcommand (");
	for (size_t i = 0, k = 0; i < perf_n_cmds; i++)
		if (perf_cmds[i].in_all)
			fprintf(f, "%s%s", k++ ? ", " : "", perf_cmds[i].name);
	fprintf(f, ")\n"
		"  with the options below; --quick makes it a smoke run of about two\n"
		"  minutes, the full run takes about ten. Exit status 1 if any failed.\n"
		"  --skip LIST    names of subcommands not to run\n"
		PERF_COMMON_USAGE);
}

static bool perf_all_listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p; p += strcspn(p, ","), p += *p == ',') {
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return true;
	}
	return false;
}

int perf_all_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "skip", required_argument, NULL, PERF_OPT_FIRST_OWN },
		PERF_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const char *skip = NULL, *results[32];
	struct perf_opts o;
	size_t nres = 0;
	int c, t, failed = 0;
	double start;

	perf_opts_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		t = perf_opts_take(&o, c, optarg);
		if (t == 0)
			continue;
		if (t == -2)
			return 2;
		if (c == 'h') {
			perf_all_usage(stdout);
			return 0;
		}
		if (c != PERF_OPT_FIRST_OWN) {
			perf_all_usage(stderr);
			return 2;
		}
		skip = optarg;
	}
	if (optind != argc) {
		perf_all_usage(stderr);
		return 2;
	}
	if (perf_opts_finish(&o, "all", argc, argv))
		return 1;
	start = perf_now();
	for (size_t i = 0; i < perf_n_cmds && nres < 32; i++) {
		const struct perf_cmd *cmd = &perf_cmds[i];
		char *sub[12];
		int n = 0, ret;
		double t0;

		if (!cmd->in_all || perf_all_listed(skip, cmd->name))
			continue;
		sub[n++] = (char *)cmd->name;
		if (o.quick)
			sub[n++] = "--quick";
		sub[n++] = "--out";
		sub[n++] = o.out;
		if (o.write_doc) {
			sub[n++] = "--write-doc";
			sub[n++] = "--doc";
			sub[n++] = (char *)o.doc_path;
		}
		sub[n] = NULL;
		printf("\n==== softee perf %s%s ====\n", cmd->name,
		       o.quick ? " --quick" : "");
		fflush(stdout);
		t0 = perf_now();
		ret = cmd->main(n, sub);
		fflush(NULL);
		printf("==== %s: %s (%.0f s) ====\n", cmd->name,
		       ret ? "FAILED" : "done", perf_now() - t0);
		if (ret)
			failed++;
		results[nres++] = ret ? "failed" : "ok";
	}
	printf("\nsoftee perf all: %zu subcommands in %.0f s, %d failed:",
	       nres, perf_now() - start, failed);
	for (size_t i = 0, k = 0; i < perf_n_cmds && k < nres; i++)
		if (perf_cmds[i].in_all && !perf_all_listed(skip, perf_cmds[i].name))
			printf(" %s=%s", perf_cmds[i].name, results[k++]);
	printf("\n");
	return failed ? 1 : 0;
}
