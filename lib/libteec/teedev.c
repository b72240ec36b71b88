/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The device layer's front: picks the softee or the Linux backend when a
 * device is opened, then routes each call by the fd or address it names.
 */
#define _GNU_SOURCE
#include "teedev.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "softee_dev.h"
#include "teedev_linux.h"
#include "teedev_pin.h"
#include "teedev_softee.h"
#include "util.h"

/*
 * Parse "/dev/teeN" or "/dev/teeprivN" (N decimal, 0..9999). Returns 0 and
 * sets *index, *priv, or -1 if path names something else.
 */
int teedev_parse_dev_path(const char *path, unsigned int *index, bool *priv)
{
	const char *p;
	unsigned int n = 0;
	int digits = 0;

	if (strncmp(path, "/dev/tee", 8))
		return -1;
	p = path + 8;
	*priv = !strncmp(p, "priv", 4);
	if (*priv)
		p += 4;
	for (; *p >= '0' && *p <= '9' && digits < 5; p++, digits++)
		n = n * 10 + (unsigned int)(*p - '0');
	if (!digits || *p)
		return -1;
	*index = n;
	return 0;
}

static const char *teedev_softee_dir(void)
{
	const char *d = getenv(SOFTEE_ENV_DEV_DIR);

	return (d && *d) ? d : NULL;
}

static int teedev_open_softee(const char *dir, unsigned int index, bool priv)
{
	char sock[PATH_MAX];
	int n;

	n = snprintf(sock, sizeof(sock), "%s/tee%s%u", dir, priv ? "priv" : "",
		     index);
	if (n < 0 || (size_t)n >= sizeof(sock)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return teedev_softee_connect(sock);
}

int teedev_open(unsigned int index, bool priv)
{
	const char *dir = teedev_softee_dir();
	char path[64];

	if (dir)
		return teedev_open_softee(dir, index, priv);
	snprintf(path, sizeof(path), "/dev/tee%s%u", priv ? "priv" : "", index);
	return teedev_linux_open(path);
}

int teedev_open_path(const char *path)
{
	const char *dir = teedev_softee_dir();
	unsigned int index;
	struct stat st;
	bool priv;

	if (!path) {
		errno = EFAULT;
		return -1;
	}
	if (!teedev_parse_dev_path(path, &index, &priv)) {
		if (dir)
			return teedev_open_softee(dir, index, priv);
		return teedev_linux_open(path);
	}
	if (!stat(path, &st) && S_ISSOCK(st.st_mode))
		return teedev_softee_connect(path);
	return teedev_linux_open(path);
}

int teedev_ioctl(int fd, unsigned long request, void *arg)
{
	if (teedev_softee_owns_fd(fd))
		return teedev_softee_ioctl(fd, request, arg);
	return teedev_linux_ioctl(fd, request, arg);
}

void *teedev_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off)
{
	return teedev_softee_mmap(addr, len, prot, flags, fd, off);
}

int teedev_munmap(void *addr, size_t len)
{
	return teedev_softee_munmap(addr, len);
}

int teedev_close(int fd)
{
	return teedev_softee_close(fd);
}

bool teedev_is_softee_fd(int fd)
{
	return teedev_softee_owns_fd(fd);
}

bool teedev_is_softee_map(void *addr, size_t len)
{
	return teedev_softee_owns_map(addr, len);
}

/* The granule of fd's normal world; 0 for the Linux backend. */
static size_t teedev_granule(int fd)
{
	size_t g = 0;

	if (!teedev_softee_owns_fd(fd) || teedev_softee_page_size(fd, &g))
		return 0;
	return g;
}

size_t teedev_pinned_size(int fd, size_t size)
{
	size_t g = teedev_granule(fd);
	uint64_t r;

	if (!g)
		return size;
	if (!round_up_u64(size ? size : 1, g, &r) || r > SIZE_MAX)
		return 0;
	return (size_t)r;
}

void *teedev_alloc_pinned(int fd, size_t size)
{
	size_t g = teedev_granule(fd), rs;
	long ps;
	void *p = NULL;
	int r;

	if (g) {
		rs = teedev_pinned_size(fd, size);
		if (!rs) {
			errno = ENOMEM;
			return NULL;
		}
		return teedev_pin_alloc(rs, g);
	}
	ps = sysconf(_SC_PAGESIZE);
	r = posix_memalign(&p, ps > 0 ? (size_t)ps : 4096, size ? size : 1);
	if (r) {
		errno = r;
		return NULL;
	}
	return p;
}

void teedev_free_pinned(void *p, size_t size)
{
	if (p && teedev_pin_free(p, size))
		free(p);
}

void teedev_count_shadow(int fd, uint64_t bytes)
{
	if (bytes)
		teedev_softee_count_shadow(fd, bytes);
}
