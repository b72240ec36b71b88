/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of libteec with a driver that has TEE_GEN_CAP_REG_MEM (the
 * fake of libteec_fake.c): zero-copy temp memrefs, registered and
 * allocated shared memory for 4 and 64 KiB pages, the shadow fallback,
 * and SOFTEE_TEEC_LEGACY.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <tee_client_api.h>

#include "libteec_fake.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

/* REG_MEM: temp memrefs, registered and allocated shm with granule g. */
static void reg_mem_round(uint32_t g)
{
	struct { uint8_t lo[64]; uint8_t buf[5000]; uint8_t hi[64]; } *t;
	TEEC_SharedMemory alloc = { .size = 100,
		.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_SharedMemory reg = { .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_SharedMemory ro = { .size = 64, .flags = TEEC_MEM_INPUT };
	uint8_t *big, *rop;
	size_t big_len = 5 * 4096 + 300;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;

	fake.page_size = g;
	CHECK(open_both(&ctx, &sess) == 0);
	EXPECT(ctx.imp.reg_mem);
	t = malloc(sizeof(*t));
	CHECK(t);
	memset(t, 0x22, sizeof(*t));
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = t->buf;
	op.params[0].tmpref.size = sizeof(t->buf);
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_FILL, &op, NULL),
		    TEEC_SUCCESS);
	/* The TA worked on the caller's bytes (no zeroed shadow). */
	EXPECT_EQ_U(t->buf[0], 0xdd);
	EXPECT_EQ_U(t->buf[4999], 0xdd);
	EXPECT_EQ_U(t->lo[63], 0x22);
	EXPECT_EQ_U(t->hi[0], 0x22);
	free(t);

	/* RegisterSharedMemory: the caller's buffer, no shadow. */
	big = malloc(big_len);
	CHECK(big);
	memset(big, 0x01, big_len);
	reg.buffer = big + 7;
	reg.size = big_len - 20;
	CHECK_EQ_U(TEEC_RegisterSharedMemory(&ctx, &reg), TEEC_SUCCESS);
	EXPECT(reg.imp.shadow_buffer == NULL);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT,
					 TEEC_MEMREF_WHOLE, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].memref.parent = &reg;
	op.params[0].memref.offset = 1;
	op.params[0].memref.size = reg.size - 2;
	/* AllocateSharedMemory: page-aligned, registered whole. */
	CHECK_EQ_U(TEEC_AllocateSharedMemory(&ctx, &alloc), TEEC_SUCCESS);
	EXPECT_EQ_U((uintptr_t)alloc.buffer % g, 0);
	EXPECT(alloc.imp.shadow_buffer == NULL);
	memset(alloc.buffer, 0x0f, 100);
	op.params[1].memref.parent = &alloc;
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_FILL, &op, NULL),
		    TEEC_SUCCESS);
	EXPECT_EQ_U(big[7], 0x01);
	EXPECT_EQ_U(big[8], 0xfe);
	EXPECT_EQ_U(big[7 + reg.size - 2], 0xfe);
	EXPECT_EQ_U(big[7 + reg.size - 1], 0x01);
	EXPECT_EQ_U(big[6], 0x01);
	EXPECT_EQ_U(big[big_len - 1], 0x01);
	EXPECT_EQ_U(((uint8_t *)alloc.buffer)[0], 0xf0);
	EXPECT_EQ_U(((uint8_t *)alloc.buffer)[99], 0xf0);

	/* Read-only memory: the shadow fallback. */
	rop = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(rop != MAP_FAILED);
	ro.buffer = rop;
	CHECK_EQ_U(TEEC_RegisterSharedMemory(&ctx, &ro), TEEC_SUCCESS);
	EXPECT(ro.imp.shadow_buffer != NULL);
	TEEC_ReleaseSharedMemory(&ro);
	munmap(rop, 4096);

	TEEC_ReleaseSharedMemory(&reg);
	TEEC_ReleaseSharedMemory(&alloc);
	free(big);
	close_both(&ctx, &sess);
	EXPECT_EQ_U(fake_live_shms(), 0);
}

TEST(reg_mem_zero_copy_paths_4k_and_64k)
{
	fake.reg_mem = true;
	reg_mem_round(4096);
	reg_mem_round(65536);
	fake.reg_mem = false;
	fake.page_size = 0;
}

TEST(legacy_env_ignores_reg_mem)
{
	TEEC_Context ctx;

	fake.reg_mem = true;
	setenv("SOFTEE_TEEC_LEGACY", "1", 1);
	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	EXPECT(!ctx.imp.reg_mem);
	TEEC_FinalizeContext(&ctx);
	unsetenv("SOFTEE_TEEC_LEGACY");
	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	EXPECT(ctx.imp.reg_mem);
	TEEC_FinalizeContext(&ctx);
	fake.reg_mem = false;
}

int main(void)
{
	if (libteec_fake_start("libteec-regmem"))
		return 1;
	RUN(reg_mem_zero_copy_paths_4k_and_64k);
	RUN(legacy_env_ignores_reg_mem);
	libteec_fake_stop();
	return testlib_summary();
}
