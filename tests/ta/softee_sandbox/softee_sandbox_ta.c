// SPDX-License-Identifier: BSD-2-Clause
/*
 * The sandbox test TA: each command tries one thing the TA host's
 * seccomp filter forbids (and must die in it), or does what a TA may.
 * It calls libc directly, as a hostile TA would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <tee_internal_api.h>

#include "include/softee_sandbox_ta.h"

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types, TEE_Param params[4],
				    void **sess_ctx)
{
	(void)param_types;
	(void)params;
	*sess_ctx = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
}

/* The forbidden call returned: report it (the test then fails). */
static TEE_Result sandbox_survived(uint32_t pt, TEE_Param p[4], long rc)
{
	if (TEE_PARAM_TYPE_GET(pt, 0) == TEE_PARAM_TYPE_VALUE_OUTPUT) {
		p[0].value.a = (uint32_t)rc;
		p[0].value.b = (uint32_t)errno;
	}
	return SOFTEE_SANDBOX_SURVIVED;
}

/* Everything here is what TAs do all the time; none of it may kill us. */
static TEE_Result sandbox_allowed(uint32_t pt, TEE_Param p[4])
{
	const size_t big = 8 << 20;	/* past the mmap threshold */
	uint8_t *small = TEE_Malloc(100, 0), *large = TEE_Malloc(big, 0);
	uint8_t rnd[16];
	uint32_t sum = 0;
	TEE_Time t0, t1;
	void *m;
	int fd;

	if (TEE_PARAM_TYPE_GET(pt, 0) != TEE_PARAM_TYPE_VALUE_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!small || !large)
		return TEE_ERROR_OUT_OF_MEMORY;
	memset(large, 0x5a, big);
	large = TEE_Realloc(large, 2 * big);	/* mremap */
	if (!large)
		return TEE_ERROR_OUT_OF_MEMORY;
	sum += large[big - 1];
	TEE_Free(large);
	TEE_Free(small);
	/* A memfd of its own, mapped read-write (TA-to-TA memrefs do it). */
	fd = memfd_create("sandbox-ok", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, 4096))
		return TEE_ERROR_GENERIC;
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return TEE_ERROR_GENERIC;
	((uint8_t *)m)[10] = 7;
	sum += ((uint8_t *)m)[10];
	munmap(m, 4096);
	close(fd);
	TEE_GetSystemTime(&t0);
	if (TEE_Wait(2) != TEE_SUCCESS)
		return TEE_ERROR_GENERIC;
	TEE_GetSystemTime(&t1);
	TEE_GetREETime(&t1);
	TEE_GenerateRandom(rnd, sizeof(rnd));
	IMSG("sandbox TA: allowed actions done");
	p[0].value.a = sum;
	p[0].value.b = 0;
	return TEE_SUCCESS;
}

static TEE_Result sandbox_fork(uint32_t pt, TEE_Param p[4])
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return sandbox_survived(pt, p, pid);
}

static TEE_Result sandbox_exec_mem(uint32_t pt, TEE_Param p[4], bool by_mmap)
{
	long pg = 4096;
	void *m;

	if (by_mmap) {
		m = mmap(NULL, (size_t)pg, PROT_READ | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		return sandbox_survived(pt, p, m == MAP_FAILED ? -1 : 0);
	}
	m = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return TEE_ERROR_OUT_OF_MEMORY;
	return sandbox_survived(pt, p, mprotect(m, (size_t)pg,
						PROT_READ | PROT_EXEC));
}

static TEE_Result sandbox_write_fd(uint32_t pt, TEE_Param p[4])
{
	int fd = memfd_create("sandbox-write", MFD_CLOEXEC);

	if (fd < 0)
		return TEE_ERROR_GENERIC;
	/* The memfd itself is fine; only write() on it is not. */
	return sandbox_survived(pt, p, write(fd, "x", 1));
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd,
				      uint32_t pt, TEE_Param p[4])
{
	char *const argv[] = { (char *)"true", NULL };

	(void)sess_ctx;
	switch (cmd) {
	case SOFTEE_SANDBOX_CMD_ALLOWED:
		return sandbox_allowed(pt, p);
	case SOFTEE_SANDBOX_CMD_FORBID_OPEN:
		return sandbox_survived(pt, p, open("/etc/hostname", O_RDONLY));
	case SOFTEE_SANDBOX_CMD_FORBID_SOCKET:
		return sandbox_survived(pt, p, socket(AF_UNIX, SOCK_STREAM, 0));
	case SOFTEE_SANDBOX_CMD_FORBID_EXECVE:
		return sandbox_survived(pt, p, execve("/bin/true", argv, NULL));
	case SOFTEE_SANDBOX_CMD_FORBID_FORK:
		return sandbox_fork(pt, p);
	case SOFTEE_SANDBOX_CMD_FORBID_KILL:
		return sandbox_survived(pt, p, kill(1, 0));
	case SOFTEE_SANDBOX_CMD_FORBID_MMAP_EXEC:
		return sandbox_exec_mem(pt, p, true);
	case SOFTEE_SANDBOX_CMD_FORBID_MPROTECT_EXEC:
		return sandbox_exec_mem(pt, p, false);
	case SOFTEE_SANDBOX_CMD_FORBID_PTRACE:
		return sandbox_survived(pt, p, ptrace(PTRACE_TRACEME, 0, NULL,
						      NULL));
	case SOFTEE_SANDBOX_CMD_FORBID_WRITE_FD:
		return sandbox_write_fd(pt, p);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
