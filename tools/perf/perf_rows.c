// SPDX-License-Identifier: BSD-2-Clause
/* Result rows of softee-perf and their CSV form (worker output and --out file). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "perf.h"

static void perf_copy_field(char *dst, size_t cap, const char *src)
{
	size_t i;

	/* Fields never contain the CSV separators. */
	for (i = 0; src && src[i] && i + 1 < cap; i++)
		dst[i] = (src[i] == ',' || src[i] == '\n' || src[i] == '\r') ?
			 ';' : src[i];
	dst[i] = 0;
}

void perf_row_init(struct perf_row *row, const char *stack, const char *mode,
		   const char *measure, uint64_t size, const char *note)
{
	memset(row, 0, sizeof(*row));
	perf_copy_field(row->stack, sizeof(row->stack), stack);
	perf_copy_field(row->mode, sizeof(row->mode), mode);
	perf_copy_field(row->measure, sizeof(row->measure), measure);
	perf_copy_field(row->note, sizeof(row->note), note);
	row->size = size;
}

void perf_csv_header(FILE *f)
{
	fprintf(f, "stack,mode,measure,size_bytes,median_us,p10_us,p90_us,n,"
		"median_us_per_mib,note\n");
}

void perf_csv_row(FILE *f, const struct perf_row *row)
{
	fprintf(f, "%s,%s,%s,%" PRIu64 ",", row->stack, row->mode,
		row->measure, row->size);
	if (row->n)
		fprintf(f, "%.3f,%.3f,%.3f,%u,%.3f,", row->med_us, row->p10_us,
			row->p90_us, row->n,
			row->med_us / ((double)row->size / PERF_MIB));
	else
		fprintf(f, ",,,0,,");
	fprintf(f, "%s\n", row->note);
}

int perf_results_add(struct perf_results *r, const struct perf_row *row)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 128;
		struct perf_row *v = realloc(r->rows, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		r->rows = v;
		r->cap = cap;
	}
	r->rows[r->n++] = *row;
	return 0;
}

/* Split line at commas into at most max fields (in place). */
static size_t perf_split(char *line, char **f, size_t max)
{
	size_t n = 0;

	line[strcspn(line, "\r\n")] = 0;
	while (n < max) {
		f[n++] = line;
		line = strchr(line, ',');
		if (!line)
			break;
		*line++ = 0;
	}
	return n;
}

static int perf_parse_row(char *line, struct perf_row *row)
{
	char *f[10], *end;
	unsigned long long size, n;

	if (perf_split(line, f, 10) != 10)
		return -EINVAL;
	errno = 0;
	size = strtoull(f[3], &end, 10);
	if (errno || *end || !*f[3])
		return -EINVAL;
	n = strtoull(f[7], &end, 10);
	if (errno || *end || n > UINT32_MAX)
		return -EINVAL;
	perf_row_init(row, f[0], f[1], f[2], size, f[9]);
	row->n = (unsigned int)n;
	if (row->n) {
		row->med_us = strtod(f[4], NULL);
		row->p10_us = strtod(f[5], NULL);
		row->p90_us = strtod(f[6], NULL);
	}
	return 0;
}

int perf_results_load(struct perf_results *r, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int ret = 0;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		struct perf_row row;

		if (!strncmp(line, "stack,", 6) || line[0] == '\n')
			continue;
		if (perf_parse_row(line, &row)) {
			fprintf(stderr, PERF_PROG ": %s: skipping a bad line\n",
				path);
			continue;
		}
		ret = perf_results_add(r, &row);
		if (ret)
			break;
	}
	fclose(f);
	return ret;
}

const struct perf_row *perf_results_find(const struct perf_results *r,
					 const char *stack, const char *mode,
					 const char *measure, uint64_t size)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct perf_row *w = &r->rows[i];

		if (w->size == size && !strcmp(w->stack, stack) &&
		    !strcmp(w->mode, mode) && !strcmp(w->measure, measure))
			return w;
	}
	return NULL;
}

void perf_results_free(struct perf_results *r)
{
	free(r->rows);
	memset(r, 0, sizeof(*r));
}
