/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw system calls for the device layer: they bypass libc's symbols so
 * that the LD_PRELOAD shim, which overrides those symbols, never recurses.
 */
#ifndef SOFTEE_TEEDEV_SYS_H
#define SOFTEE_TEEDEV_SYS_H

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

static inline int teedev_sys_openat(int dirfd, const char *path, int flags,
				    mode_t mode)
{
	return (int)syscall(SYS_openat, dirfd, path, flags, mode);
}

static inline int teedev_sys_close(int fd)
{
	return (int)syscall(SYS_close, fd);
}

static inline int teedev_sys_ioctl(int fd, unsigned long req, void *arg)
{
	return (int)syscall(SYS_ioctl, fd, req, arg);
}

static inline void *teedev_sys_mmap(void *addr, size_t len, int prot,
				    int flags, int fd, off_t off)
{
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

static inline int teedev_sys_munmap(void *addr, size_t len)
{
	return (int)syscall(SYS_munmap, addr, len);
}

static inline int teedev_sys_dup_cloexec(int fd)
{
	return (int)syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 0);
}

#endif /* SOFTEE_TEEDEV_SYS_H */
