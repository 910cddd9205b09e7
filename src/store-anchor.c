/* store-anchor.c: what anchors the journal outside the database: its head,
 * checkpoints signed with the host's Ed25519 key (libcrypto), and their
 * check in verify. Must not change the journal (a checkpoint is not an
 * entry: it never moves the head). */
#include "store-int.h"
#include "codec.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Version 1: seq, hash, time, meeting, key, signature. Version 2 adds
 * the checkpoint's number (1 for the first written in this database,
 * inside the signed message), and meta's "ckpt.count" holds the last
 * number given: a deleted checkpoint leaves a hole or a short count. */
#define CKPT_LEN1	(1 + 8 + 32 + 8 + 8 + 32 + 64)
#define CKPT_LEN	(CKPT_LEN1 + 8)
#define CKPT_MSG1	(18 + 8 + 32 + 8 + 8)
#define CKPT_COUNT	"ckpt.count"
#define KEY_FILE	"ssh_host_ed25519_key"

int
store_head(struct store_txn *t, uint64_t *seq, uint8_t hash[32],
    struct err *e)
{
	struct jentry je;
	int rc;

	memset(hash, 0, 32);
	*seq = store_journal_last(t);
	if (*seq == 0)
		return 0;
	if ((rc = store_journal_get(t, *seq, &je, e)) != 0)
		return rc;
	memcpy(hash, je.hash, 32);
	codec_free(RT_JOURNAL, &je);
	return 0;
}

/* ---- the host key, in OpenSSH's format ---- */

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Read one SSH string at *off; returns its length or -1. */
static long
ssh_str(const uint8_t *b, size_t n, size_t *off, const uint8_t **s)
{
	uint32_t len;

	if (*off + 4 > n)
		return -1;
	len = be32(b + *off);
	if (len > n - *off - 4)
		return -1;
	*s = b + *off + 4;
	*off += 4 + (size_t)len;
	return (long)len;
}

static void
put_str(struct buf *b, const void *p, uint32_t n)
{
	uint8_t l[4] = { (uint8_t)(n >> 24), (uint8_t)(n >> 16),
	    (uint8_t)(n >> 8), (uint8_t)n };

	buf_add(b, l, 4);
	buf_add(b, p, n);
}

static void
key_path(struct store *s, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", s->path, KEY_FILE);
}

/* The Ed25519 seed of an unencrypted OpenSSH private key file. */
static EVP_PKEY *
key_load(const char *path)
{
	static const char magic[] = "openssh-key-v1";
	char text[8192], *p, *q;
	uint8_t bin[6200];
	const uint8_t *s, *priv;
	size_t off, n;
	long l;
	int fd, len = 0, k;
	ssize_t r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	r = read(fd, text, sizeof text - 1);
	close(fd);
	if (r <= 0)
		return NULL;
	text[r] = '\0';
	if ((p = strstr(text, "-----BEGIN OPENSSH PRIVATE KEY-----")) ==
	    NULL || (q = strstr(p, "-----END")) == NULL)
		return NULL;
	p = strchr(p, '\n');
	if (p == NULL || p > q)
		return NULL;
	for (char *c = p, *w = p; c <= q; c++) {
		if (c == q || (*c != '\n' && *c != '\r' && *c != ' '))
			*w++ = c == q ? '\0' : *c;
		if (c == q)
			len = (int)(w - p - 1);
	}
	if (len <= 0 || len % 4 || (size_t)len / 4 * 3 > sizeof bin)
		return NULL;
	k = EVP_DecodeBlock(bin, (const unsigned char *)p, len);
	if (k < 0)
		return NULL;
	n = (size_t)k;
	if (n < sizeof magic || memcmp(bin, magic, sizeof magic) != 0)
		return NULL;
	off = sizeof magic;
	if ((l = ssh_str(bin, n, &off, &s)) != 4 || memcmp(s, "none", 4))
		return NULL;	/* encrypted: not ours to read */
	if (ssh_str(bin, n, &off, &s) < 0 || ssh_str(bin, n, &off, &s) < 0 ||
	    off + 4 > n || be32(bin + off) != 1)
		return NULL;
	off += 4;
	if (ssh_str(bin, n, &off, &s) < 0 ||
	    (l = ssh_str(bin, n, &off, &priv)) < 8)
		return NULL;
	n = (size_t)l;
	off = 8;
	if (be32(priv) != be32(priv + 4) ||
	    ssh_str(priv, n, &off, &s) != 11 || memcmp(s, "ssh-ed25519", 11) ||
	    ssh_str(priv, n, &off, &s) != 32 ||
	    ssh_str(priv, n, &off, &s) != 64)
		return NULL;
	return EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, s, 32);
}

static EVP_PKEY *
host_key(struct store *s)
{
	char path[4200];

	if (!s->key_tried) {
		s->key_tried = 1;
		key_path(s, path, sizeof path);
		s->key = key_load(path);
	}
	return s->key;
}

void
anchor_free(struct store *s)
{
	EVP_PKEY_free(s->key);
	s->key = NULL;
	s->key_tried = 0;
}

int
store_host_key_ensure(struct store *s, struct err *e)
{
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *k = NULL;
	uint8_t seed[32], pub[32], ci[4];
	size_t sl = 32, pl = 32;
	struct buf blob = { 0 }, pubb = { 0 }, pv = { 0 }, out = { 0 };
	char path[4200], *b64;
	int fd, rc = 0;
	mode_t old;

	key_path(s, path, sizeof path);
	if (access(path, F_OK) == 0)
		return 0;
	ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
	if (ctx == NULL || EVP_PKEY_keygen_init(ctx) <= 0 ||
	    EVP_PKEY_keygen(ctx, &k) <= 0 ||
	    EVP_PKEY_get_raw_private_key(k, seed, &sl) <= 0 ||
	    EVP_PKEY_get_raw_public_key(k, pub, &pl) <= 0) {
		EVP_PKEY_CTX_free(ctx);
		EVP_PKEY_free(k);
		return err_set(e, ERR_SYSTEM, "cannot make a host key");
	}
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(k);
	put_str(&pubb, "ssh-ed25519", 11);
	put_str(&pubb, pub, 32);
	RAND_bytes(ci, 4);
	buf_add(&pv, ci, 4);
	buf_add(&pv, ci, 4);
	put_str(&pv, "ssh-ed25519", 11);
	put_str(&pv, pub, 32);
	{
		uint8_t sk[64];
		memcpy(sk, seed, 32);
		memcpy(sk + 32, pub, 32);
		put_str(&pv, sk, 64);
		OPENSSL_cleanse(sk, sizeof sk);
	}
	put_str(&pv, "cercle", 6);
	for (uint8_t pad = 1; pv.len % 8; pad++)
		buf_add(&pv, &pad, 1);
	buf_add(&blob, "openssh-key-v1", 15);
	put_str(&blob, "none", 4);
	put_str(&blob, "none", 4);
	put_str(&blob, "", 0);
	buf_add(&blob, "\0\0\0\1", 4);
	put_str(&blob, pubb.p, (uint32_t)pubb.len);
	put_str(&blob, pv.p, (uint32_t)pv.len);
	b64 = xmalloc(blob.len / 3 * 4 + 8);
	EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)blob.p,
	    (int)blob.len);
	buf_puts(&out, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
	for (size_t i = 0, n = strlen(b64); i < n; i += 70) {
		buf_add(&out, b64 + i, n - i < 70 ? n - i : 70);
		buf_puts(&out, "\n");
	}
	buf_puts(&out, "-----END OPENSSH PRIVATE KEY-----\n");
	old = umask(077);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	umask(old);
	if (fd < 0 || write(fd, out.p, out.len) != (ssize_t)out.len ||
	    fsync(fd) != 0)
		rc = err_set(e, ERR_SYSTEM, "cannot write the host key %s: %s",
		    path, strerror(errno));
	if (fd >= 0)
		close(fd);
	s->key_tried = 0;	/* load it at the next checkpoint */
	OPENSSL_cleanse(seed, sizeof seed);
	OPENSSL_cleanse(pv.p, pv.len);
	OPENSSL_cleanse(blob.p, blob.len);
	free(b64);
	buf_free(&blob);
	buf_free(&pubb);
	buf_free(&pv);
	buf_free(&out);
	return rc;
}

static void
fp_of(const uint8_t pub[32], char *out, size_t n)
{
	struct buf b = { 0 };
	uint8_t h[32];
	char b64[48];

	put_str(&b, "ssh-ed25519", 11);
	put_str(&b, pub, 32);
	SHA256((const unsigned char *)b.p, b.len, h);
	buf_free(&b);
	EVP_EncodeBlock((unsigned char *)b64, h, 32);
	b64[43] = '\0';		/* no '=' padding, as ssh-keygen -l */
	snprintf(out, n, "SHA256:%s", b64);
}

void
store_host_key_fp(struct store *s, char *out, size_t n)
{
	EVP_PKEY *k = host_key(s);
	uint8_t pub[32];
	size_t pl = 32;

	if (n > 0)
		out[0] = '\0';
	if (k != NULL && EVP_PKEY_get_raw_public_key(k, pub, &pl) > 0)
		fp_of(pub, out, n);
}

/* ---- checkpoints ---- */

/* What is signed: v1's message, then (v2) the checkpoint's number. */
static size_t
ckpt_message(const struct store_ckpt *cp, uint8_t m[CKPT_MSG1 + 8])
{
	memcpy(m, "cercle-checkpoint", 18);
	store_be64(cp->seq, m + 18);
	memcpy(m + 26, cp->hash, 32);
	store_be64((uint64_t)cp->time, m + 58);
	store_be64(cp->meeting, m + 66);
	if (cp->n == 0)
		return CKPT_MSG1;
	store_be64(cp->n, m + CKPT_MSG1);
	return CKPT_MSG1 + 8;
}

static void
ckpt_encode(const struct store_ckpt *cp, uint8_t b[CKPT_LEN])
{
	b[0] = 2;
	store_be64(cp->seq, b + 1);
	memcpy(b + 9, cp->hash, 32);
	store_be64((uint64_t)cp->time, b + 41);
	store_be64(cp->meeting, b + 49);
	memcpy(b + 57, cp->pub, 32);
	memcpy(b + 89, cp->sig, 64);
	store_be64(cp->n, b + CKPT_LEN1);
}

static int
ckpt_decode(const MDB_val *v, struct store_ckpt *cp)
{
	const uint8_t *b = v->mv_data;

	if (!(v->mv_size == CKPT_LEN1 && b[0] == 1) &&
	    !(v->mv_size == CKPT_LEN && b[0] == 2))
		return -1;
	cp->seq = store_from_be64(b + 1);
	memcpy(cp->hash, b + 9, 32);
	cp->time = (int64_t)store_from_be64(b + 41);
	cp->meeting = store_from_be64(b + 49);
	memcpy(cp->pub, b + 57, 32);
	memcpy(cp->sig, b + 89, 64);
	cp->n = b[0] == 2 ? store_from_be64(b + CKPT_LEN1) : 0;
	return b[0] == 2 && cp->n == 0 ? -1 : 0;
}

static int
ckpt_sign(EVP_PKEY *k, struct store_ckpt *cp)
{
	uint8_t m[CKPT_MSG1 + 8];
	size_t sl = 64, pl = 32, ml;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok;

	ml = ckpt_message(cp, m);
	ok = ctx != NULL && EVP_PKEY_get_raw_public_key(k, cp->pub, &pl) > 0 &&
	    EVP_DigestSignInit(ctx, NULL, NULL, NULL, k) > 0 &&
	    EVP_DigestSign(ctx, cp->sig, &sl, m, ml) > 0;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

static int
ckpt_check_sig(const struct store_ckpt *cp)
{
	uint8_t m[CKPT_MSG1 + 8];
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL,
	    cp->pub, 32);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t ml = ckpt_message(cp, m);
	int ok;

	ok = k != NULL && ctx != NULL &&
	    EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k) > 0 &&
	    EVP_DigestVerify(ctx, cp->sig, 64, m, ml) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	return ok ? 0 : -1;
}

/* meta's "ckpt.count": the last number given to a checkpoint. *present
 * is 0 when the key is absent (a database whose checkpoints were all
 * written before they were numbered). */
static uint64_t
ckpt_count(struct store_txn *t, int *present)
{
	MDB_val k = { sizeof CKPT_COUNT - 1, CKPT_COUNT }, v;

	*present = mdb_get(t->txn, t->s->meta, &k, &v) == 0 &&
	    v.mv_size == 8;
	return *present ? store_from_be64(v.mv_data) : 0;
}

int
store_checkpoint_count_init(struct store_txn *t, struct err *e)
{
	MDB_val k = { sizeof CKPT_COUNT - 1, CKPT_COUNT }, v;
	uint8_t b[8];
	MDB_stat st;
	int rc, present;

	ckpt_count(t, &present);
	if (present)
		return 0;
	if ((rc = mdb_stat(t->txn, t->s->ckpt, &st)) != 0)
		return store_txn_err(t, e, rc, "cannot read the checkpoints");
	store_be64(st.ms_entries, b);
	v.mv_size = 8;
	v.mv_data = b;
	if ((rc = mdb_put(t->txn, t->s->meta, &k, &v, 0)) != 0)
		return store_txn_err(t, e, rc, "cannot write a checkpoint");
	return 0;
}

int
store_checkpoint(struct store_txn *t, uint64_t meeting, int *signed_out,
    struct err *e)
{
	struct store_ckpt cp;
	uint8_t kb[16], vb[CKPT_LEN], nb[8];
	MDB_val k = { 16, kb }, v = { CKPT_LEN, vb };
	MDB_val ck = { sizeof CKPT_COUNT - 1, CKPT_COUNT }, cv = { 8, nb };
	EVP_PKEY *key = host_key(t->s);
	int rc, present;

	if (signed_out)
		*signed_out = 0;
	if (key == NULL && meeting == 0)
		return 0;	/* the next process that can read it signs */
	memset(&cp, 0, sizeof cp);
	if ((rc = store_head(t, &cp.seq, cp.hash, e)) != 0)
		return rc;
	/* Numbered from those written before numbering (all version 1). */
	if ((rc = store_checkpoint_count_init(t, e)) != 0)
		return rc;
	cp.n = ckpt_count(t, &present) + 1;
	cp.time = util_now();
	cp.meeting = meeting;
	if (key != NULL && ckpt_sign(key, &cp) != 0)
		return err_set(e, ERR_SYSTEM, "cannot sign a checkpoint");
	store_be64(cp.seq, kb);
	store_be64(meeting, kb + 8);
	ckpt_encode(&cp, vb);
	rc = mdb_put(t->txn, t->s->ckpt, &k, &v, MDB_NOOVERWRITE);
	if (rc == MDB_KEYEXIST)
		return 0;	/* this head is anchored for it already */
	if (rc != 0)
		return store_txn_err(t, e, rc, "cannot write a checkpoint");
	store_be64(cp.n, nb);
	if ((rc = mdb_put(t->txn, t->s->meta, &ck, &cv, 0)) != 0)
		return store_txn_err(t, e, rc, "cannot write a checkpoint");
	if (signed_out)
		*signed_out = key != NULL;
	return 0;
}

static uint64_t
ckpt_every(void)
{
	const char *v = getenv("CERCLE_CHECKPOINT_EVERY");
	uint64_t n;

	if (v != NULL && util_parse_u64(v, &n) == 0 && n > 0)
		return n;
	return STORE_CKPT_EVERY;
}

uint64_t
store_checkpoint_last(struct store_txn *t, struct store_ckpt *last)
{
	MDB_cursor *c;
	MDB_val k, v;
	MDB_stat st;

	memset(last, 0, sizeof *last);
	if (mdb_stat(t->txn, t->s->ckpt, &st) != 0 || st.ms_entries == 0)
		return 0;
	if (mdb_cursor_open(t->txn, t->s->ckpt, &c) != 0)
		return 0;
	if (mdb_cursor_get(c, &k, &v, MDB_LAST) == 0)
		ckpt_decode(&v, last);
	mdb_cursor_close(c);
	return st.ms_entries;
}

int
anchor_after_append(struct store_txn *t, struct err *e)
{
	struct store_ckpt last;

	if (t->jseq == 0)
		return 0;
	store_checkpoint_last(t, &last);
	if (t->jseq < last.seq + ckpt_every())
		return 0;
	return store_checkpoint(t, 0, NULL, e);
}

int
store_checkpoint_of_meeting(struct store_txn *t, uint64_t meeting,
    struct store_ckpt *cp, struct err *e)
{
	MDB_cursor *c;
	MDB_val k, v;
	int rc;

	if ((rc = mdb_cursor_open(t->txn, t->s->ckpt, &c)) != 0)
		return store_lmdb_err(e, rc, "cannot read the checkpoints");
	for (rc = mdb_cursor_get(c, &k, &v, MDB_LAST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_PREV))
		if (ckpt_decode(&v, cp) == 0 && cp->meeting == meeting) {
			mdb_cursor_close(c);
			return 0;
		}
	mdb_cursor_close(c);
	return err_set(e, ERR_NOTFOUND, "no checkpoint for meeting %llu",
	    (unsigned long long)meeting);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
missing_range(anchor_problem_fn fn, void *arg, uint64_t a, uint64_t b,
    uint64_t count)
{
	char msg[300];

	if (b == count)
		snprintf(msg, sizeof msg, ngettext("the last %llu of %llu "
		    "checkpoints is missing (deleted: from number %llu on)",
		    "the last %llu of %llu checkpoints are missing (deleted: "
		    "from number %llu on)", b - a + 1),
		    (unsigned long long)(b - a + 1), (unsigned long long)count,
		    (unsigned long long)a);
	else if (a == b)
		snprintf(msg, sizeof msg, _("checkpoint number %llu of %llu is "
		    "missing (deleted)"), (unsigned long long)a,
		    (unsigned long long)count);
	else
		snprintf(msg, sizeof msg, _("checkpoints number %llu to %llu "
		    "of %llu are missing (deleted)"), (unsigned long long)a,
		    (unsigned long long)b, (unsigned long long)count);
	fn(arg, "ckpt missing", msg);
}

/* Every number from the first numbered one (after the nv1 written before
 * numbering) up to meta's count must be there: one problem per hole. */
static void
ckpt_missing(struct store_txn *t, uint64_t *num, size_t nnum, uint64_t nv1,
    anchor_problem_fn fn, void *arg)
{
	int present;
	uint64_t count = ckpt_count(t, &present), want;

	if (!present) {
		if (nnum > 0)
			fn(arg, "ckpt missing", "the count of checkpoints is "
			    "missing from the database (deleted)");
		return;
	}
	if (nnum > 1)	/* qsort(NULL, 0) is undefined */
		qsort(num, nnum, sizeof *num, cmp_u64);
	want = nnum > 0 && num[0] < nv1 + 1 ? num[0] : nv1 + 1;
	for (size_t i = 0; i < nnum; i++) {
		if (num[i] < want)
			continue;	/* a duplicate */
		if (num[i] > count)
			break;
		if (num[i] > want)
			missing_range(fn, arg, want, num[i] - 1, count);
		want = num[i] + 1;
	}
	if (want <= count)
		missing_range(fn, arg, want, count, count);
	if (nnum > 0 && num[nnum - 1] > count) {
		char msg[200];
		snprintf(msg, sizeof msg, _("the count of checkpoints (%llu) "
		    "is lower than checkpoint number %llu: it was changed"),
		    (unsigned long long)count,
		    (unsigned long long)num[nnum - 1]);
		fn(arg, "ckpt count", msg);
	}
}

int
anchor_verify(struct store_txn *t, struct buf *report, anchor_problem_fn fn,
    void *arg, struct err *e)
{
	EVP_PKEY *hk = host_key(t->s);
	uint8_t hpub[32], first[32] = { 0 };
	size_t pl = 32;
	int have_host = hk != NULL &&
	    EVP_PKEY_get_raw_public_key(hk, hpub, &pl) > 0;
	int have_first = 0;
	struct store_ckpt cp, good;
	uint64_t n = 0, ok = 0, nv1 = 0, *num = NULL;
	size_t nnum = 0, cap = 0;
	MDB_cursor *c;
	MDB_val k, v;
	char msg[400], ts[40], fp[64];
	int rc;

	memset(&good, 0, sizeof good);
	if ((rc = mdb_cursor_open(t->txn, t->s->ckpt, &c)) != 0)
		return store_lmdb_err(e, rc, "cannot read the checkpoints");
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		struct jentry je;
		struct err je_e;
		n++;
		if (ckpt_decode(&v, &cp) != 0) {
			fn(arg, "ckpt damaged", _("a checkpoint record is "
			    "damaged"));
			continue;
		}
		if (cp.n == 0)
			nv1++;
		else {
			if (nnum == cap) {
				cap = cap ? 2 * cap : 64;
				num = xrealloc(num, cap * sizeof *num);
			}
			num[nnum++] = cp.n;
		}
		if (memcmp(cp.pub, (uint8_t[32]){ 0 }, 32) == 0)
			;	/* unsigned: only the chain is checked */
		else if (ckpt_check_sig(&cp) != 0) {
			snprintf(msg, sizeof msg, _("checkpoint at entry %llu: "
			    "its signature does not verify (forged or "
			    "damaged)"), (unsigned long long)cp.seq);
			fn(arg, "ckpt signature", msg);
			continue;
		}
		else if (!have_first) {
			memcpy(first, cp.pub, 32);
			have_first = 1;
		}
		if (memcmp(cp.pub, (uint8_t[32]){ 0 }, 32) != 0 &&
		    memcmp(cp.pub, have_host ? hpub : first, 32) != 0) {
			fp_of(cp.pub, fp, sizeof fp);
			snprintf(msg, sizeof msg, _("checkpoint at entry %llu: "
			    "signed by %s, not by this host's key"),
			    (unsigned long long)cp.seq, fp);
			fn(arg, "ckpt key", msg);
			continue;
		}
		if (store_journal_get(t, cp.seq, &je, &je_e) != 0) {
			snprintf(msg, sizeof msg, _("journal entry %llu, "
			    "signed in a checkpoint on %s, is missing (the "
			    "journal was cut)"), (unsigned long long)cp.seq,
			    i18n_date(cp.time, ts, sizeof ts));
			fn(arg, "ckpt chain", msg);
			continue;
		}
		if (memcmp(je.hash, cp.hash, 32) != 0) {
			snprintf(msg, sizeof msg, _("the journal was "
			    "rewritten: entry %llu differs from the checkpoint "
			    "signed on %s"), (unsigned long long)cp.seq,
			    i18n_date(cp.time, ts, sizeof ts));
			fn(arg, "ckpt chain", msg);
		} else {
			ok++;
			good = cp;
		}
		codec_free(RT_JOURNAL, &je);
	}
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND) {
		free(num);
		return store_lmdb_err(e, rc, "cannot read the checkpoints");
	}
	ckpt_missing(t, num, nnum, nv1, fn, arg);
	free(num);
	if (n > 0) {
		fp_of(good.seq ? good.pub : first, fp, sizeof fp);
		if (ok > 0)
			buf_printf(report, ngettext("checkpoints: %llu, %llu "
			    "holds; the last that holds: entry %llu, %s, "
			    "signed by %s\n", "checkpoints: %llu, %llu hold; "
			    "the last that holds: entry %llu, %s, signed by "
			    "%s\n", ok), (unsigned long long)n,
			    (unsigned long long)ok,
			    (unsigned long long)good.seq,
			    i18n_date(good.time, ts, sizeof ts), fp);
		else
			buf_printf(report, _("checkpoints: %llu, none holds\n"),
			    (unsigned long long)n);
	} else
		buf_puts(report, _("checkpoints: none\n"));
	return 0;
}
