/* store.c: LMDB environment, records, indexes kept in step, the SHA-256
 * journal chain, and verify. Knows record layouts only through codec and
 * the index table below; must not apply governance rules (that is hub). */
#include "store.h"
#include "codec.h"

#include <lmdb.h>
#include <openssl/sha.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORE_MAXREADERS	1024
#define STORE_MAXDBS		48
#define STORE_INITIAL_MAP	(64UL << 20)
#define STORE_MIN_MAP		(32UL << 10)
#define IX_MAXKEY		256
#define IX_MAXSET		40

struct store {
	MDB_env *env;
	MDB_dbi meta;
	MDB_dbi journal;
	MDB_dbi jlast;
	MDB_dbi rec[RT__COUNT];
	MDB_dbi ixdb;		/* every index, composite keys (schema 2) */
	char *path;
};

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	int write;
	const char *actor;
	const char *op;
	const char *summary;
	int jloaded;
	int map_full;		/* a write hit MDB_MAP_FULL */
	uint64_t next[RT__COUNT];	/* id counters read in this txn */
	/* store_get_raw's cursor: a page of a list reads records whose ids
	 * are close, and LMDB finds a key on the cursor's current leaf
	 * without descending from the root again. */
	MDB_cursor *getc;
	int getc_rt;
	uint64_t jseq;
	uint8_t jhash[32];
};

enum ix_kind { IXK_UNIQUE, IXK_DUP, IXK_SORT };

static const struct {
	const char *name;
	int kind;
} ix_defs[IX__COUNT] = {
	[IX_MEMBER_LOGIN] = { "ix_member_login", IXK_UNIQUE },
	[IX_KEY_FP] = { "ix_key_fp", IXK_UNIQUE },
	[IX_NEED_STATUS] = { "ix_need_status", IXK_DUP },
	[IX_NEED_TERRITORY] = { "ix_need_territory", IXK_DUP },
	[IX_NEED_CATEGORY] = { "ix_need_category", IXK_DUP },
	[IX_NEED_SUPPORT] = { "ix_need_support", IXK_SORT },
	[IX_NEED_TERRS] = { "ix_need_terrs", IXK_SORT },
	[IX_SUPPORT_NEED] = { "ix_support_need", IXK_DUP },
	[IX_SUPPORT_KEY] = { "ix_support_key", IXK_UNIQUE },
	[IX_TENSION_STATUS] = { "ix_tension_status", IXK_DUP },
	[IX_PROPOSAL_TENSION] = { "ix_proposal_tension", IXK_DUP },
	[IX_POSITION_PROPOSAL] = { "ix_position_proposal", IXK_DUP },
	[IX_ACTION_DECISION] = { "ix_action_decision", IXK_DUP },
	[IX_BALLOT_KEY] = { "ix_ballot_key", IXK_UNIQUE },
	[IX_NEED_ROUND] = { "ix_need_round", IXK_DUP },
	[IX_NEED_PUBLIC] = { "ix_need_public", IXK_DUP },
};

void
store_be64(uint64_t v, uint8_t out[8])
{
	for (int i = 7; i >= 0; i--) {
		out[i] = (uint8_t)(v & 0xff);
		v >>= 8;
	}
}

uint64_t
store_from_be64(const uint8_t in[8])
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | in[i];
	return v;
}

/* The map size to open with: CERCLE_MAP_SIZE (bytes) lets tests start
 * tiny and watch hub_run grow it; LMDB keeps whichever is larger, this or
 * the size another process already grew the file's map to. */
static size_t
initial_map_size(void)
{
	const char *v = getenv("CERCLE_MAP_SIZE");
	uint64_t n;

	if (v == NULL || util_parse_u64(v, &n) != 0 || n < STORE_MIN_MAP ||
	    n > (UINT64_C(1) << 40))
		return STORE_INITIAL_MAP;
	return (size_t)n;
}

/* The database of a record type; 0 (LMDB's unnamed one) is never a valid
 * answer, so callers refuse it. */
static MDB_dbi
rec_dbi(const struct store *s, int rtype)
{
	if (rtype == RT_JOURNAL)
		return s->journal;
	if (rtype <= 0 || rtype >= RT__COUNT)
		return 0;
	return s->rec[rtype];
}

static int
lmdb_err(struct err *e, int rc, const char *what)
{
	if (rc == MDB_MAP_FULL)
		return err_set(e, ERR_SYSTEM, "%s: the database map is full",
		    what);
	if (rc == ENOSPC || rc == EDQUOT || rc == EFBIG)
		return err_set(e, ERR_SYSTEM, "%s: no space left on the disk "
		    "(%s); nothing was changed", what, strerror(rc));
	/* LMDB reports a short write (a full disk or a file-size limit
	 * reached mid-commit) as EIO. The commit did not happen. */
	if (rc == EIO)
		return err_set(e, ERR_SYSTEM, "%s: input/output error writing "
		    "the database (is the disk full?); nothing was changed",
		    what);
	if (rc == EACCES)
		return err_set(e, ERR_SYSTEM, "%s: permission denied", what);
	if (rc == MDB_INVALID || rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND)
		return err_set(e, ERR_SYSTEM, "%s: the database is damaged or "
		    "not a cercle database (%s)", what, mdb_strerror(rc));
	if (rc == MDB_VERSION_MISMATCH)
		return err_set(e, ERR_SYSTEM, "%s: made by another LMDB "
		    "version (%s)", what, mdb_strerror(rc));
	return err_set(e, ERR_SYSTEM, "%s: %s", what, mdb_strerror(rc));
}

/* A write that failed for want of map space marks its transaction, so
 * hub_run knows to grow the map and redo the operation (whatever message
 * the operation finally returns). */
static int
txn_err(struct store_txn *t, struct err *e, int rc, const char *what)
{
	if (rc == MDB_MAP_FULL)
		t->map_full = 1;
	return lmdb_err(e, rc, what);
}

/* ---- index keys of each record ---- */

struct ixent {
	int ix;
	size_t klen;
	uint8_t key[IX_MAXKEY];
};

struct ixset {
	struct ixent e[IX_MAXSET];
	size_t n;
	int overflow;
};

static void
ix_add(struct ixset *s, int ix, const void *k, size_t klen)
{
	if (s->n == IX_MAXSET || klen > IX_MAXKEY || klen == 0) {
		s->overflow = 1;
		return;
	}
	s->e[s->n].ix = ix;
	s->e[s->n].klen = klen;
	memcpy(s->e[s->n].key, k, klen);
	s->n++;
}

static void
ix_add_u64(struct ixset *s, int ix, uint64_t v)
{
	uint8_t k[8];

	store_be64(v, k);
	ix_add(s, ix, k, 8);
}

static void
ix_add_pair(struct ixset *s, int ix, uint64_t a, uint64_t b)
{
	uint8_t k[16];

	store_be64(a, k);
	store_be64(b, k + 8);
	ix_add(s, ix, k, 16);
}

static void
ix_add_str(struct ixset *s, int ix, const char *str)
{
	if (str != NULL && *str != '\0')
		ix_add(s, ix, str, strlen(str));
}

static void
ix_of(int rtype, const void *rec, uint64_t id, struct ixset *s)
{
	s->n = 0;
	s->overflow = 0;
	switch (rtype) {
	case RT_MEMBER: {
		const struct member *m = rec;
		ix_add_str(s, IX_MEMBER_LOGIN, m->login);
		for (size_t i = 0; i < m->key_fps.n; i++)
			ix_add_str(s, IX_KEY_FP, m->key_fps.v[i]);
		break;
	}
	case RT_NEED: {
		const struct need *n = rec;
		uint8_t st = (uint8_t)n->status;
		ix_add(s, IX_NEED_STATUS, &st, 1);
		ix_add_str(s, IX_NEED_TERRITORY, n->territory);
		ix_add_str(s, IX_NEED_CATEGORY, n->category);
		ix_add_str(s, IX_NEED_ROUND, n->round);
		ix_add_str(s, IX_NEED_PUBLIC, n->public_);
		ix_add_pair(s, IX_NEED_SUPPORT, n->supports, id);
		ix_add_pair(s, IX_NEED_TERRS, n->territories.n, id);
		break;
	}
	case RT_SUPPORT: {
		const struct support *p = rec;
		ix_add_u64(s, IX_SUPPORT_NEED, p->need);
		ix_add_pair(s, IX_SUPPORT_KEY, p->need, p->member);
		break;
	}
	case RT_TENSION: {
		const struct tension *t = rec;
		uint8_t st = (uint8_t)t->status;
		ix_add(s, IX_TENSION_STATUS, &st, 1);
		break;
	}
	case RT_PROPOSAL:
		ix_add_u64(s, IX_PROPOSAL_TENSION,
		    ((const struct proposal *)rec)->tension);
		break;
	case RT_POSITION:
		ix_add_u64(s, IX_POSITION_PROPOSAL,
		    ((const struct position *)rec)->proposal);
		break;
	case RT_ACTION:
		ix_add_u64(s, IX_ACTION_DECISION,
		    ((const struct action *)rec)->decision);
		break;
	case RT_BALLOT: {
		const struct ballot *b = rec;
		ix_add_pair(s, IX_BALLOT_KEY, b->round, b->member);
		break;
	}
	}
}

static int
ix_has(const struct ixset *s, const struct ixent *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].ix == x->ix && s->e[i].klen == x->klen &&
		    memcmp(s->e[i].key, x->key, x->klen) == 0)
			return 1;
	return 0;
}

/* ---- open and close ---- */

static int ix_apply(struct store_txn *, const struct ixent *, uint64_t, int,
    struct err *);
static int commit_sync(MDB_env *, MDB_txn *, int *, struct err *);

/* The databases of schema 1 that schema 2 folded into "ix". */
static const char *const v1_ix_names[] = {
	"ix_member_login", "ix_key_fp", "ix_need_status", "ix_need_territory",
	"ix_need_category", "ix_need_support", "ix_need_terrs",
	"ix_support_need", "ix_support_key", "ix_tension_status",
	"ix_proposal_tension", "ix_position_proposal", "ix_action_decision",
	"ix_ballot_key", "ix_need_round", "ix_need_public",
};

/* Schema 1 -> 2, in one write transaction: fill "ix" from the records,
 * drop the sixteen index databases of schema 1, and record schema 2. A
 * crash leaves schema 1 whole; two processes opening at once are
 * serialised by the writer lock, and the second finds schema 2. */
static int
migrate_v1_ix(struct store *s, int *full, struct err *e)
{
	struct store_txn t;
	MDB_cursor *c;
	MDB_val k = { 6, "schema" }, v;
	struct ixset *set = NULL;
	uint8_t sv[8];
	int rc;

	memset(&t, 0, sizeof t);
	t.s = s;
	t.write = 1;
	if ((rc = mdb_txn_begin(s->env, NULL, 0, &t.txn)) != 0)
		return lmdb_err(e, rc, "cannot bring the database to the new "
		    "layout (it must be writable once)");
	rc = mdb_get(t.txn, s->meta, &k, &v);
	if (rc == 0 && v.mv_size == 8 && store_from_be64(v.mv_data) >= 2) {
		mdb_txn_abort(t.txn);	/* another process did it */
		return 0;
	}
	if ((rc = mdb_dbi_open(t.txn, "ix", MDB_CREATE, &s->ixdb)) != 0)
		goto fail;
	set = xcalloc(1, sizeof *set);
	for (int rt = 1; rt < RT__COUNT && rc == 0; rt++) {
		if (rt == RT_JOURNAL)
			continue;
		if ((rc = mdb_cursor_open(t.txn, s->rec[rt], &c)) != 0)
			break;
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
			ix_of(rt, rec, id, set);
			for (size_t i = 0; i < set->n && rc == 0; i++)
				rc = ix_apply(&t, &set->e[i], id, 0, e);
			codec_free_rec(rt, rec);
			if (rc == 0)
				rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
		}
		mdb_cursor_close(c);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	}
	free(set);
	for (size_t i = 0; rc == 0 && i < sizeof v1_ix_names /
	    sizeof v1_ix_names[0]; i++) {
		MDB_dbi old;
		rc = mdb_dbi_open(t.txn, v1_ix_names[i], 0, &old);
		if (rc == MDB_NOTFOUND || rc == MDB_INCOMPATIBLE) {
			rc = 0;
			continue;
		}
		if (rc == 0)
			rc = mdb_drop(t.txn, old, 1);
	}
	if (rc == 0) {
		k.mv_size = 6;
		k.mv_data = "schema";
		store_be64(2, sv);
		v.mv_size = 8;
		v.mv_data = sv;
		rc = mdb_put(t.txn, s->meta, &k, &v, 0);
	}
	if (rc != 0) {
		*full = t.map_full || rc == MDB_MAP_FULL;
		mdb_txn_abort(t.txn);
		return e->code ? e->code : lmdb_err(e, rc, "cannot bring the "
		    "database to the new layout");
	}
	if ((rc = commit_sync(s->env, t.txn, full, e)) != 0)
		return rc;
	return 0;
fail:
	mdb_txn_abort(t.txn);
	return lmdb_err(e, rc, "cannot bring the database to the new layout");
}

static int
open_dbs(struct store *s, int create, struct err *e)
{
	MDB_txn *txn;
	unsigned base = create ? MDB_CREATE : 0;
	uint64_t schema = 0;
	char name[32];
	int rc;

	rc = mdb_txn_begin(s->env, NULL, create ? 0 : MDB_RDONLY, &txn);
	if (rc != 0)
		return lmdb_err(e, rc, "cannot start a transaction");
	if ((rc = mdb_dbi_open(txn, "meta", base, &s->meta)) != 0)
		goto fail;
	if ((rc = mdb_dbi_open(txn, "journal", base,
	    &s->journal)) != 0)
		goto fail;
	if ((rc = mdb_dbi_open(txn, "jlast", base, &s->jlast)) != 0)
		goto fail;
	for (int rt = 1; rt < RT__COUNT; rt++) {
		if (rt == RT_JOURNAL)
			continue;
		snprintf(name, sizeof name, "%s", model_rtype_name(rt));
		if ((rc = mdb_dbi_open(txn, name, base, &s->rec[rt])) != 0)
			goto fail;
	}
	{
		MDB_val k = { 6, "schema" }, v;
		uint8_t sv[8];
		rc = mdb_get(txn, s->meta, &k, &v);
		if (rc == MDB_NOTFOUND && create) {
			/* A new database: the current layout at once. */
			store_be64(STORE_SCHEMA, sv);
			v.mv_size = 8;
			v.mv_data = sv;
			if ((rc = mdb_put(txn, s->meta, &k, &v, 0)) != 0)
				goto fail;
			schema = STORE_SCHEMA;
		} else if (rc == 0 && v.mv_size == 8)
			schema = store_from_be64(v.mv_data);
		else if (rc != 0 && rc != MDB_NOTFOUND)
			goto fail;
	}
	/* Schema 1 has no "ix" yet: the migration below makes it. */
	if (schema >= 2 && schema <= STORE_SCHEMA &&
	    (rc = mdb_dbi_open(txn, "ix", base,
	    &s->ixdb)) != 0)
		goto fail;
	/* Commit even a read-only txn: an aborted one closes the handles. */
	if ((rc = mdb_txn_commit(txn)) != 0)
		return lmdb_err(e, rc, "cannot open the databases");
	if (create && (rc = mdb_env_sync(s->env, 1)) != 0)
		return lmdb_err(e, rc, "cannot sync the new database");
	/* Schema 1 (one database per index) -> 2 (one "ix"). Building may
	 * need more map than the file had: grow and redo. */
	for (int tries = 0; schema == 1 && tries < 12; tries++) {
		int full = 0;
		err_clear(e);
		if ((rc = migrate_v1_ix(s, &full, e)) == 0 || !full)
			return rc;
		if ((rc = store_grow(s, e)) != 0)
			return rc;
	}
	return schema == 1 ? e->code : 0;
fail:
	mdb_txn_abort(txn);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_SYSTEM, "%s is not a cercle database "
		    "(run 'cercle init' first)", s->path);
	return lmdb_err(e, rc, "cannot open the database");
}

static int
check_schema(struct store *s, struct err *e)
{
	MDB_txn *txn;
	MDB_val k = { 6, "schema" }, v;
	int rc;

	if ((rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn)) != 0)
		return lmdb_err(e, rc, "cannot read the database");
	rc = mdb_get(txn, s->meta, &k, &v);
	if (rc != 0 || v.mv_size != 8) {
		mdb_txn_abort(txn);
		return err_set(e, ERR_SYSTEM, "%s: no schema version: not a "
		    "cercle database, or damaged", s->path);
	}
	uint64_t sv = store_from_be64(v.mv_data);
	mdb_txn_abort(txn);
	if (sv > STORE_SCHEMA)
		return err_set(e, ERR_SYSTEM, "%s has schema %llu, newer than "
		    "this cercle (%d): upgrade cercle", s->path,
		    (unsigned long long)sv, STORE_SCHEMA);
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

/* LMDB maps the file and trusts it: a page past the end of a truncated
 * file would be a SIGBUS, not an error. Check the file holds every page
 * the newest meta page says was written. */
static int
check_file_size(struct store *s, struct err *e)
{
	MDB_envinfo info;
	MDB_stat st;
	off_t size;

	if (data_file_size(s->path, &size, e) != 0)
		return ERR_SYSTEM;
	if (mdb_env_info(s->env, &info) != 0 || mdb_env_stat(s->env, &st) != 0)
		return err_set(e, ERR_SYSTEM, "%s: the database is damaged",
		    s->path);
	if ((uint64_t)size < ((uint64_t)info.me_last_pgno + 1) * st.ms_psize)
		return err_set(e, ERR_SYSTEM, "%s: the database is damaged: "
		    "data.mdb is truncated (%lld bytes, %llu expected)",
		    s->path, (long long)size, (unsigned long long)
		    (((uint64_t)info.me_last_pgno + 1) * st.ms_psize));
	return 0;
}

int
store_open(const char *dir, int create, struct store **out, struct err *e)
{
	struct store *s;
	struct stat st;
	off_t dsize = 0;
	int rc, dead;

	if (stat(dir, &st) != 0) {
		if (!create || errno != ENOENT)
			return err_set(e, ERR_SYSTEM, "%s: %s%s", dir,
			    strerror(errno), errno == ENOENT ?
			    " (run 'cercle init' first)" : "");
		if (mkdir(dir, 0770) != 0)
			return err_set(e, ERR_SYSTEM, "cannot create %s: %s",
			    dir, strerror(errno));
	} else if (!S_ISDIR(st.st_mode))
		return err_set(e, ERR_SYSTEM, "%s is not a directory", dir);
	/* Without create, never let LMDB make files in a directory that
	 * holds no database: report it and change nothing. */
	if (!create && data_file_size(dir, &dsize, e) != 0)
		return e ? e->code : ERR_SYSTEM;

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(dir);
	if ((rc = mdb_env_create(&s->env)) != 0) {
		lmdb_err(e, rc, "cannot create the LMDB environment");
		goto fail;
	}
	mdb_env_set_maxreaders(s->env, STORE_MAXREADERS);
	mdb_env_set_maxdbs(s->env, STORE_MAXDBS);
	mdb_env_set_mapsize(s->env, initial_map_size());
	/* MDB_NOTLS: a read txn may be reset and renewed freely. Durability:
	 * every commit is synced (no MDB_NOSYNC, ever). MDB_NOMETASYNC only
	 * moves the meta page's sync out of the writer lock: commit_sync()
	 * syncs it after mdb_txn_commit() and before anyone is told the
	 * change was made (see store.h, "The write path"). */
	rc = mdb_env_open(s->env, dir, MDB_NOTLS | MDB_NOMETASYNC, 0660);
	if (rc != 0) {
		char what[300];
		snprintf(what, sizeof what, "cannot open %s", dir);
		lmdb_err(e, rc, what);
		goto fail;
	}
	if (check_file_size(s, e) != 0)
		goto fail;
	mdb_reader_check(s->env, &dead);
	if (open_dbs(s, create, e) != 0)
		goto fail;
	if (check_schema(s, e) != 0)
		goto fail;
	*out = s;
	return 0;
fail:
	if (s->env)
		mdb_env_close(s->env);
	free(s->path);
	free(s);
	return e ? e->code : ERR_SYSTEM;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	mdb_env_close(s->env);
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

	rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &txn);
	if (rc == MDB_MAP_RESIZED) {
		/* Another process grew the map: adopt its size. */
		mdb_env_set_mapsize(s->env, 0);
		rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &txn);
	}
	if (rc == MDB_READERS_FULL) {
		store_reader_check(s);
		rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &txn);
	}
	if (rc != 0)
		return lmdb_err(e, rc, "cannot start a transaction");
	struct store_txn *t = xcalloc(1, sizeof *t);
	t->s = s;
	t->txn = txn;
	t->write = write;
	t->actor = "";
	t->op = "";
	*out = t;
	return 0;
}

/* Commit a write transaction durably. mdb_txn_commit() has written and
 * fdatasync'd the data pages, then written the meta page without a sync
 * (MDB_NOMETASYNC) and released the writer lock; this fdatasync makes
 * the meta page durable, outside the lock, so the next writer's data
 * pages and this sync proceed at once, and syncs of writers that commit
 * together are served by the same journal flush of the file system. Until
 * it returns, nobody is told the change was made. A crash before it loses
 * at most this commit (the previous meta page stays valid: LMDB keeps
 * two), never the database's integrity. */
static int
commit_sync(MDB_env *env, MDB_txn *txn, int *full, struct err *e)
{
	int rc = mdb_txn_commit(txn);

	if (full)
		*full = (rc == MDB_MAP_FULL);
	if (rc != 0)
		return lmdb_err(e, rc, "cannot commit");
	if ((rc = mdb_env_sync(env, 1)) != 0)
		return lmdb_err(e, rc, "the change was written but could not "
		    "be synced to the disk: it may be lost in a power cut");
	return 0;
}

int
store_commit(struct store_txn *t, int *full, struct err *e)
{
	MDB_env *env = t->s->env;
	MDB_txn *txn = t->txn;
	int write = t->write, rc;

	if (t->getc != NULL)
		mdb_cursor_close(t->getc);
	free(t);
	if (!write) {
		rc = mdb_txn_commit(txn);
		if (full)
			*full = 0;
		return rc != 0 ? lmdb_err(e, rc, "cannot commit") : 0;
	}
	return commit_sync(env, txn, full, e);
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
	if (t->getc != NULL)
		mdb_cursor_close(t->getc);
	mdb_txn_abort(t->txn);
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
	rc = mdb_txn_renew(t->txn);

	if (rc == MDB_MAP_RESIZED) {
		mdb_env_set_mapsize(t->s->env, 0);
		rc = mdb_txn_renew(t->txn);
	}
	if (rc != 0)
		return lmdb_err(e, rc, "cannot renew a read transaction");
	return 0;
}

int
store_grow(struct store *s, struct err *e)
{
	MDB_envinfo info;
	int rc;

	if ((rc = mdb_env_info(s->env, &info)) != 0)
		return lmdb_err(e, rc, "cannot read the map size");
	rc = mdb_env_set_mapsize(s->env, info.me_mapsize * 2);
	if (rc != 0)
		return lmdb_err(e, rc, "cannot grow the map");
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
}

/* ---- records ---- */

static void
rec_key(uint64_t id, uint8_t k[8], MDB_val *v)
{
	store_be64(id, k);
	v->mv_size = 8;
	v->mv_data = k;
}

/* The next id is one past the larger of the record type's last key and
 * the counter schema 1 kept in meta (read, no longer written): records
 * are never deleted, so the last key is the highest id ever written, and
 * reading it dirties no page. Ids handed out in this transaction are
 * remembered, so two allocations before the puts differ. */
int
store_next_id(struct store_txn *t, int rtype, uint64_t *id, struct err *e)
{
	char name[32];
	MDB_cursor *c;
	MDB_val k, v;
	uint64_t last = 0;
	int rc;

	if (rtype <= 0 || rtype >= RT__COUNT || rtype == RT_JOURNAL)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	if (!t->write)
		return err_set(e, ERR_SYSTEM, "write in a read transaction");
	if (t->next[rtype] == 0) {
		snprintf(name, sizeof name, "seq.%s", model_rtype_name(rtype));
		k.mv_size = strlen(name);
		k.mv_data = name;
		rc = mdb_get(t->txn, t->s->meta, &k, &v);
		if (rc == 0 && v.mv_size == 8)
			last = store_from_be64(v.mv_data);
		else if (rc != 0 && rc != MDB_NOTFOUND)
			return lmdb_err(e, rc, "cannot read an id counter");
		if ((rc = mdb_cursor_open(t->txn, t->s->rec[rtype], &c)) != 0)
			return lmdb_err(e, rc, "cannot read an id counter");
		rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
		mdb_cursor_close(c);
		if (rc == 0 && k.mv_size == 8 &&
		    store_from_be64(k.mv_data) > last)
			last = store_from_be64(k.mv_data);
		else if (rc != 0 && rc != MDB_NOTFOUND)
			return lmdb_err(e, rc, "cannot read an id counter");
		t->next[rtype] = last + 1;
	}
	*id = t->next[rtype]++;
	return 0;
}

int
store_get(struct store_txn *t, int rtype, uint64_t id, void *rec,
    struct err *e)
{
	uint8_t kb[8];
	MDB_val k, v;
	int rc;

	if (rtype == RT_JOURNAL || rec_dbi(t->s, rtype) == 0)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	rec_key(id, kb, &k);
	rc = mdb_get(t->txn, t->s->rec[rtype], &k, &v);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no %s #%llu",
		    model_rtype_name(rtype), (unsigned long long)id);
	if (rc != 0)
		return lmdb_err(e, rc, "cannot read a record");
	if (codec_decode(rtype, v.mv_data, v.mv_size, rec, e) != 0) {
		size_t n = strlen(e->msg);
		snprintf(e->msg + n, sizeof e->msg - n, " (#%llu)",
		    (unsigned long long)id);
		return ERR_SYSTEM;
	}
	if (rtype != RT_CONFIG)
		*(uint64_t *)rec = id;
	return 0;
}

/* ---- the one index database (schema 2) ----
 *
 * Every index lives in "ix", a plain (not DUPSORT) B-tree, so a write
 * that touches several indexes copies one tree's root-to-leaf paths, not
 * one per index (and a DUPSORT index's sub-tree besides). Keys start with
 * the index number, so each index is a contiguous range:
 *   unique and sort: [ix][key]                  -> id (8 bytes, BE)
 *   dup:             [ix][klen: 2 BE][key][id]  -> empty
 *   dup count:       [ix][klen: 2 BE][key][FF x 8] -> number of ids (8 BE)
 * A dup key's ids are in id order and its count sorts right after them,
 * where a new record's entry is appended: adding a record usually dirties
 * the same leaf for both. The count keeps store_ix_count O(1) (the lists
 * pick the smallest index entry by it). */

#define IXK_MAX (1 + 2 + IX_MAXKEY + 8)

static const uint8_t ix_count_sfx[8] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

/* The key prefix of a dup index key ([ix][klen][key]); returns its
 * length. */
static size_t
ixk_dup_prefix(uint8_t out[IXK_MAX], int ix, const void *k, size_t klen)
{
	out[0] = (uint8_t)ix;
	out[1] = (uint8_t)(klen >> 8);
	out[2] = (uint8_t)klen;
	memcpy(out + 3, k, klen);
	return 3 + klen;
}

static int
ixk_is_count(const MDB_val *k)
{
	return k->mv_size >= 11 && memcmp((const uint8_t *)k->mv_data +
	    k->mv_size - 8, ix_count_sfx, 8) == 0;
}

static int
ix_count_add(struct store_txn *t, const uint8_t *pre, size_t plen, int delta,
    struct err *e)
{
	uint8_t kb[IXK_MAX], vb[8];
	MDB_val k = { plen + 8, kb }, v;
	uint64_t n = 0;
	int rc;

	memcpy(kb, pre, plen);
	memcpy(kb + plen, ix_count_sfx, 8);
	rc = mdb_get(t->txn, t->s->ixdb, &k, &v);
	if (rc == 0 && v.mv_size == 8)
		n = store_from_be64(v.mv_data);
	else if (rc != 0 && rc != MDB_NOTFOUND)
		return txn_err(t, e, rc, "cannot update an index count");
	if (delta < 0 && n == 0)
		return 0;
	n = delta < 0 ? n - 1 : n + 1;
	if (n == 0)
		rc = mdb_del(t->txn, t->s->ixdb, &k, NULL);
	else {
		store_be64(n, vb);
		v.mv_size = 8;
		v.mv_data = vb;
		rc = mdb_put(t->txn, t->s->ixdb, &k, &v, 0);
	}
	if (rc != 0 && rc != MDB_NOTFOUND)
		return txn_err(t, e, rc, "cannot update an index count");
	return 0;
}

int
store_get_raw(struct store_txn *t, int rtype, uint64_t id,
    const void **data, size_t *len, struct err *e)
{
	uint8_t kb[8];
	MDB_val k, v;
	int rc;

	if (rtype == RT_JOURNAL || rec_dbi(t->s, rtype) == 0)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	if (t->getc != NULL && t->getc_rt != rtype) {
		mdb_cursor_close(t->getc);
		t->getc = NULL;
	}
	if (t->getc == NULL) {
		if ((rc = mdb_cursor_open(t->txn, t->s->rec[rtype],
		    &t->getc)) != 0)
			return lmdb_err(e, rc, "cannot open a cursor");
		t->getc_rt = rtype;
	}
	rec_key(id, kb, &k);
	rc = mdb_cursor_get(t->getc, &k, &v, MDB_SET);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no %s #%llu",
		    model_rtype_name(rtype), (unsigned long long)id);
	if (rc != 0)
		return lmdb_err(e, rc, "cannot read a record");
	*data = v.mv_data;
	*len = v.mv_size;
	return 0;
}

static int
ix_apply(struct store_txn *t, const struct ixent *x, uint64_t id, int del,
    struct err *e)
{
	uint8_t kb[IXK_MAX], vb[8];
	MDB_val k, v;
	int rc;

	if (ix_defs[x->ix].kind == IXK_DUP) {
		size_t plen = ixk_dup_prefix(kb, x->ix, x->key, x->klen);
		store_be64(id, kb + plen);
		k.mv_size = plen + 8;
		k.mv_data = kb;
		if (del) {
			rc = mdb_del(t->txn, t->s->ixdb, &k, NULL);
			if (rc == MDB_NOTFOUND)
				return 0;
			if (rc != 0)
				return txn_err(t, e, rc, "cannot update an "
				    "index");
			return ix_count_add(t, kb, plen, -1, e);
		}
		v.mv_size = 0;
		v.mv_data = vb;
		rc = mdb_put(t->txn, t->s->ixdb, &k, &v, MDB_NOOVERWRITE);
		if (rc == MDB_KEYEXIST)
			return 0;
		if (rc != 0)
			return txn_err(t, e, rc, "cannot update an index");
		return ix_count_add(t, kb, plen, 1, e);
	}
	kb[0] = (uint8_t)x->ix;
	memcpy(kb + 1, x->key, x->klen);
	k.mv_size = 1 + x->klen;
	k.mv_data = kb;
	if (del) {
		rc = mdb_del(t->txn, t->s->ixdb, &k, NULL);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return txn_err(t, e, rc, "cannot update an index");
		return 0;
	}
	if (ix_defs[x->ix].kind == IXK_UNIQUE) {
		MDB_val old;
		rc = mdb_get(t->txn, t->s->ixdb, &k, &old);
		if (rc == 0) {
			if (old.mv_size == 8 &&
			    store_from_be64(old.mv_data) == id)
				return 0;
			return err_set(e, ERR_REFUSED, "'%.*s' is already "
			    "taken", (int)(x->klen > 80 ? 80 : x->klen),
			    (const char *)x->key);
		}
	}
	store_be64(id, vb);
	v.mv_size = 8;
	v.mv_data = vb;
	rc = mdb_put(t->txn, t->s->ixdb, &k, &v, 0);
	if (rc != 0)
		return txn_err(t, e, rc, "cannot update an index");
	return 0;
}

static void
sha256(const void *p, size_t n, uint8_t out[32])
{
	SHA256(p, n, out);
}

static int
journal_load_tail(struct store_txn *t, struct err *e)
{
	MDB_cursor *c;
	MDB_val k, v;
	int rc;

	if (t->jloaded)
		return 0;
	memset(t->jhash, 0, 32);
	t->jseq = 0;
	if ((rc = mdb_cursor_open(t->txn, t->s->journal, &c)) != 0)
		return lmdb_err(e, rc, "cannot read the journal");
	rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	if (rc == 0) {
		struct jentry je;
		if (k.mv_size != 8 ||
		    codec_decode(RT_JOURNAL, v.mv_data, v.mv_size, &je, e)) {
			mdb_cursor_close(c);
			return err_set(e, ERR_SYSTEM, "the last journal entry "
			    "is damaged: run 'cercle verify'");
		}
		t->jseq = store_from_be64(k.mv_data);
		memcpy(t->jhash, je.hash, 32);
		codec_free(RT_JOURNAL, &je);
	} else if (rc != MDB_NOTFOUND) {
		mdb_cursor_close(c);
		return lmdb_err(e, rc, "cannot read the journal");
	}
	mdb_cursor_close(c);
	t->jloaded = 1;
	return 0;
}

/* The hash of an entry covers its encoding with the hash field zeroed. */
static void
journal_hash(struct jentry *je)
{
	struct buf b = { 0 };

	memset(je->hash, 0, 32);
	codec_encode(RT_JOURNAL, je, &b);
	sha256(b.p, b.len, je->hash);
	buf_free(&b);
}

static int
journal_append(struct store_txn *t, int rtype, uint64_t id,
    const uint8_t rec_hash[32], struct err *e)
{
	struct jentry je;
	struct buf b = { 0 };
	uint8_t kb[8], jk[9];
	MDB_val k, v;
	int rc;

	if (journal_load_tail(t, e) != 0)
		return e->code;
	memset(&je, 0, sizeof je);
	je.time = util_now();
	je.actor = (char *)t->actor;
	je.op = (char *)t->op;
	je.rtype = (uint64_t)rtype;
	je.rid = id;
	je.summary = (char *)t->summary;
	memcpy(je.prev, t->jhash, 32);
	memcpy(je.rec_hash, rec_hash, 32);
	journal_hash(&je);
	codec_encode(RT_JOURNAL, &je, &b);
	rec_key(t->jseq + 1, kb, &k);
	v.mv_size = b.len;
	v.mv_data = b.p;
	rc = mdb_put(t->txn, t->s->journal, &k, &v, MDB_APPEND);
	buf_free(&b);
	if (rc != 0)
		return txn_err(t, e, rc, "cannot append to the journal");
	t->jseq++;
	memcpy(t->jhash, je.hash, 32);
	jk[0] = (uint8_t)rtype;
	store_be64(id, jk + 1);
	k.mv_size = 9;
	k.mv_data = jk;
	v.mv_size = 8;
	v.mv_data = kb;
	if ((rc = mdb_put(t->txn, t->s->jlast, &k, &v, 0)) != 0)
		return txn_err(t, e, rc, "cannot index the journal");
	return 0;
}

int
store_put(struct store_txn *t, int rtype, uint64_t id, const void *rec,
    struct err *e)
{
	struct ixset *olds = NULL, *news = NULL;
	struct buf b = { 0 };
	uint8_t kb[8], h[32];
	MDB_val k, v;
	void *old = NULL;
	int rc;

	if (!t->write)
		return err_set(e, ERR_SYSTEM, "write in a read transaction");
	/* The journal is written only by journal_append. */
	if (rtype == RT_JOURNAL || rec_dbi(t->s, rtype) == 0)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	olds = xcalloc(1, sizeof *olds);
	news = xcalloc(1, sizeof *news);
	ix_of(rtype, rec, id, news);
	if (news->overflow) {
		rc = err_set(e, ERR_USAGE, "too many index keys for %s #%llu",
		    model_rtype_name(rtype), (unsigned long long)id);
		goto out;
	}
	rec_key(id, kb, &k);
	rc = mdb_get(t->txn, t->s->rec[rtype], &k, &v);
	if (rc == 0) {
		old = codec_new(rtype);
		if ((rc = codec_decode(rtype, v.mv_data, v.mv_size, old,
		    e)) != 0)
			goto out;
		ix_of(rtype, old, id, olds);
	} else if (rc != MDB_NOTFOUND) {
		rc = lmdb_err(e, rc, "cannot read a record");
		goto out;
	}
	for (size_t i = 0; i < olds->n; i++)
		if (!ix_has(news, &olds->e[i]) &&
		    (rc = ix_apply(t, &olds->e[i], id, 1, e)) != 0)
			goto out;
	for (size_t i = 0; i < news->n; i++)
		if (!ix_has(olds, &news->e[i]) &&
		    (rc = ix_apply(t, &news->e[i], id, 0, e)) != 0)
			goto out;
	codec_encode(rtype, rec, &b);
	v.mv_size = b.len;
	v.mv_data = b.p;
	if ((rc = mdb_put(t->txn, t->s->rec[rtype], &k, &v, 0)) != 0) {
		rc = txn_err(t, e, rc, "cannot write a record");
		goto out;
	}
	sha256(b.p, b.len, h);
	rc = journal_append(t, rtype, id, h, e);
out:
	buf_free(&b);
	if (old)
		codec_free_rec(rtype, old);
	free(olds);
	free(news);
	return rc;
}

uint64_t
store_count(struct store_txn *t, int rtype)
{
	MDB_dbi dbi = rec_dbi(t->s, rtype);
	MDB_stat st;

	if (dbi == 0 || mdb_stat(t->txn, dbi, &st) != 0)
		return 0;
	return st.ms_entries;
}

int
store_scan(struct store_txn *t, int rtype, uint64_t start, int reverse,
    store_rec_cb cb, void *arg, struct err *e)
{
	MDB_dbi dbi = rec_dbi(t->s, rtype);
	MDB_cursor *c;
	MDB_val k, v;
	uint8_t kb[8];
	int rc;

	if (dbi == 0)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	if ((rc = mdb_cursor_open(t->txn, dbi, &c)) != 0)
		return lmdb_err(e, rc, "cannot open a cursor");
	if (start == 0)
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_LAST : MDB_FIRST);
	else {
		rec_key(start, kb, &k);
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		if (reverse) {
			if (rc == MDB_NOTFOUND)
				rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
			else if (rc == 0 && store_from_be64(k.mv_data) != start)
				rc = mdb_cursor_get(c, &k, &v, MDB_PREV);
		}
	}
	while (rc == 0) {
		if (k.mv_size != 8) {
			mdb_cursor_close(c);
			return err_set(e, ERR_SYSTEM, "damaged %s key",
			    model_rtype_name(rtype));
		}
		if (cb(store_from_be64(k.mv_data), v.mv_data, v.mv_size, arg))
			break;
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return lmdb_err(e, rc, "cannot scan");
	return 0;
}

/* Position c on the last key <= want (reverse walks start there). */
static int
seek_le(MDB_cursor *c, MDB_val *k, MDB_val *v, const void *want, size_t wlen)
{
	int rc;

	k->mv_size = wlen;
	k->mv_data = (void *)want;
	rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	if (rc == 0 && (k->mv_size != wlen || memcmp(k->mv_data, want,
	    wlen) != 0))
		rc = mdb_cursor_get(c, k, v, MDB_PREV);
	return rc;
}

int
store_ix_scan(struct store_txn *t, int ix, const void *key, size_t klen,
    uint64_t start, int reverse, store_id_cb cb, void *arg, struct err *e)
{
	MDB_cursor *c;
	MDB_val k, v;
	uint8_t pre[IXK_MAX], want[IXK_MAX];
	size_t plen;
	int rc, dup;

	if (ix < 0 || ix >= IX__COUNT)
		return err_set(e, ERR_SYSTEM, "no index %d", ix);
	dup = ix_defs[ix].kind == IXK_DUP;
	/* An empty or over-long key cannot be in the index: no match,
	 * rather than LMDB's "bad value size". */
	if (key != NULL && (klen == 0 || klen > IX_MAXKEY))
		return 0;
	if (key != NULL && !dup) {
		uint64_t id;
		struct err e2;
		if ((rc = store_ix_get(t, ix, key, klen, &id, &e2)) == 0)
			cb(id, arg);
		else if (rc != ERR_NOTFOUND)
			return err_set(e, rc, "%s", e2.msg);
		return 0;
	}
	if (key == NULL) {
		/* Every entry of the index, in key order. */
		pre[0] = (uint8_t)ix;
		plen = 1;
	} else
		plen = ixk_dup_prefix(pre, ix, key, klen);
	if ((rc = mdb_cursor_open(t->txn, t->s->ixdb, &c)) != 0)
		return lmdb_err(e, rc, "cannot open a cursor");
	memcpy(want, pre, plen);
	if (key == NULL) {
		want[0] = (uint8_t)(ix + 1);	/* just past the index */
		if (reverse)
			rc = seek_le(c, &k, &v, want, 1);
		else {
			k.mv_size = 1;
			k.mv_data = pre;
			rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		}
	} else {
		if (start != 0)
			store_be64(start, want + plen);
		else
			memcpy(want + plen, reverse ? ix_count_sfx :
			    (const uint8_t *)"\0\0\0\0\0\0\0\0", 8);
		if (reverse)
			rc = seek_le(c, &k, &v, want, plen + 8);
		else {
			k.mv_size = plen + 8;
			k.mv_data = want;
			rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		}
	}
	while (rc == 0) {
		uint64_t id;
		if (k.mv_size < plen || memcmp(k.mv_data, pre, plen) != 0)
			break;
		if (dup) {
			if (ixk_is_count(&k))
				goto next;
			if (k.mv_size < 11 || (key != NULL &&
			    k.mv_size != plen + 8)) {
				mdb_cursor_close(c);
				return err_set(e, ERR_SYSTEM, "damaged index "
				    "%s", ix_defs[ix].name);
			}
			id = store_from_be64((const uint8_t *)k.mv_data +
			    k.mv_size - 8);
		} else {
			if (v.mv_size != 8) {
				mdb_cursor_close(c);
				return err_set(e, ERR_SYSTEM, "damaged index "
				    "%s", ix_defs[ix].name);
			}
			id = store_from_be64(v.mv_data);
		}
		if (cb(id, arg))
			break;
next:
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return lmdb_err(e, rc, "cannot scan an index");
	return 0;
}

int
store_ix_get(struct store_txn *t, int ix, const void *key, size_t klen,
    uint64_t *id, struct err *e)
{
	uint8_t kb[IXK_MAX];
	MDB_val k = { klen + 1, kb }, v;
	int rc;

	if (ix < 0 || ix >= IX__COUNT || klen == 0 || klen > IX_MAXKEY ||
	    ix_defs[ix].kind == IXK_DUP)
		return err_set(e, ERR_NOTFOUND, "not found");
	kb[0] = (uint8_t)ix;
	memcpy(kb + 1, key, klen);
	rc = mdb_get(t->txn, t->s->ixdb, &k, &v);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "not found");
	if (rc != 0)
		return lmdb_err(e, rc, "cannot read an index");
	if (v.mv_size != 8)
		return err_set(e, ERR_SYSTEM, "damaged index %s",
		    ix_defs[ix].name);
	*id = store_from_be64(v.mv_data);
	return 0;
}

uint64_t
store_ix_count(struct store_txn *t, int ix, const void *key, size_t klen)
{
	uint8_t kb[IXK_MAX];
	MDB_val k, v;
	size_t plen;
	uint64_t id;
	struct err e;

	if (ix < 0 || ix >= IX__COUNT || klen == 0 || klen > IX_MAXKEY)
		return 0;
	if (ix_defs[ix].kind != IXK_DUP)
		return store_ix_get(t, ix, key, klen, &id, &e) == 0;
	plen = ixk_dup_prefix(kb, ix, key, klen);
	memcpy(kb + plen, ix_count_sfx, 8);
	k.mv_size = plen + 8;
	k.mv_data = kb;
	if (mdb_get(t->txn, t->s->ixdb, &k, &v) != 0 || v.mv_size != 8)
		return 0;
	return store_from_be64(v.mv_data);
}

uint64_t
store_journal_last(struct store_txn *t)
{
	struct err e;

	if (journal_load_tail(t, &e) != 0)
		return 0;
	return t->jseq;
}

int
store_journal_get(struct store_txn *t, uint64_t seq, struct jentry *je,
    struct err *e)
{
	uint8_t kb[8];
	MDB_val k, v;
	int rc;

	rec_key(seq, kb, &k);
	rc = mdb_get(t->txn, t->s->journal, &k, &v);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no journal entry %llu",
		    (unsigned long long)seq);
	if (rc != 0)
		return lmdb_err(e, rc, "cannot read the journal");
	if (codec_decode(RT_JOURNAL, v.mv_data, v.mv_size, je, e) != 0)
		return err_set(e, ERR_SYSTEM, "journal entry %llu is damaged",
		    (unsigned long long)seq);
	je->id = seq;
	return 0;
}

/* ---- verify ---- */

struct vstate {
	struct store_txn *t;
	struct buf *report;
	struct err *e;
	int rtype;
	uint64_t problems;
	uint64_t expected[IX__COUNT];
	uint64_t prev_seq;
	uint8_t prev_hash[32];
	uint64_t records;
};

static int
vproblem(struct vstate *vs, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
vproblem(struct vstate *vs, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (vs->problems++ == 0)
		err_set(vs->e, ERR_SYSTEM, "%s", line);
	buf_printf(vs->report, "%s\n", line);
	return vs->problems >= 100;	/* enough to act on */
}

static int
verify_journal_cb(uint64_t seq, const void *data, size_t len, void *arg)
{
	struct vstate *vs = arg;
	struct jentry je;
	uint8_t want[32];
	struct err e;

	if (seq != vs->prev_seq + 1) {
		uint64_t want_seq = vs->prev_seq + 1;
		/* Resynchronise so one gap is one problem, not a hundred. */
		vs->prev_seq = seq;
		return vproblem(vs, "journal entry %llu: expected entry %llu "
		    "(a gap in the chain)", (unsigned long long)seq,
		    (unsigned long long)want_seq);
	}
	vs->prev_seq = seq;
	if (codec_decode(RT_JOURNAL, data, len, &je, &e) != 0)
		return vproblem(vs, "journal entry %llu: %s",
		    (unsigned long long)seq, e.msg);
	if (memcmp(je.prev, vs->prev_hash, 32) != 0) {
		codec_free(RT_JOURNAL, &je);
		return vproblem(vs, "journal entry %llu: does not chain to "
		    "entry %llu (previous hash differs)",
		    (unsigned long long)seq, (unsigned long long)(seq - 1));
	}
	memcpy(want, je.hash, 32);
	journal_hash(&je);
	if (memcmp(want, je.hash, 32) != 0) {
		codec_free(RT_JOURNAL, &je);
		return vproblem(vs, "journal entry %llu: its hash does not "
		    "match its content (altered)", (unsigned long long)seq);
	}
	memcpy(vs->prev_hash, want, 32);
	codec_free(RT_JOURNAL, &je);
	return 0;
}

static int
verify_rec_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct vstate *vs = arg;
	const char *tn = model_rtype_name(vs->rtype);
	struct ixset *set;
	struct jentry je;
	uint8_t jk[9], h[32];
	MDB_val k, v;
	struct err e;
	void *rec;
	int stop = 0;

	vs->records++;
	rec = codec_new(vs->rtype);
	if (codec_decode(vs->rtype, data, len, rec, &e) != 0) {
		free(rec);
		return vproblem(vs, "%s #%llu: %s", tn,
		    (unsigned long long)id, e.msg);
	}
	/* The record must be what its last journal entry says was written. */
	jk[0] = (uint8_t)vs->rtype;
	store_be64(id, jk + 1);
	k.mv_size = 9;
	k.mv_data = jk;
	if (mdb_get(vs->t->txn, vs->t->s->jlast, &k, &v) != 0 ||
	    v.mv_size != 8) {
		stop = vproblem(vs, "%s #%llu: no journal entry wrote it", tn,
		    (unsigned long long)id);
	} else if (store_journal_get(vs->t, store_from_be64(v.mv_data), &je,
	    &e) != 0) {
		stop = vproblem(vs, "%s #%llu: %s", tn,
		    (unsigned long long)id, e.msg);
	} else {
		sha256(data, len, h);
		if (memcmp(h, je.rec_hash, 32) != 0 || je.rid != id ||
		    je.rtype != (uint64_t)vs->rtype)
			stop = vproblem(vs, "%s #%llu: differs from what "
			    "journal entry %llu recorded (changed outside "
			    "cercle)", tn, (unsigned long long)id,
			    (unsigned long long)je.id);
		codec_free(RT_JOURNAL, &je);
	}
	set = xcalloc(1, sizeof *set);
	ix_of(vs->rtype, rec, id, set);
	for (size_t i = 0; i < set->n && !stop; i++) {
		struct ixent *x = &set->e[i];
		uint8_t kb[IXK_MAX];
		int rc;

		vs->expected[x->ix]++;
		if (ix_defs[x->ix].kind == IXK_DUP) {
			size_t plen = ixk_dup_prefix(kb, x->ix, x->key,
			    x->klen);
			store_be64(id, kb + plen);
			k.mv_size = plen + 8;
		} else {
			kb[0] = (uint8_t)x->ix;
			memcpy(kb + 1, x->key, x->klen);
			k.mv_size = 1 + x->klen;
		}
		k.mv_data = kb;
		rc = mdb_get(vs->t->txn, vs->t->s->ixdb, &k, &v);
		if (rc == 0 && ix_defs[x->ix].kind != IXK_DUP &&
		    (v.mv_size != 8 || store_from_be64(v.mv_data) != id))
			rc = MDB_NOTFOUND;
		if (rc != 0)
			stop = vproblem(vs, "%s #%llu: missing from index %s",
			    tn, (unsigned long long)id, ix_defs[x->ix].name);
	}
	free(set);
	codec_free_rec(vs->rtype, rec);
	return stop;
}

/* One walk over "ix": entries per index against what the records
 * expect (more: stale entries), and each dup key's count against its
 * ids. */
static void
verify_ix(struct vstate *vs)
{
	uint64_t got[IX__COUNT] = { 0 }, run = 0;
	uint8_t cur[IXK_MAX];
	size_t curlen = 0;
	MDB_cursor *c;
	MDB_val k, v;
	int rc, counts_bad = 0;

	if (mdb_cursor_open(vs->t->txn, vs->t->s->ixdb, &c) != 0)
		return;
	rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
	for (; rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		const uint8_t *p = k.mv_data;
		int ix = k.mv_size > 0 ? p[0] : IX__COUNT;
		if (ix >= IX__COUNT) {
			vproblem(vs, "index: an entry of no index (%u)",
			    (unsigned)ix);
			continue;
		}
		if (ix_defs[ix].kind != IXK_DUP) {
			got[ix]++;
			continue;
		}
		if (k.mv_size < 11 || k.mv_size != 3u + (((size_t)p[1] << 8) |
		    p[2]) + 8) {
			vproblem(vs, "index %s: a damaged key",
			    ix_defs[ix].name);
			continue;
		}
		if (curlen != k.mv_size - 8 || memcmp(cur, p, curlen) != 0) {
			if (run != 0)
				counts_bad++;	/* ids and no count */
			curlen = k.mv_size - 8;
			memcpy(cur, p, curlen);
			run = 0;
		}
		if (ixk_is_count(&k)) {
			if (v.mv_size != 8 || store_from_be64(v.mv_data) != run)
				counts_bad++;
			run = 0;
			continue;
		}
		got[ix]++;
		run++;
	}
	mdb_cursor_close(c);
	if (run != 0)
		counts_bad++;
	for (int ix = 0; ix < IX__COUNT && vs->problems < 100; ix++)
		if (got[ix] != vs->expected[ix])
			vproblem(vs, "index %s: %llu entries, %llu expected "
			    "(stale entries)", ix_defs[ix].name,
			    (unsigned long long)got[ix],
			    (unsigned long long)vs->expected[ix]);
	if (counts_bad && vs->problems < 100)
		vproblem(vs, "index: %d key counts differ from the ids they "
		    "count (stale counts)", counts_bad);
}

int
store_verify(struct store *s, struct buf *report, struct err *e)
{
	struct store_txn *t;
	struct vstate vs;
	int rc;

	if ((rc = store_begin(s, 0, &t, e)) != 0)
		return rc;
	memset(&vs, 0, sizeof vs);
	vs.t = t;
	vs.report = report;
	vs.e = e;
	err_clear(e);
	rc = store_scan(t, RT_JOURNAL, 0, 0, verify_journal_cb, &vs, e);
	if (rc == 0)
		buf_printf(report, "journal: %llu entries\n",
		    (unsigned long long)vs.prev_seq);
	for (int rt = 1; rc == 0 && rt < RT__COUNT && vs.problems < 100;
	    rt++) {
		uint64_t before = vs.records;
		if (rt == RT_JOURNAL)
			continue;
		vs.rtype = rt;
		rc = store_scan(t, rt, 0, 0, verify_rec_cb, &vs, e);
		if (vs.records > before)
			buf_printf(report, "%s: %llu records\n",
			    model_rtype_name(rt),
			    (unsigned long long)(vs.records - before));
	}
	if (rc == 0 && vs.problems < 100)
		verify_ix(&vs);
	store_abort(t);
	if (rc != 0)
		return rc;
	if (vs.problems > 0) {
		e->code = ERR_SYSTEM;
		return ERR_SYSTEM;
	}
	return 0;
}

/* Walk a sorted (non-DUPSORT) index from a key: paging a sort needs to
 * resume after the last composite key shown, which store_ix_scan cannot. */
int
store_ix_walk(struct store_txn *t, int ix, const void *from, size_t flen,
    int reverse, store_key_cb cb, void *arg, struct err *e)
{
	MDB_cursor *c;
	MDB_val k, v;
	uint8_t want[IXK_MAX];
	int rc;

	if (ix < 0 || ix >= IX__COUNT || ix_defs[ix].kind == IXK_DUP)
		return err_set(e, ERR_SYSTEM, "store_ix_walk on a DUPSORT "
		    "index");
	if (flen > IX_MAXKEY)
		return 0;
	if ((rc = mdb_cursor_open(t->txn, t->s->ixdb, &c)) != 0)
		return lmdb_err(e, rc, "cannot open a cursor");
	want[0] = (uint8_t)ix;
	if (from == NULL || flen == 0) {
		flen = 0;
		if (reverse) {
			want[0] = (uint8_t)(ix + 1);
			rc = seek_le(c, &k, &v, want, 1);
		} else {
			k.mv_size = 1;
			k.mv_data = want;
			rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		}
	} else {
		memcpy(want + 1, from, flen);
		if (reverse)
			rc = seek_le(c, &k, &v, want, flen + 1);
		else {
			k.mv_size = flen + 1;
			k.mv_data = want;
			rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		}
	}
	while (rc == 0) {
		if (k.mv_size < 1 || *(const uint8_t *)k.mv_data != ix)
			break;
		if (v.mv_size != 8) {
			mdb_cursor_close(c);
			return err_set(e, ERR_SYSTEM, "damaged index %s",
			    ix_defs[ix].name);
		}
		if (cb((const uint8_t *)k.mv_data + 1, k.mv_size - 1,
		    store_from_be64(v.mv_data), arg))
			break;
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return lmdb_err(e, rc, "cannot walk an index");
	return 0;
}
