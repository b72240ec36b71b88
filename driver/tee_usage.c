// SPDX-License-Identifier: BSD-2-Clause
/* Usage accounting: the live-context list, SOFTEE_DEV_OP_INFO / OP_STATS and the per-context `stat` table. */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "softee_dev.h"
#include "tee_drv.h"
#include "util.h"

/* Live contexts, for the `stat` table. */
static pthread_mutex_t tee_ctx_list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tee_context *tee_ctx_list;

void tee_ctx_list_add(struct tee_context *ctx)
{
	pthread_mutex_lock(&tee_ctx_list_lock);
	ctx->next_live = tee_ctx_list;
	tee_ctx_list = ctx;
	pthread_mutex_unlock(&tee_ctx_list_lock);
}

void tee_ctx_list_del(struct tee_context *ctx)
{
	struct tee_context **pp;

	pthread_mutex_lock(&tee_ctx_list_lock);
	for (pp = &tee_ctx_list; *pp; pp = &(*pp)->next_live) {
		if (*pp == ctx) {
			*pp = ctx->next_live;
			break;
		}
	}
	pthread_mutex_unlock(&tee_ctx_list_lock);
}

static void usage_row(FILE *out, const char *name, const char *dev, long pid,
		      struct tee_usage *u)
{
	fprintf(out, "%-8s %-9s %8ld %6llu %9llu %10llu %11llu %14llu "
		"%14llu %14llu %14llu %14llu\n", name, dev, pid,
		(unsigned long long)atomic_load(&u->regs),
		(unsigned long long)atomic_load(&u->regs_total),
		(unsigned long long)(atomic_load(&u->pinned) >> SOFTEE_FRAME_SHIFT),
		(unsigned long long)atomic_load(&u->pl_entries),
		(unsigned long long)atomic_load(&u->zero_copy),
		(unsigned long long)atomic_load(&u->c_zero_copy),
		(unsigned long long)atomic_load(&u->c_bounce),
		(unsigned long long)atomic_load(&u->c_shadow),
		(unsigned long long)atomic_load(&u->c_pinned));
}

void tee_print_usage(FILE *out)
{
	struct tee_context *ctx;
	char name[32];

	fprintf(out, "%-8s %-9s %8s %6s %9s %10s %11s %14s %14s %14s %14s %14s\n",
		"context", "device", "pid", "regs", "regs_made", "pages",
		"pl_entries", "zero_copy_drv", "zero_copy_cli", "bounce_bytes",
		"shadow_bytes", "pinned_bytes");
	pthread_mutex_lock(&tee_ctx_list_lock);
	for (ctx = tee_ctx_list; ctx; ctx = ctx->next_live) {
		snprintf(name, sizeof(name), "#%llu",
			 (unsigned long long)ctx->serial);
		usage_row(out, name, ctx->teedev->desc->name, (long)ctx->pid,
			  &ctx->usage);
	}
	pthread_mutex_unlock(&tee_ctx_list_lock);
	usage_row(out, "total", "-", 0, &tee_usage_total);
}

int tee_op_info(struct tee_context *ctx, void *buf, size_t len, size_t cap,
		   size_t *rep_len)
{
	const struct tee_limits *l = ctx->teedev->limits;
	struct softee_dev_info info = { .version = 1, .page_size = 4096 };

	if (len || cap < sizeof(info))
		return -EINVAL;
	if (l) {
		info.page_size = (uint32_t)l->page_size;
		info.max_reg_bytes = l->dynamic ? MIN(l->max_reg_bytes,
						      l->quota_pinned) : 0;
		info.quota_pinned_bytes = l->quota_pinned;
	}
	memcpy(buf, &info, sizeof(info));
	*rep_len = sizeof(info);
	return 0;
}

static void usage_set(atomic_ullong *mine, atomic_ullong *total, uint64_t v)
{
	uint64_t old = atomic_exchange(mine, v);

	/* Cumulative per context: the total moves by the difference. */
	atomic_fetch_add(total, v - old);
}

int tee_op_stats(struct tee_context *ctx, const void *buf, size_t len,
		    size_t *rep_len)
{
	struct softee_dev_client_stats cs;

	if (len != sizeof(cs))
		return -EINVAL;
	memcpy(&cs, buf, sizeof(cs));
	usage_set(&ctx->usage.c_zero_copy, &tee_usage_total.c_zero_copy,
		  cs.zero_copy_bytes);
	usage_set(&ctx->usage.c_bounce, &tee_usage_total.c_bounce,
		  cs.bounce_bytes);
	usage_set(&ctx->usage.c_shadow, &tee_usage_total.c_shadow,
		  cs.shadow_bytes);
	usage_set(&ctx->usage.c_pinned, &tee_usage_total.c_pinned,
		  cs.pinned_bytes);
	*rep_len = 0;
	return 0;
}

bool tee_ioctl_wants_reply(uint32_t op, uint32_t tag)
{
	return !(op == SOFTEE_DEV_OP_STATS && tag == 0);
}
