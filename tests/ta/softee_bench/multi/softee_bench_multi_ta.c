// SPDX-License-Identifier: BSD-2-Clause
/* The benchmark TA's code, built again as a multi-instance TA (one instance per session). */
#include "../softee_bench_ta.c"
