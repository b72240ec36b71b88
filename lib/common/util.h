/* SPDX-License-Identifier: BSD-2-Clause */
/* Small helpers used everywhere: overflow checks, rounding, UUIDs, fds. */
#ifndef SOFTEE_UTIL_H
#define SOFTEE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define ADD_OVERFLOW(a, b, res) __builtin_add_overflow(a, b, res)
#define MUL_OVERFLOW(a, b, res) __builtin_mul_overflow(a, b, res)

/* Round v up to a multiple of a power of two; false on overflow. */
static inline bool round_up_u64(uint64_t v, uint64_t align, uint64_t *res)
{
	uint64_t t;

	if (ADD_OVERFLOW(v, align - 1, &t))
		return false;
	*res = t & ~(align - 1);
	return true;
}

/* UUID octets (big-endian wire order) <-> "xxxxxxxx-xxxx-..." text. */
void uuid_octets_to_str(const uint8_t oct[16], char str[37]);
int uuid_str_to_octets(const char *str, uint8_t oct[16]);

/* A memfd of size bytes, sealed against shrinking; returns fd or -errno. */
int softee_memfd(const char *name, uint64_t size);

/* Raise RLIMIT_NOFILE to its hard limit (daemons hold many region fds). */
void raise_fd_limit(void);

/* Read/write exactly len bytes (EINTR-safe); 0 or -errno (-EIO on EOF). */
int read_full(int fd, void *buf, size_t len);
int write_full(int fd, const void *buf, size_t len);

/*
 * Parse a byte count: digits (decimal, or 0x hex) with an optional K, M or
 * G suffix (powers of 1024), optionally followed by "iB" or "B". Returns 0,
 * -EINVAL for malformed text, -ERANGE if it does not fit in 64 bits.
 */
int softee_parse_size(const char *s, uint64_t *out);

/* Monotonic time in nanoseconds. */
uint64_t now_ns(void);

#endif /* SOFTEE_UTIL_H */
