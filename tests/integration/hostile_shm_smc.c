// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hostile REGISTER_SHM / UNREGISTER_SHM / RMEM / NONCONTIG input on the
 * SMC channel, from a raw client that announces its own regions: every
 * bad page list, attribute, cookie or slice is refused with a clean
 * error, and the secure world's status counts return to their baseline.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dyn_util.h"
#include "hostile_shm.h"
#include "optee_msg.h"
#include "optee_smc.h"
#include "softee_chan.h"
#include "softee_mem.h"
#include "util.h"
#include "private_secure.h"
#include "wire.h"

#define HS_TEE_ERROR_BAD_PARAMETERS	0xFFFF0006U
#define HS_TEE_ERROR_ITEM_NOT_FOUND	0xFFFF0008U
#define HS_TEE_ERROR_OUT_OF_MEMORY	0xFFFF000CU

static const uint64_t hs_boot_id = 0x5eed05e000000001ULL;

/* Our normal world's memory: data frames, page-list frames, one arg frame. */
#define HS_PA_DATA	(SOFTEE_DDR_BASE + 0x10000000ULL)
#define HS_PA_LIST	(SOFTEE_DDR_BASE + 0x20000000ULL)
#define HS_PA_ARG	(SOFTEE_DDR_BASE + 0x30000000ULL)
#define HS_PA_NOWHERE	(SOFTEE_DDR_BASE + 0x38000000ULL) /* never announced */
#define HS_DATA_FRAMES	16
#define HS_LIST_FRAMES	8

struct hs_nw {
	int s;			/* the channel */
	int mfd[3];		/* data, list, arg memfds */
	uint64_t *list;		/* HS_LIST_FRAMES frames of page-list blocks */
	uint8_t *arg;		/* the arg frame */
	char base[8192];	/* secure status before we announced anything */
};

static ssize_t hs_chan_req(int s, uint16_t op, const void *pl, uint32_t len,
			   const int *fds, int nfds, void *rep, size_t cap)
{
	return ps_chan_req(s, op, pl, len, fds, nfds, rep, cap, HS_TIMEOUT_MS);
}

/* a0 of an SMC (a0..a3 given), or 0xdead0000 if the channel failed. */
static uint32_t hs_call(int s, uint32_t a0, uint32_t a1, uint32_t a2,
			uint32_t a3, uint32_t *a1_out)
{
	struct softee_smc_regs in = { { a0, a1, a2, a3, 0, 0, 0, 0 } }, out;
	ssize_t n;

	memset(&out, 0, sizeof(out));
	n = hs_chan_req(s, SOFTEE_CHAN_SMC, &in, sizeof(in), NULL, 0, &out,
			sizeof(out));
	if (n != (ssize_t)sizeof(out))
		return 0xdead0000;
	if (a1_out)
		*a1_out = out.a[1];
	return out.a[0];
}

static int hs_region_add(int s, uint64_t id, uint64_t pa, uint64_t nframes,
			 int mfd)
{
	uint8_t buf[sizeof(struct softee_chan_region_add) +
		    sizeof(struct softee_pa_extent)];
	struct softee_chan_region_add ra = { id, nframes, 0, 1, 0, 0, 0 };
	struct softee_pa_extent ex = { pa, nframes };
	struct softee_chan_status st = { 1, 0 };
	ssize_t n;

	memcpy(buf, &ra, sizeof(ra));
	memcpy(buf + sizeof(ra), &ex, sizeof(ex));
	n = hs_chan_req(s, SOFTEE_CHAN_REGION_ADD, buf, sizeof(buf), &mfd, 1,
			&st, sizeof(st));
	if (n < (ssize_t)sizeof(st))
		return -EPROTO;
	return st.status;
}

static int hs_region_del(int s, uint64_t id)
{
	struct softee_chan_region_del rd = { id, 0, 0 };
	struct softee_chan_status st = { 1, 0 };
	ssize_t n;

	n = hs_chan_req(s, SOFTEE_CHAN_REGION_DEL, &rd, sizeof(rd), NULL, 0,
			&st, sizeof(st));
	if (n < (ssize_t)sizeof(st))
		return 1000;	/* no answer: not a status */
	return st.status;
}

static int hs_status(char *buf, size_t cap)
{
	return dyn_ctl(hs_dir, "secure", "status", buf, cap);
}

static uint64_t hs_stat(const char *key)
{
	char buf[8192];
	uint64_t v = UINT64_MAX;

	if (dyn_ctl(hs_dir, "secure", "stat", buf, sizeof(buf)) ||
	    dyn_kv(buf, key, &v))
		return UINT64_MAX;
	return v;
}

static void hs_nw_close(struct hs_nw *nw)
{
	int i;

	if (nw->list)
		munmap(nw->list, HS_LIST_FRAMES * 4096);
	if (nw->arg)
		munmap(nw->arg, 4096);
	for (i = 0; i < 3; i++)
		if (nw->mfd[i] >= 0)
			close(nw->mfd[i]);
	if (nw->s >= 0)
		close(nw->s);
}

/* Channel with HELLO done, DYNAMIC_SHM checked, our regions announced. */
static bool hs_nw_open(struct hs_nw *nw)
{
	struct softee_chan_hello h = { SOFTEE_CHAN_VERSION,
				       SOFTEE_CHAN_ROLE_DRIVER, hs_boot_id };
	struct softee_chan_hello_rep r = { -1, 0 };
	static const uint64_t frames[3] = { HS_DATA_FRAMES, HS_LIST_FRAMES, 1 };
	static const uint64_t pas[3] = { HS_PA_DATA, HS_PA_LIST, HS_PA_ARG };
	char path[PATH_MAX];
	uint32_t a0, caps = 0;
	ssize_t n;
	int i;

	memset(nw, 0, sizeof(*nw));
	nw->s = -1;
	for (i = 0; i < 3; i++)
		nw->mfd[i] = -1;
	if (hs_status(nw->base, sizeof(nw->base))) {
		TEST_FAILF("secure.ctl status does not answer");
		return false;
	}
	snprintf(path, sizeof(path), "%s/%s", hs_dir, SOFTEE_SECURE_SOCK);
	nw->s = wire_connect(path);
	if (nw->s < 0) {
		TEST_FAILF("connect %d", nw->s);
		return false;
	}
	n = hs_chan_req(nw->s, SOFTEE_CHAN_HELLO, &h, sizeof(h), NULL, 0, &r,
			sizeof(r));
	if (n < (ssize_t)sizeof(r) || r.status) {
		TEST_FAILF("HELLO %zd %d", n, r.status);
		goto fail;
	}
	a0 = hs_call(nw->s, OPTEE_SMC_EXCHANGE_CAPABILITIES,
		     OPTEE_SMC_NSEC_CAP_UNIPROCESSOR, 0, 0, &caps);
	if (a0 != OPTEE_SMC_RETURN_OK || !(caps & OPTEE_SMC_SEC_CAP_DYNAMIC_SHM)) {
		TEST_FAILF("no DYNAMIC_SHM: a0 0x%x caps 0x%x", a0, caps);
		goto fail;
	}
	for (i = 0; i < 3; i++) {
		nw->mfd[i] = softee_memfd("hostile-shm", frames[i] * 4096);
		if (nw->mfd[i] < 0) {
			TEST_FAILF("memfd");
			goto fail;
		}
	}
	nw->list = mmap(NULL, HS_LIST_FRAMES * 4096, PROT_READ | PROT_WRITE,
			MAP_SHARED, nw->mfd[1], 0);
	nw->arg = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
		       nw->mfd[2], 0);
	if (nw->list == MAP_FAILED || nw->arg == MAP_FAILED) {
		if (nw->list == MAP_FAILED)
			nw->list = NULL;
		if (nw->arg == MAP_FAILED)
			nw->arg = NULL;
		TEST_FAILF("mmap");
		goto fail;
	}
	for (i = 0; i < 3; i++) {
		int rc = hs_region_add(nw->s, 900 + i, pas[i], frames[i],
				       nw->mfd[i]);

		if (rc) {
			TEST_FAILF("REGION_ADD %d: %d", i, rc);
			while (--i >= 0)
				hs_region_del(nw->s, 900 + i);
			goto fail;
		}
	}
	return true;
fail:
	hs_nw_close(nw);
	return false;
}

/* Withdraw our regions, close, and compare the status with the baseline. */
static void hs_nw_done(struct hs_nw *nw)
{
	static const char *const skip[] = { "threads_busy", NULL };
	char now[8192], diff[512];
	int i;

	for (i = 0; i < 3; i++)
		EXPECT_EQ_U(hs_region_del(nw->s, 900 + i), 0);
	hs_nw_close(nw);
	if (hs_status(now, sizeof(now)))
		TEST_FAILF("secure world no longer answers status");
	else if (!dyn_kv_same(nw->base, now, skip, diff, sizeof(diff)))
		TEST_FAILF("status not back to baseline: %.300s", diff);
}

/* Write a standard call into the arg frame and run it; a0 and ret. */
static uint32_t hs_arg_call(struct hs_nw *nw, uint32_t cmd, uint32_t session,
			    const struct optee_msg_param *p, uint32_t np,
			    uint32_t *ret)
{
	struct optee_msg_arg a;
	uint32_t a0;

	memset(nw->arg, 0, 4096);
	memset(&a, 0, sizeof(a));
	a.cmd = cmd;
	a.session = session;
	a.num_params = np;
	a.ret = 0x12345678;
	memcpy(nw->arg, &a, sizeof(a));
	if (np)
		memcpy(nw->arg + sizeof(a), p, np * sizeof(*p));
	a0 = hs_call(nw->s, OPTEE_SMC_CALL_WITH_ARG,
		     optee_smc_hi32(HS_PA_ARG), optee_smc_lo32(HS_PA_ARG), 0,
		     NULL);
	memcpy(&a, nw->arg, sizeof(a));
	*ret = a.ret;
	return a0;
}

/* REGISTER_SHM with the given attr, buf_ptr, size and cookie. */
static uint32_t hs_register(struct hs_nw *nw, uint64_t attr, uint64_t buf_ptr,
			    uint64_t size, uint64_t cookie, uint32_t np,
			    uint32_t *ret)
{
	struct optee_msg_param p[2];

	memset(p, 0, sizeof(p));
	p[0].attr = attr;
	p[0].u.tmem.buf_ptr = buf_ptr;
	p[0].u.tmem.size = size;
	p[0].u.tmem.shm_ref = cookie;
	p[1] = p[0];
	return hs_arg_call(nw, OPTEE_MSG_CMD_REGISTER_SHM, 0, p, np, ret);
}

static uint32_t hs_unregister(struct hs_nw *nw, uint64_t attr, uint64_t cookie,
			      uint32_t np, uint32_t *ret)
{
	struct optee_msg_param p;

	memset(&p, 0, sizeof(p));
	p.attr = attr;
	p.u.rmem.shm_ref = cookie;
	return hs_arg_call(nw, OPTEE_MSG_CMD_UNREGISTER_SHM, 0, &p, np, ret);
}

/* Page-list block k of our list frames, entries written from pas[]. */
static void hs_list(struct hs_nw *nw, const uint64_t *pas, size_t n)
{
	uint64_t *l = nw->list;
	size_t i;

	memset(l, 0, HS_LIST_FRAMES * 4096);
	for (i = 0; i < n; i++) {
		size_t blk = i / OPTEE_MSG_PAGELIST_ENTRIES_PER_BLOCK;
		size_t slot = i % OPTEE_MSG_PAGELIST_ENTRIES_PER_BLOCK;

		if (blk >= HS_LIST_FRAMES)
			return;
		l[blk * 512 + slot] = pas[i];
		if (slot == 0 && blk > 0)
			l[(blk - 1) * 512 + OPTEE_MSG_PAGELIST_NEXT_SLOT] =
				HS_PA_LIST + blk * 4096;
	}
}

/* The data frames in order, n entries (repeating after HS_DATA_FRAMES). */
static void hs_list_data(struct hs_nw *nw, size_t n)
{
	uint64_t pas[4 * 511];
	size_t i;

	for (i = 0; i < n && i < 4 * 511; i++)
		pas[i] = HS_PA_DATA + (i % HS_DATA_FRAMES) * 4096;
	hs_list(nw, pas, MIN(n, (size_t)(4 * 511)));
}

#define HS_REG_ATTR OPTEE_MSG_REGISTER_SHM_ATTR

/* A call that must come back as a clean error (a0 OK, ret one of two). */
#define HS_REFUSED(what, a0_, ret_, want1, want2) do { \
	uint32_t x0_ = (a0_), xr_ = (ret_); \
	if (x0_ != OPTEE_SMC_RETURN_OK) \
		TEST_FAILF("%s: a0 0x%08x", what, x0_); \
	else if (xr_ != (want1) && xr_ != (want2)) \
		TEST_FAILF("%s: ret 0x%08x, wanted 0x%08x", what, xr_, \
			   (uint32_t)(want1)); \
} while (0)
#define HS_BADP(what, a0_, ret_) HS_REFUSED(what, a0_, ret_, \
	HS_TEE_ERROR_BAD_PARAMETERS, HS_TEE_ERROR_BAD_PARAMETERS)
#define HS_BADP_OR_OOM(what, a0_, ret_) HS_REFUSED(what, a0_, ret_, \
	HS_TEE_ERROR_BAD_PARAMETERS, HS_TEE_ERROR_OUT_OF_MEMORY)

TEST(hsmc_valid_registration_then_double_unregister)
{
	struct hs_nw nw;
	uint32_t a0, ret;

	if (!hs_nw_open(&nw))
		return;
	hs_list_data(&nw, 2);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST | 0x10, 5000, 0xc001, 1,
			 &ret);
	if (a0 != OPTEE_SMC_RETURN_OK || ret != 0)
		TEST_FAILF("valid REGISTER_SHM refused: a0 0x%x ret 0x%x", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST | 0x10, 5000, 0xc001, 1,
			 &ret);
	HS_BADP("duplicate cookie", a0, ret);
	a0 = hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0xc001, 1, &ret);
	if (a0 != OPTEE_SMC_RETURN_OK || ret != 0)
		TEST_FAILF("UNREGISTER_SHM refused: a0 0x%x ret 0x%x", a0, ret);
	a0 = hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0xc001, 1, &ret);
	HS_REFUSED("double unregister", a0, ret, HS_TEE_ERROR_ITEM_NOT_FOUND,
		   HS_TEE_ERROR_ITEM_NOT_FOUND);
	a0 = hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0xbadc00c1, 1,
			   &ret);
	HS_REFUSED("unknown cookie", a0, ret, HS_TEE_ERROR_ITEM_NOT_FOUND,
		   HS_TEE_ERROR_ITEM_NOT_FOUND);
	a0 = hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0xc001, 0, &ret);
	HS_BADP("unregister without a param", a0, ret);
	hs_nw_done(&nw);
}

TEST(hsmc_bad_attributes_and_param_counts_refused)
{
	static const uint64_t attrs[] = {
		OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		OPTEE_MSG_ATTR_TYPE_TMEM_INOUT | OPTEE_MSG_ATTR_NONCONTIG,
		OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT,
		HS_REG_ATTR | OPTEE_MSG_ATTR_META,
		OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG,
		HS_REG_ATTR | (1ULL << 40),
	};
	struct hs_nw nw;
	uint32_t a0, ret;
	char what[64];
	size_t i;

	if (!hs_nw_open(&nw))
		return;
	hs_list_data(&nw, 2);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		snprintf(what, sizeof(what), "attr 0x%llx",
			 (unsigned long long)attrs[i]);
		a0 = hs_register(&nw, attrs[i], HS_PA_LIST, 8192, 0xa0 + i, 1,
				 &ret);
		HS_BADP(what, a0, ret);
	}
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 8192, 0xb0, 2, &ret);
	HS_BADP("2 params", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 8192, 0xb1, 0, &ret);
	HS_BADP("0 params", a0, ret);
	a0 = hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 0xb0, 1, &ret);
	HS_REFUSED("unregister with a value param", a0, ret,
		   HS_TEE_ERROR_BAD_PARAMETERS, HS_TEE_ERROR_ITEM_NOT_FOUND);
	hs_nw_done(&nw);
}

TEST(hsmc_bad_page_lists_refused)
{
	struct hs_nw nw;
	uint64_t pas[4];
	uint32_t a0, ret;
	uint64_t *l;

	if (!hs_nw_open(&nw))
		return;
	l = nw.list;
	pas[0] = HS_PA_DATA;
	pas[1] = HS_PA_DATA + 8;	/* not 4 KiB aligned */
	hs_list(&nw, pas, 2);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 8192, 1, 1, &ret);
	HS_BADP("unaligned entry", a0, ret);
	pas[1] = 0x1000;		/* outside any normal world memory */
	hs_list(&nw, pas, 2);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 8192, 2, 1, &ret);
	HS_BADP("entry outside this normal world", a0, ret);
	pas[1] = SOFTEE_CARVEOUT_DEFAULT_BASE;	/* secure carve-out */
	hs_list(&nw, pas, 2);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 8192, 3, 1, &ret);
	HS_BADP("entry in the carve-out", a0, ret);
	pas[1] = HS_PA_NOWHERE;		/* DDR, never announced */
	hs_list(&nw, pas, 2);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 8192, 4, 1, &ret);
	HS_BADP("unannounced entry", a0, ret);
	pas[1] = 0;			/* missing entry */
	hs_list(&nw, pas, 2);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST | 0xfff, 4097 + 1, 5, 1,
			 &ret);
	HS_BADP("entry count past the list (offset 0xfff)", a0, ret);
	pas[1] = HS_PA_DATA + 4096;
	hs_list(&nw, pas, 2);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_NOWHERE, 8192, 6, 1, &ret);
	HS_BADP("list block unannounced", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, 0x70000000ULL, 8192, 7, 1, &ret);
	HS_BADP("list block outside this normal world", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, SOFTEE_CARVEOUT_DEFAULT_BASE, 8192,
			 8, 1, &ret);
	HS_BADP("list block in the carve-out", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, 0xfffffffffffff000ULL, 8192, 9, 1,
			 &ret);
	HS_BADP("list block at the top of the PA space", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 0, 10, 1, &ret);
	HS_BADP("size 0", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST | 0xfff,
			 UINT64_MAX - 100, 11, 1, &ret);
	HS_BADP_OR_OOM("size + offset overflowing", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 0xfffffffffffff000ULL,
			 12, 1, &ret);
	HS_BADP_OR_OOM("huge size", a0, ret);
	/* two blocks needed: the next pointer is 0, unaligned, unannounced,
	 * outside */
	hs_list_data(&nw, 600);
	l[OPTEE_MSG_PAGELIST_NEXT_SLOT] = 0;
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 600 * 4096, 13, 1, &ret);
	HS_BADP("truncated chain (next 0)", a0, ret);
	l[OPTEE_MSG_PAGELIST_NEXT_SLOT] = HS_PA_LIST + 4096 + 8;
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 600 * 4096, 14, 1, &ret);
	HS_BADP("unaligned next pointer", a0, ret);
	l[OPTEE_MSG_PAGELIST_NEXT_SLOT] = HS_PA_NOWHERE;
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 600 * 4096, 15, 1, &ret);
	HS_BADP("unannounced next block", a0, ret);
	l[OPTEE_MSG_PAGELIST_NEXT_SLOT] = 0x2000;
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 600 * 4096, 16, 1, &ret);
	HS_BADP("next block outside", a0, ret);
	/* the chain runs off the end of the list region */
	hs_list_data(&nw, 4 * 511);
	l[3 * 512 + OPTEE_MSG_PAGELIST_NEXT_SLOT] =
		HS_PA_LIST + HS_LIST_FRAMES * 4096;
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 5ULL * 511 * 4096, 17, 1,
			 &ret);
	HS_BADP("chain past the announced list frames", a0, ret);
	/* loops: a block pointing to itself, two blocks pointing to each
	 * other, with a size that needs many blocks */
	hs_list_data(&nw, 2 * 511);
	l[OPTEE_MSG_PAGELIST_NEXT_SLOT] = HS_PA_LIST;
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 100ULL * 511 * 4096, 18,
			 1, &ret);
	HS_BADP_OR_OOM("self loop", a0, ret);
	l[OPTEE_MSG_PAGELIST_NEXT_SLOT] = HS_PA_LIST + 4096;
	l[512 + OPTEE_MSG_PAGELIST_NEXT_SLOT] = HS_PA_LIST;
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 100ULL * 511 * 4096, 19,
			 1, &ret);
	HS_BADP_OR_OOM("two-block loop", a0, ret);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 1ULL << 40, 20, 1, &ret);
	HS_BADP_OR_OOM("two-block loop, 1 TiB", a0, ret);
	/* a list that names its own block as data is still memory we own:
	 * whatever the answer, nothing may break; clean it up if accepted */
	pas[0] = HS_PA_LIST;
	hs_list(&nw, pas, 1);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 4096, 21, 1, &ret);
	if (a0 == OPTEE_SMC_RETURN_OK && ret == 0)
		hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 21, 1, &ret);
	hs_nw_done(&nw);
}

/* INVOKE on a session that does not exist with one memref param: the
 * memref is resolved first, so a bad one counts in bad_args and a good
 * one reaches the session lookup (invoke counter). true if refused. */
static bool hs_param_refused(struct hs_nw *nw, const struct optee_msg_param *p,
			     const char *what)
{
	uint64_t bad0 = hs_stat("bad_args"), inv0 = hs_stat("invoke");
	uint64_t bad1, inv1;
	uint32_t a0, ret;

	a0 = hs_arg_call(nw, OPTEE_MSG_CMD_INVOKE_COMMAND, 0x4242, p, 1, &ret);
	bad1 = hs_stat("bad_args");
	inv1 = hs_stat("invoke");
	if (a0 != OPTEE_SMC_RETURN_OK || ret == 0) {
		TEST_FAILF("%s: a0 0x%x ret 0x%x", what, a0, ret);
		return false;
	}
	if (bad0 == UINT64_MAX || inv0 == UINT64_MAX)
		TEST_FAILF("%s: secure stat lacks bad_args/invoke", what);
	return bad1 == bad0 + 1 && inv1 == inv0;
}

TEST(hsmc_rmem_slices_and_use_after_release)
{
	struct optee_msg_param p;
	struct hs_nw nw;
	uint32_t a0, ret;

	if (!hs_nw_open(&nw))
		return;
	hs_list_data(&nw, 4);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 4 * 4096, 0x77, 1, &ret);
	if (a0 != OPTEE_SMC_RETURN_OK || ret) {
		TEST_FAILF("valid REGISTER_SHM refused: a0 0x%x ret 0x%x", a0, ret);
		hs_nw_done(&nw);
		return;
	}
	memset(&p, 0, sizeof(p));
	p.attr = OPTEE_MSG_ATTR_TYPE_RMEM_INOUT;
	p.u.rmem.shm_ref = 0x77;
	p.u.rmem.offs = 4096;
	p.u.rmem.size = 3 * 4096;
	if (hs_param_refused(&nw, &p, "valid slice"))
		TEST_FAILF("a valid RMEM slice was refused");
	p.u.rmem.size = 3 * 4096 + 1;
	if (!hs_param_refused(&nw, &p, "slice one byte past the end"))
		TEST_FAILF("RMEM one byte past the end accepted");
	p.u.rmem.offs = 4 * 4096;
	p.u.rmem.size = 1;
	if (!hs_param_refused(&nw, &p, "offset at the end"))
		TEST_FAILF("RMEM at offs == size accepted");
	p.u.rmem.offs = UINT64_MAX - 10;
	p.u.rmem.size = 20;
	if (!hs_param_refused(&nw, &p, "offs + size overflowing"))
		TEST_FAILF("RMEM with wrapping offs + size accepted");
	p.u.rmem.offs = 0;
	p.u.rmem.size = 16;
	p.u.rmem.shm_ref = 0x78;
	if (!hs_param_refused(&nw, &p, "unknown cookie"))
		TEST_FAILF("RMEM with an unknown cookie accepted");
	a0 = hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0x77, 1, &ret);
	if (a0 != OPTEE_SMC_RETURN_OK || ret)
		TEST_FAILF("UNREGISTER_SHM: a0 0x%x ret 0x%x", a0, ret);
	p.u.rmem.shm_ref = 0x77;
	if (!hs_param_refused(&nw, &p, "released cookie"))
		TEST_FAILF("RMEM with a released cookie accepted (use after release)");
	hs_nw_done(&nw);
}

TEST(hsmc_noncontig_tmem_params_validated)
{
	struct optee_msg_param p;
	struct hs_nw nw;
	uint64_t *l;

	if (!hs_nw_open(&nw))
		return;
	l = nw.list;
	hs_list_data(&nw, 3);
	memset(&p, 0, sizeof(p));
	p.attr = OPTEE_MSG_ATTR_TYPE_TMEM_INOUT | OPTEE_MSG_ATTR_NONCONTIG;
	p.u.tmem.buf_ptr = HS_PA_LIST | 0x20;
	p.u.tmem.size = 2 * 4096;
	if (hs_param_refused(&nw, &p, "valid NONCONTIG"))
		TEST_FAILF("a valid NONCONTIG memref was refused");
	p.u.tmem.size = 3 * 4096;	/* needs a 4th entry: it is 0 */
	if (!hs_param_refused(&nw, &p, "NONCONTIG longer than its list"))
		TEST_FAILF("NONCONTIG with a missing entry accepted");
	p.u.tmem.size = 4096;
	p.u.tmem.buf_ptr = HS_PA_NOWHERE;
	if (!hs_param_refused(&nw, &p, "NONCONTIG list unannounced"))
		TEST_FAILF("NONCONTIG list in unannounced memory accepted");
	hs_list_data(&nw, 2 * 511);
	l[OPTEE_MSG_PAGELIST_NEXT_SLOT] = HS_PA_LIST + 4096;
	l[512 + OPTEE_MSG_PAGELIST_NEXT_SLOT] = HS_PA_LIST;
	p.u.tmem.buf_ptr = HS_PA_LIST;
	p.u.tmem.size = 10ULL * 511 * 4096;
	if (!hs_param_refused(&nw, &p, "NONCONTIG loop"))
		TEST_FAILF("NONCONTIG list with a loop accepted");
	p.u.tmem.size = UINT64_MAX - 5;
	p.u.tmem.buf_ptr = HS_PA_LIST | 0x800;
	if (!hs_param_refused(&nw, &p, "NONCONTIG size overflowing"))
		TEST_FAILF("NONCONTIG with an overflowing size accepted");
	hs_nw_done(&nw);
}

/* The normal world withdraws the memory under a live registration:
 * whatever the secure world answers, nothing breaks and nothing leaks. */
TEST(hsmc_region_withdrawn_under_a_registration)
{
	struct optee_msg_param p;
	struct hs_nw nw;
	uint32_t a0, ret;
	int del;

	if (!hs_nw_open(&nw))
		return;
	hs_list_data(&nw, 4);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 4 * 4096, 0x55, 1, &ret);
	if (a0 != OPTEE_SMC_RETURN_OK || ret) {
		TEST_FAILF("valid REGISTER_SHM refused: a0 0x%x ret 0x%x", a0, ret);
		hs_nw_done(&nw);
		return;
	}
	del = hs_region_del(nw.s, 900);		/* the data frames */
	if (del > 0 || del < -4095)
		TEST_FAILF("REGION_DEL under a registration: no clean answer %d", del);
	memset(&p, 0, sizeof(p));
	p.attr = OPTEE_MSG_ATTR_TYPE_RMEM_INPUT;
	p.u.rmem.shm_ref = 0x55;
	p.u.rmem.size = 4096;
	/* any answer will do; the secure world must just stay up */
	hs_arg_call(&nw, OPTEE_MSG_CMD_INVOKE_COMMAND, 0x4242, &p, 1, &ret);
	a0 = hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0x55, 1, &ret);
	if (a0 != OPTEE_SMC_RETURN_OK)
		TEST_FAILF("UNREGISTER_SHM after the region went: a0 0x%x", a0);
	if (del == 0) {
		/* already gone: announce it again so hs_nw_done can withdraw */
		EXPECT_EQ_U(hs_region_add(nw.s, 900, HS_PA_DATA, HS_DATA_FRAMES,
					  nw.mfd[0]), 0);
	}
	hs_nw_done(&nw);
}

/* A normal world that reboots (new boot_id) while it has registrations:
 * the secure world forgets them with its regions. */
TEST(hsmc_reboot_forgets_registrations)
{
	struct softee_chan_hello h = { SOFTEE_CHAN_VERSION,
				       SOFTEE_CHAN_ROLE_DRIVER,
				       hs_boot_id + 1 };
	struct softee_chan_hello_rep r = { -1, 0 };
	static const char *const skip[] = { "threads_busy", NULL };
	char path[PATH_MAX], now[8192], diff[512];
	struct hs_nw nw;
	uint32_t a0, ret;
	int s2, i;

	if (!hs_nw_open(&nw))
		return;
	hs_list_data(&nw, 8);
	for (i = 0; i < 3; i++) {
		a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 8 * 4096,
				 0x600 + i, 1, &ret);
		if (a0 != OPTEE_SMC_RETURN_OK || ret)
			TEST_FAILF("REGISTER_SHM %d: a0 0x%x ret 0x%x", i, a0, ret);
	}
	snprintf(path, sizeof(path), "%s/%s", hs_dir, SOFTEE_SECURE_SOCK);
	s2 = wire_connect(path);
	if (s2 < 0 || hs_chan_req(s2, SOFTEE_CHAN_HELLO, &h, sizeof(h), NULL, 0,
				  &r, sizeof(r)) < (ssize_t)sizeof(r) ||
	    r.status) {
		TEST_FAILF("HELLO of the rebooted normal world: %d", r.status);
	} else if (hs_status(now, sizeof(now))) {
		TEST_FAILF("status");
	} else if (!dyn_kv_same(nw.base, now, skip, diff, sizeof(diff))) {
		TEST_FAILF("after the reboot, not back to baseline: %.300s", diff);
	}
	if (s2 >= 0)
		close(s2);
	/* the old normal world's state is gone: nothing left to withdraw */
	hs_nw_close(&nw);
}

TEST(hsmc_secure_world_still_serves)
{
	struct hs_nw nw;
	uint32_t a0, ret;

	if (!hs_nw_open(&nw))
		return;
	EXPECT_EQ_U(hs_call(nw.s, OPTEE_SMC_CALLS_REVISION, 0, 0, 0, NULL), 2);
	hs_list_data(&nw, 16);
	a0 = hs_register(&nw, HS_REG_ATTR, HS_PA_LIST, 16 * 4096, 0x99, 1, &ret);
	EXPECT(a0 == OPTEE_SMC_RETURN_OK && ret == 0);
	a0 = hs_unregister(&nw, OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0x99, 1, &ret);
	EXPECT(a0 == OPTEE_SMC_RETURN_OK && ret == 0);
	hs_nw_done(&nw);
}

const struct hs_test hs_smc_tests[] = {
	HS_T(hsmc_valid_registration_then_double_unregister),
	HS_T(hsmc_bad_attributes_and_param_counts_refused),
	HS_T(hsmc_bad_page_lists_refused),
	HS_T(hsmc_rmem_slices_and_use_after_release),
	HS_T(hsmc_noncontig_tmem_params_validated),
	HS_T(hsmc_region_withdrawn_under_a_registration),
	HS_T(hsmc_reboot_forgets_registrations),
	HS_T(hsmc_secure_world_still_serves),
};
const size_t hs_smc_ntests = sizeof(hs_smc_tests) / sizeof(hs_smc_tests[0]);
