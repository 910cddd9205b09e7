/* ui-meeting.c: the facilitator's meeting console: presence and quorum,
 * the current tension and its comprehension acks, the round on its
 * proposal (close, adjourn, escalate), and the watch flags. Reads what it
 * shows; writes only through hub operations. */
#include "ui.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MMAX 512

struct prow {
	uint64_t id;
	char login[MAX_LOGIN + 1];
	int room, remote, acked, watch;
	uint64_t blocks, withdrawals;
};

struct mtdata {
	int open;		/* a meeting is open */
	struct meeting m;
	int have;
	char tension[MAX_TITLE + 1];
	struct str_list questions;	/* on the current tension */
	uint64_t proposal;
	int pstatus;
	struct tally tally;
	uint64_t threshold;
	uint64_t voters;
	struct prow rows[MMAX];
	size_t n;
};

static const int meeting_hints[] = { AC_PRESENT, AC_TAKE_UP, AC_ACK,
    AC_CLOSE_ROUND, AC_NONE };

static void
meeting_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct mtdata));
}

static void
meeting_clear(struct mtdata *d)
{
	if (d->have)
		codec_free(RT_MEETING, &d->m);
	d->have = 0;
	d->open = 0;
	d->n = 0;
	d->proposal = 0;
	d->tension[0] = '\0';
	str_list_free(&d->questions);
}

static void
meeting_done(struct ui_pane *p)
{
	meeting_clear(p->data);
	free(p->data);
	p->data = NULL;
}

struct mscan {
	struct mtdata *d;
	const struct tension *cur;
};

static int
people_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct mscan *s = arg;
	struct mtdata *d = s->d;
	struct member m;
	struct prow *r;
	struct err e;

	if (d->n >= MMAX)
		return 1;
	if (codec_decode(RT_MEMBER, data, len, &m, &e) != 0)
		return 0;
	if (!(m.roles & ROLE_MEMBER) || m.disabled) {
		codec_free(RT_MEMBER, &m);
		return 0;
	}
	r = &d->rows[d->n++];
	memset(r, 0, sizeof *r);
	r->id = id;
	snprintf(r->login, sizeof r->login, "%s", m.login ? m.login : "");
	r->watch = model_watch_flagged(&m);
	r->blocks = m.watch_blocks;
	r->withdrawals = m.watch_withdrawals;
	if (d->have) {
		r->room = u64_list_has(&d->m.room, id);
		r->remote = u64_list_has(&d->m.remote, id);
	}
	if (s->cur)
		r->acked = u64_list_has(&s->cur->acks, id);
	codec_free(RT_MEMBER, &m);
	return 0;
}

static void
meeting_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct store_txn *t = hub_rd_txn(rd);
	struct mtdata *d = p->data;
	struct tension ten;
	struct mscan s = { d, NULL };
	struct err e;
	int have_t = 0;

	(void)ui;
	meeting_clear(d);
	if (hub_meeting_open_get(t, &d->m, &e) == 0) {
		d->have = 1;
		d->open = 1;
	}
	hub_voters_count(t, &d->voters, &e);
	if (d->have && d->m.current_tension &&
	    store_get(t, RT_TENSION, d->m.current_tension, &ten, &e) == 0) {
		struct u64_list ids = { 0 };
		have_t = 1;
		s.cur = &ten;
		snprintf(d->tension, sizeof d->tension, "%s",
		    ten.title ? ten.title : "");
		for (size_t i = ten.questions.n > 3 ? ten.questions.n - 3 : 0;
		    i < ten.questions.n; i++)
			str_list_push(&d->questions, ten.questions.v[i]);
		hub_proposals_of(t, ten.id, &ids, &e);
		if (ids.n) {
			struct proposal pr;
			struct hub_positions ps = { 0 };
			d->proposal = ids.v[ids.n - 1];
			if (store_get(t, RT_PROPOSAL, d->proposal, &pr,
			    &e) == 0) {
				d->pstatus = (int)pr.status;
				d->threshold = model_block_threshold(
				    (int)pr.unanimity);
				memset(&d->tally, 0, sizeof d->tally);
				if (hub_positions_load(t, d->proposal, &ps,
				    &e) == 0) {
					hub_proposal_tally(&pr, &ps, &d->tally);
					hub_positions_free(&ps);
				}
				codec_free(RT_PROPOSAL, &pr);
			}
		}
		u64_list_free(&ids);
	}
	store_scan(t, RT_MEMBER, 0, 0, people_cb, &s, &e);
	if (have_t)
		codec_free(RT_TENSION, &ten);
	p->count = d->n;
	ui_list_fit(p, p->rows);
}

static void
meeting_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct mtdata *d = p->data;
	uint64_t present;
	int y = r.y, rows, x;
	char s[400];

	if (!d->open) {
		ui_line(ui, y, r.x, r.w, E_TITLE, _(" Meeting"));
		ui_put(ui, y + 2, r.x + 1, r.w - 2, E_DIM, _("No meeting is "
		    "open. The facilitator opens one with O."));
		rows = 0;
		return;
	}
	present = hub_meeting_present_n(&d->m);
	snprintf(s, sizeof s, _(" Meeting #%llu %s"),
	    (unsigned long long)d->m.id, d->m.title ? d->m.title : "");
	ui_line(ui, y++, r.x, r.w, E_TITLE, s);
	snprintf(s, sizeof s, _("Present %llu of %llu; quorum %llu: %s"),
	    (unsigned long long)present,
	    (unsigned long long)d->m.members_total,
	    (unsigned long long)d->m.quorum, present >= d->m.quorum ?
	    _("reached") : _("not reached"));
	ui_line(ui, y++, r.x + 1, r.w - 1, present >= d->m.quorum ?
	    E_APPROVE : E_BLOCK, s);
	if (!d->m.review_done)
		ui_line(ui, y++, r.x + 1, r.w - 1, E_ALERT, _("First item: "
		    "review the action plan (R)."));
	if (d->m.current_tension) {
		size_t acks = 0;
		for (size_t i = 0; i < d->n; i++)
			acks += d->rows[i].acked;
		snprintf(s, sizeof s, _("Tension #%llu: %s — understood by "
		    "%zu of %llu"), (unsigned long long)d->m.current_tension,
		    d->tension, acks, (unsigned long long)present);
		ui_line(ui, y++, r.x + 1, r.w - 1, E_HEADER, s);
		for (size_t i = 0; i < d->questions.n; i++)
			ui_printf(ui, y++, r.x + 3, r.w - 3, E_ALERT, "? %s",
			    d->questions.v[i]);
	} else
		ui_line(ui, y++, r.x + 1, r.w - 1, E_DIM, _("No tension "
		    "taken up: t takes the next one."));
	if (d->proposal) {
		const struct tally *t = &d->tally;
		snprintf(s, sizeof s, _("Proposal #%llu (%s): %llu approve · "
		    "%llu alert · %llu withdraw · %llu block"),
		    (unsigned long long)d->proposal,
		    d->pstatus == PS_OPEN ? P_("proposal", "open") : d->pstatus ==
		    PS_REJECTED ? _("rejected") : d->pstatus == PS_RETAINED ?
		    _("retained") : _("closed"),
		    (unsigned long long)t->approve,
		    (unsigned long long)t->alert,
		    (unsigned long long)t->withdraw,
		    (unsigned long long)t->block);
		ui_line(ui, y++, r.x + 1, r.w - 1, E_NORMAL, s);
		snprintf(s, sizeof s, _("%llu blocks reject; %llu so far"),
		    (unsigned long long)d->threshold,
		    (unsigned long long)t->blockers);
		ui_line(ui, y++, r.x + 1, r.w - 1, t->blockers >= d->threshold ?
		    E_BLOCK : E_NORMAL, s);
	}
	ui_hline(ui, y++, r.x, r.w);
	rows = r.y + r.h - y;
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	for (size_t i = p->top; i < d->n && y < r.y + r.h; i++, y++) {
		struct prow *m = &d->rows[i];
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

static int
concert_done(struct ui *ui, const char *text, uint64_t member)
{
	struct store_txn *t;
	struct err e;
	char login[MAX_LOGIN + 8];
	int rc;

	if (hub_read(ui->h, &t, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	hub_login_of(t, member, login, sizeof login);
	hub_read_end(t);
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
close_round(struct ui *ui, struct mtdata *d)
{
	struct hub_close out;
	struct err e;

	memset(&out, 0, sizeof out);
	if (!d->proposal) {
		ui_status(ui, E_STATUS_ERR, "%s", _("No proposal to close."));
		return UI_HANDLED;
	}
	if (hub_proposal_close(ui->h, &ui->who, d->proposal, &out, &e) != 0) {
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
	struct prow *sel = p->sel < d->n ? &d->rows[p->sel] : NULL;
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
		rc = hub_proposal_adjourn(ui->h, &ui->who, d->proposal, &e);
		return done_or_error(ui, rc, &e, _("Adjourned: back on the "
		    "agenda."));
	case AC_ESCALATE:
		rc = hub_proposal_escalate(ui->h, &ui->who, d->proposal, &e);
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
		if (d->proposal) {
			ui_vote_show(ui, d->proposal);
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
	struct store_txn *t;
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
	if (hub_read(ui->h, &t, &e) != 0)
		return 0;
	hub_login_of(t, id, login, sizeof login);
	hub_read_end(t);
	open_concert(ui, id, login, text);
	return 1;
}

const struct ui_pane_class ui_meeting_class = {
	.name = "meeting", .title = N_("Meeting"), .tab = 4,
	.help = N_("the meeting console"), .hints = meeting_hints,
	.init = meeting_init, .done = meeting_done, .load = meeting_load,
	.draw = meeting_draw, .action = meeting_action,
	.resume = meeting_resume,
};
