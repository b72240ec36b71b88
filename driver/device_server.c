// SPDX-License-Identifier: BSD-2-Clause
/* The device protocol servers: accept connections, read requests, run blocking ones on workers, serialize replies. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "device_server.h"
#include "work_pool.h"
#include "log.h"
#include "softee_dev.h"
#include "util.h"
#include "wire.h"

#define DEV_MSG_MAX	(sizeof(struct softee_dev_req) + SOFTEE_DEV_MAX_PAYLOAD)

struct dev_server {
	int lfd;
	char *path;
	struct tee_device *teedev;
	pthread_t thr;
	pthread_mutex_t conns_lock;	/* guards the list and its fds */
	struct dev_conn *conns;
};

struct dev_conn {
	struct dev_server *srv;
	struct dev_conn *next;
	int fd;
	struct tee_context *ctx;	/* NULL if open failed */
	int open_err;			/* then every request gets this */
	pthread_mutex_t lock;		/* serializes replies; guards workers */
	pthread_cond_t idle;
	unsigned int workers;
};

struct dev_job {
	struct dev_conn *conn;
	struct softee_dev_req req;
	uint8_t *buf;			/* payload, capacity DEV_MSG_MAX */
	int fds[WIRE_MAX_FDS];		/* owned by the job */
	int nfds;
};

static void conn_reply(struct dev_conn *conn, uint32_t tag, int ret,
		       const void *payload, size_t len, int fd)
{
	struct softee_dev_rep rep = {
		.magic = SOFTEE_DEV_MAGIC, .tag = tag, .ret = ret,
		.len = (uint32_t)len,
	};
	struct iovec iov[2] = {
		{ .iov_base = &rep, .iov_len = sizeof(rep) },
		{ .iov_base = (void *)payload, .iov_len = len },
	};
	int rc;

	pthread_mutex_lock(&conn->lock);
	rc = wire_send(conn->fd, iov, len ? 2 : 1, fd >= 0 ? &fd : NULL,
		       fd >= 0 ? 1 : 0);
	pthread_mutex_unlock(&conn->lock);
	if (rc)
		DMSG_LOG("reply to a gone client: %s", strerror(-rc));
}

static void handle(struct dev_conn *conn, const struct softee_dev_req *req,
		   uint8_t *buf, const int *fds, int nfds)
{
	size_t rep_len = req->len;
	int rep_fd = -1, ret;

	if (!conn->ctx)
		ret = conn->open_err;
	else
		ret = tee_ioctl(conn->ctx, req->op, buf, req->len,
				SOFTEE_DEV_MAX_PAYLOAD, &rep_len, &rep_fd,
				fds, nfds);
	if (tee_ioctl_wants_reply(req->op, req->tag))
		conn_reply(conn, req->tag, ret, buf, rep_len, rep_fd);
	if (rep_fd >= 0)
		close(rep_fd);
}

static void job_run(void *arg)
{
	struct dev_job *job = arg;
	struct dev_conn *conn = job->conn;

	handle(conn, &job->req, job->buf, job->fds, job->nfds);
	wire_close_fds(job->fds, job->nfds);
	free(job->buf);
	free(job);
	pthread_mutex_lock(&conn->lock);
	if (--conn->workers == 0)
		pthread_cond_broadcast(&conn->idle);
	pthread_mutex_unlock(&conn->lock);
}

static int spawn_job(struct dev_conn *conn, const struct softee_dev_req *req,
		     const uint8_t *payload, int *fds, int *nfds)
{
	struct dev_job *job = calloc(1, sizeof(*job));
	int rc;

	if (!job)
		return -ENOMEM;
	job->buf = malloc(SOFTEE_DEV_MAX_PAYLOAD);
	if (!job->buf) {
		free(job);
		return -ENOMEM;
	}
	job->conn = conn;
	job->req = *req;
	memcpy(job->buf, payload, req->len);
	/* The fds move to the job (the caller's count drops to 0). */
	memcpy(job->fds, fds, sizeof(int) * (size_t)*nfds);
	job->nfds = *nfds;
	pthread_mutex_lock(&conn->lock);
	conn->workers++;
	pthread_mutex_unlock(&conn->lock);
	rc = work_pool_submit(job_run, job);
	if (rc) {
		pthread_mutex_lock(&conn->lock);
		conn->workers--;
		pthread_mutex_unlock(&conn->lock);
		free(job->buf);
		free(job);
		return rc;
	}
	*nfds = 0;
	return 0;
}

static void conn_unlink(struct dev_conn *conn)
{
	struct dev_server *srv = conn->srv;
	struct dev_conn **pp;

	pthread_mutex_lock(&srv->conns_lock);
	for (pp = &srv->conns; *pp; pp = &(*pp)->next) {
		if (*pp == conn) {
			*pp = conn->next;
			break;
		}
	}
	pthread_mutex_unlock(&srv->conns_lock);
}

static void conn_teardown(struct dev_conn *conn)
{
	if (conn->ctx)
		tee_ctx_kill(conn->ctx);
	/* In-flight calls finish (hurried by CANCEL) before sessions close. */
	pthread_mutex_lock(&conn->lock);
	while (conn->workers)
		pthread_cond_wait(&conn->idle, &conn->lock);
	pthread_mutex_unlock(&conn->lock);
	if (conn->ctx) {
		/* A call running at the kill may have made shm since: drop it. */
		tee_shm_release_ctx(conn->ctx);
		tee_ctx_put(conn->ctx);
	}
	conn_unlink(conn);
	close(conn->fd);
	pthread_cond_destroy(&conn->idle);
	pthread_mutex_destroy(&conn->lock);
	free(conn);
}

static void *conn_thread(void *arg)
{
	struct dev_conn *conn = arg;
	uint8_t *msg = malloc(DEV_MSG_MAX);

	while (msg) {
		struct softee_dev_req req;
		int fds[WIRE_MAX_FDS], nfds = 0;
		ssize_t n = wire_recv(conn->fd, msg, DEV_MSG_MAX, fds, &nfds,
				      WIRE_MAX_FDS);

		if (n <= 0)
			wire_close_fds(fds, nfds);
		if (n == 0)
			break;
		/* Oversized, truncated or fd-flooded: the peer breaks framing. */
		if (n < (ssize_t)sizeof(req)) {
			if (n > 0)
				wire_close_fds(fds, nfds);
			if (n < 0 && n != -EMSGSIZE && n != -EPROTO)
				break;
			WMSG("malformed device request (%zd); closing connection", n);
			break;
		}
		memcpy(&req, msg, sizeof(req));
		if (req.magic != SOFTEE_DEV_MAGIC ||
		    req.len != (size_t)n - sizeof(req) ||
		    req.len > SOFTEE_DEV_MAX_PAYLOAD) {
			wire_close_fds(fds, nfds);
			WMSG("bad device request framing; closing connection");
			break;
		}
		/* Only SHM_REGISTER takes fds (its segments' memfds). */
		if (nfds && req.op != TEE_IOC_SHM_REGISTER) {
			wire_close_fds(fds, nfds);
			conn_reply(conn, req.tag, -EINVAL, NULL, 0, -1);
			continue;
		}
		if (conn->ctx && tee_ioctl_blocks(req.op)) {
			int rc = spawn_job(conn, &req, msg + sizeof(req), fds,
					   &nfds);

			wire_close_fds(fds, nfds);
			if (rc)
				conn_reply(conn, req.tag, rc, NULL, 0, -1);
			continue;
		}
		handle(conn, &req, msg + sizeof(req), fds, nfds);
		wire_close_fds(fds, nfds);
	}
	free(msg);
	conn_teardown(conn);
	return NULL;
}

static void accept_one(struct dev_server *srv, int fd)
{
	struct dev_conn *conn = calloc(1, sizeof(*conn));
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	pthread_attr_t attr;
	pthread_t t;
	int err = 0;

	if (!conn ||
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) < 0) {
		free(conn);
		close(fd);
		return;
	}
	conn->fd = fd;
	conn->srv = srv;
	pthread_mutex_init(&conn->lock, NULL);
	pthread_cond_init(&conn->idle, NULL);
	conn->ctx = tee_ctx_open(srv->teedev, cred.uid, cred.gid, cred.pid,
				 &err);
	if (!conn->ctx) {
		conn->open_err = err;
		IMSG_LOG("open of %s by pid %d refused: %s",
			 srv->teedev->desc->name, (int)cred.pid, strerror(-err));
	}
	pthread_mutex_lock(&srv->conns_lock);
	conn->next = srv->conns;
	srv->conns = conn;
	pthread_mutex_unlock(&srv->conns_lock);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	if (pthread_create(&t, &attr, conn_thread, conn))
		conn_teardown(conn);
	pthread_attr_destroy(&attr);
}

static void *accept_thread(void *arg)
{
	struct dev_server *srv = arg;

	for (;;) {
		int fd = accept4(srv->lfd, NULL, NULL, SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED ||
			    errno == EMFILE || errno == ENFILE) {
				if (errno == EMFILE || errno == ENFILE)
					usleep(10000);
				continue;
			}
			break;	/* the listener was shut down */
		}
		accept_one(srv, fd);
	}
	return NULL;
}

int dev_server_start(const char *path, struct tee_device *teedev,
		     struct dev_server **out)
{
	struct dev_server *srv = calloc(1, sizeof(*srv));
	int rc;

	if (!srv)
		return -ENOMEM;
	srv->path = strdup(path);
	srv->teedev = teedev;
	pthread_mutex_init(&srv->conns_lock, NULL);
	srv->lfd = srv->path ? wire_listen(path, 64) : -ENOMEM;
	if (srv->lfd < 0) {
		rc = srv->lfd;
		free(srv->path);
		free(srv);
		return rc;
	}
	rc = pthread_create(&srv->thr, NULL, accept_thread, srv);
	if (rc) {
		close(srv->lfd);
		unlink(path);
		free(srv->path);
		free(srv);
		return -rc;
	}
	*out = srv;
	return 0;
}

/* How many connections the peer has closed but we have not torn down. */
static unsigned int closing_conns(struct dev_server *srv)
{
	struct dev_conn *c;
	unsigned int n = 0;

	pthread_mutex_lock(&srv->conns_lock);
	for (c = srv->conns; c; c = c->next) {
		struct pollfd p = { .fd = c->fd, .events = POLLRDHUP };

		if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLRDHUP)))
			n++;
	}
	pthread_mutex_unlock(&srv->conns_lock);
	return n;
}

void dev_server_settle(struct dev_server *srv, unsigned int timeout_ms)
{
	uint64_t end = now_ns() + (uint64_t)timeout_ms * 1000000ULL;

	while (srv && closing_conns(srv) && now_ns() < end)
		usleep(2000);
}

void dev_server_stop(struct dev_server *srv)
{
	if (!srv)
		return;
	shutdown(srv->lfd, SHUT_RDWR);
	pthread_join(srv->thr, NULL);
	close(srv->lfd);
	unlink(srv->path);
	free(srv->path);
	free(srv);
}
