/* test-gov-dot.c: dot voting, themes and workstreams through the hub on a
 * real LMDB database in a temporary directory: budgets, refusals, ranking,
 * needs becoming prioritised, sign-ups. */
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
#include "codec.h"

struct fix {
	char dir[256];
	struct hub *h;
	uint64_t needs[4];
};

struct need_arg {
	const char *title;
	uint64_t id;
	const char *category;
};

/* Needs are written directly: this test is about what follows them. */
static int
op_need(struct hub_ctx *c, void *argp)
{
	struct need_arg *a = argp;
	struct need n;
	int rc;

	memset(&n, 0, sizeof n);
	n.title = (char *)a->title;
	n.category = (char *)a->category;
	n.created = util_now();
	if ((rc = store_next_id(c->t, RT_NEED, &a->id, c->e)) != 0)
		return rc;
	return store_put(c->t, RT_NEED, a->id, &n, c->e);
}

static struct actor
as(const char *login)
{
	struct actor a;

	hub_actor_member(&a, login);
	return a;
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	struct actor con;
	struct err e;
	const char *titles[] = { "Wifi in Digne", "Help with taxes online",
	    "Phones for seniors", "Printers" };

	snprintf(f->dir, sizeof f->dir, "%s/dotdb.XXXXXX",
	    getenv("TEST_TMP") ? getenv("TEST_TMP") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(hub_open(f->dir, 1, &f->h, &e), 0);
	hub_actor_console(&con, NULL);
	assert_int_equal(hub_init(f->h, &con, "Test", &e), 0);
	assert_int_equal(hub_member_add(f->h, &con, "fac", "Fac",
	    ROLE_FACILITATOR, NULL, NULL, NULL, &e), 0);
	assert_int_equal(hub_member_add(f->h, &con, "ann", "Ann",
	    ROLE_MEMBER, NULL, NULL, NULL, &e), 0);
	assert_int_equal(hub_member_add(f->h, &con, "bob", "Bob",
	    ROLE_MEMBER, NULL, NULL, NULL, &e), 0);
	assert_int_equal(hub_member_add(f->h, &con, "cor", "Cor",
	    ROLE_CORRESPONDENT, NULL, NULL, NULL, &e), 0);
	assert_int_equal(hub_member_add(f->h, &con, "obs", "Obs",
	    ROLE_OBSERVER, NULL, NULL, NULL, &e), 0);
	for (int i = 0; i < 4; i++) {
		struct need_arg a = { titles[i], 0, i < 2 ? "santé" :
		    "connexion" };
		assert_int_equal(hub_run(f->h, &con, "need.add", titles[i],
		    op_need, &a, &e), 0);
		f->needs[i] = a.id;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char cmd[300];

	hub_close(f->h);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void
pair(struct u64_list *n, struct u64_list *p, uint64_t need, uint64_t pts)
{
	u64_list_push(n, need);
	u64_list_push(p, pts);
}

static void
test_dot_round(void **state)
{
	struct fix *f = *state;
	struct actor fac = as("fac"), ann = as("ann"), bob = as("bob");
	struct actor cor = as("cor");
	struct u64_list needs = { 0 }, n = { 0 }, p = { 0 };
	struct store_txn *t;
	struct dotround r;
	struct need nd;
	struct err e;
	uint64_t round, theme, ws;

	for (int i = 0; i < 4; i++)
		u64_list_push(&needs, f->needs[i]);
	assert_int_equal(hub_round_open(f->h, &ann, "Spring", 10, &needs,
	    NULL, &round, &e), ERR_REFUSED);
	assert_int_equal(hub_round_open(f->h, &fac, "Spring", 0, &needs,
	    NULL, &round, &e), ERR_USAGE);
	assert_int_equal(hub_round_open(f->h, &fac, "Spring", 10, &needs,
	    NULL, &round, &e), 0);

	/* Over the budget: refused, and nothing is written. */
	pair(&n, &p, f->needs[0], 6);
	pair(&n, &p, f->needs[1], 5);
	assert_int_equal(hub_round_ballot(f->h, &ann, round, &n, &p, &e),
	    ERR_REFUSED);
	assert_non_null(strstr(e.msg, "11 points given, the budget is 10"));
	u64_list_free(&n);
	u64_list_free(&p);
	/* Ann: 6 on need 0, 4 on need 2; then changes her mind. */
	pair(&n, &p, f->needs[0], 6);
	pair(&n, &p, f->needs[2], 4);
	assert_int_equal(hub_round_ballot(f->h, &ann, round, &n, &p, &e), 0);
	u64_list_free(&n);
	u64_list_free(&p);
	pair(&n, &p, f->needs[1], 3);
	pair(&n, &p, f->needs[2], 7);
	assert_int_equal(hub_round_ballot(f->h, &ann, round, &n, &p, &e), 0);
	/* A correspondent does not vote. */
	assert_int_equal(hub_round_ballot(f->h, &cor, round, &n, &p, &e),
	    ERR_REFUSED);
	u64_list_free(&n);
	u64_list_free(&p);
	/* Bob: 3 on need 1, 7 on need 3. */
	pair(&n, &p, f->needs[1], 3);
	pair(&n, &p, f->needs[3], 7);
	assert_int_equal(hub_round_ballot(f->h, &bob, round, &n, &p, &e), 0);
	u64_list_free(&n);
	u64_list_free(&p);
	/* A need outside the round. */
	pair(&n, &p, 999, 1);
	assert_int_equal(hub_round_ballot(f->h, &bob, round, &n, &p, &e),
	    ERR_REFUSED);
	u64_list_free(&n);
	u64_list_free(&p);

	assert_int_equal(hub_theme_add(f->h, &fac, "Too early", "spec", round,
	    &needs, NULL, &theme, &e), ERR_REFUSED);
	assert_int_equal(hub_round_close(f->h, &ann, round, &e), ERR_REFUSED);
	assert_int_equal(hub_round_close(f->h, &fac, round, &e), 0);
	assert_int_equal(hub_round_close(f->h, &fac, round, &e), ERR_REFUSED);
	pair(&n, &p, f->needs[0], 1);
	assert_int_equal(hub_round_ballot(f->h, &bob, round, &n, &p, &e),
	    ERR_REFUSED);
	assert_non_null(strstr(e.msg, "round closed"));
	u64_list_free(&n);
	u64_list_free(&p);

	/* Totals: need1 6, need2 7, need3 7, need0 0: ties to the older. */
	assert_int_equal(hub_read(f->h, &t, &e), 0);
	assert_int_equal(store_get(t, RT_DOTROUND, round, &r, &e), 0);
	hub_read_end(t);
	assert_int_equal(r.ranking.n, 4);
	assert_int_equal(r.ranking.v[0], f->needs[2]);
	assert_int_equal(r.scores.v[0], 7);
	assert_int_equal(r.ranking.v[1], f->needs[3]);
	assert_int_equal(r.scores.v[1], 7);
	assert_int_equal(r.ranking.v[2], f->needs[1]);
	assert_int_equal(r.scores.v[2], 6);
	assert_int_equal(r.ranking.v[3], f->needs[0]);
	assert_int_equal(r.scores.v[3], 0);

	/* The two best become a theme; they are prioritised. */
	u64_list_free(&needs);
	u64_list_push(&needs, r.ranking.v[0]);
	u64_list_push(&needs, r.ranking.v[1]);
	codec_free(RT_DOTROUND, &r);
	assert_int_equal(hub_theme_add(f->h, &fac, "Seniors online",
	    "Two days to build a kit.", round, &needs, "Switch #2", &theme,
	    &e), 0);
	assert_int_equal(hub_read(f->h, &t, &e), 0);
	assert_int_equal(store_get(t, RT_NEED, f->needs[2], &nd, &e), 0);
	assert_int_equal(nd.status, NEED_PRIORITISED);
	codec_free(RT_NEED, &nd);
	assert_int_equal(store_get(t, RT_NEED, f->needs[0], &nd, &e), 0);
	assert_int_equal(nd.status, NEED_REPORTED);
	codec_free(RT_NEED, &nd);
	hub_read_end(t);

	assert_int_equal(hub_workstream_add(f->h, &ann, theme, "Kit", &ws,
	    &e), ERR_REFUSED);
	assert_int_equal(hub_workstream_add(f->h, &fac, theme, "Kit", &ws,
	    &e), 0);
	assert_int_equal(hub_workstream_join(f->h, &ann, ws, &e), 0);
	assert_int_equal(hub_workstream_join(f->h, &ann, ws, &e),
	    ERR_REFUSED);
	assert_int_equal(hub_workstream_join(f->h, &cor, ws, &e), 0);
	struct actor obs = as("obs");
	assert_int_equal(hub_workstream_join(f->h, &obs, ws, &e),
	    ERR_REFUSED);
	u64_list_free(&needs);

	struct buf rep = { 0 };
	assert_int_equal(store_verify(f->h->st, &rep, &e), 0);
	buf_free(&rep);
}

static void
test_category_round(void **state)
{
	struct fix *f = *state;
	struct actor fac = as("fac"), ann = as("ann"), bob = as("bob");
	struct str_list cats = { 0 }, bad = { 0 };
	struct u64_list needs = { 0 }, n = { 0 }, p = { 0 }, in = { 0 };
	struct store_txn *t;
	struct dotround r;
	struct err e;
	uint64_t round;

	str_list_push(&cats, "santé");
	str_list_push(&cats, "connexion");
	str_list_push(&cats, "mobilité");
	u64_list_push(&needs, f->needs[0]);
	assert_int_equal(hub_round_open(f->h, &fac, "Both", 10, &needs, &cats,
	    &round, &e), ERR_USAGE);
	str_list_push(&bad, "santé");
	str_list_push(&bad, "astronomie");
	assert_int_equal(hub_round_open(f->h, &fac, "Bad", 10, NULL, &bad,
	    &round, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "unknown category 'astronomie'"));
	assert_int_equal(hub_round_open(f->h, &fac, "Categories", 5, NULL,
	    &cats, &round, &e), 0);
	/* Items are the categories' numbers, 1..3. */
	u64_list_push(&n, 4);
	u64_list_push(&p, 1);
	assert_int_equal(hub_round_ballot(f->h, &ann, round, &n, &p, &e),
	    ERR_REFUSED);
	assert_non_null(strstr(e.msg, "category 4 is not in round"));
	u64_list_free(&n);
	u64_list_free(&p);
	pair(&n, &p, 2, 3);
	pair(&n, &p, 3, 2);
	assert_int_equal(hub_round_ballot(f->h, &ann, round, &n, &p, &e), 0);
	u64_list_free(&n);
	u64_list_free(&p);
	pair(&n, &p, 2, 5);
	assert_int_equal(hub_round_ballot(f->h, &bob, round, &n, &p, &e), 0);
	assert_int_equal(hub_round_close(f->h, &fac, round, &e), 0);
	assert_int_equal(hub_read(f->h, &t, &e), 0);
	assert_int_equal(store_get(t, RT_DOTROUND, round, &r, &e), 0);
	assert_int_equal(r.ranking.n, 3);
	assert_int_equal(r.ranking.v[0], 2);	/* connexion, 8 points */
	assert_int_equal(r.scores.v[0], 8);
	assert_int_equal(r.ranking.v[1], 3);
	assert_int_equal(r.ranking.v[2], 1);
	assert_string_equal(r.categories.v[r.ranking.v[0] - 1], "connexion");
	assert_int_equal(hub_needs_in_category(t, "connexion", &in, &e), 0);
	assert_int_equal(in.n, 2);
	assert_true(u64_list_has(&in, f->needs[2]));
	assert_true(u64_list_has(&in, f->needs[3]));
	codec_free(RT_DOTROUND, &r);
	hub_read_end(t);
	u64_list_free(&n);
	u64_list_free(&p);
	u64_list_free(&in);
	u64_list_free(&needs);
	str_list_free(&cats);
	str_list_free(&bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dot_round, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_category_round, setup,
		    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
