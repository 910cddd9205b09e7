/* bench/need-list.c: figures for the needs queue on a large database:
 * time to fill N needs (in batches of one transaction each), then time of
 * a first page (50 needs) for each sort and a few filters, and of a page
 * deep in the list. Reports figures; asserts nothing.
 * Build (from the top, after make):
 *   cc -std=c11 -D_GNU_SOURCE -O2 -Isrc -o need-list bench/need-list.c \
 *   build/release/{codec,hub-need,hub,model,store,util}.o -llmdb -lmsgpackc \
 *   -lcrypto
 * Run: ./need-list DIR [N] (DIR a fresh directory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hub.h"
#include "codec.h"

static const char *terrs[] = { "Aix-Marseille", "Alpes", "Avignon", "Azur" };
static const char *cats[] = { "santé", "connexion", "équipement",
	"accès aux droits", "mobilité" };

struct fill {
	int from, to;
	struct actor *rep;
};

static int
op_fill(struct hub_ctx *c, void *arg)
{
	struct fill *f = arg;
	struct actor *outer = c->who;
	struct member m;
	int rc;

	if ((rc = hub_member_by_login(c->t, "rep", &m, c->e)) != 0)
		return rc;
	f->rep->id = m.id;
	f->rep->roles = m.roles;
	codec_free(RT_MEMBER, &m);
	c->who = f->rep;
	for (int i = f->from; i < f->to && rc == 0; i++) {
		struct need_input in = { 0 };
		char title[64];
		uint64_t id;

		snprintf(title, sizeof title, "Besoin numéro %d", i);
		in.title = title;
		in.territory = terrs[i % 4];
		in.category = cats[(i / 4) % 5];
		c->who = f->rep;
		rc = hub_need_add_in(c, &in, &id);
		c->who = outer;
		if (rc == 0 && i % 100 == 0)
			rc = hub_need_status_in(c, id, NEED_ARCHIVED);
	}
	c->who = outer;
	return rc;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
count_cb(struct store_txn *t, const struct need *n, void *arg)
{
	(void)t;
	(void)n;
	++*(int *)arg;
	return 0;
}

static void
page(struct hub *h, const char *what, const struct need_filter *f, int sort,
    int pages)
{
	struct store_txn *t;
	struct err e;
	char next[HUB_CURSOR_MAX] = "", after[HUB_CURSOR_MAX];
	double t0 = now_ms(), first = 0;
	int n = 0;

	for (int p = 0; p < pages; p++) {
		snprintf(after, sizeof after, "%s", next);
		if (hub_read(h, &t, &e) != 0 || hub_need_list(t, f, sort,
		    after[0] ? after : NULL, 50, count_cb, &n, next, &e) != 0) {
			fprintf(stderr, "%s\n", e.msg);
			exit(1);
		}
		hub_read_end(t);
		if (p == 0)
			first = now_ms() - t0;
		if (!next[0])
			break;
	}
	printf("%-40s first page %7.2f ms, %d pages %8.2f ms (%d needs)\n",
	    what, first, pages, now_ms() - t0, n);
}

int
main(int argc, char **argv)
{
	struct hub *h;
	struct actor adm, rep;
	struct err e;
	struct need_filter f;
	int n = argc > 2 ? atoi(argv[2]) : 100000;
	double t0;

	if (argc < 2) {
		fprintf(stderr, "usage: need-list DIR [N]\n");
		return 1;
	}
	if (hub_open(argv[1], 1, &h, &e) != 0) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	hub_actor_console(&adm, NULL);
	hub_actor_member(&rep, "rep");
	if (hub_init(h, &adm, NULL, &e) == 0) {
		hub_member_add(h, &adm, "rep", "Rep", ROLE_MEMBER, "Alpes",
		    NULL, NULL, &e);
		t0 = now_ms();
		for (int i = 0; i < n; i += 20000) {
			struct fill fl = { i, i + 20000 < n ? i + 20000 : n,
			    &rep };
			if (hub_run(h, &adm, "bench.fill", NULL, op_fill, &fl,
			    &e) != 0) {
				fprintf(stderr, "%s\n", e.msg);
				return 1;
			}
		}
		printf("filled %d needs in %.0f ms\n", n, now_ms() - t0);
	}
	hub_need_filter_init(&f);
	page(h, "newest, no filter", &f, NEED_SORT_NEWEST, 20);
	page(h, "support, no filter", &f, NEED_SORT_SUPPORT, 20);
	page(h, "territories, no filter", &f, NEED_SORT_TERRS, 20);
	f.territory = "Alpes";
	page(h, "newest, territory", &f, NEED_SORT_NEWEST, 20);
	f.status = NEED_ARCHIVED;
	page(h, "newest, territory+archived (1%)", &f, NEED_SORT_NEWEST, 20);
	page(h, "support, territory+archived (1%)", &f, NEED_SORT_SUPPORT, 1);
	hub_need_filter_init(&f);
	f.round = "1999-B1";
	page(h, "newest, round matching nothing (scan)", &f, NEED_SORT_NEWEST,
	    1);
	hub_close(h);
	return 0;
}
