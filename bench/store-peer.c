/* bench/store-peer.c: cercle's store (LMDB + msgpack, through the hub
 * operations) against SQLite (WAL, synchronous=FULL) doing the same work:
 * add a need, take a position with its journal entry, list a filtered
 * page of needs; from 1, 4 and 16 processes. Reports figures only.
 *
 * Fairness: both sides check the actor's role and the configuration, write
 * the record and its indexes and one journal row chained by SHA-256 in one
 * durable transaction (LMDB syncs every commit; SQLite syncs the WAL every
 * commit); a page read copies every field of 50 needs out of the store.
 * Disk work per commit is counted in this process by wrapping the libc
 * calls both engines' shared libraries make (write, pwrite, writev,
 * fsync, fdatasync): bytes written, and synchronous writes (an fsync or
 * fdatasync, or a write to a descriptor opened O_DSYNC/O_SYNC: LMDB's
 * meta page).
 * Usage: store-peer DIR [SECONDS [REPETITIONS]] (DIR is emptied first). */
#include <sqlite3.h>
#include <openssl/sha.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/uio.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hub.h"
#include "codec.h"

#define MAXREPS		5
#define MEMBERS		(105 * MAXREPS)	/* each load its own voters */
#define PREFILL		10000
#define PAGE		50
#define MAXSAMPLES	200000	/* per process and phase */

static const char *terrs[] = { "Aix-Marseille", "Alpes", "Avignon", "Azur" };
static const char *cats[] = { "santé", "connexion", "équipement",
	"accès aux droits", "mobilité" };

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(const char *what, const char *msg)
{
	fprintf(stderr, "store-peer: %s: %s\n", what, msg);
	exit(1);
}

/* ---- disk work, counted by interposing libc's write and sync calls ---- */

/* The counters of this process; the load copies them into its slot. They
 * count only descriptors of regular files (pipes between the processes of
 * the bench are not disk work). */
static struct {
	long syncs;		/* fsync, fdatasync, O_DSYNC writes */
	long writes;		/* write calls to files */
	long long bytes;	/* bytes written to files */
} io;

#define IO_MAXFD 4096
static signed char io_kind[IO_MAXFD];	/* 0 unknown, 1 file, 2 sync file, 3 other */

static int
io_fd_kind(int fd)
{
	struct stat st;
	int fl;

	if (fd < 0 || fd >= IO_MAXFD)
		return 3;
	if (io_kind[fd] == 0) {
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
			io_kind[fd] = 3;
		else {
			fl = fcntl(fd, F_GETFL);
			io_kind[fd] = fl >= 0 && (fl & (O_DSYNC | O_SYNC)) ?
			    2 : 1;
		}
	}
	return io_kind[fd];
}

/* A descriptor number is reused after close: forget what it was when a
 * process opens its store (the load calls this after opening). */
static void
io_reset(void)
{
	memset(io_kind, 0, sizeof io_kind);
	memset(&io, 0, sizeof io);
}

static void
io_count(int fd, ssize_t n)
{
	int k = io_fd_kind(fd);

	if (n <= 0 || k == 3)
		return;
	io.writes++;
	io.bytes += n;
	if (k == 2)
		io.syncs++;
}

#define REAL(name) \
	static __typeof__(&name) real_##name; \
	if (real_##name == NULL) \
		real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t
write(int fd, const void *p, size_t n)
{
	REAL(write);
	ssize_t r = real_write(fd, p, n);
	io_count(fd, r);
	return r;
}

ssize_t
pwrite(int fd, const void *p, size_t n, off_t off)
{
	REAL(pwrite);
	ssize_t r = real_pwrite(fd, p, n, off);
	io_count(fd, r);
	return r;
}

ssize_t
pwrite64(int fd, const void *p, size_t n, off64_t off)
{
	REAL(pwrite64);
	ssize_t r = real_pwrite64(fd, p, n, off);
	io_count(fd, r);
	return r;
}

ssize_t
writev(int fd, const struct iovec *v, int n)
{
	REAL(writev);
	ssize_t r = real_writev(fd, v, n);
	io_count(fd, r);
	return r;
}

int
fsync(int fd)
{
	REAL(fsync);
	if (io_fd_kind(fd) != 3)
		io.syncs++;
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	REAL(fdatasync);
	if (io_fd_kind(fd) != 3)
		io.syncs++;
	return real_fdatasync(fd);
}

/* ---- the operations, once per engine ---- */

struct eng {
	const char *name;
	void *(*open)(const char *dir, int create);
	void (*close)(void *h);
	/* set up: config, MEMBERS members, a tension with an open
	 * electronic proposal, PREFILL needs */
	void (*setup)(void *h);
	int (*need_add)(void *h, int who, int i);
	int (*position)(void *h, int who, int kind);
	/* a page of needs in territory t (and status reported if st);
	 * returns how many were read. full: every field copied out (as a
	 * "show" would); else rows: the fields a list line shows, read in
	 * place without copying (cercle: hub_need_rows; SQLite: only those
	 * columns, read through sqlite3_column_text without a copy) */
	int (*page)(void *h, const char *t, int st, int full);
};

/* ---- cercle: LMDB + msgpack through the hub ---- */

struct lm {
	struct hub *h;
	uint64_t proposal;
};

static void *
lm_open(const char *dir, int create)
{
	struct lm *l = xcalloc(1, sizeof *l);
	struct err e;

	if (hub_open(dir, create, &l->h, &e) != 0)
		die("hub_open", e.msg);
	l->proposal = 1;
	return l;
}

static void
lm_close(void *p)
{
	struct lm *l = p;

	hub_close(l->h);
	free(l);
}

struct lm_fill {
	int n;
	struct actor *rep;
};

static int
lm_fill_op(struct hub_ctx *c, void *arg)
{
	struct lm_fill *f = arg;
	struct actor *outer = c->who;
	struct member m;
	int rc;

	if ((rc = hub_member_by_login(c->t, "u0", &m, c->e)) != 0)
		return rc;
	f->rep->id = m.id;
	f->rep->roles = m.roles;
	codec_free(RT_MEMBER, &m);
	for (int i = 0; i < f->n && rc == 0; i++) {
		struct need_input in = { 0 };
		char title[64];

		snprintf(title, sizeof title, "Besoin préalable %d", i);
		in.title = title;
		in.territory = terrs[i % 4];
		in.category = cats[(i / 4) % 5];
		c->who = f->rep;
		rc = hub_need_add_in(c, &in, NULL);
		c->who = outer;
	}
	return rc;
}

static void
lm_setup(void *p)
{
	struct lm *l = p;
	struct actor adm, u0;
	struct err e;
	char login[16];
	uint64_t t, pr;

	hub_actor_console(&adm, NULL);
	if (hub_init(l->h, &adm, NULL, &e) != 0)
		die("hub_init", e.msg);
	for (int i = 0; i < MEMBERS; i++) {
		snprintf(login, sizeof login, "u%d", i);
		if (hub_member_add(l->h, &adm, login, login, ROLE_MEMBER,
		    terrs[i % 4], NULL, NULL, &e) != 0)
			die("member add", e.msg);
	}
	hub_actor_member(&u0, "u0");
	if (hub_tension_add(l->h, &u0, TK_PROJECT, "Banc d'essai", NULL, NULL,
	    &t, &e) != 0)
		die("tension add", e.msg);
	if (hub_proposal_add(l->h, &u0, t, "Proposition d'essai", 0,
	    util_now() + 86400, 0, &pr, &e) != 0)
		die("proposal add", e.msg);
	l->proposal = pr;
	struct lm_fill f = { PREFILL, &u0 };
	if (hub_run(l->h, &adm, "bench.fill", NULL, lm_fill_op, &f, &e) != 0)
		die("fill", e.msg);
}

static int
lm_need_add(void *p, int who, int i)
{
	struct lm *l = p;
	struct actor a;
	struct need_input in = { 0 };
	char login[16], title[64];
	struct err e;

	snprintf(login, sizeof login, "u%d", who);
	hub_actor_member(&a, login);
	snprintf(title, sizeof title, "Besoin %d de %s", i, login);
	in.title = title;
	in.territory = terrs[i % 4];
	in.category = cats[(i / 4) % 5];
	in.description = "Observé sur le terrain lors d'une permanence.";
	if (hub_need_add(l->h, &a, &in, NULL, &e) != 0)
		die("need add", e.msg);
	return 0;
}

static int
lm_position(void *p, int who, int kind)
{
	struct lm *l = p;
	struct actor a;
	char login[16];
	struct err e;

	snprintf(login, sizeof login, "u%d", who);
	hub_actor_member(&a, login);
	if (hub_position_set(l->h, &a, l->proposal, kind, NULL, &e) != 0)
		die("position", e.msg);
	return 0;
}

static int
lm_count_cb(struct store_txn *t, const struct need *n, void *arg)
{
	(void)t;
	(void)n;
	++*(int *)arg;
	return 0;
}

/* What a list line does with a row: look at each shown field. */
static int
lm_row_cb(struct store_txn *t, const struct need_row *r, void *arg)
{
	int *n = arg;

	(void)t;
	*n += 1 + (int)((r->title.n + r->territory.n + r->category.n +
	    r->round.n + r->status + r->supports + r->territories) & 0);
	return 0;
}

static int
lm_page(void *p, const char *terr, int st, int full)
{
	struct lm *l = p;
	struct store_txn *t;
	struct need_filter f;
	struct err e;
	char next[HUB_CURSOR_MAX];
	int n = 0;

	hub_need_filter_init(&f);
	f.territory = terr;
	if (st)
		f.status = NEED_REPORTED;
	if (hub_read(l->h, &t, &e) != 0)
		die("read", e.msg);
	if (full ? hub_need_list(t, &f, NEED_SORT_NEWEST, NULL, PAGE,
	    lm_count_cb, &n, next, &e) : hub_need_rows(t, &f,
	    NEED_SORT_NEWEST, NULL, PAGE, lm_row_cb, &n, next, &e))
		die("need list", e.msg);
	hub_read_end(t);
	return n;
}

static const struct eng eng_lmdb = {
	"lmdb", lm_open, lm_close, lm_setup, lm_need_add, lm_position, lm_page
};

/* ---- SQLite: an equivalent schema, the same checks, the same journal ---- */

enum {
	Q_MEMBER, Q_CFG, Q_NEED_INS, Q_PROP, Q_POS_LIST, Q_POS_INS, Q_POS_UPD,
	Q_J_LAST, Q_J_INS, Q_J_LASTIX, Q_PAGE_T, Q_PAGE_TS, Q_ROWS_T,
	Q_ROWS_TS, Q_BEGIN, Q_COMMIT,
	Q_ROLLBACK, Q__COUNT
};

static const char *sq_sql[Q__COUNT] = {
	[Q_MEMBER] = "SELECT id, login, name, org, territory, roles, disabled,"
	    " created FROM members WHERE login = ?1",
	[Q_CFG] = "SELECT 1 FROM config WHERE list = ?1 AND value = ?2",
	[Q_NEED_INS] = "INSERT INTO needs (title, description, territory,"
	    " category, public, source, reporter, round, created, updated,"
	    " status, merged_into, supports, terrs, territories) VALUES"
	    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 0, 0, 0, 1, ?3)",
	[Q_PROP] = "SELECT id, tension, supporter, versions, status, closes,"
	    " hidden, meeting FROM proposals WHERE id = ?1",
	[Q_POS_LIST] = "SELECT id, member, version, kind, reason, created,"
	    " updated FROM positions WHERE proposal = ?1 ORDER BY id",
	[Q_POS_INS] = "INSERT INTO positions (proposal, member, version, kind,"
	    " reason, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
	[Q_POS_UPD] = "UPDATE positions SET version = ?2, kind = ?3,"
	    " reason = ?4, updated = ?5 WHERE id = ?1",
	[Q_J_LAST] = "SELECT seq, hash FROM journal ORDER BY seq DESC"
	    " LIMIT 1",
	[Q_J_INS] = "INSERT INTO journal (seq, time, actor, op, rtype, rid,"
	    " summary, prev, rec_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " ?7, ?8, ?9, ?10)",
	[Q_J_LASTIX] = "INSERT OR REPLACE INTO jlast (rtype, rid, seq)"
	    " VALUES (?1, ?2, ?3)",
	[Q_PAGE_T] = "SELECT id, title, description, territory, category,"
	    " public, source, reporter, round, created, updated, status,"
	    " merged_into, supports, territories FROM needs WHERE"
	    " territory = ?1 ORDER BY id DESC LIMIT 50",
	[Q_PAGE_TS] = "SELECT id, title, description, territory, category,"
	    " public, source, reporter, round, created, updated, status,"
	    " merged_into, supports, territories FROM needs WHERE"
	    " territory = ?1 AND status = 0 ORDER BY id DESC LIMIT 50",
	[Q_ROWS_T] = "SELECT id, title, territory, category, public, round,"
	    " status, supports, terrs, reporter, created, updated, merged_into"
	    " FROM needs WHERE territory = ?1 ORDER BY id DESC LIMIT 50",
	[Q_ROWS_TS] = "SELECT id, title, territory, category, public, round,"
	    " status, supports, terrs, reporter, created, updated, merged_into"
	    " FROM needs WHERE territory = ?1 AND status = 0 ORDER BY id DESC"
	    " LIMIT 50",
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
};

static const char *sq_schema =
    "PRAGMA journal_mode = WAL;"
    "CREATE TABLE config (list TEXT, value TEXT, PRIMARY KEY (list, value))"
    " WITHOUT ROWID;"
    "CREATE TABLE members (id INTEGER PRIMARY KEY, login TEXT NOT NULL"
    " UNIQUE, name TEXT, org TEXT, territory TEXT, roles INTEGER,"
    " disabled INTEGER, created INTEGER);"
    "CREATE TABLE needs (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
    " description TEXT, territory TEXT NOT NULL, category TEXT, public TEXT,"
    " source TEXT, reporter INTEGER, round TEXT, created INTEGER,"
    " updated INTEGER, status INTEGER, merged_into INTEGER,"
    " supports INTEGER, terrs INTEGER, territories TEXT);"
    /* cercle's indexes on needs: status, territory, category,
     * (supports, id), (territories seen, id) */
    "CREATE INDEX needs_status ON needs (status);"
    "CREATE INDEX needs_territory ON needs (territory);"
    "CREATE INDEX needs_category ON needs (category);"
    "CREATE INDEX needs_support ON needs (supports, id);"
    "CREATE INDEX needs_terrs ON needs (terrs, id);"
    "CREATE TABLE tensions (id INTEGER PRIMARY KEY, kind INTEGER,"
    " title TEXT, author INTEGER, status INTEGER, created INTEGER);"
    "CREATE TABLE proposals (id INTEGER PRIMARY KEY, tension INTEGER,"
    " supporter INTEGER, versions INTEGER, status INTEGER, closes INTEGER,"
    " hidden INTEGER, meeting INTEGER, text TEXT);"
    "CREATE INDEX proposals_tension ON proposals (tension);"
    "CREATE TABLE positions (id INTEGER PRIMARY KEY, proposal INTEGER,"
    " member INTEGER, version INTEGER, kind INTEGER, reason TEXT,"
    " created INTEGER, updated INTEGER);"
    "CREATE INDEX positions_proposal ON positions (proposal);"
    /* the journal, and cercle's (record type, id) -> last entry index */
    "CREATE TABLE journal (seq INTEGER PRIMARY KEY, time INTEGER,"
    " actor TEXT, op TEXT, rtype INTEGER, rid INTEGER, summary TEXT,"
    " prev BLOB, rec_hash BLOB, hash BLOB);"
    "CREATE TABLE jlast (rtype INTEGER, rid INTEGER, seq INTEGER,"
    " PRIMARY KEY (rtype, rid)) WITHOUT ROWID;";

struct sq {
	sqlite3 *db;
	sqlite3_stmt *q[Q__COUNT];
};

static void
sq_fail(struct sq *s, const char *what)
{
	die(what, sqlite3_errmsg(s->db));
}

static void
sq_exec(struct sq *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die(sql, msg ? msg : "?");
}

static void *
sq_open(const char *dir, int create)
{
	struct sq *s = xcalloc(1, sizeof *s);
	char path[512];

	if (create)
		mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/hub.sqlite", dir);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    (create ? SQLITE_OPEN_CREATE : 0), NULL) != SQLITE_OK)
		sq_fail(s, "open");
	sqlite3_busy_timeout(s->db, 60000);
	if (create)
		sq_exec(s, sq_schema);
	/* Durable commits, as cercle's: WAL synced at every commit. */
	sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
	for (int i = 0; i < Q__COUNT; i++)
		if (sqlite3_prepare_v3(s->db, sq_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) != SQLITE_OK)
			sq_fail(s, sq_sql[i]);
	return s;
}

static void
sq_close(void *p)
{
	struct sq *s = p;

	for (int i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(s->q[i]);
	sqlite3_close(s->db);
	free(s);
}

static sqlite3_stmt *
sq_q(struct sq *s, int i)
{
	sqlite3_reset(s->q[i]);
	sqlite3_clear_bindings(s->q[i]);
	return s->q[i];
}

static void
sq_step_done(struct sq *s, sqlite3_stmt *st, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		sq_fail(s, what);
	sqlite3_reset(st);
}

static void
sq_txt(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Resolve the actor as hub_run does: the member row, decoded. */
static int
sq_member(struct sq *s, const char *login, struct member *m)
{
	sqlite3_stmt *st = sq_q(s, Q_MEMBER);
	int rc;

	sq_txt(st, 1, login);
	memset(m, 0, sizeof *m);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return -1;
	}
	m->id = (uint64_t)sqlite3_column_int64(st, 0);
	m->login = xstrdup((const char *)sqlite3_column_text(st, 1));
	m->name = xstrdup((const char *)sqlite3_column_text(st, 2));
	m->territory = xstrdup((const char *)sqlite3_column_text(st, 4));
	m->roles = (uint64_t)sqlite3_column_int64(st, 5);
	m->disabled = (uint64_t)sqlite3_column_int64(st, 6);
	m->created = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);
	return m->disabled ? -1 : 0;
}

static int
sq_cfg_has(struct sq *s, const char *list, const char *v)
{
	sqlite3_stmt *st = sq_q(s, Q_CFG);
	int rc;

	sq_txt(st, 1, list);
	sq_txt(st, 2, v);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

/* The record hash: SHA-256 over the row's fields, length-prefixed. */
static void
hash_fields(const char *const *f, size_t n, const int64_t *nums, size_t nn,
    uint8_t out[32])
{
	struct buf b = { 0 };

	for (size_t i = 0; i < n; i++) {
		uint32_t len = f[i] ? (uint32_t)strlen(f[i]) : 0xffffffffu;
		buf_add(&b, &len, sizeof len);
		if (f[i])
			buf_add(&b, f[i], len);
	}
	buf_add(&b, nums, nn * sizeof *nums);
	SHA256((const unsigned char *)b.p, b.len, out);
	buf_free(&b);
}

/* Append the journal row chained to the last one, and index it. */
static void
sq_journal(struct sq *s, const char *actor, const char *op, int rtype,
    int64_t rid, const char *summary, const uint8_t rec_hash[32])
{
	sqlite3_stmt *st = sq_q(s, Q_J_LAST);
	uint8_t prev[32] = { 0 }, hash[32];
	int64_t seq = 0, now = util_now();
	const char *f[3] = { actor, op, summary };
	int64_t nums[4];
	uint8_t cat[96];

	if (sqlite3_step(st) == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == 32)
			memcpy(prev, sqlite3_column_blob(st, 1), 32);
	}
	sqlite3_reset(st);
	seq++;
	nums[0] = seq;
	nums[1] = now;
	nums[2] = rtype;
	nums[3] = rid;
	hash_fields(f, 3, nums, 4, hash);
	/* The entry's hash covers its fields, the previous hash and the
	 * record's hash, as cercle's does. */
	memcpy(cat, hash, 32);
	memcpy(cat + 32, prev, 32);
	memcpy(cat + 64, rec_hash, 32);
	SHA256(cat, sizeof cat, hash);
	st = sq_q(s, Q_J_INS);
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int64(st, 2, now);
	sq_txt(st, 3, actor);
	sq_txt(st, 4, op);
	sqlite3_bind_int64(st, 5, rtype);
	sqlite3_bind_int64(st, 6, rid);
	sq_txt(st, 7, summary);
	sqlite3_bind_blob(st, 8, prev, 32, SQLITE_STATIC);
	sqlite3_bind_blob(st, 9, rec_hash, 32, SQLITE_STATIC);
	sqlite3_bind_blob(st, 10, hash, 32, SQLITE_STATIC);
	sq_step_done(s, st, "journal insert");
	st = sq_q(s, Q_J_LASTIX);
	sqlite3_bind_int64(st, 1, rtype);
	sqlite3_bind_int64(st, 2, rid);
	sqlite3_bind_int64(st, 3, seq);
	sq_step_done(s, st, "jlast insert");
}

static void
sq_begin(struct sq *s)
{
	sq_step_done(s, sq_q(s, Q_BEGIN), "begin");
}

static void
sq_commit(struct sq *s)
{
	sq_step_done(s, sq_q(s, Q_COMMIT), "commit");
}

/* One need, inside an open transaction, checked as hub_need_add_in. */
static int64_t
sq_need_in(struct sq *s, const char *login, const char *title,
    const char *desc, const char *terr, const char *cat)
{
	struct member m;
	sqlite3_stmt *st;
	char round[16];
	int64_t now = util_now(), id;
	uint8_t h[32];

	if (sq_member(s, login, &m) != 0)
		die("need add", "no such member");
	if (!(m.roles & (ROLE_MEMBER | ROLE_CORRESPONDENT |
	    ROLE_FACILITATOR | ROLE_ADMIN)))
		die("need add", "role");
	if (!sq_cfg_has(s, "territories", terr) ||
	    (cat && !sq_cfg_has(s, "categories", cat)))
		die("need add", "not in the configuration");
	util_round_of(now, round, sizeof round);
	st = sq_q(s, Q_NEED_INS);
	sq_txt(st, 1, title);
	sq_txt(st, 2, desc);
	sq_txt(st, 3, terr);
	sq_txt(st, 4, cat);
	sqlite3_bind_int64(st, 7, (int64_t)m.id);
	sq_txt(st, 8, round);
	sqlite3_bind_int64(st, 9, now);
	sq_step_done(s, st, "need insert");
	id = sqlite3_last_insert_rowid(s->db);
	{
		const char *f[5] = { title, desc, terr, cat, round };
		int64_t nums[4] = { id, (int64_t)m.id, now, 0 };
		hash_fields(f, 5, nums, 4, h);
	}
	sq_journal(s, login, "need.add", RT_NEED, id, title, h);
	codec_free(RT_MEMBER, &m);
	return id;
}

static void
sq_setup(void *p)
{
	struct sq *s = p;
	sqlite3_stmt *st;
	char sql[512], login[16], title[64];
	const char *lists[] = { "territories", "categories" };
	const char *const *vals[] = { terrs, cats };
	int nv[] = { 4, 5 };

	sq_exec(s, "BEGIN");
	for (int l = 0; l < 2; l++)
		for (int i = 0; i < nv[l]; i++) {
			snprintf(sql, sizeof sql, "INSERT INTO config VALUES"
			    " ('%s', '%s')", lists[l], vals[l][i]);
			sq_exec(s, sql);
		}
	for (int i = 0; i < MEMBERS; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO members (login, name,"
		    " territory, roles, disabled, created) VALUES ('u%d',"
		    " 'u%d', '%s', %d, 0, 0)", i, i, terrs[i % 4], ROLE_MEMBER);
		sq_exec(s, sql);
	}
	sq_exec(s, "INSERT INTO tensions VALUES (1, 0, 'Banc d''essai', 1, 1,"
	    " 0)");
	snprintf(sql, sizeof sql, "INSERT INTO proposals VALUES (1, 1, 1, 1,"
	    " 0, %lld, 0, 0, 'Proposition d''essai')",
	    (long long)(util_now() + 86400));
	sq_exec(s, sql);
	(void)st;
	for (int i = 0; i < PREFILL; i++) {
		snprintf(title, sizeof title, "Besoin préalable %d", i);
		snprintf(login, sizeof login, "u0");
		sq_need_in(s, login, title, NULL, terrs[i % 4],
		    cats[(i / 4) % 5]);
	}
	sq_exec(s, "COMMIT");
	/* What a deployment would do once (or PRAGMA optimize): without
	 * statistics the planner walks needs_status for "territory AND
	 * status" and is ten times slower. */
	sq_exec(s, "ANALYZE");
}

static int
sq_need_add(void *p, int who, int i)
{
	struct sq *s = p;
	char login[16], title[64];

	snprintf(login, sizeof login, "u%d", who);
	snprintf(title, sizeof title, "Besoin %d de %s", i, login);
	sq_begin(s);
	sq_need_in(s, login, title,
	    "Observé sur le terrain lors d'une permanence.", terrs[i % 4],
	    cats[(i / 4) % 5]);
	sq_commit(s);
	return 0;
}

/* As op_position: the proposal open, the actor a voter, every position
 * of the proposal loaded to find one's own, then insert or update. */
static int
sq_position(void *p, int who, int kind)
{
	struct sq *s = p;
	struct member m;
	sqlite3_stmt *st;
	char login[16], summary[80];
	int64_t now = util_now(), mine = 0, version, id, created = now;
	uint8_t h[32];
	struct position *ps = NULL;
	size_t n = 0, cap = 0;

	snprintf(login, sizeof login, "u%d", who);
	sq_begin(s);
	if (sq_member(s, login, &m) != 0 || !(m.roles & ROLE_MEMBER))
		die("position", "not a voter");
	st = sq_q(s, Q_PROP);
	sqlite3_bind_int64(st, 1, 1);
	if (sqlite3_step(st) != SQLITE_ROW)
		die("position", "no proposal");
	if (sqlite3_column_int64(st, 4) != PS_OPEN ||
	    sqlite3_column_int64(st, 5) <= now)
		die("position", "round closed");
	version = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	st = sq_q(s, Q_POS_LIST);
	sqlite3_bind_int64(st, 1, 1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *r;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ps = xrealloc(ps, cap * sizeof *ps);
		}
		memset(&ps[n], 0, sizeof ps[n]);
		ps[n].id = (uint64_t)sqlite3_column_int64(st, 0);
		ps[n].member = (uint64_t)sqlite3_column_int64(st, 1);
		ps[n].version = (uint64_t)sqlite3_column_int64(st, 2);
		ps[n].kind = (uint64_t)sqlite3_column_int64(st, 3);
		r = sqlite3_column_text(st, 4);
		ps[n].reason = r ? xstrdup((const char *)r) : NULL;
		ps[n].created = sqlite3_column_int64(st, 5);
		ps[n].updated = sqlite3_column_int64(st, 6);
		n++;
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < n; i++)
		if (ps[i].member == m.id) {
			mine = (int64_t)ps[i].id;
			created = ps[i].created;
		}
	if (mine) {
		st = sq_q(s, Q_POS_UPD);
		sqlite3_bind_int64(st, 1, mine);
		sqlite3_bind_int64(st, 2, version);
		sqlite3_bind_int64(st, 3, kind);
		sqlite3_bind_null(st, 4);
		sqlite3_bind_int64(st, 5, now);
		sq_step_done(s, st, "position update");
		id = mine;
	} else {
		st = sq_q(s, Q_POS_INS);
		sqlite3_bind_int64(st, 1, 1);
		sqlite3_bind_int64(st, 2, (int64_t)m.id);
		sqlite3_bind_int64(st, 3, version);
		sqlite3_bind_int64(st, 4, kind);
		sqlite3_bind_null(st, 5);
		sqlite3_bind_int64(st, 6, now);
		sq_step_done(s, st, "position insert");
		id = sqlite3_last_insert_rowid(s->db);
	}
	{
		const char *f[1] = { NULL };
		int64_t nums[7] = { id, 1, (int64_t)m.id, version, kind,
		    created, now };
		hash_fields(f, 1, nums, 7, h);
	}
	snprintf(summary, sizeof summary, "%s on proposal 1",
	    model_position_name(kind));
	sq_journal(s, login, "position", RT_POSITION, id, summary, h);
	sq_commit(s);
	for (size_t i = 0; i < n; i++)
		codec_free(RT_POSITION, &ps[i]);
	free(ps);
	codec_free(RT_MEMBER, &m);
	return 0;
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *r = sqlite3_column_text(st, i);

	return r ? xstrdup((const char *)r) : NULL;
}

static struct hub_strv
sq_strv(sqlite3_stmt *st, int i)
{
	struct hub_strv v;

	v.p = (const char *)sqlite3_column_text(st, i);
	v.n = (size_t)sqlite3_column_bytes(st, i);
	return v;
}

/* The shown columns, in place, into the same row struct. */
static int
sq_rows(struct sq *s, const char *terr, int stf)
{
	sqlite3_stmt *st = sq_q(s, stf ? Q_ROWS_TS : Q_ROWS_T);
	int n = 0, rc;

	sq_txt(st, 1, terr);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct need_row r;
		memset(&r, 0, sizeof r);
		r.id = (uint64_t)sqlite3_column_int64(st, 0);
		r.title = sq_strv(st, 1);
		r.territory = sq_strv(st, 2);
		r.category = sq_strv(st, 3);
		r.public_ = sq_strv(st, 4);
		r.round = sq_strv(st, 5);
		r.status = (uint64_t)sqlite3_column_int64(st, 6);
		r.supports = (uint64_t)sqlite3_column_int64(st, 7);
		r.territories = (uint64_t)sqlite3_column_int64(st, 8);
		r.reporter = (uint64_t)sqlite3_column_int64(st, 9);
		r.created = sqlite3_column_int64(st, 10);
		r.updated = sqlite3_column_int64(st, 11);
		r.merged_into = (uint64_t)sqlite3_column_int64(st, 12);
		n += 1 + (int)((r.title.n + r.territory.n + r.category.n +
		    r.round.n + r.status + r.supports + r.territories) & 0);
	}
	if (rc != SQLITE_DONE)
		sq_fail(s, "rows");
	sqlite3_reset(st);
	return n;
}

/* Every field copied out into a struct need, as the codec decodes it. */
static int
sq_page(void *p, const char *terr, int stf, int full)
{
	struct sq *s = p;
	sqlite3_stmt *st = sq_q(s, stf ? Q_PAGE_TS : Q_PAGE_T);
	int n = 0, rc;

	if (!full)
		return sq_rows(s, terr, stf);
	sq_txt(st, 1, terr);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct need nd;
		memset(&nd, 0, sizeof nd);
		nd.id = (uint64_t)sqlite3_column_int64(st, 0);
		nd.title = col_dup(st, 1);
		nd.description = col_dup(st, 2);
		nd.territory = col_dup(st, 3);
		nd.category = col_dup(st, 4);
		nd.public_ = col_dup(st, 5);
		nd.source = col_dup(st, 6);
		nd.reporter = (uint64_t)sqlite3_column_int64(st, 7);
		nd.round = col_dup(st, 8);
		nd.created = sqlite3_column_int64(st, 9);
		nd.updated = sqlite3_column_int64(st, 10);
		nd.status = (uint64_t)sqlite3_column_int64(st, 11);
		nd.merged_into = (uint64_t)sqlite3_column_int64(st, 12);
		nd.supports = (uint64_t)sqlite3_column_int64(st, 13);
		str_list_push(&nd.territories,
		    (const char *)sqlite3_column_text(st, 14));
		codec_free(RT_NEED, &nd);
		n++;
	}
	if (rc != SQLITE_DONE)
		sq_fail(s, "page");
	sqlite3_reset(st);
	return n;
}

static const struct eng eng_sqlite = {
	"sqlite", sq_open, sq_close, sq_setup, sq_need_add, sq_position,
	sq_page
};

/* ---- the load: P processes for a fixed time ---- */

/* Two kinds of operation per phase: writes alternate need add (0) and
 * position (1); reads alternate a territory page (0) and a territory +
 * status page (1). */
struct slot {
	long ops;
	long syncs, writes;
	long long bytes;
	long kops[4];
	long nsamples[4];
	float us[4][MAXSAMPLES / 4];	/* latency of each operation */
};

static int
cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

struct lat {
	double p50, p99, mean;
};

struct result {
	double per_s, wall;
	double syncs, writes, bytes;	/* per operation */
	double kper_s[4];	/* per kind */
	struct lat k[4];
};

/* Phase write: each child alternates "add a need" and "take a position"
 * (approve, withdraw, approve...: a change each time), member u<k>.
 * Phase read: each child reads filtered pages. */
static void
run_phase(const struct eng *en, const char *dir, int procs, int base,
    int writes, double secs, struct result *out)
{
	size_t sz = sizeof(struct slot) * (size_t)procs;
	struct slot *sl = mmap(NULL, sz, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int go[2], ready[2];
	pid_t *pids = xcalloc((size_t)procs, sizeof *pids);
	double t0, t1;
	long total = 0, ns = 0;
	float *all;
	char c;

	if (sl == MAP_FAILED || pipe(go) != 0 || pipe(ready) != 0)
		die("setup", strerror(errno));
	memset(sl, 0, sz);
	for (int k = 0; k < procs; k++) {
		if ((pids[k] = fork()) < 0)
			die("fork", strerror(errno));
		if (pids[k] == 0) {
			/* Every process opens the store itself. */
			void *h = en->open(dir, 0);
			struct slot *me = &sl[k];
			double end, a, b;
			long i = 0;
			int kind;

			close(go[1]);
			close(ready[0]);
			io_reset();
			if (write(ready[1], "r", 1) != 1)
				_exit(1);
			if (read(go[0], &c, 1) < 0)
				_exit(1);
			end = now_s() + secs;
			/* Mixed: even processes write, odd ones read. */
			int reader = writes == 0 || (writes == 2 && k % 2);

			while ((a = now_s()) < end) {
				if (reader)
					en->page(h, terrs[i % 4], (i / 4) % 2,
					    writes == 2 || (i / 8) % 2 == 0);
				else if (i % 2 == 0)
					en->need_add(h, base + k, (int)i);
				else
					en->position(h, base + k, (i / 2) % 2 ?
					    POS_WITHDRAW : POS_APPROVE);
				b = now_s();
				if (writes == 2)
					kind = reader;
				else
					kind = writes ? (int)(i % 2) :
					    (int)((i / 4) % 2 +
					    ((i / 8) % 2 ? 2 : 0));
				me->kops[kind]++;
				if (me->nsamples[kind] < MAXSAMPLES / 4)
					me->us[kind][me->nsamples[kind]++] =
					    (float)((b - a) * 1e6);
				i++;
			}
			me->ops = i;
			me->syncs = io.syncs;
			me->writes = io.writes;
			me->bytes = io.bytes;
			en->close(h);
			_exit(0);
		}
	}
	close(go[0]);
	close(ready[1]);
	for (int k = 0; k < procs; k++)
		if (read(ready[0], &c, 1) != 1)
			die("child", "did not start");
	t0 = now_s();
	close(go[1]);		/* everyone starts now */
	for (int k = 0; k < procs; k++) {
		int st;
		waitpid(pids[k], &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			die("child", "failed");
	}
	t1 = now_s();
	close(ready[0]);
	out->syncs = out->writes = out->bytes = 0;
	for (int k = 0; k < procs; k++) {
		total += sl[k].ops;
		out->syncs += sl[k].syncs;
		out->writes += sl[k].writes;
		out->bytes += (double)sl[k].bytes;
	}
	if (total > 0) {
		out->syncs /= total;
		out->writes /= total;
		out->bytes /= total;
	}
	/* Throughput over the load window every process ran (opening and
	 * closing the store, SQLite's final checkpoint included, are not
	 * in it); t1 - t0 is kept for the curious. */
	out->per_s = total / secs;
	for (int kind = 0; kind < 4; kind++) {
		long n = 0;
		for (int k = 0; k < procs; k++)
			n += sl[k].kops[kind];
		out->kper_s[kind] = n / secs;
	}
	out->wall = t1 - t0;
	for (int kind = 0; kind < 4; kind++) {
		double sum = 0;

		ns = 0;
		for (int k = 0; k < procs; k++)
			ns += sl[k].nsamples[kind];
		all = xmalloc((size_t)(ns ? ns : 1) * sizeof *all);
		ns = 0;
		for (int k = 0; k < procs; k++) {
			memcpy(all + ns, sl[k].us[kind],
			    (size_t)sl[k].nsamples[kind] * sizeof *all);
			ns += sl[k].nsamples[kind];
		}
		qsort(all, (size_t)ns, sizeof *all, cmp_float);
		for (long i = 0; i < ns; i++)
			sum += all[i];
		out->k[kind].p50 = ns ? all[ns / 2] : 0;
		out->k[kind].p99 = ns ? all[(long)(ns * 0.99)] : 0;
		out->k[kind].mean = ns ? sum / ns : 0;
		free(all);
	}
	free(pids);
	munmap(sl, sz);
}

static void
rmrf(const char *dir)
{
	char cmd[1100];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		die("rm", dir);
}

static off_t
dir_bytes(const char *dir)
{
	char cmd[1100];
	FILE *f;
	long long kb = 0;

	snprintf(cmd, sizeof cmd, "du -sk '%s'", dir);
	if ((f = popen(cmd, "r")) != NULL) {
		if (fscanf(f, "%lld", &kb) != 1)
			kb = 0;
		pclose(f);
	}
	return (off_t)kb * 1024;
}

static int
cmp_res(const void *a, const void *b)
{
	double x = ((const struct result *)a)->per_s;
	double y = ((const struct result *)b)->per_s;

	return (x > y) - (x < y);
}

static const char *wname[2] = { "need_add", "position" };
static const char *rname[4] = { "page_terr", "page_terr_status",
	"rows_terr", "rows_terr_status" };

static void
print_lat(const char *eng, const char *what, int procs, const struct lat *l)
{
	int ms = what == wname[0] || what == wname[1];
	double m = ms ? l->mean / 1e3 : l->mean;

	printf("store.%s.%s_p50.p%d  %.*f  %s\n", eng, what, procs, ms ? 2 : 1,
	    ms ? l->p50 / 1e3 : l->p50, ms ? "ms" : "us");
	printf("store.%s.%s_p99.p%d  %.*f  %s\n", eng, what, procs, ms ? 2 : 1,
	    ms ? l->p99 / 1e3 : l->p99, ms ? "ms" : "us");
	printf("store.%s.%s_mean.p%d  %.*f  %s\n", eng, what, procs, ms ? 2 : 1,
	    m, ms ? "ms" : "us");
}

#define NPROCS 4
#define NMIXED 2
static const int mixed_of[NMIXED] = { 4, 16 };
static const int procs_of[NPROCS] = { 1, 4, 16, 64 };

int
main(int argc, char **argv)
{
	const struct eng *engs[2] = { &eng_lmdb, &eng_sqlite };
	struct result w[2][NPROCS], r[2][NPROCS], mx[2][NMIXED];
	double secs = argc > 2 ? atof(argv[2]) : 3;
	int reps = argc > 3 ? atoi(argv[3]) : 3;
	double setup[2];
	off_t size[2];
	char dir[2][512];

	if (argc < 2) {
		fprintf(stderr, "usage: store-peer DIR [SECONDS [REPETITIONS]]\n");
		return 1;
	}
	if (secs <= 0)
		secs = 3;
	if (reps < 1 || reps > MAXREPS)
		reps = 3;
	setenv("CERCLE_MAP_SIZE", "268435456", 0);
	for (int e = 0; e < 2; e++) {
		void *h;
		double t0 = now_s();

		snprintf(dir[e], sizeof dir[e], "%s/%s", argv[1],
		    engs[e]->name);
		rmrf(dir[e]);
		h = engs[e]->open(dir[e], 1);
		engs[e]->setup(h);
		engs[e]->close(h);
		setup[e] = now_s() - t0;
	}
	/* Both sides run each load in the same run, back to back on the
	 * same disk (the machine is shared: adjacent in time, they see the
	 * same neighbours). */
	int base_m = (1 + 4 + 16 + 64) * reps;

	for (int p = 0, base = 0; p < NPROCS; p++) {
		struct result rw[2][MAXREPS], rr[2][MAXREPS];

		/* Repeated, alternating the engines; each figure is the
		 * repetition with the median throughput. A write load's
		 * members keep their positions across repetitions, so
		 * each repetition takes its own members. */
		for (int k = 0; k < reps; k++) {
			for (int e = 0; e < 2; e++)
				run_phase(engs[e], dir[e], procs_of[p], base,
				    1, secs, &rw[e][k]);
			for (int e = 0; e < 2; e++)
				run_phase(engs[e], dir[e], procs_of[p], base,
				    0, secs * 2 / 3, &rr[e][k]);
			base += procs_of[p];
		}
		for (int e = 0; e < 2; e++) {
			qsort(rw[e], (size_t)reps, sizeof rw[e][0], cmp_res);
			qsort(rr[e], (size_t)reps, sizeof rr[e][0], cmp_res);
			w[e][p] = rw[e][reps / 2];
			r[e][p] = rr[e][reps / 2];
		}
	}
	/* Mixed: half the processes write while the other half read, to
	 * see what writers do to readers' latency. */
	for (int p = 0; p < NMIXED; p++) {
		struct result rm[2][MAXREPS];

		for (int k = 0; k < reps; k++) {
			for (int e = 0; e < 2; e++)
				run_phase(engs[e], dir[e], mixed_of[p], base_m,
				    2, secs, &rm[e][k]);
			base_m += mixed_of[p];
		}
		for (int e = 0; e < 2; e++) {
			qsort(rm[e], (size_t)reps, sizeof rm[e][0], cmp_res);
			mx[e][p] = rm[e][reps / 2];
		}
	}
	for (int e = 0; e < 2; e++) {
		size[e] = dir_bytes(dir[e]);
	}
	for (int e = 0; e < 2; e++) {
		const char *n = engs[e]->name;

		printf("store.%s.setup_%dk_needs  %.2f  s\n", n,
		    PREFILL / 1000, setup[e]);
		for (int p = 0; p < NPROCS; p++) {
			int pr = procs_of[p];

			printf("store.%s.commits.p%d  %.0f  commits/s\n", n, pr,
			    w[e][p].per_s);
			printf("store.%s.syncs_per_commit.p%d  %.2f  syncs\n",
			    n, pr, w[e][p].syncs);
			printf("store.%s.bytes_per_commit.p%d  %.0f  bytes\n",
			    n, pr, w[e][p].bytes);
			printf("store.%s.pages_per_commit.p%d  %.1f  4k-pages\n",
			    n, pr, w[e][p].bytes / 4096);
			printf("store.%s.writes_per_commit.p%d  %.2f  calls\n",
			    n, pr, w[e][p].writes);
			for (int k = 0; k < 2; k++)
				print_lat(n, wname[k], pr, &w[e][p].k[k]);
			printf("store.%s.pages.p%d  %.0f  pages/s\n", n, pr,
			    r[e][p].per_s);
			for (int k = 0; k < 4; k++)
				print_lat(n, rname[k], pr, &r[e][p].k[k]);
		}
		printf("store.%s.size  %.1f  MB\n", n, size[e] / 1048576.0);
	}
	for (int p = 0; p < NPROCS; p++) {
		int pr = procs_of[p];

		printf("store.ratio.commits.p%d  %.2f  lmdb/sqlite\n", pr,
		    w[0][p].per_s / w[1][p].per_s);
		printf("store.ratio.pages.p%d  %.2f  lmdb/sqlite\n", pr,
		    r[0][p].per_s / r[1][p].per_s);
		for (int k = 0; k < 4; k++) {
			printf("store.ratio.%s_p50.p%d  %.2f  lmdb/sqlite\n",
			    rname[k], pr, r[0][p].k[k].p50 / r[1][p].k[k].p50);
			printf("store.ratio.%s_p99.p%d  %.2f  lmdb/sqlite\n",
			    rname[k], pr, r[0][p].k[k].p99 / r[1][p].k[k].p99);
		}
	}
	for (int p = 0; p < NMIXED; p++) {
		int pr = mixed_of[p];

		for (int e = 0; e < 2; e++) {
			const char *n = engs[e]->name;

			printf("store.%s.mixed_commits.p%d  %.0f  commits/s\n", n,
			    pr, mx[e][p].kper_s[0]);
			printf("store.%s.mixed_pages.p%d  %.0f  pages/s\n", n, pr,
			    mx[e][p].kper_s[1]);
			printf("store.%s.mixed_commit_p50.p%d  %.2f  ms\n", n, pr,
			    mx[e][p].k[0].p50 / 1e3);
			printf("store.%s.mixed_page_p50.p%d  %.1f  us\n", n, pr,
			    mx[e][p].k[1].p50);
			printf("store.%s.mixed_page_p99.p%d  %.1f  us\n", n, pr,
			    mx[e][p].k[1].p99);
		}
		printf("store.ratio.mixed_commits.p%d  %.2f  lmdb/sqlite\n", pr,
		    mx[0][p].kper_s[0] / mx[1][p].kper_s[0]);
		printf("store.ratio.mixed_page_p50.p%d  %.2f  lmdb/sqlite\n", pr,
		    mx[0][p].k[1].p50 / mx[1][p].k[1].p50);
		printf("store.ratio.mixed_page_p99.p%d  %.2f  lmdb/sqlite\n", pr,
		    mx[0][p].k[1].p99 / mx[1][p].k[1].p99);
	}
	printf("\nStore peer: %g s of writes and %g s of reads per load, "
	    "median of %d, %d needs before, pages of 50 needs, newest "
	    "first\n", secs, secs * 2 / 3, reps, PREFILL);
	printf("%-6s %3s %9s %8s %8s %8s %8s %8s %8s %8s %8s\n", "", "",
	    "commits", "add", "add", "pos", "pos", "page T", "page T",
	    "page TS", "page TS");
	printf("%-6s %3s %9s %8s %8s %8s %8s %8s %8s %8s %8s\n", "engine",
	    "P", "/s", "p50 ms", "p99 ms", "p50 ms", "p99 ms", "p50 us",
	    "p99 us", "p50 us", "p99 us");
	for (int e = 0; e < 2; e++)
		for (int p = 0; p < NPROCS; p++)
			printf("%-6s %3d %9.0f %8.2f %8.2f %8.2f %8.2f %8.1f "
			    "%8.1f %8.1f %8.1f\n", engs[e]->name, procs_of[p],
			    w[e][p].per_s, w[e][p].k[0].p50 / 1e3,
			    w[e][p].k[0].p99 / 1e3, w[e][p].k[1].p50 / 1e3,
			    w[e][p].k[1].p99 / 1e3, r[e][p].k[0].p50,
			    r[e][p].k[0].p99, r[e][p].k[1].p50,
			    r[e][p].k[1].p99);
	for (int p = 0; p < NPROCS; p++)
		printf("%-6s %3d %8.2fx %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f "
		    "%8.2f %8.2f\n", "ratio", procs_of[p],
		    w[0][p].per_s / w[1][p].per_s,
		    w[0][p].k[0].p50 / w[1][p].k[0].p50,
		    w[0][p].k[0].p99 / w[1][p].k[0].p99,
		    w[0][p].k[1].p50 / w[1][p].k[1].p50,
		    w[0][p].k[1].p99 / w[1][p].k[1].p99,
		    r[0][p].k[0].p50 / r[1][p].k[0].p50,
		    r[0][p].k[0].p99 / r[1][p].k[0].p99,
		    r[0][p].k[1].p50 / r[1][p].k[1].p50,
		    r[0][p].k[1].p99 / r[1][p].k[1].p99);
	printf("(ratio = lmdb / sqlite: above 1 lmdb commits more, below 1 "
	    "lmdb is faster; T territory filter, TS territory and status)\n");
	printf("\nDisk work per commit (write loads; counted at the libc "
	    "calls)\n%-6s %3s %10s %10s %10s %10s %10s\n", "engine", "P",
	    "syncs", "writes", "KB", "4k-pages", "pages/s");
	for (int e = 0; e < 2; e++)
		for (int p = 0; p < NPROCS; p++)
			printf("%-6s %3d %10.2f %10.2f %10.1f %10.1f %10.0f\n",
			    engs[e]->name, procs_of[p], w[e][p].syncs,
			    w[e][p].writes, w[e][p].bytes / 1024,
			    w[e][p].bytes / 4096, r[e][p].per_s);
	for (int p = 0; p < NPROCS; p++)
		printf("%-6s %3d %9.2fx %9.2fx %9.2fx %9.2fx %9.2fx\n",
		    "ratio", procs_of[p], w[0][p].syncs / w[1][p].syncs,
		    w[0][p].writes / w[1][p].writes,
		    w[0][p].bytes / w[1][p].bytes,
		    w[0][p].bytes / w[1][p].bytes,
		    r[0][p].per_s / r[1][p].per_s);
	printf("\nReads: a page of 50 needs, newest first, territory (T) or "
	    "territory and status (TS); full: every field copied out; rows: "
	    "the shown fields in place\n%-6s %3s %9s %9s %9s %9s %9s %9s\n",
	    "engine", "P", "pages/s", "full T", "full TS", "rows T",
	    "rows TS", "rows p99");
	for (int e = 0; e < 2; e++)
		for (int p = 0; p < NPROCS; p++)
			printf("%-6s %3d %9.0f %7.1fus %7.1fus %7.1fus %7.1fus "
			    "%7.1fus\n", engs[e]->name, procs_of[p],
			    r[e][p].per_s, r[e][p].k[0].p50, r[e][p].k[1].p50,
			    r[e][p].k[2].p50, r[e][p].k[3].p50,
			    r[e][p].k[2].p99);
	for (int p = 0; p < NPROCS; p++)
		printf("%-6s %3d %8.2fx %8.2fx %8.2fx %8.2fx %8.2fx %8.2fx\n",
		    "sq/lm", procs_of[p], r[0][p].per_s / r[1][p].per_s,
		    r[1][p].k[0].p50 / r[0][p].k[0].p50,
		    r[1][p].k[1].p50 / r[0][p].k[1].p50,
		    r[1][p].k[2].p50 / r[0][p].k[2].p50,
		    r[1][p].k[3].p50 / r[0][p].k[3].p50,
		    r[1][p].k[2].p99 / r[0][p].k[2].p99);
	printf("(first column: lmdb pages/s over SQLite's; the others: "
	    "SQLite's latency over lmdb's, above 1 lmdb is faster)\n");
	printf("\nMixed: half the processes write, half read pages, %g s\n",
	    secs);
	printf("%-6s %3s %10s %10s %10s %10s %10s\n", "engine", "P",
	    "commits/s", "pages/s", "commit p50", "page p50", "page p99");
	for (int e = 0; e < 2; e++)
		for (int p = 0; p < NMIXED; p++)
			printf("%-6s %3d %10.0f %10.0f %8.2fms %8.1fus "
			    "%8.1fus\n", engs[e]->name, mixed_of[p],
			    mx[e][p].kper_s[0], mx[e][p].kper_s[1],
			    mx[e][p].k[0].p50 / 1e3, mx[e][p].k[1].p50,
			    mx[e][p].k[1].p99);
	for (int p = 0; p < NMIXED; p++)
		printf("%-6s %3d %9.2fx %9.2fx %9.2fx %9.2fx %9.2fx\n", "ratio",
		    mixed_of[p], mx[0][p].kper_s[0] / mx[1][p].kper_s[0],
		    mx[0][p].kper_s[1] / mx[1][p].kper_s[1],
		    mx[0][p].k[0].p50 / mx[1][p].k[0].p50,
		    mx[0][p].k[1].p50 / mx[1][p].k[1].p50,
		    mx[0][p].k[1].p99 / mx[1][p].k[1].p99);
	if (getenv("STORE_PEER_KEEP") == NULL)
		for (int e = 0; e < 2; e++)
			rmrf(dir[e]);
	return 0;
}
