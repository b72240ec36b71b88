/* SPDX-License-Identifier: BSD-2-Clause */
/* Commands of the sandbox test TA, shared with tests/integration/ta_sandbox.c. */
#ifndef SOFTEE_SANDBOX_TA_H
#define SOFTEE_SANDBOX_TA_H

#define TA_SOFTEE_SANDBOX_UUID \
	{ 0x5eed7e57, 0x5a0d, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0x5a, 0x0d } }

/* A TA whose ELF constructor makes a forbidden call (never loads). */
#define TA_SOFTEE_SANDBOX_CTOR_UUID \
	{ 0x5eed7e57, 0xc70a, 0x4c1e, \
	  { 0x9a, 0x7b, 0x50, 0xf7, 0xee, 0x00, 0xc7, 0x0a } }

/*
 * Each FORBID_* command makes one system call the sandbox forbids; the
 * TA must die in it. If the call returns, the command answers
 * SOFTEE_SANDBOX_SURVIVED with p0 (VALUE_OUTPUT, optional) a = its
 * result, b = errno.
 */
enum softee_sandbox_cmd {
	/* Things a TA may do: heap (brk and mmap), memfd, clocks, sleep,
	 * randomness, logs. p0 VALUE_OUTPUT a = a checksum of it all. */
	SOFTEE_SANDBOX_CMD_ALLOWED = 0,
	SOFTEE_SANDBOX_CMD_FORBID_OPEN = 1,	/* open("/etc/hostname") */
	SOFTEE_SANDBOX_CMD_FORBID_SOCKET = 2,	/* socket(AF_UNIX) */
	SOFTEE_SANDBOX_CMD_FORBID_EXECVE = 3,	/* execve("/bin/true") */
	SOFTEE_SANDBOX_CMD_FORBID_FORK = 4,	/* fork() */
	SOFTEE_SANDBOX_CMD_FORBID_KILL = 5,	/* kill(1, 0) */
	SOFTEE_SANDBOX_CMD_FORBID_MMAP_EXEC = 6,	/* anonymous PROT_EXEC */
	SOFTEE_SANDBOX_CMD_FORBID_MPROTECT_EXEC = 7,	/* heap page to exec */
	SOFTEE_SANDBOX_CMD_FORBID_PTRACE = 8,	/* ptrace(PTRACE_TRACEME) */
	SOFTEE_SANDBOX_CMD_FORBID_WRITE_FD = 9,	/* write on a memfd */
};

/* Not a GP code: the forbidden call came back. */
#define SOFTEE_SANDBOX_SURVIVED	0x5A0D0BADU

#endif /* SOFTEE_SANDBOX_TA_H */
