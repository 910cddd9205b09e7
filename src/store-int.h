/* store-int.h: what the store-*.c files share (the handle, the transaction,
 * the guards' hooks). Private to the store layer: nothing outside store*.c
 * includes it. */
#ifndef CERCLE_STORE_INT_H
#define CERCLE_STORE_INT_H

#include <lmdb.h>
#include <string.h>
#include <sys/types.h>
#include "store.h"

struct store {
	MDB_env *env;
	MDB_dbi meta;
	MDB_dbi journal;
	MDB_dbi jlast;
	MDB_dbi ckpt;		/* signed checkpoints (schema 2) */
	MDB_dbi rec[RT__COUNT];
	MDB_dbi ixdb;		/* every index, composite keys (schema 3) */
	char *path;
	int dfd;		/* LMDB's data.mdb descriptor (flock, fstat) */
	dev_t lock_dev, data_dev;	/* the files opened, to notice a swap */
	ino_t lock_ino, data_ino;
	int hfd;		/* the "holder" file: who writes now */
	int locked;		/* this process holds the write flock */
	int sync_rc;		/* the last commit's sync failed (txn_end) */
	char *stale;		/* older than its last backup: why, and no
				 * write is taken (store-backup.c) */
	struct store_queue *queue;	/* cercle.queue, mapped (or NULL) */
	int queue_tried;
	void *key;		/* the host key (EVP_PKEY), once loaded */
	int key_tried;
};

/* A redaction waiting for its entry: the next journal_append of this
 * transaction records it (store.c). */
struct jredact {
	struct u64_list seqs;
	struct str_list holds;
};

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	int write;
	const char *actor;
	const char *op;
	const char *summary;
	int jloaded;
	int map_full;		/* a write hit MDB_MAP_FULL */
	uint64_t jseq;
	uint8_t jhash[32];
	struct jredact *redact;	/* a redaction for the next entry */
	uint64_t next[RT__COUNT];	/* id counters read in this txn */
	/* store_get_raw's cursor: a page of a list reads records whose ids
	 * are close, and LMDB finds a key on the cursor's current leaf
	 * without descending from the root again. */
	MDB_cursor *getc;
	int getc_rt;
	struct store_txn *parent;	/* a nested transaction's parent */
};

#define IX_MAXKEY		256
#define IX_MAXSET		40

enum ix_kind { IXK_UNIQUE, IXK_DUP, IXK_SORT };

struct store_ixdef {
	const char *name;
	int kind;
};
extern const struct store_ixdef store_ix_defs[IX__COUNT];

/* The index keys of one record. */
struct ixent {
	int ix;
	size_t klen;
	uint8_t key[IX_MAXKEY];
};

struct ixset {
	struct ixent e[IX_MAXSET];
	size_t n;
	int overflow;
};

/* The one index database, "ix" (schema 3; store.c explains the keys):
 * unique and sort [ix][key] -> id; dup [ix][klen: 2 BE][key][id] -> empty,
 * and [ix][klen][key][FF x 8] -> the number of ids under that key. */
#define IXK_MAX (1 + 2 + IX_MAXKEY + 8)

static const uint8_t store_ix_count_sfx[8] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

/* The prefix [ix][klen][key] of a dup index key; returns its length. */
static inline size_t
store_ixk_dup_prefix(uint8_t out[IXK_MAX], int ix, const void *k,
    size_t klen)
{
	out[0] = (uint8_t)ix;
	out[1] = (uint8_t)(klen >> 8);
	out[2] = (uint8_t)klen;
	memcpy(out + 3, k, klen);
	return 3 + klen;
}

/* 1 if k is a dup key's count. */
static inline int
store_ixk_is_count(const MDB_val *k)
{
	return k->mv_size >= 11 && memcmp((const uint8_t *)k->mv_data +
	    k->mv_size - 8, store_ix_count_sfx, 8) == 0;
}

/* store.c */
void store_ix_of(int rtype, const void *rec, uint64_t id, struct ixset *s);
int store_ix_apply(struct store_txn *t, const struct ixent *x, uint64_t id,
    int del, struct err *e);
void store_rec_key(uint64_t id, uint8_t k[8], MDB_val *v);
void store_journal_hash(struct jentry *je);
/* Moderation (store.c): what a redaction seals of an entry; the salted
 * commitment of an entry in hex (-1: no salt); drop a pending redaction
 * (store_commit and store_abort). */
void store_journal_hold(const struct jentry *je, uint8_t out[32]);
int store_journal_commit(const struct jentry *je, char out[65]);
void store_journal_redact_drop(struct store_txn *t);
/* store-redact.c and store.c: bytes as lowercase hex (out: 2n+1); the
 * journal's last entry into t (once per transaction). */
void store_hex(const uint8_t *p, size_t n, char *out);
int store_journal_load_tail(struct store_txn *t, struct err *e);
int store_lmdb_err(struct err *e, int rc, const char *what);
int store_txn_err(struct store_txn *t, struct err *e, int rc,
    const char *what);
MDB_dbi store_rec_dbi(const struct store *s, int rtype);

/* store-guard.c: the write lock, the lock file's identity, truncation and
 * faults inside LMDB. */
int guard_write_lock(struct store *s, struct err *e);
void guard_write_unlock(struct store *s);
/* 1 when the write flock was free and is now held, 0 when busy. */
int guard_write_trylock(struct store *s);
/* While waiting for a queued write (hub-batch.c): the same notice as a
 * wait for the lock, after 3 s, every 5 s; *next starts at 0. */
void guard_wait_notice(struct store *s, int64_t *next, int *told);
void guard_wait_notice_end(int told);
void guard_holder_set(struct store *s, const char *actor, const char *op);
int guard_identity_init(struct store *s, struct err *e);
/* 0 when the files are the ones opened and data.mdb holds every page the
 * newest meta page names; else ERR_SYSTEM and one line. */
int guard_check(struct store *s, struct err *e);
void guard_fault_arm(struct store *s);
void guard_fault_disarm(struct store *s);

/* store-check.c: the page walker (pread, never the map). */
int check_pages(struct store *s, MDB_txn *txn, struct buf *report,
    uint64_t *problems, struct err *e);

/* store-anchor.c: checkpoints written in a write transaction; the host
 * key loaded once (anchor_free lets it go, at close). */
void anchor_free(struct store *s);
int anchor_after_append(struct store_txn *t, struct err *e);
typedef void (*anchor_problem_fn)(void *arg, const char *cls,
    const char *msg);
/* Put meta's checkpoint count (the checkpoints so far) if it is absent:
 * a new database starts at 0, an older one at its unnumbered count. */
int store_checkpoint_count_init(struct store_txn *t, struct err *e);
int anchor_verify(struct store_txn *t, struct buf *report,
    anchor_problem_fn fn, void *arg, struct err *e);

void store_sha256(const void *p, size_t n, uint8_t out[32]);

/* store-backup.c: at open, compare the database with the last backup
 * recorded beside it (cercle.backup): a data.mdb older than it, or with
 * another entry at its head, was put back by hand; s->stale says why. A
 * new database sets a cercle.backup left by an older one aside. */
void backup_file_check(struct store *s, int fresh);

#endif
