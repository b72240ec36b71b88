// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests for the static pool allocator: alloc, free, fragmentation, exhaustion, zeroing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tee_drv.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

TEST(range_alloc_respects_alignment_and_size)
{
	struct tee_range_alloc ra;
	uint64_t a, b;

	CHECK(!tee_range_init(&ra, 4096));
	CHECK(!tee_range_get(&ra, 10, 8, &a));
	CHECK(!tee_range_get(&ra, 10, 64, &b));
	EXPECT_EQ_U(a, 0);
	EXPECT_EQ_U(b, 64);
	EXPECT_EQ_U(ra.free_bytes, 4096 - 20);
	EXPECT(tee_range_get(&ra, 1, 3, &a) == -EINVAL);
	EXPECT(tee_range_get(&ra, 0, 8, &a) == -EINVAL);
	tee_range_fini(&ra);
}

TEST(range_free_coalesces_after_fragmentation)
{
	struct tee_range_alloc ra;
	uint64_t off[8], big;
	int i;

	CHECK(!tee_range_init(&ra, 8 * 512));
	for (i = 0; i < 8; i++)
		CHECK(!tee_range_get(&ra, 512, 8, &off[i]));
	CHECK(tee_range_get(&ra, 8, 8, &big) == -ENOMEM);
	/* Free every other block: 2 KiB free but no 1 KiB hole. */
	for (i = 0; i < 8; i += 2)
		CHECK(!tee_range_put(&ra, off[i], 512));
	EXPECT_EQ_U(ra.free_bytes, 2048);
	EXPECT(tee_range_get(&ra, 1024, 8, &big) == -ENOMEM);
	for (i = 1; i < 8; i += 2)
		CHECK(!tee_range_put(&ra, off[i], 512));
	EXPECT_EQ_U(ra.n, 1);
	CHECK(!tee_range_get(&ra, 4096, 8, &big));
	EXPECT_EQ_U(big, 0);
	tee_range_fini(&ra);
}

TEST(range_refuses_double_free_and_out_of_range)
{
	struct tee_range_alloc ra;
	uint64_t a;

	CHECK(!tee_range_init(&ra, 4096));
	CHECK(!tee_range_get(&ra, 100, 8, &a));
	CHECK(!tee_range_put(&ra, a, 100));
	EXPECT(tee_range_put(&ra, a, 100) == -EINVAL);
	EXPECT(tee_range_put(&ra, 4000, 200) == -EINVAL);
	EXPECT(tee_range_put(&ra, UINT64_MAX - 1, 100) == -EINVAL);
	EXPECT_EQ_U(ra.free_bytes, 4096);
	tee_range_fini(&ra);
}

TEST(range_exhaustion_and_reuse)
{
	struct tee_range_alloc ra;
	uint64_t o[4096 / 8], x;
	size_t i;

	CHECK(!tee_range_init(&ra, 4096));
	for (i = 0; i < (sizeof(o) / sizeof(o[0])); i++)
		CHECK(!tee_range_get(&ra, 8, 8, &o[i]));
	CHECK(tee_range_get(&ra, 8, 8, &x) == -ENOMEM);
	CHECK(!tee_range_put(&ra, o[17], 8));
	CHECK(!tee_range_get(&ra, 8, 8, &x));
	EXPECT_EQ_U(x, o[17]);
	tee_range_fini(&ra);
}

TEST(priv_pool_zeroes_reused_memory)
{
	size_t sz = 64 * 1024;
	void *map = mmap(NULL, sz, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct tee_shm_pool *pool;
	struct tee_shm a = { 0 }, b = { 0 };
	uint8_t zero[256] = { 0 };

	CHECK(map != MAP_FAILED);
	CHECK(!tee_shm_pool_static_priv(0x42000000, sz, map, &pool));
	CHECK(!pool->ops->alloc(pool, &a, 200, 8));
	EXPECT_EQ_U(a.pa, 0x42000000);
	EXPECT_EQ_U(a.size, 200);
	memset(a.kaddr, 0xa5, a.size);
	pool->ops->free(pool, &a);
	CHECK(!pool->ops->alloc(pool, &b, 200, 8));
	EXPECT(b.kaddr == a.kaddr);
	EXPECT(!memcmp(b.kaddr, zero, 200));
	pool->ops->free(pool, &b);
	EXPECT_EQ_U(pool->ops->free_bytes(pool), sz);
	tee_shm_pool_destroy(pool);
	munmap(map, sz);
}

TEST(user_pool_is_page_granular_with_own_zeroed_memfd)
{
	struct tee_shm_pool *pool;
	struct tee_shm a = { 0 }, b = { 0 };
	uint8_t *p;

	CHECK(!tee_shm_pool_static_user(0x42040000, 16 * 4096, 4096, NULL,
					NULL, &pool));
	CHECK(!pool->ops->alloc(pool, &a, 1, 0));
	CHECK(!pool->ops->alloc(pool, &b, 4097, 0));
	EXPECT_EQ_U(a.size, 4096);
	EXPECT_EQ_U(b.size, 8192);
	EXPECT_EQ_U(a.pa, 0x42040000);
	EXPECT_EQ_U(b.pa, 0x42041000);
	EXPECT(a.fd >= 0 && b.fd >= 0 && a.fd != b.fd);
	p = mmap(NULL, b.size, PROT_READ | PROT_WRITE, MAP_SHARED, b.fd, 0);
	CHECK(p != MAP_FAILED);
	EXPECT(p[0] == 0 && p[8191] == 0);
	munmap(p, b.size);
	EXPECT_EQ_U(pool->ops->free_bytes(pool), 13 * 4096);
	pool->ops->free(pool, &a);
	pool->ops->free(pool, &b);
	EXPECT_EQ_U(pool->ops->free_bytes(pool), 16 * 4096);
	tee_shm_pool_destroy(pool);
}

TEST(user_pool_exhaustion)
{
	struct tee_shm_pool *pool;
	struct tee_shm a = { 0 }, b = { 0 };

	CHECK(!tee_shm_pool_static_user(0x42000000, 4 * 4096, 4096, NULL,
					NULL, &pool));
	CHECK(!pool->ops->alloc(pool, &a, 3 * 4096, 0));
	EXPECT(pool->ops->alloc(pool, &b, 2 * 4096, 0) == -ENOMEM);
	pool->ops->free(pool, &a);
	CHECK(!pool->ops->alloc(pool, &b, 4 * 4096, 0));
	pool->ops->free(pool, &b);
	tee_shm_pool_destroy(pool);
}

int main(void)
{
	RUN(range_alloc_respects_alignment_and_size);
	RUN(range_free_coalesces_after_fragmentation);
	RUN(range_refuses_double_free_and_out_of_range);
	RUN(range_exhaustion_and_reuse);
	RUN(priv_pool_zeroes_reused_memory);
	RUN(user_pool_is_page_granular_with_own_zeroed_memfd);
	RUN(user_pool_exhaustion);
	return testlib_summary();
}
