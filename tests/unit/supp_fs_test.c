// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the supplicant's FS requests (supp_fs_ops.c) against a
 * temporary root: exact parameter types, names that cannot leave the
 * root, our own handles, the operations themselves.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <tee_client_api.h>

#include "optee_rpc_cmd.h"
#include "supp_fs.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

#define VIN	TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT
#define VOUT	TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT
#define MIN	TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT
#define MOUT	TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT

static char root[64], outside[96];
/* Fake shared memory: memref c = buffer index, a = offset, b = size. */
static uint8_t bufs[3][8192];
static int refs;

static int fake_get(void *ctx, const struct tee_ioctl_param *p, void **ptr,
		    size_t *size, void **ref)
{
	(void)ctx;
	if (p->c >= 3 || p->a > sizeof(bufs[0]) ||
	    p->b > sizeof(bufs[0]) - p->a)
		return -1;
	*ptr = bufs[p->c] + p->a;
	*size = p->b;
	*ref = &refs;
	refs++;
	return 0;
}

static void fake_put(void *ctx, void *ref)
{
	(void)ctx;
	if (ref)
		refs--;
}

static struct supp_req req;

static void rq(uint32_t n, uint64_t op)
{
	memset(&req, 0, sizeof(req));
	req.func = OPTEE_RPC_CMD_FS;
	req.num_params = n;
	req.params[0].attr = VIN;
	req.params[0].a = op;
}

static void mref(uint32_t i, uint64_t attr, uint32_t buf, const void *data,
		 size_t len)
{
	req.params[i].attr = attr;
	req.params[i].a = 0;
	req.params[i].b = len;
	req.params[i].c = buf;
	if (data)
		memcpy(bufs[buf], data, len);
}

static uint32_t go(void)
{
	return supp_fs_handle(&req, fake_get, fake_put, NULL);
}

static uint32_t fs_open(uint64_t op, const char *name, uint64_t *h)
{
	rq(3, op);
	mref(1, MIN, 0, name, strlen(name) + 1);
	req.params[2].attr = VOUT;
	uint32_t r = go();

	*h = req.params[2].a;
	return r;
}

static uint32_t fs_h(uint64_t op, uint64_t h, uint64_t c)
{
	rq(1, op);
	req.params[0].b = h;
	req.params[0].c = c;
	return go();
}

static uint32_t fs_write(uint64_t h, uint64_t off, const char *data)
{
	rq(2, OPTEE_RPC_FS_WRITE);
	req.params[0].b = h;
	req.params[0].c = off;
	mref(1, MIN, 1, data, strlen(data));
	return go();
}

static uint32_t fs_read(uint64_t h, uint64_t off, size_t len, size_t *got)
{
	uint32_t r;

	rq(2, OPTEE_RPC_FS_READ);
	req.params[0].b = h;
	req.params[0].c = off;
	mref(1, MOUT, 1, NULL, len);
	r = go();
	*got = req.params[1].b;
	return r;
}

static uint32_t fs_name_op(uint64_t op, const char *a, const char *b,
			   uint64_t flag)
{
	rq(b ? 3 : 2, op);
	req.params[0].b = flag;
	mref(1, MIN, 0, a, strlen(a) + 1);
	if (b)
		mref(2, MIN, 2, b, strlen(b) + 1);
	return go();
}

static bool exists(const char *rel)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	return access(p, F_OK) == 0;
}

TEST(names_stay_under_the_root)
{
	static const char *const bad[] = {
		"..", "a/../b", "a/..", ".", "./a", "a//b", "a/", "//a",
		"a b", "a\\b", "a\nb", "", "/", "a/b/c/d/e/f/g/h/i",
	};
	static const char *const good[] = { "dirf", "/abc/0123", "a.b-c_d" };
	char out[SUPP_FS_MAX_NAME], longc[300];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!supp_fs_check_name(bad[i], strlen(bad[i]) + 1, out))
			TEST_FAILF("accepted '%s'", bad[i]);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		EXPECT(!supp_fs_check_name(good[i], strlen(good[i]) + 1, out));
	EXPECT(!strcmp(out, "a.b-c_d"));
	/* Not NUL-terminated within the memref; a component of 256 bytes. */
	EXPECT(supp_fs_check_name("abc", 3, out) == -EINVAL);
	memset(longc, 'x', sizeof(longc));
	longc[256] = '\0';
	EXPECT(supp_fs_check_name(longc, 257, out) == -EINVAL);
	longc[255] = '\0';
	EXPECT(!supp_fs_check_name(longc, 256, out));
}

TEST(create_write_close_open_read)
{
	uint64_t h;
	size_t got;

	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "/d1/d2/file", &h), TEEC_SUCCESS);
	CHECK(h && h < (1ULL << 31));
	EXPECT_EQ_U(fs_write(h, 0, "hello world"), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_write(h, 6, "WORLD"), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, h, 0), TEEC_SUCCESS);
	/* A closed handle is no handle. */
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, h, 0), TEEC_ERROR_BAD_PARAMETERS);
	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_OPEN, "d1/d2/file", &h), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_read(h, 0, 100, &got), TEEC_SUCCESS);
	EXPECT(got == 11 && !memcmp(bufs[1], "hello WORLD", 11));
	EXPECT_EQ_U(fs_read(h, 6, 3, &got), TEEC_SUCCESS);
	EXPECT(got == 3 && !memcmp(bufs[1], "WOR", 3));
	EXPECT_EQ_U(fs_read(h, 1ULL << 40, 3, &got), TEEC_SUCCESS);
	EXPECT(got == 0);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_TRUNCATE, h, 5), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_read(h, 0, 100, &got), TEEC_SUCCESS);
	EXPECT(got == 5);
	/* Beyond what we ever store. */
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_TRUNCATE, h, SUPP_FS_MAX_FILE_SIZE + 1),
		    TEEC_ERROR_STORAGE_NO_SPACE);
	EXPECT_EQ_U(fs_write(h, SUPP_FS_MAX_FILE_SIZE, "x"),
		    TEEC_ERROR_STORAGE_NO_SPACE);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, h, 0), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_open(OPTEE_RPC_FS_OPEN, "d1/d2/nothing", &h),
		    TEEC_ERROR_ITEM_NOT_FOUND);
	/* A directory is not a file. */
	EXPECT(fs_open(OPTEE_RPC_FS_OPEN, "d1/d2", &h) != TEEC_SUCCESS);
	EXPECT(refs == 0);
}

TEST(stale_handles_name_no_file)
{
	uint64_t h1, h2;

	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "stale-a", &h1), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, h1, 0), TEEC_SUCCESS);
	/* The same slot again, under another handle. */
	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "stale-b", &h2), TEEC_SUCCESS);
	EXPECT((h1 & 0xffff) == (h2 & 0xffff) && h1 != h2);
	EXPECT_EQ_U(fs_write(h1, 0, "late"), TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(fs_write(h2, 0, "ok"), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, h2, 0), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_name_op(OPTEE_RPC_FS_REMOVE, "stale-a", NULL, 0),
		    TEEC_SUCCESS);
	EXPECT_EQ_U(fs_name_op(OPTEE_RPC_FS_REMOVE, "stale-b", NULL, 0),
		    TEEC_SUCCESS);
}

TEST(rename_and_remove)
{
	uint64_t h;

	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "r/a", &h), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, h, 0), TEEC_SUCCESS);
	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "r/b", &h), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, h, 0), TEEC_SUCCESS);
	/* No overwrite: EEXIST is ACCESS_CONFLICT. */
	EXPECT_EQ_U(fs_name_op(OPTEE_RPC_FS_RENAME, "r/a", "r/b", 0),
		    TEEC_ERROR_ACCESS_CONFLICT);
	EXPECT_EQ_U(fs_name_op(OPTEE_RPC_FS_RENAME, "r/a", "r/b", 1),
		    TEEC_SUCCESS);
	EXPECT(!exists("r/a") && exists("r/b"));
	EXPECT_EQ_U(fs_name_op(OPTEE_RPC_FS_RENAME, "r/a", "r/c", 1),
		    TEEC_ERROR_ITEM_NOT_FOUND);
	EXPECT_EQ_U(fs_name_op(OPTEE_RPC_FS_RENAME, "r/b", "../b", 1),
		    TEEC_ERROR_BAD_PARAMETERS);
	/* Removing the last file removes its empty directory. */
	EXPECT_EQ_U(fs_name_op(OPTEE_RPC_FS_REMOVE, "r/b", NULL, 0),
		    TEEC_SUCCESS);
	EXPECT(!exists("r"));
	EXPECT_EQ_U(fs_name_op(OPTEE_RPC_FS_REMOVE, "r/b", NULL, 0),
		    TEEC_ERROR_ITEM_NOT_FOUND);
}

TEST(directories_list_names_and_short_buffers)
{
	uint64_t h, f;
	bool seen_a = false, seen_b = false;

	rq(3, OPTEE_RPC_FS_OPENDIR);
	mref(1, MIN, 0, "nodir", 6);
	req.params[2].attr = VOUT;
	EXPECT_EQ_U(go(), TEEC_ERROR_ITEM_NOT_FOUND);
	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "l/aaaa", &f), TEEC_SUCCESS);
	fs_h(OPTEE_RPC_FS_CLOSE, f, 0);
	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "l/bb", &f), TEEC_SUCCESS);
	fs_h(OPTEE_RPC_FS_CLOSE, f, 0);
	rq(3, OPTEE_RPC_FS_OPENDIR);
	mref(1, MIN, 0, "l", 2);
	req.params[2].attr = VOUT;
	CHECK_EQ_U(go(), TEEC_SUCCESS);
	h = req.params[2].a;
	for (int i = 0; i < 2; i++) {
		/* Too small: the needed size, and the name is not lost. */
		rq(2, OPTEE_RPC_FS_READDIR);
		req.params[0].b = h;
		mref(1, MOUT, 1, NULL, 2);
		EXPECT_EQ_U(go(), TEEC_ERROR_SHORT_BUFFER);
		EXPECT(req.params[1].b == 3 || req.params[1].b == 5);
		rq(2, OPTEE_RPC_FS_READDIR);
		req.params[0].b = h;
		mref(1, MOUT, 1, NULL, 64);
		CHECK_EQ_U(go(), TEEC_SUCCESS);
		seen_a |= !strcmp((char *)bufs[1], "aaaa") && req.params[1].b == 5;
		seen_b |= !strcmp((char *)bufs[1], "bb") && req.params[1].b == 3;
	}
	EXPECT(seen_a && seen_b);
	rq(2, OPTEE_RPC_FS_READDIR);
	req.params[0].b = h;
	mref(1, MOUT, 1, NULL, 64);
	EXPECT_EQ_U(go(), TEEC_ERROR_ITEM_NOT_FOUND);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSEDIR, h, 0), TEEC_SUCCESS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSEDIR, h, 0), TEEC_ERROR_BAD_PARAMETERS);
}

TEST(symlinks_do_not_lead_out_of_the_root)
{
	char link[128], target[128];
	uint64_t h;
	int fd;

	snprintf(target, sizeof(target), "%s/secret", outside);
	fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	EXPECT(write(fd, "outside", 7) == 7);
	close(fd);
	snprintf(link, sizeof(link), "%s/esc", root);
	CHECK(!symlink(outside, link));
	EXPECT(fs_open(OPTEE_RPC_FS_OPEN, "esc/secret", &h) != TEEC_SUCCESS);
	EXPECT(fs_open(OPTEE_RPC_FS_CREATE, "esc/new", &h) != TEEC_SUCCESS);
	snprintf(link, sizeof(link), "%s/lnk", root);
	CHECK(!symlink(target, link));
	EXPECT(fs_open(OPTEE_RPC_FS_OPEN, "lnk", &h) != TEEC_SUCCESS);
	EXPECT(fs_open(OPTEE_RPC_FS_CREATE, "lnk", &h) != TEEC_SUCCESS);
	snprintf(link, sizeof(link), "%s/new", outside);
	EXPECT(access(link, F_OK) < 0);
	fd = open(target, O_RDONLY);
	CHECK(fd >= 0);
	EXPECT(read(fd, link, 16) == 7);
	close(fd);
}

TEST(exact_parameter_types_and_handles)
{
	uint64_t h;

	/* OPEN with its out value as an in value, or a memref too few. */
	rq(3, OPTEE_RPC_FS_OPEN);
	mref(1, MIN, 0, "x", 2);
	req.params[2].attr = VIN;
	EXPECT_EQ_U(go(), TEEC_ERROR_BAD_PARAMETERS);
	rq(2, OPTEE_RPC_FS_OPEN);
	mref(1, MIN, 0, "x", 2);
	EXPECT_EQ_U(go(), TEEC_ERROR_BAD_PARAMETERS);
	/* READ into an input memref. */
	rq(2, OPTEE_RPC_FS_READ);
	req.params[0].b = 1;
	mref(1, MIN, 1, NULL, 4);
	EXPECT_EQ_U(go(), TEEC_ERROR_BAD_PARAMETERS);
	/* A memref past its buffer, a name not NUL-terminated. */
	rq(2, OPTEE_RPC_FS_REMOVE);
	mref(1, MIN, 0, NULL, sizeof(bufs[0]) + 1);
	EXPECT_EQ_U(go(), TEEC_ERROR_BAD_PARAMETERS);
	rq(2, OPTEE_RPC_FS_REMOVE);
	mref(1, MIN, 0, "abc", 3);
	EXPECT_EQ_U(go(), TEEC_ERROR_BAD_PARAMETERS);
	/* Handles are ours: 0, too big, never opened. */
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, 0, 0), TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, 1ULL << 40, 0),
		    TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSE, SUPP_FS_MAX_FILES, 0),
		    TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(fs_h(OPTEE_RPC_FS_CLOSEDIR, 3, 0), TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_EQ_U(fs_h(99, 0, 0), TEEC_ERROR_NOT_SUPPORTED);
	/* The table is bounded. */
	for (unsigned int i = 0; i < SUPP_FS_MAX_FILES; i++)
		CHECK_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "many", &h),
			   TEEC_SUCCESS);
	EXPECT_EQ_U(fs_open(OPTEE_RPC_FS_CREATE, "many", &h),
		    TEEC_ERROR_OUT_OF_MEMORY);
	supp_fs_reset();
	CHECK_EQ_U(fs_open(OPTEE_RPC_FS_OPEN, "many", &h), TEEC_SUCCESS);
	supp_fs_reset();
	EXPECT(refs == 0);
}

int main(void)
{
	char cmd[256];

	snprintf(root, sizeof(root), "/tmp/supp-fs-XXXXXX");
	snprintf(outside, sizeof(outside), "/tmp/supp-fs-out-XXXXXX");
	if (!mkdtemp(root) || !mkdtemp(outside))
		return 1;
	strcat(root, "/root");
	if (supp_fs_init(root))
		return 1;
	RUN(names_stay_under_the_root);
	RUN(create_write_close_open_read);
	RUN(stale_handles_name_no_file);
	RUN(rename_and_remove);
	RUN(directories_list_names_and_short_buffers);
	RUN(symlinks_do_not_lead_out_of_the_root);
	RUN(exact_parameter_types_and_handles);
	supp_fs_reset();
	*strrchr(root, '/') = '\0';
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", root, outside);
	if (system(cmd))
		return 1;
	return testlib_summary();
}
