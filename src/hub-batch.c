/* hub-batch.c: group commit. Several processes' operations in one LMDB
 * transaction, so that one pair of syncs acknowledges them all. LMDB can
 * leave no commit unsynced (the pages a synced snapshot frees are reused
 * by the next), so batching must happen before the commit: the writer
 * that holds the lock (the leader) runs the operations the others put in
 * the queue (store-queue.c), each in a nested transaction of its own.
 * "The write path" in store.h gives the protocol and why it neither
 * loses nor repeats an acknowledged write. Must not print. */
#include "hub-batch.h"
#include "codec.h"
#include "i18n.h"

#include <msgpack.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define BQ_VERSION	1
#define BQ_TRIES	12

static const struct hub_bop *const bops[BOP__COUNT] = {
	[BOP_NEED_ADD] = &hub_bop_need_add,
	[BOP_NEED_SUPPORT] = &hub_bop_need_support,
	[BOP_POSITION] = &hub_bop_position,
	[BOP_MEMBER_ADD] = &hub_bop_member_add,
	[BOP_TENSION_ADD] = &hub_bop_tension_add,
	[BOP_MEETING_JOIN] = &hub_bop_meeting_join,
	[BOP_ROUND_BALLOT] = &hub_bop_round_ballot,
};

/* CERCLE_GROUP_COMMIT=0: every process commits alone (as before). */
static int
gc_enabled(void)
{
	const char *v = getenv("CERCLE_GROUP_COMMIT");

	return v == NULL || strcmp(v, "0") != 0;
}

/* Tests only (tests/e2e/test-group-commit.sh): CERCLE_TEST_GC_DIE makes a
 * leader that runs others' requests _exit(3) just before its commit or
 * just after it (both syncs done, no request told); CERCLE_TEST_GC_HOLD
 * (ms) makes a leader wait, lock held, before it takes requests, so that
 * a test can line writers up behind it. */
enum { DIE_NO, DIE_BEFORE, DIE_AFTER };

static int
test_die(void)
{
	const char *v = getenv("CERCLE_TEST_GC_DIE");

	if (v == NULL)
		return DIE_NO;
	if (strcmp(v, "before-commit") == 0)
		return DIE_BEFORE;
	if (strcmp(v, "after-commit") == 0)
		return DIE_AFTER;
	return DIE_NO;
}

static void
test_hold(void)
{
	const char *v = getenv("CERCLE_TEST_GC_HOLD");
	uint64_t ms;

	if (v != NULL && util_parse_u64(v, &ms) == 0 && ms > 0 && ms < 60000)
		usleep((useconds_t)(ms * 1000));
}

/* ---- requests: [version, code, console, login, label, op, summary,
 * [argument...]] ---- */

static int
pk_buf_cb(void *data, const char *p, size_t n)
{
	buf_add(data, p, n);
	return 0;
}

struct bq_enc {
	msgpack_packer pk;
};

void
bq_array(struct bq_enc *b, size_t n)
{
	msgpack_pack_array(&b->pk, n);
}

void
bq_str(struct bq_enc *b, const char *s)
{
	if (s == NULL)
		msgpack_pack_nil(&b->pk);
	else
		msgpack_pack_str_with_body(&b->pk, s, strlen(s));
}

void
bq_u64(struct bq_enc *b, uint64_t v)
{
	msgpack_pack_uint64(&b->pk, v);
}

void
bq_i64(struct bq_enc *b, int64_t v)
{
	msgpack_pack_int64(&b->pk, v);
}

void
bq_u64s(struct bq_enc *b, const struct u64_list *l)
{
	if (l == NULL) {
		msgpack_pack_nil(&b->pk);
		return;
	}
	msgpack_pack_array(&b->pk, l->n);
	for (size_t i = 0; i < l->n; i++)
		msgpack_pack_uint64(&b->pk, l->v[i]);
}

static void
req_encode(const struct hub_bop *b, const struct actor *who, const char *op,
    const char *summary, const void *arg, struct buf *out)
{
	struct bq_enc pk;

	msgpack_packer_init(&pk.pk, out, pk_buf_cb);
	msgpack_pack_array(&pk.pk, 8);
	msgpack_pack_uint8(&pk.pk, BQ_VERSION);
	msgpack_pack_uint8(&pk.pk, (uint8_t)b->code);
	msgpack_pack_uint8(&pk.pk, who->console ? 1 : 0);
	bq_str(&pk, who->login);
	bq_str(&pk, who->label);
	bq_str(&pk, op);
	bq_str(&pk, summary);
	b->enc(arg, &pk);
}

struct bq_dec {
	const msgpack_object *o;
	uint32_t n, i;
	int bad;
	void **mem;		/* every allocation, freed at the end */
	size_t nmem, cap;
};

void *
bd_alloc(struct bq_dec *d, size_t n)
{
	void *p = xcalloc(1, n);

	if (d->nmem == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->mem = realloc(d->mem, d->cap * sizeof *d->mem);
		if (d->mem == NULL) {
			fputs("cercle: out of memory\n", stderr);
			abort();
		}
	}
	d->mem[d->nmem++] = p;
	return p;
}

static void
bd_free(struct bq_dec *d)
{
	for (size_t i = 0; i < d->nmem; i++)
		free(d->mem[i]);
	free(d->mem);
	d->mem = NULL;
	d->nmem = d->cap = 0;
}

static const msgpack_object *
bd_next(struct bq_dec *d)
{
	if (d->bad || d->i >= d->n) {
		d->bad = 1;
		return NULL;
	}
	return &d->o[d->i++];
}

static char *
obj_str(struct bq_dec *d, const msgpack_object *o)
{
	char *s;

	if (o == NULL || o->type != MSGPACK_OBJECT_STR) {
		d->bad = 1;
		return NULL;
	}
	s = bd_alloc(d, o->via.str.size + 1);
	if (o->via.str.size > 0)	/* an empty one may have no pointer */
		memcpy(s, o->via.str.ptr, o->via.str.size);
	return s;
}

const char *
bd_str(struct bq_dec *d)
{
	const msgpack_object *o = bd_next(d);

	if (o != NULL && o->type == MSGPACK_OBJECT_NIL)
		return NULL;
	return obj_str(d, o);
}

uint64_t
bd_u64(struct bq_dec *d)
{
	const msgpack_object *o = bd_next(d);

	if (o == NULL || o->type != MSGPACK_OBJECT_POSITIVE_INTEGER) {
		d->bad = 1;
		return 0;
	}
	return o->via.u64;
}

int64_t
bd_i64(struct bq_dec *d)
{
	const msgpack_object *o = bd_next(d);

	if (o != NULL && o->type == MSGPACK_OBJECT_POSITIVE_INTEGER &&
	    o->via.u64 <= INT64_MAX)
		return (int64_t)o->via.u64;
	if (o != NULL && o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return o->via.i64;
	d->bad = 1;
	return 0;
}

const struct u64_list *
bd_u64s(struct bq_dec *d)
{
	const msgpack_object *o = bd_next(d);
	struct u64_list *l;

	if (o != NULL && o->type == MSGPACK_OBJECT_NIL)
		return NULL;
	if (o == NULL || o->type != MSGPACK_OBJECT_ARRAY) {
		d->bad = 1;
		return NULL;
	}
	l = bd_alloc(d, sizeof *l);
	l->v = bd_alloc(d, (o->via.array.size + 1) * sizeof *l->v);
	for (uint32_t i = 0; i < o->via.array.size; i++) {
		const msgpack_object *x = &o->via.array.ptr[i];
		if (x->type != MSGPACK_OBJECT_POSITIVE_INTEGER) {
			d->bad = 1;
			return NULL;
		}
		l->v[l->n++] = x->via.u64;
	}
	return l;
}

int
bd_ok(const struct bq_dec *d)
{
	return d->bad ? -1 : 0;
}

/* A request, decoded for the leader. */
struct breq {
	const struct hub_bop *b;
	struct actor who;
	const char *op, *summary;
	void *arg;
	struct bq_dec d;
};

static int
req_decode(const void *p, size_t n, struct breq *r)
{
	msgpack_unpacked u;
	const msgpack_object *top;
	struct bq_dec hd = { 0 };
	const char *s;
	uint64_t v, code;
	int ok = 0;

	memset(r, 0, sizeof *r);
	msgpack_unpacked_init(&u);
	if (msgpack_unpack_next(&u, p, n, NULL) != MSGPACK_UNPACK_SUCCESS ||
	    u.data.type != MSGPACK_OBJECT_ARRAY ||
	    u.data.via.array.size != 8)
		goto out;
	top = u.data.via.array.ptr;
	hd.o = top;
	hd.n = 7;
	v = bd_u64(&hd);
	code = bd_u64(&hd);
	if (hd.bad || v != BQ_VERSION || code == 0 || code >= BOP__COUNT ||
	    bops[code] == NULL)
		goto out;
	r->b = bops[code];
	r->who.console = bd_u64(&hd) != 0;
	if ((s = bd_str(&hd)) != NULL)
		snprintf(r->who.login, sizeof r->who.login, "%s", s);
	if ((s = bd_str(&hd)) != NULL)
		snprintf(r->who.label, sizeof r->who.label, "%s", s);
	r->op = bd_str(&hd);
	r->summary = bd_str(&hd);
	if (hd.bad || r->op == NULL || top[7].type != MSGPACK_OBJECT_ARRAY)
		goto out;
	r->d = hd;		/* the strings above live with the argument */
	hd.mem = NULL;
	hd.nmem = hd.cap = 0;
	r->d.o = top[7].via.array.ptr;
	r->d.n = top[7].via.array.size;
	r->d.i = 0;
	r->d.bad = 0;
	r->arg = bd_alloc(&r->d, r->b->arg_size);
	/* Strings are copied out: the unpacked object may go. */
	ok = r->b->dec(&r->d, r->arg) == 0 && bd_ok(&r->d) == 0 &&
	    r->d.i == r->d.n;
out:
	bd_free(&hd);
	msgpack_unpacked_destroy(&u);
	if (!ok)
		bd_free(&r->d);
	return ok ? 0 : -1;
}

/* ---- the leader ---- */

/* A request taken from the queue. */
struct brun {
	int slot;
	uint64_t reqid;
	uint8_t *req;
	size_t n;
	struct sq_result res;
};

struct batch {
	struct brun *v;
	size_t n;
};

/* One queued request in its own nested transaction; the note that it
 * was applied is written in the same child, so it commits with it. */
static void
run_one(struct hub *h, struct store_txn *t, struct brun *r)
{
	struct store_txn *ct;
	struct hub_ctx c;
	struct breq q;
	struct err e;
	int rc;

	memset(&r->res, 0, sizeof r->res);
	r->res.rc = ERR_SYSTEM;
	if (req_decode(r->req, r->n, &q) != 0)
		return;		/* its writer runs it itself */
	err_clear(&e);
	if (store_child_begin(t, &ct, &e) != 0) {
		bd_free(&q.d);
		return;
	}
	c.h = h;
	c.t = ct;
	c.who = &q.who;
	c.e = &e;
	store_txn_set_op(ct, q.who.label, q.op, q.summary);
	rc = hub_actor_resolve(ct, &q.who, &e);
	if (rc == 0)
		rc = q.b->fn(&c, q.arg);
	if (rc == 0 && q.b->out_get != NULL)
		q.b->out_get(q.arg, r->res.out);
	if (rc == 0)
		rc = store_queue_note(ct, r->slot, r->reqid, r->res.out, &e);
	if (rc == 0)
		rc = store_child_commit(ct, &e);
	else
		store_child_abort(ct);
	r->res.rc = rc == 0 ? 0 : (e.code ? e.code : ERR_SYSTEM);
	bd_free(&q.d);
}

/* Take the requests waiting now (a few passes: more arrive while the
 * first run) and run each. */
static void
drain(struct hub *h, struct store_txn *t, struct store_queue *q,
    struct batch *bt)
{
	uint8_t *req = NULL;

	for (int pass = 0; pass < 4; pass++) {
		size_t before = bt->n;
		int from = 0, i;
		while (bt->n < SQ_SLOTS && !store_txn_map_full(t)) {
			struct brun *r;
			uint64_t reqid;
			size_t n;
			if (req == NULL)
				req = xmalloc(SQ_REQ_MAX);
			if ((i = store_queue_claim(q, from, &reqid, req,
			    &n)) < 0)
				break;
			from = i + 1;
			if (bt->n % 16 == 0)
				bt->v = realloc(bt->v, (bt->n + 16) *
				    sizeof *bt->v);
			if (bt->v == NULL) {
				fputs("cercle: out of memory\n", stderr);
				abort();
			}
			r = &bt->v[bt->n++];
			memset(r, 0, sizeof *r);
			r->slot = i;
			r->reqid = reqid;
			r->req = req;
			r->n = n;
			req = NULL;
			run_one(h, t, r);
		}
		if (bt->n == before)
			break;
	}
	free(req);
}

/* Tell every request taken: its result, or (rc -1) "see the record"
 * when the batch did not commit. */
static void
batch_end(struct store_queue *q, struct batch *bt, int failed)
{
	for (size_t i = 0; i < bt->n; i++) {
		if (failed) {
			memset(&bt->v[i].res, 0, sizeof bt->v[i].res);
			bt->v[i].res.rc = -1;
		}
		store_queue_done(q, bt->v[i].slot, &bt->v[i].res);
		free(bt->v[i].req);
	}
	free(bt->v);
	bt->v = NULL;
	bt->n = 0;
}

/* Run one's own operation, then every queued request, in one write
 * transaction (waiting for the lock if this process does not hold it),
 * and commit. With check_slot >= 0 this process's request in that slot
 * may already be applied by a leader that died: the record says, and
 * *applied (with out) is set instead of running it again. */
static int
lead(struct hub *h, struct actor *who, const char *op, const char *summary,
    hub_op_fn fn, void *arg, int check_slot, uint64_t reqid,
    uint64_t out[SQ_OUT], int *applied, struct err *e)
{
	struct store_queue *q = store_queue(h->st);
	struct batch bt = { 0 };
	struct hub_ctx c;
	int rc = 0, full, tries, die = test_die();

	if (applied != NULL)
		*applied = 0;
	for (tries = 0; tries < BQ_TRIES; tries++) {
		err_clear(e);
		if ((rc = store_begin(h->st, 1, &c.t, e)) != 0)
			goto fail;
		if (check_slot >= 0 && tries == 0 &&
		    store_queue_applied(c.t, check_slot, reqid, out)) {
			/* Its leader committed it, maybe without the meta
			 * page's sync: make that durable before telling. */
			store_abort(c.t);
			*applied = 1;
			return store_sync(h->st, e);
		}
		if ((rc = hub_call(&c, h, c.t, who, op, summary, fn, arg,
		    &full, e)) != 0) {
			if (!full)
				goto fail;
			goto grow;
		}
		/* A redo (after growing) runs the requests taken before
		 * again, from their bytes, then takes the new ones. */
		for (size_t i = 0; i < bt.n; i++)
			run_one(h, c.t, &bt.v[i]);
		if (q != NULL && !store_txn_map_full(c.t)) {
			if (bt.n == 0)
				test_hold();
			drain(h, c.t, q, &bt);
		}
		if (store_txn_map_full(c.t)) {
			store_abort(c.t);
			goto grow;
		}
		if (die == DIE_BEFORE && bt.n > 0)
			_exit(ERR_SYSTEM);
		if ((rc = store_commit(c.t, &full, e)) == 0) {
			if (die == DIE_AFTER && bt.n > 0)
				_exit(ERR_SYSTEM);
			if (q != NULL) {
				batch_end(q, &bt, 0);
				store_queue_kick(q);
			}
			return 0;
		}
		if (!full)
			goto fail;
grow:
		if ((rc = store_grow(h->st, e)) != 0)
			goto fail;
	}
	rc = err_set(e, ERR_SYSTEM, "the database cannot grow any more");
fail:
	/* Not committed (or not known to be): each writer whose request
	 * was taken looks at the record itself. */
	if (q != NULL) {
		batch_end(q, &bt, 1);
		store_queue_kick(q);
	}
	return rc;
}

/* Every operation: with group commit, whoever holds the lock drains the
 * queue too, whatever its own operation is. */
int
hub_run(struct hub *h, struct actor *who, const char *op,
    const char *summary, hub_op_fn fn, void *arg, struct err *e)
{
	if (!gc_enabled() || store_queue(h->st) == NULL)
		return hub_run_direct(h, who, op, summary, fn, arg, e);
	return lead(h, who, op, summary, fn, arg, -1, 0, NULL, NULL, e);
}

/* ---- the writer ---- */

static uint64_t
new_reqid(void)
{
	uint64_t v = 0;
	struct timespec ts;

	if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v) {
		clock_gettime(CLOCK_REALTIME, &ts);
		v = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^
		    (uint64_t)getpid() << 40;
	}
	return v ? v : 1;
}

int
hub_run_batch(struct hub *h, struct actor *who, const struct hub_bop *b,
    const char *op, const char *summary, void *arg, struct err *e)
{
	struct store_queue *q;
	struct buf req = { 0 };
	struct sq_result res;
	uint64_t reqid, out[SQ_OUT] = { 0 };
	uint64_t nap = 100;
	int64_t next = 0;
	int slot, st, dead, applied = 0, told = 0, rc;

	if (!gc_enabled() || (q = store_queue(h->st)) == NULL)
		return hub_run_direct(h, who, op, summary, b->fn, arg, e);
	if (store_try_write_lock(h->st))
		return lead(h, who, op, summary, b->fn, arg, -1, 0, NULL, NULL,
		    e);
	req_encode(b, who, op, summary, arg, &req);
	reqid = new_reqid();
	slot = store_queue_submit(q, reqid, req.p, req.len);
	buf_free(&req);
	if (slot < 0)	/* too big, or the queue is full: wait for the lock */
		return lead(h, who, op, summary, b->fn, arg, -1, 0, NULL, NULL,
		    e);
	for (;;) {
		st = store_queue_poll(q, slot, &res, &dead);
		if (st == SQ_DONE && res.rc == 0) {
			store_queue_free(q, slot);
			store_queue_wait_end(told);
			if (b->out_put != NULL)
				b->out_put(arg, res.out);
			return 0;
		}
		if (st == SQ_PENDING && store_try_write_lock(h->st)) {
			if (store_queue_retract(q, slot)) {
				store_queue_wait_end(told);
				return lead(h, who, op, summary, b->fn, arg, -1,
				    0, NULL, NULL, e);
			}
			store_write_unlock(h->st);	/* just taken */
			continue;
		}
		/* Refused in the batch (said again here, in this process's
		 * language), not committed, or its leader died: under the
		 * lock, the record says whether it was applied; if not, it
		 * runs here. The slot stays this process's until then, so
		 * that no other request's record replaces its own. */
		if (st == SQ_DONE || st == SQ_LOST || (st == SQ_TAKEN &&
		    dead)) {
			store_queue_wait_end(told);
			rc = lead(h, who, op, summary, b->fn, arg, slot, reqid,
			    out, &applied, e);
			store_queue_free(q, slot);
			if (rc == 0 && applied && b->out_put != NULL)
				b->out_put(arg, out);
			return rc;
		}
		/* Woken when the slot changes (DONE) or the lock is given
		 * back (kick); the timeout, up to 10 ms, is for a leader
		 * that died or a lock holder that wakes nobody. */
		store_queue_wait_notice(h->st, &next, &told);
		store_queue_wait(q, slot, nap);
		if (nap < 10000)
			nap *= 2;
	}
}
