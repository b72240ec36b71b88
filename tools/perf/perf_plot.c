// SPDX-License-Identifier: BSD-2-Clause
/* PNG plots of softee-perf results: a data file and a script for gnuplot. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "perf.h"

int perf_plot_series(struct perf_plot *p, const char *name)
{
	if (p->nseries >= PERF_PLOT_MAX_SERIES)
		return -1;
	memset(&p->s[p->nseries], 0, sizeof(p->s[0]));
	snprintf(p->s[p->nseries].name, sizeof(p->s[0].name), "%s", name);
	return (int)p->nseries++;
}

int perf_plot_point(struct perf_plot *p, size_t series, double x, double y)
{
	struct perf_series *s;
	double *nx, *ny;

	if (series >= p->nseries)
		return -1;
	s = &p->s[series];
	nx = realloc(s->x, (s->n + 1) * sizeof(*nx));
	if (!nx)
		return -1;
	s->x = nx;
	ny = realloc(s->y, (s->n + 1) * sizeof(*ny));
	if (!ny)
		return -1;
	s->y = ny;
	s->x[s->n] = x;
	s->y[s->n] = y;
	s->n++;
	return 0;
}

void perf_plot_free(struct perf_plot *p)
{
	for (size_t i = 0; i < p->nseries; i++) {
		free(p->s[i].x);
		free(p->s[i].y);
	}
	p->nseries = 0;
}

static bool perf_plot_missing(double y, bool logy)
{
	return isnan(y) || y < 0 || (logy && y <= 0);
}

/* Names go into gnuplot strings: keep them to harmless characters. */
static void perf_plot_quote(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' || *s == '\\' ? '\'' : *s, f);
	fputc('"', f);
}

static int perf_plot_data(const struct perf_plot *p, const char *path)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -errno;
	if (p->bars) {
		/* One line per bar group: label, then one column per series. */
		size_t n = p->nseries ? p->s[0].n : 0;

		for (size_t i = 0; i < n; i++) {
			perf_plot_quote(f, p->xtics && p->xtics[i] ? p->xtics[i] : "?");
			for (size_t k = 0; k < p->nseries; k++) {
				double y = i < p->s[k].n ? p->s[k].y[i] : NAN;

				if (perf_plot_missing(y, p->logy))
					fprintf(f, " ?");
				else
					fprintf(f, " %.6g", y);
			}
			fputc('\n', f);
		}
	} else {
		/* One block per series, selected with `index`. */
		for (size_t k = 0; k < p->nseries; k++) {
			for (size_t i = 0; i < p->s[k].n; i++)
				if (!perf_plot_missing(p->s[k].y[i], p->logy))
					fprintf(f, "%.6g %.6g\n", p->s[k].x[i],
						p->s[k].y[i]);
			/* gnuplot cannot select an empty block: keep one point. */
			if (!p->s[k].n)
				fprintf(f, "? ?\n");
			fprintf(f, "\n\n");
		}
	}
	ret = ferror(f) ? -EIO : 0;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

static int perf_plot_script(const struct perf_plot *p, const char *path,
			    const char *data, const char *png)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -errno;
	fprintf(f, "set terminal pngcairo size 960,560 noenhanced font \"sans,10\"\n"
		"set output ");
	perf_plot_quote(f, png);
	fprintf(f, "\nset datafile missing \"?\"\nset title ");
	perf_plot_quote(f, p->title);
	fprintf(f, "\nset xlabel ");
	perf_plot_quote(f, p->xlabel);
	fprintf(f, "\nset ylabel ");
	perf_plot_quote(f, p->ylabel);
	fprintf(f, "\nset grid\nset key outside right top\n");
	if (p->logx && !p->bars)
		fprintf(f, "set logscale x 2\n");
	if (p->logy)
		fprintf(f, "set logscale y 10\n");
	if (p->bars) {
		fprintf(f, "set style data histograms\n"
			"set style histogram clustered gap 1\n"
			"set style fill solid 0.8 border -1\n"
			"set boxwidth 0.9\nset xtics rotate by -30\n"
			"set yrange [%s:*]\n", p->logy ? "*" : "0");
		for (size_t k = 0; k < p->nseries; k++) {
			fprintf(f, "%s", k ? ", \\\n     '' " : "plot ");
			if (!k)
				perf_plot_quote(f, data);
			if (k)
				fprintf(f, "using %zu title ", k + 2);
			else
				fprintf(f, " using 2:xtic(1) title ");
			perf_plot_quote(f, p->s[k].name);
		}
	} else {
		for (size_t k = 0; k < p->nseries; k++) {
			fprintf(f, "%s", k ? ", \\\n     " : "plot ");
			perf_plot_quote(f, data);
			fprintf(f, " index %zu using 1:2 with linespoints "
				"lw 2 pt 7 ps 0.6 title ", k);
			perf_plot_quote(f, p->s[k].name);
		}
	}
	fprintf(f, "\n");
	ret = ferror(f) ? -EIO : 0;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

/* gnuplot SCRIPT, its complaints into LOG; the exit status or -errno. */
static int perf_plot_exec(const char *script, const char *log)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execlp("gnuplot", "gnuplot", script, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

int perf_plot_render(const struct perf_plot *p, const char *out_dir,
		     char *why, size_t why_cap)
{
	char base[PATH_MAX], data[PATH_MAX + 8], script[PATH_MAX + 8];
	char png[PATH_MAX + 8], log[PATH_MAX + 8];
	size_t len = strlen(p->file);
	int ret;

	/* Everything beside the PNG: NAME.png, NAME.dat, NAME.gp, NAME.log. */
	if (len < 5 || strcmp(p->file + len - 4, ".png") ||
	    snprintf(base, sizeof(base), "%s/%.*s", out_dir, (int)(len - 4),
		     p->file) >= (int)sizeof(base)) {
		snprintf(why, why_cap, "bad plot name %s", p->file);
		return -1;
	}
	snprintf(data, sizeof(data), "%s.dat", base);
	snprintf(script, sizeof(script), "%s.gp", base);
	snprintf(png, sizeof(png), "%s.png", base);
	snprintf(log, sizeof(log), "%s.log", base);
	ret = perf_plot_data(p, data);
	if (!ret)
		ret = perf_plot_script(p, script, data, png);
	if (ret) {
		snprintf(why, why_cap, "cannot write %s: %s", base, strerror(-ret));
		return -1;
	}
	unlink(png);
	ret = perf_plot_exec(script, log);
	if (ret == 127) {
		snprintf(why, why_cap, "gnuplot not found (scripts/install-deps.sh "
			 "installs gnuplot-nox); data and script in %s.{dat,gp}",
			 base);
		return -1;
	}
	if (ret || access(png, R_OK)) {
		snprintf(why, why_cap, "gnuplot failed (status %d), see %s", ret, log);
		return -1;
	}
	unlink(log);
	return 0;
}
