/* ui-actions.c: the action plan: every decision's actions with owner, due
 * date and status, late ones marked; owners and the facilitator change a
 * status. Shows the rows of the hub's action-plan view (overdue is the
 * model's); writes only through hub operations. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XROWS 256

struct xrow {
	uint64_t id, decision;
	int status, overdue, may_status;
	int64_t due;
	char owner[MAX_LOGIN + 1];
	char title[MAX_TITLE + 1];
};

struct xdata {
	struct xrow rows[XROWS];
	size_t n;
	int may;		/* may change a shown action's status */
};

struct xscan {
	struct xdata *d;
	size_t skip, want;
	int may;		/* the viewer may change some status */
};

/* Shown when the view lets this viewer change a shown action's status
 * (actions_can). */
static const int actions_hints[] = { AC_ACTION_STATUS, AC_NONE };

static const char *const status_labels[] = { N_("to do"), N_("doing"),
    N_("done"), N_("dropped") };

static void
actions_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct xdata));
}

static void
actions_done(struct ui_pane *p)
{
	free(p->data);
	p->data = NULL;
}

static int
actions_cb(const struct hub_plan_action *a, void *arg)
{
	struct xscan *s = arg;
	struct xrow *r;

	if (s->skip > 0) {
		s->skip--;
		return 0;
	}
	if (s->d->n >= s->want || s->d->n >= XROWS)
		return 1;
	s->may |= a->may_status;	/* on a row shown */
	r = &s->d->rows[s->d->n++];
	r->id = a->id;
	r->decision = a->decision;
	r->status = a->status;
	r->overdue = a->overdue;
	r->may_status = a->may_status;
	r->due = a->due;
	snprintf(r->owner, sizeof r->owner, "%s", a->owner);
	snprintf(r->title, sizeof r->title, "%s", a->title);
	return 0;
}

static void
actions_read(struct ui_pane *p, struct hub_rd *r)
{
	struct xdata *d = p->data;
	struct xscan s;
	struct err e;

	p->count = (size_t)hub_action_count(r);
	ui_list_fit(p, p->rows);
	d->n = 0;
	s.d = d;
	s.skip = p->top;
	s.want = (size_t)p->rows;
	s.may = 0;
	hub_action_list(r, 0, NULL, 0, actions_cb, &s, NULL, &e);
	d->may = s.may;
}

static int
actions_can(struct ui_pane *p, struct ui *ui, int a)
{
	const struct xdata *d = p->data;

	(void)ui;
	if (a != AC_ACTION_STATUS)
		return 1;
	/* The selected action's owner, or the facilitator. */
	if (p->sel >= p->top && p->sel - p->top < d->n)
		return d->rows[p->sel - p->top].may_status;
	return d->may;
}

static void
actions_load(struct ui_pane *p, struct ui *ui, struct hub_rd *r)
{
	(void)ui;
	actions_read(p, r);
}

static void
actions_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct xdata *d = p->data;
	int rows = r.h - 1, y, x;
	char s[300], ts[40], pad[100];

	snprintf(s, sizeof s, _(" Action plan (%zu)"), p->count);
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		p->stale = 1;
	}
	if (p->count == 0)
		ui_put(ui, r.y + 2, r.x + 1, r.w - 2, E_DIM, _("No action "
		    "yet: they come with decisions."));
	for (size_t i = 0; i < d->n && (int)i < rows; i++) {
		struct xrow *a = &d->rows[i];
		int sel = p->top + i == p->sel;
		int late = a->overdue;
		int el = sel ? E_SELECTED : a->status >= AS_DONE ? E_DIM :
		    E_NORMAL;
		y = r.y + 1 + (int)i;
		ui_fill(ui, y, r.x, r.w, el);
		snprintf(s, sizeof s, "#%-4llu %s", (unsigned long long)a->id,
		    ui_pad(_(status_labels[a->status < AS__COUNT ? a->status :
		    0]), 9, pad, sizeof pad));
		x = r.x + ui_put(ui, y, r.x, r.w, el, s);
		if (a->due) {
			snprintf(s, sizeof s, " %.10s ", ui_date(ui, a->due,
			    ts, sizeof ts));
			x += ui_put(ui, y, x, r.x + r.w - x, late && !sel ?
			    E_BLOCK : el, s);
		} else
			x += ui_put(ui, y, x, r.x + r.w - x, el,
			    "            ");
		snprintf(s, sizeof s, "%s ", ui_pad(a->owner, 12, pad,
		    sizeof pad));
		x += ui_put(ui, y, x, 13, el, s);
		ui_put(ui, y, x, r.x + r.w - x, el, a->title);
	}
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

	if (a == AC_ACTION_STATUS) {
		if (p->sel >= p->top && p->sel - p->top < d->n)
			ui_choose(ui, _("New status:"), status_labels, "tdfx",
			    status_chosen, d->rows[p->sel - p->top].id);
		return UI_HANDLED;
	}
	return ui_list_action(p, a);
}

const struct ui_pane_class ui_actions_class = {
	.name = "actions", .title = N_("Actions"), .tab = 5,
	.help = N_("the action plan"), .hints = actions_hints,
	.init = actions_init, .done = actions_done, .load = actions_load,
	.draw = actions_draw, .action = actions_action, .resume = NULL,
	.can = actions_can,
};
