/* store-verify.c: `cercle verify` in the store: pages, journal chain,
 * records, indexes, checkpoints and expected heads, each distinct problem
 * once with a count. Reads only; must never write. */
#include "store-int.h"
#include "codec.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A distinct problem: its class (kind and place, without numbers), the
 * first occurrence in words, and how many times it occurred. */
struct vprob {
	char cls[96];
	char first[400];
	uint64_t n;
};

struct vstate {
	struct store_txn *t;
	struct err *e;
	int rtype;
	struct vprob *p;
	size_t np, cap;
	uint64_t expected[IX__COUNT];
	uint64_t prev_seq;
	uint8_t prev_hash[32];
	int have_prev;
	uint64_t records;
	const struct store_verify_opts *o;
	int *seen_expect;
	struct vred *red;	/* redacted entries met, by seq */
	size_t nred, capred;
};

/* A redacted entry: which entry says it redacted it, what it holds now,
 * and whether that entry listed it with the same hold. */
struct vred {
	uint64_t seq, by;
	uint8_t hold[32];
	int confirmed;
};

static void
vprob(struct vstate *vs, const char *cls, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
vprob(struct vstate *vs, const char *cls, const char *fmt, ...)
{
	va_list ap;

	for (size_t i = 0; i < vs->np; i++)
		if (strcmp(vs->p[i].cls, cls) == 0) {
			vs->p[i].n++;
			return;
		}
	if (vs->np == vs->cap) {
		vs->cap = vs->cap ? 2 * vs->cap : 16;
		vs->p = xrealloc(vs->p, vs->cap * sizeof *vs->p);
	}
	snprintf(vs->p[vs->np].cls, sizeof vs->p[vs->np].cls, "%s", cls);
	va_start(ap, fmt);
	/* fmt: English (keyword vprob:3), said in the language
	 * chosen; cls, the problem's class, stays a token. */
	vsnprintf(vs->p[vs->np].first, sizeof vs->p[vs->np].first,
	    gettext(fmt), ap);
	va_end(ap);
	vs->p[vs->np].n = 1;
	vs->np++;
}

static struct vred *
vred_find(struct vstate *vs, uint64_t seq)
{
	size_t lo = 0, hi = vs->nred;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (vs->red[mid].seq == seq)
			return &vs->red[mid];
		if (vs->red[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Moderation (store.c, "redactable entries"). An entry that is not
 * redacted must match its salted commitment; a redacted one must carry
 * no text and be listed, with what it holds now, by a later redaction
 * entry; a redaction entry must name only entries it redacted. */
static void
verify_redaction(struct vstate *vs, uint64_t seq, const struct jentry *je)
{
	char c[65];

	if (je->redacted_by == 0 && je->commit != NULL &&
	    (store_journal_commit(je, c) != 0 || strcmp(c, je->commit) != 0))
		vprob(vs, "journal text", "journal entry %llu: its actor "
		    "or summary differs from what the entry committed to "
		    "(altered)", (unsigned long long)seq);
	if (je->redacted_by != 0) {
		struct vred *r;
		if (je->redacted_by <= seq || je->summary != NULL ||
		    je->salt != NULL)
			vprob(vs, "journal redaction", "journal entry %llu:"
			    " a redaction mark that no redaction made "
			    "(changed outside cercle)",
			    (unsigned long long)seq);
		if (vs->nred == vs->capred) {
			vs->capred = vs->capred ? 2 * vs->capred : 16;
			vs->red = xrealloc(vs->red,
			    vs->capred * sizeof *vs->red);
		}
		r = &vs->red[vs->nred++];
		r->seq = seq;
		r->by = je->redacted_by;
		r->confirmed = 0;
		store_journal_hold(je, r->hold);
	}
	if (je->redacts.n != je->holds.n)
		vprob(vs, "journal redaction", "journal entry %llu: a "
		    "damaged list of redacted entries",
		    (unsigned long long)seq);
	for (size_t i = 0; i < je->redacts.n && i < je->holds.n; i++) {
		struct vred *r = vred_find(vs, je->redacts.v[i]);
		char hx[65];

		/* Redacted again later (member forget): that one seals it. */
		if (r != NULL && r->by > seq)
			continue;
		if (r != NULL) {
			for (int j = 0; j < 32; j++)
				snprintf(hx + 2 * j, 3, "%02x", r->hold[j]);
		}
		if (r == NULL || r->by != seq ||
		    strcmp(hx, je->holds.v[i]) != 0) {
			vprob(vs, "journal redacted", "journal entry %llu: "
			    "differs from what redaction entry %llu sealed "
			    "of it (changed outside cercle)",
			    (unsigned long long)je->redacts.v[i],
			    (unsigned long long)seq);
			continue;
		}
		r->confirmed = 1;
	}
}

static int
verify_journal_cb(uint64_t seq, const void *data, size_t len, void *arg)
{
	struct vstate *vs = arg;
	struct jentry je;
	uint8_t want[32];
	struct err e;
	int linked;

	if (seq != vs->prev_seq + 1)
		vprob(vs, "journal gap", "journal entry %llu: expected "
		    "entry %llu (a gap in the chain)",
		    (unsigned long long)seq,
		    (unsigned long long)(vs->prev_seq + 1));
	linked = seq == vs->prev_seq + 1;
	vs->prev_seq = seq;
	if (codec_decode(RT_JOURNAL, data, len, &je, &e) != 0) {
		vprob(vs, "journal undecodable", "journal entry %llu: %s",
		    (unsigned long long)seq, e.msg);
		vs->have_prev = 0;	/* resynchronise on the next one */
		return 0;
	}
	if (linked && vs->have_prev && memcmp(je.prev, vs->prev_hash, 32) != 0)
		vprob(vs, "journal link", "journal entry %llu: does not "
		    "chain to entry %llu (previous hash differs)",
		    (unsigned long long)seq, (unsigned long long)(seq - 1));
	else if (seq == 1 && memcmp(je.prev, (uint8_t[32]){ 0 }, 32) != 0)
		vprob(vs, "journal link", "journal entry 1: its previous "
		    "hash is not zero");
	memcpy(want, je.hash, 32);
	verify_redaction(vs, seq, &je);
	/* A redacted entry written before moderation has lost text its hash
	 * covered: the hold its redaction recorded stands for it. */
	if (je.redacted_by == 0 || je.commit != NULL) {
		store_journal_hash(&je);
		if (memcmp(want, je.hash, 32) != 0)
			vprob(vs, "journal altered", "journal entry %llu: "
			    "its hash does not match its content (altered)",
			    (unsigned long long)seq);
	}
	for (size_t i = 0; vs->o != NULL && i < vs->o->nexpect; i++)
		if (vs->o->expect[i].seq == seq) {
			vs->seen_expect[i] = 1;
			if (memcmp(vs->o->expect[i].hash, want, 32) != 0)
				vprob(vs, "expect", "journal entry %llu "
				    "differs from the expected head (the "
				    "chain was rewritten, or this is another "
				    "hub)", (unsigned long long)seq);
		}
	/* The next entry is checked against what this one says it is: one
	 * broken link is one problem, not one per later entry. */
	memcpy(vs->prev_hash, want, 32);
	vs->have_prev = 1;
	codec_free(RT_JOURNAL, &je);
	return 0;
}

static int
verify_rec_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct vstate *vs = arg;
	const char *tn = model_rtype_name(vs->rtype);
	struct ixset *set;
	struct jentry je;
	uint8_t jk[9], h[32];
	MDB_val k, v;
	struct err e;
	char cls[96];
	void *rec;

	vs->records++;
	rec = codec_new(vs->rtype);
	if (codec_decode(vs->rtype, data, len, rec, &e) != 0) {
		free(rec);
		snprintf(cls, sizeof cls, "decode %s", tn);
		vprob(vs, cls, "%s #%llu: %s", tn, (unsigned long long)id,
		    e.msg);
		return 0;
	}
	/* The record must be what its last journal entry says was written. */
	jk[0] = (uint8_t)vs->rtype;
	store_be64(id, jk + 1);
	k.mv_size = 9;
	k.mv_data = jk;
	if (mdb_get(vs->t->txn, vs->t->s->jlast, &k, &v) != 0 ||
	    v.mv_size != 8) {
		snprintf(cls, sizeof cls, "unjournaled %s", tn);
		vprob(vs, cls, "%s #%llu: no journal entry wrote it", tn,
		    (unsigned long long)id);
	} else if (store_journal_get(vs->t, store_from_be64(v.mv_data), &je,
	    &e) != 0) {
		snprintf(cls, sizeof cls, "journal of %s", tn);
		vprob(vs, cls, "%s #%llu: %s", tn, (unsigned long long)id,
		    e.msg);
	} else {
		store_sha256(data, len, h);
		if (memcmp(h, je.rec_hash, 32) != 0 || je.rid != id ||
		    je.rtype != (uint64_t)vs->rtype) {
			snprintf(cls, sizeof cls, "changed %s", tn);
			vprob(vs, cls, "%s #%llu: differs from what "
			    "journal entry %llu recorded (changed outside "
			    "cercle)", tn, (unsigned long long)id,
			    (unsigned long long)je.id);
		}
		codec_free(RT_JOURNAL, &je);
	}
	set = xcalloc(1, sizeof *set);
	store_ix_of(vs->rtype, rec, id, set);
	for (size_t i = 0; i < set->n; i++) {
		struct ixent *x = &set->e[i];
		uint8_t kb[IXK_MAX];
		int rc;

		vs->expected[x->ix]++;
		if (store_ix_defs[x->ix].kind == IXK_DUP) {
			size_t plen = store_ixk_dup_prefix(kb, x->ix, x->key,
			    x->klen);
			store_be64(id, kb + plen);
			k.mv_size = plen + 8;
		} else {
			kb[0] = (uint8_t)x->ix;
			memcpy(kb + 1, x->key, x->klen);
			k.mv_size = 1 + x->klen;
		}
		k.mv_data = kb;
		rc = mdb_get(vs->t->txn, vs->t->s->ixdb, &k, &v);
		if (rc == 0 && store_ix_defs[x->ix].kind != IXK_DUP &&
		    (v.mv_size != 8 || store_from_be64(v.mv_data) != id))
			rc = MDB_NOTFOUND;
		if (rc != 0) {
			snprintf(cls, sizeof cls, "index %s",
			    store_ix_defs[x->ix].name);
			vprob(vs, cls, "%s #%llu: missing from index %s",
			    tn, (unsigned long long)id,
			    store_ix_defs[x->ix].name);
		}
	}
	free(set);
	codec_free_rec(vs->rtype, rec);
	return 0;
}

static void
anchor_problem(void *arg, const char *cls, const char *msg)
{
	vprob(arg, cls, "%s", msg);
}

static void
report_problems(struct vstate *vs, struct buf *problems)
{
	for (size_t i = 0; i < vs->np; i++) {
		if (vs->p[i].n > 1)
			buf_printf(problems, ngettext("%s (and %llu more like "
			    "it)\n", "%s (and %llu more like it)\n",
			    vs->p[i].n - 1), vs->p[i].first,
			    (unsigned long long)(vs->p[i].n - 1));
		else
			buf_printf(problems, "%s\n", vs->p[i].first);
	}
	if (vs->np > 0) {
		if (vs->p[0].n > 1)
			err_set(vs->e, ERR_SYSTEM, "%s (and %llu more like it)",
			    vs->p[0].first,
			    (unsigned long long)(vs->p[0].n - 1));
		else
			err_set(vs->e, ERR_SYSTEM, "%s", vs->p[0].first);
	}
}

/* One walk over "ix": entries per index against what the records expect
 * (more: stale entries), and each dup key's count against its ids. */
static void
verify_ix(struct vstate *vs, struct store_txn *t)
{
	uint64_t got[IX__COUNT] = { 0 }, run = 0;
	uint8_t cur[IXK_MAX];
	size_t curlen = 0;
	MDB_cursor *c;
	MDB_val k, v;
	int rc, counts_bad = 0;
	char cls[96];

	if (mdb_cursor_open(t->txn, t->s->ixdb, &c) != 0)
		return;
	rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
	for (; rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		const uint8_t *p = k.mv_data;
		int ix = k.mv_size > 0 ? p[0] : IX__COUNT;
		if (ix >= IX__COUNT) {
			vprob(vs, "index", "index: an entry of no index "
			    "(%u)", (unsigned)ix);
			continue;
		}
		if (store_ix_defs[ix].kind != IXK_DUP) {
			got[ix]++;
			continue;
		}
		if (k.mv_size < 11 || k.mv_size != 3u + (((size_t)p[1] << 8) |
		    p[2]) + 8) {
			snprintf(cls, sizeof cls, "index %s",
			    store_ix_defs[ix].name);
			vprob(vs, cls, "index %s: a damaged key",
			    store_ix_defs[ix].name);
			continue;
		}
		if (curlen != k.mv_size - 8 || memcmp(cur, p, curlen) != 0) {
			if (run != 0)
				counts_bad++;	/* ids and no count */
			curlen = k.mv_size - 8;
			memcpy(cur, p, curlen);
			run = 0;
		}
		if (store_ixk_is_count(&k)) {
			if (v.mv_size != 8 || store_from_be64(v.mv_data) != run)
				counts_bad++;
			run = 0;
			continue;
		}
		got[ix]++;
		run++;
	}
	mdb_cursor_close(c);
	if (run != 0)
		counts_bad++;
	for (int ix = 0; ix < IX__COUNT; ix++) {
		snprintf(cls, sizeof cls, "stale %s", store_ix_defs[ix].name);
		if (got[ix] != vs->expected[ix])
			vprob(vs, cls, "index %s: %llu entries, %llu "
			    "expected (stale entries)", store_ix_defs[ix].name,
			    (unsigned long long)got[ix],
			    (unsigned long long)vs->expected[ix]);
	}
	if (counts_bad)
		vprob(vs, "stale counts", "index: %d key counts differ "
		    "from the ids they count (stale counts)", counts_bad);
}

int
store_verify_ex(struct store *s, struct store_verify_opts *o,
    struct buf *report, struct buf *problems, struct err *e)
{
	struct store_txn *t;
	struct vstate vs;
	uint64_t pages = 0;
	int rc;

	if ((rc = store_begin(s, 0, &t, e)) != 0)
		return rc;
	memset(&vs, 0, sizeof vs);
	vs.t = t;
	vs.e = e;
	vs.o = o;
	vs.seen_expect = xcalloc(o && o->nexpect ? o->nexpect : 1,
	    sizeof *vs.seen_expect);
	err_clear(e);
	/* The pages first: LMDB trusts them, and a damaged header would
	 * crash it. Nothing more is read through LMDB if one is damaged. */
	rc = check_pages(s, t->txn, problems, &pages, e);
	if (rc != 0 || pages > 0) {
		store_abort(t);
		free(vs.seen_expect);
		if (o)
			o->nprob = pages ? pages : 1;
		return ERR_SYSTEM;
	}
	rc = store_scan(t, RT_JOURNAL, 0, 0, verify_journal_cb, &vs, e);
	if (rc == 0)
		buf_printf(report, ngettext("journal: %llu entry\n",
		    "journal: %llu entries\n", vs.prev_seq),
		    (unsigned long long)vs.prev_seq);
	for (size_t i = 0; rc == 0 && i < vs.nred; i++)
		if (!vs.red[i].confirmed)
			vprob(&vs, "journal redacted", "journal entry %llu: "
			    "redacted, but entry %llu does not seal it "
			    "(changed outside cercle)",
			    (unsigned long long)vs.red[i].seq,
			    (unsigned long long)vs.red[i].by);
	if (rc == 0 && vs.nred > 0)
		buf_printf(report, ngettext("journal: %llu entry redacted\n",
		    "journal: %llu entries redacted\n", vs.nred),
		    (unsigned long long)vs.nred);
	free(vs.red);
	for (size_t i = 0; rc == 0 && o != NULL && i < o->nexpect; i++)
		if (!vs.seen_expect[i])
			vprob(&vs, "expect", "journal entry %llu is "
			    "missing (the expected head is past this "
			    "journal's end)",
			    (unsigned long long)o->expect[i].seq);
	for (int rt = 1; rc == 0 && rt < RT__COUNT; rt++) {
		uint64_t before = vs.records;
		if (rt == RT_JOURNAL)
			continue;
		vs.rtype = rt;
		rc = store_scan(t, rt, 0, 0, verify_rec_cb, &vs, e);
		if (vs.records > before)
			buf_printf(report, ngettext("%s: %llu record\n",
			    "%s: %llu records\n", vs.records - before),
			    model_rtype_name(rt),
			    (unsigned long long)(vs.records - before));
	}
	if (rc == 0)
		verify_ix(&vs, t);
	if (rc == 0)
		rc = anchor_verify(t, report, anchor_problem, &vs, e);
	store_abort(t);
	free(vs.seen_expect);
	if (rc != 0) {
		free(vs.p);
		return rc;
	}
	report_problems(&vs, problems);
	if (o) {
		o->nprob = vs.np;
		/* By class, not by the words: they are translated. */
		o->head_first = vs.np > 0 && strcmp(vs.p[0].cls, "expect") == 0;
	}
	free(vs.p);
	return vs.np > 0 ? ERR_SYSTEM : 0;
}

int
store_verify(struct store *s, struct buf *report, struct err *e)
{
	struct store_verify_opts o;
	struct buf probs = { 0 };
	int rc;

	memset(&o, 0, sizeof o);
	rc = store_verify_ex(s, &o, report, &probs, e);
	if (probs.len)
		buf_add(report, probs.p, probs.len);
	buf_free(&probs);
	return rc;
}
