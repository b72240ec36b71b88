/* SPDX-License-Identifier: BSD-2-Clause */
/* `softee status|stat`: ask each daemon's control socket, print per daemon. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ctl.h"

int cli_cmd_status(int argc, char **argv)
{
	const char *cmd = argv[0];
	char dir[PATH_MAX];
	char path[PATH_MAX + 32];
	struct cli_opts o;
	int answered = 0;
	int i;
	int rc;

	rc = cli_parse_opts(cmd, argc, argv, &o);
	if (rc > 0) {
		printf("usage: softee %s [--run-dir DIR]\n", cmd);
		return 0;
	}
	if (rc)
		return 1;
	if (o.run_dir)
		snprintf(dir, sizeof(dir), "%s", o.run_dir);
	else
		cli_default_run_dir(dir, sizeof(dir));

	printf("run dir: %s\n", dir);
	for (i = 0; i < 3; i++) {
		/* With VMs, drivers and supplicants live in vm<k> (below). */
		if (i && vms_count(dir))
			break;
		snprintf(path, sizeof(path), "%s/%s.ctl", dir, stack_names[i]);
		printf("[%s]\n", stack_names[i]);
		fflush(stdout);
		rc = ctl_query(path, cmd, stdout);
		if (rc) {
			printf("not running (%s: %s)\n", path, strerror(-rc));
			continue;
		}
		answered++;
	}
	answered += vms_status(dir, cmd, stdout);
	fflush(stdout);
	if (!answered) {
		fprintf(stderr, CLI_PROG " %s: no softee stack answers in %s\n", cmd,
			dir);
		return 1;
	}
	return 0;
}
