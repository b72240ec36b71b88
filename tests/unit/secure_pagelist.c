/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the page-list reader (secure/pagelist.c) over fake memory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pagelist.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

/*
 * Fake normal-world memory: NFR frames at BASE, each tagged with a VM.
 * Regions are REGFR frames each, so frame i is frame i % REGFR of region
 * i / REGFR.
 */
#define BASE	0x100000000ULL
#define FR	4096ULL
#define NFR	4096
#define REGFR	1024

static uint64_t *ram;		/* NFR * 512 slots */
static uint32_t vm_of[NFR];
static struct ft_region regs[NFR / REGFR];
static unsigned int blocks_read;

struct tctx {
	uint32_t vm;
};

static int idx_of(paddr_t pa, const struct tctx *c, uint64_t *i)
{
	if (pa < BASE || pa >= BASE + NFR * FR || (pa & (FR - 1)))
		return -EFAULT;
	*i = (pa - BASE) / FR;
	return vm_of[*i] == c->vm ? 0 : -EFAULT;
}

static int t_read_block(void *ctx, paddr_t pa, uint64_t slots[512])
{
	uint64_t i;

	if (idx_of(pa, ctx, &i))
		return -EFAULT;
	blocks_read++;
	memcpy(slots, ram + i * 512, FR);
	return 0;
}

static int t_lookup(void *ctx, paddr_t pa, struct ft_region **r, uint64_t *frame)
{
	uint64_t i;

	if (idx_of(pa, ctx, &i))
		return -EFAULT;
	*r = &regs[i / REGFR];
	*frame = i % REGFR;
	return 0;
}

static const struct pl_ops ops = { .read_block = t_read_block,
				   .lookup = t_lookup };
static struct tctx ctx0 = { 0 };

static paddr_t pa_of(uint64_t frame)
{
	return BASE + frame * FR;
}

static void reset(void)
{
	memset(ram, 0, NFR * FR);
	memset(vm_of, 0, sizeof(vm_of));
	blocks_read = 0;
}

/*
 * Write a list of n entries (frames[]) into list blocks at the given
 * frames (block_frames[]), chaining them as Linux does.
 */
static void write_list(const uint64_t *frames, uint64_t n,
		       const uint64_t *block_frames)
{
	uint64_t b = 0, slot = 0;

	for (uint64_t i = 0; i < n; i++) {
		ram[block_frames[b] * 512 + slot] = pa_of(frames[i]);
		if (++slot == 511) {
			ram[block_frames[b] * 512 + 511] = pa_of(block_frames[b + 1]);
			b++;
			slot = 0;
		}
	}
}

static int read_list(uint64_t first_block, uint64_t off, uint64_t size,
		     struct pl_result *res)
{
	return pagelist_read(&ops, &ctx0, pa_of(first_block) | off, size,
			     1ULL << 40, res);
}

/* n data frames at 100.. (consecutive) with list blocks at 10, 11, ... */
static void good_list(uint64_t n_entries, size_t want_runs)
{
	uint64_t *frames = calloc(n_entries, sizeof(*frames));
	uint64_t blocks[8] = { 10, 11, 12, 13, 14, 15, 16, 17 };
	struct pl_result res;

	reset();
	for (uint64_t i = 0; i < n_entries; i++)
		frames[i] = 100 + i;
	write_list(frames, n_entries, blocks);
	CHECK_EQ_U(read_list(10, 0x10, n_entries * FR - 0x10, &res), 0);
	CHECK_EQ_U(res.n_entries, n_entries);
	CHECK_EQ_U(res.n_blocks, (n_entries + 510) / 511);
	CHECK_EQ_U(res.offset, 0x10);
	CHECK_EQ_U(res.n_runs, want_runs);
	CHECK(res.runs[0].r == &regs[0]);
	CHECK_EQ_U(res.runs[0].first_frame, 100);
	if (want_runs == 2) {
		CHECK_EQ_U(res.runs[0].nframes, REGFR - 100);
		CHECK(res.runs[1].r == &regs[1]);
		CHECK_EQ_U(res.runs[1].first_frame, 0);
		CHECK_EQ_U(res.runs[0].nframes + res.runs[1].nframes, n_entries);
	} else {
		CHECK_EQ_U(res.runs[0].nframes, n_entries);
	}
	free(res.runs);
	free(frames);
}

TEST(good_list_of_1_entry)
{
	good_list(1, 1);
}

TEST(good_list_of_511_entries_is_one_block)
{
	good_list(511, 1);
}

TEST(good_list_of_512_entries_needs_two_blocks)
{
	good_list(512, 1);
}

TEST(good_list_of_1023_entries_crosses_regions)
{
	good_list(1023, 2);
}

TEST(scattered_frames_give_one_run_each_and_size_sets_count)
{
	uint64_t frames[] = { 500, 7, 501, 502, 2000 };
	uint64_t blocks[] = { 3 };
	struct pl_result res;

	reset();
	write_list(frames, 5, blocks);
	/* 4 entries of 5: offset 0xfff, size 3 * 4096 + 1 */
	CHECK_EQ_U(read_list(3, 0xfff, 3 * FR + 1, &res), 0);
	CHECK_EQ_U(res.n_entries, 4);
	CHECK_EQ_U(res.n_runs, 3);
	CHECK_EQ_U(res.runs[0].first_frame, 500);
	CHECK_EQ_U(res.runs[1].first_frame, 7);
	CHECK_EQ_U(res.runs[2].first_frame, 501);
	CHECK_EQ_U(res.runs[2].nframes, 2);
	free(res.runs);
	/* one more byte needs the fifth entry, in region 1 */
	CHECK_EQ_U(read_list(3, 0xfff, 3 * FR + 2, &res), 0);
	CHECK_EQ_U(res.n_runs, 4);
	CHECK(res.runs[3].r == &regs[1]);
	CHECK_EQ_U(res.runs[3].first_frame, 2000 - REGFR);
	free(res.runs);
}

/*
 * A kernel with kpage-byte pages: 3 kernel pages at scattered places; the
 * buffer starts at start_off in the first one. Entries as ABI.md 6.6.
 */
static void split_list(uint64_t kpage, uint64_t start_off)
{
	uint64_t kp[3] = { 2048, 512, 1024 + 256 };	/* first frame of each */
	uint64_t per = kpage / FR, frames[64], n = 0;
	uint64_t blocks[] = { 1 }, size = 3 * kpage - start_off - 100;
	struct pl_result res;

	reset();
	for (uint64_t k = 0; k < 3; k++)
		for (uint64_t f = (k ? 0 : start_off / FR); f < per; f++)
			frames[n++] = kp[k] + f;
	write_list(frames, n, blocks);
	CHECK_EQ_U(read_list(1, start_off & (FR - 1), size, &res), 0);
	CHECK_EQ_U(res.offset, start_off & (FR - 1));
	CHECK_EQ_U(res.n_runs, 3);
	CHECK_EQ_U(res.runs[0].first_frame, (kp[0] + start_off / FR) % REGFR);
	CHECK_EQ_U(res.runs[0].nframes, per - start_off / FR);
	CHECK_EQ_U(res.runs[1].first_frame, kp[1]);
	CHECK_EQ_U(res.runs[1].nframes, per);
	CHECK_EQ_U(res.runs[2].first_frame, (kp[2]) % REGFR);
	/* the trailing chunk holding no data is listed but not consumed */
	CHECK_EQ_U(res.n_entries, (size + (start_off & (FR - 1)) + FR - 1) / FR);
	free(res.runs);
}

TEST(list_from_16k_kernel_pages)
{
	split_list(16384, 0x2345);
}

TEST(list_from_64k_kernel_pages)
{
	split_list(65536, 0xa010);
}

TEST(misaligned_entry_or_next_pointer_is_refused)
{
	uint64_t frames[600], blocks[] = { 1, 2 };
	struct pl_result res;

	reset();
	for (int i = 0; i < 600; i++)
		frames[i] = 100 + i;
	write_list(frames, 600, blocks);
	ram[1 * 512 + 5] |= 8;
	CHECK_EQ_U(read_list(1, 0, 600 * FR, &res), (uint64_t)-EINVAL);
	CHECK(!res.runs);
	ram[1 * 512 + 5] &= ~8ULL;
	ram[1 * 512 + 511] |= 0x800;
	CHECK_EQ_U(read_list(1, 0, 600 * FR, &res), (uint64_t)-EINVAL);
	ram[1 * 512 + 511] &= ~0x800ULL;
	CHECK_EQ_U(read_list(1, 0, 600 * FR, &res), 0);
	free(res.runs);
}

TEST(pa_outside_normal_world_or_unannounced_is_refused)
{
	uint64_t frames[] = { 100, 101 }, blocks[] = { 1 };
	struct pl_result res;

	reset();
	write_list(frames, 2, blocks);
	ram[1 * 512 + 1] = 0x42000000;		/* the carve-out: not ours here */
	CHECK_EQ_U(read_list(1, 0, 2 * FR, &res), (uint64_t)-EFAULT);
	ram[1 * 512 + 1] = BASE + NFR * FR;	/* just past the memory */
	CHECK_EQ_U(read_list(1, 0, 2 * FR, &res), (uint64_t)-EFAULT);
	ram[1 * 512 + 1] = 0;			/* no entry */
	CHECK_EQ_U(read_list(1, 0, 2 * FR, &res), (uint64_t)-EINVAL);
	/* the list itself outside */
	CHECK_EQ_U(pagelist_read(&ops, &ctx0, 0x42000000, 10, 1ULL << 40, &res),
		   (uint64_t)-EFAULT);
	CHECK_EQ_U(pagelist_read(&ops, &ctx0, 0x10, 10, 1ULL << 40, &res),
		   (uint64_t)-EINVAL);
}

TEST(frames_of_another_vm_are_refused)
{
	uint64_t frames[] = { 100, 101 }, blocks[] = { 1 };
	struct pl_result res;

	reset();
	write_list(frames, 2, blocks);
	vm_of[101] = 1;
	CHECK_EQ_U(read_list(1, 0, 2 * FR, &res), (uint64_t)-EFAULT);
	vm_of[101] = 0;
	vm_of[1] = 1;
	CHECK_EQ_U(read_list(1, 0, 2 * FR, &res), (uint64_t)-EFAULT);
}

TEST(loops_in_the_chain_are_refused)
{
	uint64_t frames[1600], blocks[] = { 1, 2, 3, 4 };
	struct pl_result res;

	reset();
	for (int i = 0; i < 1600; i++)
		frames[i] = 100 + i % 900;
	write_list(frames, 1600, blocks);
	CHECK_EQ_U(read_list(1, 0, 1600 * FR, &res), 0);
	free(res.runs);
	ram[2 * 512 + 511] = pa_of(1);		/* block 2 -> block 1 */
	CHECK_EQ_U(read_list(1, 0, 1600 * FR, &res), (uint64_t)-EINVAL);
	ram[2 * 512 + 511] = pa_of(2);		/* block 2 -> itself */
	CHECK_EQ_U(read_list(1, 0, 1600 * FR, &res), (uint64_t)-EINVAL);
}

TEST(truncated_chains_are_refused)
{
	uint64_t frames[600], blocks[] = { 1, 2 };
	struct pl_result res;

	reset();
	for (int i = 0; i < 600; i++)
		frames[i] = 100 + i;
	write_list(frames, 600, blocks);
	ram[1 * 512 + 511] = 0;
	CHECK_EQ_U(read_list(1, 0, 600 * FR, &res), (uint64_t)-EINVAL);
	ram[1 * 512 + 511] = pa_of(NFR + 5);
	CHECK_EQ_U(read_list(1, 0, 600 * FR, &res), (uint64_t)-EFAULT);
	/* a size asking for more entries than the list has (count mismatch) */
	ram[1 * 512 + 511] = pa_of(2);
	CHECK_EQ_U(read_list(1, 0, 601 * FR, &res), (uint64_t)-EINVAL);
	CHECK_EQ_U(read_list(1, 1, 600 * FR, &res), (uint64_t)-EINVAL);
	CHECK_EQ_U(read_list(1, 0, 600 * FR, &res), 0);
	free(res.runs);
}

TEST(size_zero_overflow_and_quota)
{
	uint64_t frames[] = { 100 }, blocks[] = { 1 };
	struct pl_result res;

	reset();
	write_list(frames, 1, blocks);
	CHECK_EQ_U(read_list(1, 0, 0, &res), (uint64_t)-EINVAL);
	CHECK_EQ_U(pagelist_read(&ops, &ctx0, pa_of(1) | 0xfff, UINT64_MAX,
				 UINT64_MAX, &res), (uint64_t)-EINVAL);
	CHECK_EQ_U(pagelist_read(&ops, &ctx0, pa_of(1), UINT64_MAX - 4095,
				 UINT64_MAX, &res), (uint64_t)-EINVAL);
	CHECK_EQ_U(pagelist_read(&ops, &ctx0, pa_of(1), 65ULL << 30, UINT64_MAX,
				 &res), (uint64_t)-EINVAL);
	CHECK_EQ_U(pagelist_read(&ops, &ctx0, pa_of(1), 2 * FR, FR, &res),
		   (uint64_t)-ENOSPC);
	CHECK_EQ_U(pagelist_read(&ops, &ctx0, pa_of(1), FR, FR, &res), 0);
	free(res.runs);
}

TEST(offset_is_the_low_12_bits_and_counts_toward_entries)
{
	uint64_t frames[] = { 100, 101 }, blocks[] = { 1 };
	struct pl_result res;

	reset();
	write_list(frames, 2, blocks);
	/* offset 4095 + 2 bytes = 2 entries; + 4097 bytes = 3: refused */
	CHECK_EQ_U(read_list(1, 0xfff, 2, &res), 0);
	CHECK_EQ_U(res.offset, 0xfff);
	CHECK_EQ_U(res.n_entries, 2);
	free(res.runs);
	CHECK_EQ_U(read_list(1, 0xfff, FR + 2, &res), (uint64_t)-EINVAL);
	CHECK_EQ_U(read_list(1, 0, FR + 1, &res), 0);
	CHECK_EQ_U(res.n_entries, 2);
	free(res.runs);
}

int main(void)
{
	ram = calloc(NFR, FR);
	if (!ram)
		return 1;
	RUN(good_list_of_1_entry);
	RUN(good_list_of_511_entries_is_one_block);
	RUN(good_list_of_512_entries_needs_two_blocks);
	RUN(good_list_of_1023_entries_crosses_regions);
	RUN(scattered_frames_give_one_run_each_and_size_sets_count);
	RUN(list_from_16k_kernel_pages);
	RUN(list_from_64k_kernel_pages);
	RUN(misaligned_entry_or_next_pointer_is_refused);
	RUN(pa_outside_normal_world_or_unannounced_is_refused);
	RUN(frames_of_another_vm_are_refused);
	RUN(loops_in_the_chain_are_refused);
	RUN(truncated_chains_are_refused);
	RUN(size_zero_overflow_and_quota);
	RUN(offset_is_the_low_12_bits_and_counts_toward_entries);
	free(ram);
	return testlib_summary();
}
