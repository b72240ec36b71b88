/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Moving private pages into a memfd at the same address (teedev_pin.c
 * decides what to move). A move is a job: copy the bytes into a mapping
 * of the memfd whose page tables are filled, move the old pages aside
 * (freed later by the pool's worker), and move the mapping over the
 * range. Registrations run the jobs while the driver is already building
 * its page lists (teedev_pin_finish), so the copy overlaps that work.
 */
#define _GNU_SOURCE
#include "teedev_pin_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "teedev_sys.h"
#include "util.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

static void *teedev_mremap(void *old, size_t len, int flags, void *new)
{
	return (void *)syscall(SYS_mremap, old, len, len, flags, new);
}

int teedev_pin_fd_io(int fd, void *buf, size_t len, uint64_t off,
		     bool to_fd)
{
	size_t done = 0;

	while (done < len) {
		/* In the kernel: no user page faults on either side. */
		size_t n1 = MIN(len - done, (size_t)1 << 30);
		ssize_t n = to_fd ?
			    pwrite(fd, (char *)buf + done, n1, (off_t)(off + done)) :
			    pread(fd, (char *)buf + done, n1, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		done += (size_t)n;
	}
	return 0;
}

/* Run one job; on failure [s, e) is as it was. 0 or -errno. */
static int teedev_pin_job_run(struct teedev_pin_job *j)
{
	size_t len = j->e - j->s;
	void *hold;

	if (j->fresh) {
		/*
		 * New pages: pwrite allocates and fills each in one go, which
		 * beats allocating them through a mapping and copying after;
		 * the page tables then fill as the application touches them.
		 */
		int r = teedev_pin_fd_io(j->memfd, (void *)j->s, len, 0, true);

		if (r)
			return r;
		j->warm = teedev_pool_warm_now(j->memfd, j->warm_size, false);
		if (!j->warm)
			return -ENOMEM;
	} else {
		if (!j->warm)
			j->warm = teedev_pool_warm_now(j->memfd, j->warm_size,
						       true);
		if (!j->warm)
			return -ENOMEM;
		/* Page tables filled: the copy runs at memory speed. */
		memcpy(j->warm, (const void *)j->s, len);
	}
	if (j->prot != (PROT_READ | PROT_WRITE) &&
	    syscall(SYS_mprotect, j->warm, len, j->prot))
		return -errno;
	/*
	 * Old pages aside first (the range stays mapped, empty), so that
	 * freeing them is not on this path; without DONTUNMAP, mremap
	 * below frees them itself.
	 */
	hold = teedev_mremap((void *)j->s, len,
			     MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	if (hold == MAP_FAILED)
		hold = NULL;
	if (teedev_mremap(j->warm, len, MREMAP_MAYMOVE | MREMAP_FIXED,
			  (void *)j->s) == MAP_FAILED) {
		int r = -errno;

		/* Put the bytes back: the old pages, or else the copy. */
		if (hold && teedev_mremap(hold, len, MREMAP_MAYMOVE |
					  MREMAP_FIXED, (void *)j->s) ==
			    MAP_FAILED) {
			if (j->prot != (PROT_READ | PROT_WRITE))
				syscall(SYS_mprotect, j->warm, len, PROT_READ);
			memcpy((void *)j->s, j->warm, len);
			teedev_pool_discard(hold, len);
		}
		return r;
	}
	/* The pool mapping was not for fork children; this range is. */
	syscall(SYS_madvise, (void *)j->s, len, MADV_DOFORK);
	if (j->warm_size > len)
		teedev_pool_discard((char *)j->warm + len, j->warm_size - len);
	j->warm = NULL;
	if (hold)
		teedev_pool_discard(hold, len);
	return 0;
}

static int teedev_pin_job_add(struct teedev_pin_defer *d,
			      const struct teedev_pin_job *j)
{
	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 4;
		void *p = realloc(d->jobs, ncap * sizeof(*j));

		if (!p)
			return -ENOMEM;
		d->jobs = p;
		d->cap = ncap;
	}
	d->jobs[d->n++] = *j;
	return 0;
}

/* Index of the table entry of the job's memfd, or teedev_pin_n. */
static size_t teedev_pin_job_ent(const struct teedev_pin_job *j)
{
	for (size_t i = 0; i < teedev_pin_n; i++)
		if (teedev_pin_ents[i].memfd == j->memfd &&
		    teedev_pin_ents[i].start == j->s)
			return i;
	return teedev_pin_n;
}

/* Forget a job that will not run: its entry, its memfd, its mapping. */
static void teedev_pin_job_drop(struct teedev_pin_job *j)
{
	size_t i = teedev_pin_job_ent(j);

	if (j->warm)
		teedev_pool_discard(j->warm, j->warm_size);
	j->warm = NULL;
	if (i < teedev_pin_n)
		teedev_pin_del(i);
}

int teedev_pin_move(uintptr_t s, uintptr_t e, int prot,
		    struct teedev_pin_defer *defer)
{
	struct teedev_pin_ent ent = { .start = s, .end = e,
				      .kind = TEEDEV_PIN_MOVED };
	struct teedev_pin_job job = { .s = s, .e = e, .prot = prot };
	struct stat st;
	int r;

	job.memfd = teedev_pool_take(e - s, &job.warm_size, &job.warm);
	if (job.memfd < 0) {
		job.memfd = softee_memfd("softee-pin", e - s);
		if (job.memfd < 0)
			return job.memfd;
		job.warm_size = e - s;
		job.fresh = true;
	}
	if (fstat(job.memfd, &st)) {
		r = -errno;
		goto err;
	}
	/* In the table first, so that a mapped memfd is never untracked. */
	teedev_pin_trim(s, e);
	ent.ino = (uint64_t)st.st_ino;
	ent.memfd = job.memfd;
	ent.fsize = job.warm_size;
	r = teedev_pin_add(&ent);
	if (r)
		goto err;
	teedev_pin_moved_since += e - s;
	teedev_pool_note_pin(e - s);
	if (defer) {
		r = teedev_pin_job_add(defer, &job);
		if (r)
			teedev_pin_job_drop(&job);
		return r ? r : job.memfd;
	}
	r = teedev_pin_job_run(&job);
	if (r) {
		teedev_pin_job_drop(&job);
		return r;
	}
	return job.memfd;
err:
	if (job.warm)
		teedev_pool_discard(job.warm, job.warm_size);
	teedev_sys_close(job.memfd);
	return r;
}

void teedev_pin_cancel(struct teedev_pin_defer *d)
{
	for (size_t i = 0; i < d->n; i++)
		teedev_pin_job_drop(&d->jobs[i]);
	free(d->jobs);
	d->jobs = NULL;
	d->n = d->cap = 0;
}

int teedev_pin_finish(struct teedev_pin_defer *d)
{
	int r = 0;

	if (!d->n)
		return 0;	/* teedev_pin_range did not keep the lock */
	for (size_t i = 0; i < d->n; i++) {
		if (!r)
			r = teedev_pin_job_run(&d->jobs[i]);
		/* A failed job and the ones after it never happened. */
		if (r)
			teedev_pin_job_drop(&d->jobs[i]);
	}
	d->n = 0;
	teedev_pin_cancel(d);
	pthread_mutex_unlock(&teedev_pin_lock);
	return r;
}
