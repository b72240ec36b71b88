/* SPDX-License-Identifier: BSD-2-Clause */
/* Sessions and TA instances: lookup, loading, single/multi instance rules. */
#include "ta_manager.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "ta_host.h"
#include "ta_loader.h"
#include "ta_syscall.h"
#include "tee_err.h"
#include "util.h"

struct tm_inst {
	uint8_t uuid[16];
	struct ta_host *host;
	uint32_t flags;
	unsigned int refs;	/* sessions + calls holding it */
	unsigned int n_sessions;
	bool dead;
	uint32_t last_vm;
	pthread_mutex_t call_lock;	/* one call at a time per instance */
	struct tm_inst *next;
};

struct tm_sess {
	uint32_t id;
	uint32_t vm_id;
	struct tm_inst *inst;
	struct tm_sess *next;
};

/* A call in progress, findable by CANCEL. */
struct tm_inflight {
	uint32_t vm_id, session, cancel_id;
	struct ta_host *host;	/* while the TA runs it */
	bool cancelled;
	struct tm_inflight *next;
};

static struct {
	pthread_mutex_t lock;
	struct tm_inst *insts;
	struct tm_sess *sessions;
	struct tm_inflight *inflight;
	uint32_t next_session;
	uint64_t n_sessions, n_insts;
} tm = { .lock = PTHREAD_MUTEX_INITIALIZER, .next_session = 1 };

static void tm_set_err(struct tm_result *res, uint32_t ret)
{
	memset(res, 0, sizeof(*res));
	res->ret = ret;
	res->origin = TEE_ORIGIN_TEE;
}

static bool tm_keep(const struct tm_inst *i)
{
	return !i->dead && (i->flags & TA_FLAG_SINGLE_INSTANCE) &&
	       (i->flags & TA_FLAG_INSTANCE_KEEP_ALIVE);
}

/* Unlink instance. tm locked. */
static void tm_inst_unlink(struct tm_inst *i)
{
	for (struct tm_inst **pp = &tm.insts; *pp; pp = &(*pp)->next) {
		if (*pp == i) {
			*pp = i->next;
			tm.n_insts--;
			return;
		}
	}
}

static void tm_inst_free(struct tm_inst *i)
{
	ta_host_destroy(i->host);
	pthread_mutex_destroy(&i->call_lock);
	free(i);
}

static void tm_inst_put(struct tm_inst *i)
{
	bool destroy;

	pthread_mutex_lock(&tm.lock);
	destroy = --i->refs == 0 && !tm_keep(i);
	if (destroy)
		tm_inst_unlink(i);
	pthread_mutex_unlock(&tm.lock);
	if (destroy)
		tm_inst_free(i);
}

/* Existing single-instance TA: take it (with a session slot). tm locked. */
static struct tm_inst *tm_find_single(const uint8_t uuid[16], int *err)
{
	*err = 0;
	for (struct tm_inst *i = tm.insts; i; i = i->next) {
		if (i->dead || !(i->flags & TA_FLAG_SINGLE_INSTANCE) ||
		    memcmp(i->uuid, uuid, 16))
			continue;
		if (!(i->flags & TA_FLAG_MULTI_SESSION) && i->n_sessions) {
			*err = -EBUSY;
			return NULL;
		}
		i->refs++;
		i->n_sessions++;
		return i;
	}
	return NULL;
}

/* Free kept-alive instances whose host died while idle. */
static void tm_sweep_idle(void)
{
	for (;;) {
		struct tm_inst *gone = NULL;

		pthread_mutex_lock(&tm.lock);
		for (struct tm_inst *i = tm.insts; i && !gone; i = i->next)
			if (!i->refs && !ta_host_check_alive(i->host))
				gone = i;
		if (gone)
			tm_inst_unlink(gone);
		pthread_mutex_unlock(&tm.lock);
		if (!gone)
			return;
		tm_inst_free(gone);
	}
}

/* Find or load the instance for uuid; it comes with a ref and a session slot. */
static int tm_inst_get(struct sw_thread *t, const uint8_t uuid[16],
		       struct tm_inst **out)
{
	struct tm_inst *i, *other;
	int elf_fd, rc;

	tm_sweep_idle();
	pthread_mutex_lock(&tm.lock);
	i = tm_find_single(uuid, &rc);
	pthread_mutex_unlock(&tm.lock);
	if (i || rc) {
		*out = i;
		return rc;
	}
	rc = ta_loader_load(t, uuid, &elf_fd);
	if (rc)
		return rc;
	i = calloc(1, sizeof(*i));
	if (!i) {
		close(elf_fd);
		return -ENOMEM;
	}
	rc = ta_host_spawn(uuid, elf_fd, &i->host, &i->flags);
	close(elf_fd);
	if (rc) {
		free(i);
		return rc == -EACCES ? -EACCES : -ENOEXEC;
	}
	memcpy(i->uuid, uuid, 16);
	pthread_mutex_init(&i->call_lock, NULL);
	i->refs = 1;
	i->n_sessions = 1;
	i->last_vm = t->vm_id;
	pthread_mutex_lock(&tm.lock);
	if (i->flags & TA_FLAG_SINGLE_INSTANCE) {
		/* Another thread may have loaded it while we did. */
		other = tm_find_single(uuid, &rc);
		if (other || rc) {
			pthread_mutex_unlock(&tm.lock);
			tm_inst_free(i);
			*out = other;
			return rc;
		}
	}
	i->next = tm.insts;
	tm.insts = i;
	tm.n_insts++;
	pthread_mutex_unlock(&tm.lock);
	*out = i;
	return 0;
}

static void tm_inflight_add(struct tm_inflight *f)
{
	pthread_mutex_lock(&tm.lock);
	f->next = tm.inflight;
	tm.inflight = f;
	pthread_mutex_unlock(&tm.lock);
}

static void tm_inflight_del(struct tm_inflight *f)
{
	pthread_mutex_lock(&tm.lock);
	for (struct tm_inflight **pp = &tm.inflight; *pp; pp = &(*pp)->next) {
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	}
	pthread_mutex_unlock(&tm.lock);
}

/*
 * One call into the instance, serialized; -EPIPE marks it dead. t is the
 * secure thread running it (NULL when the normal world is gone), which
 * serves the TA's syscalls.
 */
static int tm_call(struct sw_thread *t, struct tm_inst *i,
		   struct tm_inflight *f, const struct ta_host_call *hc_in,
		   struct softee_ta_result *r)
{
	struct ta_sys_ctx sys = { .thread = t, .inst = i,
				  .session_id = hc_in->session_id };
	struct ta_host_call hc = *hc_in;
	int rc;

	sys.vm_id = t ? t->vm_id : i->last_vm;
	memcpy(sys.ta_uuid, i->uuid, 16);
	hc.sys = &sys;

	pthread_mutex_lock(&i->call_lock);
	pthread_mutex_lock(&tm.lock);
	if (i->dead) {
		pthread_mutex_unlock(&tm.lock);
		pthread_mutex_unlock(&i->call_lock);
		return -EPIPE;
	}
	if (f) {
		f->host = i->host;
		ta_host_set_cancel(i->host, f->cancelled);
	}
	pthread_mutex_unlock(&tm.lock);

	rc = ta_host_call(i->host, &hc, r);

	pthread_mutex_lock(&tm.lock);
	if (f)
		f->host = NULL;
	if (rc == -EPIPE || ta_host_dead(i->host))
		i->dead = true;
	pthread_mutex_unlock(&tm.lock);
	pthread_mutex_unlock(&i->call_lock);
	return rc;
}

static void tm_result_from(struct tm_result *res, int rc,
			   const struct softee_ta_result *r)
{
	if (rc) {
		tm_set_err(res, rc == -EPIPE ? TEE_ERROR_TARGET_DEAD :
				tee_err_from_errno(rc));
		return;
	}
	memset(res, 0, sizeof(*res));
	res->ret = r->ret;
	res->origin = r->ret_origin;
	res->ta = *r;
	res->have_out = true;
}

static struct tm_sess *tm_sess_unlink(uint32_t vm_id, uint32_t id)
{
	for (struct tm_sess **pp = &tm.sessions; *pp; pp = &(*pp)->next) {
		struct tm_sess *s = *pp;

		if (s->id == id && s->vm_id == vm_id) {
			*pp = s->next;
			tm.n_sessions--;
			return s;
		}
	}
	return NULL;
}

static uint32_t tm_new_session_id(void)
{
	for (;;) {
		uint32_t id = tm.next_session++;
		bool used = false;

		if (!id)
			continue;
		for (struct tm_sess *s = tm.sessions; s; s = s->next)
			used |= s->id == id;
		if (!used)
			return id;
	}
}

static void tm_release_slot(struct tm_inst *i)
{
	pthread_mutex_lock(&tm.lock);
	i->n_sessions--;
	pthread_mutex_unlock(&tm.lock);
	tm_inst_put(i);
}

void tm_open_session(struct sw_thread *t, const struct msg_call *c,
		     struct mobj **mobjs, uint32_t *session,
		     struct tm_result *res)
{
	struct tm_inflight f = { .vm_id = t->vm_id, .session = 0,
				 .cancel_id = c->cancel_id };
	struct ta_host_call hc = { .op = SOFTEE_TA_OPEN_SESSION,
		.login = c->login, .n_params = c->n_params,
		.params = (struct msg_param *)c->params, .mobjs = mobjs };
	struct softee_ta_result r;
	struct tm_inst *i;
	struct tm_sess *s;
	int rc;

	tm_inflight_add(&f);
	rc = tm_inst_get(t, c->ta_uuid, &i);
	if (rc) {
		DMSG_LOG("no TA instance for open: %d", rc);
		tm_inflight_del(&f);
		tm_set_err(res, tee_err_from_errno(rc));
		return;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		tm_inflight_del(&f);
		tm_release_slot(i);
		tm_set_err(res, TEE_ERROR_OUT_OF_MEMORY);
		return;
	}
	memcpy(hc.clnt_uuid, c->clnt_uuid, 16);
	pthread_mutex_lock(&tm.lock);
	s->id = tm_new_session_id();
	s->vm_id = t->vm_id;
	s->inst = i;
	i->last_vm = t->vm_id;
	pthread_mutex_unlock(&tm.lock);
	hc.session_id = s->id;

	rc = tm_call(t, i, &f, &hc, &r);
	tm_inflight_del(&f);
	if (rc)
		DMSG_LOG("open session call to the TA host failed: %d", rc);
	tm_result_from(res, rc, &r);
	if (res->ret != TEE_SUCCESS) {
		free(s);
		tm_release_slot(i);
		return;
	}
	pthread_mutex_lock(&tm.lock);
	s->next = tm.sessions;
	tm.sessions = s;
	tm.n_sessions++;
	pthread_mutex_unlock(&tm.lock);
	*session = s->id;
}

void tm_invoke(struct sw_thread *t, const struct msg_call *c,
	       struct mobj **mobjs, struct tm_result *res)
{
	struct tm_inflight f = { .vm_id = t->vm_id, .session = c->session,
				 .cancel_id = c->cancel_id };
	struct ta_host_call hc = { .op = SOFTEE_TA_INVOKE,
		.session_id = c->session, .cmd = c->func,
		.n_params = c->n_params,
		.params = (struct msg_param *)c->params, .mobjs = mobjs };
	struct softee_ta_result r;
	struct tm_inst *i = NULL;
	int rc;

	pthread_mutex_lock(&tm.lock);
	for (struct tm_sess *s = tm.sessions; s; s = s->next) {
		if (s->id == c->session && s->vm_id == t->vm_id) {
			i = s->inst;
			i->refs++;
			break;
		}
	}
	pthread_mutex_unlock(&tm.lock);
	if (!i) {
		tm_set_err(res, TEE_ERROR_BAD_PARAMETERS);
		return;
	}
	tm_inflight_add(&f);
	rc = tm_call(t, i, &f, &hc, &r);
	tm_inflight_del(&f);
	tm_result_from(res, rc, &r);
	tm_inst_put(i);
}

static void tm_close_on_host(struct sw_thread *t, struct tm_inst *i,
			     uint32_t id)
{
	struct ta_host_call hc = { .op = SOFTEE_TA_CLOSE_SESSION,
				   .session_id = id };
	struct softee_ta_result r;

	if (tm_call(t, i, NULL, &hc, &r))
		DMSG_LOG("close of session %u on a dead TA", id);
}

void tm_close_session(struct sw_thread *t, const struct msg_call *c,
		      struct tm_result *res)
{
	struct tm_sess *s;

	pthread_mutex_lock(&tm.lock);
	s = tm_sess_unlink(t->vm_id, c->session);
	pthread_mutex_unlock(&tm.lock);
	if (!s) {
		tm_set_err(res, TEE_ERROR_BAD_PARAMETERS);
		return;
	}
	tm_close_on_host(t, s->inst, s->id);
	tm_release_slot(s->inst);
	free(s);
	tm_set_err(res, TEE_SUCCESS);
}

void tm_cancel(uint32_t vm_id, uint32_t session, uint32_t cancel_id)
{
	bool found = false;

	pthread_mutex_lock(&tm.lock);
	for (struct tm_inflight *f = tm.inflight; f; f = f->next) {
		if (f->vm_id != vm_id || f->session != session ||
		    f->cancel_id != cancel_id)
			continue;
		f->cancelled = true;
		if (f->host)
			ta_host_cancel(f->host);
		found = true;
	}
	/*
	 * A call waiting for its instance is in the list too, so this covers
	 * pending calls; a cancel that matches nothing is dropped, as it
	 * must not hit a later call that reuses the cancel id.
	 */
	if (!found)
		DMSG_LOG("cancel of session %u id %u matched no call", session,
			 cancel_id);
	pthread_mutex_unlock(&tm.lock);
}

void tm_drop_vm(uint32_t vm_id)
{
	struct tm_inst *idle = NULL;

	for (;;) {
		struct tm_sess *s = NULL;

		pthread_mutex_lock(&tm.lock);
		for (struct tm_sess *x = tm.sessions; x; x = x->next)
			if (x->vm_id == vm_id)
				s = x;
		if (s)
			tm_sess_unlink(vm_id, s->id);
		pthread_mutex_unlock(&tm.lock);
		if (!s)
			break;
		tm_close_on_host(NULL, s->inst, s->id);
		tm_release_slot(s->inst);
		free(s);
	}
	/* Keep-alive instances that only this VM used go too. */
	for (;;) {
		pthread_mutex_lock(&tm.lock);
		idle = NULL;
		for (struct tm_inst *i = tm.insts; i; i = i->next)
			if (!i->refs && i->last_vm == vm_id)
				idle = i;
		if (idle)
			tm_inst_unlink(idle);
		pthread_mutex_unlock(&tm.lock);
		if (!idle)
			break;
		tm_inst_free(idle);
	}
}

void tm_fini(void)
{
	struct tm_inst *i;
	struct tm_sess *s;

	pthread_mutex_lock(&tm.lock);
	while ((s = tm.sessions)) {
		tm.sessions = s->next;
		free(s);
	}
	i = tm.insts;
	tm.insts = NULL;
	pthread_mutex_unlock(&tm.lock);
	while (i) {
		struct tm_inst *n = i->next;

		tm_inst_free(i);
		i = n;
	}
}

void tm_stats(uint64_t *sessions, uint64_t *instances)
{
	pthread_mutex_lock(&tm.lock);
	*sessions = tm.n_sessions;
	*instances = tm.n_insts;
	pthread_mutex_unlock(&tm.lock);
}
