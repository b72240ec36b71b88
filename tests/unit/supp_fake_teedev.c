/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A stand-in for the device layer in supplicant unit tests: SHM_ALLOC
 * hands out memfds with increasing ids, everything else fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/tee.h>

#include "teedev.h"

int supp_fake_next_id = 7;

int teedev_open(unsigned int index, bool priv)
{
	errno = ENOENT;
	return -1;
}

int teedev_open_path(const char *path)
{
	errno = ENOENT;
	return -1;
}

int teedev_ioctl(int fd, unsigned long request, void *arg)
{
	struct tee_ioctl_shm_alloc_data *d = arg;
	int mfd;

	if (request != TEE_IOC_SHM_ALLOC) {
		errno = ENOTTY;
		return -1;
	}
	mfd = memfd_create("supp-test", MFD_CLOEXEC);
	if (mfd < 0)
		return -1;
	if (ftruncate(mfd, (off_t)d->size) < 0) {
		close(mfd);
		return -1;
	}
	d->id = supp_fake_next_id++;
	return mfd;
}

void *teedev_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off)
{
	return mmap(addr, len, prot, flags, fd, off);
}

int teedev_munmap(void *addr, size_t len)
{
	return munmap(addr, len);
}

int teedev_close(int fd)
{
	return close(fd);
}

bool teedev_is_softee_fd(int fd)
{
	return false;
}

bool teedev_is_softee_map(void *addr, size_t len)
{
	return false;
}
