/* test-need-list.c: hub_need_list against a brute-force answer: every
 * filter combination, every sort, and paging with every small page size
 * walks each match exactly once, in order; hub_need_rows (read in place)
 * gives the same pages and cursors, and each row the decoded need's
 * fields. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hub.h"
#include "codec.h"

#define NNEEDS 400
#define NSUPP 6

static const char *terrs[] = { "Aix-Marseille", "Alpes", "Avignon", "Azur" };
static const char *cats[] = { "santé", "connexion", "équipement" };

struct fix {
	char dir[64];
	struct hub *h;
};

static int
op_fill(struct hub_ctx *c, void *arg)
{
	struct actor *sup = arg, *outer = c->who;
	struct actor rep;
	struct member m;
	int rc;

	hub_actor_member(&rep, "rep");
	if ((rc = hub_member_by_login(c->t, "rep", &m, c->e)) != 0)
		return rc;
	rep.id = m.id;
	rep.roles = m.roles;
	codec_free(RT_MEMBER, &m);
	for (int i = 0; i < NNEEDS; i++) {
		struct need_input in = { 0 };
		uint64_t id;
		char title[32];

		snprintf(title, sizeof title, "n%d", i);
		in.title = title;
		in.territory = terrs[(i * 7) % 4];
		in.category = i % 5 ? cats[i % 3] : NULL;
		in.round = i % 2 ? "2026-B1" : "2026-B2";
		c->who = &rep;
		if ((rc = hub_need_add_in(c, &in, &id)) != 0)
			return rc;
		for (int s = 0; s < (i * 13) % (NSUPP + 1); s++) {
			c->who = &sup[s];
			if ((rc = hub_need_support_in(c, id, terrs[(i + s) % 4],
			    NULL, 0, NULL)) != 0)
				return rc;
		}
		if (i % 9 == 0) {
			c->who = outer;
			if ((rc = hub_need_status_in(c, id, NEED_ARCHIVED)) != 0)
				return rc;
		}
	}
	c->who = outer;
	return 0;
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	struct actor adm, sup[NSUPP];
	struct err e;

	snprintf(f->dir, sizeof f->dir, "/tmp/cercle-unit.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(hub_open(f->dir, 1, &f->h, &e), 0);
	hub_actor_console(&adm, NULL);
	assert_int_equal(hub_init(f->h, &adm, NULL, &e), 0);
	assert_int_equal(hub_member_add(f->h, &adm, "rep", "Rep", ROLE_MEMBER,
	    "Alpes", NULL, NULL, &e), 0);
	for (int s = 0; s < NSUPP; s++) {
		char login[16];
		snprintf(login, sizeof login, "s%d", s);
		assert_int_equal(hub_member_add(f->h, &adm, login, "S",
		    ROLE_CORRESPONDENT, "Azur", NULL, NULL, &e), 0);
		hub_actor_member(&sup[s], login);
	}
	/* Resolve the supporters' ids by login inside the operation. */
	for (int s = 0; s < NSUPP; s++) {
		struct store_txn *t;
		struct member m;
		assert_int_equal(hub_read(f->h, &t, &e), 0);
		assert_int_equal(hub_member_by_login(t, sup[s].login, &m, &e),
		    0);
		sup[s].id = m.id;
		sup[s].roles = m.roles;
		codec_free(RT_MEMBER, &m);
		hub_read_end(t);
	}
	assert_int_equal(hub_run(f->h, &adm, "test.fill", NULL, op_fill, sup,
	    &e), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char cmd[128];

	hub_close(f->h);
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

struct rec {
	uint64_t id, key;
};

struct coll {
	struct rec v[NNEEDS];
	size_t n;
	int sort;
	const struct need_filter *f;
};

static uint64_t
key_of(const struct need *n, int sort)
{
	return sort == NEED_SORT_SUPPORT ? n->supports :
	    sort == NEED_SORT_TERRS ? n->territories.n : 0;
}

static int
coll_cb(struct store_txn *t, const struct need *n, void *arg)
{
	struct coll *c = arg;

	(void)t;
	assert_true(c->n < NNEEDS);
	c->v[c->n].id = n->id;
	c->v[c->n].key = key_of(n, c->sort);
	c->n++;
	return 0;
}

static void
assert_strv(struct hub_strv v, const char *s)
{
	if (s == NULL) {
		assert_null(v.p);
		return;
	}
	assert_non_null(v.p);
	assert_int_equal(v.n, strlen(s));
	assert_memory_equal(v.p, s, v.n);
}

/* A row holds what the decoded need holds, and is collected as coll_cb
 * collects a need. */
static int
row_cb(struct store_txn *t, const struct need_row *r, void *arg)
{
	struct coll *c = arg;
	struct need n;
	struct err e;

	assert_int_equal(store_get(t, RT_NEED, r->id, &n, &e), 0);
	assert_strv(r->title, n.title);
	assert_strv(r->territory, n.territory);
	assert_strv(r->category, n.category);
	assert_strv(r->public_, n.public_);
	assert_strv(r->round, n.round);
	assert_int_equal(r->status, n.status);
	assert_int_equal(r->supports, n.supports);
	assert_int_equal(r->territories, n.territories.n);
	assert_int_equal(r->reporter, n.reporter);
	assert_int_equal(r->created, n.created);
	assert_int_equal(r->updated, n.updated);
	assert_int_equal(r->merged_into, n.merged_into);
	assert_true(c->n < NNEEDS);
	c->v[c->n].id = n.id;
	c->v[c->n].key = key_of(&n, c->sort);
	c->n++;
	codec_free(RT_NEED, &n);
	return 0;
}

/* Brute force: every need, filtered, sorted by (key, id) descending. */
static int
brute_cb(struct store_txn *t, const struct need *n, void *arg)
{
	struct coll *c = arg;

	(void)t;
	if (hub_need_match(n, c->f)) {
		c->v[c->n].id = n->id;
		c->v[c->n].key = key_of(n, c->sort);
		c->n++;
	}
	return 0;
}

static int
rec_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static void
check_one(struct hub *h, const struct need_filter *f, int sort)
{
	static struct coll want, got, page;
	struct need_filter all;
	struct store_txn *t;
	char after[HUB_CURSOR_MAX], next[HUB_CURSOR_MAX];
	struct err e;

	hub_need_filter_init(&all);
	memset(&want, 0, sizeof want);
	want.sort = sort;
	want.f = f;
	assert_int_equal(hub_read(h, &t, &e), 0);
	assert_int_equal(hub_need_list(t, &all, NEED_SORT_NEWEST, NULL, 0,
	    brute_cb, &want, NULL, &e), 0);
	qsort(want.v, want.n, sizeof want.v[0], rec_cmp);
	/* Decoded needs, then rows read in place. */
	for (int rows = 0; rows < 2; rows++)
	for (size_t lim = 1; lim <= 7; lim += 3) {
		memset(&got, 0, sizeof got);
		after[0] = '\0';
		for (int guard = 0; guard < NNEEDS + 2; guard++) {
			memset(&page, 0, sizeof page);
			page.sort = sort;
			if (rows)
				assert_int_equal(hub_need_rows(t, f, sort,
				    after[0] ? after : NULL, lim, row_cb,
				    &page, next, &e), 0);
			else
				assert_int_equal(hub_need_list(t, f, sort,
				    after[0] ? after : NULL, lim, coll_cb,
				    &page, next, &e), 0);
			assert_true(page.n <= lim);
			memcpy(got.v + got.n, page.v, page.n * sizeof page.v[0]);
			got.n += page.n;
			if (next[0] == '\0')
				break;
			assert_int_equal(page.n, lim);
			snprintf(after, sizeof after, "%s", next);
		}
		assert_int_equal(got.n, want.n);
		for (size_t i = 0; i < want.n; i++)
			assert_int_equal(got.v[i].id, want.v[i].id);
	}
	hub_read_end(t);
}

static void
test_filters_sorts_paging(void **state)
{
	struct fix *fx = *state;
	struct need_filter f;
	int statuses[] = { -1, NEED_REPORTED, NEED_ARCHIVED, NEED_QUALIFIED };

	/* Both ways of sorting a filtered set: gathered and sorted (the
	 * default for small sets) and walking the sort index (forced). */
	for (int way = 0; way < 2; way++) {
	if (way)
		setenv("CERCLE_LIST_SMALL", "0", 1);
	for (int sort = 0; sort < NEED_SORT__COUNT; sort++)
		for (size_t s = 0; s < 4; s++)
			for (int tr = -1; tr < 4; tr += 2)
				for (int ca = -1; ca < 3; ca += 2) {
					hub_need_filter_init(&f);
					f.status = statuses[s];
					f.territory = tr >= 0 ? terrs[tr] :
					    NULL;
					f.category = ca >= 0 ? cats[ca] : NULL;
					f.round = (tr + ca) % 2 ? "2026-B1" :
					    NULL;
					check_one(fx->h, &f, sort);
				}
	unsetenv("CERCLE_LIST_SMALL");
	}
}

static int
stop_cb(struct store_txn *t, const struct need *n, void *arg)
{
	(void)t;
	(void)n;
	return ++*(int *)arg == 3;
}

static void
test_cursor_errors(void **state)
{
	struct fix *fx = *state;
	struct need_filter f;
	struct store_txn *t;
	char next[HUB_CURSOR_MAX];
	struct err e;
	int n = 0;

	hub_need_filter_init(&f);
	assert_int_equal(hub_read(fx->h, &t, &e), 0);
	assert_int_equal(hub_need_list(t, &f, NEED_SORT_SUPPORT, "n.4", 5,
	    coll_cb, NULL, next, &e), ERR_USAGE);
	assert_int_equal(hub_need_list(t, &f, NEED_SORT_NEWEST, "n.x", 5,
	    coll_cb, NULL, next, &e), ERR_USAGE);
	assert_int_equal(hub_need_list(t, &f, NEED_SORT_NEWEST, "s.1", 5,
	    coll_cb, NULL, next, &e), ERR_USAGE);
	/* A callback that stops early leaves no cursor. */
	assert_int_equal(hub_need_list(t, &f, NEED_SORT_NEWEST, NULL, 0,
	    stop_cb, &n, next, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(next, "");
	hub_read_end(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filters_sorts_paging),
		cmocka_unit_test(test_cursor_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
