// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP TA-to-TA sessions over the SESSION syscall class
 * (softee_ta_sys_session.h). The TA's memref bytes travel in a memfd of
 * its own: inputs are copied in before the call, outputs copied back
 * after; the target never maps this TA's memory.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <tee_internal_api.h>

#include "softee_ta_sys_session.h"
#include "utee_runtime.h"

#define UTEE_TASESS_MAGIC	0x54415353U	/* "TASS" */

struct __TEE_TASessionHandle {
	uint32_t magic;
	uint32_t id;		/* the secure world's session handle */
	struct __TEE_TASessionHandle *next;
};

/* Live handles: a handle is only used after it is found here. */
static struct __TEE_TASessionHandle *utee_tasess_list;

static struct __TEE_TASessionHandle *utee_tasess_check(TEE_TASessionHandle h)
{
	for (struct __TEE_TASessionHandle *s = utee_tasess_list; s; s = s->next)
		if (s == h && s->magic == UTEE_TASESS_MAGIC)
			return s;
	TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

static void utee_tasess_unlink(struct __TEE_TASessionHandle *h)
{
	for (struct __TEE_TASessionHandle **pp = &utee_tasess_list; *pp;
	     pp = &(*pp)->next) {
		if (*pp == h) {
			*pp = h->next;
			break;
		}
	}
	h->magic = 0;
	free(h);
}

/* The memfd carrying this call's memref bytes (fd -1: none needed). */
struct utee_tamem {
	int fd;
	uint8_t *map;
	size_t len;
	uint64_t off[TEE_NUM_PARAMS];
};

static bool utee_is_memref(uint32_t t)
{
	return t == TEE_PARAM_TYPE_MEMREF_INPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

/*
 * Check the params (GP: panic on bad types or inaccessible buffers),
 * fill the request's types/params/null_refs and lay out the memfd.
 */
static void utee_tasess_params(uint32_t types, const TEE_Param *params,
			       struct softee_sys_sess_req *q,
			       struct utee_tamem *m, size_t *total)
{
	*total = 0;
	if (types >> 16 || (types && !params))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	q->param_types = types;
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(types, i), acc = 0;

		switch (t) {
		case TEE_PARAM_TYPE_NONE:
			continue;
		case TEE_PARAM_TYPE_VALUE_INPUT:
		case TEE_PARAM_TYPE_VALUE_OUTPUT:
		case TEE_PARAM_TYPE_VALUE_INOUT:
			q->params[i].a = params[i].value.a;
			q->params[i].b = params[i].value.b;
			continue;
		case TEE_PARAM_TYPE_MEMREF_INPUT:
			acc = TEE_MEMORY_ACCESS_READ;
			break;
		case TEE_PARAM_TYPE_MEMREF_OUTPUT:
			acc = TEE_MEMORY_ACCESS_WRITE;
			break;
		case TEE_PARAM_TYPE_MEMREF_INOUT:
			acc = TEE_MEMORY_ACCESS_READ | TEE_MEMORY_ACCESS_WRITE;
			break;
		default:
			TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
		}
		q->params[i].b = params[i].memref.size;
		if (!params[i].memref.buffer) {
			q->null_refs |= 1U << i;
			continue;
		}
		if (TEE_CheckMemoryAccessRights(acc | TEE_MEMORY_ACCESS_ANY_OWNER,
						params[i].memref.buffer,
						params[i].memref.size))
			TEE_Panic(TEE_ERROR_ACCESS_DENIED);
		m->off[i] = *total;
		q->params[i].a = *total;
		if (__builtin_add_overflow(*total, params[i].memref.size, total))
			*total = SIZE_MAX;
	}
}

/* Create and fill the memfd: 0 or a TEE_Result. */
static TEE_Result utee_tamem_in(uint32_t types, const TEE_Param *params,
				size_t total, struct utee_tamem *m)
{
	if (!total)
		return TEE_SUCCESS;
	if (total > SOFTEE_SYS_SESS_MAX_MEMREF_BYTES)
		return TEE_ERROR_OUT_OF_MEMORY;
	m->fd = memfd_create("softee-ta2ta-in", MFD_CLOEXEC);
	if (m->fd < 0)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (ftruncate(m->fd, (off_t)total))
		return TEE_ERROR_OUT_OF_MEMORY;
	m->map = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED, m->fd, 0);
	if (m->map == MAP_FAILED) {
		m->map = NULL;
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	m->len = total;
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(types, i);

		if ((t == TEE_PARAM_TYPE_MEMREF_INPUT ||
		     t == TEE_PARAM_TYPE_MEMREF_INOUT) &&
		    params[i].memref.buffer && params[i].memref.size)
			memcpy(m->map + m->off[i], params[i].memref.buffer,
			       params[i].memref.size);
	}
	return TEE_SUCCESS;
}

static void utee_tamem_free(struct utee_tamem *m)
{
	if (m->map)
		munmap(m->map, m->len);
	if (m->fd >= 0)
		close(m->fd);
}

/* GP: outputs come back when the target TA itself answered. */
static void utee_tasess_out(uint32_t types, TEE_Param *params,
			    const struct softee_sys_sess_rep *rep,
			    const struct utee_tamem *m)
{
	for (unsigned int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(types, i);
		uint64_t size = rep->params[i].b;

		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT ||
		    t == TEE_PARAM_TYPE_VALUE_INOUT) {
			params[i].value.a = (uint32_t)rep->params[i].a;
			params[i].value.b = (uint32_t)rep->params[i].b;
			continue;
		}
		if (t != TEE_PARAM_TYPE_MEMREF_OUTPUT &&
		    t != TEE_PARAM_TYPE_MEMREF_INOUT)
			continue;
		/* The secure world copied size bytes back only if they fit. */
		if (params[i].memref.buffer && size &&
		    size <= params[i].memref.size)
			memcpy(params[i].memref.buffer, m->map + m->off[i], size);
		params[i].memref.size = size > SIZE_MAX ? SIZE_MAX : (size_t)size;
	}
}

/* One OPEN or INVOKE: request q (uuid/session/cmd set by the caller). */
static TEE_Result utee_tasess_call(uint32_t fn, struct softee_sys_sess_req *q,
				   uint32_t timeout, uint32_t types,
				   TEE_Param *params, uint32_t *session,
				   uint32_t *origin)
{
	struct utee_tamem m = { .fd = -1 };
	struct softee_sys_sess_rep rep;
	TEE_Result res;
	size_t total, len;

	*origin = TEE_ORIGIN_TEE;
	q->cancel_timeout = timeout;
	utee_tasess_params(types, params, q, &m, &total);
	res = utee_tamem_in(types, params, total, &m);
	if (res) {
		utee_tamem_free(&m);
		return res;
	}
	memset(&rep, 0, sizeof(rep));
	res = utee_syscall(SOFTEE_SYS_SESS(fn), q, sizeof(*q), m.fd, &rep,
			   sizeof(rep), &len, NULL);
	if (len != sizeof(rep)) {
		/* Only a broken secure world answers without the origin. */
		utee_tamem_free(&m);
		*origin = TEE_ORIGIN_COMMS;
		return res ? res : TEE_ERROR_COMMUNICATION;
	}
	*origin = rep.ret_origin;
	if (rep.ret_origin == TEE_ORIGIN_TRUSTED_APP)
		utee_tasess_out(types, params, &rep, &m);
	if (session)
		*session = rep.session;
	utee_tamem_free(&m);
	return res;
}

TEE_Result TEE_OpenTASession(const TEE_UUID *destination,
			     uint32_t cancellationRequestTimeout,
			     uint32_t paramTypes,
			     TEE_Param params[TEE_NUM_PARAMS],
			     TEE_TASessionHandle *session,
			     uint32_t *returnOrigin)
{
	struct softee_sys_sess_req q;
	struct __TEE_TASessionHandle *h;
	uint32_t origin, id = 0;
	TEE_Result res;

	if (!destination || !session)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	*session = TEE_HANDLE_NULL;
	h = calloc(1, sizeof(*h));
	if (!h) {
		if (returnOrigin)
			*returnOrigin = TEE_ORIGIN_TEE;
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	memset(&q, 0, sizeof(q));
	utee_uuid_to_octets(q.uuid, destination);
	res = utee_tasess_call(SOFTEE_SYS_SESS_OPEN, &q,
			       cancellationRequestTimeout, paramTypes, params,
			       &id, &origin);
	if (returnOrigin)
		*returnOrigin = origin;
	if (res != TEE_SUCCESS) {
		free(h);
		return res;
	}
	h->magic = UTEE_TASESS_MAGIC;
	h->id = id;
	h->next = utee_tasess_list;
	utee_tasess_list = h;
	*session = h;
	return TEE_SUCCESS;
}

TEE_Result TEE_InvokeTACommand(TEE_TASessionHandle session,
			       uint32_t cancellationRequestTimeout,
			       uint32_t commandID, uint32_t paramTypes,
			       TEE_Param params[TEE_NUM_PARAMS],
			       uint32_t *returnOrigin)
{
	struct __TEE_TASessionHandle *h = utee_tasess_check(session);
	struct softee_sys_sess_req q;
	uint32_t origin;
	TEE_Result res;

	memset(&q, 0, sizeof(q));
	q.session = h->id;
	q.cmd = commandID;
	res = utee_tasess_call(SOFTEE_SYS_SESS_INVOKE, &q,
			       cancellationRequestTimeout, paramTypes, params,
			       NULL, &origin);
	if (returnOrigin)
		*returnOrigin = origin;
	return res;
}

void TEE_CloseTASession(TEE_TASessionHandle session)
{
	struct softee_sys_sess_req q;
	struct __TEE_TASessionHandle *h;

	if (session == TEE_HANDLE_NULL)
		return;
	h = utee_tasess_check(session);
	memset(&q, 0, sizeof(q));
	q.session = h->id;
	utee_tasess_unlink(h);
	/* Only a handle the secure world never gave us is refused. */
	if (utee_syscall(SOFTEE_SYS_SESS(SOFTEE_SYS_SESS_CLOSE), &q, sizeof(q),
			 -1, NULL, 0, NULL, NULL))
		TEE_Panic(TEE_ERROR_BAD_STATE);
}

/* GP 1.1 forms: the same with 32-bit memref sizes. */
static void utee_gp11_to_params(uint32_t types, const __GP11_TEE_Param *in,
				TEE_Param *out)
{
	memset(out, 0, TEE_NUM_PARAMS * sizeof(*out));
	for (unsigned int i = 0; in && i < TEE_NUM_PARAMS; i++) {
		if (utee_is_memref(TEE_PARAM_TYPE_GET(types, i))) {
			out[i].memref.buffer = in[i].memref.buffer;
			out[i].memref.size = in[i].memref.size;
		} else {
			out[i].value.a = in[i].value.a;
			out[i].value.b = in[i].value.b;
		}
	}
}

static void utee_params_to_gp11(uint32_t types, const TEE_Param *in,
				__GP11_TEE_Param *out)
{
	for (unsigned int i = 0; out && i < TEE_NUM_PARAMS; i++) {
		if (utee_is_memref(TEE_PARAM_TYPE_GET(types, i))) {
			/* A SHORT_BUFFER hint past 4 GiB saturates. */
			out[i].memref.size = in[i].memref.size > UINT32_MAX ?
					     UINT32_MAX :
					     (uint32_t)in[i].memref.size;
		} else {
			out[i].value.a = in[i].value.a;
			out[i].value.b = in[i].value.b;
		}
	}
}

TEE_Result __GP11_TEE_OpenTASession(const TEE_UUID *destination,
				    uint32_t cancellationRequestTimeout,
				    uint32_t paramTypes,
				    __GP11_TEE_Param params[TEE_NUM_PARAMS],
				    TEE_TASessionHandle *session,
				    uint32_t *returnOrigin)
{
	TEE_Param p[TEE_NUM_PARAMS];
	TEE_Result res;

	utee_gp11_to_params(paramTypes, params, p);
	res = TEE_OpenTASession(destination, cancellationRequestTimeout,
				paramTypes, params ? p : NULL, session,
				returnOrigin);
	utee_params_to_gp11(paramTypes, p, params);
	return res;
}

TEE_Result __GP11_TEE_InvokeTACommand(TEE_TASessionHandle session,
				      uint32_t cancellationRequestTimeout,
				      uint32_t commandID, uint32_t paramTypes,
				      __GP11_TEE_Param params[TEE_NUM_PARAMS],
				      uint32_t *returnOrigin)
{
	TEE_Param p[TEE_NUM_PARAMS];
	TEE_Result res;

	utee_gp11_to_params(paramTypes, params, p);
	res = TEE_InvokeTACommand(session, cancellationRequestTimeout,
				  commandID, paramTypes, params ? p : NULL,
				  returnOrigin);
	utee_params_to_gp11(paramTypes, p, params);
	return res;
}
