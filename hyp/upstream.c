/* SPDX-License-Identifier: BSD-2-Clause */
/* A pool of SMC channels to the secure world, as the hypervisor. */
#define _GNU_SOURCE
#include "upstream.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "softee_chan.h"
#include "util.h"
#include "wire.h"

struct up_chan {
	int fd;			/* -1: not connected */
	bool busy;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	char *path;
	uint64_t boot_id;
	struct up_chan *c;
	unsigned int max, open;
	atomic_uint seq;
	atomic_uint_fast64_t next_region, smcs;
} up = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

/* Wait for one message on fd, watching watch_fd for a hang-up. */
static ssize_t up_recv(int fd, void *buf, size_t cap, int watch_fd,
		       up_gone_fn gone, void *arg)
{
	int rfds[WIRE_MAX_FDS], nr = 0;
	ssize_t n;

	while (watch_fd >= 0) {
		struct pollfd p[2] = {
			{ .fd = fd, .events = POLLIN },
			{ .fd = watch_fd, .events = POLLRDHUP },
		};

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (p[1].revents & (POLLHUP | POLLRDHUP | POLLERR | POLLNVAL)) {
			gone(arg);
			watch_fd = -1;
		} else if (p[1].revents) {
			/* Data from a guest that should be waiting: not ours. */
			watch_fd = -1;
		}
		if (p[0].revents)
			break;
	}
	n = wire_recv(fd, buf, cap, rfds, &nr, WIRE_MAX_FDS);
	wire_close_fds(rfds, nr);
	return n;
}

static int up_hello(int fd)
{
	struct {
		struct softee_chan_hdr h;
		struct softee_chan_hello b;
	} req = {
		.h = { .magic = SOFTEE_CHAN_MAGIC, .op = SOFTEE_CHAN_HELLO,
		       .len = sizeof(struct softee_chan_hello) },
		.b = { .version = SOFTEE_CHAN_VERSION,
		       .role = SOFTEE_CHAN_ROLE_HYP, .boot_id = up.boot_id },
	};
	struct {
		struct softee_chan_hdr h;
		struct softee_chan_hello_rep b;
	} rep;
	ssize_t n;
	int rc = wire_send_buf(fd, &req, sizeof(req), NULL, 0);

	if (rc)
		return rc;
	n = up_recv(fd, &rep, sizeof(rep), -1, NULL, NULL);
	if (n < 0)
		return (int)n;
	if (n != (ssize_t)sizeof(rep) || rep.h.magic != SOFTEE_CHAN_MAGIC ||
	    rep.h.op != SOFTEE_CHAN_HELLO || rep.h.len != sizeof(rep.b))
		return -EPROTO;
	return rep.b.status ? (rep.b.status < 0 ? rep.b.status : -EPROTO) : 0;
}

static int up_connect(void)
{
	int fd = wire_connect(up.path), rc;

	if (fd < 0)
		return fd;
	rc = up_hello(fd);
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}

/* An idle connected channel, or a new one in a free slot. */
static int up_get(struct up_chan **out)
{
	struct up_chan *slot = NULL;
	int fd;

	pthread_mutex_lock(&up.lock);
	for (;;) {
		for (unsigned int i = 0; i < up.max; i++) {
			if (!up.c[i].busy && up.c[i].fd >= 0) {
				up.c[i].busy = true;
				*out = &up.c[i];
				pthread_mutex_unlock(&up.lock);
				return 0;
			}
		}
		for (unsigned int i = 0; i < up.max && !slot; i++)
			if (!up.c[i].busy && up.c[i].fd < 0)
				slot = &up.c[i];
		if (slot)
			break;
		pthread_cond_wait(&up.cond, &up.lock);
	}
	slot->busy = true;
	pthread_mutex_unlock(&up.lock);
	fd = up_connect();
	pthread_mutex_lock(&up.lock);
	if (fd < 0) {
		slot->busy = false;
		pthread_cond_broadcast(&up.cond);
		pthread_mutex_unlock(&up.lock);
		return fd;
	}
	slot->fd = fd;
	up.open++;
	*out = slot;
	pthread_mutex_unlock(&up.lock);
	return 0;
}

static void up_put(struct up_chan *c, bool broken)
{
	pthread_mutex_lock(&up.lock);
	if (broken && c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
		up.open--;
	}
	c->busy = false;
	pthread_cond_broadcast(&up.cond);
	pthread_mutex_unlock(&up.lock);
}

/* One request and its reply of exactly rep_len payload bytes. */
static int up_xfer(uint16_t op, const void *pl, uint32_t len, const int *fds,
		   int nfds, void *rep, uint32_t rep_len, int watch_fd,
		   up_gone_fn gone, void *arg)
{
	struct softee_chan_hdr h = { .magic = SOFTEE_CHAN_MAGIC, .op = op,
				     .len = len };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };
	uint8_t buf[sizeof(struct softee_chan_hdr) + 64];
	struct softee_chan_hdr rh;
	struct up_chan *c;
	ssize_t n;
	int rc = up_get(&c);

	if (rc)
		return rc;
	h.seq = atomic_fetch_add(&up.seq, 1);
	rc = wire_send(c->fd, iov, len ? 2 : 1, fds, nfds);
	if (rc)
		goto broken;
	n = up_recv(c->fd, buf, sizeof(buf), watch_fd, gone, arg);
	if (n <= 0) {
		rc = n ? (int)n : -ECONNRESET;
		goto broken;
	}
	if ((size_t)n < sizeof(rh)) {
		rc = -EPROTO;
		goto broken;
	}
	memcpy(&rh, buf, sizeof(rh));
	if (rh.magic != SOFTEE_CHAN_MAGIC || rh.op != op || rh.seq != h.seq ||
	    rh.len != rep_len || (size_t)n != sizeof(rh) + rep_len) {
		rc = -EPROTO;
		goto broken;
	}
	memcpy(rep, buf + sizeof(rh), rep_len);
	up_put(c, false);
	return 0;
broken:
	EMSG("channel to the secure world failed: %s", strerror(-rc));
	up_put(c, true);
	return rc;
}

int up_smc(const uint32_t in[8], uint32_t out[8], int watch_fd,
	   up_gone_fn gone, void *arg)
{
	struct softee_smc_regs rin, rout;
	int rc;

	memcpy(rin.a, in, sizeof(rin.a));
	rc = up_xfer(SOFTEE_CHAN_SMC, &rin, sizeof(rin), NULL, 0, &rout,
		     sizeof(rout), gone ? watch_fd : -1, gone, arg);
	if (!rc) {
		memcpy(out, rout.a, sizeof(rout.a));
		atomic_fetch_add(&up.smcs, 1);
	}
	return rc;
}

int up_fast(uint32_t a0, uint32_t a1, uint32_t out[8])
{
	uint32_t in[8] = { a0, a1 };

	return up_smc(in, out, -1, NULL, NULL);
}

uint64_t up_region_id(void)
{
	return atomic_fetch_add(&up.next_region, 1) + 1;
}

int up_region_add(uint32_t vm_id, uint64_t region_id, int fd,
		  uint64_t file_offset, uint64_t nframes, const paddr_t *host)
{
	struct softee_chan_region_add *ra;
	struct softee_pa_extent *ext;
	struct softee_chan_status st;
	uint64_t n_ext = 0;
	size_t len, ext_bytes;
	int fds[2] = { fd, -1 }, rc;
	uint8_t *buf;

	if (!nframes)
		return -EINVAL;
	for (uint64_t i = 0; i < nframes; i++)
		if (!i || host[i] != host[i - 1] + SOFTEE_FRAME_SIZE)
			n_ext++;
	if (n_ext > UINT32_MAX)
		return -EINVAL;
	ext_bytes = (size_t)n_ext * sizeof(*ext);
	buf = calloc(1, sizeof(*ra) + ext_bytes);
	if (!buf)
		return -ENOMEM;
	ra = (struct softee_chan_region_add *)buf;
	ext = (struct softee_pa_extent *)(buf + sizeof(*ra));
	n_ext = 0;
	for (uint64_t i = 0; i < nframes; i++) {
		if (i && host[i] == host[i - 1] + SOFTEE_FRAME_SIZE) {
			ext[n_ext - 1].nframes++;
			continue;
		}
		ext[n_ext++] = (struct softee_pa_extent){ host[i], 1 };
	}
	ra->region_id = region_id;
	ra->nframes = nframes;
	ra->file_offset = file_offset;
	ra->n_extents = (uint32_t)n_ext;
	ra->vm_id = vm_id;
	len = sizeof(*ra) + ext_bytes;
	if (n_ext > SOFTEE_CHAN_MAX_INLINE_EXTENTS) {
		/* Scattered PAs make many extents: they travel in a memfd. */
		ra->flags = SOFTEE_REGION_F_EXTENTS_IN_FD;
		len = sizeof(*ra);
		fds[1] = softee_memfd("softee-hyp-extents", ext_bytes);
		rc = fds[1] < 0 ? fds[1] :
		     pwrite(fds[1], ext, ext_bytes, 0) == (ssize_t)ext_bytes ?
		     0 : -EIO;
		if (rc)
			goto out;
	}
	rc = up_xfer(SOFTEE_CHAN_REGION_ADD, buf, (uint32_t)len, fds,
		     fds[1] >= 0 ? 2 : 1, &st, sizeof(st), -1, NULL, NULL);
	if (!rc && st.status)
		rc = st.status < 0 ? st.status : -EIO;
out:
	if (fds[1] >= 0)
		close(fds[1]);
	free(buf);
	return rc;
}

int up_region_del(uint32_t vm_id, uint64_t region_id)
{
	struct softee_chan_region_del rd = { .region_id = region_id,
					     .vm_id = vm_id };
	struct softee_chan_status st;
	int rc = up_xfer(SOFTEE_CHAN_REGION_DEL, &rd, sizeof(rd), NULL, 0,
			 &st, sizeof(st), -1, NULL, NULL);

	return rc ? rc : st.status;
}

int up_open(const char *path, uint64_t boot_id, unsigned int max_chans)
{
	int fd;

	up.path = strdup(path);
	up.c = calloc(max_chans, sizeof(*up.c));
	if (!up.path || !up.c) {
		up_close();
		return -ENOMEM;
	}
	up.boot_id = boot_id;
	up.max = max_chans;
	for (unsigned int i = 0; i < max_chans; i++)
		up.c[i].fd = -1;
	/* The first channel proves the secure world is there; it stays. */
	fd = up_connect();
	if (fd < 0) {
		up_close();
		return fd;
	}
	up.c[0].fd = fd;
	up.open = 1;
	return 0;
}

void up_close(void)
{
	pthread_mutex_lock(&up.lock);
	for (unsigned int i = 0; up.c && i < up.max; i++)
		if (up.c[i].fd >= 0 && !up.c[i].busy)
			close(up.c[i].fd);
	free(up.c);
	free(up.path);
	up.c = NULL;
	up.path = NULL;
	up.max = 0;
	pthread_mutex_unlock(&up.lock);
}

void up_stats(uint64_t *smcs, uint64_t *chans)
{
	*smcs = atomic_load(&up.smcs);
	pthread_mutex_lock(&up.lock);
	*chans = up.open;
	pthread_mutex_unlock(&up.lock);
}
