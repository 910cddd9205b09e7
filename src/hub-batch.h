/* hub-batch.h: group commit, inside the hub layer only (hub-*.c).
 *
 * An operation that can be batched is described as data: a code, its
 * body (the hub_op_fn hub_run would call), and how its argument struct
 * travels in a request (msgpack, encoded by the writer, decoded by the
 * leader) and how its results (a new id) come back. hub_run_batch() runs
 * it like hub_run(), and, when another process holds the write lock,
 * hands it to that process to commit in its transaction ("The write
 * path" in store.h says how and why). */
#ifndef CERCLE_HUB_BATCH_H
#define CERCLE_HUB_BATCH_H

#include "hub.h"

/* The codes are in requests between processes of one version of cercle
 * (a leader refuses a code it does not know: the writer then runs the
 * operation itself); never reuse one. */
enum hub_bop_code {
	BOP_NEED_ADD = 1,
	BOP_NEED_SUPPORT = 2,
	BOP_POSITION = 3,
	BOP_MEMBER_ADD = 4,
	BOP_TENSION_ADD = 5,
	BOP_MEETING_JOIN = 6,
	BOP_ROUND_BALLOT = 7,
	BOP__COUNT
};

/* A decoder's cursor over a request's argument array; strings and lists
 * it returns live until the operation is over. */
struct bq_dec;
/* An encoder of a request (msgpack, inside hub-batch.c). */
struct bq_enc;

struct hub_bop {
	int code;
	hub_op_fn fn;
	size_t arg_size;
	/* Pack the argument as one msgpack array. */
	void (*enc)(const void *arg, struct bq_enc *pk);
	/* Fill a zeroed arg_size struct; 0, or -1 for a malformed one. */
	int (*dec)(struct bq_dec *d, void *arg);
	/* The results, leader side (from the arg the body filled) and
	 * writer side (into the caller's arg). NULL: none. */
	void (*out_get)(const void *arg, uint64_t out[SQ_OUT]);
	void (*out_put)(void *arg, const uint64_t out[SQ_OUT]);
};

extern const struct hub_bop hub_bop_need_add, hub_bop_need_support,
    hub_bop_position, hub_bop_member_add, hub_bop_tension_add,
    hub_bop_meeting_join, hub_bop_round_ballot;

int hub_run_batch(struct hub *h, struct actor *who, const struct hub_bop *b,
    const char *op, const char *summary, void *arg, struct err *e);

/* hub.c: the actor checked in the transaction, as hub_run does. */
int hub_actor_resolve(struct store_txn *t, struct actor *a, struct err *e);
/* hub.c: fn as who in the write transaction t (c filled): 0, or fn's
 * refusal or error after aborting t, *full set when a write hit the
 * map's end (grow and redo the whole operation). */
int hub_call(struct hub_ctx *c, struct hub *h, struct store_txn *t,
    struct actor *who, const char *op, const char *summary, hub_op_fn fn,
    void *arg, int *full, struct err *e);
/* hub.c: hub_run without the queue (CERCLE_GROUP_COMMIT=0). */
int hub_run_direct(struct hub *h, struct actor *who, const char *op,
    const char *summary, hub_op_fn fn, void *arg, struct err *e);

/* Packing and unpacking helpers for the descriptors. */
/* An array of n elements (an argument is one). */
void bq_array(struct bq_enc *pk, size_t n);
void bq_str(struct bq_enc *pk, const char *s);
void bq_u64(struct bq_enc *pk, uint64_t v);
void bq_i64(struct bq_enc *pk, int64_t v);
void bq_u64s(struct bq_enc *pk, const struct u64_list *l);
/* The next element: a NUL-terminated copy (NULL for nil); a number; a
 * list (NULL for nil). A wrong type marks the decoder bad. */
const char *bd_str(struct bq_dec *d);
uint64_t bd_u64(struct bq_dec *d);
int64_t bd_i64(struct bq_dec *d);
const struct u64_list *bd_u64s(struct bq_dec *d);
/* Zeroed memory that lives as long as the decoded strings. */
void *bd_alloc(struct bq_dec *d, size_t n);
/* 0 when every element was there and of its type. */
int bd_ok(const struct bq_dec *d);

#endif
