/* test-view.c: the core views for a viewer: who sees a member's keys and
 * which acts each viewer is offered, paging with cursors, the journal of
 * a hidden round until it closes, the need acts. Linked against the hub
 * layer and below only (no ncurses, no libssh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hub.h"

struct fix {
	char dir[64];
	struct hub *h;
	struct actor admin, facil, zinc, irts, obs;
	uint64_t prop, need;
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	static const char *voters[] = { "zinc", "irts", "urban" };
	struct err e;
	struct need_input in = { 0 };
	uint64_t id, t;
	char fp[100];

	snprintf(f->dir, sizeof f->dir, "/tmp/cercle-view-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(hub_open(f->dir, 1, &f->h, &e), 0);
	hub_actor_console(&f->admin, NULL);
	assert_int_equal(hub_init(f->h, &f->admin, "Hub", &e), 0);
	assert_int_equal(hub_member_add(f->h, &f->admin, "facil", "F",
	    ROLE_MEMBER | ROLE_FACILITATOR, "Alpes", NULL, &id, &e), 0);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(hub_member_add(f->h, &f->admin, voters[i],
		    voters[i], ROLE_MEMBER, "Azur", NULL, &id, &e), 0);
	assert_int_equal(hub_member_add(f->h, &f->admin, "obs", "O",
	    ROLE_OBSERVER, NULL, NULL, &id, &e), 0);
	assert_int_equal(hub_member_key_add(f->h, &f->admin, "zinc",
	    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAzYOgPQgHnlExkcJLEcL20ZPdadT"
	    "JJQEu0Sef95L+f3 z@x", fp, sizeof fp, &e), 0);
	hub_actor_member(&f->facil, "facil");
	hub_actor_member(&f->zinc, "zinc");
	hub_actor_member(&f->irts, "irts");
	hub_actor_member(&f->obs, "obs");
	in.title = "Ateliers";
	in.territory = "Alpes";
	assert_int_equal(hub_need_add(f->h, &f->zinc, &in, &f->need, &e), 0);
	assert_int_equal(hub_tension_add(f->h, &f->zinc, TK_PROJECT, "T",
	    NULL, NULL, &t, &e), 0);
	assert_int_equal(hub_proposal_add(f->h, &f->zinc, t, "P", 0,
	    util_parse_date("2099-01-01"), 1, &f->prop, &e), 0);
	assert_int_equal(hub_position_set(f->h, &f->irts, f->prop, POS_BLOCK,
	    "no", &e), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char cmd[128];

	hub_close(f->h);
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static void
member_as(struct fix *f, struct actor *who, const char *login,
    struct hub_member_view *v)
{
	struct hub_rd *r;
	struct err e;

	assert_int_equal(hub_rd_open(f->h, who, &r, &e), 0);
	assert_int_equal(hub_member_view_get(r, login, v, &e), 0);
	hub_rd_close(r);	/* the view outlives the snapshot */
}

static void
test_member_keys_and_acts(void **state)
{
	struct fix *f = *state;
	struct hub_member_view v;

	member_as(f, &f->admin, "zinc", &v);
	assert_true(v.keys_shown);
	assert_int_equal(v.m.keys.n, 1);
	assert_true(v.acts & HUB_MEMBER_ACT_DISABLE);
	assert_false(v.acts & HUB_MEMBER_ACT_ENABLE);
	hub_member_view_free(&v);

	member_as(f, &f->zinc, "zinc", &v);	/* themself */
	assert_true(v.keys_shown);
	assert_int_equal(v.acts, HUB_MEMBER_ACT_PREFS);
	hub_member_view_free(&v);

	member_as(f, &f->obs, "zinc", &v);	/* someone else */
	assert_false(v.keys_shown);
	assert_int_equal(v.nkeys, 1);
	assert_int_equal(v.m.keys.n, 0);
	assert_int_equal(v.acts, 0);
	hub_member_view_free(&v);
}

static int
count_cb(const struct hub_member_view *v, void *arg)
{
	(void)v;
	(*(int *)arg)++;
	return 0;
}

static void
test_member_pages(void **state)
{
	struct fix *f = *state;
	struct hub_rd *r;
	struct err e;
	char next[HUB_CURSOR_MAX], after[HUB_CURSOR_MAX] = "";
	int n = 0, pages = 0;

	assert_int_equal(hub_rd_open(f->h, &f->obs, &r, &e), 0);
	do {
		assert_int_equal(hub_member_page(r, after, 2, count_cb, &n,
		    next, &e), 0);
		memcpy(after, next, sizeof after);
		pages++;
	} while (next[0]);
	assert_int_equal(n, 5);
	assert_int_equal(pages, 3);
	assert_int_equal(hub_member_count(r), 5);
	assert_int_equal(hub_member_page(r, "junk", 2, count_cb, &n, next,
	    &e), ERR_USAGE);
	/* Parked: no view, a clear error. */
	hub_rd_park(r);
	assert_int_equal(hub_member_page(r, NULL, 0, count_cb, &n, next, &e),
	    ERR_SYSTEM);
	hub_rd_close(r);
}

static int
key_cb(const char *login, const char *keyline, void *arg)
{
	assert_string_equal(login, "zinc");
	assert_true(strncmp(keyline, "ssh-ed25519 ", 12) == 0);
	(*(int *)arg)++;
	return 0;
}

/* The authorized_keys listing: the console only. */
static void
test_member_keys_all(void **state)
{
	struct fix *f = *state;
	struct hub_rd *r;
	struct err e;
	int n = 0;

	assert_int_equal(hub_rd_open(f->h, &f->admin, &r, &e), 0);
	assert_int_equal(hub_member_keys_all(r, key_cb, &n, &e), 0);
	assert_int_equal(n, 1);
	hub_rd_close(r);
	assert_int_equal(hub_rd_open(f->h, &f->zinc, &r, &e), 0);
	assert_int_equal(hub_member_keys_all(r, key_cb, &n, &e),
	    ERR_REFUSED);
	hub_rd_close(r);
}

struct jseen {
	int positions, masked, kind;
};

static int
journal_cb(const struct hub_journal_view *v, void *arg)
{
	struct jseen *s = arg;

	if (strcmp(v->op, "position") == 0) {
		s->positions++;
		s->masked += v->masked;
		if (v->summary && strstr(v->summary, "block"))
			s->kind++;
	}
	return 0;
}

static void
test_journal_hidden(void **state)
{
	struct fix *f = *state;
	struct hub_rd *r;
	struct err e;
	struct jseen s = { 0 };
	struct hub_close hc;

	assert_int_equal(hub_rd_open(f->h, &f->zinc, &r, &e), 0);
	assert_int_equal(hub_journal_page(r, 0, NULL, 0, journal_cb, &s, NULL,
	    &e), 0);
	assert_int_equal(s.positions, 1);
	assert_int_equal(s.masked, 1);
	assert_int_equal(s.kind, 0);
	hub_rd_park(r);
	/* Every voting member answers: the round may close early. */
	assert_int_equal(hub_position_set(f->h, &f->zinc, f->prop,
	    POS_APPROVE, NULL, &e), 0);
	{
		struct actor u, fa;
		hub_actor_member(&u, "urban");
		assert_int_equal(hub_position_set(f->h, &u, f->prop,
		    POS_APPROVE, NULL, &e), 0);
		assert_int_equal(hub_position_set(f->h, &f->facil, f->prop,
		    POS_APPROVE, NULL, &e), 0);
		hub_actor_member(&fa, "facil");
		assert_int_equal(hub_proposal_close(f->h, &fa, f->prop, &hc,
		    &e), 0);
	}
	memset(&s, 0, sizeof s);
	assert_int_equal(hub_rd_renew(r, &e), 0);
	assert_int_equal(hub_journal_page(r, 1, NULL, 0, journal_cb, &s, NULL,
	    &e), 0);
	assert_int_equal(s.positions, 4);
	assert_int_equal(s.masked, 0);
	hub_rd_close(r);
}

static int
need_cb(struct hub_rd *r, const struct hub_need_view *v, void *arg)
{
	(void)r;
	*(unsigned *)arg = v->acts;
	return 0;
}

static void
test_need_acts(void **state)
{
	struct fix *f = *state;
	struct hub_rd *r;
	struct need_filter nf;
	struct err e;
	unsigned acts = 0;

	hub_need_filter_init(&nf);
	/* The reporter edits, does not support their own need. */
	assert_int_equal(hub_rd_open(f->h, &f->zinc, &r, &e), 0);
	assert_int_equal(hub_need_page(r, &nf, NEED_SORT_NEWEST, NULL, 0,
	    need_cb, &acts, NULL, &e), 0);
	assert_true(acts & HUB_NEED_ACT_EDIT);
	assert_false(acts & HUB_NEED_ACT_SUPPORT);
	assert_false(acts & HUB_NEED_ACT_STATUS);
	hub_rd_close(r);
	/* Another member supports it; the observer may do nothing. */
	assert_int_equal(hub_rd_open(f->h, &f->irts, &r, &e), 0);
	assert_int_equal(hub_need_page(r, &nf, NEED_SORT_NEWEST, NULL, 0,
	    need_cb, &acts, NULL, &e), 0);
	assert_true(acts & HUB_NEED_ACT_SUPPORT);
	assert_false(acts & HUB_NEED_ACT_EDIT);
	hub_rd_close(r);
	assert_int_equal(hub_rd_open(f->h, &f->obs, &r, &e), 0);
	assert_int_equal(hub_need_page(r, &nf, NEED_SORT_NEWEST, NULL, 0,
	    need_cb, &acts, NULL, &e), 0);
	assert_int_equal(acts, 0);
	hub_rd_close(r);
	/* The facilitator moderates. */
	assert_int_equal(hub_rd_open(f->h, &f->facil, &r, &e), 0);
	assert_int_equal(hub_need_page(r, &nf, NEED_SORT_NEWEST, NULL, 0,
	    need_cb, &acts, NULL, &e), 0);
	assert_true(acts & HUB_NEED_ACT_STATUS);
	assert_true(acts & HUB_NEED_ACT_MERGE);
	hub_rd_close(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_member_keys_and_acts,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_member_pages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_member_keys_all, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_journal_hidden, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_need_acts, setup,
		    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
