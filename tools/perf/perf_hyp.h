/* SPDX-License-Identifier: BSD-2-Clause */
/* `softee perf hyp` (perf_hyp.c): the hypervisor's cost, with and without it. */
#ifndef SOFTEE_PERF_HYP_H
#define SOFTEE_PERF_HYP_H

int perf_hyp_main(int argc, char **argv);
int perf_hyp_worker(int argc, char **argv);

#endif
