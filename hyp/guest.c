/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guests: one socket per VM slot (DIR/vm<k>/secure.smc, where a driver
 * looks for the secure world), channels speaking softee_chan.h, VM ids
 * and the VM's lifetime. A driver's channels share its boot id: the first
 * HELLO creates the VM (VM_CREATED), a new boot id on the slot is a
 * reboot, and when the last channel hangs up the VM is destroyed
 * (VM_DESTROYED) and everything of it released.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hyp.h"
#include "log.h"
#include "optee_smc.h"
#include "softee_chan.h"
#include "util.h"
#include "wire.h"

/* VMs being reaped whose ids are remembered (more: fresh ids only). */
#define HYP_MAX_DYING		256

/* Connections a slot accepts beyond its channel quota (before HELLO). */
#define GUEST_SLOT_SPARE	8

struct guest_slot {
	unsigned int n;			/* 1-based */
	char path[PATH_MAX];
	int lfd;
	unsigned int conns;		/* connected sockets */
	struct hyp_vm *vm;		/* the slot's live VM */
};

struct gchan {
	int fd;
	struct guest_slot *slot;
	struct hyp_vm *vm;		/* after HELLO; holds a reference */
	bool counted;			/* in vm->n_chans */
};

static struct {
	pthread_mutex_t lock;		/* slots, VM creation, n_chans */
	struct guest_slot slot[HYP_MAX_SLOTS];
	unsigned int n;
	uint32_t next_id;		/* ids beyond the slot numbers */
	uint32_t dying_ids[HYP_MAX_DYING];	/* of VMs being reaped */
	unsigned int live, dying;
	uint64_t created, destroyed, hello_refused;
} gs = { .lock = PTHREAD_MUTEX_INITIALIZER, .next_id = HYP_MAX_SLOTS + 1 };

static void vm_get(struct hyp_vm *vm)
{
	pthread_mutex_lock(&vm->lock);
	vm->refs++;
	pthread_mutex_unlock(&vm->lock);
}

static void vm_put(struct hyp_vm *vm)
{
	pthread_mutex_lock(&vm->lock);
	if (--vm->refs <= 1)
		pthread_cond_broadcast(&vm->idle);
	pthread_mutex_unlock(&vm->lock);
}

/* Is id used by a live VM or one still being reaped? Locked. */
static bool vm_id_busy(uint32_t id)
{
	for (unsigned int i = 0; i < gs.n; i++)
		if (gs.slot[i].vm && gs.slot[i].vm->id == id)
			return true;
	for (unsigned int i = 0; i < gs.dying && i < HYP_MAX_DYING; i++)
		if (gs.dying_ids[i] == id)
			return true;
	return gs.dying > HYP_MAX_DYING && id <= HYP_MAX_SLOTS;
}

/*
 * The slot's number when free, so that a VM keeps its id (and with it
 * its secure storage) across reboots of its guest; else a fresh one.
 * Never 0, never the id of a VM alive or still being reaped here (the
 * secure world also refuses one whose threads still run).
 */
static uint32_t vm_next_id(const struct guest_slot *s, bool fresh)
{
	if (!fresh && !vm_id_busy(s->n))
		return s->n;
	for (;;) {
		uint32_t id = gs.next_id++;

		if (id <= HYP_MAX_SLOTS) {
			gs.next_id = HYP_MAX_SLOTS + 1;
			continue;
		}
		if (!vm_id_busy(id))
			return id;
	}
}

/* VM_CREATED for a new guest on slot s. Locked. */
static int vm_new(struct guest_slot *s, uint64_t boot_id, struct hyp_vm **out)
{
	struct hyp_vm *vm = calloc(1, sizeof(*vm));
	uint32_t r[8];
	int rc = -EAGAIN;

	if (!vm)
		return -ENOMEM;
	if (ipa_init(&vm->ipa)) {
		free(vm);
		return -ENOMEM;
	}
	/* The secure world may still hold an id for a straggler: skip it. */
	for (int tries = 0; tries < 8 && rc; tries++) {
		vm->id = vm_next_id(s, tries > 0);
		if (up_fast(OPTEE_SMC_VM_CREATED, vm->id, r))
			break;
		if (r[0] == OPTEE_SMC_RETURN_OK)
			rc = 0;
	}
	if (rc) {
		ipa_fini(&vm->ipa);
		free(vm);
		return rc;
	}
	pthread_mutex_init(&vm->lock, NULL);
	pthread_cond_init(&vm->idle, NULL);
	vm->slot = s->n;
	vm->boot_id = boot_id;
	/* Shadows, lists and RPC args: a few frames per call it may run. */
	scratch_init(&vm->scratch, vm->id,
		     (uint64_t)quota_max_calls() *
		     (quota_pinned_frames() / 511 + 8) + SCRATCH_CHUNK_FRAMES);
	gs.live++;
	gs.created++;
	IMSG_LOG("guest on slot %u is VM %u", s->n, vm->id);
	*out = vm;
	return 0;
}

/* After the last channel: cancel, VM_DESTROYED, wait, free. */
static void *vm_reaper(void *arg)
{
	struct hyp_vm *vm = arg;
	uint32_t r[8];

	hyp_cancel_calls(vm);
	if (up_fast(OPTEE_SMC_VM_DESTROYED, vm->id, r) ||
	    r[0] != OPTEE_SMC_RETURN_OK)
		WMSG("VM_DESTROYED of VM %u failed", vm->id);
	pthread_mutex_lock(&vm->lock);
	while (vm->refs > 1)
		pthread_cond_wait(&vm->idle, &vm->lock);
	pthread_mutex_unlock(&vm->lock);
	/* The secure world dropped every region of the VM with it. */
	hyp_calls_free(vm);
	scratch_fini(&vm->scratch, false);
	ipa_fini(&vm->ipa);
	pthread_mutex_destroy(&vm->lock);
	pthread_cond_destroy(&vm->idle);
	pthread_mutex_lock(&gs.lock);
	for (unsigned int i = 0; i < gs.dying && i < HYP_MAX_DYING; i++) {
		if (gs.dying_ids[i] == vm->id) {
			gs.dying_ids[i] = gs.dying_ids[MIN(gs.dying,
							   HYP_MAX_DYING) - 1];
			break;
		}
	}
	gs.dying--;
	gs.destroyed++;
	pthread_mutex_unlock(&gs.lock);
	IMSG_LOG("VM %u (slot %u) released", vm->id, vm->slot);
	free(vm);
	return NULL;
}

/* The VM loses its slot and is reaped in the background. Locked. */
static void vm_gone(struct hyp_vm *vm)
{
	struct guest_slot *s = &gs.slot[vm->slot - 1];
	pthread_attr_t attr;
	pthread_t t;

	pthread_mutex_lock(&vm->lock);
	if (vm->dying) {
		pthread_mutex_unlock(&vm->lock);
		return;
	}
	vm->dying = true;
	vm->refs++;	/* the reaper's */
	pthread_mutex_unlock(&vm->lock);
	if (s->vm == vm)
		s->vm = NULL;
	gs.live--;
	if (gs.dying < HYP_MAX_DYING)
		gs.dying_ids[gs.dying] = vm->id;
	gs.dying++;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, vm_reaper, vm)) {
		/*
		 * Out of threads: the VM stays dying (shown by status) and
		 * its memory is not reclaimed; nothing else is affected.
		 */
		EMSG("cannot start a reaper for VM %u: its state leaks", vm->id);
		vm_put(vm);
	}
	pthread_attr_destroy(&attr);
}

/* The channel no longer counts for its VM (hang-up or end). */
static void gchan_release(struct gchan *ch)
{
	pthread_mutex_lock(&gs.lock);
	if (ch->counted) {
		ch->counted = false;
		if (--ch->vm->n_chans == 0)
			vm_gone(ch->vm);
	}
	pthread_mutex_unlock(&gs.lock);
}

static void gchan_gone(void *arg)
{
	gchan_release(arg);
}

static int gchan_reply(struct gchan *ch, const struct softee_chan_hdr *req,
		       const void *payload, size_t len)
{
	struct softee_chan_hdr hdr = { .magic = SOFTEE_CHAN_MAGIC,
				       .op = req->op, .len = (uint32_t)len,
				       .seq = req->seq };
	struct iovec iov[2] = { { &hdr, sizeof(hdr) }, { (void *)payload, len } };

	return wire_send(ch->fd, iov, 2, NULL, 0);
}

static int gchan_status(struct gchan *ch, const struct softee_chan_hdr *req,
			int status)
{
	struct softee_chan_status st = { .status = status };

	return gchan_reply(ch, req, &st, sizeof(st));
}

static int gchan_hello(struct gchan *ch, const struct softee_chan_hdr *hdr,
		       const uint8_t *p)
{
	struct softee_chan_hello h;
	struct softee_chan_hello_rep rep = { .version = SOFTEE_CHAN_VERSION };
	struct guest_slot *s = ch->slot;
	struct hyp_vm *vm;
	int rc = 0;

	if (hdr->len != sizeof(h) || ch->vm)
		return -EPROTO;
	memcpy(&h, p, sizeof(h));
	/* A guest is a driver; a hypervisor in a guest is not offered. */
	if (h.version != SOFTEE_CHAN_VERSION ||
	    h.role != SOFTEE_CHAN_ROLE_DRIVER) {
		rep.status = -EPROTO;
		gchan_reply(ch, hdr, &rep, sizeof(rep));
		return -EPROTO;
	}
	pthread_mutex_lock(&gs.lock);
	vm = s->vm;
	if (vm && vm->boot_id == h.boot_id) {
		if (vm->n_chans >= hyp_cfg.max_chans)
			rc = -EBUSY;
	} else {
		if (vm) {
			IMSG_LOG("guest on slot %u rebooted", s->n);
			vm_gone(vm);
		}
		rc = vm_new(s, h.boot_id, &vm);
		if (!rc)
			s->vm = vm;
	}
	if (!rc) {
		vm->n_chans++;
		vm_get(vm);
		ch->vm = vm;
		ch->counted = true;
	} else {
		gs.hello_refused++;
	}
	pthread_mutex_unlock(&gs.lock);
	rep.status = rc;
	if (gchan_reply(ch, hdr, &rep, sizeof(rep)) || rc)
		return rc ? rc : -EPIPE;
	return 0;
}

static int gchan_read_extents(int fd, uint32_t n, struct softee_pa_extent **out)
{
	size_t len = (size_t)n * sizeof(**out);
	struct softee_pa_extent *e;
	struct stat st;

	if (!n || n > (1U << 22))
		return -EINVAL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < len)
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

/* A guest's REGION_ADD: map it, give it host frames, tell the secure world. */
static int gchan_region_add(struct gchan *ch, const uint8_t *p, uint32_t len,
			    int *fds, int nfds)
{
	struct hyp_vm *vm = ch->vm;
	struct softee_chan_region_add ra;
	struct softee_pa_extent *ext = NULL;
	struct ipa_region *r;
	uint64_t host_id;
	int rc;

	if (len < sizeof(ra) || nfds < 1)
		return -EINVAL;
	memcpy(&ra, p, sizeof(ra));
	if (ra.flags & ~SOFTEE_REGION_F_EXTENTS_IN_FD || ra.reserved)
		return -EINVAL;
	/* A guest speaks for itself only. */
	if (ra.vm_id)
		return -EPERM;
	if (ra.flags & SOFTEE_REGION_F_EXTENTS_IN_FD) {
		if (nfds != 2 || len != sizeof(ra))
			return -EINVAL;
		rc = gchan_read_extents(fds[1], ra.n_extents, &ext);
		if (rc)
			return rc;
	} else {
		if (nfds != 1 || !ra.n_extents ||
		    ra.n_extents > SOFTEE_CHAN_MAX_INLINE_EXTENTS ||
		    len != sizeof(ra) + ra.n_extents * sizeof(*ext))
			return -EINVAL;
		ext = malloc(ra.n_extents * sizeof(*ext));
		if (!ext)
			return -ENOMEM;
		memcpy(ext, p + sizeof(ra), ra.n_extents * sizeof(*ext));
	}
	host_id = up_region_id();
	rc = ipa_region_add(&vm->ipa, ra.region_id, host_id, fds[0],
			    ra.file_offset, ra.nframes, ext, ra.n_extents,
			    quota_pinned_frames(), &r);
	free(ext);
	if (rc) {
		if (rc == -ENOSPC) {
			pthread_mutex_lock(&vm->lock);
			vm->st.refused++;
			pthread_mutex_unlock(&vm->lock);
		}
		DMSG_LOG("VM %u: REGION_ADD %llu refused: %d", vm->id,
			 (unsigned long long)ra.region_id, rc);
		return rc;
	}
	rc = up_region_add(vm->id, host_id, fds[0], ra.file_offset, ra.nframes,
			   r->host);
	if (rc) {
		WMSG("VM %u: secure world refused a region: %d", vm->id, rc);
		ipa_region_free(ipa_region_take(&vm->ipa, ra.region_id));
	}
	return rc;
}

static int gchan_region_del(struct gchan *ch, const uint8_t *p, uint32_t len)
{
	struct softee_chan_region_del rd;
	struct ipa_region *r;
	int rc;

	if (len != sizeof(rd))
		return -EINVAL;
	memcpy(&rd, p, sizeof(rd));
	if (rd.vm_id || rd.reserved)
		return -EPERM;
	r = ipa_region_take(&ch->vm->ipa, rd.region_id);
	if (!r)
		return -ENOENT;
	rc = up_region_del(ch->vm->id, r->host_id);
	if (rc)
		WMSG("VM %u: REGION_DEL upstream: %d", ch->vm->id, rc);
	/* Its host PAs left the secure world's table: they may serve again. */
	ipa_region_free(r);
	return 0;
}

static int gchan_smc(struct gchan *ch, const struct softee_chan_hdr *hdr,
		     const uint8_t *p)
{
	struct softee_smc_regs in, out;
	int rc;

	if (hdr->len != sizeof(in))
		return -EPROTO;
	memcpy(&in, p, sizeof(in));
	rc = hyp_guest_smc(ch->vm, ch->fd, gchan_gone, ch, in.a, out.a);
	if (rc)
		return rc;
	return gchan_reply(ch, hdr, &out, sizeof(out));
}

/* One guest message; nonzero ends the channel. */
static int gchan_handle(struct gchan *ch, const uint8_t *buf, ssize_t n,
			int *fds, int nfds)
{
	struct softee_chan_hdr hdr;
	const uint8_t *p = buf + sizeof(hdr);
	bool dying;

	if (softee_chan_msg_check(buf, n, nfds, ch->vm != NULL, &hdr))
		return -EPROTO;
	if (ch->vm) {
		pthread_mutex_lock(&ch->vm->lock);
		dying = ch->vm->dying;
		pthread_mutex_unlock(&ch->vm->lock);
		if (dying)
			return -EPIPE;
	}
	switch (hdr.op) {
	case SOFTEE_CHAN_HELLO:
		return gchan_hello(ch, &hdr, p);
	case SOFTEE_CHAN_SMC:
		return gchan_smc(ch, &hdr, p);
	case SOFTEE_CHAN_REGION_ADD:
		return gchan_status(ch, &hdr, gchan_region_add(ch, p, hdr.len,
							       fds, nfds));
	case SOFTEE_CHAN_REGION_DEL:
		return gchan_status(ch, &hdr, gchan_region_del(ch, p, hdr.len));
	default:
		return -EPROTO;
	}
}

static void *gchan_thread(void *arg)
{
	struct gchan *ch = arg;
	size_t cap = sizeof(struct softee_chan_hdr) + SOFTEE_CHAN_MAX_PAYLOAD;
	uint8_t *buf = malloc(cap);

	while (buf) {
		int fds[2] = { -1, -1 }, nfds = 0, rc;
		ssize_t n = wire_recv(ch->fd, buf, cap, fds, &nfds, 2);

		if (n <= 0) {
			if (n < 0)
				WMSG("slot %u: bad message (%zd): channel closed",
				     ch->slot->n, n);
			break;
		}
		rc = gchan_handle(ch, buf, n, fds, nfds);
		wire_close_fds(fds, nfds);
		if (rc) {
			if (rc != -EPIPE)
				WMSG("slot %u: channel closed: %s", ch->slot->n,
				     strerror(-rc));
			break;
		}
	}
	free(buf);
	shutdown(ch->fd, SHUT_RDWR);
	if (ch->vm) {
		gchan_release(ch);
		vm_put(ch->vm);
	}
	pthread_mutex_lock(&gs.lock);
	ch->slot->conns--;
	pthread_mutex_unlock(&gs.lock);
	close(ch->fd);
	free(ch);
	return NULL;
}

static void *guest_accept_thread(void *arg)
{
	struct guest_slot *s = arg;

	for (;;) {
		int fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);
		pthread_attr_t attr;
		struct gchan *ch;
		pthread_t t;
		bool full;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED ||
			    errno == EMFILE || errno == ENFILE)
				continue;
			return NULL;
		}
		pthread_mutex_lock(&gs.lock);
		full = s->conns >= hyp_cfg.max_chans + GUEST_SLOT_SPARE;
		if (!full)
			s->conns++;
		pthread_mutex_unlock(&gs.lock);
		ch = full ? NULL : calloc(1, sizeof(*ch));
		if (!ch) {
			if (!full) {
				pthread_mutex_lock(&gs.lock);
				s->conns--;
				pthread_mutex_unlock(&gs.lock);
			}
			close(fd);
			continue;
		}
		ch->fd = fd;
		ch->slot = s;
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &attr, gchan_thread, ch)) {
			pthread_mutex_lock(&gs.lock);
			s->conns--;
			pthread_mutex_unlock(&gs.lock);
			close(fd);
			free(ch);
		}
		pthread_attr_destroy(&attr);
	}
	return NULL;
}

int guest_start(void)
{
	char dir[PATH_MAX];
	pthread_t t;

	if (!hyp_cfg.slots || hyp_cfg.slots > HYP_MAX_SLOTS)
		return -EINVAL;
	for (unsigned int i = 0; i < hyp_cfg.slots; i++) {
		struct guest_slot *s = &gs.slot[i];

		s->n = i + 1;
		s->lfd = -1;
		if ((size_t)snprintf(dir, sizeof(dir), "%s/vm%u", hyp_cfg.run_dir,
				     s->n) >= sizeof(dir) ||
		    (size_t)snprintf(s->path, sizeof(s->path), "%s/%s", dir,
				     SOFTEE_SECURE_SOCK) >= sizeof(s->path))
			return -ENAMETOOLONG;
		if (mkdir(dir, 0700) && errno != EEXIST)
			return -errno;
		s->lfd = wire_listen(s->path, 64);
		if (s->lfd < 0)
			return s->lfd;
		gs.n = i + 1;
		if (pthread_create(&t, NULL, guest_accept_thread, s))
			return -EAGAIN;
		pthread_detach(t);
	}
	return 0;
}

void guest_stop(void)
{
	for (unsigned int i = 0; i < gs.n; i++) {
		if (gs.slot[i].lfd >= 0) {
			shutdown(gs.slot[i].lfd, SHUT_RDWR);
			unlink(gs.slot[i].path);
		}
	}
}

static void guest_vm_status(FILE *out, struct hyp_vm *vm, bool stat)
{
	uint64_t regions, frames, s_used, s_total;
	struct hyp_vm_stats st;
	unsigned int chans, calls;
	uint64_t regs;
	uint32_t id = vm->id;

	ipa_stats(&vm->ipa, &regions, &frames);
	scratch_stats(&vm->scratch, &s_used, &s_total);
	pthread_mutex_lock(&vm->lock);
	chans = vm->n_chans;
	calls = vm->n_calls;
	regs = vm->n_regs;
	st = vm->st;
	pthread_mutex_unlock(&vm->lock);
	fprintf(out, "slot %u: VM %u, calls %u/%u, registrations %llu/%llu, "
		"pinned %llu/%llu KiB\n", vm->slot, id, calls,
		quota_max_calls(), (unsigned long long)regs,
		(unsigned long long)hyp_cfg.max_regs,
		(unsigned long long)(frames * 4),
		(unsigned long long)(hyp_cfg.quota_pinned >> 10));
	fprintf(out, "slot%u.vm: %u\n", vm->slot, id);
	fprintf(out, "vm%u.slot: %u\nvm%u.channels: %u\nvm%u.calls: %u\n"
		"vm%u.max_calls: %u\nvm%u.registrations: %llu\n"
		"vm%u.max_registrations: %llu\nvm%u.regions: %llu\n"
		"vm%u.pinned_bytes: %llu\nvm%u.quota_pinned_bytes: %llu\n"
		"vm%u.hyp_frames_used: %llu\nvm%u.hyp_frames: %llu\n",
		id, vm->slot, id, chans, id, calls, id, quota_max_calls(),
		id, (unsigned long long)regs,
		id, (unsigned long long)hyp_cfg.max_regs,
		id, (unsigned long long)regions,
		id, (unsigned long long)(frames * SOFTEE_FRAME_SIZE),
		id, (unsigned long long)hyp_cfg.quota_pinned,
		id, (unsigned long long)s_used, id, (unsigned long long)s_total);
	if (stat)
		fprintf(out, "vm%u.smcs: %llu\nvm%u.std_calls: %llu\n"
			"vm%u.rpcs: %llu\nvm%u.throttled: %llu\n"
			"vm%u.refused: %llu\nvm%u.bad_addr: %llu\n"
			"vm%u.calls_max_seen: %llu\n",
			id, (unsigned long long)st.smcs,
			id, (unsigned long long)st.calls,
			id, (unsigned long long)st.rpcs,
			id, (unsigned long long)st.throttled,
			id, (unsigned long long)st.refused,
			id, (unsigned long long)st.bad_addr,
			id, (unsigned long long)st.calls_max_seen);
}

void guest_status(FILE *out, bool stat)
{
	pthread_mutex_lock(&gs.lock);
	fprintf(out, "slots: %u\nvms: %u\nvms_dying: %u\nvms_created: %llu\n"
		"vms_destroyed: %llu\nhello_refused: %llu\n", gs.n, gs.live,
		gs.dying, (unsigned long long)gs.created,
		(unsigned long long)gs.destroyed,
		(unsigned long long)gs.hello_refused);
	for (unsigned int i = 0; i < gs.n; i++) {
		struct hyp_vm *vm = gs.slot[i].vm;

		if (!vm) {
			fprintf(out, "slot%u.vm: 0\n", gs.slot[i].n);
			continue;
		}
		/* The slot's reference keeps it while we print. */
		guest_vm_status(out, vm, stat);
	}
	pthread_mutex_unlock(&gs.lock);
}
