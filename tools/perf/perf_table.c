// SPDX-License-Identifier: BSD-2-Clause
/* Tables built once and printed as aligned text (stdout) or markdown (the report). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "perf.h"

int perf_table_init(struct perf_table *t, const char *title,
		    const char *const *heads)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->title, sizeof(t->title), "%s", title);
	for (; heads[t->ncols] && t->ncols < PERF_TCOLS; t->ncols++)
		snprintf(t->head[t->ncols], PERF_CELL, "%s", heads[t->ncols]);
	return 0;
}

char (*perf_table_row(struct perf_table *t))[PERF_CELL]
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		void *v = realloc(t->cell, cap * sizeof(*t->cell));

		if (!v)
			return NULL;
		t->cell = v;
		t->cap = cap;
	}
	memset(t->cell[t->nrows], 0, sizeof(*t->cell));
	return t->cell[t->nrows++];
}

void perf_table_print(FILE *f, bool md, const struct perf_table *t)
{
	size_t w[PERF_TCOLS], r, c;

	if (!t->nrows)
		return;
	if (md) {
		fprintf(f, "\n#### %s\n\n|", t->title);
		for (c = 0; c < t->ncols; c++)
			fprintf(f, " %s |", t->head[c]);
		fprintf(f, "\n|");
		for (c = 0; c < t->ncols; c++)
			fprintf(f, "%s|", c ? "---:" : "---");
		fprintf(f, "\n");
		for (r = 0; r < t->nrows; r++) {
			fprintf(f, "|");
			for (c = 0; c < t->ncols; c++)
				fprintf(f, " %s |", t->cell[r][c]);
			fprintf(f, "\n");
		}
		return;
	}
	for (c = 0; c < t->ncols; c++) {
		w[c] = strlen(t->head[c]);
		for (r = 0; r < t->nrows; r++)
			if (strlen(t->cell[r][c]) > w[c])
				w[c] = strlen(t->cell[r][c]);
	}
	fprintf(f, "\n%s\n", t->title);
	for (c = 0; c < t->ncols; c++)
		fprintf(f, c ? "  %*s" : "%-*s", (int)w[c], t->head[c]);
	fprintf(f, "\n");
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			fprintf(f, c ? "  %*s" : "%-*s", (int)w[c], t->cell[r][c]);
		fprintf(f, "\n");
	}
}

void perf_table_free(struct perf_table *t)
{
	free(t->cell);
	t->cell = NULL;
	t->nrows = t->cap = 0;
}

void perf_fmt_us(char *cell, double us)
{
	if (us >= 100000)
		snprintf(cell, PERF_CELL, "%.0f", us);
	else if (us >= 100)
		snprintf(cell, PERF_CELL, "%.1f", us);
	else if (us >= 1)
		snprintf(cell, PERF_CELL, "%.2f", us);
	else
		snprintf(cell, PERF_CELL, "%.4f", us);
}

void perf_fmt_num(char *cell, double v)
{
	if (v >= 1000)
		snprintf(cell, PERF_CELL, "%.0f", v);
	else if (v >= 10)
		snprintf(cell, PERF_CELL, "%.1f", v);
	else
		snprintf(cell, PERF_CELL, "%.2f", v);
}

void perf_fmt_ratio(char *cell, double num, double den)
{
	if (!(num > 0) || !(den > 0))
		snprintf(cell, PERF_CELL, "n/a");
	else if (num / den >= 100)
		snprintf(cell, PERF_CELL, "%.0fx", num / den);
	else if (num / den < 0.01)
		snprintf(cell, PERF_CELL, "%.2gx", num / den);
	else
		snprintf(cell, PERF_CELL, "%.2fx", num / den);
}
