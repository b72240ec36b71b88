// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests of the Internal API property functions and memory helpers. */
#include <string.h>
#include <tee_internal_api.h>

#include "testlib.h"
#include "utee_props.h"
#include "utee_runtime.h"

TESTLIB_DEFINE_STATE;

static const struct user_ta_property test_props[] = {
	{ "gpd.ta.dataSize", USER_TA_PROP_TYPE_U32, &(const uint32_t){ 8192 } },
	{ "gpd.ta.singleInstance", USER_TA_PROP_TYPE_BOOL, &(const bool){ true } },
	{ "gpd.ta.description", USER_TA_PROP_TYPE_STRING, "unit test TA" },
	{ "ext.num", USER_TA_PROP_TYPE_STRING, "0x20" },
	{ "ext.big", USER_TA_PROP_TYPE_U64, &(const uint64_t){ 1ULL << 40 } },
	{ "ext.blob", USER_TA_PROP_TYPE_BINARY_BLOCK, "aGVsbG8=" },
};

static const struct softee_ta_head test_head = {
	.magic = SOFTEE_TA_HEAD_MAGIC,
	.version = 1,
	.uuid = { 0x01020304, 0x0506, 0x0708,
		  { 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10 } },
	.num_props = sizeof(test_props) / sizeof(test_props[0]),
	.props = test_props,
};

static struct utee_session test_sess = {
	.id = 1,
	.cancel_masked = true,
	.client = { .login = TEE_LOGIN_APPLICATION, .uuid = { 0xaabbccdd } },
};

TEST(ta_properties_by_name_and_type)
{
	uint32_t v;
	uint64_t v64;
	bool b;
	TEE_UUID u;

	CHECK_EQ_U(TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, "gpd.ta.dataSize",
					&v), TEE_SUCCESS);
	CHECK_EQ_U(v, 8192);
	CHECK_EQ_U(TEE_GetPropertyAsBool(TEE_PROPSET_CURRENT_TA,
					 "gpd.ta.singleInstance", &b), TEE_SUCCESS);
	CHECK(b);
	CHECK_EQ_U(TEE_GetPropertyAsUUID(TEE_PROPSET_CURRENT_TA, "gpd.ta.appID",
					 &u), TEE_SUCCESS);
	CHECK(!memcmp(&u, &test_head.uuid, sizeof(u)));
	/* Strings convert to numbers; numbers do not convert to bools. */
	CHECK_EQ_U(TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, "ext.num", &v),
		   TEE_SUCCESS);
	CHECK_EQ_U(v, 32);
	CHECK_EQ_U(TEE_GetPropertyAsBool(TEE_PROPSET_CURRENT_TA,
					 "gpd.ta.dataSize", &b), TEE_ERROR_BAD_FORMAT);
	CHECK_EQ_U(TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, "ext.big", &v),
		   TEE_ERROR_BAD_FORMAT);
	CHECK_EQ_U(TEE_GetPropertyAsU64(TEE_PROPSET_CURRENT_TA, "ext.big", &v64),
		   TEE_SUCCESS);
	CHECK_EQ_U(v64, 1ULL << 40);
	CHECK_EQ_U(TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_TA, "no.such", &v),
		   TEE_ERROR_ITEM_NOT_FOUND);
}

TEST(string_conversion_and_short_buffer)
{
	char s[64];
	size_t len = 4;

	CHECK_EQ_U(TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA,
					   "gpd.ta.description", s, &len),
		   TEE_ERROR_SHORT_BUFFER);
	CHECK_EQ_U(len, strlen("unit test TA") + 1);
	len = sizeof(s);
	CHECK_EQ_U(TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA, "gpd.ta.appID",
					   s, &len), TEE_SUCCESS);
	CHECK(!strcmp(s, "01020304-0506-0708-090a-0b0c0d0e0f10"));
	len = sizeof(s);
	CHECK_EQ_U(TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA,
					   "gpd.ta.singleInstance", s, &len),
		   TEE_SUCCESS);
	CHECK(!strcmp(s, "true"));
}

TEST(binary_block_decodes_base64)
{
	char out[16];
	size_t len = 2;

	CHECK_EQ_U(TEE_GetPropertyAsBinaryBlock(TEE_PROPSET_CURRENT_TA, "ext.blob",
						out, &len), TEE_ERROR_SHORT_BUFFER);
	CHECK_EQ_U(len, 5);
	len = sizeof(out);
	CHECK_EQ_U(TEE_GetPropertyAsBinaryBlock(TEE_PROPSET_CURRENT_TA, "ext.blob",
						out, &len), TEE_SUCCESS);
	CHECK_EQ_U(len, 5);
	CHECK(!memcmp(out, "hello", 5));
}

TEST(client_identity_follows_the_running_session)
{
	TEE_Identity id;

	utee_rt.cur_sess = NULL;
	CHECK_EQ_U(TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					     "gpd.client.identity", &id),
		   TEE_ERROR_ITEM_NOT_FOUND);
	utee_rt.cur_sess = &test_sess;
	CHECK_EQ_U(TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					     "gpd.client.identity", &id),
		   TEE_SUCCESS);
	CHECK_EQ_U(id.login, TEE_LOGIN_APPLICATION);
	CHECK_EQ_U(id.uuid.timeLow, 0xaabbccdd);
}

TEST(tee_implementation_properties)
{
	uint32_t v;
	char s[64];
	size_t len = sizeof(s);

	CHECK_EQ_U(TEE_GetPropertyAsU32(TEE_PROPSET_TEE_IMPLEMENTATION,
					"gpd.tee.arith.maxBigIntSize", &v),
		   TEE_SUCCESS);
	CHECK(v >= 2048);
	CHECK_EQ_U(TEE_GetPropertyAsString(TEE_PROPSET_TEE_IMPLEMENTATION,
					   "gpd.tee.apiversion", s, &len),
		   TEE_SUCCESS);
}

TEST(enumerator_walks_the_whole_set)
{
	TEE_PropSetHandle e;
	char name[64];
	size_t len;
	unsigned int n = 0;
	bool saw_app_id = false, saw_blob = false;

	CHECK_EQ_U(TEE_AllocatePropertyEnumerator(&e), TEE_SUCCESS);
	len = sizeof(name);
	CHECK_EQ_U(TEE_GetPropertyName(e, name, &len), TEE_ERROR_ITEM_NOT_FOUND);
	TEE_StartPropertyEnumerator(e, TEE_PROPSET_CURRENT_TA);
	do {
		len = sizeof(name);
		if (TEE_GetPropertyName(e, name, &len) != TEE_SUCCESS)
			break;
		saw_app_id |= !strcmp(name, "gpd.ta.appID");
		saw_blob |= !strcmp(name, "ext.blob");
		n++;
	} while (TEE_GetNextProperty(e) == TEE_SUCCESS);
	EXPECT_EQ_U(n, 1 + test_head.num_props);
	EXPECT(saw_app_id && saw_blob);
	/* The enumerator also works as a getter handle. */
	TEE_ResetPropertyEnumerator(e);
	TEE_StartPropertyEnumerator(e, TEE_PROPSET_CURRENT_TA);
	TEE_GetNextProperty(e);	/* gpd.ta.dataSize */
	{
		uint32_t v = 0;

		EXPECT_EQ_U(TEE_GetPropertyAsU32(e, NULL, &v), TEE_SUCCESS);
		EXPECT_EQ_U(v, 8192);
	}
	TEE_FreePropertyEnumerator(e);
}

TEST(malloc_zero_fills_and_memcompare_sign)
{
	unsigned char *p = TEE_Malloc(64, TEE_MALLOC_FILL_ZERO);
	unsigned char z[64] = { 0 };

	CHECK(p != NULL);
	EXPECT(TEE_MemCompare(p, z, sizeof(z)) == 0);
	TEE_MemFill(p, 0x1ff, 8);
	EXPECT_EQ_U(p[7], 0xff);
	EXPECT(TEE_MemCompare(p, z, 8) == 1);
	EXPECT(TEE_MemCompare(z, p, 8) == -1);
	p = TEE_Realloc(p, 128);
	CHECK(p != NULL);
	EXPECT_EQ_U(p[0], 0xff);
	EXPECT(TEE_CheckMemoryAccessRights(TEE_MEMORY_ACCESS_READ, p, 128) ==
	       TEE_SUCCESS);
	TEE_Free(p);
	EXPECT(TEE_Malloc(8, 0x40) == NULL);	/* reserved hint */
	p = TEE_Malloc(0, 0);
	EXPECT(p != NULL);
	TEE_Free(p);
}

TEST(cancellation_mask_is_per_session)
{
	struct softee_ta_shared shared = { 0 };

	utee_rt.shared = &shared;
	utee_rt.cur_sess = &test_sess;
	test_sess.cancel_masked = true;
	shared.cancel_requested = 1;
	EXPECT(!TEE_GetCancellationFlag());
	EXPECT(TEE_Wait(1) == TEE_SUCCESS);
	EXPECT(TEE_UnmaskCancellation() == true);
	EXPECT(TEE_GetCancellationFlag());
	EXPECT(TEE_Wait(10000) == TEE_ERROR_CANCEL);
	EXPECT(TEE_MaskCancellation() == false);
	utee_rt.shared = NULL;
}

int main(void)
{
	utee_rt.head = &test_head;
	RUN(ta_properties_by_name_and_type);
	RUN(string_conversion_and_short_buffer);
	RUN(binary_block_decodes_base64);
	RUN(client_identity_follows_the_running_session);
	RUN(tee_implementation_properties);
	RUN(enumerator_walks_the_whole_set);
	RUN(malloc_zero_fills_and_memcompare_sign);
	RUN(cancellation_mask_is_per_session);
	return testlib_summary();
}
