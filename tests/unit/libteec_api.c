/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of libteec's GP Client API: constants and layouts, errno
 * mapping, and every call against a small fake driver (a thread speaking
 * the softee device protocol) that plays a TA.
 */
#define _GNU_SOURCE
#include <errno.h>
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

TESTLIB_DEFINE_STATE;

/* Commands of the fake TA. */
#define CMD_VALUE_INC	1	/* p0 value inout: a += 1, b = a * 2 */
#define CMD_FILL	2	/* every output memref: bytes ^= 0xff, b kept */
#define CMD_SHORT	3	/* p0 memref: SHORT_BUFFER, b = size + 10 */
#define CMD_WAIT_CANCEL	4	/* blocks until a cancel arrives */
#define CMD_IOCTL_ENOMEM 5	/* the ioctl itself fails with ENOMEM */
#define CMD_NULL_CHECK	6	/* p0.a := 1 if p1 is a NULL memref */

#define FAKE_MAX_SHM 64

static struct {
	pthread_mutex_t lock;
	bool memref_null;
	int shm_fd[FAKE_MAX_SHM];	/* index = id; -1 free */
	size_t shm_size[FAKE_MAX_SHM];
	uint32_t last_login;
	uint8_t last_clnt_uuid[16];
	uint8_t last_uuid[16];
} fake = { .lock = PTHREAD_MUTEX_INITIALIZER };

static char fake_dir[64];
static int fake_listener = -1;

static int fake_reply(int s, uint32_t tag, int32_t ret, const void *pl,
		      size_t len, int fd)
{
	struct softee_dev_rep h = { .magic = SOFTEE_DEV_MAGIC, .tag = tag,
				    .ret = ret, .len = (uint32_t)len };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };

	return wire_send(s, iov, 2, &fd, fd >= 0 ? 1 : 0);
}

static int fake_live_shms(void)
{
	int n = 0;

	pthread_mutex_lock(&fake.lock);
	for (int i = 0; i < FAKE_MAX_SHM; i++)
		n += fake.shm_fd[i] >= 0;
	pthread_mutex_unlock(&fake.lock);
	return n;
}

static void fake_shm_alloc(int s, uint32_t tag, uint8_t *pl, uint32_t len)
{
	struct tee_ioctl_shm_alloc_data d;
	uint64_t size;
	int id = -1, fd;

	if (len != sizeof(d)) {
		fake_reply(s, tag, -EINVAL, NULL, 0, -1);
		return;
	}
	memcpy(&d, pl, sizeof(d));
	if (!round_up_u64(d.size ? d.size : 1, 4096, &size)) {
		fake_reply(s, tag, -EINVAL, NULL, 0, -1);
		return;
	}
	fd = softee_memfd("fake", size);
	pthread_mutex_lock(&fake.lock);
	for (int i = 1; i < FAKE_MAX_SHM && id < 0; i++) {
		if (fake.shm_fd[i] < 0) {
			id = i;
			fake.shm_fd[i] = fd;
			fake.shm_size[i] = size;
		}
	}
	pthread_mutex_unlock(&fake.lock);
	d.id = id;
	fake_reply(s, tag, 0, &d, sizeof(d), fd);
}

static void fake_shm_release(int s, uint32_t tag, uint8_t *pl)
{
	struct softee_dev_shm_release r;
	int ret = -EINVAL;

	memcpy(&r, pl, sizeof(r));
	pthread_mutex_lock(&fake.lock);
	if (r.id > 0 && r.id < FAKE_MAX_SHM && fake.shm_fd[r.id] >= 0) {
		close(fake.shm_fd[r.id]);
		fake.shm_fd[r.id] = -1;
		ret = 0;
	}
	pthread_mutex_unlock(&fake.lock);
	fake_reply(s, tag, ret, NULL, 0, -1);
}

/* Apply fn to the bytes of memref param p (in the driver's own mapping). */
static void fake_touch(struct tee_ioctl_param *p)
{
	int fd = -1;
	size_t size = 0;
	uint8_t *va;

	if (p->c == TEE_MEMREF_NULL)
		return;
	pthread_mutex_lock(&fake.lock);
	if (p->c < FAKE_MAX_SHM) {
		fd = fake.shm_fd[p->c];
		size = fake.shm_size[p->c];
	}
	pthread_mutex_unlock(&fake.lock);
	if (fd < 0 || p->a + p->b > size)
		return;
	va = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (va == MAP_FAILED)
		return;
	for (uint64_t i = 0; i < p->b; i++)
		va[p->a + i] ^= 0xff;
	munmap(va, size);
}

static void fake_invoke(struct tee_ioctl_invoke_arg *a)
{
	struct tee_ioctl_param *p = a->params;

	a->ret = 0;
	a->ret_origin = TEEC_ORIGIN_TRUSTED_APP;
	switch (a->func) {
	case CMD_VALUE_INC:
		p[0].a += 1;
		p[0].b = p[0].a * 2;
		break;
	case CMD_FILL:
		for (int i = 0; i < 4; i++) {
			uint64_t t = p[i].attr;

			if (t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT ||
			    t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT)
				fake_touch(&p[i]);
		}
		break;
	case CMD_SHORT:
		p[0].b += 10;
		a->ret = TEEC_ERROR_SHORT_BUFFER;
		break;
	case CMD_NULL_CHECK:
		p[0].a = p[1].c == TEE_MEMREF_NULL;
		p[0].b = (uint32_t)p[1].attr;
		break;
	default:
		a->ret = TEEC_ERROR_BAD_PARAMETERS;
		a->ret_origin = TEEC_ORIGIN_TEE;
	}
}

/* One connection: an event loop, so a blocked invoke can be cancelled. */
static void *fake_conn_main(void *arg)
{
	int s = (int)(intptr_t)arg;
	static __thread uint8_t buf[sizeof(struct softee_dev_req) +
				    SOFTEE_DEV_MAX_PAYLOAD];
	uint8_t pending[TEE_MAX_ARG_SIZE];
	uint32_t pending_tag = 0, pending_len = 0;
	bool has_pending = false;

	for (;;) {
		struct softee_dev_req h;
		int fds[WIRE_MAX_FDS], nfds;
		ssize_t n = wire_recv(s, buf, sizeof(buf), fds, &nfds,
				      WIRE_MAX_FDS);
		uint8_t *pl = buf + sizeof(h);

		if (n < (ssize_t)sizeof(h))
			break;
		wire_close_fds(fds, nfds);
		memcpy(&h, buf, sizeof(h));
		if (h.op == (uint32_t)TEE_IOC_VERSION) {
			struct tee_ioctl_version_data v = {
				.impl_id = TEE_IMPL_ID_OPTEE,
				.impl_caps = TEE_OPTEE_CAP_TZ,
				.gen_caps = TEE_GEN_CAP_GP |
					(fake.memref_null ? TEE_GEN_CAP_MEMREF_NULL : 0),
			};
			fake_reply(s, h.tag, 0, &v, sizeof(v), -1);
		} else if (h.op == (uint32_t)TEE_IOC_SHM_ALLOC) {
			fake_shm_alloc(s, h.tag, pl, h.len);
		} else if (h.op == SOFTEE_DEV_OP_SHM_RELEASE) {
			fake_shm_release(s, h.tag, pl);
		} else if (h.op == (uint32_t)TEE_IOC_OPEN_SESSION) {
			struct tee_ioctl_open_session_arg a;

			memcpy(&a, pl, sizeof(a));
			fake.last_login = a.clnt_login;
			memcpy(fake.last_clnt_uuid, a.clnt_uuid, 16);
			memcpy(fake.last_uuid, a.uuid, 16);
			a.session = 42;
			a.ret = 0;
			a.ret_origin = TEEC_ORIGIN_TRUSTED_APP;
			memcpy(pl, &a, sizeof(a));
			fake_reply(s, h.tag, 0, pl, h.len, -1);
		} else if (h.op == (uint32_t)TEE_IOC_INVOKE) {
			struct tee_ioctl_invoke_arg *a = (void *)pl;

			if (a->func == CMD_IOCTL_ENOMEM) {
				fake_reply(s, h.tag, -ENOMEM, NULL, 0, -1);
			} else if (a->func == CMD_WAIT_CANCEL) {
				memcpy(pending, pl, h.len);
				pending_tag = h.tag;
				pending_len = h.len;
				has_pending = true;
			} else {
				fake_invoke(a);
				fake_reply(s, h.tag, 0, pl, h.len, -1);
			}
		} else if (h.op == (uint32_t)TEE_IOC_CANCEL) {
			fake_reply(s, h.tag, 0, NULL, 0, -1);
			if (has_pending) {
				struct tee_ioctl_invoke_arg *a = (void *)pending;

				a->ret = TEEC_ERROR_CANCEL;
				a->ret_origin = TEEC_ORIGIN_TEE;
				fake_reply(s, pending_tag, 0, pending,
					   pending_len, -1);
				has_pending = false;
			}
		} else if (h.op == (uint32_t)TEE_IOC_CLOSE_SESSION) {
			fake_reply(s, h.tag, 0, NULL, 0, -1);
		} else {
			fake_reply(s, h.tag, -ENOTTY, NULL, 0, -1);
		}
	}
	close(s);
	return NULL;
}

static void *fake_accept_main(void *arg)
{
	for (;;) {
		pthread_t th;
		int s = accept4(fake_listener, NULL, NULL, SOCK_CLOEXEC);

		if (s < 0)
			return NULL;
		pthread_create(&th, NULL, fake_conn_main, (void *)(intptr_t)s);
		pthread_detach(th);
	}
}

static const TEEC_UUID test_uuid = {
	0x8aaaf200, 0x2450, 0x11e4,
	{ 0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b }
};

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

/* Open a context and session for the invoke tests. */
static int open_both(TEEC_Context *ctx, TEEC_Session *sess)
{
	if (TEEC_InitializeContext(NULL, ctx))
		return -1;
	if (TEEC_OpenSession(ctx, sess, &test_uuid, TEEC_LOGIN_PUBLIC, NULL,
			     NULL, NULL)) {
		TEEC_FinalizeContext(ctx);
		return -1;
	}
	return 0;
}

static void close_both(TEEC_Context *ctx, TEEC_Session *sess)
{
	TEEC_CloseSession(sess);
	TEEC_FinalizeContext(ctx);
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
	char sock[128];
	pthread_t th;

	for (int i = 0; i < FAKE_MAX_SHM; i++)
		fake.shm_fd[i] = -1;
	snprintf(fake_dir, sizeof(fake_dir), "/tmp/libteec-api-XXXXXX");
	if (!mkdtemp(fake_dir)) {
		printf("FAIL: libteec_api_setup: mkdtemp\n");
		return 1;
	}
	snprintf(sock, sizeof(sock), "%s/tee0", fake_dir);
	fake_listener = wire_listen(sock, 16);
	if (fake_listener < 0) {
		printf("FAIL: libteec_api_setup: listen %d\n", fake_listener);
		return 1;
	}
	setenv(SOFTEE_ENV_DEV_DIR, fake_dir, 1);
	pthread_create(&th, NULL, fake_accept_main, NULL);
	pthread_detach(th);

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

	unlink(sock);
	rmdir(fake_dir);
	return testlib_summary();
}
