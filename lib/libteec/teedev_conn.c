/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Request/reply demultiplexer for one softee device connection: whichever
 * waiting thread finds nobody reading becomes the reader, hands each reply
 * to the waiter with its tag, and wakes everyone.
 */
#include "teedev_conn.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "softee_dev.h"
#include "teedev_reply.h"
#include "teedev_sys.h"
#include "util.h"
#include "wire.h"

#define TEEDEV_CONN_MAX_IOV 4

struct teedev_waiter {
	struct teedev_waiter *next;
	uint32_t tag;
	uint32_t op;
	uint32_t req_len;
	void *out;
	size_t out_cap;
	bool done;
	int ret;
	int fd;
};

struct teedev_conn {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int sock;
	int refs;		/* atomic */
	uint32_t next_tag;
	bool reading;		/* some waiter is inside wire_recv */
	bool dead;
	struct teedev_waiter *waiters;
	uint8_t *rbuf;
	/* SOFTEE_DEV_OP_INFO, asked lazily: old drivers do not know it. */
	pthread_mutex_t info_lock;
	bool have_info;
	struct softee_dev_info info;
	/* Client-side counters, all atomic. */
	uint64_t stats[4];
	uint64_t stats_sent[4];
	uint32_t report_calls;
};

#define TEEDEV_RBUF_SIZE (sizeof(struct softee_dev_rep) + SOFTEE_DEV_MAX_PAYLOAD)

struct teedev_conn *teedev_conn_new(int sock)
{
	struct teedev_conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->rbuf = malloc(TEEDEV_RBUF_SIZE);
	if (!c->rbuf) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->cond, NULL);
	pthread_mutex_init(&c->info_lock, NULL);
	c->sock = sock;
	c->refs = 1;
	c->next_tag = 1;
	return c;
}

void teedev_conn_get(struct teedev_conn *c)
{
	__atomic_add_fetch(&c->refs, 1, __ATOMIC_RELAXED);
}

void teedev_conn_put(struct teedev_conn *c)
{
	if (!c || __atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL))
		return;
	teedev_sys_close(c->sock);
	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	pthread_mutex_destroy(&c->info_lock);
	free(c->rbuf);
	free(c);
}

static void teedev_close_fds(int *fds, int n)
{
	for (int i = 0; i < n; i++)
		teedev_sys_close(fds[i]);
}

/* The driver broke the protocol or went away: fail everything. */
static void teedev_conn_kill(struct teedev_conn *c, const char *why)
{
	if (!c->dead)
		WMSG("softee device connection lost: %s", why);
	c->dead = true;
	for (struct teedev_waiter *w = c->waiters; w; w = w->next) {
		if (!w->done) {
			w->done = true;
			w->ret = -EIO;
		}
	}
}

/* Called with c->lock held, after one wire_recv into c->rbuf. */
static void teedev_conn_dispatch(struct teedev_conn *c, ssize_t n,
				 int *fds, int nfds)
{
	struct softee_dev_rep hdr;
	struct teedev_waiter *w;

	if (n <= 0) {
		teedev_close_fds(fds, nfds);
		teedev_conn_kill(c, n == 0 ? "driver closed" : strerror((int)-n));
		return;
	}
	if (teedev_reply_parse(c->rbuf, (size_t)n, nfds, &hdr)) {
		teedev_close_fds(fds, nfds);
		teedev_conn_kill(c, "malformed reply");
		return;
	}
	if (hdr.tag == 0) {
		/*
		 * Tag 0 asked for no reply; a driver that answers anyway
		 * (an error for an op it does not know) is harmless.
		 */
		teedev_close_fds(fds, nfds);
		return;
	}
	for (w = c->waiters; w; w = w->next)
		if (!w->done && w->tag == hdr.tag)
			break;
	if (!w) {
		teedev_close_fds(fds, nfds);
		teedev_conn_kill(c, "reply with unknown tag");
		return;
	}
	if (teedev_reply_check_op(w->op, w->req_len, &hdr, nfds) ||
	    (hdr.ret == 0 && hdr.len > w->out_cap)) {
		teedev_close_fds(fds, nfds);
		teedev_conn_kill(c, "reply does not match its request");
		return;
	}
	if (hdr.ret == 0 && hdr.len)
		memcpy(w->out, c->rbuf + sizeof(hdr), hdr.len);
	w->fd = nfds ? fds[0] : -1;
	w->ret = hdr.ret;
	w->done = true;
}

static void teedev_conn_unlink(struct teedev_conn *c, struct teedev_waiter *w)
{
	for (struct teedev_waiter **pp = &c->waiters; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			return;
		}
	}
}

int teedev_conn_call(struct teedev_conn *c, uint32_t op,
		     const struct iovec *iov, int iovcnt,
		     const int *fds, int nfds,
		     void *out, size_t out_cap, int *out_fd)
{
	return teedev_conn_call_during(c, op, iov, iovcnt, fds, nfds, out,
				       out_cap, out_fd, NULL, NULL);
}

int teedev_conn_call_during(struct teedev_conn *c, uint32_t op,
			    const struct iovec *iov, int iovcnt,
			    const int *fds, int nfds,
			    void *out, size_t out_cap, int *out_fd,
			    void (*during)(void *), void *arg)
{
	struct iovec v[TEEDEV_CONN_MAX_IOV + 1];
	struct softee_dev_req req = { .magic = SOFTEE_DEV_MAGIC, .op = op };
	struct teedev_waiter w = { .op = op, .out = out, .out_cap = out_cap,
				   .fd = -1 };
	size_t len = 0;
	int r;

	if (out_fd)
		*out_fd = -1;
	if (iovcnt < 0 || iovcnt > TEEDEV_CONN_MAX_IOV)
		return -EINVAL;
	for (int i = 0; i < iovcnt; i++) {
		if (ADD_OVERFLOW(len, iov[i].iov_len, &len))
			return -EINVAL;
		v[i + 1] = iov[i];
	}
	if (len > SOFTEE_DEV_MAX_PAYLOAD)
		return -EINVAL;
	req.len = (uint32_t)len;
	w.req_len = req.len;
	v[0].iov_base = &req;
	v[0].iov_len = sizeof(req);

	pthread_mutex_lock(&c->lock);
	if (c->dead) {
		pthread_mutex_unlock(&c->lock);
		return -EIO;
	}
	req.tag = w.tag = c->next_tag++;
	if (c->next_tag == 0)
		c->next_tag = 1;	/* tag 0 means "no reply" */
	w.next = c->waiters;
	c->waiters = &w;
	pthread_mutex_unlock(&c->lock);

	r = wire_send(c->sock, v, iovcnt + 1, fds, nfds);
	/* The driver is at work on the request: ours meanwhile. */
	if (during)
		during(arg);

	pthread_mutex_lock(&c->lock);
	if (r) {
		teedev_conn_unlink(c, &w);
		pthread_mutex_unlock(&c->lock);
		return r == -EINVAL ? -EINVAL : -EIO;
	}
	while (!w.done) {
		if (!c->reading) {
			int rfds[WIRE_MAX_FDS];
			int nrfds = 0;
			ssize_t n;

			c->reading = true;
			pthread_mutex_unlock(&c->lock);
			n = wire_recv(c->sock, c->rbuf, TEEDEV_RBUF_SIZE, rfds,
				      &nrfds, WIRE_MAX_FDS);
			pthread_mutex_lock(&c->lock);
			c->reading = false;
			teedev_conn_dispatch(c, n, rfds, nrfds);
			pthread_cond_broadcast(&c->cond);
		} else {
			pthread_cond_wait(&c->cond, &c->lock);
		}
	}
	teedev_conn_unlink(c, &w);
	pthread_mutex_unlock(&c->lock);

	if (w.ret == 0 && out_fd)
		*out_fd = w.fd;
	else if (w.fd >= 0)
		teedev_sys_close(w.fd);
	return w.ret;
}

int teedev_conn_send_noreply(struct teedev_conn *c, uint32_t op,
			     const void *payload, size_t len)
{
	struct softee_dev_req req = { .magic = SOFTEE_DEV_MAGIC, .tag = 0,
				      .op = op, .len = (uint32_t)len };
	struct iovec v[2] = {
		{ .iov_base = &req, .iov_len = sizeof(req) },
		{ .iov_base = (void *)payload, .iov_len = len },
	};

	if (len > SOFTEE_DEV_MAX_PAYLOAD)
		return -EINVAL;
	if (__atomic_load_n(&c->dead, __ATOMIC_RELAXED))
		return -EIO;
	return wire_send(c->sock, v, 2, NULL, 0);
}

int teedev_conn_info(struct teedev_conn *c, struct softee_dev_info *info)
{
	struct softee_dev_info in;
	int r = 0;

	pthread_mutex_lock(&c->info_lock);
	if (!c->have_info) {
		memset(&in, 0, sizeof(in));
		r = teedev_conn_call(c, SOFTEE_DEV_OP_INFO, NULL, 0, NULL, 0,
				     &in, sizeof(in), NULL);
		if (r == -ENOTTY || r == -EINVAL) {
			memset(&in, 0, sizeof(in));
			in.page_size = 4096;
			r = 0;
		}
		/* Only the page sizes a normal world may have. */
		if (!r && in.page_size != 4096 && in.page_size != 16384 &&
		    in.page_size != 65536)
			r = -EPROTO;
		if (!r) {
			c->info = in;
			c->have_info = true;
		}
	}
	if (!r)
		*info = c->info;
	pthread_mutex_unlock(&c->info_lock);
	return r;
}

void teedev_conn_count(struct teedev_conn *c, enum teedev_stat which,
		       uint64_t bytes)
{
	if (bytes && (unsigned int)which < ARRAY_SIZE(c->stats))
		__atomic_add_fetch(&c->stats[which], bytes, __ATOMIC_RELAXED);
}

void teedev_conn_report(struct teedev_conn *c, bool force)
{
	struct softee_dev_client_stats st;
	uint64_t now[4];
	bool changed = false;

	if (!force && __atomic_add_fetch(&c->report_calls, 1,
					 __ATOMIC_RELAXED) %
		      TEEDEV_STATS_EVERY)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(now); i++) {
		now[i] = __atomic_load_n(&c->stats[i], __ATOMIC_RELAXED);
		if (now[i] != __atomic_exchange_n(&c->stats_sent[i], now[i],
						  __ATOMIC_RELAXED))
			changed = true;
	}
	if (!changed)
		return;
	memset(&st, 0, sizeof(st));
	st.zero_copy_bytes = now[TEEDEV_STAT_ZERO_COPY];
	st.bounce_bytes = now[TEEDEV_STAT_BOUNCE];
	st.shadow_bytes = now[TEEDEV_STAT_SHADOW];
	st.pinned_bytes = now[TEEDEV_STAT_PINNED];
	/* Best effort: the counters are informational. */
	teedev_conn_send_noreply(c, SOFTEE_DEV_OP_STATS, &st, sizeof(st));
}
