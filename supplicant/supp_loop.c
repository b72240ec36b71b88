/* SPDX-License-Identifier: BSD-2-Clause */
/* Worker threads receiving, handling and answering supplicant requests. */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <tee_client_api.h>

#include "log.h"
#include "supp_cmd.h"
#include "supp_loop.h"
#include "supp_req.h"
#include "teedev.h"

/* Consecutive EINTRs (10 ms apart) before the device counts as gone. */
#define SUPP_LOOP_MAX_EINTR	500

static struct {
	pthread_mutex_t lock;
	int fd;
	int fatal_fd;
	bool async;
	bool probed;		/* the first RECV told us if META works */
	bool failed;
	struct supp_loop_stats st;
} supp_loop = { .lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1, .fatal_fd = -1 };

static int supp_loop_spawn(void);

static void supp_loop_fatal(int err)
{
	char c = 1;
	bool first;

	pthread_mutex_lock(&supp_loop.lock);
	first = !supp_loop.failed;
	supp_loop.failed = true;
	pthread_mutex_unlock(&supp_loop.lock);
	if (!first)
		return;
	EMSG("the TEE device failed: %s", strerror(err));
	if (write(supp_loop.fatal_fd, &c, 1) < 0)
		_exit(1);
}

static int supp_loop_xfer(unsigned long request, void *buf, size_t len)
{
	struct tee_ioctl_buf_data data = {
		.buf_ptr = (uintptr_t)buf,
		.buf_len = len,
	};

	unsigned int tries = 0;

	/*
	 * softee's driver also answers EINTR when this context is not (or no
	 * longer) the serving supplicant; back off instead of spinning, and
	 * give up when it persists.
	 */
	for (;;) {
		if (teedev_ioctl(supp_loop.fd, request, &data) == 0)
			return 0;
		if (errno != EINTR)
			return -errno;
		if (++tries >= SUPP_LOOP_MAX_EINTR)
			return -EINTR;
		if (tries > 1)
			usleep(10000);
	}
}

/* Wait for a request; falls back to synchronous mode if META is refused. */
static int supp_loop_recv(uint64_t *buf, bool *async)
{
	size_t len;
	int rc;

	for (;;) {
		pthread_mutex_lock(&supp_loop.lock);
		*async = supp_loop.async;
		pthread_mutex_unlock(&supp_loop.lock);
		len = supp_req_prepare_recv(buf, *async);
		rc = supp_loop_xfer(TEE_IOC_SUPPL_RECV, buf, len);
		pthread_mutex_lock(&supp_loop.lock);
		if (rc == -EINVAL && *async && !supp_loop.probed) {
			WMSG("driver refuses async requests, serving them one by one");
			supp_loop.async = false;
			supp_loop.st.async = false;
			supp_loop.probed = true;
			pthread_mutex_unlock(&supp_loop.lock);
			continue;
		}
		if (!rc)
			supp_loop.probed = true;
		pthread_mutex_unlock(&supp_loop.lock);
		return rc;
	}
}

static void *supp_loop_worker(void *unused)
{
	/* u64 storage keeps the params naturally aligned. */
	uint64_t buf[SUPP_BUF_SIZE / sizeof(uint64_t)];
	struct supp_req req;
	bool async = false;
	bool spawn;
	uint32_t ret;
	size_t len;
	int rc;

	for (;;) {
		pthread_mutex_lock(&supp_loop.lock);
		supp_loop.st.idle++;
		pthread_mutex_unlock(&supp_loop.lock);

		rc = supp_loop_recv(buf, &async);

		pthread_mutex_lock(&supp_loop.lock);
		supp_loop.st.idle--;
		spawn = !rc && async && supp_loop.st.idle == 0 &&
			supp_loop.st.threads < SUPP_LOOP_MAX_THREADS;
		pthread_mutex_unlock(&supp_loop.lock);
		if (rc) {
			supp_loop_fatal(-rc);
			return NULL;
		}
		if (spawn && supp_loop_spawn())
			WMSG("cannot add a worker thread");

		rc = supp_req_decode(buf, sizeof(buf), async, &req);
		if (rc == -EBADMSG) {
			WMSG("dropping a malformed request");
			pthread_mutex_lock(&supp_loop.lock);
			supp_loop.st.dropped++;
			pthread_mutex_unlock(&supp_loop.lock);
			continue;
		}
		if (rc) {
			WMSG("request %u has invalid params", req.func);
			ret = TEEC_ERROR_BAD_PARAMETERS;
		} else {
			ret = supp_cmd_handle(&req);
		}

		len = supp_req_encode_reply(&req, ret, buf);
		rc = supp_loop_xfer(TEE_IOC_SUPPL_SEND, buf, len);
		pthread_mutex_lock(&supp_loop.lock);
		supp_loop.st.served++;
		if (ret != TEEC_SUCCESS)
			supp_loop.st.failed++;
		pthread_mutex_unlock(&supp_loop.lock);
		if (rc == -EINVAL) {
			/* The request was cancelled or its id is gone: keep serving. */
			WMSG("answer to request %u refused", req.func);
		} else if (rc) {
			supp_loop_fatal(-rc);
			return NULL;
		}
	}
	return NULL;
}

static int supp_loop_spawn(void)
{
	pthread_attr_t attr;
	pthread_t t;
	int rc;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_mutex_lock(&supp_loop.lock);
	supp_loop.st.threads++;
	pthread_mutex_unlock(&supp_loop.lock);
	rc = pthread_create(&t, &attr, supp_loop_worker, NULL);
	pthread_attr_destroy(&attr);
	if (rc) {
		pthread_mutex_lock(&supp_loop.lock);
		supp_loop.st.threads--;
		pthread_mutex_unlock(&supp_loop.lock);
		return -rc;
	}
	return 0;
}

int supp_loop_start(int fd, int fatal_fd)
{
	supp_loop.fd = fd;
	supp_loop.fatal_fd = fatal_fd;
	supp_loop.async = true;
	supp_loop.st.async = true;
	return supp_loop_spawn();
}

void supp_loop_get_stats(struct supp_loop_stats *st)
{
	pthread_mutex_lock(&supp_loop.lock);
	*st = supp_loop.st;
	pthread_mutex_unlock(&supp_loop.lock);
}
