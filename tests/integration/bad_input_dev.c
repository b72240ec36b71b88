// SPDX-License-Identifier: BSD-2-Clause
/*
 * Device-protocol bad input: a raw client on $SOFTEE_DEV_DIR/tee0 sends
 * malformed requests; each must get an error reply (framing errors may
 * close the connection instead), and the driver must keep serving with
 * its counts back to baseline.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/tee.h>
#include <tee_client_api.h>

#include "bad_input.h"
#include "ctl.h"
#include "softee_dev.h"
#include "softee_test_ta.h"
#include "wire.h"

enum bi_outcome { BI_OK, BI_ERR, BI_CLOSED, BI_TIMEOUT, BI_GARBLED };
static const char *const bi_outcome_names[] = {
	"success", "error reply", "connection closed", "no answer",
	"malformed reply",
};

struct bi_rep {
	int32_t ret;
	uint32_t len;
	uint8_t data[SOFTEE_DEV_MAX_PAYLOAD];
	int fds[WIRE_MAX_FDS];
	int nfds;
};

static uint8_t bi_msg[sizeof(struct softee_dev_rep) + SOFTEE_DEV_MAX_PAYLOAD + 256];
static struct bi_rep bi_r;
static uint32_t bi_tag = 1;

static int bi_dev_open(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", getenv("SOFTEE_DEV_DIR"),
		 SOFTEE_DEV_CLIENT_SOCK);
	return wire_connect(path);
}

/* Wait for the reply to tag; fds it carries land in bi_r.fds. */
static enum bi_outcome bi_wait(int s, uint32_t tag)
{
	struct softee_dev_rep h;
	ssize_t n;

	bi_r.nfds = 0;
	n = bi_recv(s, bi_msg, sizeof(bi_msg), bi_r.fds, &bi_r.nfds);
	if (n == 0 || n == -ECONNRESET || n == -EPIPE)
		return BI_CLOSED;
	if (n == -ETIMEDOUT)
		return BI_TIMEOUT;
	if (n < (ssize_t)sizeof(h))
		return BI_GARBLED;
	memcpy(&h, bi_msg, sizeof(h));
	if (h.magic != SOFTEE_DEV_MAGIC || h.tag != tag ||
	    h.len != (size_t)n - sizeof(h) || h.len > sizeof(bi_r.data))
		return BI_GARBLED;
	bi_r.ret = h.ret;
	bi_r.len = h.len;
	memcpy(bi_r.data, bi_msg + sizeof(h), h.len);
	return h.ret == 0 ? BI_OK : (h.ret < 0 ? BI_ERR : BI_GARBLED);
}

/* Send a well-framed request and wait for its reply. */
static enum bi_outcome bi_call(int s, uint32_t op, const void *pl, size_t len,
			       const int *fds, int nfds)
{
	struct softee_dev_req h = { SOFTEE_DEV_MAGIC, bi_tag++, op,
				    (uint32_t)len };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)pl, len } };
	int r;

	r = wire_send(s, iov, len ? 2 : 1, fds, nfds);
	if (r == -EPIPE || r == -ECONNRESET)
		return BI_CLOSED;
	if (r == -EMSGSIZE)
		return BI_ERR;	/* refused by the transport itself */
	if (r)
		return BI_GARBLED;
	return bi_wait(s, h.tag);
}

static enum bi_outcome bi_send_raw(int s, const void *buf, size_t len)
{
	int r = wire_send_buf(s, buf, len, NULL, 0);

	if (r == -EPIPE || r == -ECONNRESET)
		return BI_CLOSED;
	if (r)
		return BI_GARBLED;
	return bi_wait(s, ((const struct softee_dev_req *)buf)->tag);
}

#define BI_EXPECT(got, cond) do { enum bi_outcome g_ = (got); \
	if (!(cond)) { TEST_FAILF("got %s (ret %d), wanted %s", \
		bi_outcome_names[g_], \
		g_ == BI_ERR || g_ == BI_OK ? bi_r.ret : 0, #cond); } \
	wire_close_fds(bi_r.fds, bi_r.nfds); bi_r.nfds = 0; } while (0)
#define BI_EXPECT_ERR(got) BI_EXPECT(got, g_ == BI_ERR)
#define BI_EXPECT_ERR_OR_CLOSED(got) BI_EXPECT(got, g_ == BI_ERR || g_ == BI_CLOSED)

/* The connection still answers a plain VERSION. */
static void bi_expect_alive(int s)
{
	BI_EXPECT(bi_call(s, TEE_IOC_VERSION, NULL, 0, NULL, 0), g_ == BI_OK);
}

static int bi_shm_alloc(int s, uint64_t size, int32_t *id)
{
	struct tee_ioctl_shm_alloc_data d = { .size = size };
	enum bi_outcome o = bi_call(s, TEE_IOC_SHM_ALLOC, &d, sizeof(d), NULL, 0);

	wire_close_fds(bi_r.fds, bi_r.nfds);
	bi_r.nfds = 0;
	if (o != BI_OK || bi_r.len < sizeof(d))
		return -1;
	memcpy(&d, bi_r.data, sizeof(d));
	*id = d.id;
	return 0;
}

/* A real session to the main test TA, opened through the raw protocol. */
static uint32_t bi_open_session(int s)
{
	static const uint8_t uuid[16] = { 0x5e, 0xed, 0x7e, 0x57, 0x00, 0x01,
		0x4c, 0x1e, 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x00, 0x01 };
	uint8_t buf[sizeof(struct tee_ioctl_open_session_arg) +
		    4 * sizeof(struct tee_ioctl_param)];
	struct tee_ioctl_open_session_arg a;

	memset(buf, 0, sizeof(buf));
	memset(&a, 0, sizeof(a));
	memcpy(a.uuid, uuid, sizeof(uuid));
	a.num_params = 4;
	memcpy(buf, &a, sizeof(a));
	if (bi_call(s, TEE_IOC_OPEN_SESSION, buf, sizeof(buf), NULL, 0) != BI_OK ||
	    bi_r.len < sizeof(a))
		return 0xfffffff0;	/* keep going: checks come first */
	memcpy(&a, bi_r.data, sizeof(a));
	return a.ret == 0 ? a.session : 0xfffffff0;
}

/* An INVOKE payload with one param (attr, a, b, c). */
static size_t bi_invoke1(uint8_t *buf, uint32_t sess, uint64_t attr,
			 uint64_t a, uint64_t b, uint64_t c)
{
	struct tee_ioctl_invoke_arg ia;
	struct tee_ioctl_param p = { attr, a, b, c };

	memset(&ia, 0, sizeof(ia));
	ia.func = SOFTEE_TEST_CMD_CHECKSUM;
	ia.session = sess;
	ia.num_params = 1;
	memcpy(buf, &ia, sizeof(ia));
	memcpy(buf + sizeof(ia), &p, sizeof(p));
	return sizeof(ia) + sizeof(p);
}

TEST(dev_bad_magic_refused)
{
	struct softee_dev_req h = { 0xdeadbeef, 7, TEE_IOC_VERSION, 0 };
	int s = bi_dev_open();

	CHECK(s >= 0);
	BI_EXPECT_ERR_OR_CLOSED(bi_send_raw(s, &h, sizeof(h)));
	close(s);
}

TEST(dev_truncated_header_refused)
{
	struct softee_dev_req h = { SOFTEE_DEV_MAGIC, 8, TEE_IOC_VERSION, 0 };
	int s = bi_dev_open();

	CHECK(s >= 0);
	BI_EXPECT_ERR_OR_CLOSED(bi_send_raw(s, &h, 7));
	close(s);
}

TEST(dev_length_field_not_matching_payload_refused)
{
	uint8_t buf[sizeof(struct softee_dev_req) + 8] = { 0 };
	struct softee_dev_req h = { SOFTEE_DEV_MAGIC, 9, TEE_IOC_VERSION, 100 };
	int s = bi_dev_open();

	CHECK(s >= 0);
	BI_EXPECT_ERR_OR_CLOSED(bi_send_raw(s, &h, sizeof(h)));
	close(s);
	s = bi_dev_open();
	CHECK(s >= 0);
	h.op = TEE_IOC_CLOSE_SESSION;
	h.len = 4;
	memcpy(buf, &h, sizeof(h));
	BI_EXPECT_ERR_OR_CLOSED(bi_send_raw(s, buf, sizeof(buf)));
	close(s);
}

TEST(dev_unknown_op_gets_error_and_connection_survives)
{
	uint32_t junk[2] = { 1, 2 };
	int s = bi_dev_open();

	CHECK(s >= 0);
	BI_EXPECT_ERR(bi_call(s, 0x12345678, junk, sizeof(junk), NULL, 0));
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER_FD, junk, sizeof(junk),
			      NULL, 0));
	bi_expect_alive(s);
	close(s);
}

TEST(dev_fixed_size_ioctl_with_wrong_size_refused)
{
	uint8_t junk[64] = { 0 };
	int s = bi_dev_open();

	CHECK(s >= 0);
	BI_EXPECT_ERR_OR_CLOSED(bi_call(s, TEE_IOC_CLOSE_SESSION, junk, 2, NULL, 0));
	close(s);
	s = bi_dev_open();
	CHECK(s >= 0);
	BI_EXPECT_ERR_OR_CLOSED(bi_call(s, TEE_IOC_SHM_ALLOC, junk, 40, NULL, 0));
	close(s);
}

TEST(dev_invoke_huge_num_params_refused)
{
	uint8_t buf[256] = { 0 };
	struct tee_ioctl_invoke_arg ia;
	int s = bi_dev_open();

	CHECK(s >= 0);
	memset(&ia, 0, sizeof(ia));
	ia.num_params = 0xffffffff;
	memcpy(buf, &ia, sizeof(ia));
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_INVOKE, buf, sizeof(ia), NULL, 0));
	ia.num_params = 0x08000001;	/* * 32 wraps a u32 to 32 */
	memcpy(buf, &ia, sizeof(ia));
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_INVOKE, buf, sizeof(ia) + 32, NULL, 0));
	ia.num_params = 4;		/* says 4, carries 1 */
	memcpy(buf, &ia, sizeof(ia));
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_INVOKE, buf, sizeof(ia) + 32, NULL, 0));
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_INVOKE, buf, 5, NULL, 0));
	bi_expect_alive(s);
	close(s);
}

TEST(dev_buf_len_above_max_arg_size_refused)
{
	static uint8_t buf[TEE_MAX_ARG_SIZE + 64];
	struct tee_ioctl_invoke_arg ia;
	size_t len = sizeof(ia) + 128 * sizeof(struct tee_ioctl_param);
	int s = bi_dev_open();

	CHECK(s >= 0);
	memset(buf, 0, sizeof(buf));
	memset(&ia, 0, sizeof(ia));
	ia.num_params = 128;	/* consistent with the length, too big */
	memcpy(buf, &ia, sizeof(ia));
	BI_EXPECT_ERR_OR_CLOSED(bi_call(s, TEE_IOC_INVOKE, buf, len, NULL, 0));
	close(s);
}

TEST(dev_payload_above_protocol_max_refused)
{
	size_t len = SOFTEE_DEV_MAX_PAYLOAD + 512;
	uint8_t *buf = calloc(1, len);
	int s = bi_dev_open();

	CHECK(buf);
	if (s < 0) {
		free(buf);
		CHECK(s >= 0);
	}
	BI_EXPECT_ERR_OR_CLOSED(bi_call(s, TEE_IOC_INVOKE, buf, len, NULL, 0));
	free(buf);
	close(s);
}

TEST(dev_memref_to_unknown_or_foreign_shm_refused)
{
	uint8_t buf[128];
	int32_t id = -1;
	uint32_t sess;
	size_t len;
	int s = bi_dev_open(), s2;

	CHECK(s >= 0);
	sess = bi_open_session(s);
	len = bi_invoke1(buf, sess, TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT,
			 0, 16, 123456);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_INVOKE, buf, len, NULL, 0));
	/* an id allocated on another connection is not this context's */
	s2 = bi_dev_open();
	if (s2 >= 0 && !bi_shm_alloc(s2, 4096, &id)) {
		len = bi_invoke1(buf, sess,
				 TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, 0, 16,
				 (uint64_t)(int64_t)id);
		BI_EXPECT_ERR(bi_call(s, TEE_IOC_INVOKE, buf, len, NULL, 0));
	} else {
		TEST_FAILF("SHM_ALLOC on a second connection failed");
	}
	if (s2 >= 0)
		close(s2);
	bi_expect_alive(s);
	close(s);
}

TEST(dev_memref_offset_size_overflow_refused)
{
	static const uint64_t cases[][2] = {
		{ UINT64_MAX - 8, 16 }, { 16, UINT64_MAX - 8 },
		{ 4000, 200 }, { 0, 4097 }, { 4097, 0 },
	};
	struct softee_dev_shm_release rel = { 0, 0 };
	uint8_t buf[128];
	int32_t id = -1;
	uint32_t sess;
	size_t i, len;
	int s = bi_dev_open();

	CHECK(s >= 0);
	sess = bi_open_session(s);
	if (bi_shm_alloc(s, 4096, &id)) {
		close(s);
		CHECK(!"SHM_ALLOC 4096 failed");
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = bi_invoke1(buf, sess,
				 TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT,
				 cases[i][0], cases[i][1], (uint64_t)id);
		BI_EXPECT_ERR(bi_call(s, TEE_IOC_INVOKE, buf, len, NULL, 0));
	}
	rel.id = id;
	BI_EXPECT(bi_call(s, SOFTEE_DEV_OP_SHM_RELEASE, &rel, sizeof(rel),
			  NULL, 0), g_ == BI_OK);
	bi_expect_alive(s);
	close(s);
}

TEST(dev_bad_param_attrs_refused)
{
	static const uint64_t attrs[] = { 4, 0x55, 0xff,
		0x10000 | TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT,
		(1ULL << 63) | TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT };
	uint8_t buf[128];
	uint32_t sess;
	size_t i, len;
	int s = bi_dev_open();

	CHECK(s >= 0);
	sess = bi_open_session(s);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		len = bi_invoke1(buf, sess, attrs[i], 1, 2, 3);
		BI_EXPECT_ERR(bi_call(s, TEE_IOC_INVOKE, buf, len, NULL, 0));
	}
	bi_expect_alive(s);
	close(s);
}

TEST(dev_shm_alloc_bad_flags_or_size_refused)
{
	struct tee_ioctl_shm_alloc_data d = { .size = 4096, .flags = 1 };
	int s = bi_dev_open();

	CHECK(s >= 0);
	BI_EXPECT(bi_call(s, TEE_IOC_SHM_ALLOC, &d, sizeof(d), NULL, 0),
		  g_ == BI_ERR && bi_r.nfds == 0);
	d.flags = 0;
	d.size = 1ULL << 62;
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_ALLOC, &d, sizeof(d), NULL, 0));
	d.size = UINT64_MAX;
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_ALLOC, &d, sizeof(d), NULL, 0));
	bi_expect_alive(s);
	close(s);
}

TEST(dev_shm_release_of_unknown_id_refused)
{
	struct softee_dev_shm_release rel = { 987654, 0 };
	int32_t id = -1;
	int s = bi_dev_open();

	CHECK(s >= 0);
	BI_EXPECT_ERR(bi_call(s, SOFTEE_DEV_OP_SHM_RELEASE, &rel, sizeof(rel),
			      NULL, 0));
	rel.id = -1;
	BI_EXPECT_ERR(bi_call(s, SOFTEE_DEV_OP_SHM_RELEASE, &rel, sizeof(rel),
			      NULL, 0));
	if (!bi_shm_alloc(s, 100, &id)) {
		rel.id = id;
		rel.reserved = 1;
		BI_EXPECT_ERR(bi_call(s, SOFTEE_DEV_OP_SHM_RELEASE, &rel,
				      sizeof(rel), NULL, 0));
		rel.reserved = 0;
		BI_EXPECT(bi_call(s, SOFTEE_DEV_OP_SHM_RELEASE, &rel,
				  sizeof(rel), NULL, 0), g_ == BI_OK);
		BI_EXPECT_ERR(bi_call(s, SOFTEE_DEV_OP_SHM_RELEASE, &rel,
				      sizeof(rel), NULL, 0));
	} else {
		TEST_FAILF("SHM_ALLOC 100 failed");
	}
	bi_expect_alive(s);
	close(s);
}

TEST(dev_unexpected_fds_refused)
{
	struct tee_ioctl_close_session_arg cs = { 0xfffffff0 };
	int fds[3];
	int s = bi_dev_open();

	CHECK(s >= 0);
	fds[0] = memfd_create("bi-junk", MFD_CLOEXEC);
	fds[1] = dup(fds[0]);
	fds[2] = dup(fds[0]);
	BI_EXPECT_ERR_OR_CLOSED(bi_call(s, TEE_IOC_VERSION, NULL, 0, fds, 3));
	close(s);
	s = bi_dev_open();
	if (s >= 0) {
		BI_EXPECT_ERR_OR_CLOSED(bi_call(s, TEE_IOC_CLOSE_SESSION, &cs,
						sizeof(cs), fds, 1));
		close(s);
	}
	wire_close_fds(fds, 3);
}

/* A register request: data + header + segments, as the device layer sends. */
static size_t bi_reg_req(uint8_t *buf, uint64_t addr, uint64_t length,
			 uint32_t flags, uint32_t n_segs,
			 const struct softee_dev_reg_seg *segs, uint32_t n_given)
{
	struct tee_ioctl_shm_register_data d = { addr, length, flags, 0 };
	struct softee_dev_reg_hdr h = { n_segs, 0 };
	size_t off = 0;

	memcpy(buf, &d, sizeof(d));
	off += sizeof(d);
	memcpy(buf + off, &h, sizeof(h));
	off += sizeof(h);
	memcpy(buf + off, segs, n_given * sizeof(*segs));
	return off + n_given * sizeof(*segs);
}

TEST(dev_shm_register_with_bad_segments_refused)
{
	static uint8_t buf[SOFTEE_DEV_MAX_PAYLOAD];
	struct softee_dev_reg_seg segs[2] = {
		{ 0x10000, 4096, 0, 0, SOFTEE_DEV_REG_SEG_PINNED },
		{ 0x11000, 4096, 4096, 0, SOFTEE_DEV_REG_SEG_PINNED },
	};
	size_t len;
	int s = bi_dev_open();
	int mfd = memfd_create("bi-reg", MFD_CLOEXEC);

	CHECK(s >= 0);
	if (mfd < 0 || ftruncate(mfd, 8192)) {
		close(s);
		CHECK(!"memfd");
	}
	/* segments cover only half of the range */
	len = bi_reg_req(buf, 0x10000, 8192, 0, 1, segs, 1);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, &mfd, 1));
	/* fd index beyond the fds sent */
	segs[1].fd_index = 3;
	len = bi_reg_req(buf, 0x10000, 8192, 0, 2, segs, 2);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, &mfd, 1));
	segs[1].fd_index = 0;
	/* segment beyond the end of its memfd */
	segs[1].fd_offset = 1ULL << 40;
	len = bi_reg_req(buf, 0x10000, 8192, 0, 2, segs, 2);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, &mfd, 1));
	segs[1].fd_offset = 4096;
	/* n_segs says more than the message carries, or than allowed */
	len = bi_reg_req(buf, 0x10000, 8192, 0, 5, segs, 2);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, &mfd, 1));
	len = bi_reg_req(buf, 0x10000, 8192, 0, SOFTEE_DEV_MAX_REG_SEGS + 1,
			 segs, 2);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, &mfd, 1));
	/* flags must be 0; length 0; address range wrapping */
	len = bi_reg_req(buf, 0x10000, 8192, 1, 2, segs, 2);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, &mfd, 1));
	len = bi_reg_req(buf, 0x10000, 0, 0, 0, segs, 0);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, NULL, 0));
	len = bi_reg_req(buf, UINT64_MAX - 4095, 8192, 0, 2, segs, 2);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, &mfd, 1));
	/* no fd at all */
	len = bi_reg_req(buf, 0x10000, 8192, 0, 2, segs, 2);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SHM_REGISTER, buf, len, NULL, 0));
	close(mfd);
	bi_expect_alive(s);
	close(s);
}

TEST(dev_session_and_supplicant_ops_misused_refused)
{
	struct tee_ioctl_close_session_arg cs = { 0xfffffff0 };
	uint8_t buf[64] = { 0 };
	int s = bi_dev_open();

	CHECK(s >= 0);
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_CLOSE_SESSION, &cs, sizeof(cs), NULL, 0));
	((struct tee_iocl_supp_recv_arg *)(void *)buf)->num_params = 1;
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SUPPL_RECV, buf, 8 + 32, NULL, 0));
	BI_EXPECT_ERR(bi_call(s, TEE_IOC_SUPPL_SEND, buf, 8 + 32, NULL, 0));
	bi_expect_alive(s);
	close(s);
}

static long bi_parse_key(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ':')
			return strtol(p + klen + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* "sessions shm contexts" from driver.ctl into a comparable string. */
static int bi_counts(char *out, size_t cap)
{
	char path[PATH_MAX], *text = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/driver.ctl", getenv("SOFTEE_DEV_DIR"));
	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	rc = ctl_query(path, "status", f);
	fclose(f);
	if (!rc)
		snprintf(out, cap, "sessions %ld shm %ld contexts %ld",
			 bi_parse_key(text, "sessions"), bi_parse_key(text, "shm"),
			 bi_parse_key(text, "contexts"));
	free(text);
	return rc;
}

static char bi_baseline[128];

TEST(dev_driver_counts_taken_as_baseline)
{
	if (bi_counts(bi_baseline, sizeof(bi_baseline)))
		SKIP_TEST("driver.ctl status not available");
}

TEST(dev_libteec_session_works_and_counts_back_to_baseline)
{
	const TEEC_UUID uuid = TA_SOFTEE_TEST_UUID;
	char now[128] = "";
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_Result res;
	int i;

	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, NULL);
	if (res == TEEC_SUCCESS) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].value.a = 1;
		res = TEEC_InvokeCommand(&sess, SOFTEE_TEST_CMD_ECHO, &op, NULL);
		TEEC_CloseSession(&sess);
	}
	TEEC_FinalizeContext(&ctx);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	CHECK_EQ_U(op.params[0].value.a, 2);
	if (!bi_baseline[0])
		return;
	for (i = 0; i < 100; i++) {
		if (!bi_counts(now, sizeof(now)) && !strcmp(now, bi_baseline))
			return;
		usleep(50 * 1000);
	}
	TEST_FAILF("driver counts '%s', baseline '%s'", now, bi_baseline);
}

const struct bi_test bi_dev_tests[] = {
	BI_T(dev_driver_counts_taken_as_baseline),
	BI_T(dev_bad_magic_refused),
	BI_T(dev_truncated_header_refused),
	BI_T(dev_length_field_not_matching_payload_refused),
	BI_T(dev_unknown_op_gets_error_and_connection_survives),
	BI_T(dev_fixed_size_ioctl_with_wrong_size_refused),
	BI_T(dev_invoke_huge_num_params_refused),
	BI_T(dev_buf_len_above_max_arg_size_refused),
	BI_T(dev_payload_above_protocol_max_refused),
	BI_T(dev_memref_to_unknown_or_foreign_shm_refused),
	BI_T(dev_memref_offset_size_overflow_refused),
	BI_T(dev_bad_param_attrs_refused),
	BI_T(dev_shm_alloc_bad_flags_or_size_refused),
	BI_T(dev_shm_release_of_unknown_id_refused),
	BI_T(dev_unexpected_fds_refused),
	BI_T(dev_shm_register_with_bad_segments_refused),
	BI_T(dev_session_and_supplicant_ops_misused_refused),
	BI_T(dev_libteec_session_works_and_counts_back_to_baseline),
};
const size_t bi_dev_ntests = sizeof(bi_dev_tests) / sizeof(bi_dev_tests[0]);
