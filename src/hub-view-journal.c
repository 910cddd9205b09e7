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

/* What each journaled op did, in the reader's language. The op token
 * stays the stable name (--json); an op from a newer binary, absent
 * here, is shown as its token. */
static const struct { const char *op, *what; } op_words[] = {
	{ "action.add", N_("action added") },
	{ "action.edit", N_("action edited") },
	{ "action.status", N_("action status changed") },
	{ "agenda.move", N_("agenda reordered") },
	{ "backup.last", N_("backup noted") },
	{ "config.add", N_("setting added") },
	{ "config.lang", N_("language changed") },
	{ "config.map", N_("mapping changed") },
	{ "config.opendata", N_("open data changed") },
	{ "config.remove", N_("setting removed") },
	{ "config.rename", N_("setting renamed") },
	{ "decision.review", N_("decision reviewed") },
	{ "demo.needs", N_("demo needs added") },
	{ "flag.add", N_("report filed") },
	{ "flag.dismiss", N_("report dismissed") },
	{ "hub.init", N_("hub created") },
	{ "mail.digest", N_("digest sent") },
	{ "mail.minutes", N_("minutes sent") },
	{ "meeting.close", N_("meeting closed") },
	{ "meeting.join", N_("meeting joined") },
	{ "meeting.leave", N_("meeting left") },
	{ "meeting.open", N_("meeting opened") },
	{ "meeting.plan", N_("meeting planned") },
	{ "meeting.present", N_("presence noted") },
	{ "meeting.review", N_("meeting reviewed") },
	{ "meeting.take", N_("tension taken up") },
	{ "member.access", N_("access changed") },
	{ "member.add", N_("member added") },
	{ "member.disable", N_("member disabled") },
	{ "member.enable", N_("member enabled") },
	{ "member.forget", N_("member forgotten") },
	{ "member.key.add", N_("key added") },
	{ "member.key.remove", N_("key removed") },
	{ "member.mail", N_("mail address changed") },
	{ "member.place", N_("place changed") },
	{ "member.prefs", N_("preferences changed") },
	{ "member.roles", N_("roles changed") },
	{ "need.add", N_("need added") },
	{ "need.edit", N_("need edited") },
	{ "need.import", N_("needs imported") },
	{ "need.merge", N_("needs merged") },
	{ "need.practice", N_("practice noted") },
	{ "need.status", N_("need status changed") },
	{ "need.support", N_("need supported") },
	{ "position", N_("position taken") },
	{ "proposal.ack", N_("proposal acknowledged") },
	{ "proposal.add", N_("proposal added") },
	{ "proposal.adjourn", N_("proposal adjourned") },
	{ "proposal.amend", N_("proposal amended") },
	{ "proposal.answer", N_("objection answered") },
	{ "proposal.close", N_("proposal closed") },
	{ "proposal.escalate", N_("proposal escalated") },
	{ "proposal.unanimity", N_("unanimity asked") },
	{ "redact", N_("text redacted") },
	{ "round.ballot", N_("ballot cast") },
	{ "round.close", N_("round closed") },
	{ "round.open", N_("round opened") },
	{ "sages.name", N_("sages named") },
	{ "store.backup", N_("backup made") },
	{ "tension.ack", N_("tension acknowledged") },
	{ "tension.add", N_("tension added") },
	{ "tension.drop", N_("tension dropped") },
	{ "tension.link", N_("tension linked") },
	{ "tension.question", N_("question asked") },
	{ "theme.add", N_("theme added") },
	{ "ui.state", N_("interface saved") },
	{ "watch.clear", N_("watch cleared") },
	{ "workstream.add", N_("workstream added") },
	{ "workstream.join", N_("workstream joined") },
};

const char *
hub_journal_what(const char *op)
{
	for (size_t i = 0; i < sizeof op_words / sizeof *op_words; i++)
		if (strcmp(op_words[i].op, op) == 0)
			return _(op_words[i].what);
	return op;
}

/* Summaries the hub journaled as English sentences (existing databases
 * hold them; stored entries never change): the known patterns shown in
 * the reader's language. Anything else (member text) is shown as is. */
static const char *
said(const char *op, const char *sum, char *buf, size_t n)
{
	static const struct { const char *kind, *fmt; } kinds[] = {
		{ "approve", N_("approval on proposal %llu") },
		{ "alert", N_("alert on proposal %llu") },
		{ "withdraw", N_("withdrawal on proposal %llu") },
		{ "block", N_("block on proposal %llu") },
	};
	unsigned long long id;
	int used = 0;
	char kind[16];

	if (sum == NULL)
		return sum;
	if (strcmp(op, "position") == 0 &&
	    sscanf(sum, "%15s on proposal %llu%n", kind, &id, &used) == 2 &&
	    sum[used] == '\0') {
		for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
			if (strcmp(kinds[i].kind, kind) == 0) {
				snprintf(buf, n, _(kinds[i].fmt), id);
				return buf;
			}
	}
	if (strcmp(op, "need.support") == 0 &&
	    sscanf(sum, "support #%llu %n", &id, &used) == 1 && used > 0) {
		snprintf(buf, n, _("support #%llu %s"), id, sum + used);
		return buf;
	}
	return sum;
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
	char masked[120], said_buf[600];
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
	v.what = hub_journal_what(v.op);
	v.noun = je.rtype > 0 ? model_rtype_label((int)je.rtype) : v.record;
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
	v.said = v.masked || je.redacted_by ? v.summary :
	    said(v.op, v.summary, said_buf, sizeof said_buf);
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
	/* The text view reads in the reader's language; --json keeps the
	 * stable tokens and adds the phrase as "what". */
	emit_str(em, "op", em->fmt == EMIT_TEXT ? v->what : v->op);
	emit_str(em, "record", em->fmt == EMIT_TEXT ? v->noun : v->record);
	emit_u64(em, "id", v->rid);
	emit_str(em, "summary", em->fmt == EMIT_TEXT ? v->said : v->summary);
	emit_str(em, "hash|", v->hash);
	if (em->fmt != EMIT_TEXT)
		emit_str(em, "what", v->what);
}
