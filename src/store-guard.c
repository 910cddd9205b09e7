/* store-guard.c: what keeps one database shared safely by many processes
 * when something outside cercle goes wrong: the write lock (with who holds
 * it, for whoever waits), the identity of lock.mdb and data.mdb, a file
 * truncated under a session, and a fault inside LMDB turned into one line
 * and exit 3. Must not read or write records. */
#include "store-int.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define HOLDER_LEN	512
#define NOTICE_FIRST_MS	3000
#define NOTICE_EVERY_MS	5000

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the write lock ---- */

/* Writers take flock(2) on data.mdb before LMDB's own mutex. It is the
 * same lock whatever happened to lock.mdb, it goes when its process dies,
 * and it can be tried without blocking: a waiter can say who holds it. */

static void (*wait_hook)(const char *, void *);
static void *wait_arg;

void
store_set_wait_hook(void (*hook)(const char *msg, void *arg), void *arg)
{
	wait_hook = hook;
	wait_arg = arg;
}

static void
wait_notice(const char *msg)
{
	if (wait_hook != NULL)
		wait_hook(msg, wait_arg);
	else if (msg != NULL)
		fprintf(stderr, "cercle: %s\n", msg);
}

/* This process's command line, for the holder record. */
static const char *
self_command(void)
{
	static char cmd[200];
	char raw[400];
	ssize_t n;
	int fd;

	if (cmd[0] != '\0')
		return cmd;
	snprintf(cmd, sizeof cmd, "?");
	if ((fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC)) < 0)
		return cmd;
	n = read(fd, raw, sizeof raw - 1);
	close(fd);
	if (n <= 0)
		return cmd;
	for (ssize_t i = 0; i < n; i++)
		if (raw[i] == '\0')
			raw[i] = ' ';
		else if ((unsigned char)raw[i] < 32 || raw[i] == 127 ||
		    raw[i] == '\t')
			raw[i] = '?';
	while (n > 0 && raw[n - 1] == ' ')
		n--;
	if (n >= (ssize_t)sizeof cmd)
		n = sizeof cmd - 1;
	memcpy(cmd, raw, (size_t)n);
	cmd[n] = '\0';
	return cmd;
}

static int
holder_fd(struct store *s)
{
	char path[4096];

	if (s->hfd == -1) {
		snprintf(path, sizeof path, "%s/cercle.writer", s->path);
		s->hfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660);
		if (s->hfd < 0)
			s->hfd = -2;	/* a read-only user: no record */
	}
	return s->hfd;
}

static void
clean(char *out, size_t n, const char *in)
{
	size_t i;

	for (i = 0; i + 1 < n && in != NULL && in[i] != '\0'; i++)
		out[i] = (unsigned char)in[i] < 32 ? '?' : in[i];
	out[i] = '\0';
}

void
guard_holder_set(struct store *s, const char *actor, const char *op)
{
	char rec[HOLDER_LEN], a[80], o[64];
	int n, fd;

	if (!s->locked || (fd = holder_fd(s)) < 0)
		return;
	clean(a, sizeof a, actor);
	clean(o, sizeof o, op);
	n = snprintf(rec, sizeof rec, "%ld\t%lld\t%s\t%s\t%s\n",
	    (long)getpid(), (long long)now_ms(), a, o, self_command());
	if (n < 0 || n >= (int)sizeof rec)
		n = sizeof rec - 1;
	memset(rec + n, ' ', sizeof rec - (size_t)n);
	if (pwrite(fd, rec, sizeof rec, 0) < 0)
		return;	/* only a courtesy to whoever waits */
}

/* "alice (process 123, need.add: cercle need add ...), for 4 s"; returns
 * how long that holder has held the lock (ms), or -1 when unknown. */
static int64_t
holder_describe(struct store *s, char *out, size_t n)
{
	char rec[HOLDER_LEN + 1], *f[5], *p, state = '?';
	char path[64], st[256];
	long pid;
	int fd, k = 0;
	ssize_t r;
	int64_t held;

	snprintf(out, n, "%s", _("another process"));
	if ((fd = holder_fd(s)) < 0 ||
	    (r = pread(fd, rec, HOLDER_LEN, 0)) <= 0)
		return -1;
	rec[r] = '\0';
	if ((p = strchr(rec, '\n')) != NULL)
		*p = '\0';
	for (p = rec; k < 5; k++) {
		f[k] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	if (k < 4)
		return -1;
	pid = strtol(f[0], NULL, 10);
	held = now_ms() - strtoll(f[1], NULL, 10);
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		r = read(fd, st, sizeof st - 1);
		close(fd);
		if (r > 0) {
			st[r] = '\0';
			if ((p = strrchr(st, ')')) != NULL && p[1] == ' ')
				state = p[2];
		}
	}
	/* TRANSLATORS: login (process PID[, STOPPED], program: command),
	 * for N s: who holds the write lock. */
	snprintf(out, n, _("%s (process %ld%s, %s: %s), for %lld s"),
	    f[2][0] ? f[2] : "?", pid, state == 'T' ? _(", STOPPED") : "",
	    f[3][0] ? f[3] : "?", f[4], (long long)(held / 1000));
	return held;
}

int
guard_write_lock(struct store *s, struct err *e)
{
	int64_t start, next;
	useconds_t nap = 100;
	int told = 0;

	if (s->locked)
		return 0;
	if (flock(s->dfd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return err_set(e, ERR_SYSTEM, "cannot lock %s for "
			    "writing: %s", s->path, strerror(errno));
		start = now_ms();
		next = start + NOTICE_FIRST_MS;
		while (flock(s->dfd, LOCK_EX | LOCK_NB) != 0) {
			char who[400], msg[512];
			if (errno != EWOULDBLOCK && errno != EINTR)
				return err_set(e, ERR_SYSTEM, "cannot lock %s "
				    "for writing: %s", s->path,
				    strerror(errno));
			/* Say so when one holder keeps the lock (stopped,
			 * or a long operation), not when many writers just
			 * take turns. */
			if (now_ms() >= next) {
				int64_t held = holder_describe(s, who,
				    sizeof who);
				if (held >= 0 && held < NOTICE_FIRST_MS) {
					next = now_ms() + 500;
					goto nap;
				}
				snprintf(msg, sizeof msg, _("waiting for the "
				    "write lock, held by %s"), who);
				wait_notice(msg);
				told = 1;
				next = now_ms() + NOTICE_EVERY_MS;
			}
nap:
			usleep(nap);
			if (nap < 2000)
				nap *= 2;
		}
		if (told)
			wait_notice(NULL);
	}
	s->locked = 1;
	guard_holder_set(s, "", "");
	return 0;
}

int
guard_write_trylock(struct store *s)
{
	if (s->locked)
		return 1;
	if (flock(s->dfd, LOCK_EX | LOCK_NB) != 0)
		return 0;
	s->locked = 1;
	guard_holder_set(s, "", "");
	return 1;
}

void
guard_wait_notice(struct store *s, int64_t *next, int *told)
{
	char who[400], msg[512];
	int64_t held;

	if (*next == 0) {
		*next = now_ms() + NOTICE_FIRST_MS;
		return;
	}
	if (now_ms() < *next)
		return;
	held = holder_describe(s, who, sizeof who);
	if (held >= 0 && held < NOTICE_FIRST_MS) {
		*next = now_ms() + 500;
		return;
	}
	snprintf(msg, sizeof msg, _("waiting for the write lock, held by %s"),
	    who);
	wait_notice(msg);
	*told = 1;
	*next = now_ms() + NOTICE_EVERY_MS;
}

void
guard_wait_notice_end(int told)
{
	if (told)
		wait_notice(NULL);
}

void
guard_write_unlock(struct store *s)
{
	if (!s->locked)
		return;
	flock(s->dfd, LOCK_UN);
	s->locked = 0;
}

/* ---- the files' identity and size ---- */

int
guard_identity_init(struct store *s, struct err *e)
{
	char path[4096];
	struct stat st;

	if (fstat(s->dfd, &st) != 0)
		return err_set(e, ERR_SYSTEM, "%s: %s", s->path,
		    strerror(errno));
	s->data_dev = st.st_dev;
	s->data_ino = st.st_ino;
	snprintf(path, sizeof path, "%s/lock.mdb", s->path);
	if (stat(path, &st) != 0)
		return err_set(e, ERR_SYSTEM, "%s: %s", path,
		    strerror(errno));
	s->lock_dev = st.st_dev;
	s->lock_ino = st.st_ino;
	return 0;
}

int
guard_check(struct store *s, struct err *e)
{
	MDB_envinfo info;
	MDB_stat ms;
	struct stat st;
	char path[4096];
	uint64_t want;

	/* The meta page first, then the size: the file only grows, and a
	 * commit writes its pages before its meta page, so a size read
	 * after the meta covers it. (The other order saw a growing file as
	 * truncated under load.) */
	if (mdb_env_info(s->env, &info) != 0 ||
	    mdb_env_stat(s->env, &ms) != 0)
		return err_set(e, ERR_SYSTEM, "%s: the database is damaged",
		    s->path);
	if (fstat(s->dfd, &st) != 0)
		return err_set(e, ERR_SYSTEM, "%s: %s", s->path,
		    strerror(errno));
	want = ((uint64_t)info.me_last_pgno + 1) * ms.ms_psize;
	if ((uint64_t)st.st_size < want)
		return err_set(e, ERR_SYSTEM, "%s: the database is damaged: "
		    "data.mdb is truncated (%lld bytes, %llu expected)",
		    s->path, (long long)st.st_size, (unsigned long long)want);
	snprintf(path, sizeof path, "%s/lock.mdb", s->path);
	if (stat(path, &st) != 0 || st.st_ino != s->lock_ino ||
	    st.st_dev != s->lock_dev)
		return err_set(e, ERR_SYSTEM, "%s: lock.mdb was removed or "
		    "replaced while this process used the database; refused "
		    "so that no two writers use different locks: end every "
		    "cercle session on it, then start again", s->path);
	snprintf(path, sizeof path, "%s/data.mdb", s->path);
	if (stat(path, &st) != 0 || st.st_ino != s->data_ino ||
	    st.st_dev != s->data_dev)
		return err_set(e, ERR_SYSTEM, "%s: data.mdb was removed or "
		    "replaced while this process used it (a restore?): end "
		    "every cercle session on it, then start again", s->path);
	return 0;
}

/* ---- faults inside LMDB ---- */

/* LMDB trusts the file it maps: a page cut off by a truncation is a
 * SIGBUS, a damaged page header can send it reading anywhere (SIGSEGV).
 * When the fault is in the map or in liblmdb's code, say so in one line
 * and exit 3; any other fault goes to the handler that was there before
 * (the interface's, which restores the terminal, or the sanitizer's). */

#define FAULT_SLOTS 4

static struct fault_slot {
	struct store *s;
	uintptr_t base, len;
	size_t mapsize;
	int dfd;
	unsigned psize;
	char dir[200];
} slots[FAULT_SLOTS];
static struct sigaction fault_old[2];
static uintptr_t lmdb_lo, lmdb_hi;

static int
find_lmdb(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	(void)arg;
	if (info->dlpi_name == NULL || strstr(info->dlpi_name, "liblmdb") ==
	    NULL)
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
		if (ph->p_type != PT_LOAD)
			continue;
		if (lmdb_lo == 0 || lo < lmdb_lo)
			lmdb_lo = lo;
		if (lo + ph->p_memsz > lmdb_hi)
			lmdb_hi = lo + ph->p_memsz;
	}
	return 1;
}

static uintptr_t
fault_pc(void *ucv)
{
	ucontext_t *uc = ucv;

	(void)uc;
#if defined(__x86_64__)
	return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	return (uintptr_t)uc->uc_mcontext.pc;
#else
	return 0;
#endif
}

static size_t
put_s(char *b, size_t n, size_t at, const char *s)
{
	while (*s && at + 1 < n)
		b[at++] = *s++;
	return at;
}

static size_t
put_u(char *b, size_t n, size_t at, uint64_t v)
{
	char d[24];
	int k = 0;

	do {
		d[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (k > 0 && at + 1 < n)
		b[at++] = d[--k];
	return at;
}

/* fmt with each "%llu" replaced by the next of v (async-signal-safe). */
static size_t
put_f(char *b, size_t n, size_t at, const char *fmt, const uint64_t *v,
    int nv)
{
	int k = 0;

	while (*fmt && at + 1 < n) {
		if (strncmp(fmt, "%llu", 4) == 0 && k < nv) {
			at = put_u(b, n, at, v[k++]);
			fmt += 4;
		} else
			b[at++] = *fmt++;
	}
	return at;
}

/* The handler's sentences, in the language chosen, looked up when the
 * handler is armed: gettext may not run in a signal handler. */
static const char *fault_words[3];

static void
fault_words_set(void)
{
	fault_words[0] = _("data.mdb was truncated under this session (%llu "
	    "bytes left, page %llu is gone): the database is damaged; restore "
	    "it from a backup");
	fault_words[1] = _("the database is damaged: reading page %llu "
	    "failed ('cercle verify' names the damaged pages)");
	fault_words[2] = _("the database is damaged: a damaged page sent LMDB "
	    "outside the file ('cercle verify' names the damaged pages)");
}

static void
on_fault(int sig, siginfo_t *si, void *ucv)
{
	uintptr_t a = (uintptr_t)si->si_addr, pc = fault_pc(ucv);
	struct sigaction *old = &fault_old[sig == SIGBUS];
	struct fault_slot *sl = NULL;
	struct stat st;
	char msg[512];
	size_t at = 0;

	for (int i = 0; i < FAULT_SLOTS; i++)
		if (slots[i].s != NULL && a >= slots[i].base &&
		    a < slots[i].base + slots[i].len)
			sl = &slots[i];
	if (sl == NULL && !(pc >= lmdb_lo && pc < lmdb_hi)) {
		sigaction(sig, old, NULL);
		return;	/* not the store's: fault again, as before */
	}
	if (sl == NULL)
		for (int i = 0; i < FAULT_SLOTS && sl == NULL; i++)
			if (slots[i].s != NULL)
				sl = &slots[i];
	/* The interface's handler puts the terminal back first (it raises
	 * the signal again, which stays blocked until we exit). */
	if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler != SIG_DFL &&
	    old->sa_handler != SIG_IGN)
		old->sa_handler(sig);
	at = put_s(msg, sizeof msg, at, "cercle: ");
	if (sl != NULL) {
		at = put_s(msg, sizeof msg, at, sl->dir);
		at = put_s(msg, sizeof msg, at, ": ");
	}
	if (sl != NULL && a >= sl->base && a < sl->base + sl->len &&
	    fstat(sl->dfd, &st) == 0 &&
	    (uint64_t)(a - sl->base) >= (uint64_t)st.st_size) {
		uint64_t v[2] = { (uint64_t)st.st_size,
		    (a - sl->base) / sl->psize };
		at = put_f(msg, sizeof msg, at, fault_words[0], v, 2);
	} else if (sl != NULL && a >= sl->base && a < sl->base + sl->len) {
		uint64_t v[1] = { (a - sl->base) / sl->psize };
		at = put_f(msg, sizeof msg, at, fault_words[1], v, 1);
	} else
		at = put_f(msg, sizeof msg, at, fault_words[2], NULL, 0);
	msg[at++] = '\n';
	if (write(STDERR_FILENO, msg, at) < 0)
		_exit(ERR_SYSTEM);
	_exit(ERR_SYSTEM);
}

/* Where LMDB mapped data.mdb, from /proc/self/maps. */
static void
slot_locate(struct fault_slot *sl)
{
	char line[4200];
	FILE *f = fopen("/proc/self/maps", "re");
	unsigned long lo, hi, ino;

	sl->base = sl->len = 0;
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%lx-%lx %*s %*s %*s %lu", &lo, &hi,
		    &ino) != 3 || ino != (unsigned long)sl->s->data_ino ||
		    strstr(line, "data.mdb") == NULL)
			continue;
		sl->base = lo;
		sl->len = hi - lo;
		break;
	}
	fclose(f);
}

void
guard_fault_arm(struct store *s)
{
	struct fault_slot *sl = NULL;
	struct sigaction cur, sa;
	MDB_envinfo info;
	MDB_stat ms;

	if (lmdb_hi == 0)
		dl_iterate_phdr(find_lmdb, NULL);
	fault_words_set();
	for (int i = 0; i < FAULT_SLOTS; i++)
		if (slots[i].s == s)
			sl = &slots[i];
	for (int i = 0; i < FAULT_SLOTS && sl == NULL; i++)
		if (slots[i].s == NULL) {
			sl = &slots[i];
			memset(sl, 0, sizeof *sl);
			sl->s = s;
			sl->dfd = s->dfd;
			snprintf(sl->dir, sizeof sl->dir, "%s", s->path);
		}
	if (sl != NULL && mdb_env_info(s->env, &info) == 0 &&
	    info.me_mapsize != sl->mapsize &&
	    mdb_env_stat(s->env, &ms) == 0) {
		sl->psize = ms.ms_psize;
		sl->mapsize = info.me_mapsize;
		slot_locate(sl);
	}
	/* Another handler may have been put in since (the interface's). */
	for (int k = 0; k < 2; k++) {
		int sig = k ? SIGBUS : SIGSEGV;
		if (sigaction(sig, NULL, &cur) != 0 ||
		    ((cur.sa_flags & SA_SIGINFO) &&
		    cur.sa_sigaction == on_fault))
			continue;
		fault_old[k] = cur;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_fault;
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		sigaction(sig, &sa, NULL);
	}
}

void
guard_fault_disarm(struct store *s)
{
	for (int i = 0; i < FAULT_SLOTS; i++)
		if (slots[i].s == s)
			memset(&slots[i], 0, sizeof slots[i]);
}
