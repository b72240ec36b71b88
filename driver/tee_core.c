// SPDX-License-Identifier: BSD-2-Clause
/* The TEE core: contexts, the ioctl dispatcher and the validation of every uapi argument. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <openssl/evp.h>

#include "log.h"
#include "softee_dev.h"
#include "tee_drv.h"
#include "util.h"
#include "wire.h"

#define WIRE_MAX_FDS_DRV	WIRE_MAX_FDS

struct tee_stats tee_stats;

static atomic_ullong tee_ctx_serial;

struct tee_context *tee_ctx_open(struct tee_device *teedev, uid_t uid,
				 gid_t gid, pid_t pid, int *err)
{
	struct tee_context *ctx = calloc(1, sizeof(*ctx));
	int rc;

	if (!ctx) {
		*err = -ENOMEM;
		return NULL;
	}
	ctx->teedev = teedev;
	atomic_init(&ctx->refcount, 1);
	atomic_init(&ctx->dead, false);
	ctx->uid = uid;
	ctx->gid = gid;
	ctx->pid = pid;
	ctx->serial = atomic_fetch_add(&tee_ctx_serial, 1) + 1;
	rc = teedev->desc->ops->open(ctx);
	if (rc) {
		free(ctx);
		*err = rc;
		return NULL;
	}
	atomic_fetch_add(&tee_stats.contexts, 1);
	tee_ctx_list_add(ctx);
	return ctx;
}

void tee_ctx_get(struct tee_context *ctx)
{
	atomic_fetch_add(&ctx->refcount, 1);
}

void tee_ctx_put(struct tee_context *ctx)
{
	if (!ctx || atomic_fetch_sub(&ctx->refcount, 1) != 1)
		return;
	/* Last reference: no call runs and no shm remains for ctx. */
	tee_ctx_list_del(ctx);
	ctx->teedev->desc->ops->release(ctx);
	atomic_fetch_sub(&tee_stats.contexts, 1);
	free(ctx);
}

void tee_ctx_kill(struct tee_context *ctx)
{
	atomic_store(&ctx->dead, true);
	if (ctx->teedev->desc->ops->kill)
		ctx->teedev->desc->ops->kill(ctx);
	tee_shm_release_ctx(ctx);
}

/* Client UUIDs: UUIDv5 (SHA-1) in the TEE client name space. */
static const uint8_t tee_client_uuid_ns[16] = {
	0x58, 0xac, 0x9c, 0xa0, 0x20, 0x86, 0x46, 0x83,
	0xa1, 0xb8, 0xec, 0x4b, 0xc0, 0x8e, 0x01, 0xb6,
};

static int uuid_v5(uint8_t out[16], const char *name)
{
	uint8_t md[EVP_MAX_MD_SIZE], msg[16 + 4096 + 64];
	size_t n = strnlen(name, sizeof(msg) - 16);
	unsigned int mdlen = 0;

	memcpy(msg, tee_client_uuid_ns, 16);
	memcpy(msg + 16, name, n);
	if (!EVP_Digest(msg, 16 + n, md, &mdlen, EVP_sha1(), NULL) ||
	    mdlen < 16)
		return -EIO;
	memcpy(out, md, 16);
	out[6] = (uint8_t)((out[6] & 0x0f) | 0x50);
	out[8] = (uint8_t)((out[8] & 0x3f) | 0x80);
	return 0;
}

/* Whether pid (gid primary) is a member of group g (/proc status). */
static bool peer_in_group(pid_t pid, gid_t primary, gid_t g)
{
	char path[64], line[4096];
	bool found = false;
	FILE *f;

	if (g == primary)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *p, *end;

		if (strncmp(line, "Groups:", 7))
			continue;
		for (p = line + 7;; p = end) {
			unsigned long v = strtoul(p, &end, 10);

			if (end == p)
				break;
			if (v == (unsigned long)g) {
				found = true;
				break;
			}
		}
	}
	fclose(f);
	return found;
}

static int peer_exe(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	n = readlink(path, buf, len - 1);
	if (n < 0)
		return -EPERM;
	buf[n] = '\0';
	return 0;
}

int tee_calc_client_uuid(uint8_t out[16], uint32_t login,
			 const uint8_t conn_data[16], uid_t uid, gid_t gid,
			 pid_t pid)
{
	char name[4096 + 64], exe[4096];
	uint32_t g;

	if (login >= TEE_IOCTL_LOGIN_REE_KERNEL_MIN &&
	    login <= TEE_IOCTL_LOGIN_REE_KERNEL_MAX)
		return -EPERM;	/* kernel logins never come from user space */
	memcpy(&g, conn_data, sizeof(g));
	switch (login) {
	case TEE_IOCTL_LOGIN_PUBLIC:
		memset(out, 0, 16);
		return 0;
	case TEE_IOCTL_LOGIN_USER:
		snprintf(name, sizeof(name), "uid=%x", (unsigned int)uid);
		break;
	case TEE_IOCTL_LOGIN_GROUP:
		if (!peer_in_group(pid, gid, (gid_t)g))
			return -EPERM;
		snprintf(name, sizeof(name), "gid=%x", g);
		break;
	case TEE_IOCTL_LOGIN_APPLICATION:
	case TEE_IOCTL_LOGIN_USER_APPLICATION:
	case TEE_IOCTL_LOGIN_GROUP_APPLICATION:
		/* softee extension: the peer's executable path names it. */
		if (peer_exe(pid, exe, sizeof(exe)))
			return -EPERM;
		if (login == TEE_IOCTL_LOGIN_APPLICATION) {
			snprintf(name, sizeof(name), "app=%s", exe);
		} else if (login == TEE_IOCTL_LOGIN_USER_APPLICATION) {
			snprintf(name, sizeof(name), "uid=%x:app=%s",
				 (unsigned int)uid, exe);
		} else {
			if (!peer_in_group(pid, gid, (gid_t)g))
				return -EPERM;
			snprintf(name, sizeof(name), "gid=%x:app=%s", g, exe);
		}
		break;
	default:
		return -EINVAL;
	}
	return uuid_v5(out, name);
}

/* Argument buffers: exact length of header + num_params params. */
static int arg_hdr_size(uint32_t op, size_t *hdr, size_t *num_off)
{
	switch (op) {
	case TEE_IOC_OPEN_SESSION:
		*hdr = sizeof(struct tee_ioctl_open_session_arg);
		*num_off = offsetof(struct tee_ioctl_open_session_arg, num_params);
		return 0;
	case TEE_IOC_INVOKE:
		*hdr = sizeof(struct tee_ioctl_invoke_arg);
		*num_off = offsetof(struct tee_ioctl_invoke_arg, num_params);
		return 0;
	case TEE_IOC_SUPPL_RECV:
		*hdr = sizeof(struct tee_iocl_supp_recv_arg);
		*num_off = offsetof(struct tee_iocl_supp_recv_arg, num_params);
		return 0;
	case TEE_IOC_SUPPL_SEND:
		*hdr = sizeof(struct tee_iocl_supp_send_arg);
		*num_off = offsetof(struct tee_iocl_supp_send_arg, num_params);
		return 0;
	default:
		return -EINVAL;
	}
}

int tee_validate_arg_buf(uint32_t op, const void *buf, size_t len,
			 uint32_t *num_params, size_t *params_off)
{
	size_t hdr, noff, need;
	uint32_t n;

	if (arg_hdr_size(op, &hdr, &noff))
		return -EINVAL;
	if (!buf || len < hdr || len > TEE_MAX_ARG_SIZE)
		return -EINVAL;
	memcpy(&n, (const uint8_t *)buf + noff, sizeof(n));
	if (n > (TEE_MAX_ARG_SIZE - hdr) / sizeof(struct tee_ioctl_param))
		return -EINVAL;
	need = hdr + (size_t)n * sizeof(struct tee_ioctl_param);
	if (need != len)
		return -EINVAL;
	*num_params = n;
	*params_off = hdr;
	return 0;
}

int tee_validate_uparams(const struct tee_ioctl_param *up, uint32_t n,
			 bool memref_null_ok)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		struct tee_ioctl_param p;
		uint64_t end;

		memcpy(&p, &up[i], sizeof(p));
		/* META is the supplicant protocol's, never a client's. */
		if (p.attr & ~(uint64_t)TEE_IOCTL_PARAM_ATTR_TYPE_MASK)
			return -EINVAL;
		switch (p.attr) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_NONE:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT:
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
			if (p.c == TEE_MEMREF_NULL) {
				if (!memref_null_ok)
					return -EINVAL;
				break;
			}
			if (p.c < 1 || p.c > INT_MAX ||
			    ADD_OVERFLOW(p.a, p.b, &end))
				return -EINVAL;
			break;
		default:
			return -EINVAL;	/* UBUF, OBJREF, holes */
		}
	}
	return 0;
}

static void params_put(struct tee_param *p, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (tee_param_is_memref(p[i].attr) && p[i].u.memref.shm)
			tee_shm_put(p[i].u.memref.shm);
}

/* Validated uapi params -> core params, taking shm references. */
static int params_from_user(struct tee_context *ctx, struct tee_param *p,
			    const struct tee_ioctl_param *up, uint32_t n)
{
	uint32_t i;
	int rc = tee_validate_uparams(up, n, ctx->cap_memref_null);

	memset(p, 0, sizeof(*p) * n);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		struct tee_ioctl_param u;

		memcpy(&u, &up[i], sizeof(u));
		p[i].attr = u.attr;
		if (!tee_param_is_memref(u.attr)) {
			p[i].u.value.a = u.a;
			p[i].u.value.b = u.b;
			p[i].u.value.c = u.c;
			continue;
		}
		p[i].u.memref.size = u.b;
		if (u.c == TEE_MEMREF_NULL)
			continue;
		p[i].u.memref.offs = u.a;
		p[i].u.memref.shm = tee_shm_get_from_id(ctx, (int)u.c);
		/* The range must lie inside the shm (a + b checked above). */
		if (!p[i].u.memref.shm ||
		    u.a + u.b > p[i].u.memref.shm->size) {
			params_put(p, i + 1);
			memset(p, 0, sizeof(*p) * n);
			return -EINVAL;
		}
	}
	return 0;
}

/* Results back into the uapi params: values and memref sizes. */
static void params_to_user(struct tee_ioctl_param *up, const struct tee_param *p,
			   uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		struct tee_ioctl_param u;

		memcpy(&u, &up[i], sizeof(u));
		switch (p[i].attr) {
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT:
			u.a = p[i].u.value.a;
			u.b = p[i].u.value.b;
			u.c = p[i].u.value.c;
			break;
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
		case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
			u.b = p[i].u.memref.size;
			break;
		default:
			break;
		}
		memcpy(&up[i], &u, sizeof(u));
	}
}

static int ioctl_version(struct tee_context *ctx, void *buf, size_t cap,
			 size_t *rep_len)
{
	struct tee_ioctl_version_data v = { 0 };

	if (cap < sizeof(v))
		return -EINVAL;
	ctx->teedev->desc->ops->get_version(ctx->teedev, &v);
	memcpy(buf, &v, sizeof(v));
	*rep_len = sizeof(v);
	return 0;
}

static int ioctl_shm_alloc(struct tee_context *ctx, void *buf, size_t len,
			   int *rep_fd)
{
	struct tee_ioctl_shm_alloc_data d;
	struct tee_shm *shm;
	int rc, fd;

	if (len != sizeof(d))
		return -EINVAL;
	memcpy(&d, buf, sizeof(d));
	/* Like Linux: flags must be 0; an empty allocation is refused. */
	if (d.flags || !d.size)
		return -EINVAL;
	/* Static pool: bounded by the carve-out; dynamic: by the quotas. */
	if (d.size > (ctx->teedev->limits && ctx->teedev->limits->dynamic ?
		      ctx->teedev->limits->max_reg_bytes :
		      SOFTEE_CARVEOUT_MAX_SIZE))
		return -ENOMEM;
	rc = tee_shm_alloc_user(ctx, d.size, &shm);
	if (rc)
		return rc;
	fd = dup(shm->fd);
	if (fd < 0) {
		rc = -errno;
		tee_shm_release_id(ctx, shm->id);
		return rc;
	}
	d.id = shm->id;
	d.size = shm->size;
	memcpy(buf, &d, sizeof(d));
	*rep_fd = fd;
	return 0;
}

static int ioctl_open_session(struct tee_context *ctx, void *buf, size_t len)
{
	struct tee_ioctl_open_session_arg arg;
	struct tee_ioctl_param *up;
	struct tee_param *p = NULL;
	uint32_t n;
	size_t off;
	int rc = tee_validate_arg_buf(TEE_IOC_OPEN_SESSION, buf, len, &n, &off);

	if (rc || !ctx->teedev->desc->ops->open_session)
		return rc ? rc : -EINVAL;
	memcpy(&arg, buf, sizeof(arg));
	up = (struct tee_ioctl_param *)((uint8_t *)buf + off);
	rc = tee_calc_client_uuid(arg.clnt_uuid, arg.clnt_login, arg.clnt_uuid,
				  ctx->uid, ctx->gid, ctx->pid);
	if (rc)
		return rc;
	p = calloc(n ? n : 1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	rc = params_from_user(ctx, p, up, n);
	if (rc)
		goto out;
	arg.ret = 0;
	arg.ret_origin = 0;
	arg.session = 0;
	rc = ctx->teedev->desc->ops->open_session(ctx, &arg, p);
	if (!rc) {
		params_to_user(up, p, n);
		memcpy(buf, &arg, sizeof(arg));
	}
	params_put(p, n);
out:
	free(p);
	return rc;
}

static int ioctl_invoke(struct tee_context *ctx, void *buf, size_t len)
{
	struct tee_ioctl_invoke_arg arg;
	struct tee_ioctl_param *up;
	struct tee_param *p = NULL;
	uint32_t n;
	size_t off;
	int rc = tee_validate_arg_buf(TEE_IOC_INVOKE, buf, len, &n, &off);

	if (rc || !ctx->teedev->desc->ops->invoke)
		return rc ? rc : -EINVAL;
	memcpy(&arg, buf, sizeof(arg));
	up = (struct tee_ioctl_param *)((uint8_t *)buf + off);
	p = calloc(n ? n : 1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	rc = params_from_user(ctx, p, up, n);
	if (rc)
		goto out;
	arg.ret = 0;
	arg.ret_origin = 0;
	rc = ctx->teedev->desc->ops->invoke(ctx, &arg, p);
	if (!rc) {
		params_to_user(up, p, n);
		memcpy(buf, &arg, sizeof(arg));
	}
	params_put(p, n);
out:
	free(p);
	return rc;
}

/* Supplicant params travel raw: no shm lookup on the way in. */
static int supp_params_from_user(struct tee_param *p,
				 const struct tee_ioctl_param *up, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		struct tee_ioctl_param u;

		memcpy(&u, &up[i], sizeof(u));
		if (u.attr & ~(uint64_t)TEE_IOCTL_PARAM_ATTR_MASK)
			return -EINVAL;
		p[i].attr = u.attr;
		p[i].u.value.a = u.a;
		p[i].u.value.b = u.b;
		p[i].u.value.c = u.c;
	}
	return 0;
}

static int ioctl_supp_recv(struct tee_context *ctx, void *buf, size_t len)
{
	const struct tee_driver_ops *ops = ctx->teedev->desc->ops;
	struct tee_iocl_supp_recv_arg arg;
	struct tee_ioctl_param *up;
	struct tee_param *p;
	uint32_t n, func = 0, i;
	size_t off;
	int rc;

	if (!(ctx->teedev->desc->flags & TEE_DESC_PRIVILEGED) || !ops->supp_recv)
		return -EINVAL;
	rc = tee_validate_arg_buf(TEE_IOC_SUPPL_RECV, buf, len, &n, &off);
	if (rc)
		return rc;
	memcpy(&arg, buf, sizeof(arg));
	up = (struct tee_ioctl_param *)((uint8_t *)buf + off);
	p = calloc(n ? n : 1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	rc = supp_params_from_user(p, up, n);
	if (!rc)
		rc = ops->supp_recv(ctx, &func, &n, p);
	if (rc)
		goto out;
	arg.func = func;
	arg.num_params = n;
	memcpy(buf, &arg, sizeof(arg));
	for (i = 0; i < n; i++) {
		struct tee_ioctl_param u = { .attr = p[i].attr };

		if (tee_param_is_memref(p[i].attr)) {
			const struct tee_shm *shm = p[i].u.memref.shm;

			u.a = shm ? p[i].u.memref.offs : 0;
			u.b = p[i].u.memref.size;
			u.c = shm ? (uint64_t)shm->id : TEE_MEMREF_NULL;
		} else {
			u.a = p[i].u.value.a;
			u.b = p[i].u.value.b;
			u.c = p[i].u.value.c;
		}
		memcpy(&up[i], &u, sizeof(u));
	}
out:
	free(p);
	return rc;
}

static int ioctl_supp_send(struct tee_context *ctx, void *buf, size_t len)
{
	const struct tee_driver_ops *ops = ctx->teedev->desc->ops;
	struct tee_iocl_supp_send_arg arg;
	struct tee_param *p;
	uint32_t n;
	size_t off;
	int rc;

	if (!(ctx->teedev->desc->flags & TEE_DESC_PRIVILEGED) || !ops->supp_send)
		return -EINVAL;
	rc = tee_validate_arg_buf(TEE_IOC_SUPPL_SEND, buf, len, &n, &off);
	if (rc)
		return rc;
	memcpy(&arg, buf, sizeof(arg));
	p = calloc(n ? n : 1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	rc = supp_params_from_user(p, (const struct tee_ioctl_param *)
				   ((uint8_t *)buf + off), n);
	if (!rc)
		rc = ops->supp_send(ctx, arg.ret, n, p);
	free(p);
	return rc;
}

static int ioctl_shm_register(struct tee_context *ctx, void *buf, size_t len,
			      size_t *rep_len, int *rep_fd, const int *fds,
			      int nfds)
{
	const struct tee_limits *l = ctx->teedev->limits;
	struct tee_reg_fdinfo fdi[WIRE_MAX_FDS_DRV];
	struct tee_ioctl_shm_register_data d;
	struct tee_reg_plan *plan;
	struct tee_shm *shm;
	int rc, fd;

	/* What a kernel without TEE_GEN_CAP_REG_MEM says. */
	if (!l || !l->dynamic || nfds < 0 || nfds > WIRE_MAX_FDS_DRV)
		return -EINVAL;
	plan = malloc(sizeof(*plan));
	if (!plan)
		return -ENOMEM;
	tee_shm_reg_fdinfo(fds, nfds, fdi);
	rc = tee_shm_reg_check(buf, len, l->page_size, l->max_reg_bytes, fdi,
			       nfds, plan);
	if (rc)
		goto out;
	memcpy(&d, buf, sizeof(d));
	/* The fd that stands for the registration: closing it releases. */
	fd = eventfd(0, EFD_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		goto out;
	}
	rc = tee_shm_register_user(ctx, plan, d.length, fds, &shm);
	if (rc) {
		close(fd);
		goto out;
	}
	d.id = shm->id;
	d.length = shm->size;
	memcpy(buf, &d, sizeof(d));
	*rep_len = sizeof(d);
	*rep_fd = fd;
out:
	free(plan);
	return rc;
}

bool tee_ioctl_blocks(uint32_t op)
{
	/* Anything that may talk to the secure world runs on a worker. */
	return op == TEE_IOC_OPEN_SESSION || op == TEE_IOC_INVOKE ||
	       op == TEE_IOC_CLOSE_SESSION || op == TEE_IOC_CANCEL ||
	       op == TEE_IOC_SUPPL_RECV || op == TEE_IOC_SUPPL_SEND ||
	       op == TEE_IOC_SHM_ALLOC || op == TEE_IOC_SHM_REGISTER ||
	       op == SOFTEE_DEV_OP_SHM_RELEASE;
}

int tee_ioctl(struct tee_context *ctx, uint32_t op, void *buf, size_t len,
	      size_t cap, size_t *rep_len, int *rep_fd, const int *fds,
	      int nfds)
{
	const struct tee_driver_ops *ops = ctx->teedev->desc->ops;

	*rep_len = len;
	*rep_fd = -1;
	atomic_fetch_add(&tee_stats.ioctls, 1);
	if (atomic_load(&ctx->dead))
		return -EIO;
	switch (op) {
	case TEE_IOC_VERSION:
		return ioctl_version(ctx, buf, cap, rep_len);
	case TEE_IOC_SHM_ALLOC:
		return ioctl_shm_alloc(ctx, buf, len, rep_fd);
	case TEE_IOC_OPEN_SESSION:
		return ioctl_open_session(ctx, buf, len);
	case TEE_IOC_INVOKE:
		return ioctl_invoke(ctx, buf, len);
	case TEE_IOC_CANCEL: {
		struct tee_ioctl_cancel_arg a;

		if (len != sizeof(a) || !ops->cancel)
			return -EINVAL;
		memcpy(&a, buf, sizeof(a));
		return ops->cancel(ctx, a.cancel_id, a.session);
	}
	case TEE_IOC_CLOSE_SESSION: {
		struct tee_ioctl_close_session_arg a;

		if (len != sizeof(a) || !ops->close_session)
			return -EINVAL;
		memcpy(&a, buf, sizeof(a));
		return ops->close_session(ctx, a.session);
	}
	case TEE_IOC_SUPPL_RECV:
		return ioctl_supp_recv(ctx, buf, len);
	case TEE_IOC_SUPPL_SEND:
		return ioctl_supp_send(ctx, buf, len);
	case TEE_IOC_SHM_REGISTER:
		return ioctl_shm_register(ctx, buf, len, rep_len, rep_fd, fds,
					  nfds);
	case SOFTEE_DEV_OP_INFO:
		return tee_op_info(ctx, buf, len, cap, rep_len);
	case SOFTEE_DEV_OP_STATS:
		return tee_op_stats(ctx, buf, len, rep_len);
	case SOFTEE_DEV_OP_SHM_RELEASE: {
		struct softee_dev_shm_release r;

		if (len != sizeof(r))
			return -EINVAL;
		memcpy(&r, buf, sizeof(r));
		if (r.reserved)
			return -EINVAL;
		return tee_shm_release_id(ctx, r.id);
	}
	default:
		return -ENOTTY;
	}
}
