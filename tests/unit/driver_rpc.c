// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests for the RPC arg validator: the secure world's arg is hostile. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "optee/optee_private.h"
#include "testlib.h"
#include "util.h"

TESTLIB_DEFINE_STATE;

struct rpc_buf {
	struct optee_msg_arg h;
	struct optee_msg_param p[OPTEE_RPC_NUM_PARAMS + 2];
};	/* gcc accepts a header with a flexible array first */

TEST(rpc_arg_check_accepts_a_fitting_arg)
{
	struct rpc_buf in, out;

	memset(&in, 0, sizeof(in));
	in.h.cmd = OPTEE_RPC_CMD_GET_TIME;
	in.h.num_params = 1;
	in.p[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	CHECK(!optee_rpc_arg_check(&in, OPTEE_MSG_GET_ARG_SIZE(1), &out.h));
	EXPECT_EQ_U(out.h.cmd, OPTEE_RPC_CMD_GET_TIME);
	EXPECT_EQ_U(out.h.num_params, 1);
	EXPECT_EQ_U(out.p[0].attr, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT);
}

TEST(rpc_arg_check_refuses_too_many_params)
{
	struct rpc_buf in, out;

	memset(&in, 0, sizeof(in));
	in.h.num_params = OPTEE_RPC_NUM_PARAMS + 1;
	EXPECT(optee_rpc_arg_check(&in, sizeof(in), &out.h) == -EINVAL);
	in.h.num_params = 0xffffffff;
	EXPECT(optee_rpc_arg_check(&in, sizeof(in), &out.h) == -EINVAL);
}

TEST(rpc_arg_check_refuses_arg_larger_than_its_shm)
{
	struct rpc_buf in, out;

	memset(&in, 0, sizeof(in));
	in.h.num_params = 4;
	EXPECT(optee_rpc_arg_check(&in, OPTEE_MSG_GET_ARG_SIZE(3), &out.h) == -EINVAL);
	EXPECT(optee_rpc_arg_check(&in, 31, &out.h) == -EINVAL);
	EXPECT(optee_rpc_arg_check(NULL, 4096, &out.h) == -EINVAL);
	EXPECT(!optee_rpc_arg_check(&in, OPTEE_MSG_GET_ARG_SIZE(4), &out.h));
}

/* A driver instance with only what the RPC handler needs. */
static struct optee optee;
#define PRIV_BASE 0x42000000ULL
#define PRIV_SIZE (64 * 1024)

static uint64_t rpc_alloc(uint32_t size, paddr_t *pa)
{
	uint32_t r[8] = { OPTEE_SMC_RETURN_RPC_ALLOC, size, 0, 7 };

	optee_handle_rpc(&optee, r);
	if (r[0] != OPTEE_SMC_CALL_RETURN_FROM_RPC || r[3] != 7)
		return 0;
	*pa = optee_smc_join(r[1], r[2]);
	return optee_smc_join(r[4], r[5]);
}

static void rpc_free(uint64_t cookie)
{
	uint32_t r[8] = { OPTEE_SMC_RETURN_RPC_FREE, optee_smc_hi32(cookie),
			  optee_smc_lo32(cookie), 7 };

	optee_handle_rpc(&optee, r);
}

static void rpc_cmd(uint64_t cookie)
{
	uint32_t r[8] = { OPTEE_SMC_RETURN_RPC_CMD, optee_smc_hi32(cookie),
			  optee_smc_lo32(cookie), 3 };

	optee_handle_rpc(&optee, r);
}

static struct optee_msg_arg *arg_at(paddr_t pa)
{
	return (struct optee_msg_arg *)((uint8_t *)optee.priv_map +
					(pa - PRIV_BASE));
}

static void set_cmd(struct optee_msg_arg *a, uint32_t cmd, uint64_t attr,
		    uint64_t va, uint64_t vb, uint64_t vc)
{
	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(OPTEE_RPC_NUM_PARAMS));
	a->cmd = cmd;
	a->num_params = 1;
	a->params[0].attr = attr;
	a->params[0].u.value.a = va;
	a->params[0].u.value.b = vb;
	a->params[0].u.value.c = vc;
}

TEST(rpc_alloc_gives_aligned_private_pa_and_free_returns_it)
{
	uint64_t free0 = optee.priv_pool->ops->free_bytes(optee.priv_pool);
	paddr_t pa = 0;
	uint64_t cookie = rpc_alloc(160, &pa);

	CHECK(cookie);
	EXPECT(pa >= PRIV_BASE && pa + 160 <= PRIV_BASE + PRIV_SIZE);
	EXPECT_EQ_U(pa & 7, 0);
	rpc_free(cookie);
	rpc_free(cookie);	/* a second free of the cookie is ignored */
	rpc_free(0x1234);
	EXPECT_EQ_U(optee.priv_pool->ops->free_bytes(optee.priv_pool), free0);
}

TEST(rpc_cmd_get_time_and_hostile_args)
{
	paddr_t pa = 0;
	uint64_t cookie = rpc_alloc(160, &pa);
	struct optee_msg_arg *a;
	struct timespec ts;

	CHECK(cookie);
	a = arg_at(pa);
	set_cmd(a, OPTEE_RPC_CMD_GET_TIME, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	rpc_cmd(cookie);
	clock_gettime(CLOCK_REALTIME, &ts);
	EXPECT_EQ_U(a->ret, 0);
	EXPECT(a->params[0].u.value.a + 5 >= (uint64_t)ts.tv_sec &&
	       a->params[0].u.value.a <= (uint64_t)ts.tv_sec);
	/* Wrong attr, too many params, unknown cookie: refused, no crash. */
	set_cmd(a, OPTEE_RPC_CMD_GET_TIME, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 0, 0, 0);
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	set_cmd(a, OPTEE_RPC_CMD_GET_TIME, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0, 0);
	a->num_params = 5;
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	rpc_cmd(cookie ^ (1ULL << 40));
	rpc_free(cookie);
}

TEST(rpc_kernel_shm_alloc_and_free_by_cookie)
{
	paddr_t pa = 0;
	uint64_t cookie = rpc_alloc(160, &pa), shm_cookie;
	uint64_t free0;
	struct optee_msg_arg *a;

	CHECK(cookie);
	free0 = optee.priv_pool->ops->free_bytes(optee.priv_pool);
	a = arg_at(pa);
	set_cmd(a, OPTEE_RPC_CMD_SHM_ALLOC, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		OPTEE_RPC_SHM_TYPE_KERNEL, 1000, 8);
	rpc_cmd(cookie);
	CHECK(a->ret == 0);
	EXPECT_EQ_U(a->params[0].attr, OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT);
	EXPECT_EQ_U(a->params[0].u.tmem.size, 1000);
	EXPECT(a->params[0].u.tmem.buf_ptr >= PRIV_BASE &&
	       a->params[0].u.tmem.buf_ptr < PRIV_BASE + PRIV_SIZE);
	shm_cookie = a->params[0].u.tmem.shm_ref;
	EXPECT(free0 > optee.priv_pool->ops->free_bytes(optee.priv_pool));
	/* Freeing as the wrong type is refused and keeps the shm. */
	set_cmd(a, OPTEE_RPC_CMD_SHM_FREE, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		OPTEE_RPC_SHM_TYPE_APPL, shm_cookie, 0);
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	set_cmd(a, OPTEE_RPC_CMD_SHM_FREE, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		OPTEE_RPC_SHM_TYPE_KERNEL, shm_cookie, 0);
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, 0);
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(optee.priv_pool->ops->free_bytes(optee.priv_pool), free0);
	set_cmd(a, OPTEE_RPC_CMD_SHM_ALLOC, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		OPTEE_RPC_SHM_TYPE_GLOBAL, 100, 8);
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	rpc_free(cookie);
}

TEST(rpc_wait_queue_remembers_early_wakeup_and_times_out)
{
	paddr_t pa = 0;
	uint64_t cookie = rpc_alloc(160, &pa);
	struct optee_msg_arg *a;
	uint64_t t0;

	CHECK(cookie);
	a = arg_at(pa);
	set_cmd(a, OPTEE_RPC_CMD_WAIT_QUEUE, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		OPTEE_RPC_WAIT_QUEUE_WAKEUP, 42, 0);
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, 0);
	set_cmd(a, OPTEE_RPC_CMD_WAIT_QUEUE, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		OPTEE_RPC_WAIT_QUEUE_SLEEP, 42, 0);
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, 0);
	t0 = now_ns();
	set_cmd(a, OPTEE_RPC_CMD_WAIT_QUEUE, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		OPTEE_RPC_WAIT_QUEUE_SLEEP, 42, 20);
	rpc_cmd(cookie);
	EXPECT_EQ_U(a->ret, OPTEE_TEEC_ERROR_TIMEOUT);
	EXPECT(now_ns() - t0 >= 15 * 1000000ULL);
	rpc_free(cookie);
}

int main(void)
{
	RUN(rpc_arg_check_accepts_a_fitting_arg);
	RUN(rpc_arg_check_refuses_too_many_params);
	RUN(rpc_arg_check_refuses_arg_larger_than_its_shm);

	optee.priv_map = mmap(NULL, PRIV_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (optee.priv_map == MAP_FAILED ||
	    tee_shm_pool_static_priv(PRIV_BASE, PRIV_SIZE, optee.priv_map,
				     &optee.priv_pool))
		return 1;
	pthread_mutex_init(&optee.rpc_lock, NULL);
	optee_wq_init(&optee.wq);
	optee_supp_init(&optee.supp);
	RUN(rpc_alloc_gives_aligned_private_pa_and_free_returns_it);
	RUN(rpc_cmd_get_time_and_hostile_args);
	RUN(rpc_kernel_shm_alloc_and_free_by_cookie);
	RUN(rpc_wait_queue_remembers_early_wakeup_and_times_out);
	optee_rpc_shms_free(&optee);
	optee_wq_fini(&optee.wq);
	tee_shm_pool_destroy(optee.priv_pool);
	munmap(optee.priv_map, PRIV_SIZE);
	tee_shm_table_fini();
	return testlib_summary();
}
