// SPDX-License-Identifier: BSD-2-Clause
/*
 * `softee perf crypto`: SHA-256 and AES-256-GCM inside a TA over
 * registered, allocated and temp memrefs, beside OpenSSL in the client.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <softee_bench_ta.h>
#include <tee_client_api.h>

#include "perf.h"

static const char *const perf_crypto_algs[] = { "sha256", "aes-256-gcm" };
static const char *const perf_crypto_modes[] = {
	"native", "registered", "allocated", "temp",
};
#define PERF_CRYPTO_MODES 4
#define PERF_CRYPTO_BATCH_BYTES	(256 * 1024)

struct perf_crypto_run {
	unsigned int max_reps, min_reps;
	double budget;
	FILE *out;
};

/* ---- one operation: natively or in the TA ------------------------------- */

struct perf_crypto_op {
	bool gcm;
	size_t size;
	const uint8_t *in;
	/* native */
	EVP_MD_CTX *md;
	EVP_CIPHER_CTX *cip;
	/* TA */
	TEEC_Session *sess;
	TEEC_SharedMemory *shm_in, *shm_out;	/* NULL: temp memrefs */
	uint8_t *out;				/* ciphertext, client's view */
	uint8_t digest[32], tag[SOFTEE_BENCH_GCM_TAG_LEN];
	uint32_t nonce;
	TEEC_Result res;
};

static void perf_crypto_nonce(uint32_t n, uint8_t iv[SOFTEE_BENCH_GCM_NONCE_LEN])
{
	memset(iv, 0, SOFTEE_BENCH_GCM_NONCE_LEN);
	for (int i = 0; i < 4; i++)
		iv[i] = (uint8_t)(n >> (8 * i));
}

/* OpenSSL in this process; 0 or -EIO. */
static int perf_crypto_native(struct perf_crypto_op *o)
{
	static const uint8_t key[] = SOFTEE_BENCH_AES_KEY;
	uint8_t iv[SOFTEE_BENCH_GCM_NONCE_LEN];
	unsigned int dlen = 0;
	int len = 0, fin = 0;

	if (!o->gcm)
		return EVP_DigestInit_ex(o->md, EVP_sha256(), NULL) == 1 &&
		       EVP_DigestUpdate(o->md, o->in, o->size) == 1 &&
		       EVP_DigestFinal_ex(o->md, o->digest, &dlen) == 1 &&
		       dlen == 32 ? 0 : -EIO;
	if (o->size > INT32_MAX)
		return -EINVAL;
	perf_crypto_nonce(o->nonce, iv);
	if (EVP_EncryptInit_ex(o->cip, EVP_aes_256_gcm(), NULL, key, iv) != 1 ||
	    EVP_EncryptUpdate(o->cip, o->out, &len, o->in, (int)o->size) != 1 ||
	    EVP_EncryptFinal_ex(o->cip, o->out + len, &fin) != 1 ||
	    EVP_CIPHER_CTX_ctrl(o->cip, EVP_CTRL_GCM_GET_TAG,
				SOFTEE_BENCH_GCM_TAG_LEN, o->tag) != 1 ||
	    (size_t)len + (size_t)fin != o->size)
		return -EIO;
	return 0;
}

/* The same in the TA; the digest and tag come back in temp memrefs. */
static int perf_crypto_ta(struct perf_crypto_op *o)
{
	TEEC_Operation op;
	uint32_t origin = 0;

	memset(&op, 0, sizeof(op));
	if (o->shm_in) {
		op.params[0].memref.parent = o->shm_in;
		op.params[0].memref.size = o->size;
	} else {
		op.params[0].tmpref.buffer = (void *)o->in;
		op.params[0].tmpref.size = o->size;
	}
	if (!o->gcm) {
		op.paramTypes = TEEC_PARAM_TYPES(o->shm_in ? TEEC_MEMREF_PARTIAL_INPUT :
						 TEEC_MEMREF_TEMP_INPUT,
						 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
						 TEEC_NONE);
		op.params[1].tmpref.buffer = o->digest;
		op.params[1].tmpref.size = sizeof(o->digest);
		o->res = TEEC_InvokeCommand(o->sess, SOFTEE_BENCH_CMD_SHA256, &op,
					    &origin);
		return o->res == TEEC_SUCCESS && op.params[1].tmpref.size == 32 ?
		       0 : -EIO;
	}
	op.paramTypes = TEEC_PARAM_TYPES(
		o->shm_in ? TEEC_MEMREF_PARTIAL_INPUT : TEEC_MEMREF_TEMP_INPUT,
		o->shm_out ? TEEC_MEMREF_PARTIAL_OUTPUT : TEEC_MEMREF_TEMP_OUTPUT,
		TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_INPUT);
	if (o->shm_out) {
		op.params[1].memref.parent = o->shm_out;
		op.params[1].memref.size = o->size;
	} else {
		op.params[1].tmpref.buffer = o->out;
		op.params[1].tmpref.size = o->size;
	}
	op.params[2].tmpref.buffer = o->tag;
	op.params[2].tmpref.size = sizeof(o->tag);
	op.params[3].value.a = o->nonce;
	o->res = TEEC_InvokeCommand(o->sess, SOFTEE_BENCH_CMD_AES_GCM, &op, &origin);
	return o->res == TEEC_SUCCESS ? 0 : -EIO;
}

static void perf_crypto_emit(const struct perf_crypto_run *w, const char *mode,
			     const char *alg, size_t size,
			     struct perf_samples *s, const char *note)
{
	struct perf_rec r;

	perf_rec_init(&r, mode, alg, size, note);
	if (!note[0] && s) {
		perf_rec_stats(&r, s);
		if (r.med_us > 0) {
			r.rate = (double)size / r.med_us;	/* bytes/us = MB/s */
			snprintf(r.unit, sizeof(r.unit), "MB/s");
		}
	}
	perf_raw_emit(w->out, &r);
}

/* ---- worker ------------------------------------------------------------ */

struct perf_crypto_bufs {
	uint8_t *in, *out;			/* client's view */
	TEEC_SharedMemory shm_in, shm_out;
	bool have_in, have_out;
	uint8_t *m_in, *m_out;			/* malloc'd */
};

static void perf_crypto_bufs_free(struct perf_crypto_bufs *b)
{
	if (b->have_in)
		TEEC_ReleaseSharedMemory(&b->shm_in);
	if (b->have_out)
		TEEC_ReleaseSharedMemory(&b->shm_out);
	free(b->m_in);
	free(b->m_out);
	memset(b, 0, sizeof(*b));
}

/* Buffers of one mode (1 registered, 2 allocated, 3 temp) holding data. */
static TEEC_Result perf_crypto_bufs(TEEC_Context *ctx, int mode,
				    const uint8_t *data, size_t size,
				    struct perf_crypto_bufs *b)
{
	TEEC_Result res = TEEC_SUCCESS;

	memset(b, 0, sizeof(*b));
	b->shm_in.size = b->shm_out.size = size;
	b->shm_in.flags = TEEC_MEM_INPUT;
	b->shm_out.flags = TEEC_MEM_OUTPUT;
	if (mode == 2) {
		res = TEEC_AllocateSharedMemory(ctx, &b->shm_in);
		b->have_in = res == TEEC_SUCCESS;
		if (b->have_in)
			res = TEEC_AllocateSharedMemory(ctx, &b->shm_out);
		b->have_out = b->have_in && res == TEEC_SUCCESS;
		if (res == TEEC_SUCCESS) {
			b->in = b->shm_in.buffer;
			b->out = b->shm_out.buffer;
			memcpy(b->in, data, size);
		}
		return res;
	}
	b->m_in = malloc(size);
	b->m_out = malloc(size);
	if (!b->m_in || !b->m_out)
		return TEEC_ERROR_OUT_OF_MEMORY;
	memcpy(b->m_in, data, size);
	memset(b->m_out, 0, size);
	b->in = b->m_in;
	b->out = b->m_out;
	if (mode == 1) {
		b->shm_in.buffer = b->m_in;
		b->shm_out.buffer = b->m_out;
		res = TEEC_RegisterSharedMemory(ctx, &b->shm_in);
		b->have_in = res == TEEC_SUCCESS;
		if (b->have_in)
			res = TEEC_RegisterSharedMemory(ctx, &b->shm_out);
		b->have_out = b->have_in && res == TEEC_SUCCESS;
	}
	return res;
}

/*
 * One timed sample. OpenSSL runs in a batch of calls over 256 KiB in all
 * (one call from 256 KiB up), so that a small size is not timed with the
 * caches another process just left cold.
 */
static int perf_crypto_one(struct perf_crypto_op *o, bool native,
			   struct perf_samples *s)
{
	size_t batch = native && o->size < PERF_CRYPTO_BATCH_BYTES ?
		       PERF_CRYPTO_BATCH_BYTES / o->size : 1;
	double t0 = perf_now();
	int ret = 0;

	for (size_t i = 0; i < batch && !ret; i++)
		ret = native ? perf_crypto_native(o) : perf_crypto_ta(o);
	if (ret || !s)
		return ret;
	return perf_samples_add(s, (perf_now() - t0) / (double)batch);
}

/*
 * One algorithm at one size. The machine is shared and noisy, so the
 * measures are interleaved: each round runs OpenSSL once and the TA once
 * per memref mode, until max_reps rounds (or the budget, once min_reps are
 * in); a slow moment then hits every measure alike.
 */
static void perf_crypto_alg(const struct perf_crypto_run *w, int a,
			    struct perf_crypto_op ops[PERF_CRYPTO_MODES],
			    char notes[PERF_CRYPTO_MODES][64])
{
	struct perf_samples s[PERF_CRYPTO_MODES];
	size_t size = ops[0].size;
	double start;
	unsigned int round;

	memset(s, 0, sizeof(s));
	/* Warm-up: page faults, mapping caches, the TA's first touch. */
	for (int m = 0; m < PERF_CRYPTO_MODES; m++)
		for (int i = 0; i < 2 && !notes[m][0]; i++)
			if (perf_crypto_one(&ops[m], m == 0, NULL))
				snprintf(notes[m], 64, m ? "invoke failed: TEEC 0x%08x" :
					 "OpenSSL failed", ops[m].res);
	start = perf_now();
	for (round = 0; round < w->max_reps; round++) {
		for (int m = 0; m < PERF_CRYPTO_MODES; m++)
			if (!notes[m][0] && perf_crypto_one(&ops[m], m == 0, &s[m]))
				snprintf(notes[m], 64, m ? "invoke failed: TEEC 0x%08x" :
					 "OpenSSL failed", ops[m].res);
		if (round + 1 >= w->min_reps && perf_now() - start >
		    w->budget * PERF_CRYPTO_MODES)
			break;
	}
	/* The TA's results must be OpenSSL's, byte for byte. */
	for (int m = 1; m < PERF_CRYPTO_MODES && !notes[0][0]; m++) {
		if (notes[m][0])
			continue;
		if (a == 0 && memcmp(ops[m].digest, ops[0].digest, 32))
			snprintf(notes[m], 64, "CHECK FAILED: digest differs");
		else if (a == 1 && (memcmp(ops[m].tag, ops[0].tag, sizeof(ops[0].tag)) ||
				    memcmp(ops[m].out, ops[0].out, size)))
			snprintf(notes[m], 64, "CHECK FAILED: ciphertext or tag differs");
	}
	for (int m = 0; m < PERF_CRYPTO_MODES; m++) {
		perf_crypto_emit(w, perf_crypto_modes[m], perf_crypto_algs[a], size,
				 &s[m], notes[m]);
		perf_samples_free(&s[m]);
	}
}

/* One size: buffers of every mode, then each algorithm. */
static void perf_crypto_size(const struct perf_crypto_run *w, TEEC_Context *ctx,
			     TEEC_Session *sess, const char *sess_err,
			     const uint8_t *data, size_t size, uint8_t *ref_out,
			     EVP_MD_CTX *md, EVP_CIPHER_CTX *cip)
{
	struct perf_crypto_bufs b[PERF_CRYPTO_MODES];
	char setup[PERF_CRYPTO_MODES][64];

	memset(b, 0, sizeof(b));
	memset(setup, 0, sizeof(setup));
	for (int m = 1; m < PERF_CRYPTO_MODES; m++) {
		TEEC_Result res;

		if (!sess) {
			snprintf(setup[m], 64, "%.63s", sess_err);
			continue;
		}
		res = perf_crypto_bufs(ctx, m, data, size, &b[m]);
		if (res != TEEC_SUCCESS)
			snprintf(setup[m], 64, "setup failed: TEEC 0x%08x", res);
	}
	for (int a = 0; a < 2; a++) {
		struct perf_crypto_op ops[PERF_CRYPTO_MODES];
		char notes[PERF_CRYPTO_MODES][64];

		fprintf(stderr, PERF_PROG ": crypto %s %zu\n", perf_crypto_algs[a], size);
		memcpy(notes, setup, sizeof(notes));
		ops[0] = (struct perf_crypto_op){ .gcm = a == 1, .size = size,
			.in = data, .md = md, .cip = cip, .out = ref_out,
			.nonce = 0x1234 };
		for (int m = 1; m < PERF_CRYPTO_MODES; m++)
			ops[m] = (struct perf_crypto_op){ .gcm = a == 1, .size = size,
				.in = b[m].in, .out = b[m].out, .sess = sess,
				.shm_in = b[m].have_in ? &b[m].shm_in : NULL,
				.shm_out = b[m].have_out ? &b[m].shm_out : NULL,
				.nonce = 0x1234 };
		perf_crypto_alg(w, a, ops, notes);
	}
	for (int m = 1; m < PERF_CRYPTO_MODES; m++)
		perf_crypto_bufs_free(&b[m]);
}

int perf_crypto_worker(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "raw", required_argument, NULL, 'o' },
		{ "sizes", required_argument, NULL, 'z' },
		{ "reps", required_argument, NULL, 'r' },
		{ "min-reps", required_argument, NULL, 'n' },
		{ "budget-ms", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const TEEC_UUID uuid = TA_SOFTEE_BENCH_CRYPTO_UUID;
	struct perf_crypto_run w = { .max_reps = 100, .min_reps = 5, .budget = 0.3 };
	uint64_t sizes[PERF_MAX_SIZES], max = 0;
	size_t n_sizes = 0;
	const char *raw = NULL;
	char sess_err[64] = "";
	TEEC_Context ctx;
	TEEC_Session sess;
	bool have_ctx = false, have_sess = false;
	uint8_t *data = NULL, *ref_out = NULL;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_CIPHER_CTX *cip = EVP_CIPHER_CTX_new();
	unsigned long v;
	uint32_t origin = 0;
	TEEC_Result res;
	int c, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c == 'o')
			raw = optarg;
		else if (c == 'z' && !perf_parse_sizes(optarg, sizes, PERF_MAX_SIZES,
							&n_sizes))
			continue;
		else if ((c != 'r' && c != 'n' && c != 'b') ||
			 perf_parse_uint(optarg, 1, 1000000, &v))
			goto out;
		else if (c == 'r')
			w.max_reps = (unsigned int)v;
		else if (c == 'n')
			w.min_reps = (unsigned int)v;
		else
			w.budget = (double)v / 1000;
	}
	if (!raw || !n_sizes || optind != argc || !md || !cip ||
	    !(w.out = perf_raw_open(raw)))
		goto out;
	for (size_t i = 0; i < n_sizes; i++)
		max = sizes[i] > max ? sizes[i] : max;
	data = malloc(max);
	ref_out = malloc(max);
	if (!data || !ref_out)
		goto out;
	for (uint64_t i = 0; i < max; i++)
		data[i] = (uint8_t)(i * 131 + 7);
	res = TEEC_InitializeContext(NULL, &ctx);
	have_ctx = res == TEEC_SUCCESS;
	if (have_ctx)
		res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
				       NULL, &origin);
	have_sess = have_ctx && res == TEEC_SUCCESS;
	if (!have_sess)
		snprintf(sess_err, sizeof(sess_err), "crypto bench TA: TEEC 0x%08x "
			 "origin %u", res, origin);
	for (size_t i = 0; i < n_sizes; i++)
		perf_crypto_size(&w, &ctx, have_sess ? &sess : NULL, sess_err, data,
				 sizes[i], ref_out, md, cip);
	ret = have_sess ? 0 : 1;
out:
	if (have_sess)
		TEEC_CloseSession(&sess);
	if (have_ctx)
		TEEC_FinalizeContext(&ctx);
	if (w.out)
		fclose(w.out);
	EVP_MD_CTX_free(md);
	EVP_CIPHER_CTX_free(cip);
	free(data);
	free(ref_out);
	return ret;
}

/* ---- controller -------------------------------------------------------- */

static void perf_crypto_usage(FILE *f)
{
	fprintf(f,
		"usage: softee perf crypto [--sizes 4K,64K,1M,16M] [--reps N] "
		"[common options]\n"
		"  Crypto throughput in a TA: SHA-256 and AES-256-GCM over the data\n"
		"  memref registered, allocated or temp, beside OpenSSL in the client\n"
		"  over the same bytes in the same run (the TA's results are checked\n"
		"  against OpenSSL's). Writes DIR/crypto.csv and DIR/crypto-*.png.\n"
		"  --reps N     most repetitions per measure (default 100; --quick 10)\n"
		PERF_COMMON_USAGE
		"  --quick      sizes 4K and 1M\n");
}

/* perf_doc_publish hands the report one pointer: rows and sizes. */
struct perf_crypto_view {
	const struct perf_recs *rs;
	const uint64_t *sizes;
	size_t n;
};

static void perf_crypto_report(FILE *f, bool md, const void *arg)
{
	const struct perf_crypto_view *v = arg;
	const struct perf_recs *rs = v->rs;
	const uint64_t *sizes = v->sizes;
	size_t n = v->n;
	static const char *const heads[] = { "size", "OpenSSL MB/s",
		"registered MB/s (x)", "allocated MB/s (x)", "temp MB/s (x)",
		"median us (registered)", NULL };
	char title[96];

	for (int a = 0; a < 2; a++) {
		struct perf_table t;

		snprintf(title, sizeof(title), "%s in the TA against OpenSSL in the "
			 "client (x: TA/OpenSSL throughput)", perf_crypto_algs[a]);
		perf_table_init(&t, title, heads);
		for (size_t i = 0; i < n; i++) {
			const struct perf_rec *nat = perf_recs_find(rs, "native",
				perf_crypto_algs[a], sizes[i]);
			char (*row)[PERF_CELL] = perf_table_row(&t);

			if (!row)
				break;
			perf_fmt_size(sizes[i], row[0], PERF_CELL);
			if (nat && nat->n)
				perf_fmt_num(row[1], nat->rate);
			else
				snprintf(row[1], PERF_CELL, "n/a");
			for (int m = 1; m < PERF_CRYPTO_MODES; m++) {
				const struct perf_rec *r = perf_recs_find(rs,
					perf_crypto_modes[m], perf_crypto_algs[a],
					sizes[i]);
				char num[PERF_CELL], x[PERF_CELL];

				if (!r || !r->n) {
					snprintf(row[1 + m], PERF_CELL, "n/a");
					continue;
				}
				perf_fmt_num(num, r->rate);
				perf_fmt_ratio(x, r->rate, nat && nat->n ? nat->rate : 0);
				snprintf(row[1 + m], PERF_CELL, "%.14s (%.12s)", num, x);
				if (m == 1)
					perf_fmt_us(row[5], r->med_us);
			}
			if (!row[5][0])
				snprintf(row[5], PERF_CELL, "n/a");
		}
		perf_table_print(f, md, &t);
		perf_table_free(&t);
	}
	fprintf(f, "\n%sThe data memref (and for AES-GCM the ciphertext memref) "
		"is of the mode shown; the 32-byte digest and 16-byte tag come back "
		"in temp memrefs in every mode. AES-256-GCM: a fresh 12-byte nonce "
		"per call, no AAD. OpenSSL is timed in batches of calls over "
		"256 KiB in all for the small sizes; every TA call is timed on "
		"its own. The measures alternate call by call.\n", md ? "" : "  ");
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].note[0])
			fprintf(f, "%s%s %s %" PRIu64 ": %s\n", md ? "- problem: " :
				"  problem: ", rs->v[i].config, rs->v[i].measure,
				rs->v[i].x, rs->v[i].note);
}

static void perf_crypto_plot(const struct perf_opts *o, const struct perf_recs *rs,
			     const uint64_t *sizes, size_t n, int a)
{
	char file[32], title[96], why[256];
	struct perf_plot p = {
		.file = file, .title = title, .xlabel = "data size (KiB)",
		.ylabel = "MB/s", .logx = true, .logy = true,
	};

	snprintf(file, sizeof(file), "crypto-%s.png", a ? "aes-gcm" : "sha256");
	snprintf(title, sizeof(title), "softee perf crypto: %s throughput "
		 "(higher is better)", perf_crypto_algs[a]);
	for (int m = 0; m < PERF_CRYPTO_MODES; m++) {
		int k = perf_plot_series(&p, m ? perf_crypto_modes[m] :
					 "OpenSSL in the client");

		for (size_t i = 0; k >= 0 && i < n; i++) {
			const struct perf_rec *r = perf_recs_find(rs,
				perf_crypto_modes[m], perf_crypto_algs[a], sizes[i]);

			if (r && r->n)
				perf_plot_point(&p, (size_t)k, (double)sizes[i] / 1024,
						r->rate);
		}
	}
	if (perf_plot_render(&p, o->out, why, sizeof(why)))
		fprintf(stderr, PERF_PROG ": crypto: no plot: %s\n", why);
	perf_plot_free(&p);
}

int perf_crypto_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "sizes", required_argument, NULL, PERF_OPT_FIRST_OWN },
		{ "reps", required_argument, NULL, PERF_OPT_FIRST_OWN + 1 },
		PERF_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct perf_opts o;
	struct perf_recs rs = { 0 };
	uint64_t sizes[PERF_MAX_SIZES];
	size_t n_sizes = 0, len = 0;
	unsigned long reps = 0;
	char raw[PATH_MAX + 32], sz[PERF_MAX_SIZES * 24] = "";
	char reps_s[24], min_s[24], budget_s[24];
	int c, t, status, bad = 0;

	perf_opts_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		t = perf_opts_take(&o, c, optarg);
		if (t == 0)
			continue;
		if (t == -2)
			return 2;
		if (c == 'h') {
			perf_crypto_usage(stdout);
			return 0;
		}
		if (c == PERF_OPT_FIRST_OWN)
			bad = perf_parse_sizes(optarg, sizes, PERF_MAX_SIZES, &n_sizes);
		else if (c == PERF_OPT_FIRST_OWN + 1)
			bad = perf_parse_uint(optarg, 1, 100000, &reps);
		else
			bad = 1;
		if (bad) {
			perf_crypto_usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		perf_crypto_usage(stderr);
		return 2;
	}
	if (perf_opts_finish(&o, "crypto", argc, argv))
		return 1;
	if (!n_sizes) {
		static const uint64_t full[] = { 4096, 65536, 1 << 20, 16 << 20 };
		static const uint64_t quick[] = { 4096, 1 << 20 };

		n_sizes = o.quick ? 2 : 4;
		memcpy(sizes, o.quick ? quick : full, n_sizes * sizeof(sizes[0]));
	}
	for (size_t i = 0; i < n_sizes; i++)
		len += (size_t)snprintf(sz + len, sizeof(sz) - len, "%s%" PRIu64,
					i ? "," : "", sizes[i]);
	snprintf(reps_s, sizeof(reps_s), "%lu", reps ? reps : o.quick ? 10 : 100);
	snprintf(min_s, sizeof(min_s), "%d", o.quick ? 3 : 5);
	snprintf(budget_s, sizeof(budget_s), "%d", o.quick ? 40 : 300);
	snprintf(raw, sizeof(raw), "%s/crypto-raw.csv", o.out);
	unlink(raw);
	{
		const char *wargs[] = { "crypto-worker", "--raw", raw, "--sizes", sz,
					"--reps", reps_s, "--min-reps", min_s,
					"--budget-ms", budget_s, NULL };

		if (perf_run_recs(o.bin_dir, "crypto", wargs, raw, &rs,
				  &status))
			return 1;
	}
	perf_crypto_plot(&o, &rs, sizes, n_sizes, 0);
	perf_crypto_plot(&o, &rs, sizes, n_sizes, 1);
	perf_doc_publish(&o, &(struct perf_pub){
		.name = "crypto", .title = "crypto: SHA-256 and AES-GCM in a TA",
		.compared = "OpenSSL (EVP) in the client process over the same "
			    "bytes, in the same run; the TA's digests, ciphertexts "
			    "and tags are checked against it",
		.report = perf_crypto_report,
		.arg = &(struct perf_crypto_view){ &rs, sizes, n_sizes }, .rs = &rs,
		.plots = (const char *const[]){
			"crypto-sha256.png", "SHA-256 throughput",
			"crypto-aes-gcm.png", "AES-GCM throughput", NULL },
		.status = { status },
	});
	perf_recs_free(&rs);
	return status ? 1 : 0;
}
