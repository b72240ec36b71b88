/* SPDX-License-Identifier: BSD-2-Clause */
/* Leveled logging shared by all softee daemons. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int softee_log_level = LOG_LVL_WARN;
static char log_prog[32] = "softee";

void log_init(const char *progname, int level)
{
	snprintf(log_prog, sizeof(log_prog), "%s", progname);
	softee_log_level = level;
}

int log_parse_level(const char *s)
{
	static const char *const names[] = { "err", "warn", "info", "debug" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(s, names[i]))
			return i;
	if (s[0] >= '0' && s[0] <= '3' && !s[1])
		return s[0] - '0';
	return -1;
}

void log_msg(int level, const char *fmt, ...)
{
	static const char tag[] = "EWID";
	char buf[1024];
	va_list ap;
	int n;

	if (level > softee_log_level)
		return;
	n = snprintf(buf, sizeof(buf), "%s[%d] %c: ", log_prog, (int)getpid(),
		     tag[level & 3]);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < sizeof(buf))
		vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	/* One write per line so lines from several processes do not mix. */
	size_t len = strnlen(buf, sizeof(buf) - 2);
	buf[len++] = '\n';
	if (write(STDERR_FILENO, buf, len) < 0) {
		/* nowhere left to report it */
	}
}
