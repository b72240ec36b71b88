// SPDX-License-Identifier: BSD-2-Clause
/* OP-TEE probe: identify the secure world, exchange capabilities and set up the static shared-memory pools. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "log.h"
#include "optee_private.h"
#include "softee_chan.h"
#include "util.h"

#define OPTEE_PRIV_MIN		(64ULL << 10)
#define OPTEE_MAX_CHANNELS	64
#define OPTEE_DYN_PRIV_DEFAULT		(32ULL << 20)
#define OPTEE_QUOTA_PINNED_DEFAULT	(4ULL << 30)
#define OPTEE_QUOTA_TOTAL_DEFAULT	(16ULL << 30)
#define OPTEE_MAX_REGS_DEFAULT		4096

static void optee_get_version(struct tee_device *teedev,
			      struct tee_ioctl_version_data *v)
{
	struct optee *optee = teedev->drvdata;

	v->impl_id = TEE_IMPL_ID_OPTEE;
	v->impl_caps = TEE_OPTEE_CAP_TZ;
	v->gen_caps = TEE_GEN_CAP_GP;
	if (teedev->desc->flags & TEE_DESC_PRIVILEGED)
		v->gen_caps |= TEE_GEN_CAP_PRIVILEGED;
	if (optee->sec_caps & OPTEE_SMC_SEC_CAP_MEMREF_NULL)
		v->gen_caps |= TEE_GEN_CAP_MEMREF_NULL;
	/* Registering user memory needs the secure world's DYNAMIC_SHM. */
	if (optee->dynamic)
		v->gen_caps |= TEE_GEN_CAP_REG_MEM;
}

const struct tee_driver_ops optee_ops = {
	.get_version = optee_get_version,
	.open = optee_ctx_open,
	.release = optee_ctx_release,
	.open_session = optee_open_session,
	.close_session = optee_close_session,
	.invoke = optee_invoke,
	.cancel = optee_cancel,
	.shm_register = optee_shm_register,
	.shm_unregister = optee_shm_unregister,
	.kill = optee_ctx_kill,
};

/* The supplicant device serves requests; it opens no sessions. */
const struct tee_driver_ops optee_supp_ops = {
	.get_version = optee_get_version,
	.open = optee_ctx_open,
	.release = optee_ctx_release,
	.supp_recv = optee_supp_recv,
	.supp_send = optee_supp_send,
	.kill = optee_ctx_kill,
};

static const struct tee_desc optee_desc = {
	.name = "tee0", .ops = &optee_ops, .flags = 0,
};

static const struct tee_desc optee_supp_desc = {
	.name = "teepriv0", .ops = &optee_supp_ops, .flags = TEE_DESC_PRIVILEGED,
};

static int fast_call(struct optee *optee, uint32_t fn, uint32_t a1,
		     uint32_t out[8])
{
	uint32_t in[8] = { fn, a1 };

	return optee_smc(optee->chans, in, out);
}

#define FAIL(...) do { snprintf(why, why_len, __VA_ARGS__); rc = -EINVAL; \
	goto err; } while (0)

static int probe_identify(struct optee *optee, char *why, size_t why_len)
{
	uint32_t r[8];
	int rc;

	rc = fast_call(optee, OPTEE_SMC_CALLS_UID, 0, r);
	if (rc)
		FAIL("CALLS_UID failed: %s", strerror(-rc));
	if (r[0] != OPTEE_MSG_UID_0 || r[1] != OPTEE_MSG_UID_1 ||
	    r[2] != OPTEE_MSG_UID_2 || r[3] != OPTEE_MSG_UID_3)
		FAIL("the secure world is not OP-TEE (API UID %08x-%08x-%08x-%08x)",
		     r[0], r[1], r[2], r[3]);
	rc = fast_call(optee, OPTEE_SMC_CALLS_REVISION, 0, r);
	if (rc || r[0] != OPTEE_MSG_REVISION_MAJOR)
		FAIL("unsupported OP-TEE API revision %u.%u", r[0], r[1]);
	rc = fast_call(optee, OPTEE_SMC_CALL_GET_OS_UUID, 0, r);
	if (!rc && (r[0] != OPTEE_MSG_OS_OPTEE_UUID_0 ||
		    r[1] != OPTEE_MSG_OS_OPTEE_UUID_1))
		WMSG("unexpected OS UUID %08x-%08x-%08x-%08x", r[0], r[1],
		     r[2], r[3]);
	rc = fast_call(optee, OPTEE_SMC_CALL_GET_OS_REVISION, 0, r);
	if (!rc)
		IMSG_LOG("OP-TEE revision %u.%u (build id %#x)", r[0], r[1], r[2]);
	return 0;
err:
	return rc;
}

static int probe_caps(struct optee *optee, char *why, size_t why_len)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	uint32_t r[8];
	int rc;

	rc = fast_call(optee, OPTEE_SMC_EXCHANGE_CAPABILITIES,
		       ncpu == 1 ? OPTEE_SMC_NSEC_CAP_UNIPROCESSOR : 0, r);
	if (rc || r[0] != OPTEE_SMC_RETURN_OK)
		FAIL("EXCHANGE_CAPABILITIES failed");
	optee->sec_caps = r[1];
	IMSG_LOG("secure world capabilities %#x", optee->sec_caps);
	return 0;
err:
	return rc;
}

static int probe_static_config(struct optee *optee, char *why, size_t why_len)
{
	uint32_t r[8];
	int rc;

	rc = fast_call(optee, OPTEE_SMC_GET_SHM_CONFIG, 0, r);
	if (rc || r[0] != OPTEE_SMC_RETURN_OK)
		FAIL("GET_SHM_CONFIG failed (a0 %#x)", rc ? 0 : r[0]);
	if (r[3] != OPTEE_SMC_SHM_CACHED)
		FAIL("static shared memory is not cached (a3 %u)", r[3]);
	optee->carve_base = r[1];
	optee->carve_size = r[2];
	if (!softee_pa_is_frame_aligned(optee->carve_base) ||
	    !softee_pa_is_frame_aligned(optee->carve_size) ||
	    optee->carve_size < 2 * OPTEE_PRIV_MIN ||
	    optee->carve_size > SOFTEE_CARVEOUT_MAX_SIZE ||
	    optee->carve_base + optee->carve_size < optee->carve_base)
		FAIL("unusable static shared memory %#llx+%#llx",
		     (unsigned long long)optee->carve_base,
		     (unsigned long long)optee->carve_size);
	return 0;
err:
	return rc;
}

/* Dynamic shared memory: frames from our DDR, private and user pools. */
static int probe_dyn_pools(struct optee *optee, const struct optee_config *cfg,
			   char *why, size_t why_len)
{
	uint64_t priv = cfg->priv_size ? cfg->priv_size : OPTEE_DYN_PRIV_DEFAULT;
	uint64_t seed = 0;
	int rc;

	if (priv < OPTEE_PRIV_MIN)
		priv = OPTEE_PRIV_MIN;
	if (!round_up_u64(priv, cfg->page_size, &priv) ||
	    priv > SOFTEE_DDR_SIZE / 4)
		FAIL("private pool of %llu bytes is too large",
		     (unsigned long long)priv);
	if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = now_ns();
	rc = tee_frames_init(SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE, cfg->page_size,
			     cfg->contiguous_pa, seed, &optee->frames);
	if (rc)
		FAIL("cannot create the frame allocator: %s", strerror(-rc));
	rc = tee_shm_pool_dyn_priv(optee->frames, priv, &optee_region_ops,
				   optee->chans, &optee->priv_pool);
	if (rc)
		FAIL("cannot set up the private dynamic pool: %s",
		     strerror(-rc));
	optee->priv_size = priv;
	rc = tee_shm_pool_dyn_user(optee->frames, cfg->page_size,
				   &optee_region_ops, optee->chans,
				   &optee->user_pool);
	if (rc)
		FAIL("cannot create the user pool: %s", strerror(-rc));
	optee->dynamic = true;
	optee->limits.dynamic = true;
	IMSG_LOG("dynamic shm: page size %llu, private %llu KiB, %s PAs",
		 (unsigned long long)cfg->page_size,
		 (unsigned long long)(priv >> 10),
		 cfg->contiguous_pa ? "contiguous" : "scattered");
	return 0;
err:
	return rc;
}

/* Undo a failed dynamic setup before falling back to the carve-out. */
static void dyn_pools_undo(struct optee *optee)
{
	tee_shm_pool_destroy(optee->user_pool);
	tee_shm_pool_destroy(optee->priv_pool);
	tee_frames_fini(optee->frames);
	optee->user_pool = optee->priv_pool = NULL;
	optee->frames = NULL;
	optee->dynamic = false;
	optee->limits.dynamic = false;
}

static void probe_limits(struct optee *optee, const struct optee_config *cfg)
{
	struct tee_limits *l = &optee->limits;

	l->page_size = cfg->page_size;
	l->quota_pinned = cfg->quota_pinned ? cfg->quota_pinned :
			  OPTEE_QUOTA_PINNED_DEFAULT;
	l->quota_total = cfg->quota_total ? cfg->quota_total :
			 OPTEE_QUOTA_TOTAL_DEFAULT;
	if (l->quota_total < l->quota_pinned)
		l->quota_total = l->quota_pinned;
	l->max_regs = cfg->max_regs ? cfg->max_regs : OPTEE_MAX_REGS_DEFAULT;
	l->max_reg_bytes = cfg->max_reg_bytes ? cfg->max_reg_bytes :
			   l->quota_pinned;
}

static int probe_pools(struct optee *optee, const struct optee_config *cfg,
		       char *why, size_t why_len);

static int probe_shm(struct optee *optee, const struct optee_config *cfg,
		     char *why, size_t why_len)
{
	bool reserved = optee->sec_caps & OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM;
	int rc;

	probe_limits(optee, cfg);
	if (optee->sec_caps & OPTEE_SMC_SEC_CAP_DYNAMIC_SHM) {
		rc = probe_dyn_pools(optee, cfg, why, why_len);
		if (!rc)
			return 0;
		dyn_pools_undo(optee);
		if (!reserved)
			return rc;
		WMSG("dynamic shared memory unusable (%s); using the carve-out",
		     why);
		why[0] = '\0';
	}
	if (!reserved) {
		snprintf(why, why_len, "the secure world offers neither dynamic "
			 "shared memory nor a reserved carve-out (sec_caps %#x)",
			 optee->sec_caps);
		return -EINVAL;
	}
	rc = probe_static_config(optee, why, why_len);
	if (!rc)
		rc = probe_pools(optee, cfg, why, why_len);
	return rc;
}

static int probe_pools(struct optee *optee, const struct optee_config *cfg,
		       char *why, size_t why_len)
{
	uint64_t priv = cfg->priv_size ? cfg->priv_size : optee->carve_size / 8;
	uint64_t user_base, user_size;
	int fd = -1, rc;

	if (priv < OPTEE_PRIV_MIN)
		priv = OPTEE_PRIV_MIN;
	if (!round_up_u64(priv, SOFTEE_FRAME_SIZE, &priv) ||
	    priv + cfg->page_size > optee->carve_size)
		FAIL("private pool of %llu bytes does not fit the carve-out",
		     (unsigned long long)priv);
	optee->priv_size = priv;
	fd = softee_memfd("softee-priv", priv);
	if (fd < 0) {
		rc = fd;
		FAIL("cannot create the private pool: %s", strerror(-rc));
	}
	optee->priv_map = mmap(NULL, priv, PROT_READ | PROT_WRITE, MAP_SHARED,
			       fd, 0);
	if (optee->priv_map == MAP_FAILED) {
		optee->priv_map = NULL;
		FAIL("cannot map the private pool: %s", strerror(errno));
	}
	rc = optee_region_add_extents(optee->chans, fd,
				      priv >> SOFTEE_FRAME_SHIFT,
				      optee->carve_base, &optee->priv_region);
	if (rc)
		FAIL("the secure world refused the private pool: %s",
		     strerror(-rc));
	close(fd);
	fd = -1;
	rc = tee_shm_pool_static_priv(optee->carve_base, priv, optee->priv_map,
				      &optee->priv_pool);
	if (rc)
		FAIL("out of memory");
	user_base = optee->carve_base + priv;
	user_size = optee->carve_size - priv;
	user_size -= user_size % cfg->page_size;
	rc = tee_shm_pool_static_user(user_base, user_size, cfg->page_size,
				      &optee_region_ops, optee->chans,
				      &optee->user_pool);
	if (rc)
		FAIL("cannot create the user pool: %s", strerror(-rc));
	IMSG_LOG("static shm %#llx+%#llx: private %llu KiB, user %llu KiB",
		 (unsigned long long)optee->carve_base,
		 (unsigned long long)optee->carve_size,
		 (unsigned long long)(priv >> 10),
		 (unsigned long long)(user_size >> 10));
	return 0;
err:
	if (fd >= 0)
		close(fd);
	return rc;
}

int optee_probe(const struct optee_config *cfg, struct optee **out,
		char *why, size_t why_len)
{
	struct optee *optee = calloc(1, sizeof(*optee));
	char path[4096];
	uint64_t boot_id = 0;
	int rc;

	if (!optee)
		return -ENOMEM;
	pthread_mutex_init(&optee->rpc_lock, NULL);
	optee_cq_init(&optee->cq);
	optee_wq_init(&optee->wq);
	optee_supp_init(&optee->supp);
	optee->page_size = cfg->page_size;
	/* A new boot id tells the secure world to forget a previous us. */
	if (getrandom(&boot_id, sizeof(boot_id), 0) != sizeof(boot_id))
		boot_id = now_ns() ^ ((uint64_t)getpid() << 32);
	snprintf(path, sizeof(path), "%s/%s", cfg->run_dir, SOFTEE_SECURE_SOCK);
	rc = optee_chan_pool_open(path, boot_id, OPTEE_MAX_CHANNELS,
				  &optee->chans);
	if (rc) {
		snprintf(why, why_len, "cannot reach the secure world at %s: %s",
			 path, strerror(-rc));
		goto err;
	}
	rc = probe_identify(optee, why, why_len);
	if (!rc)
		rc = probe_caps(optee, why, why_len);
	if (!rc)
		rc = probe_shm(optee, cfg, why, why_len);
	if (rc)
		goto err;
	optee->teedev = calloc(1, sizeof(*optee->teedev));
	optee->supp_teedev = calloc(1, sizeof(*optee->supp_teedev));
	if (!optee->teedev || !optee->supp_teedev) {
		snprintf(why, why_len, "out of memory");
		rc = -ENOMEM;
		goto err;
	}
	optee->teedev->desc = &optee_desc;
	optee->supp_teedev->desc = &optee_supp_desc;
	optee->teedev->drvdata = optee->supp_teedev->drvdata = optee;
	optee->teedev->pool = optee->supp_teedev->pool = optee->user_pool;
	optee->teedev->limits = optee->supp_teedev->limits = &optee->limits;
	*out = optee;
	return 0;
err:
	optee_remove(optee);
	return rc;
}

void optee_remove(struct optee *optee)
{
	if (!optee)
		return;
	optee_supp_fini(&optee->supp);
	optee_rpc_shms_free(optee);
	tee_shm_pool_destroy(optee->user_pool);
	tee_shm_pool_destroy(optee->priv_pool);
	tee_frames_fini(optee->frames);
	if (optee->priv_region && optee->chans)
		optee_region_ops.del(optee->chans, optee->priv_region);
	if (optee->priv_map)
		munmap(optee->priv_map, optee->priv_size);
	optee_chan_pool_close(optee->chans);
	optee_wq_fini(&optee->wq);
	optee_cq_fini(&optee->cq);
	free(optee->teedev);
	free(optee->supp_teedev);
	free(optee);
}

void optee_status(struct optee *optee, FILE *out)
{
	fprintf(out, "supplicant: %s\n",
		optee_supp_connected(&optee->supp) ? "connected" : "absent");
	const struct tee_limits *l = &optee->limits;

	fprintf(out, "sec_caps: %#x\n", optee->sec_caps);
	fprintf(out, "pool: %s\n", optee->dynamic ? "dynamic" : "static");
	fprintf(out, "page_size: %llu\n", (unsigned long long)l->page_size);
	if (!optee->dynamic)
		fprintf(out, "carveout: %#llx+%#llx\n",
			(unsigned long long)optee->carve_base,
			(unsigned long long)optee->carve_size);
	fprintf(out, "quota_pinned_bytes: %llu\n",
		(unsigned long long)l->quota_pinned);
	fprintf(out, "quota_total_pinned_bytes: %llu\n",
		(unsigned long long)l->quota_total);
	fprintf(out, "quota_registrations: %llu\n",
		(unsigned long long)l->max_regs);
	fprintf(out, "max_reg_bytes: %llu\n",
		(unsigned long long)(optee->dynamic ? l->max_reg_bytes : 0));
	fprintf(out, "pinned_bytes: %llu\n", (unsigned long long)
		atomic_load(&tee_usage_total.pinned));
	fprintf(out, "registrations: %llu\n", (unsigned long long)
		atomic_load(&tee_usage_total.regs));
	if (optee->frames) {
		fprintf(out, "dyn_frames_used: %llu\n", (unsigned long long)
			tee_frames_used(optee->frames));
		fprintf(out, "dyn_frames_total: %llu\n", (unsigned long long)
			tee_frames_total(optee->frames));
	}
	fprintf(out, "pool_user_free: %llu\n", (unsigned long long)
		optee->user_pool->ops->free_bytes(optee->user_pool));
	fprintf(out, "pool_priv_free: %llu\n", (unsigned long long)
		optee->priv_pool->ops->free_bytes(optee->priv_pool));
}
