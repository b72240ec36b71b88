/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the device layer's softee backend against a fake driver
 * scripted by the test: tag demultiplexing, hostile replies, and shm
 * lifetime (released after its last fd and mapping).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/tee.h>

#include "softee_dev.h"
#include "teedev.h"
#include "teedev_reply.h"
#include "testlib.h"
#include "util.h"
#include "wire.h"

TESTLIB_DEFINE_STATE;

static char fake_dir[64];
static int fake_listener = -1;

/* A client connection and the fake driver's end of it. */
struct pair {
	int cfd;
	int dfd;
};

static int pair_open(struct pair *p)
{
	p->cfd = teedev_open(0, false);
	if (p->cfd < 0)
		return -1;
	p->dfd = accept4(fake_listener, NULL, NULL, SOCK_CLOEXEC);
	if (p->dfd < 0) {
		teedev_close(p->cfd);
		return -1;
	}
	return 0;
}

static void pair_close(struct pair *p)
{
	teedev_close(p->cfd);
	close(p->dfd);
}

/* Aligned so that the payload (right after the header) holds uapi args. */
struct drv_msg {
	struct softee_dev_req hdr;
	uint8_t payload[SOFTEE_DEV_MAX_PAYLOAD];
	int fds[WIRE_MAX_FDS];
	int nfds;
} __attribute__((aligned(8)));

/* Receive one request as the driver; -1 if nothing came within ms. */
static int drv_recv(int dfd, struct drv_msg *m, int ms)
{
	struct pollfd pfd = { .fd = dfd, .events = POLLIN };
	ssize_t n;

	if (poll(&pfd, 1, ms) != 1)
		return -1;
	n = wire_recv(dfd, m, sizeof(*m), m->fds, &m->nfds, WIRE_MAX_FDS);
	if (n < (ssize_t)sizeof(m->hdr) || m->hdr.magic != SOFTEE_DEV_MAGIC ||
	    m->hdr.len != (size_t)n - sizeof(m->hdr))
		return -1;
	return 0;
}

static int drv_reply(int dfd, uint32_t tag, int32_t ret, const void *pl,
		     size_t len, int fd)
{
	struct softee_dev_rep h = {
		.magic = SOFTEE_DEV_MAGIC, .tag = tag, .ret = ret,
		.len = (uint32_t)len,
	};
	struct iovec iov[2] = {
		{ .iov_base = &h, .iov_len = sizeof(h) },
		{ .iov_base = (void *)pl, .iov_len = len },
	};

	return wire_send(dfd, iov, 2, &fd, fd >= 0 ? 1 : 0);
}

/* An ioctl run in its own thread, so the test can play the driver. */
struct async_call {
	pthread_t th;
	int fd;
	unsigned long req;
	void *arg;
	int ret;
	int err;
};

static void *async_main(void *a)
{
	struct async_call *c = a;

	c->ret = teedev_ioctl(c->fd, c->req, c->arg);
	c->err = errno;
	return NULL;
}

static void async_start(struct async_call *c, int fd, unsigned long req,
			void *arg)
{
	c->fd = fd;
	c->req = req;
	c->arg = arg;
	pthread_create(&c->th, NULL, async_main, c);
}

static void async_join(struct async_call *c)
{
	pthread_join(c->th, NULL);
}

TEST(version_round_trip)
{
	struct tee_ioctl_version_data v = { 0 }, dv = {
		.impl_id = TEE_IMPL_ID_OPTEE, .impl_caps = TEE_OPTEE_CAP_TZ,
		.gen_caps = TEE_GEN_CAP_GP,
	};
	struct async_call c;
	struct drv_msg m;
	struct pair p;

	CHECK(pair_open(&p) == 0);
	CHECK(teedev_is_softee_fd(p.cfd));
	async_start(&c, p.cfd, TEE_IOC_VERSION, &v);
	EXPECT(drv_recv(p.dfd, &m, 2000) == 0);
	EXPECT_EQ_U(m.hdr.op, (uint32_t)TEE_IOC_VERSION);
	EXPECT_EQ_U(m.hdr.len, 0);
	drv_reply(p.dfd, m.hdr.tag, 0, &dv, sizeof(dv), -1);
	async_join(&c);
	EXPECT_EQ_U(c.ret, 0);
	EXPECT_EQ_U(v.gen_caps, TEE_GEN_CAP_GP);
	EXPECT_EQ_U(v.impl_id, TEE_IMPL_ID_OPTEE);
	pair_close(&p);
}

TEST(two_requests_in_flight_replied_out_of_order)
{
	union {
		uint64_t align;
		uint8_t b[sizeof(struct tee_ioctl_invoke_arg) +
			  sizeof(struct tee_ioctl_param)];
	} ib;
	struct tee_ioctl_invoke_arg *ia = (void *)ib.b;
	struct tee_ioctl_buf_data bd = {
		.buf_ptr = (uintptr_t)ib.b, .buf_len = sizeof(ib.b),
	};
	struct tee_ioctl_cancel_arg ca = { .cancel_id = 0, .session = 5 };
	struct drv_msg m1, m2, *inv, *can;
	struct async_call c1, c2;
	struct pair p;

	memset(&ib, 0, sizeof(ib));
	ia->func = 9;
	ia->session = 5;
	ia->num_params = 1;
	CHECK(pair_open(&p) == 0);
	async_start(&c1, p.cfd, TEE_IOC_INVOKE, &bd);
	EXPECT(drv_recv(p.dfd, &m1, 2000) == 0);
	async_start(&c2, p.cfd, TEE_IOC_CANCEL, &ca);
	EXPECT(drv_recv(p.dfd, &m2, 2000) == 0);
	inv = m1.hdr.op == (uint32_t)TEE_IOC_INVOKE ? &m1 : &m2;
	can = inv == &m1 ? &m2 : &m1;
	EXPECT_EQ_U(inv->hdr.op, (uint32_t)TEE_IOC_INVOKE);
	EXPECT_EQ_U(can->hdr.op, (uint32_t)TEE_IOC_CANCEL);
	EXPECT(inv->hdr.tag != can->hdr.tag);
	EXPECT_EQ_U(inv->hdr.len, sizeof(ib.b));
	/* The cancel completes while the invoke is still pending. */
	drv_reply(p.dfd, can->hdr.tag, 0, NULL, 0, -1);
	async_join(&c2);
	EXPECT_EQ_U(c2.ret, 0);
	{
		struct tee_ioctl_invoke_arg *ra = (void *)inv->payload;

		ra->ret = 0xFFFF0002U;
		ra->ret_origin = 3;
	}
	drv_reply(p.dfd, inv->hdr.tag, 0, inv->payload, inv->hdr.len, -1);
	async_join(&c1);
	EXPECT_EQ_U(c1.ret, 0);
	EXPECT_EQ_U(ia->ret, 0xFFFF0002U);
	EXPECT_EQ_U(ia->ret_origin, 3);
	pair_close(&p);
}

/* Kinds of broken replies a hostile driver might send. */
enum bad_kind { BAD_MAGIC, BAD_TAG, BAD_SHORT, BAD_LEN, BAD_OVERSIZED,
		BAD_FD, BAD_RET, BAD_HUGE, BAD_CLOSED };

static int run_bad_reply(enum bad_kind kind, int *err_after)
{
	struct tee_ioctl_version_data v, dv = { .gen_caps = 1 };
	struct softee_dev_rep h = { .magic = SOFTEE_DEV_MAGIC, .len = 12 };
	static uint8_t msg[sizeof(h) + SOFTEE_DEV_MAX_PAYLOAD + 256];
	size_t mlen = sizeof(h) + sizeof(dv);
	struct async_call c;
	struct drv_msg m;
	struct pair p;
	int fd = -1;

	if (pair_open(&p))
		return -1;
	async_start(&c, p.cfd, TEE_IOC_VERSION, &v);
	if (drv_recv(p.dfd, &m, 2000)) {
		close(p.dfd);
		async_join(&c);
		teedev_close(p.cfd);
		return -1;
	}
	h.tag = m.hdr.tag;
	switch (kind) {
	case BAD_MAGIC: h.magic ^= 1; break;
	case BAD_TAG: h.tag += 77; break;
	case BAD_SHORT: mlen = 8; break;
	case BAD_LEN: h.len = 40; break;
	case BAD_OVERSIZED: h.len = 24; mlen = sizeof(h) + 24; break;
	case BAD_FD: fd = 0; break;
	case BAD_RET: h.ret = 5; break;
	case BAD_HUGE: mlen = sizeof(msg); h.len = (uint32_t)(mlen - sizeof(h)); break;
	case BAD_CLOSED: break;
	}
	memcpy(msg, &h, sizeof(h));
	memcpy(msg + sizeof(h), &dv, sizeof(dv));
	if (kind == BAD_CLOSED) {
		shutdown(p.dfd, SHUT_RDWR);
	} else {
		wire_send_buf(p.dfd, msg, mlen, &fd, fd >= 0 ? 1 : 0);
	}
	async_join(&c);
	*err_after = 0;
	if (c.ret == -1 && teedev_ioctl(p.cfd, TEE_IOC_VERSION, &v) == -1)
		*err_after = errno;
	pair_close(&p);
	return c.ret == -1 ? c.err : 0;
}

TEST(malformed_replies_fail_cleanly)
{
	static const char *names[] = { "magic", "tag", "short", "len",
				       "oversized", "fd", "ret", "huge",
				       "closed" };

	for (int k = BAD_MAGIC; k <= BAD_CLOSED; k++) {
		int after = -1, err = run_bad_reply((enum bad_kind)k, &after);

		if (err != EIO || after != EIO) {
			TEST_FAILF("%s: err %d, after %d", names[k], err, after);
			return;
		}
	}
}

TEST(buf_len_over_max_is_einval)
{
	static uint8_t big[TEE_MAX_ARG_SIZE + 8];
	struct tee_ioctl_buf_data bd = {
		.buf_ptr = (uintptr_t)big, .buf_len = sizeof(big),
	};
	struct pair p;
	int r;

	CHECK(pair_open(&p) == 0);
	r = teedev_ioctl(p.cfd, TEE_IOC_INVOKE, &bd);
	EXPECT(r == -1 && errno == EINVAL);
	r = teedev_ioctl(p.cfd, 0xdeadbeef, &bd);
	EXPECT(r == -1 && errno == ENOTTY);
	pair_close(&p);
}

static int expect_release(struct pair *p, int id, bool want);

/* SHM_ALLOC through the fake driver: returns the client's shm fd. */
static int do_shm_alloc_sized(struct pair *p, int id, size_t size,
			      size_t memfd_size)
{
	struct tee_ioctl_shm_alloc_data d = { .size = size };
	struct async_call c;
	struct drv_msg m;
	int memfd;

	async_start(&c, p->cfd, TEE_IOC_SHM_ALLOC, &d);
	if (drv_recv(p->dfd, &m, 2000) ||
	    m.hdr.op != (uint32_t)TEE_IOC_SHM_ALLOC) {
		shutdown(p->dfd, SHUT_RDWR);
		async_join(&c);
		return -1;
	}
	memfd = softee_memfd("fake-shm", memfd_size);
	memcpy(&d, m.payload, sizeof(d));
	d.id = id;
	drv_reply(p->dfd, m.hdr.tag, 0, &d, sizeof(d), memfd);
	close(memfd);
	/* A refused memfd makes the client release the id at once. */
	if (memfd_size < size && expect_release(p, id, true))
		shutdown(p->dfd, SHUT_RDWR);
	async_join(&c);
	errno = c.err;
	return c.ret;
}

static int do_shm_alloc(struct pair *p, int id, size_t size)
{
	return do_shm_alloc_sized(p, id, size, size);
}

/* Expect an SHM_RELEASE for id (answering it) or none within 100 ms. */
static int expect_release(struct pair *p, int id, bool want)
{
	struct softee_dev_shm_release rel;
	struct drv_msg m;

	if (drv_recv(p->dfd, &m, want ? 2000 : 100))
		return want ? -1 : 0;
	if (!want || m.hdr.op != SOFTEE_DEV_OP_SHM_RELEASE ||
	    m.hdr.len != sizeof(rel))
		return -1;
	memcpy(&rel, m.payload, sizeof(rel));
	drv_reply(p->dfd, m.hdr.tag, 0, NULL, 0, -1);
	return rel.id == id ? 0 : -1;
}

/* Release of the last reference runs on the test thread: answer it. */
struct release_helper {
	pthread_t th;
	struct pair *p;
	int id;
	int result;
};

static void *release_main(void *a)
{
	struct release_helper *h = a;

	h->result = expect_release(h->p, h->id, true);
	return NULL;
}

TEST(shm_released_after_last_fd_and_map)
{
	struct release_helper h;
	struct pair p;
	uint8_t *va;
	int fd;

	CHECK(pair_open(&p) == 0);
	fd = do_shm_alloc(&p, 7, 8192);
	CHECK(fd >= 0);
	EXPECT(teedev_is_softee_fd(fd));
	va = teedev_mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(va != MAP_FAILED);
	EXPECT(teedev_is_softee_map(va, 1));
	va[0] = 1;
	va[8191] = 2;
	teedev_close(fd);
	EXPECT(expect_release(&p, 7, false) == 0);
	/* Unmapping half keeps it alive. */
	teedev_munmap(va, 4096);
	EXPECT(expect_release(&p, 7, false) == 0);
	EXPECT(va[8191] == 2);
	h.p = &p;
	h.id = 7;
	pthread_create(&h.th, NULL, release_main, &h);
	teedev_munmap(va + 4096, 4096);
	pthread_join(h.th, NULL);
	EXPECT_EQ_U(h.result, 0);
	EXPECT(!teedev_is_softee_map(va, 8192));

	/* Other order: unmap first, then the fd. */
	fd = do_shm_alloc(&p, 8, 4096);
	CHECK(fd >= 0);
	va = teedev_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(va != MAP_FAILED);
	teedev_munmap(va, 4096);
	EXPECT(expect_release(&p, 8, false) == 0);
	h.id = 8;
	pthread_create(&h.th, NULL, release_main, &h);
	teedev_close(fd);
	pthread_join(h.th, NULL);
	EXPECT_EQ_U(h.result, 0);
	EXPECT(!teedev_is_softee_fd(fd));
	pair_close(&p);
}

TEST(shm_alloc_with_short_memfd_is_refused_and_released)
{
	struct release_helper h;
	struct pair p;
	void *va;
	int fd;

	CHECK(pair_open(&p) == 0);
	h.p = &p;
	fd = do_shm_alloc_sized(&p, 9, 8192, 4096);
	EXPECT(fd == -1 && errno == EIO);

	/* A mapping past the end of the shm is refused as in Linux. */
	fd = do_shm_alloc(&p, 10, 4096);
	CHECK(fd >= 0);
	va = teedev_mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(va == MAP_FAILED && errno == EINVAL);
	h.id = 10;
	pthread_create(&h.th, NULL, release_main, &h);
	teedev_close(fd);
	pthread_join(h.th, NULL);
	EXPECT_EQ_U(h.result, 0);
	pair_close(&p);
}

TEST(shm_register_of_softee_mapping_is_one_pinned_segment)
{
	struct tee_ioctl_shm_register_data d;
	struct softee_dev_reg_hdr rh;
	struct softee_dev_reg_seg seg;
	struct release_helper h;
	struct async_call c;
	struct drv_msg m;
	struct pair p;
	void *heap;
	uint8_t *va;
	int fd, rfd, cfd;

	CHECK(pair_open(&p) == 0);
	fd = do_shm_alloc(&p, 3, 3 * 4096);
	CHECK(fd >= 0);
	va = teedev_mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
			 fd, 0);
	CHECK(va != MAP_FAILED);
	teedev_close(fd);

	memset(&d, 0, sizeof(d));
	/* Whole frames of our own mapping: pinned in place, no copy. */
	d.addr = (uintptr_t)va + 4096;
	d.length = 2 * 4096;
	async_start(&c, p.cfd, TEE_IOC_SHM_REGISTER, &d);
	/* First the page size; a driver without OP_INFO means 4 KiB. */
	EXPECT(drv_recv(p.dfd, &m, 2000) == 0);
	EXPECT_EQ_U(m.hdr.op, SOFTEE_DEV_OP_INFO);
	drv_reply(p.dfd, m.hdr.tag, -ENOTTY, NULL, 0, -1);
	EXPECT(drv_recv(p.dfd, &m, 2000) == 0);
	EXPECT_EQ_U(m.hdr.op, (uint32_t)TEE_IOC_SHM_REGISTER);
	EXPECT_EQ_U(m.hdr.len, sizeof(d) + sizeof(rh) + sizeof(seg));
	EXPECT_EQ_U(m.nfds, 1);
	memcpy(&rh, m.payload + sizeof(d), sizeof(rh));
	memcpy(&seg, m.payload + sizeof(d) + sizeof(rh), sizeof(seg));
	EXPECT_EQ_U(rh.n_segs, 1);
	EXPECT_EQ_U(seg.va, (uintptr_t)va + 4096);
	EXPECT_EQ_U(seg.len, 2 * 4096);
	EXPECT_EQ_U(seg.fd_offset, 4096);
	EXPECT_EQ_U(seg.kind, SOFTEE_DEV_REG_SEG_PINNED);
	cfd = m.nfds ? m.fds[0] : -1;
	memcpy(&d, m.payload, sizeof(d));
	d.id = 11;
	drv_reply(p.dfd, m.hdr.tag, 0, &d, sizeof(d), cfd);
	wire_close_fds(m.fds, m.nfds);
	async_join(&c);
	rfd = c.ret;
	CHECK(rfd >= 0);
	EXPECT_EQ_U(d.id, 11);
	/* A registered shm cannot be mapped. */
	EXPECT(teedev_mmap(NULL, 4096, PROT_READ, MAP_SHARED, rfd, 0) ==
	       MAP_FAILED && errno == EINVAL);
	h.p = &p;
	h.id = 11;
	pthread_create(&h.th, NULL, release_main, &h);
	teedev_close(rfd);
	pthread_join(h.th, NULL);
	EXPECT_EQ_U(h.result, 0);

	/* Read-only memory cannot be pinned: EFAULT, nothing sent. */
	heap = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(heap != MAP_FAILED);
	d.addr = (uintptr_t)heap;
	d.length = 100;
	EXPECT(teedev_ioctl(p.cfd, TEE_IOC_SHM_REGISTER, &d) == -1 &&
	       errno == EFAULT);
	munmap(heap, 4096);

	h.id = 3;
	pthread_create(&h.th, NULL, release_main, &h);
	teedev_munmap(va, 3 * 4096);
	pthread_join(h.th, NULL);
	EXPECT_EQ_U(h.result, 0);
	pair_close(&p);
}

/* Fake driver for the stress test: answers batches in reverse order. */
static void *stress_driver_main(void *a)
{
	struct pair *p = a;
	static struct drv_msg batch[16];

	for (;;) {
		int n = 0;

		if (drv_recv(p->dfd, &batch[n], 5000))
			return NULL;
		n++;
		while (n < 16 && !drv_recv(p->dfd, &batch[n], 1))
			n++;
		for (int i = n - 1; i >= 0; i--) {
			struct tee_ioctl_invoke_arg *ia = (void *)batch[i].payload;

			if (batch[i].hdr.op == 0xdead)
				return NULL;
			ia->params[0].a += 1;
			ia->ret = 0;
			drv_reply(p->dfd, batch[i].hdr.tag, 0, batch[i].payload,
				  batch[i].hdr.len, -1);
		}
	}
}

struct stress_client {
	pthread_t th;
	int fd;
	uint32_t base;
	int bad;
};

static void *stress_client_main(void *a)
{
	struct stress_client *c = a;

	for (uint32_t i = 0; i < 300; i++) {
		union {
			uint64_t align;
			uint8_t b[sizeof(struct tee_ioctl_invoke_arg) +
				  sizeof(struct tee_ioctl_param)];
		} ib;
		struct tee_ioctl_invoke_arg *ia = (void *)ib.b;
		struct tee_ioctl_buf_data bd = {
			.buf_ptr = (uintptr_t)ib.b, .buf_len = sizeof(ib.b),
		};

		memset(&ib, 0, sizeof(ib));
		ia->num_params = 1;
		ia->params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
		ia->params[0].a = c->base + i;
		if (teedev_ioctl(c->fd, TEE_IOC_INVOKE, &bd) ||
		    ia->params[0].a != c->base + i + 1)
			c->bad++;
	}
	return NULL;
}

TEST(many_threads_with_replies_in_reverse_batches)
{
	struct stress_client c[8];
	pthread_t drv;
	struct pair p;
	int bad = 0;

	CHECK(pair_open(&p) == 0);
	pthread_create(&drv, NULL, stress_driver_main, &p);
	for (int i = 0; i < 8; i++) {
		c[i].fd = p.cfd;
		c[i].base = (uint32_t)i << 20;
		c[i].bad = 0;
		pthread_create(&c[i].th, NULL, stress_client_main, &c[i]);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(c[i].th, NULL);
		bad += c[i].bad;
	}
	shutdown(p.dfd, SHUT_RD);
	pthread_join(drv, NULL);
	pair_close(&p);
	CHECK_EQ_U(bad, 0);
}

TEST(reply_parse_and_check)
{
	struct softee_dev_rep h = { .magic = SOFTEE_DEV_MAGIC, .tag = 1,
				    .len = 4 };
	uint8_t msg[sizeof(h) + 4] = { 0 };
	struct softee_dev_rep out;

	memcpy(msg, &h, sizeof(h));
	CHECK(teedev_reply_parse(msg, sizeof(msg), 0, &out) == 0);
	CHECK(teedev_reply_parse(msg, sizeof(msg) - 1, 0, &out) == -EPROTO);
	CHECK(teedev_reply_parse(msg, 3, 0, &out) == -EPROTO);
	CHECK(teedev_reply_check_op(TEE_IOC_CLOSE_SESSION, 4, &out, 0) == 0);
	CHECK(teedev_reply_check_op(TEE_IOC_CLOSE_SESSION, 4, &out, 1) == -EPROTO);
	CHECK(teedev_reply_check_op(TEE_IOC_VERSION, 0, &out, 0) == -EPROTO);
	CHECK(teedev_reply_check_op(TEE_IOC_SHM_ALLOC, 16, &out, 1) == -EPROTO);
	out.len = 16;
	CHECK(teedev_reply_check_op(TEE_IOC_SHM_ALLOC, 16, &out, 1) == 0);
	CHECK(teedev_reply_check_op(TEE_IOC_SHM_ALLOC, 16, &out, 0) == -EPROTO);
	out.ret = -ENOMEM;
	CHECK(teedev_reply_check_op(TEE_IOC_SHM_ALLOC, 16, &out, 1) == -EPROTO);
	out.len = 0;
	CHECK(teedev_reply_check_op(TEE_IOC_SHM_ALLOC, 16, &out, 0) == 0);
}

int main(void)
{
	char sock[128];

	snprintf(fake_dir, sizeof(fake_dir), "/tmp/libteec-teedev-XXXXXX");
	if (!mkdtemp(fake_dir)) {
		printf("FAIL: libteec_teedev_setup: mkdtemp\n");
		return 1;
	}
	snprintf(sock, sizeof(sock), "%s/tee0", fake_dir);
	fake_listener = wire_listen(sock, 8);
	if (fake_listener < 0) {
		printf("FAIL: libteec_teedev_setup: listen %d\n", fake_listener);
		return 1;
	}
	setenv(SOFTEE_ENV_DEV_DIR, fake_dir, 1);

	RUN(version_round_trip);
	RUN(two_requests_in_flight_replied_out_of_order);
	RUN(malformed_replies_fail_cleanly);
	RUN(buf_len_over_max_is_einval);
	RUN(shm_released_after_last_fd_and_map);
	RUN(shm_alloc_with_short_memfd_is_refused_and_released);
	RUN(shm_register_of_softee_mapping_is_one_pinned_segment);
	RUN(many_threads_with_replies_in_reverse_batches);
	RUN(reply_parse_and_check);

	close(fake_listener);
	unlink(sock);
	rmdir(fake_dir);
	return testlib_summary();
}
