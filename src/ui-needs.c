/* ui-needs.c: the needs queue: a page of needs at a time (filter by
 * status, three orders), a need's detail, and report, support, merge and
 * status. Pages are walked with the hub's opaque cursors, so memory does
 * not grow with the queue. Writes only through hub operations. */
#include "ui.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NROWS 256

struct nrow {
	uint64_t id;
	int status;
	uint64_t supports, terrs;
	char title[MAX_TITLE + 1];
	char territory[MAX_SHORT + 1];
	unsigned acts;		/* HUB_NEED_ACT_*: the viewer's */
};

struct ndata {
	struct nrow rows[NROWS];
	size_t n;
	char (*cur)[HUB_CURSOR_MAX];	/* cursor where each page starts */
	size_t pages, cap, pg;
	char next[HUB_CURSOR_MAX];	/* after this page; "" at the end */
	int status;			/* filter: -1 all */
	int sort;
	int detail;
	struct hub_need_view nv;	/* the selected need, in detail */
	int have;
	int want_last;			/* after paging up: select the end */
	struct str_list terrs;		/* the hub's territories */
	unsigned queue_acts;		/* HUB_NEED_ACT_ADD */
	const char *tlabels[10];
	char tkeys[10];		/* "123..." one per territory */
};

static const int needs_hints[] = { AC_OPEN, AC_NEED_ADD, AC_NEED_SUPPORT,
    AC_FILTER, AC_SORT, AC_NONE };

static const char *const status_labels[NEED__COUNT] = { N_("reported"),
    N_("qualified"), N_("prioritised"), N_("in a Switch"), N_("addressed"),
    N_("merged"), N_("archived") };
static const char *const filter_labels[] = { N_("all"), N_("reported"),
    N_("qualified"), N_("prioritised"), N_("in a Switch"), N_("addressed"),
    N_("merged"), N_("archived") };
static const char *const sort_labels[NEED_SORT__COUNT] = { N_("newest"),
    N_("most supported"), N_("most territories") };

static void
needs_init(struct ui_pane *p)
{
	struct ndata *d = xcalloc(1, sizeof *d);

	d->status = -1;
	d->cap = 16;
	d->cur = xcalloc(d->cap, sizeof *d->cur);
	d->pages = 1;
	p->data = d;
}

static void
needs_done(struct ui_pane *p)
{
	struct ndata *d = p->data;

	if (d->have)
		hub_need_view_free(&d->nv);
	str_list_free(&d->terrs);
	free(d->cur);
	free(d);
	p->data = NULL;
}

static void
needs_reset(struct ui_pane *p)
{
	struct ndata *d = p->data;

	d->pg = 0;
	d->pages = 1;
	d->cur[0][0] = '\0';
	p->sel = p->top = 0;
	p->stale = 1;
}

struct nscan {
	struct ndata *d;
	size_t want;
};

static int
needs_cb(struct hub_rd *rd, const struct hub_need_view *v, void *arg)
{
	struct nscan *s = arg;
	const struct need *n = v->n;
	struct nrow *r;

	(void)rd;
	if (s->d->n >= s->want || s->d->n >= NROWS)
		return 1;
	r = &s->d->rows[s->d->n++];
	r->id = n->id;
	r->acts = v->acts;
	r->status = (int)n->status;
	r->supports = n->supports;
	r->terrs = n->territories.n;
	snprintf(r->title, sizeof r->title, "%s", n->title ? n->title : "");
	snprintf(r->territory, sizeof r->territory, "%s",
	    n->territory ? n->territory : "");
	return 0;
}

static void
needs_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct ndata *d = p->data;
	struct need_filter f;
	struct config cfg;
	struct nscan s;
	struct err e;
	size_t want = (size_t)(p->rows > 0 ? p->rows : 1);

	(void)ui;
	if (d->have)
		hub_need_view_free(&d->nv);
	d->have = 0;
	if (d->terrs.n == 0 && hub_config_view(rd, &cfg, &e) == 0) {
		for (size_t i = 0; i < cfg.territories.n && i < 9; i++) {
			str_list_push(&d->terrs, cfg.territories.v[i]);
			d->tlabels[i] = d->terrs.v[i];
			d->tkeys[i] = (char)('1' + i);
			d->tkeys[i + 1] = '\0';
		}
		codec_free(RT_CONFIG, &cfg);
	}
	d->queue_acts = hub_need_queue_acts(rd);
	hub_need_filter_init(&f);
	f.status = d->status;
	d->n = 0;
	s.d = d;
	s.want = want;
	d->next[0] = '\0';
	if (hub_need_page(rd, &f, d->sort, d->cur[d->pg][0] ? d->cur[d->pg] :
	    NULL, want, needs_cb, &s, d->next, &e) != 0) {
		d->n = 0;
		d->next[0] = '\0';
	}
	p->count = d->n;
	p->top = 0;
	if (d->want_last)
		p->sel = d->n ? d->n - 1 : 0;
	d->want_last = 0;
	if (p->sel >= d->n)
		p->sel = d->n ? d->n - 1 : 0;
	if (d->n > 0 && hub_need_view_get(rd, d->rows[p->sel].id, &d->nv,
	    &e) == 0)
		d->have = 1;
}

static void
draw_detail(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct ndata *d = p->data;
	const struct need *n = d->nv.n;
	struct ui_rect b = { r.y + 3, r.x + 1, r.h - 3, r.w - 2 };
	char s[600], ts[40];
	int y;

	snprintf(s, sizeof s, _(" Need #%llu — %s"), (unsigned long long)n->id,
	    n->title ? n->title : "");
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	snprintf(s, sizeof s, "%s · %s · %s · %s", _(status_labels[n->status <
	    NEED__COUNT ? n->status : 0]), n->territory ? n->territory : "",
	    n->category ? n->category : "-", n->public_ ? n->public_ : "-");
	ui_line(ui, r.y + 1, r.x + 1, r.w - 1, E_DIM, s);
	snprintf(s, sizeof s, _("%llu supports in %zu territories · round %s "
	    "· %s"), (unsigned long long)n->supports, n->territories.n,
	    n->round ? n->round : "-", ui_date(ui, n->created, ts, sizeof ts));
	ui_line(ui, r.y + 2, r.x + 1, r.w - 1, E_DIM, s);
	y = ui_wrap(ui, b, 0, E_NORMAL, n->description ? n->description :
	    _("(no description)"));
	y = b.y + (y < b.h ? y : b.h);
	for (size_t i = 0; i < n->practices.n && y < r.y + r.h; i++)
		ui_printf(ui, y++, b.x, b.w, E_APPROVE, "+ %s",
		    n->practices.v[i]);
	if (n->merged_into && y < r.y + r.h)
		ui_printf(ui, y++, b.x, b.w, E_ALERT, _("merged into #%llu"),
		    (unsigned long long)n->merged_into);
}

static void
needs_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct ndata *d = p->data;
	int rows = r.h - 1, y, x;
	char s[400], pad[200];

	if (rows != p->rows && rows > 0) {
		p->rows = rows;
		needs_reset(p);
	}
	if (d->detail && d->have) {
		draw_detail(p, ui, r);
		return;
	}
	snprintf(s, sizeof s, _(" Needs · %s · %s · page %zu"),
	    _(filter_labels[d->status + 1]), _(sort_labels[d->sort]),
	    d->pg + 1);
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	if (d->n == 0)
		ui_put(ui, r.y + 2, r.x + 1, r.w - 2, E_DIM, _("No need here: "
		    "n reports one, f changes the filter."));
	for (size_t i = 0; i < d->n && (int)i < rows; i++) {
		struct nrow *n = &d->rows[i];
		int sel = i == p->sel;
		int el = sel ? E_SELECTED : E_NORMAL;
		y = r.y + 1 + (int)i;
		ui_fill(ui, y, r.x, r.w, el);
		snprintf(s, sizeof s, "#%-5llu %s %3llu/%llu ",
		    (unsigned long long)n->id, ui_pad(_(status_labels[
		    n->status < NEED__COUNT ? n->status : 0]), 11, pad,
		    sizeof pad),
		    (unsigned long long)n->supports,
		    (unsigned long long)n->terrs);
		x = r.x + ui_put(ui, y, r.x, r.w, sel ? el : E_DIM, s);
		snprintf(s, sizeof s, "%s ", ui_pad(n->territory, 13, pad,
		    sizeof pad));
		x += ui_put(ui, y, x, 14, el, s);
		ui_put(ui, y, x, r.x + r.w - x, el, n->title);
	}
}

/* ---- moving through pages ---- */

static int
next_page(struct ui_pane *p)
{
	struct ndata *d = p->data;

	if (d->next[0] == '\0')
		return 0;
	if (d->pg + 1 >= d->cap) {
		d->cap *= 2;
		d->cur = xrealloc(d->cur, d->cap * sizeof *d->cur);
	}
	memcpy(d->cur[d->pg + 1], d->next, HUB_CURSOR_MAX);
	d->pg++;
	d->pages = d->pg + 1;
	p->sel = 0;
	p->stale = 1;
	return 1;
}

static int
needs_move(struct ui_pane *p, int a)
{
	struct ndata *d = p->data;

	switch (a) {
	case AC_DOWN:
		if (p->sel + 1 < d->n)
			p->sel++;
		else
			next_page(p);
		break;
	case AC_UP:
		if (p->sel > 0)
			p->sel--;
		else if (d->pg > 0) {
			d->pg--;
			d->want_last = 1;
		}
		break;
	case AC_PAGE_DOWN:
		if (!next_page(p))
			p->sel = d->n ? d->n - 1 : 0;
		break;
	case AC_PAGE_UP:
		if (d->pg > 0)
			d->pg--;
		p->sel = 0;
		break;
	case AC_TOP:
		d->pg = 0;
		p->sel = 0;
		break;
	default:
		return UI_IGNORED;
	}
	/* The selected need's detail is read with the page. */
	return UI_HANDLED | UI_REDRAW | UI_RELOAD;
}

/* ---- operations ---- */

static uint64_t
selected(struct ui_pane *p)
{
	struct ndata *d = p->data;

	return p->sel < d->n ? d->rows[p->sel].id : 0;
}

static int
need_done(struct ui *ui, const char *text, uint64_t terr)
{
	struct ndata *d = ui->panes[P_NEEDS].data;
	struct need_input in;
	char title[MAX_TITLE + 1];
	const char *nl = strchr(text, '\n');
	size_t k = nl ? (size_t)(nl - text) : strlen(text);
	struct err e;
	uint64_t id;

	if (k > MAX_TITLE || terr >= d->terrs.n) {
		ui_status(ui, E_STATUS_ERR, "%s", _("The title (first line) "
		    "is too long."));
		return -1;
	}
	memcpy(title, text, k);
	title[k] = '\0';
	memset(&in, 0, sizeof in);
	in.title = title;
	in.description = nl && nl[1] ? nl + 1 : NULL;
	in.territory = d->terrs.v[terr];
	if (hub_need_add(ui->h, &ui->who, &in, &id, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Need #%llu reported."),
	    (unsigned long long)id);
	return 0;
}

static void
open_need_editor(struct ui *ui, uint64_t terr, const char *text)
{
	struct ndata *d = ui->panes[P_NEEDS].data;
	char title[300], ctx[64];

	snprintf(title, sizeof title, _("New need in %s: first line the "
	    "title, then the description"), terr < d->terrs.n ?
	    d->terrs.v[terr] : "?");
	snprintf(ctx, sizeof ctx, "need:%llu", (unsigned long long)terr);
	ui_edit_open(ui, P_NEEDS, title, ctx, text, 1, MAX_TITLE + 1 +
	    MAX_TEXT, need_done, terr);
}

static void
terr_chosen(struct ui *ui, int k, uint64_t arg)
{
	(void)arg;
	open_need_editor(ui, (uint64_t)k, NULL);
}

static void
status_chosen(struct ui *ui, int k, uint64_t id)
{
	struct err e;
	static const int map[] = { NEED_REPORTED, NEED_QUALIFIED,
	    NEED_PRIORITISED, NEED_IN_SWITCH, NEED_ADDRESSED, NEED_ARCHIVED };

	if (hub_need_set_status(ui->h, &ui->who, id, map[k], &e) != 0) {
		ui_error(ui, &e);
		return;
	}
	ui_status(ui, E_STATUS_OK, _("Need #%llu: %s."), (unsigned long long)id,
	    _(status_labels[map[k]]));
	ui_reload_all(ui);
}

static void
filter_chosen(struct ui *ui, int k, uint64_t arg)
{
	struct ui_pane *p = &ui->panes[P_NEEDS];
	struct ndata *d = p->data;

	(void)arg;
	d->status = k - 1;
	needs_reset(p);
	ui->dirty = 1;
}

static int
merge_done(struct ui *ui, const char *text, uint64_t id)
{
	uint64_t into;
	struct err e;

	if (util_parse_u64(text[0] == '#' ? text + 1 : text, &into) != 0) {
		ui_status(ui, E_STATUS_ERR, "%s", _("Type the number of the "
		    "need to keep."));
		return -1;
	}
	if (hub_need_merge(ui->h, &ui->who, id, into, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Need #%llu merged into #%llu."),
	    (unsigned long long)id, (unsigned long long)into);
	return 0;
}

/* Moderation: flag the need's title or description. */
static const char *const flag_labels[] = { N_("title"), N_("description") };

static void
flag_chosen(struct ui *ui, int k, uint64_t id)
{
	ui_flag_ask(ui, P_NEEDS, "need", id, k == 0 ? "title" : "description");
}

/* An admin redacts directly (the reason line, then hub_redact). */
static void
redact_chosen(struct ui *ui, int k, uint64_t id)
{
	ui_redact_ask(ui, P_NEEDS, "need", id, k == 0 ? "title" :
	    "description");
}

static int
needs_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct ndata *d = p->data;
	static const char *const st_labels[] = { N_("reported"),
	    N_("qualified"), N_("prioritised"), N_("in a Switch"),
	    N_("addressed"), N_("archived") };
	uint64_t id = selected(p);
	struct err e;
	char ctx[64];

	switch (a) {
	case AC_OPEN:
		if (id)
			d->detail = 1;
		return UI_HANDLED | UI_REDRAW;
	case AC_BACK:
		if (!d->detail)
			return UI_IGNORED;
		d->detail = 0;
		return UI_HANDLED | UI_REDRAW;
	case AC_NEED_ADD:
		if (d->terrs.n == 1)
			open_need_editor(ui, 0, NULL);
		else if (d->terrs.n > 0)
			ui_choose(ui, _("Territory:"), d->tlabels, d->tkeys,
			    terr_chosen, 0);
		return UI_HANDLED;
	case AC_NEED_SUPPORT:
		if (id == 0)
			return UI_HANDLED;
		if (hub_need_support(ui->h, &ui->who, id, NULL, NULL, NULL,
		    &e) != 0)
			ui_error(ui, &e);
		else {
			ui_status(ui, E_STATUS_OK, _("Supported: seen here "
			    "too (#%llu)."), (unsigned long long)id);
			ui_reload_all(ui);
		}
		return UI_HANDLED;
	case AC_FLAG:
		if (id)
			ui_choose(ui, _("Flag which text?"), flag_labels, "td",
			    flag_chosen, id);
		return UI_HANDLED;
	case AC_REDACT:
		if (id && (ui->roles & ROLE_ADMIN))
			ui_choose(ui, _("Redact which text?"), flag_labels,
			    "td", redact_chosen, id);
		return UI_HANDLED;
	case AC_NEED_STATUS:
		if (id)
			ui_choose(ui, _("New status:"), st_labels, "rqpsax",
			    status_chosen, id);
		return UI_HANDLED;
	case AC_NEED_MERGE:
		if (id) {
			snprintf(ctx, sizeof ctx, "merge:%llu",
			    (unsigned long long)id);
			ui_edit_open(ui, P_NEEDS, _("Merge into which need "
			    "(number)?"), ctx, NULL, 0, 24, merge_done, id);
		}
		return UI_HANDLED;
	case AC_FILTER:
		ui_choose(ui, _("Show:"), filter_labels, "*rqpsamx",
		    filter_chosen, 0);
		return UI_HANDLED;
	case AC_SORT:
		d->sort = (d->sort + 1) % NEED_SORT__COUNT;
		needs_reset(p);
		ui_status(ui, E_STATUS, _("Order: %s."),
		    _(sort_labels[d->sort]));
		return UI_HANDLED | UI_RELOAD;
	}
	if (d->detail)
		return UI_IGNORED;
	return needs_move(p, a);
}

/* The key hints follow the views: what this viewer may do now. */
static int
needs_can(struct ui_pane *p, struct ui *ui, int a)
{
	struct ndata *d = p->data;
	unsigned acts = p->sel < d->n ? d->rows[p->sel].acts : 0;

	switch (a) {
	case AC_NEED_ADD:
		return (d->queue_acts & HUB_NEED_ACT_ADD) != 0;
	case AC_NEED_SUPPORT:
		return (acts & HUB_NEED_ACT_SUPPORT) != 0;
	case AC_NEED_STATUS:
		return (acts & HUB_NEED_ACT_STATUS) != 0;
	case AC_NEED_MERGE:
		return (acts & HUB_NEED_ACT_MERGE) != 0;
	case AC_REDACT:
		return (ui->roles & ROLE_ADMIN) != 0;
	}
	return 1;
}

static int
needs_resume(struct ui_pane *p, struct ui *ui, const char *ctx,
    const char *text)
{
	uint64_t v;

	(void)p;
	if (strncmp(ctx, "need:", 5) == 0 && util_parse_u64(ctx + 5, &v) == 0 &&
	    v < 9) {
		open_need_editor(ui, v, text);
		return 1;
	}
	return 0;
}

const struct ui_pane_class ui_needs_class = {
	.name = "needs", .title = N_("Needs"), .tab = 1,
	.help = N_("the needs queue"), .hints = needs_hints,
	.init = needs_init, .done = needs_done, .load = needs_load,
	.draw = needs_draw, .action = needs_action, .resume = needs_resume,
	.can = needs_can,
};
