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

#endif /* SOFTEE_TEEDEV_H */
