/* test-store-migrate.c: a database of schema 1 that lacks indexes (made
 * before the round and public indexes existed, or with none at all) gains
 * the current layout when a newer cercle opens it: every index built from
 * the records into "ix" in one write transaction, after which lists use
 * it and verify is sound. tests/e2e/test-store-layout.sh migrates a whole
 * schema-1 database made by the older cercle. */
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

/* What an older cercle left: schema 1, and no index database. */
static void
make_v1(const char *dir)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi, meta;
	uint8_t sv[8];
	MDB_val k = { 6, "schema" }, v = { 8, sv };

	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 64);
	assert_int_equal(mdb_env_open(env, dir, 0, 0660), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "ix", 0, &dbi), 0);
	assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &meta), 0);
	store_be64(1, sv);
	assert_int_equal(mdb_put(txn, meta, &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

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
	make_v1(dir);

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_index_is_built),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
