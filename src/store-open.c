/* store-open.c: opening the environment (map size, damage at open, the
 * schema migrations), and the transactions with their retries. Must not
 * know record layouts beyond the name tables, nor apply any hub rule. */
#include "store-int.h"
#include "codec.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORE_MAXREADERS	1024
#define STORE_MAXDBS		64
#define STORE_INITIAL_MAP	(64UL << 20)
#define STORE_MIN_MAP		(32UL << 10)
#define STORE_MAX_MAP		(UINT64_C(1) << 40)
#define STORE_TRIES		12

/* The map size to open with: CERCLE_MAP_SIZE (bytes) lets tests start
 * tiny and watch hub_run grow it; LMDB keeps whichever is larger, this or
 * the size another process already grew the file's map to. */
static size_t
initial_map_size(void)
{
	const char *v = getenv("CERCLE_MAP_SIZE");
	uint64_t n;

	if (v == NULL || util_parse_u64(v, &n) != 0 || n < STORE_MIN_MAP ||
	    n > STORE_MAX_MAP)
		return STORE_INITIAL_MAP;
	return (size_t)n;
}

/* Adopt the map size the file records (another process may have grown
 * it), and keep room to grow: LMDB maps exactly the data when the size
 * asked is smaller, and then the first commit that extends the file
 * makes every other process see MDB_MAP_RESIZED. No transaction of this
 * process may be active. */
static int
map_fit(struct store *s)
{
	MDB_envinfo info;
	MDB_stat st;
	uint64_t used, want;
	int rc;

	if ((rc = mdb_env_set_mapsize(s->env, 0)) != 0)
		return rc;
	if ((rc = mdb_env_info(s->env, &info)) != 0 ||
	    (rc = mdb_env_stat(s->env, &st)) != 0)
		return rc;
	used = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize;
	want = info.me_mapsize;
	if (want < initial_map_size())
		want = initial_map_size();
	if (want < 2 * used)
		want = (2 * used + (1 << 20) - 1) & ~(uint64_t)((1 << 20) - 1);
	if (want > STORE_MAX_MAP)
		want = STORE_MAX_MAP;
	if (want == info.me_mapsize)
		return 0;
	rc = mdb_env_set_mapsize(s->env, (size_t)want);
	guard_fault_arm(s);
	return rc;
}

/* mdb_txn_begin, adopting a map another process grew and reclaiming the
 * reader slots of dead processes. A write begin takes cercle's write lock
 * first (store-guard.c), which may wait and say who holds it. */
static int
txn_begin(struct store *s, int write, MDB_txn **txn, struct err *e)
{
	int rc;

	if (write && guard_write_lock(s, e) != 0)
		return -1;
	for (int tries = 0;; tries++) {
		rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, txn);
		if (rc == MDB_MAP_RESIZED && tries < STORE_TRIES) {
			if (map_fit(s) == 0)
				continue;
		} else if (rc == MDB_READERS_FULL && tries < STORE_TRIES) {
			store_reader_check(s);
			continue;
		}
		break;
	}
	if (rc != 0 && write)
		guard_write_unlock(s);
	return rc;
}

/* End a transaction. A write commit is made durable here, after both
 * write locks are released: mdb_txn_commit() wrote and fdatasync'd the
 * data pages, then wrote the meta page without syncing it
 * (MDB_NOMETASYNC); mdb_env_sync() syncs it. Until it returns nobody is
 * told the change was made, so durability is that of a synced commit;
 * only the lock is held shorter (one sync instead of two), and writers
 * that commit together share the file system's journal flush. A crash
 * between the two loses at most this unacknowledged commit: LMDB keeps
 * the previous meta page, whose pages were synced. A failed sync sets
 * s->sync_rc (the change may be lost in a power cut). */
static void
txn_end(struct store *s, MDB_txn *txn, int write, int commit, int *rc)
{
	if (commit)
		*rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	if (write)
		guard_write_unlock(s);
	s->sync_rc = 0;
	if (commit && write && *rc == 0 &&
	    (s->sync_rc = mdb_env_sync(s->env, 1)) != 0)
		*rc = s->sync_rc;
}

/* ---- the named databases and the migrations ---- */

/* Every named database of the current schema. A newer cercle adds a
 * record type or an index by adding a name here (through model's record
 * table or store_ix_defs): opening an older database creates it, and an
 * index is filled from the records in the same transaction. */
struct dbdef {
	char name[40];
	unsigned flags;
	MDB_dbi *dbi;
	int ix;			/* the index it is, or -1 */
};

static size_t
db_table(struct store *s, struct dbdef *d, size_t max)
{
	size_t n = 0;

#define DB(nm, fl, p, x) do { if (n < max) { \
	snprintf(d[n].name, sizeof d[n].name, "%s", (nm)); \
	d[n].flags = (fl); d[n].dbi = (p); d[n].ix = (x); n++; } } while (0)
	DB("meta", 0, &s->meta, -1);
	DB("journal", 0, &s->journal, -1);
	DB("jlast", 0, &s->jlast, -1);
	DB("checkpoint", 0, &s->ckpt, -1);
	for (int rt = 1; rt < RT__COUNT; rt++)
		if (rt != RT_JOURNAL)
			DB(model_rtype_name(rt), 0, &s->rec[rt], -1);
	/* Every index (schema 3): created means filled from the records. */
	DB("ix", 0, &s->ixdb, IX__COUNT);
#undef DB
	return n;
}

#define DB_MAX (5 + RT__COUNT)

/* Schema steps: what each version added beyond new names. Keyed by the
 * version that introduced it; run in order on a database whose schema is
 * older, in the transaction that creates the missing names. */
static int
mig_checkpoints(struct store_txn *t, struct err *e)
{
	MDB_val k = { 10, "ckpt.since" }, v;
	uint8_t b[8];
	int rc;

	/* Checkpoints exist only from here on: verify expects none before
	 * the head this database had when it was upgraded. */
	store_be64(store_journal_last(t), b);
	v.mv_size = 8;
	v.mv_data = b;
	if ((rc = mdb_put(t->txn, t->s->meta, &k, &v, 0)) != 0)
		return store_txn_err(t, e, rc, "cannot upgrade the database");
	return store_checkpoint_count_init(t, e);
}

/* Schema 3 keeps every index in "ix" (filled when it was created, in
 * this transaction): drop the one database per index of schemas 1-2. */
static const char *const v2_ix_names[] = {
	"ix_member_login", "ix_key_fp", "ix_need_status", "ix_need_territory",
	"ix_need_category", "ix_need_support", "ix_need_terrs",
	"ix_support_need", "ix_support_key", "ix_tension_status",
	"ix_proposal_tension", "ix_position_proposal", "ix_action_decision",
	"ix_ballot_key", "ix_need_round", "ix_need_public",
};

static int
mig_one_ix(struct store_txn *t, struct err *e)
{
	MDB_dbi old;
	int rc;

	for (size_t i = 0; i < sizeof v2_ix_names / sizeof v2_ix_names[0];
	    i++) {
		rc = mdb_dbi_open(t->txn, v2_ix_names[i], 0, &old);
		if (rc == MDB_NOTFOUND)
			continue;
		if (rc == 0)
			rc = mdb_drop(t->txn, old, 1);
		if (rc != 0)
			return store_txn_err(t, e, rc, "cannot upgrade the "
			    "database");
	}
	return 0;
}

/* Schema 4 numbers the checkpoints (version 2 records, which an older
 * cercle would call damaged): meta counts those written before. */
static int
mig_ckpt_count(struct store_txn *t, struct err *e)
{
	return store_checkpoint_count_init(t, e);
}

static int fill_indexes(struct store_txn *t, const int *fresh,
    struct err *e);

/* Schema 5 adds IX_POSITION_KEY: fill it from the positions (a second
 * fill, after schema 3's of every index in this transaction, changes
 * nothing: an entry already there is kept, its count too). */
static int
mig_position_key(struct store_txn *t, struct err *e)
{
	int fresh[IX__COUNT] = { 0 };

	fresh[IX_POSITION_KEY] = 1;
	return fill_indexes(t, fresh, e);
}

static const struct migration {
	uint64_t version;
	const char *what;
	int (*run)(struct store_txn *, struct err *);
} migrations[] = {
	{ 2, "signed checkpoints of the journal", mig_checkpoints },
	{ 3, "every index in one database", mig_one_ix },
	{ 4, "numbered checkpoints", mig_ckpt_count },
	{ 5, "positions by proposal and member", mig_position_key },
};

static int
schema_get(MDB_txn *txn, MDB_dbi meta, uint64_t *sv)
{
	MDB_val k = { 6, "schema" }, v;
	int rc = mdb_get(txn, meta, &k, &v);

	if (rc != 0)
		return rc;
	if (v.mv_size != 8)
		return MDB_CORRUPTED;
	*sv = store_from_be64(v.mv_data);
	return 0;
}

/* Fill the indexes marked in fresh from every record. */
static int
fill_indexes(struct store_txn *t, const int *fresh, struct err *e)
{
	struct ixset *set = xcalloc(1, sizeof *set);
	MDB_cursor *c;
	MDB_val k, v;
	int rc = 0;

	for (int rt = 1; rt < RT__COUNT && rc == 0; rt++) {
		if (rt == RT_JOURNAL)
			continue;
		if ((rc = mdb_cursor_open(t->txn, t->s->rec[rt], &c)) != 0) {
			rc = store_txn_err(t, e, rc, "cannot build an index");
			break;
		}
		rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
		while (rc == 0) {
			void *rec = codec_new(rt);
			uint64_t id = k.mv_size == 8 ?
			    store_from_be64(k.mv_data) : 0;
			if (codec_decode(rt, v.mv_data, v.mv_size, rec, e)) {
				free(rec);
				rc = ERR_SYSTEM;
				break;
			}
			store_ix_of(rt, rec, id, set);
			for (size_t i = 0; i < set->n && rc == 0; i++)
				if (fresh[set->e[i].ix])
					rc = store_ix_apply(t, &set->e[i], id,
					    0, e);
			codec_free_rec(rt, rec);
			if (rc == 0)
				rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
		}
		mdb_cursor_close(c);
		if (rc == MDB_NOTFOUND)
			rc = 0;
		else if (rc > 0 && rc != ERR_SYSTEM && rc != ERR_REFUSED)
			rc = store_txn_err(t, e, rc, "cannot build an index");
	}
	free(set);
	return rc;
}

/* One write transaction: create every missing name, fill the new
 * indexes, run the schema steps above the database's version, record the
 * current version. Idempotent: two processes may race to do it. */
static int
migrate_once(struct store *s, int fresh_db, int *full, struct err *e)
{
	struct dbdef d[DB_MAX];
	size_t n = db_table(s, d, DB_MAX);
	int fresh[IX__COUNT] = { 0 }, any_ix = 0, rc;
	struct store_txn t;
	uint64_t sv = 0;
	uint8_t b[8];
	MDB_val k = { 6, "schema" }, v;

	memset(&t, 0, sizeof t);
	t.s = s;
	t.write = 1;
	t.actor = t.op = "";
	if ((rc = txn_begin(s, 1, &t.txn, e)) != 0)
		return rc < 0 ? e->code : store_lmdb_err(e, rc, "cannot "
		    "upgrade the database (it must be writable once)");
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = mdb_dbi_open(t.txn, d[i].name, d[i].flags, d[i].dbi);
		if (rc == MDB_NOTFOUND) {
			rc = mdb_dbi_open(t.txn, d[i].name,
			    d[i].flags | MDB_CREATE, d[i].dbi);
			if (d[i].ix == IX__COUNT && !fresh_db)
				for (int ix = 0; ix < IX__COUNT; ix++)
					fresh[ix] = any_ix = 1;
			else if (d[i].ix >= 0 && !fresh_db)
				fresh[d[i].ix] = any_ix = 1;
		}
	}
	if (rc != 0) {
		rc = store_lmdb_err(e, rc, "cannot upgrade the database");
		goto fail;
	}
	rc = schema_get(t.txn, s->meta, &sv);
	if (rc == MDB_NOTFOUND && fresh_db)
		sv = STORE_SCHEMA;	/* a new database starts current */
	else if (rc != 0) {
		rc = err_set(e, ERR_SYSTEM, "%s: no schema version: not a "
		    "cercle database, or damaged", s->path);
		goto fail;
	}
	if (sv > STORE_SCHEMA) {
		rc = err_set(e, ERR_SYSTEM, "%s has schema %llu, newer than "
		    "this cercle (%d): upgrade cercle", s->path,
		    (unsigned long long)sv, STORE_SCHEMA);
		goto fail;
	}
	if (any_ix && (rc = fill_indexes(&t, fresh, e)) != 0)
		goto fail;
	for (size_t i = 0; i < sizeof migrations / sizeof migrations[0];
	    i++)
		if ((migrations[i].version > sv || fresh_db) &&
		    (rc = migrations[i].run(&t, e)) != 0)
			goto fail;
	store_be64(STORE_SCHEMA, b);
	v.mv_size = 8;
	v.mv_data = b;
	if ((rc = mdb_put(t.txn, s->meta, &k, &v, 0)) != 0) {
		rc = store_txn_err(&t, e, rc, "cannot upgrade the database");
		goto fail;
	}
	txn_end(s, t.txn, 1, 1, &rc);
	if (rc != 0) {
		*full = rc == MDB_MAP_FULL;
		return store_lmdb_err(e, rc, "cannot upgrade the database");
	}
	return 0;
fail:
	*full = t.map_full;
	txn_end(s, t.txn, 1, 0, NULL);
	return rc;
}

static int
migrate(struct store *s, int fresh_db, struct err *e)
{
	int rc = 0;

	for (int tries = 0; tries < STORE_TRIES; tries++) {
		int full = 0;
		err_clear(e);
		if ((rc = migrate_once(s, fresh_db, &full, e)) == 0 || !full)
			return rc;
		if ((rc = store_grow(s, e)) != 0)
			return rc;
	}
	return rc;
}

/* Why "meta" cannot be found: an empty environment, another program's
 * LMDB database, or damage (the page walker says which page). */
static int
diagnose(struct store *s, MDB_txn *txn, int rc, struct err *e)
{
	struct buf rep = { 0 };
	uint64_t problems = 0;
	MDB_dbi main;
	MDB_stat st;

	if (check_pages(s, txn, &rep, &problems, e) != 0 || problems > 0) {
		buf_free(&rep);
		return e->code ? e->code : ERR_SYSTEM;
	}
	buf_free(&rep);
	if (rc == MDB_NOTFOUND && mdb_dbi_open(txn, NULL, 0, &main) == 0 &&
	    mdb_stat(txn, main, &st) == 0 && st.ms_entries == 0)
		return err_set(e, ERR_SYSTEM, "%s holds an empty LMDB "
		    "environment, not a cercle database", s->path);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_SYSTEM, "%s is not a cercle database "
		    "(an LMDB database without cercle's meta data)", s->path);
	return store_lmdb_err(e, rc, "cannot open the database");
}

/* Open every name read-only; note what is missing. */
static int
open_dbs(struct store *s, int create, struct err *e)
{
	struct dbdef d[DB_MAX];
	size_t n = db_table(s, d, DB_MAX);
	int missing = 0, fresh_db = 0, rc;
	uint64_t sv = 0;
	MDB_txn *txn;

	if ((rc = txn_begin(s, 0, &txn, e)) != 0)
		return store_lmdb_err(e, rc, "cannot start a transaction");
	rc = mdb_dbi_open(txn, "meta", 0, &s->meta);
	if (rc == MDB_NOTFOUND && create) {
		MDB_dbi main;
		MDB_stat st;
		/* A new file: nothing in it yet. */
		if (mdb_dbi_open(txn, NULL, 0, &main) == 0 &&
		    mdb_stat(txn, main, &st) == 0 && st.ms_entries == 0)
			fresh_db = missing = 1;
	}
	if (rc != 0 && !fresh_db) {
		rc = diagnose(s, txn, rc, e);
		mdb_txn_abort(txn);
		return rc;
	}
	for (size_t i = 1; i < n && !fresh_db; i++) {
		rc = mdb_dbi_open(txn, d[i].name, d[i].flags, d[i].dbi);
		if (rc == MDB_NOTFOUND)
			missing = 1;
		else if (rc != 0) {
			rc = diagnose(s, txn, rc, e);
			mdb_txn_abort(txn);
			return rc;
		}
	}
	if (!fresh_db) {
		rc = schema_get(txn, s->meta, &sv);
		if (rc != 0) {
			mdb_txn_abort(txn);
			return err_set(e, ERR_SYSTEM, "%s: no schema version: "
			    "not a cercle database, or damaged", s->path);
		}
		if (sv > STORE_SCHEMA) {
			mdb_txn_abort(txn);
			return err_set(e, ERR_SYSTEM, "%s has schema %llu, "
			    "newer than this cercle (%d): upgrade cercle",
			    s->path, (unsigned long long)sv, STORE_SCHEMA);
		}
	}
	/* Commit even a read-only txn: an aborted one closes the handles. */
	if ((rc = mdb_txn_commit(txn)) != 0)
		return store_lmdb_err(e, rc, "cannot open the databases");
	if (missing || sv < STORE_SCHEMA)
		return migrate(s, fresh_db, e);
	return 0;
}

static int
data_file_size(const char *dir, off_t *size, struct err *e)
{
	char path[4096];
	struct stat st;

	if ((size_t)snprintf(path, sizeof path, "%s/data.mdb", dir) >=
	    sizeof path)
		return err_set(e, ERR_SYSTEM, "%.60s...: path too long", dir);
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return err_set(e, ERR_SYSTEM, "%s is not a cercle "
			    "database (run 'cercle init' first)", dir);
		return err_set(e, ERR_SYSTEM, "%s: %s", path,
		    strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return err_set(e, ERR_SYSTEM, "%s is not a cercle database "
		    "(data.mdb is not a file)", dir);
	/* LMDB would take an empty or short file for a new database and
	 * write fresh meta pages over it: refuse before it can. */
	if (st.st_size < 2 * (off_t)sysconf(_SC_PAGESIZE))
		return err_set(e, ERR_SYSTEM, "%s: the database is damaged: "
		    "data.mdb is truncated (%lld bytes)", dir,
		    (long long)st.st_size);
	*size = st.st_size;
	return 0;
}

int
store_open(const char *dir, int create, struct store **out, struct err *e)
{
	struct store *s;
	struct stat st;
	char path[4096];
	off_t dsize = 0;
	int rc;

	if (stat(dir, &st) != 0) {
		if (!create || errno != ENOENT)
			return err_set(e, ERR_SYSTEM, "%s: %s%s", dir,
			    strerror(errno), errno == ENOENT ?
			    _(" (run 'cercle init' first)") : "");
		if (mkdir(dir, 0770) != 0)
			return err_set(e, ERR_SYSTEM, "cannot create %s: %s",
			    dir, strerror(errno));
	} else if (!S_ISDIR(st.st_mode))
		return err_set(e, ERR_SYSTEM, "%s is not a directory", dir);
	/* A directory that holds a database is opened as it is, damaged or
	 * not: creating is only ever for a directory without data.mdb, so
	 * 'init' cannot put an empty hub in place of a damaged one. */
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	if (create && lstat(path, &st) == 0)
		create = 0;
	/* Without create, never let LMDB make files in a directory that
	 * holds no database: report it and change nothing. */
	if (!create && data_file_size(dir, &dsize, e) != 0)
		return e ? e->code : ERR_SYSTEM;

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(dir);
	s->dfd = s->hfd = -1;
	if ((rc = mdb_env_create(&s->env)) != 0) {
		store_lmdb_err(e, rc, "cannot create the LMDB environment");
		goto fail;
	}
	mdb_env_set_maxreaders(s->env, STORE_MAXREADERS);
	mdb_env_set_maxdbs(s->env, STORE_MAXDBS);
	mdb_env_set_mapsize(s->env, initial_map_size());
	/* MDB_NOTLS: a read txn may be reset and renewed freely. Durability:
	 * every commit is synced (no MDB_NOSYNC, ever); MDB_NOMETASYNC only
	 * moves the meta page's sync after the locks (txn_end). */
	rc = mdb_env_open(s->env, dir, MDB_NOTLS | MDB_NOMETASYNC, 0660);
	if (rc != 0) {
		char what[300];
		snprintf(what, sizeof what, "cannot open %s", dir);
		store_lmdb_err(e, rc, what);
		goto fail;
	}
	if (mdb_env_get_fd(s->env, &s->dfd) != 0 ||
	    guard_identity_init(s, e) != 0)
		goto fail;
	if ((rc = map_fit(s)) != 0) {
		store_lmdb_err(e, rc, "cannot map the database");
		goto fail;
	}
	if (guard_check(s, e) != 0)
		goto fail;
	store_reader_check(s);
	if (open_dbs(s, create, e) != 0)
		goto fail;
	backup_file_check(s, create);
	*out = s;
	return 0;
fail:
	guard_fault_disarm(s);
	anchor_free(s);
	if (s->env)
		mdb_env_close(s->env);
	if (s->hfd >= 0)
		close(s->hfd);
	free(s->stale);
	free(s->path);
	free(s);
	return e ? e->code : ERR_SYSTEM;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	guard_fault_disarm(s);
	anchor_free(s);
	store_queue_close(s);
	mdb_env_close(s->env);
	if (s->hfd >= 0)
		close(s->hfd);
	free(s->stale);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

int
store_reader_check(struct store *s)
{
	int dead = 0;

	mdb_reader_check(s->env, &dead);
	return dead;
}

uint64_t
store_last_txnid(struct store *s)
{
	MDB_envinfo info;

	if (mdb_env_info(s->env, &info) != 0)
		return 0;
	return (uint64_t)info.me_last_txnid;
}

/* ---- transactions ---- */

int
store_begin(struct store *s, int write, struct store_txn **out,
    struct err *e)
{
	MDB_txn *txn;
	int rc;

	guard_fault_arm(s);
	/* A data.mdb older than its last backup (store-backup.c): read it,
	 * never write on that history unless told. */
	if (write && s->stale != NULL) {
		guard_write_unlock(s);	/* taken ahead (group commit) */
		return err_set(e, ERR_REFUSED, "%s", s->stale);
	}
	if ((rc = txn_begin(s, write, &txn, e)) != 0)
		return rc < 0 ? e->code : store_lmdb_err(e, rc,
		    "cannot start a transaction");
	/* Damage that happened under this process (a truncated file, a
	 * replaced lock file) ends here with one line, not in a signal. */
	if (guard_check(s, e) != 0) {
		txn_end(s, txn, write, 0, NULL);
		return ERR_SYSTEM;
	}
	struct store_txn *t = xcalloc(1, sizeof *t);
	t->s = s;
	t->txn = txn;
	t->write = write;
	t->actor = "";
	t->op = "";
	*out = t;
	return 0;
}

int
store_commit(struct store_txn *t, int *full, struct err *e)
{
	struct store *s = t->s;
	int rc = 0, w = t->write;

	if (full)
		*full = 0;
	/* Moderation: entries redacted with no entry recording it would fail
	 * verify; an operation that does so is a bug, refused here. */
	if (w && t->redact != NULL && t->redact->seqs.n > 0) {
		store_abort(t);
		return err_set(e, ERR_SYSTEM, "a redaction with no journal "
		    "entry recording it");
	}
	store_journal_redact_drop(t);
	/* A signed checkpoint when enough entries have passed. */
	if (w && t->jloaded && anchor_after_append(t, e) != 0) {
		if (full)
			*full = t->map_full;
		if (t->getc != NULL)
			mdb_cursor_close(t->getc);
		txn_end(s, t->txn, w, 0, NULL);
		free(t);
		return e->code ? e->code : ERR_SYSTEM;
	}
	if (t->getc != NULL)
		mdb_cursor_close(t->getc);
	txn_end(s, t->txn, w, 1, &rc);
	free(t);
	if (full)
		*full = (rc == MDB_MAP_FULL);
	if (rc != 0 && s->sync_rc != 0)
		return store_lmdb_err(e, rc, "the change was written but could "
		    "not be synced to the disk (a power cut may lose it)");
	if (rc != 0)
		return store_lmdb_err(e, rc, "cannot commit");
	return 0;
}

int
store_txn_map_full(const struct store_txn *t)
{
	return t != NULL && t->map_full;
}

void
store_abort(struct store_txn *t)
{
	if (t == NULL)
		return;
	store_journal_redact_drop(t);	/* moderation: unused redaction */
	if (t->getc != NULL)
		mdb_cursor_close(t->getc);
	txn_end(t->s, t->txn, t->write, 0, NULL);
	free(t);
}

void
store_txn_reset(struct store_txn *t)
{
	if (t->getc != NULL)
		mdb_cursor_close(t->getc);
	t->getc = NULL;
	mdb_txn_reset(t->txn);
}

int
store_txn_renew(struct store_txn *t, struct err *e)
{
	int rc;

	/* A renewed transaction sees a newer snapshot: forget the journal
	 * tail read in the old one. */
	t->jloaded = 0;
	guard_fault_arm(t->s);
	for (int tries = 0;; tries++) {
		rc = mdb_txn_renew(t->txn);
		if (rc != MDB_MAP_RESIZED || tries >= STORE_TRIES)
			break;
		mdb_txn_reset(t->txn);
		if (map_fit(t->s) != 0)
			break;
	}
	if (rc != 0)
		return store_lmdb_err(e, rc, "cannot renew a read "
		    "transaction");
	if (guard_check(t->s, e) != 0) {
		mdb_txn_reset(t->txn);
		return ERR_SYSTEM;
	}
	return 0;
}

int
store_grow(struct store *s, struct err *e)
{
	MDB_envinfo info;
	int rc;

	if ((rc = mdb_env_info(s->env, &info)) != 0)
		return store_lmdb_err(e, rc, "cannot read the map size");
	rc = mdb_env_set_mapsize(s->env, info.me_mapsize * 2);
	guard_fault_arm(s);
	if (rc != 0)
		return store_lmdb_err(e, rc, "cannot grow the map");
	return 0;
}

uint64_t
store_map_size(struct store *s)
{
	MDB_envinfo info;

	if (mdb_env_info(s->env, &info) != 0)
		return 0;
	return (uint64_t)info.me_mapsize;
}

/* ---- nested transactions (group commit, hub-batch.c) ----
 *
 * A child runs one queued operation inside the leader's transaction, so
 * a refused one is undone alone. LMDB forbids any use of the parent (and
 * its cursors) while a child is live: the parent's cursor is closed
 * first. The per-transaction state the store keeps beside LMDB's (the
 * journal's tail, the ids handed out, a map-full mark) starts as the
 * parent's, and goes back to the parent only when the child commits: an
 * aborted child's journal entries and ids are gone with its pages. */
int
store_child_begin(struct store_txn *parent, struct store_txn **out,
    struct err *e)
{
	struct store_txn *t;
	MDB_txn *txn;
	int rc;

	if (!parent->write)
		return err_set(e, ERR_SYSTEM, "a nested transaction in a read "
		    "transaction");
	if (parent->getc != NULL) {
		mdb_cursor_close(parent->getc);
		parent->getc = NULL;
	}
	if ((rc = mdb_txn_begin(parent->s->env, parent->txn, 0, &txn)) != 0)
		return store_txn_err(parent, e, rc, "cannot start a "
		    "transaction");
	t = xcalloc(1, sizeof *t);
	t->s = parent->s;
	t->txn = txn;
	t->write = 1;
	t->actor = "";
	t->op = "";
	t->jloaded = parent->jloaded;
	t->jseq = parent->jseq;
	memcpy(t->jhash, parent->jhash, 32);
	memcpy(t->next, parent->next, sizeof t->next);
	t->parent = parent;
	*out = t;
	return 0;
}

int
store_child_commit(struct store_txn *t, struct err *e)
{
	struct store_txn *p = t->parent;
	int rc;

	if (t->redact != NULL && t->redact->seqs.n > 0) {
		store_child_abort(t);
		return err_set(e, ERR_SYSTEM, "a redaction with no journal "
		    "entry recording it");
	}
	store_journal_redact_drop(t);
	if (t->getc != NULL)
		mdb_cursor_close(t->getc);
	if ((rc = mdb_txn_commit(t->txn)) != 0) {
		if (rc == MDB_MAP_FULL)
			p->map_full = 1;
		free(t);
		return store_lmdb_err(e, rc, "cannot commit");
	}
	p->jloaded = t->jloaded;
	p->jseq = t->jseq;
	memcpy(p->jhash, t->jhash, 32);
	memcpy(p->next, t->next, sizeof p->next);
	if (t->map_full)
		p->map_full = 1;
	free(t);
	return 0;
}

void
store_child_abort(struct store_txn *t)
{
	if (t == NULL)
		return;
	/* The batch must be redone in a larger map, not only this one. */
	if (t->map_full)
		t->parent->map_full = 1;
	store_journal_redact_drop(t);
	if (t->getc != NULL)
		mdb_cursor_close(t->getc);
	mdb_txn_abort(t->txn);
	free(t);
}

int
store_try_write_lock(struct store *s)
{
	return guard_write_trylock(s);
}

void
store_write_unlock(struct store *s)
{
	guard_write_unlock(s);
}

int
store_sync(struct store *s, struct err *e)
{
	int rc = mdb_env_sync(s->env, 1);

	if (rc != 0)
		return store_lmdb_err(e, rc, "the change was written but could "
		    "not be synced to the disk (a power cut may lose it)");
	return 0;
}

void
store_txn_set_op(struct store_txn *t, const char *actor, const char *op,
    const char *summary)
{
	/* NULL keeps what was set: an operation may refine its summary. */
	if (actor != NULL)
		t->actor = actor;
	if (op != NULL)
		t->op = op;
	t->summary = summary;
	if (t->write && (actor != NULL || op != NULL))
		guard_holder_set(t->s, t->actor, t->op);
}
