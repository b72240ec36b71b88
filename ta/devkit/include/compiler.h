/* SPDX-License-Identifier: BSD-2-Clause */
/* Compiler attribute shorthands that OP-TEE TA sources expect. */
#ifndef COMPILER_H
#define COMPILER_H

#ifndef __unused
#define __unused __attribute__((unused))
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif
#ifndef __noreturn
#define __noreturn __attribute__((noreturn))
#endif
#ifndef __packed
#define __packed __attribute__((packed))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((aligned(x)))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef __section
#define __section(x) __attribute__((section(x)))
#endif
#ifndef __used
#define __used __attribute__((used))
#endif

#endif /* COMPILER_H */
