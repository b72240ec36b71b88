/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Virtualization mode: the normal worlds (VMs) a hypervisor announces
 * with VM_CREATED / VM_DESTROYED. Every call and region announcement of
 * a VM runs between vm_enter and vm_leave, so that destroying a VM can
 * wait for them to drain before it releases the VM's state.
 */
#ifndef SOFTEE_SECURE_VM_H
#define SOFTEE_SECURE_VM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define VM_DEFAULT_MAX	64

/* Fixed at start-up: with virt, only a hypervisor may connect. */
void vm_set_mode(bool virt, unsigned int max_vms);
bool vm_mode(void);

/* VM_CREATED: 0, -EINVAL (id 0), -EEXIST, -EBUSY (threads of a
 * previous VM with this id still run), -ENOSPC (too many VMs). */
int vm_create(uint32_t id);
/*
 * VM_DESTROYED: refuse new calls of the VM, wait for the running
 * entries, then release its threads, sessions, TA instances, registered
 * shm and regions. 0 or -ENOENT.
 */
int vm_destroy(uint32_t id);
/* The hypervisor went away: destroy every VM. */
void vm_destroy_all(void);

/* A call or announcement of VM id starts; false if the VM is not alive. */
bool vm_enter(uint32_t id);
void vm_leave(uint32_t id);

/* Outside virtualization mode always true; else is the VM ALIVE? */
bool vm_alive(uint32_t id);

/* A secure thread of VM id that was aborted has finished its call. */
void vm_thread_done(uint32_t id);

void vm_status(FILE *out);

#endif
