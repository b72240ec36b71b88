// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: scripts of RPCs from a hostile secure world through
 * the driver's whole RPC handling (optee_handle_rpc), with an in-process
 * supplicant that answers from the same bytes; after each script every
 * count the driver keeps must be back at its baseline.
 *
 * Script: byte 0 picks the set-up (CFG_*), then steps until the end:
 *   op%6 = 0 ALLOC   u32 size
 *          1 FREE    u8 ref, u64 cookie (if ref is 0xff or none)
 *          2 FOREIGN_INTR
 *          3 RAW     u32 a0 (never ALLOC/FREE/CMD), u32 a1, u32 a2
 *          4 CMD     u8 ref of the arg, u32 cmd, u32 num_params, then
 *                    min(num_params, 4) params: u8 kind (PK_*), u8 attr,
 *                    u8 ref, u64 a, b, c
 *          5 SUPP    u8: 0 supplicant dies, 1 absent on/off, 2 restarts
 * Whenever a request reaches the supplicant it reads its answer next:
 *   u8 mode (SM_*), u32 ret, u64 w0, u64 w1.
 * "ref" picks one of the shm the script was given (by ALLOC or SHM_ALLOC,
 * freed ones too: stale cookies). Seeds: tests/fuzz/gen_rpccmd_seeds.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "optee/optee_private.h"
#include "softee_dev.h"
#include "util.h"

/* supp.c under SOFTEE_FUZZING: serves each request in this thread. */
extern void (*optee_supp_fuzz_serve)(struct optee *optee);

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "rpccmd: %s:%d: %s\n", \
	__FILE__, __LINE__, #c); __builtin_trap(); } } while (0)

#define CFG_DYNAMIC	0x01	/* dynamic pools (else the carve-out) */
#define CFG_PAGE_SHIFT	1	/* 2 bits: user page 4K, 16K, 64K, 4K */
#define CFG_CONTIG	0x08	/* dynamic: contiguous PAs */
#define CFG_TIMED	0x10	/* allow one 1 ms sleep (wait queue, suspend) */

enum { OP_ALLOC, OP_FREE, OP_INTR, OP_RAW, OP_CMD, OP_SUPP, OP_COUNT };

/* Param kinds (low 2 bits) and modifiers. */
#define PK_VALREF	1	/* value with b = the ref's cookie (else raw) */
#define PK_RMEM		2	/* RMEM: offs a, size b, shm_ref = ref's cookie */
#define PK_TMEM		3	/* TMEM: buf_ptr = ref's PA + a, size b, shm_ref c */
#define PK_NONCONTIG	0x04
#define PK_META		0x08
#define PK_FIT		0x10	/* memref size = what is left of the ref after a */

/* Supplicant answer modes (low 3 bits) and flags. */
#define SM_NOMETA	1	/* old protocol: no request id */
#define SM_SHORTRECV	2	/* first a receive with no room */
#define SM_BADSEND	3	/* first an answer with a wrong id/count */
#define SM_DIE		4	/* dies holding the request */
#define SM_RESTART	5	/* restarts before receiving */
#define SM_RET		0x08	/* answer ret (else success) */
#define SM_BADID	0x10	/* SHM_ALLOC: answer a made-up id */
#define SM_SMALL	0x20	/* SHM_ALLOC: half the size; else memref sizes w1 */
#define SM_REGISTER	0x40	/* SHM_ALLOC (dynamic): a registration at w1 */
#define SM_KEEP		0x80	/* SHM_FREE: keep the handle (leaky supplicant) */

#define PRIV_BASE	0x42000000ULL
#define PRIV_SIZE	(256ULL << 10)
#define USER_SIZE	(2ULL << 20)
#define DYN_PRIV_SIZE	(1ULL << 20)	/* room for 127 APPL page lists */
#define USER_DDR_BASE	(SOFTEE_DDR_BASE + (1ULL << 30))
#define MAX_REFS	128
#define MAX_SUPP_SHMS	64
#define ARG_SENTINEL	0x5eeded00U
#define WQ_LIMIT	1024	/* rpc.c's OPTEE_WQ_MAX_ENTRIES */

enum { REF_ARG, REF_KERNEL, REF_APPL };

struct ref {
	uint64_t cookie, pa, size;
	int kind;
	bool live;	/* the secure world holds it */
};

/* One script's state: the secure world's view and the fake supplicant. */
struct run {
	struct optee *o;	/* the static or the dynamic instance */
	const uint8_t *p;
	size_t n, off;
	struct tee_context *sctx;
	struct tee_frames *user_fa;
	bool absent;
	int timed;
	uint64_t granule;
	struct ref refs[MAX_REFS];
	unsigned int nrefs, nlive;
	uint64_t supp_shms[MAX_SUPP_SHMS];	/* cookies the supplicant made */
	unsigned int nsupp;
};

static struct optee *opt_static, *opt_dyn;
static struct run run;
static long fake_regions;
static uint64_t fake_region_next;

static uint64_t rd(unsigned int bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes; i++, run.off++)
		if (run.off < run.n)
			v |= (uint64_t)run.p[run.off] << (8 * i);
	return v;
}

/* Regions are announced to nobody, only counted. */
static int fake_add(void *arg, int fd, uint64_t nframes, paddr_t pa,
		    uint64_t *id)
{
	(void)arg; (void)fd; (void)nframes; (void)pa;
	fake_regions++;
	*id = ++fake_region_next;
	return 0;
}

static int fake_add_frames(void *arg, int fd, uint64_t off, uint64_t nframes,
			   const paddr_t *frames, uint64_t *id)
{
	(void)off; (void)frames;
	return fake_add(arg, fd, nframes, 0, id);
}

static void fake_del(void *arg, uint64_t id)
{
	(void)arg;
	CHECK(id && id <= fake_region_next);
	fake_regions--;
}

static const struct tee_region_ops fake_rops = {
	.add = fake_add, .del = fake_del, .add_frames = fake_add_frames,
};

static const struct tee_desc supp_desc = { .name = "teepriv0",
	.ops = &optee_supp_ops, .flags = TEE_DESC_PRIVILEGED };

static struct optee *fixture_init(bool dynamic)
{
	struct optee *o = calloc(1, sizeof(*o));
	struct tee_frames *fa;
	void *map;

	CHECK(o && (o->supp_teedev = calloc(1, sizeof(*o->supp_teedev))));
	pthread_mutex_init(&o->rpc_lock, NULL);
	optee_wq_init(&o->wq);
	optee_supp_init(&o->supp);
	o->limits = (struct tee_limits){ .page_size = 4096,
		.quota_pinned = 8 << 20, .quota_total = 16 << 20,
		.max_regs = 64, .max_reg_bytes = 1 << 20, .dynamic = dynamic };
	if (dynamic) {
		CHECK(!tee_frames_init(SOFTEE_DDR_BASE, 16 << 20, 4096, false,
				       1, &fa));
		CHECK(!tee_shm_pool_dyn_priv(fa, DYN_PRIV_SIZE, &fake_rops,
					     NULL, &o->priv_pool));
		o->dynamic = true;
	} else {
		map = aligned_alloc(4096, PRIV_SIZE);	/* the carve-out */
		CHECK(map && !tee_shm_pool_static_priv(PRIV_BASE, PRIV_SIZE,
						       map, &o->priv_pool));
		CHECK(!tee_shm_pool_static_user(PRIV_BASE + PRIV_SIZE, USER_SIZE,
						4096, &fake_rops, NULL,
						&o->user_pool));
	}
	*o->supp_teedev = (struct tee_device){ .desc = &supp_desc,
		.drvdata = o, .pool = o->user_pool, .limits = &o->limits };
	return o;
}

static void supp_open(void)
{
	int err = 0;

	run.sctx = tee_ctx_open(run.o->supp_teedev, 0, 0, getpid(), &err);
	CHECK(run.sctx);	/* the previous one is gone: never -EBUSY */
}

/* As the device server tears down the supplicant's connection. */
static void supp_close(void)
{
	if (!run.sctx)
		return;
	tee_ctx_kill(run.sctx);
	tee_shm_release_ctx(run.sctx);
	tee_ctx_put(run.sctx);
	run.sctx = NULL;
}

static void ref_add(int kind, uint64_t cookie, uint64_t pa, uint64_t size)
{
	CHECK(run.nrefs < MAX_REFS);	/* callers check for room */
	run.nlive++;
	run.refs[run.nrefs++] = (struct ref){ .cookie = cookie, .pa = pa,
		.size = size, .kind = kind, .live = true };
}

static struct ref *ref_pick(uint8_t sel)
{
	return (sel == 0xff || !run.nrefs) ? NULL : &run.refs[sel % run.nrefs];
}

/* The secure world's own record of what it freed (appl: SHM_FREE APPL). */
static void ref_kill(uint64_t cookie, bool appl)
{
	unsigned int i;

	for (i = 0; i < run.nrefs; i++) {
		struct ref *r = &run.refs[i];

		if (r->live && r->cookie == cookie &&
		    (r->kind == REF_APPL) == appl) {
			r->live = false;
			run.nlive--;
			return;
		}
	}
	CHECK(!"the driver freed a cookie it never handed out");
}

/* The driver's cookie table: its size, and its first cookie of a kind. */
static unsigned int rpc_shms(struct optee *o, bool appl, uint64_t *first)
{
	struct optee_rpc_shm *e;
	unsigned int n = 0;

	*first = 0;
	pthread_mutex_lock(&o->rpc_lock);
	for (e = o->rpc_shms; e; e = e->next, n++)
		if (!*first && e->appl == appl)
			*first = e->cookie;
	pthread_mutex_unlock(&o->rpc_lock);
	return n;
}

static unsigned int rpc_shms_count(void)
{
	uint64_t c;

	return rpc_shms(run.o, false, &c);
}

/* The fake supplicant, through the ioctls the real one uses. */
static int supp_ioctl(uint32_t op, void *buf, size_t len, size_t cap)
{
	size_t rep_len;
	int rep_fd = -1, rc;

	rc = tee_ioctl(run.sctx, op, buf, len, cap, &rep_len, &rep_fd, NULL, 0);
	if (rep_fd >= 0)
		close(rep_fd);	/* SHM_ALLOC: the fd the client would mmap */
	return rc;
}

/*
 * SUPPL_RECV (*w = func out, *n = room in, count out) or SUPPL_SEND
 * (*w = ret, *n = count): both are a {u32, num_params} header and params.
 */
static int supp_xfer(uint32_t op, uint32_t *w, uint32_t *n,
		     struct tee_ioctl_param *p)
{
	uint8_t buf[8 + (OPTEE_SUPP_NUM_PARAMS + 2) * sizeof(*p)];
	uint32_t h[2] = { *w, *n };
	int rc;

	memcpy(buf, h, sizeof(h));
	memcpy(buf + sizeof(h), p, *n * sizeof(*p));
	rc = supp_ioctl(op, buf, sizeof(h) + *n * sizeof(*p), sizeof(buf));
	if (rc || op != TEE_IOC_SUPPL_RECV)
		return rc;
	memcpy(h, buf, sizeof(h));
	CHECK(h[1] <= *n);
	*w = h[0];
	*n = h[1];
	memcpy(p, buf + sizeof(h), h[1] * sizeof(*p));
	return 0;
}

static int supp_recv(bool meta, uint32_t cap, uint32_t *func, uint32_t *n,
		     struct tee_ioctl_param *p)
{
	p[0].attr = meta ? TEE_IOCTL_PARAM_ATTR_META : 0;
	*func = 0;
	*n = cap;
	return supp_xfer(TEE_IOC_SUPPL_RECV, func, n, p);
}

/* A memref to the supplicant: in range in a live shm of owner, the
 * supplicant there when the request was made. */
static void supp_check_memref(const struct tee_ioctl_param *q,
			      const struct tee_context *owner)
{
	unsigned int i;

	for (i = 0; i < run.nsupp && q->c != TEE_MEMREF_NULL; i++) {
		struct tee_shm *shm = tee_shm_get_from_cookie(run.supp_shms[i]);
		bool ok = shm && (uint64_t)shm->id == q->c;

		if (ok)
			CHECK(shm->ctx == owner && q->a <= shm->size &&
			      q->b <= shm->size - q->a);
		tee_shm_put(shm);
		if (ok)
			return;
	}
	CHECK(q->c == TEE_MEMREF_NULL);
}

/* APPL SHM_ALLOC as the supplicant does it: an id or a failure. */
static uint32_t supp_shm_alloc(struct tee_ioctl_param *q, uint8_t mode,
			       uint64_t w0, uint64_t w1)
{
	struct tee_ioctl_shm_alloc_data d = { .size = q->b };
	struct tee_reg_plan plan;
	struct tee_shm *shm = NULL;
	uint64_t off = w1 % run.granule, end;
	int fds[1] = { -1 };

	if (mode & SM_BADID) {
		q->c = w0 % 16;	/* small ids are the live ones */
		return OPTEE_TEEC_SUCCESS;
	}
	if (mode & SM_SMALL)
		d.size /= 2;
	if (run.nsupp == MAX_SUPP_SHMS || !d.size)
		return OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
	if ((mode & SM_REGISTER) && run.o->dynamic) {
		/* Its own pages (REG_MEM), starting off bytes into a page. */
		if (d.size > run.o->limits.max_reg_bytes ||
		    !round_up_u64(off + d.size, run.granule, &end))
			return OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
		memset(&plan, 0, sizeof(plan));
		plan.page_off = off;
		plan.nframes = end >> SOFTEE_FRAME_SHIFT;
		plan.nruns = 1;
		plan.runs[0].nframes = plan.nframes;
		if (tee_shm_register_user(run.sctx, &plan, d.size, fds, &shm))
			return OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
		d.id = shm->id;
	} else {
		if (supp_ioctl(TEE_IOC_SHM_ALLOC, &d, sizeof(d), sizeof(d)))
			return OPTEE_TEEC_ERROR_OUT_OF_MEMORY;
		shm = tee_shm_get_from_id(run.sctx, d.id);
		CHECK(shm);
		tee_shm_put(shm);
	}
	run.supp_shms[run.nsupp++] = shm->cookie;
	q->c = (uint64_t)d.id;
	return OPTEE_TEEC_SUCCESS;
}

static void supp_serve(struct optee *optee)
{
	struct tee_ioctl_param p[OPTEE_SUPP_NUM_PARAMS + 2], *q;
	struct tee_context *owner = run.sctx;
	uint32_t func = 0, n = 0, n1, nq, i, ret;
	uint8_t mode, m;
	uint64_t w0, w1;
	bool meta;

	if (optee->supp.stopping)
		return;		/* absent: the request fails at once */
	memset(p, 0, sizeof(p));
	mode = (uint8_t)rd(1);
	ret = (uint32_t)rd(4);
	w0 = rd(8);
	w1 = rd(8);
	m = mode & 7;
	if (!run.sctx || m == SM_RESTART) {
		supp_close();
		supp_open();
	}
	meta = m != SM_NOMETA;
	/* No room for the params: refused unless the request has none. */
	if (m == SM_SHORTRECV && !supp_recv(false, 0, &func, &n, p))
		meta = false;
	else
		CHECK(!supp_recv(meta, OPTEE_SUPP_NUM_PARAMS, &func, &n, p));
	CHECK(n >= (meta ? 1U : 0U));
	if (m == SM_DIE) {
		supp_close();
		return;
	}
	q = p + meta;
	nq = n - meta;
	ret = (mode & SM_RET) ? ret : OPTEE_TEEC_SUCCESS;
	for (i = 0; i < nq; i++)
		if (tee_param_is_memref(q[i].attr))
			supp_check_memref(&q[i], owner);
	if (func == OPTEE_RPC_CMD_SHM_ALLOC) {
		CHECK(nq == 1 && q[0].a == OPTEE_RPC_SHM_TYPE_APPL);
		if (!(mode & SM_RET))
			ret = supp_shm_alloc(&q[0], mode, w0, w1);
	} else if (func == OPTEE_RPC_CMD_SHM_FREE) {
		struct softee_dev_shm_release r = { .id = (int32_t)q[0].b };

		CHECK(nq == 1 && q[0].a == OPTEE_RPC_SHM_TYPE_APPL);
		if (!(mode & SM_KEEP))
			supp_ioctl(SOFTEE_DEV_OP_SHM_RELEASE, &r, sizeof(r),
				   sizeof(r));
	} else {
		for (i = 0; i < nq; i++) {
			if (!tee_param_is_memref(q[i].attr))
				q[i] = (struct tee_ioctl_param){ .attr = q[i].attr,
					.a = w0 + i, .b = w1, .c = w0 ^ w1 };
			else if (mode & SM_SMALL)
				q[i].b = w1;
		}
	}
	if (m == SM_BADSEND) {
		/* Refused: one param too many, and (meta) an unknown id. */
		n1 = n + 1;
		CHECK(supp_xfer(TEE_IOC_SUPPL_SEND, &ret, &n1, p) == -EINVAL);
		p[0].a ^= 0x80000000U;
		CHECK(!meta || supp_xfer(TEE_IOC_SUPPL_SEND, &ret, &n, p) == -EINVAL);
		p[0].a ^= 0x80000000U;
	}
	CHECK(!supp_xfer(TEE_IOC_SUPPL_SEND, &ret, &n, p));
}

/* One RPC: a0..a2 in, the rest of the registers must come back intact. */
static void rpc(uint32_t r[8])
{
	uint32_t a3 = r[3] = 0x7e57;

	optee_handle_rpc(run.o, r);
	CHECK(r[0] == OPTEE_SMC_CALL_RETURN_FROM_RPC && r[3] == a3);
}

static void do_alloc(uint32_t size)
{
	uint32_t r[8] = { OPTEE_SMC_RETURN_RPC_ALLOC, size };
	struct tee_shm *shm;
	uint64_t cookie, pa;

	if (run.nrefs == MAX_REFS)
		return;
	rpc(r);
	pa = optee_smc_join(r[1], r[2]);
	cookie = optee_smc_join(r[4], r[5]);
	if (!cookie) {
		CHECK(!pa);
		return;
	}
	shm = tee_shm_get_from_cookie(cookie);
	CHECK(shm && shm->kaddr && (shm->flags & TEE_SHM_PRIV) &&
	      shm->pa == pa && shm->size >= (size ? size : 1));
	/* Dynamic: the reply names one frame, so the arg must fit in it. */
	CHECK(!run.o->dynamic || size <= SOFTEE_FRAME_SIZE);
	ref_add(REF_ARG, cookie, pa, shm->size);
	tee_shm_put(shm);
}

static void do_free(uint64_t cookie)
{
	uint32_t r[8] = { OPTEE_SMC_RETURN_RPC_FREE, optee_smc_hi32(cookie),
			  optee_smc_lo32(cookie) };
	unsigned int before = rpc_shms_count();

	rpc(r);
	if (rpc_shms_count() != before)
		ref_kill(cookie, false);
}

static void make_param(struct optee_msg_param *mp)
{
	uint8_t kind = (uint8_t)rd(1), attr = (uint8_t)rd(1);
	struct ref *r = ref_pick((uint8_t)rd(1));
	uint64_t a = rd(8), b = rd(8), c = rd(8);
	uint64_t cookie = r ? r->cookie : 0xdead00000000ULL | a;

	*mp = (struct optee_msg_param){ .attr = attr,
		.u.value = { .a = a, .b = b, .c = c } };
	switch (kind & 3) {
	case PK_VALREF:
		mp->u.value.b = cookie;
		break;
	case PK_RMEM:
		mp->attr = OPTEE_MSG_ATTR_TYPE_RMEM_INPUT + attr % 3;
		mp->u.rmem.shm_ref = cookie;
		break;
	case PK_TMEM:
		mp->attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT + attr % 3;
		mp->u.tmem.buf_ptr = (r ? r->pa : 0) + a;
		break;
	}
	if ((kind & PK_FIT) && (kind & 2))
		mp->u.tmem.size = r && r->size > a ? r->size - a : 0;
	if (kind & PK_NONCONTIG)
		mp->attr |= OPTEE_MSG_ATTR_NONCONTIG;
	if (kind & PK_META)
		mp->attr |= OPTEE_MSG_ATTR_META;
}

/* Write an arg of np params into shm (as much as fits) and run CMD. */
static void cmd_at(struct tee_shm *shm, uint64_t cookie, uint32_t cmd,
		   uint32_t np, const struct optee_msg_param *prm,
		   unsigned int nw)
{
	uint64_t buf[OPTEE_MSG_GET_ARG_SIZE(OPTEE_RPC_NUM_PARAMS) / 8];
	struct optee_msg_arg *a = (struct optee_msg_arg *)buf;
	uint32_t r[8] = { OPTEE_SMC_RETURN_RPC_CMD, optee_smc_hi32(cookie),
			  optee_smc_lo32(cookie) };

	if (shm) {
		memset(buf, 0, sizeof(buf));
		a->cmd = cmd;
		a->ret = ARG_SENTINEL;
		a->num_params = np;
		memcpy(a->params, prm, nw * sizeof(*prm));
		memcpy(shm->kaddr, buf,
		       MIN(OPTEE_MSG_GET_ARG_SIZE(nw), shm->size));
	}
	rpc(r);
}

static uint32_t arg_ret(const struct tee_shm *shm)
{
	return shm->size >= sizeof(struct optee_msg_arg) ?
	       ((const struct optee_msg_arg *)shm->kaddr)->ret : ARG_SENTINEL;
}

/* A wakeup, or a sleep of at most 1 ms (a wakeup is pending for key). */
static void wq_cmd(struct tee_shm *shm, uint64_t cookie, uint64_t op,
		   uint64_t key)
{
	struct optee_msg_param p = { .attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
				     .u.value = { .a = op, .b = key, .c = 1 } };

	cmd_at(shm, cookie, OPTEE_RPC_CMD_WAIT_QUEUE, 1, &p, 1);
}

/*
 * Keep the script from blocking: a sleep gets a wakeup first (or, once
 * per script, a 1 ms timeout), a suspend sleeps 0 ms (or once 1 ms).
 */
static void cmd_tame(struct tee_shm *shm, uint64_t cookie, uint32_t cmd,
		     uint32_t np, struct optee_msg_param *p)
{
	if (!shm || np != 1 || shm->size < OPTEE_MSG_GET_ARG_SIZE(1) ||
	    p->attr != OPTEE_MSG_ATTR_TYPE_VALUE_INPUT)
		return;
	if (cmd == OPTEE_RPC_CMD_SUSPEND)
		p->u.value.a = p->u.value.a && run.timed ? run.timed-- : 0;
	if (cmd != OPTEE_RPC_CMD_WAIT_QUEUE ||
	    p->u.value.a != OPTEE_RPC_WAIT_QUEUE_SLEEP)
		return;
	if (p->u.value.c && run.timed)
		p->u.value.c = run.timed--;
	else
		wq_cmd(shm, cookie, OPTEE_RPC_WAIT_QUEUE_WAKEUP, p->u.value.b);
}

/* What the secure world learns from a reply: new and freed cookies. */
static void cmd_learn(struct tee_shm *shm, uint32_t cmd, uint32_t np,
		      const struct optee_msg_param *in, unsigned int before)
{
	const struct optee_msg_arg *a = shm->kaddr;
	const struct optee_msg_param *out = a->params;
	unsigned int after = rpc_shms_count();
	struct tee_shm *s;
	bool appl;

	if (np != 1 || in->attr != OPTEE_MSG_ATTR_TYPE_VALUE_INPUT ||
	    shm->size < OPTEE_MSG_GET_ARG_SIZE(1) || a->ret != 0 ||
	    (cmd != OPTEE_RPC_CMD_SHM_FREE && cmd != OPTEE_RPC_CMD_SHM_ALLOC)) {
		CHECK(after == before);
		return;
	}
	appl = in->u.value.a == OPTEE_RPC_SHM_TYPE_APPL;
	if (cmd == OPTEE_RPC_CMD_SHM_FREE) {
		CHECK(after + 1 == before);
		ref_kill(in->u.value.b, appl);
		return;
	}
	/* SHM_ALLOC: a TMEM of the size asked for, naming a fitting shm. */
	CHECK(after == before + 1);
	CHECK((out->attr & ~OPTEE_MSG_ATTR_NONCONTIG) ==
	      OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT);
	CHECK(out->u.tmem.size == in->u.value.b);
	s = tee_shm_get_from_cookie(out->u.tmem.shm_ref);
	CHECK(s && s->size >= in->u.value.b);
	CHECK(appl ? (s->flags & TEE_SHM_USER) && s->ctx == run.sctx :
		     (s->flags & TEE_SHM_PRIV) && s->kaddr);
	CHECK((out->attr & OPTEE_MSG_ATTR_NONCONTIG) ||
	      out->u.tmem.buf_ptr == s->pa);
	tee_shm_put(s);
	ref_add(appl ? REF_APPL : REF_KERNEL, out->u.tmem.shm_ref,
		out->u.tmem.buf_ptr, out->u.tmem.size);
}

static void do_cmd(void)
{
	struct optee_msg_param prm[OPTEE_RPC_NUM_PARAMS];
	uint8_t tsel = (uint8_t)rd(1);
	uint32_t cmd = (uint32_t)rd(4), np = (uint32_t)rd(4);
	unsigned int nw = MIN(np, (uint32_t)OPTEE_RPC_NUM_PARAMS), i, before;
	struct ref *t = ref_pick(tsel);
	uint64_t cookie = t ? t->cookie : 0xdead00000000ULL | tsel;
	struct tee_shm *shm = NULL;

	for (i = 0; i < nw; i++)
		make_param(&prm[i]);
	if (cmd == OPTEE_RPC_CMD_SHM_ALLOC && run.nrefs == MAX_REFS)
		return;
	/* The secure world writes only into args it holds. */
	if (t && t->live && t->kind != REF_APPL) {
		shm = tee_shm_get_from_cookie(cookie);
		CHECK(shm && shm->kaddr);
	}
	cmd_tame(shm, cookie, cmd, np, prm);
	before = rpc_shms_count();
	cmd_at(shm, cookie, cmd, np, prm, nw);
	if (shm)
		cmd_learn(shm, cmd, np, prm, before);
	else
		CHECK(rpc_shms_count() == before);
	tee_shm_put(shm);
}

static void do_supp(uint8_t what)
{
	struct optee_supp *s = &run.o->supp;

	supp_close();
	if (what % 3 == 1) {
		/* Absent: requests fail at once instead of waiting for one. */
		run.absent = !run.absent;
		pthread_mutex_lock(&s->lock);
		s->stopping = run.absent;
		pthread_mutex_unlock(&s->lock);
	} else if (what % 3 == 2 && !run.absent) {
		supp_open();
	}
}

static void do_step(uint8_t op)
{
	uint32_t r[8] = { OPTEE_SMC_RETURN_RPC_FOREIGN_INTR }, f;
	struct ref *ref;
	uint64_t raw;

	switch (op % OP_COUNT) {
	case OP_ALLOC:
		do_alloc((uint32_t)rd(4));
		break;
	case OP_FREE:
		ref = ref_pick((uint8_t)rd(1));
		raw = rd(8);
		do_free(ref ? ref->cookie : raw);
		break;
	case OP_RAW:
		r[0] = (uint32_t)rd(4);
		r[1] = (uint32_t)rd(4);
		r[2] = (uint32_t)rd(4);
		f = OPTEE_SMC_RETURN_GET_RPC_FUNC(r[0]);
		/* Those three are the other steps, tracked there. */
		if (f == OPTEE_SMC_RPC_FUNC_ALLOC || f == OPTEE_SMC_RPC_FUNC_FREE ||
		    f == OPTEE_SMC_RPC_FUNC_CMD)
			r[0] ^= 0x100;
		/* fall through */
	case OP_INTR:
		rpc(r);
		break;
	case OP_CMD:
		do_cmd();
		break;
	default:
		do_supp((uint8_t)rd(1));
	}
}

struct baseline {
	long shm, contexts, regions;
	uint64_t priv_free, user_free, pinned, regs;
};

static void baseline_take(struct baseline *b, struct optee *o)
{
	b->shm = atomic_load(&tee_stats.shm);
	b->contexts = atomic_load(&tee_stats.contexts);
	b->regions = fake_regions;
	b->priv_free = o->priv_pool->ops->free_bytes(o->priv_pool);
	b->user_free = o->user_pool->ops->free_bytes(o->user_pool);
	b->pinned = atomic_load(&tee_usage_total.pinned);
	b->regs = atomic_load(&tee_usage_total.regs);
}

static void run_begin(const uint8_t *data, size_t size, struct baseline *b)
{
	static const uint64_t pages[4] = { 4096, 16384, 65536, 4096 };
	uint8_t cfg = size ? data[0] : 0;
	struct optee *o;

	memset(&run, 0, sizeof(run));
	run.p = data;
	run.n = size;
	run.off = 1;
	run.o = o = (cfg & CFG_DYNAMIC) ? opt_dyn : opt_static;
	run.timed = (cfg & CFG_TIMED) ? 1 : 0;
	run.granule = 4096;
	if (o->dynamic) {
		/* A fresh frame allocator per script: the same PAs each run. */
		run.granule = pages[(cfg >> CFG_PAGE_SHIFT) & 3];
		CHECK(!tee_frames_init(USER_DDR_BASE, 64 << 20, run.granule,
				       cfg & CFG_CONTIG, 2, &run.user_fa));
		CHECK(!tee_shm_pool_dyn_user(run.user_fa, run.granule,
					     &fake_rops, NULL, &o->user_pool));
		o->supp_teedev->pool = o->user_pool;
		o->limits.page_size = o->page_size = run.granule;
	}
	baseline_take(b, o);
	supp_open();
}

/* The secure world lets go of what it holds, then everything is counted. */
static void run_end(const struct baseline *b)
{
	struct optee *o = run.o;
	struct optee_msg_param p = { .attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
				     .u.value.a = OPTEE_RPC_SHM_TYPE_APPL };
	struct baseline now;
	struct tee_shm *arg;
	uint64_t c, acookie;
	unsigned int i;

	for (i = 0; rpc_shms(o, false, &c), c; i++) {
		CHECK(i < MAX_REFS);
		do_free(c);
	}
	run.nrefs = 0;		/* room for the clean-up arg */
	do_alloc(OPTEE_MSG_GET_ARG_SIZE(1));
	CHECK(run.nrefs == 1);
	acookie = run.refs[0].cookie;
	arg = tee_shm_get_from_cookie(acookie);
	CHECK(arg);
	run.off = run.n;	/* the supplicant answers plainly */
	for (i = 0; rpc_shms(o, true, &c), (p.u.value.b = c); i++) {
		CHECK(i < MAX_REFS);
		cmd_at(arg, acookie, OPTEE_RPC_CMD_SHM_FREE, 1, &p, 1);
		CHECK(arg_ret(arg) == 0);
	}
	for (i = 0; o->wq.head; i++) {	/* each key has a wakeup pending */
		CHECK(i < WQ_LIMIT);
		wq_cmd(arg, acookie, OPTEE_RPC_WAIT_QUEUE_SLEEP, o->wq.head->key);
		CHECK(arg_ret(arg) == 0);
	}
	tee_shm_put(arg);
	do_free(acookie);
	CHECK(!o->rpc_shms && !o->wq.n);
	pthread_mutex_lock(&o->supp.lock);
	o->supp.stopping = false;
	CHECK(!o->supp.head);
	pthread_mutex_unlock(&o->supp.lock);
	supp_close();
	CHECK(!o->supp.ctx);
	baseline_take(&now, o);
	CHECK(now.shm == b->shm && now.contexts == b->contexts &&
	      now.regions == b->regions);
	CHECK(now.priv_free == b->priv_free && now.user_free == b->user_free);
	CHECK(now.pinned == b->pinned && now.regs == b->regs);
	if (o->dynamic) {
		CHECK(!tee_frames_used(run.user_fa));
		tee_shm_pool_destroy(o->user_pool);
		o->user_pool = o->supp_teedev->pool = NULL;
		tee_frames_fini(run.user_fa);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct baseline b;

	run_begin(data, size, &b);
	while (run.off < run.n) {
		do_step((uint8_t)rd(1));
		/* The driver holds exactly what the secure world was given. */
		CHECK(run.nlive == rpc_shms_count());
	}
	run_end(&b);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	softee_log_level = getenv("FUZZ_VERBOSE") ? LOG_LVL_DEBUG : -1;
	opt_static = fixture_init(false);
	opt_dyn = fixture_init(true);
	optee_supp_fuzz_serve = supp_serve;
	return 0;
}
