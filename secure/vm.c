/* SPDX-License-Identifier: BSD-2-Clause */
/* The table of VMs in virtualization mode, their lifetime and release. */
#include "vm.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "frame_table.h"
#include "log.h"
#include "shm_reg.h"
#include "ta_manager.h"
#include "thread.h"

/*
 * ALIVE: calls accepted. DYING: VM_DESTROYED waits for entries to drain
 * and releases. ZOMBIE: released, but a secure thread that was running a
 * call of the VM has not finished yet; whatever it leaves behind is
 * released again when it does (vm_thread_done), then the slot goes.
 */
enum vm_state { VM_FREE, VM_ALIVE, VM_DYING, VM_ZOMBIE };

struct vm_rec {
	uint32_t id;
	enum vm_state state;
	unsigned int entries;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t drained;
	bool virt;
	struct vm_rec *v;
	unsigned int max;
	uint64_t created, destroyed;
} vms = { .lock = PTHREAD_MUTEX_INITIALIZER,
	  .drained = PTHREAD_COND_INITIALIZER };

void vm_set_mode(bool virt, unsigned int max_vms)
{
	pthread_mutex_lock(&vms.lock);
	vms.virt = virt;
	free(vms.v);
	vms.v = NULL;
	vms.max = 0;
	if (virt && max_vms) {
		vms.v = calloc(max_vms, sizeof(*vms.v));
		if (vms.v)
			vms.max = max_vms;
	}
	pthread_mutex_unlock(&vms.lock);
}

bool vm_mode(void)
{
	return vms.virt;
}

/* The record of id in any state but FREE, or NULL. Locked. */
static struct vm_rec *vm_find(uint32_t id)
{
	for (unsigned int i = 0; i < vms.max; i++)
		if (vms.v[i].state != VM_FREE && vms.v[i].id == id)
			return &vms.v[i];
	return NULL;
}

/* Free the record once no thread of the VM runs any more. Locked. */
static void vm_maybe_free(struct vm_rec *r)
{
	if (r->state == VM_ZOMBIE && !thread_vm_busy(r->id))
		r->state = VM_FREE;
}

int vm_create(uint32_t id)
{
	struct vm_rec *slot = NULL;
	int rc = 0;

	if (!id || !vms.virt)
		return -EINVAL;
	pthread_mutex_lock(&vms.lock);
	for (unsigned int i = 0; i < vms.max; i++)
		vm_maybe_free(&vms.v[i]);
	if (vm_find(id)) {
		rc = -EEXIST;
	} else if (thread_vm_busy(id)) {
		rc = -EBUSY;
	} else {
		for (unsigned int i = 0; i < vms.max && !slot; i++)
			if (vms.v[i].state == VM_FREE)
				slot = &vms.v[i];
		if (!slot)
			rc = -ENOSPC;
	}
	if (!rc) {
		*slot = (struct vm_rec){ .id = id, .state = VM_ALIVE };
		vms.created++;
	}
	pthread_mutex_unlock(&vms.lock);
	if (!rc)
		IMSG_LOG("VM %u created", id);
	return rc;
}

/* Everything of the VM the secure world holds. Idempotent. */
static void vm_release(uint32_t id)
{
	thread_abort_vm(id);
	tm_drop_vm(id);
	shm_reg_drop_vm(id);
	ft_drop_vm(id);
}

int vm_destroy(uint32_t id)
{
	struct vm_rec *r;

	pthread_mutex_lock(&vms.lock);
	r = vm_find(id);
	if (!r || r->state != VM_ALIVE) {
		pthread_mutex_unlock(&vms.lock);
		return -ENOENT;
	}
	r->state = VM_DYING;
	while (r->entries)
		pthread_cond_wait(&vms.drained, &vms.lock);
	pthread_mutex_unlock(&vms.lock);

	vm_release(id);

	pthread_mutex_lock(&vms.lock);
	r->state = VM_ZOMBIE;
	vms.destroyed++;
	vm_maybe_free(r);
	pthread_mutex_unlock(&vms.lock);
	IMSG_LOG("VM %u destroyed", id);
	return 0;
}

void vm_destroy_all(void)
{
	for (;;) {
		uint32_t id = 0;

		pthread_mutex_lock(&vms.lock);
		for (unsigned int i = 0; i < vms.max && !id; i++)
			if (vms.v[i].state == VM_ALIVE)
				id = vms.v[i].id;
		pthread_mutex_unlock(&vms.lock);
		if (!id)
			return;
		vm_destroy(id);
	}
}

bool vm_enter(uint32_t id)
{
	struct vm_rec *r;
	bool ok = false;

	pthread_mutex_lock(&vms.lock);
	r = vm_find(id);
	if (r && r->state == VM_ALIVE) {
		r->entries++;
		ok = true;
	}
	pthread_mutex_unlock(&vms.lock);
	return ok;
}

bool vm_alive(uint32_t id)
{
	struct vm_rec *r;
	bool ok;

	if (!vms.virt)
		return true;
	pthread_mutex_lock(&vms.lock);
	r = vm_find(id);
	ok = r && r->state == VM_ALIVE;
	pthread_mutex_unlock(&vms.lock);
	return ok;
}

void vm_leave(uint32_t id)
{
	struct vm_rec *r;

	pthread_mutex_lock(&vms.lock);
	r = vm_find(id);
	if (r && r->entries && --r->entries == 0 && r->state == VM_DYING)
		pthread_cond_broadcast(&vms.drained);
	pthread_mutex_unlock(&vms.lock);
}

void vm_thread_done(uint32_t id)
{
	struct vm_rec *r;
	bool zombie;

	pthread_mutex_lock(&vms.lock);
	r = vm_find(id);
	zombie = r && r->state == VM_ZOMBIE;
	pthread_mutex_unlock(&vms.lock);
	if (!zombie)
		return;
	/* The straggler may have opened a session or registered memory. */
	tm_drop_vm(id);
	shm_reg_drop_vm(id);
	ft_drop_vm(id);
	pthread_mutex_lock(&vms.lock);
	r = vm_find(id);
	if (r)
		vm_maybe_free(r);
	pthread_mutex_unlock(&vms.lock);
}

void vm_status(FILE *out)
{
	uint32_t ids[VM_DEFAULT_MAX * 4];
	unsigned int n = 0;
	uint64_t created, destroyed;

	fprintf(out, "virtualization: %s\n", vms.virt ? "yes" : "no");
	if (!vms.virt)
		return;
	pthread_mutex_lock(&vms.lock);
	for (unsigned int i = 0; i < vms.max && n < sizeof(ids) / sizeof(ids[0]);
	     i++)
		if (vms.v[i].state == VM_ALIVE)
			ids[n++] = vms.v[i].id;
	created = vms.created;
	destroyed = vms.destroyed;
	pthread_mutex_unlock(&vms.lock);
	fprintf(out, "vms: %u\nmax_vms: %u\nvms_created: %llu\n"
		"vms_destroyed: %llu\n", n, vms.max,
		(unsigned long long)created, (unsigned long long)destroyed);
	for (unsigned int i = 0; i < n; i++) {
		uint64_t sess = 0, insts = 0, regions = 0, frames = 0;
		struct shm_reg_stats rs;

		tm_vm_stats(ids[i], &sess, &insts);
		ft_vm_stats(ids[i], &regions, &frames);
		shm_reg_vm_stats(ids[i], &rs);
		fprintf(out, "vm%u.sessions: %llu\nvm%u.ta_instances: %llu\n"
			"vm%u.registered_shm: %llu\nvm%u.registered_bytes: %llu\n"
			"vm%u.regions: %llu\nvm%u.frames: %llu\n"
			"vm%u.threads_busy: %u\n",
			ids[i], (unsigned long long)sess,
			ids[i], (unsigned long long)insts,
			ids[i], (unsigned long long)rs.count,
			ids[i], (unsigned long long)rs.bytes,
			ids[i], (unsigned long long)regions,
			ids[i], (unsigned long long)frames,
			ids[i], thread_vm_busy(ids[i]));
	}
}
