/* ui-indicators.c: the indicators pane (tab 10): needs and supports by
 * category x territory as heat tables, the change from the previous round,
 * the needs seen in most territories as a bar chart. Writes nothing. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IND_LINES 96
#define IND_COLS 7	/* one territory's column */
#define IND_LABEL 24	/* the category column */

struct iline {
	int elem;
	char s[512];
};

struct idata {
	char round[16];		/* "": every round */
	char now[16];		/* the current round: the latest offered */
	struct iline l[IND_LINES];
	size_t n;
	char err[512];
};

static const int ind_hints[] = { AC_IND_EARLIER, AC_IND_LATER, AC_IND_ALL,
	AC_NONE };

static void
ind_init(struct ui_pane *p)
{
	struct idata *d = xcalloc(1, sizeof *d);

	util_round_of(util_now(), d->now, sizeof d->now);
	snprintf(d->round, sizeof d->round, "%s", d->now);
	p->data = d;
}

static void
ind_done(struct ui_pane *p)
{
	free(p->data);
	p->data = NULL;
}

static struct iline *
add(struct idata *d, int elem)
{
	struct iline *l;

	if (d->n >= IND_LINES)
		return NULL;
	l = &d->l[d->n++];
	l->elem = elem;
	l->s[0] = '\0';
	return l;
}

static void
cat(struct iline *l, const char *s, int w)
{
	char pad[256];
	size_t n;

	if (l == NULL)
		return;
	n = strlen(l->s);
	snprintf(l->s + n, sizeof l->s - n, "%s", w > 0 ?
	    ui_pad(s, w, pad, sizeof pad) : s);
}

/* A heat cell that reads in monochrome: the number and a shade of its
 * share of the table's largest cell (ASCII: . : # @). */
static void
heat(struct iline *l, uint64_t v, uint64_t max, int ascii)
{
	static const char *const uni[] = { " ", "░", "▒", "▓", "█" };
	static const char *const asc[] = { " ", ".", ":", "#", "@" };
	char s[32];
	int q = v == 0 || max == 0 ? 0 : 1 + (int)((v * 4 - 1) / max);

	if (q > 4)
		q = 4;
	snprintf(s, sizeof s, "%5llu%s ", (unsigned long long)v,
	    ascii ? asc[q] : uni[q]);
	cat(l, s, 0);
}

static void
table(struct idata *d, const struct hub_indicators *v, int supports,
    int ascii)
{
	size_t nt = v->territories.n, nc = v->categories.n;
	uint64_t max = 0, sum;
	struct iline *l;
	char s[32];

	for (size_t ti = 0; ti <= nt; ti++)
		for (size_t ci = 0; ci <= nc; ci++) {
			const struct hub_ind_cell *c = hub_indicators_cell(v,
			    ti, ci);
			uint64_t x = supports ? c->supports : c->needs;
			if (x > max)
				max = x;
		}
	if ((l = add(d, E_HEADER)) == NULL)
		return;
	cat(l, supports ? _("Supports") : _("Needs"), IND_LABEL);
	for (size_t ti = 0; ti < nt; ti++) {
		cat(l, v->territories.v[ti], IND_COLS - 1);
		cat(l, " ", 0);
	}
	cat(l, _("none"), IND_COLS - 1);
	cat(l, " ", 0);
	cat(l, _("total"), IND_COLS - 1);
	cat(l, " ", 0);
	if (v->prev[0])
		cat(l, _("change"), 0);
	for (size_t ci = 0; ci <= nc; ci++) {
		uint64_t prev = 0;
		sum = 0;
		for (size_t ti = 0; ti <= nt; ti++) {
			const struct hub_ind_cell *c = hub_indicators_cell(v,
			    ti, ci);
			sum += supports ? c->supports : c->needs;
			prev += supports ? c->prev_supports : c->prev_needs;
		}
		if (sum == 0 && prev == 0)
			continue;
		if ((l = add(d, E_NORMAL)) == NULL)
			return;
		cat(l, ci < nc ? v->categories.v[ci] : _("(no category)"),
		    IND_LABEL);
		for (size_t ti = 0; ti <= nt; ti++) {
			const struct hub_ind_cell *c = hub_indicators_cell(v,
			    ti, ci);
			heat(l, supports ? c->supports : c->needs, max, ascii);
		}
		snprintf(s, sizeof s, "%6llu ", (unsigned long long)sum);
		cat(l, s, 0);
		if (v->prev[0]) {
			snprintf(s, sizeof s, "%+6lld", (long long)sum -
			    (long long)prev);
			cat(l, s, 0);
		}
	}
}

static void
bars(struct idata *d, const struct hub_indicators *v, int ascii)
{
	uint64_t max = v->ntop ? v->top[0].territories : 0;
	struct iline *l;
	char s[64];

	if (v->ntop == 0 || (l = add(d, E_HEADER)) == NULL)
		return;
	cat(l, _("Needs seen in most territories"), 0);
	for (size_t i = 0; i < v->ntop; i++) {
		uint64_t w = max ? v->top[i].territories * 12 / max : 0;
		if ((l = add(d, E_NORMAL)) == NULL)
			return;
		snprintf(s, sizeof s, "#%-5llu ", (unsigned long long)v->top[i].id);
		cat(l, s, 0);
		for (uint64_t k = 0; k < 12; k++)
			cat(l, k < w ? (ascii ? "#" : "█") : " ", 0);
		snprintf(s, sizeof s, " %2llu  ",
		    (unsigned long long)v->top[i].territories);
		cat(l, s, 0);
		cat(l, v->top[i].title, 0);
	}
}

static void
ind_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct idata *d = p->data;
	struct hub_indicators v;
	struct iline *l;
	struct err e;
	char s[160];

	d->n = 0;
	d->err[0] = '\0';
	if (hub_indicators_view(rd, d->round[0] ? d->round : NULL, &v,
	    &e) != 0) {
		snprintf(d->err, sizeof d->err, "%s", e.msg);
		p->count = 0;
		return;
	}
	if ((l = add(d, E_NORMAL)) != NULL) {
		if (d->round[0])
			snprintf(s, sizeof s, ngettext("Round %s: %llu need, "
			    "%llu supports (%+lld from %s)", "Round %s: %llu "
			    "needs, %llu supports (%+lld from %s)",
			    v.total.needs), d->round,
			    (unsigned long long)v.total.needs,
			    (unsigned long long)v.total.supports,
			    (long long)v.total.needs -
			    (long long)v.total.prev_needs, v.prev);
		else
			snprintf(s, sizeof s, ngettext("Every round: %llu "
			    "need, %llu supports", "Every round: %llu needs, "
			    "%llu supports", v.total.needs),
			    (unsigned long long)v.total.needs,
			    (unsigned long long)v.total.supports);
		cat(l, s, 0);
	}
	table(d, &v, 0, ui->ascii);
	add(d, E_NORMAL);
	table(d, &v, 1, ui->ascii);
	add(d, E_NORMAL);
	bars(d, &v, ui->ascii);
	hub_indicators_free(&v);
	p->count = d->n;
	ui_list_fit(p, p->rows);
}

static void
ind_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct idata *d = p->data;
	int rows = r.h - 1;

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	ui_printf(ui, r.y, r.x, r.w, E_TITLE, " %s  %s", _("Indicators"),
	    d->round[0] ? d->round : _("every round"));
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		p->stale = 1;
	}
	if (d->err[0]) {
		ui_line(ui, r.y + 1, r.x, r.w, E_STATUS_ERR, d->err);
		return;
	}
	for (int i = 0; i < rows; i++) {
		size_t k = p->top + (size_t)i;
		int el = k < d->n ? d->l[k].elem : E_NORMAL;
		if (k == p->sel && k < d->n)
			el = E_SELECTED;
		ui_line(ui, r.y + 1 + i, r.x, r.w, el, k < d->n ? d->l[k].s :
		    "");
	}
}

static int
ind_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct idata *d = p->data;
	char r[16];

	(void)ui;
	switch (a) {
	case AC_IND_EARLIER:
		hub_round_step(d->round[0] ? d->round : d->now, d->round[0] ?
		    -1 : 0, r, sizeof r);
		break;
	case AC_IND_LATER:
		if (d->round[0] == '\0' || strcmp(d->round, d->now) >= 0)
			return UI_HANDLED;
		hub_round_step(d->round, 1, r, sizeof r);
		break;
	case AC_IND_ALL:
		r[0] = '\0';
		break;
	default:
		return ui_list_action(p, a);
	}
	snprintf(d->round, sizeof d->round, "%s", r);
	p->sel = p->top = 0;
	return UI_HANDLED | UI_RELOAD | UI_REDRAW;
}

const struct ui_pane_class ui_indicators_class = {
	.name = "indicators", .title = N_("Indicators"), .tab = 10,
	.help = N_("the common indicators"), .hints = ind_hints,
	.init = ind_init, .done = ind_done, .load = ind_load,
	.draw = ind_draw, .action = ind_action, .resume = NULL,
};
