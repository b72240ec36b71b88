// SPDX-License-Identifier: BSD-2-Clause
/* Unit tests for the supplicant queue: request ids, answers, supplicant loss and restart. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "optee/optee_private.h"
#include "testlib.h"

TESTLIB_DEFINE_STATE;

static int fake_open(struct tee_context *ctx) { (void)ctx; return 0; }
static void fake_release(struct tee_context *ctx) { (void)ctx; }
static const struct tee_driver_ops fake_ops = {
	.open = fake_open, .release = fake_release,
};
static const struct tee_desc fake_desc = {
	.name = "fakepriv", .ops = &fake_ops, .flags = TEE_DESC_PRIVILEGED,
};
static struct tee_device fake_dev = { .desc = &fake_desc };
static struct optee optee;

struct requester {
	pthread_t thr;
	uint32_t func;
	struct tee_param p;
	uint32_t ret;
};

static void *req_thread(void *arg)
{
	struct requester *r = arg;

	r->ret = optee_supp_thrd_req(&optee, r->func, 1, &r->p);
	return NULL;
}

static void start_req(struct requester *r, uint32_t func)
{
	memset(r, 0, sizeof(*r));
	r->func = func;
	r->p.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT;
	r->p.u.value.a = func * 10;
	pthread_create(&r->thr, NULL, req_thread, r);
}

static struct tee_context *new_supp(void)
{
	int err;
	struct tee_context *ctx = tee_ctx_open(&fake_dev, 0, 0, getpid(), &err);

	if (ctx && optee_supp_open(&optee.supp, ctx)) {
		tee_ctx_put(ctx);
		return NULL;
	}
	return ctx;
}

static int recv_one(struct tee_context *ctx, uint32_t *func, struct tee_param *p,
		    uint32_t *n)
{
	memset(p, 0, sizeof(*p) * OPTEE_SUPP_NUM_PARAMS);
	p[0].attr = TEE_IOCTL_PARAM_ATTR_META;
	*n = OPTEE_SUPP_NUM_PARAMS;
	return optee_supp_recv(ctx, func, n, p);
}

TEST(requests_carry_ids_and_answers_reach_the_requester)
{
	struct tee_context *s = new_supp();
	struct requester r1, r2;
	struct tee_param p[OPTEE_SUPP_NUM_PARAMS];
	uint32_t func, n, id1, id2;

	CHECK(s);
	start_req(&r1, 3);
	CHECK(!recv_one(s, &func, p, &n));
	EXPECT_EQ_U(func, 3);
	EXPECT_EQ_U(n, 2);
	EXPECT_EQ_U(p[0].attr, TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT | TEE_IOCTL_PARAM_ATTR_META);
	EXPECT_EQ_U(p[1].u.value.a, 30);
	id1 = (uint32_t)p[0].u.value.a;
	start_req(&r2, 4);
	CHECK(!recv_one(s, &func, p, &n));
	EXPECT_EQ_U(func, 4);
	id2 = (uint32_t)p[0].u.value.a;
	EXPECT(id1 != id2);
	/* Answer the second first; a wrong id is refused. */
	p[0].u.value.a = 0xabcdef;
	p[1].u.value.a = 99;
	EXPECT(optee_supp_send(s, 0, 2, p) == -EINVAL);
	p[0].u.value.a = id2;
	EXPECT(optee_supp_send(s, 0, 2, p) == 0);
	pthread_join(r2.thr, NULL);
	EXPECT_EQ_U(r2.ret, 0);
	EXPECT_EQ_U(r2.p.u.value.a, 99);
	p[0].u.value.a = id1;
	p[1].u.value.a = 77;
	EXPECT(optee_supp_send(s, 0x55, 1, p) == -EINVAL);	/* count */
	EXPECT(optee_supp_send(s, 0x55, 2, p) == 0);
	pthread_join(r1.thr, NULL);
	EXPECT_EQ_U(r1.ret, 0x55);
	EXPECT_EQ_U(r1.p.u.value.a, 77);
	optee_supp_release(&optee.supp, s);
	tee_ctx_put(s);
}

TEST(only_one_supplicant_at_a_time)
{
	struct tee_context *s = new_supp(), *s2;

	CHECK(s);
	s2 = new_supp();
	EXPECT(s2 == NULL);
	optee_supp_release(&optee.supp, s);
	tee_ctx_put(s);
}

TEST(taken_request_fails_when_supplicant_dies_and_restart_serves_next)
{
	struct tee_context *s = new_supp();
	struct requester r1, r2;
	struct tee_param p[OPTEE_SUPP_NUM_PARAMS];
	uint32_t func, n;

	CHECK(s);
	start_req(&r1, 2);
	CHECK(!recv_one(s, &func, p, &n));
	optee_supp_release(&optee.supp, s);
	tee_ctx_put(s);
	pthread_join(r1.thr, NULL);
	EXPECT_EQ_U(r1.ret, OPTEE_TEEC_ERROR_COMMUNICATION);
	/* A request made while no supplicant runs waits for the next one. */
	start_req(&r2, 5);
	usleep(50000);
	s = new_supp();
	CHECK(s);
	CHECK(!recv_one(s, &func, p, &n));
	EXPECT_EQ_U(func, 5);
	CHECK(!optee_supp_send(s, 0, n, p));
	pthread_join(r2.thr, NULL);
	EXPECT_EQ_U(r2.ret, 0);
	optee_supp_release(&optee.supp, s);
	tee_ctx_put(s);
}

TEST(recv_with_too_few_slots_is_refused)
{
	struct tee_context *s = new_supp();
	struct requester r1;
	struct tee_param p[OPTEE_SUPP_NUM_PARAMS];
	uint32_t func, n = 1;

	CHECK(s);
	start_req(&r1, 2);
	memset(p, 0, sizeof(p));
	p[0].attr = TEE_IOCTL_PARAM_ATTR_META;
	EXPECT(optee_supp_recv(s, &func, &n, p) == -EINVAL);
	CHECK(!recv_one(s, &func, p, &n));
	CHECK(!optee_supp_send(s, 0, n, p));
	pthread_join(r1.thr, NULL);
	optee_supp_release(&optee.supp, s);
	tee_ctx_put(s);
}

int main(void)
{
	optee_supp_init(&optee.supp);
	fake_dev.drvdata = &optee;
	RUN(requests_carry_ids_and_answers_reach_the_requester);
	RUN(only_one_supplicant_at_a_time);
	RUN(taken_request_fails_when_supplicant_dies_and_restart_serves_next);
	RUN(recv_with_too_few_slots_is_refused);
	return testlib_summary();
}
