/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TA syscall service "session": TA-to-TA sessions. The calling TA's
 * memref bytes come in its memfd; they are copied into memory the secure
 * world owns (the target maps that, never the caller's file), and output
 * bytes are copied back into the caller's memfd when the call ends.
 */
#define _GNU_SOURCE
#include "ta_sys_session.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "mobj.h"
#include "ta_manager.h"
#include "tee_err.h"
#include "util.h"

/* Validate one parameter of a request. */
static int ta_sys_sess_param_ok(const struct softee_sys_sess_req *r,
				unsigned int i, uint64_t *total)
{
	uint32_t t = (r->param_types >> (4 * i)) & 0xF;
	bool null_ref = r->null_refs & (1U << i);
	const struct softee_sys_sess_param *p = &r->params[i];
	uint64_t end;

	switch (t) {
	case TEE_PARAM_TYPE_NONE:
		return null_ref ? -EINVAL : 0;
	case TEE_PARAM_TYPE_VALUE_INPUT:
	case TEE_PARAM_TYPE_VALUE_OUTPUT:
	case TEE_PARAM_TYPE_VALUE_INOUT:
		if (null_ref || p->a > UINT32_MAX || p->b > UINT32_MAX)
			return -EINVAL;
		return 0;
	case TEE_PARAM_TYPE_MEMREF_INPUT:
	case TEE_PARAM_TYPE_MEMREF_OUTPUT:
	case TEE_PARAM_TYPE_MEMREF_INOUT:
		if (null_ref)
			return 0;	/* size is all the target sees */
		/* The bytes lie at a file offset mmap/pread can take. */
		if (ADD_OVERFLOW(p->a, p->b, &end) || end > (uint64_t)INT64_MAX)
			return -EINVAL;
		if (ADD_OVERFLOW(*total, p->b, total) ||
		    *total > SOFTEE_SYS_SESS_MAX_MEMREF_BYTES)
			return -ENOMEM;
		return 0;
	default:
		return -EINVAL;
	}
}

int ta_sys_sess_decode(const struct ta_sys_req *req,
		       struct softee_sys_sess_req *out)
{
	uint32_t fn = req->nr & 0xFF;
	uint64_t total = 0;
	bool want_fd = false;
	int rc;

	if (SOFTEE_SYS_CLASS(req->nr) != SOFTEE_SYS_CLASS_SESSION ||
	    (fn != SOFTEE_SYS_SESS_OPEN && fn != SOFTEE_SYS_SESS_INVOKE &&
	     fn != SOFTEE_SYS_SESS_CLOSE) ||
	    req->in_len != sizeof(*out) || !req->in)
		return -EINVAL;
	memcpy(out, req->in, sizeof(*out));
	if (out->reserved || out->param_types >> 16 || out->null_refs >> 4)
		return -EINVAL;
	if (fn == SOFTEE_SYS_SESS_CLOSE)
		return out->param_types || out->null_refs || req->in_fd >= 0 ?
		       -EINVAL : 0;
	for (unsigned int i = 0; i < 4; i++) {
		rc = ta_sys_sess_param_ok(out, i, &total);
		if (rc)
			return rc;
		want_fd |= ta_sys_sess_has_bytes(out, i);
	}
	/* The fd comes exactly when there are bytes to carry. */
	if (want_fd != (req->in_fd >= 0))
		return -EINVAL;
	return 0;
}

/* The secure-owned copy of the caller's memrefs for one call. */
struct ta_sys_sess_mem {
	struct ft_region *r;
	uint64_t first_frame[4];
	struct mobj *mobjs[4];
};

static int ta_sys_sess_pio(int fd, void *buf, uint64_t len, uint64_t off,
			   bool to_file)
{
	uint8_t *p = buf;

	while (len) {
		size_t chunk = len > (1U << 30) ? (1U << 30) : (size_t)len;
		ssize_t n = to_file ? pwrite(fd, p, chunk, (off_t)off) :
				      pread(fd, p, chunk, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= (uint64_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* Copy the caller's memref bytes into a region of our own, one per call. */
static int ta_sys_sess_mem_in(const struct softee_sys_sess_req *q, int fd,
			      struct ta_sys_sess_mem *m)
{
	uint64_t frames = 0;
	struct stat st;
	int rc;

	for (unsigned int i = 0; i < 4; i++) {
		if (!ta_sys_sess_has_bytes(q, i))
			continue;
		m->first_frame[i] = frames;
		/* Sizes are bounded by the decoder: no overflow here. */
		frames += (q->params[i].b + SOFTEE_FRAME_SIZE - 1) /
			  SOFTEE_FRAME_SIZE;
	}
	if (!frames)
		return 0;
	/* A regular file: pread never blocks on a pipe or socket's peer. */
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		return -EINVAL;
	rc = mobj_secmem_region_new(frames, &m->r);
	if (rc)
		return rc;
	for (unsigned int i = 0; i < 4; i++) {
		uint32_t t = (q->param_types >> (4 * i)) & 0xF;

		if (!ta_sys_sess_has_bytes(q, i))
			continue;
		if (t != TEE_PARAM_TYPE_MEMREF_OUTPUT) {
			rc = ta_sys_sess_pio(fd, m->r->map + m->first_frame[i] *
					     SOFTEE_FRAME_SIZE, q->params[i].b,
					     q->params[i].a, false);
			if (rc)
				return rc == -EIO ? -EINVAL : rc;
		}
		rc = mobj_secmem_get(m->r, m->first_frame[i], q->params[i].b,
				     &m->mobjs[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void ta_sys_sess_mem_free(struct ta_sys_sess_mem *m)
{
	for (unsigned int i = 0; i < 4; i++)
		mobj_put(m->mobjs[i]);
	if (m->r)
		ft_put(m->r);
}

/*
 * Fill the reply from the target's result: output values, memref sizes,
 * and output bytes written back into the caller's fd. -errno if that
 * write fails.
 */
static int ta_sys_sess_out(const struct softee_sys_sess_req *q, int fd,
			   const struct ta_sys_sess_mem *m,
			   const struct tm_result *res,
			   struct softee_sys_sess_rep *rep)
{
	for (unsigned int i = 0; i < 4 && res->have_out; i++) {
		uint32_t t = (q->param_types >> (4 * i)) & 0xF;
		uint64_t size = res->ta.params[i].size;
		int rc;

		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT ||
		    t == TEE_PARAM_TYPE_VALUE_INOUT) {
			rep->params[i].a = res->ta.params[i].a;
			rep->params[i].b = res->ta.params[i].b;
			continue;
		}
		if (t != TEE_PARAM_TYPE_MEMREF_OUTPUT &&
		    t != TEE_PARAM_TYPE_MEMREF_INOUT)
			continue;
		rep->params[i].b = size;
		/* A size above the buffer's is only a SHORT_BUFFER hint. */
		if (!ta_sys_sess_has_bytes(q, i) || !size ||
		    size > q->params[i].b)
			continue;
		rc = ta_sys_sess_pio(fd, m->r->map + m->first_frame[i] *
				     SOFTEE_FRAME_SIZE, size, q->params[i].a,
				     true);
		if (rc)
			return rc;
	}
	return 0;
}

static void ta_sys_sess_err(struct tm_result *res, uint32_t ret)
{
	memset(res, 0, sizeof(*res));
	res->ret = ret;
	res->origin = TEE_ORIGIN_TEE;
}

static void ta_sys_sess_call(const struct ta_sys_ctx *ctx, uint32_t fn,
			     const struct softee_sys_sess_req *q, int fd,
			     struct ta_sys_rep *rep)
{
	struct msg_param params[TM_TA_PARAMS];
	struct ta_sys_sess_mem mem;
	struct softee_sys_sess_rep out;
	struct tm_result res;
	uint32_t session = 0;
	int rc;

	memset(&mem, 0, sizeof(mem));
	memset(&out, 0, sizeof(out));
	memset(params, 0, sizeof(params));
	rc = ta_sys_sess_mem_in(q, fd, &mem);
	if (rc) {
		DMSG_LOG("TA-to-TA memrefs refused: %d", rc);
		ta_sys_sess_err(&res, rc == -ENOMEM ? TEE_ERROR_OUT_OF_MEMORY :
					TEE_ERROR_BAD_PARAMETERS);
		goto reply;
	}
	for (unsigned int i = 0; i < TM_TA_PARAMS; i++) {
		params[i].gp_type = (q->param_types >> (4 * i)) & 0xF;
		if (params[i].gp_type >= TEE_PARAM_TYPE_MEMREF_INPUT) {
			params[i].size = q->params[i].b;
		} else {
			params[i].a = q->params[i].a;
			params[i].b = q->params[i].b;
		}
	}
	if (fn == SOFTEE_SYS_SESS_OPEN)
		tm_ta_open_session(ctx, q->uuid, q->cancel_timeout, params,
				   mem.mobjs, &session, &res);
	else
		tm_ta_invoke(ctx, q->session, q->cmd, q->cancel_timeout, params,
			     mem.mobjs, &res);
	rc = ta_sys_sess_out(q, fd, &mem, &res, &out);
	if (rc) {
		/* The caller cannot see the outcome: undo a new session. */
		EMSG("cannot return TA-to-TA memref output: %d", rc);
		if (fn == SOFTEE_SYS_SESS_OPEN && res.ret == TEE_SUCCESS)
			(void)tm_ta_close_session(ctx, session);
		ta_sys_sess_err(&res, TEE_ERROR_COMMUNICATION);
		res.origin = TEE_ORIGIN_COMMS;
		memset(&out, 0, sizeof(out));
	} else if (fn == SOFTEE_SYS_SESS_OPEN && res.ret == TEE_SUCCESS) {
		out.session = session;
	}
reply:
	ta_sys_sess_mem_free(&mem);
	out.ret_origin = res.origin;
	rep->ret = res.ret;
	memcpy(rep->out, &out, sizeof(out));
	rep->out_len = sizeof(out);
}

void ta_sys_session(const struct ta_sys_ctx *ctx, const struct ta_sys_req *req,
		    struct ta_sys_rep *rep)
{
	struct softee_sys_sess_req q;
	uint32_t fn = req->nr & 0xFF;
	int rc = ta_sys_sess_decode(req, &q);

	if (rc) {
		struct softee_sys_sess_rep out = { .ret_origin = TEE_ORIGIN_TEE };

		EMSG("TA sent a malformed session request 0x%x: %d", req->nr, rc);
		rep->ret = rc == -ENOMEM ? TEE_ERROR_OUT_OF_MEMORY :
					   TEE_ERROR_BAD_PARAMETERS;
		if (fn == SOFTEE_SYS_SESS_OPEN || fn == SOFTEE_SYS_SESS_INVOKE) {
			memcpy(rep->out, &out, sizeof(out));
			rep->out_len = sizeof(out);
		}
		return;
	}
	if (fn == SOFTEE_SYS_SESS_CLOSE) {
		rep->ret = tm_ta_close_session(ctx, q.session) ?
			   TEE_ERROR_ITEM_NOT_FOUND : TEE_SUCCESS;
		return;
	}
	ta_sys_sess_call(ctx, fn, &q, req->in_fd, rep);
}
