/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the SMC dispatcher: fast calls, thread limit, RPC resume. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "entry.h"
#include "frame_table.h"
#include "optee_msg.h"
#include "optee_smc.h"
#include "sw_config.h"
#include "tee_err.h"
#include "testlib.h"
#include "thread.h"

TESTLIB_DEFINE_STATE;

#define CB SOFTEE_CARVEOUT_DEFAULT_BASE

static void smc(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
		uint32_t out[8])
{
	uint32_t in[8] = { a0, a1, a2, a3 };

	entry_smc(in, out, 0);
}

TEST(fast_calls_report_optee_identity)
{
	uint32_t o[8];

	smc(OPTEE_SMC_CALLS_UID, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_MSG_UID_0);
	CHECK_EQ_U(o[3], OPTEE_MSG_UID_3);
	smc(OPTEE_SMC_CALLS_REVISION, 0, 0, 0, o);
	CHECK_EQ_U(o[0], 2);
	CHECK_EQ_U(o[1], 0);
	smc(OPTEE_SMC_CALLS_COUNT, 0, 0, 0, o);
	CHECK_EQ_U(o[0], 12);
	smc(OPTEE_SMC_CALL_GET_OS_UUID, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_MSG_OS_OPTEE_UUID_0);
	smc(OPTEE_SMC_GET_THREAD_COUNT, 0, 0, 0, o);
	CHECK_EQ_U(o[1], sw_cfg.num_threads);
}

TEST(capabilities_and_shm_config)
{
	uint32_t o[8];

	smc(OPTEE_SMC_EXCHANGE_CAPABILITIES, OPTEE_SMC_NSEC_CAP_UNIPROCESSOR, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK_EQ_U(o[1], OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM |
		   OPTEE_SMC_SEC_CAP_DYNAMIC_SHM |
		   OPTEE_SMC_SEC_CAP_MEMREF_NULL);
	/* --no-dynamic-shm: an older OS; --no-reserved-shm: no carve-out */
	sw_cfg.dynamic_shm = false;
	smc(OPTEE_SMC_EXCHANGE_CAPABILITIES, 0, 0, 0, o);
	sw_cfg.dynamic_shm = true;
	CHECK_EQ_U(o[1], OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM |
		   OPTEE_SMC_SEC_CAP_MEMREF_NULL);
	sw_cfg.reserved_shm = false;
	smc(OPTEE_SMC_EXCHANGE_CAPABILITIES, 0, 0, 0, o);
	sw_cfg.reserved_shm = true;
	CHECK_EQ_U(o[1], OPTEE_SMC_SEC_CAP_DYNAMIC_SHM |
		   OPTEE_SMC_SEC_CAP_MEMREF_NULL);
	smc(OPTEE_SMC_EXCHANGE_CAPABILITIES, 2, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
	smc(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK_EQ_U(o[1], CB);
	CHECK_EQ_U(o[2], SOFTEE_CARVEOUT_DEFAULT_SIZE);
	CHECK_EQ_U(o[3], 1);
	sw_cfg.reserved_shm = false;
	smc(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0, o);
	sw_cfg.reserved_shm = true;
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ENOTAVAIL);
}

TEST(unknown_functions)
{
	uint32_t o[8];

	smc(0xB2000099, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
	smc(OPTEE_SMC_VM_CREATED, 1, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
	smc(OPTEE_SMC_CALL_WITH_RPC_ARG, 0, 0, 0, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
}

TEST(bad_arg_address_and_bad_resume)
{
	uint32_t o[8];

	smc(OPTEE_SMC_CALL_WITH_ARG, 0, CB + 4, 0, o);	/* misaligned */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_EBADADDR);
	smc(OPTEE_SMC_CALL_WITH_ARG, 0, CB, 0, o);	/* not announced */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_EBADADDR);
	smc(OPTEE_SMC_CALL_WITH_ARG, 1, 0, 0, o);	/* outside, unannounced */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_EBADADDR);
	smc(OPTEE_SMC_CALL_WITH_ARG, 1, 0x10, 0, o);	/* DDR, not 4 KiB aligned */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_EBADADDR);
	smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, 0, o);	/* idle thread */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ERESUME);
	smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, 1000, o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_ERESUME);
}

TEST(open_session_suspends_in_rpc_then_thread_limit_then_resume)
{
	union { struct optee_msg_arg a; uint8_t b[96]; } u;
	struct softee_pa_extent e[] = { { CB, 1 } };
	uint32_t o[8], o2[8], in[8] = { 0 };
	int fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	CHECK(fd >= 0);
	CHECK(ftruncate(fd, 4096) == 0);
	CHECK(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) == 0);
	CHECK_EQ_U(ft_region_add(0, 1, fd, 0, 1, e, 1), 0);
	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	u.a.num_params = 2;
	u.a.params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	u.a.params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	CHECK_EQ_U(ft_copy_to(CB + 256, &u, sizeof(u)), 0);

	smc(OPTEE_SMC_CALL_WITH_ARG, 0, CB + 256, 0, o);
	/* The TA load starts by asking for an RPC arg buffer. */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_ALLOC);
	CHECK_EQ_U(o[1], OPTEE_MSG_GET_ARG_SIZE(4));
	smc(OPTEE_SMC_CALL_WITH_ARG, 0, CB + 256, 0, o2);
	CHECK_EQ_U(o2[0], OPTEE_SMC_RETURN_ETHREAD_LIMIT);
	/* Refuse the allocation: the open fails with OUT_OF_MEMORY. */
	in[0] = OPTEE_SMC_CALL_RETURN_FROM_RPC;
	in[3] = o[3];
	entry_smc(in, o2, 0);
	CHECK_EQ_U(o2[0], OPTEE_SMC_RETURN_OK);
	CHECK_EQ_U(ft_copy_from(CB + 256, &u, sizeof(u)), 0);
	CHECK_EQ_U(u.a.ret, TEE_ERROR_OUT_OF_MEMORY);
	CHECK_EQ_U(u.a.ret_origin, TEE_ORIGIN_TEE);
	ft_drop_vm(0);
}

int main(void)
{
	sw_cfg.num_threads = 1;
	ft_init();
	if (thread_init(1, entry_std_thread)) {
		printf("FAIL: thread_init\n");
		return 1;
	}
	RUN(fast_calls_report_optee_identity);
	RUN(capabilities_and_shm_config);
	RUN(unknown_functions);
	RUN(bad_arg_address_and_bad_resume);
	RUN(open_session_suspends_in_rpc_then_thread_limit_then_resume);
	return testlib_summary();
}
