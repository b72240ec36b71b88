// SPDX-License-Identifier: BSD-2-Clause
/*
 * Plays the secure world against the real softee-ta over a socketpair:
 * loads the self-test TA, runs calls with values and memrefs, and checks
 * cancellation, bad messages, panic and crash containment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "softee_ta_proto.h"
#include "testlib.h"
#include "util.h"
#include "wire.h"

TESTLIB_DEFINE_STATE;

#define SELFTEST_UUID_STR "5e1f7e57-50f7-4ee0-9d1e-7e5775e1f7e5"
#define SELFTEST_ELF "ta-build/softee_selftest/" SELFTEST_UUID_STR ".so"

/* GP numbers the test needs (the TA API headers are for TAs). */
#define T_SUCCESS		0x00000000U
#define T_ERROR_GENERIC		0xFFFF0000U
#define T_ERROR_CANCEL		0xFFFF0002U
#define T_ERROR_BAD_PARAMETERS	0xFFFF0006U
#define T_ERROR_SHORT_BUFFER	0xFFFF0010U
#define T_ORIGIN_TRUSTED_APP	4U
#define PT_VALUE_IN	1U
#define PT_VALUE_OUT	2U
#define PT_VALUE_INOUT	3U
#define PT_MEMREF_IN	5U
#define PT_MEMREF_OUT	6U
#define PTYPES(a, b, c, d) ((a) | (b) << 4 | (c) << 8 | (d) << 12)

enum { CMD_PANIC, CMD_WAIT, CMD_REVERSE, CMD_PROPS, CMD_CRASH, CMD_COUNT };

struct ta_proc {
	pid_t pid;
	int chan;
	int shm_fd;
	struct softee_ta_shared *shared;
	uint32_t seq;
};

static char build_dir[PATH_MAX];

/* $(BUILD) is two levels above this binary ($(BUILD)/tests/unit/). */
static int find_build_dir(void)
{
	ssize_t n = readlink("/proc/self/exe", build_dir, sizeof(build_dir) - 1);
	int i;

	if (n <= 0)
		return -1;
	build_dir[n] = '\0';
	for (i = 0; i < 3; i++) {
		char *slash = strrchr(build_dir, '/');

		if (!slash)
			return -1;
		*slash = '\0';
	}
	return 0;
}

static int file_to_memfd(const char *path)
{
	char buf[8192];
	FILE *f = fopen(path, "rb");
	int fd;
	size_t n;

	if (!f)
		return -1;
	fd = memfd_create("ta-elf", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	while (fd >= 0 && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (write_full(fd, buf, n)) {
			close(fd);
			fd = -1;
		}
	fclose(f);
	return fd;
}

static int ta_spawn(struct ta_proc *p)
{
	char exe[PATH_MAX + 32], fdarg[16];
	int sv[2];

	memset(p, 0, sizeof(*p));
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -1;
	snprintf(exe, sizeof(exe), "%s/bin/softee-ta", build_dir);
	p->pid = fork();
	if (p->pid < 0)
		return -1;
	if (p->pid == 0) {
		int fd = dup(sv[1]);	/* dup drops CLOEXEC */

		snprintf(fdarg, sizeof(fdarg), "%d", fd);
		execl(exe, "softee-ta", "--channel", fdarg, (char *)NULL);
		_exit(127);
	}
	close(sv[1]);
	p->chan = sv[0];
	p->shm_fd = softee_memfd("ta-shared", 4096);
	if (p->shm_fd < 0)
		return -1;
	p->shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
			 p->shm_fd, 0);
	return p->shared == MAP_FAILED ? -1 : 0;
}

static int ta_send(struct ta_proc *p, uint32_t op, const void *pl, size_t len,
		   const int *fds, int nfds)
{
	struct softee_ta_hdr h = { SOFTEE_TA_MAGIC, op, (uint32_t)len, ++p->seq };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };

	return wire_send(p->chan, iov, len ? 2 : 1, fds, nfds);
}

/* Receive one message; returns its op (0 on EOF) and copies the payload. */
static uint32_t ta_recv(struct ta_proc *p, void *pl, size_t len)
{
	unsigned char buf[512];
	struct softee_ta_hdr h;
	int fds[WIRE_MAX_FDS], nfds = 0;
	ssize_t n = wire_recv(p->chan, buf, sizeof(buf), fds, &nfds,
			      WIRE_MAX_FDS);

	wire_close_fds(fds, nfds);
	if (n < (ssize_t)sizeof(h))
		return 0;
	memcpy(&h, buf, sizeof(h));
	if (h.magic != SOFTEE_TA_MAGIC || h.seq != p->seq ||
	    h.len != (size_t)n - sizeof(h))
		return 0;
	memset(pl, 0, len);
	memcpy(pl, buf + sizeof(h), MIN(len, h.len));
	return h.op;
}

static int ta_wait_exit(struct ta_proc *p)
{
	int st = -1;

	close(p->chan);
	if (waitpid(p->pid, &st, 0) != p->pid)
		return -1;
	munmap(p->shared, 4096);
	close(p->shm_fd);
	return st;
}

static int ta_load(struct ta_proc *p, const char *uuid_str,
		   struct softee_ta_loaded *out)
{
	char path[PATH_MAX + 128];
	struct softee_ta_load req;
	int fds[2], rc;

	memset(&req, 0, sizeof(req));
	if (uuid_str_to_octets(uuid_str, req.uuid))
		return -1;
	snprintf(path, sizeof(path), "%s/%s", build_dir, SELFTEST_ELF);
	fds[0] = file_to_memfd(path);
	if (fds[0] < 0)
		return -1;
	fds[1] = p->shm_fd;
	rc = ta_send(p, SOFTEE_TA_LOAD, &req, sizeof(req), fds, 2);
	close(fds[0]);
	if (rc || ta_recv(p, out, sizeof(*out)) != SOFTEE_TA_RESULT)
		return -1;
	return 0;
}

/* A call with no runs; returns RESULT's ret or a sentinel on failure. */
static uint32_t ta_call(struct ta_proc *p, uint32_t op,
			struct softee_ta_call *c, const void *runs,
			size_t nruns, struct softee_ta_result *res)
{
	unsigned char buf[sizeof(*c) + 8 * sizeof(struct softee_ta_run)];
	uint32_t got;

	c->n_runs = (uint32_t)nruns;
	memcpy(buf, c, sizeof(*c));
	if (nruns)
		memcpy(buf + sizeof(*c), runs, nruns * sizeof(struct softee_ta_run));
	if (ta_send(p, op, buf, sizeof(*c) + nruns * sizeof(struct softee_ta_run),
		    NULL, 0))
		return 0xdead0001;
	got = ta_recv(p, res, sizeof(*res));
	if (got != SOFTEE_TA_RESULT)
		return 0xdead0000 | got;
	return res->ret;
}

static int ta_start_loaded(struct ta_proc *p)
{
	struct softee_ta_loaded l;
	struct softee_ta_call c;
	struct softee_ta_result r;

	if (ta_spawn(p) || ta_load(p, SELFTEST_UUID_STR, &l) || l.ret)
		return -1;
	memset(&c, 0, sizeof(c));
	c.session_id = 1;
	c.client.login = 1;
	return ta_call(p, SOFTEE_TA_OPEN_SESSION, &c, NULL, 0, &r) ? -1 : 0;
}

TEST(load_reports_header_and_destroy_exits_zero)
{
	struct ta_proc p;
	struct softee_ta_loaded l;
	struct softee_ta_result r;
	uint8_t want[16];
	int st;

	CHECK(ta_spawn(&p) == 0);
	CHECK(ta_load(&p, SELFTEST_UUID_STR, &l) == 0);
	CHECK_EQ_U(l.ret, T_SUCCESS);
	CHECK_EQ_U(l.flags, (1U << 3) | (1U << 2));
	CHECK_EQ_U(l.stack_size, 4096);
	CHECK_EQ_U(l.data_size, 48 * 1024);
	uuid_str_to_octets(SELFTEST_UUID_STR, want);
	CHECK(!memcmp(l.uuid, want, 16));
	CHECK(ta_send(&p, SOFTEE_TA_DESTROY, NULL, 0, NULL, 0) == 0);
	CHECK_EQ_U(ta_recv(&p, &r, sizeof(r)), SOFTEE_TA_RESULT);
	st = ta_wait_exit(&p);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == SOFTEE_TA_EXIT_OK);
}

TEST(load_with_wrong_uuid_is_refused)
{
	struct ta_proc p;
	struct softee_ta_loaded l;
	int st;

	CHECK(ta_spawn(&p) == 0);
	CHECK(ta_load(&p, "11111111-2222-3333-4444-555555555555", &l) == 0);
	CHECK(l.ret != T_SUCCESS);
	st = ta_wait_exit(&p);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == SOFTEE_TA_EXIT_BADLOAD);
}

TEST(session_context_and_values_survive_invokes)
{
	struct ta_proc p;
	struct softee_ta_call c;
	struct softee_ta_result r;

	CHECK(ta_start_loaded(&p) == 0);
	memset(&c, 0, sizeof(c));
	c.session_id = 1;
	c.cmd = CMD_COUNT;
	c.param_types = PTYPES(PT_VALUE_INOUT, 0, 0, 0);
	c.params[0].value.a = 100;
	CHECK_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, NULL, 0, &r), T_SUCCESS);
	CHECK_EQ_U(r.params[0].a, 101);
	CHECK_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, NULL, 0, &r), T_SUCCESS);
	CHECK_EQ_U(r.params[0].a, 102);
	CHECK_EQ_U(r.ret_origin, T_ORIGIN_TRUSTED_APP);
	/* Unknown session: refused by the host, not the TA. */
	c.session_id = 9;
	CHECK(ta_call(&p, SOFTEE_TA_INVOKE, &c, NULL, 0, &r) != T_SUCCESS);
	c.session_id = 1;
	CHECK_EQ_U(ta_call(&p, SOFTEE_TA_CLOSE_SESSION, &c, NULL, 0, &r),
		   T_SUCCESS);
	CHECK(ta_wait_exit(&p) == 0);
}

TEST(memrefs_map_runs_back_to_back_and_short_buffer)
{
	struct ta_proc p;
	struct softee_ta_call c;
	struct softee_ta_result r;
	struct softee_ta_region reg = { .handle = 77 };
	struct softee_ta_run runs[3] = {
		{ 77, 4096, 4096 },	/* p0: page 1 */
		{ 77, 8192, 4096 },	/* p1: page 2 then page 0 */
		{ 77, 0, 4096 },
	};
	unsigned char *mem;
	int fd;

	CHECK(ta_start_loaded(&p) == 0);
	fd = softee_memfd("region", 3 * 4096);
	CHECK(fd >= 0);
	mem = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(mem != MAP_FAILED);
	memcpy(mem + 4096 + 100, "0123456789", 10);
	CHECK(ta_send(&p, SOFTEE_TA_REGION_GIVE, &reg, sizeof(reg), &fd, 1) == 0);

	memset(&c, 0, sizeof(c));
	c.session_id = 1;
	c.cmd = CMD_REVERSE;
	c.param_types = PTYPES(PT_MEMREF_IN, PT_MEMREF_OUT, 0, 0);
	c.params[0].memref = (struct softee_ta_memref){ 10, 100, 0, 1 };
	/* Output straddles the seam between the two runs of its window. */
	c.params[1].memref = (struct softee_ta_memref){ 5, 4090, 1, 2 };
	EXPECT_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, runs, 3, &r),
		    T_ERROR_SHORT_BUFFER);
	EXPECT_EQ_U(r.params[1].size, 10);
	c.params[1].memref.size = 10;
	EXPECT_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, runs, 3, &r), T_SUCCESS);
	EXPECT_EQ_U(r.params[1].size, 10);
	EXPECT(!memcmp(mem + 8192 + 4090, "987654", 6));
	EXPECT(!memcmp(mem, "3210", 4));

	/* A run of a region the TA was never given. */
	runs[0].handle = 78;
	EXPECT(ta_call(&p, SOFTEE_TA_INVOKE, &c, runs, 3, &r) ==
	       T_ERROR_BAD_PARAMETERS);
	munmap(mem, 3 * 4096);
	close(fd);
	CHECK(ta_wait_exit(&p) == 0);
}

TEST(client_identity_and_ta_properties_reach_the_ta)
{
	struct ta_proc p;
	struct softee_ta_call c;
	struct softee_ta_result r;

	CHECK(ta_start_loaded(&p) == 0);
	memset(&c, 0, sizeof(c));
	c.session_id = 1;
	c.cmd = CMD_PROPS;
	c.param_types = PTYPES(PT_VALUE_OUT, 0, 0, 0);
	CHECK_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, NULL, 0, &r), T_SUCCESS);
	CHECK_EQ_U(r.params[0].a, 48 * 1024);
	CHECK_EQ_U(r.params[0].b, 1);
	CHECK(ta_wait_exit(&p) == 0);
}

static void *cancel_later(void *arg)
{
	struct ta_proc *p = arg;
	struct timespec ts = { 0, 100 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	__atomic_store_n(&p->shared->cancel_requested, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &p->shared->cancel_requested, FUTEX_WAKE, 1,
		NULL, NULL, 0);
	return NULL;
}

TEST(wait_wakes_early_on_cancel_only_when_unmasked)
{
	struct ta_proc p;
	struct softee_ta_call c;
	struct softee_ta_result r;
	pthread_t th;
	uint64_t t0, ms;

	CHECK(ta_start_loaded(&p) == 0);
	memset(&c, 0, sizeof(c));
	c.session_id = 1;
	c.cmd = CMD_WAIT;
	c.param_types = PTYPES(PT_VALUE_IN, 0, 0, 0);
	c.params[0].value.a = 10000;
	c.params[0].value.b = 1;	/* unmask */
	t0 = now_ns();
	CHECK(pthread_create(&th, NULL, cancel_later, &p) == 0);
	EXPECT_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, NULL, 0, &r),
		    T_ERROR_CANCEL);
	pthread_join(th, NULL);
	ms = (now_ns() - t0) / 1000000;
	EXPECT(ms < 5000);

	/* Masked in a fresh session: the flag must not cut the wait short. */
	c.session_id = 2;
	c.param_types = 0;
	CHECK_EQ_U(ta_call(&p, SOFTEE_TA_OPEN_SESSION, &c, NULL, 0, &r), 0);
	c.param_types = PTYPES(PT_VALUE_IN, 0, 0, 0);
	c.params[0].value.a = 300;
	c.params[0].value.b = 0;
	t0 = now_ns();
	EXPECT_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, NULL, 0, &r), T_SUCCESS);
	ms = (now_ns() - t0) / 1000000;
	EXPECT(ms >= 290);
	CHECK(ta_wait_exit(&p) == 0);
}

TEST(malformed_request_gets_bad_parameters_and_host_survives)
{
	struct ta_proc p;
	struct softee_ta_call c;
	struct softee_ta_result r;
	struct softee_ta_run run = { 1, 0, 4096 };

	CHECK(ta_start_loaded(&p) == 0);
	memset(&c, 0, sizeof(c));
	c.session_id = 1;
	c.cmd = CMD_COUNT;
	/* memref pointing past the runs that came with it */
	c.param_types = PTYPES(PT_MEMREF_IN, 0, 0, 0);
	c.params[0].memref = (struct softee_ta_memref){ 16, 0, 0, 2 };
	CHECK_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, &run, 1, &r),
		   T_ERROR_BAD_PARAMETERS);
	/* Unknown param type nibble. */
	c.param_types = 4;
	CHECK_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, NULL, 0, &r),
		   T_ERROR_BAD_PARAMETERS);
	c.param_types = PTYPES(PT_VALUE_INOUT, 0, 0, 0);
	c.params[0].value.a = 1;
	CHECK_EQ_U(ta_call(&p, SOFTEE_TA_INVOKE, &c, NULL, 0, &r), T_SUCCESS);
	CHECK_EQ_U(r.params[0].a, 2);
	CHECK(ta_wait_exit(&p) == 0);
}

TEST(panic_sends_code_and_exits_with_panic_status)
{
	struct ta_proc p;
	struct softee_ta_call c;
	struct softee_ta_panic pan;
	int st;

	CHECK(ta_start_loaded(&p) == 0);
	memset(&c, 0, sizeof(c));
	c.session_id = 1;
	c.cmd = CMD_PANIC;
	c.param_types = PTYPES(PT_VALUE_IN, 0, 0, 0);
	c.params[0].value.a = 0xbadc0de;
	CHECK(ta_send(&p, SOFTEE_TA_INVOKE, &c, sizeof(c), NULL, 0) == 0);
	CHECK_EQ_U(ta_recv(&p, &pan, sizeof(pan)), SOFTEE_TA_PANIC);
	CHECK_EQ_U(pan.code, 0xbadc0de);
	st = ta_wait_exit(&p);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == SOFTEE_TA_EXIT_PANIC);
}

TEST(crash_ends_only_the_ta_process)
{
	struct ta_proc p;
	struct softee_ta_call c;
	struct softee_ta_result r;
	int st;

	CHECK(ta_start_loaded(&p) == 0);
	memset(&c, 0, sizeof(c));
	c.session_id = 1;
	c.cmd = CMD_CRASH;
	CHECK(ta_send(&p, SOFTEE_TA_INVOKE, &c, sizeof(c), NULL, 0) == 0);
	CHECK_EQ_U(ta_recv(&p, &r, sizeof(r)), 0);	/* EOF */
	st = ta_wait_exit(&p);
	/* A signal, or the sanitizer's own exit after catching SIGSEGV. */
	CHECK(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) != 0));
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	if (find_build_dir()) {
		printf("FAIL: ta_host: cannot find the build directory\n");
		return 1;
	}
	RUN(load_reports_header_and_destroy_exits_zero);
	RUN(load_with_wrong_uuid_is_refused);
	RUN(session_context_and_values_survive_invokes);
	RUN(memrefs_map_runs_back_to_back_and_short_buffer);
	RUN(client_identity_and_ta_properties_reach_the_ta);
	RUN(wait_wakes_early_on_cancel_only_when_unmasked);
	RUN(malformed_request_gets_bad_parameters_and_host_survives);
	RUN(panic_sends_code_and_exits_with_panic_status);
	RUN(crash_ends_only_the_ta_process);
	return testlib_summary();
}
