/* ui-needs.c: the needs queue: a page of needs at a time (filters on
 * status, territory, category, public and round, combined; three orders),
 * a need's detail; report and edit in a form whose lists come from the
 * hub, support, good practices, merge and status. Pages are walked with
 * the hub's opaque cursors, so memory does not grow with the queue.
 * Writes only through hub operations. */
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
	char fterr[MAX_SHORT + 1], fcat[MAX_SHORT + 1];	/* "": any */
	char fpub[MAX_SHORT + 1], fround[16];
	int sort;
	int want_end;			/* End: go to the last page */
	struct config cfg;		/* the hub's lists, for the forms */
	int have_cfg;
	struct ui_form form;		/* a need's fields, or the filters */
	int detail;
	struct hub_need_view nv;	/* the selected need, in detail */
	int have;
	int want_last;			/* after paging up: select the end */
	uint64_t far;			/* after End: the last page's number */
	struct str_list terrs;		/* the hub's territories */
	unsigned queue_acts;		/* HUB_NEED_ACT_ADD */
	const char *tlabels[10];
	char tkeys[10];		/* "123..." one per territory */
	/* The statuses the selected need may go to, for the choice. */
	const char *slabels[NEED__COUNT];
	char skeys[NEED__COUNT + 1];
	int smap[NEED__COUNT];
};

static const int needs_hints[] = { AC_OPEN, AC_NEED_ADD, AC_NEED_SUPPORT,
    AC_NEED_EDIT, AC_PRACTICE_ADD, AC_FILTER, AC_SORT, AC_NONE };

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
	if (d->have_cfg)
		codec_free(RT_CONFIG, &d->cfg);
	form_free(&d->form);
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
	d->far = 0;
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
needs_filter(const struct ndata *d, struct need_filter *f)
{
	hub_need_filter_init(f);
	f->status = d->status;
	f->territory = d->fterr[0] ? d->fterr : NULL;
	f->category = d->fcat[0] ? d->fcat : NULL;
	f->public_ = d->fpub[0] ? d->fpub : NULL;
	f->round = d->fround[0] ? d->fround : NULL;
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
	/* The lists the forms offer: read again, an admin may edit them. */
	if (d->have_cfg)
		codec_free(RT_CONFIG, &d->cfg);
	d->have_cfg = hub_config_view(rd, &d->cfg, &e) == 0;
	d->queue_acts = hub_need_queue_acts(rd);
	needs_filter(d, &f);
	if (d->want_end) {
		uint64_t pages = 1;
		d->want_end = 0;
		if (hub_need_seek(rd, &f, d->sort, want, &pages,
		    d->cur[0], &e) == 0 && pages > 1) {
			/* Only the last page's start is known: paging up from
			 * it starts again from the top. */
			memcpy(d->cur[1], d->cur[0], HUB_CURSOR_MAX);
			d->cur[0][0] = '\0';
			d->pg = 1;
			d->pages = 2;
			d->far = pages;
		} else
			d->cur[0][0] = '\0';
		d->want_last = 1;
	}
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
	struct ui_rect b = { r.y + 4, r.x + 1, r.h - 4, r.w - 2 };
	char s[600], ts[40];
	int y;

	snprintf(s, sizeof s, _(" Need #%llu — %s"), (unsigned long long)n->id,
	    n->title ? n->title : "");
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	snprintf(s, sizeof s, "%s · %s · %s · %s", hub_need_status_label(n->status), n->territory ? n->territory : "",
	    n->category ? n->category : "-", n->public_ ? n->public_ : "-");
	ui_line(ui, r.y + 1, r.x + 1, r.w - 1, E_DIM, s);
	snprintf(s, sizeof s, _("%llu supports in %zu territories · round %s "
	    "· %s"), (unsigned long long)n->supports, n->territories.n,
	    n->round ? n->round : "-", ui_date(ui, n->created, ts, sizeof ts));
	ui_line(ui, r.y + 2, r.x + 1, r.w - 1, E_DIM, s);
	snprintf(s, sizeof s, _("source: %s · reported by %s"), n->source ?
	    n->source : "-", d->nv.reporter);
	ui_line(ui, r.y + 3, r.x + 1, r.w - 1, E_DIM, s);
	y = ui_wrap(ui, b, 0, E_NORMAL, n->description ? n->description :
	    _("(no description)"));
	y = b.y + (y < b.h ? y : b.h);
	if (n->practices.n && y < r.y + r.h)
		ui_put(ui, y++, b.x, b.w, E_HEADER, _("Good practices:"));
	for (size_t i = 0; i < n->practices.n && y < r.y + r.h; i++)
		ui_printf(ui, y++, b.x, b.w, E_APPROVE, "+ %s",
		    n->practices.v[i]);
	if (n->merged_into && y < r.y + r.h)
		ui_printf(ui, y++, b.x, b.w, E_ALERT, _("merged into #%llu"),
		    (unsigned long long)n->merged_into);
}

/* " · Alpes · santé" for the filters on, after the status. */
static void
filters_text(const struct ndata *d, char *out, size_t n)
{
	const char *v[4] = { d->fterr, d->fcat, d->fpub, d->fround };
	size_t used;

	snprintf(out, n, "%s", _(filter_labels[d->status + 1]));
	for (int i = 0; i < 4; i++) {
		used = strlen(out);
		if (v[i][0] && used < n)
			snprintf(out + used, n - used, " · %s", v[i]);
	}
}

/* Screen reader: one line a need, its values said in words and in the
 * order a listener wants them: " #320 — Ateliers smartphone; reported;
 * Alpes; 2 supports in 1 territory". */
static void
sr_row(struct ui *ui, int y, struct ui_rect r, int el, const struct nrow *n)
{
	struct buf b = { 0 };
	char sup[80];

	snprintf(sup, sizeof sup, ngettext("%llu support", "%llu supports",
	    n->supports), (unsigned long long)n->supports);
	/* TRANSLATORS: a need read aloud: id, title, status, territory,
	 * "N supports", territories. */
	buf_printf(&b, ngettext(" #%llu \xe2\x80\x94 %s; %s; %s; %s in %llu "
	    "territory", " #%llu \xe2\x80\x94 %s; %s; %s; %s in %llu "
	    "territories", n->terrs), (unsigned long long)n->id, n->title,
	    hub_need_status_label(n->status),
	    n->territory[0] ? n->territory : "-", sup,
	    (unsigned long long)n->terrs);
	ui_put(ui, y, r.x, r.w, el, b.p);
	buf_free(&b);
}

static void
needs_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct ndata *d = p->data;
	int rows = r.h - 2, y, x;
	char s[400], pad[200], fl[300];

	if (d->form.open) {
		form_draw(ui, &d->form, r);
		return;
	}
	if (rows != p->rows && rows > 0) {
		p->rows = rows;
		needs_reset(p);
	}
	if (d->detail && d->have) {
		draw_detail(p, ui, r);
		return;
	}
	filters_text(d, fl, sizeof fl);
	snprintf(s, sizeof s, _(" Needs · %s · %s · page %llu"), fl,
	    _(sort_labels[d->sort]), (unsigned long long)(d->far && d->pg ?
	    d->far + d->pg - 1 : d->pg + 1));
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	/* Column headers, as wide as the columns below (a screen reader
	 * reads each row as a sentence instead). */
	if (!ui->sr) {
		snprintf(s, sizeof s, "%-6s %s %s ", _("#"), ui_pad(
		    _("status"), 11, pad, sizeof pad), _("sup/ter"));
		x = r.x + ui_put(ui, r.y + 1, r.x, r.w, E_HEADER, ui_pad(s,
		    27, fl, sizeof fl));
		x += ui_put(ui, r.y + 1, x, 14, E_HEADER, ui_pad(
		    _("territory"), 14, pad, sizeof pad));
		ui_put(ui, r.y + 1, x, r.x + r.w - x, E_HEADER, _("title"));
	}
	if (d->n == 0)
		ui_put(ui, r.y + 3, r.x + 1, r.w - 2, E_DIM, _("No need here: "
		    "n reports one, f changes the filter."));
	for (size_t i = 0; i < d->n && (int)i < rows; i++) {
		struct nrow *n = &d->rows[i];
		int sel = i == p->sel;
		int el = sel ? E_SELECTED : E_NORMAL;
		y = r.y + 2 + (int)i;
		if (sel)
			ui->sr_y = y;
		ui_fill(ui, y, r.x, r.w, el);
		if (ui->sr) {
			sr_row(ui, y, r, el, n);
			continue;
		}
		snprintf(s, sizeof s, "#%-5llu %s %3llu/%-3llu ",
		    (unsigned long long)n->id, ui_pad(hub_need_status_label(n->status), 11, pad,
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
		d->far = 0;
		p->sel = 0;
		break;
	case AC_BOTTOM:
		d->want_end = 1;
		break;
	default:
		return UI_IGNORED;
	}
	if (d->pg == 0)
		d->far = 0;
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

/* Refuse an act before anything is typed, in the operation's words. */
static int
refused(struct ui *ui, struct ndata *d, unsigned act)
{
	struct err e;

	if (hub_need_act_check(ui->rd, act == HUB_NEED_ACT_ADD ? NULL :
	    d->have ? &d->nv : NULL, act, &e) == 0)
		return 0;
	ui_refuse(ui, e.msg);
	return 1;
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

/* ---- the need's form: every field, the lists from the hub ---- */

enum { NF_TITLE, NF_DESC, NF_TERR, NF_CAT, NF_PUB, NF_SOURCE, NF_ROUND };

static void
form_list(struct ui_form *f, int i, const struct str_list *l)
{
	for (size_t k = 0; k < l->n; k++)
		form_choice(f, i, l->v[k]);
}

/* The fields of a need, in the order of the enum above; easy to extend
 * (one form_add and one line in need_saved). */
static void
need_fields(struct ui *ui, struct ndata *d, struct ui_form *f,
    const struct need *n)
{
	struct str_list rounds = { 0 };
	int i;

	form_add(f, N_("Title"), UF_TEXT, 1, MAX_TITLE);
	form_add(f, N_("Description"), UF_MULTI, 0, MAX_TEXT);
	i = form_add(f, N_("Territory"), UF_PICK, 1, 0);
	if (d->have_cfg)
		form_list(f, i, &d->cfg.territories);
	i = form_add(f, N_("Category"), UF_PICK, 0, 0);
	if (d->have_cfg)
		form_list(f, i, &d->cfg.categories);
	i = form_add(f, N_("Public"), UF_PICK, 0, 0);
	if (d->have_cfg)
		form_list(f, i, &d->cfg.publics);
	i = form_add(f, N_("Source"), UF_PICK, 0, 0);
	if (d->have_cfg)
		form_list(f, i, &d->cfg.sources);
	i = form_add(f, N_("Collection round"), UF_PICK, 1, 0);
	if (n && n->round)
		str_list_push(&rounds, n->round);
	hub_need_round_choices(util_now(), 6, &rounds);
	form_list(f, i, &rounds);
	str_list_free(&rounds);
	if (n == NULL) {
		struct hub_member_view mv;
		struct err e;
		/* The reporter's own territory first, the current round. */
		form_pick(f, NF_ROUND, f->f[NF_ROUND].choices.v[0]);
		if (ui->me && hub_rd_renew(ui->rd, &e) == 0) {
			if (hub_member_view_get(ui->rd, ui->login, &mv,
			    &e) == 0) {
				form_pick(f, NF_TERR, mv.m.territory);
				hub_member_view_free(&mv);
			}
			hub_rd_park(ui->rd);
		}
		return;
	}
	form_set_text(f, NF_TITLE, n->title);
	form_set_text(f, NF_DESC, n->description);
	form_pick(f, NF_TERR, n->territory);
	form_pick(f, NF_CAT, n->category);
	form_pick(f, NF_PUB, n->public_);
	form_pick(f, NF_SOURCE, n->source);
	form_pick(f, NF_ROUND, n->round);
}

static int
need_saved(struct ui *ui, struct ui_form *f)
{
	struct need_input in;
	struct err e;
	uint64_t id = f->arg;

	memset(&in, 0, sizeof in);
	in.title = form_text(f, NF_TITLE);
	in.description = form_text(f, NF_DESC);
	in.territory = form_text(f, NF_TERR);
	in.category = form_text(f, NF_CAT);
	in.public_ = form_text(f, NF_PUB);
	in.source = form_text(f, NF_SOURCE);
	in.round = form_text(f, NF_ROUND);
	if (id == 0) {
		if (hub_need_add(ui->h, &ui->who, &in, &id, &e) != 0) {
			ui_error(ui, &e);
			return -1;
		}
		ui_status(ui, E_STATUS_OK, _("Need #%llu reported."),
		    (unsigned long long)id);
		return 0;
	}
	/* On edit an emptied optional field is cleared (""). */
	if (in.description == NULL)
		in.description = "";
	if (in.category == NULL)
		in.category = "";
	if (in.public_ == NULL)
		in.public_ = "";
	if (in.source == NULL)
		in.source = "";
	if (hub_need_edit(ui->h, &ui->who, id, &in, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Need #%llu saved."),
	    (unsigned long long)id);
	return 0;
}

static void
open_need_form(struct ui *ui, struct ndata *d, const struct need *n)
{
	char title[300];

	if (n)
		snprintf(title, sizeof title, _(" Edit need #%llu"),
		    (unsigned long long)n->id);
	else
		snprintf(title, sizeof title, "%s", _(" Report a need"));
	form_open(&d->form, P_NEEDS, title, need_saved, n ? n->id : 0);
	need_fields(ui, d, &d->form, n);
	ui->dirty = 1;
}

/* ---- the filters, combined ---- */

enum { FF_STATUS, FF_TERR, FF_CAT, FF_PUB, FF_ROUND };

static int
filters_saved(struct ui *ui, struct ui_form *f)
{
	struct ui_pane *p = &ui->panes[P_NEEDS];
	struct ndata *d = p->data;
	const char *v;

	d->status = f->f[FF_STATUS].sel >= 0 ? f->f[FF_STATUS].sel : -1;
	v = form_text(f, FF_TERR);
	snprintf(d->fterr, sizeof d->fterr, "%s", v ? v : "");
	v = form_text(f, FF_CAT);
	snprintf(d->fcat, sizeof d->fcat, "%s", v ? v : "");
	v = form_text(f, FF_PUB);
	snprintf(d->fpub, sizeof d->fpub, "%s", v ? v : "");
	v = form_text(f, FF_ROUND);
	snprintf(d->fround, sizeof d->fround, "%s", v ? v : "");
	needs_reset(p);
	ui_status(ui, E_STATUS, "%s", _("Filters applied."));
	return 0;
}

static void
open_filters(struct ui *ui, struct ndata *d)
{
	struct ui_form *f = &d->form;
	struct str_list rounds = { 0 };
	int i;

	form_open(f, P_NEEDS, _(" Filter the needs (— : any)"), filters_saved,
	    0);
	i = form_add(f, N_("Status"), UF_PICK, 0, 0);
	for (int k = 0; k < NEED__COUNT; k++)
		form_choice(f, i, hub_need_status_label(k));
	f->f[i].sel = d->status;
	i = form_add(f, N_("Territory"), UF_PICK, 0, 0);
	if (d->have_cfg)
		form_list(f, i, &d->cfg.territories);
	form_pick(f, i, d->fterr);
	i = form_add(f, N_("Category"), UF_PICK, 0, 0);
	if (d->have_cfg)
		form_list(f, i, &d->cfg.categories);
	form_pick(f, i, d->fcat);
	i = form_add(f, N_("Public"), UF_PICK, 0, 0);
	if (d->have_cfg)
		form_list(f, i, &d->cfg.publics);
	form_pick(f, i, d->fpub);
	i = form_add(f, N_("Collection round"), UF_PICK, 0, 0);
	hub_need_round_choices(util_now(), 12, &rounds);
	form_list(f, i, &rounds);
	str_list_free(&rounds);
	form_pick(f, i, d->fround);
	ui->dirty = 1;
}

static void
status_chosen(struct ui *ui, int k, uint64_t id)
{
	struct ndata *d = ui->panes[P_NEEDS].data;
	struct err e;
	int to = d->smap[k];

	if (hub_need_set_status(ui->h, &ui->who, id, to, &e) != 0) {
		ui_error(ui, &e);
		return;
	}
	ui_status(ui, E_STATUS_OK, _("Need #%llu: %s."), (unsigned long long)id,
	    hub_need_status_label(to));
	ui_reload_all(ui);
}

/* The choice offers only where the need may go (the path: one step at a
 * time, or archived), each under its usual key: the whole line fits 80
 * columns, where the six statuses did not. */
static void
open_status_choice(struct ui *ui, struct ndata *d, uint64_t id)
{
	static const int map[] = { NEED_REPORTED, NEED_QUALIFIED,
	    NEED_PRIORITISED, NEED_IN_SWITCH, NEED_ADDRESSED, NEED_ARCHIVED };
	static const char keys[] = "rqpsax";
	int from = d->have ? (int)d->nv.n->status : -1;
	size_t n = 0;

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (from >= 0 && !model_need_transition_ok(from, map[i]))
			continue;
		/* Already translated: ui_choose's _() finds no French
		 * msgid and leaves the word as it is. */
		d->slabels[n] = hub_need_status_label(map[i]);
		d->skeys[n] = keys[i];
		d->smap[n++] = map[i];
	}
	d->skeys[n] = '\0';
	if (n == 0) {
		ui_status(ui, E_STATUS_ERR, _("Need #%llu is %s: its status no "
		    "longer changes."), (unsigned long long)id,
		    hub_need_status_label(from));
		return;
	}
	ui_choose(ui, _("New status:"), d->slabels, d->skeys, status_chosen,
	    id);
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
practice_done(struct ui *ui, const char *text, uint64_t id)
{
	struct err e;

	if (text[0] == '\0') {
		ui_status(ui, E_STATUS_ERR, "%s", _("Type the practice, or "
		    "Escape."));
		return -1;
	}
	if (hub_need_practice(ui->h, &ui->who, id, text, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Good practice linked to need #%llu."),
	    (unsigned long long)id);
	return 0;
}

static void
open_practice_editor(struct ui *ui, uint64_t id, const char *text)
{
	char title[200], ctx[64];

	snprintf(title, sizeof title, _("Good practice for need #%llu (a "
	    "text or a link)"), (unsigned long long)id);
	snprintf(ctx, sizeof ctx, "practice:%llu", (unsigned long long)id);
	ui_edit_open(ui, P_NEEDS, title, ctx, text, 0, MAX_TITLE, practice_done,
	    id);
}

static int
needs_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct ndata *d = p->data;
	uint64_t id = selected(p);
	struct err e;
	char ctx[64];

	if (d->form.open)
		return form_action(ui, &d->form, a);
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
		if (!refused(ui, d, HUB_NEED_ACT_ADD))
			open_need_form(ui, d, NULL);
		return UI_HANDLED;
	case AC_NEED_EDIT:
		if (id && d->have && !refused(ui, d, HUB_NEED_ACT_EDIT))
			open_need_form(ui, d, d->nv.n);
		return UI_HANDLED;
	case AC_PRACTICE_ADD:
		if (id && d->have && !refused(ui, d, HUB_NEED_ACT_PRACTICE))
			open_practice_editor(ui, id, NULL);
		return UI_HANDLED;
	case AC_NEED_SUPPORT:
		if (id == 0 || refused(ui, d, HUB_NEED_ACT_SUPPORT))
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
		if (id && !refused(ui, d, HUB_NEED_ACT_STATUS))
			open_status_choice(ui, d, id);
		return UI_HANDLED;
	case AC_NEED_MERGE:
		if (id && !refused(ui, d, HUB_NEED_ACT_MERGE)) {
			snprintf(ctx, sizeof ctx, "merge:%llu",
			    (unsigned long long)id);
			ui_edit_open(ui, P_NEEDS, _("Merge into which need "
			    "(number)?"), ctx, NULL, 0, 24, merge_done, id);
		}
		return UI_HANDLED;
	case AC_FILTER:
		open_filters(ui, d);
		return UI_HANDLED | UI_REDRAW;
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

	if (d->form.open)
		return 0;
	switch (a) {
	case AC_NEED_ADD:
		return (d->queue_acts & HUB_NEED_ACT_ADD) != 0;
	case AC_NEED_SUPPORT:
		return (acts & HUB_NEED_ACT_SUPPORT) != 0;
	case AC_NEED_EDIT:
		return (acts & HUB_NEED_ACT_EDIT) != 0;
	case AC_PRACTICE_ADD:
		return (acts & HUB_NEED_ACT_PRACTICE) != 0;
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
	if (strncmp(ctx, "practice:", 9) == 0 &&
	    util_parse_u64(ctx + 9, &v) == 0) {
		open_practice_editor(ui, v, text);
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
