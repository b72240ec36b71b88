// SPDX-License-Identifier: BSD-2-Clause
/*
 * softee-ta: one TA instance. Waits for LOAD, loads the TA, then serves
 * session calls from the secure world until DESTROY or EOF. The split
 * (load first, then the call loop) is where the sandbox will go.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tee_api_types.h>

#include "log.h"
#include "ta_host.h"
#include "wire.h"

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

/* LOAD must come first; a TA that fails to load ends the process. */
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
	rc = ta_loader_load(h, rx->fds[0], rx->fds[1], &rx->m.u.load, &loaded);
	wire_close_fds(rx->fds, rx->nfds);
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
			ta_call_handle(h, &rx->m, &res);
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
		return SOFTEE_TA_EXIT_BADLOAD;
	}
	/* Here is where the seccomp filter goes: after LOAD, before calls. */
	rc = ta_host_loop(&h, &rx);

	ta_regions_free(&h.regions);
	free(rx.buf);
	if (rc == 0 && h.sessions) {
		/*
		 * EOF with sessions open: the secure world is gone, so nobody
		 * may run TA code any more; what the TA holds dies with us.
		 */
		ta_call_forget_all(&h);
		_exit(SOFTEE_TA_EXIT_OK);
	}
	/* No dlclose: TA destructors after DESTROY would be surprising. */
	return rc < 0 ? 1 : SOFTEE_TA_EXIT_OK;
}
