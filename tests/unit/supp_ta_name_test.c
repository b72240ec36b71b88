/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests: LOAD_TA UUID octets -> "<dir>/<uuid>.ta" file name. */
#include <errno.h>

#include "supp_ta.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static const uint8_t hello_uuid[16] = {
	0x8a, 0xaa, 0xf2, 0x00, 0x24, 0x50, 0x11, 0xe4,
	0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b,
};

TEST(uuid_octets_come_from_value_memory_order)
{
	uint64_t a, b;
	uint8_t got[16];

	memcpy(&a, hello_uuid, 8);
	memcpy(&b, hello_uuid + 8, 8);
	supp_ta_uuid_from_value(a, b, got);
	CHECK(!memcmp(got, hello_uuid, 16));
}

TEST(path_is_dir_slash_uuid_dot_ta)
{
	char path[128];

	CHECK_EQ_U(supp_ta_path("/lib/optee_armtz", hello_uuid, path, sizeof(path)), 0);
	CHECK(!strcmp(path, "/lib/optee_armtz/8aaaf200-2450-11e4-abe2-0002a5d5c51b.ta"));
}

TEST(hostile_octets_cannot_inject_path)
{
	uint8_t evil[16];
	char path[128];
	const char *name;

	memset(evil, '/', sizeof(evil));
	evil[3] = '.';
	evil[4] = 0;
	CHECK_EQ_U(supp_ta_path("d", evil, path, sizeof(path)), 0);
	name = path + 2;
	CHECK_EQ_U(strlen(name), 36 + 3);
	for (const char *p = name; *p && p < name + 36; p++)
		CHECK((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || *p == '-');
	CHECK(!strcmp(name + 36, ".ta"));
}

TEST(path_too_long_is_refused)
{
	char path[40];

	CHECK_EQ_U(supp_ta_path("/x", hello_uuid, path, sizeof(path)), (uint64_t)-ENAMETOOLONG);
	CHECK_EQ_U(supp_ta_path("", hello_uuid, path, sizeof(path)), (uint64_t)-EINVAL);
}

int main(void)
{
	RUN(uuid_octets_come_from_value_memory_order);
	RUN(path_is_dir_slash_uuid_dot_ta);
	RUN(hostile_octets_cannot_inject_path);
	RUN(path_too_long_is_refused);
	return testlib_summary();
}
