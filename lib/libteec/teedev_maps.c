/* SPDX-License-Identifier: BSD-2-Clause */
/* A streaming, allocation-free reader of /proc/self/maps. */
#include "teedev_maps.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "teedev_sys.h"

static int teedev_maps_hex(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t r = 0;
	int n = 0;

	for (; s < end; s++, n++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else
			break;
		if (n >= 16)
			return -EINVAL;
		r = (r << 4) | d;
	}
	if (!n)
		return -EINVAL;
	*p = s;
	*v = r;
	return 0;
}

static int teedev_maps_dec(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t r = 0;
	int n = 0;

	for (; s < end && *s >= '0' && *s <= '9'; s++, n++) {
		if (n >= 19)
			return -EINVAL;
		r = r * 10 + (uint64_t)(*s - '0');
	}
	if (!n)
		return -EINVAL;
	*p = s;
	*v = r;
	return 0;
}

static int teedev_maps_expect(const char **p, const char *end, char c)
{
	if (*p >= end || **p != c)
		return -EINVAL;
	(*p)++;
	return 0;
}

static void teedev_maps_skip_spaces(const char **p, const char *end)
{
	while (*p < end && **p == ' ')
		(*p)++;
}

static bool teedev_maps_prefix(const char *s, const char *end,
			       const char *pre)
{
	size_t n = strlen(pre);

	return (size_t)(end - s) >= n && !memcmp(s, pre, n);
}

int teedev_maps_parse_line(const char *s, size_t len,
			   struct teedev_maps_line *out)
{
	const char *p = s, *end = s + len;
	uint64_t start, stop, off, dmaj, dmin, ino;
	unsigned int flags = 0;

	if (teedev_maps_hex(&p, end, &start) ||
	    teedev_maps_expect(&p, end, '-') ||
	    teedev_maps_hex(&p, end, &stop) ||
	    teedev_maps_expect(&p, end, ' ') || end - p < 5)
		return -EINVAL;
	if (p[0] == 'r')
		flags |= TEEDEV_MAPS_R;
	if (p[1] == 'w')
		flags |= TEEDEV_MAPS_W;
	if (p[2] == 'x')
		flags |= TEEDEV_MAPS_X;
	if (p[3] == 's')
		flags |= TEEDEV_MAPS_SHARED;
	p += 4;
	if (teedev_maps_expect(&p, end, ' ') ||
	    teedev_maps_hex(&p, end, &off) ||
	    teedev_maps_expect(&p, end, ' ') ||
	    teedev_maps_hex(&p, end, &dmaj) ||
	    teedev_maps_expect(&p, end, ':') ||
	    teedev_maps_hex(&p, end, &dmin) ||
	    teedev_maps_expect(&p, end, ' ') ||
	    teedev_maps_dec(&p, end, &ino))
		return -EINVAL;
	if (start >= stop || stop > UINTPTR_MAX)
		return -EINVAL;
	teedev_maps_skip_spaces(&p, end);
	/* What counts as anonymous: no file behind it. */
	if (ino == 0 && !(flags & TEEDEV_MAPS_SHARED) &&
	    (p == end || teedev_maps_prefix(p, end, "[heap]") ||
	     teedev_maps_prefix(p, end, "[stack") ||
	     teedev_maps_prefix(p, end, "[anon:")))
		flags |= TEEDEV_MAPS_ANON;
	if (ino != 0 && teedev_maps_prefix(p, end, "/memfd:"))
		flags |= TEEDEV_MAPS_MEMFD;
	out->start = (uintptr_t)start;
	out->end = (uintptr_t)stop;
	out->off = off;
	out->ino = ino;
	out->flags = flags;
	return 0;
}

/*
 * Lines are at most a few hundred bytes (paths up to PATH_MAX); a longer
 * one is only possible with a huge path and is skipped in pieces.
 */
#define TEEDEV_MAPS_BUF 8192

int teedev_maps_scan(uintptr_t start, uintptr_t end, teedev_maps_fn fn,
		     void *arg)
{
	char buf[TEEDEV_MAPS_BUF];
	size_t have = 0;
	bool skipping = false;
	int fd, r = 0;

	fd = teedev_sys_openat(AT_FDCWD, "/proc/self/maps",
			       O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = read(fd, buf + have, sizeof(buf) - have);
		size_t pos = 0;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			break;
		}
		if (n == 0)
			break;
		have += (size_t)n;
		for (;;) {
			char *nl = memchr(buf + pos, '\n', have - pos);
			struct teedev_maps_line l;

			if (!nl)
				break;
			if (!skipping &&
			    !teedev_maps_parse_line(buf + pos,
						    (size_t)(nl - (buf + pos)),
						    &l)) {
				if (l.start >= end)
					goto out;
				if (l.end > start) {
					r = fn(&l, arg);
					if (r)
						goto out;
				}
			}
			skipping = false;
			pos = (size_t)(nl - buf) + 1;
		}
		if (pos == 0 && have == sizeof(buf)) {
			/* One huge line: drop what we have of it. */
			skipping = true;
			have = 0;
			continue;
		}
		memmove(buf, buf + pos, have - pos);
		have -= pos;
	}
out:
	teedev_sys_close(fd);
	return r;
}
