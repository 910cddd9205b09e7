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

/* One binding, "key  help", in w columns; in a narrow column (the pane's
 * keys in two columns) a help that does not fit gives way to the key's
 * short label, so no line is cut. */
static void
help_entry(struct ui *ui, int y, int x, int w, const struct ui_binding *b)
{
	char name[32], pad[64], text[300];
	const char *key = ui_pad(keys_name(b->key, name, sizeof name),
	    w < 50 ? 6 : 10, pad, sizeof pad);

	snprintf(text, sizeof text, "  %s %s", key,
	    _(ui_action_help(b->action)));
	if (ui_width(text) >= w && ui_action_hint(b->action) != NULL)
		snprintf(text, sizeof text, "  %s %s", key,
		    _(ui_action_hint(b->action)));
	ui_line(ui, y, x, w, E_HELP, text);
}

/* The items of the global run, "key help" each; the keys that go to a
 * pane make one item where the first of them is ("1234567890 the
 * panes, in the order of their tabs": the tabs name them). */
#define ITEM_MAX 200
static int
run_items(struct ui *ui, const int *v, int n, char (*items)[ITEM_MAX])
{
	char name[32], panes[160] = "";
	size_t pl = 0;
	int k = 0, at = -1, multi = 0;

	for (int i = 0; i < n; i++)
		if (ui->keys.v[v[i]].action >= AC_PANE &&
		    strlen(keys_name(ui->keys.v[v[i]].key, name,
		    sizeof name)) > 1)
			multi = 1;
	for (int i = 0; i < n; i++) {
		const struct ui_binding *b = &ui->keys.v[v[i]];
		keys_name(b->key, name, sizeof name);
		if (b->action >= AC_PANE) {
			if (at < 0)
				at = k++;
			if (pl + strlen(name) + 2 < sizeof panes)
				pl += (size_t)snprintf(panes + pl, sizeof panes -
				    pl, "%s%s", pl && multi ? " " : "", name);
			continue;
		}
		snprintf(items[k++], ITEM_MAX, "%s %s", name,
		    _(ui_action_help(b->action)));
	}
	if (at >= 0)
		snprintf(items[at], ITEM_MAX, "%s %s", panes,
		    _("the panes, in the order of their tabs"));
	return k;
}

/* The global keys as one wrapped run of "key help" items, from row y
 * for at most rows rows; returns the rows used. */
static int
help_run(struct ui *ui, int y, int x, int w, int rows, const int *v, int n,
    int draw)
{
	static char items[HELP_MAX][ITEM_MAX];
	char line[600];
	int used = 0, lw = 0;
	size_t o = 0;

	n = run_items(ui, v, n, items);
	line[0] = '\0';
	for (int i = 0; i <= n; i++) {
		int iw = i < n ? ui_width(items[i]) + 2 : 0;
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
			    items[i]);
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
	/* The whole width up to 100 columns: no line of the pane shows
	 * through beside it, and a help line has room. */
	int w = ui->cols > 100 ? 96 : ui->cols, h = ui->rows - 2;
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

