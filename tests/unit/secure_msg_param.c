/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of optee_msg_arg validation (secure/msg_param.c). */
#include <errno.h>

#include "msg_param.h"
#include "tee_err.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static union {
	struct optee_msg_arg a;
	uint8_t b[OPTEE_MSG_GET_ARG_SIZE(8)];
} u;

#define META_IN (OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT)

static void open_arg(uint32_t nclient)
{
	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	u.a.num_params = 2 + nclient;
	u.a.params[0].attr = META_IN;
	u.a.params[0].u.value.a = 0x0706050403020100ULL;
	u.a.params[0].u.value.b = 0x0f0e0d0c0b0a0908ULL;
	u.a.params[1].attr = META_IN;
	u.a.params[1].u.value.c = OPTEE_MSG_LOGIN_USER;
}

static int parse(struct msg_call *c)
{
	return msg_arg_parse(&u.a, OPTEE_MSG_GET_ARG_SIZE(u.a.num_params), c);
}

TEST(open_session_meta_params_give_uuid_and_login)
{
	struct msg_call c;

	open_arg(2);
	u.a.params[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	u.a.params[2].u.value.a = 7;
	u.a.params[3].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	u.a.params[3].u.tmem.buf_ptr = 0x42000010;
	u.a.params[3].u.tmem.size = 100;
	CHECK_EQ_U(parse(&c), 0);
	for (int i = 0; i < 16; i++)
		CHECK_EQ_U(c.ta_uuid[i], i);
	CHECK_EQ_U(c.login, OPTEE_MSG_LOGIN_USER);
	CHECK_EQ_U(c.first_client, 2);
	CHECK_EQ_U(c.n_params, 2);
	CHECK_EQ_U(c.params[0].a, 7);
	CHECK_EQ_U(c.params[1].gp_type, TEE_PARAM_TYPE_MEMREF_OUTPUT);
	CHECK_EQ_U(msg_call_param_types(&c), 0x63);
}

TEST(open_session_without_meta_is_bad)
{
	struct msg_call c;

	open_arg(0);
	u.a.params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	open_arg(0);
	u.a.num_params = 1;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	open_arg(0);
	u.a.params[1].u.value.c = 3; /* no such login */
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
}

TEST(meta_on_client_param_is_bad)
{
	struct msg_call c;

	open_arg(1);
	u.a.params[2].attr = META_IN;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	u.a.num_params = 1;
	u.a.params[0].attr = META_IN;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
}

TEST(more_than_four_client_params_is_bad)
{
	struct msg_call c;

	open_arg(5);
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	open_arg(4);
	CHECK_EQ_U(parse(&c), 0);
}

TEST(num_params_beyond_length_or_max_is_bad)
{
	struct msg_call c;

	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	u.a.num_params = 3;
	CHECK_EQ_U(msg_arg_parse(&u.a, OPTEE_MSG_GET_ARG_SIZE(2), &c),
		   (uint64_t)-EINVAL);
	u.a.num_params = 0xffffffff;
	CHECK_EQ_U(msg_arg_parse(&u.a, sizeof(u), &c), (uint64_t)-EINVAL);
	CHECK_EQ_U(msg_arg_parse(&u.a, 31, &c), (uint64_t)-EINVAL);
}

TEST(bad_attrs_are_refused)
{
	static const uint64_t bad[] = {
		4, 8, 12, 0xff,				/* unknown types */
		OPTEE_MSG_ATTR_TYPE_RMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		OPTEE_MSG_ATTR_TYPE_RMEM_INPUT | OPTEE_MSG_ATTR_META,
		OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | (1ULL << 10),
		OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | (1ULL << 16),
		OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | (1ULL << 40),
		OPTEE_MSG_ATTR_TYPE_NONE | (1ULL << 9),
	};
	struct msg_call c;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&u, 0, sizeof(u));
		u.a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
		u.a.num_params = 1;
		u.a.params[0].attr = bad[i];
		u.a.params[0].u.tmem.buf_ptr = 0x42000000;
		if (parse(&c) != -EINVAL)
			TEST_FAILF("attr 0x%llx accepted", (unsigned long long)bad[i]);
	}
}

TEST(tmem_overflow_is_bad_and_null_memref_is_accepted)
{
	struct msg_call c;

	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	u.a.num_params = 2;
	u.a.params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INOUT;
	u.a.params[0].u.tmem.buf_ptr = UINT64_MAX - 10;
	u.a.params[0].u.tmem.size = 100;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.params[0].u.tmem.buf_ptr = 0;
	u.a.params[0].u.tmem.size = 0;
	u.a.params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	u.a.params[1].u.tmem.buf_ptr = 0x42000000;
	u.a.params[1].u.tmem.size = 0;
	CHECK_EQ_U(parse(&c), 0);
	CHECK(c.params[0].null_ref);
	CHECK(!c.params[1].null_ref);
	CHECK_EQ_U(c.params[0].gp_type, TEE_PARAM_TYPE_MEMREF_INOUT);
}

TEST(register_shm_wants_exactly_one_0x20a_param)
{
	struct msg_call c;

	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_REGISTER_SHM;
	u.a.num_params = 1;
	u.a.params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.params[0].attr = OPTEE_MSG_REGISTER_SHM_ATTR | (1ULL << 16);
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.params[0].attr = OPTEE_MSG_REGISTER_SHM_ATTR;
	u.a.params[0].u.tmem.buf_ptr = 0x100000123ULL;
	u.a.params[0].u.tmem.size = 77;
	u.a.params[0].u.tmem.shm_ref = 0xc00c1e;
	CHECK_EQ_U(parse(&c), 0);
	CHECK_EQ_U(c.shm_buf_ptr, 0x100000123ULL);
	CHECK_EQ_U(c.shm_size, 77);
	CHECK_EQ_U(c.shm_cookie, 0xc00c1e);
	CHECK_EQ_U(c.n_params, 0);
	u.a.num_params = 2;
	u.a.params[1].attr = OPTEE_MSG_REGISTER_SHM_ATTR;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.num_params = 0;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.num_params = 1;
	u.a.cmd = OPTEE_MSG_CMD_UNREGISTER_SHM;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.params[0].attr = OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.params[0].attr = OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
	u.a.params[0].u.rmem.shm_ref = 0xbeef;
	CHECK_EQ_U(parse(&c), 0);
	CHECK_EQ_U(c.shm_cookie, 0xbeef);
}

TEST(rmem_and_noncontig_params_are_parsed)
{
	struct msg_call c;

	memset(&u, 0, sizeof(u));
	u.a.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	u.a.num_params = 3;
	u.a.params[0].attr = OPTEE_MSG_ATTR_TYPE_RMEM_INOUT;
	u.a.params[0].u.rmem.offs = 4096;
	u.a.params[0].u.rmem.size = 10;
	u.a.params[0].u.rmem.shm_ref = 0x1234;
	u.a.params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG;
	u.a.params[1].u.tmem.buf_ptr = 0x100000010ULL;
	u.a.params[1].u.tmem.size = 5;
	u.a.params[2].attr = OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT;
	u.a.params[2].u.rmem.shm_ref = 9;
	CHECK_EQ_U(parse(&c), 0);
	CHECK_EQ_U(c.params[0].gp_type, TEE_PARAM_TYPE_MEMREF_INOUT);
	CHECK_EQ_U(c.params[0].offs, 4096);
	CHECK_EQ_U(c.params[0].size, 10);
	CHECK_EQ_U(c.params[0].shm_ref, 0x1234);
	CHECK(c.params[1].noncontig);
	CHECK(!c.params[1].null_ref);
	CHECK_EQ_U(c.params[1].gp_type, TEE_PARAM_TYPE_MEMREF_INPUT);
	CHECK_EQ_U(c.params[2].gp_type, TEE_PARAM_TYPE_MEMREF_OUTPUT);
	CHECK(msg_type_is_output(c.params[2].msg_type));
	/* offs + size overflow */
	u.a.params[0].u.rmem.offs = UINT64_MAX;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.params[0].u.rmem.offs = 0;
	/* a page list at PA 0 or of size 0 is refused */
	u.a.params[1].u.tmem.buf_ptr = 0;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.params[1].u.tmem.buf_ptr = 0x100000000ULL;
	u.a.params[1].u.tmem.size = 0;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
}

TEST(unknown_cmd_and_params_on_close_are_bad)
{
	struct msg_call c;

	memset(&u, 0, sizeof(u));
	u.a.cmd = 99;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.cmd = OPTEE_MSG_CMD_CLOSE_SESSION;
	CHECK_EQ_U(parse(&c), 0);
	u.a.num_params = 1;
	CHECK_EQ_U(parse(&c), (uint64_t)-EINVAL);
	u.a.cmd = OPTEE_MSG_CMD_CANCEL;
	u.a.num_params = 0;
	u.a.session = 5;
	u.a.cancel_id = 9;
	CHECK_EQ_U(parse(&c), 0);
	CHECK_EQ_U(c.session, 5);
	CHECK_EQ_U(c.cancel_id, 9);
}

int main(void)
{
	RUN(open_session_meta_params_give_uuid_and_login);
	RUN(open_session_without_meta_is_bad);
	RUN(meta_on_client_param_is_bad);
	RUN(more_than_four_client_params_is_bad);
	RUN(num_params_beyond_length_or_max_is_bad);
	RUN(bad_attrs_are_refused);
	RUN(tmem_overflow_is_bad_and_null_memref_is_accepted);
	RUN(register_shm_wants_exactly_one_0x20a_param);
	RUN(rmem_and_noncontig_params_are_parsed);
	RUN(unknown_cmd_and_params_on_close_are_bad);
	return testlib_summary();
}
