// SPDX-License-Identifier: BSD-2-Clause
/*
 * Parameter and memory tests of the libteec suite: every param type and
 * direction, temp/allocated/registered memrefs at page-boundary sizes,
 * bounds checks that must stop a call before the TA, SHORT_BUFFER.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "client_suite.h"

static const size_t cs_sizes[] = { 1, 4095, 4096, 4097, 8191, 65537 };
#define CS_NSIZES (sizeof(cs_sizes) / sizeof(cs_sizes[0]))
#define CS_GUARD 0x5a

/* A buffer with one guard byte before and after, misaligned by one. */
static uint8_t *cs_guarded(size_t size)
{
	uint8_t *base = malloc(size + 2);

	if (!base)
		return NULL;
	base[0] = CS_GUARD;
	base[size + 1] = CS_GUARD;
	return base + 1;
}

static int cs_guards_ok(const uint8_t *buf, size_t size)
{
	return buf[-1] == CS_GUARD && buf[size] == CS_GUARD;
}

static void cs_fill_seq(uint8_t *buf, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (uint8_t)((seed * 31 + i * 13 + (i >> 8)) & 0xff);
}

TEST(values_every_direction_updated_by_ta)
{
	struct cs_fix f;
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT,
					 TEEC_VALUE_INOUT, TEEC_VALUE_INOUT);
	op.params[0].value.a = 10;
	op.params[0].value.b = 20;
	op.params[2].value.a = 100;
	op.params[2].value.b = 0xffffffff;
	op.params[3].value.a = 7;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_ECHO, &op, &origin);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK_EQ_U(op.params[0].value.a, 10);
	CHECK_EQ_U(op.params[0].value.b, 20);
	CHECK_EQ_U(op.params[1].value.a, 0xa1);
	CHECK_EQ_U(op.params[1].value.b, 0xb1);
	CHECK_EQ_U(op.params[2].value.a, 101);
	CHECK_EQ_U(op.params[2].value.b, 0);
	CHECK_EQ_U(op.params[3].value.a, 8);
}

TEST(ta_sees_param_types_mapped_from_client_types)
{
	TEEC_SharedMemory shm_io, shm_in;
	struct cs_fix f;
	TEEC_Operation op;
	uint8_t tmp[16] = { 0 };
	TEEC_Result res, res2;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&shm_io, 0, sizeof(shm_io));
	memset(&shm_in, 0, sizeof(shm_in));
	shm_io.size = 64;
	shm_io.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	shm_in.size = 64;
	shm_in.flags = TEEC_MEM_INPUT;
	if (TEEC_AllocateSharedMemory(&f.ctx, &shm_io) != TEEC_SUCCESS) {
		cs_fix_close(&f);
		CHECK(!"allocate shm_io");
	}
	if (TEEC_AllocateSharedMemory(&f.ctx, &shm_in) != TEEC_SUCCESS) {
		TEEC_ReleaseSharedMemory(&shm_io);
		cs_fix_close(&f);
		CHECK(!"allocate shm_in");
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_MEMREF_WHOLE);
	op.params[1].tmpref.buffer = tmp;
	op.params[1].tmpref.size = sizeof(tmp);
	op.params[2].memref.parent = &shm_io;
	op.params[2].memref.offset = 8;
	op.params[2].memref.size = 8;
	op.params[3].memref.parent = &shm_io;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_PARAM_TYPES, &op, NULL);
	EXPECT_EQ_U(res, TEEC_SUCCESS);
	EXPECT_EQ_U(op.params[0].value.a, 0x7653);

	/* a WHOLE memref takes its direction from the shm's flags */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_MEMREF_WHOLE,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE);
	op.params[1].memref.parent = &shm_in;
	op.params[2].tmpref.buffer = tmp;
	op.params[2].tmpref.size = sizeof(tmp);
	res2 = cs_invoke(&f.sess, SOFTEE_TEST_CMD_PARAM_TYPES, &op, NULL);
	TEEC_ReleaseSharedMemory(&shm_in);
	TEEC_ReleaseSharedMemory(&shm_io);
	cs_fix_close(&f);
	CHECK_EQ_U(res2, TEEC_SUCCESS);
	CHECK_EQ_U(op.params[0].value.a, 0x0652);
}

TEST(memref_to_value_only_command_gets_ta_bad_parameters)
{
	struct cs_fix f;
	TEEC_Operation op;
	uint8_t buf[8] = { 0 };
	uint32_t origin = 0;
	TEEC_Result res;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf);
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_ECHO, &op, &origin);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(origin, TEEC_ORIGIN_TRUSTED_APP);
}

TEST(tmpref_input_checksum_at_page_boundary_sizes)
{
	struct cs_fix f;
	size_t i;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	for (i = 0; i < CS_NSIZES && !testlib.failed_now; i++) {
		size_t n = cs_sizes[i];
		uint8_t *buf = cs_guarded(n);
		TEEC_Operation op;
		TEEC_Result res;

		if (!buf)
			break;
		cs_fill_seq(buf, n, (uint32_t)i);
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
						 TEEC_VALUE_OUTPUT, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].tmpref.buffer = buf;
		op.params[0].tmpref.size = n;
		res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_CHECKSUM, &op, NULL);
		if (res != TEEC_SUCCESS)
			TEST_FAILF("size %zu: 0x%08x", n, res);
		else if (op.params[1].value.b != n ||
			 op.params[1].value.a != cs_fnv(buf, n))
			TEST_FAILF("size %zu: TA saw size %u / wrong bytes", n,
				   op.params[1].value.b);
		free(buf - 1);
	}
	cs_fix_close(&f);
}

/* FILL (out) or XOR (inout) through a temp memref; guard bytes intact. */
static void cs_tmpref_out_sizes(int inout)
{
	struct cs_fix f;
	size_t i, j;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	for (i = 0; i < CS_NSIZES && !testlib.failed_now; i++) {
		size_t n = cs_sizes[i];
		uint8_t *buf = cs_guarded(n);
		TEEC_Operation op;
		TEEC_Result res;

		uint8_t *orig = malloc(n);

		if (!buf || !orig) {
			free(buf ? buf - 1 : NULL);
			free(orig);
			TEST_FAILF("out of memory");
			break;
		}
		cs_fill_seq(buf, n, (uint32_t)i + 9);
		memcpy(orig, buf, n);
		memset(&op, 0, sizeof(op));
		op.params[0].tmpref.buffer = buf;
		op.params[0].tmpref.size = n;
		if (inout) {
			op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT,
							 TEEC_NONE, TEEC_NONE,
							 TEEC_NONE);
			res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_XOR, &op, NULL);
		} else {
			op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT,
							 TEEC_VALUE_INPUT,
							 TEEC_NONE, TEEC_NONE);
			op.params[1].value.a = 0x33 + (uint32_t)i;
			res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_FILL, &op, NULL);
		}
		if (res != TEEC_SUCCESS)
			TEST_FAILF("size %zu: 0x%08x", n, res);
		else if (op.params[0].tmpref.size != n)
			TEST_FAILF("size %zu: size written back %zu", n,
				   op.params[0].tmpref.size);
		else if (!cs_guards_ok(buf, n))
			TEST_FAILF("size %zu: bytes outside the buffer changed", n);
		for (j = 0; j < n && !testlib.failed_now; j++) {
			uint8_t want;

			want = inout ? (uint8_t)~orig[j] :
				cs_pattern(0x33 + (uint32_t)i, j);
			if (buf[j] != want)
				TEST_FAILF("size %zu: byte %zu is 0x%02x not 0x%02x",
					   n, j, buf[j], want);
		}
		free(buf - 1);
		free(orig);
	}
	cs_fix_close(&f);
}

TEST(tmpref_output_filled_at_page_boundary_sizes)
{
	cs_tmpref_out_sizes(0);
}

TEST(tmpref_inout_transformed_at_page_boundary_sizes)
{
	cs_tmpref_out_sizes(1);
}

TEST(tmpref_of_one_mib_round_trips)
{
	const size_t n = 1 << 20;
	struct cs_fix f;
	TEEC_Operation op;
	uint8_t *buf;
	TEEC_Result res;
	size_t j, bad = 0;
	int reg_mem;

	buf = malloc(n);
	CHECK(buf);
	if (cs_fix_open(&f, &cs_uuid_main)) {
		free(buf);
		return;
	}
	reg_mem = f.ctx.imp.reg_mem;
	memset(buf, 0x0f, n);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = n;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_XOR, &op, NULL);
	cs_fix_close(&f);
	for (j = 0; j < n; j++)
		bad += buf[j] != 0xf0;
	free(buf);
	/* without dynamic shm a small carve-out cannot hold 1 MiB */
	if (res == TEEC_ERROR_OUT_OF_MEMORY && !reg_mem)
		SKIP_TEST("no registered memory and the carve-out is too small");
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK_EQ_U(bad, 0);
}

TEST(allocated_shm_whole_inout_at_page_boundary_sizes)
{
	struct cs_fix f;
	size_t i, j;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	for (i = 0; i < CS_NSIZES && !testlib.failed_now; i++) {
		TEEC_SharedMemory shm;
		TEEC_Operation op;
		TEEC_Result res;
		uint8_t *b;

		memset(&shm, 0, sizeof(shm));
		shm.size = cs_sizes[i];
		shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		res = TEEC_AllocateSharedMemory(&f.ctx, &shm);
		if (res != TEEC_SUCCESS) {
			TEST_FAILF("allocate %zu: 0x%08x", cs_sizes[i], res);
			break;
		}
		b = shm.buffer;
		memset(b, 0xa5, shm.size);
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].memref.parent = &shm;
		res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_XOR, &op, NULL);
		if (res != TEEC_SUCCESS)
			TEST_FAILF("size %zu: 0x%08x", cs_sizes[i], res);
		for (j = 0; j < shm.size && !testlib.failed_now; j++)
			if (b[j] != 0x5a)
				TEST_FAILF("size %zu: byte %zu = 0x%02x",
					   cs_sizes[i], j, b[j]);
		TEEC_ReleaseSharedMemory(&shm);
	}
	cs_fix_close(&f);
}

/* Partial inout window; bytes outside it must not change. */
static void cs_partial_window(TEEC_SharedMemory *shm, TEEC_Session *s,
			      size_t off, size_t len)
{
	uint8_t *b = shm->buffer;
	TEEC_Operation op;
	TEEC_Result res;
	size_t j;

	memset(b, 0x11, shm->size);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = shm;
	op.params[0].memref.offset = off;
	op.params[0].memref.size = len;
	res = cs_invoke(s, SOFTEE_TEST_CMD_XOR, &op, NULL);
	if (res != TEEC_SUCCESS) {
		TEST_FAILF("offset %zu size %zu: 0x%08x", off, len, res);
		return;
	}
	for (j = 0; j < shm->size; j++) {
		uint8_t want = (j >= off && j - off < len) ? 0xee : 0x11;

		if (b[j] != want) {
			TEST_FAILF("offset %zu size %zu: byte %zu = 0x%02x",
				   off, len, j, b[j]);
			return;
		}
	}
}

TEST(allocated_shm_partial_windows_touch_only_their_bytes)
{
	TEEC_SharedMemory shm;
	struct cs_fix f;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&shm, 0, sizeof(shm));
	shm.size = 3 * 4096 + 100;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_AllocateSharedMemory(&f.ctx, &shm) != TEEC_SUCCESS) {
		cs_fix_close(&f);
		CHECK(!"allocate");
	}
	cs_partial_window(&shm, &f.sess, 0, 1);
	cs_partial_window(&shm, &f.sess, 4095, 4098);
	cs_partial_window(&shm, &f.sess, 4096, 4096);
	cs_partial_window(&shm, &f.sess, shm.size - 1, 1);
	cs_partial_window(&shm, &f.sess, 100, 0);
	TEEC_ReleaseSharedMemory(&shm);
	cs_fix_close(&f);
}

TEST(registered_heap_buffer_whole_and_partial_at_unaligned_address)
{
	TEEC_SharedMemory shm;
	struct cs_fix f;
	uint8_t *base;
	size_t i;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	for (i = 0; i < CS_NSIZES && !testlib.failed_now; i++) {
		size_t n = cs_sizes[i];

		base = malloc(n + 64);
		if (!base)
			break;
		memset(&shm, 0, sizeof(shm));
		shm.buffer = base + 3;
		shm.size = n;
		shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		if (TEEC_RegisterSharedMemory(&f.ctx, &shm) != TEEC_SUCCESS) {
			TEST_FAILF("register %zu", n);
			free(base);
			break;
		}
		memset(base, 0x77, n + 64);
		cs_partial_window(&shm, &f.sess, 0, n);
		if (n > 2)
			cs_partial_window(&shm, &f.sess, 1, n - 2);
		TEEC_ReleaseSharedMemory(&shm);
		if (base[0] != 0x77 || base[1] != 0x77 || base[2] != 0x77 ||
		    base[n + 3] != 0x77)
			TEST_FAILF("size %zu: bytes around the buffer changed", n);
		free(base);
	}
	cs_fix_close(&f);
}

TEST(registered_stack_buffer_whole_inout)
{
	TEEC_SharedMemory shm;
	struct cs_fix f;
	TEEC_Operation op;
	uint8_t buf[300];
	TEEC_Result res;
	size_t j;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(buf, 0x0f, sizeof(buf));
	memset(&shm, 0, sizeof(shm));
	shm.buffer = buf;
	shm.size = sizeof(buf);
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_RegisterSharedMemory(&f.ctx, &shm) != TEEC_SUCCESS) {
		cs_fix_close(&f);
		CHECK(!"register stack buffer");
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_XOR, &op, NULL);
	TEEC_ReleaseSharedMemory(&shm);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	for (j = 0; j < sizeof(buf); j++)
		CHECK_EQ_U(buf[j], 0xf0);
}

/* Invoke op and check it is refused with BAD_PARAMETERS before the TA. */
static void cs_expect_rejected(struct cs_fix *f, TEEC_Operation *op,
			       int origin_api_only)
{
	uint32_t before = 0, after = 0, origin = 0;
	TEEC_Result res;

	if (cs_calls(&f->sess, &before)) {
		TEST_FAILF("CALLS command failed");
		return;
	}
	res = cs_invoke(&f->sess, SOFTEE_TEST_CMD_XOR, op, &origin);
	if (res != TEEC_ERROR_BAD_PARAMETERS) {
		TEST_FAILF("result 0x%08x, not BAD_PARAMETERS", res);
		return;
	}
	if (origin == TEEC_ORIGIN_TRUSTED_APP ||
	    (origin_api_only && origin != TEEC_ORIGIN_API)) {
		TEST_FAILF("origin %u", origin);
		return;
	}
	if (cs_calls(&f->sess, &after)) {
		TEST_FAILF("CALLS command failed");
		return;
	}
	if (after != before + 1)
		TEST_FAILF("the TA was entered (%u calls between)",
			   after - before - 1);
}

TEST(partial_memref_past_shm_end_rejected_before_ta)
{
	TEEC_SharedMemory shm;
	TEEC_Operation op;
	struct cs_fix f;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&shm, 0, sizeof(shm));
	shm.size = 4096;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_AllocateSharedMemory(&f.ctx, &shm) != TEEC_SUCCESS) {
		cs_fix_close(&f);
		CHECK(!"allocate");
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[0].memref.offset = 4000;
	op.params[0].memref.size = 200;
	cs_expect_rejected(&f, &op, 0);
	if (!testlib.failed_now) {
		op.params[0].memref.offset = 0;
		op.params[0].memref.size = 4097;
		cs_expect_rejected(&f, &op, 0);
	}
	TEEC_ReleaseSharedMemory(&shm);
	cs_fix_close(&f);
}

TEST(partial_memref_offset_wrapping_u64_rejected_before_ta)
{
	TEEC_SharedMemory shm;
	TEEC_Operation op;
	struct cs_fix f;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&shm, 0, sizeof(shm));
	shm.size = 4096;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_AllocateSharedMemory(&f.ctx, &shm) != TEEC_SUCCESS) {
		cs_fix_close(&f);
		CHECK(!"allocate");
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[0].memref.offset = SIZE_MAX - 15;
	op.params[0].memref.size = 32;
	cs_expect_rejected(&f, &op, 0);
	if (!testlib.failed_now) {
		op.params[0].memref.offset = 16;
		op.params[0].memref.size = SIZE_MAX - 7;
		cs_expect_rejected(&f, &op, 0);
	}
	TEEC_ReleaseSharedMemory(&shm);
	cs_fix_close(&f);
}

TEST(partial_output_on_input_only_shm_rejected_by_api)
{
	TEEC_SharedMemory shm;
	TEEC_Operation op;
	struct cs_fix f;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&shm, 0, sizeof(shm));
	shm.size = 128;
	shm.flags = TEEC_MEM_INPUT;
	if (TEEC_AllocateSharedMemory(&f.ctx, &shm) != TEEC_SUCCESS) {
		cs_fix_close(&f);
		CHECK(!"allocate");
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[0].memref.size = 16;
	cs_expect_rejected(&f, &op, 1);
	TEEC_ReleaseSharedMemory(&shm);
	cs_fix_close(&f);
}

TEST(unknown_param_type_rejected_by_api)
{
	TEEC_Operation op;
	struct cs_fix f;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(0x4, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	cs_expect_rejected(&f, &op, 1);
	if (!testlib.failed_now) {
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].memref.parent = NULL; /* WHOLE without an shm */
		cs_expect_rejected(&f, &op, 1);
	}
	cs_fix_close(&f);
}

TEST(null_tmpref_of_size_zero_reaches_ta_as_null)
{
	TEEC_Operation op;
	struct cs_fix f;
	TEEC_Result res;
	int memref_null;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memref_null = f.ctx.imp.memref_null;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_VALUE_OUTPUT,
					 TEEC_NONE);
	op.params[0].tmpref.buffer = NULL;
	op.params[0].tmpref.size = 0;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_CHECKSUM, &op, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK_EQ_U(op.params[1].value.b, 0);
	/* only with MEMREF_NULL does the TA see a NULL pointer */
	if (memref_null)
		CHECK_EQ_U(op.params[2].value.a, 1);
}

TEST(null_tmpref_of_nonzero_size_rejected_by_api)
{
	TEEC_Operation op;
	struct cs_fix f;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = NULL;
	op.params[0].tmpref.size = 10;
	cs_expect_rejected(&f, &op, 1);
	cs_fix_close(&f);
}

TEST(zero_size_tmpref_with_buffer_reaches_ta_with_size_zero)
{
	TEEC_Operation op;
	struct cs_fix f;
	uint8_t byte = 0x42;
	TEEC_Result res;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].tmpref.buffer = &byte;
	op.params[0].tmpref.size = 0;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_CHECKSUM, &op, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK_EQ_U(op.params[1].value.b, 0);
	CHECK_EQ_U(op.params[1].value.a, cs_fnv(NULL, 0));
}

TEST(short_buffer_writes_back_needed_size_for_tmpref)
{
	TEEC_Operation op;
	struct cs_fix f;
	uint8_t buf[100];
	uint32_t origin = 0;
	TEEC_Result res;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = 10;
	op.params[1].value.a = 1;
	op.params[1].value.b = 100;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_FILL, &op, &origin);
	EXPECT_EQ_U(res, TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ_U(origin, TEEC_ORIGIN_TRUSTED_APP);
	EXPECT_EQ_U(op.params[0].tmpref.size, 100);
	op.params[0].tmpref.size = sizeof(buf);
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_FILL, &op, &origin);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK_EQ_U(buf[99], cs_pattern(1, 99));
}

TEST(short_buffer_writes_back_needed_size_for_whole_and_partial)
{
	TEEC_SharedMemory shm;
	TEEC_Operation op;
	struct cs_fix f;
	TEEC_Result res;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	memset(&shm, 0, sizeof(shm));
	shm.size = 16;
	shm.flags = TEEC_MEM_OUTPUT;
	if (TEEC_AllocateSharedMemory(&f.ctx, &shm) != TEEC_SUCCESS) {
		cs_fix_close(&f);
		CHECK(!"allocate");
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_VALUE_INPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[1].value.b = 5000;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_FILL, &op, NULL);
	EXPECT_EQ_U(res, TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ_U(op.params[0].memref.size, 5000);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[0].memref.offset = 8;
	op.params[0].memref.size = 8;
	op.params[1].value.b = 9;
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_FILL, &op, NULL);
	TEEC_ReleaseSharedMemory(&shm);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_ERROR_SHORT_BUFFER);
	CHECK_EQ_U(op.params[0].memref.size, 9);
}

const struct cs_test cs_mem_tests[] = {
	CS_T(values_every_direction_updated_by_ta),
	CS_T(ta_sees_param_types_mapped_from_client_types),
	CS_T(memref_to_value_only_command_gets_ta_bad_parameters),
	CS_T(tmpref_input_checksum_at_page_boundary_sizes),
	CS_T(tmpref_output_filled_at_page_boundary_sizes),
	CS_T(tmpref_inout_transformed_at_page_boundary_sizes),
	CS_T(tmpref_of_one_mib_round_trips),
	CS_T(allocated_shm_whole_inout_at_page_boundary_sizes),
	CS_T(allocated_shm_partial_windows_touch_only_their_bytes),
	CS_T(registered_heap_buffer_whole_and_partial_at_unaligned_address),
	CS_T(registered_stack_buffer_whole_inout),
	CS_T(partial_memref_past_shm_end_rejected_before_ta),
	CS_T(partial_memref_offset_wrapping_u64_rejected_before_ta),
	CS_T(partial_output_on_input_only_shm_rejected_by_api),
	CS_T(unknown_param_type_rejected_by_api),
	CS_T(null_tmpref_of_size_zero_reaches_ta_as_null),
	CS_T(null_tmpref_of_nonzero_size_rejected_by_api),
	CS_T(zero_size_tmpref_with_buffer_reaches_ta_with_size_zero),
	CS_T(short_buffer_writes_back_needed_size_for_tmpref),
	CS_T(short_buffer_writes_back_needed_size_for_whole_and_partial),
};
const size_t cs_mem_ntests = sizeof(cs_mem_tests) / sizeof(cs_mem_tests[0]);
