// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests for shm ids, cookies and reference-count rules. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tee_drv.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static int fake_open(struct tee_context *ctx) { (void)ctx; return 0; }
static void fake_release(struct tee_context *ctx) { (void)ctx; }
static const struct tee_driver_ops fake_ops = {
	.open = fake_open, .release = fake_release,
};
static const struct tee_desc fake_desc = { .name = "fake", .ops = &fake_ops };
static struct tee_device fake_dev = { .desc = &fake_desc };

static struct tee_context *new_ctx(void)
{
	int err;

	return tee_ctx_open(&fake_dev, 1000, 1000, 1, &err);
}

TEST(ids_start_at_one_and_are_per_context)
{
	struct tee_context *a = new_ctx(), *b = new_ctx();
	struct tee_shm *s1, *s2, *r;

	CHECK(a && b);
	CHECK(!tee_shm_alloc_user(a, 100, &s1));
	CHECK(!tee_shm_alloc_user(b, 100, &s2));
	EXPECT(s1->id >= 1 && s2->id >= 1 && s1->id != s2->id);
	r = tee_shm_get_from_id(a, s1->id);
	EXPECT(r == s1);
	tee_shm_put(r);
	EXPECT(tee_shm_get_from_id(a, s2->id) == NULL);
	EXPECT(tee_shm_get_from_id(b, s1->id) == NULL);
	EXPECT(tee_shm_get_from_id(a, 0) == NULL);
	EXPECT(tee_shm_get_from_id(a, -1) == NULL);
	EXPECT(tee_shm_release_id(b, s1->id) == -EINVAL);
	EXPECT(!tee_shm_release_id(a, s1->id));
	EXPECT(!tee_shm_release_id(b, s2->id));
	EXPECT_EQ_U(atomic_load(&tee_stats.shm), 0);
	tee_ctx_put(a);
	tee_ctx_put(b);
	EXPECT_EQ_U(atomic_load(&tee_stats.contexts), 0);
}

TEST(reference_outlives_released_handle)
{
	struct tee_context *a = new_ctx();
	struct tee_shm *s, *r;
	int id;

	CHECK(a);
	CHECK(!tee_shm_alloc_user(a, 5000, &s));
	id = s->id;
	EXPECT_EQ_U(s->size, 8192);
	r = tee_shm_get_from_id(a, id);
	CHECK(r == s);
	CHECK(!tee_shm_release_id(a, id));
	/* The handle is gone: no new lookups, a second release fails. */
	EXPECT(tee_shm_get_from_id(a, id) == NULL);
	EXPECT(tee_shm_release_id(a, id) == -EINVAL);
	EXPECT_EQ_U(atomic_load(&tee_stats.shm), 1);
	tee_shm_put(r);
	EXPECT_EQ_U(atomic_load(&tee_stats.shm), 0);
	tee_ctx_put(a);
}

TEST(cookie_lookup_refuses_stale_cookies)
{
	struct tee_context *a = new_ctx();
	struct tee_shm *s, *r;
	uint64_t cookie;

	CHECK(a);
	CHECK(!tee_shm_alloc_user(a, 1, &s));
	cookie = s->cookie;
	r = tee_shm_get_from_cookie(cookie);
	EXPECT(r == s);
	tee_shm_put(r);
	EXPECT(tee_shm_get_from_cookie(cookie + (1ULL << 32)) == NULL);
	CHECK(!tee_shm_release_id(a, s->id));
	EXPECT(tee_shm_get_from_cookie(cookie) == NULL);
	/* A new shm in the same slot gets a different cookie. */
	CHECK(!tee_shm_alloc_user(a, 1, &s));
	EXPECT(s->cookie != cookie);
	EXPECT(tee_shm_get_from_cookie(cookie) == NULL);
	tee_shm_release_ctx(a);
	tee_ctx_put(a);
}

TEST(pa_lookup_needs_whole_range_in_one_shm_of_ctx)
{
	struct tee_context *a = new_ctx(), *b = new_ctx();
	struct tee_shm *s, *r;
	uint64_t offs = 0;

	CHECK(a && b);
	CHECK(!tee_shm_alloc_user(a, 4096, &s));
	r = tee_shm_get_from_pa(a, s->pa + 100, 200, &offs);
	EXPECT(r == s);
	EXPECT_EQ_U(offs, 100);
	tee_shm_put(r);
	EXPECT(tee_shm_get_from_pa(a, s->pa + 4000, 200, &offs) == NULL);
	EXPECT(tee_shm_get_from_pa(b, s->pa, 1, &offs) == NULL);
	EXPECT(tee_shm_get_from_pa(a, UINT64_MAX - 1, 10, &offs) == NULL);
	tee_shm_release_ctx(a);
	EXPECT_EQ_U(atomic_load(&tee_stats.shm), 0);
	tee_ctx_put(a);
	tee_ctx_put(b);
}

TEST(context_teardown_frees_every_handle)
{
	struct tee_context *a = new_ctx();
	struct tee_shm *s;
	int i;

	CHECK(a);
	for (i = 0; i < 10; i++)
		CHECK(!tee_shm_alloc_user(a, 4096, &s));
	EXPECT_EQ_U(atomic_load(&tee_stats.shm), 10);
	tee_shm_release_ctx(a);
	EXPECT_EQ_U(atomic_load(&tee_stats.shm), 0);
	EXPECT_EQ_U(fake_dev.pool->ops->free_bytes(fake_dev.pool), 64 * 4096);
	tee_ctx_put(a);
	EXPECT_EQ_U(atomic_load(&tee_stats.contexts), 0);
}

int main(void)
{
	if (tee_shm_pool_static_user(0x42000000, 64 * 4096, 4096, NULL, NULL,
				     &fake_dev.pool))
		return 1;
	RUN(ids_start_at_one_and_are_per_context);
	RUN(reference_outlives_released_handle);
	RUN(cookie_lookup_refuses_stale_cookies);
	RUN(pa_lookup_needs_whole_range_in_one_shm_of_ctx);
	RUN(context_teardown_frees_every_handle);
	tee_shm_pool_destroy(fake_dev.pool);
	tee_shm_table_fini();
	return testlib_summary();
}
