/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GP operation parameters <-> uapi params: values, temporary memrefs
 * (registered for the call), whole and partial memrefs, shadow copies,
 * and the size write-back after the call.
 */
#include <string.h>
#include <linux/tee.h>

#include "teec_priv.h"
#include "teedev.h"
#include "util.h"

static uint32_t teec_tmp_dir_flags(uint32_t type)
{
	switch (type) {
	case TEEC_MEMREF_TEMP_INPUT:
		return TEEC_MEM_INPUT;
	case TEEC_MEMREF_TEMP_OUTPUT:
		return TEEC_MEM_OUTPUT;
	default:
		return TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	}
}

static TEEC_Result teec_prep_tmpref(TEEC_Context *ctx, uint32_t type,
				    TEEC_TempMemoryReference *tmp,
				    struct tee_ioctl_param *p,
				    TEEC_SharedMemory *shm)
{
	TEEC_Result res;

	/* GP memref types and uapi MEMREF types share their numbers. */
	p->attr = type;
	if (!tmp->buffer) {
		if (tmp->size)
			return TEEC_ERROR_BAD_PARAMETERS;
		if (ctx->imp.memref_null) {
			p->c = TEE_MEMREF_NULL;
			return TEEC_SUCCESS;
		}
	}
	shm->flags = teec_tmp_dir_flags(type);
	shm->size = tmp->size;
	shm->buffer = tmp->buffer;
	if (tmp->buffer)
		res = TEEC_RegisterSharedMemory(ctx, shm);
	else
		res = TEEC_AllocateSharedMemory(ctx, shm);
	if (res != TEEC_SUCCESS)
		return res;
	if (shm->imp.shadow_buffer && type != TEEC_MEMREF_TEMP_OUTPUT) {
		memcpy(shm->imp.shadow_buffer, tmp->buffer, tmp->size);
		teedev_count_shadow(ctx->imp.fd, tmp->size);
	}
	p->a = 0;
	p->b = tmp->size;
	p->c = (uint64_t)shm->imp.id;
	return TEEC_SUCCESS;
}

static TEEC_Result teec_prep_whole(TEEC_Context *ctx,
				   TEEC_RegisteredMemoryReference *ref,
				   struct tee_ioctl_param *p)
{
	TEEC_SharedMemory *parent = ref->parent;
	uint32_t dir;

	if (!parent)
		return TEEC_ERROR_BAD_PARAMETERS;
	dir = parent->flags & (TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
	if (dir == (TEEC_MEM_INPUT | TEEC_MEM_OUTPUT))
		p->attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
	else if (dir == TEEC_MEM_INPUT)
		p->attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	else if (dir == TEEC_MEM_OUTPUT)
		p->attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	else
		return TEEC_ERROR_BAD_PARAMETERS;
	if (parent->imp.shadow_buffer && (dir & TEEC_MEM_INPUT)) {
		memcpy(parent->imp.shadow_buffer, parent->buffer, parent->size);
		teedev_count_shadow(ctx->imp.fd, parent->size);
	}
	p->a = 0;
	p->b = parent->size;
	p->c = (uint64_t)parent->imp.id;
	return TEEC_SUCCESS;
}

static TEEC_Result teec_prep_partial(TEEC_Context *ctx, uint32_t type,
				     TEEC_RegisteredMemoryReference *ref,
				     struct tee_ioctl_param *p)
{
	TEEC_SharedMemory *parent = ref->parent;
	uint32_t need = 0;
	size_t end;

	if (!parent)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (type != TEEC_MEMREF_PARTIAL_OUTPUT)
		need |= TEEC_MEM_INPUT;
	if (type != TEEC_MEMREF_PARTIAL_INPUT)
		need |= TEEC_MEM_OUTPUT;
	if ((parent->flags & need) != need)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (ADD_OVERFLOW(ref->offset, ref->size, &end) || end > parent->size)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (parent->imp.shadow_buffer && (need & TEEC_MEM_INPUT)) {
		memcpy((uint8_t *)parent->imp.shadow_buffer + ref->offset,
		       (uint8_t *)parent->buffer + ref->offset, ref->size);
		teedev_count_shadow(ctx->imp.fd, ref->size);
	}
	p->attr = type - TEEC_MEMREF_PARTIAL_INPUT +
		  TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	p->a = ref->offset;
	p->b = ref->size;
	p->c = (uint64_t)parent->imp.id;
	return TEEC_SUCCESS;
}

TEEC_Result teec_params_prepare(TEEC_Context *ctx, TEEC_Operation *op,
				struct tee_ioctl_param *params,
				TEEC_SharedMemory *shm)
{
	TEEC_Result res = TEEC_SUCCESS;

	for (int i = 0; i < TEEC_CONFIG_PAYLOAD_REF_COUNT; i++) {
		memset(&shm[i], 0, sizeof(shm[i]));
		shm[i].imp.id = -1;
		shm[i].imp.registered_fd = -1;
		memset(&params[i], 0, sizeof(params[i]));
	}
	if (!op)
		return TEEC_SUCCESS;

	for (int i = 0; i < TEEC_CONFIG_PAYLOAD_REF_COUNT; i++) {
		uint32_t type = TEEC_PARAM_TYPE_GET(op->paramTypes, i);
		TEEC_Parameter *gp = &op->params[i];

		switch (type) {
		case TEEC_NONE:
			break;
		case TEEC_VALUE_INPUT:
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			params[i].attr = type;
			params[i].a = gp->value.a;
			params[i].b = gp->value.b;
			break;
		case TEEC_MEMREF_TEMP_INPUT:
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			res = teec_prep_tmpref(ctx, type, &gp->tmpref,
					       &params[i], &shm[i]);
			break;
		case TEEC_MEMREF_WHOLE:
			res = teec_prep_whole(ctx, &gp->memref, &params[i]);
			break;
		case TEEC_MEMREF_PARTIAL_INPUT:
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			res = teec_prep_partial(ctx, type, &gp->memref,
						&params[i]);
			break;
		default:
			res = TEEC_ERROR_BAD_PARAMETERS;
			break;
		}
		if (res != TEEC_SUCCESS) {
			teec_params_release(shm);
			return res;
		}
	}
	return TEEC_SUCCESS;
}

static void teec_finish_tmpref(int fd, uint32_t type,
			       TEEC_TempMemoryReference *tmp,
			       const struct tee_ioctl_param *p,
			       const TEEC_SharedMemory *shm)
{
	if (type == TEEC_MEMREF_TEMP_INPUT)
		return;
	if (shm->imp.shadow_buffer && tmp->buffer && p->b <= tmp->size) {
		memcpy(tmp->buffer, shm->imp.shadow_buffer, (size_t)p->b);
		teedev_count_shadow(fd, p->b);
	}
	/* Also on SHORT_BUFFER: the TA tells the size it needs. */
	tmp->size = (size_t)p->b;
}

static void teec_finish_whole(int fd, TEEC_RegisteredMemoryReference *ref,
			      const struct tee_ioctl_param *p)
{
	TEEC_SharedMemory *parent = ref->parent;

	if (!(parent->flags & TEEC_MEM_OUTPUT))
		return;
	if (parent->imp.shadow_buffer && p->b <= parent->size) {
		memcpy(parent->buffer, parent->imp.shadow_buffer, (size_t)p->b);
		teedev_count_shadow(fd, p->b);
	}
	ref->size = (size_t)p->b;
}

static void teec_finish_partial(int fd, uint32_t type,
				TEEC_RegisteredMemoryReference *ref,
				const struct tee_ioctl_param *p)
{
	TEEC_SharedMemory *parent = ref->parent;

	if (type == TEEC_MEMREF_PARTIAL_INPUT)
		return;
	if (parent->imp.shadow_buffer && p->b <= ref->size) {
		memcpy((uint8_t *)parent->buffer + ref->offset,
		       (uint8_t *)parent->imp.shadow_buffer + ref->offset,
		       (size_t)p->b);
		teedev_count_shadow(fd, p->b);
	}
	ref->size = (size_t)p->b;
}

void teec_params_finish(TEEC_Context *ctx, TEEC_Operation *op,
			const struct tee_ioctl_param *params,
			TEEC_SharedMemory *shm)
{
	if (!op)
		return;
	for (int i = 0; i < TEEC_CONFIG_PAYLOAD_REF_COUNT; i++) {
		uint32_t type = TEEC_PARAM_TYPE_GET(op->paramTypes, i);
		TEEC_Parameter *gp = &op->params[i];

		switch (type) {
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			gp->value.a = (uint32_t)params[i].a;
			gp->value.b = (uint32_t)params[i].b;
			break;
		case TEEC_MEMREF_TEMP_INPUT:
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			teec_finish_tmpref(ctx->imp.fd, type, &gp->tmpref,
					   &params[i], &shm[i]);
			break;
		case TEEC_MEMREF_WHOLE:
			teec_finish_whole(ctx->imp.fd, &gp->memref, &params[i]);
			break;
		case TEEC_MEMREF_PARTIAL_INPUT:
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			teec_finish_partial(ctx->imp.fd, type, &gp->memref,
					    &params[i]);
			break;
		default:
			break;
		}
	}
}

void teec_params_release(TEEC_SharedMemory *shm)
{
	for (int i = 0; i < TEEC_CONFIG_PAYLOAD_REF_COUNT; i++)
		TEEC_ReleaseSharedMemory(&shm[i]);
}
