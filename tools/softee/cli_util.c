/* SPDX-License-Identifier: BSD-2-Clause */
/* File and directory helpers of the softee command line tool. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

int cli_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	struct stat st;
	char *b;
	int fd;
	int rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > max) {
		rc = S_ISREG(st.st_mode) ? -EFBIG : -EINVAL;
		goto out;
	}
	/* One spare byte so text files can be NUL-terminated. */
	b = malloc((size_t)st.st_size + 1);
	if (!b) {
		rc = -ENOMEM;
		goto out;
	}
	rc = read_full(fd, b, (size_t)st.st_size);
	if (rc) {
		free(b);
		goto out;
	}
	b[st.st_size] = '\0';
	*buf = b;
	*len = (size_t)st.st_size;
out:
	close(fd);
	return rc;
}

int cli_write_file(const char *path, const void *buf, size_t len, int mode)
{
	char tmp[PATH_MAX];
	int fd;
	int rc;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >=
	    (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return -errno;
	rc = write_full(fd, buf, len);
	if (close(fd) < 0 && !rc)
		rc = -errno;
	/* Replace atomically: readers never see a half-written file. */
	if (!rc && rename(tmp, path) < 0)
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}

static int cli_rm_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	if (flag == FTW_DP)
		return rmdir(path) < 0 ? -1 : 0;
	return unlink(path) < 0 ? -1 : 0;
}

int cli_rm_rf(const char *dir)
{
	if (nftw(dir, cli_rm_one, 16, FTW_DEPTH | FTW_PHYS) < 0)
		return -errno;
	return 0;
}

int cli_bin_dir(char *buf, size_t cap)
{
	char exe[PATH_MAX];
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return -errno;
	exe[n] = '\0';
	if (snprintf(buf, cap, "%s", dirname(exe)) >= (int)cap)
		return -ENAMETOOLONG;
	return 0;
}

void cli_default_run_dir(char *buf, size_t cap)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	if (xdg && *xdg == '/' && !stat(xdg, &st) && S_ISDIR(st.st_mode))
		snprintf(buf, cap, "%s/softee", xdg);
	else
		snprintf(buf, cap, "/tmp/softee-%u", (unsigned int)getuid());
}

int cli_mkdir_p(const char *dir)
{
	char tmp[PATH_MAX];
	char *p;

	if (snprintf(tmp, sizeof(tmp), "%s", dir) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

void cli_print_log_tail(const char *path, int lines)
{
	size_t len = 0;
	char *buf = NULL;
	size_t start;
	int seen = 0;

	if (cli_read_file(path, 64U << 20, &buf, &len)) {
		fprintf(stderr, "  (no log at %s)\n", path);
		return;
	}
	start = len;
	if (start && buf[start - 1] == '\n')
		start--;
	while (start > 0) {
		if (buf[start - 1] == '\n' && ++seen == lines)
			break;
		start--;
	}
	if (len == 0)
		fprintf(stderr, "  (%s is empty)\n", path);
	else
		fprintf(stderr, "---- last lines of %s ----\n%.*s%s----\n", path,
			(int)(len - start), buf + start,
			buf[len - 1] == '\n' ? "" : "\n");
	free(buf);
}
