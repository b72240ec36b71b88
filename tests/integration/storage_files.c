// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tampering with the REE FS files behind secure storage, from the normal
 * world (where an attacker is): flipped bytes, truncation, growth,
 * swapped files, rolled back versions, removed files, another TA's files.
 * The file of an object is found by what appears in the storage directory
 * when it is created (names reveal nothing else).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage.h"
#include "testlib.h"

#define MAX_FILES	4096

struct snap {
	char *path[MAX_FILES];
	size_t n;
};

static void snap_free(struct snap *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->path[i]);
	s->n = 0;
}

/* Every regular file under dir (two levels: TA directories, files). */
static void snap_take(const char *dir, struct snap *s, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (depth == 0)
		s->n = 0;
	if (!d)
		return;
	while ((de = readdir(d)) && s->n < MAX_FILES) {
		char *p;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s/%s", dir, de->d_name) < 0)
			break;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth < 2) {
			snap_take(p, s, depth + 1);
			free(p);
		} else if (S_ISREG(st.st_mode)) {
			s->path[s->n++] = p;
		} else {
			free(p);
		}
	}
	closedir(d);
}

static bool snap_has(const struct snap *s, const char *p)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->path[i], p))
			return true;
	return false;
}

/* The one file in after that is not in before, or NULL. */
static char *snap_new(const struct snap *before, const struct snap *after)
{
	char *found = NULL;

	for (size_t i = 0; i < after->n; i++) {
		if (snap_has(before, after->path[i]))
			continue;
		if (found)
			return NULL;	/* more than one: cannot tell */
		found = after->path[i];
	}
	return found ? strdup(found) : NULL;
}

/* Create id in s and return the path of the file that holds it. */
static char *create_find(TEEC_Session *s, const char *fs, const char *id,
			 const char *data)
{
	struct snap a, b;
	char *p = NULL;

	(void)stor_delete(s, id);
	snap_take(fs, &a, 0);
	if (stor_create(s, id, data, strlen(data), 0) == TEEC_SUCCESS) {
		snap_take(fs, &b, 0);
		p = snap_new(&a, &b);
		snap_free(&b);
	}
	snap_free(&a);
	return p;
}

static int file_read(const char *p, uint8_t **buf, size_t *len)
{
	struct stat st;
	int fd = open(p, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*len = (size_t)st.st_size;
	*buf = malloc(*len + 1);
	if (!*buf || read(fd, *buf, *len) != (ssize_t)*len) {
		close(fd);
		free(*buf);
		return -1;
	}
	close(fd);
	return 0;
}

static int file_write(const char *p, const uint8_t *buf, size_t len)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, buf, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

static int file_flip(const char *p, size_t where)
{
	uint8_t *b;
	size_t len;
	int rc;

	if (file_read(p, &b, &len))
		return -1;
	if (!len) {
		free(b);
		return -1;
	}
	b[where < len ? where : len / 2] ^= 0x40;
	rc = file_write(p, b, len);
	free(b);
	return rc;
}

/* GP: a corrupt object is reported once, then it has been deleted. */
static void expect_corrupt_then_gone(TEEC_Session *s, const char *id,
				     const char *path)
{
	EXPECT_EQ_U(stor_open_res(s, id, 1), TEEC_ERROR_CORRUPT_OBJECT);
	EXPECT_EQ_U(stor_open_res(s, id, 1), TEEC_ERROR_ITEM_NOT_FOUND);
	if (path)
		EXPECT(access(path, F_OK) < 0 && errno == ENOENT);
}

static void t_flip(TEEC_Session *s, const char *fs, const char *id,
		   size_t where)
{
	char *p = create_find(s, fs, id, "flip me: " STOR_MARKER);

	if (!p) {
		TEST_FAILF("cannot find the file of %s", id);
		return;
	}
	EXPECT(file_flip(p, where) == 0);
	expect_corrupt_then_gone(s, id, p);
	free(p);
}

static void t_resize(TEEC_Session *s, const char *fs, const char *id,
		     long delta)
{
	char *p = create_find(s, fs, id, "resize me: " STOR_MARKER);
	uint8_t *b;
	size_t len;

	if (!p || file_read(p, &b, &len)) {
		TEST_FAILF("cannot find the file of %s", id);
		free(p);
		return;
	}
	if (delta == 0)
		len = 0;		/* truncated to nothing */
	else if (delta < 0)
		len -= (size_t)-delta;
	else
		b[len++] = 0x5a;	/* one byte appended */
	EXPECT(file_write(p, b, len) == 0);
	free(b);
	expect_corrupt_then_gone(s, id, p);
	free(p);
}

static void t_swap(TEEC_Session *s, const char *fs)
{
	char *a = create_find(s, fs, "t-swap-a", "object a " STOR_MARKER);
	char *b = create_find(s, fs, "t-swap-b", "object b " STOR_MARKER);
	char tmp[4200];

	if (!a || !b) {
		TEST_FAILF("cannot find the files");
		goto out;
	}
	snprintf(tmp, sizeof(tmp), "%s.swap", a);
	EXPECT(rename(a, tmp) == 0 && rename(b, a) == 0 && rename(tmp, b) == 0);
	EXPECT_EQ_U(stor_open_res(s, "t-swap-a", 1), TEEC_ERROR_CORRUPT_OBJECT);
	EXPECT_EQ_U(stor_open_res(s, "t-swap-b", 1), TEEC_ERROR_CORRUPT_OBJECT);
	EXPECT_EQ_U(stor_open_res(s, "t-swap-a", 1), TEEC_ERROR_ITEM_NOT_FOUND);
out:
	free(a);
	free(b);
}

/* An older version of the object's own file is refused. */
static void t_rollback(TEEC_Session *s, const char *fs)
{
	char *p = create_find(s, fs, "t-rollback", "version one " STOR_MARKER);
	struct snap before, after;
	char *p2 = NULL;
	uint8_t *old = NULL;
	size_t len;

	if (!p || file_read(p, &old, &len)) {
		TEST_FAILF("cannot find the file");
		free(p);
		return;
	}
	snap_take(fs, &before, 0);
	EXPECT_EQ_U(stor_write(s, "t-rollback", "VERSION TWO", 11, 0),
		    TEEC_SUCCESS);
	snap_take(fs, &after, 0);
	p2 = snap_new(&before, &after);
	EXPECT(p2 != NULL);
	/* Each version has a fresh file; the old one is removed. */
	EXPECT(access(p, F_OK) < 0);
	if (p2) {
		EXPECT(file_write(p2, old, len) == 0);
		expect_corrupt_then_gone(s, "t-rollback", p2);
	}
	snap_free(&before);
	snap_free(&after);
	free(old);
	free(p);
	free(p2);
}

/* An old file put back under its old name is ignored. */
static void t_stale_file(TEEC_Session *s, const char *fs)
{
	char *p = create_find(s, fs, "t-stale", "old content " STOR_MARKER);
	char buf[64];
	uint8_t *old = NULL;
	size_t len, n = 0;

	if (!p || file_read(p, &old, &len)) {
		TEST_FAILF("cannot find the file");
		free(p);
		return;
	}
	EXPECT_EQ_U(stor_write(s, "t-stale", "NEW", 3, 0), TEEC_SUCCESS);
	EXPECT(file_write(p, old, len) == 0);
	EXPECT_EQ_U(stor_read(s, "t-stale", buf, sizeof(buf), &n),
		    TEEC_SUCCESS);
	EXPECT(n == strlen("old content " STOR_MARKER) &&
	       !memcmp(buf, "NEW content", 11));
	EXPECT_EQ_U(stor_delete(s, "t-stale"), TEEC_SUCCESS);
	unlink(p);
	free(old);
	free(p);
}

static void t_removed(TEEC_Session *s, const char *fs)
{
	char *p = create_find(s, fs, "t-removed", "removed " STOR_MARKER);

	if (!p) {
		TEST_FAILF("cannot find the file");
		return;
	}
	EXPECT(unlink(p) == 0);
	expect_corrupt_then_gone(s, "t-removed", NULL);
	free(p);
}

/* Another TA's object file (same id) put in place of ours. */
static void t_cross_ta(TEEC_Session *s1, TEEC_Session *s2, const char *fs)
{
	char *p1 = create_find(s1, fs, "t-cross", "TA one " STOR_MARKER);
	char *p2 = create_find(s2, fs, "t-cross", "TA two " STOR_MARKER);
	uint8_t *b = NULL;
	size_t len;

	if (!p1 || !p2 || file_read(p2, &b, &len)) {
		TEST_FAILF("cannot find the files");
		goto out;
	}
	/* Different directories: the TAs' namespaces are apart. */
	EXPECT(strrchr(p1, '/') - p1 != strrchr(p2, '/') - p2 ||
	       strncmp(p1, p2, (size_t)(strrchr(p1, '/') - p1)) != 0);
	EXPECT(file_write(p1, b, len) == 0);
	expect_corrupt_then_gone(s1, "t-cross", p1);
	EXPECT_EQ_U(stor_open_res(s2, "t-cross", 1), TEEC_SUCCESS);
	EXPECT_EQ_U(stor_delete(s2, "t-cross"), TEEC_SUCCESS);
out:
	free(b);
	free(p1);
	free(p2);
}

int stor_cmd_tamper(const char *fs)
{
	TEEC_Context c1, c2;
	TEEC_Session s1, s2;
	char buf[64];
	size_t n = 0;

	if (!stor_open(&c1, &s1, 1))
		return 1;
	if (!stor_open(&c2, &s2, 2)) {
		stor_close(&s1);
		return 1;
	}
	/* An object that stays intact through all of it. */
	(void)stor_delete(&s1, "t-bystander");
	EXPECT_EQ_U(stor_create(&s1, "t-bystander", "intact", 6, 0),
		    TEEC_SUCCESS);
	testlib_report("storage_tamper_setup");
	t_flip(&s1, fs, "t-flip-body", (size_t)-1);
	testlib_report("storage_tamper_flipped_data_byte_is_corrupt_then_deleted");
	t_flip(&s1, fs, "t-flip-hdr", 20);
	testlib_report("storage_tamper_flipped_header_byte_is_corrupt");
	t_resize(&s1, fs, "t-trunc", -1);
	testlib_report("storage_tamper_truncated_by_one_byte_is_corrupt");
	t_resize(&s1, fs, "t-trunc0", 0);
	testlib_report("storage_tamper_truncated_to_empty_is_corrupt");
	t_resize(&s1, fs, "t-extend", 1);
	testlib_report("storage_tamper_extended_file_is_corrupt");
	t_swap(&s1, fs);
	testlib_report("storage_tamper_swapped_object_files_are_corrupt");
	t_rollback(&s1, fs);
	testlib_report("storage_tamper_older_version_is_corrupt");
	t_stale_file(&s1, fs);
	testlib_report("storage_tamper_stale_file_is_ignored");
	t_removed(&s1, fs);
	testlib_report("storage_tamper_removed_file_is_corrupt");
	t_cross_ta(&s1, &s2, fs);
	testlib_report("storage_tamper_other_tas_file_is_corrupt");
	EXPECT_EQ_U(stor_read(&s1, "t-bystander", buf, sizeof(buf), &n),
		    TEEC_SUCCESS);
	EXPECT(n == 6 && !memcmp(buf, "intact", 6));
	EXPECT_EQ_U(stor_delete(&s1, "t-bystander"), TEEC_SUCCESS);
	testlib_report("storage_tamper_leaves_other_objects_intact");
	stor_close(&s2);
	stor_close(&s1);
	return testlib_summary();
}

/*
 * Put the first TA's directory file in place of the second TA's (both
 * authentic, each bound to its TA): after a restart the second TA's
 * storage must be found corrupt, and only it.
 */
int stor_cmd_dirf_prep(const char *fs)
{
	TEEC_Context c1, c2;
	TEEC_Session s1, s2;
	char *p1, *p2, d1[4200], d2[4200];
	uint8_t *b = NULL;
	size_t len;

	if (!stor_open(&c1, &s1, 1))
		return 1;
	if (!stor_open(&c2, &s2, 2)) {
		stor_close(&s1);
		return 1;
	}
	p1 = create_find(&s1, fs, "dirf-one", "one " STOR_MARKER);
	p2 = create_find(&s2, fs, "dirf-victim", "victim " STOR_MARKER);
	if (!p1 || !p2) {
		TEST_FAILF("cannot find the files");
	} else {
		snprintf(d1, sizeof(d1), "%.*s/dirf",
			 (int)(strrchr(p1, '/') - p1), p1);
		snprintf(d2, sizeof(d2), "%.*s/dirf",
			 (int)(strrchr(p2, '/') - p2), p2);
		EXPECT(strcmp(d1, d2) != 0);
		EXPECT(file_read(d1, &b, &len) == 0);
		if (b)
			EXPECT(file_write(d2, b, len) == 0);
	}
	testlib_report("storage_dirf_swapped_between_tas");
	free(b);
	free(p1);
	free(p2);
	stor_close(&s2);
	stor_close(&s1);
	return testlib_summary();
}

int stor_cmd_dirf_check(void)
{
	TEEC_Context c1, c2;
	TEEC_Session s1, s2;

	if (!stor_open(&c1, &s1, 1))
		return 1;
	if (!stor_open(&c2, &s2, 2)) {
		stor_close(&s1);
		return 1;
	}
	EXPECT_EQ_U(stor_open_res(&s2, "dirf-victim", 1),
		    TEEC_ERROR_CORRUPT_OBJECT);
	/* GP deletes what is corrupt: here, the TA's whole directory. */
	EXPECT_EQ_U(stor_open_res(&s2, "dirf-victim", 1),
		    TEEC_ERROR_ITEM_NOT_FOUND);
	EXPECT_EQ_U(stor_open_res(&s2, "persist-text", 1),
		    TEEC_ERROR_ITEM_NOT_FOUND);
	testlib_report("storage_dirf_of_another_ta_is_corrupt");
	EXPECT_EQ_U(stor_create(&s2, "after-wipe", "fresh", 5, 0),
		    TEEC_SUCCESS);
	EXPECT_EQ_U(stor_open_res(&s2, "after-wipe", 1), TEEC_SUCCESS);
	testlib_report("storage_dirf_corrupt_ta_can_store_again");
	EXPECT_EQ_U(stor_open_res(&s1, "dirf-one", 1), TEEC_SUCCESS);
	EXPECT_EQ_U(stor_open_res(&s1, "persist-text", 1), TEEC_SUCCESS);
	testlib_report("storage_dirf_corruption_stays_in_its_ta");
	stor_close(&s2);
	stor_close(&s1);
	return testlib_summary();
}
