/* hub-store.c: the operations on the store as a whole: the journal head,
 * verify with expected heads, checkpoints at a meeting's close, backup
 * and restore. Must not print: callers show results and errors. */
#include "hub.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
to_hex(const uint8_t *p, char out[65])
{
	static const char h[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = h[p[i] >> 4];
		out[2 * i + 1] = h[p[i] & 15];
	}
	out[64] = '\0';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hub_expect_parse(const char *s, struct store_expect *x, struct err *e)
{
	const char *colon = strchr(s, ':');
	char num[24];

	if (colon == NULL || colon == s || (size_t)(colon - s) >= sizeof num ||
	    strlen(colon + 1) != 64)
		return err_set(e, ERR_USAGE, "an expected head is N:HASH (the "
		    "entry number, a colon, 64 hex digits), not '%.80s'", s);
	memcpy(num, s, (size_t)(colon - s));
	num[colon - s] = '\0';
	if (util_parse_u64(num, &x->seq) != 0 || x->seq == 0)
		return err_set(e, ERR_USAGE, "'%.24s' is not an entry number",
		    num);
	for (int i = 0; i < 32; i++) {
		int hi = hexval(colon[1 + 2 * i]), lo = hexval(colon[2 + 2 * i]);
		if (hi < 0 || lo < 0)
			return err_set(e, ERR_USAGE, "the hash of an expected "
			    "head is 64 hex digits");
		x->hash[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

int
hub_journal_head(struct hub *h, uint64_t *seq, char hex[65], char *fp,
    size_t fpn, struct err *e)
{
	struct store_txn *t;
	uint8_t hash[32];
	int rc;

	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	rc = store_head(t, seq, hash, e);
	hub_read_end(t);
	if (rc != 0)
		return rc;
	to_hex(hash, hex);
	store_host_key_fp(h->st, fp, fpn);
	return 0;
}

int
hub_verify(struct hub *h, const struct store_expect *ex, size_t nex,
    struct buf *report, struct buf *problems, uint64_t *nprob,
    struct err *e)
{
	struct store_verify_opts o;
	struct store_backup_rec b;
	char hex[65], ts[40];
	int rc;

	memset(&o, 0, sizeof o);
	o.expect = ex;
	o.nexpect = nex;
	rc = store_verify_ex(h->st, &o, report, problems, e);
	*nprob = o.nprob;
	if (rc == 0 && hub_backup_last(h, &b, &(struct err){ 0 }) == 0) {
		to_hex(b.hash, hex);
		buf_printf(report, _("last backup: entry %llu:%s (%s, in "
		    "%s)\n"), (unsigned long long)b.seq, hex,
		    i18n_date(b.time, ts, sizeof ts), b.dir);
	}
	return rc;
}

int
hub_checkpoint_in(struct hub_ctx *c, uint64_t meeting)
{
	return store_checkpoint(c->t, meeting, NULL, c->e);
}

void
hub_minutes_head(struct store_txn *t, uint64_t meeting, int json,
    struct buf *out)
{
	struct store_ckpt cp;
	struct err e;
	char hex[65], ts[40];

	if (json || store_checkpoint_of_meeting(t, meeting, &cp, &e) != 0)
		return;
	to_hex(cp.hash, hex);
	/* In the current language: the minutes push the hub's. */
	buf_printf(out, _("\nJournal head at the close: entry %llu, SHA-256 "
	    "%s (%s, %s). Check it with: cercle verify --expect %llu:%s\n"),
	    (unsigned long long)cp.seq, hex,
	    i18n_date(cp.time, ts, sizeof ts),
	    memcmp(cp.pub, (uint8_t[32]){ 0 }, 32) ? _("signed by the host") :
	    _("not signed: the host key was not readable"),
	    (unsigned long long)cp.seq, hex);
}

/* The backup's journal entry: the configuration record put back as it
 * is, under the operation "store.backup" whose summary names the head
 * copied (so the chain holds it), and meta's "backup.last". */
static int
op_backup_note(struct hub_ctx *c, void *arg)
{
	const struct store_backup_rec *b = arg;
	struct config cfg;
	int rc;

	if ((rc = hub_require(c, ROLE_ADMIN, "record a backup")) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_CONFIG, 1, &cfg, c->e)) != 0)
		return rc;
	rc = store_put(c->t, RT_CONFIG, 1, &cfg, c->e);
	codec_free(RT_CONFIG, &cfg);
	if (rc == 0)
		rc = store_backup_note(c->t, b, c->e);
	return rc;
}

int
hub_backup(struct hub *h, struct actor *who, const char *dir, uint64_t *seq,
    char hex[65], struct err *e)
{
	struct store_backup_rec b;
	char summary[400], *abs;
	int rc;

	memset(&b, 0, sizeof b);
	if ((rc = store_backup(h->st, dir, seq, b.hash, e)) != 0)
		return rc;
	to_hex(b.hash, hex);
	b.seq = *seq;
	b.time = util_now();
	abs = realpath(dir, NULL);
	snprintf(b.dir, sizeof b.dir, "%s", abs ? abs : dir);
	free(abs);
	snprintf(summary, sizeof summary, "backup of entry %llu (%.16s...) "
	    "in %.200s", (unsigned long long)b.seq, hex, b.dir);
	if ((rc = hub_run(h, who, "store.backup", summary, op_backup_note,
	    &b, e)) != 0)
		return rc;
	return store_backup_file_write(store_path(h->st), &b, e);
}

int
hub_backup_last(struct hub *h, struct store_backup_rec *b, struct err *e)
{
	struct store_txn *t;
	int rc;

	if ((rc = hub_read(h, &t, e)) != 0)
		return rc;
	rc = store_backup_last(t, b);
	hub_read_end(t);
	return rc == 0 ? 0 : err_set(e, ERR_NOTFOUND, "no backup recorded");
}

/* The head of a database, when it opens, and its last backup recorded
 * (bk->seq 0 when none; bk may be NULL). */
static int
head_of(const char *dir, uint64_t *seq, uint8_t hash[32],
    struct store_backup_rec *bk, struct err *e)
{
	struct store *s;
	struct store_txn *t;
	int rc;

	if ((rc = store_open(dir, 0, &s, e)) != 0)
		return rc;
	if ((rc = store_begin(s, 0, &t, e)) == 0) {
		rc = store_head(t, seq, hash, e);
		if (bk != NULL)
			store_backup_last(t, bk);
		store_abort(t);
	}
	store_close(s);
	return rc;
}

int
hub_restore(const char *live, const char *copy, int force,
    const struct store_expect *ex, size_t nex, struct buf *report,
    struct err *e)
{
	struct store_expect *all = xcalloc(nex + 2, sizeof *all);
	struct store_verify_opts o;
	struct buf rep = { 0 }, probs = { 0 };
	struct store *s;
	struct store_backup_rec bk, bf;
	uint64_t lseq = 0, cseq = 0;
	uint8_t lhash[32], chash[32];
	char path[4200], ts[40];
	struct err le;
	int rc, live_known = 0, have_bk, have_bf;

	memset(&bk, 0, sizeof bk);
	memcpy(all, ex, nex * sizeof *ex);
	snprintf(path, sizeof path, "%s/data.mdb", live);
	if (access(path, F_OK) == 0) {
		if (head_of(live, &lseq, lhash, &bk, &le) == 0) {
			live_known = 1;
			buf_printf(report, _("the hub in %s is at entry "
			    "%llu\n"), live, (unsigned long long)lseq);
		} else
			buf_printf(report, _("the hub in %s does not open "
			    "(%s): its head is not known\n"), live, le.msg);
	}
	/* The last backup: in the live database when it opens, and in the
	 * file beside it (which outlives a database that no longer opens). */
	have_bk = live_known && bk.seq > 0;
	have_bf = store_backup_file_read(live, &bf) == 0 && bf.seq > 0;
	if (have_bf && (!have_bk || bf.seq > bk.seq)) {
		bk = bf;
		have_bk = 1;
	}
	if (have_bk)
		buf_printf(report, _("the last backup recorded for it is entry "
		    "%llu (%s, in %s)\n"), (unsigned long long)bk.seq,
		    i18n_date(bk.time, ts, sizeof ts), bk.dir);
	if ((rc = head_of(copy, &cseq, chash, NULL, e)) != 0)
		goto out;
	buf_printf(report, _("the copy in %s is at entry %llu\n"), copy,
	    (unsigned long long)cseq);
	if (live_known && lseq > 0 && !force) {
		if (cseq < lseq) {
			rc = err_set(e, ERR_REFUSED, "the copy ends at entry "
			    "%llu but the hub has reached entry %llu: "
			    "restoring would lose %llu entries (--force to "
			    "restore it anyway)", (unsigned long long)cseq,
			    (unsigned long long)lseq,
			    (unsigned long long)(lseq - cseq));
			goto out;
		}
		all[nex].seq = lseq;
		memcpy(all[nex].hash, lhash, 32);
		nex++;
	}
	/* The hub's own head is not known (it does not open, or it is
	 * older than a backup taken of it: a file copied back by hand):
	 * the last backup recorded is the newest head known. */
	if (have_bk && !force && cseq < bk.seq) {
		rc = err_set(e, ERR_REFUSED, "the copy ends at entry %llu, "
		    "older than the last backup of this hub (entry %llu, "
		    "%s, in %s): restore that one (--force to restore this "
		    "copy anyway)", (unsigned long long)cseq,
		    (unsigned long long)bk.seq,
		    i18n_date(bk.time, ts, sizeof ts), bk.dir);
		goto out;
	}
	if (have_bk && !force && !(live_known && lseq >= bk.seq)) {
		/* The copy must hold that backup's head, not another's. */
		all[nex].seq = bk.seq;
		memcpy(all[nex].hash, bk.hash, 32);
		nex++;
	}
	memset(&o, 0, sizeof o);
	o.expect = all;
	o.nexpect = nex;
	if ((rc = store_open(copy, 0, &s, e)) != 0)
		goto out;
	rc = store_verify_ex(s, &o, &rep, &probs, e);
	store_close(s);
	if (rc != 0) {
		if (!force || !o.head_first) {
			/* Formatted from a copy: e->msg is also the output. */
			char why[sizeof e->msg];
			int head = o.head_first;

			snprintf(why, sizeof why, "%s", e->msg);
			rc = err_set(e, rc == ERR_SYSTEM && head ? ERR_REFUSED :
			    rc, "the copy does not hold: %s%s", why, head ?
			    _(" (--force to restore it anyway)") : "");
			goto out;
		}
	}
	if ((rc = store_restore_files(copy, live, e)) != 0)
		goto out;
	buf_printf(report, _("restored: %s/data.mdb is now the copy (the one "
	    "it replaced is %s/data.mdb.before-restore)\n"), live, live);
	/* Told to restore a copy older than the last backup recorded: that
	 * record no longer describes the hub, and would refuse its writes. */
	if (force && have_bk && store_open(live, 0, &s, &le) == 0) {
		int stale = store_stale(s) != NULL;
		store_close(s);
		if (stale) {
			store_backup_file_retire(live);
			buf_printf(report, _("the last backup recorded (entry "
			    "%llu) is not in this copy's history: its record "
			    "is now %s/cercle.backup.before-restore\n"),
			    (unsigned long long)bk.seq, live);
		}
	}
out:
	buf_free(&rep);
	buf_free(&probs);
	free(all);
	return rc;
}

void
hub_set_wait_hook(void (*hook)(const char *msg, void *arg), void *arg)
{
	store_set_wait_hook(hook, arg);
}
