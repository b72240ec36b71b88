/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit test of the LD_PRELOAD uapi shim: a child written for the Linux TEE
 * uapi (open /dev/tee0, ioctl, mmap, close) runs with the shim preloaded
 * against a fake driver in this process.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/tee.h>

#include "softee_dev.h"
#include "testlib.h"
#include "util.h"
#include "wire.h"

TESTLIB_DEFINE_STATE;

static int fake_listener = -1;
static int fake_released_id = -1;
static int fake_sock = -1;

static int fake_reply(int s, uint32_t tag, int32_t ret, const void *pl,
		      size_t len, int fd)
{
	struct softee_dev_rep h = { .magic = SOFTEE_DEV_MAGIC, .tag = tag,
				    .ret = ret, .len = (uint32_t)len };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };

	return wire_send(s, iov, 2, &fd, fd >= 0 ? 1 : 0);
}

/*
 * The first pinned segment of the last registration (a dup of its memfd):
 * the next request writes 'X' into its first byte, and the client, its
 * pages shared, sees it at once. Not during the registration itself: the
 * client fills the pages while the driver works on it.
 */
static int fake_pinned_fd = -1;
static off_t fake_pinned_off;

static void fake_write_pinned(void)
{
	char x = 'X';

	if (fake_pinned_fd < 0)
		return;
	if (pwrite(fake_pinned_fd, &x, 1, fake_pinned_off) != 1)
		fprintf(stderr, "fake driver: pwrite failed\n");
	close(fake_pinned_fd);
	fake_pinned_fd = -1;
}

static void fake_register(int s, uint32_t tag, const uint8_t *pl,
			  uint32_t len, const int *fds, int nfds)
{
	struct tee_ioctl_shm_register_data d;
	struct softee_dev_reg_hdr rh;
	struct softee_dev_reg_seg sg;
	int ret = -EINVAL, fd = -1;

	memcpy(&d, pl, sizeof(d));
	memcpy(&rh, pl + sizeof(d), sizeof(rh));
	for (uint32_t i = 0; i < rh.n_segs && len >= sizeof(d) + sizeof(rh) +
	     (i + 1) * sizeof(sg); i++) {
		memcpy(&sg, pl + sizeof(d) + sizeof(rh) + i * sizeof(sg),
		       sizeof(sg));
		if (sg.kind == SOFTEE_DEV_REG_SEG_PINNED &&
		    sg.fd_index < (uint32_t)nfds) {
			fake_pinned_fd = dup(fds[sg.fd_index]);
			fake_pinned_off = (off_t)sg.fd_offset;
			if (fake_pinned_fd >= 0)
				ret = 0;
			break;
		}
	}
	if (!ret) {
		d.id = 6;
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	}
	fake_reply(s, tag, ret, ret ? NULL : &d, ret ? 0 : sizeof(d), fd);
	if (fd >= 0)
		close(fd);
}

/* Serves one connection: VERSION, SHM_ALLOC (id 5), SHM_REGISTER (id 6), SHM_RELEASE. */
static void *fake_main(void *unused)
{
	static uint8_t buf[sizeof(struct softee_dev_req) + SOFTEE_DEV_MAX_PAYLOAD];
	int s = accept4(fake_listener, NULL, NULL, SOCK_CLOEXEC);

	fake_sock = s;
	while (s >= 0) {
		struct softee_dev_req h;
		int fds[WIRE_MAX_FDS], nfds;
		ssize_t n = wire_recv(s, buf, sizeof(buf), fds, &nfds,
				      WIRE_MAX_FDS);

		if (n < (ssize_t)sizeof(h))
			break;
		memcpy(&h, buf, sizeof(h));
		if (h.op != (uint32_t)TEE_IOC_SHM_REGISTER)
			fake_write_pinned();
		if (h.op == (uint32_t)TEE_IOC_SHM_REGISTER)
			fake_register(s, h.tag, buf + sizeof(h), h.len, fds,
				      nfds);
		wire_close_fds(fds, nfds);
		if (h.op == (uint32_t)TEE_IOC_SHM_REGISTER) {
			continue;
		} else if (h.op == (uint32_t)TEE_IOC_VERSION) {
			struct tee_ioctl_version_data v = {
				.impl_id = 1, .impl_caps = 1, .gen_caps = 1 };

			fake_reply(s, h.tag, 0, &v, sizeof(v), -1);
		} else if (h.op == (uint32_t)TEE_IOC_SHM_ALLOC) {
			struct tee_ioctl_shm_alloc_data d;
			int fd;

			memcpy(&d, buf + sizeof(h), sizeof(d));
			fd = softee_memfd("shim-test", 4096);
			d.id = 5;
			fake_reply(s, h.tag, 0, &d, sizeof(d), fd);
			close(fd);
		} else if (h.op == SOFTEE_DEV_OP_SHM_RELEASE) {
			struct softee_dev_shm_release r;

			memcpy(&r, buf + sizeof(h), sizeof(r));
			fake_released_id = r.id;
			fake_reply(s, h.tag, 0, NULL, 0, -1);
		} else {
			fake_reply(s, h.tag, -ENOTTY, NULL, 0, -1);
		}
	}
	if (s >= 0)
		close(s);
	return NULL;
}

/* The program under the shim: plain uapi calls. Exit code = failed step. */
static int child_main(void)
{
	struct tee_ioctl_version_data v = { 0 };
	struct tee_ioctl_shm_alloc_data d = { .size = 100 };
	struct tee_ioctl_shm_register_data rd = { .length = 8192 };
	struct pollfd pfd;
	char *p, *heap = NULL;
	int fd, shm, nul, reg;

	fd = open("/dev/tee0", O_RDWR);
	if (fd < 0)
		return 10;
	if (ioctl(fd, TEE_IOC_VERSION, &v) || v.gen_caps != 1)
		return 11;
	/* Registering heap memory pins it: the driver's write shows. */
	if (posix_memalign((void **)&heap, 4096, 8192))
		return 20;
	memset(heap, 'a', 8192);
	rd.addr = (uintptr_t)heap;
	reg = ioctl(fd, TEE_IOC_SHM_REGISTER, &rd);
	if (reg < 0 || rd.id != 6)
		return 21;
	/* The fake driver writes into the pages on the next request. */
	if (ioctl(fd, TEE_IOC_VERSION, &v))
		return 25;
	if (heap[0] != 'X' || heap[1] != 'a' || heap[8191] != 'a')
		return 22;
	/* As Linux: a registered shm cannot be mapped. */
	if (mmap(NULL, 4096, PROT_READ, MAP_SHARED, reg, 0) != MAP_FAILED ||
	    errno != EINVAL)
		return 23;
	if (close(reg))
		return 24;
	free(heap);
	shm = ioctl(fd, TEE_IOC_SHM_ALLOC, &d);
	if (shm < 0 || d.id != 5)
		return 12;
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, shm, 0);
	if (p == MAP_FAILED)
		return 13;
	strcpy(p, "hello");
	if (close(shm))
		return 14;
	if (munmap(p, 4096))
		return 15;
	/* Everything else passes through. */
	nul = open("/dev/null", O_RDONLY);
	if (nul < 0 || close(nul))
		return 16;
	if (open("/dev/tee7", O_RDWR) != -1 || errno != ENOENT)
		return 17;
	pfd.fd = fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 0) != 0)
		return 18;
	if (close(fd))
		return 19;
	return 0;
}

TEST(uapi_program_runs_over_softee_with_the_shim)
{
	char dir[] = "/tmp/libteec-shim-XXXXXX", sock[64], self[4096];
	pthread_t th;
	ssize_t n;
	pid_t pid;
	int st;

	CHECK(mkdtemp(dir));
	snprintf(sock, sizeof(sock), "%s/tee0", dir);
	fake_listener = wire_listen(sock, 4);
	CHECK(fake_listener >= 0);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	CHECK(n > 0);
	self[n] = '\0';
	pthread_create(&th, NULL, fake_main, NULL);
	pid = fork();
	if (pid == 0) {
		setenv("LD_PRELOAD", SHIM_PATH, 1);
		setenv(SOFTEE_ENV_DEV_DIR, dir, 1);
		setenv("ASAN_OPTIONS", "verify_asan_link_order=0", 1);
		execl(self, self, "child", (char *)NULL);
		_exit(127);
	}
	CHECK(pid > 0);
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		shutdown(fake_listener, SHUT_RDWR);
		TEST_FAILF("child status 0x%x", st);
	}
	pthread_join(th, NULL);
	EXPECT_EQ_U(fake_released_id, 5);
	close(fake_listener);
	unlink(sock);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child"))
		return child_main();
	RUN(uapi_program_runs_over_softee_with_the_shim);
	return testlib_summary();
}
