// SPDX-License-Identifier: BSD-2-Clause
/* The SMC channel transport: a pool of channels ("CPUs") to the secure world, SMCs and region announcements. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "optee_private.h"
#include "softee_chan.h"
#include "util.h"
#include "wire.h"

struct optee_chan {
	int fd;			/* -1 once broken */
	bool busy;
};

struct optee_chan_pool {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	char *path;
	uint64_t boot_id;
	struct optee_chan *chans;
	unsigned int n, max;
	uint64_t next_region;
	atomic_uint seq;
};

static int chan_hello(int fd, uint64_t boot_id)
{
	struct {
		struct softee_chan_hdr h;
		struct softee_chan_hello b;
	} req = {
		.h = { .magic = SOFTEE_CHAN_MAGIC, .op = SOFTEE_CHAN_HELLO,
		       .len = sizeof(struct softee_chan_hello), .seq = 0 },
		.b = { .version = SOFTEE_CHAN_VERSION,
		       .role = SOFTEE_CHAN_ROLE_DRIVER, .boot_id = boot_id },
	};
	struct {
		struct softee_chan_hdr h;
		struct softee_chan_hello_rep b;
	} rep;
	int fds[WIRE_MAX_FDS], nfds = 0;
	ssize_t n;
	int rc = wire_send_buf(fd, &req, sizeof(req), NULL, 0);

	if (rc)
		return rc;
	n = wire_recv(fd, &rep, sizeof(rep), fds, &nfds, WIRE_MAX_FDS);
	wire_close_fds(fds, nfds);
	if (n < 0)
		return (int)n;
	if (n != (ssize_t)sizeof(rep) || rep.h.magic != SOFTEE_CHAN_MAGIC ||
	    rep.h.op != SOFTEE_CHAN_HELLO || rep.h.len != sizeof(rep.b))
		return -EPROTO;
	return rep.b.status;
}

static int chan_connect(struct optee_chan_pool *cp)
{
	int fd = wire_connect(cp->path);
	int rc;

	if (fd < 0)
		return fd;
	rc = chan_hello(fd, cp->boot_id);
	if (rc) {
		close(fd);
		return rc < 0 ? rc : -EPROTO;
	}
	return fd;
}

/* Take an idle channel, opening one in a free slot while under the limit. */
static int chan_get(struct optee_chan_pool *cp, struct optee_chan **out)
{
	struct optee_chan *slot = NULL;
	unsigned int i;
	int fd;

	pthread_mutex_lock(&cp->lock);
	for (;;) {
		for (i = 0; i < cp->max; i++) {
			if (!cp->chans[i].busy && cp->chans[i].fd >= 0) {
				cp->chans[i].busy = true;
				*out = &cp->chans[i];
				pthread_mutex_unlock(&cp->lock);
				return 0;
			}
		}
		for (i = 0; i < cp->max && !slot; i++)
			if (!cp->chans[i].busy && cp->chans[i].fd < 0)
				slot = &cp->chans[i];
		if (slot)
			break;
		pthread_cond_wait(&cp->cond, &cp->lock);
	}
	slot->busy = true;
	pthread_mutex_unlock(&cp->lock);
	fd = chan_connect(cp);
	pthread_mutex_lock(&cp->lock);
	if (fd < 0) {
		slot->busy = false;
		pthread_cond_broadcast(&cp->cond);
		pthread_mutex_unlock(&cp->lock);
		return fd;
	}
	slot->fd = fd;
	if (cp->n < (unsigned int)(slot - cp->chans) + 1)
		cp->n = (unsigned int)(slot - cp->chans) + 1;
	*out = slot;
	pthread_mutex_unlock(&cp->lock);
	return 0;
}

static void chan_put(struct optee_chan_pool *cp, struct optee_chan *ch,
		     bool broken)
{
	pthread_mutex_lock(&cp->lock);
	if (broken && ch->fd >= 0) {
		/* The slot is free again; the next user reconnects. */
		close(ch->fd);
		ch->fd = -1;
	}
	ch->busy = false;
	pthread_cond_broadcast(&cp->cond);
	pthread_mutex_unlock(&cp->lock);
}

/* One request/reply on a channel; rep_len is the exact payload expected. */
static int chan_xfer(struct optee_chan_pool *cp, uint16_t op,
		     const void *payload, uint32_t len, const int *fds,
		     int nfds, void *rep, uint32_t rep_len)
{
	struct optee_chan *ch;
	struct softee_chan_hdr h = { .magic = SOFTEE_CHAN_MAGIC, .op = op,
				     .len = len };
	struct iovec iov[2] = {
		{ .iov_base = &h, .iov_len = sizeof(h) },
		{ .iov_base = (void *)payload, .iov_len = len },
	};
	uint8_t buf[sizeof(struct softee_chan_hdr) + 64];
	int rfds[WIRE_MAX_FDS], nrfds = 0;
	ssize_t n;
	int rc = chan_get(cp, &ch);

	if (rc)
		return rc;
	if (rep_len > sizeof(buf) - sizeof(h)) {
		chan_put(cp, ch, false);
		return -EINVAL;
	}
	/* Unique across channels, so a misrouted reply cannot pass as ours. */
	h.seq = atomic_fetch_add(&cp->seq, 1);
	rc = wire_send(ch->fd, iov, len ? 2 : 1, fds, nfds);
	if (rc)
		goto broken;
	n = wire_recv(ch->fd, buf, sizeof(buf), rfds, &nrfds, WIRE_MAX_FDS);
	wire_close_fds(rfds, nrfds);
	if (n <= 0) {
		rc = n ? (int)n : -ECONNRESET;
		goto broken;
	}
	{
		struct softee_chan_hdr rh;

		if ((size_t)n < sizeof(rh)) {
			rc = -EPROTO;
			goto broken;
		}
		memcpy(&rh, buf, sizeof(rh));
		if (rh.magic != SOFTEE_CHAN_MAGIC || rh.op != op ||
		    rh.seq != h.seq || rh.len != rep_len ||
		    (size_t)n != sizeof(rh) + rep_len) {
			rc = -EPROTO;
			goto broken;
		}
	}
	memcpy(rep, buf + sizeof(h), rep_len);
	chan_put(cp, ch, false);
	return 0;
broken:
	EMSG("SMC channel to the secure world failed: %s", strerror(-rc));
	chan_put(cp, ch, true);
	return rc;
}

int optee_smc(struct optee_chan_pool *cp, const uint32_t in[8],
	      uint32_t out[8])
{
	struct softee_smc_regs rin, rout;
	int rc;

	memcpy(rin.a, in, sizeof(rin.a));
	rc = chan_xfer(cp, SOFTEE_CHAN_SMC, &rin, sizeof(rin), NULL, 0,
		       &rout, sizeof(rout));
	if (!rc) {
		memcpy(out, rout.a, sizeof(rout.a));
		atomic_fetch_add(&tee_stats.smcs, 1);
	}
	return rc;
}

int optee_region_add_extents(struct optee_chan_pool *cp, int fd,
			     uint64_t nframes, paddr_t pa,
			     uint64_t *region_id)
{
	struct {
		struct softee_chan_region_add ra;
		struct softee_pa_extent ext;
	} req;
	struct softee_chan_status st;
	int rc;

	memset(&req, 0, sizeof(req));
	pthread_mutex_lock(&cp->lock);
	req.ra.region_id = ++cp->next_region;
	pthread_mutex_unlock(&cp->lock);
	req.ra.nframes = nframes;
	req.ra.file_offset = 0;
	req.ra.n_extents = 1;
	req.ext.pa = pa;
	req.ext.nframes = nframes;
	rc = chan_xfer(cp, SOFTEE_CHAN_REGION_ADD, &req, sizeof(req), &fd, 1,
		       &st, sizeof(st));
	if (rc)
		return rc;
	if (st.status) {
		EMSG("secure world refused region of %llu frames at 0x%llx: %d",
		     (unsigned long long)nframes, (unsigned long long)pa,
		     st.status);
		return st.status < 0 ? st.status : -EIO;
	}
	*region_id = req.ra.region_id;
	atomic_fetch_add(&tee_stats.regions, 1);
	return 0;
}

/* Frames -> extents of consecutive PAs; *n_out extents written (at most cap). */
static uint64_t count_extents(const paddr_t *frames, uint64_t nframes)
{
	uint64_t i, n = nframes ? 1 : 0;

	for (i = 1; i < nframes; i++)
		if (frames[i] != frames[i - 1] + SOFTEE_FRAME_SIZE)
			n++;
	return n;
}

static void fill_extents(struct softee_pa_extent *ext, const paddr_t *frames,
			 uint64_t nframes)
{
	uint64_t i, n = 0;

	for (i = 0; i < nframes; i++) {
		if (i && frames[i] == frames[i - 1] + SOFTEE_FRAME_SIZE) {
			ext[n - 1].nframes++;
			continue;
		}
		ext[n].pa = frames[i];
		ext[n].nframes = 1;
		n++;
	}
}

static int region_add_frames(void *arg, int fd, uint64_t file_offset,
			     uint64_t nframes, const paddr_t *frames,
			     uint64_t *region_id)
{
	struct optee_chan_pool *cp = arg;
	uint64_t next = count_extents(frames, nframes);
	struct softee_chan_region_add *ra;
	struct softee_pa_extent *ext;
	struct softee_chan_status st;
	size_t len = sizeof(*ra), ext_bytes;
	int fds[2] = { fd, -1 }, rc;
	uint8_t *buf;

	if (!nframes || (file_offset & SOFTEE_FRAME_MASK) ||
	    next > SIZE_MAX / sizeof(*ext) || next > UINT32_MAX)
		return -EINVAL;
	ext_bytes = (size_t)next * sizeof(*ext);
	if (next <= SOFTEE_CHAN_MAX_INLINE_EXTENTS)
		len += ext_bytes;
	buf = calloc(1, next <= SOFTEE_CHAN_MAX_INLINE_EXTENTS ? len :
		     sizeof(*ra) + ext_bytes);
	if (!buf)
		return -ENOMEM;
	ra = (struct softee_chan_region_add *)buf;
	ext = (struct softee_pa_extent *)(buf + sizeof(*ra));
	fill_extents(ext, frames, nframes);
	pthread_mutex_lock(&cp->lock);
	ra->region_id = ++cp->next_region;
	pthread_mutex_unlock(&cp->lock);
	ra->nframes = nframes;
	ra->file_offset = file_offset;
	ra->n_extents = (uint32_t)next;
	if (next > SOFTEE_CHAN_MAX_INLINE_EXTENTS) {
		/* Too many for a message: the array travels in a memfd. */
		ra->flags = SOFTEE_REGION_F_EXTENTS_IN_FD;
		fds[1] = softee_memfd("softee-extents", ext_bytes);
		if (fds[1] < 0) {
			rc = fds[1];
			goto out;
		}
		rc = pwrite(fds[1], ext, ext_bytes, 0) == (ssize_t)ext_bytes ?
		     0 : -EIO;
		if (rc)
			goto out;
	}
	rc = chan_xfer(cp, SOFTEE_CHAN_REGION_ADD, buf, (uint32_t)len, fds,
		       fds[1] >= 0 ? 2 : 1, &st, sizeof(st));
	if (rc)
		goto out;
	if (st.status) {
		EMSG("secure world refused region of %llu frames (%llu extents): %d",
		     (unsigned long long)nframes, (unsigned long long)next,
		     st.status);
		rc = st.status < 0 ? st.status : -EIO;
		goto out;
	}
	*region_id = ra->region_id;
	atomic_fetch_add(&tee_stats.regions, 1);
out:
	if (fds[1] >= 0)
		close(fds[1]);
	free(buf);
	return rc;
}

static int region_add(void *arg, int fd, uint64_t nframes, paddr_t pa,
		      uint64_t *region_id)
{
	return optee_region_add_extents(arg, fd, nframes, pa, region_id);
}

static void region_del(void *arg, uint64_t region_id)
{
	struct softee_chan_region_del req = { .region_id = region_id };
	struct softee_chan_status st;
	int rc = chan_xfer(arg, SOFTEE_CHAN_REGION_DEL, &req, sizeof(req),
			   NULL, 0, &st, sizeof(st));

	if (rc || st.status)
		WMSG("REGION_DEL %llu: %d/%d", (unsigned long long)region_id,
		     rc, rc ? 0 : st.status);
	atomic_fetch_sub(&tee_stats.regions, 1);
}

const struct tee_region_ops optee_region_ops = {
	.add = region_add, .del = region_del, .add_frames = region_add_frames,
};

int optee_chan_pool_open(const char *sock_path, uint64_t boot_id,
			 unsigned int max_chans, struct optee_chan_pool **out)
{
	struct optee_chan_pool *cp = calloc(1, sizeof(*cp));
	int fd;

	if (!cp)
		return -ENOMEM;
	cp->path = strdup(sock_path);
	cp->chans = calloc(max_chans, sizeof(*cp->chans));
	if (!cp->path || !cp->chans) {
		free(cp->path);
		free(cp->chans);
		free(cp);
		return -ENOMEM;
	}
	pthread_mutex_init(&cp->lock, NULL);
	pthread_cond_init(&cp->cond, NULL);
	cp->boot_id = boot_id;
	cp->max = max_chans;
	for (unsigned int i = 0; i < max_chans; i++)
		cp->chans[i].fd = -1;
	/* The first channel proves the secure world is there. */
	fd = chan_connect(cp);
	if (fd < 0) {
		optee_chan_pool_close(cp);
		return fd;
	}
	cp->chans[0].fd = fd;
	cp->n = 1;
	*out = cp;
	return 0;
}

void optee_chan_pool_close(struct optee_chan_pool *cp)
{
	unsigned int i;

	if (!cp)
		return;
	for (i = 0; i < cp->max; i++)
		if (cp->chans[i].fd >= 0)
			close(cp->chans[i].fd);
	pthread_mutex_destroy(&cp->lock);
	pthread_cond_destroy(&cp->cond);
	free(cp->chans);
	free(cp->path);
	free(cp);
}
