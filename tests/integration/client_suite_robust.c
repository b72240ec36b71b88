// SPDX-License-Identifier: BSD-2-Clause
/*
 * Robustness tests of the libteec suite: TA death, queueing beyond the
 * secure threads, concurrent callers, killed clients, supplicant restart.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client_suite.h"

/* A TA that dies must end only its own sessions. */
static void cs_check_ta_death(uint32_t cmd)
{
	struct cs_fix victim, other, main_ta, fresh;
	TEEC_Operation op;
	uint32_t origin = 0, origin2 = 0;
	TEEC_Result res, res2;

	if (cs_fix_open(&victim, &cs_uuid_multi))
		return;
	if (cs_fix_open(&other, &cs_uuid_multi)) {
		cs_fix_close(&victim);
		return;
	}
	if (cs_fix_open(&main_ta, &cs_uuid_main)) {
		cs_fix_close(&other);
		cs_fix_close(&victim);
		return;
	}
	memset(&op, 0, sizeof(op));
	res = cs_invoke(&victim.sess, cmd, &op, &origin);
	memset(&op, 0, sizeof(op));
	res2 = cs_invoke(&victim.sess, SOFTEE_TEST_CMD_ECHO, &op, &origin2);
	EXPECT_EQ_U(res, TEEC_ERROR_TARGET_DEAD);
	EXPECT_EQ_U(origin, TEEC_ORIGIN_TEE);
	EXPECT_EQ_U(res2, TEEC_ERROR_TARGET_DEAD);
	EXPECT_EQ_U(origin2, TEEC_ORIGIN_TEE);
	memset(&op, 0, sizeof(op));
	EXPECT_EQ_U(cs_invoke(&other.sess, SOFTEE_TEST_CMD_ECHO, &op, NULL),
		    TEEC_SUCCESS);
	memset(&op, 0, sizeof(op));
	EXPECT_EQ_U(cs_invoke(&main_ta.sess, SOFTEE_TEST_CMD_ECHO, &op, NULL),
		    TEEC_SUCCESS);
	cs_fix_close(&main_ta);
	cs_fix_close(&other);
	cs_fix_close(&victim);
	if (testlib.failed_now)
		return;
	if (cs_fix_open(&fresh, &cs_uuid_multi))
		return;
	memset(&op, 0, sizeof(op));
	res = cs_invoke(&fresh.sess, SOFTEE_TEST_CMD_ECHO, &op, NULL);
	cs_fix_close(&fresh);
	CHECK_EQ_U(res, TEEC_SUCCESS);
}

TEST(ta_panic_kills_only_its_sessions_with_target_dead)
{
	cs_check_ta_death(SOFTEE_TEST_CMD_PANIC);
}

TEST(ta_crash_kills_only_its_sessions_with_target_dead)
{
	cs_check_ta_death(SOFTEE_TEST_CMD_CRASH);
}

#define CS_NCALLERS 24

struct cs_caller {
	TEEC_Session *sess;
	TEEC_Result res;
};

static void *cs_caller_thread(void *p)
{
	struct cs_caller *c = p;
	TEEC_Operation op;

	c->res = cs_wait_cmd(c->sess, 100, &op, NULL);
	return NULL;
}

TEST(more_concurrent_callers_than_secure_threads_all_succeed)
{
	TEEC_Context ctx;
	TEEC_Session sess[CS_NCALLERS];
	struct cs_caller c[CS_NCALLERS];
	pthread_t th[CS_NCALLERS];
	int nopen = 0, nth = 0, i;
	uint64_t t0, dt;

	CHECK_EQ_U(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	for (; nopen < CS_NCALLERS; nopen++) {
		TEEC_Result r = TEEC_OpenSession(&ctx, &sess[nopen],
						 &cs_uuid_multi,
						 TEEC_LOGIN_PUBLIC, NULL, NULL,
						 NULL);
		if (r != TEEC_SUCCESS) {
			TEST_FAILF("session %d: 0x%08x", nopen, r);
			goto out;
		}
	}
	t0 = cs_now_ms();
	for (; nth < CS_NCALLERS; nth++) {
		c[nth].sess = &sess[nth];
		c[nth].res = TEEC_ERROR_GENERIC;
		if (pthread_create(&th[nth], NULL, cs_caller_thread, &c[nth])) {
			TEST_FAILF("pthread_create");
			break;
		}
	}
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	dt = cs_now_ms() - t0;
	for (i = 0; i < nth && !testlib.failed_now; i++)
		if (c[i].res != TEEC_SUCCESS)
			TEST_FAILF("caller %d: 0x%08x", i, c[i].res);
	if (!testlib.failed_now && dt > 30000)
		TEST_FAILF("%d waits of 100 ms took %llu ms", nth,
			   (unsigned long long)dt);
out:
	for (i = 0; i < nopen; i++)
		TEEC_CloseSession(&sess[i]);
	TEEC_FinalizeContext(&ctx);
}

struct cs_echo_caller {
	TEEC_Session *sess;
	uint32_t base;
	int bad;
	TEEC_Result first_bad;
	uint32_t got, want;
};

static void *cs_echo_thread(void *p)
{
	struct cs_echo_caller *c = p;
	int i;

	for (i = 0; i < 50; i++) {
		TEEC_Operation op;

		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].value.a = c->base + (uint32_t)i;
		TEEC_Result r = cs_invoke(c->sess, SOFTEE_TEST_CMD_ECHO, &op,
					  NULL);

		if (r != TEEC_SUCCESS || op.params[0].value.a != c->base + i + 1) {
			if (!c->bad++) {
				c->first_bad = r;
				c->got = op.params[0].value.a;
				c->want = c->base + (uint32_t)i + 1;
			}
		}
	}
	return NULL;
}

/* 8 threads x 50 echoes, on one shared session or one session each. */
static void cs_threads_echo(int shared)
{
	struct cs_echo_caller c[8];
	TEEC_Session own[8];
	pthread_t th[8];
	struct cs_fix f;
	int i, n = 0, nown = 0, bad = 0;
	TEEC_Result first = 0;
	uint32_t got = 0, want = 0;

	if (cs_fix_open(&f, &cs_uuid_main))
		return;
	for (; !shared && nown < 8; nown++)
		if (TEEC_OpenSession(&f.ctx, &own[nown], &cs_uuid_main,
				     TEEC_LOGIN_PUBLIC, NULL, NULL, NULL) !=
		    TEEC_SUCCESS)
			break;
	for (; n < 8 && (shared || n < nown); n++) {
		c[n].sess = shared ? &f.sess : &own[n];
		c[n].base = (uint32_t)n << 20;
		c[n].bad = 0;
		c[n].first_bad = 0;
		if (pthread_create(&th[n], NULL, cs_echo_thread, &c[n]))
			break;
	}
	for (i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		if (c[i].bad && !bad) {
			first = c[i].first_bad;
			got = c[i].got;
			want = c[i].want;
		}
		bad += c[i].bad;
	}
	for (i = 0; i < nown; i++)
		TEEC_CloseSession(&own[i]);
	cs_fix_close(&f);
	CHECK_EQ_U(n, 8);
	if (bad)
		TEST_FAILF("%d of %d calls failed, first: 0x%08x value 0x%x "
			   "(sent 0x%x)", bad, n * 50, first, got, want - 1);
}

TEST(threads_sharing_one_session_get_their_own_results)
{
	cs_threads_echo(1);
}

TEST(threads_with_own_sessions_get_their_own_results)
{
	cs_threads_echo(0);
}

/* Child: open a session, tell the parent, then sit in a long TA wait. */
static void cs_doomed_child(int wfd)
{
	struct cs_fix f;
	TEEC_Operation op;

	if (cs_fix_open(&f, &cs_uuid_multi))
		_exit(3);
	if (write(wfd, "x", 1) != 1)
		_exit(4);
	cs_wait_cmd(&f.sess, 2000, &op, NULL);
	_exit(0);
}

TEST(client_killed_mid_invoke_leaves_no_driver_state)
{
	struct cs_counts before, after;
	int pfd[2], status, rc;
	struct cs_fix f;
	TEEC_Operation op;
	char ch;
	pid_t pid;

	if (cs_driver_counts(&before))
		SKIP_TEST("driver.ctl status not available");
	CHECK(!pipe(pfd));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		cs_doomed_child(pfd[1]);
	}
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		CHECK(!"fork");
	}
	rc = (int)read(pfd[0], &ch, 1);
	close(pfd[0]);
	usleep(300 * 1000);	/* let the child enter the TA's wait */
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	CHECK(rc == 1);
	rc = cs_wait_counts(&before, 15000, &after);
	if (rc)
		TEST_FAILF("after the kill sessions/shm/contexts = %ld/%ld/%ld, "
			   "before %ld/%ld/%ld", after.sessions, after.shm,
			   after.contexts, before.sessions, before.shm,
			   before.contexts);
	if (cs_fix_open(&f, &cs_uuid_multi))
		return;
	rc = (int)cs_wait_cmd(&f.sess, 10, &op, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(rc, TEEC_SUCCESS);
}

TEST(new_ta_instance_loads_after_supplicant_restart)
{
	const char *dir = getenv("SOFTEE_DEV_DIR");
	char cmd[4096];
	struct cs_fix f;
	TEEC_Operation op;
	TEEC_Result res;
	int rc;

	if (!dir)
		SKIP_TEST("SOFTEE_DEV_DIR not set");
	if (snprintf(cmd, sizeof(cmd), "'%s' restart-supplicant --run-dir '%s'",
		     cs_bin_path("softee"), dir) >= (int)sizeof(cmd))
		SKIP_TEST("path too long");
	fflush(stdout);
	rc = system(cmd);
	CHECK(rc == 0);
	/* the single-session TA is not loaded before this in a full run;
	 * a multi-instance TA is loaded again for every new instance */
	if (cs_fix_open(&f, &cs_uuid_single))
		return;
	memset(&op, 0, sizeof(op));
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_ECHO, &op, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
	if (cs_fix_open(&f, &cs_uuid_multi))
		return;
	memset(&op, 0, sizeof(op));
	res = cs_invoke(&f.sess, SOFTEE_TEST_CMD_ECHO, &op, NULL);
	cs_fix_close(&f);
	CHECK_EQ_U(res, TEEC_SUCCESS);
}

const struct cs_test cs_robust_tests[] = {
	CS_T(ta_panic_kills_only_its_sessions_with_target_dead),
	CS_T(ta_crash_kills_only_its_sessions_with_target_dead),
	CS_T(more_concurrent_callers_than_secure_threads_all_succeed),
	CS_T(threads_sharing_one_session_get_their_own_results),
	CS_T(threads_with_own_sessions_get_their_own_results),
	CS_T(client_killed_mid_invoke_leaves_no_driver_state),
	CS_T(new_ta_instance_loads_after_supplicant_restart),
};
const size_t cs_robust_ntests = sizeof(cs_robust_tests) / sizeof(cs_robust_tests[0]);
