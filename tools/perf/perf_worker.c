// SPDX-License-Identifier: BSD-2-Clause
/* The measuring half of softee-perf: runs inside one stack and writes CSV rows. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include <linux/tee.h>
#include <softee_bench_ta.h>
#include <tee_client_api.h>

#include "perf.h"
#include "teedev.h"

struct perf_worker {
	const char *stack;
	uint64_t sizes[PERF_MAX_SIZES];
	size_t n_sizes;
	uint64_t max_size;		/* 0: no cap */
	unsigned int max_reps, min_reps;
	double budget;			/* seconds of measuring per row */
	FILE *out;
	TEEC_Context ctx;
	TEEC_Session sess;
	bool reg_mem;
};

/* One timed operation; t[0] (and t[1] for a pair) in seconds. */
typedef int (*perf_op_fn)(void *arg, double t[2]);

/* Keeps the compiler from dropping stores nobody reads afterwards. */
static inline void perf_clobber(void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

/*
 * Warm-up runs (excluded), then repetitions until max_reps, or until the
 * time budget is spent once min_reps are in: small sizes get many
 * samples, large ones the minimum.
 */
static int perf_run(const struct perf_worker *w, uint64_t size, perf_op_fn op,
		    void *arg, struct perf_samples *s0, struct perf_samples *s1)
{
	unsigned int warm = size >= (64ULL << 20) ? 1 : 2;
	double t[2] = { 0, 0 }, start;
	int ret;

	for (unsigned int i = 0; i < warm; i++) {
		ret = op(arg, t);
		if (ret)
			return ret;
	}
	start = perf_now();
	while (s0->n < w->max_reps) {
		ret = op(arg, t);
		if (ret)
			return ret;
		if (perf_samples_add(s0, t[0]) || (s1 && perf_samples_add(s1, t[1])))
			return -ENOMEM;
		if (s0->n >= w->min_reps && perf_now() - start > w->budget)
			break;
	}
	return 0;
}

/* One of several operations measured in turn. */
struct perf_op {
	perf_op_fn fn;
	void *arg;
	struct perf_samples *s;
	const char *name;
	struct perf_samples *s1;	/* t[1] too, or NULL */
};

/*
 * The operations one after the other in every repetition, so that noise
 * on this shared machine and cache state hit them alike: ratios between
 * them are then fair. Budget as for perf_run, per operation. The index
 * of a failed operation in *failed.
 */
static int perf_run_multi(const struct perf_worker *w, uint64_t size,
			  struct perf_op *ops, size_t n, size_t *failed)
{
	unsigned int warm = size >= (64ULL << 20) ? 1 : 2;
	double t[2] = { 0, 0 }, start;
	int ret;

	for (unsigned int i = 0; i < warm; i++) {
		for (size_t k = 0; k < n; k++) {
			*failed = k;
			ret = ops[k].fn(ops[k].arg, t);
			if (ret)
				return ret;
		}
	}
	start = perf_now();
	for (size_t rep = 0; ops[0].s->n < w->max_reps; rep++) {
		/* Each in turn goes first: none always follows the same one. */
		for (size_t j = 0; j < n; j++) {
			size_t k = (rep + j) % n;

			*failed = k;
			ret = ops[k].fn(ops[k].arg, t);
			if (ret)
				return ret;
			if (perf_samples_add(ops[k].s, t[0]) ||
			    (ops[k].s1 && perf_samples_add(ops[k].s1, t[1])))
				return -ENOMEM;
		}
		if (ops[0].s->n >= w->min_reps &&
		    perf_now() - start > w->budget * (double)n)
			break;
	}
	return 0;
}

static void perf_emit(const struct perf_worker *w, const char *mode,
		      const char *measure, uint64_t size,
		      struct perf_samples *s, const char *note)
{
	struct perf_row row;

	perf_row_init(&row, w->stack, mode, measure, size, note);
	if (s)
		perf_row_stats(&row, s);
	perf_csv_row(w->out, &row);
	fflush(w->out);
}

/* ---- invokes over one buffer ------------------------------------------ */

struct perf_inv {
	TEEC_Session *sess;
	TEEC_SharedMemory *shm;		/* registered/allocated, or NULL */
	void *buf;			/* the client's view of the memory */
	size_t size;
	uint32_t cmd;
	TEEC_Result res;
	uint64_t *passes;		/* how often every word got +1 */
};

static int perf_op_invoke(void *arg, double t[2])
{
	struct perf_inv *v = arg;
	TEEC_Operation op;
	uint32_t origin = 0;
	double t0;

	memset(&op, 0, sizeof(op));
	if (v->shm) {
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].memref.parent = v->shm;
	} else {
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT,
						 TEEC_NONE, TEEC_NONE, TEEC_NONE);
		op.params[0].tmpref.buffer = v->buf;
		op.params[0].tmpref.size = v->size;
	}
	t0 = perf_now();
	v->res = TEEC_InvokeCommand(v->sess, v->cmd, &op, &origin);
	t[0] = perf_now() - t0;
	if (v->res != TEEC_SUCCESS)
		return -EIO;
	if (v->cmd == SOFTEE_BENCH_CMD_TOUCH)
		(*v->passes)++;
	return 0;
}

static int perf_op_native(void *arg, double t[2])
{
	struct perf_inv *v = arg;
	double t0 = perf_now();

	softee_bench_pass(v->buf, v->size);
	perf_clobber(v->buf);
	t[0] = perf_now() - t0;
	(*v->passes)++;
	return 0;
}

/* Every word must have seen each pass exactly once (first and last checked). */
static bool perf_inv_check(const struct perf_inv *v)
{
	uint64_t first, last;

	memcpy(&first, v->buf, 8);
	memcpy(&last, (const char *)v->buf + v->size - 8, 8);
	return first == *v->passes && last == *v->passes;
}

/*
 * ta-idle-ref: an idle invoke on a 4 KiB registered buffer, measured in
 * turn with the others, the paired reference for "an untouched buffer
 * costs no more than a small one".
 */
static const char *const perf_inv_measures[] = { "ta-idle", "ta-touch",
						 "native", "ta-idle-ref" };

static void perf_emit_na(const struct perf_worker *w, const char *mode,
			 uint64_t size, const char *note)
{
	for (size_t i = 0; i < 3; i++)
		perf_emit(w, mode, perf_inv_measures[i], size, NULL, note);
}

/*
 * Idle and touching invokes and the native pass over one buffer (and the
 * idle invoke over ref, if any), in turn in every repetition.
 */
static void perf_inv_measure(const struct perf_worker *w, const char *mode,
			     struct perf_inv *v, struct perf_inv *ref)
{
	struct perf_samples s[4];
	struct perf_inv inv[3] = { *v, *v, *v };
	struct perf_op ops[4];
	char note[64] = "";
	size_t i, n = ref ? 4 : 3, failed = 0;

	memset(s, 0, sizeof(s));
	inv[0].cmd = SOFTEE_BENCH_CMD_IDLE;
	inv[1].cmd = SOFTEE_BENCH_CMD_TOUCH;
	for (i = 0; i < 3; i++)
		ops[i] = (struct perf_op){ i == 2 ? perf_op_native :
					   perf_op_invoke, &inv[i], &s[i],
					   perf_inv_measures[i], NULL };
	if (ref) {
		ref->cmd = SOFTEE_BENCH_CMD_IDLE;
		ops[3] = (struct perf_op){ perf_op_invoke, ref, &s[3],
					   perf_inv_measures[3], NULL };
	}
	if (perf_run_multi(w, v->size, ops, n, &failed))
		snprintf(note, sizeof(note), "%s failed: TEEC 0x%08x",
			 ops[failed].name,
			 ((struct perf_inv *)ops[failed].arg)->res);
	if (!note[0] && !perf_inv_check(v))
		snprintf(note, sizeof(note), "CHECK FAILED: TA writes not seen");
	for (i = 0; i < n; i++) {
		perf_emit(w, mode, perf_inv_measures[i], v->size,
			  note[0] ? NULL : &s[i], note);
		perf_samples_free(&s[i]);
	}
	if (note[0])
		fprintf(stderr, PERF_PROG ": %s %s %zu: %s\n", w->stack, mode,
			v->size, note);
}

static void perf_mode(struct perf_worker *w, const char *mode, uint64_t size)
{
	TEEC_SharedMemory shm, ref_shm;
	struct perf_inv v, ref;
	TEEC_Result res = TEEC_SUCCESS;
	uint64_t passes = 0, ref_passes = 0;
	char note[64];
	void *mem = NULL, *ref_mem = NULL;

	memset(&shm, 0, sizeof(shm));
	memset(&ref_shm, 0, sizeof(ref_shm));
	memset(&v, 0, sizeof(v));
	memset(&ref, 0, sizeof(ref));
	v.sess = &w->sess;
	v.size = size;
	v.passes = &passes;
	shm.size = size;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (!strcmp(mode, "allocated")) {
		res = TEEC_AllocateSharedMemory(&w->ctx, &shm);
		if (res == TEEC_SUCCESS) {
			v.shm = &shm;
			v.buf = shm.buffer;
			memset(v.buf, 0, size);
		}
	} else {
		/* malloc'd memory, as an application has it. */
		mem = malloc(size);
		if (!mem) {
			perf_emit_na(w, mode, size, "out of memory");
			return;
		}
		memset(mem, 0, size);
		v.buf = mem;
		if (!strcmp(mode, "registered")) {
			shm.buffer = mem;
			res = TEEC_RegisterSharedMemory(&w->ctx, &shm);
			if (res == TEEC_SUCCESS)
				v.shm = &shm;
			/* The 4 KiB reference buffer, registered the same way. */
			ref_mem = res == TEEC_SUCCESS ? malloc(4096) : NULL;
			if (ref_mem) {
				memset(ref_mem, 0, 4096);
				ref_shm.buffer = ref_mem;
				ref_shm.size = 4096;
				ref_shm.flags = shm.flags;
				if (TEEC_RegisterSharedMemory(&w->ctx, &ref_shm) ==
				    TEEC_SUCCESS) {
					ref = (struct perf_inv){ .sess = &w->sess,
						.shm = &ref_shm, .buf = ref_mem,
						.size = 4096, .passes = &ref_passes };
				}
			}
		}
	}
	if (res != TEEC_SUCCESS) {
		snprintf(note, sizeof(note), "setup failed: TEEC 0x%08x", res);
		perf_emit_na(w, mode, size, note);
	} else {
		perf_inv_measure(w, mode, &v, ref.shm ? &ref : NULL);
	}
	if (ref.shm)
		TEEC_ReleaseSharedMemory(&ref_shm);
	free(ref_mem);
	if (v.shm)
		TEEC_ReleaseSharedMemory(&shm);
	free(mem);
}

#define PERF_COLD_SPAN	(128ULL << 20)	/* well over the last-level cache */

struct perf_copy {
	char *dst, *src;
	size_t size;
	size_t nslots, slot;		/* cold: dst has nslots of size */
};

static int perf_op_memcpy(void *arg, double t[2])
{
	struct perf_copy *c = arg;
	double t0 = perf_now();

	memcpy(c->dst, c->src, c->size);
	perf_clobber(c->dst);
	t[0] = perf_now() - t0;
	return 0;
}

/*
 * As the copy of a registration sees its memory: the source just
 * written, the destination faulted in but not in cache (the next of
 * enough slots to outgrow the caches).
 */
static int perf_op_memcpy_cold(void *arg, double t[2])
{
	struct perf_copy *c = arg;
	char *dst = c->dst + c->slot * c->size;
	double t0;

	c->slot = (c->slot + 1) % c->nslots;
	memset(c->src, (int)c->slot, c->size);
	perf_clobber(c->src);
	t0 = perf_now();
	memcpy(dst, c->src, c->size);
	perf_clobber(dst);
	t[0] = perf_now() - t0;
	return 0;
}

/* ---- registration costs ------------------------------------------------ */

struct perf_reg {
	TEEC_Context *ctx;
	void *buf;			/* fixed buffer, or NULL: a fresh one */
	size_t size;
	bool allocate;			/* Allocate instead of Register */
	TEEC_Result res;
};

/* Fresh anonymous memory, faulted in, like a large malloc. */
static void *perf_fresh(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0x5a, size);
	return p;
}

static int perf_op_reg(void *arg, double t[2])
{
	struct perf_reg *r = arg;
	TEEC_SharedMemory shm;
	void *fresh = NULL;
	double t0, t1;

	memset(&shm, 0, sizeof(shm));
	shm.size = r->size;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (r->allocate) {
		t0 = perf_now();
		r->res = TEEC_AllocateSharedMemory(r->ctx, &shm);
	} else {
		shm.buffer = r->buf;
		if (!shm.buffer) {
			fresh = perf_fresh(r->size);
			if (!fresh) {
				r->res = TEEC_ERROR_OUT_OF_MEMORY;
				return -ENOMEM;
			}
			shm.buffer = fresh;
		}
		t0 = perf_now();
		r->res = TEEC_RegisterSharedMemory(r->ctx, &shm);
	}
	t1 = perf_now();
	if (r->res == TEEC_SUCCESS) {
		TEEC_ReleaseSharedMemory(&shm);
		t[1] = perf_now() - t1;
	}
	t[0] = t1 - t0;
	if (fresh)
		munmap(fresh, r->size);
	return r->res == TEEC_SUCCESS ? 0 : -EIO;
}

static void perf_reg_one(const struct perf_worker *w, const char *mode,
			 const char *m_reg, const char *m_unreg,
			 struct perf_reg *r)
{
	struct perf_samples s0 = { 0 }, s1 = { 0 };
	char note[64] = "";

	if (perf_run(w, r->size, perf_op_reg, r, &s0, &s1))
		snprintf(note, sizeof(note), "failed: TEEC 0x%08x", r->res);
	perf_emit(w, mode, m_reg, r->size, note[0] ? NULL : &s0, note);
	perf_emit(w, mode, m_unreg, r->size, note[0] ? NULL : &s1, note);
	perf_samples_free(&s0);
	perf_samples_free(&s1);
}

/*
 * First registrations with nothing prepared: no recycled memfds, no warm
 * spare (SOFTEE_PIN_POOL=0), as the very first registration of a process
 * is. libteec reads that setting once per process, so a fork child with
 * its own context measures it; it appends its rows to the same file.
 */
static void perf_reg_cold(struct perf_worker *w, uint64_t size)
{
	int st = 0;
	pid_t pid;

	fflush(w->out);
	pid = fork();
	if (pid == 0) {
		TEEC_Context ctx;
		struct perf_reg r = { .ctx = &ctx, .size = size };

		setenv("SOFTEE_PIN_POOL", "0", 1);
		if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS)
			_exit(3);
		perf_reg_one(w, "malloc", "register-cold", "unregister-cold", &r);
		fflush(w->out);
		TEEC_FinalizeContext(&ctx);
		_exit(0);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (pid < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		perf_emit(w, "malloc", "register-cold", size, NULL,
			  "failed: the child did not finish");
		perf_emit(w, "malloc", "unregister-cold", size, NULL,
			  "failed: the child did not finish");
	}
}

/*
 * First registrations and the memcpy baseline in turn: the ratio of
 * the two is the target, so noise must hit both alike.
 */
static void perf_reg_first(struct perf_worker *w, struct perf_reg *r)
{
	size_t size = r->size;
	size_t nslots = size >= PERF_COLD_SPAN ? 1 : PERF_COLD_SPAN / size;
	struct perf_copy cold = { malloc(nslots * size), malloc(size), size,
				  nslots, 0 };
	struct perf_samples s[3];
	struct perf_op ops[2] = {
		{ perf_op_reg, r, &s[0], "register-first", &s[1] },
		{ perf_op_memcpy_cold, &cold, &s[2], "memcpy", NULL },
	};
	char note[64] = "";
	size_t failed = 0;

	memset(s, 0, sizeof(s));
	if (!cold.dst || !cold.src) {
		snprintf(note, sizeof(note), "out of memory");
	} else {
		memset(cold.dst, 3, nslots * size);
		if (perf_run_multi(w, size, ops, 2, &failed))
			snprintf(note, sizeof(note), "%s failed: TEEC 0x%08x",
				 ops[failed].name, r->res);
	}
	perf_emit(w, "malloc", "register-first", size, note[0] ? NULL : &s[0],
		  note);
	perf_emit(w, "malloc", "unregister-first", size,
		  note[0] ? NULL : &s[1], note);
	perf_emit(w, "baseline", "memcpy", size, note[0] ? NULL : &s[2], note);
	for (size_t i = 0; i < 3; i++)
		perf_samples_free(&s[i]);
	free(cold.dst);
	free(cold.src);
}

static void perf_registration(struct perf_worker *w, uint64_t size)
{
	static const char *const na[][2] = {
		{ "malloc", "register-first" }, { "malloc", "unregister-first" },
		{ "malloc", "register-again" }, { "malloc", "unregister-again" },
		{ "malloc", "register-cold" }, { "malloc", "unregister-cold" },
		{ "softee-alloc", "allocate" }, { "softee-alloc", "free" },
		{ "softee-alloc", "register" }, { "softee-alloc", "unregister" },
	};
	struct perf_reg r = { .ctx = &w->ctx, .size = size };
	TEEC_SharedMemory a;
	void *pinned;

	if (!w->reg_mem) {
		for (size_t i = 0; i < sizeof(na) / sizeof(na[0]); i++)
			perf_emit(w, na[i][0], na[i][1], size, NULL,
				  "n/a: driver lacks REG_MEM");
		return;
	}
	/*
	 * First registration of malloc'd memory (the pages get pinned), in
	 * turn with the baseline it is compared with.
	 */
	perf_reg_first(w, &r);

	/* The same memory again: pinned by the warm-up run, no copy after. */
	pinned = perf_fresh(size);
	r.buf = pinned;
	if (pinned) {
		perf_reg_one(w, "malloc", "register-again", "unregister-again", &r);
		munmap(pinned, size);
	} else {
		perf_emit(w, "malloc", "register-again", size, NULL, "out of memory");
		perf_emit(w, "malloc", "unregister-again", size, NULL, "out of memory");
	}

	/* A first registration with nothing prepared, in a child process. */
	perf_reg_cold(w, size);

	/* AllocateSharedMemory, then registering memory softee allocated. */
	r.buf = NULL;
	r.allocate = true;
	perf_reg_one(w, "softee-alloc", "allocate", "free", &r);
	memset(&a, 0, sizeof(a));
	a.size = size;
	a.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_AllocateSharedMemory(&w->ctx, &a) == TEEC_SUCCESS) {
		r.allocate = false;
		r.buf = a.buffer;
		perf_reg_one(w, "softee-alloc", "register", "unregister", &r);
		TEEC_ReleaseSharedMemory(&a);
	} else {
		perf_emit(w, "softee-alloc", "register", size, NULL, "allocation failed");
		perf_emit(w, "softee-alloc", "unregister", size, NULL, "allocation failed");
	}
}


/*
 * The hot baseline: the same two buffers copied over and over, cache-
 * resident up to half the last-level cache (the cold one runs in turn
 * with the first registrations).
 */
static void perf_baseline(const struct perf_worker *w, uint64_t size)
{
	struct perf_copy hot = { malloc(size), malloc(size), size, 1, 0 };
	struct perf_samples s = { 0 };

	if (!hot.dst || !hot.src) {
		perf_emit(w, "baseline", "memcpy-hot", size, NULL, "out of memory");
	} else {
		memset(hot.dst, 1, size);
		memset(hot.src, 2, size);
		if (perf_run(w, size, perf_op_memcpy, &hot, &s, NULL))
			perf_emit(w, "baseline", "memcpy-hot", size, NULL, "failed");
		else
			perf_emit(w, "baseline", "memcpy-hot", size, &s, "");
	}
	perf_samples_free(&s);
	free(hot.dst);
	free(hot.src);
}

/* ---- set-up ------------------------------------------------------------ */

/*
 * `softee stat` of this stack into path while our context is still open:
 * its zero-copy / bounce / shadow byte counters show which path the
 * invokes really took.
 */
static void perf_capture_stat(const char *path)
{
	const char *run_dir = getenv("SOFTEE_DEV_DIR");
	char exe[PATH_MAX], softee[PATH_MAX + 16], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	pid_t pid;
	int st, fd;

	if (!run_dir || n <= 0)
		return;
	exe[n] = 0;
	slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = 0;
	snprintf(softee, sizeof(softee), "%s/softee", exe);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	fflush(NULL);
	pid = fork();
	if (!pid) {
		if (dup2(fd, 1) < 0)
			_exit(127);
		execl(softee, softee, "stat", "--run-dir", run_dir, (char *)NULL);
		_exit(127);
	}
	close(fd);
	if (pid > 0)
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
}

/* Whether the driver offers TEE_IOC_SHM_REGISTER (dynamic shared memory). */
static bool perf_have_reg_mem(void)
{
	struct tee_ioctl_version_data ver;
	int fd = teedev_open(0, false);
	bool ok;

	if (fd < 0)
		return false;
	memset(&ver, 0, sizeof(ver));
	ok = !teedev_ioctl(fd, TEE_IOC_VERSION, &ver) &&
	     (ver.gen_caps & TEE_GEN_CAP_REG_MEM);
	teedev_close(fd);
	return ok;
}

static int perf_worker_args(struct perf_worker *w, int argc, char **argv,
			    const char **raw, const char **stat)
{
	static const struct option lo[] = {
		{ "stack", required_argument, NULL, 's' },
		{ "sizes", required_argument, NULL, 'z' },
		{ "max-size", required_argument, NULL, 'm' },
		{ "reps", required_argument, NULL, 'r' },
		{ "min-reps", required_argument, NULL, 'n' },
		{ "budget-ms", required_argument, NULL, 'b' },
		{ "raw", required_argument, NULL, 'o' },
		{ "stat", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v;
	char *end;
	int c;

	w->max_reps = 200;
	w->min_reps = 5;
	w->budget = 0.25;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': w->stack = optarg; break;
		case 'o': *raw = optarg; break;
		case 't': *stat = optarg; break;
		case 'z':
			if (perf_parse_sizes(optarg, w->sizes, PERF_MAX_SIZES,
					     &w->n_sizes))
				return -EINVAL;
			break;
		case 'm':
			if (perf_parse_size(optarg, &w->max_size))
				return -EINVAL;
			break;
		case 'r': case 'n': case 'b':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || *end || !v || v > 1000000)
				return -EINVAL;
			if (c == 'r')
				w->max_reps = (unsigned int)v;
			else if (c == 'n')
				w->min_reps = (unsigned int)v;
			else
				w->budget = (double)v / 1000.0;
			break;
		default:
			return -EINVAL;
		}
	}
	if (!w->stack || !*raw || !w->n_sizes || optind != argc)
		return -EINVAL;
	if (w->min_reps > w->max_reps)
		w->min_reps = w->max_reps;
	return 0;
}

int perf_worker_main(int argc, char **argv)
{
	static const char *const modes[] = { "registered", "allocated", "temp" };
	const TEEC_UUID uuid = TA_SOFTEE_BENCH_UUID;
	struct perf_worker w;
	const char *raw = NULL, *stat = NULL;
	uint32_t origin = 0;
	TEEC_Result res;
	char sz[32], note[64];
	int ret = 1;

	memset(&w, 0, sizeof(w));
	if (perf_worker_args(&w, argc, argv, &raw, &stat)) {
		fprintf(stderr, PERF_PROG ": shm-worker: bad arguments\n");
		return 2;
	}
	w.out = fopen(raw, "a");
	if (!w.out) {
		perror(raw);
		return 1;
	}
	res = TEEC_InitializeContext(NULL, &w.ctx);
	if (res != TEEC_SUCCESS) {
		fprintf(stderr, PERF_PROG ": InitializeContext: 0x%08x\n", res);
		goto out_file;
	}
	res = TEEC_OpenSession(&w.ctx, &w.sess, &uuid, TEEC_LOGIN_PUBLIC,
			       NULL, NULL, &origin);
	if (res != TEEC_SUCCESS) {
		fprintf(stderr, PERF_PROG ": cannot open the bench TA: 0x%08x "
			"(origin %u); is softee_bench built?\n", res, origin);
		goto out_ctx;
	}
	w.reg_mem = perf_have_reg_mem();
	fprintf(stderr, PERF_PROG ": %s stack: REG_MEM %s\n", w.stack,
		w.reg_mem ? "yes" : "no");
	for (size_t i = 0; i < w.n_sizes; i++) {
		uint64_t size = w.sizes[i];
		/* Only the dynamic stack's modes need REG_MEM. */
		bool need_reg = !strcmp(w.stack, "dynamic");

		perf_fmt_size(size, sz, sizeof(sz));
		for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
			if (w.max_size && size > w.max_size) {
				snprintf(note, sizeof(note),
					 "n/a: over the carve-out cap");
				perf_emit_na(&w, modes[m], size, note);
				continue;
			}
			if (need_reg && !w.reg_mem) {
				perf_emit_na(&w, modes[m], size,
					     "n/a: driver lacks REG_MEM");
				continue;
			}
			fprintf(stderr, PERF_PROG ": %s %s %s\n", w.stack,
				modes[m], sz);
			perf_mode(&w, modes[m], size);
		}
		if (need_reg) {
			fprintf(stderr, PERF_PROG ": %s registration %s\n",
				w.stack, sz);
			perf_registration(&w, size);
			perf_baseline(&w, size);
		}
	}
	if (stat)
		perf_capture_stat(stat);
	ret = 0;
	TEEC_CloseSession(&w.sess);
out_ctx:
	TEEC_FinalizeContext(&w.ctx);
out_file:
	fclose(w.out);
	return ret;
}
