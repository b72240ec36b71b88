/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hostile guests on slots 3 and 4 next to VM 1 (this process): no
 * carve-out, no way around the hypervisor, forged page lists, other
 * guests' cookies, sessions and threads, flooding, quotas. Each is
 * refused or throttled, and VM 1 keeps working.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "optee_msg.h"
#include "optee_smc.h"
#include "softee_mem.h"
#include "softee_test_ta.h"
#include "util.h"
#include "vms_guest.h"
#include "vms_test.h"

#define FR	4096ULL
#define G_IPA	(SOFTEE_DDR_BASE + 0x10000000ULL)
#define H_IPA	(SOFTEE_DDR_BASE + 0x20000000ULL)
#define GF	32	/* frames of each raw guest */

/* Frame roles in a raw guest's memory. */
#define ARG	0
#define LIST	1
#define DATA	4

static bool hostile_open(struct vg *g, unsigned int slot, uint64_t ipa,
			 unsigned int tag)
{
	int rc = vg_open(g, vt_slot(slot), vt_boot_id(tag), ipa, GF);

	if (rc) {
		TEST_FAILF("raw guest on slot %u: %d", slot, rc);
		vg_close(g);
		return false;
	}
	return true;
}

static void hostile_close(struct vg *g, unsigned int slot)
{
	vg_close(g);
	EXPECT(vt_wait_slot_free(slot, 20000));
}

TEST(guest_sees_no_carveout_and_cannot_manage_vms)
{
	struct softee_pa_extent e = { 0x42000000ULL, 1 };
	uint32_t caps = 0, a1;
	struct vg g;
	int fd;

	if (!hostile_open(&g, 3, G_IPA, 1))
		return;
	EXPECT_EQ_U(vg_fast(g.s, OPTEE_SMC_EXCHANGE_CAPABILITIES, 0, &caps),
		    OPTEE_SMC_RETURN_OK);
	EXPECT(!(caps & OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM));
	EXPECT(caps & OPTEE_SMC_SEC_CAP_DYNAMIC_SHM);
	EXPECT(!(caps & OPTEE_SMC_SEC_CAP_VIRTUALIZATION));
	EXPECT_EQ_U(vg_fast(g.s, OPTEE_SMC_GET_SHM_CONFIG, 0, NULL),
		    OPTEE_SMC_RETURN_ENOTAVAIL);
	EXPECT_EQ_U(vg_fast(g.s, OPTEE_SMC_CALLS_UID, 0, NULL), OPTEE_MSG_UID_0);
	/* VM management belongs to the hypervisor */
	EXPECT_EQ_U(vg_fast(g.s, OPTEE_SMC_VM_CREATED, 77, NULL),
		    OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
	EXPECT_EQ_U(vg_fast(g.s, OPTEE_SMC_VM_DESTROYED, vt_slot_vm(1), NULL),
		    OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
	EXPECT_EQ_U(vg_fast(g.s, OPTEE_SMC_GET_THREAD_COUNT, 0, &a1),
		    OPTEE_SMC_RETURN_OK);
	EXPECT_EQ_U(a1, vt_kv(vt_status("hyp", "status"), "vm%u.max_calls",
			      vt_slot_vm(3)));
	/* memory in the carve-out window, or named for another VM */
	fd = softee_memfd("vms-test", FR);
	CHECK(fd >= 0);
	EXPECT_EQ_U(vg_region_add(g.s, 50, fd, 0, 1, &e, 1, 0), -EFAULT);
	e.pa = G_IPA + 100 * FR;
	EXPECT_EQ_U(vg_region_add(g.s, 51, fd, 0, 1, &e, 1, vt_slot_vm(1)),
		    -EPERM);
	EXPECT_EQ_U(vg_region_add(g.s, 51, fd, 0, 1, &e, 1, 0), 0);
	EXPECT_EQ_U(vg_region_del(g.s, 51, 0), 0);
	close(fd);
	hostile_close(&g, 3);
	EXPECT_EQ_U(vt_vm1_echo(3), TEEC_SUCCESS);
}

TEST(guest_cannot_bypass_the_hypervisor)
{
	char path[4096];
	int s;

	snprintf(path, sizeof(path), "%s/secure.smc", vt_run_dir);
	s = vg_connect(path, vt_boot_id(2), SOFTEE_CHAN_ROLE_DRIVER);
	EXPECT(s < 0);
	if (s >= 0)
		close(s);
	/* nor displace the hypervisor (which would drop every VM) */
	s = vg_connect(path, vt_boot_id(3), SOFTEE_CHAN_ROLE_HYP);
	EXPECT(s < 0);
	if (s >= 0)
		close(s);
	EXPECT(vt_slot_vm(1) != 0 && vt_slot_vm(2) != 0);
	EXPECT_EQ_U(vt_kv(vt_status("secure", "status"), "vms"), 2);
	EXPECT_EQ_U(vt_vm1_echo(3), TEEC_SUCCESS);
}

/* REGISTER_SHM of entries (at G's LIST frame) by g: the arg's ret. */
static uint32_t reg_list(struct vg *g, const uint64_t *entries, size_t n,
			 uint64_t cookie)
{
	uint64_t list = vg_pa(g, LIST);

	vg_list(g, list, entries, n);
	return vg_register(g, g->s, vg_pa(g, ARG), list, n * FR, cookie);
}

TEST(forged_page_lists_are_refused)
{
	uint64_t e[4], refused0, refused1, own;
	uint32_t gid, hid;
	struct vg g, h;

	if (!hostile_open(&g, 3, G_IPA, 4))
		return;
	if (!hostile_open(&h, 4, H_IPA, 5)) {
		hostile_close(&g, 3);
		return;
	}
	gid = vt_slot_vm(3);
	hid = vt_slot_vm(4);
	refused0 = vt_kv(vt_status("hyp", "stat"), "vm%u.refused", gid);
	/* control: G's own frames register fine */
	e[0] = vg_pa(&g, DATA);
	e[1] = vg_pa(&g, DATA + 1);
	EXPECT_EQ_U(reg_list(&g, e, 2, 1), 0);
	EXPECT_EQ_U(vg_unregister(&g, g.s, vg_pa(&g, ARG), 1), 0);
	/* frames never given to G, H's frames, the carve-out */
	e[1] = G_IPA + 1000 * FR;
	EXPECT_EQ_U(reg_list(&g, e, 2, 2), VT_TEE_ERROR_BAD_PARAMETERS);
	e[1] = vg_pa(&h, DATA);
	EXPECT_EQ_U(reg_list(&g, e, 2, 3), VT_TEE_ERROR_BAD_PARAMETERS);
	e[1] = 0x42000000ULL;
	EXPECT_EQ_U(reg_list(&g, e, 2, 4), VT_TEE_ERROR_BAD_PARAMETERS);
	e[1] = vg_pa(&g, DATA) + 16;
	EXPECT_EQ_U(reg_list(&g, e, 2, 5), VT_TEE_ERROR_BAD_PARAMETERS);
	/* a list that is H's: H wrote a valid one, G names its address */
	e[0] = vg_pa(&h, DATA);
	vg_list(&h, vg_pa(&h, LIST), e, 1);
	EXPECT_EQ_U(vg_register(&g, g.s, vg_pa(&g, ARG), vg_pa(&h, LIST), FR, 6),
		    VT_TEE_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(vg_register(&h, h.s, vg_pa(&h, ARG), vg_pa(&h, LIST), FR, 6),
		    0);
	/* a list block where G has no memory */
	EXPECT_EQ_U(vg_register(&g, g.s, vg_pa(&g, ARG), G_IPA + 900 * FR, FR, 7),
		    VT_TEE_ERROR_BAD_PARAMETERS);
	/* an arg where G has no memory */
	{
		uint32_t out[8];

		EXPECT_EQ_U(vg_call(g.s, H_IPA, out), OPTEE_SMC_RETURN_EBADADDR);
	}
	refused1 = vt_kv(vt_status("hyp", "stat"), "vm%u.refused", gid);
	EXPECT(refused1 != VT_NO_VALUE && refused1 >= refused0 + 6);
	/* nothing of G got registered; H's one is there */
	own = vt_kv(vt_status("secure", "status"), "vm%u.registered_shm", gid);
	EXPECT_EQ_U(own, 0);
	EXPECT_EQ_U(vt_kv(vt_status("secure", "status"), "vm%u.registered_shm",
			  hid), 1);
	EXPECT_EQ_U(vg_unregister(&h, h.s, vg_pa(&h, ARG), 6), 0);
	hostile_close(&g, 3);
	hostile_close(&h, 4);
	EXPECT_EQ_U(vt_vm1_echo(3), TEEC_SUCCESS);
}

TEST(other_guests_cookies_cannot_be_named)
{
	const uint64_t cookie = 0xc00c1e5eedULL;
	uint64_t e[1];
	uint32_t gid, hid;
	struct vg g, h;

	if (!hostile_open(&g, 3, G_IPA, 6))
		return;
	if (!hostile_open(&h, 4, H_IPA, 7)) {
		hostile_close(&g, 3);
		return;
	}
	gid = vt_slot_vm(3);
	hid = vt_slot_vm(4);
	e[0] = vg_pa(&h, DATA);
	EXPECT_EQ_U(reg_list(&h, e, 1, cookie), 0);
	/* G cannot unregister H's registration */
	EXPECT_EQ_U(vg_unregister(&g, g.s, vg_pa(&g, ARG), cookie),
		    VT_TEE_ERROR_ITEM_NOT_FOUND);
	EXPECT_EQ_U(vt_kv(vt_status("secure", "status"), "vm%u.registered_shm",
			  hid), 1);
	/* the same cookie in G is G's own, a different registration */
	e[0] = vg_pa(&g, DATA);
	EXPECT_EQ_U(reg_list(&g, e, 1, cookie), 0);
	EXPECT_EQ_U(vg_unregister(&h, h.s, vg_pa(&h, ARG), cookie), 0);
	EXPECT_EQ_U(vt_kv(vt_status("secure", "status"), "vm%u.registered_shm",
			  gid), 1);
	EXPECT_EQ_U(vg_unregister(&g, g.s, vg_pa(&g, ARG), cookie), 0);
	EXPECT_EQ_U(vg_unregister(&g, g.s, vg_pa(&g, ARG), cookie),
		    VT_TEE_ERROR_ITEM_NOT_FOUND);
	hostile_close(&g, 3);
	hostile_close(&h, 4);
}

/* A session command by g through its ARG frame: the arg's ret. */
static uint32_t session_cmd(struct vg *g, uint32_t cmd, uint32_t session)
{
	struct optee_msg_arg *a = vg_ptr(g, vg_pa(g, ARG));
	uint32_t out[8];

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->session = session;
	a->func = SOFTEE_TEST_CMD_ECHO;
	a->ret = 0x12345678;
	if (vg_call(g->s, vg_pa(g, ARG), out) != OPTEE_SMC_RETURN_OK)
		return VG_FAILED;
	return a->ret;
}

TEST(other_guests_sessions_and_threads_cannot_be_named)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	uint32_t origin, out[8], in[8] = { OPTEE_SMC_CALL_RETURN_FROM_RPC };
	struct vg g;

	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	if (TEEC_OpenSession(&ctx, &s, &vt_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			     &origin)) {
		TEEC_FinalizeContext(&ctx);
		TEST_FAILF("VM 1 cannot open a session");
		return;
	}
	if (!hostile_open(&g, 3, G_IPA, 8))
		goto out;
	EXPECT_EQ_U(session_cmd(&g, OPTEE_MSG_CMD_INVOKE_COMMAND,
				s.imp.session_id), VT_TEE_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(session_cmd(&g, OPTEE_MSG_CMD_CLOSE_SESSION,
				s.imp.session_id), VT_TEE_ERROR_BAD_PARAMETERS);
	/* a CANCEL of it is accepted and does nothing to VM 1 */
	EXPECT_EQ_U(session_cmd(&g, OPTEE_MSG_CMD_CANCEL, s.imp.session_id), 0);
	/* no secure thread of another VM can be resumed */
	for (uint32_t t = 0; t < 64; t++) {
		in[3] = t;
		EXPECT_EQ_U(vg_smc(g.s, in, out), OPTEE_SMC_RETURN_ERESUME);
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].value.a = 41;
	EXPECT_EQ_U(TEEC_InvokeCommand(&s, SOFTEE_TEST_CMD_ECHO, &op, &origin),
		    TEEC_SUCCESS);
	EXPECT_EQ_U(op.params[0].value.a, 42);
	hostile_close(&g, 3);
out:
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

/* An OPEN_SESSION arg of the multi-instance TA at g's frame f. */
static uint64_t open_arg(struct vg *g, unsigned int f)
{
	struct optee_msg_arg *a = vg_ptr(g, vg_pa(g, f));
	const TEEC_UUID *u = &vt_multi_uuid;
	uint8_t oct[16];

	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(2));
	oct[0] = (uint8_t)(u->timeLow >> 24);
	oct[1] = (uint8_t)(u->timeLow >> 16);
	oct[2] = (uint8_t)(u->timeLow >> 8);
	oct[3] = (uint8_t)u->timeLow;
	oct[4] = (uint8_t)(u->timeMid >> 8);
	oct[5] = (uint8_t)u->timeMid;
	oct[6] = (uint8_t)(u->timeHiAndVersion >> 8);
	oct[7] = (uint8_t)u->timeHiAndVersion;
	memcpy(oct + 8, u->clockSeqAndNode, 8);
	a->cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	a->num_params = 2;
	a->params[0].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[1].attr = OPTEE_MSG_ATTR_META | OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(&a->params[0].u.value, oct, 16);
	return vg_pa(g, f);
}

TEST(flooding_guest_is_throttled_and_the_others_keep_working)
{
	uint64_t max, busy;
	uint32_t gid, out[8];
	const char *st;
	struct vg g, h;
	unsigned int held = 0;

	if (!hostile_open(&g, 3, G_IPA, 9))
		return;
	gid = vt_slot_vm(3);
	max = vt_kv(vt_status("hyp", "status"), "vm%u.max_calls", gid);
	CHECK(max != VT_NO_VALUE && max >= 1 && max < 16);
	/*
	 * Calls that stop in an RPC the guest never answers each hold a
	 * secure thread; the hypervisor lets it hold max of them.
	 */
	for (unsigned int i = 0; i < max; i++) {
		uint32_t a0 = vg_call(g.s, open_arg(&g, DATA + i), out);

		EXPECT_EQ_U(a0, OPTEE_SMC_RETURN_RPC_ALLOC);
		held += a0 == OPTEE_SMC_RETURN_RPC_ALLOC;
	}
	for (int i = 0; i < 5; i++)
		EXPECT_EQ_U(vg_call(g.s, open_arg(&g, DATA + 20), out),
			    OPTEE_SMC_RETURN_ETHREAD_LIMIT);
	st = vt_status("hyp", "stat");
	EXPECT_EQ_U(vt_kv(st, "vm%u.calls", gid), held);
	EXPECT(vt_kv(st, "vm%u.throttled", gid) >= 5);
	busy = vt_kv(vt_status("secure", "status"), "vm%u.threads_busy", gid);
	EXPECT_EQ_U(busy, held);
	/* VM 1 and another guest still get secure threads */
	EXPECT_EQ_U(vt_vm1_echo(20), TEEC_SUCCESS);
	if (hostile_open(&h, 4, H_IPA, 10)) {
		EXPECT_EQ_U(vg_call(h.s, open_arg(&h, DATA), out),
			    OPTEE_SMC_RETURN_RPC_ALLOC);
		hostile_close(&h, 4);
	}
	/* G goes: its held threads come back */
	hostile_close(&g, 3);
	st = vt_status("secure", "status");
	EXPECT_EQ_U(vt_kv(st, "vm%u.threads_busy", gid), VT_NO_VALUE);
	EXPECT_EQ_U(vt_kv(st, "threads_busy"), 0);
	EXPECT_EQ_U(vt_vm1_echo(3), TEEC_SUCCESS);
}

TEST(guest_memory_beyond_its_pinned_quota_is_refused)
{
	struct softee_pa_extent e;
	uint64_t quota, frames;
	struct vg g;
	int fd;

	if (!hostile_open(&g, 3, G_IPA, 10))
		return;
	quota = vt_kv(vt_status("hyp", "status"), "vm%u.quota_pinned_bytes",
		      vt_slot_vm(3));
	CHECK(quota != VT_NO_VALUE && quota >= GF * FR);
	/* the rest of the quota fits; one frame more does not */
	frames = quota / FR - GF;
	fd = softee_memfd("vms-quota", (frames + 1) * FR);	/* sparse */
	CHECK(fd >= 0);
	e = (struct softee_pa_extent){ SOFTEE_DDR_BASE + (1ULL << 34),
				       frames + 1 };
	EXPECT_EQ_U(vg_region_add(g.s, 60, fd, 0, frames + 1, &e, 1, 0),
		    -ENOSPC);
	e.nframes = frames;
	EXPECT_EQ_U(vg_region_add(g.s, 60, fd, 0, frames, &e, 1, 0), 0);
	EXPECT_EQ_U(vt_kv(vt_status("hyp", "status"), "vm%u.pinned_bytes",
			  vt_slot_vm(3)), quota);
	close(fd);
	hostile_close(&g, 3);
}

TEST(registrations_beyond_the_quota_are_out_of_memory)
{
	uint64_t max, e[1];
	uint32_t gid;
	struct vg g;

	if (!hostile_open(&g, 3, G_IPA, 11))
		return;
	gid = vt_slot_vm(3);
	max = vt_kv(vt_status("hyp", "status"), "vm%u.max_registrations", gid);
	if (max > 256) {
		hostile_close(&g, 3);
		SKIP_TEST("quota of %llu registrations: run with --max-regs",
			  (unsigned long long)max);
	}
	e[0] = vg_pa(&g, DATA);
	for (uint64_t c = 1; c <= max; c++)
		EXPECT_EQ_U(reg_list(&g, e, 1, c), 0);
	EXPECT_EQ_U(reg_list(&g, e, 1, max + 1), VT_TEE_ERROR_OUT_OF_MEMORY);
	EXPECT_EQ_U(vt_kv(vt_status("hyp", "status"), "vm%u.registrations",
			  gid), max);
	EXPECT_EQ_U(vg_unregister(&g, g.s, vg_pa(&g, ARG), 1), 0);
	EXPECT_EQ_U(reg_list(&g, e, 1, max + 1), 0);
	hostile_close(&g, 3);
	/* VM 1's own quota is its own */
	EXPECT_EQ_U(vt_vm1_echo(2), TEEC_SUCCESS);
}

TEST(rebooted_guest_starts_from_nothing)
{
	uint64_t e[1];
	uint32_t out[8], id, id2;
	struct vg g, g2;

	if (!hostile_open(&g, 3, G_IPA, 12))
		return;
	id = vt_slot_vm(3);
	e[0] = vg_pa(&g, DATA);
	EXPECT_EQ_U(reg_list(&g, e, 1, 77), 0);
	EXPECT_EQ_U(vt_kv(vt_status("secure", "status"), "vm%u.registered_shm",
			  id), 1);
	/* the same slot, a new boot id: the old VM goes, a new one starts */
	if (!hostile_open(&g2, 3, G_IPA, 13)) {
		hostile_close(&g, 3);
		return;
	}
	id2 = vt_slot_vm(3);
	EXPECT(id2 != 0);
	EXPECT_EQ_U(vt_kv(vt_status("secure", "status"), "vm%u.registered_shm",
			  id2), 0);
	EXPECT_EQ_U(vg_unregister(&g2, g2.s, vg_pa(&g2, ARG), 77),
		    VT_TEE_ERROR_ITEM_NOT_FOUND);
	/* the old guest's channel is of a VM that is gone */
	EXPECT(vg_call(g.s, vg_pa(&g, ARG), out) != OPTEE_SMC_RETURN_OK);
	vg_close(&g);
	hostile_close(&g2, 3);
	EXPECT_EQ_U(vt_kv(vt_status("secure", "status"), "vms"), 2);
}

const struct vt_test vt_hostile_tests[] = {
	VT_T(guest_sees_no_carveout_and_cannot_manage_vms),
	VT_T(guest_cannot_bypass_the_hypervisor),
	VT_T(forged_page_lists_are_refused),
	VT_T(other_guests_cookies_cannot_be_named),
	VT_T(other_guests_sessions_and_threads_cannot_be_named),
	VT_T(flooding_guest_is_throttled_and_the_others_keep_working),
	VT_T(guest_memory_beyond_its_pinned_quota_is_refused),
	VT_T(registrations_beyond_the_quota_are_out_of_memory),
	VT_T(rebooted_guest_starts_from_nothing),
};
const size_t vt_hostile_ntests = sizeof(vt_hostile_tests) /
				 sizeof(vt_hostile_tests[0]);
