/* hub-text.c: reads about member text as people see it: titles of needs
 * and tensions that differ only by invisible characters (zero-width
 * spaces and joiners, word joiners, byte-order marks), which would look
 * the same on a screen. Writes nothing. */
#include "hub.h"
#include "codec.h"

#include <stdlib.h>
#include <string.h>

struct twin {
	uint64_t id;
	char *title, *fold;
};

struct twins {
	int rtype;
	struct twin *v;
	size_t n, cap;
	struct err *e;
	int bad;
};

static int
twin_cb(uint64_t id, const void *data, size_t len, void *argp)
{
	struct twins *w = argp;
	const char *title = NULL;
	char fold[1024];
	struct need n;
	struct tension t;

	if (w->rtype == RT_NEED) {
		if (codec_decode(RT_NEED, data, len, &n, w->e) != 0)
			return w->bad = 1;
		title = n.title;
	} else {
		if (codec_decode(RT_TENSION, data, len, &t, w->e) != 0)
			return w->bad = 1;
		title = t.title;
	}
	if (title != NULL) {
		util_fold_invisible(title, fold, sizeof fold);
		{
			if (w->n == w->cap) {
				w->cap = w->cap ? w->cap * 2 : 64;
				w->v = xrealloc(w->v, w->cap * sizeof *w->v);
			}
			w->v[w->n].id = id;
			w->v[w->n].title = xstrdup(title);
			w->v[w->n].fold = xstrdup(fold);
			w->n++;
		}
	}
	codec_free(w->rtype, w->rtype == RT_NEED ? (void *)&n : (void *)&t);
	return 0;
}

static int
twin_cmp(const void *a, const void *b)
{
	const struct twin *x = a, *y = b;
	int c = strcmp(x->fold, y->fold);

	if (c != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

int
hub_title_twins(struct hub *h, hub_twin_cb cb, void *arg, size_t *pairs,
    struct err *e)
{
	static const int types[] = { RT_NEED, RT_TENSION };
	struct store_txn *t;
	size_t found = 0;
	int rc = 0;

	for (size_t k = 0; k < 2 && rc == 0; k++) {
		struct twins w = { types[k], NULL, 0, 0, e, 0 };

		if ((rc = hub_read(h, &t, e)) != 0)
			return rc;
		rc = store_scan(t, types[k], 0, 0, twin_cb, &w, e);
		hub_read_end(t);
		if (rc == 0 && w.bad)
			rc = e->code ? e->code : ERR_SYSTEM;
		if (rc == 0 && w.n > 1)
			qsort(w.v, w.n, sizeof *w.v, twin_cmp);
		/* Same fold, different text: only invisible characters
		 * tell them apart. */
		for (size_t i = 0; rc == 0 && i + 1 < w.n; i++)
			for (size_t j = i + 1; j < w.n &&
			    strcmp(w.v[i].fold, w.v[j].fold) == 0; j++)
				if (strcmp(w.v[i].title, w.v[j].title) != 0) {
					found++;
					cb(types[k], w.v[i].id, w.v[i].title,
					    w.v[j].id, w.v[j].title, arg);
				}
		for (size_t i = 0; i < w.n; i++) {
			free(w.v[i].title);
			free(w.v[i].fold);
		}
		free(w.v);
	}
	*pairs = found;
	return rc;
}
