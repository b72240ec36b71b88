/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GP shared memory: allocation, registration (direct when the TEE can
 * register user memory, else through a shadow buffer) and release.
 */
#define _GNU_SOURCE
#include <tee_client_api.h>
#include <tee_client_api_extensions.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/tee.h>

#include "teec_priv.h"
#include "teedev.h"

static bool teec_shm_flags_ok(uint32_t flags)
{
	return flags && !(flags & ~(uint32_t)(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT));
}

/* SHM_ALLOC; returns the shm fd or -1 (errno). */
static int teec_shm_alloc_fd(int dev, size_t size, int *id)
{
	struct tee_ioctl_shm_alloc_data d = { .size = size };
	int fd = teedev_ioctl(dev, TEE_IOC_SHM_ALLOC, &d);

	if (fd >= 0)
		*id = d.id;
	return fd;
}

/* SHM_REGISTER of [buf, buf+size); returns the shm fd or -1 (errno). */
static int teec_shm_register_fd(int dev, void *buf, size_t size, int *id)
{
	struct tee_ioctl_shm_register_data d = {
		.addr = (uintptr_t)buf, .length = size,
	};
	int fd = teedev_ioctl(dev, TEE_IOC_SHM_REGISTER, &d);

	if (fd >= 0)
		*id = d.id;
	return fd;
}

/* SHM_ALLOC + mmap: memory the TEE can always reach. NULL on failure. */
static void *teec_shm_alloc_mapped(int dev, size_t size, int *id)
{
	void *p;
	int fd = teec_shm_alloc_fd(dev, size, id);

	if (fd < 0)
		return NULL;
	p = teedev_mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	/* The mapping keeps the shm alive; the fd is not needed any more. */
	teedev_close(fd);
	return p == MAP_FAILED ? NULL : p;
}

/*
 * Page-aligned memory registered with the TEE; NULL on failure. It comes
 * from teedev_alloc_pinned (softee: memfd-backed, so the registration
 * copies nothing; Linux: posix_memalign as optee_client >= 3.13), and all
 * of it is registered so that no page of it is a bounce frame.
 */
static void *teec_shm_alloc_registered(int dev, size_t size, int *id,
				       int *reg_fd)
{
	size_t rs = teedev_pinned_size(dev, size);
	void *p;

	if (!rs)
		return NULL;
	p = teedev_alloc_pinned(dev, size);
	if (!p)
		return NULL;
	*reg_fd = teec_shm_register_fd(dev, p, rs, id);
	if (*reg_fd < 0) {
		teedev_free_pinned(p, rs);
		return NULL;
	}
	return p;
}

TEEC_EXPORT TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *ctx,
						  TEEC_SharedMemory *shm)
{
	size_t s;
	int id = -1, reg_fd = -1;
	void *p;

	if (!ctx || !shm || !teec_shm_flags_ok(shm->flags))
		return TEEC_ERROR_BAD_PARAMETERS;
	/* Zero-sized shared memory still needs a valid buffer. */
	s = shm->size ? shm->size : 8;
	if (ctx->imp.reg_mem)
		p = teec_shm_alloc_registered(ctx->imp.fd, s, &id, &reg_fd);
	else
		p = teec_shm_alloc_mapped(ctx->imp.fd, s, &id);
	if (!p)
		return TEEC_ERROR_OUT_OF_MEMORY;
	shm->buffer = p;
	shm->imp.id = id;
	shm->imp.alloced_size = s;
	shm->imp.shadow_buffer = NULL;
	shm->imp.registered_fd = reg_fd;
	shm->imp.flags = TEEC_SHM_FLAG_BUFFER_ALLOCED;
	return TEEC_SUCCESS;
}

TEEC_EXPORT TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *ctx,
						  TEEC_SharedMemory *shm)
{
	void *shadow = NULL;
	uint32_t flags = 0;
	int id = -1, reg_fd = -1;
	size_t s;

	if (!ctx || !shm || !shm->buffer || !teec_shm_flags_ok(shm->flags))
		return TEEC_ERROR_BAD_PARAMETERS;
	s = shm->size ? shm->size : 8;
	if (ctx->imp.reg_mem) {
		reg_fd = teec_shm_register_fd(ctx->imp.fd, shm->buffer, s, &id);
		if (reg_fd < 0) {
			/* e.g. read-only memory: share a copy instead */
			shadow = teec_shm_alloc_registered(ctx->imp.fd, s, &id,
							   &reg_fd);
			if (!shadow)
				return TEEC_ERROR_OUT_OF_MEMORY;
			flags = TEEC_SHM_FLAG_SHADOW_BUFFER_ALLOCED;
		}
	} else {
		shadow = teec_shm_alloc_mapped(ctx->imp.fd, s, &id);
		if (!shadow)
			return TEEC_ERROR_OUT_OF_MEMORY;
	}
	shm->imp.id = id;
	shm->imp.alloced_size = s;
	shm->imp.shadow_buffer = shadow;
	shm->imp.registered_fd = reg_fd;
	shm->imp.flags = flags;
	return TEEC_SUCCESS;
}

TEEC_EXPORT TEEC_Result
TEEC_RegisterSharedMemoryFileDescriptor(TEEC_Context *ctx,
					TEEC_SharedMemory *shm, int fd)
{
	struct tee_ioctl_shm_register_fd_data d;
	int rfd;

	if (!ctx || !shm || fd < 0 || !teec_shm_flags_ok(shm->flags))
		return TEEC_ERROR_BAD_PARAMETERS;
	memset(&d, 0, sizeof(d));
	d.fd = fd;
	rfd = teedev_ioctl(ctx->imp.fd, TEE_IOC_SHM_REGISTER_FD, &d);
	if (rfd < 0)
		return errno == ENOTTY ? TEEC_ERROR_NOT_SUPPORTED :
					 teec_errno_to_result(errno);
	shm->buffer = NULL;
	shm->size = (size_t)d.size;
	shm->imp.id = d.id;
	shm->imp.alloced_size = (size_t)d.size;
	shm->imp.shadow_buffer = NULL;
	shm->imp.registered_fd = rfd;
	shm->imp.flags = 0;
	return TEEC_SUCCESS;
}

TEEC_EXPORT void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *shm)
{
	if (!shm || shm->imp.id == -1)
		return;
	if (shm->imp.shadow_buffer) {
		if (shm->imp.registered_fd >= 0) {
			if (shm->imp.flags & TEEC_SHM_FLAG_SHADOW_BUFFER_ALLOCED)
				teedev_free_pinned(shm->imp.shadow_buffer,
						   shm->imp.alloced_size);
			teedev_close(shm->imp.registered_fd);
		} else {
			teedev_munmap(shm->imp.shadow_buffer,
				      shm->imp.alloced_size);
		}
	} else if (shm->buffer) {
		if (shm->imp.registered_fd >= 0) {
			if (shm->imp.flags & TEEC_SHM_FLAG_BUFFER_ALLOCED)
				teedev_free_pinned(shm->buffer,
						   shm->imp.alloced_size);
			teedev_close(shm->imp.registered_fd);
		} else {
			teedev_munmap(shm->buffer, shm->imp.alloced_size);
		}
		if (shm->imp.flags & TEEC_SHM_FLAG_BUFFER_ALLOCED)
			shm->buffer = NULL;
	} else if (shm->imp.registered_fd >= 0) {
		teedev_close(shm->imp.registered_fd);
	}
	shm->imp.id = -1;
	shm->imp.shadow_buffer = NULL;
	shm->imp.registered_fd = -1;
	shm->imp.flags = 0;
}
