/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Clean-up: VM 2's driver is killed while one of its clients is inside a
 * TA call (with a session and a registered buffer). Everything of VM 2
 * goes from the secure world and the hypervisor (their counts equal VM
 * 1's alone), and VM 1 keeps working.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dyn_util.h"
#include "softee_test_ta.h"
#include "vms_test.h"

/* In VM 2: a session, a registered 1 MiB buffer, then a long TA wait. */
static void cleanup_child(int ready)
{
	char dir[4096];
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_SharedMemory m;
	TEEC_Operation op;
	uint32_t origin;

	snprintf(dir, sizeof(dir), "%s/vm2", vt_run_dir);
	setenv("SOFTEE_DEV_DIR", dir, 1);
	if (TEEC_InitializeContext(NULL, &ctx) ||
	    TEEC_OpenSession(&ctx, &s, &vt_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			     &origin))
		_exit(2);
	memset(&m, 0, sizeof(m));
	m.size = 1 << 20;
	m.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_AllocateSharedMemory(&ctx, &m))
		_exit(3);
	if (write(ready, "r", 1) != 1)
		_exit(4);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].value.a = 60000;
	TEEC_InvokeCommand(&s, SOFTEE_TEST_CMD_WAIT, &op, &origin);
	_exit(0);
}

static pid_t read_pid(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%ld", &v) != 1)
		v = 0;
	fclose(f);
	return (pid_t)v;
}

/* Every count of the secure world equals the sum over live VMs (VM 1). */
static void expect_only_vm(uint32_t id)
{
	static const char *const keys[] = { "sessions", "ta_instances",
		"registered_shm", "regions", "frames", "threads_busy" };
	const char *st = vt_status("secure", "status");

	EXPECT_EQ_U(vt_kv(st, "vms"), 1);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		uint64_t all = vt_kv(st, "%s", keys[i]);
		uint64_t vm = vt_kv(st, "vm%u.%s", id, keys[i]);

		if (all == VT_NO_VALUE || all != vm)
			TEST_FAILF("secure %s: %llu, VM %u's %llu", keys[i],
				   (unsigned long long)all, id,
				   (unsigned long long)vm);
	}
}

TEST(killed_driver_mid_call_releases_everything_of_its_vm)
{
	uint32_t vm1 = vt_slot_vm(1), vm2 = vt_slot_vm(2);
	char path[4096], ch;
	const char *st;
	uint64_t used, pinned, hyp_frames;
	int pfd[2], status, t;
	pid_t child, driver;
	bool busy = false;

	CHECK(vm1 && vm2);
	CHECK(!pipe(pfd));
	fflush(stdout);
	child = fork();
	if (child == 0) {
		close(pfd[0]);
		cleanup_child(pfd[1]);
	}
	close(pfd[1]);
	CHECK(child > 0);
	if (read(pfd[0], &ch, 1) != 1) {
		close(pfd[0]);
		waitpid(child, &status, 0);
		TEST_FAILF("VM 2's client could not set up (status %d)", status);
		return;
	}
	close(pfd[0]);
	/* Wait until the call runs in the TA. */
	for (t = 0; t < 20000 && !busy; t += 20) {
		st = vt_status("secure", "status");
		busy = vt_kv(st, "vm%u.threads_busy", vm2) == 1;
		if (!busy)
			usleep(20000);
	}
	EXPECT(busy);
	EXPECT_EQ_U(vt_kv(st, "vm%u.sessions", vm2), 1);
	EXPECT_EQ_U(vt_kv(st, "vm%u.registered_shm", vm2), 1);
	EXPECT_EQ_U(vt_kv(vt_status("hyp", "status"), "vm%u.calls", vm2), 1);

	snprintf(path, sizeof(path), "%s/vm2/driver.pid", vt_run_dir);
	driver = read_pid(path);
	CHECK(driver > 1);
	CHECK(!kill(driver, SIGKILL));
	EXPECT(vt_wait_slot_free(2, 30000));

	st = vt_status("secure", "status");
	EXPECT_EQ_U(vt_kv(st, "vm%u.sessions", vm2), VT_NO_VALUE);
	expect_only_vm(vm1);
	st = vt_status("hyp", "status");
	EXPECT_EQ_U(vt_kv(st, "vms"), 1);
	EXPECT_EQ_U(vt_kv(st, "vms_destroyed") >= 1, 1);
	used = vt_kv(st, "host_frames_used");
	pinned = vt_kv(st, "vm%u.pinned_bytes", vm1);
	hyp_frames = vt_kv(st, "vm%u.hyp_frames", vm1);
	EXPECT_EQ_U(used, pinned / 4096 + hyp_frames);
	EXPECT_EQ_U(vt_vm1_echo(5), TEEC_SUCCESS);

	/* Its client learns its driver is gone; it must not hang. */
	for (t = 0; t < 10000; t += 20) {
		if (waitpid(child, &status, WNOHANG) == child)
			break;
		usleep(20000);
	}
	if (t >= 10000) {
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
		TEST_FAILF("VM 2's client still waits after its driver died");
	}
}

const struct vt_test vt_cleanup_tests[] = {
	VT_T(killed_driver_mid_call_releases_everything_of_its_vm),
};
const size_t vt_cleanup_ntests = sizeof(vt_cleanup_tests) /
				 sizeof(vt_cleanup_tests[0]);
