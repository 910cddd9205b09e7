/* test-store-migrate.c: a database made before an index existed gains it
 * when a newer cercle opens it: built from the records in one write
 * transaction, after which lists use it and verify is sound. */
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

/* What an older cercle left: the same database without the index. */
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
	drop_db(dir, "ix_need_round");
	drop_db(dir, "ix_need_public");

	assert_int_equal(store_open(dir, 0, &s, &e), 0);
	assert_int_equal(store_begin(s, 0, &t, &e), 0);
	assert_int_equal(store_ix_count(t, IX_NEED_ROUND, "2026-B2", 7), 2);
	assert_int_equal(store_ix_count(t, IX_NEED_ROUND, "2026-B1", 7), 1);
	assert_int_equal(store_ix_count(t, IX_NEED_PUBLIC, "senior", 6), 2);
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
