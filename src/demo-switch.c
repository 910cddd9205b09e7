/* demo-switch.c: the prioritisation and the Switch for the demo hub: a
 * dot-voting round over the most supported needs, closed three weeks ago,
 * the theme its first needs became, with its specification and two
 * workstreams people signed up for; and a round over the categories,
 * open today, with a few ballots given. Through the hub operations only,
 * so every rule and journal entry holds; must not be used on a real hub. */
#include "hub.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_DAY	86400
#define DEMO_ROUND_NEEDS 8

struct sw {
	struct hub *h;
	struct actor fac, v[16];
	size_t nv;
	struct u64_list needs;
	struct str_list cats;
	struct err *e;
};

static void
sw_clock(int64_t t)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", (long long)t);
	setenv("CERCLE_NOW", v, 1);
}

static int
people_cb(const struct hub_roster_row *m, void *arg)
{
	struct sw *s = arg;

	if ((m->roles & ROLE_FACILITATOR) && s->fac.login[0] == '\0')
		hub_actor_member(&s->fac, m->login);
	else if ((m->roles & ROLE_MEMBER) && s->nv < 16)
		hub_actor_member(&s->v[s->nv++], m->login);
	return 0;
}

static int
need_cb(struct store_txn *t, const struct need *n, void *arg)
{
	struct sw *s = arg;

	(void)t;
	if (n->status != NEED_REPORTED && n->status != NEED_QUALIFIED)
		return 0;	/* taken up already, merged or archived */
	if (s->needs.n >= DEMO_ROUND_NEEDS)
		return 0;	/* enough */
	return u64_list_push(&s->needs, n->id);
}

/* Who votes, the most supported live needs, the hub's categories. */
static int
sw_read(struct sw *s)
{
	struct hub_rd *r;
	struct actor con;
	struct need_filter f;
	struct config cfg;
	char next[HUB_CURSOR_MAX];
	int rc;

	hub_actor_console(&con, NULL);
	if ((rc = hub_rd_open(s->h, &con, &r, s->e)) != 0)
		return rc;
	rc = hub_roster_list(r, people_cb, s, s->e);
	hub_need_filter_init(&f);
	if (rc == 0)
		rc = hub_need_list(hub_rd_txn(r), &f, NEED_SORT_SUPPORT, NULL,
		    200, need_cb, s, next, s->e);
	if (rc == 0 && (rc = hub_config_view(r, &cfg, s->e)) == 0) {
		for (size_t i = 0; i < cfg.categories.n && i < 5; i++)
			str_list_push(&s->cats, cfg.categories.v[i]);
		codec_free(RT_CONFIG, &cfg);
	}
	hub_rd_close(r);
	return rc;
}

/* Voter i spreads budget points over the round's n items, each in a
 * pattern of their own (items are 1..n for a category round). */
static int
ballot(struct sw *s, uint64_t round, size_t i, const uint64_t *items,
    size_t n, uint64_t budget)
{
	struct u64_list it = { 0 }, pts = { 0 };
	uint64_t left = budget;
	int rc;

	for (size_t k = 0; left > 0 && k < n; k++) {
		size_t at = (i * 3 + k * (i % 2 ? 1 : 2)) % n;
		uint64_t p = k == 0 ? (left > 2 ? 2 : left) : 1;
		if (u64_list_has(&it, items[at]))
			continue;
		u64_list_push(&it, items[at]);
		u64_list_push(&pts, p);
		left -= p;
	}
	rc = hub_round_ballot(s->h, &s->v[i], round, &it, &pts, s->e);
	u64_list_free(&it);
	u64_list_free(&pts);
	return rc;
}

static int
closed_round(struct sw *s, int64_t at)
{
	struct hub_rd *r;
	struct u64_list top = { 0 };
	uint64_t round, theme, ws[2];
	int rc;

	sw_clock(at);
	if ((rc = hub_round_open(s->h, &s->fac, "Priorisation de l'automne "
	    "2026", 5, &s->needs, NULL, &round, s->e)) != 0)
		return rc;
	for (size_t i = 0; rc == 0 && i < s->nv && i < 6; i++)
		rc = ballot(s, round, i, s->needs.v, s->needs.n, 5);
	sw_clock(at + 7 * DEMO_DAY);
	if (rc == 0)
		rc = hub_round_close(s->h, &s->fac, round, s->e);
	if (rc != 0)
		return rc;
	if ((rc = hub_rd_open(s->h, &s->fac, &r, s->e)) != 0)
		return rc;
	rc = hub_round_top_needs(r, round, 3, &top, s->e);
	hub_rd_close(r);
	sw_clock(at + 8 * DEMO_DAY);
	if (rc == 0)
		rc = hub_theme_add(s->h, &s->fac, "Des aidants numériques au "
		    "plus près des habitants", "Des permanences et des outils communs pour "
		    "que chaque habitant puisse faire ses démarches, avec un "
		    "aidant formé près de chez lui ; livrables : un guide de "
		    "l'aidant et un calendrier de permanences mobiles.",
		    round, &top, "Switch n°3 — Marseille, janvier 2027",
		    &theme, s->e);
	if (rc == 0)
		rc = hub_workstream_add(s->h, &s->fac, theme, "Guide de "
		    "l'aidant numérique", &ws[0], s->e);
	if (rc == 0)
		rc = hub_workstream_add(s->h, &s->fac, theme, "Permanences "
		    "mobiles dans les vallées", &ws[1], s->e);
	for (size_t i = 1; rc == 0 && i < s->nv && i < 5; i++)
		rc = hub_workstream_join(s->h, &s->v[i], ws[i % 2], s->e);
	u64_list_free(&top);
	return rc;
}

/* Open today over the categories: two ballots given, the viewer's to
 * come. */
static int
open_round(struct sw *s, int64_t at)
{
	uint64_t round, items[8];
	size_t n = s->cats.n < 8 ? s->cats.n : 8;
	int rc;

	if (n == 0)
		return 0;
	sw_clock(at);
	if ((rc = hub_round_open(s->h, &s->fac, "Thèmes du Switch du "
	    "printemps 2027", 3, NULL, &s->cats, &round, s->e)) != 0)
		return rc;
	for (size_t k = 0; k < n; k++)
		items[k] = k + 1;
	for (size_t i = 2; rc == 0 && i < s->nv && i < 4; i++)
		rc = ballot(s, round, i, items, n, 3);
	return rc;
}

int
demo_switch(struct hub *h, struct err *e)
{
	struct sw s;
	const char *saved = getenv("CERCLE_NOW");
	char *keep = saved ? xstrdup(saved) : NULL;
	int64_t now = util_now();
	int rc;

	memset(&s, 0, sizeof s);
	s.h = h;
	s.e = e;
	rc = sw_read(&s);
	if (rc == 0 && (s.fac.login[0] == '\0' || s.nv < 2 ||
	    s.needs.n < 3))
		goto out;	/* not the demo's people: nothing to vote */
	if (rc == 0)
		rc = closed_round(&s, now - 21 * DEMO_DAY);
	if (rc == 0)
		rc = open_round(&s, now - 1 * DEMO_DAY);
out:
	u64_list_free(&s.needs);
	str_list_free(&s.cats);
	if (keep) {
		setenv("CERCLE_NOW", keep, 1);
		free(keep);
	} else
		unsetenv("CERCLE_NOW");
	return rc;
}
