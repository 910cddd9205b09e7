/* hub-view-ledger.c: the contribution ledger: per member and period, how
 * many needs reported, supports given, meetings attended, positions taken,
 * proposals carried, workstreams joined, actions done. Counts only: never
 * a reason, a position kind or a text. Read only. */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
in_period(const struct hub_ledger *l, int64_t t)
{
	return t >= l->from && (l->to == 0 || t < l->to);
}

static struct hub_ledger_row *
row_of(struct hub_ledger *l, uint64_t member)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {	/* rows are in member id order */
		size_t mid = (lo + hi) / 2;
		if (l->rows[mid].member == member)
			return &l->rows[mid];
		if (l->rows[mid].member < member)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void
bump(struct hub_ledger *l, uint64_t member, int what)
{
	struct hub_ledger_row *r = row_of(l, member);

	if (r != NULL)
		r->c[what]++;
}

static int
member_cb(const struct hub_member_view *v, void *arg)
{
	struct hub_ledger *l = arg;
	struct hub_ledger_row *r;

	l->rows = xrealloc(l->rows, (l->n + 1) * sizeof *l->rows);
	r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	r->member = v->m.id;
	snprintf(r->login, sizeof r->login, "%s", v->m.login);
	return 0;
}

struct lscan {
	struct hub_ledger *l;
	int rtype;
	struct err *e;
};

static void
count_rec(struct hub_ledger *l, int rtype, const void *rec)
{
	switch (rtype) {
	case RT_NEED: {
		const struct need *n = rec;
		if (in_period(l, n->created))
			bump(l, n->reporter, HUB_LEDGER_NEEDS);
		break;
	}
	case RT_SUPPORT: {
		const struct support *s = rec;
		if (in_period(l, s->created))
			bump(l, s->member, HUB_LEDGER_SUPPORTS);
		break;
	}
	case RT_MEETING: {
		const struct meeting *m = rec;
		if (m->opened == 0 || !in_period(l, m->opened))
			break;
		for (size_t i = 0; i < m->room.n; i++)
			bump(l, m->room.v[i], HUB_LEDGER_ROOM);
		for (size_t i = 0; i < m->remote.n; i++)
			bump(l, m->remote.v[i], HUB_LEDGER_REMOTE);
		break;
	}
	case RT_POSITION: {
		const struct position *p = rec;
		if (in_period(l, p->created))
			bump(l, p->member, HUB_LEDGER_POSITIONS);
		break;
	}
	case RT_PROPOSAL: {
		const struct proposal *p = rec;
		if (in_period(l, p->created))
			bump(l, p->supporter, HUB_LEDGER_PROPOSALS);
		break;
	}
	case RT_WORKSTREAM: {
		const struct workstream *w = rec;
		if (!in_period(l, w->created))
			break;
		for (size_t i = 0; i < w->members.n; i++)
			bump(l, w->members.v[i], HUB_LEDGER_WORKSTREAMS);
		break;
	}
	case RT_ACTION: {
		const struct action *a = rec;
		if (a->status == AS_DONE && in_period(l, a->updated))
			bump(l, a->owner, HUB_LEDGER_ACTIONS);
		break;
	}
	}
}

static int
scan_rec(uint64_t id, const void *data, size_t len, void *arg)
{
	struct lscan *s = arg;
	void *rec = codec_new(s->rtype);
	int rc;

	if ((rc = codec_decode(s->rtype, data, len, rec, s->e)) != 0) {
		free(rec);
		return -rc;
	}
	*(uint64_t *)rec = id;
	count_rec(s->l, s->rtype, rec);
	codec_free_rec(s->rtype, rec);
	return 0;
}

int
hub_ledger_view(struct hub_rd *r, int64_t from, int64_t to,
    struct hub_ledger *l, struct err *e)
{
	static const int types[] = { RT_NEED, RT_SUPPORT, RT_MEETING,
	    RT_POSITION, RT_PROPOSAL, RT_WORKSTREAM, RT_ACTION };
	int rc;

	memset(l, 0, sizeof *l);
	l->from = from;
	l->to = to;
	if ((rc = hub_member_page(r, NULL, 0, member_cb, l, NULL, e)) != 0)
		goto fail;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		struct lscan s = { l, types[i], e };
		if ((rc = hub_page_scan(r, types[i], 0, NULL, 0, scan_rec, &s,
		    NULL, e)) != 0)
			goto fail;
	}
	return 0;
fail:
	hub_ledger_free(l);
	return rc;
}

void
hub_ledger_free(struct hub_ledger *l)
{
	free(l->rows);
	memset(l, 0, sizeof *l);
}

static const char *const ledger_keys[HUB_LEDGER__COUNT] = {
	"needs", "supports", "meetings_room", "meetings_remote", "positions",
	"proposals", "workstreams", "actions_done",
};

const char *
hub_ledger_key(int what)
{
	return what >= 0 && what < HUB_LEDGER__COUNT ? ledger_keys[what] : "";
}

void
hub_ledger_emit(struct emit *em, const struct hub_ledger_row *row)
{
	emit_str(em, "login", row->login);
	for (int k = 0; k < HUB_LEDGER__COUNT; k++)
		emit_u64(em, ledger_keys[k], row->c[k]);
}
