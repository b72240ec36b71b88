// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests for NONCONTIG page lists: entry counts, block chaining, offsets, 16K/64K granules and sizing from 4 KiB entries. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "optee/optee_private.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

TEST(entry_and_block_counts)
{
	EXPECT_EQ_U(tee_pagelist_entries(0, 1), 1);
	EXPECT_EQ_U(tee_pagelist_entries(0, 4096), 1);
	EXPECT_EQ_U(tee_pagelist_entries(0xfff, 2), 2);
	EXPECT_EQ_U(tee_pagelist_entries(0x1000 + 0x10, 4096), 2);
	EXPECT_EQ_U(tee_pagelist_entries(0, 0), 0);
	EXPECT_EQ_U(tee_pagelist_entries(0x10, UINT64_MAX), 0);
	EXPECT_EQ_U(tee_pagelist_blocks(1), 1);
	EXPECT_EQ_U(tee_pagelist_blocks(511), 1);
	EXPECT_EQ_U(tee_pagelist_blocks(512), 2);
	EXPECT_EQ_U(tee_pagelist_blocks(1022), 2);
	EXPECT_EQ_U(tee_pagelist_blocks(1023), 3);
}

/* Fill a list for n fake frames; check entries and next pointers. */
static void check_fill(uint64_t n)
{
	uint64_t nb = tee_pagelist_blocks(n), i;
	uint64_t *mem = calloc(nb, 4096), **blocks = calloc(nb, sizeof(*blocks));
	paddr_t *bpas = calloc(nb, sizeof(*bpas)), *fr = calloc(n, sizeof(*fr));

	CHECK(mem && blocks && bpas && fr);
	for (i = 0; i < nb; i++) {
		blocks[i] = mem + i * 512;
		bpas[i] = 0x200000000ULL + i * 0x3000;
	}
	for (i = 0; i < n; i++)
		fr[i] = 0x100000000ULL + ((i * 7919) % 100000) * 4096;
	CHECK(!tee_pagelist_fill(blocks, bpas, nb, fr, n));
	for (i = 0; i < n; i++)
		EXPECT_EQ_U(blocks[i / 511][i % 511], fr[i]);
	for (i = 0; i < nb; i++)
		EXPECT_EQ_U(blocks[i][511], i + 1 < nb ? bpas[i + 1] : 0);
	/* Unused slots of the last block stay zero. */
	for (i = n % 511 ? n % 511 : 511; i < 511; i++)
		EXPECT_EQ_U(blocks[nb - 1][i], 0);
	/* Wrong block count or misaligned addresses are refused. */
	EXPECT(tee_pagelist_fill(blocks, bpas, nb + 1, fr, n) == -EINVAL);
	fr[n - 1] |= 8;
	EXPECT(tee_pagelist_fill(blocks, bpas, nb, fr, n) == -EINVAL);
	free(mem);
	free(blocks);
	free(bpas);
	free(fr);
}

TEST(fill_1_entry) { check_fill(1); }
TEST(fill_511_entries_one_block) { check_fill(511); }
TEST(fill_512_entries_chains_two_blocks) { check_fill(512); }
TEST(fill_1023_entries_three_blocks) { check_fill(1023); }

/* A driver with only a dynamic private pool, as optee_pagelist_make needs. */
static struct optee *fake_optee(uint64_t granule, struct tee_frames **fa)
{
	struct optee *o = calloc(1, sizeof(*o));

	if (!o || tee_frames_init(SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE, granule,
				  false, 5, fa) ||
	    tee_shm_pool_dyn_priv(*fa, 4ULL << 20, NULL, NULL, &o->priv_pool)) {
		free(o);
		return NULL;
	}
	o->dynamic = true;
	return o;
}

static void fake_optee_free(struct optee *o, struct tee_frames *fa)
{
	tee_shm_pool_destroy(o->priv_pool);
	tee_frames_fini(fa);
	free(o);
}

/* Read the list back by PA (the private pool's frames name its blocks). */
static uint64_t *block_at(const struct tee_shm *l, paddr_t pa)
{
	uint64_t i;

	for (i = 0; i < l->nframes; i++)
		if (l->frames[i] == pa)
			return (uint64_t *)((uint8_t *)l->kaddr + i * 4096);
	return NULL;
}

static void check_make(uint64_t granule, uint64_t npages, uint64_t addr_off,
		       uint64_t size)
{
	uint64_t fpp = granule / 4096, nframes = npages * fpp, i, entries;
	struct tee_shm shm = { .flags = TEE_SHM_DYNAMIC };
	struct tee_shm *l = NULL;
	struct tee_frames *fa, *ufa;
	struct optee *o = fake_optee(4096, &fa);
	uint64_t buf_ptr, *blk;

	CHECK(o);
	CHECK(!tee_frames_init(SOFTEE_DDR_BASE, SOFTEE_DDR_SIZE, granule, false,
			       11, &ufa));
	shm.frames = malloc(nframes * sizeof(paddr_t));
	CHECK(shm.frames);
	CHECK(!tee_frames_alloc(ufa, nframes, shm.frames));
	shm.nframes = nframes;
	shm.page_off = addr_off;
	shm.size = size;
	CHECK(!optee_pagelist_make(o, &shm, addr_off, size, &l, &buf_ptr));
	entries = tee_pagelist_entries(addr_off, size);
	/* Sized from 4 KiB entries, never from normal-world pages. */
	EXPECT_EQ_U(l->size, tee_pagelist_blocks(entries) * 4096);
	EXPECT_EQ_U(buf_ptr & 0xfff, addr_off & 0xfff);
	EXPECT_EQ_U(buf_ptr & ~0xfffULL, l->frames[0]);
	blk = block_at(l, buf_ptr & ~0xfffULL);
	for (i = 0; i < entries && blk; i++) {
		/* First entry = the frame holding addr. */
		EXPECT_EQ_U(blk[i % 511], shm.frames[(addr_off >> 12) + i]);
		if (i % 511 == 510 && i + 1 < entries)
			blk = block_at(l, blk[511]);
	}
	EXPECT(blk != NULL);
	/* Entries beyond the frames: refused. */
	EXPECT(optee_pagelist_make(o, &shm, addr_off, nframes * 4096, &l, &buf_ptr) == -EINVAL || addr_off == 0);
	tee_shm_free_priv(l);
	tee_frames_free(ufa, shm.frames, nframes);
	free(shm.frames);
	tee_frames_fini(ufa);
	fake_optee_free(o, fa);
}

TEST(make_4k_with_offset) { check_make(4096, 3, 0x123, 2 * 4096); }
TEST(make_16k_splits_pages_into_4k_entries) { check_make(16384, 4, 0x5123, 8 * 4096); }
TEST(make_64k_splits_pages_into_4k_entries) { check_make(65536, 2, 0x10, 20 * 4096); }
/* 600 pages of 64 KiB: 9600 entries, 19 blocks (Linux sized this from 600). */
TEST(make_64k_more_than_511_pages_is_sized_from_entries)
{
	check_make(65536, 600, 0x2345, 600 * 65536 - 0x3000);
}

int main(void)
{
	RUN(entry_and_block_counts);
	RUN(fill_1_entry);
	RUN(fill_511_entries_one_block);
	RUN(fill_512_entries_chains_two_blocks);
	RUN(fill_1023_entries_three_blocks);
	RUN(make_4k_with_offset);
	RUN(make_16k_splits_pages_into_4k_entries);
	RUN(make_64k_splits_pages_into_4k_entries);
	RUN(make_64k_more_than_511_pages_is_sized_from_entries);
	return testlib_summary();
}
