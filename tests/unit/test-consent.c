/* test-consent.c: the pure consent rules of model.c against independent
 * oracles: every combination of positions for 1 to 7 voters (also as
 * histories with disabled members), quorum, the
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

/*
 * The same exhaustive table, now over position histories: n voters
 * (1..7) each end on pos[i]; before that, each took another position on
 * version 1 (superseded by the amendment) and, for odd members, another
 * on version 2 that they changed (superseded on the same version); some
 * members are disabled (they do not count: their positions stay on
 * record, uncounted); one more member, disabled, blocks version 2; and
 * one member answered only version 1 (not counted on version 2). The
 * outcome from the history (model_round_tally over who counts) must be
 * the oracle's over the final positions of the members who count.
 */
static void
test_outcome_histories(void **state)
{
	long checked = 0;
	struct position h[7 * 3 + 2];
	int counts[7 * 3 + 2];

	(void)state;
	for (int n = 1; n <= 7; n++) {
		long combos = 1;
		for (int i = 0; i < n; i++)
			combos *= 4;
		for (long code = 0; code < combos; code++) {
			for (int dis = 0; dis < 3; dis++) {
				int pos[7], live[7], nl = 0;
				size_t k = 0;
				long c = code;
				struct member m;

				memset(h, 0, sizeof h);
				for (int i = 0; i < n; i++) {
					pos[i] = (int)(c % 4);
					c /= 4;
				}
				/* Version 1: everyone, then the lone one. */
				for (int i = 0; i < n; i++) {
					h[k].member = (uint64_t)i + 1;
					h[k].version = 1;
					h[k].kind = (uint64_t)((pos[i] + 1) % 4);
					k++;
				}
				h[k].member = 100;
				h[k].version = 1;
				h[k].kind = POS_BLOCK;
				k++;
				/* Version 2: odd members change their mind. */
				for (int i = 0; i < n; i++) {
					if (i % 2) {
						h[k].member = (uint64_t)i + 1;
						h[k].version = 2;
						h[k].kind = (uint64_t)((pos[i] +
						    2) % 4);
						k++;
					}
				}
				h[k].member = 200;	/* disabled */
				h[k].version = 2;
				h[k].kind = POS_BLOCK;
				k++;
				for (int i = 0; i < n; i++) {
					h[k].member = (uint64_t)i + 1;
					h[k].version = 2;
					h[k].kind = (uint64_t)pos[i];
					k++;
				}
				memset(&m, 0, sizeof m);
				m.roles = ROLE_MEMBER;
				for (size_t j = 0; j < k; j++) {
					uint64_t id = h[j].member;
					m.disabled = id == 200 || (dis && id <
					    100 && (id + (uint64_t)dis) % 3 ==
					    0);
					counts[j] = model_member_counts(&m);
				}
				for (int i = 0; i < n; i++) {
					m.disabled = dis && ((uint64_t)i + 1 +
					    (uint64_t)dis) % 3 == 0;
					if (!m.disabled)
						live[nl++] = pos[i];
				}
				for (int u = 0; u <= 1; u++) {
					struct tally t;
					model_round_tally(h, k, 2, counts, &t);
					assert_int_equal(t.approve + t.alert +
					    t.withdraw + t.block, nl);
					int got = model_outcome(&t, u);
					int want = oracle(live, nl, u);
					if (got != want)
						fail_msg("n=%d code=%ld dis=%d "
						    "u=%d: got %s, want %s", n,
						    code, dis, u,
						    model_outcome_name(got),
						    model_outcome_name(want));
					checked++;
				}
			}
		}
	}
	assert_int_equal(checked, 3 * 2 * 21844);
}

/* The current positions of a long round (sorted since it may hold
 * thousands of changes) are those the pairwise rule names: each member's
 * last record, in record order. */
static void
test_positions_current_long(void **state)
{
	enum { N = 3000 };
	static struct position h[N];
	static size_t cur[N];
	size_t k, want = 0;
	unsigned seed = 7;

	(void)state;
	memset(h, 0, sizeof h);
	for (size_t i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		h[i].member = 1 + (seed >> 16) % 250;
	}
	k = model_positions_current(h, N, cur);
	for (size_t i = 0; i < N; i++) {
		int later = 0;
		for (size_t j = i + 1; j < N && !later; j++)
			later = h[j].member == h[i].member;
		if (later)
			continue;
		assert_true(want < k);
		assert_int_equal(cur[want], i);
		want++;
	}
	assert_int_equal(k, want);
	/* By first position: the order of each member's first record. */
	model_positions_by_first(h, N, cur, k);
	want = 0;
	for (size_t i = 0; i < N; i++) {
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = h[j].member == h[i].member;
		if (seen)
			continue;
		assert_true(want < k);
		assert_int_equal(h[cur[want]].member, h[i].member);
		for (size_t j = cur[want] + 1; j < N; j++)
			assert_true(h[j].member != h[i].member);
		want++;
	}
	assert_int_equal(k, want);
	assert_int_equal(model_positions_current(h, 0, cur), 0);
}

static void
test_positions_current(void **state)
{
	struct position h[6];
	size_t cur[6];
	struct member m;

	(void)state;
	memset(h, 0, sizeof h);
	/* m1 block v1, m2 approve v1, m1 approve v1, amend, m1 block v2 */
	h[0].member = 1; h[0].version = 1; h[0].kind = POS_BLOCK;
	h[1].member = 2; h[1].version = 1; h[1].kind = POS_APPROVE;
	h[2].member = 1; h[2].version = 1; h[2].kind = POS_APPROVE;
	h[3].member = 1; h[3].version = 2; h[3].kind = POS_BLOCK;
	assert_int_equal(model_positions_current(h, 4, cur), 2);
	assert_int_equal(cur[0], 1);
	assert_int_equal(cur[1], 3);
	assert_int_equal(model_position_last_on(h, 4, 1, 1), 2);
	assert_int_equal(model_position_last_on(h, 4, 2, 2), -1);
	memset(&m, 0, sizeof m);
	m.roles = ROLE_MEMBER;
	assert_true(model_member_counts(&m));
	m.disabled = 1;
	assert_false(model_member_counts(&m));
	m.disabled = 0;
	m.roles = ROLE_FACILITATOR | ROLE_OBSERVER;
	assert_false(model_member_counts(&m));
}

static void
test_watch_uses(void **state)
{
	struct position h[8];
	uint64_t b, w;

	(void)state;
	memset(h, 0, sizeof h);
	/* A block changed on the same version before the close: no use. */
	h[0].member = 1; h[0].version = 1; h[0].kind = POS_BLOCK;
	h[1].member = 1; h[1].version = 1; h[1].kind = POS_APPROVE;
	model_watch_uses(h, 2, 1, 1, &b, &w);
	assert_int_equal(b, 0);
	assert_int_equal(w, 0);
	/* A block that stood on version 1 until the amendment, and one on
	 * version 2 at the close: two uses. */
	h[2].member = 1; h[2].version = 1; h[2].kind = POS_BLOCK;
	h[3].member = 1; h[3].version = 2; h[3].kind = POS_BLOCK;
	model_watch_uses(h, 4, 2, 1, &b, &w);
	assert_int_equal(b, 2);
	/* Blocked version 1, approved version 2: one use. */
	h[3].kind = POS_APPROVE;
	model_watch_uses(h, 4, 2, 1, &b, &w);
	assert_int_equal(b, 1);
	assert_int_equal(w, 0);
	/* A withdrawal counts at the close only. */
	h[4].member = 2; h[4].version = 1; h[4].kind = POS_WITHDRAW;
	model_watch_uses(h, 5, 2, 2, &b, &w);
	assert_int_equal(w, 0);
	h[5].member = 2; h[5].version = 2; h[5].kind = POS_WITHDRAW;
	model_watch_uses(h, 6, 2, 2, &b, &w);
	assert_int_equal(w, 1);
	assert_int_equal(b, 0);
	h[6].member = 2; h[6].version = 2; h[6].kind = POS_APPROVE;
	model_watch_uses(h, 7, 2, 2, &b, &w);
	assert_int_equal(w, 0);
	model_watch_uses(h, 7, 2, 9, &b, &w);
	assert_int_equal(b + w, 0);
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
		cmocka_unit_test(test_outcome_histories),
		cmocka_unit_test(test_positions_current),
		cmocka_unit_test(test_positions_current_long),
		cmocka_unit_test(test_watch_uses),
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
