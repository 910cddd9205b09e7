/* test-gov-views.c: the governance views on a real LMDB database: what a
 * viewer sees of a hidden round, the live quorum after members are
 * disabled, the acts offered agreeing with the operations, overdue
 * actions, and strings that outlive the parked snapshot. Uses only the
 * hub layer (model, codec, store, hub): no terminal, no SSH. */
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

struct fix {
	char dir[256];
	struct hub *h;
	uint64_t tension, proposal;
};

static struct actor
as(const char *login)
{
	struct actor a;

	if (login == NULL)
		hub_actor_console(&a, NULL);
	else
		hub_actor_member(&a, login);
	return a;
}

/* A meeting of five voting members, all present, on a hidden round where
 * bob blocks and cid approves. */
static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	struct actor con = as(NULL), fac = as("fac"), ann = as("ann");
	const char *present[] = { "fac", "ann", "bob", "cid", "dan" };
	const char *voters[] = { "ann", "bob", "cid", "dan" };
	struct err e;
	uint64_t id;

	snprintf(f->dir, sizeof f->dir, "%s/viewdb.XXXXXX",
	    getenv("TEST_TMP") ? getenv("TEST_TMP") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(hub_open(f->dir, 1, &f->h, &e), 0);
	assert_int_equal(hub_init(f->h, &con, "Test", &e), 0);
	assert_int_equal(hub_member_add(f->h, &con, "fac", "Fac",
	    ROLE_MEMBER | ROLE_FACILITATOR, NULL, NULL, NULL, &e), 0);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(hub_member_add(f->h, &con, voters[i],
		    voters[i], ROLE_MEMBER, NULL, NULL, NULL, &e), 0);
	assert_int_equal(hub_member_add(f->h, &con, "obs", "Obs",
	    ROLE_OBSERVER, NULL, NULL, NULL, &e), 0);
	assert_int_equal(hub_meeting_open(f->h, &fac, 0, "AG", &id, &e), 0);
	assert_int_equal(hub_meeting_present(f->h, &fac, present, 5, &e), 0);
	assert_int_equal(hub_meeting_review(f->h, &fac, &e), 0);
	assert_int_equal(hub_tension_add(f->h, &ann, TK_POSITION, "Tribune",
	    NULL, NULL, &f->tension, &e), 0);
	assert_int_equal(hub_meeting_take(f->h, &fac, f->tension, &id, &e),
	    0);
	assert_int_equal(hub_proposal_add(f->h, &ann, f->tension, "Signer.",
	    0, 0, 1, &f->proposal, &e), 0);
	{
		struct actor bob = as("bob"), cid = as("cid");
		assert_int_equal(hub_position_set(f->h, &bob, f->proposal,
		    POS_BLOCK, "Secret.", &e), 0);
		assert_int_equal(hub_position_set(f->h, &cid, f->proposal,
		    POS_APPROVE, NULL, &e), 0);
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

static const struct hub_vposition *
pos_of(const struct hub_proposal_view *v, const char *login)
{
	for (size_t i = 0; i < v->npos; i++)
		if (strcmp(v->pos[i].login, login) == 0)
			return &v->pos[i];
	return NULL;
}

static void
test_hidden_round(void **state)
{
	struct fix *f = *state;
	struct actor con = as(NULL), bob = as("bob"), fac = as("fac");
	struct hub_proposal_view v;
	struct hub_close out;
	struct hub_rd *r;
	struct err e;

	/* The console sees how many answered, nothing else. */
	assert_int_equal(hub_rd_open(f->h, &con, &r, &e), 0);
	assert_int_equal(hub_proposal_view(r, f->proposal, &v, &e), 0);
	hub_rd_park(r);
	assert_true(v.masked);
	assert_int_equal(v.answered, 2);
	assert_int_equal(v.tally.approve + v.tally.block + v.tally.blockers,
	    0);
	assert_int_equal(v.if_closed, -1);
	assert_int_equal(v.npos, 2);
	for (size_t i = 0; i < v.npos; i++) {
		assert_true(v.pos[i].hidden);
		assert_int_equal(v.pos[i].kind, -1);
		assert_null(v.pos[i].reason);
	}
	/* Copied out: readable once the snapshot is parked. */
	assert_string_equal(v.versions.v[0], "Signer.");
	assert_string_equal(v.supporter, "ann");
	assert_string_equal(v.tension_title, "Tribune");
	hub_proposal_view_free(&v);
	hub_rd_close(r);

	/* bob sees his own block and its reason, not cid's approval. */
	assert_int_equal(hub_rd_open(f->h, &bob, &r, &e), 0);
	assert_int_equal(hub_proposal_view(r, f->proposal, &v, &e), 0);
	assert_int_equal(pos_of(&v, "bob")->kind, POS_BLOCK);
	assert_string_equal(pos_of(&v, "bob")->reason, "Secret.");
	assert_true(pos_of(&v, "cid")->hidden);
	assert_int_equal(v.mine, POS_BLOCK);
	assert_int_equal(v.tally.block, 0);
	hub_proposal_view_free(&v);

	/* The meeting view masks its round the same way. */
	{
		struct hub_meeting_view m;
		assert_int_equal(hub_meeting_view(r, 0, &m, &e), 0);
		assert_int_equal(m.proposal, f->proposal);
		assert_true(m.masked);
		assert_int_equal(m.answered, 2);
		assert_int_equal(m.tally.approve + m.tally.block, 0);
		hub_meeting_view_free(&m);
	}

	/* Closed: the veil lifts. */
	assert_int_equal(hub_proposal_close(f->h, &fac, f->proposal, &out,
	    &e), 0);
	assert_int_equal(hub_rd_renew(r, &e), 0);
	assert_int_equal(hub_proposal_view(r, f->proposal, &v, &e), 0);
	assert_false(v.masked);
	assert_int_equal(v.tally.approve, 1);
	assert_int_equal(v.tally.block, 1);
	assert_int_equal(pos_of(&v, "cid")->kind, POS_APPROVE);
	assert_int_equal(v.status, PS_RETAINED);
	assert_int_not_equal(v.decision, 0);
	hub_proposal_view_free(&v);
	hub_rd_close(r);
}

static void
test_live_quorum(void **state)
{
	struct fix *f = *state;
	struct actor con = as(NULL);
	struct hub_meeting_view m;
	struct hub_rd *r;
	struct err e;

	assert_int_equal(hub_rd_open(f->h, &con, &r, &e), 0);
	assert_int_equal(hub_meeting_view(r, 0, &m, &e), 0);
	assert_int_equal(m.quorum.present, 5);
	assert_int_equal(m.quorum.members, 5);
	assert_int_equal(m.quorum.needed, model_quorum(5));
	assert_true(m.quorum.reached);
	assert_int_equal(m.npeople, 5);
	hub_meeting_view_free(&m);

	/* Two present members disabled: they count neither as present nor
	 * as members, at once, in the view every surface shows. */
	assert_int_equal(hub_member_set_disabled(f->h, &con, "ann", 1, &e), 0);
	assert_int_equal(hub_member_set_disabled(f->h, &con, "bob", 1, &e), 0);
	assert_int_equal(hub_member_set_roles(f->h, &con, "cid",
	    ROLE_OBSERVER, &e), 0);
	assert_int_equal(hub_rd_renew(r, &e), 0);
	assert_int_equal(hub_meeting_view(r, 0, &m, &e), 0);
	assert_int_equal(m.quorum.present, 2);
	assert_int_equal(m.quorum.members, 2);
	assert_int_equal(m.quorum.needed, model_quorum(2));
	assert_int_equal(m.npeople, 2);
	hub_meeting_view_free(&m);

	/* The meeting list says the same. */
	assert_int_equal(hub_member_set_disabled(f->h, &con, "ann", 0, &e), 0);
	assert_int_equal(hub_rd_renew(r, &e), 0);
	assert_int_equal(hub_meeting_view(r, 0, &m, &e), 0);
	assert_int_equal(m.quorum.present, 3);
	assert_int_equal(m.quorum.members, 3);
	hub_meeting_view_free(&m);
	hub_rd_close(r);
}

/* An act refused in the view is refused by the operation in the same
 * words; one offered is accepted. */
static void
test_acts(void **state)
{
	struct fix *f = *state;
	struct actor obs = as("obs"), dan = as("dan"), ann = as("ann");
	struct hub_proposal_view v;
	struct hub_rd *r;
	struct err e;

	assert_int_equal(hub_rd_open(f->h, &obs, &r, &e), 0);
	assert_int_equal(hub_proposal_view(r, f->proposal, &v, &e), 0);
	assert_false(hub_acts_may(&v.acts, HUB_ACT_POSITION));
	assert_int_equal(v.acts.refused, HUB_ACT_POSITION);
	assert_int_equal(hub_position_set(f->h, &obs, f->proposal,
	    POS_APPROVE, NULL, &e), ERR_REFUSED);
	assert_string_equal(v.acts.why, e.msg);
	hub_proposal_view_free(&v);
	hub_rd_close(r);

	assert_int_equal(hub_rd_open(f->h, &dan, &r, &e), 0);
	assert_int_equal(hub_proposal_view(r, f->proposal, &v, &e), 0);
	assert_true(hub_acts_may(&v.acts, HUB_ACT_POSITION));
	assert_false(hub_acts_may(&v.acts, HUB_ACT_AMEND));
	assert_false(hub_acts_may(&v.acts, HUB_ACT_CLOSE));
	hub_proposal_view_free(&v);
	hub_rd_close(r);
	assert_int_equal(hub_position_set(f->h, &dan, f->proposal,
	    POS_WITHDRAW, NULL, &e), 0);

	assert_int_equal(hub_rd_open(f->h, &ann, &r, &e), 0);
	assert_int_equal(hub_proposal_view(r, f->proposal, &v, &e), 0);
	assert_true(hub_acts_may(&v.acts, HUB_ACT_AMEND));
	hub_proposal_view_free(&v);
	{
		struct hub_meeting_view m;
		assert_int_equal(hub_meeting_view(r, 0, &m, &e), 0);
		assert_true(hub_acts_may(&m.acts, HUB_ACT_ACK));
		assert_false(hub_acts_may(&m.acts, HUB_ACT_JOIN));
		assert_false(hub_acts_may(&m.acts, HUB_ACT_MEETING_CLOSE));
		assert_true(hub_acts_may(&m.pacts, HUB_ACT_POSITION));
		hub_meeting_view_free(&m);
	}
	hub_rd_close(r);
	assert_int_equal(hub_meeting_ack(f->h, &ann, &e), 0);
	assert_int_equal(hub_rd_open(f->h, &ann, &r, &e), 0);
	{
		struct hub_meeting_view m;
		assert_int_equal(hub_meeting_view(r, 0, &m, &e), 0);
		assert_false(hub_acts_may(&m.acts, HUB_ACT_ACK));
		assert_int_equal(m.acks.n, 1);
		hub_meeting_view_free(&m);
	}
	hub_rd_close(r);
}

struct count {
	size_t n, overdue;
	uint64_t last;
};

static int
action_cb(const struct hub_plan_action *a, void *arg)
{
	struct count *c = arg;

	c->n++;
	c->overdue += a->overdue;
	c->last = a->id;
	return 0;
}

static void
test_plan_pages(void **state)
{
	struct fix *f = *state;
	struct actor fac = as("fac"), con = as(NULL);
	struct hub_proposal_view v;
	struct hub_close out;
	struct count c;
	struct hub_rd *r;
	struct err e;
	char next[HUB_CURSOR_MAX];
	uint64_t dec, id;

	assert_int_equal(hub_proposal_close(f->h, &fac, f->proposal, &out,
	    &e), 0);
	dec = out.decision;
	assert_int_not_equal(dec, 0);
	assert_int_equal(hub_action_add(f->h, &fac, dec, "ann", "Late",
	    util_now() - 3 * 86400, &id, &e), 0);
	assert_int_equal(hub_action_add(f->h, &fac, dec, "bob", "Later",
	    util_now() + 30 * 86400, &id, &e), 0);
	assert_int_equal(hub_action_add(f->h, &fac, dec, "cid", "Done late",
	    util_now() - 3 * 86400, &id, &e), 0);
	assert_int_equal(hub_action_status(f->h, &fac, id, AS_DONE, &e), 0);

	assert_int_equal(hub_rd_open(f->h, &con, &r, &e), 0);
	memset(&c, 0, sizeof c);
	assert_int_equal(hub_action_list(r, 0, NULL, 2, action_cb, &c, next,
	    &e), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.overdue, 1);
	assert_string_not_equal(next, "");
	memset(&c, 0, sizeof c);
	assert_int_equal(hub_action_list(r, 0, next, 2, action_cb, &c, next,
	    &e), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.overdue, 0);	/* done: not overdue */
	assert_string_equal(next, "");
	memset(&c, 0, sizeof c);
	assert_int_equal(hub_action_list(r, HUB_ACTIONS_OPEN, NULL, 0,
	    action_cb, &c, NULL, &e), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(hub_action_list(r, 0, "junk", 0, action_cb, &c,
	    NULL, &e), ERR_USAGE);
	assert_int_equal(hub_proposal_view(r, 999, &v, &e), ERR_REFUSED);
	assert_string_equal(e.msg, "no proposal #999");
	hub_proposal_view_free(&v);
	hub_rd_park(r);
	assert_int_equal(hub_proposal_view(r, f->proposal, &v, &e),
	    ERR_SYSTEM);
	hub_proposal_view_free(&v);
	hub_rd_close(r);
}

struct dgot {
	int n;
	uint64_t proposal;
	char text[200];
};

static int
dgot_cb(const struct hub_plan_decision *d, void *arg)
{
	struct dgot *g = arg;

	g->n++;
	g->proposal = d->proposal;
	snprintf(g->text, sizeof g->text, "%s", d->text ? d->text : "");
	return 0;
}

struct aone {
	uint64_t id;
	char owner[MAX_LOGIN + 1], title[MAX_TITLE + 1];
	int64_t due;
};

static int
aone_cb(const struct hub_plan_action *a, void *arg)
{
	struct aone *x = arg;

	if (a->id == x->id) {
		snprintf(x->owner, sizeof x->owner, "%s", a->owner);
		snprintf(x->title, sizeof x->title, "%s", a->title);
		x->due = a->due;
	}
	return 0;
}

/* Editing an action (hub-action.c): its owner or the facilitator; a new
 * owner must be an active member; an unchanged action is refused; one
 * decision is read whole (hub_decision_get); each refused act keeps its
 * own words (hub_acts_why). */
static void
test_action_edit(void **state)
{
	struct fix *f = *state;
	struct actor fac = as("fac"), ann = as("ann"), bob = as("bob"),
	    con = as(NULL);
	struct hub_close out;
	struct hub_proposal_view v;
	struct aone x;
	struct dgot g;
	struct hub_rd *r;
	struct err e;
	uint64_t id;
	int64_t due = util_now() + 10 * 86400;

	/* bob's block was withdrawn so the round retains. */
	assert_int_equal(hub_position_set(f->h, &bob, f->proposal,
	    POS_APPROVE, NULL, &e), 0);
	assert_int_equal(hub_proposal_close(f->h, &fac, f->proposal, &out,
	    &e), 0);
	assert_int_equal(out.outcome, OUT_RETAINED);
	assert_int_equal(hub_action_add(f->h, &fac, out.decision, "ann",
	    "Rédiger", 0, &id, &e), 0);
	assert_int_equal(hub_action_edit(f->h, &bob, id, NULL, "Autre", 0,
	    &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "only the owner (ann)"));
	assert_int_equal(hub_action_edit(f->h, &ann, id, NULL, NULL, 0, &e),
	    ERR_REFUSED);
	assert_non_null(strstr(e.msg, "unchanged"));
	assert_int_equal(hub_action_edit(f->h, &ann, id, "nobody", NULL, 0,
	    &e), ERR_REFUSED);
	assert_int_equal(hub_action_edit(f->h, &ann, id, NULL, "", 0, &e),
	    ERR_USAGE);
	assert_int_equal(hub_action_edit(f->h, &ann, id, "bob", "Rédiger "
	    "la charte", due, &e), 0);
	assert_int_equal(hub_action_edit(f->h, &fac, id, NULL, NULL, 0, &e),
	    0);		/* the facilitator clears the due date */

	assert_int_equal(hub_rd_open(f->h, &con, &r, &e), 0);
	memset(&x, 0, sizeof x);
	x.id = id;
	assert_int_equal(hub_action_list(r, 0, NULL, 0, aone_cb, &x, NULL,
	    &e), 0);
	assert_string_equal(x.owner, "bob");
	assert_string_equal(x.title, "Rédiger la charte");
	assert_int_equal(x.due, 0);
	memset(&g, 0, sizeof g);
	assert_int_equal(hub_decision_get(r, out.decision, dgot_cb, &g, &e),
	    0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.proposal, f->proposal);
	assert_non_null(strstr(g.text, "Signer."));
	assert_int_equal(hub_decision_get(r, out.decision + 7, dgot_cb, &g,
	    &e), ERR_REFUSED);
	hub_rd_close(r);

	/* The observer's refusals, each in its own words. */
	{
		struct actor obs = as("obs");
		assert_int_equal(hub_rd_open(f->h, &obs, &r, &e), 0);
		assert_int_equal(hub_proposal_view(r, f->proposal, &v, &e), 0);
		assert_non_null(hub_acts_why(&v.acts, HUB_ACT_UNANIMITY));
		assert_non_null(hub_acts_why(&v.acts, HUB_ACT_ANSWER));
		assert_string_not_equal(hub_acts_why(&v.acts,
		    HUB_ACT_UNANIMITY), hub_acts_why(&v.acts,
		    HUB_ACT_ANSWER));
		assert_null(hub_acts_why(&v.acts, HUB_ACT_POSITION |
		    HUB_ACT_AMEND));	/* one act at a time */
		hub_proposal_view_free(&v);
		hub_rd_close(r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hidden_round, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_live_quorum, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_acts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_pages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_action_edit, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
