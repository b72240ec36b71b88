/* SPDX-License-Identifier: BSD-2-Clause */
/* The raw guest of the virtualization tests (vms_guest.h). */
#define _GNU_SOURCE
#include "vms_guest.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "optee_msg.h"
#include "optee_smc.h"
#include "private_secure.h"
#include "util.h"
#include "wire.h"

#define FR	4096ULL

int vg_connect(const char *path, uint64_t boot_id, uint32_t role)
{
	struct softee_chan_hello h = { SOFTEE_CHAN_VERSION, role, boot_id };
	struct softee_chan_hello_rep r = { -EIO, 0 };
	int s = wire_connect(path);
	ssize_t n;

	if (s < 0)
		return s;
	n = ps_chan_req(s, SOFTEE_CHAN_HELLO, &h, sizeof(h), NULL, 0, &r,
			sizeof(r), VG_TIMEOUT_MS);
	if (n != (ssize_t)sizeof(r) || r.status) {
		close(s);
		return r.status < 0 ? r.status : -EPROTO;
	}
	return s;
}

int vg_region_add(int s, uint64_t id, int fd, uint64_t file_offset,
		  uint64_t nframes, const struct softee_pa_extent *ext,
		  uint32_t n_ext, uint32_t vm_id)
{
	uint8_t buf[sizeof(struct softee_chan_region_add) +
		    16 * sizeof(struct softee_pa_extent)];
	struct softee_chan_region_add ra = { id, nframes, file_offset, n_ext,
					     0, vm_id, 0 };
	struct softee_chan_status st = { -EIO, 0 };
	ssize_t n;

	if (n_ext > 16)
		return -EINVAL;
	memcpy(buf, &ra, sizeof(ra));
	memcpy(buf + sizeof(ra), ext, n_ext * sizeof(*ext));
	n = ps_chan_req(s, SOFTEE_CHAN_REGION_ADD, buf,
			(uint32_t)(sizeof(ra) + n_ext * sizeof(*ext)), &fd, 1,
			&st, sizeof(st), VG_TIMEOUT_MS);
	return n == (ssize_t)sizeof(st) ? st.status : -EPROTO;
}

int vg_region_del(int s, uint64_t id, uint32_t vm_id)
{
	struct softee_chan_region_del rd = { id, vm_id, 0 };
	struct softee_chan_status st = { -EIO, 0 };
	ssize_t n = ps_chan_req(s, SOFTEE_CHAN_REGION_DEL, &rd, sizeof(rd),
				NULL, 0, &st, sizeof(st), VG_TIMEOUT_MS);

	return n == (ssize_t)sizeof(st) ? st.status : -EPROTO;
}

int vg_open(struct vg *g, const char *path, uint64_t boot_id, uint64_t ipa,
	    uint64_t nframes)
{
	struct softee_pa_extent e = { ipa, nframes };
	int rc;

	memset(g, 0, sizeof(*g));
	g->s = g->mfd = -1;
	snprintf(g->path, sizeof(g->path), "%s", path);
	g->boot_id = boot_id;
	g->ipa = ipa;
	g->nframes = nframes;
	g->s = vg_connect(path, boot_id, SOFTEE_CHAN_ROLE_DRIVER);
	if (g->s < 0)
		return g->s;
	g->mfd = softee_memfd("vms-guest", nframes * FR);
	if (g->mfd < 0)
		return g->mfd;
	g->mem = mmap(NULL, nframes * FR, PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->mfd, 0);
	if (g->mem == MAP_FAILED) {
		g->mem = NULL;
		return -ENOMEM;
	}
	rc = vg_region_add(g->s, ++g->next_region, g->mfd, 0, nframes, &e, 1, 0);
	return rc;
}

void vg_close(struct vg *g)
{
	if (g->mem)
		munmap(g->mem, g->nframes * FR);
	if (g->mfd >= 0)
		close(g->mfd);
	if (g->s >= 0)
		close(g->s);
	g->mem = NULL;
	g->mfd = g->s = -1;
}

int vg_chan(struct vg *g)
{
	return vg_connect(g->path, g->boot_id, SOFTEE_CHAN_ROLE_DRIVER);
}

void *vg_ptr(struct vg *g, uint64_t ipa)
{
	return g->mem + (ipa - g->ipa);
}

uint64_t vg_pa(const struct vg *g, uint64_t i)
{
	return g->ipa + i * FR;
}

uint32_t vg_smc(int s, const uint32_t in[8], uint32_t out[8])
{
	struct softee_smc_regs rin, rout;
	ssize_t n;

	memcpy(rin.a, in, sizeof(rin.a));
	memset(&rout, 0, sizeof(rout));
	n = ps_chan_req(s, SOFTEE_CHAN_SMC, &rin, sizeof(rin), NULL, 0, &rout,
			sizeof(rout), VG_TIMEOUT_MS);
	if (n != (ssize_t)sizeof(rout))
		return VG_FAILED;
	memcpy(out, rout.a, sizeof(rout.a));
	return out[0];
}

uint32_t vg_fast(int s, uint32_t a0, uint32_t a1, uint32_t *a1_out)
{
	uint32_t in[8] = { a0, a1 }, out[8];
	uint32_t r = vg_smc(s, in, out);

	if (a1_out)
		*a1_out = out[1];
	return r;
}

uint32_t vg_call(int s, uint64_t arg, uint32_t out[8])
{
	uint32_t in[8] = { OPTEE_SMC_CALL_WITH_ARG, (uint32_t)(arg >> 32),
			   (uint32_t)arg };

	return vg_smc(s, in, out);
}

uint64_t vg_list(struct vg *g, uint64_t list, const uint64_t *entries,
		 size_t n)
{
	uint64_t *slots = vg_ptr(g, list);

	memset(slots, 0, FR);
	memcpy(slots, entries, n * sizeof(*entries));
	return list;
}

static uint32_t vg_shm_cmd(struct vg *g, int s, uint64_t arg, uint32_t cmd,
			   uint64_t attr, uint64_t buf_ptr, uint64_t size,
			   uint64_t cookie)
{
	struct optee_msg_arg *a = vg_ptr(g, arg);
	uint32_t out[8];

	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(1));
	a->cmd = cmd;
	a->num_params = 1;
	a->params[0].attr = attr;
	if (cmd == OPTEE_MSG_CMD_REGISTER_SHM) {
		a->params[0].u.tmem.buf_ptr = buf_ptr;
		a->params[0].u.tmem.size = size;
		a->params[0].u.tmem.shm_ref = cookie;
	} else {
		a->params[0].u.rmem.shm_ref = cookie;
	}
	a->ret = 0x12345678;
	if (vg_call(s, arg, out) != OPTEE_SMC_RETURN_OK)
		return VG_FAILED;
	return a->ret;
}

uint32_t vg_register(struct vg *g, int s, uint64_t arg, uint64_t buf_ptr,
		     uint64_t size, uint64_t cookie)
{
	return vg_shm_cmd(g, s, arg, OPTEE_MSG_CMD_REGISTER_SHM,
			  OPTEE_MSG_REGISTER_SHM_ATTR, buf_ptr, size, cookie);
}

uint32_t vg_unregister(struct vg *g, int s, uint64_t arg, uint64_t cookie)
{
	return vg_shm_cmd(g, s, arg, OPTEE_MSG_CMD_UNREGISTER_SHM,
			  OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 0, cookie);
}
