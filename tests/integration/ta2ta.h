/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers of the TA-to-TA and sandbox suites (ta2ta.c, ta_sandbox.c):
 * counters of the running stack ($SOFTEE_DEV_DIR/<daemon>.ctl) and its
 * secure world log.
 */
#ifndef SOFTEE_TA2TA_TEST_H
#define SOFTEE_TA2TA_TEST_H

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"

/* What must come back to where it was once a test is over. */
struct t2_counts {
	long drv_sessions, sw_sessions, sw_instances;
};

static inline long t2_key(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ':')
			return strtol(p + klen + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* "status" of one daemon, as a malloc'd string (NULL on error). */
static inline char *t2_status(const char *daemon)
{
	const char *dir = getenv("SOFTEE_DEV_DIR");
	char path[PATH_MAX], *text = NULL;
	size_t len = 0;
	FILE *out;
	int rc;

	if (!dir || snprintf(path, sizeof(path), "%s/%s.ctl", dir, daemon) >=
		    (int)sizeof(path))
		return NULL;
	out = open_memstream(&text, &len);
	if (!out)
		return NULL;
	rc = ctl_query(path, "status", out);
	fclose(out);
	if (rc) {
		free(text);
		return NULL;
	}
	return text;
}

static inline int t2_counts(struct t2_counts *c)
{
	char *d = t2_status("driver"), *s = t2_status("secure");
	int rc = d && s ? 0 : -EIO;

	if (!rc) {
		c->drv_sessions = t2_key(d, "sessions");
		c->sw_sessions = t2_key(s, "sessions");
		c->sw_instances = t2_key(s, "ta_instances");
		if (c->drv_sessions < 0 || c->sw_sessions < 0 ||
		    c->sw_instances < 0)
			rc = -EPROTO;
	}
	free(d);
	free(s);
	return rc;
}

static inline uint64_t t2_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * Wait until the counts equal want (instances are destroyed after the
 * close returns, by the secure world). 0, or -ETIMEDOUT with got set.
 */
static inline int t2_wait_counts(const struct t2_counts *want,
				 struct t2_counts *got)
{
	uint64_t end = t2_now_ms() + 20000;

	for (;;) {
		int rc = t2_counts(got);

		if (rc)
			return rc;
		if (!memcmp(got, want, sizeof(*got)))
			return 0;
		if (t2_now_ms() > end)
			return -ETIMEDOUT;
		usleep(50 * 1000);
	}
}

/* Lines of the secure world's log ($SOFTEE_DEV_DIR/secure.log) with s. */
static inline long t2_log_count(const char *s)
{
	const char *dir = getenv("SOFTEE_DEV_DIR");
	char path[PATH_MAX], line[1024];
	long n = 0;
	FILE *f;

	if (!dir || snprintf(path, sizeof(path), "%s/secure.log", dir) >=
		    (int)sizeof(path))
		return -1;
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, s) != NULL;
	fclose(f);
	return n;
}

#endif /* SOFTEE_TA2TA_TEST_H */
