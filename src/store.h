/* store.h: the LMDB store. One environment directory holds a named
 * database per record type, secondary indexes kept in step by store_put(),
 * a meta database (schema version, id counters) and the hash-chained
 * journal. Only the hub layer writes; views read through store_scan().
 *
 * Process rules: every process calls store_open() itself, after any fork;
 * an environment handle is never shared across fork(). All calls are for
 * one thread. Errors come back as ERR_* codes with a one-line message in
 * struct err: ERR_NOTFOUND (no such record), ERR_REFUSED (a unique index
 * already holds the key), ERR_SYSTEM (LMDB, disk, or a damaged record). */
#ifndef CERCLE_STORE_H
#define CERCLE_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"
#include "model.h"

#define STORE_SCHEMA 2

/* Secondary indexes. DUPSORT ones map a key to many ids; "sort" ones
 * hold composite keys (number, id) so a cursor walks them in order. */
enum store_ix {
	IX_MEMBER_LOGIN,	/* login -> member id (unique) */
	IX_KEY_FP,		/* key fingerprint -> member id (unique) */
	IX_NEED_STATUS,		/* status byte -> need ids */
	IX_NEED_TERRITORY,	/* territory -> need ids */
	IX_NEED_CATEGORY,	/* category -> need ids */
	IX_NEED_SUPPORT,	/* (supports, id) -> id, for the sort */
	IX_NEED_TERRS,		/* (territories seen, id) -> id */
	IX_SUPPORT_NEED,	/* need id -> support ids */
	IX_SUPPORT_KEY,		/* (need, member) -> support id (unique) */
	IX_TENSION_STATUS,	/* status byte -> tension ids */
	IX_PROPOSAL_TENSION,	/* tension id -> proposal ids */
	IX_POSITION_PROPOSAL,	/* proposal id -> position ids */
	IX_ACTION_DECISION,	/* decision id -> action ids */
	IX_BALLOT_KEY,		/* (round, member) -> ballot id (unique) */
	/* Added after the first schema: built at open when missing. */
	IX_NEED_ROUND,		/* collection round -> need ids */
	IX_NEED_PUBLIC,		/* public -> need ids */
	IX__COUNT
};

struct store;
struct store_txn;

/* Open (creating if asked) the environment in dir. Runs the reader check.
 * Refuses a database whose schema is newer than this program's. */
int store_open(const char *dir, int create, struct store **out,
    struct err *e);
void store_close(struct store *s);
const char *store_path(const struct store *s);
/* Reclaim reader slots left by dead processes; returns how many. */
int store_reader_check(struct store *s);
/* Id of the last committed transaction: changes when anyone commits. */
uint64_t store_last_txnid(struct store *s);

/* Transactions. A write transaction is exclusive across processes: keep it
 * short and never wait for a person inside it. store_commit() syncs to
 * disk; on MDB_MAP_FULL it returns ERR_SYSTEM with *full set so the caller
 * (hub_run) can grow the map and redo the operation. */
int store_begin(struct store *s, int write, struct store_txn **out,
    struct err *e);
int store_commit(struct store_txn *t, int *full, struct err *e);
void store_abort(struct store_txn *t);
/* 1 if a write in t failed because the map is full (then abort, grow and
 * redo: hub_run does). */
int store_txn_map_full(const struct store_txn *t);
/* Read transactions can be parked without holding a snapshot. */
void store_txn_reset(struct store_txn *t);
int store_txn_renew(struct store_txn *t, struct err *e);
/* Grow the map (doubling) after a map-full error. No txn may be open. */
int store_grow(struct store *s, struct err *e);
/* This process's current map size in bytes (CERCLE_MAP_SIZE sets the
 * initial one). */
uint64_t store_map_size(struct store *s);

/* Who does what, for the journal entries of this write transaction. */
void store_txn_set_op(struct store_txn *t, const char *actor, const char *op,
    const char *summary);

/* Records. */
int store_next_id(struct store_txn *t, int rtype, uint64_t *id,
    struct err *e);
int store_get(struct store_txn *t, int rtype, uint64_t id, void *rec,
    struct err *e);
/* The stored (msgpack) bytes of a record, in place: *data points into the
 * map and is valid until the transaction ends or is reset; read it with
 * codec_view(). ERR_NOTFOUND when there is no such record. */
int store_get_raw(struct store_txn *t, int rtype, uint64_t id,
    const void **data, size_t *len, struct err *e);
/* Write rec under id, update every index, append a journal entry. */
int store_put(struct store_txn *t, int rtype, uint64_t id, const void *rec,
    struct err *e);
/* Number of records of a type. */
uint64_t store_count(struct store_txn *t, int rtype);

/* Scan records of a type by id, from start (0: from the first, or from the
 * last when reverse). cb gets the raw msgpack value (valid only during the
 * call) and returns non-zero to stop. Returns 0 or an error code. */
typedef int (*store_rec_cb)(uint64_t id, const void *data, size_t len,
    void *arg);
int store_scan(struct store_txn *t, int rtype, uint64_t start, int reverse,
    store_rec_cb cb, void *arg, struct err *e);

/* Scan the ids an index holds under key (DUPSORT indexes), from start id
 * (0: from the edge), or, with key NULL, every entry in key order. */
typedef int (*store_id_cb)(uint64_t id, void *arg);
int store_ix_scan(struct store_txn *t, int ix, const void *key, size_t klen,
    uint64_t start, int reverse, store_id_cb cb, void *arg, struct err *e);
/* Look up the one id under key in a unique index: 0 or ERR_NOTFOUND. */
int store_ix_get(struct store_txn *t, int ix, const void *key, size_t klen,
    uint64_t *id, struct err *e);
/* Number of ids under key in a DUPSORT index. */
uint64_t store_ix_count(struct store_txn *t, int ix, const void *key,
    size_t klen);

/* Walk a sorted index (IX_NEED_SUPPORT, IX_NEED_TERRS, or a unique one)
 * in key order (or reverse) from the key from (NULL: from the edge;
 * reverse starts at the last key <= from). cb gets the key (valid only
 * during the call) and the id, and returns non-zero to stop. */
typedef int (*store_key_cb)(const void *key, size_t klen, uint64_t id,
    void *arg);
int store_ix_walk(struct store_txn *t, int ix, const void *from, size_t flen,
    int reverse, store_key_cb cb, void *arg, struct err *e);

/* Journal. */
uint64_t store_journal_last(struct store_txn *t);
int store_journal_get(struct store_txn *t, uint64_t seq, struct jentry *je,
    struct err *e);

/* Verify: the journal chain, every record's decoding and journal hash, and
 * the indexes. Prints progress problems to out as lines; returns 0 when
 * sound, else ERR_SYSTEM with the first problem in e. */
int store_verify(struct store *s, struct buf *report, struct err *e);

/* Encode a u64 as 8 big-endian bytes, and back. */
void store_be64(uint64_t v, uint8_t out[8]);
uint64_t store_from_be64(const uint8_t in[8]);

#endif
