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
