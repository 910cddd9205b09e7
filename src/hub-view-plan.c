/* hub-view-plan.c: the agenda and its tensions, the action plan (overdue
 * computed by the model) and the decision register, as page iterators.
 * Must not write or print. */
#include "hub-view-int.h"
#include "codec.h"
#include "emit.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tensions and the agenda ---- */

static int
tension_emit(struct store_txn *t, const struct tension *tn, size_t place,
    hub_tension_cb cb, void *arg, int *stop, struct err *e)
{
	struct hub_tension_row row;
	struct str_list acks = { 0 };
	struct u64_list props = { 0 };
	int rc;

	if ((rc = hub_proposals_of(t, tn->id, &props, e)) != 0)
		return rc;
	view_logins(t, &tn->acks, &acks);
	memset(&row, 0, sizeof row);
	row.id = tn->id;
	row.place = place;
	row.kind = (int)tn->kind;
	row.status = (int)tn->status;
	row.title = tn->title ? tn->title : "";
	row.description = tn->description;
	hub_login_of(t, tn->author, row.author, sizeof row.author);
	row.needs = &tn->needs;
	row.rank = tn->rank;
	row.created = tn->created;
	row.acks = &acks;
	row.questions = &tn->questions;
	row.blocker_reasons = &tn->blocker_reasons;
	row.proposals = &props;
	*stop = cb(&row, arg) != 0;
	str_list_free(&acks);
	u64_list_free(&props);
	return rc;
}

int
hub_agenda_list(struct hub_rd *r, size_t after, size_t limit,
    hub_tension_cb cb, void *arg, size_t *count, struct err *e)
{
	struct u64_list ids = { 0 };
	struct store_txn *t;
	struct tension tn;
	size_t shown = 0;
	int rc, stop = 0;

	if (count)
		*count = 0;
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	/* The agenda is the chamber's working list (tensions on it, in
	 * process or adjourned): its ids, not its records, are held. */
	if ((rc = hub_agenda(t, &ids, e)) != 0)
		goto out;
	if (count)
		*count = ids.n;
	for (size_t i = after; cb != NULL && i < ids.n; i++) {
		if (limit && shown == limit)
			break;
		if ((rc = view_get(t, RT_TENSION, ids.v[i], &tn, "tension",
		    e)) != 0)
			break;
		rc = tension_emit(t, &tn, i + 1, cb, arg, &stop, e);
		codec_free(RT_TENSION, &tn);
		shown++;
		if (rc != 0 || stop)
			break;
	}
out:
	u64_list_free(&ids);
	return rc;
}

int
hub_tension_view(struct hub_rd *r, uint64_t id, hub_tension_cb cb,
    void *arg, struct err *e)
{
	struct store_txn *t;
	struct tension tn;
	int rc, stop;

	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = view_get(t, RT_TENSION, id, &tn, "tension", e)) != 0)
		return rc;
	rc = tension_emit(t, &tn, 0, cb, arg, &stop, e);
	codec_free(RT_TENSION, &tn);
	return rc;
}

/* ---- the action plan ---- */

struct alist {
	struct store_txn *t;
	const struct actor *who;
	int flags;
	int64_t now;
	size_t limit, n;
	uint64_t after, last;
	int more, stopped, bad;
	hub_plan_action_cb cb;
	void *arg;
	struct err e;
};

static int
alist_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct alist *al = arg;
	struct hub_plan_action row;
	struct action a;
	int stop = 0;

	if (id <= al->after)
		return 0;
	if (codec_decode(RT_ACTION, data, len, &a, &al->e) != 0) {
		al->bad = 1;
		return 1;
	}
	a.id = id;
	if ((al->flags & HUB_ACTIONS_OPEN) && a.status != AS_TODO &&
	    a.status != AS_DOING)
		goto out;
	if (al->limit && al->n == al->limit) {
		al->more = 1;
		stop = 1;
		goto out;
	}
	memset(&row, 0, sizeof row);
	row.id = id;
	row.decision = a.decision;
	row.title = a.title ? a.title : "";
	hub_login_of(al->t, a.owner, row.owner, sizeof row.owner);
	row.due = a.due;
	row.created = a.created;
	row.updated = a.updated;
	row.status = (int)a.status;
	row.overdue = model_action_overdue(&a, al->now);
	/* hub_action_status: the owner or the facilitator. */
	row.may_status = (al->who->id != 0 && a.owner == al->who->id) ||
	    (al->who->roles & ROLE_FACILITATOR);
	al->n++;
	al->last = id;
	if (al->cb(&row, al->arg) != 0)
		al->stopped = stop = 1;
out:
	codec_free(RT_ACTION, &a);
	return stop;
}

int
hub_action_list(struct hub_rd *r, int flags, const char *after,
    size_t limit, hub_plan_action_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct alist al;
	int rc;

	memset(&al, 0, sizeof al);
	if ((al.t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = hub_cursor_id(after, &al.after, e)) != 0)
		return rc;
	hub_cursor_set(next, 0);
	al.who = hub_rd_viewer(r);
	al.flags = flags;
	al.now = util_now();
	al.limit = limit;
	al.cb = cb;
	al.arg = arg;
	rc = store_scan(al.t, RT_ACTION, al.after, 0, alist_cb, &al, e);
	if (rc == 0 && al.bad) {
		*e = al.e;
		rc = ERR_SYSTEM;
	}
	if (rc == 0 && al.more && !al.stopped)
		hub_cursor_set(next, al.last);
	return rc;
}

uint64_t
hub_action_count(struct hub_rd *r)
{
	struct store_txn *t = hub_rd_txn(r);

	return t ? store_count(t, RT_ACTION) : 0;
}

/* ---- the decision register ---- */

struct dlist {
	size_t limit, n;
	uint64_t after, last;
	int more, stopped, bad;
	hub_plan_decision_cb cb;
	void *arg;
	struct err e;
};

static int
dlist_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct dlist *dl = arg;
	struct hub_plan_decision row;
	struct decision d;
	int stop = 0;

	if (id <= dl->after)
		return 0;
	if (dl->limit && dl->n == dl->limit) {
		dl->more = 1;
		return 1;
	}
	if (codec_decode(RT_DECISION, data, len, &d, &dl->e) != 0) {
		dl->bad = 1;
		return 1;
	}
	row.id = id;
	row.proposal = d.proposal;
	row.tension = d.tension;
	row.meeting = d.meeting;
	row.text = d.text;
	row.decided = d.decided;
	row.review = d.review;
	row.reviewed_in = d.reviewed_in;
	dl->n++;
	dl->last = id;
	if (dl->cb(&row, dl->arg) != 0)
		dl->stopped = stop = 1;
	codec_free(RT_DECISION, &d);
	return stop;
}

int
hub_decision_list(struct hub_rd *r, const char *after, size_t limit,
    hub_plan_decision_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct store_txn *t;
	struct dlist dl;
	int rc;

	memset(&dl, 0, sizeof dl);
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if ((rc = hub_cursor_id(after, &dl.after, e)) != 0)
		return rc;
	hub_cursor_set(next, 0);
	dl.limit = limit;
	dl.cb = cb;
	dl.arg = arg;
	rc = store_scan(t, RT_DECISION, dl.after, 0, dlist_cb, &dl, e);
	if (rc == 0 && dl.bad) {
		*e = dl.e;
		rc = ERR_SYSTEM;
	}
	if (rc == 0 && dl.more && !dl.stopped)
		hub_cursor_set(next, dl.last);
	return rc;
}

struct dget {
	uint64_t id;
	int found;
	hub_plan_decision_cb cb;
	void *arg;
};

static int
dget_cb(const struct hub_plan_decision *d, void *arg)
{
	struct dget *g = arg;

	if (d->id == g->id) {
		g->found = 1;
		g->cb(d, g->arg);
	}
	return 1;
}

int
hub_decision_get(struct hub_rd *r, uint64_t id, hub_plan_decision_cb cb,
    void *arg, struct err *e)
{
	struct store_txn *t;
	struct dlist dl;
	struct dget g = { id, 0, cb, arg };
	int rc;

	memset(&dl, 0, sizeof dl);
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	dl.after = id > 0 ? id - 1 : 0;
	dl.limit = 1;
	dl.cb = dget_cb;
	dl.arg = &g;
	rc = store_scan(t, RT_DECISION, dl.after, 0, dlist_cb, &dl, e);
	if (rc == 0 && dl.bad) {
		*e = dl.e;
		rc = ERR_SYSTEM;
	}
	if (rc == 0 && !g.found)
		rc = err_set(e, ERR_REFUSED, "no decision #%llu",
		    (unsigned long long)id);
	return rc;
}

void
hub_tension_emit(struct emit *em, const struct hub_tension_row *t,
    int detail)
{
	emit_u64(em, "id|", t->id);
	if (t->place)
		emit_u64(em, "place|", t->place);
	emit_str(em, "kind", hv_word(em, model_tension_kind_name(t->kind),
	    hub_tension_kind_label(t->kind)));
	emit_str(em, "status", hv_word(em, model_tension_status_name(
	    t->status), hub_tension_status_label(t->status)));
	emit_str(em, "title", t->title);
	emit_str(em, "description", t->description);
	emit_str(em, "author|brought by", t->author[0] ? t->author : NULL);
	emit_u64s(em, "needs", t->needs);
	emit_u64(em, "rank|", t->rank);
	emit_time(em, "created|on", t->created);
	emit_words(em, "acknowledged_by|understood by", t->acks);
	emit_strs(em, "questions", t->questions);
	emit_strs(em, "blockers_reasons|blocked", t->blocker_reasons);
	if (detail)
		emit_u64s(em, "proposals", t->proposals);
}

/* ---- the writers of the plan (CLI, SSH and the exports alike) ---- */

void
hv_action_fields(struct emit *em, uint64_t id, uint64_t decision,
    const char *owner, const char *title, int64_t due, int status,
    int64_t created, int64_t updated)
{
	emit_u64(em, "id|", id);
	emit_id(em, "decision|", decision);
	emit_str(em, "owner|", owner != NULL && *owner ? owner : NULL);
	emit_str(em, "title|", title);
	emit_time(em, "due|", due);
	emit_str(em, "status|", model_action_status_name(status));
	emit_time(em, "created|", created);
	emit_time(em, "updated|", updated);
}

void
hv_decision_fields(struct emit *em, uint64_t id, uint64_t proposal,
    uint64_t tension, uint64_t meeting, const char *text, int64_t decided)
{
	emit_u64(em, "id|", id);
	emit_id(em, "proposal|", proposal);
	emit_id(em, "tension|", tension);
	emit_id(em, "meeting|", meeting);
	emit_str(em, "text|", text);
	emit_time(em, "decided|", decided);
}

void
hub_plan_action_emit(struct emit *em, const struct hub_plan_action *a)
{
	char o[128], s[400], d[32];

	hv_text(em, "%s#%-4llu ", a->overdue ? "! " : "  ",
	    (unsigned long long)a->id);
	hv_col(em, hub_action_status_label(a->status), 9);
	hv_text(em, " %-10s ", a->due ? i18n_day(a->due, d, sizeof d) :
	    "-");
	hv_action_fields(em, a->id, a->decision, a->owner, a->title, a->due,
	    a->status, a->created, a->updated);
	emit_bool(em, "overdue|", a->overdue);
	hv_text(em, "%s  %s", a->owner[0] ? util_safe(a->owner, o, sizeof o) :
	    "-", util_safe(a->title, s, sizeof s));
	hv_text(em, _(" (decision %llu)"), (unsigned long long)a->decision);
	if (a->overdue)
		hv_text(em, "  %s", _("OVERDUE"));
}

void
hub_plan_decision_emit(struct emit *em, const struct hub_plan_decision *d)
{
	char ts[32];

	hv_text(em, _("decision %llu (%s, proposal %llu, tension %llu):\n"),
	    (unsigned long long)d->id, i18n_date(d->decided, ts,
	    sizeof ts), (unsigned long long)d->proposal,
	    (unsigned long long)d->tension);
	hv_decision_fields(em, d->id, d->proposal, d->tension, d->meeting,
	    d->text, d->decided);
	emit_time(em, "review|", d->review);
	emit_id(em, "reviewed_in|", d->reviewed_in);
	if (d->review)
		hv_text(em, _("  to be reviewed on %s\n"),
		    i18n_date(d->review, ts, sizeof ts));
	hv_text_block(em, d->text, "  ", 0);
}
