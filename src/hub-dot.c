/* hub-dot.c: prioritising needs by dot voting, the themes chosen for a
 * Switch and their workstreams (chantiers). Must not print: hub_run only. */
#include "hub.h"
#include "hub-batch.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOT_MAX_NEEDS	64
#define DOT_MAX_BUDGET	1000

struct dot_arg {
	const char *title, *spec, *switch_name;
	uint64_t budget, round, id, theme;
	const struct u64_list *needs, *points;
	const struct str_list *categories;
	int hidden;
};

/* The checks an operation starts with, shared with the views' acts (the
 * panes offer and refuse an act in the words the operation would). */
int
hub_dot_check(const struct actor *who, unsigned act, uint64_t id, int state,
    struct err *e)
{
	switch (act) {
	case HUB_DOT_ACT_OPEN:
		return hub_role_check(who, ROLE_FACILITATOR, "open a "
		    "prioritisation round", e);
	case HUB_DOT_ACT_BALLOT:
	case HUB_DOT_ACT_CLOSE:
		if (hub_role_check(who, act == HUB_DOT_ACT_BALLOT ?
		    ROLE_MEMBER : ROLE_FACILITATOR, act == HUB_DOT_ACT_BALLOT ?
		    N_("vote in a prioritisation round") :
		    N_("close a prioritisation round"), e) != 0)
			return e->code;
		if (state)
			return err_set(e, ERR_REFUSED, "round closed: round "
			    "%llu is over", (unsigned long long)id);
		return 0;
	case HUB_DOT_ACT_THEME:
		return hub_role_check(who, ROLE_FACILITATOR, "make a theme",
		    e);
	case HUB_DOT_ACT_WS_ADD:
		return hub_role_check(who, ROLE_FACILITATOR, "open a "
		    "workstream", e);
	case HUB_DOT_ACT_WS_JOIN:
		if (who->id == 0 || (who->roles & ~(uint64_t)ROLE_OBSERVER) ==
		    0)
			return err_set(e, ERR_REFUSED, "%s may not sign up "
			    "for a workstream: observers only read",
			    who->label);
		if (state)
			return err_set(e, ERR_REFUSED, "%s already signed up "
			    "for workstream %llu", who->label,
			    (unsigned long long)id);
		return 0;
	}
	return err_set(e, ERR_USAGE, "unknown act");
}

/* The items of a round: its needs, or its category numbers 1..n. */
static void
round_items(const struct dotround *r, struct u64_list *out)
{
	if (r->categories.n > 0)
		for (size_t i = 0; i < r->categories.n; i++)
			u64_list_push(out, i + 1);
	else
		for (size_t i = 0; i < r->needs.n; i++)
			u64_list_push(out, r->needs.v[i]);
}

static int
collect_id(uint64_t id, void *arg)
{
	u64_list_push(arg, id);
	return 0;
}

int
hub_needs_in_category(struct store_txn *t, const char *category,
    struct u64_list *ids, struct err *e)
{
	struct u64_list all = { 0 };
	struct need n;
	int rc;

	if (category == NULL || category[0] == '\0')
		return 0;
	rc = store_ix_scan(t, IX_NEED_CATEGORY, category, strlen(category), 0,
	    0, collect_id, &all, e);
	for (size_t i = 0; rc == 0 && i < all.n; i++) {
		if ((rc = store_get(t, RT_NEED, all.v[i], &n, e)) != 0)
			break;
		if (n.status != NEED_MERGED && n.status != NEED_ARCHIVED &&
		    !u64_list_has(ids, n.id))
			u64_list_push(ids, n.id);
		codec_free(RT_NEED, &n);
	}
	u64_list_free(&all);
	return rc;
}

static int
nf(struct hub_ctx *c, int rc, const char *what, uint64_t id)
{
	if (rc == ERR_NOTFOUND)
		return err_set(c->e, ERR_REFUSED, "no %s #%llu",
		    model_rtype_noun(what), (unsigned long long)id);
	return rc;
}

static int
op_round_open(struct hub_ctx *c, void *argp)
{
	struct dot_arg *a = argp;
	struct str_list cats = { 0 };
	struct dotround r;
	struct need n;
	uint64_t id;
	int rc;

	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_OPEN, 0, 0, c->e)) != 0)
		return rc;
	/* Categories as people type them, kept as configured. */
	if (a->categories->n > 0) {
		struct config cfg;
		int k;
		if ((rc = hub_config_get(c->t, &cfg, c->e)) != 0)
			return rc;
		for (size_t i = 0; i < a->categories->n && rc == 0; i++) {
			if ((k = hub_config_match(&cfg.categories, "category",
			    a->categories->v[i], c->e)) < 0)
				rc = ERR_REFUSED;
			else if (str_list_has(&cats, cfg.categories.v[k]))
				rc = err_set(c->e, ERR_USAGE, "category '%s' "
				    "is listed twice", cfg.categories.v[k]);
			else
				str_list_push(&cats, cfg.categories.v[k]);
		}
		codec_free(RT_CONFIG, &cfg);
		if (rc != 0)
			goto out;
	}
	for (size_t i = 0; i < a->needs->n; i++) {
		if ((rc = store_get(c->t, RT_NEED, a->needs->v[i], &n,
		    c->e)) != 0)
			return nf(c, rc, "need", a->needs->v[i]);
		int dead = n.status == NEED_MERGED ||
		    n.status == NEED_ARCHIVED;
		codec_free(RT_NEED, &n);
		if (dead)
			return err_set(c->e, ERR_REFUSED, "need %llu is "
			    "merged or archived", (unsigned long long)
			    a->needs->v[i]);
	}
	if ((rc = store_next_id(c->t, RT_DOTROUND, &id, c->e)) != 0)
		goto out;
	memset(&r, 0, sizeof r);
	r.title = (char *)a->title;
	r.budget = a->budget;
	r.needs = *a->needs;
	r.categories = cats;
	r.hidden = a->hidden != 0;
	r.opened = util_now();
	a->id = id;
	rc = store_put(c->t, RT_DOTROUND, id, &r, c->e);
out:
	str_list_free(&cats);
	return rc;
}

int
hub_round_open(struct hub *h, struct actor *who, const char *title,
    uint64_t budget, const struct u64_list *needs,
    const struct str_list *categories, uint64_t *id, struct err *e)
{
	struct hub_round_in in;

	memset(&in, 0, sizeof in);
	in.title = title;
	in.budget = budget;
	in.needs = needs;
	in.categories = categories;
	return hub_round_start(h, who, &in, id, e);
}

int
hub_round_start(struct hub *h, struct actor *who,
    const struct hub_round_in *in, uint64_t *id, struct err *e)
{
	static const struct u64_list no_needs = { NULL, 0 };
	static const struct str_list no_cats = { NULL, 0 };
	const char *title = in->title;
	uint64_t budget = in->budget;
	const struct u64_list *needs = in->needs;
	const struct str_list *categories = in->categories;
	struct dot_arg a;

	memset(&a, 0, sizeof a);
	a.hidden = in->hidden;
	a.title = title;
	a.budget = budget;
	if (needs == NULL)
		needs = &no_needs;
	if (categories == NULL)
		categories = &no_cats;
	a.needs = needs;
	a.categories = categories;
	if ((needs->n > 0) == (categories->n > 0))
		return err_set(e, ERR_USAGE, "a round is over needs or over "
		    "categories, not both");
	if (categories->n > 0) {
		if (categories->n < 2 || categories->n > DOT_MAX_NEEDS)
			return err_set(e, ERR_USAGE, "a round is over 2 to %d "
			    "categories", DOT_MAX_NEEDS);
		for (size_t i = 0; i < categories->n; i++) {
			if (text_check("category", categories->v[i],
			    MAX_SHORT, 0, e) != 0)
				return e->code;
			for (size_t j = 0; j < i; j++)
				if (strcmp(categories->v[i],
				    categories->v[j]) == 0)
					return err_set(e, ERR_USAGE, "category "
					    "'%s' is listed twice",
					    categories->v[i]);
		}
		needs = NULL;
	}
	if (title == NULL || title[0] == '\0')
		return err_set(e, ERR_USAGE, "a round needs a title");
	if (text_check("title", title, MAX_TITLE, 0, e) != 0)
		return e->code;
	if (budget < 1 || budget > DOT_MAX_BUDGET)
		return err_set(e, ERR_USAGE, "the budget is 1 to %d points",
		    DOT_MAX_BUDGET);
	if (needs != NULL && (needs->n < 2 || needs->n > DOT_MAX_NEEDS))
		return err_set(e, ERR_USAGE, "a round is over 2 to %d needs",
		    DOT_MAX_NEEDS);
	for (size_t i = 0; needs != NULL && i < needs->n; i++)
		for (size_t j = 0; j < i; j++)
			if (needs->v[i] == needs->v[j])
				return err_set(e, ERR_USAGE, "need %llu is "
				    "listed twice", (unsigned long long)
				    needs->v[i]);
	if (hub_run(h, who, "round.open", title, op_round_open, &a, e) != 0)
		return e->code;
	if (id)
		*id = a.id;
	return 0;
}

static int
op_round_ballot(struct hub_ctx *c, void *argp)
{
	struct dot_arg *a = argp;
	struct dotround r;
	struct ballot b;
	struct u64_list items = { 0 };
	uint8_t key[16];
	uint64_t id, sum = 0;
	int rc;

	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_BALLOT, 0, 0,
	    c->e)) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_DOTROUND, a->round, &r, c->e)) != 0)
		return nf(c, rc, "round", a->round);
	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_BALLOT, r.id,
	    r.status != 0, c->e)) != 0)
		goto out;
	round_items(&r, &items);
	for (size_t i = 0; i < a->needs->n; i++) {
		if (!u64_list_has(&items, a->needs->v[i])) {
			rc = err_set(c->e, ERR_REFUSED, "%s %llu is not in "
			    "round %llu", r.categories.n ? "category" : "need",
			    (unsigned long long)a->needs->v[i],
			    (unsigned long long)r.id);
			goto out;
		}
		sum += a->points->v[i];
	}
	if (sum > r.budget) {
		rc = err_set(c->e, ERR_REFUSED, "%llu points given, the "
		    "budget is %llu", (unsigned long long)sum,
		    (unsigned long long)r.budget);
		goto out;
	}
	store_be64(r.id, key);
	store_be64(c->who->id, key + 8);
	rc = store_ix_get(c->t, IX_BALLOT_KEY, key, 16, &id, c->e);
	if (rc == ERR_NOTFOUND)
		rc = store_next_id(c->t, RT_BALLOT, &id, c->e);
	if (rc != 0)
		goto out;
	memset(&b, 0, sizeof b);
	b.round = r.id;
	b.member = c->who->id;
	b.needs = *a->needs;
	b.points = *a->points;
	b.updated = util_now();
	rc = store_put(c->t, RT_BALLOT, id, &b, c->e);
out:
	u64_list_free(&items);
	codec_free(RT_DOTROUND, &r);
	return rc;
}

/* Group commit (hub-batch.c): a ballot (points given or taken back),
 * as a request. */
static void
ballot_enc(const void *argp, struct bq_enc *pk)
{
	const struct dot_arg *a = argp;

	bq_array(pk, 3);
	bq_u64(pk, a->round);
	bq_u64s(pk, a->needs);
	bq_u64s(pk, a->points);
}

static int
ballot_dec(struct bq_dec *d, void *argp)
{
	struct dot_arg *a = argp;

	a->round = bd_u64(d);
	a->needs = bd_u64s(d);
	a->points = bd_u64s(d);
	return a->needs != NULL && a->points != NULL &&
	    a->needs->n == a->points->n ? 0 : -1;
}

const struct hub_bop hub_bop_round_ballot = {
	BOP_ROUND_BALLOT, op_round_ballot, sizeof(struct dot_arg), ballot_enc,
	ballot_dec, NULL, NULL
};

int
hub_round_ballot(struct hub *h, struct actor *who, uint64_t round,
    const struct u64_list *needs, const struct u64_list *points,
    struct err *e)
{
	struct dot_arg a;

	memset(&a, 0, sizeof a);
	a.round = round;
	a.needs = needs;
	a.points = points;
	if (needs == NULL || points == NULL || needs->n != points->n ||
	    needs->n == 0 || needs->n > DOT_MAX_NEEDS)
		return err_set(e, ERR_USAGE, "give points as ITEM=POINTS");
	for (size_t i = 0; i < needs->n; i++) {
		if (points->v[i] > DOT_MAX_BUDGET)
			return err_set(e, ERR_USAGE, "too many points");
		for (size_t j = 0; j < i; j++)
			if (needs->v[i] == needs->v[j])
				return err_set(e, ERR_USAGE, "need %llu is "
				    "given points twice",
				    (unsigned long long)needs->v[i]);
	}
	return hub_run_batch(h, who, &hub_bop_round_ballot, "round.ballot",
	    NULL, &a, e);
}

struct sum_state {
	uint64_t round;
	const struct u64_list *needs;
	uint64_t *scores;
	int bad;
	struct err e;
};

static int
sum_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct sum_state *s = arg;
	struct ballot b;

	(void)id;
	if (codec_decode(RT_BALLOT, data, len, &b, &s->e) != 0) {
		s->bad = 1;
		return 1;
	}
	if (b.round == s->round)
		for (size_t i = 0; i < b.needs.n && i < b.points.n; i++)
			for (size_t j = 0; j < s->needs->n; j++)
				if (s->needs->v[j] == b.needs.v[i])
					s->scores[j] += b.points.v[i];
	codec_free(RT_BALLOT, &b);
	return 0;
}

static int
op_round_close(struct hub_ctx *c, void *argp)
{
	struct dot_arg *a = argp;
	struct dotround r;
	struct sum_state s;
	struct u64_list items = { 0 };
	uint64_t *rn = NULL, *rs = NULL;
	int rc;

	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_CLOSE, 0, 0,
	    c->e)) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_DOTROUND, a->round, &r, c->e)) != 0)
		return nf(c, rc, "round", a->round);
	memset(&s, 0, sizeof s);
	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_CLOSE, r.id,
	    r.status != 0, c->e)) != 0)
		goto out;
	round_items(&r, &items);
	s.round = r.id;
	s.needs = &items;
	s.scores = xcalloc(items.n + 1, sizeof *s.scores);
	if ((rc = store_scan(c->t, RT_BALLOT, 0, 0, sum_cb, &s, c->e)) != 0)
		goto out;
	if (s.bad) {
		*c->e = s.e;
		rc = ERR_SYSTEM;
		goto out;
	}
	rn = xcalloc(items.n + 1, sizeof *rn);
	rs = xcalloc(items.n + 1, sizeof *rs);
	model_dot_rank(items.v, s.scores, items.n, rn, rs);
	u64_list_free(&r.ranking);
	u64_list_free(&r.scores);
	for (size_t i = 0; i < items.n; i++) {
		u64_list_push(&r.ranking, rn[i]);
		u64_list_push(&r.scores, rs[i]);
	}
	r.status = 1;
	r.closed = util_now();
	rc = store_put(c->t, RT_DOTROUND, r.id, &r, c->e);
out:
	u64_list_free(&items);
	free(rn);
	free(rs);
	free(s.scores);
	codec_free(RT_DOTROUND, &r);
	return rc;
}

int
hub_round_close(struct hub *h, struct actor *who, uint64_t round,
    struct err *e)
{
	struct dot_arg a;

	memset(&a, 0, sizeof a);
	a.round = round;
	return hub_run(h, who, "round.close", NULL, op_round_close, &a, e);
}

static int
op_theme_add(struct hub_ctx *c, void *argp)
{
	struct dot_arg *a = argp;
	struct dotround r;
	struct theme th;
	struct need n;
	uint64_t id;
	int rc;

	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_THEME, 0, 0, c->e)) != 0)
		return rc;
	if (a->round != 0) {
		if ((rc = store_get(c->t, RT_DOTROUND, a->round, &r,
		    c->e)) != 0)
			return nf(c, rc, "round", a->round);
		int open = r.status == 0;
		codec_free(RT_DOTROUND, &r);
		if (open)
			return err_set(c->e, ERR_REFUSED, "round %llu is "
			    "still open: close it first",
			    (unsigned long long)a->round);
	}
	/* The chosen needs become prioritised (a step of their path that
	 * only this operation takes, like merging). */
	for (size_t i = 0; i < a->needs->n; i++) {
		if ((rc = store_get(c->t, RT_NEED, a->needs->v[i], &n,
		    c->e)) != 0)
			return nf(c, rc, "need", a->needs->v[i]);
		if (n.status == NEED_MERGED || n.status == NEED_ARCHIVED)
			rc = err_set(c->e, ERR_REFUSED, "need %llu is merged "
			    "or archived", (unsigned long long)n.id);
		else if (n.status < NEED_PRIORITISED) {
			n.status = NEED_PRIORITISED;
			n.updated = util_now();
			rc = store_put(c->t, RT_NEED, n.id, &n, c->e);
		}
		codec_free(RT_NEED, &n);
		if (rc != 0)
			return rc;
	}
	if ((rc = store_next_id(c->t, RT_THEME, &id, c->e)) != 0)
		return rc;
	memset(&th, 0, sizeof th);
	th.title = (char *)a->title;
	th.spec = (char *)a->spec;
	th.needs = *a->needs;
	th.round = a->round;
	th.switch_name = (char *)a->switch_name;
	th.created = util_now();
	a->id = id;
	return store_put(c->t, RT_THEME, id, &th, c->e);
}

int
hub_theme_add(struct hub *h, struct actor *who, const char *title,
    const char *spec, uint64_t round, const struct u64_list *needs,
    const char *switch_name, uint64_t *id, struct err *e)
{
	struct dot_arg a;

	memset(&a, 0, sizeof a);
	a.title = title;
	a.spec = spec;
	a.round = round;
	a.needs = needs;
	a.switch_name = switch_name;
	if (title == NULL || title[0] == '\0')
		return err_set(e, ERR_USAGE, "a theme needs a title");
	if (spec == NULL || spec[0] == '\0')
		return err_set(e, ERR_USAGE, "a theme needs its specification "
		    "(--spec)");
	if (needs == NULL || needs->n == 0 || needs->n > DOT_MAX_NEEDS)
		return err_set(e, ERR_USAGE, "a theme groups 1 to %d needs",
		    DOT_MAX_NEEDS);
	if (text_check("title", title, MAX_TITLE, 0, e) != 0 ||
	    text_check("specification", spec, MAX_TEXT, 1, e) != 0 ||
	    text_check("switch", switch_name, MAX_SHORT, 0, e) != 0)
		return e->code;
	if (hub_run(h, who, "theme.add", title, op_theme_add, &a, e) != 0)
		return e->code;
	if (id)
		*id = a.id;
	return 0;
}

static int
op_workstream_add(struct hub_ctx *c, void *argp)
{
	struct dot_arg *a = argp;
	struct theme th;
	struct workstream w;
	uint64_t id;
	int rc;

	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_WS_ADD, 0, 0,
	    c->e)) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_THEME, a->theme, &th, c->e)) != 0)
		return nf(c, rc, "theme", a->theme);
	codec_free(RT_THEME, &th);
	if ((rc = store_next_id(c->t, RT_WORKSTREAM, &id, c->e)) != 0)
		return rc;
	memset(&w, 0, sizeof w);
	w.theme = a->theme;
	w.title = (char *)a->title;
	w.created = util_now();
	a->id = id;
	return store_put(c->t, RT_WORKSTREAM, id, &w, c->e);
}

int
hub_workstream_add(struct hub *h, struct actor *who, uint64_t theme,
    const char *title, uint64_t *id, struct err *e)
{
	struct dot_arg a;

	memset(&a, 0, sizeof a);
	a.theme = theme;
	a.title = title;
	if (title == NULL || title[0] == '\0')
		return err_set(e, ERR_USAGE, "a workstream needs a title");
	if (text_check("title", title, MAX_TITLE, 0, e) != 0)
		return e->code;
	if (hub_run(h, who, "workstream.add", title, op_workstream_add, &a,
	    e) != 0)
		return e->code;
	if (id)
		*id = a.id;
	return 0;
}

static int
op_workstream_join(struct hub_ctx *c, void *argp)
{
	struct dot_arg *a = argp;
	struct workstream w;
	int rc;

	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_WS_JOIN, 0, 0,
	    c->e)) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_WORKSTREAM, a->id, &w, c->e)) != 0)
		return nf(c, rc, "workstream", a->id);
	if ((rc = hub_dot_check(c->who, HUB_DOT_ACT_WS_JOIN, w.id,
	    u64_list_has(&w.members, c->who->id), c->e)) != 0)
		;
	else {
		u64_list_push(&w.members, c->who->id);
		rc = store_put(c->t, RT_WORKSTREAM, w.id, &w, c->e);
	}
	codec_free(RT_WORKSTREAM, &w);
	return rc;
}

int
hub_workstream_join(struct hub *h, struct actor *who, uint64_t ws,
    struct err *e)
{
	struct dot_arg a;

	memset(&a, 0, sizeof a);
	a.id = ws;
	return hub_run(h, who, "workstream.join", NULL, op_workstream_join,
	    &a, e);
}
