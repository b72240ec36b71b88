/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The device layer: the only code that knows how a TEE device is reached.
 * libteec, the supplicant and the uapi shim use it instead of open/ioctl/
 * mmap/close on /dev/teeN. Two backends, chosen when a device is opened:
 *   - softee: if $SOFTEE_DEV_DIR is set, "teeN"/"teeprivN" are the
 *     SOCK_SEQPACKET sockets in that directory (softee_dev.h protocol);
 *   - linux: otherwise the real /dev/teeN and /dev/teeprivN.
 * Every function has POSIX semantics (-1 and errno on failure) so the shim
 * can forward libc calls one to one.
 */
#ifndef SOFTEE_TEEDEV_H
#define SOFTEE_TEEDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Open teeN (priv = false) or teeprivN (priv = true). Returns an fd. */
int teedev_open(unsigned int index, bool priv);

/*
 * Open by path: "/dev/teeN", "/dev/teeprivN" (softee backend when
 * $SOFTEE_DEV_DIR is set), or a path to a softee socket. Returns an fd,
 * or -1 with errno (ENOENT for a device that does not exist).
 */
int teedev_open_path(const char *path);

/*
 * ioctl with the Linux TEE uapi request numbers and argument structs.
 * Returns what the kernel would: 0, or a new fd for SHM_ALLOC and
 * SHM_REGISTER, or -1 with errno. Thread-safe: several threads may have
 * requests in flight on one fd (INVOKE blocked while another CANCELs).
 */
int teedev_ioctl(int fd, unsigned long request, void *arg);

/* mmap of an shm fd returned by SHM_ALLOC (registered shm: EINVAL). */
void *teedev_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
int teedev_munmap(void *addr, size_t len);

/* Close a device fd or an shm fd (the shm dies with its last fd and map). */
int teedev_close(int fd);

/* True if fd is a device or shm fd owned by the softee backend. */
bool teedev_is_softee_fd(int fd);
/* True if [addr, addr+len) overlaps a mapping owned by the softee backend. */
bool teedev_is_softee_map(void *addr, size_t len);

/*
 * Memory the TEE behind device fd can share without any copy: with the
 * softee backend a page-aligned memfd mapping of teedev_pinned_size(fd,
 * size) bytes that later registers zero copy; with the Linux backend
 * page-aligned heap memory (as optee_client). NULL with errno on failure.
 * Free with teedev_free_pinned (same size).
 */
void *teedev_alloc_pinned(int fd, size_t size);
void teedev_free_pinned(void *p, size_t size);
/*
 * Bytes teedev_alloc_pinned(fd, size) really provides: size rounded up to
 * the normal-world page size, so that registering all of it needs no
 * bounce frame. 0 on overflow.
 */
size_t teedev_pinned_size(int fd, size_t size);

/* libteec copied bytes through a shadow buffer (SOFTEE_DEV_OP_STATS). */
void teedev_count_shadow(int fd, uint64_t bytes);

#endif /* SOFTEE_TEEDEV_H */
