/* ui-journal.c: the journal pane: every change, newest first (who, what,
 * when). Reads only the entries on screen; interface-state saves (drafts)
 * are left out: they are nobody else's business. Writes nothing. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JROWS 256

struct jrow {
	uint64_t seq;
	int64_t time;
	char actor[80];
	char op[40];
	char what[40];
	char summary[240];
};

struct jdata {
	struct jrow rows[JROWS];
	size_t n;
};

struct jscan {
	struct jdata *d;
	size_t skip, want, seen;
};

static const int journal_hints[] = { AC_PAGE_DOWN, AC_TOP, AC_NONE };

static void
journal_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct jdata));
}

static void
journal_done(struct ui_pane *p)
{
	free(p->data);
	p->data = NULL;
}

static int
journal_cb(const struct hub_journal_view *v, void *arg)
{
	struct jscan *s = arg;
	struct jrow *r;

	if (s->d->n >= s->want || s->d->n >= JROWS)
		return 1;
	if (v->ui)
		return 0;
	s->seen++;
	if (s->skip > 0) {
		s->skip--;
		return 0;
	}
	r = &s->d->rows[s->d->n++];
	r->seq = v->seq;
	r->time = v->time;
	snprintf(r->actor, sizeof r->actor, "%s", v->actor);
	snprintf(r->op, sizeof r->op, "%s", v->what);
	snprintf(r->what, sizeof r->what, "%s#%llu", v->noun,
	    (unsigned long long)v->rid);
	snprintf(r->summary, sizeof r->summary, "%s",
	    v->said ? v->said : "");
	return 0;
}

static void
journal_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct jdata *d = p->data;
	struct jscan s;
	struct err e;

	(void)ui;
	/* The count bounds scrolling; entries left out make it an upper
	 * bound, which only costs an empty last page. */
	p->count = (size_t)hub_rd_journal_last(rd);
	ui_list_fit(p, p->rows);
	memset(&s, 0, sizeof s);
	d->n = 0;
	s.d = d;
	s.skip = p->top;
	s.want = (size_t)p->rows;
	hub_journal_page(rd, 1, NULL, 0, journal_cb, &s, NULL, &e);
}

static void
journal_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct jdata *d = p->data;
	int rows = r.h - 1, y, x;
	char ts[40], line[400];

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	ui_printf(ui, r.y, r.x, r.w, E_TITLE, " %s", _("Journal"));
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		p->stale = 1;
	}
	for (size_t i = 0; i < d->n && (int)i < rows; i++) {
		struct jrow *j = &d->rows[i];
		int el = p->top + i == p->sel ? E_SELECTED : E_NORMAL;
		y = r.y + 1 + (int)i;
		ui_fill(ui, y, r.x, r.w, el);
		if (ui->sr) {
			/* Screen reader: the row read as a sentence. */
			snprintf(line, sizeof line, _("entry %llu, %s: %s "
			    "by %s, %s"), (unsigned long long)j->seq,
			    ui_date(ui, j->time, ts, sizeof ts), j->op,
			    j->actor, j->summary);
			ui_put(ui, y, r.x, r.w, el, line);
			continue;
		}
		snprintf(line, sizeof line, "%5llu %s ",
		    (unsigned long long)j->seq,
		    ui_date(ui, j->time, ts, sizeof ts));
		x = r.x + ui_put(ui, y, r.x, r.w, el == E_SELECTED ? el :
		    E_DIM, line);
		x += ui_put(ui, y, x, r.x + r.w - x, el, j->actor);
		x += ui_put(ui, y, x, r.x + r.w - x, el, " ");
		x += ui_put(ui, y, x, r.x + r.w - x, el == E_SELECTED ? el :
		    E_HEADER, j->op);
		x += ui_put(ui, y, x, r.x + r.w - x, el, " ");
		ui_put(ui, y, x, r.x + r.w - x, el, j->summary);
	}
}

static int
journal_action(struct ui_pane *p, struct ui *ui, int a)
{
	(void)ui;
	return ui_list_action(p, a);
}

const struct ui_pane_class ui_journal_class = {
	.name = "journal", .title = N_("Journal"), .tab = 7,
	.help = N_("the journal"), .hints = journal_hints,
	.init = journal_init, .done = journal_done, .load = journal_load,
	.draw = journal_draw, .action = journal_action, .resume = NULL,
};
