/* SPDX-License-Identifier: BSD-2-Clause */
/* The device sockets (tee0, teepriv0): one connection is one context. */
#ifndef SOFTEE_DEVICE_SERVER_H
#define SOFTEE_DEVICE_SERVER_H

#include "tee_drv.h"

struct dev_server;

/* Listen at path for teedev. 0 or -errno. */
int dev_server_start(const char *path, struct tee_device *teedev,
		     struct dev_server **out);
/*
 * Wait (bounded) until every connection its client already closed is torn
 * down, so counters reflect closes that happened before the query (a
 * Linux close is synchronous; a socket close is not).
 */
void dev_server_settle(struct dev_server *srv, unsigned int timeout_ms);
/* Stop accepting and unlink the socket (connections end with the process). */
void dev_server_stop(struct dev_server *srv);

#endif /* SOFTEE_DEVICE_SERVER_H */
