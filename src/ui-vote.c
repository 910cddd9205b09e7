/* ui-vote.c: the proposal and its positions (the voting pane): the text
 * and its versions, each member's position and reason (or hidden until
 * closed), the tally against the rule, and the four position keys.
 * Reads what it shows; records positions only through hub operations. */
#include "ui.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vrow {
	uint64_t member;
	char login[MAX_LOGIN + 1];
	int kind;
	uint64_t version;
	char *reason;
};

struct vdata {
	uint64_t pid;		/* proposal shown; 0: none */
	int pinned;		/* chosen by the member, not "the current" */
	int have;
	struct proposal pr;
	char tension[MAX_TITLE + 1];
	char supporter[MAX_LOGIN + 1];
	size_t version;		/* 1-based version shown; 0: the last */
	struct vrow *rows;
	size_t n;
	struct tally tally;
	int mine;		/* my position kind, -1 none */
	uint64_t voters;	/* members who may take a position */
	int text_top;
};

static const int vote_hints[] = { AC_APPROVE, AC_ALERT, AC_WITHDRAW,
    AC_BLOCK, AC_NONE };

static const char *
kind_label(int k)
{
	switch (k) {
	case POS_APPROVE: return P_("position", "approve");
	case POS_ALERT: return P_("position", "alert");
	case POS_WITHDRAW: return P_("position", "withdraw");
	case POS_BLOCK: return P_("position", "block");
	}
	return "?";
}

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

static const char *
pstatus_label(int s)
{
	switch (s) {
	case PS_OPEN: return P_("proposal", "open");
	case PS_RETAINED: return _("retained");
	case PS_REJECTED: return _("rejected");
	case PS_NO_DECISION: return _("no decision");
	case PS_ADJOURNED: return _("adjourned");
	case PS_ESCALATED: return _("sent to the sages");
	}
	return "?";
}

static void
vote_clear(struct vdata *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->rows[i].reason);
	free(d->rows);
	d->rows = NULL;
	d->n = 0;
	if (d->have)
		codec_free(RT_PROPOSAL, &d->pr);
	d->have = 0;
}

static void
vote_init(struct ui_pane *p)
{
	struct vdata *d = xcalloc(1, sizeof *d);

	d->mine = -1;
	p->data = d;
}

static void
vote_done(struct ui_pane *p)
{
	vote_clear(p->data);
	free(p->data);
	p->data = NULL;
}

struct pick {
	struct store_txn *t;
	uint64_t found, last;
};

static int
pick_open_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct pick *pk = arg;
	struct proposal pr;
	struct err e;
	int open;

	if (codec_decode(RT_PROPOSAL, data, len, &pr, &e) != 0)
		return 0;
	open = pr.status == PS_OPEN;
	codec_free(RT_PROPOSAL, &pr);
	if (pk->last == 0)
		pk->last = id;
	if (open) {
		pk->found = id;
		return 1;
	}
	return 0;
}

/* The latest proposal of a tension, preferring an open one. */
static uint64_t
tension_proposal(struct store_txn *t, uint64_t tension)
{
	struct u64_list ids = { 0 };
	uint64_t best = 0;
	struct proposal pr;
	struct err e;

	ui_ix_ids(t, IX_PROPOSAL_TENSION, tension, &ids);
	for (size_t i = ids.n; i-- > 0;) {
		if (store_get(t, RT_PROPOSAL, ids.v[i], &pr, &e) != 0)
			continue;
		if (best == 0)
			best = ids.v[i];
		if (pr.status == PS_OPEN) {
			best = ids.v[i];
			codec_free(RT_PROPOSAL, &pr);
			break;
		}
		codec_free(RT_PROPOSAL, &pr);
	}
	u64_list_free(&ids);
	return best;
}

/* "The current proposal": the open meeting's tension's, else the newest
 * open one, else the newest. */
static uint64_t
current_proposal(struct store_txn *t)
{
	struct meeting m;
	struct pick pk = { t, 0, 0 };
	struct err e;
	uint64_t id = 0;

	if (hub_meeting_open_get(t, &m, &e) == 0) {
		if (m.current_tension)
			id = tension_proposal(t, m.current_tension);
		codec_free(RT_MEETING, &m);
		if (id)
			return id;
	}
	store_scan(t, RT_PROPOSAL, 0, 1, pick_open_cb, &pk, &e);
	return pk.found ? pk.found : pk.last;
}

static void
vote_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct store_txn *t = hub_rd_txn(rd);
	struct vdata *d = p->data;
	struct hub_positions ps = { 0 };
	struct tension ten;
	struct err e;

	vote_clear(d);
	d->mine = -1;
	if (!d->pinned)
		d->pid = current_proposal(t);
	if (d->pid == 0 || store_get(t, RT_PROPOSAL, d->pid, &d->pr, &e) != 0)
		return;
	d->have = 1;
	d->tension[0] = '\0';
	if (store_get(t, RT_TENSION, d->pr.tension, &ten, &e) == 0) {
		snprintf(d->tension, sizeof d->tension, "%s",
		    ten.title ? ten.title : "");
		codec_free(RT_TENSION, &ten);
	}
	hub_login_of(t, d->pr.supporter, d->supporter, sizeof d->supporter);
	d->voters = 0;
	hub_voters_count(t, &d->voters, &e);
	if (hub_positions_load(t, d->pid, &ps, &e) != 0)
		return;
	/* The tally counts the positions on the current version only. */
	hub_proposal_tally(&d->pr, &ps, &d->tally);
	d->rows = xcalloc(ps.n + 1, sizeof *d->rows);
	for (size_t i = 0; i < ps.n; i++) {
		struct position *pos = &ps.v[i];
		struct vrow *r = &d->rows[d->n++];
		r->member = pos->member;
		r->kind = (int)pos->kind;
		r->version = pos->version;
		r->reason = pos->reason ? xstrdup(pos->reason) : NULL;
		hub_login_of(t, pos->member, r->login, sizeof r->login);
		if (pos->member == ui->me && ui->me != 0)
			d->mine = (int)pos->kind;
	}
	hub_positions_free(&ps);
	p->count = d->n;
	ui_list_fit(p, p->rows);
}

static int
hidden(const struct vdata *d)
{
	return d->pr.hidden && d->pr.status == PS_OPEN;
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
	const struct tally *t = &d->tally;
	uint64_t th = model_block_threshold((int)d->pr.unanimity);
	char s[300];
	int used = 0;

	if (hidden(d)) {
		snprintf(s, sizeof s, _("%llu of %llu members answered; "
		    "positions hidden until the round closes"),
		    (unsigned long long)(t->approve + t->alert + t->withdraw +
		    t->block),
		    (unsigned long long)d->voters);
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
	    (unsigned long long)d->pid, d->tension);
	ui_put(ui, r.y, r.x, r.w, E_TITLE, s);
	nv = d->pr.versions.n;
	v = d->version && d->version <= nv ? d->version : nv;
	snprintf(s, sizeof s, _("supporter %s · version %zu/%zu · %s%s%s"),
	    d->supporter, v, nv, pstatus_label((int)d->pr.status),
	    d->pr.unanimity ? _(" · unanimity required") : "",
	    d->pr.hidden ? _(" · hidden round") : "");
	ui_line(ui, r.y + 1, r.x, r.w, E_DIM, s);
	th = (r.h - 6) / 2;
	if (th < 1)
		th = 1;
	tr.y = r.y + 2;
	tr.x = r.x + 1;
	tr.w = r.w - 2;
	tr.h = th;
	if (v > 0) {
		int need = ui_wrap(ui, tr, d->text_top, E_NORMAL,
		    d->pr.versions.v[v - 1]);
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
	else if (d->mine < 0)
		snprintf(s, sizeof s, "%s", _("Your position: none yet"));
	else
		snprintf(s, sizeof s, _("Your position: %s"),
		    kind_label(d->mine));
	/* The words stay; only the position changes (and its colour). */
	{
		const char *colon = strrchr(s, ':');
		size_t k = colon ? (size_t)(colon - s) + 2 : 0;
		char head[200];

		if (d->mine < 0 || k == 0 || k >= sizeof head)
			k = 0;
		snprintf(head, sizeof head, "%.*s", (int)k, s);
		used = ui_put(ui, y, r.x + 1, r.w - 1, E_HEADER, head);
		ui_put(ui, y, r.x + 1 + used, r.w - 1 - used, d->mine >= 0 ?
		    kind_elem(d->mine) : E_HEADER, s + k);
	}
	y++;
	rows = r.y + r.h - y;
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		ui_list_fit(p, rows);
	}
	for (size_t i = p->top; i < d->n && y < r.y + r.h; i++, y++) {
		struct vrow *pr = &d->rows[i];
		int mine = pr->member == ui->me;
		int sel = i == p->sel;
		int el = sel ? E_SELECTED : E_NORMAL;
		int x = r.x + 1;

		ui_fill(ui, y, r.x, r.w, el);
		x += ui_put(ui, y, x, 13, el, pr->login);
		x = r.x + 14;
		if (hidden(d) && !mine) {
			ui_put(ui, y, x, r.x + r.w - x, sel ? el : E_DIM,
			    _("hidden until closed"));
			continue;
		}
		if (pr->version != d->pr.versions.n)
			snprintf(s, sizeof s, "%s (v%llu)", kind_label(pr->kind),
			    (unsigned long long)pr->version);
		else
			snprintf(s, sizeof s, "%s", kind_label(pr->kind));
		x += ui_put(ui, y, x, 14, sel ? el : pr->version !=
		    d->pr.versions.n ? E_DIM : kind_elem(pr->kind), s);
		x = r.x + (pr->version != d->pr.versions.n ? 29 : 25);
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
	for (size_t i = 0; i < d->n; i++)
		if (d->rows[i].member == ui->me && d->rows[i].kind == kind)
			return d->rows[i].reason;
	return NULL;
}

static int
vote_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct vdata *d = p->data;

	switch (a) {
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
		if (d->have && d->pr.versions.n > 0) {
			char ctx[64];
			snprintf(ctx, sizeof ctx, "amend:%llu",
			    (unsigned long long)d->pid);
			ui_edit_open(ui, P_VOTE, _("New version of the "
			    "proposal"), ctx, d->pr.versions.v[
			    d->pr.versions.n - 1], 1, MAX_TEXT, amend_done,
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
	case AC_VERSION_PREV:
		if (d->have) {
			size_t nv = d->pr.versions.n;
			size_t v = d->version ? d->version : nv;
			d->version = v > 1 ? v - 1 : 1;
			d->text_top = 0;
		}
		return UI_HANDLED | UI_REDRAW;
	case AC_VERSION_NEXT:
		if (d->have && d->version) {
			d->version++;
			if (d->version >= d->pr.versions.n)
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
};
