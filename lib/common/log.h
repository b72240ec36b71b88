/* SPDX-License-Identifier: BSD-2-Clause */
/* Leveled logging to stderr, prefixed with the program name and pid. */
#ifndef SOFTEE_LOG_H
#define SOFTEE_LOG_H

enum log_level { LOG_LVL_ERR = 0, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

extern int softee_log_level;

void log_init(const char *progname, int level);
/* Parse "err|warn|info|debug" or 0..3; returns -1 if unknown. */
int log_parse_level(const char *s);
void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define EMSG(...) log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define WMSG(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define IMSG_LOG(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define DMSG_LOG(...) \
	do { if (softee_log_level >= LOG_LVL_DEBUG) log_msg(LOG_LVL_DEBUG, __VA_ARGS__); } while (0)

#endif /* SOFTEE_LOG_H */
