// SPDX-License-Identifier: BSD-2-Clause
/* The TA-to-TA test TA's code, built again as its multi-instance peer. */
#define SOFTEE_TA2TA_PEER 1
#include "../softee_ta2ta_ta.c"
