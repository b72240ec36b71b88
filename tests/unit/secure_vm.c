/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the secure world's virtualization mode: VM_CREATED /
 * VM_DESTROYED from the hypervisor only, a7 routing, per-VM memory and
 * threads, and what destroying a VM releases.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "entry.h"
#include "frame_table.h"
#include "optee_msg.h"
#include "optee_smc.h"
#include "shm_reg.h"
#include "sw_config.h"
#include "tee_err.h"
#include "testlib.h"
#include "thread.h"
#include "vm.h"

TESTLIB_DEFINE_STATE;

#define FR	4096ULL
#define PA_A	(SOFTEE_DDR_BASE + 0x1000000ULL)	/* VM 6's arg */
#define PA_B	(SOFTEE_DDR_BASE + 0x2000000ULL)	/* VM 5's arg */

static void smc(uint32_t vm, uint32_t a0, uint32_t a1, uint32_t a2,
		uint32_t a3, uint32_t out[8])
{
	uint32_t in[8] = { a0, a1, a2, a3, 0, 0, 0, vm };

	entry_smc(in, out, vm);
}

static int region(uint32_t vm, uint64_t id, paddr_t pa)
{
	struct softee_pa_extent e = { pa, 1 };
	int fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING), rc;

	if (fd < 0 || ftruncate(fd, FR) || fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK))
		return -1;
	rc = ft_region_add(vm, id, fd, 0, 1, &e, 1);
	if (rc)
		close(fd);
	return rc;
}

/* An OPEN_SESSION arg at pa (the TA load then asks for an RPC buffer). */
static void put_open(uint32_t vm, paddr_t pa)
{
	union { struct optee_msg_arg a; uint8_t b[96]; } u;

	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	u.a.num_params = 2;
	u.a.params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	u.a.params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	ft_copy_to_vm(vm, pa, &u, sizeof(u));
}

TEST(vm_calls_come_from_the_hypervisor_only)
{
	uint32_t o[8];

	smc(0, OPTEE_SMC_VM_CREATED, 5, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	smc(0, OPTEE_SMC_VM_CREATED, 5, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	smc(0, OPTEE_SMC_VM_CREATED, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	/* a VM cannot create or destroy VMs */
	smc(5, OPTEE_SMC_VM_CREATED, 6, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	smc(5, OPTEE_SMC_VM_DESTROYED, 5, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	CHECK(vm_alive(5));
	smc(0, OPTEE_SMC_VM_CREATED, 6, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	smc(5, OPTEE_SMC_CALLS_COUNT, 0, 0, 0, o);
	CHECK_EQ_U(o[0], 14);
	smc(5, OPTEE_SMC_EXCHANGE_CAPABILITIES, 0, 0, 0, o);
	CHECK(o[1] & OPTEE_SMC_SEC_CAP_VIRTUALIZATION);
	CHECK(!(o[1] & OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM));
	smc(5, OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
}

TEST(calls_of_unknown_vms_and_of_the_hypervisor_refused)
{
	uint32_t o[8];

	smc(9, OPTEE_SMC_CALLS_UID, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	smc(9, OPTEE_SMC_CALL_WITH_ARG, 1, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	smc(0, OPTEE_SMC_CALL_WITH_ARG, 1, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	CHECK(!vm_enter(9));
}

TEST(a_vm_reaches_only_its_own_memory_and_threads)
{
	uint32_t o[8], o2[8];
	union { struct optee_msg_arg a; uint8_t b[96]; } u;
	uint8_t byte = 1;

	CHECK_EQ_U(region(6, 1, PA_A), 0);
	CHECK_EQ_U(region(5, 1, PA_B), 0);
	/* same region id in another VM is another region; same PA is not */
	CHECK_EQ_U(region(5, 2, PA_A), -EBUSY);
	CHECK(ft_copy_to_vm(5, PA_A, &byte, 1) != 0);
	CHECK_EQ_U(ft_copy_to_vm(6, PA_A, &byte, 1), 0);
	put_open(6, PA_A);
	smc(5, OPTEE_SMC_CALL_WITH_ARG, (uint32_t)(PA_A >> 32),
	    (uint32_t)PA_A, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_EBADADDR);
	smc(6, OPTEE_SMC_CALL_WITH_ARG, (uint32_t)(PA_A >> 32),
	    (uint32_t)PA_A, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_ALLOC);
	CHECK_EQ_U(thread_vm_busy(6), 1);
	/* VM 5 cannot resume VM 6's thread */
	smc(5, OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, o[3], o2);
	CHECK_EQ_U(o2[0], OPTEE_SMC_RETURN_ERESUME);
	/* nor hand it memory of VM 5 as its RPC buffer */
	smc(6, OPTEE_SMC_CALL_RETURN_FROM_RPC, (uint32_t)(PA_B >> 32),
	    (uint32_t)PA_B, o[3], o2);
	/* the RPC buffer was refused: the secure world frees it, then ends */
	while (o2[0] == OPTEE_SMC_RETURN_RPC_FREE)
		smc(6, OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, o2[3], o2);
	CHECK_EQ_U(o2[0], OPTEE_SMC_RETURN_OK);
	CHECK_EQ_U(ft_copy_from_vm(6, PA_A, &u, sizeof(u)), 0);
	CHECK(u.a.ret != TEE_SUCCESS);
	CHECK_EQ_U(thread_vm_busy(6), 0);
}

TEST(vm_destroyed_releases_threads_and_memory_others_stay)
{
	uint64_t regions, frames;
	uint32_t o[8];

	put_open(6, PA_A);
	smc(6, OPTEE_SMC_CALL_WITH_ARG, (uint32_t)(PA_A >> 32),
	    (uint32_t)PA_A, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_ALLOC);
	CHECK_EQ_U(thread_vm_busy(6), 1);
	smc(0, OPTEE_SMC_VM_DESTROYED, 6, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK_EQ_U(thread_vm_busy(6), 0);
	ft_vm_stats(6, &regions, &frames);
	CHECK_EQ_U(regions, 0);
	ft_vm_stats(5, &regions, &frames);
	CHECK_EQ_U(regions, 1);
	CHECK(!vm_alive(6));
	smc(6, OPTEE_SMC_CALLS_UID, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	/* its PA may serve another VM now */
	CHECK_EQ_U(region(5, 3, PA_A), 0);
	/* and the id may come back once nothing of it runs */
	smc(0, OPTEE_SMC_VM_CREATED, 6, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK_EQ_U(region(6, 1, PA_A), -EBUSY);
}

TEST(too_many_vms_refused)
{
	uint32_t o[8];

	/* 5 and 6 exist; the limit is 4 */
	smc(0, OPTEE_SMC_VM_CREATED, 7, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	smc(0, OPTEE_SMC_VM_CREATED, 8, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	smc(0, OPTEE_SMC_VM_CREATED, 9, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	vm_destroy_all();
	CHECK(!vm_alive(5) && !vm_alive(8));
	smc(0, OPTEE_SMC_VM_CREATED, 9, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	smc(0, OPTEE_SMC_VM_DESTROYED, 9, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
}

int main(void)
{
	sw_cfg.num_threads = 2;
	sw_cfg.reserved_shm = false;
	vm_set_mode(true, 4);
	ft_init();
	if (thread_init(2, entry_std_thread)) {
		printf("FAIL: thread_init\n");
		return 1;
	}
	RUN(vm_calls_come_from_the_hypervisor_only);
	RUN(calls_of_unknown_vms_and_of_the_hypervisor_refused);
	RUN(a_vm_reaches_only_its_own_memory_and_threads);
	RUN(vm_destroyed_releases_threads_and_memory_others_stay);
	RUN(too_many_vms_refused);
	ft_fini();
	return testlib_summary();
}
