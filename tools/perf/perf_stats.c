// SPDX-License-Identifier: BSD-2-Clause
/* Timing samples, percentiles and size parsing for softee-perf. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "perf.h"
#include "util.h"

double perf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int perf_samples_add(struct perf_samples *s, double secs)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		double *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = secs;
	return 0;
}

static int perf_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double perf_samples_pct(struct perf_samples *s, double p)
{
	size_t i;

	if (!s->n)
		return 0;
	qsort(s->v, s->n, sizeof(*s->v), perf_cmp_double);
	/* Nearest rank; the median of an even count is the mean of the two. */
	if (p == 50 && !(s->n & 1))
		return (s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 2;
	i = (size_t)(p / 100.0 * (double)(s->n - 1) + 0.5);
	return s->v[i < s->n ? i : s->n - 1];
}

void perf_samples_free(struct perf_samples *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void perf_row_stats(struct perf_row *row, struct perf_samples *s)
{
	row->n = (unsigned int)s->n;
	if (!s->n)
		return;
	row->med_us = perf_samples_pct(s, 50) * 1e6;
	row->p10_us = perf_samples_pct(s, 10) * 1e6;
	row->p90_us = perf_samples_pct(s, 90) * 1e6;
}

int perf_parse_size(const char *s, uint64_t *out)
{
	uint64_t v;

	/* A memref size of 0 measures nothing. */
	if (softee_parse_size(s, &v) || !v)
		return -EINVAL;
	*out = v;
	return 0;
}

int perf_parse_sizes(const char *list, uint64_t *out, size_t cap, size_t *n)
{
	char tok[32];
	const char *p = list;

	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ",");

		if (!len || len >= sizeof(tok) || *n >= cap)
			return -EINVAL;
		memcpy(tok, p, len);
		tok[len] = 0;
		if (perf_parse_size(tok, &out[*n]))
			return -EINVAL;
		/* The passes work on 8-byte words. */
		if (out[*n] % 8)
			return -EINVAL;
		(*n)++;
		p += len;
		if (*p == ',')
			p++;
	}
	return *n ? 0 : -EINVAL;
}

void perf_fmt_size(uint64_t size, char *buf, size_t cap)
{
	if (size >= (1ULL << 30) && !(size % (1ULL << 30)))
		snprintf(buf, cap, "%" PRIu64 "G", size >> 30);
	else if (size >= (1ULL << 20) && !(size % (1ULL << 20)))
		snprintf(buf, cap, "%" PRIu64 "M", size >> 20);
	else if (size >= 1024 && !(size % 1024))
		snprintf(buf, cap, "%" PRIu64 "K", size >> 10);
	else
		snprintf(buf, cap, "%" PRIu64, size);
}
