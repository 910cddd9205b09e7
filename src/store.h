/* store.h: the LMDB store. One environment directory holds a named
 * database per record type, every secondary index in one database ("ix",
 * kept in step by store_put()), a meta database (schema version) and the
 * hash-chained journal. Only the hub layer writes; views read through store_scan().
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

/* Schema history (store-open.c keeps the migration list):
 *   1  records, indexes, the journal (the first cercle);
 *   2  the "checkpoint" database: signed anchors of the journal head;
 *   3  every index in one database, "ix", with composite keys (the write
 *      path below); the sixteen index databases of 1 and 2 are dropped;
 *   4  numbered checkpoints;
 *   5  positions by (proposal, member): taking a position finds the
 *      member's last one in one lookup, not by reading the round.
 * Opening a database whose schema is older creates every named database
 * it lacks (a record type or an index is a name in model's record table
 * or store_ix_defs: adding one needs no migration code), fills the new
 * indexes from the records, and runs each step of the migration list
 * above its version, all in one write transaction; the version recorded
 * is then STORE_SCHEMA. A newer database is refused. */
#define STORE_SCHEMA 5

/* The write path (what one operation costs on disk).
 *
 * Pages. LMDB copies, on commit, the root-to-leaf path of every B-tree
 * the transaction changed, plus the main tree that names them and the
 * free list. So the store touches as few trees per operation as it can:
 *  - every secondary index is one plain B-tree, "ix", whose keys start
 *    with the index number (store.c gives the key forms): adding a need
 *    changes six index entries in one tree (six leaves, shared branch
 *    pages) where schemas 1-2 changed six DUPSORT trees and their
 *    sub-trees;
 *  - a dup index key keeps its id count right after its ids (the leaf a
 *    new record is appended to), so store_ix_count() stays one lookup;
 *  - store_next_id() reads the record tree's last key (records are never
 *    deleted) and writes no counter: "meta" is not touched per record;
 *  - the journal is appended with MDB_APPEND.
 * Measured (bench/store-peer.c, 10,000 needs): 18.6 -> 15.7 4-KB pages
 * per commit (add a need / take a position, alternating) when schema 3
 * came (2026-11-25); 18.0 on 2026-12-08 before schema 5 and 19.0 with
 * it (the positions' second index), from one process, growth not
 * analysed; SQLite's WAL writes 6.3 (it rewrites only the changed
 * leaves: no copy-on-write). With group commit the pages per operation
 * fall with the batch: 4.6 at 16 processes, 1.7 at 64.
 *
 * Syncs. LMDB syncs the data pages (fdatasync) and then the meta page
 * that makes them current; it must, in that order, or a crash could
 * leave a meta page naming pages that never reached the disk (so never
 * MDB_NOSYNC or MDB_MAPASYNC). The environment is opened MDB_NOMETASYNC:
 * mdb_txn_commit() syncs the data pages under the writer locks, writes
 * the meta page, releases the locks; txn_end() (store-open.c) then syncs
 * the meta page with mdb_env_sync() and only then returns to the caller.
 * An operation is acknowledged (hub_run returns 0, the CLI prints its id)
 * after both syncs, as before; the writer lock is held for one sync
 * instead of two, and the meta syncs of writers that commit close
 * together are served by one journal flush of the file system. A crash
 * between the two syncs loses that unacknowledged commit only (LMDB
 * falls back to the previous meta page, whose pages were synced).
 * Other processes may see a commit (mdb_env_info's txnid, a new read
 * snapshot) during its meta sync, up to one sync (~0.2 ms here) before
 * it is durable and acknowledged; whatever they then commit is synced by
 * their own fdatasync of the same file, which carries that meta page
 * first, so no durable state ever depends on a lost one.
 * tests/e2e/test-powerloss.sh cuts the power under eight writers and
 * finds every acknowledged write; without the second sync it finds one
 * missing.
 *
 * Floor. Two synchronous writes per commit remain (SQLite WAL: one), so a
 * process that commits alone commits at best about half as often as
 * SQLite on a disk where a sync dominates.
 *
 * Group commit (hub-batch.c, store-queue.c; on unless
 * CERCLE_GROUP_COMMIT=0). LMDB cannot leave more than one commit
 * unsynced (the pages the last synced snapshot frees are reused by the
 * next commit), so commits cannot be batched after the fact: several
 * processes' operations go into ONE transaction instead, and one pair of
 * syncs acknowledges them all.
 *  - Operations as data: the batchable ones (need add and support,
 *    position, member add, tension add, meeting join, dot ballot) have a
 *    descriptor (hub-batch.h): code, body, msgpack encoding of the
 *    argument, results (the new id). The actor (console flag, login,
 *    label) travels with the request and is resolved in the transaction.
 *  - The queue: DIR/cercle.queue, SQ_SLOTS slots mapped MAP_SHARED; each
 *    slot's state word (state, owner pid, leader pid) changes only by
 *    compare-exchange (store-queue.c).
 *  - Leader: a writer that gets the write lock without waiting (or any
 *    writer once it has it, batchable or not) begins the transaction,
 *    runs its own operation in it, then takes the PENDING slots (CAS to
 *    TAKEN) and runs each in a nested transaction of its own: a refused
 *    one aborts only its child. Each child also writes, in meta, the
 *    note "gc.SLOT" = (request id, results), so the note commits exactly
 *    when the operation does. Then one commit, both syncs, and only then
 *    DONE with the results. A full map aborts the whole transaction: the
 *    map grows and the batch is redone from the requests' bytes.
 *  - Follower: when the lock is busy, a batchable operation is written
 *    to a FREE slot and waited for, polling (0.1-2 ms naps; the 3-s
 *    notice of a lock wait): DONE with success -> its results, as
 *    hub_run would return them. Still PENDING when the lock is free ->
 *    taken back, and it leads. DONE with a refusal or a failed commit,
 *    or TAKEN by a leader that died -> it takes the lock itself, keeping
 *    the slot (so no other request's note can replace its own), reads
 *    the note: its request id there means applied (it syncs the file
 *    first, the dead leader may have missed the meta sync), else it runs
 *    the operation itself (a refusal is thus said again in the writer's
 *    own language). A request is applied only by the leader that took
 *    it, in the same commit as its note; the writer reruns it only
 *    under the lock, when no leader can still commit it and the note
 *    says it was not: never applied twice, never acknowledged before
 *    its commit is on the disk, so a read begun after the acknowledgement
 *    sees it. Slots of dead writers are reclaimed.
 *  tests/e2e/test-group-commit.sh kills a leader before and after its
 *  commit (the test-only CERCLE_TEST_GC_DIE); test-killstorm and
 *  test-powerloss run batched. Figures: bench/README.md section 4. */

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
	/* Empty in a database older than the field, as it must be. */
	IX_NEED_EXTID,		/* external id (imports) -> need ids */
	/* Schema 5: filled by its migration. */
	IX_POSITION_KEY,	/* (proposal, member) -> position ids, each
				 * change in id order: the last is current */
	IX__COUNT
};

struct store;
struct store_txn;

/* Open (creating if asked) the environment in dir. Runs the reader check.
 * Refuses a database whose schema is newer than this program's; upgrades
 * an older one (it must be writable once). create only ever creates a
 * database in a directory without data.mdb: a directory that holds one,
 * damaged or not, is opened as it is (so 'init' cannot replace a damaged
 * hub with an empty one). Damage found at open (a truncated file, a
 * damaged main tree, another program's LMDB file) is one line, exit 3.
 *
 * The map: the larger of CERCLE_MAP_SIZE (default 64 MiB), the size the
 * file records and twice the data, so that another process growing the
 * file does not at once make every other one see MDB_MAP_RESIZED; every
 * transaction begin adopts a size grown elsewhere and retries.
 *
 * Guards (store-guard.c), checked at every transaction begin: data.mdb
 * must hold every page its newest meta page names (read in that order,
 * so a growing file is never taken for a truncated one), and lock.mdb and
 * data.mdb must be the files this process opened (a lock file removed
 * or replaced under running sessions would let two writers in at once:
 * such a process refuses every transaction from then on). A SIGSEGV or
 * SIGBUS inside LMDB or its map (a page damaged or cut off under a
 * session) prints one line naming the page and exits 3; other faults go
 * to the handler that was there before. */
int store_open(const char *dir, int create, struct store **out,
    struct err *e);
void store_close(struct store *s);
const char *store_path(const struct store *s);
/* Reclaim reader slots left by dead processes; returns how many. */
int store_reader_check(struct store *s);
/* Id of the last committed transaction: changes when anyone commits. */
uint64_t store_last_txnid(struct store *s);

/* Transactions. A write transaction is exclusive across processes: keep it
 * short and never wait for a person inside it. Writers first take
 * flock(2) on data.mdb, then LMDB's mutex; the holder writes who it is
 * (process, login, operation, command) in DIR/cercle.writer, and a writer
 * that waits more than 3 s reports it through the wait hook (below),
 * every 5 s until it gets the lock, then once more with NULL. store_commit() syncs to
 * disk (the data pages under the locks, the meta page after them: "The
 * write path" above) and returns only then; a failed sync of a written
 * change is ERR_SYSTEM saying so. On MDB_MAP_FULL it returns ERR_SYSTEM
 * with *full set so the caller (hub_run) can grow the map and redo the
 * operation. */
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

/* Who is told when a writer waits: hook(msg) while waiting, hook(NULL)
 * when the wait is over. Without a hook the message goes to stderr as
 * "cercle: MSG". Process-wide; the interface sets its status line. */
void store_set_wait_hook(void (*hook)(const char *msg, void *arg),
    void *arg);

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
/* Moderation: the one change to earlier journal entries. fn is called on
 * every entry, oldest first; when it returns 1 the entry's summary and
 * salt are removed and, if fn set *actor, its actor is replaced by it
 * (member forget). An entry already redacted is left alone unless fn
 * gives it another actor (that redaction supersedes). The entries
 * redacted and what they hold afterwards are recorded by the next entry
 * this transaction appends (the redaction's own store_put), which verify
 * checks them against. *count: entries redacted. Errors: ERR_SYSTEM (a
 * damaged entry, or one that no longer matches its hash: nothing sealed
 * that verify would not). Write transactions only. */
typedef int (*store_jredact_fn)(const struct jentry *je, void *arg,
    const char **actor);
int store_journal_redact(struct store_txn *t, store_jredact_fn fn, void *arg,
    uint64_t *count, struct err *e);

/* Verify. First the pages themselves (read with pread under a read
 * snapshot, never through the map, so a damaged page header is reported
 * by number instead of crashing LMDB); when they are sound, the journal
 * chain (resynchronised after a broken link), every record's decoding and
 * journal hash, the indexes, the signed checkpoints, and each expected
 * head. Each distinct problem is reported once, with a count of how many
 * times it occurs. Progress lines go to report, problem lines (no
 * prefix) to problems; returns 0 when sound, else ERR_SYSTEM with the
 * first problem in e and the number of distinct problems in *nprob. */
struct store_expect {
	uint64_t seq;
	uint8_t hash[32];
};
struct store_verify_opts {
	const struct store_expect *expect;	/* heads known outside */
	size_t nexpect;
	uint64_t nprob;				/* out: distinct problems */
	/* out: the first problem (e's message) is an expected head that
	 * the journal lacks */
	int head_first;
};
int store_verify_ex(struct store *s, struct store_verify_opts *o,
    struct buf *report, struct buf *problems, struct err *e);
/* The same, progress and problems in one report. */
int store_verify(struct store *s, struct buf *report, struct err *e);

/* ---- store-anchor.c: the journal's head, checkpoints, backups ---- */

/* The head: the last entry's number and hash (0 and zeros when empty). */
int store_head(struct store_txn *t, uint64_t *seq, uint8_t hash[32],
    struct err *e);

/* A checkpoint signs (entry, hash, time) with the host's Ed25519 key
 * (DIR/ssh_host_ed25519_key, the key `cercle serve` uses; OpenSSH
 * format), through libcrypto. One is written by store_commit when the
 * head is STORE_CKPT_EVERY (or CERCLE_CHECKPOINT_EVERY) entries past the
 * last one, and by store_checkpoint (a meeting's close). A process that
 * cannot read the key writes none and fails nothing: the next one that
 * can, signs the head. Checkpoints live in the "checkpoint" database,
 * outside the chain (they do not move the head). */
#define STORE_CKPT_EVERY 256
struct store_ckpt {
	uint64_t seq;
	uint8_t hash[32];
	int64_t time;
	uint64_t meeting;	/* the meeting whose close it anchors, or 0 */
	uint8_t pub[32];
	uint8_t sig[64];
	uint64_t n;		/* its number, 1 for the first (signed; 0 in
				 * checkpoints written before numbering) */
};
/* Sign the head now (in a write transaction), tagged with meeting. 0
 * when written or when no key is readable (*signed_out says which);
 * without a key a meeting's anchor is still recorded, unsigned (zero key
 * and signature), so its minutes can show the head at the close. */
int store_checkpoint(struct store_txn *t, uint64_t meeting, int *signed_out,
    struct err *e);
/* The newest checkpoint tagged with meeting (ERR_NOTFOUND if none). */
int store_checkpoint_of_meeting(struct store_txn *t, uint64_t meeting,
    struct store_ckpt *cp, struct err *e);
/* Number of checkpoints, and the last one (*last zeroed when none). */
uint64_t store_checkpoint_last(struct store_txn *t, struct store_ckpt *last);
/* Make the host key if there is none (mode 0600): `init` does, so the
 * first checkpoints are signed before `serve` ever ran. */
int store_host_key_ensure(struct store *s, struct err *e);
/* "SHA256:..." of the host key's public half, as ssh-keygen -l shows it
 * (empty when unreadable). */
void store_host_key_fp(struct store *s, char *out, size_t n);

/* Backup: a consistent, compacted copy into dir (which must not hold a
 * database), taken under a read snapshot (mdb_env_copy2 with
 * MDB_CP_COMPACT) while writers go on; the copy is then opened and
 * verified. *seq and hash receive the copy's head. */
int store_backup(struct store *s, const char *dir, uint64_t *seq,
    uint8_t hash[32], struct err *e);
/* The last backup taken of a database: the head it copied, when, where.
 * Kept in meta ("backup.last", written with the backup's journal entry)
 * and, after the commit, in DIR/cercle.backup beside data.mdb, which a
 * restore still reads when the live database does not open. */
struct store_backup_rec {
	uint64_t seq;
	uint8_t hash[32];
	int64_t time;
	char dir[256];
};
/* In a write transaction: record b as the last backup. */
int store_backup_note(struct store_txn *t, const struct store_backup_rec *b,
    struct err *e);
/* The last backup recorded in meta: 0, or -1 when none. */
int store_backup_last(struct store_txn *t, struct store_backup_rec *b);
/* live/cercle.backup: write it (after the commit; atomic rename), read
 * it (0, or -1 when absent or unreadable). */
int store_backup_file_write(const char *live, const struct store_backup_rec *b,
    struct err *e);
int store_backup_file_read(const char *live, struct store_backup_rec *b);
/* Why the database refuses writes: it is older than (or differs from)
 * the last backup recorded in cercle.backup, so it was put back by hand
 * (NULL when it does not). Renaming cercle.backup, or a forced restore,
 * accepts that history. */
const char *store_stale(const struct store *s);
/* Set live/cercle.backup aside as cercle.backup.before-restore (after a
 * forced restore of an older copy). */
void store_backup_file_retire(const char *live);

/* Put copy/data.mdb in place of live/data.mdb (kept as
 * data.mdb.before-restore). Refused (ERR_REFUSED) while any process has
 * live open: LMDB's shared lock on lock.mdb says so. The caller checks
 * the copy first (it must verify and not be older than a known head). */
int store_restore_files(const char *copy, const char *live, struct err *e);

/* ---- group commit: nested transactions, the queue (hub-batch.c) ---- */

/* A nested write transaction in parent (which must not be used until
 * the child ends). The child starts from the parent's journal tail and
 * id counters and hands them back when it commits; an aborted child
 * leaves the parent as it was (but a map-full mark goes up: the whole
 * batch must be redone in a larger map). */
int store_child_begin(struct store_txn *parent, struct store_txn **out,
    struct err *e);
int store_child_commit(struct store_txn *t, struct err *e);
void store_child_abort(struct store_txn *t);
/* The write lock without waiting: 1 taken (store_begin(write) then
 * uses it), 0 busy. store_write_unlock gives back one not used. */
int store_try_write_lock(struct store *s);
void store_write_unlock(struct store *s);
/* Sync the data file (its meta page): makes a commit another process
 * made, and may not have synced, durable before it is acknowledged. */
int store_sync(struct store *s, struct err *e);

/* The queue: DIR/cercle.queue, SQ_SLOTS slots of at most SQ_REQ_MAX
 * bytes each, shared by every process (store-queue.c says how). */
#define SQ_SLOTS	256	/* above the server's session cap (250) */
#define SQ_REQ_MAX	8192
#define SQ_OUT		4
enum { SQ_FREE, SQ_FILLING, SQ_PENDING, SQ_TAKEN, SQ_DONE, SQ_LOST };
struct sq_result {
	int32_t rc;		/* 0 applied; else refused (redo directly) */
	int32_t pad;
	uint64_t out[SQ_OUT];	/* the operation's results (a new id) */
};
struct store_queue;
/* The queue of s, mapped on first use; NULL when it cannot be (a
 * read-only user): every write then goes the direct way. */
struct store_queue *store_queue(struct store *s);
void store_queue_close(struct store *s);
/* Put a request in a free slot (PENDING): its index, or -1 (full, or
 * too big). Dead writers' slots are reclaimed when none is free. */
int store_queue_submit(struct store_queue *q, uint64_t reqid,
    const void *req, size_t n);
/* The state of one's slot i (SQ_*): DONE fills r; TAKEN sets
 * *leader_dead when the leader that took it is gone; SQ_LOST when the
 * slot is no longer this process's. */
int store_queue_poll(struct store_queue *q, int i, struct sq_result *r,
    int *leader_dead);
/* Sleep until slot i's state changes, or us microseconds. */
void store_queue_wait(struct store_queue *q, int i, uint64_t us);
/* Wake the writers waiting PENDING (the lock is free: one may lead). */
void store_queue_kick(struct store_queue *q);
/* Take back a PENDING request: 1 done, 0 a leader took it first. */
int store_queue_retract(struct store_queue *q, int i);
void store_queue_free(struct store_queue *q, int i);
/* Leader: take the next PENDING slot at or after from (TAKEN, this
 * process's pid), copying its request into req (SQ_REQ_MAX bytes):
 * its index, or -1. */
int store_queue_claim(struct store_queue *q, int from, uint64_t *reqid,
    void *req, size_t *n);
/* Leader, after the commit and both syncs: the result; DONE. */
void store_queue_done(struct store_queue *q, int i,
    const struct sq_result *r);
/* In the leader's transaction: slot's request reqid is applied, with
 * these results (meta "gc.NNN", one per slot, overwritten). */
int store_queue_note(struct store_txn *t, int slot, uint64_t reqid,
    const uint64_t out[SQ_OUT], struct err *e);
/* 1 (and out) when the last commit noted for slot applied reqid. */
int store_queue_applied(struct store_txn *t, int slot, uint64_t reqid,
    uint64_t out[SQ_OUT]);
/* A waiting writer's notice (as for the lock): *next starts at 0. */
void store_queue_wait_notice(struct store *s, int64_t *next, int *told);
void store_queue_wait_end(int told);

/* Encode a u64 as 8 big-endian bytes, and back. */
void store_be64(uint64_t v, uint8_t out[8]);
uint64_t store_from_be64(const uint8_t in[8]);

#endif
