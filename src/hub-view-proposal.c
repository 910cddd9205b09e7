/* hub-view-proposal.c: a proposal as one viewer may see it (versions,
 * positions, tally or "hidden", threshold, quorum, acts) and the lists of
 * proposals. Must not write or print; copies what it keeps. */
#include "hub-view-int.h"
#include "hub-gov-int.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hub_proposal_view_free(struct hub_proposal_view *v)
{
	for (size_t i = 0; i < v->npos; i++)
		free(v->pos[i].reason);
	free(v->pos);
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
		if (ps->v[i].version == p->versions.n &&
		    ps->v[i].kind == POS_BLOCK && ps->v[i].member == who->id &&
		    who->id != 0)
			blocker = 1;
	rc = p->status != PS_REJECTED ? err_set(&e, ERR_REFUSED, "proposal "
	    "%llu is %s: only a rejected proposal may be adjourned",
	    (unsigned long long)p->id, model_proposal_status_name(
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
		    model_proposal_status_name((int)p->status));
	view_act(a, HUB_ACT_ADJOURN, rc, &e);
	rc = hub_role_check(who, ROLE_FACILITATOR, "escalate a proposal", &e);
	if (rc == 0 && p->status != PS_REJECTED)
		rc = err_set(&e, ERR_REFUSED, "proposal %llu is %s: only a "
		    "rejected proposal may be escalated",
		    (unsigned long long)p->id,
		    model_proposal_status_name((int)p->status));
	view_act(a, HUB_ACT_ESCALATE, rc, &e);
	rc = hub_role_check(who, ROLE_SAGE, "answer for the sages", &e);
	if (rc == 0 && p->status != PS_ESCALATED)
		rc = err_set(&e, ERR_REFUSED, "proposal %llu is %s: the "
		    "sages answer only escalated proposals",
		    (unsigned long long)p->id,
		    model_proposal_status_name((int)p->status));
	else if (rc == 0 && p->sages_answer != NULL)
		rc = err_set(&e, ERR_REFUSED, "the sages already answered "
		    "proposal %llu", (unsigned long long)p->id);
	view_act(a, HUB_ACT_ANSWER, rc, &e);
}

static void
positions_fill(struct hub_proposal_view *v, struct store_txn *t,
    const struct proposal *p, const struct hub_positions *ps, uint64_t me)
{
	v->pos = xcalloc(ps->n ? ps->n : 1, sizeof *v->pos);
	for (size_t i = 0; i < ps->n; i++) {
		const struct position *x = &ps->v[i];
		struct hub_vposition *y = &v->pos[v->npos++];

		y->member = x->member;
		hub_login_of(t, x->member, y->login, sizeof y->login);
		y->version = x->version;
		y->counted = x->version == p->versions.n;
		/* The veil: a hidden round shows each member only their
		 * own position until the facilitator closes it. */
		y->hidden = v->masked && (me == 0 || x->member != me);
		y->kind = y->hidden ? -1 : (int)x->kind;
		y->reason = y->hidden ? NULL : dup_or_null(x->reason);
		if (me != 0 && x->member == me) {
			v->mine = (int)x->kind;
			v->mine_version = x->version;
		}
	}
}

/* The quorum a round is held to: its meeting's, or the answers of an
 * electronic round against the voting members now. */
static int
round_quorum(struct hub_proposal_view *v, struct store_txn *t,
    const struct proposal *p, const struct meeting *m,
    const struct hub_positions *ps, uint64_t *answered, struct err *e)
{
	int rc;

	*answered = 0;
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
