/* SPDX-License-Identifier: BSD-2-Clause */
/* The fake driver of the pinning unit tests (libteec_pin*.c). */
#define _GNU_SOURCE
#include "libteec_pin_fake.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "teedev.h"
#include "util.h"
#include "wire.h"

static char fake_dir[64];
static char fake_sock[128];
static int fake_listener = -1;

void fake_reg_clear(struct fake_reg *r)
{
	wire_close_fds(r->fds, r->nfds);
	memset(r, 0, sizeof(*r));
}

static int fake_reply(int s, uint32_t tag, int32_t ret, const void *pl,
		      size_t len, int fd)
{
	struct softee_dev_rep h = { .magic = SOFTEE_DEV_MAGIC, .tag = tag,
				    .ret = ret, .len = (uint32_t)len };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };

	return wire_send(s, iov, 2, &fd, fd >= 0 ? 1 : 0);
}

static void fake_register(struct fake *f, uint32_t tag, uint8_t *pl,
			  uint32_t len, int *fds, int nfds)
{
	struct fake_reg *r = &f->last;
	struct softee_dev_reg_hdr rh;
	int regfd;

	pthread_mutex_lock(&f->lock);
	fake_reg_clear(r);
	memcpy(&r->d, pl, sizeof(r->d));
	memcpy(&rh, pl + sizeof(r->d), sizeof(rh));
	r->n_segs = rh.n_segs;
	if (rh.n_segs <= SOFTEE_DEV_MAX_REG_SEGS &&
	    len == sizeof(r->d) + sizeof(rh) + rh.n_segs * sizeof(r->segs[0]))
		memcpy(r->segs, pl + sizeof(r->d) + sizeof(rh),
		       rh.n_segs * sizeof(r->segs[0]));
	memcpy(r->fds, fds, (size_t)nfds * sizeof(int));
	r->nfds = nfds;
	f->regs++;
	r->d.id = 100 + f->regs;
	pthread_mutex_unlock(&f->lock);
	regfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	fake_reply(f->dfd, tag, 0, &r->d, sizeof(r->d), regfd);
	close(regfd);
}

static void *fake_main(void *arg)
{
	static __thread uint8_t buf[sizeof(struct softee_dev_req) +
				    SOFTEE_DEV_MAX_PAYLOAD];
	struct fake *f = arg;

	for (;;) {
		struct softee_dev_req h;
		int fds[WIRE_MAX_FDS], nfds = 0;
		ssize_t n = wire_recv(f->dfd, buf, sizeof(buf), fds, &nfds,
				      WIRE_MAX_FDS);
		uint8_t *pl = buf + sizeof(h);

		if (n < (ssize_t)sizeof(h))
			break;
		memcpy(&h, buf, sizeof(h));
		if (h.op == SOFTEE_DEV_OP_INFO) {
			struct softee_dev_info in = { .version = 1,
						      .page_size = f->page_size };

			f->infos++;
			fake_reply(f->dfd, h.tag, 0, &in, sizeof(in), -1);
		} else if (h.op == (uint32_t)TEE_IOC_SHM_REGISTER) {
			fake_register(f, h.tag, pl, h.len, fds, nfds);
			continue;
		} else if (h.op == SOFTEE_DEV_OP_SHM_RELEASE) {
			f->releases++;
			fake_reply(f->dfd, h.tag, 0, NULL, 0, -1);
		} else if (h.op == SOFTEE_DEV_OP_STATS) {
			pthread_mutex_lock(&f->lock);
			memcpy(&f->stats, pl, sizeof(f->stats));
			f->stats_msgs++;
			pthread_mutex_unlock(&f->lock);
			if (h.tag)
				fake_reply(f->dfd, h.tag, -EINVAL, NULL, 0, -1);
		} else if (h.op == (uint32_t)TEE_IOC_INVOKE) {
			if (f->on_invoke)
				f->on_invoke(f, (void *)pl);
			fake_reply(f->dfd, h.tag, 0, pl, h.len, -1);
		} else {
			fake_reply(f->dfd, h.tag, -ENOTTY, NULL, 0, -1);
		}
		wire_close_fds(fds, nfds);
	}
	return NULL;
}

int fake_open(struct fake *f, uint32_t page_size)
{
	memset(f, 0, sizeof(*f));
	pthread_mutex_init(&f->lock, NULL);
	f->page_size = page_size;
	f->cfd = teedev_open(0, false);
	if (f->cfd < 0)
		return -1;
	f->dfd = accept4(fake_listener, NULL, NULL, SOCK_CLOEXEC);
	if (f->dfd < 0) {
		teedev_close(f->cfd);
		return -1;
	}
	pthread_create(&f->th, NULL, fake_main, f);
	return 0;
}

void fake_close(struct fake *f)
{
	teedev_close(f->cfd);
	shutdown(f->dfd, SHUT_RDWR);
	pthread_join(f->th, NULL);
	close(f->dfd);
	fake_reg_clear(&f->last);
	pthread_mutex_destroy(&f->lock);
}

/* Register [addr, addr+len); the registration fd or -1 (errno). */
int reg(struct fake *f, void *addr, size_t len, int *id)
{
	struct tee_ioctl_shm_register_data d = {
		.addr = (uintptr_t)addr, .length = len,
	};
	int fd = teedev_ioctl(f->cfd, TEE_IOC_SHM_REGISTER, &d);

	if (fd >= 0 && id)
		*id = d.id;
	return fd;
}

uint64_t fd_ino(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : (uint64_t)st.st_ino;
}

/* Anonymous private memory at a G-aligned address (+ slack pages). */
uint8_t *anon_aligned(size_t len, size_t align)
{
	uint8_t *p = mmap(NULL, len + align, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t a;

	if (p == MAP_FAILED)
		return NULL;
	a = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
	return (uint8_t *)a;
}

uint64_t pinned_ino_at(const struct fake *f, uintptr_t va)
{
	for (uint32_t i = 0; i < f->last.n_segs; i++) {
		const struct softee_dev_reg_seg *s = &f->last.segs[i];

		if (s->kind == SOFTEE_DEV_REG_SEG_PINNED && va >= s->va &&
		    va < s->va + s->len)
			return fd_ino(f->last.fds[s->fd_index]);
	}
	return 0;
}

int fake_setup(void)
{
	snprintf(fake_dir, sizeof(fake_dir), "/tmp/libteec-pin-XXXXXX");
	if (!mkdtemp(fake_dir)) {
		printf("FAIL: libteec_pin_setup: mkdtemp\n");
		return -1;
	}
	snprintf(fake_sock, sizeof(fake_sock), "%s/tee0", fake_dir);
	fake_listener = wire_listen(fake_sock, 8);
	if (fake_listener < 0) {
		printf("FAIL: libteec_pin_setup: listen %d\n", fake_listener);
		return -1;
	}
	setenv(SOFTEE_ENV_DEV_DIR, fake_dir, 1);
	return 0;
}

void fake_teardown(void)
{
	close(fake_listener);
	unlink(fake_sock);
	rmdir(fake_dir);
}
