/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * LD_PRELOAD shim: programs written for the Linux TEE uapi (optee_client's
 * libteec, tee-supplicant) reach softee unchanged, because /dev/teeN and
 * /dev/teeprivN opened while $SOFTEE_DEV_DIR is set go to the device
 * layer's softee backend; everything else passes straight to the kernel.
 */
#undef _FORTIFY_SOURCE
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "softee_dev.h"
#include "teedev.h"
#include "teedev_linux.h"
#include "teedev_sys.h"

#define SHIM_EXPORT __attribute__((visibility("default")))

/* Does this open go to softee? Only TEE device paths, only when asked. */
static bool shim_is_softee_path(const char *path)
{
	const char *dir = getenv(SOFTEE_ENV_DEV_DIR);
	unsigned int index;
	bool priv;

	if (!path || !dir || !*dir)
		return false;
	return teedev_parse_dev_path(path, &index, &priv) == 0;
}

static mode_t shim_mode(int flags, va_list ap)
{
	if (flags & (O_CREAT | O_TMPFILE))
		return (mode_t)va_arg(ap, int);
	return 0;
}

static int shim_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	if (shim_is_softee_path(path))
		return teedev_open_path(path);
	return teedev_sys_openat(dirfd, path, flags, mode);
}

SHIM_EXPORT int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = shim_mode(flags, ap);
	va_end(ap);
	return shim_openat(AT_FDCWD, path, flags, mode);
}

SHIM_EXPORT int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = shim_mode(flags, ap);
	va_end(ap);
	return shim_openat(AT_FDCWD, path, flags | O_LARGEFILE, mode);
}

SHIM_EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = shim_mode(flags, ap);
	va_end(ap);
	return shim_openat(dirfd, path, flags, mode);
}

SHIM_EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = shim_mode(flags, ap);
	va_end(ap);
	return shim_openat(dirfd, path, flags | O_LARGEFILE, mode);
}

/* The _FORTIFY_SOURCE entry points (no mode argument). */
SHIM_EXPORT int __open_2(const char *path, int flags)
{
	return shim_openat(AT_FDCWD, path, flags, 0);
}

SHIM_EXPORT int __open64_2(const char *path, int flags)
{
	return shim_openat(AT_FDCWD, path, flags | O_LARGEFILE, 0);
}

SHIM_EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
	return shim_openat(dirfd, path, flags, 0);
}

SHIM_EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	return shim_openat(dirfd, path, flags | O_LARGEFILE, 0);
}

SHIM_EXPORT int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return teedev_ioctl(fd, request, arg);
}

SHIM_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd,
		       off_t off)
{
	return teedev_mmap(addr, len, prot, flags, fd, off);
}

SHIM_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd,
			 off64_t off)
{
	return teedev_mmap(addr, len, prot, flags, fd, (off_t)off);
}

SHIM_EXPORT int munmap(void *addr, size_t len)
{
	return teedev_munmap(addr, len);
}

SHIM_EXPORT int close(int fd)
{
	return teedev_close(fd);
}

/*
 * A TEE device is never readable or writable as a stream; the socket
 * behind a softee fd is an implementation detail, so hide its events.
 */
SHIM_EXPORT int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	int n = (int)syscall(SYS_poll, fds, nfds, timeout);

	if (n <= 0)
		return n;
	for (nfds_t i = 0; i < nfds; i++) {
		if (fds[i].revents && teedev_is_softee_fd(fds[i].fd)) {
			fds[i].revents = 0;
			n--;
		}
	}
	return n;
}
