/* SPDX-License-Identifier: BSD-2-Clause */
/* A pool of reusable worker threads for requests that may block. */
#ifndef SOFTEE_DRIVER_WORK_POOL_H
#define SOFTEE_DRIVER_WORK_POOL_H

/*
 * Run fn(arg) on a worker thread. An idle worker is reused; when none is
 * idle a new one starts, so a request that blocks for long (SUPPL_RECV,
 * an INVOKE waiting in a TA) never delays another. Returns 0 or -errno.
 */
int work_pool_submit(void (*fn)(void *), void *arg);

#endif /* SOFTEE_DRIVER_WORK_POOL_H */
