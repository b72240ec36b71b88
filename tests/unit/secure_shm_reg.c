/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of registered shm: REGISTER_SHM / UNREGISTER_SHM through the
 * SMC entry with args in dynamic memory, cookie rules, RMEM slicing
 * bounds, and region lifetime while registered.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "entry.h"
#include "frame_table.h"
#include "log.h"
#include "mobj.h"
#include "optee_msg.h"
#include "optee_smc.h"
#include "shm_reg.h"
#include "sw_config.h"
#include "tee_err.h"
#include "testlib.h"
#include "thread.h"

TESTLIB_DEFINE_STATE;

#define FR	4096ULL
#define D	SOFTEE_DDR_BASE
/* Region 1: driver-private frames (args, lists) at D, 16 frames. */
#define ARG_PA	(D)
#define LIST_PA	(D + FR)
#define LIST2	(D + 2 * FR)
/* Region 2: a buffer of 8 frames, scattered: PAs D+100F.. reversed. */
#define BUF_F	8

static int mkfd(uint64_t frames)
{
	int fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0 || ftruncate(fd, (off_t)(frames * FR)) ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK))
		abort();
	return fd;
}

static paddr_t buf_pa(unsigned int i)
{
	return D + (100 + BUF_F - 1 - i) * FR;
}

static void announce(void)
{
	struct softee_pa_extent priv[] = { { D, 16 } }, buf[BUF_F];

	for (unsigned int i = 0; i < BUF_F; i++)
		buf[i] = (struct softee_pa_extent){ buf_pa(i), 1 };
	if (ft_region_add(0, 1, mkfd(16), 0, 16, priv, 1) ||
	    ft_region_add(0, 2, mkfd(BUF_F), 0, BUF_F, buf, BUF_F))
		abort();
}

/* Page list of buffer frames [first, first + n) at LIST_PA. */
static void write_list(unsigned int first, unsigned int n)
{
	uint64_t slots[512] = { 0 };

	for (unsigned int i = 0; i < n; i++)
		slots[i] = buf_pa(first + i);
	ft_copy_to(LIST_PA, slots, sizeof(slots));
}

/* Run one message at ARG_PA; returns arg->ret (or ~0 if no OK). */
static uint32_t call(uint32_t cmd, uint64_t attr, uint64_t a, uint64_t b,
		     uint64_t c)
{
	union { struct optee_msg_arg a; uint8_t b[64]; } u;
	uint32_t in[8] = { OPTEE_SMC_CALL_WITH_ARG, (uint32_t)(ARG_PA >> 32),
			   (uint32_t)ARG_PA }, out[8];

	memset(&u, 0, sizeof(u));
	u.a.cmd = cmd;
	u.a.num_params = 1;
	u.a.params[0].attr = attr;
	u.a.params[0].u.value.a = a;
	u.a.params[0].u.value.b = b;
	u.a.params[0].u.value.c = c;
	ft_copy_to(ARG_PA, &u, sizeof(u));
	entry_smc(in, out, 0);
	if (out[0] != OPTEE_SMC_RETURN_OK)
		return ~0U;
	ft_copy_from(ARG_PA, &u, sizeof(u));
	if (u.a.ret_origin != TEE_ORIGIN_TEE)
		return ~1U;
	return u.a.ret;
}

static uint32_t reg(uint64_t list, uint64_t size, uint64_t cookie)
{
	return call(OPTEE_MSG_CMD_REGISTER_SHM, OPTEE_MSG_REGISTER_SHM_ATTR,
		    list, size, cookie);
}

static uint32_t unreg(uint64_t cookie)
{
	return call(OPTEE_MSG_CMD_UNREGISTER_SHM, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT,
		    0, 0, cookie);
}

TEST(register_and_unregister_follow_the_cookie_rules)
{
	struct shm_reg_stats st;

	write_list(0, BUF_F);
	CHECK_EQ_U(reg(LIST_PA | 0x10, BUF_F * FR - 0x10, 0xc1), TEE_SUCCESS);
	CHECK_EQ_U(reg(LIST_PA, FR, 0xc1), TEE_ERROR_BAD_PARAMETERS);
	shm_reg_stats(&st);
	CHECK_EQ_U(st.count, 1);
	CHECK_EQ_U(st.bytes, BUF_F * FR - 0x10);
	/* the same memory under a second cookie is allowed */
	CHECK_EQ_U(reg(LIST_PA, FR, 0xc2), TEE_SUCCESS);
	CHECK_EQ_U(unreg(0xc3), TEE_ERROR_ITEM_NOT_FOUND);
	CHECK_EQ_U(unreg(0xc1), TEE_SUCCESS);
	CHECK_EQ_U(unreg(0xc1), TEE_ERROR_ITEM_NOT_FOUND);
	CHECK_EQ_U(unreg(0xc2), TEE_SUCCESS);
	shm_reg_stats(&st);
	CHECK_EQ_U(st.count, 0);
	CHECK_EQ_U(st.bytes, 0);
}

TEST(bad_registrations_are_refused)
{
	write_list(0, 2);
	/* wrong attributes / more params: bad parameters */
	CHECK_EQ_U(call(OPTEE_MSG_CMD_REGISTER_SHM,
			OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
			LIST_PA, FR, 1), TEE_ERROR_BAD_PARAMETERS);
	/* list larger than its entries, list outside memory, size 0 */
	CHECK_EQ_U(reg(LIST_PA, 3 * FR, 1), TEE_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(reg(D + 64 * FR, FR, 1), TEE_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(reg(LIST_PA, 0, 1), TEE_ERROR_BAD_PARAMETERS);
	/* another VM's memory is not ours */
	CHECK_EQ_U(mobj_pagelist_runs(1, LIST_PA, FR, 1ULL << 30,
				      &(struct ft_run *){ NULL },
				      &(size_t){ 0 }, &(uint64_t){ 0 }),
		   (uint64_t)-EFAULT);
	/* quota */
	sw_cfg.max_reg_bytes = FR;
	CHECK_EQ_U(reg(LIST_PA, 2 * FR, 1), TEE_ERROR_OUT_OF_MEMORY);
	CHECK_EQ_U(reg(LIST_PA, FR, 1), TEE_SUCCESS);
	CHECK_EQ_U(reg(LIST_PA, FR, 2), TEE_ERROR_OUT_OF_MEMORY);
	sw_cfg.max_reg_bytes = SW_DEFAULT_MAX_REG_BYTES;
	CHECK_EQ_U(unreg(1), TEE_SUCCESS);
	/* an OS without dynamic shm does not even take args from DDR */
	sw_cfg.dynamic_shm = false;
	EXPECT_EQ_U(reg(LIST_PA, FR, 1), ~0U);
	sw_cfg.dynamic_shm = true;
}

TEST(rmem_slices_are_bounded_and_keep_the_registration_busy)
{
	struct mobj *m, *m2;
	uint8_t b[8];

	write_list(0, BUF_F);
	/* buffer frames are region-2 frames 0..7, one run, PAs reversed */
	ft_copy_to(buf_pa(3) + 5, "hello", 5);
	CHECK_EQ_U(reg(LIST_PA | 0x100, 6 * FR, 0x51), TEE_SUCCESS);
	CHECK_EQ_U(shm_reg_slice(0, 0x51, 3 * FR - 0x100 + 5, 5, &m), 0);
	CHECK_EQ_U(m->n_runs, 1);
	CHECK_EQ_U(m->runs[0].first_frame, 3);
	CHECK_EQ_U(m->runs[0].nframes, 1);
	CHECK_EQ_U(m->offset, 5);
	CHECK_EQ_U(mobj_read(m, 0, b, 5), 0);
	CHECK(!memcmp(b, "hello", 5));
	/* in use: unregister says busy */
	CHECK_EQ_U(unreg(0x51), TEE_ERROR_BUSY);
	mobj_put(m);
	/* whole buffer, last byte, empty at the end, out of bounds */
	CHECK_EQ_U(shm_reg_slice(0, 0x51, 0, 6 * FR, &m), 0);
	CHECK_EQ_U(m->offset, 0x100);
	CHECK_EQ_U(m->runs[0].nframes, 7);
	CHECK_EQ_U(shm_reg_slice(0, 0x51, 6 * FR - 1, 1, &m2), 0);
	CHECK_EQ_U(m2->runs[0].first_frame, 6);
	mobj_put(m2);
	CHECK_EQ_U(shm_reg_slice(0, 0x51, 6 * FR, 0, &m2), 0);
	mobj_put(m2);
	mobj_put(m);
	CHECK_EQ_U(shm_reg_slice(0, 0x51, 6 * FR, 1, &m), (uint64_t)-EINVAL);
	CHECK_EQ_U(shm_reg_slice(0, 0x51, 1, 6 * FR, &m), (uint64_t)-EINVAL);
	CHECK_EQ_U(shm_reg_slice(0, 0x51, UINT64_MAX, 2, &m), (uint64_t)-EINVAL);
	CHECK_EQ_U(shm_reg_slice(0, 0x52, 0, 1, &m), (uint64_t)-ENOENT);
	CHECK_EQ_U(shm_reg_slice(1, 0x51, 0, 1, &m), (uint64_t)-ENOENT);
	CHECK_EQ_U(unreg(0x51), TEE_SUCCESS);
}

TEST(region_withdrawn_while_registered_lives_until_unregister)
{
	struct ft_region *r;
	struct mobj *m;
	uint64_t frame;
	uint8_t b[3];

	write_list(0, 2);
	ft_copy_to(buf_pa(1), "abc", 3);
	CHECK_EQ_U(reg(LIST_PA, 2 * FR, 0x77), TEE_SUCCESS);
	ft_lock();
	CHECK_EQ_U(ft_lookup_locked(0, buf_pa(0), &r, &frame), 0);
	ft_unlock();
	ft_host_get(r);			/* as if a TA host had its fd */
	CHECK_EQ_U(ft_region_del(0, 2), 0);
	CHECK(ft_region_gone(r));
	CHECK(!ft_region_dropped(r));	/* still registered */
	CHECK_EQ_U(shm_reg_slice(0, 0x77, FR, 3, &m), 0);
	CHECK_EQ_U(mobj_read(m, 0, b, 3), 0);
	CHECK(!memcmp(b, "abc", 3));
	mobj_put(m);
	CHECK_EQ_U(unreg(0x77), TEE_SUCCESS);
	CHECK(ft_region_dropped(r));	/* now the host may drop it */
	ft_host_put(r);
	/* and the PAs are free for a new region */
	{
		struct softee_pa_extent e[BUF_F];

		for (unsigned int i = 0; i < BUF_F; i++)
			e[i] = (struct softee_pa_extent){ buf_pa(i), 1 };
		CHECK_EQ_U(ft_region_add(0, 2, mkfd(BUF_F), 0, BUF_F, e, BUF_F), 0);
	}
}

TEST(args_in_dynamic_memory_must_be_aligned_and_announced)
{
	uint32_t in[8] = { OPTEE_SMC_CALL_WITH_ARG, (uint32_t)(D >> 32), 0 }, out[8];

	in[2] = (uint32_t)(ARG_PA + 8);		/* not 4 KiB aligned */
	entry_smc(in, out, 0);
	CHECK_EQ_U(out[0], OPTEE_SMC_RETURN_EBADADDR);
	in[2] = (uint32_t)(D + 64 * FR);		/* not announced */
	entry_smc(in, out, 0);
	CHECK_EQ_U(out[0], OPTEE_SMC_RETURN_EBADADDR);
	entry_smc(in, out, 1);			/* other VM... */
	in[2] = (uint32_t)ARG_PA;
	entry_smc(in, out, 1);			/* ...for an announced frame */
	CHECK_EQ_U(out[0], OPTEE_SMC_RETURN_EBADADDR);
	sw_cfg.dynamic_shm = false;
	entry_smc(in, out, 0);
	sw_cfg.dynamic_shm = true;
	CHECK_EQ_U(out[0], OPTEE_SMC_RETURN_EBADADDR);
}

TEST(drop_vm_forgets_registrations)
{
	struct shm_reg_stats st;

	write_list(0, 1);
	CHECK_EQ_U(reg(LIST_PA, FR, 0x90), TEE_SUCCESS);
	CHECK_EQ_U(reg(LIST_PA, FR, 0x91), TEE_SUCCESS);
	shm_reg_drop_vm(0);
	shm_reg_stats(&st);
	CHECK_EQ_U(st.count, 0);
	CHECK_EQ_U(unreg(0x90), TEE_ERROR_ITEM_NOT_FOUND);
}

int main(void)
{
	softee_log_level = -1;	/* the refusals below log on purpose */
	sw_cfg.num_threads = 1;
	ft_init();
	announce();
	if (thread_init(1, entry_std_thread)) {
		printf("FAIL: thread_init\n");
		return 1;
	}
	RUN(register_and_unregister_follow_the_cookie_rules);
	RUN(bad_registrations_are_refused);
	RUN(rmem_slices_are_bounded_and_keep_the_registration_busy);
	RUN(region_withdrawn_while_registered_lives_until_unregister);
	RUN(args_in_dynamic_memory_must_be_aligned_and_announced);
	RUN(drop_vm_forgets_registrations);
	return testlib_summary();
}
