// SPDX-License-Identifier: BSD-2-Clause
/*
 * Access rights on the TA's own memory, from the mappings the kernel
 * reports for this process right now (/proc/self/maps): what is not
 * mapped, or mapped without the right asked for, is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include "utee_mem.h"

static int utee_maps_fd = -1;

int utee_mem_prepare(void)
{
	if (utee_maps_fd < 0)
		utee_maps_fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	return utee_maps_fd >= 0 ? utee_maps_fd : -errno;
}

/* Read all of fd from offset 0 into buf (cap bytes): length or -errno. */
static ssize_t utee_maps_pread(int fd, char *buf, size_t cap)
{
	size_t len = 0;

	while (len < cap) {
		ssize_t n = pread(fd, buf + len, cap - len, (off_t)len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			break;
		len += (size_t)n;
	}
	return (ssize_t)len;
}

/*
 * The maps text, NUL-terminated and malloc'd, or NULL. A buffer that
 * turns out too small is grown and the whole text read again: growing
 * may map memory, and a text read across that change would not hold.
 */
static char *utee_maps_text(void)
{
	int fd = utee_maps_fd >= 0 ? utee_maps_fd :
		 open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	size_t cap = 64 * 1024;
	char *buf = NULL;
	ssize_t n;

	if (fd < 0)
		return NULL;
	for (;;) {
		char *nb = realloc(buf, cap);

		if (!nb)
			break;
		buf = nb;
		n = utee_maps_pread(fd, buf, cap - 1);
		if (n < 0)
			break;
		if ((size_t)n < cap - 1) {
			buf[n] = '\0';
			if (fd != utee_maps_fd)
				close(fd);
			return buf;
		}
		if (cap > (64U << 20))
			break;
		cap *= 2;
	}
	free(buf);
	if (fd != utee_maps_fd)
		close(fd);
	return NULL;
}

TEE_Result utee_mem_own(uint32_t flags, uintptr_t start, uintptr_t end)
{
	TEE_Result res = TEE_ERROR_ACCESS_DENIED;
	char *text, *line, *next;
	uintptr_t a = start;

	/* OP-TEE extension: the TA's own memory is never non-secure. */
	if (flags & TEE_MEMORY_ACCESS_NONSECURE)
		return TEE_ERROR_ACCESS_DENIED;
	text = utee_maps_text();
	if (!text)
		return TEE_ERROR_ACCESS_DENIED;
	/* Lines come sorted by address; the range must be covered without gaps. */
	for (line = text; line && *line && a < end; line = next) {
		unsigned long long s, e;
		char perms[5];

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (sscanf(line, "%llx-%llx %4s", &s, &e, perms) != 3 || s >= e)
			continue;
		if (e <= a)
			continue;
		if (s > a)
			break;		/* a hole: unmapped */
		if ((perms[0] != 'r' && perms[1] != 'w') ||
		    ((flags & TEE_MEMORY_ACCESS_READ) && perms[0] != 'r') ||
		    ((flags & TEE_MEMORY_ACCESS_WRITE) && perms[1] != 'w'))
			break;
		a = e >= end ? end : (uintptr_t)e;
	}
	if (a >= end)
		res = TEE_SUCCESS;
	free(text);
	return res;
}
