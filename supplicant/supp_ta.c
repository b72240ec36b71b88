/* SPDX-License-Identifier: BSD-2-Clause */
/* Loading TA images from the TA directories into supplicant shm. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <tee_client_api.h>

#include "log.h"
#include "supp_shm.h"
#include "supp_ta.h"
#include "util.h"

static const char *supp_ta_dirs[SUPP_MAX_TA_DIRS];
static size_t supp_ta_ndirs;

int supp_ta_add_dir(const char *dir)
{
	if (supp_ta_ndirs >= SUPP_MAX_TA_DIRS)
		return -E2BIG;
	supp_ta_dirs[supp_ta_ndirs++] = dir;
	return 0;
}

size_t supp_ta_num_dirs(void)
{
	return supp_ta_ndirs;
}

const char *supp_ta_dir(size_t idx)
{
	return idx < supp_ta_ndirs ? supp_ta_dirs[idx] : NULL;
}

/* Open the first <uuid>.ta found; returns an fd and its size, or -errno. */
static int supp_ta_open(const uint8_t uuid[16], size_t *size, char *path,
			size_t cap)
{
	struct stat st;
	size_t i;
	int fd;

	for (i = 0; i < supp_ta_ndirs; i++) {
		if (supp_ta_path(supp_ta_dirs[i], uuid, path, cap))
			continue;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size < 0) {
			WMSG("ignoring %s: not a regular file", path);
			close(fd);
			continue;
		}
		/*
		 * Any size, even 0 or over SOFTEE_TA_IMG_MAX_SIZE: the secure
		 * world judges the image and logs why it refuses it.
		 */
		*size = (size_t)st.st_size;
		return fd;
	}
	return -ENOENT;
}

uint32_t supp_ta_cmd_load(struct supp_req *req)
{
	struct tee_ioctl_param *mp = &req->params[1];
	struct supp_shm *ref = NULL;
	char path[4096];
	uint8_t uuid[16];
	size_t file_size = 0;
	size_t buf_size = 0;
	void *buf = NULL;
	uint32_t ret;
	int fd;
	int rc;

	if (req->num_params != 2 || !supp_req_is_value(req, 0) ||
	    !supp_req_is_memref(req, 1) ||
	    (mp->attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK) ==
		    TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (supp_shm_get_memref(mp, &buf, &buf_size, &ref))
		return TEEC_ERROR_BAD_PARAMETERS;

	supp_ta_uuid_from_value(req->params[0].a, req->params[0].b, uuid);
	fd = supp_ta_open(uuid, &file_size, path, sizeof(path));
	if (fd < 0) {
		uuid_octets_to_str(uuid, path);
		IMSG_LOG("TA %s not found", path);
		ret = TEEC_ERROR_ITEM_NOT_FOUND;
		goto out;
	}

	/* Like tee-supplicant: a NULL buffer is a size query, not an error. */
	mp->b = file_size;
	if (!buf) {
		ret = TEEC_SUCCESS;
	} else if (file_size > buf_size) {
		ret = TEEC_ERROR_SHORT_BUFFER;
	} else {
		rc = read_full(fd, buf, file_size);
		if (rc) {
			EMSG("reading %s: %s", path, strerror(-rc));
			ret = TEEC_ERROR_GENERIC;
		} else {
			DMSG_LOG("loaded %s (%zu bytes)", path, file_size);
			ret = TEEC_SUCCESS;
		}
	}
	close(fd);
out:
	supp_shm_put(ref);
	return ret;
}
