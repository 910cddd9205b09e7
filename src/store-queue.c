/* store-queue.c: the group-commit queue (DIR/cercle.queue) and the
 * record, inside the database, of which queued requests a commit
 * applied. hub-batch.c drives both ("The write path" in store.h). Must
 * not know what a request means: it is bytes here.
 *
 * The file is a header and SQ_SLOTS fixed slots, mapped MAP_SHARED by
 * every process of the database. A slot's state word is the only thing
 * processes race on, changed with C11 compare-exchange; whoever moved
 * it owns the rest of the slot until it publishes the next state (with
 * release ordering, read with acquire):
 *   FREE -> FILLING (a writer) -> PENDING (request in)
 *   PENDING -> TAKEN (a leader, its pid in the word) -> DONE (result in)
 *   PENDING -> FREE (the writer takes it back: it leads)
 *   DONE -> FREE (the writer, result read)
 * A slot of a dead owner is freed by anyone (unless a live leader holds
 * it); a TAKEN slot of a dead leader is left to its owner, which reads
 * the record below to learn whether the leader's commit applied it. */
#include "store-int.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define SQ_MAGIC	UINT64_C(0x636572636c657131)	/* "cercleq1" */
#define SQ_HEADER	4096

struct sq_slot {
	/* SQ_* | owner pid << 8 | leader pid << 32: the owner is in the
	 * word so that a compare-exchange can never mistake a slot taken
	 * again by another writer for the one it looked at (Linux pids are
	 * below 2^22). */
	_Atomic uint64_t state;
	uint32_t req_len;
	uint32_t pad;
	uint64_t reqid;
	struct sq_result res;
	uint8_t req[SQ_REQ_MAX];
};

struct sq_header {
	_Atomic uint64_t magic;
	uint32_t nslots, slot_size;
};

struct store_queue {
	struct sq_header *h;
	struct sq_slot *slot;
	size_t maplen;
};

#define SQ_FILE_SIZE (SQ_HEADER + SQ_SLOTS * sizeof(struct sq_slot))

static int
pid_dead(int32_t pid)
{
	return pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH);
}

/* Dead, or a zombie its parent has not reaped yet (kill() still finds
 * it, but it will never mark a slot DONE): read in /proc, so only now
 * and then. */
static int
pid_gone(int32_t pid)
{
	char path[64], st[256], *p;
	ssize_t n;
	int fd;

	if (pid_dead(pid))
		return 1;
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT;
	n = read(fd, st, sizeof st - 1);
	close(fd);
	if (n <= 0)
		return 0;
	st[n] = '\0';
	return (p = strrchr(st, ')')) != NULL && p[1] == ' ' &&
	    (p[2] == 'Z' || p[2] == 'X');
}

static int
st_of(uint64_t w)
{
	return (int)(w & 0xff);
}

static int32_t
owner_of(uint64_t w)
{
	return (int32_t)((w >> 8) & 0xffffff);
}

static int32_t
leader_of(uint64_t w)
{
	return (int32_t)(w >> 32);
}

static uint64_t
word(int st, int32_t owner, int32_t leader)
{
	return (uint64_t)st | ((uint64_t)owner & 0xffffff) << 8 |
	    (uint64_t)(uint32_t)leader << 32;
}

/* Waiting without spinning: a futex on the low half of the state word
 * (every state change touches it), shared between processes (the map is
 * MAP_SHARED, so no FUTEX_PRIVATE). A wake-up is only a hint: whoever
 * waits looks at the word again, and a timeout covers a waker that died
 * or a lock given back by a process that wakes nobody. */
static uint32_t *
lo_half(_Atomic uint64_t *w)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (uint32_t *)w + 1;
#else
	return (uint32_t *)w;
#endif
}

static void
fwake(_Atomic uint64_t *w)
{
	syscall(SYS_futex, lo_half(w), FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

void
store_queue_wait(struct store_queue *q, int i, uint64_t us)
{
	_Atomic uint64_t *w = &q->slot[i].state;
	uint64_t seen = atomic_load(w);
	struct timespec ts = { (time_t)(us / 1000000),
	    (long)(us % 1000000) * 1000 };

	syscall(SYS_futex, lo_half(w), FUTEX_WAIT, (uint32_t)seen, &ts, NULL,
	    0);
}

void
store_queue_kick(struct store_queue *q)
{
	for (int i = 0; i < SQ_SLOTS; i++)
		if (st_of(atomic_load_explicit(&q->slot[i].state,
		    memory_order_relaxed)) == SQ_PENDING)
			fwake(&q->slot[i].state);
}

struct store_queue *
store_queue(struct store *s)
{
	char path[4096];
	struct store_queue *q;
	struct stat st;
	void *p;
	int fd;

	if (s->queue != NULL || s->queue_tried)
		return s->queue;
	s->queue_tried = 1;
	/* A pid that does not fit the state word: no queue. */
	if (getpid() > 0xffffff)
		return NULL;
	snprintf(path, sizeof path, "%s/cercle.queue", s->path);
	/* Like data.mdb and cercle.writer: the hub's group may write. */
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0660)) < 0)
		return NULL;	/* a read-only user: writes go direct */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    ((size_t)st.st_size < SQ_FILE_SIZE &&
	    ftruncate(fd, (off_t)SQ_FILE_SIZE) != 0)) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, SQ_FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	q = xcalloc(1, sizeof *q);
	q->h = p;
	q->slot = (struct sq_slot *)((char *)p + SQ_HEADER);
	q->maplen = SQ_FILE_SIZE;
	/* A new file is all zeroes (every slot FREE): the first process
	 * stamps it; a file of another layout is left alone, unused. */
	uint64_t zero = 0;
	if (atomic_compare_exchange_strong(&q->h->magic, &zero, SQ_MAGIC)) {
		q->h->nslots = SQ_SLOTS;
		q->h->slot_size = (uint32_t)sizeof(struct sq_slot);
	} else if (zero != SQ_MAGIC || q->h->nslots != SQ_SLOTS ||
	    q->h->slot_size != sizeof(struct sq_slot)) {
		munmap(p, q->maplen);
		free(q);
		return NULL;
	}
	s->queue = q;
	return q;
}

void
store_queue_close(struct store *s)
{
	if (s->queue != NULL) {
		munmap(s->queue->h, s->queue->maplen);
		free(s->queue);
	}
	s->queue = NULL;
}

/* Free the slot of a dead owner (not one a live leader holds). */
static void
reclaim(struct sq_slot *sl, uint64_t w)
{
	if (st_of(w) == SQ_FREE || !pid_dead(owner_of(w)))
		return;
	if (st_of(w) == SQ_TAKEN && !pid_dead(leader_of(w)))
		return;
	atomic_compare_exchange_strong(&sl->state, &w, (uint64_t)0);
}

int
store_queue_submit(struct store_queue *q, uint64_t reqid, const void *req,
    size_t n)
{
	int32_t me = (int32_t)getpid();

	if (n > SQ_REQ_MAX)
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < SQ_SLOTS; i++) {
			struct sq_slot *sl = &q->slot[i];
			uint64_t w = 0;
			if (pass == 1)
				reclaim(sl, atomic_load(&sl->state));
			if (!atomic_compare_exchange_strong(&sl->state, &w,
			    word(SQ_FILLING, me, 0)))
				continue;
			sl->reqid = reqid;
			sl->req_len = (uint32_t)n;
			memcpy(sl->req, req, n);
			memset(&sl->res, 0, sizeof sl->res);
			atomic_store_explicit(&sl->state,
			    word(SQ_PENDING, me, 0), memory_order_release);
			return i;
		}
	}
	return -1;
}

int
store_queue_poll(struct store_queue *q, int i, struct sq_result *r,
    int *leader_dead)
{
	struct sq_slot *sl = &q->slot[i];
	uint64_t w = atomic_load_explicit(&sl->state, memory_order_acquire);

	*leader_dead = 0;
	/* Freed under us (taken for a dead writer's: a pid reused): what
	 * became of the request is for the record to say. */
	if (st_of(w) == SQ_FREE || owner_of(w) != (int32_t)getpid())
		return SQ_LOST;
	if (st_of(w) == SQ_DONE)
		*r = sl->res;
	else if (st_of(w) == SQ_TAKEN) {
		static unsigned polls;
		*leader_dead = ++polls % 64 == 0 ? pid_gone(leader_of(w)) :
		    pid_dead(leader_of(w));
	}
	return st_of(w);
}

int
store_queue_retract(struct store_queue *q, int i)
{
	uint64_t w = word(SQ_PENDING, (int32_t)getpid(), 0);

	return atomic_compare_exchange_strong(&q->slot[i].state, &w,
	    (uint64_t)0);
}

void
store_queue_free(struct store_queue *q, int i)
{
	uint64_t w = atomic_load(&q->slot[i].state);

	if (owner_of(w) == (int32_t)getpid())
		atomic_compare_exchange_strong(&q->slot[i].state, &w,
		    (uint64_t)0);
}

int
store_queue_claim(struct store_queue *q, int from, uint64_t *reqid,
    void *req, size_t *n)
{
	int32_t me = (int32_t)getpid();

	for (int i = from; i < SQ_SLOTS; i++) {
		struct sq_slot *sl = &q->slot[i];
		uint64_t w = atomic_load_explicit(&sl->state,
		    memory_order_acquire);
		if (st_of(w) != SQ_PENDING) {
			if (st_of(w) != SQ_FREE && leader_of(w) != me)
				reclaim(sl, w);
			continue;
		}
		/* Its writer died waiting: nobody is told, drop it. */
		if (pid_dead(owner_of(w))) {
			reclaim(sl, w);
			continue;
		}
		if (!atomic_compare_exchange_strong_explicit(&sl->state, &w,
		    word(SQ_TAKEN, owner_of(w), me), memory_order_acq_rel,
		    memory_order_relaxed))
			continue;
		*reqid = sl->reqid;
		*n = sl->req_len <= SQ_REQ_MAX ? sl->req_len : 0;
		memcpy(req, sl->req, *n);
		return i;
	}
	return -1;
}

void
store_queue_done(struct store_queue *q, int i, const struct sq_result *r)
{
	uint64_t w = atomic_load(&q->slot[i].state);

	q->slot[i].res = *r;
	atomic_store_explicit(&q->slot[i].state, word(SQ_DONE, owner_of(w),
	    leader_of(w)), memory_order_release);
	fwake(&q->slot[i].state);
}

/* ---- what a commit applied: meta "gc.NNN" per slot ----
 *
 * [request id: 8][results: SQ_OUT x 8], overwritten by the next request
 * the slot carries. Written in the leader's transaction with the
 * operation itself, so it is there exactly when the operation is. */

static void
note_key(int slot, char *k, MDB_val *v)
{
	snprintf(k, 16, "gc.%03d", slot);
	v->mv_size = strlen(k);
	v->mv_data = k;
}

int
store_queue_note(struct store_txn *t, int slot, uint64_t reqid,
    const uint64_t out[SQ_OUT], struct err *e)
{
	uint8_t b[8 * (1 + SQ_OUT)];
	char kb[16];
	MDB_val k, v = { sizeof b, b };
	int rc;

	note_key(slot, kb, &k);
	store_be64(reqid, b);
	for (int i = 0; i < SQ_OUT; i++)
		store_be64(out[i], b + 8 * (1 + i));
	if ((rc = mdb_put(t->txn, t->s->meta, &k, &v, 0)) != 0)
		return store_txn_err(t, e, rc, "cannot write the database");
	return 0;
}

int
store_queue_applied(struct store_txn *t, int slot, uint64_t reqid,
    uint64_t out[SQ_OUT])
{
	char kb[16];
	MDB_val k, v;

	note_key(slot, kb, &k);
	if (mdb_get(t->txn, t->s->meta, &k, &v) != 0 ||
	    v.mv_size != 8 * (1 + SQ_OUT) ||
	    store_from_be64(v.mv_data) != reqid)
		return 0;
	for (int i = 0; i < SQ_OUT; i++)
		out[i] = store_from_be64((const uint8_t *)v.mv_data +
		    8 * (1 + i));
	return 1;
}

void
store_queue_wait_notice(struct store *s, int64_t *next, int *told)
{
	guard_wait_notice(s, next, told);
}

void
store_queue_wait_end(int told)
{
	guard_wait_notice_end(told);
}
