/* SPDX-License-Identifier: BSD-2-Clause */
/* Fast calls (ABI.md 3.1) and the top-level SMC dispatcher. */
#include "entry.h"

#include <stdatomic.h>
#include <string.h>

#include "log.h"
#include "optee_msg.h"
#include "optee_smc.h"
#include "sw_config.h"
#include "vm.h"

/* OP-TEE reports 12 calls without virtualization, 2 more with it. */
#define ENTRY_CALLS_COUNT	12
#define ENTRY_CALLS_COUNT_VIRT	14
#define ENTRY_OS_REV_MAJOR	4
#define ENTRY_OS_REV_MINOR	0
/* A build id; OP-TEE puts a git SHA here. */
#define ENTRY_OS_BUILD_ID	0x50f7ee01U

static atomic_uint_fast64_t n_smcs, n_fast, n_std, n_resume;

uint32_t entry_sec_caps(void)
{
	uint32_t caps = OPTEE_SMC_SEC_CAP_MEMREF_NULL;

	if (sw_cfg.reserved_shm)
		caps |= OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM;
	if (sw_cfg.dynamic_shm)
		caps |= OPTEE_SMC_SEC_CAP_DYNAMIC_SHM;
	if (vm_mode())
		caps |= OPTEE_SMC_SEC_CAP_VIRTUALIZATION;
	return caps;
}

/*
 * VM_CREATED / VM_DESTROYED: only the hypervisor itself (a7 = 0) in
 * virtualization mode; a1 names the guest.
 */
static void entry_vm_call(const uint32_t in[8], uint32_t out[8],
			  uint32_t vm_id)
{
	int rc;

	if (!vm_mode()) {
		out[0] = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		return;
	}
	if (vm_id) {
		WMSG("VM %u tried a hypervisor-only call 0x%x", vm_id, in[0]);
		out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		return;
	}
	if (in[0] == OPTEE_SMC_VM_CREATED) {
		rc = vm_create(in[1]);
		if (rc)
			DMSG_LOG("VM_CREATED %u refused: %d", in[1], rc);
		out[0] = rc ? OPTEE_SMC_RETURN_ENOTAVAIL : OPTEE_SMC_RETURN_OK;
		return;
	}
	/* Destroying an unknown VM is not an error (nothing to release). */
	vm_destroy(in[1]);
	out[0] = OPTEE_SMC_RETURN_OK;
}

void entry_fast(const uint32_t in[8], uint32_t out[8], uint32_t vm_id)
{
	atomic_fetch_add(&n_fast, 1);
	memset(out, 0, 8 * sizeof(uint32_t));
	switch (in[0]) {
	case OPTEE_SMC_CALLS_COUNT:
		out[0] = vm_mode() ? ENTRY_CALLS_COUNT_VIRT : ENTRY_CALLS_COUNT;
		break;
	case OPTEE_SMC_CALLS_UID:
		out[0] = OPTEE_MSG_UID_0;
		out[1] = OPTEE_MSG_UID_1;
		out[2] = OPTEE_MSG_UID_2;
		out[3] = OPTEE_MSG_UID_3;
		break;
	case OPTEE_SMC_CALLS_REVISION:
		out[0] = OPTEE_MSG_REVISION_MAJOR;
		out[1] = OPTEE_MSG_REVISION_MINOR;
		break;
	case OPTEE_SMC_CALL_GET_OS_UUID:
		out[0] = OPTEE_MSG_OS_OPTEE_UUID_0;
		out[1] = OPTEE_MSG_OS_OPTEE_UUID_1;
		out[2] = OPTEE_MSG_OS_OPTEE_UUID_2;
		out[3] = OPTEE_MSG_OS_OPTEE_UUID_3;
		break;
	case OPTEE_SMC_CALL_GET_OS_REVISION:
		out[0] = ENTRY_OS_REV_MAJOR;
		out[1] = ENTRY_OS_REV_MINOR;
		out[2] = ENTRY_OS_BUILD_ID;
		break;
	case OPTEE_SMC_GET_SHM_CONFIG:
		if (!sw_cfg.reserved_shm) {
			out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
			break;
		}
		out[0] = OPTEE_SMC_RETURN_OK;
		out[1] = (uint32_t)sw_cfg.carveout_base;
		out[2] = (uint32_t)sw_cfg.carveout_size;
		out[3] = OPTEE_SMC_SHM_CACHED;
		break;
	case OPTEE_SMC_EXCHANGE_CAPABILITIES:
		if (in[1] & ~OPTEE_SMC_NSEC_CAP_UNIPROCESSOR) {
			out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
			break;
		}
		out[0] = OPTEE_SMC_RETURN_OK;
		out[1] = entry_sec_caps();
		break;
	case OPTEE_SMC_DISABLE_SHM_CACHE:
		/* No cache, so nothing to hand back. */
		out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		break;
	case OPTEE_SMC_ENABLE_SHM_CACHE:
		out[0] = OPTEE_SMC_RETURN_OK;
		break;
	case OPTEE_SMC_GET_THREAD_COUNT:
		out[0] = OPTEE_SMC_RETURN_OK;
		out[1] = sw_cfg.num_threads;
		break;
	case OPTEE_SMC_VM_CREATED:
	case OPTEE_SMC_VM_DESTROYED:
		entry_vm_call(in, out, vm_id);
		break;
	default:
		out[0] = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		break;
	}
}

static void entry_dispatch_smc(const uint32_t in[8], uint32_t out[8],
			       uint32_t vm_id)
{
	if (OPTEE_SMC_IS_FAST_CALL(in[0])) {
		entry_fast(in, out, vm_id);
		return;
	}
	switch (in[0]) {
	case OPTEE_SMC_CALL_WITH_ARG:
		atomic_fetch_add(&n_std, 1);
		thread_std_call(in, out, vm_id);
		break;
	case OPTEE_SMC_CALL_RETURN_FROM_RPC:
		atomic_fetch_add(&n_resume, 1);
		thread_resume(in, out, vm_id);
		break;
	default:
		/* RPC_ARG is not advertised, so its calls are unknown too. */
		memset(out, 0, 8 * sizeof(uint32_t));
		out[0] = OPTEE_SMC_RETURN_UNKNOWN_FUNCTION;
		break;
	}
}

/*
 * In virtualization mode a7 names the VM: 0 is the hypervisor itself,
 * which may only make fast calls; any other id must be a live VM, and
 * the call runs inside vm_enter/vm_leave so VM_DESTROYED can drain it.
 */
void entry_smc(const uint32_t in[8], uint32_t out[8], uint32_t vm_id)
{
	atomic_fetch_add(&n_smcs, 1);
	if (!vm_mode()) {
		entry_dispatch_smc(in, out, vm_id);
		return;
	}
	if (!vm_id) {
		if (OPTEE_SMC_IS_FAST_CALL(in[0])) {
			entry_fast(in, out, 0);
		} else {
			memset(out, 0, 8 * sizeof(uint32_t));
			out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		}
		return;
	}
	if (!vm_enter(vm_id)) {
		memset(out, 0, 8 * sizeof(uint32_t));
		out[0] = OPTEE_SMC_RETURN_ENOTAVAIL;
		return;
	}
	entry_dispatch_smc(in, out, vm_id);
	vm_leave(vm_id);
}

void entry_fast_stats(uint64_t *smcs, uint64_t *fast, uint64_t *std,
		      uint64_t *resumes)
{
	*smcs = atomic_load(&n_smcs);
	*fast = atomic_load(&n_fast);
	*std = atomic_load(&n_std);
	*resumes = atomic_load(&n_resume);
}
