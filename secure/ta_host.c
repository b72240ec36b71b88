/* SPDX-License-Identifier: BSD-2-Clause */
/* TA host processes: spawn, LOAD, calls, cancellation, crash detection. */
#define _GNU_SOURCE
#include "ta_host.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "sw_config.h"
#include "ta_syscall.h"
#include "tee_err.h"
#include "util.h"
#include "wire.h"

#define TA_HOST_LOAD_TIMEOUT_MS	20000
#define TA_HOST_DESTROY_TIMEOUT_MS 2000
/* Largest message we accept from a host (syscall args included). */
#define TA_HOST_RX_MAX		SOFTEE_TA_SYSCALL_MAX_MSG

struct ta_host {
	int sock;
	pid_t pid;
	bool dead;
	uint32_t seq;
	uint8_t uuid[16];
	struct softee_ta_shared *shared;
	struct ft_region **given;	/* regions whose fd the host has */
	size_t n_given, cap_given;
};

/* Children not yet reaped; kill() is only ever aimed at these. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t cv;
	pid_t *pids;
	size_t n, cap;
} kids = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0 };

static void *ta_host_reaper(void *unused)
{
	for (;;) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		/* Learn of an exit without reaping, so kill() stays safe. */
		if (waitid(P_ALL, 0, &si, WEXITED | WNOWAIT) < 0) {
			pthread_mutex_lock(&kids.lock);
			while (kids.n == 0)
				pthread_cond_wait(&kids.cv, &kids.lock);
			pthread_mutex_unlock(&kids.lock);
			continue;
		}
		pthread_mutex_lock(&kids.lock);
		for (size_t i = 0; i < kids.n; i++) {
			if (kids.pids[i] == si.si_pid) {
				kids.pids[i] = kids.pids[--kids.n];
				break;
			}
		}
		waitpid(si.si_pid, NULL, 0);
		pthread_mutex_unlock(&kids.lock);
		if (si.si_code == CLD_EXITED)
			DMSG_LOG("TA host %d exited with %d", si.si_pid, si.si_status);
		else
			IMSG_LOG("TA host %d killed by signal %d", si.si_pid,
				 si.si_status);
	}
	return NULL;
}

int ta_host_reaper_start(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, ta_host_reaper, NULL))
		return -EAGAIN;
	pthread_detach(t);
	return 0;
}

static void ta_host_kill(pid_t pid)
{
	pthread_mutex_lock(&kids.lock);
	for (size_t i = 0; i < kids.n; i++)
		if (kids.pids[i] == pid)
			kill(pid, SIGKILL);
	pthread_mutex_unlock(&kids.lock);
}

static void ta_host_mark_dead(struct ta_host *h)
{
	if (h->dead)
		return;
	h->dead = true;
	ta_host_kill(h->pid);
}

static pid_t ta_host_fork(int child_sock)
{
	char fdarg[16];
	pid_t pid;

	snprintf(fdarg, sizeof(fdarg), "%d", 3);
	pthread_mutex_lock(&kids.lock);
	if (kids.n == kids.cap) {
		size_t nc = kids.cap ? kids.cap * 2 : 16;
		pid_t *p = realloc(kids.pids, nc * sizeof(*p));

		if (!p) {
			pthread_mutex_unlock(&kids.lock);
			return -ENOMEM;
		}
		kids.pids = p;
		kids.cap = nc;
	}
	pid = fork();
	if (pid == 0) {
		/* Only async-signal-safe calls until exec. */
		if (dup2(child_sock, 3) < 0)
			_exit(127);
		fcntl(3, F_SETFD, 0);
		syscall(SYS_close_range, 4U, ~0U, 0U);
		execl(sw_cfg.ta_host, "softee-ta", "--channel", fdarg,
		      (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		kids.pids[kids.n++] = pid;
		pthread_cond_broadcast(&kids.cv);
	}
	pthread_mutex_unlock(&kids.lock);
	return pid < 0 ? -errno : pid;
}

static int ta_host_send(struct ta_host *h, uint32_t op, const void *payload,
			size_t len, const int *fds, int nfds, uint32_t *seq)
{
	struct softee_ta_hdr hdr = { .magic = SOFTEE_TA_MAGIC, .op = op,
				     .len = (uint32_t)len, .seq = ++h->seq };
	struct iovec iov[2] = { { &hdr, sizeof(hdr) },
				{ (void *)payload, len } };
	int rc = wire_send(h->sock, iov, len ? 2 : 1, fds, nfds);

	if (seq)
		*seq = hdr.seq;
	if (rc) {
		ta_host_mark_dead(h);
		return -EPIPE;
	}
	return 0;
}

/*
 * Receive one message; -EPIPE on EOF, error or timeout (host is dead).
 * With fd non-NULL one passed fd is accepted (else -1); without, any fd
 * makes the message a protocol error.
 */
static ssize_t ta_host_recv_fd(struct ta_host *h, void *buf, size_t cap,
			       int timeout_ms, int *fd)
{
	int fds[1], nfds = 0;
	ssize_t n;

	if (fd)
		*fd = -1;
	if (timeout_ms >= 0) {
		struct pollfd p = { .fd = h->sock, .events = POLLIN };

		if (poll(&p, 1, timeout_ms) <= 0) {
			ta_host_mark_dead(h);
			return -EPIPE;
		}
	}
	n = wire_recv(h->sock, buf, cap, fds, &nfds, fd ? 1 : 0);
	if (n < (ssize_t)sizeof(struct softee_ta_hdr)) {
		wire_close_fds(fds, nfds);
		ta_host_mark_dead(h);
		return -EPIPE;
	}
	if (fd && nfds)
		*fd = fds[0];
	return n;
}

static ssize_t ta_host_recv(struct ta_host *h, void *buf, size_t cap,
			    int timeout_ms)
{
	return ta_host_recv_fd(h, buf, cap, timeout_ms, NULL);
}

/* A header that says what the datagram holds, or the host is hostile. */
static bool ta_host_hdr_ok(const struct softee_ta_hdr *hdr, ssize_t n)
{
	return hdr->magic == SOFTEE_TA_MAGIC &&
	       (size_t)n == sizeof(*hdr) + (size_t)hdr->len;
}

int ta_host_spawn(const uint8_t uuid[16], int elf_fd, struct ta_host **out,
		  uint32_t *flags)
{
	struct {
		struct softee_ta_hdr hdr;
		struct softee_ta_loaded l;
	} rep;
	struct softee_ta_load load = { .log_level = (uint32_t)sw_cfg.log_level };
	struct ta_host *h;
	int sv[2], shared_fd, fds[2], rc;
	uint32_t seq;
	ssize_t n;

	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	memcpy(h->uuid, uuid, 16);
	shared_fd = softee_memfd("softee-ta-shared", sizeof(*h->shared));
	if (shared_fd < 0) {
		rc = shared_fd;
		goto err_free;
	}
	h->shared = mmap(NULL, sizeof(*h->shared), PROT_READ | PROT_WRITE,
			 MAP_SHARED, shared_fd, 0);
	if (h->shared == MAP_FAILED) {
		rc = -errno;
		goto err_close_shared;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		rc = -errno;
		goto err_unmap;
	}
	h->pid = ta_host_fork(sv[1]);
	close(sv[1]);
	if (h->pid < 0) {
		rc = h->pid;
		close(sv[0]);
		goto err_unmap;
	}
	h->sock = sv[0];

	memcpy(load.uuid, uuid, 16);
	fds[0] = elf_fd;
	fds[1] = shared_fd;
	rc = ta_host_send(h, SOFTEE_TA_LOAD, &load, sizeof(load), fds, 2, &seq);
	if (rc)
		goto err_host;
	n = ta_host_recv(h, &rep, sizeof(rep), TA_HOST_LOAD_TIMEOUT_MS);
	if (n < 0) {
		rc = -EPIPE;
		goto err_host;
	}
	if (!ta_host_hdr_ok(&rep.hdr, n) || rep.hdr.op != SOFTEE_TA_RESULT ||
	    rep.hdr.seq != seq || rep.hdr.len != sizeof(rep.l)) {
		EMSG("TA host sent a malformed LOADED reply");
		rc = -EPROTO;
		goto err_host;
	}
	if (rep.l.ret != TEE_SUCCESS) {
		EMSG("TA host could not load the TA: 0x%x", rep.l.ret);
		/* SECURITY: the TA declares another UUID than its image. */
		rc = rep.l.ret == TEE_ERROR_SECURITY ? -EACCES : -ENOEXEC;
		goto err_host;
	}
	if (memcmp(rep.l.uuid, uuid, 16)) {
		EMSG("TA declares another UUID than its image");
		rc = -EACCES;
		goto err_host;
	}
	close(shared_fd);
	*flags = rep.l.flags;
	*out = h;
	return 0;

err_host:
	ta_host_mark_dead(h);
	close(h->sock);
err_unmap:
	munmap(h->shared, sizeof(*h->shared));
err_close_shared:
	close(shared_fd);
err_free:
	free(h);
	return rc;
}

/* Tell the host about regions that went away since its last call. */
static int ta_host_drop_gone(struct ta_host *h)
{
	size_t o = 0;
	int rc = 0;

	for (size_t i = 0; i < h->n_given; i++) {
		struct ft_region *r = h->given[i];

		/* Withdrawn and no longer registered or in a call. */
		if (!rc && ft_region_dropped(r)) {
			struct softee_ta_region m = { .handle = r->handle };

			rc = ta_host_send(h, SOFTEE_TA_REGION_DROP, &m,
					  sizeof(m), NULL, 0, NULL);
			ft_host_put(r);
			continue;
		}
		h->given[o++] = r;
	}
	h->n_given = o;
	return rc;
}

static int ta_host_give(struct ta_host *h, struct ft_region *r)
{
	struct softee_ta_region m = { .handle = r->handle };
	int rc;

	for (size_t i = 0; i < h->n_given; i++)
		if (h->given[i] == r)
			return 0;
	if (h->n_given == h->cap_given) {
		size_t nc = h->cap_given ? h->cap_given * 2 : 16;
		struct ft_region **g = realloc(h->given, nc * sizeof(*g));

		if (!g)
			return -ENOMEM;
		h->given = g;
		h->cap_given = nc;
	}
	rc = ta_host_send(h, SOFTEE_TA_REGION_GIVE, &m, sizeof(m), &r->fd, 1,
			  NULL);
	if (rc)
		return rc;
	ft_host_get(r);
	h->given[h->n_given++] = r;
	return 0;
}

/* Build the call message: struct softee_ta_call then the runs. */
static int ta_host_build(struct ta_host *h, const struct ta_host_call *c,
			 struct softee_ta_call **msg, size_t *len)
{
	struct softee_ta_call *m;
	struct softee_ta_run *runs;
	size_t n_runs = 0;
	int rc;

	for (uint32_t i = 0; i < c->n_params; i++)
		if (c->mobjs[i])
			n_runs += c->mobjs[i]->n_runs;
	if (n_runs > SOFTEE_TA_MAX_RUNS)
		return -EINVAL;
	*len = sizeof(*m) + n_runs * sizeof(*runs);
	m = calloc(1, *len);
	if (!m)
		return -ENOMEM;
	runs = (struct softee_ta_run *)(m + 1);
	m->session_id = c->session_id;
	m->cmd = c->cmd;
	m->client.login = c->login;
	memcpy(m->client.uuid, c->clnt_uuid, 16);
	n_runs = 0;
	for (uint32_t i = 0; i < c->n_params; i++) {
		const struct msg_param *p = &c->params[i];
		const struct mobj *mo = c->mobjs[i];

		m->param_types |= (p->gp_type & 0xF) << (4 * i);
		if (p->gp_type < TEE_PARAM_TYPE_MEMREF_INPUT) {
			m->params[i].value.a = (uint32_t)p->a;
			m->params[i].value.b = (uint32_t)p->b;
			continue;
		}
		m->params[i].memref.size = p->size;
		m->params[i].memref.first_run = (uint32_t)n_runs;
		if (!mo)
			continue;
		m->params[i].memref.offset = mo->offset;
		m->params[i].memref.n_runs = (uint32_t)mo->n_runs;
		for (size_t k = 0; k < mo->n_runs; k++) {
			const struct ft_run *fr = &mo->runs[k];

			rc = ta_host_give(h, fr->r);
			if (rc) {
				free(m);
				return rc;
			}
			runs[n_runs++] = (struct softee_ta_run){
				.handle = fr->r->handle,
				.file_offset = fr->r->file_offset +
					       fr->first_frame * SOFTEE_FRAME_SIZE,
				.length = fr->nframes * SOFTEE_FRAME_SIZE,
			};
		}
	}
	m->n_runs = (uint32_t)n_runs;
	*msg = m;
	return 0;
}

/* Output sizes from a hostile host: only SHORT_BUFFER may grow them. */
static void ta_host_check_result(const struct ta_host_call *c,
				 struct softee_ta_result *res)
{
	if (res->ret_origin != TEE_ORIGIN_TEE &&
	    res->ret_origin != TEE_ORIGIN_TRUSTED_APP)
		res->ret_origin = TEE_ORIGIN_TRUSTED_APP;
	for (uint32_t i = 0; i < c->n_params; i++) {
		const struct msg_param *p = &c->params[i];

		if (p->gp_type != TEE_PARAM_TYPE_MEMREF_OUTPUT &&
		    p->gp_type != TEE_PARAM_TYPE_MEMREF_INOUT)
			continue;
		if (res->ret != TEE_ERROR_SHORT_BUFFER &&
		    res->params[i].size > p->size) {
			EMSG("TA returned memref size %llu > %llu",
			     (unsigned long long)res->params[i].size,
			     (unsigned long long)p->size);
			res->ret = TEE_ERROR_GENERIC;
			res->ret_origin = TEE_ORIGIN_TEE;
			return;
		}
	}
}

/*
 * Serve one SYSCALL (message in buf, n bytes, with in_fd or -1, which is
 * consumed) for the call described by c, and send SYSCALL_RET.
 */
static int ta_host_syscall(struct ta_host *h, const struct ta_host_call *c,
			   const uint8_t *buf, size_t n, int in_fd)
{
	struct softee_ta_hdr hdr;
	struct softee_ta_syscall sc;
	struct softee_ta_syscall_ret r = { 0 };
	struct ta_sys_req req = { .in_fd = in_fd };
	struct ta_sys_rep rep = { .out_fd = -1 };
	struct iovec iov[3];
	int rc;

	memcpy(&hdr, buf, sizeof(hdr));
	if (hdr.len < sizeof(sc)) {
		EMSG("TA host sent a short SYSCALL");
		goto hostile;
	}
	memcpy(&sc, buf + sizeof(hdr), sizeof(sc));
	if (sc.len != hdr.len - sizeof(sc) ||
	    sc.len > SOFTEE_TA_SYSCALL_MAX_DATA) {
		EMSG("TA host sent a SYSCALL with a bad length");
		goto hostile;
	}
	(void)n;
	req.nr = sc.nr;
	req.in = buf + sizeof(hdr) + sizeof(sc);
	req.in_len = sc.len;
	rep.out = malloc(SOFTEE_TA_SYSCALL_MAX_DATA);
	if (!rep.out) {
		rep.ret = TEE_ERROR_OUT_OF_MEMORY;
	} else if (!c->sys) {
		rep.ret = TEE_ERROR_NOT_SUPPORTED;
	} else {
		ta_syscall_dispatch(c->sys, &req, &rep);
		if (rep.out_len > SOFTEE_TA_SYSCALL_MAX_DATA) {
			EMSG("syscall 0x%x overran its reply", sc.nr);
			rep.out_len = 0;
			rep.ret = TEE_ERROR_GENERIC;
		}
	}
	if (in_fd >= 0)
		close(in_fd);
	r.ret = rep.ret;
	r.len = (uint32_t)rep.out_len;
	hdr.op = SOFTEE_TA_SYSCALL_RET;
	hdr.len = (uint32_t)(sizeof(r) + rep.out_len);
	iov[0] = (struct iovec){ &hdr, sizeof(hdr) };
	iov[1] = (struct iovec){ &r, sizeof(r) };
	iov[2] = (struct iovec){ rep.out, rep.out_len };
	rc = wire_send(h->sock, iov, rep.out_len ? 3 : 2,
		       rep.out_fd >= 0 ? &rep.out_fd : NULL,
		       rep.out_fd >= 0 ? 1 : 0);
	if (rep.out_fd >= 0)
		close(rep.out_fd);
	free(rep.out);
	if (rc) {
		ta_host_mark_dead(h);
		return -EPIPE;
	}
	return 0;

hostile:
	if (in_fd >= 0)
		close(in_fd);
	ta_host_mark_dead(h);
	return -EPIPE;
}

int ta_host_call(struct ta_host *h, const struct ta_host_call *c,
		 struct softee_ta_result *res)
{
	struct softee_ta_call *msg;
	uint8_t *buf;
	size_t len;
	uint32_t seq;
	int rc;

	if (h->dead)
		return -EPIPE;
	rc = ta_host_drop_gone(h);
	if (rc)
		return rc;
	rc = ta_host_build(h, c, &msg, &len);
	if (rc)
		return rc;
	rc = ta_host_send(h, c->op, msg, len, NULL, 0, &seq);
	free(msg);
	if (rc)
		return rc;
	buf = malloc(TA_HOST_RX_MAX);
	if (!buf) {
		ta_host_mark_dead(h);
		return -EPIPE;
	}
	for (;;) {
		struct softee_ta_hdr hdr;
		int fd;
		ssize_t n = ta_host_recv_fd(h, buf, TA_HOST_RX_MAX, -1, &fd);

		if (n < 0) {
			rc = -EPIPE;
			break;
		}
		memcpy(&hdr, buf, sizeof(hdr));
		if (hdr.op == SOFTEE_TA_SYSCALL && ta_host_hdr_ok(&hdr, n)) {
			rc = ta_host_syscall(h, c, buf, (size_t)n, fd);
			if (rc)
				break;
			continue;
		}
		if (fd >= 0) {
			EMSG("TA host passed an fd outside a SYSCALL");
			close(fd);
			ta_host_mark_dead(h);
			rc = -EPIPE;
			break;
		}
		if (!ta_host_hdr_ok(&hdr, n)) {
			EMSG("TA host sent a malformed message");
			ta_host_mark_dead(h);
			rc = -EPIPE;
			break;
		}
		if (hdr.op == SOFTEE_TA_RESULT && hdr.seq == seq &&
		    hdr.len == sizeof(*res)) {
			memcpy(res, buf + sizeof(hdr), sizeof(*res));
			ta_host_check_result(c, res);
			rc = 0;
			break;
		}
		if (hdr.op == SOFTEE_TA_PANIC &&
		    hdr.len >= sizeof(struct softee_ta_panic)) {
			struct softee_ta_panic p;
			char us[37];

			memcpy(&p, buf + sizeof(hdr), sizeof(p));
			uuid_octets_to_str(h->uuid, us);
			EMSG("TA %s panicked with code 0x%x", us, p.code);
			ta_host_mark_dead(h);
			rc = -EPIPE;
			break;
		}
		EMSG("TA host sent unexpected op 0x%x", hdr.op);
		ta_host_mark_dead(h);
		rc = -EPIPE;
		break;
	}
	free(buf);
	return rc;
}

void ta_host_cancel(struct ta_host *h)
{
	__atomic_store_n(&h->shared->cancel_requested, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &h->shared->cancel_requested, FUTEX_WAKE, INT32_MAX,
		NULL, NULL, 0);
}

void ta_host_set_cancel(struct ta_host *h, bool on)
{
	if (on)
		ta_host_cancel(h);
	else
		__atomic_store_n(&h->shared->cancel_requested, 0,
				 __ATOMIC_SEQ_CST);
}

bool ta_host_dead(struct ta_host *h)
{
	return h->dead;
}

bool ta_host_check_alive(struct ta_host *h)
{
	struct pollfd p = { .fd = h->sock, .events = POLLIN };

	/* An idle host has nothing to say: a hang-up means it died. */
	if (!h->dead && poll(&p, 1, 0) > 0 &&
	    (p.revents & (POLLHUP | POLLERR)))
		ta_host_mark_dead(h);
	return !h->dead;
}

void ta_host_destroy(struct ta_host *h)
{
	if (!h)
		return;
	if (!h->dead) {
		uint8_t buf[sizeof(struct softee_ta_hdr) + 64];
		uint32_t seq;

		if (!ta_host_send(h, SOFTEE_TA_DESTROY, NULL, 0, NULL, 0, &seq) &&
		    ta_host_recv(h, buf, sizeof(buf), TA_HOST_DESTROY_TIMEOUT_MS) < 0)
			WMSG("TA host %d did not answer DESTROY", h->pid);
	}
	/* Closing the socket ends a well-behaved host; make sure of it. */
	close(h->sock);
	h->dead = true;
	ta_host_kill(h->pid);
	for (size_t i = 0; i < h->n_given; i++)
		ft_host_put(h->given[i]);
	free(h->given);
	munmap(h->shared, sizeof(*h->shared));
	free(h);
}
