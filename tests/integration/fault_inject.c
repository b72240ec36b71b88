// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fault injection: under a mixed client load, kill clients, the
 * supplicant and TA hosts at random moments, then check that the
 * survivors kept working and that every count returned to its baseline.
 * Runs inside a stack: softee run --ta-dir DIR -- fault_inject --softee PATH.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fault_inject.h"
#include "perf_proc.h"

#define FI_MAX_CLIENTS	32
#define FI_FINAL_CYCLES	5

enum fi_kind { FI_CLIENT, FI_SUPPLICANT, FI_TA, FI_DRIVER, FI_KINDS };
static const char *const fi_kind_names[FI_KINDS] = {
	"client", "supplicant", "ta", "driver",
};

/* What a client process shares with the injector (MAP_SHARED). */
struct fi_slot {
	atomic_int pid;
	atomic_uint_fast64_t ok, expected, unexpected, corrupt;
	atomic_uint_fast64_t progress_ms;	/* end of its last cycle */
	char err[160];				/* its first unexpected failure */
};

struct fi_shared {
	atomic_uint_fast64_t epoch;		/* +1 at every TA host/supplicant kill */
	atomic_uint_fast64_t calm_ms;		/* when the last kill's recovery ended */
	struct fi_slot slot[FI_MAX_CLIENTS];
	struct fi_store store;			/* --storage */
};

struct fi_cfg {
	uint64_t seed;
	unsigned int kills, clients, gap_min, gap_max, grace_ms, stuck_ms;
	unsigned int max_secs, settle_ms;
	bool kind_on[FI_KINDS];
	bool storage;
};

static struct fi_shared *fi;
static struct fi_stack *fi_stk;
static volatile sig_atomic_t fi_client_stop;
static unsigned int fi_failures, fi_crashes;

static void fi_fail(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fi_fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL: %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	fi_failures++;
}

static void fi_pass(const char *name, const char *detail)
{
	printf("PASS: %s%s%s\n", name, *detail ? " " : "", detail);
	fflush(stdout);
}

/* ---- client processes ------------------------------------------------- */

static void fi_client_on_term(int sig)
{
	(void)sig;
	fi_client_stop = 1;
}

/*
 * A client: mixed-load cycles until SIGTERM (or `cycles` of them). A
 * failure right after a kill is expected; one in calm times is not.
 */
static bool fi_verbose, fi_storage;

/* The normal world a client slot runs in (VMs take turns). */
static unsigned int fi_world(size_t slot)
{
	return 1 + (unsigned int)(slot % fi_stk->worlds);
}

static bool fi_slot_dead(size_t slot)
{
	return fi_stk->dead & (1u << fi_world(slot));
}

static void fi_client(struct fi_slot *s, unsigned int world, uint64_t seed,
		      unsigned int cycles, unsigned int grace_ms)
{
	struct sigaction sa = { .sa_handler = fi_client_on_term };
	uint64_t rnd = seed;
	size_t objs = SIZE_MAX;

	/* Two objects of its own: no other client ever writes them. */
	if (fi_storage) {
		objs = atomic_fetch_add(&fi->store.n, 2);
		if (objs + 2 > FI_MAX_OBJS) {
			objs = SIZE_MAX;
		} else {
			atomic_store(&fi->store.obj[objs].world, world);
			atomic_store(&fi->store.obj[objs + 1].world, world);
		}
	}

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	for (unsigned int i = 0; !fi_client_stop && (!cycles || i < cycles); i++) {
		uint64_t epoch = atomic_load(&fi->epoch), ops = 0;
		struct perf_load_result r;
		bool calm;

		int ret = perf_load_cycle(perf_load_rand(&rnd), &ops, &r);

		if (!ret && objs != SIZE_MAX)
			ret = fi_storage_step(&fi->store, objs, perf_load_rand(&rnd), &r);
		if (!ret) {
			atomic_fetch_add(&s->ok, 1);
			atomic_store(&s->progress_ms, fi_now_ms());
			continue;
		}
		calm = atomic_load(&fi->epoch) == epoch &&
		       fi_now_ms() > atomic_load(&fi->calm_ms) + grace_ms;
		if (fi_verbose)
			fprintf(stderr, "fault_inject: client %d: %s: TEEC 0x%08x "
				"origin %u (%s)\n", (int)getpid(), r.what, r.res,
				r.origin, calm ? "calm" : "after a kill");
		if (r.corrupt)
			atomic_fetch_add(&s->corrupt, 1);
		if (r.corrupt || calm) {
			if (!atomic_fetch_add(&s->unexpected, 1))
				snprintf(s->err, sizeof(s->err), "%s: TEEC 0x%08x origin %u",
					 r.what, r.res, r.origin);
		} else {
			atomic_fetch_add(&s->expected, 1);
		}
		atomic_store(&s->progress_ms, fi_now_ms());
		/* The stack is recovering: give it a moment. */
		usleep(20000);
	}
	_exit(0);
}

static pid_t fi_spawn(size_t i, uint64_t seed, unsigned int cycles,
		      unsigned int grace_ms)
{
	struct fi_slot *s = &fi->slot[i];
	pid_t pid;

	/* The slots of a world whose driver was killed stay empty. */
	if (fi_slot_dead(i))
		return 0;
	atomic_store(&s->progress_ms, fi_now_ms());
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setenv("SOFTEE_DEV_DIR", fi_stk->dev[fi_world(i)], 1);
		fi_client(s, fi_world(i), seed, cycles, grace_ms);
	}
	atomic_store(&s->pid, pid > 0 ? pid : 0);
	return pid;
}

/*
 * Reap every child that ended: clients (respawned unless stopping) and
 * orphans (restarted supplicants) we adopted as subreaper. A client dying
 * of anything but our SIGKILL is a failure.
 */
static void fi_reap(const struct fi_cfg *c, bool respawn, uint64_t *rnd)
{
	int st;
	pid_t pid;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (size_t i = 0; i < c->clients; i++) {
			if (atomic_load(&fi->slot[i].pid) != pid)
				continue;
			atomic_store(&fi->slot[i].pid, 0);
			if (!(WIFEXITED(st) && !WEXITSTATUS(st)) && ++fi_crashes)
				fi_fail("fault_inject_no_client_crashed",
					"client %zu (pid %d) ended with %s %d", i,
					(int)pid, WIFSIGNALED(st) ? "signal" : "status",
					WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
			if (respawn)
				fi_spawn(i, perf_load_rand(rnd), 0, c->grace_ms);
		}
	}
}

/* SIGTERM every client and wait for them (SIGKILL after ms); stuck ones count. */
static unsigned int fi_stop_clients(const struct fi_cfg *c, unsigned int ms)
{
	uint64_t end = fi_now_ms() + ms;
	unsigned int stuck = 0;
	uint64_t dummy = 0;

	for (size_t i = 0; i < c->clients; i++) {
		pid_t pid = atomic_load(&fi->slot[i].pid);

		if (pid > 0)
			kill(pid, SIGTERM);
	}
	for (;;) {
		bool any = false;

		fi_reap(c, false, &dummy);
		for (size_t i = 0; i < c->clients; i++)
			any |= atomic_load(&fi->slot[i].pid) > 0;
		if (!any)
			return stuck;
		if (fi_now_ms() >= end)
			break;
		usleep(20000);
	}
	for (size_t i = 0; i < c->clients; i++) {
		pid_t pid = atomic_load(&fi->slot[i].pid);

		if (pid > 0) {
			stuck++;
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			atomic_store(&fi->slot[i].pid, 0);
		}
	}
	return stuck;
}

/* ---- the injector -------------------------------------------------------- */

/* Clients' counters and the kill clock back to zero (the objects stay). */
static void fi_reset_slots(void)
{
	memset(fi->slot, 0, sizeof(fi->slot));
	atomic_store(&fi->epoch, 0);
	atomic_store(&fi->calm_ms, 0);
}

static void fi_sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* One kill of the given kind; 0, or -1 if the stack could not recover. */
/* A random live world (from min up); 0 if none. */
static unsigned int fi_pick_world(const struct fi_stack *st, unsigned int min,
				  uint64_t rnd)
{
	unsigned int live[FI_MAX_VMS], n = 0;

	for (unsigned int w = min; w <= st->worlds; w++)
		if (!(st->dead & (1u << w)))
			live[n++] = w;
	return n ? live[rnd % n] : 0;
}

/*
 * A world loses its driver: its supplicant and clients go with it (a VM
 * that went away); the other worlds must not notice.
 */
static void fi_world_gone(const struct fi_cfg *c, struct fi_stack *st,
			  unsigned int w)
{
	st->dead |= 1u << w;
	fi_kill_daemon(st, w, "supplicant");
	for (size_t i = 0; i < c->clients; i++) {
		pid_t pid = atomic_load(&fi->slot[i].pid);

		if (fi_world(i) != w || pid <= 0)
			continue;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		atomic_store(&fi->slot[i].pid, 0);
	}
}

static int fi_kill(const struct fi_cfg *c, struct fi_stack *st,
		   enum fi_kind kind, uint64_t rnd, pid_t *victim,
		   unsigned int *world)
{
	pid_t pid = 0;
	unsigned int w;

	/*
	 * Killing a TA host or the supplicant may fail other clients' calls
	 * for a moment; killing a client must never disturb the others.
	 */
	if (kind != FI_CLIENT)
		atomic_fetch_add(&fi->epoch, 1);
	*victim = 0;
	switch (kind) {
	case FI_CLIENT: {
		size_t i = rnd % c->clients;

		pid = atomic_load(&fi->slot[i].pid);
		if (pid > 0 && !kill(pid, SIGKILL))
			*victim = pid;
		break;
	}
	case FI_TA:
		*victim = fi_kill_ta(st, rnd);
		break;
	case FI_SUPPLICANT:
		w = fi_pick_world(st, 1, rnd);
		*world = w;
		*victim = w ? fi_kill_daemon(st, w, "supplicant") : 0;
		/* The restart waits for the new one to say it is ready. */
		if (w && fi_restart_supplicant(st, w)) {
			atomic_store(&fi->calm_ms, fi_now_ms());
			return -1;
		}
		break;
	case FI_DRIVER:
		/* World 1 always survives: the final checks run there. */
		w = fi_pick_world(st, 2, rnd);
		*world = w;
		*victim = w ? fi_kill_daemon(st, w, "driver") : 0;
		if (*victim)
			fi_world_gone(c, st, w);
		break;
	default:
		break;
	}
	if (kind != FI_CLIENT)
		atomic_store(&fi->calm_ms, fi_now_ms());
	return 0;
}

static enum fi_kind fi_pick(const struct fi_cfg *c, uint64_t rnd)
{
	/* Weights: clients and TA hosts often, the supplicant a bit less. */
	static const unsigned int weight[FI_KINDS] = { 4, 3, 4, 2 };
	unsigned int total = 0, r;

	for (int k = 0; k < FI_KINDS; k++)
		total += c->kind_on[k] ? weight[k] : 0;
	r = (unsigned int)(rnd % total);
	for (int k = 0; k < FI_KINDS; k++) {
		if (!c->kind_on[k])
			continue;
		if (r < weight[k])
			return (enum fi_kind)k;
		r -= weight[k];
	}
	return FI_CLIENT;
}

/* Any client without a finished cycle for stuck_ms: a hang. */
static bool fi_check_stuck(const struct fi_cfg *c)
{
	uint64_t now = fi_now_ms();
	bool stuck = false;

	for (size_t i = 0; i < c->clients; i++) {
		if (atomic_load(&fi->slot[i].pid) <= 0 ||
		    now < atomic_load(&fi->slot[i].progress_ms) + c->stuck_ms)
			continue;
		fi_fail("fault_inject_no_client_hangs", "client %zu (pid %d) has not "
			"finished a cycle for %u ms", i,
			(int)atomic_load(&fi->slot[i].pid), c->stuck_ms);
		stuck = true;
	}
	return stuck;
}

/*
 * The objects of each surviving world, checked from that world (a killed
 * world's objects go with it), then deleted.
 */
static void fi_storage_check(const struct fi_stack *st)
{
	size_t worlds_ok = 0, worlds = 0;

	for (unsigned int w = 1; w <= st->worlds; w++) {
		int code = 0;
		pid_t pid;

		if (st->dead & (1u << w))
			continue;
		worlds++;
		fflush(NULL);
		pid = fork();
		if (pid == 0) {
			size_t checked = 0, bad;

			setenv("SOFTEE_DEV_DIR", st->dev[w], 1);
			bad = fi_storage_final(&fi->store, w, &checked);
			printf("fault_inject: storage: world %u: %zu objects checked, "
			       "%zu bad\n", w, checked, bad);
			fflush(stdout);
			_exit(bad ? 1 : checked ? 0 : 2);
		}
		if (pid > 0 && waitpid(pid, &code, 0) == pid && WIFEXITED(code) &&
		    WEXITSTATUS(code) == 0)
			worlds_ok++;
	}
	if (worlds_ok == worlds)
		fi_pass("fault_inject_storage_nothing_lost_or_corrupted", "");
	else
		fi_fail("fault_inject_storage_nothing_lost_or_corrupted",
			"%zu of %zu worlds had a bad object or none written",
			worlds - worlds_ok, worlds);
}

static void fi_usage(FILE *f)
{
	fprintf(f,
		"usage: fault_inject --softee PATH [--seed N] [--kills N] [--clients N]\n"
		"                    [--gap-ms MIN,MAX] [--kinds client,supplicant,ta]\n"
		"                    [--max-secs S] [--grace-ms MS] [--stuck-ms MS]\n"
		"                    [--settle-ms MS] [--storage] [--verbose]\n"
		"  Runs inside `softee run` (SOFTEE_DEV_DIR). Prints PASS:/FAIL: lines.\n"
		"  kinds: client, supplicant (restarted with softee restart-supplicant),\n"
		"  ta (a softee-ta under softee-secure), driver (with softee run --vms N:\n"
		"  the driver of a VM other than VM 1, which goes away with its clients;\n"
		"  at most N-1 of them). Clients are spread over the VMs.\n");
}

static int fi_kinds(struct fi_cfg *c, const char *list)
{
	memset(c->kind_on, 0, sizeof(c->kind_on));
	for (const char *p = list; *p; p += strcspn(p, ","), p += *p == ',') {
		size_t len = strcspn(p, ",");
		int k;

		for (k = 0; k < FI_KINDS; k++)
			if (strlen(fi_kind_names[k]) == len &&
			    !strncmp(p, fi_kind_names[k], len))
				break;
		if (k == FI_KINDS)
			return -1;
		c->kind_on[k] = true;
	}
	return 0;
}

static int fi_uint(const char *s, unsigned int min, unsigned int max,
		   unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

static int fi_args(struct fi_cfg *c, struct fi_stack *st, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "softee", required_argument, NULL, 'S' },
		{ "seed", required_argument, NULL, 's' },
		{ "kills", required_argument, NULL, 'k' },
		{ "clients", required_argument, NULL, 'c' },
		{ "gap-ms", required_argument, NULL, 'g' },
		{ "kinds", required_argument, NULL, 'K' },
		{ "max-secs", required_argument, NULL, 'm' },
		{ "grace-ms", required_argument, NULL, 'G' },
		{ "stuck-ms", required_argument, NULL, 'T' },
		{ "settle-ms", required_argument, NULL, 'E' },
		{ "storage", no_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *comma, *end;
	int o, bad;

	*c = (struct fi_cfg){ .kills = 40, .clients = 4, .gap_min = 200,
			      .gap_max = 1200, .grace_ms = 3000, .stuck_ms = 30000,
			      .max_secs = 0, .settle_ms = 20000 };
	c->seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	fi_kinds(c, "client,supplicant,ta");
	while ((o = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		bad = 0;
		switch (o) {
		case 'S': st->softee = optarg; break;
		case 's':
			errno = 0;
			c->seed = strtoull(optarg, &end, 10);
			bad = errno || *end || end == optarg;
			break;
		case 'k': bad = fi_uint(optarg, 1, 1000000, &c->kills); break;
		case 'c': bad = fi_uint(optarg, 1, FI_MAX_CLIENTS, &c->clients); break;
		case 'g':
			comma = strchr(optarg, ',');
			bad = !comma;
			if (!bad) {
				*comma = 0;
				bad = fi_uint(optarg, 0, 600000, &c->gap_min) ||
				      fi_uint(comma + 1, c->gap_min, 600000, &c->gap_max);
			}
			break;
		case 'K': bad = fi_kinds(c, optarg); break;
		case 'm': bad = fi_uint(optarg, 1, 1000000, &c->max_secs); break;
		case 'G': bad = fi_uint(optarg, 0, 600000, &c->grace_ms); break;
		case 'T': bad = fi_uint(optarg, 1000, 3600000, &c->stuck_ms); break;
		case 'E': bad = fi_uint(optarg, 1000, 3600000, &c->settle_ms); break;
		case 'o': c->storage = true; break;
		case 'v': fi_verbose = true; break;
		case 'h': fi_usage(stdout); exit(0);
		default: bad = 1; break;
		}
		if (bad) {
			fi_usage(stderr);
			return -1;
		}
	}
	if (!st->softee || optind != argc || !(c->kind_on[0] || c->kind_on[1] ||
	    c->kind_on[2] || c->kind_on[3])) {
		fi_usage(stderr);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct fi_stack st;
	const char *dev = getenv("SOFTEE_DEV_DIR");
	unsigned int done[FI_KINDS] = { 0 }, kills = 0, stuck, live;
	uint64_t rnd, start, ok_before, ok_after;
	struct fi_counts base, now;
	struct fi_cfg c;
	bool aborted = false;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (fi_args(&c, &st, argc, argv) || !dev) {
		fprintf(stderr, "fault_inject: needs --softee and SOFTEE_DEV_DIR "
			"(run it with softee run)\n");
		return 2;
	}
	printf("fault_inject: seed %llu (reproduce the same kill plan with "
	       "--seed %llu)\n", (unsigned long long)c.seed,
	       (unsigned long long)c.seed);
	fi_storage = c.storage;
	rnd = c.seed;
	fi_stk = &st;
	fi = mmap(NULL, sizeof(*fi), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fi == MAP_FAILED || fi_stack_init(&st, dev)) {
		fi_fail("fault_inject_setup", "no shared memory or no daemon pids "
			"for %s", dev);
		return 1;
	}
	if (c.kind_on[FI_DRIVER] && st.n_vms < 2) {
		/* A skipped part is never a pass. */
		printf("SKIP: fault_inject_driver_kills: a driver is killed only "
		       "with several VMs (softee run --vms N, N >= 2)\n");
		c.kind_on[FI_DRIVER] = false;
		if (!c.kind_on[0] && !c.kind_on[1] && !c.kind_on[2])
			return 0;
	}
	/* Every world gets clients (they take turns): at least one each. */
	if (c.clients < st.worlds)
		c.clients = st.worlds;
	if (st.n_vms)
		printf("fault_inject: %u VMs, %u clients spread over them\n",
		       st.n_vms, c.clients);
	memset(fi, 0, sizeof(*fi));
	/* Restarted supplicants are orphans: adopt and reap them. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);

	/* Warm-up without faults: lazy set-up done, then the idle baseline. */
	for (size_t i = 0; i < c.clients; i++)
		fi_spawn(i, perf_load_rand(&rnd), 0, c.grace_ms);
	fi_sleep_ms(1500);
	stuck = fi_stop_clients(&c, c.stuck_ms);
	ok_before = 0;
	for (size_t i = 0; i < c.clients; i++) {
		ok_before += atomic_load(&fi->slot[i].ok);
		if (atomic_load(&fi->slot[i].unexpected) + atomic_load(&fi->slot[i].expected))
			fi_fail("fault_inject_warm_up", "client %zu failed without "
				"any fault: %s", i, fi->slot[i].err);
	}
	if (stuck || !ok_before || fi_counts_stable(&st, &base, c.settle_ms)) {
		fi_fail("fault_inject_warm_up", "%llu cycles, %u stuck clients, "
			"or the stack never went quiet",
			(unsigned long long)ok_before, stuck);
		return 1;
	}
	fi_reset_slots();
	printf("fault_inject: baseline after %llu warm-up cycles: %zu counts\n",
	       (unsigned long long)ok_before, base.n);

	/* Chaos: kills at random moments while the clients keep going. */
	start = fi_now_ms();
	for (size_t i = 0; i < c.clients; i++)
		fi_spawn(i, perf_load_rand(&rnd), 0, c.grace_ms);
	while (kills < c.kills && !aborted) {
		unsigned int gap = c.gap_min + (unsigned int)(perf_load_rand(&rnd) %
			(c.gap_max - c.gap_min + 1));
		uint64_t wake = fi_now_ms() + gap;
		enum fi_kind kind = fi_pick(&c, perf_load_rand(&rnd));
		uint64_t target = perf_load_rand(&rnd);
		unsigned int world = 0;
		pid_t victim;

		/*
		 * Worlds that lose their driver are gone for good: spread those
		 * kills over the run (the k-th after k/(N) of the kills).
		 */
		if (kind == FI_DRIVER && st.n_vms > 1 &&
		    kills < (done[FI_DRIVER] + 1) * c.kills / st.n_vms)
			kind = FI_TA;

		while (fi_now_ms() < wake) {
			fi_reap(&c, true, &rnd);
			fi_sleep_ms(10);
		}
		if (fi_check_stuck(&c) || !fi_daemons_alive(&st)) {
			aborted = true;
			break;
		}
		if (c.max_secs && fi_now_ms() > start + c.max_secs * 1000ULL)
			break;
		if (fi_kill(&c, &st, kind, target, &victim, &world)) {
			fi_fail("fault_inject_supplicant_restarts", "softee "
				"restart-supplicant failed after kill %u", kills + 1);
			aborted = true;
			break;
		}
		if (!victim)
			continue;	/* nothing of that kind alive right now */
		kills++;
		done[kind]++;
		fprintf(stderr, "fault_inject: kill %u/%u at %.1f s: %s pid %d%s%.0u\n",
			kills, c.kills, (double)(fi_now_ms() - start) / 1000,
			fi_kind_names[kind], (int)victim,
			st.n_vms && world ? " of vm" : "", st.n_vms ? world : 0);
		if (kind == FI_CLIENT) {
			/* Reap it now so it is not taken for a crash. */
			for (size_t i = 0; i < c.clients; i++) {
				if (atomic_load(&fi->slot[i].pid) != victim)
					continue;
				waitpid(victim, NULL, 0);
				atomic_store(&fi->slot[i].pid, 0);
				fi_spawn(i, perf_load_rand(&rnd), 0, c.grace_ms);
			}
		}
	}
	fi_sleep_ms(c.grace_ms);
	stuck = fi_stop_clients(&c, c.stuck_ms);
	if (!fi_daemons_alive(&st))
		fi_fail("fault_inject_daemons_survive", "softee-secure, softee-hyp "
			"or a driver that was not killed died");
	else
		fi_pass("fault_inject_daemons_survive", "");
	if (stuck)
		fi_fail("fault_inject_clients_stop", "%u clients hung and were killed",
			stuck);
	if (kills < c.kills)
		fi_fail("fault_inject_kills_done", "only %u of %u kills (%s)", kills,
			c.kills, aborted ? "aborted" : "out of time");
	else {
		char detail[128];

		snprintf(detail, sizeof(detail), "(%u kills in %.0f s: %u client, "
			 "%u supplicant, %u ta, %u driver)", kills,
			 (double)(fi_now_ms() - start) / 1000, done[FI_CLIENT],
			 done[FI_SUPPLICANT], done[FI_TA], done[FI_DRIVER]);
		fi_pass("fault_inject_kills_done", detail);
	}
	ok_after = 0;
	{
		uint64_t exp = 0, unexp = 0, corrupt = 0;
		char detail[160];

		for (size_t i = 0; i < c.clients; i++) {
			ok_after += atomic_load(&fi->slot[i].ok);
			exp += atomic_load(&fi->slot[i].expected);
			unexp += atomic_load(&fi->slot[i].unexpected);
			corrupt += atomic_load(&fi->slot[i].corrupt);
			if (atomic_load(&fi->slot[i].unexpected))
				fprintf(stderr, "fault_inject: client %zu: %s\n", i,
					fi->slot[i].err);
		}
		if (corrupt)
			fi_fail("fault_inject_no_corruption", "%llu cycles saw wrong "
				"data", (unsigned long long)corrupt);
		else
			fi_pass("fault_inject_no_corruption", "");
		snprintf(detail, sizeof(detail), "(%llu cycles ok, %llu failed "
			 "right after a TA host or supplicant kill)",
			 (unsigned long long)ok_after,
			 (unsigned long long)exp);
		if (unexp || !ok_after)
			fi_fail("fault_inject_survivors_keep_working", "%llu cycles "
				"failed after a client kill or in calm times, %llu ok",
				(unsigned long long)unexp, (unsigned long long)ok_after);
		else
			fi_pass("fault_inject_survivors_keep_working", detail);
	}

	/* Calm again: fresh clients must all work, without a single failure. */
	fi_reset_slots();
	for (size_t i = 0; i < c.clients; i++)
		fi_spawn(i, perf_load_rand(&rnd), FI_FINAL_CYCLES, 0);
	{
		uint64_t end = fi_now_ms() + c.stuck_ms;
		bool any = true;

		while (any && fi_now_ms() < end) {
			any = false;
			fi_reap(&c, false, &rnd);
			for (size_t i = 0; i < c.clients; i++)
				any |= atomic_load(&fi->slot[i].pid) > 0;
			fi_sleep_ms(20);
		}
		stuck = fi_stop_clients(&c, 2000);
		ok_after = 0;
		live = 0;
		for (size_t i = 0; i < c.clients; i++) {
			ok_after += atomic_load(&fi->slot[i].ok);
			live += !fi_slot_dead(i);
		}
		if (stuck || !live || ok_after != (uint64_t)live * FI_FINAL_CYCLES)
			fi_fail("fault_inject_stack_works_after", "%llu of %u cycles "
				"ok after the faults%s", (unsigned long long)ok_after,
				live * FI_FINAL_CYCLES, stuck ? ", clients hung" : "");
		else
			fi_pass("fault_inject_stack_works_after", "");
	}

	/* Every object holds a version it may hold; then they are deleted. */
	if (c.storage)
		fi_storage_check(&st);

	/* Everything back where it was: sessions, shm, regions, threads, fds. */
	if (fi_counts_settle(&st, &base, &now, c.settle_ms)) {
		fi_fail("fault_inject_counts_back_to_baseline", "after %u ms:",
			c.settle_ms);
		fi_counts_diff(&st, &base, &now, stdout);
	} else {
		char detail[96];

		snprintf(detail, sizeof(detail), "(%zu counts; SMC channels %d at "
			 "the baseline, %d now)", base.n, base.channels, now.channels);
		fi_pass("fault_inject_counts_back_to_baseline", detail);
	}
	if (!fi_crashes)
		fi_pass("fault_inject_no_client_crashed", "");
	printf("fault_inject: seed %llu, %u kills, %u failures\n",
	       (unsigned long long)c.seed, kills, fi_failures);
	return fi_failures ? 1 : 0;
}
