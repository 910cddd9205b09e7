/* hub-view-journal.c: the journal as a viewer may read it: pages of
 * entries, a hidden round's positions masked until it closes. Read only;
 * it never changes a stored entry (the chain stays verifiable). */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"
#include "i18n.h"

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
	uint64_t expect;	/* the seq the chain must give next */
	int reverse;
	struct err *e;
};

static int
jpage_rec(uint64_t seq, const void *data, size_t len, void *arg)
{
	struct jpage *p = arg;
	struct hub_journal_view v;
	struct jentry je;
	char masked[120];
	uint64_t prop;
	int stop, rc;

	/* Entries are numbered without a gap: a damaged page can make a
	 * cursor skip some silently, so a gap is damage, never a shorter
	 * journal. */
	if (seq != p->expect) {
		err_set(p->e, ERR_SYSTEM, "the database is damaged: journal "
		    "entry %llu is missing", (unsigned long long)p->expect);
		err_hint(p->e, N_("run 'cercle verify'"));
		return -ERR_SYSTEM;
	}
	p->expect = p->reverse ? seq - 1 : seq + 1;
	if ((rc = codec_decode(RT_JOURNAL, data, len, &je, p->e)) != 0)
		return -err_set(p->e, rc, "journal entry %llu: %s",
		    (unsigned long long)seq, p->e->msg);
	memset(&v, 0, sizeof v);
	v.seq = seq;
	v.time = je.time;
	v.actor = je.actor ? je.actor : "";
	v.op = je.op ? je.op : "";
	v.record = model_rtype_name((int)je.rtype);
	v.rid = je.rid;
	v.summary = je.summary;
	if (je.redacted_by != 0) {
		/* Moderation: the summary quoted a redacted text. */
		snprintf(masked, sizeof masked, _("(redacted by entry %llu)"),
		    (unsigned long long)je.redacted_by);
		v.summary = masked;
	}
	v.ui = strncmp(v.op, "ui.", 3) == 0;
	hex(je.hash, v.hash);
	if ((prop = hidden_open_round(p->t, &je)) != 0) {
		snprintf(masked, sizeof masked, _("position on proposal %llu "
		    "(hidden until closed)"), (unsigned long long)prop);
		v.summary = masked;
		v.masked = 1;
	}
	stop = p->cb(&v, p->arg);
	codec_free(RT_JOURNAL, &je);
	return stop != 0;
}

int
hub_journal_page(struct hub_rd *r, int reverse, const char *after,
    size_t limit, hub_journal_cb cb, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	struct jpage p = { t, cb, arg, 0, reverse, e };
	uint64_t from;
	int rc;

	hub_cursor_set(next, 0);
	if (t == NULL)
		return e->code;
	if ((rc = hub_cursor_id(after, &from, e)) != 0)
		return rc;
	p.expect = reverse ? (from ? from - 1 : store_journal_last(t)) :
	    from + 1;
	return hub_page_scan(r, RT_JOURNAL, reverse, after, limit, jpage_rec,
	    &p, next, e);
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
