// SPDX-License-Identifier: BSD-2-Clause
/* Session calls: map memrefs, run the TA entry point, collect outputs. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tee_api_types.h>

#include "log.h"
#include "ta_host.h"

static struct ta_sess_node *ta_sess_find(struct ta_host *h, uint32_t id)
{
	struct ta_sess_node *n;

	for (n = h->sessions; n; n = n->next)
		if (n->s.id == id)
			return n;
	return NULL;
}

static void ta_sess_remove(struct ta_host *h, struct ta_sess_node *dead)
{
	struct ta_sess_node **pp;

	for (pp = &h->sessions; *pp; pp = &(*pp)->next) {
		if (*pp == dead) {
			*pp = dead->next;
			free(dead);
			return;
		}
	}
}

/* Build TEE_Param[4] from the call, mapping memrefs into windows. */
static int ta_params_in(struct ta_host *h, const struct ta_msg *m,
			TEE_Param params[4], struct ta_window win[4])
{
	const struct softee_ta_call *c = &m->u.call;
	uint32_t t;
	unsigned int i;
	int rc;

	memset(params, 0, 4 * sizeof(*params));
	for (i = 0; i < 4; i++) {
		t = TEE_PARAM_TYPE_GET(c->param_types, i);
		if (ta_msg_type_is_value(t)) {
			params[i].value.a = c->params[i].value.a;
			params[i].value.b = c->params[i].value.b;
		} else if (ta_msg_type_is_memref(t)) {
			params[i].memref.size = (size_t)c->params[i].memref.size;
			if (!c->params[i].memref.n_runs)
				continue;
			/*
			 * Input buffers are writable too: OP-TEE TAs may scribble
			 * on them and the client cannot tell either way.
			 */
			rc = ta_window_map(&h->regions, m, i, true, &win[i],
					   &params[i].memref.buffer);
			if (rc)
				return rc;
		}
	}
	return 0;
}

static void ta_params_out(const struct ta_msg *m, const TEE_Param params[4],
			  struct softee_ta_result *res)
{
	uint32_t types = m->u.call.param_types, t;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		t = TEE_PARAM_TYPE_GET(types, i);
		if (ta_msg_type_is_value(t)) {
			res->params[i].a = params[i].value.a;
			res->params[i].b = params[i].value.b;
		} else if (ta_msg_type_is_memref(t)) {
			/* May exceed the given size: GP's SHORT_BUFFER protocol. */
			res->params[i].size = params[i].memref.size;
		}
	}
}

/*
 * GP 1.1 TAs see memref sizes as uint32_t. A memref of 4 GiB or more
 * cannot be described to them, so the call is refused before entering
 * the TA.
 */
static TEE_Result ta_params_to_gp11(uint32_t types, const TEE_Param p[4],
				    __GP11_TEE_Param g[4])
{
	uint32_t t;
	unsigned int i;

	memset(g, 0, 4 * sizeof(*g));
	for (i = 0; i < 4; i++) {
		t = TEE_PARAM_TYPE_GET(types, i);
		if (ta_msg_type_is_value(t)) {
			g[i].value.a = p[i].value.a;
			g[i].value.b = p[i].value.b;
		} else if (ta_msg_type_is_memref(t)) {
			if (p[i].memref.size > UINT32_MAX)
				return TEE_ERROR_BAD_PARAMETERS;
			g[i].memref.buffer = p[i].memref.buffer;
			g[i].memref.size = (uint32_t)p[i].memref.size;
		}
	}
	return TEE_SUCCESS;
}

static void ta_params_from_gp11(uint32_t types, const __GP11_TEE_Param g[4],
				TEE_Param p[4])
{
	uint32_t t;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		t = TEE_PARAM_TYPE_GET(types, i);
		if (ta_msg_type_is_value(t)) {
			p[i].value.a = g[i].value.a;
			p[i].value.b = g[i].value.b;
		} else if (ta_msg_type_is_memref(t)) {
			p[i].memref.size = g[i].memref.size;
		}
	}
}

static void ta_call_run(struct ta_host *h, const struct ta_msg *m,
			struct ta_sess_node *sess, TEE_Param params[4],
			struct softee_ta_result *res)
{
	const struct softee_ta_call *c = &m->u.call;
	bool gp11 = h->entry.gp11_open != NULL;
	bool open = m->op == SOFTEE_TA_OPEN_SESSION;
	__GP11_TEE_Param g[4];

	if (gp11 && ta_params_to_gp11(c->param_types, params, g)) {
		EMSG("memref of 4 GiB or more for a GP 1.1 TA");
		res->ret = TEE_ERROR_BAD_PARAMETERS;
		res->ret_origin = TEE_ORIGIN_TEE;
		return;
	}
	utee_rt.cur_sess = &sess->s;
	res->ret_origin = TEE_ORIGIN_TRUSTED_APP;
	if (gp11) {
		if (open)
			res->ret = h->entry.gp11_open(c->param_types, g,
						      &sess->s.ctx);
		else
			res->ret = h->entry.gp11_invoke(sess->s.ctx, c->cmd,
							c->param_types, g);
		ta_params_from_gp11(c->param_types, g, params);
	} else if (open) {
		res->ret = h->entry.open(c->param_types, params, &sess->s.ctx);
	} else {
		res->ret = h->entry.invoke(sess->s.ctx, c->cmd, c->param_types,
					   params);
	}
	utee_rt.cur_sess = NULL;
}

void ta_call_handle(struct ta_host *h, const struct ta_msg *m,
		    struct softee_ta_result *res)
{
	const struct softee_ta_call *c = &m->u.call;
	struct ta_window win[4];
	struct ta_sess_node *sess = ta_sess_find(h, c->session_id);
	TEE_Param params[4];
	unsigned int i;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(win, 0, sizeof(win));
	res->ret_origin = TEE_ORIGIN_TEE;

	if (m->op == SOFTEE_TA_CLOSE_SESSION) {
		if (!sess) {
			res->ret = TEE_ERROR_ITEM_NOT_FOUND;
			return;
		}
		utee_rt.cur_sess = &sess->s;
		h->entry.close(sess->s.ctx);
		utee_rt.cur_sess = NULL;
		ta_sess_remove(h, sess);
		res->ret = TEE_SUCCESS;
		return;
	}
	if (m->op == SOFTEE_TA_OPEN_SESSION) {
		if (sess) {
			res->ret = TEE_ERROR_BAD_STATE;
			return;
		}
		sess = calloc(1, sizeof(*sess));
		if (!sess) {
			res->ret = TEE_ERROR_OUT_OF_MEMORY;
			return;
		}
		sess->s.id = c->session_id;
		sess->s.cancel_masked = true;
		sess->s.client.login = c->client.login;
		utee_uuid_from_octets(&sess->s.client.uuid, c->client.uuid);
		sess->next = h->sessions;
		h->sessions = sess;
	} else if (!sess) {
		res->ret = TEE_ERROR_ITEM_NOT_FOUND;
		return;
	}

	rc = ta_params_in(h, m, params, win);
	if (rc) {
		EMSG("cannot map memrefs: %s", strerror(-rc));
		res->ret = rc == -ENOMEM ? TEE_ERROR_OUT_OF_MEMORY :
					   TEE_ERROR_BAD_PARAMETERS;
		if (m->op == SOFTEE_TA_OPEN_SESSION)
			ta_sess_remove(h, sess);
		goto out;
	}
	ta_call_run(h, m, sess, params, res);
	ta_params_out(m, params, res);
	if (m->op == SOFTEE_TA_OPEN_SESSION && res->ret != TEE_SUCCESS)
		ta_sess_remove(h, sess);
out:
	for (i = 0; i < 4; i++)
		ta_window_unmap(&win[i]);
}

void ta_call_close_all(struct ta_host *h)
{
	while (h->sessions) {
		utee_rt.cur_sess = &h->sessions->s;
		h->entry.close(h->sessions->s.ctx);
		utee_rt.cur_sess = NULL;
		ta_sess_remove(h, h->sessions);
	}
}

void ta_call_forget_all(struct ta_host *h)
{
	while (h->sessions)
		ta_sess_remove(h, h->sessions);
}
