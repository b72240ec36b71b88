/* SPDX-License-Identifier: BSD-2-Clause */
/* TA loading: LOAD_TA through the supplicant, verification, sealed ELF memfd. */
#define _GNU_SOURCE
#include "ta_loader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "optee_rpc_cmd.h"
#include "rpc.h"
#include "softee_ta_image.h"
#include "sw_config.h"
#include "tee_err.h"
#include "util.h"

int ta_loader_read_pubkey(const char *path)
{
	struct stat st;
	char *buf;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || st.st_size <= 0 || st.st_size > 65536) {
		close(fd);
		return -EINVAL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	ret = read_full(fd, buf, (size_t)st.st_size);
	close(fd);
	if (ret) {
		free(buf);
		return ret;
	}
	buf[st.st_size] = '\0';
	/* A wrong key would refuse every TA: say so at start-up instead. */
	ret = ta_image_check_pubkey(buf, (size_t)st.st_size);
	if (ret) {
		free(buf);
		return ret;
	}
	free(sw_cfg.ta_pubkey);
	sw_cfg.ta_pubkey = buf;
	sw_cfg.ta_pubkey_len = (size_t)st.st_size;
	return 0;
}

static void ta_loader_uuid_param(struct optee_msg_param *p,
				 const uint8_t uuid[16])
{
	p->attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	memcpy(&p->u.value.a, uuid, 8);
	memcpy(&p->u.value.b, uuid + 8, 8);
}

/* Ask for the image size with a NULL memref, as OP-TEE does. */
static int ta_loader_query_size(struct sw_thread *t, const uint8_t uuid[16],
				uint64_t *size)
{
	struct optee_msg_param p[2];
	uint32_t res;
	int rc;

	memset(p, 0, sizeof(p));
	ta_loader_uuid_param(&p[0], uuid);
	p[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	rc = rpc_cmd(t, OPTEE_RPC_CMD_LOAD_TA, p, 2, &res);
	if (rc)
		return rc;
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		return -ENOENT;
	if (res != TEE_SUCCESS && res != TEE_ERROR_SHORT_BUFFER) {
		EMSG("LOAD_TA size query failed: 0x%x", res);
		return -EIO;
	}
	*size = p[1].u.tmem.size;
	/* An image of this size cannot be valid: refuse it unread. */
	if (!*size || *size > SOFTEE_TA_IMG_MAX_SIZE)
		return -EMSGSIZE;
	return 0;
}

static int ta_loader_fetch(struct sw_thread *t, const uint8_t uuid[16],
			   void **img_out, size_t *len_out)
{
	struct optee_msg_param p[2];
	struct mobj *m = NULL;
	uint64_t size = 0, cookie;
	uint32_t res;
	void *img;
	int rc;

	rc = ta_loader_query_size(t, uuid, &size);
	if (rc == -EMSGSIZE)
		*len_out = (size_t)size;	/* for the caller's message */
	if (rc)
		return rc;
	rc = rpc_shm_alloc(t, OPTEE_RPC_SHM_TYPE_APPL, size, &m, &cookie);
	if (rc)
		return rc;
	memset(p, 0, sizeof(p));
	ta_loader_uuid_param(&p[0], uuid);
	rpc_memref_param(&p[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, m, size,
			 cookie);
	rc = rpc_cmd(t, OPTEE_RPC_CMD_LOAD_TA, p, 2, &res);
	if (!rc && res != TEE_SUCCESS)
		rc = res == TEE_ERROR_ITEM_NOT_FOUND ? -ENOENT : -EIO;
	if (!rc && p[1].u.tmem.size != size) {
		EMSG("LOAD_TA: image size changed between calls");
		rc = -EIO;
	}
	img = rc ? NULL : malloc(size);
	if (!rc && !img)
		rc = -ENOMEM;
	/* Private copy: the normal world can change its buffer at any time. */
	if (!rc)
		rc = mobj_read(m, 0, img, size);
	mobj_put(m);
	rpc_shm_free(t, OPTEE_RPC_SHM_TYPE_APPL, cookie);
	if (rc) {
		free(img);
		return rc;
	}
	*img_out = img;
	*len_out = size;
	return 0;
}

static int ta_loader_elf_memfd(const void *elf, size_t len)
{
	int fd = memfd_create("softee-ta-elf", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	int rc;

	if (fd < 0)
		return -errno;
	rc = write_full(fd, elf, len);
	if (!rc && fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
			 F_SEAL_WRITE | F_SEAL_SEAL) < 0)
		rc = -errno;
	if (rc) {
		close(fd);
		return rc;
	}
	return fd;
}

int ta_loader_load(struct sw_thread *t, const uint8_t uuid[16], int *elf_fd)
{
	char ustr[37], why[256] = "";
	const void *elf;
	size_t img_len = 0, elf_len;
	void *img;
	int rc;

	uuid_octets_to_str(uuid, ustr);
	rc = ta_loader_fetch(t, uuid, &img, &img_len);
	if (rc == -EMSGSIZE) {
		/* Same answer as any other invalid image (docs/ta-sdk.md). */
		EMSG("TA %s refused: TA image size %llu out of range (1..%u)",
		     ustr, (unsigned long long)img_len, SOFTEE_TA_IMG_MAX_SIZE);
		return -EACCES;
	}
	if (rc) {
		if (rc == -ENOENT)
			IMSG_LOG("TA %s not found", ustr);
		return rc;
	}
	if (!sw_cfg.ta_pubkey) {
		EMSG("TA %s refused: no TA public key configured", ustr);
		free(img);
		return -EACCES;
	}
	rc = ta_image_verify(img, img_len, uuid, sw_cfg.ta_pubkey,
			     sw_cfg.ta_pubkey_len, &elf, &elf_len, why,
			     sizeof(why));
	if (rc) {
		EMSG("TA %s refused: %s", ustr, why[0] ? why : "invalid image");
		free(img);
		return rc == -ENOMEM ? -ENOMEM : -EACCES;
	}
	rc = ta_loader_elf_memfd(elf, elf_len);
	free(img);
	if (rc < 0)
		return rc;
	*elf_fd = rc;
	DMSG_LOG("TA %s verified (%zu bytes of ELF)", ustr, elf_len);
	return 0;
}
