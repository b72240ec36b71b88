// SPDX-License-Identifier: BSD-2-Clause
/*
 * seccomp filter of softee-ta (libseccomp). Default: kill the process.
 * Allowed: the channel (by fd), stderr, memory management without new
 * executable memory, futexes, clocks and sleeps, randomness, exit, the
 * memfds TA-to-TA memrefs travel in, and rereading its own mappings
 * through an fd opened before. No open, no socket, no exec, no fork or
 * threads, no signals to anyone.
 *
 * Under AddressSanitizer (SAN=1 builds) the runtime itself needs a few
 * more calls (sigaltstack; for its reports an isatty check on stderr and
 * a failing, not fatal, open(2) of /proc/self/maps so that it uses the
 * copy it cached before). The leak check it would run at exit needs
 * clone and ptrace, which stay forbidden, so softee-ta leaves with _exit
 * once sandboxed (ta_main.c) and its leaks are not checked in SAN builds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "log.h"
#include "ta_sandbox.h"

/* Calls allowed whatever their arguments. */
static const int ta_sandbox_plain[] = {
	SCMP_SYS(close),
	SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(madvise), SCMP_SYS(brk),
	SCMP_SYS(futex),
	SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres),
	SCMP_SYS(gettimeofday), SCMP_SYS(time),
	SCMP_SYS(nanosleep), SCMP_SYS(clock_nanosleep),
	SCMP_SYS(pause),		/* TEE_Wait(infinite), masked */
	SCMP_SYS(restart_syscall),	/* a sleep resumed after a stop */
	SCMP_SYS(getrandom),
	SCMP_SYS(getpid),		/* log lines carry it */
	SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(rt_sigreturn),
	/* TA-to-TA memrefs: an anonymous memfd of the TA's own. */
	SCMP_SYS(memfd_create), SCMP_SYS(ftruncate),
	SCMP_SYS(fstat),
};

#ifdef __SANITIZE_ADDRESS__
/*
 * What the sanitizer runtime does on its own once running (seen with
 * strace over the test suites): it swaps its alternate signal stack.
 */
static const int ta_sandbox_san[] = {
	SCMP_SYS(sigaltstack),
};
#endif

static int ta_sandbox_rules(scmp_filter_ctx f, int chan, int maps_fd)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < sizeof(ta_sandbox_plain) /
				     sizeof(ta_sandbox_plain[0]); i++)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, ta_sandbox_plain[i], 0);
#ifdef __SANITIZE_ADDRESS__
	for (size_t i = 0; !rc && i < sizeof(ta_sandbox_san) /
				     sizeof(ta_sandbox_san[0]); i++)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, ta_sandbox_san[i], 0);
	/* A report asks whether stderr is a terminal (for colours). */
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
				      SCMP_A0(SCMP_CMP_EQ, STDERR_FILENO),
				      SCMP_A1(SCMP_CMP_EQ, TCGETS));
	/*
	 * The runtime rereads /proc/self/maps with the old open(2) (libc
	 * uses openat, which stays fatal) and falls back to the copy it
	 * cached before the sandbox when that fails: fail it, do not kill.
	 */
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(open),
				      0);
#endif
	if (rc)
		return rc;

	/* The channel to the secure world, and stderr for logs. */
	rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(recvmsg), 1,
			      SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)chan));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(sendmsg), 1,
				      SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)chan));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
				      SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)chan));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
				      SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)chan));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
				      SCMP_A0(SCMP_CMP_EQ, STDERR_FILENO));
	/* Its own mappings, for TEE_CheckMemoryAccessRights (utee_mem.c). */
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(pread64), 1,
				      SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)maps_fd));

	/*
	 * Memory, never executable: the TA's code is mapped already, so no
	 * new code can appear (memfd windows are mapped without PROT_EXEC).
	 */
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
				      SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
				      SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));

	/*
	 * glibc's fstat() is newfstatat(fd, "", buf, AT_EMPTY_PATH). The
	 * path cannot be checked here, so a TA could stat (never open) a
	 * path given this exact flag: metadata only.
	 */
	if (!rc)
		rc = seccomp_rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(newfstatat), 1,
				      SCMP_A3(SCMP_CMP_EQ, AT_EMPTY_PATH));
	return rc;
}

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>

/*
 * Sanitizer reports from inside the sandbox: symbolizing would start an
 * external symbolizer and the module list is read from /proc/self/maps,
 * neither possible there. So reports give module+offset (addr2line
 * turns them into lines), and mappings and modules are read before the
 * filter closes /proc. An explicit symbolize=1 in the environment wins
 * and then gets a report cut short by SIGSYS.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "symbolize=0";
}

const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "symbolize=0";
}

static void ta_sandbox_san_prepare(void)
{
	char mod[256];
	void *off;

	/* The runtimes' own preparation: it caches the memory mappings. */
	__sanitizer_sandbox_on_notify(NULL);
	(void)__sanitizer_get_module_and_offset_for_pc(
		(void *)(uintptr_t)ta_sandbox_san_prepare, mod, sizeof(mod),
		&off);
}
#endif

int ta_sandbox_enter(int chan, int maps_fd)
{
	scmp_filter_ctx f;
	int rc;

	if (chan < 0 || maps_fd < 0)
		return -EBADF;
#ifdef __SANITIZE_ADDRESS__
	ta_sandbox_san_prepare();
#endif
	f = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (!f)
		return -ENOMEM;
	/* Calls of another ABI (int 0x80, x32) die the same way. */
	rc = seccomp_attr_set(f, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	/* Never run with a partial filter: only load what was fully built. */
	if (!rc)
		rc = ta_sandbox_rules(f, chan, maps_fd);
	if (!rc)
		rc = seccomp_load(f);
	seccomp_release(f);
	if (rc)
		EMSG("cannot enter the sandbox: %d", rc);
	return rc;
}

/* Never needed to load a TA: fatal from the start (see ta_sandbox.h). */
static const int ta_sandbox_never[] = {
	SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(connect),
	SCMP_SYS(bind), SCMP_SYS(listen), SCMP_SYS(accept), SCMP_SYS(accept4),
	SCMP_SYS(execve), SCMP_SYS(execveat),
	SCMP_SYS(fork), SCMP_SYS(vfork), SCMP_SYS(clone), SCMP_SYS(clone3),
	SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv),
	SCMP_SYS(process_vm_writev), SCMP_SYS(kill), SCMP_SYS(tkill),
	SCMP_SYS(unshare), SCMP_SYS(setns), SCMP_SYS(mount),
	SCMP_SYS(pivot_root), SCMP_SYS(chroot),
};

int ta_sandbox_preload(void)
{
	scmp_filter_ctx f;
	int rc = 0;

	f = seccomp_init(SCMP_ACT_ALLOW);
	if (!f)
		return -ENOMEM;
	rc = seccomp_attr_set(f, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	for (size_t i = 0; !rc && i < sizeof(ta_sandbox_never) /
				     sizeof(ta_sandbox_never[0]); i++)
		rc = seccomp_rule_add(f, SCMP_ACT_KILL_PROCESS,
				      ta_sandbox_never[i], 0);
	if (!rc)
		rc = seccomp_load(f);
	seccomp_release(f);
	if (rc)
		EMSG("cannot enter the loader sandbox: %d", rc);
	return rc;
}
