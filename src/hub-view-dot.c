/* hub-view-dot.c: a dot-voting round (its items, or its ranking once
 * closed), a theme and its workstreams. Must not write or print. */
#include "hub-view-int.h"
#include "codec.h"
#include "emit.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hub_round_view_free(struct hub_round_view *v)
{
	for (size_t i = 0; i < v->nitems; i++)
		free(v->items[i].name);
	free(v->items);
	free(v->mine);
	free(v->title);
	str_list_free(&v->category_names);
	u64_list_free(&v->needs);
	memset(v, 0, sizeof *v);
}

static char *
item_name(struct store_txn *t, const struct dotround *d, uint64_t it)
{
	struct need n;
	struct err e;
	char *s;

	if (d->categories.n)
		return xstrdup(it >= 1 && it <= d->categories.n ?
		    d->categories.v[it - 1] : "");
	if (store_get(t, RT_NEED, it, &n, &e) != 0)
		return xstrdup("");
	s = xstrdup(n.title ? n.title : "");
	codec_free(RT_NEED, &n);
	return s;
}

/* The ballots of a round: the live sums per item, the viewer's own
 * points, and how many gave points. */
struct bsum {
	uint64_t round, viewer;
	struct hub_round_view *v;
	uint64_t *live;
	int bad;
	struct err e;
};

static int
bsum_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct bsum *s = arg;
	struct ballot b;
	uint64_t given = 0;

	(void)id;
	if (codec_decode(RT_BALLOT, data, len, &b, &s->e) != 0) {
		s->bad = 1;
		return 1;
	}
	for (size_t i = 0; b.round == s->round && i < b.needs.n &&
	    i < b.points.n; i++)
		for (size_t j = 0; j < s->v->nitems; j++) {
			if (s->v->items[j].item != b.needs.v[i])
				continue;
			s->live[j] += b.points.v[i];
			given += b.points.v[i];
			if (b.member == s->viewer && s->viewer != 0) {
				s->v->mine[j] = b.points.v[i];
				s->v->spent += b.points.v[i];
			}
		}
	if (given > 0)
		s->v->voters++;
	codec_free(RT_BALLOT, &b);
	return 0;
}

static int
round_ballots(struct store_txn *t, struct hub_rd *r, struct hub_round_view *v,
    struct err *e)
{
	const struct actor *who = hub_rd_viewer(r);
	struct bsum s;
	struct err ce;
	int rc;

	memset(&s, 0, sizeof s);
	s.round = v->id;
	s.viewer = who->id;
	s.v = v;
	v->mine = xcalloc(v->nitems + 1, sizeof *v->mine);
	s.live = xcalloc(v->nitems + 1, sizeof *s.live);
	rc = store_scan(t, RT_BALLOT, 0, 0, bsum_cb, &s, e);
	if (rc == 0 && s.bad) {
		*e = s.e;
		rc = ERR_SYSTEM;
	}
	if (v->live)
		for (size_t j = 0; j < v->nitems; j++)
			v->items[j].points = s.live[j];
	free(s.live);
	if (hub_dot_check(who, HUB_DOT_ACT_BALLOT, v->id, v->closed,
	    &ce) == 0)
		v->acts |= HUB_DOT_ACT_BALLOT;
	if (hub_dot_check(who, HUB_DOT_ACT_CLOSE, v->id, v->closed,
	    &ce) == 0)
		v->acts |= HUB_DOT_ACT_CLOSE;
	return rc;
}

int
hub_round_view(struct hub_rd *r, uint64_t id, struct hub_round_view *v,
    struct err *e)
{
	struct store_txn *t;
	struct dotround d;
	struct u64_list cn = { 0 };
	const struct u64_list *l;
	int rc;

	memset(v, 0, sizeof *v);
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = view_get(t, RT_DOTROUND, id, &d, "round", e)) != 0)
		return rc;
	v->id = d.id;
	v->budget = d.budget;
	v->title = xstrdup(d.title ? d.title : "");
	v->closed = d.status != 0;
	v->categories = d.categories.n != 0;
	view_strs_copy(&v->category_names, &d.categories);
	for (size_t i = 0; i < d.needs.n; i++)
		u64_list_push(&v->needs, d.needs.v[i]);
	l = v->closed ? &d.ranking : &d.needs;
	if (v->categories && !v->closed) {
		for (size_t i = 0; i < d.categories.n; i++)
			u64_list_push(&cn, i + 1);
		l = &cn;
	}
	v->items = xcalloc(l->n ? l->n : 1, sizeof *v->items);
	for (size_t i = 0; i < l->n; i++) {
		struct hub_round_item *x = &v->items[v->nitems++];
		x->item = l->v[i];
		x->scored = v->closed && i < d.scores.n;
		x->points = x->scored ? d.scores.v[i] : 0;
		x->name = item_name(t, &d, l->v[i]);
	}
	u64_list_free(&cn);
	v->hidden = d.hidden != 0;
	v->live = !v->closed && !v->hidden;
	codec_free(RT_DOTROUND, &d);
	return round_ballots(t, r, v, e);
}

struct rlist {
	hub_round_cb rcb;
	hub_theme_cb tcb;
	void *arg;
	struct err e;
};

static int
rlist_rec(uint64_t id, const void *data, size_t len, void *arg)
{
	struct rlist *l = arg;
	struct hub_round_row row;
	struct dotround d;
	int stop;

	if (codec_decode(RT_DOTROUND, data, len, &d, &l->e) != 0)
		return -ERR_SYSTEM;
	memset(&row, 0, sizeof row);
	row.id = id;
	row.budget = d.budget;
	row.title = d.title ? d.title : "";
	row.closed = d.status != 0;
	row.categories = d.categories.n != 0;
	row.hidden = d.hidden != 0;
	row.nitems = d.categories.n ? d.categories.n : d.needs.n;
	row.opened = d.opened;
	stop = l->rcb(&row, l->arg);
	codec_free(RT_DOTROUND, &d);
	return stop ? 1 : 0;
}

int
hub_round_list(struct hub_rd *r, int reverse, const char *after,
    size_t limit, hub_round_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct rlist l;
	int rc;

	memset(&l, 0, sizeof l);
	l.rcb = cb;
	l.arg = arg;
	rc = hub_page_scan(r, RT_DOTROUND, reverse, after, limit, rlist_rec,
	    &l, next, e);
	if (rc != 0 && l.e.msg[0])
		*e = l.e;
	return rc;
}

int
hub_round_top_needs(struct hub_rd *r, uint64_t id, uint64_t n,
    struct u64_list *needs, struct err *e)
{
	struct store_txn *t;
	struct dotround d;
	int rc = 0;

	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = view_get(t, RT_DOTROUND, id, &d, "round", e)) != 0)
		return rc;
	for (size_t i = 0; i < d.ranking.n && i < n && rc == 0; i++) {
		uint64_t it = d.ranking.v[i];
		if (d.categories.n == 0) {
			if (!u64_list_has(needs, it))
				u64_list_push(needs, it);
		} else if (it >= 1 && it <= d.categories.n)
			rc = hub_needs_in_category(t, d.categories.v[it - 1],
			    needs, e);
	}
	codec_free(RT_DOTROUND, &d);
	return rc;
}

/* ---- themes and workstreams ---- */

void
hub_theme_view_free(struct hub_theme_view *v)
{
	free(v->title);
	free(v->spec);
	free(v->switch_name);
	u64_list_free(&v->needs);
	memset(v, 0, sizeof *v);
}

struct wlist {
	struct store_txn *t;
	uint64_t theme;
	hub_workstream_cb cb;
	void *arg;
	int bad;
	struct err e;
};

static int
ws_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct wlist *w = arg;
	struct hub_workstream_row row;
	struct str_list logins = { 0 };
	struct workstream ws;
	int stop = 0;

	if (codec_decode(RT_WORKSTREAM, data, len, &ws, &w->e) != 0) {
		w->bad = 1;
		return 1;
	}
	if (ws.theme == w->theme) {
		view_logins(w->t, &ws.members, &logins);
		row.id = id;
		row.title = ws.title ? ws.title : "";
		row.members = &logins;
		stop = w->cb(&row, w->arg);
		str_list_free(&logins);
	}
	codec_free(RT_WORKSTREAM, &ws);
	return stop;
}

static int
tlist_rec(uint64_t id, const void *data, size_t len, void *arg)
{
	struct rlist *l = arg;
	struct hub_theme_row row;
	struct theme th;
	int stop;

	if (codec_decode(RT_THEME, data, len, &th, &l->e) != 0)
		return -ERR_SYSTEM;
	memset(&row, 0, sizeof row);
	row.id = id;
	row.round = th.round;
	row.title = th.title ? th.title : "";
	row.switch_name = th.switch_name;
	row.nneeds = th.needs.n;
	row.created = th.created;
	stop = l->tcb(&row, l->arg);
	codec_free(RT_THEME, &th);
	return stop ? 1 : 0;
}

int
hub_theme_list(struct hub_rd *r, int reverse, const char *after,
    size_t limit, hub_theme_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct rlist l;
	int rc;

	memset(&l, 0, sizeof l);
	l.tcb = cb;
	l.arg = arg;
	rc = hub_page_scan(r, RT_THEME, reverse, after, limit, tlist_rec, &l,
	    next, e);
	if (rc != 0 && l.e.msg[0])
		*e = l.e;
	return rc;
}

int
hub_theme_view(struct hub_rd *r, uint64_t id, struct hub_theme_view *v,
    hub_workstream_cb cb, void *arg, struct err *e)
{
	struct store_txn *t;
	struct theme th;
	struct wlist w;
	int rc;

	memset(v, 0, sizeof *v);
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = view_get(t, RT_THEME, id, &th, "theme", e)) != 0)
		return rc;
	v->id = id;
	v->round = th.round;
	v->title = xstrdup(th.title ? th.title : "");
	v->spec = th.spec ? xstrdup(th.spec) : NULL;
	v->switch_name = th.switch_name ? xstrdup(th.switch_name) : NULL;
	for (size_t i = 0; i < th.needs.n; i++)
		u64_list_push(&v->needs, th.needs.v[i]);
	codec_free(RT_THEME, &th);
	if (cb == NULL)
		return 0;
	memset(&w, 0, sizeof w);
	w.t = t;
	w.theme = id;
	w.cb = cb;
	w.arg = arg;
	rc = store_scan(t, RT_WORKSTREAM, 0, 0, ws_cb, &w, e);
	if (rc == 0 && w.bad) {
		*e = w.e;
		rc = ERR_SYSTEM;
	}
	return rc;
}

/* ---- the writers (CLI and SSH alike) ---- */

void
hub_round_emit(struct emit *em, const struct hub_round_view *v)
{
	const char *what = v->categories ? _("category") : _("need");
	char s[400];

	hv_text(em, ngettext("round %llu: %s (%s, %llu point each)\n",
	    "round %llu: %s (%s, %llu points each)\n", v->budget),
	    (unsigned long long)v->id, util_safe(v->title, s, sizeof s),
	    v->closed ? P_("round", "closed") : P_("round", "open"),
	    (unsigned long long)v->budget);
	emit_u64(em, "id|", v->id);
	emit_str(em, "title|", v->title);
	emit_u64(em, "budget|", v->budget);
	emit_str(em, "status|", v->closed ? "closed" : "open");
	emit_u64s(em, "needs|", &v->needs);
	emit_strs(em, "categories|", &v->category_names);
	for (size_t i = 0; i < v->nitems; i++) {
		const struct hub_round_item *x = &v->items[i];
		util_safe(x->name, s, sizeof s);
		if (x->scored)
			hv_text(em, ngettext("%3zu. %s %llu: %llu point  %s\n",
			    "%3zu. %s %llu: %llu points  %s\n", x->points),
			    i + 1, what, (unsigned long long)x->item,
			    (unsigned long long)x->points, s);
		else
			hv_text(em, "  %s %llu  %s\n", what,
			    (unsigned long long)x->item, s);
	}
	/* The ranking: only what is scored (a hidden round: nothing until
	 * the close). Out of the text, which has it above. */
	emit_list_begin(em, "ranking|");
	for (size_t i = 0; i < v->nitems; i++) {
		const struct hub_round_item *x = &v->items[i];
		if (!x->scored)
			continue;
		emit_rec_begin(em, NULL);
		if (v->categories)
			emit_str(em, "category|", x->name);
		else
			emit_u64(em, "need|", x->item);
		emit_u64(em, "points|", x->points);
		emit_rec_end(em);
	}
	emit_list_end(em);
}

void
hub_theme_emit(struct emit *em, const struct hub_theme_view *v,
    const struct hub_workstream_row *ws, size_t nws)
{
	char s[400];

	hv_text(em, _("theme %llu: %s\n"), (unsigned long long)v->id,
	    util_safe(v->title, s, sizeof s));
	if (v->switch_name)
		hv_text(em, _("switch: %s\n"), util_safe(v->switch_name, s,
		    sizeof s));
	hv_text(em, "%s", _("needs:"));
	for (size_t i = 0; i < v->needs.n; i++)
		hv_text(em, " %llu", (unsigned long long)v->needs.v[i]);
	hv_text(em, "\n%s\n", _("specification:"));
	hv_text_block(em, v->spec, "  ", 1);
	emit_u64(em, "id|", v->id);
	emit_str(em, "title|", v->title);
	emit_str(em, "spec|", v->spec);
	emit_str(em, "switch|", v->switch_name);
	emit_u64(em, "round|", v->round);
	emit_u64s(em, "needs|", &v->needs);
	for (size_t i = 0; i < nws; i++) {
		struct buf b = { 0 };
		for (size_t j = 0; j < ws[i].members->n; j++) {
			char l[128];
			buf_puts(&b, j ? ", " : "");
			buf_puts(&b, util_safe(ws[i].members->v[j], l,
			    sizeof l));
		}
		hv_text(em, _("  workstream %llu: %s (%s)\n"),
		    (unsigned long long)ws[i].id, util_safe(ws[i].title, s,
		    sizeof s), b.len ? b.p : "-");
		buf_free(&b);
	}
	emit_list_begin(em, "workstreams|");
	for (size_t i = 0; i < nws; i++) {
		emit_rec_begin(em, NULL);
		emit_u64(em, "id|", ws[i].id);
		emit_str(em, "title|", ws[i].title);
		emit_strs(em, "members|", ws[i].members);
		emit_rec_end(em);
	}
	emit_list_end(em);
}
