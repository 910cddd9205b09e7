/* test-consent.c: the pure consent rules of model.c against independent
 * oracles: every combination of positions for 1 to 7 voters, quorum, the
 * watch rule, tension and need status paths, overdue actions, dot ranks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"

/*
 * The oracle is written from DOMAIN.md §4.4 in another shape than
 * model_outcome: it walks the positions themselves, not a tally.
 */
static int
oracle(const int *pos, int n, int unanimity)
{
	int blocks = 0, support = 0;

	for (int i = 0; i < n; i++) {
		if (pos[i] == POS_BLOCK)
			blocks++;
		else if (pos[i] == POS_APPROVE || pos[i] == POS_ALERT)
			support = 1;
	}
	if (unanimity && blocks >= 1)
		return OUT_REJECTED;
	if (!unanimity && blocks >= 2)
		return OUT_REJECTED;
	return support ? OUT_RETAINED : OUT_NO_DECISION;
}

static void
test_outcome_exhaustive(void **state)
{
	long checked = 0, by_outcome[3] = { 0, 0, 0 };

	(void)state;
	for (int n = 1; n <= 7; n++) {
		long combos = 1;
		for (int i = 0; i < n; i++)
			combos *= 4;
		for (long code = 0; code < combos; code++) {
			int pos[7];
			long c = code;
			for (int i = 0; i < n; i++) {
				pos[i] = (int)(c % 4);
				c /= 4;
			}
			struct tally t;
			model_tally(pos, (size_t)n, &t);
			assert_int_equal(t.approve + t.alert + t.withdraw +
			    t.block, n);
			for (int u = 0; u <= 1; u++) {
				int got = model_outcome(&t, u);
				int want = oracle(pos, n, u);
				if (got != want)
					fail_msg("n=%d code=%ld unanimity=%d: "
					    "got %s, want %s", n, code, u,
					    model_outcome_name(got),
					    model_outcome_name(want));
				by_outcome[got]++;
				checked++;
			}
		}
	}
	/* 2 x (4 + 16 + ... + 4^7) */
	assert_int_equal(checked, 2 * 21844);
	assert_true(by_outcome[OUT_RETAINED] > 0);
	assert_true(by_outcome[OUT_REJECTED] > 0);
	assert_true(by_outcome[OUT_NO_DECISION] > 0);
}

static void
test_outcome_cases(void **state)
{
	struct tally t;
	int lone[] = { POS_APPROVE, POS_BLOCK, POS_APPROVE };
	int two[] = { POS_BLOCK, POS_APPROVE, POS_BLOCK };
	int wd[] = { POS_WITHDRAW, POS_WITHDRAW };
	int alert[] = { POS_ALERT, POS_WITHDRAW, POS_BLOCK };
	int junk[] = { POS_APPROVE, 7, -1 };

	(void)state;
	model_tally(lone, 3, &t);
	assert_int_equal(model_outcome(&t, 0), OUT_RETAINED);
	assert_int_equal(model_outcome(&t, 1), OUT_REJECTED);
	model_tally(two, 3, &t);
	assert_int_equal(t.blockers, 2);
	assert_int_equal(model_outcome(&t, 0), OUT_REJECTED);
	model_tally(wd, 2, &t);
	assert_int_equal(model_outcome(&t, 0), OUT_NO_DECISION);
	assert_int_equal(model_outcome(&t, 1), OUT_NO_DECISION);
	model_tally(alert, 3, &t);
	assert_int_equal(model_outcome(&t, 0), OUT_RETAINED);
	model_tally(NULL, 0, &t);
	assert_int_equal(model_outcome(&t, 0), OUT_NO_DECISION);
	model_tally(junk, 3, &t);
	assert_int_equal(t.approve, 1);
	assert_int_equal(t.alert + t.withdraw + t.block, 0);
	assert_int_equal(model_block_threshold(0), 2);
	assert_int_equal(model_block_threshold(1), 1);
	assert_string_equal(model_outcome_name(OUT_NO_DECISION),
	    "no-decision");
}

static void
test_quorum(void **state)
{
	(void)state;
	for (uint64_t n = 0; n <= 30; n++) {
		uint64_t q = model_quorum(n);
		/* smallest q with 3q >= 2n */
		assert_true(3 * q >= 2 * n);
		if (q > 0)
			assert_true(3 * (q - 1) < 2 * n);
		for (uint64_t k = 0; k <= n + 1; k++)
			assert_int_equal(model_quorum_met(k, n),
			    n > 0 && 3 * k >= 2 * n);
	}
	assert_int_equal(model_quorum(6), 4);
	assert_int_equal(model_quorum(7), 5);
	assert_int_equal(model_quorum(3), 2);
	assert_int_equal(model_quorum(1), 1);
	assert_int_equal(model_quorum(0), 0);
	assert_int_equal(model_quorum(30), 20);
	assert_false(model_quorum_met(0, 0));
}

static void
test_watch(void **state)
{
	struct member m;

	(void)state;
	memset(&m, 0, sizeof m);
	for (uint64_t b = 0; b < 3; b++)
		for (uint64_t w = 0; w < 6; w++) {
			m.watch_blocks = b;
			m.watch_withdrawals = w;
			assert_int_equal(model_watch_flagged(&m),
			    b >= 1 || w >= 3);
		}
}

static void
test_tension_path(void **state)
{
	int ok[][2] = {
		{ TS_AGENDA, TS_PROCESS }, { TS_AGENDA, TS_DROPPED },
		{ TS_PROCESS, TS_DECIDED }, { TS_PROCESS, TS_AGENDA },
		{ TS_PROCESS, TS_ADJOURNED }, { TS_PROCESS, TS_ESCALATED },
		{ TS_ADJOURNED, TS_PROCESS }, { TS_ADJOURNED, TS_DROPPED },
	};
	size_t nok = sizeof ok / sizeof ok[0];

	(void)state;
	for (int f = -1; f <= TS__COUNT; f++)
		for (int t = -1; t <= TS__COUNT; t++) {
			int want = 0;
			for (size_t i = 0; i < nok; i++)
				if (ok[i][0] == f && ok[i][1] == t)
					want = 1;
			assert_int_equal(model_tension_transition_ok(f, t),
			    want);
		}
	assert_true(model_tension_on_agenda(TS_AGENDA));
	assert_true(model_tension_on_agenda(TS_ADJOURNED));
	assert_true(model_tension_on_agenda(TS_PROCESS));
	assert_false(model_tension_on_agenda(TS_DECIDED));
	assert_false(model_tension_on_agenda(TS_ESCALATED));
	assert_false(model_tension_on_agenda(TS_DROPPED));
	for (int s = 0; s < TS__COUNT; s++)
		assert_int_equal(model_tension_status_parse(
		    model_tension_status_name(s)), s);
}

static void
test_need_path(void **state)
{
	(void)state;
	assert_true(model_need_transition_ok(NEED_REPORTED, NEED_QUALIFIED));
	assert_true(model_need_transition_ok(NEED_QUALIFIED,
	    NEED_PRIORITISED));
	assert_true(model_need_transition_ok(NEED_PRIORITISED,
	    NEED_IN_SWITCH));
	assert_true(model_need_transition_ok(NEED_IN_SWITCH,
	    NEED_ADDRESSED));
	assert_false(model_need_transition_ok(NEED_REPORTED,
	    NEED_ADDRESSED));
	assert_false(model_need_transition_ok(NEED_MERGED, NEED_REPORTED));
	assert_false(model_need_transition_ok(NEED_REPORTED, NEED_MERGED));
	assert_true(model_need_transition_ok(NEED_ARCHIVED, NEED_REPORTED));
	assert_false(model_need_transition_ok(NEED_ARCHIVED,
	    NEED_QUALIFIED));
}

static void
test_action_overdue(void **state)
{
	struct action a;

	(void)state;
	memset(&a, 0, sizeof a);
	assert_false(model_action_overdue(&a, 1000));
	a.due = 500;
	for (int s = 0; s < AS__COUNT; s++) {
		a.status = (uint64_t)s;
		assert_int_equal(model_action_overdue(&a, 1000),
		    s == AS_TODO || s == AS_DOING);
		assert_false(model_action_overdue(&a, 500));
		assert_false(model_action_overdue(&a, 100));
	}
}

static void
test_dot_rank(void **state)
{
	uint64_t needs[] = { 5, 2, 9, 3, 7 };
	uint64_t scores[] = { 4, 10, 4, 0, 10 };
	uint64_t rn[5], rs[5];
	uint64_t want_n[] = { 2, 7, 5, 9, 3 };
	uint64_t want_s[] = { 10, 10, 4, 4, 0 };

	(void)state;
	model_dot_rank(needs, scores, 5, rn, rs);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(rn[i], want_n[i]);
		assert_int_equal(rs[i], want_s[i]);
	}
	model_dot_rank(needs, scores, 0, rn, rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcome_exhaustive),
		cmocka_unit_test(test_outcome_cases),
		cmocka_unit_test(test_quorum),
		cmocka_unit_test(test_watch),
		cmocka_unit_test(test_tension_path),
		cmocka_unit_test(test_need_path),
		cmocka_unit_test(test_action_overdue),
		cmocka_unit_test(test_dot_rank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
