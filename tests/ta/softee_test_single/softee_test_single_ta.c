// SPDX-License-Identifier: BSD-2-Clause
/* The test TA's code, built again as the single-session variant (a second session is BUSY). */
#include "../softee_test/softee_test_ta.c"
