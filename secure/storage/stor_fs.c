/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Files of the normal world's REE FS, reached with RPC FS (ABI.md 4.3)
 * through one bounce buffer of RPC-allocated shared memory. The normal
 * world may answer anything: sizes and handles coming back are checked,
 * and data is copied out of the shared buffer before it is used.
 */
#include "storage.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mobj.h"
#include "optee_rpc_cmd.h"
#include "rpc.h"
#include "util.h"

/* Largest bounce buffer; smaller ones are tried if the pool is short. */
#define STOR_FS_BUF_MAX		(256U * 1024U)
#define STOR_FS_BUF_MIN		4096U
/* Names go at the start of the buffer, a second one (RENAME) here. */
#define STOR_FS_NAME2		2048U
#define STOR_FS_NAME_MAX	1024U

/* Result codes the normal world uses in FS replies. */
#define FS_TEE_SUCCESS			0x00000000U
#define FS_TEE_ERROR_ITEM_NOT_FOUND	0xFFFF0008U
#define FS_TEE_ERROR_ACCESS_CONFLICT	0xFFFF0003U
#define FS_TEE_ERROR_SHORT_BUFFER	0xFFFF0010U
#define FS_TEE_ERROR_STORAGE_NO_SPACE	0xFFFF3041U

void stor_fs_init(struct stor_fs *fs, struct sw_thread *t)
{
	memset(fs, 0, sizeof(*fs));
	fs->t = t;
}

void stor_fs_fini(struct stor_fs *fs)
{
	if (fs->m) {
		mobj_put(fs->m);
		rpc_shm_free(fs->t, OPTEE_RPC_SHM_TYPE_APPL, fs->cookie);
		fs->m = NULL;
	}
}

static int stor_fs_buf(struct stor_fs *fs)
{
	uint64_t size;

	if (!fs->t)
		return -ECONNRESET;
	if (fs->m)
		return 0;
	for (size = STOR_FS_BUF_MAX; size >= STOR_FS_BUF_MIN; size /= 4) {
		if (!rpc_shm_alloc(fs->t, OPTEE_RPC_SHM_TYPE_APPL, size, &fs->m,
				   &fs->cookie)) {
			fs->cap = size;
			return 0;
		}
		fs->m = NULL;
	}
	return -EIO;
}

/* Copy len bytes into the bounce buffer at off (mirror of mobj_read). */
static int stor_fs_put(struct stor_fs *fs, uint64_t off, const void *buf,
		       size_t len)
{
	const struct mobj *m = fs->m;
	const uint8_t *b = buf;
	uint64_t end, pos;

	if (ADD_OVERFLOW(off, (uint64_t)len, &end) || end > m->size)
		return -EINVAL;
	pos = m->offset + off;
	for (size_t i = 0; i < m->n_runs && len; i++) {
		const struct ft_run *r = &m->runs[i];
		uint64_t rlen = r->nframes * SOFTEE_FRAME_SIZE;
		uint64_t chunk;

		if (pos >= rlen) {
			pos -= rlen;
			continue;
		}
		chunk = MIN((uint64_t)len, rlen - pos);
		memcpy(r->r->map + r->first_frame * SOFTEE_FRAME_SIZE + pos, b,
		       chunk);
		b += chunk;
		len -= chunk;
		pos = 0;
	}
	return len ? -EINVAL : 0;
}

/* A memref param for [off, off + size) of the bounce buffer. */
static void stor_fs_memref(struct stor_fs *fs, struct optee_msg_param *p,
			   bool out, uint64_t off, uint64_t size)
{
	memset(p, 0, sizeof(*p));
	if (fs->m->noncontig) {
		p->attr = out ? OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT :
				OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
		p->u.rmem.offs = off;
		p->u.rmem.size = size;
		p->u.rmem.shm_ref = fs->cookie;
		return;
	}
	p->attr = out ? OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT :
			OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	p->u.tmem.buf_ptr = fs->m->pa + off;
	p->u.tmem.size = size;
	p->u.tmem.shm_ref = fs->cookie;
}

static void stor_fs_value(struct optee_msg_param *p, uint32_t attr,
			  uint64_t a, uint64_t b, uint64_t c)
{
	memset(p, 0, sizeof(*p));
	p->attr = attr;
	p->u.value.a = a;
	p->u.value.b = b;
	p->u.value.c = c;
}

static int stor_fs_call(struct stor_fs *fs, struct optee_msg_param *p,
			uint32_t n)
{
	uint32_t res;
	int rc = rpc_cmd(fs->t, OPTEE_RPC_CMD_FS, p, n, &res);

	if (rc)
		return rc == -ENOMEM ? -ENOMEM : -ECONNRESET;
	switch (res) {
	case FS_TEE_SUCCESS:
		return 0;
	case FS_TEE_ERROR_ITEM_NOT_FOUND:
		return -ENOENT;
	case FS_TEE_ERROR_ACCESS_CONFLICT:
		return -EEXIST;
	case FS_TEE_ERROR_SHORT_BUFFER:
		return -ENOBUFS;
	case FS_TEE_ERROR_STORAGE_NO_SPACE:
		return -ENOSPC;
	default:
		return -EIO;
	}
}

static int stor_fs_put_name(struct stor_fs *fs, uint64_t off,
			    const char *name, struct optee_msg_param *p)
{
	size_t len = strlen(name) + 1;
	int rc;

	if (len > STOR_FS_NAME_MAX)
		return -EINVAL;
	rc = stor_fs_put(fs, off, name, len);
	if (!rc)
		stor_fs_memref(fs, p, false, off, len);
	return rc;
}

/* OPEN or CREATE: the normal world's file handle in *fd. */
static int stor_fs_open(struct stor_fs *fs, uint32_t op, const char *path,
			uint64_t *fd)
{
	struct optee_msg_param p[3];
	int rc = stor_fs_buf(fs);

	if (rc)
		return rc;
	stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, op, 0, 0);
	rc = stor_fs_put_name(fs, 0, path, &p[1]);
	if (rc)
		return rc;
	stor_fs_value(&p[2], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	rc = stor_fs_call(fs, p, 3);
	if (!rc)
		*fd = p[2].u.value.a;
	return rc;
}

static void stor_fs_close(struct stor_fs *fs, uint64_t fd)
{
	struct optee_msg_param p[1];

	stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		      OPTEE_RPC_FS_CLOSE, fd, 0);
	if (stor_fs_call(fs, p, 1))
		DMSG_LOG("storage: FS CLOSE of %llu failed",
			 (unsigned long long)fd);
}

/* One READ of at most len bytes at off into dst; *got = bytes read. */
static int stor_fs_read_at(struct stor_fs *fs, uint64_t fd, uint64_t off,
			   uint8_t *dst, size_t len, size_t *got)
{
	struct optee_msg_param p[2];
	uint64_t n;
	int rc;

	stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		      OPTEE_RPC_FS_READ, fd, off);
	stor_fs_memref(fs, &p[1], true, 0, len);
	rc = stor_fs_call(fs, p, 2);
	if (rc)
		return rc;
	n = fs->m->noncontig ? p[1].u.rmem.size : p[1].u.tmem.size;
	if (n > len)
		return -EIO;
	rc = mobj_read(fs->m, 0, dst, (size_t)n);
	if (rc)
		return -EIO;
	*got = (size_t)n;
	return 0;
}

int stor_fs_read_file(struct stor_fs *fs, const char *path, size_t max,
		      uint8_t **buf, size_t *len)
{
	uint8_t *b = NULL;
	size_t have = 0, cap = 0;
	uint64_t fd;
	int rc;

	*buf = NULL;
	*len = 0;
	rc = stor_fs_open(fs, OPTEE_RPC_FS_OPEN, path, &fd);
	if (rc)
		return rc;
	for (;;) {
		size_t chunk = (size_t)fs->cap, got = 0;

		if (have + chunk > cap) {
			size_t nc = cap ? cap * 2 : chunk;
			uint8_t *nb;

			while (nc < have + chunk)
				nc *= 2;
			/* One chunk past max tells a too-long file apart. */
			if (nc > max + chunk)
				nc = max + chunk;
			nb = realloc(b, nc);
			if (!nb) {
				rc = -ENOMEM;
				break;
			}
			b = nb;
			cap = nc;
		}
		rc = stor_fs_read_at(fs, fd, have, b + have, chunk, &got);
		if (rc)
			break;
		have += got;
		if (have > max) {
			rc = -ENOSPC;
			break;
		}
		if (got < chunk)
			break;
	}
	stor_fs_close(fs, fd);
	if (rc) {
		free(b);
		return rc;
	}
	*buf = b;
	*len = have;
	return 0;
}

int stor_fs_write_file(struct stor_fs *fs, const char *path,
		       const uint8_t *buf, size_t len)
{
	struct optee_msg_param p[2];
	size_t off = 0;
	uint64_t fd;
	int rc;

	rc = stor_fs_open(fs, OPTEE_RPC_FS_CREATE, path, &fd);
	if (rc)
		return rc;
	while (off < len) {
		size_t chunk = MIN(len - off, (size_t)fs->cap);

		rc = stor_fs_put(fs, 0, buf + off, chunk);
		if (rc)
			break;
		stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
			      OPTEE_RPC_FS_WRITE, fd, off);
		stor_fs_memref(fs, &p[1], false, 0, chunk);
		rc = stor_fs_call(fs, p, 2);
		if (rc)
			break;
		off += chunk;
	}
	/* CLOSE makes the data durable (the supplicant syncs written files). */
	if (!rc) {
		stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
			      OPTEE_RPC_FS_CLOSE, fd, 0);
		rc = stor_fs_call(fs, p, 1);
	} else {
		stor_fs_close(fs, fd);
	}
	return rc;
}

int stor_fs_rename(struct stor_fs *fs, const char *from, const char *to,
		   bool overwrite)
{
	struct optee_msg_param p[3];
	int rc = stor_fs_buf(fs);

	if (rc)
		return rc;
	if (fs->cap < STOR_FS_NAME2 + STOR_FS_NAME_MAX)
		return -EIO;
	stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		      OPTEE_RPC_FS_RENAME, overwrite ? 1 : 0, 0);
	rc = stor_fs_put_name(fs, 0, from, &p[1]);
	if (!rc)
		rc = stor_fs_put_name(fs, STOR_FS_NAME2, to, &p[2]);
	if (rc)
		return rc;
	return stor_fs_call(fs, p, 3);
}

int stor_fs_remove(struct stor_fs *fs, const char *path)
{
	struct optee_msg_param p[2];
	int rc = stor_fs_buf(fs);

	if (rc)
		return rc;
	stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		      OPTEE_RPC_FS_REMOVE, 0, 0);
	rc = stor_fs_put_name(fs, 0, path, &p[1]);
	if (rc)
		return rc;
	return stor_fs_call(fs, p, 2);
}

int stor_fs_list(struct stor_fs *fs, const char *dir,
		 int (*fn)(void *ctx, const char *name), void *ctx)
{
	struct optee_msg_param p[3];
	char name[STOR_FS_NAME_MAX];
	uint64_t h;
	int rc = stor_fs_buf(fs);

	if (rc)
		return rc;
	stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		      OPTEE_RPC_FS_OPENDIR, 0, 0);
	rc = stor_fs_put_name(fs, 0, dir, &p[1]);
	if (rc)
		return rc;
	stor_fs_value(&p[2], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	rc = stor_fs_call(fs, p, 3);
	if (rc)
		return rc == -ENOENT ? 0 : rc;	/* absent or empty */
	h = p[2].u.value.a;
	for (;;) {
		uint64_t n;

		stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
			      OPTEE_RPC_FS_READDIR, h, 0);
		stor_fs_memref(fs, &p[1], true, 0, sizeof(name));
		rc = stor_fs_call(fs, p, 2);
		if (rc == -ENOENT) {
			rc = 0;
			break;
		}
		if (rc)
			break;
		n = fs->m->noncontig ? p[1].u.rmem.size : p[1].u.tmem.size;
		/* size = strlen + 1, NUL-terminated, nothing longer. */
		if (n < 2 || n > sizeof(name) || mobj_read(fs->m, 0, name, n) ||
		    name[n - 1] != '\0' || strlen(name) != n - 1) {
			rc = -EIO;
			break;
		}
		rc = fn(ctx, name);
		if (rc)
			break;
	}
	stor_fs_value(&p[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		      OPTEE_RPC_FS_CLOSEDIR, h, 0);
	if (stor_fs_call(fs, p, 1))
		DMSG_LOG("storage: FS CLOSEDIR failed");
	return rc;
}
