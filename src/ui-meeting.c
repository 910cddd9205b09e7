/* ui-meeting.c: the facilitator's meeting console: presence and quorum,
 * the current tension and its comprehension acks, the round on its
 * proposal (close, adjourn, escalate), and the watch flags. Shows the
 * hub's meeting view as it is; recounts nothing; writes only through hub
 * operations. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MT_REVIEW_MAX 64	/* open actions listed for the review */

/* An open action, for the review step. */
struct mtaction {
	uint64_t id;
	int64_t due;
	int overdue, status;
	char owner[MAX_LOGIN + 1];
	char title[MAX_TITLE + 1];
};

struct mtdata {
	int open;		/* a meeting is open */
	struct hub_meeting_view v;	/* the open one, for this viewer */
	struct hub_acts none;	/* acts when none is open */
	/* The review step: the open actions, overdue first. */
	struct mtaction review[MT_REVIEW_MAX];
	size_t nreview, review_total;
	struct ui_minutes min;	/* the minutes shown (min.id 0: none) */
};

/* Every act of the console; the status line shows those the view says
 * this viewer may take now (meeting_can). */
static const int meeting_hints[] = { AC_MEETING_OPEN, AC_PRESENT,
    AC_CHECKIN, AC_REVIEW, AC_TAKE_UP, AC_ACK, AC_CLOSE_ROUND, AC_QUESTION,
    AC_UNANIMITY, AC_MEETING_LEAVE, AC_MEETING_CLOSE, AC_MINUTES,
    AC_MINUTES_SAVE, AC_BACK, AC_NONE };

static void
meeting_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct mtdata));
}

static void
meeting_clear(struct mtdata *d)
{
	hub_meeting_view_free(&d->v);
	d->open = 0;
}

static void
meeting_done(struct ui_pane *p)
{
	struct mtdata *d = p->data;

	ui_minutes_free(&d->min);
	meeting_clear(p->data);
	free(p->data);
	p->data = NULL;
}

/* The view's act behind a key, and whether it is an act on the round
 * (pacts) rather than on the meeting. */
static const struct { int ac; uint32_t act; int prop; } meeting_acts[] = {
	{ AC_MEETING_OPEN, HUB_ACT_MEETING_OPEN, 0 },
	{ AC_PRESENT, HUB_ACT_PRESENT, 0 },
	{ AC_CHECKIN, HUB_ACT_JOIN, 0 },
	{ AC_REVIEW, HUB_ACT_REVIEW, 0 },
	{ AC_TAKE_UP, HUB_ACT_TAKE, 0 },
	{ AC_ACK, HUB_ACT_ACK, 0 },
	{ AC_CLOSE_ROUND, HUB_ACT_CLOSE, 1 },
	{ AC_QUESTION, HUB_ACT_QUESTION, 0 },
	{ AC_MEETING_CLOSE, HUB_ACT_MEETING_CLOSE, 0 },
	{ AC_UNANIMITY, HUB_ACT_UNANIMITY, 1 },
	{ AC_ADJOURN, HUB_ACT_ADJOURN, 1 },
	{ AC_ESCALATE, HUB_ACT_ESCALATE, 1 },
	{ AC_APPROVE, HUB_ACT_POSITION, 1 },
	{ AC_ALERT, HUB_ACT_POSITION, 1 },
	{ AC_WITHDRAW, HUB_ACT_POSITION, 1 },
	{ AC_BLOCK, HUB_ACT_POSITION, 1 },
};

static const struct hub_acts *
acts_for(const struct mtdata *d, int prop)
{
	if (prop)
		return d->open && d->v.proposal ? &d->v.pacts : NULL;
	return d->open ? &d->v.acts : &d->none;
}

static const char *meeting_why(struct ui_pane *p, struct ui *ui, int a);

static int
meeting_can(struct ui_pane *p, struct ui *ui, int a)
{
	const struct mtdata *d = p->data;

	(void)ui;
	if (a == AC_MINUTES_SAVE || a == AC_BACK)
		return d->min.id != 0;
	if (d->min.id)
		return a == AC_MINUTES;
	if (a == AC_MEETING_LEAVE)
		return meeting_why(p, ui, a) == NULL;
	for (size_t i = 0; i < sizeof meeting_acts / sizeof meeting_acts[0];
	    i++)
		if (meeting_acts[i].ac == a) {
			const struct hub_acts *x = acts_for(d,
			    meeting_acts[i].prop);
			return x && hub_acts_may(x, meeting_acts[i].act);
		}
	return 1;
}

static int leave_other(struct ui *ui, const struct hub_vattendee *sel);

static const char *
meeting_why(struct ui_pane *p, struct ui *ui, int a)
{
	const struct mtdata *d = p->data;
	static char why[200];

	if (d->min.id)
		return NULL;
	if (a == AC_MINUTES_SAVE) {
		char k[32];
		int km = keys_find(&ui->keys, UI_PANE_SCOPE(&ui_meeting_class),
		    AC_MINUTES);
		snprintf(why, sizeof why, _("Show the minutes first (%s)."),
		    km ? keys_name(km, k, sizeof k) : "-");
		return why;
	}
	if (a == AC_MEETING_LEAVE) {
		const struct hub_vattendee *sel = d->open && p->sel <
		    d->v.npeople ? &d->v.people[p->sel] : NULL;
		if (!d->open)
			return _("no meeting is open");
		if (!leave_other(ui, sel))
			return hub_acts_why(&d->v.acts, HUB_ACT_LEAVE);
		if (sel->room || sel->remote)
			return NULL;
		snprintf(why, sizeof why, _("%s is not present in meeting "
		    "%llu"), sel->login, (unsigned long long)d->v.id);
		return why;
	}
	for (size_t i = 0; i < sizeof meeting_acts / sizeof meeting_acts[0];
	    i++)
		if (meeting_acts[i].ac == a) {
			const struct hub_acts *x = acts_for(d,
			    meeting_acts[i].prop);
			if (x == NULL)
				return d->open ? _("No proposal in the meeting "
				    "yet.") : hub_acts_why(&d->none,
				    HUB_ACT_TAKE);
			return hub_acts_why(x, meeting_acts[i].act);
		}
	return NULL;
}

static int
review_cb(const struct hub_plan_action *a, void *arg)
{
	struct mtdata *d = arg;
	struct mtaction *x;

	d->review_total++;
	if (d->nreview == MT_REVIEW_MAX)
		return 0;
	x = &d->review[d->nreview++];
	x->id = a->id;
	x->due = a->due;
	x->overdue = a->overdue;
	x->status = a->status;
	snprintf(x->owner, sizeof x->owner, "%s", a->owner);
	snprintf(x->title, sizeof x->title, "%s", a->title ? a->title : "");
	return 0;
}

/* Overdue first, then by due date (none last), then by id. */
static int
review_order(const void *a, const void *b)
{
	const struct mtaction *x = a, *y = b;

	if (x->overdue != y->overdue)
		return x->overdue ? -1 : 1;
	if (x->due != y->due) {
		if (x->due == 0 || y->due == 0)
			return x->due == 0 ? 1 : -1;
		return x->due < y->due ? -1 : 1;
	}
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
meeting_read(struct ui_pane *p, struct hub_rd *r)
{
	struct mtdata *d = p->data;
	struct err e;

	meeting_clear(d);
	if (hub_meeting_view(r, 0, &d->v, &e) == 0)
		d->open = 1;
	else
		hub_meeting_view_free(&d->v);
	hub_chamber_acts(r, &d->none, &e);
	d->nreview = d->review_total = 0;
	if (d->open && !d->v.review_done) {
		hub_action_list(r, HUB_ACTIONS_OPEN, NULL, 0, review_cb, d,
		    NULL, &e);
		qsort(d->review, d->nreview, sizeof *d->review, review_order);
	}
	p->count = d->v.npeople;
	ui_list_fit(p, p->rows);
}

static void
meeting_load(struct ui_pane *p, struct ui *ui, struct hub_rd *r)
{
	struct mtdata *d = p->data;

	meeting_read(p, r);
	/* The open meeting's minutes follow it as it goes. */
	if (d->min.id && d->open && d->min.id == d->v.id)
		ui_minutes_fetch(ui, &d->min, d->min.id);
}

static const char *
pstatus_word(int s)
{
	switch (s) {
	case PS_OPEN: return P_("proposal", "open");
	case PS_REJECTED: return _("rejected");
	case PS_RETAINED: return _("retained");
	}
	return _("closed");
}

static int
draw_round(struct ui *ui, const struct hub_meeting_view *v, int y,
    struct ui_rect r)
{
	const struct tally *t = &v->tally;
	char s[400];

	if (v->masked) {
		/* A hidden round: how many answered, never how. */
		snprintf(s, sizeof s, _("Proposal #%llu (%s): %llu answered; "
		    "positions hidden until the round closes"),
		    (unsigned long long)v->proposal, pstatus_word(v->pstatus),
		    (unsigned long long)v->answered);
		ui_line(ui, y++, r.x + 1, r.w - 1, E_NORMAL, s);
		return y;
	}
	snprintf(s, sizeof s, _("Proposal #%llu (%s): %llu approve · "
	    "%llu alert · %llu withdraw · %llu block"),
	    (unsigned long long)v->proposal, pstatus_word(v->pstatus),
	    (unsigned long long)t->approve, (unsigned long long)t->alert,
	    (unsigned long long)t->withdraw, (unsigned long long)t->block);
	ui_line(ui, y++, r.x + 1, r.w - 1, E_NORMAL, s);
	snprintf(s, sizeof s, _("%llu blocks reject; %llu so far"),
	    (unsigned long long)v->threshold, (unsigned long long)t->blockers);
	ui_line(ui, y++, r.x + 1, r.w - 1, t->blockers >= v->threshold ?
	    E_BLOCK : E_NORMAL, s);
	return y;
}

/* The first item: the open actions, overdue first, a few rows. */
static int
draw_review(struct ui *ui, const struct mtdata *d, int y, struct ui_rect r)
{
	char s[400], ts[40], pad[64], key[32];
	int k = keys_find(&ui->keys, UI_PANE_SCOPE(&ui_meeting_class),
	    AC_REVIEW), max = r.h / 3;

	snprintf(s, sizeof s, ngettext("First item: review the action plan "
	    "(%s); %zu open action:", "First item: review the action plan "
	    "(%s); %zu open actions:", d->review_total), k ? keys_name(k, key,
	    sizeof key) : "-", d->review_total);
	ui_line(ui, y++, r.x + 1, r.w - 1, E_ALERT, s);
	for (size_t i = 0; i < d->nreview && (int)i < max; i++) {
		const struct mtaction *a = &d->review[i];
		int x = r.x + 2;
		x += ui_put(ui, y, x, 2, a->overdue ? E_BLOCK : E_NORMAL,
		    a->overdue ? "! " : "  ");
		snprintf(s, sizeof s, "#%-4llu %s %s ", (unsigned long long)
		    a->id, ui_pad(a->due ? ui_day(ui, a->due, ts, sizeof ts) :
		    "-", 10, pad, sizeof pad), a->owner);
		x += ui_put(ui, y, x, r.x + r.w - x, a->overdue ? E_BLOCK :
		    E_NORMAL, s);
		ui_put(ui, y, x, r.x + r.w - x, E_NORMAL, a->title);
		y++;
	}
	if ((int)d->review_total > max && max >= 0) {
		snprintf(s, sizeof s, _("... and %zu more on the action plan "
		    "(5)"), d->review_total - (size_t)(max < (int)d->nreview ?
		    max : (int)d->nreview));
		ui_line(ui, y++, r.x + 2, r.w - 2, E_DIM, s);
	}
	return y;
}

static void
meeting_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct mtdata *d = p->data;
	const struct hub_meeting_view *v = &d->v;
	const struct hub_quorum *q = &v->quorum;
	int y = r.y, rows, x;
	char s[400];

	if (d->min.id) {
		ui_minutes_draw(ui, &d->min, r);
		return;
	}
	if (!d->open) {
		ui_line(ui, y, r.x, r.w, E_TITLE, _(" Meeting"));
		ui_put(ui, y + 2, r.x + 1, r.w - 2, E_DIM, _("No meeting is "
		    "open. The facilitator opens one with O."));
		return;
	}
	snprintf(s, sizeof s, _(" Meeting #%llu %s"),
	    (unsigned long long)v->id, v->title ? v->title : "");
	ui_line(ui, y++, r.x, r.w, E_TITLE, s);
	/* The quorum every surface shows (hub_meeting_quorum). */
	snprintf(s, sizeof s, _("Present %llu of %llu; quorum %llu: %s"),
	    (unsigned long long)q->present, (unsigned long long)q->members,
	    (unsigned long long)q->needed, q->reached ? _("reached") :
	    _("not reached"));
	ui_line(ui, y++, r.x + 1, r.w - 1, q->reached ? E_APPROVE : E_BLOCK,
	    s);
	if (!v->review_done)
		y = draw_review(ui, d, y, r);
	if (v->current) {
		snprintf(s, sizeof s, _("Tension #%llu: %s — understood by "
		    "%zu of %llu"), (unsigned long long)v->current,
		    v->current_title, v->acks.n,
		    (unsigned long long)q->present);
		ui_line(ui, y++, r.x + 1, r.w - 1, E_HEADER, s);
		for (size_t i = v->questions.n > 3 ? v->questions.n - 3 : 0;
		    i < v->questions.n; i++)
			ui_printf(ui, y++, r.x + 3, r.w - 3, E_ALERT, "? %s",
			    v->questions.v[i]);
	} else
		ui_line(ui, y++, r.x + 1, r.w - 1, E_DIM, _("No tension "
		    "taken up: t takes the next one."));
	if (v->proposal)
		y = draw_round(ui, v, y, r);
	ui_hline(ui, y++, r.x, r.w);
	rows = r.y + r.h - y;
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	for (size_t i = p->top; i < v->npeople && y < r.y + r.h; i++, y++) {
		const struct hub_vattendee *m = &v->people[i];
		int sel = i == p->sel;
		int el = sel ? E_SELECTED : E_NORMAL;
		ui_fill(ui, y, r.x, r.w, el);
		x = r.x + 1;
		x += ui_put(ui, y, x, 14, el, m->login);
		x = r.x + 16;
		x += ui_put(ui, y, x, 14, sel ? el : m->room || m->remote ?
		    E_APPROVE : E_DIM, m->room ? _("in the room") :
		    m->remote ? _("remote") : _("absent"));
		x = r.x + 31;
		if (m->acked)
			x += ui_put(ui, y, x, 14, el, _("understood "));
		if (m->watch) {
			snprintf(s, sizeof s, _("! to meet (%llu blocks, %llu "
			    "withdrawals)"), (unsigned long long)m->blocks,
			    (unsigned long long)m->withdrawals);
			ui_put(ui, y, x, r.x + r.w - x, sel ? el : E_MARK, s);
		}
	}
}

/* ---- operations ---- */

static int
done_or_error(struct ui *ui, int rc, const struct err *e, const char *ok)
{
	if (rc != 0) {
		ui_error(ui, e);
		return UI_HANDLED;
	}
	ui_status(ui, E_STATUS_OK, "%s", ok);
	ui_reload_all(ui);
	return UI_HANDLED | UI_RELOAD;
}

/* A member's login, read through a short-lived handle. */
static int
meeting_login(struct ui *ui, uint64_t member, char *out, size_t n,
    struct err *e)
{
	struct hub_rd *r;

	if (hub_rd_open(ui->h, &ui->who, &r, e) != 0)
		return -1;
	hub_rd_login(r, member, out, n);
	hub_rd_close(r);
	return 0;
}

static int
concert_done(struct ui *ui, const char *text, uint64_t member)
{
	struct err e;
	char login[MAX_LOGIN + 8];
	int rc;

	if (meeting_login(ui, member, login, sizeof login, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	rc = hub_watch_clear(ui->h, &ui->who, login, text, &e);
	if (rc != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Concertation with %s recorded."), login);
	return 0;
}

static void
open_concert(struct ui *ui, uint64_t member, const char *login,
    const char *text)
{
	char title[200], ctx[64];

	snprintf(title, sizeof title, _("Concertation with %s: what was "
	    "agreed"), login);
	snprintf(ctx, sizeof ctx, "concert:%llu", (unsigned long long)member);
	ui_edit_open(ui, P_MEETING, title, ctx, text, 1, MAX_REASON,
	    concert_done, member);
}

static int
question_done(struct ui *ui, const char *text, uint64_t arg)
{
	struct err e;

	(void)arg;
	if (hub_meeting_question(ui->h, &ui->who, text, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, "%s", _("Question recorded."));
	return 0;
}

static int
close_round(struct ui *ui, const struct mtdata *d)
{
	struct hub_close out;
	struct err e;

	memset(&out, 0, sizeof out);
	if (!d->v.proposal) {
		ui_status(ui, E_STATUS_ERR, "%s", _("No proposal to close."));
		return UI_HANDLED;
	}
	if (hub_proposal_close(ui->h, &ui->who, d->v.proposal, &out,
	    &e) != 0) {
		ui_error(ui, &e);
		return UI_HANDLED;
	}
	ui_status(ui, out.outcome == OUT_REJECTED ? E_STATUS_ERR :
	    E_STATUS_OK, _("Round closed: %s. %s"), out.outcome ==
	    OUT_RETAINED ? _("retained") : out.outcome == OUT_REJECTED ?
	    _("rejected (j adjourn, x sages)") : _("no decision"), out.note);
	ui_reload_all(ui);
	return UI_HANDLED | UI_RELOAD;
}

static const char *const close_labels[] = { N_("close it"),
    N_("not yet") };

static void
close_chosen(struct ui *ui, int k, uint64_t arg)
{
	struct err e;

	(void)arg;
	if (k != 0) {
		ui_status(ui, E_STATUS, "%s", _("The meeting stays open."));
		return;
	}
	if (hub_meeting_close(ui->h, &ui->who, &e) != 0) {
		ui_error(ui, &e);
		return;
	}
	{
		char kn[32];
		int km = keys_find(&ui->keys, UI_PANE_SCOPE(&ui_meeting_class),
		    AC_MINUTES);
		ui_status(ui, E_STATUS_OK, _("Meeting closed. Its minutes: "
		    "%s."), km ? keys_name(km, kn, sizeof kn) : "-");
	}
	ui_reload_all(ui);
}

/* Who L marks as gone: the facilitator, the selected member (unless it
 * is themself); anyone else, themself. */
static int
leave_other(struct ui *ui, const struct hub_vattendee *sel)
{
	return (ui->roles & ROLE_FACILITATOR) && sel != NULL &&
	    sel->id != ui->me;
}

static int
leave(struct ui *ui, const struct hub_vattendee *sel)
{
	struct u64_list one = { 0 };
	struct err e;
	char msg[200];
	int rc;

	if (leave_other(ui, sel)) {
		u64_list_push(&one, sel->id);
		rc = hub_meeting_leave(ui->h, &ui->who, &one, &e);
		u64_list_free(&one);
		snprintf(msg, sizeof msg, _("%s has left the meeting."),
		    sel->login);
	} else {
		rc = hub_meeting_leave(ui->h, &ui->who, NULL, &e);
		char k[32];
		int ki = keys_find(&ui->keys, UI_PANE_SCOPE(&ui_meeting_class),
		    AC_CHECKIN);
		snprintf(msg, sizeof msg, _("You have left the meeting (%s "
		    "checks in again)."), ki ? keys_name(ki, k, sizeof k) : "-");
	}
	return done_or_error(ui, rc, &e, msg);
}

static int
meeting_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct mtdata *d = p->data;
	const struct hub_vattendee *sel = p->sel < d->v.npeople ?
	    &d->v.people[p->sel] : NULL;
	struct err e;
	uint64_t id = 0;
	int rc;

	if (d->min.id)
		return ui_minutes_action(ui, &d->min, a);
	switch (a) {
	case AC_MINUTES:
		ui_minutes_ask(ui);
		return UI_HANDLED;
	case AC_UNANIMITY:
		rc = hub_proposal_unanimity(ui->h, &ui->who, d->v.proposal, &e);
		return done_or_error(ui, rc, &e, _("Unanimity required: one "
		    "block rejects."));
	case AC_MEETING_LEAVE:
		return leave(ui, sel);
	case AC_MEETING_OPEN:
		rc = hub_meeting_open(ui->h, &ui->who, 0, NULL, &id, &e);
		return done_or_error(ui, rc, &e, _("Meeting open."));
	case AC_REVIEW:
		rc = hub_meeting_review(ui->h, &ui->who, &e);
		return done_or_error(ui, rc, &e, _("Action plan reviewed."));
	case AC_PRESENT:
		if (sel == NULL)
			return UI_HANDLED;
		{
			const char *one[1] = { sel->login };
			rc = hub_meeting_present(ui->h, &ui->who, one, 1, &e);
		}
		return done_or_error(ui, rc, &e, _("Marked present."));
	case AC_CHECKIN:
		rc = hub_meeting_join(ui->h, &ui->who, &e);
		return done_or_error(ui, rc, &e, _("You are checked in."));
	case AC_TAKE_UP:
		rc = hub_meeting_take(ui->h, &ui->who, 0, &id, &e);
		return done_or_error(ui, rc, &e, _("Next tension taken up."));
	case AC_ACK:
		rc = hub_meeting_ack(ui->h, &ui->who, &e);
		return done_or_error(ui, rc, &e, _("Recorded: understood."));
	case AC_QUESTION:
		ui_edit_open(ui, P_MEETING, _("Your question on the tension"),
		    "question:0", NULL, 1, MAX_REASON, question_done, 0);
		return UI_HANDLED;
	case AC_CLOSE_ROUND:
		return close_round(ui, d);
	case AC_ADJOURN:
		rc = hub_proposal_adjourn(ui->h, &ui->who, d->v.proposal, &e);
		return done_or_error(ui, rc, &e, _("Adjourned: back on the "
		    "agenda."));
	case AC_ESCALATE:
		rc = hub_proposal_escalate(ui->h, &ui->who, d->v.proposal, &e);
		return done_or_error(ui, rc, &e, _("Sent to the sages."));
	case AC_MEETING_CLOSE:
		{
			char prompt[120];
			snprintf(prompt, sizeof prompt, _("Close meeting #%llu?"),
			    (unsigned long long)d->v.id);
			ui_choose(ui, prompt, close_labels, "yn", close_chosen, 0);
		}
		return UI_HANDLED;
	case AC_CONCERT:
		if (sel != NULL)
			open_concert(ui, sel->id, sel->login, NULL);
		return UI_HANDLED;
	case AC_APPROVE:
	case AC_ALERT:
	case AC_WITHDRAW:
	case AC_BLOCK:
		/* Positions are taken on the proposal itself. */
		if (d->v.proposal) {
			ui_vote_show(ui, d->v.proposal);
			return ui->panes[P_VOTE].cls->action(&ui->panes[P_VOTE],
			    ui, a);
		}
		return UI_HANDLED;
	}
	return ui_list_action(p, a);
}

static int
meeting_resume(struct ui_pane *p, struct ui *ui, const char *ctx,
    const char *text)
{
	uint64_t id;
	char login[MAX_LOGIN + 8];
	struct err e;

	(void)p;
	if (strcmp(ctx, "question:0") == 0) {
		ui_edit_open(ui, P_MEETING, _("Your question on the tension"),
		    ctx, text, 1, MAX_REASON, question_done, 0);
		return 1;
	}
	if (strncmp(ctx, "concert:", 8) != 0 ||
	    util_parse_u64(ctx + 8, &id) != 0)
		return 0;
	if (meeting_login(ui, id, login, sizeof login, &e) != 0)
		return 0;
	open_concert(ui, id, login, text);
	return 1;
}

struct ui_minutes *
ui_meeting_minutes(struct ui *ui)
{
	return &((struct mtdata *)ui->panes[P_MEETING].data)->min;
}

const struct ui_pane_class ui_meeting_class = {
	.name = "meeting", .title = N_("Meeting"), .tab = 4,
	.help = N_("the meeting console"), .hints = meeting_hints,
	.init = meeting_init, .done = meeting_done, .load = meeting_load,
	.draw = meeting_draw, .action = meeting_action,
	.resume = meeting_resume, .can = meeting_can, .why = meeting_why,
};
