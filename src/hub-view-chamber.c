/* hub-view-chamber.c: the chamber's roster (active members and their
 * roles) as a page iterator, for builders such as the demo and for views
 * of who takes part. Must not write or print. */
#include "hub-view-int.h"
#include "codec.h"

#include <string.h>

struct roster {
	hub_roster_cb cb;
	void *arg;
	int bad;
	struct err e;
};

static int
roster_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct roster *ro = arg;
	struct hub_roster_row row;
	struct member m;
	int stop = 0;

	if (codec_decode(RT_MEMBER, data, len, &m, &ro->e) != 0) {
		ro->bad = 1;
		return 1;
	}
	if (!m.disabled) {
		row.id = id;
		row.login = m.login ? m.login : "";
		row.roles = m.roles;
		stop = ro->cb(&row, ro->arg);
	}
	codec_free(RT_MEMBER, &m);
	return stop;
}

int
hub_roster_list(struct hub_rd *r, hub_roster_cb cb, void *arg, struct err *e)
{
	struct store_txn *t;
	struct roster ro;
	int rc;

	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	memset(&ro, 0, sizeof ro);
	ro.cb = cb;
	ro.arg = arg;
	rc = store_scan(t, RT_MEMBER, 0, 0, roster_cb, &ro, e);
	if (rc == 0 && ro.bad) {
		*e = ro.e;
		rc = ERR_SYSTEM;
	}
	return rc;
}

struct first {
	uint64_t *ids;
	size_t n, max;
};

static int
first_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct first *f = arg;

	(void)data;
	(void)len;
	f->ids[f->n++] = id;
	return f->n == f->max;
}

int
hub_needs_oldest(struct hub_rd *r, uint64_t *ids, size_t max, size_t *n,
    struct err *e)
{
	struct store_txn *t;
	struct first f = { ids, 0, max };
	int rc;

	*n = 0;
	if ((t = hub_rd_live(r, e)) == NULL)
		return e->code;
	if (max == 0)
		return 0;
	rc = store_scan(t, RT_NEED, 0, 0, first_cb, &f, e);
	*n = f.n;
	return rc;
}
