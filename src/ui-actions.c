/* ui-actions.c: the actions pane (being built). Reads only what it shows;
 * writes only through hub operations. */
#include "ui.h"

static const int actions_hints[] = { AC_NONE };

static void
actions_load(struct ui_pane *p, struct ui *ui, struct store_txn *t)
{
	(void)p;
	(void)ui;
	(void)t;
}

static void
actions_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	(void)p;
	ui_line(ui, r.y, r.x, r.w, E_TITLE, _("Actions"));
}

static int
actions_action(struct ui_pane *p, struct ui *ui, int a)
{
	(void)ui;
	return ui_list_action(p, a);
}

const struct ui_pane_class ui_actions_class = {
	"actions", N_("Actions"), SC_ACTIONS, actions_hints, NULL, NULL, actions_load, actions_draw,
	actions_action, NULL
};
