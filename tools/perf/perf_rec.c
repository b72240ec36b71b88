// SPDX-License-Identifier: BSD-2-Clause
/* Result rows of the latency/throughput subcommands and their CSV form. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "perf.h"

#define PERF_REC_FIELDS	11

static void perf_rec_field(char *dst, size_t cap, const char *src)
{
	size_t i;

	/* Fields never contain the CSV separators. */
	for (i = 0; src && src[i] && i + 1 < cap; i++)
		dst[i] = (src[i] == ',' || src[i] == '\n' || src[i] == '\r') ?
			 ';' : src[i];
	dst[i] = 0;
}

void perf_rec_init(struct perf_rec *r, const char *config,
		   const char *measure, uint64_t x, const char *note)
{
	memset(r, 0, sizeof(*r));
	perf_rec_field(r->config, sizeof(r->config), config);
	perf_rec_field(r->measure, sizeof(r->measure), measure);
	perf_rec_field(r->note, sizeof(r->note), note);
	r->x = x;
}

void perf_rec_stats(struct perf_rec *r, struct perf_samples *s)
{
	r->n = (unsigned int)s->n;
	if (!s->n)
		return;
	r->med_us = perf_samples_pct(s, 50) * 1e6;
	r->p10_us = perf_samples_pct(s, 10) * 1e6;
	r->p90_us = perf_samples_pct(s, 90) * 1e6;
	r->p99_us = perf_samples_pct(s, 99) * 1e6;
}

void perf_rec_csv_header(FILE *f)
{
	fprintf(f, "config,measure,x,median_us,p10_us,p90_us,p99_us,n,rate,"
		"unit,note\n");
}

void perf_rec_csv(FILE *f, const struct perf_rec *r)
{
	fprintf(f, "%s,%s,%" PRIu64 ",", r->config, r->measure, r->x);
	if (r->n)
		fprintf(f, "%.3f,%.3f,%.3f,%.3f,%u,", r->med_us, r->p10_us,
			r->p90_us, r->p99_us, r->n);
	else
		fprintf(f, ",,,,0,");
	if (r->rate > 0)
		fprintf(f, "%.3f,%s,", r->rate, r->unit);
	else
		fprintf(f, ",,");
	fprintf(f, "%s\n", r->note);
}

int perf_recs_add(struct perf_recs *rs, const struct perf_rec *r)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		struct perf_rec *v = realloc(rs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		rs->v = v;
		rs->cap = cap;
	}
	rs->v[rs->n++] = *r;
	return 0;
}

/* A number field: empty is 0; anything else must parse whole. */
static int perf_rec_num(const char *s, double *v)
{
	char *end;

	*v = 0;
	if (!*s)
		return 0;
	errno = 0;
	*v = strtod(s, &end);
	return errno || *end || *v < 0 ? -EINVAL : 0;
}

static int perf_rec_parse(char *line, struct perf_rec *r)
{
	char *f[PERF_REC_FIELDS], *p = line, *end;
	unsigned long long x, n;
	size_t k = 0;

	line[strcspn(line, "\r\n")] = 0;
	while (k < PERF_REC_FIELDS) {
		f[k++] = p;
		p = strchr(p, ',');
		if (!p)
			break;
		*p++ = 0;
	}
	if (k != PERF_REC_FIELDS || p)
		return -EINVAL;
	errno = 0;
	x = strtoull(f[2], &end, 10);
	if (errno || *end || !*f[2])
		return -EINVAL;
	n = strtoull(f[7], &end, 10);
	if (errno || *end || n > UINT32_MAX)
		return -EINVAL;
	perf_rec_init(r, f[0], f[1], x, f[10]);
	r->n = (unsigned int)n;
	if (perf_rec_num(f[3], &r->med_us) || perf_rec_num(f[4], &r->p10_us) ||
	    perf_rec_num(f[5], &r->p90_us) || perf_rec_num(f[6], &r->p99_us) ||
	    perf_rec_num(f[8], &r->rate))
		return -EINVAL;
	perf_rec_field(r->unit, sizeof(r->unit), f[9]);
	return 0;
}

int perf_recs_load(struct perf_recs *rs, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int ret = 0;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		struct perf_rec r;

		if (!strncmp(line, "config,", 7) || line[0] == '\n')
			continue;
		if (perf_rec_parse(line, &r)) {
			fprintf(stderr, PERF_PROG ": %s: skipping a bad line\n", path);
			continue;
		}
		ret = perf_recs_add(rs, &r);
		if (ret)
			break;
	}
	fclose(f);
	return ret;
}

const struct perf_rec *perf_recs_find(const struct perf_recs *rs,
				      const char *config, const char *measure,
				      uint64_t x)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct perf_rec *r = &rs->v[i];

		if (r->x == x && !strcmp(r->config, config) &&
		    !strcmp(r->measure, measure))
			return r;
	}
	return NULL;
}

int perf_recs_save(const struct perf_recs *rs, const char *path)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -errno;
	perf_rec_csv_header(f);
	for (size_t i = 0; i < rs->n; i++)
		perf_rec_csv(f, &rs->v[i]);
	ret = ferror(f) ? -EIO : 0;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

void perf_recs_free(struct perf_recs *rs)
{
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

FILE *perf_raw_open(const char *path)
{
	FILE *f = fopen(path, "a");

	if (!f)
		fprintf(stderr, PERF_PROG ": %s: %s\n", path, strerror(errno));
	return f;
}

void perf_raw_emit(FILE *f, const struct perf_rec *r)
{
	perf_rec_csv(f, r);
	/* The controller reads the file after the stack is gone: flush now. */
	fflush(f);
}

int perf_run_recs(const char *bin_dir, const char *name,
		  const char *const *wargs, const char *raw,
		  struct perf_recs *rs, int *status)
{
	*status = perf_run_stack(bin_dir, NULL, wargs);
	if (perf_recs_load(rs, raw) || !rs->n) {
		fprintf(stderr, PERF_PROG ": %s: no results (%s, status %d)\n",
			name, perf_run_status(*status), *status);
		perf_recs_free(rs);
		return -1;
	}
	unlink(raw);
	return 0;
}
