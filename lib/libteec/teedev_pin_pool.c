/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pool of pinning memfds and its worker thread (teedev_pin_priv.h).
 *
 * Moving a range into a memfd costs a copy, but on a fresh memfd it
 * also costs a page allocation and a page-table entry per page, and
 * dropping the old private pages costs about as much again: several
 * times the copy on the machines we run on. The pool keeps memfds whose
 * pages exist, and the worker thread does the slow parts off the
 * caller's path: it maps pooled memfds ahead of use with their page
 * tables filled ("warm"), keeps one warm spare the size of the latest
 * pin while pins keep coming, and frees replaced pages in the
 * background. Everything here runs under teedev_pin_lock.
 */
#define _GNU_SOURCE
#include "teedev_pin_priv.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "teedev_sys.h"
#include "util.h"

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define TEEDEV_POOL_MAX		16
#define TEEDEV_POOL_BYTES	(512ULL << 20)
/* The spare is at most this big, and dropped after this long idle. */
#define TEEDEV_SPARE_MAX	(256ULL << 20)
#define TEEDEV_SPARE_IDLE_NS	(2ULL * 1000000000ULL)
#define TEEDEV_SPARE_GRAIN	(64ULL << 10)
#define TEEDEV_DISCARD_MAX	64

struct teedev_pool_ent {
	int memfd;
	uint64_t size;
	void *warm;		/* its whole mapping, page tables filled, or NULL */
	uint64_t seq;		/* age: lower is older */
};

/* Work for the worker: a mapping to unmap, or an fd to close. */
struct teedev_discard {
	void *addr;
	size_t len;
	int fd;
};

static struct {
	struct teedev_pool_ent ent[TEEDEV_POOL_MAX];
	size_t n;
	uint64_t bytes, seq;
	struct teedev_discard discard[TEEDEV_DISCARD_MAX];
	size_t ndiscard;
	uint64_t want;			/* the size of the latest pin */
	unsigned int busy;		/* registrations in flight: worker waits */
	uint64_t last_pin_ns;
	bool worker, worker_failed, env_read;
	bool spare_off;			/* SOFTEE_PIN_SPARE=0 */
	bool pool_off;			/* SOFTEE_PIN_POOL=0: nothing prepared */
	pthread_cond_t cond;		/* the worker's work, and "warmed" */
} pool = { .cond = PTHREAD_COND_INITIALIZER };

/* The settings, read once (again in a fork child, which may differ). */
static void teedev_pool_env(void)
{
	const char *env;

	if (pool.env_read)
		return;
	env = getenv("SOFTEE_PIN_POOL");
	pool.pool_off = env && !strcmp(env, "0");
	env = getenv("SOFTEE_PIN_SPARE");
	pool.spare_off = pool.pool_off || (env && !strcmp(env, "0"));
	pool.env_read = true;
}

static uint64_t teedev_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int teedev_madvise(void *p, size_t len, int advice)
{
	return (int)syscall(SYS_madvise, p, len, advice);
}

/* Remove entry i (its fd and mapping go to the caller). */
static struct teedev_pool_ent teedev_pool_remove(size_t i)
{
	struct teedev_pool_ent e = pool.ent[i];

	pool.bytes -= e.size;
	pool.ent[i] = pool.ent[--pool.n];
	return e;
}

/* Free an entry through the worker. */
static void teedev_pool_free_ent(struct teedev_pool_ent *e)
{
	if (e->warm)
		teedev_pool_discard(e->warm, e->size);
	teedev_pool_close_later(e->memfd);
}

/* Make room for size more bytes: oldest cold entries go first. */
static bool teedev_pool_room(uint64_t size)
{
	while (pool.n && (pool.n == TEEDEV_POOL_MAX ||
			  pool.bytes + size > TEEDEV_POOL_BYTES)) {
		size_t old = pool.n;

		for (size_t i = 0; i < pool.n; i++) {
			bool cold_i = !pool.ent[i].warm;
			bool cold_o = old < pool.n && !pool.ent[old].warm;

			if (old == pool.n || (cold_i && !cold_o) ||
			    (cold_i == cold_o &&
			     pool.ent[i].seq < pool.ent[old].seq))
				old = i;
		}
		struct teedev_pool_ent e = teedev_pool_remove(old);

		teedev_pool_free_ent(&e);
	}
	return pool.n < TEEDEV_POOL_MAX &&
	       pool.bytes + size <= TEEDEV_POOL_BYTES;
}

static void teedev_pool_add(int memfd, uint64_t size, void *warm)
{
	struct teedev_pool_ent e = { memfd, size, warm, ++pool.seq };

	teedev_pool_env();
	if (pool.pool_off || size > TEEDEV_POOL_BYTES || !teedev_pool_room(size)) {
		teedev_pool_free_ent(&e);
		return;
	}
	pool.ent[pool.n++] = e;
	pool.bytes += size;
}

void teedev_pool_put(int memfd, uint64_t size)
{
	teedev_pool_add(memfd, size, NULL);
	pthread_cond_broadcast(&pool.cond);
}

/* Best fit among entries of at least len (and at most 2 len) bytes. */
static size_t teedev_pool_fit(uint64_t len, bool warm_only)
{
	size_t best = pool.n;

	for (size_t i = 0; i < pool.n; i++) {
		const struct teedev_pool_ent *e = &pool.ent[i];

		if (e->size < len || e->size / 2 > len ||
		    (warm_only && !e->warm))
			continue;
		if (best == pool.n || (e->warm && !pool.ent[best].warm) ||
		    (!e->warm == !pool.ent[best].warm &&
		     e->size < pool.ent[best].size))
			best = i;
	}
	return best;
}

int teedev_pool_take(uint64_t len, uint64_t *size, void **warm)
{
	size_t i = teedev_pool_fit(len, true);

	/*
	 * Never wait for the worker here: the caller holds the table lock
	 * over a scan of the address space, which must stay true.
	 */
	*warm = NULL;
	if (i == pool.n)
		i = teedev_pool_fit(len, false);
	if (i == pool.n)
		return -1;
	struct teedev_pool_ent e = teedev_pool_remove(i);

	*size = e.size;
	*warm = e.warm;
	pthread_cond_broadcast(&pool.cond);	/* maybe a new spare */
	return e.memfd;
}

void teedev_pool_discard(void *addr, size_t len)
{
	if (!len)
		return;
	if (!pool.worker || pool.ndiscard == TEEDEV_DISCARD_MAX) {
		teedev_sys_munmap(addr, len);
		return;
	}
	/* A fork child must not inherit pages waiting to be freed. */
	teedev_madvise(addr, len, MADV_DONTFORK);
	pool.discard[pool.ndiscard++] = (struct teedev_discard){ addr, len, -1 };
	pthread_cond_broadcast(&pool.cond);
}

void teedev_pool_close_later(int fd)
{
	if (fd < 0)
		return;
	/* The last close of a memfd frees its pages: milliseconds. */
	if (!pool.worker || pool.ndiscard == TEEDEV_DISCARD_MAX) {
		teedev_sys_close(fd);
		return;
	}
	pool.discard[pool.ndiscard++] = (struct teedev_discard){ NULL, 0, fd };
	pthread_cond_broadcast(&pool.cond);
}

/* A new shared mapping of memfd, not inherited by fork children. */
static void *teedev_pool_map(int memfd, uint64_t size)
{
	void *p = teedev_sys_mmap(NULL, size, PROT_READ | PROT_WRITE,
				  MAP_SHARED, memfd, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (teedev_madvise(p, size, MADV_DONTFORK)) {
		teedev_sys_munmap(p, size);
		return NULL;
	}
	return p;
}

void *teedev_pool_warm_now(int memfd, uint64_t size, bool populate)
{
	void *p = teedev_pool_map(memfd, size);

	/*
	 * Pages that exist: read-populate maps them in batches, writable
	 * (shmem needs no write notification).
	 */
	if (p && populate)
		teedev_madvise(p, size, MADV_POPULATE_READ);
	return p;
}

/* Worker, lock held: the next thing to warm, or false. */
static bool teedev_worker_pick(uint64_t now, int *memfd, uint64_t *size,
			       bool *fresh)
{
	size_t i;

	if (pool.spare_off || !pool.want ||
	    now - pool.last_pin_ns > TEEDEV_SPARE_IDLE_NS)
		return false;
	if (teedev_pool_fit(pool.want, true) < pool.n)
		return false;		/* a warm one is there */
	i = teedev_pool_fit(pool.want, false);
	if (i < pool.n) {
		struct teedev_pool_ent e = teedev_pool_remove(i);

		*memfd = e.memfd;
		*size = e.size;
		*fresh = false;
		return true;
	}
	*size = (pool.want + TEEDEV_SPARE_GRAIN - 1) & ~(TEEDEV_SPARE_GRAIN - 1);
	*memfd = softee_memfd("softee-pin", *size);
	*fresh = true;
	return *memfd >= 0;
}

/* Worker, lock held: after an idle spell, give the spares' memory back. */
static void teedev_worker_idle(void)
{
	size_t i = 0;

	while (i < pool.n) {
		if (!pool.ent[i].warm) {
			i++;
			continue;
		}
		struct teedev_pool_ent e = teedev_pool_remove(i);

		teedev_pool_free_ent(&e);
	}
	pool.want = 0;
}

static void *teedev_worker_main(void *arg)
{
	struct sched_param sp = { 0 };

	(void)arg;
	/*
	 * Background work: SCHED_BATCH never preempts on wakeup, so waking
	 * the worker does not take the CPU from the thread that woke it.
	 * (SCHED_IDLE starves it on a busy machine: spares come too late.)
	 */
	sched_setscheduler((pid_t)syscall(SYS_gettid), SCHED_BATCH, &sp);
	pthread_mutex_lock(&teedev_pin_lock);
	for (;;) {
		uint64_t now = teedev_now_ns(), size = 0;
		bool fresh = false;
		int memfd = -1;

		/*
		 * A registration is in flight: its copy, the driver and the
		 * secure world need both cores now; our work can wait.
		 */
		if (pool.busy) {
			pthread_cond_wait(&pool.cond, &teedev_pin_lock);
			continue;
		}
		if (pool.ndiscard) {
			struct teedev_discard d = pool.discard[--pool.ndiscard];

			pthread_mutex_unlock(&teedev_pin_lock);
			if (d.addr)
				teedev_sys_munmap(d.addr, d.len);
			if (d.fd >= 0)
				teedev_sys_close(d.fd);
			pthread_mutex_lock(&teedev_pin_lock);
			continue;
		}
		if (teedev_worker_pick(now, &memfd, &size, &fresh)) {
			/* Mapped under the lock, so fork never sees it half set up. */
			void *p = teedev_pool_map(memfd, size);

			pthread_mutex_unlock(&teedev_pin_lock);
			if (p && teedev_madvise(p, size, fresh ?
						MADV_POPULATE_WRITE :
						MADV_POPULATE_READ)) {
				teedev_sys_munmap(p, size);
				p = NULL;
			}
			pthread_mutex_lock(&teedev_pin_lock);
			if (p || !fresh)
				teedev_pool_add(memfd, size, p);
			else
				teedev_sys_close(memfd);
			pthread_cond_broadcast(&pool.cond);
			if (!p)
				pool.want = 0;	/* no memory: stop trying */
			continue;
		}
		if (pool.want && now - pool.last_pin_ns > TEEDEV_SPARE_IDLE_NS)
			teedev_worker_idle();
		if (pool.want) {
			struct timespec ts;
			uint64_t at = pool.last_pin_ns + TEEDEV_SPARE_IDLE_NS + 1;

			/* The condvar is on CLOCK_REALTIME: wait relative to it. */
			clock_gettime(CLOCK_REALTIME, &ts);
			at = at > now ? at - now : 0;
			ts.tv_sec += (time_t)(at / 1000000000ULL);
			ts.tv_nsec += (long)(at % 1000000000ULL);
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&pool.cond, &teedev_pin_lock, &ts);
		} else {
			pthread_cond_wait(&pool.cond, &teedev_pin_lock);
		}
	}
	return NULL;
}

static void teedev_worker_start(void)
{
	sigset_t all, old;
	pthread_attr_t at;
	pthread_t t;

	teedev_pool_env();
	if (pool.worker || pool.worker_failed)
		return;
	/* The worker takes no signals: they belong to the application. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	if (pthread_attr_init(&at) ||
	    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED) ||
	    pthread_create(&t, &at, teedev_worker_main, NULL))
		pool.worker_failed = true;	/* everything stays synchronous */
	else
		pool.worker = true;
	pthread_attr_destroy(&at);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void teedev_pool_note_pin(uint64_t len)
{
	teedev_worker_start();
	pool.last_pin_ns = teedev_now_ns();
	pool.want = len <= TEEDEV_SPARE_MAX ? len : 0;
	pthread_cond_broadcast(&pool.cond);
}

void teedev_pool_busy(bool on)
{
	if (on) {
		pool.busy++;
	} else if (pool.busy) {
		pool.busy--;
		pthread_cond_broadcast(&pool.cond);
	}
}

void teedev_pin_settled(void)
{
	pthread_mutex_lock(&teedev_pin_lock);
	teedev_pool_busy(false);
	pthread_mutex_unlock(&teedev_pin_lock);
}

void teedev_pool_drop_all(bool fork_child)
{
	for (size_t i = 0; i < pool.n; i++) {
		/* A child has none of the mappings (MADV_DONTFORK). */
		if (pool.ent[i].warm && !fork_child)
			teedev_sys_munmap(pool.ent[i].warm, pool.ent[i].size);
		teedev_sys_close(pool.ent[i].memfd);
	}
	pool.n = 0;
	pool.bytes = 0;
	pool.want = 0;
	if (fork_child) {
		/*
		 * The worker did not survive the fork; its queue's mappings
		 * were not inherited (MADV_DONTFORK), its fds were.
		 */
		for (size_t i = 0; i < pool.ndiscard; i++)
			if (pool.discard[i].fd >= 0)
				teedev_sys_close(pool.discard[i].fd);
		pool.ndiscard = 0;
		pool.busy = 0;
		pool.worker = false;
		pool.worker_failed = false;
		pool.env_read = false;
		pthread_cond_init(&pool.cond, NULL);
	}
}
