/* SPDX-License-Identifier: BSD-2-Clause */
/* Sessions and TA instances: lookup, loading, single/multi instance rules. */
#include "ta_manager_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "storage/storage.h"
#include "ta_loader.h"
#include "tee_err.h"
#include "util.h"

/* A thread waiting for a busy instance (to see cycles of waits). */
struct tm_waiter {
	pthread_t who;
	struct tm_inst *on;
	struct tm_waiter *next;
};

static struct {
	pthread_mutex_t lock;
	struct tm_inst *insts;
	struct tm_sess *sessions;	/* opened by normal worlds */
	struct tm_sess *ta_sessions;	/* opened by TAs */
	struct tm_inflight *inflight;
	struct tm_waiter *waiters;
	uint32_t next_session;
	uint64_t n_sessions, n_insts;
} tm = { .lock = PTHREAD_MUTEX_INITIALIZER, .next_session = 1 };

static void tm_close_owned(struct tm_inst *owner);

void tm_set_err(struct tm_result *res, uint32_t ret)
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
	/* Its own sessions to other TAs end with it. */
	tm_close_owned(i);
	/* So do its persistent object handles (and their sharing locks). */
	stor_inst_gone(i);
	ta_host_destroy(i->host);
	pthread_cond_destroy(&i->idle_cv);
	free(i);
}

void tm_inst_put(struct tm_inst *i)
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

/*
 * Existing single-instance TA of vm_id: take it (with a session slot).
 * Each VM gets its own instance (last_vm is its creator). tm locked.
 */
static struct tm_inst *tm_find_single(const uint8_t uuid[16], uint32_t vm_id,
				      int *err)
{
	*err = 0;
	for (struct tm_inst *i = tm.insts; i; i = i->next) {
		if (i->dead || !(i->flags & TA_FLAG_SINGLE_INSTANCE) ||
		    i->last_vm != vm_id || memcmp(i->uuid, uuid, 16))
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
	i = tm_find_single(uuid, t->vm_id, &rc);
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
	pthread_cond_init(&i->idle_cv, NULL);
	i->refs = 1;
	i->n_sessions = 1;
	i->last_vm = t->vm_id;
	pthread_mutex_lock(&tm.lock);
	if (i->flags & TA_FLAG_SINGLE_INSTANCE) {
		/* Another thread may have loaded it while we did. */
		other = tm_find_single(uuid, t->vm_id, &rc);
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

/* The call the running TA of inst is serving, if any. tm locked. */
static struct tm_inflight *tm_inflight_of(const struct tm_inst *inst)
{
	for (struct tm_inflight *f = tm.inflight; f; f = f->next)
		if (inst && f->host == inst->host)
			return f;
	return NULL;
}

/* Is f made (directly or not) by anc? tm locked. */
static bool tm_inflight_descends(const struct tm_inflight *f,
				 const struct tm_inflight *anc)
{
	for (f = f->parent; f; f = f->parent)
		if (f == anc)
			return true;
	return false;
}

/* Cancel f and every call made under it. tm locked. */
static void tm_inflight_cancel_locked(struct tm_inflight *f)
{
	for (struct tm_inflight *g = tm.inflight; g; g = g->next) {
		if (g != f && !tm_inflight_descends(g, f))
			continue;
		g->cancelled = true;
		if (g->host)
			ta_host_cancel(g->host);
	}
}

void tm_inflight_cancel(struct tm_inflight *f)
{
	pthread_mutex_lock(&tm.lock);
	tm_inflight_cancel_locked(f);
	pthread_mutex_unlock(&tm.lock);
}

int tm_inflight_add(struct tm_inflight *f, const struct ta_sys_ctx *caller)
{
	int rc = 0;

	pthread_mutex_lock(&tm.lock);
	if (caller) {
		f->nested = true;
		f->parent = tm_inflight_of(caller->inst);
		if (f->parent) {
			f->depth = f->parent->depth + 1;
			f->cancelled = f->parent->cancelled;
		}
		if (f->depth >= TM_MAX_NESTING)
			rc = -ENOMEM;
	}
	if (!rc) {
		f->next = tm.inflight;
		tm.inflight = f;
	}
	pthread_mutex_unlock(&tm.lock);
	return rc;
}

void tm_inflight_del(struct tm_inflight *f)
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
 * Would this thread waiting for i close a cycle of waits (i is busy in
 * its own chain of calls, or in one that waits for it)? tm locked.
 */
static bool tm_wait_cycles(const struct tm_inst *i, pthread_t me)
{
	for (unsigned int n = 0; i && i->busy; n++) {
		const struct tm_waiter *w;

		if (pthread_equal(i->owner, me) || n > 4096)
			return true;
		for (w = tm.waiters; w; w = w->next)
			if (pthread_equal(w->who, i->owner))
				break;
		if (!w)
			return false;
		i = w->on;
	}
	return false;
}

/* Make i busy for this thread, waiting for its running call. tm locked. */
static int tm_inst_acquire(struct tm_inst *i)
{
	struct tm_waiter w = { .who = pthread_self(), .on = i };

	while (i->busy && !i->dead) {
		if (tm_wait_cycles(i, w.who))
			return -EBUSY;
		w.next = tm.waiters;
		tm.waiters = &w;
		pthread_cond_wait(&i->idle_cv, &tm.lock);
		for (struct tm_waiter **pp = &tm.waiters; *pp; pp = &(*pp)->next) {
			if (*pp == &w) {
				*pp = w.next;
				break;
			}
		}
	}
	if (i->dead)
		return -EPIPE;
	i->busy = true;
	i->owner = w.who;
	return 0;
}

int tm_call(struct sw_thread *t, uint32_t vm_id, struct tm_inst *i,
	    struct tm_inflight *f, const struct ta_host_call *hc_in,
	    struct softee_ta_result *r)
{
	struct ta_sys_ctx sys = { .thread = t, .vm_id = vm_id, .inst = i,
				  .session_id = hc_in->session_id };
	struct ta_host_call hc = *hc_in;
	bool died;
	int rc;

	memcpy(sys.ta_uuid, i->uuid, 16);
	hc.sys = &sys;

	pthread_mutex_lock(&tm.lock);
	rc = tm_inst_acquire(i);
	if (rc) {
		pthread_mutex_unlock(&tm.lock);
		return rc;
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
	died = (rc == -EPIPE || ta_host_dead(i->host)) && !i->dead;
	if (died)
		i->dead = true;
	i->busy = false;
	pthread_cond_broadcast(&i->idle_cv);
	pthread_mutex_unlock(&tm.lock);
	if (died) {
		tm_close_owned(i);
		stor_inst_gone(i);	/* a dead TA holds no objects open */
	}
	return rc;
}

void tm_result_from(struct tm_result *res, int rc,
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

/* Unlink session id of vm_id owned by owner (NULL: normal world). Locked. */
static struct tm_sess *tm_sess_unlink(uint32_t vm_id, const struct tm_inst *owner,
				      uint32_t id)
{
	struct tm_sess **head = owner ? &tm.ta_sessions : &tm.sessions;

	for (struct tm_sess **pp = head; *pp; pp = &(*pp)->next) {
		struct tm_sess *s = *pp;

		if (s->id == id && s->vm_id == vm_id && s->owner == owner) {
			*pp = s->next;
			tm.n_sessions--;
			return s;
		}
	}
	return NULL;
}

static bool tm_id_used(const struct tm_sess *list, uint32_t id)
{
	for (const struct tm_sess *s = list; s; s = s->next)
		if (s->id == id)
			return true;
	return false;
}

/* Ids are unique across both lists: a TA host knows sessions by id. */
static uint32_t tm_new_session_id(void)
{
	for (;;) {
		uint32_t id = tm.next_session++;

		if (id && !tm_id_used(tm.sessions, id) &&
		    !tm_id_used(tm.ta_sessions, id))
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

void tm_open_common(struct sw_thread *t, const uint8_t uuid[16],
		    struct ta_host_call *hc, struct tm_inflight *f,
		    struct tm_inst *owner, uint32_t *session,
		    struct tm_result *res)
{
	struct softee_ta_result r;
	struct tm_inst *i;
	struct tm_sess *s;
	int rc;

	rc = tm_inst_get(t, uuid, &i);
	if (rc) {
		DMSG_LOG("no TA instance for open: %d", rc);
		tm_set_err(res, tee_err_from_errno(rc));
		return;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		tm_release_slot(i);
		tm_set_err(res, TEE_ERROR_OUT_OF_MEMORY);
		return;
	}
	pthread_mutex_lock(&tm.lock);
	s->id = tm_new_session_id();
	s->vm_id = t->vm_id;
	s->inst = i;
	s->owner = owner;
	i->last_vm = t->vm_id;
	pthread_mutex_unlock(&tm.lock);
	hc->session_id = s->id;

	rc = tm_call(t, t->vm_id, i, f, hc, &r);
	if (rc)
		DMSG_LOG("open session call to the TA host failed: %d", rc);
	tm_result_from(res, rc, &r);
	if (res->ret != TEE_SUCCESS) {
		free(s);
		tm_release_slot(i);
		return;
	}
	pthread_mutex_lock(&tm.lock);
	if (owner) {
		s->next = tm.ta_sessions;
		tm.ta_sessions = s;
	} else {
		s->next = tm.sessions;
		tm.sessions = s;
	}
	tm.n_sessions++;
	pthread_mutex_unlock(&tm.lock);
	*session = s->id;
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

	memcpy(hc.clnt_uuid, c->clnt_uuid, 16);
	/*
	 * The cancel of an open names no session (there is none yet): f
	 * keeps session 0 for CANCEL, the host learns the real id.
	 */
	tm_inflight_add(&f, NULL);
	tm_open_common(t, c->ta_uuid, &hc, &f, NULL, session, res);
	tm_inflight_del(&f);
}

struct tm_inst *tm_sess_inst(uint32_t vm_id, const struct tm_inst *owner,
			     uint32_t id)
{
	const struct tm_sess *s;
	struct tm_inst *i = NULL;

	pthread_mutex_lock(&tm.lock);
	for (s = owner ? tm.ta_sessions : tm.sessions; s; s = s->next) {
		if (s->id == id && s->vm_id == vm_id && s->owner == owner) {
			i = s->inst;
			i->refs++;
			break;
		}
	}
	pthread_mutex_unlock(&tm.lock);
	return i;
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
	struct tm_inst *i = tm_sess_inst(t->vm_id, NULL, c->session);
	int rc;

	if (!i) {
		tm_set_err(res, TEE_ERROR_BAD_PARAMETERS);
		return;
	}
	tm_inflight_add(&f, NULL);
	rc = tm_call(t, t->vm_id, i, &f, &hc, &r);
	tm_inflight_del(&f);
	tm_result_from(res, rc, &r);
	tm_inst_put(i);
}

static void tm_close_on_host(struct sw_thread *t, uint32_t vm_id,
			     struct tm_inst *i, uint32_t id)
{
	struct ta_host_call hc = { .op = SOFTEE_TA_CLOSE_SESSION,
				   .session_id = id };
	struct softee_ta_result r;

	if (tm_call(t, vm_id, i, NULL, &hc, &r))
		DMSG_LOG("close of session %u on a dead or busy TA", id);
}

void tm_sess_end(struct sw_thread *t, struct tm_sess *s)
{
	tm_close_on_host(t, s->vm_id, s->inst, s->id);
	tm_release_slot(s->inst);
	free(s);
}

struct tm_sess *tm_sess_take(uint32_t vm_id, const struct tm_inst *owner,
			     uint32_t id)
{
	struct tm_sess *s;

	pthread_mutex_lock(&tm.lock);
	s = tm_sess_unlink(vm_id, owner, id);
	pthread_mutex_unlock(&tm.lock);
	return s;
}

unsigned int tm_owned_count(const struct tm_inst *owner)
{
	unsigned int n = 0;

	pthread_mutex_lock(&tm.lock);
	for (const struct tm_sess *s = tm.ta_sessions; s; s = s->next)
		n += s->owner == owner;
	pthread_mutex_unlock(&tm.lock);
	return n;
}

void tm_close_session(struct sw_thread *t, const struct msg_call *c,
		      struct tm_result *res)
{
	struct tm_sess *s = tm_sess_take(t->vm_id, NULL, c->session);

	if (!s) {
		tm_set_err(res, TEE_ERROR_BAD_PARAMETERS);
		return;
	}
	tm_sess_end(t, s);
	tm_set_err(res, TEE_SUCCESS);
}

void tm_cancel(uint32_t vm_id, uint32_t session, uint32_t cancel_id)
{
	bool found = false;

	pthread_mutex_lock(&tm.lock);
	for (struct tm_inflight *f = tm.inflight; f; f = f->next) {
		if (f->nested || f->vm_id != vm_id || f->session != session ||
		    f->cancel_id != cancel_id)
			continue;
		tm_inflight_cancel_locked(f);
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

/* Close every TA-to-TA session owner holds (it died or goes away). */
static void tm_close_owned(struct tm_inst *owner)
{
	for (;;) {
		struct tm_sess *s = NULL;

		pthread_mutex_lock(&tm.lock);
		for (struct tm_sess *x = tm.ta_sessions; x; x = x->next)
			if (x->owner == owner)
				s = x;
		if (s)
			tm_sess_unlink(s->vm_id, owner, s->id);
		pthread_mutex_unlock(&tm.lock);
		if (!s)
			return;
		tm_sess_end(NULL, s);
	}
}

/* --- normal worlds going away, shutdown, stats ------------------------- */

/* Unlink one session of vm_id, a normal world's or (ta) a TA's. */
static struct tm_sess *tm_sess_take_vm(bool ta, uint32_t vm_id)
{
	struct tm_sess *s = NULL;

	pthread_mutex_lock(&tm.lock);
	for (struct tm_sess *x = ta ? tm.ta_sessions : tm.sessions; x;
	     x = x->next)
		if (x->vm_id == vm_id)
			s = x;
	if (s)
		tm_sess_unlink(vm_id, s->owner, s->id);
	pthread_mutex_unlock(&tm.lock);
	return s;
}

void tm_drop_vm(uint32_t vm_id)
{
	struct tm_inst *idle = NULL;
	struct tm_sess *s;

	/* Its clients' sessions, then those its TAs opened (cycles too). */
	while ((s = tm_sess_take_vm(false, vm_id)))
		tm_sess_end(NULL, s);
	while ((s = tm_sess_take_vm(true, vm_id)))
		tm_sess_end(NULL, s);
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
	/* Instances all go: nothing is closed on their hosts. */
	while ((s = tm.ta_sessions)) {
		tm.ta_sessions = s->next;
		free(s);
	}
	tm.n_sessions = 0;
	i = tm.insts;
	tm.insts = NULL;
	pthread_mutex_unlock(&tm.lock);
	while (i) {
		struct tm_inst *n = i->next;

		tm_inst_free(i);
		i = n;
	}
}

void tm_vm_stats(uint32_t vm_id, uint64_t *sessions, uint64_t *instances)
{
	uint64_t s = 0, n = 0;

	pthread_mutex_lock(&tm.lock);
	for (const struct tm_sess *x = tm.sessions; x; x = x->next)
		s += x->vm_id == vm_id;
	for (const struct tm_inst *i = tm.insts; i; i = i->next)
		n += i->last_vm == vm_id;
	pthread_mutex_unlock(&tm.lock);
	*sessions = s;
	*instances = n;
}

void tm_stats(uint64_t *sessions, uint64_t *instances)
{
	pthread_mutex_lock(&tm.lock);
	*sessions = tm.n_sessions;
	*instances = tm.n_insts;
	pthread_mutex_unlock(&tm.lock);
}
