/* ui-vote.c: the proposal and its positions (the voting pane): the text
 * and its versions, each member's position and reason (or hidden until
 * closed), the tally against the rule, and the four position keys.
 * Shows the hub's proposal view as it is (the veil is the hub's); records
 * positions only through hub operations. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vdata {
	uint64_t pid;		/* proposal shown; 0: none */
	int pinned;		/* chosen by the member, not "the current" */
	int have;
	/* Following the meeting: the open meeting last seen, the meeting's
	 * current proposal when another one is shown (a notice offers it),
	 * and the status of the round shown when last read. */
	uint64_t meeting;
	uint64_t offer;
	uint64_t seen_pid;
	int seen_status;
	struct hub_proposal_view v;	/* for this viewer */
	size_t version;		/* 1-based version shown; 0: the last */
	int text_top;
};

/* The position keys and the supporter's and blockers' acts; the status
 * line shows those the view says this viewer may take now (vote_can). */
static const int vote_hints[] = { AC_OPEN, AC_APPROVE, AC_ALERT,
    AC_WITHDRAW, AC_BLOCK, AC_AMEND, AC_AGREE_ADJOURN, AC_UNANIMITY,
    AC_SAGE_ANSWER, AC_NONE };

static int
kind_elem(int k)
{
	switch (k) {
	case POS_APPROVE: return E_APPROVE;
	case POS_ALERT: return E_ALERT;
	case POS_WITHDRAW: return E_WITHDRAW;
	case POS_BLOCK: return E_BLOCK;
	}
	return E_NORMAL;
}

static void
vote_clear(struct vdata *d)
{
	hub_proposal_view_free(&d->v);
	d->have = 0;
}

static void
vote_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct vdata));
}

static void
vote_done(struct ui_pane *p)
{
	vote_clear(p->data);
	free(p->data);
	p->data = NULL;
}

/* The view's act behind a key; 0 for keys that are not acts. */
static uint32_t
vote_act(int a)
{
	switch (a) {
	case AC_APPROVE:
	case AC_ALERT:
	case AC_WITHDRAW:
	case AC_BLOCK:
		return HUB_ACT_POSITION;
	case AC_AMEND:
		return HUB_ACT_AMEND;
	case AC_AGREE_ADJOURN:
		return HUB_ACT_BLOCKER_ACK;
	case AC_UNANIMITY:
		return HUB_ACT_UNANIMITY;
	case AC_SAGE_ANSWER:
		return HUB_ACT_ANSWER;
	}
	return 0;
}

static int
vote_can(struct ui_pane *p, struct ui *ui, int a)
{
	const struct vdata *d = p->data;
	uint32_t act = vote_act(a);

	(void)ui;
	if (a == AC_OPEN)
		return d->offer != 0;
	if (act == 0)
		return 1;
	return d->have && hub_acts_may(&d->v.acts, act);
}

/* Refused before any reason or text is typed, in the operation's words
 * (a closed round says so: nobody answers one without noticing). */
static const char *
vote_why(struct ui_pane *p, struct ui *ui, int a)
{
	const struct vdata *d = p->data;
	uint32_t act = vote_act(a);

	(void)ui;
	if (act == 0)
		return NULL;
	if (!d->have)
		return _("No proposal to act on.");
	return hub_acts_why(&d->v.acts, act);
}

static void
vote_read(struct ui_pane *p, struct ui *ui, struct hub_rd *r)
{
	struct vdata *d = p->data;
	uint64_t meeting = 0, cur = 0;
	struct err e;

	vote_clear(d);
	if (hub_meeting_open_id(r, &meeting, &e) != 0)
		meeting = 0;
	/* A new meeting starts clean: nothing pinned in the last one. */
	if (meeting != d->meeting) {
		if (d->pinned && d->meeting != 0)
			d->pinned = 0;
		d->meeting = meeting;
		d->offer = 0;
		d->version = 0;
		d->text_top = 0;
	}
	if (hub_proposal_current(r, &cur, &e) != 0)
		cur = 0;
	if (!d->pinned) {
		if (cur != d->pid && d->pid != 0 && cur != 0)
			ui_status(ui, E_STATUS_OK, _("Proposal #%llu is now "
			    "before the meeting."), (unsigned long long)cur);
		if (cur != d->pid) {
			d->version = 0;
			d->text_top = 0;
			p->sel = p->top = 0;
		}
		d->pid = cur;
	}
	if (d->pid == 0 || hub_proposal_view(r, d->pid, &d->v, &e) != 0) {
		hub_proposal_view_free(&d->v);
		d->offer = 0;
		return;
	}
	/* An open meeting shows its own round, not an old meeting's
	 * closed one: the current may be the newest of any meeting. */
	if (!d->pinned && meeting != 0 && d->v.meeting != 0 &&
	    d->v.meeting != meeting && d->v.status != PS_OPEN) {
		hub_proposal_view_free(&d->v);
		d->pid = 0;
		d->offer = 0;
		return;
	}
	d->have = 1;
	/* Pinned elsewhere while the meeting opened another round: say it,
	 * with the key that goes to it. */
	d->offer = 0;
	if (d->pinned && cur != 0 && cur != d->pid && meeting != 0) {
		struct hub_proposal_view cv;
		if (hub_proposal_view(r, cur, &cv, &e) == 0 &&
		    cv.status == PS_OPEN && cv.meeting == meeting)
			d->offer = cur;
		hub_proposal_view_free(&cv);
	}
	/* The round shown closed while it was on screen. */
	if (d->seen_pid == d->pid && d->seen_status == PS_OPEN &&
	    d->v.status != PS_OPEN)
		ui_status(ui, E_STATUS_ERR, _("The round on proposal #%llu is "
		    "closed: %s."), (unsigned long long)d->pid,
		    hub_proposal_status_label(d->v.status));
	d->seen_pid = d->pid;
	d->seen_status = d->v.status;
	p->count = d->v.npos;
	ui_list_fit(p, p->rows);
}

static void
vote_load(struct ui_pane *p, struct ui *ui, struct hub_rd *r)
{
	vote_read(p, ui, r);
}

/* One count of the tally, in a field as wide as its longest form, so a
 * new position changes a digit in place instead of shifting the line (the
 * budget is 150 bytes for a position and its tally). */
static int
tally_part(struct ui *ui, int y, int x, int w, int elem, uint64_t n,
    const char *one, const char *many)
{
	char a[80], b[80];
	int wa, wb;

	snprintf(a, sizeof a, one, (unsigned long long)n);
	snprintf(b, sizeof b, many, (unsigned long long)n);
	wa = ui_width(a);
	wb = ui_width(b);
	ui_put(ui, y, x, w, elem, n > 1 ? b : a);
	return wa > wb ? wa : wb;
}

static void
draw_tally(struct ui *ui, struct vdata *d, int y, int x, int w)
{
	const struct tally *t = &d->v.tally;
	uint64_t th = d->v.threshold;
	char s[300];
	int used = 0;

	if (d->v.masked) {
		snprintf(s, sizeof s, _("%llu of %llu members answered; "
		    "positions hidden until the round closes"),
		    (unsigned long long)d->v.answered,
		    (unsigned long long)d->v.voters);
		ui_put(ui, y, x, w, E_NORMAL, s);
		return;
	}
	used += tally_part(ui, y, x + used, w - used, E_APPROVE, t->approve,
	    ngettext("%llu approve ", "%llu approve ", 1),
	    ngettext("%llu approve ", "%llu approve ", 2));
	used += tally_part(ui, y, x + used, w - used, E_ALERT, t->alert,
	    ngettext("%llu alert ", "%llu alert ", 1),
	    ngettext("%llu alert ", "%llu alert ", 2));
	used += tally_part(ui, y, x + used, w - used, E_WITHDRAW, t->withdraw,
	    ngettext("%llu withdraw ", "%llu withdraw ", 1),
	    ngettext("%llu withdraw ", "%llu withdraw ", 2));
	used += tally_part(ui, y, x + used, w - used, E_BLOCK, t->block,
	    ngettext("%llu block", "%llu block", 1),
	    ngettext("%llu block", "%llu block", 2));
	if (th == 1)
		snprintf(s, sizeof s, _(" — unanimity: 1 block rejects; "
		    "%llu so far"), (unsigned long long)t->blockers);
	else
		snprintf(s, sizeof s, _(" — %llu blocks reject; %llu so far"),
		    (unsigned long long)th, (unsigned long long)t->blockers);
	ui_put(ui, y, x + used, w - used, t->blockers >= th ? E_BLOCK :
	    E_NORMAL, s);
}

/* Screen reader: a position as one sentence, " m4 — block; reason:
 * Réserve trop faible.", an earlier version's "not counted" in words. */
static void
sr_position(struct ui *ui, int y, struct ui_rect r, int el,
    const struct hub_vposition *pr)
{
	struct buf b = { 0 };

	buf_printf(&b, " %s \xe2\x80\x94 ", pr->login);
	if (pr->hidden)
		buf_puts(&b, _("hidden until closed"));
	else {
		buf_puts(&b, hub_position_label(pr->kind));
		if (!pr->counted)
			buf_printf(&b, _("; not counted (version %llu)"),
			    (unsigned long long)pr->version);
		if (pr->reason)
			buf_printf(&b, _("; reason: %s"), pr->reason);
	}
	ui_put(ui, y, r.x, r.w, el, b.p);
	buf_free(&b);
}

static void
vote_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct vdata *d = p->data;
	struct ui_rect tr;
	size_t nv, v;
	int y, th, rows, used;
	char s[400];

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	if (!d->have) {
		ui_put(ui, r.y, r.x, r.w, E_TITLE, _(" Proposal"));
		ui_put(ui, r.y + 2, r.x + 1, r.w - 2, E_DIM,
		    _("No proposal yet. The agenda (2) lists the tensions."));
		return;
	}
	snprintf(s, sizeof s, _(" Proposal #%llu — %s"),
	    (unsigned long long)d->pid, d->v.tension_title);
	ui_put(ui, r.y, r.x, r.w, E_TITLE, s);
	nv = d->v.versions.n;
	v = d->version && d->version <= nv ? d->version : nv;
	snprintf(s, sizeof s, _("supporter %s · version %zu/%zu · %s%s%s"),
	    d->v.supporter, v, nv, hub_proposal_status_label(d->v.status),
	    d->v.unanimity ? _(" · unanimity required") : "",
	    d->v.hidden ? _(" · hidden round") : "");
	ui_line(ui, r.y + 1, r.x, r.w, E_DIM, s);
	/* The meeting went on to another round: say so, with its key. */
	if (d->offer) {
		char k[32];
		int kk = keys_find(&ui->keys, UI_PANE_SCOPE(&ui_vote_class),
		    AC_OPEN);
		snprintf(s, sizeof s, _("The meeting is on proposal #%llu "
		    "now: %s goes to it."), (unsigned long long)d->offer,
		    kk ? keys_name(kk, k, sizeof k) : "-");
		ui_line(ui, r.y + 1, r.x, r.w, E_ALERT, s);
	}
	th = (r.h - 6) / 2;
	if (th < 1)
		th = 1;
	tr.y = r.y + 2;
	tr.x = r.x + 1;
	tr.w = r.w - 2;
	tr.h = th;
	if (v == nv && d->v.status == PS_RETAINED && d->v.decision_text) {
		/* Retained: the decision (the text and its alerts), and a
		 * lone block, which stays on record with it. */
		struct buf b = { 0 };
		int need;

		buf_printf(&b, _("Decision #%llu: "), (unsigned long long)
		    d->v.decision);
		buf_puts(&b, d->v.decision_text);
		for (size_t i = 0, n = 0; i < d->v.npos; i++) {
			const struct hub_vposition *x = &d->v.pos[i];
			if (!x->counted || x->hidden || x->kind != POS_BLOCK)
				continue;
			if (n++ == 0)
				buf_printf(&b, "\n\n%s", _("Blocks on record (not "
				    "enough to reject):"));
			buf_printf(&b, "\n- %s: %s", x->login, x->reason ?
			    x->reason : "");
		}
		need = ui_wrap(ui, tr, d->text_top, E_NORMAL, b.p ? b.p : "");
		if (d->text_top > 0 && d->text_top >= need)
			d->text_top = need > 0 ? need - 1 : 0;
		buf_free(&b);
	} else if (v > 0) {
		int need = ui_wrap(ui, tr, d->text_top, E_NORMAL,
		    d->v.versions.v[v - 1]);
		if (d->text_top > 0 && d->text_top >= need)
			d->text_top = need > 0 ? need - 1 : 0;
	}
	y = tr.y + th;
	ui_hline(ui, y++, r.x, r.w);
	if (y >= r.y + r.h)
		return;
	draw_tally(ui, d, y++, r.x + 1, r.w - 1);
	if (y >= r.y + r.h)
		return;
	if (ui->me == 0)
		snprintf(s, sizeof s, "%s", _("The console takes no position."));
	else if (d->v.mine < 0)
		snprintf(s, sizeof s, "%s", _("Your position: none yet"));
	else
		snprintf(s, sizeof s, _("Your position: %s"),
		    hub_position_label(d->v.mine));
	/* The words stay; only the position changes (and its colour). */
	{
		const char *colon = strrchr(s, ':');
		size_t k = colon ? (size_t)(colon - s) + 2 : 0;
		char head[200];

		if (d->v.mine < 0 || k == 0 || k >= sizeof head)
			k = 0;
		snprintf(head, sizeof head, "%.*s", (int)k, s);
		used = ui_put(ui, y, r.x + 1, r.w - 1, E_HEADER, head);
		ui_put(ui, y, r.x + 1 + used, r.w - 1 - used, d->v.mine >= 0 ?
		    kind_elem(d->v.mine) : E_HEADER, s + k);
	}
	y++;
	rows = r.y + r.h - y;
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	for (size_t i = p->top; i < d->v.npos && y < r.y + r.h; i++, y++) {
		const struct hub_vposition *pr = &d->v.pos[i];
		int sel = i == p->sel;
		int el = sel ? E_SELECTED : E_NORMAL;
		int x = r.x + 1;

		ui_fill(ui, y, r.x, r.w, el);
		if (ui->sr) {
			sr_position(ui, y, r, el, pr);
			continue;
		}
		x += ui_put(ui, y, x, 13, el, pr->login);
		x = r.x + 14;
		if (pr->hidden) {
			ui_put(ui, y, x, r.x + r.w - x, sel ? el : E_DIM,
			    _("hidden until closed"));
			continue;
		}
		if (!pr->counted)
			snprintf(s, sizeof s, "%s (v%llu)", hub_position_label(pr->kind),
			    (unsigned long long)pr->version);
		else
			snprintf(s, sizeof s, "%s", hub_position_label(pr->kind));
		x += ui_put(ui, y, x, 14, sel ? el : !pr->counted ? E_DIM :
		    kind_elem(pr->kind), s);
		x = r.x + (!pr->counted ? 29 : 25);
		if (pr->reason)
			ui_put(ui, y, x, r.x + r.w - x, el, pr->reason);
	}
}

/* ---- taking a position ---- */

static int
vote_record(struct ui *ui, uint64_t pid, int kind, const char *reason)
{
	struct err e;

	if (hub_position_set(ui->h, &ui->who, pid, kind, reason, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_reload_all(ui);
	/* The pane's own row ("Your position: ...") shows which position was
	 * taken; the status line only confirms, which keeps a position and
	 * its tally within DESIGN.md's 150 bytes. A screen reader reads the
	 * status line alone, so it is told the position too. */
	if (!ui->sr) {
		ui_status(ui, E_STATUS_OK, "%s", _("Recorded."));
		return 0;
	}
	switch (kind) {
	case POS_APPROVE:
		ui_status(ui, E_STATUS_OK, "%s", _("Recorded: approve."));
		break;
	case POS_WITHDRAW:
		ui_status(ui, E_STATUS_OK, "%s", _("Recorded: withdraw."));
		break;
	case POS_ALERT:
		ui_status(ui, E_STATUS_OK, "%s", _("Recorded: alert."));
		break;
	default:
		ui_status(ui, E_STATUS_OK, "%s", _("Recorded: block."));
	}
	return 0;
}

static int
alert_done(struct ui *ui, const char *text, uint64_t pid)
{
	return vote_record(ui, pid, POS_ALERT, text);
}

static int
block_done(struct ui *ui, const char *text, uint64_t pid)
{
	return vote_record(ui, pid, POS_BLOCK, text);
}

static int
amend_done(struct ui *ui, const char *text, uint64_t pid)
{
	struct err e;

	if (hub_proposal_amend(ui->h, &ui->who, pid, text, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, "%s", _("New version recorded."));
	return 0;
}

static int
answer_done(struct ui *ui, const char *text, uint64_t pid)
{
	struct err e;

	if (hub_proposal_answer(ui->h, &ui->who, pid, text, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("The sages' answer on proposal #%llu is "
	    "recorded."), (unsigned long long)pid);
	ui_reload_all(ui);
	return 0;
}

static void
open_answer(struct ui *ui, uint64_t pid, const char *text)
{
	char title[200], ctx[64];

	snprintf(title, sizeof title, _("The sages' answer on proposal #%llu"),
	    (unsigned long long)pid);
	snprintf(ctx, sizeof ctx, "answer:%llu", (unsigned long long)pid);
	ui_edit_open(ui, P_VOTE, title, ctx, text, 1, MAX_TEXT, answer_done,
	    pid);
}

static void
open_reason(struct ui *ui, struct vdata *d, int kind, const char *text)
{
	char title[200], ctx[64];

	snprintf(title, sizeof title, kind == POS_BLOCK ?
	    _("Why do you block proposal #%llu?") :
	    _("Your point of vigilance on proposal #%llu"),
	    (unsigned long long)d->pid);
	snprintf(ctx, sizeof ctx, "%s:%llu", kind == POS_BLOCK ? "block" :
	    "alert", (unsigned long long)d->pid);
	ui_edit_open(ui, P_VOTE, title, ctx, text, 1, MAX_REASON,
	    kind == POS_BLOCK ? block_done : alert_done, d->pid);
}

static const char *
my_reason(struct ui *ui, struct vdata *d, int kind)
{
	for (size_t i = 0; i < d->v.npos; i++)
		if (d->v.pos[i].member == ui->me && d->v.pos[i].kind == kind)
			return d->v.pos[i].reason;
	return NULL;
}

static int
vote_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct vdata *d = p->data;

	switch (a) {
	case AC_FLAG:
		/* Moderation: the version shown, for the admins. */
		if (d->have && d->v.versions.n > 0) {
			char f[32];
			size_t nv = d->v.versions.n;
			snprintf(f, sizeof f, "version.%zu", d->version &&
			    d->version <= nv ? d->version : nv);
			ui_flag_ask(ui, P_VOTE, "proposal", d->pid, f);
		}
		return UI_HANDLED;
	case AC_APPROVE:
	case AC_WITHDRAW:
	case AC_ALERT:
	case AC_BLOCK:
		if (d->pid == 0) {
			ui_status(ui, E_STATUS_ERR, "%s",
			    _("No proposal to take a position on."));
			return UI_HANDLED;
		}
		if (a == AC_APPROVE || a == AC_WITHDRAW)
			vote_record(ui, d->pid, a == AC_APPROVE ? POS_APPROVE :
			    POS_WITHDRAW, NULL);
		else {
			int k = a == AC_ALERT ? POS_ALERT : POS_BLOCK;
			open_reason(ui, d, k, my_reason(ui, d, k));
		}
		return UI_HANDLED | UI_REDRAW;
	case AC_AMEND:
		if (d->have && d->v.versions.n > 0) {
			char ctx[64];
			snprintf(ctx, sizeof ctx, "amend:%llu",
			    (unsigned long long)d->pid);
			ui_edit_open(ui, P_VOTE, _("New version of the "
			    "proposal"), ctx, d->v.versions.v[
			    d->v.versions.n - 1], 1, MAX_TEXT, amend_done,
			    d->pid);
		}
		return UI_HANDLED | UI_REDRAW;
	case AC_AGREE_ADJOURN:
		if (d->pid) {
			struct err e;
			if (hub_proposal_ack(ui->h, &ui->who, d->pid, &e) != 0)
				ui_error(ui, &e);
			else {
				ui_status(ui, E_STATUS_OK, "%s", _("Recorded: you "
				    "agree to adjourn."));
				ui_reload_all(ui);
			}
		}
		return UI_HANDLED;
	case AC_UNANIMITY:
		if (d->pid) {
			struct err e;
			if (hub_proposal_unanimity(ui->h, &ui->who, d->pid, &e)
			    != 0)
				ui_error(ui, &e);
			else {
				ui_status(ui, E_STATUS_OK, "%s", _("Unanimity "
				    "required: one block rejects."));
				ui_reload_all(ui);
			}
		}
		return UI_HANDLED;
	case AC_SAGE_ANSWER:
		if (d->pid)
			open_answer(ui, d->pid, NULL);
		return UI_HANDLED | UI_REDRAW;
	case AC_OPEN:
		/* The notice's key: go to the meeting's round. */
		if (d->offer) {
			d->pinned = 0;
			d->offer = 0;
			d->version = 0;
			d->text_top = 0;
			p->sel = p->top = 0;
			return UI_HANDLED | UI_RELOAD | UI_REDRAW;
		}
		break;
	case AC_VERSION_PREV:
		if (d->have) {
			size_t nv = d->v.versions.n;
			size_t v = d->version ? d->version : nv;
			d->version = v > 1 ? v - 1 : 1;
			d->text_top = 0;
		}
		return UI_HANDLED | UI_REDRAW;
	case AC_VERSION_NEXT:
		if (d->have && d->version) {
			d->version++;
			if (d->version >= d->v.versions.n)
				d->version = 0;
			d->text_top = 0;
		}
		return UI_HANDLED | UI_REDRAW;
	case AC_PAGE_DOWN:
		d->text_top += 3;
		return UI_HANDLED | UI_REDRAW;
	case AC_PAGE_UP:
		d->text_top = d->text_top > 3 ? d->text_top - 3 : 0;
		return UI_HANDLED | UI_REDRAW;
	case AC_BACK:
		if (d->pinned) {
			d->pinned = 0;
			d->version = 0;
			return UI_HANDLED | UI_RELOAD | UI_REDRAW;
		}
		return UI_IGNORED;
	}
	return ui_list_action(p, a);
}

static int
vote_resume(struct ui_pane *p, struct ui *ui, const char *ctx,
    const char *text)
{
	struct vdata *d = p->data;
	uint64_t id;
	int block = strncmp(ctx, "block:", 6) == 0;
	int alert = strncmp(ctx, "alert:", 6) == 0;
	int amend = strncmp(ctx, "amend:", 6) == 0;

	if (strncmp(ctx, "answer:", 7) == 0 &&
	    util_parse_u64(ctx + 7, &id) == 0) {
		d->pid = id;
		d->pinned = 1;
		p->stale = 1;
		open_answer(ui, id, text);
		return 1;
	}
	if (!(block || alert || amend) || util_parse_u64(ctx + 6, &id) != 0)
		return 0;
	d->pid = id;
	d->pinned = 1;
	p->stale = 1;
	if (amend)
		ui_edit_open(ui, P_VOTE, _("New version of the proposal"),
		    ctx, text, 1, MAX_TEXT, amend_done, id);
	else
		open_reason(ui, d, block ? POS_BLOCK : POS_ALERT, text);
	return 1;
}

void
ui_vote_show(struct ui *ui, uint64_t proposal)
{
	struct ui_pane *p = &ui->panes[P_VOTE];
	struct vdata *d = p->data;

	d->pid = proposal;
	d->pinned = 1;
	d->version = 0;
	d->text_top = 0;
	p->stale = 1;
	p->sel = p->top = 0;
	ui_focus(ui, P_VOTE);
}

const struct ui_pane_class ui_vote_class = {
	.name = "vote", .title = N_("Vote"), .tab = 3,
	.help = N_("the proposal and positions"), .hints = vote_hints,
	.init = vote_init, .done = vote_done, .load = vote_load,
	.draw = vote_draw, .action = vote_action, .resume = vote_resume,
	.can = vote_can, .why = vote_why,
};
