/* SPDX-License-Identifier: BSD-2-Clause */
/* The SMC channel protocol (softee_chan.h): HELLO, SMC, REGION_ADD/DEL. */
#define _GNU_SOURCE
#include "channel.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "entry.h"
#include "frame_table.h"
#include "shm_reg.h"
#include "log.h"
#include "softee_chan.h"
#include "ta_manager.h"
#include "thread.h"
#include "util.h"
#include "vm.h"
#include "wire.h"

/*
 * Secure threads send their exits on the channel that entered them, so a
 * channel lives until its thread and every such pending exit let go.
 */
struct chan {
	int fd;
	bool hello;
	uint32_t role;
	uint64_t boot_id;	/* a hypervisor's, counted in ch.hyp_chans */
	atomic_uint refs;
	pthread_mutex_t send_lock;	/* one message at a time on fd */
};

static void chan_put(struct chan *c)
{
	if (atomic_fetch_sub(&c->refs, 1) != 1)
		return;
	close(c->fd);
	pthread_mutex_destroy(&c->send_lock);
	free(c);
}

static struct {
	pthread_mutex_t lock;
	bool boot_known;
	uint64_t boot_id;
	unsigned int hyp_chans;	/* live hypervisor channels of boot_id */
	int lfd;
	pthread_t thread;
} ch = { .lock = PTHREAD_MUTEX_INITIALIZER, .lfd = -1 };

static int chan_reply(struct chan *c, const struct softee_chan_hdr *req,
		      const void *payload, size_t len)
{
	struct softee_chan_hdr hdr = { .magic = SOFTEE_CHAN_MAGIC, .op = req->op,
				       .len = (uint32_t)len, .seq = req->seq };
	struct iovec iov[2] = { { &hdr, sizeof(hdr) },
				{ (void *)payload, len } };
	int rc;

	pthread_mutex_lock(&c->send_lock);
	rc = wire_send(c->fd, iov, 2, NULL, 0);
	pthread_mutex_unlock(&c->send_lock);
	return rc;
}

static int chan_status(struct chan *c, const struct softee_chan_hdr *req,
		       int status)
{
	struct softee_chan_status st = { .status = status };

	return chan_reply(c, req, &st, sizeof(st));
}

/*
 * A new boot id means the normal world rebooted: forget it entirely. In
 * virtualization mode the boot id is the hypervisor's, and a new one
 * means every VM of the previous hypervisor is gone.
 */
static int chan_boot(struct chan *c, uint64_t boot_id)
{
	bool reboot;

	pthread_mutex_lock(&ch.lock);
	reboot = ch.boot_known && ch.boot_id != boot_id;
	/* A second hypervisor may not displace one that is still here. */
	if (reboot && vm_mode() && ch.hyp_chans) {
		pthread_mutex_unlock(&ch.lock);
		WMSG("a second hypervisor tried to connect: refused");
		return -EBUSY;
	}
	ch.boot_known = true;
	ch.boot_id = boot_id;
	if (reboot && vm_mode()) {
		IMSG_LOG("hypervisor restarted: dropping every VM");
		vm_destroy_all();
	} else if (reboot) {
		IMSG_LOG("normal world rebooted: dropping its state");
		thread_abort_vm(0);
		tm_drop_vm(0);
		shm_reg_drop_vm(0);
		ft_drop_vm(0);
	}
	if (vm_mode()) {
		ch.hyp_chans++;
		c->boot_id = boot_id;
	}
	pthread_mutex_unlock(&ch.lock);
	return 0;
}

/* The hypervisor's last channel closed: its VMs have nobody to serve. */
static void chan_hyp_closed(struct chan *c)
{
	bool last;

	pthread_mutex_lock(&ch.lock);
	last = ch.boot_known && c->boot_id == ch.boot_id && ch.hyp_chans &&
	       --ch.hyp_chans == 0;
	if (last) {
		IMSG_LOG("hypervisor gone: dropping every VM");
		vm_destroy_all();
	}
	pthread_mutex_unlock(&ch.lock);
}

static int chan_hello(struct chan *c, const struct softee_chan_hdr *hdr,
		      const uint8_t *p)
{
	struct softee_chan_hello h;
	struct softee_chan_hello_rep rep = { .version = SOFTEE_CHAN_VERSION };

	if (hdr->len != sizeof(h))
		return -EPROTO;
	memcpy(&h, p, sizeof(h));
	/*
	 * With virtualization only a hypervisor speaks to us (drivers are
	 * its guests); without it, a hypervisor would have no VMs to name.
	 */
	if (h.version != SOFTEE_CHAN_VERSION ||
	    h.role != (vm_mode() ? SOFTEE_CHAN_ROLE_HYP :
				   SOFTEE_CHAN_ROLE_DRIVER)) {
		rep.status = -EPROTO;
		chan_reply(c, hdr, &rep, sizeof(rep));
		return -EPROTO;
	}
	rep.status = chan_boot(c, h.boot_id);
	if (rep.status) {
		chan_reply(c, hdr, &rep, sizeof(rep));
		return rep.status;
	}
	c->hello = true;
	c->role = h.role;
	return chan_reply(c, hdr, &rep, sizeof(rep));
}

static int chan_read_extents(int fd, uint32_t n, struct softee_pa_extent **out)
{
	size_t len = (size_t)n * sizeof(**out);
	struct softee_pa_extent *e;
	struct stat st;

	if (!n || n > FT_MAX_REGION_FRAMES)
		return -EINVAL;
	if (fstat(fd, &st) < 0 || (uint64_t)st.st_size < len)
		return -EINVAL;
	e = malloc(len);
	if (!e)
		return -ENOMEM;
	if (pread(fd, e, len, 0) != (ssize_t)len) {
		free(e);
		return -EIO;
	}
	*out = e;
	return 0;
}

static int chan_region_add(struct chan *c, const uint8_t *p, uint32_t len,
			   int *fds, int nfds)
{
	struct softee_chan_region_add ra;
	struct softee_pa_extent *ext = NULL;
	bool ext_alloc = false;
	int rc;

	if (len < sizeof(ra) || nfds < 1)
		return -EINVAL;
	memcpy(&ra, p, sizeof(ra));
	if (ra.flags & ~SOFTEE_REGION_F_EXTENTS_IN_FD || ra.reserved)
		return -EINVAL;
	/* A driver speaks for VM 0 only; a hypervisor names a live VM. */
	if (c->role == SOFTEE_CHAN_ROLE_DRIVER && ra.vm_id)
		return -EPERM;
	if (c->role == SOFTEE_CHAN_ROLE_HYP && !ra.vm_id)
		return -EPERM;
	if (ra.flags & SOFTEE_REGION_F_EXTENTS_IN_FD) {
		if (nfds != 2 || len != sizeof(ra))
			return -EINVAL;
		rc = chan_read_extents(fds[1], ra.n_extents, &ext);
		if (rc)
			return rc;
		ext_alloc = true;
	} else {
		if (nfds != 1 || !ra.n_extents ||
		    ra.n_extents > SOFTEE_CHAN_MAX_INLINE_EXTENTS ||
		    len != sizeof(ra) + ra.n_extents * sizeof(*ext))
			return -EINVAL;
		ext = malloc(ra.n_extents * sizeof(*ext));
		if (!ext)
			return -ENOMEM;
		memcpy(ext, p + sizeof(ra), ra.n_extents * sizeof(*ext));
		ext_alloc = true;
	}
	if (c->role == SOFTEE_CHAN_ROLE_HYP && !vm_enter(ra.vm_id)) {
		free(ext);
		return -ENOENT;
	}
	rc = ft_region_add(ra.vm_id, ra.region_id, fds[0], ra.file_offset,
			   ra.nframes, ext, ra.n_extents);
	if (c->role == SOFTEE_CHAN_ROLE_HYP)
		vm_leave(ra.vm_id);
	if (!rc)
		fds[0] = -1;	/* the table owns it now */
	else
		DMSG_LOG("REGION_ADD %llu refused: %d",
			 (unsigned long long)ra.region_id, rc);
	if (ext_alloc)
		free(ext);
	return rc;
}

static int chan_region_del(struct chan *c, const uint8_t *p, uint32_t len)
{
	struct softee_chan_region_del rd;

	if (len != sizeof(rd))
		return -EINVAL;
	memcpy(&rd, p, sizeof(rd));
	if (c->role == SOFTEE_CHAN_ROLE_DRIVER && rd.vm_id)
		return -EPERM;
	if (c->role == SOFTEE_CHAN_ROLE_HYP && !rd.vm_id)
		return -EPERM;
	return ft_region_del(rd.vm_id, rd.region_id);
}

/*
 * A secure thread's exit, sent by that thread: the SMC reply for seq.
 * On a closed channel the send fails and the exit is dropped; the normal
 * world's reconnect cleans up, as for any lost reply.
 */
static void chan_smc_exit(void *ctx, uint32_t seq, const uint32_t out[8])
{
	struct chan *c = ctx;
	struct softee_chan_hdr req = { .op = SOFTEE_CHAN_SMC, .seq = seq };
	struct softee_smc_regs regs;

	memcpy(regs.a, out, sizeof(regs.a));
	if (chan_reply(c, &req, &regs, sizeof(regs)))
		DMSG_LOG("secure thread exit dropped: channel gone");
	chan_put(c);
}

static int chan_smc(struct chan *c, const struct softee_chan_hdr *hdr,
		    const uint8_t *p)
{
	struct softee_smc_regs in, out;
	struct thread_sink sink = { .fn = chan_smc_exit, .ctx = c,
				    .tag = hdr->seq };
	uint32_t vm_id;

	if (hdr->len != sizeof(in))
		return -EPROTO;
	memcpy(&in, p, sizeof(in));
	vm_id = c->role == SOFTEE_CHAN_ROLE_HYP ? in.a[7] : 0;
	/* The reference goes to the secure thread if it takes the sink. */
	atomic_fetch_add(&c->refs, 1);
	thread_set_sink(&sink);
	entry_smc(in.a, out.a, vm_id);
	thread_set_sink(NULL);
	if (thread_sink_taken())
		return 0;	/* the thread replies itself */
	chan_put(c);
	return chan_reply(c, hdr, &out, sizeof(out));
}

/* One message; -EPROTO (or a send error) ends the channel. */
static int chan_handle(struct chan *c, uint8_t *buf, ssize_t n, int *fds,
		       int nfds)
{
	struct softee_chan_hdr hdr;
	const uint8_t *p = buf + sizeof(hdr);

	if (softee_chan_msg_check(buf, n, nfds, c->hello, &hdr))
		return -EPROTO;
	switch (hdr.op) {
	case SOFTEE_CHAN_HELLO:
		return chan_hello(c, &hdr, p);
	case SOFTEE_CHAN_SMC:
		return chan_smc(c, &hdr, p);
	case SOFTEE_CHAN_REGION_ADD:
		return chan_status(c, &hdr, chan_region_add(c, p, hdr.len,
							    fds, nfds));
	case SOFTEE_CHAN_REGION_DEL:
		return chan_status(c, &hdr, chan_region_del(c, p, hdr.len));
	default:
		return -EPROTO;
	}
}

static void *chan_thread(void *arg)
{
	struct chan *c = arg;
	size_t cap = sizeof(struct softee_chan_hdr) + SOFTEE_CHAN_MAX_PAYLOAD;
	uint8_t *buf = malloc(cap);

	while (buf) {
		int fds[2] = { -1, -1 }, nfds = 0, rc;
		ssize_t n = wire_recv(c->fd, buf, cap, fds, &nfds, 2);

		if (n <= 0) {
			if (n < 0)
				WMSG("channel closed: bad message (%zd)", n);
			break;
		}
		rc = chan_handle(c, buf, n, fds, nfds);
		wire_close_fds(fds, nfds);
		if (rc == -EPROTO) {
			WMSG("channel closed: protocol error");
			break;
		}
		if (rc)
			break;
	}
	free(buf);
	/* Pending exits fail to send from now on; the fd closes with them. */
	shutdown(c->fd, SHUT_RDWR);
	if (c->hello && c->role == SOFTEE_CHAN_ROLE_HYP)
		chan_hyp_closed(c);
	chan_put(c);
	return NULL;
}

static void *chan_accept_thread(void *unused)
{
	for (;;) {
		int fd = accept4(ch.lfd, NULL, NULL, SOCK_CLOEXEC);
		pthread_attr_t attr;
		struct chan *c;
		pthread_t t;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED ||
			    errno == EMFILE || errno == ENFILE)
				continue;
			return NULL;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		c->fd = fd;
		atomic_init(&c->refs, 1);
		pthread_mutex_init(&c->send_lock, NULL);
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &attr, chan_thread, c))
			chan_put(c);
		pthread_attr_destroy(&attr);
	}
	return NULL;
}

int channel_listen_start(const char *path)
{
	ch.lfd = wire_listen(path, 64);
	if (ch.lfd < 0)
		return ch.lfd;
	if (pthread_create(&ch.thread, NULL, chan_accept_thread, NULL)) {
		close(ch.lfd);
		ch.lfd = -1;
		return -EAGAIN;
	}
	pthread_detach(ch.thread);
	return 0;
}

void channel_listen_stop(void)
{
	if (ch.lfd >= 0)
		shutdown(ch.lfd, SHUT_RDWR);
}
