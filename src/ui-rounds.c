/* ui-rounds.c: the prioritisation pane (tab 8): the dot-voting rounds,
 * newest first; a round's items with the viewer's points, the budget left
 * always in sight, the live ranking of an open round (a hidden one shows
 * no count until its close), the ranking once closed; opening a round in
 * a form (needs or categories picked from the hub's lists), spreading and
 * taking back points, closing. Shows the hub's round views; writes only
 * through hub operations. */
#include "ui.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RROWS 256		/* rounds held (the newest) */
#define RNEEDS 64		/* needs a new round offers (the hub's max) */

struct rrow {
	uint64_t id, budget;
	int closed, categories, hidden;
	size_t nitems;
	char title[MAX_TITLE + 1];
};

struct rdata {
	struct rrow rows[RROWS];
	size_t n;
	/* The round shown (0: the list) and its view. */
	uint64_t detail;
	struct hub_round_view v;
	int have;
	size_t lsel, ltop;	/* the list's cursor while a round is shown */
	char err[sizeof ((struct err *)0)->msg];
	/* Opening a round: the form, read with the pane's next load. */
	int want_form;
	struct ui_form form;
	struct u64_list form_needs;	/* parallel to the Needs choices */
	char why[sizeof ((struct err *)0)->msg];
	struct actor viewer;	/* resolved by the last load */
};

enum { RF_TITLE, RF_NEEDS, RF_CATS, RF_BUDGET, RF_HIDDEN };

/* Shown when the viewer may take them (rounds_can). */
static const int rounds_hints[] = { AC_OPEN, AC_DOT_ADD, AC_DOT_REMOVE,
    AC_ROUND_OPEN, AC_ROUND_CLOSE, AC_BACK, AC_NONE };

static const char *const hidden_labels[] = { N_("no: the live ranking is "
    "shown"), N_("yes: nothing is shown until the close") };

static void
rounds_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct rdata));
}

static void
view_clear(struct rdata *d)
{
	if (d->have)
		hub_round_view_free(&d->v);
	d->have = 0;
}

static void
rounds_done(struct ui_pane *p)
{
	struct rdata *d = p->data;

	view_clear(d);
	form_free(&d->form);
	u64_list_free(&d->form_needs);
	free(d);
	p->data = NULL;
}

static int
round_row(const struct hub_round_row *r, void *arg)
{
	struct rdata *d = arg;
	struct rrow *x;

	if (d->n >= RROWS)
		return 1;
	x = &d->rows[d->n++];
	x->id = r->id;
	x->budget = r->budget;
	x->closed = r->closed;
	x->categories = r->categories;
	x->hidden = r->hidden;
	x->nitems = r->nitems;
	snprintf(x->title, sizeof x->title, "%s", r->title ? r->title : "");
	return 0;
}

/* The needs a new round may be over: the live ones, most supported
 * first, as "#12 title". */
struct nchoice {
	struct ui_form *f;
	struct u64_list *ids;
};

static int
need_choice(struct hub_rd *rd, const struct hub_need_view *v, void *arg)
{
	struct nchoice *c = arg;
	const struct need *n = v->n;
	char s[MAX_TITLE + 32];

	(void)rd;
	if (n->status == NEED_MERGED || n->status == NEED_ARCHIVED)
		return 0;
	if (c->ids->n >= RNEEDS)
		return 1;
	snprintf(s, sizeof s, "#%llu %s", (unsigned long long)n->id,
	    n->title ? n->title : "");
	form_choice(c->f, RF_NEEDS, s);
	u64_list_push(c->ids, n->id);
	return 0;
}

static int round_saved(struct ui *ui, struct ui_form *f);

static void
open_form(struct ui *ui, struct rdata *d, struct hub_rd *rd)
{
	struct ui_form *f = &d->form;
	struct need_filter nf;
	struct nchoice c = { f, &d->form_needs };
	struct config cfg;
	char next[HUB_CURSOR_MAX];
	struct err e;
	int i;

	form_open(f, P_ROUNDS, _(" Open a prioritisation round: needs or "
	    "categories"), round_saved, 0);
	form_add(f, N_("Title"), UF_TEXT, 1, MAX_TITLE);
	form_add(f, N_("Needs"), UF_SET, 0, 0);
	form_add(f, N_("Categories"), UF_SET, 0, 0);
	form_add(f, N_("Points each"), UF_TEXT, 1, 8);
	i = form_add(f, N_("Hidden"), UF_PICK, 1, 0);
	for (size_t k = 0; k < 2; k++)
		form_choice(f, i, _(hidden_labels[k]));
	f->f[i].sel = 0;
	form_set_text(f, RF_BUDGET, "10");
	u64_list_free(&d->form_needs);
	hub_need_filter_init(&nf);
	(void)hub_need_page(rd, &nf, NEED_SORT_SUPPORT, NULL, RNEEDS * 2,
	    need_choice, &c, next, &e);
	if (hub_config_view(rd, &cfg, &e) == 0) {
		for (size_t k = 0; k < cfg.categories.n; k++)
			form_choice(f, RF_CATS, cfg.categories.v[k]);
		codec_free(RT_CONFIG, &cfg);
	}
	ui->dirty = 1;
}

static void
rounds_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct rdata *d = p->data;
	char next[HUB_CURSOR_MAX];
	struct err e;

	d->n = 0;
	d->err[0] = '\0';
	d->viewer = *hub_rd_viewer(rd);
	view_clear(d);
	if (hub_round_list(rd, 1, NULL, RROWS, round_row, d, next, &e) != 0)
		snprintf(d->err, sizeof d->err, "%s", e.msg);
	if (d->detail) {
		if (hub_round_view(rd, d->detail, &d->v, &e) == 0)
			d->have = 1;
		else {
			hub_round_view_free(&d->v);
			snprintf(d->err, sizeof d->err, "%s", e.msg);
			d->detail = 0;
			p->sel = d->lsel;
			p->top = d->ltop;
		}
	}
	if (d->want_form) {
		d->want_form = 0;
		open_form(ui, d, rd);
	}
	p->count = d->detail ? d->v.nitems : d->n;
	if (p->count && p->sel >= p->count)
		p->sel = p->count - 1;
	if (p->rows > 0)
		ui_list_fit(p, p->rows);
}

/* ---- drawing ---- */

static const char *
state_word(int closed, int hidden, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s", closed ? P_("dot round", "closed") :
	    P_("dot round", "open"), hidden ? ", " : "", hidden ?
	    P_("dot round", "hidden") : "");
	return out;
}

static void
draw_list(struct ui_pane *p, struct ui *ui, struct rdata *d, struct ui_rect r)
{
	char s[MAX_TITLE + 200], st[64], pad[64], pad2[64];
	int rows = r.h - 2;

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	ui_printf(ui, r.y, r.x, r.w, E_TITLE, " %s (%zu)",
	    _("Prioritisation rounds"), d->n);
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	snprintf(s, sizeof s, "%5s  %s %s %6s %6s  %s", "#",
	    ui_pad(_("state"), 14, pad, sizeof pad),
	    ui_pad(_("over"), 10, pad2, sizeof pad2), _("items"),
	    _("points"), _("title"));
	ui_line(ui, r.y + 1, r.x, r.w, E_HEADER, ui->sr ? "" : s);
	if (d->err[0]) {
		ui_line(ui, r.y + 2, r.x, r.w, E_STATUS_ERR, d->err);
		return;
	}
	if (d->n == 0) {
		ui_line(ui, r.y + 2, r.x, r.w, E_DIM, _("  No prioritisation "
		    "round yet."));
		return;
	}
	for (int i = 0; i < rows; i++) {
		size_t k = p->top + (size_t)i;
		const struct rrow *x = &d->rows[k];
		int el;
		if (k >= d->n)
			break;
		el = k == p->sel ? E_SELECTED : x->closed ? E_DIM : E_NORMAL;
		if (k == p->sel)
			ui->sr_y = r.y + 2 + i;
		snprintf(s, sizeof s, "%5llu  %s %s %6zu %6llu  ",
		    (unsigned long long)x->id, ui_pad(state_word(x->closed,
		    x->hidden, st, sizeof st), 14, pad, sizeof pad),
		    ui_pad(x->categories ? _("categories") : _("needs"), 10,
		    pad2, sizeof pad2), x->nitems,
		    (unsigned long long)x->budget);
		ui_fill(ui, r.y + 2 + i, r.x, r.w, el);
		if (ui->sr) {
			/* A sentence, each value after its label. */
			snprintf(s, sizeof s, _(" round %llu, %s, over %s, "
			    "%zu items, %llu points each: "),
			    (unsigned long long)x->id, state_word(x->closed,
			    x->hidden, st, sizeof st), x->categories ?
			    _("categories") : _("needs"), x->nitems,
			    (unsigned long long)x->budget);
		}
		int w = ui_put(ui, r.y + 2 + i, r.x, r.w, el, s);
		ui_put(ui, r.y + 2 + i, r.x + w, r.w - w, el, x->title);
	}
}

/* An item's place in the live ranking: 1 + the items with more points. */
static size_t
live_rank(const struct hub_round_view *v, size_t j)
{
	size_t rank = 1;

	for (size_t i = 0; i < v->nitems; i++)
		if (v->items[i].points > v->items[j].points)
			rank++;
	return rank;
}

/* An item as a sentence for a screen reader: its name, then each value
 * after its label. */
static void
sr_item(struct ui *ui, int y, struct ui_rect r, int el,
    const struct hub_round_view *v, size_t k, int member, int counts)
{
	const struct hub_round_item *x = &v->items[k];
	struct buf b = { 0 };

	if (v->categories)
		buf_printf(&b, " %s", x->name);
	else
		buf_printf(&b, _(" need %llu %s"), (unsigned long long)x->item,
		    x->name);
	if (v->closed && x->scored)
		buf_printf(&b, _("; rank %zu"), k + 1);
	else if (v->live && x->points > 0)
		buf_printf(&b, _("; rank %zu"), live_rank(v, k));
	if (member)
		buf_printf(&b, _("; yours %llu"), (unsigned long long)(
		    v->mine ? v->mine[k] : 0));
	if (counts)
		buf_printf(&b, _("; all %llu"), (unsigned long long)x->points);
	ui_put(ui, y, r.x, r.w, el, b.p);
	buf_free(&b);
}

static void
draw_round(struct ui_pane *p, struct ui *ui, struct rdata *d, struct ui_rect r)
{
	const struct hub_round_view *v = &d->v;
	int member = (ui->roles & ROLE_MEMBER) != 0;
	/* Counts: never those of a hidden round still open. */
	int counts = v->closed || v->live;
	char s[MAX_TITLE + 200], st[64], rk[24], all[24], mine[24];
	int rows = r.h - 3, y = r.y + 3;

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	snprintf(s, sizeof s, _(" Round #%llu (%s): "),
	    (unsigned long long)v->id, state_word(v->closed, v->hidden, st,
	    sizeof st));
	int w = ui_put(ui, r.y, r.x, r.w, E_TITLE, s);
	ui_put(ui, r.y, r.x + w, r.w - w, E_TITLE, v->title);
	/* The budget left, always in sight. */
	if (member && !v->closed) {
		int k = snprintf(s, sizeof s, ngettext(" Your points: %llu "
		    "left of %llu", " Your points: %llu left of %llu",
		    v->budget - v->spent),
		    (unsigned long long)(v->budget - v->spent),
		    (unsigned long long)v->budget);
		if (k > 0 && (size_t)k < sizeof s)
			snprintf(s + k, sizeof s - (size_t)k, ngettext(" (%llu "
			    "given)", " (%llu given)", v->spent),
			    (unsigned long long)v->spent);
	} else if (member)
		snprintf(s, sizeof s, _(" Closed: the ranking. You gave %llu "
		    "of %llu points."), (unsigned long long)v->spent,
		    (unsigned long long)v->budget);
	else
		snprintf(s, sizeof s, _(" %llu points each (members vote)."),
		    (unsigned long long)v->budget);
	if (counts && !v->closed) {
		size_t n = strlen(s);
		snprintf(s + n, sizeof s - n, ngettext(" · %llu member gave "
		    "points", " · %llu members gave points", v->voters),
		    (unsigned long long)v->voters);
	}
	ui_line(ui, r.y + 1, r.x, r.w, member && !v->closed && v->spent ==
	    v->budget ? E_ALERT : E_MARK, s);
	if (!counts)
		snprintf(s, sizeof s, "  %s", _("Hidden round: nobody sees the "
		    "points until the close."));
	else
		snprintf(s, sizeof s, "%5s %6s %6s  %s", _("rank"), _("yours"),
		    _("all"), v->categories ? _("category") : _("need"));
	ui_line(ui, r.y + 2, r.x, r.w, counts ? E_HEADER : E_DIM,
	    ui->sr && counts ? "" : s);
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	for (int i = 0; i < rows; i++) {
		size_t k = p->top + (size_t)i;
		const struct hub_round_item *x;
		int el;
		if (k >= v->nitems)
			break;
		x = &v->items[k];
		el = k == p->sel ? E_SELECTED : E_NORMAL;
		if (k == p->sel)
			ui->sr_y = y + i;
		rk[0] = all[0] = '\0';
		if (v->closed && x->scored)
			snprintf(rk, sizeof rk, "%zu.", k + 1);
		else if (v->live && x->points > 0)
			snprintf(rk, sizeof rk, "%zu.", live_rank(v, k));
		if (counts)
			snprintf(all, sizeof all, "%llu",
			    (unsigned long long)x->points);
		snprintf(mine, sizeof mine, "%llu", (unsigned long long)(
		    v->mine ? v->mine[k] : 0));
		if (v->categories)
			snprintf(s, sizeof s, "%5s %6s %6s  ", rk, member ?
			    mine : "", all);
		else
			snprintf(s, sizeof s, "%5s %6s %6s  #%llu ", rk,
			    member ? mine : "", all,
			    (unsigned long long)x->item);
		ui_fill(ui, y + i, r.x, r.w, el);
		if (ui->sr) {
			sr_item(ui, y + i, r, el, v, k, member, counts);
			continue;
		}
		w = ui_put(ui, y + i, r.x, r.w, el, s);
		ui_put(ui, y + i, r.x + w, r.w - w, el, x->name);
	}
}

static void
rounds_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct rdata *d = p->data;

	if (d->form.open) {
		form_draw(ui, &d->form, r);
		return;
	}
	if (d->detail && d->have)
		draw_round(p, ui, d, r);
	else
		draw_list(p, ui, d, r);
}

/* ---- acting ---- */

/* The round the keys act on: the one shown, or the selected row. */
static const struct rrow *
selected(struct ui_pane *p)
{
	struct rdata *d = p->data;

	if (d->detail) {
		for (size_t i = 0; i < d->n; i++)
			if (d->rows[i].id == d->detail)
				return &d->rows[i];
		return NULL;
	}
	return p->sel < d->n ? &d->rows[p->sel] : NULL;
}

static int
round_saved(struct ui *ui, struct ui_form *f)
{
	struct ui_pane *p = &ui->panes[P_ROUNDS];
	struct rdata *d = p->data;
	struct u64_list needs = { 0 };
	struct str_list cats = { 0 };
	struct hub_round_in in;
	uint64_t budget, id;
	struct err e;
	int rc;

	if (util_parse_u64(form_text(f, RF_BUDGET), &budget) != 0 ||
	    budget == 0) {
		ui_status(ui, E_STATUS_ERR, "%s", _("Points each: type a "
		    "number, as 10."));
		return -1;
	}
	for (size_t k = 0; k < f->f[RF_NEEDS].choices.n &&
	    k < d->form_needs.n; k++)
		if (f->f[RF_NEEDS].on[k])
			u64_list_push(&needs, d->form_needs.v[k]);
	for (size_t k = 0; k < f->f[RF_CATS].choices.n; k++)
		if (f->f[RF_CATS].on[k])
			str_list_push(&cats, f->f[RF_CATS].choices.v[k]);
	if ((needs.n > 0) == (cats.n > 0)) {
		u64_list_free(&needs);
		str_list_free(&cats);
		ui_status(ui, E_STATUS_ERR, "%s", _("Pick needs or categories "
		    "(one of the two)."));
		return -1;
	}
	memset(&in, 0, sizeof in);
	in.title = form_text(f, RF_TITLE);
	in.budget = budget;
	in.needs = &needs;
	in.categories = &cats;
	in.hidden = f->f[RF_HIDDEN].sel == 1;
	rc = hub_round_start(ui->h, &ui->who, &in, &id, &e);
	u64_list_free(&needs);
	str_list_free(&cats);
	if (rc != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Round #%llu opened."),
	    (unsigned long long)id);
	/* Show the new round. */
	if (!d->detail) {
		d->lsel = p->sel;
		d->ltop = p->top;
	}
	d->detail = id;
	p->sel = p->top = 0;
	return 0;
}

/* One point more (delta 1) or less (-1) on the selected item: the whole
 * ballot is written again (the hub replaces the old one). */
static void
dot_change(struct ui_pane *p, struct ui *ui, int delta)
{
	struct rdata *d = p->data;
	const struct hub_round_view *v = &d->v;
	struct u64_list items = { 0 }, points = { 0 };
	struct err e;

	for (size_t j = 0; j < v->nitems; j++) {
		uint64_t m = v->mine ? v->mine[j] : 0;
		if (j == p->sel)
			m = delta > 0 ? m + 1 : m - 1;
		u64_list_push(&items, v->items[j].item);
		u64_list_push(&points, m);
	}
	if (hub_round_ballot(ui->h, &ui->who, v->id, &items, &points,
	    &e) != 0)
		ui_error(ui, &e);
	else
		/* No status message: the budget line above says what is left,
		 * and a press stays a few bytes on a slow link. */
		ui_reload_all(ui);
	u64_list_free(&items);
	u64_list_free(&points);
}

static void
close_chosen(struct ui *ui, int k, uint64_t id)
{
	struct ui_pane *p = &ui->panes[P_ROUNDS];
	struct rdata *d = p->data;
	struct err e;

	if (k != 0) {
		ui_status(ui, E_STATUS, "%s", _("Cancelled."));
		return;
	}
	if (hub_round_close(ui->h, &ui->who, id, &e) != 0) {
		ui_error(ui, &e);
		return;
	}
	ui_status(ui, E_STATUS_OK, _("Round #%llu closed: the ranking."),
	    (unsigned long long)id);
	if (!d->detail) {
		d->lsel = p->sel;
		d->ltop = p->top;
		p->sel = p->top = 0;
	}
	d->detail = id;
	ui_reload_all(ui);
}

static const char *const close_labels[] = { N_("close it"), N_("keep it "
    "open") };

static const char *
rounds_why(struct ui_pane *p, struct ui *ui, int a)
{
	struct rdata *d = p->data;
	const struct rrow *x = selected(p);
	struct err e;

	(void)ui;
	if (d->form.open)
		return NULL;
	switch (a) {
	case AC_ROUND_OPEN:
		if (hub_dot_check(&d->viewer, HUB_DOT_ACT_OPEN, 0, 0, &e) == 0)
			return NULL;
		break;
	case AC_ROUND_CLOSE:
		if (x == NULL)
			return NULL;
		if (hub_dot_check(&d->viewer, HUB_DOT_ACT_CLOSE, x->id,
		    x->closed, &e) == 0)
			return NULL;
		break;
	case AC_DOT_ADD:
	case AC_DOT_REMOVE:
		if (!d->detail || !d->have) {
			snprintf(d->why, sizeof d->why, "%s", _("open a round "
			    "first (Enter)"));
			return d->why;
		}
		if (hub_dot_check(&d->viewer, HUB_DOT_ACT_BALLOT, d->v.id,
		    d->v.closed, &e) != 0)
			break;
		if (p->sel >= d->v.nitems)
			return NULL;
		if (a == AC_DOT_ADD && d->v.spent >= d->v.budget) {
			snprintf(d->why, sizeof d->why, _("no point left: "
			    "your %llu are given (- takes one back)"),
			    (unsigned long long)d->v.budget);
			return d->why;
		}
		if (a == AC_DOT_REMOVE && d->v.mine[p->sel] == 0) {
			snprintf(d->why, sizeof d->why, "%s", _("none of your "
			    "points is on this item"));
			return d->why;
		}
		return NULL;
	default:
		return NULL;
	}
	snprintf(d->why, sizeof d->why, "%s", e.msg);
	return d->why;
}

static int
rounds_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct rdata *d = p->data;
	const struct rrow *x = selected(p);
	char prompt[120];
	int r;

	if (d->form.open)
		return form_action(ui, &d->form, a);
	switch (a) {
	case AC_OPEN:
		if (d->detail || x == NULL)
			return d->detail ? UI_HANDLED : UI_IGNORED;
		d->lsel = p->sel;
		d->ltop = p->top;
		d->detail = x->id;
		p->sel = p->top = 0;
		return UI_HANDLED | UI_RELOAD | UI_REDRAW;
	case AC_BACK:
		if (!d->detail)
			return UI_IGNORED;
		d->detail = 0;
		p->sel = d->lsel;
		p->top = d->ltop;
		return UI_HANDLED | UI_RELOAD | UI_REDRAW;
	case AC_ROUND_OPEN:
		d->want_form = 1;
		return UI_HANDLED | UI_RELOAD | UI_REDRAW;
	case AC_ROUND_CLOSE:
		if (x == NULL)
			return UI_HANDLED;
		snprintf(prompt, sizeof prompt, _("Close round #%llu and rank "
		    "it?"), (unsigned long long)x->id);
		ui_choose(ui, prompt, close_labels, "yn", close_chosen, x->id);
		return UI_HANDLED;
	case AC_DOT_ADD:
	case AC_DOT_REMOVE:
		if (d->have && p->sel < d->v.nitems)
			dot_change(p, ui, a == AC_DOT_ADD ? 1 : -1);
		return UI_HANDLED;
	}
	r = ui_list_action(p, a);
	/* The list is held whole: moving rereads nothing. */
	return r & ~UI_RELOAD;
}

static int
rounds_can(struct ui_pane *p, struct ui *ui, int a)
{
	struct rdata *d = p->data;
	const struct rrow *x = selected(p);
	int shown = d->detail && d->have;

	if (d->form.open)
		return 0;
	switch (a) {
	case AC_OPEN:
		return !d->detail && d->n > 0;
	case AC_BACK:
		return d->detail != 0;
	case AC_ROUND_OPEN:
		/* Offered on the list; the key works on a round too (the
		 * hints of a round stay within 80 columns). */
		return !d->detail && (ui->roles & ROLE_FACILITATOR);
	case AC_ROUND_CLOSE:
		return x && !x->closed && (ui->roles & ROLE_FACILITATOR);
	case AC_DOT_ADD:
		return shown && (d->v.acts & HUB_DOT_ACT_BALLOT) &&
		    d->v.spent < d->v.budget;
	case AC_DOT_REMOVE:
		return shown && (d->v.acts & HUB_DOT_ACT_BALLOT) &&
		    p->sel < d->v.nitems && d->v.mine[p->sel] > 0;
	}
	return 1;
}

const struct ui_pane_class ui_rounds_class = {
	.name = "rounds", .title = N_("Rounds"), .tab = 8,
	.help = N_("the prioritisation rounds (dot voting)"),
	.hints = rounds_hints, .init = rounds_init, .done = rounds_done,
	.load = rounds_load, .draw = rounds_draw, .action = rounds_action,
	.resume = NULL, .can = rounds_can, .why = rounds_why,
};
