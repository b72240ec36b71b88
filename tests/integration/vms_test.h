/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtualization tests (vms_*.c), run in VM 1 of a stack started
 * with `softee run --vms 2` and two extra hypervisor slots (3 and 4) for
 * raw hostile guests (vms_guest.h). See vms.sh.
 */
#ifndef SOFTEE_TEST_VMS_TEST_H
#define SOFTEE_TEST_VMS_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <tee_client_api.h>

#include "testlib.h"

#define VT_TEE_ERROR_BAD_PARAMETERS	0xFFFF0006U
#define VT_TEE_ERROR_ITEM_NOT_FOUND	0xFFFF0008U
#define VT_TEE_ERROR_OUT_OF_MEMORY	0xFFFF000CU
#define VT_NO_VALUE			UINT64_MAX

struct vt_test {
	const char *name;
	void (*fn)(void);
};
#define VT_T(n) { #n, test_##n }

extern const struct vt_test vt_hostile_tests[], vt_cleanup_tests[],
	vt_big_tests[];
extern const size_t vt_hostile_ntests, vt_cleanup_ntests, vt_big_ntests;

extern const char *vt_run_dir;	/* the stack's top directory */
extern const TEEC_UUID vt_uuid, vt_multi_uuid;

/* Socket of VM slot k (where its driver finds the "secure world"). */
const char *vt_slot(unsigned int k);
/* Query "<run dir>/<daemon>.ctl": 0 and the text in a static buffer. */
const char *vt_status(const char *daemon, const char *cmd);
/* The number at the key printf(fmt, ...) of text, or VT_NO_VALUE. */
uint64_t vt_kv(const char *text, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The VM id of slot k (0: none). */
uint32_t vt_slot_vm(unsigned int k);
/* Wait until slot k has no VM and no VM is being reaped. */
bool vt_wait_slot_free(unsigned int k, int timeout_ms);
/* VM 1 (this process, libteec): open, ECHO n times, close. */
TEEC_Result vt_vm1_echo(int n);
/* A boot id unique to this run and tag. */
uint64_t vt_boot_id(unsigned int tag);

#endif
