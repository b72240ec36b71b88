/* SPDX-License-Identifier: BSD-2-Clause */
/* The softee backend of the device layer (internal to teedev*.c). */
#ifndef SOFTEE_TEEDEV_SOFTEE_H
#define SOFTEE_TEEDEV_SOFTEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Connect to the driver socket at sock_path; returns a device fd or -1. */
int teedev_softee_connect(const char *sock_path);

bool teedev_softee_owns_fd(int fd);
bool teedev_softee_owns_map(void *addr, size_t len);

/* ioctl on a device fd (ENOTTY for an shm fd, EBADF for an unknown fd). */
int teedev_softee_ioctl(int fd, unsigned long request, void *arg);

/* These fall through to the raw system call for fds/ranges not ours. */
void *teedev_softee_mmap(void *addr, size_t len, int prot, int flags, int fd,
			 off_t off);
int teedev_softee_munmap(void *addr, size_t len);
int teedev_softee_close(int fd);

/* The driver's page size G for device fd (asked once). 0 or -errno. */
int teedev_softee_page_size(int fd, size_t *page_size);
/* libteec copied bytes through a shadow buffer on device fd. */
void teedev_softee_count_shadow(int fd, uint64_t bytes);

#endif /* SOFTEE_TEEDEV_SOFTEE_H */
