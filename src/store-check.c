/* store-check.c: a walk of every B-tree page of data.mdb, read with
 * pread(2) under a read snapshot, never through LMDB's map: a damaged
 * page is named by number instead of crashing LMDB. Knows LMDB 0.9's
 * page layout (64-bit); must not write, nor trust a single byte it read. */
#include "store-int.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* LMDB 0.9 on-disk layout (mdb.c): page header, node, MDB_db, MDB_meta. */
#define PAGEHDR		16
#define NODEHDR		8
#define P_BRANCH	0x01
#define P_LEAF		0x02
#define P_OVERFLOW	0x04
#define P_META		0x08
#define P_LEAF2		0x20
#define P_SUBP		0x40
#define F_BIGDATA	0x01
#define F_SUBDATA	0x02
#define F_DUPDATA	0x04
#define DB_DUPFIXED	0x10
#define DBSIZE		48
#define META_MAGIC	0xBEEFC0DEu
#define P_INVALID	(~(uint64_t)0)
#define MAX_DEPTH	24
#define MAX_SHOWN	20

struct walk {
	int fd;
	unsigned psize;
	uint64_t npages;	/* pages the snapshot may use: last_pg + 1 */
	uint8_t *seen;
	struct buf *out;
	uint64_t nprob;
	struct err *e;
};

struct mdb_db {
	unsigned pad, flags, depth;
	uint64_t entries, root;
};

static uint16_t
le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16;
}

static uint64_t
le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void
db_parse(const uint8_t *p, struct mdb_db *d)
{
	d->pad = le32(p);
	d->flags = le16(p + 4);
	d->depth = le16(p + 6);
	d->entries = le64(p + 32);
	d->root = le64(p + 40);
}

static void
page_bad(struct walk *w, uint64_t pg, const char *db, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
page_bad(struct walk *w, uint64_t pg, const char *db, const char *fmt, ...)
{
	char why[200];
	va_list ap;

	/* fmt: an English phrase (keyword page_bad:4), in the language
	 * chosen; db names the tree (N_ for the free list and main tree). */
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, gettext(fmt), ap);
	va_end(ap);
	if (w->nprob == 0)
		err_set(w->e, ERR_SYSTEM, "the database is damaged: page "
		    "%llu (in %s): %s", (unsigned long long)pg, gettext(db),
		    why);
	if (w->nprob < MAX_SHOWN)
		buf_printf(w->out, _("the database is damaged: page %llu (in "
		    "%s): %s\n"), (unsigned long long)pg, gettext(db), why);
	w->nprob++;
}

static int
seen(struct walk *w, uint64_t pg)
{
	int was = (w->seen[pg >> 3] >> (pg & 7)) & 1;

	w->seen[pg >> 3] |= (uint8_t)(1u << (pg & 7));
	return was;
}

static int
read_page(struct walk *w, uint64_t pg, uint8_t *b)
{
	ssize_t n = pread(w->fd, b, w->psize, (off_t)(pg * w->psize));

	return n == (ssize_t)w->psize ? 0 : -1;
}

static void walk_page(struct walk *, const char *, uint64_t, unsigned,
    const struct mdb_db *, uint64_t);
static void walk_tree(struct walk *, const char *, const struct mdb_db *,
    uint64_t, int);

static void
walk_tree(struct walk *w, const char *db, const struct mdb_db *d,
    uint64_t from, int main_tree)
{
	if (d->root == P_INVALID)
		return;
	if (d->depth == 0 || d->depth > MAX_DEPTH) {
		page_bad(w, from, db, "names a tree of depth %u", d->depth);
		return;
	}
	walk_page(w, db, d->root, d->depth, main_tree ? NULL : d, from);
}

/* A sub-page of duplicates kept inside a leaf node. */
static void
check_subpage(struct walk *w, const char *db, uint64_t pg, const uint8_t *p,
    size_t n)
{
	unsigned fl, lo, up;

	if (n < PAGEHDR) {
		page_bad(w, pg, db, "a duplicate list is %zu bytes", n);
		return;
	}
	fl = le16(p + 10);
	lo = le16(p + 12);
	up = le16(p + 14);
	if (!(fl & P_SUBP) || !(fl & P_LEAF) || lo < PAGEHDR || lo > up ||
	    up > n)
		page_bad(w, pg, db, "a duplicate list has a damaged header");
}

static void
walk_leaf_node(struct walk *w, const char *db, uint64_t pg, const uint8_t *b,
    unsigned ptr, const struct mdb_db *d)
{
	unsigned nfl = le16(b + ptr + 4), ks = le16(b + ptr + 6);
	uint64_t ds = (uint64_t)le16(b + ptr) | (uint64_t)le16(b + ptr + 2) <<
	    16;
	const uint8_t *data = b + ptr + NODEHDR + ks;
	struct mdb_db sub;
	char name[64];

	if (nfl & F_BIGDATA) {
		uint8_t *ob;
		uint64_t opg, pages;
		if (ptr + NODEHDR + ks + 8 > w->psize) {
			page_bad(w, pg, db, "a node runs past the page's end");
			return;
		}
		opg = le64(data);
		if (opg < 2 || opg >= w->npages) {
			page_bad(w, pg, db, "a value points to page %llu, past "
			    "the end", (unsigned long long)opg);
			return;
		}
		ob = xmalloc(w->psize);
		if (read_page(w, opg, ob) != 0)
			page_bad(w, opg, db, "cannot be read");
		else if (le64(ob) != opg || !(le16(ob + 10) & P_OVERFLOW))
			page_bad(w, opg, db, "is not the large value it should "
			    "be (header says page %llu, flags %#x)",
			    (unsigned long long)le64(ob), le16(ob + 10));
		else {
			pages = le32(ob + 12);
			if (pages == 0 || opg + pages > w->npages ||
			    pages * w->psize < ds + PAGEHDR)
				page_bad(w, opg, db, "a large value spans %llu "
				    "pages, which cannot hold it",
				    (unsigned long long)pages);
			else
				for (uint64_t i = 0; i < pages; i++)
					if (seen(w, opg + i)) {
						page_bad(w, opg + i, db, "is "
						    "used twice");
						break;
					}
		}
		free(ob);
		return;
	}
	if (ptr + NODEHDR + ks + ds > w->psize) {
		page_bad(w, pg, db, "a value runs past the page's end");
		return;
	}
	if (nfl & F_SUBDATA) {
		if (ds != DBSIZE) {
			page_bad(w, pg, db, "a sub-database record is %llu "
			    "bytes", (unsigned long long)ds);
			return;
		}
		db_parse(data, &sub);
		if (d == NULL) {	/* the main tree: a named database */
			snprintf(name, sizeof name, "%.*s",
			    (int)(ks > 40 ? 40 : ks), (const char *)b + ptr +
			    NODEHDR);
			for (char *q = name; *q; q++)
				if ((unsigned char)*q < 32)
					*q = '?';
			walk_tree(w, name, &sub, pg, 0);
		} else
			walk_tree(w, db, &sub, pg, 0);
	} else if (nfl & F_DUPDATA)
		check_subpage(w, db, pg, data, (size_t)ds);
}

static void
walk_page(struct walk *w, const char *db, uint64_t pg, unsigned depth,
    const struct mdb_db *d, uint64_t from)
{
	unsigned fl, lo, up, n, want;
	uint8_t *b;
	int dupfixed = d != NULL && (d->flags & DB_DUPFIXED) && d->pad != 0;

	if (pg < 2 || pg >= w->npages) {
		page_bad(w, from, db, "points to page %llu, outside the "
		    "database", (unsigned long long)pg);
		return;
	}
	if (seen(w, pg)) {
		page_bad(w, pg, db, "is reached twice (a loop, or a page "
		    "shared by two trees)");
		return;
	}
	b = xmalloc(w->psize);
	if (read_page(w, pg, b) != 0) {
		page_bad(w, pg, db, "cannot be read (the file is short)");
		goto out;
	}
	fl = le16(b + 10);
	lo = le16(b + 12);
	up = le16(b + 14);
	want = depth > 1 ? P_BRANCH : P_LEAF;
	if (le64(b) != pg) {
		page_bad(w, pg, db, "its header says it is page %llu",
		    (unsigned long long)le64(b));
		goto out;
	}
	if ((fl & (P_BRANCH | P_LEAF | P_OVERFLOW | P_META)) != want) {
		if (want == P_BRANCH)
			page_bad(w, pg, db, "a branch page was expected, its "
			    "flags are %#x", fl);
		else
			page_bad(w, pg, db, "a leaf page was expected, its "
			    "flags are %#x", fl);
		goto out;
	}
	if (lo < PAGEHDR || lo > up || up > w->psize || (lo - PAGEHDR) % 2) {
		page_bad(w, pg, db, "its bounds are damaged (lower %u, upper "
		    "%u)", lo, up);
		goto out;
	}
	n = (lo - PAGEHDR) / 2;
	if (fl & P_LEAF2) {
		if (!dupfixed || (uint64_t)n * d->pad > w->psize - PAGEHDR)
			page_bad(w, pg, db, "a packed page that cannot hold "
			    "its %u keys", n);
		goto out;
	}
	if (n == 0 && depth > 1)
		page_bad(w, pg, db, "a branch page with no keys");
	for (unsigned i = 0; i < n; i++) {
		unsigned ptr = le16(b + PAGEHDR + 2 * i);
		if (ptr < up || ptr + NODEHDR > w->psize ||
		    ptr + NODEHDR + le16(b + ptr + 6) > w->psize) {
			page_bad(w, pg, db, "node %u lies outside the page", i);
			break;
		}
		if (depth > 1)
			walk_page(w, db, (uint64_t)le16(b + ptr) |
			    (uint64_t)le16(b + ptr + 2) << 16 |
			    (uint64_t)le16(b + ptr + 4) << 32, depth - 1, d,
			    pg);
		else
			walk_leaf_node(w, db, pg, b, ptr, d);
	}
out:
	free(b);
}

/* The meta page of the snapshot txn reads (or a newer one: pages of a
 * newer snapshot are not reused while txn holds its reader slot). */
static int
pick_meta(struct walk *w, MDB_txn *txn, uint8_t *meta)
{
	uint8_t b[2][256];
	uint64_t id[2], want = mdb_txn_id(txn);
	int best = -1;

	for (int i = 0; i < 2; i++) {
		id[i] = 0;
		if (pread(w->fd, b[i], sizeof b[i], (off_t)i * w->psize) !=
		    (ssize_t)sizeof b[i] || le32(b[i] + 16) != META_MAGIC ||
		    !(le16(b[i] + 10) & P_META))
			continue;
		id[i] = le64(b[i] + 16 + 128);
		if (id[i] >= want && (best < 0 || id[i] > id[best]))
			best = i;
	}
	if (best < 0)
		return -1;
	memcpy(meta, b[best], 256);
	return 0;
}

int
check_pages(struct store *s, MDB_txn *txn, struct buf *report,
    uint64_t *problems, struct err *e)
{
	struct walk w;
	struct mdb_db fdb, mdb;
	MDB_stat ms;
	uint8_t meta[256];
	int rc;

	memset(&w, 0, sizeof w);
	w.fd = s->dfd;
	w.out = report;
	w.e = e;
	*problems = 0;
	if ((rc = mdb_env_stat(s->env, &ms)) != 0)
		return store_lmdb_err(e, rc, "cannot check the pages");
	w.psize = ms.ms_psize;
	if (pick_meta(&w, txn, meta) != 0) {
		err_set(e, ERR_SYSTEM, "the database is damaged: no meta page "
		    "(page 0 or 1) describes the current state");
		buf_printf(report, "%s\n", e->msg);
		*problems = 1;
		return 0;
	}
	w.npages = le64(meta + 16 + 120) + 1;
	w.seen = xcalloc(1, (size_t)(w.npages / 8 + 1));
	seen(&w, 0);
	seen(&w, 1);
	db_parse(meta + 16 + 24, &fdb);
	db_parse(meta + 16 + 24 + DBSIZE, &mdb);
	walk_tree(&w, N_("the free list"), &fdb, 0, 0);
	walk_tree(&w, N_("the main tree"), &mdb, 0, 1);
	free(w.seen);
	if (w.nprob > MAX_SHOWN)
		buf_printf(report, ngettext("... %llu damaged place in all\n",
		    "... %llu damaged places in all\n", w.nprob),
		    (unsigned long long)w.nprob);
	*problems = w.nprob;
	return 0;
}
