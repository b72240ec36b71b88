// SPDX-License-Identifier: BSD-2-Clause
/* Checks every message from the secure world before the host acts on it. */
#include <errno.h>
#include <string.h>

#include "ta_msg.h"

/* GP param type nibbles (the TA API's TEE_PARAM_TYPE_* values). */
enum {
	TA_PT_NONE = 0,
	TA_PT_VALUE_IN = 1,
	TA_PT_VALUE_OUT = 2,
	TA_PT_VALUE_INOUT = 3,
	TA_PT_MEMREF_IN = 5,
	TA_PT_MEMREF_OUT = 6,
	TA_PT_MEMREF_INOUT = 7,
};

int ta_msg_type_is_memref(uint32_t t)
{
	return t == TA_PT_MEMREF_IN || t == TA_PT_MEMREF_OUT ||
	       t == TA_PT_MEMREF_INOUT;
}

int ta_msg_type_is_value(uint32_t t)
{
	return t == TA_PT_VALUE_IN || t == TA_PT_VALUE_OUT ||
	       t == TA_PT_VALUE_INOUT;
}

int ta_msg_wants_reply(uint32_t op)
{
	return op == SOFTEE_TA_LOAD || op == SOFTEE_TA_OPEN_SESSION ||
	       op == SOFTEE_TA_INVOKE || op == SOFTEE_TA_CLOSE_SESSION ||
	       op == SOFTEE_TA_DESTROY;
}

void ta_msg_run(const struct ta_msg *m, uint32_t i, struct softee_ta_run *run)
{
	memcpy(run, m->runs + (size_t)i * sizeof(*run), sizeof(*run));
}

uint64_t ta_msg_memref_len(const struct ta_msg *m, unsigned int p)
{
	const struct softee_ta_memref *mr = &m->u.call.params[p].memref;
	struct softee_ta_run run;
	uint64_t total = 0;
	uint32_t i;

	for (i = 0; i < mr->n_runs; i++) {
		ta_msg_run(m, mr->first_run + i, &run);
		total += run.length;
	}
	return total;
}

static int ta_msg_check_run(const struct softee_ta_run *run)
{
	uint64_t end;

	if (!run->length || run->length % TA_PAGE_SIZE ||
	    run->file_offset % TA_PAGE_SIZE)
		return -EBADMSG;
	if (__builtin_add_overflow(run->file_offset, run->length, &end))
		return -EBADMSG;
	/* mmap takes an off_t: keep the end representable. */
	if (end > (uint64_t)INT64_MAX)
		return -EBADMSG;
	return 0;
}

static int ta_msg_check_memref(const struct ta_msg *m,
			       const struct softee_ta_memref *mr)
{
	struct softee_ta_run run;
	uint64_t total = 0, last, end;
	uint32_t i;

	if (!mr->n_runs)
		return 0;	/* NULL buffer; size is only what GP shows */
	if (__builtin_add_overflow((uint64_t)mr->first_run, mr->n_runs, &last) ||
	    last > m->u.call.n_runs)
		return -EBADMSG;
	for (i = 0; i < mr->n_runs; i++) {
		ta_msg_run(m, mr->first_run + i, &run);
		if (__builtin_add_overflow(total, run.length, &total) ||
		    total > TA_MAX_WINDOW)
			return -EBADMSG;
	}
	/* The buffer must lie wholly inside the window. */
	if (__builtin_add_overflow(mr->offset, mr->size, &end) || end > total)
		return -EBADMSG;
	return 0;
}

static int ta_msg_check_call(struct ta_msg *m, const unsigned char *p,
			     size_t len)
{
	const struct softee_ta_call *c = &m->u.call;
	struct softee_ta_run run;
	size_t need;
	uint32_t i, t;

	if (len < sizeof(*c))
		return -EBADMSG;
	memcpy(&m->u.call, p, sizeof(*c));
	if (c->n_runs > SOFTEE_TA_MAX_RUNS)
		return -EBADMSG;
	need = sizeof(*c) + (size_t)c->n_runs * sizeof(struct softee_ta_run);
	if (len != need)
		return -EBADMSG;
	m->runs = p + sizeof(*c);
	for (i = 0; i < c->n_runs; i++) {
		ta_msg_run(m, i, &run);
		if (ta_msg_check_run(&run))
			return -EBADMSG;
	}
	if (c->param_types >> 16)
		return -EBADMSG;
	for (i = 0; i < 4; i++) {
		t = (c->param_types >> (4 * i)) & 0xF;
		if (t == TA_PT_NONE || ta_msg_type_is_value(t))
			continue;
		if (!ta_msg_type_is_memref(t))
			return -EBADMSG;
		if (ta_msg_check_memref(m, &c->params[i].memref))
			return -EBADMSG;
	}
	return 0;
}

int ta_msg_parse(const void *buf, size_t len, int nfds, struct ta_msg *m)
{
	const unsigned char *p = buf;
	struct softee_ta_hdr hdr;
	int want_fds = 0;

	memset(m, 0, sizeof(*m));
	if (!buf || len < sizeof(hdr) || len > SOFTEE_TA_MAX_MSG)
		return -EBADMSG;
	memcpy(&hdr, p, sizeof(hdr));
	if (hdr.magic != SOFTEE_TA_MAGIC || hdr.len != len - sizeof(hdr))
		return -EBADMSG;
	p += sizeof(hdr);
	len -= sizeof(hdr);
	switch (hdr.op) {
	case SOFTEE_TA_LOAD:
	case SOFTEE_TA_OPEN_SESSION:
	case SOFTEE_TA_INVOKE:
	case SOFTEE_TA_CLOSE_SESSION:
	case SOFTEE_TA_DESTROY:
	case SOFTEE_TA_REGION_GIVE:
	case SOFTEE_TA_REGION_DROP:
		break;
	default:
		return -EBADMSG;
	}
	m->op = hdr.op;
	m->seq = hdr.seq;

	switch (hdr.op) {
	case SOFTEE_TA_LOAD:
		if (len != sizeof(m->u.load))
			return -EBADMSG;
		memcpy(&m->u.load, p, len);
		want_fds = 2;
		break;
	case SOFTEE_TA_REGION_GIVE:
	case SOFTEE_TA_REGION_DROP:
		if (len != sizeof(m->u.region))
			return -EBADMSG;
		memcpy(&m->u.region, p, len);
		want_fds = hdr.op == SOFTEE_TA_REGION_GIVE;
		break;
	case SOFTEE_TA_DESTROY:
		if (len)
			return -EBADMSG;
		break;
	default:
		if (ta_msg_check_call(m, p, len))
			return -EBADMSG;
		break;
	}
	if (nfds != want_fds)
		return -EBADMSG;
	return 0;
}
