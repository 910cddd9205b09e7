/* hub-proposal.c: proposals, positions and the outcome of a consent
 * round; adjourn, escalate and the sages; the watch rule; actions.
 * Must not print: every operation is one write transaction via hub_run. */
#include "hub.h"
#include "hub-batch.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- proposals ---- */

struct prop_arg {
	uint64_t id, tension;
	const char *text;
	int unanimity, hidden, kind;
	int64_t closes, review;	/* review: the decision's, if retained */
	struct hub_close *res;
	char summary[200];	/* outlives the journal entries written */
};

/* Run an operation that needs nothing but the proposal's id. */
static int
prop_run(struct hub *h, struct actor *who, const char *op,
    const char *summary, hub_op_fn fn, uint64_t id, struct err *e)
{
	struct prop_arg a;

	memset(&a, 0, sizeof a);
	a.id = id;
	return hub_run(h, who, op, summary, fn, &a, e);
}

/* What a new proposal on tension t needs: the operation's checks, and
 * the agenda's act before any text is typed (hub_propose_check). Live
 * (closes 0) it needs the open meeting, which is left in m (*have_m). */
static int
propose_check(struct hub_ctx *c, const struct tension *t, int64_t closes,
    struct meeting *m, int *have_m)
{
	struct gov_pending f;
	int rc;

	*have_m = 0;
	if (!model_tension_on_agenda((int)t->status))
		return err_set(c->e, ERR_REFUSED, "tension %llu is %s: it "
		    "takes no more proposals", (unsigned long long)t->id,
		    hub_tension_status_label((int)t->status));
	if ((rc = gov_proposal_pending(c, t->id, &f)) != 0)
		return rc;
	if (f.open)
		return err_set(c->e, ERR_REFUSED, "proposal %llu is already "
		    "open on tension %llu", (unsigned long long)f.open,
		    (unsigned long long)t->id);
	if (f.rejected)
		return err_set(c->e, ERR_REFUSED, "proposal %llu on tension "
		    "%llu is rejected: it is adjourned or escalated first",
		    (unsigned long long)f.rejected, (unsigned long long)t->id);
	if (closes != 0) {
		if (closes <= util_now())
			return err_set(c->e, ERR_REFUSED, "the closing date "
			    "is already past");
		return 0;
	}
	rc = hub_meeting_open_get(c->t, m, c->e);
	if (rc == ERR_NOTFOUND)
		return err_set(c->e, ERR_REFUSED, "no meeting is open: a live "
		    "proposal needs one (or give --closes DATE for an "
		    "electronic round)");
	if (rc != 0)
		return rc;
	*have_m = 1;
	if (m->current_tension != t->id)
		return err_set(c->e, ERR_REFUSED, "tension %llu is not taken "
		    "up in meeting %llu: the facilitator takes it up first",
		    (unsigned long long)t->id, (unsigned long long)m->id);
	if (!hub_meeting_is_present(m, c->who->id))
		return err_set(c->e, ERR_REFUSED, "%s is not present in "
		    "meeting %llu", c->who->label, (unsigned long long)m->id);
	return 0;
}

int
hub_propose_check(struct hub_rd *r, uint64_t tension, struct err *e)
{
	struct hub_ctx c;
	struct tension t;
	struct meeting m;
	struct actor who = *hub_rd_viewer(r);
	int rc, have_m = 0, open;

	memset(&c, 0, sizeof c);
	if ((c.t = hub_rd_live(r, e)) == NULL)
		return e->code;
	c.who = &who;
	c.e = e;
	if ((rc = gov_require_voter(&c, "carry a proposal")) != 0)
		return rc;
	if ((rc = store_get(c.t, RT_TENSION, tension, &t, e)) != 0)
		return gov_refused_notfound(&c, rc, "tension", tension);
	/* As the agenda makes it: live in the open meeting, else an
	 * electronic round (a week). */
	open = hub_meeting_open_get(c.t, &m, e) == 0;
	if (open)
		codec_free(RT_MEETING, &m);
	err_clear(e);
	rc = propose_check(&c, &t, open ? 0 : util_now() + 86400, &m, &have_m);
	if (have_m)
		codec_free(RT_MEETING, &m);
	codec_free(RT_TENSION, &t);
	return rc;
}

static int
op_proposal_add(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct proposal p;
	struct tension t;
	struct meeting m;
	uint64_t id;
	int rc, have_m = 0;

	if ((rc = gov_require_voter(c, "carry a proposal")) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_TENSION, a->tension, &t, c->e)) != 0)
		return gov_refused_notfound(c, rc, "tension", a->tension);
	memset(&m, 0, sizeof m);
	if ((rc = propose_check(c, &t, a->closes, &m, &have_m)) != 0)
		goto out;
	if ((rc = gov_tension_set_status(c, &t, TS_PROCESS)) != 0)
		goto out;
	if ((rc = store_put(c->t, RT_TENSION, t.id, &t, c->e)) != 0)
		goto out;
	if ((rc = store_next_id(c->t, RT_PROPOSAL, &id, c->e)) != 0)
		goto out;
	memset(&p, 0, sizeof p);
	p.tension = t.id;
	p.supporter = c->who->id;
	str_list_push(&p.versions, a->text);
	/* Only the facilitator requires unanimity; the supporter who is
	 * not the facilitator asks for it, and the facilitator grants or
	 * declines (DOMAIN.md §1, "discussed beforehand"). */
	if (a->unanimity && (c->who->roles & ROLE_FACILITATOR))
		p.unanimity = 1;
	else if (a->unanimity)
		p.unanimity_req = UR_ASKED;
	p.hidden = a->hidden ? 1 : 0;
	p.closes = a->closes;
	p.meeting = have_m ? m.id : 0;
	p.status = PS_OPEN;
	p.created = util_now();
	a->id = id;
	rc = store_put(c->t, RT_PROPOSAL, id, &p, c->e);
	str_list_free(&p.versions);
out:
	if (have_m)
		codec_free(RT_MEETING, &m);
	codec_free(RT_TENSION, &t);
	return rc;
}

static int
proposal_text_check(const char *text, struct err *e)
{
	if (text == NULL || text[0] == '\0')
		return err_set(e, ERR_USAGE, "the proposal text is empty "
		    "(--text)");
	return text_check("proposal text", text, MAX_TEXT, 1, e);
}

int
hub_proposal_add(struct hub *h, struct actor *who, uint64_t tension,
    const char *text, int unanimity, int64_t closes, int hidden,
    uint64_t *id, struct err *e)
{
	struct prop_arg a;

	memset(&a, 0, sizeof a);
	a.tension = tension;
	a.text = text;
	a.unanimity = unanimity;
	a.closes = closes;
	a.hidden = hidden;
	if (proposal_text_check(text, e) != 0)
		return e->code;
	if (closes < 0)
		return err_set(e, ERR_USAGE, "the closing date is not valid");
	if (hub_run(h, who, "proposal.add", text, op_proposal_add, &a, e) != 0)
		return e->code;
	if (id)
		*id = a.id;
	return 0;
}

/* Load a proposal, refused if missing. */
static int
load_proposal(struct hub_ctx *c, uint64_t id, struct proposal *p)
{
	return gov_refused_notfound(c, store_get(c->t, RT_PROPOSAL, id, p, c->e),
	    "proposal", id);
}

static int
refuse_closed(struct hub_ctx *c, const struct proposal *p)
{
	return err_set(c->e, ERR_REFUSED, "round closed: proposal %llu is "
	    "%s", (unsigned long long)p->id,
	    hub_proposal_status_label((int)p->status));
}

static int
op_proposal_amend(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct proposal p;
	char who[64];
	int rc;

	if ((rc = load_proposal(c, a->id, &p)) != 0)
		return rc;
	if ((rc = gov_check_amend(c->who, &p, gov_login_of(c, p.supporter,
	    who, sizeof who), util_now(), c->e)) != 0)
		;
	else if (p.versions.n > 0 &&
	    strcmp(p.versions.v[p.versions.n - 1], a->text) == 0)
		rc = err_set(c->e, ERR_REFUSED, "this text is already the "
		    "current version");
	else {
		str_list_push(&p.versions, a->text);
		rc = store_put(c->t, RT_PROPOSAL, p.id, &p, c->e);
	}
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

int
hub_proposal_amend(struct hub *h, struct actor *who, uint64_t id,
    const char *text, struct err *e)
{
	struct prop_arg a;

	memset(&a, 0, sizeof a);
	a.id = id;
	a.text = text;
	if (proposal_text_check(text, e) != 0)
		return e->code;
	return hub_run(h, who, "proposal.amend", text, op_proposal_amend, &a,
	    e);
}

static int
stop_at_first(uint64_t id, void *arg)
{
	*(uint64_t *)arg = id;
	return 1;
}

/* The member's last position record on a proposal (IX_POSITION_KEY, the
 * newest id first): 0 and *mine filled, ERR_NOTFOUND, or an error. */
static int
last_position(struct hub_ctx *c, uint64_t proposal, uint64_t member,
    struct position *mine)
{
	uint8_t k[16];
	uint64_t id = 0;
	int rc;

	store_be64(proposal, k);
	store_be64(member, k + 8);
	rc = store_ix_scan(c->t, IX_POSITION_KEY, k, sizeof k, 0, 1,
	    stop_at_first, &id, c->e);
	if (rc != 0)
		return rc;
	if (id == 0)
		return ERR_NOTFOUND;
	return store_get(c->t, RT_POSITION, id, mine, c->e);
}

static int
op_position(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct proposal p;
	struct position pos, last, *mine = NULL;
	struct meeting m;
	uint64_t id;
	int rc;

	if ((rc = load_proposal(c, a->id, &p)) != 0)
		return rc;
	/* The journal is read by everyone: a hidden round's entry does not
	 * say which position was taken. */
	if (p.hidden) {
		snprintf(a->summary, sizeof a->summary, "position on "
		    "proposal %llu (hidden until closed)",
		    (unsigned long long)p.id);
		hub_set_summary(c, a->summary);
	}
	memset(&m, 0, sizeof m);
	if (p.status == PS_OPEN && p.closes == 0 &&
	    (rc = store_get(c->t, RT_MEETING, p.meeting, &m, c->e)) != 0)
		goto out;
	rc = gov_check_position(c->who, &p, p.closes == 0 ? &m : NULL,
	    util_now(), c->e);
	codec_free(RT_MEETING, &m);
	if (rc != 0)
		goto out;
	/* One lookup, not the whole round: a long round keeps every
	 * change (thousands of records). */
	memset(&last, 0, sizeof last);
	rc = last_position(c, p.id, c->who->id, &last);
	if (rc == 0)
		mine = &last;
	else if (rc != ERR_NOTFOUND)
		goto out;
	err_clear(c->e);
	rc = 0;
	if (mine != NULL && mine->version == p.versions.n &&
	    (int)mine->kind == a->kind && ((mine->reason == NULL &&
	    a->text == NULL) || (mine->reason && a->text &&
	    strcmp(mine->reason, a->text) == 0))) {
		rc = err_set(c->e, ERR_REFUSED, "%s already holds this "
		    "position on proposal %llu", c->who->label,
		    (unsigned long long)p.id);
		goto out;
	}
	/* Every change is its own record: the one it replaces stays on
	 * record, marked superseded. */
	memset(&pos, 0, sizeof pos);
	pos.proposal = p.id;
	pos.member = c->who->id;
	pos.version = p.versions.n;
	pos.kind = (uint64_t)a->kind;
	pos.reason = (char *)a->text;
	pos.created = pos.updated = util_now();
	pos.by = c->who->id;
	if ((rc = store_next_id(c->t, RT_POSITION, &id, c->e)) != 0)
		goto out;
	rc = store_put(c->t, RT_POSITION, id, &pos, c->e);
out:
	if (mine != NULL)
		codec_free(RT_POSITION, &last);
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

/* Group commit (hub-batch.c): a position, as a request. */
static void
position_enc(const void *argp, struct bq_enc *pk)
{
	const struct prop_arg *a = argp;

	bq_array(pk, 3);
	bq_u64(pk, a->id);
	bq_u64(pk, (uint64_t)a->kind);
	bq_str(pk, a->text);
}

static int
position_dec(struct bq_dec *d, void *argp)
{
	struct prop_arg *a = argp;
	uint64_t kind;

	a->id = bd_u64(d);
	kind = bd_u64(d);
	a->text = bd_str(d);
	if (kind >= POS__COUNT)
		return -1;
	a->kind = (int)kind;
	return 0;
}

const struct hub_bop hub_bop_position = {
	BOP_POSITION, op_position, sizeof(struct prop_arg), position_enc,
	position_dec, NULL, NULL
};

int
hub_position_set(struct hub *h, struct actor *who, uint64_t proposal,
    int kind, const char *reason, struct err *e)
{
	struct prop_arg a;
	char s[80];

	memset(&a, 0, sizeof a);
	a.id = proposal;
	a.kind = kind;
	if (reason != NULL && reason[0] == '\0')
		reason = NULL;
	a.text = reason;
	if (kind < 0 || kind >= POS__COUNT)
		return err_set(e, ERR_USAGE, "a position is approve, alert, "
		    "withdraw or block");
	if (text_check("reason", reason, MAX_REASON, 1, e) != 0)
		return e->code;
	/* A rule, not a typo: refused (2) like the other rules. */
	if ((kind == POS_ALERT || kind == POS_BLOCK) && reason == NULL)
		return err_set(e, ERR_REFUSED, "%s needs a reason (--reason)",
		    kind == POS_ALERT ? "an alert" : "a block");
	snprintf(s, sizeof s, "%s on proposal %llu", model_position_name(kind),
	    (unsigned long long)proposal);
	return hub_run_batch(h, who, &hub_bop_position, "position", s, &a, e);
}

/* Retained: the decision text is the current version plus every alert. */
enum { NOTE_PRESENT, NOTE_ANSWERED, NOTE_NO_QUORUM };

/* A round's close note ("5 of 6 present, 4 needed"), in the current
 * language; q: present or answered, members, needed. */
static void
close_note(char *out, size_t n, int kind, const uint64_t q[3])
{
	const char *f = kind == NOTE_PRESENT ? ngettext("%llu of %llu "
	    "present, %llu needed", "%llu of %llu present, %llu needed",
	    q[0]) : kind == NOTE_ANSWERED ? ngettext("%llu of %llu answered, "
	    "%llu needed", "%llu of %llu answered, %llu needed", q[0]) :
	    ngettext("quorum not reached: %llu of %llu answered, %llu needed",
	    "quorum not reached: %llu of %llu answered, %llu needed", q[0]);

	snprintf(out, n, f, (unsigned long long)q[0], (unsigned long long)q[1],
	    (unsigned long long)q[2]);
}

static int
make_decision(struct hub_ctx *c, struct proposal *p,
    const struct hub_positions *ps, int64_t review, uint64_t *out)
{
	struct decision d;
	struct buf b = { 0 };
	char who[64];
	uint64_t id;
	int rc, first = 1;

	/* The stored text is in the hub's language, whoever closes. */
	if ((rc = hub_push_lang(c)) != 0)
		return rc;
	buf_puts(&b, p->versions.v[p->versions.n - 1]);
	for (size_t i = 0; i < ps->n; i++) {
		const struct position *x = &ps->v[i];
		if (!ps->vcounts[i] || x->kind != POS_ALERT)
			continue;
		if (first)
			buf_printf(&b, "\n\n%s", _("Alerts:"));
		first = 0;
		buf_printf(&b, _("\n- %s: %s"), gov_login_of(c, x->member,
		    who, sizeof who), x->reason ? x->reason : "");
	}
	i18n_pop_lang();
	if ((rc = store_next_id(c->t, RT_DECISION, &id, c->e)) != 0)
		goto out;
	memset(&d, 0, sizeof d);
	d.proposal = p->id;
	d.tension = p->tension;
	d.meeting = p->meeting;
	d.text = b.p;
	d.decided = util_now();
	d.review = review;
	if ((rc = store_put(c->t, RT_DECISION, id, &d, c->e)) != 0)
		goto out;
	str_replace(&p->decision_text, b.p);
	p->decision = id;
	*out = id;
out:
	buf_free(&b);
	return rc;
}

/* The watch rule: add what this closed round used to each member's
 * counters (model_watch_uses), whether or not the member counted. */
static int
watch_count(struct hub_ctx *c, const struct proposal *p,
    const struct hub_positions *ps)
{
	struct member m;
	uint64_t b, w;
	int rc = 0;

	for (size_t i = 0; i < ps->n && rc == 0; i++) {
		model_watch_uses(ps->all, ps->nall, p->versions.n,
		    ps->v[i].member, &b, &w);
		if (b == 0 && w == 0)
			continue;
		rc = store_get(c->t, RT_MEMBER, ps->v[i].member, &m, c->e);
		if (rc == ERR_NOTFOUND) {
			rc = 0;
			err_clear(c->e);
			continue;
		}
		if (rc != 0)
			break;
		m.watch_blocks += b;
		m.watch_withdrawals += w;
		rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
		codec_free(RT_MEMBER, &m);
	}
	return rc;
}

/* Freeze the figures of the round as they are at its close. */
static void
freeze(struct proposal *p, const struct hub_positions *ps,
    const struct tally *tl, uint64_t present, uint64_t members,
    uint64_t needed)
{
	p->frozen = 1;
	p->c_approve = tl->approve;
	p->c_alert = tl->alert;
	p->c_withdraw = tl->withdraw;
	p->c_block = tl->block;
	p->c_blockers = tl->blockers;
	p->c_present = present;
	p->c_members = members;
	p->c_needed = needed;
	u64_list_free(&p->counted);
	for (size_t i = 0; i < ps->n; i++)
		if (ps->vcounts[i])
			u64_list_push(&p->counted, ps->v[i].id);
}

static int
op_proposal_close(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct hub_close *r = a->res;
	struct hub_positions ps = { 0 };
	struct proposal p;
	struct tension t;
	struct meeting m;
	struct tally tl;
	struct hub_quorum qm;
	uint64_t voters, answered, q, nq[3] = { 0, 0, 0 };
	int rc, counted = 1, note_kind = NOTE_PRESENT;
	char stored[sizeof r->note], en[sizeof r->note];

	memset(&t, 0, sizeof t);
	memset(r, 0, sizeof *r);
	if ((rc = hub_require(c, ROLE_FACILITATOR, "close a round")) != 0)
		return rc;
	if ((rc = load_proposal(c, a->id, &p)) != 0)
		return rc;
	if (p.status != PS_OPEN) {
		rc = refuse_closed(c, &p);
		goto out;
	}
	if ((rc = hub_positions_load(c->t, p.id, &ps, c->e)) != 0)
		goto out;
	hub_proposal_tally(&p, &ps, &tl);
	answered = tl.approve + tl.alert + tl.withdraw + tl.block;
	if (p.closes == 0) {
		if ((rc = store_get(c->t, RT_MEETING, p.meeting, &m,
		    c->e)) != 0)
			goto out;
		memset(&qm, 0, sizeof qm);
		if (m.status == MS_OPEN)
			rc = hub_meeting_quorum(c->t, &m, &qm, c->e);
		if (rc != 0)
			;	/* a storage error */
		else if ((rc = gov_check_close(c->who, &p, &m, &qm, 0, 0,
		    util_now(), c->e)) != 0)
			;	/* refused */
		else {
			note_kind = NOTE_PRESENT;
			nq[0] = qm.present;
			nq[1] = qm.members;
			nq[2] = qm.needed;
			freeze(&p, &ps, &tl, qm.present, qm.members,
			    qm.needed);
		}
		codec_free(RT_MEETING, &m);
		if (rc != 0)
			goto out;
	} else {
		if ((rc = hub_voters_count(c->t, &voters, c->e)) != 0 ||
		    (rc = hub_proposal_answered(c->t, &p, &ps, &answered,
		    c->e)) != 0)
			goto out;
		q = model_quorum(voters);
		if ((rc = gov_check_close(c->who, &p, NULL, NULL, answered,
		    voters, util_now(), c->e)) != 0)
			goto out;
		freeze(&p, &ps, &tl, answered, voters, q);
		counted = model_quorum_met(answered, voters);
		note_kind = counted ? NOTE_ANSWERED : NOTE_NO_QUORUM;
		nq[0] = answered;
		nq[1] = voters;
		nq[2] = q;
	}
	/* The note: in the reader's language for the reply, in the hub's
	 * for the record (whoever closes). */
	close_note(r->note, sizeof r->note, note_kind, nq);
	if ((rc = hub_push_lang(c)) != 0)
		goto out;
	close_note(stored, sizeof stored, note_kind, nq);
	i18n_pop_lang();
	r->outcome = counted ? model_outcome(&tl, (int)p.unanimity) :
	    OUT_NO_DECISION;
	/* The journal's summary is English, as every summary (the
	 * interface says it in the reader's words). */
	i18n_push_lang("en");
	close_note(en, sizeof en, note_kind, nq);
	i18n_pop_lang();
	snprintf(a->summary, sizeof a->summary, "proposal %llu %s (%s)",
	    (unsigned long long)p.id, model_outcome_name(r->outcome), en);
	hub_set_summary(c, a->summary);
	if ((rc = store_get(c->t, RT_TENSION, p.tension, &t, c->e)) != 0)
		goto out;
	switch (r->outcome) {
	case OUT_RETAINED:
		p.status = PS_RETAINED;
		rc = make_decision(c, &p, &ps, a->review, &r->decision);
		if (rc == 0)
			rc = gov_tension_set_status(c, &t, TS_DECIDED);
		break;
	case OUT_REJECTED:
		/* The tension stays in process until adjourned or
		 * escalated. */
		p.status = PS_REJECTED;
		break;
	default:
		p.status = PS_NO_DECISION;
		rc = gov_tension_set_status(c, &t, TS_AGENDA);
		break;
	}
	if (rc != 0)
		goto out;
	/* Every round that closed counts for the watch rule, counted or
	 * not: a block was used all the same. */
	(void)counted;
	if ((rc = watch_count(c, &p, &ps)) != 0)
		goto out;
	p.closed_at = util_now();
	str_replace(&p.close_note, stored);
	if ((rc = store_put(c->t, RT_TENSION, t.id, &t, c->e)) == 0)
		rc = store_put(c->t, RT_PROPOSAL, p.id, &p, c->e);
out:
	codec_free(RT_TENSION, &t);
	hub_positions_free(&ps);
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

int
hub_proposal_close(struct hub *h, struct actor *who, uint64_t id,
    struct hub_close *out, struct err *e)
{
	return hub_proposal_close_review(h, who, id, 0, out, e);
}

int
hub_proposal_close_review(struct hub *h, struct actor *who, uint64_t id,
    int64_t review, struct hub_close *out, struct err *e)
{
	struct prop_arg a;
	struct hub_close r;

	if (review < 0)
		return err_set(e, ERR_USAGE, _("a review date is needed"));
	memset(&a, 0, sizeof a);
	a.id = id;
	a.review = review;
	a.res = &r;
	if (hub_run(h, who, "proposal.close", NULL, op_proposal_close, &a,
	    e) != 0)
		return e->code;
	if (out)
		*out = r;
	return 0;
}

static int
op_proposal_unanimity(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct proposal p;
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR, a->kind ? "decline "
	    "unanimity" : "require unanimity")) != 0)
		return rc;
	if ((rc = load_proposal(c, a->id, &p)) != 0)
		return rc;
	if (p.status != PS_OPEN)
		rc = refuse_closed(c, &p);
	else if (a->kind && p.unanimity_req != UR_ASKED)
		rc = err_set(c->e, ERR_REFUSED, _("nobody asked for "
		    "unanimity on proposal %llu (or it was answered)"),
		    (unsigned long long)p.id);
	else if (p.unanimity)
		rc = err_set(c->e, ERR_REFUSED, "proposal %llu already "
		    "requires unanimity", (unsigned long long)p.id);
	else {
		if (a->kind)
			p.unanimity_req = UR_DECLINED;
		else {
			p.unanimity = 1;
			if (p.unanimity_req == UR_ASKED)
				p.unanimity_req = UR_GRANTED;
		}
		rc = store_put(c->t, RT_PROPOSAL, p.id, &p, c->e);
	}
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

int
hub_proposal_unanimity(struct hub *h, struct actor *who, uint64_t id,
    struct err *e)
{
	return prop_run(h, who, "proposal.unanimity", "unanimity required", op_proposal_unanimity, id, e);
}

int
hub_proposal_unanimity_decline(struct hub *h, struct actor *who,
    uint64_t id, struct err *e)
{
	struct prop_arg a;

	memset(&a, 0, sizeof a);
	a.id = id;
	a.kind = 1;
	return hub_run(h, who, "proposal.unanimity", "unanimity declined",
	    op_proposal_unanimity, &a, e);
}

/* Blockers of the current version of a rejected proposal. */
static void
blockers_of(const struct proposal *p, const struct hub_positions *ps,
    struct u64_list *out)
{
	(void)p;
	for (size_t i = 0; i < ps->n; i++)
		if (ps->vcounts[i] && ps->v[i].kind == POS_BLOCK)
			u64_list_push(out, ps->v[i].member);
}

static int
refuse_not_rejected(struct hub_ctx *c, const struct proposal *p,
    const char *what)
{
	return err_set(c->e, ERR_REFUSED, "proposal %llu is %s: only a "
	    "rejected proposal may be %s", (unsigned long long)p->id,
	    hub_proposal_status_label((int)p->status), gettext(what));
}

static int
op_proposal_ack(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct hub_positions ps = { 0 };
	struct u64_list bl = { 0 };
	struct proposal p;
	int rc;

	if ((rc = load_proposal(c, a->id, &p)) != 0)
		return rc;
	if (p.status != PS_REJECTED) {
		rc = refuse_not_rejected(c, &p, N_("adjourned"));
		goto out;
	}
	if ((rc = hub_positions_load(c->t, p.id, &ps, c->e)) != 0)
		goto out;
	blockers_of(&p, &ps, &bl);
	if (!u64_list_has(&bl, c->who->id))
		rc = err_set(c->e, ERR_REFUSED, "%s did not block proposal "
		    "%llu: only its blockers agree to adjourn it",
		    c->who->label, (unsigned long long)p.id);
	else if (u64_list_has(&p.blockers_ack, c->who->id))
		rc = err_set(c->e, ERR_REFUSED, "%s already agreed to "
		    "adjourn proposal %llu", c->who->label,
		    (unsigned long long)p.id);
	else {
		u64_list_push(&p.blockers_ack, c->who->id);
		rc = store_put(c->t, RT_PROPOSAL, p.id, &p, c->e);
	}
out:
	u64_list_free(&bl);
	hub_positions_free(&ps);
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

int
hub_proposal_ack(struct hub *h, struct actor *who, uint64_t id,
    struct err *e)
{
	return prop_run(h, who, "proposal.ack", NULL, op_proposal_ack, id, e);
}

static int
op_proposal_adjourn(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct hub_positions ps = { 0 };
	struct u64_list bl = { 0 };
	struct proposal p;
	struct tension t;
	struct buf w = { 0 };
	char who[64];
	int rc;

	memset(&t, 0, sizeof t);
	if ((rc = hub_require(c, ROLE_FACILITATOR, "adjourn a proposal")) != 0)
		return rc;
	if ((rc = load_proposal(c, a->id, &p)) != 0)
		return rc;
	if (p.status != PS_REJECTED) {
		rc = refuse_not_rejected(c, &p, N_("adjourned"));
		goto out;
	}
	if ((rc = hub_positions_load(c->t, p.id, &ps, c->e)) != 0)
		goto out;
	blockers_of(&p, &ps, &bl);
	for (size_t i = 0; i < bl.n; i++)
		if (!u64_list_has(&p.blockers_ack, bl.v[i]))
			buf_printf(&w, "%s%s", w.len ? ", " : "",
			    gov_login_of(c, bl.v[i], who, sizeof who));
	if (w.len > 0) {
		rc = err_set(c->e, ERR_REFUSED, "proposal %llu: waiting for "
		    "%s to agree to adjourn; or escalate it",
		    (unsigned long long)p.id, w.p);
		goto out;
	}
	if ((rc = store_get(c->t, RT_TENSION, p.tension, &t, c->e)) != 0)
		goto out;
	for (size_t i = 0; i < ps.n; i++) {
		struct buf r = { 0 };
		if (!ps.vcounts[i] || ps.v[i].kind != POS_BLOCK)
			continue;
		buf_printf(&r, "%s (proposal %llu): %s", gov_login_of(c,
		    ps.v[i].member, who, sizeof who), (unsigned long long)p.id,
		    ps.v[i].reason ? ps.v[i].reason : "");
		str_list_push(&t.blocker_reasons, r.p);
		buf_free(&r);
	}
	if ((rc = gov_tension_set_status(c, &t, TS_ADJOURNED)) != 0)
		goto out;
	p.status = PS_ADJOURNED;
	if ((rc = store_put(c->t, RT_TENSION, t.id, &t, c->e)) == 0)
		rc = store_put(c->t, RT_PROPOSAL, p.id, &p, c->e);
out:
	buf_free(&w);
	u64_list_free(&bl);
	codec_free(RT_TENSION, &t);
	hub_positions_free(&ps);
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

int
hub_proposal_adjourn(struct hub *h, struct actor *who, uint64_t id,
    struct err *e)
{
	return prop_run(h, who, "proposal.adjourn", NULL, op_proposal_adjourn, id, e);
}

static int
op_proposal_escalate(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct proposal p;
	struct tension t;
	int rc;

	memset(&t, 0, sizeof t);
	if ((rc = hub_require(c, ROLE_FACILITATOR, "escalate a proposal")) !=
	    0)
		return rc;
	if ((rc = load_proposal(c, a->id, &p)) != 0)
		return rc;
	if (p.status != PS_REJECTED) {
		rc = refuse_not_rejected(c, &p, N_("escalated"));
		goto out;
	}
	if ((rc = store_get(c->t, RT_TENSION, p.tension, &t, c->e)) != 0)
		goto out;
	if ((rc = gov_tension_set_status(c, &t, TS_ESCALATED)) != 0)
		goto out;
	p.status = PS_ESCALATED;
	if ((rc = store_put(c->t, RT_TENSION, t.id, &t, c->e)) == 0)
		rc = store_put(c->t, RT_PROPOSAL, p.id, &p, c->e);
out:
	codec_free(RT_TENSION, &t);
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

int
hub_proposal_escalate(struct hub *h, struct actor *who, uint64_t id,
    struct err *e)
{
	return prop_run(h, who, "proposal.escalate", "sent to the sages", op_proposal_escalate, id, e);
}

static int
op_proposal_answer(struct hub_ctx *c, void *argp)
{
	struct prop_arg *a = argp;
	struct proposal p;
	int rc;

	if ((rc = hub_require(c, ROLE_SAGE, "answer for the sages")) != 0)
		return rc;
	if ((rc = load_proposal(c, a->id, &p)) != 0)
		return rc;
	if (p.status != PS_ESCALATED)
		rc = err_set(c->e, ERR_REFUSED, "proposal %llu is %s: the "
		    "sages answer only escalated proposals",
		    (unsigned long long)p.id,
		    hub_proposal_status_label((int)p.status));
	else if (p.sages_answer != NULL)
		rc = err_set(c->e, ERR_REFUSED, "the sages already answered "
		    "proposal %llu", (unsigned long long)p.id);
	else {
		str_replace(&p.sages_answer, a->text);
		rc = store_put(c->t, RT_PROPOSAL, p.id, &p, c->e);
	}
	codec_free(RT_PROPOSAL, &p);
	return rc;
}

int
hub_proposal_answer(struct hub *h, struct actor *who, uint64_t id,
    const char *text, struct err *e)
{
	struct prop_arg a;

	memset(&a, 0, sizeof a);
	a.id = id;
	a.text = text;
	if (text == NULL || text[0] == '\0')
		return err_set(e, ERR_USAGE, "the answer is empty (--text)");
	if (text_check("answer", text, MAX_TEXT, 1, e) != 0)
		return e->code;
	return hub_run(h, who, "proposal.answer", text, op_proposal_answer,
	    &a, e);
}

/* ---- watch rule ---- */

struct watch_arg {
	const char *login, *note;
};

static int
op_watch_clear(struct hub_ctx *c, void *argp)
{
	struct watch_arg *a = argp;
	struct member m;
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR | ROLE_SAGE, "record a "
	    "concertation")) != 0)
		return rc;
	if ((rc = gov_load_login(c, a->login, &m)) != 0)
		return rc;
	if (!model_watch_flagged(&m))
		rc = err_set(c->e, ERR_REFUSED, "%s is not flagged by the "
		    "watch rule", m.login);
	else {
		m.watch_blocks = 0;
		m.watch_withdrawals = 0;
		str_replace(&m.watch_note, a->note);
		rc = store_put(c->t, RT_MEMBER, m.id, &m, c->e);
	}
	codec_free(RT_MEMBER, &m);
	return rc;
}

int
hub_watch_clear(struct hub *h, struct actor *who, const char *login,
    const char *note, struct err *e)
{
	struct watch_arg a = { login, note };

	if (login_check(login, e) != 0)
		return e->code;
	if (note == NULL || note[0] == '\0')
		return err_set(e, ERR_USAGE, "record what was agreed "
		    "(--note)");
	if (text_check("note", note, MAX_REASON, 1, e) != 0)
		return e->code;
	return hub_run(h, who, "watch.clear", login, op_watch_clear, &a, e);
}

/* ---- actions ---- */

struct action_arg {
	uint64_t decision, id;
	const char *owner, *title;
	int64_t due;
	int status;
};

static int
op_action_add(struct hub_ctx *c, void *argp)
{
	struct action_arg *a = argp;
	struct decision d;
	struct member o;
	struct action x;
	uint64_t id;
	int rc;

	if ((rc = hub_require(c, ROLE_MEMBER | ROLE_FACILITATOR,
	    "add an action")) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_DECISION, a->decision, &d, c->e)) != 0)
		return gov_refused_notfound(c, rc, "decision", a->decision);
	codec_free(RT_DECISION, &d);
	if ((rc = gov_load_login(c, a->owner, &o)) != 0)
		return rc;
	if (o.disabled) {
		rc = err_set(c->e, ERR_REFUSED, "member '%s' is disabled",
		    o.login);
		codec_free(RT_MEMBER, &o);
		return rc;
	}
	memset(&x, 0, sizeof x);
	x.decision = a->decision;
	x.owner = o.id;
	codec_free(RT_MEMBER, &o);
	x.title = (char *)a->title;
	x.due = a->due;
	x.status = AS_TODO;
	x.created = x.updated = util_now();
	if ((rc = store_next_id(c->t, RT_ACTION, &id, c->e)) != 0)
		return rc;
	a->id = id;
	return store_put(c->t, RT_ACTION, id, &x, c->e);
}

int
hub_action_add(struct hub *h, struct actor *who, uint64_t decision,
    const char *owner, const char *title, int64_t due, uint64_t *id,
    struct err *e)
{
	struct action_arg a;

	memset(&a, 0, sizeof a);
	a.decision = decision;
	a.owner = owner;
	a.title = title;
	a.due = due;
	if (owner == NULL || login_check(owner, e) != 0)
		return owner ? e->code : err_set(e, ERR_USAGE, "an action "
		    "needs an owner (--owner)");
	if (title == NULL || title[0] == '\0')
		return err_set(e, ERR_USAGE, "an action needs a title");
	if (text_check("title", title, MAX_TITLE, 0, e) != 0)
		return e->code;
	if (due < 0)
		return err_set(e, ERR_USAGE, "the due date is not valid");
	if (hub_run(h, who, "action.add", title, op_action_add, &a, e) != 0)
		return e->code;
	if (id)
		*id = a.id;
	return 0;
}

static int
op_action_status(struct hub_ctx *c, void *argp)
{
	struct action_arg *a = argp;
	struct action x;
	char who[64];
	int rc;

	if ((rc = store_get(c->t, RT_ACTION, a->id, &x, c->e)) != 0)
		return gov_refused_notfound(c, rc, "action", a->id);
	if (x.owner != c->who->id && !(c->who->roles & ROLE_FACILITATOR))
		rc = err_set(c->e, ERR_REFUSED, "only the owner (%s) or the "
		    "facilitator may change action %llu", gov_login_of(c,
		    x.owner, who, sizeof who), (unsigned long long)x.id);
	else if ((int)x.status == a->status)
		rc = err_set(c->e, ERR_REFUSED, "action %llu is already %s",
		    (unsigned long long)x.id,
		    hub_action_status_label(a->status));
	else {
		x.status = (uint64_t)a->status;
		x.updated = util_now();
		rc = store_put(c->t, RT_ACTION, x.id, &x, c->e);
	}
	codec_free(RT_ACTION, &x);
	return rc;
}

int
hub_action_status(struct hub *h, struct actor *who, uint64_t id, int status,
    struct err *e)
{
	struct action_arg a;

	memset(&a, 0, sizeof a);
	a.id = id;
	a.status = status;
	if (status < 0 || status >= AS__COUNT)
		return err_set(e, ERR_USAGE, "the status is todo, doing, done "
		    "or dropped");
	return hub_run(h, who, "action.status", model_action_status_name(
	    status), op_action_status, &a, e);
}
