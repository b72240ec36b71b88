// SPDX-License-Identifier: BSD-2-Clause
/*
 * Code in a TA's ELF constructors runs while the TA host opens the shared
 * object, before TA_CreateEntryPoint. The loader filter must already
 * forbid what no loader needs: this constructor tries to open a socket
 * (and, should it live, to run a program) and must die in the attempt.
 */
#include <sys/socket.h>
#include <unistd.h>
#include <tee_internal_api.h>

__attribute__((constructor)) static void ctor_escape(void)
{
	static char *const argv[] = { "/bin/true", NULL };
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	if (s >= 0)
		close(s);
	execv(argv[0], argv);
}

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t types, TEE_Param params[4],
				    void **ctx)
{
	(void)types;
	(void)params;
	(void)ctx;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *ctx)
{
	(void)ctx;
}

TEE_Result TA_InvokeCommandEntryPoint(void *ctx, uint32_t cmd, uint32_t types,
				      TEE_Param params[4])
{
	(void)ctx;
	(void)cmd;
	(void)types;
	(void)params;
	return TEE_SUCCESS;
}
