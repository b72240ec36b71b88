/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The GP TEE Client API on top of the device layer: contexts, sessions,
 * invocations and cancellation, behaving as optee_client's libteec.
 */
#define _GNU_SOURCE
#include <tee_client_api.h>
#include <tee_client_api_extensions.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <linux/tee.h>

#include "teec_priv.h"
#include "teedev.h"

#define TEEC_MAX_DEVICES 10

TEEC_Result teec_errno_to_result(int err)
{
	switch (err) {
	case ENOMEM:
		return TEEC_ERROR_OUT_OF_MEMORY;
	case EINVAL:
		return TEEC_ERROR_BAD_PARAMETERS;
	default:
		return TEEC_ERROR_GENERIC;
	}
}

void teec_uuid_to_octets(uint8_t oct[TEE_IOCTL_UUID_LEN], const TEEC_UUID *u)
{
	oct[0] = (uint8_t)(u->timeLow >> 24);
	oct[1] = (uint8_t)(u->timeLow >> 16);
	oct[2] = (uint8_t)(u->timeLow >> 8);
	oct[3] = (uint8_t)u->timeLow;
	oct[4] = (uint8_t)(u->timeMid >> 8);
	oct[5] = (uint8_t)u->timeMid;
	oct[6] = (uint8_t)(u->timeHiAndVersion >> 8);
	oct[7] = (uint8_t)u->timeHiAndVersion;
	memcpy(oct + 8, u->clockSeqAndNode, sizeof(u->clockSeqAndNode));
}

/* SOFTEE_TEEC_LEGACY=1: behave as an optee_client ignoring REG_MEM. */
static bool teec_legacy_mode(void)
{
	const char *v = getenv("SOFTEE_TEEC_LEGACY");

	return v && !strcmp(v, "1");
}

/* Open device index and check it suits name; fd or -1. */
static int teec_open_dev(unsigned int index, const char *name,
			 uint32_t *gen_caps)
{
	struct tee_ioctl_version_data v;
	int fd = teedev_open(index, false);

	if (fd < 0)
		return -1;
	memset(&v, 0, sizeof(v));
	if (teedev_ioctl(fd, TEE_IOC_VERSION, &v))
		goto bad;
	if (!(v.gen_caps & TEE_GEN_CAP_GP))
		goto bad;
	if (name && (strcmp(name, "optee-tz") ||
		     v.impl_id != TEE_IMPL_ID_OPTEE ||
		     !(v.impl_caps & TEE_OPTEE_CAP_TZ)))
		goto bad;
	*gen_caps = v.gen_caps;
	return fd;
bad:
	teedev_close(fd);
	return -1;
}

TEEC_EXPORT TEEC_Result TEEC_InitializeContext(const char *name,
					       TEEC_Context *ctx)
{
	uint32_t gen_caps = 0;

	if (!ctx)
		return TEEC_ERROR_BAD_PARAMETERS;
	for (unsigned int n = 0; n < TEEC_MAX_DEVICES; n++) {
		int fd = teec_open_dev(n, name, &gen_caps);

		if (fd < 0)
			continue;
		memset(ctx, 0, sizeof(*ctx));
		ctx->imp.fd = fd;
		/* An old optee_client that only allocates (compat matrix). */
		ctx->imp.reg_mem = (gen_caps & TEE_GEN_CAP_REG_MEM) &&
				   !teec_legacy_mode();
		ctx->imp.memref_null = gen_caps & TEE_GEN_CAP_MEMREF_NULL;
		return TEEC_SUCCESS;
	}
	return TEEC_ERROR_ITEM_NOT_FOUND;
}

TEEC_EXPORT void TEEC_FinalizeContext(TEEC_Context *ctx)
{
	if (ctx)
		teedev_close(ctx->imp.fd);
}

/* Fill clnt_login/clnt_uuid from the login method and its data. */
static TEEC_Result teec_set_login(struct tee_ioctl_open_session_arg *arg,
				  uint32_t method, const void *data)
{
	gid_t gid;

	arg->clnt_login = method;
	switch (method) {
	case TEEC_LOGIN_PUBLIC:
	case TEEC_LOGIN_USER:
	case TEEC_LOGIN_APPLICATION:
	case TEEC_LOGIN_USER_APPLICATION:
		/* The driver derives the identity itself. */
		return TEEC_SUCCESS;
	case TEEC_LOGIN_GROUP:
	case TEEC_LOGIN_GROUP_APPLICATION:
		/* The gid travels in the first bytes; the driver checks it. */
		if (!data)
			return TEEC_ERROR_BAD_PARAMETERS;
		memcpy(&gid, data, sizeof(gid));
		memcpy(arg->clnt_uuid, &gid, sizeof(gid));
		return TEEC_SUCCESS;
	default:
		return TEEC_ERROR_NOT_SUPPORTED;
	}
}

/*
 * Publish the session an operation runs on; another thread may read it in
 * TEEC_RequestCancellation at any moment, hence the atomics.
 */
static void teec_op_start(TEEC_Operation *op, TEEC_Session *session)
{
	if (!op)
		return;
	__atomic_store_n(&op->imp.session, session, __ATOMIC_RELEASE);
	__atomic_store_n(&op->started, 1, __ATOMIC_RELEASE);
}

/* Open-session arg + 4 params, 8-byte aligned. */
union teec_open_buf {
	uint64_t align;
	uint8_t bytes[sizeof(struct tee_ioctl_open_session_arg) +
		      TEEC_CONFIG_PAYLOAD_REF_COUNT *
		      sizeof(struct tee_ioctl_param)];
};

union teec_invoke_buf {
	uint64_t align;
	uint8_t bytes[sizeof(struct tee_ioctl_invoke_arg) +
		      TEEC_CONFIG_PAYLOAD_REF_COUNT *
		      sizeof(struct tee_ioctl_param)];
};

TEEC_EXPORT TEEC_Result TEEC_OpenSession(TEEC_Context *ctx,
					 TEEC_Session *session,
					 const TEEC_UUID *destination,
					 uint32_t connection_method,
					 const void *connection_data,
					 TEEC_Operation *operation,
					 uint32_t *ret_origin)
{
	union teec_open_buf buf;
	struct tee_ioctl_open_session_arg *arg = (void *)buf.bytes;
	struct tee_ioctl_param *params = (void *)(arg + 1);
	struct tee_ioctl_buf_data bd;
	TEEC_SharedMemory shm[TEEC_CONFIG_PAYLOAD_REF_COUNT];
	uint32_t eorig = TEEC_ORIGIN_API;
	TEEC_Result res;

	if (!ctx || !session || !destination) {
		res = TEEC_ERROR_BAD_PARAMETERS;
		goto out;
	}
	memset(&buf, 0, sizeof(buf));
	arg->num_params = TEEC_CONFIG_PAYLOAD_REF_COUNT;
	teec_uuid_to_octets(arg->uuid, destination);
	res = teec_set_login(arg, connection_method, connection_data);
	if (res != TEEC_SUCCESS)
		goto out;

	res = teec_params_prepare(ctx, operation, params, shm);
	if (res != TEEC_SUCCESS)
		goto out;
	/*
	 * The session is reachable while opening so that another thread's
	 * TEEC_RequestCancellation finds a context (session id 0 until set).
	 */
	session->imp.session_id = 0;
	__atomic_store_n(&session->imp.ctx, ctx, __ATOMIC_RELEASE);
	teec_op_start(operation, session);

	bd.buf_ptr = (uintptr_t)arg;
	bd.buf_len = sizeof(buf);
	if (teedev_ioctl(ctx->imp.fd, TEE_IOC_OPEN_SESSION, &bd)) {
		eorig = TEEC_ORIGIN_COMMS;
		res = teec_errno_to_result(errno);
		session->imp.ctx = NULL;
		goto out_free;
	}
	res = arg->ret;
	eorig = arg->ret_origin;
	if (res == TEEC_SUCCESS)
		__atomic_store_n(&session->imp.session_id, arg->session,
				 __ATOMIC_RELAXED);
	else
		session->imp.ctx = NULL;
	teec_params_finish(ctx, operation, params, shm);
out_free:
	teec_params_release(shm);
out:
	if (ret_origin)
		*ret_origin = eorig;
	return res;
}

TEEC_EXPORT void TEEC_CloseSession(TEEC_Session *session)
{
	struct tee_ioctl_close_session_arg arg;

	if (!session || !session->imp.ctx)
		return;
	arg.session = session->imp.session_id;
	teedev_ioctl(session->imp.ctx->imp.fd, TEE_IOC_CLOSE_SESSION, &arg);
}

TEEC_EXPORT TEEC_Result TEEC_InvokeCommand(TEEC_Session *session,
					   uint32_t cmd_id,
					   TEEC_Operation *operation,
					   uint32_t *ret_origin)
{
	union teec_invoke_buf buf;
	struct tee_ioctl_invoke_arg *arg = (void *)buf.bytes;
	struct tee_ioctl_param *params = (void *)(arg + 1);
	struct tee_ioctl_buf_data bd;
	TEEC_SharedMemory shm[TEEC_CONFIG_PAYLOAD_REF_COUNT];
	uint32_t eorig = TEEC_ORIGIN_API;
	TEEC_Context *ctx;
	TEEC_Result res;

	if (!session || !session->imp.ctx) {
		res = TEEC_ERROR_BAD_PARAMETERS;
		goto out;
	}
	ctx = session->imp.ctx;
	memset(&buf, 0, sizeof(buf));
	arg->num_params = TEEC_CONFIG_PAYLOAD_REF_COUNT;
	arg->session = session->imp.session_id;
	arg->func = cmd_id;

	res = teec_params_prepare(ctx, operation, params, shm);
	if (res != TEEC_SUCCESS)
		goto out;
	teec_op_start(operation, session);

	bd.buf_ptr = (uintptr_t)arg;
	bd.buf_len = sizeof(buf);
	if (teedev_ioctl(ctx->imp.fd, TEE_IOC_INVOKE, &bd)) {
		eorig = TEEC_ORIGIN_COMMS;
		res = teec_errno_to_result(errno);
		goto out_free;
	}
	res = arg->ret;
	eorig = arg->ret_origin;
	teec_params_finish(ctx, operation, params, shm);
out_free:
	teec_params_release(shm);
out:
	if (ret_origin)
		*ret_origin = eorig;
	return res;
}

TEEC_EXPORT void TEEC_RequestCancellation(TEEC_Operation *operation)
{
	struct tee_ioctl_cancel_arg arg;
	TEEC_Session *session;
	TEEC_Context *ctx;

	if (!operation)
		return;
	session = __atomic_load_n(&operation->imp.session, __ATOMIC_ACQUIRE);
	if (!session)
		return;
	ctx = __atomic_load_n(&session->imp.ctx, __ATOMIC_ACQUIRE);
	if (!ctx)
		return;
	/* Session-wide cancel id 0, as optee_client: what real TAs see. */
	arg.cancel_id = 0;
	arg.session = __atomic_load_n(&session->imp.session_id,
				      __ATOMIC_RELAXED);
	teedev_ioctl(ctx->imp.fd, TEE_IOC_CANCEL, &arg);
}
