/* SPDX-License-Identifier: BSD-2-Clause */
/* What /proc says about the processes of a stack: pids, RSS, open fds, TA hosts. */
#ifndef SOFTEE_PERF_PROC_H
#define SOFTEE_PERF_PROC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The pid in RUN_DIR/NAME.pid ("secure", "driver", "supplicant"); 0 if none. */
pid_t perf_proc_pidfile(const char *run_dir, const char *name);
/* VmRSS in KiB; -1 if the process is gone. */
long perf_proc_rss_kb(pid_t pid);
/* Number of open fds; -1 if the process is gone or unreadable. */
int perf_proc_fds(pid_t pid);
/* Whether pid is alive and not a zombie. */
int perf_proc_alive(pid_t pid);
/* Up to cap live children of parent (e.g. softee-ta of softee-secure). */
size_t perf_proc_children(pid_t parent, pid_t *out, size_t cap);
/*
 * Open fds of pid that are accepted connections on the Unix socket bound
 * to path (e.g. the secure world's SMC channels); -1 if unreadable.
 */
int perf_proc_unix_accepted(pid_t pid, const char *path);
/* Children of parent that died and were not reaped (zombies). */
size_t perf_proc_zombies(pid_t parent);

#endif /* SOFTEE_PERF_PROC_H */
