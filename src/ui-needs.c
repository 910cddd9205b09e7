/* ui-needs.c: the needs pane (being built). Reads only what it shows;
 * writes only through hub operations. */
#include "ui.h"

static const int needs_hints[] = { AC_NONE };

static void
needs_load(struct ui_pane *p, struct ui *ui, struct store_txn *t)
{
	(void)p;
	(void)ui;
	(void)t;
}

static void
needs_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	(void)p;
	ui_line(ui, r.y, r.x, r.w, E_TITLE, _("Needs"));
}

static int
needs_action(struct ui_pane *p, struct ui *ui, int a)
{
	(void)ui;
	return ui_list_action(p, a);
}

const struct ui_pane_class ui_needs_class = {
	"needs", N_("Needs"), SC_NEEDS, needs_hints, NULL, NULL, needs_load, needs_draw,
	needs_action, NULL
};
