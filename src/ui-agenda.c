/* ui-agenda.c: the tension agenda: the ordered list, a tension's detail,
 * adding a tension, the facilitator's reordering, making a proposal.
 * Shows the hub's agenda view; writes only through hub operations. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AROWS 256

struct arow {
	uint64_t id;
	int kind, status;
	char title[MAX_TITLE + 1];
	char author[MAX_LOGIN + 1];
	size_t props, acks;
};

/* The selected tension, copied out of the view for the detail. */
struct adetail {
	uint64_t id;
	int kind, status;
	char title[MAX_TITLE + 1];
	char *description;
	size_t acks;
	struct str_list questions, blocker_reasons;
	char author[MAX_LOGIN + 1];
	struct u64_list needs;	/* the needs it comes from */
};

struct adata {
	struct arow rows[AROWS];
	size_t n;
	int detail;
	struct adetail t;	/* the selected one, in detail */
	int have;
	uint64_t proposal;	/* its latest proposal */
	int kind;		/* kind chosen for a new tension */
	uint64_t follow;	/* keep this tension selected after a move */
	struct hub_acts acts;	/* the chamber's, for this viewer */
	struct actor viewer;	/* resolved by the read: id and roles */
	/* A proposal on the selected tension: refused before the editor
	 * opens (hub_propose_check), in the operation's words. */
	int propose_rc;
	char propose_why[sizeof ((struct err *)0)->msg];
};

/* The status line shows those the view says this viewer may take now
 * (agenda_can). */
static const int agenda_hints[] = { AC_OPEN, AC_TENSION_ADD, AC_PROPOSE,
    AC_TENSION_UP, AC_NEED_LINK, AC_NONE };

static const char *const kind_labels[] = { N_("project"), N_("chamber"),
    N_("position") };

static const char *
tstatus_label(int s)
{
	switch (s) {
	case TS_AGENDA: return _("on the agenda");
	case TS_PROCESS: return _("in process");
	case TS_DECIDED: return _("decided");
	case TS_ADJOURNED: return _("adjourned");
	case TS_ESCALATED: return _("with the sages");
	case TS_DROPPED: return _("dropped");
	}
	return "?";
}

static void
agenda_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct adata));
}

static void
detail_clear(struct adata *d)
{
	free(d->t.description);
	str_list_free(&d->t.questions);
	str_list_free(&d->t.blocker_reasons);
	u64_list_free(&d->t.needs);
	memset(&d->t, 0, sizeof d->t);
	d->have = 0;
}

static void
agenda_done(struct ui_pane *p)
{
	struct adata *d = p->data;

	detail_clear(d);
	free(d);
	p->data = NULL;
}

struct ascan {
	struct ui_pane *p;
	struct adata *d;
};

static int
agenda_row_cb(const struct hub_tension_row *t, void *arg)
{
	struct ascan *s = arg;
	struct adata *d = s->d;
	struct arow *r;

	if (d->n >= AROWS || d->n >= (size_t)s->p->rows)
		return 1;
	r = &d->rows[d->n++];
	r->id = t->id;
	r->kind = t->kind;
	r->status = t->status;
	snprintf(r->title, sizeof r->title, "%s", t->title);
	snprintf(r->author, sizeof r->author, "%s", t->author);
	r->props = t->proposals->n;
	r->acks = t->acks->n;
	if (t->place - 1 == s->p->sel) {
		d->t.id = t->id;
		d->t.kind = t->kind;
		d->t.status = t->status;
		snprintf(d->t.title, sizeof d->t.title, "%s", t->title);
		d->t.description = t->description ?
		    xstrdup(t->description) : NULL;
		d->t.acks = t->acks->n;
		snprintf(d->t.author, sizeof d->t.author, "%s", t->author);
		for (size_t i = 0; t->needs && i < t->needs->n; i++)
			u64_list_push(&d->t.needs, t->needs->v[i]);
		for (size_t i = 0; i < t->questions->n; i++)
			str_list_push(&d->t.questions, t->questions->v[i]);
		for (size_t i = 0; i < t->blocker_reasons->n; i++)
			str_list_push(&d->t.blocker_reasons,
			    t->blocker_reasons->v[i]);
		d->have = 1;
		d->proposal = t->proposals->n ?
		    t->proposals->v[t->proposals->n - 1] : 0;
	}
	return 0;
}

/* The first row whose place is id (after a move), or none. */
static int
follow_cb(const struct hub_tension_row *t, void *arg)
{
	struct ascan *s = arg;

	if (t->id != s->d->follow)
		return 0;
	s->p->sel = t->place - 1;
	return 1;
}

static int
agenda_can(struct ui_pane *p, struct ui *ui, int a)
{
	const struct adata *d = p->data;

	(void)ui;
	switch (a) {
	case AC_TENSION_ADD:
		return hub_acts_may(&d->acts, HUB_ACT_TENSION_ADD);
	case AC_PROPOSE:
		return d->have && hub_acts_may(&d->acts, HUB_ACT_PROPOSE) &&
		    d->propose_rc == 0;
	case AC_TENSION_UP:
	case AC_TENSION_DOWN:
		return hub_acts_may(&d->acts, HUB_ACT_AGENDA_MOVE);
	case AC_NEED_LINK:
		return d->have && hub_tension_link_check(&d->viewer, d->t.author,
		    d->t.status, d->t.id, NULL) == 0;
	}
	return 1;
}

/* Refused before any editor opens, in the operation's words (issue 10,
 * item 6: the meeting side). */
static const char *
agenda_why(struct ui_pane *p, struct ui *ui, int a)
{
	const struct adata *d = p->data;

	(void)ui;
	switch (a) {
	case AC_TENSION_ADD:
		return hub_acts_why(&d->acts, HUB_ACT_TENSION_ADD);
	case AC_PROPOSE:
		if (!hub_acts_may(&d->acts, HUB_ACT_PROPOSE))
			return hub_acts_why(&d->acts, HUB_ACT_PROPOSE);
		return d->have && d->propose_rc != 0 ? d->propose_why : NULL;
	case AC_TENSION_UP:
	case AC_TENSION_DOWN:
		return hub_acts_why(&d->acts, HUB_ACT_AGENDA_MOVE);
	}
	return NULL;
}

static void
agenda_read(struct ui_pane *p, struct hub_rd *r)
{
	struct adata *d = p->data;
	struct ascan s = { p, d };
	struct err e;
	size_t count = 0;

	d->n = 0;
	detail_clear(d);
	if (hub_chamber_acts(r, &d->acts, &e) != 0)
		memset(&d->acts, 0, sizeof d->acts);
	d->viewer = *hub_rd_viewer(r);
	if (d->follow) {
		hub_agenda_list(r, 0, 0, follow_cb, &s, NULL, &e);
		d->follow = 0;
	}
	if (hub_agenda_list(r, 0, 0, NULL, NULL, &count, &e) != 0)
		return;
	p->count = count;
	ui_list_fit(p, p->rows);
	hub_agenda_list(r, p->top, (size_t)p->rows, agenda_row_cb, &s, NULL,
	    &e);
	d->propose_rc = 0;
	d->propose_why[0] = '\0';
	if (d->have && hub_acts_may(&d->acts, HUB_ACT_PROPOSE) &&
	    (d->propose_rc = hub_propose_check(r, d->t.id, &e)) != 0)
		snprintf(d->propose_why, sizeof d->propose_why, "%s", e.msg);
}

static void
agenda_load(struct ui_pane *p, struct ui *ui, struct hub_rd *r)
{
	(void)ui;
	agenda_read(p, r);
}

static void
draw_detail(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct adata *d = p->data;
	struct adetail *t = &d->t;
	struct ui_rect b = { r.y + 2, r.x + 1, r.h - 3, r.w - 2 };
	char s[300];
	int y;

	snprintf(s, sizeof s, _(" Tension #%llu — %s"),
	    (unsigned long long)t->id, t->title);
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	snprintf(s, sizeof s, "%s · %s · %s %zu", _(kind_labels[t->kind >= 0 &&
	    t->kind < TK__COUNT ? t->kind : 0]), tstatus_label(t->status),
	    _("understood by"), t->acks);
	ui_line(ui, r.y + 1, r.x, r.w, E_DIM, s);
	y = ui_wrap(ui, b, 0, E_NORMAL, t->description ? t->description :
	    _("(no description)"));
	y = b.y + (y < b.h ? y : b.h);
	if (t->needs.n && y < r.y + r.h) {
		size_t used;
		snprintf(s, sizeof s, "%s", _("From the needs:"));
		for (size_t i = 0; i < t->needs.n; i++) {
			used = strlen(s);
			if (used + 24 >= sizeof s)
				break;
			snprintf(s + used, sizeof s - used, " #%llu",
			    (unsigned long long)t->needs.v[i]);
		}
		ui_put(ui, y++, b.x, b.w, E_DIM, s);
	}
	for (size_t i = 0; i < t->questions.n && y < r.y + r.h; i++)
		ui_printf(ui, y++, b.x, b.w, E_ALERT, "? %s",
		    t->questions.v[i]);
	for (size_t i = 0; i < t->blocker_reasons.n && y < r.y + r.h; i++)
		ui_printf(ui, y++, b.x, b.w, E_BLOCK, "%s",
		    t->blocker_reasons.v[i]);
	if (y < r.y + r.h) {
		if (d->proposal)
			snprintf(s, sizeof s, _("Enter: proposal #%llu"),
			    (unsigned long long)d->proposal);
		else
			snprintf(s, sizeof s, "%s", _("No proposal yet: "
			    "p makes one."));
		ui_put(ui, y, b.x, b.w, E_HEADER, s);
	}
}

/* Screen reader: one linear line, words rather than columns and marks:
 * "  1. project: Title; in process; by urban". */
static void
sr_row(struct ui *ui, int y, struct ui_rect r, int el, size_t place,
    const struct arow *a)
{
	char line[MAX_TITLE + MAX_LOGIN + 200];
	const char *kind = _(kind_labels[a->kind < TK__COUNT ? a->kind : 0]);
	int n;

	if (a->status == TS_PROCESS || a->status == TS_ADJOURNED)
		n = snprintf(line, sizeof line, _("%3zu. %s: %s; %s"), place,
		    kind, a->title, tstatus_label(a->status));
	else
		n = snprintf(line, sizeof line, _("%3zu. %s: %s"), place,
		    kind, a->title);
	if (n > 0 && (size_t)n < sizeof line)
		snprintf(line + n, sizeof line - (size_t)n, _("; by %s"),
		    a->author);
	ui_put(ui, y, r.x, r.w, el, line);
}

static void
agenda_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct adata *d = p->data;
	int rows = r.h - 1, y;
	char s[300];

	if (rows != p->rows && rows > 0) {
		p->rows = rows;
		p->stale = 1;
	}
	if (d->detail && d->have) {
		draw_detail(p, ui, r);
		return;
	}
	snprintf(s, sizeof s, _(" Agenda (%zu)"), p->count);
	ui_line(ui, r.y, r.x, r.w, E_TITLE, s);
	if (p->count == 0) {
		ui_put(ui, r.y + 2, r.x + 1, r.w - 2, E_DIM, _("The agenda is "
		    "empty: n adds a tension."));
		return;
	}
	for (size_t i = 0; i < d->n && (int)i < rows; i++) {
		struct arow *a = &d->rows[i];
		int sel = p->top + i == p->sel;
		int el = sel ? E_SELECTED : E_NORMAL;
		int x;
		y = r.y + 1 + (int)i;
		ui_fill(ui, y, r.x, r.w, el);
		if (ui->sr) {
			sr_row(ui, y, r, el, p->top + i + 1, a);
			continue;
		}
		snprintf(s, sizeof s, "%3zu. ", p->top + i + 1);
		x = r.x + ui_put(ui, y, r.x, r.w, el, s);
		ui_pad(_(kind_labels[a->kind < TK__COUNT ? a->kind : 0]), 9, s,
		    sizeof s);
		x += ui_put(ui, y, x, 10, sel ? el : E_DIM, s);
		x += ui_put(ui, y, x, 1, el, " ");
		x += ui_put(ui, y, x, r.x + r.w - x - 16, a->status ==
		    TS_PROCESS && !sel ? E_HEADER : el, a->title);
		snprintf(s, sizeof s, "%s%s", a->status == TS_PROCESS ? "▶ " :
		    a->status == TS_ADJOURNED ? "↺ " : "", a->author);
		ui_put(ui, y, r.x + r.w - 15, 15, sel ? el : E_DIM, s);
	}
}

/* ---- adding a tension: first line the title, then the description */

static int
tension_done(struct ui *ui, const char *text, uint64_t kind)
{
	struct err e;
	char title[MAX_TITLE + 1];
	const char *nl = strchr(text, '\n'), *desc = NULL;
	size_t k = nl ? (size_t)(nl - text) : strlen(text);
	uint64_t id;

	if (k > MAX_TITLE) {
		ui_status(ui, E_STATUS_ERR, "%s", _("The title (first line) "
		    "is too long."));
		return -1;
	}
	memcpy(title, text, k);
	title[k] = '\0';
	if (nl && nl[1])
		desc = nl + 1;
	if (hub_tension_add(ui->h, &ui->who, (int)kind, title, desc, NULL,
	    &id, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Tension #%llu is on the agenda."),
	    (unsigned long long)id);
	return 0;
}

static void
open_tension_editor(struct ui *ui, int kind, const char *text)
{
	char title[200], ctx[64];

	snprintf(title, sizeof title, _("New tension (%s): first line the "
	    "title, then the description"), _(kind_labels[kind]));
	snprintf(ctx, sizeof ctx, "tension:%d", kind);
	ui_edit_open(ui, P_AGENDA, title, ctx, text, 1, MAX_TITLE + 1 +
	    MAX_TEXT, tension_done, (uint64_t)kind);
}

static void
kind_chosen(struct ui *ui, int k, uint64_t arg)
{
	(void)arg;
	open_tension_editor(ui, k, NULL);
}

static int
proposal_done(struct ui *ui, const char *text, uint64_t tension)
{
	struct hub_rd *r;
	struct err e;
	int64_t closes = 0;
	uint64_t id, open = 0;
	int rc;

	/* Live in the open meeting; otherwise an electronic round open
	 * for a week. */
	if (hub_rd_open(ui->h, &ui->who, &r, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	rc = hub_meeting_open_id(r, &open, &e);
	hub_rd_close(r);
	if (rc != 0) {
		ui_error(ui, &e);
		return -1;
	}
	if (open == 0)
		closes = util_now() + 7 * 86400;
	if (hub_proposal_add(ui->h, &ui->who, tension, text, 0, closes, 0,
	    &id, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_vote_show(ui, id);
	ui_status(ui, E_STATUS_OK, closes ? _("Proposal #%llu is open for "
	    "a week.") : _("Proposal #%llu is open in the meeting."),
	    (unsigned long long)id);
	return 0;
}

static void
open_proposal_editor(struct ui *ui, uint64_t tension, const char *text)
{
	char title[200], ctx[64];

	snprintf(title, sizeof title, _("Proposal on tension #%llu"),
	    (unsigned long long)tension);
	snprintf(ctx, sizeof ctx, "proposal:%llu",
	    (unsigned long long)tension);
	ui_edit_open(ui, P_AGENDA, title, ctx, text, 1, MAX_TEXT,
	    proposal_done, tension);
}

/* ---- linking the tension to the needs it comes from ---- */

static int
link_done(struct ui *ui, const char *text, uint64_t tension)
{
	struct u64_list ids = { 0 };
	struct err e;

	if (form_parse_ids(text, &ids) != 0) {
		u64_list_free(&ids);
		ui_status(ui, E_STATUS_ERR, "%s", _("Type need numbers, as "
		    "\"12 14\", or Escape."));
		return -1;
	}
	if (hub_tension_link(ui->h, &ui->who, tension, &ids, &e) != 0) {
		u64_list_free(&ids);
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, ngettext("Tension #%llu linked to %zu "
	    "need.", "Tension #%llu linked to %zu needs.", ids.n),
	    (unsigned long long)tension, ids.n);
	u64_list_free(&ids);
	ui_reload_all(ui);
	return 0;
}

static void
open_link_editor(struct ui *ui, uint64_t tension, const struct u64_list *l,
    const char *text)
{
	char title[200], ctx[64], now[600] = "";
	size_t used;

	for (size_t i = 0; l && i < l->n; i++) {
		used = strlen(now);
		if (used + 24 >= sizeof now)
			break;
		snprintf(now + used, sizeof now - used, "%s%llu", used ? " " :
		    "", (unsigned long long)l->v[i]);
	}
	snprintf(title, sizeof title, _("Needs of tension #%llu (numbers, "
	    "as \"12 14\"; empty: none)"), (unsigned long long)tension);
	snprintf(ctx, sizeof ctx, "link:%llu", (unsigned long long)tension);
	ui_edit_open(ui, P_AGENDA, title, ctx, text ? text : now, 0, 600,
	    link_done, tension);
}

static int
agenda_move(struct ui_pane *p, struct ui *ui, int up)
{
	struct adata *d = p->data;
	struct err e;
	uint64_t pos = p->sel + 1, id;

	if (p->sel < p->top || p->sel - p->top >= d->n ||
	    (up && pos == 1) || (!up && pos >= p->count))
		return UI_HANDLED;
	id = d->rows[p->sel - p->top].id;
	if (hub_agenda_move(ui->h, &ui->who, id, up ? pos - 1 : pos + 1,
	    &e) != 0) {
		ui_error(ui, &e);
		return UI_HANDLED;
	}
	d->follow = id;
	ui_reload_all(ui);
	return UI_HANDLED | UI_RELOAD;
}

/* Moderation: flag the tension's title or description. */
static const char *const flag_labels[] = { N_("title"), N_("description") };

static void
flag_chosen(struct ui *ui, int k, uint64_t id)
{
	ui_flag_ask(ui, P_AGENDA, "tension", id, k == 0 ? "title" :
	    "description");
}

static int
agenda_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct adata *d = p->data;
	static const char *const kind_keys = "pco";
	int r;

	switch (a) {
	case AC_OPEN:
		if (!d->have)
			return UI_HANDLED;
		if (d->detail && d->proposal)
			ui_vote_show(ui, d->proposal);
		d->detail = 1;
		return UI_HANDLED | UI_REDRAW;
	case AC_BACK:
		if (!d->detail)
			return UI_IGNORED;
		d->detail = 0;
		return UI_HANDLED | UI_REDRAW;
	case AC_TENSION_ADD:
		ui_choose(ui, _("Kind of tension:"), kind_labels, kind_keys,
		    kind_chosen, 0);
		return UI_HANDLED;
	case AC_PROPOSE:
		if (d->have)
			open_proposal_editor(ui, d->t.id, NULL);
		return UI_HANDLED;
	case AC_FLAG:
		if (d->have)
			ui_choose(ui, _("Flag which text?"), flag_labels, "td",
			    flag_chosen, d->t.id);
		return UI_HANDLED;
	case AC_TENSION_UP:
	case AC_TENSION_DOWN:
		return agenda_move(p, ui, a == AC_TENSION_UP);
	case AC_NEED_LINK: {
		struct err e;
		if (!d->have)
			return UI_HANDLED;
		/* Refused before anything is typed. */
		if (hub_tension_link_check(&d->viewer, d->t.author, d->t.status,
		    d->t.id, &e) != 0) {
			ui_refuse(ui, e.msg);
			return UI_HANDLED;
		}
		open_link_editor(ui, d->t.id, &d->t.needs, NULL);
		return UI_HANDLED;
	}
	}
	if (d->detail)
		return UI_IGNORED;
	/* The selected tension's record is read with the rows. */
	r = ui_list_action(p, a);
	return r & UI_REDRAW ? r | UI_RELOAD : r;
}

static int
agenda_resume(struct ui_pane *p, struct ui *ui, const char *ctx,
    const char *text)
{
	uint64_t v;

	(void)p;
	if (strncmp(ctx, "tension:", 8) == 0 &&
	    util_parse_u64(ctx + 8, &v) == 0 && v < TK__COUNT) {
		open_tension_editor(ui, (int)v, text);
		return 1;
	}
	if (strncmp(ctx, "link:", 5) == 0 &&
	    util_parse_u64(ctx + 5, &v) == 0) {
		open_link_editor(ui, v, NULL, text);
		return 1;
	}
	if (strncmp(ctx, "proposal:", 9) == 0 &&
	    util_parse_u64(ctx + 9, &v) == 0) {
		open_proposal_editor(ui, v, text);
		return 1;
	}
	return 0;
}

const struct ui_pane_class ui_agenda_class = {
	.name = "agenda", .title = N_("Agenda"), .tab = 2,
	.help = N_("the tension agenda"), .hints = agenda_hints,
	.init = agenda_init, .done = agenda_done, .load = agenda_load,
	.draw = agenda_draw, .action = agenda_action, .resume = agenda_resume,
	.can = agenda_can, .why = agenda_why,
};
