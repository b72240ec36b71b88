// SPDX-License-Identifier: BSD-2-Clause
/* The storage test TA's GP tests, built again for the second UUID. */
#include "../softee_storage/softee_storage_tests.c"
