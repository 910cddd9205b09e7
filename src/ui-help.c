/* ui-help.c: the help overlay (?): the keys of the focused pane and the
 * global ones, the viewer's roles only, fitted to the screen so any key
 * closes it. Reads the keymap; must not act or read the hub. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* May the viewer ever take action a (the roles it needs)? */
static int
help_shows(struct ui *ui, int a)
{
	uint64_t roles = ui_action_roles(a);

	return roles == 0 || (ui->roles & roles) != 0;
}

#define HELP_MAX 128	/* bindings listed per section */

/* The bindings of scope sc that apply in scope (not shadowed), the
 * viewer's only (help_shows), into v; returns how many. */
static int
help_collect(struct ui *ui, int scope, int sc, int *v)
{
	int n = 0;

	for (size_t i = 0; i < ui->keys.n && n < HELP_MAX; i++) {
		const struct ui_binding *b = &ui->keys.v[i];
		if (b->scope == sc && keys_lookup(&ui->keys, scope, b->key) ==
		    b->action && help_shows(ui, b->action))
			v[n++] = (int)i;
	}
	return n;
}

/* One binding, "key  help", in w columns. */
static void
help_entry(struct ui *ui, int y, int x, int w, const struct ui_binding *b)
{
	char name[32], pad[64], text[300];

	snprintf(text, sizeof text, "  %s %s", ui_pad(keys_name(b->key, name,
	    sizeof name), w < 40 ? 6 : 10, pad, sizeof pad),
	    _(ui_action_help(b->action)));
	ui_line(ui, y, x, w, E_HELP, text);
}

/* The global keys as one wrapped run of "key help" items, from row y
 * for at most rows rows; returns the rows used. */
static int
help_run(struct ui *ui, int y, int x, int w, int rows, const int *v, int n,
    int draw)
{
	char name[32], item[200], line[600];
	int used = 0, lw = 0;
	size_t o = 0;

	line[0] = '\0';
	for (int i = 0; i <= n; i++) {
		int iw = 0;
		if (i < n) {
			const struct ui_binding *b = &ui->keys.v[v[i]];
			snprintf(item, sizeof item, "%s %s", keys_name(b->key,
			    name, sizeof name), _(ui_action_help(b->action)));
			iw = ui_width(item) + 2;
		}
		if (i == n || (lw > 2 && lw + iw > w)) {
			if (used < rows && draw)
				ui_line(ui, y + used, x, w, E_HELP, line);
			used++;
			o = 0;
			lw = 0;
			line[0] = '\0';
			if (i == n)
				break;
		}
		if (o == 0)
			o += (size_t)snprintf(line, sizeof line, "  ");
		if (o < sizeof line)
			o += (size_t)snprintf(line + o, sizeof line - o, "%s  ",
			    item);
		if (o >= sizeof line)
			o = sizeof line - 1;
		lw += iw + (lw == 0 ? 2 : 0);
	}
	return used;
}

/* The keys of the focused pane and the global ones, the viewer's only
 * (help_shows), fitted to the screen so that any key closes it: the
 * pane's keys one a line, or in two columns when they do not fit; the
 * global keys one a line, or as one wrapped run. */
void
ui_help_draw(struct ui *ui)
{
	int scope = ui->modal.open ? SC_EDIT :
	    UI_PANE_SCOPE(ui_panes[ui->focus]);
	int w = ui->cols > 76 ? 72 : ui->cols - 4, h = ui->rows - 2;
	int x = (ui->cols - w) / 2, y = 1, row = 1, avail;
	int pv[HELP_MAX], gv[HELP_MAX], np, ng = 0, cols = 1, compact = 0;
	int prow;

	if (w < 10 || h < 3)
		return;
	np = help_collect(ui, scope, scope, pv);
	if (scope != SC_EDIT && scope != SC_GLOBAL)
		ng = help_collect(ui, scope, SC_GLOBAL, gv);
	avail = h - 1;
	/* One column each, else the global keys as a run, else the pane's
	 * in two columns too. */
	if (1 + np + (ng ? 1 + ng : 0) > avail) {
		compact = 1;
		if (1 + np + (ng ? 1 + help_run(ui, 0, x, w, 99, gv, ng, 0) :
		    0) > avail)
			cols = 2;
	}
	for (int i = 0; i < h; i++)
		ui_fill(ui, y + i, x, w, E_HELP);
	ui_line(ui, y, x, w, E_TITLE, _(" Keys (any key closes) "));
	ui_line(ui, y + row++, x, w, E_HEADER, scope == SC_GLOBAL ||
	    scope == SC_EDIT ? (scope == SC_EDIT ? _("Editor") :
	    _("Everywhere")) : _(ui_panes[ui->focus]->title));
	prow = cols == 2 ? (np + 1) / 2 : np;
	for (int i = 0; i < np; i++) {
		int c = i / (prow ? prow : 1), r = i % (prow ? prow : 1);
		if (row + r >= h)
			continue;
		help_entry(ui, y + row + r, x + c * (w / 2), cols == 2 ? w / 2 :
		    w, &ui->keys.v[pv[i]]);
	}
	row += prow;
	if (ng == 0 || row >= h)
		return;
	ui_line(ui, y + row++, x, w, E_HEADER, _("Everywhere"));
	if (compact)
		help_run(ui, y + row, x, w, h - row, gv, ng, 1);
	else
		for (int i = 0; i < ng && row < h; i++)
			help_entry(ui, y + row++, x, w, &ui->keys.v[gv[i]]);
}

