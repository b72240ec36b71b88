/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Linux backend: a real TEE device node, reached with raw system calls
 * (mmap, munmap and close of its fds go straight to the kernel too).
 */
#include "teedev_linux.h"

#include <fcntl.h>

#include "teedev_sys.h"

int teedev_linux_open(const char *path)
{
	return teedev_sys_openat(AT_FDCWD, path, O_RDWR | O_CLOEXEC, 0);
}

int teedev_linux_ioctl(int fd, unsigned long request, void *arg)
{
	return teedev_sys_ioctl(fd, request, arg);
}
