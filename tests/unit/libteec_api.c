/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of libteec's GP Client API: constants and layouts, errno
 * mapping, and every call against the fake driver of libteec_fake.c (a
 * thread speaking the softee device protocol) that plays a TA.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/tee.h>
#include <tee_client_api.h>
#include <tee_client_api_extensions.h>

#include "softee_dev.h"
#include "teec_priv.h"
#include "testlib.h"
#include "util.h"
#include "wire.h"
#include "libteec_fake.h"

TESTLIB_DEFINE_STATE;


TEST(param_types_pack_four_bits_each)
{
	uint32_t t = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
				      TEEC_MEMREF_WHOLE,
				      TEEC_MEMREF_PARTIAL_INOUT);

	CHECK_EQ_U(t, 0xFC61);
	CHECK_EQ_U(TEEC_PARAM_TYPE_GET(t, 0), TEEC_VALUE_INPUT);
	CHECK_EQ_U(TEEC_PARAM_TYPE_GET(t, 1), TEEC_MEMREF_TEMP_OUTPUT);
	CHECK_EQ_U(TEEC_PARAM_TYPE_GET(t, 2), TEEC_MEMREF_WHOLE);
	CHECK_EQ_U(TEEC_PARAM_TYPE_GET(t, 3), TEEC_MEMREF_PARTIAL_INOUT);
	CHECK_EQ_U(TEEC_CONFIG_PAYLOAD_REF_COUNT, 4);
	CHECK_EQ_U(TEEC_ERROR_SHORT_BUFFER, 0xFFFF0010);
	CHECK_EQ_U(TEEC_ERROR_TARGET_DEAD, 0xFFFF3024);
	CHECK_EQ_U(TEEC_ERROR_STORAGE_NOT_AVAILABLE, 0xF0100003);
}

TEST(struct_layouts_match_optee_client_64bit)
{
	CHECK_EQ_U(sizeof(TEEC_Context), 8);
	CHECK_EQ_U(offsetof(TEEC_Context, imp.reg_mem), 4);
	CHECK_EQ_U(offsetof(TEEC_Context, imp.memref_null), 5);
	CHECK_EQ_U(offsetof(TEEC_SharedMemory, flags), 16);
	CHECK_EQ_U(offsetof(TEEC_SharedMemory, imp.id), 24);
	CHECK_EQ_U(offsetof(TEEC_SharedMemory, imp.alloced_size), 32);
	CHECK_EQ_U(offsetof(TEEC_SharedMemory, imp.shadow_buffer), 40);
	CHECK_EQ_U(offsetof(TEEC_SharedMemory, imp.registered_fd), 48);
	CHECK_EQ_U(offsetof(TEEC_SharedMemory, imp.flags), 52);
	CHECK_EQ_U(sizeof(TEEC_SharedMemory), 56);
	CHECK_EQ_U(offsetof(TEEC_RegisteredMemoryReference, offset), 16);
	CHECK_EQ_U(offsetof(TEEC_Operation, paramTypes), 4);
	CHECK_EQ_U(offsetof(TEEC_Operation, params), 8);
	CHECK_EQ_U(offsetof(TEEC_Operation, imp.session), 104);
	CHECK_EQ_U(sizeof(TEEC_Operation), 112);
	CHECK_EQ_U(offsetof(TEEC_Session, imp.session_id), 8);
	CHECK_EQ_U(offsetof(TEEC_UUID, clockSeqAndNode), 8);
}

TEST(errno_maps_to_teec_results)
{
	CHECK_EQ_U(teec_errno_to_result(ENOMEM), TEEC_ERROR_OUT_OF_MEMORY);
	CHECK_EQ_U(teec_errno_to_result(EINVAL), TEEC_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(teec_errno_to_result(EIO), TEEC_ERROR_GENERIC);
	CHECK_EQ_U(teec_errno_to_result(0), TEEC_ERROR_GENERIC);
}

TEST(uuid_is_serialized_big_endian)
{
	static const uint8_t want[16] = {
		0x8a, 0xaa, 0xf2, 0x00, 0x24, 0x50, 0x11, 0xe4,
		0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b };
	uint8_t oct[16];

	teec_uuid_to_octets(oct, &test_uuid);
	CHECK(!memcmp(oct, want, 16));
}

TEST(initialize_context_names)
{
	TEEC_Context ctx;

	CHECK_EQ_U(TEEC_InitializeContext("optee-tz", &ctx), TEEC_SUCCESS);
	EXPECT(!ctx.imp.reg_mem);
	TEEC_FinalizeContext(&ctx);
	CHECK_EQ_U(TEEC_InitializeContext("no-such-tee", &ctx),
		   TEEC_ERROR_ITEM_NOT_FOUND);
	CHECK_EQ_U(TEEC_InitializeContext(NULL, NULL),
		   TEEC_ERROR_BAD_PARAMETERS);
}

TEST(open_session_logins)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t orig = 0;
	gid_t gid = 1234;

	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	EXPECT_EQ_U(TEEC_OpenSession(&ctx, &sess, &test_uuid,
				     TEEC_LOGIN_GROUP, &gid, NULL, &orig),
		    TEEC_SUCCESS);
	EXPECT_EQ_U(orig, TEEC_ORIGIN_TRUSTED_APP);
	EXPECT_EQ_U(sess.imp.session_id, 42);
	EXPECT_EQ_U(fake.last_login, TEEC_LOGIN_GROUP);
	EXPECT(!memcmp(fake.last_clnt_uuid, &gid, sizeof(gid)));
	EXPECT_EQ_U(fake.last_uuid[0], 0x8a);
	TEEC_CloseSession(&sess);
	EXPECT_EQ_U(TEEC_OpenSession(&ctx, &sess, &test_uuid,
				     TEEC_LOGIN_GROUP_APPLICATION, NULL, NULL,
				     &orig), TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(orig, TEEC_ORIGIN_API);
	EXPECT_EQ_U(TEEC_OpenSession(&ctx, &sess, &test_uuid, 3, NULL, NULL,
				     &orig), TEEC_ERROR_NOT_SUPPORTED);
	EXPECT_EQ_U(TEEC_OpenSession(&ctx, &sess, &test_uuid,
				     TEEC_LOGIN_USER_APPLICATION, NULL, NULL,
				     &orig), TEEC_SUCCESS);
	EXPECT_EQ_U(fake.last_login, TEEC_LOGIN_USER_APPLICATION);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

TEST(invoke_values_and_errors)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	uint32_t orig;

	CHECK(open_both(&ctx, &sess) == 0);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 41;
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_VALUE_INC, &op, &orig),
		    TEEC_SUCCESS);
	EXPECT_EQ_U(op.params[0].value.a, 42);
	EXPECT_EQ_U(op.params[0].value.b, 84);
	EXPECT(op.imp.session == &sess);
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_IOCTL_ENOMEM, &op, &orig),
		    TEEC_ERROR_OUT_OF_MEMORY);
	EXPECT_EQ_U(orig, TEEC_ORIGIN_COMMS);
	op.paramTypes = 0x4;	/* type 4 does not exist */
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_VALUE_INC, &op, &orig),
		    TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(orig, TEEC_ORIGIN_API);
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, 99, NULL, &orig),
		    TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(orig, TEEC_ORIGIN_TEE);
	close_both(&ctx, &sess);
}

TEST(temp_memrefs_copy_back_and_size)
{
	uint8_t in[100], out[300], io[50];
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;

	CHECK(open_both(&ctx, &sess) == 0);
	memset(in, 0x11, sizeof(in));
	memset(out, 0x22, sizeof(out));
	memset(io, 0x33, sizeof(io));
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_TEMP_INOUT, TEEC_NONE);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = sizeof(in);
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = sizeof(out);
	op.params[2].tmpref.buffer = io;
	op.params[2].tmpref.size = sizeof(io);
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_FILL, &op, NULL),
		    TEEC_SUCCESS);
	EXPECT_EQ_U(in[0], 0x11);
	/* OUTPUT is not copied in: the shadow started as zeroes. */
	EXPECT_EQ_U(out[0], 0xff);
	EXPECT_EQ_U(out[299], 0xff);
	EXPECT_EQ_U(io[0], 0xcc);
	EXPECT_EQ_U(io[49], 0xcc);
	EXPECT_EQ_U(op.params[1].tmpref.size, sizeof(out));

	/* SHORT_BUFFER still updates the size. */
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = out;
	op.params[0].tmpref.size = 20;
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_SHORT, &op, NULL),
		    TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ_U(op.params[0].tmpref.size, 30);
	EXPECT_EQ_U(out[0], 0xff);

	/* NULL buffer with a size is refused before any ioctl. */
	op.params[0].tmpref.buffer = NULL;
	op.params[0].tmpref.size = 4;
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_FILL, &op, NULL),
		    TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(fake_live_shms(), 0);
	close_both(&ctx, &sess);
}

TEST(null_temp_memref_with_and_without_memref_null)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;

	for (int cap = 0; cap < 2; cap++) {
		fake.memref_null = cap;
		CHECK(open_both(&ctx, &sess) == 0);
		EXPECT_EQ_U(ctx.imp.memref_null, cap);
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT,
						 TEEC_MEMREF_TEMP_OUTPUT,
						 TEEC_NONE, TEEC_NONE);
		EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_NULL_CHECK, &op,
					       NULL), TEEC_SUCCESS);
		EXPECT_EQ_U(op.params[0].value.a, cap);
		EXPECT_EQ_U(op.params[0].value.b,
			    TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT);
		EXPECT_EQ_U(op.params[1].tmpref.size, 0);
		close_both(&ctx, &sess);
	}
	fake.memref_null = false;
	EXPECT_EQ_U(fake_live_shms(), 0);
}

TEST(shared_memory_whole_and_partial)
{
	TEEC_SharedMemory alloc = { .size = 64,
		.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_SharedMemory reg = { .size = 32, .flags = TEEC_MEM_OUTPUT };
	uint8_t user[32];
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;

	CHECK(open_both(&ctx, &sess) == 0);
	CHECK_EQ_U(TEEC_AllocateSharedMemory(&ctx, &alloc), TEEC_SUCCESS);
	memset(alloc.buffer, 0x0f, 64);
	memset(user, 0, sizeof(user));
	reg.buffer = user;
	CHECK_EQ_U(TEEC_RegisterSharedMemory(&ctx, &reg), TEEC_SUCCESS);
	EXPECT(reg.imp.shadow_buffer != NULL);
	EXPECT_EQ_U(fake_live_shms(), 2);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE,
					 TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &alloc;
	op.params[1].memref.parent = &reg;
	op.params[1].memref.offset = 8;
	op.params[1].memref.size = 4;
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_FILL, &op, NULL),
		    TEEC_SUCCESS);
	EXPECT_EQ_U(((uint8_t *)alloc.buffer)[0], 0xf0);
	EXPECT_EQ_U(op.params[0].memref.size, 64);
	EXPECT_EQ_U(user[7], 0);
	EXPECT_EQ_U(user[8], 0xff);
	EXPECT_EQ_U(user[11], 0xff);
	EXPECT_EQ_U(user[12], 0);

	/* Direction the shm does not allow, and a window past its end. */
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &reg;
	op.params[0].memref.offset = 0;
	op.params[0].memref.size = 4;
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_FILL, &op, NULL),
		    TEEC_ERROR_BAD_PARAMETERS);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &alloc;
	op.params[0].memref.offset = 60;
	op.params[0].memref.size = 8;
	EXPECT_EQ_U(TEEC_InvokeCommand(&sess, CMD_FILL, &op, NULL),
		    TEEC_ERROR_BAD_PARAMETERS);

	TEEC_ReleaseSharedMemory(&alloc);
	TEEC_ReleaseSharedMemory(&reg);
	TEEC_ReleaseSharedMemory(&reg);	/* twice is harmless */
	EXPECT(alloc.buffer == NULL);
	EXPECT(reg.buffer == user);
	EXPECT_EQ_U(fake_live_shms(), 0);
	EXPECT_EQ_U(TEEC_RegisterSharedMemory(&ctx, &(TEEC_SharedMemory){
		.buffer = user, .size = 4, .flags = 0 }),
		    TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(TEEC_RegisterSharedMemoryFileDescriptor(&ctx, &reg, 0),
		    TEEC_ERROR_NOT_SUPPORTED);
	close_both(&ctx, &sess);
}

struct cancel_thread {
	TEEC_Session *sess;
	TEEC_Operation *op;
	TEEC_Result res;
	uint32_t orig;
};

static void *cancel_invoke_main(void *a)
{
	struct cancel_thread *t = a;

	t->res = TEEC_InvokeCommand(t->sess, CMD_WAIT_CANCEL, t->op, &t->orig);
	return NULL;
}

TEST(request_cancellation_from_another_thread)
{
	struct cancel_thread t;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	pthread_t th;

	CHECK(open_both(&ctx, &sess) == 0);
	memset(&op, 0, sizeof(op));
	t.sess = &sess;
	t.op = &op;
	pthread_create(&th, NULL, cancel_invoke_main, &t);
	/* Until the invoke has started there is no session to cancel. */
	while (!__atomic_load_n(&op.started, __ATOMIC_ACQUIRE))
		usleep(1000);
	usleep(20000);
	TEEC_RequestCancellation(&op);
	pthread_join(th, NULL);
	EXPECT_EQ_U(t.res, TEEC_ERROR_CANCEL);
	EXPECT_EQ_U(t.orig, TEEC_ORIGIN_TEE);
	close_both(&ctx, &sess);
}

struct stress_thread {
	pthread_t th;
	TEEC_Session *sess;
	int bad;
};

static void *stress_main(void *a)
{
	struct stress_thread *t = a;
	uint8_t buf[64];

	for (uint32_t i = 0; i < 200; i++) {
		TEEC_Operation op;

		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT,
						 TEEC_MEMREF_TEMP_INOUT,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].value.a = i;
		memset(buf, (int)i, sizeof(buf));
		op.params[1].tmpref.buffer = buf;
		op.params[1].tmpref.size = sizeof(buf);
		if (TEEC_InvokeCommand(t->sess, CMD_VALUE_INC, &op, NULL) ||
		    op.params[0].value.a != i + 1)
			t->bad++;
		if (TEEC_InvokeCommand(t->sess, CMD_FILL, &op, NULL) ||
		    buf[63] != (uint8_t)~i)
			t->bad++;
	}
	return NULL;
}

TEST(concurrent_invokes_on_one_context)
{
	struct stress_thread t[8];
	TEEC_Context ctx;
	TEEC_Session sess;

	CHECK(open_both(&ctx, &sess) == 0);
	for (int i = 0; i < 8; i++) {
		t[i].sess = &sess;
		t[i].bad = 0;
		pthread_create(&t[i].th, NULL, stress_main, &t[i]);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i].th, NULL);
		EXPECT_EQ_U(t[i].bad, 0);
	}
	EXPECT_EQ_U(fake_live_shms(), 0);
	close_both(&ctx, &sess);
}

int main(void)
{
	if (libteec_fake_start("libteec-api"))
		return 1;

	RUN(param_types_pack_four_bits_each);
	RUN(struct_layouts_match_optee_client_64bit);
	RUN(errno_maps_to_teec_results);
	RUN(uuid_is_serialized_big_endian);
	RUN(initialize_context_names);
	RUN(open_session_logins);
	RUN(invoke_values_and_errors);
	RUN(temp_memrefs_copy_back_and_size);
	RUN(null_temp_memref_with_and_without_memref_null);
	RUN(shared_memory_whole_and_partial);
	RUN(request_cancellation_from_another_thread);
	RUN(concurrent_invokes_on_one_context);

	libteec_fake_stop();
	return testlib_summary();
}
