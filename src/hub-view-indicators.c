/* hub-view-indicators.c: the common indicators (needs and their supports by
 * territory x category, for a collection round or all, the change from the
 * previous round, the needs seen in most territories). Read only. */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hub_round_step(const char *round, int step, char *out, size_t n)
{
	int y, b;

	out[0] = '\0';
	if (round == NULL || strlen(round) != 7 ||
	    sscanf(round, "%4d-B%1d", &y, &b) != 2 || b < 1 || b > 6)
		return;
	b += step;
	while (b < 1) {
		b += 6;
		y--;
	}
	while (b > 6) {
		b -= 6;
		y++;
	}
	snprintf(out, n, "%04d-B%d", y, b);
}

static size_t
word_index(const struct str_list *l, const struct hub_strv *w)
{
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == w->n && memcmp(l->v[i], w->p, w->n) == 0)
			return i;
	return l->n;	/* none, or a word no longer configured */
}

struct ind_scan {
	struct hub_indicators *v;
	int prev;
};

static void
top_keep(struct hub_indicators *v, const struct need_row *n)
{
	size_t i = v->ntop;

	/* Most territories, then most supports, then the oldest. */
	while (i > 0 && (v->top[i - 1].territories < n->territories ||
	    (v->top[i - 1].territories == n->territories &&
	    v->top[i - 1].supports < n->supports)))
		i--;
	if (i >= HUB_IND_TOP)
		return;
	if (v->ntop < HUB_IND_TOP)
		v->ntop++;
	memmove(&v->top[i + 1], &v->top[i], (v->ntop - 1 - i) *
	    sizeof v->top[0]);
	v->top[i].id = n->id;
	v->top[i].territories = n->territories;
	v->top[i].supports = n->supports;
	snprintf(v->top[i].title, sizeof v->top[i].title, "%.*s",
	    (int)(n->title.n < sizeof v->top[i].title ? n->title.n :
	    sizeof v->top[i].title - 1), n->title.p);
}

static int
ind_row(struct store_txn *t, const struct need_row *n, void *arg)
{
	struct ind_scan *s = arg;
	struct hub_indicators *v = s->v;
	size_t ti = word_index(&v->territories, &n->territory);
	size_t ci = word_index(&v->categories, &n->category);
	struct hub_ind_cell *c = &v->cells[ti * (v->categories.n + 1) + ci];

	(void)t;
	if (s->prev) {
		c->prev_needs++;
		c->prev_supports += n->supports;
		v->total.prev_needs++;
		v->total.prev_supports += n->supports;
		return 0;
	}
	c->needs++;
	c->supports += n->supports;
	v->total.needs++;
	v->total.supports += n->supports;
	top_keep(v, n);
	return 0;
}

int
hub_indicators_view(struct hub_rd *r, const char *round,
    struct hub_indicators *v, struct err *e)
{
	struct config cfg;
	struct need_filter f;
	struct ind_scan s = { v, 0 };
	int rc;

	memset(v, 0, sizeof *v);
	if ((rc = hub_config_view(r, &cfg, e)) != 0)
		return rc;
	view_strs_copy(&v->territories, &cfg.territories);
	view_strs_copy(&v->categories, &cfg.categories);
	codec_free(RT_CONFIG, &cfg);
	v->cells = xcalloc((v->territories.n + 1) * (v->categories.n + 1),
	    sizeof *v->cells);
	if (round != NULL)
		snprintf(v->round, sizeof v->round, "%s", round);
	hub_round_step(round, -1, v->prev, sizeof v->prev);
	hub_need_filter_init(&f);
	f.round = round;
	rc = hub_need_rows(hub_rd_txn(r), &f, NEED_SORT_NEWEST, NULL, 0,
	    ind_row, &s, NULL, e);
	if (rc == 0 && v->prev[0]) {
		s.prev = 1;
		f.round = v->prev;
		rc = hub_need_rows(hub_rd_txn(r), &f, NEED_SORT_NEWEST, NULL,
		    0, ind_row, &s, NULL, e);
	}
	if (rc != 0)
		hub_indicators_free(v);
	return rc;
}

void
hub_indicators_free(struct hub_indicators *v)
{
	str_list_free(&v->territories);
	str_list_free(&v->categories);
	free(v->cells);
	memset(v, 0, sizeof *v);
}

const struct hub_ind_cell *
hub_indicators_cell(const struct hub_indicators *v, size_t ti, size_t ci)
{
	return &v->cells[ti * (v->categories.n + 1) + ci];
}

/* Rows: round, territory, category (null: none), needs, supports, and
 * with a previous round prev_needs, prev_supports; empty cells left out. */
void
hub_indicators_emit(struct emit *em, const struct hub_indicators *v)
{
	for (size_t ti = 0; ti <= v->territories.n; ti++)
		for (size_t ci = 0; ci <= v->categories.n; ci++) {
			const struct hub_ind_cell *c = hub_indicators_cell(v,
			    ti, ci);
			if (c->needs == 0 && c->prev_needs == 0)
				continue;
			emit_rec_begin(em, NULL);
			emit_str(em, "round|collection round", v->round[0] ? v->round :
			    NULL);
			emit_str(em, "territory", ti < v->territories.n ?
			    v->territories.v[ti] : NULL);
			emit_str(em, "category", ci < v->categories.n ?
			    v->categories.v[ci] : NULL);
			emit_u64(em, "needs", c->needs);
			emit_u64(em, "supports", c->supports);
			emit_u64(em, "prev_needs", c->prev_needs);
			emit_u64(em, "prev_supports", c->prev_supports);
			emit_rec_end(em);
		}
}
