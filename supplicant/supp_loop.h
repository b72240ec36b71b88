/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The request loop: a small pool of threads that each wait in
 * TEE_IOC_SUPPL_RECV, so a slow request (a big TA load) does not hold up
 * the others. Threads are added while all of them are busy.
 */
#ifndef SOFTEE_SUPP_LOOP_H
#define SOFTEE_SUPP_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#define SUPP_LOOP_MAX_THREADS	16

struct supp_loop_stats {
	uint64_t served;	/* requests answered */
	uint64_t failed;	/* answered with an error result */
	uint64_t dropped;	/* undecodable, could not be answered */
	unsigned int threads;
	unsigned int idle;
	bool async;
};

/*
 * Start serving fd (a teepriv device). When the device fails for good,
 * fatal_fd (a pipe) gets one byte so the main thread can exit. 0 or
 * -errno.
 */
int supp_loop_start(int fd, int fatal_fd);
void supp_loop_get_stats(struct supp_loop_stats *st);

#endif /* SOFTEE_SUPP_LOOP_H */
