// SPDX-License-Identifier: BSD-2-Clause
/* Helpers shared by the dynamic shared memory tests: daemon control
 * queries parsed as "key: value" lines, checksums, the driver's INFO. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "dyn_util.h"
#include "wire.h"

int dyn_ctl(const char *dir, const char *daemon, const char *cmd, char *buf,
	    size_t cap)
{
	char path[PATH_MAX];
	FILE *f;
	int r;

	if (!cap)
		return -EINVAL;
	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/%s.ctl", dir, daemon);
	f = fmemopen(buf, cap, "w");
	if (!f)
		return -errno;
	r = ctl_query(path, cmd, f);
	fclose(f);
	buf[cap - 1] = '\0';
	return r;
}

/* Parse one line "  key: number"; key copied to k. true if numeric. */
static bool dyn_line(const char *l, const char *end, char *k, size_t kcap,
		     uint64_t *v)
{
	const char *c, *p = l;
	char *e;
	size_t n;

	while (p < end && isspace((unsigned char)*p))
		p++;
	c = memchr(p, ':', (size_t)(end - p));
	if (!c || c == p)
		return false;
	n = (size_t)(c - p);
	if (n >= kcap)
		return false;
	memcpy(k, p, n);
	k[n] = '\0';
	c++;
	while (c < end && (*c == ' ' || *c == '\t'))
		c++;
	if (c >= end || !isdigit((unsigned char)*c))
		return false;
	errno = 0;
	*v = strtoull(c, &e, 0);
	return !errno && e <= end;
}

/* Call fn for every numeric line; stops when fn returns nonzero. */
static int dyn_each(const char *text,
		    int (*fn)(const char *k, uint64_t v, void *arg), void *arg)
{
	const char *l = text, *end;
	char k[128];
	uint64_t v;
	int r;

	while (*l) {
		end = strchr(l, '\n');
		if (!end)
			end = l + strlen(l);
		if (dyn_line(l, end, k, sizeof(k), &v)) {
			r = fn(k, v, arg);
			if (r)
				return r;
		}
		l = *end ? end + 1 : end;
	}
	return 0;
}

struct dyn_find {
	const char *key;
	bool found;
	uint64_t val;
};

static int dyn_find_fn(const char *k, uint64_t v, void *arg)
{
	struct dyn_find *f = arg;

	if (strcmp(k, f->key))
		return 0;
	f->found = true;
	f->val = v;
	return 1;
}

int dyn_kv(const char *text, const char *key, uint64_t *val)
{
	struct dyn_find f = { key, false, 0 };

	dyn_each(text, dyn_find_fn, &f);
	if (!f.found)
		return -ENOENT;
	*val = f.val;
	return 0;
}

struct dyn_cmp {
	const char *now;
	const char *const *skip;
	char *diff;
	size_t cap;
	bool same;
};

static int dyn_cmp_fn(const char *k, uint64_t v, void *arg)
{
	struct dyn_cmp *c = arg;
	uint64_t w;
	size_t i, n;

	for (i = 0; c->skip && c->skip[i]; i++)
		if (!strcmp(k, c->skip[i]))
			return 0;
	if (dyn_kv(c->now, k, &w) || w != v) {
		c->same = false;
		n = strlen(c->diff);
		if (n < c->cap)
			snprintf(c->diff + n, c->cap - n, "%s %llu->%llu ", k,
				 (unsigned long long)v, (unsigned long long)w);
	}
	return 0;
}

bool dyn_kv_same(const char *base, const char *now, const char *const *skip,
		 char *diff, size_t cap)
{
	struct dyn_cmp c = { now, skip, diff, cap, true };

	if (cap)
		diff[0] = '\0';
	dyn_each(base, dyn_cmp_fn, &c);
	return c.same;
}

/* Split a line into at most max blank-separated tokens (in place). */
static int dyn_tokens(char *line, char **tok, int max)
{
	int n = 0;
	char *save = NULL, *t;

	for (t = strtok_r(line, " \t", &save); t && n < max;
	     t = strtok_r(NULL, " \t", &save))
		tok[n++] = t;
	return n;
}

int dyn_table_value(const char *text, long pid, const char *col,
		    uint64_t *val)
{
	char *copy = strdup(text), *line, *save = NULL, *tok[32];
	int ncol = -1, pidcol = -1, n, i, r = -ENOENT;

	if (!copy)
		return -ENOMEM;
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		n = dyn_tokens(line, tok, 32);
		if (n > 1 && !strcmp(tok[0], "context")) {
			ncol = pidcol = -1;
			for (i = 0; i < n; i++) {
				if (!strcmp(tok[i], col))
					ncol = i;
				if (!strcmp(tok[i], "pid"))
					pidcol = i;
			}
			continue;
		}
		if (ncol < 0 || pidcol < 0 || n <= ncol || n <= pidcol)
			continue;
		if (strtol(tok[pidcol], NULL, 10) != pid ||
		    !isdigit((unsigned char)tok[ncol][0]))
			continue;
		*val = strtoull(tok[ncol], NULL, 10);
		r = 0;
		break;
	}
	free(copy);
	return r;
}

uint32_t dyn_fnv(const uint8_t *b, size_t n)
{
	uint32_t h = 2166136261U;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 16777619U;
	}
	return h;
}

int dyn_dev_info(const char *dir, struct softee_dev_info *info)
{
	struct softee_dev_req h = { SOFTEE_DEV_MAGIC, 77, SOFTEE_DEV_OP_INFO, 0 };
	uint8_t buf[sizeof(struct softee_dev_rep) + 256];
	struct softee_dev_rep rh;
	struct pollfd p;
	char path[PATH_MAX];
	int fds[WIRE_MAX_FDS], nfds = 0;
	ssize_t n;
	int s, r;

	snprintf(path, sizeof(path), "%s/%s", dir, SOFTEE_DEV_CLIENT_SOCK);
	s = wire_connect(path);
	if (s < 0)
		return s;
	r = wire_send_buf(s, &h, sizeof(h), NULL, 0);
	if (r)
		goto out;
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	if (poll(&p, 1, 5000) != 1) {
		r = -ETIMEDOUT;
		goto out;
	}
	n = wire_recv(s, buf, sizeof(buf), fds, &nfds, WIRE_MAX_FDS);
	wire_close_fds(fds, nfds);
	if (n < (ssize_t)sizeof(rh)) {
		r = n < 0 ? (int)n : -EPROTO;
		goto out;
	}
	memcpy(&rh, buf, sizeof(rh));
	if (rh.magic != SOFTEE_DEV_MAGIC || rh.tag != h.tag) {
		r = -EPROTO;
	} else if (rh.ret) {
		r = rh.ret < 0 ? rh.ret : -EPROTO;
	} else if (rh.len < sizeof(*info) ||
		   (size_t)n < sizeof(rh) + sizeof(*info)) {
		r = -EPROTO;
	} else {
		memcpy(info, buf + sizeof(rh), sizeof(*info));
		r = 0;
	}
out:
	close(s);
	return r;
}
