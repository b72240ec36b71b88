/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TA host's seccomp sandbox, entered once the TA is loaded: from
 * then on the process can talk to the secure world over its channel,
 * write logs to stderr and manage its own memory, and nothing else.
 * Any other system call kills the whole process (SIGSYS), so the secure
 * world sees the host die and the TA's sessions get TARGET_DEAD.
 */
#ifndef TA_SANDBOX_H
#define TA_SANDBOX_H

/*
 * Install the filter (no way back): chan is the channel, maps_fd the
 * process's /proc/self/maps (pread only, for memory access rights).
 * 0, or -errno: then run no TA code.
 */
int ta_sandbox_enter(int chan, int maps_fd);

/*
 * Before the TA's shared object is opened (its constructors run inside
 * dlopen): a first filter that already kills on what no loader needs
 * (sockets, exec, fork and threads, ptrace, signals to others, new
 * namespaces or mounts). ta_sandbox_enter() later narrows it to the
 * full sandbox. 0 or -errno.
 */
int ta_sandbox_preload(void);

#endif /* TA_SANDBOX_H */
