// SPDX-License-Identifier: BSD-2-Clause
/* Reading /proc for the soak and the fault injector: pid files, RSS, fds, children. */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "perf_proc.h"

pid_t perf_proc_pidfile(const char *run_dir, const char *name)
{
	char path[PATH_MAX];
	long v = 0;
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s.pid", run_dir, name) >= (int)sizeof(path))
		return 0;
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%ld", &v) != 1 || v <= 1 || v > INT_MAX)
		v = 0;
	fclose(f);
	return (pid_t)v;
}

long perf_proc_rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

int perf_proc_fds(pid_t pid)
{
	char path[64];
	struct dirent *e;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* State and parent from /proc/PID/stat; 0, or -1 if gone. */
static int perf_proc_stat(pid_t pid, char *state, pid_t *ppid)
{
	char path[64], buf[512], *rp;
	int pp = 0;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	/* The command name may hold spaces and parentheses: skip to the last ')'. */
	rp = strrchr(buf, ')');
	if (!rp || sscanf(rp + 1, " %c %d", state, &pp) != 2)
		return -1;
	*ppid = (pid_t)pp;
	return 0;
}

int perf_proc_alive(pid_t pid)
{
	char state;
	pid_t ppid;

	return pid > 0 && !perf_proc_stat(pid, &state, &ppid) && state != 'Z' &&
	       state != 'X';
}

/* Children of parent, live ones into out (up to cap) or zombies counted. */
static size_t perf_proc_scan(pid_t parent, bool zombies, pid_t *out, size_t cap)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < cap) {
		char state;
		pid_t pid, ppid;
		bool dead;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = (pid_t)atoi(e->d_name);
		if (perf_proc_stat(pid, &state, &ppid) || ppid != parent)
			continue;
		dead = state == 'Z' || state == 'X';
		if (dead != zombies)
			continue;
		if (out)
			out[n] = pid;
		n++;
	}
	closedir(d);
	return n;
}

size_t perf_proc_children(pid_t parent, pid_t *out, size_t cap)
{
	return perf_proc_scan(parent, false, out, cap);
}

size_t perf_proc_zombies(pid_t parent)
{
	return perf_proc_scan(parent, true, NULL, SIZE_MAX);
}

/* Inodes of connected sockets bound to path, from /proc/net/unix. */
static size_t perf_proc_unix_inodes(const char *path, unsigned long *ino,
				    size_t cap)
{
	FILE *f = fopen("/proc/net/unix", "r");
	char line[PATH_MAX + 128];
	size_t n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f) && n < cap) {
		unsigned int st;
		unsigned long inode;
		int off = 0;
		char *p;

		/* Num RefCount Protocol Flags Type St Inode Path */
		if (sscanf(line, "%*s %*s %*s %*s %*s %x %lu %n", &st, &inode,
			   &off) != 2 || !off || st != 3)
			continue;
		p = line + off;
		p[strcspn(p, "\n")] = 0;
		if (!strcmp(p, path))
			ino[n++] = inode;
	}
	fclose(f);
	return n;
}

int perf_proc_unix_accepted(pid_t pid, const char *path)
{
	unsigned long ino[1024];
	size_t n_ino = perf_proc_unix_inodes(path, ino, 1024);
	char dir[64], link[PATH_MAX + 64], target[64];
	struct dirent *e;
	int n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	d = opendir(dir);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		unsigned long inode;
		ssize_t len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "%s/%s", dir, e->d_name);
		len = readlink(link, target, sizeof(target) - 1);
		if (len <= 0)
			continue;
		target[len] = 0;
		if (sscanf(target, "socket:[%lu]", &inode) != 1)
			continue;
		for (size_t i = 0; i < n_ino; i++) {
			if (ino[i] == inode) {
				n++;
				break;
			}
		}
	}
	closedir(d);
	return n;
}
