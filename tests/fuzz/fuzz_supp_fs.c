/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: the supplicant's RPC FS requests, as a hostile secure
 * world could send them, served for real in a scratch root directory.
 * Input: u16 n, n bytes of shared memory (three buffers' worth), then a
 * sequence of TEE_IOC_SUPPL_RECV results (header + params) run in order,
 * so handles opened by one request are used by the next. Afterwards
 * nothing may exist beside the root (no escape through names).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "optee_rpc_cmd.h"
#include "supp_fs.h"
#include "supp_req.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_BUF	2048
#define FUZZ_MAX_REQS	16

static char base[64], root[80];
static uint8_t shm[3][FUZZ_BUF];
static unsigned long runs;

static int fuzz_get(void *ctx, const struct tee_ioctl_param *p, void **ptr,
		    size_t *sz, void **ref)
{
	(void)ctx;
	*ref = NULL;
	if (p->c == TEE_MEMREF_NULL) {
		*ptr = NULL;
		*sz = 0;
		return 0;
	}
	if (p->c >= 3 || supp_req_check_range(p->a, p->b, FUZZ_BUF))
		return -1;
	*ptr = shm[p->c] + p->a;
	*sz = (size_t)p->b;
	return 0;
}

static void fuzz_put(void *ctx, void *ref)
{
	(void)ctx;
	(void)ref;
}

/* Remove everything under dir (scratch only: our own root). */
static void wipe(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[4096];

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR && depth < 16) {
			wipe(p, depth + 1);
			rmdir(p);
		} else {
			unlink(p);
		}
	}
	closedir(d);
}

/* Only the root may exist in base: anything else escaped. */
static void check_no_escape(void)
{
	DIR *d = opendir(base);
	struct dirent *de;

	if (!d)
		abort();
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, "root"))
			abort();
	closedir(d);
}

static void cleanup(void)
{
	supp_fs_reset();
	wipe(root, 0);
	rmdir(root);
	rmdir(base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct supp_req req;
	size_t off, n;

	if (!base[0]) {
		/* Refused names are logged as errors: expected by the thousand. */
		softee_log_level = -1;
		atexit(cleanup);
		snprintf(base, sizeof(base), "/tmp/softee-fuzz-fs-%d", getpid());
		snprintf(root, sizeof(root), "%s/root", base);
		if (mkdir(base, 0700) && errno != EEXIST)
			abort();
		if (supp_fs_init(root))
			abort();
	}
	if (size < 2)
		return 0;
	n = (size_t)data[0] | (size_t)data[1] << 8;
	off = 2;
	if (n > size - off)
		n = size - off;
	memset(shm, 0, sizeof(shm));
	memcpy(shm, data + off, n < sizeof(shm) ? n : sizeof(shm));
	off += n;
	(void)supp_fs_check_name(shm[0], FUZZ_BUF, (char[SUPP_FS_MAX_NAME]){ 0 });
	for (int i = 0; i < FUZZ_MAX_REQS && off < size; i++) {
		struct tee_iocl_supp_recv_arg hdr;
		size_t need;

		if (size - off < sizeof(hdr))
			break;
		memcpy(&hdr, data + off, sizeof(hdr));
		need = sizeof(hdr) + (size_t)(hdr.num_params % 8) *
				     sizeof(struct tee_ioctl_param);
		if (need > size - off)
			break;
		if (supp_req_decode(data + off, need, false, &req) == 0) {
			req.func = OPTEE_RPC_CMD_FS;
			(void)supp_fs_handle(&req, fuzz_get, fuzz_put, NULL);
		}
		off += need;
	}
	check_no_escape();
	/* Keep the scratch root small: start afresh now and then. */
	if (++runs % 64 == 0) {
		supp_fs_reset();
		wipe(root, 0);
	}
	return 0;
}
