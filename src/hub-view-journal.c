/* hub-view-journal.c: the journal as a viewer may read it: pages of
 * entries, a hidden round's positions masked until it closes. Read only;
 * it never changes a stored entry (the chain stays verifiable). */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"

#include <stdio.h>
#include <string.h>

/* Which proposal a position entry is about, when its round is hidden and
 * still open (0 otherwise). A position's record names its proposal; the
 * summary is not trusted: entries journaled before the write side hid
 * them carry the kind ("block on proposal 3"). */
static uint64_t
hidden_open_round(struct store_txn *t, const struct jentry *je)
{
	struct position pos;
	struct proposal p;
	struct err e;
	uint64_t id = 0;

	if (je->rtype != RT_POSITION)
		return 0;
	if (store_get(t, RT_POSITION, je->rid, &pos, &e) != 0)
		return 0;
	if (store_get(t, RT_PROPOSAL, pos.proposal, &p, &e) == 0) {
		if (p.hidden && p.status == PS_OPEN)
			id = p.id ? p.id : pos.proposal;
		codec_free(RT_PROPOSAL, &p);
	}
	codec_free(RT_POSITION, &pos);
	return id;
}

static void
hex(const uint8_t *p, char out[65])
{
	static const char h[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = h[p[i] >> 4];
		out[2 * i + 1] = h[p[i] & 15];
	}
	out[64] = '\0';
}

struct jpage {
	struct store_txn *t;
	hub_journal_cb cb;
	void *arg;
	size_t limit, n;
	uint64_t last;
	uint64_t expect;	/* the seq the chain must give next */
	int reverse, more, stopped;
	struct err *e;
	int rc;
};

static int
jpage_cb(uint64_t seq, const void *data, size_t len, void *arg)
{
	struct jpage *p = arg;
	struct hub_journal_view v;
	struct jentry je;
	char masked[120];
	uint64_t prop;
	int stop;

	if (p->limit && p->n >= p->limit) {
		p->more = 1;
		return 1;
	}
	/* Entries are numbered without a gap: a damaged page can make a
	 * cursor skip some silently, so a gap is damage, never a shorter
	 * journal. */
	if (seq != p->expect) {
		p->rc = err_set(p->e, ERR_SYSTEM, "the database is damaged: "
		    "journal entry %llu is missing (run 'cercle verify')",
		    (unsigned long long)p->expect);
		return 1;
	}
	p->expect = p->reverse ? seq - 1 : seq + 1;
	if ((p->rc = codec_decode(RT_JOURNAL, data, len, &je, p->e)) != 0) {
		err_set(p->e, p->rc, "journal entry %llu: %s",
		    (unsigned long long)seq, p->e->msg);
		return 1;
	}
	memset(&v, 0, sizeof v);
	v.seq = seq;
	v.time = je.time;
	v.actor = je.actor ? je.actor : "";
	v.op = je.op ? je.op : "";
	v.record = model_rtype_name((int)je.rtype);
	v.rid = je.rid;
	v.summary = je.summary;
	v.ui = strncmp(v.op, "ui.", 3) == 0;
	hex(je.hash, v.hash);
	if ((prop = hidden_open_round(p->t, &je)) != 0) {
		snprintf(masked, sizeof masked, "position on proposal %llu "
		    "(hidden until closed)", (unsigned long long)prop);
		v.summary = masked;
		v.masked = 1;
	}
	stop = p->cb(&v, p->arg);
	codec_free(RT_JOURNAL, &je);
	p->n++;
	p->last = seq;
	if (stop)
		p->stopped = 1;
	return stop;
}

int
hub_journal_page(struct hub_rd *r, int reverse, const char *after,
    size_t limit, hub_journal_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	struct jpage p;
	uint64_t from, start;
	int rc;

	hub_cursor_set(next, 0);
	if (t == NULL)
		return e->code;
	if ((rc = hub_cursor_id(after, &from, e)) != 0)
		return rc;
	if (reverse) {
		if (from == 1)
			return 0;	/* nothing is older than the first */
		start = from ? from - 1 : 0;
	} else
		start = from + 1;
	memset(&p, 0, sizeof p);
	p.t = t;
	p.cb = cb;
	p.arg = arg;
	p.limit = limit;
	p.e = e;
	p.reverse = reverse;
	p.expect = reverse ? (start ? start : store_journal_last(t)) :
	    (start ? start : 1);
	/* From the top, walk from the edge rather than seek to entry 1. */
	if (!reverse && from == 0)
		start = 0;
	if ((rc = store_scan(t, RT_JOURNAL, start, reverse, jpage_cb, &p,
	    e)) != 0)
		return rc;
	if (p.rc != 0)
		return p.rc;
	if (p.more && !p.stopped)
		hub_cursor_set(next, p.last);
	return 0;
}

void
hub_journal_emit(struct emit *em, const struct hub_journal_view *v)
{
	emit_u64(em, "seq", v->seq);
	emit_time(em, "time", v->time);
	emit_str(em, "actor", v->actor);
	emit_str(em, "op", v->op);
	emit_str(em, "record", v->record);
	emit_u64(em, "id", v->rid);
	emit_str(em, "summary", v->summary);
	emit_str(em, "hash|", v->hash);
}
