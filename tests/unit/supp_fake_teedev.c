/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A stand-in for the device layer in supplicant unit tests: SHM_ALLOC
 * hands out memfds with increasing ids, VERSION reports REG_MEM when
 * supp_fake_reg_mem is set, SHM_REGISTER records the last range;
 * everything else fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/tee.h>

#include "teedev.h"

int supp_fake_next_id = 7;
bool supp_fake_reg_mem;
uint64_t supp_fake_reg_addr, supp_fake_reg_len;
int supp_fake_pinned_live;

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

	if (request == TEE_IOC_VERSION) {
		struct tee_ioctl_version_data *v = arg;

		v->gen_caps = TEE_GEN_CAP_GP | TEE_GEN_CAP_PRIVILEGED |
			      (supp_fake_reg_mem ? TEE_GEN_CAP_REG_MEM : 0);
		return 0;
	}
	if (request == TEE_IOC_SHM_REGISTER) {
		struct tee_ioctl_shm_register_data *r = arg;

		if (!supp_fake_reg_mem) {
			errno = EINVAL;
			return -1;
		}
		supp_fake_reg_addr = r->addr;
		supp_fake_reg_len = r->length;
		r->id = supp_fake_next_id++;
		return open("/dev/null", O_RDONLY | O_CLOEXEC);
	}
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

void *teedev_alloc_pinned(int fd, size_t size)
{
	void *p = mmap(NULL, teedev_pinned_size(fd, size),
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	supp_fake_pinned_live++;
	return p;
}

void teedev_free_pinned(void *p, size_t size)
{
	munmap(p, size);
	supp_fake_pinned_live--;
}

size_t teedev_pinned_size(int fd, size_t size)
{
	return (size + 4095) & ~(size_t)4095;
}

void teedev_count_shadow(int fd, uint64_t bytes)
{
}
