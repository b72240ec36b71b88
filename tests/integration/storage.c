// SPDX-License-Identifier: BSD-2-Clause
/*
 * Client of the secure storage tests (storage.sh runs it inside softee
 * stacks): GP behaviour, persistence across restarts, isolation between
 * TAs, tampering, and the writer and checker of the crash tests. One
 * subcommand per step; each check prints a PASS/FAIL line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storage.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

const TEEC_UUID stor_uuid1 = TA_SOFTEE_STORAGE_UUID;
const TEEC_UUID stor_uuid2 = TA_SOFTEE_STORAGE2_UUID;

bool stor_open(TEEC_Context *ctx, TEEC_Session *s, int which)
{
	uint32_t origin;
	TEEC_Result r;

	/* A failure here is a test failure of its own, said so. */
	r = TEEC_InitializeContext(NULL, ctx);
	if (r != TEEC_SUCCESS) {
		printf("FAIL: storage_session_opens: TEEC_InitializeContext: 0x%x\n",
		       r);
		return false;
	}
	r = TEEC_OpenSession(ctx, s, which == 2 ? &stor_uuid2 : &stor_uuid1,
			     TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (r != TEEC_SUCCESS) {
		printf("FAIL: storage_session_opens: TA %d: 0x%x (origin %u)\n",
		       which, r, origin);
		TEEC_FinalizeContext(ctx);
		return false;
	}
	return true;
}

void stor_close(TEEC_Session *s)
{
	TEEC_Context *ctx = s->imp.ctx;

	TEEC_CloseSession(s);
	TEEC_FinalizeContext(ctx);
}

TEEC_Result stor_invoke(TEEC_Session *s, uint32_t cmd, uint32_t types,
			TEEC_Parameter *p)
{
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result r;

	memset(&op, 0, sizeof(op));
	op.paramTypes = types;
	if (p)
		memcpy(op.params, p, 4 * sizeof(*p));
	r = TEEC_InvokeCommand(s, cmd, &op, &origin);
	if (p)
		memcpy(p, op.params, 4 * sizeof(*p));
	return r;
}

static void stor_tmp(TEEC_Parameter *p, const void *buf, size_t len)
{
	p->tmpref.buffer = (void *)buf;
	p->tmpref.size = len;
}

TEEC_Result stor_create(TEEC_Session *s, const char *id, const void *data,
			size_t len, uint32_t flags)
{
	TEEC_Parameter p[4];

	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], id, strlen(id));
	stor_tmp(&p[1], data, len);
	p[2].value.a = flags;
	return stor_invoke(s, STOR_CMD_CREATE,
			   TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					    TEEC_MEMREF_TEMP_INPUT,
					    TEEC_VALUE_INPUT, TEEC_NONE), p);
}

TEEC_Result stor_read(TEEC_Session *s, const char *id, void *buf, size_t cap,
		      size_t *len)
{
	TEEC_Parameter p[4];
	TEEC_Result r;

	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], id, strlen(id));
	stor_tmp(&p[1], buf, cap);
	r = stor_invoke(s, STOR_CMD_READ,
			TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE), p);
	*len = r == TEEC_SUCCESS ? p[1].tmpref.size : 0;
	return r;
}

TEEC_Result stor_write(TEEC_Session *s, const char *id, const void *data,
		       size_t len, uint32_t off)
{
	TEEC_Parameter p[4];

	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], id, strlen(id));
	stor_tmp(&p[1], data, len);
	p[2].value.a = off;
	return stor_invoke(s, STOR_CMD_WRITE,
			   TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					    TEEC_MEMREF_TEMP_INPUT,
					    TEEC_VALUE_INPUT, TEEC_NONE), p);
}

TEEC_Result stor_open_res(TEEC_Session *s, const char *id, uint32_t flags)
{
	TEEC_Parameter p[4];

	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], id, strlen(id));
	p[1].value.a = flags;
	return stor_invoke(s, STOR_CMD_OPEN,
			   TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					    TEEC_VALUE_INPUT, TEEC_NONE,
					    TEEC_NONE), p);
}

TEEC_Result stor_delete(TEEC_Session *s, const char *id)
{
	TEEC_Parameter p[4];

	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], id, strlen(id));
	return stor_invoke(s, STOR_CMD_DELETE,
			   TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE,
					    TEEC_NONE, TEEC_NONE), p);
}

TEEC_Result stor_list(TEEC_Session *s, char **out, uint32_t *count)
{
	static uint8_t buf[64 * 1024];
	TEEC_Parameter p[4];
	TEEC_Result r;
	size_t off = 0, o = 0;
	char *txt;

	*out = NULL;
	*count = 0;
	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], buf, sizeof(buf));
	r = stor_invoke(s, STOR_CMD_LIST,
			TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE), p);
	if (r != TEEC_SUCCESS && r != TEEC_ERROR_ITEM_NOT_FOUND)
		return r;
	txt = calloc(1, p[0].tmpref.size * 2 + 1);
	if (!txt)
		return TEEC_ERROR_OUT_OF_MEMORY;
	while (off < p[0].tmpref.size) {
		size_t l = buf[off];

		if (off + 1 + l > p[0].tmpref.size)
			break;
		memcpy(txt + o, buf + off + 1, l);
		o += l;
		txt[o++] = '\n';
		off += 1 + l;
	}
	*out = txt;
	*count = r == TEEC_SUCCESS ? p[1].value.a : 0;
	return TEEC_SUCCESS;
}

/* --- persistence and isolation ------------------------------------------ */

static const char persist_text[] = "persistent object: " STOR_MARKER
				   " stored in run one, read in run two";
static const char persist_text2[] = "the second TA's object of the same id";
#define PERSIST_BIG	(1024 * 1024 + 77)

static void persist_big_fill(uint8_t *b)
{
	/* Markers all over a large object: none may reach a file. */
	for (size_t i = 0; i < PERSIST_BIG; i++)
		b[i] = (uint8_t)(i * 13 + 1);
	for (size_t i = 0; i + sizeof(STOR_MARKER) < PERSIST_BIG; i += 65536)
		memcpy(b + i, STOR_MARKER, sizeof(STOR_MARKER) - 1);
}

int stor_cmd_persist_write(void)
{
	TEEC_Context c1, c2;
	TEEC_Session s1, s2;
	TEEC_Parameter p[4];
	uint8_t *big;

	if (!stor_open(&c1, &s1, 1))
		return 1;
	if (!stor_open(&c2, &s2, 2)) {
		stor_close(&s1);
		return 1;
	}
	big = malloc(PERSIST_BIG);
	if (!big)
		return 1;
	persist_big_fill(big);
	testlib.failed_now = 0;
	(void)stor_delete(&s1, "persist-text");
	EXPECT_EQ_U(stor_create(&s1, "persist-text", persist_text,
				sizeof(persist_text), 0), TEEC_SUCCESS);
	(void)stor_delete(&s1, "persist-big");
	EXPECT_EQ_U(stor_create(&s1, "persist-big", big, PERSIST_BIG, 0),
		    TEEC_SUCCESS);
	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], "persist-key", 11);
	EXPECT_EQ_U(stor_invoke(&s1, STOR_CMD_KEY,
				TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
						 TEEC_NONE, TEEC_NONE,
						 TEEC_NONE), p), TEEC_SUCCESS);
	/* The same id in the other TA: another object entirely. */
	(void)stor_delete(&s2, "persist-text");
	EXPECT_EQ_U(stor_create(&s2, "persist-text", persist_text2,
				sizeof(persist_text2), 0), TEEC_SUCCESS);
	testlib_report("storage_persist_objects_written");
	free(big);
	stor_close(&s2);
	stor_close(&s1);
	return testlib_summary();
}

static void persist_check_text(TEEC_Session *s)
{
	char buf[256];
	size_t len;

	EXPECT_EQ_U(stor_read(s, "persist-text", buf, sizeof(buf), &len),
		    TEEC_SUCCESS);
	EXPECT(len == sizeof(persist_text) &&
	       !memcmp(buf, persist_text, len));
}

int stor_cmd_persist_check(void)
{
	TEEC_Context c1;
	TEEC_Session s1;
	TEEC_Parameter p[4];
	uint8_t *big, *back;
	size_t len = 0;

	if (!stor_open(&c1, &s1, 1))
		return 1;
	big = malloc(PERSIST_BIG);
	back = malloc(PERSIST_BIG);
	if (!big || !back)
		return 1;
	persist_big_fill(big);
	persist_check_text(&s1);
	testlib_report("storage_persist_text_survives_restart");
	EXPECT_EQ_U(stor_read(&s1, "persist-big", back, PERSIST_BIG, &len),
		    TEEC_SUCCESS);
	EXPECT(len == PERSIST_BIG && !memcmp(big, back, PERSIST_BIG));
	testlib_report("storage_persist_large_object_survives_restart");
	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], "persist-key", 11);
	p[1].value.a = 1;
	EXPECT_EQ_U(stor_invoke(&s1, STOR_CMD_KEY,
				TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
						 TEEC_VALUE_INPUT, TEEC_NONE,
						 TEEC_NONE), p), TEEC_SUCCESS);
	testlib_report("storage_persist_key_reloaded_and_usable");
	free(big);
	free(back);
	stor_close(&s1);
	return testlib_summary();
}

int stor_cmd_isolation(void)
{
	TEEC_Context c1, c2;
	TEEC_Session s1, s2;
	char buf[256], *list = NULL;
	uint32_t n = 0;
	size_t len = 0;

	if (!stor_open(&c1, &s1, 1))
		return 1;
	if (!stor_open(&c2, &s2, 2)) {
		stor_close(&s1);
		return 1;
	}
	/* TA 2 sees none of TA 1's objects... */
	EXPECT_EQ_U(stor_open_res(&s2, "persist-key", 1), TEEC_ERROR_ITEM_NOT_FOUND);
	EXPECT_EQ_U(stor_open_res(&s2, "persist-big", 1), TEEC_ERROR_ITEM_NOT_FOUND);
	testlib_report("storage_isolation_other_ta_cannot_open");
	EXPECT_EQ_U(stor_list(&s2, &list, &n), TEEC_SUCCESS);
	EXPECT(list && !strstr(list, "persist-key") &&
	       !strstr(list, "persist-big"));
	EXPECT(list && strstr(list, "persist-text\n"));
	free(list);
	list = NULL;
	EXPECT_EQ_U(stor_list(&s1, &list, &n), TEEC_SUCCESS);
	EXPECT(list && strstr(list, "persist-key\n") &&
	       strstr(list, "persist-big\n"));
	free(list);
	testlib_report("storage_isolation_other_ta_cannot_enumerate");
	/* ... and the same id names two objects. */
	persist_check_text(&s1);
	EXPECT_EQ_U(stor_read(&s2, "persist-text", buf, sizeof(buf), &len),
		    TEEC_SUCCESS);
	EXPECT(len == sizeof(persist_text2) &&
	       !memcmp(buf, persist_text2, len));
	testlib_report("storage_isolation_same_id_two_objects");
	stor_close(&s2);
	stor_close(&s1);
	return testlib_summary();
}

/* --- crash consistency ---------------------------------------------------- */

static TEEC_Result version_of(TEEC_Session *s, const char *id, uint32_t *k)
{
	TEEC_Parameter p[4];
	TEEC_Result r;

	memset(p, 0, sizeof(p));
	stor_tmp(&p[0], id, strlen(id));
	r = stor_invoke(s, STOR_CMD_VERSION_CHECK,
			TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE), p);
	*k = p[1].value.a;
	return r;
}

/*
 * Write versions k+1, k+2... of id until something fails (the stack is
 * being killed), saying "acked K" after each one that succeeded.
 */
int stor_cmd_crash_writer(const char *id, int large)
{
	TEEC_Context c;
	TEEC_Session s;
	TEEC_Parameter p[4];
	TEEC_Result r;
	uint32_t k = 0;
	char line[64];

	if (!stor_open(&c, &s, 1))
		return 1;
	r = version_of(&s, id, &k);
	if (r == TEEC_ERROR_ITEM_NOT_FOUND)
		k = 0;
	else if (r != TEEC_SUCCESS) {
		fprintf(stderr, "storage: %s unreadable before writing: 0x%x\n",
			id, r);
		stor_close(&s);
		return 1;
	}
	for (;;) {
		int n;

		memset(p, 0, sizeof(p));
		stor_tmp(&p[0], id, strlen(id));
		p[1].value.a = ++k;
		p[1].value.b = (uint32_t)large;
		r = stor_invoke(&s, STOR_CMD_VERSION_WRITE,
				TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
						 TEEC_VALUE_INPUT, TEEC_NONE,
						 TEEC_NONE), p);
		if (r != TEEC_SUCCESS)
			break;
		/* Unbuffered: a kill right after must not lose the line. */
		n = snprintf(line, sizeof(line), "acked %u\n", k);
		if (write(STDOUT_FILENO, line, (size_t)n) != n)
			break;
	}
	fprintf(stderr, "storage: writer stopped at version %u: 0x%x\n", k, r);
	stor_close(&s);
	return 0;
}

int stor_cmd_crash_check(const char *label, const char *id, uint32_t acked)
{
	TEEC_Context c;
	TEEC_Session s;
	TEEC_Result r;
	uint32_t k = 0;
	char name[128];

	if (!stor_open(&c, &s, 1))
		return 1;
	r = version_of(&s, id, &k);
	snprintf(name, sizeof(name), "storage_crash_%s_old_or_new", label);
	if (r != TEEC_SUCCESS)
		TEST_FAILF("version check of %s: 0x%x", id, r);
	/* The last acknowledged write, or the one in flight: nothing else. */
	else if (k != acked && k != acked + 1)
		TEST_FAILF("found version %u, last acknowledged %u", k, acked);
	else
		printf("# %s: version %u found, %u acknowledged (%s)\n", id, k,
		       acked, k == acked ? "old" : "new");
	testlib_report(name);
	stor_close(&s);
	return testlib_summary();
}

/* Exit status 0 if the first TA has no object id (no PASS line). */
static int stor_cmd_absent(const char *id)
{
	TEEC_Context c;
	TEEC_Session s;
	TEEC_Result r;

	if (!stor_open(&c, &s, 1))
		return 1;
	r = stor_open_res(&s, id, 1);
	stor_close(&s);
	return r == TEEC_ERROR_ITEM_NOT_FOUND ? 0 : 1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: storage gp | persist-write | persist-check | isolation\n"
		"       storage tamper FS_DIR | dirf-prep FS_DIR | dirf-check\n"
		"       storage crash-writer ID small|large\n"
		"       storage crash-check LABEL ID ACKED | absent ID\n");
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "gp") && argc == 2)
		return stor_cmd_gp();
	if (!strcmp(cmd, "persist-write") && argc == 2)
		return stor_cmd_persist_write();
	if (!strcmp(cmd, "persist-check") && argc == 2)
		return stor_cmd_persist_check();
	if (!strcmp(cmd, "isolation") && argc == 2)
		return stor_cmd_isolation();
	if (!strcmp(cmd, "tamper") && argc == 3)
		return stor_cmd_tamper(argv[2]);
	if (!strcmp(cmd, "dirf-prep") && argc == 3)
		return stor_cmd_dirf_prep(argv[2]);
	if (!strcmp(cmd, "dirf-check") && argc == 2)
		return stor_cmd_dirf_check();
	if (!strcmp(cmd, "absent") && argc == 3)
		return stor_cmd_absent(argv[2]);
	if (!strcmp(cmd, "crash-writer") && argc == 4)
		return stor_cmd_crash_writer(argv[2],
					     !strcmp(argv[3], "large"));
	if (!strcmp(cmd, "crash-check") && argc == 5)
		return stor_cmd_crash_check(argv[2], argv[3],
					    (uint32_t)strtoul(argv[4], NULL, 10));
	usage();
	return 2;
}
