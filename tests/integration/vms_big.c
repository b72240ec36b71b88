/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Large buffers from guests: run in every VM at once (`--each-vm`), each
 * registers 256 MiB of its own malloc'd memory; once every VM holds its
 * registration, the TA reads each byte (checksum) and writes each byte
 * (fill), checked by the client byte by byte.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyn_util.h"
#include "softee_test_ta.h"
#include "vms_test.h"

#define BIG	(256ULL << 20)

static void big_pattern(uint8_t *b, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)((i * 131) ^ (i >> 12) ^ seed);
}

/* Say we hold our registration; wait (bounded) until every VM does. */
static bool big_barrier(unsigned int vm, unsigned int n)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/big-ready.%u", vt_run_dir, vm);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	close(fd);
	for (int t = 0; t < 120000; t += 50) {
		unsigned int have = 0;

		for (unsigned int k = 1; k <= n; k++) {
			snprintf(path, sizeof(path), "%s/big-ready.%u",
				 vt_run_dir, k);
			have += !access(path, F_OK);
		}
		if (have == n)
			return true;
		usleep(50000);
	}
	return false;
}

TEST(registered_256mib_in_every_vm_at_once_checked_byte_by_byte)
{
	const char *e = getenv("SOFTEE_VM");
	unsigned int vm = e ? (unsigned int)atoi(e) : 0, n;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_SharedMemory m;
	TEEC_Operation op;
	uint32_t origin, want;
	const char *st;
	uint8_t *b;
	size_t bad;
	TEEC_Result r;

	n = (unsigned int)vt_kv(vt_status("hyp", "status"), "vms");
	CHECK(vm >= 1 && n >= 2 && n < 64);
	b = malloc(BIG);
	CHECK(b);
	big_pattern(b, BIG, vm);
	want = dyn_fnv(b, BIG);
	if (TEEC_InitializeContext(NULL, &ctx)) {
		free(b);
		TEST_FAILF("no context");
		return;
	}
	r = TEEC_OpenSession(&ctx, &s, &vt_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			     &origin);
	if (r) {
		TEEC_FinalizeContext(&ctx);
		free(b);
		TEST_FAILF("open session: 0x%x", r);
		return;
	}
	memset(&m, 0, sizeof(m));
	m.buffer = b;
	m.size = BIG;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	r = TEEC_RegisterSharedMemory(&ctx, &m);
	if (r) {
		TEST_FAILF("register 256 MiB: 0x%x", r);
		goto out;
	}
	EXPECT(big_barrier(vm, n));
	/* every VM's registration is in place at the same time */
	st = vt_status("hyp", "status");
	for (unsigned int k = 1; k <= n; k++) {
		uint32_t id = (uint32_t)vt_kv(st, "slot%u.vm", k);

		EXPECT(vt_kv(st, "vm%u.registrations", id) >= 1);
		EXPECT(vt_kv(st, "vm%u.pinned_bytes", id) >= BIG);
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &m;
	op.params[0].memref.size = BIG;
	r = TEEC_InvokeCommand(&s, SOFTEE_TEST_CMD_CHECKSUM, &op, &origin);
	EXPECT_EQ_U(r, TEEC_SUCCESS);
	EXPECT_EQ_U(op.params[1].value.a, want);
	EXPECT_EQ_U(op.params[1].value.b, (uint32_t)BIG);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT,
					 TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &m;
	op.params[0].memref.size = BIG;
	op.params[1].value.a = 0x40 + vm;
	op.params[1].value.b = 0;
	r = TEEC_InvokeCommand(&s, SOFTEE_TEST_CMD_FILL, &op, &origin);
	EXPECT_EQ_U(r, TEEC_SUCCESS);
	for (bad = 0; bad < BIG; bad++)
		if (b[bad] != (uint8_t)(0x40 + vm + 7 * bad))
			break;
	if (bad != BIG)
		TEST_FAILF("byte %zu of VM %u's 256 MiB not written by the TA",
			   bad, vm);
	TEEC_ReleaseSharedMemory(&m);
out:
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	free(b);
}

const struct vt_test vt_big_tests[] = {
	VT_T(registered_256mib_in_every_vm_at_once_checked_byte_by_byte),
};
const size_t vt_big_ntests = sizeof(vt_big_tests) / sizeof(vt_big_tests[0]);
