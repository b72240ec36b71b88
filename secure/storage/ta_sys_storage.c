/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TA syscall service "storage" (softee_ta_sys_storage.h): decodes the
 * requests of a hostile TA host, runs them on its own TA's storage and
 * encodes the replies. Large data comes and goes in memfds.
 */
#define _GNU_SOURCE
#include "ta_syscall.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "storage.h"
#include "tee_err.h"
#include "util.h"

/* The request's fixed header, or -EINVAL. */
static int sys_hdr(const struct ta_sys_req *req, void *hdr, size_t len)
{
	if (req->in_len < len)
		return -EINVAL;
	memcpy(hdr, req->in, len);
	return 0;
}

/* Read len bytes of data from the request's fd (a memfd of the TA's). */
static int sys_fd_data(const struct ta_sys_req *req, uint64_t len,
		       uint8_t **out)
{
	struct stat st;
	uint8_t *b;
	size_t done = 0;

	*out = NULL;
	if (req->in_fd < 0 || len > STOR_DATA_MAX)
		return -EINVAL;
	/* Regular files (memfds) only: a pipe could block us forever. */
	if (fstat(req->in_fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < len)
		return -EINVAL;
	b = malloc(len ? (size_t)len : 1);
	if (!b)
		return -ENOMEM;
	while (done < len) {
		ssize_t n = pread(req->in_fd, b + done, (size_t)len - done,
				  (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(b);
			return -EINVAL;
		}
		done += (size_t)n;
	}
	*out = b;
	return 0;
}

static void sys_open(const struct stor_caller *c, const struct ta_sys_req *req,
		     struct ta_sys_rep *rep, int *rc)
{
	struct softee_stor_open q;
	struct softee_stor_opened r = { 0 };
	uint8_t *attrs = NULL;

	*rc = sys_hdr(req, &q, sizeof(q));
	if (*rc)
		return;
	if (q.id_len > SOFTEE_STOR_ID_MAX ||
	    req->in_len != sizeof(q) + q.id_len) {
		*rc = -EINVAL;
		return;
	}
	if (q.storage_id != STOR_ID_PRIVATE &&
	    q.storage_id != STOR_ID_PRIVATE_REE) {
		*rc = -ENOENT;
		return;
	}
	*rc = stor_open(c, q.flags, req->in + sizeof(q), q.id_len, &r.handle,
			&r.info, &attrs, &r.attrs_len);
	if (*rc)
		return;
	if (sizeof(r) + r.attrs_len > SOFTEE_TA_SYSCALL_MAX_DATA) {
		/* Cannot happen (SOFTEE_STOR_ATTRS_MAX), but never overrun. */
		stor_close(c, r.handle);
		free(attrs);
		*rc = -ENOMEM;
		return;
	}
	memcpy(rep->out, &r, sizeof(r));
	if (r.attrs_len)
		memcpy(rep->out + sizeof(r), attrs, r.attrs_len);
	rep->out_len = sizeof(r) + r.attrs_len;
	if (attrs)
		stor_key_wipe(attrs, r.attrs_len);
	free(attrs);
}

static void sys_create(const struct stor_caller *c,
		       const struct ta_sys_req *req, struct ta_sys_rep *rep,
		       int *rc)
{
	struct softee_stor_create q;
	struct softee_stor_handle r = { 0 };
	const uint8_t *id, *attrs, *data;
	uint8_t *fd_data = NULL;
	size_t fixed;

	*rc = sys_hdr(req, &q, sizeof(q));
	if (*rc)
		return;
	if (q.id_len > SOFTEE_STOR_ID_MAX ||
	    q.attrs_len > SOFTEE_STOR_ATTRS_MAX || q.data_inline > 1 ||
	    q.want_handle > 1) {
		*rc = -EINVAL;
		return;
	}
	fixed = sizeof(q) + q.id_len + q.attrs_len;
	if (q.data_inline ? (q.info.data_size > req->in_len ||
			     req->in_len != fixed + q.info.data_size) :
			    req->in_len != fixed) {
		*rc = -EINVAL;
		return;
	}
	if (q.storage_id != STOR_ID_PRIVATE &&
	    q.storage_id != STOR_ID_PRIVATE_REE) {
		*rc = -ENOENT;
		return;
	}
	if (q.info.data_size > STOR_DATA_MAX) {
		*rc = -ENOSPC;
		return;
	}
	id = req->in + sizeof(q);
	attrs = id + q.id_len;
	data = attrs + q.attrs_len;
	if (!q.data_inline && q.info.data_size) {
		*rc = sys_fd_data(req, q.info.data_size, &fd_data);
		if (*rc)
			return;
		data = fd_data;
	}
	*rc = stor_create(c, q.flags, id, q.id_len, &q.info, attrs,
			  q.attrs_len, data, q.want_handle, &r.handle);
	free(fd_data);
	if (*rc)
		return;
	memcpy(rep->out, &r, sizeof(r));
	rep->out_len = sizeof(r);
}

static void sys_read(const struct stor_caller *c, const struct ta_sys_req *req,
		     struct ta_sys_rep *rep, int *rc)
{
	struct softee_stor_rw q;
	struct softee_stor_read_ret r = { 0 };
	uint8_t *buf = NULL;
	uint64_t got = 0;

	*rc = sys_hdr(req, &q, sizeof(q));
	if (*rc)
		return;
	if (req->in_len != sizeof(q)) {
		*rc = -EINVAL;
		return;
	}
	*rc = stor_read(c, q.handle, q.offset, MIN(q.len, STOR_DATA_MAX), &buf,
			&got);
	if (*rc)
		return;
	r.len = got;
	if (got <= SOFTEE_STOR_INLINE_MAX) {
		r.data_inline = 1;
		if (got)
			memcpy(rep->out + sizeof(r), buf, (size_t)got);
		rep->out_len = sizeof(r) + (size_t)got;
	} else {
		int fd = softee_memfd("softee-stor-read", got);

		if (fd < 0 || write_full(fd, buf, (size_t)got)) {
			if (fd >= 0)
				close(fd);
			*rc = -ENOMEM;
			goto out;
		}
		rep->out_fd = fd;
		rep->out_len = sizeof(r);
	}
	memcpy(rep->out, &r, sizeof(r));
out:
	if (buf)
		stor_key_wipe(buf, (size_t)got);
	free(buf);
}

static void sys_write(const struct stor_caller *c,
		      const struct ta_sys_req *req, int *rc)
{
	struct softee_stor_rw q;
	const uint8_t *data;
	uint8_t *fd_data = NULL;

	*rc = sys_hdr(req, &q, sizeof(q));
	if (*rc)
		return;
	if (q.data_inline > 1 ||
	    (q.data_inline ? (q.len > req->in_len ||
			      req->in_len != sizeof(q) + q.len) :
			     req->in_len != sizeof(q))) {
		*rc = -EINVAL;
		return;
	}
	data = req->in + sizeof(q);
	if (!q.data_inline && q.len) {
		if (q.len > STOR_DATA_MAX) {
			uint64_t end;

			/* Say what GP expects for positions past the limit. */
			*rc = ADD_OVERFLOW(q.offset, q.len, &end) ||
			      end > SOFTEE_STOR_MAX_POS ? -EOVERFLOW : -ENOSPC;
			return;
		}
		*rc = sys_fd_data(req, q.len, &fd_data);
		if (*rc)
			return;
		data = fd_data;
	}
	*rc = stor_write(c, q.handle, q.offset, data, q.len);
	if (fd_data)
		stor_key_wipe(fd_data, (size_t)q.len);
	free(fd_data);
}

static void sys_enum(const struct stor_caller *c, const struct ta_sys_req *req,
		     struct ta_sys_rep *rep, int *rc)
{
	struct softee_stor_enum q;
	struct softee_stor_enum_ret r = { 0 };
	struct stor_dirent *ents = NULL;
	uint32_t n = 0;
	size_t off = sizeof(r);

	*rc = sys_hdr(req, &q, sizeof(q));
	if (*rc)
		return;
	if (req->in_len != sizeof(q)) {
		*rc = -EINVAL;
		return;
	}
	if (q.storage_id != STOR_ID_PRIVATE &&
	    q.storage_id != STOR_ID_PRIVATE_REE) {
		*rc = -ENOENT;
		return;
	}
	*rc = stor_enum(c, q.start, &ents, &n, &r.total);
	if (*rc)
		return;
	/* As many as fit; the TA asks again from where this page ends. */
	for (uint32_t i = 0; i < n; i++) {
		struct softee_stor_enum_ent e = { .info = ents[i].info,
						  .id_len = ents[i].id_len };
		size_t need = sizeof(e) + SOFTEE_STOR_PAD8(e.id_len);

		if (off + need > SOFTEE_TA_SYSCALL_MAX_DATA)
			break;
		memcpy(rep->out + off, &e, sizeof(e));
		memset(rep->out + off + sizeof(e), 0, SOFTEE_STOR_PAD8(e.id_len));
		memcpy(rep->out + off + sizeof(e), ents[i].id, e.id_len);
		off += need;
		r.count++;
	}
	free(ents);
	memcpy(rep->out, &r, sizeof(r));
	rep->out_len = off;
}

/* Requests that carry only a handle (and maybe one more u64 or an id). */
static void sys_handle_op(const struct stor_caller *c, uint32_t fn,
			  const struct ta_sys_req *req, struct ta_sys_rep *rep,
			  int *rc)
{
	struct softee_stor_handle q;
	struct softee_stor_obj_info info;

	*rc = sys_hdr(req, &q, sizeof(q));
	if (*rc)
		return;
	if (req->in_len != sizeof(q)) {
		*rc = -EINVAL;
		return;
	}
	switch (fn) {
	case SOFTEE_STOR_CLOSE:
		*rc = stor_close(c, q.handle);
		break;
	case SOFTEE_STOR_CLOSE_DELETE:
		*rc = stor_close_delete(c, q.handle);
		break;
	default:
		*rc = stor_info(c, q.handle, &info);
		if (!*rc) {
			memcpy(rep->out, &info, sizeof(info));
			rep->out_len = sizeof(info);
		}
		break;
	}
}

void ta_sys_storage(const struct ta_sys_ctx *ctx, const struct ta_sys_req *req,
		    struct ta_sys_rep *rep)
{
	struct stor_caller c = { .thread = ctx->thread, .vm_id = ctx->vm_id,
				 .inst = ctx->inst };
	uint32_t fn = req->nr & 0xFF;
	int rc = -EINVAL;

	memcpy(c.uuid, ctx->ta_uuid, 16);
	rep->out_len = 0;
	if (!stor_key_ready()) {
		rep->ret = STOR_TEE_ERROR_STORAGE_NOT_AVAILABLE;
		return;
	}
	switch (fn) {
	case SOFTEE_STOR_OPEN:
		sys_open(&c, req, rep, &rc);
		break;
	case SOFTEE_STOR_CREATE:
		sys_create(&c, req, rep, &rc);
		break;
	case SOFTEE_STOR_READ:
		sys_read(&c, req, rep, &rc);
		break;
	case SOFTEE_STOR_WRITE:
		sys_write(&c, req, &rc);
		break;
	case SOFTEE_STOR_TRUNCATE: {
		struct softee_stor_trunc q;

		rc = sys_hdr(req, &q, sizeof(q));
		if (!rc)
			rc = req->in_len != sizeof(q) ? -EINVAL :
			     stor_truncate(&c, q.handle, q.size);
		break;
	}
	case SOFTEE_STOR_RENAME: {
		struct softee_stor_rename q;

		rc = sys_hdr(req, &q, sizeof(q));
		if (!rc)
			rc = q.id_len > SOFTEE_STOR_ID_MAX ||
			     req->in_len != sizeof(q) + q.id_len ? -EINVAL :
			     stor_rename(&c, q.handle, req->in + sizeof(q),
					 q.id_len);
		break;
	}
	case SOFTEE_STOR_SET_USAGE: {
		struct softee_stor_usage q;

		rc = sys_hdr(req, &q, sizeof(q));
		if (!rc)
			rc = req->in_len != sizeof(q) ? -EINVAL :
			     stor_set_usage(&c, q.handle, q.usage);
		break;
	}
	case SOFTEE_STOR_CLOSE:
	case SOFTEE_STOR_CLOSE_DELETE:
	case SOFTEE_STOR_INFO:
		sys_handle_op(&c, fn, req, rep, &rc);
		break;
	case SOFTEE_STOR_ENUM:
		sys_enum(&c, req, rep, &rc);
		break;
	default:
		rep->ret = TEE_ERROR_NOT_SUPPORTED;
		return;
	}
	if (rc) {
		rep->out_len = 0;
		if (rep->out_fd >= 0) {
			close(rep->out_fd);
			rep->out_fd = -1;
		}
	}
	rep->ret = stor_tee_result(rc);
}
