// SPDX-License-Identifier: BSD-2-Clause
/* The test TA's code, built again as the multi-instance variant (one instance per session). */
#include "../softee_test/softee_test_ta.c"
