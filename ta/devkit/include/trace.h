/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TA trace macros: filtered at compile time by CFG_TEE_TA_LOG_LEVEL (or
 * TRACE_LEVEL) and at run time by the level the secure world passed.
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdbool.h>
#include <trace_levels.h>

#ifndef TRACE_LEVEL
#ifdef CFG_TEE_TA_LOG_LEVEL
#define TRACE_LEVEL CFG_TEE_TA_LOG_LEVEL
#else
#define TRACE_LEVEL TRACE_ERROR
#endif
#endif

void trace_printf(const char *func, int line, int level, bool level_ok,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void trace_set_level(int level);
int trace_get_level(void);

#define trace_printf_helper(level, level_ok, ...) \
	trace_printf(__func__, __LINE__, (level), (level_ok), __VA_ARGS__)

#if TRACE_LEVEL >= TRACE_ERROR
#define EMSG(...) trace_printf_helper(TRACE_ERROR, true, __VA_ARGS__)
#else
#define EMSG(...) (void)0
#endif
#if TRACE_LEVEL >= TRACE_INFO
#define IMSG(...) trace_printf_helper(TRACE_INFO, true, __VA_ARGS__)
#else
#define IMSG(...) (void)0
#endif
#if TRACE_LEVEL >= TRACE_DEBUG
#define DMSG(...) trace_printf_helper(TRACE_DEBUG, true, __VA_ARGS__)
#else
#define DMSG(...) (void)0
#endif
#if TRACE_LEVEL >= TRACE_FLOW
#define FMSG(...) trace_printf_helper(TRACE_FLOW, true, __VA_ARGS__)
#else
#define FMSG(...) (void)0
#endif
/* MSG prints whatever the level: level 0 is never filtered. */
#define MSG(...) trace_printf_helper(0, false, __VA_ARGS__)

#define EMSG_RAW EMSG
#define IMSG_RAW IMSG
#define DMSG_RAW DMSG
#define FMSG_RAW FMSG

#endif /* TRACE_H */
