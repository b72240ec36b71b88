/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Worker threads reused across requests: creating a thread per invoke
 * costs more than the rest of the driver's work on the call path.
 */
#include "work_pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

/* Idle workers kept around; more than this exit after their job. */
#define WORK_POOL_MAX_IDLE	32
#define WORK_POOL_IDLE_SECS	30

struct work_item {
	void (*fn)(void *);
	void *arg;
	struct work_item *next;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct work_item *head, *tail;
	unsigned int idle;	/* workers waiting for an item */
	unsigned int queued;	/* items not yet taken */
} pool = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
};

static void *work_pool_thread(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&pool.lock);
	for (;;) {
		struct work_item *it;

		while (!pool.head) {
			struct timespec ts;
			int rc;

			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += WORK_POOL_IDLE_SECS;
			pool.idle++;
			rc = pthread_cond_timedwait(&pool.cond, &pool.lock, &ts);
			pool.idle--;
			if (rc == ETIMEDOUT && !pool.head) {
				pthread_mutex_unlock(&pool.lock);
				return NULL;
			}
		}
		it = pool.head;
		pool.head = it->next;
		if (!pool.head)
			pool.tail = NULL;
		pool.queued--;
		pthread_mutex_unlock(&pool.lock);

		it->fn(it->arg);
		free(it);

		pthread_mutex_lock(&pool.lock);
		if (pool.idle >= WORK_POOL_MAX_IDLE) {
			pthread_mutex_unlock(&pool.lock);
			return NULL;
		}
	}
}

int work_pool_submit(void (*fn)(void *), void *arg)
{
	struct work_item *it = malloc(sizeof(*it));
	int need_thread, rc = 0;

	if (!it)
		return -ENOMEM;
	it->fn = fn;
	it->arg = arg;
	it->next = NULL;
	pthread_mutex_lock(&pool.lock);
	if (pool.tail)
		pool.tail->next = it;
	else
		pool.head = it;
	pool.tail = it;
	pool.queued++;
	/* Every queued item needs a worker of its own: items may block. */
	need_thread = pool.queued > pool.idle;
	pthread_cond_signal(&pool.cond);
	if (need_thread) {
		pthread_attr_t attr;
		pthread_t t;

		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		pthread_attr_setstacksize(&attr, 256 * 1024);
		rc = -pthread_create(&t, &attr, work_pool_thread, NULL);
		pthread_attr_destroy(&attr);
		if (rc) {
			/* Take the item back so the caller can fail cleanly. */
			struct work_item **pp = &pool.head, *prev = NULL;

			while (*pp != it) {
				prev = *pp;
				pp = &(*pp)->next;
			}
			*pp = it->next;
			if (pool.tail == it)
				pool.tail = prev;
			pool.queued--;
			free(it);
		}
	}
	pthread_mutex_unlock(&pool.lock);
	return rc;
}
