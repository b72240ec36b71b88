// SPDX-License-Identifier: BSD-2-Clause
/*
 * docs/performance.md: one section per subcommand between markers, so a
 * subcommand rewrites its own section and keeps the others.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "perf.h"
#include "util.h"

#define PERF_DOC_BEGIN	"<!-- softee-perf section "
#define PERF_DOC_END	"<!-- softee-perf end "
#define PERF_DOC_MAX	(4U << 20)
#define PERF_DOC_SECTIONS 32

/* Sections in this order; names not listed follow in their own order. */
static const char *const perf_doc_order[] = {
	"null", "session", "scale", "shm", "crypto", "hyp", "soak",
};

struct perf_doc_sec {
	char name[32];
	char *text;		/* from the begin marker to after the end marker */
};

static int perf_doc_rank(const char *name)
{
	for (size_t i = 0; i < sizeof(perf_doc_order) / sizeof(perf_doc_order[0]); i++)
		if (!strcmp(name, perf_doc_order[i]))
			return (int)i;
	return (int)(sizeof(perf_doc_order) / sizeof(perf_doc_order[0]));
}

static char *perf_doc_read(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = malloc(PERF_DOC_MAX + 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, PERF_DOC_MAX, f);
	fclose(f);
	buf[n] = 0;
	return buf;
}

/* The sections of an existing report; anything outside markers is dropped. */
static size_t perf_doc_parse(char *doc, struct perf_doc_sec *secs, size_t cap)
{
	size_t n = 0;
	char *p = doc;

	while (p && n < cap) {
		char *b = strstr(p, PERF_DOC_BEGIN), *e, *name, *close;
		char endmark[64];
		size_t len;

		if (!b)
			break;
		name = b + strlen(PERF_DOC_BEGIN);
		len = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-");
		if (!len || len >= sizeof(secs[n].name) ||
		    strncmp(name + len, " -->", 4)) {
			p = name;
			continue;
		}
		memcpy(secs[n].name, name, len);
		secs[n].name[len] = 0;
		snprintf(endmark, sizeof(endmark), PERF_DOC_END "%s -->",
			 secs[n].name);
		e = strstr(name, endmark);
		if (!e)
			break;		/* damaged: keep what came before */
		close = e + strlen(endmark);
		if (*close == '\n')
			close++;
		secs[n].text = strndup(b, (size_t)(close - b));
		if (!secs[n].text)
			break;
		n++;
		p = close;
	}
	return n;
}

static void perf_doc_preamble(FILE *f)
{
	fprintf(f,
		"# softee performance\n\n"
		"Written by `softee perf` (tools/perf): each section below is "
		"rewritten by its subcommand with `--write-doc`, and\n"
		"`build/out/bin/softee perf all --write-doc` regenerates them all "
		"(`--quick` for a short smoke run whose figures are rough).\n"
		"Every figure is a median of many samples unless it says otherwise, "
		"and every comparison is between figures of the same run on the "
		"same machine. The CSV files behind the tables are written to the "
		"output directory (default `build/perf/`); the plots are in "
		"[perf/](perf/).\n\n");
}

int perf_doc_update(const char *path, const char *name, const char *body)
{
	struct perf_doc_sec secs[PERF_DOC_SECTIONS + 1];
	char tmp[PATH_MAX];
	char *doc = perf_doc_read(path);
	size_t n = 0, i;
	bool placed = false;
	int ret = 0, fd;
	FILE *f;

	memset(secs, 0, sizeof(secs));
	if (doc)
		n = perf_doc_parse(doc, secs, PERF_DOC_SECTIONS);
	free(doc);
	if (snprintf(tmp, sizeof(tmp), "%s.tmpXXXXXX", path) >= (int)sizeof(tmp)) {
		ret = -ENAMETOOLONG;
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		ret = -errno;
		if (fd >= 0)
			close(fd);
		goto out;
	}
	perf_doc_preamble(f);
	for (i = 0; i <= n; i++) {
		bool last = i == n;

		/* The new section goes before the first one ranked after it. */
		if (!placed && (last || (strcmp(secs[i].name, name) &&
		    perf_doc_rank(secs[i].name) > perf_doc_rank(name)))) {
			fprintf(f, PERF_DOC_BEGIN "%s -->\n%s", name, body);
			if (body[0] && body[strlen(body) - 1] != '\n')
				fputc('\n', f);
			fprintf(f, PERF_DOC_END "%s -->\n\n", name);
			placed = true;
		}
		if (last || !strcmp(secs[i].name, name))
			continue;
		fprintf(f, "%s\n", secs[i].text);
	}
	ret = ferror(f) ? -EIO : 0;
	if (fclose(f) && !ret)
		ret = -errno;
	if (!ret && chmod(tmp, 0644))
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret)
		unlink(tmp);
out:
	for (i = 0; i < n; i++)
		free(secs[i].text);
	return ret;
}

void perf_doc_head(FILE *f, const char *title, const struct perf_opts *o,
		   const char *compared)
{
	char machine[512], date[64];

	char load[64] = "unknown";
	FILE *la = fopen("/proc/loadavg", "r");

	/* How busy the machine was: figures of a shared machine vary with it. */
	if (la) {
		if (fscanf(la, "%63s", load) != 1)
			snprintf(load, sizeof(load), "unknown");
		fclose(la);
	}
	perf_machine(machine, sizeof(machine));
	perf_date(date, sizeof(date));
	fprintf(f, "## %s\n\n"
		"Machine: %s; load average %s when the report was written. "
		"Run on %s with `%s`%s.\n\n"
		"Compared with: %s.\n",
		title, machine, load, date, o->cmdline,
		o->quick ? " (quick: few samples, rough figures)" : "", compared);
}

/* Copy a file; 0 or -errno. */
static int perf_copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;
	int ret = 0;

	if (in < 0)
		return -errno;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		ret = -errno;
		close(in);
		return ret;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write_full(out, buf, (size_t)n)) {
			ret = -EIO;
			break;
		}
	if (n < 0)
		ret = -errno;
	close(in);
	if (close(out) && !ret)
		ret = -errno;
	return ret;
}

void perf_doc_plot(FILE *f, const struct perf_opts *o, const char *file,
		   const char *alt)
{
	char src[PATH_MAX + 64], dir[PATH_MAX], dst[PATH_MAX + 64];
	const char *slash = strrchr(o->doc_path, '/');

	if (snprintf(src, sizeof(src), "%s/%s", o->out, file) >= (int)sizeof(src) ||
	    access(src, R_OK))
		return;
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s/perf", (int)(slash - o->doc_path),
			 o->doc_path);
	else
		snprintf(dir, sizeof(dir), "perf");
	if (perf_mkdir_p(dir) ||
	    snprintf(dst, sizeof(dst), "%s/%s", dir, file) >= (int)sizeof(dst) ||
	    perf_copy_file(src, dst)) {
		fprintf(stderr, PERF_PROG ": cannot copy %s to %s\n", src, dir);
		return;
	}
	fprintf(f, "\n![%s](perf/%s)\n", alt, file);
}

/* The markdown section of p: heading, plots, tables, problems. */
static int perf_doc_section(const struct perf_opts *o, const struct perf_pub *p,
			    char **text)
{
	size_t len = 0;
	FILE *f = open_memstream(text, &len);

	if (!f)
		return -ENOMEM;
	perf_doc_head(f, p->title, o, p->compared);
	for (size_t i = 0; p->plots && p->plots[i] && p->plots[i + 1]; i += 2)
		perf_doc_plot(f, o, p->plots[i], p->plots[i + 1]);
	p->report(f, true, p->arg);
	if (p->notes && p->notes[0])
		fprintf(f, "\n```\n%s```\n", p->notes);
	for (size_t i = 0; i < PERF_PUB_WORKERS; i++)
		if (p->status[i])
			fprintf(f, "- the %s%sworker ended with status %d (%s)\n",
				p->who[i] ? p->who[i] : "", p->who[i] ? " " : "",
				p->status[i], perf_run_status(p->status[i]));
	if (fclose(f)) {
		free(*text);
		*text = NULL;
		return -ENOMEM;
	}
	return 0;
}

void perf_doc_publish(const struct perf_opts *o, const struct perf_pub *p)
{
	char csv[PATH_MAX + 48];
	char *text = NULL;
	int ret = 0;

	snprintf(csv, sizeof(csv), "%s/%s.csv", o->out, p->name);
	printf("softee perf %s (%s)\n", p->name, o->cmdline);
	p->report(stdout, false, p->arg);
	if (p->notes)
		printf("%s", p->notes);
	if (p->rs)
		ret = perf_recs_save(p->rs, csv);
	if (ret)
		fprintf(stderr, PERF_PROG ": %s: %s\n", csv, strerror(-ret));
	else
		printf("CSV: %s\n", csv);
	if (!o->write_doc)
		return;
	ret = perf_doc_section(o, p, &text);
	if (!ret)
		ret = perf_doc_update(o->doc_path, p->name, text);
	free(text);
	if (ret)
		fprintf(stderr, PERF_PROG ": %s: %s\n", o->doc_path, strerror(-ret));
	else
		printf("Report: %s (section %s)\n", o->doc_path, p->name);
}
