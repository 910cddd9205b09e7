/* ui-actions.c: the action plan: every decision (newest first) with its
 * actions (owner, due date, status; late ones marked "!"), a decision's
 * whole text, and adding, editing and changing an action. Shows the hub's
 * plan views; writes only through hub operations. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct ui_pane_class ui_actions_class;

#define XDECS 1024		/* decisions held (the newest) */
#define XACTS 2048		/* actions held */
#define XPICK 512		/* members offered as owners */

enum { XR_DECISION, XR_ACTION };
enum { FLOW_NONE, FLOW_ADD, FLOW_EDIT };

struct xrow {
	int kind;		/* XR_* */
	uint64_t id, decision, meeting;
	int status, overdue, may_status;
	int64_t due;		/* an action's; a decision's: when decided */
	char owner[MAX_LOGIN + 1];
	char title[MAX_TITLE + 1];	/* a decision's: its first line */
};

struct xdata {
	struct xrow *rows;
	size_t n;
	/* The decision shown whole (0: the list). */
	uint64_t detail, detail_proposal;
	char *detail_text;
	struct str_list detail_blocks;	/* "login: reason", on record */
	int detail_top;
	/* Adding or editing an action: the title, then the owner picked
	 * from the members, then the due date. */
	int flow;
	uint64_t flow_dec, flow_id;
	int64_t flow_due;
	char flow_title[MAX_TITLE + 1];
	char flow_owner[MAX_LOGIN + 1];
	int picking;
	struct str_list pick;	/* logins */
	size_t pick_sel, pick_top;
	int may_add;
	char add_why[200];
};

/* Shown when the viewer may take them (actions_can). */
static const int actions_hints[] = { AC_OPEN, AC_ACTION_ADD, AC_ACTION_EDIT,
    AC_ACTION_STATUS, AC_MINUTES, AC_NONE };

static const char *const status_labels[] = { N_("to do"), N_("doing"),
    N_("done"), N_("dropped") };

static void
actions_init(struct ui_pane *p)
{
	struct xdata *d = xcalloc(1, sizeof(struct xdata));

	d->rows = xcalloc(XDECS + XACTS, sizeof *d->rows);
	p->data = d;
}

static void
detail_clear(struct xdata *d)
{
	free(d->detail_text);
	d->detail_text = NULL;
	str_list_free(&d->detail_blocks);
}

static void
actions_done(struct ui_pane *p)
{
	struct xdata *d = p->data;

	detail_clear(d);
	str_list_free(&d->pick);
	free(d->rows);
	free(d);
	p->data = NULL;
}

/* ---- reading ---- */

struct xscan {
	struct xrow *decs, *acts;
	size_t ndecs, nacts;
	uint64_t min_dec;	/* the oldest decision kept */
};

static void
first_line(char *out, size_t n, const char *s)
{
	size_t k = s ? strcspn(s, "\n") : 0;

	if (k >= n)
		k = n - 1;
	/* Never cut inside a character. */
	while (k > 0 && k < (s ? strlen(s) : 0) &&
	    ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	snprintf(out, n, "%.*s", (int)k, s ? s : "");
}

static int
dec_cb(const struct hub_plan_decision *v, void *arg)
{
	struct xscan *s = arg;
	struct xrow *r;

	/* The newest are kept: the oldest make room. */
	if (s->ndecs == XDECS) {
		memmove(s->decs, s->decs + 1, (XDECS - 1) * sizeof *s->decs);
		s->ndecs--;
	}
	r = &s->decs[s->ndecs++];
	memset(r, 0, sizeof *r);
	r->kind = XR_DECISION;
	r->id = r->decision = v->id;
	r->meeting = v->meeting;
	r->due = v->decided;
	first_line(r->title, sizeof r->title, v->text);
	return 0;
}

static int
act_cb(const struct hub_plan_action *a, void *arg)
{
	struct xscan *s = arg;
	struct xrow *r;

	/* Only the kept decisions' actions; past the room, the plan shows
	 * what it holds (the newest decisions' first actions). */
	if (a->decision < s->min_dec)
		return 0;
	if (s->nacts == XACTS)
		return 1;
	r = &s->acts[s->nacts++];
	memset(r, 0, sizeof *r);
	r->kind = XR_ACTION;
	r->id = a->id;
	r->decision = a->decision;
	r->status = a->status;
	r->overdue = a->overdue;
	r->may_status = a->may_status;
	r->due = a->due;
	snprintf(r->owner, sizeof r->owner, "%s", a->owner);
	snprintf(r->title, sizeof r->title, "%s", a->title ? a->title : "");
	return 0;
}

static int
act_order(const void *a, const void *b)
{
	const struct xrow *x = a, *y = b;

	if (x->decision != y->decision)
		return x->decision < y->decision ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int
detail_cb(const struct hub_plan_decision *v, void *arg)
{
	struct xdata *d = arg;

	free(d->detail_text);
	d->detail_text = xstrdup(v->text ? v->text : "");
	d->detail_proposal = v->proposal;
	return 0;
}

/* The decision's text, and the blocks on record on its proposal (a lone
 * block does not reject, but it stays on record with the decision). */
static void
detail_read(struct xdata *d, struct hub_rd *r)
{
	struct hub_proposal_view v;
	struct err e;
	char line[MAX_LOGIN + MAX_REASON + 8];

	detail_clear(d);
	d->detail_proposal = 0;
	if (hub_decision_get(r, d->detail, detail_cb, d, &e) != 0) {
		d->detail = 0;
		return;
	}
	if (d->detail_proposal == 0)
		return;
	if (hub_proposal_view(r, d->detail_proposal, &v, &e) == 0)
		for (size_t i = 0; i < v.npos; i++) {
			const struct hub_vposition *x = &v.pos[i];
			if (!x->counted || x->hidden || x->kind != POS_BLOCK)
				continue;
			snprintf(line, sizeof line, "%s: %s", x->login,
			    x->reason ? x->reason : "");
			str_list_push(&d->detail_blocks, line);
		}
	hub_proposal_view_free(&v);
}

/* A decision with actions is their heading: the selection goes past it
 * to an action (up, or down), so s and e always have one to act on; a
 * decision without actions stays selectable (n adds its first). */
static void
skip_heading(struct ui_pane *p, int up)
{
	const struct xdata *d = p->data;
	size_t s = p->sel;

	if (s >= d->n || d->rows[s].kind != XR_DECISION || s + 1 >= d->n ||
	    d->rows[s + 1].kind != XR_ACTION)
		return;
	if (up && s > 0)
		p->sel = s - 1;
	else
		p->sel = s + 1;
	ui_list_fit(p, p->rows);
}

static void
actions_read(struct ui_pane *p, struct hub_rd *r)
{
	struct xdata *d = p->data;
	struct xscan s;
	struct err e;

	memset(&s, 0, sizeof s);
	s.decs = xcalloc(XDECS, sizeof *s.decs);
	s.acts = xcalloc(XACTS, sizeof *s.acts);
	hub_decision_list(r, NULL, 0, dec_cb, &s, NULL, &e);
	s.min_dec = s.ndecs ? s.decs[0].id : 0;
	hub_action_list(r, 0, NULL, 0, act_cb, &s, NULL, &e);
	qsort(s.acts, s.nacts, sizeof *s.acts, act_order);
	d->n = 0;
	for (size_t i = s.ndecs; i-- > 0;) {
		size_t lo = 0, hi = s.nacts;
		d->rows[d->n++] = s.decs[i];
		/* Its actions: the first of them by bisection. */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (s.acts[mid].decision < s.decs[i].id)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < s.nacts && s.acts[lo].decision == s.decs[i].id;
		    lo++)
			d->rows[d->n++] = s.acts[lo];
	}
	free(s.decs);
	free(s.acts);
	p->count = d->n;
	if (p->sel >= d->n)
		p->sel = d->n ? d->n - 1 : 0;
	skip_heading(p, 0);
	ui_list_fit(p, p->rows);
	err_clear(&e);
	d->may_add = hub_role_check(hub_rd_viewer(r), ROLE_MEMBER |
	    ROLE_FACILITATOR, "add an action", &e) == 0;
	snprintf(d->add_why, sizeof d->add_why, "%.199s", e.msg);
	if (d->detail)
		detail_read(d, r);
}

static void
actions_load(struct ui_pane *p, struct ui *ui, struct hub_rd *r)
{
	struct xdata *d = p->data;

	(void)ui;
	(void)d;
	actions_read(p, r);
}

static const struct xrow *
sel_row(struct ui_pane *p)
{
	const struct xdata *d = p->data;

	return p->sel < d->n ? &d->rows[p->sel] : NULL;
}

/* The decision an action would be added to: the one shown whole, else
 * the selected row's. */
static uint64_t
target_decision(struct ui_pane *p)
{
	const struct xdata *d = p->data;
	const struct xrow *r = sel_row(p);

	if (d->detail)
		return d->detail;
	return r ? r->decision : 0;
}

static const char *
actions_why(struct ui_pane *p, struct ui *ui, int a)
{
	struct xdata *d = p->data;
	const struct xrow *r = sel_row(p);
	static char why[200];
	char login[MAX_LOGIN + 1];

	(void)ui;
	switch (a) {
	case AC_ACTION_ADD:
		if (!d->may_add)
			return d->add_why;
		if (target_decision(p) == 0)
			return _("No decision yet: actions come with a retained "
			    "proposal.");
		return NULL;
	case AC_ACTION_EDIT:
	case AC_ACTION_STATUS:
		if (d->detail || r == NULL || r->kind != XR_ACTION)
			return d->n ? _("Select an action first (Up, Down).") :
			    _("No action yet: they come with decisions.");
		if (r->may_status)
			return NULL;
		snprintf(login, sizeof login, "%s", r->owner);
		snprintf(why, sizeof why, _("only the owner (%s) or the "
		    "facilitator may change action %llu"), login,
		    (unsigned long long)r->id);
		return why;
	}
	return NULL;
}

static int
actions_can(struct ui_pane *p, struct ui *ui, int a)
{
	struct xdata *d = p->data;

	if (d->picking)
		return 0;
	if (a == AC_OPEN)
		return !d->detail && d->n > 0;
	return actions_why(p, ui, a) == NULL;
}

/* ---- drawing ---- */

static void
draw_action(struct ui *ui, const struct xrow *a, int y, struct ui_rect r,
    int sel)
{
	int el = sel ? E_SELECTED : a->status >= AS_DONE ? E_DIM : E_NORMAL;
	int x = r.x, late = a->overdue;
	char s[300], ts[40], pad[100];

	ui_fill(ui, y, r.x, r.w, el);
	if (ui->sr) {
		/* Screen reader: a sentence, "late" said in words. */
		snprintf(s, sizeof s, _(" #%llu \xe2\x80\x94 %s; %s; due %s; "
		    "by %s"), (unsigned long long)a->id, a->title,
		    _(status_labels[a->status < AS__COUNT ? a->status : 0]),
		    a->due ? ui_day(ui, a->due, ts, sizeof ts) : "-",
		    a->owner);
		x += ui_put(ui, y, x, r.w, el, s);
		if (late)
			ui_put(ui, y, x, r.x + r.w - x, el, _("; late"));
		return;
	}
	/* Late: a sign that reads without colour, and the theme's. */
	x += ui_put(ui, y, x, 4, late ? (sel ? el : E_BLOCK) : el,
	    late ? "  ! " : "    ");
	snprintf(s, sizeof s, "#%-4llu %s ", (unsigned long long)a->id,
	    ui_pad(_(status_labels[a->status < AS__COUNT ? a->status : 0]),
	    9, pad, sizeof pad));
	x += ui_put(ui, y, x, r.x + r.w - x, el, s);
	snprintf(s, sizeof s, "%s ", ui_pad(a->due ? ui_day(ui, a->due, ts,
	    sizeof ts) : "-", 10, pad, sizeof pad));
	x += ui_put(ui, y, x, r.x + r.w - x, late && !sel ? E_BLOCK : el, s);
	snprintf(s, sizeof s, "%s ", ui_pad(a->owner, 12, pad, sizeof pad));
	x += ui_put(ui, y, x, r.x + r.w - x, el, s);
	ui_put(ui, y, x, r.x + r.w - x, el, a->title);
}

static void
draw_decision(struct ui *ui, const struct xrow *a, int y, struct ui_rect r,
    int sel)
{
	char s[MAX_TITLE + 120], ts[40];

	snprintf(s, sizeof s, _("Decision #%llu (meeting #%llu, %s): %s"),
	    (unsigned long long)a->id, (unsigned long long)a->meeting,
	    ui_day(ui, a->due, ts, sizeof ts), a->title);
	ui_line(ui, y, r.x, r.w, sel ? E_SELECTED : E_HEADER, s);
}

static void
draw_pick(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct xdata *d = p->data;
	int rows = r.h - 1, y = r.y;
	char s[300];

	snprintf(s, sizeof s, _(" Owner of \"%s\": Up, Down, Enter picks; "
	    "Escape cancels"), d->flow_title);
	ui_line(ui, y++, r.x, r.w, E_TITLE, s);
	if (rows < 1)
		return;
	if (d->pick_sel >= d->pick.n)
		d->pick_sel = d->pick.n ? d->pick.n - 1 : 0;
	if (d->pick_sel < d->pick_top)
		d->pick_top = d->pick_sel;
	if (d->pick_sel >= d->pick_top + (size_t)rows)
		d->pick_top = d->pick_sel - (size_t)rows + 1;
	for (size_t i = d->pick_top; i < d->pick.n && y < r.y + r.h; i++)
		ui_line(ui, y++, r.x, r.w, i == d->pick_sel ? E_SELECTED :
		    E_NORMAL, d->pick.v[i]);
}

static void
draw_detail(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct xdata *d = p->data;
	struct ui_rect tr = { r.y + 1, r.x + 1, 0, r.w - 2 };
	struct buf b = { 0 };
	int y, need;
	char s[200];
	size_t i;

	snprintf(s, sizeof s, _(" Decision #%llu (Escape: back to the plan)"),
	    (unsigned long long)d->detail);
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	buf_puts(&b, d->detail_text ? d->detail_text : "");
	for (i = 0; i < d->detail_blocks.n; i++) {
		if (i == 0)
			buf_printf(&b, "\n\n%s", _("Blocks on record (not "
			    "enough to reject):"));
		buf_puts(&b, "\n- ");
		buf_puts(&b, d->detail_blocks.v[i]);
	}
	tr.h = r.h / 2;
	need = ui_wrap(ui, tr, d->detail_top, E_NORMAL, b.p ? b.p : "");
	if (d->detail_top > 0 && d->detail_top >= need)
		d->detail_top = need > 0 ? need - 1 : 0;
	buf_free(&b);
	y = tr.y + (need - d->detail_top < tr.h ? need - d->detail_top :
	    tr.h);
	ui_hline(ui, y++, r.x, r.w);
	for (i = 0; i < d->n && y < r.y + r.h; i++)
		if (d->rows[i].kind == XR_ACTION && d->rows[i].decision ==
		    d->detail)
			draw_action(ui, &d->rows[i], y++, r, 0);
}

static void
actions_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct xdata *d = p->data;
	int rows = r.h - 1, y;
	size_t nact = 0, late = 0;
	char s[300];

	if (d->picking) {
		draw_pick(p, ui, r);
		return;
	}
	if (d->detail) {
		draw_detail(p, ui, r);
		return;
	}
	for (size_t i = 0; i < d->n; i++)
		if (d->rows[i].kind == XR_ACTION) {
			nact++;
			late += d->rows[i].overdue != 0;
		}
	if (late)
		snprintf(s, sizeof s, _(" Action plan (%zu, %zu late: !)"),
		    nact, late);
	else
		snprintf(s, sizeof s, _(" Action plan (%zu)"), nact);
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	if (d->n == 0)
		ui_put(ui, r.y + 2, r.x + 1, r.w - 2, E_DIM, _("No action "
		    "yet: they come with decisions."));
	for (size_t i = p->top; i < d->n && (int)(i - p->top) < rows; i++) {
		y = r.y + 1 + (int)(i - p->top);
		if (d->rows[i].kind == XR_DECISION)
			draw_decision(ui, &d->rows[i], y, r, i == p->sel);
		else
			draw_action(ui, &d->rows[i], y, r, i == p->sel);
	}
}

/* ---- adding and editing ---- */

static int due_done(struct ui *ui, const char *text, uint64_t arg);

static void
open_due(struct ui *ui, struct xdata *d)
{
	char title[200], ex[40], prefill[40];

	ui_day(ui, util_now() + 14 * 86400, ex, sizeof ex);
	snprintf(title, sizeof title, _("Due date, as %s (empty: none)"), ex);
	prefill[0] = '\0';
	if (d->flow == FLOW_EDIT && d->flow_due)
		ui_day(ui, d->flow_due, prefill, sizeof prefill);
	ui_edit_open(ui, ui_actions_class.tab - 1, title, "", prefill, 0, 32,
	    due_done, 0);
}

static int
roster_cb(const struct hub_roster_row *m, void *arg)
{
	struct xdata *d = arg;

	if (d->pick.n < XPICK)
		str_list_push(&d->pick, m->login);
	return 0;
}

static int
start_pick(struct ui *ui, struct xdata *d)
{
	struct hub_rd *r;
	struct err e;
	int rc;

	str_list_free(&d->pick);
	if (hub_rd_open(ui->h, &ui->who, &r, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	rc = hub_roster_list(r, roster_cb, d, &e);
	hub_rd_close(r);
	if (rc != 0 || d->pick.n == 0) {
		ui_error(ui, &e);
		return -1;
	}
	d->pick_sel = d->pick_top = 0;
	for (size_t i = 0; i < d->pick.n; i++)
		if (strcmp(d->pick.v[i], d->flow_owner[0] ? d->flow_owner :
		    ui->login) == 0)
			d->pick_sel = i;
	d->picking = 1;
	ui->dirty = 1;
	return 0;
}

static int
title_done(struct ui *ui, const char *text, uint64_t arg)
{
	struct xdata *d = ui->panes[ui_actions_class.tab - 1].data;

	(void)arg;
	if (text[0] == '\0') {
		ui_status(ui, E_STATUS_ERR, "%s", _("An action needs a title "
		    "(Escape cancels)."));
		return -1;
	}
	snprintf(d->flow_title, sizeof d->flow_title, "%s", text);
	return start_pick(ui, d);
}

static int
due_done(struct ui *ui, const char *text, uint64_t arg)
{
	struct xdata *d = ui->panes[ui_actions_class.tab - 1].data;
	int64_t due = 0;
	uint64_t id = 0;
	struct err e;
	int rc;

	(void)arg;
	if (text[0] != '\0' && (due = ui_parse_date(ui, text)) < 0) {
		char ex[40];
		ui_status(ui, E_STATUS_ERR, _("\"%s\" is not a date: write it "
		    "as %s."), text, ui_day(ui, util_now(), ex, sizeof ex));
		return -1;
	}
	if (d->flow == FLOW_EDIT)
		rc = hub_action_edit(ui->h, &ui->who, d->flow_id,
		    d->flow_owner[0] ? d->flow_owner : NULL, d->flow_title,
		    due, &e);
	else
		rc = hub_action_add(ui->h, &ui->who, d->flow_dec,
		    d->flow_owner, d->flow_title, due, &id, &e);
	if (rc != 0) {
		ui_error(ui, &e);
		return -1;
	}
	if (d->flow == FLOW_EDIT)
		ui_status(ui, E_STATUS_OK, _("Action #%llu changed."),
		    (unsigned long long)d->flow_id);
	else
		ui_status(ui, E_STATUS_OK, _("Action #%llu added to decision "
		    "#%llu, for %s."), (unsigned long long)id,
		    (unsigned long long)d->flow_dec, d->flow_owner);
	d->flow = FLOW_NONE;
	return 0;
}

static void
open_title(struct ui *ui, struct xdata *d, const char *text)
{
	char title[200], ctx[64];

	if (d->flow == FLOW_EDIT) {
		snprintf(title, sizeof title, _("Action #%llu: its title"),
		    (unsigned long long)d->flow_id);
		snprintf(ctx, sizeof ctx, "action-edit:%llu",
		    (unsigned long long)d->flow_id);
	} else {
		snprintf(title, sizeof title, _("New action for decision "
		    "#%llu: its title"), (unsigned long long)d->flow_dec);
		snprintf(ctx, sizeof ctx, "action-add:%llu",
		    (unsigned long long)d->flow_dec);
	}
	ui_edit_open(ui, ui_actions_class.tab - 1, title, ctx, text, 0,
	    MAX_TITLE, title_done, 0);
}

static int
pick_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct xdata *d = p->data;
	size_t page = p->rows > 1 ? (size_t)p->rows - 1 : 1;

	switch (a) {
	case AC_UP:
		if (d->pick_sel > 0)
			d->pick_sel--;
		break;
	case AC_DOWN:
		if (d->pick_sel + 1 < d->pick.n)
			d->pick_sel++;
		break;
	case AC_PAGE_UP:
		d->pick_sel = d->pick_sel > page ? d->pick_sel - page : 0;
		break;
	case AC_PAGE_DOWN:
		d->pick_sel += page;
		break;
	case AC_TOP:
		d->pick_sel = 0;
		break;
	case AC_BOTTOM:
		d->pick_sel = d->pick.n ? d->pick.n - 1 : 0;
		break;
	case AC_OPEN:
		if (d->pick_sel < d->pick.n) {
			snprintf(d->flow_owner, sizeof d->flow_owner, "%s",
			    d->pick.v[d->pick_sel]);
			d->picking = 0;
			open_due(ui, d);
		}
		break;
	case AC_BACK:
	case AC_QUIT:
		d->picking = 0;
		d->flow = FLOW_NONE;
		ui_status(ui, E_STATUS, "%s", _("Cancelled."));
		break;
	default:
		/* Nothing else while a member is being picked. */
		break;
	}
	return UI_HANDLED | UI_REDRAW;
}

static void
status_chosen(struct ui *ui, int k, uint64_t id)
{
	struct err e;

	if (hub_action_status(ui->h, &ui->who, id, k, &e) != 0) {
		ui_error(ui, &e);
		return;
	}
	ui_status(ui, E_STATUS_OK, _("Action #%llu: %s."),
	    (unsigned long long)id, _(status_labels[k]));
	ui_reload_all(ui);
}

static int
actions_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct xdata *d = p->data;
	const struct xrow *r = sel_row(p);

	if (d->picking)
		return pick_action(p, ui, a);
	switch (a) {
	case AC_ACTION_ADD:
		d->flow = FLOW_ADD;
		d->flow_dec = target_decision(p);
		d->flow_owner[0] = '\0';
		d->flow_due = 0;
		open_title(ui, d, NULL);
		return UI_HANDLED;
	case AC_ACTION_EDIT:
		if (r == NULL || r->kind != XR_ACTION)
			return UI_HANDLED;
		d->flow = FLOW_EDIT;
		d->flow_id = r->id;
		d->flow_dec = r->decision;
		d->flow_due = r->due;
		snprintf(d->flow_owner, sizeof d->flow_owner, "%s", r->owner);
		open_title(ui, d, r->title);
		return UI_HANDLED;
	case AC_ACTION_STATUS:
		if (r != NULL && r->kind == XR_ACTION)
			ui_choose(ui, _("New status:"), status_labels, "tdfx",
			    status_chosen, r->id);
		return UI_HANDLED;
	case AC_FLAG:
		/* Moderation: the action's title, for the admins. */
		if (r != NULL && r->kind == XR_ACTION)
			ui_flag_ask(ui, P_ACTIONS, "action", r->id, "title");
		return UI_HANDLED;
	case AC_MINUTES:
		ui_minutes_ask(ui);
		return UI_HANDLED;
	case AC_OPEN:
		if (!d->detail && r != NULL) {
			d->detail = r->decision;
			d->detail_top = 0;
			return UI_HANDLED | UI_RELOAD | UI_REDRAW;
		}
		return UI_HANDLED;
	case AC_BACK:
		if (d->detail) {
			d->detail = 0;
			detail_clear(d);
			return UI_HANDLED | UI_REDRAW;
		}
		return UI_IGNORED;
	case AC_PAGE_DOWN:
	case AC_PAGE_UP:
		if (d->detail) {
			d->detail_top += a == AC_PAGE_DOWN ? 3 : -3;
			if (d->detail_top < 0)
				d->detail_top = 0;
			return UI_HANDLED | UI_REDRAW;
		}
		break;
	}
	if (d->detail)
		return a == AC_UP || a == AC_DOWN ? UI_HANDLED : UI_IGNORED;
	{
		int rc = ui_list_action(p, a);
		skip_heading(p, a == AC_UP || a == AC_PAGE_UP || a == AC_BOTTOM);
		return rc;
	}
}

static int
edit_lookup_cb(const struct hub_plan_action *a, void *arg)
{
	struct xdata *d = arg;

	if (a->id != d->flow_id)
		return 0;
	d->flow_dec = a->decision;
	d->flow_due = a->due;
	snprintf(d->flow_owner, sizeof d->flow_owner, "%s", a->owner);
	return 1;
}

static int
actions_resume(struct ui_pane *p, struct ui *ui, const char *ctx,
    const char *text)
{
	struct xdata *d = p->data;
	uint64_t id;

	if (strncmp(ctx, "action-edit:", 12) == 0 &&
	    util_parse_u64(ctx + 12, &id) == 0) {
		/* The owner and due date as the plan holds them now, so the
		 * date offered is the action's, not empty. */
		struct hub_rd *r;
		struct err e;

		d->flow = FLOW_EDIT;
		d->flow_id = id;
		d->flow_owner[0] = '\0';
		d->flow_due = 0;
		if (hub_rd_open(ui->h, &ui->who, &r, &e) == 0) {
			hub_action_list(r, 0, NULL, 0, edit_lookup_cb, d, NULL,
			    &e);
			hub_rd_close(r);
		}
		open_title(ui, d, text);
		return 1;
	}
	if (strncmp(ctx, "action-add:", 11) != 0 ||
	    util_parse_u64(ctx + 11, &id) != 0)
		return 0;
	d->flow = FLOW_ADD;
	d->flow_dec = id;
	d->flow_owner[0] = '\0';
	open_title(ui, d, text);
	return 1;
}

const struct ui_pane_class ui_actions_class = {
	.name = "actions", .title = N_("Actions"), .tab = 5,
	.help = N_("the action plan"), .hints = actions_hints,
	.init = actions_init, .done = actions_done, .load = actions_load,
	.draw = actions_draw, .action = actions_action,
	.resume = actions_resume, .can = actions_can, .why = actions_why,
};
