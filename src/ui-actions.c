/* ui-actions.c: the action plan: every decision's actions with owner, due
 * date and status, late ones marked; owners and the facilitator change a
 * status. Reads the rows shown; writes only through hub operations. */
#include "ui.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XROWS 256

struct xrow {
	uint64_t id, decision;
	int status;
	int64_t due;
	char owner[MAX_LOGIN + 1];
	char title[MAX_TITLE + 1];
};

struct xdata {
	struct xrow rows[XROWS];
	size_t n;
};

struct xscan {
	struct store_txn *t;
	struct xdata *d;
	size_t skip, want;
};

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
actions_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct xscan *s = arg;
	struct action a;
	struct xrow *r;
	struct err e;

	if (s->skip > 0) {
		s->skip--;
		return 0;
	}
	if (s->d->n >= s->want || s->d->n >= XROWS)
		return 1;
	if (codec_decode(RT_ACTION, data, len, &a, &e) != 0)
		return 0;
	r = &s->d->rows[s->d->n++];
	r->id = id;
	r->decision = a.decision;
	r->status = (int)a.status;
	r->due = a.due;
	hub_login_of(s->t, a.owner, r->owner, sizeof r->owner);
	snprintf(r->title, sizeof r->title, "%s", a.title ? a.title : "");
	codec_free(RT_ACTION, &a);
	return 0;
}

static void
actions_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct store_txn *t = hub_rd_txn(rd);
	struct xdata *d = p->data;
	struct xscan s;
	struct err e;

	(void)ui;
	p->count = (size_t)store_count(t, RT_ACTION);
	ui_list_fit(p, p->rows);
	d->n = 0;
	s.t = t;
	s.d = d;
	s.skip = p->top;
	s.want = (size_t)p->rows;
	store_scan(t, RT_ACTION, 0, 0, actions_cb, &s, &e);
}

static void
actions_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct xdata *d = p->data;
	int rows = r.h - 1, y, x;
	int64_t now = util_now();
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
		int late = a->due && a->due < now && a->status < AS_DONE;
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
};
