/* store-redact.c: redactable journal entries (moderation, issue 16): the
 * salted commitments and hashes of entries, and the one change ever made
 * to earlier entries (store_journal_redact). Must not decide who may. */
#include "store-int.h"
#include "codec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- redactable entries (moderation, issue 16) ----
 * An entry's hash covers its encoding with the hash field zeroed. Since
 * moderation, an entry also carries a random salt and a commitment
 * SHA-256(salt || actor || 0 || summary); when it does, the hash covers
 * the commitment and leaves actor, summary and salt out, so a redaction
 * can remove them (and the salt, which makes the commitment useless for
 * guessing the text) without breaking the chain. redacted_by is left out
 * of every hash: it is written later, by the redaction. An entry written
 * before has no commitment: its hash still covers its text, and a
 * redaction of it is sealed by the hold that the redaction entry records
 * (see store_journal_hold). */
static void
journal_hash_as(const struct jentry *src, int personal, uint8_t out[32])
{
	struct jentry je = *src;
	struct buf b = { 0 };

	memset(je.hash, 0, 32);
	je.redacted_by = 0;
	if (!personal) {
		je.actor = NULL;
		je.summary = NULL;
		je.salt = NULL;
	}
	codec_encode(RT_JOURNAL, &je, &b);
	store_sha256(b.p, b.len, out);
	buf_free(&b);
}

void
store_journal_hash(struct jentry *je)
{
	uint8_t h[32];

	journal_hash_as(je, je->commit == NULL, h);
	memcpy(je->hash, h, 32);
}

/* What a redaction seals of an entry it redacted: the entry as it stands
 * after the redaction (its replacement actor included), without summary
 * and salt. */
void
store_journal_hold(const struct jentry *je, uint8_t out[32])
{
	struct jentry c = *je;

	c.summary = NULL;
	c.salt = NULL;
	c.redacted_by = 0;
	memset(c.hash, 0, 32);
	/* The actor is sealed too (once the salt is gone the commitment no
	 * longer protects it): the hold covers all that is left. */
	{
		struct buf b = { 0 };
		codec_encode(RT_JOURNAL, &c, &b);
		store_sha256(b.p, b.len, out);
		buf_free(&b);
	}
}

void
store_hex(const uint8_t *p, size_t n, char *out)
{
	static const char h[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = h[p[i] >> 4];
		out[2 * i + 1] = h[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
unhex(const char *s, uint8_t *out, size_t n)
{
	if (s == NULL || strlen(s) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return 0;
}

/* The commitment of actor and summary under the entry's salt, in hex;
 * -1 when the salt is missing or malformed. */
int
store_journal_commit(const struct jentry *je, char out[65])
{
	uint8_t salt[16], h[32];
	struct buf b = { 0 };

	if (unhex(je->salt, salt, sizeof salt) != 0)
		return -1;
	buf_add(&b, salt, sizeof salt);
	if (je->actor)
		buf_add(&b, je->actor, strlen(je->actor));
	buf_add(&b, "", 1);
	if (je->summary)
		buf_add(&b, je->summary, strlen(je->summary));
	store_sha256(b.p, b.len, h);
	buf_free(&b);
	store_hex(h, 32, out);
	return 0;
}

void
store_journal_redact_drop(struct store_txn *t)
{
	if (t->redact == NULL)
		return;
	u64_list_free(&t->redact->seqs);
	str_list_free(&t->redact->holds);
	free(t->redact);
	t->redact = NULL;
}

int
store_journal_redact(struct store_txn *t, store_jredact_fn fn, void *arg,
    uint64_t *count, struct err *e)
{
	MDB_cursor *c;
	MDB_val k, v;
	int rc;

	*count = 0;
	if (!t->write)
		return err_set(e, ERR_SYSTEM, "write in a read transaction");
	if (store_journal_load_tail(t, e) != 0)
		return e->code;
	if (t->redact == NULL)
		t->redact = xcalloc(1, sizeof *t->redact);
	if ((rc = mdb_cursor_open(t->txn, t->s->journal, &c)) != 0)
		return store_lmdb_err(e, rc, "cannot read the journal");
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		struct jentry je;
		const char *actor = NULL;
		uint8_t h[32];
		char hx[65], *keep_actor;
		uint8_t kcopy[8];
		struct buf b = { 0 };
		int want;

		if (k.mv_size != 8 || codec_decode(RT_JOURNAL, v.mv_data,
		    v.mv_size, &je, e) != 0) {
			mdb_cursor_close(c);
			return err_set(e, ERR_SYSTEM, "a journal entry is "
			    "damaged: run 'cercle verify'");
		}
		want = fn(&je, arg, &actor);
		/* An entry is redacted once, except to replace its actor
		 * (member forget): the later redaction supersedes the first,
		 * whose hold verify then leaves to it. */
		if (want <= 0 || (je.redacted_by != 0 && (actor == NULL ||
		    (je.actor != NULL && strcmp(actor, je.actor) == 0)))) {
			codec_free(RT_JOURNAL, &je);
			continue;
		}
		/* Never seal an entry that does not match its hash (a
		 * redacted entry without a commitment lost what its hash
		 * covered: the hold of its redaction stands for it). */
		if (je.redacted_by == 0 || je.commit != NULL)
			journal_hash_as(&je, je.commit == NULL, h);
		else
			memcpy(h, je.hash, 32);
		if (memcmp(h, je.hash, 32) != 0) {
			codec_free(RT_JOURNAL, &je);
			mdb_cursor_close(c);
			return err_set(e, ERR_SYSTEM, "journal entry %llu does "
			    "not match its hash: run 'cercle verify'",
			    (unsigned long long)store_from_be64(k.mv_data));
		}
		keep_actor = je.actor;
		free(je.summary);
		je.summary = NULL;
		free(je.salt);
		je.salt = NULL;
		if (actor != NULL)
			je.actor = (char *)actor;
		je.redacted_by = t->jseq + 1;
		store_journal_hold(&je, h);
		store_hex(h, 32, hx);
		u64_list_push(&t->redact->seqs, store_from_be64(k.mv_data));
		str_list_push(&t->redact->holds, hx);
		codec_encode(RT_JOURNAL, &je, &b);
		v.mv_size = b.len;
		v.mv_data = b.p;
		/* The key points into the page the put rewrites (a value of
		 * another size is deleted and inserted): copy it first. */
		memcpy(kcopy, k.mv_data, 8);
		k.mv_data = kcopy;
		rc = mdb_cursor_put(c, &k, &v, MDB_CURRENT);
		buf_free(&b);
		je.actor = keep_actor;
		codec_free(RT_JOURNAL, &je);
		if (rc != 0) {
			mdb_cursor_close(c);
			return store_txn_err(t, e, rc, "cannot redact the "
			    "journal");
		}
		(*count)++;
	}
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return store_lmdb_err(e, rc, "cannot read the journal");
	return 0;
}
