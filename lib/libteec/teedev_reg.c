/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Registration of user memory with a softee driver: granule layout,
 * pinning, the SHM_REGISTER message, and bounce frames kept in step with
 * the buffer at invoke boundaries (only the buffer's own bytes).
 */
#define _GNU_SOURCE
#include "teedev_reg.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "softee_dev.h"
#include "teedev_pin.h"
#include "teedev_sys.h"
#include "util.h"
#include "wire.h"

#define TEEDEV_REG_FRAME 4096ULL

/*
 * What the client keeps of one registration, found by (conn, id): its
 * bounce frames (if any) and the pinned memfds it names.
 */
struct teedev_bounce {
	struct teedev_bounce *next;
	const struct teedev_conn *conn;	/* a key only, never dereferenced */
	int id;
	unsigned int refs;
	uint64_t addr;			/* the registered buffer */
	uint64_t len;
	uint8_t *map;			/* our mapping of the bounce memfd */
	size_t map_len;
	struct {
		uint64_t va;		/* client addresses [va, end) */
		uint64_t end;
		uint64_t boff;		/* their offset in the memfd */
	} run[2];
	int nruns;
	uint64_t inos[WIRE_MAX_FDS];	/* pinned memfds, for teedev_pin_hold */
	size_t ninos;
};

static pthread_mutex_t teedev_bounce_lock = PTHREAD_MUTEX_INITIALIZER;
static struct teedev_bounce *teedev_bounces;

int teedev_reg_layout(uint64_t addr, uint64_t len, uint64_t g,
		      struct teedev_reg_layout *lo)
{
	uint64_t end;

	if (!len || g < TEEDEV_REG_FRAME || (g & (g - 1)) ||
	    ADD_OVERFLOW(addr, len, &end) || !round_up_u64(end, g, &lo->end))
		return -EINVAL;
	lo->start = addr & ~(g - 1);
	if (!round_up_u64(addr, TEEDEV_REG_FRAME, &lo->pin_start))
		return -EINVAL;
	lo->pin_end = end & ~(TEEDEV_REG_FRAME - 1);
	if (lo->pin_start >= lo->pin_end)
		lo->pin_start = lo->pin_end = lo->start;
	return 0;
}

static void teedev_bounce_put(struct teedev_bounce *b)
{
	bool last;

	pthread_mutex_lock(&teedev_bounce_lock);
	last = --b->refs == 0;
	pthread_mutex_unlock(&teedev_bounce_lock);
	if (!last)
		return;
	if (b->map)
		teedev_sys_munmap(b->map, b->map_len);
	free(b);
}

/* Bounce frames for the layout: a memfd and our mapping of it. */
static int teedev_bounce_new(const struct teedev_reg_layout *lo,
			     uint64_t addr, uint64_t len,
			     struct teedev_bounce **out, int *bfd)
{
	struct teedev_bounce *b;
	uint64_t total = 0;

	*out = NULL;
	*bfd = -1;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	if (lo->pin_start == lo->pin_end) {
		b->run[b->nruns++] = (typeof(b->run[0])){ lo->start, lo->end, 0 };
	} else {
		if (lo->start < lo->pin_start)
			b->run[b->nruns++] = (typeof(b->run[0])){
				lo->start, lo->pin_start, 0 };
		if (lo->pin_end < lo->end)
			b->run[b->nruns++] = (typeof(b->run[0])){
				lo->pin_end, lo->end, 0 };
	}
	for (int i = 0; i < b->nruns; i++) {
		b->run[i].boff = total;
		total += b->run[i].end - b->run[i].va;
	}
	if (!total) {
		/* Still a record: it holds the pinned memfds. */
		b->addr = addr;
		b->len = len;
		b->refs = 1;
		*out = b;
		return 0;
	}
	*bfd = softee_memfd("softee-bounce", total);
	if (*bfd < 0) {
		int r = *bfd;

		free(b);
		*bfd = -1;
		return r;
	}
	b->map = teedev_sys_mmap(NULL, total, PROT_READ | PROT_WRITE,
				 MAP_SHARED, *bfd, 0);
	if (b->map == MAP_FAILED) {
		int r = -errno;

		teedev_sys_close(*bfd);
		*bfd = -1;
		free(b);
		return r;
	}
	b->map_len = total;
	b->addr = addr;
	b->len = len;
	b->refs = 1;
	*out = b;
	return 0;
}

/* Register message: data, header, segments (pinned ones from the pinner). */
struct teedev_reg_msg {
	struct tee_ioctl_shm_register_data d;
	struct softee_dev_reg_hdr rh;
	struct softee_dev_reg_seg segs[SOFTEE_DEV_MAX_REG_SEGS];
};

static void teedev_reg_add_bounce(struct teedev_reg_msg *m,
				  const struct teedev_bounce *b, int run,
				  uint32_t fd_index)
{
	struct softee_dev_reg_seg *s = &m->segs[m->rh.n_segs++];

	s->va = b->run[run].va;
	s->len = b->run[run].end - b->run[run].va;
	s->fd_offset = b->run[run].boff;
	s->fd_index = fd_index;
	s->kind = SOFTEE_DEV_REG_SEG_BOUNCE;
}

/* The deferred copies of a registration, run while the driver works. */
struct teedev_reg_finish {
	struct teedev_pin_defer defer;
	bool ran;
	bool settle;		/* teedev_pin_settled owed */
	int ret;
};

static void teedev_reg_finish_pins(void *arg)
{
	struct teedev_reg_finish *f = arg;

	if (f->ran)
		return;
	f->ran = true;
	f->settle = f->defer.n > 0;
	f->ret = teedev_pin_finish(&f->defer);
}

int teedev_reg_register(struct teedev_conn *conn,
			struct tee_ioctl_shm_register_data *d)
{
	struct teedev_reg_finish fin = { .ran = false };
	struct teedev_pin_seg psegs[SOFTEE_DEV_MAX_REG_SEGS];
	struct teedev_reg_msg *m;
	struct teedev_reg_layout lo;
	struct softee_dev_info info;
	struct teedev_bounce *b = NULL;
	int fds[WIRE_MAX_FDS];
	size_t npsegs = 0, nfds = 0;
	uint64_t pinned = 0;
	int bfd = -1, fd = -1, r;
	struct iovec iov[3];

	if (d->flags || !d->length)
		return -EINVAL;
	r = teedev_conn_info(conn, &info);
	if (r)
		return r;
	r = teedev_reg_layout(d->addr, d->length, info.page_size, &lo);
	if (r)
		return r;
	if (info.max_reg_bytes && lo.end - lo.start > info.max_reg_bytes)
		return -ENOMEM;
	if (lo.end > UINTPTR_MAX)
		return -EFAULT;
	/* The 4 KiB frames holding buffer bytes outside the pinned ones. */
	{
		uint64_t fs = d->addr & ~(TEEDEV_REG_FRAME - 1), fe;

		if (!round_up_u64(d->addr + d->length, TEEDEV_REG_FRAME, &fe))
			return -EINVAL;
		if (lo.pin_start == lo.pin_end) {
			r = teedev_pin_check((uintptr_t)fs, (uintptr_t)fe);
		} else {
			r = fs < lo.pin_start ?
			    teedev_pin_check((uintptr_t)fs,
					     (uintptr_t)lo.pin_start) : 0;
			if (!r && lo.pin_end < fe)
				r = teedev_pin_check((uintptr_t)lo.pin_end,
						     (uintptr_t)fe);
		}
		if (r)
			return r;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	if (lo.pin_start < lo.pin_end) {
		/* Room for two bounce segments and the bounce fd. */
		r = teedev_pin_range((uintptr_t)lo.pin_start,
				     (uintptr_t)lo.pin_end, psegs,
				     SOFTEE_DEV_MAX_REG_SEGS - 2, &npsegs,
				     fds, WIRE_MAX_FDS - 1, &nfds, &pinned,
				     &fin.defer);
		if (r)
			goto out;
		teedev_conn_count(conn, TEEDEV_STAT_PINNED, pinned);
	}
	r = teedev_bounce_new(&lo, d->addr, d->length, &b, &bfd);
	if (r)
		goto out;
	if (bfd >= 0)
		fds[nfds] = bfd;

	m->d = *d;
	if (b->nruns && b->run[0].va == lo.start)
		teedev_reg_add_bounce(m, b, 0, (uint32_t)nfds);
	for (size_t i = 0; i < npsegs; i++) {
		struct softee_dev_reg_seg *s = &m->segs[m->rh.n_segs++];

		s->va = psegs[i].va;
		s->len = psegs[i].len;
		s->fd_offset = psegs[i].off;
		s->fd_index = (uint32_t)psegs[i].fd;
		s->kind = SOFTEE_DEV_REG_SEG_PINNED;
	}
	if (b->nruns && b->run[b->nruns - 1].va != lo.start)
		teedev_reg_add_bounce(m, b, b->nruns - 1, (uint32_t)nfds);

	iov[0] = (struct iovec){ &m->d, sizeof(m->d) };
	iov[1] = (struct iovec){ &m->rh, sizeof(m->rh) };
	iov[2] = (struct iovec){ m->segs, m->rh.n_segs * sizeof(m->segs[0]) };
	r = teedev_conn_call_during(conn, TEE_IOC_SHM_REGISTER, iov, 3, fds,
				    (int)nfds + (bfd >= 0), &m->d,
				    sizeof(m->d), &fd, teedev_reg_finish_pins,
				    &fin);
	teedev_reg_finish_pins(&fin);
	if (fin.settle)
		teedev_pin_settled();
	fin.settle = false;
	if (!r && fin.ret) {
		/* The pages did not move: the registration names stale memfds. */
		teedev_sys_close(fd);
		r = fin.ret;
	}
	if (r)
		goto out;
	*d = m->d;
	for (size_t i = 0; i < nfds; i++) {
		struct stat st;

		if (!fstat(fds[i], &st))
			b->inos[b->ninos++] = (uint64_t)st.st_ino;
	}
	/* Registered memfds are not recycled until released. */
	teedev_pin_hold(b->inos, b->ninos, +1);
	b->conn = conn;
	b->id = d->id;
	pthread_mutex_lock(&teedev_bounce_lock);
	b->next = teedev_bounces;
	teedev_bounces = b;
	pthread_mutex_unlock(&teedev_bounce_lock);
	b = NULL;
	r = fd;
out:
	teedev_reg_finish_pins(&fin);	/* an early error: nothing was sent */
	if (fin.settle)
		teedev_pin_settled();
	for (size_t i = 0; i < nfds; i++)
		teedev_sys_close(fds[i]);
	if (bfd >= 0)
		teedev_sys_close(bfd);
	if (b)
		teedev_bounce_put(b);
	free(m);
	return r;
}

void teedev_reg_unpublish(struct teedev_conn *conn, int id)
{
	struct teedev_bounce **pp, *b = NULL;

	pthread_mutex_lock(&teedev_bounce_lock);
	for (pp = &teedev_bounces; *pp; pp = &(*pp)->next) {
		if ((*pp)->conn == conn && (*pp)->id == id) {
			b = *pp;
			*pp = b->next;
			break;
		}
	}
	pthread_mutex_unlock(&teedev_bounce_lock);
	if (b) {
		teedev_pin_hold(b->inos, b->ninos, -1);
		teedev_bounce_put(b);
	}
}

static struct teedev_bounce *teedev_bounce_get(const struct teedev_conn *conn,
					       uint64_t id)
{
	struct teedev_bounce *b;

	if (id > INT32_MAX)
		return NULL;
	pthread_mutex_lock(&teedev_bounce_lock);
	for (b = teedev_bounces; b; b = b->next)
		if (b->conn == conn && b->id == (int)id)
			break;
	if (b)
		b->refs++;
	pthread_mutex_unlock(&teedev_bounce_lock);
	return b;
}

/* One memref on a registration with bounce frames. */
struct teedev_sync_ent {
	struct teedev_bounce *b;
	uint64_t ws;		/* window [ws, we) of client addresses */
	uint64_t we;
	bool out;		/* the TEE may write it */
};

struct teedev_sync {
	size_t n;
	struct teedev_sync_ent e[];
};

/*
 * Copy between the client's buffer and a bounce frame through the kernel
 * (process_vm_readv/writev on ourselves), so that a buffer the
 * application unmapped after registering it gives an error, not a crash.
 * Falls back to memcpy where those calls are not allowed.
 */
static bool teedev_sync_copy(void *frame, uint64_t va, size_t len,
			     bool to_frames)
{
	struct iovec local = { .iov_base = frame, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)(uintptr_t)va,
				.iov_len = len };
	ssize_t n;

	if (to_frames)
		n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	else
		n = process_vm_writev(getpid(), &local, 1, &remote, 1, 0);
	if (n == (ssize_t)len)
		return true;
	if (n < 0 && (errno == ENOSYS || errno == EPERM)) {
		if (to_frames)
			memcpy(frame, remote.iov_base, len);
		else
			memcpy(remote.iov_base, frame, len);
		return true;
	}
	return false;	/* unmapped or read-only now: not synced */
}

/*
 * Copy the window's bytes that live in bounce frames: to the frames
 * (to_frames) or back to the buffer. Returns the bytes copied.
 */
static uint64_t teedev_sync_window(const struct teedev_sync_ent *se,
				   bool to_frames)
{
	const struct teedev_bounce *b = se->b;
	uint64_t done = 0;

	for (int i = 0; i < b->nruns; i++) {
		uint64_t s = MAX(se->ws, b->run[i].va);
		uint64_t e = MIN(se->we, b->run[i].end);
		uint8_t *frame;

		if (s >= e)
			continue;
		frame = b->map + b->run[i].boff + (s - b->run[i].va);
		if (teedev_sync_copy(frame, s, e - s, to_frames))
			done += e - s;
	}
	return done;
}

/* Where the params of an OPEN_SESSION / INVOKE argument are. */
static const struct tee_ioctl_param *teedev_sync_params(uint32_t op,
							const void *arg,
							size_t len, size_t *n)
{
	size_t hdr, np;
	uint32_t num;

	if (op == (uint32_t)TEE_IOC_INVOKE) {
		hdr = offsetof(struct tee_ioctl_invoke_arg, params);
		if (len < hdr)
			return NULL;
		memcpy(&num, (const uint8_t *)arg +
		       offsetof(struct tee_ioctl_invoke_arg, num_params),
		       sizeof(num));
	} else {
		hdr = offsetof(struct tee_ioctl_open_session_arg, params);
		if (len < hdr)
			return NULL;
		memcpy(&num, (const uint8_t *)arg +
		       offsetof(struct tee_ioctl_open_session_arg, num_params),
		       sizeof(num));
	}
	np = (len - hdr) / sizeof(struct tee_ioctl_param);
	*n = MIN((size_t)num, np);
	return (const struct tee_ioctl_param *)(const void *)
	       ((const uint8_t *)arg + hdr);
}

struct teedev_sync *teedev_reg_sync_prepare(struct teedev_conn *conn,
					    uint32_t op, const void *arg,
					    size_t len)
{
	const struct tee_ioctl_param *p;
	struct teedev_sync *s = NULL;
	uint64_t zc = 0, bounced = 0;
	size_t n;

	p = teedev_sync_params(op, arg, len, &n);
	if (!p)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		struct tee_ioctl_param prm;
		struct teedev_sync_ent se;
		uint32_t type;
		uint64_t end, copied;

		memcpy(&prm, &p[i], sizeof(prm));
		type = (uint32_t)(prm.attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK);
		if (type < TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT ||
		    type > TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT ||
		    prm.c == TEE_MEMREF_NULL)
			continue;
		se.b = teedev_bounce_get(conn, prm.c);
		if (!se.b || !se.b->nruns) {
			/* Shared pages only: nothing to copy. */
			zc += prm.b;
			if (se.b)
				teedev_bounce_put(se.b);
			continue;
		}
		/* The window, clamped to the buffer (the driver checks it). */
		if (ADD_OVERFLOW(prm.a, prm.b, &end) || end > se.b->len)
			end = se.b->len;
		se.ws = se.b->addr + MIN(prm.a, se.b->len);
		se.we = se.b->addr + end;
		se.out = type != TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
		if (!s) {
			s = calloc(1, sizeof(*s) + n * sizeof(s->e[0]));
			if (!s) {
				teedev_bounce_put(se.b);
				continue;
			}
		}
		/*
		 * Output memrefs are synced in as well: the bytes the TA
		 * leaves alone must come back unchanged.
		 */
		copied = se.we > se.ws ? teedev_sync_window(&se, true) : 0;
		bounced += copied;
		zc += (se.we - se.ws) - copied;
		s->e[s->n++] = se;
	}
	teedev_conn_count(conn, TEEDEV_STAT_ZERO_COPY, zc);
	teedev_conn_count(conn, TEEDEV_STAT_BOUNCE, bounced);
	return s;
}

void teedev_reg_sync_finish(struct teedev_conn *conn, struct teedev_sync *s,
			    bool ok)
{
	uint64_t bounced = 0;

	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		if (ok && s->e[i].out && s->e[i].we > s->e[i].ws)
			bounced += teedev_sync_window(&s->e[i], false);
		teedev_bounce_put(s->e[i].b);
	}
	teedev_conn_count(conn, TEEDEV_STAT_BOUNCE, bounced);
	free(s);
}
