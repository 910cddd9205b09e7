/* ui-meeting.c: the facilitator's meeting console: presence and quorum,
 * the current tension and its comprehension acks, the round on its
 * proposal (close, adjourn, escalate), and the watch flags. Shows the
 * hub's meeting view as it is; recounts nothing; writes only through hub
 * operations. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mtdata {
	int open;		/* a meeting is open */
	struct hub_meeting_view v;	/* the open one, for this viewer */
	struct hub_acts none;	/* acts when none is open */
};

/* Every act of the console; the status line shows those the view says
 * this viewer may take now (meeting_can). */
static const int meeting_hints[] = { AC_MEETING_OPEN, AC_PRESENT,
    AC_CHECKIN, AC_REVIEW, AC_TAKE_UP, AC_ACK, AC_CLOSE_ROUND, AC_QUESTION,
    AC_MEETING_CLOSE, AC_NONE };

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
	meeting_clear(p->data);
	free(p->data);
	p->data = NULL;
}

static int
meeting_can(struct ui_pane *p, struct ui *ui, int a)
{
	static const struct { int ac; uint32_t act; int prop; } map[] = {
		{ AC_MEETING_OPEN, HUB_ACT_MEETING_OPEN, 0 },
		{ AC_PRESENT, HUB_ACT_PRESENT, 0 },
		{ AC_CHECKIN, HUB_ACT_JOIN, 0 },
		{ AC_REVIEW, HUB_ACT_REVIEW, 0 },
		{ AC_TAKE_UP, HUB_ACT_TAKE, 0 },
		{ AC_ACK, HUB_ACT_ACK, 0 },
		{ AC_CLOSE_ROUND, HUB_ACT_CLOSE, 1 },
		{ AC_QUESTION, HUB_ACT_QUESTION, 0 },
		{ AC_MEETING_CLOSE, HUB_ACT_MEETING_CLOSE, 0 },
	};
	const struct mtdata *d = p->data;
	struct hub_acts none = { 0, 0, "" };

	(void)ui;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].ac == a)
			return hub_acts_may(map[i].prop ? (d->open ?
			    &d->v.pacts : &none) : d->open ? &d->v.acts :
			    &d->none, map[i].act);
	return 1;
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
	p->count = d->v.npeople;
	ui_list_fit(p, p->rows);
}

static void
meeting_load(struct ui_pane *p, struct ui *ui, struct hub_rd *r)
{
	(void)ui;
	meeting_read(p, r);
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

static void
meeting_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct mtdata *d = p->data;
	const struct hub_meeting_view *v = &d->v;
	const struct hub_quorum *q = &v->quorum;
	int y = r.y, rows, x;
	char s[400];

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
		ui_line(ui, y++, r.x + 1, r.w - 1, E_ALERT, _("First item: "
		    "review the action plan (R)."));
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

static int
meeting_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct mtdata *d = p->data;
	const struct hub_vattendee *sel = p->sel < d->v.npeople ?
	    &d->v.people[p->sel] : NULL;
	struct err e;
	uint64_t id = 0;
	int rc;

	switch (a) {
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
		rc = hub_meeting_close(ui->h, &ui->who, &e);
		return done_or_error(ui, rc, &e, _("Meeting closed."));
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

const struct ui_pane_class ui_meeting_class = {
	.name = "meeting", .title = N_("Meeting"), .tab = 4,
	.help = N_("the meeting console"), .hints = meeting_hints,
	.init = meeting_init, .done = meeting_done, .load = meeting_load,
	.draw = meeting_draw, .action = meeting_action,
	.resume = meeting_resume, .can = meeting_can,
};
