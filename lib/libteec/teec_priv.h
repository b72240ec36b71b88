/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals shared by libteec's source files (not installed). */
#ifndef SOFTEE_TEEC_PRIV_H
#define SOFTEE_TEEC_PRIV_H

#include <stdint.h>
#include <tee_client_api.h>
#include <linux/tee.h>

/* Only the TEEC_* API leaves libteec.so. */
#define TEEC_EXPORT __attribute__((visibility("default")))

/* TEEC_SharedMemory.imp.flags: what ReleaseSharedMemory must free. */
#define TEEC_SHM_FLAG_BUFFER_ALLOCED		(1U << 0)
#define TEEC_SHM_FLAG_SHADOW_BUFFER_ALLOCED	(1U << 1)

/* errno of a failed ioctl -> result with origin COMMS. */
TEEC_Result teec_errno_to_result(int err);

/* TEEC_UUID -> the 16 big-endian octets of the uapi. */
void teec_uuid_to_octets(uint8_t oct[TEE_IOCTL_UUID_LEN], const TEEC_UUID *u);

/*
 * Turn operation's parameters into uapi params, registering temporary
 * memrefs in shm[] and filling shadow buffers. On failure everything
 * taken is already released. operation may be NULL (no params).
 */
TEEC_Result teec_params_prepare(TEEC_Context *ctx, TEEC_Operation *operation,
				struct tee_ioctl_param *params,
				TEEC_SharedMemory *shm);
/* Write results back: values, sizes, shadow buffers. */
void teec_params_finish(TEEC_Context *ctx, TEEC_Operation *operation,
			const struct tee_ioctl_param *params,
			TEEC_SharedMemory *shm);
/* Release the temporary shm[] of teec_params_prepare. */
void teec_params_release(TEEC_SharedMemory *shm);

#endif /* SOFTEE_TEEC_PRIV_H */
