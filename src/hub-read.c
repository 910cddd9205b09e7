/* hub-read.c: the read handle every view is computed through: a parked
 * LMDB snapshot plus the viewer it reads for. Must not write or print. */
#include "hub.h"
#include "codec.h"
#include "hub-view-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hub_rd {
	struct hub *h;
	struct store_txn *t;	/* NULL until the first renew */
	int live;		/* holds a snapshot now */
	struct actor viewer;	/* id and roles resolved at each renew */
};

/* The viewer as the snapshot knows them: a member who is unknown or
 * disabled keeps their login but holds no role (views then show what
 * anyone may see and offer no act). */
static int
rd_resolve(struct hub_rd *r, struct err *e)
{
	struct member m;
	int rc;

	r->viewer.id = 0;
	r->viewer.roles = 0;
	if (r->viewer.console && r->viewer.login[0] == '\0') {
		r->viewer.roles = ROLE_ADMIN;
		return 0;
	}
	rc = hub_member_by_login(r->t, r->viewer.login, &m, e);
	if (rc == ERR_NOTFOUND) {
		err_clear(e);
		return 0;
	}
	if (rc != 0)
		return rc;
	r->viewer.id = m.id;
	if (!m.disabled)
		r->viewer.roles = m.roles;
	codec_free(RT_MEMBER, &m);
	return 0;
}

int
hub_rd_open(struct hub *h, const struct actor *viewer, struct hub_rd **out,
    struct err *e)
{
	struct hub_rd *r = xcalloc(1, sizeof *r);
	int rc;

	r->h = h;
	r->viewer = *viewer;
	if ((rc = hub_rd_renew(r, e)) != 0) {
		hub_rd_close(r);
		return rc;
	}
	*out = r;
	return 0;
}

int
hub_rd_renew(struct hub_rd *r, struct err *e)
{
	int rc;

	if (r->live)
		hub_rd_park(r);
	if (r->t == NULL)
		rc = store_begin(r->h->st, 0, &r->t, e);
	else
		rc = store_txn_renew(r->t, e);
	if (rc != 0)
		return rc;
	r->live = 1;
	if ((rc = rd_resolve(r, e)) != 0) {
		hub_rd_park(r);
		return rc;
	}
	return 0;
}

void
hub_rd_park(struct hub_rd *r)
{
	if (r != NULL && r->live) {
		store_txn_reset(r->t);
		r->live = 0;
	}
}

void
hub_rd_close(struct hub_rd *r)
{
	if (r == NULL)
		return;
	if (r->t != NULL)
		store_abort(r->t);
	free(r);
}

const struct actor *
hub_rd_viewer(const struct hub_rd *r)
{
	return &r->viewer;
}

struct store_txn *
hub_rd_txn(struct hub_rd *r)
{
	return r->live ? r->t : NULL;
}

uint64_t
hub_rd_journal_last(struct hub_rd *r)
{
	return r->live ? store_journal_last(r->t) : 0;
}

uint64_t
hub_last_txnid(struct hub *h)
{
	return store_last_txnid(h->st);
}

struct store_txn *
hub_rd_live(struct hub_rd *r, struct err *e)
{
	if (r == NULL || !r->live) {
		err_set(e, ERR_SYSTEM, "the read handle is parked");
		return NULL;
	}
	return r->t;
}

struct ids_walk {
	struct u64_list *out;
	size_t max;
};

static int
ids_cb(uint64_t id, void *arg)
{
	struct ids_walk *w = arg;

	if (w->out->n >= w->max)
		return 1;
	u64_list_push(w->out, id);
	return 0;
}

int
hub_ix_ids(struct store_txn *t, int ix, const void *key, size_t klen,
    size_t max, struct u64_list *out, struct err *e)
{
	struct ids_walk w = { out, out->n + max };

	return store_ix_scan(t, ix, key, klen, 0, 0, ids_cb, &w, e);
}

int
hub_cursor_id(const char *after, uint64_t *id, struct err *e)
{
	*id = 0;
	if (after == NULL || after[0] == '\0')
		return 0;
	if (util_parse_u64(after, id) != 0 || *id == 0)
		return err_set(e, ERR_USAGE, "bad cursor '%.40s'", after);
	return 0;
}

void
hub_cursor_set(char next[HUB_CURSOR_MAX], uint64_t id)
{
	if (next == NULL)
		return;
	if (id == 0)
		next[0] = '\0';
	else
		snprintf(next, HUB_CURSOR_MAX, "%llu", (unsigned long long)id);
}

int
hub_ustate_view(struct hub_rd *r, struct ustate *u, struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);

	memset(u, 0, sizeof *u);
	if (t == NULL)
		return e->code;
	if (r->viewer.id == 0)
		return err_set(e, ERR_NOTFOUND, "the console keeps no state");
	return hub_ustate_get(t, r->viewer.id, u, e);
}

/* The walk under hub_page_scan(): the limit, and where the page ended. */
struct page_walk {
	hub_page_rec_fn rec;
	void *arg;
	size_t limit, n;
	uint64_t last;
	int more, stopped, rc;
};

static int
page_walk_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct page_walk *w = arg;
	int rc;

	if (w->limit && w->n >= w->limit) {
		w->more = 1;
		return 1;
	}
	if ((rc = w->rec(id, data, len, w->arg)) < 0) {
		w->rc = -rc;
		return 1;
	}
	w->n++;
	w->last = id;
	if (rc > 0)
		w->stopped = 1;
	return rc;
}

int
hub_page_scan(struct hub_rd *r, int rtype, int reverse, const char *after,
    size_t limit, hub_page_rec_fn rec, void *arg, char next[HUB_CURSOR_MAX],
    struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	struct page_walk w;
	uint64_t from, start;
	int rc;

	hub_cursor_set(next, 0);
	if (t == NULL)
		return e->code;
	if ((rc = hub_cursor_id(after, &from, e)) != 0)
		return rc;
	if (reverse && from == 1)
		return 0;	/* nothing comes before the first */
	/* From the top, walk from the edge rather than seek to id 1. */
	start = from == 0 ? 0 : reverse ? from - 1 : from + 1;
	memset(&w, 0, sizeof w);
	w.rec = rec;
	w.arg = arg;
	w.limit = limit;
	if ((rc = store_scan(t, rtype, start, reverse, page_walk_cb, &w,
	    e)) != 0)
		return rc;
	if (w.rc != 0)
		return w.rc;
	if (w.more && !w.stopped)
		hub_cursor_set(next, w.last);
	return 0;
}
