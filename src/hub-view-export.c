/* hub-view-export.c: the decision register and the action plan as pages
 * for exports, and their one writer. Read only; a decision exists only
 * once its round closed, so no hidden round's count is reachable here. */
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
	size_t limit, n;
	uint64_t last;
	int more, stopped;
	struct err *e;
	int rc;
};

static int
xpage_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct xpage *p = arg;
	int stop = 0;

	if (p->limit && p->n >= p->limit) {
		p->more = 1;
		return 1;
	}
	if (p->rtype == RT_DECISION) {
		struct decision d;
		struct hub_decision_row v;
		if ((p->rc = codec_decode(RT_DECISION, data, len, &d,
		    p->e)) != 0)
			return 1;
		d.id = id;
		v.d = &d;
		stop = ((hub_decision_row_cb)p->cb)(&v, p->arg);
		codec_free(RT_DECISION, &d);
	} else {
		struct action a;
		struct hub_action_row v;
		if ((p->rc = codec_decode(RT_ACTION, data, len, &a,
		    p->e)) != 0)
			return 1;
		a.id = id;
		memset(&v, 0, sizeof v);
		v.a = &a;
		if (a.owner)
			hub_login_of(p->t, a.owner, v.owner, sizeof v.owner);
		v.overdue = model_action_overdue(&a, util_now());
		stop = ((hub_action_row_cb)p->cb)(&v, p->arg);
		codec_free(RT_ACTION, &a);
	}
	p->n++;
	p->last = id;
	if (stop)
		p->stopped = 1;
	return stop;
}

static int
xpage(struct hub_rd *r, int rtype, const char *after, size_t limit,
    void *cb, void *arg, char next[HUB_CURSOR_MAX], struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	struct xpage p;
	uint64_t from;
	int rc;

	hub_cursor_set(next, 0);
	if (t == NULL)
		return e->code;
	if ((rc = hub_cursor_id(after, &from, e)) != 0)
		return rc;
	memset(&p, 0, sizeof p);
	p.t = t;
	p.rtype = rtype;
	p.cb = cb;
	p.arg = arg;
	p.limit = limit;
	p.e = e;
	if ((rc = store_scan(t, rtype, from + 1, 0, xpage_cb, &p, e)) != 0)
		return rc;
	if (p.rc != 0)
		return p.rc;
	if (p.more && !p.stopped)
		hub_cursor_set(next, p.last);
	return 0;
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

	emit_u64(em, "id", d->id);
	emit_id(em, "proposal", d->proposal);
	emit_id(em, "tension", d->tension);
	emit_id(em, "meeting", d->meeting);
	emit_str(em, "text", d->text);
	emit_time(em, "decided", d->decided);
}

void
hub_action_emit(struct emit *em, const struct hub_action_row *v)
{
	const struct action *a = v->a;

	emit_u64(em, "id", a->id);
	emit_id(em, "decision", a->decision);
	emit_str(em, "owner", a->owner ? v->owner : NULL);
	emit_str(em, "title", a->title);
	emit_time(em, "due", a->due);
	emit_str(em, "status", model_action_status_name((int)a->status));
	emit_time(em, "created", a->created);
	emit_time(em, "updated", a->updated);
}
