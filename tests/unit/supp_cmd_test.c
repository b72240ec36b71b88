/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests: the supplicant command handlers (SHM_ALLOC/FREE, LOAD_TA,
 * malformed FS, unknown) over a fake device layer and a temporary TA directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tee_client_api.h>

#include "log.h"
#include "supp_cmd.h"
#include "supp_shm.h"
#include "supp_ta.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static char ta_dir[64];
static const uint8_t ta_uuid[16] = {
	0x8a, 0xaa, 0xf2, 0x00, 0x24, 0x50, 0x11, 0xe4,
	0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b,
};
static const char ta_data[] = "not really a signed TA image, but bytes";

static struct supp_req value_req(uint32_t func, uint64_t a, uint64_t b,
				 uint64_t c)
{
	struct supp_req r = { .func = func, .has_id = true, .num_params = 1 };

	r.params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
	r.params[0].a = a;
	r.params[0].b = b;
	r.params[0].c = c;
	return r;
}

static struct supp_req load_req(const uint8_t uuid[16], uint64_t offs,
				uint64_t size, uint64_t id)
{
	struct supp_req r = { .func = OPTEE_RPC_CMD_LOAD_TA, .num_params = 2 };

	r.params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	memcpy(&r.params[0].a, uuid, 8);
	memcpy(&r.params[0].b, uuid + 8, 8);
	r.params[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
	r.params[1].a = offs;
	r.params[1].b = size;
	r.params[1].c = id;
	return r;
}

static int64_t alloc_shm(uint64_t size)
{
	struct supp_req r = value_req(OPTEE_RPC_CMD_SHM_ALLOC,
				      OPTEE_RPC_SHM_TYPE_APPL, size, 8);

	if (supp_cmd_handle(&r) != TEEC_SUCCESS)
		return -1;
	return (int64_t)r.params[0].c;
}

static void free_shm(uint64_t id)
{
	struct supp_req r = value_req(OPTEE_RPC_CMD_SHM_FREE,
				      OPTEE_RPC_SHM_TYPE_APPL, id, 0);

	supp_cmd_handle(&r);
}

TEST(shm_alloc_returns_id_in_c_and_free_releases_it)
{
	uint64_t count, bytes;
	int64_t id = alloc_shm(8192);

	CHECK(id >= 0);
	supp_shm_stats(&count, &bytes);
	CHECK_EQ_U(count, 1);
	CHECK_EQ_U(bytes, 8192);
	free_shm((uint64_t)id);
	supp_shm_stats(&count, &bytes);
	CHECK_EQ_U(count, 0);
}

TEST(shm_alloc_rejects_bad_requests)
{
	struct supp_req r;

	r = value_req(OPTEE_RPC_CMD_SHM_ALLOC, OPTEE_RPC_SHM_TYPE_KERNEL, 4096, 8);
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = value_req(OPTEE_RPC_CMD_SHM_ALLOC, OPTEE_RPC_SHM_TYPE_APPL, 0, 8);
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = value_req(OPTEE_RPC_CMD_SHM_ALLOC, OPTEE_RPC_SHM_TYPE_APPL, UINT64_MAX, 8);
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = value_req(OPTEE_RPC_CMD_SHM_ALLOC, OPTEE_RPC_SHM_TYPE_APPL, 4096, 8);
	r.num_params = 2;
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = value_req(OPTEE_RPC_CMD_SHM_ALLOC, OPTEE_RPC_SHM_TYPE_APPL, 4096, 8);
	r.params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
}

TEST(shm_free_of_unknown_id_is_bad_parameters)
{
	struct supp_req r = value_req(OPTEE_RPC_CMD_SHM_FREE,
				      OPTEE_RPC_SHM_TYPE_APPL, 12345, 0);

	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r.params[0].b = UINT64_MAX;
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
}

TEST(load_ta_null_buffer_is_a_size_query)
{
	struct supp_req r = load_req(ta_uuid, 0, 0, TEE_MEMREF_NULL);

	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_SUCCESS);
	CHECK_EQ_U(r.params[1].b, sizeof(ta_data));
}

TEST(load_ta_copies_the_file_at_the_offset)
{
	struct supp_shm *ref;
	struct supp_req r;
	size_t size;
	void *p;
	int64_t id = alloc_shm(4096);

	CHECK(id >= 0);
	r = load_req(ta_uuid, 16, 100, (uint64_t)id);
	EXPECT_EQ_U(supp_cmd_handle(&r), TEEC_SUCCESS);
	EXPECT_EQ_U(r.params[1].b, sizeof(ta_data));
	r.params[1].a = 16;
	r.params[1].b = sizeof(ta_data);
	EXPECT(supp_shm_get_memref(&r.params[1], &p, &size, &ref) == 0);
	if (ref) {
		EXPECT(!memcmp(p, ta_data, sizeof(ta_data)));
		supp_shm_put(ref);
	}
	free_shm((uint64_t)id);
}

TEST(load_ta_short_buffer_reports_the_size)
{
	int64_t id = alloc_shm(4096);
	struct supp_req r;

	CHECK(id >= 0);
	r = load_req(ta_uuid, 0, 4, (uint64_t)id);
	EXPECT_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ_U(r.params[1].b, sizeof(ta_data));
	free_shm((uint64_t)id);
}

TEST(load_ta_validates_memref_against_own_shm)
{
	int64_t id = alloc_shm(4096);
	struct supp_req r;

	CHECK(id >= 0);
	r = load_req(ta_uuid, 0, 100, 999);	/* not ours */
	EXPECT_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = load_req(ta_uuid, 4000, 100, (uint64_t)id);	/* past the end */
	EXPECT_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = load_req(ta_uuid, UINT64_MAX, 2, (uint64_t)id);	/* wraps */
	EXPECT_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = load_req(ta_uuid, 0, 100, (uint64_t)id);
	r.params[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	EXPECT_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = load_req(ta_uuid, 0, 100, (uint64_t)id);
	r.num_params = 1;
	EXPECT_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	free_shm((uint64_t)id);
}

TEST(load_ta_unknown_uuid_is_item_not_found)
{
	uint8_t other[16] = { 1, 2, 3 };
	struct supp_req r = load_req(other, 0, 0, TEE_MEMREF_NULL);

	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_ITEM_NOT_FOUND);
}

TEST(malformed_fs_and_unknown_commands_are_refused)
{
	struct supp_req r = value_req(OPTEE_RPC_CMD_FS, OPTEE_RPC_FS_OPEN, 0, 0);

	/* FS is served (supp_fs_test.c); an OPEN with one param is malformed. */
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_BAD_PARAMETERS);
	r = value_req(OPTEE_RPC_CMD_SOCKET, 0, 0, 0);
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_NOT_SUPPORTED);
	r = value_req(0xffffffff, 0, 0, 0);
	CHECK_EQ_U(supp_cmd_handle(&r), TEEC_ERROR_NOT_SUPPORTED);
}

extern bool supp_fake_reg_mem;
extern uint64_t supp_fake_reg_addr, supp_fake_reg_len;
extern int supp_fake_pinned_live;

TEST(shm_alloc_registers_own_memory_with_reg_mem)
{
	struct tee_ioctl_param p = { .attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT };
	struct supp_shm *ref;
	size_t size;
	void *ptr;
	int64_t id;

	supp_fake_reg_mem = true;
	supp_shm_init(3);
	CHECK(supp_shm_registers());
	id = alloc_shm(100);
	CHECK(id >= 0);
	EXPECT_EQ_U(supp_fake_pinned_live, 1);
	/* Registered whole pages, and the memref is our own memory. */
	EXPECT_EQ_U(supp_fake_reg_len, 4096);
	p.a = 10;
	p.b = 90;
	p.c = (uint64_t)id;
	CHECK(supp_shm_get_memref(&p, &ptr, &size, &ref) == 0);
	EXPECT((uintptr_t)ptr == supp_fake_reg_addr + 10);
	((uint8_t *)ptr)[89] = 1;
	supp_shm_put(ref);
	p.b = 91;
	EXPECT(supp_shm_get_memref(&p, &ptr, &size, &ref) == -EINVAL);
	free_shm((uint64_t)id);
	EXPECT_EQ_U(supp_fake_pinned_live, 0);

	/* --no-register: allocation from the driver as before. */
	supp_shm_set_register(false);
	supp_shm_init(3);
	EXPECT(!supp_shm_registers());
	id = alloc_shm(100);
	EXPECT(id >= 0);
	EXPECT_EQ_U(supp_fake_pinned_live, 0);
	free_shm((uint64_t)id);
	supp_shm_set_register(true);
	supp_fake_reg_mem = false;
	supp_shm_init(-1);
}

static int setup(void)
{
	char path[128];
	FILE *f;

	snprintf(ta_dir, sizeof(ta_dir), "/tmp/supp_cmd_test.XXXXXX");
	if (!mkdtemp(ta_dir))
		return -1;
	if (supp_ta_path(ta_dir, ta_uuid, path, sizeof(path)))
		return -1;
	f = fopen(path, "w");
	if (!f)
		return -1;
	fwrite(ta_data, 1, sizeof(ta_data), f);
	fclose(f);
	supp_ta_add_dir("/nonexistent-ta-dir");
	supp_ta_add_dir(ta_dir);
	supp_shm_init(-1);
	return 0;
}

static void teardown(void)
{
	char path[128];

	if (!supp_ta_path(ta_dir, ta_uuid, path, sizeof(path)))
		unlink(path);
	rmdir(ta_dir);
	supp_shm_release_all();
}

int main(void)
{
	log_init("supp_cmd_test", LOG_LVL_ERR);
	if (setup()) {
		printf("FAIL: setup: cannot create a TA dir\n");
		return 1;
	}
	RUN(shm_alloc_returns_id_in_c_and_free_releases_it);
	RUN(shm_alloc_rejects_bad_requests);
	RUN(shm_free_of_unknown_id_is_bad_parameters);
	RUN(load_ta_null_buffer_is_a_size_query);
	RUN(load_ta_copies_the_file_at_the_offset);
	RUN(load_ta_short_buffer_reports_the_size);
	RUN(load_ta_validates_memref_against_own_shm);
	RUN(load_ta_unknown_uuid_is_item_not_found);
	RUN(malformed_fs_and_unknown_commands_are_refused);
	RUN(shm_alloc_registers_own_memory_with_reg_mem);
	teardown();
	return testlib_summary();
}
