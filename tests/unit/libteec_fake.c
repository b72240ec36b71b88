/* SPDX-License-Identifier: BSD-2-Clause */
/* The fake driver of libteec's unit tests (see libteec_fake.h). */
#define _GNU_SOURCE
#include "libteec_fake.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

struct libteec_fake fake = { .lock = PTHREAD_MUTEX_INITIALIZER };
static char fake_dir[64];
static int fake_listener = -1;

static int fake_reply(int s, uint32_t tag, int32_t ret, const void *pl,
		      size_t len, int fd)
{
	struct softee_dev_rep h = { .magic = SOFTEE_DEV_MAGIC, .tag = tag,
				    .ret = ret, .len = (uint32_t)len };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };

	return wire_send(s, iov, 2, &fd, fd >= 0 ? 1 : 0);
}

int fake_live_shms(void)
{
	int n = 0;

	pthread_mutex_lock(&fake.lock);
	for (int i = 0; i < FAKE_MAX_SHM; i++)
		n += fake.shm_fd[i] >= 0;
	pthread_mutex_unlock(&fake.lock);
	return n;
}

static void fake_shm_alloc(int s, uint32_t tag, uint8_t *pl, uint32_t len)
{
	struct tee_ioctl_shm_alloc_data d;
	uint64_t size;
	int id = -1, fd;

	if (len != sizeof(d)) {
		fake_reply(s, tag, -EINVAL, NULL, 0, -1);
		return;
	}
	memcpy(&d, pl, sizeof(d));
	if (!round_up_u64(d.size ? d.size : 1, 4096, &size)) {
		fake_reply(s, tag, -EINVAL, NULL, 0, -1);
		return;
	}
	fd = softee_memfd("fake", size);
	pthread_mutex_lock(&fake.lock);
	for (int i = 1; i < FAKE_MAX_SHM && id < 0; i++) {
		if (fake.shm_fd[i] < 0) {
			id = i;
			fake.shm_fd[i] = fd;
			fake.shm_size[i] = size;
		}
	}
	pthread_mutex_unlock(&fake.lock);
	d.id = id;
	fake_reply(s, tag, 0, &d, sizeof(d), fd);
}

static void fake_shm_release(int s, uint32_t tag, uint8_t *pl)
{
	struct softee_dev_shm_release r;
	int ret = -EINVAL;

	memcpy(&r, pl, sizeof(r));
	pthread_mutex_lock(&fake.lock);
	if (r.id > 0 && r.id < FAKE_MAX_SHM && fake.shm_fd[r.id] >= 0) {
		close(fake.shm_fd[r.id]);
		fake.shm_fd[r.id] = -1;
		wire_close_fds(fake.reg[r.id].fds, fake.reg[r.id].nfds);
		memset(&fake.reg[r.id], 0, sizeof(fake.reg[r.id]));
		ret = 0;
	}
	pthread_mutex_unlock(&fake.lock);
	fake_reply(s, tag, ret, NULL, 0, -1);
}

/* SHM_REGISTER: keep the segments and their fds under a new id. */
static void fake_shm_register(int s, uint32_t tag, uint8_t *pl, uint32_t len,
			      int *fds, int nfds)
{
	struct tee_ioctl_shm_register_data d;
	struct softee_dev_reg_hdr rh;
	struct fake_reg *r = NULL;
	int id = -1, fd;

	memcpy(&d, pl, sizeof(d));
	memcpy(&rh, pl + sizeof(d), sizeof(rh));
	if (!fake.reg_mem || rh.n_segs > SOFTEE_DEV_MAX_REG_SEGS ||
	    len != sizeof(d) + sizeof(rh) + rh.n_segs * sizeof(r->segs[0])) {
		wire_close_fds(fds, nfds);
		fake_reply(s, tag, -EINVAL, NULL, 0, -1);
		return;
	}
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	pthread_mutex_lock(&fake.lock);
	for (int i = 1; i < FAKE_MAX_SHM && id < 0; i++) {
		if (fake.shm_fd[i] < 0) {
			id = i;
			fake.shm_fd[i] = dup(fd);
			fake.shm_size[i] = d.length;
			r = &fake.reg[i];
		}
	}
	if (r) {
		r->addr = d.addr;
		r->len = d.length;
		r->n_segs = rh.n_segs;
		memcpy(r->segs, pl + sizeof(d) + sizeof(rh),
		       rh.n_segs * sizeof(r->segs[0]));
		memcpy(r->fds, fds, (size_t)nfds * sizeof(int));
		r->nfds = nfds;
		for (uint32_t i = 0; i < rh.n_segs; i++)
			r->bounce_segs += r->segs[i].kind ==
					  SOFTEE_DEV_REG_SEG_BOUNCE;
		fake.regs_total++;
		fake.bounce_total += r->bounce_segs;
	} else {
		wire_close_fds(fds, nfds);
	}
	pthread_mutex_unlock(&fake.lock);
	d.id = id;
	fake_reply(s, tag, 0, &d, sizeof(d), fd);
	close(fd);
}

/* XOR 0xff into [a, a+b) of a registered buffer, segment by segment. */
static void fake_touch_reg(const struct fake_reg *r, uint64_t a, uint64_t b)
{
	uint64_t ws = r->addr + a, we = r->addr + a + b;

	for (uint32_t i = 0; i < r->n_segs; i++) {
		const struct softee_dev_reg_seg *sg = &r->segs[i];
		uint64_t s = MAX(ws, sg->va), e = MIN(we, sg->va + sg->len);
		uint8_t *m;

		if (s >= e || sg->fd_index >= (uint32_t)r->nfds)
			continue;
		m = mmap(NULL, sg->len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 r->fds[sg->fd_index], (off_t)sg->fd_offset);
		if (m == MAP_FAILED)
			continue;
		for (uint64_t k = s; k < e; k++)
			m[k - sg->va] ^= 0xff;
		munmap(m, sg->len);
	}
}

/* Apply fn to the bytes of memref param p (in the driver's own mapping). */
static void fake_touch(struct tee_ioctl_param *p)
{
	int fd = -1;
	size_t size = 0;
	uint8_t *va;

	if (p->c == TEE_MEMREF_NULL)
		return;
	pthread_mutex_lock(&fake.lock);
	if (p->c < FAKE_MAX_SHM && fake.reg[p->c].n_segs) {
		if (p->a + p->b <= fake.reg[p->c].len)
			fake_touch_reg(&fake.reg[p->c], p->a, p->b);
		pthread_mutex_unlock(&fake.lock);
		return;
	}
	if (p->c < FAKE_MAX_SHM) {
		fd = fake.shm_fd[p->c];
		size = fake.shm_size[p->c];
	}
	pthread_mutex_unlock(&fake.lock);
	if (fd < 0 || p->a + p->b > size)
		return;
	va = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (va == MAP_FAILED)
		return;
	for (uint64_t i = 0; i < p->b; i++)
		va[p->a + i] ^= 0xff;
	munmap(va, size);
}

static void fake_invoke(struct tee_ioctl_invoke_arg *a)
{
	struct tee_ioctl_param *p = a->params;

	a->ret = 0;
	a->ret_origin = TEEC_ORIGIN_TRUSTED_APP;
	switch (a->func) {
	case CMD_VALUE_INC:
		p[0].a += 1;
		p[0].b = p[0].a * 2;
		break;
	case CMD_FILL:
		for (int i = 0; i < 4; i++) {
			uint64_t t = p[i].attr;

			if (t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT ||
			    t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT)
				fake_touch(&p[i]);
		}
		break;
	case CMD_SHORT:
		p[0].b += 10;
		a->ret = TEEC_ERROR_SHORT_BUFFER;
		break;
	case CMD_NULL_CHECK:
		p[0].a = p[1].c == TEE_MEMREF_NULL;
		p[0].b = (uint32_t)p[1].attr;
		break;
	default:
		a->ret = TEEC_ERROR_BAD_PARAMETERS;
		a->ret_origin = TEEC_ORIGIN_TEE;
	}
}

/* One connection: an event loop, so a blocked invoke can be cancelled. */
static void *fake_conn_main(void *arg)
{
	int s = (int)(intptr_t)arg;
	static __thread uint8_t buf[sizeof(struct softee_dev_req) +
				    SOFTEE_DEV_MAX_PAYLOAD];
	uint8_t pending[TEE_MAX_ARG_SIZE];
	uint32_t pending_tag = 0, pending_len = 0;
	bool has_pending = false;

	for (;;) {
		struct softee_dev_req h;
		int fds[WIRE_MAX_FDS], nfds;
		ssize_t n = wire_recv(s, buf, sizeof(buf), fds, &nfds,
				      WIRE_MAX_FDS);
		uint8_t *pl = buf + sizeof(h);

		if (n < (ssize_t)sizeof(h))
			break;
		memcpy(&h, buf, sizeof(h));
		if (h.op == (uint32_t)TEE_IOC_SHM_REGISTER) {
			fake_shm_register(s, h.tag, pl, h.len, fds, nfds);
			continue;
		}
		wire_close_fds(fds, nfds);
		if (h.op == SOFTEE_DEV_OP_STATS) {
			continue;
		} else if (h.op == SOFTEE_DEV_OP_INFO) {
			struct softee_dev_info in = { .version = 1,
				.page_size = fake.page_size ? fake.page_size : 4096 };

			fake_reply(s, h.tag, 0, &in, sizeof(in), -1);
		} else if (h.op == (uint32_t)TEE_IOC_VERSION) {
			struct tee_ioctl_version_data v = {
				.impl_id = TEE_IMPL_ID_OPTEE,
				.impl_caps = TEE_OPTEE_CAP_TZ,
				.gen_caps = TEE_GEN_CAP_GP |
					(fake.memref_null ? TEE_GEN_CAP_MEMREF_NULL : 0) |
					(fake.reg_mem ? TEE_GEN_CAP_REG_MEM : 0),
			};
			fake_reply(s, h.tag, 0, &v, sizeof(v), -1);
		} else if (h.op == (uint32_t)TEE_IOC_SHM_ALLOC) {
			fake_shm_alloc(s, h.tag, pl, h.len);
		} else if (h.op == SOFTEE_DEV_OP_SHM_RELEASE) {
			fake_shm_release(s, h.tag, pl);
		} else if (h.op == (uint32_t)TEE_IOC_OPEN_SESSION) {
			struct tee_ioctl_open_session_arg a;

			memcpy(&a, pl, sizeof(a));
			fake.last_login = a.clnt_login;
			memcpy(fake.last_clnt_uuid, a.clnt_uuid, 16);
			memcpy(fake.last_uuid, a.uuid, 16);
			a.session = 42;
			a.ret = 0;
			a.ret_origin = TEEC_ORIGIN_TRUSTED_APP;
			memcpy(pl, &a, sizeof(a));
			fake_reply(s, h.tag, 0, pl, h.len, -1);
		} else if (h.op == (uint32_t)TEE_IOC_INVOKE) {
			struct tee_ioctl_invoke_arg *a = (void *)pl;

			if (a->func == CMD_IOCTL_ENOMEM) {
				fake_reply(s, h.tag, -ENOMEM, NULL, 0, -1);
			} else if (a->func == CMD_WAIT_CANCEL) {
				memcpy(pending, pl, h.len);
				pending_tag = h.tag;
				pending_len = h.len;
				has_pending = true;
			} else {
				fake_invoke(a);
				fake_reply(s, h.tag, 0, pl, h.len, -1);
			}
		} else if (h.op == (uint32_t)TEE_IOC_CANCEL) {
			fake_reply(s, h.tag, 0, NULL, 0, -1);
			if (has_pending) {
				struct tee_ioctl_invoke_arg *a = (void *)pending;

				a->ret = TEEC_ERROR_CANCEL;
				a->ret_origin = TEEC_ORIGIN_TEE;
				fake_reply(s, pending_tag, 0, pending,
					   pending_len, -1);
				has_pending = false;
			}
		} else if (h.op == (uint32_t)TEE_IOC_CLOSE_SESSION) {
			fake_reply(s, h.tag, 0, NULL, 0, -1);
		} else {
			fake_reply(s, h.tag, -ENOTTY, NULL, 0, -1);
		}
	}
	close(s);
	return NULL;
}

static void *fake_accept_main(void *arg)
{
	for (;;) {
		pthread_t th;
		int s = accept4(fake_listener, NULL, NULL, SOCK_CLOEXEC);

		if (s < 0)
			return NULL;
		pthread_create(&th, NULL, fake_conn_main, (void *)(intptr_t)s);
		pthread_detach(th);
	}
}


int libteec_fake_start(const char *name)
{
	char sock[128];
	pthread_t th;

	for (int i = 0; i < FAKE_MAX_SHM; i++)
		fake.shm_fd[i] = -1;
	snprintf(fake_dir, sizeof(fake_dir), "/tmp/%.20s-XXXXXX", name);
	if (!mkdtemp(fake_dir)) {
		printf("FAIL: %s_setup: mkdtemp\n", name);
		return -1;
	}
	snprintf(sock, sizeof(sock), "%s/tee0", fake_dir);
	fake_listener = wire_listen(sock, 16);
	if (fake_listener < 0) {
		printf("FAIL: %s_setup: listen %d\n", name, fake_listener);
		return -1;
	}
	setenv(SOFTEE_ENV_DEV_DIR, fake_dir, 1);
	pthread_create(&th, NULL, fake_accept_main, NULL);
	pthread_detach(th);
	return 0;
}

void libteec_fake_stop(void)
{
	char sock[128];

	snprintf(sock, sizeof(sock), "%s/tee0", fake_dir);
	unlink(sock);
	rmdir(fake_dir);
}

const TEEC_UUID test_uuid = {
	0x8aaaf200, 0x2450, 0x11e4,
	{ 0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b }
};


/* Open a context and session for the invoke tests. */
int open_both(TEEC_Context *ctx, TEEC_Session *sess)
{
	if (TEEC_InitializeContext(NULL, ctx))
		return -1;
	if (TEEC_OpenSession(ctx, sess, &test_uuid, TEEC_LOGIN_PUBLIC, NULL,
			     NULL, NULL)) {
		TEEC_FinalizeContext(ctx);
		return -1;
	}
	return 0;
}

void close_both(TEEC_Context *ctx, TEEC_Session *sess)
{
	TEEC_CloseSession(sess);
	TEEC_FinalizeContext(ctx);
}

