/* hub-view-export.c: the decision register, the action plan and every
 * position taken, as pages for exports, and their one writer. Read only;
 * a decision exists only once its round closed, and an open hidden
 * round's positions are left out, so no hidden count is reachable here. */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"

#include <string.h>

struct xpage {
	struct store_txn *t;
	int rtype;
	void *cb;
	void *arg;
	struct err *e;
};

static int
xpage_rec(uint64_t id, const void *data, size_t len, void *arg)
{
	struct xpage *p = arg;
	int stop = 0, rc;

	if (p->rtype == RT_DECISION) {
		struct decision d;
		struct hub_decision_row v;
		if ((rc = codec_decode(RT_DECISION, data, len, &d, p->e)) != 0)
			return -rc;
		d.id = id;
		v.d = &d;
		stop = ((hub_decision_row_cb)p->cb)(&v, p->arg);
		codec_free(RT_DECISION, &d);
	} else {
		struct action a;
		struct hub_action_row v;
		if ((rc = codec_decode(RT_ACTION, data, len, &a, p->e)) != 0)
			return -rc;
		a.id = id;
		memset(&v, 0, sizeof v);
		v.a = &a;
		if (a.owner)
			hub_login_of(p->t, a.owner, v.owner, sizeof v.owner);
		v.overdue = model_action_overdue(&a, util_now());
		stop = ((hub_action_row_cb)p->cb)(&v, p->arg);
		codec_free(RT_ACTION, &a);
	}
	return stop != 0;
}

static int
xpage(struct hub_rd *r, int rtype, const char *after, size_t limit,
    void *cb, void *arg, char next[HUB_CURSOR_MAX], struct err *e)
{
	struct xpage p = { hub_rd_txn(r), rtype, cb, arg, e };

	return hub_page_scan(r, rtype, 0, after, limit, xpage_rec, &p, next,
	    e);
}

int
hub_decision_page(struct hub_rd *r, const char *after, size_t limit,
    hub_decision_row_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	return xpage(r, RT_DECISION, after, limit, (void *)cb, arg, next, e);
}

int
hub_action_page(struct hub_rd *r, const char *after, size_t limit,
    hub_action_row_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	return xpage(r, RT_ACTION, after, limit, (void *)cb, arg, next, e);
}

void
hub_decision_emit(struct emit *em, const struct hub_decision_row *v)
{
	const struct decision *d = v->d;

	hv_decision_fields(em, d->id, d->proposal, d->tension, d->meeting,
	    d->text, d->decided);
}

void
hub_action_emit(struct emit *em, const struct hub_action_row *v)
{
	const struct action *a = v->a;

	hv_action_fields(em, a->id, a->decision, a->owner ? v->owner : NULL,
	    a->title, a->due, (int)a->status, a->created, a->updated);
}

/* ---- positions ---- */

struct ppage {
	struct store_txn *t;
	hub_position_row_cb cb;
	void *arg;
	struct err *e;
};

static int
ppage_rec(uint64_t id, const void *data, size_t len, void *arg)
{
	struct ppage *p = arg;
	struct hub_positions ps;
	struct hub_position_row v;
	struct position x;
	struct proposal pr;
	int rc, stop = 0;

	if ((rc = codec_decode(RT_POSITION, data, len, &x, p->e)) != 0)
		return -rc;
	x.id = id;
	memset(&v, 0, sizeof v);
	if ((rc = store_get(p->t, RT_PROPOSAL, x.proposal, &pr, p->e)) != 0) {
		codec_free(RT_POSITION, &x);
		return -rc;
	}
	/* The veil: an open hidden round's positions are no export's. */
	if (pr.hidden && pr.status == PS_OPEN)
		goto out;
	if ((rc = hub_positions_load(p->t, x.proposal, &ps, p->e)) != 0) {
		stop = -rc;
		goto out;
	}
	v.why = HUB_POS_SUPERSEDED;
	for (size_t i = 0; i < ps.n; i++)
		if (ps.v[i].id == id)
			v.why = ps.vcounts[i] ? HUB_POS_COUNTED :
			    x.version != pr.versions.n ? HUB_POS_OLDER :
			    HUB_POS_NOT_VOTER;
	hub_positions_free(&ps);
	v.p = &x;
	hub_login_of(p->t, x.member, v.member, sizeof v.member);
	if (x.by != 0 && x.by != x.member)
		hub_login_of(p->t, x.by, v.by, sizeof v.by);
	stop = p->cb(&v, p->arg) != 0;
out:
	codec_free(RT_PROPOSAL, &pr);
	codec_free(RT_POSITION, &x);
	return stop;
}

int
hub_position_page(struct hub_rd *r, const char *after, size_t limit,
    hub_position_row_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct ppage p = { hub_rd_txn(r), cb, arg, e };

	return hub_page_scan(r, RT_POSITION, 0, after, limit, ppage_rec, &p,
	    next, e);
}

void
hub_position_emit(struct emit *em, const struct hub_position_row *v)
{
	const struct position *x = v->p;

	emit_u64(em, "id", x ? x->id : 0);
	emit_id(em, "proposal", x ? x->proposal : 0);
	emit_str(em, "member", x ? v->member : NULL);
	emit_u64(em, "version", x ? x->version : 0);
	emit_str(em, "position", x ? model_position_name((int)x->kind) :
	    NULL);
	emit_str(em, "reason", x ? x->reason : NULL);
	emit_time(em, "at", x ? (x->updated ? x->updated : x->created) : 0);
	emit_str(em, "by", v->by[0] ? v->by : NULL);
	emit_bool(em, "counted", x && v->why == HUB_POS_COUNTED);
	emit_str(em, "why", x ? hub_pos_why_name(v->why) : NULL);
}
