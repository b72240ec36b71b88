/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the pinning pool and its worker thread (teedev_pin_pool.c,
 * teedev_pin_move.c) against the fake driver: many pins in a row through
 * recycled memfds and warm spares keep every byte and share the pages;
 * the same with nothing prepared (SOFTEE_PIN_POOL=0); a fork child
 * inherits none of the pool's mappings.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "libteec_pin_fake.h"
#include "teedev.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static uint8_t pattern(unsigned int round, size_t off)
{
	return (uint8_t)(round * 7 + off / PG * 13 + off % 251);
}

/* The memfd and offset the last registration pinned va in, or -1. */
static int pinned_fd_at(const struct fake *f, uintptr_t va, off_t *off)
{
	for (uint32_t i = 0; i < f->last.n_segs; i++) {
		const struct softee_dev_reg_seg *s = &f->last.segs[i];

		if (s->kind == SOFTEE_DEV_REG_SEG_PINNED && va >= s->va &&
		    va < s->va + s->len) {
			*off = (off_t)(s->fd_offset + (va - s->va));
			return f->last.fds[s->fd_index];
		}
	}
	return -1;
}

/*
 * One round: fresh memory with a pattern, registered; the client still
 * has its bytes, the driver's memfd has the same bytes, and a write
 * through the memfd shows in the client. 0, or the failed step.
 */
static int pin_round(struct fake *f, unsigned int round, size_t len)
{
	uint8_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t chk[PG], z = 'Z';
	int rfd, fd, ret = 0;
	off_t off;

	if (p == MAP_FAILED)
		return 1;
	for (size_t i = 0; i < len; i++)
		p[i] = pattern(round, i);
	rfd = reg(f, p, len, NULL);
	if (rfd < 0) {
		munmap(p, len);
		return 2;
	}
	for (size_t i = 0; i < len && !ret; i++)
		if (p[i] != pattern(round, i))
			ret = 3;
	fd = pinned_fd_at(f, (uintptr_t)p + len - PG, &off);
	if (!ret && (fd < 0 || pread(fd, chk, PG, off) != (ssize_t)PG))
		ret = 4;
	for (size_t i = 0; i < PG && !ret; i++)
		if (chk[i] != pattern(round, len - PG + i))
			ret = 5;
	if (!ret && (pwrite(fd, &z, 1, off) != 1 || p[len - PG] != 'Z'))
		ret = 6;
	teedev_close(rfd);
	fake_reg_clear(&f->last);
	munmap(p, len);
	return ret;
}

static const size_t round_sizes[] = { 1 << 20, 4 << 20, (3 << 20) + PG,
				      8 << 20, 4 << 20 };

TEST(repeated_pins_keep_every_byte_through_pool_and_spare)
{
	struct fake f;

	CHECK(fake_open(&f, 4096) == 0);
	for (unsigned int r = 0; r < 30; r++) {
		int rc = pin_round(&f, r, round_sizes[r % 5]);

		if (rc)
			TEST_FAILF("round %u: step %d", r, rc);
		/* Now and then give the worker time to warm a spare. */
		if (r % 4 == 3)
			usleep(20000);
	}
	fake_close(&f);
}

/* The same in a child that reads SOFTEE_PIN_POOL=0 before its first pin. */
TEST(pins_with_nothing_prepared)
{
	int st = 0;
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		struct fake f;

		setenv("SOFTEE_PIN_POOL", "0", 1);
		if (fake_open(&f, 4096))
			_exit(100);
		for (unsigned int r = 0; r < 8; r++) {
			int rc = pin_round(&f, r, round_sizes[r % 5]);

			if (rc)
				_exit(10 * (int)r + rc);
		}
		fake_close(&f);
		_exit(0);
	}
	CHECK(waitpid(pid, &st, 0) == pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		TEST_FAILF("child status %#x", st);
}

/* Mappings of pinning memfds in this process. */
static int count_pin_maps(void)
{
	FILE *m = fopen("/proc/self/maps", "r");
	char line[512];
	int n = 0;

	if (!m)
		return -1;
	while (fgets(line, sizeof(line), m))
		if (strstr(line, "memfd:softee-pin"))
			n++;
	fclose(m);
	return n;
}

TEST(fork_child_inherits_no_pool_mapping)
{
	size_t len = (size_t)4 << 20;
	struct fake f;
	uint8_t *p;
	int rfd, st = 0;
	pid_t pid;

	CHECK(fake_open(&f, 4096) == 0);
	/* Pins and frees: recycled memfds, a spare the worker warms. */
	for (unsigned int r = 0; r < 4; r++)
		EXPECT_EQ_U(pin_round(&f, r, len), 0);
	usleep(50000);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	memset(p, 5, len);
	rfd = reg(&f, p, len, NULL);
	CHECK(rfd >= 0);
	EXPECT(count_pin_maps() >= 1);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		/* The live range is a private copy here; nothing else. */
		_exit(count_pin_maps() == 0 && p[0] == 5 && p[len - 1] == 5 ?
		      0 : 1);
	}
	CHECK(waitpid(pid, &st, 0) == pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		TEST_FAILF("child status %#x", st);
	teedev_close(rfd);
	fake_reg_clear(&f.last);
	munmap(p, len);
	fake_close(&f);
}

int main(void)
{
	if (fake_setup())
		return 1;
	RUN(repeated_pins_keep_every_byte_through_pool_and_spare);
	RUN(pins_with_nothing_prepared);
	RUN(fork_child_inherits_no_pool_mapping);
	fake_teardown();
	return testlib_summary();
}
