/* hub-view-meeting.c: a meeting as one viewer may see it (presence, THE
 * quorum, current tension, understanding, the round, watch flags, acts),
 * the meeting list and the watch list. Must not write or print. */
#include "hub-view-int.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "emit.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hub_meeting_view_free(struct hub_meeting_view *v)
{
	free(v->title);
	str_list_free(&v->room);
	str_list_free(&v->remote);
	u64_list_free(&v->tensions);
	str_list_free(&v->acks);
	str_list_free(&v->questions);
	free(v->people);
	free(v->presence);
	str_list_free(&v->left);
	str_list_free(&v->sages);
	u64_list_free(&v->review_decisions);
	memset(v, 0, sizeof *v);
}

/* Acts that need no meeting open: open one; put a tension on the agenda. */
static void
acts_always(struct hub_acts *a, const struct actor *who,
    const struct meeting *open)
{
	struct err e;
	int rc;

	err_clear(&e);
	rc = hub_role_check(who, ROLE_FACILITATOR, "open a meeting", &e);
	if (rc == 0 && open != NULL)
		rc = err_set(&e, ERR_REFUSED, "meeting %llu is already open: "
		    "one meeting at a time", (unsigned long long)open->id);
	view_act(a, HUB_ACT_MEETING_OPEN, rc, &e);
	view_act(a, HUB_ACT_TENSION_ADD, hub_role_check(who, ROLE_MEMBER |
	    ROLE_FACILITATOR, "add a tension", &e), &e);
	view_act(a, HUB_ACT_AGENDA_MOVE, hub_role_check(who,
	    ROLE_FACILITATOR, "order the agenda", &e), &e);
	view_act(a, HUB_ACT_CONCERT, hub_role_check(who, ROLE_FACILITATOR |
	    ROLE_SAGE, "record a concertation", &e), &e);
	view_act(a, HUB_ACT_PROPOSE, gov_check_voter(who, "carry a proposal",
	    &e), &e);
}

int
hub_meeting_open_id(struct hub_rd *r, uint64_t *id, struct err *e)
{
	struct store_txn *t;
	struct meeting m;
	int rc;

	*id = 0;
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	rc = hub_meeting_open_get(t, &m, e);
	if (rc == ERR_NOTFOUND) {
		err_clear(e);
		return 0;
	}
	if (rc == 0) {
		*id = m.id;
		codec_free(RT_MEETING, &m);
	}
	return rc;
}

int
hub_chamber_acts(struct hub_rd *r, struct hub_acts *a, struct err *e)
{
	const struct actor *who = hub_rd_viewer(r);
	struct store_txn *t;
	struct meeting m;
	struct err x;
	int rc;

	memset(a, 0, sizeof *a);
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	rc = hub_meeting_open_get(t, &m, e);
	if (rc != 0 && rc != ERR_NOTFOUND)
		return rc;
	err_clear(e);
	acts_always(a, who, rc == 0 ? &m : NULL);
	if (rc == 0)
		codec_free(RT_MEETING, &m);
	else {
		err_clear(&x);
		gov_check_open_meeting(NULL, &x);
		view_act(a, HUB_ACT_PRESENT, ERR_REFUSED, &x);
	}
	return 0;
}

/* The acts on an open meeting m (others are refused as "not open"). */
static void
meeting_acts(struct hub_meeting_view *v, const struct actor *who,
    const struct meeting *m, int acked)
{
	struct hub_acts *a = &v->acts;
	const struct meeting *open = m->status == MS_OPEN ? m : NULL;
	struct err e;
	int rc;

	memset(a, 0, sizeof *a);
	err_clear(&e);
	acts_always(a, who, open);
	rc = hub_role_check(who, ROLE_FACILITATOR, "mark who is in the "
	    "room", &e);
	if (rc == 0)
		rc = gov_check_open_meeting(open, &e);
	view_act(a, HUB_ACT_PRESENT, rc, &e);
	rc = gov_check_voter(who, "join a meeting", &e);
	if (rc == 0)
		rc = gov_check_open_meeting(open, &e);
	if (rc == 0 && hub_meeting_is_present(m, who->id))
		rc = err_set(&e, ERR_REFUSED, "%s is already present in "
		    "meeting %llu", who->label, (unsigned long long)m->id);
	view_act(a, HUB_ACT_JOIN, rc, &e);
	rc = gov_check_voter(who, "leave a meeting", &e);
	if (rc == 0)
		rc = gov_check_open_meeting(open, &e);
	if (rc == 0 && !hub_meeting_is_present(m, who->id))
		rc = err_set(&e, ERR_REFUSED, "%s is not present in "
		    "meeting %llu", who->label, (unsigned long long)m->id);
	view_act(a, HUB_ACT_LEAVE, rc, &e);
	rc = hub_role_check(who, ROLE_FACILITATOR, "record the action-plan "
	    "review", &e);
	if (rc == 0)
		rc = gov_check_open_meeting(open, &e);
	if (rc == 0 && m->review_done)
		rc = err_set(&e, ERR_REFUSED, "the action plan of meeting "
		    "%llu is already reviewed", (unsigned long long)m->id);
	view_act(a, HUB_ACT_REVIEW, rc, &e);
	rc = hub_role_check(who, ROLE_FACILITATOR, "take up a tension", &e);
	if (rc == 0)
		rc = gov_check_open_meeting(open, &e);
	if (rc == 0 && !m->review_done)
		rc = err_set(&e, ERR_REFUSED, "the action-plan review is "
		    "the first item: record it first");
	view_act(a, HUB_ACT_TAKE, rc, &e);
	rc = gov_check_on_current(who, open, "acknowledge a tension", &e);
	if (rc == 0 && acked)
		rc = err_set(&e, ERR_REFUSED, "%s already acknowledged "
		    "tension %llu", who->label,
		    (unsigned long long)m->current_tension);
	view_act(a, HUB_ACT_ACK, rc, &e);
	view_act(a, HUB_ACT_QUESTION, gov_check_on_current(who, open,
	    "ask a question", &e), &e);
	rc = hub_role_check(who, ROLE_FACILITATOR, "close a meeting", &e);
	if (rc == 0)
		rc = gov_check_open_meeting(open, &e);
	view_act(a, HUB_ACT_MEETING_CLOSE, rc, &e);
}

struct pscan {
	struct hub_meeting_view *v;
	const struct meeting *m;
	const struct tension *cur;
	int bad;
	struct err e;
};

/* The voting members now, with their presence and watch flags. */
static int
people_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct pscan *s = arg;
	struct hub_meeting_view *v = s->v;
	struct hub_vattendee *p;
	struct member m;

	if (v->npeople >= HUB_MEETING_PEOPLE)
		return 1;
	if (codec_decode(RT_MEMBER, data, len, &m, &s->e) != 0) {
		s->bad = 1;
		return 1;
	}
	if ((m.roles & ROLE_MEMBER) && !m.disabled) {
		p = &v->people[v->npeople++];
		memset(p, 0, sizeof *p);
		p->id = id;
		snprintf(p->login, sizeof p->login, "%s", m.login ? m.login :
		    "");
		p->watch = model_watch_flagged(&m);
		p->blocks = m.watch_blocks;
		p->withdrawals = m.watch_withdrawals;
		p->room = u64_list_has(&s->m->room, id);
		p->remote = u64_list_has(&s->m->remote, id);
		p->acked = s->cur != NULL && u64_list_has(&s->cur->acks, id);
	}
	codec_free(RT_MEMBER, &m);
	return 0;
}

/* The round on the current tension, masked as hub_proposal_view. */
static int
current_round(struct hub_rd *r, struct hub_meeting_view *v, struct err *e)
{
	struct hub_proposal_view pv;
	uint64_t id;
	int rc;

	if ((rc = hub_tension_proposal(r, v->current, &id, e)) != 0 || id == 0)
		return rc;
	if ((rc = hub_proposal_view(r, id, &pv, e)) == 0) {
		v->proposal = id;
		v->pstatus = pv.status;
		v->masked = pv.masked;
		v->tally = pv.tally;
		v->answered = pv.answered;
		v->threshold = pv.threshold;
		v->pacts = pv.acts;
	}
	hub_proposal_view_free(&pv);
	return rc;
}

/* The presence log as events, and who left without coming back. */
static void
presence_fill(struct store_txn *t, const struct meeting *m,
    struct hub_meeting_view *v)
{
	const struct u64_list *l = &m->presence_log;
	size_t n = l->n / 3;
	char s[MAX_LOGIN + 24];

	v->presence = xcalloc(n ? n : 1, sizeof *v->presence);
	for (size_t i = 0; i < n; i++) {
		struct hub_presence_ev *p = &v->presence[v->npresence++];
		uint64_t id = l->v[3 * i];

		snprintf(p->login, sizeof p->login, "%s", hub_login_of(t, id,
		    s, sizeof s));
		p->at = (int64_t)l->v[3 * i + 1];
		p->ev = (int)l->v[3 * i + 2];
		if ((p->ev == PE_LEFT || p->ev == PE_LEFT_MARKED) &&
		    !hub_meeting_is_present(m, id) &&
		    !str_list_has(&v->left, p->login))
			str_list_push(&v->left, p->login);
	}
}

static int
meeting_fill(struct hub_rd *r, struct store_txn *t, const struct meeting *m,
    struct hub_meeting_view *v, struct err *e)
{
	const struct actor *who = hub_rd_viewer(r);
	struct pscan s;
	struct tension tn;
	int rc, have_t = 0, acked = 0;

	v->id = m->id;
	v->title = m->title ? xstrdup(m->title) : NULL;
	v->status = (int)m->status;
	hub_login_of(t, m->facilitator, v->facilitator, sizeof v->facilitator);
	v->opened = m->opened;
	v->closed = m->closed;
	v->review_done = m->review_done != 0;
	v->reviewed = m->review_done > 1 ? (int64_t)m->review_done : 0;
	v->reviewed_next = m->review_next_action;
	if ((rc = hub_meeting_quorum(t, m, &v->quorum, e)) != 0)
		return rc;
	view_logins(t, &m->room, &v->room);
	view_logins(t, &m->remote, &v->remote);
	presence_fill(t, m, v);
	v->sages_named = m->sages_named != 0;
	view_logins(t, &m->sages, &v->sages);
	for (size_t i = 0; i < m->review_decisions.n; i++)
		u64_list_push(&v->review_decisions, m->review_decisions.v[i]);
	for (size_t i = 0; i < m->tensions.n; i++)
		u64_list_push(&v->tensions, m->tensions.v[i]);
	v->current = m->current_tension;
	memset(&tn, 0, sizeof tn);
	if (v->current) {
		rc = store_get(t, RT_TENSION, v->current, &tn, e);
		if (rc != 0 && rc != ERR_NOTFOUND)
			return rc;
		have_t = rc == 0;
		err_clear(e);
	}
	if (have_t) {
		snprintf(v->current_title, sizeof v->current_title, "%s",
		    tn.title ? tn.title : "");
		view_logins(t, &tn.acks, &v->acks);
		view_strs_copy(&v->questions, &tn.questions);
		acked = u64_list_has(&tn.acks, who->id);
		if ((rc = current_round(r, v, e)) != 0)
			goto out;
	}
	v->people = xcalloc(HUB_MEETING_PEOPLE, sizeof *v->people);
	memset(&s, 0, sizeof s);
	s.v = v;
	s.m = m;
	s.cur = have_t ? &tn : NULL;
	if ((rc = store_scan(t, RT_MEMBER, 0, 0, people_cb, &s, e)) == 0 &&
	    s.bad) {
		*e = s.e;
		rc = ERR_SYSTEM;
	}
	if (rc == 0)
		meeting_acts(v, who, m, acked);
out:
	if (have_t)
		codec_free(RT_TENSION, &tn);
	return rc;
}

int
hub_meeting_view(struct hub_rd *r, uint64_t id, struct hub_meeting_view *v,
    struct err *e)
{
	struct store_txn *t;
	struct meeting m;
	int rc;

	memset(v, 0, sizeof *v);
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if (id == 0)
		rc = hub_meeting_open_get(t, &m, e);
	else
		rc = view_get(t, RT_MEETING, id, &m, "meeting", e);
	if (rc != 0)
		return rc;
	rc = meeting_fill(r, t, &m, v, e);
	codec_free(RT_MEETING, &m);
	return rc;
}

static int
last_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	*(uint64_t *)arg = id;
	return 1;
}

int
hub_meeting_latest(struct hub_rd *r, uint64_t *id, struct err *e)
{
	struct store_txn *t;
	struct meeting m;
	int rc;

	*id = 0;
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = hub_meeting_open_get(t, &m, e)) == 0) {
		*id = m.id;
		codec_free(RT_MEETING, &m);
		return 0;
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	err_clear(e);
	if ((rc = store_scan(t, RT_MEETING, 0, 1, last_cb, id, e)) != 0)
		return rc;
	if (*id == 0)
		return err_set(e, ERR_REFUSED, "there is no meeting yet");
	return 0;
}

/* ---- the meeting list ---- */

struct mlist {
	struct store_txn *t;
	size_t limit, n;
	uint64_t after, last;
	int more, stopped, bad;
	hub_meeting_cb cb;
	void *arg;
	struct err e;
};

static int
mlist_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct mlist *ml = arg;
	struct hub_meeting_row row;
	struct meeting m;
	int stop = 0;

	if (id <= ml->after)
		return 0;
	if (ml->limit && ml->n == ml->limit) {
		ml->more = 1;
		return 1;
	}
	if (codec_decode(RT_MEETING, data, len, &m, &ml->e) != 0) {
		ml->bad = 1;
		return 1;
	}
	memset(&row, 0, sizeof row);
	if (hub_meeting_quorum(ml->t, &m, &row.quorum, &ml->e) != 0) {
		ml->bad = 1;
		stop = 1;
		goto out;
	}
	row.id = id;
	row.status = (int)m.status;
	row.opened = m.opened;
	row.title = m.title;
	ml->n++;
	ml->last = id;
	if (ml->cb(&row, ml->arg) != 0)
		ml->stopped = stop = 1;
out:
	codec_free(RT_MEETING, &m);
	return stop;
}

int
hub_meeting_list(struct hub_rd *r, const char *after, size_t limit,
    hub_meeting_cb cb, void *arg, char next[HUB_CURSOR_MAX], struct err *e)
{
	struct mlist ml;
	int rc;

	memset(&ml, 0, sizeof ml);
	if ((ml.t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = hub_cursor_id(after, &ml.after, e)) != 0)
		return rc;
	hub_cursor_set(next, 0);
	ml.limit = limit;
	ml.cb = cb;
	ml.arg = arg;
	rc = store_scan(ml.t, RT_MEETING, ml.after, 0, mlist_cb, &ml, e);
	if (rc == 0 && ml.bad) {
		*e = ml.e;
		rc = ERR_SYSTEM;
	}
	if (rc == 0 && ml.more && !ml.stopped)
		hub_cursor_set(next, ml.last);
	return rc;
}

/* ---- the watch list ---- */

struct wscan {
	hub_watch_cb cb;
	void *arg;
	int bad;
	struct err e;
};

static int
watch_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct wscan *w = arg;
	struct hub_watch_row row;
	struct member m;
	int stop = 0;

	if (codec_decode(RT_MEMBER, data, len, &m, &w->e) != 0) {
		w->bad = 1;
		return 1;
	}
	m.id = id;
	if (model_watch_flagged(&m)) {
		row.id = id;
		row.login = m.login ? m.login : "";
		row.note = m.watch_note;
		row.blocks = m.watch_blocks;
		row.withdrawals = m.watch_withdrawals;
		stop = w->cb(&row, w->arg);
	}
	codec_free(RT_MEMBER, &m);
	return stop;
}

int
hub_watch_list(struct hub_rd *r, hub_watch_cb cb, void *arg, struct err *e)
{
	struct store_txn *t;
	struct wscan w;
	int rc;

	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	memset(&w, 0, sizeof w);
	w.cb = cb;
	w.arg = arg;
	rc = store_scan(t, RT_MEMBER, 0, 0, watch_cb, &w, e);
	if (rc == 0 && w.bad) {
		*e = w.e;
		rc = ERR_SYSTEM;
	}
	return rc;
}

void
hub_meeting_row_emit(struct emit *em, const struct hub_meeting_row *m)
{
	const struct hub_quorum *q = &m->quorum;
	char s[96];

	emit_u64(em, "id|", m->id);
	emit_str(em, "status", hv_word(em, model_meeting_status_name(
	    m->status), hub_meeting_status_label(m->status)));
	emit_time(em, "opened", m->opened);
	emit_u64(em, "present|", q->present);
	emit_u64(em, "members|", q->members);
	emit_u64(em, "needed|", q->needed);
	snprintf(s, sizeof s, ngettext(" %llu of %llu present, %llu needed ",
	    " %llu of %llu present, %llu needed ", q->present),
	    (unsigned long long)q->present, (unsigned long long)q->members,
	    (unsigned long long)q->needed);
	emit_text(em, s);
	emit_str(em, "title", m->title);
}

void
hub_meeting_emit(struct emit *em, const struct hub_meeting_view *v)
{
	const struct hub_quorum *q = &v->quorum;
	char s[MAX_TITLE + 160], t[MAX_TITLE + 1];

	emit_u64(em, "id|", v->id);
	emit_str(em, "title|", v->title);
	emit_str(em, "status", hv_word(em, model_meeting_status_name(
	    v->status), hub_meeting_status_label(v->status)));
	emit_time(em, "opened", v->opened);
	emit_time(em, "closed|", v->closed);
	emit_str(em, "facilitator", v->facilitator[0] ? v->facilitator :
	    NULL);
	snprintf(s, sizeof s, ngettext("quorum:      %llu of %llu present, "
	    "%llu needed (%s)\n", "quorum:      %llu of %llu present, %llu "
	    "needed (%s)\n", q->present), (unsigned long long)q->present,
	    (unsigned long long)q->members, (unsigned long long)q->needed,
	    q->reached ? _("reached") : _("not reached"));
	emit_text(em, s);
	emit_words(em, "room|in the room", &v->room);
	emit_words(em, "remote", &v->remote);
	emit_u64(em, "present|", q->present);
	emit_u64(em, "members|", q->members);
	emit_u64(em, "needed|", q->needed);
	emit_bool(em, "quorum_reached|", q->reached);
	emit_bool(em, "review_done|", v->review_done);
	snprintf(s, sizeof s, _("review:      %s\n"), v->review_done ?
	    _("action plan reviewed") : _("not yet: the action-plan review "
	    "is the first item"));
	emit_text(em, s);
	emit_id(em, "current_tension|", v->current);
	emit_u64s(em, "tensions|", &v->tensions);
	emit_words(em, "acknowledged_by|", &v->acks);
	emit_words(em, "left", &v->left);
	emit_list_begin(em, "presence|");
	for (size_t i = 0; i < v->npresence; i++) {
		emit_rec_begin(em, NULL);
		hub_presence_emit(em, &v->presence[i]);
		emit_rec_end(em);
	}
	emit_list_end(em);
	if (v->current == 0)
		return;
	snprintf(s, sizeof s, _("current:     tension %llu: %s\n"),
	    (unsigned long long)v->current, util_safe(v->current_title, t,
	    sizeof t));
	emit_text(em, s);
	snprintf(s, sizeof s, ngettext("understood:  %zu of %llu present (",
	    "understood:  %zu of %llu present (", q->present), v->acks.n,
	    (unsigned long long)q->present);
	emit_text(em, s);
	for (size_t i = 0; i < v->acks.n; i++) {
		snprintf(s, sizeof s, "%s%s", i ? ", " : "",
		    util_safe(v->acks.v[i], t, sizeof t));
		emit_text(em, s);
	}
	snprintf(s, sizeof s, ngettext("%s); %zu question\n",
	    "%s); %zu questions\n", v->questions.n), v->acks.n ? "" : "-",
	    v->questions.n);
	emit_text(em, s);
}

void
hub_presence_emit(struct emit *em, const struct hub_presence_ev *p)
{
	emit_str(em, "login", p->login);
	emit_str(em, "event", model_presence_event_name(p->ev));
	emit_time(em, "at", p->at);
}

void
hub_watch_emit(struct emit *em, const struct hub_watch_row *w)
{
	emit_str(em, "login", w->login);
	emit_u64(em, "blocks", w->blocks);
	emit_u64(em, "withdrawals", w->withdrawals);
	emit_str(em, "last_note|last note", w->note);
}
