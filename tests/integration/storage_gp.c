// SPDX-License-Identifier: BSD-2-Clause
/*
 * GP behaviour of secure storage: the tests the TA runs on itself, the
 * panics GP asks for, and the rules between TA instances (sharing,
 * conflicts, handles released when an instance dies).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storage.h"
#include "testlib.h"

#define R	1U	/* TEE_DATA_FLAG_ACCESS_READ */
#define W	2U	/* TEE_DATA_FLAG_ACCESS_WRITE */
#define SR	0x10U	/* TEE_DATA_FLAG_SHARE_READ */
#define SW	0x20U	/* TEE_DATA_FLAG_SHARE_WRITE */

static const struct {
	uint32_t id;
	const char *name;
} gp_tests[] = {
	{ STOR_TEST_BASIC, "storage_gp_create_read_write_seek_truncate_rename_delete" },
	{ STOR_TEST_CONFLICT, "storage_gp_access_conflict_and_overwrite" },
	{ STOR_TEST_NOT_FOUND, "storage_gp_item_not_found_and_storage_ids" },
	{ STOR_TEST_ENUM, "storage_gp_enumerator_lists_ids_and_info" },
	{ STOR_TEST_KEY, "storage_gp_key_with_attributes_stored_and_usable" },
	{ STOR_TEST_LARGE, "storage_gp_large_object_several_mib" },
	{ STOR_TEST_SEEK, "storage_gp_seek_gaps_and_max_position" },
	{ STOR_TEST_SHARE, "storage_gp_shared_handles_see_each_others_writes" },
	{ STOR_TEST_GP11, "storage_gp_gp11_forms" },
	{ STOR_TEST_IDS, "storage_gp_empty_binary_and_64_byte_ids" },
	{ STOR_TEST_USAGE, "storage_gp_restricted_usage_persists" },
	{ STOR_TEST_FLAGS, "storage_gp_handle_flags_and_data_object_info" },
	{ STOR_TEST_TRUNCATE, "storage_gp_truncate_grows_with_zeros" },
};

static const struct {
	uint32_t id;
	const char *name;
} panic_tests[] = {
	{ STOR_PANIC_READ_NO_ACCESS, "storage_panic_read_without_access_read" },
	{ STOR_PANIC_WRITE_NO_ACCESS, "storage_panic_write_without_access_write" },
	{ STOR_PANIC_RENAME_NO_META, "storage_panic_rename_without_write_meta" },
	{ STOR_PANIC_DELETE_NO_META, "storage_panic_delete_without_write_meta" },
	{ STOR_PANIC_ID_TOO_LONG, "storage_panic_object_id_of_65_bytes" },
	{ STOR_PANIC_BAD_FLAGS, "storage_panic_unknown_open_flag" },
	{ STOR_PANIC_TRANSIENT_DATA, "storage_panic_data_stream_of_transient_object" },
	{ STOR_PANIC_BAD_ENUM, "storage_panic_forged_enumerator" },
};

static void run_ta_test(uint32_t id)
{
	TEEC_Context c;
	TEEC_Session s;
	TEEC_Parameter p[4];
	TEEC_Result r;

	if (!stor_open(&c, &s, 1)) {
		TEST_FAILF("no session");
		return;
	}
	memset(p, 0, sizeof(p));
	p[0].value.a = id;
	r = stor_invoke(&s, STOR_CMD_TEST,
			TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT,
					 TEEC_NONE, TEEC_NONE), p);
	if (r != TEEC_SUCCESS)
		TEST_FAILF("TA test %u: 0x%x at softee_storage_tests.c:%u (saw 0x%x)",
			   id, r, p[1].value.a, p[1].value.b);
	stor_close(&s);
}

static void run_panic(uint32_t id)
{
	TEEC_Context c;
	TEEC_Session s;
	TEEC_Parameter p[4];
	TEEC_Result r;

	if (!stor_open(&c, &s, 1)) {
		TEST_FAILF("no session");
		return;
	}
	memset(p, 0, sizeof(p));
	p[0].value.a = id;
	r = stor_invoke(&s, STOR_CMD_PANIC,
			TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE), p);
	if (r != TEEC_ERROR_TARGET_DEAD)
		TEST_FAILF("misuse %u: 0x%x, not a panic (TARGET_DEAD)", id, r);
	stor_close(&s);
}

/* A dead instance's handles are gone: exclusive access works again. */
static void panic_released_handles(void)
{
	TEEC_Context c;
	TEEC_Session s;

	if (!stor_open(&c, &s, 1)) {
		TEST_FAILF("no session");
		return;
	}
	EXPECT_EQ_U(stor_open_res(&s, "panic", R), TEEC_SUCCESS);
	EXPECT_EQ_U(stor_delete(&s, "panic"), TEEC_SUCCESS);
	stor_close(&s);
}

static TEEC_Result hold(TEEC_Session *s, const char *id, uint32_t flags)
{
	TEEC_Parameter p[4];

	memset(p, 0, sizeof(p));
	p[0].tmpref.buffer = (void *)id;
	p[0].tmpref.size = strlen(id);
	p[1].value.a = flags;
	return stor_invoke(s, STOR_CMD_HOLD,
			   TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					    TEEC_VALUE_INPUT, TEEC_NONE,
					    TEEC_NONE), p);
}

static TEEC_Result simple(TEEC_Session *s, uint32_t cmd, uint32_t a)
{
	TEEC_Parameter p[4];

	memset(p, 0, sizeof(p));
	p[0].value.a = a;
	return stor_invoke(s, cmd, a ? TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
							TEEC_NONE, TEEC_NONE,
							TEEC_NONE) : 0, p);
}

/* Two instances (two sessions of a multi-instance TA) on one object. */
static void cross_instance(void)
{
	TEEC_Context ca, cb;
	TEEC_Session a, b;
	TEEC_Parameter p[4];
	char buf[64];

	if (!stor_open(&ca, &a, 1)) {
		TEST_FAILF("no session");
		return;
	}
	if (!stor_open(&cb, &b, 1)) {
		stor_close(&a);
		TEST_FAILF("no session");
		return;
	}
	(void)stor_delete(&a, "xinst");
	EXPECT_EQ_U(stor_create(&a, "xinst", "instance", 8, 0), TEEC_SUCCESS);
	/* An exclusive reader in A keeps B out... */
	EXPECT_EQ_U(hold(&a, "xinst", R), TEEC_SUCCESS);
	EXPECT_EQ_U(stor_open_res(&b, "xinst", R | SR), TEEC_ERROR_ACCESS_CONFLICT);
	EXPECT_EQ_U(stor_delete(&b, "xinst"), TEEC_ERROR_ACCESS_CONFLICT);
	/* ...until it lets go. */
	EXPECT_EQ_U(simple(&a, STOR_CMD_RELEASE, 0), TEEC_SUCCESS);
	EXPECT_EQ_U(stor_open_res(&b, "xinst", R), TEEC_SUCCESS);
	/* Sharing: what B writes, A's open handle reads. */
	EXPECT_EQ_U(hold(&a, "xinst", R | SR | SW), TEEC_SUCCESS);
	EXPECT_EQ_U(stor_write(&b, "xinst", "INSTANCE", 8, 0), TEEC_SUCCESS);
	memset(p, 0, sizeof(p));
	p[0].tmpref.buffer = buf;
	p[0].tmpref.size = sizeof(buf);
	EXPECT_EQ_U(stor_invoke(&a, STOR_CMD_READ_HELD,
				TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT,
						 TEEC_VALUE_OUTPUT, TEEC_NONE,
						 TEEC_NONE), p), TEEC_SUCCESS);
	EXPECT(p[1].value.a == 8 && !memcmp(buf, "INSTANCE", 8));
	/* A dies holding an exclusive handle: B gets the object. */
	EXPECT_EQ_U(simple(&a, STOR_CMD_RELEASE, 0), TEEC_SUCCESS);
	EXPECT_EQ_U(hold(&a, "xinst", R | W), TEEC_SUCCESS);
	EXPECT_EQ_U(stor_open_res(&b, "xinst", R), TEEC_ERROR_ACCESS_CONFLICT);
	EXPECT_EQ_U(simple(&a, STOR_CMD_PANIC, STOR_PANIC_BAD_FLAGS),
		    TEEC_ERROR_TARGET_DEAD);
	EXPECT_EQ_U(stor_open_res(&b, "xinst", R), TEEC_SUCCESS);
	EXPECT_EQ_U(stor_delete(&b, "xinst"), TEEC_SUCCESS);
	stor_close(&b);
	stor_close(&a);
}

/* The TA's READ command reports the size it needs (SHORT_BUFFER). */
static void read_short_buffer(void)
{
	TEEC_Context c;
	TEEC_Session s;
	TEEC_Parameter p[4];
	char small[4];

	if (!stor_open(&c, &s, 1)) {
		TEST_FAILF("no session");
		return;
	}
	(void)stor_delete(&s, "short");
	EXPECT_EQ_U(stor_create(&s, "short", "0123456789", 10, 0), TEEC_SUCCESS);
	memset(p, 0, sizeof(p));
	p[0].tmpref.buffer = "short";
	p[0].tmpref.size = 5;
	p[1].tmpref.buffer = small;
	p[1].tmpref.size = sizeof(small);
	EXPECT_EQ_U(stor_invoke(&s, STOR_CMD_READ,
				TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
						 TEEC_MEMREF_TEMP_OUTPUT,
						 TEEC_VALUE_OUTPUT, TEEC_NONE),
				p), TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ_U(p[1].tmpref.size, 10);
	EXPECT_EQ_U(stor_delete(&s, "short"), TEEC_SUCCESS);
	stor_close(&s);
}

int stor_cmd_gp(void)
{
	for (size_t i = 0; i < sizeof(gp_tests) / sizeof(gp_tests[0]); i++) {
		run_ta_test(gp_tests[i].id);
		testlib_report(gp_tests[i].name);
	}
	for (size_t i = 0; i < sizeof(panic_tests) / sizeof(panic_tests[0]);
	     i++) {
		run_panic(panic_tests[i].id);
		testlib_report(panic_tests[i].name);
	}
	panic_released_handles();
	testlib_report("storage_panic_releases_the_dead_instances_handles");
	cross_instance();
	testlib_report("storage_instances_share_and_conflict_per_gp");
	read_short_buffer();
	testlib_report("storage_read_short_buffer_reports_size");
	return testlib_summary();
}
