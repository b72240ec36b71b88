// SPDX-License-Identifier: BSD-2-Clause
/*
 * softee-ta: one TA instance. Waits for LOAD, loads the TA, enters the
 * seccomp sandbox (ta_sandbox.c), then serves session calls from the
 * secure world until DESTROY or EOF.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tee_api_types.h>

#include "log.h"
#include "ta_access.h"
#include "ta_host.h"
#include "ta_sandbox.h"
#include "utee_mem.h"
#include "wire.h"

/*
 * OpenSSL's one-time set-up (ta/libutee/utee_object.h, which the host
 * cannot include: its trace macros clash with log.h's).
 */
void utee_crypto_init(void);

struct ta_rx {
	unsigned char *buf;
	int fds[WIRE_MAX_FDS];
	int nfds;
	struct ta_msg m;
};

static int ta_send(int chan, uint32_t op, uint32_t seq, const void *p,
		   size_t len)
{
	struct softee_ta_hdr hdr = {
		.magic = SOFTEE_TA_MAGIC, .op = op, .len = (uint32_t)len,
		.seq = seq,
	};
	struct iovec iov[2] = {
		{ .iov_base = &hdr, .iov_len = sizeof(hdr) },
		{ .iov_base = (void *)p, .iov_len = len },
	};

	return wire_send(chan, iov, len ? 2 : 1, NULL, 0);
}

/*
 * Receive and validate one message. Returns 1 with rx->m valid, 0 on
 * EOF, or -errno. A malformed request that wants an answer gets a
 * BAD_PARAMETERS result here and the caller just waits for the next.
 */
static int ta_recv(int chan, struct ta_rx *rx)
{
	struct softee_ta_result res;
	ssize_t n;

	for (;;) {
		rx->nfds = 0;
		n = wire_recv(chan, rx->buf, SOFTEE_TA_MAX_MSG, rx->fds,
			      &rx->nfds, WIRE_MAX_FDS);
		if (n == 0)
			return 0;
		if (n == -EMSGSIZE || n == -EPROTO) {
			EMSG("dropped an oversized message from the secure world");
			continue;
		}
		if (n < 0)
			return (int)n;
		if (!ta_msg_parse(rx->buf, (size_t)n, rx->nfds, &rx->m))
			return 1;
		wire_close_fds(rx->fds, rx->nfds);
		rx->nfds = 0;
		EMSG("malformed message (op %u) from the secure world", rx->m.op);
		if (!ta_msg_wants_reply(rx->m.op))
			continue;
		memset(&res, 0, sizeof(res));
		res.ret = TEE_ERROR_BAD_PARAMETERS;
		res.ret_origin = TEE_ORIGIN_TEE;
		n = ta_send(chan, SOFTEE_TA_RESULT, rx->m.seq, &res, sizeof(res));
		if (n)
			return (int)n;
	}
}

static int ta_host_confine(struct ta_host *h);

/*
 * LOAD must come first; a TA that fails to load ends the process. The
 * loader filter is on while the shared object is opened (its
 * constructors run then); the full sandbox before TA_CreateEntryPoint.
 */
static int ta_host_load(struct ta_host *h, struct ta_rx *rx)
{
	struct softee_ta_loaded loaded;
	int rc;

	rc = ta_recv(h->chan, rx);
	if (rc <= 0)
		return rc ? rc : -EPIPE;
	if (rx->m.op != SOFTEE_TA_LOAD) {
		wire_close_fds(rx->fds, rx->nfds);
		EMSG("first message is op %u, not LOAD", rx->m.op);
		return -EPROTO;
	}
	utee_rt.cur_seq = rx->m.seq;
	rc = ta_sandbox_preload();
	if (rc) {
		memset(&loaded, 0, sizeof(loaded));
		loaded.ret = TEE_ERROR_GENERIC;
	} else {
		rc = ta_loader_load(h, rx->fds[0], rx->fds[1], &rx->m.u.load,
				    &loaded);
	}
	wire_close_fds(rx->fds, rx->nfds);
	/* The TA's own code (TA_CreateEntryPoint) runs only once confined. */
	if (!rc) {
		rc = ta_host_confine(h);
		if (rc)
			loaded.ret = TEE_ERROR_GENERIC;
	}
	if (!rc) {
		loaded.ret = h->entry.create();
		if (loaded.ret != TEE_SUCCESS)
			rc = -ECANCELED;
	}
	if (ta_send(h->chan, SOFTEE_TA_RESULT, rx->m.seq, &loaded,
		    sizeof(loaded)))
		return -EPIPE;
	return rc;
}

/* Serve calls until DESTROY (returns 0) or EOF/error. */
static int ta_host_loop(struct ta_host *h, struct ta_rx *rx)
{
	struct softee_ta_result res;
	int rc;

	for (;;) {
		rc = ta_recv(h->chan, rx);
		if (rc <= 0)
			return rc;
		utee_rt.cur_seq = rx->m.seq;
		switch (rx->m.op) {
		case SOFTEE_TA_REGION_GIVE:
			rc = ta_regions_give(&h->regions, rx->m.u.region.handle,
					     rx->fds[0]);
			if (rc) {
				EMSG("cannot keep region: %s", strerror(-rc));
				close(rx->fds[0]);
			}
			break;
		case SOFTEE_TA_REGION_DROP:
			(void)ta_regions_drop(&h->regions, rx->m.u.region.handle);
			break;
		case SOFTEE_TA_OPEN_SESSION:
		case SOFTEE_TA_INVOKE:
		case SOFTEE_TA_CLOSE_SESSION:
			ta_access_msg(&rx->m);
			ta_call_handle(h, &rx->m, &res);
			ta_access_msg(NULL);
			if (ta_send(h->chan, SOFTEE_TA_RESULT, rx->m.seq, &res,
				    sizeof(res)))
				return -EPIPE;
			break;
		case SOFTEE_TA_DESTROY:
			ta_call_close_all(h);
			h->entry.destroy();
			(void)ta_send(h->chan, SOFTEE_TA_RESULT, rx->m.seq, NULL, 0);
			return 0;
		default:
			/* A second LOAD: protocol error, nothing to map. */
			wire_close_fds(rx->fds, rx->nfds);
			EMSG("unexpected op %u after LOAD", rx->m.op);
			memset(&res, 0, sizeof(res));
			res.ret = TEE_ERROR_BAD_STATE;
			res.ret_origin = TEE_ORIGIN_TEE;
			if (ta_send(h->chan, SOFTEE_TA_RESULT, rx->m.seq, &res,
				    sizeof(res)))
				return -EPIPE;
			break;
		}
	}
}

/*
 * The TA's own entry points. The host calls them through wrappers that
 * tell TEE_CheckMemoryAccessRights which memrefs the call brought.
 */
static struct ta_entry ta_real;

/* Announce the call's memrefs (either parameter layout) to the checker. */
static void ta_access_enter_params(uint32_t types, const TEE_Param *p,
				   const __GP11_TEE_Param *p11)
{
	void *bufs[4];
	uint64_t sizes[4];

	for (unsigned int i = 0; i < 4; i++) {
		bufs[i] = p ? p[i].memref.buffer : p11[i].memref.buffer;
		sizes[i] = p ? p[i].memref.size : p11[i].memref.size;
	}
	ta_access_enter(types, bufs, sizes);
}

static TEE_Result ta_wrap_open(uint32_t types, TEE_Param params[4], void **ctx)
{
	TEE_Result res;

	ta_access_enter_params(types, params, NULL);
	res = ta_real.open(types, params, ctx);
	ta_access_leave();
	return res;
}

static TEE_Result ta_wrap_invoke(void *ctx, uint32_t cmd, uint32_t types,
				 TEE_Param params[4])
{
	TEE_Result res;

	ta_access_enter_params(types, params, NULL);
	res = ta_real.invoke(ctx, cmd, types, params);
	ta_access_leave();
	return res;
}

static TEE_Result ta_wrap_gp11_open(uint32_t types, __GP11_TEE_Param params[4],
				    void **ctx)
{
	TEE_Result res;

	ta_access_enter_params(types, NULL, params);
	res = ta_real.gp11_open(types, params, ctx);
	ta_access_leave();
	return res;
}

static TEE_Result ta_wrap_gp11_invoke(void *ctx, uint32_t cmd, uint32_t types,
				      __GP11_TEE_Param params[4])
{
	TEE_Result res;

	ta_access_enter_params(types, NULL, params);
	res = ta_real.gp11_invoke(ctx, cmd, types, params);
	ta_access_leave();
	return res;
}

/*
 * After LOAD, before any call: everything that still needs files (OpenSSL
 * configuration, /proc/self/maps) is opened, then the sandbox closes.
 */
static int ta_host_confine(struct ta_host *h)
{
	int rc;

	ta_real = h->entry;
	if (h->entry.open)
		h->entry.open = ta_wrap_open;
	if (h->entry.invoke)
		h->entry.invoke = ta_wrap_invoke;
	if (h->entry.gp11_open)
		h->entry.gp11_open = ta_wrap_gp11_open;
	if (h->entry.gp11_invoke)
		h->entry.gp11_invoke = ta_wrap_gp11_invoke;
	ta_access_init(&h->regions);
	utee_crypto_init();
	rc = utee_mem_prepare();
	if (rc < 0) {
		EMSG("cannot open this process's mappings: %s", strerror(-rc));
		return rc;
	}
	return ta_sandbox_enter(h->chan, rc);
}

static int ta_parse_args(int argc, char **argv, int *chan)
{
	char *end;
	long v;
	int i;

	*chan = -1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--channel") && i + 1 < argc) {
			errno = 0;
			v = strtol(argv[++i], &end, 10);
			if (errno || *end || v < 0 || v > 1 << 20)
				return -EINVAL;
			*chan = (int)v;
		} else if (!strcmp(argv[i], "--log-level") && i + 1 < argc) {
			int l = log_parse_level(argv[++i]);

			if (l < 0)
				return -EINVAL;
			softee_log_level = l;
		} else {
			return -EINVAL;
		}
	}
	return *chan >= 0 && fcntl(*chan, F_GETFD) >= 0 ? 0 : -EINVAL;
}

int main(int argc, char **argv)
{
	struct ta_host h;
	struct ta_rx rx;
	int rc;

	log_init("softee-ta", LOG_LVL_WARN);
	memset(&h, 0, sizeof(h));
	if (ta_parse_args(argc, argv, &h.chan)) {
		fprintf(stderr, "usage: softee-ta --channel FD [--log-level L]\n"
			"(softee-ta is started by softee-secure only)\n");
		return 1;
	}
	/* Never let our own fd leak into anything the TA might exec. */
	(void)fcntl(h.chan, F_SETFD, FD_CLOEXEC);
	utee_rt.chan_fd = h.chan;
	rx.buf = malloc(SOFTEE_TA_MAX_MSG);
	if (!rx.buf)
		return 1;

	rc = ta_host_load(&h, &rx);
	if (rc) {
		free(rx.buf);
		/* _exit: a filter may be on already (see the end of main). */
		_exit(SOFTEE_TA_EXIT_BADLOAD);
	}
	rc = ta_host_loop(&h, &rx);

	ta_regions_free(&h.regions);
	free(rx.buf);
	if (rc == 0 && h.sessions) {
		/*
		 * EOF with sessions open: the secure world is gone, so nobody
		 * may run TA code any more; what the TA holds dies with us.
		 */
		ta_call_forget_all(&h);
	}
	/*
	 * _exit, not return: no TA destructors after DESTROY (no dlclose
	 * either), and no exit handlers that would want more than the
	 * sandbox allows (LeakSanitizer's check needs ptrace).
	 */
	_exit(rc < 0 ? 1 : SOFTEE_TA_EXIT_OK);
}
