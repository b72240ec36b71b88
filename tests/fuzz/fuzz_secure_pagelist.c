/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: page-list reading (secure/pagelist.c) over a fake
 * normal world built from the input: a header (buf_ptr, size, which
 * frames belong to another VM) followed by up to 16 frames of memory.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pagelist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_BASE		0x100000000ULL
#define FZ_FRAMES	16
#define FZ_FR		4096ULL

struct fz_hdr {
	uint64_t buf_ptr;
	uint64_t size;
	uint16_t other_vm;	/* bit i: frame i is another VM's */
	uint16_t pad[3];
};

struct fz_ctx {
	const uint8_t *mem;
	size_t mem_len;
	uint16_t other_vm;
};

static struct ft_region fz_regions[3];

static int fz_index(const struct fz_ctx *c, paddr_t pa, uint64_t *i)
{
	if (pa < FZ_BASE || pa >= FZ_BASE + FZ_FRAMES * FZ_FR ||
	    (pa & (FZ_FR - 1)))
		return -1;
	*i = (pa - FZ_BASE) / FZ_FR;
	return (c->other_vm >> *i) & 1 ? -1 : 0;
}

static int fz_read_block(void *ctx, paddr_t pa, uint64_t slots[512])
{
	const struct fz_ctx *c = ctx;
	uint64_t i;
	size_t off, n;

	if (fz_index(c, pa, &i))
		return -14;
	/* Frames past the input's end read as zeros. */
	memset(slots, 0, FZ_FR);
	off = (size_t)(i * FZ_FR);
	if (off < c->mem_len) {
		n = c->mem_len - off < FZ_FR ? c->mem_len - off : FZ_FR;
		memcpy(slots, c->mem + off, n);
	}
	return 0;
}

static int fz_lookup(void *ctx, paddr_t pa, struct ft_region **r,
		     uint64_t *frame)
{
	uint64_t i;

	if (fz_index(ctx, pa, &i))
		return -14;
	/* Three fake regions interleaved so runs both merge and split. */
	*r = &fz_regions[i % 3 == 2 ? 1 : 0];
	*frame = i;
	return 0;
}

static const struct pl_ops fz_ops = { .read_block = fz_read_block,
				      .lookup = fz_lookup };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_hdr h;
	struct fz_ctx c;
	struct pl_result res;
	uint64_t frames = 0, total;

	if (size < sizeof(h))
		return 0;
	memcpy(&h, data, sizeof(h));
	c.mem = data + sizeof(h);
	c.mem_len = size - sizeof(h);
	c.other_vm = h.other_vm;
	if (pagelist_read(&fz_ops, &c, h.buf_ptr, h.size, 64ULL << 20, &res))
		return 0;
	/* What was accepted must be coherent for the layers above. */
	total = h.size + (h.buf_ptr & 0xfff);
	if (!h.size || h.size > (64ULL << 20) || res.offset > 0xfff ||
	    res.n_entries != (total + 0xfff) / 0x1000 || !res.n_runs)
		abort();
	for (size_t i = 0; i < res.n_runs; i++) {
		const struct ft_run *r = &res.runs[i];

		if (!r->nframes)
			abort();
		if (i && res.runs[i - 1].r == r->r &&
		    res.runs[i - 1].first_frame + res.runs[i - 1].nframes ==
		    r->first_frame)
			abort();	/* should have been merged */
		frames += r->nframes;
	}
	if (frames != res.n_entries)
		abort();
	free(res.runs);
	return 0;
}
