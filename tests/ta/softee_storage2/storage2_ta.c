// SPDX-License-Identifier: BSD-2-Clause
/* The storage test TA's commands, built again for the second UUID. */
#include "../softee_storage/softee_storage_ta.c"
