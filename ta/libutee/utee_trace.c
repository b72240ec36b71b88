// SPDX-License-Identifier: BSD-2-Clause
/* TA trace output (EMSG/IMSG/DMSG/FMSG/MSG) to stderr, one line per call. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <trace.h>

static int utee_trace_level = TRACE_MAX;

void trace_set_level(int level)
{
	if (level >= 0 && level <= TRACE_MAX)
		utee_trace_level = level;
}

int trace_get_level(void)
{
	return utee_trace_level;
}

static char utee_level_char(int level)
{
	switch (level) {
	case TRACE_ERROR:
		return 'E';
	case TRACE_INFO:
		return 'I';
	case TRACE_DEBUG:
		return 'D';
	case TRACE_FLOW:
		return 'F';
	default:
		return '-';
	}
}

void trace_printf(const char *func, int line, int level, bool level_ok,
		  const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n, m;

	if (level_ok && level > utee_trace_level)
		return;
	if (level == TRACE_ERROR || level >= TRACE_DEBUG)
		n = snprintf(buf, sizeof(buf), "%c/TA: %s:%d ",
			     utee_level_char(level), func ? func : "?", line);
	else if (level)
		n = snprintf(buf, sizeof(buf), "%c/TA: ", utee_level_char(level));
	else
		n = 0;
	if (n < 0 || (size_t)n >= sizeof(buf))
		n = 0;
	va_start(ap, fmt);
	m = vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n = (size_t)n + (size_t)m >= sizeof(buf) - 1 ? (int)sizeof(buf) - 2 : n + m;
	buf[n++] = '\n';
	/* One write per line so lines from concurrent TAs do not interleave. */
	(void)!write(STDERR_FILENO, buf, (size_t)n);
}
