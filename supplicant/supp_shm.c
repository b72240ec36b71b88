/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The table of supplicant-owned shared memory, reference counted by id:
 * registered local memory when the driver has REG_MEM (optee_client >=
 * 3.13), else driver-allocated and mapped.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <tee_client_api.h>

#include "log.h"
#include "supp_shm.h"
#include "teedev.h"
#include "util.h"

struct supp_shm {
	struct supp_shm *next;
	int32_t id;
	int fd;
	void *addr;
	size_t size;
	size_t reg_size;	/* registered: bytes of our allocation, else 0 */
	unsigned int refs;	/* the table holds one while listed */
};

static struct {
	pthread_mutex_t lock;
	struct supp_shm *head;
	int devfd;
	bool may_register;
	bool reg_mem;
	uint64_t count;
	uint64_t bytes;
} supp_shm_tab = { .lock = PTHREAD_MUTEX_INITIALIZER, .devfd = -1,
		   .may_register = true };

void supp_shm_set_register(bool on)
{
	supp_shm_tab.may_register = on;
}

bool supp_shm_registers(void)
{
	return supp_shm_tab.reg_mem;
}

void supp_shm_init(int devfd)
{
	struct tee_ioctl_version_data v;

	supp_shm_tab.devfd = devfd;
	supp_shm_tab.reg_mem = false;
	if (devfd < 0 || !supp_shm_tab.may_register)
		return;
	memset(&v, 0, sizeof(v));
	if (!teedev_ioctl(devfd, TEE_IOC_VERSION, &v))
		supp_shm_tab.reg_mem = v.gen_caps & TEE_GEN_CAP_REG_MEM;
}

static void supp_shm_destroy(struct supp_shm *shm)
{
	/* The registration goes first, then the memory it named. */
	if (shm->fd >= 0)
		teedev_close(shm->fd);
	if (shm->addr && shm->reg_size)
		teedev_free_pinned(shm->addr, shm->reg_size);
	else if (shm->addr)
		teedev_munmap(shm->addr, shm->size);
	free(shm);
}

/*
 * Local memory the TEE can share without a copy, registered whole (a
 * multiple of the page size, so no part of it is a bounce frame).
 */
static int supp_shm_register(struct supp_shm *shm, size_t size, int32_t *id)
{
	struct tee_ioctl_shm_register_data data;
	size_t rs = teedev_pinned_size(supp_shm_tab.devfd, size);

	if (!rs)
		return -ENOMEM;
	shm->addr = teedev_alloc_pinned(supp_shm_tab.devfd, size);
	if (!shm->addr)
		return -errno;
	memset(&data, 0, sizeof(data));
	data.addr = (uintptr_t)shm->addr;
	data.length = rs;
	shm->fd = teedev_ioctl(supp_shm_tab.devfd, TEE_IOC_SHM_REGISTER, &data);
	if (shm->fd < 0) {
		int rc = -errno;

		teedev_free_pinned(shm->addr, rs);
		shm->addr = NULL;
		return rc;
	}
	shm->reg_size = rs;
	*id = data.id;
	return 0;
}

/* Driver-allocated memory, mapped (drivers without REG_MEM). */
static int supp_shm_map(struct supp_shm *shm, size_t size, int32_t *id)
{
	struct tee_ioctl_shm_alloc_data data = { .size = size };

	shm->fd = teedev_ioctl(supp_shm_tab.devfd, TEE_IOC_SHM_ALLOC, &data);
	if (shm->fd < 0)
		return -errno;
	shm->addr = teedev_mmap(NULL, size, PROT_READ | PROT_WRITE,
				MAP_SHARED, shm->fd, 0);
	if (shm->addr == MAP_FAILED) {
		shm->addr = NULL;
		return -errno;
	}
	*id = data.id;
	return 0;
}

/* Caller holds the lock. */
static struct supp_shm *supp_shm_find(int32_t id)
{
	struct supp_shm *s;

	for (s = supp_shm_tab.head; s; s = s->next)
		if (s->id == id)
			return s;
	return NULL;
}

int supp_shm_get_memref(const struct tee_ioctl_param *p, void **ptr,
			size_t *size, struct supp_shm **ref)
{
	struct supp_shm *shm;

	*ptr = NULL;
	*size = 0;
	*ref = NULL;
	if (p->c == TEE_MEMREF_NULL) {
		if (p->b > SIZE_MAX)
			return -EINVAL;
		*size = (size_t)p->b;
		return 0;
	}
	if (p->c > INT32_MAX)
		return -EINVAL;

	pthread_mutex_lock(&supp_shm_tab.lock);
	shm = supp_shm_find((int32_t)p->c);
	if (!shm || supp_req_check_range(p->a, p->b, shm->size)) {
		pthread_mutex_unlock(&supp_shm_tab.lock);
		return -EINVAL;
	}
	shm->refs++;
	pthread_mutex_unlock(&supp_shm_tab.lock);

	*ptr = (uint8_t *)shm->addr + p->a;
	*size = (size_t)p->b;
	*ref = shm;
	return 0;
}

void supp_shm_put(struct supp_shm *shm)
{
	bool last;

	if (!shm)
		return;
	pthread_mutex_lock(&supp_shm_tab.lock);
	last = --shm->refs == 0;
	pthread_mutex_unlock(&supp_shm_tab.lock);
	if (last)
		supp_shm_destroy(shm);
}

static int supp_shm_alloc(size_t size, int32_t *id)
{
	struct supp_shm *shm;
	int32_t new_id = -1;
	int rc;

	shm = calloc(1, sizeof(*shm));
	if (!shm)
		return -ENOMEM;
	shm->fd = -1;
	if (supp_shm_tab.reg_mem)
		rc = supp_shm_register(shm, size, &new_id);
	else
		rc = supp_shm_map(shm, size, &new_id);
	if (rc)
		goto err;
	if (new_id < 0) {
		rc = -EPROTO;
		goto err;
	}
	shm->id = new_id;
	shm->size = size;
	shm->refs = 1;

	pthread_mutex_lock(&supp_shm_tab.lock);
	if (supp_shm_tab.count >= SUPP_SHM_MAX_COUNT || supp_shm_find(new_id)) {
		pthread_mutex_unlock(&supp_shm_tab.lock);
		rc = -ENOSPC;
		goto err;
	}
	shm->next = supp_shm_tab.head;
	supp_shm_tab.head = shm;
	supp_shm_tab.count++;
	supp_shm_tab.bytes += size;
	pthread_mutex_unlock(&supp_shm_tab.lock);
	*id = new_id;
	return 0;
err:
	supp_shm_destroy(shm);
	return rc;
}

static int supp_shm_free(int32_t id)
{
	struct supp_shm **pp;
	struct supp_shm *shm = NULL;

	pthread_mutex_lock(&supp_shm_tab.lock);
	for (pp = &supp_shm_tab.head; *pp; pp = &(*pp)->next) {
		if ((*pp)->id == id) {
			shm = *pp;
			*pp = shm->next;
			supp_shm_tab.count--;
			supp_shm_tab.bytes -= shm->size;
			break;
		}
	}
	pthread_mutex_unlock(&supp_shm_tab.lock);
	if (!shm)
		return -ENOENT;
	/* A handler still copying into it keeps it mapped until it is done. */
	supp_shm_put(shm);
	return 0;
}

void supp_shm_release_all(void)
{
	int32_t id;

	for (;;) {
		pthread_mutex_lock(&supp_shm_tab.lock);
		id = supp_shm_tab.head ? supp_shm_tab.head->id : -1;
		pthread_mutex_unlock(&supp_shm_tab.lock);
		if (id < 0)
			break;
		supp_shm_free(id);
	}
}

void supp_shm_stats(uint64_t *count, uint64_t *bytes)
{
	pthread_mutex_lock(&supp_shm_tab.lock);
	*count = supp_shm_tab.count;
	*bytes = supp_shm_tab.bytes;
	pthread_mutex_unlock(&supp_shm_tab.lock);
}

uint32_t supp_shm_cmd_alloc(struct supp_req *req)
{
	struct tee_ioctl_param *p = &req->params[0];
	int32_t id = 0;
	int rc;

	if (req->num_params != 1 || !supp_req_is_value(req, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (p->a != OPTEE_RPC_SHM_TYPE_APPL)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (p->b == 0 || p->b > SUPP_SHM_MAX_SIZE)
		return TEEC_ERROR_BAD_PARAMETERS;
	rc = supp_shm_alloc((size_t)p->b, &id);
	if (rc) {
		EMSG("shm alloc of %llu bytes failed: %d",
		     (unsigned long long)p->b, rc);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	/* Like tee-supplicant: the value param stays, c carries the id. */
	p->c = (uint64_t)(uint32_t)id;
	DMSG_LOG("shm alloc id %d size %llu", id, (unsigned long long)p->b);
	return TEEC_SUCCESS;
}

uint32_t supp_shm_cmd_free(struct supp_req *req)
{
	struct tee_ioctl_param *p = &req->params[0];

	if (req->num_params != 1 || !supp_req_is_value(req, 0))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (p->a != OPTEE_RPC_SHM_TYPE_APPL || p->b > INT32_MAX)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (supp_shm_free((int32_t)p->b))
		return TEEC_ERROR_BAD_PARAMETERS;
	DMSG_LOG("shm free id %llu", (unsigned long long)p->b);
	return TEEC_SUCCESS;
}
