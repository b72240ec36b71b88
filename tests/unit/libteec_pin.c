/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of pinning in the device layer (DESIGN.md "Pinning user
 * memory") against a fake driver thread: segment layouts for 4/16/64 KiB
 * granules, reuse without copy, maps as the truth, refusals, bounce
 * frames that touch only the buffer's bytes, private copies after fork,
 * allocation without copy and the client counters.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/tee.h>

#include "softee_dev.h"
#include "teedev.h"
#include "teedev_maps.h"
#include "teedev_reg.h"
#include "testlib.h"
#include "util.h"
#include "wire.h"

TESTLIB_DEFINE_STATE;

#include "libteec_pin_fake.h"

TEST(maps_line_parsing)
{
	static const char l1[] = "7f0000001000-7f0000003000 rw-p 00000000 00:00 0 ";
	static const char l2[] = "7f0000004000-7f0000005000 rw-s 00002000 00:01 1234"
				 "                       /memfd:softee-pin (deleted)";
	static const char l3[] = "555555554000-555555556000 r-xp 00001000 08:01 77 /usr/bin/x";
	static const char l4[] = "7ffd0000-7ffe0000 rw-p 00000000 00:00 0 [stack]";
	struct teedev_maps_line l;

	CHECK(teedev_maps_parse_line(l1, sizeof(l1) - 1, &l) == 0);
	EXPECT_EQ_U(l.start, 0x7f0000001000ULL);
	EXPECT_EQ_U(l.end, 0x7f0000003000ULL);
	EXPECT_EQ_U(l.flags, TEEDEV_MAPS_R | TEEDEV_MAPS_W | TEEDEV_MAPS_ANON);
	CHECK(teedev_maps_parse_line(l2, sizeof(l2) - 1, &l) == 0);
	EXPECT_EQ_U(l.off, 0x2000);
	EXPECT_EQ_U(l.ino, 1234);
	EXPECT_EQ_U(l.flags, TEEDEV_MAPS_R | TEEDEV_MAPS_W | TEEDEV_MAPS_SHARED |
			     TEEDEV_MAPS_MEMFD);
	CHECK(teedev_maps_parse_line(l3, sizeof(l3) - 1, &l) == 0);
	EXPECT_EQ_U(l.flags, TEEDEV_MAPS_R | TEEDEV_MAPS_X);
	CHECK(teedev_maps_parse_line(l4, sizeof(l4) - 1, &l) == 0);
	EXPECT(l.flags & TEEDEV_MAPS_ANON);
	EXPECT(teedev_maps_parse_line("zz", 2, &l) == -EINVAL);
	EXPECT(teedev_maps_parse_line(l1, 10, &l) == -EINVAL);
	EXPECT(teedev_maps_parse_line("2000-1000 rw-p 0 00:00 0", 24, &l) ==
	       -EINVAL);
}

TEST(layout_for_aligned_and_unaligned_buffers_and_granules)
{
	struct teedev_reg_layout lo;
	const uint64_t b = 0x7f0000100000ULL;

	/* Aligned, whole pages: everything pinned, no bounce. */
	CHECK(teedev_reg_layout(b, 3 * PG, PG, &lo) == 0);
	EXPECT_EQ_U(lo.start, b);
	EXPECT_EQ_U(lo.end, b + 3 * PG);
	EXPECT_EQ_U(lo.pin_start, b);
	EXPECT_EQ_U(lo.pin_end, b + 3 * PG);
	/* Unaligned at both ends, 4 KiB. */
	CHECK(teedev_reg_layout(b + 100, 3 * PG, PG, &lo) == 0);
	EXPECT_EQ_U(lo.start, b);
	EXPECT_EQ_U(lo.end, b + 4 * PG);
	EXPECT_EQ_U(lo.pin_start, b + PG);
	EXPECT_EQ_U(lo.pin_end, b + 3 * PG);
	/* 16 KiB granule: padding frames outside the buffer. */
	CHECK(teedev_reg_layout(b + PG + 100, 2 * PG, 16384, &lo) == 0);
	EXPECT_EQ_U(lo.start, b);
	EXPECT_EQ_U(lo.end, b + 16384);
	EXPECT_EQ_U(lo.pin_start, b + 2 * PG);
	EXPECT_EQ_U(lo.pin_end, b + 3 * PG);
	/* 64 KiB, a buffer inside one 4 KiB frame: nothing pinned. */
	CHECK(teedev_reg_layout(b + 5 * PG + 10, 20, 65536, &lo) == 0);
	EXPECT_EQ_U(lo.start, b);
	EXPECT_EQ_U(lo.end, b + 65536);
	EXPECT_EQ_U(lo.pin_start, lo.pin_end);
	/* Spanning two partial frames: still nothing pinned. */
	CHECK(teedev_reg_layout(b + PG - 10, 20, PG, &lo) == 0);
	EXPECT_EQ_U(lo.end - lo.start, 2 * PG);
	EXPECT_EQ_U(lo.pin_start, lo.pin_end);
	/* Refusals. */
	EXPECT(teedev_reg_layout(b, 0, PG, &lo) == -EINVAL);
	EXPECT(teedev_reg_layout(UINT64_MAX - 10, 100, PG, &lo) == -EINVAL);
	EXPECT(teedev_reg_layout(UINT64_MAX - PG, 10, PG, &lo) == -EINVAL);
	EXPECT(teedev_reg_layout(b, 10, 12288, &lo) == -EINVAL);
}

/* Check the segments the fake saw cover [s, e) back to back. */
static int segs_cover(const struct fake_reg *r, uint64_t s, uint64_t e)
{
	uint64_t at = s;

	for (uint32_t i = 0; i < r->n_segs; i++) {
		if (r->segs[i].va != at || !r->segs[i].len ||
		    r->segs[i].len % PG || r->segs[i].fd_index >= (uint32_t)r->nfds)
			return -1;
		at += r->segs[i].len;
	}
	return at == e ? 0 : -1;
}

static void check_granule(uint32_t g)
{
	struct fake f;
	uint8_t *base, *buf;
	size_t len = 3 * PG;
	const struct fake_reg *r = &f.last;
	int rfd, k = 0;

	CHECK(fake_open(&f, g) == 0);
	base = anon_aligned(2 * 65536 + 8 * PG, 65536);
	CHECK(base);
	buf = base + 65536 + PG + 100;
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 7);
	rfd = reg(&f, buf, len, NULL);
	CHECK(rfd >= 0);
	EXPECT_EQ_U(f.infos, 1);
	EXPECT(segs_cover(r, (uintptr_t)buf & ~(uintptr_t)(g - 1),
			  ((uintptr_t)(buf + len) + g - 1) & ~(uintptr_t)(g - 1)) == 0);
	/* Head bounce, the two whole frames pinned, tail bounce. */
	EXPECT_EQ_U(r->segs[k].kind, SOFTEE_DEV_REG_SEG_BOUNCE);
	while (k < (int)r->n_segs && r->segs[k].kind == SOFTEE_DEV_REG_SEG_BOUNCE)
		k++;
	CHECK(k < (int)r->n_segs);
	EXPECT_EQ_U(r->segs[k].kind, SOFTEE_DEV_REG_SEG_PINNED);
	EXPECT_EQ_U(r->segs[k].va, (uintptr_t)(base + 65536 + 2 * PG));
	EXPECT_EQ_U(r->segs[k].len, 2 * PG);
	EXPECT_EQ_U(r->segs[r->n_segs - 1].kind, SOFTEE_DEV_REG_SEG_BOUNCE);
	{
		/* The pinned memfd holds the user's bytes: shared pages. */
		const struct softee_dev_reg_seg *s = &r->segs[k];
		uint8_t *m = mmap(NULL, s->len, PROT_READ | PROT_WRITE,
				  MAP_SHARED, r->fds[s->fd_index],
				  (off_t)s->fd_offset);
		uint8_t *u = (uint8_t *)(uintptr_t)s->va;

		CHECK(m != MAP_FAILED);
		EXPECT(!memcmp(m, u, s->len));
		m[5] = 0xab;
		EXPECT_EQ_U(u[5], 0xab);
		u[6] = 0xcd;
		EXPECT_EQ_U(m[6], 0xcd);
		munmap(m, s->len);
	}
	/* Contents are intact after the move (but for the two writes). */
	for (size_t i = 0; i < len; i++) {
		uint8_t *at = buf + i;
		uint8_t want = (uint8_t)(i * 7);

		if (at == (uint8_t *)(uintptr_t)r->segs[k].va + 5)
			want = 0xab;
		if (at == (uint8_t *)(uintptr_t)r->segs[k].va + 6)
			want = 0xcd;
		if (*at != want) {
			TEST_FAILF("byte %zu changed", i);
			break;
		}
	}
	teedev_close(rfd);
	fake_close(&f);
	munmap(base, 2 * 65536 + 8 * PG);
}

TEST(segments_4k_granule)
{
	check_granule(4096);
}

TEST(segments_16k_granule)
{
	check_granule(16384);
}

TEST(segments_64k_granule)
{
	check_granule(65536);
}

/* Inode of the pinned segment covering va in the last registration. */
TEST(reuse_without_copy_then_repin_after_remap)
{
	struct fake f;
	uint8_t *buf;
	uint64_t ino1, ino2;
	int rfd;

	CHECK(fake_open(&f, 4096) == 0);
	buf = anon_aligned(8 * PG, PG);
	CHECK(buf);
	memset(buf, 0x5a, 8 * PG);
	rfd = reg(&f, buf, 8 * PG, NULL);
	CHECK(rfd >= 0);
	ino1 = pinned_ino_at(&f, (uintptr_t)buf);
	EXPECT(ino1 != 0);
	EXPECT_EQ_U(f.last.n_segs, 1);
	teedev_close(rfd);

	/* A sub-range again: the same memfd, no new pin. */
	rfd = reg(&f, buf + 2 * PG, 3 * PG, NULL);
	CHECK(rfd >= 0);
	EXPECT_EQ_U(f.last.n_segs, 1);
	EXPECT_EQ_U(f.last.segs[0].fd_offset, 2 * PG);
	EXPECT_EQ_U(pinned_ino_at(&f, (uintptr_t)buf + 2 * PG), ino1);
	teedev_close(rfd);

	/* The application replaces the pages: maps is the truth. */
	CHECK(mmap(buf + 2 * PG, 2 * PG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
	      MAP_FAILED);
	memset(buf + 2 * PG, 0x77, 2 * PG);
	rfd = reg(&f, buf, 8 * PG, NULL);
	CHECK(rfd >= 0);
	/* Old memfd before and after, a new one in the middle. */
	EXPECT_EQ_U(f.last.n_segs, 3);
	EXPECT_EQ_U(pinned_ino_at(&f, (uintptr_t)buf), ino1);
	ino2 = pinned_ino_at(&f, (uintptr_t)buf + 2 * PG);
	EXPECT(ino2 != 0 && ino2 != ino1);
	EXPECT_EQ_U(pinned_ino_at(&f, (uintptr_t)buf + 5 * PG), ino1);
	EXPECT_EQ_U(buf[2 * PG], 0x77);
	EXPECT_EQ_U(buf[PG], 0x5a);
	EXPECT_EQ_U(buf[7 * PG], 0x5a);
	teedev_close(rfd);
	fake_close(&f);
	munmap(buf, 8 * PG);
}

TEST(file_backed_read_only_shared_and_unmapped_are_refused)
{
	char path[] = "/tmp/libteec-pin-file-XXXXXX";
	struct fake f;
	uint8_t *p;
	int tfd, regs;

	CHECK(fake_open(&f, 4096) == 0);
	tfd = mkstemp(path);
	CHECK(tfd >= 0);
	unlink(path);
	CHECK(ftruncate(tfd, 4 * PG) == 0);
	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, tfd, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 1;
	EXPECT(reg(&f, p, 4 * PG, NULL) == -1 && errno == EFAULT);
	munmap(p, 4 * PG);
	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, tfd, 0);
	CHECK(p != MAP_FAILED);
	EXPECT(reg(&f, p, 4 * PG, NULL) == -1 && errno == EFAULT);
	munmap(p, 4 * PG);
	close(tfd);

	p = mmap(NULL, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	EXPECT(reg(&f, p, 4 * PG, NULL) == -1 && errno == EFAULT);
	munmap(p, 4 * PG);

	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	EXPECT(reg(&f, p, 4 * PG, NULL) == -1 && errno == EFAULT);

	/* Read-only bytes in bounce frames only: refused all the same. */
	p = mmap(NULL, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	EXPECT(reg(&f, p + 10, 100, NULL) == -1 && errno == EFAULT);
	EXPECT(reg(&f, p + PG - 10, 20, NULL) == -1 && errno == EFAULT);
	munmap(p, 4 * PG);

	/* A hole in the middle. */
	munmap(p, 4 * PG);
	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	munmap(p + PG, PG);
	EXPECT(reg(&f, p, 4 * PG, NULL) == -1 && errno == EFAULT);
	/* Nothing was moved: the pages around the hole are still private. */
	EXPECT(reg(&f, p + 2 * PG, 2 * PG, NULL) >= 0);
	munmap(p, 4 * PG);
	regs = f.regs;
	EXPECT_EQ_U(regs, 1);
	fake_close(&f);
}

/* The fake TA: check the bounce bytes it sees, then overwrite frames. */
struct bounce_probe {
	uint8_t *buf;
	size_t len;
	int ok_in;
	int calls;
};

static void bounce_on_invoke(struct fake *f, struct tee_ioctl_invoke_arg *a)
{
	struct bounce_probe *bp = f->priv;
	const struct fake_reg *r = &f->last;

	(void)a;
	bp->ok_in = 1;
	for (uint32_t i = 0; i < r->n_segs; i++) {
		const struct softee_dev_reg_seg *s = &r->segs[i];
		uint8_t *m;

		m = mmap(NULL, s->len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 r->fds[s->fd_index], (off_t)s->fd_offset);
		if (m == MAP_FAILED) {
			bp->ok_in = 0;
			continue;
		}
		for (uint64_t k = 0; k < s->len; k++) {
			uint8_t *va = (uint8_t *)(uintptr_t)(s->va + k);
			bool in = va >= bp->buf && va < bp->buf + bp->len;

			/* Buffer bytes arrived; other bytes are not copied. */
			if (s->kind == SOFTEE_DEV_REG_SEG_BOUNCE &&
			    m[k] != (in ? (uint8_t)(va - bp->buf) :
				    bp->calls ? 0xee : 0))
				bp->ok_in = 0;
			m[k] = 0xee;
		}
		munmap(m, s->len);
	}
	bp->calls++;
}

static int invoke_memref(struct fake *f, int id, uint32_t attr,
			 uint64_t off, uint64_t size)
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

	memset(&ib, 0, sizeof(ib));
	ia->num_params = 1;
	ia->params[0].attr = attr;
	ia->params[0].a = off;
	ia->params[0].b = size;
	ia->params[0].c = (uint64_t)id;
	return teedev_ioctl(f->cfd, TEE_IOC_INVOKE, &bd);
}

TEST(bounce_sync_touches_only_buffer_bytes)
{
	struct bounce_probe bp;
	struct fake f;
	uint8_t *page;
	int rfd, id = -1;

	CHECK(fake_open(&f, 16384) == 0);
	page = anon_aligned(8 * PG, 16384);
	CHECK(page);
	memset(page, 0x11, 8 * PG);
	bp.buf = page + PG + 3000;		/* two partial frames + 1 whole */
	bp.len = 2 * PG;
	bp.calls = 0;
	for (size_t i = 0; i < bp.len; i++)
		bp.buf[i] = (uint8_t)i;
	f.priv = &bp;
	f.on_invoke = bounce_on_invoke;
	rfd = reg(&f, bp.buf, bp.len, &id);
	CHECK(rfd >= 0);
	EXPECT(invoke_memref(&f, id, TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT, 0,
			     bp.len) == 0);
	EXPECT(bp.ok_in);
	/* Every buffer byte now 0xee (pinned: shared; bounce: copied back). */
	for (size_t i = 0; i < bp.len; i++)
		if (bp.buf[i] != 0xee) {
			TEST_FAILF("buffer byte %zu is %#x", i, bp.buf[i]);
			break;
		}
	/* Neighbours in the same pages are untouched. */
	EXPECT_EQ_U(bp.buf[-1], 0x11);
	EXPECT_EQ_U(page[PG], 0x11);
	EXPECT_EQ_U(bp.buf[bp.len], 0x11);
	EXPECT_EQ_U(page[4 * PG - 1], 0x11);

	/* INPUT: nothing comes back. */
	bp.buf[0] = 0;
	for (size_t i = 0; i < bp.len; i++)
		bp.buf[i] = (uint8_t)i;
	EXPECT(invoke_memref(&f, id, TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, 0,
			     bp.len) == 0);
	EXPECT(bp.ok_in);
	EXPECT_EQ_U(bp.buf[0], 0);
	EXPECT_EQ_U(bp.buf[bp.len - 1], (uint8_t)(bp.len - 1));

	/* The application unmaps what it registered: no crash. */
	CHECK(munmap(page, 8 * PG) == 0);
	EXPECT(invoke_memref(&f, id, TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT, 0,
			     bp.len) == 0);
	teedev_close(rfd);
	EXPECT_EQ_U(f.releases, 1);
	fake_close(&f);
	EXPECT(f.stats_msgs >= 1);
	EXPECT(f.stats.bounce_bytes > 0);
	EXPECT(f.stats.zero_copy_bytes > 0);
	EXPECT_EQ_U(f.stats.pinned_bytes, PG);
}

TEST(fork_child_gets_private_copies)
{
	struct fake f;
	uint8_t *buf;
	int rfd, go[2], st = 0;
	pid_t pid;

	CHECK(fake_open(&f, 4096) == 0);
	buf = anon_aligned(4 * PG, PG);
	CHECK(buf);
	memset(buf, 1, 4 * PG);
	rfd = reg(&f, buf, 4 * PG, NULL);
	CHECK(rfd >= 0);
	CHECK(pipe(go) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char c;
		int bad = 0;

		/* The parent writes buf[0] = 2 before letting us go. */
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		bad |= buf[0] != 1;
		buf[PG] = 9;
		bad |= (buf[PG] != 9) << 1;
		_exit(bad);
	}
	buf[0] = 2;
	EXPECT(write(go[1], "g", 1) == 1);
	EXPECT(waitpid(pid, &st, 0) == pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		TEST_FAILF("child status %#x", st);
	EXPECT_EQ_U(buf[PG], 1);
	EXPECT_EQ_U(buf[0], 2);
	close(go[0]);
	close(go[1]);
	teedev_close(rfd);
	fake_close(&f);
	munmap(buf, 4 * PG);
}

TEST(alloc_pinned_registers_without_copy_or_bounce)
{
	struct fake f;
	uint8_t *p;
	size_t sz;
	int rfd;

	CHECK(fake_open(&f, 65536) == 0);
	sz = teedev_pinned_size(f.cfd, 100);
	EXPECT_EQ_U(sz, 65536);
	p = teedev_alloc_pinned(f.cfd, 100);
	CHECK(p);
	EXPECT_EQ_U((uintptr_t)p % 65536, 0);
	memset(p, 3, sz);
	rfd = reg(&f, p, sz, NULL);
	CHECK(rfd >= 0);
	EXPECT_EQ_U(f.last.n_segs, 1);
	EXPECT_EQ_U(f.last.segs[0].kind, SOFTEE_DEV_REG_SEG_PINNED);
	EXPECT_EQ_U(f.last.segs[0].len, 65536);
	teedev_close(rfd);
	teedev_free_pinned(p, sz);
	fake_close(&f);
	EXPECT_EQ_U(f.stats.pinned_bytes, 0);
	/* Heap memory through the same call on a non-softee fd. */
	p = teedev_alloc_pinned(-1, 100);
	CHECK(p);
	p[99] = 1;
	teedev_free_pinned(p, 100);
}

TEST(large_registration_has_no_hidden_ceiling)
{
	size_t len = (size_t)256 << 20;
	struct fake f;
	uint8_t *p;
	int rfd;

	CHECK(fake_open(&f, 4096) == 0);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 1;
	p[len - 1] = 2;
	rfd = reg(&f, p, len, NULL);
	CHECK(rfd >= 0);
	EXPECT_EQ_U(f.last.n_segs, 1);
	EXPECT_EQ_U(f.last.segs[0].len, len);
	EXPECT_EQ_U(p[0], 1);
	EXPECT_EQ_U(p[len - 1], 2);
	teedev_close(rfd);
	fake_close(&f);
	munmap(p, len);
}

/* How many of our fds are open on the file with inode ino. */
static int count_ino_fds(uint64_t ino)
{
	char path[64];
	struct stat st;
	int n = 0;

	for (int fd = 0; fd < 4096; fd++) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (!stat(path, &st) && (uint64_t)st.st_ino == ino)
			n++;
	}
	return n;
}

/* Fresh faulted anonymous memory, registered once and released. */
static uint8_t *pin_fresh(struct fake *f, size_t len, uint64_t *ino,
			  int *rfd)
{
	uint8_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0x42, len);
	*rfd = reg(f, p, len, NULL);
	*ino = pinned_ino_at(f, (uintptr_t)p);
	fake_reg_clear(&f->last);
	return p;
}

TEST(unmapped_pins_are_recycled_only_when_unregistered)
{
	size_t len = (size_t)8 << 20;
	uint64_t ino1, ino2, ino3;
	uint8_t *p1, *p2, *p3;
	int r1, r2, r3;
	struct fake f;

	CHECK(fake_open(&f, 4096) == 0);
	p1 = pin_fresh(&f, len, &ino1, &r1);
	CHECK(p1 && r1 >= 0 && ino1);
	teedev_close(r1);
	EXPECT_EQ_U(count_ino_fds(ino1), 1);	/* the pin table's */
	munmap(p1, len);
	/* maps says it is gone: its memfd (pages allocated) is reused. */
	p2 = pin_fresh(&f, len, &ino2, &r2);
	CHECK(p2 && r2 >= 0);
	EXPECT_EQ_U(ino2, ino1);
	EXPECT_EQ_U(p2[0], 0x42);
	EXPECT_EQ_U(p2[len - 1], 0x42);
	/* Still registered when unmapped: never reused. */
	munmap(p2, len);
	p3 = pin_fresh(&f, len, &ino3, &r3);
	CHECK(p3 && r3 >= 0);
	EXPECT(ino3 != ino2);
	teedev_close(r2);
	teedev_close(r3);
	munmap(p3, len);
	fake_close(&f);
}

int main(void)
{
	if (fake_setup())
		return 1;
	RUN(maps_line_parsing);
	RUN(layout_for_aligned_and_unaligned_buffers_and_granules);
	RUN(segments_4k_granule);
	RUN(segments_16k_granule);
	RUN(segments_64k_granule);
	RUN(reuse_without_copy_then_repin_after_remap);
	RUN(file_backed_read_only_shared_and_unmapped_are_refused);
	RUN(bounce_sync_touches_only_buffer_bytes);
	RUN(fork_child_gets_private_copies);
	RUN(alloc_pinned_registers_without_copy_or_bounce);
	RUN(large_registration_has_no_hidden_ceiling);
	RUN(unmapped_pins_are_recycled_only_when_unregistered);

	fake_teardown();
	return testlib_summary();
}
