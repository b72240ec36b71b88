/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of RPC issuing: hostile replies from the normal world are refused. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "entry.h"
#include "frame_table.h"
#include "log.h"
#include "optee_msg.h"
#include "optee_rpc_cmd.h"
#include "optee_smc.h"
#include "sw_config.h"
#include "tee_err.h"
#include "testlib.h"
#include "thread.h"

TESTLIB_DEFINE_STATE;

#define CB SOFTEE_CARVEOUT_DEFAULT_BASE
#define ARG_PA (CB + 0x100)
#define RPC_PA (CB + 0x1000)

static void announce(void)
{
	struct softee_pa_extent e[] = { { CB, 8 } };
	int fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0 || ftruncate(fd, 8 * 4096) ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) ||
	    ft_region_add(0, 1, fd, 0, 8, e, 1))
		abort();
}

static void start_open(uint32_t out[8])
{
	union { struct optee_msg_arg a; uint8_t b[96]; } u;
	uint32_t in[8] = { OPTEE_SMC_CALL_WITH_ARG, 0, (uint32_t)ARG_PA };

	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	u.a.num_params = 2;
	u.a.params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	u.a.params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	ft_copy_to(ARG_PA, &u, sizeof(u));
	entry_smc(in, out, 0);
}

static void resume(uint32_t out[8], uint32_t a1, uint32_t a2, uint32_t a4,
		   uint32_t a5)
{
	uint32_t in[8] = { OPTEE_SMC_CALL_RETURN_FROM_RPC, a1, a2, out[3], a4, a5 };

	entry_smc(in, out, 0);
}

static uint32_t arg_ret(void)
{
	struct optee_msg_arg a;

	ft_copy_from(ARG_PA, &a, sizeof(a));
	return a.ret;
}

TEST(misaligned_rpc_arg_is_freed_and_refused)
{
	uint32_t o[8];

	start_open(o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_ALLOC);
	resume(o, 0, (uint32_t)RPC_PA + 4, 0, 0x77);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_FREE);
	CHECK_EQ_U(o[2], 0x77);	/* the cookie we gave */
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK(arg_ret() != TEE_SUCCESS);
}

TEST(rpc_arg_outside_announced_memory_is_refused)
{
	uint32_t o[8];

	start_open(o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_ALLOC);
	resume(o, 0, (uint32_t)(CB + 8 * 4096), 0, 0x78);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_FREE);
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK(arg_ret() != TEE_SUCCESS);
}

/* Answer the RPC CMD currently in the RPC arg. */
static struct optee_msg_arg *rpc_arg(uint8_t *buf)
{
	ft_copy_from(RPC_PA, buf, OPTEE_MSG_GET_ARG_SIZE(4));
	return (struct optee_msg_arg *)buf;
}

TEST(page_list_shm_alloc_reply_is_refused_and_freed)
{
	uint8_t buf[OPTEE_MSG_GET_ARG_SIZE(4)] __attribute__((aligned(8)));
	struct optee_msg_arg *a;
	uint32_t o[8];

	start_open(o);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_ALLOC);
	resume(o, 0, (uint32_t)RPC_PA, 0, 0x99);
	/* LOAD_TA size query: NULL memref */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_CMD);
	CHECK_EQ_U(o[2], 0x99);
	a = rpc_arg(buf);
	CHECK_EQ_U(a->cmd, OPTEE_RPC_CMD_LOAD_TA);
	CHECK_EQ_U(a->num_params, 2);
	CHECK_EQ_U(a->params[1].attr, OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT);
	CHECK_EQ_U(a->params[1].u.tmem.buf_ptr, 0);
	a->params[1].u.tmem.size = 100;
	ft_copy_to(RPC_PA, a, sizeof(buf));
	resume(o, 0, 0, 0, 0);
	/* SHM_ALLOC APPL of 100 bytes; answer with a page list */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_CMD);
	a = rpc_arg(buf);
	CHECK_EQ_U(a->cmd, OPTEE_RPC_CMD_SHM_ALLOC);
	CHECK_EQ_U(a->params[0].u.value.a, OPTEE_RPC_SHM_TYPE_APPL);
	CHECK_EQ_U(a->params[0].u.value.b, 100);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = CB + 0x2000;
	a->params[0].u.tmem.size = 100;
	a->params[0].u.tmem.shm_ref = 0xabc;
	ft_copy_to(RPC_PA, a, sizeof(buf));
	resume(o, 0, 0, 0, 0);
	/* it gives the buffer back... */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_CMD);
	a = rpc_arg(buf);
	CHECK_EQ_U(a->cmd, OPTEE_RPC_CMD_SHM_FREE);
	CHECK_EQ_U(a->params[0].u.value.b, 0xabc);
	resume(o, 0, 0, 0, 0);
	/* ...then the RPC arg, and fails the open */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_FREE);
	CHECK_EQ_U(o[2], 0x99);
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK(arg_ret() != TEE_SUCCESS);
}

TEST(missing_ta_is_item_not_found_origin_tee)
{
	uint8_t buf[OPTEE_MSG_GET_ARG_SIZE(4)] __attribute__((aligned(8)));
	struct optee_msg_arg *a, h;
	uint32_t o[8];

	start_open(o);
	resume(o, 0, (uint32_t)RPC_PA, 0, 0x5);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_CMD);
	a = rpc_arg(buf);
	a->ret = TEE_ERROR_ITEM_NOT_FOUND;
	ft_copy_to(RPC_PA, a, sizeof(buf));
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_FREE);
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	ft_copy_from(ARG_PA, &h, sizeof(h));
	CHECK_EQ_U(h.ret, TEE_ERROR_ITEM_NOT_FOUND);
	CHECK_EQ_U(h.ret_origin, TEE_ORIGIN_TEE);
}

/* Driver memory in DDR: frame 0 a page list, 1 data, 2 an RPC arg. */
#define DDR_LIST	SOFTEE_DDR_BASE
#define DDR_DATA	(SOFTEE_DDR_BASE + 0x5000)
#define DDR_RPC		(SOFTEE_DDR_BASE + 0x2000)

static void announce_ddr(void)
{
	struct softee_pa_extent e[] = { { DDR_LIST, 1 }, { DDR_DATA, 1 },
					{ DDR_RPC, 1 } };
	uint64_t slots[512] = { DDR_DATA };
	int fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0 || ftruncate(fd, 3 * 4096) ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) ||
	    ft_region_add(0, 2, fd, 0, 3, e, 3))
		abort();
	ft_copy_to(DDR_LIST, slots, sizeof(slots));
}

static struct optee_msg_arg *ddr_rpc_arg(uint8_t *buf)
{
	ft_copy_from(DDR_RPC, buf, OPTEE_MSG_GET_ARG_SIZE(4));
	return (struct optee_msg_arg *)buf;
}

/* Open until the SHM_ALLOC of LOAD_TA, with the RPC arg in DDR. */
static void open_to_shm_alloc(uint32_t o[8], uint8_t *buf)
{
	struct optee_msg_arg *a;

	start_open(o);
	resume(o, (uint32_t)(DDR_RPC >> 32), (uint32_t)DDR_RPC, 0, 0x42);
	a = ddr_rpc_arg(buf);
	a->params[1].u.tmem.size = 100;
	ft_copy_to(DDR_RPC, a, OPTEE_MSG_GET_ARG_SIZE(4));
	resume(o, 0, 0, 0, 0);
}

TEST(page_list_shm_alloc_reply_is_named_as_rmem_in_load_ta)
{
	uint8_t buf[OPTEE_MSG_GET_ARG_SIZE(4)] __attribute__((aligned(8)));
	struct optee_msg_arg *a;
	uint32_t o[8];

	open_to_shm_alloc(o, buf);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_CMD);
	a = ddr_rpc_arg(buf);
	CHECK_EQ_U(a->cmd, OPTEE_RPC_CMD_SHM_ALLOC);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
	a->params[0].u.tmem.buf_ptr = DDR_LIST | 0x20;
	a->params[0].u.tmem.size = 100;
	a->params[0].u.tmem.shm_ref = 0xdef;
	ft_copy_to(DDR_RPC, a, sizeof(buf));
	resume(o, 0, 0, 0, 0);
	/* LOAD_TA names the buffer by cookie, as OP-TEE does */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_CMD);
	a = ddr_rpc_arg(buf);
	CHECK_EQ_U(a->cmd, OPTEE_RPC_CMD_LOAD_TA);
	CHECK_EQ_U(a->params[1].attr, OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT);
	CHECK_EQ_U(a->params[1].u.rmem.offs, 0);
	CHECK_EQ_U(a->params[1].u.rmem.size, 100);
	CHECK_EQ_U(a->params[1].u.rmem.shm_ref, 0xdef);
	/* a garbage image: refused after the copy, buffer freed */
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_CMD);
	a = ddr_rpc_arg(buf);
	CHECK_EQ_U(a->cmd, OPTEE_RPC_CMD_SHM_FREE);
	CHECK_EQ_U(a->params[0].u.value.b, 0xdef);
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_FREE);
	CHECK_EQ_U(o[2], 0x42);
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK(arg_ret() != TEE_SUCCESS);
}

TEST(contiguous_reply_outside_carveout_must_be_one_aligned_page)
{
	uint8_t buf[OPTEE_MSG_GET_ARG_SIZE(4)] __attribute__((aligned(8)));
	struct optee_msg_arg *a;
	uint32_t o[8];

	open_to_shm_alloc(o, buf);
	a = ddr_rpc_arg(buf);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	a->params[0].u.tmem.buf_ptr = DDR_DATA + 8;	/* not page aligned */
	a->params[0].u.tmem.size = 100;
	a->params[0].u.tmem.shm_ref = 0x1;
	ft_copy_to(DDR_RPC, a, sizeof(buf));
	resume(o, 0, 0, 0, 0);
	a = ddr_rpc_arg(buf);
	CHECK_EQ_U(a->cmd, OPTEE_RPC_CMD_SHM_FREE);
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_RPC_FREE);
	resume(o, 0, 0, 0, 0);
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
	CHECK(arg_ret() != TEE_SUCCESS);
	/* page aligned: accepted, passed back as TMEM with its PA */
	open_to_shm_alloc(o, buf);
	a = ddr_rpc_arg(buf);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	a->params[0].u.tmem.buf_ptr = DDR_DATA;
	a->params[0].u.tmem.size = 100;
	a->params[0].u.tmem.shm_ref = 0x2;
	ft_copy_to(DDR_RPC, a, sizeof(buf));
	resume(o, 0, 0, 0, 0);
	a = ddr_rpc_arg(buf);
	CHECK_EQ_U(a->cmd, OPTEE_RPC_CMD_LOAD_TA);
	CHECK_EQ_U(a->params[1].attr, OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT);
	CHECK_EQ_U(a->params[1].u.tmem.buf_ptr, DDR_DATA);
	resume(o, 0, 0, 0, 0);
	resume(o, 0, 0, 0, 0);		/* SHM_FREE */
	resume(o, 0, 0, 0, 0);		/* RPC_FREE */
	CHECK_EQ_U(o[0], OPTEE_SMC_RETURN_OK);
}

int main(void)
{
	softee_log_level = -1;	/* the refusals below log errors on purpose */
	sw_cfg.num_threads = 1;
	ft_init();
	announce();
	if (thread_init(1, entry_std_thread)) {
		printf("FAIL: thread_init\n");
		return 1;
	}
	RUN(misaligned_rpc_arg_is_freed_and_refused);
	RUN(rpc_arg_outside_announced_memory_is_refused);
	RUN(page_list_shm_alloc_reply_is_refused_and_freed);
	RUN(missing_ta_is_item_not_found_origin_tee);
	announce_ddr();
	RUN(page_list_shm_alloc_reply_is_named_as_rmem_in_load_ta);
	RUN(contiguous_reply_outside_carveout_must_be_one_aligned_page);
	return testlib_summary();
}
