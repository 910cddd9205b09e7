/* test-store-renew.c: a read transaction parked with store_txn_reset() and
 * renewed sees the commits made meanwhile, the journal tail included (the
 * interface's live refresh depends on it). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "hub.h"

static void
test_renew_sees_new_journal(void **state)
{
	char dir[] = "/tmp/cercle-renew-XXXXXX";
	struct hub *h;
	struct actor admin;
	struct store_txn *t;
	struct err e;
	uint64_t before, after, id, txn0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	hub_actor_console(&admin, NULL);
	assert_int_equal(hub_init(h, &admin, "Hub", &e), 0);
	assert_int_equal(hub_read(h, &t, &e), 0);
	before = store_journal_last(t);
	store_txn_reset(t);
	txn0 = store_last_txnid(h->st);
	assert_int_equal(hub_member_add(h, &admin, "alice", "Alice",
	    ROLE_MEMBER, NULL, NULL, &id, &e), 0);
	assert_true(store_last_txnid(h->st) > txn0);
	assert_int_equal(store_txn_renew(t, &e), 0);
	after = store_journal_last(t);
	assert_int_equal(after, before + 1);
	hub_read_end(t);
	hub_close(h);
	{
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_renew_sees_new_journal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
