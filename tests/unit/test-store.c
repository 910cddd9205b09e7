/* test-store.c: the LMDB store on real files: records and index scans in
 * both directions from a start id, unique indexes, the journal chain and
 * verify catching tampering, map growth, a map grown by another process,
 * reader slots of a killed process reclaimed, and the nested transactions
 * of group commit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>
#include <lmdb.h>

#include "codec.h"
#include "hub.h"
#include "store.h"

static char *
newdir(void)
{
	char tmpl[] = "store-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

struct put_arg {
	int rtype;
	uint64_t id;		/* 0: next id */
	void *rec;
	int count;		/* needs to add (op_many) */
	size_t desc_len;
	uint64_t first;
};

static int
op_put(struct hub_ctx *c, void *argp)
{
	struct put_arg *a = argp;
	uint64_t id = a->id;
	int rc;

	if (id == 0 && (rc = store_next_id(c->t, a->rtype, &id, c->e)) != 0)
		return rc;
	a->first = id;
	return store_put(c->t, a->rtype, id, a->rec, c->e);
}

static void
need_init(struct need *n, const char *title, const char *terr,
    uint64_t status, uint64_t supports)
{
	memset(n, 0, sizeof *n);
	n->title = xstrdup(title);
	n->territory = xstrdup(terr);
	n->status = status;
	n->supports = supports;
	n->created = 1763890200;
}

static int
put(struct hub *h, int rtype, uint64_t id, void *rec, struct err *e)
{
	struct actor who;
	struct put_arg a = { rtype, id, rec, 0, 0, 0 };

	hub_actor_console(&who, NULL);
	return hub_run(h, &who, "test.put", "test", op_put, &a, e);
}

/* ids collected by scans */
struct ids {
	uint64_t v[64];
	size_t n;
};

static int
rec_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct ids *s = arg;

	(void)data;
	(void)len;
	s->v[s->n++] = id;
	return s->n == 64;
}

static int
id_cb(uint64_t id, void *arg)
{
	struct ids *s = arg;

	s->v[s->n++] = id;
	return s->n == 64;
}

static void
assert_ids(const struct ids *s, const uint64_t *want, size_t n)
{
	assert_int_equal(s->n, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(s->v[i], want[i]);
}

#define SCAN(rt, start, rev, ...) do { \
	static const uint64_t w_[] = { __VA_ARGS__ }; \
	struct ids s_ = { .n = 0 }; \
	assert_int_equal(store_scan(t, rt, start, rev, rec_cb, &s_, &e), 0); \
	assert_ids(&s_, w_, sizeof w_ / sizeof w_[0]); \
} while (0)

#define SCAN_NONE(rt, start, rev) do { \
	struct ids s_ = { .n = 0 }; \
	assert_int_equal(store_scan(t, rt, start, rev, rec_cb, &s_, &e), 0); \
	assert_int_equal(s_.n, 0); \
} while (0)

#define IXSCAN_NONE(ix, key, start, rev) do { \
	struct ids s_ = { .n = 0 }; \
	assert_int_equal(store_ix_scan(t, ix, key, strlen(key), start, rev, \
	    id_cb, &s_, &e), 0); \
	assert_int_equal(s_.n, 0); \
} while (0)

#define IXSCAN(ix, key, start, rev, ...) do { \
	static const uint64_t w_[] = { __VA_ARGS__ }; \
	struct ids s_ = { .n = 0 }; \
	assert_int_equal(store_ix_scan(t, ix, key, strlen(key), \
	    start, rev, id_cb, &s_, &e), 0); \
	assert_ids(&s_, w_, sizeof w_ / sizeof w_[0]); \
} while (0)

/* Needs 2, 4, ..., 20: territory Alpes for 2,6,10,14,18, Azur for the
 * rest; status 1 for multiples of 4; supports 20 - id. */
static void
fill_needs(struct hub *h)
{
	struct err e;

	for (uint64_t id = 2; id <= 20; id += 2) {
		struct need n;
		char title[40];

		snprintf(title, sizeof title, "Besoin n°%llu",
		    (unsigned long long)id);
		need_init(&n, title, id % 4 == 2 ? "Alpes" : "Azur",
		    id % 4 == 0, 20 - id);
		assert_int_equal(put(h, RT_NEED, id, &n, &e), 0);
		codec_free(RT_NEED, &n);
	}
}

static void
test_records_and_scans(void **state)
{
	char *dir = newdir();
	struct hub *h;
	struct store_txn *t;
	struct need n;
	struct member m;
	struct err e;
	uint8_t st;
	struct buf rep = { 0 };

	(void)state;
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	fill_needs(h);
	assert_int_equal(hub_read(h, &t, &e), 0);
	assert_int_equal(store_count(t, RT_NEED), 10);
	assert_int_equal(store_get(t, RT_NEED, 6, &n, &e), 0);
	assert_int_equal(n.id, 6);
	assert_string_equal(n.title, "Besoin n°6");
	codec_free(RT_NEED, &n);
	assert_int_equal(store_get(t, RT_NEED, 5, &n, &e), ERR_NOTFOUND);
	assert_int_equal(store_get(t, RT_JOURNAL, 1, &n, &e), ERR_SYSTEM);
	assert_int_equal(store_get(t, RT__COUNT, 1, &n, &e), ERR_SYSTEM);

	SCAN(RT_NEED, 0, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20);
	SCAN(RT_NEED, 0, 1, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2);
	SCAN(RT_NEED, 14, 0, 14, 16, 18, 20);
	SCAN(RT_NEED, 15, 0, 16, 18, 20);
	SCAN(RT_NEED, 14, 1, 14, 12, 10, 8, 6, 4, 2);
	SCAN(RT_NEED, 5, 1, 4, 2);
	SCAN(RT_NEED, 99, 1, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2);
	SCAN_NONE(RT_NEED, 1, 1);
	SCAN_NONE(RT_NEED, 21, 0);

	IXSCAN(IX_NEED_TERRITORY, "Alpes", 0, 0, 2, 6, 10, 14, 18);
	IXSCAN(IX_NEED_TERRITORY, "Alpes", 0, 1, 18, 14, 10, 6, 2);
	IXSCAN(IX_NEED_TERRITORY, "Alpes", 10, 0, 10, 14, 18);
	IXSCAN(IX_NEED_TERRITORY, "Alpes", 11, 0, 14, 18);
	IXSCAN(IX_NEED_TERRITORY, "Alpes", 10, 1, 10, 6, 2);
	IXSCAN(IX_NEED_TERRITORY, "Alpes", 11, 1, 10, 6, 2);
	IXSCAN(IX_NEED_TERRITORY, "Alpes", 99, 1, 18, 14, 10, 6, 2);
	IXSCAN_NONE(IX_NEED_TERRITORY, "Azur", 99, 0);
	IXSCAN_NONE(IX_NEED_TERRITORY, "Mars", 0, 0);
	/* The empty key and an over-long one match nothing, no error. */
	{
		struct ids s = { .n = 0 };
		char big[400];
		memset(big, 'x', sizeof big);
		assert_int_equal(store_ix_scan(t, IX_NEED_TERRITORY, "", 0, 0,
		    0, id_cb, &s, &e), 0);
		assert_int_equal(store_ix_scan(t, IX_NEED_TERRITORY, big,
		    sizeof big, 0, 0, id_cb, &s, &e), 0);
		assert_int_equal(s.n, 0);
	}
	/* The sort index: every entry in (supports, id) order. */
	{
		struct ids s = { .n = 0 };
		assert_int_equal(store_ix_scan(t, IX_NEED_SUPPORT, NULL, 0, 0,
		    1, id_cb, &s, &e), 0);
		static const uint64_t w[] = { 2, 4, 6, 8, 10, 12, 14, 16, 18,
		    20 };
		assert_ids(&s, w, 10);
	}
	st = 1;
	assert_int_equal(store_ix_count(t, IX_NEED_STATUS, &st, 1), 5);
	st = 0;
	assert_int_equal(store_ix_count(t, IX_NEED_STATUS, &st, 1), 5);
	assert_int_equal(store_ix_count(t, IX_NEED_TERRITORY, "Alpes", 5), 5);
	assert_int_equal(store_ix_count(t, IX_NEED_TERRITORY, "", 0), 0);
	assert_int_equal(store_journal_last(t), 10);
	hub_read_end(t);

	/* Re-writing a need moves its index entries. */
	need_init(&n, "Besoin n°6", "Azur", 1, 0);
	assert_int_equal(put(h, RT_NEED, 6, &n, &e), 0);
	codec_free(RT_NEED, &n);
	assert_int_equal(hub_read(h, &t, &e), 0);
	IXSCAN(IX_NEED_TERRITORY, "Alpes", 0, 0, 2, 10, 14, 18);
	hub_read_end(t);

	/* A unique index refuses a second owner, keeps the first. */
	memset(&m, 0, sizeof m);
	m.login = "alice";
	m.name = "Alice";
	m.roles = ROLE_MEMBER;
	assert_int_equal(put(h, RT_MEMBER, 1, &m, &e), 0);
	assert_int_equal(put(h, RT_MEMBER, 1, &m, &e), 0);
	assert_int_equal(put(h, RT_MEMBER, 2, &m, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "already taken"));
	assert_int_equal(hub_read(h, &t, &e), 0);
	assert_int_equal(store_count(t, RT_MEMBER), 1);
	{
		uint64_t id = 0;
		assert_int_equal(store_ix_get(t, IX_MEMBER_LOGIN, "alice", 5,
		    &id, &e), 0);
		assert_int_equal(id, 1);
		assert_int_equal(store_ix_get(t, IX_MEMBER_LOGIN, "bob", 3,
		    &id, &e), ERR_NOTFOUND);
	}
	hub_read_end(t);
	/* The journal may not be written as a record. */
	{
		struct jentry je;
		memset(&je, 0, sizeof je);
		assert_int_equal(put(h, RT_JOURNAL, 1, &je, &e), ERR_SYSTEM);
	}
	assert_int_equal(store_verify(h->st, &rep, &e), 0);
	buf_free(&rep);
	hub_close(h);
	free(dir);
}

/* ---- tampering, through LMDB directly ---- */

struct raw {
	MDB_env *env;
	MDB_txn *txn;
};

static MDB_dbi
raw_open(struct raw *r, const char *dir, const char *db)
{
	MDB_dbi dbi;

	assert_int_equal(mdb_env_create(&r->env), 0);
	mdb_env_set_maxdbs(r->env, 64);
	assert_int_equal(mdb_env_open(r->env, dir, 0, 0660), 0);
	assert_int_equal(mdb_txn_begin(r->env, NULL, 0, &r->txn), 0);
	assert_int_equal(mdb_dbi_open(r->txn, db, 0, &dbi), 0);
	return dbi;
}

static void
raw_close(struct raw *r)
{
	assert_int_equal(mdb_txn_commit(r->txn), 0);
	mdb_env_close(r->env);
}

static int
verify(const char *dir, struct err *e)
{
	struct hub *h;
	struct buf rep = { 0 };
	int rc;

	assert_int_equal(hub_open(dir, 0, &h, e), 0);
	rc = store_verify(h->st, &rep, e);
	buf_free(&rep);
	hub_close(h);
	return rc;
}

/* Swap the value under an 8-byte id key; returns the old bytes. */
static struct buf
raw_swap(const char *dir, const char *db, uint64_t id, const struct buf *nv)
{
	struct raw r;
	MDB_dbi dbi = raw_open(&r, dir, db);
	uint8_t kb[8];
	MDB_val k = { 8, kb }, v;
	struct buf old = { 0 };

	store_be64(id, kb);
	assert_int_equal(mdb_get(r.txn, dbi, &k, &v), 0);
	buf_add(&old, v.mv_data, v.mv_size);
	v.mv_size = nv->len;
	v.mv_data = nv->p;
	assert_int_equal(mdb_put(r.txn, dbi, &k, &v, 0), 0);
	raw_close(&r);
	return old;
}

static void
test_verify_tampering(void **state)
{
	char *dir = newdir();
	struct hub *h;
	struct store_txn *t;
	struct jentry je;
	struct need n;
	struct err e;
	struct buf b = { 0 }, old;

	(void)state;
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	fill_needs(h);
	assert_int_equal(hub_read(h, &t, &e), 0);
	assert_int_equal(store_journal_get(t, 3, &je, &e), 0);
	assert_int_equal(store_get(t, RT_NEED, 8, &n, &e), 0);
	hub_read_end(t);
	hub_close(h);
	assert_int_equal(verify(dir, &e), 0);

	/* (a) an altered journal entry: its summary, hash kept. */
	str_replace(&je.summary, "forged");
	codec_encode(RT_JOURNAL, &je, &b);
	old = raw_swap(dir, "journal", 3, &b);
	assert_int_equal(verify(dir, &e), ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "journal entry 3"));
	assert_non_null(strstr(e.msg, "altered"));
	buf_free(&b);
	b = raw_swap(dir, "journal", 3, &old);
	buf_free(&old);
	buf_free(&b);
	assert_int_equal(verify(dir, &e), 0);

	/* (b) a record changed outside cercle. */
	str_replace(&n.title, "Titre changé en douce");
	codec_encode(RT_NEED, &n, &b);
	old = raw_swap(dir, "need", 8, &b);
	assert_int_equal(verify(dir, &e), ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "need #8"));
	assert_non_null(strstr(e.msg, "changed outside cercle"));
	buf_free(&b);
	b = raw_swap(dir, "need", 8, &old);
	buf_free(&old);
	buf_free(&b);
	assert_int_equal(verify(dir, &e), 0);

	/* (c) a stale index entry: need 999 does not exist. */
	{
		struct raw r;
		/* One index database: [index][key length][key][id]. */
		MDB_dbi dbi = raw_open(&r, dir, "ix");
		uint8_t kb[16] = { IX_NEED_TERRITORY, 0, 5, 'A', 'l', 'p',
		    'e', 's' };
		MDB_val k = { 16, kb }, v = { 0, kb };

		store_be64(999, kb + 8);
		assert_int_equal(mdb_put(r.txn, dbi, &k, &v, 0), 0);
		raw_close(&r);
	}
	assert_int_equal(verify(dir, &e), ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "ix_need_territory"));
	assert_non_null(strstr(e.msg, "stale"));

	/* (d) a damaged record: verify names it, store_get refuses it. */
	b.len = 0;
	buf_add(&b, "\xdd\xff\xff\xff\xff", 5);
	old = raw_swap(dir, "need", 4, &b);
	buf_free(&old);
	assert_int_equal(verify(dir, &e), ERR_SYSTEM);
	assert_int_equal(hub_open(dir, 0, &h, &e), 0);
	assert_int_equal(hub_read(h, &t, &e), 0);
	{
		struct need n2;
		assert_int_equal(store_get(t, RT_NEED, 4, &n2, &e),
		    ERR_SYSTEM);
		assert_non_null(strstr(e.msg, "damaged need record"));
		assert_non_null(strstr(e.msg, "#4"));
	}
	hub_read_end(t);
	hub_close(h);
	buf_free(&b);
	codec_free(RT_JOURNAL, &je);
	codec_free(RT_NEED, &n);
	free(dir);
}

/* ---- map growth ---- */

static int
op_many(struct hub_ctx *c, void *argp)
{
	struct put_arg *a = argp;
	char *desc = xmalloc(a->desc_len + 1);
	int rc = 0;

	memset(desc, 'd', a->desc_len);
	desc[a->desc_len] = '\0';
	a->first = 0;
	for (int i = 0; i < a->count && rc == 0; i++) {
		struct need n;
		uint64_t id;

		if ((rc = store_next_id(c->t, RT_NEED, &id, c->e)) != 0)
			break;
		if (a->first == 0)
			a->first = id;
		memset(&n, 0, sizeof n);
		n.title = "Besoin";
		n.territory = "Alpes";
		n.description = desc;
		rc = store_put(c->t, RT_NEED, id, &n, c->e);
	}
	free(desc);
	return rc;
}

static int
add_many(struct hub *h, int count, size_t desc_len, uint64_t *first,
    struct err *e)
{
	struct actor who;
	struct put_arg a = { RT_NEED, 0, NULL, count, desc_len, 0 };
	int rc;

	hub_actor_console(&who, NULL);
	rc = hub_run(h, &who, "test.many", "many", op_many, &a, e);
	if (first)
		*first = a.first;
	return rc;
}

static uint64_t
count_needs(struct hub *h)
{
	struct store_txn *t;
	struct err e;
	uint64_t n;

	assert_int_equal(hub_read(h, &t, &e), 0);
	n = store_count(t, RT_NEED);
	hub_read_end(t);
	return n;
}

static void
test_map_growth(void **state)
{
	char *dir = newdir();
	struct hub *h;
	struct err e;
	uint64_t first = 0, before;
	struct buf rep = { 0 };

	(void)state;
	setenv("CERCLE_MAP_SIZE", "65536", 1);
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	assert_int_equal(store_map_size(h->st), 65536);
	/* Small operations until the map must grow. */
	for (int i = 0; i < 20; i++)
		assert_int_equal(add_many(h, 5, 1000, NULL, &e), 0);
	before = store_map_size(h->st);
	assert_true(before > 65536);
	/* One operation far larger than the map: grown, redone whole. */
	assert_int_equal(add_many(h, 300, 2000, &first, &e), 0);
	assert_int_equal(first, 101);
	assert_true(store_map_size(h->st) > before);
	assert_true(store_map_size(h->st) >= 600000);
	assert_int_equal(count_needs(h), 400);
	assert_int_equal(store_verify(h->st, &rep, &e), 0);
	buf_free(&rep);
	hub_close(h);
	unsetenv("CERCLE_MAP_SIZE");
	free(dir);
}

/* Group commit's nested transactions: three children, the second
 * aborted. Ids and the journal tail go back to the parent only from a
 * committed child, so the third child reuses the aborted one's id and
 * entry number, and the chain verifies. */
struct child_arg {
	uint64_t ids[3], jlast[3], parent_id;
};

static int
op_children(struct hub_ctx *c, void *argp)
{
	struct child_arg *a = argp;
	struct store_txn *ct;
	int rc;

	for (int i = 0; i < 3; i++) {
		struct need n;
		if ((rc = store_child_begin(c->t, &ct, c->e)) != 0)
			return rc;
		store_txn_set_op(ct, "console:test", "test.child", "child");
		need_init(&n, "Enfant", "Alpes", 0, 0);
		if ((rc = store_next_id(ct, RT_NEED, &a->ids[i], c->e)) == 0)
			rc = store_put(ct, RT_NEED, a->ids[i], &n, c->e);
		codec_free(RT_NEED, &n);
		if (rc != 0) {
			store_child_abort(ct);
			return rc;
		}
		a->jlast[i] = store_journal_last(ct);
		if (i == 1)
			store_child_abort(ct);
		else if ((rc = store_child_commit(ct, c->e)) != 0)
			return rc;
	}
	return store_next_id(c->t, RT_NEED, &a->parent_id, c->e);
}

static void
test_child_txns(void **state)
{
	char *dir = newdir();
	struct child_arg a = { { 0 }, { 0 }, 0 };
	struct store_txn *t;
	struct hub *h;
	struct actor who;
	struct buf rep = { 0 };
	struct err e;
	struct need n;
	uint64_t j0;

	(void)state;
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	assert_int_equal(hub_read(h, &t, &e), 0);
	j0 = store_journal_last(t);
	hub_read_end(t);
	hub_actor_console(&who, NULL);
	assert_int_equal(hub_run(h, &who, "test.children", "x", op_children,
	    &a, &e), 0);
	assert_int_equal(a.ids[0], 1);
	assert_int_equal(a.ids[1], 2);
	assert_int_equal(a.ids[2], 2);	/* the aborted child's id is free */
	assert_int_equal(a.jlast[0], j0 + 1);
	assert_int_equal(a.jlast[1], j0 + 2);
	assert_int_equal(a.jlast[2], j0 + 2);
	assert_int_equal(a.parent_id, 3);	/* after the last child's */
	assert_int_equal(hub_read(h, &t, &e), 0);
	assert_int_equal(store_count(t, RT_NEED), 2);
	assert_int_equal(store_journal_last(t), j0 + 2);
	assert_int_equal(store_get(t, RT_NEED, 2, &n, &e), 0);
	codec_free(RT_NEED, &n);
	assert_int_equal(store_get(t, RT_NEED, 3, &n, &e), ERR_NOTFOUND);
	hub_read_end(t);
	assert_int_equal(store_verify(h->st, &rep, &e), 0);
	buf_free(&rep);
	hub_close(h);
	free(dir);
}

static int
op_lying(struct hub_ctx *c, void *argp)
{
	int *calls = argp;

	(*calls)++;
	return err_set(c->e, ERR_SYSTEM, "'x' says: the database map is "
	    "full");
}

/* A failed write that is then reported in other words still grows. */
static int
op_rewrap(struct hub_ctx *c, void *argp)
{
	struct put_arg *a = argp;
	int rc = op_many(c, a);

	if (rc != 0)
		return err_set(c->e, ERR_REFUSED, "something else");
	return 0;
}

static void
test_map_full_detection(void **state)
{
	char *dir = newdir();
	struct hub *h;
	struct actor who;
	struct err e;
	struct put_arg a = { RT_NEED, 0, NULL, 100, 2000, 0 };
	int calls = 0;

	(void)state;
	setenv("CERCLE_MAP_SIZE", "65536", 1);
	hub_actor_console(&who, NULL);
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	assert_int_equal(hub_run(h, &who, "t", "t", op_lying, &calls, &e),
	    ERR_SYSTEM);
	assert_int_equal(calls, 1);
	assert_int_equal(store_map_size(h->st), 65536);
	assert_int_equal(hub_run(h, &who, "t", "t", op_rewrap, &a, &e), 0);
	assert_true(store_map_size(h->st) > 65536);
	assert_int_equal(count_needs(h), 100);
	hub_close(h);
	unsetenv("CERCLE_MAP_SIZE");
	free(dir);
}

/* Process B has the environment open when process A grows the map far
 * past B's size: B still reads and writes. */
static void
test_map_resized_by_other(void **state)
{
	char *dir = newdir();
	struct hub *h;
	struct err e;
	struct buf rep = { 0 };
	pid_t pid;
	int status;

	(void)state;
	setenv("CERCLE_MAP_SIZE", "65536", 1);
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	assert_int_equal(add_many(h, 1, 10, NULL, &e), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct hub *h2;
		struct err e2;
		int ok;

		if (hub_open(dir, 0, &h2, &e2) != 0)
			_exit(1);
		ok = add_many(h2, 200, 3000, NULL, &e2) == 0 &&
		    store_map_size(h2->st) > 600000;
		/* The parent's handle is never touched in the child. */
		hub_close(h2);
		_exit(ok ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(store_map_size(h->st), 65536);
	assert_int_equal(count_needs(h), 201);	/* read: adopts the size */
	assert_true(store_map_size(h->st) > 600000);
	assert_int_equal(add_many(h, 3, 100, NULL, &e), 0);
	assert_int_equal(count_needs(h), 204);
	assert_int_equal(store_verify(h->st, &rep, &e), 0);
	buf_free(&rep);
	hub_close(h);
	unsetenv("CERCLE_MAP_SIZE");
	free(dir);
}

/* A child holding a read transaction is killed: its slot is reclaimed. */
static void
test_reader_slot_reclaim(void **state)
{
	char *dir = newdir();
	struct hub *h;
	struct err e;
	int fds[2], status;
	pid_t pid;
	char ch;

	(void)state;
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	assert_int_equal(add_many(h, 2, 10, NULL, &e), 0);
	assert_int_equal(store_reader_check(h->st), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct hub *h2;
		struct store_txn *t;
		struct err e2;

		close(fds[0]);
		if (hub_open(dir, 0, &h2, &e2) != 0 ||
		    hub_read(h2, &t, &e2) != 0)
			_exit(1);
		if (write(fds[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &ch, 1), 1);
	close(fds[0]);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(store_reader_check(h->st), 1);
	assert_int_equal(store_reader_check(h->st), 0);
	/* The database keeps working. */
	assert_int_equal(add_many(h, 1, 10, NULL, &e), 0);
	assert_int_equal(count_needs(h), 3);
	hub_close(h);
	free(dir);
}

static void
test_open_refusals(void **state)
{
	char *dir = newdir();
	struct hub *h;
	struct err e;
	char path[300];

	(void)state;
	/* A directory with no database: refused, nothing created. */
	assert_int_equal(hub_open(dir, 0, &h, &e), ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "not a cercle database"));
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	assert_int_not_equal(access(path, F_OK), 0);
	snprintf(path, sizeof path, "%s/lock.mdb", dir);
	assert_int_not_equal(access(path, F_OK), 0);
	/* Missing directory, and a file in its place. */
	assert_int_equal(hub_open("no-such-dir", 0, &h, &e), ERR_SYSTEM);
	snprintf(path, sizeof path, "%s/file", dir);
	fclose(fopen(path, "w"));
	assert_int_equal(hub_open(path, 0, &h, &e), ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "not a directory"));
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_and_scans),
		cmocka_unit_test(test_verify_tampering),
		cmocka_unit_test(test_map_growth),
		cmocka_unit_test(test_child_txns),
		cmocka_unit_test(test_map_full_detection),
		cmocka_unit_test(test_map_resized_by_other),
		cmocka_unit_test(test_reader_slot_reclaim),
		cmocka_unit_test(test_open_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
