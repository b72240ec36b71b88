/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The softee backend: turns uapi ioctls into device-protocol requests and
 * keeps Linux's lifetime rules for shm (released when its last fd is closed
 * and its last mapping unmapped) by tracking our fds and mappings.
 */
#define _GNU_SOURCE
#include "teedev_softee.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/tee.h>

#include "softee_dev.h"
#include "teedev_conn.h"
#include "teedev_pin.h"
#include "teedev_reg.h"
#include "teedev_sys.h"
#include "util.h"
#include "wire.h"

#define TEEDEV_PAGE 4096ULL

struct teedev_shm {
	int id;
	struct teedev_conn *conn;	/* reference held until released */
	int memfd;		/* our own dup for SHM_ALLOC, -1 for registered */
	int nfds;		/* user fds still open */
	int nmaps;		/* user mappings still present */
	struct teedev_shm *rel_next;
};

enum teedev_ent_kind { TEEDEV_ENT_DEV, TEEDEV_ENT_SHM };

struct teedev_ent {
	int fd;
	enum teedev_ent_kind kind;
	struct teedev_conn *conn;	/* TEEDEV_ENT_DEV */
	struct teedev_shm *shm;		/* TEEDEV_ENT_SHM */
};

struct teedev_map {
	uintptr_t start;
	uintptr_t end;
	uint64_t off;		/* file offset of start */
	struct teedev_shm *shm;
};

static pthread_mutex_t teedev_lock = PTHREAD_MUTEX_INITIALIZER;
static struct teedev_ent *teedev_ents;
static size_t teedev_nents, teedev_cap_ents;
static struct teedev_map *teedev_maps;
static size_t teedev_nmaps, teedev_cap_maps;
/* Lock-free fast path for the shim: nothing of ours exists at all. */
static size_t teedev_nents_hint, teedev_nmaps_hint;

static void teedev_update_hints(void)
{
	__atomic_store_n(&teedev_nents_hint, teedev_nents, __ATOMIC_RELEASE);
	__atomic_store_n(&teedev_nmaps_hint, teedev_nmaps, __ATOMIC_RELEASE);
}

static bool teedev_any_ents(void)
{
	return __atomic_load_n(&teedev_nents_hint, __ATOMIC_ACQUIRE) != 0;
}

static bool teedev_any_maps(void)
{
	return __atomic_load_n(&teedev_nmaps_hint, __ATOMIC_ACQUIRE) != 0;
}

/* Grow an array to hold one more element; 0 or -ENOMEM. */
static int teedev_grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

static struct teedev_ent *teedev_find_ent(int fd)
{
	for (size_t i = 0; i < teedev_nents; i++)
		if (teedev_ents[i].fd == fd)
			return &teedev_ents[i];
	return NULL;
}

static int teedev_add_ent(const struct teedev_ent *e)
{
	if (teedev_grow((void **)&teedev_ents, &teedev_cap_ents, teedev_nents,
			sizeof(*e)))
		return -ENOMEM;
	teedev_ents[teedev_nents++] = *e;
	teedev_update_hints();
	return 0;
}

static void teedev_del_ent(struct teedev_ent *e)
{
	*e = teedev_ents[--teedev_nents];
	teedev_update_hints();
}

/* Tell the driver that shm id is gone (its last fd and map are). */
static void teedev_shm_release_id(struct teedev_conn *conn, int id)
{
	struct softee_dev_shm_release rel = { .id = id };
	struct iovec iov = { .iov_base = &rel, .iov_len = sizeof(rel) };
	uint8_t scratch[sizeof(rel)];

	teedev_conn_call(conn, SOFTEE_DEV_OP_SHM_RELEASE, &iov, 1,
			 NULL, 0, scratch, sizeof(scratch), NULL);
}

/* Release an shm on the driver's side, then free our side of it. */
static void teedev_shm_release(struct teedev_shm *shm)
{
	teedev_reg_unpublish(shm->conn, shm->id);
	teedev_shm_release_id(shm->conn, shm->id);
	teedev_conn_put(shm->conn);
	if (shm->memfd >= 0)
		teedev_sys_close(shm->memfd);
	free(shm);
}

static void teedev_release_list(struct teedev_shm *list)
{
	while (list) {
		struct teedev_shm *next = list->rel_next;

		teedev_shm_release(list);
		list = next;
	}
}

static void teedev_shm_unmapped(struct teedev_shm *shm,
				struct teedev_shm **rel)
{
	if (--shm->nmaps == 0 && shm->nfds == 0) {
		shm->rel_next = *rel;
		*rel = shm;
	}
}

/*
 * Forget our mappings in [start, start+len) after the kernel unmapped or
 * replaced them; shms left without fds and maps go on *rel. Lock held.
 */
static void teedev_forget_range(uintptr_t start, size_t len,
				struct teedev_shm **rel)
{
	uintptr_t end;
	size_t i = 0;

	if (ADD_OVERFLOW(start, len, &end))
		end = UINTPTR_MAX;
	else
		end = (end + TEEDEV_PAGE - 1) & ~(uintptr_t)(TEEDEV_PAGE - 1);
	while (i < teedev_nmaps) {
		struct teedev_map *m = &teedev_maps[i];

		if (m->start >= end || start >= m->end) {
			i++;
			continue;
		}
		if (start <= m->start && end >= m->end) {
			struct teedev_shm *shm = m->shm;

			*m = teedev_maps[--teedev_nmaps];
			teedev_shm_unmapped(shm, rel);
			continue;
		}
		if (start <= m->start) {
			m->off += end - m->start;
			m->start = end;
		} else if (end >= m->end) {
			m->end = start;
		} else {
			/* A hole in the middle: the mapping becomes two. */
			struct teedev_map tail = {
				.start = end, .end = m->end,
				.off = m->off + (end - m->start), .shm = m->shm,
			};

			m->end = start;
			if (!teedev_grow((void **)&teedev_maps, &teedev_cap_maps,
					 teedev_nmaps, sizeof(tail))) {
				teedev_maps[teedev_nmaps++] = tail;
				tail.shm->nmaps++;
			}
		}
		i++;
	}
	teedev_update_hints();
}

int teedev_softee_connect(const char *sock_path)
{
	struct teedev_ent e = { .kind = TEEDEV_ENT_DEV };
	struct teedev_conn *conn;
	int sock, ufd, r;

	sock = wire_connect(sock_path);
	if (sock < 0) {
		errno = (sock == -ECONNREFUSED) ? ENOENT : -sock;
		return -1;
	}
	/* The user's fd is a dup, so closing it never cuts shms' link. */
	ufd = teedev_sys_dup_cloexec(sock);
	if (ufd < 0) {
		r = errno;
		teedev_sys_close(sock);
		errno = r;
		return -1;
	}
	conn = teedev_conn_new(sock);
	if (!conn) {
		teedev_sys_close(ufd);
		teedev_sys_close(sock);
		errno = ENOMEM;
		return -1;
	}
	e.fd = ufd;
	e.conn = conn;
	pthread_mutex_lock(&teedev_lock);
	r = teedev_add_ent(&e);
	pthread_mutex_unlock(&teedev_lock);
	if (r) {
		teedev_conn_put(conn);
		teedev_sys_close(ufd);
		errno = ENOMEM;
		return -1;
	}
	return ufd;
}

bool teedev_softee_owns_fd(int fd)
{
	bool r;

	if (!teedev_any_ents())
		return false;
	pthread_mutex_lock(&teedev_lock);
	r = teedev_find_ent(fd) != NULL;
	pthread_mutex_unlock(&teedev_lock);
	return r;
}

bool teedev_softee_owns_map(void *addr, size_t len)
{
	uintptr_t s = (uintptr_t)addr, e;
	bool r = false;

	if (!teedev_any_maps())
		return false;
	if (ADD_OVERFLOW(s, len, &e))
		e = UINTPTR_MAX;
	pthread_mutex_lock(&teedev_lock);
	for (size_t i = 0; i < teedev_nmaps && !r; i++)
		r = teedev_maps[i].start < e && s < teedev_maps[i].end;
	pthread_mutex_unlock(&teedev_lock);
	return r;
}

/* Start tracking a new shm whose user fd is fd; memfd: ours or -1. */
static int teedev_track_shm(struct teedev_conn *conn, int id, int fd,
			    int memfd)
{
	struct teedev_shm *shm = calloc(1, sizeof(*shm));
	struct teedev_ent e = { .fd = fd, .kind = TEEDEV_ENT_SHM };
	int r;

	if (!shm)
		return -ENOMEM;
	shm->id = id;
	shm->conn = conn;
	shm->memfd = memfd;
	shm->nfds = 1;
	e.shm = shm;
	teedev_conn_get(conn);
	pthread_mutex_lock(&teedev_lock);
	r = teedev_add_ent(&e);
	pthread_mutex_unlock(&teedev_lock);
	if (r) {
		/* Undo on the driver's side too, so nothing leaks there. */
		teedev_shm_release(shm);
	}
	return r;
}

static int teedev_do_shm_alloc(struct teedev_conn *conn, void *arg)
{
	struct tee_ioctl_shm_alloc_data d;
	struct iovec iov = { .iov_base = &d, .iov_len = sizeof(d) };
	uint64_t req_size;
	struct stat st;
	int fd, memfd, r;

	memcpy(&d, arg, sizeof(d));
	req_size = d.size;
	r = teedev_conn_call(conn, TEE_IOC_SHM_ALLOC, &iov, 1, NULL, 0,
			     &d, sizeof(d), &fd);
	if (r)
		return r;
	/* A short or odd memfd would turn later accesses into SIGBUS. */
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || d.size < req_size ||
	    (uint64_t)st.st_size < d.size) {
		teedev_sys_close(fd);
		teedev_shm_release_id(conn, d.id);
		return -EIO;
	}
	memfd = teedev_sys_dup_cloexec(fd);
	if (memfd < 0) {
		r = -errno;
		teedev_sys_close(fd);
		return r;
	}
	r = teedev_track_shm(conn, d.id, fd, memfd);
	if (r) {
		/* memfd went with the failed shm */
		teedev_sys_close(fd);
		return r;
	}
	memcpy(arg, &d, sizeof(d));
	return fd;
}

/*
 * SHM_REGISTER: the range is pinned (teedev_reg.c) and the registration
 * fd tracked like any shm fd: closing it releases the registration.
 */
static int teedev_do_shm_register(struct teedev_conn *conn, void *arg)
{
	struct tee_ioctl_shm_register_data d;
	int fd, r;

	memcpy(&d, arg, sizeof(d));
	fd = teedev_reg_register(conn, &d);
	if (fd < 0)
		return fd;
	r = teedev_track_shm(conn, d.id, fd, -1);
	if (r) {
		teedev_sys_close(fd);
		return r;
	}
	memcpy(arg, &d, sizeof(d));
	return fd;
}

/* The buf_data ioctls: the pointed-to buffer is the payload. */
static int teedev_do_buf(struct teedev_conn *conn, uint32_t op, void *arg)
{
	struct tee_ioctl_buf_data bd;
	struct iovec iov;

	memcpy(&bd, arg, sizeof(bd));
	if (!bd.buf_ptr || !bd.buf_len || bd.buf_len > TEE_MAX_ARG_SIZE)
		return -EINVAL;
	iov.iov_base = (void *)(uintptr_t)bd.buf_ptr;
	iov.iov_len = (size_t)bd.buf_len;
	if (op == (uint32_t)TEE_IOC_OPEN_SESSION ||
	    op == (uint32_t)TEE_IOC_INVOKE) {
		struct teedev_sync *sync;
		int r;

		/* Bounce frames carry the buffer's bytes across the call. */
		sync = teedev_reg_sync_prepare(conn, op, iov.iov_base,
					       iov.iov_len);
		r = teedev_conn_call(conn, op, &iov, 1, NULL, 0, iov.iov_base,
				     iov.iov_len, NULL);
		teedev_reg_sync_finish(conn, sync, r == 0);
		teedev_conn_report(conn, false);
		return r;
	}
	return teedev_conn_call(conn, op, &iov, 1, NULL, 0, iov.iov_base,
				iov.iov_len, NULL);
}

/* Requests with only input bytes. */
static int teedev_do_in(struct teedev_conn *conn, uint32_t op, void *arg,
			size_t len)
{
	struct iovec iov = { .iov_base = arg, .iov_len = len };
	uint8_t scratch[16];

	return teedev_conn_call(conn, op, &iov, 1, NULL, 0, scratch,
				sizeof(scratch), NULL);
}

static int teedev_do_ioctl(struct teedev_conn *conn, unsigned long request,
			   void *arg)
{
	uint32_t op = (uint32_t)request;

	if (!arg)
		return -EFAULT;
	switch (op) {
	case TEE_IOC_VERSION:
		return teedev_conn_call(conn, op, NULL, 0, NULL, 0, arg,
					sizeof(struct tee_ioctl_version_data),
					NULL);
	case TEE_IOC_SHM_ALLOC:
		return teedev_do_shm_alloc(conn, arg);
	case TEE_IOC_SHM_REGISTER:
		return teedev_do_shm_register(conn, arg);
	case TEE_IOC_OPEN_SESSION:
	case TEE_IOC_INVOKE:
	case TEE_IOC_SUPPL_RECV:
	case TEE_IOC_SUPPL_SEND:
		return teedev_do_buf(conn, op, arg);
	case TEE_IOC_CANCEL:
		return teedev_do_in(conn, op, arg,
				    sizeof(struct tee_ioctl_cancel_arg));
	case TEE_IOC_CLOSE_SESSION:
		return teedev_do_in(conn, op, arg,
				    sizeof(struct tee_ioctl_close_session_arg));
	default:
		return -ENOTTY;
	}
}

int teedev_softee_ioctl(int fd, unsigned long request, void *arg)
{
	struct teedev_conn *conn = NULL;
	struct teedev_ent *e;
	int r;

	pthread_mutex_lock(&teedev_lock);
	e = teedev_find_ent(fd);
	if (e && e->kind == TEEDEV_ENT_DEV) {
		conn = e->conn;
		teedev_conn_get(conn);
	}
	pthread_mutex_unlock(&teedev_lock);
	if (!conn) {
		errno = e ? ENOTTY : EBADF;
		return -1;
	}
	r = teedev_do_ioctl(conn, request, arg);
	teedev_conn_put(conn);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

/* Does [off, off+len) lie inside the memfd? */
static bool teedev_map_fits(int memfd, size_t len, off_t off)
{
	struct stat st;
	uint64_t end;

	if (off < 0 || fstat(memfd, &st) ||
	    ADD_OVERFLOW((uint64_t)off, (uint64_t)len, &end) ||
	    !round_up_u64(end, TEEDEV_PAGE, &end))
		return false;
	return end <= (uint64_t)st.st_size;
}

void *teedev_softee_mmap(void *addr, size_t len, int prot, int flags, int fd,
			 off_t off)
{
	struct teedev_shm *rel = NULL;
	struct teedev_ent *e;
	struct teedev_map m;
	void *p;
	int err;

	if (!teedev_any_ents() && !teedev_any_maps()) {
		p = teedev_sys_mmap(addr, len, prot, flags, fd, off);
		if (p != MAP_FAILED && (flags & MAP_FIXED))
			teedev_pin_forget((uintptr_t)p, (uintptr_t)p + len);
		return p;
	}
	pthread_mutex_lock(&teedev_lock);
	e = (flags & MAP_ANONYMOUS) ? NULL : teedev_find_ent(fd);
	if (e && (e->kind == TEEDEV_ENT_DEV || e->shm->memfd < 0)) {
		/* Device fds and registered shm cannot be mapped. */
		pthread_mutex_unlock(&teedev_lock);
		errno = e->kind == TEEDEV_ENT_DEV ? ENODEV : EINVAL;
		return MAP_FAILED;
	}
	if (e && !teedev_map_fits(e->shm->memfd, len, off)) {
		/* As Linux: no mapping past the end of the shm. */
		pthread_mutex_unlock(&teedev_lock);
		errno = EINVAL;
		return MAP_FAILED;
	}
	p = teedev_sys_mmap(addr, len, prot, flags, fd, off);
	err = errno;
	if (p != MAP_FAILED && (flags & MAP_FIXED)) {
		teedev_forget_range((uintptr_t)p, len, &rel);
		teedev_pin_forget((uintptr_t)p, (uintptr_t)p + len);
	}
	if (p != MAP_FAILED && e) {
		m.start = (uintptr_t)p;
		m.end = (uintptr_t)p + ((len + TEEDEV_PAGE - 1) &
					~(size_t)(TEEDEV_PAGE - 1));
		m.off = (uint64_t)off;
		m.shm = e->shm;
		if (teedev_grow((void **)&teedev_maps, &teedev_cap_maps,
				teedev_nmaps, sizeof(m))) {
			teedev_sys_munmap(p, len);
			p = MAP_FAILED;
			err = ENOMEM;
		} else {
			teedev_maps[teedev_nmaps++] = m;
			e->shm->nmaps++;
			teedev_update_hints();
			/* So that registering it later needs no copy. */
			if (flags & MAP_SHARED)
				teedev_pin_track(m.start, m.end,
						 e->shm->memfd, m.off);
		}
	}
	pthread_mutex_unlock(&teedev_lock);
	teedev_release_list(rel);
	errno = err;
	return p;
}

int teedev_softee_munmap(void *addr, size_t len)
{
	struct teedev_shm *rel = NULL;
	int r;

	if (!teedev_any_maps()) {
		r = teedev_sys_munmap(addr, len);
		if (!r)
			teedev_pin_forget((uintptr_t)addr,
					  (uintptr_t)addr + len);
		return r;
	}
	/*
	 * Unmap and forget under the lock: otherwise another thread's mmap
	 * could get the same address in between and be forgotten instead.
	 */
	pthread_mutex_lock(&teedev_lock);
	r = teedev_sys_munmap(addr, len);
	if (!r)
		teedev_forget_range((uintptr_t)addr, len, &rel);
	pthread_mutex_unlock(&teedev_lock);
	if (!r)
		teedev_pin_forget((uintptr_t)addr, (uintptr_t)addr + len);
	teedev_release_list(rel);
	return r;
}

int teedev_softee_close(int fd)
{
	struct teedev_conn *conn = NULL;
	struct teedev_shm *rel = NULL;
	struct teedev_ent *e;

	if (!teedev_any_ents())
		return teedev_sys_close(fd);
	pthread_mutex_lock(&teedev_lock);
	e = teedev_find_ent(fd);
	if (e) {
		if (e->kind == TEEDEV_ENT_DEV) {
			conn = e->conn;
		} else if (--e->shm->nfds == 0 && e->shm->nmaps == 0) {
			rel = e->shm;
			rel->rel_next = NULL;
		}
		teedev_del_ent(e);
	}
	pthread_mutex_unlock(&teedev_lock);
	if (!e)
		return teedev_sys_close(fd);
	teedev_sys_close(fd);
	teedev_release_list(rel);
	if (conn) {
		/* The counters of this context, before it goes. */
		teedev_conn_report(conn, true);
		teedev_conn_put(conn);
	}
	return 0;
}

/* The connection behind device fd, with a reference; NULL if not ours. */
static struct teedev_conn *teedev_softee_conn(int fd)
{
	struct teedev_conn *conn = NULL;
	struct teedev_ent *e;

	if (!teedev_any_ents())
		return NULL;
	pthread_mutex_lock(&teedev_lock);
	e = teedev_find_ent(fd);
	if (e && e->kind == TEEDEV_ENT_DEV) {
		conn = e->conn;
		teedev_conn_get(conn);
	}
	pthread_mutex_unlock(&teedev_lock);
	return conn;
}

int teedev_softee_page_size(int fd, size_t *page_size)
{
	struct teedev_conn *conn = teedev_softee_conn(fd);
	struct softee_dev_info info;
	int r;

	if (!conn)
		return -EBADF;
	r = teedev_conn_info(conn, &info);
	teedev_conn_put(conn);
	if (!r)
		*page_size = info.page_size;
	return r;
}

void teedev_softee_count_shadow(int fd, uint64_t bytes)
{
	struct teedev_conn *conn = teedev_softee_conn(fd);

	if (!conn)
		return;
	teedev_conn_count(conn, TEEDEV_STAT_SHADOW, bytes);
	teedev_conn_put(conn);
}
