/* ui-switch.c: the Switch pane (tab 9): the themes (chosen needs with
 * their specification), newest first; a theme's specification and its
 * workstreams (chantiers) with who signed up; making a theme in a form,
 * opening a workstream, signing up. Shows the hub's theme views; writes
 * only through hub operations. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TROWS 256		/* themes held (the newest) */
#define TWS 128			/* workstreams of the theme shown */
#define TNEEDS 64		/* needs a new theme may offer */
#define TROUNDS 64		/* closed rounds a new theme may come from */

struct trow {
	uint64_t id, round;
	size_t nneeds;
	char title[MAX_TITLE + 1];
	char switch_name[MAX_SHORT + 1];
};

struct wrow {
	uint64_t id;
	char title[MAX_TITLE + 1];
	char members[400];	/* logins, ", " between */
	size_t nmembers;
	int mine;		/* the viewer signed up */
};

struct sdata {
	struct trow rows[TROWS];
	size_t n;
	/* The theme shown (0: the list), its view and workstreams. */
	uint64_t detail;
	struct hub_theme_view v;
	int have;
	struct wrow ws[TWS];
	size_t nws;
	size_t lsel, ltop;
	char err[sizeof ((struct err *)0)->msg];
	/* Making a theme: the form, read with the pane's next load. */
	int want_form;
	struct ui_form form;
	struct u64_list form_needs, form_rounds; /* parallel to choices */
	char why[sizeof ((struct err *)0)->msg];
	struct actor viewer;	/* resolved by the last load */
};

enum { TF_TITLE, TF_SPEC, TF_SWITCH, TF_ROUND, TF_TOP, TF_NEEDS };

static const int switch_hints[] = { AC_OPEN, AC_WORKSTREAM_JOIN,
    AC_THEME_ADD, AC_WORKSTREAM_ADD, AC_BACK, AC_NONE };

static void
switch_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct sdata));
}

static void
view_clear(struct sdata *d)
{
	if (d->have)
		hub_theme_view_free(&d->v);
	d->have = 0;
	d->nws = 0;
}

static void
switch_done(struct ui_pane *p)
{
	struct sdata *d = p->data;

	view_clear(d);
	form_free(&d->form);
	u64_list_free(&d->form_needs);
	u64_list_free(&d->form_rounds);
	free(d);
	p->data = NULL;
}

static int
theme_row(const struct hub_theme_row *t, void *arg)
{
	struct sdata *d = arg;
	struct trow *x;

	if (d->n >= TROWS)
		return 1;
	x = &d->rows[d->n++];
	x->id = t->id;
	x->round = t->round;
	x->nneeds = t->nneeds;
	snprintf(x->title, sizeof x->title, "%s", t->title ? t->title : "");
	snprintf(x->switch_name, sizeof x->switch_name, "%s", t->switch_name ?
	    t->switch_name : "");
	return 0;
}

struct wscan {
	struct sdata *d;
	const char *login;
};

static int
ws_row(const struct hub_workstream_row *w, void *arg)
{
	struct wscan *s = arg;
	struct wrow *x;
	size_t used = 0;

	if (s->d->nws >= TWS)
		return 1;
	x = &s->d->ws[s->d->nws++];
	memset(x, 0, sizeof *x);
	x->id = w->id;
	snprintf(x->title, sizeof x->title, "%s", w->title ? w->title : "");
	x->nmembers = w->members->n;
	for (size_t i = 0; i < w->members->n; i++) {
		int k = snprintf(x->members + used, sizeof x->members - used,
		    "%s%s", i ? ", " : "", w->members->v[i]);
		if (strcmp(w->members->v[i], s->login) == 0)
			x->mine = 1;
		if (k > 0 && (size_t)k < sizeof x->members - used)
			used += (size_t)k;
	}
	return 0;
}

/* ---- the theme's form: the lists from the hub ---- */

struct tchoice {
	struct ui_form *f;
	struct u64_list *ids;
};

static int
need_choice(struct hub_rd *rd, const struct hub_need_view *v, void *arg)
{
	struct tchoice *c = arg;
	const struct need *n = v->n;
	char s[MAX_TITLE + 32];

	(void)rd;
	if (n->status == NEED_MERGED || n->status == NEED_ARCHIVED)
		return 0;
	if (c->ids->n >= TNEEDS)
		return 1;
	snprintf(s, sizeof s, "#%llu %s", (unsigned long long)n->id,
	    n->title ? n->title : "");
	form_choice(c->f, TF_NEEDS, s);
	u64_list_push(c->ids, n->id);
	return 0;
}

static int
round_choice(const struct hub_round_row *r, void *arg)
{
	struct tchoice *c = arg;
	char s[MAX_TITLE + 32];

	if (!r->closed)
		return 0;
	if (c->ids->n >= TROUNDS)
		return 1;
	snprintf(s, sizeof s, "#%llu %s", (unsigned long long)r->id,
	    r->title ? r->title : "");
	form_choice(c->f, TF_ROUND, s);
	u64_list_push(c->ids, r->id);
	return 0;
}

static int theme_saved(struct ui *ui, struct ui_form *f);

static void
open_form(struct ui *ui, struct sdata *d, struct hub_rd *rd)
{
	struct ui_form *f = &d->form;
	struct need_filter nf;
	struct tchoice nc = { f, &d->form_needs }, rc = { f, &d->form_rounds };
	char next[HUB_CURSOR_MAX];
	struct err e;

	form_open(f, P_SWITCH, _(" Make a theme: chosen needs and their "
	    "specification"), theme_saved, 0);
	form_add(f, N_("Title"), UF_TEXT, 1, MAX_TITLE);
	form_add(f, N_("Specification"), UF_MULTI, 1, MAX_TEXT);
	form_add(f, N_("Switch"), UF_TEXT, 0, MAX_SHORT);
	form_add(f, N_("From round"), UF_PICK, 0, 0);
	form_add(f, N_("Its best items"), UF_TEXT, 0, 4);
	form_add(f, N_("Needs"), UF_SET, 0, 0);
	u64_list_free(&d->form_needs);
	u64_list_free(&d->form_rounds);
	(void)hub_round_list(rd, 1, NULL, 0, round_choice, &rc, next, &e);
	hub_need_filter_init(&nf);
	(void)hub_need_page(rd, &nf, NEED_SORT_SUPPORT, NULL, TNEEDS * 2,
	    need_choice, &nc, next, &e);
	ui->dirty = 1;
}

static void
switch_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct sdata *d = p->data;
	char next[HUB_CURSOR_MAX];
	struct wscan s = { d, ui->login };
	struct err e;

	d->n = 0;
	d->err[0] = '\0';
	d->viewer = *hub_rd_viewer(rd);
	view_clear(d);
	if (hub_theme_list(rd, 1, NULL, TROWS, theme_row, d, next, &e) != 0)
		snprintf(d->err, sizeof d->err, "%s", e.msg);
	if (d->detail) {
		if (hub_theme_view(rd, d->detail, &d->v, ws_row, &s, &e) == 0)
			d->have = 1;
		else {
			hub_theme_view_free(&d->v);
			d->nws = 0;
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
	p->count = d->detail ? d->nws : d->n;
	if (p->count && p->sel >= p->count)
		p->sel = p->count - 1;
	if (p->rows > 0)
		ui_list_fit(p, p->rows);
}

/* ---- drawing ---- */

static void
draw_list(struct ui_pane *p, struct ui *ui, struct sdata *d, struct ui_rect r)
{
	char s[MAX_TITLE + 200], pad[MAX_SHORT + 8], pad2[64];
	int rows = r.h - 2;
	size_t used;

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	ui_printf(ui, r.y, r.x, r.w, E_TITLE, " %s (%zu)",
	    _("Themes and Switch workstreams"), d->n);
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	snprintf(s, sizeof s, "%5s %s %s  %s%s", "#", ui_pad(_("round"), 12,
	    pad2, sizeof pad2), ui_pad(_("needs"), 7, pad, sizeof pad), "", "");
	used = strlen(s);
	snprintf(s + used, sizeof s - used, "%s%s", ui_pad(_("Switch"), 18,
	    pad, sizeof pad), _("title"));
	ui_line(ui, r.y + 1, r.x, r.w, E_HEADER, ui->sr ? "" : s);
	if (d->err[0]) {
		ui_line(ui, r.y + 2, r.x, r.w, E_STATUS_ERR, d->err);
		return;
	}
	if (d->n == 0) {
		ui_line(ui, r.y + 2, r.x, r.w, E_DIM, _("  No theme yet: the "
		    "best needs of a closed round make one."));
		return;
	}
	for (int i = 0; i < rows; i++) {
		size_t k = p->top + (size_t)i;
		const struct trow *x = &d->rows[k];
		char rd[24] = "";
		int el, w;
		if (k >= d->n)
			break;
		el = k == p->sel ? E_SELECTED : E_NORMAL;
		if (k == p->sel)
			ui->sr_y = r.y + 2 + i;
		if (x->round)
			snprintf(rd, sizeof rd, "#%llu",
			    (unsigned long long)x->round);
		snprintf(s, sizeof s, "%5llu %-12s %-7zu  ",
		    (unsigned long long)x->id, rd, x->nneeds);
		ui_fill(ui, r.y + 2 + i, r.x, r.w, el);
		if (ui->sr) {
			snprintf(s, sizeof s, ngettext(" theme %llu, %zu "
			    "need, Switch %s: ", " theme %llu, %zu needs, "
			    "Switch %s: ", x->nneeds),
			    (unsigned long long)x->id,
			    x->nneeds, x->switch_name[0] ? x->switch_name :
			    "-");
			w = ui_put(ui, r.y + 2 + i, r.x, r.w, el, s);
			ui_put(ui, r.y + 2 + i, r.x + w, r.w - w, el,
			    x->title);
			continue;
		}
		w = ui_put(ui, r.y + 2 + i, r.x, r.w, el, s);
		/* A long Switch name is cut one column short: a gap is
		 * left before the title. */
		ui_put(ui, r.y + 2 + i, r.x + w, 17, el,
		    ui_pad(x->switch_name[0] ? x->switch_name : "-", 17, pad,
		    sizeof pad));
		w += 18;
		ui_put(ui, r.y + 2 + i, r.x + w, r.w - w, el, x->title);
	}
}

static void
draw_theme(struct ui_pane *p, struct ui *ui, struct sdata *d, struct ui_rect r)
{
	const struct hub_theme_view *v = &d->v;
	char s[MAX_TITLE + 200];
	struct ui_rect sr;
	int y, w, need, rows;
	size_t used;

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	snprintf(s, sizeof s, _(" Theme #%llu: "), (unsigned long long)v->id);
	w = ui_put(ui, r.y, r.x, r.w, E_TITLE, s);
	ui_put(ui, r.y, r.x + w, r.w - w, E_TITLE, v->title);
	/* Its Switch, round and needs on one line. */
	snprintf(s, sizeof s, " %s ", _("Switch:"));
	ui_fill(ui, r.y + 1, r.x, r.w, E_MARK);
	w = ui_put(ui, r.y + 1, r.x, r.w, E_MARK, s);
	w += ui_put(ui, r.y + 1, r.x + w, r.w - w, E_MARK, v->switch_name ?
	    v->switch_name : "-");
	/* Its needs and round on the next line: a Switch's name takes
	 * half the width already. */
	used = (size_t)snprintf(s, sizeof s, " %s", _("needs:"));
	for (size_t i = 0; i < v->needs.n && used + 24 < sizeof s; i++)
		used += (size_t)snprintf(s + used, sizeof s - used, " #%llu",
		    (unsigned long long)v->needs.v[i]);
	if (v->round)
		snprintf(s + used, sizeof s - used, _("  ·  from round "
		    "#%llu"), (unsigned long long)v->round);
	ui_line(ui, r.y + 2, r.x, r.w, E_MARK, s);
	/* The specification, at most a third of the pane. */
	ui_printf(ui, r.y + 3, r.x, r.w, E_HEADER, " %s", _("Specification"));
	sr.y = r.y + 4;
	sr.x = r.x + 2;
	sr.w = r.w - 2;
	sr.h = 0;
	need = ui_wrap(ui, sr, 0, E_NORMAL, v->spec);
	sr.h = need < (r.h - 7) / 3 ? need : (r.h - 7) / 3;
	if (sr.h < 1)
		sr.h = 1;
	ui_wrap(ui, sr, 0, E_NORMAL, v->spec);
	y = sr.y + sr.h;
	snprintf(s, sizeof s, ngettext(" %zu workstream", " %zu workstreams",
	    d->nws), d->nws);
	ui_line(ui, y++, r.x, r.w, E_HEADER, s);
	rows = r.y + r.h - y;
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	if (d->nws == 0) {
		ui_line(ui, y, r.x, r.w, E_DIM, _("  No workstream yet."));
		return;
	}
	for (int i = 0; i < rows; i++) {
		size_t k = p->top + (size_t)i;
		const struct wrow *x = &d->ws[k];
		int el;
		if (k >= d->nws)
			break;
		el = k == p->sel ? E_SELECTED : E_NORMAL;
		if (k == p->sel)
			ui->sr_y = y + i;
		snprintf(s, sizeof s, "%s%5llu  ", x->mine ? "✓" : " ",
		    (unsigned long long)x->id);
		if (ui->ascii)
			snprintf(s, sizeof s, "%s%5llu  ", x->mine ? "*" : " ",
			    (unsigned long long)x->id);
		if (ui->sr)
			snprintf(s, sizeof s, _(" workstream %llu%s: "),
			    (unsigned long long)x->id, x->mine ?
			    _(", you signed up") : "");
		ui_fill(ui, y + i, r.x, r.w, el);
		w = ui_put(ui, y + i, r.x, r.w, el, s);
		w += ui_put(ui, y + i, r.x + w, r.w - w, el, x->title);
		snprintf(s, sizeof s, ngettext("  (%zu signed up: ",
		    "  (%zu signed up: ", x->nmembers), x->nmembers);
		if (w < r.w)
			w += ui_put(ui, y + i, r.x + w, r.w - w, el, s);
		if (w < r.w)
			w += ui_put(ui, y + i, r.x + w, r.w - w, el,
			    x->nmembers ? x->members : "-");
		if (w < r.w)
			ui_put(ui, y + i, r.x + w, r.w - w, el, ")");
	}
}

static void
switch_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct sdata *d = p->data;

	if (d->form.open) {
		form_draw(ui, &d->form, r);
		return;
	}
	if (d->detail && d->have)
		draw_theme(p, ui, d, r);
	else
		draw_list(p, ui, d, r);
}

/* ---- acting ---- */

/* The theme the keys act on: the one shown, or the selected row. */
static uint64_t
theme_of(struct ui_pane *p)
{
	struct sdata *d = p->data;

	if (d->detail)
		return d->detail;
	return p->sel < d->n ? d->rows[p->sel].id : 0;
}

static int
theme_saved(struct ui *ui, struct ui_form *f)
{
	struct ui_pane *p = &ui->panes[P_SWITCH];
	struct sdata *d = p->data;
	struct u64_list needs = { 0 };
	uint64_t round = 0, top = 0, id;
	const char *ts = form_text(f, TF_TOP);
	struct err e;
	int rc = 0;

	if (f->f[TF_ROUND].sel >= 0 &&
	    (size_t)f->f[TF_ROUND].sel < d->form_rounds.n)
		round = d->form_rounds.v[f->f[TF_ROUND].sel];
	if (ts && (util_parse_u64(ts, &top) != 0 || top == 0)) {
		ui_status(ui, E_STATUS_ERR, "%s", _("Its best items: type a "
		    "number, as 3."));
		return -1;
	}
	if (top && round == 0) {
		ui_status(ui, E_STATUS_ERR, "%s", _("Its best items: pick the "
		    "round they come from."));
		return -1;
	}
	for (size_t k = 0; k < f->f[TF_NEEDS].choices.n &&
	    k < d->form_needs.n; k++)
		if (f->f[TF_NEEDS].on[k])
			u64_list_push(&needs, d->form_needs.v[k]);
	if (top) {
		/* The round's best needs, read from its ranking. */
		if ((rc = hub_rd_renew(ui->rd, &e)) == 0) {
			rc = hub_round_top_needs(ui->rd, round, top, &needs,
			    &e);
			hub_rd_park(ui->rd);
		}
	}
	if (rc == 0)
		rc = hub_theme_add(ui->h, &ui->who, form_text(f, TF_TITLE),
		    form_text(f, TF_SPEC), round, &needs, form_text(f,
		    TF_SWITCH), &id, &e);
	u64_list_free(&needs);
	if (rc != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Theme #%llu made."),
	    (unsigned long long)id);
	if (!d->detail) {
		d->lsel = p->sel;
		d->ltop = p->top;
	}
	d->detail = id;
	p->sel = p->top = 0;
	return 0;
}

static int
ws_done(struct ui *ui, const char *text, uint64_t theme)
{
	struct err e;
	uint64_t id;

	if (text[0] == '\0') {
		ui_status(ui, E_STATUS_ERR, "%s", _("Type the workstream's "
		    "title, or Escape."));
		return -1;
	}
	if (hub_workstream_add(ui->h, &ui->who, theme, text, &id, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Workstream #%llu opened on theme "
	    "#%llu."), (unsigned long long)id, (unsigned long long)theme);
	ui_reload_all(ui);
	return 0;
}

static void
open_ws_editor(struct ui *ui, uint64_t theme, const char *text)
{
	char title[200], ctx[64];

	snprintf(title, sizeof title, _("New workstream on theme #%llu: its "
	    "title"), (unsigned long long)theme);
	snprintf(ctx, sizeof ctx, "workstream:%llu", (unsigned long long)theme);
	ui_edit_open(ui, P_SWITCH, title, ctx, text, 0, MAX_TITLE, ws_done,
	    theme);
}

static const char *
switch_why(struct ui_pane *p, struct ui *ui, int a)
{
	struct sdata *d = p->data;
	const struct wrow *w;
	struct err e;

	(void)ui;
	if (d->form.open)
		return NULL;
	switch (a) {
	case AC_THEME_ADD:
		if (hub_dot_check(&d->viewer, HUB_DOT_ACT_THEME, 0, 0, &e) == 0)
			return NULL;
		break;
	case AC_WORKSTREAM_ADD:
		if (hub_dot_check(&d->viewer, HUB_DOT_ACT_WS_ADD, 0, 0,
		    &e) == 0)
			return NULL;
		break;
	case AC_WORKSTREAM_JOIN:
		if (!d->detail || !d->have || p->sel >= d->nws) {
			snprintf(d->why, sizeof d->why, "%s", d->detail ?
			    _("no workstream to sign up for yet") :
			    _("open a theme first (Enter)"));
			return d->why;
		}
		w = &d->ws[p->sel];
		if (hub_dot_check(&d->viewer, HUB_DOT_ACT_WS_JOIN, w->id,
		    w->mine, &e) == 0)
			return NULL;
		break;
	default:
		return NULL;
	}
	snprintf(d->why, sizeof d->why, "%s", e.msg);
	return d->why;
}

static int
switch_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct sdata *d = p->data;
	uint64_t theme = theme_of(p);
	struct err e;
	int r;

	if (d->form.open)
		return form_action(ui, &d->form, a);
	switch (a) {
	case AC_OPEN:
		if (d->detail || theme == 0)
			return d->detail ? UI_HANDLED : UI_IGNORED;
		d->lsel = p->sel;
		d->ltop = p->top;
		d->detail = theme;
		p->sel = p->top = 0;
		return UI_HANDLED | UI_RELOAD | UI_REDRAW;
	case AC_BACK:
		if (!d->detail)
			return UI_IGNORED;
		d->detail = 0;
		p->sel = d->lsel;
		p->top = d->ltop;
		return UI_HANDLED | UI_RELOAD | UI_REDRAW;
	case AC_THEME_ADD:
		d->want_form = 1;
		return UI_HANDLED | UI_RELOAD | UI_REDRAW;
	case AC_WORKSTREAM_ADD:
		if (theme == 0)
			ui_status(ui, E_STATUS_ERR, "%s", _("Make a theme "
			    "first."));
		else
			open_ws_editor(ui, theme, NULL);
		return UI_HANDLED;
	case AC_WORKSTREAM_JOIN:
		if (!d->have || p->sel >= d->nws)
			return UI_HANDLED;
		if (hub_workstream_join(ui->h, &ui->who, d->ws[p->sel].id,
		    &e) != 0)
			ui_error(ui, &e);
		else {
			ui_status(ui, E_STATUS_OK, _("Signed up for "
			    "workstream #%llu."),
			    (unsigned long long)d->ws[p->sel].id);
			ui_reload_all(ui);
		}
		return UI_HANDLED;
	}
	r = ui_list_action(p, a);
	return r & ~UI_RELOAD;
}

static int
switch_can(struct ui_pane *p, struct ui *ui, int a)
{
	struct sdata *d = p->data;

	if (d->form.open)
		return 0;
	switch (a) {
	case AC_OPEN:
		return !d->detail && d->n > 0;
	case AC_BACK:
		return d->detail != 0;
	case AC_THEME_ADD:
		return !d->detail && (ui->roles & ROLE_FACILITATOR);
	case AC_WORKSTREAM_ADD:
		return theme_of(p) != 0 && (ui->roles & ROLE_FACILITATOR);
	case AC_WORKSTREAM_JOIN:
		return d->detail && d->have && p->sel < d->nws &&
		    !d->ws[p->sel].mine && ui->me != 0 &&
		    (ui->roles & ~(uint64_t)ROLE_OBSERVER) != 0;
	}
	return 1;
}

static int
switch_resume(struct ui_pane *p, struct ui *ui, const char *ctx,
    const char *text)
{
	uint64_t v;

	(void)p;
	if (strncmp(ctx, "workstream:", 11) == 0 &&
	    util_parse_u64(ctx + 11, &v) == 0) {
		open_ws_editor(ui, v, text);
		return 1;
	}
	return 0;
}

const struct ui_pane_class ui_switch_class = {
	.name = "switch", .title = N_("Switch"), .tab = 9,
	.help = N_("themes, their specification and Switch workstreams"),
	.hints = switch_hints, .init = switch_init, .done = switch_done,
	.load = switch_load, .draw = switch_draw, .action = switch_action,
	.resume = switch_resume, .can = switch_can, .why = switch_why,
};
