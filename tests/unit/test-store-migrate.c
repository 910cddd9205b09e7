/* test-store-migrate.c: a database made before an index or a record type
 * existed gains it when a newer cercle opens it (created, indexes built
 * from the records, the schema steps run, in one write transaction),
 * after which it is used and verify is sound; a newer one is refused.
 * tests/e2e/test-store-layout.sh migrates a whole schema-1 database made
 * by an older cercle (one LMDB database per index) to schema 3. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lmdb.h>

#include "codec.h"
#include "hub.h"
#include "store.h"

static int
op_needs(struct hub_ctx *c, void *argp)
{
	static const char *rounds[] = { "2026-B1", "2026-B2", "2026-B2" };
	uint64_t id;
	int rc;

	(void)argp;
	for (int i = 0; i < 3; i++) {
		struct need n;

		memset(&n, 0, sizeof n);
		n.title = "besoin";
		n.territory = "Alpes";
		n.public_ = i ? "senior" : "jeune";
		n.round = (char *)rounds[i];
		if ((rc = store_next_id(c->t, RT_NEED, &id, c->e)) != 0 ||
		    (rc = store_put(c->t, RT_NEED, id, &n, c->e)) != 0)
			return rc;
	}
	return 0;
}

/* What an older cercle left: the same database without a database. */
static void
drop_db(const char *dir, const char *name)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;

	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 64);
	assert_int_equal(mdb_env_open(env, dir, 0, 0660), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, name, 0, &dbi), 0);
	assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

static void set_schema(const char *dir, uint64_t v);

static void
test_missing_index_is_built(void **state)
{
	char dir[] = "migrate-XXXXXX";
	struct store *s;
	struct store_txn *t;
	struct hub *h;
	struct actor who;
	struct buf report = { 0 };
	struct err e;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	hub_actor_console(&who, NULL);
	assert_int_equal(hub_run(h, &who, "test.needs", NULL, op_needs, NULL,
	    &e), 0);
	hub_close(h);
	/* Every index lives in "ix" (schema 3): without it, all are built
	 * from the records. */
	drop_db(dir, "ix");
	set_schema(dir, 2);

	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	assert_int_equal(store_begin(s, 0, &t, &e), 0);
	assert_int_equal(store_ix_count(t, IX_NEED_ROUND, "2026-B2", 7), 2);
	assert_int_equal(store_ix_count(t, IX_NEED_ROUND, "2026-B1", 7), 1);
	assert_int_equal(store_ix_count(t, IX_NEED_PUBLIC, "senior", 6), 2);
	assert_int_equal(store_ix_count(t, IX_NEED_TERRITORY, "Alpes", 5), 3);
	store_abort(t);
	assert_int_equal(store_verify(s, &report, &e), 0);
	buf_free(&report);
	store_close(s);
}

/* Set the schema version an older cercle would have written. */
static void
set_schema(const char *dir, uint64_t v)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_val k = { 6, "schema" }, val;
	uint8_t b[8];

	store_be64(v, b);
	val.mv_size = 8;
	val.mv_data = b;
	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 64);
	assert_int_equal(mdb_env_open(env, dir, 0, 0660), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
	assert_int_equal(mdb_put(txn, dbi, &k, &val, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

static int
op_workstream(struct hub_ctx *c, void *argp)
{
	struct workstream w;
	uint64_t id;
	int rc;

	(void)argp;
	memset(&w, 0, sizeof w);
	w.title = "chantier";
	w.theme = 1;
	if ((rc = store_next_id(c->t, RT_WORKSTREAM, &id, c->e)) != 0)
		return rc;
	return store_put(c->t, RT_WORKSTREAM, id, &w, c->e);
}

/* A database made by the previous schema (1): no checkpoint database, and
 * without a record type a later cercle added (here the workstreams and
 * the interface states, dropped). Opening it creates both, runs the
 * schema-2 step and records schema 2; the new record type takes writes
 * and the database verifies. */
static void
test_previous_schema_opens(void **state)
{
	char dir[] = "schema1-XXXXXX";
	struct store *s;
	struct store_txn *t;
	struct hub *h;
	struct actor who;
	struct buf report = { 0 };
	struct store_ckpt cp;
	struct err e;
	uint64_t head;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	hub_actor_console(&who, NULL);
	assert_int_equal(hub_run(h, &who, "test.needs", NULL, op_needs, NULL,
	    &e), 0);
	hub_close(h);
	drop_db(dir, "checkpoint");
	drop_db(dir, "workstream");
	drop_db(dir, "ustate");
	set_schema(dir, 1);

	assert_int_equal(hub_open(dir, 0, &h, &e), 0);
	assert_int_equal(hub_run(h, &who, "test.ws", NULL, op_workstream,
	    NULL, &e), 0);
	assert_int_equal(store_begin(h->st, 0, &t, &e), 0);
	assert_int_equal(store_count(t, RT_WORKSTREAM), 1);
	head = store_journal_last(t);
	assert_int_equal(head, 4);
	assert_int_equal(store_checkpoint_last(t, &cp), 0);
	store_abort(t);
	assert_int_equal(store_verify(h->st, &report, &e), 0);
	buf_free(&report);
	hub_close(h);

	/* The version is now current: a reopen migrates nothing more. */
	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	store_close(s);
}

/* A database newer than this cercle is refused, and left as it was. */
static void
test_newer_schema_refused(void **state)
{
	char dir[] = "schema9-XXXXXX";
	struct hub *h;
	struct err e;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	hub_close(h);
	set_schema(dir, STORE_SCHEMA + 1);
	assert_int_equal(hub_open(dir, 0, &h, &e), ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "upgrade cercle"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_index_is_built),
		cmocka_unit_test(test_previous_schema_opens),
		cmocka_unit_test(test_newer_schema_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
