/* test-gov-demo.c: the governance part of the demo hub is built through
 * the hub operations on a real database and holds what the demo promises:
 * tensions of each kind on the agenda, a past meeting with retained,
 * adjourned and escalated proposals, an overdue action, an open
 * electronic round, sound minutes and a sound journal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "demo.h"
#include "codec.h"

static void
test_demo(void **state)
{
	char dir[256], cmd[300];
	struct hub *h;
	struct actor con;
	struct err e;
	struct store_txn *t;
	struct u64_list ag = { 0 };
	struct buf b = { 0 };
	int kinds[TK__COUNT] = { 0 }, open_async = 0, statuses[PS__COUNT] = { 0 };
	int overdue = 0;

	(void)state;
	snprintf(dir, sizeof dir, "%s/demo.XXXXXX", getenv("TEST_TMP") ?
	    getenv("TEST_TMP") : "/tmp");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(hub_open(dir, 1, &h, &e), 0);
	hub_actor_console(&con, NULL);
	assert_int_equal(hub_init(h, &con, "Demo", &e), 0);
	if (demo_gov(h, &e) != 0)
		fail_msg("demo_gov: %s", e.msg);
	assert_null(getenv("CERCLE_NOW"));

	assert_int_equal(hub_read(h, &t, &e), 0);
	assert_int_equal(hub_agenda(t, &ag, &e), 0);
	for (size_t i = 0; i < ag.n; i++) {
		struct tension tn;
		assert_int_equal(store_get(t, RT_TENSION, ag.v[i], &tn, &e), 0);
		kinds[tn.kind]++;
		codec_free(RT_TENSION, &tn);
	}
	for (int k = 0; k < TK__COUNT; k++)
		assert_true(kinds[k] >= 1);
	for (uint64_t id = 1; id <= store_count(t, RT_PROPOSAL); id++) {
		struct proposal p;
		assert_int_equal(store_get(t, RT_PROPOSAL, id, &p, &e), 0);
		statuses[p.status]++;
		if (p.status == PS_OPEN && p.closes > util_now())
			open_async++;
		codec_free(RT_PROPOSAL, &p);
	}
	assert_int_equal(open_async, 1);
	assert_true(statuses[PS_RETAINED] >= 1);
	assert_true(statuses[PS_ADJOURNED] >= 1);
	assert_true(statuses[PS_ESCALATED] >= 1);
	for (uint64_t id = 1; id <= store_count(t, RT_ACTION); id++) {
		struct action a;
		assert_int_equal(store_get(t, RT_ACTION, id, &a, &e), 0);
		overdue += model_action_overdue(&a, util_now());
		codec_free(RT_ACTION, &a);
	}
	assert_int_equal(overdue, 1);
	struct meeting m;
	assert_int_equal(store_get(t, RT_MEETING, 1, &m, &e), 0);
	assert_int_equal(m.status, MS_CLOSED);
	assert_true(m.closed < util_now() - 20 * 86400);
	codec_free(RT_MEETING, &m);
	hub_read_end(t);
	u64_list_free(&ag);

	assert_int_equal(hub_minutes(h, 1, 0, &b, &e), 0);
	assert_non_null(strstr(b.p, "Outcome: **retained**"));
	assert_non_null(strstr(b.p, "Outcome: **adjourned**"));
	assert_non_null(strstr(b.p, "Sent to the sages."));
	buf_free(&b);
	assert_int_equal(store_verify(h->st, &b, &e), 0);
	buf_free(&b);
	hub_close(h);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo),
	};
	unsetenv("CERCLE_NOW");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
