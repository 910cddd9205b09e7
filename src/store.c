/* store.c: LMDB environment, records, indexes kept in step, the SHA-256
 * journal chain, and verify. Knows record layouts only through codec and
 * the index table below; must not apply governance rules (that is hub). */
#include "store-int.h"
#include "codec.h"

#include <openssl/rand.h>
#include <openssl/sha.h>
#include <errno.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct store_ixdef store_ix_defs[IX__COUNT] = {
	[IX_MEMBER_LOGIN] = { "ix_member_login", IXK_UNIQUE },
	[IX_KEY_FP] = { "ix_key_fp", IXK_UNIQUE },
	[IX_NEED_STATUS] = { "ix_need_status", IXK_DUP },
	[IX_NEED_TERRITORY] = { "ix_need_territory", IXK_DUP },
	[IX_NEED_CATEGORY] = { "ix_need_category", IXK_DUP },
	[IX_NEED_SUPPORT] = { "ix_need_support", IXK_SORT },
	[IX_NEED_TERRS] = { "ix_need_terrs", IXK_SORT },
	[IX_SUPPORT_NEED] = { "ix_support_need", IXK_DUP },
	[IX_SUPPORT_KEY] = { "ix_support_key", IXK_UNIQUE },
	[IX_TENSION_STATUS] = { "ix_tension_status", IXK_DUP },
	[IX_PROPOSAL_TENSION] = { "ix_proposal_tension", IXK_DUP },
	[IX_POSITION_PROPOSAL] = { "ix_position_proposal", IXK_DUP },
	[IX_ACTION_DECISION] = { "ix_action_decision", IXK_DUP },
	[IX_BALLOT_KEY] = { "ix_ballot_key", IXK_UNIQUE },
	[IX_NEED_ROUND] = { "ix_need_round", IXK_DUP },
	[IX_NEED_PUBLIC] = { "ix_need_public", IXK_DUP },
	[IX_NEED_EXTID] = { "ix_need_extid", IXK_DUP },
	[IX_POSITION_KEY] = { "ix_position_key", IXK_DUP },
};

void
store_be64(uint64_t v, uint8_t out[8])
{
	for (int i = 7; i >= 0; i--) {
		out[i] = (uint8_t)(v & 0xff);
		v >>= 8;
	}
}

uint64_t
store_from_be64(const uint8_t in[8])
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | in[i];
	return v;
}

/* The database of a record type; 0 (LMDB's unnamed one) is never a valid
 * answer, so callers refuse it. */
MDB_dbi
store_rec_dbi(const struct store *s, int rtype)
{
	if (rtype == RT_JOURNAL)
		return s->journal;
	if (rtype <= 0 || rtype >= RT__COUNT)
		return 0;
	return s->rec[rtype];
}

/* what: an English phrase (keywords store_lmdb_err:3, store_txn_err:4),
 * said in the language chosen, like the rest of the message. */
int
store_lmdb_err(struct err *e, int rc, const char *what)
{
	what = gettext(what);
	if (rc == MDB_MAP_FULL)
		return err_set(e, ERR_SYSTEM, "%s: the database map is full",
		    what);
	if (rc == ENOSPC || rc == EDQUOT || rc == EFBIG)
		return err_set(e, ERR_SYSTEM, "%s: no space left on the disk "
		    "(%s); nothing was changed", what, strerror(rc));
	/* LMDB reports a short write (a full disk or a file-size limit
	 * reached mid-commit) as EIO. The commit did not happen. */
	if (rc == EIO)
		return err_set(e, ERR_SYSTEM, "%s: input/output error writing "
		    "the database (is the disk full?); nothing was changed",
		    what);
	if (rc == EACCES)
		return err_set(e, ERR_SYSTEM, "%s: permission denied", what);
	if (rc == MDB_INVALID || rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND)
		return err_set(e, ERR_SYSTEM, "%s: the database is damaged or "
		    "not a cercle database (%s)", what, mdb_strerror(rc));
	if (rc == MDB_VERSION_MISMATCH)
		return err_set(e, ERR_SYSTEM, "%s: made by another LMDB "
		    "version (%s)", what, mdb_strerror(rc));
	return err_set(e, ERR_SYSTEM, "%s: %s", what, mdb_strerror(rc));
}

/* A write that failed for want of map space marks its transaction, so
 * hub_run knows to grow the map and redo the operation (whatever message
 * the operation finally returns). */
int
store_txn_err(struct store_txn *t, struct err *e, int rc, const char *what)
{
	if (rc == MDB_MAP_FULL)
		t->map_full = 1;
	return store_lmdb_err(e, rc, what);
}

/* ---- index keys of each record ---- */

static void
ix_add(struct ixset *s, int ix, const void *k, size_t klen)
{
	if (s->n == IX_MAXSET || klen > IX_MAXKEY || klen == 0) {
		s->overflow = 1;
		return;
	}
	s->e[s->n].ix = ix;
	s->e[s->n].klen = klen;
	memcpy(s->e[s->n].key, k, klen);
	s->n++;
}

static void
ix_add_u64(struct ixset *s, int ix, uint64_t v)
{
	uint8_t k[8];

	store_be64(v, k);
	ix_add(s, ix, k, 8);
}

static void
ix_add_pair(struct ixset *s, int ix, uint64_t a, uint64_t b)
{
	uint8_t k[16];

	store_be64(a, k);
	store_be64(b, k + 8);
	ix_add(s, ix, k, 16);
}

static void
ix_add_str(struct ixset *s, int ix, const char *str)
{
	if (str != NULL && *str != '\0')
		ix_add(s, ix, str, strlen(str));
}

void
store_ix_of(int rtype, const void *rec, uint64_t id, struct ixset *s)
{
	s->n = 0;
	s->overflow = 0;
	switch (rtype) {
	case RT_MEMBER: {
		const struct member *m = rec;
		ix_add_str(s, IX_MEMBER_LOGIN, m->login);
		for (size_t i = 0; i < m->key_fps.n; i++)
			ix_add_str(s, IX_KEY_FP, m->key_fps.v[i]);
		break;
	}
	case RT_NEED: {
		const struct need *n = rec;
		uint8_t st = (uint8_t)n->status;
		ix_add(s, IX_NEED_STATUS, &st, 1);
		ix_add_str(s, IX_NEED_TERRITORY, n->territory);
		ix_add_str(s, IX_NEED_CATEGORY, n->category);
		ix_add_str(s, IX_NEED_ROUND, n->round);
		ix_add_str(s, IX_NEED_PUBLIC, n->public_);
		ix_add_str(s, IX_NEED_EXTID, n->external_id);
		ix_add_pair(s, IX_NEED_SUPPORT, n->supports, id);
		ix_add_pair(s, IX_NEED_TERRS, n->territories.n, id);
		break;
	}
	case RT_SUPPORT: {
		const struct support *p = rec;
		ix_add_u64(s, IX_SUPPORT_NEED, p->need);
		ix_add_pair(s, IX_SUPPORT_KEY, p->need, p->member);
		break;
	}
	case RT_TENSION: {
		const struct tension *t = rec;
		uint8_t st = (uint8_t)t->status;
		ix_add(s, IX_TENSION_STATUS, &st, 1);
		break;
	}
	case RT_PROPOSAL:
		ix_add_u64(s, IX_PROPOSAL_TENSION,
		    ((const struct proposal *)rec)->tension);
		break;
	case RT_POSITION: {
		const struct position *p = rec;
		ix_add_u64(s, IX_POSITION_PROPOSAL, p->proposal);
		ix_add_pair(s, IX_POSITION_KEY, p->proposal, p->member);
		break;
	}
	case RT_ACTION:
		ix_add_u64(s, IX_ACTION_DECISION,
		    ((const struct action *)rec)->decision);
		break;
	case RT_BALLOT: {
		const struct ballot *b = rec;
		ix_add_pair(s, IX_BALLOT_KEY, b->round, b->member);
		break;
	}
	}
}

static int
ix_has(const struct ixset *s, const struct ixent *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].ix == x->ix && s->e[i].klen == x->klen &&
		    memcmp(s->e[i].key, x->key, x->klen) == 0)
			return 1;
	return 0;
}


void
store_rec_key(uint64_t id, uint8_t k[8], MDB_val *v)
{
	store_be64(id, k);
	v->mv_size = 8;
	v->mv_data = k;
}

/* The next id is one past the larger of the record type's last key and
 * the counter schema 1 kept in meta (read, no longer written): records
 * are never deleted, so the last key is the highest id ever written, and
 * reading it dirties no page. Ids handed out in this transaction are
 * remembered, so two allocations before the puts differ. */
int
store_next_id(struct store_txn *t, int rtype, uint64_t *id, struct err *e)
{
	char name[32];
	MDB_cursor *c;
	MDB_val k, v;
	uint64_t last = 0;
	int rc;

	if (rtype <= 0 || rtype >= RT__COUNT || rtype == RT_JOURNAL)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	if (!t->write)
		return err_set(e, ERR_SYSTEM, "write in a read transaction");
	if (t->next[rtype] == 0) {
		snprintf(name, sizeof name, "seq.%s", model_rtype_name(rtype));
		k.mv_size = strlen(name);
		k.mv_data = name;
		rc = mdb_get(t->txn, t->s->meta, &k, &v);
		if (rc == 0 && v.mv_size == 8)
			last = store_from_be64(v.mv_data);
		else if (rc != 0 && rc != MDB_NOTFOUND)
			return store_lmdb_err(e, rc, "cannot read an id counter");
		if ((rc = mdb_cursor_open(t->txn, t->s->rec[rtype], &c)) != 0)
			return store_lmdb_err(e, rc, "cannot read an id counter");
		rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
		mdb_cursor_close(c);
		if (rc == 0 && k.mv_size == 8 &&
		    store_from_be64(k.mv_data) > last)
			last = store_from_be64(k.mv_data);
		else if (rc != 0 && rc != MDB_NOTFOUND)
			return store_lmdb_err(e, rc, "cannot read an id counter");
		t->next[rtype] = last + 1;
	}
	*id = t->next[rtype]++;
	return 0;
}

int
store_get(struct store_txn *t, int rtype, uint64_t id, void *rec,
    struct err *e)
{
	uint8_t kb[8];
	MDB_val k, v;
	int rc;

	if (rtype == RT_JOURNAL || store_rec_dbi(t->s, rtype) == 0)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	store_rec_key(id, kb, &k);
	rc = mdb_get(t->txn, t->s->rec[rtype], &k, &v);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no %s #%llu",
		    model_rtype_label(rtype), (unsigned long long)id);
	if (rc != 0)
		return store_lmdb_err(e, rc, "cannot read a record");
	if (codec_decode(rtype, v.mv_data, v.mv_size, rec, e) != 0) {
		size_t n = strlen(e->msg);
		snprintf(e->msg + n, sizeof e->msg - n, " (#%llu)",
		    (unsigned long long)id);
		return ERR_SYSTEM;
	}
	if (rtype != RT_CONFIG)
		*(uint64_t *)rec = id;
	return 0;
}

int
store_get_raw(struct store_txn *t, int rtype, uint64_t id,
    const void **data, size_t *len, struct err *e)
{
	uint8_t kb[8];
	MDB_val k, v;
	int rc;

	if (rtype == RT_JOURNAL || store_rec_dbi(t->s, rtype) == 0)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	if (t->getc != NULL && t->getc_rt != rtype) {
		mdb_cursor_close(t->getc);
		t->getc = NULL;
	}
	if (t->getc == NULL) {
		if ((rc = mdb_cursor_open(t->txn, t->s->rec[rtype],
		    &t->getc)) != 0)
			return store_lmdb_err(e, rc, "cannot open a cursor");
		t->getc_rt = rtype;
	}
	store_rec_key(id, kb, &k);
	rc = mdb_cursor_get(t->getc, &k, &v, MDB_SET);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no %s #%llu",
		    model_rtype_label(rtype), (unsigned long long)id);
	if (rc != 0)
		return store_lmdb_err(e, rc, "cannot read a record");
	*data = v.mv_data;
	*len = v.mv_size;
	return 0;
}

/* ---- the one index database (schema 3) ----
 *
 * Every index lives in "ix", a plain (not DUPSORT) B-tree, so a write
 * that touches several indexes copies one tree's root-to-leaf paths, not
 * one per index (and a DUPSORT index's sub-tree besides). Keys start with
 * the index number, so each index is a contiguous range:
 *   unique and sort: [ix][key]                  -> id (8 bytes, BE)
 *   dup:             [ix][klen: 2 BE][key][id]  -> empty
 *   dup count:       [ix][klen: 2 BE][key][FF x 8] -> number of ids (8 BE)
 * A dup key's ids are in id order and its count sorts right after them,
 * where a new record's entry is appended: adding a record usually dirties
 * the same leaf for both. The count keeps store_ix_count O(1) (the lists
 * pick the smallest index entry by it). */

static int
ix_count_add(struct store_txn *t, const uint8_t *pre, size_t plen, int delta,
    struct err *e)
{
	uint8_t kb[IXK_MAX], vb[8];
	MDB_val k = { plen + 8, kb }, v;
	uint64_t n = 0;
	int rc;

	memcpy(kb, pre, plen);
	memcpy(kb + plen, store_ix_count_sfx, 8);
	rc = mdb_get(t->txn, t->s->ixdb, &k, &v);
	if (rc == 0 && v.mv_size == 8)
		n = store_from_be64(v.mv_data);
	else if (rc != 0 && rc != MDB_NOTFOUND)
		return store_txn_err(t, e, rc, "cannot update an index count");
	if (delta < 0 && n == 0)
		return 0;
	n = delta < 0 ? n - 1 : n + 1;
	if (n == 0)
		rc = mdb_del(t->txn, t->s->ixdb, &k, NULL);
	else {
		store_be64(n, vb);
		v.mv_size = 8;
		v.mv_data = vb;
		rc = mdb_put(t->txn, t->s->ixdb, &k, &v, 0);
	}
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_txn_err(t, e, rc, "cannot update an index count");
	return 0;
}

int
store_ix_apply(struct store_txn *t, const struct ixent *x, uint64_t id, int del,
    struct err *e)
{
	uint8_t kb[IXK_MAX], vb[8];
	MDB_val k, v;
	int rc;

	if (store_ix_defs[x->ix].kind == IXK_DUP) {
		size_t plen = store_ixk_dup_prefix(kb, x->ix, x->key, x->klen);
		store_be64(id, kb + plen);
		k.mv_size = plen + 8;
		k.mv_data = kb;
		if (del) {
			rc = mdb_del(t->txn, t->s->ixdb, &k, NULL);
			if (rc == MDB_NOTFOUND)
				return 0;
			if (rc != 0)
				return store_txn_err(t, e, rc, "cannot update an "
				    "index");
			return ix_count_add(t, kb, plen, -1, e);
		}
		v.mv_size = 0;
		v.mv_data = vb;
		rc = mdb_put(t->txn, t->s->ixdb, &k, &v, MDB_NOOVERWRITE);
		if (rc == MDB_KEYEXIST)
			return 0;
		if (rc != 0)
			return store_txn_err(t, e, rc, "cannot update an index");
		return ix_count_add(t, kb, plen, 1, e);
	}
	kb[0] = (uint8_t)x->ix;
	memcpy(kb + 1, x->key, x->klen);
	k.mv_size = 1 + x->klen;
	k.mv_data = kb;
	if (del) {
		rc = mdb_del(t->txn, t->s->ixdb, &k, NULL);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return store_txn_err(t, e, rc, "cannot update an index");
		return 0;
	}
	if (store_ix_defs[x->ix].kind == IXK_UNIQUE) {
		MDB_val old;
		rc = mdb_get(t->txn, t->s->ixdb, &k, &old);
		if (rc == 0) {
			if (old.mv_size == 8 &&
			    store_from_be64(old.mv_data) == id)
				return 0;
			return err_set(e, ERR_REFUSED, "'%.*s' is already "
			    "taken", (int)(x->klen > 80 ? 80 : x->klen),
			    (const char *)x->key);
		}
	}
	store_be64(id, vb);
	v.mv_size = 8;
	v.mv_data = vb;
	rc = mdb_put(t->txn, t->s->ixdb, &k, &v, 0);
	if (rc != 0)
		return store_txn_err(t, e, rc, "cannot update an index");
	return 0;
}

void
store_sha256(const void *p, size_t n, uint8_t out[32])
{
	SHA256(p, n, out);
}

int
store_journal_load_tail(struct store_txn *t, struct err *e)
{
	MDB_cursor *c;
	MDB_val k, v;
	int rc;

	if (t->jloaded)
		return 0;
	memset(t->jhash, 0, 32);
	t->jseq = 0;
	if ((rc = mdb_cursor_open(t->txn, t->s->journal, &c)) != 0)
		return store_lmdb_err(e, rc, "cannot read the journal");
	rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	if (rc == 0) {
		struct jentry je;
		if (k.mv_size != 8 ||
		    codec_decode(RT_JOURNAL, v.mv_data, v.mv_size, &je, e)) {
			mdb_cursor_close(c);
			return err_set(e, ERR_SYSTEM, "the last journal entry "
			    "is damaged: run 'cercle verify'");
		}
		t->jseq = store_from_be64(k.mv_data);
		memcpy(t->jhash, je.hash, 32);
		codec_free(RT_JOURNAL, &je);
	} else if (rc != MDB_NOTFOUND) {
		mdb_cursor_close(c);
		return store_lmdb_err(e, rc, "cannot read the journal");
	}
	mdb_cursor_close(c);
	t->jloaded = 1;
	return 0;
}

static int
journal_append(struct store_txn *t, int rtype, uint64_t id,
    const uint8_t rec_hash[32], struct err *e)
{
	struct jentry je;
	struct buf b = { 0 };
	uint8_t kb[8], jk[9], salt[16];
	char salthex[33], commit[65];
	MDB_val k, v;
	int rc;

	if (store_journal_load_tail(t, e) != 0)
		return e->code;
	memset(&je, 0, sizeof je);
	je.time = util_now();
	je.actor = (char *)t->actor;
	je.op = (char *)t->op;
	je.rtype = (uint64_t)rtype;
	je.rid = id;
	je.summary = (char *)t->summary;
	memcpy(je.prev, t->jhash, 32);
	memcpy(je.rec_hash, rec_hash, 32);
	/* Salted commitment of actor and summary (redactable entries). */
	RAND_bytes(salt, sizeof salt);
	store_hex(salt, sizeof salt, salthex);
	je.salt = salthex;
	store_journal_commit(&je, commit);
	je.commit = commit;
	if (t->redact != NULL) {
		je.redacts = t->redact->seqs;
		je.holds = t->redact->holds;
	}
	store_journal_hash(&je);
	codec_encode(RT_JOURNAL, &je, &b);
	store_journal_redact_drop(t);
	store_rec_key(t->jseq + 1, kb, &k);
	v.mv_size = b.len;
	v.mv_data = b.p;
	rc = mdb_put(t->txn, t->s->journal, &k, &v, MDB_APPEND);
	buf_free(&b);
	if (rc != 0)
		return store_txn_err(t, e, rc, "cannot append to the journal");
	t->jseq++;
	memcpy(t->jhash, je.hash, 32);
	jk[0] = (uint8_t)rtype;
	store_be64(id, jk + 1);
	k.mv_size = 9;
	k.mv_data = jk;
	v.mv_size = 8;
	v.mv_data = kb;
	if ((rc = mdb_put(t->txn, t->s->jlast, &k, &v, 0)) != 0)
		return store_txn_err(t, e, rc, "cannot index the journal");
	return 0;
}

int
store_put(struct store_txn *t, int rtype, uint64_t id, const void *rec,
    struct err *e)
{
	struct ixset *olds = NULL, *news = NULL;
	struct buf b = { 0 };
	uint8_t kb[8], h[32];
	MDB_val k, v;
	void *old = NULL;
	int rc;

	if (!t->write)
		return err_set(e, ERR_SYSTEM, "write in a read transaction");
	/* The journal is written only by journal_append. */
	if (rtype == RT_JOURNAL || store_rec_dbi(t->s, rtype) == 0)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	olds = xcalloc(1, sizeof *olds);
	news = xcalloc(1, sizeof *news);
	store_ix_of(rtype, rec, id, news);
	if (news->overflow) {
		rc = err_set(e, ERR_USAGE, "too many index keys for %s #%llu",
		    model_rtype_name(rtype), (unsigned long long)id);
		goto out;
	}
	store_rec_key(id, kb, &k);
	rc = mdb_get(t->txn, t->s->rec[rtype], &k, &v);
	if (rc == 0) {
		old = codec_new(rtype);
		if ((rc = codec_decode(rtype, v.mv_data, v.mv_size, old,
		    e)) != 0)
			goto out;
		store_ix_of(rtype, old, id, olds);
	} else if (rc != MDB_NOTFOUND) {
		rc = store_lmdb_err(e, rc, "cannot read a record");
		goto out;
	}
	for (size_t i = 0; i < olds->n; i++)
		if (!ix_has(news, &olds->e[i]) &&
		    (rc = store_ix_apply(t, &olds->e[i], id, 1, e)) != 0)
			goto out;
	for (size_t i = 0; i < news->n; i++)
		if (!ix_has(olds, &news->e[i]) &&
		    (rc = store_ix_apply(t, &news->e[i], id, 0, e)) != 0)
			goto out;
	codec_encode(rtype, rec, &b);
	v.mv_size = b.len;
	v.mv_data = b.p;
	if ((rc = mdb_put(t->txn, t->s->rec[rtype], &k, &v, 0)) != 0) {
		rc = store_txn_err(t, e, rc, "cannot write a record");
		goto out;
	}
	store_sha256(b.p, b.len, h);
	rc = journal_append(t, rtype, id, h, e);
out:
	buf_free(&b);
	if (old)
		codec_free_rec(rtype, old);
	free(olds);
	free(news);
	return rc;
}

uint64_t
store_count(struct store_txn *t, int rtype)
{
	MDB_dbi dbi = store_rec_dbi(t->s, rtype);
	MDB_stat st;

	if (dbi == 0 || mdb_stat(t->txn, dbi, &st) != 0)
		return 0;
	return st.ms_entries;
}

int
store_scan(struct store_txn *t, int rtype, uint64_t start, int reverse,
    store_rec_cb cb, void *arg, struct err *e)
{
	MDB_dbi dbi = store_rec_dbi(t->s, rtype);
	MDB_cursor *c;
	MDB_val k, v;
	uint8_t kb[8];
	int rc;

	if (dbi == 0)
		return err_set(e, ERR_SYSTEM, "no record type %d", rtype);
	if ((rc = mdb_cursor_open(t->txn, dbi, &c)) != 0)
		return store_lmdb_err(e, rc, "cannot open a cursor");
	if (start == 0)
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_LAST : MDB_FIRST);
	else {
		store_rec_key(start, kb, &k);
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		if (reverse) {
			if (rc == MDB_NOTFOUND)
				rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
			else if (rc == 0 && store_from_be64(k.mv_data) != start)
				rc = mdb_cursor_get(c, &k, &v, MDB_PREV);
		}
	}
	while (rc == 0) {
		if (k.mv_size != 8) {
			mdb_cursor_close(c);
			return err_set(e, ERR_SYSTEM, "damaged %s key",
			    model_rtype_name(rtype));
		}
		if (cb(store_from_be64(k.mv_data), v.mv_data, v.mv_size, arg))
			break;
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_lmdb_err(e, rc, "cannot scan");
	return 0;
}

/* Position c on the last key <= want (reverse walks start there). */
static int
seek_le(MDB_cursor *c, MDB_val *k, MDB_val *v, const void *want, size_t wlen)
{
	int rc;

	k->mv_size = wlen;
	k->mv_data = (void *)want;
	rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	if (rc == 0 && (k->mv_size != wlen || memcmp(k->mv_data, want,
	    wlen) != 0))
		rc = mdb_cursor_get(c, k, v, MDB_PREV);
	return rc;
}

int
store_ix_scan(struct store_txn *t, int ix, const void *key, size_t klen,
    uint64_t start, int reverse, store_id_cb cb, void *arg, struct err *e)
{
	MDB_cursor *c;
	MDB_val k, v;
	uint8_t pre[IXK_MAX], want[IXK_MAX];
	size_t plen;
	int rc, dup;

	if (ix < 0 || ix >= IX__COUNT)
		return err_set(e, ERR_SYSTEM, "no index %d", ix);
	dup = store_ix_defs[ix].kind == IXK_DUP;
	/* An empty or over-long key cannot be in the index: no match,
	 * rather than LMDB's "bad value size". */
	if (key != NULL && (klen == 0 || klen > IX_MAXKEY))
		return 0;
	if (key != NULL && !dup) {
		uint64_t id;
		struct err e2;
		if ((rc = store_ix_get(t, ix, key, klen, &id, &e2)) == 0)
			cb(id, arg);
		else if (rc != ERR_NOTFOUND)
			return err_set(e, rc, "%s", e2.msg);
		return 0;
	}
	if (key == NULL) {
		/* Every entry of the index, in key order. */
		pre[0] = (uint8_t)ix;
		plen = 1;
	} else
		plen = store_ixk_dup_prefix(pre, ix, key, klen);
	if ((rc = mdb_cursor_open(t->txn, t->s->ixdb, &c)) != 0)
		return store_lmdb_err(e, rc, "cannot open a cursor");
	memcpy(want, pre, plen);
	if (key == NULL) {
		want[0] = (uint8_t)(ix + 1);	/* just past the index */
		if (reverse)
			rc = seek_le(c, &k, &v, want, 1);
		else {
			k.mv_size = 1;
			k.mv_data = pre;
			rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		}
	} else {
		if (start != 0)
			store_be64(start, want + plen);
		else
			memcpy(want + plen, reverse ? store_ix_count_sfx :
			    (const uint8_t *)"\0\0\0\0\0\0\0\0", 8);
		if (reverse)
			rc = seek_le(c, &k, &v, want, plen + 8);
		else {
			k.mv_size = plen + 8;
			k.mv_data = want;
			rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		}
	}
	while (rc == 0) {
		uint64_t id;
		if (k.mv_size < plen || memcmp(k.mv_data, pre, plen) != 0)
			break;
		if (dup) {
			if (store_ixk_is_count(&k))
				goto next;
			if (k.mv_size < 11 || (key != NULL &&
			    k.mv_size != plen + 8)) {
				mdb_cursor_close(c);
				return err_set(e, ERR_SYSTEM, "damaged index "
				    "%s", store_ix_defs[ix].name);
			}
			id = store_from_be64((const uint8_t *)k.mv_data +
			    k.mv_size - 8);
		} else {
			if (v.mv_size != 8) {
				mdb_cursor_close(c);
				return err_set(e, ERR_SYSTEM, "damaged index "
				    "%s", store_ix_defs[ix].name);
			}
			id = store_from_be64(v.mv_data);
		}
		if (cb(id, arg))
			break;
next:
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_lmdb_err(e, rc, "cannot scan an index");
	return 0;
}

int
store_ix_get(struct store_txn *t, int ix, const void *key, size_t klen,
    uint64_t *id, struct err *e)
{
	uint8_t kb[IXK_MAX];
	MDB_val k = { klen + 1, kb }, v;
	int rc;

	if (ix < 0 || ix >= IX__COUNT || klen == 0 || klen > IX_MAXKEY ||
	    store_ix_defs[ix].kind == IXK_DUP)
		return err_set(e, ERR_NOTFOUND, "not found");
	kb[0] = (uint8_t)ix;
	memcpy(kb + 1, key, klen);
	rc = mdb_get(t->txn, t->s->ixdb, &k, &v);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "not found");
	if (rc != 0)
		return store_lmdb_err(e, rc, "cannot read an index");
	if (v.mv_size != 8)
		return err_set(e, ERR_SYSTEM, "damaged index %s",
		    store_ix_defs[ix].name);
	*id = store_from_be64(v.mv_data);
	return 0;
}

uint64_t
store_ix_count(struct store_txn *t, int ix, const void *key, size_t klen)
{
	uint8_t kb[IXK_MAX];
	MDB_val k, v;
	size_t plen;
	uint64_t id;
	struct err e;

	if (ix < 0 || ix >= IX__COUNT || klen == 0 || klen > IX_MAXKEY)
		return 0;
	if (store_ix_defs[ix].kind != IXK_DUP)
		return store_ix_get(t, ix, key, klen, &id, &e) == 0;
	plen = store_ixk_dup_prefix(kb, ix, key, klen);
	memcpy(kb + plen, store_ix_count_sfx, 8);
	k.mv_size = plen + 8;
	k.mv_data = kb;
	if (mdb_get(t->txn, t->s->ixdb, &k, &v) != 0 || v.mv_size != 8)
		return 0;
	return store_from_be64(v.mv_data);
}

uint64_t
store_journal_last(struct store_txn *t)
{
	struct err e;

	if (store_journal_load_tail(t, &e) != 0)
		return 0;
	return t->jseq;
}

int
store_journal_get(struct store_txn *t, uint64_t seq, struct jentry *je,
    struct err *e)
{
	uint8_t kb[8];
	MDB_val k, v;
	int rc;

	store_rec_key(seq, kb, &k);
	rc = mdb_get(t->txn, t->s->journal, &k, &v);
	if (rc == MDB_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no journal entry %llu",
		    (unsigned long long)seq);
	if (rc != 0)
		return store_lmdb_err(e, rc, "cannot read the journal");
	if (codec_decode(RT_JOURNAL, v.mv_data, v.mv_size, je, e) != 0)
		return err_set(e, ERR_SYSTEM, "journal entry %llu is damaged",
		    (unsigned long long)seq);
	je->id = seq;
	return 0;
}
/* Walk a sorted (non-DUPSORT) index from a key: paging a sort needs to
 * resume after the last composite key shown, which store_ix_scan cannot. */
int
store_ix_walk(struct store_txn *t, int ix, const void *from, size_t flen,
    int reverse, store_key_cb cb, void *arg, struct err *e)
{
	MDB_cursor *c;
	MDB_val k, v;
	uint8_t want[IXK_MAX];
	int rc;

	if (ix < 0 || ix >= IX__COUNT || store_ix_defs[ix].kind == IXK_DUP)
		return err_set(e, ERR_SYSTEM, "store_ix_walk on a DUPSORT "
		    "index");
	if (flen > IX_MAXKEY)
		return 0;
	if ((rc = mdb_cursor_open(t->txn, t->s->ixdb, &c)) != 0)
		return store_lmdb_err(e, rc, "cannot open a cursor");
	want[0] = (uint8_t)ix;
	if (from == NULL || flen == 0) {
		flen = 0;
		if (reverse) {
			want[0] = (uint8_t)(ix + 1);
			rc = seek_le(c, &k, &v, want, 1);
		} else {
			k.mv_size = 1;
			k.mv_data = want;
			rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		}
	} else {
		memcpy(want + 1, from, flen);
		if (reverse)
			rc = seek_le(c, &k, &v, want, flen + 1);
		else {
			k.mv_size = flen + 1;
			k.mv_data = want;
			rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		}
	}
	while (rc == 0) {
		if (k.mv_size < 1 || *(const uint8_t *)k.mv_data != ix)
			break;
		if (v.mv_size != 8) {
			mdb_cursor_close(c);
			return err_set(e, ERR_SYSTEM, "damaged index %s",
			    store_ix_defs[ix].name);
		}
		if (cb((const uint8_t *)k.mv_data + 1, k.mv_size - 1,
		    store_from_be64(v.mv_data), arg))
			break;
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_lmdb_err(e, rc, "cannot walk an index");
	return 0;
}
