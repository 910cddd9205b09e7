/* hub-view-proposal.c: a proposal as one viewer may see it (versions,
 * positions, tally or "hidden", threshold, quorum, acts) and the lists of
 * proposals. Must not write or print; copies what it keeps. */
#include "hub-view-int.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "emit.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hub_proposal_view_free(struct hub_proposal_view *v)
{
	for (size_t i = 0; i < v->npos; i++)
		free(v->pos[i].reason);
	free(v->pos);
	for (size_t i = 0; i < v->nhist; i++)
		free(v->hist[i].reason);
	free(v->hist);
	str_list_free(&v->versions);
	str_list_free(&v->blockers_agreed);
	free(v->close_note);
	free(v->decision_text);
	free(v->sages_answer);
	memset(v, 0, sizeof *v);
	v->mine = -1;
	v->if_closed = -1;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The acts on a proposal, each answered by the operation's own check. */
static void
proposal_acts(struct hub_proposal_view *v, const struct actor *who,
    const struct proposal *p, const struct meeting *m, uint64_t answered,
    uint64_t voters, const struct hub_positions *ps)
{
	struct hub_acts *a = &v->acts;
	int64_t now = util_now();
	struct err e;
	int rc, blocker = 0;

	memset(a, 0, sizeof *a);
	err_clear(&e);
	view_act(a, HUB_ACT_POSITION, gov_check_position(who, p, m, now, &e),
	    &e);
	view_act(a, HUB_ACT_AMEND, gov_check_amend(who, p, v->supporter, now,
	    &e), &e);
	view_act(a, HUB_ACT_CLOSE, gov_check_close(who, p, m, &v->quorum,
	    answered, voters, now, &e), &e);
	rc = hub_role_check(who, ROLE_FACILITATOR, "require unanimity", &e);
	if (rc == 0 && (rc = gov_check_open(p, &e)) == 0 && p->unanimity)
		rc = err_set(&e, ERR_REFUSED, "proposal %llu already "
		    "requires unanimity", (unsigned long long)p->id);
	view_act(a, HUB_ACT_UNANIMITY, rc, &e);
	for (size_t i = 0; i < ps->n; i++)
		if (ps->vcounts[i] && ps->v[i].kind == POS_BLOCK &&
		    ps->v[i].member == who->id && who->id != 0)
			blocker = 1;
	rc = p->status != PS_REJECTED ? err_set(&e, ERR_REFUSED, "proposal "
	    "%llu is %s: only a rejected proposal may be adjourned",
	    (unsigned long long)p->id, hub_proposal_status_label(
	    (int)p->status)) : !blocker ? err_set(&e, ERR_REFUSED, "%s did "
	    "not block proposal %llu: only its blockers agree to adjourn it",
	    who->label, (unsigned long long)p->id) :
	    u64_list_has(&p->blockers_ack, who->id) ? err_set(&e,
	    ERR_REFUSED, "%s already agreed to adjourn proposal %llu",
	    who->label, (unsigned long long)p->id) : 0;
	view_act(a, HUB_ACT_BLOCKER_ACK, rc, &e);
	rc = hub_role_check(who, ROLE_FACILITATOR, "adjourn a proposal", &e);
	if (rc == 0 && p->status != PS_REJECTED)
		rc = err_set(&e, ERR_REFUSED, "proposal %llu is %s: only a "
		    "rejected proposal may be adjourned",
		    (unsigned long long)p->id,
		    hub_proposal_status_label((int)p->status));
	view_act(a, HUB_ACT_ADJOURN, rc, &e);
	rc = hub_role_check(who, ROLE_FACILITATOR, "escalate a proposal", &e);
	if (rc == 0 && p->status != PS_REJECTED)
		rc = err_set(&e, ERR_REFUSED, "proposal %llu is %s: only a "
		    "rejected proposal may be escalated",
		    (unsigned long long)p->id,
		    hub_proposal_status_label((int)p->status));
	view_act(a, HUB_ACT_ESCALATE, rc, &e);
	rc = hub_role_check(who, ROLE_SAGE, "answer for the sages", &e);
	if (rc == 0 && p->status != PS_ESCALATED)
		rc = err_set(&e, ERR_REFUSED, "proposal %llu is %s: the "
		    "sages answer only escalated proposals",
		    (unsigned long long)p->id,
		    hub_proposal_status_label((int)p->status));
	else if (rc == 0 && p->sages_answer != NULL)
		rc = err_set(&e, ERR_REFUSED, "the sages already answered "
		    "proposal %llu", (unsigned long long)p->id);
	view_act(a, HUB_ACT_ANSWER, rc, &e);
}

static const char *why_names[] = { "counted", "older-version",
	"not-voter", "superseded" };

const char *
hub_pos_why_name(int why)
{
	return why >= 0 && why <= HUB_POS_SUPERSEDED ? why_names[why] :
	    "unknown";
}

/* One position as the viewer may see it. The veil: a hidden round shows
 * each member only their own until the facilitator closes it. */
static void
vpos_fill(struct hub_vposition *y, struct store_txn *t,
    const struct hub_proposal_view *v, const struct position *x, int why,
    uint64_t me)
{
	y->member = x->member;
	hub_login_of(t, x->member, y->login, sizeof y->login);
	y->version = x->version;
	y->hidden = v->masked && (me == 0 || x->member != me);
	y->why = y->hidden ? HUB_POS_COUNTED : why;
	y->counted = why == HUB_POS_COUNTED;
	y->kind = y->hidden ? -1 : (int)x->kind;
	y->reason = y->hidden ? NULL : dup_or_null(x->reason);
	y->at = y->hidden ? 0 : (x->updated ? x->updated : x->created);
	if (!y->hidden && x->by != 0 && x->by != x->member)
		hub_login_of(t, x->by, y->by, sizeof y->by);
}

static void
positions_fill(struct hub_proposal_view *v, struct store_txn *t,
    const struct proposal *p, const struct hub_positions *ps, uint64_t me)
{
	v->pos = xcalloc(ps->n ? ps->n : 1, sizeof *v->pos);
	for (size_t i = 0; i < ps->n; i++) {
		const struct position *x = &ps->v[i];
		int why = ps->vcounts[i] ? HUB_POS_COUNTED :
		    x->version != p->versions.n ? HUB_POS_OLDER :
		    HUB_POS_NOT_VOTER;

		vpos_fill(&v->pos[v->npos++], t, v, x, why, me);
		if (me != 0 && x->member == me) {
			v->mine = (int)x->kind;
			v->mine_version = x->version;
		}
	}
	v->hist = xcalloc(ps->nall ? ps->nall : 1, sizeof *v->hist);
	for (size_t i = 0; i < ps->nall; i++) {
		const struct position *x = &ps->all[i];
		int current = 0;

		for (size_t j = 0; j < ps->n && !current; j++)
			current = ps->vat[j] == i;
		/* Others' history in a masked round is not even counted. */
		if (current || (v->masked && (me == 0 || x->member != me)))
			continue;
		vpos_fill(&v->hist[v->nhist++], t, v, x, HUB_POS_SUPERSEDED,
		    me);
	}
}

/* The quorum a round is held to: frozen at its close; else its
 * meeting's, or the counted answers of an electronic round against the
 * voting members now. */
static int
round_quorum(struct hub_proposal_view *v, struct store_txn *t,
    const struct proposal *p, const struct meeting *m,
    const struct hub_positions *ps, uint64_t *answered, struct err *e)
{
	int rc;

	*answered = 0;
	if (p->frozen) {
		v->quorum.present = p->c_present;
		v->quorum.members = p->c_members;
		v->quorum.needed = p->c_needed;
		v->quorum.reached = p->c_needed > 0 &&
		    p->c_present >= p->c_needed;
		return hub_proposal_answered(t, p, ps, answered, e);
	}
	if (p->closes == 0)
		return m ? hub_meeting_quorum(t, m, &v->quorum, e) : 0;
	if ((rc = hub_proposal_answered(t, p, ps, answered, e)) != 0)
		return rc;
	v->quorum.present = *answered;
	v->quorum.members = v->voters;
	v->quorum.needed = model_quorum(v->voters);
	v->quorum.reached = model_quorum_met(*answered, v->voters);
	return 0;
}

int
hub_proposal_view(struct hub_rd *r, uint64_t id, struct hub_proposal_view *v,
    struct err *e)
{
	const struct actor *who = hub_rd_viewer(r);
	struct hub_positions ps = { 0 };
	struct store_txn *t;
	struct proposal p;
	struct tension tn;
	struct meeting m;
	struct tally tl;
	uint64_t answered = 0;
	int rc, have_m = 0;

	memset(v, 0, sizeof *v);
	v->mine = -1;
	v->if_closed = -1;
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = view_get(t, RT_PROPOSAL, id, &p, "proposal", e)) != 0)
		return rc;
	v->id = p.id;
	v->tension = p.tension;
	v->meeting = p.meeting;
	v->decision = p.decision;
	v->status = (int)p.status;
	v->unanimity = p.unanimity != 0;
	v->unanimity_req = (int)p.unanimity_req;
	v->frozen = p.frozen != 0;
	v->closed_at = p.closed_at;
	v->hidden = p.hidden != 0;
	v->masked = v->hidden && p.status == PS_OPEN;
	v->closes = p.closes;
	v->created = p.created;
	v->threshold = model_block_threshold((int)p.unanimity);
	view_strs_copy(&v->versions, &p.versions);
	v->close_note = dup_or_null(p.close_note);
	v->decision_text = dup_or_null(p.decision_text);
	v->sages_answer = dup_or_null(p.sages_answer);
	view_logins(t, &p.blockers_ack, &v->blockers_agreed);
	hub_login_of(t, p.supporter, v->supporter, sizeof v->supporter);
	if (store_get(t, RT_TENSION, p.tension, &tn, e) == 0) {
		snprintf(v->tension_title, sizeof v->tension_title, "%s",
		    tn.title ? tn.title : "");
		codec_free(RT_TENSION, &tn);
	}
	err_clear(e);
	if (p.closes == 0 && p.meeting != 0) {
		if ((rc = store_get(t, RT_MEETING, p.meeting, &m, e)) == 0)
			have_m = 1;
		else if (rc != ERR_NOTFOUND)
			goto out;
	}
	if ((rc = hub_positions_load(t, p.id, &ps, e)) != 0 ||
	    (rc = hub_voters_count(t, &v->voters, e)) != 0)
		goto out;
	hub_proposal_tally(&p, &ps, &tl);
	v->answered = tl.approve + tl.alert + tl.withdraw + tl.block;
	if (p.frozen && p.closes != 0)
		v->answered = p.c_present;
	if (!v->masked)
		v->tally = tl;
	if (p.status == PS_OPEN && !v->masked)
		v->if_closed = model_outcome(&tl, (int)p.unanimity);
	positions_fill(v, t, &p, &ps, who->id);
	if ((rc = round_quorum(v, t, &p, have_m ? &m : NULL, &ps, &answered,
	    e)) != 0)
		goto out;
	proposal_acts(v, who, &p, have_m ? &m : NULL, answered, v->voters,
	    &ps);
out:
	hub_positions_free(&ps);
	if (have_m)
		codec_free(RT_MEETING, &m);
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

/* ---- which proposal ---- */

int
hub_tension_proposal(struct hub_rd *r, uint64_t tension, uint64_t *id,
    struct err *e)
{
	struct u64_list ids = { 0 };
	struct store_txn *t;
	struct proposal pr;
	int rc;

	*id = 0;
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = hub_proposals_of(t, tension, &ids, e)) != 0)
		goto out;
	for (size_t i = ids.n; i-- > 0;) {
		if (store_get(t, RT_PROPOSAL, ids.v[i], &pr, e) != 0)
			continue;
		if (*id == 0)
			*id = ids.v[i];
		if (pr.status == PS_OPEN) {
			*id = ids.v[i];
			codec_free(RT_PROPOSAL, &pr);
			break;
		}
		codec_free(RT_PROPOSAL, &pr);
	}
	err_clear(e);
out:
	u64_list_free(&ids);
	return rc;
}

struct pick {
	uint64_t found, last;
	int bad;
	struct err e;
};

static int
pick_open_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct pick *pk = arg;
	struct proposal pr;
	int open;

	if (codec_decode(RT_PROPOSAL, data, len, &pr, &pk->e) != 0) {
		pk->bad = 1;
		return 1;
	}
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

int
hub_proposal_current(struct hub_rd *r, uint64_t *id, struct err *e)
{
	struct store_txn *t;
	struct meeting m;
	struct pick pk;
	int rc;

	*id = 0;
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	rc = hub_meeting_open_get(t, &m, e);
	if (rc == 0) {
		if (m.current_tension)
			rc = hub_tension_proposal(r, m.current_tension, id, e);
		codec_free(RT_MEETING, &m);
		if (rc != 0 || *id != 0)
			return rc;
	} else if (rc != ERR_NOTFOUND)
		return rc;
	err_clear(e);
	memset(&pk, 0, sizeof pk);
	if ((rc = store_scan(t, RT_PROPOSAL, 0, 1, pick_open_cb, &pk, e)) != 0)
		return rc;
	if (pk.bad) {
		*e = pk.e;
		return ERR_SYSTEM;
	}
	*id = pk.found ? pk.found : pk.last;
	return 0;
}

/* ---- the list ---- */

struct plist {
	struct store_txn *t;
	int flags;
	size_t limit, n;
	uint64_t after, last, more;
	hub_proposal_cb cb;
	void *arg;
	int bad, stopped;
	struct err e;
};

static int
plist_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct plist *pl = arg;
	struct hub_proposal_row row;
	struct proposal p;
	int stop = 0;

	if (id <= pl->after)
		return 0;
	if (codec_decode(RT_PROPOSAL, data, len, &p, &pl->e) != 0) {
		pl->bad = 1;
		return 1;
	}
	if ((pl->flags & HUB_PROPOSALS_OPEN) && p.status != PS_OPEN)
		goto out;
	if (pl->limit && pl->n == pl->limit) {
		pl->more = 1;
		stop = 1;
		goto out;
	}
	memset(&row, 0, sizeof row);
	row.id = id;
	row.tension = p.tension;
	row.meeting = p.meeting;
	row.status = (int)p.status;
	row.closes = p.closes;
	row.versions = p.versions.n;
	row.unanimity = p.unanimity != 0;
	row.unanimity_req = (int)p.unanimity_req;
	hub_login_of(pl->t, p.supporter, row.supporter, sizeof row.supporter);
	row.text = p.versions.n ? p.versions.v[p.versions.n - 1] : "";
	pl->n++;
	pl->last = id;
	if (pl->cb(&row, pl->arg) != 0)
		pl->stopped = stop = 1;
out:
	codec_free(RT_PROPOSAL, &p);
	return stop;
}

int
hub_proposal_list(struct hub_rd *r, int flags, const char *after,
    size_t limit, hub_proposal_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct plist pl;
	int rc;

	memset(&pl, 0, sizeof pl);
	if ((pl.t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = hub_cursor_id(after, &pl.after, e)) != 0)
		return rc;
	hub_cursor_set(next, 0);
	pl.flags = flags;
	pl.limit = limit;
	pl.cb = cb;
	pl.arg = arg;
	rc = store_scan(pl.t, RT_PROPOSAL, pl.after, 0, plist_cb, &pl, e);
	if (rc == 0 && pl.bad) {
		*e = pl.e;
		rc = ERR_SYSTEM;
	}
	if (rc == 0 && pl.more && !pl.stopped)
		hub_cursor_set(next, pl.last);
	return rc;
}

/* ---- the one writer ---- */

static const char *
why_text(int why)
{
	switch (why) {
	case HUB_POS_OLDER: return _("on an older version: not counted");
	case HUB_POS_NOT_VOTER: return _("the member does not count "
	    "(disabled or not a member): not counted");
	case HUB_POS_SUPERSEDED: return _("superseded: not counted");
	default: return "";
	}
}

/* A position as a record of its list (JSON; muted in text). */
static void
vpos_emit(struct emit *em, const struct hub_vposition *x)
{
	emit_rec_begin(em, NULL);
	emit_str(em, "member|", x->login);
	if (x->hidden) {
		emit_bool(em, "hidden|", 1);
		emit_rec_end(em);
		return;
	}
	emit_str(em, "position|", model_position_name(x->kind));
	emit_str(em, "reason|", x->reason);
	emit_u64(em, "version|", x->version);
	emit_bool(em, "counted|", x->counted);
	emit_str(em, "why|", hub_pos_why_name(x->why));
	emit_time(em, "at|", x->at);
	emit_str(em, "by|", x->by[0] ? x->by : NULL);
	emit_rec_end(em);
}

/* A position's kind in the reader's language (JSON keeps the token). */
/* Stored text in a line: escaped for Markdown, sanitised in text. */
static void
etext_safe(struct emit *em, const char *s)
{
	char r[MAX_REASON + 64];

	if (em->fmt == EMIT_MD)
		emit_inline(em, s);
	else
		hv_text(em, "%s", util_safe(s, r, sizeof r));
}

/* The same position as a line of text (a bullet in Markdown). */
static void
vpos_text(struct emit *em, const struct hub_vposition *x, int history)
{
	char ts[32];

	hv_text(em, "%s", em->fmt == EMIT_MD ? "- " : "  ");
	etext_safe(em, x->login);
	/* The minutes (Markdown) speak the hub's language; proposal show
	 * keeps its words until the CLI's text is translated. */
	if (x->hidden) {
		hv_text(em, ": %s\n", em->fmt == EMIT_MD ?
		    _("hidden until closed") : "hidden until closed");
		return;
	}
	hv_text(em, ": %s", em->fmt == EMIT_MD ? hub_position_label(x->kind) :
	    model_position_name(x->kind));
	if (x->reason) {
		hv_text(em, " (");
		etext_safe(em, x->reason);
		hv_text(em, ")");
	}
	if (history)
		hv_text(em, _(" [version %llu, %s: superseded, not counted]"),
		    (unsigned long long)x->version, util_fmt_time(x->at, ts,
		    sizeof ts));
	else if (x->why == HUB_POS_OLDER)
		hv_text(em, _(" [on version %llu: not counted]"),
		    (unsigned long long)x->version);
	else if (x->why != HUB_POS_COUNTED)
		hv_text(em, " [%s]", why_text(x->why));
	if (x->by[0]) {
		hv_text(em, "%s", _(" (recorded by "));
		etext_safe(em, x->by);
		hv_text(em, ")");
	}
	hv_text(em, "\n");
}

static const char *
unanimity_req_text(int r)
{
	switch (r) {
	case UR_ASKED: return _("unanimity asked by the supporter, "
	    "awaiting the facilitator");
	case UR_GRANTED: return _("unanimity asked by the supporter, "
	    "granted by the facilitator");
	case UR_DECLINED: return _("unanimity asked by the supporter, "
	    "declined by the facilitator");
	default: return NULL;
	}
}

static void
emit_head(struct emit *em, const struct hub_proposal_view *v)
{
	char s[400], ts[32];
	uint64_t thr = v->threshold;

	hv_text(em, "proposal %llu on tension %llu: %s\n",
	    (unsigned long long)v->id, (unsigned long long)v->tension,
	    util_safe(v->tension_title, s, sizeof s));
	hv_text(em, "supporter: %s\n", util_safe(v->supporter, s, sizeof s));
	hv_text(em, "status:    %s", model_proposal_status_name(v->status));
	if (v->closes)
		hv_text(em, "; electronic round, closes %s",
		    util_fmt_time(v->closes, ts, sizeof ts));
	else
		hv_text(em, "; live in meeting %llu",
		    (unsigned long long)v->meeting);
	hv_text(em, "\nrule:      %s%s\n", v->unanimity ? "unanimity "
	    "required: 1 block rejects" : "2 blocks from distinct members "
	    "reject", v->hidden ? "; positions hidden until closed" : "");
	(void)thr;
	if (unanimity_req_text(v->unanimity_req))
		hv_text(em, _("request:   %s\n"),
		    unanimity_req_text(v->unanimity_req));
	emit_u64(em, "id|", v->id);
	emit_u64(em, "tension|", v->tension);
	emit_str(em, "supporter|", v->supporter[0] ? v->supporter : NULL);
	emit_str(em, "status|", model_proposal_status_name(v->status));
	emit_bool(em, "live|", v->closes == 0);
	emit_u64(em, "meeting|", v->meeting);
	emit_time(em, "closes|", v->closes);
	emit_bool(em, "unanimity|", v->unanimity);
	emit_str(em, "unanimity_request|", model_unanimity_req_name(
	    v->unanimity_req));
	emit_bool(em, "hidden|", v->hidden);
	emit_u64(em, "version|", v->versions.n);
	emit_strs(em, "versions|", &v->versions);
	for (size_t i = 0; i < v->versions.n; i++) {
		hv_text(em, "version %zu%s:\n", i + 1, i + 1 == v->versions.n ?
		    " (current)" : "");
		hv_text_block(em, v->versions.v[i], "  ", 1);
	}
}

void
hub_proposal_positions_emit(struct emit *em, const struct hub_proposal_view *v)
{
	int md = em->fmt == EMIT_MD;

	emit_list_begin(em, "positions|");
	for (size_t i = 0; i < v->npos; i++)
		vpos_emit(em, &v->pos[i]);
	emit_list_end(em);
	emit_list_begin(em, "history|");
	for (size_t i = 0; i < v->nhist; i++)
		vpos_emit(em, &v->hist[i]);
	emit_list_end(em);
	for (size_t i = 0; i < v->npos; i++)
		vpos_text(em, &v->pos[i], 0);
	if (v->npos == 0)
		hv_text(em, "%s%s\n", md ? "- " : "  ", _("none yet"));
	if (v->nhist > 0)
		hv_text(em, md ? "\n%s\n\n" : "%s\n",
		    _("history (not counted):"));
	for (size_t i = 0; i < v->nhist; i++)
		vpos_text(em, &v->hist[i], 1);
}

static void
emit_positions(struct emit *em, const struct hub_proposal_view *v)
{
	hv_text(em, "%s\n", _("positions:"));
	hub_proposal_positions_emit(em, v);
}

static void
emit_tally(struct emit *em, const struct hub_proposal_view *v)
{
	const struct tally *tl = &v->tally;
	uint64_t thr = v->threshold;

	if (v->masked) {
		emit_str(em, "tally|", NULL);
		hv_text(em, "tally:     hidden until closed (%llu answered)\n",
		    (unsigned long long)v->answered);
	} else {
		emit_rec_begin(em, "tally|");
		emit_u64(em, "approve", tl->approve);
		emit_u64(em, "alert", tl->alert);
		emit_u64(em, "withdraw", tl->withdraw);
		emit_u64(em, "block", tl->block);
		emit_u64(em, "blocks_to_reject", thr);
		emit_rec_end(em);
		hv_text(em, "tally:     %llu approve, %llu alert, %llu "
		    "withdraw, %llu block (%llu block%s reject%s; %llu so "
		    "far)\n", (unsigned long long)tl->approve,
		    (unsigned long long)tl->alert,
		    (unsigned long long)tl->withdraw,
		    (unsigned long long)tl->block, (unsigned long long)thr,
		    thr == 1 ? "" : "s", thr == 1 ? "s" : "",
		    (unsigned long long)tl->blockers);
	}
	emit_u64(em, "answered|", v->answered);
	emit_bool(em, "frozen|", v->frozen);
	if (v->frozen)
		hv_text(em, _("counted at the close: %llu answered; quorum "
		    "%llu of %llu, %llu needed (figures frozen at the "
		    "close)\n"), (unsigned long long)v->answered,
		    (unsigned long long)v->quorum.present,
		    (unsigned long long)v->quorum.members,
		    (unsigned long long)v->quorum.needed);
	if (v->if_closed >= 0)
		hv_text(em, "if closed now: %s\n",
		    model_outcome_name(v->if_closed));
}

static void
emit_tail(struct emit *em, const struct hub_proposal_view *v)
{
	char s[MAX_REASON + 64];

	emit_str(em, "outcome|", v->status == PS_OPEN ? NULL :
	    model_proposal_status_name(v->status));
	emit_str(em, "quorum|", v->close_note);
	emit_u64(em, "present|", v->quorum.present);
	emit_u64(em, "members|", v->quorum.members);
	emit_u64(em, "needed|", v->quorum.needed);
	emit_u64(em, "decision|", v->decision);
	emit_str(em, "decision_text|", v->decision_text);
	emit_str(em, "sages_answer|", v->sages_answer);
	emit_words(em, "blockers_agreed|", &v->blockers_agreed);
	if (v->status != PS_OPEN) {
		hv_text(em, "outcome:   %s", model_proposal_status_name(
		    v->status));
		if (v->close_note)
			hv_text(em, " (%s)", util_safe(v->close_note, s,
			    sizeof s));
		hv_text(em, "\n");
	}
	if (v->decision_text) {
		hv_text(em, "decision %llu:\n", (unsigned long long)
		    v->decision);
		hv_text_block(em, v->decision_text, "  ", 1);
	}
	if (v->status == PS_RETAINED && v->tally.block > 0)
		for (size_t i = 0; i < v->npos; i++)
			if (v->pos[i].counted && v->pos[i].kind == POS_BLOCK) {
				hv_text(em, "block on record (below the "
				    "threshold): %s", util_safe(
				    v->pos[i].login, s, sizeof s));
				hv_text(em, ": %s\n", util_safe(
				    v->pos[i].reason ? v->pos[i].reason : "",
				    s, sizeof s));
			}
	if (v->status == PS_REJECTED) {
		hv_text(em, "blockers agreed to adjourn: ");
		for (size_t i = 0; i < v->blockers_agreed.n; i++)
			hv_text(em, "%s%s", i ? ", " : "", util_safe(
			    v->blockers_agreed.v[i], s, sizeof s));
		hv_text(em, "%s\n", v->blockers_agreed.n ? "" : "-");
	}
	if (v->status == PS_ESCALATED) {
		hv_text(em, "sages:     ");
		if (v->sages_answer) {
			hv_text(em, "\n");
			hv_text_block(em, v->sages_answer, "  ", 1);
		} else
			hv_text(em, "answer awaited\n");
	}
}

void
hub_proposal_emit(struct emit *em, const struct hub_proposal_view *v)
{
	emit_head(em, v);
	emit_positions(em, v);
	emit_tally(em, v);
	emit_tail(em, v);
}

void
hub_proposal_row_emit(struct emit *em, const struct hub_proposal_row *p)
{
	char s[200], ts[32];

	hv_text(em, "#%-4llu tension %-4llu %-11s ", (unsigned long long)p->id,
	    (unsigned long long)p->tension, model_proposal_status_name(
	    p->status));
	if (p->closes)
		hv_text(em, "closes %s  ", util_fmt_time(p->closes, ts,
		    sizeof ts));
	else
		hv_text(em, "meeting %llu  ", (unsigned long long)p->meeting);
	if (p->unanimity_req == UR_ASKED)
		hv_text(em, "%s ", _("[unanimity asked]"));
	hv_text(em, "%s", util_safe(p->text ? p->text : "", s, sizeof s));
	emit_u64(em, "id|", p->id);
	emit_u64(em, "tension|", p->tension);
	emit_str(em, "status|", model_proposal_status_name(p->status));
	emit_bool(em, "live|", p->closes == 0);
	emit_u64(em, "meeting|", p->meeting);
	emit_time(em, "closes|", p->closes);
	emit_u64(em, "versions|", p->versions);
	emit_str(em, "supporter|", p->supporter[0] ? p->supporter : NULL);
	emit_bool(em, "unanimity|", p->unanimity);
	emit_str(em, "unanimity_request|", model_unanimity_req_name(
	    p->unanimity_req));
	emit_str(em, "text|", p->text);
}
