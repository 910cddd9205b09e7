/* hub-view-dot.c: a dot-voting round (its items, or its ranking once
 * closed), a theme and its workstreams. Must not write or print. */
#include "hub-view-int.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hub_round_view_free(struct hub_round_view *v)
{
	for (size_t i = 0; i < v->nitems; i++)
		free(v->items[i].name);
	free(v->items);
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
	codec_free(RT_DOTROUND, &d);
	return 0;
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
