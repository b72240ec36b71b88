/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Control sockets: every daemon answers one-line text commands
 * ("status", "stat", "stop") on <rundir>/<name>.ctl, a SOCK_STREAM socket.
 * `softee status|stat|stop` are clients of these.
 */
#ifndef SOFTEE_CTL_H
#define SOFTEE_CTL_H

#include <stdio.h>

/* Called in the control thread with the command line (no newline). */
typedef void (*ctl_handler_fn)(const char *cmd, FILE *out, void *arg);

/* Start serving at path in a background thread. 0 or -errno. */
int ctl_server_start(const char *path, ctl_handler_fn fn, void *arg);
void ctl_server_stop(void);

/* Send cmd to the server at path and copy its answer to out. 0 or -errno. */
int ctl_query(const char *path, const char *cmd, FILE *out);

#endif /* SOFTEE_CTL_H */
